/* Unit tests: performance forms read as forms (gperf.c) from real
 * disclosures, and the rules G-PERF-FUNDS and G-PERF-WEIGHTS: each is
 * triggered by changing one figure of a real form in memory and is clean on
 * the text as published.  Fails when the corpus is not there (docs/install.md,
 * YUSUAN_ALLOW_MISSING_FIXTURES). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "yusuan/yusuan.h"
#include "yusuan/read.h"

#define CORPUS YU_DATADIR "/../../shared/corpus"
#define FUZHOU CORPUS "/wide/fuzhou-2026-commerce-bureau-budget.layout.txt"
#define PUTUO CORPUS "/putuo-wanli-2023-budget.layout.txt"
#define SEED YU_DATADIR "/../../shared/seeds/000_8695804fa423503c.txt"

static yu_vocab *V;

static int group_setup(void **state)
{
    (void)state;
    yu_error err;
    memset(&err, 0, sizeof err);
    return yu_vocab_load(YU_DATADIR "/vocab/budget.vocab", &V, &err) == YU_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    yu_vocab_free(V);
    return 0;
}

/* A fixture of ../shared that is not there fails the test, unless a developer
 * opts out with YUSUAN_ALLOW_MISSING_FIXTURES=1 (CI never does). */
#define missing_fixture()                                                                                 \
    do {                                                                                                  \
        if (getenv("YUSUAN_ALLOW_MISSING_FIXTURES"))                                                      \
            skip();                                                                                       \
        fail_msg("fixture not found in ../shared (%s); set YUSUAN_ALLOW_MISSING_FIXTURES=1 to skip", CORPUS); \
    } while (0)

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *s = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && fseek(f, 0, SEEK_SET) == 0) {
            s = malloc((size_t)n + 1);
            if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
                free(s);
                s = NULL;
            }
            if (s) {
                s[n] = 0;
                *len = (size_t)n;
            }
        }
    }
    fclose(f);
    return s;
}

/* the text with the first `from` after `after` replaced by `to` (same length or not) */
static char *edit(const char *text, const char *after, const char *from, const char *to)
{
    const char *a = strstr(text, after);
    assert_non_null(a);
    const char *p = strstr(a, from);
    assert_non_null(p);
    size_t n = strlen(text), lf = strlen(from), lt = strlen(to);
    char *s = malloc(n - lf + lt + 1);
    assert_non_null(s);
    memcpy(s, text, (size_t)(p - text));
    memcpy(s + (p - text), to, lt);
    memcpy(s + (p - text) + lt, p + lf, n - (size_t)(p - text) - lf + 1);
    return s;
}

static yu_gdoc *read_doc(const char *text)
{
    yu_gdoc *d = NULL;
    yu_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(yu_read_any(text, strlen(text), "test", V, &d, &err), YU_OK);
    return d;
}

/* the findings of rule `rule` on the text */
static size_t perf_findings(const char *text, const char *rule, yu_findings *out)
{
    yu_gdoc *d = read_doc(text);
    memset(out, 0, sizeof *out);
    assert_int_equal(yu_gperf_check(d, V, out), YU_OK);
    yu_gdoc_free(d);
    size_t n = 0;
    for (size_t i = 0; i < out->n; i++)
        n += !strcmp(out->f[i].rule, rule);
    return n;
}

static const yu_gindicator *find_ind(const yu_gform *F, const char *l3)
{
    for (size_t i = 0; i < F->nind; i++)
        if (F->ind[i].l3 && !strcmp(F->ind[i].l3, l3))
            return &F->ind[i];
    return NULL;
}

static const yu_gform *find_form(const yu_gdoc *d, const char *project)
{
    for (size_t i = 0; i < d->nforms; i++)
        if (d->forms[i].project && !strcmp(d->forms[i].project, project))
            return &d->forms[i];
    return NULL;
}

static void expect_ind(const yu_gform *F, const char *l1, const char *l2, const char *l3, const char *value)
{
    const yu_gindicator *I = find_ind(F, l3);
    if (!I)
        fail_msg("indicator %s not read", l3);
    assert_string_equal(I->l1, l1);
    assert_string_equal(I->l2, l2);
    assert_string_equal(I->value, value);
}

