/* The year's figures: 年初预算, adjustments and payments merged per budget
 * line key (yu_yview), and the budget-against-actual report
 * (`report --execution`, docs/year.md). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "year_internal.h"
#include "engine_internal.h"

static int leap(int y) { return (y % 4 == 0 && y % 100) || y % 400 == 0; }

static int day_of_year(int date)
{
    static const int cum[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    if (m < 1 || m > 12)
        return 0;
    return cum[m - 1] + d + (m > 2 && leap(y));
}

int64_t yu_year_elapsed_bp(int date)
{
    int n = leap(date / 10000) ? 366 : 365;
    int64_t k = day_of_year(date);
    return (k * 10000 * 2 + n) / (2 * n);
}

int64_t yu_exec_rate_bp(yu_money paid, yu_money adjusted)
{
    if (adjusted <= 0)
        return 0;
    int def;
    int64_t ch = yu_change_bp(paid, adjusted, &def);
    return def ? ch + 10000 : 0;
}

static int cmp_key(const void *a, const void *b)
{
    return yy_key_cmp(&((const yu_ykey *)a)->k, &((const yu_ykey *)b)->k);
}

yu_status yu_year_view(const yu_budget *b, int as_of, yu_yview *v, yu_error *err)
{
    memset(v, 0, sizeof *v);
    v->b = b;
    const yu_year *y = b->yr;
    size_t na = y ? y->nadj : 0, np = y ? y->npay : 0;
    if (!as_of) {
        as_of = b->year * 10000 + 1231;
        if (np) {
            as_of = 0;
            for (size_t i = 0; i < np; i++)
                if (y->pay[i].date > as_of)
                    as_of = y->pay[i].date;
        }
    }
    if (as_of / 10000 != b->year)
        return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "--as-of %d-%02d-%02d is not in the budget year %d", as_of / 10000,
                            as_of / 100 % 100, as_of % 100, b->year);
    v->as_of = as_of;
    v->elapsed_bp = yu_year_elapsed_bp(as_of);
    size_t n = b->nlines + na + np;
    yu_ykey *k = calloc(n ? n : 1, sizeof *k);
    if (!k)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    size_t m = 0;
    for (size_t i = 0; i < b->nlines; i++) {
        k[m].k = b->lines[i];
        k[m].k.jijian = 0;
        m++;
    }
    for (size_t i = 0; i < na; i++) {
        if (y->adj[i].date > as_of)
            continue;
        k[m].k = y->adj[i].k;
        k[m].k.amount = 0;
        k[m].adjust = y->adj[i].delta;
        m++;
    }
    for (size_t i = 0; i < np; i++) {
        if (y->pay[i].date > as_of)
            continue;
        k[m].k = y->pay[i].k;
        k[m].k.amount = 0;
        k[m].paid = y->pay[i].k.amount;
        k[m].month[y->pay[i].date / 100 % 100 - 1] = y->pay[i].k.amount;
        m++;
    }
    for (size_t i = 0; i < m; i++)
        k[i].k.jijian = 0, k[i].k.pad_ = 0;
    qsort(k, m, sizeof *k, cmp_key);
    size_t o = 0;
    for (size_t i = 0; i < m; i++) {
        if (o && !cmp_key(&k[o - 1], &k[i])) {
            yu_ykey *t = &k[o - 1];
            t->k.amount += k[i].k.amount;
            t->adjust += k[i].adjust;
            t->paid += k[i].paid;
            for (int j = 0; j < 12; j++)
                t->month[j] += k[i].month[j];
        } else
            k[o++] = k[i];
    }
    v->keys = k;
    v->nkeys = o;
    return YU_OK;
}

void yu_yview_free(yu_yview *v)
{
    free(v->keys);
    memset(v, 0, sizeof *v);
}

/* ---- the execution report ---- */

typedef struct agg {
    yu_money budget, adjust, paid;
} agg;

static void agg_add(agg *a, const yu_ykey *k)
{
    a->budget += k->k.amount;
    a->adjust += k->adjust;
    a->paid += k->paid;
}

