/* The 部门决算 compiled from the year: budget, adjustments, execution and
 * final.csv (docs/year.md).  Every table of a final-accounts layout
 * (central-final, shanghai-final-accounts) is filled from the year's
 * figures in 分 and each cell is rounded on its own (`rounding independent`);
 * the narrative is the layout's, run over these figures (year_fnarr.c). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "year_final.h"

#define SRC(s) (1u << (s))
#define S_GPB (SRC(YU_S_GPB) | SRC(YU_S_GPB_CARRY))
#define S_GF (SRC(YU_S_GF) | SRC(YU_S_GF_CARRY))
#define S_SOE (SRC(YU_S_SOE) | SRC(YU_S_SOE_CARRY))
#define S_FISCAL (S_GPB | S_GF | S_SOE)
#define S_ALL ((1u << YU_S_COUNT) - 1)
#define T_ALL ((1u << YU_T_COUNT) - 1)

unsigned yf_filter_mask(yu_filter f)
{
    switch (f) {
    case YU_FILTER_FISCAL: return S_FISCAL;
    case YU_FILTER_GPB: return S_GPB;
    case YU_FILTER_GF: return S_GF;
    case YU_FILTER_SOE: return S_SOE;
    default: return S_ALL;
    }
}

static int kind_of_filter(yu_filter f)
{
    return f == YU_FILTER_GF ? 1 : f == YU_FILTER_SOE ? 2 : 0;
}

static unsigned type_mask(const char *k)
{
    if (!strcmp(k, "total")) return T_ALL;
    if (!strcmp(k, "basic")) return 1u << YU_T_PERSONNEL | 1u << YU_T_PUBLIC;
    if (!strcmp(k, "personnel")) return 1u << YU_T_PERSONNEL;
    if (!strcmp(k, "public")) return 1u << YU_T_PUBLIC;
    if (!strcmp(k, "project")) return 1u << YU_T_PROJECT;
    if (!strcmp(k, "shangjiao")) return 1u << YU_T_SHANGJIAO;
    if (!strcmp(k, "jingying")) return 1u << YU_T_JINGYING;
    if (!strcmp(k, "fushu")) return 1u << YU_T_FUSHU;
    return 0;
}

yu_money yf_paid(const yfin *F, size_t a, size_t b, unsigned tm, unsigned sm)
{
    yu_money s = 0;
    for (size_t i = a; i < b; i++)
        for (int t = 0; t < YU_T_COUNT; t++)
            if (tm >> t & 1)
                for (int so = 0; so < YU_S_COUNT; so++)
                    if (sm >> so & 1)
                        s += F->paid[i].v[t][so];
    return s;
}

static yu_money src_sum(const yu_money (*v)[YU_S_COUNT], size_t a, size_t b, unsigned sm)
{
    yu_money s = 0;
    for (size_t i = a; i < b; i++)
        for (int so = 0; so < YU_S_COUNT; so++)
            if (sm >> so & 1)
                s += v[i][so];
    return s;
}

void yf_range(const yfin *F, uint32_t code, int digits, size_t *a, size_t *b)
{
    uint32_t div = digits == 3 ? 10000 : digits == 5 ? 100 : 1;
    size_t i = 0;
    while (i < F->nx && F->xc[i] / div < code)
        i++;
    *a = i;
    while (i < F->nx && F->xc[i] / div == code)
        i++;
    *b = i;
}

static int add_code(yfin *F, uint32_t c, size_t *cap)
{
    for (size_t i = 0; i < F->nx; i++)
        if (F->xc[i] == c)
            return 0;
    if (F->nx == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        uint32_t *q = realloc(F->xc, nc * sizeof *q);
        if (!q)
            return -1;
        F->xc = q;
        *cap = nc;
    }
    F->xc[F->nx++] = c;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static size_t xidx(const yfin *F, uint32_t c)
{
    const uint32_t *p = bsearch(&c, F->xc, F->nx, sizeof *F->xc, cmp_u32);
    return p ? (size_t)(p - F->xc) : 0;
}

/* attributes total over the 项 by the first weight vector that is not all zero */
static int attribute(yfin *F, yu_money total, yu_money *const *ws, size_t nw, int col)
{
    if (!total)
        return 0;
    yu_money *out = calloc(F->nx ? F->nx : 1, sizeof *out);
    if (!out)
        return -1;
    int done = 0;
    for (size_t k = 0; k < nw && !done; k++) {
        yu_money W = 0;
        for (size_t i = 0; i < F->nx; i++)
            W += ws[k][i] > 0 ? ws[k][i] : 0;
        /* split in whole display units (so every printed cell adds up exactly);
         * the 分 below one unit go to the 项 with the largest weight */
        if (W > 0 && !yy_split(total / F->U, ws[k], F->nx, out)) {
            size_t big = 0;
            for (size_t i = 0; i < F->nx; i++) {
                out[i] *= F->U;
                if (ws[k][i] > ws[k][big])
                    big = i;
            }
            out[big] += total % F->U;
            done = 1;
        }
    }
    if (!done && F->nx) {
        out[0] = total; /* nothing to weigh by: the first 项 */
        done = 1;
    }
    for (size_t i = 0; i < F->nx; i++)
        F->inc[i][col] += out[i];
    free(out);
    return done ? 0 : -1;
}

