/* The template-free narrative check (gnarr.c): a narrative figure tied to
 * the table cell its words name — a 科目 by its name, (类)(款)(项) or code,
 * a 类 in a list by 功能分类, the 收支总表's totals, “三公”经费 and its items,
 * a row, column or table kind the vocabulary names, the table a section's
 * heading refers to.  An error only when no candidate cell fits. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "gnarr_internal.h"

/* ---- ties to table cells ---- */

typedef struct cand {
    const yu_gtable *t;
    const yu_grow *r;
    size_t col;
    int64_t v, half; /* 厘 */
} cand;

typedef struct cands {
    cand *c;
    size_t n, cap;
} cands;

static int cand_put(cands *s, const yu_gtable *t, const yu_grow *r, size_t col, int nothing);

static int cand_add(cands *s, const yu_gtable *t, const yu_grow *r, size_t col)
{
    return cand_put(s, t, r, col, 0);
}

/* a cell of a table read completely where nothing (or a dash) is printed:
 * 0, exactly — a table that prints zeros blank (事业收入 blank, the
 * narrative's “事业收入 0 万元”) */
static int cand_nothing(cands *s, const yu_gtable *t, const yu_grow *r, size_t col)
{
    return cand_put(s, t, r, col, 1);
}

/* a table where no cell holds a figure was not read (a web page's one cell
 * a line, its figures beside no label): its blanks say nothing */
static int any_figure(const yu_gtable *t)
{
    for (size_t i = 0; i < t->nrows; i++)
        for (size_t j = 0; j < t->ncols; j++)
            if (t->rows[i].cells[j].kind == YU_GC_NUM)
                return 1;
    return 0;
}

static int cand_put(cands *s, const yu_gtable *t, const yu_grow *r, size_t col, int nothing)
{
    const yu_gcell *cl = &r->cells[col];
    if (nothing ? !t->complete || (cl->kind != YU_GC_BLANK && cl->kind != YU_GC_DASH) || !any_figure(t)
                : cl->kind != YU_GC_NUM)
        return 0;
    int64_t mill = 0; /* the cell in 厘; a figure too large for them is no candidate */
    if (t->unit <= 0 || t->unit > INT64_MAX / 1000 ||
        (!nothing && __builtin_mul_overflow(cl->v, t->unit * 1000 / 100, &mill)))
        return 0;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 16;
        cand *nn = realloc(s->c, nc * sizeof *nn);
        if (!nn)
            return -1;
        s->c = nn;
        s->cap = nc;
    }
    int64_t per = t->unit * 1000; /* 厘 per unit */
    cand *k = &s->c[s->n++];
    k->t = t;
    k->r = r;
    k->col = col;
    k->v = mill;
    int dec = cl->dec > 2 ? 2 : cl->dec;
    k->half = nothing ? 0 : per / pow10i(dec) / 2;
    return 0;
}

/* tie: 0 equal within printing, 1 within a unit of the coarser last digit, 2 apart */
static int tie_fit(const fig *f, const cand *k)
{
    int64_t h = f->half > k->half ? f->half : k->half;
    int64_t e = abs64(f->v - k->v);
    return e <= h ? 0 : e <= 2 * h ? 1 : 2;
}

/* the numbering (5) of a list ends just before qa: its digits are quoted */
static int digits_in_parens(const char *t, size_t qa)
{
    size_t j = qa;
    while (j > 0 && isdigit((unsigned char)t[j - 1]))
        j--;
    return j < qa && j > 0 && t[j - 1] == '(';
}

static void report_tie(gc *c, const para *p, int fi, const cands *s, const char *what)
{
    const fig *f = &p->f[fi];
    int best = 2;
    size_t bi = 0;
    for (size_t k = 0; k < s->n; k++) {
        int ft = tie_fit(f, &s->c[k]);
        if (ft < best) {
            best = ft;
            bi = k;
        }
    }
    if (!best || !s->n)
        return;
    /* one cell clearly named: every candidate cell holds the same figure */
    for (size_t k = 1; k < s->n; k++)
        if (s->c[k].v != s->c[0].v)
            return;
    const cand *k = &s->c[bi];
    char q[800], fn[48], ft[48], tv[48];
    /* the gn_quote from the subject's name: over (类)(款)(项) to the clause's start */
    size_t qa = gn_clause_start(p, f->pos, fi);
    while (qa > 0 && (p->t[qa - 1] == ')' || p->t[qa - 1] == '(' || (unsigned char)p->t[qa - 1] >= 0x80 ||
                      digits_in_parens(p->t, qa)) &&
           f->pos - qa < 150 && !(qa >= 3 && (starts(p->t + qa - 3, "、") || starts(p->t + qa - 3, "。") ||
                                             starts(p->t + qa - 3, "，") || starts(p->t + qa - 3, "；"))))
        qa--;
    while (qa < f->pos && (((unsigned char)p->t[qa] & 0xC0) == 0x80 || p->t[qa] == ')'))
        qa++; /* not from inside a character, nor from the close of a heading's (详见表7) */
    gn_quote(p, qa, f->end, q, sizeof q);
    gn_fmt_money(f->v, f->unit, f->dec, fn, sizeof fn);
    gn_fmt_money(k->v, f->unit, f->dec, ft, sizeof ft);
    int64_t tu = k->t->unit;
    gn_fmt_money(k->v, tu, k->r->cells[k->col].dec > 2 ? 2 : k->r->cells[k->col].dec, tv, sizeof tv);
    const char *col = k->t->cols[k->col].label ? k->t->cols[k->col].label : "";
    char cq[128] = ""; /* “column”, unless its header was not read */
    if (*col)
        snprintf(cq, sizeof cq, "“%s”", col);
    if (k->r->cells[k->col].kind != YU_GC_NUM) /* printed as nothing: 0 */
        gn_add_money(c, "N-TABLE", YU_SEV_ERROR, what, f->line, f->v, k->v,
            "第%d页：情况说明称“%s”，而《%s》%s%s未填数（即为0），两者不一致。", gn_page_of(c, f->line), q,
            k->t->title ? k->t->title : "", k->r->name ? k->r->name : "", cq);
    else
        gn_add_money(c, "N-TABLE", best == 1 ? YU_SEV_ROUNDING : YU_SEV_ERROR, what, f->line, f->v, k->v,
            "第%d页：情况说明称“%s”，而《%s》%s%s为%s%s（合%s%s），两者不一致。", gn_page_of(c, f->line), q,
            k->t->title ? k->t->title : "", k->r->name ? k->r->name : "", cq, tv,
            k->t->unit_text ? k->t->unit_text : gn_unit_name(tu), ft, gn_unit_name(f->unit));
}

