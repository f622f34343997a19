/* Unit tests: consistency rules.  Each test compiles a document, changes one
 * figure in memory and expects the rule that guards it to report it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "yusuan/yusuan.h"
#include "internal.h"

#define EXAMPLE YU_DATADIR "/../examples/feco-2024"
#define LAYOUT YU_DATADIR "/layouts/central-budget.layout"

static struct {
    yu_catalog *func, *econ;
    yu_layout *L;
    yu_budget *b;   /* the example package */
    yu_budget *sb;  /* a synthetic budget with 基本支出 and "三公" money */
    yu_doc *d;      /* the example, compiled afresh for each test */
} F;

static void add_line(yu_budget *b, uint32_t func, int type, int source, uint32_t econ, yu_money amount)
{
    yu_line l;
    memset(&l, 0, sizeof l);
    l.func = func;
    l.type = (uint8_t)type;
    l.source = (uint8_t)source;
    l.econ = econ;
    l.project = -1;
    l.amount = amount;
    if (yu_budget_add_line(b, &l))
        abort();
}

static yu_budget *synthetic_budget(void)
{
    yu_budget *b = yu_budget_new();
    b->name = yu_strdup("测试单位");
    b->year = 2024;
    b->input_scale = YU_FEN_PER_YUAN;
    /* one 款 per 经济分类 类 */
    add_line(b, 2110101, YU_T_PERSONNEL, YU_S_GPB, 30101, 1000000); /* 10,000 元 */
    add_line(b, 2110101, YU_T_PUBLIC, YU_S_GPB, 30201, 300000);     /*  3,000 元 */
    add_line(b, 2110106, YU_T_PROJECT, YU_S_GPB, 0, 500000);        /*  5,000 元 */
    b->funds[YU_F_GPB] = 1800000;
    b->sangong[YU_SG_ABROAD] = 100000;   /* 1,000 元 = 0.10 万元 */
    b->sangong[YU_SG_CAR_BUY] = 200000;
    b->sangong[YU_SG_CAR_RUN] = 50000;
    b->sangong[YU_SG_RECEPTION] = 30000;
    return b;
}

static int group_setup(void **state)
{
    (void)state;
    yu_error err;
    yu_error_clear(&err);
    F.func = yu_catalog_new();
    F.econ = yu_catalog_new();
    if (yu_catalog_add_file(F.func, YU_DATADIR "/catalog/func-2024.tsv", &err) ||
        yu_catalog_add_file(F.econ, YU_DATADIR "/catalog/econ-dept-2024.tsv", &err) ||
        yu_layout_load(LAYOUT, &F.L, &err) ||
        yu_load_package(EXAMPLE, F.func, F.econ, &F.b, &err)) {
        fprintf(stderr, "setup: %s:%d: %s\n", err.file, err.line, err.msg);
        return -1;
    }
    F.sb = synthetic_budget();
    if (yu_budget_check_balance(F.sb, &err)) {
        fprintf(stderr, "synthetic budget: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    yu_budget_free(F.b);
    yu_budget_free(F.sb);
    yu_layout_free(F.L);
    yu_catalog_free(F.func);
    yu_catalog_free(F.econ);
    return 0;
}

static yu_doc *compile_with(const yu_budget *b, const yu_layout *L)
{
    yu_compile_opts o = {YU_GLOSSARY_USED, NULL, F.func, F.econ};
    yu_doc *d = NULL;
    yu_error err;
    yu_error_clear(&err);
    if (yu_compile(b, L, &o, &d, &err) != YU_OK)
        fail_msg("compile: %s", err.msg);
    return d;
}

static int doc_setup(void **state)
{
    (void)state;
    F.d = compile_with(F.b, F.L);
    return F.d ? 0 : -1;
}

static int doc_teardown(void **state)
{
    (void)state;
    yu_doc_free(F.d);
    F.d = NULL;
    return 0;
}

/* ---- helpers ---- */

static yu_table *mtable(yu_doc *d, const char *id)
{
    for (size_t i = 0; i < d->ntables; i++)
        if (!strcmp(d->tables[i].lt->id, id))
            return &d->tables[i];
    fail_msg("no table %s", id);
    return NULL;
}

static yu_row *mrow(yu_table *t, const char *code)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (!strcmp(t->rows[i].code, code))
            return &t->rows[i];
    fail_msg("table %s has no row %s", t->lt->id, code);
    return NULL;
}

static yu_row *mtotal(yu_table *t)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].flags & YU_ROW_TOTAL)
            return &t->rows[i];
    fail_msg("table %s has no total row", t->lt->id);
    return NULL;
}

static yu_row *mkey(yu_table *t, int side, const char *key)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].key[side] && !strcmp(t->rows[i].key[side], key))
            return &t->rows[i];
    fail_msg("table %s has no row keyed %s", t->lt->id, key);
    return NULL;
}

static yu_cell *mcell(yu_table *t, yu_row *r, const char *col)
{
    int ci = yu_ltable_col(t->lt, col);
    if (ci < 0)
        fail_msg("table %s has no column %s", t->lt->id, col);
    return &r->cells[ci];
}

static yu_findings check(const yu_doc *d)
{
    yu_findings fs = {0};
    assert_int_equal(yu_check_doc(d, &fs), YU_OK);
    return fs;
}

/* the finding of `rule` in `table` (and `row`, `col` when given), or NULL */
static const yu_finding *find(const yu_findings *fs, const char *rule, const char *table,
                              const char *row, const char *col)
{
    for (size_t i = 0; i < fs->n; i++) {
        const yu_finding *f = &fs->f[i];
        if (strcmp(f->rule, rule) || strcmp(f->table, table))
            continue;
        if (row && strcmp(f->row, row))
            continue;
        if (col && strcmp(f->col, col))
            continue;
        return f;
    }
    return NULL;
}

static void dump(const yu_findings *fs)
{
    for (size_t i = 0; i < fs->n; i++)
        fprintf(stderr, "  %s %s [%s] [%s] [%s] %lld/%lld %s\n", fs->f[i].rule,
                yu_severity_name(fs->f[i].sev), fs->f[i].table, fs->f[i].row, fs->f[i].col,
                (long long)fs->f[i].got, (long long)fs->f[i].want, fs->f[i].msg);
}

