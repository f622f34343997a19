/* Unit tests: what the narrative claims (rules_claims.c).  Each rule has a
 * real sentence copied from the corpus that passes and the same sentence
 * with one thing changed that it reports.  The documents are built here
 * from the copied lines: no corpus file is read. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "yusuan/read.h"
#include "yusuan/words.h"
#include "internal.h"

#define VOCAB YU_DATADIR "/vocab/budget.vocab"
#define WORDS YU_DATADIR "/vocab/words.vocab"

typedef struct fx {
    yu_vocab *v, *w;
} fx;

static int group_setup(void **state)
{
    static fx F;
    yu_error err = {0};
    if (yu_vocab_load(VOCAB, &F.v, &err) != YU_OK || yu_vocab_load(WORDS, &F.w, &err) != YU_OK)
        return -1;
    *state = &F;
    return 0;
}

static int group_teardown(void **state)
{
    fx *F = *state;
    yu_vocab_free(F->v);
    yu_vocab_free(F->w);
    return 0;
}

/* a document of these lines (page of each), unit, year, kind; with a
 * 三公 table (万元) holding `cell` (hundredths) when cell > 0 */
static yu_gdoc *doc(const char *const *lines, const int *pages, int n, const char *unit, int year,
                    const char *kind, int64_t cell)
{
    yu_gdoc *d = calloc(1, sizeof *d);
    d->arena = yu_arena_new();
    d->unit_name = unit;
    d->year = year;
    d->kind = kind;
    d->is_budget = 1;
    d->lines = yu_arena_alloc(d->arena, (size_t)(n + 2) * sizeof *d->lines);
    d->line_page = yu_arena_alloc(d->arena, (size_t)(n + 2) * sizeof *d->line_page);
    for (int i = 0; i < n; i++) {
        d->lines[i] = lines[i];
        d->line_page[i] = pages[i];
    }
    d->nlines = n;
    if (cell <= 0)
        return d;
    d->lines[n] = "“三公”经费预算表";
    d->line_page[n] = 40;
    d->nlines = n + 1;
    yu_gtable *t = yu_arena_alloc(d->arena, sizeof *t);
    t->title = "\"三公\"经费预算表";
    t->kind = "sangong";
    t->unit = 10000;
    t->unit_text = "万元";
    t->page = 40;
    t->from = n;
    t->to = n + 1;
    t->ncols = 1;
    t->cols = yu_arena_alloc(d->arena, sizeof *t->cols);
    t->cols[0].label = "合计";
    t->cols[0].concept = "total";
    t->nrows = 1;
    t->rows = yu_arena_alloc(d->arena, sizeof *t->rows);
    t->rows[0].name = "\"三公\"经费";
    t->rows[0].level = 1;
    t->rows[0].cells = yu_arena_alloc(d->arena, sizeof(yu_gcell));
    t->rows[0].cells[0].kind = YU_GC_NUM;
    t->rows[0].cells[0].dec = 2;
    t->rows[0].cells[0].v = cell;
    t->rows[0].cells[0].text = "37.91";
    d->tables = t;
    d->ntables = 1;
    return d;
}

/* findings of a rule of a severity (any when sev < 0); the first message in msg */
static yu_finding last; /* the first finding run() counted */

static size_t run(void **state, yu_gdoc *d, const char *rule, int sev, char *msg, size_t cap, size_t *all)
{
    fx *F = *state;
    yu_findings f = {0};
    assert_int_equal(yu_check_claims(d, F->v, F->w, &f), YU_OK);
    size_t k = 0;
    for (size_t i = 0; i < f.n; i++)
        if (!strcmp(f.f[i].rule, rule) && (sev < 0 || (int)f.f[i].sev == sev)) {
            if (!k && msg)
                snprintf(msg, cap, "%s", f.f[i].msg);
            if (!k)
                last = f.f[i];
            k++;
        }
    if (all)
        *all = f.n;
    yu_findings_free(&f);
    yu_arena_free(d->arena);
    free(d);
    return k;
}