/* 福州市商务局 2026: eight 项目绩效目标表 (p.29-39), in 万元, no weights */
static void test_fuzhou_forms(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp(FUZHOU, &len);
    if (!text)
        missing_fixture();
    yu_gdoc *d = read_doc(text);
    assert_int_equal(d->nforms, 8);
    const yu_gform *F = &d->forms[0];
    assert_string_equal(F->project, "办公楼物业");
    assert_string_equal(F->unit, "福州市商务局");
    assert_int_equal(F->unit_yuan, 10000);
    assert_int_equal(F->total, 2589); /* 资金总额 25.89 */
    assert_int_equal(F->fiscal, 2589);
    assert_int_equal(F->other, 0);
    assert_int_equal(F->carry, -1); /* not printed */
    assert_int_equal(F->page, 29);
    F = find_form(d, "菜篮子工程建设专项资金");
    assert_non_null(F);
    assert_int_equal(F->total, 180000);
    assert_int_equal(F->nind, 6);
    expect_ind(F, "成本指标", "经济成本指标", "财政投入控制数", "=1849.5 万元");
    expect_ind(F, "产出指标", "数量指标", "冻猪肉储备量", "≥1000 吨");
    expect_ind(F, "产出指标", "时效指标", "资金下达及时率", "=100%");
    expect_ind(F, "效益指标", "社会效益指标", "保障城区居民猪肉消费天数", "≥10 天");
    expect_ind(F, "满意度指标", "服务对象满意度指标", "结算/受益对象满意率", "≥90%");
    assert_int_equal(F->ind[0].weight, -1);
    F = find_form(d, "口岸单位补贴");
    assert_non_null(F);
    assert_int_equal(F->total, 620000);
    expect_ind(F, "效益指标", "社会效益指标", "港口外贸年吞吐量", "≥6000 万吨");
    yu_gdoc_free(d);
    free(text);
}

/* 普陀区万里街道 2023: five 财政项目支出绩效目标填报表 (p.31-35), in 元, the
 * year's money (年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金) */
static void test_putuo_forms(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp(PUTUO, &len);
    if (!text)
        missing_fixture();
    yu_gdoc *d = read_doc(text);
    assert_int_equal(d->nforms, 5);
    const yu_gform *F = find_form(d, "就业援助基地补贴");
    assert_non_null(F);
    assert_string_equal(F->unit, "上海市普陀区人民政府万里街道办事处");
    assert_int_equal(F->unit_yuan, 1);
    assert_int_equal(F->total, 635100000);
    assert_int_equal(F->fiscal, 635100000);
    assert_int_equal(F->carry, 0);
    assert_int_equal(F->other, 0);
    assert_int_equal(F->nind, 4);
    expect_ind(F, "产出指标", "数量指标", "补贴对象申请审核完成率", "=100.00(%)");
    expect_ind(F, "产出指标", "质量指标", "补贴对象审核达标率", "=100.00(%)");
    expect_ind(F, "满意度指标", "服务对象满意度指标", "补贴对象满意度", "≥80.00(%)");
    F = find_form(d, "公共服务设施运行经费");
    assert_non_null(F);
    assert_int_equal(F->total, 1090304300);
    assert_int_equal(F->fiscal, 1141904300);
    yu_gdoc_free(d);
    free(text);
}

/* The central template: 分值权重 (90) + 执行率 分值(10) */
static void test_seed_forms(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp(SEED, &len);
    if (!text)
        missing_fixture();
    yu_gdoc *d = read_doc(text);
    assert_true(d->nforms >= 8);
    const yu_gform *F = &d->forms[0];
    assert_string_equal(F->project, "APEC 供应链可持续发展能力建设");
    assert_string_equal(F->unit, "[144]生态环境部");
    assert_int_equal(F->total, 3300);
    assert_int_equal(F->fiscal, 3300);
    assert_int_equal(F->carry, 0);
    assert_int_equal(F->other, 0);
    assert_int_equal(F->nind, 6);
    expect_ind(F, "产出指标", "数量指标", "项目总结报告", "=1 次");
    expect_ind(F, "满意度指标", "服务对象满意度指标", "相关单位对项目满意度", ">85%");
    assert_int_equal(F->ind[0].weight, 3000);
    assert_int_equal(F->ind[1].weight, 2000);
    yu_gdoc_free(d);
    free(text);
}

/* G-PERF-FUNDS: the published forms add up, but for the real defect of
 * 公共服务设施运行经费 (p.35: 年度资金申请总额 10,903,043.00, 其中当年财政拨款
 * 11,419,043.00) */
