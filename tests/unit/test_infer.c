/* The template-free reader and its inferred identities (read.h): tables read
 * from text laid out as a PDF lays them out, each identity kind triggered by
 * one changed figure and clean on the figures as printed. The tables of the
 * real corpus are tested end to end in tests/e2e/wide.sh and identities.sh;
 * G-DIFF is tested here because no corpus document prints an 增减 column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "yusuan/yusuan.h"

static yu_vocab *vocab(void)
{
    yu_vocab *v = NULL;
    yu_error e;
    yu_error_clear(&e);
    assert_int_equal(yu_vocab_load(YU_DATADIR "/vocab/budget.vocab", &v, &e), YU_OK);
    return v;
}

/* the errors of rule `rule` (NULL: of every rule) the identities find in text; the document (and
 * the vocabulary its concepts come from) kept when keep is given */
static size_t errors_of(const char *text, const char *rule, yu_gdoc **keep, yu_vocab **keepv)
{
    yu_vocab *v = vocab();
    yu_gdoc *d = NULL;
    yu_error e;
    yu_error_clear(&e);
    assert_int_equal(yu_read_any(text, strlen(text), "t.txt", v, &d, &e), YU_OK);
    yu_findings fs = {0};
    assert_int_equal(yu_infer_check(d, v, &fs), YU_OK);
    size_t n = 0;
    for (size_t i = 0; i < fs.n; i++)
        n += fs.f[i].sev == YU_SEV_ERROR && (!rule || !strcmp(fs.f[i].rule, rule));
    yu_findings_free(&fs);
    if (keep) {
        *keep = d;
        *keepv = v;
        return n;
    }
    yu_gdoc_free(d);
    yu_vocab_free(v);
    return n;
}

static const char DIFF[] =
    "测试单位2026年部门预算\n"
    "\n"
    "                      一般公共预算支出预算表\n"
    "单位名称：测试单位                                              单位：万元\n"
    "   科目编码      科目名称            2025年预算数     2026年预算数      增减额       增减率\n"
    "                 合计                  1,000.00        1,100.00       100.00       10.00%\n"
    "   201           一般公共服务支出        600.00          700.00       100.00       16.67%\n"
    "   20101         人大事务                600.00          700.00       100.00       16.67%\n"
    "   208           社会保障和就业支出      400.00          400.00         0.00        0.00%\n"
    "   20805         行政事业单位养老支出    400.00          400.00         0.00        0.00%\n"
    "注：无。\n";

/* the table as printed: columns, concepts, rows and levels */
static void test_read_table(void **state)
{
    (void)state;
    yu_gdoc *d = NULL;
    yu_vocab *v = NULL;
    assert_int_equal(errors_of(DIFF, "G-DIFF", &d, &v), 0);
    assert_string_equal(d->unit_name, "测试单位");
    assert_int_equal(d->year, 2026);
    assert_true(d->is_budget);
    assert_int_equal(d->ntables, 1);
    const yu_gtable *T = &d->tables[0];
    assert_string_equal(T->title, "一般公共预算支出预算表");
    assert_string_equal(T->kind, "gpb_expend");
    assert_int_equal(T->unit, 10000);
    assert_int_equal(T->ncols, 4);
    assert_string_equal(T->cols[0].concept, "lastyear");
    assert_string_equal(T->cols[1].concept, "thisyear");
    assert_string_equal(T->cols[2].concept, "diff");
    assert_string_equal(T->cols[3].concept, "rate");
    assert_int_equal(T->nrows, 5);
    assert_string_equal(T->rows[0].concept, "total");
    assert_string_equal(T->rows[1].code, "201");
    assert_int_equal(T->rows[1].level, 1);
    assert_string_equal(T->rows[2].code, "20101");
    assert_int_equal(T->rows[2].level, 2);
    assert_int_equal(T->rows[1].cells[1].kind, YU_GC_NUM);
    assert_int_equal(T->rows[1].cells[1].v, 70000);
    assert_int_equal(T->rows[1].cells[3].kind, YU_GC_PCT);
    assert_int_equal(T->rows[1].cells[3].v, 1667);
    assert_true(T->complete);
    yu_gdoc_free(d);
    yu_vocab_free(v);
}

