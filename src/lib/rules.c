/* Consistency rules over a document's tables and narrative. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include "yusuan/rules.h"
#include "yusuan/render.h"
#include "internal.h"

static const yu_rule_info rules[] = {
    {"T-ROW-SUM", "每行 合计 = 基本支出 + 项目支出 + 上缴上级支出 + 事业单位经营支出 + 对附属单位补助支出；基本支出表 合计 = 人员经费 + 公用经费"},
    {"T-BASIC-SUM", "基本支出 = 人员经费 + 公用经费"},
    {"T-CLASS-SUM", "类 = Σ 款 (each money column)"},
    {"T-KUAN-SUM", "款 = Σ 项 (each money column)"},
    {"T-TOTAL-SUM", "合计 row = Σ 类 rows (each money column)"},
    {"T-DIFF", "增减额 = 预算数 − 执行数 (一般公共预算支出表)"},
    {"T-DIFF-PCT", "增减(%) = 增减额 / 执行数 × 100"},
    {"T-DIFF-EX", "扣除中央基建投资后: 增减额 = 扣除后预算数 − 扣除后执行数"},
    {"S-INCOME-SUM", "部门收支总表: 本年收入合计 = Σ income lines"},
    {"S-EXP-SUM", "部门收支总表: 本年支出合计 = Σ 类 lines"},
    {"S-GRAND", "部门收支总表: 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 上年结转 = 支出总计 = 本年支出合计 + 结转下年"},
    {"X-SUMMARY-EXP", "部门收支总表 本年支出合计 = 部门支出总表 合计"},
    {"X-SUMMARY-CLASS", "部门收支总表 each 类 = 部门支出总表 类 合计"},
    {"X-INCOME-TOTAL", "部门收入总表 合计 = 部门收支总表 收入总计"},
    {"X-INCOME-ITEMS", "部门收入总表 columns = 部门收支总表 income lines"},
    {"F-GRAND", "财政拨款收支总表: 收入总计 = 本年收入 + 上年结转 = 支出总计 = 本年支出 + 结转下年"},
    {"F-PARTS", "财政拨款收支总表: 本年收入 = Σ 当年拨款; 上年结转 = Σ 上年结转; 本年支出 = Σ 类"},
    {"X-FISCAL-GPB", "财政拨款收支总表 一般公共预算拨款 = 部门收支总表 一般公共预算拨款收入"},
    {"X-GPB-TOTAL", "一般公共预算支出表 合计 = 财政拨款收支总表 (一)一般公共预算拨款 (当年)"},
    {"X-GPB-BASIC", "一般公共预算基本支出表 合计 = 一般公共预算支出表 基本支出 合计"},
    {"G-SANGONG-SUM", "三公 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；小计 = 购置费 + 运行费"},
    {"P-FUNDS", "绩效目标表: 年度资金总额 = 财政拨款 + 上年结转 + 其他资金"},
    {"P-WEIGHTS", "绩效目标表: Σ 分值权重 + 执行率分值 = 100"},
    {"N-FIGURE", "情况说明 figures = the table cells they speak about"},
    {"N-SHARE", "情况说明 “X万元，占P%” = X / the paragraph's total, two decimals"},
    {"N-PARTS", "情况说明 “总额X万元，其中：A万元、B万元…” (政府采购, 三公) = Σ parts"},
};

const yu_rule_info *yu_rules(size_t *n)
{
    *n = sizeof rules / sizeof rules[0];
    return rules;
}

const char *yu_severity_name(yu_severity s)
{
    switch (s) {
    case YU_SEV_ERROR: return "error";
    case YU_SEV_ROUNDING: return "rounding";
    case YU_SEV_MISSING: return "missing";
    default: return "warning";
    }
}

void yu_findings_free(yu_findings *f)
{
    free(f->f);
    memset(f, 0, sizeof *f);
}

size_t yu_findings_count(const yu_findings *f, yu_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += f->f[i].sev == sev;
    return n;
}

typedef struct rc {
    const yu_doc *d;
    yu_findings *out;
    int oom;
} rc;

static void add(rc *c, const char *rule, yu_severity sev, const char *table, const char *row,
                const char *col, int64_t got, int64_t want, const char *fmt, ...)
{
    yu_findings *o = c->out;
    if (o->n == o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 16;
        yu_finding *nf = realloc(o->f, nc * sizeof *nf);
        if (!nf) {
            c->oom = 1;
            return;
        }
        o->f = nf;
        o->cap = nc;
    }
    yu_finding *f = &o->f[o->n++];
    memset(f, 0, sizeof *f);
    f->rule = rule;
    f->sev = sev;
    snprintf(f->table, sizeof f->table, "%s", table ? table : "");
    snprintf(f->row, sizeof f->row, "%s", row ? row : "");
    snprintf(f->col, sizeof f->col, "%s", col ? col : "");
    f->got = got;
    f->want = want;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->msg, sizeof f->msg, fmt, ap);
    va_end(ap);
}

static const char *fmt(const rc *c, int64_t v, char *b)
{
    return yu_fmt_units(v, c->d->decimals, YU_NUM_TABLE, b, 32);
}

/* Compares got with want; a difference within `n_parts`/2 display units is a
 * rounding residue when the figures come from rounded parts. */
