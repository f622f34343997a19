/* The package's inputs of 其他相关情况说明 (docs/format.md): procurement.csv
 * (with the 中小企业 reservation), assets.csv (with the purchases and the day of
 * the count), units.csv and perf.csv.  Split from load_package.c. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/money.h"
#include "load_internal.h"

static char *field(yu_csv *csv, const colspec *col) { return yu__load_field(csv, col); }
static int amount(ctx *c, yu_csv *csv, const colspec *col, int allow_empty, yu_money *out)
{
    return yu__load_amount(c, csv, col, allow_empty, out);
}

int yu__row_proc(ctx *c, yu_csv *csv, colspec *cols)
{
    const char *item = field(csv, &cols[0]);
    int sme = !strcmp(item, "sme"), small = !strcmp(item, "sme_small");
    int k = yu_proc_parse(item);
    if (k < 0 && !sme && !small)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[0].idx + 1,
                            "unknown item '%s': expected goods, works, services, sme (面向中小企业预留) "
                            "or sme_small (其中预留给小型和微型企业)", item),
               -1;
    yu_money v;
    if (amount(c, csv, &cols[1], 0, &v))
        return -1;
    if (k >= 0)
        c->b->procurement[k] = v;
    else if (sme) {
        c->b->proc_sme = v;
        c->b->has_proc_sme = 1;
        c->sme_line = (int)csv->line;
        c->sme_col = cols[1].idx + 1;
    } else {
        c->b->proc_sme_small = v;
        c->small_line = (int)csv->line;
        c->small_col = cols[1].idx + 1;
    }
    return 0;
}

/* an amount in 元 for a message */
static const char *yuan(yu_money fen, char *buf, size_t n)
{
    char t[40];
    snprintf(buf, n, "%s元", yu_fmt_units(fen, 2, YU_NUM_TABLE, t, sizeof t));
    return buf;
}

int yu__proc_problem(const yu_budget *b)
{
    if (!b->has_proc_sme)
        return 0;
    if (b->proc_sme_small > b->proc_sme)
        return YU_PROC_SMALL_OVER;
    return b->proc_sme > b->procurement[0] + b->procurement[1] + b->procurement[2] ? YU_PROC_SME_OVER : 0;
}

/* procurement.csv as a whole: the 中小企业 reservation is part of the 政府采购预算, its 小微企业 part of it */
int yu__check_proc(ctx *c)
{
    const yu_budget *b = c->b;
    yu_money total = b->procurement[0] + b->procurement[1] + b->procurement[2];
    char v1[48], v2[48];
    if (c->small_line && !b->has_proc_sme)
        return yu_error_set(c->err, YU_EVALUE, c->path, c->small_line, c->small_col,
                            "sme_small (预留给小型和微型企业) is a part of the 中小企业 reservation: expected an sme row too"),
               -1;
    switch (yu__proc_problem(b)) {
    case YU_PROC_SMALL_OVER:
        yuan(b->proc_sme_small, v1, sizeof v1);
        yuan(b->proc_sme, v2, sizeof v2);
        return yu_error_set(c->err, YU_EVALUE, c->path, c->small_line, c->small_col,
                            "预留给小型和微型企业 %s is more than the 面向中小企业预留 %s it is a part of", v1, v2),
               -1;
    case YU_PROC_SME_OVER:
        yuan(b->proc_sme, v1, sizeof v1);
        yuan(total, v2, sizeof v2);
        return yu_error_set(c->err, YU_EVALUE, c->path, c->sme_line, c->sme_col,
                            "面向中小企业预留 %s is more than the 政府采购预算 %s (goods + works + services)", v1, v2),
               -1;
    }
    return 0;
}

int yu__parse_date(const char *d)
{
    int y, m, dd, used = 0;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int ok = sscanf(d, "%4d-%2d-%2d%n", &y, &m, &dd, &used) == 3 && !d[used] && used == 10 && y >= 1949 &&
             m >= 1 && m <= 12 && dd >= 1 && dd <= mdays[m - 1] &&
             !(m == 2 && dd == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
    return ok ? y * 10000 + m * 100 + dd : 0;
}

int yu__project_life(struct yu_project *p, const int given[3])
{
    if (!given[0]) {
        p->has_life = 0;
        p->life_total = p->life_fiscal = p->life_other = 0;
        return given[1] || given[2] ? 1 : 0;
    }
    p->has_life = 1;
    if (!given[1] && !given[2])
        p->life_fiscal = p->life_total, p->life_other = 0;
    else if (!given[1])
        p->life_fiscal = p->life_total - p->life_other;
    else if (!given[2])
        p->life_other = p->life_total - p->life_fiscal;
    return p->life_fiscal < 0 || p->life_other < 0 || p->life_fiscal + p->life_other != p->life_total ? 2 : 0;
}

int64_t yu__project_spending(const yu_budget *b)
{
    yu_money proj = 0;
    for (size_t i = 0; i < b->nlines; i++)
        if (b->lines[i].type == YU_T_PROJECT)
            proj += b->lines[i].amount;
    return proj;
}

int yu__perf_problem(const yu_budget *b, int64_t *proj)
{
    *proj = yu__project_spending(b);
    if (b->perf_funds > *proj)
        return YU_PERF_FUNDS_OVER;
    return b->perf_projects > 0 && b->perf_units == 0 ? YU_PERF_NO_UNITS : 0;
}

void yu__perf_fill(yu_budget *b)
{
    if (b->has_perf)
        return;
    int64_t units;
    yu_money funds;
    int64_t n = yu_budget_perf_count(b, &units, &funds);
    if (!n)
        return;
    b->perf_units = units;
    b->perf_projects = n;
    b->perf_funds = funds;
    b->has_perf = 1;
    b->perf_computed = 1;
}

/* a whole number >= 0 in a column, or an error naming it */
static int whole(ctx *c, yu_csv *csv, const colspec *col, int64_t *out)
{
    const char *s = field(csv, col);
    char *end;
    long long n = strtoll(s, &end, 10);
    if (!*s || *end || n < 0 || n > 1000000000)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, col->idx + 1,
                            "column '%s': '%s' is not a count: expected a whole number >= 0", col->name, s),
               -1;
    *out = n;
    return 0;
}