/* asserts an error finding of `rule` with got/want, returns it */
static void expect_finding(const yu_doc *d, const char *rule, const char *table, const char *row,
                           const char *col, int64_t got, int64_t want)
{
    yu_findings fs = check(d);
    const yu_finding *f = find(&fs, rule, table, row, col);
    if (!f) {
        dump(&fs);
        yu_findings_free(&fs);
        fail_msg("no %s finding in %s row %s col %s", rule, table, row ? row : "*", col ? col : "*");
    }
    yu_finding copy = *f;
    yu_findings_free(&fs);
    assert_int_equal(copy.sev, YU_SEV_ERROR);
    assert_int_equal(copy.got, got);
    assert_int_equal(copy.want, want);
    assert_true(copy.msg[0] != 0);
}

static void assert_no_errors(const yu_doc *d)
{
    yu_findings fs = check(d);
    if (yu_findings_count(&fs, YU_SEV_ERROR)) {
        dump(&fs);
        yu_findings_free(&fs);
        fail_msg("unexpected error findings");
    }
    yu_findings_free(&fs);
}

/* ---- the rule catalogue ---- */

/* every rule of yu_rules(), with the test below that triggers it */
static const char *const covered[] = {
    "T-ROW-SUM", "T-BASIC-SUM", "T-CLASS-SUM", "T-KUAN-SUM", "T-TOTAL-SUM", "T-DIFF",
    "T-DIFF-PCT", "S-INCOME-SUM", "S-EXP-SUM", "S-GRAND", "X-SUMMARY-EXP", "X-SUMMARY-CLASS",
    "X-INCOME-TOTAL", "X-INCOME-ITEMS", "F-GRAND", "X-FISCAL-GPB", "X-GPB-TOTAL", "X-GPB-BASIC",
    "G-SANGONG-SUM", "Y-VEHICLE-BUY", "Y-PERF-SUM", "Y-PERF-LIFE", "P-FUNDS", "P-WEIGHTS", "N-FIGURE", "T-DIFF-EX", "F-PARTS", "N-SHARE", "N-PARTS",
    "T-UNREADABLE", "D-EMPTY-NOTE", "D-NOTE-DATA", "N-UNTIED", "P-INDICATORS",
    "X-GOVFUND-TOTAL", "X-SOE-TOTAL", "X-FISCAL-ITEMS", "X-CARRY", "P-LEVELS", "T-NAME",
    "X-SANGONG-ECON", /* tests/e2e/presentation.sh */
};

static void test_rule_catalogue(void **state)
{
    (void)state;
    size_t n = 0;
    const yu_rule_info *r = yu_rules(&n);
    assert_int_equal(n, sizeof covered / sizeof covered[0]);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(r[i].id);
        assert_non_null(r[i].identity);
        assert_true(r[i].identity[0] != 0);
        int ok = 0;
        for (size_t k = 0; k < n; k++)
            ok |= !strcmp(r[i].id, covered[k]);
        if (!ok)
            fail_msg("rule %s has no test here", r[i].id);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(r[i].id, r[j].id);
    }
    assert_string_equal(yu_severity_name(YU_SEV_ERROR), "error");
    assert_string_equal(yu_severity_name(YU_SEV_ROUNDING), "rounding");
    assert_string_equal(yu_severity_name(YU_SEV_WARNING), "warning");
}

static void test_example_clean(void **state)
{
    (void)state;
    yu_findings fs = check(F.d);
    assert_int_equal(yu_findings_count(&fs, YU_SEV_ERROR), 0);
    assert_int_equal(fs.n, 0);
    yu_findings_free(&fs);
    yu_findings_free(&fs); /* twice is harmless */
}

static void test_synthetic_clean(void **state)
{
    (void)state;
    yu_doc *d = compile_with(F.sb, F.L);
    assert_int_equal(mtable(d, "basic")->empty, 0);
    assert_int_equal(mtable(d, "sangong")->empty, 0);
    assert_no_errors(d);
    yu_doc_free(d);
}

/* ---- 功能分类 tables ---- */

static void test_t_row_sum(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "expenditure");
    yu_row *r = mrow(t, "2110106");
    mcell(t, r, "basic")->v += 1;
    expect_finding(F.d, "T-ROW-SUM", "expenditure", "2110106", "total", 2593500, 2593501);
}

static void test_t_class_sum(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "expenditure");
    mcell(t, mrow(t, "211"), "project")->v -= 5;
    expect_finding(F.d, "T-CLASS-SUM", "expenditure", "211", "project", 1305995, 1306000);
}

static void test_t_kuan_sum(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "expenditure");
    mcell(t, mrow(t, "2110102"), "project")->v += 100;
    expect_finding(F.d, "T-KUAN-SUM", "expenditure", "21101", "project", 1280500, 1280600);
}

static void test_t_total_sum(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "expenditure");
    mcell(t, mtotal(t), "project")->v += 1;
    expect_finding(F.d, "T-TOTAL-SUM", "expenditure", NULL, "project", 1456536, 1456535);
}

static void test_t_diff(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "gpb");
    mcell(t, mrow(t, "202"), "diff")->v = 73000;
    expect_finding(F.d, "T-DIFF", "gpb", "202", "diff", 73000, 73100);
}

static void test_t_diff_pct(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "gpb");
    yu_cell *c = mcell(t, mrow(t, "2029999"), "diff_pct");
    assert_int_equal(c->kind, YU_CELL_PCT);
    c->v = -9900;
    expect_finding(F.d, "T-DIFF-PCT", "gpb", "2029999", "diff_pct", -9900, -10000);
}

/* T-BASIC-SUM needs a table with 基本支出, 人员经费 and 公用经费 columns,
 * which the central template has not: a layout of its own. */
