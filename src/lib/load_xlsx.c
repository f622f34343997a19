/* The input workbook as a budget: its schema (the sheets and columns
 * yusuan template writes) and the sheet interpreters over the reader of
 * xlsx_read.c (every error naming its sheet!cell). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include <errno.h>
#include <math.h>
#include "yusuan/xlsx.h"
#include "yusuan/year.h"
#include "xlsx_internal.h"
#include "load_xlsx_internal.h"
#include "internal.h"

/* ======================================================================
 * The schema of the input workbook
 * ====================================================================== */

static const yu_xunititem unit_items[] = {
    {"name", "单位名称", 1, YU_XK_TEXT, "单位全称，如 生态环境部对外合作与交流中心"},
    {"code", "单位代码", 1, YU_XK_TEXT, "单位代码（数字或字母）"},
    {"department", "主管部门", 1, YU_XK_TEXT, "主管部门名称，如 生态环境部"},
    {"department_code", "主管部门代码", 1, YU_XK_TEXT, "主管部门代码，如 144"},
    {"year", "预算年度", 1, YU_XK_INT, "预算年度，如 2024"},
    {"amount_unit", "金额单位", 1, YU_XK_TEXT, "元 或 万元：各表金额都按这个单位填写，最多两位小数"},
    {"template", "公开模板", 0, YU_XK_TEXT, "公开文本的格式；留空即按中央部门预算的格式公开"},
    {"parent", "上级单位代码", 0, YU_XK_TEXT, "部门汇总时上级单位的代码；可留空"},
    {"functions", "主要职能", 0, YU_XK_LONGTEXT, "第一部分 一、主要职能；段落之间空一行"},
    {"organisation", "内设机构", 0, YU_XK_LONGTEXT, "第一部分 二、内设机构；段落之间空一行"},
};