static char *replace(const char *s, const char *from, const char *to)
{
    const char *p = strstr(s, from);
    assert_non_null(p);
    size_t n = strlen(s) - strlen(from) + strlen(to);
    char *o = malloc(n + 1);
    assert_non_null(o);
    memcpy(o, s, (size_t)(p - s));
    memcpy(o + (p - s), to, strlen(to));
    memcpy(o + (p - s) + strlen(to), p + strlen(from), strlen(p + strlen(from)) + 1);
    return o;
}

/* 增减 = 本年 − 上年: a wrong 增减额, and a wrong 增减率 */
static void test_diff(void **state)
{
    (void)state;
    assert_int_equal(errors_of(DIFF, "G-DIFF", NULL, NULL), 0);
    char *t = replace(DIFF, "700.00       100.00       16.67%\n   20101", "700.00       110.00       16.67%\n   20101");
    assert_true(errors_of(t, "G-DIFF", NULL, NULL) >= 1);
    free(t);
    t = replace(DIFF, "1,100.00       100.00       10.00%", "1,100.00       100.00       11.00%");
    assert_int_equal(errors_of(t, "G-DIFF", NULL, NULL), 1);
    free(t);
}

/* 类 = Σ 款 by codes; the 合计 row = Σ 类 */
static void test_code_and_total(void **state)
{
    (void)state;
    assert_int_equal(errors_of(DIFF, "G-CODE-SUM", NULL, NULL), 0);
    assert_int_equal(errors_of(DIFF, "G-TOTAL-ROW", NULL, NULL), 0);
    char *t = replace(DIFF, "人大事务                600.00", "人大事务                650.00");
    assert_true(errors_of(t, "G-CODE-SUM", NULL, NULL) >= 1);
    free(t);
    t = replace(DIFF, "合计                  1,000.00", "合计                  1,010.00");
    assert_true(errors_of(t, "G-TOTAL-ROW", NULL, NULL) >= 1);
    free(t);
}

/* a rounding residue of one unit of the last digit is never an error */
static void test_rounding(void **state)
{
    (void)state;
    char *t = replace(DIFF, "合计                  1,000.00", "合计                  1,000.01");
    assert_int_equal(errors_of(t, "G-TOTAL-ROW", NULL, NULL), 0);
    free(t);
}

/* a title that does not end in 表 is known by the unit printed under it */
static void test_title_without_biao(void **state)
{
    (void)state;
    char *t = replace(DIFF, "一般公共预算支出预算表", "一般公共预算支出预算情况");
    yu_gdoc *d = NULL;
    yu_vocab *v = NULL;
    assert_int_equal(errors_of(t, "G-CODE-SUM", &d, &v), 0);
    assert_int_equal(d->ntables, 1);
    assert_string_equal(d->tables[0].title, "一般公共预算支出预算情况");
    assert_int_equal(d->tables[0].nrows, 5);
    yu_gdoc_free(d);
    yu_vocab_free(v);
    free(t);
}

/* a total printed after its parts (政府采购 总计 last) adds up the columns left of it */
static const char PROC[] =
    "测试单位2026年部门预算\n"
    "\n"
    "                      政府采购支出表\n"
    "部门：测试单位                                                  单位：万元\n"
    "   采购项目             一般公共预算资金      其他资金        总计\n"
    "   合计                        170.00          45.00        215.00\n"
    "   服务                        100.00          20.00        120.00\n"
    "   货物                         20.00          10.00         30.00\n"
    "   工程                         50.00          15.00         65.00\n";

static void test_total_column_last(void **state)
{
    (void)state;
    assert_int_equal(errors_of(PROC, "G-COL-SUM", NULL, NULL), 0);
    char *t = replace(PROC, "20.00        120.00", "20.00        125.00");
    assert_int_equal(errors_of(t, "G-COL-SUM", NULL, NULL), 1);
    free(t);
}

