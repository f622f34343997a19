/* The input workbook's sheets, row by row: 收入, 支出明细, 上年执行, 三公经费,
 * 政府采购, 资产, 预算单位, 绩效目标, 项目, 绩效指标, 说明 — each row into the
 * budget, every error at sheet!cell (split from load_xlsx.c; the loader's
 * context and cell readers are in load_xlsx_internal.h). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <errno.h>
#include <math.h>
#include "yusuan/xlsx.h"
#include "yusuan/year.h"
#include "xlsx_internal.h"
#include "load_xlsx_internal.h"
#include "internal.h"

/* ---- 收入 ---- */

int yu__xl_row_fund(lctx *c, uint32_t row, xcol *cols, uint32_t *seen)
{
    const char *item = yu__xl_text(c, row, &cols[0]);
    int f = yu_fund_parse(item);
    if (f < 0) {
        char want[1024] = "";
        for (int i = 0; i < YU_F_COUNT; i++) {
            yu__xl_list_add(want, sizeof want, yu_fund_label(i));
        }
        return yu__xl_err(c, row, &cols[0], YU_EVALUE, "项目“%s”无法识别：应为 %s 之一", item, want);
    }
    yu_money v;
    if (yu__xl_amount(c, row, &cols[1], c->b->input_scale, 0, &v))
        return -1;
    if (*seen & (1u << f))
        return yu__xl_err(c, row, &cols[0], YU_EDUP, "项目“%s”填写了两次", item);
    *seen |= 1u << f;
    if (!yu__xl_cell_empty(c, row, &cols[2])) { /* last year's budget of the item, for the narrative's comparisons */
        if (yu__xl_amount(c, row, &cols[2], c->b->input_scale, 0, &c->b->funds_prior[f]))
            return -1;
        c->b->has_funds_prior = 1;
    }
    c->b->funds[f] = v;
    c->fund_row[f] = row + 1;
    c->fund_col = cols[1].idx;
    return 0;
}

/* ---- 支出明细 ---- */