static const yu_xcolspec cols_unit[] = {
    {"item", "项目", 1, YU_XK_UNITKEY, 16, "单位信息的项目名称（不要修改）"},
    {"value", "内容", 1, YU_XK_TEXT, 70, "填写内容"},
};
static const yu_xcolspec cols_funds[] = {
    {"item", "项目", 1, YU_XK_FUND, 34, "收入、上年结转、结转下年的项目（从下拉列表选择，每项一行）"},
    {"amount", "金额", 1, YU_XK_AMOUNT, 18, "金额，按单位信息的金额单位，最多两位小数；空为零"},
    {"prior", "上年预算数", 0, YU_XK_AMOUNT, 18, "该项上年预算数（用于说明收入、支出比上年预算增减）；都不填则不比较"},
};
static const yu_xcolspec cols_exp[] = {
    {"func", "功能分类科目编码", 1, YU_XK_FUNC, 18, "支出功能分类“项”：从下拉列表选择（可输入编码或名称查找），如 2110106 生态环境国际合作及履约；也可只填7位编码"},
    {"func_name", "科目名称", 0, YU_XK_NAME, 34, "按编码自动显示，不用填写"},
    {"type", "支出类型", 1, YU_XK_TYPE, 18, "人员经费、公用经费、项目支出、上缴上级支出、事业单位经营支出、对附属单位补助支出"},
    {"source", "资金来源", 1, YU_XK_SOURCE, 26, "一般公共预算拨款、一般公共预算拨款上年结转、政府性基金预算拨款……非财政拨款"},
    {"econ", "经济分类科目编码", 0, YU_XK_ECON, 18, "部门预算支出经济分类“款”：从下拉列表选择，如 30101 基本工资；也可只填5位编码。一般公共预算拨款的基本支出必填"},
    {"project", "项目编号", 0, YU_XK_PROJECT, 22, "项目表中的项目编号；项目支出必填"},
    {"jijian", "中央基建投资", 0, YU_XK_YESNO, 14, "属于中央基建投资（中央预算内投资）填 是"},
    {"amount", "金额", 1, YU_XK_AMOUNT, 18, "金额，按单位信息的金额单位，最多两位小数"},
};
static const yu_xcolspec cols_prior[] = {
    {"func", "功能分类科目编码", 1, YU_XK_FUNC, 18, "支出功能分类 项 的7位编码"},
    {"func_name", "科目名称", 0, YU_XK_NAME, 34, "按编码自动显示，不用填写"},
    {"executed", "执行数", 1, YU_XK_AMOUNT, 18, "上年一般公共预算拨款执行数"},
    {"executed_ex", "扣除中央基建投资后执行数", 0, YU_XK_AMOUNT, 26, "扣除中央基建投资后的执行数；空为等于执行数"},
};
static const yu_xcolspec cols_sangong[] = {
    {"item", "项目", 1, YU_XK_SANGONG, 22, "“三公”经费项目和机关运行经费"},
    {"amount", "本年预算数", 1, YU_XK_AMOUNT, 18, "本年财政拨款预算数"},
    {"prior", "上年预算数", 0, YU_XK_AMOUNT, 18, "上年预算数（用于说明增减变化）；不填则不比较"},
};
static const yu_xcolspec cols_proc[] = {
    {"item", "项目", 1, YU_XK_PROC, 26, "货物、工程、服务；面向中小企业预留（政府采购预算中预留给中小企业的部分）及其中：预留给小型和微型企业"},
    {"amount", "金额", 1, YU_XK_AMOUNT, 18, "政府采购预算金额；面向中小企业预留不填则不说明预留情况"},
};
static const yu_xcolspec cols_assets[] = {
    {"category", "类别", 1, YU_XK_CATEGORY, 10, "车辆 或 设备（单位价值100万元以上设备）"},
    {"name", "名称", 1, YU_XK_TEXT, 30, "车辆按用途填写，如 主要领导干部用车、机要通信用车、应急保障用车、执法执勤用车、特种专业技术用车、其他用车"},
    {"count", "数量", 1, YU_XK_INT, 10, "辆 或 台（套），整数"},
    {"purchase", "本年购置数量", 0, YU_XK_INT, 14, "本年预算安排购置的数量（辆 或 台（套）），整数；填写后说明购置情况"},
    {"as_of", "统计截止日期", 0, YU_XK_DATE, 16, "资产数的统计截止日期，如 2024-08-31（截至2024年8月31日）；各行相同"},
};
static const yu_xcolspec cols_units[] = {
    {"name", "单位名称", 1, YU_XK_TEXT, 44, "部门所属预算单位的全称（含本部）"},
    {"kind", "单位类型", 1, YU_XK_UNITKIND, 16, "行政单位、参公事业单位、事业单位 或 其他（机关运行经费按行政单位和参公事业单位说明）"},
};
static const yu_xcolspec cols_perf[] = {
    {"units", "预算单位数", 1, YU_XK_INT, 14, "编报绩效目标的预算单位个数，整数"},
    {"projects", "项目数", 1, YU_XK_INT, 12, "编报绩效目标的项目个数，整数"},
    {"amount", "涉及项目预算资金", 1, YU_XK_AMOUNT, 20, "这些项目的预算资金，不大于支出明细中项目支出的合计"},
};
static const yu_xcolspec cols_projects[] = {
    {"id", "项目编号", 1, YU_XK_TEXT, 22, "项目编号（自定，支出明细和绩效指标用它指明项目）"},
    {"name", "二级项目名称", 1, YU_XK_TEXT, 40, "二级项目名称"},
    {"department", "主管部门及代码", 0, YU_XK_TEXT, 20, "如 [144]生态环境部"},
    {"implementer", "实施单位", 0, YU_XK_TEXT, 30, "实施单位"},
    {"publish", "公开绩效目标", 0, YU_XK_YESNO, 14, "公开该项目的绩效目标表填 是"},
    {"exec_score", "执行率分值", 0, YU_XK_INT, 12, "执行率分值，空为10；不设执行率填0"},
    {"goal", "年度总体目标", 0, YU_XK_LONGTEXT, 60, "年度总体目标；分段用单元格内换行（Alt+Enter）"},
    {"overview", "项目概况", 0, YU_XK_LONGTEXT, 60, "项目经费情况说明 一、项目概况；分段用单元格内换行"},
    {"basis", "立项依据", 0, YU_XK_LONGTEXT, 60, "项目经费情况说明 二、立项依据"},
    {"subject", "实施主体", 0, YU_XK_LONGTEXT, 40, "项目经费情况说明 三、实施主体"},
    {"plan", "实施方案", 0, YU_XK_LONGTEXT, 60, "项目经费情况说明 四、实施方案"},
    {"period", "实施周期", 0, YU_XK_LONGTEXT, 40, "项目经费情况说明 五、实施周期"},
    {"schedule", "年度预算安排", 0, YU_XK_LONGTEXT, 60, "项目经费情况说明 六、年度预算安排"},
    /* the 财政项目支出绩效目标填报表 (Shanghai) */
    {"nature", "项目性质", 0, YU_XK_TEXT, 14, "绩效目标填报表：经常性项目、阶段性项目、一次性项目"},
    {"category", "项目类别", 0, YU_XK_TEXT, 14, "绩效目标填报表：如 特定目标类"},
    {"start", "计划开始日期", 0, YU_XK_DATE, 14, "绩效目标填报表：如 2025-01-01；空为预算年度1月1日"},
    {"finish", "计划完成日期", 0, YU_XK_DATE, 14, "绩效目标填报表：如 2025-12-31；空为预算年度12月31日"},
    {"life_total", "项目资金总额", 0, YU_XK_AMOUNT, 16, "绩效目标填报表：项目全周期资金总额；空为本年度资金"},
    {"life_fiscal", "项目资金总额中财政资金", 0, YU_XK_AMOUNT, 16, "项目资金总额中的财政资金；空为总额减其他资金"},
    {"life_other", "项目资金总额中其他资金", 0, YU_XK_AMOUNT, 16, "项目资金总额中的其他资金；空为总额减财政资金"},
    {"life_goal", "项目总目标", 0, YU_XK_LONGTEXT, 60, "绩效目标填报表：项目总目标；空为年度总体目标"},
};
static const yu_xcolspec cols_inds[] = {
    {"project", "项目编号", 1, YU_XK_PROJECT, 22, "项目表中的项目编号"},
    {"level1", "一级指标", 1, YU_XK_LEVEL1, 12, "产出指标、效益指标、满意度指标、成本指标"},
    {"level2", "二级指标", 1, YU_XK_TEXT, 20, "如 数量指标、质量指标、时效指标、社会效益指标"},
    {"level3", "三级指标", 1, YU_XK_TEXT, 40, "三级指标"},
    {"value", "指标值", 1, YU_XK_TEXT, 24, "指标值，按文字原样公开，如 =1次、>85%"},
    {"weight", "分值权重", 1, YU_XK_NUMBER, 10, "分值权重，最多两位小数；公开项目的权重合计为 100 减执行率分值"},
};
static const yu_xcolspec cols_notes[] = {
    {"key", "键", 1, YU_XK_NOTEKEY, 30, "说明项目：一般公共预算拨款变化原因、基本支出说明、三公经费变化原因、绩效目标情况说明、其他重要事项（从下拉列表选择），或填功能分类科目编码（可带名称，如 2110106 生态环境国际合作及履约）说明该科目变化的原因"},
    {"text", "内容", 1, YU_XK_LONGTEXT, 80, "数据无法得出的说明文字，如 增减变化的主要原因；表中已列出需要说明的项目，内容留空的不作说明"},
};