/* suzhou-2026-data-bureau-budget, page 7 (收支总表 header):
 * "部门：苏州市数据局        单位：万元" */
static void who_header(void **state)
{
    const char *ok[] = {" 部门：苏州市数据局                                             单位：万元"};
    const char *bad[] = {" 部门：苏州市审计局                                             单位：万元"};
    const char *part[] = {" 部门：苏州市数据局本级                                         单位：万元"};
    int pg[] = {7};
    size_t all;
    char msg[768];
    assert_int_equal(run(state, doc(ok, pg, 1, "苏州市数据局", 2026, "预算", 0), "W-WHO", -1, NULL, 0, &all), 0);
    assert_int_equal(all, 0);
    assert_int_equal(run(state, doc(part, pg, 1, "苏州市数据局", 2026, "预算", 0), "W-WHO", -1, NULL, 0, NULL), 0);
    assert_int_equal(run(state, doc(bad, pg, 1, "苏州市数据局", 2026, "预算", 0), "W-WHO", YU_SEV_ERROR, msg,
                         sizeof msg, NULL),
                     1);
    assert_non_null(strstr(msg, "【苏州市审计局】"));
    assert_non_null(strstr(msg, "第7页"));
}

/* putuo-wanli-2025-budget, page 1: "上海市普陀区2025年区级部门预算"; page 5:
 * "（五）基本支出预算：是区级预算主管部门及所属预算单位为保障其机构正常运转…" */
static void who_level(void **state)
{
    const char *ok[] = {"上海市普陀区2025年区级部门预算",
                        "  （五）基本支出预算：是区级预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，包",
                        "括人员经费和公用经费两部分。"};
    const char *bad[] = {"上海市普陀区2025年区级部门预算",
                         "  （五）基本支出预算：是市级预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，包",
                         "括人员经费和公用经费两部分。"};
    int pg[] = {1, 5, 5};
    const char *u = "上海市普陀区人民政府万里街道办事处";
    size_t all;
    char msg[768];
    assert_int_equal(run(state, doc(ok, pg, 3, u, 2025, "预算", 0), "W-WHO", -1, NULL, 0, &all), 0);
    assert_int_equal(all, 0);
    assert_int_equal(run(state, doc(bad, pg, 3, u, 2025, "预算", 0), "W-WHO", YU_SEV_ERROR, msg, sizeof msg, NULL),
                     1);
    assert_non_null(strstr(msg, "【市级预算主管部门】"));
}

/* putuo-wanli-2025-budget, page 30, as pdftotext prints it without -layout:
 * "一、2025年“三公”经费预算情况说明" — the numbering is not a unit's name;
 * a unit's name after it still is */
static void who_numbered(void **state)
{
    const char *ok[] = {"一、2025年“三公”经费预算情况说明", "（二）2025年“三公”经费预算情况说明",
                        "十二、2025年“三公”经费预算情况说明"};
    const char *bad[] = {"一、上海市普陀区人民政府长征镇2025年“三公”经费预算情况说明"};
    int pg[] = {30, 30, 30};
    const char *u = "上海市普陀区人民政府万里街道办事处";
    size_t all;
    char msg[768];
    assert_int_equal(run(state, doc(ok, pg, 3, u, 2025, "预算", 0), "W-WHO", -1, NULL, 0, &all), 0);
    assert_int_equal(all, 0);
    assert_int_equal(run(state, doc(bad, pg, 1, u, 2025, "预算", 0), "W-WHO", YU_SEV_ERROR, msg, sizeof msg, NULL),
                     1);
    assert_non_null(strstr(msg, "【上海市普陀区人民政府长征镇】"));
}

/* putuo-wanli-2025-budget, page 30:
 * "2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元。其中：" and
 * "截至2024年8月31日，上海市普陀区人民政府万里街道办事处（部门）共有车辆8辆，…" */
