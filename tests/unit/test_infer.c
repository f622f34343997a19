/* The template-free reader and its inferred identities (read.h): tables read
 * from text laid out as a PDF lays them out, each identity kind triggered by
 * one changed figure and clean on the figures as printed. The tables of the
 * real corpus are tested end to end in tests/e2e/wide.sh and identities.sh;
 * G-DIFF is tested here because no corpus document prints an 增减 column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
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

static int budget_of(const char *text)
{
    yu_vocab *v = vocab();
    yu_gdoc *d = NULL;
    yu_error e;
    yu_error_clear(&e);
    assert_int_equal(yu_read_any(text, strlen(text), "n.txt", v, &d, &e), YU_OK);
    int b = d->is_budget;
    assert_int_equal(d->ntables, 0);
    yu_gdoc_free(d);
    yu_vocab_free(v);
    return b;
}

/* a 情况说明 published without its tables (a web page) is a disclosure when
 * it says so and states budget money; saying so alone, or money alone, is not */
static void test_narrative_only(void **state)
{
    (void)state;
    const char *says = "某某中心2025年度单位决算\n二、收入决算情况说明\n";
    const char *money = "2025年本年收入合计812.40万元，其中：一般公共预算财政拨款收入790.10万元，占97.26%；"
                        "其他收入22.30万元，占2.74%。\n2025年本年支出合计805.00万元，其中：基本支出600.00万元，"
                        "项目支出205.00万元。\n";
    char both[1024];
    snprintf(both, sizeof both, "%s%s", says, money);
    assert_true(budget_of(both));
    assert_false(budget_of(says));
    assert_false(budget_of(money));
    /* two figures are not enough to call it a disclosure */
    assert_false(budget_of("某某中心2025年度单位决算\n“三公”经费决算12.00万元，比上年减少1.00万元。\n"));
}

static yu_gdoc *read_text(const char *text, yu_vocab **v)
{
    *v = vocab();
    yu_gdoc *d = NULL;
    yu_error e;
    yu_error_clear(&e);
    assert_int_equal(yu_read_any(text, strlen(text), "n.txt", *v, &d, &e), YU_OK);
    return d;
}

/* a page of the "三公"经费 alone names its kind by them ("三公"经费决算,
 * 三公经费支出预算): a disclosure when it states their money; the same
 * figures without 预算 or 决算 beside the 三公 are not one */
static void test_sangong_page(void **state)
{
    (void)state;
    const char *fin = "某镇2024年“三公”经费决算汇总情况\n2024年“三公”经费支出共计8.10万元，其中：公务接待费3.10万元，"
                      "公务用车运行维护费5.00万元，较上年支出数减少0.90万元。\n";
    const char *bud = "经汇总，2025年区本级“三公”经费支出预算为300万元，其中：因公出国（境）费用20万元，"
                      "公务接待费80万元，公务用车购置及运行维护费200万元。\n";
    const char *none = "2024年“三公”经费支出8.10万元，其中：公务接待费3.10万元，公务用车运行维护费5.00万元，"
                       "比上年减少0.90万元。\n";
    assert_true(budget_of(fin));
    assert_true(budget_of(bud));
    assert_false(budget_of(none));
    yu_vocab *v = NULL;
    yu_gdoc *d = read_text(fin, &v);
    assert_string_equal(d->kind, "决算");
    yu_gdoc_free(d);
    yu_vocab_free(v);
    d = read_text(bud, &v);
    assert_string_equal(d->kind, "预算");
    yu_gdoc_free(d);
    yu_vocab_free(v);
}

/* the year and kind of a page: a year in a cited rule's brackets is not the
 * document's, 预决算 names neither kind, a tie goes to the title */
