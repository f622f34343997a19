/* Reading any disclosure without a template (read.h).
 *
 * A table is a title line (short, ending in 表 or naming a kind of table in
 * the vocabulary) followed by a money unit, a header and a body of lines with
 * figures, up to the next title.  Columns are found from the figures: two
 * figures of different columns never overlap horizontally, so the columns
 * are the connected runs of overlapping figures; header words are hung on
 * the columns they stand over; header words over no figure make columns of
 * their own (columns left blank all the way down).  Rows take their code
 * (one column, split 类/款/项, [201] or glued to the name), their name
 * (wrapped lines joined, above and below a row whose figures are vertically
 * centred) and their level (from the code, the numbering 一、（一）1. or the
 * indentation).  Two-sided tables (收入 | 支出) are read as two sides.
 * Everything worded comes from the vocabulary; nothing here knows a city.
 * This file finds the document's tables, their titles, units, headers and
 * bodies; gread_cols.c reads one side of a table into columns and rows
 * (gread_internal.h is what they share). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "yusuan/read.h"
#include "internal.h"
#include "textgrid.h"
#include "gread_internal.h"

/* ---- small text helpers ---- */

static const char *const CN_NUM[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "零", "百"};

static int cn_digit_len(const char *s)
{
    for (size_t i = 0; i < sizeof CN_NUM / sizeof CN_NUM[0]; i++)
        if (yu_gr_starts(s, CN_NUM[i]))
            return 3;
    return 0;
}

/* The numbering a canonical label starts with: 一、 → 1, (一) → 2, 1. 1、
 * → 3, (1) → 4; *len its length in bytes.  0 when none. */
int yu_gr_numbering(const char *n, size_t *len)
{
    const char *p = n;
    if (cn_digit_len(p)) {
        while (cn_digit_len(p))
            p += 3;
        if (yu_gr_starts(p, "、")) {
            *len = (size_t)(p + 3 - n);
            return 1;
        }
        return 0;
    }
    if (*p == '(') {
        p++;
        int cn = 0, d = 0;
        while (cn_digit_len(p)) {
            p += 3;
            cn++;
        }
        while (!cn && isdigit((unsigned char)*p)) {
            p++;
            d++;
        }
        if ((cn || (d && d <= 2)) && *p == ')') {
            *len = (size_t)(p + 1 - n);
            return cn ? 2 : 4;
        }
        return 0;
    }
    int d = 0;
    while (isdigit((unsigned char)*p)) {
        p++;
        d++;
    }
    if (d && d <= 2 && (*p == '.' || yu_gr_starts(p, "、")) && !isdigit((unsigned char)p[1])) {
        *len = (size_t)(p + (*p == '.' ? 1 : 3) - n);
        return 3;
    }
    return 0;
}

/* the line names a final-accounts disclosure: a word of doc/final not
 * inside 预决算 (budgets and final accounts: 预决算公开 names neither) */
static int final_named(const yu_vocab *v, const char *n)
{
    size_t pos, len;
    for (const char *p = n; *p;) {
        const char *c = yu_vocab_find(v, "doc", p, &pos, &len);
        if (!c)
            return 0;
        if (!strcmp(c, "final") && !(p + pos - n >= 3 && yu_gr_starts(p + pos - 3, "预")))
            return 1;
        p += pos + (len ? len : 1);
    }
    return 0;
}

/* figures of narrative money a disclosure without tables must state */
#define NARR_FIGURES_MIN 3

/* the figures in 元, 万元 or 亿元 a line of 情况说明 states when it speaks of
 * budget money: a narrative concept ("三公"经费 …) or a money column's
 * (基本支出, 事业收入, 财政拨款 …; not 项目, 合计, 编码) */
static int narr_money_figures(const yu_vocab *v, const char *n)
{
    const char *c = yu_vocab_match(v, "col", n);
    if (!yu_vocab_match(v, "narr", n) &&
        (!c || !strcmp(c, "name") || !strcmp(c, "code") || !strcmp(c, "total")))
        return 0;
    int k = 0;
    for (const char *p = n; *p; p++)
        k += isdigit((unsigned char)*p) &&
             (yu_gr_starts(p + 1, "万元") || yu_gr_starts(p + 1, "元") || yu_gr_starts(p + 1, "亿元"));
    return k;
}

/* a money unit printed with a table ("单位：万元", "金额单位:元") */
static int is_unit_tok(const char *norm) { return strstr(norm, "单位") && strstr(norm, "元") && yu_gr_cjk_len(norm) <= 14; }

/* a percentage: 12.5%, -3% */
static int parse_pct(const char *norm, int64_t *bp, int *dec)
{
    size_t n = strlen(norm);
    if (n < 2 || norm[n - 1] != '%' || n > 24)
        return 0;
    char tmp[32];
    memcpy(tmp, norm, n - 1);
    tmp[n - 1] = 0;
    int64_t v;
    if (!yu_parse_figure(tmp, &v, dec) || strchr(tmp, ','))
        return 0;
    *bp = v; /* hundredths of a percent = basis points */
    return 1;
}

static int is_dash(const char *n)
{
    return !strcmp(n, "-") || !strcmp(n, "—") || !strcmp(n, "－") || !strcmp(n, "/") || !strcmp(n, "——") ||
           !strcmp(n, "--") || !strcmp(n, "─") || !strcmp(n, "——");
}

/* ---- tokens of one line ---- */

static int gl_push(rd *r, gl *g, const tok *t, const char *s, const char *norm, int a, int b)
{
    if (g->nt == g->cap) {
        int nc = g->cap ? g->cap * 2 : 8;
        gt *nt = yu_arena_alloc(r->A, (size_t)nc * sizeof *nt);
        if (!nt)
            return -1;
        if (g->nt)
            memcpy(nt, g->t, (size_t)g->nt * sizeof *nt);
        g->t = nt;
        g->cap = nc;
    }
    gt *x = &g->t[g->nt++];
    memset(x, 0, sizeof *x);
    x->s = s;
    x->norm = norm;
    x->a = a;
    x->b = b;
    x->col = -1;
    if (t && t->isnum && !t->digits) {
        x->kind = T_FIG;
        x->v = t->v;
        x->dec = t->dec;
    } else if (parse_pct(norm, &x->v, &x->dec))
        x->kind = T_PCT;
    else if (is_dash(norm))
        x->kind = T_DASH;
    else if (t && t->isnum && t->digits) {
        x->kind = T_FIG; /* a figure without separators (23195 / 0); maybe a code, decided by place */
        x->v = t->v;
        x->dec = 0;
    } else
        x->kind = T_TEXT;
    return 0;
}