static uint64_t line_key_hash(const yu_line *l)
{
    uint64_t h = (uint64_t)l->func * 0x9E3779B97F4A7C15ull;
    h ^= ((uint64_t)l->econ << 20) ^ ((uint64_t)(uint32_t)l->project << 40) ^ ((uint64_t)l->type << 8) ^
         ((uint64_t)l->source << 12) ^ l->jijian;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

static int same_key(const yu_line *a, const yu_line *b)
{
    return a->func == b->func && a->econ == b->econ && a->project == b->project && a->type == b->type &&
           a->source == b->source && a->jijian == b->jijian;
}

/* Records line i (already appended) in the duplicate table; returns the row
 * of an earlier line with the same key, 0 when none, -1 out of memory. */
static long line_dup(lctx *c, size_t i)
{
    const yu_budget *b = c->b;
    if ((i + 1) * 2 > c->lmask) {
        size_t nsize = c->lmask ? (c->lmask + 1) * 2 : 1024;
        uint32_t *nt = calloc(nsize, sizeof *nt);
        if (!nt)
            return -1;
        free(c->ltab);
        c->ltab = nt;
        c->lmask = nsize - 1;
        for (size_t k = 0; k < i; k++) {
            size_t h = line_key_hash(&b->lines[k]) & c->lmask;
            while (c->ltab[h])
                h = (h + 1) & c->lmask;
            c->ltab[h] = (uint32_t)k + 1;
        }
    }
    size_t h = line_key_hash(&b->lines[i]) & c->lmask;
    while (c->ltab[h]) {
        uint32_t k = c->ltab[h] - 1;
        if (same_key(&b->lines[k], &b->lines[i]))
            return (long)c->lrow[k] + 1;
        h = (h + 1) & c->lmask;
    }
    c->ltab[h] = (uint32_t)i + 1;
    return 0;
}

static int yesno(lctx *c, uint32_t row, const xcol *col, const char *what, int *out)
{
    const char *s = yu__xl_text(c, row, col);
    if (!*s || !strcmp(s, "0") || !strcmp(s, "否"))
        *out = 0;
    else if (!strcmp(s, "1") || !strcmp(s, "是"))
        *out = 1;
    else
        return yu__xl_err(c, row, col, YU_EVALUE, "%s“%s”：应为 是 或 否（1 或 0）", what, s);
    return 0;
}

int yu__xl_row_exp(lctx *c, uint32_t row, xcol *cols)
{
    /* cols: func, func_name, type, source, econ, project, jijian, amount */
    yu_line l;
    memset(&l, 0, sizeof l);
    l.project = -1;
    if (yu__xl_func_code(c, row, &cols[0], &l.func))
        return -1;
    const char *t = yu__xl_text(c, row, &cols[2]);
    int ty = yu_type_parse(t);
    if (ty < 0)
        return yu__xl_err(c, row, &cols[2], YU_EVALUE,
                    "支出类型“%s”无法识别：应为 人员经费、公用经费、项目支出、上缴上级支出、事业单位经营支出 或 对附属单位补助支出", t);
    const char *s = yu__xl_text(c, row, &cols[3]);
    int so = yu_source_parse(s);
    if (so < 0)
        return yu__xl_err(c, row, &cols[3], YU_EVALUE,
                    "资金来源“%s”无法识别：应为 一般公共预算拨款、一般公共预算拨款上年结转、政府性基金预算拨款、政府性基金预算拨款上年结转、国有资本经营预算拨款、国有资本经营预算拨款上年结转、事业收入资金、事业单位经营收入资金 或 非财政拨款",
                    s);
    if (yu_source_is_fiscal(so) && (ty == YU_T_SHANGJIAO || ty == YU_T_JINGYING || ty == YU_T_FUSHU))
        return yu__xl_err(c, row, &cols[2], YU_EVALUE,
                    "支出类型“%s”不能由财政拨款（资金来源 %s）安排：财政拨款各表只有基本支出和项目支出", t, s);
    l.type = (uint8_t)ty;
    l.source = (uint8_t)so;
    char *e = yu__xl_text(c, row, &cols[4]);
    const char *ename = yu__xl_split_named(e);
    if (*e) {
        size_t n = strlen(e);
        uint32_t v = 0;
        int ok = n == 5;
        for (size_t i = 0; ok && i < n; i++)
            if (e[i] < '0' || e[i] > '9')
                ok = 0;
            else
                v = v * 10 + (uint32_t)(e[i] - '0');
        if (!ok)
            return yu__xl_err(c, row, &cols[4], YU_ECODE, "“%s”不是经济分类款级科目编码：应为5位数字，如 30101", e);
        int eknown = c->ebits && v >= 30000 && v < 100000 ? (c->ebits[(v - 30000) >> 3] >> ((v - 30000) & 7)) & 1
                                                          : yu_catalog_name_num(c->econ, v, 5) != NULL;
        if (!eknown) {
            const char *ln = yu_catalog_name_num(c->econ, v / 100, 3);
            return yu__xl_err(c, row, &cols[4], YU_ECODE,
                        ln ? "经济分类科目编码 %s 无法识别：类 %u %s 下没有该款"
                           : "经济分类科目编码 %s 无法识别：类 %u 不存在%s",
                        e, v / 100, ln ? ln : "");
        }
        if (yu__xl_check_named(c, row, &cols[4], e, ename, yu_catalog_name_num(c->econ, v, 5), "经济分类"))
            return -1;
        int personal = v / 100 == 301 || v / 100 == 303;
        if (ty == YU_T_PERSONNEL && !personal)
            return yu__xl_err(c, row, &cols[4], YU_ECODE,
                        "经济分类 %s 不是人员经费科目：应为 301xx（工资福利支出）或 303xx（对个人和家庭的补助）", e);
        if (ty == YU_T_PUBLIC && personal)
            return yu__xl_err(c, row, &cols[4], YU_ECODE,
                        "经济分类 %s 是人员经费科目：公用经费应为 302xx、310xx 等非人员经费科目", e);
        l.econ = v;
    } else if ((ty == YU_T_PERSONNEL || ty == YU_T_PUBLIC) && so == YU_S_GPB)
        return yu__xl_err(c, row, &cols[4], YU_EMISSING,
                    "一般公共预算拨款安排的基本支出须填经济分类科目编码（部门预算支出经济分类款级，如 30101）：用于一般公共预算基本支出表");
    const char *pj = yu__xl_text(c, row, &cols[5]);
    if (*pj) {
        l.project = yu_budget_project_index(c->b, pj);
        if (l.project < 0)
            return yu__xl_err(c, row, &cols[5], YU_EVALUE, "项目编号“%s”在“项目”工作表中不存在", pj);
    } else if (ty == YU_T_PROJECT)
        return yu__xl_err(c, row, &cols[5], YU_EMISSING,
                    "项目支出须填“项目编号”列：应为“项目”工作表中的项目编号");
    int jj;
    if (yesno(c, row, &cols[6], "中央基建投资", &jj))
        return -1;
    l.jijian = (uint8_t)jj;
    if (yu__xl_amount(c, row, &cols[7], c->b->input_scale, 0, &l.amount))
        return -1;
    yu_budget *b = c->b;
    if (b->nlines >= 0xFFFFFFF0u)
        return yu__xl_err(c, row, NULL, YU_ELIMIT, "支出明细行数过多");
    if (b->nlines + 1 > c->lrow_cap) {
        size_t nc = c->lrow_cap ? c->lrow_cap * 2 : 1024;
        uint32_t *nr = realloc(c->lrow, nc * sizeof *nr);
        if (!nr)
            return yu__xl_oom(c);
        c->lrow = nr;
        c->lrow_cap = nc;
    }
    if (yu_budget_add_line(b, &l))
        return yu__xl_oom(c);
    c->lrow[b->nlines - 1] = row;
    long d = line_dup(c, b->nlines - 1);
    if (d < 0)
        return yu__xl_oom(c);
    if (d > 0)
        return yu__xl_err(c, row, &cols[0], YU_EDUP,
                    "重复的支出明细：功能分类科目编码、支出类型、资金来源、经济分类科目编码、项目编号和中央基建投资均与第%ld行相同，请合并两行",
                    d);
    return 0;
}

/* ---- 上年执行 ---- */

int yu__xl_row_prior(lctx *c, uint32_t row, xcol *cols)
{
    /* cols: func, func_name, executed, executed_ex */
    yu_prior p;
    if (yu__xl_func_code(c, row, &cols[0], &p.func))
        return -1;
    if (yu__xl_amount(c, row, &cols[2], c->b->input_scale, 0, &p.executed))
        return -1;
    if (!yu__xl_cell_empty(c, row, &cols[3])) {
        if (yu__xl_amount(c, row, &cols[3], c->b->input_scale, 0, &p.executed_ex))
            return -1;
        if (p.executed_ex > p.executed)
            return yu__xl_err(c, row, &cols[3], YU_EVALUE,
                        "扣除中央基建投资后执行数大于执行数：应不大于执行数");
    } else
        p.executed_ex = p.executed;
    for (size_t i = 0; i < c->b->nprior; i++)
        if (c->b->prior[i].func == p.func)
            return yu__xl_err(c, row, &cols[0], YU_EDUP, "项 %u 填写了两次", p.func);
    if (yu_budget_add_prior(c->b, &p))
        return yu__xl_oom(c);
    return 0;
}

/* ---- 三公经费, 政府采购, 资产 ---- */

int yu__xl_row_sangong(lctx *c, uint32_t row, xcol *cols)
{
    const char *item = yu__xl_text(c, row, &cols[0]);
    int k = yu_sangong_parse(item);
    if (k < 0)
        return yu__xl_err(c, row, &cols[0], YU_EVALUE,
                    "项目“%s”无法识别：应为 因公出国（境）费、公务用车购置费、公务用车运行费、公务接待费 或 机关运行经费", item);
    yu_money v, pv = 0;
    if (yu__xl_amount(c, row, &cols[1], c->b->input_scale, 0, &v))
        return -1;
    if (!yu__xl_cell_empty(c, row, &cols[2])) {
        if (yu__xl_amount(c, row, &cols[2], c->b->input_scale, 0, &pv))
            return -1;
        c->b->has_sangong_prior = 1;
    }
    c->b->sangong[k] = v;
    c->b->sangong_prior[k] = pv;
    c->sg_row[k] = row + 1;
    c->sg_col = cols[1].idx;
    return 0;
}

int yu__xl_row_proc(lctx *c, uint32_t row, xcol *cols)
{
    const char *item = yu__xl_text(c, row, &cols[0]);
    int k = yu_proc_parse(item);
    int sme = !strcmp(item, YU_XL_SME) || !strcmp(item, "sme");
    int small = !strcmp(item, YU_XL_SME_SMALL) || !strcmp(item, "预留给小型和微型企业") || !strcmp(item, "sme_small");
    if (k < 0 && !sme && !small)
        return yu__xl_err(c, row, &cols[0], YU_EVALUE,
                    "项目“%s”无法识别：应为 货物、工程、服务、" YU_XL_SME " 或 " YU_XL_SME_SMALL, item);
    yu_money v;
    if (yu__xl_amount(c, row, &cols[1], c->b->input_scale, 0, &v))
        return -1;
    c->proc_col = cols[1].idx;
    if (k >= 0)
        c->b->procurement[k] = v;
    else if (yu__xl_cell_empty(c, row, &cols[1]))
        return 0; /* the template lists the reservation's rows: left empty, nothing is said of it */
    else if (sme) {
        c->b->proc_sme = v;
        c->b->has_proc_sme = 1;
        c->sme_row = row + 1;
    } else {
        c->b->proc_sme_small = v;
        c->small_row = row + 1;
    }
    return 0;
}

/* 政府采购 as a whole, the package's checks (yu__proc_problem) in the preparer's words */
int yu__xl_check_proc(lctx *c)
{
    const yu_budget *b = c->b;
    char v1[64], v2[64];
    size_t nsp;
    xcol amt = {&yu_xlsx_schema(&nsp)[YU__XS_PROC].cols[1], c->proc_col};
    if (c->small_row && !b->has_proc_sme)
        return yu__xl_err(c, c->small_row - 1, &amt, YU_EVALUE,
                    YU_XL_SME_SMALL "是面向中小企业预留的一部分：应同时填写“" YU_XL_SME "”的金额");
    switch (yu__proc_problem(b)) {
    case YU_PROC_SMALL_OVER:
        yu__xl_unit_amount(b, b->proc_sme_small, v1, sizeof v1);
        yu__xl_unit_amount(b, b->proc_sme, v2, sizeof v2);
        return yu__xl_err(c, c->small_row ? c->small_row - 1 : c->sme_row - 1, &amt, YU_EVALUE,
                    "预留给小型和微型企业的 %s 大于面向中小企业预留的 %s：应为其中的一部分", v1, v2);
    case YU_PROC_SME_OVER:
        yu__xl_unit_amount(b, b->proc_sme, v1, sizeof v1);
        yu__xl_unit_amount(b, b->procurement[0] + b->procurement[1] + b->procurement[2], v2, sizeof v2);
        return yu__xl_err(c, c->sme_row - 1, &amt, YU_EVALUE,
                    "面向中小企业预留 %s 大于政府采购预算 %s（货物 + 工程 + 服务）：应为政府采购预算的一部分", v1, v2);
    }
    return 0;
}

int yu__xl_row_asset(lctx *c, uint32_t row, xcol *cols)
{
    const char *cat = yu__xl_text(c, row, &cols[0]);
    const char *key = !strcmp(cat, "vehicle") || !strcmp(cat, "车辆") ? "vehicle"
                      : !strcmp(cat, "equipment") || !strcmp(cat, "设备") ? "equipment"
                                                                           : NULL;
    if (!key)
        return yu__xl_err(c, row, &cols[0], YU_EVALUE, "资产类别“%s”无法识别：应为 车辆 或 设备", cat);
    const char *name = yu__xl_text(c, row, &cols[1]);
    long long n;
    if (yu__xl_whole(c, row, &cols[2], 0, INT64_MAX, 0, "不小于0的整数", &n) < 0)
        return -1;
    if (yu__xl_cell_empty(c, row, &cols[2]))
        return yu__xl_err(c, row, &cols[2], YU_EVALUE, "%s未填写：应为不小于0的整数",
                    cols[2].spec->label);
    long long buy = 0;
    if (yu__xl_whole(c, row, &cols[3], 0, INT64_MAX, 0, "不小于0的整数（本年购置的辆数或台（套）数）", &buy) < 0)
        return -1;
    c->b->has_purchases |= !yu__xl_cell_empty(c, row, &cols[3]);
    if (!yu__xl_cell_empty(c, row, &cols[4])) { /* the day of the count, the same on every row that gives it */
        const yu_xcell *x = yu__xl_cellv(c, row, &cols[4]);
        const char *d = yu__xl_text(c, row, &cols[4]);
        int v = x->kind == YU_XC_NUMBER ? yu__xl_excel_day(x->num) : yu__parse_date(d);
        if (!v)
            return yu__xl_err(c, row, &cols[4], YU_EVALUE, "%s“%s”不是日期：应为 年-月-日，如 2024-08-31（截至2024年8月31日）",
                        cols[4].spec->label, d);
        if (c->b->assets_date && c->b->assets_date != v)
            return yu__xl_err(c, row, &cols[4], YU_EVALUE, "%s“%s”与上面各行的 %d-%02d-%02d 不同：资产按同一天统计",
                        cols[4].spec->label, d, c->b->assets_date / 10000, c->b->assets_date / 100 % 100,
                        c->b->assets_date % 100);
        c->b->assets_date = v;
    }
    if (yu_budget_add_asset(c->b, key, name, n))
        return yu__xl_oom(c);
    c->b->assets[c->b->nassets - 1].purchase = buy;
    return 0;
}

/* An Excel date (days since 1899-12-30) as YYYYMMDD, 0 when it is not a day of 1949 or later. */
int yu__xl_excel_day(double v)
{
    if (!(v >= 17899 && v < 2958466) || v != floor(v)) /* 1949-01-01 .. 9999-12-31, whole days */
        return 0;
    long long z = (long long)v - 25569 + 719468; /* days since 0000-03-01 (civil_from_days) */
    long long era = z / 146097, doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
    return (int)(y * 10000 + m * 100 + d);
}

/* ---- 预算单位, 绩效目标 (units.csv, perf.csv) ---- */

int yu__xl_row_member(lctx *c, uint32_t row, xcol *cols)
{
    const char *name = yu__xl_text(c, row, &cols[0]), *k = yu__xl_text(c, row, &cols[1]);
    if (!*name)
        return yu__xl_err(c, row, &cols[0], YU_EMISSING, "单位名称未填写");
    int kind = yu_unitkind_parse(k);
    if (kind < 0)
        return yu__xl_err(c, row, &cols[1], YU_EVALUE, "单位类型“%s”无法识别：应为 行政单位、参公事业单位、事业单位 或 其他", k);
    return yu_budget_add_member(c->b, name, kind) ? yu__xl_oom(c) : 0;
}

int yu__xl_row_perf(lctx *c, uint32_t row, xcol *cols)
{
    yu_budget *b = c->b;
    if (b->has_perf)
        return yu__xl_err(c, row, NULL, YU_EVALUE, "绩效目标只填一行（预算单位数、项目数、涉及项目预算资金）");
    long long u, p;
    if (yu__xl_whole(c, row, &cols[0], 0, 1000000000, 0, "不小于0的整数", &u) < 0 ||
        yu__xl_whole(c, row, &cols[1], 0, 1000000000, 0, "不小于0的整数", &p) < 0 ||
        yu__xl_amount(c, row, &cols[2], b->input_scale, 0, &b->perf_funds))
        return -1;
    b->perf_units = u;
    b->perf_projects = p;
    char v1[64], v2[64];
    yu_money proj;
    switch (yu__perf_problem(b, &proj)) {
    case YU_PERF_FUNDS_OVER:
        yu__xl_unit_amount(b, b->perf_funds, v1, sizeof v1);
        yu__xl_unit_amount(b, proj, v2, sizeof v2);
        return yu__xl_err(c, row, &cols[2], YU_EVALUE, "涉及项目预算资金 %s 大于支出明细中的项目支出 %s：应为项目支出的一部分", v1, v2);
    case YU_PERF_NO_UNITS:
        return yu__xl_err(c, row, &cols[0], YU_EVALUE, "预算单位数为0，项目数为%lld：应填编报绩效目标的预算单位个数", p);
    }
    b->has_perf = 1;
    return 0;
}

/* ---- 项目, 绩效指标, 说明 ---- */

/* A project's fields after its id and name (row_project): 0, or -1 with the error recorded. */
static int project_fields(lctx *c, uint32_t row, xcol *cols, yu_project *p)
{
    p->department = yu__xl_text(c, row, &cols[2]);
    p->implementer = yu__xl_text(c, row, &cols[3]);
    if (yesno(c, row, &cols[4], "公开绩效目标", &p->publish))
        return -1;
    long long es;
    if (yu__xl_whole(c, row, &cols[5], 0, 100, 10, "0到100的整数", &es) < 0)
        return -1;
    p->exec_score = (int)es;
    p->goal = yu__xl_text(c, row, &cols[6]);
    for (int k = 0; k < 6; k++) /* 项目经费情况说明: overview … schedule */
        p->text[k] = yu__xl_text(c, row, &cols[7 + k]);
    /* the 绩效目标填报表's words: 项目性质, 项目类别, 计划开始/完成日期 (text or an Excel date), 项目总目标 */
    p->nature = yu__xl_text(c, row, &cols[13]);
    p->category = yu__xl_text(c, row, &cols[14]);
    p->life_goal = yu__xl_text(c, row, &cols[20]);
    int d[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        const xcol *dc = &cols[15 + k];
        if (yu__xl_cell_empty(c, row, dc)) {
            *(k ? &p->finish : &p->start) = "";
            continue;
        }
        const yu_xcell *x = yu__xl_cellv(c, row, dc);
        const char *t = yu__xl_text(c, row, dc);
        d[k] = x->kind == YU_XC_NUMBER ? yu__xl_excel_day(x->num) : yu__parse_date(t);
        if (!d[k])
            return yu__xl_err(c, row, dc, YU_EVALUE, "%s“%s”不是日期：应为 年-月-日，如 %d-01-01", dc->spec->label, t,
                              c->b->year);
        char *ds = yu_arena_printf(c->a, "%04d-%02d-%02d", d[k] / 10000, d[k] / 100 % 100, d[k] % 100);
        if (!ds)
            return yu__xl_oom(c);
        *(k ? &p->finish : &p->start) = ds;
    }
    if (d[0] && d[1] && d[1] < d[0])
        return yu__xl_err(c, row, &cols[16], YU_EVALUE, "项目“%s”计划完成日期 %s 早于计划开始日期 %s", p->id, p->finish, p->start);
    /* 项目资金总额 and its parts */
    int given[3];
    yu_money *lv[3] = {&p->life_total, &p->life_fiscal, &p->life_other};
    for (int k = 0; k < 3; k++) {
        given[k] = !yu__xl_cell_empty(c, row, &cols[17 + k]);
        if (given[k] && yu__xl_amount(c, row, &cols[17 + k], c->b->input_scale, 0, lv[k]))
            return -1;
    }
    int why = yu__project_life(p, given);
    if (why)
        return yu__xl_err(c, row, why == 1 ? &cols[given[1] ? 18 : 19] : &cols[17], why == 1 ? YU_EMISSING : YU_EVALUE,
                          why == 1 ? "项目“%s”填了项目资金总额的组成，未填项目资金总额" :
                                     "项目“%s”项目资金总额中财政资金与其他资金之和不等于项目资金总额", p->id);
    return 0;
}

int yu__xl_row_project(lctx *c, uint32_t row, xcol *cols)
{
    yu_project p;
    memset(&p, 0, sizeof p);
    p.id = yu__xl_text(c, row, &cols[0]);
    p.name = yu__xl_text(c, row, &cols[1]);
    if (!*p.id)
        return yu__xl_err(c, row, &cols[0], YU_EMISSING, "项目编号未填写");
    if (!*p.name)
        return yu__xl_err(c, row, &cols[1], YU_EMISSING, "项目“%s”未填写项目名称", p.id);
    if (yu_budget_project_index(c->b, p.id) >= 0)
        return yu__xl_err(c, row, &cols[0], YU_EDUP, "项目编号“%s”填写了两次", p.id);
    /* a row with a wrong field still names its project: the rows that refer to it are not
     * reported again as naming none (the workbook is refused all the same) */
    int rc = project_fields(c, row, cols, &p);
    if (yu_budget_add_project(c->b, &p))
        return yu__xl_oom(c);
    return rc;
}

int yu__xl_row_indicator(lctx *c, uint32_t row, xcol *cols)
{
    yu_indicator x;
    memset(&x, 0, sizeof x);
    const char *pj = yu__xl_text(c, row, &cols[0]);
    x.project = yu_budget_project_index(c->b, pj);
    if (x.project < 0)
        return yu__xl_err(c, row, &cols[0], YU_EVALUE, "项目编号“%s”在“项目”工作表中不存在", pj);
    x.level1 = yu__xl_text(c, row, &cols[1]);
    static const char *const l1[] = {"产出指标", "效益指标", "满意度指标", "成本指标"};
    int ok = 0;
    for (int i = 0; i < 4; i++)
        if (!strcmp(x.level1, l1[i]))
            ok = 1;
    if (!ok)
        return yu__xl_err(c, row, &cols[1], YU_EVALUE, "一级指标“%s”：应为 产出指标、效益指标、满意度指标 或 成本指标",
                    x.level1);
    x.level2 = yu__xl_text(c, row, &cols[2]);
    x.level3 = yu__xl_text(c, row, &cols[3]);
    if (!*x.level2 || !*x.level3)
        return yu__xl_err(c, row, !*x.level2 ? &cols[2] : &cols[3], YU_EMISSING,
                    "%s未填写：每个指标须有二级指标和三级指标", !*x.level2 ? "二级指标" : "三级指标");
    x.value = yu__xl_text(c, row, &cols[4]);
    yu_money wv;
    if (yu__xl_cell_empty(c, row, &cols[5]))
        return yu__xl_err(c, row, &cols[5], YU_EVALUE, "分值权重未填写：应为不小于0、最多两位小数的数");
    {
        /* the weight reads like an amount in hundredths */
        xcol wc = cols[5];
        yu_error keep;
        yu_error *saved = c->err;
        c->err = &keep;
        int r = yu__xl_amount(c, row, &wc, 100, 0, &wv);
        c->err = saved;
        if (r) {
            const char *w = yu__xl_text(c, row, &cols[5]);
            char buf[64];
            const yu_xcell *xc = yu__xl_cellv(c, row, &cols[5]);
            if (xc && xc->kind == YU_XC_NUMBER) {
                snprintf(buf, sizeof buf, "%.15g", xc->num);
                w = buf;
            }
            return yu__xl_err(c, row, &cols[5], YU_EVALUE, "分值权重“%s”：应为不小于0、最多两位小数的数", w);
        }
    }
    if (wv > YU_WEIGHT_MAX) /* points out of 100: the project's weights are added up */
        return yu__xl_err(c, row, &cols[5], YU_EVALUE, "分值权重过大：应为该指标的分值（不超过%d）", YU_WEIGHT_MAX / 100);
    x.weight = wv;
    x.line = (int)row + 1;
    c->weight_col = cols[5].idx;
    if (yu_budget_add_indicator(c->b, &x))
        return yu__xl_oom(c);
    return 0;
}

/* The 说明 sheet's items as the preparer sees them (the template writes the
 * label; the package's key is accepted too). */
static const struct {
    const char *key, *label;
} note_labels[] = {
    {"gpb_change", "一般公共预算拨款变化原因"},
    {"basic", "基本支出说明"},
    {"sangong", "三公经费变化原因"},
    {"perf", "绩效目标情况说明"},
    {"other", "其他重要事项"},
};

const char *yu_xlsx_note_label(const char *key)
{
    for (size_t i = 0; i < sizeof note_labels / sizeof note_labels[0]; i++)
        if (!strcmp(key, note_labels[i].key))
            return note_labels[i].label;
    return NULL;
}

size_t yu_xlsx_note_labels(const char **labels, size_t max)
{
    size_t n = sizeof note_labels / sizeof note_labels[0];
    for (size_t i = 0; i < n && i < max; i++)
        labels[i] = note_labels[i].label;
    return n;
}

int yu__xl_row_note(lctx *c, uint32_t row, xcol *cols)
{
    char *kc = yu__xl_text(c, row, &cols[0]);
    const char *k = kc;
    const char *t = yu__xl_text(c, row, &cols[1]);
    for (size_t i = 0; i < sizeof note_labels / sizeof note_labels[0]; i++)
        if (!strcmp(k, note_labels[i].label))
            k = note_labels[i].key;
    char fkey[16];
    if (kc[0] >= '0' && kc[0] <= '9') { /* "2110106 生态环境国际合作及履约": that 项's reason for its change */
        const char *named = yu__xl_split_named(kc);
        if (strlen(kc) != 7 || !yu_catalog_name(c->func, kc))
            return yu__xl_err(c, row, &cols[0], YU_ECODE,
                        "说明项目“%s”：应为功能分类目录中的7位项级科目编码（可带科目名称），如 2110106 生态环境国际合作及履约", kc);
        if (yu__xl_check_named(c, row, &cols[0], kc, named, yu_catalog_name(c->func, kc), "功能分类"))
            return -1;
        snprintf(fkey, sizeof fkey, "func:%s", kc);
        k = fkey;
    }
    int ok = !strcmp(k, "gpb_change") || !strcmp(k, "basic") || !strcmp(k, "sangong") || !strcmp(k, "perf") ||
             !strcmp(k, "other") || yu_note_sangong_item(k);
    if (!strncmp(k, "func:", 5) || !strncmp(k, "purpose:", 8)) {
        const char *code = strchr(k, ':') + 1;
        ok = strlen(code) == 7 && yu_catalog_name(c->func, code);
        if (!ok)
            return yu__xl_err(c, row, &cols[0], YU_ECODE,
                        "键“%s”：“%.*s”之后应为功能分类目录中的7位项级科目编码，如 %.*s2110106", k,
                        (int)(code - k), k, (int)(code - k), k);
    }
    if (!ok)
        return yu__xl_err(c, row, &cols[0], YU_EVALUE,
                    "说明项目“%s”无法识别：应为 一般公共预算拨款变化原因、基本支出说明、三公经费变化原因、"
                    "绩效目标情况说明、其他重要事项，或某个功能分类科目的7位编码（该科目变化的原因，如 2110106 生态环境国际合作及履约）", k);
    if (yu__xl_blank_text(t))
        return 0; /* an item the template lists for words, left empty */
    if (yu_budget_note(c->b, k))
        return yu__xl_err(c, row, &cols[0], YU_EDUP, "说明项目“%s”重复：每项说明只能填写一次", kc);
    if (yu_budget_add_note(c->b, k, t))
        return yu__xl_oom(c);
    return 0;
}

/* row_fn adaptors carrying per-sheet state through the context */
