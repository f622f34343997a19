/* What the narrative claims about the tables and about itself (words.h;
 * issue 10, item 4).
 *
 *   W-WHO        the unit named in headings and table headers (单位名称：,
 *                编制单位：, 部门：, 关于X2026年…情况说明, X2026年部门预算) is
 *                the document's unit, or a part of its name (上海市, 部门本级)
 *                or a unit the tables list; the level of government written
 *                (区级/市级/县级部门预算, …财政) is the one the title gives.
 *   W-WHEN       a budget compares with the year before (比2025年预算 in a
 *                2026 budget), speaks of its own year's 预算 not 决算, and
 *                counts staff and assets at a date near the budget year.
 *   W-MAGNITUDE  a figure in 元 whose digits are a table's cell in 万元 in a
 *                sentence of 万元 figures, or a figure in 万元 that is 10,000
 *                times one.
 *
 * The narrative is read as gnarr.c reads it: every line outside the tables
 * and not laid out as a table, in canonical form (textgrid.h), joined into
 * paragraphs.  No false alarms is the main requirement: whatever is not
 * clearly wrong is not reported, or only as a warning. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include <stdarg.h>
#include "claims_internal.h"
#include "textgrid.h"
#include "rules_internal.h"

static const yu_rule_info RULES[] = {
    {"W-WHO", "the unit named in headings and table headers (单位名称：, 编制单位：, 部门：, 关于X…情况说明, "
              "X2026年部门预算) is the document's unit, a part of its name or a unit its tables list; the level of "
              "government written (区级/市级/县级部门预算, X级财政) is the one its title gives"},
    {"W-WHEN", "the years are the document's: a budget compares with the year before (比2024年预算 in a 2026 budget "
               "is an error), speaks of 预算 not 决算 (决算数), and counts staff and assets at a date near the budget "
               "year (截至…, warning)"},
    {"W-MAGNITUDE", "a figure in 元 whose digits are a table cell in 万元, in a sentence of 万元 figures, or a figure "
                    "in 万元 that is 10,000 times a table cell: the unit was meant otherwise"},
    {"W-LIST", "a sentence listing what 人员经费 or 公用经费 consists of (主要包括：…) names the 经济分类 rows of the "
               "基本支出 table that carry money: a listed item the table shows empty or belonging to the other "
               "aggregate (warning), a closed list leaving out a row with money (error when the stated whole "
               "matches the table), a stated whole other than the table's classes (warning)"},
    {"W-SUBJECT", "a 科目 named in words (A（类）B（款）C（项）) as the document's tables have it: a 款 written with a "
                  "类's name, a 项 with a 款's, a 款 or 项 under another 类 or 款; a 类 name renamed since (医疗卫生与计划生育"
                  "支出 is 卫生健康支出 from 2019) printed anywhere, once per name with its count"},
    {"W-REASON", "the reason given for a change (主要原因是…) argues the direction stated: an increase explained only "
                 "by what decreased (压减, 减少, 取消 …), or a decrease only by what increased (warning)"},
};

const yu_rule_info *yu_claims_rules(size_t *n)
{
    *n = sizeof RULES / sizeof RULES[0];
    return RULES;
}

static int ends_with(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && !memcmp(s + n - k, w, k);
}

int yu_cl_page(const cc *c, int line)
{
    if (!c->d->line_page || line < 0 || line >= c->d->nlines)
        return 0;
    return c->d->line_page[line];
}

void yu_cl_add(cc *c, const char *rule, yu_severity sev, const char *row, int line, int64_t got, int64_t want,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yu_finding *f = yu_findings_vadd(c->out, rule, sev, "narrative", row, "", got, want, fmt, ap);
    va_end(ap);
    if (!f) {
        c->oom = 1;
        return;
    }
    f->page = yu_cl_page(c, line);
    f->line = line + 1;
}

/* the line of a paragraph's byte */
int yu_cl_para_line(const cpara *p, size_t pos)
{
    int l = p->lno[0];
    for (int i = 0; i < p->nl && p->off[i] <= pos; i++)
        l = p->lno[i];
    return l;
}

