/* Consistency rules over a document's tables and narrative.
 *
 * The table identities are data: each layout table's `sum` statements (row
 * identities) and the layout's `equal` statements (identities across cells
 * and tables), docs/layouts.md.  A grid table that declares no sum gets the
 * built-in ones its columns allow.  The hierarchy (类 = Σ款 …), the 增减
 * columns, the performance forms and the narrative are checked here. */
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include "yusuan/rules.h"
#include "yusuan/render.h"
#include "internal.h"
#include "rules_internal.h"

static const yu_rule_info rules[] = {
    {"T-ROW-SUM", "每行 合计 = 各组成列之和 (layout `sum`; built in: 合计 = 基本支出 + 项目支出 + 上缴上级支出 + 事业单位经营支出 + 对附属单位补助支出, 基本支出表 合计 = 人员经费 + 公用经费)"},
    {"T-BASIC-SUM", "基本支出 = 人员经费 + 公用经费"},
    {"T-CLASS-SUM", "类 = Σ 款 (each money column); a 款 printed with a code not under its 类"},
    {"T-KUAN-SUM", "款 = Σ 项 (each money column); a 项 printed with a code not under its 款"},
    {"T-TOTAL-SUM", "合计 row = Σ 类 rows (each money column; each half of a two-column table)"},
    {"T-DIFF", "增减额 = 预算数 − 执行数 (一般公共预算支出表)"},
    {"T-DIFF-PCT", "增减(%) = 增减额 / 执行数 × 100"},
    {"T-DIFF-EX", "扣除中央基建投资后: 增减额 = 扣除后预算数 − 扣除后执行数"},
    {"S-INCOME-SUM", "收支总表: 本年收入合计 (or 收入总计) = Σ income lines; 财政拨款收入 = Σ its budgets"},
    {"S-EXP-SUM", "收支总表: 本年支出合计 (or 支出总计) = Σ 类 lines"},
    {"S-GRAND", "收支总表: 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 上年结转 = 支出总计 = 本年支出合计 + 结转下年"},
    {"X-SUMMARY-EXP", "收支总表 本年支出合计 = 支出总表 合计"},
    {"X-SUMMARY-CLASS", "收支总表 each 类 = 支出总表 类 合计"},
    {"X-INCOME-TOTAL", "收入总表 合计 = 收支总表 收入总计"},
    {"X-INCOME-ITEMS", "收入总表 columns = 收支总表 income lines; 收入总表 listed by 功能分类: each row's 合计 = 支出总表 row"},
    {"F-GRAND", "财政拨款收支总表: 收入总计 = 本年收入 + 上年结转 = 支出总计 = 本年支出 + 结转下年"},
    {"F-PARTS", "财政拨款收支总表: 本年收入 = Σ 当年拨款; 上年结转 = Σ 上年结转; 本年支出 = Σ 类; each 类 = Σ its budgets"},
    {"X-FISCAL-GPB", "财政拨款收支总表 一般公共预算拨款 = 收支总表 一般公共预算拨款收入"},
    {"X-GPB-TOTAL", "一般公共预算支出表 合计 (and each 类) = 财政拨款收支总表 一般公共预算 (当年)"},
    {"X-GPB-BASIC", "一般公共预算基本支出表 合计 = 一般公共预算支出表 基本支出 合计"},
    {"G-SANGONG-SUM", "三公 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；小计 = 购置费 + 运行费"},
    {"Y-VEHICLE-BUY", "vehicles the narrative says the budget buys (预算安排购置车辆N辆) ⇔ a 公务用车购置费 in the “三公” table: "
                      "a purchase without money, or money without a purchase"},
    {"Y-PERF-SUM", "the 绩效目标 summary declared (perf.csv, 绩效目标 sheet) ≥ what the projects that set 绩效目标 give "
                   "(projects.csv with a 年度总体目标 or indicators): their number and their funds"},
    {"Y-PERF-LIFE", "财政项目支出绩效目标填报表: a project's 项目资金总额 (its whole life, projects.csv life_total) ≥ its funds of the year"},
    {"P-FUNDS", "绩效目标表: 年度资金总额 = 财政拨款 + 上年结转 + 其他资金"},
    {"P-WEIGHTS", "绩效目标表: Σ 分值权重 + 执行率分值 = 100"},
    {"N-FIGURE", "情况说明 figures = the table cells they speak about (元 tables: the 万元 figure is the cell rounded)"},
    {"N-SHARE", "情况说明 percentages: “X万元，占P%” = X / the total before 其中; “预算安排X万元，比…执行数增加P%” = (X − 执行数) / 执行数"},
    {"T-UNREADABLE", "every money cell holds a figure (a cell that cannot be read is reported, never taken as zero)"},
    {"D-EMPTY-NOTE", "an empty table carries the template's note (（注：…没有…）) or the narrative states its figure as 0"},
    {"D-NOTE-DATA", "a table with figures does not also say it has none"},
    {"N-UNTIED", "a 科目 the 情况说明 speaks about is a row of the table (warning)"},
    {"T-NAME", "功能分类 names printed in a published document = the official names of the catalogue (warning)"},
    {"P-LEVELS", "绩效指标: 一级指标 is 产出、效益、满意度 or 成本指标, and each 二级指标 belongs under its 一级指标"},
    {"P-INDICATORS", "every published 绩效目标表 lists its indicators"},
    {"X-GOVFUND-TOTAL", "政府性基金预算支出表 合计 = 财政拨款收支总表 政府性基金预算拨款 (当年)"},
    {"X-SOE-TOTAL", "国有资本经营预算支出表 合计 = 财政拨款收支总表 国有资本经营预算拨款 (当年)"},
    {"X-FISCAL-ITEMS", "财政拨款收支总表 政府性基金、国有资本经营预算拨款 = 收支总表 同项收入"},
    {"X-CARRY", "财政拨款 上年结转 ≤ 收支总表 上年结转; 财政拨款 结转下年 ≤ 收支总表 结转下年"},
    {"X-SANGONG-ECON", "基本支出表 公务接待费 (30217), 公务用车运行维护费 (30231), 因公出国（境）费用 (30212), 公务用车购置 (31013) ≤ the “三公” table's item (templates on the national 经济分类)"},
    {"N-PARTS", "情况说明 “政府采购…X万元，其中：A万元、B万元…” = Σ parts"},
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

yu_finding *yu_findings_addf(yu_findings *o, const char *rule, yu_severity sev, const char *table, const char *row,
                             const char *col, int64_t got, int64_t want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yu_finding *f = yu_findings_vadd(o, rule, sev, table, row, col, got, want, fmt, ap);
    va_end(ap);
    return f;
}

yu_finding *yu_findings_vadd(yu_findings *o, const char *rule, yu_severity sev, const char *table,
                             const char *row, const char *col, int64_t got, int64_t want, const char *fmt,
                             va_list ap)
{
    if (o->n == o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 16;
        yu_finding *nf = realloc(o->f, nc * sizeof *nf);
        if (!nf)
            return NULL;
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
    vsnprintf(f->msg, sizeof f->msg, fmt, ap);
    /* bounded copies may cut a Chinese character: drop the broken tail */
    yu_utf8_clip(f->table);
    yu_utf8_clip(f->row);
    yu_utf8_clip(f->col);
    yu_utf8_clip(f->msg);
    return f;
}

/* a finding whose money figures got and want are in units of fen 分 (0: not money) */
static void add(rc *c, const char *rule, yu_severity sev, const char *table, const char *row,
                const char *col, int64_t got, int64_t want, int64_t fen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yu_finding *f = yu_findings_vadd(c->out, rule, sev, table, row, col, got, want, fmt, ap);
    if (f)
        f->fen = fen;
    else
        c->oom = 1;
    va_end(ap);
}

/* ---- units ----
 * A money cell holds the figure its table prints: an integer of the table's
 * own unit (yu_table.unit_fen 分 per last printed digit, the engine's or the
 * audit's resolution), printed with the table's decimals.  The checks of one
 * table compare its printed figures as they are; an identity across tables
 * compares them in the finest unit of the tables it names (exact: no figure
 * is rounded a second time); a message prints every figure in the unit of
 * the table it names, as that table prints it. */

static int64_t doc_fen(const rc *c)
{
    return c->d->L && c->d->L->unit_fen > 0 ? c->d->L->unit_fen : 1;
}

/* 分 per printed digit of table T (the document's for a table without one) */
static int64_t table_fen(const rc *c, const yu_table *T)
{
    return T && T->unit_fen > 0 ? T->unit_fen : doc_fen(c);
}

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* v, in units of u 分, formatted in the unit table T prints (its decimals,
 * more when v is finer than its last digit: a figure of a finer table it was
 * compared with); no rounding */
static const char *fmtv(const rc *c, const yu_table *T, int64_t v, int64_t u, char *b)
{
    int64_t tu = table_fen(c, T);
    int dec = yu_table_decimals(c->d, T);
    if (u > tu && u % tu == 0)
        return yu_fmt_units(v * (u / tu), dec, YU_NUM_TABLE, b, 32);
    if (u < tu && tu % u == 0) {
        int64_t f = tu / u;
        if (v % f == 0)
            return yu_fmt_units(v / f, dec, YU_NUM_TABLE, b, 32);
        int k = 0;
        while (f % 10 == 0 && k < 12) {
            f /= 10;
            k++;
        }
        if (f == 1)
            return yu_fmt_units(v, dec + k, YU_NUM_TABLE, b, 32);
    }
    if (u != tu) /* units that are not decimal multiples of one another: in 元 */
        return yu_fmt_units(yu_round_units(v * u, 1), 2, YU_NUM_TABLE, b, 32);
    return yu_fmt_units(v, dec, YU_NUM_TABLE, b, 32);
}

/* Severity of a difference of diff_fen 分: a rounding residue when cells
 * are rounded independently and half a printed digit (prec_fen) per summed
 * cell explains it. */
static yu_severity severity(const rc *c, int64_t diff_fen, int n_parts, int64_t prec_fen)
{
    if (diff_fen < 0)
        diff_fen = -diff_fen;
    if (!c->d->L || !c->d->L->independent || n_parts < 2 || prec_fen <= 1)
        return YU_SEV_ERROR;
    __int128 d2 = (__int128)diff_fen * 2;
    return d2 <= (__int128)n_parts * prec_fen ? YU_SEV_ROUNDING : YU_SEV_ERROR;
}

/* the row's name: on a two-sided table, the label on the side the column is on */
static const char *row_name(const yu_table *T, const yu_row *r, const char *col)
{
    const char *rname = r && r->name ? r->name : "";
    if (T && r && T->lt->shape == YU_SHAPE_TWOSIDE) {
        int li = yu_ltable_col(T->lt, !strncmp(col, "out.", 4) ? "out.item" : "in.item");
        if (li >= 0 && r->cells[li].kind == YU_CELL_TEXT && r->cells[li].text)
            rname = r->cells[li].text;
    }
    if (T && r && (r->flags & YU_ROW_TOTAL) && !*rname && T->lt->total_label)
        rname = T->lt->total_label;
    return rname;
}

/* the column's printed header (its leaf label) */
static const char *col_name(const yu_table *T, const char *col)
{
    int ci = T ? yu_ltable_col(T->lt, col) : -1;
    if (ci >= 0 && T->lt->cols[ci].depth > 0 && T->hdr && T->hdr[(size_t)ci * YU_HDR_MAX + T->lt->cols[ci].depth - 1])
        return T->hdr[(size_t)ci * YU_HDR_MAX + T->lt->cols[ci].depth - 1];
    return col;
}

/* Compares got with want; a difference within `n_parts`/2 printed units is a
 * rounding residue when the template rounds cells independently. */
static void expect(rc *c, const char *rule, const yu_table *T, const yu_row *r, const char *col,
                   int64_t got, int64_t want, int n_parts, const char *what)
{
    if (got == want)
        return;
    char a[32], b[32], dd[32];
    int64_t diff = got > want ? got - want : want - got;
    int64_t tu = table_fen(c, T);
    yu_severity sev = severity(c, diff * tu, n_parts, tu);
    const char *rname = row_name(T, r, col);
    size_t before = c->out->n;
    add(c, rule, sev, T ? T->lt->id : "", r ? (r->code[0] ? r->code : rname) : "", col, got, want, tu,
        "《%s》%s%s“%s”为%s，按%s应为%s，相差%s。", T ? T->title : "", r && r->code[0] ? r->code : "",
        rname, col_name(T, col), fmtv(c, T, got, tu, a), what, fmtv(c, T, want, tu, b), fmtv(c, T, diff, tu, dd));
    if (r && c->out->n > before) {
        /* where the row was read (audited documents) */
        c->out->f[c->out->n - 1].page = r->page;
        c->out->f[c->out->n - 1].line = r->line;
    }
}

/* a money cell's printed figure (its table's unit); *has = 0 when blank or not a figure */
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

/* ---- row identities ---- */

/* the built-in row identities of a grid table that declares none */
static size_t default_sums(const yu_ltable *lt, yu_ident *out, yu_ref *refs)
{
    static const char *const parts[] = {"basic", "project", "shangjiao", "jingying", "fushu"};
    size_t n = 0, nr = 0;
    if (lt->shape != YU_SHAPE_GRID || (lt->rows != YU_ROWS_FUNC && lt->rows != YU_ROWS_ECON))
        return 0;
    int has_total = yu_ltable_col(lt, "total") >= 0, has_basic = yu_ltable_col(lt, "basic") >= 0;
    int has_pp = yu_ltable_col(lt, "personnel") >= 0 && yu_ltable_col(lt, "public") >= 0;
    if (has_total) {
        yu_ident *id = &out[n];
        memset(id, 0, sizeof *id);
        id->rule = "T-ROW-SUM";
        id->what = "各支出类型之和";
        id->lhs = &refs[nr];
        refs[nr++] = (yu_ref){NULL, "*", "total", 1, 0};
        id->nlhs = 1;
        id->rhs = &refs[nr];
        for (int k = 0; k < 5; k++)
            if (yu_ltable_col(lt, parts[k]) >= 0) {
                refs[nr++] = (yu_ref){NULL, "*", (char *)parts[k], 1, 0};
                id->nrhs++;
            }
        if (id->nrhs)
            n++;
        else
            nr--;
    }
    if (has_pp && (has_basic || has_total)) {
        yu_ident *id = &out[n++];
        memset(id, 0, sizeof *id);
        id->rule = has_basic ? "T-BASIC-SUM" : "T-ROW-SUM";
        id->what = "人员经费与公用经费之和";
        id->lhs = &refs[nr];
        refs[nr++] = (yu_ref){NULL, "*", has_basic ? "basic" : "total", 1, 0};
        id->nlhs = 1;
        id->rhs = &refs[nr];
        refs[nr++] = (yu_ref){NULL, "*", "personnel", 1, 0};
        refs[nr++] = (yu_ref){NULL, "*", "public", 1, 0};
        id->nrhs = 2;
    }
    return n;
}

/* the table's row identities (declared, or built in) */
static size_t table_sums(const yu_ltable *lt, const yu_ident **ids, yu_ident *buf, yu_ref *refs)
{
    if (lt->nsums) {
        *ids = lt->sums;
        return lt->nsums;
    }
    *ids = buf;
    return default_sums(lt, buf, refs);
}

/* "A、B与C之和" from the printed headers of the identity's right side */
static const char *sum_words(const yu_table *T, const yu_ident *id, char *buf, size_t n)
{
    if (id->what)
        return id->what;
    size_t k = 0;
    buf[0] = 0;
    for (size_t i = 0; i < id->nrhs && k + 1 < n; i++) {
        const char *sep = !i ? "" : i + 1 == id->nrhs ? "与" : "、";
        k += (size_t)snprintf(buf + k, n - k, "%s%s%s", sep, id->rhs[i].sign < 0 ? "减" : "", col_name(T, id->rhs[i].col));
    }
    if (k + 1 < n)
        snprintf(buf + k, n - k, "%s", id->nrhs > 1 ? "之和" : "");
    return buf;
}

/* Σ of the right side of a row identity on one row, as printed; *nv cells
 * with a value; *bad when one is not a figure */
static int64_t rhs_of(const yu_table *T, const yu_row *r, const yu_ident *id, int *nv, int *bad)
{
    int64_t s = 0;
    *nv = *bad = 0;
    for (size_t k = 0; k < id->nrhs; k++) {
        int ci = yu_ltable_col(T->lt, id->rhs[k].col);
        if (ci < 0)
            continue;
        const yu_cell *x = &r->cells[ci];
        if (x->kind == YU_CELL_TEXT)
            *bad = 1;
        if (x->kind == YU_CELL_MONEY) {
            s += id->rhs[k].sign * x->v;
            (*nv)++;
        }
    }
    return s;
}

static void row_sums(rc *c, const yu_table *T)
{
    yu_ident buf[4];
    yu_ref refs[16];
    const yu_ident *ids;
    size_t n = table_sums(T->lt, &ids, buf, refs);
    for (size_t k = 0; k < n; k++) {
        const yu_ident *id = &ids[k];
        int ct = yu_ltable_col(T->lt, id->lhs[0].col);
        if (ct < 0)
            continue;
        char words[256];
        const char *what = sum_words(T, id, words, sizeof words);
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_row *r = &T->rows[i];
            int nv, bad, h;
            int64_t s = rhs_of(T, r, id, &nv, &bad);
            int64_t tot = cellv(r, ct, &h);
            if (bad || r->cells[ct].kind == YU_CELL_TEXT)
                continue;
            if (!h) {
                /* a blank total whose parts are not zero: a missing value */
                if (s) {
                    char a[32];
                    const char *lab = r->code[0] ? r->code : (r->flags & YU_ROW_TOTAL) && T->lt->total_label ? T->lt->total_label : row_name(T, r, id->lhs[0].col);
                    add(c, id->rule, YU_SEV_MISSING, T->lt->id, lab, id->lhs[0].col, 0, s, table_fen(c, T),
                        "《%s》%s%s“%s”为空，按%s应为%s。", T->title, r->code,
                        r->code[0] ? r->name : lab, col_name(T, id->lhs[0].col), what, fmtv(c, T, s, table_fen(c, T), a));
                }
                continue;
            }
            if (nv)
                expect(c, id->rule, T, r, id->lhs[0].col, tot, s, (int)id->nrhs, what);
        }
    }
}

/* the value a row identity of the table implies for a blank cell, or 0 */
static int64_t implied(const yu_table *T, const yu_row *r, int ci)
{
    yu_ident buf[4];
    yu_ref refs[16];
    const yu_ident *ids;
    size_t n = table_sums(T->lt, &ids, buf, refs);
    for (size_t k = 0; k < n; k++)
        if (yu_ltable_col(T->lt, ids[k].lhs[0].col) == ci) {
            int nv, bad;
            int64_t s = rhs_of(T, r, &ids[k], &nv, &bad);
            if (s)
                return s;
        }
    return 0;
}

/* ---- 功能/经济分类 tables ---- */

static int same_half(const yu_row *a, const yu_row *b)
{
    return (!a->key[1] && !b->key[1]) || (a->key[1] && b->key[1] && !strcmp(a->key[1], b->key[1]));
}

static void grid_rules(rc *c, const yu_table *T)
{
    const yu_ltable *lt = T->lt;
    if (lt->shape != YU_SHAPE_GRID)
        return;
    row_sums(c, T);
    if (T->empty || (lt->rows != YU_ROWS_FUNC && lt->rows != YU_ROWS_ECON))
        return;
    /* codes printed wrong */
    for (size_t i = 0; i < T->nrows; i++) {
        const yu_row *r = &T->rows[i];
        if (!(r->flags & YU_ROW_MISPRINT))
            continue;
        int cc = yu_ltable_col(lt, "code");
        const char *printed = cc >= 0 && r->cells[cc].kind == YU_CELL_TEXT ? r->cells[cc].text : "";
        const yu_row *parent = NULL;
        for (size_t j = i; j-- > 0;)
            if (T->rows[j].level && T->rows[j].level < r->level && same_half(&T->rows[j], r)) {
                parent = &T->rows[j];
                break;
            }
        add(c, r->level >= 3 ? "T-KUAN-SUM" : "T-CLASS-SUM", YU_SEV_ERROR, lt->id, printed, "code", 0, 0, 0,
            "《%s》第%d行“%s”的科目编码印为“%s”，不是%s%s下的编码%s%s。", T->title, r->line, r->name, printed,
            parent ? parent->code : "", parent ? parent->name : "", r->code[0] ? "（按所在位置应为" : "",
            r->code[0] ? yu_arena_printf(c->d->arena, "%s）", r->code) : "");
    }
    /* hierarchy: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类 (each half of a two-column table) */
    for (size_t ci = 0; ci < lt->ncols; ci++) {
        const char *key = lt->cols[ci].key;
        if (!strcmp(key, "code") || !strcmp(key, "name") || strstr(key, "pct"))
            continue;
        for (size_t i0 = 0; i0 < T->nrows; i0++) {
            /* one pass per half: start at each half's first row */
            if (i0 && same_half(&T->rows[i0 - 1], &T->rows[i0]))
                continue;
            int64_t sum_top = 0;
            int ntop = 0;
            const yu_row *total = NULL;
            for (size_t i = i0; i < T->nrows && same_half(&T->rows[i], &T->rows[i0]); i++) {
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
                int64_t s = 0;
                int n = 0;
                for (size_t j = i + 1; j < T->nrows && T->rows[j].level > 1 && !(T->rows[j].flags & YU_ROW_TOTAL) &&
                                       same_half(&T->rows[j], r);
                     j++) {
                    const yu_row *k = &T->rows[j];
                    if (k->level != 2)
                        continue;
                    int hh;
                    s += cellv(k, (int)ci, &hh);
                    n++;
                    /* 款 = Σ 项 */
                    int64_t s3 = 0;
                    int n3 = 0;
                    for (size_t m = j + 1; m < T->nrows && T->rows[m].level == 3 && same_half(&T->rows[m], k); m++) {
                        int h3;
                        s3 += cellv(&T->rows[m], (int)ci, &h3);
                        n3++;
                    }
                    if (n3) {
                        int h2;
                        int64_t kv = cellv(k, (int)ci, &h2);
                        if (h2 || !implied(T, k, (int)ci))
                            expect(c, "T-KUAN-SUM", T, k, key, kv, s3, n3, "所属各项之和");
                    }
                }
                if (n && (h || !implied(T, r, (int)ci)))
                    expect(c, "T-CLASS-SUM", T, r, key, cellv(r, (int)ci, &h), s, n, "所属各款之和");
            }
            if (total && ntop) {
                int h;
                int64_t tv = cellv(total, (int)ci, &h);
                if (h || !implied(T, total, (int)ci))
                    expect(c, "T-TOTAL-SUM", T, total, key, tv, sum_top, ntop, "各类之和");
            }
        }
    }
    /* 增减额, 增减% */
    int ct = yu_ltable_col(lt, "total");
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
                    add(c, "T-DIFF-PCT", YU_SEV_ERROR, lt->id, r->code, "diff_ex_pct", r->cells[cpe_pct].v, want, 0,
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
            if (!h1) /* a missing total: the sum of its parts stands in for it */
                tot = implied(T, r, ct);
            if (h3)
                expect(c, "T-DIFF", T, r, "diff", df, tot - pr, 0, "预算数减执行数");
            if (cpc >= 0 && pr) {
                const yu_cell *x = &r->cells[cpc];
                int def;
                int64_t want = yu_change_bp(tot, pr, &def);
                if (x->kind == YU_CELL_PCT && x->v != want) {
                    char a[32], b[32];
                    add(c, "T-DIFF-PCT", YU_SEV_ERROR, lt->id, r->code, "diff_pct", x->v, want, 0,
                        "《%s》%s%s增减(%%)为%s，按增减额/执行数应为%s。", T->title, r->code, r->name,
                        yu_fmt_units(x->v, 2, YU_NUM_TABLE, a, sizeof a), yu_fmt_units(want, 2, YU_NUM_TABLE, b, sizeof b));
                }
            }
        }
}

/* ---- identities across cells and tables (`equal`) ---- */

static const yu_row *total_row(const yu_table *T)
{
    for (size_t i = 0; i < T->nrows; i++)
        if (T->rows[i].flags & YU_ROW_TOTAL)
            return &T->rows[i];
    if (T->lt->rows == YU_ROWS_SINGLE && T->nrows)
        return &T->rows[0];
    return NULL;
}

static int side_of(const char *col)
{
    return !strncmp(col, "out.", 4);
}

/* does row r of T match a pattern row ("@class", "@code") for code `inst` */
static int row_matches(const yu_table *T, const yu_row *r, const char *pat, const char *col, const char *inst)
{
    if (T->lt->shape == YU_SHAPE_TWOSIDE) {
        const char *k = r->key[side_of(col)];
        if (!k || strncmp(k, "class:", 6) || strcmp(pat, "@class"))
            return 0;
        return !inst || !strcmp(k + 6, inst);
    }
    if (!r->code[0] || (r->flags & YU_ROW_TOTAL))
        return 0;
    if (!strcmp(pat, "@class") && r->level != 1)
        return 0;
    return !inst || !strcmp(r->code, inst);
}

static const char *row_code_of(const yu_table *T, const yu_row *r, const char *col)
{
    if (T->lt->shape == YU_SHAPE_TWOSIDE) {
        const char *k = r->key[side_of(col)];
        return k && !strncmp(k, "class:", 6) ? k + 6 : NULL;
    }
    return r->code;
}

/* leaf rows under a row (the cells a 类 or 合计 figure adds up) */
static int leaves(const yu_table *T, const yu_row *r)
{
    if (T->lt->shape != YU_SHAPE_GRID || !T->nrows)
        return 1;
    size_t i = (size_t)(r - T->rows);
    int total = (r->flags & YU_ROW_TOTAL) != 0, n = 0;
    for (size_t j = total ? 0 : i + 1; j < T->nrows; j++) {
        const yu_row *w = &T->rows[j];
        if (!total && (w->level <= r->level || (w->flags & YU_ROW_TOTAL)))
            break;
        if (!w->level || (w->flags & YU_ROW_TOTAL) || !same_half(w, r))
            continue;
        int leaf = j + 1 >= T->nrows || T->rows[j + 1].level <= w->level;
        n += leaf;
    }
    return n ? n : 1;
}

/* the named row of a reference */
static const yu_row *named_row(const yu_table *T, const yu_ref *f)
{
    if (!strcmp(f->row, "total"))
        return total_row(T);
    for (size_t i = 0; i < T->nrows; i++) {
        const yu_row *r = &T->rows[i];
        if (T->lt->shape == YU_SHAPE_TWOSIDE) {
            const char *k = r->key[side_of(f->col)];
            if (k && !strcmp(k, f->row))
                return r;
        } else if ((r->code[0] && !strcmp(r->code, f->row)) || (r->key[0] && !strcmp(r->key[0], f->row)))
            return r;
    }
    return NULL;
}

typedef struct term {
    const yu_table *T;
    const yu_row *r;   /* the row (first matched for sums) */
    int64_t v;
    int cells;         /* printed cells it stands for */
} term;

/* a cell's value in units of cu 分 (a divisor of its table's unit: exact);
 * blank is zero unless it is a missing value; 0 when unreadable */
static int cell_of(const yu_table *T, const yu_row *r, int ci, int64_t cu, int64_t *v)
{
    const yu_cell *x = &r->cells[ci];
    if (x->kind == YU_CELL_MONEY) {
        *v = T->unit_fen > cu ? x->v * (T->unit_fen / cu) : x->v;
        return 1;
    }
    if (x->kind == YU_CELL_EMPTY && !implied(T, r, ci)) {
        *v = 0;
        return 1;
    }
    return 0;
}

/* evaluates a reference for instance `inst` (a code, for @class/@code), in
 * units of cu 分; 0 when it cannot be evaluated */
static int eval_ref(const yu_doc *d, const yu_ref *f, const char *inst, int64_t cu, term *t)
{
    memset(t, 0, sizeof *t);
    const yu_table *T = yu_doc_table(d, f->table);
    if (!T)
        return 0;
    t->T = T;
    int ci = yu_ltable_col(T->lt, f->col);
    if (ci < 0)
        return 0;
    int pat = f->row[0] == '@';
    if (f->sum || pat) {
        int any = 0;
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_row *r = &T->rows[i];
            if (!row_matches(T, r, f->row, f->col, f->sum ? NULL : inst))
                continue;
            int64_t v;
            if (!cell_of(T, r, ci, cu, &v))
                return 0;
            t->v += v;
            t->cells += f->sum ? 1 : leaves(T, r);
            if (!t->r)
                t->r = r;
            any = 1;
        }
        if (!any)
            t->cells = 1; /* absent: nothing printed, zero */
        t->v *= f->sign;
        return 1;
    }
    const yu_row *r = named_row(T, f);
    if (!r) {
        if (T->empty) {
            t->cells = 1;
            return 1;
        }
        return 0;
    }
    int64_t v;
    if (!cell_of(T, r, ci, cu, &v))
        return 0;
    t->r = r;
    t->v = f->sign * v;
    t->cells = leaves(T, r);
    return 1;
}