static void expect(rc *c, const char *rule, const yu_table *T, const yu_row *r, const char *col,
                   int64_t got, int64_t want, int n_parts, const char *what)
{
    if (got == want)
        return;
    char a[32], b[32], dd[32];
    int64_t diff = got > want ? got - want : want - got;
    yu_severity sev = (n_parts > 1 && diff * 2 <= n_parts && c->d->L->unit_fen > 1) ? YU_SEV_ROUNDING : YU_SEV_ERROR;
    /* the row's name: on a two-sided table, the label on the side the column is on */
    const char *rname = r && r->name ? r->name : "";
    if (T && r && T->lt->shape == YU_SHAPE_TWOSIDE) {
        int li = yu_ltable_col(T->lt, !strncmp(col, "out.", 4) ? "out.item" : "in.item");
        if (li >= 0 && r->cells[li].kind == YU_CELL_TEXT && r->cells[li].text)
            rname = r->cells[li].text;
    }
    if (T && r && (r->flags & YU_ROW_TOTAL) && !*rname && T->lt->total_label)
        rname = T->lt->total_label;
    /* the column's printed header (its leaf label) */
    const char *cname = col;
    int ci = T ? yu_ltable_col(T->lt, col) : -1;
    if (ci >= 0 && T->lt->cols[ci].depth > 0 && T->hdr[(size_t)ci * YU_HDR_MAX + T->lt->cols[ci].depth - 1])
        cname = T->hdr[(size_t)ci * YU_HDR_MAX + T->lt->cols[ci].depth - 1];
    add(c, rule, sev, T ? T->lt->id : "", r ? (r->code[0] ? r->code : rname) : "", col, got, want,
        "《%s》%s%s“%s”为%s，按%s应为%s，相差%s。", T ? T->title : "", r && r->code[0] ? r->code : "",
        rname, cname, fmt(c, got, a), what, fmt(c, want, b), fmt(c, diff, dd));
}

static int64_t cellv(const yu_row *r, int ci, int *has)
{
    if (ci < 0) {
        *has = 0;
        return 0;
    }
    const yu_cell *x = &r->cells[ci];
    *has = x->kind == YU_CELL_MONEY;
    return *has ? x->v : 0;
}

