/* Unit tests of the rest of the year (docs/year.md): execution rates, the
 * share of the year, the proportional split, the self-evaluation scores and
 * grades (财预〔2020〕10号), all computed by hand; loading the year's files
 * and the view they give, on a small package written here. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "yusuan/yusuan.h"
#include "year_internal.h"
#include "test_pkg.h"

static void test_rates(void **state)
{
    (void)state;
    assert_int_equal(yu_exec_rate_bp(9700, 10000), 9700);
    assert_int_equal(yu_exec_rate_bp(1, 3), 3333);       /* 33.333…% */
    assert_int_equal(yu_exec_rate_bp(2, 3), 6667);       /* 66.666…% rounds up */
    assert_int_equal(yu_exec_rate_bp(1000, 33), 303030); /* 3030.30%: over budget */
    assert_int_equal(yu_exec_rate_bp(5, 0), 0);          /* nothing budgeted */
    /* 2024 is a leap year: 30 June is day 182 of 366 → 49.727% */
    assert_int_equal(yu_year_elapsed_bp(20240630), 4973);
    assert_int_equal(yu_year_elapsed_bp(20241231), 10000);
    assert_int_equal(yu_year_elapsed_bp(20230101), 27); /* 1/365 = 0.274% */
}

static void test_elapsed_march(void **state)
{
    (void)state;
    /* 1 March: day 60 of 365 (2023) = 16.44%, day 61 of 366 (2024) = 16.67% */
    assert_int_equal(yu_year_elapsed_bp(20230301), 1644);
    assert_int_equal(yu_year_elapsed_bp(20240301), 1667);
}

static void test_split(void **state)
{
    (void)state;
    yu_money w[3] = {1, 1, 1}, out[3];
    assert_int_equal(yy_split(100, w, 3, out), 0);
    assert_int_equal(out[0], 34);
    assert_int_equal(out[1], 33);
    assert_int_equal(out[2], 33);
    yu_money w2[3] = {5000, 0, 22700};
    assert_int_equal(yy_split(277, w2, 3, out), 0); /* 277 × 5000/27700 = 50, 277 × 22700/27700 = 227 */
    assert_int_equal(out[0], 50);
    assert_int_equal(out[1], 0);
    assert_int_equal(out[2], 227);
    yu_money z[2] = {0, 0};
    assert_int_not_equal(yy_split(5, z, 2, out), 0); /* nothing to weigh by */
}

static void test_scores(void **state)
{
    (void)state;
    const char *why;
    /* 定量: met → the whole weight */
    assert_int_equal(yu_se_score("=1次", "1次", YU_SE_QUANT, 3000, &why), 3000);
    assert_int_equal(yu_se_score("≥90%", "95%", YU_SE_QUANT, 1000, &why), 1000);
    /* not met → weight × 完成值/指标值: 8/10 of 20 points = 16 */
    assert_int_equal(yu_se_score("10套", "8套", YU_SE_QUANT, 2000, &why), 1600);
    /* 80% of 100% on 10 points = 8 */
    assert_int_equal(yu_se_score("100%", "80%", YU_SE_QUANT, 1000, &why), 800);
    /* 2 of 3 reports on 10 points = 6.67 (6.666… rounded half up) */
    assert_int_equal(yu_se_score("=3份", "2份", YU_SE_QUANT, 1000, &why), 667);
    /* 反向指标: ≤35 万元, 40 spent → 10 × 35/40 = 8.75 */
    assert_int_equal(yu_se_score("≤35万元", "40万元", YU_SE_QUANT, 1000, &why), 875);
    assert_int_equal(yu_se_score("≤35万元", "30万元", YU_SE_QUANT, 1000, &why), 1000);
    /* decimals and separators */
    assert_int_equal(yu_se_score("≥1,000.5人次", "500.25人次", YU_SE_QUANT, 1000, &why), 500);
    /* 定性: 达成 100%, 部分达成 70%, 未达成 30% of the weight */
    assert_int_equal(yu_se_score("非常满意", "非常满意", YU_SE_FULL, 300, &why), 300);
    assert_int_equal(yu_se_score("通过验收", "未验收", YU_SE_PART, 500, &why), 350);
    assert_int_equal(yu_se_score("通过验收", "未验收", YU_SE_NONE, 1000, &why), 300);
    /* a qualitative target scored as quantitative: refused */
    assert_int_equal(yu_se_score("非常满意", "满意", YU_SE_QUANT, 300, &why), -1);
    assert_non_null(strstr(why, "定性指标"));
    /* 执行率 × 10: 97% → 9.70, over 100% → 10 */
    assert_int_equal(yu_se_exec_score(9700, 10), 970);
    assert_int_equal(yu_se_exec_score(12000, 10), 1000);
    assert_int_equal(yu_se_exec_score(9523, 10), 952); /* 95.23% → 9.523 → 9.52 */
    assert_int_equal(yu_se_exec_score(0, 10), 0);
    /* grades: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 */
    assert_string_equal(yu_se_grade(10000), "优");
    assert_string_equal(yu_se_grade(9000), "优");
    assert_string_equal(yu_se_grade(8999), "良");
    assert_string_equal(yu_se_grade(8000), "良");
    assert_string_equal(yu_se_grade(7999), "中");
    assert_string_equal(yu_se_grade(6000), "中");
    assert_string_equal(yu_se_grade(5999), "差");
}