/* "《部门收支总表》收入总计" for the right side of an identity */
static const char *ident_words(const yu_doc *d, const yu_ident *id, char *buf, size_t n)
{
    if (id->what)
        return id->what;
    size_t k = 0;
    buf[0] = 0;
    for (size_t i = 0; i < id->nrhs && k + 1 < n; i++) {
        const yu_ref *f = &id->rhs[i];
        const yu_table *T = yu_doc_table(d, f->table);
        const char *title = T ? T->title : f->table;
        const char *sep = !i ? "" : f->sign < 0 ? "减" : "加";
        if (f->sum || f->row[0] == '@')
            k += (size_t)snprintf(buf + k, n - k, "%s《%s》%s“%s”", sep, title,
                                  f->sum ? "各类之和" : "同一科目", T ? col_name(T, f->col) : f->col);
        else {
            const yu_row *r = T ? named_row(T, f) : NULL;
            const char *rn = r ? row_name(T, r, f->col) : f->row;
            if (r && (r->flags & YU_ROW_TOTAL) && !*rn)
                rn = "合计";
            k += (size_t)snprintf(buf + k, n - k, "%s《%s》%s%s“%s”", sep, title, r && r->code[0] ? r->code : "",
                                  rn && *rn ? rn : f->row, T ? col_name(T, f->col) : f->col);
        }
    }
    return buf;
}