static int same_name(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

static int cand_first(const gc *c, cands *s, const yu_gtable *T, const yu_grow *r);
static int cand_row(const gc *c, cands *s, cands *ok, const yu_gtable *T, const yu_grow *r);

/* 一般公共服务(类)…(款)行政运行(项)X万元 */
static int tie_subject(gc *c, const para *p, int fi, cands *s, cands *ok)
{
    const fig *f = &p->f[fi];
    size_t a = gn_clause_start(p, f->pos, fi);
    /* the clause may hold (类)(款)(项): gn_clause_start stops at ')', so look back over them */
    size_t b = f->pos;
    const char *t = p->t;
    char xiang[96] = "", kuan[96] = "", lei[96] = "";
    /* text just before: NAME(项) [支出] */
    size_t e = b;
    if (e >= 1 && t[e - 1] == '"')
        e--;
    /* …住房公积金(项)支出611.51万元, 科学技术(类)支出28.00万元 */
    if (e >= 11 && ends_with(t, e, "支出") && (!memcmp(t + e - 11, "(项)", 5) || !memcmp(t + e - 11, "(类)", 5)))
        e -= 6;
    if (!(e >= 5 && (!memcmp(t + e - 5, "(项)", 5) || !memcmp(t + e - 5, "(类)", 5))))
        return 0;
    int is_xiang = !memcmp(t + e - 5, "(项)", 5);
    (void)a;
    /* walk back over NAME(level) groups */
    size_t end = e;
    for (int lvl = 0; lvl < 3; lvl++) {
        if (end < 5 || t[end - 1] != ')')
            break;
        char lv[4];
        memcpy(lv, t + end - 4, 3);
        lv[3] = 0;
        size_t ne = end - 5, st = ne;
        while (st > 0 && t[st - 1] != ')' && t[st - 1] != '(' && t[st - 1] != ',' && t[st - 1] != ';' &&
               t[st - 1] != ':' && !(st >= 3 && (starts(t + st - 3, "。") || starts(t + st - 3, "、"))))
            st--;
        /* skip numbering like 1. or digits */
        while (st < ne && (isdigit((unsigned char)t[st]) || t[st] == '.'))
            st++;
        if (ne <= st || ne - st >= 95)
            break;
        char *dst = !strcmp(lv, "项") ? xiang : !strcmp(lv, "款") ? kuan : !strcmp(lv, "类") ? lei : NULL;
        if (!dst)
            break;
        memcpy(dst, t + st, ne - st);
        dst[ne - st] = 0;
        end = st;
    }
    const char *name = is_xiang ? xiang : lei;
    if (!*name)
        return 0;
    char withzc[128];
    snprintf(withzc, sizeof withzc, "%s支出", lei);
    const char *code = NULL;
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *T = &c->d->tables[ti];
        if (T->perf)
            continue;
        for (size_t ri = 0; ri < T->nrows; ri++) {
            const yu_grow *r = &T->rows[ri];
            const char *rn = r->name ? yu_canon(c->A, r->name) : NULL;
            if (!rn)
                continue;
            size_t cl = strlen(r->code);
            int hit;
            if (is_xiang) {
                hit = !strcmp(rn, xiang) && (cl == 7 || cl == 0);
                if (hit && *kuan && cl == 7) {
                    /* its 款 in the same table */
                    int kok = -1;
                    for (size_t rj = 0; rj < T->nrows; rj++)
                        if (strlen(T->rows[rj].code) == 5 && !strncmp(T->rows[rj].code, r->code, 5)) {
                            const char *kn = T->rows[rj].name ? yu_canon(c->A, T->rows[rj].name) : NULL;
                            kok = kn && !strcmp(kn, kuan);
                        }
                    if (kok == 0)
                        hit = 0;
                }
            } else
                hit = (same_name(rn, lei) || same_name(rn, withzc)) && (cl == 3 || cl == 0);
            if (!hit)
                continue;
            if (!cl) {
                /* a table without codes (names indented): the row is the 科目
                 * when its name is once in the table and its parent is the
                 * 款 named */
                int once = 1;
                for (size_t rj = 0; rj < T->nrows && once; rj++) {
                    const char *on = rj == ri || !T->rows[rj].name ? NULL : yu_canon(c->A, T->rows[rj].name);
                    once = !on || strcmp(on, rn);
                }
                if (!once)
                    return 0; /* cannot tell one 科目 from another */
                if (*kuan) {
                    const char *pn = NULL;
                    for (size_t rj = ri; rj-- > 0;)
                        if (T->rows[rj].level < r->level) {
                            pn = T->rows[rj].name ? yu_canon(c->A, T->rows[rj].name) : NULL;
                            break;
                        }
                    if (!pn || strcmp(pn, kuan))
                        continue;
                }
            } else if (code && strcmp(code, r->code))
                return 0; /* two 科目 of that name */
            if (cl)
                code = r->code;
            /* the row's first figure is what it names (its 合计); any of
             * its figures may be meant (基本支出 of it) */
            if (cand_row(c, s, ok, T, r))
                return -1;
        }
    }
    return 0;
}