/* the sentence around s[a, b) with 【】 around it, Chinese punctuation */
void yu_cl_quote(const char *s, size_t n, size_t a, size_t b, char *out, size_t cap)
{
    size_t from = a, to = b;
    while (from > 0 && a - from < 150 && !(from >= 3 && yu_cl_starts(s + from - 3, "。")))
        from--;
    while (to < n && to - b < 150 && !yu_cl_starts(s + to, "。"))
        to++;
    if (to < n && yu_cl_starts(s + to, "。"))
        to += 3;
    while (from < a && ((unsigned char)s[from] & 0xC0) == 0x80)
        from++;
    while (to > b && to < n && ((unsigned char)s[to] & 0xC0) == 0x80)
        to--;
    size_t k = 0;
    for (size_t i = from; i <= to && k + 8 < cap; i++) {
        if (i == a) {
            memcpy(out + k, "【", 3);
            k += 3;
        }
        if (i == b) {
            memcpy(out + k, "】", 3);
            k += 3;
        }
        if (i == to)
            break;
        const char *r = yu_print_punct(s, i, 0, n);
        if (r) {
            memcpy(out + k, r, 3);
            k += 3;
        } else
            out[k++] = s[i];
    }
    out[k] = 0;
    yu_utf8_clip(out);
}

/* ---- paragraphs (as gnarr.c) ---- */



static int push_para(cc *c, yu_buf *t, int *lno, size_t *off, int nl, size_t *cap)
{
    if (!t->len)
        return 0;
    if (c->np == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        cpara *np = realloc(c->P, *cap * sizeof *np);
        if (!np)
            return -1;
        c->P = np;
    }
    cpara *p = &c->P[c->np];
    p->t = yu_arena_strndup(c->A, t->p, t->len);
    p->n = t->len;
    p->off = yu_arena_alloc(c->A, (size_t)nl * sizeof *p->off);
    p->lno = yu_arena_alloc(c->A, (size_t)nl * sizeof *p->lno);
    if (!p->t || !p->off || !p->lno)
        return -1;
    memcpy(p->off, off, (size_t)nl * sizeof *off);
    memcpy(p->lno, lno, (size_t)nl * sizeof *lno);
    p->nl = nl;
    c->np++;
    t->len = 0;
    return 0;
}

static int build_paras(cc *c)
{
    const yu_gdoc *d = c->d;
    size_t pcap = 0;
    int lcap = 64, nl = 0;
    int *lno = malloc((size_t)lcap * sizeof *lno);
    size_t *off = malloc((size_t)lcap * sizeof *off);
    yu_buf t;
    yu_buf_init(&t, 0);
    int rc = lno && off ? 0 : -1;
    int prev_end = 0;
    for (int i = 0; !rc && i <= d->nlines; i++) {
        const char *raw = i < d->nlines ? d->lines[i] : "";
        char *n = NULL;
        int brk = i == d->nlines || c->intable[i] || yu_line_is_tabular(raw);
        if (!brk) {
            n = yu_canon(c->A, raw);
            if (!n) {
                rc = -1;
                break;
            }
            if (!*n || yu_is_page_number(n))
                continue;
            if (prev_end && yu_line_indent(raw) >= 2 && !yu_cl_starts(n, "其中"))
                brk = 1;
        }
        if (brk && t.len) {
            if (push_para(c, &t, lno, off, nl, &pcap))
                rc = -1;
            nl = 0;
        }
        if (!n)
            continue;
        if (nl == lcap) {
            lcap *= 2;
            int *a = realloc(lno, (size_t)lcap * sizeof *a);
            if (a)
                lno = a;
            size_t *b = realloc(off, (size_t)lcap * sizeof *b);
            if (b)
                off = b;
            if (!a || !b) {
                rc = -1;
                break;
            }
        }
        off[nl] = t.len;
        lno[nl++] = i;
        if (yu_buf_puts(&t, n))
            rc = -1;
        prev_end = t.len && (ends_with(t.p, t.len, "。") || ends_with(t.p, t.len, "！"));
    }
    yu_buf_free(&t);
    free(lno);
    free(off);
    return rc;
}

