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
#include <xlsxwriter.h>
#include <sqlite3.h>

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

static void write_text(const char *path, const char *text)
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
    /* a weight beyond any score: its project's sum would overflow */
    fx_load(&F);
    assert_true(F.b->nindicators > 0);
    F.b->indicators[0].weight = INT64_MAX / 2;
    assert_int_equal(yu_compile(F.b, F.L, &o, &d, &err), YU_ELIMIT);
    assert_null(d);
    assert_non_null(strstr(err.msg, "分值权重"));
    fx_free(&F);
}

/* ---- every input error at once ---- */

static void kv(lxw_worksheet *ws, int r, const char *k, const char *v)
{
    worksheet_write_string(ws, (lxw_row_t)r, 0, k, NULL);
    worksheet_write_string(ws, (lxw_row_t)r, 1, v, NULL);
}

/* a workbook with ten mistakes of different kinds, on four sheets */
static void test_workbook_all_errors(void **state)
{
    (void)state;
    fx F;
    fx_load(&F);
    char path[300];
    snprintf(path, sizeof path, "%s/ten.xlsx", tmpdir);
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_worksheet *u = workbook_add_worksheet(wb, "单位信息");
    kv(u, 0, "项目", "内容");
    kv(u, 1, "单位名称", "测试单位");
    kv(u, 2, "单位代码", "T001");
    kv(u, 3, "主管部门", "测试部门");
    kv(u, 4, "主管部门代码", "099");
    kv(u, 5, "预算年度", "20x4");            /* 1: 单位信息!B6 */
    kv(u, 6, "金额单位", "千元");            /* 2: 单位信息!B7 */
    lxw_worksheet *f = workbook_add_worksheet(wb, "收入");
    kv(f, 0, "项目", "金额");
    kv(f, 1, "事业收入", "abc");             /* 3: 收入!B2 */
    kv(f, 2, "奖金收入", "5");               /* 4: 收入!A3 */
    lxw_worksheet *e = workbook_add_worksheet(wb, "支出明细");
    static const char *const h[] = {"功能分类科目编码", "科目名称", "支出类型", "资金来源", "经济分类科目编码",
                                    "项目编号", "中央基建投资", "金额"};
    for (int c = 0; c < 8; c++)
        worksheet_write_string(e, 0, (lxw_col_t)c, h[c], NULL);
    for (int r = 2; r <= 6; r++) {
        worksheet_write_string(e, (lxw_row_t)r, 0, r == 2 ? "2110398" : "2110106", NULL); /* 5: 支出明细!A3 */
        worksheet_write_string(e, (lxw_row_t)r, 2, r == 3 ? "人员" : "人员经费", NULL);    /* 6: 支出明细!C4 */
        worksheet_write_string(e, (lxw_row_t)r, 3, "非财政拨款", NULL);
        if (r == 4)
            worksheet_write_string(e, (lxw_row_t)r, 7, "25.0x", NULL); /* 7: 支出明细!H5 */
        else
            worksheet_write_number(e, (lxw_row_t)r, 7, r == 5 ? 25.001 : r == 6 ? -25 : 25, NULL); /* 8: H6, 9: H7 */
    }
    lxw_worksheet *n = workbook_add_worksheet(wb, "说明");
    kv(n, 0, "键", "内容");
    kv(n, 1, "foo", "一段说明");             /* 10: 说明!A2 */
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    static const char *const want[10] = {"单位信息!B6", "单位信息!B7", "收入!B2", "收入!A3", "支出明细!A3",
                                         "支出明细!C4", "支出明细!H5", "支出明细!H6", "支出明细!H7", "说明!A2"};
    yu_errors *l = yu_errors_new();
    assert_non_null(l);
    yu_budget *b = NULL;
    yu_error err;
    assert_int_not_equal(yu_load_xlsx_all(path, F.func, F.econ, &b, l, &err), YU_OK);
    assert_null(b);
    char buf[1200];
    for (size_t i = 0; i < yu_errors_count(l); i++)
        print_message("  %s\n", yu_error_format(yu_errors_at(l, i), buf, sizeof buf));
    assert_int_equal(yu_errors_count(l), 10);
    for (size_t i = 0; i < 10; i++) {
        const yu_error *x = yu_errors_at(l, i);
        assert_string_equal(x->file, path);
        assert_string_equal(x->where, want[i]);
        /* in the user's words: no internal key */
        assert_null(strstr(x->msg, "amount_unit"));
        assert_null(strstr(x->msg, "func:CODE"));
        assert_null(strstr(x->msg, "year '"));
    }
    /* err is the first */
    assert_string_equal(err.where, want[0]);
    /* without a list: the first error only, as before */
    yu_error one;
    assert_int_not_equal(yu_load_xlsx(path, F.func, F.econ, &b, &one), YU_OK);
    assert_string_equal(one.where, want[0]);
    yu_errors_free(l);
    fx_free(&F);
}