/* 公共安全支出76,468.81万元 in a list by 功能分类 (按支出功能分类，包括一般公共服务
 * 支出X万元、公共安全支出Y万元…): the name right before the figure, alone in
 * its part of the list, names a 类 row (a three-digit code, or a top-level
 * row of a table without codes).  s gets that row's total (its leftmost
 * figure) in the tables of all the money (收支总表, 支出总表); ok every figure
 * of every row of that name, any of which the list may mean (财政拨款, 一般
 * 公共预算, 基本支出 …): only a figure no table prints is an error. */
static int tie_class(gc *c, const para *p, int fi, cands *s, cands *ok)
{
    const fig *f = &p->f[fi];
    const char *t = p->t;
    size_t e = f->pos, st = e;
    /* 1.“教育支出”科目23,689万元, 科学技术(类)支出28.00万元: a 类 named as such, in any list */
    int named = e >= 7 && ends_with(t, e, "\"科目");
    int lei = 0;
    if (named)
        e -= 7;
    else if (e >= 11 && ends_with(t, e, "(类)支出"))
        e -= 11, named = lei = 1;
    else if (e >= 5 && ends_with(t, e, "(类)"))
        e -= 5, named = lei = 1;
    st = e;
    while (st > 0 && t[st - 1] != ',' && t[st - 1] != ':' && t[st - 1] != ';' && t[st - 1] != ')' &&
           t[st - 1] != '(' && t[st - 1] != '"' && !(st >= 3 && (starts(t + st - 3, "、") || starts(t + st - 3, "。"))))
        st--;
    if (named && !lei && (st == 0 || t[st - 1] != '"'))
        return 0;
    char name[96];
    if (e - st < 6 || e - st + 6 >= sizeof name)
        return 0;
    memcpy(name, t + st, e - st);
    name[e - st] = 0;
    if (lei && !ends_with(name, strlen(name), "支出"))
        memcpy(name + strlen(name), "支出", 7); /* the 类 科学技术 is the row 科学技术支出 */
    const char *nm = name;
    if (starts(nm, "包括"))
        nm += strlen("包括");
    size_t nl = strlen(nm);
    if (nl < 6 || !ends_with(nm, nl, "支出"))
        return 0;
    for (const char *q = nm; *q; q++)
        if ((unsigned char)*q < 0x80)
            return 0; /* Chinese words only: no figure, year or numbering */
    /* a list by 功能分类 (tables without codes name their 类 rows alike) */
    const char *by = strstr(t, "功能分类");
    if (!named && (!by || (size_t)(by - t) > st))
        return 0;
    const char *code = NULL;
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *T = &c->d->tables[ti];
        if (T->perf)
            continue;
        for (size_t ri = 0; ri < T->nrows; ri++) {
            const yu_grow *r = &T->rows[ri];
            if (!r->name || !(strlen(r->code) == 3 || (!r->code[0] && r->level == 1)))
                continue;
            const char *rn = yu_canon(c->A, r->name);
            if (!rn || strcmp(rn, nm))
                continue;
            if (r->code[0] && code && strcmp(code, r->code))
                return 0; /* two 类 of that name */
            if (r->code[0])
                code = r->code;
            int whole = !T->scope && T->kind && (!strcmp(T->kind, "summary") || !strcmp(T->kind, "expend"));
            int first = 1;
            for (size_t k = 0; k < T->ncols; k++) {
                if (T->twosided && T->cols[k].side != r->side)
                    continue;
                if (cand_add(ok, T, r, k))
                    return -1;
                if (whole && first && r->cells[k].kind == YU_GC_NUM) {
                    first = 0;
                    if (cand_add(s, T, r, k))
                        return -1;
                }
            }
        }
    }
    return 0;
}

/* (一)2011301-行政运行2163.74万元, 2011301行政运行X万元: a 科目 named by its code
 * and name; s gets the row's total (its leftmost figure) nearest the
 * narrative's, ok every figure of the rows of that code in the tables read
 * completely (the narrative may speak of any kind of money of it) */
