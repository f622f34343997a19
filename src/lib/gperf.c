/* Performance forms (项目支出绩效目标表 and its many shapes) read as forms
 * (read.h).  A form is read from the lines it occupies, as tokens (the
 * reader separates cells by two spaces): the 项目名称 / 主管部门 labels, the
 * money lines (资金总额, 财政拨款, 上年结转, 其他资金 and the figure after
 * each), the header of the indicators (一级 二级 三级指标 指标值 [分值]), then
 * the indicators.  Every word comes from the vocabulary (kinds perf,
 * perfcol, perfmoney, perfinfo; docs/vocab.md).
 *
 * Cells of a form are merged and centred, and names wrap inside narrow
 * cells, so an indicator is anchored on its 指标值: the name fragments on
 * lines without a value go to the nearest value, and the 一级 / 二级 labels
 * (each printed once over its group) split the indicators into contiguous
 * groups, the partition that puts every label at the top or the centre of
 * its group. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "yusuan/read.h"
#include "yusuan/money.h"
#include "internal.h"
#include "textgrid.h"
#include "gread_internal.h"
#include "rules_internal.h"

static const yu_rule_info RULES[] = {
    {"G-PERF-FUNDS", "performance form: 资金总额 = 财政拨款 + 上年结转 + 其他资金"},
    {"G-PERF-WEIGHTS", "performance form: the indicators' weights add up to the form's total (100, or the 分值 the header states)"},
};

const yu_rule_info *yu_gperf_rules(size_t *n)
{
    *n = sizeof RULES / sizeof RULES[0];
    return RULES;
}

#define MAXTOK 24

/* a line cut into its cells */
typedef struct ptok {
    char *s;    /* as printed (trimmed) */
    char *c;    /* canonical */
} ptok;

typedef struct pline {
    int idx; /* line of the document */
    ptok t[MAXTOK];
    int n;
} pline;

/* one money line read */
typedef struct pmoney {
    int64_t v;
    int dec;
    int found;
    int line;
    int count; /* occurrences */
    const char *label; /* as printed */
    int64_t vals[4];
} pmoney;

/* what the reading of one form gives, beyond yu_gform */
typedef struct pread {
    int ok;              /* a form was found */
    int money_sure;      /* the money lines were read without doubt */
    pmoney m[4];         /* total, fiscal, carry, other as used */
    int money_line;      /* line of the total */
    int has_weight;      /* the form prints weights */
    int64_t weight_total;/* what the weights add up to, hundredths */
    int weight_stated;   /* 1: the total is printed in the header */
    int nweights, weight_dec, weight_bad;
    int64_t weight_sum;
    int header_line;
    int ind_sure;        /* every indicator has a value and the levels fit */
} pread;

enum { M_TOTAL, M_FISCAL, M_CARRY, M_OTHER };

static int is_sp(const char *p) { return *p == ' ' || *p == '\t'; }

/* UTF-8 characters in s */
static int nchars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int starts(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

/* a figure at the start of s (ASCII, canonical): its length, 0 when none */
static size_t figure_len(const char *s)
{
    size_t i = 0;
    if (s[i] == '-')
        i++;
    size_t d0 = i;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == d0)
        return 0;
    while (s[i] == ',' || s[i] == '.' || (s[i] >= '0' && s[i] <= '9'))
        i++;
    return i;
}

/* Cuts line text into cells: runs of two or more blanks separate them; a
 * figure followed by one blank and words (4,100,000.00 年度资金申请总额) is
 * two cells. */
static int split_line(yu_arena *A, const char *line, pline *L)
{
    L->n = 0;
    const char *p = line;
    while (*p && L->n < MAXTOK) {
        while (is_sp(p))
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && !(is_sp(q) && (is_sp(q + 1) || q[1] == '\0' || q[1] == '\t')) && !(*q == '\t'))
            q++;
        /* a figure, one blank, then words: cut after the figure */
        size_t fl = figure_len(p);
        if (fl && p + fl < q && p[fl] == ' ' && (unsigned char)p[fl + 1] >= 0x80) {
            int64_t v;
            char buf[40];
            if (fl < sizeof buf) {
                memcpy(buf, p, fl);
                buf[fl] = 0;
                if (yu_parse_figure(buf, &v, NULL))
                    q = p + fl;
            }
        }
        char *s = yu_arena_strndup(A, p, (size_t)(q - p));
        if (!s)
            return -1;
        size_t l = strlen(s);
        while (l && is_sp(s + l - 1))
            s[--l] = 0;
        char *c = yu_canon(A, s);
        if (!c)
            return -1;
        if (*c) {
            L->t[L->n].s = s;
            L->t[L->n].c = c;
            L->n++;
        }
        p = q;
    }
    return 0;
}

