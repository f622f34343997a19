/* Unit tests: Excel in and out.
 *   - the input workbook: package -> yu_write_template -> yu_load_xlsx gives
 *     the identical model (the example, and generated budgets in 元);
 *   - reading: shared and inline strings, numbers stored as text, cached
 *     formula values, merged cells, empty rows, extra sheets;
 *   - bad workbooks (written here with libxlsxwriter) and their messages;
 *   - the disclosure workbook (rt_xlsx via yu_render_file) read back with the
 *     project's reader: values, merges, number formats, bold totals, page setup. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <xlsxwriter.h>
#include "yusuan/yusuan.h"
#include "yusuan/xlsx.h"
#include "internal.h"
#include "load_xlsx_internal.h"

#define EXAMPLE YU_DATADIR "/../examples/feco-2024"
#define LAYOUT YU_DATADIR "/layouts/central-budget.layout"

static struct {
    yu_catalog *func, *econ;
    yu_layout *L;
    char dir[64];
    char path[256];
} F;

static int group_setup(void **state)
{
    (void)state;
    yu_error err;
    yu_error_clear(&err);
    F.func = yu_catalog_new();
    F.econ = yu_catalog_new();
    if (!F.func || !F.econ || yu_catalog_add_file(F.func, YU_DATADIR "/catalog/func-2024.tsv", &err) ||
        yu_catalog_add_file(F.econ, YU_DATADIR "/catalog/econ-dept-2024.tsv", &err) ||
        yu_layout_load(LAYOUT, &F.L, &err))
        return -1;
    snprintf(F.dir, sizeof F.dir, "/tmp/yu-test-xlsx-XXXXXX");
    return mkdtemp(F.dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    yu_catalog_free(F.func);
    yu_catalog_free(F.econ);
    yu_layout_free(F.L);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", F.dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *tmp(const char *name)
{
    snprintf(F.path, sizeof F.path, "%s/%s", F.dir, name);
    return F.path;
}

/* ---- comparing two budgets, field by field ---- */

static int str_eq(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : ""); /* an absent text and an empty one are the same */
}

#define DIFF(...)                                  \
    do {                                           \
        snprintf(why, nwhy, __VA_ARGS__);          \
        return 0;                                  \
    } while (0)

static int budget_equal(const yu_budget *a, const yu_budget *b, char *why, size_t nwhy)
{
    static const char *const sn[] = {"name", "code", "dept_name", "dept_code", "parent_code",
                                     "template_id", "functions", "organisation"};
    const char *sa[] = {a->name, a->code, a->dept_name, a->dept_code, a->parent_code, a->template_id,
                        a->functions, a->organisation};
    const char *sb[] = {b->name, b->code, b->dept_name, b->dept_code, b->parent_code, b->template_id,
                        b->functions, b->organisation};
    for (size_t i = 0; i < sizeof sn / sizeof sn[0]; i++)
        if (!str_eq(sa[i], sb[i]))
            DIFF("%s: '%s' vs '%s'", sn[i], sa[i] ? sa[i] : "(null)", sb[i] ? sb[i] : "(null)");
    if (a->year != b->year)
        DIFF("year %d vs %d", a->year, b->year);
    if (a->input_scale != b->input_scale)
        DIFF("input_scale %lld vs %lld", (long long)a->input_scale, (long long)b->input_scale);
    for (int i = 0; i < YU_F_COUNT; i++)
        if (a->funds[i] != b->funds[i])
            DIFF("funds[%s] %lld vs %lld", yu_fund_key(i), (long long)a->funds[i], (long long)b->funds[i]);
    for (int i = 0; i < YU_SG_COUNT; i++)
        if (a->sangong[i] != b->sangong[i] || a->sangong_prior[i] != b->sangong_prior[i])
            DIFF("sangong[%s]", yu_sangong_key(i));
    if (a->has_sangong_prior != b->has_sangong_prior)
        DIFF("has_sangong_prior %d vs %d", a->has_sangong_prior, b->has_sangong_prior);
    for (int i = 0; i < YU_P_COUNT; i++)
        if (a->procurement[i] != b->procurement[i])
            DIFF("procurement[%s]", yu_proc_key(i));
    /* the inputs of 其他相关情况说明 and last year's income budget */
    if (a->has_funds_prior != b->has_funds_prior || memcmp(a->funds_prior, b->funds_prior, sizeof a->funds_prior))
        DIFF("funds_prior (given %d vs %d)", a->has_funds_prior, b->has_funds_prior);
    if (a->has_proc_sme != b->has_proc_sme || a->proc_sme != b->proc_sme || a->proc_sme_small != b->proc_sme_small)
        DIFF("sme %d/%lld/%lld vs %d/%lld/%lld", a->has_proc_sme, (long long)a->proc_sme,
             (long long)a->proc_sme_small, b->has_proc_sme, (long long)b->proc_sme, (long long)b->proc_sme_small);
    if (a->has_units != b->has_units || memcmp(a->unit_kinds, b->unit_kinds, sizeof a->unit_kinds) ||
        a->nmembers != b->nmembers)
        DIFF("units %zu vs %zu", a->nmembers, b->nmembers);
    for (size_t i = 0; i < a->nmembers; i++)
        if (strcmp(a->members[i].name, b->members[i].name) || a->members[i].kind != b->members[i].kind)
            DIFF("unit %zu: %s vs %s", i, a->members[i].name, b->members[i].name);
    if (a->has_perf != b->has_perf || a->perf_computed != b->perf_computed || a->perf_units != b->perf_units ||
        a->perf_projects != b->perf_projects || a->perf_funds != b->perf_funds)
        DIFF("perf %d/%lld/%lld/%lld vs %d/%lld/%lld/%lld", a->has_perf, (long long)a->perf_units,
             (long long)a->perf_projects, (long long)a->perf_funds, b->has_perf, (long long)b->perf_units,
             (long long)b->perf_projects, (long long)b->perf_funds);
    if (a->assets_date != b->assets_date || a->has_purchases != b->has_purchases)
        DIFF("assets_date %d vs %d, has_purchases %d vs %d", a->assets_date, b->assets_date, a->has_purchases,
             b->has_purchases);
    if (a->nlines != b->nlines)
        DIFF("nlines %zu vs %zu", a->nlines, b->nlines);
    for (size_t i = 0; i < a->nlines; i++) {
        const yu_line *x = &a->lines[i], *y = &b->lines[i];
        if (x->amount != y->amount || x->func != y->func || x->econ != y->econ || x->project != y->project ||
            x->type != y->type || x->source != y->source || x->jijian != y->jijian)
            DIFF("line %zu: %u/%u/%d/%d/%d/%d/%lld vs %u/%u/%d/%d/%d/%d/%lld", i, x->func, x->econ, x->project,
                 x->type, x->source, x->jijian, (long long)x->amount, y->func, y->econ, y->project, y->type,
                 y->source, y->jijian, (long long)y->amount);
    }
    if (a->nprior != b->nprior)
        DIFF("nprior %zu vs %zu", a->nprior, b->nprior);
    for (size_t i = 0; i < a->nprior; i++)
        if (a->prior[i].func != b->prior[i].func || a->prior[i].executed != b->prior[i].executed ||
            a->prior[i].executed_ex != b->prior[i].executed_ex)
            DIFF("prior %zu", i);
    if (a->nassets != b->nassets)
        DIFF("nassets %zu vs %zu", a->nassets, b->nassets);
    for (size_t i = 0; i < a->nassets; i++)
        if (strcmp(a->assets[i].category, b->assets[i].category) || strcmp(a->assets[i].name, b->assets[i].name) ||
            a->assets[i].count != b->assets[i].count || a->assets[i].purchase != b->assets[i].purchase)
            DIFF("asset %zu: %s/%s/%lld vs %s/%s/%lld", i, a->assets[i].category, a->assets[i].name,
                 (long long)a->assets[i].count, b->assets[i].category, b->assets[i].name,
                 (long long)b->assets[i].count);
    if (a->nprojects != b->nprojects)
        DIFF("nprojects %zu vs %zu", a->nprojects, b->nprojects);
    for (size_t i = 0; i < a->nprojects; i++) {
        const yu_project *x = &a->projects[i], *y = &b->projects[i];
        if (strcmp(x->id, y->id) || strcmp(x->name, y->name) || strcmp(x->department, y->department) ||
            strcmp(x->implementer, y->implementer) || strcmp(x->goal, y->goal) || x->publish != y->publish ||
            x->exec_score != y->exec_score)
            DIFF("project %zu (%s): '%s' vs '%s'", i, x->id, x->goal, y->goal);
        for (int k = 0; k < 6; k++)
            if (!str_eq(x->text[k] && *x->text[k] ? x->text[k] : NULL, y->text[k] && *y->text[k] ? y->text[k] : NULL))
                DIFF("project %zu (%s): text %d '%s' vs '%s'", i, x->id, k, x->text[k], y->text[k]);
        for (int k = 0; k < YU_PROJECT_FORM_NTEXTS; k++) { /* the 绩效目标填报表's words */
            const char *u = *yu_project_form_text((yu_project *)x, k), *v = *yu_project_form_text((yu_project *)y, k);
            if (strcmp(u, v))
                DIFF("project %zu (%s): form word %d '%s' vs '%s'", i, x->id, k, u, v);
        }
        if (x->has_life != y->has_life || x->life_total != y->life_total || x->life_fiscal != y->life_fiscal ||
            x->life_other != y->life_other)
            DIFF("project %zu (%s): 项目资金总额 %d/%lld/%lld/%lld vs %d/%lld/%lld/%lld", i, x->id, x->has_life,
                 (long long)x->life_total, (long long)x->life_fiscal, (long long)x->life_other, y->has_life,
                 (long long)y->life_total, (long long)y->life_fiscal, (long long)y->life_other);
    }
    if (a->nindicators != b->nindicators)
        DIFF("nindicators %zu vs %zu", a->nindicators, b->nindicators);
    for (size_t i = 0; i < a->nindicators; i++) {
        const yu_indicator *x = &a->indicators[i], *y = &b->indicators[i];
        if (x->project != y->project || strcmp(x->level1, y->level1) || strcmp(x->level2, y->level2) ||
            strcmp(x->level3, y->level3) || strcmp(x->value, y->value) || x->weight != y->weight ||
            x->line != y->line)
            DIFF("indicator %zu: '%s' %lld line %d vs '%s' %lld line %d", i, x->value, (long long)x->weight,
                 x->line, y->value, (long long)y->weight, y->line);
    }
    if (a->nnotes != b->nnotes)
        DIFF("nnotes %zu vs %zu", a->nnotes, b->nnotes);
    for (size_t i = 0; i < a->nnotes; i++)
        if (strcmp(a->notes[i].key, b->notes[i].key) || strcmp(a->notes[i].text, b->notes[i].text))
            DIFF("note %zu", i);
    return 1;
}

