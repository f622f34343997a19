/* The audit reader's internals, shared by audit.c (tables found, narrative,
 * the entry point), audit_grid.c (tables whose rows are 科目 codes) and
 * audit_twoside.c (two-sided tables: 收入 | 支出).  Not part of the API. */
#ifndef YU_AUDIT_INTERNAL_H
#define YU_AUDIT_INTERNAL_H

#include "yusuan/audit.h"
#include "yusuan/rules.h"
#include "internal.h"
#include "textgrid.h"

typedef struct rd {         /* the reader of one document */
    const yu_layout *L;      /* the template it is read with */
    const yu_catalog *func;  /* 功能分类 names, for codes printed without them */
    yu_arena *A;             /* owns everything read */
    ln *l;                   /* the document's lines and tokens */
    int nl;
    yu_doc *d;               /* the document being filled */
    yu_budget *b;            /* its budget (unit, year) */
    yu_audit_info *info;     /* counts for the summary */
    int *title_at;       /* per layout table: line index of its title, -1 */
    int charcols;        /* 1: columns are characters (pdftotext -layout) */
} rd;

typedef struct tctx {      /* a table being read */
    yu_table *T;
    int64_t base;          /* 分 per printed unit */
    size_t cap;
} tctx;

typedef struct anc {   /* where a column's header label is */
    int x, a, b;   /* centre and extent of the column's header label; x < 0: not found */
    int ln;        /* the header line it was found on */
    int exact;     /* 1: the whole label on one line */
    int bw;        /* the label's end by its display width (character columns), or 0 */
} anc;

typedef struct gfl {      /* a figure or name fragment on a line without a row */
    int line, half, col;  /* col -1: a name fragment */
    const tok *t;
} gfl;

/* audit.c: finding tables, cells and labels */
yu_row *au_add_row(rd *r, yu_table *T, size_t *cap);
void au_assign_values(const tok *const *v, int n, const int *cols, const anc *A, int m, int *out);
void au_find_anchors(rd *r, const yu_table *T, int h0, int h1, int nh, anc *out);
void au_find_titles(rd *r);
int au_heading_like(const char *norm);
int au_is_char_line(const ln *L);
int au_is_dash(const char *n);
int au_is_header_line(rd *r, const yu_table *T, const ln *L);
int au_is_note(const ln *L);
int au_is_pct_col(const char *key);
int au_is_remark(const ln *L);
int au_is_rule_line(const ln *L);
int au_is_unit_line(const ln *L);
int au_is_value_col(const char *key);
int au_label_eq(rd *r, const char *norm, const char *label);
int au_only_dots(const char *n);
int au_overlaps(int a1, int b1, int a2, int b2);
void au_put_value(rd *r, tctx *X, yu_cell *c, const tok *t, int is_pct);
int au_region_end(rd *r, int from);
int au_region_start(rd *r, const char *from);
const char *au_resolve_year(rd *r, const char *lab);
void au_set_text_cell(const yu_ltable *lt, yu_row *row, const char *key, const char *text);
const char *au_strip_number(const char *s);
const char *au_strip_title_prefix(const char *s);
void au_table_unit(rd *r, tctx *X, int from, int to);
int au_title_is(rd *r, const char *norm, const yu_ltable *t);
int64_t au_to_unit(int64_t v100, int64_t base, int64_t unit);
int64_t au_unit_base(int64_t fen, int dec);

/* audit_grid.c */
int au_header_start(rd *r, int from, int to);
const char *au_join(rd *r, const char *a, const char *b);
yu_status au_read_grid(rd *r, tctx *X, int from, int to);

/* audit_twoside.c */
int au_has_class_items(const yu_ltable *lt);
int au_numbered(const char *norm);
yu_status au_read_twoside(rd *r, tctx *X, int from, int to);

/* audit.c: forms and narrative */
const char *au_perf_label(const yu_ltable *lt, int role);
int au_starts_label(rd *r, const char *norm, const char *labels);

#endif