/* the tokens of line li with a in [x0, x1) */
/* ---- a table's next page laid out afresh ----
 *
 * pdftotext places every page's text on its own grid: a table's columns
 * may sit further right, or spread wider, on its next page (a 收支总表 whose
 * 收入 figure moves from column 25 to 37 and into the 支出 side).  When the
 * next page prints the header again, its words pair with the first page's:
 * columns of that page map piecewise linearly onto the first page's. */
typedef struct pmap {
    int page;
    int n;
    int settled;          /* pmap_settle ran: the page's body begins */
    int from[32], to[32]; /* twice the centres of paired header words, from ascending */
} pmap;

typedef struct pmaps {
    pmap *m;
    int n, cap;
} pmaps;

static const pmap *pmap_of(const pmaps *P, int page)
{
    for (int i = 0; P && i < P->n; i++)
        if (P->m[i].page == page)
            return &P->m[i];
    return NULL;
}

static int pmap_x(const pmap *m, int x)
{
    if (!m || !m->n)
        return x;
    int x2 = 2 * x, i = 0;
    while (i + 1 < m->n && m->from[i + 1] <= x2)
        i++;
    if (m->n == 1 || x2 <= m->from[0] || x2 >= m->from[m->n - 1])
        return (x2 + m->to[i] - m->from[i]) / 2; /* outside the header: its nearest word's shift */
    int64_t y = m->to[i] + (int64_t)(x2 - m->from[i]) * (m->to[i + 1] - m->to[i]) / (m->from[i + 1] - m->from[i]);
    return (int)(y / 2);
}

/* the header line H (a later page's) printed again from F (the first
 * page's): the same words in the same order; their centres paired in m */
static void pmap_pair(pmap *m, const ln *H, const ln *F)
{
    if (H->nt != F->nt || H->nt < 2)
        return;
    for (int k = 0; k < H->nt; k++)
        if (strcmp(H->t[k].norm, F->t[k].norm))
            return;
    for (int k = 0; k < H->nt && m->n < 32; k++) {
        int f = H->t[k].a + H->t[k].b, t = F->t[k].a + F->t[k].b, i = m->n;
        while (i > 0 && m->from[i - 1] > f) {
            m->from[i] = m->from[i - 1];
            m->to[i] = m->to[i - 1];
            i--;
        }
        m->from[i] = f;
        m->to[i] = t;
        m->n++;
    }
}

/* keeps a page's map only when it is one (pairs in the same order on both
 * pages, no word paired twice) and moves some column by more than two */
static void pmap_settle(pmap *m)
{
    int moved = 0, w = 0;
    if (m->settled)
        return;
    m->settled = 1;
    for (int i = 0; i < m->n; i++) {
        if (w && m->from[w - 1] == m->from[i]) {
            if (m->to[w - 1] != m->to[i]) {
                m->n = 0;
                return;
            }
            continue;
        }
        if (w && m->to[w - 1] >= m->to[i]) {
            m->n = 0;
            return;
        }
        m->from[w] = m->from[i];
        m->to[w] = m->to[i];
        if (m->from[w] - m->to[w] > 4 || m->to[w] - m->from[w] > 4)
            moved = 1;
        w++;
    }
    m->n = moved ? w : 0;
}

/* the first label after a figure on a line of a two-sided table: where
 * its 支出 side begins (a label, or a code and its label: 30101 基本工资
 * 301.79 30201 办公费); -1 when none */
static int second_label(const ln *L)
{
    for (int k = 1; k < L->nt; k++) {
        int after_fig = (L->t[k - 1].isnum && strpbrk(L->t[k - 1].norm, ".,")) || (is_dash(L->t[k - 1].norm) && k > 1);
        if (!after_fig)
            continue;
        if ((!L->t[k].isnum && !is_dash(L->t[k].norm) && yu_gr_wide_chars(L->t[k].norm) >= 2) ||
            (L->t[k].digits && yu_gr_code_like(L->t[k].norm) && k + 1 < L->nt && !L->t[k + 1].isnum &&
             yu_gr_cjk_len(L->t[k + 1].norm) >= 2))
            return k;
    }
    return -1;
}

/* the tokens of line li on the side [x0, x1) (all of them: -1, 1 << 30),
 * at the columns of the table's first page (P); on a line with a label
 * after a figure the 支出 side begins at that label whatever its column */
static int line_tokens(rd *r, int li, int x0, int x1, gl *g, const pmaps *P)
{
    memset(g, 0, sizeof *g);
    g->li = li;
    const ln *L = &r->X.l[li];
    const pmap *m = pmap_of(P, L->page);
    int two = x0 >= 0 || x1 < (1 << 30), ks = two && !L->tabbed ? second_label(L) : -1;
    for (int k = 0; k < L->nt; k++) {
        const tok *t = &L->t[k];
        int a = t->a, b = t->b;
        if (m && t->isnum) {
            b = pmap_x(m, t->b); /* figures stand flush right */
            a = b - (t->b - t->a);
        } else if (m) {
            a = pmap_x(m, t->a);
            b = a + (t->b - t->a);
        }
        if (ks >= 0 ? (x0 < 0) != (k < ks) : (a < x0 || a >= x1))
            continue;
        if (gl_push(r, g, t, t->s, t->norm, a, b))
            return -1;
    }
    return 0;
}

/* ---- titles ---- */

/* "表1", "表一", "公开01表", "附表3", "表1-1" */
static int is_table_number(const char *n)
{
    const char *p = n;
    if (!yu_gr_starts(p, "公开") && !yu_gr_starts(p, "附表") && !yu_gr_starts(p, "表"))
        return 0;
    if (yu_gr_starts(p, "公开"))
        p += 6;
    else if (yu_gr_starts(p, "附表"))
        p += 6;
    else if (yu_gr_starts(p, "表"))
        p += 3;
    int d = 0;
    while (isdigit((unsigned char)*p) || *p == '-' || cn_digit_len(p)) {
        p += cn_digit_len(p) ? 3 : 1;
        d++;
    }
    if (!d)
        return 0;
    if (yu_gr_starts(p, "表"))
        p += 3;
    return *p == 0;
}