/* ---- W-WHO ---- */

/* s contains w as a whole (canonical strings) */
static int contains(const char *s, const char *w)
{
    return *w && strstr(s, w) != NULL;
}

/* a name that is a template placeholder or no name at all */
static int no_name(const char *x)
{
    if (strlen(x) < 6)
        return 1;
    return strstr(x, "XX") || strstr(x, "xx") || strstr(x, "×") || strstr(x, "[") || strstr(x, "【") ||
           strstr(x, "单位名称") || strstr(x, "部门名称");
}

/* x is the unit's name, a part of it, the unit with a part (本级), or a
 * unit the tables list (a department's sub-units) */
static int name_fits(const cc *c, const char *unit, const char *x)
{
    if (contains(unit, x) || contains(x, unit))
        return 1;
    for (size_t ti = 0; ti < c->d->ntables; ti++) {
        const yu_gtable *t = &c->d->tables[ti];
        for (size_t r = 0; r < t->nrows; r++) {
            const char *nm = t->rows[r].name;
            if (nm && (contains(nm, x) || contains(x, nm)) && strlen(nm) >= 6)
                return 1;
            for (size_t k = 0; k < t->ncols; k++) {
                const yu_gcell *ce = &t->rows[r].cells[k];
                if (ce->kind == YU_GC_TEXT && ce->text && strlen(x) >= 9 && strstr(ce->text, x))
                    return 1;
            }
        }
    }
    return 0;
}

static void who_report(cc *c, int line, const char *shown, const char *x, const char *unit, const char *where)
{
    char q[400];
    snprintf(q, sizeof q, "%s", shown);
    yu_utf8_clip(q);
    yu_cl_add(c, "W-WHO", YU_SEV_ERROR, x, line, 0, 0,
        "第%d页%s“%s”写的单位是“%s”，与本文件的单位“%s”不一致（名称写法不同或沿用了其他单位的文字）。", yu_cl_page(c, line),
        where, q, x, unit);
}

/* header labels: 单位名称：X  编制单位：X  编制部门：X  部门：X (X up to a gap) */
static void who_headers(cc *c, const char *unit)
{
    static const char *labs[] = {"单位名称", "编制单位", "编制部门", "部门名称", "预算单位", "部门"};
    const yu_gdoc *d = c->d;
    for (int i = 0; i < d->nlines && !c->oom; i++) {
        const char *s = d->lines[i];
        for (size_t k = 0; k < sizeof labs / sizeof labs[0]; k++) {
            const char *h = strstr(s, labs[k]);
            if (!h)
                continue;
            /* at the start of the line or after a gap */
            const char *b = h;
            int ok = 1;
            while (b > s && b[-1] == ' ')
                b--;
            if (b > s && h - b < 2)
                ok = 0;
            const char *p = h + strlen(labs[k]);
            if (yu_cl_starts(p, "："))
                p += 3;
            else if (*p == ':')
                p++;
            else
                ok = 0;
            if (!ok)
                continue;
            while (*p == ' ')
                p++;
            const char *e = p;
            while (*e && !(e[0] == ' ' && e[1] == ' ') && *e != '\t')
                e++;
            char *x = yu_arena_strndup(c->A, p, (size_t)(e - p));
            char *cx = x ? yu_canon(c->A, x) : NULL;
            if (!cx) {
                c->oom = 1;
                return;
            }
            if (!no_name(cx) && !name_fits(c, unit, cx)) {
                char shown[300];
                snprintf(shown, sizeof shown, "%.*s【%s】", (int)(p - h), h, x);
                who_report(c, i, shown, cx, unit, "表头");
            }
            break;
        }
    }
}