static void test_funds(void **state)
{
    (void)state;
    size_t len;
    char *fz = slurp(FUZHOU, &len);
    char *pt = slurp(PUTUO, &len);
    if (!fz || !pt) {
        free(fz);
        free(pt);
        missing_fixture();
    }
    yu_findings f;
    assert_int_equal(perf_findings(fz, "G-PERF-FUNDS", &f), 0);
    yu_findings_free(&f);
    /* 财政拨款 25.89 -> 24.89: one 万元 short */
    char *e = edit(fz, "办公楼物业项目绩效目标表", "财政拨款                  25.89", "财政拨款                  24.89");
    assert_int_equal(perf_findings(e, "G-PERF-FUNDS", &f), 1);
    assert_int_equal(f.f[0].sev, YU_SEV_ERROR);
    assert_string_equal(f.f[0].row, "办公楼物业");
    assert_string_equal(f.f[0].table, "办公楼物业项目绩效目标表");
    assert_int_equal(f.f[0].got, 2589);
    assert_int_equal(f.f[0].want, 2489);
    assert_int_equal(f.f[0].page, 29);
    assert_non_null(strstr(f.f[0].msg, "相差1万元"));
    yu_findings_free(&f);
    free(e);
    /* 25.88: a residue of the last printed digit */
    e = edit(fz, "办公楼物业项目绩效目标表", "财政拨款                  25.89", "财政拨款                  25.88");
    assert_int_equal(perf_findings(e, "G-PERF-FUNDS", &f), 1);
    assert_int_equal(f.f[0].sev, YU_SEV_ROUNDING);
    yu_findings_free(&f);
    free(e);
    /* the real defect, and the form made right */
    assert_int_equal(perf_findings(pt, "G-PERF-FUNDS", &f), 1);
    assert_int_equal(f.f[0].sev, YU_SEV_ERROR);
    assert_string_equal(f.f[0].row, "公共服务设施运行经费");
    assert_int_equal(f.f[0].page, 35);
    assert_int_equal(f.f[0].got, 1090304300);
    assert_int_equal(f.f[0].want, 1141904300);
    yu_findings_free(&f);
    e = edit(pt, "公共服务设施运行经费", "11,419,043.00", "10,903,043.00");
    assert_int_equal(perf_findings(e, "G-PERF-FUNDS", &f), 0);
    yu_findings_free(&f);
    free(e);
    free(fz);
    free(pt);
}

/* G-PERF-WEIGHTS: the seed's weights add up to 90 (+ 执行率 10) */
static void test_weights(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp(SEED, &len);
    if (!text)
        missing_fixture();
    yu_findings f;
    assert_int_equal(perf_findings(text, "G-PERF-WEIGHTS", &f), 0);
    assert_int_equal(f.n, 0);
    yu_findings_free(&f);
    char *e = edit(text, "APEC 绿色供应链能力建设研讨会", "=1 次\t30", "=1 次\t35");
    assert_int_equal(perf_findings(e, "G-PERF-WEIGHTS", &f), 1);
    assert_int_equal(f.f[0].sev, YU_SEV_ERROR);
    assert_string_equal(f.f[0].row, "APEC 供应链可持续发展能力建设");
    assert_int_equal(f.f[0].got, 9500);
    assert_int_equal(f.f[0].want, 9000);
    yu_findings_free(&f);
    free(e);
    /* a form without weights is never judged on them */
    char *fz = slurp(FUZHOU, &len);
    if (fz) {
        assert_int_equal(perf_findings(fz, "G-PERF-WEIGHTS", &f), 0);
        yu_findings_free(&f);
        free(fz);
    }
    free(text);
}

static void test_rules_listed(void **state)
{
    (void)state;
    size_t n;
    const yu_rule_info *r = yu_gperf_rules(&n);
    assert_int_equal(n, 2);
    assert_string_equal(r[0].id, "G-PERF-FUNDS");
    assert_string_equal(r[1].id, "G-PERF-WEIGHTS");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fuzhou_forms), cmocka_unit_test(test_putuo_forms),
        cmocka_unit_test(test_seed_forms),   cmocka_unit_test(test_funds),
        cmocka_unit_test(test_weights),      cmocka_unit_test(test_rules_listed),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