/* a package with bad lines in three files: each with file:line:col */
static void test_package_all_errors(void **state)
{
    (void)state;
    fx F;
    fx_load(&F);
    char cmd[800];
    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s/bad'", EXAMPLE, tmpdir);
    assert_int_equal(system(cmd), 0);
    char p[400];
    snprintf(p, sizeof p, "%s/bad/unit.txt", tmpdir);
    char *data;
    size_t len;
    yu_error err;
    assert_int_equal(yu_read_file(p, &data, &len, &err), YU_OK);
    char *y = strstr(data, "year = 2024");
    assert_non_null(y);
    memcpy(y, "year = 20x4", 11);
    write_text(p, data);
    free(data);
    snprintf(p, sizeof p, "%s/bad/funds.csv", tmpdir);
    write_text(p, "item,amount\ngpb,1368.00\nshiye,5000.0x\nother,22700.00\nbonus,1\ncarry_gpb,137.35\n"
                  "carry_nf,18237.20\nout_nf,18237.20\n");
    snprintf(p, sizeof p, "%s/bad/prior.csv", tmpdir);
    write_text(p, "func,executed\n2110398,1.00\n2020599,-3\n");
    static const struct { const char *file; int line, col; } want[] = {
        {"unit.txt", 7, 8}, {"funds.csv", 3, 2}, {"funds.csv", 5, 1}, {"prior.csv", 2, 1}, {"prior.csv", 3, 2},
    };
    yu_errors *l = yu_errors_new();
    yu_budget *b = NULL;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/bad", tmpdir);
    assert_int_not_equal(yu_load_package_all(dir, F.func, F.econ, &b, l, &err), YU_OK);
    assert_null(b);
    char buf[1200];
    for (size_t i = 0; i < yu_errors_count(l); i++)
        print_message("  %s\n", yu_error_format(yu_errors_at(l, i), buf, sizeof buf));
    assert_int_equal(yu_errors_count(l), sizeof want / sizeof *want);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const yu_error *x = yu_errors_at(l, i);
        char f[400];
        snprintf(f, sizeof f, "%s/bad/%s", tmpdir, want[i].file);
        assert_string_equal(x->file, f);
        assert_int_equal(x->line, want[i].line);
        assert_int_equal(x->col, want[i].col);
    }
    yu_errors_free(l);
    fx_free(&F);
}

/* the list keeps YU_ERRORS_MAX and counts the rest */
static void test_errors_limit(void **state)
{
    (void)state;
    yu_errors *l = yu_errors_new();
    yu_error e;
    yu_error_clear(&e);
    for (int i = 0; i < YU_ERRORS_MAX + 5; i++) {
        yu_error_set(&e, YU_EVALUE, "f.csv", i + 1, 1, "bad %d", i);
        assert_int_equal(yu_errors_add(l, &e), i < YU_ERRORS_MAX ? 0 : -1);
    }
    assert_int_equal(yu_errors_count(l), YU_ERRORS_MAX);
    assert_int_equal(yu_errors_dropped(l), 5);
    assert_int_equal(yu_errors_at(l, 7)->line, 8);
    assert_null(yu_errors_at(l, YU_ERRORS_MAX));
    yu_errors_free(l);
}

/* ---- files ---- */

