/* Identities inferred from the structure the reader found (read.h).
 *
 * Within a table: a parent 科目 is the sum of its children (by code, or by
 * numbering and indentation where there are none), a 合计 row the sum of
 * the top rows, a 合计 column the sum of the columns it groups (which ones
 * is read from the header and confirmed by the figures), 增减 = this year −
 * last year and 增减率 = 增减 / last year, and in a two-sided table each
 * side's totals and 收入总计 = 支出总计.  Across tables: the same concept
 * (a total, a 科目 row, a kind of money) printed in two tables agrees.
 *
 * No false alarm is the first requirement.  Every identity kind of a table
 * is a family; a family whose instances mostly fail is a structure we did
 * not understand, not a document full of errors, and reports nothing.  A
 * difference within the rounding of the printed digits is a rounding
 * residue, never an error. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include "yusuan/read.h"
#include "yusuan/money.h"
#include "internal.h"
#include "rules_internal.h"
#include "gread_internal.h"

static const yu_rule_info RULES[] = {
    {"G-CODE-SUM", "a 科目 row equals the sum of the rows of its sub-codes (类 = Σ 款, 款 = Σ 项), column by column"},
    {"G-LEVEL-SUM", "a numbered or indented row equals the sum of the rows one level below it"},
    {"G-TOTAL-ROW", "a 合计/总计 row equals the sum of the table's top-level rows"},
    {"G-COL-SUM", "a 合计/小计 column equals the sum of the columns its header groups"},
    {"G-DIFF", "增减 = this year − last year; 增减率 = 增减 / last year"},
    {"G-SIDE", "two-sided table: 本年收入/支出合计 = Σ its lines; 收入/支出总计 = 本年合计 + the lines below it"},
    {"G-BALANCE", "two-sided table: 收入总计 = 支出总计"},
    {"X-SAME", "the same figure printed in two tables (a total, a kind of money, a 科目 row) agrees"},
};

const yu_rule_info *yu_infer_rules(size_t *n)
{
    *n = sizeof RULES / sizeof RULES[0];
    return RULES;
}

typedef struct fam {
    int held, failed;      /* instances: equal (or rounding), different */
    size_t first;          /* first finding of this family in the pending list */
} fam;

/* findings wait until their family is judged */
typedef struct pend {
    yu_findings f;
} pend;

/* a sum that failed: P's cell in column col is d off the sum of K */
typedef struct xfail {
    const yu_grow *P;
    size_t col;
    int64_t d;
    const yu_grow **K; /* a copy */
    int nk;
    size_t pi;         /* its finding in the pending list */
} xfail;

typedef struct ictx {
    const yu_gdoc *d;
    const yu_vocab *v;
    yu_findings *out;
    yu_findings pending;   /* errors of the current family */
    fam fm;
    int checked, held;     /* for the benchmark (all families) */
    int *unsure;           /* per table: failures of families not understood, or NULL */
    int fm_strong;         /* the family rests on printed codes or a printed total */
    size_t cur;            /* the table being checked */
    xfail xf[8];           /* the family's sums that failed (the first 8) */
    int nxf;
    size_t drop[8];        /* pending findings another explains */
    int ndrop;
} ictx;

static int64_t absv(int64_t x) { return x < 0 ? -x : x; }

static int add_ovf(int64_t a, int64_t b, int64_t *r) { return __builtin_add_overflow(a, b, r); }
static int mul_ovf(int64_t a, int64_t b, int64_t *r) { return __builtin_mul_overflow(a, b, r); }

/* appends a copy of a finding */
static void copy_finding(yu_findings *o, const yu_finding *f)
{
    if (o->n == o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 16;
        yu_finding *nf = realloc(o->f, nc * sizeof *nf);
        if (!nf)
            return;
        o->f = nf;
        o->cap = nc;
    }
    o->f[o->n++] = *f;
}



/* one unit of the last printed digit, in hundredths */
static int64_t last_unit(int dec) { return dec >= 2 ? 1 : dec == 1 ? 10 : 100; }

static int64_t cellv(const yu_gcell *c) { return c->kind == YU_GC_NUM ? c->v : 0; }
static int has(const yu_gcell *c) { return c->kind == YU_GC_NUM; }

static const char *row_label(const yu_grow *w, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s", w->code, w->name);
    return buf;
}

static const char *col_label(const yu_gtable *T, size_t c)
{
    const char *l = T->cols[c].leaf && *T->cols[c].leaf ? T->cols[c].leaf : T->cols[c].label;
    return l && *l ? l : "金额";
}

static void add(ictx *x, yu_findings *to, const char *rule, yu_severity sev, const yu_gtable *T, const yu_grow *w,
                const char *col, int64_t got, int64_t want, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 10, 11)))
#endif
    ;

static void add(ictx *x, yu_findings *to, const char *rule, yu_severity sev, const yu_gtable *T, const yu_grow *w,
                const char *col, int64_t got, int64_t want, const char *fmt, ...)
{
    char rb[128] = "";
    if (w)
        row_label(w, rb, sizeof rb);
    va_list ap;
    va_start(ap, fmt);
    yu_finding *f = yu_findings_vadd(to, rule, sev, T ? T->title : "", rb, col ? col : "", got, want, fmt, ap);
    va_end(ap);
    if (f && w) {
        f->page = w->page;
        f->line = w->line;
    } else if (f && T)
        f->page = T->page;
    (void)x;
}