/* a document that is not a budget: no table, not a budget */
static void test_not_a_budget(void **state)
{
    (void)state;
    const char *text = "关于印发重大行政决策事项目录的通知\n各县（市、区）人民政府：\n  现将目录印发给你们，请认真贯彻执行。\n";
    yu_vocab *v = vocab();
    yu_gdoc *d = NULL;
    yu_error e;
    yu_error_clear(&e);
    assert_int_equal(yu_read_any(text, strlen(text), "n.txt", v, &d, &e), YU_OK);
    assert_false(d->is_budget);
    assert_int_equal(d->ntables, 0);
    yu_gdoc_free(d);
    yu_vocab_free(v);
}

/* the rules are listed */
static void test_rules_listed(void **state)
{
    (void)state;
    size_t n;
    const yu_rule_info *r = yu_infer_rules(&n);
    assert_true(n >= 8);
    int diff = 0;
    for (size_t i = 0; i < n; i++)
        diff |= !strcmp(r[i].id, "G-DIFF");
    assert_true(diff);
}

/* A label centred over three cells though narrower than they (the Shanghai
 * 三公 table as its PDF prints it): 公务用车购置及运行费 stands over 购置费
 * only, 小计 and 运行费 either side with no word above them; each figure under
 * its own label, the blank cells (购置费, 机关运行经费) blank. */
static const char SANGONG[] =
    "测试单位2026年单位预算\n"
    "\n"
    "                                            2026年单位“三公”经费和机关运行经费预算表\n"
    "           编制单位：测试单位                                                                                 单位:万元\n"
    "                                                          “三公”经费预算数\n"
    "                                                                                                                             机关运行经费预算\n"
    "                                                                                     公务用车购置及运行费\n"
    "                  合计           因公出国(境)费      公务接待费                                                                     数\n"
    "                                                                           小计              购置费            运行费\n"
    "                         16.30               6.00              0.70                9.60                                 9.60\n"
    "注：无。\n";

static void test_centred_group(void **state)
{
    (void)state;
    yu_gdoc *d = NULL;
    yu_vocab *v = NULL;
    errors_of(SANGONG, "G-COL-SUM", &d, &v);
    assert_int_equal(d->ntables, 1);
    const yu_gtable *T = &d->tables[0];
    static const char *const want[] = {"合计", "因公出国(境)费", "\"三公\"经费预算数/公务接待费",
                                       "公务用车购置及运行费/小计", "公务用车购置及运行费/购置费",
                                       "公务用车购置及运行费/运行费", "机关运行经费预算数"};
    static const char *const fig[] = {"16.30", "6.00", "0.70", "9.60", NULL, "9.60", NULL};
    assert_int_equal(T->ncols, 7);
    assert_true(T->nrows >= 1);
    for (size_t c = 0; c < 7; c++) {
        assert_string_equal(T->cols[c].label, want[c]);
        const yu_gcell *x = &T->rows[0].cells[c];
        if (fig[c])
            assert_string_equal(x->text, fig[c]);
        else
            assert_null(x->text);
    }
    yu_gdoc_free(d);
    yu_vocab_free(v);
}

/* … but a label wrapped over two lines whose neighbours below do not stand
 * alike either side of it is one label (一般公共 / 预算), not a group */
static const char WRAPPED[] =
    "测试单位2026年部门预算\n"
    "\n"
    "                      收入预算总表\n"
    "单位名称：测试单位                                              单位：万元\n"
    "                           一般公共\n"
    "   科目名称     合计       预算                政府性基金预算\n"
    "   合计        1,000.00     900.00                 100.00\n"
    "注：无。\n";

static void test_wrapped_not_group(void **state)
{
    (void)state;
    yu_gdoc *d = NULL;
    yu_vocab *v = NULL;
    errors_of(WRAPPED, "G-COL-SUM", &d, &v);
    assert_int_equal(d->ntables, 1);
    const yu_gtable *T = &d->tables[0];
    int found = 0;
    for (size_t c = 0; c < T->ncols; c++)
        found |= !strcmp(T->cols[c].label, "一般公共预算");
    assert_true(found);
    yu_gdoc_free(d);
    yu_vocab_free(v);
}

