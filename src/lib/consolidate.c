/* Consolidation: a subtree of budgets into one budget with eliminations
 * (yu_consolidate), and every node of an administration in one pass over
 * its line items (yu_admin, yu_cube).  docs/store.md explains both. */
#define _DEFAULT_SOURCE /* madvise(MADV_HUGEPAGE) */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <unistd.h>
#include <pthread.h>
#include "yusuan/store.h"
#include "internal.h"
#include "admin_int.h"

/* ---------------------------------------------------------------- warnings */

void yu_warnings_free(yu_warnings *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++)
        free(w->msg[i]);
    free(w->msg);
    w->msg = NULL;
    w->n = w->cap = 0;
}

static void warn(yu_warnings *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void warn(yu_warnings *w, const char *fmt, ...)
{
    if (!w)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (w->n == w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 8;
        char **m = realloc(w->msg, nc * sizeof *m);
        if (!m)
            return;
        w->msg = m;
        w->cap = nc;
    }
    char *d = yu_strdup(buf);
    if (d)
        w->msg[w->n++] = d;
}

/* 分 as 元 with two decimals, for messages */
static const char *yuan(yu_money v, char *buf, size_t n)
{
    return yu_fmt_units(v, 2, YU_NUM_TABLE, buf, n);
}

/* ------------------------------------------------------------------ prior */

typedef struct prior_acc {
    uint32_t func;
    yu_money ex, exx;
} prior_acc;

static int cmp_prior_acc(const void *a, const void *b)
{
    uint32_t x = ((const prior_acc *)a)->func, y = ((const prior_acc *)b)->func;
    return x < y ? -1 : x > y;
}

/* Sorts and merges by func into b->prior (replacing it). */
static yu_status prior_set(yu_budget *b, prior_acc *v, size_t n)
{
    if (n)
        qsort(v, n, sizeof *v, cmp_prior_acc);
    free(b->prior);
    b->prior = NULL;
    b->nprior = b->cap_prior = 0;
    for (size_t i = 0; i < n;) {
        yu_prior p = {v[i].func, 0, 0};
        for (; i < n && v[i].func == p.func; i++) {
            p.executed += v[i].ex;
            p.executed_ex += v[i].exx;
        }
        if (yu_budget_add_prior(b, &p))
            return YU_ENOMEM;
    }
    return YU_OK;
}

/* Appends the gpb execution of final accounts (or, without them, b's prior) to v. */
static int prior_collect(const yu_budget *b, const yu_budget *fin, prior_acc **v, size_t *n, size_t *cap)
{
    size_t add = fin ? fin->nlines : b->nprior;
    if (*n + add > *cap) {
        size_t nc = (*n + add) * 2 + 16;
        prior_acc *nv = realloc(*v, nc * sizeof *nv);
        if (!nv)
            return -1;
        *v = nv;
        *cap = nc;
    }
    if (fin) {
        for (size_t i = 0; i < fin->nlines; i++) {
            const yu_line *l = &fin->lines[i];
            if (l->source != YU_S_GPB && l->source != YU_S_GPB_CARRY)
                continue;
            prior_acc *p = &(*v)[(*n)++];
            p->func = l->func;
            p->ex = l->amount;
            p->exx = l->jijian ? 0 : l->amount;
        }
    } else {
        for (size_t i = 0; i < b->nprior; i++) {
            prior_acc *p = &(*v)[(*n)++];
            p->func = b->prior[i].func;
            p->ex = b->prior[i].executed;
            p->exx = b->prior[i].executed_ex;
        }
    }
    return 0;
}

yu_status yu_prior_from_final(yu_budget *b, const yu_budget *final_prev)
{
    prior_acc *v = NULL;
    size_t n = 0, cap = 0;
    if (prior_collect(b, final_prev, &v, &n, &cap))
        return YU_ENOMEM;
    yu_status st = prior_set(b, v, n);
    free(v);
    return st;
}

/* ------------------------------------------------------- one subtree */

/* A line item for the merge: its key as two integers ordered as the
 * consolidated lines are: by func, type, source, econ, project, jijian — hi = func, type, source, econ's high 16 bits; lo = econ's low 16 bits,
 * project + 1 (32 bits), jijian — and its amount.  Same size as a yu_line, so
 * the merged lines are written back into the same array. */
typedef struct mrec {
    uint64_t hi, lo;
    yu_money amount;
} mrec;
_Static_assert(sizeof(mrec) == sizeof(yu_line), "a merge record and a line item have the same size");

static mrec mrec_of(const yu_line *l)
{
    mrec r;
    r.hi = (uint64_t)l->func << 32 | (uint64_t)l->type << 24 | (uint64_t)l->source << 16 | l->econ >> 16;
    r.lo = (uint64_t)(l->econ & 0xFFFFu) << 48 | (uint64_t)(uint32_t)(l->project + 1) << 8 | l->jijian;
    r.amount = l->amount;
    return r;
}

static yu_line line_of(const mrec *r)
{
    yu_line l;
    memset(&l, 0, sizeof l);
    l.func = (uint32_t)(r->hi >> 32);
    l.type = (uint8_t)(r->hi >> 24);
    l.source = (uint8_t)(r->hi >> 16);
    l.econ = (uint32_t)(r->hi & 0xFFFFu) << 16 | (uint32_t)(r->lo >> 48);
    l.project = (int32_t)((uint32_t)(r->lo >> 8) - 1u);
    l.jijian = (uint8_t)r->lo;
    l.amount = r->amount;
    return l;
}

/* Sorts by (hi, lo): LSD radix by bytes, skipping the bytes all keys share.
 * Returns the sorted array (a or a new one; the other is freed), NULL when out of memory. */
static mrec *radix_sort(mrec *a, size_t n)
{
    if (n < 2)
        return a;
    size_t (*cnt)[256] = calloc(16, sizeof *cnt);
    mrec *t = malloc(n * sizeof *t);
    if (!cnt || !t) {
        free(cnt);
        free(t);
        free(a);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t lo = a[i].lo, hi = a[i].hi;
        for (int d = 0; d < 8; d++) {
            cnt[d][lo >> (8 * d) & 255]++;
            cnt[8 + d][hi >> (8 * d) & 255]++;
        }
    }
    mrec *src = a, *dst = t;
    for (int d = 0; d < 16; d++) {
        uint64_t first = d < 8 ? src[0].lo >> (8 * d) & 255 : src[0].hi >> (8 * (d - 8)) & 255;
        if (cnt[d][first] == n)
            continue; /* every key has this byte */
        size_t off = 0;
        for (int k = 0; k < 256; k++) {
            size_t c = cnt[d][k];
            cnt[d][k] = off;
            off += c;
        }
        if (d < 8)
            for (size_t i = 0; i < n; i++)
                dst[cnt[d][src[i].lo >> (8 * d) & 255]++] = src[i];
        else
            for (size_t i = 0; i < n; i++)
                dst[cnt[d][src[i].hi >> (8 * (d - 8)) & 255]++] = src[i];
        mrec *x = src;
        src = dst;
        dst = x;
    }
    free(cnt);
    free(dst);
    return src;
}

static int is_down_line(const yu_line *l) /* 对附属单位补助支出 from 非财政拨款 */
{
    return l->type == YU_T_FUSHU && !yu_source_is_fiscal(l->source);
}

static int is_up_line(const yu_line *l) /* 上缴上级支出 from 非财政拨款 */
{
    return l->type == YU_T_SHANGJIAO && !yu_source_is_fiscal(l->source);
}

static char *dupnz(const char *s)
{
    return yu_strdup(s ? s : "");
}

yu_status yu_consolidate(const yu_cons_node *nodes, size_t n, yu_budget **out, yu_elim_info *info,
                         yu_warnings *w, yu_error *err)
{
    yu_error_clear(err);
    *out = NULL;
    if (info)
        memset(info, 0, sizeof *info);
    if (!n)
        return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "consolidation: no nodes");
    size_t root = n;
    for (size_t i = 0; i < n; i++) {
        if (nodes[i].parent < 0) {
            if (root != n)
                return yu_error_set(err, YU_EUSAGE, NULL, 0, 0,
                                    "consolidation: two roots (%s and %s): expected one subtree",
                                    nodes[root].code, nodes[i].code);
            root = i;
        } else if ((size_t)nodes[i].parent >= n || (size_t)nodes[i].parent == i)
            return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "consolidation: node %s has an invalid parent",
                                nodes[i].code);
    }
    if (root == n)
        return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "consolidation: no root (a cycle in the tree)");
    /* every node must reach the root (no cycles) */
    for (size_t i = 0; i < n; i++) {
        size_t p = i, steps = 0;
        while (nodes[p].parent >= 0 && steps++ <= n)
            p = (size_t)nodes[p].parent;
        if (p != root)
            return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "consolidation: node %s is in a cycle",
                                nodes[i].code);
    }
    /* every sum below adds these amounts (each at most once per level): bounded
     * here in one checked pass, none of them can overflow */
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        const char *what;
        long at;
        if (nodes[i].b && yu_budget_money_sum(nodes[i].b, &total, &what, &at))
            return yu_error_set(err, YU_ELIMIT, NULL, 0, 0,
                                "%s（%s）%s：汇总的金额合计超出可计算的范围（各单位金额之和不能超过%lld万元）",
                                nodes[i].b->name ? nodes[i].b->name : "", nodes[i].code, what,
                                (long long)(YU_MONEY_SUM_MAX / YU_FEN_PER_WAN));
    }

    /* children lists (CSR, in array order) */
    size_t *cst = calloc(n + 1, sizeof *cst), *cls = malloc(n * sizeof *cls), *cnx = malloc(n * sizeof *cnx);
    /* reductions of line items: per node with a budget, an array parallel to its lines */
    yu_money **red = calloc(n, sizeof *red);
    yu_budget *o = yu_budget_new();
    prior_acc *pv = NULL;
    size_t npv = 0, cappv = 0;
    mrec *all = NULL;
    char a1[40], a2[40], a3[40], a4[40];
    if (!red || !o || !cst || !cls || !cnx)
        goto oom;
    for (size_t i = 0; i < n; i++)
        if (nodes[i].parent >= 0)
            cst[nodes[i].parent + 1]++;
    for (size_t i = 0; i < n; i++)
        cst[i + 1] += cst[i];
    for (size_t i = 0; i < n; i++)
        cnx[i] = cst[i];
    for (size_t i = 0; i < n; i++)
        if (nodes[i].parent >= 0)
            cls[cnx[nodes[i].parent]++] = i;
    yu_money down_elim = 0, up_elim = 0;
    size_t nlines = 0, nunits = 0, nprojects = 0;
    for (size_t i = 0; i < n; i++) {
        if (!nodes[i].b)
            continue;
        nunits++;
        nlines += nodes[i].b->nlines;
        nprojects += nodes[i].b->nprojects;
    }
    if (info)
        info->nunits = nunits;

    /* eliminations, parent by parent (children in array order, lines in their order) */
    for (size_t p = 0; p < n; p++) {
        const yu_budget *pb = nodes[p].b;
        if (!pb)
            continue;
        yu_money A = 0, B = 0, U = 0, R = pb->funds[YU_F_FUSHU], fisc = 0;
        int has_child = 0;
        for (size_t i = 0; i < pb->nlines; i++) {
            if (is_down_line(&pb->lines[i]))
                A += pb->lines[i].amount;
            else if (pb->lines[i].type == YU_T_FUSHU)
                fisc += pb->lines[i].amount;
        }
        for (size_t ci = cst[p]; ci < cst[p + 1]; ci++) {
            size_t c = cls[ci];
            if (!nodes[c].b)
                continue;
            has_child = 1;
            B += nodes[c].b->funds[YU_F_SHANGJI];
            for (size_t i = 0; i < nodes[c].b->nlines; i++)
                if (is_up_line(&nodes[c].b->lines[i]))
                    U += nodes[c].b->lines[i].amount;
        }
        if (!has_child)
            continue;
        if (fisc)
            warn(w, "%s %s: 对附属单位补助支出 of %s元 paid from 财政拨款 is not eliminated "
                    "(only 非财政拨款 transfers are internal)", nodes[p].code, nodes[p].name ? nodes[p].name : "",
                 yuan(fisc, a1, sizeof a1));
        yu_money E = A < B ? A : B;
        if (A != B)
            warn(w, "%s %s: 对附属单位补助支出 %s元 but its units' 上级补助收入 %s元: %s元 eliminated, the difference %s元 kept",
                 nodes[p].code, nodes[p].name ? nodes[p].name : "", yuan(A, a1, sizeof a1), yuan(B, a2, sizeof a2),
                 yuan(E, a3, sizeof a3), yuan(A > B ? A - B : B - A, a4, sizeof a4));
        yu_money rem = E;
        for (size_t i = 0; i < pb->nlines && rem > 0; i++)
            if (is_down_line(&pb->lines[i])) {
                yu_money r = pb->lines[i].amount < rem ? pb->lines[i].amount : rem;
                if (!red[p] && !(red[p] = calloc(pb->nlines, sizeof **red))) /* only budgets with eliminations */
                    goto oom;
                red[p][i] += r;
                rem -= r;
            }
        down_elim += E;
        yu_money E2 = U < R ? U : R;
        if (U != R)
            warn(w, "%s %s: 附属单位上缴收入 %s元 but its units' 上缴上级支出 %s元: %s元 eliminated, the difference %s元 kept",
                 nodes[p].code, nodes[p].name ? nodes[p].name : "", yuan(R, a1, sizeof a1), yuan(U, a2, sizeof a2),
                 yuan(E2, a3, sizeof a3), yuan(U > R ? U - R : R - U, a4, sizeof a4));
        rem = E2;
        for (size_t ci = cst[p]; ci < cst[p + 1] && rem > 0; ci++) {
            size_t c = cls[ci];
            if (!nodes[c].b)
                continue;
            const yu_budget *cb = nodes[c].b;
            for (size_t i = 0; i < cb->nlines && rem > 0; i++)
                if (is_up_line(&cb->lines[i])) {
                    yu_money r = cb->lines[i].amount < rem ? cb->lines[i].amount : rem;
                    if (!red[c] && !(red[c] = calloc(cb->nlines, sizeof **red)))
                        goto oom;
                    red[c][i] += r;
                    rem -= r;
                }
        }
        up_elim += E2;
        if (info) {
            info->down_lines += A;
            info->down_income += B;
            info->up_lines += U;
            info->up_income += R;
        }
    }
    if (info) {
        info->down_elim = down_elim;
        info->up_elim = up_elim;
    }

    /* metadata */
    const yu_cons_node *r = &nodes[root];
    const yu_budget *rb = r->b, *first = NULL;
    for (size_t i = 0; i < n && !first; i++)
        if (nodes[i].b)
            first = nodes[i].b;
    o->name = dupnz(r->name ? r->name : rb ? rb->name : r->code);
    o->code = dupnz(r->code);
    o->dept_name = dupnz(r->dept_name ? r->dept_name : rb ? rb->dept_name : r->name);
    o->dept_code = dupnz(r->dept_code ? r->dept_code : rb ? rb->dept_code : r->code);
    o->template_id = dupnz(rb && rb->template_id ? rb->template_id
                           : first && first->template_id ? first->template_id : "central-budget");
    o->year = rb ? rb->year : first ? first->year : 0;
    if (!o->name || !o->code || !o->dept_name || !o->dept_code || !o->template_id)
        goto oom;
    if (rb) {
        if ((rb->functions && !(o->functions = yu_strdup(rb->functions))) ||
            (rb->organisation && !(o->organisation = yu_strdup(rb->organisation))))
            goto oom;
        for (size_t i = 0; i < rb->nnotes; i++)
            if (yu_budget_add_note(o, rb->notes[i].key, rb->notes[i].text))
                goto oom;
    }

    /* sums, projects, indicators, assets, prior */
    all = malloc((nlines ? nlines : 1) * sizeof *all);
    if (!all)
        goto oom;
    size_t na = 0;
    int perf_declared = 0; /* a unit declared its 绩效目标 summary (perf.csv): the department's is declared too */
    for (size_t u = 0; u < n; u++) {
        const yu_budget *b = nodes[u].b;
        if (!b)
            continue;
        int32_t poff = (int32_t)o->nprojects;
        for (int f = 0; f < YU_F_COUNT; f++)
            o->funds[f] += b->funds[f];
        for (int k = 0; k < YU_SG_COUNT; k++) {
            o->sangong[k] += b->sangong[k];
            o->sangong_prior[k] += b->sangong_prior[k];
        }
        o->has_sangong_prior |= b->has_sangong_prior;
        for (int k = 0; k < YU_P_COUNT; k++)
            o->procurement[k] += b->procurement[k];
        /* the inputs of 其他相关情况说明: the department's are its units' together */
        o->proc_sme += b->proc_sme;
        o->proc_sme_small += b->proc_sme_small;
        o->has_proc_sme |= b->has_proc_sme;
        int64_t kinds[YU_UK_COUNT];
        memcpy(kinds, o->unit_kinds, sizeof kinds);
        for (size_t i = 0; i < b->nmembers; i++) /* the names, then the counts (a stored budget may have no names) */
            if (yu_budget_add_member(o, b->members[i].name, b->members[i].kind))
                goto oom;
        for (int k = 0; k < YU_UK_COUNT; k++)
            o->unit_kinds[k] = kinds[k] + b->unit_kinds[k];
        o->has_units |= b->has_units;
        o->perf_units += b->perf_units;
        o->perf_projects += b->perf_projects;
        o->perf_funds += b->perf_funds;
        o->has_perf |= b->has_perf;
        perf_declared |= b->has_perf && !b->perf_computed;
        o->has_purchases |= b->has_purchases;
        if (b->assets_date > o->assets_date)
            o->assets_date = b->assets_date; /* the latest count */
        for (size_t i = 0; i < b->nprojects; i++) {
            yu_project p = b->projects[i];
            char *id = NULL;
            if (nunits > 1) {
                size_t len = strlen(nodes[u].code) + strlen(p.id) + 2;
                id = malloc(len);
                if (!id)
                    goto oom;
                snprintf(id, len, "%s:%s", nodes[u].code, p.id);
                p.id = id;
            }
            yu_status st = yu_budget_add_project(o, &p);
            free(id);
            if (st)
                goto oom;
        }
        for (size_t i = 0; i < b->nindicators; i++) {
            yu_indicator x = b->indicators[i];
            x.project += poff;
            if (yu_budget_add_indicator(o, &x))
                goto oom;
        }
        for (size_t i = 0; i < b->nassets; i++) {
            size_t k;
            for (k = 0; k < o->nassets; k++)
                if (!strcmp(o->assets[k].category, b->assets[i].category) &&
                    !strcmp(o->assets[k].name, b->assets[i].name))
                    break;
            if (k < o->nassets)
                o->assets[k].count += b->assets[i].count;
            else if (yu_budget_add_asset(o, b->assets[i].category, b->assets[i].name, b->assets[i].count))
                goto oom;
            o->assets[k].purchase += b->assets[i].purchase;
        }
        for (size_t i = 0; i < b->nlines; i++) {
            yu_line l = b->lines[i];
            if (red[u] && red[u][i]) {
                l.amount -= red[u][i];
                if (!l.amount)
                    continue; /* eliminated whole */
            }
            if (l.project >= 0)
                l.project += poff;
            all[na++] = mrec_of(&l);
        }
        if (prior_collect(b, nodes[u].final_prev, &pv, &npv, &cappv))
            goto oom;
    }
    o->perf_computed = o->has_perf && !perf_declared; /* counted from the projects in every unit */
    o->funds[YU_F_SHANGJI] -= down_elim;
    o->funds[YU_F_FUSHU] -= up_elim;
    if (prior_set(o, pv, npv))
        goto oom;

    /* line items merged by key (by func, type, source, econ, project, jijian), written back into the same array,
       which becomes the consolidated budget's */
    if (!(all = radix_sort(all, na)))
        goto oom;
    size_t nm = 0;
    for (size_t i = 0; i < na;) {
        mrec r = all[i++];
        while (i < na && all[i].hi == r.hi && all[i].lo == r.lo)
            r.amount += all[i++].amount;
        yu_line l = line_of(&r);
        memcpy((unsigned char *)all + nm++ * sizeof l, &l, sizeof l);
    }
    free(o->lines);
    o->lines = (yu_line *)(void *)all;
    o->nlines = nm;
    o->cap_lines = na ? na : 1;
    all = NULL;

    /* input unit: 万元 when every amount is a whole 0.01 万元 */
    int wan = 1;
    for (int f = 0; f < YU_F_COUNT && wan; f++)
        wan = o->funds[f] % 10000 == 0;
    for (size_t i = 0; i < o->nlines && wan; i++)
        wan = o->lines[i].amount % 10000 == 0;
    for (size_t i = 0; i < o->nprior && wan; i++)
        wan = o->prior[i].executed % 10000 == 0 && o->prior[i].executed_ex % 10000 == 0;
    for (int k = 0; k < YU_SG_COUNT && wan; k++)
        wan = o->sangong[k] % 10000 == 0 && o->sangong_prior[k] % 10000 == 0;
    for (int k = 0; k < YU_P_COUNT && wan; k++)
        wan = o->procurement[k] % 10000 == 0;
    o->input_scale = wan ? YU_FEN_PER_WAN : YU_FEN_PER_YUAN;

    for (size_t i = 0; i < n; i++)
        free(red[i]);
    free(red);
    free(all);
    free(pv);
    free(cst);
    free(cls);
    free(cnx);
    yu_status st = yu_budget_check_balance(o, err);
    if (st) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        yu_error_set(err, st, o->code, 0, 0, "the consolidated budget of %s does not balance "
                     "(one of its units' budgets does not): %s", o->code, msg);
        yu_budget_free(o);
        return st;
    }
    *out = o;
    return YU_OK;