/* a money figure printed alone in a cell: hundredths and decimals */
static int money_cell(const char *c, int64_t *v, int *dec)
{
    return yu_parse_figure(c, v, dec);
}

/* the concept of KIND the cell names, only when the cell is a short label */
static const char *label_of(const yu_vocab *v, const char *kind, const char *c, int maxch)
{
    if (nchars(c) > maxch)
        return NULL;
    return yu_vocab_match(v, kind, c);
}

/* a 指标值 that starts a value: a comparison, or a figure with a short unit
 * (≥90%, =100%, 5个, 1 份, 90.00(度), 100%) */
static int value_like(const char *c)
{
    static const char *const CMP[] = {"≥", "≤", "=", ">", "<", "＞", "＜", "≧", "≦", "≠", "≈", "~"};
    for (size_t i = 0; i < sizeof CMP / sizeof CMP[0]; i++)
        if (starts(c, CMP[i]))
            return 1;
    size_t fl = figure_len(c);
    if (!fl)
        return 0;
    return nchars(c + fl) <= 5;
}

/* a weight: a plain figure (30, 7.5) */
static int weight_cell(const char *c, int64_t *v, int *dec)
{
    if (strchr(c, ','))
        return 0;
    return yu_parse_figure(c, v, dec) && *v >= 0 && *v <= 10000;
}

/* the number printed in parentheses in a cell (分值权重 (90), 执行率分值(10)) */
static int paren_number(const char *c, int64_t *v)
{
    const char *p = strchr(c, '(');
    if (!p)
        return 0;
    p++;
    size_t fl = figure_len(p);
    if (!fl || p[fl] != ')')
        return 0;
    char buf[32];
    if (fl >= sizeof buf)
        return 0;
    memcpy(buf, p, fl);
    buf[fl] = 0;
    int dec;
    return yu_parse_figure(buf, v, &dec);
}

/* where the form ends: the next table, a narrative heading, or (after the
 * indicators' header) the end word (备注) */
static int form_limit(const yu_gdoc *d, size_t t)
{
    int lim = t + 1 < d->ntables ? d->tables[t + 1].from : d->nlines;
    if (lim > d->nlines)
        lim = d->nlines;
    if (lim < d->tables[t].to)
        lim = d->tables[t].to;
    return lim;
}

/* a value whose unit is cut (≤5137.26 平): a figure, a blank, one character */
static int open_unit(const char *val)
{
    const char *sp = strrchr(val, ' ');
    if (!sp || nchars(sp + 1) != 1 || figure_len(sp + 1) || strpbrk(sp + 1, "%)"))
        return 0;
    for (const char *p = val; p < sp; p++)
        if (*p >= '0' && *p <= '9')
            return 1;
    return 0;
}

typedef struct ind_tmp {
    int vline;          /* line of its value */
    int first, last;    /* lines its name and value span */
    char *l3, *value;
    int64_t weight;
    int wdec;
    const char *l1, *l2;
} ind_tmp;

typedef struct label_tmp {
    int line;
    const char *text;
    int used;
} label_tmp;

/* joins b to a (no separator between CJK, one blank between ASCII words) */
static char *join(yu_arena *A, const char *a, const char *b, const char *sep)
{
    if (!a)
        return yu_arena_strdup(A, b);
    if (!b)
        return (char *)a;
    return yu_arena_printf(A, "%s%s%s", a, sep, b);
}

/* Splits the indicators (ordered) into k contiguous groups, one per label
 * (ordered), minimising the distance of each label from the top (mode 0)
 * or the centre (mode 1) of its group; g[i] the label of indicator i.
 * Returns the cost in half lines, or -1 when impossible. */