void yf_free(yfin *F)
{
    free(F->xc);
    free(F->paid);
    free(F->inc);
    free(F->bud);
    free(F->adjd);
    free(F->ec);
    free(F->epaid);
    memset(F, 0, sizeof *F);
}

yu_status yf_build(yfin *F, const yu_budget *b, const yu_year_opts *o, int64_t unit, yu_error *err)
{
    memset(F, 0, sizeof *F);
    F->U = unit > 0 ? unit : 1;
    F->b = b;
    F->func = o->func;
    F->econ = o->econ;
    const yu_year *y = b->yr;
    if (!y || !(y->has & YU_YEAR_EXEC))
        return yu_error_set(err, YU_EMISSING, y ? y->dir : NULL, 0, 0,
                            "the 决算 needs execution.csv (the year's payments): see docs/year.md");
    size_t cap = 0;
    for (size_t i = 0; i < b->nlines; i++)
        if (add_code(F, b->lines[i].func, &cap)) goto oom;
    for (size_t i = 0; i < y->nadj; i++)
        if (add_code(F, y->adj[i].k.func, &cap)) goto oom;
    qsort(F->xc, F->nx, sizeof *F->xc, cmp_u32);
    size_t n = F->nx ? F->nx : 1;
    F->paid = calloc(n, sizeof *F->paid);
    F->inc = calloc(n, sizeof *F->inc);
    F->bud = calloc(n, sizeof *F->bud);
    F->adjd = calloc(n, sizeof *F->adjd);
    if (!F->paid || !F->inc || !F->bud || !F->adjd)
        goto oom;
    for (size_t i = 0; i < b->nlines; i++) {
        size_t x = xidx(F, b->lines[i].func);
        F->bud[x][b->lines[i].source] += b->lines[i].amount;
        F->adjd[x][b->lines[i].source] += b->lines[i].amount;
    }
    for (size_t i = 0; i < y->nadj; i++) {
        const yu_adj *a = &y->adj[i];
        size_t x = xidx(F, a->k.func);
        F->adjd[x][a->k.source] += a->delta;
        if (yu_source_is_fiscal(a->k.source) && a->kind != YU_ADJ_TIAOJI) {
            int kind = a->k.source / 2;
            if (a->k.source % 2 == 0)
                F->net_adj[kind] += a->delta;
        }
    }
    /* gpb basic by 经济分类 */
    size_t ecap = 0;
    for (size_t i = 0; i < y->npay; i++) {
        const yu_pay *p = &y->pay[i];
        size_t x = xidx(F, p->k.func);
        F->paid[x].v[p->k.type][p->k.source] += p->k.amount;
        if ((p->k.type == YU_T_PERSONNEL || p->k.type == YU_T_PUBLIC) && (S_GPB >> p->k.source & 1) && p->k.econ) {
            size_t e = 0;
            while (e < F->ne && F->ec[e] != p->k.econ)
                e++;
            if (e == F->ne) {
                if (F->ne == ecap) {
                    size_t nc = ecap ? ecap * 2 : 32;
                    uint32_t *q = realloc(F->ec, nc * sizeof *q);
                    yu_money (*r)[2] = q ? realloc(F->epaid, nc * sizeof *r) : NULL;
                    if (!q || !r) {
                        if (q) F->ec = q;
                        goto oom;
                    }
                    F->ec = q;
                    F->epaid = r;
                    ecap = nc;
                }
                F->ec[F->ne] = p->k.econ;
                F->epaid[F->ne][0] = F->epaid[F->ne][1] = 0;
                F->ne++;
            }
            F->epaid[e][p->k.type == YU_T_PUBLIC] += p->k.amount;
        }
    }
    /* sort the 经济分类 款 */
    for (size_t i = 1; i < F->ne; i++)
        for (size_t j = i; j > 0 && F->ec[j - 1] > F->ec[j]; j--) {
            uint32_t t = F->ec[j]; F->ec[j] = F->ec[j - 1]; F->ec[j - 1] = t;
            yu_money u0 = F->epaid[j][0], u1 = F->epaid[j][1];
            F->epaid[j][0] = F->epaid[j - 1][0]; F->epaid[j][1] = F->epaid[j - 1][1];
            F->epaid[j - 1][0] = u0; F->epaid[j - 1][1] = u1;
        }
    /* income: fiscal appropriations with their adjustments; the rest as final.csv says (or as budgeted) */
    static const int fund_of[3] = {YU_F_GPB, YU_F_GF, YU_F_SOE};
    static const int carry_of[3] = {YU_F_CARRY_GPB, YU_F_CARRY_GF, YU_F_CARRY_SOE};
    for (int k = 0; k < 3; k++) {
        F->s.income[k] = b->funds[fund_of[k]] + F->net_adj[k];
        F->s.carry[k] = b->funds[carry_of[k]];
    }
    static const int nf_fund[5] = {YU_F_SHANGJI, YU_F_SHIYE, YU_F_JINGYING, YU_F_FUSHU, YU_F_OTHER};
    static const int nf_fin[5] = {YU_YF_SHANGJI, YU_YF_SHIYE, YU_YF_JINGYING, YU_YF_FUSHU, YU_YF_OTHER};
    for (int k = 0; k < 5; k++)
        F->s.income[3 + k] = y->fin_seen >> nf_fin[k] & 1 ? y->fin[nf_fin[k]] : b->funds[nf_fund[k]];
    F->s.carry[3] = b->funds[YU_F_CARRY_NF];
    F->s.use_nf = y->fin_seen >> YU_YF_USE_NF & 1 ? y->fin[YU_YF_USE_NF] : b->funds[YU_F_USE_NF_BALANCE];
    F->s.distrib = y->fin[YU_YF_DISTRIB];
    static const unsigned kmask[3] = {S_GPB, S_GF, S_SOE};
    static const char *const kname[3] = {"一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"};
    for (int k = 0; k < 3; k++) {
        F->s.spent[k] = yf_paid(F, 0, F->nx, T_ALL, kmask[k]);
        F->s.out[k] = F->s.income[k] + F->s.carry[k] - F->s.spent[k];
        if (F->s.out[k] < 0)
        {
            char a1[64], a2[64], a3[64], path[1100];
            snprintf(path, sizeof path, "%s/execution.csv", y->dir);
            return yu_error_set(err, YU_EBALANCE, path, 0, 0,
                                "the payments are %s more %s than there is (income %s with its adjustments, "
                                "carried over %s): expected payments within the money available",
                                yy_amount(a1, sizeof a1, -F->s.out[k], b->input_scale), kname[k],
                                yy_amount(a2, sizeof a2, F->s.income[k], b->input_scale),
                                yy_amount(a3, sizeof a3, F->s.carry[k], b->input_scale));
        }
    }
    yu_money nf_in = F->s.carry[3] + F->s.use_nf;
    for (int k = 3; k < 8; k++)
        nf_in += F->s.income[k];
    F->s.spent[3] = yf_paid(F, 0, F->nx, T_ALL, S_ALL & ~S_FISCAL);
    F->s.out[3] = nf_in - F->s.spent[3] - F->s.distrib;
    char a1[64], a2[64], fpath[1100];
    snprintf(fpath, sizeof fpath, "%s/final.csv", y->dir);
    if (F->s.out[3] < 0)
        return yu_error_set(err, YU_EBALANCE, fpath, 0, 0,
                            "non-fiscal payments exceed the non-fiscal money by %s: expected actual income "
                            "(final.csv) that covers them", yy_amount(a1, sizeof a1, -F->s.out[3], b->input_scale));
    if (y->fin_seen >> YU_YF_OUT_NF & 1 && y->fin[YU_YF_OUT_NF] != F->s.out[3])
        return yu_error_set(err, YU_EBALANCE, fpath, 0, 0,
                            "out_nf is %s but income, carry-over and payments leave %s: "
                            "expected 年末非财政拨款结转和结余 = 收入 + 年初结转和结余 + 使用非财政拨款结余 − 支出 − 结余分配",
                            yy_amount(a1, sizeof a1, y->fin[YU_YF_OUT_NF], b->input_scale),
                            yy_amount(a2, sizeof a2, F->s.out[3], b->input_scale));
    /* income and carry-over by 功能分类: weights per 项 */
    yu_money *w[3];
    for (int i = 0; i < 3; i++)
        if (!(w[i] = calloc(n, sizeof *w[i]))) {
            for (int j = 0; j < i; j++)
                free(w[j]);
            goto oom;
        }
    int bad = 0;
    static const int cur_src[3] = {YU_S_GPB, YU_S_GF, YU_S_SOE};
    for (int k = 0; k < 3 && !bad; k++) {
        for (size_t i = 0; i < F->nx; i++) {
            w[0][i] = F->adjd[i][cur_src[k]];
            w[1][i] = yf_paid(F, i, i + 1, T_ALL, kmask[k]);
            w[2][i] = F->adjd[i][cur_src[k] + 1];
        }
        yu_money *wi[2] = {w[0], w[1]}, *wc[2] = {w[2], w[1]};
        bad |= attribute(F, F->s.income[k], wi, 2, k);
        /* carry-over of kind k: into inc[][8 + k] */
        bad |= attribute(F, F->s.carry[k], wc, 2, 8 + k);
    }
    static const int nf_src[5] = {-1, YU_S_SHIYE, YU_S_JINGYING, -1, -1};
    for (int k = 0; k < 5 && !bad; k++) {
        for (size_t i = 0; i < F->nx; i++) {
            w[0][i] = nf_src[k] >= 0 ? yf_paid(F, i, i + 1, T_ALL, SRC(nf_src[k])) : 0;
            w[1][i] = yf_paid(F, i, i + 1, T_ALL, S_ALL & ~S_FISCAL);
            w[2][i] = yf_paid(F, i, i + 1, T_ALL, S_ALL);
        }
        yu_money *wn[3] = {w[0], w[1], w[2]};
        bad |= attribute(F, F->s.income[3 + k], wn, 3, 3 + k);
    }
    for (int i = 0; i < 3; i++)
        free(w[i]);
    if (bad)
        goto oom;
    return YU_OK;
oom:
    yf_free(F);
    return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
}

