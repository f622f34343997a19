/* Unit tests: classification catalogues (the TSV files in data/catalog). */
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

#define FUNC_TSV YU_DATADIR "/catalog/func-2024.tsv"
#define ECON_TSV YU_DATADIR "/catalog/econ-dept-2024.tsv"

static char tmpdir[256];

static int setup_tmp(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/yu-test-catalog-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
    (void)state;
    DIR *d = opendir(tmpdir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char p[600];
            snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(tmpdir);
    return 0;
}

/* writes text to tmpdir/name and returns the path (static buffer) */
static const char *write_tmp(const char *name, const char *text)
{
    static char path[600];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, strlen(text), f);
    fclose(f);
    return path;
}

static yu_catalog *load(const char *path)
{
    yu_catalog *c = yu_catalog_new();
    assert_non_null(c);
    yu_error err;
    yu_error_clear(&err);
    yu_status st = yu_catalog_add_file(c, path, &err);
    if (st != YU_OK)
        fail_msg("%s: %s", path, err.msg);
    return c;
}

static void test_func_names(void **state)
{
    (void)state;
    yu_catalog *c = load(FUNC_TSV);
    assert_int_equal(yu_catalog_size(c), 1230);
    assert_string_equal(yu_catalog_name(c, "201"), "一般公共服务支出");
    assert_string_equal(yu_catalog_name(c, "202"), "外交支出");
    assert_string_equal(yu_catalog_name(c, "20205"), "对外合作与交流");
    assert_string_equal(yu_catalog_name(c, "2020599"), "其他对外合作与交流支出");
    assert_string_equal(yu_catalog_name(c, "2110106"), "生态环境国际合作及履约");
    assert_string_equal(yu_catalog_name(c, "2210201"), "住房公积金");
    assert_string_equal(yu_catalog_name(c, "2210203"), "购房补贴");
    assert_string_equal(yu_catalog_name(c, "2029999"), "其他外交支出");
    assert_string_equal(yu_catalog_name_num(c, 202, 3), "外交支出");
    assert_string_equal(yu_catalog_name_num(c, 2020599, 7), "其他对外合作与交流支出");
    yu_catalog_free(c);
}

static void test_func_unknown(void **state)
{
    (void)state;
    yu_catalog *c = load(FUNC_TSV);
    assert_null(yu_catalog_name(c, "2999999"));
    assert_null(yu_catalog_name(c, "2020598"));
    assert_null(yu_catalog_name(c, "20298"));
    assert_null(yu_catalog_name(c, "299"));
    assert_null(yu_catalog_name(c, "abc"));
    assert_null(yu_catalog_name(c, ""));
    assert_null(yu_catalog_name(c, NULL));
    assert_null(yu_catalog_name(c, "0202"));
    assert_null(yu_catalog_name(c, "202 "));
    assert_null(yu_catalog_name_num(c, 2999999, 7));
    yu_catalog_free(c);
}

static void test_sorted_iteration(void **state)
{
    (void)state;
    yu_catalog *c = load(FUNC_TSV);
    const char *code, *name;
    yu_catalog_at(c, 0, &code, &name);
    assert_string_equal(code, "201");
    assert_string_equal(name, "一般公共服务支出");
    /* sorted by value: every 类 (3 digits) comes before every 款 */
    yu_catalog_at(c, 1, &code, &name);
    assert_string_equal(code, "202");
    assert_string_equal(name, "外交支出");
    unsigned long prev = 0;
    for (size_t i = 0; i < yu_catalog_size(c); i++) {
        yu_catalog_at(c, i, &code, &name);
        unsigned long v = strtoul(code, NULL, 10);
        assert_true(v > prev);
        prev = v;
        assert_string_equal(yu_catalog_name(c, code), name);
    }
    yu_catalog_free(c);
}

static void test_econ_names(void **state)
{
    (void)state;
    yu_catalog *c = load(ECON_TSV);
    assert_int_equal(yu_catalog_size(c), 109);
    assert_string_equal(yu_catalog_name(c, "301"), "工资福利支出");
    assert_string_equal(yu_catalog_name(c, "30101"), "基本工资");
    assert_string_equal(yu_catalog_name(c, "30201"), "办公费");
    yu_catalog_free(c);
}

static void test_add_overrides(void **state)
{
    (void)state;
    yu_catalog *c = load(FUNC_TSV);
    size_t n = yu_catalog_size(c);
    assert_int_equal(yu_catalog_add(c, "2210201", "住房公积金（改）"), YU_OK);
    assert_string_equal(yu_catalog_name(c, "2210201"), "住房公积金（改）");
    assert_int_equal(yu_catalog_size(c), n);
    /* a new code */
    assert_int_equal(yu_catalog_add(c, "2020598", "新项"), YU_OK);
    assert_string_equal(yu_catalog_name(c, "2020598"), "新项");
    assert_int_equal(yu_catalog_size(c), n + 1);
    /* neighbours untouched */
    assert_string_equal(yu_catalog_name(c, "2020599"), "其他对外合作与交流支出");
    /* bad codes */
    assert_int_equal(yu_catalog_add(c, "12a", "x"), YU_ECODE);
    assert_int_equal(yu_catalog_add(c, "", "x"), YU_ECODE);
    assert_int_equal(yu_catalog_add(c, "0123", "x"), YU_ECODE);
    assert_int_equal(yu_catalog_size(c), n + 1);
    yu_catalog_free(c);
}