static void when_year(void **state)
{
    const char *ok[] = {"      2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元。其中："};
    const char *bad[] = {"      2025年“三公”经费预算数为37.91万元，比2023年预算减少10万元。其中："};
    const char *jue[] = {"      2025年“三公”经费决算数为37.91万元，比2024年预算减少10万元。其中："};
    int pg[] = {30};
    const char *u = "上海市普陀区人民政府万里街道办事处";
    size_t all;
    char msg[768];
    assert_int_equal(run(state, doc(ok, pg, 1, u, 2025, "预算", 0), "W-WHEN", -1, NULL, 0, &all), 0);
    assert_int_equal(all, 0);
    assert_int_equal(run(state, doc(bad, pg, 1, u, 2025, "预算", 0), "W-WHEN", YU_SEV_ERROR, msg, sizeof msg, NULL),
                     1);
    assert_non_null(strstr(msg, "【比2023年预算】"));
    assert_int_equal(run(state, doc(jue, pg, 1, u, 2025, "预算", 0), "W-WHEN", -1, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "决算数】"));
}

static void when_date(void **state)
{
    const char *ok[] = {"     截至2024年8月31日，上海市普陀区人民政府万里街道办事处（部门）共有车辆8辆，其中：部级领导干部用车0辆。"};
    const char *bad[] = {"     截至2022年8月31日，上海市普陀区人民政府万里街道办事处（部门）共有车辆8辆，其中：部级领导干部用车0辆。"};
    int pg[] = {30};
    const char *u = "上海市普陀区人民政府万里街道办事处";
    size_t all;
    assert_int_equal(run(state, doc(ok, pg, 1, u, 2025, "预算", 0), "W-WHEN", -1, NULL, 0, &all), 0);
    assert_int_equal(all, 0);
    assert_int_equal(run(state, doc(bad, pg, 1, u, 2025, "预算", 0), "W-WHEN", YU_SEV_WARNING, NULL, 0, NULL), 1);
    assert_int_equal(run(state, doc(bad, pg, 1, u, 2025, "预算", 0), "W-WHEN", YU_SEV_ERROR, NULL, 0, NULL), 0);
}

/* the same sentence with the 三公 table's 37.91 (万元): 37.91元 is the table's
 * figure in the wrong unit; so is 379100万元 */
static void magnitude(void **state)
{
    const char *ok[] = {"      2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元。其中："};
    const char *yuan[] = {"      2025年“三公”经费预算数为37.91元，比2024年预算减少10万元。其中："};
    const char *wan[] = {"      2025年“三公”经费预算数为379100万元，比2024年预算减少10万元。其中："};
    int pg[] = {30};
    const char *u = "上海市普陀区人民政府万里街道办事处";
    size_t all;
    char msg[768];
    assert_int_equal(run(state, doc(ok, pg, 1, u, 2025, "预算", 3791), "W-MAGNITUDE", -1, NULL, 0, &all), 0);
    assert_int_equal(all, 0);
    assert_int_equal(
        run(state, doc(yuan, pg, 1, u, 2025, "预算", 3791), "W-MAGNITUDE", YU_SEV_ERROR, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "【37.91元】"));
    assert_int_equal(
        run(state, doc(wan, pg, 1, u, 2025, "预算", 3791), "W-MAGNITUDE", YU_SEV_ERROR, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "【379100万元】"));
    /* without the table nothing is known */
    assert_int_equal(run(state, doc(yuan, pg, 1, u, 2025, "预算", 0), "W-MAGNITUDE", -1, NULL, 0, NULL), 0);
}

static void catalogue(void **state)
{
    (void)state;
    size_t n = 0;
    const yu_rule_info *r = yu_claims_rules(&n);
    assert_int_equal(n, 6);
    assert_string_equal(r[3].id, "W-LIST");
    assert_string_equal(r[4].id, "W-SUBJECT");
    assert_string_equal(r[5].id, "W-REASON");
    assert_string_equal(r[0].id, "W-WHO");
}

