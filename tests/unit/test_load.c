/* Unit tests: loading a budget package, and its error messages.  Each test
 * copies the example package into a temporary directory and breaks one file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>
#include "yusuan/yusuan.h"
#include "internal.h"
#include "test_store_fix.h"

#define EXAMPLE YU_DATADIR "/../examples/feco-2024"

static const char *const files[] = {
    "assets.csv", "expenditure.csv", "functions.txt", "funds.csv", "indicators.csv", "notes.csv",
    "organisation.txt", "prior.csv", "procurement.csv", "projects.csv", "sangong.csv", "unit.txt",
};

static struct {
    yu_catalog *func, *econ;
    char dir[256];
    yu_budget *b;
    yu_error err;
} F;

static int group_setup(void **state)
{
    (void)state;
    return fix_catalogs(&F.func, &F.econ);
}

static int group_teardown(void **state)
{
    (void)state;
    fix_catalogs_free(F.func, F.econ);
    return 0;
}

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return -1;
    FILE *out = fopen(to, "wb");
    if (!out) {
        fclose(in);
        return -1;
    }
    char buf[8192];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    fclose(in);
    if (fclose(out))
        rc = -1;
    return rc;
}

/* a fresh copy of the example package for each test */
static int pkg_setup(void **state)
{
    (void)state;
    snprintf(F.dir, sizeof F.dir, "/tmp/yu-test-load-XXXXXX");
    if (!mkdtemp(F.dir))
        return -1;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char a[512], b[512];
        snprintf(a, sizeof a, "%s/%s", EXAMPLE, files[i]);
        snprintf(b, sizeof b, "%s/%s", F.dir, files[i]);
        if (copy_file(a, b))
            return -1;
    }
    F.b = NULL;
    yu_error_clear(&F.err);
    return 0;
}

static int pkg_teardown(void **state)
{
    (void)state;
    yu_budget_free(F.b);
    F.b = NULL;
    DIR *d = opendir(F.dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char p[600];
            snprintf(p, sizeof p, "%s/%s", F.dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(F.dir);
    return 0;
}

static void put(const char *name, const char *text)
{
    char p[600];
    snprintf(p, sizeof p, "%s/%s", F.dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fwrite(text, 1, strlen(text), f);
    assert_int_equal(fclose(f), 0);
}

static void drop(const char *name)
{
    char p[600];
    snprintf(p, sizeof p, "%s/%s", F.dir, name);
    assert_int_equal(unlink(p), 0);
}

static yu_status load(void)
{
    yu_budget_free(F.b);
    F.b = NULL;
    return yu_load_package(F.dir, F.func, F.econ, &F.b, &F.err);
}

static void ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    if (a < b || strcmp(s + a - b, suffix))
        fail_msg("'%s' does not end with '%s'", s, suffix);
}

/* asserts the load fails with status st in `file` at line/col (-1: any) and
 * the message contains `needle` (NULL: any) */
static void expect_error(yu_status st, const char *file, int line, int col, const char *needle)
{
    yu_status got = load();
    if (got != st)
        fail_msg("status %d (%s), want %d; %s:%d:%d: %s", got, yu_strerror(got), st, F.err.file,
                 F.err.line, F.err.col, F.err.msg);
    assert_null(F.b);
    assert_int_equal(F.err.status, st);
    char want[600];
    snprintf(want, sizeof want, "/%s", file);
    ends_with(F.err.file, want);
    assert_int_equal(strncmp(F.err.file, F.dir, strlen(F.dir)), 0);
    if (line >= 0 && F.err.line != line)
        fail_msg("line %d, want %d (%s)", F.err.line, line, F.err.msg);
    if (col >= 0 && F.err.col != col)
        fail_msg("col %d, want %d (%s)", F.err.col, col, F.err.msg);
    if (needle && !strstr(F.err.msg, needle))
        fail_msg("message '%s' lacks '%s'", F.err.msg, needle);
}

#define EXP_HEAD "func,type,source,econ,project,jijian,amount\n"

/* ---- the example itself ---- */

static void test_example_loads(void **state)
{
    (void)state;
    assert_int_equal(load(), YU_OK);
    const yu_budget *b = F.b;
    assert_string_equal(b->name, "生态环境部对外合作与交流中心");
    assert_string_equal(b->code, "144009");
    assert_string_equal(b->dept_name, "生态环境部");
    assert_string_equal(b->dept_code, "144");
    assert_string_equal(b->template_id, "central-budget");
    assert_null(b->parent_code);
    assert_int_equal(b->year, 2024);
    assert_int_equal(b->input_scale, YU_FEN_PER_WAN);
    assert_int_equal(b->funds[YU_F_GPB], 1368000000LL);
    assert_int_equal(b->funds[YU_F_CARRY_GPB], 137350000LL);
    assert_int_equal(b->funds[YU_F_CARRY_NF], 18237200000LL);
    assert_int_equal(b->funds[YU_F_GF], 0);
    assert_int_equal(b->nlines, 26);
    const yu_line *l = &b->lines[0];
    assert_int_equal(l->func, 2020599);
    assert_int_equal(l->type, YU_T_PROJECT);
    assert_int_equal(l->source, YU_S_GPB);
    assert_int_equal(l->amount, 33000000);
    assert_int_equal(l->project, 0);
    assert_int_equal(l->econ, 0);
    l = &b->lines[11];
    assert_int_equal(l->func, 2110106);
    assert_int_equal(l->type, YU_T_PERSONNEL);
    assert_int_equal(l->source, YU_S_NONFISCAL);
    assert_int_equal(l->project, -1);
    assert_int_equal(l->amount, 13840000000LL);
    assert_int_equal(b->nprior, 1);
    assert_int_equal(b->prior[0].func, 2029999);
    assert_int_equal(b->prior[0].executed, 637000000);
    assert_int_equal(b->nprojects, 23);
    assert_string_equal(b->projects[0].id, "p-apec-gsc");
    assert_int_equal(b->projects[0].publish, 1);
    assert_int_equal(b->projects[0].exec_score, 10);
    assert_non_null(strchr(b->projects[2].goal, '\n')); /* a quoted multi-line field */
    assert_int_equal(b->nindicators, 72);
    assert_int_equal(b->indicators[0].weight, 3000);
    assert_int_equal(b->nassets, 4);
    assert_int_equal(b->nnotes, 2);
    assert_string_equal(yu_budget_note(b, "gpb_change"), "亚洲合作资金等项目支出增加。");
    assert_int_equal(b->procurement[YU_P_SERVICES], 749400000);
    assert_int_equal(b->has_sangong_prior, 0);
    assert_non_null(b->functions);
    assert_non_null(strstr(b->organisation, "\n\n"));
    assert_int_equal(yu_budget_check_balance(b, &F.err), YU_OK);
}

static void test_yuan_unit(void **state)
{
    (void)state;
    /* the same figures read as 元 still balance */
    put("unit.txt", "name = 单位\ncode = 1\ndepartment = 部\ndepartment_code = 1\nyear = 2024\namount_unit = 元\n");
    assert_int_equal(load(), YU_OK);
    assert_int_equal(F.b->input_scale, YU_FEN_PER_YUAN);
    assert_int_equal(F.b->funds[YU_F_GPB], 136800);
    assert_int_equal(F.b->lines[0].amount, 3300);
    assert_string_equal(F.b->template_id, "central-budget"); /* the default */
}

static void test_optional_files(void **state)
{
    (void)state;
    drop("prior.csv");
    drop("assets.csv");
    drop("notes.csv");
    drop("functions.txt");
    drop("sangong.csv");
    assert_int_equal(load(), YU_OK);
    assert_int_equal(F.b->nprior, 0);
    assert_int_equal(F.b->nassets, 0);
    assert_null(F.b->functions);
    assert_null(yu_budget_note(F.b, "gpb_change"));
}

static void test_not_a_directory(void **state)
{
    (void)state;
    char p[600];
    snprintf(p, sizeof p, "%s/unit.txt", F.dir);
    yu_budget *b = (yu_budget *)0x1;
    assert_int_equal(yu_load_package(p, F.func, F.econ, &b, &F.err), YU_EIO);
    assert_null(b);
    assert_string_equal(F.err.file, p);
    assert_int_equal(yu_load_package("/nonexistent/pkg", F.func, F.econ, &b, &F.err), YU_EIO);
}

/* ---- missing files and columns ---- */

static void test_missing_expenditure(void **state)
{
    (void)state;
    drop("expenditure.csv");
    expect_error(YU_EMISSING, "expenditure.csv", 0, 0, "expenditure.csv");
}

static void test_missing_funds_and_unit(void **state)
{
    (void)state;
    drop("funds.csv");
    expect_error(YU_EMISSING, "funds.csv", 0, 0, NULL);
    drop("unit.txt");
    expect_error(YU_EMISSING, "unit.txt", 0, 0, NULL);
}

static void test_missing_column_amount(void **state)
{
    (void)state;
    put("expenditure.csv", "func,type,source,econ,project,jijian,amt\n"
                           "2020599,project,gpb,,p-apec-gsc,,33.00\n");
    expect_error(YU_EMISSING, "expenditure.csv", 1, 0, "'amount'");
}

static void test_empty_required_csv(void **state)
{
    (void)state;
    put("funds.csv", "\xEF\xBB\xBF# nothing here\n\n");
    expect_error(YU_EMISSING, "funds.csv", 1, 0, "header");
}

/* ---- amounts ---- */

static void test_amount_not_a_number(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD
        "2020599,project,gpb,,p-apec-gsc,,33.00\n"
        "# a comment\n"
        "2020599,project,gpb,,p-china-central-asia,,12a\n");
    expect_error(YU_EVALUE, "expenditure.csv", 4, 7, "not a number");
    assert_non_null(strstr(F.err.msg, "'12a'"));
}

static void test_amount_negative(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD "2020599,project,gpb,,p-apec-gsc,,-3\n");
    expect_error(YU_EVALUE, "expenditure.csv", 2, 7, "negative");
    /* also in prior.csv */
    put("expenditure.csv", EXP_HEAD "2020599,project,gpb,,p-apec-gsc,,3\n");
    put("prior.csv", "func,executed,executed_ex\n2029999,-637.00,\n");
    expect_error(YU_EVALUE, "prior.csv", 2, 2, "negative");
}