static void test_t_basic_sum(void **state)
{
    (void)state;
    char dir[] = "/tmp/yu-test-rules-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/basic.layout", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("template test-basic\n"
          "table x\n"
          "title 基本支出明细表\n"
          "rows func\n"
          "total last 合计 name\n"
          "col code 科目编码\n"
          "col name 科目名称\n"
          "col total 合计\n"
          "col basic 基本支出|小计\n"
          "col personnel 基本支出|人员经费\n"
          "col public 基本支出|公用经费\n"
          "col project 项目支出\n"
          "end\n", f);
    fclose(f);
    yu_layout *L = NULL;
    yu_error err;
    assert_int_equal(yu_layout_load(path, &L, &err), YU_OK);
    unlink(path);
    rmdir(dir);
    yu_doc *d = compile_with(F.b, L);
    assert_no_errors(d);
    yu_table *t = mtable(d, "x");
    yu_row *r = mrow(t, "2110106");
    assert_int_equal(mcell(t, r, "personnel")->v, 1384000);
    mcell(t, r, "personnel")->v -= 1;
    expect_finding(d, "T-BASIC-SUM", "x", "2110106", "basic", 1384000, 1383999);
    /* 合计 still equals 基本支出: no T-ROW-SUM */
    yu_findings fs = check(d);
    assert_null(find(&fs, "T-ROW-SUM", "x", "2110106", NULL));
    yu_findings_free(&fs);
    yu_doc_free(d);
    yu_layout_free(L);
}

/* the 基本支出表: 合计 = 人员经费 + 公用经费 (T-ROW-SUM's second form) */
static void test_t_row_sum_basic_table(void **state)
{
    (void)state;
    yu_doc *d = compile_with(F.sb, F.L);
    yu_table *t = mtable(d, "basic");
    yu_row *r = mrow(t, "301");
    assert_int_equal(mcell(t, r, "personnel")->v, 100);
    mcell(t, r, "personnel")->v = 90;
    expect_finding(d, "T-ROW-SUM", "basic", "301", "total", 100, 90);
    yu_doc_free(d);
}

/* ---- 部门收支总表 ---- */

static void test_s_income_sum(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "summary");
    mcell(t, mkey(t, 0, "shiye"), "in.amount")->v += 1;
    expect_finding(F.d, "S-INCOME-SUM", "summary", NULL, "in.amount", 2906800, 2906801);
}

static void test_s_exp_sum(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "summary");
    mcell(t, mkey(t, 1, "class:211"), "out.amount")->v += 7;
    expect_finding(F.d, "S-EXP-SUM", "summary", NULL, "out.amount", 2920535, 2920542);
}

static void test_s_grand(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "summary");
    mcell(t, mkey(t, 0, "carry"), "in.amount")->v += 1;
    expect_finding(F.d, "S-GRAND", "summary", NULL, "in.amount", 4744255, 4744256);
}

static void test_s_grand_out(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "summary");
    mcell(t, mkey(t, 1, "grand_out"), "out.amount")->v -= 1;
    /* 支出总计 disagrees both with its parts and with 收入总计 */
    yu_findings fs = check(F.d);
    size_t n = 0;
    for (size_t i = 0; i < fs.n; i++)
        n += !strcmp(fs.f[i].rule, "S-GRAND");
    assert_int_equal(n, 2);
    yu_findings_free(&fs);
    expect_finding(F.d, "S-GRAND", "summary", NULL, "out.amount", 4744254, 4744255);
}

static void test_x_summary_exp(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "expenditure");
    mcell(t, mtotal(t), "total")->v += 1;
    expect_finding(F.d, "X-SUMMARY-EXP", "summary", NULL, "out.amount", 2920535, 2920536);
}

static void test_x_summary_class(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "expenditure");
    mcell(t, mrow(t, "202"), "total")->v += 1;
    expect_finding(F.d, "X-SUMMARY-CLASS", "summary", NULL, "out.amount", 150535, 150536);
}

/* Regression (was a bug): findings on the right-hand (支出) side of a two-sided table name the
 * row by r->name, which build_twoside() sets to the left-hand label: a
 * mismatch on the 外交支出 line is reported as row "一、一般公共预算拨款收入"
 * and the sentence says "《部门收支总表》一、一般公共预算拨款收入“out.amount”列为…".
 * (Same for S-EXP-SUM, named 本年收入合计, and S-GRAND on 支出总计.) */
static void test_x_summary_class_names_the_line(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "expenditure");
    mcell(t, mrow(t, "202"), "total")->v += 1;
    yu_findings fs = check(F.d);
    const yu_finding *f = find(&fs, "X-SUMMARY-CLASS", "summary", NULL, NULL);
    yu_finding copy;
    memset(&copy, 0, sizeof copy);
    int found = f != NULL;
    if (f)
        copy = *f;
    yu_findings_free(&fs);
    assert_true(found);
    assert_string_not_equal(copy.row, "一、一般公共预算拨款收入");
    assert_non_null(strstr(copy.msg, "外交支出"));
    assert_null(strstr(copy.msg, "一般公共预算拨款收入"));
}

/* ---- 部门收入总表 ---- */

static void test_x_income_total(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "income");
    mcell(t, mtotal(t), "total")->v -= 2;
    expect_finding(F.d, "X-INCOME-TOTAL", "income", NULL, "total", 4744253, 4744255);
}

static void test_x_income_items(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "income");
    mcell(t, mtotal(t), "gpb")->v += 3;
    expect_finding(F.d, "X-INCOME-ITEMS", "income", NULL, "gpb", 136803, 136800);
}

/* ---- 财政拨款收支总表 ---- */

static void test_f_grand(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "fiscal");
    mcell(t, mkey(t, 0, "fiscal_grand_in"), "in.amount")->v += 1;
    expect_finding(F.d, "F-GRAND", "fiscal", NULL, "in.amount", 150536, 150535);
}

static void test_x_fiscal_gpb(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "fiscal");
    mcell(t, mkey(t, 0, "gpb"), "in.amount")->v += 1;
    expect_finding(F.d, "X-FISCAL-GPB", "fiscal", NULL, "in.amount", 136801, 136800);
}

