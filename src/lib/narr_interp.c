/* The narrative interpreter: runs a layout section's program (h1, h2, say,
 * para, if, each …; layout_narr.c parses it) over the engine's symbols and
 * cells, writing heading and paragraph blocks of typed segments.  No
 * wording lives here: every word comes from the layout file.
 *
 * Every figure is resolved here, once, into the printed integer of the
 * narrative's unit (the layout's `prose`, by default the tables' unit; the
 * segment carries the unit and decimals, so printing formats digits): when
 * that is the tables' unit a figure is the value the tables print
 * (controlled rounding); otherwise it is rounded once, from the exact
 * amount, into the narrative's unit (eng_prose).  A figure naming a cell of
 * a table printing the narrative's unit is that cell's printed figure. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "engine_internal.h"
#include "narr_internal.h"
#include "yusuan/year.h"

/* ---- the document builder ---- */

yu_block *narr_block(narr_bb *B, yu_block_kind k)
{
    if (B->n == B->cap) {
        size_t nc = B->cap ? B->cap * 2 : 64;
        yu_block *nb = realloc(B->blk, nc * sizeof *nb);
        if (!nb) {
            B->oom = 1;
            return NULL;
        }
        B->blk = nb;
        B->cap = nc;
    }
    yu_block *b = &B->blk[B->n++];
    memset(b, 0, sizeof *b);
    b->kind = k;
    return b;
}

yu_seg *narr_seg(narr_bb *B)
{
    if (B->ns == B->cseg) {
        size_t nc = B->cseg ? B->cseg * 2 : 32;
        yu_seg *n = realloc(B->seg, nc * sizeof *n);
        if (!n) {
            B->oom = 1;
            return NULL;
        }
        B->seg = n;
        B->cseg = nc;
    }
    yu_seg *s = &B->seg[B->ns++];
    memset(s, 0, sizeof *s);
    return s;
}

void narr_text(narr_bb *B, const char *text, size_t n)
{
    if (!n)
        return;
    if (B->ns && B->seg[B->ns - 1].kind == YU_SEG_TEXT) {
        yu_seg *s = &B->seg[B->ns - 1];
        size_t l = strlen(s->text);
        char *j = yu_arena_alloc(B->E->A, l + n + 1);
        if (!j) {
            B->oom = 1;
            return;
        }
        memcpy(j, s->text, l);
        memcpy(j + l, text, n);
        s->text = j;
    } else {
        yu_seg *s = narr_seg(B);
        if (s && !(s->text = yu_arena_strndup(B->E->A, text, n)))
            B->oom = 1;
    }
}

void narr_para(narr_bb *B, yu_block_kind k)
{
    yu_block *b = narr_block(B, k);
    if (!b)
        return;
    b->segs = yu_arena_alloc(B->E->A, (B->ns ? B->ns : 1) * sizeof *b->segs);
    if (!b->segs) {
        B->oom = 1;
        return;
    }
    if (B->ns)
        memcpy(b->segs, B->seg, B->ns * sizeof *b->segs);
    b->nsegs = B->ns;
    if (k != YU_B_PARA && B->ns && B->seg[0].kind == YU_SEG_TEXT)
        b->text = b->segs[0].text;
    B->ns = 0;
}

void narr_heading(narr_bb *B, yu_block_kind k, const char *text, const char *anchor)
{
    yu_block *b = narr_block(B, k);
    if (b) {
        b->text = yu_arena_strdup(B->E->A, text);
        b->anchor = anchor;
    }
}

/* ---- values ---- */

typedef struct nval {
    int64_t v;    /* as printed: an integer of the narrative's unit (a count or basis points as such) */
    yu_money fen; /* exact */
} nval;

typedef struct nitem {
    const char *key, *name, *code;
    const char *lei, *kuan, *xiang; /* a 项's 类, 款 and 项 names */
    size_t a, b;                    /* its 项 (功能分类) range, when ranged */
    int ranged;
    nval value, prior;
    nval budget, adjusted;          /* a 类's or 项's 年初预算 and 调整预算 of the list's sources */
    int64_t share;                  /* basis points of the list's whole, of the exact amounts */
    int64_t pshare;                 /* the same of the printed figures */
    const yu_project *proj;         /* a `projects` item's */
    const yu_adj *adj;              /* an `adjustments` item's */
    int own_plan;                   /* budget() and adjusted() are the item's own (a `lagging` project's) */
} nitem;

typedef struct frame {
    nitem *it;
    size_t n, i;
} frame;

#define MAXDEPTH 8

typedef struct run {
    engine *E;
    narr_bb *B;
    const yu_lsection *sec;
    frame st[MAXDEPTH];
    int depth;
    int line;
    yu_error *err;
    yu_status st_;
} run;

static yu_status rfail(run *R, const char *fmt, const char *a, size_t n)
{
    if (R->st_)
        return R->st_;
    const yu_layout *L = R->E->L;
    R->st_ = yu_error_set(R->err, YU_ELAYOUT, L->path ? L->path : L->id, R->line, 0, fmt, (int)n, a);
    return R->st_;
}