static void assert_roundtrip(const yu_budget *b, const char *name)
{
    yu_error err;
    const char *p = tmp(name);
    yu_status st = yu_write_template(p, b, F.func, F.econ, &err);
    if (st)
        fail_msg("write: %s", err.msg);
    yu_budget *back = NULL;
    st = yu_load_xlsx(p, F.func, F.econ, &back, &err);
    if (st) {
        char buf[2048];
        fail_msg("load: %s", yu_error_format(&err, buf, sizeof buf));
    }
    char why[512];
    if (!budget_equal(b, back, why, sizeof why))
        fail_msg("round trip differs: %s", why);
    yu_budget_free(back);
}

/* ---- round trips ---- */

static void test_roundtrip_example(void **state)
{
    (void)state;
    yu_error err;
    yu_budget *b = NULL;
    assert_int_equal(yu_load_package(EXAMPLE, F.func, F.econ, &b, &err), YU_OK);
    assert_roundtrip(b, "example.xlsx");
    /* 校验: the cached results computed from the budget (LibreOffice recalculates them: tests/e2e/xlsx.sh) */
    yu_xlsx *x;
    const yu_xsheet *s;
    assert_int_equal(yu_xlsx_open(tmp("example.xlsx"), &x, &err), YU_OK);
    assert_int_equal(yu_xlsx_sheet(x, "校验", &s, &err), YU_OK);
    assert_true(yu_xsheet_cell(s, 1, 2)->formula);
    assert_true(fabs(yu_xsheet_cell(s, 1, 2)->num - 1505.35) < 1e-9); /* 一般公共预算拨款 1368 + 137.35 */
    assert_true(fabs(yu_xsheet_cell(s, 1, 3)->num - 1505.35) < 1e-9);
    assert_true(fabs(yu_xsheet_cell(s, 4, 2)->num - 45937.2) < 1e-9); /* 非财政拨款 */
    size_t pass = 0;
    for (uint32_t r = 1; r < 50; r++) {
        const yu_xcell *c = yu_xsheet_cell(s, r, 5);
        if (c && !strcmp(c->text, "不通过"))
            fail_msg("校验 row %u: 不通过", r + 1);
        pass += c && !strcmp(c->text, "通过");
    }
    assert_int_equal(pass, 20); /* 4 balances, 基本支出, 4 “三公” lines, 2 中小企业 and 1 绩效目标 rows, 8 published projects */
    assert_string_equal(yu_xsheet_cell(s, 13, 1)->text, "项目 p-apec-gsc：分值权重合计 + 执行率分值 ＝ 100");
    /* 说明: the items in the preparer's words, not the package's keys */
    assert_int_equal(yu_xlsx_sheet(x, "说明", &s, &err), YU_OK);
    assert_string_equal(yu_xsheet_cell(s, 1, 0)->text, "一般公共预算拨款变化原因");
    char want[256];
    snprintf(want, sizeof want, "2020599 %s", yu_catalog_name(F.func, "2020599"));
    assert_string_equal(yu_xsheet_cell(s, 2, 0)->text, want);
    yu_xlsx_close(x);
    /* and once more from the workbook read back (a second generation) */
    yu_budget *b2 = NULL;
    assert_int_equal(yu_load_xlsx(tmp("example.xlsx"), F.func, F.econ, &b2, &err), YU_OK);
    assert_roundtrip(b2, "example2.xlsx");
    yu_budget_free(b2);
    /* the projects' 绩效目标填报表: every word and both parts of 项目资金总额 go out and come back;
     * the 万元 amounts to the 分 (a project without any stays without) */
    static const char *const w[2][YU_PROJECT_FORM_NTEXTS] = {
        {"阶段性项目", "特定目标类", "2024-03-01", "2026-12-31", "三年建成\n第二段"},
        {"经常性项目", "", "2024-01-01", "2024-12-31", ""}};
    static const yu_money life[2][3] = {{123450000, 100000000, 23450000}, {60 * YU_FEN_PER_WAN, 60 * YU_FEN_PER_WAN, 0}};
    assert_true(b->nprojects > 2);
    for (int i = 0; i < 2; i++) {
        yu_project *q = &b->projects[i];
        for (int k = 0; k < YU_PROJECT_FORM_NTEXTS; k++) {
            char **t = yu_project_form_text(q, k);
            free(*t);
            *t = strdup(w[i][k]);
            assert_non_null(*t);
        }
        q->has_life = 1;
        q->life_total = life[i][0];
        q->life_fiscal = life[i][1];
        q->life_other = life[i][2];
    }
    assert_roundtrip(b, "example-forms.xlsx");
    assert_int_equal(yu_load_xlsx(tmp("example-forms.xlsx"), F.func, F.econ, &b2, &err), YU_OK);
    assert_string_equal(b2->projects[0].life_goal, "三年建成\n第二段");
    assert_int_equal(b2->projects[0].life_other, 23450000); /* 23.45 万元 */
    assert_int_equal(b2->projects[2].has_life, 0);
    assert_string_equal(b2->projects[2].start, "");
    yu_budget_free(b2);
    yu_budget_free(b);
}

static uint64_t rnd_state;
static uint64_t rnd(void)
{
    rnd_state = rnd_state * 6364136223846793005ull + 1442695040888963407ull;
    return rnd_state >> 33;
}

/* The catalogue's codes of a length (and a prefix). */
static size_t codes(const yu_catalog *c, size_t len, const char *prefix, uint32_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < yu_catalog_size(c) && n < max; i++) {
        const char *code, *name;
        yu_catalog_at(c, i, &code, &name);
        if (strlen(code) == len && !strncmp(code, prefix, strlen(prefix)))
            out[n++] = (uint32_t)strtoul(code, NULL, 10);
    }
    return n;
}

