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
    assert_int_equal(n, 3);
    assert_string_equal(r[0].id, "W-WHO");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(who_header), cmocka_unit_test(who_level), cmocka_unit_test(when_year),
        cmocka_unit_test(when_date),  cmocka_unit_test(magnitude), cmocka_unit_test(catalogue),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