static void test_amount_three_decimals(void **state)
{
    (void)state;
    put("funds.csv", "item,amount\ngpb,1368.001\n");
    expect_error(YU_EVALUE, "funds.csv", 2, 2, "more than two decimals");
}

static void test_amount_columns_in_other_order(void **state)
{
    (void)state;
    /* columns in any order, unknown columns ignored, full-width digits */
    put("funds.csv", "note,amount,item\nx,\"1,368.00\",gpb\n,５０００,shiye\n,22700,other\n"
                     ",137.35,carry_gpb\n,18237.2,carry_nf\n,18237.20,out_nf\n");
    assert_int_equal(load(), YU_OK);
    assert_int_equal(F.b->funds[YU_F_SHIYE], 5000000000LL);
}

/* Regression (was a bug): docs/format.md ("Amounts") says "An empty amount means zero", but
 * every caller of amount() in src/lib/load_package.c passes allow_empty = 0,
 * so an empty amount is refused as "not an amount (empty)". */
static void test_amount_empty_means_zero(void **state)
{
    (void)state;
    put("funds.csv", "item,amount\ngpb,1368.00\ngf,\nshiye,5000.00\nother,22700.00\n"
                     "carry_gpb,137.35\ncarry_nf,18237.20\nout_nf,18237.20\n");
    yu_status st = load();
    if (st != YU_OK)
        fail_msg("%s:%d:%d: %s", F.err.file, F.err.line, F.err.col, F.err.msg);
    assert_int_equal(F.b->funds[YU_F_GF], 0);
}

/* funds.csv's optional prior column: last year's budget of an item, for the narrative's
 * comparisons; empty is unknown; not an amount is refused at its line and column */
static void test_funds_prior(void **state)
{
    (void)state;
    put("funds.csv", "item,amount,prior\ngpb,1368.00,1000.00\ngf,,\nshiye,5000.00,\nother,22700.00,0\n"
                     "carry_gpb,137.35,\ncarry_nf,18237.20,\nout_nf,18237.20,\n");
    yu_status st = load();
    if (st != YU_OK)
        fail_msg("%s:%d:%d: %s", F.err.file, F.err.line, F.err.col, F.err.msg);
    assert_int_equal(F.b->has_funds_prior, 1);
    assert_int_equal(F.b->funds_prior[YU_F_GPB], 1000000000LL); /* 1,000万元 */
    assert_int_equal(F.b->funds_prior[YU_F_SHIYE], 0);
    put("funds.csv", "item,amount,prior\ngpb,1368.00,1000.00\ngf,,x\nshiye,5000.00\n");
    expect_error(YU_EVALUE, "funds.csv", 3, 3, "not an amount");
}

/* ---- codes ---- */

static void test_fiscal_shangjiao_refused(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD "2110106,shangjiao,gpb,,,,1.00\n");
    expect_error(YU_EVALUE, "expenditure.csv", 2, 2, "cannot be paid from 财政拨款");
}

static void test_unknown_lei(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD "2999999,shangjiao,nonfiscal,,,,1.00\n");
    expect_error(YU_ECODE, "expenditure.csv", 2, 1, "类 299");
}

