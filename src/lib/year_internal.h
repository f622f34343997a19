/* Shared by the year modules (load_year.c, year.c, year_final.c,
 * year_fnarr.c, selfeval.c): dates, keys and a small document builder. */
#ifndef YU_YEAR_INTERNAL_H
#define YU_YEAR_INTERNAL_H
#include "yusuan/year.h"
#include "internal.h"

/* YYYY-MM-DD (or YYYY/MM/DD) of the given year -> YYYYMMDD; -1 when not. */
int yy_parse_date(const char *s, int year, int *out);
/* Grows a malloc'd array to hold n + 1 elements of sz bytes (doubling); -1 out of memory. */
int yy_grow(void **p, size_t n, size_t *cap, size_t sz);
/* Order of line keys: func, type, source, econ, project. */
int yy_key_cmp(const yu_line *a, const yu_line *b);

/* A document under construction: tables and blocks grow in its arena. */
typedef struct ydoc {
    yu_doc *d;
    yu_arena *A;
    size_t capt, capb;
    size_t capseg;      /* of the last paragraph */
    int64_t U;          /* 分 per display unit */
    int oom;            /* an allocation failed */
} ydoc;

/* A new document of budget b in layout L with its title; -1 when out of memory. */
int yd_init(ydoc *y, const yu_budget *b, const yu_layout *L, const char *title);
/* Frees a document that failed half way. */
void yd_abort(ydoc *y);
yu_block *yd_block(ydoc *y, yu_block_kind k, const char *text);
/* A new table of layout table lt (title: lt's when NULL) and its block. */
yu_table *yd_table(ydoc *y, const yu_ltable *lt, const char *title);
/* A new row of a table (cells zeroed, one per column). */
yu_row *yd_row(ydoc *y, yu_table *t);
/* 分 per printed digit of layout table lt in this document: its own unit
 * when it declares one, else the document's */
int64_t yd_unit(const ydoc *y, const yu_ltable *lt);
/* A money cell of a table of lt: fen rounded once into that table's unit. */
void yd_money(ydoc *y, const yu_ltable *lt, yu_cell *c, yu_money fen);
void yd_pct(yu_cell *c, int64_t bp);
void yd_text(yu_cell *c, const char *s);
/* Paragraph text: starts a paragraph (yd_para) and appends segments. */
yu_block *yd_para(ydoc *y);
void yd_t(ydoc *y, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void yd_m(ydoc *y, yu_money fen, const char *table, const char *row, const char *col);
void yd_p(ydoc *y, int64_t bp);
/* 1 when something failed for lack of memory. */
int yd_oom(const ydoc *y);
/* Column index of a key, or -1. */
int yd_col(const yu_ltable *lt, const char *key);

/* The layout's `document` block (or, without one, the tables then every section) run over
 * engine E, the document's blocks built so far (its tables) placed where it says `tables`;
 * they are replaced by the document's (year_fnarr.c). */
struct engine;
yu_status yd_document(ydoc *y, struct engine *E, yu_error *err);

/* proportional split of total over weights (exact, largest remainder): out[i] */
int yy_split(yu_money total, const yu_money *w, size_t n, yu_money *out);
/* name of a 功能分类 code of `digits` digits, "" when unknown */
const char *yy_func_name(const yu_catalog *c, uint32_t code, int digits);
/* fen in the package's input unit (scale 分 per unit), two decimals, with 万元/元 */
const char *yy_amount(char *buf, size_t n, yu_money fen, int64_t scale);
/* fen in the package's input unit (scale 分 per unit), two decimals, with 万元/元 */
const char *yy_amount(char *buf, size_t n, yu_money fen, int64_t scale);
/* The year's files, in the order they are read; their sheets in the workbook. */
#define YY_NFILES 4
extern const char *const yy_year_files[YY_NFILES];
/* Loads the year from the files' texts (text[i] for yy_year_files[i], NULL when
 * absent), as yu_load_year does from a directory; *file gets the file an error
 * is in.  `where` stands for the directory in messages. */
yu_status yy_load_year_mem(const char *where, const char *const *text, const size_t *len, yu_budget *b,
                           const yu_catalog *econ, int *file, yu_error *err);
struct yu_xsheetspec;
/* The workbook sheets of the year (调整, 执行, 决算补充, 绩效自评), in yy_year_files order. */
const struct yu_xsheetspec *yy_year_sheets(size_t *n);
/* The store's year (store_year.c): schema v6, rows of one budget in and out,
 * and the package files of a stored year. */
struct sqlite3;
extern const char yy_store_m6_sql[];
int yy_store_put_year(struct sqlite3 *db, int64_t bid, const yu_budget *b);
int yy_store_del_year(struct sqlite3 *db, int64_t bid);
int yy_store_get_year(struct sqlite3 *db, int64_t bid, yu_budget *b);
yu_status yy_write_year_files(const yu_budget *b, const char *dir, int64_t scale, yu_error *err);
#endif