static void fill_row(ydoc *y, const yu_ltable *lt, yu_row *r, const agg *a, int64_t elapsed)
{
    yu_money adj = a->budget + a->adjust;
    int64_t rate = yu_exec_rate_bp(a->paid, adj);
    for (size_t c = 0; c < lt->ncols; c++) {
        const char *key = lt->cols[c].key;
        yu_cell *cell = &r->cells[c];
        if (!strcmp(key, "code"))
            yd_text(cell, yu_arena_strdup(y->A, r->code));
        else if (!strcmp(key, "name"))
            yd_text(cell, r->name);
        else if (!strcmp(key, "budget"))
            yd_money(y, lt, cell, a->budget);
        else if (!strcmp(key, "adjust"))
            yd_money(y, lt, cell, a->adjust);
        else if (!strcmp(key, "adjusted"))
            yd_money(y, lt, cell, adj);
        else if (!strcmp(key, "paid"))
            yd_money(y, lt, cell, a->paid);
        else if (!strcmp(key, "rate") && adj > 0)
            yd_pct(cell, rate);
        else if (!strcmp(key, "gap") && adj > 0)
            yd_pct(cell, rate - elapsed);
        else if (!strcmp(key, "flag") && adj > 0) {
            if (a->paid > adj)
                yd_text(cell, "超预算");
            else if (rate < elapsed - YU_EXEC_LAG_BP)
                yd_text(cell, "进度滞后");
        }
    }
}

static int lags(const agg *a, int64_t elapsed)
{
    yu_money adj = a->budget + a->adjust;
    return adj > 0 && yu_exec_rate_bp(a->paid, adj) < elapsed - YU_EXEC_LAG_BP;
}

static void total_row(ydoc *y, yu_table *t, const agg *all, int64_t elapsed)
{
    const yu_ltable *lt = t->lt;
    yu_row *r = yd_row(y, t);
    if (!r)
        return;
    r->flags = YU_ROW_TOTAL;
    r->key[0] = "total";
    fill_row(y, lt, r, all, elapsed);
    for (size_t c = 0; c < lt->ncols; c++)
        if (!strcmp(lt->cols[c].key, "code") || !strcmp(lt->cols[c].key, "name") || !strcmp(lt->cols[c].key, "month"))
            r->cells[c].kind = YU_CELL_EMPTY;
    int tc = lt->total_col >= 0 && (size_t)lt->total_col < lt->ncols ? lt->total_col : 0;
    yd_text(&r->cells[tc], lt->total_label ? lt->total_label : "合计");
}