/* ---- W-LIST ---- */

/* putuo-finance-bureau-2024-final-accounts, page 16: 一般公共预算财政拨款基本支出决算表
 * (万元), the rows as printed (blank rows left out, 302/310 of the right half) */
static const struct {
    const char *code, *name;
    int64_t v; /* hundredths of 万元, -1 blank */
} BASIC[] = {
    {"301", "工资福利支出", 208285},      {"30101", "基本工资", 26233},       {"30102", "津贴补贴", 123858},
    {"30103", "奖金", -1},                {"30106", "伙食补助费", -1},        {"30107", "绩效工资", -1},
    {"30108", "机关事业单位基本养老保险缴费", 16075}, {"30109", "职业年金缴费", 8038},
    {"30110", "职工基本医疗保险缴费", 6099}, {"30111", "公务员医疗补助缴费", -1}, {"30112", "其他社会保障缴费", 161},
    {"30113", "住房公积金", 18719},       {"30114", "医疗费", -1},            {"30199", "其他工资福利支出", 9103},
    {"303", "对个人和家庭的补助", 6941},  {"30301", "离休费", -1},            {"30302", "退休费", 6910},
    {"30304", "抚恤金", -1},              {"30305", "生活补助", -1},          {"30307", "医疗费补助", -1},
    {"30309", "奖励金", 31},              {"30310", "个人农业生产补贴", -1},  {"30399", "其他对个人和家庭的补助", -1},
    {"302", "商品和服务支出", 17107},     {"30201", "办公费", 2121},          {"30202", "印刷费", 761},
    {"30203", "咨询费", -1},              {"30204", "手续费", 9},             {"30207", "邮电费", 488},
    {"30211", "差旅费", 120},             {"30213", "维修（护）费", 283},     {"30216", "培训费", 405},
    {"30226", "劳务费", 201},             {"30228", "工会经费", 2442},        {"30229", "福利费", 4277},
    {"30239", "其他交通费用", 4849},      {"30299", "其他商品和服务支出", 1153}, {"310", "资本性支出", 1358},
    {"31002", "办公设备购置", 1358},      {"31003", "专用设备购置", -1},
};

static yu_gdoc *econ_doc(const char *const *lines, int n)
{
    int pg[16];
    for (int i = 0; i < n && i < 16; i++)
        pg[i] = 23;
    yu_gdoc *d = doc(lines, pg, n, "上海市普陀区财政局", 2024, "决算", 0);
    size_t nr = sizeof BASIC / sizeof BASIC[0];
    yu_gtable *t = yu_arena_alloc(d->arena, sizeof *t);
    memset(t, 0, sizeof *t);
    t->title = "一般公共预算财政拨款基本支出决算表";
    t->unit = 10000;
    t->unit_text = "万元";
    t->page = 16;
    t->from = t->to = n;
    t->ncols = 1;
    t->cols = yu_arena_alloc(d->arena, sizeof *t->cols);
    memset(t->cols, 0, sizeof *t->cols);
    t->cols[0].label = "决算数";
    t->nrows = nr;
    t->rows = yu_arena_alloc(d->arena, nr * sizeof *t->rows);
    memset(t->rows, 0, nr * sizeof *t->rows);
    for (size_t i = 0; i < nr; i++) {
        yu_grow *r = &t->rows[i];
        snprintf(r->code, sizeof r->code, "%s", BASIC[i].code);
        r->name = BASIC[i].name;
        r->level = strlen(BASIC[i].code) == 3 ? 1 : 2;
        r->cells = yu_arena_alloc(d->arena, sizeof(yu_gcell));
        memset(r->cells, 0, sizeof(yu_gcell));
        if (BASIC[i].v >= 0) {
            r->cells[0].kind = YU_GC_NUM;
            r->cells[0].dec = 2;
            r->cells[0].v = BASIC[i].v;
        }
    }
    d->tables = t;
    d->ntables = 1;
    return d;
}