oom:
    if (red)
        for (size_t i = 0; i < n; i++)
            free(red[i]);
    free(red);
    free(all);
    free(pv);
    free(cst);
    free(cls);
    free(cnx);
    yu_budget_free(o);
    return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ===================================================== every node, one pass */


uint64_t yu__mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* malloc for big arrays: pages come as they are touched; ask for huge pages
 * (page faults and zeroing of gigabytes dominate otherwise) */
void *yu__big_alloc(size_t bytes)
{
    void *p = malloc(bytes ? bytes : 1);
#ifdef MADV_HUGEPAGE
    if (p && bytes >= ((size_t)4 << 20)) {
        uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
        uintptr_t e = ((uintptr_t)p + bytes) & ~(uintptr_t)4095;
        if (e > a)
            madvise((void *)a, e - a, MADV_HUGEPAGE);
    }
#endif
    return p;
}

yu_admin *yu_admin_new(void)
{
    return calloc(1, sizeof(yu_admin));
}

void yu_admin_free(yu_admin *a)
{
    if (!a)
        return;
    free(a->keys);
    free(a->kclass);
    free(a->kpack);
    free(a->khash);
    free(a->chash);
    if (a->map) { /* a year segment: the arrays are the mapping's */
        free(a->code);
        free(a->name);
        munmap(a->map, a->map_bytes);
        free(a);
        return;
    }
    for (size_t i = 0; i < a->n; i++) {
        free(a->code[i]);
        free(a->name[i]);
    }
    free(a->code);
    free(a->name);
    free(a->parent);
    free(a->has_budget);
    free(a->lstart);
    free(a->lcount);
    free(a->funds);
    free(a->sangong);
    free(a->proc);
    free(a->lkey);
    free(a->lamt);
    free(a);
}