/* A budget built in code, amounts in 元 down to the 分, strings that need escaping. */
static yu_budget *gen_budget(unsigned seed, size_t nlines)
{
    rnd_state = seed * 7919u + 17;
    yu_budget *b = yu_budget_new();
    assert_non_null(b);
    b->input_scale = YU_FEN_PER_YUAN;
    b->year = 2025;
    char buf[256];
    snprintf(buf, sizeof buf, "测试单位%u & <子单位>", seed);
    b->name = yu_strdup(buf);
    b->code = yu_strdup("001002");
    b->dept_name = yu_strdup("测试部门");
    b->dept_code = yu_strdup("099");
    b->template_id = yu_strdup("central-budget");
    b->parent_code = seed % 2 ? yu_strdup("001") : NULL;
    b->functions = yu_strdup("第一段：负责“测试”工作；\t含制表符。\n\n第二段 a_x0041_b <tag> & \"引号\"");
    b->organisation = seed % 3 ? yu_strdup("下设3个处室。") : NULL;
    static const char *const pnames[] = {"=SUM(A1)", "项目 & 工程", "  ", "数字1368", "100"};
    for (int i = 0; i < 5; i++) {
        yu_project p;
        memset(&p, 0, sizeof p);
        char id[32], name[64], goal[128];
        snprintf(id, sizeof id, "%s%d", i == 4 ? "" : "p-", i + 1);
        snprintf(name, sizeof name, "项目%d %s", i + 1, pnames[i][0] == ' ' ? "甲" : pnames[i]);
        snprintf(goal, sizeof goal, "目标一：完成%d项。\n目标二：100%%满意。", i + 1);
        p.id = id;
        p.name = name;
        p.department = i == 2 ? (char *)"" : (char *)"[099]测试部门";
        p.implementer = (char *)"测试单位";
        p.goal = i == 3 ? (char *)"" : goal;
        p.publish = i % 2 == 0;
        p.exec_score = i == 1 ? 0 : 10;
        assert_int_equal(yu_budget_add_project(b, &p), YU_OK);
    }
    uint32_t func[400], e301[40], e302[60];
    size_t nf = codes(F.func, 7, "2", func, 400);
    size_t n1 = codes(F.econ, 5, "301", e301, 40), n2 = codes(F.econ, 5, "302", e302, 60);
    assert_true(nf > 100 && n1 > 3 && n2 > 3);
    yu_money by[YU_S_COUNT] = {0};
    for (size_t i = 0; b->nlines < nlines && i < nlines * 4; i++) {
        yu_line l;
        memset(&l, 0, sizeof l);
        l.func = func[rnd() % nf];
        l.type = (uint8_t)(rnd() % YU_T_COUNT);
        l.source = (uint8_t)(rnd() % YU_S_COUNT);
        if (yu_source_is_fiscal(l.source) && l.type > YU_T_PROJECT)
            l.type = YU_T_PROJECT; /* 财政拨款 pays 基本支出 and 项目支出 only */
        l.project = -1;
        if (l.type == YU_T_PERSONNEL)
            l.econ = e301[rnd() % n1];
        else if (l.type == YU_T_PUBLIC)
            l.econ = e302[rnd() % n2];
        else if (rnd() % 3 == 0)
            l.econ = e302[rnd() % n2];
        if (l.type == YU_T_PROJECT) {
            l.project = (int32_t)(rnd() % b->nprojects);
            l.jijian = rnd() % 4 == 0;
        }
        l.amount = (yu_money)(rnd() % 100000000); /* up to a million 元, to the 分 */
        if (i == 3)
            l.amount = 123456789012345678LL; /* more digits than Excel keeps: written as text */
        if (i == 5)
            l.amount = 0;
        int dup = 0;
        for (size_t k = 0; k < b->nlines && !dup; k++) {
            const yu_line *o = &b->lines[k];
            dup = o->func == l.func && o->econ == l.econ && o->project == l.project && o->type == l.type &&
                  o->source == l.source && o->jijian == l.jijian;
        }
        if (dup)
            continue;
        by[l.source] += l.amount;
        assert_int_equal(yu_budget_add_line(b, &l), YU_OK);
    }
    /* funds that balance */
    yu_money extra = (yu_money)(rnd() % 1000000);
    b->funds[YU_F_GPB] = by[YU_S_GPB] + extra;
    b->funds[YU_F_OUT_GPB] = extra;
    b->funds[YU_F_CARRY_GPB] = by[YU_S_GPB_CARRY];
    b->funds[YU_F_GF] = by[YU_S_GF];
    b->funds[YU_F_CARRY_GF] = by[YU_S_GF_CARRY];
    b->funds[YU_F_SOE] = by[YU_S_SOE];
    b->funds[YU_F_CARRY_SOE] = by[YU_S_SOE_CARRY];
    yu_money nf_out = (yu_money)(rnd() % 500000);
    b->funds[YU_F_OUT_NF] = nf_out;
    b->funds[YU_F_SHIYE] = (by[YU_S_NONFISCAL] + nf_out) / 2 + by[YU_S_SHIYE];
    b->funds[YU_F_JINGYING] = by[YU_S_JINGYING];
    b->funds[YU_F_SHIYE_EDU] = b->funds[YU_F_SHIYE] / 3;
    b->funds[YU_F_CARRY_NF] = 12345;
    b->funds[YU_F_OTHER] = by[YU_S_NONFISCAL] + by[YU_S_SHIYE] + nf_out - b->funds[YU_F_SHIYE] - 12345;
    assert_true(b->funds[YU_F_OTHER] >= 0);
    /* prior, sangong, procurement, assets */
    for (size_t i = 0; i < 4; i++) {
        yu_prior p = {func[i * 7], (yu_money)(rnd() % 10000000), 0};
        p.executed_ex = i == 2 ? p.executed : p.executed / 2;
        assert_int_equal(yu_budget_add_prior(b, &p), YU_OK);
    }
    for (int k = 0; k < YU_SG_COUNT; k++) {
        b->sangong[k] = k == 1 ? 0 : (yu_money)(rnd() % 1000000);
        if (seed % 2)
            b->sangong_prior[k] = k == 2 ? 0 : (yu_money)(rnd() % 1000000);
    }
    b->has_sangong_prior = seed % 2;
    b->procurement[YU_P_GOODS] = 8506;
    b->procurement[YU_P_SERVICES] = (yu_money)(rnd() % 100000000);
    assert_int_equal(yu_budget_add_asset(b, "vehicle", "主要领导干部用车", 2), YU_OK);
    assert_int_equal(yu_budget_add_asset(b, "vehicle", "其他用车", 0), YU_OK);
    assert_int_equal(yu_budget_add_asset(b, "equipment", "单位价值100万元以上设备", 31), YU_OK);
    /* indicators, in file order; line is the row they are read from */
    static const char *const l1[] = {"产出指标", "效益指标", "满意度指标", "成本指标"};
    static const char *const vals[] = {"=1次", ">85%", "100", "0.5", "按时完成", "≥90%"};
    for (size_t p = 0; p < b->nprojects; p++)
        for (int k = 0; k < 4; k++) {
            yu_indicator x;
            memset(&x, 0, sizeof x);
            char l2[32], l3[64];
            snprintf(l2, sizeof l2, "二级%d", k / 2);
            snprintf(l3, sizeof l3, "三级指标%zu-%d", p, k);
            x.project = (int32_t)p;
            x.level1 = (char *)l1[k % 4];
            x.level2 = l2;
            x.level3 = l3;
            x.value = (char *)vals[(p + (size_t)k) % 6];
            x.weight = k == 3 ? 2250 : 1505 + k; /* hundredths */
            x.line = (int)b->nindicators + 2;
            assert_int_equal(yu_budget_add_indicator(b, &x), YU_OK);
        }
    char key[32];
    snprintf(key, sizeof key, "func:%07u", func[0]);
    assert_int_equal(yu_budget_add_note(b, "gpb_change", "规模增加的主要原因是……"), YU_OK);
    assert_int_equal(yu_budget_add_note(b, key, "科目调整。"), YU_OK);
    assert_int_equal(yu_budget_add_note(b, "perf", "第一句。\n第二句。"), YU_OK);
    yu_error err;
    if (yu_budget_check_balance(b, &err))
        fail_msg("generated budget does not balance: %s", err.msg);
    yu__perf_fill(b); /* as a loader does: the 绩效目标 summary of its projects */
    return b;
}

static void test_roundtrip_generated(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 4; seed++) {
        yu_budget *b = gen_budget(seed, seed == 4 ? 3000 : 60);
        char name[32];
        snprintf(name, sizeof name, "gen%u.xlsx", seed);
        assert_roundtrip(b, name);
        yu_budget_free(b);
    }
}

static void test_roundtrip_wan_not_representable(void **state)
{
    (void)state;
    yu_budget *b = gen_budget(2, 10);
    b->input_scale = YU_FEN_PER_WAN; /* 分 amounts cannot be written in 万元 with two decimals */
    yu_error err;
    assert_int_equal(yu_write_template(tmp("wan.xlsx"), b, F.func, F.econ, &err), YU_EVALUE);
    assert_non_null(strstr(err.msg, "cannot be written in 万元 with two decimals"));
    assert_int_equal(access(tmp("wan.xlsx"), F_OK), -1); /* nothing left behind */
    yu_budget_free(b);
}

/* ---- the empty template ---- */

/* A zip entry's bytes (NUL-terminated), or NULL. */
static char *zip_entry(const char *path, const char *name)
{
    int ze;
    zip_t *z = zip_open(path, ZIP_RDONLY, &ze);
    if (!z)
        return NULL;
    zip_stat_t st;
    char *buf = NULL;
    if (zip_stat(z, name, 0, &st) == 0) {
        zip_file_t *f = zip_fopen(z, name, 0);
        buf = f ? calloc(1, st.size + 1) : NULL;
        if (buf && zip_fread(f, buf, st.size) != (zip_int64_t)st.size) {
            free(buf);
            buf = NULL;
        }
        if (f)
            zip_fclose(f);
    }
    zip_discard(z);
    return buf;
}

/* The zip entry of a sheet, found through workbook.xml's order (sheetN.xml). */
static char *sheet_xml(const char *path, yu_xlsx *x, const char *sheet)
{
    for (size_t i = 0; i < yu_xlsx_nsheets(x); i++)
        if (!strcmp(yu_xlsx_sheet_name(x, i), sheet)) {
            char name[64];
            snprintf(name, sizeof name, "xl/worksheets/sheet%zu.xml", i + 1);
            return zip_entry(path, name);
        }
    return NULL;
}

static const char *cell_text(const yu_xsheet *s, uint32_t r, uint32_t c)
{
    const yu_xcell *x = yu_xsheet_cell(s, r, c);
    return x ? x->text : "";
}