/* ---- a small package: one gpb project of 100 万元, one nonfiscal personnel line ---- */

static int setup(void **state)
{
    (void)state;
    if (pkg_setup("/tmp/yusuan-year-XXXXXX"))
        return -1;
    put("unit.txt", "name = 测试单位\ncode = 1\ndepartment = 测试部门\ndepartment_code = 1\nyear = 2024\namount_unit = 万元\n");
    put("funds.csv", "item,amount\ngpb,100\nother,50\n");
    put("expenditure.csv", "func,type,source,econ,project,amount\n2010101,project,gpb,,p1,100\n2010101,personnel,nonfiscal,30101,,50\n");
    put("projects.csv", "id,name,publish,exec_score\np1,项目一,1,10\n");
    put("indicators.csv", "project,level1,level2,level3,value,weight\np1,产出指标,数量指标,培训,=10次,60\np1,满意度指标,服务对象满意度指标,满意度,满意,30\n");
    put("adjustments.csv", "date,kind,func,type,source,econ,project,amount,reason\n2024-05-10,追加,2010101,project,gpb,,p1,20,增加培训\n");
    put("execution.csv", "month,func,type,source,econ,project,amount\n3,2010101,project,gpb,,p1,30\n6,2010101,project,gpb,,p1,30\n"
                         "9,2010101,project,gpb,,p1,30\n6,2010101,personnel,nonfiscal,30101,,50\n");
    put("selfeval.csv", "project,indicator,actual,completion,score,reason\np1,培训,8次,,,两次培训因场地原因取消\np1,满意度,满意,达成,,\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    static const char *const names[] = {"unit.txt", "funds.csv", "expenditure.csv", "projects.csv", "indicators.csv",
                                        "adjustments.csv", "execution.csv", "selfeval.csv", "final.csv"};
    pkg_teardown(names, sizeof names / sizeof names[0]);
    return 0;
}

static void test_view(void **state)
{
    (void)state;
    yu_budget *b;
    yu_error err;
    assert_int_equal(yu_load_package(dir, fc, ec, &b, &err), YU_OK);
    assert_non_null(b->yr);
    assert_int_equal(b->yr->nadj, 1);
    assert_int_equal(b->yr->npay, 4);
    /* as of 30 June: 年初 100 + 追加 20 = 120, paid 30 + 30 = 60 → 50.00% */
    yu_yview v;
    assert_int_equal(yu_year_view(b, 20240630, &v, &err), YU_OK);
    yu_money bud = 0, adj = 0, paid = 0;
    for (size_t i = 0; i < v.nkeys; i++)
        if (v.keys[i].k.project == 0)
            bud += v.keys[i].k.amount, adj += v.keys[i].adjust, paid += v.keys[i].paid;
    assert_int_equal(bud, 100 * YU_FEN_PER_WAN);
    assert_int_equal(adj, 20 * YU_FEN_PER_WAN);
    assert_int_equal(paid, 60 * YU_FEN_PER_WAN);
    assert_int_equal(yu_exec_rate_bp(paid, bud + adj), 5000);
    assert_int_equal(v.elapsed_bp, 4973);
    yu_yview_free(&v);
    /* as of 30 April: the adjustment (10 May) not yet made: 30 of 100 */
    assert_int_equal(yu_year_view(b, 20240430, &v, &err), YU_OK);
    adj = paid = 0;
    for (size_t i = 0; i < v.nkeys; i++)
        if (v.keys[i].k.project == 0)
            adj += v.keys[i].adjust, paid += v.keys[i].paid;
    assert_int_equal(adj, 0);
    assert_int_equal(paid, 30 * YU_FEN_PER_WAN);
    yu_yview_free(&v);
    /* the self-evaluation: 执行率 90/120 = 75% → 7.50; 培训 8 of 10 on 60 → 48; 满意度 达成 30 → 85.50, 良 */
    yu_layout *L;
    assert_int_equal(yu_layout_load(YU_DATADIR "/year/selfeval.layout", &L, &err), YU_OK);
    yu_year_opts o = {0, fc, ec};
    yu_doc *d;
    assert_int_equal(yu_year_selfeval_doc(b, L, &o, &d, &err), YU_OK);
    char *txt;
    size_t len;
    assert_int_equal(yu_render(d, YU_FMT_TXT, &txt, &len, &err), YU_OK);
    assert_non_null(strstr(txt, "执行率得分7.50分"));
    assert_non_null(strstr(txt, "自评得分85.50分，等级为“良”"));
    assert_non_null(strstr(txt, "两次培训因场地原因取消"));
    free(txt);
    yu_doc_free(d);
    yu_findings fs = {0};
    assert_int_equal(yu_check_selfeval(b, &fs), YU_OK);
    assert_int_equal(fs.n, 0);
    yu_findings_free(&fs);
    yu_layout_free(L);
    yu_budget_free(b);
}