static void test_year_kind_of_page(void **state)
{
    (void)state;
    yu_vocab *v;
    yu_gdoc *d = read_text("根据《某省预决算公开操作规程(2022年修订)》的规定，现将我局部门预算公开如下。\n"
                           "2025年本年支出合计805.00万元。\n", &v);
    assert_int_equal(d->year, 2025);
    assert_string_equal(d->kind, "预算");
    yu_gdoc_free(d);
    yu_vocab_free(v);
    d = read_text("2023年某市部门决算“三公”经费情况说明\n按照部门预算管理有关规定，“三公”经费包括三项。\n", &v);
    assert_int_equal(d->year, 2023);
    assert_string_equal(d->kind, "决算");
    yu_gdoc_free(d);
    yu_vocab_free(v);
    d = read_text("2023年某市部门预算“三公”经费情况说明\n按照部门决算管理有关规定，“三公”经费包括三项。\n", &v);
    assert_string_equal(d->kind, "预算");
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

/* the seed's 部门收支总表 as its text prints it: cells separated by tabs
 * (text copied out of a spreadsheet), read as any two-sided table */
static const char TABBED[] =
    "生态环境部对外合作与交流中心2024年部门预算\n"
    "\n"
    "部门收支总表\n"
    "\n"
    "单位：万元\n"
    "\n"
    "收 入\t\t支 出\t\n"
    "项 目\t预算数\t项 目\t预算数\n"
    "一、一般公共预算拨款收入\t1,368.00\t一、外交支出\t1,505.35\n"
    "二、政府性基金预算拨款收入\t\t二、节能环保支出\t26,900.00\n"
    "三、国有资本经营预算拨款收入\t\t三、住房保障支出\t800.00\n"
    "四、事业收入\t5,000.00\t\t\n"
    "五、事业单位经营收入\t\t\t\n"
    "六、其他收入\t22,700.00\t\t\n"
    "本年收入合计\t29,068.00\t本年支出合计\t29,205.35\n"
    "使用非财政拨款结余\t\t结转下年(非财政拨款)\t18,237.20\n"
    "上年结转\t18,374.55\t\t\n"
    "收 入 总 计\t47,442.55\t支 出 总 计\t47,442.55\n";

static void test_tabbed_two_sided(void **state)
{
    (void)state;
    yu_gdoc *d = NULL;
    yu_vocab *v = NULL;
    assert_int_equal(errors_of(TABBED, NULL, &d, &v), 0);
    assert_int_equal(d->ntables, 1);
    const yu_gtable *T = &d->tables[0];
    assert_true(T->twosided);
    assert_true(T->complete);
    static const struct {
        const char *name;
        int side;
        int64_t v;
    } want[] = {{"四、事业收入", 0, 500000},        {"本年收入合计", 0, 2906800}, {"二、节能环保支出", 1, 2690000},
                {"本年支出合计", 1, 2920535}, {"结转下年(非财政拨款)", 1, 1823720}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int seen = 0;
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_grow *w = &T->rows[i];
            if (!w->name || strcmp(w->name, want[k].name))
                continue;
            seen++;
            for (size_t c = 0; c < T->ncols; c++)
                if (w->cells[c].kind == YU_GC_NUM) {
                    assert_int_equal(w->cells[c].v, want[k].v);
                    assert_int_equal(T->cols[c].side, want[k].side);
                }
        }
        assert_int_equal(seen, 1);
    }
    yu_gdoc_free(d);
    yu_vocab_free(v);
    /* read right, a wrong figure is found */
    char *t = replace(TABBED, "四、事业收入\t5,000.00", "四、事业收入\t5,001.00");
    assert_true(errors_of(t, NULL, NULL, NULL) >= 1);
    free(t);
}

/* one wrong total fails its own sum and its parent's (本年收入合计 over its
 * lines, 收入总计 over it and 上年结转): the family is understood and only
 * the total at fault is reported */