/* every named value of the two-sided and single-row tables, in 分 (the
 * 决算's symbols: the tables' keys and the narrative's names); the number
 * of them, at most YF_NSYMS */
size_t yf_syms(const yfin *F, yf_named *t)
{
    const yf_sums *s = &F->s;
    const yu_year *y = F->b->yr;
    yu_money in_total = 0, out_all = s->out[0] + s->out[1] + s->out[2] + s->out[3];
    for (int i = 0; i < 8; i++)
        in_total += s->income[i];
    yu_money carry_all = s->carry[0] + s->carry[1] + s->carry[2] + s->carry[3];
    yu_money spent_all = s->spent[0] + s->spent[1] + s->spent[2] + s->spent[3];
    yu_money fi = s->income[0] + s->income[1] + s->income[2], fc = s->carry[0] + s->carry[1] + s->carry[2];
    yu_money fo = s->out[0] + s->out[1] + s->out[2], fs = s->spent[0] + s->spent[1] + s->spent[2];
    const yu_money *sg = F->b->sangong;
    const yu_money *fa = y->fin;
    size_t n = 0;
#define NAMED(k_, v_) (t[n].k = (k_), t[n++].v = (v_))
    static const char *const inc_keys[8] = {"gpb", "gf", "soe", "shangji", "shiye", "jingying", "fushu", "other"};
    for (int i = 0; i < 8; i++)
        NAMED(inc_keys[i], s->income[i]);
    static const char *const ck[3] = {"carry_gpb", "carry_gf", "carry_soe"};
    static const char *const ok[3] = {"out_gpb", "out_gf", "out_soe"};
    for (int i = 0; i < 3; i++) {
        NAMED(ck[i], s->carry[i]);
        NAMED(ok[i], s->out[i]);
    }
    NAMED("carry_nf", s->carry[3]); NAMED("out_nf", s->out[3]); NAMED("income_total", in_total);
    NAMED("use_nf_balance", s->use_nf); NAMED("carry", carry_all); NAMED("exp_total", spent_all);
    NAMED("distribution", s->distrib); NAMED("out", out_all);
    NAMED("grand_in", in_total + s->use_nf + carry_all); NAMED("grand_out", spent_all + s->distrib + out_all);
    NAMED("fiscal_income", fi); NAMED("carry_fiscal", fc); NAMED("fiscal_exp", fs); NAMED("out_fiscal", fo);
    NAMED("fiscal_grand_in", fi + fc); NAMED("fiscal_grand_out", fs + fo);
    NAMED("sg_abroad", fa[YU_YF_SG_ABROAD]); NAMED("sg_car_buy", fa[YU_YF_SG_CAR_BUY]);
    NAMED("sg_car_run", fa[YU_YF_SG_CAR_RUN]); NAMED("sg_car", fa[YU_YF_SG_CAR_BUY] + fa[YU_YF_SG_CAR_RUN]);
    NAMED("sg_reception", fa[YU_YF_SG_RECEPTION]);
    NAMED("sg_total", fa[YU_YF_SG_ABROAD] + fa[YU_YF_SG_CAR_BUY] + fa[YU_YF_SG_CAR_RUN] + fa[YU_YF_SG_RECEPTION]);
    NAMED("sg_office", fa[YU_YF_SG_OFFICE]); NAMED("jiguan", fa[YU_YF_SG_OFFICE]);
    NAMED("sg_abroad_b", sg[YU_SG_ABROAD]); NAMED("sg_car_buy_b", sg[YU_SG_CAR_BUY]);
    NAMED("sg_car_run_b", sg[YU_SG_CAR_RUN]); NAMED("sg_car_b", sg[YU_SG_CAR_BUY] + sg[YU_SG_CAR_RUN]);
    NAMED("sg_reception_b", sg[YU_SG_RECEPTION]);
    NAMED("sg_total_b", sg[YU_SG_ABROAD] + sg[YU_SG_CAR_BUY] + sg[YU_SG_CAR_RUN] + sg[YU_SG_RECEPTION]);
    NAMED("sg_office_b", sg[YU_SG_OFFICE]);
#undef NAMED
    return n;
}