static const nitem *cur(const run *R)
{
    return R->depth ? &R->st[R->depth - 1].it[R->st[R->depth - 1].i] : NULL;
}

/* the 项 range the innermost ranged item covers, or all (then 0) */
static int range(const run *R, size_t *a, size_t *b)
{
    for (int d = R->depth; d-- > 0;) {
        const nitem *it = &R->st[d].it[R->st[d].i];
        if (it->ranged) {
            *a = it->a;
            *b = it->b;
            return 1;
        }
    }
    *a = 0;
    *b = R->E->nx;
    return 0;
}

/* an amount as the narrative prints it */
static nval in_prose(const engine *E, int64_t table_v, yu_money fen)
{
    nval r = {eng_prose(E, table_v, fen), fen};
    return r;
}

static nval cells(const engine *E, size_t a, size_t b, unsigned tm, unsigned sm)
{
    yu_money fen = 0;
    for (size_t i = a; i < b; i++)
        for (int t = 0; t < YU_T_COUNT; t++)
            if (tm & (1u << t))
                for (int so = 0; so < YU_S_COUNT; so++)
                    if (sm & (1u << so))
                        fen += E->cell[i][t * YU_S_COUNT + so];
    return in_prose(E, eng_cells(E, a, b, tm, sm), fen);
}

static int word_is(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && !strncmp(s, w, n);
}

/* 年初预算 (adjusted = 0) or 调整预算 (1) of 项 [a,b) from the sources sm: a
 * year's document carries them; a budget is its own 年初预算 and 调整预算 */
static nval planned(const engine *E, size_t a, size_t b, unsigned sm, int adjusted)
{
    const yu_money (*v)[YU_S_COUNT] = adjusted ? (const yu_money(*)[YU_S_COUNT])E->adjd : (const yu_money(*)[YU_S_COUNT])E->bud;
    if (!v)
        return cells(E, a, b, T_ALL, sm);
    yu_money fen = 0;
    for (size_t i = a; i < b; i++)
        for (int so = 0; so < YU_S_COUNT; so++)
            if (sm & (1u << so))
                fen += v[i][so];
    return in_prose(E, yu_round_units(fen, E->U), fen);
}

/* an item's text FIELD (narr_text_field): a project's, an adjustment's; NULL when it has none */
static const char *item_text(const yu_budget *b, const nitem *it, int f)
{
    if (!it || f < 0)
        return NULL;
    if (it->proj && f <= 6)
        return f == 6 ? it->proj->goal : it->proj->text[f];
    if (it->adj && f == 7)
        return it->adj->reason;
    if (it->adj && f == 8)
        return it->adj->k.project >= 0 && (size_t)it->adj->k.project < b->nprojects ? b->projects[it->adj->k.project].name : NULL;
    return NULL;
}

static int eval(run *R, const char *s, size_t n, nval *out);
static const char *subst(run *R, const char *s, size_t n);

static int term(run *R, const char *s, size_t n, nval *out)
{
    engine *E = R->E;
    const nitem *it = cur(R);
    memset(out, 0, sizeof *out);
    const char *par = memchr(s, '(', n);
    if (par) {
        const char *a = par + 1;
        size_t na = n - (size_t)(a - s) - 1;
        if (word_is(s, (size_t)(par - s), "cells")) {
            const char *comma = memchr(a, ',', na);
            size_t nt = comma ? (size_t)(comma - a) : na;
            unsigned tm = narr_types(a, nt);
            unsigned sm = comma ? narr_sources(comma + 1, na - nt - 1) : (1u << YU_S_COUNT) - 1;
            size_t ra, rb;
            range(R, &ra, &rb);
            *out = cells(E, ra, rb, tm, sm);
            return 0;
        }
        if (word_is(s, (size_t)(par - s), "budget") || word_is(s, (size_t)(par - s), "adjusted")) {
            if (it && it->own_plan) {
                *out = s[0] == 'a' ? it->adjusted : it->budget;
                return 0;
            }
            size_t ra, rb;
            range(R, &ra, &rb);
            *out = planned(E, ra, rb, narr_sources(a, na), s[0] == 'a');
            return 0;
        }
        /* assets(CATEGORY): a count */
        for (size_t i = 0; i < E->b->nassets; i++)
            if (word_is(a, na, E->b->assets[i].category))
                out->v += E->b->assets[i].count;
        out->fen = out->v;
        return 0;
    }
    if (it && word_is(s, n, "value")) {
        *out = it->value;
        return 0;
    }
    if (it && word_is(s, n, "change")) {
        out->v = it->value.v - it->prior.v;
        out->fen = it->value.fen - it->prior.fen;
        return 0;
    }
    if (it && (word_is(s, n, "share") || word_is(s, n, "pshare"))) {
        /* share: of the exact amounts (a list's shares add up to 100%); pshare: of the printed figures */
        out->v = out->fen = s[0] == 'p' ? it->pshare : it->share;
        return 0;
    }
    if (it && word_is(s, n, "xrate")) {
        /* the change against prior of the exact amounts, in basis points (0 without a prior) */
        int def;
        out->v = out->fen = yu_change_bp(it->value.fen, it->prior.fen, &def);
        return 0;
    }
    if (it && word_is(s, n, "rate")) {
        /* the change against prior, of the figures as printed, in basis points (0 without a prior) */
        int def;
        out->v = out->fen = yu_change_bp(it->value.v, it->prior.v, &def);
        return 0;
    }
    if (word_is(s, n, "projects")) {
        out->v = out->fen = (int64_t)E->b->nprojects;
        return 0;
    }
    if (word_is(s, n, "prior")) {
        if (it && !it->ranged) {
            *out = it->prior;
            return 0;
        }
        /* last year's execution of the 项 in range */
        size_t ra, rb;
        range(R, &ra, &rb);
        int64_t v = 0;
        yu_money fen = 0;
        for (size_t i = ra; i < rb; i++) {
            v += E->prr[i];
            fen += E->pr[i];
        }
        *out = in_prose(E, v, fen);
        return 0;
    }
    char name[64];
    if (memchr(s, '$', n)) {
        /* sgp_$key: a name made with the item's key or code */
        const char *x = subst(R, s, n);
        if (!x || strlen(x) >= sizeof name)
            return rfail(R, "unknown value '%.*s'", s, n);
        memcpy(name, x, strlen(x) + 1);
    } else {
        if (n >= sizeof name)
            return rfail(R, "unknown value '%.*s'", s, n);
        memcpy(name, s, n);
        name[n] = 0;
    }
    int ok;
    int64_t cnt;
    if (eng_sym_count(E, name, strlen(name), &cnt)) {
        out->v = out->fen = cnt;
        return 0;
    }
    int64_t v = eng_sym(E, name, &ok);
    if (!ok)
        return rfail(R, "unknown value '%.*s': not a figure the engine knows (docs/layouts.md, “The narrative”)", s, n);
    out->v = eng_sym_prose(E, name, v); /* as a table in that unit prints it */
    out->fen = eng_sym_fen(E, name);
    return 0;
}