static void func_table(ydoc *y, const yu_yview *v, const yu_ltable *lt, const yu_catalog *func, int64_t el)
{
    yu_table *t = yd_table(y, lt, NULL);
    if (!t)
        return;
    agg all = {0, 0, 0};
    for (size_t i = 0; i < v->nkeys;) {
        uint32_t lei = v->keys[i].k.func / 10000;
        size_t j = i;
        agg a = {0, 0, 0};
        while (j < v->nkeys && v->keys[j].k.func / 10000 == lei)
            agg_add(&a, &v->keys[j++]);
        yu_row *r = yd_row(y, t);
        if (!r)
            return;
        snprintf(r->code, sizeof r->code, "%u", lei);
        r->key[0] = yu_arena_strdup(y->A, r->code);
        r->name = yy_func_name(func, lei, 3);
        r->level = 1;
        fill_row(y, lt, r, &a, el);
        for (size_t k = i; k < j;) {
            uint32_t kuan = v->keys[k].k.func / 100;
            size_t m = k;
            agg b = {0, 0, 0};
            while (m < j && v->keys[m].k.func / 100 == kuan)
                agg_add(&b, &v->keys[m++]);
            r = yd_row(y, t);
            if (!r)
                return;
            snprintf(r->code, sizeof r->code, "%u", kuan);
            r->key[0] = yu_arena_strdup(y->A, r->code);
            r->name = yy_func_name(func, kuan, 5);
            r->level = 2;
            fill_row(y, lt, r, &b, el);
            for (size_t q = k; q < m;) {
                uint32_t xiang = v->keys[q].k.func;
                agg c = {0, 0, 0};
                while (q < m && v->keys[q].k.func == xiang)
                    agg_add(&c, &v->keys[q++]);
                r = yd_row(y, t);
                if (!r)
                    return;
                snprintf(r->code, sizeof r->code, "%u", xiang);
                r->key[0] = yu_arena_strdup(y->A, r->code);
                r->name = yy_func_name(func, xiang, 7);
                r->level = 3;
                fill_row(y, lt, r, &c, el);
            }
            k = m;
        }
        all.budget += a.budget, all.adjust += a.adjust, all.paid += a.paid;
        i = j;
    }
    total_row(y, t, &all, el);
    t->empty = v->nkeys == 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void econ_table(ydoc *y, const yu_yview *v, const yu_ltable *lt, const yu_catalog *econ, int64_t el)
{
    yu_table *t = yd_table(y, lt, NULL);
    if (!t)
        return;
    uint32_t *codes = malloc((v->nkeys ? v->nkeys : 1) * sizeof *codes);
    if (!codes) {
        y->oom = 1;
        return;
    }
    size_t n = 0;
    agg none = {0, 0, 0}, all = {0, 0, 0};
    for (size_t i = 0; i < v->nkeys; i++) {
        if (v->keys[i].k.econ)
            codes[n++] = v->keys[i].k.econ;
        else
            agg_add(&none, &v->keys[i]);
        agg_add(&all, &v->keys[i]);
    }
    qsort(codes, n, sizeof *codes, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || codes[u - 1] != codes[i])
            codes[u++] = codes[i];
    for (size_t i = 0; i < u;) {
        uint32_t lei = codes[i] / 100;
        size_t j = i;
        while (j < u && codes[j] / 100 == lei)
            j++;
        for (size_t k = i; k <= j; k++) {
            int head = k == i;
            uint32_t code = head ? lei : codes[k - 1];
            agg a = {0, 0, 0};
            for (size_t q = 0; q < v->nkeys; q++)
                if (v->keys[q].k.econ && (head ? v->keys[q].k.econ / 100 == lei : v->keys[q].k.econ == code))
                    agg_add(&a, &v->keys[q]);
            yu_row *r = yd_row(y, t);
            if (!r)
                break;
            snprintf(r->code, sizeof r->code, "%u", code);
            r->key[0] = yu_arena_strdup(y->A, r->code);
            const char *nm = econ ? yu_catalog_name_num(econ, code, head ? 3 : 5) : NULL;
            r->name = nm ? nm : "";
            r->level = head ? 1 : 2;
            fill_row(y, lt, r, &a, el);
        }
        i = j;
    }
    free(codes);
    if (none.budget || none.adjust || none.paid) {
        yu_row *r = yd_row(y, t);
        if (r) {
            r->name = "未细化到经济分类的支出";
            fill_row(y, lt, r, &none, el);
        }
    }
    total_row(y, t, &all, el);
}

static void project_table(ydoc *y, const yu_yview *v, const yu_ltable *lt, int64_t el, agg *per)
{
    const yu_budget *b = v->b;
    yu_table *t = yd_table(y, lt, NULL);
    if (!t)
        return;
    agg all = {0, 0, 0};
    for (size_t p = 0; p < b->nprojects; p++) {
        if (!per[p].budget && !per[p].adjust && !per[p].paid)
            continue;
        yu_row *r = yd_row(y, t);
        if (!r)
            return;
        r->name = b->projects[p].name;
        snprintf(r->code, sizeof r->code, "%u", (unsigned)((p + 1) % 1000000u));
        fill_row(y, lt, r, &per[p], el);
        all.budget += per[p].budget, all.adjust += per[p].adjust, all.paid += per[p].paid;
    }
    t->empty = t->nrows == 0;
    if (!t->empty)
        total_row(y, t, &all, el);
    else if (lt->note_empty)
        t->note = lt->note_empty;
}

static void month_table(ydoc *y, const yu_yview *v, const yu_ltable *lt, yu_money adjusted)
{
    yu_table *t = yd_table(y, lt, NULL);
    if (!t)
        return;
    int last = v->as_of / 100 % 100;
    yu_money cum = 0;
    for (int m = 1; m <= last; m++) {
        yu_money paid = 0;
        for (size_t i = 0; i < v->nkeys; i++)
            paid += v->keys[i].month[m - 1];
        cum += paid;
        yu_row *r = yd_row(y, t);
        if (!r)
            return;
        int end = v->b->year * 10000 + m * 100 + (m == last ? v->as_of % 100 : 31);
        if (m != last) {
            static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            end = v->b->year * 10000 + m * 100 + dm[m - 1] + (m == 2 && leap(v->b->year));
        }
        for (size_t c = 0; c < lt->ncols; c++) {
            const char *key = lt->cols[c].key;
            if (!strcmp(key, "month"))
                yd_text(&r->cells[c], yu_arena_printf(y->A, "%d月", m));
            else if (!strcmp(key, "paid"))
                yd_money(y, lt, &r->cells[c], paid);
            else if (!strcmp(key, "cum"))
                yd_money(y, lt, &r->cells[c], cum);
            else if (!strcmp(key, "rate") && adjusted > 0)
                yd_pct(&r->cells[c], yu_exec_rate_bp(cum, adjusted));
            else if (!strcmp(key, "elapsed"))
                yd_pct(&r->cells[c], yu_year_elapsed_bp(end));
        }
        r->name = r->cells[0].text;
    }
}

yu_status yu_year_exec_doc(const yu_budget *b, const yu_layout *L, const yu_year_opts *o, yu_doc **out,
                           yu_error *err)
{
    *out = NULL;
    yu_yview v;
    yu_status st = yu_year_view(b, o->as_of, &v, err);
    if (st)
        return st;
    ydoc y;
    char title[512];
    snprintf(title, sizeof title, "%s%d年预算执行情况", b->name, b->year);
    if (yd_init(&y, b, L, title)) {
        yu_yview_free(&v);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    int64_t el = v.elapsed_bp;
    agg all = {0, 0, 0};
    agg *per = calloc(b->nprojects + 1, sizeof *per);
    if (!per) {
        yd_abort(&y);
        yu_yview_free(&v);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    yu_money zj = 0, tj = 0, tjn = 0;
    for (size_t i = 0; i < v.nkeys; i++) {
        agg_add(&all, &v.keys[i]);
        if (v.keys[i].k.project >= 0)
            agg_add(&per[v.keys[i].k.project], &v.keys[i]);
    }
    const yu_year *yr = b->yr;
    for (size_t i = 0; yr && i < yr->nadj; i++) {
        if (yr->adj[i].date > v.as_of)
            continue;
        if (yr->adj[i].kind == YU_ADJ_ZHUIJIA) zj += yr->adj[i].delta;
        else if (yr->adj[i].kind == YU_ADJ_TIAOJIAN) tj -= yr->adj[i].delta;
        else if (yr->adj[i].delta > 0) tjn += yr->adj[i].delta;
    }
    /* the tables first: the layout's document places them (`tables`) */
    yu_money adjusted = all.budget + all.adjust;
    for (size_t i = 0; i < L->ntables; i++) {
        const yu_ltable *lt = &L->tables[i];
        if (!strcmp(lt->id, "func"))
            func_table(&y, &v, lt, o->func, el);
        else if (!strcmp(lt->id, "econ"))
            econ_table(&y, &v, lt, o->econ, el);
        else if (!strcmp(lt->id, "project"))
            project_table(&y, &v, lt, el, per);
        else if (!strcmp(lt->id, "month"))
            month_table(&y, &v, lt, adjusted);
    }
    /* the text: the layout's, over these figures (no wording here; docs/year.md) */
    eng_xproj *xp = calloc(b->nprojects + 1, sizeof *xp);
    sym syms[8];
    const struct { const char *name; yu_money fen; int count; } sv[] = {
        {"exec_budget", all.budget, 0}, {"exec_adjusted", adjusted, 0}, {"exec_paid", all.paid, 0},
        {"exec_zj", zj, 0},             {"exec_tj", tj, 0},             {"exec_tjn", tjn, 0},
        {"exec_elapsed", el, 1},        {"exec_lag", YU_EXEC_LAG_BP / 100, 1}};
    for (size_t i = 0; i < sizeof sv / sizeof sv[0]; i++) {
        syms[i].name = sv[i].name;
        syms[i].fen = sv[i].fen;
        syms[i].v = sv[i].count ? sv[i].fen : yu_round_units(sv[i].fen, y.U);
        syms[i].count = sv[i].count;
    }
    for (size_t p = 0; xp && p < b->nprojects; p++) {
        yu_money adj = per[p].budget + per[p].adjust;
        xp[p].id = b->projects[p].id;
        xp[p].name = b->projects[p].name;
        xp[p].adjusted = adj;
        xp[p].paid = per[p].paid;
        xp[p].flag = per[p].paid > adj ? 2 : lags(&per[p], el) ? 1 : 0;
    }
    engine E;
    yu_compile_opts co;
    memset(&E, 0, sizeof E);
    memset(&co, 0, sizeof co);
    co.func = o->func;
    co.econ = o->econ;
    E.b = b;
    E.L = L;
    E.o = &co;
    E.d = y.d;
    E.A = y.A;
    E.U = y.U;
    E.syms = syms;
    E.nsyms = sizeof sv / sizeof sv[0];
    E.as_of = v.as_of;
    E.xp = xp;
    E.nxp = xp ? b->nprojects : 0;
    st = xp ? yd_document(&y, &E, err) : yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    free(xp);
    if (st) {
        free(per);
        yu_yview_free(&v);
        yd_abort(&y);
        return st;
    }
    free(per);
    yu_yview_free(&v);
    if (yd_oom(&y)) {
        yd_abort(&y);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = y.d;
    return YU_OK;
}