/* a 收入总计/支出总计 line of a two-sided table */
static int is_grand(const yu_row *r)
{
    for (int k = 0; k < 2; k++)
        if (r->key[k] && !strncmp(r->key[k], "grand", 5))
            return 1;
    return 0;
}

static void check_ident(rc *c, const yu_ident *id, const char *inst)
{
    const yu_doc *d = c->d;
    /* the unit compared in: the finest of the tables named (each figure exact in it) */
    int64_t cu = 0;
    for (int side = 0; side < 2; side++)
        for (size_t i = 0; i < (side ? id->nrhs : id->nlhs); i++) {
            const yu_table *T = yu_doc_table(d, (side ? id->rhs : id->lhs)[i].table);
            if (T)
                cu = cu ? gcd64(cu, table_fen(c, T)) : table_fen(c, T);
        }
    if (!cu)
        cu = doc_fen(c);
    if (id->cond) {
        term t;
        const yu_table *CT = yu_doc_table(d, id->cond->table);
        int ok = eval_ref(d, id->cond, inst, CT ? table_fen(c, CT) : cu, &t);
        int nonzero = ok && t.v != 0;
        if (id->cond_unless ? nonzero : !nonzero)
            return;
    }
    int64_t lv = 0, rv = 0;
    int cells = 0, blank_lhs = 0, blank_rhs = 0;
    term first;
    memset(&first, 0, sizeof first);
    int64_t prec = 1;
    for (int side = 0; side < 2; side++) {
        const yu_ref *refs = side ? id->rhs : id->lhs;
        size_t n = side ? id->nrhs : id->nlhs;
        for (size_t i = 0; i < n; i++) {
            term t;
            if (!eval_ref(d, &refs[i], inst, cu, &t))
                return;
            /* a total printed blank (a single named cell, not a sum) */
            if (t.r && !refs[i].sum && refs[i].row[0] != '@' && (t.r->flags & YU_ROW_TOTAL || is_grand(t.r))) {
                int ci = yu_ltable_col(t.T->lt, refs[i].col);
                if (ci >= 0 && t.r->cells[ci].kind == YU_CELL_EMPTY) {
                    if (side)
                        blank_rhs = 1;
                    else
                        blank_lhs = 1;
                }
            }
            if (!side && !i)
                first = t;
            if (side)
                rv += t.v;
            else
                lv += t.v;
            cells += t.cells;
            int64_t p = table_fen(c, t.T);
            if (p > prec)
                prec = p;
        }
    }
    if (id->le ? lv <= rv : lv == rv)
        return;
    /* a blank total: one missing value where it is the left side, nothing
     * where another identity only compares with it (no echo of one defect) */
    if (blank_rhs && !blank_lhs)
        return;
    char words[512], a[32], b[32], dd[32];
    const char *what = ident_words(d, id, words, sizeof words);
    const yu_table *T = first.T;
    const yu_row *r = first.r;
    const char *col = id->lhs[0].col;
    int64_t diff = lv > rv ? lv - rv : rv - lv;
    yu_severity sev = blank_lhs && !lv ? YU_SEV_MISSING : severity(c, diff * cu, cells, prec);
    const char *rname = r ? row_name(T, r, col) : inst ? inst : id->lhs[0].row;
    if (r && (r->flags & YU_ROW_TOTAL) && !*rname)
        rname = "合计";
    if (sev == YU_SEV_MISSING) {
        add(c, id->rule, sev, T ? T->lt->id : id->lhs[0].table, r ? (r->code[0] ? r->code : rname) : id->lhs[0].row,
            col, lv, rv, cu, "《%s》%s%s“%s”为空，按%s应为%s。", T ? T->title : "", r && r->code[0] ? r->code : "", rname,
            col_name(T, col), what, fmtv(c, T, rv, cu, b));
        if (r && c->out->n) {
            c->out->f[c->out->n - 1].page = r->page;
            c->out->f[c->out->n - 1].line = r->line;
        }
        return;
    }
    add(c, id->rule, sev, T ? T->lt->id : id->lhs[0].table, r ? (r->code[0] ? r->code : rname) : id->lhs[0].row, col,
        lv, rv, cu, "《%s》%s%s“%s”为%s，按%s%s应为%s，相差%s。", T ? T->title : "", r && r->code[0] ? r->code : "",
        rname, col_name(T, col), fmtv(c, T, lv, cu, a), id->le ? "不超过" : "", what, fmtv(c, T, rv, cu, b),
        fmtv(c, T, diff, cu, dd));
}