/* money in the table's unit as printed: 1,234.56 */
static const char *fmt_num(int64_t v, char *buf, size_t n) { return yu_fmt_units(v, 2, YU_NUM_TABLE, buf, n); }

static void xf_clear(ictx *x)
{
    for (int i = 0; i < x->nxf; i++)
        free(x->xf[i].K);
    x->nxf = 0;
    x->ndrop = 0;
}

static void fam_begin(ictx *x)
{
    x->fm.held = x->fm.failed = 0;
    x->pending.n = 0;
    x->fm_strong = 0;
    xf_clear(x);
}

static int in_rows(const yu_grow *const *K, int nk, const yu_grow *P)
{
    for (int k = 0; k < nk; k++)
        if (K[k] == P)
            return 1;
    return 0;
}

/* One wrong figure fails every sum it is in: a total d too large fails its
 * own sum by d and its parent's by −d.  A failure that an earlier one of
 * the family explains so counts as held (the structure is understood) and
 * only the cell at fault is reported.  1: the failure (P, col, d) is
 * explained, report nothing */
static int explained(ictx *x, const yu_grow *P, size_t col, int64_t d, const yu_grow *const *K, int nk)
{
    for (int i = 0; i < x->nxf; i++) {
        xfail *e = &x->xf[i];
        if (e->col != col || d == INT64_MIN || e->d != -d || !e->P)
            continue;
        if (in_rows(K, nk, e->P)) {
            /* the earlier failure is a part of this sum: its cell is at fault */
            x->fm.failed--;
            x->fm.held++;
            return 1;
        }
        if (in_rows(e->K, e->nk, P) && x->ndrop < 8) {
            /* this cell is a part of the earlier failed sum: that one is explained */
            x->drop[x->ndrop++] = e->pi;
            e->P = NULL;
            x->fm.failed--;
            x->fm.held++;
            return 0;
        }
    }
    return 0;
}

static void xf_note(ictx *x, const yu_grow *P, size_t col, int64_t d, const yu_grow *const *K, int nk, size_t pi)
{
    if (x->nxf == 8)
        return;
    const yu_grow **k = malloc((size_t)(nk ? nk : 1) * sizeof *k);
    if (!k)
        return;
    memcpy(k, K, (size_t)nk * sizeof *k);
    x->xf[x->nxf++] = (xfail){P, col, d, k, nk, pi};
}

/* a family is judged: its errors are reported if most of it held */
static void fam_end(ictx *x)
{
    /* real errors are few: a family that fails more than one time in eight
     * (or more than once when small) is a structure not understood */
    int ok = x->fm.held >= 3 && x->fm.failed <= (x->fm.held / 8 > 1 ? x->fm.held / 8 : 1);
    /* a small family built on printed codes or a printed 合计 (a structure
     * the page states, not one inferred from indentation) may be judged on
     * two instances that held */
    if (!ok && x->fm.failed == 1 && x->fm.held >= 2 && x->fm_strong)
        ok = 1;
    if (!ok && x->unsure)
        x->unsure[x->cur] += x->fm.failed;
    for (size_t i = 0; i < x->pending.n; i++) {
        yu_finding *f = &x->pending.f[i];
        if (!ok && f->sev != YU_SEV_ROUNDING)
            continue;
        int dropped = 0;
        for (int k = 0; k < x->ndrop; k++)
            dropped |= x->drop[k] == i;
        if (!dropped)
            copy_finding(x->out, f);
    }
    x->pending.n = 0;
    xf_clear(x);
}

/* compares a printed total with the sum of its parts; decides the
 * severity; returns 1 when it holds (exactly or within rounding) */
static int judge(ictx *x, int64_t got, int64_t want, int nparts, int dec, yu_severity *sev)
{
    int64_t diff = absv(got - want);
    x->checked++;
    if (!diff) {
        x->fm.held++;
        x->held++;
        return 1;
    }
    int64_t tol = last_unit(dec) * ((nparts + 2) / 2);
    if (diff <= tol) {
        *sev = YU_SEV_ROUNDING;
        x->fm.held++;
        x->held++;
        return 0;
    }
    *sev = YU_SEV_ERROR;
    x->fm.failed++;
    return 0;
}

static int cell_dec(const yu_gcell *c) { return c->kind == YU_GC_NUM ? c->dec : 2; }

/* a column of money (not 行次, a count, a rate or a code) */
static int money_col(const yu_gtable *T, size_t c)
{
    const char *k = T->cols[c].concept;
    return !k || (strcmp(k, "lineno") && strcmp(k, "count") && strcmp(k, "rate") && strcmp(k, "code") && strcmp(k, "name"));
}