static int tie_code(gc *c, const para *p, int fi, cands *s, cands *ok)
{
    const fig *f = &p->f[fi];
    const char *t = p->t;
    size_t e = f->pos;
    if (e >= 6 && ends_with(t, e, "支出") && !ends_with(t, e - 6, "支出"))
        e -= 6; /* …行政运行支出X万元 */
    size_t st = e;
    while (st >= 3 && (unsigned char)t[st - 1] >= 0x80 && !starts(t + st - 3, "、") && !starts(t + st - 3, "。"))
        st -= 3;
    if (e - st < 6)
        return 0;
    size_t ce = st;
    if (ce > 0 && (t[ce - 1] == '-' || t[ce - 1] == ':' || t[ce - 1] == '.'))
        ce--;
    else if (ce >= 3 && (starts(t + ce - 3, "—") || starts(t + ce - 3, "－")))
        ce -= 3;
    size_t cs = ce;
    while (cs > 0 && isdigit((unsigned char)t[cs - 1]))
        cs--;
    size_t cl = ce - cs;
    if ((cl != 3 && cl != 5 && cl != 7) || (cs > 0 && (isalnum((unsigned char)t[cs - 1]) || t[cs - 1] == '.')))
        return 0;
    char code[8], name[96];
    memcpy(code, t + cs, cl);
    code[cl] = 0;
    if (e - st >= sizeof name)
        return 0;
    memcpy(name, t + st, e - st);
    name[e - st] = 0;
    cands lead = {0};
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *T = &c->d->tables[ti];
        if (T->perf || !T->complete)
            continue;
        for (size_t ri = 0; ri < T->nrows; ri++) {
            const yu_grow *r = &T->rows[ri];
            if (strcmp(r->code, code) || !r->name)
                continue;
            const char *rn = yu_canon(c->A, r->name);
            if (!rn || (strcmp(rn, name) && !(ends_with(rn, strlen(rn), "支出") && strlen(rn) == strlen(name) + 6 &&
                                                !strncmp(rn, name, strlen(name)))))
                continue;
            int first = 1;
            for (size_t k = 0; k < T->ncols; k++) {
                if (T->twosided && T->cols[k].side != r->side)
                    continue;
                if (r->cells[k].kind != YU_GC_NUM)
                    continue;
                if (cand_add(ok, T, r, k) || (first && cand_add(&lead, T, r, k))) {
                    free(lead.c);
                    return -1;
                }
                first = 0;
            }
        }
    }
    /* the message names the row's total nearest the narrative's figure */
    size_t best = 0;
    for (size_t k = 1; k < lead.n; k++)
        if (abs64(lead.c[k].v - f->v) < abs64(lead.c[best].v - f->v))
            best = k;
    int rc = lead.n ? cand_add(s, lead.c[best].t, lead.c[best].r, lead.c[best].col) : 0;
    free(lead.c);
    return rc;
}

static int lastyear_words(const gc *c, const char *s);

/* a table's 合计 (总计) row */
static int is_total_row(const yu_grow *r)
{
    return !r->level && ((r->concept && !strcmp(r->concept, "total")) || (r->name && !strcmp(r->name, "合计")));
}

/* (一)人员经费6,377.17万元 / 公用经费518.57万元: the 合计 row's 人员经费 (公用经费)
 * column of the tables that print one; every such cell is a candidate, and
 * only when they all agree is a difference reported */
static int tie_basic(gc *c, const para *p, int fi, cands *s)
{
    const fig *f = &p->f[fi];
    const char *t = p->t;
    static const char *const what[2][3] = {{"人员经费", "人员支出", NULL}, {"公用经费", "日常公用支出", "日常公用经费"}};
    int kind = -1;
    for (int k = 0; k < 2 && kind < 0; k++)
        for (int j = 0; j < 3 && kind < 0; j++)
            if (what[k][j] && ends_with(t, f->pos, what[k][j])) {
                size_t b = f->pos - strlen(what[k][j]);
                /* the word alone in its clause: (一)人员经费 / ，人员经费 / 其中:人员经费 */
                if (b == 0 || t[b - 1] == ')' || t[b - 1] == ',' || t[b - 1] == ':' || t[b - 1] == ';' ||
                    (b >= 3 && (starts(t + b - 3, "、") || starts(t + b - 3, "。"))))
                    kind = k;
            }
    if (kind < 0)
        return 0;
    char lab[160];
    gn_label_of(p, fi, lab, sizeof lab);
    if (lastyear_words(c, lab) || strstr(lab, "比") || strstr(lab, "较"))
        return 0;
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *T = &c->d->tables[ti];
        if (T->perf || !T->complete)
            continue;
        for (size_t k = 0; k < T->ncols; k++) {
            const char *lb = T->cols[k].label;
            if (!lb)
                continue;
            const char *leaf = strrchr(lb, '/');
            leaf = leaf ? leaf + 1 : lb;
            int hit = 0;
            for (int j = 0; j < 3; j++)
                hit |= what[kind][j] && !strcmp(leaf, what[kind][j]);
            if (!hit)
                continue;
            for (size_t ri = 0; ri < T->nrows; ri++) {
                const yu_grow *r = &T->rows[ri];
                if (is_total_row(r) && cand_add(s, T, r, k))
                    return -1;
            }
        }
    }
    return 0;
}