yu_status yu_admin_reserve(yu_admin *a, size_t nlines)
{
    if (nlines <= a->capl)
        return YU_OK;
    if (a->map)
        return YU_EUSAGE;
    uint32_t *k = yu__big_alloc(nlines * sizeof *k);
    yu_money *m = yu__big_alloc(nlines * sizeof *m);
    if (!k || !m) {
        free(k);
        free(m);
        return YU_ENOMEM;
    }
    if (a->nl) {
        memcpy(k, a->lkey, a->nl * sizeof *k);
        memcpy(m, a->lamt, a->nl * sizeof *m);
    }
    free(a->lkey);
    free(a->lamt);
    a->lkey = k;
    a->lamt = m;
    a->capl = nlines;
    return YU_OK;
}

size_t yu_admin_nodes(const yu_admin *a) { return a->n; }
size_t yu_admin_lines(const yu_admin *a) { return a->nl; }
const char *yu_admin_code(const yu_admin *a, int32_t node)
{
    return node >= 0 && (size_t)node < a->n ? a->code[node] : NULL;
}

int32_t yu_admin_parent(const yu_admin *a, int32_t node)
{
    return node >= 0 && (size_t)node < a->n ? a->parent[node] : -1;
}

int32_t yu_admin_find(const yu_admin *a, const char *code)
{
    if (!a->chash)
        return -1;
    for (size_t h = str_hash(code) & a->cmask;; h = (h + 1) & a->cmask) {
        int32_t k = a->chash[h];
        if (!k)
            return -1;
        if (!strcmp(a->code[k - 1], code))
            return k - 1;
    }
}

