/* Unit tests: the vocabulary of published budgets (read.h, data/vocab/budget.vocab):
 * loading, the longest word winning, yu_vocab_has, words and labels compared in
 * canonical form, and a malformed file named with its line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "yusuan/read.h"
#include "internal.h"
#include "textgrid.h"

#define VOCAB YU_DATADIR "/vocab/budget.vocab"

static yu_vocab *V; /* data/vocab/budget.vocab */

static int group_setup(void **state)
{
    (void)state;
    yu_error err;
    yu_error_clear(&err);
    if (yu_vocab_load(VOCAB, &V, &err) != YU_OK) {
        fprintf(stderr, "setup: %s:%d: %s\n", err.file, err.line, err.msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    yu_vocab_free(V);
    return 0;
}

/* the concept of a label as printed (made canonical first, as the reader does) */
static const char *match(const yu_vocab *v, const char *kind, const char *printed)
{
    static char buf[512];
    yu_arena *A = yu_arena_new();
    assert_non_null(A);
    char *c = yu_canon(A, printed);
    assert_non_null(c);
    snprintf(buf, sizeof buf, "%s", c);
    yu_arena_free(A);
    const char *k = yu_vocab_match(v, kind, buf);
    return k;
}

/* writes a vocabulary file; returns its path (static buffer) */
static const char *write_vocab(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/yusuan-vocab-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal((size_t)write(fd, text, n), n);
    close(fd);
    return path;
}

static void test_load(void **state)
{
    (void)state;
    assert_non_null(V);
    /* every kind the reader asks for has words */
    assert_non_null(yu_vocab_match(V, "col", "合计"));
    assert_non_null(yu_vocab_match(V, "row", "合计"));
    assert_non_null(yu_vocab_match(V, "table", "收支总表"));
    assert_non_null(yu_vocab_match(V, "unit", "万元"));
    assert_non_null(yu_vocab_match(V, "scope", "一般公共预算支出表"));
}

static void test_longest_word_wins_tables(void **state)
{
    (void)state;
    /* 财政拨款收支总表 contains 收支总表: the longer word wins */
    assert_string_equal(yu_vocab_match(V, "table", "财政拨款收支总表"), "fiscal_summary");
    assert_string_equal(yu_vocab_match(V, "table", "收支总表"), "summary");
    assert_string_equal(yu_vocab_match(V, "table", "部门收支总表"), "summary");
    assert_string_equal(yu_vocab_match(V, "table", "2026年部门财政拨款收支预算总表"), "fiscal_summary");
    /* 一般公共预算基本支出表 contains 基本支出表 and 一般公共预算支出表 does not */
    assert_string_equal(yu_vocab_match(V, "table", "一般公共预算基本支出表"), "gpb_basic");
    assert_string_equal(yu_vocab_match(V, "table", "一般公共预算支出表"), "gpb_expend");
    assert_string_equal(yu_vocab_match(V, "table", "收入总表"), "income");
    assert_string_equal(yu_vocab_match(V, "table", "支出总表"), "expend");
    assert_null(yu_vocab_match(V, "table", "情况说明"));
}

static void test_longest_word_wins_columns_rows(void **state)
{
    (void)state;
    /* 增减率 contains 增减; 上年预算数 contains 预算数; 本年收入合计 contains 合计 */
    assert_string_equal(yu_vocab_match(V, "col", "增减"), "diff");
    assert_string_equal(yu_vocab_match(V, "col", "增减率"), "rate");
    assert_string_equal(yu_vocab_match(V, "col", "预算数"), "thisyear");
    assert_string_equal(yu_vocab_match(V, "col", "上年预算数"), "lastyear");
    assert_string_equal(yu_vocab_match(V, "col", "基本支出"), "basic");
    assert_string_equal(yu_vocab_match(V, "row", "合计"), "total");
    assert_string_equal(yu_vocab_match(V, "row", "本年收入合计"), "income_year");
    assert_string_equal(yu_vocab_match(V, "row", "收入总计"), "income_total");
    assert_string_equal(yu_vocab_match(V, "row", "结转下年"), "carry_out");
    /* the kind is part of the key: 合计 is no table kind */
    assert_null(yu_vocab_match(V, "table", "合计"));
    assert_null(yu_vocab_match(V, "no-such-kind", "合计"));
    assert_null(yu_vocab_match(V, "col", "行政运行"));
}

static void test_has(void **state)
{
    (void)state;
    assert_true(yu_vocab_has(V, "col", "total", "金额合计"));
    assert_true(yu_vocab_has(V, "col", "total", "小计"));
    /* 增减率 contains the diff word 增减 even though its concept is rate */
    assert_true(yu_vocab_has(V, "col", "diff", "增减率"));
    assert_false(yu_vocab_has(V, "col", "basic", "合计"));
    assert_false(yu_vocab_has(V, "row", "total", "基本支出"));
    assert_false(yu_vocab_has(V, "col", "no-such-concept", "合计"));
    assert_false(yu_vocab_has(V, "col", "total", ""));
}

static void test_null_and_empty(void **state)
{
    (void)state;
    assert_null(yu_vocab_match(V, "col", NULL));
    assert_null(yu_vocab_match(NULL, "col", "合计"));
    assert_null(yu_vocab_match(V, "col", ""));
    assert_false(yu_vocab_has(V, "col", "total", NULL));
    assert_false(yu_vocab_has(NULL, "col", "total", "合计"));
    yu_vocab_free(NULL);
}

static void test_canonical_labels(void **state)
{
    (void)state;
    /* printed labels: blanks inside (合  计, 收 入 总 计), ideographic spaces,
     * full-width brackets and percent, curly quotation marks */
    assert_string_equal(match(V, "row", "合  计"), "total");
    assert_string_equal(match(V, "row", "收 入 总 计"), "income_total");
    assert_string_equal(match(V, "table", "财政拨款收支总表\xe3\x80\x80"), "fiscal_summary");
    assert_string_equal(match(V, "col", "增减（％）"), "rate");
    assert_string_equal(match(V, "col", "增（减）额"), "diff");
    assert_string_equal(match(V, "table", "一般公共预算“三公”经费支出预算表"), "sangong");
    assert_string_equal(match(V, "narr", "因公出国（境）费"), "abroad");
}

static void test_canonical_words(void **state)
{
    (void)state;
    /* words written with blanks and full-width punctuation are stored canonical */
    const char *p = write_vocab("# test\n"
                                "\n"
                                "col\trate\t增减（％）|比上年增减　%\r\n"
                                "row\ttotal\t合　计|总 计\n"
                                "table\tsangong\t“三公”经费表\n"
                                "col\tspace\t\xe3\x80\x80|空白字\n");
    yu_vocab *v = NULL;
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_vocab_load(p, &v, &err), YU_OK);
    unlink(p);
    assert_string_equal(yu_vocab_match(v, "col", "增减(%)"), "rate");
    assert_string_equal(yu_vocab_match(v, "col", "比上年增减%"), "rate");
    assert_string_equal(yu_vocab_match(v, "row", "合计"), "total");
    assert_string_equal(yu_vocab_match(v, "row", "总计"), "total");
    assert_string_equal(yu_vocab_match(v, "table", "\"三公\"经费表"), "sangong");
    assert_string_equal(match(v, "table", "部门“三公”经费表"), "sangong");
    /* a word that is only blanks (an ideographic space) matches nothing, not every label */
    assert_null(yu_vocab_match(v, "col", "行政运行"));
    assert_string_equal(yu_vocab_match(v, "col", "空白字"), "space");
    yu_vocab_free(v);
}

static void expect_syntax(const char *text, int line)
{
    const char *p = write_vocab(text);
    yu_vocab *v = (yu_vocab *)1;
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_vocab_load(p, &v, &err), YU_ESYNTAX);
    assert_null(v);
    assert_int_equal(err.status, YU_ESYNTAX);
    assert_int_equal(err.line, line);
    assert_string_equal(err.file, p);
    assert_true(strlen(err.msg) > 0);
    unlink(p);
}