static void grid_rules(rc *c, const yu_table *T)
{
    const yu_ltable *lt = T->lt;
    if (lt->shape != YU_SHAPE_GRID || T->empty || (lt->rows != YU_ROWS_FUNC && lt->rows != YU_ROWS_ECON))
        return;
    static const char *const parts[] = {"basic", "project", "shangjiao", "jingying", "fushu"};
    int ct = yu_ltable_col(lt, "total");
    int cb = yu_ltable_col(lt, "basic"), cp = yu_ltable_col(lt, "personnel"), cu = yu_ltable_col(lt, "public");
    for (size_t i = 0; i < T->nrows; i++) {
        const yu_row *r = &T->rows[i];
        int h;
        int64_t tot = cellv(r, ct, &h);
        int64_t s = 0;
        int np = 0;
        for (int k = 0; k < 5; k++) {
            int ci = yu_ltable_col(lt, parts[k]);
            int hh;
            int64_t v = cellv(r, ci, &hh);
            if (hh) {
                s += v;
                np++;
            }
        }
        if (!h) {
            /* a blank total whose parts are not zero: a missing value */
            if (ct >= 0 && s) {
                char a[32];
                const char *cname = T->hdr[(size_t)ct * YU_HDR_MAX + lt->cols[ct].depth - 1];
                add(c, "T-ROW-SUM", YU_SEV_MISSING, lt->id, r->code[0] ? r->code : (lt->total_label ? lt->total_label : ""),
                    "total", 0, s, "《%s》%s%s“%s”为空，按各支出类型之和应为%s。", T->title, r->code,
                    r->code[0] ? r->name : (lt->total_label ? lt->total_label : ""), cname ? cname : "total", fmt(c, s, a));
            }
            continue;
        }
        if (np)
            expect(c, "T-ROW-SUM", T, r, "total", tot, s, 0, "各支出类型之和");
        if (cp >= 0 && cu >= 0) {
            int h1, h2;
            int64_t p = cellv(r, cp, &h1), q = cellv(r, cu, &h2);
            if (cb >= 0) {
                int h3;
                int64_t bv = cellv(r, cb, &h3);
                if (h3)
                    expect(c, "T-BASIC-SUM", T, r, "basic", bv, p + q, 0, "人员经费与公用经费之和");
            } else if (h1 || h2)
                expect(c, "T-ROW-SUM", T, r, "total", tot, p + q, 0, "人员经费与公用经费之和");
        }
    }
    /* hierarchy: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类 */
    for (size_t ci = 0; ci < lt->ncols; ci++) {
        const char *key = lt->cols[ci].key;
        if (!strcmp(key, "code") || !strcmp(key, "name") || strstr(key, "pct"))
            continue;
        int64_t sum_top = 0;
        int ntop = 0;
        const yu_row *total = NULL;
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_row *r = &T->rows[i];
            if (r->flags & YU_ROW_TOTAL) {
                total = r;
                continue;
            }
            if (r->level != 1)
                continue;
            int h;
            sum_top += cellv(r, (int)ci, &h);
            ntop++;
            int want_level = 2;
            int64_t s = 0;
            int n = 0;
            size_t j = i + 1;
            for (; j < T->nrows && T->rows[j].level > 1 && !(T->rows[j].flags & YU_ROW_TOTAL); j++) {
                const yu_row *k = &T->rows[j];
                if (k->level == want_level) {
                    int hh;
                    s += cellv(k, (int)ci, &hh);
                    n++;
                    /* 款 = Σ 项 */
                    int64_t s3 = 0;
                    int n3 = 0;
                    for (size_t m = j + 1; m < T->nrows && T->rows[m].level == 3; m++) {
                        int h3;
                        s3 += cellv(&T->rows[m], (int)ci, &h3);
                        n3++;
                    }
                    if (n3) {
                        int h2;
                        expect(c, "T-KUAN-SUM", T, k, key, cellv(k, (int)ci, &h2), s3, 0, "所属各项之和");
                    }
                }
            }
            if (n)
                expect(c, "T-CLASS-SUM", T, r, key, cellv(r, (int)ci, &h), s, 0, "所属各款之和");
        }
        if (total && ntop) {
            int h;
            expect(c, "T-TOTAL-SUM", T, total, key, cellv(total, (int)ci, &h), sum_top, 0, "各类之和");
        }
    }
    /* 增减额, 增减% */
    int cte = yu_ltable_col(lt, "total_ex"), cpe = yu_ltable_col(lt, "prior_ex"), cde = yu_ltable_col(lt, "diff_ex"),
        cpe_pct = yu_ltable_col(lt, "diff_ex_pct");
    if (cte >= 0 && cpe >= 0 && cde >= 0)
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_row *r = &T->rows[i];
            int h1, h2, h3;
            int64_t te = cellv(r, cte, &h1), pe = cellv(r, cpe, &h2), de = cellv(r, cde, &h3);
            if (h3)
                expect(c, "T-DIFF-EX", T, r, "diff_ex", de, te - pe, 0, "扣除后预算数减扣除后执行数");
            if (cpe_pct >= 0 && pe && r->cells[cpe_pct].kind == YU_CELL_PCT) {
                int def;
                int64_t want = yu_change_bp(te, pe, &def);
                if (r->cells[cpe_pct].v != want) {
                    char a1[32], b1[32];
                    add(c, "T-DIFF-PCT", YU_SEV_ERROR, lt->id, r->code, "diff_ex_pct", r->cells[cpe_pct].v, want,
                        "《%s》%s%s扣除后增减(%%)为%s，按增减额/执行数应为%s。", T->title, r->code, r->name,
                        yu_fmt_units(r->cells[cpe_pct].v, 2, YU_NUM_TABLE, a1, sizeof a1),
                        yu_fmt_units(want, 2, YU_NUM_TABLE, b1, sizeof b1));
                }
            }
        }
    int cpr = yu_ltable_col(lt, "prior"), cdf = yu_ltable_col(lt, "diff"), cpc = yu_ltable_col(lt, "diff_pct");
    if (ct >= 0 && cpr >= 0 && cdf >= 0)
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_row *r = &T->rows[i];
            int h1, h2, h3;
            int64_t tot = cellv(r, ct, &h1), pr = cellv(r, cpr, &h2), df = cellv(r, cdf, &h3);
            if (!h1) {
                /* a missing total: the sum of its parts stands in for it */
                int hb, hp;
                tot = cellv(r, yu_ltable_col(lt, "basic"), &hb) + cellv(r, yu_ltable_col(lt, "project"), &hp);
            }
            if (h3)
                expect(c, "T-DIFF", T, r, "diff", df, tot - pr, 0, "预算数减执行数");
            if (cpc >= 0 && pr) {
                const yu_cell *x = &r->cells[cpc];
                int def;
                int64_t want = yu_change_bp(tot, pr, &def);
                if (x->kind == YU_CELL_PCT && x->v != want) {
                    char a[32], b[32];
                    add(c, "T-DIFF-PCT", YU_SEV_ERROR, lt->id, r->code, "diff_pct", x->v, want,
                        "《%s》%s%s增减(%%)为%s，按增减额/执行数应为%s。", T->title, r->code, r->name,
                        yu_fmt_units(x->v, 2, YU_NUM_TABLE, a, sizeof a), yu_fmt_units(want, 2, YU_NUM_TABLE, b, sizeof b));
                }
            }
        }
}

