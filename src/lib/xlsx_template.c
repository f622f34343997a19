/* The input workbook: yusuan template FILE.xlsx [--from PACKAGE].
 *
 * One sheet per package file (yu_xlsx_schema), a frozen header row, column
 * widths that fit Chinese, drop-down lists from the hidden sheet 代码表,
 * #,##0.00 for amounts, and a first sheet 填表说明 saying what goes where.
 * Filled from a budget, it reads back (yu_load_xlsx) as the same budget. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "yusuan/xlsx.h"
#include "year_internal.h"
#include "xlsx_internal.h"
#include "internal.h"

#define CODES_SHEET "代码表"
#define BLANK_ROWS 200 /* empty rows prepared (name formulas) below the data */
#define CELL_MAX 32767 /* characters a cell holds */

/* columns of 代码表 */
enum {
    K_FUNC = 0,  /* A: 功能分类 项 code, B: name */
    K_ECON = 2,  /* C: 经济分类 款 code, D: name */
    K_TYPE = 4,  /* E */
    K_SOURCE,    /* F */
    K_FUND,      /* G */
    K_SANGONG,   /* H */
    K_PROC,      /* I */
    K_CATEGORY,  /* J */
    K_YESNO,     /* K */
    K_LEVEL1,    /* L */
    K_UNIT,      /* M */
    K_NOTEKEY,   /* N */
    K_FUNCN,     /* O: "2010101 行政运行", the 功能分类 drop-down */
    K_ECONN,     /* P: "30101 基本工资", the 经济分类 drop-down */
    K_UNITKIND,  /* Q: 预算单位 kinds */
    K_NCOLS
};

#if defined(__SANITIZE_ADDRESS__)
/* libxlsxwriter 1.1.4 (Debian 12) copies the formula of a list validation
 * twice in worksheet_data_validation_range() and frees one copy: a few bytes
 * per drop-down, not ours to free.  Under LeakSanitizer, leaks allocated inside
 * the library are not reported (the hook is read by the sanitizer runtime). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libxlsxwriter.so\n";
}
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}
#endif

typedef struct wctx {
    lxw_workbook *wb;
    const yu_budget *b;
    const yu_catalog *func, *econ;
    const char *path;
    yu_error *err;
    int failed;
    size_t nlist[K_NCOLS]; /* entries of each 代码表 list */
    int year;              /* writing the year's sheets: bare codes (load_year_xlsx reads them) */
    const yu_xnarr *narr;  /* the 说明 items to list (yu_write_template_narr), or NULL */
    size_t nnarr;
    lxw_format *hdr, *text, *code, *wrap, *amount, *number, *integer, *title, *bold, *name;
} wctx;

static int fail(wctx *w, const char *sheet, uint32_t row, int col, yu_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static int fail(wctx *w, const char *sheet, uint32_t row, int col, yu_status st, const char *fmt, ...)
{
    if (w->failed)
        return -1;
    w->failed = 1;
    if (!w->err)
        return -1;
    char msg[sizeof w->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    yu_error_set(w->err, st, w->path, 0, 0, "%s", msg);
    char ref[16];
    if (sheet && col >= 0)
        snprintf(w->err->where, sizeof w->err->where, "%s!%s", sheet, yu_xlsx_ref(row, (uint32_t)col, ref, sizeof ref));
    else if (sheet)
        snprintf(w->err->where, sizeof w->err->where, "%s", sheet);
    return -1;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Excel reads "_xHHHH_" in a string as an escaped character; a literal one is
 * written "_x005F_xHHHH_" (libxlsxwriter leaves that to the caller).  Returns
 * s itself when nothing needs escaping, else a malloc'd copy in *owned. */
const char *yu_xl_escape(const char *s, char **owned)
{
    *owned = NULL;
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, "_x")) != NULL; p += 2) {
        int hex = 1;
        for (int k = 2; k < 6 && hex; k++)
            hex = (p[k] >= '0' && p[k] <= '9') || (p[k] >= 'a' && p[k] <= 'f') || (p[k] >= 'A' && p[k] <= 'F');
        if (hex && p[6] == '_')
            n++;
    }
    if (!n)
        return s;
    size_t len = strlen(s);
    char *o = malloc(len + 6 * n + 1);
    if (!o)
        return s;
    size_t w = 0;
    for (const char *p = s; *p;) {
        int hex = p[0] == '_' && p[1] == 'x';
        for (int k = 2; k < 6 && hex; k++)
            hex = (p[k] >= '0' && p[k] <= '9') || (p[k] >= 'a' && p[k] <= 'f') || (p[k] >= 'A' && p[k] <= 'F');
        if (hex && p[6] == '_') {
            memcpy(o + w, "_x005F", 6);
            w += 6;
        }
        o[w++] = *p++;
    }
    o[w] = 0;
    *owned = o;
    return o;
}

static void put_str(wctx *w, lxw_worksheet *ws, const char *sheet, uint32_t row, int col, const char *s,
                    lxw_format *f)
{
    if (w->failed)
        return;
    if (!s || !*s) {
        if (f)
            worksheet_write_blank(ws, row, (lxw_col_t)col, f);
        return;
    }
    size_t n = utf8_chars(s);
    if (n > CELL_MAX) {
        fail(w, sheet, row, col, YU_EVALUE, "a text of %zu characters is longer than a cell holds (%d)", n, CELL_MAX);
        return;
    }
    char *owned;
    lxw_error e = worksheet_write_string(ws, row, (lxw_col_t)col, yu_xl_escape(s, &owned), f);
    free(owned);
    if (e)
        fail(w, sheet, row, col, YU_EIO, "cannot write the cell: %s", lxw_strerror(e));
}

static void put_num(wctx *w, lxw_worksheet *ws, const char *sheet, uint32_t row, int col, double v, lxw_format *f)
{
    if (w->failed)
        return;
    lxw_error e = worksheet_write_number(ws, row, (lxw_col_t)col, v, f);
    if (e)
        fail(w, sheet, row, col, YU_EIO, "cannot write the cell: %s", lxw_strerror(e));
}

/* An amount in 分 written in the input unit: a number (#,##0.00), or text
 * when it has more digits than Excel keeps (15).  blank_zero: 0 is left empty. */