static void test_final_figures(void **state)
{
    (void)state;
    yu_budget *b;
    yu_error err;
    assert_int_equal(yu_load_package(dir, fc, ec, &b, &err), YU_OK);
    yu_layout *L;
    assert_int_equal(yu_layout_load(YU_DATADIR "/layouts/central-final.layout", &L, &err), YU_OK);
    yu_year_opts o = {0, fc, ec};
    yu_doc *d;
    assert_int_equal(yu_year_final_doc(b, L, &o, &d, &err), YU_OK);
    /* income: gpb 100 + 20 = 120, other 50; spent 90 gpb + 50 other; 年末结转 gpb 30 */
    const yu_table *t = yu_doc_table(d, "summary");
    assert_non_null(t);
    int amount = yu_ltable_col(t->lt, "in.amount"), outa = yu_ltable_col(t->lt, "out.amount");
    int64_t gpb = -1, total = -1, spent = -1, out = -1;
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->rows[r].key[0] && !strcmp(t->rows[r].key[0], "gpb")) gpb = t->rows[r].cells[amount].v;
        if (t->rows[r].key[0] && !strcmp(t->rows[r].key[0], "income_total")) total = t->rows[r].cells[amount].v;
        if (t->rows[r].key[1] && !strcmp(t->rows[r].key[1], "exp_total")) spent = t->rows[r].cells[outa].v;
        if (t->rows[r].key[1] && !strcmp(t->rows[r].key[1], "out")) out = t->rows[r].cells[outa].v;
    }
    assert_int_equal(gpb, 12000);   /* 120.00 万元 */
    assert_int_equal(total, 17000); /* 170.00 */
    assert_int_equal(spent, 14000); /* 140.00 */
    assert_int_equal(out, 3000);    /* 30.00: the gpb not spent */
    yu_doc_free(d);
    yu_layout_free(L);
    yu_budget_free(b);
    /* final.csv stating another 年末非财政拨款结转和结余 is refused */
    put("final.csv", "item,amount\nout_nf,1\n");
    assert_int_equal(yu_load_package(dir, fc, ec, &b, &err), YU_OK);
    assert_int_equal(yu_layout_load(YU_DATADIR "/layouts/central-final.layout", &L, &err), YU_OK);
    assert_int_equal(yu_year_final_doc(b, L, &o, &d, &err), YU_EBALANCE);
    assert_non_null(strstr(err.msg, "out_nf"));
    yu_layout_free(L);
    yu_budget_free(b);
    char p[256];
    snprintf(p, sizeof p, "%s/final.csv", dir);
    unlink(p);
}

static void test_bad_claim(void **state)
{
    (void)state;
    /* 满意度 达成 claims 20 of 30: below the 达成 band (24–30) → SE-CLAIM */
    put("selfeval.csv", "project,indicator,actual,completion,score,reason\np1,培训,8次,,,x\np1,满意度,满意,达成,20,\n");
    yu_budget *b;
    yu_error err;
    assert_int_equal(yu_load_package(dir, fc, ec, &b, &err), YU_OK);
    yu_findings fs = {0};
    assert_int_equal(yu_check_selfeval(b, &fs), YU_OK);
    assert_int_equal(fs.n, 1);
    assert_string_equal(fs.f[0].rule, "SE-CLAIM");
    yu_findings_free(&fs);
    yu_budget_free(b);
    /* a missing indicator and weights that do not add up */
    put("selfeval.csv", "project,indicator,actual,completion,score,reason\np1,培训,10次,,,\n");
    put("indicators.csv", "project,level1,level2,level3,value,weight\np1,产出指标,数量指标,培训,=10次,60\np1,满意度指标,服务对象满意度指标,满意度,满意,20\n");
    assert_int_equal(yu_load_package(dir, fc, ec, &b, &err), YU_OK);
    assert_int_equal(yu_check_selfeval(b, &fs), YU_OK);
    int complete = 0, weight = 0;
    for (size_t i = 0; i < fs.n; i++) {
        complete += !strcmp(fs.f[i].rule, "SE-COMPLETE");
        weight += !strcmp(fs.f[i].rule, "SE-WEIGHT");
    }
    assert_int_equal(complete, 1);
    assert_int_equal(weight, 1);
    yu_findings_free(&fs);
    yu_budget_free(b);
    put("indicators.csv", "project,level1,level2,level3,value,weight\np1,产出指标,数量指标,培训,=10次,60\np1,满意度指标,服务对象满意度指标,满意度,满意,30\n");
    put("selfeval.csv", "project,indicator,actual,completion,score,reason\np1,培训,8次,,,两次培训因场地原因取消\np1,满意度,满意,达成,,\n");
}