/* checks row P (a total) against rows K[0..nk) in every figure column */
static void check_rows(ictx *x, const char *rule, const yu_gtable *T, const yu_grow *P, const yu_grow *const *K, int nk,
                       const char *what)
{
    for (size_t c = 0; c < T->ncols; c++) {
        if ((T->twosided && T->cols[c].side != P->side) || !money_col(T, c))
            continue;
        int64_t sum = 0;
        int any = has(&P->cells[c]), dec = cell_dec(&P->cells[c]), ntext = 0;
        for (int k = 0; k < nk; k++) {
            const yu_gcell *y = &K[k]->cells[c];
            if (y->kind == YU_GC_TEXT || y->kind == YU_GC_PCT)
                ntext++;
            if (has(y)) {
                any = 1;
                if (add_ovf(sum, y->v, &sum))
                    return;
                if (y->dec < dec)
                    dec = y->dec;
            }
        }
        if (!any || ntext || P->cells[c].kind == YU_GC_TEXT || P->cells[c].kind == YU_GC_PCT)
            continue;
        int64_t got = cellv(&P->cells[c]);
        yu_severity sev = YU_SEV_ERROR;
        if (judge(x, got, sum, nk, dec, &sev))
            continue;
        char a[48], b[48], dd[48], rb[128];
        if (!has(&P->cells[c]) && sev == YU_SEV_ERROR && !strcmp(rule, "G-LEVEL-SUM") && !P->number) {
            /* a blank row over indented rows: more often a name wrapped
             * onto a line of its own than a total left out */
            x->fm.failed--;
            x->fm.held++;
            continue;
        }
        if (!has(&P->cells[c]) && sev == YU_SEV_ERROR) {
            add(x, &x->pending, rule, YU_SEV_MISSING, T, P, col_label(T, c), got, sum,
                "《%s》第%d页“%s”行“%s”列为空，按%s之和应为%s。", T->title, P->page, row_label(P, rb, sizeof rb),
                col_label(T, c), what, fmt_num(sum, b, sizeof b));
            continue;
        }
        if (sev == YU_SEV_ERROR && explained(x, P, c, got - sum, K, nk))
            continue;
        size_t pi = x->pending.n;
        add(x, &x->pending, rule, sev, T, P, col_label(T, c), got, sum,
            "《%s》第%d页“%s”行“%s”列为%s，%s之和为%s，相差%s%s。", T->title, P->page, row_label(P, rb, sizeof rb),
            col_label(T, c), fmt_num(got, a, sizeof a), what, fmt_num(sum, b, sizeof b),
            fmt_num(absv(got - sum), dd, sizeof dd), T->unit_text ? T->unit_text : "");
        if (sev == YU_SEV_ERROR)
            xf_note(x, P, c, got - sum, K, nk, pi);
    }
}

/* ---- rows: codes, levels, totals ---- */

static void code_sums(ictx *x, const yu_gtable *T, int side)
{
    const yu_grow **K = malloc((T->nrows + 1) * sizeof *K);
    if (!K)
        return;
    fam_begin(x);
    x->fm_strong = 1;
    for (size_t i = 0; i < T->nrows; i++) {
        const yu_grow *P = &T->rows[i];
        size_t pl = strlen(P->code);
        if (!pl || P->side != side)
            continue;
        /* the children: codes one level longer with this prefix */
        size_t cl = 0;
        int nk = 0;
        for (size_t j = 0; j < T->nrows; j++) {
            const yu_grow *Q = &T->rows[j];
            size_t ql = strlen(Q->code);
            if (Q->side != side || ql <= pl || strncmp(Q->code, P->code, pl))
                continue;
            if (!cl || ql < cl)
                cl = ql;
        }
        for (size_t j = 0; j < T->nrows && cl; j++) {
            const yu_grow *Q = &T->rows[j];
            if (Q->side == side && strlen(Q->code) == cl && !strncmp(Q->code, P->code, pl))
                K[nk++] = Q;
        }
        if (nk)
            check_rows(x, "G-CODE-SUM", T, P, K, nk, "其下级科目");
    }
    fam_end(x);
    free(K);
}

static void level_sums(ictx *x, const yu_gtable *T, int side)
{
    const yu_grow **K = malloc((T->nrows + 1) * sizeof *K);
    if (!K)
        return;
    fam_begin(x);
    for (size_t i = 0; i < T->nrows; i++) {
        const yu_grow *P = &T->rows[i];
        if (P->side != side || P->code[0] || P->level <= 0 || (P->concept && !P->number))
            continue; /* (a group row 货物/服务 has level 0: the rows after it are not its children by indentation) */
        int nk = 0, child = -1;
        for (size_t j = i + 1; j < T->nrows; j++) {
            const yu_grow *Q = &T->rows[j];
            if (Q->side != side)
                continue;
            if (Q->level <= P->level || (Q->concept && !Q->number))
                break;
            if (child < 0)
                child = Q->level;
            if (Q->level == child && !Q->code[0])
                K[nk++] = Q;
        }
        if (nk)
            check_rows(x, "G-LEVEL-SUM", T, P, K, nk, "其下级各行");
    }
    fam_end(x);
    free(K);
}

/* the top rows of a side: the lowest level present among rows that are not totals */
static int top_rows(const yu_gtable *T, int side, size_t from, size_t to, const yu_grow **K)
{
    int top = 1 << 30, nk = 0;
    for (size_t j = from; j < to; j++)
        if (T->rows[j].side == side && !T->rows[j].concept && T->rows[j].level > 0 && T->rows[j].level < top)
            top = T->rows[j].level;
    for (size_t j = from; j < to; j++)
        if (T->rows[j].side == side && !T->rows[j].concept && T->rows[j].level == top)
            K[nk++] = &T->rows[j];
    return nk;
}