int yu__row_asset(ctx *c, yu_csv *csv, colspec *cols)
{
    const char *cat = field(csv, &cols[0]);
    if (strcmp(cat, "vehicle") && strcmp(cat, "equipment"))
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[0].idx + 1,
                            "unknown category '%s': expected vehicle or equipment", cat),
               -1;
    const char *name = field(csv, &cols[1]);
    int64_t n, buy = 0;
    if (whole(c, csv, &cols[2], &n) || (cols[3].idx >= 0 && *field(csv, &cols[3]) && whole(c, csv, &cols[3], &buy)))
        return -1;
    c->b->has_purchases |= cols[3].idx >= 0;
    const char *d = cols[4].idx >= 0 ? field(csv, &cols[4]) : "";
    if (*d) {
        /* the date of the count: YYYY-MM-DD, the same on every row that gives it */
        int v = yu__parse_date(d);
        if (!v)
            return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[4].idx + 1,
                                "as_of '%s' is not a date: expected the day of the asset count as YYYY-MM-DD, "
                                "e.g. 2024-08-31 (截至2024年8月31日)", d),
                   -1;
        if (c->b->assets_date && c->b->assets_date != v)
            return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[4].idx + 1,
                                "as_of '%s' differs from the date %d-%02d-%02d of the rows above: the assets are "
                                "counted on one day", d, c->b->assets_date / 10000, c->b->assets_date / 100 % 100,
                                c->b->assets_date % 100),
                   -1;
        c->b->assets_date = v;
    }
    if (yu_budget_add_asset(c->b, cat, name, n))
        return yu_error_set(c->err, YU_ENOMEM, c->path, csv->line, 0, "out of memory"), -1;
    c->b->assets[c->b->nassets - 1].purchase = buy;
    return 0;
}

/* units.csv: the department's budget units and their kind (the 机关运行经费 sentence counts them) */
int yu__row_unit(ctx *c, yu_csv *csv, colspec *cols)
{
    const char *name = field(csv, &cols[0]), *k = field(csv, &cols[1]);
    if (!*name)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[0].idx + 1, "empty unit name"), -1;
    int kind = yu_unitkind_parse(k);
    if (kind < 0)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[1].idx + 1,
                            "unknown kind '%s': expected 行政单位 (admin), 参公事业单位 (cangong), 事业单位 (inst) or 其他 (other)", k),
               -1;
    if (yu_budget_add_member(c->b, name, kind))
        return yu_error_set(c->err, YU_ENOMEM, c->path, csv->line, 0, "out of memory"), -1;
    return 0;
}

/* perf.csv: one row, the 绩效目标 summary as the department declares it */
int yu__row_perf(ctx *c, yu_csv *csv, colspec *cols)
{
    if (c->b->has_perf)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, 1,
                            "a second row: perf.csv holds one row (units, projects, amount)"),
               -1;
    if (whole(c, csv, &cols[0], &c->b->perf_units) || whole(c, csv, &cols[1], &c->b->perf_projects) ||
        amount(c, csv, &cols[2], 0, &c->b->perf_funds))
        return -1;
    yu_money proj;
    switch (yu__perf_problem(c->b, &proj)) {
    case YU_PERF_FUNDS_OVER: {
        char v1[48], v2[48];
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[2].idx + 1,
                            "绩效目标 funds %s are more than the 项目支出 %s of expenditure.csv",
                            yuan(c->b->perf_funds, v1, sizeof v1), yuan(proj, v2, sizeof v2)),
               -1;
    }
    case YU_PERF_NO_UNITS:
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[0].idx + 1,
                            "units 0 with %lld projects: expected the number of units that set 绩效目标",
                            (long long)c->b->perf_projects),
               -1;
    }
    c->b->has_perf = 1;
    return 0;
}

