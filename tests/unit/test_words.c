/* Unit tests: the narrative rules (words.h, src/lib/rules_words.c,
 * data/vocab/words.vocab).  Each rule is triggered by changing ONE real
 * sentence of a corpus document (../shared/corpus, document and page in the
 * comment); the unchanged sentence is the clean case. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "yusuan/words.h"

#define WORDS YU_DATADIR "/vocab/words.vocab"

static yu_vocab *V;

static int group_setup(void **state)
{
    (void)state;
    yu_error err;
    yu_error_clear(&err);
    if (yu_vocab_load(WORDS, &V, &err) != YU_OK) {
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

/* guangzhou-2026-industry-it-bureau-budget.pdf, p.29 (as `extract -f text` prints it) */
#define GZ_IT "                       2026年本部门一般公共预算安排委托业务费1,816.81万元，\n" \
              "                 比上年增加296.76万元，增长19.5%，主要原因是深入贯彻落实国\n" \
              "                 家及省、市关于推动产业高质量发展，构建现代化产业体系的战\n" \
              "                 略部署，工业和信息化事业发展项目工作经费预算增加。\n"
/* guangzhou-2026-general-office-budget.pdf, p.25 */
#define GZ_GO "           金。2026年，本部门机关运行经费安排1,443.41万元，比上年减\n" \
              "           少5,553.36万元，下降79.4%，主要原因是减少了机关事务管理\n"
/* putuo-welfare-home-2024-unit-budget.pdf, p.16 */
#define PT_WH "              2024年上海市普陀区社会福利院无机关运行经费。\n"
/* putuo-welfare-home-2024-unit-budget.pdf, p.15 */
#define PT_WH15 "             （三）公务接待费0.00万元。与2023年预算持平，主要原因是无公务接待事项支出。\n"
/* fuzhou-2026-commerce-bureau-budget.pdf, p.9 (printed with 。。: a real defect) */
#define FZ_CO "           五”商务发展良好开局、加快建设现代化国际城市提供商\n" \
              "           务支撑、贡献商务力量。。围绕上述任务，重点抓好以下工\n"

static yu_findings run(const char *text)
{
    yu_findings f = {0};
    assert_int_equal(yu_check_words(text, strlen(text), NULL, V, &f), YU_OK);
    return f;
}

static size_t count_rule(const yu_findings *f, const char *rule, yu_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += !strcmp(f->f[i].rule, rule) && f->f[i].sev == sev;
    return n;
}

static const yu_finding *first(const yu_findings *f, const char *rule)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->f[i].rule, rule))
            return &f->f[i];
    return NULL;
}

/* the real sentences: nothing */
static void test_clean(void **state)
{
    (void)state;
    yu_findings f = run(GZ_IT GZ_GO PT_WH PT_WH15);
    assert_int_equal(f.n, 0);
    yu_findings_free(&f);
}

/* W-LEFTOVER: the unit's name replaced by XX, printed on five pages: one
 * finding with its count and first pages, the placeholder marked */
static void test_leftover_grouped(void **state)
{
    (void)state;
    const char *one = "              2024年上海市普陀区XX无机关运行经费。\n";
    char text[1024];
    snprintf(text, sizeof text, "%s\f%s\f%s\f%s\f%s", one, one, one, one, one);
    yu_findings f = run(text);
    assert_int_equal(f.n, 1);
    const yu_finding *x = first(&f, "W-LEFTOVER");
    assert_non_null(x);
    assert_int_equal(x->sev, YU_SEV_ERROR);
    assert_int_equal(x->got, 5);
    assert_int_equal(x->page, 1);
    assert_string_equal(x->table, "narrative");
    assert_string_equal(x->row, "XX");
    assert_non_null(strstr(x->msg, "出现5次，首见于第1、2、3页"));
    assert_non_null(strstr(x->msg, "上海市普陀区【XX】无机关运行经费"));
    yu_findings_free(&f);
}

/* XX beside Latin letters or digits is no placeholder (an address, a size) */
static void test_leftover_not_latin(void **state)
{
    (void)state;
    yu_findings f = run("              详见网站http://www.example.gov.cn/xxgk/XXL2024栏目公开的预算情况说明。\n");
    assert_int_equal(f.n, 0);
    yu_findings_free(&f);
}