static int is_sangong_concept(const char *c)
{
    return !strcmp(c, "sangong") || !strcmp(c, "abroad") || !strcmp(c, "car") || !strcmp(c, "car_buy") ||
           !strcmp(c, "car_run") || !strcmp(c, "reception");
}

/* 预算 as the amount compared with, not inside a fund's name (一般公共预算,
 * 政府性基金预算, 国有资本经营预算) */
static int budget_word(const char *s)
{
    static const char *const fund[] = {"公共", "基金", "经营"};
    for (const char *q = strstr(s, "预算"); q; q = strstr(q + 1, "预算")) {
        int inname = 0;
        for (size_t k = 0; k < 3 && !inname; k++) {
            size_t n = strlen(fund[k]);
            inname = (size_t)(q - s) >= n && !memcmp(q - n, fund[k], n);
        }
        if (!inname)
            return 1;
    }
    return 0;
}

/* budget_word over the bytes [a, b) of t */
int gn_budget_word_in(const char *t, size_t a, size_t b)
{
    char w[256];
    size_t n = b - a < sizeof w - 1 ? b - a : sizeof w - 1;
    memcpy(w, t + a, n);
    w[n] = 0;
    return budget_word(w);
}

/* words of an amount other than this year's own: last year's, and what a
 * document compares with — a budget its 决算 and 执行, a 决算 its 预算
 * (年初预算, 调整预算, 完成预算) */
static int lastyear_words(const gc *c, const char *s)
{
    if (strstr(s, "上年") || strstr(s, "上一年"))
        return 1;
    if (c->d->kind && !strcmp(c->d->kind, "决算"))
        return budget_word(s);
    return strstr(s, "决算") || strstr(s, "执行");
}

static const char *narr_of(gc *c, const char *label)
{
    if (!label)
        return NULL;
    const char *n = yu_canon(c->A, label);
    return n ? yu_vocab_match(c->v, "narr", n) : NULL;
}

/* a label of this year's amount itself: not last year's (上年, 2025年…), not
 * a comparison (比, 较), a share (占) or a part (其中) */
static int this_years_label(const gc *c, const char *l)
{
    if (lastyear_words(c, l) || strstr(l, "比") || strstr(l, "较") || strstr(l, "其中") || strstr(l, "占"))
        return 0;
    if (gn_dir_at_end(l, 0, strlen(l), 0, NULL) != D_NONE)
        return 0; /* …支出减少63.14万元: a change */
    char y[16];
    snprintf(y, sizeof y, "%d", c->d->year - 1);
    return !(c->d->year > 1900 && strstr(l, y));
}

/* 收入预算X万元, “三公”经费X万元 … through the vocabulary's narr words.
 * s gets the cells the words name (the leftmost figure of a named row, the
 * figures of a named column); ok every figure of those tables, any of which
 * the narrative may mean (a header read wrong must not make an alarm). */
static int tie_concept(gc *c, const para *p, int fi, cands *s, cands *ok, const char **what)
{
    char lab[160];
    gn_label_of(p, fi, lab, sizeof lab);
    if (!this_years_label(c, lab))
        return 0;
    static const char *narrower[] = {"基本", "项目", "财政拨款", "一般公共", "政府性基金", "国有资本", "机关运行",
                                     "采购", "人员", "公用", "事业", "其他", "经营", "上级", "附属", "专户",
                                     "结转", "结余", "当年", "拨款"};
    const char *con = yu_vocab_match(c->v, "narr", lab);
    if (!con || !strcmp(con, "other"))
        return 0;
    int sg = is_sangong_concept(con);
    if (!sg)
        for (size_t k = 0; k < sizeof narrower / sizeof narrower[0]; k++)
            if (strstr(lab, narrower[k]))
                return 0;
    *what = con;
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *T = &c->d->tables[ti];
        if (T->perf || !T->kind)
            continue;
        if (!sg) {
            int sum = !strcmp(T->kind, "summary");
            if (!sum && strcmp(T->kind, "income") && strcmp(T->kind, "expend"))
                continue;
            for (size_t ri = 0; ri < T->nrows; ri++) {
                const yu_grow *r = &T->rows[ri];
                if (!r->concept)
                    continue;
                /* 收入总计 / 支出总计, or a two-sided table's 总计 on the named side */
                int named = sum && (!strcmp(r->concept, con) ||
                                    (T->twosided && !strcmp(r->concept, "total") &&
                                     r->side == !strcmp(con, "expend_total") &&
                                     (!strcmp(con, "income_total") || !strcmp(con, "expend_total"))));
                int totalish = !strcmp(r->concept, "total") || !strcmp(r->concept, "income_total") ||
                               !strcmp(r->concept, "expend_total") || !strcmp(r->concept, "income_year") ||
                               !strcmp(r->concept, "expend_year");
                for (size_t k = 0; k < T->ncols; k++) {
                    if (T->twosided && T->cols[k].side != r->side)
                        continue;
                    if (totalish && cand_add(ok, T, r, k))
                        return -1;
                }
                if (named && cand_first(c, s, T, r))
                    return -1;
            }
        } else if (!strcmp(T->kind, "sangong")) {
            /* a table of its units' rows under a 合计: the 合计 is the department's */
            int has_total = 0;
            for (size_t ri = 0; ri < T->nrows && !has_total; ri++)
                has_total = is_total_row(&T->rows[ri]);
            for (size_t ri = 0; ri < T->nrows; ri++) {
                const yu_grow *r = &T->rows[ri];
                const char *rc = narr_of(c, r->name);
                /* (a row naming an item of the 三公 is no unit's) */
                int lastrow = (r->name && lastyear_words(c, r->name)) || (has_total && !is_total_row(r) && !rc);
                int first = 1;
                for (size_t k = 0; k < T->ncols; k++) {
                    if (cand_add(ok, T, r, k))
                        return -1;
                    if (lastrow || r->cells[k].kind != YU_GC_NUM)
                        continue;
                    const char *cc = narr_of(c, T->cols[k].label);
                    int hit = (rc && !strcmp(rc, con) && first) || (!rc && cc && !strcmp(cc, con));
                    if (T->cols[k].label && lastyear_words(c, T->cols[k].label))
                        hit = 0;
                    first = 0;
                    if (hit && cand_add(s, T, r, k))
                        return -1;
                }
            }
        }
    }
    return 0;
}