static int chash_put(yu_admin *a, int32_t i)
{
    if ((size_t)(i + 1) * 2 > a->cmask) {
        size_t ns = a->cmask ? (a->cmask + 1) * 2 : 1024;
        int32_t *nh = calloc(ns, sizeof *nh);
        if (!nh)
            return -1;
        free(a->chash);
        a->chash = nh;
        a->cmask = ns - 1;
        for (int32_t k = 0; k < i; k++) {
            size_t h = str_hash(a->code[k]) & a->cmask;
            while (a->chash[h])
                h = (h + 1) & a->cmask;
            a->chash[h] = k + 1;
        }
    }
    size_t h = str_hash(a->code[i]) & a->cmask;
    while (a->chash[h])
        h = (h + 1) & a->cmask;
    a->chash[h] = i + 1;
    return 0;
}

int yu__admin_index_codes(yu_admin *a)
{
    size_t ns = 1024;
    while ((a->n + 1) * 2 > ns - 1)
        ns *= 2;
    int32_t *h = calloc(ns, sizeof *h);
    if (!h)
        return -1;
    free(a->chash);
    a->chash = h;
    a->cmask = ns - 1;
    for (size_t i = 0; i < a->n; i++)
        if (chash_put(a, (int32_t)i)) /* room enough: never grows */
            return -1;
    return 0;
}

#define GROWN(ptr, nc) do { void *p_ = realloc((ptr), (nc) * sizeof *(ptr)); if (!p_) return -1; (ptr) = p_; } while (0)