static int sym1(const yfin *F, const char *k, yu_money *v)
{
    yf_named t[YF_NSYMS];
    size_t n = yf_syms(F, t);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(k, t[i].k))
            return *v = t[i].v, 1;
    return 0;
}

int yf_sym(const yfin *F, const char *expr, yu_money *v)
{
    *v = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", expr);
    for (char *p = buf, *q; p; p = q) {
        q = strchr(p, '+');
        if (q)
            *q++ = 0;
        yu_money x;
        if (!sym1(F, p, &x))
            return 0;
        *v += x;
    }
    return 1;
}

/* a money value of a 功能分类 row [a,b) of table lt; 0 when the key is not known */
int yf_func_val(const yfin *F, const yu_ltable *lt, const char *k, size_t a, size_t b, yu_money *v)
{
    unsigned sm = yf_filter_mask(lt->filter);
    int kind = kind_of_filter(lt->filter);
    *v = 0;
    if (!strcmp(lt->id, "income")) {
        static const char *const ik[8] = {"gpb", "gf", "soe", "shangji", "shiye", "jingying", "fushu", "other"};
        for (size_t i = a; i < b; i++) {
            if (!strcmp(k, "total")) {
                for (int c = 0; c < 8; c++)
                    *v += F->inc[i][c];
            } else if (!strcmp(k, "fiscal"))
                *v += F->inc[i][0] + F->inc[i][1] + F->inc[i][2];
            else {
                int c = 0;
                while (c < 8 && strcmp(k, ik[c]))
                    c++;
                if (c == 8)
                    return 0;
                *v += F->inc[i][c];
            }
        }
        return 1;
    }
    unsigned tm = type_mask(k);
    if (tm) {
        *v = yf_paid(F, a, b, tm, sm);
        return 1;
    }
    yu_money carry = 0, inc = 0;
    for (size_t i = a; i < b; i++)
        carry += F->inc[i][8 + kind], inc += F->inc[i][kind];
    if (!strcmp(k, "carry")) return *v = carry, 1;
    if (!strcmp(k, "income")) return *v = inc, 1;
    if (!strcmp(k, "out")) return *v = carry + inc - yf_paid(F, a, b, T_ALL, sm), 1;
    if (!strcmp(k, "budget")) return *v = src_sum(F->bud, a, b, sm), 1;
    if (!strcmp(k, "adjusted")) return *v = src_sum(F->adjd, a, b, sm), 1;
    return 0;
}