static long partition(const ind_tmp *ind, int n, const label_tmp *lab, int k, int mode, int *g)
{
    if (k == 0 || n < k)
        return -1;
    long *C = malloc(sizeof *C * (size_t)(k + 1) * (size_t)(n + 1));
    int *B = malloc(sizeof *B * (size_t)(k + 1) * (size_t)(n + 1));
    if (!C || !B) {
        free(C);
        free(B);
        return -1;
    }
#define AT(a, j, i) a[(size_t)(j) * (size_t)(n + 1) + (size_t)(i)]
    const long INF = 1L << 40;
    for (int j = 0; j <= k; j++)
        for (int i = 0; i <= n; i++)
            AT(C, j, i) = INF;
    AT(C, 0, 0) = 0;
    for (int j = 1; j <= k; j++)
        for (int i = j; i <= n; i++)
            for (int s = j - 1; s < i; s++) {
                if (AT(C, j - 1, s) >= INF)
                    continue;
                /* group j-1 = indicators s .. i-1 */
                int lo = ind[s].first, hi = ind[s].last;
                for (int q = s; q < i; q++) {
                    if (ind[q].first < lo)
                        lo = ind[q].first;
                    if (ind[q].last > hi)
                        hi = ind[q].last;
                }
                long at = mode ? (long)(lo + hi) : 2L * lo;
                long c = labs(2L * lab[j - 1].line - at);
                /* a label outside its group is far off */
                if (lab[j - 1].line < lo - 1 || lab[j - 1].line > hi + 1)
                    c += 8;
                if (AT(C, j - 1, s) + c < AT(C, j, i)) {
                    AT(C, j, i) = AT(C, j - 1, s) + c;
                    AT(B, j, i) = s;
                }
            }
    long cost = AT(C, k, n);
    if (cost < INF) {
        int i = n;
        for (int j = k; j >= 1; j--) {
            int s = AT(B, j, i);
            for (int q = s; q < i; q++)
                g[q] = j - 1;
            i = s;
        }
    } else
        cost = -1;
#undef AT
    free(C);
    free(B);
    return cost;
}

/* assigns the labels to the indicators; 0 when they do not fit */
static int assign_levels(ind_tmp *ind, int n, const label_tmp *lab, int k, int which)
{
    if (!k)
        return 1;
    int *g0 = malloc(sizeof *g0 * (size_t)(n + 1)), *g1 = malloc(sizeof *g1 * (size_t)(n + 1));
    int ok = 0;
    if (g0 && g1) {
        long c0 = partition(ind, n, lab, k, 0, g0);
        long c1 = partition(ind, n, lab, k, 1, g1);
        const int *g = NULL;
        long c = -1;
        if (c0 >= 0 && (c1 < 0 || c0 <= c1)) {
            g = g0;
            c = c0;
        } else if (c1 >= 0) {
            g = g1;
            c = c1;
        }
        /* on average within two lines of its place (costs are in half lines) */
        if (g && c <= 4L * k) {
            for (int i = 0; i < n; i++) {
                if (which == 1)
                    ind[i].l1 = lab[g[i]].text;
                else
                    ind[i].l2 = lab[g[i]].text;
            }
            ok = 1;
        }
    }
    free(g0);
    free(g1);
    return ok;
}