/* instances of a patterned identity: every code its pattern references match */
static void ident_rules(rc *c)
{
    const yu_layout *L = c->d->L;
    for (size_t k = 0; L && k < L->nidents; k++) {
        const yu_ident *id = &L->idents[k];
        const char *insts[512];
        size_t ni = 0;
        int patterned = 0;
        for (int side = 0; side < 2; side++) {
            const yu_ref *refs = side ? id->rhs : id->lhs;
            size_t n = side ? id->nrhs : id->nlhs;
            for (size_t i = 0; i < n; i++) {
                const yu_ref *f = &refs[i];
                if (f->sum || f->row[0] != '@')
                    continue;
                patterned = 1;
                const yu_table *T = yu_doc_table(c->d, f->table);
                for (size_t j = 0; T && j < T->nrows; j++) {
                    const yu_row *r = &T->rows[j];
                    if (!row_matches(T, r, f->row, f->col, NULL))
                        continue;
                    const char *code = row_code_of(T, r, f->col);
                    int seen = 0;
                    for (size_t q = 0; q < ni && !seen; q++)
                        seen = !strcmp(insts[q], code);
                    if (!seen && ni < 512)
                        insts[ni++] = code;
                }
            }
        }
        if (!patterned)
            check_ident(c, id, NULL);
        for (size_t q = 0; q < ni; q++)
            check_ident(c, id, insts[q]);
    }
}