static const char *subst(ydoc *y, const char *s)
{
    if (!s || !strchr(s, '{'))
        return s;
    yu_buf b;
    yu_buf_init(&b, 0);
    for (const char *p = s; *p;) {
        if (!strncmp(p, "{year}", 6)) { yu_buf_printf(&b, "%d", y->d->b->year); p += 6; }
        else if (!strncmp(p, "{prev}", 6)) { yu_buf_printf(&b, "%d", y->d->b->year - 1); p += 6; }
        else if (!strncmp(p, "{unit}", 6)) { yu_buf_puts(&b, y->d->b->name); p += 6; }
        else yu_buf_add(&b, p++, 1);
    }
    const char *r = yu_arena_strdup(y->A, b.p ? b.p : "");
    yu_buf_free(&b);
    return r;
}

static int fill_func(ydoc *y, const yfin *F, const yu_ltable *lt, yu_row *r, size_t a, size_t b)
{
    int any = 0;
    for (size_t c = 0; c < lt->ncols; c++) {
        const char *k = lt->cols[c].key;
        yu_money v;
        if (!strcmp(k, "code"))
            yd_text(&r->cells[c], yu_arena_strdup(y->A, r->code));
        else if (!strcmp(k, "name"))
            yd_text(&r->cells[c], r->name);
        else if (yf_func_val(F, lt, k, a, b, &v)) {
            yd_money(y, lt, &r->cells[c], v);
            any |= v != 0;
        } else
            return -1;
    }
    return any;
}