/* strips "表1：", "一、", "2026年度", "2026年" from a title */
static const char *title_core(const char *n, const char **number, yu_arena *A)
{
    const char *p = n;
    *number = NULL;
    if (yu_gr_starts(p, "表") || yu_gr_starts(p, "附表")) {
        const char *q = p + (yu_gr_starts(p, "附表") ? 6 : 3);
        const char *s = q;
        while (isdigit((unsigned char)*q) || *q == '-' || cn_digit_len(q))
            q += cn_digit_len(q) ? 3 : 1;
        if (q > s && (*q == ':' || *q == '.' || yu_gr_starts(q, "、") || (unsigned char)*q >= 0x80)) {
            *number = yu_arena_strndup(A, p, (size_t)(q - p));
            p = q + (*q == ':' || *q == '.' ? 1 : yu_gr_starts(q, "、") ? 3 : 0);
        }
    }
    size_t nl;
    if (yu_gr_numbering(p, &nl))
        p += nl;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
        isdigit((unsigned char)p[3]) && yu_gr_starts(p + 4, "年")) {
        p += 7;
        if (yu_gr_starts(p, "度"))
            p += 3;
    }
    return p;
}

/* a line that may be a table's title: a short line of text that ends in a
 * title word, or names a kind of table, without sentence punctuation */
static int title_line(rd *r, int i)
{
    const ln *L = &r->X.l[i];
    if (L->nt < 1 || L->nt > 3 || L->tabbed)
        return 0;
    const char *n = L->norm;
    int cl = yu_gr_cjk_len(n);
    if (cl < 4 || cl > 60)
        return 0;
    if (strstr(n, "。") || strstr(n, "；") || strstr(n, ",") || strstr(n, "......") || strstr(n, "…") ||
        strstr(n, "·"))
        return 0;
    for (int k = 0; k < L->nt; k++)
        if (L->t[k].isnum && !L->t[k].digits)
            return 0;
    const char *num;
    const char *core = title_core(n, &num, r->A);
    if (yu_gr_ends(core, "(续)") || yu_gr_ends(core, "(续表)"))
        return 0;
    /* a heading that only names a table in a 目录 ends in a page number */
    size_t cl2 = strlen(core);
    if (cl2 && isdigit((unsigned char)core[cl2 - 1]))
        return 0;
    if (yu_gr_ends(core, "表") && yu_gr_cjk_len(core) >= 4)
        return 1;
    /* 一般公共预算支出情况表（按功能分类科目） */
    const char *paren = strrchr(core, '(');
    if (paren && yu_gr_ends(core, ")") && paren - core >= 12 && !strncmp(paren - 3, "表", 3))
        return 1;
    /* 表N：… 情况 / a kind of table without 表 at its end */
    return num && yu_vocab_match(r->v, "table", core) != NULL;
}

/* ---- the document: unit name, year, kind ---- */

/* past a leading "2026年" or "2026年度" */
static const char *skip_year(const char *p)
{
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
        isdigit((unsigned char)p[3]) && yu_gr_starts(p + 4, "年")) {
        p += 7;
        if (yu_gr_starts(p, "度"))
            p += 3;
    }
    return p;
}

static void doc_meta(rd *r)
{
    yu_gdoc *d = r->d;
    for (int i = 0; i < r->X.nl; i++) {
        const char *n = r->X.l[i].norm;
        if (!d->year && i < 400) {
            int cited = 0; /* inside ( ) or 《 》: a cited rule's year (操作规程(2022年修订)) */
            for (const char *p = n; *p; p++) {
                cited += *p == '(' || yu_gr_starts(p, "《");
                cited -= cited > 0 && (*p == ')' || yu_gr_starts(p, "》"));
                if (!cited && p[0] == '2' && p[1] == '0' && isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
                    yu_gr_starts(p + 4, "年") && (p == n || !isdigit((unsigned char)p[-1]))) {
                    d->year = (p[2] - '0') * 10 + (p[3] - '0') + 2000;
                    break;
                }
            }
        }
        if (!d->unit_name) {
            static const char *const lab[] = {"单位名称:", "部门名称:", "编制单位:", "预算单位:", "部门:", "单位:"};
            for (size_t k = 0; k < sizeof lab / sizeof lab[0] && !d->unit_name; k++) {
                const char *p = strstr(n, lab[k]);
                if (!p)
                    continue;
                p += strlen(lab[k]);
                const char *e = strstr(p, "单位:");
                if (e == p)
                    continue;
                size_t len = e ? (size_t)(e - p) : strlen(p);
                if (e && len >= 3 && yu_gr_starts(e - 3, "金"))
                    len -= 3;
                if (len >= 6 && !strstr(p, "元"))
                    d->unit_name = yu_arena_strndup(r->A, p, len);
                else if (len >= 6 && e)
                    d->unit_name = yu_arena_strndup(r->A, p, len);
            }
        }
    }
    /* the title: "XX2026年部门预算", "2026年XX部门预算" in the first lines */
    if (!d->unit_name)
        for (int i = 0; i < r->X.nl && i < 12 && !d->unit_name; i++) {
            const char *n = r->X.l[i].norm;
            size_t nl;
            if (yu_gr_numbering(n, &nl))
                n += nl;
            if (yu_gr_starts(n, "第") && strstr(n, "部分"))
                continue;
            n = skip_year(n);
            static const char *const kinds[] = {"部门预算", "单位预算", "部门决算", "单位决算"};
            for (size_t k = 0; k < 4; k++) {
                const char *p = strstr(n, kinds[k]);
                if (p == n && !strcmp(p, kinds[k])) {
                    /* the kind on a line of its own: the name is the lines
                     * above it, up to the year */
                    yu_buf nb;
                    yu_buf_init(&nb, 256);
                    int j0 = i;
                    while (j0 > 0 && i - j0 < 4) {
                        const char *q = r->X.l[j0 - 1].norm;
                        if (r->X.l[j0 - 1].nt && (!*q || *skip_year(q) == 0 || strstr(q, "目录")))
                            break;
                        j0--;
                    }
                    for (int j = j0; j < i; j++)
                        yu_buf_puts(&nb, r->X.l[j].norm);
                    if (nb.len >= 6)
                        d->unit_name = yu_arena_strndup(r->A, nb.p, nb.len);
                    yu_buf_free(&nb);
                    break;
                }
                if (!p || p == n)
                    continue;
                const char *e = p;
                /* a year printed before 部门预算 */
                if (e - n >= 7 && yu_gr_starts(e - 3, "年") && isdigit((unsigned char)e[-4]))
                    e -= 7;
                else if (e - n >= 10 && yu_gr_starts(e - 3, "度") && yu_gr_starts(e - 6, "年") && isdigit((unsigned char)e[-7]))
                    e -= 10;
                if (e - n >= 6)
                    d->unit_name = yu_arena_strndup(r->A, n, (size_t)(e - n));
                break;
            }
        }
    int fin = 0, bud = 0, first = 0; /* first: the kind the first line naming one names */
    for (int i = 0; i < r->X.nl; i++) {
        const char *n = r->X.l[i].norm;
        int f = final_named(r->v, n), b = yu_vocab_has(r->v, "doc", "budget", n);
        if (!first && f != b)
            first = f ? 1 : -1;
        fin += f;
        bud += b;
    }
    /* a tie (部门决算 in the title, 部门预算管理 in the text) goes to the title */
    d->kind = fin > bud || (fin == bud && first > 0) ? "决算" : "预算";
    size_t money = 0;
    for (size_t k = 0; k < r->ntabs; k++)
        money += !r->tabs[k].empty && !r->tabs[k].perf;
    /* a 情况说明 published without its tables (a web page, the tables in an
     * attachment) is a disclosure too: it says so and states its money */
    int stated = 0;
    for (int i = 0; i < r->X.nl && stated < NARR_FIGURES_MIN; i++)
        stated += narr_money_figures(r->v, r->X.l[i].norm);
    d->is_budget = (fin + bud) > 0 && (money > 0 || stated >= NARR_FIGURES_MIN);
}