/* ---- performance forms ---- */

/* 一级指标 and the 二级指标 that belong under each (财政部 项目支出绩效目标 framework) */
static const struct { const char *l1; const char *l2[5]; } levels[] = {
    {"产出指标", {"数量", "质量", "时效", "成本", NULL}},
    {"效益指标", {"经济效益", "社会效益", "生态效益", "可持续影响", NULL}},
    {"满意度指标", {"服务对象满意度", "满意度", NULL}},
    {"成本指标", {"经济成本", "社会成本", "生态环境成本", "成本", NULL}},
};

/* the indicator levels of every form: a known 一级指标, and a 二级指标 under it */
static void level_rules(rc *c)
{
    const yu_doc *d = c->d;
    for (size_t i = 0; i < d->nperf; i++) {
        const yu_perf *p = &d->perf[i];
        for (size_t k = 0; k < p->nrows; k++) {
            const yu_perf_row *x = &p->rows[k];
            if (!x->l1 || !x->l1[0])
                continue; /* not read from this template's forms */
            int li = -1;
            for (size_t j = 0; j < sizeof levels / sizeof levels[0]; j++)
                if (!strcmp(x->l1, levels[j].l1))
                    li = (int)j;
            if (li < 0) {
                add(c, "P-LEVELS", YU_SEV_ERROR, "perf", p->p->name, "level1", 0, 0, 0,
                    "项目“%s”的一级指标“%s”不是产出指标、效益指标、满意度指标或成本指标。", p->p->name, x->l1);
                continue;
            }
            if (!x->l2 || !x->l2[0])
                continue;
            int ok = 0;
            for (int m = 0; levels[li].l2[m] && !ok; m++)
                ok = !strncmp(x->l2, levels[li].l2[m], strlen(levels[li].l2[m]));
            if (!ok)
                add(c, "P-LEVELS", YU_SEV_ERROR, "perf", p->p->name, "level2", 0, 0, 0,
                    "项目“%s”的二级指标“%s”不属于一级指标“%s”。", p->p->name, x->l2, x->l1);
        }
    }
}

static void perf_rules(rc *c)
{
    const yu_doc *d = c->d;
    char a[32], b[32];
    for (size_t i = 0; i < d->nperf; i++) {
        const yu_perf *p = &d->perf[i];
        if (p->total != p->fiscal + p->carry + p->other)
            add(c, "P-FUNDS", YU_SEV_ERROR, "perf", p->p->name, "total", p->total, p->fiscal + p->carry + p->other, p->unit_fen,
                "项目“%s”绩效目标表年度资金总额为%s，财政拨款、上年结转与其他资金之和为%s。", p->p->name,
                yu_fmt_units(p->total, p->decimals, YU_NUM_TABLE, a, sizeof a),
                yu_fmt_units(p->fiscal + p->carry + p->other, p->decimals, YU_NUM_TABLE, b, sizeof b));
        int64_t want = (int64_t)(100 - p->p->exec_score) * 100;
        if (p->weight_sum != want)
            add(c, "P-WEIGHTS", YU_SEV_ERROR, "perf", p->p->name, "weight", p->weight_sum, want, 0,
                "项目“%s”绩效指标分值权重合计为%s，加上执行率分值%d应为100。", p->p->name,
                yu_fmt_units(p->weight_sum, 2, YU_NUM_PROSE, a, sizeof a), p->p->exec_score);
    }
}

/* ---- the narrative ---- */

static int64_t prose_fen(const rc *c)
{
    const yu_layout *L = c->d->L;
    int64_t f = L && L->prose_fen > 0 ? L->prose_fen : doc_fen(c);
    return f > doc_fen(c) ? f : doc_fen(c);
}

static int prose_dec(const rc *c)
{
    const yu_layout *L = c->d->L;
    return L && L->prose_label ? L->prose_decimals : c->d->decimals;
}

static const char *prose_unit(const rc *c)
{
    const yu_layout *L = c->d->L;
    return L && L->prose_label ? L->prose_label : c->d->unit_label ? c->d->unit_label : "万元";
}

/* a document value in the narrative's unit, rounded half away from zero */
static int64_t in_prose(const rc *c, int64_t v)
{
    return yu_round_units(v * doc_fen(c), prose_fen(c));
}

static const char *fmtp(const rc *c, int64_t v, char *b)
{
    return yu_fmt_units(in_prose(c, v), prose_dec(c), YU_NUM_PROSE, b, 32);
}