#define NCOL(a) (sizeof(a) / sizeof(a)[0])
static const yu_xsheetspec schema[] = {
    {"单位信息", "unit.txt, functions.txt, organisation.txt", 1, cols_unit, NCOL(cols_unit),
     "单位名称、代码、年度、金额单位，主要职能和内设机构"},
    {"收入", "funds.csv", 1, cols_funds, NCOL(cols_funds),
     "按来源的收入、上年结转、使用非财政拨款结余和结转下年"},
    {"支出明细", "expenditure.csv", 1, cols_exp, NCOL(cols_exp),
     "支出明细：每行一笔，按功能分类项、支出类型、资金来源（和经济分类、项目）"},
    {"上年执行", "prior.csv", 0, cols_prior, NCOL(cols_prior),
     "上年一般公共预算拨款执行数，按功能分类项"},
    {"三公经费", "sangong.csv", 0, cols_sangong, NCOL(cols_sangong),
     "“三公”经费和机关运行经费（财政拨款）"},
    {"政府采购", "procurement.csv", 0, cols_proc, NCOL(cols_proc), "政府采购预算"},
    {"资产", "assets.csv", 0, cols_assets, NCOL(cols_assets),
     "国有资产：车辆（按用途）和单位价值100万元以上设备"},
    {"项目", "projects.csv", 0, cols_projects, NCOL(cols_projects),
     "项目：名称、主管部门、实施单位、是否公开绩效目标、年度总体目标（有项目支出时必填）"},
    {"绩效指标", "indicators.csv", 0, cols_inds, NCOL(cols_inds),
     "项目绩效指标，按公开顺序逐行填写"},
    {"说明", "notes.csv", 0, cols_notes, NCOL(cols_notes),
     "数据无法得出的说明文字（增减变化原因等）；已列出变化较大、需要说明原因的科目，有上年数据的已填上年的文字，请核改"},
    {"预算单位", "units.csv", 0, cols_units, NCOL(cols_units),
     "部门所属预算单位及其类型（用于说明机关运行经费涉及的单位）"},
    {"绩效目标", "perf.csv", 0, cols_perf, NCOL(cols_perf),
     "绩效目标设置情况：编报绩效目标的预算单位数、项目数和涉及的项目预算资金，一行；不填则按项目表中设有绩效目标的项目计算"},
};

const yu_xsheetspec *yu_xlsx_schema(size_t *n)
{
    *n = NCOL(schema);
    return schema;
}

const yu_xunititem *yu_xlsx_unit_items(size_t *n)
{
    *n = NCOL(unit_items);
    return unit_items;
}

/* ======================================================================
 * The input workbook as a budget (the context, xcol and lctx, and the
 * readers the sheets share: load_xlsx_internal.h; the sheets' rows:
 * load_xlsx_sheets.c)
 * ====================================================================== */

/* After an error in *c->err: with a list, keeps it and clears *c->err so the
 * load goes on (returns 1); without one, when memory ran out or the list is
 * full, returns 0 (stop). */
static int keep_going(lctx *c)
{
    return yu_errors_keep(c->errs, c->err, &c->first, &c->nerr);
}

/* Records an error at sheet!cell (col NULL or absent: the row, as 支出明细!12:12). Returns -1. */
int yu__xl_err(lctx *c, uint32_t row, const xcol *col, yu_status st, const char *fmt, ...)
{
    if (!c->err)
        return -1;
    char msg[sizeof c->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    yu_error_set(c->err, st, c->path, 0, 0, "%s", msg);
    char ref[16];
    if (col && col->idx >= 0)
        snprintf(c->err->where, sizeof c->err->where, "%s!%s", c->s->name,
                 yu_xlsx_ref(row, (uint32_t)col->idx, ref, sizeof ref));
    else
        snprintf(c->err->where, sizeof c->err->where, "%s!%lu:%lu", c->s->name, (unsigned long)row + 1,
                 (unsigned long)row + 1);
    return -1;
}

int yu__xl_oom(lctx *c)
{
    yu_error_set(c->err, YU_ENOMEM, c->path, 0, 0, "out of memory");
    return -1;
}

/* A number as text: whole numbers without decimals, others as Excel shows them (15 digits). */
static void num_text(double v, char *buf, size_t n)
{
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, "%.15g", v);
}

const yu_xcell *yu__xl_cellv(lctx *c, uint32_t row, const xcol *col)
{
    return col->idx < 0 ? NULL : yu_xsheet_value(c->s, row, (uint32_t)col->idx);
}

/* The trimmed text of a cell ("" when empty), a scratch string. */
char *yu__xl_text(lctx *c, uint32_t row, const xcol *col)
{
    const yu_xcell *x = yu__xl_cellv(c, row, col);
    if (!x || x->kind == YU_XC_EMPTY)
        return (char *)"";
    char buf[64];
    const char *s = x->text;
    if (x->kind == YU_XC_NUMBER) {
        num_text(x->num, buf, sizeof buf);
        s = buf;
    }
    char *d = yu_arena_strdup(c->a, s);
    return d ? yu_trim(d) : (char *)"";
}

/* Only spaces (ASCII, ideographic), tabs and line breaks. */
int yu__xl_blank_text(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) /* ideographic space */
            p += 3;
        else
            return 0;
    }
    return 1;
}

int yu__xl_cell_empty(lctx *c, uint32_t row, const xcol *col)
{
    const yu_xcell *x = yu__xl_cellv(c, row, col);
    return !x || x->kind == YU_XC_EMPTY || (x->kind == YU_XC_TEXT && yu__xl_blank_text(x->text));
}

/* Empty without looking into merged ranges. */
static int own_empty(lctx *c, uint32_t row, const xcol *col)
{
    const yu_xcell *x = col->idx < 0 ? NULL : yu_xsheet_cell(c->s, row, (uint32_t)col->idx);
    return !x || x->kind == YU_XC_EMPTY || (x->kind == YU_XC_TEXT && yu__xl_blank_text(x->text));
}

/* Is s a plain decimal ("-12.5", "1368") with at most two decimals? */
static int plain_decimal(const char *s)
{
    if (*s == '-')
        s++;
    int nd = 0, nf = -1;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            nd++;
            if (nf >= 0)
                nf++;
        } else if (*s == '.' && nf < 0)
            nf = 0;
        else
            return 0;
    }
    return nd > 0 && nf <= 2;
}

/* the money parser's reason, in the preparer's words */
static const char *why_cn(const char *why)
{
    static const struct { const char *en, *cn; } m[] = {
        {"spaces inside the number", "数字中间有空格"}, {"more than two decimals", "小数超过两位"},
        {"number too large", "数额过大"}, {"not a number", "不是数字"}, {"unit cannot hold decimals", "该单位不能有小数"}};
    for (size_t i = 0; i < sizeof m / sizeof *m; i++)
        if (why && !strcmp(why, m[i].en))
            return m[i].cn;
    return why ? why : "";
}