static void put_amount(wctx *w, lxw_worksheet *ws, const char *sheet, uint32_t row, int col, yu_money v,
                       int blank_zero)
{
    if (w->failed)
        return;
    if (!v && blank_zero) {
        worksheet_write_blank(ws, row, (lxw_col_t)col, w->amount);
        return;
    }
    int64_t unit = w->b->input_scale / 100; /* 分 per hundredth of the input unit */
    if (unit <= 0 || v % unit) {
        fail(w, sheet, row, col, YU_EVALUE,
             "the amount %lld 分 cannot be written in %s with two decimals", (long long)v,
             w->b->input_scale == YU_FEN_PER_WAN ? "万元" : "元");
        return;
    }
    int64_t h = v / unit;
    if (h >= 1000000000000000LL || h <= -1000000000000000LL) {
        char buf[48];
        int64_t a = h < 0 ? -h : h;
        snprintf(buf, sizeof buf, "%s%lld.%02lld", h < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
        put_str(w, ws, sheet, row, col, buf, w->amount);
        return;
    }
    put_num(w, ws, sheet, row, col, (double)h / 100.0, w->amount);
}

/* Rough row height for wrapped text in a column `width` characters wide. */
static void fit_row(lxw_worksheet *ws, uint32_t row, const char *s, int width)
{
    if (!s || !*s)
        return;
    int lines = 0, cur = 0;
    for (const char *p = s; *p;) {
        uint32_t cp;
        int k = yu_utf8_decode(p, strlen(p), &cp);
        p += k;
        if (cp == '\n') {
            lines++;
            cur = 0;
            continue;
        }
        cur += cp >= 0x1100 ? 2 : 1;
        if (cur >= width) {
            lines++;
            cur = 0;
        }
    }
    lines++;
    if (lines > 1) {
        double h = 15.0 * lines;
        worksheet_set_row(ws, row, h > 409 ? 409 : h, NULL);
    }
}

/* The drop-down (or input message) of a column, over the whole column below its header. */
static void validate(wctx *w, lxw_worksheet *ws, int col, const yu_xcolspec *cs, uint32_t first, uint32_t last)
{
    if (w->failed)
        return;
    lxw_data_validation dv;
    memset(&dv, 0, sizeof dv);
    char formula[128];
    int list = -1;
    switch (cs->kind) {
    case YU_XK_FUNC: list = w->year ? K_FUNC : K_FUNCN; break;
    case YU_XK_ECON: list = w->year ? K_ECON : K_ECONN; break;
    case YU_XK_TYPE: list = K_TYPE; break;
    case YU_XK_SOURCE: list = K_SOURCE; break;
    case YU_XK_FUND: list = K_FUND; break;
    case YU_XK_SANGONG: list = K_SANGONG; break;
    case YU_XK_PROC: list = K_PROC; break;
    case YU_XK_CATEGORY: list = K_CATEGORY; break;
    case YU_XK_YESNO: list = K_YESNO; break;
    case YU_XK_LEVEL1: list = K_LEVEL1; break;
    case YU_XK_NOTEKEY: list = K_NOTEKEY; break;
    case YU_XK_UNITKIND: list = K_UNITKIND; break;
    default: break;
    }
    if (cs->kind == YU_XK_PROJECT) {
        size_t n = w->b ? w->b->nprojects : 0;
        snprintf(formula, sizeof formula, "='项目'!$A$2:$A$%zu", n + 1 + 500);
        dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        dv.value_formula = formula;
        dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    } else if (list >= 0 && w->nlist[list]) {
        char c = (char)('A' + list);
        snprintf(formula, sizeof formula, "='" CODES_SHEET "'!$%c$2:$%c$%zu", c, c, w->nlist[list] + 1);
        dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        dv.value_formula = formula;
        /* codes may be added to the catalogue with --catalog; a note key may be func:CODE */
        dv.error_type = list == K_FUNC || list == K_ECON || list == K_FUNCN || list == K_ECONN || list == K_NOTEKEY
                            ? LXW_VALIDATION_ERROR_TYPE_WARNING
                            : LXW_VALIDATION_ERROR_TYPE_STOP;
    } else if (cs->kind == YU_XK_AMOUNT && !w->year) {
        /* the year's 调整 sheet takes negative amounts (调减); every other amount is zero or more */
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
        dv.error_title = (char *)"金额有误";
        dv.error_message = (char *)"请填写不小于 0 的数字，最多两位小数，单位见“单位信息”中的金额单位（元 或 万元）。";
    } else
        dv.validate = LXW_VALIDATION_TYPE_ANY;
    dv.input_title = (char *)cs->label;
    dv.input_message = (char *)cs->help;
    lxw_error e = worksheet_data_validation_range(ws, first, (lxw_col_t)col, last, (lxw_col_t)col, &dv);
    if (e)
        fail(w, NULL, 0, -1, YU_EIO, "cannot add the drop-down of column '%s': %s", cs->label, lxw_strerror(e));
}

/* A sheet with its header row, widths, formats and drop-downs. */
static lxw_worksheet *sheet_begin(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, sp->name);
    if (!ws) {
        fail(w, sp->name, 0, -1, YU_EIO, "cannot add the sheet");
        return NULL;
    }
    for (size_t i = 0; i < sp->ncols; i++) {
        const yu_xcolspec *cs = &sp->cols[i];
        lxw_format *f = cs->kind == YU_XK_AMOUNT                                ? w->amount
                        : cs->kind == YU_XK_INT                                 ? w->integer
                        : cs->kind == YU_XK_FUNC || cs->kind == YU_XK_ECON ||
                                  cs->kind == YU_XK_PROJECT || cs->kind == YU_XK_TEXT ||
                                  cs->kind == YU_XK_NOTEKEY || cs->kind == YU_XK_UNITKEY || cs->kind == YU_XK_DATE
                                                                                ? w->code
                        : cs->kind == YU_XK_LONGTEXT                            ? w->wrap
                                                                                : NULL;
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cs->width, f);
        put_str(w, ws, sp->name, 0, (int)i, cs->label, w->hdr);
        if (cs->kind != YU_XK_NAME && cs->kind != YU_XK_UNITKEY)
            validate(w, ws, (int)i, cs, 1, LXW_ROW_MAX - 1);
    }
    worksheet_set_row(ws, 0, 20, NULL);
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

/* The 科目名称 formula beside a code in column `col` - 1 (cached with the catalogue's name). */
static void put_name(wctx *w, lxw_worksheet *ws, const char *sheet, uint32_t row, int col, uint32_t code)
{
    if (w->failed)
        return;
    char ref[16], f[256];
    yu_xlsx_ref(row, (uint32_t)col - 1, ref, sizeof ref);
    /* LEFT(,7): the cell may hold "2010101 行政运行" as the drop-down writes it */
    snprintf(f, sizeof f, "=IF(%s=\"\",\"\",IFERROR(VLOOKUP(LEFT(%s,7),'" CODES_SHEET "'!$A:$B,2,FALSE),\"（代码表中没有这个编码）\"))",
             ref, ref);
    const char *name = code ? yu_catalog_name_num(w->func, code, 7) : NULL;
    lxw_error e = worksheet_write_formula_str(ws, row, (lxw_col_t)col, f, w->name,
                                              code ? (name ? name : "（代码表中没有这个编码）") : "");
    if (e)
        fail(w, sheet, row, col, YU_EIO, "cannot write the cell: %s", lxw_strerror(e));
}

static void name_rows(wctx *w, lxw_worksheet *ws, const char *sheet, uint32_t from, uint32_t to, int col)
{
    for (uint32_t r = from; r < to && !w->failed; r++)
        put_name(w, ws, sheet, r, col, 0);
}

/* A sheet holds 1,048,576 rows, the header included. */
static int too_many(wctx *w, const char *sheet, size_t n, const char *what)
{
    if (n < LXW_ROW_MAX)
        return 0;
    return fail(w, sheet, 0, -1, YU_ELIMIT, "%zu %s do not fit in a sheet: Excel holds at most %d rows", n, what,
                LXW_ROW_MAX - 1);
}

/* ---- the sheets ---- */

/* An example row of each input sheet, as the preparer would fill it (填表说明). */
static const struct {
    const char *sheet, *row;
} examples[] = {
    {"单位信息", "单位名称 ｜ 生态环境部对外合作与交流中心"},
    {"收入", "一般公共预算拨款收入 ｜ 1,368.00"},
    {"支出明细", "2110106 生态环境国际合作及履约 ｜（自动显示）｜ 人员经费 ｜ 一般公共预算拨款 ｜ 30101 基本工资 ｜（空）｜ 否 ｜ 120.00"},
    {"上年执行", "2029999 其他外交支出 ｜（自动显示）｜ 637.00 ｜ 637.00"},
    {"三公经费", "公务接待费 ｜ 5.00 ｜ 6.00"},
    {"政府采购", "服务 ｜ 749.40；" YU_XL_SME " ｜ 1,928.48"},
    {"资产", "车辆 ｜ 其他用车 ｜ 8 ｜ 1 ｜ 2024-08-31"},
    {"项目", "XM001 ｜ 绿色供应链能力建设 ｜ [144]生态环境部 ｜ 生态环境部对外合作与交流中心 ｜ 是 ｜ 10 ｜ 举办研讨会，提升……能力。"},
    {"绩效指标", "XM001 ｜ 产出指标 ｜ 数量指标 ｜ 举办研讨会次数 ｜ =1次 ｜ 30"},
    {"说明", "一般公共预算拨款变化原因 ｜ 主要是亚洲合作资金等项目支出增加。"},
    {"预算单位", "上海市普陀区万里街道综合行政执法队 ｜ 参公事业单位"},
    {"绩效目标", "3 ｜ 49 ｜ 8,825.98"},
};