/* ---- reading one table ---- */

/* is this header line the numbers of the columns (1 2 3 … / 栏次 / **) */
static int column_number_line(const ln *L)
{
    int nums = 0, expect = 1, marks = 0;
    for (int k = 0; k < L->nt; k++) {
        const char *n = L->t[k].norm;
        if (!strcmp(n, "**") || !strcmp(n, "栏次") || !strcmp(n, "甲") || !strcmp(n, "乙") || !strcmp(n, "丙") ||
            !strcmp(n, "*")) {
            marks++;
            continue;
        }
        if (!yu_only_digits(n) || strlen(n) > 3 || (int)strtol(n, NULL, 10) != expect)
            return 0;
        expect++;
        nums++;
    }
    /* a table of one money column numbers it "** 1" */
    return nums >= 2 || (nums == 1 && marks > 0);
}

static int is_note_line(const char *n)
{
    return yu_gr_starts(n, "注:") || yu_gr_starts(n, "注1") || yu_gr_starts(n, "备注:") || yu_gr_starts(n, "说明:") || !strcmp(n, "注") ||
           yu_gr_starts(n, "注:");
}

static int line_has_figure(const ln *L);

/* a line of prose or a part heading: the table is over */
static int ends_table(rd *r, const ln *L, int left)
{
    const char *n = L->norm;
    if (yu_gr_starts(n, "第") && strstr(n, "部分") && yu_gr_cjk_len(n) < 30)
        return 1;
    if (L->nt == 1 && yu_gr_wide_chars(n) >= 26 && !L->t[0].isnum)
        return 1;
    /* a sentence (。) or a heading of the narrative (…情况说明, 名词解释)
     * starting where the table's rows start (not a text cell wrapped in a
     * column further right) */
    if (L->nt <= 2 && L->t[0].a <= left + 4 && (strstr(n, "。") || yu_vocab_match(r->v, "section", n)) &&
        !line_has_figure(L))
        return 1;
    return 0;
}

/* a figure on the line (not a leading code, not a column number) */
static int line_has_figure(const ln *L)
{
    for (int k = 0; k < L->nt; k++) {
        const tok *t = &L->t[k];
        int64_t bp;
        int dec;
        if (t->isnum && !t->digits)
            return 1;
        if (t->isnum && t->digits && k > 0 && !L->t[k - 1].digits)
            return 1;
        if (k > 0 && (parse_pct(t->norm, &bp, &dec) || is_dash(t->norm)))
            return 1;
    }
    return 0;
}

static int line_is_row(rd *r, const ln *L)
{
    if (!L->nt)
        return 0;
    const char *n = L->t[0].norm;
    char code[12] = "";
    if (yu_gr_code_like(n) && L->nt > 1 && !L->t[1].isnum)
        return 1;
    if (yu_gr_split_code(n, code) != n && yu_gr_cjk_len(n) > 3)
        return 1;
    /* a 合计 line left blank (an empty table's only row) */
    return L->nt == 1 && yu_vocab_has(r->v, "row", "total", n) && yu_gr_cjk_len(n) <= 4;
}

static int line_has_unit(const ln *L)
{
    for (int k = 0; k < L->nt; k++)
        if (is_unit_tok(L->t[k].norm))
            return 1;
    return 0;
}

/* line j holds the last digits of a figure wrapped in its cell (21,118.5
 * two lines above, with one decimal fewer than its neighbours) */
static int wrapped_tail(rd *r, int j)
{
    const ln *L = &r->X.l[j];
    if (strlen(L->t[0].norm) > 2)
        return 0;
    for (int i = j - 2; i < j; i++) {
        if (i < 0)
            continue;
        const ln *P = &r->X.l[i];
        for (int k = 0; k < P->nt; k++)
            if (P->t[k].isnum && P->t[k].dec == 1 &&
                yu_gr_overlap(P->t[k].a, P->t[k].b + 4, L->t[0].a, L->t[0].b) > 0)
                return 1;
    }
    return 0;
}

static int header_has(const char **hw, int nhw, const char *n)
{
    for (int k = 0; k < nhw; k++)
        if (!strcmp(hw[k], n))
            return 1;
    return 0;
}

