/* The engine: aggregates line items in one pass, rounds once (controlled
 * rounding), and builds every table of the layout. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdint.h>
#include "engine_internal.h"

#define TM(t) (1u << (t))
#define T_ALL ((1u << YU_T_COUNT) - 1)
#define T_BASIC (TM(YU_T_PERSONNEL) | TM(YU_T_PUBLIC))
#define S_ALL ((1u << YU_S_COUNT) - 1)

unsigned eng_filter_mask(yu_filter f)
{
    switch (f) {
    case YU_FILTER_FISCAL:
        return (1u << (YU_S_SOE_CARRY + 1)) - 1;
    case YU_FILTER_GPB: return 1u << YU_S_GPB;
    case YU_FILTER_GF: return 1u << YU_S_GF;
    case YU_FILTER_SOE: return 1u << YU_S_SOE;
    default: return S_ALL;
    }
}

int64_t eng_cells(const engine *E, size_t a, size_t b, unsigned tmask, unsigned smask)
{
    if (E->L && E->L->independent) {
        /* `rounding independent`: each cell is the exact sum rounded on its own */
        yu_money x = 0;
        for (size_t i = a; i < b; i++)
            for (int t = 0; t < YU_T_COUNT; t++)
                if (tmask & TM(t))
                    for (int so = 0; so < YU_S_COUNT; so++)
                        if (smask & (1u << so))
                            x += E->cell[i][t * YU_S_COUNT + so];
        return yu_round_units(x, E->U);
    }
    int64_t s = 0;
    for (size_t i = a; i < b; i++)
        for (int t = 0; t < YU_T_COUNT; t++)
            if (tmask & TM(t))
                for (int so = 0; so < YU_S_COUNT; so++)
                    if (smask & (1u << so))
                        s += E->cellr[i][t * YU_S_COUNT + so];
    return s;
}

static int64_t sum_range(const int64_t *v, size_t a, size_t b)
{
    int64_t s = 0;
    for (size_t i = a; i < b; i++)
        s += v[i];
    return s;
}

static uint32_t prefix(uint32_t code7, int digits)
{
    return digits == 3 ? code7 / 10000 : digits == 5 ? code7 / 100 : code7;
}

void eng_range(const engine *E, uint32_t code, int digits, size_t *a, size_t *b)
{
    size_t i = 0;
    while (i < E->nx && prefix(E->xc[i], digits) < code)
        i++;
    *a = i;
    while (i < E->nx && prefix(E->xc[i], digits) == code)
        i++;
    *b = i;
}

const char *eng_func_name(const engine *E, uint32_t code, int digits)
{
    const char *n = yu_catalog_name_num(E->o->func, code, digits);
    return n ? n : "";
}

/* Controlled rounding of a per-项 vector: total -> 类 -> 款 -> 项. */
static yu_status tree_round(engine *E, const yu_money *v, const int64_t *fixed_total, int64_t *out)
{
    size_t n = E->nx;
    yu_money tot = 0;
    for (size_t i = 0; i < n; i++)
        tot += v[i];
    int64_t tot_r = fixed_total ? *fixed_total : yu_round_units(tot, E->U);
    /* levels: digits 3 then 5 then 7; allocate each group's rounded value over its children */
    int64_t *grp = malloc((n + 1) * sizeof *grp);
    yu_money *kids = malloc((n + 1) * sizeof *kids);
    int64_t *kr = malloc((n + 1) * sizeof *kr);
    size_t *start = malloc((n + 1) * sizeof *start);
    if (!grp || !kids || !kr || !start) {
        free(grp); free(kids); free(kr); free(start);
        return YU_ENOMEM;
    }
    /* level 类: groups of the root */
    static const int dig[3] = {3, 5, 7};
    /* value per 项 index at current level: for each group at level d, the
     * rounded value is stored at its first 项 index in `grp`. */
    /* root -> 类 */
    size_t ng = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        yu_money s = 0;
        while (j < n && prefix(E->xc[j], 3) == prefix(E->xc[i], 3))
            s += v[j++];
        start[ng] = i;
        kids[ng++] = s;
        i = j;
    }
    yu_alloc_round(tot_r, kids, ng, E->U, kr);
    for (size_t g = 0; g < ng; g++)
        grp[start[g]] = kr[g];
    for (int lv = 1; lv < 3; lv++) {
        int pd = dig[lv - 1], cd = dig[lv];
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && prefix(E->xc[j], pd) == prefix(E->xc[i], pd))
                j++;
            int64_t parent_r = grp[i];
            size_t nk = 0;
            for (size_t k = i; k < j;) {
                size_t m = k;
                yu_money s = 0;
                while (m < j && prefix(E->xc[m], cd) == prefix(E->xc[k], cd))
                    s += v[m++];
                start[nk] = k;
                kids[nk++] = s;
                k = m;
            }
            yu_alloc_round(parent_r, kids, nk, E->U, kr);
            for (size_t g = 0; g < nk; g++)
                grp[start[g]] = kr[g];
            i = j;
        }
    }
    memcpy(out, grp, n * sizeof *out);
    free(grp); free(kids); free(kr); free(start);
    return YU_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int add_abs(int64_t *acc, yu_money v)
{
    return yu_money_add(acc, v < 0 ? -v : v);
}

int yu_budget_money_sum(const yu_budget *b, int64_t *acc, const char **what, long *index)
{
    *what = NULL;
    *index = -1;
    for (size_t i = 0; i < b->nlines; i++)
        if (add_abs(acc, b->lines[i].amount)) {
            *what = "支出明细";
            *index = (long)i;
            return -1;
        }
    for (size_t i = 0; i < b->nprior; i++)
        if (add_abs(acc, b->prior[i].executed) || add_abs(acc, b->prior[i].executed_ex)) {
            *what = "上年执行数";
            *index = (long)i;
            return -1;
        }
    for (int f = 0; f < YU_F_COUNT; f++)
        if (add_abs(acc, b->funds[f]) || add_abs(acc, b->funds_prior[f])) {
            *what = "收入";
            return -1;
        }
    for (int k = 0; k < YU_SG_COUNT; k++)
        if (add_abs(acc, b->sangong[k]) || add_abs(acc, b->sangong_prior[k])) {
            *what = "三公经费";
            return -1;
        }
    for (int k = 0; k < YU_P_COUNT; k++)
        if (add_abs(acc, b->procurement[k])) {
            *what = "政府采购";
            return -1;
        }
    return 0;
}

/* ---- one pass over the line items ----
 * Each 项 and each 经济分类 code gets an index the first time it is seen and the
 * amounts are added into cells by that index; after the pass the codes are sorted
 * and the cells moved to their sorted places. */

/* grows an array of `size`-byte elements to hold `want`, zeroing the new part */
static int grow_zero(void **arr, size_t *cap, size_t want, size_t size)
{
    if (want <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < want)
        nc *= 2;
    void *p = realloc(*arr, nc * size);
    if (!p)
        return -1;
    memset((char *)p + *cap * size, 0, (nc - *cap) * size);
    *arr = p;
    *cap = nc;
    return 0;
}

/* code → index + 1 (0: absent), open addressing; kept at most half full.  (A direct table
 * over every possible code was 4 MiB to zero per compile: report --all compiles 68,584
 * budgets, and the allocator hands the same heap memory back, to be zeroed again.) */
typedef struct codemap {
    uint32_t *key; /* 0: free (codes are never 0) */
    int32_t *val;
    size_t mask, n;
} codemap;

static int32_t *cm_slot(codemap *m, uint32_t k)
{
    size_t h = (size_t)((k * 0x9E3779B1u) >> 8) & m->mask;
    while (m->key[h] && m->key[h] != k)
        h = (h + 1) & m->mask;
    if (!m->key[h]) {
        m->key[h] = k;
        m->val[h] = 0;
        m->n++;
    }
    return &m->val[h];
}

/* the slot of code k (its value 0 when new), or NULL when out of memory */
static int32_t *cm_at(codemap *m, uint32_t k)
{
    if (2 * (m->n + 1) > m->mask + 1) {
        codemap g = {NULL, NULL, m->mask ? 2 * m->mask + 1 : 255, 0};
        g.key = calloc(g.mask + 1, sizeof *g.key);
        g.val = malloc((g.mask + 1) * sizeof *g.val);
        if (!g.key || !g.val) {
            free(g.key);
            free(g.val);
            return NULL;
        }
        for (size_t i = 0; m->key && i <= m->mask; i++)
            if (m->key[i])
                *cm_slot(&g, m->key[i]) = m->val[i];
        free(m->key);
        free(m->val);
        *m = g;
    }
    return cm_slot(m, k);
}

static void cm_free(codemap *m)
{
    free(m->key);
    free(m->val);
}