/* W-LEFTOVER (warning): a sentence addressed to the preparer */
static void test_leftover_preparer(void **state)
{
    (void)state;
    yu_findings f = run("             （三）公务接待费0.00万元。与2023年预算持平，主要原因是无公务接待事项支出。"
                        "（如持平作持平表述）\n");
    assert_int_equal(f.n, 1);
    assert_int_equal(count_rule(&f, "W-LEFTOVER", YU_SEV_WARNING), 1);
    assert_non_null(strstr(f.f[0].msg, "（【如持平作持平表述】）"));
    yu_findings_free(&f);
}

/* W-ALTERNATIVE: 增加 printed with its alternative in brackets */
static void test_alternative(void **state)
{
    (void)state;
    yu_findings f = run("                       2026年本部门一般公共预算安排委托业务费1,816.81万元，\n"
                        "                 比上年增加（减少）296.76万元，增长19.5%，主要原因是深入贯彻落实国\n");
    assert_int_equal(f.n, 1);
    const yu_finding *x = first(&f, "W-ALTERNATIVE");
    assert_non_null(x);
    assert_int_equal(x->sev, YU_SEV_ERROR);
    assert_string_equal(x->row, "增加（减少）");
    assert_int_equal(x->line, 2);
    assert_non_null(strstr(x->msg, "比上年【增加（减少）】296.76万元"));
    /* and after a slash, across the line break */
    yu_findings g = run("           金。2026年，本部门机关运行经费安排1,443.41万元，比上年增加/减\n"
                        "           少5,553.36万元，下降79.4%，主要原因是减少了机关事务管理\n");
    assert_int_equal(count_rule(&g, "W-ALTERNATIVE", YU_SEV_ERROR), 1);
    yu_findings_free(&f);
    yu_findings_free(&g);
}

/* W-TYPO: doubled punctuation (the real defect, and one comma doubled) */
static void test_typo_doubled(void **state)
{
    (void)state;
    yu_findings f = run(FZ_CO);
    assert_int_equal(count_rule(&f, "W-TYPO", YU_SEV_ERROR), 1);
    assert_string_equal(first(&f, "W-TYPO")->row, "。。");
    yu_findings g = run("                 比上年增加296.76万元，增长19.5%，，主要原因是深入贯彻落实国\n");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.f[0].row, "，，");
    yu_findings_free(&f);
    yu_findings_free(&g);
}

/* W-TYPO: a rate without % */
static void test_typo_rate(void **state)
{
    (void)state;
    yu_findings f = run("                 比上年增加296.76万元，增长19.5，主要原因是深入贯彻落实国\n");
    assert_int_equal(f.n, 1);
    assert_int_equal(count_rule(&f, "W-TYPO", YU_SEV_ERROR), 1);
    assert_string_equal(f.f[0].row, "19.5");
    assert_non_null(strstr(f.f[0].msg, "增长【19.5】，"));
    yu_findings_free(&f);
}

/* W-TYPO: a malformed thousands separator, two decimal points, a spaced figure */
static void test_typo_figure(void **state)
{
    (void)state;
    const char *bad[] = {
        "                       2026年本部门一般公共预算安排委托业务费18,16.81万元，\n",
        "                       2026年本部门一般公共预算安排委托业务费1.816.81万元，\n",
        "                       2026年本部门一般公共预算安排委托业务费1 816.81万元，\n",
        "           金。2026年，本部门机关运行经费安排1,443.41万元，比上年减少55,53.36万元，\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        yu_findings f = run(bad[i]);
        assert_int_equal(f.n, 1);
        assert_string_equal(f.f[0].rule, "W-TYPO");
        assert_string_equal(f.f[0].col, "figure");
        yu_findings_free(&f);
    }
}

/* W-TYPO: a comma that parts two figures of a list is no malformed
 * separator; four digits before a three-digit group still are */