/* reads the table whose title is on line ti, up to line to */
static int read_table(rd *r, int ti, int to)
{
    const ln *TL = &r->X.l[ti];
    yu_gtable T;
    memset(&T, 0, sizeof T);
    T.line = TL->no;
    T.page = TL->page;
    /* title, and its number on the line before (表1, 公开01表) */
    const char *num;
    yu_buf tb;
    yu_buf_init(&tb, 0);
    for (int k = 0; k < TL->nt; k++)
        if (!is_unit_tok(TL->t[k].norm))
            yu_buf_puts(&tb, TL->t[k].norm);
    const char *whole = tb.len ? yu_arena_strndup(r->A, tb.p, tb.len) : "";
    yu_buf_free(&tb);
    if (!whole)
        return -1;
    T.title = title_core(whole, &num, r->A);
    T.number = num;
    for (int j = ti - 1; j >= 0 && j >= ti - 3 && !T.number; j--)
        if (r->X.l[j].nt) {
            if (is_table_number(r->X.l[j].norm))
                T.number = r->X.l[j].norm;
            break;
        }
    T.kind = yu_vocab_match(r->v, "table", T.title);
    T.scope = yu_vocab_match(r->v, "scope", T.title);
    T.perf = T.kind && !strcmp(T.kind, "perf");
    /* the unit: on the title line or the lines after it */
    int ul = -1;
    for (int j = ti; j < to && j <= ti + 5 && ul < 0; j++)
        for (int k = 0; k < r->X.l[j].nt; k++)
            if (is_unit_tok(r->X.l[j].t[k].norm)) {
                const char *u = yu_vocab_match(r->v, "unit", r->X.l[j].t[k].norm);
                if (u) {
                    T.unit = strtoll(u, NULL, 10);
                    const char *p = strstr(r->X.l[j].t[k].norm, ":");
                    T.unit_text = p ? p + 1 : r->X.l[j].t[k].norm;
                    ul = j;
                    break;
                }
            }
    if (ul < 0) {
        T.unit = r->last_unit;
        T.unit_text = r->last_unit_text;
    } else {
        r->last_unit = T.unit;
        r->last_unit_text = T.unit_text;
    }
    /* header lines, then body lines */
    int h0 = ul >= 0 ? ul + 1 : ti + 1, b0 = -1, end = to, left = 1 << 30;
    const char *hw[256];
    int nhw = 0;
    for (int j = h0; j < to; j++) {
        const ln *L = &r->X.l[j];
        if (!L->nt)
            continue;
        if (b0 >= 0 && !strcmp(L->norm, TL->norm))
            continue; /* its title printed again over its next page */
        if (ends_table(r, L, b0 >= 0 ? left : -100) || (b0 >= 0 && title_line(r, j))) {
            end = j;
            break;
        }
        if (is_note_line(L->norm)) {
            T.note = L->norm;
            end = j;
            break;
        }
        if (column_number_line(L))
            continue;
        if (b0 >= 0 && (is_table_number(L->norm) || line_has_unit(L)))
            continue; /* the next page's 单位：万元, 表1 */
        int fig = line_has_figure(L);
        if (b0 >= 0 && L->t[0].a < left)
            left = L->t[0].a;
        if (b0 < 0) {
            if (fig || line_is_row(r, L)) {
                b0 = j;
                left = L->t[0].a;
            }
            else {
                for (int k = 0; k < L->nt && nhw < 256; k++)
                    hw[nhw++] = L->t[k].norm;
                continue;
            }
            continue;
        }
        (void)fig;
    }
    if (b0 < 0) {
        /* no body: an empty table (a unit and a header, or a note) */
        if (ul < 0 || (!T.note && !nhw))
            return 0;
        T.empty = 1;
    }
    /* body lines (repeated headers on later pages skipped); two-sided? */
    int nbody = 0;
    int *bl = malloc((size_t)(end - h0 + 1) * sizeof *bl);
    int *hl = malloc((size_t)(end - h0 + 1) * sizeof *hl);
    int *xr = malloc((size_t)(end - h0 + 1) * sizeof *xr);
    if (!bl || !hl || !xr) {
        free(bl);
        free(hl);
        free(xr);
        return -1;
    }
    int nhl = 0, nxr = 0, xl = 1 << 30;
    for (int j = h0; j < (b0 < 0 ? end : b0); j++)
        if (r->X.l[j].nt && !column_number_line(&r->X.l[j]))
            hl[nhl++] = j;
    pmaps PM = {0};
    int first_page = b0 >= 0 ? r->X.l[b0].page : 0;
    for (int j = b0 < 0 ? end : b0; j < end; j++) {
        const ln *L = &r->X.l[j];
        if (!L->nt || column_number_line(L) || is_table_number(L->norm) || line_has_unit(L))
            continue;
        if (L->nt == 1 && L->t[0].digits && strlen(L->t[0].norm) <= 4 && !wrapped_tail(r, j))
            continue; /* a page number alone on its line */
        int all_hdr = !line_has_figure(L) && !line_is_row(r, L);
        for (int k = 0; k < L->nt && all_hdr; k++)
            all_hdr = header_has(hw, nhw, L->t[k].norm);
        if (all_hdr && L->nt >= 2) {
            /* the header again on a later page: pairs for that page's map */
            if (L->page != first_page) {
                pmap *m = PM.n && PM.m[PM.n - 1].page == L->page ? &PM.m[PM.n - 1] : NULL;
                if (!m) {
                    if (PM.n == PM.cap) {
                        int nc = PM.cap ? 2 * PM.cap : 4;
                        pmap *nm = realloc(PM.m, (size_t)nc * sizeof *nm);
                        if (!nm) {
                            free(PM.m);
                            free(bl);
                            free(hl);
                            free(xr);
                            return -1;
                        }
                        PM.m = nm;
                        PM.cap = nc;
                    }
                    m = &PM.m[PM.n++];
                    memset(m, 0, sizeof *m);
                    m->page = L->page;
                }
                for (int q = 0; q < nhl && !m->settled; q++) {
                    int before = m->n;
                    pmap_pair(m, L, &r->X.l[hl[q]]);
                    if (m->n > before)
                        break;
                }
            }
            continue;
        }
        if (PM.n && PM.m[PM.n - 1].page == L->page)
            pmap_settle(&PM.m[PM.n - 1]);
        const pmap *m = pmap_of(&PM, L->page);
        bl[nbody++] = j;
        int x0l = pmap_x(m, L->t[0].a);
        if (x0l < xl)
            xl = x0l;
        int k2 = second_label(L);
        if (k2 >= 0)
            xr[nxr++] = pmap_x(m, L->t[k2].a);
    }
    /* a header line "收 入 … 支 出", or two "项目" columns: two sides */
    int hdr2 = 0, items = 0;
    for (int q = 0; q < nhl; q++) {
        const char *n = r->X.l[hl[q]].norm, *a = strstr(n, "收入"), *b = strstr(n, "支出");
        if (a && b && b > a && yu_gr_cjk_len(n) <= 12)
            hdr2 = 3;
        const char *p = strstr(n, "项目");
        if (p && strstr(p + 1, "项目"))
            items = 2;
    }
    int thr = 1 << 30;
    if (!T.perf && nxr >= 2 && (hdr2 == 3 || items >= 2 || nxr * 3 >= nbody)) {
        /* the 支出 side starts where the second labels of the lines start */
        for (int a = 0; a < nxr; a++)
            for (int b = a + 1; b < nxr; b++)
                if (xr[b] < xr[a]) {
                    int t = xr[a];
                    xr[a] = xr[b];
                    xr[b] = t;
                }
        int med = xr[nxr / 4];
        thr = med - 4 > xl + 6 ? med - 4 : xl + 6;
        T.twosided = 1;
    } else
        PM.n = 0; /* one side: its reader aligns the pages' figures (align_pages) and keeps each page's indents */
    free(xr);
    rowsrc rs;
    memset(&rs, 0, sizeof rs);
    size_t rowcap = 0;
    int st = 0;
    int nsides = T.twosided ? 2 : 1;
    for (int sd = 0; sd < nsides && !st; sd++) {
        int x0 = sd == 0 ? -1 : thr, x1 = sd == 0 ? thr : 1 << 30;
        gl *B = yu_arena_alloc(r->A, (size_t)(nbody + 1) * sizeof *B);
        gl *H = yu_arena_alloc(r->A, (size_t)(nhl + 1) * sizeof *H);
        if (!B || !H) {
            st = -1;
            break;
        }
        for (int i = 0; i < nbody && !st; i++)
            st = line_tokens(r, bl[i], x0, x1, &B[i], &PM);
        for (int i = 0; i < nhl && !st; i++)
            st = line_tokens(r, hl[i], x0, x1, &H[i], NULL);
        if (!st && nbody)
            st = yu_gr_read_side(r, &T, B, nbody, H, nhl, sd, &rowcap, &rs);
        if (!st && T.twosided)
            yu_gr_set_levels(r, &T, sd);
    }
    if (!st && !T.twosided)
        yu_gr_set_levels(r, &T, 0);
    free(bl);
    free(hl);
    free(PM.m);
    /* cells */
    for (size_t i = 0; i < T.nrows && !st; i++) {
        yu_grow *w = &T.rows[i];
        w->cells = yu_arena_alloc(r->A, (T.ncols ? T.ncols : 1) * sizeof *w->cells);
        if (!w->cells) {
            st = -1;
            break;
        }
        prow *p = rs.p[i];
        for (int q = 0; q < p->nvals; q++) {
            gt *t = p->vals[q];
            if (t->col < 0) {
                if (t->kind != T_TEXT)
                    T.stray++;
                continue;
            }
            yu_gcell *c = &w->cells[t->col];
            if (c->kind != YU_GC_BLANK) {
                if (c->kind == YU_GC_TEXT && t->kind == T_TEXT) {
                    c->text = yu_arena_printf(r->A, "%s%s", c->text, t->s);
                    continue;
                }
                if (t->kind == T_TEXT)
                    continue; /* words beside a figure's column (a 绩效目标 wrapped): not a figure lost */
                if (c->kind == YU_GC_TEXT) {
                    /* a figure where words were put: the figure wins */
                    c->kind = YU_GC_BLANK;
                } else {
                    T.stray++;
                    continue;
                }
            }
            c->text = t->s;
            c->dec = (uint8_t)t->dec;
            c->kind = t->kind == T_FIG ? YU_GC_NUM : t->kind == T_PCT ? YU_GC_PCT : t->kind == T_DASH ? YU_GC_DASH : YU_GC_TEXT;
            c->v = t->kind == T_FIG || t->kind == T_PCT ? t->v : 0;
        }
        if (w->page > T.last_page)
            T.last_page = w->page;
    }
    free(rs.p);
    if (st)
        return -1;
    /* a total printed again at the top of the table's next page (决算
     * tables repeat their 合计 under the header) is the same row */
    for (size_t i = 1; i < T.nrows;) {
        const yu_grow *w = &T.rows[i];
        int dup = 0;
        for (size_t j = 0; j < i && !dup && w->concept && w->page > T.rows[0].page; j++) {
            const yu_grow *u = &T.rows[j];
            if (!u->concept || strcmp(u->name, w->name) || u->side != w->side || u->page == w->page)
                continue;
            dup = 1;
            for (size_t c = 0; c < T.ncols && dup; c++)
                dup = u->cells[c].kind == w->cells[c].kind && u->cells[c].v == w->cells[c].v;
        }
        if (dup) {
            memmove(&T.rows[i], &T.rows[i + 1], (T.nrows - i - 1) * sizeof *T.rows);
            T.nrows--;
        } else
            i++;
    }
    /* a 栏次 line (the columns' numbers under the header) is not a row */
    for (size_t i = 0; i < T.nrows;) {
        if (!strcmp(T.rows[i].name, "栏次") || !strcmp(T.rows[i].name, "行次") || !strcmp(T.rows[i].name, "**") ||
            !strcmp(T.rows[i].name, "*")) {
            memmove(&T.rows[i], &T.rows[i + 1], (T.nrows - i - 1) * sizeof *T.rows);
            T.nrows--;
        } else
            i++;
    }
    /* a column of whole numbers counting the rows (行次 of a 决算 table)
     * is not money, whatever its header says */
    for (size_t c = 0; c < T.ncols; c++) {
        int n = 0, seq = 0;
        int64_t prev = -1;
        for (size_t i = 0; i < T.nrows; i++) {
            const yu_gcell *x = &T.rows[i].cells[c];
            if (x->kind != YU_GC_NUM)
                continue;
            if (x->dec || (x->text && strchr(x->text, ',')) || x->v % 100) {
                n = -1;
                break;
            }
            n++;
            seq += prev >= 0 && x->v == prev + 100;
            prev = x->v;
        }
        if (n >= 3 && seq * 10 >= (n - 1) * 8)
            T.cols[c].concept = "lineno";
    }
    /* trailing lines without figures after the last figure row are not rows
     * (a heading of the narrative that follows) unless they total */
    while (T.nrows && !T.twosided) {
        yu_grow *w = &T.rows[T.nrows - 1];
        int any = 0;
        for (size_t c = 0; c < T.ncols; c++)
            any |= w->cells[c].kind != YU_GC_BLANK;
        if (any || w->concept || w->code[0])
            break;
        T.nrows--;
    }
    if (!T.ncols && !T.empty && !T.perf) {
        /* a header and a blank 合计 under a unit line: a table printed empty */
        if (ul < 0 || !nhw)
            return 0;
        T.empty = 1;
    }
    if (ul < 0 && !T.perf) {
        /* no unit printed: a table only if it has money figures (a 目录 has page numbers) */
        int money = 0;
        for (size_t i = 0; i < T.nrows; i++)
            for (size_t c = 0; c < T.ncols; c++)
                money += T.rows[i].cells[c].kind == YU_GC_NUM && T.rows[i].cells[c].text &&
                         strpbrk(T.rows[i].cells[c].text, ".,");
        /* and a header that names columns (a paragraph with figures has none) */
        int named = 0;
        for (size_t c = 0; c < T.ncols; c++)
            named += T.cols[c].concept != NULL;
        if (money < 3 || named < 2)
            return 0;
    }
    if (!T.nrows && !T.empty)
        T.empty = 1;
    T.complete = T.stray == 0;
    if (!T.last_page)
        T.last_page = T.page;
    T.from = ti;
    T.to = end;
    if (r->ntabs == r->captabs) {
        size_t nc = r->captabs ? r->captabs * 2 : 16;
        yu_gtable *nt = yu_arena_alloc(r->A, nc * sizeof *nt);
        if (!nt)
            return -1;
        if (r->ntabs)
            memcpy(nt, r->tabs, r->ntabs * sizeof *nt);
        r->tabs = nt;
        r->captabs = nc;
    }
    r->tabs[r->ntabs++] = T;
    return 0;
}