/* Reads form t; fills F (strings in d->arena) and R.  -1 out of memory. */
static int read_form(const yu_gdoc *d, const yu_vocab *v, size_t t, yu_gform *F, pread *R)
{
    yu_arena *A = d->arena;
    const yu_gtable *T = &d->tables[t];
    memset(F, 0, sizeof *F);
    memset(R, 0, sizeof *R);
    F->table = t;
    F->page = T->page;
    F->line = T->line;
    F->total = F->fiscal = F->carry = F->other = -1;
    F->unit_yuan = T->unit > 0 ? T->unit : 10000;
    int lim = form_limit(d, t);
    int from = T->from;
    if (from < 0 || from >= lim)
        return 0;
    int nl = lim - from;
    pline *L = calloc((size_t)nl, sizeof *L);
    if (!L)
        return -1;
    int rc = 0;
    for (int i = 0; i < nl; i++) {
        L[i].idx = from + i;
        if (split_line(A, d->lines[from + i], &L[i])) {
            free(L);
            return -1;
        }
    }
    /* the header of the indicators: three of 一级 二级 三级指标 指标值 */
    int hdr = -1;
    for (int i = 1; i < nl && hdr < 0; i++) {
        int seen[4] = {0, 0, 0, 0};
        for (int k = 0; k < L[i].n; k++) {
            const char *cpt = label_of(v, "perfcol", L[i].t[k].c, 12);
            if (!cpt)
                continue;
            if (!strcmp(cpt, "l1"))
                seen[0] = 1;
            else if (!strcmp(cpt, "l2"))
                seen[1] = 1;
            else if (!strcmp(cpt, "l3"))
                seen[2] = 1;
            else if (!strcmp(cpt, "value"))
                seen[3] = 1;
        }
        if (seen[0] + seen[1] + seen[2] + seen[3] >= 3)
            hdr = i;
    }
    int mend = hdr >= 0 ? hdr : nl;
    /* 项目名称, 主管部门 / 实施单位 */
    const char *chief = NULL, *impl = NULL;
    for (int i = 1; i < mend; i++) {
        for (int k = 0; k < L[i].n; k++) {
            const char *cpt = label_of(v, "perfinfo", L[i].t[k].c, 8);
            if (!cpt)
                continue;
            const char *val = NULL;
            if (k + 1 < L[i].n && !label_of(v, "perfinfo", L[i].t[k + 1].c, 8))
                val = L[i].t[k + 1].s;
            if (!strcmp(cpt, "project") && !F->project) {
                /* a name centred beside the label may sit on the line above or below */
                if (!val && L[i].n == 1) {
                    if (i - 1 >= 1 && L[i - 1].n == 1 && !label_of(v, "perfinfo", L[i - 1].t[0].c, 8) &&
                        !value_like(L[i - 1].t[0].c))
                        val = L[i - 1].t[0].s;
                    else if (i + 1 < mend && L[i + 1].n == 1 && !label_of(v, "perfinfo", L[i + 1].t[0].c, 8) &&
                             !label_of(v, "perfmoney", L[i + 1].t[0].c, 10))
                        val = L[i + 1].t[0].s;
                }
                if (val)
                    F->project = val;
            } else if (!strcmp(cpt, "chief") && !chief && val)
                chief = val;
            else if (!strcmp(cpt, "impl") && !impl && val)
                impl = val;
        }
    }
    F->unit = chief ? chief : impl;
    /* money lines */
    pmoney raw[6];
    memset(raw, 0, sizeof raw);
    static const char *const MC[6] = {"total", "total_year", "fiscal", "fiscal_year", "carry", "other"};
    int two_sides = 0, bad = 0, unit_seen = 0;
    for (int i = 1; i < mend; i++) {
        int pairs = 0;
        for (int k = 0; k < L[i].n; k++) {
            const char *c = L[i].t[k].c;
            /* the money unit: (元), (万元), 单位：元 in a short label */
            if (nchars(c) <= 10 && !figure_len(c) && (strchr(c, '(') || starts(c, "单位"))) {
                const char *u = yu_vocab_match(v, "unit", c);
                if (u) {
                    int64_t y = strtoll(u, NULL, 10);
                    if (y > 0) {
                        F->unit_yuan = y;
                        unit_seen = 1;
                    }
                }
            }
            const char *cpt = label_of(v, "perfmoney", c, 12);
            if (!cpt)
                continue;
            int m = -1;
            for (int q = 0; q < 6; q++)
                if (!strcmp(cpt, MC[q]))
                    m = q;
            if (m < 0)
                continue;
            int64_t val;
            int dec;
            if (k + 1 < L[i].n && money_cell(L[i].t[k + 1].c, &val, &dec)) {
                pmoney *P = &raw[m];
                if (P->count < 4)
                    P->vals[P->count] = val;
                P->count++;
                /* two money lines side by side: the right one is the year's */
                if (!P->found || pairs >= 1) {
                    P->v = val;
                    P->dec = dec;
                    P->label = L[i].t[k].s;
                    P->line = L[i].idx;
                }
                P->found = 1;
                pairs++;
                k++;
            } else if (k + 1 < L[i].n && figure_len(L[i].t[k + 1].c))
                bad = 1; /* a figure not read */
        }
        if (pairs >= 2)
            two_sides = 1;
    }
    (void)unit_seen;
    int year = raw[1].found;
    R->money_sure = !bad;
    if (year) {
        /* the year's money: 年度资金总额 = 当年财政拨款 + 上年结转 + 其他资金 */
        R->m[M_TOTAL] = raw[1];
        if (raw[3].found)
            R->m[M_FISCAL] = raw[3];
        else if (!raw[0].found && raw[2].count == 1)
            R->m[M_FISCAL] = raw[2];
        R->m[M_CARRY] = raw[4];
        R->m[M_OTHER] = raw[5];
        /* other money printed on both sides, not side by side: which one is unsure */
        if (raw[5].count > 1 && !two_sides && raw[5].vals[0] != raw[5].vals[1])
            R->money_sure = 0;
    } else {
        R->m[M_TOTAL] = raw[0];
        R->m[M_FISCAL] = raw[2].found ? raw[2] : raw[3];
        if (raw[2].found && raw[3].found)
            R->money_sure = 0;
        R->m[M_CARRY] = raw[4];
        R->m[M_OTHER] = raw[5];
        for (int q = 0; q < 6; q++)
            if (raw[q].count > 1)
                for (int z = 1; z < raw[q].count && z < 4; z++)
                    if (raw[q].vals[z] != raw[q].vals[0])
                        R->money_sure = 0;
    }
    if (R->m[M_TOTAL].found) {
        F->total = R->m[M_TOTAL].v;
        R->money_line = R->m[M_TOTAL].line;
    }
    if (R->m[M_FISCAL].found)
        F->fiscal = R->m[M_FISCAL].v;
    if (R->m[M_CARRY].found)
        F->carry = R->m[M_CARRY].v;
    if (R->m[M_OTHER].found)
        F->other = R->m[M_OTHER].v;
    /* the indicators */
    ind_tmp *ind = NULL;
    label_tmp *lab1 = NULL, *lab2 = NULL;
    int nind = 0, n1 = 0, n2 = 0;
    R->ind_sure = 1;
    if (hdr >= 0) {
        R->header_line = L[hdr].idx;
        for (int k = 0; k < L[hdr].n; k++) {
            const char *cpt = label_of(v, "perfcol", L[hdr].t[k].c, 16);
            int64_t w;
            if (cpt && !strcmp(cpt, "weight")) {
                R->has_weight = 1;
                if (paren_number(L[hdr].t[k].c, &w)) {
                    R->weight_total = w;
                    R->weight_stated = 1;
                }
            }
        }
        if (R->has_weight && !R->weight_stated) {
            /* 100 less the 执行率 分值 printed above */
            int64_t w = 0;
            for (int i = 1; i < hdr; i++)
                for (int k = 0; k < L[i].n; k++)
                    if (label_of(v, "perfcol", L[i].t[k].c, 16) &&
                        !strcmp(label_of(v, "perfcol", L[i].t[k].c, 16), "exec"))
                        paren_number(L[i].t[k].c, &w);
            R->weight_total = 10000 - w;
        }
        int end = hdr + 1;
        while (end < nl) {
            const pline *P = &L[end];
            int stop = 0;
            for (int k = 0; k < P->n && !stop; k++) {
                const char *cpt = label_of(v, "perf", P->t[k].c, 8);
                if (cpt && !strcmp(cpt, "end"))
                    stop = 1;
            }
            if (P->n && yu_vocab_match(v, "section", P->t[0].c) && P->n == 1 && nchars(P->t[0].c) <= 30)
                stop = 1;
            size_t nlen;
            if (P->n && yu_gr_numbering(P->t[0].c, &nlen) == 1)
                stop = 1;
            if (stop)
                break;
            end++;
        }
        int cap = end - hdr;
        ind = calloc((size_t)cap + 1, sizeof *ind);
        lab1 = calloc((size_t)cap * 2 + 1, sizeof *lab1);
        lab2 = calloc((size_t)cap * 2 + 1, sizeof *lab2);
        /* per line: its name fragment, value and weight */
        char **frag = calloc((size_t)cap + 1, sizeof *frag);
        char **val = calloc((size_t)cap + 1, sizeof *val);
        int *vstart = calloc((size_t)cap + 1, sizeof *vstart);
        int64_t *wt = calloc((size_t)cap + 1, sizeof *wt);
        int *wdec = calloc((size_t)cap + 1, sizeof *wdec);
        unsigned char *used = calloc((size_t)cap * MAXTOK + 1, 1);
        if (!ind || !lab1 || !lab2 || !frag || !val || !vstart || !wt || !wdec || !used) {
            rc = -1;
            goto done_ind;
        }
        for (int i = 0; i < cap; i++)
            wt[i] = -1;
        /* level labels, a label wrapped over two lines joined */
        for (int i = hdr + 1; i < end; i++) {
            const pline *P = &L[i];
            for (int k = 0; k < P->n; k++) {
                unsigned char *u = &used[(size_t)(i - hdr) * MAXTOK + (size_t)k];
                if (*u)
                    continue;
                const char *c = P->t[k].c;
                const char *cpt = label_of(v, "perf", c, 12);
                if (cpt && !strcmp(cpt, "skip")) {
                    *u = 1;
                    continue;
                }
                const char *text = NULL;
                unsigned char *u2j = NULL;
                int at = i;
                if (cpt && (!strcmp(cpt, "l1") || !strcmp(cpt, "l2")))
                    text = P->t[k].s;
                else if (!value_like(c) && nchars(c) <= 8) {
                    /* 服务对象满意 / 度指标 */
                    for (int j = i + 1; j <= i + 2 && j < end && !text; j++)
                        for (int q = 0; q < L[j].n && !text; q++) {
                            unsigned char *u2 = &used[(size_t)(j - hdr) * MAXTOK + (size_t)q];
                            const char *c2 = L[j].t[q].c;
                            if (*u2 || label_of(v, "perf", c2, 12) || nchars(c2) > 6)
                                continue;
                            char *jc = yu_arena_printf(A, "%s%s", c, c2);
                            if (!jc) {
                                rc = -1;
                                goto done_ind;
                            }
                            const char *cj = label_of(v, "perf", jc, 12);
                            if (cj && (!strcmp(cj, "l1") || !strcmp(cj, "l2"))) {
                                text = yu_arena_printf(A, "%s%s", P->t[k].s, L[j].t[q].s);
                                cpt = cj;
                                u2j = u2;
                                at = j == i + 2 ? i + 1 : i;
                            }
                        }
                }
                if (!text)
                    continue;
                /* one label of each level on a line: a second is a name */
                int is1 = !strcmp(cpt, "l1");
                if ((is1 && n1 && lab1[n1 - 1].line == at - hdr) || (!is1 && n2 && lab2[n2 - 1].line == at - hdr))
                    continue;
                *u = 1;
                if (u2j)
                    *u2j = 1;
                label_tmp *lt = is1 ? &lab1[n1++] : &lab2[n2++];
                lt->line = at - hdr;
                lt->text = text;
            }
        }
        /* names, values, weights */
        for (int i = hdr + 1; i < end; i++) {
            const pline *P = &L[i];
            int r = i - hdr;
            const ptok *rest[MAXTOK];
            int nr = 0;
            for (int k = 0; k < P->n; k++)
                if (!used[(size_t)r * MAXTOK + (size_t)k])
                    rest[nr++] = &P->t[k];
            if (!nr)
                continue;
            int64_t w;
            int wd;
            if (R->has_weight && nr >= 2 && weight_cell(rest[nr - 1]->c, &w, &wd)) {
                wt[r] = w;
                wdec[r] = wd;
                nr--;
            }
            int k0 = 0;
            if (!value_like(rest[0]->c)) {
                frag[r] = rest[0]->s;
                k0 = 1;
            }
            for (int k = k0; k < nr; k++) {
                val[r] = join(A, val[r], rest[k]->s, " ");
                if (!val[r]) {
                    rc = -1;
                    goto done_ind;
                }
            }
            if (val[r]) {
                vstart[r] = 1;
                /* 5137.26 平 / 方米: a short word under a value is its end */
                if (k0 == 1 && !value_like(rest[k0]->c) && nchars(val[r]) <= 3 && r > 1 && vstart[r - 1] &&
                    val[r - 1] && open_unit(val[r - 1])) {
                    int j = r - 1;
                    {
                        vstart[r] = 0;
                        val[j] = join(A, val[j], val[r], "");
                        val[r] = NULL;
                    }
                }
            }
        }
        /* ≤5137.26 平 / 方米: a word of two characters alone under a value
         * ending in a short word is the rest of its unit */
        for (int r = 2; r < cap; r++) {
            if (!frag[r] || val[r] || nchars(frag[r]) > 2 || !vstart[r - 1] || !val[r - 1])
                continue;
            if (!open_unit(val[r - 1]))
                continue;
            val[r - 1] = join(A, val[r - 1], frag[r], "");
            frag[r] = NULL;
        }
        /* an indicator per value */
        for (int r = 1; r < cap; r++)
            if (vstart[r]) {
                ind_tmp *I = &ind[nind++];
                I->vline = I->first = I->last = r;
                I->value = val[r];
                I->l3 = frag[r];
                I->weight = wt[r];
                I->wdec = wdec[r];
                frag[r] = NULL;
            } else if (wt[r] >= 0)
                R->weight_bad = 1; /* a weight beside no value */
        /* the other name fragments go to the nearest value */
        int *own = calloc((size_t)cap + 1, sizeof *own);
        if (!own) {
            rc = -1;
            goto done_ind;
        }
        for (int r = 1; r < cap; r++) {
            own[r] = -1;
            if (!frag[r] || !nind)
                continue;
            int bi = -1, bd = 1 << 30;
            for (int q = 0; q < nind; q++) {
                /* lines apart, not counting those with nothing of this column */
                int lo = r < ind[q].vline ? r : ind[q].vline, hi = r < ind[q].vline ? ind[q].vline : r;
                int dd = 1;
                for (int z = lo + 1; z < hi; z++)
                    dd += frag[z] || vstart[z];
                if (lo == hi)
                    dd = 0;
                if (dd < bd || (dd == bd && bi >= 0 && ind[bi].vline < r && ind[q].vline > r)) {
                    /* a tie between the value above and the one below: the one below
                     * unless the value above has more above it than below */
                    if (dd == bd && bi >= 0) {
                        int above = 0, below = 0;
                        for (int z = 1; z < r; z++)
                            if (own[z] == bi) {
                                if (z < ind[bi].vline)
                                    above++;
                                else
                                    below++;
                            }
                        if (above > below)
                            continue;
                    }
                    bi = q;
                    bd = dd;
                }
            }
            if (bi < 0 || bd > 3) {
                R->ind_sure = 0;
                continue;
            }
            own[r] = bi;
        }
        for (int q = 0; q < nind; q++) {
            char *name = NULL;
            for (int r = 1; r < cap; r++) {
                if (r == ind[q].vline && ind[q].l3) {
                    name = join(A, name, ind[q].l3, "");
                    continue;
                }
                if (own[r] != q)
                    continue;
                name = join(A, name, frag[r], "");
                if (r < ind[q].first)
                    ind[q].first = r;
                if (r > ind[q].last)
                    ind[q].last = r;
            }
            ind[q].l3 = name;
        }
        free(own);
        /* levels: line numbers relative to the header, as the indicators' */
        if (!assign_levels(ind, nind, lab1, n1, 1) || !assign_levels(ind, nind, lab2, n2, 2))
            R->ind_sure = 0;
        if (nind) {
            F->ind = yu_arena_alloc(A, sizeof *F->ind * (size_t)nind);
            if (!F->ind) {
                rc = -1;
                goto done_ind;
            }
            for (int q = 0; q < nind; q++) {
                yu_gindicator *G = &F->ind[q];
                G->l1 = ind[q].l1;
                G->l2 = ind[q].l2;
                G->l3 = ind[q].l3;
                G->value = ind[q].value;
                G->weight = R->has_weight ? ind[q].weight : -1;
                G->line = L[hdr + ind[q].vline].idx + 1;
                G->page = d->line_page[L[hdr + ind[q].vline].idx];
                if (!G->l3)
                    R->ind_sure = 0;
                if (R->has_weight) {
                    if (ind[q].weight < 0)
                        R->weight_bad = 1;
                    else {
                        R->weight_sum += ind[q].weight;
                        R->nweights++;
                        if (ind[q].wdec > R->weight_dec)
                            R->weight_dec = ind[q].wdec;
                    }
                }
            }
            F->nind = (size_t)nind;
        }
    done_ind:
        free(frag);
        free(val);
        free(vstart);
        free(wt);
        free(wdec);
        free(used);
    }
    free(ind);
    free(lab1);
    free(lab2);
    free(L);
    /* a form: a project and money lines or indicators */
    if (!rc && (R->m[M_TOTAL].found || F->nind) && (F->project || F->nind)) {
        R->ok = 1;
        if (!F->project) {
            /* the title names it: 办公楼物业项目绩效目标表 */
            F->project = T->title;
        }
    }
    return rc;
}