/* value of a two-sided table line by key; *found set */
static int64_t side_val(const yu_table *T, const char *key, int side, int *found)
{
    int ci = yu_ltable_col(T->lt, side ? "out.amount" : "in.amount");
    *found = 0;
    for (size_t i = 0; i < T->nrows; i++)
        if (T->rows[i].key[side] && !strcmp(T->rows[i].key[side], key) && ci >= 0) {
            *found = 1;
            return T->rows[i].cells[ci].kind == YU_CELL_MONEY ? T->rows[i].cells[ci].v : 0;
        }
    return 0;
}

static const yu_row *side_row(const yu_table *T, const char *key, int side)
{
    for (size_t i = 0; i < T->nrows; i++)
        if (T->rows[i].key[side] && !strcmp(T->rows[i].key[side], key))
            return &T->rows[i];
    return NULL;
}

static const yu_row *total_row(const yu_table *T)
{
    for (size_t i = 0; i < T->nrows; i++)
        if (T->rows[i].flags & YU_ROW_TOTAL)
            return &T->rows[i];
    return NULL;
}

static void summary_rules(rc *c)
{
    const yu_doc *d = c->d;
    const yu_table *S = yu_doc_table(d, "summary");
    if (!S)
        return;
    int f1, f2, f3, f4, f5, f6, f7;
    int64_t inc = side_val(S, "income_total", 0, &f1), use = side_val(S, "use_nf_balance", 0, &f2);
    int64_t carry = side_val(S, "carry", 0, &f3), gin = side_val(S, "grand_in", 0, &f4);
    int64_t exp = side_val(S, "exp_total", 1, &f5), out = side_val(S, "out", 1, &f6), gout = side_val(S, "grand_out", 1, &f7);
    /* body sums */
    int64_t sl = 0, sr = 0;
    int ci = yu_ltable_col(S->lt, "in.amount"), co = yu_ltable_col(S->lt, "out.amount");
    for (size_t i = 0; i < S->nrows; i++) {
        const yu_row *r = &S->rows[i];
        if (r->flags & YU_ROW_TOTAL)
            continue;
        if (r->key[0] && ci >= 0 && r->cells[ci].kind == YU_CELL_MONEY)
            sl += r->cells[ci].v;
        if (r->key[1] && co >= 0 && r->cells[co].kind == YU_CELL_MONEY)
            sr += r->cells[co].v;
    }
    if (f1)
        expect(c, "S-INCOME-SUM", S, side_row(S, "income_total", 0), "in.amount", inc, sl, 0, "各项收入之和");
    if (f5)
        expect(c, "S-EXP-SUM", S, side_row(S, "exp_total", 1), "out.amount", exp, sr, 0, "各类支出之和");
    if (f4)
        expect(c, "S-GRAND", S, side_row(S, "grand_in", 0), "in.amount", gin, inc + use + carry, 0, "本年收入合计、使用非财政拨款结余与上年结转之和");
    if (f7)
        expect(c, "S-GRAND", S, side_row(S, "grand_out", 1), "out.amount", gout, exp + out, 0, "本年支出合计与结转下年之和");
    if (f4 && f7)
        expect(c, "S-GRAND", S, side_row(S, "grand_out", 1), "out.amount", gout, gin, 0, "收入总计");
    const yu_table *X = yu_doc_table(d, "expenditure");
    if (X && f5) {
        const yu_row *t = total_row(X);
        int ct = yu_ltable_col(X->lt, "total");
        if (t && ct >= 0)
            expect(c, "X-SUMMARY-EXP", S, side_row(S, "exp_total", 1), "out.amount", exp, t->cells[ct].v, 0, "部门支出总表合计");
        for (size_t i = 0; i < S->nrows; i++) {
            const yu_row *r = &S->rows[i];
            if (!r->key[1] || strncmp(r->key[1], "class:", 6))
                continue;
            const char *code = r->key[1] + 6;
            int64_t want = 0;
            for (size_t j = 0; j < X->nrows; j++)
                if (!strcmp(X->rows[j].code, code) && ct >= 0)
                    want = X->rows[j].cells[ct].v;
            expect(c, "X-SUMMARY-CLASS", S, r, "out.amount", r->cells[co].v, want, 0, "部门支出总表该类合计");
        }
    }
    const yu_table *I = yu_doc_table(d, "income");
    if (I && f4) {
        const yu_row *t = total_row(I);
        int ct = yu_ltable_col(I->lt, "total");
        if (t && ct >= 0)
            expect(c, "X-INCOME-TOTAL", I, t, "total", t->cells[ct].v, gin, 0, "部门收支总表收入总计");
        static const char *const keys[] = {"gpb", "gf", "soe", "shiye", "jingying", "carry", "use_nf_balance"};
        for (int k = 0; t && k < 7; k++) {
            int cc = yu_ltable_col(I->lt, keys[k]);
            int f;
            int64_t sv = side_val(S, keys[k], 0, &f);
            if (cc >= 0 && f)
                expect(c, "X-INCOME-ITEMS", I, t, keys[k], t->cells[cc].v, sv, 0, "部门收支总表同项收入");
        }
    }
    const yu_table *F = yu_doc_table(d, "fiscal");
    if (F) {
        int a1, a2, a3, a4, a5, a6;
        int64_t fi = side_val(F, "fiscal_income", 0, &a1), fc = side_val(F, "carry_fiscal", 0, &a2);
        int64_t fgi = side_val(F, "fiscal_grand_in", 0, &a3), fe = side_val(F, "fiscal_exp", 1, &a4);
        int64_t fo = side_val(F, "out_fiscal", 1, &a5), fgo = side_val(F, "fiscal_grand_out", 1, &a6);
        if (a3)
            expect(c, "F-GRAND", F, side_row(F, "fiscal_grand_in", 0), "in.amount", fgi, fi + fc, 0, "本年收入与上年结转之和");
        if (a6)
            expect(c, "F-GRAND", F, side_row(F, "fiscal_grand_out", 1), "out.amount", fgo, fe + fo, 0, "本年支出与结转下年之和");
        if (a3 && a6)
            expect(c, "F-GRAND", F, side_row(F, "fiscal_grand_out", 1), "out.amount", fgo, fgi, 0, "收入总计");
        static const char *const cur[3] = {"gpb", "gf", "soe"}, *const car[3] = {"carry_gpb", "carry_gf", "carry_soe"};
        int64_t scur = 0, scar = 0;
        int ncur = 0, ncar = 0;
        for (int k = 0; k < 3; k++) {
            int f1, f2;
            scur += side_val(F, cur[k], 0, &f1);
            scar += side_val(F, car[k], 0, &f2);
            ncur += f1;
            ncar += f2;
        }
        if (a1 && ncur)
            expect(c, "F-PARTS", F, side_row(F, "fiscal_income", 0), "in.amount", fi, scur, 0, "三项当年财政拨款之和");
        if (a2 && ncar)
            expect(c, "F-PARTS", F, side_row(F, "carry_fiscal", 0), "in.amount", fc, scar, 0, "三项上年结转之和");
        int64_t sclass = 0;
        int nclass = 0, co2 = yu_ltable_col(F->lt, "out.amount");
        for (size_t i = 0; i < F->nrows; i++)
            if (F->rows[i].key[1] && !strncmp(F->rows[i].key[1], "class:", 6) && co2 >= 0 &&
                F->rows[i].cells[co2].kind == YU_CELL_MONEY) {
                sclass += F->rows[i].cells[co2].v;
                nclass++;
            }
        if (a4 && nclass)
            expect(c, "F-PARTS", F, side_row(F, "fiscal_exp", 1), "out.amount", fe, sclass, 0, "各类财政拨款支出之和");
        int g1, g2;
        int64_t fg = side_val(F, "gpb", 0, &g1), sg = side_val(S, "gpb", 0, &g2);
        if (g1 && g2)
            expect(c, "X-FISCAL-GPB", F, side_row(F, "gpb", 0), "in.amount", fg, sg, 0, "部门收支总表一般公共预算拨款收入");
        const yu_table *G = yu_doc_table(d, "gpb");
        if (G && g1) {
            const yu_row *t = total_row(G);
            int ct = yu_ltable_col(G->lt, "total");
            if (t && ct >= 0 && t->cells[ct].kind == YU_CELL_MONEY) {
                /* with nothing carried out, this year's appropriation is all spent;
                 * otherwise it can only be spent up to the appropriation */
                if (!a5 || fo == 0 || t->cells[ct].v > fg)
                    expect(c, "X-GPB-TOTAL", G, t, "total", t->cells[ct].v, fg, 0,
                           fo ? "不超过财政拨款收支总表一般公共预算拨款" : "财政拨款收支总表一般公共预算拨款");
            }
        }
    }
    const yu_table *G = yu_doc_table(d, "gpb"), *Bt = yu_doc_table(d, "basic");
    if (G && Bt && !Bt->empty) {
        const yu_row *tg = total_row(G), *tb = total_row(Bt);
        int cg = yu_ltable_col(G->lt, "basic"), cb = yu_ltable_col(Bt->lt, "total");
        if (tg && tb && cg >= 0 && cb >= 0)
            expect(c, "X-GPB-BASIC", Bt, tb, "total", tb->cells[cb].v, tg->cells[cg].v, 0, "一般公共预算支出表基本支出合计");
    }
    const yu_table *G3 = yu_doc_table(d, "sangong");
    if (G3 && G3->nrows) {
        const yu_row *r = &G3->rows[0];
        int h;
        int64_t t = cellv(r, yu_ltable_col(G3->lt, "sg_total"), &h);
        int64_t ab = cellv(r, yu_ltable_col(G3->lt, "sg_abroad"), &h);
        int64_t car = cellv(r, yu_ltable_col(G3->lt, "sg_car"), &h);
        int64_t cbuy = cellv(r, yu_ltable_col(G3->lt, "sg_car_buy"), &h);
        int64_t crun = cellv(r, yu_ltable_col(G3->lt, "sg_car_run"), &h);
        int64_t rec = cellv(r, yu_ltable_col(G3->lt, "sg_reception"), &h);
        expect(c, "G-SANGONG-SUM", G3, r, "sg_total", t, ab + car + rec, 0, "因公出国（境）费、公务用车购置及运行费与公务接待费之和");
        expect(c, "G-SANGONG-SUM", G3, r, "sg_car", car, cbuy + crun, 0, "公务用车购置费与运行费之和");
    }
}

