/* Unit tests: the narrative of any disclosure (gnarr.c).  Each rule has a
 * real sentence copied from the corpus that passes and the same sentence
 * with one figure changed that it reports. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "yusuan/read.h"
#include "internal.h"

const yu_rule_info *yu_gnarr_rules(size_t *n);

#define VOCAB YU_DATADIR "/vocab/budget.vocab"

static yu_vocab *V;
static int Year = 2026; /* the budget year of the document built */

static int group_setup(void **state)
{
    (void)state;
    yu_error err = {0};
    return yu_vocab_load(VOCAB, &V, &err) == YU_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    yu_vocab_free(V);
    return 0;
}

/* a document of these lines, all on page 3, with the 三公 table of
 * guangzhou-2026-statistics-bureau (万元) when with_table */
static yu_gdoc *doc(const char *const *lines, int n, int with_table)
{
    yu_gdoc *d = calloc(1, sizeof *d);
    d->arena = yu_arena_new();
    d->year = Year;
    d->lines = yu_arena_alloc(d->arena, (size_t)(n + 8) * sizeof *d->lines);
    d->line_page = yu_arena_alloc(d->arena, (size_t)(n + 8) * sizeof *d->line_page);
    for (int i = 0; i < n; i++) {
        d->lines[i] = lines[i];
        d->line_page[i] = 3;
    }
    d->nlines = n;
    if (!with_table)
        return d;
    static const char *rows[] = {"行政经费", "\"三公\"经费", "其中：（一）因公出国（境）支出", "（三）公务接待费支出"};
    static const int64_t vals[] = {83921, 1986, 500, 816};
    /* the table's own lines come after the narrative */
    d->lines[n] = "财政拨款安排的行政经费及“三公”经费预算表";
    d->line_page[n] = 4;
    d->nlines = n + 1;
    yu_gtable *t = yu_arena_alloc(d->arena, sizeof *t);
    t->title = "财政拨款安排的行政经费及\"三公\"经费预算表";
    t->kind = "sangong";
    t->unit = 10000;
    t->unit_text = "万元";
    t->from = n;
    t->to = n + 1;
    t->ncols = 2;
    t->cols = yu_arena_alloc(d->arena, 2 * sizeof *t->cols);
    t->cols[0].label = "合计";
    t->cols[0].concept = "total";
    t->cols[1].label = "一般公共预算";
    t->cols[1].concept = "gpb";
    t->nrows = 4;
    t->rows = yu_arena_alloc(d->arena, 4 * sizeof *t->rows);
    for (int r = 0; r < 4; r++) {
        t->rows[r].name = rows[r];
        t->rows[r].level = 1;
        t->rows[r].cells = yu_arena_alloc(d->arena, 2 * sizeof(yu_gcell));
        for (int k = 0; k < 2; k++) {
            t->rows[r].cells[k].kind = YU_GC_NUM;
            t->rows[r].cells[k].dec = 2;
            t->rows[r].cells[k].v = vals[r];
            t->rows[r].cells[k].text = "x";
        }
    }
    d->tables = t;
    d->ntables = 1;
    return d;
}

static void free_doc(yu_gdoc *d)
{
    yu_arena_free(d->arena);
    free(d);
}

/* findings of a rule (of a severity, or any when sev < 0) */
static size_t run(const char *const *lines, int n, int with_table, const char *rule, int sev, char *msg, size_t cap)
{
    yu_gdoc *d = doc(lines, n, with_table);
    yu_findings f = {0};
    assert_int_equal(yu_gnarr_check(d, V, &f), YU_OK);
    size_t k = 0;
    for (size_t i = 0; i < f.n; i++)
        if (!strcmp(f.f[i].rule, rule) && (sev < 0 || (int)f.f[i].sev == sev)) {
            if (!k && msg)
                snprintf(msg, cap, "%s", f.f[i].msg);
            k++;
        }
    yu_findings_free(&f);
    free_doc(d);
    return k;
}

static size_t total(const char *const *lines, int n, int with_table)
{
    yu_gdoc *d = doc(lines, n, with_table);
    yu_findings f = {0};
    assert_int_equal(yu_gnarr_check(d, V, &f), YU_OK);
    size_t k = f.n;
    yu_findings_free(&f);
    free_doc(d);
    return k;
}

#define N(a) ((int)(sizeof(a) / sizeof(a)[0]))

/* guangzhou-2026-statistics-bureau, p.21-22 (blank lines between wrapped lines as printed) */
static const char *gz[] = {
    "  一、部门预算收支增减变化情况",
    "",
    "  2026年本部门收入预算9,483.72万元，比上年增加552.08万",
    "",
    "元，增长6.2%，主要原因是因政策性因素人员经费收入预算比上",
    "",
    "年增加；支出预算9,483.72万元，比上年增加552.08万元，增长",
    "",
    "6.2%，主要原因是因政策性因素人员经费支出预算比上年增加。",
    "",
    "  二、“三公”经费安排情况",
    "",
    "  2026年本部门财政拨款安排“三公”经费19.86万元，比上年",
    "",
    "减少22.65万元，下降53.3%，主要原因是厉行节约，压减“三",
    "",
    "公”经费预算。其中：因公出国（境）费5万元，比上年减少15万",
    "",
    "元，下降75%，主要原因是厉行节约，压减因公出国（境）经费预",
    "                - 21 -",
    "算；公务接待费8.16万元，比上年减少5.35万元，下降39.6%，",
    "主要原因是厉行节约，压减公务接待费预算。",
    "",
    "   四、政府采购情况",
    "",
    "  2026年本部门政府采购安排562.87万元，其中：货物类采购",
    "",
    "预算15.4万元，工程类采购预算26.6万元，服务类采购预算",
    "",
    "520.87万元等。",
};

static void test_clean_document(void **state)
{
    (void)state;
    assert_int_equal(total(gz, N(gz), 1), 0);
}

static void changed(const char **copy, const char *const *from, int n, int at, const char *line)
{
    for (int i = 0; i < n; i++)
        copy[i] = from[i];
    copy[at] = line;
}

static void test_rate(void **state)
{
    (void)state;
    const char *c[N(gz)];
    char msg[800];
    /* 增长6.2% printed as 7.2% */
    changed(c, gz, N(gz), 4, "元，增长7.2%，主要原因是因政策性因素人员经费收入预算比上");
    assert_int_equal(run(c, N(gz), 1, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "第3页"));
    assert_non_null(strstr(msg, "6.2%"));
    assert_non_null(strstr(msg, "7.2%"));
    /* 6.1% (6.18% computed): one unit of the last digit off is a rounding residue, not an error */
    changed(c, gz, N(gz), 4, "元，增长6.1%，主要原因是因政策性因素人员经费收入预算比上");
    assert_int_equal(run(c, N(gz), 1, "N-RATE", YU_SEV_ERROR, NULL, 0), 0);
    assert_int_equal(run(c, N(gz), 1, "N-RATE", YU_SEV_ROUNDING, NULL, 0), 1);
    /* 下降75% of 15万元 from 20万元 printed in whole 万元: 70% is within printing */
    changed(c, gz, N(gz), 18, "元，下降60%，主要原因是厉行节约，压减因公出国（境）经费预");
    assert_int_equal(run(c, N(gz), 1, "N-RATE", YU_SEV_ERROR, NULL, 0), 1);
    assert_int_equal(run(gz, N(gz), 1, "N-RATE", -1, NULL, 0), 0);
    /* the whole figure an increase (last year nothing) and still a rate */
    changed(c, gz, N(gz), 2, "  2026年本部门收入预算9,483.72万元，比上年增加9,483.72万");
    assert_int_equal(run(c, N(gz), 1, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "上年为0，增长率无从计算"));
}

static void test_direction(void **state)
{
    (void)state;
    const char *c[N(gz)];
    char msg[800];
    /* 减少…，增长: the two words of one change disagree */
    changed(c, gz, N(gz), 20, "算；公务接待费8.16万元，比上年减少5.35万元，增长39.6%，");
    assert_int_equal(run(c, N(gz), 1, "N-DIRECTION", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "公务接待费8.16万元"));
    assert_int_equal(run(gz, N(gz), 1, "N-DIRECTION", -1, NULL, 0), 0);
}