static int eval(run *R, const char *s, size_t n, nval *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    int sign = 1;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        sign = s[i++] == '-' ? -1 : 1;
    while (i < n) {
        size_t a = i;
        int paren = 0;
        while (i < n && (paren || (s[i] != '+' && s[i] != '-'))) {
            if (s[i] == '(')
                paren = 1;
            else if (s[i] == ')')
                paren = 0;
            i++;
        }
        nval t;
        if (term(R, s + a, i - a, &t))
            return -1;
        out->v += sign * t.v;
        out->fen += sign * t.fen;
        if (i < n)
            sign = s[i++] == '-' ? -1 : 1;
    }
    return 0;
}

/* "…$code…$key…" with the innermost item's code and key */
static const char *subst(run *R, const char *s, size_t n)
{
    const nitem *it = cur(R);
    yu_buf b;
    yu_buf_init(&b, 0);
    for (size_t i = 0; i < n;) {
        if (s[i] == '$' && i + 5 <= n && !strncmp(s + i + 1, "code", 4)) {
            yu_buf_puts(&b, it && it->code ? it->code : "");
            i += 5;
        } else if (s[i] == '$' && i + 4 <= n && !strncmp(s + i + 1, "key", 3)) {
            yu_buf_puts(&b, it && it->key ? it->key : "");
            i += 4;
        } else
            yu_buf_add(&b, s + i++, 1);
    }
    const char *r = yu_arena_strdup(R->E->A, b.p ? b.p : "");
    yu_buf_free(&b);
    return r;
}

/* ---- lists ---- */

static nitem *new_items(run *R, size_t n)
{
    nitem *v = yu_arena_alloc(R->E->A, (n ? n : 1) * sizeof *v);
    if (!v)
        R->B->oom = 1;
    return v;
}

static const char *code_text(run *R, uint32_t c)
{
    return yu_arena_printf(R->E->A, "%u", c);
}