/* A title that does not end in 表 (部门收支总体情况, 一般公共预算“三公”经费
 *支出) is known by the money unit printed under it: a short line of words
 * with 单位：万元 within the next lines and no title near it. */
static int unit_title(rd *r, int i)
{
    const ln *L = &r->X.l[i];
    if (L->nt < 1 || L->nt > 2 || L->tabbed || line_has_unit(L) || line_has_figure(L))
        return 0;
    const char *n = L->norm;
    int cl = yu_gr_cjk_len(n);
    if (cl < 4 || cl > 40 || strstr(n, "。") || strstr(n, "；") || strstr(n, ",") || strstr(n, ":") ||
        strstr(n, "…") || strstr(n, "......") || is_table_number(n) || yu_vocab_match(r->v, "section", n))
        return 0;
    size_t nl;
    if (yu_gr_numbering(n, &nl) || (yu_gr_starts(n, "第") && strstr(n, "部分")))
        return 0;
    int unit = 0;
    for (int j = i + 1, seen = 0; j < r->X.nl && seen < 2 && !unit; j++) {
        if (!r->X.l[j].nt)
            continue;
        seen++;
        unit = line_has_unit(&r->X.l[j]);
    }
    if (!unit)
        return 0;
    for (int j = i - 3; j <= i + 3; j++)
        if (j >= 0 && j < r->X.nl && j != i && r->X.l[j].nt && title_line(r, j))
            return 0;
    /* the words must name a table: a kind of table or money the vocabulary knows */
    return yu_vocab_match(r->v, "table", n) != NULL || yu_vocab_match(r->v, "scope", n) != NULL;
}