static yu_status aggregate(engine *E, yu_error *err)
{
    const yu_budget *b = E->b;
    enum { FBASE = 2000000, FSPAN = 1000000, EBASE = 30000, ESPAN = 70000 };
    codemap fm = {NULL, NULL, 0, 0}, em = {NULL, NULL, 0, 0};
    int32_t *fx;
    uint32_t lastf = 0;
    int32_t lastx = -1;
    /* in the order first seen */
    yu_money (*cell)[NCELL] = NULL, *jj = NULL, (*ecell)[2] = NULL;
    size_t capx = 0, capj = 0, cape = 0, capec = 0, capxc = 0;
    uint32_t bad = 0;
    E->xc = NULL;
    E->ec = NULL;
    E->pf = calloc(b->nprojects ? b->nprojects : 1, sizeof *E->pf);
    if (!E->pf)
        goto oom;
    static const int pfk[YU_S_COUNT] = {0, 1, 0, 1, 0, 1, 2, 2, 2}; /* 财政拨款, 上年结转, 其他资金 */
    for (size_t i = 0; i < b->nlines; i++) {
        const yu_line *l = &b->lines[i];
        uint32_t fo = l->func - FBASE;
        if (fo >= FSPAN) {
            bad = l->func;
            break;
        }
        int32_t x = lastx;
        if (l->func != lastf) { /* consecutive line items often share their 项 */
            if (!(fx = cm_at(&fm, l->func)))
                goto oom;
            if (!*fx) {
                if (grow_zero((void **)&E->xc, &capxc, E->nx + 1, sizeof *E->xc) ||
                    grow_zero((void **)&cell, &capx, E->nx + 1, sizeof *cell) ||
                    grow_zero((void **)&jj, &capj, E->nx + 1, sizeof *jj))
                    goto oom;
                E->xc[E->nx++] = l->func;
                *fx = (int32_t)E->nx;
            }
            x = lastx = *fx - 1;
            lastf = l->func;
        }
        cell[x][l->type * YU_S_COUNT + l->source] += l->amount;
        if (l->jijian && l->source == YU_S_GPB)
            jj[x] += l->amount;
        if (l->project >= 0)
            E->pf[l->project][pfk[l->source]] += l->amount;
        if (l->source == YU_S_GPB && (l->type == YU_T_PERSONNEL || l->type == YU_T_PUBLIC) && l->econ) {
            uint32_t eo = l->econ - EBASE;
            if (eo < ESPAN) {
                int32_t *ey = cm_at(&em, l->econ);
                if (!ey)
                    goto oom;
                if (!*ey) {
                    if (grow_zero((void **)&E->ec, &capec, E->ne + 1, sizeof *E->ec) ||
                        grow_zero((void **)&ecell, &cape, E->ne + 1, sizeof *ecell))
                        goto oom;
                    E->ec[E->ne++] = l->econ;
                    *ey = (int32_t)E->ne;
                }
                ecell[*ey - 1][l->type == YU_T_PUBLIC] += l->amount;
            }
        }
    }
    for (size_t i = 0; !bad && i < b->nprior; i++) {
        uint32_t fo = b->prior[i].func - FBASE;
        if (fo >= FSPAN) {
            bad = b->prior[i].func;
            break;
        }
        if (!(fx = cm_at(&fm, b->prior[i].func)))
            goto oom;
        if (!*fx) {
            if (grow_zero((void **)&E->xc, &capxc, E->nx + 1, sizeof *E->xc) ||
                grow_zero((void **)&cell, &capx, E->nx + 1, sizeof *cell) ||
                grow_zero((void **)&jj, &capj, E->nx + 1, sizeof *jj))
                goto oom;
            E->xc[E->nx++] = b->prior[i].func;
            *fx = (int32_t)E->nx;
        }
    }
    if (bad) {
        cm_free(&fm);
        cm_free(&em);
        free(cell);
        free(jj);
        free(ecell);
        return yu_error_set(err, YU_ECODE, NULL, 0, 0, "功能分类 code %u is not an expenditure code (2xxxxxx)", bad);
    }
    if ((!E->xc && !(E->xc = malloc(sizeof *E->xc))) || (!E->ec && !(E->ec = malloc(sizeof *E->ec))))
        goto oom;
    /* the codes sorted; the cells to their sorted places */
    qsort(E->xc, E->nx, sizeof *E->xc, cmp_u32);
    qsort(E->ec, E->ne, sizeof *E->ec, cmp_u32);
    size_t n = E->nx ? E->nx : 1;
    E->cell = calloc(n, sizeof *E->cell);
    E->cellr = calloc(n, sizeof *E->cellr);
    E->jj = calloc(n, sizeof *E->jj);
    E->jjr = calloc(n, sizeof *E->jjr);
    E->pr = calloc(n, sizeof *E->pr);
    E->prx = calloc(n, sizeof *E->prx);
    E->prr = calloc(n, sizeof *E->prr);
    E->prxr = calloc(n, sizeof *E->prxr);
    E->ecell = calloc(E->ne ? E->ne : 1, sizeof *E->ecell);
    E->ecellr = calloc(E->ne ? E->ne : 1, sizeof *E->ecellr);
    if (!E->cell || !E->cellr || !E->jj || !E->jjr || !E->pr || !E->prx || !E->prr || !E->prxr || !E->ecell ||
        !E->ecellr)
        goto oom;
    for (size_t i = 0; i < E->nx; i++) {
        int32_t *v = cm_slot(&fm, E->xc[i]); /* present: no growth */
        int32_t from = *v - 1;
        *v = (int32_t)i + 1;
        if (from < (int32_t)capx && cell) {
            memcpy(E->cell[i], cell[from], sizeof E->cell[i]);
            E->jj[i] = jj[from];
        }
    }
    for (size_t i = 0; i < E->ne; i++)
        memcpy(E->ecell[i], ecell[*cm_slot(&em, E->ec[i]) - 1], sizeof E->ecell[i]);
    for (size_t i = 0; i < b->nprior; i++) {
        int32_t x = *cm_slot(&fm, b->prior[i].func) - 1;
        E->pr[x] += b->prior[i].executed;
        E->prx[x] += b->prior[i].executed_ex;
    }
    cm_free(&fm);
    cm_free(&em);
    free(cell);
    free(jj);
    free(ecell);
    return YU_OK;
oom:
    cm_free(&fm);
    cm_free(&em);
    free(cell);
    free(jj);
    free(ecell);
    return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ---- rounding of everything, once ---- */

static yu_status add_sym(engine *E, const char *name, yu_money fen, int64_t v)
{
    sym *ns = realloc(E->syms, (E->nsyms + 1) * sizeof *ns);
    if (!ns)
        return YU_ENOMEM;
    E->syms = ns;
    ns[E->nsyms].name = name;
    ns[E->nsyms].fen = fen;
    ns[E->nsyms].v = v;
    ns[E->nsyms].count = 0;
    E->nsyms++;
    return YU_OK;
}

static yu_status add_count(engine *E, const char *name, int64_t n)
{
    yu_status st = add_sym(E, name, n, n);
    if (st == YU_OK)
        E->syms[E->nsyms - 1].count = 1;
    return st;
}

int eng_sym_count(const engine *E, const char *name, size_t len, int64_t *n)
{
    for (size_t i = 0; i < E->nsyms; i++)
        if (E->syms[i].count && strlen(E->syms[i].name) == len && !strncmp(E->syms[i].name, name, len)) {
            *n = E->syms[i].v;
            return 1;
        }
    return 0;
}

int64_t eng_sym_fen(const engine *E, const char *name)
{
    for (size_t i = 0; i < E->nsyms; i++)
        if (!strcmp(E->syms[i].name, name))
            return E->syms[i].fen;
    return 0;
}

yu_money eng_expr_fen(const engine *E, const char *expr)
{
    yu_money fen = 0;
    for (const char *p = expr; *p;) {
        const char *q = strchr(p, '+');
        size_t l = q ? (size_t)(q - p) : strlen(p);
        for (size_t i = 0; i < E->nsyms; i++)
            if (strlen(E->syms[i].name) == l && !strncmp(E->syms[i].name, p, l)) {
                fen += E->syms[i].fen;
                break;
            }
        p = q ? q + 1 : p + l;
    }
    return fen;
}

int64_t eng_in_unit(const engine *E, yu_money fen, int64_t unit_fen)
{
    if (unit_fen <= E->U || unit_fen % E->U)
        return yu_round_units(fen, E->U);
    return yu_round_units(fen, unit_fen) * (unit_fen / E->U);
}

int64_t eng_sym_in_unit(const engine *E, const char *name, int64_t unit_fen)
{
    if (unit_fen > E->U && unit_fen % E->U == 0 && E->d)
        for (size_t t = 0; t < E->d->ntables; t++) {
            const yu_table *T = &E->d->tables[t];
            const yu_ltable *lt = T->lt;
            if (T->unit_fen != unit_fen || !T->nrows || lt->shape != YU_SHAPE_GRID || lt->rows == YU_ROWS_FUNC ||
                lt->rows == YU_ROWS_ECON)
                continue;
            int ci = yu_ltable_col(lt, name);
            if (ci >= 0 && T->rows[0].cells[ci].kind == YU_CELL_MONEY)
                return T->rows[0].cells[ci].v * (unit_fen / E->U);
        }
    return eng_in_unit(E, eng_sym_fen(E, name), unit_fen);
}

/* Evaluates "a+b+c" over symbols (display units); under `rounding
 * independent` the exact sum rounded once. */
int64_t eng_sym(const engine *E, const char *expr, int *ok)
{
    int64_t s = 0;
    *ok = 1;
    if (E->L && E->L->independent) {
        for (const char *p = expr; *p;) {
            const char *q = strchr(p, '+');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            int found = 0;
            for (size_t i = 0; i < E->nsyms && !found; i++)
                found = strlen(E->syms[i].name) == n && !strncmp(E->syms[i].name, p, n);
            if (!found)
                *ok = 0;
            p = q ? q + 1 : p + n;
        }
        return yu_round_units(eng_expr_fen(E, expr), E->U);
    }
    const char *p = expr;
    while (*p) {
        const char *q = strchr(p, '+');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        int found = 0;
        for (size_t i = 0; i < E->nsyms; i++)
            if (strlen(E->syms[i].name) == n && !strncmp(E->syms[i].name, p, n)) {
                s += E->syms[i].v;
                found = 1;
                break;
            }
        if (!found)
            *ok = 0;
        p = q ? q + 1 : p + n;
    }
    return s;
}

typedef struct cand { int64_t rem; uint32_t i; uint8_t s; } cand;

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->rem != y->rem)
        return x->rem > y->rem ? -1 : 1;
    if (x->i != y->i)
        return x->i < y->i ? -1 : 1;
    return x->s < y->s ? -1 : x->s > y->s;
}

