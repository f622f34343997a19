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
 * Everything worded comes from the vocabulary; nothing here knows a city. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "yusuan/read.h"
#include "internal.h"
#include "textgrid.h"
#include "gread_internal.h"

enum { T_TEXT = 0, T_FIG, T_DASH, T_PCT, T_CODE };

typedef struct gt {
    const char *s, *norm; /* as printed, canonical */
    int a, b;             /* text columns [a, b) */
    int kind;             /* T_* */
    int64_t v;            /* FIG: hundredths; PCT: basis points */
    int dec;              /* decimals printed */
    int col;              /* column placed in, -1 */
} gt;

typedef struct gl {
    int li;       /* line index in the reader's lines */
    gt *t;
    int nt;
    int cap;
} gl;

typedef struct rd {
    yu_lines X;
    const yu_vocab *v;
    yu_arena *A;
    yu_gdoc *d;
    yu_gtable *tabs;
    size_t ntabs, captabs;
    int64_t last_unit;        /* unit of the table before, for tables printing none */
    const char *last_unit_text;
} rd;

/* ---- small text helpers ---- */

static int starts(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

static int ends(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

static int cjk_len(const char *s)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

/* characters outside ASCII (Chinese) */
static int wide_chars(const char *s)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) == 0xC0;
    return n;
}

static const char *const CN_NUM[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "零", "百"};