/* A title too long for its line, wrapped onto the next (…项目绩 / 效目标表,
 * …补助资金 / ）项目绩效目标表): one line, when together they make a
 * title and apart the first does not. */
static void join_wrapped_titles(rd *r)
{
    for (int i = 0; i + 1 < r->X.nl; i++) {
        ln *A = &r->X.l[i], *B = &r->X.l[i + 1];
        if (A->nt != 1 || B->nt != 1 || A->page != B->page || A->t[0].isnum || B->t[0].isnum)
            continue;
        int b_cont = yu_gr_starts(B->norm, ")") || yu_gr_cjk_len(B->norm) <= 6;
        if (!b_cont || yu_gr_cjk_len(A->norm) < 6 || strstr(A->norm, "。") || title_line(r, i))
            continue;
        if (title_line(r, i + 1) && !yu_gr_starts(B->norm, ")") &&
            (yu_gr_cjk_len(B->norm) > 5 || yu_vocab_match(r->v, "table", B->norm)))
            continue;
        char *j = yu_arena_printf(r->A, "%s%s", A->norm, B->norm);
        if (!j)
            return;
        const char *saved = A->norm;
        A->norm = j;
        if (!title_line(r, i)) {
            A->norm = (char *)saved;
            continue;
        }
        A->t[0].norm = j;
        A->t[0].s = yu_arena_printf(r->A, "%s%s", A->t[0].s, B->t[0].s);
        B->nt = 0;
        B->norm = "";
        i++;
    }
}

/* A column headed with a year ("2025年预算数", "2025年执行数") is last year's
 * when the year is before the document's and this year's when it is the
 * document's; its words say what kind of figure (预算数, 执行数) it is. */
static void year_columns(yu_gdoc *d, const yu_vocab *v)
{
    if (!d->year)
        return;
    for (size_t t = 0; t < d->ntables; t++)
        for (size_t c = 0; c < d->tables[t].ncols; c++) {
            yu_gcol *C = &d->tables[t].cols[c];
            const char *l = C->label;
            for (const char *p = l; p && *p; p++)
                if (p[0] == '2' && p[1] == '0' && isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
                    yu_gr_starts(p + 4, "年") && (p == l || !isdigit((unsigned char)p[-1]))) {
                    int y = 2000 + (p[2] - '0') * 10 + (p[3] - '0');
                    const char *k = C->concept;
                    int figure = !k || !strcmp(k, "thisyear") || !strcmp(k, "final") || !strcmp(k, "total");
                    if (figure && y < d->year)
                        C->concept = "lastyear";
                    else if (figure && y == d->year && (!k || strcmp(k, "total")))
                        C->concept = "thisyear";
                    break;
                }
        }
    (void)v;
}

/* A line printed at the top or bottom of many pages (苏州市数据局2026年度部门
 * 预算公开, a running title) is not content: blanked like page numbers. */
static void blank_running_lines(yu_lines *X)
{
    int pages = X->nl ? X->l[X->nl - 1].page : 0;
    if (pages < 1)
        return;
    /* the first and last non-empty line of each page */
    int *edge = malloc((size_t)(2 * pages + 2) * sizeof *edge), ne = 0;
    if (!edge)
        return;
    for (int p = 1; p <= pages; p++) {
        int first = -1, last = -1;
        for (int i = 0; i < X->nl; i++)
            if (X->l[i].page == p && X->l[i].nt) {
                if (first < 0)
                    first = i;
                last = i;
            }
        if (first >= 0)
            edge[ne++] = first;
        if (last > first)
            edge[ne++] = last;
    }
    /* a page number alone at the foot or head of its page (20, -20-) */
    for (int a = 0; a < ne; a++) {
        ln *L = &X->l[edge[a]];
        if (L->nt == 1 && ((L->t[0].digits && strlen(L->t[0].norm) <= 4) || yu_is_page_number(L->norm))) {
            L->nt = 0;
            L->norm = "";
        }
    }
    for (int a = 0; a < ne; a++) {
        const char *n = X->l[edge[a]].norm;
        if (!*n || yu_gr_cjk_len(n) < 4)
            continue;
        int same = 0;
        for (int b = 0; b < ne; b++)
            same += !strcmp(X->l[edge[b]].norm, n);
        if (pages >= 4 && same >= 3 && same * 4 >= pages)
            for (int b = 0; b < ne; b++)
                if (b != a && !strcmp(X->l[edge[b]].norm, n)) {
                    X->l[edge[b]].nt = 0;
                    X->l[edge[b]].norm = "";
                }
        if (pages >= 4 && same >= 3 && same * 4 >= pages) {
            X->l[edge[a]].nt = 0;
            X->l[edge[a]].norm = "";
        }
    }
    free(edge);
}