/* Matrix rounding: v[i][s] (分) to x[i][s] (units) with the row sums R[i] and
 * the column sums S[s] given (both already rounded, Σ R = Σ S).  Floors
 * everything, then hands the missing units to the largest remainders whose
 * row and column still lack one; what greedy cannot place goes to any cell
 * of a row and column that still lack units.  The margins always hold. */
static yu_status matrix_round(size_t n, int ns, const yu_money *v, int64_t U, const int64_t *R,
                              const int64_t *S, int64_t *x)
{
    int64_t *dr = malloc((n ? n : 1) * sizeof *dr);
    int64_t ds[YU_S_COUNT];
    cand *c = malloc((n * (size_t)ns + 1) * sizeof *c);
    if (!dr || !c) {
        free(dr);
        free(c);
        return YU_ENOMEM;
    }
    for (int s = 0; s < ns; s++)
        ds[s] = S[s];
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        dr[i] = R[i];
        for (int s = 0; s < ns; s++) {
            yu_money val = v[i * (size_t)ns + (size_t)s];
            int64_t f = val >= 0 ? val / U : -((-val + U - 1) / U);
            x[i * (size_t)ns + (size_t)s] = f;
            dr[i] -= f;
            ds[s] -= f;
            if (val - f * U > 0) {
                c[nc].rem = val - f * U;
                c[nc].i = (uint32_t)i;
                c[nc++].s = (uint8_t)s;
            }
        }
    }
    qsort(c, nc, sizeof *c, cand_cmp);
    for (size_t k = 0; k < nc; k++)
        if (dr[c[k].i] > 0 && ds[c[k].s] > 0) {
            x[c[k].i * (size_t)ns + c[k].s]++;
            dr[c[k].i]--;
            ds[c[k].s]--;
        }
    for (size_t i = 0; i < n; i++)
        for (int s = 0; s < ns && dr[i]; s++) {
            while (dr[i] > 0 && ds[s] > 0) {
                x[i * (size_t)ns + (size_t)s]++;
                dr[i]--;
                ds[s]--;
            }
            while (dr[i] < 0 && ds[s] < 0) {
                x[i * (size_t)ns + (size_t)s]--;
                dr[i]++;
                ds[s]++;
            }
        }
    free(dr);
    free(c);
    return YU_OK;
}

/* Rounds everything once.  Order: the income side from the grand total; per
 * budget kind, its rounded sources split into spending and 结转下年; the
 * spending per source fixes the column margins; 项 totals are rounded down the
 * 类/款/项 tree; a matrix rounding of 项 × source keeps both margins; each
 * 项 × source cell is split over the kinds of expenditure.  So every table
 * adds up and every figure shared by two tables is the same number. */