/* An amount of the input unit; empty is zero.  Numbers are taken as Excel
 * shows them (15 significant digits), so 0.1+0.2 is 0.30 and 25.001 is refused. */
int yu__xl_amount(lctx *c, uint32_t row, const xcol *col, int64_t scale, int allow_neg, yu_money *out)
{
    *out = 0;
    if (yu__xl_cell_empty(c, row, col))
        return 0;
    const yu_xcell *x = yu__xl_cellv(c, row, col);
    char buf[400];
    const char *s;
    if (x->kind == YU_XC_NUMBER) {
        if (!isfinite(x->num))
            snprintf(buf, sizeof buf, "%s", x->text);
        else if (plain_decimal(x->text))
            snprintf(buf, sizeof buf, "%s", x->text);
        else {
            snprintf(buf, sizeof buf, "%.15g", x->num);
            if (strchr(buf, 'e')) {
                if (x->num == floor(x->num) && fabs(x->num) < 9e18)
                    snprintf(buf, sizeof buf, "%.0f", x->num);
                else if (fabs(x->num) < 1)
                    snprintf(buf, sizeof buf, "%.20f", x->num);
            }
        }
        s = buf;
    } else
        s = yu__xl_text(c, row, col);
    const char *why;
    if (yu_money_parse(s, strlen(s), scale, out, &why) != YU_OK)
        return yu__xl_err(c, row, col, YU_EVALUE,
                    "%s“%s”不是金额（%s）：应为以%s为单位、最多两位小数的数，如 1,368.00",
                    col->spec->label, s, why_cn(why), scale == YU_FEN_PER_WAN ? "万元" : scale == 100 ? "元" : "工作簿金额单位");
    if (*out < 0 && !allow_neg)
        return yu__xl_err(c, row, col, YU_EVALUE, "%s“%s”为负数：应为0或正数",
                    col->spec->label, s);
    if (yu_money_add(&c->sum, *out < 0 ? -*out : *out))
        return yu__xl_err(c, row, col, YU_ELIMIT,
                    "%s“%s”使工作簿金额合计超出可计算的范围"
                    "（合计最多%lld万元）：请检查金额及其单位",
                    col->spec->label, s, (long long)(YU_MONEY_SUM_MAX / YU_FEN_PER_WAN));
    return 0;
}

/* A whole number; *out = dflt when empty. */
int yu__xl_whole(lctx *c, uint32_t row, const xcol *col, long long lo, long long hi, long long dflt,
                 const char *what, long long *out)
{
    *out = dflt;
    if (yu__xl_cell_empty(c, row, col))
        return 1;
    const char *s = yu__xl_text(c, row, col);
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return yu__xl_err(c, row, col, YU_EVALUE, "%s“%s”：应为%s", col->spec->label, s, what);
    *out = v;
    return 0;
}

/* A code cell as the drop-downs write it, "2010101 行政运行": cuts s after
 * the leading digits and returns the name that followed (trimmed; "" if none). */
const char *yu__xl_split_named(char *s)
{
    char *p = s;
    while (*p >= '0' && *p <= '9')
        p++;
    if (p == s || !*p)
        return "";
    char *q = p;
    while (*q == ' ' || *q == '\t' || ((unsigned char)q[0] == 0xE3 && (unsigned char)q[1] == 0x80 &&
                                         (unsigned char)q[2] == 0x80))
        q += *q == ' ' || *q == '\t' ? 1 : 3;
    if (!*q || (*q >= '0' && *q <= '9') || (q == p && ((unsigned char)*q < 0x80)))
        return ""; /* "2010101x", "30101 2": not a name, the code check reports it */
    *p = 0;
    return yu_trim(q);
}

/* The name after a code must be the catalogue's name of that code. */
int yu__xl_check_named(lctx *c, uint32_t row, const xcol *col, const char *code, const char *name,
                       const char *catname, const char *what)
{
    if (!*name || !catname || !strcmp(name, catname))
        return 0;
    return yu__xl_err(c, row, col, YU_ECODE, "%s %s 在科目目录中的名称是“%s”，不是“%s”：请从下拉列表选择编码，或改正名称",
                what, code, catname, name);
}

/* Parses a 7-digit 功能分类 项 code and checks it against the catalogue (load_package's rules). */
int yu__xl_func_code(lctx *c, uint32_t row, const xcol *col, uint32_t *out)
{
    char *s = yu__xl_text(c, row, col);
    const char *named = yu__xl_split_named(s);
    size_t n = strlen(s);
    uint32_t v = 0;
    int ok = n == 7;
    for (size_t i = 0; ok && i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            ok = 0;
        else
            v = v * 10 + (uint32_t)(s[i] - '0');
    }
    if (!ok)
        return yu__xl_err(c, row, col, YU_ECODE, "“%s”不是功能分类项级科目编码：应为7位数字，如 2110106", s);
    int known = c->fbits && v >= 2000000 && v < 3000000
                    ? (c->fbits[(v - 2000000) >> 3] >> ((v - 2000000) & 7)) & 1
                    : yu_catalog_name_num(c->func, v, 7) != NULL;
    if (!known) {
        uint32_t kuan = v / 100, lei = v / 10000;
        const char *kn = yu_catalog_name_num(c->func, kuan, 5);
        const char *ln = yu_catalog_name_num(c->func, lei, 3);
        if (!ln)
            return yu__xl_err(c, row, col, YU_ECODE, "功能分类科目编码 %s 无法识别：类 %u 不存在", s, lei);
        if (!kn)
            return yu__xl_err(c, row, col, YU_ECODE, "功能分类科目编码 %s 无法识别：款 %u 不属于类 %u %s", s,
                        kuan, lei, ln);
        return yu__xl_err(c, row, col, YU_ECODE,
                    "功能分类科目编码 %s 无法识别：款 %u %s 下没有该项（如为新增科目，请用 --catalog 文件 补充目录）", s,
                    kuan, kn);
    }
    if (yu__xl_check_named(c, row, col, s, named, yu_catalog_name_num(c->func, v, 7), "功能分类"))
        return -1;
    *out = v;
    return 0;
}


