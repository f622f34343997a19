/* The template-free narrative check's internals (read.h, yu_gnarr_check),
 * shared by gnarr.c (figures, words, changes, rates, shares and parts, the
 * paragraphs, the entry point) and gnarr_tie.c (figures tied to the cells of
 * the document's tables).  Not part of the API. */
#ifndef YU_GNARR_INTERNAL_H
#define YU_GNARR_INTERNAL_H

#include <stdint.h>
#include <string.h>
#include "yusuan/read.h"
#include "internal.h"
#include "textgrid.h"

enum { F_MONEY = 1, F_RATE = 2 };
enum { R_NONE = 0, R_CHANGE, R_RATE, R_LAST, R_SHARE };

typedef struct fig {
    int kind;        /* F_MONEY, F_RATE */
    int64_t v;       /* money: 厘 (0.001 元); rate: mantissa (value × 10^dec) in percent */
    int64_t half;    /* money: half a unit of the last printed digit, 厘 */
    int64_t unit;    /* money: 元 per printed unit */
    int dec;         /* decimals printed */
    size_t pos, end; /* bytes of the paragraph text (figure and unit) */
    int depth;       /* parentheses open before it */
    int sent;        /* sentence index in its paragraph */
    int line;        /* 0-based line of the document */
    int role;        /* R_* : what a statement made of it */
    int of;          /* R_CHANGE: 1 + the index of the figure it is the change of (0: not known) */
    int sign;        /* R_CHANGE: 1 增加, -1 减少 */
    int subj;        /* R_CHANGE: 1 + the figure compared, to last year or to the budget (0: not known) */
} fig;

typedef struct para {
    char *t;         /* canonical text */
    size_t n;
    size_t *off;     /* byte offset where each line starts */
    int *lno;        /* its 0-based line */
    int nl;
    fig *f;
    int nf;
} para;

/* an amount of a list and its stated change from last year (find_parts) */
typedef struct lpart {
    int64_t v, half;      /* 厘 */
    int has_chg;          /* a change is stated (持平: 0) */
    int64_t chg, chg_half; /* signed: 增加 +, 减少 − */
    int dec, chg_dec;     /* decimals printed */
    int line;             /* 0-based line of the amount */
    char label[96];       /* the words the amount's clause gives it */
} lpart;

/* a whole whose paragraph ends with 其中： and whose parts are the numbered
 * paragraphs after it ((一)…(二)…(三)…) */
typedef struct lopen {
    lpart w;
    int64_t unit;         /* the whole's printed unit (元 per unit) */
    int style;            /* the parts' numbering (gnarr.c H_*), 0 until the first */
    int n, bad;
    lpart parts[8];
    char q[400];          /* the whole's words, quoted in a finding */
} lopen;

typedef struct gc {
    const yu_gdoc *d;
    const yu_vocab *v;
    yu_findings *out;
    yu_arena *A;
    int oom;
    const yu_gtable *ref; /* the table a heading refers the section to (（五）…（详见表 5）), until its first figure */
    struct {
        char name[64];   /* a row's name: 行政经费 */
        char alias[64];  /* the other name the document gives it: 机关运行经费 */
    } alias[8];          /* “行政经费（机关运行经费）指…”: the document's own definitions */
    int nalias;
    lopen open[2];       /* lists open across paragraphs, innermost last */
    int nopen;
} gc;

/* the direction a change word says */
enum { D_NONE = 0, D_UP = 1, D_DOWN = -1, D_SAME = 2 };

static inline int64_t pow10i(int n)
{
    int64_t p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

static inline int64_t abs64(int64_t x)
{
    return x < 0 ? -x : x;
}

static inline int starts(const char *s, const char *w)
{
    return !strncmp(s, w, strlen(w));
}

static inline int ends_with(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && !memcmp(s + n - k, w, k);
}

/* has w within s[a, b) */
static inline int has_in(const char *s, size_t a, size_t b, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = a; i + k <= b; i++)
        if (!memcmp(s + i, w, k))
            return 1;
    return 0;
}

/* gnarr.c: words and messages */
/* a finding of the narrative at a 0-based line (its page from the document);
 * gn_add_money's got and want are 厘, given in 分 (fen_per_figure 1) */
void gn_add(gc *c, const char *rule, yu_severity sev, const char *row, int line, int64_t got, int64_t want, const char *fmt, ...);
void gn_add_money(gc *c, const char *rule, yu_severity sev, const char *row, int line, int64_t got, int64_t want,
                  const char *fmt, ...);
/* start of the clause a position is in: after , ; : 。、 ( ) or a figure */
size_t gn_clause_start(const para *p, size_t pos, int fi);
/* the direction the change word ending s[a, b) says (whole: the word ends there), D_* */
int gn_dir_at_end(const char *s, size_t a, size_t b, int whole, const char **word);
/* 1,234.50: 厘 in a unit (元 per printed unit) and decimals */
void gn_fmt_money(int64_t mill, int64_t unit, int dec, char *o, size_t cap);
/* the words a figure's clause gives it */
void gn_label_of(const para *p, int fi, char *o, size_t cap);
/* the page of a 0-based line, 0 unknown */
int gn_page_of(const gc *c, int line);
/* a fragment of the paragraph for quoting, punctuation printed as Chinese */
void gn_quote(const para *p, size_t a, size_t b, char *out, size_t cap);
/* 元, 千元, 万元, 亿元 by 元 per printed unit */
const char *gn_unit_name(int64_t unit);

/* gnarr_tie.c: ties to table cells */
/* notes a definition “X（Y）指…” of a canonical line: Y another name of X */
void gn_find_alias(gc *c, const char *n);
/* s[a, b) says 预算 (not inside a fund's name: 一般公共预算, 国有资本经营预算 …) */
int gn_budget_word_in(const char *t, size_t a, size_t b);
/* ties each money figure of a paragraph that names a cell, and reports those no cell fits */
void gn_find_ties(gc *c, para *p);
/* the table a heading refers to by its printed number (详见表 5), or NULL */
const yu_gtable *gn_referred_table(const gc *c, const char *t);

#endif