static void test_x_gpb_total(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "gpb");
    mcell(t, mtotal(t), "total")->v -= 1;
    expect_finding(F.d, "X-GPB-TOTAL", "gpb", NULL, "total", 136799, 136800);
}

/* Regression (was a bug): X-GPB-TOTAL compares the 一般公共预算支出表 合计 (this year's gpb
 * spending) with the 一般公共预算拨款 income, but docs/format.md's balance
 * lets this year's appropriation exceed its spending (gpb >= Σ gpb lines,
 * the rest carried out as out_gpb), and the loader accepts such a package:
 * 120 元 appropriated, 100 元 spent, 20 元 结转下年 balances, compiles, and is
 * then reported as an X-GPB-TOTAL error. */
static void test_x_gpb_total_with_carry_out(void **state)
{
    (void)state;
    yu_budget *b = yu_budget_new();
    b->name = yu_strdup("测试单位");
    b->year = 2024;
    b->input_scale = YU_FEN_PER_YUAN;
    add_line(b, 2110106, YU_T_PROJECT, YU_S_GPB, 0, 1000000);
    b->funds[YU_F_GPB] = 1200000;
    b->funds[YU_F_OUT_GPB] = 200000;
    yu_error err;
    assert_int_equal(yu_budget_check_balance(b, &err), YU_OK);
    yu_doc *d = compile_with(b, F.L);
    assert_no_errors(d);
    yu_doc_free(d);
    yu_budget_free(b);
}

static void test_x_gpb_basic(void **state)
{
    (void)state;
    yu_doc *d = compile_with(F.sb, F.L);
    yu_table *t = mtable(d, "basic");
    assert_int_equal(mcell(t, mtotal(t), "total")->v, 130);
    mcell(t, mtotal(t), "total")->v = 131;
    expect_finding(d, "X-GPB-BASIC", "basic", NULL, "total", 131, 130);
    yu_doc_free(d);
}

/* ---- 三公, 绩效, narrative ---- */

static void test_g_sangong_sum(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "sangong");
    assert_int_equal(t->nrows, 1);
    yu_cell *c = mcell(t, &t->rows[0], "sg_total");
    assert_int_equal(c->kind, YU_CELL_MONEY);
    assert_int_equal(c->v, 0);
    c->v = 5;
    expect_finding(F.d, "G-SANGONG-SUM", "sangong", NULL, "sg_total", 5, 0);
}

static void test_g_sangong_car(void **state)
{
    (void)state;
    yu_doc *d = compile_with(F.sb, F.L);
    yu_table *t = mtable(d, "sangong");
    yu_row *r = &t->rows[0];
    assert_int_equal(mcell(t, r, "sg_total")->v, 38);
    assert_int_equal(mcell(t, r, "sg_car")->v, 25);
    mcell(t, r, "sg_car_run")->v = 4;
    expect_finding(d, "G-SANGONG-SUM", "sangong", NULL, "sg_car", 25, 24);
    yu_doc_free(d);
}

static void test_p_funds(void **state)
{
    (void)state;
    assert_true(F.d->nperf > 0);
    F.d->perf[0].total += 1;
    expect_finding(F.d, "P-FUNDS", "perf", "APEC供应链可持续发展能力建设", "total", 3301, 3300);
}

static void test_p_weights(void **state)
{
    (void)state;
    F.d->perf[2].weight_sum = 8950;
    expect_finding(F.d, "P-WEIGHTS", "perf", "上海合作组织国家应对气候变化能力建设", "weight", 8950, 9000);
}

/* the first money segment of a paragraph tied to table/row/col */
static yu_seg *mseg(yu_doc *d, const char *table, const char *row, const char *col)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        yu_block *b = &d->blocks[i];
        if (b->kind != YU_B_PARA)
            continue;
        for (size_t k = 0; k < b->nsegs; k++) {
            yu_seg *s = &b->segs[k];
            if (s->kind == YU_SEG_MONEY && s->table && s->row && s->col && !strcmp(s->table, table) &&
                !strcmp(s->row, row) && !strcmp(s->col, col))
                return s;
        }
    }
    fail_msg("no narrative figure for %s/%s/%s", table, row, col);
    return NULL;
}

/* the n-th segment of a kind in the paragraph whose text contains `marker` */
static yu_seg *nseg(yu_doc *d, const char *marker, int kind, int nth)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        yu_block *b = &d->blocks[i];
        if (b->kind != YU_B_PARA)
            continue;
        int has = 0;
        for (size_t k = 0; k < b->nsegs; k++)
            if (b->segs[k].kind == YU_SEG_TEXT && b->segs[k].text && strstr(b->segs[k].text, marker))
                has = 1;
        if (!has)
            continue;
        for (size_t k = 0; k < b->nsegs; k++)
            if (b->segs[k].kind == kind && nth-- == 0)
                return &b->segs[k];
    }
    fail_msg("no segment after %s", marker);
    return NULL;
}

static void test_t_diff_ex(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "gpb");
    yu_row *r = mrow(t, "202");
    assert_int_equal(mcell(t, r, "diff_ex")->v, 73100);
    mcell(t, r, "diff_ex")->v = 73000;
    expect_finding(F.d, "T-DIFF-EX", "gpb", "202", "diff_ex", 73000, 73100);
}

static void test_f_parts(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "fiscal");
    yu_row *r = mkey(t, 0, "carry_gpb");
    int ci = yu_ltable_col(t->lt, "in.amount");
    assert_int_equal(r->cells[ci].v, 13735);
    r->cells[ci].v = 13700;
    expect_finding(F.d, "F-PARTS", "fiscal", NULL, "in.amount", 13735, 13700);
}

static void test_n_share(void **state)
{
    (void)state;
    /* 上年结转18,374.55万元，占38.73% of 47,442.55 */
    yu_seg *s = nseg(F.d, "收入预算", YU_SEG_PCT, 0);
    assert_int_equal(s->v, 3873);
    s->v = 3880;
    expect_finding(F.d, "N-SHARE", "narrative", NULL, "share", 3880, 3873);
    /* within one basis point is the controlled rounding of shares: no finding */
    s->v = 3874;
    yu_findings fs = check(F.d);
    assert_null(find(&fs, "N-SHARE", "narrative", NULL, NULL));
    yu_findings_free(&fs);
}

