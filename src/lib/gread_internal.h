/* Shared by gread.c (reading any disclosure) and infer.c (its identities).
 * Internal to libyusuan. */
#ifndef YU_GREAD_INTERNAL_H
#define YU_GREAD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "yusuan/read.h"
#include "internal.h"
#include "textgrid.h"

/* ---- tokens and lines as the reader sees them ---- */

enum { T_TEXT = 0, T_FIG, T_DASH, T_PCT, T_CODE };

typedef struct gt {
    const char *s, *norm; /* as printed, canonical */
    int a, b;             /* text columns [a, b) */
    int kind;             /* T_* */
    int64_t v;            /* FIG: hundredths; PCT: basis points */
    int dec;              /* decimals printed */
    int col;              /* column placed in, -1 */
} gt;

typedef struct gl {
    int li;       /* line index in the reader's lines */
    gt *t;
    int nt;
    int cap;
} gl;

typedef struct rd {
    yu_lines X;
    const yu_vocab *v;
    yu_arena *A;
    yu_gdoc *d;
    yu_gtable *tabs;
    size_t ntabs, captabs;
    int charcols;             /* 1: columns are characters (pdftotext -layout) */
    int64_t last_unit;        /* unit of the table before, for tables printing none */
    const char *last_unit_text;
} rd;

/* ---- small text helpers ---- */

static inline int yu_gr_starts(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

static inline int yu_gr_ends(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

static inline int yu_gr_cjk_len(const char *s)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

/* characters outside ASCII (Chinese) */
static inline int yu_gr_wide_chars(const char *s)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) == 0xC0;
    return n;
}

/* a classification code: 3, 5 or 7 digits (功能), 3 or 5 (经济), 6-digit
 * unit codes: digits only, not starting with 0 unless a unit code */
static inline int yu_gr_code_like(const char *n)
{
    size_t l = strlen(n);
    return l >= 3 && l <= 9 && yu_only_digits(n);
}

static inline int yu_gr_overlap(int a1, int b1, int a2, int b2)
{
    int lo = a1 > a2 ? a1 : a2, hi = b1 < b2 ? b1 : b2;
    return hi - lo;
}


/* ---- one side of a table: its columns, its rows ---- */

typedef struct colx {
    int a, b;        /* extent of its figures (or header words) */
    int nfig;        /* figures in it */
    const char *lab[8]; /* header words top to bottom */
    int nlab;
    const char *grp;    /* a header word over several columns */
    const char *top;    /* a header word over a block of them, the blocks
                           repeating the same words (预算数 | 决算数) */
} colx;

typedef struct side {
    int x0, x1;      /* token range of the side */
    colx *c;
    int nc;
} side;

typedef struct prow {
    int li;            /* first line */
    char code[12];
    const char *name;
    const char *number;
    int numlevel;
    int indent;
    int hasfig;
    int name_long;
    int wrapped;       /* its name began on the line above */
    int tabrow;        /* its line is a row of cells apart by tabs: never a piece of a name */
    gt *vals[64];
    int nvals;
} prow;

/* the source of a row's cells until every side is read */
typedef struct rowsrc {
    prow **p;
    size_t n, cap;
} rowsrc;


/* splits a code off the front of a name: "[201]…", "201…" (not 2026年); the
 * rest of the name, or name when it has none */
const char *yu_gr_split_code(const char *name, char *code);
/* a row label naming a total (合计, 收入总计 …; not 小计 of a group) */
int yu_gr_total_row(const yu_vocab *v, const char *name);
/* reads one side (or the whole of a one-sided table) into T: columns, rows,
 * cells' sources in rs (gread_cols.c) */
int yu_gr_read_side(rd *r, yu_gtable *T, gl *body, int nb, gl *hdr, int nh, int sideno, size_t *rowcap, rowsrc *rs);
/* the levels of one side's rows: codes, numbering, indentation */
void yu_gr_set_levels(rd *r, yu_gtable *T, int sideno);

/* The numbering a canonical label starts with: 一、 → 1, (一) → 2, 1. or
 * 1、 → 3, (1) → 4; *len its length in bytes.  0 when none. */
int yu_gr_numbering(const char *norm, size_t *len);

struct yu_gdoc;
struct yu_vocab;
/* Reads the performance forms among d's tables into d->forms (gperf.c);
 * called by yu_read_any once the tables and lines are in place. */
int yu_gr_read_forms(struct yu_gdoc *d, const struct yu_vocab *v);

#endif