/* a symbolic link planted where the temporary goes is never followed */
static void test_atomic_writer_planted_symlink(void **state)
{
    (void)state;
    char victim[300], out[300], trap[400];
    snprintf(victim, sizeof victim, "%s/victim", tmpdir);
    snprintf(out, sizeof out, "%s/out.txt", tmpdir);
    write_text(victim, "precious");
    /* the old name (PATH.tmp.PID) and the new first one (PATH.tmp.PID.0) */
    snprintf(trap, sizeof trap, "%s.tmp.%ld", out, (long)getpid());
    assert_int_equal(symlink(victim, trap), 0);
    snprintf(trap, sizeof trap, "%s.tmp.%ld.0", out, (long)getpid());
    assert_int_equal(symlink(victim, trap), 0);
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_write_file_atomic(out, "report", 6, &err), YU_OK);
    char *data;
    size_t len;
    assert_int_equal(yu_read_file(victim, &data, &len, &err), YU_OK);
    assert_string_equal(data, "precious");
    free(data);
    assert_int_equal(yu_read_file(out, &data, &len, &err), YU_OK);
    assert_string_equal(data, "report");
    free(data);
    struct stat sb;
    assert_int_equal(lstat(trap, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode)); /* left alone, not replaced */
}

static int count_entries(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l > '%s/count'", dir, tmpdir);
    assert_int_equal(system(cmd), 0);
    char p[300], *data;
    size_t len;
    yu_error err;
    snprintf(p, sizeof p, "%s/count", tmpdir);
    assert_int_equal(yu_read_file(p, &data, &len, &err), YU_OK);
    int n = atoi(data);
    free(data);
    return n;
}

/* -f csv on a full disk: no half-written directory */
static void test_csv_dir_all_or_nothing(void **state)
{
    (void)state;
    fx F;
    fx_load(&F);
    yu_compile_opts o;
    memset(&o, 0, sizeof o);
    o.func = F.func;
    o.econ = F.econ;
    yu_doc *d = NULL;
    yu_error err;
    assert_int_equal(yu_compile(F.b, F.L, &o, &d, &err), YU_OK);
    char base[300], dir[330];
    snprintf(base, sizeof base, "%s/csvt", tmpdir);
    assert_int_equal(mkdir(base, 0755), 0);
    snprintf(dir, sizeof dir, "%s/csv", base);
    /* a new directory: the third file fails, nothing is left */
    assert_int_equal(yu_render_csv_dir(d, dir, 3, &err), YU_EIO);
    assert_non_null(strstr(err.msg, "No space"));
    struct stat sb;
    assert_int_not_equal(stat(dir, &sb), 0);
    assert_int_equal(count_entries(base), 0); /* no temporary left */
    /* written whole */
    assert_int_equal(yu_render_csv_dir(d, dir, 0, &err), YU_OK);
    int n = count_entries(dir);
    assert_true(n >= 10);
    /* an existing directory with an old table: a failure leaves it as it was */
    char old[400];
    snprintf(old, sizeof old, "%s/01-summary.csv", dir);
    write_text(old, "old,table\r\n");
    assert_int_equal(yu_render_csv_dir(d, dir, 5, &err), YU_EIO);
    char *data;
    size_t len;
    assert_int_equal(yu_read_file(old, &data, &len, &err), YU_OK);
    assert_string_equal(data, "old,table\r\n");
    free(data);
    assert_int_equal(count_entries(dir), n);
    assert_int_equal(count_entries(base), 1); /* the directory, no temporary beside it */
    yu_doc_free(d);
    fx_free(&F);
}

/* ---- CSV ---- */

static int csv_all(const char *data, size_t len, char fields[][32], size_t max, yu_error *err)
{
    yu_csv c;
    yu_csv_init(&c, data, len, "t.csv");
    int r, n = 0;
    while ((r = yu_csv_next(&c, err)) > 0)
        for (size_t i = 0; i < c.nfields && (size_t)n < max; i++)
            snprintf(fields[n++], 32, "%s", c.fields[i]);
    yu_csv_free(&c);
    return r < 0 ? -1 : n;
}

/* a NUL byte inside a field: an error where it is, never a shortened field */
static void test_csv_nul_byte(void **state)
{
    (void)state;
    char f[8][32];
    yu_error err;
    static const char plain[] = "item,amount\r\ngpb,3\0" "999.00\r\n";
    yu_error_clear(&err);
    assert_int_equal(csv_all(plain, sizeof plain - 1, f, 8, &err), -1);
    assert_int_equal(err.status, YU_ESYNTAX);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 2);
    assert_non_null(strstr(err.msg, "NUL"));
    static const char quoted[] = "key,text\nbasic,\"one\ntwo\0three\"\n";
    yu_error_clear(&err);
    assert_int_equal(csv_all(quoted, sizeof quoted - 1, f, 8, &err), -1);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.col, 2);
    static const char unq[] = "a,b\n\"x\",y\0z\n";
    yu_error_clear(&err);
    assert_int_equal(csv_all(unq, sizeof unq - 1, f, 8, &err), -1);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 2);
}