static void test_template_empty(void **state)
{
    (void)state;
    yu_error err;
    const char *p = tmp("empty.xlsx");
    assert_int_equal(yu_write_template(p, NULL, F.func, F.econ, &err), YU_OK);
    yu_xlsx *x;
    assert_int_equal(yu_xlsx_open(p, &x, &err), YU_OK);
    static const char *const want[] = {"填表说明", "校验", "单位信息", "收入", "支出明细", "上年执行", "三公经费",
                                       "政府采购", "资产", "项目", "绩效指标", "说明", "预算单位", "绩效目标",
                                       "调整", "执行", "决算补充", "绩效自评", /* the year (docs/year.md) */
                                       "代码表"};
    assert_int_equal(yu_xlsx_nsheets(x), 19);
    for (size_t i = 0; i < 19; i++)
        assert_string_equal(yu_xlsx_sheet_name(x, i), want[i]);
    const yu_xsheet *s;
    assert_int_equal(yu_xlsx_sheet(x, "代码表", &s, &err), YU_OK);
    assert_true(s->hidden);
    /* every 7-digit code with its name */
    size_t n7 = 0;
    for (size_t i = 0; i < yu_catalog_size(F.func); i++) {
        const char *code, *name;
        yu_catalog_at(F.func, i, &code, &name);
        n7 += strlen(code) == 7;
    }
    assert_string_equal(cell_text(s, (uint32_t)n7, 0), cell_text(s, (uint32_t)n7, 0));
    assert_int_equal(strlen(cell_text(s, (uint32_t)n7, 0)), 7);
    assert_string_equal(cell_text(s, (uint32_t)n7 + 1, 0), "");
    assert_string_equal(yu_catalog_name(F.func, cell_text(s, 1, 0)), cell_text(s, 1, 1));
    for (uint32_t r = 1; r <= n7; r += 97) { /* the drop-down entries: "CODE 名称" */
        char want_n[512];
        snprintf(want_n, sizeof want_n, "%s %s", cell_text(s, r, 0), cell_text(s, r, 1));
        assert_string_equal(cell_text(s, r, 14), want_n);
    }
    assert_string_equal(cell_text(s, 1, 15), "30101 基本工资");
    assert_string_equal(cell_text(s, 1, 16), "行政单位"); /* the 单位类型 drop-down (Q) */
    assert_string_equal(cell_text(s, 4, 16), "其他");
    assert_string_equal(cell_text(s, 4, 8), "面向中小企业预留"); /* 政府采购's items (I) */
    assert_string_equal(cell_text(s, 5, 8), "其中：预留给小型和微型企业");
    /* the 其他相关情况说明 inputs: their sheets, columns and the 中小企业 rows listed, empty */
    assert_int_equal(yu_xlsx_sheet(x, "政府采购", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 4, 0), "面向中小企业预留");
    assert_string_equal(cell_text(s, 5, 0), "其中：预留给小型和微型企业");
    assert_string_equal(cell_text(s, 4, 1), "");
    assert_int_equal(yu_xlsx_sheet(x, "资产", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 0, 3), "本年购置数量");
    assert_string_equal(cell_text(s, 0, 4), "统计截止日期");
    assert_int_equal(yu_xlsx_sheet(x, "预算单位", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 0, 1), "单位类型");
    assert_true(yu_xsheet_cell(s, 0, 1)->bold);
    assert_int_equal(yu_xlsx_sheet(x, "绩效目标", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 0, 2), "涉及项目预算资金");
    assert_int_equal(yu_xlsx_sheet(x, "收入", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 0, 2), "上年预算数");
    assert_int_equal(yu_xlsx_sheet(x, "项目", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 0, 7), "项目概况");
    assert_string_equal(cell_text(s, 0, 12), "年度预算安排");
    char *ux = sheet_xml(p, x, "预算单位");
    assert_non_null(ux);
    assert_non_null(strstr(ux, "<formula1>'代码表'!$Q$2:$Q$5</formula1>")); /* a drop-down that refuses others */
    assert_non_null(strstr(ux, "promptTitle=\"单位类型\""));
    free(ux);
    /* headers, pre-listed items */
    assert_int_equal(yu_xlsx_sheet(x, "支出明细", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 0, 0), "功能分类科目编码");
    assert_string_equal(cell_text(s, 0, 7), "金额");
    assert_true(yu_xsheet_cell(s, 0, 0)->bold);
    assert_true(yu_xsheet_cell(s, 5, 1)->formula); /* the name formula, cached "" */
    assert_int_equal(yu_xlsx_sheet(x, "收入", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 1, 0), "一般公共预算拨款收入");
    assert_string_equal(cell_text(s, 18, 0), "结转下年（非财政拨款）");
    assert_int_equal(yu_xlsx_sheet(x, "单位信息", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 1, 0), "单位名称");
    /* drop-downs, frozen header, amount format */
    char *xml = sheet_xml(p, x, "支出明细");
    assert_non_null(xml);
    char want_f[64];
    /* the code drop-downs show "CODE 名称" (代码表 O and P) */
    snprintf(want_f, sizeof want_f, "<formula1>'代码表'!$O$2:$O$%zu</formula1>", n7 + 1);
    assert_non_null(strstr(xml, want_f));
    assert_non_null(strstr(xml, "<formula1>'代码表'!$P$2:$P$"));
    assert_non_null(strstr(xml, "sqref=\"A2:A1048576\""));
    /* amounts: a decimal of zero or more, refused with a message in Chinese; prompts on every column */
    assert_non_null(strstr(xml, "type=\"decimal\" operator=\"greaterThanOrEqual\""));
    assert_non_null(strstr(xml, "errorTitle=\"金额有误\""));
    assert_non_null(strstr(xml, "promptTitle=\"功能分类科目编码\""));
    assert_non_null(strstr(xml, "<formula1>'代码表'!$E$2:$E$7</formula1>"));  /* 支出类型 */
    assert_non_null(strstr(xml, "<formula1>'代码表'!$F$2:$F$10</formula1>"));  /* 资金来源 */
    assert_non_null(strstr(xml, "state=\"frozen\""));
    free(xml);
    /* 校验: live formulas over the sheets, 通过 green / 不通过 red */
    assert_int_equal(yu_xlsx_sheet(x, "校验", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 0, 0), "规则");
    assert_string_equal(cell_text(s, 1, 0), "F-GRAND");
    assert_string_equal(cell_text(s, 4, 0), "S-GRAND");
    assert_string_equal(cell_text(s, 5, 0), "T-BASIC-SUM");
    assert_string_equal(cell_text(s, 6, 0), "X-SANGONG-ECON");
    assert_string_equal(cell_text(s, 10, 0), "政府采购");
    assert_string_equal(cell_text(s, 11, 0), "政府采购");
    assert_string_equal(cell_text(s, 12, 0), "绩效目标");
    assert_string_equal(cell_text(s, 13, 0), "P-WEIGHTS");
    assert_true(yu_xsheet_cell(s, 1, 2)->formula);
    assert_string_equal(cell_text(s, 1, 5), "通过"); /* an empty budget balances */
    xml = sheet_xml(p, x, "校验");
    assert_non_null(strstr(xml, "SUMIF('收入'!$A:$A,\"一般公共预算拨款收入\",'收入'!$B:$B)"));
    assert_non_null(strstr(xml, "SUMIFS('支出明细'!$H:$H,'支出明细'!$D:$D,\"一般公共预算拨款\",'支出明细'!$C:$C,\"公用经费\",'支出明细'!$E:$E,\"30217*\")"));
    assert_non_null(strstr(xml, "<conditionalFormatting sqref=\"F2:F"));
    assert_non_null(strstr(xml, "SUMIF('政府采购'!$A:$A,\"面向中小企业预留\",'政府采购'!$B:$B)"));
    assert_non_null(strstr(xml, "SUM('绩效目标'!$C:$C)"));
    assert_non_null(strstr(xml, "<formula>\"不通过\"</formula>"));
    free(xml);
    xml = sheet_xml(p, x, "调整"); /* the year's sheets keep the bare codes */
    snprintf(want_f, sizeof want_f, "<formula1>'代码表'!$A$2:$A$%zu</formula1>", n7 + 1);
    assert_non_null(strstr(xml, want_f));
    assert_null(strstr(xml, "type=\"decimal\""));
    free(xml);
    xml = sheet_xml(p, x, "绩效指标");
    assert_non_null(strstr(xml, "<formula1>'代码表'!$L$2:$L$5</formula1>")); /* 一级指标 */
    free(xml);
    xml = zip_entry(p, "xl/styles.xml");
    assert_non_null(strstr(xml, "#,##0.00") ? xml : strstr(xml, "numFmtId=\"4\""));
    free(xml);
    yu_xlsx_close(x);
    /* an unfilled template says what is missing */
    yu_budget *b = NULL;
    assert_int_equal(yu_load_xlsx(p, F.func, F.econ, &b, &err), YU_EVALUE);
    assert_string_equal(err.where, "单位信息!B2");
    assert_string_equal(err.msg, "“单位名称”未填写");
}

/* ---- workbooks written here, good and bad ---- */

enum {
    WB_OK = 0,
    WB_TEXT_AMOUNT,   /* 金额 holds "25.0x" */
    WB_UNKNOWN_CODE,  /* 功能分类 2110398 */
    WB_NO_SHEET,      /* no 支出明细 */
    WB_THREE_DEC,     /* 金额 25.001 as a number */
    WB_NEGATIVE,      /* 金额 -25 */
    WB_NO_COLUMN,     /* no 金额 column */
    WB_FEATURES,      /* formulas, merges, numbers as text, codes as numbers, extra sheet, empty rows */
    WB_INLINE,        /* constant-memory mode: inline strings */
    WB_BAD_TYPE,      /* 支出类型 人员 */
    WB_DUP,           /* the same line twice */
    WB_IMBALANCE,     /* 收入 26, line items 25 */
    WB_NAMED,         /* codes as the drop-downs write them: "2110106 生态环境国际合作及履约", "30101 基本工资" */
    WB_WRONG_NAME,    /* "2110106 行政运行": not the code's name */
    WB_WRONG_ECON,    /* "30101 办公费" */
    WB_SMALL_OVER,    /* 政府采购: 小微 6 > the reservation 5 */
    WB_SME_OVER,      /* 政府采购: the reservation 11 > 货物 10 */
    WB_SMALL_ALONE,   /* 政府采购: 小微 without the reservation */
    WB_PERF_OVER,     /* 绩效目标: funds 5 > 项目支出 0 */
    WB_PERF_NO_UNITS, /* 绩效目标: 0 units, 2 projects */
    WB_BAD_DATE,      /* 资产: 统计截止日期 2024-02-30 */
    WB_TWO_DATES,     /* 资产: two dates */
    WB_BAD_KIND,      /* 预算单位: kind 机构 */
    WB_PROJ_DATE,     /* 项目: 计划开始日期 2024-13-01 */
    WB_PROJ_ORDER,    /* 项目: 计划完成日期 before 计划开始日期 */
    WB_PROJ_SUM,      /* 项目: 财政资金 80 + 其他资金 30 ≠ 项目资金总额 100 */
    WB_PROJ_PART,     /* 项目: 财政资金 without 项目资金总额 */
    WB_OTHER_OK,      /* all of them right, the date as Excel's number */
};

static void kv(lxw_worksheet *ws, int r, const char *k, const char *v)
{
    worksheet_write_string(ws, (lxw_row_t)r, 0, k, NULL);
    worksheet_write_string(ws, (lxw_row_t)r, 1, v, NULL);
}