static void sheet_help(wctx *w)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, "填表说明");
    if (!ws) {
        fail(w, "填表说明", 0, -1, YU_EIO, "cannot add the sheet");
        return;
    }
    worksheet_set_column(ws, 0, 0, 110, w->wrap);
    uint32_t r = 0;
    put_str(w, ws, "填表说明", r++, 0, "部门预算填报工作簿 填表说明", w->title);
    static const char *const general[] = {
        "1. 每个工作表填一类内容：第一行是表头（不要修改表头文字），从第二行起每行填一条，空行不计。列的顺序可以调整，可以另加工作表和列，多出的不读。",
        "2. 金额按“单位信息”中的金额单位（元 或 万元）填写，最多两位小数，不能为负数，不填为零。",
        "3. 带下拉列表的列请从列表中选择。功能分类、经济分类列表显示“编码 名称”，如 2110106 生态环境国际合作及履约，选中后原样保留即可；也可只填编码。"
        "“科目名称”列按编码自动显示，不用填写。",
        "4. 填好后看工作表“校验”：收支是否平衡、基本支出是否等于人员经费加公用经费、“三公”经费是否覆盖基本支出中的相关科目、"
        "项目绩效指标分值是否合计为100，每项显示 通过（绿色）或 不通过（红色）。",
        "5. 填报完成后交财务部门生成公开文本；系统检查出的问题会指明工作表和单元格，如 支出明细!H12。",
    };
    for (size_t i = 0; i < sizeof general / sizeof general[0]; i++)
        put_str(w, ws, "填表说明", r++, 0, general[i], w->wrap);
    size_t n;
    const yu_xsheetspec *sp = yu_xlsx_schema(&n);
    char buf[1024];
    for (size_t i = 0; i < n && !w->failed; i++) {
        r++;
        snprintf(buf, sizeof buf, "【%s】%s（%s）", sp[i].name, sp[i].help, sp[i].required ? "必须填写" : "没有可不填");
        put_str(w, ws, "填表说明", r++, 0, buf, w->bold);
        if (i == 0) {
            size_t nu;
            const yu_xunititem *u = yu_xlsx_unit_items(&nu);
            for (size_t k = 0; k < nu; k++) {
                snprintf(buf, sizeof buf, "    %s（%s）：%s", u[k].label, u[k].required ? "必填" : "选填", u[k].help);
                put_str(w, ws, "填表说明", r++, 0, buf, w->wrap);
            }
        } else
            for (size_t k = 0; k < sp[i].ncols; k++) {
                const yu_xcolspec *cs = &sp[i].cols[k];
                snprintf(buf, sizeof buf, "    %s（%s）：%s", cs->label,
                         cs->kind == YU_XK_NAME ? "自动" : cs->required ? "必填" : "选填", cs->help);
                put_str(w, ws, "填表说明", r++, 0, buf, w->wrap);
            }
        for (size_t k = 0; k < sizeof examples / sizeof examples[0]; k++)
            if (!strcmp(examples[k].sheet, sp[i].name)) {
                snprintf(buf, sizeof buf, "    填写示例：%s", examples[k].row);
                put_str(w, ws, "填表说明", r++, 0, buf, w->wrap);
            }
    }
}

static void sheet_unit(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    if (!ws)
        return;
    const yu_budget *b = w->b;
    worksheet_set_column(ws, 2, 2, 50, w->wrap);
    put_str(w, ws, sp->name, 0, 2, "说明", w->hdr);
    size_t n;
    const yu_xunititem *u = yu_xlsx_unit_items(&n);
    for (size_t i = 0; i < n && !w->failed; i++) {
        uint32_t r = (uint32_t)i + 1;
        put_str(w, ws, sp->name, r, 0, u[i].label, w->bold);
        put_str(w, ws, sp->name, r, 2, u[i].help, w->wrap);
        const char *k = u[i].key;
        if (!strcmp(k, "amount_unit")) {
            lxw_data_validation dv;
            memset(&dv, 0, sizeof dv);
            char formula[64];
            snprintf(formula, sizeof formula, "='" CODES_SHEET "'!$M$2:$M$3");
            dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
            dv.value_formula = formula;
            worksheet_data_validation_cell(ws, r, 1, &dv);
        }
        if (!b) {
            worksheet_write_blank(ws, r, 1, u[i].kind == YU_XK_LONGTEXT ? w->wrap : w->code);
            continue;
        }
        if (!strcmp(k, "year")) {
            put_num(w, ws, sp->name, r, 1, b->year, w->integer);
            continue;
        }
        if (!strcmp(k, "amount_unit")) {
            if (b->input_scale != YU_FEN_PER_YUAN && b->input_scale != YU_FEN_PER_WAN)
                fail(w, sp->name, r, 1, YU_EVALUE, "the budget's input unit is %lld 分: expected 元 or 万元",
                     (long long)b->input_scale);
            put_str(w, ws, sp->name, r, 1, b->input_scale == YU_FEN_PER_YUAN ? "元" : "万元", w->code);
            continue;
        }
        const char *v = !strcmp(k, "name")              ? b->name
                        : !strcmp(k, "code")            ? b->code
                        : !strcmp(k, "department")      ? b->dept_name
                        : !strcmp(k, "department_code") ? b->dept_code
                        : !strcmp(k, "template")        ? b->template_id
                        : !strcmp(k, "parent")          ? b->parent_code
                        : !strcmp(k, "functions")       ? b->functions
                                                        : b->organisation;
        int wrap = u[i].kind == YU_XK_LONGTEXT;
        put_str(w, ws, sp->name, r, 1, v, wrap ? w->wrap : w->code);
        if (wrap)
            fit_row(ws, r, v, sp->cols[1].width);
    }
}

static void sheet_funds(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    for (int f = 0; ws && f < YU_F_COUNT && !w->failed; f++) {
        put_str(w, ws, sp->name, (uint32_t)f + 1, 0, yu_fund_label(f), w->code);
        if (w->b)
            put_amount(w, ws, sp->name, (uint32_t)f + 1, 1, w->b->funds[f], 1);
        if (w->b && w->b->has_funds_prior) /* a written 上年预算数 is a comparison asked for: the first always */
            put_amount(w, ws, sp->name, (uint32_t)f + 1, 2, w->b->funds_prior[f], f != YU_F_GPB);
    }
}

static void sheet_exp(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    if (!ws)
        return;
    const yu_budget *b = w->b;
    size_t n = b ? b->nlines : 0;
    if (too_many(w, sp->name, n, "line items"))
        return;
    char code[16];
    for (size_t i = 0; i < n && !w->failed; i++) {
        const yu_line *l = &b->lines[i];
        uint32_t r = (uint32_t)i + 1;
        snprintf(code, sizeof code, "%07u", l->func);
        put_str(w, ws, sp->name, r, 0, code, w->code);
        put_name(w, ws, sp->name, r, 1, l->func);
        put_str(w, ws, sp->name, r, 2, yu_type_label(l->type), NULL);
        put_str(w, ws, sp->name, r, 3, yu_source_label(l->source), NULL);
        if (l->econ) {
            snprintf(code, sizeof code, "%05u", l->econ);
            put_str(w, ws, sp->name, r, 4, code, w->code);
        }
        if (l->project >= 0 && (size_t)l->project < b->nprojects)
            put_str(w, ws, sp->name, r, 5, b->projects[l->project].id, w->code);
        if (l->jijian)
            put_str(w, ws, sp->name, r, 6, "是", NULL);
        put_amount(w, ws, sp->name, r, 7, l->amount, 0);
    }
    uint32_t end = (uint32_t)n + 1 + BLANK_ROWS;
    name_rows(w, ws, sp->name, (uint32_t)n + 1, end < LXW_ROW_MAX ? end : LXW_ROW_MAX, 1);
}

static void sheet_prior(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    if (!ws)
        return;
    const yu_budget *b = w->b;
    size_t n = b ? b->nprior : 0;
    if (too_many(w, sp->name, n, "项"))
        return;
    char code[16];
    for (size_t i = 0; i < n && !w->failed; i++) {
        uint32_t r = (uint32_t)i + 1;
        snprintf(code, sizeof code, "%07u", b->prior[i].func);
        put_str(w, ws, sp->name, r, 0, code, w->code);
        put_name(w, ws, sp->name, r, 1, b->prior[i].func);
        put_amount(w, ws, sp->name, r, 2, b->prior[i].executed, 0);
        put_amount(w, ws, sp->name, r, 3, b->prior[i].executed_ex, 0);
    }
    uint32_t end = (uint32_t)n + 1 + 50;
    name_rows(w, ws, sp->name, (uint32_t)n + 1, end < LXW_ROW_MAX ? end : LXW_ROW_MAX, 1);
}

