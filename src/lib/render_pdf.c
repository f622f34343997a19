/* PDF renderer: being written (issue 5). */
#include "render_internal.h"

yu_status rt_pdf(const yu_doc *d, yu_buf *o, yu_error *err)
{
    (void)d;
    (void)o;
    return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "pdf output is not available yet");
}