/* Does a header cell name this column?  The label, the package's key, or the
 * label followed by a bracketed remark ("金额（万元）"). */
static int header_matches(const char *h, const yu_xcolspec *sp)
{
    if (!strcmp(h, sp->label) || !strcmp(h, sp->key))
        return 1;
    size_t n = strlen(sp->label);
    return !strncmp(h, sp->label, n) && (h[n] == '(' || !strncmp(h + n, "（", 3));
}

static int u32_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Rows of the sheet that hold anything (cells or merged ranges), ascending. */
static uint32_t *sheet_rows(lctx *c, size_t *n)
{
    const yu_xsheet *s = c->s;
    size_t extra = 0;
    for (size_t i = 0; i < s->nmerges; i++)
        extra += s->merges[i].r2 - s->merges[i].r1 + 1;
    if (extra > MERGE_ROWS_MAX)
        extra = MERGE_ROWS_MAX;
    uint32_t *r = malloc((s->ncells + extra + 1) * sizeof *r);
    if (!r)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < s->ncells; i++)
        if (!k || r[k - 1] != s->cells[i].row)
            r[k++] = s->cells[i].row;
    if (s->nmerges) {
        size_t e = 0;
        for (size_t i = 0; i < s->nmerges && e < extra; i++)
            for (uint32_t y = s->merges[i].r1; y <= s->merges[i].r2 && e < extra; y++, e++)
                r[k++] = y;
        qsort(r, k, sizeof *r, u32_cmp);
        size_t w = 0;
        for (size_t i = 0; i < k; i++)
            if (!w || r[w - 1] != r[i])
                r[w++] = r[i];
        k = w;
    }
    *n = k;
    return r;
}

typedef int (*xrow_fn)(lctx *c, uint32_t row, xcol *cols);


/* Appends ", " (unless first) and s to the list in buf (cap bytes); a list
 * too long for buf is cut short, never overflows it. */
void yu__xl_list_add(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(buf);
    if (n + 1 < cap)
        snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", s);
}
/* Reads one input sheet: header row, then every non-empty row through fn. */
static int load_sheet(lctx *c, const yu_xsheetspec *sp, xrow_fn fn)
{
    yu_error tmp;
    yu_error_clear(&tmp);
    const yu_xsheet *s;
    yu_status st = yu_xlsx_sheet(c->x, sp->name, &s, &tmp);
    if (st == YU_EMISSING) {
        if (!sp->required)
            return 0;
        yu_error_set(c->err, YU_EMISSING, c->path, 0, 0,
                     "缺少工作表“%s”：预算工作簿须有 单位信息、收入 和 支出明细 三张工作表（可用 yusuan template 文件.xlsx 生成）",
                     sp->name);
        if (c->err)
            snprintf(c->err->where, sizeof c->err->where, "%s", sp->name);
        return -1;
    }
    if (st) {
        if (c->err)
            *c->err = tmp;
        return -1;
    }
    c->s = s;
    /* every column of the sheet's schema (test_xlsx checks none has more than YU_XL_MAXCOLS) */
    xcol cols[YU_XL_MAXCOLS];
    size_t nc = sp->ncols < YU_XL_MAXCOLS ? sp->ncols : YU_XL_MAXCOLS;
    for (size_t i = 0; i < nc; i++) {
        cols[i].spec = &sp->cols[i];
        cols[i].idx = -1;
    }
    size_t nrows;
    uint32_t *rows = sheet_rows(c, &nrows);
    if (!rows)
        return yu__xl_oom(c);
    /* the header: the first row with any text */
    size_t hi = 0;
    int found = 0;
    for (; hi < nrows && !found; hi++) {
        uint32_t r = rows[hi];
        for (uint32_t col = 0; col < s->ncols && col < 256; col++) {
            xcol probe = {&sp->cols[0], (int)col};
            if (!yu__xl_cell_empty(c, r, &probe)) {
                found = 1;
                break;
            }
        }
    }
    if (!found) {
        free(rows);
        if (!sp->required)
            return 0;
        return yu__xl_err(c, 0, NULL, YU_EMISSING, "工作表为空：第一行应为列标题");
    }
    uint32_t hrow = rows[hi - 1];
    for (uint32_t col = 0; col < s->ncols && col < 256; col++) {
        xcol probe = {&sp->cols[0], (int)col};
        const char *h = yu__xl_text(c, hrow, &probe);
        if (!*h)
            continue;
        for (size_t i = 0; i < nc; i++)
            if (cols[i].idx < 0 && header_matches(h, cols[i].spec)) {
                cols[i].idx = (int)col;
                break;
            }
    }
    for (size_t i = 0; i < nc; i++)
        if (cols[i].idx < 0 && cols[i].spec->required) {
            char want[512] = "";
            for (size_t j = 0; j < nc; j++)
                if (cols[j].spec->required) {
                    yu__xl_list_add(want, sizeof want, cols[j].spec->label);
                }
            free(rows);
            return yu__xl_err(c, hrow, NULL, YU_EMISSING, "缺少列“%s”：标题行须有以下各列：%s",
                        cols[i].spec->label, want);
        }
    int rc = 0;
    for (size_t k = hi; k < nrows && !rc; k++) {
        uint32_t r = rows[k];
        /* a row counts when a read column has a value of its own: a row under a
         * merged range with nothing else in it is empty */
        int any = 0;
        for (size_t i = 0; i < nc && !any; i++)
            if (cols[i].idx >= 0 && cols[i].spec->kind != YU_XK_NAME && !own_empty(c, r, &cols[i]))
                any = 1;
        if (any && (rc = fn(c, r, cols)) && keep_going(c))
            rc = 0;
    }
    free(rows);
    return rc;
}

/* ---- 单位信息 ---- */