static void sheet_sangong(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    for (int k = 0; ws && k < YU_SG_COUNT && !w->failed; k++) {
        uint32_t r = (uint32_t)k + 1;
        put_str(w, ws, sp->name, r, 0, yu_sangong_label(k), w->code);
        if (!w->b)
            continue;
        put_amount(w, ws, sp->name, r, 1, w->b->sangong[k], 1);
        if (w->b->has_sangong_prior)
            put_amount(w, ws, sp->name, r, 2, w->b->sangong_prior[k], 0);
    }
}

static void sheet_proc(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    for (int k = 0; ws && k < YU_P_COUNT && !w->failed; k++) {
        put_str(w, ws, sp->name, (uint32_t)k + 1, 0, yu_proc_label(k), w->code);
        if (w->b)
            put_amount(w, ws, sp->name, (uint32_t)k + 1, 1, w->b->procurement[k], 1);
    }
    /* the 中小企业 reservation and its 小微企业 part: written even when zero, empty when not given */
    const char *const sme[] = {YU_XL_SME, YU_XL_SME_SMALL};
    for (int k = 0; ws && k < 2 && !w->failed; k++) {
        put_str(w, ws, sp->name, (uint32_t)(YU_P_COUNT + k) + 1, 0, sme[k], w->code);
        if (w->b && w->b->has_proc_sme)
            put_amount(w, ws, sp->name, (uint32_t)(YU_P_COUNT + k) + 1, 1, k ? w->b->proc_sme_small : w->b->proc_sme, 0);
    }
}

static void sheet_assets(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    size_t n = ws && w->b ? w->b->nassets : 0;
    if (too_many(w, sp->name, n, "assets"))
        return;
    for (size_t i = 0; i < n && !w->failed; i++) {
        const yu_asset *a = &w->b->assets[i];
        uint32_t r = (uint32_t)i + 1;
        const char *cat = !strcmp(a->category, "vehicle") ? "车辆" : !strcmp(a->category, "equipment") ? "设备" : a->category;
        put_str(w, ws, sp->name, r, 0, cat, NULL);
        put_str(w, ws, sp->name, r, 1, a->name, w->code);
        put_num(w, ws, sp->name, r, 2, (double)a->count, w->integer);
        if (w->b->has_purchases)
            put_num(w, ws, sp->name, r, 3, (double)a->purchase, w->integer);
        if (w->b->assets_date) {
            char d[16];
            int v = w->b->assets_date;
            snprintf(d, sizeof d, "%04d-%02d-%02d", v / 10000, v / 100 % 100, v % 100);
            put_str(w, ws, sp->name, r, 4, d, w->code);
        }
    }
}

/* 预算单位 (units.csv): the units by name; a budget stored before their names were kept names each by its kind */
static void sheet_units(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    char nm[64];
    const char *name;
    int kind;
    for (size_t i = 0; ws && w->b && yu_budget_member(w->b, i, &name, &kind, nm, sizeof nm) && !w->failed; i++) {
        put_str(w, ws, sp->name, (uint32_t)i + 1, 0, name, w->code);
        put_str(w, ws, sp->name, (uint32_t)i + 1, 1, yu_unitkind_label(kind), NULL);
    }
}

/* 绩效目标 (perf.csv): the summary as declared, one row (one counted from the projects is counted again) */
static void sheet_perf(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    if (!ws || !w->b || !w->b->has_perf || w->b->perf_computed)
        return;
    put_num(w, ws, sp->name, 1, 0, (double)w->b->perf_units, w->integer);
    put_num(w, ws, sp->name, 1, 1, (double)w->b->perf_projects, w->integer);
    put_amount(w, ws, sp->name, 1, 2, w->b->perf_funds, 0);
}

static void sheet_projects(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    size_t n = ws && w->b ? w->b->nprojects : 0;
    if (too_many(w, sp->name, n, "projects"))
        return;
    for (size_t i = 0; i < n && !w->failed; i++) {
        const yu_project *p = &w->b->projects[i];
        uint32_t r = (uint32_t)i + 1;
        put_str(w, ws, sp->name, r, 0, p->id, w->code);
        put_str(w, ws, sp->name, r, 1, p->name, w->code);
        put_str(w, ws, sp->name, r, 2, p->department, w->code);
        put_str(w, ws, sp->name, r, 3, p->implementer, w->code);
        put_str(w, ws, sp->name, r, 4, p->publish ? "是" : "否", NULL);
        put_num(w, ws, sp->name, r, 5, p->exec_score, w->integer);
        put_str(w, ws, sp->name, r, 6, p->goal, w->wrap);
        fit_row(ws, r, p->goal, sp->cols[6].width);
        for (int k = 0; k < 6; k++) /* 项目经费情况说明 */
            if (p->text[k] && *p->text[k])
                put_str(w, ws, sp->name, r, 7 + k, p->text[k], w->wrap);
        /* the 绩效目标填报表's words (columns 13-16, 20) and whole-life funds (17-19) */
        static const int tcol[YU_PROJECT_FORM_NTEXTS] = {13, 14, 15, 16, 20};
        for (int k = 0; k < YU_PROJECT_FORM_NTEXTS; k++) {
            const char *t = *yu_project_form_text((yu_project *)p, k);
            if (t && *t)
                put_str(w, ws, sp->name, r, tcol[k], t, k == 4 ? w->wrap : w->code);
        }
        if (p->has_life) {
            put_amount(w, ws, sp->name, r, 17, p->life_total, 0);
            put_amount(w, ws, sp->name, r, 18, p->life_fiscal, 0);
            put_amount(w, ws, sp->name, r, 19, p->life_other, 0);
        }
    }
}

static void sheet_indicators(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    size_t n = ws && w->b ? w->b->nindicators : 0;
    if (too_many(w, sp->name, n, "indicators"))
        return;
    for (size_t i = 0; i < n && !w->failed; i++) {
        const yu_indicator *x = &w->b->indicators[i];
        uint32_t r = (uint32_t)i + 1;
        if (x->project >= 0 && (size_t)x->project < w->b->nprojects)
            put_str(w, ws, sp->name, r, 0, w->b->projects[x->project].id, w->code);
        put_str(w, ws, sp->name, r, 1, x->level1, NULL);
        put_str(w, ws, sp->name, r, 2, x->level2, w->code);
        put_str(w, ws, sp->name, r, 3, x->level3, w->code);
        put_str(w, ws, sp->name, r, 4, x->value, w->code);
        put_num(w, ws, sp->name, r, 5, (double)x->weight / 100.0, w->number);
    }
}

/* One row of 说明: the item's label ("CODE 名称" for func:CODE) and its text. */
static void note_row(wctx *w, lxw_worksheet *ws, const yu_xsheetspec *sp, uint32_t r, const char *key, const char *text)
{
    const char *label = yu_xlsx_note_label(key);
    char fk[512];
    if (!label && !strncmp(key, "func:", 5)) { /* "2110106 生态环境国际合作及履约" */
        const char *nm = yu_catalog_name(w->func, key + 5);
        snprintf(fk, sizeof fk, "%s%s%s", key + 5, nm ? " " : "", nm ? nm : "");
        label = fk;
    }
    put_str(w, ws, sp->name, r, 0, label ? label : key, w->code);
    put_str(w, ws, sp->name, r, 1, text, w->wrap);
    fit_row(ws, r, text, sp->cols[1].width);
}

/* 说明: the items listed (each with the budget's text, or the item's), then
 * the budget's other notes. */
static void sheet_notes(wctx *w, const yu_xsheetspec *sp)
{
    lxw_worksheet *ws = sheet_begin(w, sp);
    size_t n = ws && w->b ? w->b->nnotes : 0;
    if (!ws || too_many(w, sp->name, n + w->nnarr, "notes"))
        return;
    uint32_t r = 1;
    for (size_t i = 0; i < w->nnarr && !w->failed; i++) {
        const char *own = w->b ? yu_budget_note(w->b, w->narr[i].key) : NULL;
        note_row(w, ws, sp, r++, w->narr[i].key, own ? own : w->narr[i].text ? w->narr[i].text : "");
    }
    for (size_t i = 0; i < n && !w->failed; i++) {
        int listed = 0;
        for (size_t k = 0; k < w->nnarr && !listed; k++)
            listed = !strcmp(w->narr[k].key, w->b->notes[i].key);
        if (!listed)
            note_row(w, ws, sp, r++, w->b->notes[i].key, w->b->notes[i].text);
    }
}