/* a year 20YY at s */
static int year_at(const char *s)
{
    if (s[0] == '2' && s[1] == '0' && isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
        !isdigit((unsigned char)s[4]))
        return (s[0] - '0') * 1000 + (s[2] - '0') * 10 + (s[3] - '0');
    return 0;
}

/* leading numbering: 第一部分 一、 1. 8．(一) 表1 */
static const char *skip_numbering(const char *s)
{
    if (yu_cl_starts(s, "第")) {
        const char *q = strstr(s, "部分");
        if (q && q - s <= 12)
            return q + strlen("部分");
    }
    const char *p = s;
    /* 一、 二十、 (一) (十二): Chinese numerals numbering a heading */
    {
        static const char cn[] = "一二三四五六七八九十"; /* ten characters of 3 bytes */
        const char *q = p + (*p == '(' ? 1 : 0);
        size_t k = 0;
        for (int more = 1; more && k < 12;) {
            more = 0;
            for (size_t d = 0; d + 3 <= sizeof cn - 1 && !more; d += 3)
                if (!strncmp(q + k, cn + d, 3)) {
                    k += 3;
                    more = 1;
                }
        }
        if (k && *p == '(' && q[k] == ')')
            return q + k + 1;
        if (k && *p != '(' && yu_cl_starts(q + k, "、"))
            return q + k + 3;
    }
    if (yu_cl_starts(p, "表"))
        p += 3;
    while (isdigit((unsigned char)*p))
        p++;
    if (p > s) {
        if (*p == '.' || *p == ':')
            p++;
        else if (yu_cl_starts(p, "、") || yu_cl_starts(p, "："))
            p += 3;
        return p;
    }
    return s;
}

/* headings that name the unit before the year: 关于X2026年…情况说明,
 * X2026年(度)部门预算, X2024年度部门决算表 */
static void who_headings(cc *c, const char *unit)
{
    const yu_gdoc *d = c->d;
    for (int i = 0; i < d->nlines && !c->oom; i++) {
        if (yu_line_is_tabular(d->lines[i]))
            continue;
        char *n = yu_canon(c->A, d->lines[i]);
        if (!n) {
            c->oom = 1;
            return;
        }
        size_t L = strlen(n);
        if (!L || L > 120 || strstr(n, ",") || strstr(n, "。") || strstr(n, ";"))
            continue;
        const char *s = skip_numbering(n);
        int about = yu_cl_starts(s, "关于");
        if (about)
            s += strlen("关于");
        const char *y = NULL;
        for (const char *p = s; *p; p++)
            if (year_at(p) && (p == s || !isdigit((unsigned char)p[-1])) && yu_cl_starts(p + 4, "年")) {
                y = p;
                break;
            }
        if (!y || y == s)
            continue;
        const char *rest = y + 4 + strlen("年");
        int heading = about ? (ends_with(n, L, "情况说明") || ends_with(n, L, "说明"))
                            : (ends_with(n, L, "部门预算") || ends_with(n, L, "单位预算") ||
                               ends_with(n, L, "部门决算") || ends_with(n, L, "单位决算") ||
                               ends_with(n, L, "情况说明") || ends_with(n, L, "决算表") ||
                               ends_with(n, L, "预算表"));
        if (!heading || strlen(rest) > 60)
            continue;
        char *x = yu_arena_strndup(c->A, s, (size_t)(y - s));
        if (!x) {
            c->oom = 1;
            return;
        }
        /* 上海市2026年市级单位预算: a place over the level's budgets */
        size_t xl = strlen(x);
        int place = xl <= 15 && (ends_with(x, xl, "市") || ends_with(x, xl, "区") || ends_with(x, xl, "县") ||
                                 ends_with(x, xl, "省"));
        if (place || yu_cl_starts(rest, "市级") || yu_cl_starts(rest, "区级") || yu_cl_starts(rest, "县级") || yu_cl_starts(rest, "省级"))
            continue;
        if (no_name(x) || name_fits(c, unit, x))
            continue;
        char shown[400];
        snprintf(shown, sizeof shown, "%.*s【%s】%s", (int)(s - n), n, x, y);
        who_report(c, i, shown, x, unit, "标题");
    }
}