static void test_typo_figure_list(void **state)
{
    (void)state;
    const char *ok[] = {
        "           2025年度收、支总计分别为2316.05,2298.40万元，与上年相比各增加12.6,30.15万元。\n",
        "           与上年相比，收、支总计各减少1380,2475万元，主要是项目完成。\n",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        yu_findings f = run(ok[i]);
        assert_int_equal(count_rule(&f, "W-TYPO", YU_SEV_ERROR), 0);
        yu_findings_free(&f);
    }
    yu_findings f = run("           2025年本部门一般公共预算安排委托业务费1234,567.20万元，\n");
    assert_int_equal(count_rule(&f, "W-TYPO", YU_SEV_ERROR), 1);
    assert_string_equal(f.f[0].col, "figure");
    yu_findings_free(&f);
}

/* W-TYPO: a share whose figure was left out (占基本支出预算%) */
static void test_typo_share(void **state)
{
    (void)state;
    yu_findings f = run("           商品和服务支出预算 81200 元，占基本支出预算%，同比增加 6100 元，增长 8.12%。\n");
    assert_int_equal(count_rule(&f, "W-TYPO", YU_SEV_ERROR), 1);
    assert_string_equal(f.f[0].col, "share");
    assert_non_null(strstr(f.f[0].msg, "占比"));
    yu_findings_free(&f);
    f = run("           商品和服务支出预算 81200 元，占基本支出预算 7.12%，同比增加 6100 元，增长 8.12%。\n");
    assert_int_equal(count_rule(&f, "W-TYPO", YU_SEV_ERROR), 0);
    yu_findings_free(&f);
}

/* W-TYPO: full- and half-width digits in one figure */
static void test_typo_width(void **state)
{
    (void)state;
    yu_findings f = run("                       2026年本部门一般公共预算安排委托业务费1,816.８1万元，\n");
    assert_int_equal(f.n, 1);
    assert_string_equal(f.f[0].col, "width");
    yu_findings_free(&f);
}

/* W-TYPO (warning): a bracket left open in a sentence */
static void test_typo_bracket(void **state)
{
    (void)state;
    yu_findings f = run("             （三）公务接待费0.00万元。与2023年预算持平，主要原因是无公务接待事项（支出。\n");
    assert_int_equal(f.n, 1);
    assert_int_equal(count_rule(&f, "W-TYPO", YU_SEV_WARNING), 1);
    yu_findings_free(&f);
}

/* a table lays figures out with spaces: no typography finding */
static void test_table_quiet(void **state)
{
    (void)state;
    yu_findings f = run("          [2010301]行政运行                                                   6,853.85    "
                        "                       6,853.85                              0.00\n"
                        "             合计      1 234     5,678.00    12 345.6\n");
    assert_int_equal(f.n, 0);
    yu_findings_free(&f);
}

/* the vocabulary by path; neither path nor vocabulary is a usage error */
static void test_path(void **state)
{
    (void)state;
    const char *t = "              2024年上海市普陀区XX无机关运行经费。\n";
    yu_findings f = {0};
    assert_int_equal(yu_check_words(t, strlen(t), WORDS, NULL, &f), YU_OK);
    assert_int_equal(f.n, 1);
    assert_int_equal(yu_check_words(t, strlen(t), NULL, NULL, &f), YU_EUSAGE);
    yu_findings_free(&f);
    size_t n;
    const yu_rule_info *r = yu_words_rules(&n);
    assert_int_equal(n, 3);
    assert_string_equal(r[0].id, "W-LEFTOVER");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),           cmocka_unit_test(test_leftover_grouped),
        cmocka_unit_test(test_leftover_not_latin), cmocka_unit_test(test_leftover_preparer),
        cmocka_unit_test(test_alternative),     cmocka_unit_test(test_typo_doubled),
        cmocka_unit_test(test_typo_rate),       cmocka_unit_test(test_typo_figure), cmocka_unit_test(test_typo_figure_list), cmocka_unit_test(test_typo_share),
        cmocka_unit_test(test_typo_width),      cmocka_unit_test(test_typo_bracket),
        cmocka_unit_test(test_table_quiet),     cmocka_unit_test(test_path),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