static yu_status table_func(ydoc *y, const yfin *F, const yu_ltable *lt, yu_error *err)
{
    yu_table *t = yd_table(y, lt, subst(y, lt->title));
    if (!t)
        return YU_ENOMEM;
    yu_row probe;
    yu_cell *cells = yu_arena_alloc(y->A, (lt->ncols ? lt->ncols : 1) * sizeof *cells);
    if (!cells)
        return YU_ENOMEM;
    probe.cells = cells;
    probe.code[0] = 0;
    probe.name = "";
    for (size_t i = 0; i < F->nx;) {
        uint32_t lei = F->xc[i] / 10000;
        size_t la, lb;
        yf_range(F, lei, 3, &la, &lb);
        int used = fill_func(y, F, lt, &probe, la, lb);
        if (used < 0)
            return yu_error_set(err, YU_ELAYOUT, lt->id, lt->line, 0, "table %s: a column key is not known to the 决算 compiler", lt->id);
        if (used) {
            yu_row *r = yd_row(y, t);
            if (!r) return YU_ENOMEM;
            snprintf(r->code, sizeof r->code, "%u", lei);
            r->key[0] = yu_arena_strdup(y->A, r->code); /* rows move (total first): no pointer into one */
            r->name = yy_func_name(F->func, lei, 3);
            r->level = 1;
            fill_func(y, F, lt, r, la, lb);
            for (size_t k = la; k < lb;) {
                uint32_t kuan = F->xc[k] / 100;
                size_t ka, kb;
                yf_range(F, kuan, 5, &ka, &kb);
                if (fill_func(y, F, lt, &probe, ka, kb) > 0) {
                    r = yd_row(y, t);
                    if (!r) return YU_ENOMEM;
                    snprintf(r->code, sizeof r->code, "%u", kuan);
                    r->key[0] = yu_arena_strdup(y->A, r->code); /* rows move (total first): no pointer into one */
                    r->name = yy_func_name(F->func, kuan, 5);
                    r->level = 2;
                    fill_func(y, F, lt, r, ka, kb);
                    for (size_t m = ka; m < kb; m++) {
                        if (fill_func(y, F, lt, &probe, m, m + 1) <= 0)
                            continue;
                        r = yd_row(y, t);
                        if (!r) return YU_ENOMEM;
                        snprintf(r->code, sizeof r->code, "%u", F->xc[m]);
                        r->key[0] = yu_arena_strdup(y->A, r->code); /* rows move (total first): no pointer into one */
                        r->name = yy_func_name(F->func, F->xc[m], 7);
                        r->level = 3;
                        fill_func(y, F, lt, r, m, m + 1);
                    }
                }
                k = kb;
            }
        }
        i = lb;
    }
    int body = t->nrows > 0;
    if (lt->total_pos) {
        yu_row *r = yd_row(y, t);
        if (!r) return YU_ENOMEM;
        r->flags = YU_ROW_TOTAL;
        r->key[0] = "total";
        fill_func(y, F, lt, r, 0, F->nx);
        for (size_t c = 0; c < lt->ncols; c++)
            if (!strcmp(lt->cols[c].key, "code") || !strcmp(lt->cols[c].key, "name"))
                r->cells[c].kind = YU_CELL_EMPTY;
        yd_text(&r->cells[lt->total_col], lt->total_label);
        if (lt->total_pos == 1 && t->nrows > 1) {
            yu_row tr = t->rows[t->nrows - 1];
            memmove(t->rows + 1, t->rows, (t->nrows - 1) * sizeof *t->rows);
            t->rows[0] = tr;
        }
    }
    t->empty = !body;
    if (t->empty && lt->note_empty)
        t->note = subst(y, lt->note_empty);
    return YU_OK;
}

static yu_status table_econ(ydoc *y, const yfin *F, const yu_ltable *lt)
{
    yu_table *t = yd_table(y, lt, subst(y, lt->title));
    if (!t)
        return YU_ENOMEM;
    yu_money p = 0, q = 0;
    for (size_t i = 0; i < F->ne;) {
        uint32_t lei = F->ec[i] / 100;
        size_t j = i;
        yu_money s0 = 0, s1 = 0;
        for (; j < F->ne && F->ec[j] / 100 == lei; j++)
            s0 += F->epaid[j][0], s1 += F->epaid[j][1];
        for (size_t k = i; k <= j; k++) {
            int head = k == i;
            size_t idx = head ? i : k - 1;
            yu_money v0 = head ? s0 : F->epaid[idx][0], v1 = head ? s1 : F->epaid[idx][1];
            if (!v0 && !v1)
                continue;
            yu_row *r = yd_row(y, t);
            if (!r) return YU_ENOMEM;
            uint32_t code = head ? lei : F->ec[idx];
            snprintf(r->code, sizeof r->code, "%u", code);
            r->key[0] = yu_arena_strdup(y->A, r->code); /* rows move (total first): no pointer into one */
            const char *nm = F->econ ? yu_catalog_name_num(F->econ, code, head ? 3 : 5) : NULL;
            r->name = nm ? nm : "";
            r->level = head ? 1 : 2;
            for (size_t c = 0; c < lt->ncols; c++) {
                const char *key = lt->cols[c].key;
                if (!strcmp(key, "code")) yd_text(&r->cells[c], yu_arena_strdup(y->A, r->code));
                else if (!strcmp(key, "name")) yd_text(&r->cells[c], r->name);
                else if (!strcmp(key, "total")) yd_money(y, lt, &r->cells[c], v0 + v1);
                else if (!strcmp(key, "personnel")) yd_money(y, lt, &r->cells[c], v0);
                else if (!strcmp(key, "public")) yd_money(y, lt, &r->cells[c], v1);
            }
        }
        p += s0, q += s1;
        i = j;
    }
    int body = t->nrows > 0;
    if (lt->total_pos) {
        yu_row *r = yd_row(y, t);
        if (!r) return YU_ENOMEM;
        r->flags = YU_ROW_TOTAL;
        r->key[0] = "total";
        for (size_t c = 0; c < lt->ncols; c++) {
            const char *key = lt->cols[c].key;
            if (!strcmp(key, "total")) yd_money(y, lt, &r->cells[c], p + q);
            else if (!strcmp(key, "personnel")) yd_money(y, lt, &r->cells[c], p);
            else if (!strcmp(key, "public")) yd_money(y, lt, &r->cells[c], q);
        }
        yd_text(&r->cells[lt->total_col], lt->total_label);
    }
    t->empty = !body;
    if (t->empty && lt->note_empty)
        t->note = subst(y, lt->note_empty);
    return YU_OK;
}

