/* The engine's figures, shared by its parts (engine.c: aggregation and
 * the compile step; engine_present.c: rounding and units; engine_tables.c:
 * the tables) with the text that speaks of them: narrative.c (the
 * document) and narr_interp.c (the layout's narrative).  The engine calls
 * neither: yu_compile (narrative.c) hands it the step that writes the text. */
#ifndef YU_ENGINE_INTERNAL_H
#define YU_ENGINE_INTERNAL_H

#include "yusuan/engine.h"
#include "internal.h"

#define NCELL (YU_T_COUNT * YU_S_COUNT)
#define TM(t) (1u << (t))
#define T_ALL ((1u << YU_T_COUNT) - 1)
#define T_BASIC (TM(YU_T_PERSONNEL) | TM(YU_T_PUBLIC))
#define S_ALL ((1u << YU_S_COUNT) - 1)

/* Named scalar values (display units after controlled rounding). */
typedef struct sym {
    const char *name;
    int64_t v;      /* display units */
    yu_money fen;   /* exact */
    int count;      /* a count (units, projects, vehicles, a date's parts): not money, never converted */
} sym;

/* A project of the execution report (year.c) and how it stands: the `lagging` list */
typedef struct eng_xproj {
    const char *id, *name;
    yu_money adjusted, paid; /* 调整预算 and 执行数, exact */
    int flag;                /* 0 on time, 1 behind the year's progress (进度滞后), 2 over its 调整预算 */
} eng_xproj;

typedef struct engine {
    const yu_budget *b;
    const yu_layout *L;
    const yu_compile_opts *o;
    yu_doc *d;
    yu_arena *A;
    int64_t U;          /* 分 per display unit */
    /* 功能分类 项 used, sorted */
    uint32_t *xc;       /* codes */
    size_t nx;
    yu_money (*cell)[NCELL]; /* exact per 项 cells [type*S + source] */
    int64_t (*cellr)[NCELL]; /* rounded */
    yu_money *jj;       /* gpb 中央基建 per 项, exact */
    int64_t *jjr;
    yu_money *pr, *prx; /* prior execution per 项 */
    int64_t *prr, *prxr;
    /* 经济分类 款 used by gpb 基本支出, sorted */
    uint32_t *ec; size_t ne;
    yu_money (*ecell)[2]; int64_t (*ecellr)[2]; /* personnel, public */
    /* projects */
    yu_money (*pf)[3];  /* fiscal, carry, other per project (exact) */
    /* a year's document (the 决算, year_fnarr.c): 年初预算 and 调整预算 per 项
     * and source, exact; NULL in a budget, which is its own 年初预算 */
    yu_money (*bud)[YU_S_COUNT], (*adjd)[YU_S_COUNT];
    /* symbols */
    sym *syms; size_t nsyms;
    /* the execution report (year.c): the date it is as of (YYYYMMDD: later adjustments are
     * left out, {asof} prints it) and its projects; 0 and none elsewhere */
    int as_of;
    const eng_xproj *xp; size_t nxp;
} engine;

int64_t eng_sym(const engine *E, const char *expr, int *ok);
int64_t eng_sym_fen(const engine *E, const char *name);
/* 1 and *n when `name` is a count symbol (units_admin, perf_projects, assets_year …), else 0 */
int eng_sym_count(const engine *E, const char *name, size_t len, int64_t *n);
/* "a+b+c" over symbols, exact (分) */
yu_money eng_expr_fen(const engine *E, const char *expr);
/* The narrative's unit: 分 per printed digit (the layout's `prose`, by
 * default the tables' unit) and its decimals.  A narrative figure is an
 * integer in that unit, resolved once here: printing it formats digits. */
int64_t eng_prose_fen(const engine *E);
int eng_prose_decimals(const engine *E);
/* An amount as the narrative prints it: doc_v (the tables' figure after
 * controlled rounding) when the narrative speaks the tables' unit, else
 * the exact amount rounded once into the narrative's unit. */
int64_t eng_prose(const engine *E, int64_t doc_v, yu_money fen);
/* A symbol the same way, but the figure a table of single figures printing
 * the narrative's unit holds for it when there is one (the “三公” table in
 * 万元: the narrative says what the table prints). */
int64_t eng_sym_prose(const engine *E, const char *name, int64_t doc_v);
/* 1 and *v, the printed figure of cell TABLE.ROW.COL, when that table
 * prints the narrative's unit: a figure naming a cell is what it prints. */
int eng_cell_prose(const engine *E, const char *table, const char *row, const char *col, int64_t *v);
/* sum of rounded cells of 项 range [a,b) for a type mask and source mask */
int64_t eng_cells(const engine *E, size_t a, size_t b, unsigned tmask, unsigned smask);
unsigned eng_filter_mask(yu_filter f);
/* the range of 项 indices under a code prefix of `digits` digits */
void eng_range(const engine *E, uint32_t code, int digits, size_t *a, size_t *b);
const char *eng_func_name(const engine *E, uint32_t code, int digits);
/* Aggregates, rounds and builds every table, then calls text(E) (the
 * document's blocks) while the engine's figures are alive. */
yu_status eng_compile(const yu_budget *b, const yu_layout *L, const yu_compile_opts *o,
                      yu_status (*text)(engine *E, yu_error *err), yu_doc **out, yu_error *err);
/* the 类 (3 digits), 款 (5) or 项 (7) a 7-digit 功能分类 code is under */
static inline uint32_t eng_prefix(uint32_t code7, int digits)
{
    return digits == 3 ? code7 / 10000 : digits == 5 ? code7 / 100 : code7;
}
/* Rounds everything once (engine_present.c): the cells, the symbols. */
yu_status eng_round_all(engine *E);
/* Builds one layout table from the rounded figures (engine_tables.c). */
yu_status eng_build_table(engine *E, const yu_ltable *lt, yu_table *T, yu_error *err);
/* The performance forms (yu_doc.perf), each in the forms' unit. */
yu_status eng_build_perf(engine *E, yu_error *err);
/* a performance form as the layout's perf table `lt` prints it (engine_form.c) */
yu_status eng_build_form(engine *E, const yu_ltable *lt, yu_perf *pf, yu_error *err);
/* resolves {year} {prev} {unit} in s */
const char *eng_subst(engine *E, const char *s);

#endif