/* builds a list in the current context; -1 on an error */
static int build(run *R, const char *spec, nitem **out, size_t *nout)
{
    engine *E = R->E;
    narr_list l;
    const char *why;
    *out = NULL;
    *nout = 0;
    if (narr_list_parse(spec, &l, &why))
        return rfail(R, "%.*s", why, strlen(why));
    nitem *v = NULL;
    size_t n = 0;
    switch (l.kind) {
    case NL_KINDS: {
        size_t cap = 1;
        for (size_t i = 0; i < l.narg; i++)
            cap += l.arg[i] == ' ';
        if (!(v = new_items(R, cap)))
            return -1;
        for (size_t i = 0; i < l.narg;) {
            while (i < l.narg && l.arg[i] == ' ')
                i++;
            if (i == l.narg)
                break;
            size_t a = i;
            while (i < l.narg && l.arg[i] != ' ')
                i++;
            const char *it = l.arg + a, *e = l.arg + i;
            const char *c1 = memchr(it, ':', (size_t)(e - it));
            if (!c1) /* an option: all, max=N */
                continue;
            const char *c2 = memchr(c1 + 1, ':', (size_t)(e - c1 - 1));
            nitem *x = &v[n++];
            x->key = yu_arena_strndup(E->A, it, (size_t)(c1 - it));
            x->name = yu_arena_strndup(E->A, c1 + 1, (size_t)((c2 ? c2 : e) - c1 - 1));
            x->code = x->key;
            if (c2 ? eval(R, c2 + 1, (size_t)(e - c2 - 1), &x->value) : eval(R, it, (size_t)(c1 - it), &x->value))
                return -1;
        }
        break;
    }
    case NL_CLASSES:
    case NL_ITEMS: {
        /* the filter is sources: all fiscal gpb gf soe, or sources joined with '|' */
        unsigned sm = narr_sources(l.arg, l.narg);
        unsigned tm = (1u << YU_T_COUNT) - 1;
        size_t ra = 0, rb = E->nx;
        if (l.kind == NL_ITEMS)
            range(R, &ra, &rb);
        if (!(v = new_items(R, rb - ra)))
            return -1;
        for (size_t k = ra; k < rb;) {
            nitem *x = &v[n];
            memset(x, 0, sizeof *x);
            uint32_t c = E->xc[k];
            if (l.kind == NL_CLASSES) {
                c /= 10000;
                eng_range(E, c, 3, &x->a, &x->b);
                x->ranged = 1;
                x->name = eng_func_name(E, c, 3);
                k = x->b;
            } else {
                x->a = k;
                x->b = k + 1;
                x->ranged = 1; /* cells(), budget() … inside: of this 项 */
                x->prior = in_prose(E, E->prr[k], E->pr[k]);
                x->lei = eng_func_name(E, c / 10000, 3);
                x->kuan = eng_func_name(E, c / 100, 5);
                x->xiang = x->name = eng_func_name(E, c, 7);
                k++;
            }
            x->code = x->key = code_text(R, c);
            x->value = cells(E, x->a, x->b, tm, sm);
            x->budget = planned(E, x->a, x->b, sm, 0);
            x->adjusted = planned(E, x->a, x->b, sm, 1);
            n++;
        }
        break;
    }
    case NL_ADJUST: {
        /* the year's adjustments of money from those sources (of the 类 or 项 in hand) */
        const yu_year *yr = E->b->yr;
        unsigned sm = narr_sources(l.arg, l.narg);
        size_t ra, rb;
        int ranged = range(R, &ra, &rb);
        if (!(v = new_items(R, yr ? yr->nadj : 0)))
            return -1;
        for (size_t i = 0; yr && i < yr->nadj; i++) {
            const yu_adj *a = &yr->adj[i];
            if (!(sm & (1u << a->k.source)) || (E->as_of && a->date > E->as_of))
                continue;
            int in = !ranged;
            for (size_t k = ra; k < rb && !in; k++)
                in = E->xc[k] == a->k.func;
            if (!in)
                continue;
            nitem *x = &v[n++];
            memset(x, 0, sizeof *x);
            x->adj = a;
            x->code = x->key = code_text(R, a->k.func);
            x->name = eng_func_name(E, a->k.func, 7);
            x->value = in_prose(E, yu_round_units(a->delta, E->U), a->delta);
        }
        l.all = 1;
        break;
    }
    case NL_LAGGING:
        /* the execution report's projects behind the year's progress or over their 调整预算:
         * amount the 执行数, `adjusted` the 调整预算, key lagging or over */
        l.all = 1;
        if (!(v = new_items(R, E->nxp)))
            return -1;
        for (size_t i = 0; i < E->nxp; i++) {
            const eng_xproj *p = &E->xp[i];
            if (!p->flag)
                continue;
            nitem *x = &v[n++];
            memset(x, 0, sizeof *x);
            x->name = p->name;
            x->code = p->id;
            x->key = p->flag == 2 ? "over" : "lagging";
            x->own_plan = 1;
            x->value = in_prose(E, yu_round_units(p->paid, E->U), p->paid);
            x->adjusted = in_prose(E, yu_round_units(p->adjusted, E->U), p->adjusted);
        }
        break;
    case NL_ECON: {
        int k = l.arg[1] == 'u'; /* public */
        if (!(v = new_items(R, E->ne)))
            return -1;
        for (size_t i = 0; i < E->ne; i++) {
            nitem *x = &v[n++];
            x->code = x->key = code_text(R, E->ec[i]);
            const char *nm = yu_catalog_name_num(E->o->econ, E->ec[i], 5);
            x->name = nm ? nm : "";
            x->value = in_prose(E, E->ecellr[i][k], E->ecell[i][k]);
        }
        break;
    }
    case NL_ASSETS:
    case NL_PURCHASES: /* the assets of a category: their number, or the number the year buys */
        if (!(v = new_items(R, E->b->nassets)))
            return -1;
        for (size_t i = 0; i < E->b->nassets; i++)
            if (word_is(l.arg, l.narg, E->b->assets[i].category)) {
                nitem *x = &v[n++];
                x->name = x->key = E->b->assets[i].name;
                x->code = "";
                x->value.v = x->value.fen = l.kind == NL_ASSETS ? E->b->assets[i].count : E->b->assets[i].purchase;
            }
        break;
    case NL_PROJECTS:
        /* the projects with a 项目经费情况说明 (all: every project) */
        if (!(v = new_items(R, E->b->nprojects)))
            return -1;
        for (size_t i = 0; i < E->b->nprojects; i++) {
            const yu_project *p = &E->b->projects[i];
            int any = 0;
            for (int k = 0; k < 6; k++)
                any |= p->text[k] && *p->text[k];
            if (!any && !l.all)
                continue;
            nitem *x = &v[n++];
            x->proj = p;
            x->name = p->name;
            x->key = x->code = p->id;
            yu_money fen = E->pf ? E->pf[i][0] + E->pf[i][1] + E->pf[i][2] : 0;
            x->value = in_prose(E, yu_round_units(fen, E->U), fen);
        }
        l.all = 1;
        break;
    case NL_PERF:
        l.all = 1;
        if (!(v = new_items(R, E->d->nperf)))
            return -1;
        for (size_t i = 0; i < E->d->nperf; i++) {
            nitem *x = &v[n++];
            x->name = E->d->perf[i].p->name;
            x->key = x->code = E->d->perf[i].p->id ? E->d->perf[i].p->id : "";
            /* the form's total when the forms print the narrative's unit, else rounded once */
            size_t pi = (size_t)(E->d->perf[i].p - E->b->projects);
            x->value.fen = E->pf && pi < E->b->nprojects ? E->pf[pi][0] + E->pf[pi][1] + E->pf[pi][2] : 0;
            x->value.v = E->d->perf[i].unit_fen == eng_prose_fen(E) ? E->d->perf[i].total
                                                                     : yu_round_units(x->value.fen, eng_prose_fen(E));
        }
        break;
    }
    /* what is printed: items whose amount prints as zero are left out (a 项
     * with a 年初预算 or 调整预算 that prints is kept); with=FIELD keeps the
     * items that have that text */
    size_t m = 0;
    int with = l.with ? narr_text_field(l.with, l.nwith) : -1;
    for (size_t i = 0; i < n; i++) {
        const char *t = with >= 0 ? item_text(E->b, &v[i], with) : NULL;
        if ((l.all || v[i].value.v || v[i].budget.v || v[i].adjusted.v) && (with < 0 || (t && *t)))
            v[m++] = v[i];
    }
    if (l.max && m > l.max)
        m = l.max;
    if (m) {
        yu_money *f = malloc(m * sizeof *f);
        int64_t *bp = malloc(m * sizeof *bp);
        if (!f || !bp) {
            free(f);
            free(bp);
            R->B->oom = 1;
            return -1;
        }
        for (size_t i = 0; i < m; i++)
            f[i] = v[i].value.fen;
        if (yu_shares_bp(f, m, bp) == YU_OK)
            for (size_t i = 0; i < m; i++)
                v[i].share = bp[i];
        for (size_t i = 0; i < m; i++)
            f[i] = v[i].value.v;
        if (yu_shares_bp(f, m, bp) == YU_OK)
            for (size_t i = 0; i < m; i++)
                v[i].pshare = bp[i];
        free(f);
        free(bp);
    }
    *out = v;
    *nout = m;
    return 0;
}