/* the same document, page 23, as printed: the 人员经费 list names
 * 个人农业生产补贴 (30310, blank in the table) and leaves out 奖励金 (30309,
 * 0.31万元) — a real error; the 公用经费 list names exactly the rows with money */
#define L1 "  一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元，主要"
#define L2 "包括：基本工资、津贴补贴、机关事业单位基本养老保险缴费、职业年金缴费、职工"
#define L3 "基本医疗保险缴费、其他社会保障缴费、住房公积金、其他工资福利支出、退休"
#define L5 "费、邮电费、差旅费、维修（护）费、培训费、劳务费、工会经费、福利费、其他交"
#define L6 "通费用、其他商品和服务支出、办公设备购置。"
static void list_parts(void **state)
{
    const char *printed[] = {L1, L2, L3, "费、个人农业生产补贴；公用经费184.65万元，主要包括：办公费、印刷费、手续", L5, L6};
    const char *right[] = {L1, L2, L3, "费、奖励金；公用经费184.65万元，主要包括：办公费、印刷费、手续", L5, L6};
    /* one real sentence changed: a blank row named (咨询费), a row with money left out (福利费) */
    const char *zero[] = {L1, L2, L3, "费、奖励金；公用经费184.65万元，主要包括：办公费、印刷费、咨询费、手续", L5, L6};
    const char *missing[] = {L1, L2, L3, "费、奖励金；公用经费184.65万元，主要包括：办公费、印刷费、手续",
                             "费、邮电费、差旅费、维修（护）费、培训费、劳务费、工会经费、其他交", L6};
    /* a list ending in 等 need not name every row */
    const char *open[] = {L1, L2, L3, "费、奖励金；公用经费184.65万元，主要包括：办公费、印刷费、手续",
                          "费、邮电费、差旅费、维修（护）费、培训费、劳务费、工会经费等。"};
    /* 办公费 is 公用经费, not 人员经费 */
    const char *other[] = {L1, L2, L3, "费、奖励金、办公费；公用经费184.65万元，主要包括：办公费、印刷费、手续", L5, L6};
    char msg[1024];
    size_t all;
    assert_int_equal(run(state, econ_doc(printed, 6), "W-LIST", YU_SEV_ERROR, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "个人农业生产补贴（30310）"));
    assert_non_null(strstr(msg, "奖励金（30309，0.31万元）"));
    assert_non_null(strstr(msg, "第23页"));
    assert_non_null(strstr(msg, "《一般公共预算财政拨款基本支出决算表》（第16页）"));
    assert_int_equal(run(state, econ_doc(right, 6), "W-LIST", -1, NULL, 0, &all), 0);
    assert_int_equal(all, 0);
    assert_int_equal(run(state, econ_doc(zero, 6), "W-LIST", YU_SEV_WARNING, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "没有数额的咨询费（30203）"));
    assert_int_equal(run(state, econ_doc(missing, 6), "W-LIST", YU_SEV_ERROR, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "未列举表中有数额的福利费（30229，42.77万元）"));
    assert_int_equal(run(state, econ_doc(open, 5), "W-LIST", -1, NULL, 0, NULL), 0);
    assert_int_equal(run(state, econ_doc(other, 6), "W-LIST", YU_SEV_WARNING, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "不属于人员经费的办公费（30201）"));
}

/* the stated whole against the table's classes: 公用经费184.65万元 is 302 +
 * 310 (171.07 + 13.58); 194.65 is not */