int32_t yu_admin_add_node(yu_admin *a, const char *code, const char *name, int32_t parent)
{
    if (parent < -1 || (parent >= 0 && (size_t)parent >= a->n) || !code || a->n >= 0x7ffffff0u || a->map)
        return -1;
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 256;
        GROWN(a->code, nc);
        GROWN(a->name, nc);
        GROWN(a->parent, nc);
        GROWN(a->has_budget, nc);
        GROWN(a->lstart, nc);
        GROWN(a->lcount, nc);
        GROWN(a->funds, nc * YU_F_COUNT);
        GROWN(a->sangong, nc * YU_SG_COUNT);
        GROWN(a->proc, nc * YU_P_COUNT);
        a->cap = nc;
    }
    size_t i = a->n;
    a->code[i] = yu_strdup(code);
    a->name[i] = yu_strdup(name ? name : "");
    if (!a->code[i] || !a->name[i]) {
        free(a->code[i]);
        free(a->name[i]);
        return -1;
    }
    a->parent[i] = parent;
    a->has_budget[i] = 0;
    a->lstart[i] = 0;
    a->lcount[i] = 0;
    memset(&a->funds[i * YU_F_COUNT], 0, YU_F_COUNT * sizeof *a->funds);
    memset(&a->sangong[i * YU_SG_COUNT], 0, YU_SG_COUNT * sizeof *a->sangong);
    memset(&a->proc[i * YU_P_COUNT], 0, YU_P_COUNT * sizeof *a->proc);
    a->n++;
    if (chash_put(a, (int32_t)i)) {
        a->n--;
        free(a->code[i]);
        free(a->name[i]);
        return -1;
    }
    return (int32_t)i;
}

uint64_t yu__admin_pack_key(uint32_t func, uint32_t econ, unsigned type, unsigned source, unsigned jijian)
{
    return (uint64_t)func | (uint64_t)econ << 24 | (uint64_t)type << 44 | (uint64_t)source << 48 |
           (uint64_t)jijian << 52;
}

uint32_t yu__admin_key_id(yu_admin *a, uint64_t pk, uint32_t func, uint32_t econ, unsigned type,
                       unsigned source, unsigned jijian)
{
    if (a->khash) {
        for (size_t h = yu__mix64(pk) & a->kmask;; h = (h + 1) & a->kmask) {
            uint32_t k = a->khash[h];
            if (!k)
                break;
            if (a->kpack[k - 1] == pk)
                return k - 1;
        }
    }
    if (a->nkeys == a->capk) {
        size_t nc = a->capk ? a->capk * 2 : 1024;
        yu_cube_key *nk = realloc(a->keys, nc * sizeof *nk);
        if (!nk)
            return UINT32_MAX;
        a->keys = nk;
        uint8_t *ncl = realloc(a->kclass, nc);
        if (!ncl)
            return UINT32_MAX;
        a->kclass = ncl;
        uint64_t *np = realloc(a->kpack, nc * sizeof *np);
        if (!np)
            return UINT32_MAX;
        a->kpack = np;
        a->capk = nc;
    }
    if ((a->nkeys + 1) * 2 > a->kmask) {
        size_t ns = a->kmask ? (a->kmask + 1) * 2 : 4096;
        uint32_t *nh = calloc(ns, sizeof *nh);
        if (!nh)
            return UINT32_MAX;
        free(a->khash);
        a->khash = nh;
        a->kmask = ns - 1;
        for (size_t k = 0; k < a->nkeys; k++) {
            size_t h = yu__mix64(a->kpack[k]) & a->kmask;
            while (a->khash[h])
                h = (h + 1) & a->kmask;
            a->khash[h] = (uint32_t)k + 1;
        }
    }
    uint32_t id = (uint32_t)a->nkeys++;
    yu_cube_key *k = &a->keys[id];
    k->func = func;
    k->econ = econ;
    k->type = (uint8_t)type;
    k->source = (uint8_t)source;
    k->jijian = (uint8_t)jijian;
    k->pad_ = 0;
    a->kpack[id] = pk;
    a->kclass[id] = type == YU_T_FUSHU && !yu_source_is_fiscal(source) ? 1
                    : type == YU_T_SHANGJIAO && !yu_source_is_fiscal(source) ? 2 : 0;
    size_t h = yu__mix64(pk) & a->kmask;
    while (a->khash[h])
        h = (h + 1) & a->kmask;
    a->khash[h] = id + 1;
    return id;
}

yu_status yu_admin_add_budget(yu_admin *a, int32_t node, const yu_budget *b)
{
    if (node < 0 || (size_t)node >= a->n || a->has_budget[node] || a->map)
        return YU_EUSAGE;
    size_t add = b->nlines + 2 * b->nprior;
    if (add > 0xffffffffu)
        return YU_ELIMIT;
    /* the consolidated sums add these amounts: all of them together must fit */
    yu_money sum = a->sum;
    const char *what;
    long where;
    if (yu_budget_money_sum(b, &sum, &what, &where))
        return YU_ELIMIT;
    if (a->nl + add > a->capl) {
        size_t nc = a->capl ? a->capl : 4096;
        while (nc < a->nl + add)
            nc *= 2;
        if (yu_admin_reserve(a, nc))
            return YU_ENOMEM;
    }
    size_t at = a->nl;
    /* consecutive lines often share a key: remember the last one */
    uint64_t lastpk = UINT64_MAX;
    uint32_t lastid = 0;
    for (size_t i = 0; i < b->nlines; i++) {
        const yu_line *l = &b->lines[i];
        uint64_t pk = yu__admin_pack_key(l->func, l->econ, l->type, l->source, l->jijian);
        uint32_t id = pk == lastpk ? lastid : yu__admin_key_id(a, pk, l->func, l->econ, l->type, l->source, l->jijian);
        if (id == UINT32_MAX)
            return YU_ENOMEM;
        lastpk = pk;
        lastid = id;
        a->lkey[at] = id;
        a->lamt[at++] = l->amount;
    }
    for (size_t i = 0; i < b->nprior; i++) {
        const yu_prior *p = &b->prior[i];
        uint32_t id = yu__admin_key_id(a, yu__admin_pack_key(p->func, 0, YU_CUBE_PRIOR, 0, 0), p->func, 0, YU_CUBE_PRIOR, 0, 0);
        uint32_t idx = yu__admin_key_id(a, yu__admin_pack_key(p->func, 0, YU_CUBE_PRIOR_EX, 0, 0), p->func, 0, YU_CUBE_PRIOR_EX, 0, 0);
        if (id == UINT32_MAX || idx == UINT32_MAX)
            return YU_ENOMEM;
        a->lkey[at] = id;
        a->lamt[at++] = p->executed;
        a->lkey[at] = idx;
        a->lamt[at++] = p->executed_ex;
    }
    a->lstart[node] = a->nl;
    a->lcount[node] = (uint32_t)add;
    a->nl = at;
    a->has_budget[node] = 1;
    a->sum = sum;
    memcpy(&a->funds[(size_t)node * YU_F_COUNT], b->funds, sizeof b->funds);
    memcpy(&a->sangong[(size_t)node * YU_SG_COUNT], b->sangong, sizeof b->sangong);
    memcpy(&a->proc[(size_t)node * YU_P_COUNT], b->procurement, sizeof b->procurement);
    return YU_OK;
}