/* the place of the last finding: the paragraph it is in */
static void here(rc *c, const yu_block *b)
{
    if (c->out->n && b) {
        c->out->f[c->out->n - 1].page = b->page;
        c->out->f[c->out->n - 1].line = b->line;
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
            int ci = yu_ltable_col(T->lt, s->col);
            if (ci < 0)
                continue;
            /* both figures as 分: the cell's printed figure in its table's unit, the
             * narrative's in its own (yu_seg.unit_fen, compiled or read) */
            int found = 0;
            int64_t cell_fen = 0;
            const yu_row *r = NULL;
            (void)yu__table_cell(T, s->row, s->col, &r);
            if (r && r->cells[ci].kind == YU_CELL_MONEY) {
                found = 1;
                cell_fen = r->cells[ci].v * table_fen(c, T);
            } else if (r && r->cells[ci].kind == YU_CELL_EMPTY && ((r->flags & YU_ROW_TOTAL) || is_grand(r))) {
                continue; /* a total printed blank: reported where its identity is */
            } else if (r && r->cells[ci].kind == YU_CELL_EMPTY && !implied(T, r, ci)) {
                found = 1; /* printed blank: zero */
            } else if (!r && T->empty) {
                found = 1; /* an empty table: zero */
            }
            if (!found)
                continue;
            int64_t got_fen = s->v * s->unit_fen;
            /* narrative 增减 figures are absolute */
            if (!strcmp(s->col, "diff") && cell_fen < 0)
                cell_fen = -cell_fen;
            if (got_fen == cell_fen)
                continue;
            int64_t pf = s->unit_fen, tf = table_fen(c, T);
            int pdec = s->decimals;
            yu_severity sev = YU_SEV_ERROR;
            if (s->printed && s->printed - 1 < pdec) {
                /* the narrative printed fewer decimals (19,577万元 for
                 * 19,577.43): the cell rounded to what it printed */
                int64_t unit = pf;
                for (int k = s->printed - 1; k < pdec; k++)
                    unit *= 10;
                if (yu_round_units(got_fen, unit) == yu_round_units(cell_fen, unit))
                    continue;
            }
            if (pf > tf) {
                /* the narrative rounds the table's printed figure, once, to its own unit */
                if (yu_round_units(got_fen, pf) == yu_round_units(cell_fen, pf))
                    continue;
                int64_t dfen = got_fen > cell_fen ? got_fen - cell_fen : cell_fen - got_fen;
                if (c->d->L && c->d->L->independent && dfen <= pf)
                    sev = YU_SEV_ROUNDING;
            }
            char a[32], bb[32];
            /* got and want in the narrative's unit, as the message prints them (万元 beside 元 tables) */
            add(c, "N-FIGURE", sev, "narrative", s->row, s->col, yu_round_units(got_fen, pf),
                yu_round_units(cell_fen, pf), pf, "情况说明中的数字%s%s与《%s》对应数%s%s不一致。",
                yu_fmt_units(yu_round_units(got_fen, pf), pdec, YU_NUM_PROSE, a, sizeof a), prose_unit(c), T->title,
                yu_fmt_units(yu_round_units(cell_fen, pf), pdec, YU_NUM_PROSE, bb, sizeof bb), prose_unit(c));
            here(c, b);
        }
    }
}

/* bp of num/den, half away from zero */
static int64_t ratio_bp(int64_t num, int64_t den)
{
    __int128 n = (__int128)num * 10000 * 2;
    __int128 q = n / den;
    q += q >= 0 ? 1 : -1;
    return (int64_t)(q / 2);
}

/* the percentages of a paragraph: shares (占P%) of the figure before
 * 其中/主要用于, and changes (增加P%) from a 执行数 to the figure after it */
static void narrative_share_rules(rc *c)
{
    const yu_doc *d = c->d;
    char a[32], b[32], e[32], f[32];
    int64_t u = prose_fen(c) / doc_fen(c); /* document units per printed prose unit */
    if (u < 1)
        u = 1;
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *blk = &d->blocks[i];
        if (blk->kind != YU_B_PARA)
            continue;
        int64_t base = 0, prev = 0, sum = 0, prior = 0, cur = 0;
        int have_base = 0, have_prev = 0, qizhong = 0, nparts = 0, has_pct = 0, have_prior = 0, have_cur = 0;
        int is_list = 0, list_open = 0;
        const char *window = "";
        for (size_t k = 0; k < blk->nsegs; k++) {
            const yu_seg *s = &blk->segs[k];
            if (s->kind == YU_SEG_TEXT) {
                window = s->text ? s->text : "";
                if (have_prev && !qizhong && (strstr(window, "其中") || strstr(window, "主要用于"))) {
                    qizhong = 1;
                    base = prev;
                    have_base = 1;
                    if (is_list)
                        list_open = 1;
                }
                if (strstr(window, "政府采购") && !qizhong)
                    is_list = 1;
                if (list_open && strstr(window, "。"))
                    list_open = 0;
                continue;
            }
            if (s->kind == YU_SEG_MONEY) {
                int64_t sv = yu__seg_doc_units(d, s);
                if (qizhong && list_open) {
                    sum += sv;
                    nparts++;
                }
                prev = sv;
                have_prev = 1;
                if (s->col && !strcmp(s->col, "prior")) {
                    prior = sv;
                    have_prior = 1;
                    have_cur = 0;
                } else if (have_prior) {
                    cur = sv;
                    have_cur = 1;
                }
                continue;
            }
            if (s->kind != YU_SEG_PCT)
                continue;
            const char *zhan = strstr(window, "占");
            int share_here = zhan && (!zhan[3] || !strcmp(zhan + 3, "比"));
            if (share_here && have_base && have_prev && qizhong && base) {
                has_pct = 1;
                /* prev / base in basis points; the printed figures are rounded to
                 * half a unit, so any share between (prev - 0.5) / (base + 0.5)
                 * and (prev + 0.5) / (base - 0.5) is right (one basis point more
                 * for the shares' own rounding) */
                int64_t bp = ratio_bp(prev, base);
                int64_t lo = (int64_t)(((__int128)(2 * prev - u) * 10000) / (2 * base + u)) - 1;
                int64_t hi = base > u ? (int64_t)(((__int128)(2 * prev + u) * 10000 + (2 * base - 2 * u)) / (2 * base - u)) + 1
                                      : 10001;
                if (s->v < lo || s->v > hi) {
                    add(c, "N-SHARE", YU_SEV_ERROR, "narrative", "", "share", s->v, bp, 0,
                        "情况说明中“占%s%%”与%s%s在%s%s中所占比例%s%%不一致。",
                        yu_fmt_units(s->v, 2, YU_NUM_PROSE, a, sizeof a), fmtp(c, prev, b), prose_unit(c),
                        fmtp(c, base, e), prose_unit(c), yu_fmt_units(bp, 2, YU_NUM_PROSE, f, sizeof f));
                    here(c, blk);
                }
                have_prev = 0;
            } else if (!zhan && have_prior && have_cur && prior > 0 &&
                       (strstr(window, "增加") || strstr(window, "减少") || strstr(window, "增长") || strstr(window, "下降"))) {
                int neg = strstr(window, "减少") || strstr(window, "下降");
                int64_t stated = neg ? -s->v : s->v;
                int64_t bp = ratio_bp(cur - prior, prior);
                /* both figures printed to half a unit */
                int64_t lo = (int64_t)(((__int128)(2 * (cur - prior) - 2 * u) * 10000) / (2 * prior + u)) - 1;
                int64_t hi = prior > u ? (int64_t)(((__int128)(2 * (cur - prior) + 2 * u) * 10000) / (2 * prior - u)) + 1
                                       : 1000000;
                if (lo > bp)
                    lo = bp - 1;
                if (stated < lo || stated > hi) {
                    add(c, "N-SHARE", YU_SEV_ERROR, "narrative", "", "change", stated, bp, 0,
                        "情况说明中“%s%s%%”与%s%s比%s%s的变动%s%%不一致。", neg ? "减少" : "增加",
                        yu_fmt_units(s->v, 2, YU_NUM_PROSE, a, sizeof a), fmtp(c, cur, b), prose_unit(c),
                        fmtp(c, prior, e), prose_unit(c), yu_fmt_units(bp, 2, YU_NUM_PROSE, f, sizeof f));
                    here(c, blk);
                }
                have_cur = 0;
            }
        }
        /* a 政府采购 total announced with 其中 and its parts listed */
        if (is_list && qizhong && nparts >= 2 && !has_pct && sum != base) {
            int64_t diff = sum > base ? sum - base : base - sum;
            yu_severity sev = severity(c, diff * doc_fen(c), nparts, prose_fen(c));
            add(c, "N-PARTS", sev, "narrative", "", "total", in_prose(c, base), in_prose(c, sum), prose_fen(c),
                "情况说明中总额%s%s与所列各项之和%s%s不一致。", fmtp(c, base, a), prose_unit(c), fmtp(c, sum, b),
                prose_unit(c));
            here(c, blk);
        }
    }
}