/* leading numbering of a label or a row's name: (1) 1. 1、 一、 (一) 其中: */
static const char *strip_numbering(const char *s)
{
    static const char *cn[] = {"十", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    for (int again = 1; again;) {
        again = 0;
        const char *q = s;
        if (starts(q, "其中:")) {
            s = q + strlen("其中:");
            again = 1;
            continue;
        }
        int paren = *q == '(';
        if (paren)
            q++;
        const char *d = q;
        while (isdigit((unsigned char)*q))
            q++;
        for (int k = 0; q == d && k < 10; k++)
            while (starts(q, cn[k])) {
                q += strlen(cn[k]);
                k = -1;
                break;
            }
        if (q == d)
            continue;
        if (paren && *q == ')')
            s = q + 1, again = 1;
        else if (!paren && (*q == '.' || starts(q, "、")))
            s = q + (*q == '.' ? 1 : strlen("、")), again = 1;
    }
    return s;
}

/* the label of figure fi, numbering aside, when it may name a row or a
 * column: this year's, and not a word or two (收入, 支出) */
static const char *list_label(const gc *c, const para *p, int fi, char *lab, size_t cap)
{
    gn_label_of(p, fi, lab, cap);
    const char *l = strip_numbering(lab);
    return yu_utf8_width(l) >= 8 && this_years_label(c, l) ? l : NULL;
}

/* the row's first figure (on its side; not a 行次 nor a last year's column) into s */
static int cand_first(const gc *c, cands *s, const yu_gtable *T, const yu_grow *r)
{
    for (int nothing = 0; nothing < 2; nothing++)
        for (size_t k = 0; k < T->ncols; k++) {
            const yu_gcol *C = &T->cols[k];
            if ((T->twosided && C->side != r->side) || (C->concept && !strcmp(C->concept, "lineno")) ||
                (C->label && lastyear_words(c, C->label)))
                continue;
            if (!nothing && r->cells[k].kind == YU_GC_NUM)
                return cand_add(s, T, r, k);
            /* nothing printed in the row: its first column's blank is 0 */
            if (nothing)
                return cand_nothing(s, T, r, k);
        }
    return 0;
}

/* a row named: its first figure into s, every figure of it into ok */
static int cand_row(const gc *c, cands *s, cands *ok, const yu_gtable *T, const yu_grow *r)
{
    if (cand_first(c, s, T, r))
        return -1;
    for (size_t k = 0; k < T->ncols; k++)
        if (cand_add(ok, T, r, k))
            return -1;
    return 0;
}

/* every figure of every table into ok: a figure some table prints is no error */
static int cand_every(const gc *c, cands *ok)
{
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *T = &c->d->tables[ti];
        if (T->perf)
            continue;
        for (size_t ri = 0; ri < T->nrows; ri++)
            for (size_t k = 0; k < T->ncols; k++)
                if (cand_add(ok, T, &T->rows[ri], k))
                    return -1;
    }
    return 0;
}

/* 一般公共预算拨款收入7,062.8万元, 本年收入合计7,062.8万元: a label that is,
 * numbering aside, the whole name of rows of the 收支总表s and 收入表s: s
 * gets those rows' first figures; ok every figure of every
 * table of money, any of which the narrative may mean (a 基本支出 of another
 * scope), so only a figure no table prints is an error */
static int tie_rowname(gc *c, const para *p, int fi, cands *s, cands *ok)
{
    char lab[160];
    const char *l = list_label(c, p, fi, lab, sizeof lab);
    if (!l)
        return 0;
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *T = &c->d->tables[ti];
        /* the lists of the 收支总表 and 收入表 (a 类 of the 支出 tables is tied
         * only in a list by 功能分类: tie_class) */
        if (T->perf || !T->kind || !T->complete ||
            (strcmp(T->kind, "summary") && strcmp(T->kind, "fiscal_summary") && strcmp(T->kind, "income")))
            continue;
        for (size_t ri = 0; ri < T->nrows; ri++) {
            const yu_grow *r = &T->rows[ri];
            const char *rn = r->name ? yu_canon(c->A, r->name) : NULL;
            if (rn && !strcmp(strip_numbering(rn), l) && cand_first(c, s, T, r))
                return -1;
        }
    }
    return s->n ? cand_every(c, ok) : 0;
}