static void test_n_parts(void **state)
{
    (void)state;
    /* 政府采购预算总额834.46万元，其中：货物85.06万元、服务749.4万元 */
    yu_seg *s = nseg(F.d, "政府采购预算总额", YU_SEG_MONEY, 1);
    assert_int_equal(s->v, 8506);
    s->v = 8500;
    expect_finding(F.d, "N-PARTS", "narrative", NULL, "total", 83446, 83440);
}

static void test_t_unreadable(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "expenditure");
    yu_cell *x = mcell(t, mrow(t, "2110106"), "project");
    x->kind = YU_CELL_TEXT;
    x->text = "12,O95.00"; /* a letter O for a zero */
    yu_findings fs = check(F.d);
    const yu_finding *f = find(&fs, "T-UNREADABLE", "expenditure", "2110106", "project");
    assert_non_null(f);
    assert_non_null(strstr(f->msg, "12,O95.00"));
    yu_findings_free(&fs);
}

static void test_d_empty_note(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "basic");
    assert_int_equal(t->empty, 1);
    assert_non_null(t->note);
    yu_findings fs = check(F.d);
    assert_null(find(&fs, "D-EMPTY-NOTE", "basic", NULL, NULL));
    yu_findings_free(&fs);
    t->note = NULL;
    fs = check(F.d);
    const yu_finding *f = find(&fs, "D-EMPTY-NOTE", "basic", NULL, NULL);
    assert_non_null(f);
    assert_int_equal(f->sev, YU_SEV_WARNING);
    yu_findings_free(&fs);
    /* no note, but the narrative states the table's figure as 0 (“…支出预算为0”): told */
    yu_seg *s = mseg(F.d, "gpb", "2020599", "total"), keep = *s;
    s->table = "basic";
    s->row = "total";
    s->v = 0;
    fs = check(F.d);
    assert_null(find(&fs, "D-EMPTY-NOTE", "basic", NULL, NULL));
    yu_findings_free(&fs);
    s->v = 1; /* a figure that is not 0 does not explain an empty table */
    fs = check(F.d);
    assert_non_null(find(&fs, "D-EMPTY-NOTE", "basic", NULL, NULL));
    yu_findings_free(&fs);
    *s = keep;
}

static void test_d_note_data(void **state)
{
    (void)state;
    yu_table *t = mtable(F.d, "expenditure");
    t->note = "（注：没有支出。）";
    yu_findings fs = check(F.d);
    assert_non_null(find(&fs, "D-NOTE-DATA", "expenditure", NULL, NULL));
    yu_findings_free(&fs);
    t->note = NULL;
}

static void test_n_untied(void **state)
{
    (void)state;
    yu_seg *s = mseg(F.d, "gpb", "2020599", "total");
    yu_findings fs = check(F.d);
    assert_null(find(&fs, "N-UNTIED", "narrative", NULL, NULL));
    yu_findings_free(&fs);
    s->row = "2029901"; /* a 项 the table does not list */
    fs = check(F.d);
    const yu_finding *f = find(&fs, "N-UNTIED", "narrative", "2029901", NULL);
    assert_non_null(f);
    assert_int_equal(f->sev, YU_SEV_WARNING);
    yu_findings_free(&fs);
}

static void test_p_indicators(void **state)
{
    (void)state;
    yu_perf *p = &F.d->perf[0];
    assert_true(p->nrows > 0);
    p->nrows = 0;
    yu_findings fs = check(F.d);
    assert_non_null(find(&fs, "P-INDICATORS", "perf", NULL, NULL));
    yu_findings_free(&fs);
}

static void test_x_govfund_soe_fiscal_items(void **state)
{
    (void)state;
    /* 100 of 政府性基金 income in the 财政拨款收支总表 that neither the 收支总表
     * nor the 政府性基金预算支出表 shows */
    yu_table *t = mtable(F.d, "fiscal");
    int ci = yu_ltable_col(t->lt, "in.amount");
    mkey(t, 0, "gf")->cells[ci].v = 10000;
    yu_findings fs = check(F.d);
    assert_non_null(find(&fs, "X-GOVFUND-TOTAL", "govfund", NULL, NULL));
    assert_non_null(find(&fs, "X-FISCAL-ITEMS", "fiscal", NULL, NULL));
    yu_findings_free(&fs);
    mkey(t, 0, "gf")->cells[ci].v = 0;
    mkey(t, 0, "soe")->cells[ci].v = 500;
    fs = check(F.d);
    assert_non_null(find(&fs, "X-SOE-TOTAL", "soe", NULL, NULL));
    yu_findings_free(&fs);
}

static void test_p_levels(void **state)
{
    (void)state;
    /* the seed's forms use 二级指标 such as 生态效益 (without 指标): they pass */
    yu_findings fs = check(F.d);
    assert_null(find(&fs, "P-LEVELS", "perf", NULL, NULL));
    yu_findings_free(&fs);
    yu_perf_row *x = &F.d->perf[0].rows[0];
    const char *l2 = x->l2;
    x->l2 = "社会效益指标"; /* under 产出指标 */
    fs = check(F.d);
    const yu_finding *f = find(&fs, "P-LEVELS", "perf", NULL, "level2");
    assert_non_null(f);
    assert_non_null(strstr(f->msg, "社会效益指标"));
    yu_findings_free(&fs);
    x->l2 = l2;
    x->l1 = "产出目标";
    fs = check(F.d);
    assert_non_null(find(&fs, "P-LEVELS", "perf", NULL, "level1"));
    yu_findings_free(&fs);
}