/* ---- templates ---- */

static const char *item_field(const nitem *it, const char *s, size_t n)
{
    if (word_is(s, n, "name")) return it->name;
    if (word_is(s, n, "code")) return it->code;
    if (word_is(s, n, "key")) return it->key;
    if (word_is(s, n, "lei")) return it->lei;
    if (word_is(s, n, "kuan")) return it->kuan;
    if (word_is(s, n, "xiang")) return it->xiang;
    return NULL;
}

/* the layout's word for KEY in its `words NAME …`, or NULL */
static const char *layout_word(run *R, const char *name, const char *key)
{
    const yu_layout *L = R->E->L;
    size_t kl = key ? strlen(key) : 0;
    for (size_t i = 0; kl && i < L->nwords; i++) {
        if (strcmp(L->words_name[i], name))
            continue;
        for (const char *q = L->words_list[i]; *q;) {
            size_t l = strcspn(q, " \t");
            if (l > kl && q[kl] == ':' && !strncmp(q, key, kl))
                return yu_arena_strndup(R->E->A, q + kl + 1, l - kl - 1);
            q += l + strspn(q + l, " \t");
        }
    }
    return NULL;
}

/* a date (YYYYMMDD) in the layout's `date` pattern, or NULL with the error set */
static const char *date_text(run *R, int date, const char *s, size_t n)
{
    {
        const char *p = R->E->L->date_pattern;
        if (!p) {
            rfail(R, "{%.*s}: the layout gives no date pattern (date {y}年{m}月{d}日)", s, n);
            return NULL;
        }
        yu_buf b;
        yu_buf_init(&b, 0);
        for (; *p; p++) {
            char num[16];
            int v = p[0] != '{' ? -1 : p[1] == 'y' ? date / 10000 : p[1] == 'm' ? date / 100 % 100 : date % 100;
            if (v < 0) {
                yu_buf_add(&b, p, 1);
                continue;
            }
            snprintf(num, sizeof num, "%d", v);
            yu_buf_add(&b, num, strlen(num));
            p += 2;
        }
        const char *t = b.oom ? NULL : yu_arena_strndup(R->E->A, b.p ? b.p : "", b.len);
        yu_buf_free(&b);
        if (!t)
            rfail(R, "out of memory%.*s", "", 0);
        return t;
    }
}