/* putuo-wanli-2023-budget p.6-7: last year printed */
static const char *pt[] = {
    "    15. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）”441.25万元，主要用于",
    "机关事业单位基本养老保险缴费支出。2022年当年预算执行数为274.85万元，2023年预算安排441.25万元，比2022年预算执行数增加",
    "60.54%。主要原因是：机关事业单位基本养老保险缴费支出经费增加。",
};

static void test_rate_last_year_printed(void **state)
{
    (void)state;
    const char *c[N(pt)];
    Year = 2023;
    assert_int_equal(total(pt, N(pt), 0), 0);
    /* the document's item 16 kept item 15's 441.25 with its own 132.59 */
    changed(c, pt, N(pt), 1,
            "机关事业单位基本养老保险缴费支出。2022年当年预算执行数为132.59万元，2023年预算安排441.25万元，比2022年预算执行数增加");
    assert_int_equal(run(c, N(pt), 0, "N-RATE", YU_SEV_ERROR, NULL, 0), 1);
    Year = 2026;
}

static const char *pt2[] = {
    "  支出预算16497.86万元，其中：财政拨款支出预算16497.86万元，比2022年预算增加1421.25万元。财政拨款支出预算中，一般公共",
    "预算拨款支出预算16497.86万元，比2022年预算增加1421.25万元；政府性基金拨款支出预算0万元，比2022年预算持平。",
};