static void write_workbook(const char *path, int which)
{
    lxw_workbook_options o = {.constant_memory = which == WB_INLINE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    assert_non_null(wb);
    if (which == WB_FEATURES) {
        lxw_worksheet *x = workbook_add_worksheet(wb, "封面");
        worksheet_write_string(x, 0, 0, "2024年部门预算", NULL);
    }
    lxw_worksheet *u = workbook_add_worksheet(wb, "单位信息");
    kv(u, 0, "项目", "内容");
    kv(u, 1, "单位名称", "测试单位");
    kv(u, 2, "单位代码", "T001");
    kv(u, 3, "主管部门", "测试部门");
    kv(u, 4, "主管部门代码", "099");
    worksheet_write_string(u, 5, 0, "预算年度", NULL);
    worksheet_write_number(u, 5, 1, 2024, NULL);
    kv(u, 6, "金额单位", "万元");
    lxw_worksheet *f = workbook_add_worksheet(wb, "收入");
    kv(f, 0, "项目", "金额");
    worksheet_write_string(f, 1, 0, "事业收入", NULL);
    if (which == WB_FEATURES)
        worksheet_write_string(f, 1, 1, "1,025.00", NULL); /* a number stored as text */
    else if (which == WB_IMBALANCE)
        worksheet_write_number(f, 1, 1, 26, NULL);
    else
        worksheet_write_number(f, 1, 1, 25, NULL);
    if (which != WB_NO_SHEET) {
        lxw_worksheet *e = workbook_add_worksheet(wb, "支出明细");
        static const char *const h[] = {"功能分类科目编码", "科目名称", "支出类型", "资金来源", "经济分类科目编码",
                                        "项目编号", "中央基建投资", "金额"};
        for (int c = 0; c < 8; c++)
            if (!(which == WB_NO_COLUMN && c == 7))
                worksheet_write_string(e, 0, (lxw_col_t)c, h[c], NULL);
        /* row 2 empty: rows are the sheet's, empty ones are skipped */
        int r = 2;
        if (which == WB_FEATURES)
            worksheet_write_number(e, (lxw_row_t)r, 0, 2110106, NULL); /* a code typed as a number */
        else
            worksheet_write_string(e, (lxw_row_t)r, 0,
                                   which == WB_UNKNOWN_CODE  ? "2110398"
                                   : which == WB_NAMED       ? "2110106 生态环境国际合作及履约"
                                   : which == WB_WRONG_NAME  ? "2110106　行政运行"
                                                             : "2110106",
                                   NULL);
        if (which == WB_NAMED || which == WB_WRONG_ECON)
            worksheet_write_string(e, (lxw_row_t)r, 4, which == WB_NAMED ? "30101 基本工资" : "30101 办公费", NULL);
        worksheet_write_string(e, (lxw_row_t)r, 1, "生态环境国际合作及履约", NULL);
        if (which == WB_FEATURES) /* 支出类型 merged over two rows: the value is in the top-left cell */
            worksheet_merge_range(e, (lxw_row_t)r, 2, (lxw_row_t)r + 2, 2, "人员经费", NULL);
        else
            worksheet_write_string(e, (lxw_row_t)r, 2, which == WB_BAD_TYPE ? "人员" : "人员经费", NULL);
        worksheet_write_string(e, (lxw_row_t)r, 3, "非财政拨款", NULL);
        switch (which) {
        case WB_TEXT_AMOUNT: worksheet_write_string(e, (lxw_row_t)r, 7, "25.0x", NULL); break;
        case WB_THREE_DEC: worksheet_write_number(e, (lxw_row_t)r, 7, 25.001, NULL); break;
        case WB_NEGATIVE: worksheet_write_number(e, (lxw_row_t)r, 7, -25, NULL); break;
        case WB_NO_COLUMN: break;
        case WB_FEATURES: worksheet_write_formula_num(e, (lxw_row_t)r, 7, "=20+5", NULL, 25); break;
        default: worksheet_write_number(e, (lxw_row_t)r, 7, 25, NULL);
        }
        if (which == WB_FEATURES) {
            /* row 5 (under the merge): 2210201, 人员经费 from the merge, 1000 as text */
            worksheet_write_string(e, 4, 0, "2210201", NULL);
            worksheet_write_string(e, 4, 3, "其他资金", NULL); /* an alias of 非财政拨款 */
            worksheet_write_string(e, 4, 7, "１，０００．００", NULL);
            worksheet_write_formula_str(e, 6, 1, "=\"\"", NULL, ""); /* a formula row with nothing to read */
        }
        if (which == WB_DUP) {
            worksheet_write_string(e, 3, 0, "2110106", NULL);
            worksheet_write_string(e, 3, 2, "人员经费", NULL);
            worksheet_write_string(e, 3, 3, "非财政拨款", NULL);
            worksheet_write_number(e, 3, 7, 0, NULL);
        }
    }
    if ((which >= WB_SMALL_OVER && which <= WB_SMALL_ALONE) || which == WB_OTHER_OK) { /* 政府采购 */
        lxw_worksheet *g = workbook_add_worksheet(wb, "政府采购");
        kv(g, 0, "项目", "金额");
        worksheet_write_string(g, 1, 0, "货物", NULL);
        worksheet_write_number(g, 1, 1, 10, NULL);
        worksheet_write_string(g, 2, 0, "面向中小企业预留", NULL); /* listed, left empty when WB_SMALL_ALONE */
        if (which != WB_SMALL_ALONE)
            worksheet_write_number(g, 2, 1, which == WB_SME_OVER ? 11 : 5, NULL);
        worksheet_write_string(g, 3, 0, "其中：预留给小型和微型企业", NULL);
        if (which != WB_SME_OVER)
            worksheet_write_number(g, 3, 1, which == WB_SMALL_OVER ? 6 : 3, NULL);
    }
    if (which == WB_PERF_OVER || which == WB_PERF_NO_UNITS || which == WB_OTHER_OK) {
        lxw_worksheet *g = workbook_add_worksheet(wb, "绩效目标");
        worksheet_write_string(g, 0, 0, "预算单位数", NULL);
        worksheet_write_string(g, 0, 1, "项目数", NULL);
        worksheet_write_string(g, 0, 2, "涉及项目预算资金", NULL);
        worksheet_write_number(g, 1, 0, which == WB_PERF_NO_UNITS ? 0 : 1, NULL);
        worksheet_write_number(g, 1, 1, 2, NULL);
        worksheet_write_number(g, 1, 2, which == WB_PERF_OVER ? 5 : 0, NULL);
    }
    if (which == WB_BAD_DATE || which == WB_TWO_DATES || which == WB_OTHER_OK) {
        lxw_worksheet *g = workbook_add_worksheet(wb, "资产");
        static const char *const h[] = {"类别", "名称", "数量", "本年购置数量", "统计截止日期"};
        for (int c = 0; c < 5; c++)
            worksheet_write_string(g, 0, (lxw_col_t)c, h[c], NULL);
        for (int r = 1; r <= 2; r++) {
            worksheet_write_string(g, (lxw_row_t)r, 0, "车辆", NULL);
            worksheet_write_string(g, (lxw_row_t)r, 1, r == 1 ? "其他用车" : "执法执勤用车", NULL);
            worksheet_write_number(g, (lxw_row_t)r, 2, 8, NULL);
            worksheet_write_number(g, (lxw_row_t)r, 3, r == 1, NULL);
            if (which == WB_OTHER_OK)
                worksheet_write_number(g, (lxw_row_t)r, 4, 45535, NULL); /* 2024-08-31 as Excel keeps a date */
            else
                worksheet_write_string(g, (lxw_row_t)r, 4,
                                       which == WB_BAD_DATE ? "2024-02-30" : r == 1 ? "2024-08-31" : "2024-09-01", NULL);
        }
    }
    if ((which >= WB_PROJ_DATE && which <= WB_PROJ_PART) || which == WB_OTHER_OK) {
        /* 项目 with the 绩效目标填报表's columns (a sheet may hold only some of the columns) */
        lxw_worksheet *g = workbook_add_worksheet(wb, "项目");
        static const char *const h[] = {"项目编号", "二级项目名称", "项目性质", "计划开始日期", "计划完成日期",
                                        "项目资金总额", "项目资金总额中财政资金", "项目资金总额中其他资金"};
        for (int c = 0; c < 8; c++)
            worksheet_write_string(g, 0, (lxw_col_t)c, h[c], NULL);
        worksheet_write_string(g, 1, 0, "p1", NULL);
        worksheet_write_string(g, 1, 1, "社区服务中心新建工程", NULL);
        worksheet_write_string(g, 1, 2, "阶段性项目", NULL);
        if (which == WB_OTHER_OK)
            worksheet_write_number(g, 1, 3, 45292, NULL); /* 2024-01-01 as Excel keeps a date */
        else
            worksheet_write_string(g, 1, 3, which == WB_PROJ_DATE ? "2024-13-01" : "2024-06-01", NULL);
        worksheet_write_string(g, 1, 4, which == WB_PROJ_ORDER ? "2024-05-31" : "2026-12-31", NULL);
        if (which != WB_PROJ_PART)
            worksheet_write_number(g, 1, 5, 100, NULL);
        worksheet_write_number(g, 1, 6, 80, NULL);
        if (which == WB_PROJ_SUM)
            worksheet_write_number(g, 1, 7, 30, NULL);
    }
    if (which == WB_BAD_KIND || which == WB_OTHER_OK) {
        lxw_worksheet *g = workbook_add_worksheet(wb, "预算单位");
        kv(g, 0, "单位名称", "单位类型");
        kv(g, 1, "本部", "行政单位");
        kv(g, 2, "执法队", which == WB_BAD_KIND ? "机构" : "参公事业单位");
    }
    if (which == WB_FEATURES) {
        lxw_worksheet *n = workbook_add_worksheet(wb, "说明");
        kv(n, 0, "键", "内容");
        kv(n, 1, "basic", "一行\n两行"); /* the package's key, as older workbooks have it */
        kv(n, 2, "一般公共预算拨款变化原因", "新增项目。"); /* the label the template writes */
        kv(n, 3, "2110106 生态环境国际合作及履约", "合作增加。"); /* a 项's reason: its code and name */
        kv(n, 4, "2210201", "只填编码。");
        lxw_worksheet *x = workbook_add_worksheet(wb, "Sheet1");
        worksheet_write_string(x, 0, 0, "ignored", NULL);
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void expect_load_error(int which, yu_status st, const char *where, const char *msg)
{
    char name[32];
    snprintf(name, sizeof name, "w%d.xlsx", which);
    const char *p = tmp(name);
    write_workbook(p, which);
    yu_budget *b = NULL;
    yu_error err;
    yu_status got = yu_load_xlsx(p, F.func, F.econ, &b, &err);
    assert_null(b);
    assert_string_equal(err.file, p);
    assert_string_equal(err.where, where);
    assert_string_equal(err.msg, msg);
    assert_int_equal(got, st);
    char buf[2048], want[2048];
    snprintf(want, sizeof want, "%s:%s: %s", p, where, msg);
    assert_string_equal(yu_error_format(&err, buf, sizeof buf), want);
}

static void test_bad_text_amount(void **state)
{
    (void)state;
    expect_load_error(WB_TEXT_AMOUNT, YU_EVALUE, "支出明细!H3",
                      "金额“25.0x”不是金额（不是数字）：应为以万元为单位、最多两位小数的数，如 1,368.00");
    expect_load_error(WB_THREE_DEC, YU_EVALUE, "支出明细!H3",
                      "金额“25.001”不是金额（小数超过两位）：应为以万元为单位、最多两位小数的数，如 1,368.00");
    expect_load_error(WB_NEGATIVE, YU_EVALUE, "支出明细!H3", "金额“-25”为负数：应为0或正数");
}

static void test_bad_unknown_code(void **state)
{
    (void)state;
    expect_load_error(WB_UNKNOWN_CODE, YU_ECODE, "支出明细!A3",
                      "功能分类科目编码 2110398 无法识别：款 21103 污染防治 下没有该项（如为新增科目，请用 --catalog 文件 补充目录）");
    expect_load_error(WB_BAD_TYPE, YU_EVALUE, "支出明细!C3",
                      "支出类型“人员”无法识别：应为 人员经费、公用经费、项目支出、上缴上级支出、事业单位经营支出 或 对附属单位补助支出");
    expect_load_error(WB_DUP, YU_EDUP, "支出明细!A4",
                      "重复的支出明细：功能分类科目编码、支出类型、资金来源、经济分类科目编码、项目编号和中央基建投资均与第3行相同，请合并两行");
}

/* the inputs of 其他相关情况说明: the package's checks, at the sheet's cell in the preparer's words */
static void test_other_inputs(void **state)
{
    (void)state;
    expect_load_error(WB_SMALL_OVER, YU_EVALUE, "政府采购!B4",
                      "预留给小型和微型企业的 6.00万元 大于面向中小企业预留的 5.00万元：应为其中的一部分");
    expect_load_error(WB_SME_OVER, YU_EVALUE, "政府采购!B3",
                      "面向中小企业预留 11.00万元 大于政府采购预算 10.00万元（货物 + 工程 + 服务）：应为政府采购预算的一部分");
    expect_load_error(WB_SMALL_ALONE, YU_EVALUE, "政府采购!B4",
                      "其中：预留给小型和微型企业是面向中小企业预留的一部分：应同时填写“面向中小企业预留”的金额");
    expect_load_error(WB_PERF_OVER, YU_EVALUE, "绩效目标!C2",
                      "涉及项目预算资金 5.00万元 大于支出明细中的项目支出 0.00万元：应为项目支出的一部分");
    expect_load_error(WB_PERF_NO_UNITS, YU_EVALUE, "绩效目标!A2",
                      "预算单位数为0，项目数为2：应填编报绩效目标的预算单位个数");
    expect_load_error(WB_BAD_DATE, YU_EVALUE, "资产!E2",
                      "统计截止日期“2024-02-30”不是日期：应为 年-月-日，如 2024-08-31（截至2024年8月31日）");
    expect_load_error(WB_TWO_DATES, YU_EVALUE, "资产!E3",
                      "统计截止日期“2024-09-01”与上面各行的 2024-08-31 不同：资产按同一天统计");
    expect_load_error(WB_BAD_KIND, YU_EVALUE, "预算单位!B3",
                      "单位类型“机构”无法识别：应为 行政单位、参公事业单位、事业单位 或 其他");
    expect_load_error(WB_PROJ_DATE, YU_EVALUE, "项目!D2", "计划开始日期“2024-13-01”不是日期：应为 年-月-日，如 2024-01-01");
    expect_load_error(WB_PROJ_ORDER, YU_EVALUE, "项目!E2", "项目“p1”计划完成日期 2024-05-31 早于计划开始日期 2024-06-01");
    expect_load_error(WB_PROJ_SUM, YU_EVALUE, "项目!F2", "项目“p1”项目资金总额中财政资金与其他资金之和不等于项目资金总额");
    expect_load_error(WB_PROJ_PART, YU_EMISSING, "项目!G2", "项目“p1”填了项目资金总额的组成，未填项目资金总额");
    /* right, they are read into the package's fields */
    const char *p = tmp("other-ok.xlsx");
    write_workbook(p, WB_OTHER_OK);
    yu_budget *b = NULL;
    yu_error err;
    assert_int_equal(yu_load_xlsx(p, F.func, F.econ, &b, &err), YU_OK);
    assert_int_equal(b->has_proc_sme, 1);
    assert_int_equal(b->proc_sme, 5 * YU_FEN_PER_WAN);
    assert_int_equal(b->proc_sme_small, 3 * YU_FEN_PER_WAN);
    assert_int_equal(b->has_perf, 1);
    assert_int_equal(b->perf_computed, 0);
    assert_int_equal(b->perf_projects, 2);
    assert_int_equal(b->assets_date, 20240831);
    assert_int_equal(b->has_purchases, 1);
    assert_int_equal(b->assets[0].purchase, 1);
    assert_int_equal(b->nmembers, 2);
    assert_string_equal(b->members[1].name, "执法队");
    assert_int_equal(b->unit_kinds[YU_UK_CANGONG], 1);
    /* the project's form: the date Excel keeps as a number, the other part the rest of the total */
    assert_int_equal(b->nprojects, 1);
    assert_string_equal(b->projects[0].nature, "阶段性项目");
    assert_string_equal(b->projects[0].start, "2024-01-01");
    assert_string_equal(b->projects[0].finish, "2026-12-31");
    assert_string_equal(b->projects[0].category, "");
    assert_int_equal(b->projects[0].has_life, 1);
    assert_int_equal(b->projects[0].life_total, 100 * YU_FEN_PER_WAN);
    assert_int_equal(b->projects[0].life_other, 20 * YU_FEN_PER_WAN);
    /* and a budget with all of them goes through the template and back unchanged */
    b->funds_prior[YU_F_SHIYE] = 20 * YU_FEN_PER_WAN;
    b->has_funds_prior = 1;
    assert_roundtrip(b, "other-rt.xlsx");
    /* 校验 shows the reservation's checks, cached from the budget: 通过, and 不通过 for a 小微 part over it */
    b->proc_sme_small = 6 * YU_FEN_PER_WAN;
    assert_int_equal(yu_write_template(tmp("other-chk.xlsx"), b, F.func, F.econ, &err), YU_OK);
    yu_xlsx *x;
    const yu_xsheet *s;
    assert_int_equal(yu_xlsx_open(tmp("other-chk.xlsx"), &x, &err), YU_OK);
    assert_int_equal(yu_xlsx_sheet(x, "校验", &s, &err), YU_OK);
    assert_string_equal(cell_text(s, 10, 5), "通过");
    assert_string_equal(cell_text(s, 11, 5), "不通过");
    assert_string_equal(cell_text(s, 12, 5), "通过");
    yu_xlsx_close(x);
    yu_budget_free(b);
    /* without them: nothing given, nothing written */
    write_workbook(p, WB_OK);
    assert_int_equal(yu_load_xlsx(p, F.func, F.econ, &b, &err), YU_OK);
    assert_int_equal(b->has_proc_sme + b->has_perf + b->has_units + b->has_purchases + b->has_funds_prior, 0);
    assert_int_equal(b->assets_date, 0);
    assert_roundtrip(b, "other-none.xlsx");
    yu_budget_free(b);
}

static void test_named_codes(void **state)
{
    (void)state;
    yu_budget *b = NULL;
    yu_error err;
    char buf[2048];
    write_workbook(tmp("named.xlsx"), WB_NAMED);
    if (yu_load_xlsx(tmp("named.xlsx"), F.func, F.econ, &b, &err))
        fail_msg("%s", yu_error_format(&err, buf, sizeof buf));
    assert_int_equal(b->nlines, 1);
    assert_int_equal(b->lines[0].func, 2110106);
    assert_int_equal(b->lines[0].econ, 30101);
    yu_budget_free(b);
    expect_load_error(WB_WRONG_NAME, YU_ECODE, "支出明细!A3",
                      "功能分类 2110106 在科目目录中的名称是“生态环境国际合作及履约”，不是“行政运行”："
                      "请从下拉列表选择编码，或改正名称");
    expect_load_error(WB_WRONG_ECON, YU_ECODE, "支出明细!E3",
                      "经济分类 30101 在科目目录中的名称是“基本工资”，不是“办公费”："
                      "请从下拉列表选择编码，或改正名称");
}

static void test_bad_balance(void **state)
{
    (void)state;
    /* at the 收入 item, named by its rule, in the workbook's unit (万元) */
    expect_load_error(WB_IMBALANCE, YU_EBALANCE, "收入!B2",
                      "[S-GRAND] 非财政拨款：收入 26.00万元（事业收入 + 经营收入 + 上级补助 + 附属单位上缴 + 其他收入 + 上年结转 + "
                      "使用结余）与支出 25.00万元（非财政拨款支出明细 + 结转下年）不相等");
}

static void test_bad_missing(void **state)
{
    (void)state;
    expect_load_error(WB_NO_SHEET, YU_EMISSING, "支出明细",
                      "缺少工作表“支出明细”：预算工作簿须有 单位信息、收入 和 支出明细 三张工作表（可用 yusuan template 文件.xlsx 生成）");
    expect_load_error(WB_NO_COLUMN, YU_EMISSING, "支出明细!1:1",
                      "缺少列“金额”：标题行须有以下各列：功能分类科目编码, 支出类型, 资金来源, 金额");
}

static void test_bad_zip(void **state)
{
    (void)state;
    const char *p = tmp("corrupt.xlsx");
    FILE *fp = fopen(p, "wb");
    assert_non_null(fp);
    fputs("PK\003\004 this is not a workbook, only garbage bytes \x01\x02\x03", fp);
    fclose(fp);
    yu_budget *b = NULL;
    yu_error err;
    assert_int_equal(yu_load_xlsx(p, F.func, F.econ, &b, &err), YU_EFORMAT);
    char buf[2048], want[2048];
    snprintf(want, sizeof want,
             "%s: not an .xlsx workbook: the file is not a zip archive (expected a workbook written by Excel, WPS or LibreOffice)", p);
    assert_string_equal(yu_error_format(&err, buf, sizeof buf), want);
    /* a zip without a workbook */
    int ze;
    zip_t *z = zip_open(tmp("notbook.xlsx"), ZIP_CREATE | ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    zip_source_t *src = zip_source_buffer(z, "hello", 5, 0);
    assert_true(zip_file_add(z, "hello.txt", src, 0) >= 0);
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(yu_load_xlsx(tmp("notbook.xlsx"), F.func, F.econ, &b, &err), YU_EFORMAT);
    assert_string_equal(err.msg, "not an .xlsx workbook: the zip archive has no xl/workbook.xml (expected a workbook written by Excel, WPS or LibreOffice)");
    /* no file at all */
    assert_int_equal(yu_load_xlsx(tmp("none.xlsx"), F.func, F.econ, &b, &err), YU_EIO);
    assert_string_equal(err.msg, "cannot open: No such file or directory");
}

static void test_read_features(void **state)
{
    (void)state;
    yu_budget *b = NULL;
    yu_error err;
    char buf[2048];
    write_workbook(tmp("features.xlsx"), WB_FEATURES);
    if (yu_load_xlsx(tmp("features.xlsx"), F.func, F.econ, &b, &err))
        fail_msg("%s", yu_error_format(&err, buf, sizeof buf));
    assert_int_equal(b->year, 2024);
    assert_int_equal(b->input_scale, YU_FEN_PER_WAN);
    assert_int_equal(b->funds[YU_F_SHIYE], 1025 * YU_FEN_PER_WAN);
    assert_int_equal(b->nlines, 2);
    assert_int_equal(b->lines[0].func, 2110106);
    assert_int_equal(b->lines[0].amount, 25 * YU_FEN_PER_WAN); /* the formula's cached value */
    assert_int_equal(b->lines[0].type, YU_T_PERSONNEL);
    assert_int_equal(b->lines[1].func, 2210201);
    assert_int_equal(b->lines[1].type, YU_T_PERSONNEL); /* from the merged range */
    assert_int_equal(b->lines[1].source, YU_S_NONFISCAL);
    assert_int_equal(b->lines[1].amount, 1000 * YU_FEN_PER_WAN);
    assert_string_equal(yu_budget_note(b, "basic"), "一行\n两行");
    assert_string_equal(yu_budget_note(b, "gpb_change"), "新增项目。");
    assert_string_equal(yu_budget_note(b, "func:2110106"), "合作增加。");
    assert_string_equal(yu_budget_note(b, "func:2210201"), "只填编码。");
    assert_string_equal(b->template_id, "central-budget");
    yu_budget_free(b);

    /* inline strings (constant-memory writers) */
    write_workbook(tmp("inline.xlsx"), WB_INLINE);
    char *xml = zip_entry(tmp("inline.xlsx"), "xl/worksheets/sheet3.xml");
    assert_non_null(xml);
    assert_non_null(strstr(xml, "t=\"inlineStr\""));
    free(xml);
    if (yu_load_xlsx(tmp("inline.xlsx"), F.func, F.econ, &b, &err))
        fail_msg("%s", yu_error_format(&err, buf, sizeof buf));
    assert_string_equal(b->name, "测试单位");
    assert_int_equal(b->nlines, 1);
    assert_int_equal(b->lines[0].amount, 25 * YU_FEN_PER_WAN);
    yu_budget_free(b);
}

static void test_reader_cells(void **state)
{
    (void)state;
    char buf[16];
    assert_string_equal(yu_xlsx_ref(0, 0, buf, sizeof buf), "A1");
    assert_string_equal(yu_xlsx_ref(11, 2, buf, sizeof buf), "C12");
    assert_string_equal(yu_xlsx_ref(0, 26, buf, sizeof buf), "AA1");
    assert_string_equal(yu_xlsx_ref(1048575, 16383, buf, sizeof buf), "XFD1048576");
    /* control characters and literal _x escapes survive */
    const char *p = tmp("cells.xlsx");
    lxw_workbook *wb = workbook_new(p);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "S");
    workbook_add_worksheet(wb, "T ");
    worksheet_write_string(ws, 0, 0, "a\rb", NULL);
    worksheet_write_string(ws, 0, 1, "x_x0041_y", NULL);         /* Excel shows xAy */
    worksheet_write_string(ws, 0, 2, "x_x005F_x0041_y", NULL);   /* Excel shows x_x0041_y */
    worksheet_write_boolean(ws, 1, 0, 1, NULL);
    worksheet_write_formula_num(ws, 1, 1, "=1/3", NULL, 1.0 / 3);
    worksheet_merge_range(ws, 3, 0, 5, 2, "merged", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    yu_xlsx *x;
    yu_error err;
    assert_int_equal(yu_xlsx_open(p, &x, &err), YU_OK);
    const yu_xsheet *s;
    assert_int_equal(yu_xlsx_sheet(x, "nope", &s, &err), YU_EMISSING);
    assert_string_equal(err.msg, "missing sheet 'nope'");
    assert_int_equal(yu_xlsx_sheet(x, "S", &s, &err), YU_OK);
    assert_int_equal(yu_xlsx_sheet(x, "T", &s, &err), YU_OK); /* "T " with a stray space */
    assert_string_equal(s->name, "T ");
    assert_int_equal(yu_xlsx_sheet(x, "S", &s, &err), YU_OK);
    assert_string_equal(yu_xsheet_cell(s, 0, 0)->text, "a\rb");
    assert_string_equal(yu_xsheet_cell(s, 0, 1)->text, "xAy");
    assert_string_equal(yu_xsheet_cell(s, 0, 2)->text, "x_x0041_y");
    assert_int_equal(yu_xsheet_cell(s, 1, 0)->kind, YU_XC_BOOL);
    assert_int_equal(yu_xsheet_cell(s, 1, 1)->kind, YU_XC_NUMBER);
    assert_true(yu_xsheet_cell(s, 1, 1)->formula);
    assert_int_equal(s->nmerges, 1);
    assert_string_equal(yu_xsheet_value(s, 5, 2)->text, "merged");
    assert_string_equal(yu_xsheet_value(s, 3, 0)->text, "merged");
    assert_null(yu_xsheet_value(s, 6, 0));
    assert_null(yu_xsheet_value(s, 2, 1));
    assert_int_equal(s->nrows, 6);
    yu_xlsx_close(x);
}

/* ---- the disclosure workbook ---- */

static yu_doc *compile_example(yu_budget **bp)
{
    yu_error err;
    assert_int_equal(yu_load_package(EXAMPLE, F.func, F.econ, bp, &err), YU_OK);
    yu_compile_opts o = {YU_GLOSSARY_USED, NULL, F.func, F.econ};
    yu_doc *d = NULL;
    assert_int_equal(yu_compile(*bp, F.L, &o, &d, &err), YU_OK);
    return d;
}

static int has_merge(const yu_xsheet *s, const char *ref)
{
    char a[32], b[32], buf[40];
    for (size_t i = 0; i < s->nmerges; i++) {
        const yu_xrange *m = &s->merges[i];
        snprintf(buf, sizeof buf, "%s:%s", yu_xlsx_ref(m->r1, m->c1, a, sizeof a), yu_xlsx_ref(m->r2, m->c2, b, sizeof b));
        if (!strcmp(buf, ref))
            return 1;
    }
    return 0;
}

static void assert_num(const yu_xsheet *s, const char *ref, double v, const char *fmt, int bold)
{
    uint32_t r = 0, c = 0;
    /* parse "C12" */
    const char *p = ref;
    while (*p >= 'A' && *p <= 'Z')
        c = c * 26 + (uint32_t)(*p++ - 'A' + 1);
    r = (uint32_t)atoi(p) - 1;
    c--;
    const yu_xcell *x = yu_xsheet_cell(s, r, c);
    if (!x || x->kind != YU_XC_NUMBER)
        fail_msg("%s!%s: expected the number %.2f, got '%s'", s->name, ref, v, x ? x->text : "(none)");
    if (x->num != v)
        fail_msg("%s!%s: expected %.2f, got %s", s->name, ref, v, x->text);
    assert_string_equal(x->numfmt, fmt);
    assert_int_equal(x->bold, bold);
}

static const yu_xcell *at(const yu_xsheet *s, const char *ref)
{
    uint32_t c = 0;
    const char *p = ref;
    while (*p >= 'A' && *p <= 'Z')
        c = c * 26 + (uint32_t)(*p++ - 'A' + 1);
    return yu_xsheet_cell(s, (uint32_t)atoi(p) - 1, c - 1);
}

static void test_render_tables(void **state)
{
    (void)state;
    yu_budget *b;
    yu_doc *d = compile_example(&b);
    yu_findings fs = {0};
    yu_error err;
    const char *p = tmp("out.xlsx");
    assert_int_equal(yu_render_file(d, YU_FMT_XLSX, &fs, p, &err), YU_OK);
    yu_xlsx *x;
    assert_int_equal(yu_xlsx_open(p, &x, &err), YU_OK);
    static const char *const want[] = {"部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表",
                                       "一般公共预算支出表", "一般公共预算基本支出表", "一般公共预算“三公”经费支出表",
                                       "政府性基金预算支出表", "国有资本经营预算支出表", "项目支出绩效目标表", "检查结果"};
    assert_int_equal(yu_xlsx_nsheets(x), 11);
    for (size_t i = 0; i < 11; i++)
        assert_string_equal(yu_xlsx_sheet_name(x, i), want[i]);

    const yu_xsheet *s;
    assert_int_equal(yu_xlsx_sheet(x, "部门收支总表", &s, &err), YU_OK);
    assert_string_equal(at(s, "A1")->text, "部门收支总表");
    assert_true(at(s, "A1")->bold);
    assert_true(has_merge(s, "A1:D1"));
    assert_string_equal(at(s, "A2")->text, "编制单位：生态环境部对外合作与交流中心");
    assert_string_equal(at(s, "D2")->text, "单位：万元");
    assert_true(has_merge(s, "A3:B3"));
    assert_true(has_merge(s, "C3:D3"));
    assert_string_equal(at(s, "A3")->text, "收 入");
    assert_string_equal(at(s, "B4")->text, "预算数");
    assert_string_equal(at(s, "A5")->text, "一、一般公共预算拨款收入");
    assert_num(s, "B5", 1368, "#,##0.00", 0);
    assert_num(s, "D5", 1505.35, "#,##0.00", 0);
    assert_null(at(s, "B6")->kind == YU_XC_EMPTY ? NULL : at(s, "B6")); /* blank zero, bordered */
    assert_num(s, "B14", 47442.55, "#,##0.00", 1);
    assert_num(s, "D14", 47442.55, "#,##0.00", 1);
    assert_string_equal(at(s, "A14")->text, "收 入 总 计");
    assert_true(at(s, "A14")->bold);
    assert_int_equal(s->nmerges, 4);

    assert_int_equal(yu_xlsx_sheet(x, "部门收入总表", &s, &err), YU_OK);
    assert_true(has_merge(s, "A3:B3"));   /* 科目 over 科目编码, 科目名称 */
    assert_true(has_merge(s, "C3:C4"));   /* 合计 spans down */
    assert_true(has_merge(s, "H3:I3"));   /* 事业收入 over 金额, 其中：教育收费 */
    assert_string_equal(at(s, "I4")->text, "其中：教育收费");
    assert_num(s, "C5", 47442.55, "#,##0.00", 1);

    assert_int_equal(yu_xlsx_sheet(x, "部门支出总表", &s, &err), YU_OK);
    assert_string_equal(at(s, "A4")->text, "202");
    assert_int_equal(at(s, "A4")->kind, YU_XC_TEXT); /* codes are text */
    assert_string_equal(at(s, "A6")->text, "2020599");
    assert_int_equal(at(s, "A6")->kind, YU_XC_TEXT);
    assert_num(s, "C4", 1505.35, "#,##0.00", 0);
    assert_num(s, "D9", 13840, "#,##0.00", 0);
    /* the total row is the last: bold */
    const yu_xcell *tot = NULL;
    for (size_t i = 0; i < s->ncells; i++)
        if (!strcmp(s->cells[i].text, "合计"))
            tot = &s->cells[i];
    assert_non_null(tot);
    assert_true(tot->bold);
    const yu_xcell *tv = yu_xsheet_cell(s, tot->row, 2);
    assert_non_null(tv);
    assert_true(tv->num == 29205.35 && tv->bold);

    assert_int_equal(yu_xlsx_sheet(x, "一般公共预算支出表", &s, &err), YU_OK);
    assert_true(has_merge(s, "A3:B3"));   /* 功能分类科目 */
    assert_true(has_merge(s, "A4:A5"));   /* 科目编码 spans down to the last header row */
    assert_true(has_merge(s, "C3:D3"));   /* 2023年执行数 */
    assert_true(has_merge(s, "E3:H3"));   /* 2024年预算数 */
    assert_true(has_merge(s, "E4:G4"));   /* 年初预算数 over 小计, 基本支出, 项目支出 */
    assert_true(has_merge(s, "H4:H5"));   /* 扣除中央基建投资后预算数 */
    assert_string_equal(at(s, "E5")->text, "小计");
    assert_string_equal(at(s, "C3")->text, "2023年执行数");
    assert_num(s, "C6", 637, "#,##0.00", 0);
    assert_num(s, "E6", 1368, "#,##0.00", 0);
    assert_num(s, "J6", 114.76, "0.00", 0);
    char *xml = sheet_xml(p, x, "一般公共预算支出表");
    assert_non_null(xml);
    assert_non_null(strstr(xml, "paperSize=\"9\""));
    assert_non_null(strstr(xml, "orientation=\"landscape\""));
    assert_non_null(strstr(xml, "fitToHeight=\"0\""));
    assert_non_null(strstr(xml, "fitToPage=\"1\""));
    free(xml);
    xml = zip_entry(p, "xl/workbook.xml");
    assert_non_null(strstr(xml, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"4\">'一般公共预算支出表'!$3:$5</definedName>"));
    free(xml);

    assert_int_equal(yu_xlsx_sheet(x, "一般公共预算基本支出表", &s, &err), YU_OK);
    const yu_xcell *note = at(s, "A7");
    assert_non_null(note);
    assert_string_equal(note->text, "（注：2024年生态环境部对外合作与交流中心部门预算中没有使用财政拨款安排的一般公共预算基本支出。）");

    assert_int_equal(yu_xlsx_sheet(x, "项目支出绩效目标表", &s, &err), YU_OK);
    assert_string_equal(at(s, "A1")->text, "项目绩效目标表"); /* the form's title (form_title) */
    assert_string_equal(at(s, "B3")->text, "APEC供应链可持续发展能力建设");
    assert_true(has_merge(s, "B3:F3"));
    assert_true(has_merge(s, "A5:A8"));   /* 项目资金（万元） */
    assert_num(s, "C5", 33, "#,##0.00", 0);
    assert_string_equal(at(s, "A10")->text, "绩效指标");
    assert_true(has_merge(s, "A10:A16")); /* down the heads and the six indicators */
    assert_string_equal(at(s, "F10")->text, "分值权重（90）");
    assert_string_equal(at(s, "B11")->text, "产出指标");
    assert_true(has_merge(s, "B11:B14")); /* 产出指标 over its four rows */
    assert_true(has_merge(s, "C11:C12")); /* 数量指标 */
    assert_num(s, "F11", 30, "General", 0);
    xml = sheet_xml(p, x, "项目支出绩效目标表");
    assert_non_null(strstr(xml, "<rowBreaks count=\"7\"")); /* 8 published forms, a page each */
    free(xml);

    assert_int_equal(yu_xlsx_sheet(x, "检查结果", &s, &err), YU_OK);
    assert_string_equal(at(s, "A1")->text, "规则");
    assert_string_equal(at(s, "A2")->text, "无");
    yu_xlsx_close(x);

    /* with findings */
    yu_findings f2 = {0};
    yu_finding one;
    memset(&one, 0, sizeof one);
    one.rule = "T-ROW-SUM";
    one.sev = YU_SEV_ERROR;
    snprintf(one.table, sizeof one.table, "expenditure");
    snprintf(one.row, sizeof one.row, "2110106");
    snprintf(one.col, sizeof one.col, "total");
    snprintf(one.msg, sizeof one.msg, "部门支出总表 2110106 的合计不等于各列之和。");
    f2.f = &one;
    f2.n = f2.cap = 1;
    assert_int_equal(yu_render_file(d, YU_FMT_XLSX, &f2, p, &err), YU_OK);
    assert_int_equal(yu_xlsx_open(p, &x, &err), YU_OK);
    assert_int_equal(yu_xlsx_sheet(x, "检查结果", &s, &err), YU_OK);
    assert_string_equal(at(s, "A2")->text, "T-ROW-SUM");
    assert_string_equal(at(s, "B2")->text, yu_severity_name(YU_SEV_ERROR));
    assert_string_equal(at(s, "C2")->text, "部门支出总表");
    assert_string_equal(at(s, "D2")->text, "2110106");
    assert_string_equal(at(s, "E2")->text, "合计");
    assert_string_equal(at(s, "F2")->text, "部门支出总表 2110106 的合计不等于各列之和。");
    yu_xlsx_close(x);
    /* no findings at all */
    assert_int_equal(yu_render_file(d, YU_FMT_XLSX, NULL, p, &err), YU_OK);
    yu_findings_free(&fs);
    yu_doc_free(d);
    yu_budget_free(b);
}

/* Rendering the workbook read back from a template gives the same tables. */
static void test_render_from_workbook(void **state)
{
    (void)state;
    yu_budget *b, *b2 = NULL;
    yu_doc *d = compile_example(&b);
    yu_error err;
    assert_int_equal(yu_write_template(tmp("t.xlsx"), b, F.func, F.econ, &err), YU_OK);
    assert_int_equal(yu_load_xlsx(tmp("t.xlsx"), F.func, F.econ, &b2, &err), YU_OK);
    yu_compile_opts o = {YU_GLOSSARY_USED, NULL, F.func, F.econ};
    yu_doc *d2 = NULL;
    assert_int_equal(yu_compile(b2, F.L, &o, &d2, &err), YU_OK);
    char *t1, *t2;
    size_t l1, l2;
    assert_int_equal(yu_render(d, YU_FMT_TXT, &t1, &l1, &err), YU_OK);
    assert_int_equal(yu_render(d2, YU_FMT_TXT, &t2, &l2, &err), YU_OK);
    assert_int_equal(l1, l2);
    assert_memory_equal(t1, t2, l1);
    free(t1);
    free(t2);
    yu_doc_free(d2);
    yu_doc_free(d);
    yu_budget_free(b2);
    yu_budget_free(b);
}

/* the loader reads every column of every input sheet: none has more than it holds */
static void test_schema_widths(void **state)
{
    (void)state;
    size_t n = 0;
    const yu_xsheetspec *sp = yu_xlsx_schema(&n);
    assert_true(n > 0);
    int projects = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(sp[i].ncols <= YU_XL_MAXCOLS);
        if (!strcmp(sp[i].name, "项目")) {
            projects = 1;
            assert_int_equal(sp[i].ncols, 21); /* … 年度预算安排, then the 绩效目标填报表's eight */
            assert_string_equal(sp[i].cols[20].key, "life_goal");
        }
    }
    assert_true(projects);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_widths),
        cmocka_unit_test(test_roundtrip_example),
        cmocka_unit_test(test_roundtrip_generated),
        cmocka_unit_test(test_roundtrip_wan_not_representable),
        cmocka_unit_test(test_template_empty),
        cmocka_unit_test(test_bad_text_amount),
        cmocka_unit_test(test_bad_unknown_code),
        cmocka_unit_test(test_bad_missing),
        cmocka_unit_test(test_bad_balance),
        cmocka_unit_test(test_named_codes),
        cmocka_unit_test(test_other_inputs),
        cmocka_unit_test(test_bad_zip),
        cmocka_unit_test(test_read_features),
        cmocka_unit_test(test_reader_cells),
        cmocka_unit_test(test_render_tables),
        cmocka_unit_test(test_render_from_workbook),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