/* an adjustment's {date} (the layout's `date` pattern), {kind}, {source} and {type}
 * (its `words kind`, `words source` and `words type`), or NULL with the error set */
static const char *adj_field(run *R, const yu_adj *a, const char *s, size_t n)
{
    if (word_is(s, n, "date"))
        return date_text(R, a->date, s, n);
    int kind = word_is(s, n, "kind"), type = word_is(s, n, "type");
    const char *words = kind ? "kind" : type ? "type" : "source";
    const char *key = kind ? yu_adj_kind_key(a->kind) : type ? yu_type_key(a->k.type) : yu_source_key(a->k.source);
    const char *w = layout_word(R, words, key);
    if (!w) {
        char msg[96];
        snprintf(msg, sizeof msg, "{%s}: the layout's `words %s` has no word for '%%.*s'", words, words);
        rfail(R, msg, key ? key : "", key ? strlen(key) : 0);
    }
    return w;
}

static void flush(narr_bb *B)
{
    if (B->ns)
        narr_para(B, YU_B_PARA);
}

/* writes a template: into the paragraph (heading == NULL) or as a heading's text */
static int say(run *R, const char *tpl, int number, yu_buf *heading)
{
    engine *E = R->E;
    narr_piece pc;
    const char *why;
    const char *p = tpl;
    char tmp[32];
    int r;
    while ((r = narr_piece_next(&p, &pc, &why)) > 0) {
        const char *text = NULL;
        size_t tn = 0;
        if (pc.kind == NP_TEXT) {
            text = pc.s;
            tn = pc.n;
        } else if (pc.kind == NP_NAME) {
            if (word_is(pc.s, pc.n, "unit"))
                text = E->b->name;
            else if (word_is(pc.s, pc.n, "year") || word_is(pc.s, pc.n, "prev")) {
                snprintf(tmp, sizeof tmp, "%d", E->b->year - (pc.s[0] == 'p'));
                text = tmp;
            } else if (word_is(pc.s, pc.n, "n"))
                text = yu_cn_number(number, tmp);
            else if (word_is(pc.s, pc.n, "asof")) {
                /* the date the document is as of (the execution report's) */
                if (!E->as_of)
                    return rfail(R, "{asof}: this document is as of no date%.*s", "", 0);
                if (!(text = date_text(R, E->as_of, pc.s, pc.n)))
                    return -1;
            } else {
                const nitem *it = cur(R);
                if (!it)
                    return rfail(R, "{%.*s} outside each … endeach", pc.s, pc.n);
                if (word_is(pc.s, pc.n, "i")) {
                    snprintf(tmp, sizeof tmp, "%zu", R->st[R->depth - 1].i + 1);
                    text = tmp;
                } else if (it->adj && (word_is(pc.s, pc.n, "date") || word_is(pc.s, pc.n, "kind") ||
                                       word_is(pc.s, pc.n, "source") || word_is(pc.s, pc.n, "type"))) {
                    if (!(text = adj_field(R, it->adj, pc.s, pc.n)))
                        return -1;
                } else
                    text = item_field(it, pc.s, pc.n);
                if (!text)
                    return rfail(R, "{%.*s}: the items of this list have none", pc.s, pc.n);
            }
            tn = strlen(text);
        } else if (word_is(pc.s, pc.n, "note")) {
            text = yu_budget_note(E->b, subst(R, pc.arg, pc.narg));
            tn = text ? strlen(text) : 0;
        } else if (word_is(pc.s, pc.n, "text")) {
            /* a project's text: each line a paragraph of its own; an adjustment's reason or project */
            const nitem *it = cur(R);
            if (!it || (!it->proj && !it->adj))
                return rfail(R, "{text:%.*s} outside each projects … endeach or each adjustments … endeach", pc.arg, pc.narg);
            const char *t = item_text(E->b, it, narr_text_field(pc.arg, pc.narg));
            for (const char *q = t ? t : ""; *q;) {
                const char *nl = strchr(q, '\n');
                size_t l = nl ? (size_t)(nl - q) : strlen(q);
                if (heading)
                    yu_buf_add(heading, q, l);
                else {
                    narr_text(R->B, q, l);
                    if (nl)
                        flush(R->B);
                }
                q += l + (nl != NULL);
            }
            continue;
        } else {
            if (heading)
                return rfail(R, "a heading holds no figures: %.*s", pc.s, pc.n);
            nval v;
            if (eval(R, pc.arg, pc.narg, &v))
                return -1;
            if (pc.ndiv) {
                /* {pct:A/B}: A as a share of B, of the exact amounts (0 when B is not above zero) */
                nval w;
                if (eval(R, pc.div, pc.ndiv, &w))
                    return -1;
                v.v = v.fen = yu_exec_rate_bp(v.fen, w.fen);
            }
            yu_seg *s = narr_seg(R->B);
            if (!s)
                return -1;
            if (word_is(pc.s, pc.n, "pct"))
                s->kind = YU_SEG_PCT;
            else if (word_is(pc.s, pc.n, "count"))
                s->kind = YU_SEG_COUNT;
            else
                s->kind = YU_SEG_MONEY;
            s->style = (uint8_t)pc.style;
            if (pc.ncell) {
                const char *c = subst(R, pc.cell, pc.ncell);
                const char *d1 = strchr(c, '.');
                const char *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
                if (d1 && d2) {
                    const char *tb = yu_arena_strndup(E->A, c, (size_t)(d1 - c));
                    /* a figure of a table the document does not have names no cell */
                    if (tb && yu_doc_table(E->d, tb)) {
                        s->table = tb;
                        s->row = yu_arena_strndup(E->A, d1 + 1, (size_t)(d2 - d1 - 1));
                        s->col = d2 + 1;
                    }
                }
            }
            if (s->kind == YU_SEG_MONEY) {
                /* the printed figure, in the narrative's unit: the cell's own when it names one */
                s->unit_fen = eng_prose_fen(E);
                s->decimals = (uint8_t)eng_prose_decimals(E);
                if (s->table && s->row)
                    (void)eng_cell_prose(E, s->table, s->row, s->col, &v.v);
            }
            /* {abs:…} and {pct:…} print no sign: the words say 增加 or 减少 */
            s->v = (word_is(pc.s, pc.n, "abs") || word_is(pc.s, pc.n, "pct")) && v.v < 0 ? -v.v : v.v;
            /* a share's decimals: the layout's `percent` (fixed: 100.00%; bare_zero: 0%) */
            if (s->kind == YU_SEG_PCT && E->L->pct_fixed && (s->v || !E->L->pct_bare_zero))
                s->style = 1 + YU_NUM_PLAIN;
            continue;
        }
        if (heading)
            yu_buf_add(heading, text, tn);
        else
            narr_text(R->B, text, tn);
    }
    if (r < 0)
        return rfail(R, "%.*s", why, strlen(why));
    return 0;
}

