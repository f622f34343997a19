/* Shared by the workbook writers (xlsx_template.c, render_xlsx.c), the reader
 * (xlsx_read.c), the input workbook's loader (load_xlsx.c) and the annotator
 * (xlsx_annotate.c). */
#ifndef YU_XLSX_INTERNAL_H
#define YU_XLSX_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "yusuan/xlsx.h"
#include "yusuan/error.h"

#define MERGE_ROWS_MAX 2000000 /* rows a sheet's merged ranges may add */

/* Text as Excel shows it: a literal "_xHHHH_" would be read as an escaped
 * character, so its underscore is escaped (_x005F_xHHHH_).  Returns s itself,
 * or a copy in *owned (the caller frees *owned). */
const char *yu_xl_escape(const char *s, char **owned);

/* 政府采购's two rows beside 货物, 工程, 服务: the 中小企业 reservation (procurement.csv `sme`) and its
 * 小微企业 part (`sme_small`) */
#define YU_XL_SME "面向中小企业预留"
#define YU_XL_SME_SMALL "其中：预留给小型和微型企业"
/* The input sheets of the 其他相关情况说明 inputs, after 说明 in yu_xlsx_schema() */
enum { YU_XS_UNITS = 10, YU_XS_PERF = 11 };

/* The 说明 sheet's item label of a notes.csv key (gpb_change → 一般公共预算拨款变化原因),
 * NULL for a key without one (func:CODE is written "CODE 名称"). */
const char *yu_xlsx_note_label(const char *key);
/* The labels, for the drop-down: up to max into labels; returns how many there are. */
size_t yu_xlsx_note_labels(const char **labels, size_t max);

/* ---- the reader's parts, for the annotator (xlsx_read.c) ---- */

/* The zip part of sheet i ("xl/worksheets/sheet3.xml"), NULL for a sheet
 * without one (a chartsheet, a dangling relationship). */
const char *yu_xlsx_sheet_part(const yu_xlsx *x, size_t i);
/* The workbook part ("xl/workbook.xml") and its styles part ("xl/styles.xml"). */
const char *yu_xlsx_workbook_part(const yu_xlsx *x);
const char *yu_xlsx_styles_part(const yu_xlsx *x);
/* "AB12" into 0-based row and column; 0 on success, -1 when not a reference. */
int yu_xlsx_parse_ref(const char *s, uint32_t *row, uint32_t *col);
/* The target of a relationship resolved against the directory of `base`
 * ("xl/worksheets/sheet1.xml" + "../comments1.xml" → "xl/comments1.xml"), into buf. */
void yu_xlsx_resolve(const char *base, const char *target, char *buf, size_t n);

#endif