static yu_status table_single(ydoc *y, const yfin *F, const yu_ltable *lt, yu_error *err)
{
    yu_table *t = yd_table(y, lt, subst(y, lt->title));
    if (!t)
        return YU_ENOMEM;
    yu_row *r = yd_row(y, t);
    if (!r)
        return YU_ENOMEM;
    r->key[0] = "total";
    if (lt->rows == YU_ROWS_NONE)
        r->flags = YU_ROW_TOTAL;
    int any = 0;
    for (size_t c = 0; c < lt->ncols; c++) {
        const char *k = lt->cols[c].key;
        if (!strcmp(k, "code") || !strcmp(k, "name"))
            continue;
        yu_money v;
        if (!yf_sym(F, k, &v))
            return yu_error_set(err, YU_ELAYOUT, lt->id, lt->line, 0, "table %s: column key '%s' is not known to the 决算 compiler",
                                lt->id, k);
        yd_money(y, lt, &r->cells[c], v);
        any |= v != 0;
    }
    if (lt->total_pos)
        yd_text(&r->cells[lt->total_col], lt->total_label);
    t->empty = !any;
    if (t->empty && lt->note_empty)
        t->note = subst(y, lt->note_empty);
    return YU_OK;
}

/* the money of kind k (0 gpb, 1 gf, 2 soe) of a right-side line key */
static int right_kind(const yfin *F, const char *key, int k, yu_money *v)
{
    static const unsigned km[3] = {S_GPB, S_GF, S_SOE};
    if (!strncmp(key, "class:", 6)) {
        size_t a, b;
        yf_range(F, (uint32_t)strtoul(key + 6, NULL, 10), 3, &a, &b);
        return *v = yf_paid(F, a, b, T_ALL, km[k]), 1;
    }
    if (!strcmp(key, "exp_total") || !strcmp(key, "fiscal_exp")) return *v = F->s.spent[k], 1;
    if (!strcmp(key, "out") || !strcmp(key, "out_fiscal")) return *v = F->s.out[k], 1;
    if (!strcmp(key, "grand_out") || !strcmp(key, "fiscal_grand_out")) return *v = F->s.spent[k] + F->s.out[k], 1;
    return 0;
}

static const char *first_alt(ydoc *y, const char *label)
{
    const char *bar = label ? strchr(label, '|') : NULL;
    return bar ? yu_arena_strndup(y->A, label, (size_t)(bar - label)) : label;
}

typedef struct sline { const char *label, *key; yu_money v; } sline;