/* the level of government: the title's 市级/区级/县级部门预算 against the
 * other levels written as the document's own (区级部门预算, 区级财政拨款) */
static void who_level(cc *c)
{
    static const char *lv[] = {"省级", "市级", "区级", "县级"};
    static const char *own[] = {"部门预算", "单位预算", "部门决算", "单位决算", "财政拨款", "预算主管部门",
                                "部门收支预算", "部门项目支出", "部门一般公共预算", "部门财政拨款"};
    const yu_gdoc *d = c->d;
    int level = -1, title_line = -1;
    /* the title: a short line on the first two pages */
    for (int i = 0; i < d->nlines && level < 0; i++) {
        if (d->line_page && d->line_page[i] > 2)
            break;
        char *n = yu_canon(c->A, d->lines[i]);
        if (!n) {
            c->oom = 1;
            return;
        }
        if (strlen(n) > 90 || strstr(n, ",") || strstr(n, "。"))
            continue;
        for (size_t k = 0; k < 4 && level < 0; k++) {
            const char *h = strstr(n, lv[k]);
            if (h && (yu_cl_starts(h + 6, "部门预算") || yu_cl_starts(h + 6, "单位预算") || yu_cl_starts(h + 6, "部门决算") ||
                      yu_cl_starts(h + 6, "单位决算")))
                level = (int)k, title_line = i;
        }
    }
    if (level < 0)
        return;
    for (size_t pi = 0; pi < c->np && !c->oom; pi++) {
        const cpara *p = &c->P[pi];
        for (size_t i = 0; i < p->n; i++)
            for (size_t k = 0; k < 4; k++) {
                if ((int)k == level || !yu_cl_starts(p->t + i, lv[k]))
                    continue;
                const char *w = NULL;
                for (size_t o = 0; o < sizeof own / sizeof own[0] && !w; o++)
                    if (yu_cl_starts(p->t + i + 6, own[o]))
                        w = own[o];
                if (!w)
                    continue;
                char q[600];
                size_t e = i + 6 + strlen(w);
                yu_cl_quote(p->t, p->n, i, e, q, sizeof q);
                int line = yu_cl_para_line(p, i);
                yu_cl_add(c, "W-WHO", YU_SEV_ERROR, lv[k], line, 0, 0,
                    "第%d页说明“%s”写的是“%s%s”，而本文件标题（第%d页）是%s%s：政府层级写错或沿用了其他层级的文字。",
                    yu_cl_page(c, line), q, lv[k], w, yu_cl_page(c, title_line), lv[level], "预算/决算");
            }
    }
}

/* ---- W-WHEN ---- */