/* a name compared with the catalogue's: white space dropped, brackets and
 * their full-width forms alike */
static int same_name(const char *a, const char *b)
{
    for (;;) {
        uint32_t x = 0, y = 0;
        int m, n;
        do {
            m = yu_utf8_decode(a, strlen(a), &x);
            a += m;
        } while (m && (x == ' ' || x == 0x3000));
        do {
            n = yu_utf8_decode(b, strlen(b), &y);
            b += n;
        } while (n && (y == ' ' || y == 0x3000));
        if (x == 0xFF08) x = '(';
        if (x == 0xFF09) x = ')';
        if (y == 0xFF08) y = '(';
        if (y == 0xFF09) y = ')';
        if (x != y)
            return 0;
        if (!m || !x)
            return 1;
    }
}

/* a printed name that holds the official one, or is held by it, is a name
 * cut or wrapped by the layout of the page, not a different name */
static int name_fragment(const char *printed, const char *official)
{
    return strstr(printed, official) || strstr(official, printed);
}

/* 功能分类 names a published document prints against the official ones
 * (warnings: an old name, a name cut short, a code that is not what it says) */
static void name_rules(rc *c)
{
    const yu_doc *d = c->d;
    if (!d->func)
        return;
    for (size_t t = 0; t < d->ntables; t++) {
        const yu_table *T = &d->tables[t];
        if (T->lt->shape == YU_SHAPE_TWOSIDE) {
            /* 类 lines: "三、卫生健康支出", "(一)外交支出" */
            for (size_t i = 0; i < T->nrows; i++)
                for (int side = 0; side < 2; side++) {
                    const yu_row *r = &T->rows[i];
                    const char *key = r->key[side];
                    int ci = yu_ltable_col(T->lt, side ? "out.item" : "in.item");
                    if (!key || strncmp(key, "class:", 6) || ci < 0 || r->cells[ci].kind != YU_CELL_TEXT || !r->cells[ci].text)
                        continue;
                    const char *label = r->cells[ci].text, *p;
                    if ((p = strstr(label, "、")) && p - label <= 12)
                        label = p + strlen("、");
                    else if ((p = strstr(label, "）")) && p - label <= 12)
                        label = p + strlen("）");
                    else if ((p = strchr(label, ')')) && p - label <= 12)
                        label = p + 1;
                    const char *official = yu_catalog_name(d->func, key + 6);
                    if (!official || same_name(label, official) || name_fragment(label, official))
                        continue;
                    add(c, "T-NAME", YU_SEV_WARNING, T->lt->id, key + 6, side ? "out.item" : "in.item", 0, 0, 0,
                        "《%s》%s的类名称“%s”与《2024年政府收支分类科目》的“%s”不一致。", T->title, key + 6, label, official);
                    c->out->f[c->out->n - 1].line = r->line;
                    c->out->f[c->out->n - 1].page = r->page;
                }
            continue;
        }
        if (T->lt->rows != YU_ROWS_FUNC && !(T->lt->rows == YU_ROWS_ECON && d->econ))
            continue;
        const yu_catalog *cat = T->lt->rows == YU_ROWS_ECON ? d->econ : d->func;
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_row *r = &T->rows[i];
            if (!r->code[0] || !r->name || !r->name[0])
                continue;
            const char *official = yu_catalog_name(cat, r->code);
            if (!official && T->lt->rows == YU_ROWS_ECON) {
                add(c, "T-NAME", YU_SEV_WARNING, T->lt->id, r->code, "code", 0, 0, 0,
                    "《%s》%s“%s”不是部门预算支出经济分类科目的编码。", T->title, r->code, r->name);
                c->out->f[c->out->n - 1].line = r->line;
                c->out->f[c->out->n - 1].page = r->page;
                continue;
            }
            if (!official || same_name(r->name, official) || name_fragment(r->name, official))
                continue;
            add(c, "T-NAME", YU_SEV_WARNING, T->lt->id, r->code, "name", 0, 0, 0,
                "《%s》%s的科目名称“%s”与《%s》的“%s”不一致。", T->title, r->code, r->name,
                cat == d->econ ? "部门预算支出经济分类科目" : "2024年政府收支分类科目", official);
            c->out->f[c->out->n - 1].line = r->line;
            c->out->f[c->out->n - 1].page = r->page;
        }
    }
}

/* unreadable cells, empty-table notes, untied narrative figures, forms without indicators */

/* the narrative states a figure of table `id` as 0 (“政府性基金拨款支出预算为0”):
 * the reader is told why the table is empty, note or not */
static int narrative_says_zero(const yu_doc *d, const char *id)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *b = &d->blocks[i];
        if (b->kind != YU_B_PARA)
            continue;
        for (size_t k = 0; k < b->nsegs; k++)
            if (b->segs[k].kind == YU_SEG_MONEY && b->segs[k].table && !strcmp(b->segs[k].table, id) && !b->segs[k].v)
                return 1;
    }
    return 0;
}
static void doc_rules(rc *c)
{
    const yu_doc *d = c->d;
    for (size_t t = 0; t < d->ntables; t++) {
        const yu_table *T = &d->tables[t];
        const yu_ltable *lt = T->lt;
        for (size_t i = 0; i < T->nrows; i++)
            for (size_t k = 0; k < lt->ncols; k++) {
                const char *key = lt->cols[k].key;
                if (!strcmp(key, "code") || !strcmp(key, "name") || !strcmp(key, "in.item") || !strcmp(key, "out.item"))
                    continue;
                const yu_cell *x = &T->rows[i].cells[k];
                if (x->kind != YU_CELL_TEXT || !x->text || !x->text[0])
                    continue;
                if (lt->total_pos && (int)k == lt->total_col && (T->rows[i].flags & YU_ROW_TOTAL))
                    continue; /* the 合计 label */
                const char *cname = T->hdr[k * YU_HDR_MAX + (lt->cols[k].depth ? lt->cols[k].depth - 1 : 0)];
                add(c, "T-UNREADABLE", YU_SEV_ERROR, lt->id, T->rows[i].code[0] ? T->rows[i].code : T->rows[i].name, key, 0, 0, 0,
                    "《%s》%s%s“%s”不是可读的数字：“%s”。", T->title, T->rows[i].code, T->rows[i].name ? T->rows[i].name : "",
                    cname ? cname : key, x->text);
                c->out->f[c->out->n - 1].line = T->rows[i].line;
                c->out->f[c->out->n - 1].page = T->rows[i].page;
            }
        if (T->empty && lt->note_empty && !T->note && !narrative_says_zero(d, lt->id))
            add(c, "D-EMPTY-NOTE", YU_SEV_WARNING, lt->id, "", "", 0, 0, 0,
                "《%s》没有数据，但未按模板注明“（注：…没有…）”。", T->title);
        if (!T->empty && T->note)
            add(c, "D-NOTE-DATA", YU_SEV_ERROR, lt->id, "", "", 0, 0, 0,
                "《%s》列有数字，却又注明“%s”。", T->title, T->note);
    }
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *b = &d->blocks[i];
        if (b->kind != YU_B_PARA)
            continue;
        for (size_t k = 0; k < b->nsegs; k++) {
            const yu_seg *s = &b->segs[k];
            if (s->kind != YU_SEG_MONEY || !s->table || !s->row || !s->col)
                continue;
            const yu_table *T = yu_doc_table(d, s->table);
            if (!T || T->empty || T->lt->shape == YU_SHAPE_TWOSIDE || !strcmp(s->row, "total") ||
                !isdigit((unsigned char)s->row[0]))
                continue;
            int hit = 0;
            for (size_t j = 0; j < T->nrows && !hit; j++)
                hit = !strcmp(T->rows[j].code, s->row);
            if (!hit) {
                add(c, "N-UNTIED", YU_SEV_WARNING, "narrative", s->row, s->col, s->v, 0, s->unit_fen > 0 ? s->unit_fen : doc_fen(c),
                    "情况说明提到的科目%s不在《%s》中。", s->row, T->title);
                c->out->f[c->out->n - 1].line = b->line;
                c->out->f[c->out->n - 1].page = b->page;
            }
        }
    }
    /* compiled budgets: a published project needs indicators (forms read back
     * from other templates may print indicators without weights) */
    for (size_t i = 0; i < d->nperf && !d->own_budget; i++)
        if (!d->perf[i].nrows)
            add(c, "P-INDICATORS", YU_SEV_ERROR, "perf", d->perf[i].p->name, "", 0, 0, 0,
                "项目“%s”的绩效目标表没有列出绩效指标。", d->perf[i].p->name);
}