static int cond(run *R, const yu_nstmt *s, int *yes)
{
    const char *a = s->text;
    size_t n = strlen(a);
    nval v;
    *yes = 0;
    switch (s->cond) {
    case YU_NC_ZERO:
    case YU_NC_NONZERO:
        if (eval(R, a, n, &v))
            return -1;
        *yes = (v.fen == 0) == (s->cond == YU_NC_ZERO);
        return 0;
    case YU_NC_INCREASE:
    case YU_NC_DECREASE:
    case YU_NC_UNCHANGED:
        if (eval(R, a, n, &v))
            return -1;
        *yes = s->cond == YU_NC_INCREASE ? v.v > 0 : s->cond == YU_NC_DECREASE ? v.v < 0 : v.v == 0;
        return 0;
    case YU_NC_EMPTY:
    case YU_NC_NONEMPTY:
    case YU_NC_ONE:
    case YU_NC_MANY: {
        nitem *it;
        size_t ni;
        if (build(R, a, &it, &ni))
            return -1;
        *yes = s->cond == YU_NC_EMPTY ? ni == 0 : s->cond == YU_NC_NONEMPTY ? ni > 0 : s->cond == YU_NC_ONE ? ni == 1 : ni > 1;
        return 0;
    }
    case YU_NC_NOTE:
        *yes = yu_budget_note(R->E->b, subst(R, a, n)) != NULL;
        return 0;
    case YU_NC_GIVEN:
        if (!strcmp(a, "funds_prior") || !strcmp(a, "sangong_prior"))
            *yes = !strcmp(a, "funds_prior") ? R->E->b->has_funds_prior : R->E->b->has_sangong_prior;
        else { /* an input the engine makes a symbol of only when given */
            int ok;
            (void)eng_sym(R->E, a, &ok);
            *yes = ok;
        }
        return 0;
    case YU_NC_TEXT: {
        const char *t = item_text(R->E->b, cur(R), narr_text_field(a, n));
        *yes = t && *t;
        return 0;
    }
    case YU_NC_KEY:
        *yes = cur(R) && cur(R)->key && !strcmp(cur(R)->key, a);
        return 0;
    default:
        return 0;
    }
}