static yu_status twoside(ydoc *y, const yfin *F, const yu_ltable *lt, yu_error *err)
{
    yu_table *t = yd_table(y, lt, subst(y, lt->title));
    if (!t)
        return YU_ENOMEM;
    int ci[2][2] = {{yd_col(lt, "in.item"), yd_col(lt, "in.amount")}, {yd_col(lt, "out.item"), yd_col(lt, "out.amount")}};
    static const char *const kx[3] = {"out.gpb", "out.gf", "out.soe"};
    int kc[3] = {yd_col(lt, kx[0]), yd_col(lt, kx[1]), yd_col(lt, kx[2])};
    size_t cap = lt->nitems + F->nx + 8;
    sline *side[2] = {yu_arena_alloc(y->A, cap * sizeof(sline)), yu_arena_alloc(y->A, cap * sizeof(sline))};
    if (!side[0] || !side[1])
        return YU_ENOMEM;
    size_t ns[2] = {0, 0};
    for (size_t i = 0; i <= lt->nitems; i++) {
        const yu_litem *it = i < lt->nitems ? &lt->items[i] : NULL;
        if (!it || it->kind == YU_LI_PAIR) {
            /* flush the lines gathered so far, side by side */
            size_t body = ns[0] > ns[1] ? ns[0] : ns[1];
            for (size_t j = 0; j < body; j++) {
                yu_row *r = yd_row(y, t);
                if (!r) return YU_ENOMEM;
                for (int s = 0; s < 2; s++)
                    if (j < ns[s]) {
                        if (ci[s][0] >= 0) yd_text(&r->cells[ci[s][0]], side[s][j].label);
                        if (ci[s][1] >= 0) yd_money(y, lt, &r->cells[ci[s][1]], side[s][j].v);
                        r->key[s] = side[s][j].key;
                        if (s == 1)
                            for (int k = 0; k < 3; k++) {
                                yu_money v;
                                if (kc[k] >= 0 && right_kind(F, side[s][j].key, k, &v))
                                    yd_money(y, lt, &r->cells[kc[k]], v);
                            }
                    }
                r->name = j < ns[0] ? side[0][j].label : side[1][j].label;
            }
            ns[0] = ns[1] = 0;
            if (!it)
                break;
            yu_row *r = yd_row(y, t);
            if (!r) return YU_ENOMEM;
            r->flags = YU_ROW_TOTAL;
            for (int s = 0; s < 2; s++) {
                if (!strcmp(it->key[s], "-"))
                    continue;
                yu_money v;
                if (!yf_sym(F, it->key[s], &v))
                    return yu_error_set(err, YU_ELAYOUT, lt->id, it->line, 0, "table %s: value '%s' is not known to the 决算 compiler",
                                        lt->id, it->key[s]);
                if (ci[s][0] >= 0) yd_text(&r->cells[ci[s][0]], first_alt(y, subst(y, it->label[s])));
                if (ci[s][1] >= 0) yd_money(y, lt, &r->cells[ci[s][1]], v);
                r->key[s] = it->key[s];
                if (s == 1)
                    for (int k = 0; k < 3; k++) {
                        yu_money kv;
                        if (kc[k] >= 0 && right_kind(F, it->key[s], k, &kv))
                            yd_money(y, lt, &r->cells[kc[k]], kv);
                    }
            }
            r->name = first_alt(y, it->label[0][0] ? it->label[0] : it->label[1]);
            continue;
        }
        int s = it->kind == YU_LI_RIGHT;
        if (it->dynamic) {
            unsigned sm = yf_filter_mask(it->filter);
            int num = 0;
            for (size_t k = 0; k < F->nx;) {
                uint32_t lei = F->xc[k] / 10000;
                size_t a, b;
                yf_range(F, lei, 3, &a, &b);
                yu_money v = yf_paid(F, a, b, T_ALL, sm);
                if (v) {
                    char cn[16];
                    yu_cn_number(++num, cn);
                    yu_buf lb;
                    yu_buf_init(&lb, 0);
                    for (const char *p = it->label[s]; *p;) {
                        if (!strncmp(p, "{cn}", 4)) { yu_buf_puts(&lb, cn); p += 4; }
                        else if (!strncmp(p, "{name}", 6)) { yu_buf_puts(&lb, yy_func_name(F->func, lei, 3)); p += 6; }
                        else yu_buf_add(&lb, p++, 1);
                    }
                    side[s][ns[s]].label = yu_arena_strdup(y->A, lb.p ? lb.p : "");
                    yu_buf_free(&lb);
                    side[s][ns[s]].key = yu_arena_printf(y->A, "class:%u", lei);
                    side[s][ns[s]++].v = v;
                }
                k = b;
            }
        } else {
            yu_money v;
            if (!yf_sym(F, it->key[s], &v))
                return yu_error_set(err, YU_ELAYOUT, lt->id, it->line, 0, "table %s: value '%s' is not known to the 决算 compiler",
                                    lt->id, it->key[s]);
            side[s][ns[s]].label = first_alt(y, subst(y, it->label[s]));
            side[s][ns[s]].key = it->key[s];
            side[s][ns[s]++].v = v;
        }
    }
    t->empty = 0;
    return YU_OK;
}

yu_status yu_year_final_doc(const yu_budget *b, const yu_layout *L, const yu_year_opts *o, yu_doc **out, yu_error *err)
{
    *out = NULL;
    if (!L->kind || strcmp(L->kind, "final-accounts"))
        return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "template %s is not a final-accounts template", L->id);
    yfin F;
    yu_status st = yf_build(&F, b, o, L->unit_fen, err);
    if (st) {
        yf_free(&F); /* what was built before the refusal (yf_free is safe twice) */
        return st;
    }
    ydoc y;
    /* the layout's `title` gives the document's title */
    if (yd_init(&y, b, L, b->name)) {
        yf_free(&F);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    st = YU_OK;
    for (size_t i = 0; i < L->ntables && !st; i++) {
        const yu_ltable *lt = &L->tables[i];
        if (lt->shape == YU_SHAPE_TWOSIDE)
            st = twoside(&y, &F, lt, err);
        else if (lt->shape == YU_SHAPE_PERF)
            continue;
        else if (lt->rows == YU_ROWS_FUNC)
            st = table_func(&y, &F, lt, err);
        else if (lt->rows == YU_ROWS_ECON)
            st = table_econ(&y, &F, lt);
        else
            st = table_single(&y, &F, lt, err);
    }
    if (!st)
        st = yf_document(&y, &F, err);
    yf_free(&F);
    if (!st && yd_oom(&y))
        st = YU_ENOMEM;
    if (st) {
        if (st == YU_ENOMEM)
            yu_error_set(err, st, NULL, 0, 0, "out of memory");
        yd_abort(&y);
        return st;
    }
    *out = y.d;
    return YU_OK;
}