static void total_rows(ictx *x, const yu_gtable *T)
{
    const yu_grow **K = malloc((T->nrows + 1) * sizeof *K);
    if (!K)
        return;
    fam_begin(x);
    x->fm_strong = 1;
    for (size_t i = 0; i < T->nrows; i++) {
        const yu_grow *P = &T->rows[i];
        if (!P->concept || strcmp(P->concept, "total") || P->code[0])
            continue;
        /* a 合计 printed first totals the rows below it, one printed last
         * the rows above it, up to the next or previous total */
        size_t from = i + 1, to = T->nrows;
        for (size_t j = i + 1; j < T->nrows; j++)
            if (T->rows[j].concept && strcmp(T->rows[j].concept, "group")) {
                to = j;
                break;
            }
        if (from == to || i + 1 == T->nrows) {
            size_t j = i;
            while (j > 0 && (!T->rows[j - 1].concept || !strcmp(T->rows[j - 1].concept, "group")))
                j--;
            from = j;
            to = i;
        }
        /* rows naming the groups a table is divided in (货物, 工程, 服务)
         * are what its total adds up when it has them */
        int nk = 0;
        for (size_t j = from; j < to; j++)
            if (T->rows[j].side == P->side && T->rows[j].concept && !strcmp(T->rows[j].concept, "group"))
                K[nk++] = &T->rows[j];
        if (!nk)
            nk = top_rows(T, P->side, from, to, K);
        if (nk)
            check_rows(x, "G-TOTAL-ROW", T, P, K, nk, "各项");
    }
    fam_end(x);
    free(K);
}

/* ---- two-sided tables ---- */

static const yu_grow *find_concept(const yu_gtable *T, int side, const char *concept, size_t *at)
{
    for (size_t i = 0; i < T->nrows; i++)
        if (T->rows[i].side == side && T->rows[i].concept && !strcmp(T->rows[i].concept, concept)) {
            if (at)
                *at = i;
            return &T->rows[i];
        }
    return NULL;
}

static void two_sided(ictx *x, const yu_gtable *T)
{
    const yu_grow **K = malloc((T->nrows + 1) * sizeof *K);
    if (!K)
        return;
    fam_begin(x);
    static const char *const year[2] = {"income_year", "expend_year"}, *const tot[2] = {"income_total", "expend_total"};
    for (int s = 0; s < 2; s++) {
        size_t ay = 0, at = 0;
        const yu_grow *Y = find_concept(T, s, year[s], &ay), *G = find_concept(T, s, tot[s], &at);
        size_t first = 0;
        while (first < T->nrows && T->rows[first].side != s)
            first++;
        if (Y) {
            int nk = top_rows(T, s, first, ay, K);
            if (!nk && !Y->number) {
                /* 本年支出合计 printed first: its lines follow it, up to the next total */
                size_t to = G ? at : T->nrows;
                for (size_t j = ay + 1; j < to; j++)
                    if (T->rows[j].side == s && T->rows[j].concept) {
                        to = j;
                        break;
                    }
                nk = top_rows(T, s, ay + 1, to, K);
            }
            if (nk)
                check_rows(x, "G-SIDE", T, Y, K, nk, s ? "各项支出" : "各项收入");
        }
        if (G) {
            /* the total: this year's total and the lines after it */
            int nk = 0;
            if (Y)
                K[nk++] = Y;
            /* a numbered 一、本年收入 goes with the lines numbered like it
             * (二、上年结转); otherwise the top lines and the named ones */
            int top = 1 << 30;
            if (Y && Y->number)
                top = Y->level;
            else
                for (size_t j = Y ? ay + 1 : first; j < at; j++)
                    if (T->rows[j].side == s && !T->rows[j].concept && T->rows[j].level < top)
                        top = T->rows[j].level;
            for (size_t j = Y ? ay + 1 : first; j < at; j++)
                if (T->rows[j].side == s &&
                    (T->rows[j].level == top || (T->rows[j].concept && strcmp(T->rows[j].concept, "total") && !(Y && Y->number))))
                    K[nk++] = &T->rows[j];
            if (nk)
                check_rows(x, "G-SIDE", T, G, K, nk, Y ? "本年合计与其下各行" : "各行");
        }
    }
    fam_end(x);
    /* 收入总计 = 支出总计 */
    const yu_grow *I = find_concept(T, 0, "income_total", NULL), *E = find_concept(T, 1, "expend_total", NULL);
    if (I && E) {
        int64_t a = 0, b = 0;
        int da = 2, db = 2, ha = 0, hb = 0;
        for (size_t c = 0; c < T->ncols; c++) {
            if (T->cols[c].side == 0 && has(&I->cells[c]) && !ha)
                a = I->cells[c].v, da = I->cells[c].dec, ha = 1;
            if (T->cols[c].side == 1 && has(&E->cells[c]) && !hb)
                b = E->cells[c].v, db = E->cells[c].dec, hb = 1;
        }
        yu_severity sev = YU_SEV_ERROR;
        if (ha && hb && !judge(x, a, b, 1, da < db ? da : db, &sev)) {
            char p[48], q[48], r[48];
            add(x, x->out, "G-BALANCE", sev, T, I, "", a, b, "《%s》第%d页收入总计%s与支出总计%s不等，相差%s%s。", T->title,
                I->page, fmt_num(a, p, sizeof p), fmt_num(b, q, sizeof q), fmt_num(absv(a - b), r, sizeof r),
                T->unit_text ? T->unit_text : "");
        }
    }
    free(K);
}