static void perf_rules(rc *c)
{
    const yu_doc *d = c->d;
    char a[32], b[32];
    for (size_t i = 0; i < d->nperf; i++) {
        const yu_perf *p = &d->perf[i];
        if (p->total != p->fiscal + p->carry + p->other)
            add(c, "P-FUNDS", YU_SEV_ERROR, "perf", p->p->name, "total", p->total, p->fiscal + p->carry + p->other,
                "项目“%s”绩效目标表年度资金总额为%s，财政拨款、上年结转与其他资金之和为%s。", p->p->name,
                fmt(c, p->total, a), fmt(c, p->fiscal + p->carry + p->other, b));
        int64_t want = (int64_t)(100 - p->p->exec_score) * 100;
        if (p->weight_sum != want)
            add(c, "P-WEIGHTS", YU_SEV_ERROR, "perf", p->p->name, "weight", p->weight_sum, want,
                "项目“%s”绩效指标分值权重合计为%s，加上执行率分值%d应为100。", p->p->name,
                yu_fmt_units(p->weight_sum, 2, YU_NUM_PROSE, a, sizeof a), p->p->exec_score);
    }
}

static void narrative_rules(rc *c)
{
    const yu_doc *d = c->d;
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *b = &d->blocks[i];
        if (b->kind != YU_B_PARA)
            continue;
        for (size_t k = 0; k < b->nsegs; k++) {
            const yu_seg *s = &b->segs[k];
            if (s->kind != YU_SEG_MONEY || !s->table || !s->row || !s->col)
                continue;
            const yu_table *T = yu_doc_table(d, s->table);
            if (!T)
                continue;
            int found = 0;
            int64_t v = 0;
            if (T->lt->shape == YU_SHAPE_TWOSIDE) {
                v = side_val(T, s->row, !strcmp(s->col, "out.amount"), &found);
            } else {
                int ci = yu_ltable_col(T->lt, s->col);
                const yu_row *r = !strcmp(s->row, "total") ? total_row(T) : NULL;
                if (!r && !strcmp(s->row, "total") && T->lt->rows == YU_ROWS_SINGLE && T->nrows)
                    r = &T->rows[0];
                for (size_t j = 0; !r && j < T->nrows; j++)
                    if (!strcmp(T->rows[j].code, s->row))
                        r = &T->rows[j];
                if (r && ci >= 0 && r->cells[ci].kind == YU_CELL_MONEY) {
                    found = 1;
                    v = r->cells[ci].v;
                }
            }
            if (!found)
                continue;
            int64_t got = s->v;
            /* narrative 增减 figures are absolute */
            if (!strcmp(s->col, "diff") && v < 0)
                v = -v;
            if (got != v) {
                char a[32], bb[32];
                add(c, "N-FIGURE", YU_SEV_ERROR, "narrative", s->row, s->col, got, v,
                    "情况说明中的数字%s万元与《%s》对应数%s万元不一致。", yu_fmt_units(got, d->decimals, YU_NUM_PROSE, a, sizeof a),
                    T->title, yu_fmt_units(v, d->decimals, YU_NUM_PROSE, bb, sizeof bb));
            }
        }
    }
}