/* The vehicles the narrative says the year's budget buys (…预算安排购置车辆N辆): -1 when it does not say */
static int64_t vehicles_bought(const yu_doc *d, size_t *blk)
{
    static const char key[] = "预算安排购置车辆";
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *b = &d->blocks[i];
        if (b->kind != YU_B_PARA)
            continue;
        for (size_t k = 0; k < b->nsegs; k++) {
            const yu_seg *s = &b->segs[k];
            const char *at = s->kind == YU_SEG_TEXT && s->text ? strstr(s->text, key) : NULL;
            if (!at)
                continue;
            *blk = i;
            at += sizeof key - 1;
            if (*at) /* read back: the number is in the text */
                return isdigit((unsigned char)*at) ? strtoll(at, NULL, 10) : -1;
            return k + 1 < b->nsegs && b->segs[k + 1].kind == YU_SEG_COUNT ? b->segs[k + 1].v : -1;
        }
    }
    return -1;
}

/* Y-VEHICLE-BUY: a vehicle purchase needs its 公务用车购置费, and the reverse */
static void vehicle_rules(rc *c)
{
    const yu_doc *d = c->d;
    size_t bi = 0;
    int64_t n = vehicles_bought(d, &bi);
    const yu_table *T = yu_doc_table(d, "sangong");
    if (n < 0 || !T || T->empty)
        return;
    int ci = -1;
    for (size_t k = 0; k < T->lt->ncols; k++)
        if (!strcmp(T->lt->cols[k].key, "sg_car_buy"))
            ci = (int)k;
    if (ci < 0 || !T->nrows)
        return;
    const yu_row *r = &T->rows[0];
    for (size_t i = 0; i < T->nrows; i++)
        if (T->rows[i].flags & YU_ROW_TOTAL)
            r = &T->rows[i];
    const yu_cell *x = &r->cells[ci];
    if (x->kind != YU_CELL_MONEY)
        return;
    if (n > 0 && x->v == 0)
        add(c, "Y-VEHICLE-BUY", YU_SEV_ERROR, "narrative", "", "sg_car_buy", 0, n, 0,
            "情况说明称预算安排购置车辆%lld辆，但《%s》公务用车购置费为0。", (long long)n, T->title);
    else if (n == 0 && x->v != 0)
        add(c, "Y-VEHICLE-BUY", YU_SEV_ERROR, "narrative", "", "sg_car_buy", x->v, 0, table_fen(c, T),
            "《%s》安排了公务用车购置费，但情况说明称预算安排购置车辆0辆。", T->title);
    else
        return;
    c->out->f[c->out->n - 1].line = d->blocks[bi].line;
    c->out->f[c->out->n - 1].page = d->blocks[bi].page;
}

/* Y-PERF-SUM: a 绩效目标 summary declared beside projects that set 绩效目标 counts at least them (perf.csv may
 * count projects projects.csv does not list, never fewer); a summary counted from the projects agrees by itself */
static void perf_summary_rules(rc *c)
{
    const yu_budget *b = c->d->b;
    if (!b || !b->has_perf || b->perf_computed)
        return;
    int64_t units; /* 1 with any project: the loaders refuse a summary with projects and no unit */
    yu_money funds;
    int64_t n = yu_budget_perf_count(b, &units, &funds);
    if (!n)
        return;
    char v1[48], v2[48];
    if (b->perf_projects < n)
        add(c, "Y-PERF-SUM", YU_SEV_ERROR, "narrative", "", "perf_projects", b->perf_projects, n, 0,
            "绩效目标设置情况称编报绩效目标的项目%lld个，但项目表中设有绩效目标的项目有%lld个。",
            (long long)b->perf_projects, (long long)n);
    if (b->perf_funds < funds)
        add(c, "Y-PERF-SUM", YU_SEV_ERROR, "narrative", "", "perf_funds", b->perf_funds, funds, 1,
            "绩效目标设置情况称涉及项目预算资金%s元，少于项目表中设有绩效目标的项目的预算资金%s元。",
            yu_fmt_units(b->perf_funds, 2, YU_NUM_TABLE, v1, sizeof v1), yu_fmt_units(funds, 2, YU_NUM_TABLE, v2, sizeof v2));
}

/* A project's money of the year: the sum of its 项目支出 lines. */
static yu_money project_year(const yu_budget *b, size_t i)
{
    yu_money year = 0;
    for (size_t k = 0; k < b->nlines; k++)
        if (b->lines[k].project == (int32_t)i)
            year += b->lines[k].amount;
    return year;
}

/* Y-PERF-LIFE: a project's whole-life funds (项目资金总额), when given, hold at least its money of the
 * year (the sum of its 项目支出 lines): a life shorter than the year is a mistake of the preparer */
static void perf_life_rules(rc *c)
{
    const yu_budget *b = c->d->b;
    size_t given = 0;
    for (size_t i = 0; b && i < b->nprojects; i++)
        given += b->projects[i].has_life != 0;
    if (!given)
        return;
    /* every project's year in one pass over the lines (out of memory: a pass a project) */
    yu_money *year = calloc(b->nprojects, sizeof *year);
    for (size_t k = 0; year && k < b->nlines; k++) {
        int32_t pj = b->lines[k].project;
        if (pj >= 0 && (size_t)pj < b->nprojects)
            year[pj] += b->lines[k].amount;
    }
    for (size_t i = 0; i < b->nprojects; i++) {
        const yu_project *p = &b->projects[i];
        if (!p->has_life)
            continue;
        yu_money y = year ? year[i] : project_year(b, i);
        if (p->life_total >= y)
            continue;
        char v1[48], v2[48];
        add(c, "Y-PERF-LIFE", YU_SEV_ERROR, "perf", p->id, "life_total", p->life_total, y, 1,
            "项目“%s”的项目资金总额为%s元，少于该项目本年度的资金%s元：项目资金总额是项目全周期的资金，应不少于年度资金申请总额。",
            p->name, yu_fmt_units(p->life_total, 2, YU_NUM_TABLE, v1, sizeof v1),
            yu_fmt_units(y, 2, YU_NUM_TABLE, v2, sizeof v2));
    }
    free(year);
}

/* Findings that name a table row but no place get the row's page and line
 * (set when the document was read back). */
static void locate(rc *c)
{
    const yu_doc *d = c->d;
    for (size_t i = 0; i < c->out->n; i++) {
        yu_finding *f = &c->out->f[i];
        if (f->line || !f->row[0])
            continue;
        const yu_table *T = yu_doc_table(d, f->table);
        if (!T)
            continue;
        for (size_t j = 0; j < T->nrows; j++) {
            const yu_row *r = &T->rows[j];
            int hit = r->code[0] ? !strcmp(r->code, f->row)
                                 : (r->flags & YU_ROW_TOTAL) && T->lt->total_label && !strcmp(f->row, T->lt->total_label);
            for (int s = 0; s < 2 && !hit && !r->code[0]; s++)
                hit = r->key[s] && !strcmp(r->key[s], f->row);
            if (hit) {
                f->page = r->page;
                f->line = r->line;
                break;
            }
        }
    }
}

yu_status yu_check_doc(const yu_doc *d, yu_findings *out)
{
    rc c = {d, out, 0};
    for (size_t i = 0; i < d->ntables; i++)
        grid_rules(&c, &d->tables[i]);
    for (size_t i = 0; i < d->ntables; i++)
        if (d->tables[i].lt->shape == YU_SHAPE_TWOSIDE)
            row_sums(&c, &d->tables[i]);
    ident_rules(&c);
    perf_rules(&c);
    level_rules(&c);
    narrative_rules(&c);
    narrative_share_rules(&c);
    doc_rules(&c);
    vehicle_rules(&c);
    perf_summary_rules(&c);
    perf_life_rules(&c);
    name_rules(&c);
    locate(&c);
    return c.oom ? YU_ENOMEM : YU_OK;
}