typedef struct unit_state {
    int seen[NCOL(unit_items)];
} unit_state;

static int row_unit_impl(lctx *c, uint32_t row, xcol *cols, unit_state *us)
{
    const char *k = yu__xl_text(c, row, &cols[0]);
    int ki = -1;
    for (size_t i = 0; i < NCOL(unit_items); i++)
        if (!strcmp(k, unit_items[i].label) || !strcmp(k, unit_items[i].key))
            ki = (int)i;
    if (ki < 0) {
        char want[512] = "";
        for (size_t i = 0; i < NCOL(unit_items); i++) {
            yu__xl_list_add(want, sizeof want, unit_items[i].label);
        }
        return yu__xl_err(c, row, &cols[0], YU_ESYNTAX, "项目“%s”无法识别：应为 %s 之一", k, want);
    }
    const yu_xunititem *it = &unit_items[ki];
    if (us->seen[ki])
        return yu__xl_err(c, row, &cols[0], YU_EDUP, "“%s”填写了两次", it->label);
    us->seen[ki] = 1;
    char *v = yu__xl_text(c, row, &cols[1]);
    yu_budget *b = c->b;
    if (!strcmp(it->key, "year")) {
        char *end;
        long y = strtol(v, &end, 10);
        if (!*v || *end || y < 1990 || y > 2100)
            return yu__xl_err(c, row, &cols[1], YU_EVALUE, "预算年度“%s”：应为四位年份，如 2024", v);
        b->year = (int)y;
        return 0;
    }
    if (!strcmp(it->key, "amount_unit")) {
        if (!strcmp(v, "元"))
            b->input_scale = YU_FEN_PER_YUAN;
        else if (!strcmp(v, "万元"))
            b->input_scale = YU_FEN_PER_WAN;
        else
            return yu__xl_err(c, row, &cols[1], YU_EVALUE, "金额单位“%s”：应为 元 或 万元", v);
        return 0;
    }
    char **slot = !strcmp(it->key, "name")              ? &b->name
                  : !strcmp(it->key, "code")            ? &b->code
                  : !strcmp(it->key, "department")      ? &b->dept_name
                  : !strcmp(it->key, "department_code") ? &b->dept_code
                  : !strcmp(it->key, "template")        ? &b->template_id
                  : !strcmp(it->key, "parent")          ? &b->parent_code
                  : !strcmp(it->key, "functions")       ? &b->functions
                                                        : &b->organisation;
    if (!*v) {
        if (it->required)
            return yu__xl_err(c, row, &cols[1], YU_EVALUE, "“%s”未填写", it->label);
        return 0;
    }
    if (it->kind == YU_XK_LONGTEXT) { /* like functions.txt: no CR */
        char *w = v;
        for (char *q = v; *q; q++)
            if (*q != '\r')
                *w++ = *q;
        *w = 0;
    }
    free(*slot);
    *slot = yu_strdup(v);
    return *slot ? 0 : yu__xl_oom(c);
}

typedef struct lctx_ext {
    lctx base;
    unit_state us;
    uint32_t fund_seen;
} lctx_ext;

static int row_unit(lctx *c, uint32_t row, xcol *cols)
{
    return row_unit_impl(c, row, cols, &((lctx_ext *)c)->us);
}

static int row_fund(lctx *c, uint32_t row, xcol *cols)
{
    int r = yu__xl_row_fund(c, row, cols, &((lctx_ext *)c)->fund_seen);
    if (r)
        c->fund_failed = 1;
    return r;
}

/* 支出明细, every error at once: a row refused for another cell still counts
 * with its 资金来源 and 金额 in the sums of the checks over the rows read
 * (as the 校验 sheet's SUMIFs count it); the budget is not returned. */
static int row_exp_all(lctx *c, uint32_t row, xcol *cols)
{
    size_t before = c->b->nlines;
    int r = yu__xl_row_exp(c, row, cols);
    if (!r || !c->errs || c->b->nlines != before)
        return r;
    yu_error scratch, *saved = c->err;
    c->err = &scratch;
    int so = yu_source_parse(yu__xl_text(c, row, &cols[3])), ty = yu_type_parse(yu__xl_text(c, row, &cols[2]));
    yu_line l;
    memset(&l, 0, sizeof l);
    l.project = -1;
    int bad = so < 0 || yu__xl_amount(c, row, &cols[7], c->b->input_scale, 0, &l.amount);
    c->err = saved;
    if (!bad) {
        l.source = (uint8_t)so;
        l.type = (uint8_t)(ty < 0 ? YU_T_PROJECT : ty);
        bad = yu_budget_add_line(c->b, &l) != YU_OK;
    }
    if (bad)
        c->exp_unread = 1;
    return r;
}

/* "收入!B2": the amount cell of a row recorded as row + 1, or the sheet. */
static void cell_where(yu_error *e, const char *sheet, uint32_t row1, uint32_t col)
{
    char ref[16];
    if (row1)
        snprintf(e->where, sizeof e->where, "%s!%s", sheet, yu_xlsx_ref(row1 - 1, col, ref, sizeof ref));
    else
        snprintf(e->where, sizeof e->where, "%s", sheet);
}

/* An amount in the workbook's unit ("1,506.35万元"), or in 元 when it is not a whole
 * number of that unit's hundredths (no rounding: the figure is the amount). */
void yu__xl_unit_amount(const yu_budget *b, yu_money v, char *buf, size_t n)
{
    int64_t scale = b->input_scale > 0 ? b->input_scale : YU_FEN_PER_WAN;
    int64_t step = scale / 100 > 0 ? scale / 100 : 1;
    char num[48];
    if (v % step == 0) {
        yu_fmt_units(v / step, 2, YU_NUM_TABLE, num, sizeof num);
        snprintf(buf, n, "%s%s", num, scale == YU_FEN_PER_WAN ? "万元" : "元");
    } else {
        yu_fmt_units(v, 2, YU_NUM_TABLE, num, sizeof num);
        snprintf(buf, n, "%s元", num);
    }
}