/* "总额X万元，其中：…A万元，占P%…": shares of the paragraph's first figure,
 * and totals announced with 其中 against their parts */
static void narrative_share_rules(rc *c)
{
    const yu_doc *d = c->d;
    char a[32], b[32];
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *blk = &d->blocks[i];
        if (blk->kind != YU_B_PARA)
            continue;
        int64_t base = 0, prev = 0, sum = 0;
        int have_base = 0, have_prev = 0, qizhong = 0, nparts = 0, has_pct = 0;
        for (size_t k = 0; k < blk->nsegs; k++) {
            const yu_seg *s = &blk->segs[k];
            if (s->kind == YU_SEG_TEXT) {
                if (have_base && s->text && strstr(s->text, "其中"))
                    qizhong = 1;
                if (s->text && (strstr(s->text, "比") || strstr(s->text, "。")))
                    have_prev = have_prev && !strstr(s->text, "。");
                continue;
            }
            if (s->kind == YU_SEG_MONEY) {
                if (!have_base) {
                    base = s->v;
                    have_base = 1;
                } else if (qizhong) {
                    sum += s->v;
                    nparts++;
                }
                prev = s->v;
                have_prev = 1;
            } else if (s->kind == YU_SEG_PCT && have_base && have_prev && qizhong && base) {
                has_pct = 1;
                /* prev / base in basis points, half away from zero; the printed
                 * figures are rounded to half a unit, so any share between
                 * (prev - 0.5) / (base + 0.5) and (prev + 0.5) / (base - 0.5)
                 * is right (one basis point more for the shares' own rounding) */
                __int128 num = (__int128)prev * 10000 * 2 + base;
                int64_t bp = (int64_t)(num / (2 * (__int128)base));
                int64_t lo = (int64_t)(((__int128)(2 * prev - 1) * 10000) / (2 * base + 1)) - 1;
                int64_t hi = base > 1 ? (int64_t)(((__int128)(2 * prev + 1) * 10000 + (2 * base - 2)) / (2 * base - 1)) + 1
                                      : 10001;
                if (s->v < lo || s->v > hi)
                    add(c, "N-SHARE", YU_SEV_ERROR, "narrative", "", "share", s->v, bp,
                        "情况说明中“占%s%%”与%s万元在%s万元中所占比例%s%%不一致。",
                        yu_fmt_units(s->v, 2, YU_NUM_PROSE, a, sizeof a), yu_fmt_units(prev, d->decimals, YU_NUM_PROSE, b, sizeof b),
                        yu_fmt_units(base, d->decimals, YU_NUM_PROSE, (char[32]){0}, 32),
                        yu_fmt_units(bp, 2, YU_NUM_PROSE, (char[32]){0}, 32));
                have_prev = 0;
            }
        }
        /* a total announced with 其中 and listed parts without shares (政府采购) */
        if (qizhong && nparts >= 2 && !has_pct && sum != base) {
            /* only the 政府采购 sentence lists its parts flat (the 三公 one nests) */
            int is_list = 0;
            for (size_t k = 0; k < blk->nsegs; k++)
                if (blk->segs[k].kind == YU_SEG_TEXT && blk->segs[k].text &&
                    strstr(blk->segs[k].text, "政府采购预算总额"))
                    is_list = 1;
            if (is_list)
                add(c, "N-PARTS", YU_SEV_ERROR, "narrative", "", "total", base, sum,
                    "情况说明中总额%s万元与所列各项之和%s万元不一致。",
                    yu_fmt_units(base, d->decimals, YU_NUM_PROSE, a, sizeof a),
                    yu_fmt_units(sum, d->decimals, YU_NUM_PROSE, b, sizeof b));
        }
    }
}

yu_status yu_check_doc(const yu_doc *d, yu_findings *out)
{
    rc c = {d, out, 0};
    for (size_t i = 0; i < d->ntables; i++)
        grid_rules(&c, &d->tables[i]);
    summary_rules(&c);
    perf_rules(&c);
    narrative_rules(&c);
    narrative_share_rules(&c);
    return c.oom ? YU_ENOMEM : YU_OK;
}