static void test_t_name(void **state)
{
    (void)state;
    /* compiled documents name rows from the catalogue: nothing to check */
    yu_findings fs = check(F.d);
    assert_null(find(&fs, "T-NAME", "expenditure", NULL, NULL));
    yu_findings_free(&fs);
    /* a document read back (d->func set) with an old or wrong name */
    F.d->func = F.func;
    fs = check(F.d);
    assert_null(find(&fs, "T-NAME", "expenditure", NULL, NULL)); /* official names: clean */
    yu_findings_free(&fs);
    yu_table *t = mtable(F.d, "expenditure");
    mrow(t, "2110106")->name = "国际环境合作事务";
    fs = check(F.d);
    const yu_finding *f = find(&fs, "T-NAME", "expenditure", "2110106", "name");
    assert_non_null(f);
    assert_int_equal(f->sev, YU_SEV_WARNING);
    yu_findings_free(&fs);
    F.d->func = NULL;
}

static void test_x_carry(void **state)
{
    (void)state;
    /* 财政拨款 上年结转 larger than all 上年结转 */
    yu_table *t = mtable(F.d, "fiscal");
    int ci = yu_ltable_col(t->lt, "in.amount");
    mkey(t, 0, "carry_fiscal")->cells[ci].v = 1837456;
    yu_findings fs = check(F.d);
    assert_non_null(find(&fs, "X-CARRY", "fiscal", NULL, NULL));
    yu_findings_free(&fs);
}

static void test_n_figure(void **state)
{
    (void)state;
    yu_seg *s = mseg(F.d, "summary", "grand_in", "in.amount");
    assert_int_equal(s->v, 4744255);
    s->v = 4744200;
    expect_finding(F.d, "N-FIGURE", "narrative", "grand_in", "in.amount", 4744200, 4744255);
}

static void test_n_figure_grid_and_diff(void **state)
{
    (void)state;
    /* a 项 figure of the 一般公共预算支出表 */
    yu_seg *s = mseg(F.d, "gpb", "2020599", "total");
    assert_int_equal(s->v, 136800);
    s->v = 136900;
    expect_finding(F.d, "N-FIGURE", "narrative", "2020599", "total", 136900, 136800);
    /* 增减 figures are compared as absolute values */
    s->v = 136800;
    s = mseg(F.d, "gpb", "total", "diff");
    assert_int_equal(s->v, 73100);
    assert_no_errors(F.d);
    s->v = 73000;
    expect_finding(F.d, "N-FIGURE", "narrative", "total", "diff", 73000, 73100);
}

/* Regression (was a bug): narrative_rules() (src/lib/rules.c) looks a grid row up by "total"
 * (the YU_ROW_TOTAL row) or by code; the "三公" table's single row has
 * neither the flag nor a code, so the narrative's "三公" figures (tied to
 * sangong/total/sg_*) are never compared and a wrong one goes unreported. */
static void test_n_figure_sangong(void **state)
{
    (void)state;
    yu_doc *d = compile_with(F.sb, F.L);
    assert_no_errors(d);
    yu_seg *s = mseg(d, "sangong", "total", "sg_total");
    assert_int_equal(s->v, 38);
    s->v = 40;
    expect_finding(d, "N-FIGURE", "narrative", "total", "sg_total", 40, 38);
    yu_doc_free(d);
}

/* ---- the Shanghai 其他相关情况说明 (wanli-2025 under its layout) ---- */

#define WANLI YU_DATADIR "/../examples/wanli-2025"
#define SH_LAYOUT YU_DATADIR "/layouts/shanghai-dept-budget.layout"

static yu_budget *load_wanli(yu_layout **L)
{
    yu_error err;
    yu_budget *b = NULL;
    if (yu_layout_load(SH_LAYOUT, L, &err) || yu_load_package(WANLI, F.func, F.econ, &b, &err))
        fail_msg("wanli-2025: %s:%d: %s", err.file, err.line, err.msg);
    return b;
}

/* the finding of rule (any place), copied; found 0 when none */
static yu_finding rule_finding(const yu_budget *b, const yu_layout *L, const char *rule, int *found)
{
    yu_doc *d = compile_with(b, L);
    yu_findings fs = check(d);
    yu_finding f;
    memset(&f, 0, sizeof f);
    *found = 0;
    for (size_t i = 0; i < fs.n && !*found; i++)
        if (!strcmp(fs.f[i].rule, rule)) {
            f = fs.f[i];
            *found = 1;
        }
    yu_findings_free(&fs);
    yu_doc_free(d);
    return f;
}

static void test_y_vehicle_buy(void **state)
{
    (void)state;
    yu_layout *L;
    yu_budget *b = load_wanli(&L);
    int found;
    /* as published: 购置车辆1辆 and a 公务用车购置费 of 15万元 */
    rule_finding(b, L, "Y-VEHICLE-BUY", &found);
    assert_false(found);
    /* a vehicle bought without money */
    yu_money buy = b->sangong[YU_SG_CAR_BUY];
    assert_true(buy > 0);
    b->sangong[YU_SG_CAR_BUY] = 0;
    yu_finding f = rule_finding(b, L, "Y-VEHICLE-BUY", &found);
    assert_true(found);
    assert_int_equal(f.sev, YU_SEV_ERROR);
    assert_int_equal(f.got, 0);
    assert_int_equal(f.want, 1);
    assert_non_null(strstr(f.msg, "情况说明称预算安排购置车辆1辆，但《"));
    /* without the purchase sentence (no `purchase` column) nothing is said, nothing checked */
    b->has_purchases = 0;
    rule_finding(b, L, "Y-VEHICLE-BUY", &found);
    assert_false(found);
    /* money without a vehicle bought */
    b->has_purchases = 1;
    b->sangong[YU_SG_CAR_BUY] = buy;
    for (size_t i = 0; i < b->nassets; i++)
        b->assets[i].purchase = 0;
    f = rule_finding(b, L, "Y-VEHICLE-BUY", &found);
    assert_true(found);
    assert_true(f.got > 0);
    assert_int_equal(f.want, 0);
    assert_non_null(strstr(f.msg, "安排了公务用车购置费，但情况说明称预算安排购置车辆0辆。"));
    yu_budget_free(b);
    yu_layout_free(L);
}