/* CRLF line ends inside a quoted multi-line field are \n in the field */
static void test_csv_crlf_in_quotes(void **state)
{
    (void)state;
    char f[8][32];
    yu_error err;
    static const char d[] = "key,text\r\nbasic,\"one\r\ntwo\r\n\"\r\nx,\"a\rb\"\r\n";
    assert_int_equal(csv_all(d, sizeof d - 1, f, 8, &err), 6);
    assert_string_equal(f[3], "one\ntwo\n");
    assert_string_equal(f[5], "a\rb"); /* a lone CR is text */
}

/* ---- store ---- */

static void test_store_tree_and_readonly(void **state)
{
    (void)state;
    fx F;
    fx_load(&F);
    char db[300];
    snprintf(db, sizeof db, "%s/s.db", tmpdir);
    yu_store *s = NULL;
    yu_error err;
    /* read-only: no store is created, an empty file stays empty */
    assert_int_equal(yu_store_open_ro(db, &s, &err), YU_EIO);
    assert_null(s);
    assert_non_null(strstr(err.msg, "no such store"));
    struct stat sb;
    assert_int_not_equal(stat(db, &sb), 0);
    write_text(db, "");
    assert_int_equal(yu_store_open_ro(db, &s, &err), YU_EIO);
    assert_int_equal(stat(db, &sb), 0);
    assert_int_equal(sb.st_size, 0);
    unlink(db);
    assert_int_equal(yu_store_open(db, &s, &err), YU_OK);
    /* its own parent */
    char *keep = F.b->parent_code;
    F.b->parent_code = (char *)"144009";
    assert_int_equal(yu_store_import(s, F.b, YU_STORE_BUDGET, NULL, &err), YU_EVALUE);
    assert_non_null(strstr(err.msg, "its own parent"));
    F.b->parent_code = keep;
    assert_int_equal(yu_store_import(s, F.b, YU_STORE_BUDGET, NULL, &err), YU_OK);
    /* the department under its own unit: refused */
    assert_int_equal(yu_store_put_node(s, "144", "生态环境部", "144009", "department", &err), YU_EVALUE);
    assert_non_null(strstr(err.msg, "each other's parents"));
    /* a cycle written into the store by other means: the subtree query ends */
    assert_int_equal(sqlite3_exec(yu_store_sqlite(s), "UPDATE units SET parent_code = '144009' WHERE code = '144'",
                                  NULL, NULL, NULL),
                     0);
    alarm(30); /* a query without end fails the test */
    yu_budget *b = NULL;
    yu_warnings w = {0};
    yu_store_report_budget(s, "144", 2024, &b, NULL, &w, &err);
    alarm(0);
    yu_budget_free(b);
    yu_warnings_free(&w);
    yu_store_close(s);
    /* read-only open of a real store works, and an import through it fails */
    assert_int_equal(yu_store_open_ro(db, &s, &err), YU_OK);
    yu_store_unit *u = NULL;
    size_t nu = 0;
    assert_int_equal(yu_store_units(s, &u, &nu, &err), YU_OK);
    assert_true(nu >= 2);
    yu_store_units_free(u, nu);
    assert_int_not_equal(yu_store_import(s, F.b, YU_STORE_BUDGET, NULL, &err), YU_OK);
    yu_store_close(s);
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
        cmocka_unit_test(test_workbook_all_errors),
        cmocka_unit_test(test_package_all_errors),
        cmocka_unit_test(test_errors_limit),
        cmocka_unit_test(test_atomic_writer_planted_symlink),
        cmocka_unit_test(test_csv_dir_all_or_nothing),
        cmocka_unit_test(test_csv_nul_byte),
        cmocka_unit_test(test_csv_crlf_in_quotes),
        cmocka_unit_test(test_store_tree_and_readonly),
    };
    return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