/* The year's sheets (调整, 执行, 决算补充, 绩效自评; docs/year.md), filled from
 * the budget's year when it has one.  Their columns are yy_year_sheets(). */
static void year_keys(wctx *w, lxw_worksheet *ws, const char *sheet, uint32_t r, int c0, const yu_line *k)
{
    char code[16];
    snprintf(code, sizeof code, "%07u", k->func);
    put_str(w, ws, sheet, r, c0, code, w->code);
    put_str(w, ws, sheet, r, c0 + 1, yu_type_label(k->type), NULL);
    put_str(w, ws, sheet, r, c0 + 2, yu_source_label(k->source), NULL);
    if (k->econ) {
        snprintf(code, sizeof code, "%05u", k->econ);
        put_str(w, ws, sheet, r, c0 + 3, code, w->code);
    }
    if (k->project >= 0 && (size_t)k->project < w->b->nprojects)
        put_str(w, ws, sheet, r, c0 + 4, w->b->projects[k->project].id, w->code);
}

static void sheets_year(wctx *w)
{
    size_t ns;
    const yu_xsheetspec *sp = yy_year_sheets(&ns);
    const yu_year *y = w->b ? w->b->yr : NULL;
    char buf[32];
    lxw_worksheet *ws = sheet_begin(w, &sp[0]);
    for (size_t i = 0; ws && y && i < y->nadj && !w->failed; i++) {
        const yu_adj *a = &y->adj[i];
        uint32_t r = (uint32_t)i + 1;
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", a->date / 10000 % 10000, a->date / 100 % 100, a->date % 100);
        put_str(w, ws, sp[0].name, r, 0, buf, w->code);
        put_str(w, ws, sp[0].name, r, 1, yu_adj_kind_label(a->kind), NULL);
        year_keys(w, ws, sp[0].name, r, 2, &a->k);
        put_amount(w, ws, sp[0].name, r, 7, a->kind == YU_ADJ_TIAOJIAN ? -a->delta : a->delta, 0);
        put_str(w, ws, sp[0].name, r, 8, a->reason ? a->reason : "", w->wrap);
    }
    ws = sheet_begin(w, &sp[1]);
    if (ws && y && too_many(w, sp[1].name, y->npay, "payments"))
        return;
    for (size_t i = 0; ws && y && i < y->npay && !w->failed; i++) {
        const yu_pay *p = &y->pay[i];
        uint32_t r = (uint32_t)i + 1;
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", p->date / 10000 % 10000, p->date / 100 % 100, p->date % 100);
        put_str(w, ws, sp[1].name, r, 1, buf, w->code);
        year_keys(w, ws, sp[1].name, r, 2, &p->k);
        put_amount(w, ws, sp[1].name, r, 7, p->k.amount, 0);
    }
    ws = sheet_begin(w, &sp[2]);
    uint32_t r = 1;
    for (int i = 0; ws && y && i < YU_YF_COUNT && !w->failed; i++)
        if (y->fin_seen >> i & 1) {
            put_str(w, ws, sp[2].name, r, 0, yu_yfin_key(i), w->code);
            put_amount(w, ws, sp[2].name, r++, 1, y->fin[i], 0);
        }
    ws = sheet_begin(w, &sp[3]);
    static const char *const done[4] = {"", "达成", "部分达成", "未达成"};
    for (size_t i = 0; ws && y && i < y->nse && !w->failed; i++) {
        const yu_se *s = &y->se[i];
        const yu_indicator *ind = &w->b->indicators[s->indicator];
        uint32_t rr = (uint32_t)i + 1;
        if (ind->project >= 0 && (size_t)ind->project < w->b->nprojects)
            put_str(w, ws, sp[3].name, rr, 0, w->b->projects[ind->project].id, w->code);
        put_str(w, ws, sp[3].name, rr, 1, ind->level3, w->code);
        put_str(w, ws, sp[3].name, rr, 2, s->actual ? s->actual : "", w->code);
        if (s->done)
            put_str(w, ws, sp[3].name, rr, 3, done[s->done & 3], NULL);
        if (s->claimed >= 0)
            put_num(w, ws, sp[3].name, rr, 4, (double)s->claimed / 100.0, w->number);
        put_str(w, ws, sp[3].name, rr, 5, s->reason ? s->reason : "", w->wrap);
    }
}

/* ---- 校验: the balances the document needs, as live formulas ---- */

#define CHECK_SHEET "校验"
#define CHECK_PROJECT_ROWS 30 /* rows for projects added to an empty or filled template */

/* "'支出明细'!$H:$H": the whole column of the schema's column `key` of sheet `sp`. */
static const char *colref(const yu_xsheetspec *sp, const char *key, char *buf, size_t cap)
{
    size_t i = 0;
    while (i < sp->ncols && strcmp(sp->cols[i].key, key))
        i++;
    char c = (char)('A' + (i < sp->ncols ? i : 0));
    snprintf(buf, cap, "'%s'!$%c:$%c", sp->name, c, c);
    return buf;
}

/* One row of 校验: rule, what is checked, the two sides (formulas with their
 * cached values), the difference and 通过/不通过.  le: left ≤ right passes;
 * else left = right.  ok: the cached status (from the budget, exact in 分). */
static void check_row(wctx *w, lxw_worksheet *ws, uint32_t r, const char *rule, const char *what,
                      const char *lf, double lv, const char *rf, double rv, int le, int ok)
{
    if (w->failed)
        return;
    put_str(w, ws, CHECK_SHEET, r, 0, rule, w->code);
    put_str(w, ws, CHECK_SHEET, r, 1, what, w->wrap);
    char f[160];
    lxw_error e = worksheet_write_formula_num(ws, r, 2, lf, w->amount, lv);
    if (!e)
        e = worksheet_write_formula_num(ws, r, 3, rf, w->amount, rv);
    snprintf(f, sizeof f, "=C%u-D%u", r + 1, r + 1);
    if (!e)
        e = worksheet_write_formula_num(ws, r, 4, f, w->amount, lv - rv);
    snprintf(f, sizeof f, le ? "=IF(C%u-D%u<0.005,\"通过\",\"不通过\")" : "=IF(ABS(C%u-D%u)<0.005,\"通过\",\"不通过\")",
             r + 1, r + 1);
    if (!e)
        e = worksheet_write_formula_str(ws, r, 5, f, w->bold, ok ? "通过" : "不通过");
    if (e)
        fail(w, CHECK_SHEET, r, 2, YU_EIO, "cannot write the cell: %s", lxw_strerror(e));
}

/* Appends "+SUMIF(range,"label",sum)" to f. */
static void add_sumif(char *f, size_t cap, const char *range, const char *label, const char *sum)
{
    size_t n = strlen(f);
    if (n < cap)
        snprintf(f + n, cap - n, "%sSUMIF(%s,\"%s\",%s)", f[n ? n - 1 : 0] == '=' || !n ? "" : "+", range, label,
                 sum);
}

/* Appends "+SUMIFS(amount,source,"src",type,"type"[,econ,"pattern"])" to f. */
static void add_sumifs(char *f, size_t cap, const char *amt, const char *src, const char *srcl, const char *typ,
                       const char *typl, const char *econ, const char *pat)
{
    size_t n = strlen(f);
    if (n >= cap)
        return;
    if (pat)
        snprintf(f + n, cap - n, "%sSUMIFS(%s,%s,\"%s\",%s,\"%s\",%s,\"%s\")", f[n - 1] == '=' ? "" : "+", amt, src,
                 srcl, typ, typl, econ, pat);
    else
        snprintf(f + n, cap - n, "%sSUMIFS(%s,%s,\"%s\",%s,\"%s\")", f[n - 1] == '=' ? "" : "+", amt, src, srcl, typ,
                 typl);
}

