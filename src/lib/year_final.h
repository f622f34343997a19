/* Shared by year_final.c (tables) and year_fnarr.c (the 决算's figures for its narrative). */
#ifndef YU_YEAR_FINAL_H
#define YU_YEAR_FINAL_H
#include "year_internal.h"

/* per 项: payments by type and source */
typedef struct yf_paidv { yu_money v[YU_T_COUNT][YU_S_COUNT]; } yf_paidv;

typedef struct yf_sums {
    yu_money income[8];  /* gpb gf soe shangji shiye jingying fushu other */
    yu_money carry[4];   /* 年初结转和结余: gpb gf soe, non-fiscal */
    yu_money spent[4];   /* 本年支出: gpb gf soe, non-fiscal */
    yu_money out[4];     /* 年末结转和结余 */
    yu_money use_nf, distrib;
} yf_sums;

typedef struct yfin {
    const yu_budget *b;
    const yu_catalog *func, *econ;
    uint32_t *xc; size_t nx;       /* 项 codes, sorted */
    yf_paidv *paid;                /* per 项 */
    yu_money (*inc)[11];           /* per 项: income of the 8 kinds, then carry-over gpb gf soe */
    yu_money (*bud)[YU_S_COUNT];   /* 年初预算 per 项 and source */
    yu_money (*adjd)[YU_S_COUNT];  /* 调整预算 */
    uint32_t *ec; size_t ne;       /* 经济分类 款 of gpb 基本支出 paid */
    yu_money (*epaid)[2];          /* personnel, public */
    yu_money net_adj[3];           /* 追加 − 调减 of current appropriations */
    yf_sums s;
    int64_t U;                     /* 分 per printed unit */
} yfin;

/* unit: 分 per printed unit (income is attributed in whole units) */
yu_status yf_build(yfin *F, const yu_budget *b, const yu_year_opts *o, int64_t unit, yu_error *err);
void yf_free(yfin *F);
unsigned yf_filter_mask(yu_filter f);
yu_money yf_paid(const yfin *F, size_t a, size_t b, unsigned tm, unsigned sm);
void yf_range(const yfin *F, uint32_t code, int digits, size_t *a, size_t *b);
int yf_sym(const yfin *F, const char *expr, yu_money *v);
/* every named value (yf_sym's names) in 分: the number written to t */
#define YF_NSYMS 64
typedef struct yf_named { const char *k; yu_money v; } yf_named;
size_t yf_syms(const yfin *F, yf_named *t);
int yf_func_val(const yfin *F, const yu_ltable *lt, const char *k, size_t a, size_t b, yu_money *v);
/* The document's parts around the tables (year_fnarr.c): the layout's
 * `document` block and narrative sections, run by the layout's interpreter
 * over the 决算's figures.  The tables are built before; their blocks go
 * where the document says `tables`. */
yu_status yf_document(ydoc *y, const yfin *F, yu_error *err);
#endif
