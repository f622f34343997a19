/* Unit tests: regressions of issue 12 (hardening) — each case here failed
 * (or failed under ASan/UBSan) before its fix. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/stat.h>
#include "yusuan/yusuan.h"
#include "internal.h"

#define CENTRAL YU_DATADIR "/layouts/central-budget.layout"
#define EXAMPLE YU_DATADIR "/../examples/feco-2024"

static char tmpdir[256];

static int setup_tmp(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/yu-test-harden-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

__attribute__((unused)) static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* ---- money ---- */

/* 92233720368547758.08 元 passed the digit-by-digit size check and then
 * overflowed in ip * scale + fraction */
static void test_money_parse_edge(void **state)
{
    (void)state;
    yu_money v = 7;
    const char *why = NULL;
    const char *s = "92233720368547758.08";
    assert_int_equal(yu_money_parse(s, strlen(s), YU_FEN_PER_YUAN, &v, &why), YU_EVALUE);
    assert_string_equal(why, "number too large");
    assert_int_equal(v, 7);
    s = "92233720368547758.07";
    assert_int_equal(yu_money_parse(s, strlen(s), YU_FEN_PER_YUAN, &v, &why), YU_OK);
    assert_true(v == INT64_MAX);
    s = "9223372036854.78";
    assert_int_equal(yu_money_parse(s, strlen(s), YU_FEN_PER_WAN, &v, &why), YU_EVALUE);
}

static void test_money_add_checked(void **state)
{
    (void)state;
    yu_money acc = 0;
    assert_int_equal(yu_money_add(&acc, 5000000000000LL * YU_FEN_PER_WAN / 100), 0);
    yu_money before = acc;
    assert_int_equal(yu_money_add(&acc, YU_MONEY_SUM_MAX), -1);
    assert_true(acc == before);
    acc = YU_MONEY_SUM_MAX;
    assert_int_equal(yu_money_add(&acc, 1), -1);
    assert_int_equal(yu_money_add(&acc, -1), 0);
    assert_true(acc == YU_MONEY_SUM_MAX - 1);
    acc = 0;
    assert_int_equal(yu_money_add(&acc, INT64_MAX), -1);
    assert_int_equal(yu_money_add(&acc, INT64_MIN), -1);
}

/* ---- errors ---- */

/* a sheet!cell of an earlier error must not stick to the next one */
static void test_error_set_clears_where(void **state)
{
    (void)state;
    yu_error e;
    yu_error_clear(&e);
    yu_error_set(&e, YU_EVALUE, "a.xlsx", 0, 0, "first");
    snprintf(e.where, sizeof e.where, "支出明细!H3");
    yu_error_set(&e, YU_EIO, "b.csv", 4, 2, "second");
    assert_string_equal(e.where, "");
    char buf[1200];
    assert_string_equal(yu_error_format(&e, buf, sizeof buf), "b.csv:4:2: second");
}

/* ---- layout: a statement given twice (leaked its first value) ---- */

static void test_layout_repeated_statement(void **state)
{
    (void)state;
    char *data;
    size_t len;
    yu_error err;
    assert_int_equal(yu_read_file(CENTRAL, &data, &len, &err), YU_OK);
    /* every string statement twice: outside tables and inside the first one */
    const char *first = "template central-budget\n";
    char *at = strstr(data, first);
    assert_non_null(at);
    char *tt = strstr(data, "title 部门收支总表\n");
    assert_non_null(tt);
    char path[300];
    snprintf(path, sizeof path, "%s/twice.layout", tmpdir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(data, 1, (size_t)(at - data), f);
    fputs("template first-id\nname 第一个名称\nkind budget\nglossary x.tsv\n", f);
    fwrite(at, 1, (size_t)(tt - at), f);
    fputs("title 旧标题\nnumber 〇\nnote 旧说明\ntotal first 旧合计 in.item\n", f);
    fputs(tt, f);
    fclose(f);
    free(data);
    yu_layout *L = NULL;
    assert_int_equal(yu_layout_load(path, &L, &err), YU_OK);
    assert_string_equal(L->id, "central-budget");
    assert_string_equal(L->tables[0].title, "部门收支总表");
    yu_layout_free(L); /* under ASan: no leak of the first values */
}

/* ---- engine: sums of huge amounts ---- */

typedef struct fx {
    yu_catalog *func, *econ;
    yu_layout *L;
    yu_budget *b;
} fx;

static void fx_load(fx *F)
{
    yu_error err;
    F->func = yu_catalog_new();
    F->econ = yu_catalog_new();
    assert_non_null(F->func);
    assert_non_null(F->econ);
    if (yu_catalog_add_file(F->func, YU_DATADIR "/catalog/func-2024.tsv", &err) ||
        yu_catalog_add_file(F->econ, YU_DATADIR "/catalog/econ-dept-2024.tsv", &err) ||
        yu_layout_load(CENTRAL, &F->L, &err) || yu_load_package(EXAMPLE, F->func, F->econ, &F->b, &err)) {
        char buf[1200];
        fail_msg("fixture: %s", yu_error_format(&err, buf, sizeof buf));
    }
}

static void fx_free(fx *F)
{
    yu_budget_free(F->b);
    yu_layout_free(F->L);
    yu_catalog_free(F->func);
    yu_catalog_free(F->econ);
}

/* two 5,000,000,000,000 万元 lines wrapped to a negative total */
static void test_engine_refuses_overflowing_sums(void **state)
{
    (void)state;
    fx F;
    fx_load(&F);
    assert_true(F.b->nlines >= 2);
    F.b->lines[0].amount = 5000000000000LL * YU_FEN_PER_WAN;
    F.b->lines[1].amount = 5000000000000LL * YU_FEN_PER_WAN;
    yu_compile_opts o;
    memset(&o, 0, sizeof o);
    yu_doc *d = NULL;
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_compile(F.b, F.L, &o, &d, &err), YU_ELIMIT);
    assert_null(d);
    assert_non_null(strstr(err.msg, "支出明细第1项"));
    fx_free(&F);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_parse_edge),
        cmocka_unit_test(test_money_add_checked),
        cmocka_unit_test(test_error_set_clears_where),
        cmocka_unit_test(test_layout_repeated_statement),
        cmocka_unit_test(test_engine_refuses_overflowing_sums),
    };
    return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
