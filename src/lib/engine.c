/* The engine: aggregates line items in one pass and runs the compile step
 * (here), rounds once (engine_present.c: controlled rounding, the unit each
 * table and each narrative figure prints in), and builds every table of the
 * layout (engine_tables.c). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdint.h>
#include "engine_internal.h"

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

void eng_range(const engine *E, uint32_t code, int digits, size_t *a, size_t *b)
{
    size_t i = 0;
    while (i < E->nx && eng_prefix(E->xc[i], digits) < code)
        i++;
    *a = i;
    while (i < E->nx && eng_prefix(E->xc[i], digits) == code)
        i++;
    *b = i;
}

const char *eng_func_name(const engine *E, uint32_t code, int digits)
{
    const char *n = yu_catalog_name_num(E->o->func, code, digits);
    return n ? n : "";
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
    if ((st = eng_round_all(&E))) {
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
        st = eng_build_table(&E, lt, T, err);
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
        st = eng_build_perf(&E, err);
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