static void list_whole(void **state)
{
    const char *bad[] = {L1, L2, L3, "费、奖励金；公用经费194.65万元，主要包括：办公费、印刷费、手续", L5, L6};
    char msg[1024];
    assert_int_equal(run(state, econ_doc(bad, 6), "W-LIST", YU_SEV_WARNING, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "公用经费为194.65万元"));
    assert_non_null(strstr(msg, "合计184.67万元"));
    /* its figures are money in 分, and say so (JSON fen_per_figure 1) */
    assert_int_equal(last.fen, 1);
    assert_int_equal(last.got, 194650000);
}

/* shanghai-2026-audit-bureau-unit-budget, page 4: “财政拨款收入支出减少的主要原因一是
 * 人员经费减少，二是公用经费压减。” — the same reason for an increase argues the other
 * way; a reason with a negation or last year in it is not judged */
static void reason_direction(void **state)
{
    const char *ok[] = {"  财政拨款收入支出减少的主要原因一是人员经费减少，二是公用经费压减。"};
    const char *bad[] = {"  财政拨款收入支出增加的主要原因一是人员经费减少，二是公用经费压减。"};
    const char *hedged[] = {"  比上年执行数增加1,042.35万元，增长604.1%，主要原因是本年度安排了市北郊监狱开办费，上年度未安排。"};
    const char *mixed[] = {"  财政拨款收入支出增加的主要原因一是人员经费增加，二是公用经费压减。"};
    const char *pair[] = {"  财政拨款收入支出增加（减少）的主要原因一是人员经费减少。"};
    /* a term ended (到期) argues for less, unless it brings a replacement */
    const char *ended[] = {"  公用经费增加的主要原因是房屋租赁合同到期。"};
    const char *renewed[] = {"  公用经费增加的主要原因是部分设备使用年限到期，更换设备。"};
    int pg[] = {4};
    const char *u = "上海市审计局";
    char msg[1024];
    size_t all;
    assert_int_equal(run(state, doc(ok, pg, 1, u, 2026, "预算", 0), "W-REASON", -1, NULL, 0, &all), 0);
    assert_int_equal(all, 0);
    assert_int_equal(run(state, doc(bad, pg, 1, u, 2026, "预算", 0), "W-REASON", YU_SEV_WARNING, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "第4页"));
    assert_non_null(strstr(msg, "【人员经费减少，二是公用经费压减】"));
    assert_int_equal(run(state, doc(hedged, pg, 1, u, 2026, "预算", 0), "W-REASON", -1, NULL, 0, NULL), 0);
    assert_int_equal(run(state, doc(mixed, pg, 1, u, 2026, "预算", 0), "W-REASON", -1, NULL, 0, NULL), 0);
    assert_int_equal(run(state, doc(pair, pg, 1, u, 2026, "预算", 0), "W-REASON", -1, NULL, 0, NULL), 0);
    assert_int_equal(run(state, doc(ended, pg, 1, u, 2026, "预算", 0), "W-REASON", YU_SEV_WARNING, msg, sizeof msg, NULL), 1);
    assert_int_equal(run(state, doc(renewed, pg, 1, u, 2026, "预算", 0), "W-REASON", -1, NULL, 0, NULL), 0);
}

/* ---- W-SUBJECT ---- */

/* putuo-wanli-2025-budget, page 10 (部门收入预算总表): the 卫生健康支出 rows */
static yu_gdoc *func_doc(const char *const *lines, int n, int year)
{
    static const char *const rows[][2] = {
        {"210", "卫生健康支出"},   {"21007", "计划生育事务"},   {"2100717", "计划生育服务"},
        {"21011", "行政事业单位医疗"}, {"2101101", "行政单位医疗"}, {"2101102", "事业单位医疗"},
    };
    int pg[8];
    for (int i = 0; i < n && i < 8; i++)
        pg[i] = 7;
    yu_gdoc *d = doc(lines, pg, n, "上海市普陀区人民政府万里街道办事处", year, "预算", 0);
    size_t nr = sizeof rows / sizeof rows[0];
    yu_gtable *t = yu_arena_alloc(d->arena, sizeof *t);
    memset(t, 0, sizeof *t);
    t->title = "部门收入预算总表";
    t->unit = 1;
    t->page = 10;
    t->from = t->to = n;
    t->nrows = nr;
    t->rows = yu_arena_alloc(d->arena, nr * sizeof *t->rows);
    memset(t->rows, 0, nr * sizeof *t->rows);
    for (size_t i = 0; i < nr; i++) {
        snprintf(t->rows[i].code, sizeof t->rows[i].code, "%s", rows[i][0]);
        t->rows[i].name = rows[i][1];
    }
    d->tables = t;
    d->ntables = 1;
    return d;
}