static void check_when(cc *c)
{
    const yu_gdoc *d = c->d;
    int Y = d->year, budget = d->kind && !strcmp(d->kind, "预算");
    if (Y < 2000)
        return;
    for (size_t pi = 0; pi < c->np && !c->oom; pi++) {
        const cpara *p = &c->P[pi];
        const char *t = p->t;
        for (size_t i = 0; i < p->n && !c->oom; i++) {
            /* 比2024年预算 / 较2024年度 / 与2024年预算持平: the year compared with */
            int cmp = (yu_cl_starts(t + i, "比") || yu_cl_starts(t + i, "较") || yu_cl_starts(t + i, "与")) ? 3 : 0;
            if (cmp && yu_cl_starts(t + i, "与") && !(i + 3 < p->n))
                cmp = 0;
            if (cmp) {
                int yy = year_at(t + i + 3);
                const char *r = t + i + 7;
                if (yy && yu_cl_starts(r, "年")) {
                    r += 3;
                    int du = yu_cl_starts(r, "度");
                    if (du)
                        r += 3;
                    int what = yu_cl_starts(r, "预算") || yu_cl_starts(r, "决算") || yu_cl_starts(r, "年初预算") ||
                               yu_cl_starts(r, "当年预算") || (!budget && du);
                    /* 与…持平 and 比…增加: a change stated after it */
                    if (what && yy != Y - 1 && (yy < Y - 1 || yy > Y)) {
                        char q[600];
                        yu_cl_quote(t, p->n, i, (size_t)(r - t) + (yu_cl_starts(r, "预算") || yu_cl_starts(r, "决算") ? 6 : 0),
                                   q, sizeof q);
                        int line = yu_cl_para_line(p, i);
                        char yrow[16];
                        snprintf(yrow, sizeof yrow, "%d年", yy);
                        yu_cl_add(c, "W-WHEN", YU_SEV_ERROR, yrow, line, yy, Y - 1,
                            "第%d页“%s”与%d年比较，而本文件是%d年%s，上年应为%d年。", yu_cl_page(c, line), q, yy, Y,
                            budget ? "预算" : "决算", Y - 1);
                    }
                }
            }
            /* 截至2024年12月31日: the date staff and assets are counted at */
            if (yu_cl_starts(t + i, "截至") || yu_cl_starts(t + i, "截止")) {
                int yy = year_at(t + i + 6);
                if (yy && yu_cl_starts(t + i + 10, "年")) {
                    int lo = budget ? Y - 1 : Y, hi = budget ? Y : Y + 1;
                    if (yy < lo || yy > hi) {
                        char q[600];
                        yu_cl_quote(t, p->n, i, i + 13, q, sizeof q);
                        int line = yu_cl_para_line(p, i);
                        char yrow[16];
                        snprintf(yrow, sizeof yrow, "截至%d年", yy);
                        yu_cl_add(c, "W-WHEN", YU_SEV_WARNING, yrow, line, yy, lo,
                            "第%d页“%s”的统计时点是%d年，本文件是%d年%s，时点通常为%d年：请核实是否沿用了旧年度的数据。",
                            yu_cl_page(c, line), q, yy, Y, budget ? "预算" : "决算", lo);
                    }
                }
            }
            /* 决算数 in a budget: the budget year's 决算 does not exist yet */
            if (budget && yu_cl_starts(t + i, "决算数")) {
                size_t a = i;
                int yy = 0;
                if (a >= 7 && yu_cl_starts(t + a - 3, "年"))
                    yy = year_at(t + a - 7);
                else if (a >= 10 && yu_cl_starts(t + a - 6, "年度"))
                    yy = year_at(t + a - 10);
                int last = a >= 6 && (yu_cl_starts(t + a - 6, "上年") || yu_cl_starts(t + a - 6, "去年"));
                if (last || (yy && yy < Y))
                    continue;
                if (yy)
                    a -= yu_cl_starts(t + a - 6, "年度") ? 10 : 7;
                else if (a >= 6 && yu_cl_starts(t + a - 6, "本年"))
                    a -= 6;
                char q[600];
                yu_cl_quote(t, p->n, a, i + 9, q, sizeof q);
                int line = yu_cl_para_line(p, i);
                yu_cl_add(c, "W-WHEN", yy == Y ? YU_SEV_ERROR : YU_SEV_WARNING, "决算数", line, yy, Y,
                    "第%d页“%s”：本文件是%d年预算，%d年尚无决算数，应为预算数。", yu_cl_page(c, line), q, Y, Y);
            }
        }
    }
}

/* ---- W-MAGNITUDE ---- */

