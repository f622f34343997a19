/* The package loader's state, shared by load_package.c and load_other.c
 * (the files of 其他相关情况说明: procurement, assets, units, perf). */
#ifndef YU_LOAD_INTERNAL_H
#define YU_LOAD_INTERNAL_H
#include "yusuan/model.h"
#include "internal.h"

typedef struct ctx {
    const char *dir;
    const yu_catalog *func, *econ;
    yu_budget *b;
    yu_error *err;
    char path[1024]; /* current file, for messages */
    uint32_t fund_seen; /* bit per yu_fund given in funds.csv */
    uint8_t *fbits;     /* bitmap of catalogue 项 codes 2000000..2999999, or NULL */
    uint8_t *ebits;     /* bitmap of catalogue 经济分类 款 codes 30000..99999, or NULL */
    yu_money sum;       /* Σ of every amount read so far (checked: YU_MONEY_SUM_MAX) */
    yu_errors *errs;    /* every error at once: the list, or NULL to stop at the first */
    size_t nerr;        /* errors added to errs by this load */
    yu_error first;     /* the first of them */
    int valid;          /* the CSV file being read is known to be UTF-8 */
    int clean;          /* ... and to have no quote and no NUL byte */
    int sme_line, sme_col, small_line, small_col; /* procurement.csv sme / sme_small, for messages */
} ctx;

typedef struct colspec {
    const char *name; /* column name */
    int required;     /* 1: refuse a file without it */
    int idx;          /* index in the header, -1 when absent */
} colspec;

/* a field of the current record ("" when the column is absent) */
char *yu__load_field(yu_csv *csv, const colspec *col);
/* an amount in the package's input unit, >= 0, added to the package's checked sum */
int yu__load_amount(ctx *c, yu_csv *csv, const colspec *col, int allow_empty, yu_money *out);

/* load_other.c: the row readers of procurement.csv, assets.csv, units.csv and perf.csv */
int yu__row_proc(ctx *c, yu_csv *csv, colspec *cols);
int yu__check_proc(ctx *c);
int yu__row_asset(ctx *c, yu_csv *csv, colspec *cols);
int yu__row_unit(ctx *c, yu_csv *csv, colspec *cols);
int yu__row_perf(ctx *c, yu_csv *csv, colspec *cols);

#endif