static yu_status round_all(engine *E)
{
    const yu_budget *b = E->b;
    const yu_money *f = b->funds;
    int64_t U = E->U;
    size_t n = E->nx;
    yu_status st = YU_OK;
    int ok;
    /* income side */
    yu_money in_parts[13] = {f[YU_F_GPB], f[YU_F_GF], f[YU_F_SOE], f[YU_F_SHIYE], f[YU_F_JINGYING],
                             f[YU_F_SHANGJI], f[YU_F_FUSHU], f[YU_F_OTHER], f[YU_F_CARRY_GPB],
                             f[YU_F_CARRY_GF], f[YU_F_CARRY_SOE], f[YU_F_CARRY_NF], f[YU_F_USE_NF_BALANCE]};
    static const char *const in_names[13] = {"gpb", "gf", "soe", "shiye", "jingying", "shangji", "fushu",
                                             "other", "carry_gpb", "carry_gf", "carry_soe", "carry_nf",
                                             "use_nf_balance"};
    yu_money grand_in = 0;
    for (int i = 0; i < 13; i++)
        grand_in += in_parts[i];
    int64_t in_r[13];
    yu_alloc_round(yu_round_units(grand_in, U), in_parts, 13, U, in_r);
    for (int i = 0; i < 13; i++)
        st |= add_sym(E, in_names[i], in_parts[i], in_r[i]);
    /* spending per source, exact */
    yu_money es[YU_S_COUNT] = {0};
    yu_money *xs = calloc((n ? n : 1) * YU_S_COUNT, sizeof *xs); /* 项 × source */
    yu_money *xt = calloc(n ? n : 1, sizeof *xt);
    int64_t *xtr = calloc(n ? n : 1, sizeof *xtr);
    int64_t *xsr = calloc((n ? n : 1) * YU_S_COUNT, sizeof *xsr);
    if (!xs || !xt || !xtr || !xsr) {
        free(xs); free(xt); free(xtr); free(xsr);
        return YU_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        for (int t = 0; t < YU_T_COUNT; t++)
            for (int so = 0; so < YU_S_COUNT; so++) {
                yu_money v = E->cell[i][t * YU_S_COUNT + so];
                xs[i * YU_S_COUNT + (size_t)so] += v;
                xt[i] += v;
                es[so] += v;
            }
    /* per fiscal budget kind: current money and carried-over money each split
     * into spending and 结转下年 */
    int64_t S[YU_S_COUNT], out_r[4];
    static const int kind_income[3] = {0, 1, 2}, kind_carry[3] = {8, 9, 10};
    for (int k = 0; k < 3; k++) {
        yu_money p1[2] = {es[2 * k], in_parts[kind_income[k]] - es[2 * k]};
        yu_money p2[2] = {es[2 * k + 1], in_parts[kind_carry[k]] - es[2 * k + 1]};
        int64_t r1[2], r2[2];
        yu_alloc_round(in_r[kind_income[k]], p1, 2, U, r1);
        yu_alloc_round(in_r[kind_carry[k]], p2, 2, U, r2);
        S[2 * k] = r1[0];
        S[2 * k + 1] = r2[0];
        out_r[k] = r1[1] + r2[1];
    }
    yu_money nf_in = 0;
    int64_t nf_in_r = 0;
    static const int nf_idx[7] = {3, 4, 5, 6, 7, 11, 12};
    for (int i = 0; i < 7; i++) {
        nf_in += in_parts[nf_idx[i]];
        nf_in_r += in_r[nf_idx[i]];
    }
    {
        /* non-fiscal money: its three sources of spending and 结转下年 */
        yu_money p[4] = {es[YU_S_NONFISCAL], es[YU_S_SHIYE], es[YU_S_JINGYING],
                         nf_in - es[YU_S_NONFISCAL] - es[YU_S_SHIYE] - es[YU_S_JINGYING]};
        int64_t r[4];
        yu_alloc_round(nf_in_r, p, 4, U, r);
        S[YU_S_NONFISCAL] = r[0];
        S[YU_S_SHIYE] = r[1];
        S[YU_S_JINGYING] = r[2];
        out_r[3] = r[3];
    }
    int64_t exp_total_r = 0;
    yu_money exp_total = 0;
    for (int so = 0; so < YU_S_COUNT; so++) {
        exp_total_r += S[so];
        exp_total += es[so];
    }
    st |= add_sym(E, "exp_total", exp_total, exp_total_r);
    static const char *const out_names[4] = {"out_gpb", "out_gf", "out_soe", "out_nf"};
    static const int out_f[4] = {YU_F_OUT_GPB, YU_F_OUT_GF, YU_F_OUT_SOE, YU_F_OUT_NF};
    for (int k = 0; k < 4; k++)
        st |= add_sym(E, out_names[k], f[out_f[k]], out_r[k]);
    if (n) {
        st |= tree_round(E, xt, &exp_total_r, xtr);
        st |= matrix_round(n, YU_S_COUNT, xs, U, xtr, S, xsr);
        for (size_t i = 0; i < n; i++)
            for (int so = 0; so < YU_S_COUNT; so++) {
                yu_money v[YU_T_COUNT];
                int64_t r[YU_T_COUNT];
                for (int t = 0; t < YU_T_COUNT; t++)
                    v[t] = E->cell[i][t * YU_S_COUNT + so];
                yu_alloc_round(xsr[i * YU_S_COUNT + (size_t)so], v, YU_T_COUNT, U, r);
                for (int t = 0; t < YU_T_COUNT; t++)
                    E->cellr[i][t * YU_S_COUNT + so] = r[t];
            }
        /* 中央基建投资: a part of each 项's rounded gpb money, so 扣除 columns add up */
        for (size_t i = 0; i < n; i++) {
            yu_money g = 0;
            for (int t = 0; t < YU_T_COUNT; t++)
                g += E->cell[i][t * YU_S_COUNT + YU_S_GPB];
            yu_money parts[2] = {E->jj[i], g - E->jj[i]};
            int64_t r[2];
            yu_alloc_round(xsr[i * YU_S_COUNT + YU_S_GPB], parts, 2, U, r);
            E->jjr[i] = r[0];
        }
        st |= tree_round(E, E->pr, NULL, E->prr);
        st |= tree_round(E, E->prx, NULL, E->prxr);
    }
    free(xs);
    free(xt);
    free(xtr);
    free(xsr);
    /* 经济分类 cube: personnel and public totals come from the func cube */
    int64_t pers_r = eng_cells(E, 0, n, TM(YU_T_PERSONNEL), 1u << YU_S_GPB);
    int64_t pub_r = eng_cells(E, 0, n, TM(YU_T_PUBLIC), 1u << YU_S_GPB);
    if (E->ne) {
        yu_money *col = malloc(E->ne * sizeof *col);
        int64_t *colr = malloc(E->ne * sizeof *colr);
        if (!col || !colr) {
            free(col); free(colr);
            return YU_ENOMEM;
        }
        for (int k = 0; k < 2; k++) {
            for (size_t i = 0; i < E->ne; i++)
                col[i] = E->ecell[i][k];
            yu_alloc_round(k ? pub_r : pers_r, col, E->ne, U, colr);
            for (size_t i = 0; i < E->ne; i++)
                E->ecellr[i][k] = colr[i];
        }
        free(col);
        free(colr);
    }
    /* derived symbols: sums of rounded parts, so tables add up */
    struct { const char *name, *expr; } der[] = {
        {"carry", "carry_gpb+carry_gf+carry_soe+carry_nf"},
        {"out", "out_gpb+out_gf+out_soe+out_nf"},
        {"out_fiscal", "out_gpb+out_gf+out_soe"},
        {"income_total", "gpb+gf+soe+shiye+jingying+shangji+fushu+other"},
        {"fiscal_income", "gpb+gf+soe"},
        {"carry_fiscal", "carry_gpb+carry_gf+carry_soe"},
        {"fiscal_grand_in", "gpb+gf+soe+carry_gpb+carry_gf+carry_soe"},
        {"grand_in", "gpb+gf+soe+shiye+jingying+shangji+fushu+other+carry_gpb+carry_gf+carry_soe+carry_nf+use_nf_balance"},
        {"grand_out", "exp_total+out_gpb+out_gf+out_soe+out_nf"},
    };
    for (size_t i = 0; i < sizeof der / sizeof der[0]; i++) {
        int64_t v = eng_sym(E, der[i].expr, &ok);
        yu_money fen = 0;
        for (const char *p = der[i].expr; *p;) {
            const char *q = strchr(p, '+');
            size_t l = q ? (size_t)(q - p) : strlen(p);
            char nm[32];
            snprintf(nm, sizeof nm, "%.*s", (int)l, p);
            fen += eng_sym_fen(E, nm);
            p = q ? q + 1 : p + l;
        }
        st |= add_sym(E, der[i].name, fen, v);
    }
    yu_money fexp = 0;
    int64_t fexp_r = 0;
    for (int so = 0; so < YU_S_COUNT; so++)
        if (yu_source_is_fiscal(so)) {
            fexp += es[so];
            fexp_r += S[so];
        }
    st |= add_sym(E, "fiscal_exp", fexp, fexp_r);
    st |= add_sym(E, "fiscal_grand_out", fexp + eng_sym_fen(E, "out_fiscal"),
                  fexp_r + eng_sym(E, "out_fiscal", &ok));
    st |= add_sym(E, "shiye_edu", f[YU_F_SHIYE_EDU], yu_round_units(f[YU_F_SHIYE_EDU], U));
    /* 三公 */
    const yu_money *g = b->sangong;
    yu_money sg4[4] = {g[YU_SG_ABROAD], g[YU_SG_CAR_BUY], g[YU_SG_CAR_RUN], g[YU_SG_RECEPTION]};
    int64_t sg4r[4];
    yu_alloc_round(yu_round_units(sg4[0] + sg4[1] + sg4[2] + sg4[3], U), sg4, 4, U, sg4r);
    st |= add_sym(E, "sg_abroad", sg4[0], sg4r[0]);
    st |= add_sym(E, "sg_car_buy", sg4[1], sg4r[1]);
    st |= add_sym(E, "sg_car_run", sg4[2], sg4r[2]);
    st |= add_sym(E, "sg_reception", sg4[3], sg4r[3]);
    st |= add_sym(E, "sg_car", sg4[1] + sg4[2], sg4r[1] + sg4r[2]);
    st |= add_sym(E, "sg_total", sg4[0] + sg4[1] + sg4[2] + sg4[3], sg4r[0] + sg4r[1] + sg4r[2] + sg4r[3]);
    st |= add_sym(E, "sg_office", g[YU_SG_OFFICE], yu_round_units(g[YU_SG_OFFICE], U));
    st |= add_sym(E, "jiguan", g[YU_SG_OFFICE], yu_round_units(g[YU_SG_OFFICE], U)); /* 机关运行经费 */
    const yu_money *gp = b->sangong_prior;
    yu_money gp4[4] = {gp[YU_SG_ABROAD], gp[YU_SG_CAR_BUY], gp[YU_SG_CAR_RUN], gp[YU_SG_RECEPTION]};
    int64_t gp4r[4];
    yu_alloc_round(yu_round_units(gp4[0] + gp4[1] + gp4[2] + gp4[3], U), gp4, 4, U, gp4r);
    st |= add_sym(E, "sgp_total", gp4[0] + gp4[1] + gp4[2] + gp4[3], gp4r[0] + gp4r[1] + gp4r[2] + gp4r[3]);
    st |= add_sym(E, "sgp_office", gp[YU_SG_OFFICE], yu_round_units(gp[YU_SG_OFFICE], U));
    st |= add_sym(E, "sgp_abroad", gp4[0], gp4r[0]);
    st |= add_sym(E, "sgp_car_buy", gp4[1], gp4r[1]);
    st |= add_sym(E, "sgp_car_run", gp4[2], gp4r[2]);
    st |= add_sym(E, "sgp_reception", gp4[3], gp4r[3]);
    st |= add_sym(E, "sgp_car", gp4[1] + gp4[2], gp4r[1] + gp4r[2]);
    /* last year's budget of the income items (funds.csv `prior`), each rounded on its own */
    static const struct { const char *name; int f[3]; } fp[] = {
        {"gpb_prior", {YU_F_GPB, -1, -1}}, {"gf_prior", {YU_F_GF, -1, -1}}, {"soe_prior", {YU_F_SOE, -1, -1}},
        {"fiscal_income_prior", {YU_F_GPB, YU_F_GF, YU_F_SOE}}, {"shiye_prior", {YU_F_SHIYE, -1, -1}},
        {"jingying_prior", {YU_F_JINGYING, -1, -1}}, {"other_prior", {YU_F_OTHER, YU_F_SHANGJI, YU_F_FUSHU}}};
    for (size_t i = 0; i < sizeof fp / sizeof *fp; i++) {
        yu_money x = 0;
        for (int k = 0; k < 3; k++)
            if (fp[i].f[k] >= 0)
                x += b->funds_prior[fp[i].f[k]];
        st |= add_sym(E, fp[i].name, x, yu_round_units(x, U));
    }
    /* procurement */
    const yu_money *pc = b->procurement;
    int64_t pcr[3];
    yu_alloc_round(yu_round_units(pc[0] + pc[1] + pc[2], U), pc, 3, U, pcr);
    st |= add_sym(E, "proc_goods", pc[0], pcr[0]);
    st |= add_sym(E, "proc_works", pc[1], pcr[1]);
    st |= add_sym(E, "proc_services", pc[2], pcr[2]);
    st |= add_sym(E, "proc_total", pc[0] + pc[1] + pc[2], pcr[0] + pcr[1] + pcr[2]);
    /* the inputs of 其他相关情况说明 (docs/format.md): a symbol only when given, so `if given NAME` asks for it */
    if (b->has_proc_sme) {
        st |= add_sym(E, "proc_sme", b->proc_sme, yu_round_units(b->proc_sme, U));
        st |= add_sym(E, "proc_sme_small", b->proc_sme_small, yu_round_units(b->proc_sme_small, U));
    }
    if (b->has_perf) {
        st |= add_sym(E, "perf_funds", b->perf_funds, yu_round_units(b->perf_funds, U));
        st |= add_count(E, "perf_units", b->perf_units);
        st |= add_count(E, "perf_projects", b->perf_projects);
    }
    if (b->has_units) {
        st |= add_count(E, "units_admin", b->unit_kinds[YU_UK_ADMIN]);
        st |= add_count(E, "units_cangong", b->unit_kinds[YU_UK_CANGONG]);
        st |= add_count(E, "units_inst", b->unit_kinds[YU_UK_INST]);
        st |= add_count(E, "units_other", b->unit_kinds[YU_UK_OTHER]);
    }
    if (b->assets_date) {
        st |= add_count(E, "assets_year", b->assets_date / 10000);
        st |= add_count(E, "assets_month", b->assets_date / 100 % 100);
        st |= add_count(E, "assets_day", b->assets_date % 100);
    }
    if (b->has_purchases) {
        int64_t pv = 0, pe = 0;
        for (size_t i = 0; i < b->nassets; i++)
            *(strcmp(b->assets[i].category, "vehicle") ? &pe : &pv) += b->assets[i].purchase;
        st |= add_count(E, "purchase_vehicle", pv);
        st |= add_count(E, "purchase_equipment", pe);
    }
    return st ? YU_ENOMEM : YU_OK;
}

/* ---- tables ---- */

typedef struct rowbuf {
    yu_row *r;
    size_t n, cap;
} rowbuf;

static yu_row *new_row(engine *E, rowbuf *rb, size_t ncols)
{
    if (rb->n == rb->cap) {
        size_t nc = rb->cap ? rb->cap * 2 : 32;
        yu_row *nr = yu_arena_alloc(E->A, nc * sizeof *nr);
        if (!nr)
            return NULL;
        if (rb->n)
            memcpy(nr, rb->r, rb->n * sizeof *nr);
        rb->r = nr;
        rb->cap = nc;
    }
    yu_row *r = &rb->r[rb->n++];
    memset(r, 0, sizeof *r);
    r->cells = yu_arena_alloc(E->A, (ncols ? ncols : 1) * sizeof *r->cells);
    return r->cells ? r : NULL;
}

static void set_money(yu_cell *c, int64_t v)
{
    c->kind = YU_CELL_MONEY;
    c->v = v;
}

static void set_text(yu_cell *c, const char *t)
{
    c->kind = YU_CELL_TEXT;
    c->text = t;
}

static unsigned type_mask(const char *key)
{
    if (!strcmp(key, "total")) return T_ALL;
    if (!strcmp(key, "basic")) return T_BASIC;
    if (!strcmp(key, "personnel")) return TM(YU_T_PERSONNEL);
    if (!strcmp(key, "public")) return TM(YU_T_PUBLIC);
    if (!strcmp(key, "project")) return TM(YU_T_PROJECT);
    if (!strcmp(key, "shangjiao")) return TM(YU_T_SHANGJIAO);
    if (!strcmp(key, "jingying")) return TM(YU_T_JINGYING);
    if (!strcmp(key, "fushu")) return TM(YU_T_FUSHU);
    return 0;
}

/* A money column key of a 功能分类 table: TYPE or TYPE@SOURCES (e.g.
 * total@fiscal, total@shiye): the kinds of expenditure and, after '@', the
 * money it counts (docs/layouts.md); the table's filter applies too.
 * Returns 0 when the key is not a money key. */
static int key_masks(const char *key, unsigned filter, unsigned *tm, unsigned *sm)
{
    char tpart[32];
    const char *at = strchr(key, '@');
    if (!at && key[0] == '@')
        return 0;
    size_t n = at ? (size_t)(at - key) : strlen(key);
    if (n >= sizeof tpart)
        return 0;
    memcpy(tpart, key, n);
    tpart[n] = 0;
    *tm = type_mask(tpart);
    *sm = filter;
    if (!*tm)
        return 0;
    if (at) {
        static const struct { const char *name; unsigned mask; } src[] = {
            {"fiscal", (1u << (YU_S_SOE_CARRY + 1)) - 1},
            {"gpb", 1u << YU_S_GPB}, {"gpb_carry", 1u << YU_S_GPB_CARRY},
            {"gf", 1u << YU_S_GF}, {"gf_carry", 1u << YU_S_GF_CARRY},
            {"soe", 1u << YU_S_SOE}, {"soe_carry", 1u << YU_S_SOE_CARRY},
            {"nonfiscal", (1u << YU_S_NONFISCAL) | (1u << YU_S_SHIYE) | (1u << YU_S_JINGYING)},
            {"other", 1u << YU_S_NONFISCAL}, {"shiye", 1u << YU_S_SHIYE}, {"jingying", 1u << YU_S_JINGYING},
        };
        unsigned m = 0;
        for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
            if (!strcmp(at + 1, src[i].name))
                m = src[i].mask;
        if (!m)
            return 0;
        *sm &= m;
    }
    return 1;
}

static void pct_cell(yu_cell *c, int64_t cur, int64_t prev)
{
    int def;
    int64_t bp = yu_change_bp(cur, prev, &def);
    if (def) {
        c->kind = YU_CELL_PCT;
        c->v = bp;
    }
}

/* fills a func row's cells for 项 range [a,b) */
static int fill_func_row(engine *E, const yu_ltable *lt, yu_row *r, size_t a, size_t b)
{
    unsigned sm = eng_filter_mask(lt->filter);
    int64_t total = eng_cells(E, a, b, T_ALL, sm);
    int64_t prior = sum_range(E->prr, a, b), prior_ex = sum_range(E->prxr, a, b);
    int64_t jj = lt->filter == YU_FILTER_GPB ? sum_range(E->jjr, a, b) : 0;
    int nonzero = 0;
    for (size_t c = 0; c < lt->ncols; c++) {
        const char *k = lt->cols[c].key;
        yu_cell *cell = &r->cells[c];
        unsigned tm, ksm;
        if (!strcmp(k, "code"))
            set_text(cell, r->code);
        else if (!strcmp(k, "name"))
            set_text(cell, r->name);
        else if (key_masks(lt->keys_sources && strcmp(k, "total") && !strchr(k, '@')
                               ? yu_arena_printf(E->A, "total@%s", k) : k, sm, &tm, &ksm)) {
            set_money(cell, eng_cells(E, a, b, tm, ksm));
            nonzero |= cell->v != 0;
        } else if (!strcmp(k, "prior"))
            set_money(cell, prior);
        else if (!strcmp(k, "prior_ex"))
            set_money(cell, prior_ex);
        else if (!strcmp(k, "total_ex"))
            set_money(cell, total - jj);
        else if (!strcmp(k, "diff"))
            set_money(cell, total - prior);
        else if (!strcmp(k, "diff_ex"))
            set_money(cell, total - jj - prior_ex);
        else if (!strcmp(k, "diff_pct"))
            pct_cell(cell, total, prior);
        else if (!strcmp(k, "diff_ex_pct"))
            pct_cell(cell, total - jj, prior_ex);
        else
            return -1;
        if (cell->kind == YU_CELL_MONEY && cell->v)
            nonzero = 1;
    }
    return nonzero;
}

static int table_has_prior(const yu_ltable *lt)
{
    return yu_ltable_col(lt, "prior") >= 0;
}

static yu_status build_func(engine *E, const yu_ltable *lt, yu_table *T, yu_error *err)
{
    rowbuf rb = {0};
    unsigned sm = eng_filter_mask(lt->filter);
    int with_prior = table_has_prior(lt);
    /* keep 项 with money under the filter, or prior execution */
    for (size_t i = 0; i < E->nx;) {
        uint32_t lei = E->xc[i] / 10000;
        size_t la, lb;
        eng_range(E, lei, 3, &la, &lb);
        int lei_used = 0;
        for (size_t k = la; k < lb; k++)
            if (eng_cells(E, k, k + 1, T_ALL, sm) || (with_prior && (E->prr[k] || E->prxr[k])))
                lei_used = 1;
        if (lei_used) {
            yu_row *r = new_row(E, &rb, lt->ncols);
            if (!r) goto oom;
            snprintf(r->code, sizeof r->code, "%u", lei);
            r->key[0] = r->code;
            r->name = eng_func_name(E, lei, 3);
            r->level = 1;
            if (fill_func_row(E, lt, r, la, lb) < 0)
                return yu_error_set(err, YU_ELAYOUT, lt->id, lt->line, 0, "table %s: a column key is not known to the engine", lt->id);
            for (size_t k = la; k < lb;) {
                uint32_t kuan = E->xc[k] / 100;
                size_t ka, kb;
                eng_range(E, kuan, 5, &ka, &kb);
                int kuan_used = 0;
                for (size_t m = ka; m < kb; m++)
                    if (eng_cells(E, m, m + 1, T_ALL, sm) || (with_prior && (E->prr[m] || E->prxr[m])))
                        kuan_used = 1;
                if (kuan_used) {
                    r = new_row(E, &rb, lt->ncols);
                    if (!r) goto oom;
                    snprintf(r->code, sizeof r->code, "%u", kuan);
                    r->key[0] = r->code;
                    r->name = eng_func_name(E, kuan, 5);
                    r->level = 2;
                    fill_func_row(E, lt, r, ka, kb);
                    for (size_t m = ka; m < kb; m++) {
                        if (!(eng_cells(E, m, m + 1, T_ALL, sm) || (with_prior && (E->prr[m] || E->prxr[m]))))
                            continue;
                        r = new_row(E, &rb, lt->ncols);
                        if (!r) goto oom;
                        snprintf(r->code, sizeof r->code, "%u", E->xc[m]);
                        r->key[0] = r->code;
                        r->name = eng_func_name(E, E->xc[m], 7);
                        r->level = 3;
                        fill_func_row(E, lt, r, m, m + 1);
                    }
                }
                k = kb;
            }
        }
        i = lb;
    }
    int has_body = rb.n > 0;
    if (lt->total_pos) {
        yu_row *r = new_row(E, &rb, lt->ncols);
        if (!r) goto oom;
        r->flags = YU_ROW_TOTAL;
        r->name = "";
        r->key[0] = "total";
        fill_func_row(E, lt, r, 0, E->nx);
        for (size_t c = 0; c < lt->ncols; c++)
            if (!strcmp(lt->cols[c].key, "code") || !strcmp(lt->cols[c].key, "name"))
                r->cells[c].kind = YU_CELL_EMPTY;
        set_text(&r->cells[lt->total_col], lt->total_label);
        if (lt->total_pos == 1 && rb.n > 1) {
            yu_row t = rb.r[rb.n - 1];
            memmove(rb.r + 1, rb.r, (rb.n - 1) * sizeof *rb.r);
            rb.r[0] = t;
            /* a row's key is its own code: after the move it must point to
             * the code of the row now in its place, not of its neighbour */
            for (size_t i = 0; i < rb.n; i++)
                if (rb.r[i].code[0] && !(rb.r[i].flags & YU_ROW_TOTAL))
                    rb.r[i].key[0] = rb.r[i].code;
        }
    }
    T->rows = rb.r;
    T->nrows = rb.n;
    T->empty = !has_body;
    return YU_OK;
oom:
    return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
}

/* v0, v1 rounded; x0, x1 exact: under `rounding independent` each cell is
 * its exact amount rounded on its own */
static void fill_econ_row(const engine *E, const yu_ltable *lt, yu_row *r, int64_t v0, int64_t v1, yu_money x0,
                          yu_money x1)
{
    int ind = E->L && E->L->independent;
    if (ind) {
        v0 = yu_round_units(x0, E->U);
        v1 = yu_round_units(x1, E->U);
    }
    for (size_t c = 0; c < lt->ncols; c++) {
        const char *key = lt->cols[c].key;
        if (!strcmp(key, "code")) set_text(&r->cells[c], r->code);
        else if (!strcmp(key, "name")) set_text(&r->cells[c], r->name);
        else if (!strcmp(key, "total")) set_money(&r->cells[c], ind ? yu_round_units(x0 + x1, E->U) : v0 + v1);
        else if (!strcmp(key, "personnel")) set_money(&r->cells[c], v0);
        else if (!strcmp(key, "public")) set_money(&r->cells[c], v1);
    }
}

static yu_status build_econ(engine *E, const yu_ltable *lt, yu_table *T, yu_error *err)
{
    rowbuf rb = {0};
    int any = 0;
    for (size_t i = 0; i < E->ne;) {
        uint32_t lei = E->ec[i] / 100;
        size_t j = i;
        int64_t s0 = 0, s1 = 0;
        yu_money x0 = 0, x1 = 0;
        for (; j < E->ne && E->ec[j] / 100 == lei; j++) {
            s0 += E->ecellr[j][0];
            s1 += E->ecellr[j][1];
            x0 += E->ecell[j][0];
            x1 += E->ecell[j][1];
        }
        for (size_t k = i; k <= j; k++) {
            int head = k == i; /* the 类 row first, then its 款 at i .. j-1 */
            size_t idx = head ? i : k - 1;
            int64_t v0 = head ? s0 : E->ecellr[idx][0], v1 = head ? s1 : E->ecellr[idx][1];
            yu_money e0 = head ? x0 : E->ecell[idx][0], e1 = head ? x1 : E->ecell[idx][1];
            if (!v0 && !v1 && !e0 && !e1)
                continue;
            yu_row *r = new_row(E, &rb, lt->ncols);
            if (!r)
                return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
            uint32_t code = head ? lei : E->ec[idx];
            snprintf(r->code, sizeof r->code, "%u", code);
            r->key[0] = r->code;
            const char *nm = yu_catalog_name_num(E->o->econ, code, head ? 3 : 5);
            r->name = nm ? nm : "";
            r->level = head ? 1 : 2;
            fill_econ_row(E, lt, r, v0, v1, e0, e1);
            any = 1;
        }
        i = j;
    }
    if (lt->total_pos) {
        yu_row *r = new_row(E, &rb, lt->ncols);
        if (!r)
            return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        r->flags = YU_ROW_TOTAL;
        r->key[0] = "total";
        r->name = "";
        int64_t p = 0, q = 0;
        yu_money xp = 0, xq = 0;
        for (size_t i = 0; i < E->ne; i++) {
            p += E->ecellr[i][0];
            q += E->ecellr[i][1];
            xp += E->ecell[i][0];
            xq += E->ecell[i][1];
        }
        if (E->L && E->L->independent) {
            p = yu_round_units(xp, E->U);
            q = yu_round_units(xq, E->U);
        }
        for (size_t c = 0; c < lt->ncols; c++) {
            const char *key = lt->cols[c].key;
            if (!strcmp(key, "total"))
                set_money(&r->cells[c], E->L && E->L->independent ? yu_round_units(xp + xq, E->U) : p + q);
            else if (!strcmp(key, "personnel")) set_money(&r->cells[c], p);
            else if (!strcmp(key, "public")) set_money(&r->cells[c], q);
        }
        set_text(&r->cells[lt->total_col], lt->total_label);
    }
    T->rows = rb.r;
    T->nrows = rb.n;
    T->empty = !any;
    return YU_OK;
}

/* The controlled rounding of a table in its own unit: each of the table's
 * `sum` identities (合计 = 因公出国 + 公务用车 + 公务接待, then 公务用车 =
 * 购置 + 运行), in the layout's order, splits its rounded total over its
 * parts' exact amounts (xf, 分), so the printed parts add up to the printed
 * total; a part fixed by an earlier identity is the total of a later one.
 * Under `rounding independent` every figure stays rounded on its own. */
static int own_unit_sums(engine *E, const yu_ltable *lt, yu_table *T, yu_row *r, const yu_money *xf)
{
    if (E->L && E->L->independent)
        return 0; /* `rounding independent`: each figure rounded on its own, as the template prints */
    for (size_t i = 0; i < lt->nsums; i++) {
        const yu_ident *id = &lt->sums[i];
        if (id->le || id->cond || id->nlhs != 1 || id->nrhs < 1 || id->nrhs > 16)
            continue;
        int lc = yu_ltable_col(lt, id->lhs[0].col), rcol[16];
        int ok = lc >= 0 && r->cells[lc].kind == YU_CELL_MONEY;
        yu_money parts[16];
        for (size_t k = 0; ok && k < id->nrhs; k++) {
            rcol[k] = yu_ltable_col(lt, id->rhs[k].col);
            ok = rcol[k] >= 0 && id->rhs[k].sign > 0 && r->cells[rcol[k]].kind == YU_CELL_MONEY;
            if (ok)
                parts[k] = xf[rcol[k]];
        }
        yu_money whole = 0;
        for (size_t k = 0; ok && k < id->nrhs; k++)
            whole += parts[k];
        if (!ok || whole != xf[lc])
            continue; /* not an identity of the exact amounts: each figure stays rounded on its own */
        int64_t out[16];
        if (yu_alloc_round(r->cells[lc].v, parts, id->nrhs, T->unit_fen, out))
            return -1;
        for (size_t k = 0; k < id->nrhs; k++)
            r->cells[rcol[k]].v = out[k];
    }
    return 0;
}

static yu_status build_symbols(engine *E, const yu_ltable *lt, yu_table *T, yu_error *err)
{
    rowbuf rb = {0};
    yu_row *r = new_row(E, &rb, lt->ncols);
    if (!r)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    r->key[0] = "total";
    r->name = "";
    int any = 0;
    if (lt->rows == YU_ROWS_NONE)
        r->flags = YU_ROW_TOTAL;
    yu_money *xf = yu_arena_alloc(E->A, (lt->ncols ? lt->ncols : 1) * sizeof *xf);
    if (!xf)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    memset(xf, 0, (lt->ncols ? lt->ncols : 1) * sizeof *xf);
    for (size_t c = 0; c < lt->ncols; c++) {
        const char *k = lt->cols[c].key;
        if (!strcmp(k, "code") || !strcmp(k, "name"))
            continue;
        int ok;
        const char *expr = !strcmp(k, "total") ? "income_total+carry+use_nf_balance" : k;
        int64_t v = eng_sym(E, expr, &ok);
        if (!ok)
            return yu_error_set(err, YU_ELAYOUT, lt->id, lt->line, 0,
                                "table %s: column key '%s' is not known to the engine", lt->id, k);
        /* a table printing its own unit (the “三公” table in 万元 beside 元
         * tables, or in 元 with decimals): each figure rounded once from its
         * exact amount straight into that unit */
        if (T->unit_fen != E->U) {
            xf[c] = eng_expr_fen(E, expr);
            v = yu_round_units(xf[c], T->unit_fen);
        }
        set_money(&r->cells[c], v);
        any |= v != 0;
    }
    if (T->unit_fen != E->U && own_unit_sums(E, lt, T, r, xf))
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    if (lt->total_pos)
        set_text(&r->cells[lt->total_col], lt->total_label);
    T->rows = rb.r;
    T->nrows = rb.n;
    T->empty = !any;
    return YU_OK;
}

/* A line label may list the ways templates print it ("1. 一般公共预算资金|1. 一般公共预算"):
 * the first is printed. */
static const char *first_alt(engine *E, const char *label)
{
    const char *bar = label ? strchr(label, '|') : NULL;
    return bar ? yu_arena_strndup(E->A, label, (size_t)(bar - label)) : label;
}

/* Extra money columns of a two-sided table (out.personnel, out.project,
 * out.gpb …): for a 类 line its money of that kind, for the expenditure
 * total lines the sum over every 类 of the line's kind of money. */
static void twoside_extra(engine *E, const yu_ltable *lt, yu_table *T)
{
    unsigned dyn_filter[2] = {eng_filter_mask(YU_FILTER_ALL), eng_filter_mask(YU_FILTER_ALL)};
    for (size_t i = 0; i < lt->nitems; i++)
        if (lt->items[i].dynamic)
            dyn_filter[lt->items[i].kind == YU_LI_RIGHT] = eng_filter_mask(lt->items[i].filter);
    for (size_t c = 0; c < lt->ncols; c++) {
        const char *k = lt->cols[c].key;
        int side = !strncmp(k, "out.", 4) ? 1 : !strncmp(k, "in.", 3) ? 0 : -1;
        if (side < 0 || !strcmp(k + (side ? 4 : 3), "item") || !strcmp(k + (side ? 4 : 3), "amount"))
            continue;
        const char *x = k + (side ? 4 : 3);
        unsigned tm, sm;
        if (!key_masks(x, dyn_filter[side], &tm, &sm) &&
            !key_masks(yu_arena_printf(E->A, "total@%s", x), dyn_filter[side], &tm, &sm))
            continue;
        for (size_t r = 0; r < T->nrows; r++) {
            yu_row *row = &T->rows[r];
            const char *key = row->key[side];
            if (!key)
                continue;
            if (!strncmp(key, "class:", 6)) {
                size_t a, b;
                eng_range(E, (uint32_t)strtoul(key + 6, NULL, 10), 3, &a, &b);
                set_money(&row->cells[c], eng_cells(E, a, b, tm, sm));
            } else if (!strcmp(key, "exp_total") || !strcmp(key, "fiscal_exp") || !strcmp(key, "grand_out") ||
                       !strcmp(key, "fiscal_grand_out"))
                set_money(&row->cells[c], eng_cells(E, 0, E->nx, tm, sm));
        }
    }
}

static yu_status build_twoside(engine *E, const yu_ltable *lt, yu_table *T, yu_error *err)
{
    /* side lists */
    typedef struct { const char *label, *key; int64_t v; int has; } item;
    size_t cap = lt->nitems + E->nx + 8;
    item *side[2];
    size_t ns[2] = {0, 0};
    side[0] = yu_arena_alloc(E->A, cap * sizeof(item));
    side[1] = yu_arena_alloc(E->A, cap * sizeof(item));
    if (!side[0] || !side[1])
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    rowbuf rb = {0};
    int ci[2][2] = {{yu_ltable_col(lt, "in.item"), yu_ltable_col(lt, "in.amount")},
                    {yu_ltable_col(lt, "out.item"), yu_ltable_col(lt, "out.amount")}};
    int ok;
    for (size_t i = 0; i < lt->nitems; i++) {
        const yu_litem *it = &lt->items[i];
        if (it->kind == YU_LI_PAIR)
            continue;
        int s = it->kind == YU_LI_RIGHT;
        if (it->dynamic) {
            unsigned sm = eng_filter_mask(it->filter);
            int num = 0;
            for (size_t k = 0; k < E->nx;) {
                uint32_t lei = E->xc[k] / 10000;
                size_t a, b;
                eng_range(E, lei, 3, &a, &b);
                int64_t v = eng_cells(E, a, b, T_ALL, sm);
                if (v) {
                    char cn[16];
                    yu_cn_number(++num, cn);
                    const char *fmt = it->label[s];
                    yu_buf lb;
                    yu_buf_init(&lb, 0);
                    for (const char *p = fmt; *p;) {
                        if (!strncmp(p, "{cn}", 4)) { yu_buf_puts(&lb, cn); p += 4; }
                        else if (!strncmp(p, "{name}", 6)) { yu_buf_puts(&lb, eng_func_name(E, lei, 3)); p += 6; }
                        else yu_buf_add(&lb, p++, 1);
                    }
                    side[s][ns[s]].label = yu_arena_strdup(E->A, lb.p ? lb.p : "");
                    yu_buf_free(&lb);
                    side[s][ns[s]].key = yu_arena_printf(E->A, "class:%u", lei);
                    side[s][ns[s]].v = v;
                    side[s][ns[s]++].has = 1;
                }
                k = b;
            }
        } else {
            side[s][ns[s]].label = first_alt(E, eng_subst(E, it->label[s]));
            side[s][ns[s]].key = it->key[s];
            side[s][ns[s]].v = eng_sym(E, it->key[s], &ok);
            if (!ok)
                return yu_error_set(err, YU_ELAYOUT, lt->id, it->line, 0,
                                    "table %s: value '%s' is not known to the engine", lt->id, it->key[s]);
            side[s][ns[s]++].has = 1;
        }
    }
    size_t body = ns[0] > ns[1] ? ns[0] : ns[1];
    for (size_t i = 0; i < body; i++) {
        yu_row *r = new_row(E, &rb, lt->ncols);
        if (!r)
            return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        r->name = "";
        for (int s = 0; s < 2; s++)
            if (i < ns[s]) {
                if (ci[s][0] >= 0) set_text(&r->cells[ci[s][0]], side[s][i].label);
                if (ci[s][1] >= 0) set_money(&r->cells[ci[s][1]], side[s][i].v);
                r->key[s] = side[s][i].key;
            }
        r->name = i < ns[0] ? side[0][i].label : side[1][i].label;
    }
    for (size_t i = 0; i < lt->nitems; i++) {
        const yu_litem *it = &lt->items[i];
        if (it->kind != YU_LI_PAIR)
            continue;
        yu_row *r = new_row(E, &rb, lt->ncols);
        if (!r)
            return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        r->flags = YU_ROW_TOTAL;
        for (int s = 0; s < 2; s++) {
            if (!strcmp(it->key[s], "-"))
                continue;
            int64_t v = eng_sym(E, it->key[s], &ok);
            if (!ok)
                return yu_error_set(err, YU_ELAYOUT, lt->id, it->line, 0,
                                    "table %s: value '%s' is not known to the engine", lt->id, it->key[s]);
            if (ci[s][0] >= 0) set_text(&r->cells[ci[s][0]], first_alt(E, it->label[s]));
            if (ci[s][1] >= 0) set_money(&r->cells[ci[s][1]], v);
            r->key[s] = it->key[s];
        }
        r->name = it->label[0][0] ? it->label[0] : it->label[1];
    }
    T->rows = rb.r;
    T->nrows = rb.n;
    T->empty = 0;
    twoside_extra(E, lt, T);
    return YU_OK;
}

const char *eng_subst(engine *E, const char *s)
{
    if (!s)
        return NULL;
    if (!strchr(s, '{'))
        return s;
    yu_buf b;
    yu_buf_init(&b, 0);
    for (const char *p = s; *p;) {
        if (!strncmp(p, "{year}", 6)) { yu_buf_printf(&b, "%d", E->b->year); p += 6; }
        else if (!strncmp(p, "{prev}", 6)) { yu_buf_printf(&b, "%d", E->b->year - 1); p += 6; }
        else if (!strncmp(p, "{unit}", 6)) { yu_buf_puts(&b, E->b->name ? E->b->name : ""); p += 6; }
        else yu_buf_add(&b, p++, 1);
    }
    const char *r = yu_arena_strdup(E->A, b.p ? b.p : "");
    yu_buf_free(&b);
    return r;
}

void yu__table_unit(const yu_doc *d, yu_table *T)
{
    const yu_ltable *lt = T->lt;
    int own = lt && lt->unit_fen > 0 && lt->unit_label;
    T->unit_label = own ? lt->unit_label : d->unit_label ? d->unit_label : "";
    T->unit_fen = own ? lt->unit_fen : d->L && d->L->unit_fen > 0 ? d->L->unit_fen : 1;
    T->decimals = own ? lt->decimals : d->decimals;
}

int64_t yu__in_doc_units(const yu_doc *d, const yu_table *T, int64_t v)
{
    int64_t df = d->L && d->L->unit_fen > 0 ? d->L->unit_fen : 1;
    if (!T || T->unit_fen <= 0 || T->unit_fen == df)
        return v;
    return yu_round_units(v * T->unit_fen, df);
}

static yu_status build_perf(engine *E, yu_error *err)
{
    const yu_budget *b = E->b;
    size_t n = 0;
    for (size_t i = 0; i < b->nprojects; i++)
        n += b->projects[i].publish;
    E->d->perf = yu_arena_alloc(E->A, (n ? n : 1) * sizeof *E->d->perf);
    if (!E->d->perf)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    /* the forms' own unit when the layout gives one (Shanghai: 元 with two decimals
     * beside whole-元 tables), rounded once from the exact amounts */
    int64_t PU = E->U;
    const char *plabel = E->d->unit_label;
    int pdec = E->d->decimals;
    for (size_t t = 0; t < E->L->ntables; t++)
        if (E->L->tables[t].shape == YU_SHAPE_PERF && E->L->tables[t].unit_fen > 0) {
            PU = E->L->tables[t].unit_fen;
            plabel = E->L->tables[t].unit_label ? E->L->tables[t].unit_label : plabel;
            pdec = E->L->tables[t].decimals;
        }
    for (size_t i = 0; i < b->nprojects; i++) {
        const yu_project *p = &b->projects[i];
        if (!p->publish)
            continue;
        yu_perf *pf = &E->d->perf[E->d->nperf++];
        pf->p = p;
        pf->unit_label = plabel ? plabel : "";
        pf->unit_fen = PU;
        pf->decimals = pdec;
        int64_t r[3];
        yu_money *v = E->pf[i];
        yu_alloc_round(yu_round_units(v[0] + v[1] + v[2], PU), v, 3, PU, r);
        pf->fiscal = r[0];
        pf->carry = r[1];
        pf->other = r[2];
        pf->total = r[0] + r[1] + r[2];
        size_t k = 0;
        for (size_t j = 0; j < b->nindicators; j++)
            k += b->indicators[j].project == (int32_t)i;
        pf->rows = yu_arena_alloc(E->A, (k ? k : 1) * sizeof *pf->rows);
        if (!pf->rows)
            return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t j = 0; j < b->nindicators; j++) {
            const yu_indicator *x = &b->indicators[j];
            if (x->project != (int32_t)i)
                continue;
            yu_perf_row *pr = &pf->rows[pf->nrows++];
            pr->l1 = x->level1;
            pr->l2 = x->level2;
            pr->l3 = x->level3;
            pr->value = x->value;
            pr->weight = x->weight;
            pf->weight_sum += x->weight;
        }
    }
    return YU_OK;
}