static double in_unit(const wctx *w, yu_money v)
{
    return w->b && w->b->input_scale > 0 ? (double)v / (double)w->b->input_scale : 0.0;
}

static void sheet_checks(wctx *w)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, CHECK_SHEET);
    if (!ws) {
        fail(w, CHECK_SHEET, 0, -1, YU_EIO, "cannot add the sheet");
        return;
    }
    size_t ns;
    const yu_xsheetspec *sp = yu_xlsx_schema(&ns);
    const yu_xsheetspec *fs = &sp[1], *es = &sp[2], *gs = &sp[4], *ps = &sp[7], *is = &sp[8];
    static const char *const heads[] = {"规则", "检查内容", "左边", "右边", "差额（左边 − 右边）", "结果"};
    static const int widths[] = {16, 60, 18, 18, 20, 10};
    for (int c = 0; c < 6; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
        put_str(w, ws, CHECK_SHEET, 0, c, heads[c], w->hdr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    char fitem[64], famt[64], amt[64], src[64], typ[64], econ[64], gitem[64], gamt[64];
    colref(fs, "item", fitem, sizeof fitem);
    colref(fs, "amount", famt, sizeof famt);
    colref(es, "amount", amt, sizeof amt);
    colref(es, "source", src, sizeof src);
    colref(es, "type", typ, sizeof typ);
    colref(es, "econ", econ, sizeof econ);
    colref(gs, "item", gitem, sizeof gitem);
    colref(gs, "amount", gamt, sizeof gamt);

    const yu_budget *b = w->b;
    yu_money by_src[YU_S_COUNT] = {0};
    for (size_t i = 0; b && i < b->nlines; i++)
        by_src[b->lines[i].source] += b->lines[i].amount;
    static const yu_money zero[YU_F_COUNT];
    const yu_money *fd = b ? b->funds : zero;
    uint32_t r = 1;
    char lf[1024], rf[1024], what[256];

    /* sources = uses, for each kind of money */
    static const struct {
        const char *rule, *what;
        int in[7], use[3], out;
    } kinds[] = {
        {"F-GRAND", "一般公共预算拨款", {YU_F_GPB, YU_F_CARRY_GPB, -1}, {YU_S_GPB, YU_S_GPB_CARRY, -1}, YU_F_OUT_GPB},
        {"F-GRAND", "政府性基金预算拨款", {YU_F_GF, YU_F_CARRY_GF, -1}, {YU_S_GF, YU_S_GF_CARRY, -1}, YU_F_OUT_GF},
        {"F-GRAND", "国有资本经营预算拨款", {YU_F_SOE, YU_F_CARRY_SOE, -1}, {YU_S_SOE, YU_S_SOE_CARRY, -1}, YU_F_OUT_SOE},
        {"S-GRAND", "非财政拨款",
         {YU_F_SHIYE, YU_F_JINGYING, YU_F_SHANGJI, YU_F_FUSHU, YU_F_OTHER, YU_F_CARRY_NF, YU_F_USE_NF_BALANCE},
         {YU_S_NONFISCAL, YU_S_SHIYE, YU_S_JINGYING},
         YU_F_OUT_NF},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        yu_money in = 0, use = fd[kinds[k].out];
        snprintf(lf, sizeof lf, "=");
        snprintf(rf, sizeof rf, "=");
        for (int i = 0; i < 7 && (i == 0 || kinds[k].in[i] > 0); i++) {
            in += fd[kinds[k].in[i]];
            add_sumif(lf, sizeof lf, fitem, yu_fund_label(kinds[k].in[i]), famt);
        }
        for (int i = 0; i < 3 && (i == 0 || kinds[k].use[i] > 0); i++) {
            use += by_src[kinds[k].use[i]];
            add_sumif(rf, sizeof rf, src, yu_source_label(kinds[k].use[i]), amt);
        }
        add_sumif(rf, sizeof rf, fitem, yu_fund_label(kinds[k].out), famt);
        snprintf(what, sizeof what, "%s：收入（%s）＝ 支出（支出明细中%s的金额 + 结转下年）", kinds[k].what,
                 k < 3 ? "当年拨款 + 上年结转" : "事业收入、经营收入、上级补助、附属单位上缴、其他收入、上年结转、使用结余",
                 k < 3 ? "当年拨款和上年结转" : "非财政拨款资金");
        check_row(w, ws, r++, kinds[k].rule, what, lf, in_unit(w, in), rf, in_unit(w, use), 0, in == use);
    }

    /* 基本支出 = 人员经费 + 公用经费 (一般公共预算拨款, by 经济分类) */
    const char *gpb = yu_source_label(YU_S_GPB), *pers = yu_type_label(YU_T_PERSONNEL),
               *pub = yu_type_label(YU_T_PUBLIC);
    yu_money basic = 0, by_econ = 0;
    for (size_t i = 0; b && i < b->nlines; i++) {
        const yu_line *l = &b->lines[i];
        if (l->source != YU_S_GPB || (l->type != YU_T_PERSONNEL && l->type != YU_T_PUBLIC))
            continue;
        basic += l->amount;
        if (l->type == YU_T_PERSONNEL ? l->econ / 100 == 301 || l->econ / 100 == 303 : l->econ != 0)
            by_econ += l->amount;
    }
    snprintf(lf, sizeof lf, "=");
    add_sumifs(lf, sizeof lf, amt, src, gpb, typ, pers, NULL, NULL);
    add_sumifs(lf, sizeof lf, amt, src, gpb, typ, pub, NULL, NULL);
    snprintf(rf, sizeof rf, "=");
    add_sumifs(rf, sizeof rf, amt, src, gpb, typ, pers, econ, "301*");
    add_sumifs(rf, sizeof rf, amt, src, gpb, typ, pers, econ, "303*");
    add_sumifs(rf, sizeof rf, amt, src, gpb, typ, pub, econ, "?*");
    check_row(w, ws, r++, "T-BASIC-SUM",
              "一般公共预算拨款基本支出 ＝ 人员经费（经济分类 301、303 款）+ 公用经费（其他款）；每行基本支出都要填经济分类",
              lf, in_unit(w, basic), rf, in_unit(w, by_econ), 0, basic == by_econ);

    /* the 基本支出 lines of the “三公” 经济分类 ≤ the 三公经费 sheet's items */
    static const struct {
        const char *econ, *name;
        int sg;
    } sg[] = {
        {"30217", "公务接待费", YU_SG_RECEPTION},
        {"30231", "公务用车运行维护费", YU_SG_CAR_RUN},
        {"30212", "因公出国（境）费用", YU_SG_ABROAD},
        {"31013", "公务用车购置", YU_SG_CAR_BUY},
    };
    for (size_t k = 0; k < sizeof sg / sizeof sg[0]; k++) {
        uint32_t code = (uint32_t)strtoul(sg[k].econ, NULL, 10);
        yu_money l = 0, rv = b ? b->sangong[sg[k].sg] : 0;
        for (size_t i = 0; b && i < b->nlines; i++)
            if (b->lines[i].source == YU_S_GPB && b->lines[i].econ == code &&
                (b->lines[i].type == YU_T_PERSONNEL || b->lines[i].type == YU_T_PUBLIC))
                l += b->lines[i].amount;
        char pat[16];
        snprintf(pat, sizeof pat, "%s*", sg[k].econ);
        snprintf(lf, sizeof lf, "=");
        add_sumifs(lf, sizeof lf, amt, src, gpb, typ, pers, econ, pat);
        add_sumifs(lf, sizeof lf, amt, src, gpb, typ, pub, econ, pat);
        snprintf(rf, sizeof rf, "=");
        add_sumif(rf, sizeof rf, gitem, yu_sangong_label(sg[k].sg), gamt);
        snprintf(what, sizeof what, "一般公共预算拨款基本支出中 %s %s ≤ 三公经费表的%s", sg[k].econ, sg[k].name,
                 yu_sangong_label(sg[k].sg));
        check_row(w, ws, r++, "X-SANGONG-ECON", what, lf, in_unit(w, l), rf, in_unit(w, rv), 1, l <= rv);
    }

    /* the 其他相关情况说明 inputs, as the loader checks them: the 中小企业 reservation within the 政府采购预算,
     * its 小微企业 part within it, the 绩效目标 money within the 项目支出 */
    {
        const yu_xsheetspec *cs = &sp[5], *qs = &sp[YU_XS_PERF];
        char citem[64], camt[64], qamt[64];
        colref(cs, "item", citem, sizeof citem);
        colref(cs, "amount", camt, sizeof camt);
        colref(qs, "amount", qamt, sizeof qamt);
        yu_money goods = b ? b->procurement[0] + b->procurement[1] + b->procurement[2] : 0;
        yu_money sme = b && b->has_proc_sme ? b->proc_sme : 0, small = b && b->has_proc_sme ? b->proc_sme_small : 0;
        snprintf(lf, sizeof lf, "=");
        add_sumif(lf, sizeof lf, citem, YU_XL_SME, camt);
        snprintf(rf, sizeof rf, "=");
        for (int k = 0; k < YU_P_COUNT; k++)
            add_sumif(rf, sizeof rf, citem, yu_proc_label(k), camt);
        check_row(w, ws, r++, "政府采购", YU_XL_SME " ≤ 政府采购预算（货物 + 工程 + 服务）", lf, in_unit(w, sme), rf,
                  in_unit(w, goods), 1, sme <= goods);
        snprintf(lf, sizeof lf, "=");
        add_sumif(lf, sizeof lf, citem, YU_XL_SME_SMALL, camt);
        snprintf(rf, sizeof rf, "=");
        add_sumif(rf, sizeof rf, citem, YU_XL_SME, camt);
        check_row(w, ws, r++, "政府采购", YU_XL_SME_SMALL " ≤ " YU_XL_SME, lf, in_unit(w, small), rf, in_unit(w, sme),
                  1, small <= sme);
        yu_money pf = b && b->has_perf && !b->perf_computed ? b->perf_funds : 0, proj = b ? yu__project_spending(b) : 0;
        snprintf(lf, sizeof lf, "=SUM(%s)", qamt);
        snprintf(rf, sizeof rf, "=");
        add_sumif(rf, sizeof rf, typ, yu_type_label(YU_T_PROJECT), amt);
        check_row(w, ws, r++, "绩效目标", "绩效目标的涉及项目预算资金 ≤ 支出明细中的项目支出", lf, in_unit(w, pf), rf,
                  in_unit(w, proj), 1, pf <= proj);
    }

    /* each published project: Σ 分值权重 + 执行率分值 = 100 */
    char ppub[64], pex[64], iproj[64], iw[64];
    colref(is, "project", iproj, sizeof iproj);
    colref(is, "weight", iw, sizeof iw);
    size_t np = b ? b->nprojects : 0;
    for (size_t k = 0; k < np + CHECK_PROJECT_ROWS && !w->failed; k++, r++) {
        uint32_t pr = (uint32_t)k + 2; /* the project's row in 项目 */
        snprintf(ppub, sizeof ppub, "'%s'!$E$%u", ps->name, pr);
        snprintf(pex, sizeof pex, "'%s'!$F$%u", ps->name, pr);
        char id[64];
        snprintf(id, sizeof id, "'%s'!$A$%u", ps->name, pr);
        const yu_project *p = k < np ? &b->projects[k] : NULL;
        int64_t wsum = 0;
        for (size_t i = 0; p && i < b->nindicators; i++)
            if (b->indicators[i].project == (int)k)
                wsum += b->indicators[i].weight;
        double lv = p ? (double)wsum / 100.0 + p->exec_score : 0;
        snprintf(what, sizeof what, "=IF(%s=\"\",\"\",\"项目 \"&%s&\"：分值权重合计 + 执行率分值 ＝ 100\")", id, id);
        char shown[160] = "";
        if (p)
            snprintf(shown, sizeof shown, "项目 %s：分值权重合计 + 执行率分值 ＝ 100", p->id);
        put_str(w, ws, CHECK_SHEET, r, 0, "P-WEIGHTS", w->code);
        lxw_error e = worksheet_write_formula_str(ws, r, 1, what, w->wrap, shown);
        snprintf(lf, sizeof lf, "=IF(%s=\"\",\"\",SUMIF(%s,%s,%s)+IF(%s=\"\",10,%s))", id, iproj, id, iw, pex, pex);
        snprintf(rf, sizeof rf, "=IF(%s=\"\",\"\",100)", id);
        if (!e && p)
            e = worksheet_write_formula_num(ws, r, 2, lf, w->number, lv);
        else if (!e)
            e = worksheet_write_formula_str(ws, r, 2, lf, w->number, "");
        if (!e && p)
            e = worksheet_write_formula_num(ws, r, 3, rf, w->number, 100);
        else if (!e)
            e = worksheet_write_formula_str(ws, r, 3, rf, w->number, "");
        snprintf(lf, sizeof lf, "=IF(%s=\"\",\"\",C%u-D%u)", id, r + 1, r + 1);
        if (!e && p)
            e = worksheet_write_formula_num(ws, r, 4, lf, w->number, lv - 100);
        else if (!e)
            e = worksheet_write_formula_str(ws, r, 4, lf, w->number, "");
        snprintf(lf, sizeof lf,
                 "=IF(%s=\"\",\"\",IF(OR(%s=\"是\",%s=1,%s=\"1\"),IF(ABS(C%u-D%u)<0.005,\"通过\",\"不通过\"),\"不公开\"))",
                 id, ppub, ppub, ppub, r + 1, r + 1);
        const char *st = !p ? "" : !p->publish ? "不公开" : wsum + (int64_t)p->exec_score * 100 == 10000 ? "通过" : "不通过";
        if (!e)
            e = worksheet_write_formula_str(ws, r, 5, lf, w->bold, st);
        if (e)
            fail(w, CHECK_SHEET, r, 1, YU_EIO, "cannot write the cell: %s", lxw_strerror(e));
    }

    /* green 通过, red 不通过 */
    lxw_conditional_format cf;
    static const struct { const char *v; int fg, bg; } looks[] = {
        {"\"通过\"", 0x006100, 0xC6EFCE},
        {"\"不通过\"", 0x9C0006, 0xFFC7CE},
    };
    for (int i = 0; i < 2 && !w->failed; i++) {
        lxw_format *f = workbook_add_format(w->wb);
        if (!f) {
            fail(w, CHECK_SHEET, 0, -1, YU_ENOMEM, "out of memory");
            return;
        }
        format_set_font_color(f, (lxw_color_t)looks[i].fg);
        format_set_bg_color(f, (lxw_color_t)looks[i].bg);
        memset(&cf, 0, sizeof cf);
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
        cf.value_string = (char *)looks[i].v;
        cf.format = f;
        if (worksheet_conditional_format_range(ws, 1, 5, r, 5, &cf))
            fail(w, CHECK_SHEET, 0, 5, YU_EIO, "cannot add the conditional format");
    }
}

/* "CODE 名称", the entry of a code drop-down (the loader takes the leading code). */
static void put_named(wctx *w, lxw_worksheet *ws, uint32_t r, int col, const char *code, const char *name)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s %s", code, name ? name : "");
    put_str(w, ws, CODES_SHEET, r, col, buf, w->code);
}