static void test_unknown_kuan(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD "2029899,shangjiao,nonfiscal,,,,1.00\n");
    expect_error(YU_ECODE, "expenditure.csv", 2, 1, "款 20298");
    assert_non_null(strstr(F.err.msg, "外交支出"));
}

static void test_unknown_xiang(void **state)
{
    (void)state;
    /* 款 20205 exists, 项 2020598 does not */
    put("expenditure.csv", EXP_HEAD "2020598,shangjiao,nonfiscal,,,,1.00\n");
    expect_error(YU_ECODE, "expenditure.csv", 2, 1, "2020598");
    assert_non_null(strstr(F.err.msg, "项"));
    assert_non_null(strstr(F.err.msg, "20205 对外合作与交流"));
}

static void test_bad_code_shape(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD "202059,shangjiao,nonfiscal,,,,1.00\n");
    expect_error(YU_ECODE, "expenditure.csv", 2, 1, "7 digits");
    put("expenditure.csv", "amount,func,type,source\n1.00,20205ab,shangjiao,nonfiscal\n");
    expect_error(YU_ECODE, "expenditure.csv", 2, 2, NULL);
    put("expenditure.csv", EXP_HEAD "2020599,salary,gpb,,,,1.00\n");
    expect_error(YU_EVALUE, "expenditure.csv", 2, 2, "salary");
    put("expenditure.csv", EXP_HEAD "2020599,project,cash,,p-apec-gsc,,1.00\n");
    expect_error(YU_EVALUE, "expenditure.csv", 2, 3, "cash");
    put("expenditure.csv", EXP_HEAD "2020599,project,gpb,,p-apec-gsc,2,1.00\n");
    expect_error(YU_EVALUE, "expenditure.csv", 2, 6, "jijian");
}

static void test_econ_codes(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD "2110101,personnel,gpb,,,,1.00\n");
    expect_error(YU_EMISSING, "expenditure.csv", 2, 4, "econ");
    put("expenditure.csv", EXP_HEAD "2110101,personnel,gpb,30201,,,1.00\n");
    expect_error(YU_ECODE, "expenditure.csv", 2, 4, "30201");
    put("expenditure.csv", EXP_HEAD "2110101,public,gpb,30101,,,1.00\n");
    expect_error(YU_ECODE, "expenditure.csv", 2, 4, "30101");
    put("expenditure.csv", EXP_HEAD "2110101,public,gpb,302,,,1.00\n");
    expect_error(YU_ECODE, "expenditure.csv", 2, 4, "5 digits");
    put("expenditure.csv", EXP_HEAD "2110101,public,gpb,30298,,,1.00\n");
    expect_error(YU_ECODE, "expenditure.csv", 2, 4, "30298");
}

/* ---- line items ---- */

static void test_duplicated_line(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD
        "2020599,project,gpb,,p-apec-gsc,,33.00\n"
        "2020599,project,gpb,,p-sco-climate,,50.00\n"
        "\n"
        "2020599,project,gpb,,p-apec-gsc,,1.00\n");
    expect_error(YU_EDUP, "expenditure.csv", 5, 1, "line 2");
}

static void test_not_duplicates(void **state)
{
    (void)state;
    /* differing only in jijian, or in source: two line items */
    put("expenditure.csv", EXP_HEAD
        "2020599,project,gpb,,p-apec-gsc,,30.00\n"
        "2020599,project,gpb,,p-apec-gsc,1,3.00\n"
        "2020599,project,gpb,,p-china-central-asia,,60.00\n"
        "2020599,project,gpb,,p-sco-climate,,50.00\n"
        "2020599,project,gpb,,p-eas-think-tank,,59.00\n"
        "2020599,project,gpb,,p-indonesia-coastal,,104.00\n"
        "2020599,project,gpb,,p-asean-cities,,76.00\n"
        "2020599,project,gpb,,p-cafta-footprint,,230.00\n"
        "2020599,project,gpb,,p-lmc-air-climate,,236.00\n"
        "2020599,project,gpb,,p-asia-other,,520.00\n"
        "2029999,project,gpb_carry,,p-diplomacy-carry,,137.35\n"
        "2110106,personnel,nonfiscal,,,,27700.00\n");
    assert_int_equal(load(), YU_OK);
    assert_int_equal(F.b->nlines, 12);
    assert_int_equal(F.b->lines[1].jijian, 1);
}

/* many line items: the duplicate index grows and still finds duplicates */
static void test_duplicate_after_growth(void **state)
{
    (void)state;
    yu_buf b;
    yu_buf_init(&b, 0);
    yu_buf_puts(&b, EXP_HEAD);
    int n = 0;
    for (size_t i = 0; i < yu_catalog_size(F.func) && n < 700; i++) {
        const char *code, *name;
        yu_catalog_at(F.func, i, &code, &name);
        if (strlen(code) != 7)
            continue;
        yu_buf_printf(&b, "%s,shangjiao,nonfiscal,,,,1.00\n", code);
        n++;
    }
    assert_int_equal(n, 700);
    put("expenditure.csv", b.p);
    put("funds.csv", "item,amount\nshiye,700\n");
    put("prior.csv", "func,executed\n");
    assert_int_equal(load(), YU_OK);
    assert_int_equal(F.b->nlines, 700);

    /* the same again with line 3 repeated at the end */
    const char *line3 = strchr(strchr(b.p, '\n') + 1, '\n') + 1;
    char dup[64];
    snprintf(dup, sizeof dup, "%.*s", (int)(strchr(line3, '\n') - line3 + 1), line3);
    yu_buf_puts(&b, dup);
    put("expenditure.csv", b.p);
    yu_buf_free(&b);
    expect_error(YU_EDUP, "expenditure.csv", 702, 1, "line 3");
}

static void test_project_missing(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD "2020599,project,gpb,,,,33.00\n");
    expect_error(YU_EMISSING, "expenditure.csv", 2, 5, "project");
}

static void test_project_unknown(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD "2020599,project,gpb,,p-nosuch,,33.00\n");
    expect_error(YU_EVALUE, "expenditure.csv", 2, 5, "'p-nosuch'");
    put("expenditure.csv", EXP_HEAD "2020599,project,gpb,,p-apec-gsc,,33.00\n");
    put("indicators.csv", "project,level1,level2,level3,value,weight\np-x,产出指标,数量指标,会,1次,90\n");
    expect_error(YU_EVALUE, "indicators.csv", 2, 1, "'p-x'");
}

/* ---- balance ---- */