/* ---- the pass ----
 *
 * The tree is cut into tasks: subtrees of at most 1/128 of the items (or
 * single nodes with no children), and the "spine" above them.  Worker threads
 * take tasks in turn; each walks its subtree depth first with one dense
 * accumulator per depth, so every line item is added once, into the
 * accumulator of its own node, and a closing node adds its touched keys into
 * its parent's accumulator.  The spine nodes are then closed in reverse
 * preorder from their children's cells.  Each task writes its cells into its
 * own region of the output (sized by an upper bound), so threads share
 * nothing but the read-only admin. */

typedef struct level {
    yu_money *acc;      /* by key id, valid where stamp == tag */
    uint32_t *stamp;    /* node index + 1 that last touched the key */
    uint32_t *touched;  /* key ids touched by this node */
    size_t nt;
    yu_money A;         /* own 对附属单位补助支出 (非财政) */
    yu_money Bsum;      /* children's 上级补助收入 */
    yu_money Usum;      /* children's 上缴上级支出 (非财政) */
} level;

static inline void lv_add(level *L, uint32_t tag, uint32_t k, yu_money v)
{
    if (L->stamp[k] != tag) {
        L->stamp[k] = tag;
        L->acc[k] = v;
        L->touched[L->nt++] = k;
    } else
        L->acc[k] += v;
}

void yu_cube_free(yu_cube *c)
{
    if (!c)
        return;
    free(c->start);
    free(c->count);
    free(c->cell_key);
    free(c->cell_val);
    free(c->funds);
    free(c->sangong);
    free(c->procurement);
    free(c->elim);
    free(c);
}

typedef struct pass {
    const yu_admin *a;
    yu_cube *c;
    int elim;
    size_t nk;
    const uint32_t *cstart, *clist; /* children (CSR) */
    yu_money *ownU;                 /* per node: own 上缴上级支出 (非财政) */
    int failed;                     /* a worker ran out of memory */
} pass;

typedef struct worker {
    pass *P;
    int32_t *tasks;  /* its task roots */
    size_t ntasks;
    uint64_t at;     /* where its cells go: its region of the output */
    uint64_t load;   /* items of its tasks */
    level *lv;
    size_t nlv;
    int32_t *stack;
    uint32_t *next;
    size_t cap; /* stack capacity */
} worker;

static void levels_free(worker *w)
{
    for (size_t i = 0; i < w->nlv; i++) {
        free(w->lv[i].acc);
        free(w->lv[i].stamp);
        free(w->lv[i].touched);
    }
    free(w->lv);
    free(w->stack);
    free(w->next);
    w->lv = NULL;
    w->nlv = 0;
}

static int level_at(worker *w, size_t d)
{
    if (d < w->nlv)
        return 0;
    level *nl = realloc(w->lv, (d + 1) * sizeof *nl);
    if (!nl)
        return -1;
    w->lv = nl;
    for (; w->nlv <= d; w->nlv++) {
        level *L = &w->lv[w->nlv];
        memset(L, 0, sizeof *L);
        L->acc = malloc(w->P->nk * sizeof *L->acc);
        L->stamp = calloc(w->P->nk, sizeof *L->stamp);
        L->touched = malloc(w->P->nk * sizeof *L->touched);
        if (!L->acc || !L->stamp || !L->touched) {
            w->nlv++;
            return -1;
        }
    }
    return 0;
}

/* Adds x's own line items into L; returns the sums of its transfer lines. */
static void own_items(const yu_admin *a, int32_t x, level *L, yu_money *A, yu_money *U)
{
    uint32_t tag = (uint32_t)x + 1;
    const uint32_t *lkey = a->lkey;
    const yu_money *lamt = a->lamt;
    const uint8_t *kclass = a->kclass;
    yu_money sa = 0, su = 0;
    for (size_t i = a->lstart[x], e = i + a->lcount[x]; i < e; i++) {
        uint32_t k = lkey[i];
        yu_money v = lamt[i];
        lv_add(L, tag, k, v);
        uint8_t cl = kclass[k];
        if (cl) {
            if (cl == 1)
                sa += v;
            else
                su += v;
        }
    }
    *A = sa;
    *U = su;
}

/* The eliminations of x (all its children closed): negative amounts in L. */
static void eliminate(pass *P, int32_t x, level *L)
{
    const yu_admin *a = P->a;
    yu_cube *c = P->c;
    if (!P->elim || !a->has_budget[x] || P->cstart[x + 1] == P->cstart[x])
        return;
    uint32_t tag = (uint32_t)x + 1;
    const uint32_t *lkey = a->lkey;
    const yu_money *lamt = a->lamt;
    const uint8_t *kclass = a->kclass;
    yu_money *fx = &c->funds[(size_t)x * YU_F_COUNT];
    yu_money B = L->Bsum, E = L->A < B ? L->A : B;
    yu_money R = a->funds[(size_t)x * YU_F_COUNT + YU_F_FUSHU], E2 = L->Usum < R ? L->Usum : R;
    if (E > 0) { /* x's own 对附属单位补助支出, in line order */
        yu_money rem = E;
        for (size_t i = a->lstart[x], e = i + a->lcount[x]; i < e && rem > 0; i++)
            if (kclass[lkey[i]] == 1) {
                yu_money r = lamt[i] < rem ? lamt[i] : rem;
                lv_add(L, tag, lkey[i], -r);
                rem -= r;
            }
        fx[YU_F_SHANGJI] -= E;
    }
    if (E2 > 0) { /* the children's 上缴上级支出, children and lines in order */
        yu_money rem = E2;
        for (uint32_t ci = P->cstart[x]; ci < P->cstart[x + 1] && rem > 0; ci++) {
            uint32_t ch = P->clist[ci];
            if (!a->has_budget[ch])
                continue;
            for (size_t i = a->lstart[ch], e = i + a->lcount[ch]; i < e && rem > 0; i++)
                if (kclass[lkey[i]] == 2) {
                    yu_money r = lamt[i] < rem ? lamt[i] : rem;
                    lv_add(L, tag, lkey[i], -r);
                    rem -= r;
                }
        }
        fx[YU_F_FUSHU] -= E2;
    }
    c->elim[(size_t)x * 2] += E;
    c->elim[(size_t)x * 2 + 1] += E2;
}