int yu_cl_next_figure(const char *t, size_t n, size_t *i, nfig *f)
{
    while (*i < n) {
        size_t k = *i;
        if (!isdigit((unsigned char)t[k]) ||
            (k > 0 && (isalnum((unsigned char)t[k - 1]) || t[k - 1] == '.' || t[k - 1] == '-' || t[k - 1] == '/'))) {
            (*i)++;
            continue;
        }
        size_t j = k;
        int64_t m = 0;
        int dec = -1, digits = 0;
        while (j < n) {
            if (isdigit((unsigned char)t[j])) {
                if (digits < 17)
                    m = m * 10 + (t[j] - '0');
                digits++;
                if (dec >= 0)
                    dec++;
                j++;
            } else if (t[j] == ',' && dec < 0 && j + 3 < n && isdigit((unsigned char)t[j + 1]) &&
                       isdigit((unsigned char)t[j + 2]) && isdigit((unsigned char)t[j + 3]) &&
                       (j + 4 >= n || !isdigit((unsigned char)t[j + 4]))) {
                j++;
            } else if (t[j] == '.' && dec < 0 && j + 1 < n && isdigit((unsigned char)t[j + 1])) {
                dec = 0;
                j++;
            } else
                break;
        }
        *i = j;
        if (digits >= 17)
            continue;
        f->m = m;
        f->dec = dec < 0 ? 0 : dec;
        f->pos = k;
        if (yu_cl_starts(t + j, "万元")) {
            f->unit = 10000;
            f->end = j + 6;
        } else if (yu_cl_starts(t + j, "元")) {
            f->unit = 1;
            f->end = j + 3;
        } else
            continue;
        if (yu_cl_starts(t + f->end, "/") || yu_cl_starts(t + f->end, "以上") || yu_cl_starts(t + f->end, "以下"))
            continue;
        return 1;
    }
    return 0;
}

/* a table cell in a unit: hundredths of that unit */
static int cell_in_unit(const yu_gdoc *d, int64_t unit, int64_t v)
{
    for (size_t ti = 0; ti < d->ntables; ti++) {
        const yu_gtable *t = &d->tables[ti];
        if (t->unit != unit)
            continue;
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t k = 0; k < t->ncols; k++)
                if (t->rows[r].cells[k].kind == YU_GC_NUM && t->rows[r].cells[k].v == v)
                    return 1;
    }
    return 0;
}

/* the table and row of a 万元 cell of value v (hundredths) printed with dec decimals */
static const yu_grow *cell_row(const yu_gdoc *d, int64_t v, int dec, const yu_gtable **tab)
{
    for (size_t ti = 0; ti < d->ntables; ti++) {
        const yu_gtable *t = &d->tables[ti];
        if (t->unit != 10000)
            continue;
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t k = 0; k < t->ncols; k++) {
                const yu_gcell *ce = &t->rows[r].cells[k];
                if (ce->kind == YU_GC_NUM && ce->v == v && (dec < 0 || ce->dec == dec)) {
                    *tab = t;
                    return &t->rows[r];
                }
            }
    }
    return NULL;
}

/* per-head and rate words before a 元 figure: 人均, 每人, 标准 … */
static int per_words(const char *t, size_t a, size_t b)
{
    static const char *w[] = {"人均", "每人", "每月", "每年", "每天", "每次", "每", "标准", "单价", "不超过", "以内",
                              "补助", "月", "/"};
    for (size_t i = a; i < b; i++)
        for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
            if (yu_cl_starts(t + i, w[k]))
                return 1;
    return 0;
}

