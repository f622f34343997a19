/* Shared by the workbook writers (xlsx_template.c, render_xlsx.c). */
#ifndef YU_XLSX_INTERNAL_H
#define YU_XLSX_INTERNAL_H

#include <stddef.h>

/* Text as Excel shows it: a literal "_xHHHH_" would be read as an escaped
 * character, so its underscore is escaped (_x005F_xHHHH_).  Returns s itself,
 * or a copy in *owned (the caller frees *owned). */
const char *yu_xl_escape(const char *s, char **owned);

/* The 说明 sheet's item label of a notes.csv key (gpb_change → 一般公共预算拨款变化原因),
 * NULL for a key without one (func:CODE is written "CODE 名称"). */
const char *yu_xlsx_note_label(const char *key);
/* The labels, for the drop-down: up to max into labels; returns how many there are. */
size_t yu_xlsx_note_labels(const char **labels, size_t max);

#endif