static void test_add_unsorted_into_empty(void **state)
{
    (void)state;
    yu_catalog *c = yu_catalog_new();
    assert_int_equal(yu_catalog_size(c), 0);
    assert_null(yu_catalog_name(c, "201"));
    assert_int_equal(yu_catalog_add(c, "30101", "b"), YU_OK);
    assert_int_equal(yu_catalog_add(c, "301", "a"), YU_OK);
    assert_int_equal(yu_catalog_add(c, "302", "c"), YU_OK);
    const char *code, *name;
    yu_catalog_at(c, 0, &code, &name);
    assert_string_equal(code, "301");
    yu_catalog_at(c, 1, &code, &name);
    assert_string_equal(code, "302");
    yu_catalog_at(c, 2, &code, &name);
    assert_string_equal(code, "30101");
    assert_string_equal(yu_catalog_name(c, "30101"), "b");
    yu_catalog_free(c);
    yu_catalog_free(NULL);
}

static void test_user_file_over_standard(void **state)
{
    (void)state;
    yu_catalog *c = load(FUNC_TSV);
    const char *p = write_tmp("user.tsv",
                              "# user additions\n"
                              "2020598\t自定义对外合作项\n"
                              "2210201\t住房公积金（单位）\n");
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_catalog_add_file(c, p, &err), YU_OK);
    assert_string_equal(yu_catalog_name(c, "2020598"), "自定义对外合作项");
    assert_string_equal(yu_catalog_name(c, "2210201"), "住房公积金（单位）");
    yu_catalog_free(c);
}

static void test_bom_crlf_spaces(void **state)
{
    (void)state;
    const char *p = write_tmp("bom.tsv",
                              "\xEF\xBB\xBF" "201\t一般公共服务支出\r\n"
                              "\r\n"
                              "  20101 \t 人大事务 \r\n");
    yu_catalog *c = load(p);
    assert_int_equal(yu_catalog_size(c), 2);
    assert_string_equal(yu_catalog_name(c, "201"), "一般公共服务支出");
    assert_string_equal(yu_catalog_name(c, "20101"), "人大事务");
    yu_catalog_free(c);
}

static void expect_file_error(const char *name, const char *text, yu_status want, int line)
{
    const char *p = write_tmp(name, text);
    char path[600];
    snprintf(path, sizeof path, "%s", p);
    yu_catalog *c = yu_catalog_new();
    yu_error err;
    yu_error_clear(&err);
    yu_status st = yu_catalog_add_file(c, path, &err);
    if (st != want)
        fail_msg("%s: status %d, want %d (%s)", name, st, want, err.msg);
    assert_int_equal(err.status, want);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, line);
    assert_true(err.msg[0] != 0);
    yu_catalog_free(c);
}

static void test_bad_code(void **state)
{
    (void)state;
    expect_file_error("bad1.tsv", "# c\n201\t一般公共服务支出\n20x01\t坏\n", YU_ECODE, 3);
    expect_file_error("bad2.tsv", "201\tA\n2010\t四位\n", YU_ECODE, 2);
    expect_file_error("bad3.tsv", "201\tA\n\n\n020101\tB\n", YU_ECODE, 4);
    expect_file_error("bad4.tsv", "12345678\tA\n", YU_ECODE, 1);
}

static void test_parent_missing(void **state)
{
    (void)state;
    /* a 项 whose 款 is missing */
    expect_file_error("orphan7.tsv", "201\tA\n20101\tB\n2019901\tC\n", YU_ECODE, 3);
    /* a 款 whose 类 is missing */
    expect_file_error("orphan5.tsv", "201\tA\n20201\tB\n", YU_ECODE, 2);
    /* parents listed after the child are too late */
    expect_file_error("order.tsv", "20101\tB\n201\tA\n", YU_ECODE, 1);
}

static void test_missing_tab(void **state)
{
    (void)state;
    expect_file_error("notab.tsv", "# c\n\n201\tA\n20101 人大事务\n", YU_ESYNTAX, 4);
    expect_file_error("noname.tsv", "201\tA\n20101\t\n", YU_ESYNTAX, 2);
}

static void test_not_utf8_and_missing(void **state)
{
    (void)state;
    expect_file_error("gbk.tsv", "201\t\xD6\xD0\xCE\xC4\n", YU_ESYNTAX, 0);
    yu_catalog *c = yu_catalog_new();
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_catalog_add_file(c, "/nonexistent/yusuan.tsv", &err), YU_EIO);
    assert_string_equal(err.file, "/nonexistent/yusuan.tsv");
    yu_catalog_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_func_names),
        cmocka_unit_test(test_func_unknown),
        cmocka_unit_test(test_sorted_iteration),
        cmocka_unit_test(test_econ_names),
        cmocka_unit_test(test_add_overrides),
        cmocka_unit_test(test_add_unsorted_into_empty),
        cmocka_unit_test(test_user_file_over_standard),
        cmocka_unit_test(test_bom_crlf_spaces),
        cmocka_unit_test(test_bad_code),
        cmocka_unit_test(test_parent_missing),
        cmocka_unit_test(test_missing_tab),
        cmocka_unit_test(test_not_utf8_and_missing),
    };
    return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