static void test_change(void **state)
{
    (void)state;
    const char *c[N(pt2)];
    char msg[800];
    Year = 2023;
    assert_int_equal(total(pt2, N(pt2), 0), 0);
    /* as printed in putuo-wanli-2023 p.6: an increase of 1421.25 to 0万元 */
    changed(c, pt2, N(pt2), 1,
            "预算拨款支出预算16497.86万元，比2022年预算增加1421.25万元；政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元。");
    assert_int_equal(run(c, N(pt2), 0, "N-CHANGE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "政府性基金拨款支出预算0万元"));
    Year = 2026;
}

static const char *lastyear[] = {
    "  2026年“三公”经费预算数为413.68万元，上年预算数为399.50万元，比上年预算数增加14.18万元，增长3.5%。",
};

static void test_change_both_years(void **state)
{
    (void)state;
    const char *c[1];
    assert_int_equal(total(lastyear, 1, 0), 0);
    c[0] = "  2026年“三公”经费预算数为413.68万元，上年预算数为399.50万元，比上年预算数增加24.18万元，增长3.5%。";
    assert_int_equal(run(c, 1, 0, "N-CHANGE", YU_SEV_ERROR, NULL, 0), 1);
    c[0] = "  2026年“三公”经费预算数为413.68万元，上年预算数为429.50万元，比上年预算数增加14.18万元，增长3.5%。";
    assert_int_equal(run(c, 1, 0, "N-DIRECTION", YU_SEV_ERROR, NULL, 0), 1);
}

/* hangzhou-2026-justice-bureau p.3-4 */
static const char *hz[] = {
    "  （二）收入预算情况说明（详见表 1-3）",
    "  2026 年收入预算 99,230.46 万元，比上年执行数增加",
    "",
    "                  3",
    "\f7,331.92 万元，增长 8.0%，主要原因是本年度北郊监狱改",
    "扩建工程项目预算增加，部门人员经费增加，市东郊监",
    "狱、北郊监狱其他资金项目增加。",
    "   其中 ：一般 公 共预 算 拨 款收 入 91,495.48 万 元 ， 占",
    "92.2%；其他收入 7,387.66 万元，占 7.4%；上年结转结余",
    "347.32 万元，占 0.4%。",
};

static void test_share(void **state)
{
    (void)state;
    const char *c[N(hz)];
    char msg[800];
    assert_int_equal(total(hz, N(hz), 0), 0);
    changed(c, hz, N(hz), 8, "92.2%；其他收入 7,387.66 万元，占 8.4%；上年结转结余");
    assert_int_equal(run(c, N(hz), 0, "N-SHARE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "7.4%"));
    assert_non_null(strstr(msg, "99,230.46"));
}

static void test_parts(void **state)
{
    (void)state;
    const char *c[N(gz)];
    char msg[800];
    changed(c, gz, N(gz), 29, "530.87万元等。");
    assert_int_equal(run(c, N(gz), 1, "N-PARTS", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "572.87"));
    /* shares summing to 100% make the list exhaustive */
    const char *h[N(hz)];
    changed(h, hz, N(hz), 9, "357.32 万元，占 0.4%。");
    assert_int_equal(run(h, N(hz), 0, "N-PARTS", -1, NULL, 0), 1);
    assert_int_equal(run(gz, N(gz), 1, "N-PARTS", -1, NULL, 0), 0);
}

static void test_table(void **state)
{
    (void)state;
    const char *c[N(gz)];
    char msg[800];
    changed(c, gz, N(gz), 12, "  2026年本部门财政拨款安排“三公”经费19.96万元，比上年");
    assert_int_equal(run(c, N(gz), 1, "N-TABLE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "19.86"));
    /* 公务接待费 printed 8.17 against the table's 8.16: a rounding residue at most */
    changed(c, gz, N(gz), 20, "算；公务接待费8.17万元，比上年减少5.35万元，下降39.6%，");
    assert_int_equal(run(c, N(gz), 1, "N-TABLE", YU_SEV_ERROR, NULL, 0), 0);
    assert_int_equal(run(c, N(gz), 1, "N-TABLE", YU_SEV_ROUNDING, NULL, 0), 1);
    assert_int_equal(run(gz, N(gz), 1, "N-TABLE", -1, NULL, 0), 0);
    /* 因公出国（境）费: the (境) inside the name does not cut it */
    changed(c, gz, N(gz), 16, "公”经费预算。其中：因公出国（境）费7万元，比上年减少15万");
    assert_int_equal(run(c, N(gz), 1, "N-TABLE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "因公出国（境）费7万元"));
}

/* hangzhou-2026-justice-bureau, p.4: shares with no whole printed before them */
static const char *hzuse[] = {
    "   2.按支出用途分类，包括人员支出 58,486.35 万元，",
    "占 59.0%；日常公用支出 12,237.94 万元，占 12.3%；项目",
    "支出 28,506.17 万元，占 28.7%。",
};

static void test_share_no_whole(void **state)
{
    (void)state;
    const char *c[N(hzuse)];
    char msg[800];
    /* as printed: 59.0 where 58.9 is due, the three making 100.0 — a rounding residue */
    assert_int_equal(run(hzuse, N(hzuse), 0, "N-SHARE", YU_SEV_ERROR, NULL, 0), 0);
    assert_int_equal(run(hzuse, N(hzuse), 0, "N-SHARE", YU_SEV_ROUNDING, NULL, 0), 1);
    /* one share wrong: they no longer make 100%, but the two others fit the parts' sum */
    changed(c, hzuse, N(hzuse), 1, "占 69.0%；日常公用支出 12,237.94 万元，占 12.3%；项目");
    assert_int_equal(run(c, N(hzuse), 0, "N-SHARE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "58.9%"));
    assert_non_null(strstr(msg, "69.0%"));
    /* two wrong: no telling which list this is — nothing said */
    changed(c, hzuse, N(hzuse), 1, "占 69.0%；日常公用支出 12,237.94 万元，占 22.3%；项目");
    assert_int_equal(run(c, N(hzuse), 0, "N-SHARE", -1, NULL, 0), 0);
}

/* a document of these lines and one table of nrows × ncols figures (vals row
 * by row; codes may be NULL), checked: its N-TABLE errors (the first one's
 * message in msg) */
/* the number printed with the table table_errors builds (表5), or NULL */
static const char *Number;
static const char *Kind; /* the document's kind: NULL (a budget) or "决算" */
static const int *Levels; /* the rows' levels, when set (a table without codes) */

static size_t table_errors(const char *const *lines, int n, const char *title, const char *kind, int complete,
                           int ncols, const char *const *labels, int nrows, const char *const *names,
                           const char *const *codes, const char *concept, const int64_t *vals, char *msg, size_t cap)
{
    yu_gdoc *d = doc(lines, n, 0);
    yu_gtable *t = yu_arena_alloc(d->arena, sizeof *t);
    memset(t, 0, sizeof *t);
    t->title = title;
    t->number = Number;
    d->kind = Kind;
    t->kind = kind;
    t->unit = 10000;
    t->unit_text = "万元";
    t->complete = complete;
    t->ncols = (size_t)ncols;
    t->cols = yu_arena_alloc(d->arena, (size_t)ncols * sizeof *t->cols);
    memset(t->cols, 0, (size_t)ncols * sizeof *t->cols);
    for (int k = 0; k < ncols; k++)
        t->cols[k].label = labels[k];
    t->nrows = (size_t)nrows;
    t->rows = yu_arena_alloc(d->arena, (size_t)nrows * sizeof *t->rows);
    memset(t->rows, 0, (size_t)nrows * sizeof *t->rows);
    for (int r = 0; r < nrows; r++) {
        yu_grow *w = &t->rows[r];
        w->name = names[r];
        w->concept = concept;
        w->level = Levels ? Levels[r] : concept ? 0 : codes ? (int)(strlen(codes[r]) + 1) / 2 - 1 : 1;
        if (codes)
            snprintf(w->code, sizeof w->code, "%s", codes[r]);
        w->cells = yu_arena_alloc(d->arena, (size_t)ncols * sizeof(yu_gcell));
        memset(w->cells, 0, (size_t)ncols * sizeof(yu_gcell));
        for (int k = 0; k < ncols; k++)
            if (vals[r * ncols + k] >= 0) {
                w->cells[k].kind = YU_GC_NUM;
                w->cells[k].dec = 2;
                w->cells[k].v = vals[r * ncols + k];
            }
    }
    d->tables = t;
    d->ntables = 1;
    yu_findings f = {0};
    assert_int_equal(yu_gnarr_check(d, V, &f), YU_OK);
    size_t k = 0;
    for (size_t i = 0; i < f.n; i++)
        if (!strcmp(f.f[i].rule, "N-TABLE") && f.f[i].sev == YU_SEV_ERROR) {
            if (!k && msg)
                snprintf(msg, cap, "%s", f.f[i].msg);
            k++;
        }
    yu_findings_free(&f);
    free_doc(d);
    return k;
}

/* hangzhou-2026-justice-bureau, p.4, and its 支出预算总表 (no codes; 类 rows at level 1) */
static const char *hzfunc[] = {
    "   1.按支出功能分类，包括一般公共服务支出 12,868.19",
    "万元、公共安全支出 76,468.81 万元、社会保障和就业支",
    "出 7,458.52 万元、卫生健康支出 2,434.95 万元。",
};

static size_t run_func(const char *const *lines, int n, char *msg, size_t cap)
{
    static const char *rows[] = {"一般公共服务支出", "公共安全支出", "社会保障和就业支出", "卫生健康支出"};
    static const char *cols[] = {"总计", "财政拨款"}; /* the narrative may mean either */
    static const int64_t vals[] = {1286819, 1286819, 7646881, 6908115, 745852, 745852, 243495, 243495};
    return table_errors(lines, n, "市级部门支出预算总表", "expend", 1, 2, cols, 4, rows, NULL, NULL, vals, msg, cap);
}

static void test_table_by_class(void **state)
{
    (void)state;
    const char *c[N(hzfunc)];
    char msg[800];
    assert_int_equal(run_func(hzfunc, N(hzfunc), NULL, 0), 0);
    changed(c, hzfunc, N(hzfunc), 1, "万元、公共安全支出 76,568.81 万元、社会保障和就业支");
    assert_int_equal(run_func(c, N(hzfunc), msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "公共安全支出76,568.81万元"));
    assert_non_null(strstr(msg, "76,468.81"));
    /* the 财政拨款 figure of the row is one the list may mean */
    changed(c, hzfunc, N(hzfunc), 1, "万元、公共安全支出 69,081.15 万元、社会保障和就业支");
    assert_int_equal(run_func(c, N(hzfunc), NULL, 0), 0);
    /* a 类 named as such (shanghai-2026-jiaotong p.4: 2.“社会保障和就业支出”科目4,469万元) needs no 功能分类 */
    const char *named[] = {"    财政拨款支出主要内容如下：", "    2.“公共安全支出”科目76,568.81万元，主要用于监狱运行。"};
    assert_int_equal(run_func(named, 2, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "76,468.81"));
    named[1] = "    2.“公共安全支出”科目76,468.81万元，主要用于监狱运行。";
    assert_int_equal(run_func(named, 2, NULL, 0), 0);
    /* a list not by 功能分类 is not tied to the 类 rows */
    changed(c, hzfunc, N(hzfunc), 0, "   1.按单位分类，包括一般公共服务支出 12,868.19");
    c[1] = "万元、公共安全支出 76,568.81 万元、社会保障和就业支";
    assert_int_equal(run_func(c, N(hzfunc), NULL, 0), 0);
}

/* suzhou-2026-data-bureau, p.35: 与上年相比减少B万元，减少C% (no 比上年) */
static const char *szchg[] = {
    "       2.建设市场管理与监督（款）建设市场管理与监督（项）支出",
    "  3,219.23 万元，与上年相比减少 155.71 万元，减少 4.61%。主要",
};

static void test_rate_compared_with(void **state)
{
    (void)state;
    const char *c[N(szchg)];
    char msg[800];
    assert_int_equal(total(szchg, N(szchg), 0), 0);
    changed(c, szchg, N(szchg), 1, "  3,319.23 万元，与上年相比减少 155.71 万元，减少 4.61%。主要");
    assert_int_equal(run(c, N(szchg), 0, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "4.48%"));
    /* 与上年预算数相比增加: the same with words between (5.08% is due, not 5.80%) */
    changed(c, szchg, N(szchg), 1, "  3,219.23 万元，与上年预算数相比增加 155.71 万元，增长 5.80%。主要");
    assert_int_equal(run(c, N(szchg), 0, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "5.08%"));
}

/* fuzhou-2026-commerce-bureau, p.24: (一)2011301-行政运行2163.74万元 and its 一般公共预算支出表 */
static const char *fzcode[] = {
    "其中（按项级科目分类统计）：",
    "  （一）2011301-行政运行 2163.74 万元。主要用于局本级基",
    "本支出。",
};

static size_t run_code(const char *const *lines, int n, int complete, char *msg, size_t cap)
{
    static const char *rows[] = {"行政运行"}, *codes[] = {"2011301"};
    static const char *cols[] = {"合计", "基本支出", "项目支出"};
    static const int64_t vals[] = {216374, 216374, -1};
    return table_errors(lines, n, "一般公共预算支出表", "gpb_expend", complete, 3, cols, 1, rows, codes, NULL, vals, msg,
                        cap);
}

static void test_table_by_code(void **state)
{
    (void)state;
    const char *c[N(fzcode)];
    char msg[800];
    assert_int_equal(run_code(fzcode, N(fzcode), 1, NULL, 0), 0);
    changed(c, fzcode, N(fzcode), 1, "  （一）2011301-行政运行 2263.74 万元。主要用于局本级基");
    assert_int_equal(run_code(c, N(fzcode), 1, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "2,163.74"));
    /* a table not read completely is no measure */
    assert_int_equal(run_code(c, N(fzcode), 0, NULL, 0), 0);
    /* another name under that code: not the row meant */
    changed(c, fzcode, N(fzcode), 1, "  （一）2011301-一般行政管理事务 2263.74 万元。主要用于局本级基");
    assert_int_equal(run_code(c, N(fzcode), 1, NULL, 0), 0);
}

/* suzhou-2026-data-bureau, p.36: （一）人员经费 6,377.17 万元 and its 财政拨款支出表's 合计 row */
static size_t run_basic(const char *line, int complete)
{
    const char *lines[] = {"    五、一般公共预算基本支出情况", line};
    static const char *rows[] = {"合计"};
    static const char *cols[] = {"基本支出/人员经费", "基本支出/公用经费"};
    static const int64_t vals[] = {637717, 51857};
    return table_errors(lines, 2, "财政拨款支出表(功能科目)", "fiscal_expend", complete, 2, cols, 1, rows, NULL, "total",
                        vals, NULL, 0);
}

static void test_table_basic(void **state)
{
    (void)state;
    assert_int_equal(run_basic("      （一）人员经费 6,377.17 万元。主要包括：基本工资、津贴", 1), 0);
    assert_int_equal(run_basic("      （二）公用经费 518.57 万元。主要包括：办公费、印刷费、", 1), 0);
    assert_int_equal(run_basic("      （一）人员经费 6,477.17 万元。主要包括：基本工资、津贴", 1), 1);
    assert_int_equal(run_basic("      （二）公用经费 528.57 万元。主要包括：办公费、印刷费、", 1), 1);
    /* a table not read completely, or another subject's 人员经费, is no measure */
    assert_int_equal(run_basic("      （一）人员经费 6,477.17 万元。主要包括：基本工资、津贴", 0), 0);
    assert_int_equal(run_basic("      其中，行政运行人员经费 1,756.23 万元。", 1), 0);
}

/* suzhou-2026-emergency-bureau p.23: a line of the income list named as the
 * 收支总表 names its row, numbering aside */
static size_t run_rowname(const char *line)
{
    const char *lines[] = {"       （一）收入预算总计 7,062.8 万元。包括：", line};
    static const char *cols[] = {"预算数"};
    static const char *rows[] = {"一、一般公共预算拨款收入", "五、事业收入", "本年收入合计"};
    static const int64_t vals[] = {706280, 300, 706580};
    return table_errors(lines, 2, "收支总表", "summary", 1, 1, cols, 3, rows, NULL, NULL, vals, NULL, 0);
}

static void test_table_by_row_name(void **state)
{
    (void)state;
    assert_int_equal(run_rowname("       （1）一般公共预算拨款收入 7,062.8 万元，与上年相比减少"), 0);
    assert_int_equal(run_rowname("       （1）一般公共预算拨款收入 7,162.8 万元，与上年相比减少"), 1);
    assert_int_equal(run_rowname("       1．本年收入合计 7,065.8 万元。"), 0);
    assert_int_equal(run_rowname("       1．本年收入合计 7,075.8 万元。"), 1);
    /* a figure some table prints is no error (a row of that name in another scope) */
    assert_int_equal(run_rowname("       （1）一般公共预算拨款收入 7,065.8 万元，与上年相比减少"), 0);
    /* last year's figure, or a name only part of the row's, is not tied */
    assert_int_equal(run_rowname("       上年一般公共预算拨款收入 7,162.8 万元。"), 0);
    assert_int_equal(run_rowname("       （5）收入 9.00 万元。"), 0);
}

/* suzhou-2026-audit-bureau p.26: a 项 named with its 款 is its row's 合计 —
 * the row's other figures (its 基本支出) differ and do not hide an error */
static size_t run_xiang(const char *line)
{
    const char *lines[] = {"       （一）一般公共服务支出（类）", line};
    static const char *cols[] = {"合计", "基本支出", "项目支出"};
    static const char *rows[] = {"审计事务", "行政运行"};
    static const char *codes[] = {"20108", "2010801"};
    static const int64_t vals[] = {290663, 256713, 33950, 234200, 194640, 39560};
    return table_errors(lines, 2, "支出总表", "expend", 1, 3, cols, 2, rows, codes, NULL, vals, NULL, 0);
}

static void test_table_xiang_total(void **state)
{
    (void)state;
    assert_int_equal(run_xiang("       1.审计事务（款）行政运行（项）支出 2,342 万元，与上年相"), 0);
    assert_int_equal(run_xiang("       1.审计事务（款）行政运行（项）支出 2,442 万元，与上年相"), 1);
    /* one of its figures (the 基本支出), or another 款's 行政运行: no error */
    assert_int_equal(run_xiang("       1.审计事务（款）行政运行（项）支出 1,946.40 万元。"), 0);
    assert_int_equal(run_xiang("       1.人大事务（款）行政运行（项）支出 2,442 万元。"), 0);
}

/* hangzhou-2026-public-security-bureau p.9: a table without codes (names
 * indented) names a 项 once, under the 款 the narrative names */
static size_t run_nocode(const char *line)
{
    const char *lines[] = {"  （7）公共安全支出（类）公安（款）其他公安支出（项）4,312.09 万元。", line};
    static const char *cols[] = {"合计"};
    static const char *rows[] = {"科学技术支出", "技术研究与开发", "科技成果转化与扩散", "行政运行",
                                 "公共安全支出", "公安", "行政运行"};
    static const int lv[] = {0, 1, 2, 2, 0, 1, 2};
    static const int64_t vals[] = {3224098, 3224098, 3224000, 98, 431209, 431209, 431209};
    Levels = lv;
    size_t n = table_errors(lines, 2, "收支预算总表", "expend", 1, 1, cols, 7, rows, NULL, NULL, vals, NULL, 0);
    Levels = NULL;
    return n;
}

static void test_table_xiang_no_code(void **state)
{
    (void)state;
    assert_int_equal(run_nocode("  （8）科学技术支出（类）技术研究与开发（款）科技成果转化与扩散（项）32,240.00 万元，"), 0);
    assert_int_equal(run_nocode("  （8）科学技术支出（类）技术研究与开发（款）科技成果转化与扩散（项）33,240.00 万元，"), 1);
    /* another 款, or a name twice in the table: not tied */
    assert_int_equal(run_nocode("  （8）科学技术支出（类）基础研究（款）科技成果转化与扩散（项）33,240.00 万元，"), 0);
    assert_int_equal(run_nocode("  （8）公共安全支出（类）公安（款）行政运行（项）33,240.00 万元，"), 0);
}

/* suzhou-2026-audit-bureau p.26: a sentence that opens with the comparison
 * alone (与上年相比，) changes the figure closing the sentence before */
static void test_change_sentence_before(void **state)
{
    (void)state;
    const char *ok[] = {"       苏州市审计局 2026 年度财政拨款收、支总预算 4,651.67 万",
                        "  元。与上年相比，财政拨款收、支总计各增加 47.15 万元，增长",
                        "  1.02%。主要原因是人员经费有所增加。"};
    const char *bad[] = {ok[0], "  元。与上年相比，财政拨款收、支总计各增加 48.15 万元，增长", ok[2]};
    char msg[800];
    assert_int_equal(run(ok, 3, 0, "N-RATE", -1, NULL, 0), 0);
    assert_int_equal(run(bad, 3, 0, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "应为1.05%"));
    /* another subject, or the comparison not alone in its clause: no statement */
    const char *other[] = {ok[0], "  元。与上年相比，人员经费增加 48.15 万元，增长", ok[2]};
    assert_int_equal(run(other, 3, 0, "N-RATE", -1, NULL, 0), 0);
}

/* a web page's 情况说明 (wording of our own, the shape of a Guangxi county
 * unit's): a share between this year's figure and its change is no subject */
static void test_change_share_between(void **state)
{
    (void)state;
    const char *ok[] = {"（二）社会保障和就业支出类科目 120000 元，占支出总预算 11.20 %，同比增加 20000 元，增长 20.00%。"};
    const char *bad[] = {"（二）社会保障和就业支出类科目 120000 元，占支出总预算 11.20 %，同比增加 20000 元，增长 16.67%。"};
    char msg[800];
    assert_int_equal(run(ok, 1, 0, "N-RATE", -1, NULL, 0), 0);
    assert_int_equal(run(bad, 1, 0, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "应为20.00%"));
}

/* a comparison that names its subject in its own sentence takes no figure
 * of the sentence before as this year's (the 1.2万元 is 公务接待费's) */
static void test_change_own_sentence(void **state)
{
    (void)state;
    const char *two[] = {"  公务接待费预算1.2万元。“三公”经费预算数比上年预算数减少0.06万元，减幅0.02%。"};
    assert_int_equal(run(two, 1, 0, "N-RATE", -1, NULL, 0), 0);
    const char *one[] = {"  “三公”经费预算数2.7万元，比上年预算数减少0.06万元，减幅0.02%。"};
    char msg[800];
    assert_int_equal(run(one, 1, 0, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "2.17%"));
    /* a sentence opening with the comparison speaks of the figure of the sentence before
     * (hangzhou-2026-justice p.7: 214.07 万元 … 比上年执行数增加 37.16 万元，增长 21.0%) */
    const char *open[] = {"  （4）公共安全支出（类）司法（款）一般行政管理事务（项）214.07 万元，主要用于网络维护等支出。"
                          "比上年执行数增加 37.16 万元，增长 21.0%，主要原因是网络维护项目预算安排增加。"};
    assert_int_equal(run(open, 1, 0, "N-RATE", -1, NULL, 0), 0);
    const char *wrong[] = {"  （4）公共安全支出（类）司法（款）一般行政管理事务（项）214.07 万元，主要用于网络维护等支出。"
                           "比上年执行数增加 37.56 万元，增长 21.0%，主要原因是网络维护项目预算安排增加。"};
    assert_int_equal(run(wrong, 1, 0, "N-RATE", YU_SEV_ERROR, NULL, 0), 1);
}

/* two comparisons of one figure in a sentence, with the budget and with last
 * year (wording of our own, the shape of Chongqing towns' 三公 pages): each
 * rate is of its own base, 预算数 = A ± B or 上年 = A ± B */
static void test_change_budget_chain(void **state)
{
    (void)state;
    const char *ok[] = {"  2024年“三公”经费支出共计8.00万元，较年初预算数减少2.00万元，下降20.00%，"
                        "较上年支出数减少1.00万元，下降11.11%。"};
    assert_int_equal(run(ok, 1, 0, "N-RATE", -1, NULL, 0), 0);
    /* the last-year rate taken on this year's figure (1 / 8): wrong */
    const char *last[] = {"  2024年“三公”经费支出共计8.00万元，较年初预算数减少2.00万元，下降20.00%，"
                          "较上年支出数减少1.00万元，下降12.50%。"};
    char msg[800];
    assert_int_equal(run(last, 1, 0, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "与上年9.00万元计算"));
    /* the other order, the budget's rate wrong */
    const char *bud[] = {"  2024年“三公”经费8万元，较上年减少1万元，下降11.11%，较年初预算数减少2万元，下降8.00%。"};
    assert_int_equal(run(bud, 1, 0, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "与预算数10万元计算"));
    assert_non_null(strstr(msg, "20.00%"));
    /* alone after its figure, a comparison with the budget is checked too */
    const char *alone[] = {"  2024年“三公”经费决算8.00万元，比预算减少2.00万元，下降25.00%。"};
    assert_int_equal(run(alone, 1, 0, "N-RATE", YU_SEV_ERROR, NULL, 0), 1);
    /* a clause naming its own subject before 较预算 is not taken for the figure's */
    const char *other[] = {"  2024年“三公”经费决算8.00万元，公务接待费较预算减少2.00万元，下降25.00%。"};
    assert_int_equal(run(other, 1, 0, "N-RATE", -1, NULL, 0), 0);
}

/* 其中 after a sentence with two wholes (预算, 决算) names neither for sure;
 * with one, the parts must make it */
static void test_parts_whole_unclear(void **state)
{
    (void)state;
    const char *two[] = {"  “三公”经费财政拨款支出预算为40.00万元，实际支出“三公”经费决算为25.00万元。其中公务接待费为20.00万元，"
                         "占80.00%；公务用车运行维护费为5.00万元，占20.00%。"};
    assert_int_equal(run(two, 1, 0, "N-PARTS", -1, NULL, 0), 0);
    const char *one[] = {"  实际支出“三公”经费决算为26.00万元。其中公务接待费为20.00万元，占80.00%；公务用车运行维护费为5.00万元，"
                         "占20.00%。"};
    assert_int_equal(run(one, 1, 0, "N-PARTS", YU_SEV_ERROR, NULL, 0), 1);
}

/* 人员经费 and 公用经费 each opening a sentence after 基本支出…，其中： (wording
 * of our own, the shape of a Guangxi unit's web page: one paragraph, lines
 * not indented) add up to 基本支出 */
static void test_parts_in_sentences(void **state)
{
    (void)state;
    const char *ok[] = {"  2025年本年一般公共预算基本支出 742000.50 元，其中：",
                        "人员经费 650000.25 元，主要包括：基本工资、津贴补贴、住房公积金。",
                        "公用经费 92000.25 元，主要包括：办公费、工会经费。"};
    const char *bad[] = {"  2025年本年一般公共预算基本支出 772000.50 元，其中：", ok[1], ok[2]};
    char msg[800];
    assert_int_equal(run(ok, 3, 0, "N-PARTS", -1, NULL, 0), 0);
    assert_int_equal(run(bad, 3, 0, "N-PARTS", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "742,000.50"));
    assert_non_null(strstr(msg, "……公用经费92000.25元"));
    /* a sentence with a second figure is no part of its own */
    const char *two[] = {bad[0], ok[1], "公用经费 92000.25 元，其中办公费 30000 元。"};
    assert_int_equal(run(two, 3, 0, "N-PARTS", YU_SEV_ERROR, NULL, 0), 0);
}

/* hangzhou-2026-meteorological-bureau p.8: a 三公 table of its units' rows
 * under a 合计 — the narrative's “三公”经费 is the 合计's */
static size_t run_sangong_units(const char *line)
{
    const char *lines[] = {"  （七）一般公共预算“三公”经费预算情况说明（详见表 7）", line};
    static const char *cols[] = {"\"三公\"经费合计", "公务接待费"};
    static const char *rows[] = {"合计", "杭州市气象局", "杭州市气象服务中心"};
    static const int lv[] = {0, 1, 1};
    static const int64_t vals[] = {2402, 602, 1313, 593, 1089, 9};
    Levels = lv;
    size_t n = table_errors(lines, 2, "市级部门一般公共预算\"三公\"经费预算表", "sangong", 1, 2, cols, 3, rows, NULL,
                            NULL, vals, NULL, 0);
    Levels = NULL;
    return n;
}

static void test_table_sangong_total(void **state)
{
    (void)state;
    assert_int_equal(run_sangong_units("  2026 年“三公”经费预算数为 24.02 万元，与上年预算数持平。"), 0);
    assert_int_equal(run_sangong_units("  2026 年“三公”经费预算数为 25.02 万元，与上年预算数持平。"), 1);
    /* a unit's own figure is printed: no error */
    assert_int_equal(run_sangong_units("  2026 年“三公”经费预算数为 13.13 万元。"), 0);
    /* rows of the items under a 合计 are the items' (fuzhou commerce p.24) */
    const char *lines[] = {"  （二）公务接待费", "  2026 年预算安排公务接待费 6.20 万元，比上年减少 0.10 万元。"};
    static const char *cols[] = {"预算数"};
    static const char *rows[] = {"合计", "公务接待费"};
    static const int lv[] = {0, 1};
    static const int64_t vals[] = {8410, 610};
    Levels = lv;
    assert_int_equal(table_errors(lines, 2, "一般公共预算\"三公\"经费支出预算表", "sangong", 1, 1, cols, 2, rows, NULL,
                                  NULL, vals, NULL, 0),
                     1);
    Levels = NULL;
}

/* putuo-finance-bureau-2024 final accounts p.23, foshan-2019 p.26: a 决算's
 * completion rate is its 决算 over its 预算 */
static void test_completion(void **state)
{
    (void)state;
    const char *ok[] = {"“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的",
                        "0%，其中：因公出国（境）费决算为0.00万元，完成预算的0%。"};
    const char *bad[] = {"“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.30万元，完成预算的", ok[1]};
    char msg[800];
    assert_int_equal(run(ok, 2, 0, "N-COMPLETION", -1, NULL, 0), 0);
    assert_int_equal(run(bad, 2, 0, "N-COMPLETION", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "完成率应为32%，而非0%"));
    /* 完成预算A万元的C% */
    const char *in[] = {"   公务接待费支出决算为 0.16 万元，完成预算 0.20 万元的 80% 。"};
    const char *inbad[] = {"   公务接待费支出决算为 0.16 万元，完成预算 0.20 万元的 70% 。"};
    assert_int_equal(run(in, 1, 0, "N-COMPLETION", -1, NULL, 0), 0);
    assert_int_equal(run(inbad, 1, 0, "N-COMPLETION", YU_SEV_ERROR, NULL, 0), 1);
    /* 年初预算 and 调整预算 printed: the rate's words say which (the central 决算) */
    const char *both[] = {"年初预算为1,368万元，调整预算为1,408万元，支出决算为1,280.38万元，完成年初预算的93.6%。"};
    const char *bothbad[] = {"年初预算为1,368万元，调整预算为1,408万元，支出决算为1,280.38万元，完成调整预算的93.6%。"};
    assert_int_equal(run(both, 1, 0, "N-COMPLETION", -1, NULL, 0), 0);
    assert_int_equal(run(bothbad, 1, 0, "N-COMPLETION", YU_SEV_ERROR, NULL, 0), 1);
    /* a budget of 0: any rate; a rate not of completion: not this rule */
    const char *zero[] = {"   支出决算为 0.16 万元，完成预算 0 万元的 0% 。"};
    assert_int_equal(run(zero, 1, 0, "N-COMPLETION", -1, NULL, 0), 0);
    const char *other[] = {"   年初预算为 0.95 万元，支出决算为 0.30 万元，占全年的 10%。"};
    assert_int_equal(run(other, 1, 0, "N-COMPLETION", -1, NULL, 0), 0);
}

/* suzhou-2026-audit-bureau p.23: a table that prints its zeros blank — the
 * row named holds nothing, which is 0 in a table read completely */
static size_t run_blank(const char *line, int complete, char *msg, size_t cap)
{
    const char *lines[] = {"       （一）收入预算总计 4,651.67 万元。包括：", line};
    static const char *cols[] = {"预算数"};
    static const char *rows[] = {"一、一般公共预算拨款收入", "五、事业收入", "本年收入合计"};
    static const int64_t vals[] = {465167, -1, 465167};
    return table_errors(lines, 2, "收支总表", "summary", complete, 1, cols, 3, rows, NULL, NULL, vals, msg, cap);
}

static void test_table_blank_is_zero(void **state)
{
    (void)state;
    char msg[800];
    assert_int_equal(run_blank("       （5）事业收入 0 万元，与上年预算数相同。", 1, NULL, 0), 0);
    assert_int_equal(run_blank("       （5）事业收入 57.3 万元，与上年预算数相同。", 1, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "“（5）事业收入57.3万元”"));
    assert_non_null(strstr(msg, "五、事业收入“预算数”未填数（即为0）"));
    /* a table not read completely says nothing of its blanks */
    assert_int_equal(run_blank("       （5）事业收入 57.3 万元，与上年预算数相同。", 0, NULL, 0), 0);
    /* nor one where no cell holds a figure (a web page's table, a cell a
     * line: its figures beside no label) */
    const char *lines[] = {"       （一）收入预算总计 4,651.67 万元。包括：", "       （5）事业收入 57.3 万元。"};
    static const char *cols[] = {"预算数"};
    static const char *rows[] = {"一、一般公共预算拨款收入", "五、事业收入", "本年收入合计"};
    static const int64_t none[] = {-1, -1, -1}, one[] = {-1, -1, 465167};
    assert_int_equal(table_errors(lines, 2, "收支总表", "summary", 1, 1, cols, 3, rows, NULL, NULL, none, NULL, 0), 0);
    assert_int_equal(table_errors(lines, 2, "收支总表", "summary", 1, 1, cols, 3, rows, NULL, NULL, one, NULL, 0), 1);
}

/* hangzhou-2026-meteorological-bureau p.5: a section whose heading refers to
 * a table (（详见表 5）) states that table's total as its first figure */
static size_t run_referred(const char *head, const char *line, const char *number)
{
    const char *lines[] = {head, "   1.一般公共预算当年拨款规模变化情况。", line};
    static const char *cols[] = {"合计", "基本支出"};
    static const char *rows[] = {"合计"};
    static const int64_t vals[] = {575307, 374507};
    Number = number;
    size_t n = table_errors(lines, 3, "市级部门一般公共预算支出预算表", "gpb_expend", 1, 2, cols, 1, rows, NULL,
                            "total", vals, NULL, 0);
    Number = NULL;
    return n;
}

static void test_table_referred(void **state)
{
    (void)state;
    const char *head = "   （五）一般公共预算当年拨款情况说明（详见表 5）";
    assert_int_equal(run_referred(head, "   2026 年一般公共预算当年拨款 5,753.07 万元，比上年", "表5"), 0);
    assert_int_equal(run_referred(head, "   2026 年一般公共预算当年拨款 5,853.07 万元，比上年", "表5"), 1);
    /* another table's number, a heading referring to none, last year's figure: not tied */
    assert_int_equal(run_referred(head, "   2026 年一般公共预算当年拨款 5,853.07 万元，比上年", "表6"), 0);
    assert_int_equal(run_referred("   （五）一般公共预算当年拨款情况说明", "   2026 年一般公共预算当年拨款 5,853.07 万元。", "表5"), 0);
    assert_int_equal(run_referred(head, "   上年一般公共预算当年拨款 5,853.07 万元。", "表5"), 0);
    /* a figure some table prints (the 基本支出 column) is no error */
    assert_int_equal(run_referred(head, "   2026 年一般公共预算当年拨款 3,745.07 万元，比上年", "表5"), 0);
}

/* foshan-2019-rail-transit-bureau final accounts p.24: a line of the list
 * named as a column of the 支出表 names that column's 合计 */
static size_t run_colname(const char *line)
{
    const char *lines[] = {"   佛山市轨道交通局 2019 年度总支出 1668.14 万元。具体情况如下：", line};
    static const char *cols[] = {"本年支出合计", "基本支出", "项目支出"};
    static const char *rows[] = {"合计"};
    static const int64_t vals[] = {166814, 74639, 92175};
    return table_errors(lines, 2, "支出决算表", "expend", 1, 3, cols, 1, rows, NULL, "total", vals, NULL, 0);
}

static void test_table_by_column(void **state)
{
    (void)state;
    assert_int_equal(run_colname("  1.基本支出 746.39 万元，我局为 2019 年新成立单位，无"), 0);
    assert_int_equal(run_colname("  1.基本支出 756.39 万元，我局为 2019 年新成立单位，无"), 1);
    assert_int_equal(run_colname("  其中：项目支出 931.75 万元。"), 1);
    /* a figure some table prints, last year's, a change, a longer name: not tied */
    assert_int_equal(run_colname("  1.基本支出 921.75 万元。"), 0);
    assert_int_equal(run_colname("  上年基本支出 756.39 万元。"), 0);
    assert_int_equal(run_colname("  基本支出减少 756.39 万元。"), 0);
    assert_int_equal(run_colname("  1.人员类基本支出 756.39 万元。"), 0);
}

/* fuzhou-2026-commerce-bureau p.24: words the vocabulary gives a table's
 * kind (一般公共预算拨款基本支出) name its 合计 */
static size_t run_kind(const char *line, const char *kind)
{
    const char *lines[] = {"五、一般公共预算拨款基本支出情况", line};
    const char *cols[] = {Kind ? "决算数" : "预算数"};
    static const char *rows[] = {"合计"};
    static const int64_t vals[] = {386125};
    return table_errors(lines, 2, "一般公共预算基本支出经济分类情况表", kind, 1, 1, cols, 1, rows, NULL, "total", vals,
                        NULL, 0);
}

static void test_table_by_kind(void **state)
{
    (void)state;
    assert_int_equal(run_kind("  2026 年度一般公共预算拨款基本支出 3861.25 万元，", "gpb_basic"), 0);
    assert_int_equal(run_kind("  2026 年度一般公共预算拨款基本支出 3961.25 万元，", "gpb_basic"), 1);
    /* another table's kind, last year's figure, a change: not tied */
    assert_int_equal(run_kind("  2026 年度一般公共预算拨款基本支出 3961.25 万元，", "gpb_expend"), 0);
    assert_int_equal(run_kind("  2025 年度一般公共预算拨款基本支出 3961.25 万元，", "gpb_basic"), 0);
    assert_int_equal(run_kind("  一般公共预算拨款基本支出减少 63.14 万元。", "gpb_basic"), 0);
}

/* in a 决算 the 决算 is this year's figure and the 预算 the one compared with
 * (not the 预算 of a fund's name: 一般公共预算) */
static void test_final_accounts_words(void **state)
{
    (void)state;
    const char *mine = "  2019 年度一般公共预算财政拨款基本支出决算 3961.25 万元。";
    const char *budget = "  2019 年度一般公共预算财政拨款基本支出年初预算 3961.25 万元。";
    Year = 2019;
    assert_int_equal(run_kind(mine, "gpb_basic"), 0); /* a budget's 决算 is last year's */
    Kind = "决算";
    assert_int_equal(run_kind(mine, "gpb_basic"), 1);
    assert_int_equal(run_kind("  2019 年度一般公共预算财政拨款基本支出决算 3861.25 万元。", "gpb_basic"), 0);
    assert_int_equal(run_kind(budget, "gpb_basic"), 0);
    Kind = NULL;
    Year = 2026;
}

/* fuzhou-2026-police-public-order-unit p.32: figures printed with their
 * trailing zeros dropped (101.5, 0 beside 30.75) are exact to 0.01 */
static void test_parts_dropped_zeros(void **state)
{
    (void)state;
    const char *ok[] = {"  2026 年，福州市公安局治安管理支队政府采购预算总额",
                        "132.25 万元，其中：政府采购货物预算 30.75 万元、政府采",
                        "购工程预算 0 万元、政府采购服务预算 101.5 万元。"};
    const char *bad[] = {ok[0], "132.25 万元，其中：政府采购货物预算 31.75 万元、政府采", ok[2]};
    assert_int_equal(run(ok, 3, 0, "N-PARTS", -1, NULL, 0), 0);
    assert_int_equal(run(bad, 3, 0, "N-PARTS", YU_SEV_ERROR, NULL, 0), 1);
    /* figures all printed whole are rounded: a difference of 1 is a residue at most */
    const char *whole[] = {"  2026 年政府采购预算总额 134 万元，其中：政府采购货物预算 32 万元、",
                           "政府采购工程预算 0 万元、政府采购服务预算 101 万元。"};
    assert_int_equal(run(whole, 2, 0, "N-PARTS", YU_SEV_ERROR, NULL, 0), 0);
}

/* a name the document defines as another's (“行政经费（机关运行经费）指…”)
 * ties a figure so named to the row of the other (guangzhou-2026-statistics-bureau) */
static void test_table_by_alias(void **state)
{
    (void)state;
    const char *ok[] = {
        "  三、机关运行经费安排情况",
        "  行政经费（机关运行经费）指用于维持行政（参公）单位机关运行的经费。",
        "  2026年，本部门机关运行经费安排839.21万元，比上年增加10万元。",
    };
    char msg[800];
    assert_int_equal(total(ok, N(ok), 1), 0);
    const char *bad[] = {ok[0], ok[1], "  2026年，本部门机关运行经费安排849.21万元，比上年增加10万元。"};
    assert_int_equal(run(bad, N(bad), 1, "N-TABLE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "行政经费“合计”为839.21万元"));
    /* the definition last (名词解释), and in its other forms */
    const char *last[] = {ok[0], bad[2], "  九、行政经费（机关运行经费）：是指用于维持行政单位机关运行的经费。"};
    assert_int_equal(run(last, N(last), 1, "N-TABLE", YU_SEV_ERROR, NULL, 0), 1);
    /* no definition, no tie; nor a figure of something more than the name (…中的公用经费) */
    const char *none[] = {ok[0], bad[2]};
    assert_int_equal(run(none, N(none), 1, "N-TABLE", -1, NULL, 0), 0);
    const char *more[] = {ok[0], ok[1], "  2026年，本部门机关运行经费中的差旅费849.21万元。"};
    assert_int_equal(run(more, N(more), 1, "N-TABLE", -1, NULL, 0), 0);
}

/* guangzhou-2026-general-office p.24-25 (wrapped as printed, page footer between) */
static const char *gzsg[] = {
    "     二、“三公”经费安排情况",
    "",
    "  2026年本部门财政拨款安排“三公”经费226.86万元，比上",
    "",
    "年减少489.77万元，下降68.3%，主要原因是一是减少了接待办公室职",
    "",
    "能，相应减少公务接待费预算安排。其中：因",
    "",
    "公出国（境）费215.6万元，比上年增加0万元，增长0%，主要原",
    "",
    "因是与上年持平，无增减变化；公务用车购置及运行维护费0万元",
    "",
    "",
    "",
    "                 - 22 -",
    "（公务用车购置费0万元，比上年减少70万元；公务用车运行维护",
    "",
    "费0万元，比上年减少318.88万元。）比上年减少388.88万元，下",
    "",
    "降100%，主要原因是一是我厅原有公务用车已全部移交；公务接待费11.26万元，比上年",
    "",
    "减少100.89万元，下降90%，主要原因是减少了接待办公室职能，",
    "",
    "相应减少公务接待费预算安排。",
};

/* the parts' changes add up to the whole's change, in a list after 其中 and
 * in parentheses straight after the whole (公务用车购置费 + 运行维护费) */
static void test_parts_changes(void **state)
{
    (void)state;
    const char *c[N(gzsg)];
    char msg[800];
    assert_int_equal(total(gzsg, N(gzsg), 0), 0);
    /* the 三公 total's change */
    changed(c, gzsg, N(gzsg), 21, "减少100.80万元，下降90%，主要原因是减少了接待办公室职能，");
    assert_int_equal(run(c, N(gzsg), 0, "N-PARTS", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "各项比上年减少之和为489.68万元，与总额比上年减少489.77万元不一致"));
    /* the car item's two parts (the 三公 total's change is the car's 388.88) */
    changed(c, gzsg, N(gzsg), 15, "（公务用车购置费0万元，比上年减少71万元；公务用车运行维护");
    assert_int_equal(run(c, N(gzsg), 0, "N-PARTS", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "公务用车购置费0万元，比上年减少71万元"));
    /* amounts in parentheses: 0 + 5 is not 0 */
    changed(c, gzsg, N(gzsg), 17, "费5万元，比上年减少318.88万元。）比上年减少388.88万元，下");
    assert_int_equal(run(c, N(gzsg), 0, "N-PARTS", YU_SEV_ERROR, NULL, 0), 1);
    /* a breakdown in parentheses that is not exhaustive is not summed */
    changed(c, gzsg, N(gzsg), 15, "（其中公务用车购置费0万元，比上年减少71万元；会议费");
    assert_int_equal(run(c, N(gzsg), 0, "N-PARTS", -1, NULL, 0), 0);
}

/* shanghai-2026-carbon-centre p.17: the 三公 items as numbered paragraphs after 其中： */
static const char *shsg[] = {
    "    2026年“三公”经费预算数为16.30万元，比2025年预算减少21.80万元。其中：",
    "    （一）因公出国（境）费6.00万元，与2025年预算持平。",
    "    （二）公务用车购置及运行费9.60万元，比2025年预算减少21.80万元，主要原因是减少了公务用车购置费预算。其中：公务用车购置",
    "费0.00万元，比2025年预算减少25.00万元，主要原因是减少了公务用车购置费预算；公务用车运行费9.60万元，比2025年预算增加3.20万",
    "元，主要原因是按照编制内实有公务用车数量和车辆运维费标准据实安排。",
    "    （三）公务接待费0.70万元，与2025年预算持平。",
    "二、机关运行经费预算",
    "    本单位无机关运行经费。",
};

/* suzhou-2026-data p.38: a list in a list (2．… 其中： (1) (2)), changes as 与上年预算数相同 */
static const char *szsg[] = {
    "       1．因公出国（境）费预算支出 0 万元，与上年预算数相同。",
    "       2．公务用车购置及运行维护费预算支出 4.00 万元。其中：",
    "       （1）公务用车购置预算支出 0.00 万元，与上年预算数相同。",
    "       （2）公务用车运行维护费预算支出 4.00 万元，与上年预算数相",
    "  同。",
    "       3．公务接待费预算支出 14.3 万元，比上年预算增加 0.05 万",
    "  元，主要原因是下属事业单位增加了职能。",
};

static void test_parts_over_paragraphs(void **state)
{
    (void)state;
    const char *c[N(shsg)];
    char msg[800];
    assert_int_equal(total(shsg, N(shsg), 0), 0);
    /* the total's change against the items' (0 − 21.80 + 0) */
    changed(c, shsg, N(shsg), 0, "    2026年“三公”经费预算数为16.30万元，比2025年预算减少24.80万元。其中：");
    assert_int_equal(run(c, N(shsg), 0, "N-PARTS", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "各项比上年减少之和为21.80万元，与总额比上年减少24.80万元不一致"));
    /* an item's amount */
    changed(c, shsg, N(shsg), 5, "    （三）公务接待费0.90万元，与2025年预算持平。");
    assert_int_equal(run(c, N(shsg), 0, "N-PARTS", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "各项之和为16.50万元，与总额16.30万元不一致"));
    /* an item that states its change otherwise (no figure, not 持平): the changes are not summed */
    changed(c, shsg, N(shsg), 0, "    2026年“三公”经费预算数为16.30万元，比2025年预算减少24.80万元。其中：");
    c[1] = "    （一）因公出国（境）费6.00万元，主要用于国际交流。";
    assert_int_equal(run(c, N(shsg), 0, "N-PARTS", -1, NULL, 0), 0);
    /* two items only before another heading: not the three, nothing summed */
    changed(c, shsg, N(shsg), 5, "二、公务接待费0.90万元，与2025年预算持平。");
    assert_int_equal(run(c, N(shsg), 0, "N-PARTS", -1, NULL, 0), 0);
    /* the list in a list: 0.00 + 4.00 = 4.00, and 0.50 + 4.00 is not */
    const char *z[N(szsg)];
    assert_int_equal(total(szsg, N(szsg), 0), 0);
    changed(z, szsg, N(szsg), 2, "       （1）公务用车购置预算支出 0.50 万元，与上年预算数相同。");
    assert_int_equal(run(z, N(szsg), 0, "N-PARTS", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "各项之和为4.50万元，与总额4.00万元不一致"));
}

/* the first finding of a rule, copied (its rule pointer cleared) */
static int first_of(const char *const *lines, int n, int with_table, const char *rule, yu_finding *out)
{
    yu_gdoc *d = doc(lines, n, with_table);
    yu_findings f = {0};
    assert_int_equal(yu_gnarr_check(d, V, &f), YU_OK);
    int found = 0;
    for (size_t i = 0; i < f.n && !found; i++)
        if (!strcmp(f.f[i].rule, rule)) {
            *out = f.f[i];
            out->rule = NULL;
            found = 1;
        }
    yu_findings_free(&f);
    free_doc(d);
    return found;
}

/* money findings state got and want in 分 (fen_per_figure 1); rates carry no unit */
static void test_units_of_findings(void **state)
{
    (void)state;
    const char *c[N(gz)];
    const char *c2[N(pt2)];
    yu_finding f;
    Year = 2023;
    changed(c2, pt2, N(pt2), 1,
            "预算拨款支出预算16497.86万元，比2022年预算增加1421.25万元；政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元。");
    assert_true(first_of(c2, N(pt2), 0, "N-CHANGE", &f));
    assert_int_equal(f.fen, 1);
    assert_int_equal(f.got, 1421250000); /* 1421.25万元 in 分 */
    Year = 2026;
    changed(c, gz, N(gz), 4, "元，增长7.2%，主要原因是因政策性因素人员经费收入预算比上");
    assert_true(first_of(c, N(gz), 1, "N-RATE", &f));
    assert_int_equal(f.fen, 0);
    assert_int_equal(f.got, 72); /* 7.2%: the mantissa */
}

static void test_rules_listed(void **state)
{
    (void)state;
    size_t n;
    const yu_rule_info *r = yu_gnarr_rules(&n);
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++)
        assert_true(r[i].id && r[i].identity && *r[i].identity);
}

/* a completion clause between a figure and its change (决算为B万元，完成全年预算A万元的C%，比上年…减少D万元，
 * 下降E%): the change is of B, not of the 预算 A, and its rate is checked */
static void test_rate_past_completion(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "某局2024年度“三公”经费支出决算情况",
        "一、“三公”经费支出决算总体情况说明",
        "某局2024年度“三公”经费支出决算为2.02万元，完成全年预算5.3万元的38.1%，比上年决算数减少0.33万元，下降14%。"
        "公务接待费支出决算为0.5万元，完成预算的50%，比上年增加0.1万元，增长25%。",
    };
    const char *c[N(ok)];
    char msg[800];
    assert_int_equal(run(ok, N(ok), 0, "N-RATE", -1, NULL, 0), 0);
    changed(c, ok, N(ok), 2, "某局2024年度“三公”经费支出决算为2.02万元，完成全年预算5.3万元的38.1%，比上年决算数减少0.33万元，下降24%。"
                             "公务接待费支出决算为0.5万元，完成预算的50%，比上年增加0.1万元，增长25%。");
    assert_int_equal(run(c, N(ok), 0, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "上年2.35万元"));
    changed(c, ok, N(ok), 2, "某局2024年度“三公”经费支出决算为2.02万元，完成全年预算5.3万元的38.1%，比上年决算数减少0.33万元，下降14%。"
                             "公务接待费支出决算为0.5万元，完成预算的50%，比上年增加0.1万元，增长35%。");
    assert_int_equal(run(c, N(ok), 0, "N-RATE", YU_SEV_ERROR, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "上年0.4万元"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_by_row_name), cmocka_unit_test(test_table_referred),
        cmocka_unit_test(test_table_by_column), cmocka_unit_test(test_table_blank_is_zero), cmocka_unit_test(test_table_xiang_total), cmocka_unit_test(test_table_xiang_no_code), cmocka_unit_test(test_change_sentence_before), cmocka_unit_test(test_change_share_between), cmocka_unit_test(test_change_own_sentence), cmocka_unit_test(test_change_budget_chain), cmocka_unit_test(test_parts_whole_unclear), cmocka_unit_test(test_parts_in_sentences), cmocka_unit_test(test_table_sangong_total), cmocka_unit_test(test_completion), cmocka_unit_test(test_table_by_kind),
        cmocka_unit_test(test_final_accounts_words), cmocka_unit_test(test_parts_dropped_zeros),
        cmocka_unit_test(test_clean_document),
        cmocka_unit_test(test_rate),
        cmocka_unit_test(test_direction),
        cmocka_unit_test(test_rate_last_year_printed),
        cmocka_unit_test(test_change),
        cmocka_unit_test(test_change_both_years),
        cmocka_unit_test(test_share),
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_share_no_whole),
        cmocka_unit_test(test_table_by_class),
        cmocka_unit_test(test_rate_compared_with),
        cmocka_unit_test(test_table_by_code),
        cmocka_unit_test(test_table_basic),
        cmocka_unit_test(test_units_of_findings),
        cmocka_unit_test(test_parts_changes),
        cmocka_unit_test(test_table_by_alias),
        cmocka_unit_test(test_parts_over_paragraphs),
        cmocka_unit_test(test_rules_listed),
        cmocka_unit_test(test_rate_past_completion),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