/* The hidden sheet of lists the drop-downs refer to. */
static void sheet_codes(wctx *w)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, CODES_SHEET);
    if (!ws) {
        fail(w, CODES_SHEET, 0, -1, YU_EIO, "cannot add the sheet");
        return;
    }
    static const char *const heads[K_NCOLS] = {
        "功能分类科目编码", "功能分类科目名称", "经济分类科目编码", "经济分类科目名称", "支出类型", "资金来源",
        "收入项目", "三公经费项目", "政府采购项目", "资产类别", "是否", "一级指标", "金额单位", "说明键",
        "功能分类科目（下拉）", "经济分类科目（下拉）", "单位类型",
    };
    for (int c = 0; c < K_NCOLS; c++) {
        put_str(w, ws, CODES_SHEET, 0, c, heads[c], w->hdr);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c == 1 || c == 3 || c >= K_FUNCN ? 40 : 20, w->code);
    }
    for (size_t i = 0; w->func && i < yu_catalog_size(w->func) && !w->failed; i++) {
        const char *code, *name;
        yu_catalog_at(w->func, i, &code, &name);
        if (strlen(code) != 7)
            continue;
        uint32_t r = (uint32_t)++w->nlist[K_FUNC];
        put_str(w, ws, CODES_SHEET, r, K_FUNC, code, w->code);
        put_str(w, ws, CODES_SHEET, r, K_FUNC + 1, name, w->code);
        put_named(w, ws, r, K_FUNCN, code, name);
    }
    for (size_t i = 0; w->econ && i < yu_catalog_size(w->econ) && !w->failed; i++) {
        const char *code, *name;
        yu_catalog_at(w->econ, i, &code, &name);
        if (strlen(code) != 5)
            continue;
        uint32_t r = (uint32_t)++w->nlist[K_ECON];
        put_str(w, ws, CODES_SHEET, r, K_ECON, code, w->code);
        put_str(w, ws, CODES_SHEET, r, K_ECON + 1, name, w->code);
        put_named(w, ws, r, K_ECONN, code, name);
    }
