/* Internal to the narrative-claims rules (words.h): rules_claims.c reads the
 * narrative into paragraphs and runs W-WHO, W-WHEN, W-MAGNITUDE;
 * rules_lists.c runs W-LIST and W-REASON; rules_subject.c W-SUBJECT.  What
 * they share is here. */
#ifndef YUSUAN_CLAIMS_INTERNAL_H
#define YUSUAN_CLAIMS_INTERNAL_H

#include <stdint.h>
#include <string.h>
#include "yusuan/words.h"
#include "yusuan/engine.h"
#include "internal.h"

typedef struct cpara {
    char *t;     /* canonical text */
    size_t n;
    size_t *off; /* byte offset where each line starts */
    int *lno;    /* its 0-based line */
    int nl;
} cpara;

/* a 经济分类 row of a 基本支出 table, for W-LIST */
typedef struct erow {
    const char *code; /* 5 digits */
    const char *name; /* canonical */
    int64_t fen;      /* amount in 分; 0 when printed blank, - or 0 */
} erow;

typedef struct etab {
    erow *r;
    size_t n;
    const char *title;
    int page;
    int64_t digit; /* 分 per last printed digit */
} etab;

typedef struct cc {
    const yu_gdoc *d;
    yu_findings *out;
    const yu_vocab *words;
    etab *et;
    size_t net;
    yu_arena *A;
    char *intable;
    cpara *P;
    size_t np;
    int oom;
} cc;

typedef struct nfig {
    int64_t m;   /* mantissa as printed (value × 10^dec) */
    int dec;
    int64_t unit;/* 1 元, 10000 万元, 0 other */
    size_t pos, end;
} nfig;

/* the next figure with a unit from i: returns 1 and fills f */
static inline int yu_cl_starts(const char *s, const char *w)
{
    return !strncmp(s, w, strlen(w));
}

static inline int64_t yu_cl_pow10(int n)
{
    int64_t p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

/* the page of a line of the document (0 when unknown) */
int yu_cl_page(const cc *c, int line);
/* a finding of table "narrative" at a line */
void yu_cl_add(cc *c, const char *rule, yu_severity sev, const char *row, int line, int64_t got, int64_t want,
               const char *fmt, ...);
/* the line of a paragraph's byte */
int yu_cl_para_line(const cpara *p, size_t pos);
/* the sentence around s[a, b) with 【】 around it, Chinese punctuation */
void yu_cl_quote(const char *s, size_t n, size_t a, size_t b, char *out, size_t cap);
/* the next figure with a unit (元, 万元) from *i below n: 1 and f filled */
int yu_cl_next_figure(const char *t, size_t n, size_t *i, nfig *f);

/* rules_lists.c */
int yu_cl_econ_tables(cc *c, const yu_doc *doc);
void yu_cl_check_lists(cc *c);
void yu_cl_check_reasons(cc *c);
/* rules_subject.c */
void yu_cl_check_subjects(cc *c, const yu_doc *doc);

#endif