static void check_magnitude(cc *c)
{
    const yu_gdoc *d = c->d;
    for (size_t pi = 0; pi < c->np && !c->oom; pi++) {
        const cpara *p = &c->P[pi];
        nfig F[256];
        int nf = 0, wan = 0;
        size_t i = 0;
        while (nf < 256 && yu_cl_next_figure(p->t, p->n, &i, &F[nf])) {
            wan += F[nf].unit == 10000;
            nf++;
        }
        for (int k = 0; k < nf; k++) {
            const nfig *f = &F[k];
            if (f->dec > 2)
                continue;
            int64_t hund = f->m * yu_cl_pow10(2 - f->dec); /* hundredths of the printed unit */
            const yu_gtable *tab = NULL;
            const yu_grow *row = NULL;
            int64_t want = 0;
            const char *was = NULL, *meant = NULL;
            if (f->unit == 1) {
                /* 3551.21元 where the table has 3551.21 (万元): four figures or more */
                int digits = 0;
                for (int64_t m = f->m; m; m /= 10)
                    digits++;
                if (!wan || digits < (f->dec ? 4 : 5) || cell_in_unit(d, 1, hund))
                    continue;
                size_t a = f->pos >= 30 ? f->pos - 30 : 0;
                if (per_words(p->t, a, f->pos))
                    continue;
                row = cell_row(d, hund, f->dec, &tab);
                want = hund;
                was = "元", meant = "万元";
            } else {
                /* 35512100万元 where the table has 3551.21 (万元): a cell of
                 * 10万元 or more with its decimals, or 100万元 or more */
                int64_t c0 = hund / 10000;
                if (hund % 10000 || c0 < 1000 || (c0 < 10000 && c0 % 100 == 0) || cell_in_unit(d, 10000, hund))
                    continue;
                row = cell_row(d, hund / 10000, -1, &tab);
                want = hund / 10000;
                was = "万元", meant = "元";
            }
            if (!row)
                continue;
            char q[600], cellv[40];
            yu_cl_quote(p->t, p->n, f->pos, f->end, q, sizeof q);
            snprintf(cellv, sizeof cellv, "%lld.%02lld", (long long)(want / 100), (long long)(want % 100));
            int line = yu_cl_para_line(p, f->pos);
            const char *nm = row->name ? row->name : "";
            yu_cl_add(c, "W-MAGNITUDE", YU_SEV_ERROR, nm, line, hund, want,
                "第%d页“%s”以%s为单位，而《%s》（第%d页）“%s”为%s万元：数字相同而单位相差一万倍，应为%s。",
                yu_cl_page(c, line), q, was, tab->title ? tab->title : "", tab->page, nm, cellv, meant);
        }
    }
}

yu_status yu_check_claims(const yu_gdoc *d, const yu_vocab *v, const yu_vocab *words, yu_findings *out)
{
    return yu_check_claims_doc(d, NULL, v, words, out);
}

yu_status yu_check_claims_doc(const yu_gdoc *d, const yu_doc *doc, const yu_vocab *v, const yu_vocab *words,
                              yu_findings *out)
{
    (void)v;
    if (!d || !out || !d->lines || d->nlines <= 0)
        return YU_OK;
    cc c = {d, out, words, NULL, 0, yu_arena_new(), NULL, NULL, 0, 0};
    if (!c.A)
        return YU_ENOMEM;
    c.intable = calloc((size_t)d->nlines + 1, 1);
    if (!c.intable)
        c.oom = 1;
    for (size_t ti = 0; !c.oom && ti < d->ntables; ti++)
        for (int l = d->tables[ti].kind || d->tables[ti].unit > 0 ? d->tables[ti].from : d->tables[ti].to;
             l < d->tables[ti].to && l < d->nlines; l++)
            if (l >= 0)
                c.intable[l] = 1;
    if (!c.oom && build_paras(&c))
        c.oom = 1;
    if (!c.oom && d->unit_name) {
        char *unit = yu_canon(c.A, d->unit_name);
        if (!unit)
            c.oom = 1;
        else if (!no_name(unit)) {
            who_headers(&c, unit);
            who_headings(&c, unit);
        }
    }
    if (!c.oom)
        who_level(&c);
    if (!c.oom)
        check_when(&c);
    if (!c.oom && d->ntables)
        check_magnitude(&c);
    if (!c.oom && words) {
        if (yu_cl_econ_tables(&c, doc))
            c.oom = 1;
        yu_cl_check_lists(&c);
        if (!c.oom)
            yu_cl_check_reasons(&c);
        if (!c.oom)
            yu_cl_check_subjects(&c, doc);
    }
    for (size_t i = 0; i < c.net; i++)
        free(c.et[i].r);
    free(c.et);
    free(c.P);
    free(c.intable);
    yu_arena_free(c.A);
    return c.oom ? YU_ENOMEM : YU_OK;
}