static void test_y_perf_sum(void **state)
{
    (void)state;
    yu_layout *L;
    yu_budget *b = load_wanli(&L);
    int found;
    /* perf.csv 3 units, 49 projects, 8825.98万元; projects.csv sets 绩效目标 for one project of 60万元 */
    int64_t units;
    yu_money funds;
    assert_int_equal(yu_budget_perf_count(b, &units, &funds), 1);
    assert_int_equal(units, 1);
    assert_int_equal(funds, 60 * YU_FEN_PER_WAN);
    rule_finding(b, L, "Y-PERF-SUM", &found);
    assert_false(found);
    /* fewer projects than projects.csv lists with 绩效目标 */
    b->perf_projects = 0;
    yu_finding f = rule_finding(b, L, "Y-PERF-SUM", &found);
    assert_true(found);
    assert_int_equal(f.sev, YU_SEV_ERROR);
    assert_string_equal(f.col, "perf_projects");
    assert_int_equal(f.got, 0);
    assert_int_equal(f.want, 1);
    /* less money than those projects have */
    b->perf_projects = 49;
    b->perf_funds = 59 * YU_FEN_PER_WAN;
    f = rule_finding(b, L, "Y-PERF-SUM", &found);
    assert_true(found);
    assert_string_equal(f.col, "perf_funds");
    assert_int_equal(f.want, 60 * YU_FEN_PER_WAN);
    assert_non_null(strstr(f.msg, "少于项目表中设有绩效目标的项目的预算资金600,000.00元"));
    /* no project sets 绩效目标: nothing to compare */
    char *goal = b->projects[yu_budget_project_index(b, "p-wanli-centre")].goal, first = goal[0];
    goal[0] = 0;
    rule_finding(b, L, "Y-PERF-SUM", &found);
    assert_false(found);
    /* without perf.csv the summary is the projects' (the loaders' yu__perf_fill), and agrees by itself */
    goal[0] = first;
    b->has_perf = 0;
    yu__perf_fill(b);
    assert_true(b->has_perf && b->perf_computed);
    assert_int_equal(b->perf_projects, 1);
    assert_int_equal(b->perf_units, 1);
    assert_int_equal(b->perf_funds, 60 * YU_FEN_PER_WAN);
    rule_finding(b, L, "Y-PERF-SUM", &found);
    assert_false(found);
    yu_budget_free(b);
    yu_layout_free(L);
}

/* Y-PERF-LIFE: a project's 项目资金总额 (its whole life) below its money of the year (wanli-2025's
 * 万里街道社区公共服务中心新建工程: 60万元 this year) */
static void test_y_perf_life(void **state)
{
    (void)state;
    yu_layout *L;
    yu_budget *b = load_wanli(&L);
    int found;
    yu_project *p = &b->projects[yu_budget_project_index(b, "p-wanli-centre")];
    /* none given: nothing to compare */
    rule_finding(b, L, "Y-PERF-LIFE", &found);
    assert_false(found);
    /* the whole life holds the year: right */
    p->has_life = 1;
    p->life_total = p->life_fiscal = (yu_money)12277 * YU_FEN_PER_WAN;
    rule_finding(b, L, "Y-PERF-LIFE", &found);
    assert_false(found);
    p->life_total = p->life_fiscal = 60 * YU_FEN_PER_WAN; /* equal: right */
    rule_finding(b, L, "Y-PERF-LIFE", &found);
    assert_false(found);
    /* another project's whole life, far above its year: right, and it does not hide this one's */
    assert_true(b->nprojects > 1);
    yu_project *o = &b->projects[p == &b->projects[0] ? 1 : 0];
    o->has_life = 1;
    o->life_total = o->life_fiscal = (yu_money)100000 * YU_FEN_PER_WAN;
    rule_finding(b, L, "Y-PERF-LIFE", &found);
    assert_false(found);
    /* less than the year */
    p->life_total = p->life_fiscal = 50 * YU_FEN_PER_WAN;
    yu_finding f = rule_finding(b, L, "Y-PERF-LIFE", &found);
    assert_true(found);
    assert_int_equal(f.sev, YU_SEV_ERROR);
    assert_string_equal(f.table, "perf");
    assert_string_equal(f.row, "p-wanli-centre");
    assert_int_equal(f.got, 50 * YU_FEN_PER_WAN);
    assert_int_equal(f.want, 60 * YU_FEN_PER_WAN);
    assert_int_equal(f.fen, 1);
    assert_non_null(strstr(f.msg, "项目“万里街道社区公共服务中心新建工程”的项目资金总额为500,000.00元，少于该项目本年度的资金600,000.00元"));
    yu_budget_free(b);
    yu_layout_free(L);
}

/* The audit resolves each narrative figure it reads as the engine resolves a compiled one
 * (yu_seg.unit_fen, decimals, the printed integer), so renderers and rules only print it:
 * wanli-2025 (tables in 元, the narrative in 万元) compiled, printed and read back. */
static void test_audit_figures_resolved(void **state)
{
    (void)state;
    yu_layout *L;
    yu_budget *b = load_wanli(&L);
    yu_doc *d = compile_with(b, L);
    char *txt = NULL;
    size_t len = 0;
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_render(d, YU_FMT_TXT, &txt, &len, &err), YU_OK);
    yu_doc *a = NULL;
    yu_audit_info info;
    if (yu_audit_text(txt, len, "wanli.txt", L, F.func, &a, &info, &err))
        fail_msg("audit: %s", err.msg);
    assert_int_equal(L->prose_fen, 10000);
    assert_int_equal(L->unit_fen, 100); /* the document's 元 is not the narrative's 万元 */
    size_t n = 0;
    for (size_t i = 0; i < a->nblocks; i++)
        for (size_t k = 0; a->blocks[i].kind == YU_B_PARA && k < a->blocks[i].nsegs; k++) {
            const yu_seg *s = &a->blocks[i].segs[k];
            if (s->kind != YU_SEG_MONEY)
                continue;
            n++;
            assert_int_equal(s->unit_fen, L->prose_fen);
            assert_int_equal(s->decimals, L->prose_decimals);
            /* the printed integer: with two decimals, the figure and 万元 are in the text */
            char t[64], p[64], w[80], x[80];
            snprintf(w, sizeof w, "%s万元", yu_fmt_units(s->v, s->decimals, YU_NUM_TABLE, t, sizeof t));
            snprintf(x, sizeof x, "%s万元", yu_fmt_units(s->v, s->decimals, YU_NUM_PLAIN, p, sizeof p));
            if (s->printed == 3 && !strstr(txt, w) && !strstr(txt, x))
                fail_msg("figure %s (v %lld) is not printed", w, (long long)s->v);
            /* and it prints as such, converted by no one */
            assert_string_equal(yu_seg_text(a, s, t, sizeof t), yu_fmt_units(s->v, 2, YU_NUM_PROSE, p, sizeof p));
        }
    assert_true(n > 20);
    free(txt);
    yu_doc_free(a);
    yu_doc_free(d);
    yu_budget_free(b);
    yu_layout_free(L);
}

