/* XLSX renderer: being written (issue 4). */
#include "render_internal.h"

yu_status rt_xlsx(const yu_doc *d, const struct yu_findings *f, const char *path, yu_error *err)
{
    (void)d;
    (void)f;
    return yu_error_set(err, YU_EUSAGE, path, 0, 0, "xlsx output is not available yet");
}