yu_status narr_run(narr_bb *B, const yu_lsection *sec, narr_doc_fn doc, yu_error *err)
{
    run R;
    memset(&R, 0, sizeof R);
    R.E = B->E;
    R.B = B;
    R.sec = sec;
    R.err = err;
    for (size_t pc = 0; pc < sec->nprog && !R.st_ && !B->oom;) {
        const yu_nstmt *s = &sec->prog[pc];
        R.line = s->line;
        switch (s->op) {
        case YU_N_H1:
        case YU_N_H2: {
            flush(B);
            int num = 0;
            if (s->op == YU_N_H1)
                B->h2 = 0; /* h2 numbers again after each h1 */
            if (strstr(s->text, "{n}"))
                num = s->op == YU_N_H1 ? ++B->h1 : ++B->h2;
            yu_buf h;
            yu_buf_init(&h, 0);
            if (!say(&R, s->text, num, &h)) {
                narr_heading(B, s->op == YU_N_H1 ? YU_B_H1 : YU_B_H2, h.p ? h.p : "", NULL);
                /* the document's own h1: an entry of the 目录 */
                if (sec->document && s->op == YU_N_H1 && doc && !R.st_)
                    R.st_ = doc(B, s, h.p ? h.p : "", err);
            }
            yu_buf_free(&h);
            pc++;
            break;
        }
        case YU_N_TITLE:
        case YU_N_PART:
        case YU_N_TOC:
        case YU_N_TEXT:
        case YU_N_TABLES:
        case YU_N_SECTIONS:
        case YU_N_GLOSSARY:
        case YU_N_PAGEBREAK:
        case YU_N_FORMS: {
            flush(B);
            yu_buf h;
            yu_buf_init(&h, 0);
            int r = 0;
            if (s->op == YU_N_TITLE || s->op == YU_N_PART)
                r = say(&R, s->text, 0, &h);
            if (!r && doc && !R.st_)
                R.st_ = doc(B, s, h.p ? h.p : s->text ? s->text : "", err);
            yu_buf_free(&h);
            pc++;
            break;
        }
        case YU_N_SAY:
            say(&R, s->text, 0, NULL);
            pc++;
            break;
        case YU_N_PARA:
            flush(B);
            pc++;
            break;
        case YU_N_IF: {
            int yes;
            if (cond(&R, s, &yes))
                break;
            pc = yes ? pc + 1 : s->jump + 1;
            break;
        }
        case YU_N_ELSE: /* the end of the branch taken */
            pc = s->jump + 1;
            break;
        case YU_N_ENDIF:
            pc++;
            break;
        case YU_N_EACH: {
            nitem *it;
            size_t ni;
            if (build(&R, s->text, &it, &ni))
                break;
            if (!ni) {
                pc = s->jump + 1;
                break;
            }
            if (R.depth == MAXDEPTH) {
                rfail(&R, "each nested more than %.*s deep", "8", 1);
                break;
            }
            R.st[R.depth++] = (frame){it, ni, 0};
            pc++;
            break;
        }
        case YU_N_JOIN: {
            frame *f = &R.st[R.depth - 1];
            const char *j = f->i == 0 ? s->join[0] : (s->join[2] && f->i + 1 == f->n) ? s->join[2] : s->join[1];
            narr_text(B, j, strlen(j));
            pc++;
            break;
        }
        case YU_N_ENDEACH: {
            frame *f = &R.st[R.depth - 1];
            if (++f->i < f->n)
                pc = s->jump + 1;
            else {
                R.depth--;
                pc++;
            }
            break;
        }
        }
    }
    flush(B);
    if (!R.st_ && B->oom)
        R.st_ = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    return R.st_;
}

static int is_intro(const yu_layout *L, const char *id)
{
    for (size_t i = 0; i < L->ntables; i++)
        if (L->tables[i].intro && !strcmp(L->tables[i].intro, id))
            return 1;
    return 0;
}

yu_status narr_sections(narr_bb *B, const char *ids, narr_doc_fn doc, yu_error *err)
{
    const yu_layout *L = B->E->L;
    if (ids && *ids) {
        for (const char *q = ids; *q;) {
            while (*q == ' ')
                q++;
            size_t n = strcspn(q, " ");
            for (size_t i = 0; n && i < L->nsections; i++)
                if (strlen(L->sections[i].id) == n && !strncmp(L->sections[i].id, q, n)) {
                    yu_status st = narr_run(B, &L->sections[i], doc, err);
                    if (st)
                        return st;
                }
            q += n;
        }
        return YU_OK;
    }
    for (size_t i = 0; i < L->nsections; i++)
        if (L->sections[i].nprog && !is_intro(L, L->sections[i].id)) {
            yu_status st = narr_run(B, &L->sections[i], doc, err);
            if (st)
                return st;
        }
    return YU_OK;
}

void narr_split3(narr_bb *B, const char *text, const char **f)
{
    for (int k = 0; k < 3; k++) {
        const char *bar = k < 2 ? strchr(text, '|') : NULL;
        size_t n = bar ? (size_t)(bar - text) : strlen(text);
        f[k] = yu_arena_strndup(B->E->A, text, n);
        text = bar ? bar + 1 : text + n;
    }
}

void narr_lines(narr_bb *B, const char *text)
{
    for (const char *p = text ? text : ""; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *line = yu_arena_strndup(B->E->A, p, n);
        if (line && *yu_trim(line)) {
            narr_text(B, line, strlen(line));
            narr_para(B, YU_B_PARA);
        }
        p = e ? e + 1 : p + n;
    }
}