/* ---- columns ---- */

static int is_sum_col(const ictx *x, const yu_gtable *T, size_t c)
{
    const yu_gcol *C = &T->cols[c];
    if (yu_vocab_has(x->v, "col", "total", C->leaf))
        return 1;
    return C->concept && (!strcmp(C->concept, "basic") || !strcmp(C->concept, "fiscal") || !strcmp(C->concept, "carry"));
}

/* the columns column c may total, in order: the columns right of it on its
 * side, a column that is itself a resolved total standing for its parts */
static void col_sums(ictx *x, const yu_gtable *T)
{
    size_t n = T->ncols;
    int *span = calloc(n + 1, sizeof *span); /* resolved: how many columns after c it totals (incl. skipped) */
    size_t *mem = malloc((n + 1) * sizeof *mem);
    if (!span || !mem) {
        free(span);
        free(mem);
        return;
    }
    fam_begin(x);
    for (size_t cc = n; cc-- > 0;) {
        if (!is_sum_col(x, T, cc) || !money_col(T, cc))
            continue;
        /* try ever longer runs; keep the one most rows agree with */
        int best_ok = 0, best_k = 0, best_len = 0;
        size_t best_mem[64];
        /* the parts stand right of the total; a total printed last (政府采购
         * 总计 after its kinds of money) adds up the columns left of it */
        int last = 1;
        for (size_t c = cc + 1; c < n && last; c++)
            last = !(T->cols[c].side == T->cols[cc].side && money_col(T, c));
        for (int len = 2, dir = 1; len < 64; len++) {
            size_t m = 0, c = dir > 0 ? cc + 1 : cc - 1;
            int k = 0;
            while ((dir > 0 ? c < n : c < cc) && (int)m < len && T->cols[c].side == T->cols[cc].side && money_col(T, c) &&
                   (dir > 0 || !is_sum_col(x, T, c))) {
                if (T->cols[c].concept && (!strcmp(T->cols[c].concept, "rate") || !strcmp(T->cols[c].concept, "diff") ||
                                           !strcmp(T->cols[c].concept, "lastyear") || !strcmp(T->cols[c].concept, "count")))
                    break;
                mem[m++] = c;
                if (dir > 0)
                    c += 1 + (size_t)span[c];
                else if (c-- == 0)
                    c = cc; /* ran off the left edge: stop */
                k++;
            }
            if ((int)m < len) {
                if (dir > 0 && last && best_ok < 2) {
                    dir = -1;
                    len = 1;
                    continue;
                }
                break;
            }
            int ok = 0, rows = 0, money_ok = 0;
            for (size_t i = 0; i < T->nrows; i++) {
                const yu_grow *w = &T->rows[i];
                if (T->twosided && w->side != T->cols[cc].side)
                    continue;
                int64_t s = 0;
                int nz = 0, dec = cell_dec(&w->cells[cc]);
                for (size_t q = 0; q < m; q++)
                    if (has(&w->cells[mem[q]])) {
                        s += w->cells[mem[q]].v;
                        nz += w->cells[mem[q]].v != 0;
                        if (w->cells[mem[q]].dec < dec)
                            dec = w->cells[mem[q]].dec;
                    }
                if (!has(&w->cells[cc]) && !nz)
                    continue;
                rows++;
                int fits = absv(cellv(&w->cells[cc]) - s) <= last_unit(dec) * (int64_t)((m + 2) / 2);
                ok += fits;
                money_ok += fits && (nz || cellv(&w->cells[cc]));
            }
            if (!money_ok)
                ok = 0; /* rows of zeros alone witness no sum: some row with money must add up */
            /* more rows agreeing wins; as many, the longer run (columns of
             * zeros after the parts are parts too) */
            if (rows && ok >= best_ok && ok > 0) {
                best_ok = ok;
                best_k = dir > 0 ? (int)(c - cc - 1) : 0;
                best_len = (int)m;
                memcpy(best_mem, mem, m * sizeof *mem);
            }

        }
        if (!best_len || best_ok < 2)
            continue;
        span[cc] = best_k;
        /* check every row against the chosen parts */
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_grow *w = &T->rows[i];
            if (T->twosided && w->side != T->cols[cc].side)
                continue;
            int64_t s = 0;
            int any = has(&w->cells[cc]), dec = cell_dec(&w->cells[cc]), text = 0;
            for (int q = 0; q < best_len; q++) {
                const yu_gcell *y = &w->cells[best_mem[q]];
                text |= y->kind == YU_GC_TEXT || y->kind == YU_GC_PCT;
                if (has(y)) {
                    any = 1;
                    s += y->v;
                    if (y->dec < dec)
                        dec = y->dec;
                }
            }
            if (!any || text || w->cells[cc].kind == YU_GC_TEXT)
                continue;
            yu_severity sev = YU_SEV_ERROR;
            int64_t got = cellv(&w->cells[cc]);
            if (judge(x, got, s, best_len, dec, &sev))
                continue;
            yu_buf parts;
            yu_buf_init(&parts, 256);
            for (int q = 0; q < best_len; q++)
                yu_buf_printf(&parts, "%s“%s”", q ? "、" : "", col_label(T, best_mem[q]));
            char a[48], b[48], dd[48], rb[128];
            add(x, &x->pending, "G-COL-SUM", sev, T, w, col_label(T, cc), got, s,
                "《%s》第%d页“%s”行“%s”列为%s，%s之和为%s，相差%s%s。", T->title, w->page, row_label(w, rb, sizeof rb),
                col_label(T, cc), fmt_num(got, a, sizeof a), parts.p ? parts.p : "", fmt_num(s, b, sizeof b),
                fmt_num(absv(got - s), dd, sizeof dd), T->unit_text ? T->unit_text : "");
            yu_buf_free(&parts);
        }
    }
    fam_end(x);
    /* 增减 = 本年 − 上年; 增减率 = 增减 / 上年 */
    int cy = -1, cl = -1, cd = -1, cr = -1;
    for (size_t c = 0; c < n; c++) {
        const char *k = T->cols[c].concept;
        if (!k)
            continue;
        if (!strcmp(k, "lastyear") && cl < 0)
            cl = (int)c;
        else if (!strcmp(k, "diff") && cd < 0)
            cd = (int)c;
        else if (!strcmp(k, "rate") && cr < 0)
            cr = (int)c;
        else if ((!strcmp(k, "thisyear") || !strcmp(k, "total") || !strcmp(k, "final")) && cy < 0 && cl >= 0)
            cy = (int)c;
    }
    if (cy < 0)
        for (size_t c = 0; c < n; c++)
            if (T->cols[c].concept && !strcmp(T->cols[c].concept, "thisyear") && (int)c != cl)
                cy = (int)c;
    fam_begin(x);
    for (size_t i = 0; i < T->nrows && cy >= 0 && cl >= 0 && (cd >= 0 || cr >= 0); i++) {
        const yu_grow *w = &T->rows[i];
        if (!has(&w->cells[cy]) && !has(&w->cells[cl]))
            continue;
        int64_t d = cellv(&w->cells[cy]) - cellv(&w->cells[cl]);
        int dec = cell_dec(&w->cells[cy]) < cell_dec(&w->cells[cl]) ? cell_dec(&w->cells[cy]) : cell_dec(&w->cells[cl]);
        char a[48], b[48], rb[128];
        if (cd >= 0 && has(&w->cells[cd])) {
            yu_severity sev = YU_SEV_ERROR;
            if (!judge(x, w->cells[cd].v, d, 1, dec, &sev))
                add(x, &x->pending, "G-DIFF", sev, T, w, col_label(T, (size_t)cd), w->cells[cd].v, d,
                    "《%s》第%d页“%s”行增减额为%s，本年减上年应为%s。", T->title, w->page, row_label(w, rb, sizeof rb),
                    fmt_num(w->cells[cd].v, a, sizeof a), fmt_num(d, b, sizeof b));
        }
        if (cr >= 0 && w->cells[cr].kind == YU_GC_PCT && cellv(&w->cells[cl])) {
            /* the rate in basis points, rounded half away from zero */
            int64_t last = cellv(&w->cells[cl]), num = d * 10000 * 2 / last;
            int64_t want = num >= 0 ? (num + 1) / 2 : -((-num + 1) / 2);
            int rdec = w->cells[cr].dec;
            int64_t unit = rdec >= 2 ? 1 : rdec == 1 ? 10 : 100;
            int64_t want_r = (want >= 0 ? (want + unit / 2) / unit : -((-want + unit / 2) / unit)) * unit;
            int64_t got = w->cells[cr].v;
            x->checked++;
            if (absv(got - want_r) <= unit) {
                x->fm.held++;
                x->held++;
                if (got != want_r)
                    add(x, &x->pending, "G-DIFF", YU_SEV_ROUNDING, T, w, col_label(T, (size_t)cr), got, want_r,
                        "《%s》第%d页“%s”行增减率%s%%与计算值%s%%相差一个末位。", T->title, w->page,
                        row_label(w, rb, sizeof rb), yu_fmt_units(got, 2, YU_NUM_PLAIN, a, sizeof a),
                        yu_fmt_units(want_r, 2, YU_NUM_PLAIN, b, sizeof b));
            } else {
                x->fm.failed++;
                add(x, &x->pending, "G-DIFF", YU_SEV_ERROR, T, w, col_label(T, (size_t)cr), got, want_r,
                    "《%s》第%d页“%s”行增减率为%s%%，按增减额除以上年数应为%s%%。", T->title, w->page,
                    row_label(w, rb, sizeof rb), yu_fmt_units(got, 2, YU_NUM_PLAIN, a, sizeof a),
                    yu_fmt_units(want_r, 2, YU_NUM_PLAIN, b, sizeof b));
            }
        }
    }
    fam_end(x);
    free(span);
    free(mem);
}