int yu_gr_read_forms(struct yu_gdoc *d, const struct yu_vocab *v)
{
    size_t n = 0;
    for (size_t t = 0; t < d->ntables; t++)
        n += d->tables[t].perf != 0;
    if (!n)
        return 0;
    d->forms = yu_arena_alloc(d->arena, sizeof *d->forms * n);
    if (!d->forms)
        return -1;
    d->nforms = 0;
    for (size_t t = 0; t < d->ntables; t++) {
        if (!d->tables[t].perf)
            continue;
        yu_gform F;
        pread R;
        if (read_form(d, v, t, &F, &R))
            return -1;
        if (R.ok)
            d->forms[d->nforms++] = F;
    }
    return 0;
}

static void fadd(yu_findings *o, const char *rule, yu_severity sev, const char *table, const char *row,
                 const char *col, int64_t got, int64_t want, int page, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 11, 12)))
#endif
    ;

static void fadd(yu_findings *o, const char *rule, yu_severity sev, const char *table, const char *row,
                 const char *col, int64_t got, int64_t want, int page, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yu_finding *f = yu_findings_vadd(o, rule, sev, table, row, col, got, want, fmt, ap);
    va_end(ap);
    if (f) {
        f->page = page;
        f->line = line;
    }
}

static const char *unit_word(int64_t y) { return y == 1 ? "元" : y == 1000 ? "千元" : y == 100000000 ? "亿元" : "万元"; }