static void test_one_cell_two_sums(void **state)
{
    (void)state;
    char *t = replace(TABBED, "本年收入合计\t29,068.00", "本年收入合计\t29,069.00");
    assert_int_equal(errors_of(t, "G-SIDE", NULL, NULL), 1);
    yu_vocab *v = vocab();
    yu_gdoc *d = NULL;
    yu_error e;
    yu_error_clear(&e);
    assert_int_equal(yu_read_any(t, strlen(t), "t.txt", v, &d, &e), YU_OK);
    yu_findings fs = {0};
    assert_int_equal(yu_infer_check(d, v, &fs), YU_OK);
    int named = 0;
    for (size_t i = 0; i < fs.n; i++)
        named += fs.f[i].sev == YU_SEV_ERROR && strstr(fs.f[i].msg, "“本年收入合计”行") != NULL;
    assert_int_equal(named, 1);
    yu_findings_free(&fs);
    yu_gdoc_free(d);
    yu_vocab_free(v);
    free(t);
    /* two figures wrong by the same amount in sums that do not share them:
     * two failures in a family of five is a structure not understood */
    char *u = replace(TABBED, "四、事业收入\t5,000.00", "四、事业收入\t5,001.00");
    char *w = replace(u, "二、节能环保支出\t26,900.00", "二、节能环保支出\t26,899.00");
    assert_int_equal(errors_of(w, "G-SIDE", NULL, NULL), 0);
    free(u);
    free(w);
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

/* a group word over each of repeated blocks of columns (foshan's 三公 决算
 * table, copied with its geometry and the page before it; its figures made
 * distinct): 预算数 and 决算数 each name the six columns under them, not one
 * column of their own */
static const char BLOCKS[] =
    "佛山市轨道交通局2019年度部门决算\n"
    "\n"
    "                                                                19\n"
    "                                                                          表6\n"
    "\n"
    "\n"
    "                        一般公共预算财政拨款基本支出决算表\n"
    "部门： 佛山市轨道交通局                                                        单位：万元\n"
    "\n"
    "                 人员经费                                       公用经费\n"
    "经济分类                                       经济分类\n"
    "                科目名称        金额                           科目名称       金额\n"
    "科目编码                                       科目编码\n"
    "                                          31019   其他交通工具购置                0.00\n"
    "                                          31021   文物和陈列品购置                0.00\n"
    "                                          31022   无形资产购置                  0.00\n"
    "                                          31099   其他资本性支出                 0.00\n"
    "                                          399     其他支出                    0.00\n"
    "                                          39906   赠与                      0.00\n"
    "                                          39907   国家赔偿费用支出                0.00\n"
    "                                                  对民间非营利组织和群众性自治组\n"
    "                                          39908                           0.00\n"
    "                                                  织补贴\n"
    "                                          39999   其他支出                    0.00\n"
    "       人员经费合计                    649.20           公用经费合计                 97.19\n"
    "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。本表金额转换为万元时，因四舍五入可能存在尾差。\n"
    "\n"
    "\n"
    "\n"
    "\n"
    "                                                                            20\n"
    "                                                                                                                                   表7\n"
    "\n"
    "\n"
    "                                    一般公共预算财政拨款“三公”经费支出决算表\n"
    "部门： 佛山市轨道交通局                                                                                                                单位：万元\n"
    "\n"
    "                              预算数                                                                   决算数\n"
    "\n"
    "                             公务用车购置及运行费                                                            公务用车购置及运行费\n"
    "             因公出国                                           公务接待                   因公出国                                     公务接待\n"
    " 合计                                 公务用车        公务用车                    合计                                公务用车     公务用车\n"
    "             （境）费        小计                                  费                     （境）费        小计                            费\n"
    "                                     购置费         运行费                                                       购置费      运行费\n"
    "  1           2          3           4           5           6          7           8          9           10       11        12\n"
    "\n"
    "      9.00        2.00       5.00        1.00        4.00        2.00       8.16        1.00       4.00     0.50     3.50      3.16\n"
    "注：本表反映部门本年度财政拨款“三公”经费支出情况。其中，预算数为“三公”经费年初预算数，决算数是包括当年一般公共预算财政拨款和以前\n";

static void test_group_over_repeated_blocks(void **state)
{
    (void)state;
    yu_gdoc *d = NULL;
    yu_vocab *v = NULL;
    errors_of(BLOCKS, NULL, &d, &v);
    const yu_gtable *T = NULL;
    for (size_t i = 0; i < d->ntables; i++)
        if (d->tables[i].kind && !strcmp(d->tables[i].kind, "sangong"))
            T = &d->tables[i];
    assert_non_null(T);
    static const char *const leaf[6] = {"合计", "因公出国(境)费", "公务用车购置及运行费/小计",
                                        "公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费",
                                        "公务接待费"};
    static const int64_t fig[12] = {900, 200, 500, 100, 400, 200, 816, 100, 400, 50, 350, 316};
    assert_int_equal(T->ncols, 12);
    assert_int_equal(T->nrows, 1);
    for (size_t c = 0; c < 12; c++) {
        char want[160];
        snprintf(want, sizeof want, "%s/%s", c < 6 ? "预算数" : "决算数", leaf[c % 6]);
        assert_string_equal(T->cols[c].label, want);
        assert_int_equal(T->rows[0].cells[c].kind, YU_GC_NUM);
        assert_int_equal(T->rows[0].cells[c].v, fig[c]);
    }
    yu_gdoc_free(d);
    yu_vocab_free(v);
}

/* top header words each over one column, a word of their own under each,
 * are no blocks: the columns keep their wrapped labels */
static const char SINGLES[] =
    "测试单位2026年部门预算\n"
    "\n"
    "                      财政拨款支出表\n"
    "单位名称：测试单位                                              单位：万元\n"
    "   项目                       一般公共       政府性基金      国有资本经营\n"
    "                              预算           预算            预算\n"
    "   一、外交支出                  10.00           0.00            0.00\n"
    "   二、国防支出                  20.00           5.00            0.00\n"
    "   三、教育支出                  76.23           0.00            1.00\n"
    "注：无。\n";

static void test_single_columns_no_blocks(void **state)
{
    (void)state;
    yu_gdoc *d = NULL;
    yu_vocab *v = NULL;
    errors_of(SINGLES, NULL, &d, &v);
    assert_int_equal(d->ntables, 1);
    const yu_gtable *T = &d->tables[0];
    assert_int_equal(T->ncols, 3);
    assert_string_equal(T->cols[0].label, "一般公共预算");
    assert_string_equal(T->cols[1].label, "政府性基金预算");
    assert_string_equal(T->cols[2].label, "国有资本经营预算");
    assert_int_equal(T->rows[2].cells[0].v, 7623);
    yu_gdoc_free(d);
    yu_vocab_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_table),   cmocka_unit_test(test_diff),
        cmocka_unit_test(test_code_and_total), cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_not_a_budget), cmocka_unit_test(test_narrative_only), cmocka_unit_test(test_sangong_page), cmocka_unit_test(test_year_kind_of_page), cmocka_unit_test(test_rules_listed),
        cmocka_unit_test(test_title_without_biao), cmocka_unit_test(test_total_column_last),
        cmocka_unit_test(test_centred_group), cmocka_unit_test(test_wrapped_not_group),
        cmocka_unit_test(test_next_page_afresh), cmocka_unit_test(test_zero_rows_no_sum),
        cmocka_unit_test(test_one_lane_next_page),
        cmocka_unit_test(test_tabbed_two_sided), cmocka_unit_test(test_one_cell_two_sums),
        cmocka_unit_test(test_group_over_repeated_blocks), cmocka_unit_test(test_single_columns_no_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