static void test_imbalance_gpb(void **state)
{
    (void)state;
    put("funds.csv", "item,amount\ngpb,1300.00\nshiye,5000.00\nother,22700.00\n"
                     "carry_gpb,137.35\ncarry_nf,18237.20\nout_nf,18237.20\n");
    expect_error(YU_EBALANCE, "funds.csv", 0, 0, "一般公共预算拨款");
    assert_non_null(strstr(F.err.msg, "14,373,500.00")); /* 1,437.35 万元 in 元 */
}

static void test_gpb_overspent_this_year(void **state)
{
    (void)state;
    /* sources equal uses, but this year's gpb lines exceed this year's gpb */
    put("funds.csv", "item,amount\ngpb,1300.00\nshiye,5000.00\nother,22700.00\n"
                     "carry_gpb,205.35\ncarry_nf,18237.20\nout_nf,18237.20\n");
    expect_error(YU_EBALANCE, "expenditure.csv", 0, 0, "一般公共预算拨款");
}

static void test_imbalance_nonfiscal(void **state)
{
    (void)state;
    put("funds.csv", "item,amount\ngpb,1368.00\nshiye,4999.99\nother,22700.00\n"
                     "carry_gpb,137.35\ncarry_nf,18237.20\nout_nf,18237.20\n");
    expect_error(YU_EBALANCE, "funds.csv", 0, 0, "非财政拨款");
    put("funds.csv", "item,amount\ngpb,1368.00\nshiye,5000.00\nshiye_edu,5000.01\nother,22700.00\n"
                     "carry_gpb,137.35\ncarry_nf,18237.20\nout_nf,18237.20\n");
    expect_error(YU_EBALANCE, "funds.csv", 0, 0, "教育收费");
}

/* ---- funds.csv ---- */

static void test_funds_items(void **state)
{
    (void)state;
    put("funds.csv", "item,amount\ngpb,1368.00\nbonus,1\n");
    expect_error(YU_EVALUE, "funds.csv", 3, 1, "'bonus'");
    put("funds.csv", "item,amount\ngpb,1368.00\n一般公共预算拨款收入,1\n");
    expect_error(YU_EDUP, "funds.csv", 3, 1, "given twice");
}

/* ---- unit.txt ---- */

static void test_unit_missing_year(void **state)
{
    (void)state;
    put("unit.txt", "name = 单位\ncode = 1\ndepartment = 部\ndepartment_code = 1\namount_unit = 万元\n");
    expect_error(YU_EMISSING, "unit.txt", 0, 0, "'year'");
}

static void test_unit_thousand_yuan(void **state)
{
    (void)state;
    put("unit.txt", "# header\nname = 单位\ncode = 1\ndepartment = 部\ndepartment_code = 1\n"
                    "year = 2024\namount_unit = 千元\n");
    /* column of 千 in "amount_unit = 千元" */
    expect_error(YU_EVALUE, "unit.txt", 7, 15, "千元");
}

/* Regression (was a bug): load_unit() (src/lib/load_package.c) computes the value's column in
 * the line after yu_trim() has removed its leading blanks, so an indented
 * "  amount_unit = 千元" is reported at column 15 instead of 17. */
static void test_unit_value_column_indented(void **state)
{
    (void)state;
    put("unit.txt", "name = 单位\ncode = 1\ndepartment = 部\ndepartment_code = 1\n"
                    "year = 2024\n  amount_unit = 千元\n");
    expect_error(YU_EVALUE, "unit.txt", 6, 17, "千元");
}

static void test_unit_other_errors(void **state)
{
    (void)state;
    put("unit.txt", "name = 单位\ncode = 1\ndepartment = 部\ndepartment_code = 1\nyear = 20x4\namount_unit = 元\n");
    expect_error(YU_EVALUE, "unit.txt", 5, 8, "20x4");
    put("unit.txt", "name = 单位\ncolour = red\n");
    expect_error(YU_ESYNTAX, "unit.txt", 2, 1, "'colour'");
    put("unit.txt", "name = 单位\nname = 又一个\n");
    expect_error(YU_EDUP, "unit.txt", 2, 1, "'name'");
    put("unit.txt", "name 单位\n");
    expect_error(YU_ESYNTAX, "unit.txt", 1, 1, "key = value");
    put("unit.txt", "name =\n");
    expect_error(YU_EVALUE, "unit.txt", 1, 1, "'name'");
}

static void test_unit_parent_and_template(void **state)
{
    (void)state;
    put("unit.txt", "\xEF\xBB\xBFname = 单位\r\ncode = 1\r\ndepartment = 部\r\ndepartment_code = 1\r\n"
                    "year = 2025\r\namount_unit = 万元\r\nparent = 144\r\ntemplate = other-layout\r\n");
    assert_int_equal(load(), YU_OK);
    assert_string_equal(F.b->name, "单位");
    assert_int_equal(F.b->year, 2025);
    assert_string_equal(F.b->parent_code, "144");
    assert_string_equal(F.b->template_id, "other-layout");
}

