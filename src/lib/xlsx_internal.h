/* Shared by the workbook writers (xlsx_template.c, render_xlsx.c). */
#ifndef YU_XLSX_INTERNAL_H
#define YU_XLSX_INTERNAL_H

/* Text as Excel shows it: a literal "_xHHHH_" would be read as an escaped
 * character, so its underscore is escaped (_x005F_xHHHH_).  Returns s itself,
 * or a copy in *owned (the caller frees *owned). */
const char *yu_xl_escape(const char *s, char **owned);

#endif
