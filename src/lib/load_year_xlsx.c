/* The year's sheets of the input workbook (docs/year.md, docs/xlsx.md):
 * 调整, 执行, 决算补充 and 绩效自评 stand for adjustments.csv, execution.csv,
 * final.csv and selfeval.csv.  Each sheet is turned into the file's CSV text,
 * one line per row, and read by load_year.c; an error's line and column
 * become the sheet's cell (调整!H3). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/xlsx.h"
#include "year_internal.h"

static const yu_xcolspec adj_cols[] = {
    {"date", "日期", 1, YU_XK_TEXT, 12, "调整日期，YYYY-MM-DD，如 2024-06-30"},
    {"kind", "调整类型", 1, YU_XK_TEXT, 10, "调剂、追加或调减"},
    {"func", "功能分类科目编码", 1, YU_XK_FUNC, 14, "支出功能分类 项 编码（7位），须为预算中已有的科目"},
    {"type", "支出类型", 1, YU_XK_TYPE, 12, "人员经费、公用经费、项目支出……"},
    {"source", "资金来源", 1, YU_XK_SOURCE, 16, "一般公共预算拨款……"},
    {"econ", "经济分类科目编码", 0, YU_XK_ECON, 14, "部门预算支出经济分类 款 编码（5位），可空"},
    {"project", "项目", 0, YU_XK_PROJECT, 16, "项目编号（项目表），项目支出必填"},
    {"amount", "金额", 1, YU_XK_AMOUNT, 14, "追加、调减填正数；调剂调出填负数、调入填正数，同日同来源合计为零"},
    {"reason", "调整原因", 0, YU_XK_LONGTEXT, 40, "调整的原因，写入执行情况和决算说明"},
};
static const yu_xcolspec exec_cols[] = {
    {"month", "月份", 0, YU_XK_INT, 8, "支付月份 1–12（或填日期）"},
    {"date", "日期", 0, YU_XK_TEXT, 12, "支付日期 YYYY-MM-DD（或填月份）"},
    {"func", "功能分类科目编码", 1, YU_XK_FUNC, 14, "支出功能分类 项 编码（7位）"},
    {"type", "支出类型", 1, YU_XK_TYPE, 12, "人员经费、公用经费、项目支出……"},
    {"source", "资金来源", 1, YU_XK_SOURCE, 16, "一般公共预算拨款……"},
    {"econ", "经济分类科目编码", 0, YU_XK_ECON, 14, "部门预算支出经济分类 款 编码（5位），可空"},
    {"project", "项目", 0, YU_XK_PROJECT, 16, "项目编号（项目表）"},
    {"amount", "支付金额", 1, YU_XK_AMOUNT, 14, "本月（本日）支付数"},
};
static const yu_xcolspec final_cols[] = {
    {"item", "项目", 1, YU_XK_TEXT, 28, "shiye 事业收入、other 其他收入、distribution 结余分配、out_nf 年末非财政拨款结转和结余、sg_abroad 因公出国（境）费……"},
    {"amount", "金额", 1, YU_XK_AMOUNT, 14, "决算数"},
};
static const yu_xcolspec se_cols[] = {
    {"project", "项目", 1, YU_XK_PROJECT, 16, "项目编号（项目表）"},
    {"indicator", "三级指标", 1, YU_XK_TEXT, 36, "与绩效指标表的三级指标一致"},
    {"actual", "实际完成值", 1, YU_XK_TEXT, 20, "定量指标填数字（可带单位）"},
    {"completion", "完成程度", 0, YU_XK_TEXT, 10, "定性指标：达成、部分达成或未达成"},
    {"score", "自评得分", 0, YU_XK_NUMBER, 10, "可空：按规则计算"},
    {"reason", "偏差原因", 0, YU_XK_LONGTEXT, 40, "未得满分的原因及改进措施"},
};

#define N(a) (sizeof(a) / sizeof(a)[0])
static const yu_xsheetspec sheets[YY_NFILES] = {
    {"调整", "adjustments.csv", 0, adj_cols, N(adj_cols), "预算调剂、追加、调减（可选）"},
    {"执行", "execution.csv", 0, exec_cols, N(exec_cols), "按月或按日的支付数（可选）"},
    {"决算补充", "final.csv", 0, final_cols, N(final_cols), "决算需要的非财政拨款实际收入、结余分配、三公经费决算数（可选）"},
    {"绩效自评", "selfeval.csv", 0, se_cols, N(se_cols), "项目绩效指标的实际完成值（可选）"},
};

const yu_xsheetspec *yy_year_sheets(size_t *n)
{
    *n = YY_NFILES;
    return sheets;
}

/* Excel's date serial (days since 1899-12-30) as YYYY-MM-DD */
static void serial_date(double v, char *buf, size_t n)
{
    /* civil_from_days (H. Hinnant): serial 25569 is 1970-01-01 */
    long z = (long)v - 25569 + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        snprintf(buf, n, "?");
    else
        snprintf(buf, n, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

static void csv_field(yu_buf *o, const char *s)
{
    yu_buf_puts(o, "\"");
    for (; *s; s++) {
        if (*s == '"')
            yu_buf_puts(o, "\"\"");
        else if (*s == '\n' || *s == '\r')
            yu_buf_puts(o, " "); /* one line per row keeps the row numbers */
        else
            yu_buf_add(o, s, 1);
    }
    yu_buf_puts(o, "\"");
}

yu_status yu_load_year_xlsx(yu_xlsx *x, const char *path, yu_budget *b, const yu_catalog *econ, yu_error *err)
{
    yu_buf text[YY_NFILES];
    const char *t[YY_NFILES] = {0};
    size_t len[YY_NFILES] = {0};
    yu_status st = YU_OK;
    for (int i = 0; i < YY_NFILES; i++)
        yu_buf_init(&text[i], 0);
    for (int i = 0; i < YY_NFILES && !st; i++) {
        const yu_xsheet *s;
        yu_error tmp;
        yu_error_clear(&tmp);
        if (yu_xlsx_sheet(x, sheets[i].name, &s, &tmp) != YU_OK || s->nrows < 2)
            continue; /* an absent sheet, or one with only its header, is an absent file */
        yu_buf *o = &text[i];
        for (uint32_t r = 0; r < s->nrows; r++) {
            for (uint32_t c = 0; c < s->ncols; c++) {
                if (c)
                    yu_buf_puts(o, ",");
                const yu_xcell *cell = yu_xsheet_value(s, r, c);
                const char *v = cell ? cell->text : "";
                char buf[32];
                if (r == 0) {
                    /* the header: a label of the sheet's columns is its key */
                    for (size_t k = 0; k < sheets[i].ncols; k++)
                        if (!strcmp(v, sheets[i].cols[k].label))
                            v = sheets[i].cols[k].key;
                } else if (cell && cell->kind == YU_XC_NUMBER && c < sheets[i].ncols &&
                           !strcmp(sheets[i].cols[c].key, "date") && cell->num > 0) {
                    serial_date(cell->num, buf, sizeof buf);
                    v = buf;
                } else if (cell && cell->kind == YU_XC_NUMBER) {
                    /* as Excel shows a number: 15 significant digits (load_xlsx.c does the same) */
                    snprintf(buf, sizeof buf, "%.15g", cell->num);
                    v = buf;
                }
                csv_field(o, v);
            }
            yu_buf_puts(o, "\n");
        }
        if (o->oom)
            st = yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
        t[i] = o->p ? o->p : "";
        len[i] = o->len;
    }
    int file = 0;
    if (!st) {
        st = yy_load_year_mem(path, t, len, b, econ, &file, err);
        if (st && err) {
            /* the file's line and column are the sheet's row and column */
            char ref[16];
            if (err->line > 0 && err->col > 0)
                snprintf(err->where, sizeof err->where, "%s!%s", sheets[file].name,
                         yu_xlsx_ref((uint32_t)err->line - 1, (uint32_t)err->col - 1, ref, sizeof ref));
            else if (err->line > 0)
                snprintf(err->where, sizeof err->where, "%s!%d:%d", sheets[file].name, err->line, err->line);
            else
                snprintf(err->where, sizeof err->where, "%s", sheets[file].name);
            snprintf(err->file, sizeof err->file, "%s", path);
            err->line = err->col = 0;
        }
    }
    for (int i = 0; i < YY_NFILES; i++)
        yu_buf_free(&text[i]);
    return st;
}