static void test_bad_input(void **state)
{
    (void)state;
    yu_budget *b = NULL;
    yu_error err;
    put("execution.csv", "month,func,type,source,econ,project,amount\n3,2010101,project,gpb,,p1,30\n4,2010101,project,gf,,p1,30\n");
    assert_int_equal(yu_load_package(dir, fc, ec, &b, &err), YU_ECODE);
    assert_null(b);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.col, 2);
    assert_non_null(strstr(err.file, "execution.csv"));
    put("execution.csv", "month,func,type,source,econ,project,amount\n3,2010101,project,gpb,,p1,30\n6,2010101,project,gpb,,p1,30\n"
                         "9,2010101,project,gpb,,p1,30\n6,2010101,personnel,nonfiscal,30101,,50\n");
    put("adjustments.csv", "date,kind,func,type,source,econ,project,amount,reason\n2024-05-10,调减,2010101,project,gpb,,p1,120,x\n");
    assert_int_equal(yu_load_package(dir, fc, ec, &b, &err), YU_EBALANCE);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "below zero"));
    put("adjustments.csv", "date,kind,func,type,source,econ,project,amount,reason\n2024-05-10,追加,2010101,project,gpb,,p1,20,增加培训\n");
}

/* the year's sheets of the input workbook: written from the example, read back
 * as the same year; a bad cell named by sheet and cell */
static void test_workbook(void **state)
{
    (void)state;
    yu_budget *b, *c;
    yu_error err;
    assert_int_equal(yu_load_package(YU_DATADIR "/../examples/feco-2024", fc, ec, &b, &err), YU_OK);
    assert_non_null(b->yr);
    char path[128];
    snprintf(path, sizeof path, "%s/year.xlsx", dir);
    assert_int_equal(yu_write_template(path, b, fc, ec, &err), YU_OK);
    assert_int_equal(yu_load_xlsx(path, fc, ec, &c, &err), YU_OK);
    assert_non_null(c->yr);
    assert_int_equal(c->yr->nadj, b->yr->nadj);
    assert_int_equal(c->yr->npay, b->yr->npay);
    assert_int_equal(c->yr->nse, b->yr->nse);
    assert_int_equal(c->yr->fin_seen, b->yr->fin_seen);
    for (size_t i = 0; i < b->yr->npay; i++) {
        assert_int_equal(c->yr->pay[i].k.amount, b->yr->pay[i].k.amount);
        assert_int_equal(c->yr->pay[i].date, b->yr->pay[i].date);
    }
    for (size_t i = 0; i < b->yr->nadj; i++)
        assert_int_equal(c->yr->adj[i].delta, b->yr->adj[i].delta);
    yu_budget_free(c);
    /* the fifth payment on a 项 the budget does not have: 执行!C6 */
    b->yr->pay[4].k.func = 2010101;
    assert_int_equal(yu_write_template(path, b, fc, ec, &err), YU_OK);
    c = NULL;
    assert_int_equal(yu_load_xlsx(path, fc, ec, &c, &err), YU_ECODE);
    assert_null(c);
    assert_string_equal(err.where, "执行!C6");
    assert_string_equal(err.file, path);
    assert_non_null(strstr(err.msg, "2010101 is not in the budget"));
    unlink(path);
    yu_budget_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rates),       cmocka_unit_test(test_elapsed_march), cmocka_unit_test(test_split),
        cmocka_unit_test(test_scores),      cmocka_unit_test(test_view),          cmocka_unit_test(test_final_figures),
        cmocka_unit_test(test_bad_claim),   cmocka_unit_test(test_bad_input),     cmocka_unit_test(test_workbook),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
