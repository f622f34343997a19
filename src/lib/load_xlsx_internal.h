/* The input workbook's loader, split along its seams: load_xlsx.c (the
 * schema, the cell readers and their errors at sheet!cell, the sheet walk,
 * 单位信息, the checks over the rows read, yu_load_xlsx) and load_xlsx_sheets.c
 * (the other sheets' rows).  Internal to them. */
#ifndef YU_LOAD_XLSX_INTERNAL_H
#define YU_LOAD_XLSX_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "yusuan/xlsx.h"
#include "yusuan/model.h"
#include "yusuan/error.h"
#include "internal.h"

/* the 政府采购 sheet in yu_xlsx_schema()'s order */
enum { YU__XS_PROC = 5 };

/* the most columns an input sheet's schema has (yu_xlsx_schema) */
#define YU_XL_MAXCOLS 32

typedef struct xcol {
    const yu_xcolspec *spec;
    int idx; /* 0-based column in the sheet, -1 when absent */
} xcol;

typedef struct lctx {
    const char *path;
    yu_xlsx *x;
    const yu_catalog *func, *econ;
    yu_budget *b;
    yu_error *err;
    const yu_xsheet *s; /* current sheet */
    yu_arena *a;        /* scratch strings of the load */
    uint8_t *fbits, *ebits;
    uint32_t *lrow;     /* sheet row of each line item */
    size_t lrow_cap;
    uint32_t *ltab;     /* line index + 1 by key hash, 0 empty */
    size_t lmask;
    yu_money sum;       /* Σ of every amount read so far (checked: YU_MONEY_SUM_MAX) */
    yu_errors *errs;    /* every error at once: the list, or NULL to stop at the first */
    size_t nerr;        /* errors added to errs by this load */
    yu_error first;     /* the first of them */
    int exp_unread;     /* a 支出明细 row whose 资金来源 or 金额 could not be read */
    int fund_failed;    /* a 收入 row with an error */
    uint32_t fund_row[YU_F_COUNT], sg_row[YU_SG_COUNT]; /* sheet row + 1 of each 收入 and 三公 item */
    int fund_col, sg_col, weight_col; /* their amount columns and 绩效指标's 分值权重 */
    uint32_t sme_row, small_row; /* sheet row + 1 of 政府采购's 中小企业 rows */
    int proc_col;                /* and their amount column */
} lctx;

/* ---- the cell readers (load_xlsx.c): an error is recorded at sheet!cell, and -1 returned ---- */

/* Records an error at sheet!cell (col NULL or absent: the row, as 支出明细!12:12). Returns -1. */
int yu__xl_err(lctx *c, uint32_t row, const xcol *col, yu_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
int yu__xl_oom(lctx *c);
const yu_xcell *yu__xl_cellv(lctx *c, uint32_t row, const xcol *col);
/* The trimmed text of a cell ("" when empty), a scratch string. */
char *yu__xl_text(lctx *c, uint32_t row, const xcol *col);
/* Only spaces (ASCII, ideographic), tabs and line breaks. */
int yu__xl_blank_text(const char *s);
int yu__xl_cell_empty(lctx *c, uint32_t row, const xcol *col);
/* An amount of the input unit (scale 分 each); empty is zero. */
int yu__xl_amount(lctx *c, uint32_t row, const xcol *col, int64_t scale, int allow_neg, yu_money *out);
int yu__xl_whole(lctx *c, uint32_t row, const xcol *col, long long lo, long long hi, long long dflt,
                 const char *what, long long *out);
/* "CODE 名称": cuts s after the code; returns the name, or NULL */
const char *yu__xl_split_named(char *s);
int yu__xl_check_named(lctx *c, uint32_t row, const xcol *col, const char *code, const char *name,
                       const char *catname, const char *what);
int yu__xl_func_code(lctx *c, uint32_t row, const xcol *col, uint32_t *out);
void yu__xl_list_add(char *buf, size_t cap, const char *s);
/* An amount in the workbook's unit ("1,506.35万元"), or in 元 when it is not a whole
 * number of that unit's hundredths. */
void yu__xl_unit_amount(const yu_budget *b, yu_money v, char *buf, size_t n);

/* ---- the sheets' rows (load_xlsx_sheets.c): 0, or -1 after an error ---- */

int yu__xl_row_fund(lctx *c, uint32_t row, xcol *cols, uint32_t *seen);
int yu__xl_row_exp(lctx *c, uint32_t row, xcol *cols);
int yu__xl_row_prior(lctx *c, uint32_t row, xcol *cols);
int yu__xl_row_sangong(lctx *c, uint32_t row, xcol *cols);
int yu__xl_row_proc(lctx *c, uint32_t row, xcol *cols);
/* 政府采购 as a whole, after its rows */
int yu__xl_check_proc(lctx *c);
int yu__xl_row_asset(lctx *c, uint32_t row, xcol *cols);
int yu__xl_row_member(lctx *c, uint32_t row, xcol *cols);
int yu__xl_row_perf(lctx *c, uint32_t row, xcol *cols);
int yu__xl_row_project(lctx *c, uint32_t row, xcol *cols);
int yu__xl_row_indicator(lctx *c, uint32_t row, xcol *cols);
int yu__xl_row_note(lctx *c, uint32_t row, xcol *cols);
/* An Excel date (days since 1899-12-30) as YYYYMMDD, 0 when it is not a day of 1949 or later. */
int yu__xl_excel_day(double v);

#endif
