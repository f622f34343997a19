/* The engine's presentation: every figure rounded once from 分 (controlled
 * rounding down the 类/款/项 tree and across sources, the named symbols
 * the tables and the narrative print), the unit each table prints in, and
 * each narrative figure resolved into its printed integer (eng_prose …). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdint.h>
#include "engine_internal.h"

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
        while (j < n && eng_prefix(E->xc[j], 3) == eng_prefix(E->xc[i], 3))
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
            while (j < n && eng_prefix(E->xc[j], pd) == eng_prefix(E->xc[i], pd))
                j++;
            int64_t parent_r = grp[i];
            size_t nk = 0;
            for (size_t k = i; k < j;) {
                size_t m = k;
                yu_money s = 0;
                while (m < j && eng_prefix(E->xc[m], cd) == eng_prefix(E->xc[k], cd))
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

int64_t eng_prose_fen(const engine *E)
{
    return E->L->prose_fen > 0 ? E->L->prose_fen : E->U;
}

int eng_prose_decimals(const engine *E)
{
    return E->L->prose_fen > 0 ? E->L->prose_decimals : E->L->decimals;
}

int64_t eng_prose(const engine *E, int64_t doc_v, yu_money fen)
{
    int64_t pf = eng_prose_fen(E);
    return pf == E->U ? doc_v : yu_round_units(fen, pf);
}

/* the money cell of a table of single figures printing unit_fen 分 per digit whose column is `col` */
static const yu_cell *single_cell(const engine *E, const char *col, int64_t unit_fen)
{
    for (size_t t = 0; E->d && t < E->d->ntables; t++) {
        const yu_table *T = &E->d->tables[t];
        const yu_ltable *lt = T->lt;
        if (T->unit_fen != unit_fen || !T->nrows || lt->shape != YU_SHAPE_GRID || lt->rows == YU_ROWS_FUNC ||
            lt->rows == YU_ROWS_ECON)
            continue;
        int ci = yu_ltable_col(lt, col);
        if (ci >= 0 && T->rows[0].cells[ci].kind == YU_CELL_MONEY)
            return &T->rows[0].cells[ci];
    }
    return NULL;
}

int64_t eng_sym_prose(const engine *E, const char *name, int64_t doc_v)
{
    int64_t pf = eng_prose_fen(E);
    if (pf == E->U)
        return doc_v;
    const yu_cell *c = single_cell(E, name, pf);
    return c ? c->v : yu_round_units(eng_sym_fen(E, name), pf);
}

int eng_cell_prose(const engine *E, const char *table, const char *row, const char *col, int64_t *v)
{
    const yu_table *T = E->d ? yu_doc_table(E->d, table) : NULL;
    if (!T || T->unit_fen != eng_prose_fen(E))
        return 0;
    const yu_cell *c = yu__table_cell(T, row, col, NULL);
    if (!c || c->kind != YU_CELL_MONEY)
        return 0;
    *v = c->v;
    return 1;
}

const yu_cell *yu__table_cell(const yu_table *T, const char *row, const char *col, const yu_row **rowp)
{
    int ci = yu_ltable_col(T->lt, col);
    const yu_row *r = NULL;
    if (ci < 0)
        return NULL;
    if (T->lt->shape == YU_SHAPE_TWOSIDE) {
        int side = !strncmp(col, "out.", 4);
        for (size_t j = 0; j < T->nrows && !r; j++)
            if (T->rows[j].key[side] && !strcmp(T->rows[j].key[side], row))
                r = &T->rows[j];
    } else {
        if (!strcmp(row, "total")) {
            for (size_t j = 0; j < T->nrows && !r; j++)
                if (T->rows[j].flags & YU_ROW_TOTAL)
                    r = &T->rows[j];
            if (!r && T->lt->rows == YU_ROWS_SINGLE && T->nrows)
                r = &T->rows[0];
        }
        for (size_t j = 0; !r && j < T->nrows; j++)
            if (!strcmp(T->rows[j].code, row))
                r = &T->rows[j];
    }
    if (rowp)
        *rowp = r;
    return r ? &r->cells[ci] : NULL;
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
yu_status eng_round_all(engine *E)
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

void yu__table_unit(const yu_doc *d, yu_table *T)
{
    const yu_ltable *lt = T->lt;
    int own = lt && lt->unit_fen > 0 && lt->unit_label;
    T->unit_label = own ? lt->unit_label : d->unit_label ? d->unit_label : "";
    T->unit_fen = own ? lt->unit_fen : d->L && d->L->unit_fen > 0 ? d->L->unit_fen : 1;
    T->decimals = own ? lt->decimals : d->decimals;
}

int64_t yu__seg_doc_units(const yu_doc *d, const yu_seg *s)
{
    int64_t df = d->L && d->L->unit_fen > 0 ? d->L->unit_fen : 1;
    if (s->kind != YU_SEG_MONEY || s->unit_fen <= 0 || s->unit_fen == df)
        return s->v;
    return yu_round_units(s->v * s->unit_fen, df);
}

int64_t yu__in_doc_units(const yu_doc *d, const yu_table *T, int64_t v)
{
    int64_t df = d->L && d->L->unit_fen > 0 ? d->L->unit_fen : 1;
    if (!T || T->unit_fen <= 0 || T->unit_fen == df)
        return v;
    return yu_round_units(v * T->unit_fen, df);
}