/* Rolls x's totals (funds, 三公, procurement, eliminations) into its parent p. */
static void roll_up(pass *P, int32_t x, int32_t p, level *PL, yu_money ownU)
{
    const yu_admin *a = P->a;
    yu_cube *c = P->c;
    for (int f = 0; f < YU_F_COUNT; f++)
        c->funds[(size_t)p * YU_F_COUNT + f] += c->funds[(size_t)x * YU_F_COUNT + f];
    for (int k = 0; k < YU_SG_COUNT; k++)
        c->sangong[(size_t)p * YU_SG_COUNT + k] += c->sangong[(size_t)x * YU_SG_COUNT + k];
    for (int k = 0; k < YU_P_COUNT; k++)
        c->procurement[(size_t)p * YU_P_COUNT + k] += c->procurement[(size_t)x * YU_P_COUNT + k];
    c->elim[(size_t)p * 2] += c->elim[(size_t)x * 2];
    c->elim[(size_t)p * 2 + 1] += c->elim[(size_t)x * 2 + 1];
    if (a->has_budget[x]) {
        PL->Bsum += a->funds[(size_t)x * YU_F_COUNT + YU_F_SHANGJI];
        PL->Usum += ownU;
    }
}

/* Consolidates the subtree of `root`, writing cells from w->at on. */
static int run_task(worker *w, int32_t root)
{
    uint64_t pos = w->at;
    pass *P = w->P;
    const yu_admin *a = P->a;
    yu_cube *c = P->c;
    size_t d = 0;
    w->stack[0] = root;
    int opening = 1;
    for (;;) {
        int32_t x = w->stack[d];
        if (opening) {
            if (level_at(w, d))
                return -1;
            level *L = &w->lv[d];
            L->nt = 0;
            L->Bsum = L->Usum = 0;
            own_items(a, x, L, &L->A, &P->ownU[x]);
            w->next[d] = P->cstart[x];
        }
        if (w->next[d] < P->cstart[x + 1]) { /* the next child */
            if (d + 1 >= w->cap)
                return -1; /* cannot happen: cap is the tree's size */
            int32_t ch = (int32_t)P->clist[w->next[d]++];
            w->stack[++d] = ch;
            opening = 1;
            continue;
        }
        level *L = &w->lv[d];
        eliminate(P, x, L);
        /* emit x's cells; add them to the parent's level */
        c->start[x] = pos;
        c->count[x] = (uint32_t)L->nt;
        uint32_t *ck = c->cell_key + pos;
        yu_money *cv = c->cell_val + pos;
        const uint32_t *t = L->touched;
        const yu_money *acc = L->acc;
        if (d > 0) {
            level *PL = &w->lv[d - 1];
            int32_t p = w->stack[d - 1];
            uint32_t ptag = (uint32_t)p + 1;
            for (size_t j = 0; j < L->nt; j++) {
                uint32_t k = t[j];
                yu_money v = acc[k];
                ck[j] = k;
                cv[j] = v;
                lv_add(PL, ptag, k, v);
            }
            roll_up(P, x, p, PL, P->ownU[x]);
        } else
            for (size_t j = 0; j < L->nt; j++) {
                ck[j] = t[j];
                cv[j] = acc[t[j]];
            }
        pos += L->nt;
        if (d == 0) {
            w->at = pos;
            return 0;
        }
        d--;
        opening = 0;
    }
}

static void *work(void *arg)
{
    worker *w = arg;
    for (size_t t = 0; t < w->ntasks; t++)
        if (run_task(w, w->tasks[t])) {
            w->P->failed = 1; /* read after the join */
            break;
        }
    return NULL;
}

typedef struct task_size {
    uint64_t items;
    int32_t node;
} task_size;

static int cmp_task(const void *x, const void *y)
{
    const task_size *a = x, *b = y;
    if (a->items != b->items)
        return a->items > b->items ? -1 : 1;
    return (a->node > b->node) - (a->node < b->node);
}

static int threads_wanted(size_t items, unsigned flags)
{
    long n = YU_CUBE_THREADS_OF(flags);
    if (!n)
        n = items < ((size_t)1 << 20) ? 1 : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > 16)
        n = 16;
    return (int)n;
}