yu_status eng_compile(const yu_budget *b, const yu_layout *L, const yu_compile_opts *o,
                      yu_status (*text)(engine *E, yu_error *err), yu_doc **out, yu_error *err)
{
    *out = NULL;
    engine E;
    memset(&E, 0, sizeof E);
    E.b = b;
    E.L = L;
    E.o = o;
    E.U = L->unit_fen;
    E.A = yu_arena_new();
    yu_status st = YU_OK;
    if (!E.A)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    yu_doc *d = yu_arena_alloc(E.A, sizeof *d);
    if (!d) {
        yu_arena_free(E.A);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    d->arena = E.A;
    if (L->carry_merge) {
        /* the template shows carried-over 财政拨款 as the appropriation of its
         * budget (Shanghai): a view of the budget with them merged */
        yu_budget *mb = yu_arena_alloc(E.A, sizeof *mb);
        yu_line *ml = b->nlines ? yu_arena_alloc(E.A, b->nlines * sizeof *ml) : NULL;
        if (!mb || (b->nlines && !ml)) {
            yu_arena_free(E.A);
            return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        }
        *mb = *b;
        static const int cur[3] = {YU_F_GPB, YU_F_GF, YU_F_SOE}, car[3] = {YU_F_CARRY_GPB, YU_F_CARRY_GF, YU_F_CARRY_SOE};
        for (int k = 0; k < 3; k++) {
            if (__builtin_add_overflow(mb->funds[cur[k]], mb->funds[car[k]], &mb->funds[cur[k]])) {
                yu_arena_free(E.A);
                return yu_error_set(err, YU_ELIMIT, NULL, 0, 0, "income and 上年结转 together are too large");
            }
            mb->funds[car[k]] = 0;
        }
        /* non-fiscal money carried in and out: what is carried in and spent
         * shows as 其他收入; carried in and out again shows not at all */
        yu_money net = mb->funds[YU_F_CARRY_NF] - mb->funds[YU_F_OUT_NF];
        if (net >= 0) {
            if (__builtin_add_overflow(mb->funds[YU_F_OTHER], net, &mb->funds[YU_F_OTHER])) {
                yu_arena_free(E.A);
                return yu_error_set(err, YU_ELIMIT, NULL, 0, 0, "其他收入 and 上年结转 together are too large");
            }
            mb->funds[YU_F_CARRY_NF] = mb->funds[YU_F_OUT_NF] = 0;
        }
        for (size_t i = 0; i < b->nlines; i++) {
            ml[i] = b->lines[i];
            if (ml[i].source == YU_S_GPB_CARRY || ml[i].source == YU_S_GF_CARRY || ml[i].source == YU_S_SOE_CARRY)
                ml[i].source--;
        }
        mb->lines = ml;
        mb->cap_lines = b->nlines;
        b = mb;
        E.b = b;
    }
    d->b = b;
    d->L = L;
    d->unit_label = L->unit_label;
    d->decimals = L->decimals;
    if (L->org_label && b->name)
        d->org_line = yu_arena_printf(E.A, "%s：%s", L->org_label, b->name);
    E.d = d;
    /* every sum below is of these amounts: bounded here, none can overflow */
    int64_t total = 0;
    const char *what;
    long at;
    if (yu_budget_money_sum(b, &total, &what, &at)) {
        if (at >= 0)
            st = yu_error_set(err, YU_ELIMIT, NULL, 0, 0,
                              "%s%s第%ld项：金额合计超出可计算的范围（各项金额之和不能超过%lld万元）",
                              b->name ? b->name : "", what, at + 1, (long long)(YU_MONEY_SUM_MAX / YU_FEN_PER_WAN));
        else
            st = yu_error_set(err, YU_ELIMIT, NULL, 0, 0,
                              "%s%s：金额合计超出可计算的范围（各项金额之和不能超过%lld万元）",
                              b->name ? b->name : "", what, (long long)(YU_MONEY_SUM_MAX / YU_FEN_PER_WAN));
        goto done;
    }
    for (size_t i = 0; i < b->nindicators; i++)
        if (b->indicators[i].weight < 0 || b->indicators[i].weight > YU_WEIGHT_MAX) {
            st = yu_error_set(err, YU_ELIMIT, NULL, b->indicators[i].line, 0,
                              "%s绩效指标第%zu项：分值权重应在0到%d之间", b->name ? b->name : "", i + 1,
                              YU_WEIGHT_MAX / 100);
            goto done;
        }
    if ((st = aggregate(&E, err)))
        goto done;
    if ((st = round_all(&E))) {
        yu_error_set(err, st, NULL, 0, 0, "out of memory");
        goto done;
    }
    d->tables = yu_arena_alloc(E.A, (L->ntables ? L->ntables : 1) * sizeof *d->tables);
    if (!d->tables) {
        st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < L->ntables && !st; i++) {
        const yu_ltable *lt = &L->tables[i];
        yu_table *T = &d->tables[d->ntables++];
        T->lt = lt;
        yu__table_unit(d, T);
        if (T->unit_fen != E.U && (lt->shape == YU_SHAPE_TWOSIDE || (lt->shape == YU_SHAPE_GRID && (lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON)))) {
            /* the controlled rounding of the tables by 科目 is the document's */
            st = yu_error_set(err, YU_ELAYOUT, L->path, lt->line, 0,
                              "table %s: only a table of single figures (rows single) may print its own unit "
                              "(%s), a table by 科目 prints the template's (%s)",
                              lt->id, lt->unit_label ? lt->unit_label : "", L->unit_label ? L->unit_label : "");
            break;
        }
        T->title = eng_subst(&E, lt->title);
        const char *pre = lt->title_prefix ? lt->title_prefix : L->title_prefix;
        if (pre && strcmp(pre, "-") && T->title)
            T->title = yu_arena_printf(E.A, "%s%s", eng_subst(&E, pre), T->title);
        T->hdr = yu_arena_alloc(E.A, (lt->ncols ? lt->ncols : 1) * YU_HDR_MAX * sizeof *T->hdr);
        if (!T->hdr) {
            st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        for (size_t c = 0; c < lt->ncols; c++)
            for (int k = 0; k < lt->cols[c].depth; k++)
                T->hdr[c * YU_HDR_MAX + k] = eng_subst(&E, lt->cols[c].label[k]);
        if (lt->shape == YU_SHAPE_TWOSIDE)
            st = build_twoside(&E, lt, T, err);
        else if (lt->shape == YU_SHAPE_PERF)
            T->empty = 0;
        else if (lt->rows == YU_ROWS_FUNC)
            st = build_func(&E, lt, T, err);
        else if (lt->rows == YU_ROWS_ECON)
            st = build_econ(&E, lt, T, err);
        else
            st = build_symbols(&E, lt, T, err);
        if (!st && T->empty && lt->note_empty)
            T->note = eng_subst(&E, lt->note_empty);
        if (!st && T->empty && lt->empty_total) {
            /* the 合计 line alone, blank, as Shanghai prints an empty table */
            size_t n = 0;
            for (size_t r = 0; r < T->nrows; r++)
                if (T->rows[r].flags & YU_ROW_TOTAL) {
                    T->rows[n] = T->rows[r];
                    for (size_t c = 0; c < lt->ncols; c++)
                        if (T->rows[n].cells[c].kind == YU_CELL_MONEY)
                            T->rows[n].cells[c].kind = YU_CELL_EMPTY;
                    n++;
                }
            T->nrows = n;
        }
    }
    if (!st)
        st = build_perf(&E, err);
    if (!st)
        st = text(&E, err);
done:
    free(E.xc);
    free(E.cell);
    free(E.cellr);
    free(E.jj);
    free(E.jjr);
    free(E.pr);
    free(E.prx);
    free(E.prr);
    free(E.prxr);
    free(E.ec);
    free(E.ecell);
    free(E.ecellr);
    free(E.pf);
    free(E.syms);
    if (st) {
        yu_arena_free(E.A);
        return st;
    }
    *out = d;
    return YU_OK;
}

void yu_doc_free(yu_doc *d)
{
    if (!d)
        return;
    yu_budget *b = d->own_budget;
    yu_arena_free(d->arena);
    yu_budget_free(b);
}

const yu_table *yu_doc_table(const yu_doc *d, const char *id)
{
    for (size_t i = 0; i < d->ntables; i++)
        if (!strcmp(d->tables[i].lt->id, id))
            return &d->tables[i];
    return NULL;
}