/* a two-sided table continued on a page pdftotext laid out afresh: the
 * next page prints the header again at other columns (wider), and its
 * 收入 figures stand where the first page's 支出 side began */
static const char NEXTPAGE[] =
    "测试单位2026年部门预算\n"
    "\n"
    "                         收支总体情况表\n"
    "单位名称：测试单位                                               单位：万元\n"
    "              收入                                支出\n"
    "         项目         预算                   项目          预算\n"
    "一、预算拨款                   7,651.71 一、一般公共服务支出                   0.00\n"
    "二、财政专户拨款                   0.00 二、外交支出                         0.00\n"
    "三、事业收入                     0.00 三、国防支出                         0.00\n"
    "四、事业单位经营收入                 0.00 四、公共安全支出                       0.00\n"
    "五、其他收入                     0.00 五、教育支出                         0.00\n"
    "六、上级补助收入                   0.00 六、科学技术支出                     53.44\n"
    "七、附属单位上缴收入                 0.00 七、文化旅游体育与传媒支出                  0.00\n"
    "                              八、社会保障和就业支出                    768.66\n"
    "                              九、卫生健康支出                         6.70\n"
    "                              十、节能环保支出                         0.00\n"
    "                              十八、自然资源海洋气象等支出               5,111.87\n"
    "                              十九、住房保障支出                    1,711.04\n"
    "\f\f                   收入                                           支出\n"
    "          项目                  预算                        项目           预算\n"
    "                                                二十三、其他支出                      0.00\n"
    "                                                二十四、对附属单位补助支出                 0.00\n"
    "      本年收入合计                         7,651.71        本年支出合计               7,651.71\n"
    "上年结转结余                                   0.00 结转结余下年                          0.00\n"
    "         收入总计                        7,651.71          支出总计               7,651.71\n"
    "注：无。\n";

static void test_next_page_afresh(void **state)
{
    (void)state;
    yu_gdoc *d = NULL;
    yu_vocab *v = NULL;
    assert_int_equal(errors_of(NEXTPAGE, NULL, &d, &v), 0);
    assert_int_equal(d->ntables, 1);
    const yu_gtable *T = &d->tables[0];
    assert_true(T->twosided);
    assert_true(T->complete);
    /* the rows of the next page: named, on their side, one figure each */
    static const struct {
        const char *name;
        int side;
        int64_t v;
    } want[] = {{"本年收入合计", 0, 765171}, {"上年结转结余", 0, 0},      {"收入总计", 0, 765171},
                {"二十三、其他支出", 1, 0}, {"本年支出合计", 1, 765171}, {"支出总计", 1, 765171}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int seen = 0;
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_grow *w = &T->rows[i];
            if (!w->name || strcmp(w->name, want[k].name))
                continue;
            seen++;
            int figs = 0;
            for (size_t c = 0; c < T->ncols; c++)
                if (w->cells[c].kind == YU_GC_NUM) {
                    figs++;
                    assert_int_equal(w->cells[c].v, want[k].v);
                    assert_int_equal(T->cols[c].side, want[k].side);
                }
            assert_int_equal(figs, 1);
        }
        assert_int_equal(seen, 1);
    }
    yu_gdoc_free(d);
    yu_vocab_free(v);
    /* read right, a wrong figure of the next page is found */
    char *t = replace(NEXTPAGE, "收入总计                        7,651.71", "收入总计                        7,652.71");
    assert_true(errors_of(t, NULL, NULL, NULL) >= 1);
    free(t);
}

/* fuzhou-2026-commerce-bureau p.17-18: a table of one column of figures
 * continued on a page whose figures pdftotext set further left, under
 * 科目名称: they are read in the 预算数 column */