static void test_malformed(void **state)
{
    (void)state;
    /* line 4: no tab at all */
    expect_syntax("# comment\ncol\ttotal\t合计\n\ncol total 合计\n", 4);
    /* line 2: no words after the concept */
    expect_syntax("col\ttotal\t合计\nrow\ttotal\t\n", 2);
    /* line 3: only one tab (kind and words, no concept) */
    expect_syntax("col\ttotal\t合计\n# ok\ncol\t合计\n", 3);
    /* line 1: an empty concept */
    expect_syntax("col\t\t合计\n", 1);
    /* line 2: an empty kind */
    expect_syntax("col\ttotal\t合计\n\ttotal\t合计\n", 2);
    /* not UTF-8: the file is named (no line) */
    expect_syntax("col\ttotal\t\xff\xfe\n", 0);
}

static void test_missing_file(void **state)
{
    (void)state;
    yu_vocab *v = (yu_vocab *)1;
    yu_error err;
    yu_error_clear(&err);
    yu_status st = yu_vocab_load("/nonexistent/yusuan.vocab", &v, &err);
    assert_int_not_equal(st, YU_OK);
    assert_null(v);
    assert_non_null(strstr(err.file, "yusuan.vocab"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_longest_word_wins_tables),
        cmocka_unit_test(test_longest_word_wins_columns_rows),
        cmocka_unit_test(test_has),
        cmocka_unit_test(test_null_and_empty),
        cmocka_unit_test(test_canonical_labels),
        cmocka_unit_test(test_canonical_words),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