/* writes `name` as more than 32 MiB of comment lines, then `tail` */
static void put_huge(const char *name, const char *tail)
{
    char p[600];
    snprintf(p, sizeof p, "%s/%s", F.dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    char line[1024];
    memset(line, 'x', sizeof line);
    line[0] = '#';
    line[sizeof line - 1] = '\n';
    for (int i = 0; i < 33 * 1024 + 16; i++)
        assert_int_equal(fwrite(line, 1, sizeof line, f), sizeof line);
    fputs(tail, f);
    assert_int_equal(fclose(f), 0);
}

static void test_text_file_too_big(void **state)
{
    (void)state;
    put_huge("functions.txt", "职能\n");
    expect_error(YU_ELIMIT, "functions.txt", 0, 0, "32 MiB");
}

/* Regression (was a bug): open_file() maps files larger than 32 MiB read-only and without a
 * terminating NUL; load_text() refuses such a file (YU_ELIMIT) but
 * load_unit() (src/lib/load_package.c) runs strchr() over it and writes
 * '\0' into the read-only mapping: a 33 MiB unit.txt of comment lines
 * crashes the loader (SIGSEGV) instead of returning an error. */
static void test_unit_txt_too_big(void **state)
{
    (void)state;
    put_huge("unit.txt", "name = 单位\ncode = 1\ndepartment = 部\ndepartment_code = 1\n"
                         "year = 2024\namount_unit = 万元\n");
    yu_status st = load();
    assert_true(st == YU_ELIMIT || st == YU_OK);
    if (st == YU_ELIMIT)
        ends_with(F.err.file, "/unit.txt");
}

/* ---- text encoding and CSV syntax ---- */

static void test_not_utf8(void **state)
{
    (void)state;
    put("funds.csv", "item,amount\ngpb,1368.00\n\xD6\xD0,1\n");
    expect_error(YU_ESYNTAX, "funds.csv", 3, 0, "UTF-8");
}

static void test_csv_syntax(void **state)
{
    (void)state;
    put("projects.csv", "id,name,goal\np1,项目,\"未结束的目标\n第二行\n");
    expect_error(YU_ESYNTAX, "projects.csv", 2, 3, NULL);
}

static void test_indicator_errors(void **state)
{
    (void)state;
    put("indicators.csv", "project,level1,level2,level3,value,weight\n"
                          "p-apec-gsc,产出指标,数量指标,会,1次,90.001\n");
    expect_error(YU_EVALUE, "indicators.csv", 2, 6, "weight");
    put("indicators.csv", "project,level1,level2,level3,value,weight\n"
                          "p-apec-gsc,投入指标,数量指标,会,1次,90\n");
    expect_error(YU_EVALUE, "indicators.csv", 2, 2, "投入指标");
    put("indicators.csv", "project,level1,level2,level3,value,weight\n"
                          "p-apec-gsc,产出指标,,会,1次,90\n");
    expect_error(YU_EMISSING, "indicators.csv", 2, 3, "level2");
}

static void test_notes_errors(void **state)
{
    (void)state;
    put("notes.csv", "key,text\nfunc:2999999,原因\n");
    expect_error(YU_ECODE, "notes.csv", 2, 1, "func:2999999");
    put("notes.csv", "key,text\nmood,好\n");
    expect_error(YU_EVALUE, "notes.csv", 2, 1, "'mood'");
    put("notes.csv", "key,text\nbasic,一\nbasic,二\n");
    expect_error(YU_EDUP, "notes.csv", 3, 1, "'basic'");
    /* a 项's purpose and a “三公” item's reason (Shanghai's 编制说明) */
    put("notes.csv", "key,text\npurpose:2999999,用途\n");
    expect_error(YU_ECODE, "notes.csv", 2, 1, "purpose:2999999");
    put("notes.csv", "key,text\nsangong:boat,原因\n");
    expect_error(YU_EVALUE, "notes.csv", 2, 1, "'sangong:boat'");
}

/* funds.csv `prior`: last year's budget of an item (Shanghai's 编制说明 compares with it) */
static void test_funds_prior_negative(void **state)
{
    (void)state;
    put("funds.csv", "item,amount,prior\ngpb,1368.00,1200.50\nshiye,5000.00,\nother,22700.00,\n"
                     "carry_gpb,137.35,\ncarry_nf,18237.20,\nout_nf,18237.20,\n");
    yu_status st = load();
    if (st != YU_OK)
        fail_msg("%s:%d: %s", F.err.file, F.err.line, F.err.msg);
    assert_int_equal(F.b->has_funds_prior, 1);
    assert_int_equal(F.b->funds_prior[YU_F_GPB], 1200500000);
    assert_int_equal(F.b->funds_prior[YU_F_SHIYE], 0);
    put("funds.csv", "item,amount,prior\ngpb,1368.00,-1\n");
    expect_error(YU_EVALUE, "funds.csv", 2, 3, "prior");
}

static void test_notes_purpose(void **state)
{
    (void)state;
    put("notes.csv", "key,text\npurpose:2020599,对外合作与交流\nsangong:car_buy,购置车辆类型不同\n");
    yu_status st = load();
    if (st != YU_OK)
        fail_msg("%s:%d: %s", F.err.file, F.err.line, F.err.msg);
    assert_string_equal(yu_budget_note(F.b, "purpose:2020599"), "对外合作与交流");
    assert_string_equal(yu_budget_note(F.b, "sangong:car_buy"), "购置车辆类型不同");
}

/* ---- projects.csv: the 财政项目支出绩效目标填报表's words and whole-life funds ---- */

#define PRJ_HEAD "id,name,department,implementer,publish,exec_score,goal,nature,category,start,finish," \
                 "life_total,life_fiscal,life_other,life_goal\n"
/* the example's other projects, without the form */
static const char *const prj_rest[] = {
    "p-china-central-asia", "p-sco-climate", "p-eas-think-tank", "p-indonesia-coastal", "p-asean-cities",
    "p-cafta-footprint", "p-lmc-air-climate", "p-asia-other", "p-diplomacy-carry", "nf-2110102", "nf-2110106",
    "nf-2110107", "nf-2110108", "nf-2110199", "nf-2110302", "nf-2110304", "nf-2110399", "nf-2110401",
    "nf-2110404", "nf-2110499", "nf-2111101", "nf-2111102"};

/* projects.csv: p-apec-gsc with the form columns `form` (nature … life_goal, 8 fields) on line 2,
 * then the example's others, the one at `at` (0: none) with `other_form` instead of none */
static void put_forms(const char *form, int at, const char *other_form)
{
    char t[8192];
    size_t n = (size_t)snprintf(t, sizeof t, PRJ_HEAD "p-apec-gsc,APEC,[144]生态环境部,中心,1,10,目标,%s\n", form);
    for (size_t i = 0; i < sizeof prj_rest / sizeof *prj_rest; i++) {
        n += (size_t)snprintf(t + n, sizeof t - n, "%s,项目,[144]生态环境部,中心,1,10,目标,%s\n", prj_rest[i],
                              (int)i + 1 == at ? other_form : ",,,,,,,");
        assert_true(n < sizeof t);
    }
    put("projects.csv", t);
}

static void put_form(const char *form)
{
    put_forms(form, 0, NULL);
}

static void test_project_form_errors(void **state)
{
    (void)state;
    static const struct {
        const char *form; /* p-apec-gsc's nature … life_goal */
        yu_status st;
        int col;
        const char *msg;
    } cases[] = {
        /* dates: the shape, a day that does not exist, the order */
        {"阶段性项目,特定目标类,2024-1-01,2024-12-31,,,,", YU_EVALUE, 10,
         "start '2024-1-01' of project 'p-apec-gsc': expected a date YYYY-MM-DD (计划开始日期, e.g. 2024-01-01)"},
        {",,2023-02-29,,,,,", YU_EVALUE, 10, "start '2023-02-29' of project 'p-apec-gsc'"},
        {",,2024-01-01,2024-04-31,,,,", YU_EVALUE, 11,
         "finish '2024-04-31' of project 'p-apec-gsc': expected a date YYYY-MM-DD (计划完成日期, e.g. 2024-01-01)"},
        {",,2024-06-01,2024-05-31,,,,", YU_EVALUE, 11,
         "project 'p-apec-gsc' finishes (2024-05-31) before it starts (2024-06-01): "
         "expected 计划完成日期 on or after 计划开始日期"},
        /* funds: parts that do not add up, a part above the total, parts without the total */
        {",,,,100,80,30,", YU_EVALUE, 12,
         "project 'p-apec-gsc': life_fiscal and life_other do not add up to life_total: "
         "expected 其中：财政资金 + 其他资金 = 项目资金总额"},
        {",,,,100,120,,", YU_EVALUE, 12, "do not add up to life_total"},
        {",,,,,80,,", YU_EMISSING, 13,
         "project 'p-apec-gsc' gives life_fiscal without life_total: expected 项目资金总额 with its parts"},
        {",,,,,,20,", YU_EMISSING, 14, "project 'p-apec-gsc' gives life_other without life_total"},
        /* an amount as every other: not a number, negative */
        {",,,,一百,,,", YU_EVALUE, 12, "life_total"},
        {",,,,-1,,,", YU_EVALUE, 12, "life_total"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        put_form(cases[i].form);
        expect_error(cases[i].st, "projects.csv", 2, cases[i].col, cases[i].msg);
    }
    /* on a later line, the line is that one */
    put_forms(",,,,,,,", 1, ",,,,,,5,");
    expect_error(YU_EMISSING, "projects.csv", 3, 14, "'p-china-central-asia' gives life_other");
    /* every error at once: the refused line's project is still known, so the expenditure and
     * indicator lines naming it are not errors too */
    put_form(",,2024-13-01,,,,,");
    yu_errors *errs = yu_errors_new();
    assert_non_null(errs);
    yu_budget_free(F.b);
    F.b = NULL;
    assert_int_equal(yu_load_package_all(F.dir, F.func, F.econ, &F.b, errs, &F.err), YU_EVALUE);
    assert_null(F.b);
    if (yu_errors_count(errs) != 1)
        fail_msg("%zu errors, the second: %s", yu_errors_count(errs), yu_errors_at(errs, 1)->msg);
    assert_non_null(strstr(yu_errors_at(errs, 0)->msg, "start '2024-13-01' of project 'p-apec-gsc'"));
    yu_errors_free(errs);
}

static void test_project_form_read(void **state)
{
    (void)state;
    /* the example has none of the columns: every word "", no whole-life funds */
    assert_int_equal(load(), YU_OK);
    for (size_t i = 0; i < F.b->nprojects; i++) {
        const yu_project *p = &F.b->projects[i];
        assert_string_equal(p->nature, "");
        assert_string_equal(p->category, "");
        assert_string_equal(p->start, "");
        assert_string_equal(p->finish, "");
        assert_string_equal(p->life_goal, "");
        assert_int_equal(p->has_life, 0);
        assert_int_equal(p->life_total + p->life_fiscal + p->life_other, 0);
    }
    /* the words as written; a leap day; one day; the total alone is all 财政资金 (万元 → 分) */
    put_form("经常性项目,特定目标类,2024-02-29,2024-02-29,100.5,,,\"三年建成\n第二段\"");
    yu_status st = load();
    if (st != YU_OK)
        fail_msg("%s:%d: %s", F.err.file, F.err.line, F.err.msg);
    const yu_project *p = &F.b->projects[yu_budget_project_index(F.b, "p-apec-gsc")];
    assert_string_equal(p->nature, "经常性项目");
    assert_string_equal(p->category, "特定目标类");
    assert_string_equal(p->start, "2024-02-29");
    assert_string_equal(p->finish, "2024-02-29");
    assert_string_equal(p->life_goal, "三年建成\n第二段");
    assert_int_equal(p->has_life, 1);
    assert_int_equal(p->life_total, 100500000); /* 100.5 万元 */
    assert_int_equal(p->life_fiscal, 100500000);
    assert_int_equal(p->life_other, 0);
    assert_int_equal(F.b->projects[yu_budget_project_index(F.b, "p-sco-climate")].has_life, 0);
    /* one part given: the other is the rest */
    put_form(",,2024-01-01,2026-12-31,100,,30,");
    assert_int_equal(load(), YU_OK);
    p = &F.b->projects[yu_budget_project_index(F.b, "p-apec-gsc")];
    assert_int_equal(p->life_fiscal, 70 * YU_FEN_PER_WAN);
    assert_int_equal(p->life_other, 30 * YU_FEN_PER_WAN);
    put_form(",,,,100,100,,");
    assert_int_equal(load(), YU_OK);
    p = &F.b->projects[yu_budget_project_index(F.b, "p-apec-gsc")];
    assert_int_equal(p->life_fiscal, 100 * YU_FEN_PER_WAN);
    assert_int_equal(p->life_other, 0);
    /* both parts, adding up; a budget's copy of the project keeps all of it */
    put_form("阶段性项目,,,,100,60,40,总目标");
    assert_int_equal(load(), YU_OK);
    yu_budget *c = yu_budget_new();
    assert_non_null(c);
    assert_int_equal(yu_budget_add_project(c, &F.b->projects[yu_budget_project_index(F.b, "p-apec-gsc")]), YU_OK);
    p = &c->projects[0];
    assert_string_equal(p->nature, "阶段性项目");
    assert_string_equal(p->category, "");
    assert_string_equal(p->life_goal, "总目标");
    assert_int_equal(p->has_life, 1);
    assert_int_equal(p->life_total, 100 * YU_FEN_PER_WAN);
    assert_int_equal(p->life_fiscal, 60 * YU_FEN_PER_WAN);
    assert_int_equal(p->life_other, 40 * YU_FEN_PER_WAN);
    /* a project given without the form's words: each "" (never NULL) */
    yu_project bare = {.id = "p2", .name = "二", .goal = "", .exec_score = 10};
    assert_int_equal(yu_budget_add_project(c, &bare), YU_OK);
    for (int k = 0; k < YU_PROJECT_FORM_NTEXTS; k++)
        assert_string_equal(*yu_project_form_text(&c->projects[1], k), "");
    assert_null(yu_project_form_text(&c->projects[1], YU_PROJECT_FORM_NTEXTS));
    yu_budget_free(c);
}

/* ---- expenditure.csv: the fast path and the general reader ----
 * Plain lines are read straight from the bytes (load_package.c, fast_exp); a line with
 * quotes, spaces, labels, an error … is left to the general reader.  The same lines with
 * every field quoted are all read by the general reader: both loads must agree, line items
 * and error alike. */

/* body with every field of every line quoted (comment and blank lines as they are) */
static char *quote_all(const char *body)
{
    yu_buf b;
    yu_buf_init(&b, 0);
    for (const char *p = body; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (!n || *p == '#' || memchr(p, '"', n))
            yu_buf_add(&b, p, n);
        else
            for (const char *f = p; f <= p + n;) {
                const char *c = memchr(f, ',', (size_t)(p + n - f));
                const char *e = c ? c : p + n;
                size_t fl = (size_t)(e - f);
                if (fl && f[fl - 1] == '\r')
                    fl--; /* a CR of CRLF stays outside the quotes */
                yu_buf_printf(&b, "%s\"%.*s\"%s", f == p ? "" : ",", (int)fl, f, fl < (size_t)(e - f) ? "\r" : "");
                f = e + 1;
            }
        if (nl)
            yu_buf_add(&b, "\n", 1);
        p = nl ? nl + 1 : p + n;
    }
    char *r = yu_strdup(b.p ? b.p : "");
    yu_buf_free(&b);
    return r;
}

/* loads head + body fast and quoted; both must give the same status, error and line items.
 * Returns the status (F.b, F.err: the fast load's). */
static yu_status load_both(const char *head, const char *body)
{
    char *text = malloc(strlen(head) + strlen(body) + 1);
    char *q = quote_all(body);
    char *qtext = malloc(strlen(head) + strlen(q) + 1);
    assert_non_null(text);
    assert_non_null(qtext);
    snprintf(text, strlen(head) + strlen(body) + 1, "%s%s", head, body);
    snprintf(qtext, strlen(head) + strlen(q) + 1, "%s%s", head, q);
    put("expenditure.csv", qtext);
    yu_status sq = load();
    yu_error eq = F.err;
    yu_budget *bq = F.b;
    F.b = NULL;
    put("expenditure.csv", text);
    yu_status sf = load();
    if (sf != sq || strcmp(F.err.msg, eq.msg) || F.err.line != eq.line || F.err.col != eq.col)
        fail_msg("fast %d %d:%d %s / general %d %d:%d %s", sf, F.err.line, F.err.col, F.err.msg, sq, eq.line,
                 eq.col, eq.msg);
    if (sf == YU_OK) {
        assert_int_equal(F.b->nlines, bq->nlines);
        assert_memory_equal(F.b->lines, bq->lines, bq->nlines * sizeof *bq->lines);
    }
    yu_budget_free(bq);
    free(text);
    free(qtext);
    free(q);
    return sf;
}

/* funds for line items worth 1368 (gpb), 137.35 (gpb_carry) and 45937.2 (nonfiscal) */
#define FUNDS_OK "item,amount\ngpb,1368\ncarry_gpb,137.35\nother,45937.20\n"
/* three plain line items, lines 2 to 4 */
#define FAST_OK                                                                                  \
    "2020599,project,gpb,,p-apec-gsc,,1000.00\n"                                                 \
    "2029999,project,gpb_carry,,p-diplomacy-carry,,137.35\n"                                     \
    "2110106,personnel,nonfiscal,,,,27700.00\n"

static void test_fast_path_same_lines(void **state)
{
    (void)state;
    /* plain lines, a CRLF line, a comment, a blank line, a label, spaces, a quoted field,
     * amounts as .5 and 5. and 0012.30, an extra column with Chinese text */
    const char *body =
        FAST_OK
        "2020599,project,gpb,,p-sco-climate,,300.5\r\n"
        "# a comment\n"
        "\n"
        "2020599,项目支出,gpb,,p-eas-think-tank,,50.\n"
        "2020599, project ,gpb,,p-asia-other,,17.0\n"
        "2020599,project,\"gpb\",,p-asean-cities,,0.5\n"
        "2110106,public,nonfiscal,,,1,0012.30\n"
        "2110106,public,nonfiscal,30201,,0,18224.90\n";
    put("funds.csv", FUNDS_OK);
    assert_int_equal(load_both(EXP_HEAD, body), YU_OK);
    assert_int_equal(F.b->nlines, 9);
    assert_int_equal(F.b->lines[3].amount, 300500000LL);
    assert_int_equal(F.b->lines[4].type, YU_T_PROJECT);
    assert_int_equal(F.b->lines[6].amount, 500000);
    assert_int_equal(F.b->lines[7].amount, 12300000);
    assert_int_equal(F.b->lines[7].jijian, 1);
    assert_int_equal(F.b->lines[8].econ, 30201);
    /* columns in another order, an extra column of text, the last line without its newline */
    assert_int_equal(load_both("amount,note,project,func,source,type,jijian,econ\n",
                               "1368,说明,p-apec-gsc,2020599,gpb,project,,\n"
                               "137.35,,p-diplomacy-carry,2029999,gpb_carry,project,,\n"
                               "27700,\"a, b\",,2110106,nonfiscal,personnel,,\n"
                               "18237.2,x,,2110106,nonfiscal,public,,30201"),
                     YU_OK);
    assert_int_equal(F.b->nlines, 4);
    assert_int_equal(F.b->lines[3].econ, 30201);
    /* in 元 */
    put("unit.txt", "name = 单位\ncode = 1\ndepartment = 部\ndepartment_code = 1\nyear = 2024\namount_unit = 元\n");
    put("funds.csv", "item,amount\ngpb,10.01\nshiye,1\n");
    put("prior.csv", "func,executed\n");
    assert_int_equal(load_both(EXP_HEAD, "2020599,project,gpb,,p-apec-gsc,,10.01\n2110106,public,shiye,30201,,,1\n"),
                     YU_OK);
    assert_int_equal(F.b->lines[0].amount, 1001);
    assert_int_equal(F.b->lines[1].amount, 100);
}

/* every error of a line read after plain lines: the general reader's message, line and column */
static void test_fast_path_errors_same(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "2020599,project,gpb,,p-nosuch,,33.00\n",        /* unknown project */
        "2020599,project,gpb,,,,33.00\n",                /* project missing */
        "2999999,project,gpb,,p-sco-climate,,1\n",       /* unknown 类 */
        "2020598,project,gpb,,p-sco-climate,,1\n",       /* unknown 项 */
        "202059,project,gpb,,p-sco-climate,,1\n",        /* six digits */
        "2020599,projekt,gpb,,p-sco-climate,,1\n",       /* unknown type */
        "2020599,project,gbp,,p-sco-climate,,1\n",       /* unknown source */
        "2020599,shangjiao,gpb,,,,1\n",                  /* not from 财政拨款 */
        "2110106,personnel,gpb,,,,1\n",                  /* econ needed */
        "2110106,personnel,nonfiscal,30201,,,1\n",       /* not a 人员经费 code */
        "2110106,public,nonfiscal,30101,,,1\n",          /* a 人员经费 code */
        "2110106,public,nonfiscal,39999,,,1\n",          /* unknown econ */
        "2110106,public,nonfiscal,3020,,,1\n",           /* four digits */
        "2020599,project,gpb,,p-sco-climate,2,1\n",      /* jijian */
        "2020599,project,gpb,,p-sco-climate,,1.234\n",   /* three decimals */
        "2020599,project,gpb,,p-sco-climate,,-1\n",      /* negative */
        "2020599,project,gpb,,p-sco-climate,,1e3\n",     /* not a number */
        "2020599,project,gpb,,p-sco-climate,,.\n",       /* not a number */
        "2020599,project,gpb,,p-sco-climate,,99999999999999\n", /* too large */
        "2020599,project,gpb,,p-sco-climate,,999999999999\n",   /* too much in all */
        "2020599,project,gpb,,p-sco-climate,,200000000000\n"
        "2020599,project,gpb,,p-asia-other,,200000000000\n",    /* too much in all, on line 6 */
        "2020599,project,gpb,,p-apec-gsc,,1\n",          /* duplicated */
        "2020599,project,gpb,,p-sco-climate\n",          /* fewer fields */
        "2020599,project,gpb,,p-sco-climate,,1,2\n",     /* more fields: ignored, then out of balance */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char body[512];
        snprintf(body, sizeof body, "%s%s", FAST_OK, bad[i]);
        yu_status st = load_both(EXP_HEAD, body);
        if (st == YU_OK)
            fail_msg("'%s' loaded", bad[i]);
        if (F.err.line != 5 + (strchr(bad[i], '\n')[1] != 0) && st != YU_EBALANCE)
            fail_msg("'%s': line %d (%s)", bad[i], F.err.line, F.err.msg);
    }
    /* and one of them in full: the words and place of the general reader */
    put("expenditure.csv", EXP_HEAD FAST_OK "2020599,project,gpb,,p-nosuch,,33.00\n");
    expect_error(YU_EVALUE, "expenditure.csv", 5, 5, "unknown project 'p-nosuch'");
}

/* the UTF-8 check put off by the fast path: the first bad byte is reported, as before, and
 * nothing else of the file (with every error at once, no error of its lines) */
static void test_fast_path_not_utf8(void **state)
{
    (void)state;
    put("expenditure.csv", EXP_HEAD FAST_OK "2020599,project,gpb,,p-nosuch,,33.00\n2020599,\xD6\xD0,gpb,,,,1\n");
    expect_error(YU_ESYNTAX, "expenditure.csv", 6, 0, "not UTF-8");
    put("expenditure.csv", EXP_HEAD FAST_OK "2020599,project,gpb,,p-sco-climate,,1\n# \xD6\xD0\n");
    expect_error(YU_ESYNTAX, "expenditure.csv", 6, 0, "not UTF-8");
    put("expenditure.csv", "func,type,source,econ,project,jijian,amount,\xD6\xD0\n" FAST_OK);
    expect_error(YU_ESYNTAX, "expenditure.csv", 1, 0, "not UTF-8");
    put("expenditure.csv", "func,type,source,econ,project,jijian\n" FAST_OK "\xD6\xD0\n");
    expect_error(YU_ESYNTAX, "expenditure.csv", 5, 0, "not UTF-8"); /* not the missing column */
    /* every error at once: the file's one error, and the other files' errors */
    put("expenditure.csv", EXP_HEAD FAST_OK "2020599,project,gpb,,p-nosuch,,33.00\n\xD6\xD0\n");
    put("prior.csv", "func,executed\n2029999,-1\n");
    yu_errors *errs = yu_errors_new();
    assert_non_null(errs);
    yu_budget_free(F.b);
    F.b = NULL;
    assert_int_not_equal(yu_load_package_all(F.dir, F.func, F.econ, &F.b, errs, &F.err), YU_OK);
    assert_int_equal(yu_errors_count(errs), 2);
    assert_non_null(strstr(yu_errors_at(errs, 0)->msg, "not UTF-8"));
    assert_int_equal(yu_errors_at(errs, 0)->line, 6);
    assert_non_null(strstr(yu_errors_at(errs, 1)->msg, "negative"));
    yu_errors_free(errs);
    /* valid UTF-8 outside the columns read: read */
    put("prior.csv", "func,executed\n2029999,637\n");
    put("funds.csv", FUNDS_OK);
    assert_int_equal(load_both("func,type,source,econ,project,jijian,amount,说明\n",
                               "2020599,project,gpb,,p-apec-gsc,,1368.00,甲\n"
                               "2029999,project,gpb_carry,,p-diplomacy-carry,,137.35,乙\n"
                               "2110106,personnel,nonfiscal,,,,27700.00,\n"
                               "2110106,public,nonfiscal,30201,,,18237.2,丙\n"),
                     YU_OK);
}

/* a NUL byte after plain lines: the general reader's error */
static void test_fast_path_nul(void **state)
{
    (void)state;
    char p[600];
    snprintf(p, sizeof p, "%s/expenditure.csv", F.dir);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    static const char text[] = EXP_HEAD FAST_OK "2020599,project,gpb,,p-sco-\0climate,,1\n";
    fwrite(text, 1, sizeof text - 1, f);
    assert_int_equal(fclose(f), 0);
    expect_error(YU_ESYNTAX, "expenditure.csv", 5, 5, "NUL");
}

#define T(f) cmocka_unit_test_setup_teardown(f, pkg_setup, pkg_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_example_loads),
        T(test_yuan_unit),
        T(test_optional_files),
        T(test_not_a_directory),
        T(test_missing_expenditure),
        T(test_missing_funds_and_unit),
        T(test_missing_column_amount),
        T(test_empty_required_csv),
        T(test_amount_not_a_number),
        T(test_amount_negative),
        T(test_amount_three_decimals),
        T(test_amount_columns_in_other_order),
        T(test_amount_empty_means_zero),
        T(test_funds_prior),
        T(test_fiscal_shangjiao_refused),
        T(test_unknown_lei),
        T(test_unknown_kuan),
        T(test_unknown_xiang),
        T(test_bad_code_shape),
        T(test_econ_codes),
        T(test_duplicated_line),
        T(test_not_duplicates),
        T(test_duplicate_after_growth),
        T(test_project_missing),
        T(test_project_unknown),
        T(test_imbalance_gpb),
        T(test_gpb_overspent_this_year),
        T(test_imbalance_nonfiscal),
        T(test_funds_items),
        T(test_unit_missing_year),
        T(test_unit_thousand_yuan),
        T(test_unit_value_column_indented),
        T(test_unit_other_errors),
        T(test_unit_parent_and_template),
        T(test_text_file_too_big),
        T(test_unit_txt_too_big),
        T(test_not_utf8),
        T(test_csv_syntax),
        T(test_indicator_errors),
        T(test_notes_errors),
        T(test_notes_purpose),
        T(test_project_form_errors),
        T(test_project_form_read),
        T(test_funds_prior_negative),
        T(test_fast_path_same_lines),
        T(test_fast_path_errors_same),
        T(test_fast_path_not_utf8),
        T(test_fast_path_nul),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