/* A finding states the unit of its money figures (yu_finding.fen, JSON fen_per_figure): wanli-2025
 * prints its tables in 元 and its “三公” table in 万元 with two decimals — each finding's got and
 * want are in the unit it speaks in, and say so. */
static const yu_finding *finding_in(const yu_findings *fs, const char *rule, const char *table)
{
    const yu_finding *f = find(fs, rule, table, NULL, NULL);
    if (!f) {
        dump(fs);
        fail_msg("no %s finding in %s", rule, table);
    }
    return f;
}

static void test_finding_units(void **state)
{
    (void)state;
    yu_layout *L;
    yu_budget *b = load_wanli(&L);
    yu_doc *d = compile_with(b, L);
    /* the narrative's figure, in the narrative's 万元 (N-FIGURE): its got and want are the
     * figures its message prints, not the tables' 元 */
    yu_seg *s = NULL;
    for (size_t i = 0; i < d->nblocks && !s; i++)
        for (size_t k = 0; d->blocks[i].kind == YU_B_PARA && k < d->blocks[i].nsegs && !s; k++) {
            yu_seg *x = &d->blocks[i].segs[k];
            if (x->kind == YU_SEG_MONEY && x->table && x->row && x->col && !strcmp(x->table, "summary"))
                s = x;
        }
    assert_non_null(s);
    s->v += 100; /* 1.00万元 more */
    yu_findings fs = check(d);
    const yu_finding *nf = finding_in(&fs, "N-FIGURE", "narrative");
    assert_int_equal(L->unit_fen, 100);
    assert_int_equal(nf->fen, L->prose_fen);
    assert_int_equal(nf->fen, 10000);
    assert_int_equal(nf->got - nf->want, 100);
    char gw[64], num[40];
    snprintf(gw, sizeof gw, "%s万元", yu_fmt_units(nf->got, 2, YU_NUM_PROSE, num, sizeof num));
    if (!strstr(nf->msg, gw))
        fail_msg("N-FIGURE message does not print its got %s: %s", gw, nf->msg);
    yu_findings_free(&fs);
    s->v -= 100;
    /* the “三公” table's own 万元 */
    yu_table *T = NULL;
    for (size_t i = 0; i < d->ntables; i++)
        if (!strcmp(d->tables[i].lt->id, "sangong"))
            T = &d->tables[i];
    assert_non_null(T);
    assert_int_equal(T->unit_fen, 10000);
    yu_cell *c = mcell(T, &T->rows[0], "sg_total");
    c->v += 1;
    fs = check(d);
    const yu_finding *f = finding_in(&fs, "G-SANGONG-SUM", "sangong");
    assert_int_equal(f->fen, 10000);
    assert_int_equal(f->got - f->want, 1);
    yu_findings_free(&fs);
    c->v -= 1;
    /* figures that are not money say no unit: the shares of the 三公 sentence */
    fs = check(d);
    for (size_t i = 0; i < fs.n; i++)
        if (!strcmp(fs.f[i].rule, "P-WEIGHTS") || !strcmp(fs.f[i].rule, "N-SHARE") || !strcmp(fs.f[i].rule, "T-NAME"))
            assert_int_equal(fs.f[i].fen, 0);
    yu_findings_free(&fs);
    yu_doc_free(d);
    yu_budget_free(b);
    yu_layout_free(L);
}

#define T(f) cmocka_unit_test_setup_teardown(f, doc_setup, doc_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_rule_catalogue),
        T(test_example_clean),
        T(test_synthetic_clean),
        T(test_t_diff_ex),
        T(test_t_unreadable),
        T(test_d_empty_note),
        T(test_d_note_data),
        T(test_n_untied),
        T(test_p_indicators),
        T(test_x_govfund_soe_fiscal_items),
        T(test_x_carry),
        T(test_p_levels),
        T(test_t_name),
        T(test_f_parts),
        T(test_n_share),
        T(test_n_parts),
        T(test_t_row_sum),
        T(test_t_class_sum),
        T(test_t_kuan_sum),
        T(test_t_total_sum),
        T(test_t_diff),
        T(test_t_diff_pct),
        T(test_t_basic_sum),
        T(test_t_row_sum_basic_table),
        T(test_s_income_sum),
        T(test_s_exp_sum),
        T(test_s_grand),
        T(test_s_grand_out),
        T(test_x_summary_exp),
        T(test_x_summary_class),
        T(test_x_summary_class_names_the_line),
        T(test_x_income_total),
        T(test_x_income_items),
        T(test_f_grand),
        T(test_x_fiscal_gpb),
        T(test_x_gpb_total),
        T(test_x_gpb_total_with_carry_out),
        T(test_x_gpb_basic),
        T(test_g_sangong_sum),
        T(test_g_sangong_car),
        T(test_p_funds),
        T(test_p_weights),
        T(test_n_figure),
        T(test_n_figure_grid_and_diff),
        T(test_n_figure_sangong),
        T(test_y_vehicle_buy),
        T(test_y_perf_sum),
        T(test_y_perf_life),
        T(test_audit_figures_resolved),
        T(test_finding_units),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
