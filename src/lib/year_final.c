#include "year_internal.h"
yu_status yu_year_final_doc(const yu_budget *b, const yu_layout *L, const yu_year_opts *o, yu_doc **out, yu_error *err)
{ (void)b; (void)L; (void)o; *out = NULL; return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "todo"); }