/* ---- across tables ---- */

typedef struct fact {
    char key[160];       /* scope.side.concept or scope.code.CODE.concept */
    int64_t fen;         /* the figure in 分 */
    int64_t tol;         /* half a unit of the last printed digit, in 分 */
    size_t table;
    const yu_grow *row;
    size_t col;
} fact;

typedef struct facts {
    fact *f;
    size_t n, cap;
} facts;

static void fact_add(facts *F, const yu_gtable *T, size_t ti, const yu_grow *w, size_t c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void fact_add(facts *F, const yu_gtable *T, size_t ti, const yu_grow *w, size_t c, const char *fmt, ...)
{
    if (!T->unit || !has(&w->cells[c]))
        return;
    if (F->n == F->cap) {
        size_t nc = F->cap ? F->cap * 2 : 256;
        fact *nf = realloc(F->f, nc * sizeof *nf);
        if (!nf)
            return;
        F->f = nf;
        F->cap = nc;
    }
    fact *f = &F->f[F->n];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->key, sizeof f->key, fmt, ap);
    va_end(ap);
    int64_t fen;
    if (mul_ovf(w->cells[c].v, T->unit, &fen))
        return;
    f->fen = fen;
    f->tol = last_unit(w->cells[c].dec) * T->unit / 2;
    f->table = ti;
    f->row = w;
    f->col = c;
    F->n++;
}