/* a money line's label as printed, without 其中： and the colon */
static const char *lab(const pread *R, int m)
{
    static const char *const DEF[4] = {"资金总额", "财政拨款", "上年结转", "其他资金"};
    const char *s = R->m[m].label;
    if (!s)
        return DEF[m];
    if (starts(s, "其中："))
        s += strlen("其中：");
    else if (starts(s, "其中:"))
        s += 3;
    size_t n = strlen(s);
    if ((n >= 3 && !strcmp(s + n - 3, "：")) || (n && s[n - 1] == ':'))
        return DEF[m]; /* 年度资金总额: — keep the plain word */
    return s;
}

static int64_t last_unit(int dec) { return dec >= 2 ? 1 : dec == 1 ? 10 : 100; }

yu_status yu_gperf_check(const yu_gdoc *d, const yu_vocab *v, yu_findings *out)
{
    for (size_t k = 0; k < d->nforms; k++) {
        const yu_gform *G = &d->forms[k];
        if (G->table >= d->ntables)
            continue;
        const yu_gtable *T = &d->tables[G->table];
        yu_arena *A = yu_arena_new();
        if (!A)
            return YU_ENOMEM;
        /* read again for what the form does not keep (decimals, doubts) */
        yu_gdoc tmp = *d;
        tmp.arena = A;
        yu_gform F;
        pread R;
        if (read_form(&tmp, v, G->table, &F, &R)) {
            yu_arena_free(A);
            return YU_ENOMEM;
        }
        const char *title = T->title ? T->title : "绩效目标表";
        const char *proj = G->project ? G->project : "";
        const char *uw = unit_word(G->unit_yuan);
        size_t before = out->n;
        /* G-PERF-FUNDS */
        if (R.ok && R.money_sure && G->total >= 0 && G->fiscal >= 0) {
            int64_t sum = G->fiscal + (G->carry > 0 ? G->carry : 0) + (G->other > 0 ? G->other : 0);
            int64_t diff = G->total - sum;
            if (diff) {
                int dec = R.m[M_TOTAL].dec, parts = 1;
                for (int m = M_FISCAL; m <= M_OTHER; m++)
                    if (R.m[m].found) {
                        parts++;
                        if (R.m[m].dec < dec)
                            dec = R.m[m].dec;
                    }
                (void)parts;
                int64_t tol = last_unit(dec);
                char a[48], b[48], c[48], e[48], f[48], g[48];
                yu_fmt_units(G->total, 2, YU_NUM_TABLE, a, sizeof a);
                yu_fmt_units(G->fiscal, 2, YU_NUM_TABLE, b, sizeof b);
                yu_fmt_units(G->carry > 0 ? G->carry : 0, 2, YU_NUM_TABLE, c, sizeof c);
                yu_fmt_units(G->other > 0 ? G->other : 0, 2, YU_NUM_TABLE, e, sizeof e);
                yu_fmt_units(sum, 2, YU_NUM_TABLE, f, sizeof f);
                yu_fmt_units(diff < 0 ? -diff : diff, 2, YU_NUM_PROSE, g, sizeof g);
                char parts_txt[256];
                if (G->carry >= 0 && G->other >= 0)
                    snprintf(parts_txt, sizeof parts_txt, "%s%s、%s%s与%s%s", lab(&R, M_FISCAL), b,
                             lab(&R, M_CARRY), c, lab(&R, M_OTHER), e);
                else if (G->carry >= 0)
                    snprintf(parts_txt, sizeof parts_txt, "%s%s与%s%s", lab(&R, M_FISCAL), b, lab(&R, M_CARRY), c);
                else if (G->other >= 0)
                    snprintf(parts_txt, sizeof parts_txt, "%s%s与%s%s", lab(&R, M_FISCAL), b, lab(&R, M_OTHER), e);
                else
                    snprintf(parts_txt, sizeof parts_txt, "%s%s", lab(&R, M_FISCAL), b);
                int line = R.money_line ? R.money_line + 1 : G->line;
                int page = R.money_line ? d->line_page[R.money_line] : G->page;
                fadd(out, "G-PERF-FUNDS", (diff < 0 ? -diff : diff) <= tol ? YU_SEV_ROUNDING : YU_SEV_ERROR, title,
                     proj, "资金总额", G->total, sum, page, line,
                     "《%s》第%d页项目“%s”%s为%s%s，%s之和为%s%s，相差%s%s。", title, page, proj,
                     lab(&R, M_TOTAL), a, uw,
                     parts_txt, f, uw, g, uw);
            }
        }
        /* G-PERF-WEIGHTS */
        if (R.ok && R.has_weight && R.ind_sure && !R.weight_bad && R.nweights >= 2 &&
            (size_t)R.nweights == G->nind && R.weight_total > 0 && R.weight_sum != R.weight_total) {
            int64_t diff = R.weight_sum - R.weight_total;
            int64_t half = R.weight_dec >= 2 ? 1 : R.weight_dec == 1 ? 5 : 50;
            int64_t tol = R.weight_dec ? half * R.nweights : 0;
            char a[48], b[48];
            yu_fmt_units(R.weight_sum, 2, YU_NUM_PROSE, a, sizeof a);
            yu_fmt_units(R.weight_total, 2, YU_NUM_PROSE, b, sizeof b);
            int line = R.header_line + 1, page = d->line_page[R.header_line];
            fadd(out, "G-PERF-WEIGHTS", (diff < 0 ? -diff : diff) <= tol ? YU_SEV_ROUNDING : YU_SEV_ERROR, title,
                 proj, "分值", R.weight_sum, R.weight_total, page, line,
                 "《%s》第%d页项目“%s”%zu项绩效指标的分值之和为%s，%s应为%s。", title, page, proj, G->nind, a,
                 R.weight_stated ? "按表头所列总分" : "按满分100分（扣除执行率分值）", b);
        }
        (void)before;
        yu_arena_free(A);
    }
    return YU_OK;
}