/* a run of Chinese characters (3 bytes each, no punctuation) of t ending at e: its start */
static size_t cjk_run_before(const char *t, size_t from, size_t e)
{
    size_t a = e;
    while (a >= from + 3 && ((unsigned char)t[a - 3] & 0xF0) == 0xE0 && !starts(t + a - 3, "、") &&
           !starts(t + a - 3, "。") && !starts(t + a - 3, "“") && !starts(t + a - 3, "”"))
        a -= 3;
    return a;
}

void gn_find_alias(gc *c, const char *n)
{
    static const char *const defs[] = {")指", "):指", ")是指", "):是指"};
    for (size_t k = 0; k < sizeof defs / sizeof defs[0] && c->nalias < (int)(sizeof c->alias / sizeof c->alias[0]); k++) {
        const char *q = strstr(n, defs[k]);
        if (!q)
            continue;
        size_t close = (size_t)(q - n), open = close;
        while (open > 0 && n[open - 1] != '(' && n[open - 1] != ')')
            open--;
        if (open == 0 || n[open - 1] != '(')
            continue;
        size_t ya = cjk_run_before(n, open, close);
        size_t xa = cjk_run_before(n, 0, open - 1);
        size_t ny = close - open, nx = open - 1 - xa;
        /* both names of 2 to 20 characters, the alias wholly Chinese */
        if (ya != open || ny < 6 || nx < 6 || ny >= sizeof c->alias[0].alias || nx >= sizeof c->alias[0].name)
            continue;
        memcpy(c->alias[c->nalias].name, n + xa, nx);
        c->alias[c->nalias].name[nx] = 0;
        memcpy(c->alias[c->nalias].alias, n + open, ny);
        c->alias[c->nalias].alias[ny] = 0;
        int known = !strcmp(c->alias[c->nalias].name, c->alias[c->nalias].alias);
        for (int a = 0; a < c->nalias && !known; a++)
            known = !strcmp(c->alias[a].name, c->alias[c->nalias].name) &&
                    !strcmp(c->alias[a].alias, c->alias[c->nalias].alias);
        if (!known)
            c->nalias++;
        return;
    }
}

/* 本部门机关运行经费安排523.62万元 where the document defines “行政经费（机关
 * 运行经费）指…”: the figure of the row named 行政经费 (its first figure in s,
 * the row's figures in ok) */
static int tie_alias(gc *c, const para *p, int fi, cands *s, cands *ok)
{
    if (!c->nalias)
        return 0;
    char lab[160];
    gn_label_of(p, fi, lab, sizeof lab);
    const char *l = strip_numbering(lab);
    if (!this_years_label(c, l))
        return 0;
    for (int a = 0; a < c->nalias; a++) {
        const char *y = strstr(l, c->alias[a].alias);
        if (!y)
            continue;
        /* the alias names the figure: nothing but 安排, 预算, 支出 or 为 after it */
        const char *rest = y + strlen(c->alias[a].alias);
        static const char *const tail[] = {"预算安排", "支出预算", "安排", "预算", "支出", "为", ""};
        int fits = 0;
        for (size_t k = 0; k < sizeof tail / sizeof tail[0] && !fits; k++)
            fits = !strcmp(rest, tail[k]);
        if (!fits)
            continue;
        for (size_t ti = 0; ti < c->d->ntables; ti++) {
            const yu_gtable *T = &c->d->tables[ti];
            if (T->perf)
                continue;
            for (size_t ri = 0; ri < T->nrows; ri++) {
                const yu_grow *r = &T->rows[ri];
                const char *rn = r->name ? yu_canon(c->A, r->name) : NULL;
                if (!rn || strcmp(strip_numbering(rn), c->alias[a].name))
                    continue;
                if (cand_row(c, s, ok, T, r))
                    return -1;
            }
        }
        return 0;
    }
    return 0;
}

static int tie_referred(gc *c, const para *p, int fi, cands *s, cands *ok);
/* 2026年度一般公共预算拨款基本支出3,861.25万元: words the vocabulary gives
 * a table's kind (narr gpb_basic …) name that table's 合计: s gets the
 * first figure of its total row; ok every figure of every table */
static int tie_tablekind(gc *c, const para *p, int fi, cands *s, cands *ok)
{
    char lab[160];
    gn_label_of(p, fi, lab, sizeof lab);
    if (!this_years_label(c, lab))
        return 0;
    const char *con = yu_vocab_match(c->v, "narr", lab);
    if (!con)
        return 0;
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *T = &c->d->tables[ti];
        if (T->perf || !T->kind || !T->complete || T->twosided || strcmp(T->kind, con))
            continue;
        for (size_t ri = 0; ri < T->nrows; ri++) {
            const yu_grow *r = &T->rows[ri];
            if (is_total_row(r)) {
                if (cand_first(c, s, T, r))
                    return -1;
                break;
            }
        }
    }
    return s->n ? cand_every(c, ok) : 0;
}