yu_status yu_admin_consolidate(const yu_admin *a, unsigned flags, yu_cube **out, yu_error *err)
{
    yu_error_clear(err);
    *out = NULL;
    size_t n = a->n, nk = a->nkeys ? a->nkeys : 1, n1 = n ? n : 1;
    yu_cube *c = calloc(1, sizeof *c);
    uint32_t *cstart = calloc(n + 1, sizeof *cstart), *clist = malloc(n1 * sizeof *clist);
    uint32_t *nx = malloc(n1 * sizeof *nx);
    uint64_t *sub = calloc(n1, sizeof *sub), *subcap = calloc(n1, sizeof *subcap), *toff = NULL;
    int32_t *tasks = malloc(n1 * sizeof *tasks), *spine = malloc(n1 * sizeof *spine), *stk = malloc(n1 * sizeof *stk);
    yu_money *ownU = calloc(n1, sizeof *ownU);
    worker *ws = NULL;
    int nthreads = 0;
    pass P;
    memset(&P, 0, sizeof P);
    if (!c || !cstart || !clist || !nx || !sub || !subcap || !tasks || !spine || !stk || !ownU)
        goto oom;
    c->nnodes = n;
    c->nkeys = a->nkeys;
    c->keys = a->keys;
    c->start = calloc(n1, sizeof *c->start);
    c->count = calloc(n1, sizeof *c->count);
    c->funds = malloc(n1 * YU_F_COUNT * sizeof *c->funds);
    c->sangong = malloc(n1 * YU_SG_COUNT * sizeof *c->sangong);
    c->procurement = malloc(n1 * YU_P_COUNT * sizeof *c->procurement);
    c->elim = calloc(n1 * 2, sizeof *c->elim);
    if (!c->start || !c->count || !c->funds || !c->sangong || !c->procurement || !c->elim)
        goto oom;
    if (n) {
        memcpy(c->funds, a->funds, n * YU_F_COUNT * sizeof *c->funds);
        memcpy(c->sangong, a->sangong, n * YU_SG_COUNT * sizeof *c->sangong);
        memcpy(c->procurement, a->proc, n * YU_P_COUNT * sizeof *c->procurement);
    }
    /* children lists (CSR), in node order */
    for (size_t i = 0; i < n; i++)
        if (a->parent[i] >= 0)
            cstart[a->parent[i] + 1]++;
    for (size_t i = 0; i < n; i++)
        cstart[i + 1] += cstart[i];
    for (size_t i = 0; i < n; i++)
        nx[i] = cstart[i];
    for (size_t i = 0; i < n; i++)
        if (a->parent[i] >= 0)
            clist[nx[a->parent[i]]++] = (uint32_t)i;
    /* items and cell capacity of every subtree (parents have smaller indexes) */
    for (size_t i = n; i-- > 0;) {
        sub[i] += a->lcount[i];
        uint64_t cap = sub[i] < nk ? sub[i] : nk;
        subcap[i] += cap;
        if (a->parent[i] >= 0) {
            sub[a->parent[i]] += sub[i];
            subcap[a->parent[i]] += subcap[i];
        }
    }
    /* tasks and spine, in preorder */
    uint64_t target = a->nl / 128 + 1;
    size_t ntasks = 0, nspine = 0, sp = 0;
    for (size_t r = n; r-- > 0;)
        if (a->parent[r] < 0)
            stk[sp++] = (int32_t)r;
    while (sp) {
        int32_t x = stk[--sp];
        if (sub[x] <= target || cstart[x + 1] == cstart[x])
            tasks[ntasks++] = x;
        else {
            spine[nspine++] = x;
            for (uint32_t ci = cstart[x + 1]; ci > cstart[x]; ci--)
                stk[sp++] = (int32_t)clist[ci - 1];
        }
    }
    /* tasks to threads, largest first to the least loaded (items); each thread writes its
     * tasks one after the other into its own region, sized by their upper bounds */
    P.a = a;
    P.c = c;
    P.elim = !(flags & YU_CUBE_NO_ELIM);
    P.nk = nk;
    P.cstart = cstart;
    P.clist = clist;
    P.ownU = ownU;
    nthreads = threads_wanted(a->nl, flags);
    if ((size_t)nthreads > ntasks)
        nthreads = ntasks ? (int)ntasks : 1;
    ws = calloc((size_t)nthreads, sizeof *ws);
    if (!ws)
        goto oom;
    task_size *ts = malloc((ntasks ? ntasks : 1) * sizeof *ts);
    if (!ts)
        goto oom;
    for (size_t t = 0; t < ntasks; t++) {
        ts[t].items = sub[tasks[t]];
        ts[t].node = tasks[t];
    }
    qsort(ts, ntasks, sizeof *ts, cmp_task);
    for (size_t t = 0; t < ntasks; t++)
        tasks[t] = ts[t].node;
    free(ts);
    uint64_t *bound = calloc((size_t)nthreads, sizeof *bound);
    toff = malloc((ntasks ? ntasks : 1) * sizeof *toff); /* the thread of each task */
    if (!bound || !toff) {
        free(bound);
        goto oom;
    }
    for (size_t t = 0; t < ntasks; t++) {
        int best = 0;
        for (int k = 1; k < nthreads; k++)
            if (ws[k].load < ws[best].load)
                best = k;
        ws[best].load += sub[tasks[t]] + 1;
        bound[best] += subcap[tasks[t]];
        ws[best].ntasks++;
        toff[t] = (uint64_t)best;
    }
    uint64_t capc = 0;
    for (int k = 0; k < nthreads; k++) {
        ws[k].P = &P;
        ws[k].at = capc;
        capc += bound[k];
        ws[k].tasks = malloc((ws[k].ntasks ? ws[k].ntasks : 1) * sizeof *ws[k].tasks);
        ws[k].ntasks = 0;
        ws[k].cap = n1 + 1;
        ws[k].stack = malloc(ws[k].cap * sizeof *ws[k].stack);
        ws[k].next = malloc(ws[k].cap * sizeof *ws[k].next);
        if (!ws[k].tasks || !ws[k].stack || !ws[k].next)
            P.failed = 1;
    }
    free(bound);
    for (size_t t = 0; t < ntasks && !P.failed; t++) {
        worker *w = &ws[toff[t]];
        w->tasks[w->ntasks++] = tasks[t];
    }
    uint64_t spine_at = capc;
    for (size_t i = 0; i < nspine; i++)
        capc += sub[spine[i]] < nk ? sub[spine[i]] : nk;
    c->cell_key = yu__big_alloc((capc + 1) * sizeof *c->cell_key);
    c->cell_val = yu__big_alloc((capc + 1) * sizeof *c->cell_val);
    if (!c->cell_key || !c->cell_val || P.failed)
        goto oom;

    /* the tasks, in parallel */
    pthread_t *th = calloc((size_t)nthreads, sizeof *th);
    if (!th)
        goto oom;
    int started = 0;
    for (int t = 1; t < nthreads; t++)
        if (pthread_create(&th[t], NULL, work, &ws[t]) == 0)
            started = t;
        else
            break;
    work(&ws[0]);
    for (int t = started + 1; t < nthreads; t++) /* threads that did not start: here */
        work(&ws[t]);
    for (int t = 1; t <= started; t++)
        pthread_join(th[t], NULL);
    free(th);
    if (P.failed)
        goto oom;

    /* the spine, children before parents */
    if (nspine && level_at(&ws[0], 0))
        goto oom;
    uint64_t pos = spine_at;
    level *L = nspine ? &ws[0].lv[0] : NULL;
    for (size_t i = nspine; i-- > 0;) {
        int32_t x = spine[i];
        uint32_t tag = (uint32_t)x + 1;
        L->nt = 0;
        L->Bsum = L->Usum = 0;
        own_items(a, x, L, &L->A, &ownU[x]);
        for (uint32_t ci = cstart[x]; ci < cstart[x + 1]; ci++) {
            uint32_t ch = clist[ci];
            const uint32_t *ck = c->cell_key + c->start[ch];
            const yu_money *cv = c->cell_val + c->start[ch];
            for (uint32_t j = 0; j < c->count[ch]; j++)
                lv_add(L, tag, ck[j], cv[j]);
            roll_up(&P, (int32_t)ch, x, L, ownU[ch]);
        }
        eliminate(&P, x, L);
        c->start[x] = pos;
        c->count[x] = (uint32_t)L->nt;
        for (size_t j = 0; j < L->nt; j++) {
            c->cell_key[pos + j] = L->touched[j];
            c->cell_val[pos + j] = L->acc[L->touched[j]];
        }
        pos += L->nt;
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += c->count[i];
    c->ncells = total;
    c->extent = pos;
    for (int t = 0; t < nthreads; t++) {
        levels_free(&ws[t]);
        free(ws[t].tasks);
    }
    free(ws);
    free(cstart);
    free(clist);
    free(nx);
    free(sub);
    free(subcap);
    free(tasks);
    free(spine);
    free(stk);
    free(ownU);
    free(toff);
    *out = c;
    return YU_OK;
oom:
    if (ws)
        for (int t = 0; t < nthreads; t++) {
            levels_free(&ws[t]);
            free(ws[t].tasks);
        }
    free(ws);
    free(cstart);
    free(clist);
    free(nx);
    free(sub);
    free(subcap);
    free(tasks);
    free(spine);
    free(stk);
    free(ownU);
    free(toff);
    yu_cube_free(c);
    return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
}