static int cn_digit_len(const char *s)
{
    for (size_t i = 0; i < sizeof CN_NUM / sizeof CN_NUM[0]; i++)
        if (starts(s, CN_NUM[i]))
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
        if (starts(p, "、")) {
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
    if (d && d <= 2 && (*p == '.' || starts(p, "、")) && !isdigit((unsigned char)p[1])) {
        *len = (size_t)(p + (*p == '.' ? 1 : 3) - n);
        return 3;
    }
    return 0;
}

/* a money unit printed with a table ("单位：万元", "金额单位:元") */
static int is_unit_tok(const char *norm) { return strstr(norm, "单位") && strstr(norm, "元") && cjk_len(norm) <= 14; }

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

/* a classification code: 3, 5 or 7 digits (功能), 3 or 5 (经济), 6-digit
 * unit codes: digits only, not starting with 0 unless a unit code */
static int code_like(const char *n)
{
    size_t l = strlen(n);
    return l >= 3 && l <= 9 && yu_only_digits(n);
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
static int line_tokens(rd *r, int li, int x0, int x1, gl *g)
{
    memset(g, 0, sizeof *g);
    g->li = li;
    const ln *L = &r->X.l[li];
    for (int k = 0; k < L->nt; k++) {
        const tok *t = &L->t[k];
        if (t->a < x0 || t->a >= x1)
            continue;
        if (gl_push(r, g, t, t->s, t->norm, t->a, t->b))
            return -1;
    }
    return 0;
}

/* ---- titles ---- */

/* "表1", "表一", "公开01表", "附表3", "表1-1" */
static int is_table_number(const char *n)
{
    const char *p = n;
    if (!starts(p, "公开") && !starts(p, "附表") && !starts(p, "表"))
        return 0;
    if (starts(p, "公开"))
        p += 6;
    else if (starts(p, "附表"))
        p += 6;
    else if (starts(p, "表"))
        p += 3;
    int d = 0;
    while (isdigit((unsigned char)*p) || *p == '-' || cn_digit_len(p)) {
        p += cn_digit_len(p) ? 3 : 1;
        d++;
    }
    if (!d)
        return 0;
    if (starts(p, "表"))
        p += 3;
    return *p == 0;
}

/* strips "表1：", "一、", "2026年度", "2026年" from a title */
static const char *title_core(const char *n, const char **number, yu_arena *A)
{
    const char *p = n;
    *number = NULL;
    if (starts(p, "表") || starts(p, "附表")) {
        const char *q = p + (starts(p, "附表") ? 6 : 3);
        const char *s = q;
        while (isdigit((unsigned char)*q) || *q == '-' || cn_digit_len(q))
            q += cn_digit_len(q) ? 3 : 1;
        if (q > s && (*q == ':' || *q == '.' || starts(q, "、") || (unsigned char)*q >= 0x80)) {
            *number = yu_arena_strndup(A, p, (size_t)(q - p));
            p = q + (*q == ':' || *q == '.' ? 1 : starts(q, "、") ? 3 : 0);
        }
    }
    size_t nl;
    if (yu_gr_numbering(p, &nl))
        p += nl;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
        isdigit((unsigned char)p[3]) && starts(p + 4, "年")) {
        p += 7;
        if (starts(p, "度"))
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
    int cl = cjk_len(n);
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
    if (ends(core, "(续)") || ends(core, "(续表)"))
        return 0;
    /* a heading that only names a table in a 目录 ends in a page number */
    size_t cl2 = strlen(core);
    if (cl2 && isdigit((unsigned char)core[cl2 - 1]))
        return 0;
    if (ends(core, "表") && cjk_len(core) >= 4)
        return 1;
    /* 一般公共预算支出情况表（按功能分类科目） */
    const char *paren = strrchr(core, '(');
    if (paren && ends(core, ")") && paren - core >= 12 && !strncmp(paren - 3, "表", 3))
        return 1;
    /* 表N：… 情况 / a kind of table without 表 at its end */
    return num && yu_vocab_match(r->v, "table", core) != NULL;
}

/* ---- the document: unit name, year, kind ---- */

/* past a leading "2026年" or "2026年度" */
static const char *skip_year(const char *p)
{
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
        isdigit((unsigned char)p[3]) && starts(p + 4, "年")) {
        p += 7;
        if (starts(p, "度"))
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
            for (const char *p = n; *p; p++)
                if (p[0] == '2' && p[1] == '0' && isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
                    starts(p + 4, "年") && (p == n || !isdigit((unsigned char)p[-1]))) {
                    d->year = (p[2] - '0') * 10 + (p[3] - '0') + 2000;
                    break;
                }
        }
        if (!d->unit_name) {
            static const char *const lab[] = {"单位名称:", "部门名称:", "编制单位:", "预算单位:", "部门:", "单位:"};
            for (size_t k = 0; k < sizeof lab / sizeof lab[0] && !d->unit_name; k++) {
                const char *p = strstr(n, lab[k]);
                if (!p)
                    continue;
                p += strlen(lab[k]);
                const char *e = strstr(p, "单位");
                if (e == p)
                    continue;
                size_t len = e ? (size_t)(e - p) : strlen(p);
                if (e && len >= 3 && starts(e - 3, "金"))
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
            if (starts(n, "第") && strstr(n, "部分"))
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
                if (e - n >= 7 && starts(e - 3, "年") && isdigit((unsigned char)e[-4]))
                    e -= 7;
                else if (e - n >= 10 && starts(e - 3, "度") && starts(e - 6, "年") && isdigit((unsigned char)e[-7]))
                    e -= 10;
                if (e - n >= 6)
                    d->unit_name = yu_arena_strndup(r->A, n, (size_t)(e - n));
                break;
            }
        }
    int fin = 0, bud = 0;
    for (int i = 0; i < r->X.nl; i++) {
        const char *n = r->X.l[i].norm;
        fin += yu_vocab_match(r->v, "doc", n) && yu_vocab_has(r->v, "doc", "final", n);
        bud += yu_vocab_has(r->v, "doc", "budget", n);
    }
    d->kind = fin > bud ? "决算" : "预算";
    size_t money = 0;
    for (size_t k = 0; k < r->ntabs; k++)
        money += !r->tabs[k].empty && !r->tabs[k].perf;
    d->is_budget = (fin + bud) > 0 && money > 0;
}

/* ---- reading one table ---- */

typedef struct colx {
    int a, b;        /* extent of its figures (or header words) */
    int nfig;        /* figures in it */
    const char *lab[8]; /* header words top to bottom */
    int nlab;
    const char *grp;    /* a header word over several columns */
} colx;

typedef struct side {
    int x0, x1;      /* token range of the side */
    colx *c;
    int nc;
} side;

static int tok_overlap(int a1, int b1, int a2, int b2)
{
    int lo = a1 > a2 ? a1 : a2, hi = b1 < b2 ? b1 : b2;
    return hi - lo;
}

/* is this header line the numbers of the columns (1 2 3 … / 栏次 / **) */
static int column_number_line(const ln *L)
{
    int nums = 0, expect = 1;
    for (int k = 0; k < L->nt; k++) {
        const char *n = L->t[k].norm;
        if (!strcmp(n, "**") || !strcmp(n, "栏次") || !strcmp(n, "甲") || !strcmp(n, "乙") || !strcmp(n, "丙") ||
            !strcmp(n, "*"))
            continue;
        if (!yu_only_digits(n) || strlen(n) > 3 || (int)strtol(n, NULL, 10) != expect)
            return 0;
        expect++;
        nums++;
    }
    return nums >= 2;
}

static int is_note_line(const char *n)
{
    return starts(n, "注:") || starts(n, "注1") || starts(n, "备注:") || starts(n, "说明:") || !strcmp(n, "注") ||
           starts(n, "注:");
}

static int line_has_figure(const ln *L);

/* a line of prose or a part heading: the table is over */
static int ends_table(rd *r, const ln *L, int left)
{
    const char *n = L->norm;
    if (starts(n, "第") && strstr(n, "部分") && cjk_len(n) < 30)
        return 1;
    if (L->nt == 1 && wide_chars(n) >= 26 && !L->t[0].isnum)
        return 1;
    /* a sentence (。) or a heading of the narrative (…情况说明, 名词解释)
     * starting where the table's rows start (not a text cell wrapped in a
     * column further right) */
    if (L->nt <= 2 && L->t[0].a <= left + 4 && (strstr(n, "。") || yu_vocab_match(r->v, "section", n)) &&
        !line_has_figure(L))
        return 1;
    return 0;
}

static int colx_cmp(const void *a, const void *b)
{
    const colx *x = a, *y = b;
    return x->a - y->a;
}

/* figure columns of one side: connected runs of horizontally overlapping
 * figures; then header words over no figure as blank columns */
static int find_columns(rd *r, side *S, gl *body, int nb, gl *hdr, int nh, int name_end)
{
    int cap = 16;
    S->c = yu_arena_alloc(r->A, (size_t)cap * sizeof *S->c);
    if (!S->c)
        return -1;
    S->nc = 0;
    for (int i = 0; i < nb; i++)
        for (int k = 0; k < body[i].nt; k++) {
            gt *t = &body[i].t[k];
            if (t->kind != T_FIG && t->kind != T_PCT)
                continue;
            int hit = -1;
            for (int c = 0; c < S->nc; c++)
                if (tok_overlap(t->a, t->b, S->c[c].a, S->c[c].b) > 0) {
                    if (hit < 0) {
                        hit = c;
                        if (t->a < S->c[c].a)
                            S->c[c].a = t->a;
                        if (t->b > S->c[c].b)
                            S->c[c].b = t->b;
                        S->c[c].nfig++;
                    } else {
                        /* the figure joins two runs: one column */
                        if (S->c[c].a < S->c[hit].a)
                            S->c[hit].a = S->c[c].a;
                        if (S->c[c].b > S->c[hit].b)
                            S->c[hit].b = S->c[c].b;
                        S->c[hit].nfig += S->c[c].nfig;
                        S->c[c] = S->c[--S->nc];
                        c--;
                    }
                }
            if (hit < 0) {
                if (S->nc == cap) {
                    colx *nc = yu_arena_alloc(r->A, (size_t)cap * 2 * sizeof *nc);
                    if (!nc)
                        return -1;
                    memcpy(nc, S->c, (size_t)cap * sizeof *nc);
                    S->c = nc;
                    cap *= 2;
                }
                colx *c = &S->c[S->nc++];
                memset(c, 0, sizeof *c);
                c->a = t->a;
                c->b = t->b;
                c->nfig = 1;
            }
        }
    /* merging can leave runs that now overlap: settle */
    for (int again = 1; again;) {
        again = 0;
        for (int x = 0; x < S->nc && !again; x++)
            for (int y = x + 1; y < S->nc && !again; y++)
                if (tok_overlap(S->c[x].a, S->c[x].b, S->c[y].a, S->c[y].b) > 0) {
                    if (S->c[y].a < S->c[x].a)
                        S->c[x].a = S->c[y].a;
                    if (S->c[y].b > S->c[x].b)
                        S->c[x].b = S->c[y].b;
                    S->c[x].nfig += S->c[y].nfig;
                    S->c[y] = S->c[--S->nc];
                    again = 1;
                }
    }
    /* header words: a word over two figure columns with words of its own
     * below is a group; the others stack by overlap (a label wrapped over
     * lines is one stack); a stack over a figure column names it, a stack
     * over none is a column left blank all the way down */
    int first_fig = 1 << 30;
    for (int c = 0; c < S->nc; c++)
        if (S->c[c].a < first_fig)
            first_fig = S->c[c].a;
    int nfigc = S->nc;
    int ntok = 0;
    for (int h = 0; h < nh; h++)
        ntok += hdr[h].nt;
    int *par = malloc((size_t)(ntok + 1) * sizeof *par), *line_of = malloc((size_t)(ntok + 1) * sizeof *line_of);
    gt **tk = malloc((size_t)(ntok + 1) * sizeof *tk);
    char *grp = calloc((size_t)ntok + 1, 1);
    if (!par || !line_of || !tk || !grp) {
        free(par);
        free(line_of);
        free(tk);
        free(grp);
        return -1;
    }
    int m = 0;
    char *inname = calloc((size_t)ntok + 1, 1);
    if (!inname) {
        free(par), free(line_of), free(tk), free(grp);
        return -1;
    }
    for (int h = 0; h < nh; h++)
        for (int k = 0; k < hdr[h].nt; k++) {
            gt *t = &hdr[h].t[k];
            inname[m] = first_fig < (1 << 30) ? t->b <= first_fig - 1 && t->b <= name_end + 1 : t->b <= name_end + 1;
            tk[m] = t;
            line_of[m] = h;
            par[m] = m;
            m++;
        }
    for (int x = 0; x < m; x++) {
        int over = 0;
        for (int c = 0; c < nfigc; c++)
            over += tok_overlap(tk[x]->a, tk[x]->b, S->c[c].a, S->c[c].b) > 0;
        /* a group has two words side by side under it, on one line */
        int below = 0;
        for (int h = line_of[x] + 1; h < nh && below < 2; h++) {
            int on = 0;
            for (int y = 0; y < m; y++)
                on += line_of[y] == h && tok_overlap(tk[x]->a, tk[x]->b, tk[y]->a, tk[y]->b) > 0;
            if (on > below)
                below = on;
        }
        grp[x] = !inname[x] && (below >= 2 || (over >= 2 && below >= 1));
        if (inname[x])
            grp[x] = 2; /* a word over the names: neither group nor column */
    }
    for (int x = 0; x < m; x++)
        for (int y = x + 1; y < m; y++)
            if (!grp[x] && !grp[y] && line_of[x] != line_of[y] && tok_overlap(tk[x]->a, tk[x]->b, tk[y]->a, tk[y]->b) > 0) {
                int rx = x, ry = y;
                while (par[rx] != rx)
                    rx = par[rx];
                while (par[ry] != ry)
                    ry = par[ry];
                if (rx != ry)
                    par[ry] = rx;
            }
    for (int x = 0; x < m; x++) {
        if (grp[x] || par[x] != x)
            continue;
        /* the stack rooted at x: its extent, and the figure column it is over */
        int a = 1 << 30, b = -1, bottom = -1;
        for (int y = 0; y < m; y++) {
            int ry = y;
            while (par[ry] != ry)
                ry = par[ry];
            if (ry == x && !grp[y]) {
                if (tk[y]->a < a)
                    a = tk[y]->a;
                if (tk[y]->b > b)
                    b = tk[y]->b;
                if (line_of[y] > bottom)
                    bottom = line_of[y];
            }
        }
        int best = -1, bo = 0;
        for (int c = 0; c < S->nc; c++) {
            int o = tok_overlap(a, b, S->c[c].a, S->c[c].b);
            if (o > bo) {
                bo = o;
                best = c;
            }
        }
        if (best < 0) {
            /* a header centred over figures set to the right of their cell:
             * the nearest figure column that has no words yet */
            int bd = 1 << 30;
            for (int c = 0; c < nfigc; c++) {
                int dd = S->c[c].a >= b ? S->c[c].a - b : a >= S->c[c].b ? a - S->c[c].b : 0;
                int labelled = S->c[c].nlab > 0;
                for (int y = 0; y < m && !labelled; y++)
                    labelled = !grp[y] && tok_overlap(tk[y]->a, tk[y]->b, S->c[c].a, S->c[c].b) > 0;
                if (!labelled && dd < bd && dd <= 2 * (b - a) + 4) {
                    bd = dd;
                    best = c;
                }
            }
        }
        /* words over no figure make a blank column only if they reach the
         * header's last lines (a title over a side or a group does not) */
        if (best < 0 && bottom < (nh >= 4 ? nh - 2 : nh - 1))
            continue;
        if (best < 0) {
            if (S->nc == cap) {
                colx *nc = yu_arena_alloc(r->A, (size_t)cap * 2 * sizeof *nc);
                if (!nc) {
                    free(par), free(line_of), free(tk), free(grp), free(inname);
                    return -1;
                }
                memcpy(nc, S->c, (size_t)cap * sizeof *nc);
                S->c = nc;
                cap *= 2;
            }
            best = S->nc++;
            memset(&S->c[best], 0, sizeof S->c[best]);
            S->c[best].a = a;
            S->c[best].b = b;
        }
        for (int y = 0; y < m; y++) {
            int ry = y;
            while (par[ry] != ry)
                ry = par[ry];
            if (ry == x && !grp[y] && S->c[best].nlab < 8)
                S->c[best].lab[S->c[best].nlab++] = tk[y]->norm;
        }
    }
    /* a group names the columns whose words stand under it, and those between */
    for (int x = 0; x < m; x++) {
        if (!grp[x])
            continue;
        int lo = 1 << 30, hi = -1;
        for (int c = 0; c < S->nc; c++) {
            int under = tok_overlap(tk[x]->a, tk[x]->b, S->c[c].a, S->c[c].b) > 0;
            for (int y = 0; y < m && !under; y++)
                if (!grp[y] && line_of[y] > line_of[x] && tok_overlap(tk[x]->a, tk[x]->b, tk[y]->a, tk[y]->b) > 0)
                    for (int k = 0; k < S->c[c].nlab && !under; k++)
                        under = S->c[c].lab[k] == tk[y]->norm;
            if (under) {
                if (S->c[c].a < lo)
                    lo = S->c[c].a;
                if (S->c[c].b > hi)
                    hi = S->c[c].b;
            }
        }
        for (int c = 0; c < S->nc; c++)
            if (!S->c[c].grp && S->c[c].a >= lo && S->c[c].b <= hi)
                S->c[c].grp = tk[x]->norm;
    }
    free(par);
    free(line_of);
    free(tk);
    free(grp);
    free(inname);
    /* header words left of every figure (类 款 项 over split codes) stand
     * over the names, not over a column of money */
    for (int c = 0; c < S->nc;) {
        if (!S->c[c].nfig && first_fig < (1 << 30) && S->c[c].b <= first_fig) {
            S->c[c] = S->c[--S->nc];
            continue;
        }
        c++;
    }
    qsort(S->c, (size_t)S->nc, sizeof *S->c, colx_cmp);
    return 0;
}

/* places a figure token in the column it overlaps most, or the nearest */
static int place_col(const side *S, const gt *t)
{
    int best = -1, bo = 0;
    for (int c = 0; c < S->nc; c++) {
        int o = tok_overlap(t->a, t->b, S->c[c].a, S->c[c].b);
        if (o > bo) {
            bo = o;
            best = c;
        }
    }
    if (best >= 0)
        return best;
    int tc = (t->a + t->b) / 2, bd = 1 << 30;
    for (int c = 0; c < S->nc; c++) {
        int cc = (S->c[c].a + S->c[c].b) / 2, dd = abs(cc - tc);
        if (dd < bd) {
            bd = dd;
            best = c;
        }
    }
    return bd <= 6 ? best : -1;
}

/* joins a figure wrapped inside its cell (21,118.5 above the row, 1 below) */
static void join_wrapped_figures(rd *r, gl *body, int nb, int typdec)
{
    for (int i = 0; i + 1 < nb; i++) {
        gl *P = &body[i];
        for (int k = 0; k < P->nt; k++) {
            gt *t = &P->t[k];
            if (t->kind != T_FIG || t->dec >= typdec || !strpbrk(t->norm, ".,"))
                continue;
            /* the tail: digits only, within two lines below, ending near t */
            for (int j = i + 1; j <= i + 2 && j < nb; j++) {
                if (body[j].li - P->li > 2)
                    break;
                gl *Q = &body[j];
                for (int q = 0; q < Q->nt; q++) {
                    gt *u = &Q->t[q];
                    if (!yu_only_digits(u->norm) || strlen(u->norm) > 2 || tok_overlap(t->a, t->b + 4, u->a, u->b) <= 0)
                        continue;
                    char *s = yu_arena_printf(r->A, "%s%s", t->norm, u->norm);
                    int64_t v;
                    int dec;
                    if (!s || !yu_parse_figure(s, &v, &dec))
                        continue;
                    t->s = t->norm = s;
                    t->v = v;
                    t->dec = dec;
                    if (u->b > t->b)
                        t->b = u->b;
                    memmove(u, u + 1, (size_t)(Q->nt - q - 1) * sizeof *u);
                    Q->nt--;
                    /* the figure belongs to the row printed between its parts */
                    if (j == i + 2 && body[i + 1].li == P->li + 1 && body[i + 1].nt && body[i + 1].t[0].kind == T_TEXT) {
                        gl *R = &body[i + 1];
                        gt moved = *t;
                        memmove(t, t + 1, (size_t)(P->nt - k - 1) * sizeof *t);
                        P->nt--;
                        k--;
                        if (R->nt == R->cap) {
                            int nc = R->cap ? R->cap * 2 : 8;
                            gt *nt = yu_arena_alloc(r->A, (size_t)nc * sizeof *nt);
                            if (!nt)
                                return;
                            memcpy(nt, R->t, (size_t)R->nt * sizeof *nt);
                            R->t = nt;
                            R->cap = nc;
                        }
                        int at = R->nt;
                        while (at > 0 && R->t[at - 1].a > moved.a)
                            at--;
                        memmove(&R->t[at + 1], &R->t[at], (size_t)(R->nt - at) * sizeof *R->t);
                        R->t[at] = moved;
                        R->nt++;
                    }
                    j = i + 3;
                    break;
                }
            }
        }
    }
}

typedef struct prow {
    int li;            /* first line */
    char code[12];
    const char *name;
    const char *number;
    int numlevel;
    int indent;
    int hasfig;
    int name_long;
    int wrapped;       /* its name began on the line above */
    gt *vals[64];
    int nvals;
} prow;

/* splits a code off the front of a name: "[201]…", "201…", "201 01 01" */
static const char *split_code(rd *r, const char *name, char *code)
{
    const char *p = name;
    if (*p == '[') {
        const char *q = strchr(p, ']');
        if (q && q - p - 1 >= 3 && q - p - 1 < 12) {
            char tmp[12];
            memcpy(tmp, p + 1, (size_t)(q - p - 1));
            tmp[q - p - 1] = 0;
            if (yu_only_digits(tmp)) {
                snprintf(code, 12, "%s", tmp);
                return q + 1;
            }
        }
        return name;
    }
    size_t d = 0;
    while (isdigit((unsigned char)p[d]))
        d++;
    /* digits then a Chinese name; not a year (2026年) nor a count (12个) */
    if (d >= 3 && d <= 9 && ((unsigned char)p[d] >= 0x80 || p[d] == 0) && !starts(p + d, "年") &&
        !starts(p + d, "个") && !starts(p + d, "项") && !starts(p + d, "人")) {
        memcpy(code, p, d);
        code[d] = 0;
        return p + d;
    }
    (void)r;
    return name;
}

static int total_row(rd *r, const char *name)
{
    const char *c = yu_vocab_match(r->v, "row", name);
    return c && strcmp(c, "subtotal") != 0 && strcmp(c, "group") != 0;
}

/* reads the body lines of one side into rows of T */
static int read_side_rows(rd *r, yu_gtable *T, side *S, gl *body, int nb, int sideno, size_t col0, prow **out, int *nout)
{
    prow *P = yu_arena_alloc(r->A, (size_t)(nb + 1) * sizeof *P);
    if (!P)
        return -1;
    int np = 0;
    int first_val = 1 << 30;
    for (int c = 0; c < S->nc; c++)
        if (S->c[c].a < first_val)
            first_val = S->c[c].a;
    for (int i = 0; i < nb; i++) {
        gl *g = &body[i];
        if (!g->nt)
            continue;
        prow *p = &P[np];
        memset(p, 0, sizeof *p);
        p->li = g->li;
        yu_buf nm;
        yu_buf_init(&nm, 0);
        int k = 0;
        /* names: text (and codes) left of the first value column */
        for (; k < g->nt; k++) {
            gt *t = &g->t[k];
            if (t->kind != T_TEXT && !(t->kind == T_FIG && code_like(t->norm) && t->b <= first_val))
                break;
            if (t->kind == T_TEXT && t->a >= first_val - 1 && (nm.len || p->code[0] || first_val > 0))
                break; /* text under the value columns is a cell (绩效目标), not a name */
            if (t->kind == T_FIG || (yu_only_digits(t->norm) && strlen(t->norm) <= 9)) {
                /* a code, or a part of a split code (201 01 01) */
                size_t cl = strlen(p->code), tl = strlen(t->norm);
                if (!nm.len && cl + tl < sizeof p->code) {
                    memcpy(p->code + cl, t->norm, tl + 1);
                    continue;
                }
            }
            if (!nm.len)
                p->indent = t->a;
            yu_buf_puts(&nm, t->norm);
        }
        p->name = nm.len ? yu_arena_strndup(r->A, nm.p, nm.len) : NULL;
        yu_buf_free(&nm);
        if (p->name && !p->code[0]) {
            const char *rest = split_code(r, p->name, p->code);
            p->name = *rest ? rest : NULL;
        }
        if (p->name) {
            size_t nl, qz = starts(p->name, "其中:") ? strlen("其中:") : 0;
            p->numlevel = yu_gr_numbering(p->name + qz, &nl);
            if (p->numlevel)
                p->number = yu_arena_strndup(r->A, p->name, nl + qz);
        }
        for (; k < g->nt && p->nvals < 64; k++)
            p->vals[p->nvals++] = &g->t[k];
        for (int q = 0; q < p->nvals; q++)
            if (p->vals[q]->kind != T_TEXT)
                p->hasfig = 1;
        np++;
    }
    /* names wrapped: a line of name only joins the row of figures without
     * a name beside it, or continues the long name of the row before */
    int maxw = 0;
    for (int i = 0; i < np; i++)
        if (P[i].name) {
            int w = P[i].indent + yu_utf8_width(P[i].name);
            if (w > maxw)
                maxw = w;
        }
    for (int i = 0; i < np; i++)
        if (P[i].name)
            P[i].name_long = (P[i].indent + yu_utf8_width(P[i].name) >= maxw - 3 && cjk_len(P[i].name) >= 6) ||
                             (P[i].indent + yu_utf8_width(P[i].name) >= maxw - 1 && cjk_len(P[i].name) >= 4);
    /* a line of text cells only (a long 绩效目标 wrapped) goes on the
     * row above */
    {
        int w2 = 0;
        for (int i = 0; i < np; i++) {
            prow *p = &P[i];
            int textonly = !p->name && !p->code[0] && !p->hasfig && p->nvals;
            if (textonly && w2 > 0) {
                for (int q = 0; q < p->nvals && P[w2 - 1].nvals < 64; q++)
                    P[w2 - 1].vals[P[w2 - 1].nvals++] = p->vals[q];
                continue;
            }
            P[w2++] = *p;
        }
        np = w2;
    }
    /* a line of name only (no figure, code, number or total word) is a
     * piece of a wrapped name unless no row near it is open to it: a row
     * whose line has no name of its own, whose name fills the column (it
     * goes on below), or that took a piece from above.  Names are
     * vertically centred beside their figures, so a piece goes to the
     * nearer open row (up on a tie); a piece near no open row is a row of
     * its own left blank (一般公共预算 under 一、财政拨款). */
    char *frag = calloc((size_t)np + 1, 1), *open_up = calloc((size_t)np + 1, 1), *open_down = calloc((size_t)np + 1, 1);
    int *dest = malloc(((size_t)np + 1) * sizeof *dest);
    if (!frag || !open_up || !open_down || !dest) {
        free(frag), free(open_up), free(open_down), free(dest);
        return -1;
    }
    /* (pieces are joined below; rows keep their own order) */
    for (int i = 0; i < np; i++) {
        prow *p = &P[i];
        frag[i] = !p->hasfig && !p->code[0] && p->name && !p->numlevel && !total_row(r, p->name);
        /* open to pieces below it / above it */
        open_down[i] = !frag[i] && (!p->name || p->name_long);
        open_up[i] = !frag[i] && (!p->name || p->name_long);
        dest[i] = i;
    }
    for (int i = 0; i < np; i++) {
        if (!frag[i])
            continue;
        int up = -1, down = -1;
        for (int k = i - 1; k >= 0; k--)
            if (!frag[k]) {
                up = k;
                break;
            }
        for (int k = i + 1; k < np; k++)
            if (!frag[k]) {
                down = k;
                break;
            }
        int du = up >= 0 ? P[i].li - P[up].li : 1 << 30, dd = down >= 0 ? P[down].li - P[i].li : 1 << 30;
        /* a piece goes before a row's own name only if it is not set further
         * left than that name (continuation lines hang left; a name starts
         * where names start) */
        int ou = up >= 0 && open_down[up] && du <= 3,
            od = down >= 0 && open_up[down] && dd <= 3 && (!P[down].name || P[i].indent >= P[down].indent - 1);
        int go_up = ou && (!od || du < dd);
        if (ou && od && du == dd) {
            /* a tie: a row of figures without a name of its own takes the
             * piece before a named row does; a piece set further right
             * than the piece above it starts a new name */
            if (!P[down].name && P[up].name)
                go_up = 0;
            else if (i > 0 && frag[i - 1] && P[i].indent > P[i - 1].indent + 1)
                go_up = 0;
            else
                go_up = 1;
        }
        if (go_up)
            dest[i] = up;
        else if (od)
            dest[i] = down;
        if (dest[i] == down)
            open_down[down] = 1; /* its name began above: the rest may follow below */
    }
    /* each row: the pieces above it, its own name, the pieces below it */
    for (int t = 0; t < np; t++) {
        if (frag[t])
            continue;
        int any = 0, first = -1;
        for (int k = 0; k < np; k++)
            if (frag[k] && dest[k] == t) {
                any = 1;
                if (k < t && first < 0)
                    first = k;
            }
        if (!any)
            continue;
        yu_buf nb;
        yu_buf_init(&nb, 0);
        for (int k = 0; k < t; k++)
            if (frag[k] && dest[k] == t)
                yu_buf_puts(&nb, P[k].name);
        if (P[t].name)
            yu_buf_puts(&nb, P[t].name);
        for (int k = t + 1; k < np; k++)
            if (frag[k] && dest[k] == t)
                yu_buf_puts(&nb, P[k].name);
        /* text cells printed beside the pieces (a wrapped 绩效目标) */
        for (int k = 0; k < np; k++)
            if (frag[k] && dest[k] == t)
                for (int q = 0; q < P[k].nvals && P[t].nvals < 64; q++)
                    P[t].vals[P[t].nvals++] = P[k].vals[q];
        P[t].name = yu_arena_strndup(r->A, nb.p ? nb.p : "", nb.len);
        yu_buf_free(&nb);
        if (first >= 0) {
            P[t].li = P[first].li;
            P[t].indent = P[first].indent;
        }
        if (!P[t].name)
            return -1;
    }
    int w = 0;
    for (int i = 0; i < np; i++)
        if (!frag[i] || dest[i] == i)
            P[w++] = P[i];
    np = w;
    /* a line of figures without a name and the line of a name (a total, a
     * numbered line) without figures next to it are one row */
    for (int i = 0; i < np; i++) {
        if (P[i].name || P[i].code[0] || !P[i].hasfig)
            continue;
        int j = -1;
        if (i + 1 < np && P[i + 1].name && !P[i + 1].hasfig && !P[i + 1].code[0] && P[i + 1].li - P[i].li <= 1)
            j = i + 1;
        else if (i > 0 && P[i - 1].name && !P[i - 1].hasfig && !P[i - 1].code[0] && P[i].li - P[i - 1].li <= 1)
            j = i - 1;
        if (j < 0)
            continue;
        P[j].hasfig = 1;
        for (int q = 0; q < P[i].nvals && P[j].nvals < 64; q++)
            P[j].vals[P[j].nvals++] = P[i].vals[q];
        memmove(&P[i], &P[i + 1], (size_t)(np - i - 1) * sizeof *P);
        np--;
        i--;
    }
    free(frag), free(open_up), free(open_down), free(dest);
    (void)T;
    (void)sideno;
    (void)col0;
    *out = P;
    *nout = np;
    return 0;
}

static yu_grow *new_row(rd *r, yu_gtable *T, size_t *cap)
{
    if (T->nrows == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        yu_grow *nr = yu_arena_alloc(r->A, nc * sizeof *nr);
        if (!nr)
            return NULL;
        if (T->nrows)
            memcpy(nr, T->rows, T->nrows * sizeof *nr);
        T->rows = nr;
        *cap = nc;
    }
    yu_grow *row = &T->rows[T->nrows++];
    memset(row, 0, sizeof *row);
    return row;
}

static int typical_dec(gl *body, int nb)
{
    int cnt[3] = {0, 0, 0};
    for (int i = 0; i < nb; i++)
        for (int k = 0; k < body[i].nt; k++)
            if (body[i].t[k].kind == T_FIG && body[i].t[k].dec <= 2 && strpbrk(body[i].t[k].norm, ".,"))
                cnt[body[i].t[k].dec]++;
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (cnt[k] > cnt[best])
            best = k;
    return best;
}


/* how many figures of lines [from, to) end on the right edge of a column
 * of S (figures are set flush right) once moved by x' = x * sc / 1000 + off;
 * two on one column of a line count once */
static int fit_score(const side *S, gl *body, int from, int to, int sc, int off)
{
    int score = 0;
    for (int i = from; i < to; i++) {
        unsigned long long used = 0;
        for (int k = 0; k < body[i].nt; k++) {
            const gt *t = &body[i].t[k];
            if (t->kind != T_FIG)
                continue;
            int b = t->b * sc / 1000 + off;
            for (int c = 0; c < S->nc && c < 64; c++)
                if (abs(b - S->c[c].b) <= 1) {
                    if (!(used & (1ULL << c)))
                        score++;
                    used |= 1ULL << c;
                    break;
                }
        }
    }
    return score;
}

/* A table continued on a page laid out on another grid (a page whose text
 * has other fonts is set in other text columns): the figures of each page
 * are moved onto the columns of the page with the most figures, by the
 * scale and shift that puts most of them on a column. */
static void align_pages(rd *r, gl *body, int nb)
{
    if (nb < 2 || r->X.l[body[0].li].page == r->X.l[body[nb - 1].li].page)
        return;
    int best_from = 0, best_to = 0, best_n = -1;
    for (int i = 0; i < nb;) {
        int j = i, n = 0;
        while (j < nb && r->X.l[body[j].li].page == r->X.l[body[i].li].page) {
            for (int k = 0; k < body[j].nt; k++)
                n += body[j].t[k].kind == T_FIG;
            j++;
        }
        if (n > best_n) {
            best_n = n;
            best_from = i;
            best_to = j;
        }
        i = j;
    }
    side M;
    memset(&M, 0, sizeof M);
    if (find_columns(r, &M, body + best_from, best_to - best_from, NULL, 0, 0) || M.nc < 2)
        return;
    for (int i = 0; i < nb;) {
        int j = i, n = 0;
        while (j < nb && r->X.l[body[j].li].page == r->X.l[body[i].li].page) {
            for (int k = 0; k < body[j].nt; k++)
                n += body[j].t[k].kind == T_FIG;
            j++;
        }
        if (i != best_from && n) {
            int base = fit_score(&M, body, i, j, 1000, 0), bs = base, bsc = 1000, bo = 0;
            for (int sc = 500; sc <= 2000 && bs < n; sc += 5)
                for (int off = -4; off <= 4; off++) {
                    int v = fit_score(&M, body, i, j, sc, off);
                    if (v > bs) {
                        bs = v;
                        bsc = sc;
                        bo = off;
                    }
                }
            if (bs > base && bs * 5 >= n * 4)
                for (int q = i; q < j; q++)
                    for (int k = 0; k < body[q].nt; k++) {
                        body[q].t[k].a = body[q].t[k].a * bsc / 1000 + bo;
                        body[q].t[k].b = body[q].t[k].b * bsc / 1000 + bo;
                    }
        }
        i = j;
    }
}

/* the source of a row's cells until every side is read */
typedef struct rowsrc {
    prow **p;
    size_t n, cap;
} rowsrc;

static int src_push(rowsrc *rs, prow *p)
{
    if (rs->n == rs->cap) {
        size_t nc = rs->cap ? rs->cap * 2 : 64;
        prow **np = realloc(rs->p, nc * sizeof *np);
        if (!np)
            return -1;
        rs->p = np;
        rs->cap = nc;
    }
    rs->p[rs->n++] = p;
    return 0;
}

/* reads one side (or the whole of a one-sided table) into T */
static int read_side(rd *r, yu_gtable *T, gl *body, int nb, gl *hdr, int nh, int sideno, size_t *rowcap, rowsrc *rs)
{
    side S;
    memset(&S, 0, sizeof S);
    join_wrapped_figures(r, body, nb, typical_dec(body, nb));
    /* leading codes are not figures: 2010301 行政运行, 201 01 01 */
    for (int i = 0; i < nb; i++) {
        gl *g = &body[i];
        for (int k = 0; k < g->nt; k++) {
            gt *t = &g->t[k];
            if (t->kind != T_FIG || strpbrk(t->norm, ".,") || !yu_only_digits(t->norm))
                break;
            int next_text = k + 1 < g->nt && g->t[k + 1].kind == T_TEXT;
            int next_code = k + 1 < g->nt && yu_only_digits(g->t[k + 1].norm) && strlen(g->t[k + 1].norm) == 2;
            /* a code whose name is wrapped above and below it: a figure follows */
            int next_fig = k == 0 && k + 1 < g->nt && g->t[k + 1].kind == T_FIG && strpbrk(g->t[k + 1].norm, ".,") &&
                           code_like(t->norm);
            if ((code_like(t->norm) || (k > 0 && strlen(t->norm) == 2)) && (next_text || next_code || next_fig))
                t->kind = T_CODE;
            else
                break;
        }
    }
    align_pages(r, body, nb);
    /* where the names end: the last word before a line's first figure */
    int name_end = 0;
    for (int i = 0; i < nb; i++)
        for (int k = 0; k < body[i].nt; k++) {
            const gt *t = &body[i].t[k];
            if (t->kind != T_TEXT && t->kind != T_CODE)
                break;
            if (t->b > name_end && k + 1 < body[i].nt && body[i].t[k + 1].kind != T_TEXT && body[i].t[k + 1].kind != T_CODE)
                name_end = t->b;
        }
    for (int i = 0; i < nb; i++)
        for (int k = 0; k < body[i].nt; k++)
            if (body[i].t[k].kind == T_CODE)
                body[i].t[k].kind = T_TEXT;
    if (find_columns(r, &S, body, nb, hdr, nh, name_end))
        return -1;
    size_t col0 = T->ncols;
    if (S.nc) {
        yu_gcol *nc = yu_arena_alloc(r->A, (T->ncols + (size_t)S.nc) * sizeof *nc);
        if (!nc)
            return -1;
        if (T->ncols)
            memcpy(nc, T->cols, T->ncols * sizeof *nc);
        for (int c = 0; c < S.nc; c++) {
            yu_gcol *C = &nc[col0 + (size_t)c];
            memset(C, 0, sizeof *C);
            yu_buf lb;
            yu_buf_init(&lb, 0);
            for (int k = 0; k < S.c[c].nlab; k++)
                yu_buf_puts(&lb, S.c[c].lab[k]);
            C->leaf = lb.len ? yu_arena_strndup(r->A, lb.p, lb.len) : yu_arena_strdup(r->A, "");
            yu_buf_free(&lb);
            if (!C->leaf)
                return -1;
            C->label = S.c[c].grp ? yu_arena_printf(r->A, "%s/%s", S.c[c].grp, C->leaf) : C->leaf;
            /* the lowest words name the column ("基本支出 / 人员经费" is 人员经费;
             * "…其中:基本支出" is 基本支出); the whole label when they say nothing */
            const char *qz = strstr(C->leaf, "其中:");
            const char *low = S.c[c].nlab ? S.c[c].lab[S.c[c].nlab - 1] : NULL;
            C->concept = qz ? yu_vocab_match(r->v, "col", qz + strlen("其中:")) : NULL;
            if (!C->concept && low && S.c[c].nlab > 1 && cjk_len(low) >= 2)
                C->concept = yu_vocab_match(r->v, "col", low);
            if (!C->concept)
                C->concept = yu_vocab_match(r->v, "col", C->leaf);
            C->group = S.c[c].grp ? yu_vocab_match(r->v, "col", S.c[c].grp) : NULL;
            if (!C->concept && C->group && !*C->leaf)
                C->concept = C->group;
            C->side = sideno;
            C->x0 = S.c[c].a;
            C->x1 = S.c[c].b;
        }
        T->cols = nc;
        T->ncols += (size_t)S.nc;
    }
    prow *P;
    int np;
    if (read_side_rows(r, T, &S, body, nb, sideno, col0, &P, &np))
        return -1;
    for (int i = 0; i < np; i++) {
        prow *p = &P[i];
        if (!p->name && !p->code[0] && !p->hasfig)
            continue;
        yu_grow *w = new_row(r, T, rowcap);
        if (!w || src_push(rs, p))
            return -1;
        snprintf(w->code, sizeof w->code, "%s", p->code);
        w->name = p->name ? p->name : "";
        w->number = p->number;
        w->indent = p->indent;
        w->side = sideno;
        w->line = r->X.l[p->li].no;
        w->page = r->X.l[p->li].page;
        const char *nm = w->name + (w->number ? strlen(w->number) : 0);
        w->concept = w->code[0] ? NULL : yu_vocab_match(r->v, "row", nm);
        if (w->concept && !strcmp(w->concept, "subtotal"))
            w->concept = "total";
        /* a row name that is only a concept word when it is the whole name
         * (本年收入 is a total; 本年收入的其他 … is not) */
        if (w->concept && cjk_len(nm) > cjk_len(w->concept) + 12)
            w->concept = NULL;
        /* a group (货物, 服务) only when that is the whole name */
        if (w->concept && !strcmp(w->concept, "group") && cjk_len(nm) > 3)
            w->concept = NULL;
        for (int q = 0; q < p->nvals; q++) {
            gt *t = p->vals[q];
            if (t->kind == T_TEXT && !S.nc)
                continue;
            int c = place_col(&S, t);
            t->col = c < 0 ? -1 : (int)col0 + c;
        }
    }
    return 0;
}

static void set_levels_side(rd *r, yu_gtable *T, int sideno)
{
    /* rows of this side are contiguous from the first row with this side */
    size_t from = 0;
    while (from < T->nrows && T->rows[from].side != sideno)
        from++;
    size_t to = from;
    while (to < T->nrows && T->rows[to].side == sideno)
        to++;
    int lens[12] = {0}, nlen = 0, any_num = 0, minind = 1 << 30, step = 1 << 30;
    for (size_t i = from; i < to; i++) {
        yu_grow *w = &T->rows[i];
        int l = (int)strlen(w->code);
        if (l) {
            int seen = 0;
            for (int k = 0; k < nlen; k++)
                seen |= lens[k] == l;
            if (!seen && nlen < 12)
                lens[nlen++] = l;
        }
        any_num |= w->number != NULL;
        if (*w->name && !w->concept && w->indent < minind)
            minind = w->indent;
    }
    for (size_t i = from; i < to; i++) {
        int dd = T->rows[i].indent - minind;
        if (*T->rows[i].name && !T->rows[i].concept && dd > 0 && dd < step)
            step = dd;
    }
    for (int a = 0; a < nlen; a++)
        for (int b = a + 1; b < nlen; b++)
            if (lens[b] < lens[a]) {
                int t = lens[a];
                lens[a] = lens[b];
                lens[b] = t;
            }
    for (size_t i = from; i < to; i++) {
        yu_grow *w = &T->rows[i];
        w->level = 1;
        if (w->concept && !w->code[0] && !w->number)
            w->level = 0;
        else if (w->code[0]) {
            for (int k = 0; k < nlen; k++)
                if (lens[k] == (int)strlen(w->code))
                    w->level = k + 1;
        } else if (any_num) {
            /* numbered rows: 一、 2, (一) 4, 1. 6, (1) 8; a row without a
             * number is one below the numbered row it is indented under, or
             * above all numbering */
            size_t nl, qz = starts(w->name, "其中:") ? strlen("其中:") : 0;
            if (w->number)
                w->level = 2 * yu_gr_numbering(w->name + qz, &nl);
            else {
                /* below the numbered row it is indented under, one level per
                 * step of indentation */
                w->level = 1;
                for (size_t j = i; j-- > from;)
                    if (T->rows[j].number) {
                        if (w->indent > T->rows[j].indent + 1) {
                            int st = step < (1 << 30) ? step : 2;
                            int k = (w->indent - T->rows[j].indent + st / 2) / st;
                            w->level = T->rows[j].level + (k > 1 ? k : 1);
                        } else if (step < (1 << 30) && w->indent > minind)
                            w->level = 1 + (w->indent - minind + step / 2) / step;
                        break;
                    } else if (T->rows[j].concept)
                        break;
            }
        } else if (step < (1 << 30) && *w->name) {
            w->level = 1 + (w->indent - minind + step / 2) / step;
        }
    }
    (void)r;
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
    if (code_like(n) && L->nt > 1 && !L->t[1].isnum)
        return 1;
    if (split_code(r, n, code) != n && cjk_len(n) > 3)
        return 1;
    /* a 合计 line left blank (an empty table's only row) */
    return L->nt == 1 && yu_vocab_has(r->v, "row", "total", n) && cjk_len(n) <= 4;
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
                tok_overlap(P->t[k].a, P->t[k].b + 4, L->t[0].a, L->t[0].b) > 0)
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
    for (int j = b0 < 0 ? end : b0; j < end; j++) {
        const ln *L = &r->X.l[j];
        if (!L->nt || column_number_line(L) || is_table_number(L->norm) || line_has_unit(L))
            continue;
        if (L->nt == 1 && L->t[0].digits && strlen(L->t[0].norm) <= 4 && !wrapped_tail(r, j))
            continue; /* a page number alone on its line */
        int all_hdr = !line_has_figure(L) && !line_is_row(r, L);
        for (int k = 0; k < L->nt && all_hdr; k++)
            all_hdr = header_has(hw, nhw, L->t[k].norm);
        if (all_hdr && L->nt >= 2)
            continue;
        bl[nbody++] = j;
        if (L->t[0].a < xl)
            xl = L->t[0].a;
        for (int k = 1; k < L->nt; k++) {
            int after_fig = (L->t[k - 1].isnum && strpbrk(L->t[k - 1].norm, ".,")) || (is_dash(L->t[k - 1].norm) && k > 1);
            if (!after_fig)
                continue;
            /* a label after a figure, or a code and its label (30101 基本工资 301.79 30201 办公费) */
            if ((!L->t[k].isnum && !is_dash(L->t[k].norm) && cjk_len(L->t[k].norm) >= 2) ||
                (L->t[k].digits && code_like(L->t[k].norm) && k + 1 < L->nt && !L->t[k + 1].isnum &&
                 cjk_len(L->t[k + 1].norm) >= 2)) {
                xr[nxr++] = L->t[k].a;
                break;
            }
        }
    }
    /* a header line "收 入 … 支 出", or two "项目" columns: two sides */
    int hdr2 = 0, items = 0;
    for (int q = 0; q < nhl; q++) {
        const char *n = r->X.l[hl[q]].norm, *a = strstr(n, "收入"), *b = strstr(n, "支出");
        if (a && b && b > a && cjk_len(n) <= 12)
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
    }
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
            st = line_tokens(r, bl[i], x0, x1, &B[i]);
        for (int i = 0; i < nhl && !st; i++)
            st = line_tokens(r, hl[i], x0, x1, &H[i]);
        if (!st && nbody)
            st = read_side(r, &T, B, nbody, H, nhl, sd, &rowcap, &rs);
        if (!st && T.twosided)
            set_levels_side(r, &T, sd);
    }
    if (!st && !T.twosided)
        set_levels_side(r, &T, 0);
    free(bl);
    free(hl);
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
        if (!strcmp(T.rows[i].name, "栏次") || !strcmp(T.rows[i].name, "行次")) {
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

/* A title too long for its line, wrapped onto the next (…项目绩 / 效目标表,
 * …补助资金 / ）项目绩效目标表): one line, when together they make a
 * title and apart the first does not. */
static void join_wrapped_titles(rd *r)
{
    for (int i = 0; i + 1 < r->X.nl; i++) {
        ln *A = &r->X.l[i], *B = &r->X.l[i + 1];
        if (A->nt != 1 || B->nt != 1 || A->page != B->page || A->t[0].isnum || B->t[0].isnum)
            continue;
        int b_cont = starts(B->norm, ")") || cjk_len(B->norm) <= 6;
        if (!b_cont || cjk_len(A->norm) < 6 || strstr(A->norm, "。") || title_line(r, i))
            continue;
        if (title_line(r, i + 1) && !starts(B->norm, ")") &&
            (cjk_len(B->norm) > 5 || yu_vocab_match(r->v, "table", B->norm)))
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
        if (!*n || cjk_len(n) < 4)
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
    yu_lines_choose_columns(&r.X);
    blank_running_lines(&r.X);
    r.d = d;
    d->arena = r.A;
    d->name = yu_arena_strdup(r.A, name);
    r.last_unit = 0;
    /* titles, each table up to the next title */
    int *ti = malloc((size_t)(r.X.nl + 1) * sizeof *ti);
    int nt = 0;
    if (!ti)
        st = YU_ENOMEM;
    join_wrapped_titles(&r);
    for (int i = 0; i < r.X.nl && !st; i++) {
        if (!title_line(&r, i))
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