static const char *side_of_kind(const char *kind)
{
    if (!kind)
        return NULL;
    if (!strcmp(kind, "income"))
        return "income";
    if (!strcmp(kind, "expend") || !strcmp(kind, "gpb_expend") || !strcmp(kind, "govfund") || !strcmp(kind, "soe"))
        return "expend";
    if (!strcmp(kind, "gpb_basic"))
        return "basic";
    return NULL;
}

static void table_facts(ictx *x, const yu_gtable *T, size_t ti, facts *F)
{
    (void)x;
    const char *scope = T->scope ? T->scope : "all";
    if (T->perf || T->empty || (T->kind && (!strcmp(T->kind, "sangong") || !strcmp(T->kind, "procurement") ||
                                            !strcmp(T->kind, "admin_cost") || !strcmp(T->kind, "gpb_project"))))
        return;
    if (T->twosided) {
        const char *sc = T->kind && !strcmp(T->kind, "fiscal_summary") ? "fiscal" : scope;
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_grow *w = &T->rows[i];
            size_t c;
            for (c = 0; c < T->ncols; c++)
                if (T->cols[c].side == w->side && has(&w->cells[c]))
                    break;
            if (c == T->ncols)
                continue;
            if (w->concept) {
                const char *k = w->concept;
                if (!strcmp(k, "income_total"))
                    fact_add(F, T, ti, w, c, "%s.income.total", sc);
                else if (!strcmp(k, "expend_year"))
                    fact_add(F, T, ti, w, c, "%s.expend.total", sc);
                continue;
            }
            const char *nm = w->name + (w->number ? strlen(w->number) : 0);
            /* an income line naming a kind of money (一般公共预算拨款收入,
             * 事业收入 …): the same money in the 收入总表's column of it */
            if (w->side == 0) {
                const char *k = yu_vocab_match(x->v, "col", nm);
                static const char *const money[] = {"gpb", "govfund", "soe", "special", "shiye", "business",
                                                    "upper", "subunit", "other"};
                for (size_t q = 0; k && q < sizeof money / sizeof money[0]; q++)
                    if (!strcmp(k, money[q])) {
                        fact_add(F, T, ti, w, c, "%s.income.%s", sc, k);
                        break;
                    }
            }
            int top = 1 << 30;
            for (size_t j = 0; j < T->nrows; j++)
                if (T->rows[j].side == 1 && !T->rows[j].concept && T->rows[j].level > 0 && T->rows[j].level < top)
                    top = T->rows[j].level;
            if (w->side == 1 && w->level == top && !strcmp(sc, "all")) {
                /* a 类 of expenditure by its name */
                fact_add(F, T, ti, w, c, "%s.class.%s", sc, nm);
            }
        }
        return;
    }
    const char *side = side_of_kind(T->kind);
    /* the table's total is its first 合计 column; a 小计 further right totals a part */
    size_t first_total = T->ncols;
    for (size_t c = 0; c < T->ncols && first_total == T->ncols; c++)
        if (T->cols[c].concept && !strcmp(T->cols[c].concept, "total"))
            first_total = c;
    for (size_t i = 0; i < T->nrows; i++) {
        const yu_grow *w = &T->rows[i];
        for (size_t c = 0; c < T->ncols; c++) {
            const char *k = T->cols[c].concept;
            /* a column under a header that changes its meaning (上年结转 …) is
             * not this year's; under 基本支出 (人员经费, 公用经费) it is */
            if (!k || (T->cols[c].group && strcmp(T->cols[c].group, "basic")) || (!strcmp(k, "total") && c != first_total))
                continue;
            int main = !strcmp(k, "total") || !strcmp(k, "basic") || !strcmp(k, "project") ||
                       !strcmp(k, "personnel") || !strcmp(k, "public");
            if (w->concept && !strcmp(w->concept, "total") && side) {
                if (!strcmp(side, "basic")) {
                    if (!strcmp(k, "total"))
                        fact_add(F, T, ti, w, c, "%s.expend.basic", scope);
                    else if (!strcmp(k, "personnel") || !strcmp(k, "public"))
                        fact_add(F, T, ti, w, c, "%s.expend.%s", scope, k);
                } else if (main || !strcmp(side, "income"))
                    fact_add(F, T, ti, w, c, "%s.%s.%s", scope, side, k);
            } else if (w->code[0] && main && side && strcmp(side, "income") && strlen(w->code) != 6) {
                int econ = w->code[0] == '3' && strlen(w->code) <= 5;
                fact_add(F, T, ti, w, c, "%s.%s.%s.%s", scope, econ ? "econ" : "func", w->code,
                         !strcmp(side, "basic") && !strcmp(k, "total") ? "basic" : k);
                if (!econ && strlen(w->code) == 3 && !strcmp(k, "total") && !strcmp(side, "expend"))
                    fact_add(F, T, ti, w, c, "%s.class.%s", scope, w->name);
            }
        }
    }
    (void)x;
}

