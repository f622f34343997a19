/* The engine's tables: each layout table built from the rounded figures
 * (engine_present.c), by 功能分类, by 经济分类, of named figures, two-sided,
 * and the performance forms. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdint.h>
#include "engine_internal.h"

static int64_t sum_range(const int64_t *v, size_t a, size_t b)
{
    int64_t s = 0;
    for (size_t i = a; i < b; i++)
        s += v[i];
    return s;
}

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

yu_status eng_build_perf(engine *E, yu_error *err)
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
    const yu_ltable *plt = NULL;
    for (size_t t = 0; t < E->L->ntables; t++)
        if (E->L->tables[t].shape == YU_SHAPE_PERF) {
            plt = &E->L->tables[t];
            if (plt->unit_fen > 0) {
                PU = plt->unit_fen;
                plabel = plt->unit_label ? plt->unit_label : plabel;
                pdec = plt->decimals;
            }
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
        if (plt) {
            yu_status st = eng_build_form(E, plt, pf, err);
            if (st)
                return st;
        }
    }
    return YU_OK;
}

yu_status eng_build_table(engine *E, const yu_ltable *lt, yu_table *T, yu_error *err)
{
    if (lt->shape == YU_SHAPE_TWOSIDE)
        return build_twoside(E, lt, T, err);
    if (lt->shape == YU_SHAPE_PERF) {
        T->empty = 0;
        return YU_OK;
    }
    if (lt->rows == YU_ROWS_FUNC)
        return build_func(E, lt, T, err);
    if (lt->rows == YU_ROWS_ECON)
        return build_econ(E, lt, T, err);
    return build_symbols(E, lt, T, err);
}