static const char ONELANE[] =
    "测试单位2026年部门预算\n"
    "\n"
    "        2026 年度一般公共预算基本支出经济分类情况表\n"
    "                               单位：万元\n"
    "\n"
    "科目编码                  科目名称     预算数\n"
    "\n"
    "合计\n"
    "                                    150.00\n"
    "\n"
    "301      工资福利支出                      100.00\n"
    "30101    基本工资                         60.00\n"
    "30102    津贴补贴                         40.00\n"
    "302      商品和服务支出                      30.00\n"
    "30201    办公费                          10.00\n"
    "\n"
    "                          18\n"
    "\f30227   委托业务费                8.00\n"
    "30228   工会经费                12.00\n"
    "303     对个人和家庭的补助           20.00\n"
    "30301   离休费                  20.00\n";

static void test_one_lane_next_page(void **state)
{
    (void)state;
    yu_gdoc *d = NULL;
    yu_vocab *v = NULL;
    assert_int_equal(errors_of(ONELANE, NULL, &d, &v), 0);
    assert_int_equal(d->ntables, 1);
    const yu_gtable *T = &d->tables[0];
    assert_true(T->complete);
    static const struct {
        const char *code;
        int64_t v;
    } want[] = {{"301", 10000}, {"30227", 800}, {"30228", 1200}, {"303", 2000}, {"30301", 2000}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int seen = 0;
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_grow *w = &T->rows[i];
            if (strcmp(w->code, want[k].code))
                continue;
            seen++;
            for (size_t c = 0; c < T->ncols; c++)
                if (w->cells[c].kind == YU_GC_NUM) {
                    assert_string_equal(T->cols[c].label, "预算数");
                    assert_int_equal(w->cells[c].v, want[k].v);
                }
        }
        assert_int_equal(seen, 1);
    }
    yu_gdoc_free(d);
    yu_vocab_free(v);
    /* read right, a wrong figure of the next page is found (302's parts) */
    char *t = replace(ONELANE, "工会经费                12.00", "工会经费                13.00");
    assert_true(errors_of(t, NULL, NULL, NULL) >= 1);
    free(t);
}

/* rows of zeros witness no sum: a 财政拨款 column printed last whose only
 * rows with money do not add up is no total of the columns before it */
static const char ZEROS[] =
    "测试单位2026年部门预算\n"
    "\n"
    "                      财政拨款支出表\n"
    "单位名称：测试单位                                              单位：万元\n"
    "   项目              一般公共预算     政府性基金     财政拨款\n"
    "   一、外交支出             0.00          0.00          0.00\n"
    "   二、国防支出             0.00          0.00          0.00\n"
    "   三、教育支出             0.00          0.00          0.00\n"
    "   四、住房保障支出        76.23          0.00          0.00\n"
    "   五、交通运输支出     1,531.04          0.00          0.00\n"
    "注：无。\n";

static void test_zero_rows_no_sum(void **state)
{
    (void)state;
    assert_int_equal(errors_of(ZEROS, "G-COL-SUM", NULL, NULL), 0);
    /* where the rows with money do add up, the sum is checked */
    char *t = replace(ZEROS, "76.23          0.00          0.00", "76.23          0.00         76.23");
    char *u = replace(t, "1,531.04          0.00          0.00", "1,531.04          0.00      1,531.04");
    assert_int_equal(errors_of(u, "G-COL-SUM", NULL, NULL), 0);
    char *w = replace(u, "0.00         76.23", "0.00         76.33");
    assert_int_equal(errors_of(w, "G-COL-SUM", NULL, NULL), 1);
    free(t);
    free(u);
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_table),   cmocka_unit_test(test_diff),
        cmocka_unit_test(test_code_and_total), cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_not_a_budget), cmocka_unit_test(test_rules_listed),
        cmocka_unit_test(test_title_without_biao), cmocka_unit_test(test_total_column_last),
        cmocka_unit_test(test_centred_group), cmocka_unit_test(test_wrapped_not_group),
        cmocka_unit_test(test_next_page_afresh), cmocka_unit_test(test_zero_rows_no_sum),
        cmocka_unit_test(test_one_lane_next_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