/* putuo-wanli-2025-budget p.7: “21. “卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元，
 * 主要用于计划生育事务。” — the table has 21007 计划生育事务 (款) and 2100717 计划生育服务 (项) */
static void subject_levels(void **state)
{
    const char *printed[] = {"    21. “卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元，主要用于计划生育事务。"};
    const char *right[] = {"    21. “卫生健康支出（类）计划生育事务（款）计划生育服务（项）”科目20.00万元，主要用于计划生育服务。"};
    const char *other[] = {"    22. “卫生健康支出（类）计划生育事务（款）行政单位医疗（项）”科目146.89万元，主要用于行政单位医疗。"};
    /* putuo-wanli-2023-budget p.6 pattern: the purpose is another item's name */
    const char *copied[] = {"    22. “卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）”科目146.89万元，主要用于行政单位医疗。"};
    char msg[1024];
    size_t all;
    assert_int_equal(run(state, func_doc(printed, 1, 2025), "W-SUBJECT", YU_SEV_ERROR, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "“卫生健康支出”在表中是类（210），不是款"));
    assert_non_null(strstr(msg, "“计划生育事务”在表中是款（21007），不是项"));
    assert_non_null(strstr(msg, "按表应为“卫生健康支出（类）计划生育事务（款）计划生育服务（项）”"));
    assert_int_equal(run(state, func_doc(right, 1, 2025), "W-SUBJECT", -1, NULL, 0, &all), 0);
    assert_int_equal(all, 0);
    assert_int_equal(run(state, func_doc(other, 1, 2025), "W-SUBJECT", YU_SEV_ERROR, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "项“行政单位医疗”（2101101）不属于款“计划生育事务”（21007）"));
    assert_int_equal(run(state, func_doc(copied, 1, 2025), "W-SUBJECT", YU_SEV_ERROR, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "另一科目“行政单位医疗”（2101101）"));
}

/* putuo-welfare-home-2024-unit-budget p.6: “5. “医疗卫生与计划生育支出（类）行政事业单位医疗（款）事业单位
 * 医疗（项）”50.37万元” — the name of 210 until 2018, in a 2024 document; in a 2018 one it is right */
static void subject_old_name(void **state)
{
    const char *l[] = {"  5. “医疗卫生与计划生育支出（类）行政事业单位医疗（款）事业单位医疗（项）”50.37万元，主要用于人员医疗保险。"};
    char msg[1024];
    assert_int_equal(run(state, func_doc(l, 1, 2024), "W-SUBJECT", YU_SEV_ERROR, msg, sizeof msg, NULL), 1);
    assert_non_null(strstr(msg, "自2019年起已更名为“卫生健康支出”"));
    assert_int_equal(run(state, func_doc(l, 1, 2018), "W-SUBJECT", -1, NULL, 0, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(who_header), cmocka_unit_test(list_parts), cmocka_unit_test(list_whole), cmocka_unit_test(reason_direction), cmocka_unit_test(subject_levels), cmocka_unit_test(subject_old_name), cmocka_unit_test(who_level), cmocka_unit_test(who_numbered), cmocka_unit_test(when_year),
        cmocka_unit_test(when_date),  cmocka_unit_test(magnitude), cmocka_unit_test(catalogue),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