#define LIST(col, n, expr)                                                         \
    for (int i_ = 0; i_ < (n); i_++) {                                             \
        int i = i_;                                                                \
        put_str(w, ws, CODES_SHEET, (uint32_t)++w->nlist[col], col, (expr), w->code); \
    }
    LIST(K_TYPE, YU_T_COUNT, yu_type_label(i));
    LIST(K_SOURCE, YU_S_COUNT, yu_source_label(i));
    LIST(K_FUND, YU_F_COUNT, yu_fund_label(i));
    LIST(K_SANGONG, YU_SG_COUNT, yu_sangong_label(i));
    LIST(K_PROC, YU_P_COUNT, yu_proc_label(i));
    static const char *const sme[] = {YU_XL_SME, YU_XL_SME_SMALL};
    LIST(K_PROC, 2, sme[i]);
    LIST(K_UNITKIND, YU_UK_COUNT, yu_unitkind_label(i));
    static const char *const cats[] = {"车辆", "设备"}, *const yn[] = {"是", "否"},
                             *const l1[] = {"产出指标", "效益指标", "满意度指标", "成本指标"},
                             *const units[] = {"元", "万元"};
    const char *nk[8];
    yu_xlsx_note_labels(nk, 8);
    LIST(K_CATEGORY, 2, cats[i]);
    LIST(K_YESNO, 2, yn[i]);
    LIST(K_LEVEL1, 4, l1[i]);
    LIST(K_UNIT, 2, units[i]);
    LIST(K_NOTEKEY, 4, nk[i]);
#undef LIST
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_hide(ws);
}

/* Counts the 代码表 lists before the sheets refer to them. */
static void count_lists(wctx *w)
{
    for (size_t i = 0; w->func && i < yu_catalog_size(w->func); i++) {
        const char *code, *name;
        yu_catalog_at(w->func, i, &code, &name);
        w->nlist[K_FUNC] += strlen(code) == 7;
    }
    for (size_t i = 0; w->econ && i < yu_catalog_size(w->econ); i++) {
        const char *code, *name;
        yu_catalog_at(w->econ, i, &code, &name);
        w->nlist[K_ECON] += strlen(code) == 5;
    }
    w->nlist[K_TYPE] = YU_T_COUNT;
    w->nlist[K_SOURCE] = YU_S_COUNT;
    w->nlist[K_FUND] = YU_F_COUNT;
    w->nlist[K_SANGONG] = YU_SG_COUNT;
    w->nlist[K_PROC] = YU_P_COUNT + 2;
    w->nlist[K_UNITKIND] = YU_UK_COUNT;
    w->nlist[K_CATEGORY] = 2;
    w->nlist[K_YESNO] = 2;
    w->nlist[K_LEVEL1] = 4;
    w->nlist[K_UNIT] = 2;
    w->nlist[K_NOTEKEY] = 4;
    w->nlist[K_FUNCN] = w->nlist[K_FUNC];
    w->nlist[K_ECONN] = w->nlist[K_ECON];
}

static lxw_format *fmt(lxw_workbook *wb, int bold, int border, const char *num, int wrap)
{
    lxw_format *f = workbook_add_format(wb);
    if (!f)
        return NULL;
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 11);
    if (bold)
        format_set_bold(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (num)
        format_set_num_format(f, num);
    if (wrap) {
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    return f;
}

yu_status yu_write_template(const char *path, const yu_budget *b, const yu_catalog *func,
                            const yu_catalog *econ, yu_error *err)
{
    return yu_write_template_narr(path, b, func, econ, NULL, 0, err);
}

yu_status yu_write_template_narr(const char *path, const yu_budget *b, const yu_catalog *func,
                                 const yu_catalog *econ, const yu_xnarr *narr, size_t nnarr, yu_error *err)
{
    yu_error_clear(err);
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp)
        return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
    wctx w;
    memset(&w, 0, sizeof w);
    w.b = b;
    w.func = func;
    w.econ = econ;
    w.path = path;
    w.err = err;
    w.narr = narr;
    w.nnarr = narr ? nnarr : 0;
    w.wb = workbook_new(tmp);
    if (!w.wb) {
        free(tmp);
        return yu_error_set(err, YU_EIO, path, 0, 0, "cannot create the workbook");
    }
    w.hdr = fmt(w.wb, 1, 1, NULL, 0);
    if (w.hdr) {
        format_set_bg_color(w.hdr, 0xDDEBF7);
        format_set_align(w.hdr, LXW_ALIGN_CENTER);
        format_set_align(w.hdr, LXW_ALIGN_VERTICAL_CENTER);
        format_set_text_wrap(w.hdr);
    }
    w.text = fmt(w.wb, 0, 0, NULL, 0);
    w.code = fmt(w.wb, 0, 0, "@", 0);
    w.wrap = fmt(w.wb, 0, 0, "@", 1);
    w.amount = fmt(w.wb, 0, 0, "#,##0.00", 0);
    w.number = fmt(w.wb, 0, 0, NULL, 0);
    w.integer = fmt(w.wb, 0, 0, "0", 0);
    w.bold = fmt(w.wb, 1, 0, NULL, 0);
    w.name = fmt(w.wb, 0, 0, NULL, 0);
    if (w.name)
        format_set_font_color(w.name, 0x595959);
    w.title = fmt(w.wb, 1, 0, NULL, 0);
    if (w.title)
        format_set_font_size(w.title, 16);
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = (char *)"部门预算填报工作簿";
    props.comments = (char *)"yusuan template: docs/xlsx.md";
    workbook_set_properties(w.wb, &props);

    count_lists(&w);
    sheet_help(&w);
    sheet_checks(&w);
    size_t ns;
    const yu_xsheetspec *sp = yu_xlsx_schema(&ns);
    sheet_unit(&w, &sp[0]);
    sheet_funds(&w, &sp[1]);
    sheet_exp(&w, &sp[2]);
    sheet_prior(&w, &sp[3]);
    sheet_sangong(&w, &sp[4]);
    sheet_proc(&w, &sp[5]);
    sheet_assets(&w, &sp[6]);
    sheet_projects(&w, &sp[7]);
    sheet_indicators(&w, &sp[8]);
    sheet_notes(&w, &sp[9]);
    sheet_units(&w, &sp[YU_XS_UNITS]);
    sheet_perf(&w, &sp[YU_XS_PERF]);
    w.year = 1;
    sheets_year(&w); /* 调整, 执行, 决算补充, 绩效自评 (docs/year.md) */
    w.year = 0;
    /* the lists are written afresh (counts were only needed for the formulas) */
    memset(w.nlist, 0, sizeof w.nlist);
    sheet_codes(&w);

    lxw_error e = workbook_close(w.wb);
    yu_status st = YU_OK;
    if (w.failed)
        st = err ? err->status : YU_EIO;
    else if (e)
        st = yu_error_set(err, YU_EIO, path, 0, 0, "cannot write the workbook: %s", lxw_strerror(e));
    else if (rename(tmp, path) != 0)
        st = yu_error_set(err, YU_EIO, path, 0, 0, "cannot rename the workbook into place");
    if (st)
        remove(tmp);
    free(tmp);
    return st;
}