/* The imbalance m of the workbook in the preparer's words (the rule named as on the 校验
 * sheet, F-GRAND for 财政拨款 and S-GRAND for 非财政拨款; amounts in the workbook's unit),
 * placed at the 收入 item of that kind of money (the first 非财政拨款 item written for the
 * 非财政拨款 total), or at sheet 收入. */
static void balance_error(lctx *c, const yu__imbalance *m, yu_error *e)
{
    char a[64], b[64];
    yu__xl_unit_amount(c->b, m->a, a, sizeof a);
    yu__xl_unit_amount(c->b, m->b, b, sizeof b);
    const char *kind = m->fund == YU_F_GPB  ? "一般公共预算拨款"
                       : m->fund == YU_F_GF ? "政府性基金预算拨款"
                                            : "国有资本经营预算拨款";
    switch (m->kind) {
    case YU_IMB_FISCAL_TOTAL:
        yu_error_set(e, YU_EBALANCE, c->path, 0, 0,
                     "[F-GRAND] %s：收入 %s（当年拨款 + 上年结转）与支出 %s（支出明细 + 结转下年）不相等", kind, a, b);
        break;
    case YU_IMB_FISCAL_OVER:
        yu_error_set(e, YU_EBALANCE, c->path, 0, 0,
                     "[F-GRAND] %s：支出明细中当年拨款安排的支出合计 %s，超过收入中的当年拨款 %s", kind, a, b);
        break;
    case YU_IMB_NF_OVER: {
        const char *inc = m->fund == YU_F_SHIYE ? "事业收入" : "事业单位经营收入";
        yu_error_set(e, YU_EBALANCE, c->path, 0, 0, "[S-GRAND] 支出明细中%s安排的支出合计 %s，超过收入中的%s %s", inc, a,
                     inc, b);
        break;
    }
    case YU_IMB_NF_TOTAL:
        yu_error_set(e, YU_EBALANCE, c->path, 0, 0,
                     "[S-GRAND] 非财政拨款：收入 %s（事业收入 + 经营收入 + 上级补助 + 附属单位上缴 + 其他收入 + 上年结转 + "
                     "使用结余）与支出 %s（非财政拨款支出明细 + 结转下年）不相等",
                     a, b);
        break;
    default:
        yu_error_set(e, YU_EBALANCE, c->path, 0, 0, "其中：教育收费 %s 大于事业收入 %s", a, b);
    }
    uint32_t r1 = c->fund_row[m->fund];
    if (!r1 && m->kind == YU_IMB_NF_TOTAL)
        for (int f = YU_F_SHIYE; f < YU_F_COUNT && !r1; f++)
            r1 = f == YU_F_SHIYE_EDU ? 0 : c->fund_row[f];
    cell_where(e, "收入", r1, (uint32_t)(c->fund_col > 0 ? c->fund_col : 1));
}

/* With input errors (every error at once), the checks of the 校验 sheet over
 * the rows that were read, so that the preparer sees them in the same run:
 * sources = uses (unless a 收入 row or a 支出明细 row's 资金来源 or 金额 could
 * not be read), X-SANGONG-ECON and P-WEIGHTS, each named by its rule. */
static void checks_over_rows_read(lctx *c)
{
    yu_budget *b = c->b;
    yu_error e;
    yu_error_clear(&e);
    yu__imbalance m;
    if (!c->exp_unread && !c->fund_failed && yu__budget_imbalance(b, &m)) {
        balance_error(c, &m, &e);
        yu_errors_add(c->errs, &e);
    }
    static const struct { uint32_t econ; const char *name; int sg; } sg[] = {
        {30217, "公务接待费", YU_SG_RECEPTION}, {30231, "公务用车运行维护费", YU_SG_CAR_RUN},
        {30212, "因公出国（境）费用", YU_SG_ABROAD}, {31013, "公务用车购置", YU_SG_CAR_BUY}};
    for (size_t k = 0; k < sizeof sg / sizeof sg[0]; k++) {
        yu_money l = 0;
        for (size_t i = 0; i < b->nlines; i++)
            if (b->lines[i].source == YU_S_GPB && b->lines[i].econ == sg[k].econ &&
                (b->lines[i].type == YU_T_PERSONNEL || b->lines[i].type == YU_T_PUBLIC))
                l += b->lines[i].amount;
        if (l <= b->sangong[sg[k].sg])
            continue;
        char lv[48], rv[48];
        yu__xl_unit_amount(b, l, lv, sizeof lv);
        yu__xl_unit_amount(b, b->sangong[sg[k].sg], rv, sizeof rv);
        yu_error_set(&e, YU_EVALUE, c->path, 0, 0,
                     "[X-SANGONG-ECON] 支出明细中一般公共预算拨款基本支出的 %u %s 为 %s，大于三公经费表的%s %s："
                     "请在三公经费表填写本年预算数",
                     sg[k].econ, sg[k].name, lv, yu_sangong_label(sg[k].sg), rv);
        cell_where(&e, "三公经费", c->sg_row[sg[k].sg], (uint32_t)c->sg_col);
        yu_errors_add(c->errs, &e);
    }
    for (size_t p = 0; p < b->nprojects; p++) {
        const yu_project *pj = &b->projects[p];
        if (!pj->publish)
            continue;
        int64_t w = 0;
        int first = 0, any = 0;
        for (size_t i = 0; i < b->nindicators; i++)
            if (b->indicators[i].project == (int)p) {
                w += b->indicators[i].weight;
                if (!any++ || b->indicators[i].line < first)
                    first = b->indicators[i].line;
            }
        if (!any || w + (int64_t)pj->exec_score * 100 == 10000)
            continue;
        yu_error_set(&e, YU_EVALUE, c->path, 0, 0,
                     "[P-WEIGHTS] 项目“%s”的分值权重合计 %lld.%02lld 加执行率分值 %d 为 %lld.%02lld，应为 100", pj->name,
                     (long long)(w / 100), (long long)(w % 100), pj->exec_score,
                     (long long)((w + pj->exec_score * 100) / 100), (long long)((w + pj->exec_score * 100) % 100));
        cell_where(&e, "绩效指标", (uint32_t)first, (uint32_t)c->weight_col);
        yu_errors_add(c->errs, &e);
    }
}