/* A line of cells separated by tabs (text copied out of a spreadsheet or a
 * word processor) holds each cell at its index: here each cell is given
 * the width of a column of a laid-out page — the k-th cell from 12k to
 * 12k + 10 — so that its figures stand flush right in a lane under their
 * header, its labels on the left, as the reader expects of any table; empty
 * cells are dropped (their column stays, held by the lines that fill it). */
static void widen_tabbed(yu_lines *X)
{
    for (int i = 0; i < X->nl; i++) {
        ln *L = &X->l[i];
        if (!L->tabbed)
            continue;
        int w = 0;
        for (int k = 0; k < L->nt; k++) {
            tok t = L->t[k];
            if (!*t.norm)
                continue;
            t.a = t.ad = t.ac = 12 * t.a;
            t.b = t.bd = t.bc = t.a + 10;
            L->t[w++] = t;
        }
        L->nt = w;
    }
}

yu_status yu_read_any(const char *text, size_t len, const char *name, const yu_vocab *v, yu_gdoc **out, yu_error *err)
{
    *out = NULL;
    if (!yu_utf8_valid(text, len))
        return yu_error_set(err, YU_EFORMAT, name, 0, 0, "不是UTF-8文本：无法读取");
    rd r;
    memset(&r, 0, sizeof r);
    r.v = v;
    r.A = yu_arena_new();
    if (!r.A)
        return yu_error_set(err, YU_ENOMEM, name, 0, 0, "out of memory");
    r.X.A = r.A;
    yu_gdoc *d = yu_arena_alloc(r.A, sizeof *d);
    yu_status st = d ? yu_lines_read(&r.X, text, len) : YU_ENOMEM;
    if (st) {
        free(r.X.l);
        yu_arena_free(r.A);
        return yu_error_set(err, YU_ENOMEM, name, 0, 0, "out of memory");
    }
    widen_tabbed(&r.X);
    int approx = yu_lines_choose_columns(&r.X);
    r.charcols = approx;
    blank_running_lines(&r.X);
    r.d = d;
    d->arena = r.A;
    d->approximate = approx;
    d->flat = yu_lines_flat(&r.X);
    d->name = yu_arena_strdup(r.A, name);
    r.last_unit = 0;
    /* titles, each table up to the next title */
    int *ti = malloc((size_t)(r.X.nl + 1) * sizeof *ti);
    int nt = 0;
    if (!ti)
        st = YU_ENOMEM;
    join_wrapped_titles(&r);
    for (int i = 0; i < r.X.nl && !st; i++) {
        if (!title_line(&r, i) && !unit_title(&r, i))
            continue;
        /* "公开05表" over the title: the title is the line below */
        if (is_table_number(r.X.l[i].norm)) {
            int j = i + 1;
            while (j < r.X.nl && !r.X.l[j].nt)
                j++;
            if (j < r.X.nl && title_line(&r, j))
                continue;
        }
        /* a title printed again on the next page: the table goes on (a
         * performance form of the same name is another form) */
        if (nt && !strcmp(r.X.l[ti[nt - 1]].norm, r.X.l[i].norm) && r.X.l[i].page > r.X.l[ti[nt - 1]].page) {
            const char *num;
            const char *k = yu_vocab_match(r.v, "table", title_core(r.X.l[i].norm, &num, r.A));
            if (!k || strcmp(k, "perf"))
                continue;
        }
        ti[nt++] = i;
    }
    for (int k = 0; k < nt && !st; k++)
        if (read_table(&r, ti[k], k + 1 < nt ? ti[k + 1] : r.X.nl))
            st = YU_ENOMEM;
    free(ti);
    d->tables = r.tabs;
    d->ntables = r.ntabs;
    /* the text as read, for the narrative */
    d->nlines = r.X.nl;
    d->lines = yu_arena_alloc(r.A, ((size_t)r.X.nl + 1) * sizeof *d->lines);
    d->line_page = yu_arena_alloc(r.A, ((size_t)r.X.nl + 1) * sizeof *d->line_page);
    if (!d->lines || !d->line_page)
        st = YU_ENOMEM;
    for (int i = 0; i < r.X.nl && !st; i++) {
        yu_buf b;
        yu_buf_init(&b, 0);
        const ln *L = &r.X.l[i];
        for (int k = 0; k < L->nt; k++) {
            if (k)
                yu_buf_puts(&b, "  ");
            yu_buf_puts(&b, L->t[k].s);
        }
        d->lines[i] = yu_arena_strndup(r.A, b.p ? b.p : "", b.len);
        yu_buf_free(&b);
        d->line_page[i] = L->page;
        if (!d->lines[i])
            st = YU_ENOMEM;
    }
    if (!st)
        doc_meta(&r);
    if (!st)
        year_columns(d, v);
    if (!st && yu_gr_read_forms(d, v))
        st = YU_ENOMEM;
    free(r.X.l);
    if (st) {
        yu_arena_free(r.A);
        return yu_error_set(err, st, name, 0, 0, "out of memory");
    }
    *out = d;
    return YU_OK;
}

void yu_gdoc_free(yu_gdoc *d)
{
    if (d)
        yu_arena_free(d->arena);
}

yu_status yu_gdoc_mark_ocr(yu_gdoc *d, const unsigned char *flags, int npages)
{
    if (!flags || npages <= 0)
        return YU_OK;
    d->ocr = yu_arena_alloc(d->arena, (size_t)npages);
    if (!d->ocr)
        return YU_ENOMEM;
    d->npages = npages;
    d->ocr_pages = 0;
    for (int p = 0; p < npages; p++) {
        d->ocr[p] = flags[p] == 1;
        d->ocr_pages += d->ocr[p];
    }
    for (size_t t = 0; t < d->ntables; t++)
        for (size_t i = 0; i < d->tables[t].nrows; i++) {
            yu_grow *w = &d->tables[t].rows[i];
            if (w->page >= 1 && w->page <= npages && d->ocr[w->page - 1])
                for (size_t c = 0; c < d->tables[t].ncols; c++)
                    w->cells[c].ocr = 1;
        }
    return YU_OK;
}