/* 1.基本支出746.39万元, 4．事业收入0万元: a label that is, numbering aside,
 * the whole header of a column of the 收入表s and 支出表s: s gets the
 * 合计 row's cells of those columns; ok every figure of every table (the
 * 基本支出 of another scope may be meant), so only a figure no table prints
 * is an error */
static int tie_colname(gc *c, const para *p, int fi, cands *s, cands *ok)
{
    char lab[160];
    const char *l = list_label(c, p, fi, lab, sizeof lab);
    if (!l)
        return 0;
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *T = &c->d->tables[ti];
        if (T->perf || !T->kind || !T->complete || T->twosided ||
            (strcmp(T->kind, "income") && strcmp(T->kind, "expend")))
            continue;
        for (size_t k = 0; k < T->ncols; k++) {
            const char *lb = T->cols[k].label;
            const char *leaf = lb ? strrchr(lb, '/') : NULL;
            leaf = leaf ? leaf + 1 : lb;
            const char *cl = leaf ? yu_canon(c->A, leaf) : NULL;
            if (!cl || strcmp(cl, l))
                continue;
            for (size_t ri = 0; ri < T->nrows; ri++) {
                const yu_grow *r = &T->rows[ri];
                if (is_total_row(r) && r->cells[k].kind == YU_GC_NUM && cand_add(s, T, r, k))
                    return -1;
            }
        }
    }
    return s->n ? cand_every(c, ok) : 0;
}

void gn_find_ties(gc *c, para *p)
{
    for (int i = 0; i < p->nf && !c->oom; i++) {
        fig *f = &p->f[i];
        if (f->kind != F_MONEY || f->role == R_CHANGE || f->role == R_LAST || f->role == R_RATE)
            continue;
        cands s = {0}, ok = {0};
        const char *what = "subject";
        int rc = tie_subject(c, p, i, &s, &ok);
        if (!rc && !s.n)
            rc = tie_code(c, p, i, &s, &ok);
        if (!rc && !s.n)
            rc = tie_class(c, p, i, &s, &ok);
        if (!rc && !s.n)
            rc = tie_basic(c, p, i, &s);
        if (!rc && !s.n)
            rc = tie_concept(c, p, i, &s, &ok, &what);
        /* the ties that name a row, table or column by its words: each starts
         * its own ok (the figures it allows) afresh */
        static const struct {
            int (*tie)(gc *, const para *, int, cands *, cands *);
            const char *what;
        } named[] = {{tie_rowname, "row"}, {tie_tablekind, "table"}, {tie_colname, "column"},
                     {tie_alias, "alias"}, {tie_referred, "referred"}};
        for (size_t k = 0; k < sizeof named / sizeof named[0] && !rc && !s.n; k++) {
            if (named[k].tie == tie_referred && !c->ref)
                continue;
            free(ok.c);
            memset(&ok, 0, sizeof ok);
            what = named[k].what;
            rc = named[k].tie(c, p, i, &s, &ok);
        }
        if (f->kind == F_MONEY)
            c->ref = NULL; /* the section's first figure only */
        if (rc)
            c->oom = 1;
        else if (s.n) {
            int fine = 0;
            for (size_t k = 0; k < ok.n && !fine; k++)
                fine = tie_fit(f, &ok.c[k]) == 0;
            if (!fine)
                report_tie(c, p, i, &s, what);
        }
        free(s.c);
        free(ok.c);
    }
}

/* 表N of 详见表N / 见表N in a heading: the table numbered so, or NULL */
const yu_gtable *gn_referred_table(const gc *c, const char *t)
{
    const char *q = strstr(t, "见表");
    if (!q)
        return NULL;
    q += strlen("见表");
    while (*q == ' ')
        q++;
    char want[24];
    size_t n = 0;
    while (isdigit((unsigned char)q[n]) && n < 8)
        n++;
    if (!n || isdigit((unsigned char)q[n]))
        return NULL;
    snprintf(want, sizeof want, "表%.*s", (int)n, q);
    const yu_gtable *hit = NULL;
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *T = &c->d->tables[ti];
        if (T->perf || !T->number || !T->complete)
            continue;
        const char *nb = yu_canon(c->A, T->number);
        if (!nb || strcmp(nb, want))
            continue;
        if (hit)
            return NULL; /* two tables of that number: no reference */
        hit = T;
    }
    return hit;
}

/* 2026年一般公共预算当年拨款5,753.07万元 as the first figure of a section
 * whose heading says （详见表 5）: the total of that table (its 合计 row's
 * first figure; a 收支总表's 本年收入合计 / 收入总计), in s; ok every figure of
 * every table, any of which the sentence may mean */
static int tie_referred(gc *c, const para *p, int fi, cands *s, cands *ok)
{
    const yu_gtable *T = c->ref; /* gn_find_ties ends the reference after this figure */
    char lab[160];
    gn_label_of(p, fi, lab, sizeof lab);
    if (!this_years_label(c, lab))
        return 0;
    for (size_t ri = 0; ri < T->nrows; ri++) {
        const yu_grow *r = &T->rows[ri];
        if (r->concept && (!strcmp(r->concept, "total") || !strcmp(r->concept, "income_total") ||
                           !strcmp(r->concept, "income_year")) && cand_first(c, s, T, r))
            return -1;
    }
    return s->n ? cand_every(c, ok) : 0;
}