static int fact_cmp(const void *a, const void *b)
{
    const fact *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->table > y->table) - (x->table < y->table);
}

static void cross(ictx *x)
{
    const yu_gdoc *d = x->d;
    facts F = {0};
    for (size_t i = 0; i < d->ntables; i++)
        table_facts(x, &d->tables[i], i, &F);
    if (!F.n) {
        free(F.f);
        return;
    }
    qsort(F.f, F.n, sizeof *F.f, fact_cmp);
    /* judged per pair of tables: agreements must outnumber differences */
    size_t nt = d->ntables;
    int *agree = calloc(nt * nt + 1, sizeof *agree), *differ = calloc(nt * nt + 1, sizeof *differ);
    if (!agree || !differ) {
        free(agree);
        free(differ);
        free(F.f);
        return;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < F.n;) {
            size_t j = i;
            while (j < F.n && !strcmp(F.f[j].key, F.f[i].key))
                j++;
            for (size_t a = i; a < j; a++)
                for (size_t b = a + 1; b < j; b++) {
                    fact *p = &F.f[a], *q = &F.f[b];
                    if (p->table == q->table)
                        continue;
                    size_t pi = p->table * nt + q->table;
                    int64_t diff = absv(p->fen - q->fen), tol = p->tol + q->tol;
                    if (pass == 0) {
                        if (diff <= tol)
                            agree[pi]++;
                        else
                            differ[pi]++;
                        continue;
                    }
                    x->checked++;
                    if (diff <= tol) {
                        x->held++;
                        continue;
                    }
                    /* judged per pair of tables: most of what they share agrees
                     * (two tables that disagree everywhere are not the same thing) */
                    if (agree[pi] < 1 || differ[pi] > (agree[pi] / 8 > 1 ? agree[pi] / 8 : 1) ||
                        (agree[pi] < 3 && differ[pi] > 1))
                        continue;
                    const yu_gtable *A = &d->tables[p->table], *B = &d->tables[q->table];
                    char s1[48], s2[48], rb[128], rb2[128];
                    yu_finding *f = yu_findings_addf(
                        x->out, "X-SAME", YU_SEV_ERROR, A->title, row_label(p->row, rb, sizeof rb), col_label(A, p->col),
                        p->row->cells[p->col].v, q->row->cells[q->col].v,
                        "《%s》第%d页“%s”行“%s”列为%s%s，《%s》第%d页“%s”行“%s”列为%s%s，两表应一致。", A->title,
                        p->row->page, rb, col_label(A, p->col), fmt_num(p->row->cells[p->col].v, s1, sizeof s1),
                        A->unit_text ? A->unit_text : "", B->title, q->row->page, row_label(q->row, rb2, sizeof rb2),
                        col_label(B, q->col), fmt_num(q->row->cells[q->col].v, s2, sizeof s2),
                        B->unit_text ? B->unit_text : "");
                    if (f) {
                        f->page = p->row->page;
                        f->line = p->row->line;
                    }
                }
            i = j;
        }
    free(agree);
    free(differ);
    free(F.f);
}

yu_status yu_infer_check_counts(const yu_gdoc *d, const yu_vocab *v, yu_findings *out, int *checked, int *held,
                                int *unsure)
{
    ictx x;
    memset(&x, 0, sizeof x);
    x.d = d;
    x.v = v;
    x.out = out;
    x.unsure = unsure;
    for (size_t i = 0; i < d->ntables; i++) {
        const yu_gtable *T = &d->tables[i];
        x.cur = i;
        if (T->perf || T->empty || !T->nrows)
            continue;
        for (int s = 0; s < (T->twosided ? 2 : 1); s++) {
            code_sums(&x, T, s);
            level_sums(&x, T, s);
        }
        if (T->twosided)
            two_sided(&x, T);
        else
            total_rows(&x, T);
        col_sums(&x, T);
    }
    cross(&x);
    xf_clear(&x);
    yu_findings_free(&x.pending);
    if (checked)
        *checked = x.checked;
    if (held)
        *held = x.held;
    return YU_OK;
}

yu_status yu_infer_check(const yu_gdoc *d, const yu_vocab *v, yu_findings *out)
{
    return yu_infer_check_counts(d, v, out, NULL, NULL, NULL);
}