yu_status yu_load_xlsx(const char *path, const yu_catalog *func, const yu_catalog *econ, yu_budget **out,
                       yu_error *err)
{
    return yu_load_xlsx_all(path, func, econ, out, NULL, err);
}

yu_status yu_load_xlsx_all(const char *path, const yu_catalog *func, const yu_catalog *econ, yu_budget **out,
                           yu_errors *errs, yu_error *err)
{
    yu_error_clear(err);
    *out = NULL;
    yu_xlsx *x;
    yu_status st = yu_xlsx_open(path, &x, err);
    if (st)
        return st;
    lctx_ext cx;
    memset(&cx, 0, sizeof cx);
    lctx *c = &cx.base;
    c->path = path;
    c->x = x;
    c->func = func;
    c->econ = econ;
    c->err = err;
    c->errs = errs;
    c->a = yu_arena_new();
    c->b = yu_budget_new();
    if (!c->a || !c->b) {
        yu_arena_free(c->a);
        yu_budget_free(c->b);
        yu_xlsx_close(x);
        return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    }
    c->fbits = calloc(1000000 / 8 + 1, 1);
    for (size_t i = 0; c->fbits && i < yu_catalog_size(func); i++) {
        const char *code, *name;
        yu_catalog_at(func, i, &code, &name);
        if (strlen(code) == 7 && code[0] == '2') {
            uint32_t v = (uint32_t)strtoul(code, NULL, 10) - 2000000;
            c->fbits[v >> 3] |= (uint8_t)(1u << (v & 7));
        }
    }
    c->ebits = calloc(70000 / 8 + 1, 1);
    for (size_t i = 0; c->ebits && i < yu_catalog_size(econ); i++) {
        const char *code, *name;
        yu_catalog_at(econ, i, &code, &name);
        uint32_t v = (uint32_t)strtoul(code, NULL, 10);
        if (strlen(code) == 5 && v >= 30000 && v < 100000)
            c->ebits[(v - 30000) >> 3] |= (uint8_t)(1u << ((v - 30000) & 7));
    }
    size_t nsp;
    const yu_xsheetspec *sp = yu_xlsx_schema(&nsp);
    /* schema order: 单位信息 收入 支出明细 上年执行 三公经费 政府采购 资产 项目 绩效指标 说明;
     * projects are read before the line items and indicators that name them */
    /* STEP: a sheet's error stops the load, unless errors are collected (then the next sheet is read) */
    int rc = 0;
#define STEP(call) do { if (!rc && (call) && !keep_going(c)) rc = -1; } while (0)
    STEP(load_sheet(c, &sp[0], row_unit));
    if (!rc) {
        /* the required items of 单位信息 */
        c->s = NULL;
        for (size_t i = 0; i < NCOL(unit_items) && !rc; i++)
            if (unit_items[i].required && !cx.us.seen[i]) {
                yu_error_set(err, YU_EMISSING, path, 0, 0,
                             "缺少“%s”一项（单位信息表需有单位名称、单位代码、主管部门、主管部门代码、预算年度、金额单位）",
                             unit_items[i].label);
                if (err)
                    snprintf(err->where, sizeof err->where, "单位信息");
                if (!keep_going(c))
                    rc = -1;
            }
    }
    if (!c->b->input_scale)
        c->b->input_scale = YU_FEN_PER_WAN; /* 金额单位 was wrong: read on in 万元 to find the other errors */
    /* a sheet not read (missing, its header wrong): no sums over it */
#define STEP_FLAG(call, flag) do { if (!rc && (call) && ((flag) = 1) && !keep_going(c)) rc = -1; } while (0)
    STEP_FLAG(load_sheet(c, &sp[1], row_fund), c->fund_failed);
    STEP(load_sheet(c, &sp[7], yu__xl_row_project));
    STEP_FLAG(load_sheet(c, &sp[2], errs ? row_exp_all : yu__xl_row_exp), c->exp_unread);
#undef STEP_FLAG
    STEP(load_sheet(c, &sp[3], yu__xl_row_prior));
    STEP(load_sheet(c, &sp[4], yu__xl_row_sangong));
    STEP(load_sheet(c, &sp[5], yu__xl_row_proc) || yu__xl_check_proc(c));
    STEP(load_sheet(c, &sp[6], yu__xl_row_asset));
    STEP(load_sheet(c, &sp[8], yu__xl_row_indicator));
    STEP(load_sheet(c, &sp[9], yu__xl_row_note));
    STEP(load_sheet(c, &sp[YU_XS_UNITS], yu__xl_row_member));
    STEP(load_sheet(c, &sp[YU_XS_PERF], yu__xl_row_perf));
#undef STEP
    if (c->nerr && errs && !rc && (!err || err->status != YU_ENOMEM))
        checks_over_rows_read(c);
    if (c->nerr && (!err || err->status != YU_ENOMEM)) {
        /* errors were collected: err is the first of them */
        if (err)
            *err = c->first;
        rc = -1;
    }
    if (!rc)
        yu__perf_fill(c->b); /* no 绩效目标 row: the summary of the projects that set 绩效目标 */
    if (!rc && !c->b->template_id && !(c->b->template_id = yu_strdup("central-budget")))
        rc = yu__xl_oom(c);
    yu__imbalance m;
    if (!rc && yu__budget_imbalance(c->b, &m)) {
        if (err)
            balance_error(c, &m, err);
        rc = -1;
    }
    if (!rc && yu_load_year_xlsx(x, path, c->b, econ, err) != YU_OK) /* the year's sheets (load_year_xlsx.c) */
        rc = -1;
    free(c->fbits);
    free(c->ebits);
    free(c->lrow);
    free(c->ltab);
    yu_arena_free(c->a);
    yu_xlsx_close(x);
    if (rc) {
        yu_budget_free(c->b);
        return err && err->status ? err->status : YU_EVALUE;
    }
    *out = c->b;
    return YU_OK;
}
