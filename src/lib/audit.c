/* Audit: reads a published disclosure's text back into a yu_doc.
 *
 * Lines become tokens: tab-separated cells (text extracted cell by cell, like
 * the seed) or runs of text separated by two or more spaces, with their
 * columns (display columns for yusuan's own txt and for PDF text read through
 * poppler, character columns for `pdftotext -layout`: the document tells
 * which by how its figures line up).  Tables are found by the titles in the
 * layout, their columns by the header labels in the layout (labels wrapped
 * over several lines are joined), rows by 功能/经济分类 codes or by the line
 * labels of two-sided tables.  A figure printed on a line of its own (a cell
 * vertically centred beside a wrapped name) belongs to the nearest row that
 * has that column free.  The narrative's figures become claims tied to table
 * cells (segments with table, row and column), so rules.c checks both alike.
 * Everything template-specific comes from the layout file. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "yusuan/audit.h"
#include "yusuan/rules.h"
#include "internal.h"
#include "textgrid.h"

typedef struct rd {
    const yu_layout *L;
    const yu_catalog *func;
    yu_arena *A;
    ln *l;
    int nl;
    yu_doc *d;
    yu_budget *b;
    yu_audit_info *info;
    int *title_at;       /* per layout table: line index of its title, -1 */
    int charcols;        /* 1: columns are characters (pdftotext -layout) */
} rd;

/* ---- recognising tables ---- */

/* strips 一、 / 1. / （一） / 2024年 prefixes from a canonical title line */
static int cn_digit(const char *s)
{
    static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零"};
    for (int i = 0; i < 12; i++)
        if (!strncmp(s, cn[i], 3))
            return 1;
    return 0;
}

static const char *strip_title_prefix(const char *s)
{
    for (int pass = 0; pass < 3; pass++) {
        /* 一、 十九、 二十六、 */
        const char *q = s;
        while (cn_digit(q) && q - s < 12)
            q += 3;
        if (q > s && !strncmp(q, "、", 3))
            s = q + 3;
        if (s[0] == '(' && strchr(s, ')') && strchr(s, ')') - s <= 10) {
            /* (一) / (12): a number in brackets */
            const char *q = s + 1, *e = strchr(s, ')');
            while (q < e && (cn_digit(q) || isdigit((unsigned char)*q)))
                q += isdigit((unsigned char)*q) ? 1 : 3;
            if (q == e && e > s + 1)
                s = e + 1;
        }
        while (isdigit((unsigned char)*s)) {
            const char *q = s;
            while (isdigit((unsigned char)*q))
                q++;
            if (*q == '.' && q - s <= 2)
                s = q + 1;
            else if (!strncmp(q, "、", 3) && q - s <= 2)
                s = q + 3;
            else
                break;
        }
        if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
            isdigit((unsigned char)s[3]) && !strncmp(s + 4, "年", 3)) {
            s += 7;
            if (!strncmp(s, "度", 3))
                s += 3;
        }
    }
    return s;
}

/* the number of a heading's prefix removed, or the text itself */
static const char *strip_number(const char *s)
{
    const char *t = strip_title_prefix(s);
    return *t ? t : s;
}

static int label_eq(rd *r, const char *norm, const char *label)
{
    char *c = yu_canon(r->A, label);
    return c && !strcmp(norm, c);
}

static int title_is(rd *r, const char *norm, const yu_ltable *t)
{
    if (strstr(norm, "…") || strstr(norm, "..."))
        return 0;
    const char *s = strip_title_prefix(norm);
    /* and a year after it: 部门收支总表(2025年) */
    size_t n = strlen(s);
    if (n > 9 && s[n - 1] == ')') {
        const char *o = strrchr(s, '(');
        if (o && isdigit((unsigned char)o[1]) && strstr(o, "年")) {
            char *c = yu_arena_strndup(r->A, s, (size_t)(o - s));
            if (c)
                s = c;
        }
    }
    if (label_eq(r, s, t->title))
        return 1;
    for (size_t i = 0; i < t->naliases; i++)
        if (label_eq(r, s, t->aliases[i]))
            return 1;
    return 0;
}

static int is_unit_line(const ln *L)
{
    return strstr(L->norm, "单位:") != NULL;
}

/* the unit a 单位 line names, in 分 per unit (元 100, 万元 1000000), or 0 */
static int64_t unit_of_line(const ln *L, const char **label)
{
    static const struct { const char *w; int64_t fen; } u[] = {
        {"万元", 1000000}, {"亿元", 10000000000LL}, {"千元", 100000}, {"元", 100}};
    const char *last = NULL;
    for (const char *p = L->norm; (p = strstr(p, "单位:")); p++)
        last = p;
    if (!last)
        return 0;
    last += strlen("单位:");
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        if (!strncmp(last, u[i].w, strlen(u[i].w))) {
            *label = u[i].w;
            return u[i].fen;
        }
    return 0;
}

static int region_end(rd *r, int from);
static const char *perf_label(const yu_ltable *lt, int role);
static int starts_label(rd *r, const char *norm, const char *labels);

static void find_titles(rd *r)
{
    for (int pass = 0; pass < 2; pass++)
    for (size_t k = 0; k < r->L->ntables; k++) {
        const yu_ltable *t = &r->L->tables[k];
        if ((t->shape == YU_SHAPE_PERF) != pass)
            continue;
        r->title_at[k] = -1;
        int first = -1;
        for (int i = 0; i < r->nl; i++) {
            if (!title_is(r, r->l[i].norm, t))
                continue;
            if (t->shape == YU_SHAPE_PERF) {
                /* the first title followed by a form (not the 目录's); with
                 * no form, the last title (the body's, after the 目录's),
                 * where its note that there is none stands */
                first = i;
                int end = region_end(r, i);
                for (int j = i + 1; j < end && r->title_at[k] < 0; j++)
                    for (int q = 0; q < r->l[j].nt && q < 2; q++)
                        if (starts_label(r, r->l[j].t[q].norm, perf_label(t, YU_PERF_NAME)))
                            r->title_at[k] = i;
                if (r->title_at[k] >= 0)
                    break;
                continue;
            }
            /* a table title is followed by its 单位 line */
            for (int j = i + 1; j < r->nl && j <= i + 4; j++)
                if (is_unit_line(&r->l[j])) {
                    r->title_at[k] = i;
                    break;
                }
            if (r->title_at[k] >= 0)
                break;
        }
        if (r->title_at[k] < 0 && t->shape == YU_SHAPE_PERF)
            r->title_at[k] = first;
    }
}

/* a line that may be a heading: short, no sentence in it */
static int heading_like(const char *norm)
{
    return *norm && strlen(norm) < 150 && !strstr(norm, "。") && !strstr(norm, "…") && !strstr(norm, "...");
}

/* the start of a narrative region: the last heading-like line holding the phrase */
static int region_start(rd *r, const char *from)
{
    int at = -1;
    for (int i = 0; i < r->nl; i++) {
        const char *n = r->l[i].norm;
        if (heading_like(n) && strstr(strip_title_prefix(n), from) && !strstr(n, "……"))
            at = i;
    }
    return at;
}

/* end of the region of the table whose title is at line `from` */
static int region_end(rd *r, int from)
{
    int end = r->nl;
    for (size_t k = 0; k < r->L->ntables; k++)
        if (r->title_at[k] > from && r->title_at[k] < end)
            end = r->title_at[k];
    for (size_t k = 0; k < r->L->nnar; k++) {
        int s = region_start(r, r->L->nar_from[k]);
        if (s > from && s < end)
            end = s;
    }
    return end;
}

/* ---- cells and units ---- */

static yu_row *add_row(rd *r, yu_table *T, size_t *cap)
{
    if (T->nrows == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        yu_row *nr = yu_arena_alloc(r->A, nc * sizeof *nr);
        if (!nr)
            return NULL;
        if (T->nrows)
            memcpy(nr, T->rows, T->nrows * sizeof *nr);
        T->rows = nr;
        *cap = nc;
    }
    yu_row *row = &T->rows[T->nrows++];
    memset(row, 0, sizeof *row);
    row->cells = yu_arena_alloc(r->A, (T->lt->ncols ? T->lt->ncols : 1) * sizeof *row->cells);
    row->name = "";
    return row->cells ? row : NULL;
}

/* a figure printed in a unit worth `base` 分 (hundredths in v100) in units
 * of `unit` 分, rounded half away from zero */
static int64_t to_unit(int64_t v100, int64_t base, int64_t unit)
{
    __int128 fen = (__int128)v100 * base / 100;
    __int128 u = unit;
    __int128 q = fen / u, m = fen % u;
    if (2 * (m < 0 ? -m : m) >= u)
        q += fen < 0 ? -1 : 1;
    return (int64_t)q;
}

/* the same as document units (the template's) */
static int64_t to_doc(const rd *r, int64_t v100, int64_t base)
{
    return to_unit(v100, base, r->L->unit_fen);
}

/* 分 per unit of a layout unit statement: FEN x 10^DECIMALS */
static int64_t unit_base(int64_t fen, int dec)
{
    while (dec-- > 0)
        fen *= 10;
    return fen;
}

static int is_value_col(const char *key)
{
    return strcmp(key, "code") && strcmp(key, "name") && strcmp(key, "in.item") && strcmp(key, "out.item");
}

static int is_pct_col(const char *key)
{
    return strstr(key, "pct") != NULL;
}

typedef struct tctx {      /* a table being read */
    yu_table *T;
    int64_t base;          /* 分 per printed unit */
    size_t cap;
} tctx;

static void put_value(rd *r, tctx *X, yu_cell *c, const tok *t, int is_pct)
{
    if (!t || !t->norm[0]) {
        c->kind = YU_CELL_EMPTY;
        return;
    }
    if (!t->isnum) {
        c->kind = YU_CELL_TEXT;
        c->text = t->s;
        r->info->unreadable++;
        return;
    }
    c->kind = is_pct ? YU_CELL_PCT : YU_CELL_MONEY;
    c->v = is_pct ? t->v : to_doc(r, t->v, X->base);
}

/* The unit the table's figures are in: the one its 单位 line names, else
 * the layout's.  (Rules take the precision of the figures from the layout.) */
static void table_unit(rd *r, tctx *X, int from, int to)
{
    const yu_ltable *lt = X->T->lt;
    X->base = unit_base(lt->unit_fen, lt->decimals);
    for (int i = from; i < to && i <= from + 4; i++) {
        const char *lab = NULL;
        int64_t base = unit_of_line(&r->l[i], &lab);
        if (base) {
            X->base = base;
            break;
        }
    }
}

/* ---- header: where each column is ---- */

typedef struct anc {
    int x, a, b;   /* centre and extent of the column's header label; x < 0: not found */
    int ln;        /* the header line it was found on */
    int exact;     /* 1: the whole label on one line */
    int bw;        /* the label's end by its display width (character columns), or 0 */
} anc;

/* the canonical label without a leading 2025年 */
static const char *no_year(const char *s)
{
    if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
        isdigit((unsigned char)s[3]) && !strncmp(s + 4, "年", 3))
        return s + 7;
    return s;
}

static int overlaps(int a1, int b1, int a2, int b2)
{
    return a1 < b2 + 1 && a2 < b1 + 1;
}

/* The right end of a header label.  In character columns (pdftotext
 * -layout) a label starts where it is printed but a Chinese character counts
 * one column while it is as wide as two figures: the label reaches as far as
 * its display width (小计 under 公务用车购置及运行费 would otherwise end
 * before the figure printed under it begins). */
static int label_end(const rd *r, const tok *t)
{
    return r->charcols ? t->a + (t->bd - t->ad) : t->b;
}

/* Looks a column's leaf label up in the header lines h0..h1: a token equal
 * to it; tokens stacked over several lines that join into it (事业单位 /
 * 经营收入); or a token that is a long enough part of it.  Tokens used by
 * an earlier column are skipped, so repeated labels go left to right. */
static int find_label(rd *r, const char *label, int h0, int h1, char *used, int nused, anc *out)
{
    const char *want = no_year(label);
    size_t wl = strlen(want);
    if (!wl)
        return 0;
    for (int pass = 0; pass < 3; pass++) {
        /* of the tokens that match, the leftmost (repeated labels go left to right) */
        int k = 0, bk = -1;
        anc best = {-1, -1, -1, -1, 0, 0};
        for (int i = h0; i < h1; i++)
            for (int j = 0; j < r->l[i].nt; j++, k++) {
                const tok *t = &r->l[i].t[j];
                if ((k < nused && used[k]) || !t->norm[0] || t->isnum)
                    continue;
                const char *tn = no_year(t->norm);
                size_t tl = strlen(tn);
                int hit = 0, a = t->a, b = t->b, bw = label_end(r, t);
                if (pass == 0)
                    hit = !strcmp(tn, want);
                else if (pass == 1 && tl < wl && !strncmp(want, tn, tl)) {
                    /* stacked: continue with tokens below that overlap */
                    size_t got = tl;
                    for (int i2 = i + 1; i2 < h1 && i2 <= i + 4 && got < wl; i2++)
                        for (int j2 = 0; j2 < r->l[i2].nt; j2++) {
                            const tok *u = &r->l[i2].t[j2];
                            size_t ul = strlen(u->norm);
                            if (ul && overlaps(u->a, u->b, t->a, t->b) && got + ul <= wl &&
                                !strncmp(want + got, u->norm, ul)) {
                                got += ul;
                                if (u->a < a) a = u->a;
                                if (u->b > b) b = u->b;
                                if (label_end(r, u) > bw) bw = label_end(r, u);
                                break;
                            }
                        }
                    hit = got == wl;
                } else if (pass == 2)
                    hit = tl >= 6 && tl < wl && strstr(want, tn) != NULL;
                /* the leftmost; for a part of the label, the longest */
                if (hit && (bk < 0 || (pass == 2 ? (b - a > best.b - best.a || (b - a == best.b - best.a && a < best.a))
                                                 : a < best.a))) {
                    best.a = a;
                    best.b = b;
                    best.x = (a + b) / 2;
                    best.bw = bw > b ? bw : 0;
                    best.ln = i;
                    best.exact = pass == 0;
                    bk = k;
                }
            }
        if (bk >= 0) {
            *out = best;
            if (bk < nused)
                used[bk] = 1;
            return 1;
        }
    }
    return 0;
}

/* the resolved leaf label of column c ({year} {prev}) */
static const char *leaf(const yu_table *T, size_t c)
{
    const yu_lcol *col = &T->lt->cols[c];
    return col->depth ? T->hdr[c * YU_HDR_MAX + col->depth - 1] : "";
}

static const char *resolve_year(rd *r, const char *lab)
{
    yu_buf b;
    yu_buf_init(&b, 0);
    for (const char *p = lab; *p;) {
        if (!strncmp(p, "{year}", 6)) { yu_buf_printf(&b, "%d", r->b->year); p += 6; }
        else if (!strncmp(p, "{prev}", 6)) { yu_buf_printf(&b, "%d", r->b->year - 1); p += 6; }
        else yu_buf_add(&b, p++, 1);
    }
    char *o = yu_arena_strdup(r->A, b.p ? b.p : "");
    yu_buf_free(&b);
    return o;
}

/* Column anchors for `nh` halves: anc[h * ncols + c] */
static void find_anchors(rd *r, const yu_table *T, int h0, int h1, int nh, anc *out)
{
    const yu_ltable *lt = T->lt;
    int ntok = 0;
    for (int i = h0; i < h1; i++)
        ntok += r->l[i].nt;
    char *used = yu_arena_alloc(r->A, (size_t)ntok + 1);
    for (int h = 0; h < nh; h++)
        for (size_t c = 0; c < lt->ncols; c++) {
            anc *o = &out[h * (int)lt->ncols + (int)c];
            o->x = o->a = o->b = -1;
            if (!lt->cols[c].depth || !used)
                continue;
            const char *lab = yu_canon(r->A, leaf(T, c));
            if (lab && find_label(r, lab, h0, h1, used, ntok, o))
                continue;
            for (size_t k = 0; k < lt->cols[c].nalso; k++) {
                lab = yu_canon(r->A, resolve_year(r, lt->cols[c].also[k]));
                if (lab && find_label(r, lab, h0, h1, used, ntok, o))
                    break;
            }
        }
}

/* Assigns the figures of a line (sorted by column) to value columns, keeping
 * their order and minimising the distance to each column's header: out[i]
 * is a column index or -1. */
static void assign_values(const tok *const *v, int n, const int *cols, const anc *A, int m, int *out)
{
    for (int i = 0; i < n; i++)
        out[i] = -1;
    if (!n || !m)
        return;
    if (n > m)
        n = m; /* more figures than columns: the rest are not placed */
    /* dp[i][j]: best cost placing the first i figures in the first j columns */
    long *dp = malloc((size_t)(n + 1) * (size_t)(m + 1) * sizeof *dp);
    char *ch = malloc((size_t)(n + 1) * (size_t)(m + 1));
    if (!dp || !ch) {
        free(dp);
        free(ch);
        return;
    }
    const long INF = 1L << 50;
#define DP(i, j) dp[(size_t)(i) * (size_t)(m + 1) + (size_t)(j)]
#define CH(i, j) ch[(size_t)(i) * (size_t)(m + 1) + (size_t)(j)]
    for (int j = 0; j <= m; j++)
        DP(0, j) = 0;
    for (int i = 1; i <= n; i++) {
        DP(i, 0) = INF;
        for (int j = 1; j <= m; j++) {
            long skip = DP(i, j - 1);
            long take = DP(i - 1, j - 1);
            if (take < INF) {
                anc a0 = A[cols[j - 1]];
                if (a0.bw > a0.b) {
                    /* a label in character columns: as wide as it is printed */
                    a0.b = a0.bw;
                    a0.x = (a0.a + a0.b) / 2;
                }
                const anc *a = &a0;
                int x = (v[i - 1]->a + v[i - 1]->b) / 2;
                /* distance to its header's extent (header labels are centred,
                 * figures right-aligned; pdftotext shifts both) */
                long d = x < a->a ? a->a - x : x > a->b ? x - a->b : 0;
                /* within a header's extent all places are equal; outside it, of
                 * two headers about as far, the nearer centre (a figure set
                 * flush right under a wide centred label) */
                long dc = x > a->x ? x - a->x : a->x - x;
                take += d ? (d + dc) * (d + dc) / 2 : 0;
            }
            if (take <= skip) {
                DP(i, j) = take;
                CH(i, j) = 1;
            } else {
                DP(i, j) = skip;
                CH(i, j) = 0;
            }
        }
    }
    for (int i = n, j = m; i > 0 && j > 0;) {
        if (CH(i, j)) {
            out[i - 1] = cols[j - 1];
            i--;
            j--;
        } else
            j--;
    }
#undef DP
#undef CH
    free(dp);
    free(ch);
}

/* an ellipsis standing for rows left out (templates print "…") */
static int only_dots(const char *n)
{
    for (; *n; n += 3)
        if (strncmp(n, "…", 3))
            return 0;
    return 1;
}

/* a dash printed for zero: - — －  */
static int is_dash(const char *n)
{
    return !strcmp(n, "-") || !strcmp(n, "—") || !strcmp(n, "－") || !strcmp(n, "--") || !strcmp(n, "——");
}

/* ---- lines inside a table that are not rows ---- */

/* a rule line of dashes or box-drawing characters */
static int is_rule_line(const ln *L)
{
    const char *s = L->norm;
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s != '-' && *s != '=' && *s != '_' && *s != '+' && *s != '|' &&
            (unsigned char)*s != 0xE2 && (unsigned char)*s != 0x94 && (unsigned char)*s != 0x80)
            return 0;
    return 1;
}

/* the note of an empty table: （注：…没有…） / 注：本部门…无…，故本表为空表 */
static int is_note(const ln *L)
{
    const char *n = L->norm;
    if (*n == '(')
        n++;
    if (strncmp(n, "注", 3) && strncmp(n, "说明:", 7))
        return 0;
    return strstr(n, "没有") || strstr(n, "空表") || strstr(n, "无数据") ||
           (strstr(n, "无") && !strstr(n, "本表反映"));
}

/* a remark under a table (注：本表反映…) */
static int is_remark(const ln *L)
{
    const char *n = L->norm;
    return !strncmp(n, "注:", 4) || !strncmp(n, "(注:", 5) || !strncmp(n, "说明:", 7);
}

/* a line of single characters (the 类 款 项 under 科目编码), not one
 * character ending a wrapped label */
static int is_char_line(const ln *L)
{
    int n = 0;
    for (int j = 0; j < L->nt; j++) {
        const char *s = L->t[j].norm;
        if (!*s)
            continue;
        uint32_t cp;
        int m = yu_utf8_decode(s, strlen(s), &cp);
        if (s[m] || cp < 0x2E80)
            return 0;
        n++;
    }
    return n > 1;
}

/* a header line repeated on a new page: no figure, most tokens header labels */
static int is_header_line(rd *r, const yu_table *T, const ln *L)
{
    const yu_ltable *lt = T->lt;
    int hits = 0, n = 0;
    for (int j = 0; j < L->nt; j++) {
        const char *tn = L->t[j].norm;
        if (!tn[0])
            continue;
        if (L->t[j].isnum || L->t[j].digits)
            return 0;
        n++;
        int hit = 0;
        for (size_t c = 0; c < lt->ncols && !hit; c++) {
            for (int k = 0; k < lt->cols[c].depth && !hit; k++) {
                const char *h = yu_canon(r->A, T->hdr[c * YU_HDR_MAX + k]);
                hit = h && (!strcmp(no_year(h), no_year(tn)) || (strlen(tn) >= 6 && strstr(h, no_year(tn))));
            }
            for (size_t k = 0; k < lt->cols[c].nalso && !hit; k++) {
                const char *h = yu_canon(r->A, lt->cols[c].also[k]);
                hit = h && (!strcmp(no_year(h), no_year(tn)) || (strlen(tn) >= 6 && strstr(h, no_year(tn))));
            }
        }
        hits += hit;
    }
    /* one word alone must be a whole label: a wrapped name's last part
     * (支出, 拨款) is often a part of one */
    if (n == 1 && hits) {
        for (int j = 0; j < L->nt; j++)
            if (L->t[j].norm[0]) {
                const char *tn = no_year(L->t[j].norm);
                for (size_t c = 0; c < lt->ncols; c++)
                    for (int k = 0; k < lt->cols[c].depth; k++) {
                        const char *h = yu_canon(r->A, T->hdr[c * YU_HDR_MAX + k]);
                        if (h && !strcmp(no_year(h), tn))
                            return 1;
                    }
            }
        return 0;
    }
    return n && hits * 2 >= n;
}

static void set_text_cell(const yu_ltable *lt, yu_row *row, const char *key, const char *text)
{
    int c = yu_ltable_col(lt, key);
    if (c >= 0) {
        row->cells[c].kind = YU_CELL_TEXT;
        row->cells[c].text = text;
    }
}

/* ---- grid tables: rows by code ---- */

enum { AN_CODE = 1, AN_TOTAL, AN_HALF, AN_MISPRINT, AN_SINGLE };

typedef struct gan {      /* a row: the line that starts it */
    int line, half, kind;
    char code[12];
    char printed[32];     /* the code as printed, when misprinted */
    const char *name;     /* name assembled from its fragments */
    const char *pre;      /* fragments found before the row's line */
    const char *cat;      /* the catalogue's name for the code, or NULL */
    yu_cell *cells;       /* per layout column */
    int *cline;           /* per column: the line its figure came from */
} gan;

typedef struct gfl {      /* a figure or name fragment on a line without a row */
    int line, half, col;  /* col -1: a name fragment */
    const tok *t;
} gfl;

typedef struct grid {
    rd *r;
    tctx *X;
    anc *A;               /* anchors, nh * ncols */
    int nh;
    int code_lim[4];      /* per half: code parts lie left of this column */
    int val_lo[4];        /* per half: figures lie right of this column */
    int half_lo[4];       /* per half: first column of the half */
    gan *an; int nan, capan;
    gfl *fl; int nfl, capfl;
    /* per page: where the figures of a line that fills every column are
     * (pdftotext -layout spaces each page its own way) */
    int cal_page[16];
    anc *cal[16];
    int ncal;
    /* per page: the anchors of the header the page repeats (a table over
     * several pages: pdftotext -layout places each page's header anew) */
    int pa_page[16];
    anc *pa[16];
    int npa;
    /* the lanes of figures of a page: figures that overlap line to line
     * are one column's (a short figure set flush right under a long one) */
    struct lane { int page, a, b; } *lanes;
    int nlanes;
} grid;

/* the header anchors of a page: its own repeated header's, or the table's */
static const anc *page_anchors(const grid *g, int page)
{
    for (int q = 0; q < g->npa; q++)
        if (g->pa_page[q] == page)
            return g->pa[q];
    return g->A;
}

static gan *new_anchor(grid *g, int line, int half, int kind)
{
    if (g->nan == g->capan) {
        int nc = g->capan ? g->capan * 2 : 64;
        gan *na = realloc(g->an, (size_t)nc * sizeof *na);
        if (!na)
            return NULL;
        g->an = na;
        g->capan = nc;
    }
    gan *a = &g->an[g->nan++];
    memset(a, 0, sizeof *a);
    a->line = line;
    a->half = half;
    a->kind = kind;
    a->name = "";
    size_t nc = g->X->T->lt->ncols ? g->X->T->lt->ncols : 1;
    a->cells = yu_arena_alloc(g->r->A, nc * sizeof *a->cells);
    a->cline = yu_arena_alloc(g->r->A, nc * sizeof *a->cline);
    return a->cells && a->cline ? a : NULL;
}

static int push_float(grid *g, int line, int half, int col, const tok *t)
{
    if (g->nfl == g->capfl) {
        int nc = g->capfl ? g->capfl * 2 : 64;
        gfl *nf = realloc(g->fl, (size_t)nc * sizeof *nf);
        if (!nf)
            return -1;
        g->fl = nf;
        g->capfl = nc;
    }
    g->fl[g->nfl++] = (gfl){line, half, col, t};
    return 0;
}

static int half_of(const grid *g, int x)
{
    int h = 0;
    while (h + 1 < g->nh && x >= g->half_lo[h + 1])
        h++;
    return h;
}

/* places a figure in a row's cell; 0 when the cell is taken */
static int place(grid *g, gan *a, int c, const tok *t, int line)
{
    yu_cell *cell = &a->cells[c];
    if (cell->kind != YU_CELL_EMPTY)
        return 0;
    put_value(g->r, g->X, cell, t, is_pct_col(g->X->T->lt->cols[c].key));
    a->cline[c] = line;
    return 1;
}

static const char *cat_name(rd *r, const yu_ltable *lt, const char *code)
{
    if (lt->rows != YU_ROWS_FUNC || !r->func || !code[0])
        return NULL;
    const char *n = yu_catalog_name(r->func, code);
    return n ? yu_canon(r->A, n) : NULL;
}

static const char *join(rd *r, const char *a, const char *b)
{
    return yu_arena_printf(r->A, "%s%s", a, b);
}

/* the code of a misprinted row from the rows above it: "7 11 02" under
 * 210 / 21011 is 2101102 */
static void infer_code(grid *g, gan *a, char parts[][8], int np)
{
    const char *cls = NULL, *kuan = NULL;
    for (int i = g->nan - 2; i >= 0; i--) {
        const gan *p = &g->an[i];
        if (p->half != a->half || (p->kind != AN_CODE && p->kind != AN_MISPRINT))
            continue;
        size_t n = strlen(p->code);
        if (n == 5 && !kuan && !cls)
            kuan = p->code;
        if (n == 3) {
            cls = p->code;
            break;
        }
    }
    if (np == 3 && kuan && !strncmp(kuan + 3, parts[1], 2) && strlen(parts[2]) == 2)
        snprintf(a->code, sizeof a->code, "%s%s", kuan, parts[2]);
    else if (np == 3 && cls && strlen(parts[1]) == 2 && strlen(parts[2]) == 2)
        snprintf(a->code, sizeof a->code, "%s%s%s", cls, parts[1], parts[2]);
    else if (np == 2 && cls && strlen(parts[1]) == 2)
        snprintf(a->code, sizeof a->code, "%s%s", cls, parts[1]);
}

static int is_total_text(const yu_ltable *lt, const char *norm, int *half)
{
    for (int h = 0; h < lt->nhalves; h++) {
        char tmp[128];
        snprintf(tmp, sizeof tmp, "%s", lt->half_label[h]);
        /* labels are compared without spaces */
        char *w = tmp, *o = tmp;
        for (; *w; w++)
            if (*w != ' ')
                *o++ = *w;
        *o = 0;
        if (!strcmp(norm, tmp)) {
            *half = h;
            return AN_HALF;
        }
    }
    const char *tl = lt->total_label ? lt->total_label : "合计";
    if (!strcmp(norm, tl) || !strcmp(norm, "合计") || !strcmp(norm, "总计"))
        return AN_TOTAL;
    return 0;
}

/* One body line of a space-aligned grid: its rows, figures and fragments. */
static int grid_line(grid *g, int i)
{
    rd *r = g->r;
    const ln *L = &r->l[i];
    const yu_ltable *lt = g->X->T->lt;
    int nc = (int)lt->ncols;
    for (int h = 0; h < g->nh; h++) {
        char parts[6][8];
        int np = 0, total = 0, th = h;
        const tok *vals[64];
        int nv = 0;
        const tok *names[16];
        int nn = 0;
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            if (!t->norm[0] || half_of(g, (t->a + t->b) / 2) != h)
                continue;
            int x = (t->a + t->b) / 2;
            int k = is_total_text(lt, t->norm, &th);
            if (k) {
                total = k;
                continue;
            }
            if (t->digits && x < g->code_lim[h] && strlen(t->norm) < 8) {
                if (np < 6)
                    snprintf(parts[np++], 8, "%s", t->norm);
                continue;
            }
            /* a code printed against its name (30207邮电费) */
            size_t nd = 0;
            while (isdigit((unsigned char)t->norm[nd]))
                nd++;
            /* … or the last part of a split code against it (208 05 05机关事业单位…): two digits
             * after a 类 and its 款 read on this line */
            int glued = nd == 2 && np >= 1 && np <= 2 && strlen(parts[0]) == 3;
            for (int k = 1; k < np && glued; k++)
                glued = strlen(parts[k]) == 2;
            if ((nd == 3 || nd == 5 || nd == 7 || glued) && (unsigned char)t->norm[nd] >= 0x80 && x < g->val_lo[h] &&
                (lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON)) {
                if (np < 6)
                    snprintf(parts[np++], 8, "%.*s", (int)nd, t->norm);
                tok *rest = yu_arena_alloc(r->A, sizeof *rest);
                if (rest && nn < 16) {
                    *rest = *t;
                    rest->norm = t->norm + nd;
                    rest->digits = 0;
                    names[nn++] = rest;
                }
                continue;
            }
            if (is_dash(t->norm))
                continue; /* printed for zero */
            if (t->isnum || (!t->digits && t->a >= g->val_lo[h] && strpbrk(t->norm, "0123456789"))) {
                /* a figure, or a figure that cannot be read */
                if (nv < 64)
                    vals[nv++] = t;
                continue;
            }
            if (!t->digits && nn < 16 && !only_dots(t->norm))
                names[nn++] = t;
        }
        gan *a = NULL;
        if (np && (lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON)) {
            size_t l0 = strlen(parts[0]);
            int split = l0 == 3 && np > 1;
            for (int k = 1; k < np; k++)
                split &= strlen(parts[k]) == 2;
            if ((np == 1 && (l0 == 3 || l0 == 5 || l0 == 7)) || (split && np <= 3)) {
                a = new_anchor(g, i, h, AN_CODE);
                if (!a)
                    return -1;
                for (int k = 0; k < np; k++)
                    snprintf(a->code + strlen(a->code), sizeof a->code - strlen(a->code), "%s", parts[k]);
            } else if (l0 == 2 && np <= 2) {
                /* 款/项 printed on the line under its 类 (two-column tables) */
                gan *p = NULL;
                for (int k = g->nan - 1; k >= 0 && !p; k--)
                    if (g->an[k].half == h)
                        p = &g->an[k];
                if (p && p->kind == AN_CODE && strlen(p->code) + 2 * (size_t)np <= 7 && i - p->line <= 3)
                    for (int k = 0; k < np; k++)
                        snprintf(p->code + strlen(p->code), sizeof p->code - strlen(p->code), "%s", parts[k]);
            } else {
                a = new_anchor(g, i, h, AN_MISPRINT);
                if (!a)
                    return -1;
                for (int k = 0; k < np; k++)
                    snprintf(a->printed + strlen(a->printed), sizeof a->printed - strlen(a->printed), "%s%s",
                             k ? " " : "", parts[k]);
                infer_code(g, a, parts, np);
            }
        } else if (total) {
            a = new_anchor(g, i, th, total);
            if (!a)
                return -1;
        }
        /* figures: to value columns of this half, in order */
        int cols[64], m = 0;
        for (int c = 0; c < nc && m < 64; c++)
            if (is_value_col(lt->cols[c].key) && g->A[h * nc + c].x >= 0)
                cols[m++] = h * nc + c;
        int out[64];
        /* each figure as wide as its lane */
        tok lv[64];
        const tok *lvp[64];
        for (int k = 0; k < nv; k++) {
            lv[k] = *vals[k];
            for (int q = 0; q < g->nlanes; q++)
                if (g->lanes[q].page == L->page && vals[k]->a >= g->lanes[q].a && vals[k]->b <= g->lanes[q].b) {
                    lv[k].a = g->lanes[q].a;
                    lv[k].b = g->lanes[q].b;
                    break;
                }
            lvp[k] = &lv[k];
        }
        const anc *AA = g->nh == 1 ? page_anchors(g, L->page) : g->A;
        for (int q = 0; q < g->ncal && g->nh == 1; q++)
            if (g->cal_page[q] == L->page)
                AA = g->cal[q];
        assign_values(lvp, nv, cols, AA, m, out);
        for (int k = 0; k < nv; k++) {
            if (out[k] < 0) {
                r->info->unreadable++;
                continue;
            }
            int c = out[k] % nc;
            if (a && a->kind != AN_SINGLE && place(g, a, c, vals[k], i))
                continue;
            if (push_float(g, i, h, c, vals[k]))
                return -1;
        }
        for (int k = 0; k < nn; k++) {
            if (a && (a->kind == AN_CODE || a->kind == AN_MISPRINT))
                a->name = join(r, a->name, names[k]->norm);
            else if (!a && push_float(g, i, h, -1, names[k]))
                return -1;
        }
    }
    return 0;
}

/* the rows before and after line `line` in a half */
static void neighbours(grid *g, int line, int half, gan **P, gan **N)
{
    *P = *N = NULL;
    for (int k = 0; k < g->nan; k++) {
        gan *a = &g->an[k];
        if (a->half != half)
            continue;
        if (a->line < line)
            *P = a;
        else if (a->line > line && !*N)
            *N = a;
    }
}

/* a name fragment belongs to the row above unless that row's name is
 * complete (it is the catalogue's) or the fragment does not continue it */
static void place_fragment(grid *g, const gfl *f)
{
    gan *P, *N;
    neighbours(g, f->line, f->half, &P, &N);
    const char *s = f->t->norm;
    int to_prev;
    if (!P || (P->kind != AN_CODE && P->kind != AN_MISPRINT))
        to_prev = 0;
    else if (!N || (N->kind != AN_CODE && N->kind != AN_MISPRINT))
        to_prev = 1;
    else if (P->cat) {
        const char *cur = join(g->r, P->pre ? P->pre : "", P->name);
        const char *ext = join(g->r, cur, s);
        to_prev = strcmp(cur, P->cat) && !strncmp(P->cat, ext, strlen(ext));
    } else
        to_prev = 1;
    if (to_prev)
        P->name = join(g->r, P->name, s);
    else if (N && (N->kind == AN_CODE || N->kind == AN_MISPRINT))
        N->pre = join(g->r, N->pre ? N->pre : "", s);
}

/* a figure on a line of its own belongs to the nearest row that has its
 * column free (cells beside a wrapped name are centred on it) */
static void place_float(grid *g, const gfl *f)
{
    gan *P, *N;
    neighbours(g, f->line, f->half, &P, &N);
    int fp = P && P->cells[f->col].kind == YU_CELL_EMPTY;
    int fn = N && N->cells[f->col].kind == YU_CELL_EMPTY;
    gan *to = NULL;
    if (fp && fn)
        to = f->line - P->line < N->line - f->line ? P : N;
    else
        to = fp ? P : fn ? N : NULL;
    if (!to || !place(g, to, f->col, f->t, f->line))
        g->r->info->unreadable++;
}

/* Per page, the lanes of figures (tables of one half): figures that overlap
 * from line to line stand in one column, so a short figure is placed by the
 * extent of the long ones above and below it (pdftotext -layout sets a
 * short figure right of where its column's header suggests).  A page where
 * a lane would hold two figures of one line keeps each figure's own extent. */
static int find_lanes(grid *g, int body, int to)
{
    rd *r = g->r;
    if (g->nh != 1)
        return 0;
    int page = -1, first = g->nlanes;
    for (int i = body; i <= to; i++) {
        const ln *L = i < to ? &r->l[i] : NULL;
        if (!L || L->page != page) {
            /* close the page: its lanes must be clean */
            int clean = 1;
            for (int k = body; k < i && clean; k++) {
                const ln *M = &r->l[k];
                if (M->page != page || M->tabbed)
                    continue;
                for (int q = first; q < g->nlanes && clean; q++) {
                    int in = 0;
                    for (int j = 0; j < M->nt; j++) {
                        const tok *t = &M->t[j];
                        if (t->isnum && !(t->digits && (t->a + t->b) / 2 < g->code_lim[0] && strlen(t->norm) < 8) &&
                            t->a >= g->lanes[q].a && t->b <= g->lanes[q].b)
                            in++;
                    }
                    clean = in <= 1;
                }
            }
            if (!clean)
                g->nlanes = first;
            if (!L)
                break;
            page = L->page;
            first = g->nlanes;
        }
        if (L->tabbed)
            continue;
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            if (!t->isnum || (t->digits && (t->a + t->b) / 2 < g->code_lim[0] && strlen(t->norm) < 8))
                continue;
            int hit = -1;
            for (int q = first; q < g->nlanes; q++)
                if (overlaps(t->a, t->b - 1, g->lanes[q].a, g->lanes[q].b - 1)) {
                    if (hit < 0) {
                        hit = q;
                        if (t->a < g->lanes[q].a) g->lanes[q].a = t->a;
                        if (t->b > g->lanes[q].b) g->lanes[q].b = t->b;
                    } else {
                        /* the figure joins two lanes */
                        if (g->lanes[q].a < g->lanes[hit].a) g->lanes[hit].a = g->lanes[q].a;
                        if (g->lanes[q].b > g->lanes[hit].b) g->lanes[hit].b = g->lanes[q].b;
                        g->lanes[q] = g->lanes[--g->nlanes];
                        q--;
                    }
                }
            if (hit < 0) {
                struct lane *nl = realloc(g->lanes, (size_t)(g->nlanes + 1) * sizeof *nl);
                if (!nl)
                    return -1;
                g->lanes = nl;
                g->lanes[g->nlanes++] = (struct lane){page, t->a, t->b};
            }
        }
    }
    return 0;
}

/* Per page, the columns of the figures of the lines that fill every value
 * column: such a line places each figure in its column for sure. */
static void calibrate(grid *g, int body, int to)
{
    rd *r = g->r;
    const yu_ltable *lt = g->X->T->lt;
    int nc = (int)lt->ncols;
    if (g->nh != 1)
        return;
    int cols[64], m = 0;
    for (int c = 0; c < nc && m < 64; c++)
        if (is_value_col(lt->cols[c].key) && g->A[c].x >= 0)
            cols[m++] = c;
    if (m < 2)
        return;
    for (int i = body; i < to; i++) {
        const ln *L = &r->l[i];
        if (L->tabbed)
            return;
        const tok *v[64];
        int n = 0;
        for (int j = 0; j < L->nt && n < 64; j++) {
            const tok *t = &L->t[j];
            if (t->isnum && !(t->digits && (t->a + t->b) / 2 < g->code_lim[0] && strlen(t->norm) < 8))
                v[n++] = t;
        }
        if (n != m)
            continue;
        int q = 0;
        while (q < g->ncal && g->cal_page[q] != L->page)
            q++;
        if (q == g->ncal) {
            if (g->ncal == 16)
                continue;
            g->cal[q] = yu_arena_alloc(r->A, (size_t)(nc + 1) * sizeof *g->cal[q]);
            if (!g->cal[q])
                return;
            for (int c = 0; c < nc; c++)
                g->cal[q][c] = (anc){-1, 1 << 30, -1, -1, 0, 0};
            g->cal_page[q] = L->page;
            g->ncal++;
        }
        for (int k = 0; k < m; k++) {
            anc *a = &g->cal[q][cols[k]];
            if (v[k]->a < a->a) a->a = v[k]->a;
            if (v[k]->b > a->b) a->b = v[k]->b;
            a->x = (a->a + a->b) / 2;
        }
    }
    /* columns never filled keep the header's place */
    for (int q = 0; q < g->ncal; q++)
        for (int c = 0; c < nc; c++)
            if (g->cal[q][c].x < 0)
                g->cal[q][c] = page_anchors(g, g->cal_page[q])[c];
}

static int body_start(rd *r, int h0, int to, int by_label)
{
    for (int i = h0; i < to; i++) {
        const ln *L = &r->l[i];
        if (is_note(L))
            return i;
        int first = 1;
        for (int j = 0; j < L->nt; j++) {
            const char *n = L->t[j].norm;
            if (!n[0])
                continue;
            if (L->t[j].isnum || (L->t[j].digits && (strlen(n) == 3 || strlen(n) == 5 || strlen(n) == 7)))
                return i;
            /* a 合计 line: alone, or with figures (not the header's 合计 column) */
            if (by_label && first && (!strcmp(n, "合计") || !strcmp(n, "总计"))) {
                int others = 0;
                for (int k = j + 1; k < L->nt; k++)
                    others += L->t[k].norm[0] && !L->t[k].isnum;
                if (!others)
                    return i;
            }
            first = 0;
        }
    }
    return to;
}

/* The headers a table repeats on its next pages: each page's anchors from
 * its own header lines, when they name every value column the table's
 * first header names. */
static void page_headers(grid *g, int body, int to)
{
    rd *r = g->r;
    const yu_table *T = g->X->T;
    const yu_ltable *lt = T->lt;
    int nc = (int)lt->ncols;
    if (g->nh != 1)
        return;
    for (int i = body + 1; i < to && g->npa < 16; i++) {
        if (r->l[i].page == r->l[i - 1].page || r->l[i].tabbed)
            continue;
        int hb = body_start(r, i, to, lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON);
        int hdr = 0;
        for (int k = i; k < hb && !hdr; k++)
            hdr = r->l[k].nt && r->l[k].norm[0] && is_header_line(r, T, &r->l[k]);
        if (!hdr)
            continue;
        anc *pa = yu_arena_alloc(r->A, (size_t)(nc + 1) * sizeof *pa);
        if (!pa)
            return;
        find_anchors(r, T, i, hb, 1, pa);
        int ok = 1;
        for (int c = 0; c < nc && ok; c++)
            if (is_value_col(lt->cols[c].key) && g->A[c].x >= 0 && pa[c].x < 0)
                ok = 0;
        if (!ok)
            continue;
        g->pa_page[g->npa] = r->l[i].page;
        g->pa[g->npa++] = pa;
    }
}

static int header_start(rd *r, int from, int to)
{
    for (int i = from; i < to && i <= from + 4; i++)
        if (is_unit_line(&r->l[i]))
            return i + 1;
    return from + 1;
}

static yu_status read_grid_space(rd *r, tctx *X, int from, int to)
{
    yu_table *T = X->T;
    const yu_ltable *lt = T->lt;
    int nc = (int)lt->ncols;
    grid g;
    memset(&g, 0, sizeof g);
    g.r = r;
    g.X = X;
    g.nh = lt->nhalves > 1 ? lt->nhalves : 1;
    int h0 = header_start(r, from, to);
    int body = body_start(r, h0, to, lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON);
    g.A = yu_arena_alloc(r->A, (size_t)(g.nh * nc + 1) * sizeof *g.A);
    if (!g.A)
        return YU_ENOMEM;
    find_anchors(r, T, h0, body, g.nh, g.A);
    /* the template fits only if the document prints its value columns in
     * the template's order (a 三公 table with 公务接待费 before 公务用车 is
     * another template's: read with this one, its figures would be misplaced) */
    for (int c1 = 0; c1 < nc && g.nh == 1; c1++)
        for (int c2 = c1 + 1; c2 < nc; c2++)
            if (is_value_col(lt->cols[c1].key) && is_value_col(lt->cols[c2].key) && g.A[c1].x >= 0 &&
                g.A[c2].x >= 0 && g.A[c1].exact && g.A[c2].exact && g.A[c1].ln == g.A[c2].ln &&
                g.A[c1].a >= g.A[c2].b) {
                r->info->misfit++;
                c1 = nc;
                break;
            }
    /* halves: each starts halfway between the previous half's last header and its first */
    for (int h = 0; h < g.nh; h++) {
        int lo = 1 << 30, hi = -1;
        for (int c = 0; c < nc; c++)
            if (g.A[h * nc + c].x >= 0) {
                if (g.A[h * nc + c].a < lo) lo = g.A[h * nc + c].a;
                if (g.A[h * nc + c].b > hi) hi = g.A[h * nc + c].b;
            }
        g.half_lo[h] = lo;
        if (h && g.half_lo[h] != 1 << 30) {
            int phi = -1;
            for (int c = 0; c < nc; c++)
                if (g.A[(h - 1) * nc + c].b > phi)
                    phi = g.A[(h - 1) * nc + c].b;
            g.half_lo[h] = phi >= 0 ? (phi + lo) / 2 : lo;
        }
        if (!h)
            g.half_lo[h] = -1;
        /* code parts: left of the name column's header centre */
        int ni = yu_ltable_col(lt, "name");
        int lim = ni >= 0 && g.A[h * nc + ni].x >= 0 ? g.A[h * nc + ni].x : -1;
        if (lim < 0)
            for (int c = 0; c < nc; c++)
                if (is_value_col(lt->cols[c].key) && g.A[h * nc + c].x >= 0 && (lim < 0 || g.A[h * nc + c].a < lim))
                    lim = g.A[h * nc + c].a;
        g.code_lim[h] = lim < 0 ? 0 : lim;
        int vlo = 1 << 30;
        for (int c = 0; c < nc; c++)
            if (is_value_col(lt->cols[c].key) && g.A[h * nc + c].x >= 0 && g.A[h * nc + c].a < vlo)
                vlo = g.A[h * nc + c].a;
        g.val_lo[h] = vlo;
    }
    yu_status st0 = YU_OK;
    page_headers(&g, body, to);
    calibrate(&g, body, to);
    if (find_lanes(&g, body, to))
        st0 = YU_ENOMEM;
    int empty_note = 0;
    yu_status st = st0;
    for (int i = body; i < to && !st; i++) {
        const ln *L = &r->l[i];
        if (!L->nt || !L->norm[0] || is_rule_line(L) || is_unit_line(L) || title_is(r, L->norm, lt) || is_char_line(L))
            continue;
        if (is_note(L)) {
            empty_note = 1;
            T->note = yu_arena_strdup(r->A, L->norm);
            continue;
        }
        if (is_remark(L))
            continue;
        int dummy;
        if (!(L->nt == 1 && is_total_text(lt, L->t[0].norm, &dummy)) && is_header_line(r, T, L))
            continue;
        if (lt->rows == YU_ROWS_SINGLE) {
            int has = 0;
            for (int j = 0; j < L->nt; j++)
                has |= L->t[j].isnum;
            if (!has)
                continue;
            if (!g.nan && !new_anchor(&g, i, 0, AN_SINGLE))
                st = YU_ENOMEM;
        }
        if (!st && grid_line(&g, i))
            st = YU_ENOMEM;
    }
    for (int k = 0; k < g.nan; k++)
        g.an[k].cat = cat_name(r, lt, g.an[k].code);
    for (int k = 0; k < g.nfl && !st; k++) {
        const gfl *f = &g.fl[k];
        if (f->col >= 0) {
            if (lt->rows == YU_ROWS_SINGLE && g.nan) {
                if (!place(&g, &g.an[0], f->col, f->t, f->line))
                    r->info->unreadable++;
            } else
                place_float(&g, f);
        } else if (lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON)
            place_fragment(&g, f);
    }
    /* rows, half by half in the order printed */
    for (int h = 0; h < g.nh && !st; h++)
        for (int k = 0; k < g.nan; k++) {
            gan *a = &g.an[k];
            if (a->half != h)
                continue;
            yu_row *row = add_row(r, T, &X->cap);
            if (!row) {
                st = YU_ENOMEM;
                break;
            }
            memcpy(row->cells, a->cells, (size_t)nc * sizeof *row->cells);
            row->line = r->l[a->line].no;
            row->page = r->l[a->line].page;
            if (g.nh > 1)
                row->key[1] = lt->half_key[h];
            if (a->kind == AN_CODE || a->kind == AN_MISPRINT) {
                snprintf(row->code, sizeof row->code, "%s", a->code);
                size_t cl = strlen(a->code);
                row->level = cl == 3 ? 1 : cl == 5 ? 2 : cl == 7 ? 3 : 0;
                if (a->kind == AN_MISPRINT) {
                    row->flags |= YU_ROW_MISPRINT;
                    if (!row->level) {
                        /* the depth the printed parts show */
                        int parts = 1;
                        for (const char *q = a->printed; *q; q++)
                            parts += *q == ' ';
                        row->level = parts > 3 ? 3 : parts;
                    }
                }
                row->key[0] = yu_arena_strdup(r->A, a->code[0] ? a->code : a->printed);
                row->name = join(r, a->pre ? a->pre : "", a->name);
                set_text_cell(lt, row, "code", a->kind == AN_MISPRINT ? yu_arena_strdup(r->A, a->printed)
                                                                      : yu_arena_strdup(r->A, a->code));
                set_text_cell(lt, row, "name", row->name);
            } else if (a->kind == AN_SINGLE) {
                row->key[0] = "total";
            } else {
                row->flags = YU_ROW_TOTAL;
                row->key[0] = a->kind == AN_HALF ? lt->half_key[a->half] : "total";
                if (a->kind == AN_HALF) {
                    row->name = lt->half_label[a->half];
                    set_text_cell(lt, row, "name", row->name);
                }
                else if (lt->total_pos)
                    set_text_cell(lt, row, lt->cols[lt->total_col].key, lt->total_label);
            }
        }
    free(g.an);
    free(g.fl);
    free(g.lanes);
    /* empty: no figure in it (an empty table may still print its 合计 line) */
    T->empty = 1;
    for (size_t i = 0; i < T->nrows && T->empty; i++)
        for (size_t c = 0; c < lt->ncols; c++)
            if (T->rows[i].cells[c].kind == YU_CELL_MONEY || T->rows[i].cells[c].kind == YU_CELL_PCT ||
                (T->rows[i].cells[c].kind == YU_CELL_TEXT && is_value_col(lt->cols[c].key)))
                T->empty = 0;
    (void)empty_note; /* a note beside figures is kept: D-NOTE-DATA reports it */
    return st;
}

/* Reads a row's code from its first tokens: 2010101, or 201 01 01 split. */
static int row_code(const ln *L, char *code, int *used)
{
    int j = 0;
    while (j < L->nt && !L->t[j].norm[0])
        j++;
    if (j >= L->nt)
        return 0;
    const char *s = L->t[j].norm;
    size_t n = strlen(s);
    if ((n == 3 || n == 5 || n == 7) && yu_all_digits(s, n)) {
        snprintf(code, 12, "%s", s);
        int k = j + 1;
        while (n == 3 && k < L->nt && strlen(code) < 7 && yu_all_digits(L->t[k].norm, 2)) {
            snprintf(code + strlen(code), 12 - strlen(code), "%s", L->t[k].norm);
            k++;
        }
        *used = k;
        return (int)strlen(code);
    }
    return 0;
}

/* tab-separated cells (text extracted cell by cell): columns by position */
static yu_status read_grid_tabbed(rd *r, tctx *X, int from, int to)
{
    yu_table *T = X->T;
    const yu_ltable *lt = T->lt;
    int body = body_start(r, header_start(r, from, to), to, lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON);
    int empty_note = 0;
    for (int i = body; i < to; i++) {
        const ln *L = &r->l[i];
        if (!L->norm[0] || is_rule_line(L) || is_unit_line(L))
            continue;
        if (is_note(L)) {
            empty_note = 1;
            T->note = yu_arena_strdup(r->A, L->norm);
            continue;
        }
        if (is_header_line(r, T, L))
            continue;
        char code[12];
        int used = 0;
        int clen = row_code(L, code, &used);
        int hasnum = 0;
        for (int j = 0; j < L->nt; j++)
            hasnum |= L->t[j].isnum;
        const char *tl = lt->total_label ? lt->total_label : "合计";
        int is_total = !clen && (strstr(L->norm, tl) == L->norm ||
                                 (L->nt > 1 && !L->t[0].norm[0] && !strcmp(L->t[1].norm, tl)));
        if (lt->rows == YU_ROWS_SINGLE && hasnum && !clen)
            is_total = 1;
        if ((!clen && !is_total) || (!hasnum && !clen))
            continue;
        yu_row *row = add_row(r, T, &X->cap);
        if (!row)
            return YU_ENOMEM;
        row->line = L->no;
        row->page = L->page;
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            int c = t->a < (int)lt->ncols ? t->a : -1;
            if (t->norm[0] && c >= 0 && is_value_col(lt->cols[c].key))
                put_value(r, X, &row->cells[c], t, is_pct_col(lt->cols[c].key));
        }
        if (clen) {
            snprintf(row->code, sizeof row->code, "%s", code);
            row->key[0] = yu_arena_strdup(r->A, code);
            row->level = clen == 3 ? 1 : clen == 5 ? 2 : 3;
            for (int j = used; j < L->nt; j++)
                if (L->t[j].norm[0] && !L->t[j].isnum) {
                    row->name = L->t[j].s;
                    break;
                }
            set_text_cell(lt, row, "code", row->code);
            set_text_cell(lt, row, "name", row->name);
        } else {
            row->flags = lt->rows == YU_ROWS_SINGLE ? 0 : YU_ROW_TOTAL;
            row->key[0] = "total";
            if (lt->total_pos)
                set_text_cell(lt, row, lt->cols[lt->total_col].key, lt->total_label);
        }
    }
    T->empty = T->nrows == 0;
    (void)empty_note; /* a note beside figures is kept: D-NOTE-DATA reports it */
    return YU_OK;
}

static yu_status read_grid(rd *r, tctx *X, int from, int to)
{
    int body = body_start(r, header_start(r, from, to), to, 1);
    for (int i = body; i < to; i++)
        if (r->l[i].nt && r->l[i].norm[0])
            return r->l[i].tabbed ? read_grid_tabbed(r, X, from, to) : read_grid_space(r, X, from, to);
    return read_grid_space(r, X, from, to);
}

/* ---- two-sided tables ---- */

/* a layout label (alternatives separated by '|') equal to the canonical text,
 * exactly or once both lose their numbering (1. / 1、 / 一、) */
static int item_label_is(rd *r, const char *label, const char *norm, int loose)
{
    char *alts = yu_arena_strdup(r->A, label);
    if (!alts)
        return 0;
    char *save = NULL;
    for (char *w = strtok_r(alts, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
        const char *c = yu_canon(r->A, w);
        if (!c)
            continue;
        if (!strcmp(c, norm))
            return 1;
        if (loose && !strcmp(strip_number(c), strip_number(norm)))
            return 1;
    }
    return 0;
}

/* the 类 code of a line label (一、一般公共服务支出 / (一)外交支出), or NULL */
static const char *class_of(rd *r, const char *norm)
{
    const char *s = norm;
    if (s[0] == '(' && strchr(s, ')'))
        s = strchr(s, ')') + 1;
    else
        s = strip_title_prefix(s);
    for (size_t i = 0; r->func && i < yu_catalog_size(r->func); i++) {
        const char *code, *name;
        yu_catalog_at(r->func, i, &code, &name);
        if (strlen(code) == 3 && label_eq(r, s, name))
            return code;
    }
    return NULL;
}

static int has_class_items(const yu_ltable *lt)
{
    for (size_t i = 0; i < lt->nitems; i++)
        if (lt->items[i].dynamic)
            return 1;
    return 0;
}

/* the key of a two-sided table's line label; a label printed twice (the
 * (一)一般公共预算拨款 of 本年收入 and of 上年结转) takes the next line of the
 * layout after the one matched last.  NULL when the label is unknown. */
static const char *twoside_key2(rd *r, const yu_ltable *lt, int side, const char *norm, int *cursor, int strict)
{
    for (int loose = 0; loose < 2 - strict; loose++)
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = pass ? 0 : (size_t)(*cursor + 1); i < lt->nitems; i++) {
                const yu_litem *it = &lt->items[i];
                if (it->dynamic || !it->label[side] || !it->label[side][0])
                    continue;
                if (item_label_is(r, it->label[side], norm, loose)) {
                    if (it->kind != YU_LI_PAIR)
                        *cursor = (int)i;
                    return it->key[side];
                }
            }
    if (has_class_items(lt)) {
        const char *c = class_of(r, norm);
        if (c)
            return yu_arena_printf(r->A, "class:%s", c);
    }
    return NULL;
}

static const char *twoside_key(rd *r, const yu_ltable *lt, int side, const char *norm, int *cursor)
{
    return twoside_key2(r, lt, side, norm, cursor, 0);
}

static void mark_pairs(const yu_ltable *lt, yu_row *row)
{
    for (size_t k = 0; k < lt->nitems; k++)
        if (lt->items[k].kind == YU_LI_PAIR &&
            ((row->key[0] && !strcmp(row->key[0], lt->items[k].key[0])) ||
             (row->key[1] && !strcmp(row->key[1], lt->items[k].key[1]))))
            row->flags = YU_ROW_TOTAL;
}

/* tab-separated: label and amount cells by position */
static yu_status read_twoside_tabbed(rd *r, tctx *X, int from, int to)
{
    yu_table *T = X->T;
    const yu_ltable *lt = T->lt;
    int ci[2][2] = {{yu_ltable_col(lt, "in.item"), yu_ltable_col(lt, "in.amount")},
                    {yu_ltable_col(lt, "out.item"), yu_ltable_col(lt, "out.amount")}};
    int cursor[2] = {-1, -1};
    for (int i = header_start(r, from, to); i < to; i++) {
        const ln *L = &r->l[i];
        if (!L->norm[0] || is_rule_line(L) || is_header_line(r, T, L) || is_unit_line(L))
            continue;
        const tok *lab[2] = {NULL, NULL}, *num[2] = {NULL, NULL};
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            if (!t->norm[0] || t->a > 3)
                continue;
            if (t->a % 2)
                num[t->a / 2] = t;
            else
                lab[t->a / 2] = t;
        }
        if (!lab[0] && !lab[1])
            continue;
        yu_row *row = add_row(r, T, &X->cap);
        if (!row)
            return YU_ENOMEM;
        row->line = L->no;
        row->page = L->page;
        for (int s = 0; s < 2; s++) {
            if (lab[s]) {
                if (ci[s][0] >= 0) {
                    row->cells[ci[s][0]].kind = YU_CELL_TEXT;
                    row->cells[ci[s][0]].text = lab[s]->s;
                }
                const char *k = twoside_key(r, lt, s, lab[s]->norm, &cursor[s]);
                row->key[s] = k ? k : yu_arena_strdup(r->A, lab[s]->norm);
            }
            if (num[s] && ci[s][1] >= 0)
                put_value(r, X, &row->cells[ci[s][1]], num[s], 0);
            else if (lab[s] && ci[s][1] >= 0 && !(row->key[s] && !strncmp(row->key[s], "grand", 5))) {
                row->cells[ci[s][1]].kind = YU_CELL_MONEY; /* blank = 0; a blank 总计 stays blank */
                row->cells[ci[s][1]].v = 0;
            }
        }
        row->name = lab[0] ? lab[0]->s : lab[1]->s;
        mark_pairs(lt, row);
    }
    T->empty = 0;
    return YU_OK;
}

typedef struct titem {     /* one line item of a side */
    int line, side;
    const char *text;      /* label so far, canonical */
    const char *shown;     /* label as printed */
    const char *key;       /* layout key, class:CODE, or NULL (unknown) */
    int cursor_after;
    yu_cell *cells;
    int *cline;
} titem;

static int numbered(const char *norm)
{
    return strip_title_prefix(norm) != norm || (norm[0] == '(' && strchr(norm, ')') && strchr(norm, ')') - norm <= 7);
}

/* space-aligned: items per side (labels wrapped over lines are joined),
 * figures to the item on their line, or to the nearest one with the column free */
static yu_status read_twoside_space(rd *r, tctx *X, int from, int to)
{
    yu_table *T = X->T;
    const yu_ltable *lt = T->lt;
    int nc = (int)lt->ncols;
    int h0 = header_start(r, from, to);
    int body = h0;
    /* the header ends at the first line with a figure or a known line label */
    for (; body < to; body++) {
        const ln *L = &r->l[body];
        int hit = 0, cur = -1;
        for (int j = 0; j < L->nt && !hit; j++)
            hit = L->t[j].isnum || twoside_key2(r, lt, 0, L->t[j].norm, &cur, 1) ||
                  twoside_key2(r, lt, 1, L->t[j].norm, &cur, 1);
        if (hit)
            break;
    }
    anc *A = yu_arena_alloc(r->A, (size_t)(nc + 1) * sizeof *A);
    if (!A)
        return YU_ENOMEM;
    find_anchors(r, T, h0, body, 1, A);
    int iin = yu_ltable_col(lt, "in.amount"), oit = yu_ltable_col(lt, "out.item");
    int split = iin >= 0 && A[iin].x >= 0 ? A[iin].x : 30;
    /* value columns of each side */
    int vcols[2][16], nv[2] = {0, 0};
    for (int c = 0; c < nc; c++)
        if (is_value_col(lt->cols[c].key) && A[c].x >= 0) {
            int s = !strncmp(lt->cols[c].key, "out.", 4);
            if (nv[s] < 16)
                vcols[s][nv[s]++] = c;
        }
    int right_from = oit >= 0 && A[oit].x >= 0 ? A[oit].a : split;
    titem *it = NULL;
    int nit = 0, capit = 0;
    gfl *fl = NULL;
    int nfl = 0, capfl = 0;
    int cursor[2] = {-1, -1};
    yu_status st = YU_OK;
    for (int i = body; i < to && !st; i++) {
        const ln *L = &r->l[i];
        if (!L->nt || !L->norm[0] || is_rule_line(L) || is_unit_line(L) || is_remark(L) || is_char_line(L))
            continue;
        const tok *lab[2][4];
        int nl[2] = {0, 0};
        const tok *num[2][16];
        int nn[2] = {0, 0};
        int side = 0, seen_num = 0;
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            if (!t->norm[0])
                continue;
            int x = (t->a + t->b) / 2;
            if (t->isnum) {
                /* the side whose amount columns are nearer */
                int s = 0;
                long best = 1L << 40;
                for (int q = 0; q < 2; q++)
                    for (int k = 0; k < nv[q]; k++) {
                        long d = labs((long)x - A[vcols[q][k]].x);
                        if (d < best) {
                            best = d;
                            s = q;
                        }
                    }
                if (nn[s] < 16)
                    num[s][nn[s]++] = t;
                seen_num = 1;
            } else {
                /* a number (1. / 1、) printed apart from its label joins it */
                int bare = nl[side] && !*strip_title_prefix(lab[side][nl[side] - 1]->norm) && !seen_num;
                if (!bare && (seen_num || nl[0] || t->a > split || (t->a >= right_from && right_from > split)))
                    side = 1;
                if (bare) {
                    tok *m = yu_arena_alloc(r->A, sizeof *m);
                    if (m) {
                        *m = *lab[side][nl[side] - 1];
                        m->s = yu_arena_printf(r->A, "%s %s", m->s, t->s);
                        m->norm = yu_arena_printf(r->A, "%s%s", m->norm, t->norm);
                        m->b = t->b;
                        lab[side][nl[side] - 1] = m;
                    }
                } else if (nl[side] < 4)
                    lab[side][nl[side]++] = t;
            }
        }
        if (!nl[0] && !nl[1] && !nn[0] && !nn[1])
            continue;
        if (is_header_line(r, T, L) && !nn[0] && !nn[1]) {
            int known = 0, cur = -1;
            for (int s = 0; s < 2; s++)
                for (int k = 0; k < nl[s]; k++)
                    known |= twoside_key(r, lt, s, lab[s][k]->norm, &cur) != NULL;
            if (!known)
                continue;
        }
        for (int s = 0; s < 2; s++) {
            titem *cur_it = NULL;
            for (int k = 0; k < nl[s]; k++) {
                const tok *t = lab[s][k];
                /* the previous item of the side, if this continues its label */
                titem *prev = NULL;
                for (int q = nit - 1; q >= 0; q--)
                    if (it[q].side == s) {
                        prev = &it[q];
                        break;
                    }
                int c2 = cursor[s];
                if (prev && !prev->key && i - prev->line <= 2 && !numbered(t->norm) &&
                    !twoside_key(r, lt, s, t->norm, &c2)) {
                    prev->text = join(r, prev->text, t->norm);
                    prev->shown = join(r, prev->shown, t->s);
                    cursor[s] = prev->cursor_after;
                    prev->key = twoside_key(r, lt, s, prev->text, &cursor[s]);
                    prev->cursor_after = cursor[s];
                    cur_it = prev;
                    continue;
                }
                if (nit == capit) {
                    int ncap = capit ? capit * 2 : 64;
                    titem *ni = realloc(it, (size_t)ncap * sizeof *ni);
                    if (!ni) {
                        st = YU_ENOMEM;
                        break;
                    }
                    it = ni;
                    capit = ncap;
                }
                titem *n = &it[nit++];
                memset(n, 0, sizeof *n);
                n->line = i;
                n->side = s;
                n->text = t->norm;
                n->shown = t->s;
                int before = cursor[s];
                n->key = twoside_key(r, lt, s, t->norm, &cursor[s]);
                n->cursor_after = n->key ? cursor[s] : before;
                if (!n->key)
                    cursor[s] = before;
                n->cells = yu_arena_alloc(r->A, (size_t)(nc + 1) * sizeof *n->cells);
                n->cline = yu_arena_alloc(r->A, (size_t)(nc + 1) * sizeof *n->cline);
                if (!n->cells || !n->cline) {
                    st = YU_ENOMEM;
                    break;
                }
                cur_it = n;
            }
            if (st)
                break;
            int out[16];
            const tok *vv[16];
            for (int k = 0; k < nn[s]; k++)
                vv[k] = num[s][k];
            assign_values(vv, nn[s], vcols[s], A, nv[s], out);
            for (int k = 0; k < nn[s]; k++) {
                if (out[k] < 0) {
                    r->info->unreadable++;
                    continue;
                }
                titem *own = cur_it && cur_it->line == i ? cur_it : NULL;
                if (own && own->cells[out[k]].kind == YU_CELL_EMPTY) {
                    put_value(r, X, &own->cells[out[k]], vv[k], 0);
                    own->cline[out[k]] = i;
                    continue;
                }
                if (nfl == capfl) {
                    int ncap = capfl ? capfl * 2 : 64;
                    gfl *nf = realloc(fl, (size_t)ncap * sizeof *nf);
                    if (!nf) {
                        st = YU_ENOMEM;
                        break;
                    }
                    fl = nf;
                    capfl = ncap;
                }
                fl[nfl++] = (gfl){i, s, out[k], vv[k]};
            }
        }
    }
    /* figures on lines of their own: the nearest item of the side with the column free */
    for (int k = 0; k < nfl && !st; k++) {
        const gfl *f = &fl[k];
        titem *P = NULL, *N = NULL;
        for (int q = 0; q < nit; q++) {
            if (it[q].side != f->half)
                continue;
            if (it[q].line <= f->line)
                P = &it[q];
            else if (!N)
                N = &it[q];
        }
        int fp = P && P->cells[f->col].kind == YU_CELL_EMPTY;
        int fn = N && N->cells[f->col].kind == YU_CELL_EMPTY;
        titem *dst = fp && fn ? (f->line - P->line < N->line - f->line ? P : N) : fp ? P : fn ? N : NULL;
        if (dst) {
            put_value(r, X, &dst->cells[f->col], f->t, 0);
            dst->cline[f->col] = f->line;
        } else
            r->info->unreadable++;
    }
    /* rows: the items starting on the same line share a row */
    int ci_item[2] = {yu_ltable_col(lt, "in.item"), oit};
    for (int q = 0; q < nit && !st; q++) {
        if (it[q].side == 1 && q > 0 && it[q - 1].side == 0 && it[q - 1].line == it[q].line)
            continue; /* joined with the left item below */
        yu_row *row = add_row(r, T, &X->cap);
        if (!row) {
            st = YU_ENOMEM;
            break;
        }
        row->line = r->l[it[q].line].no;
        row->page = r->l[it[q].line].page;
        for (int s = 0; s < 2; s++) {
            const titem *x = NULL;
            if (it[q].side == s)
                x = &it[q];
            else if (s == 1 && q + 1 < nit && it[q + 1].side == 1 && it[q + 1].line == it[q].line)
                x = &it[q + 1];
            if (!x)
                continue;
            if (ci_item[s] >= 0) {
                row->cells[ci_item[s]].kind = YU_CELL_TEXT;
                row->cells[ci_item[s]].text = x->shown;
            }
            row->key[s] = x->key ? x->key : x->text;
            for (int c = 0; c < nc; c++)
                if (is_value_col(lt->cols[c].key) && A[c].x >= 0 && !strncmp(lt->cols[c].key, s ? "out." : "in.", s ? 4 : 3)) {
                    if (x->cells[c].kind != YU_CELL_EMPTY)
                        row->cells[c] = x->cells[c];
                    else if (!(row->key[s] && !strncmp(row->key[s], "grand", 5))) {
                        row->cells[c].kind = YU_CELL_MONEY; /* blank = 0; a blank 总计 stays blank */
                        row->cells[c].v = 0;
                    }
                }
        }
        row->name = it[q].shown;
        mark_pairs(lt, row);
    }
    free(it);
    free(fl);
    T->empty = 0;
    return st;
}

static yu_status read_twoside(rd *r, tctx *X, int from, int to)
{
    for (int i = header_start(r, from, to); i < to; i++)
        if (r->l[i].nt && r->l[i].norm[0] && !is_unit_line(&r->l[i]))
            return r->l[i].tabbed ? read_twoside_tabbed(r, X, from, to) : read_twoside_space(r, X, from, to);
    return read_twoside_space(r, X, from, to);
}

/* ---- performance forms ---- */

/* the layout's label for a role of the form, or the central template's */
static const char *perf_label(const yu_ltable *lt, int role)
{
    static const char *const def[YU_PERF_NLABELS] = {"二级项目名称", "年度资金总额", "财政拨款", "上年结转", "其他资金"};
    return lt->perf_label[role] ? lt->perf_label[role] : def[role];
}

/* the text holds one of the '|'-separated labels */
static int has_label(rd *r, const char *norm, const char *labels)
{
    char *alts = yu_arena_strdup(r->A, labels);
    char *save = NULL;
    for (char *w = alts ? strtok_r(alts, "|", &save) : NULL; w; w = strtok_r(NULL, "|", &save)) {
        const char *c = yu_canon(r->A, w);
        if (c && *c && strstr(norm, c))
            return 1;
    }
    return 0;
}

static int starts_label(rd *r, const char *norm, const char *labels)
{
    char *alts = yu_arena_strdup(r->A, labels);
    char *save = NULL;
    for (char *w = alts ? strtok_r(alts, "|", &save) : NULL; w; w = strtok_r(NULL, "|", &save)) {
        const char *c = yu_canon(r->A, w);
        if (c && *c && !strncmp(norm, c, strlen(c)))
            return 1;
    }
    return 0;
}

static yu_status read_perf(rd *r, const yu_ltable *lt, int from, int to)
{
    yu_doc *d = r->d;
    size_t cap = d->nperf;
    int64_t base = unit_base(lt->unit_fen, lt->decimals);
    const char *lname = perf_label(lt, YU_PERF_NAME);
    for (int i = from; i < to; i++) {
        const ln *L = &r->l[i];
        int j0 = 0;
        while (j0 < L->nt && !L->t[j0].norm[0])
            j0++;
        if (j0 >= L->nt || !starts_label(r, L->t[j0].norm, lname))
            continue;
        if (d->nperf == cap) {
            size_t nc = cap ? cap * 2 : 16;
            yu_perf *np = yu_arena_alloc(r->A, nc * sizeof *np);
            if (!np)
                return YU_ENOMEM;
            if (d->nperf)
                memcpy(np, d->perf, d->nperf * sizeof *np);
            d->perf = np;
            cap = nc;
        }
        yu_perf *p = &d->perf[d->nperf++];
        memset(p, 0, sizeof *p);
        yu_project *pj = yu_arena_alloc(r->A, sizeof *pj);
        if (!pj)
            return YU_ENOMEM;
        pj->name = j0 + 1 < L->nt ? L->t[j0 + 1].s : "";
        if (!pj->name[0]) {
            const char *c = yu_canon(r->A, lname);
            pj->name = yu_arena_strdup(r->A, L->t[j0].norm + (c ? strlen(c) : 0));
        }
        pj->id = pj->name;
        pj->department = pj->implementer = pj->goal = "";
        pj->publish = 1;
        p->p = pj;
        int64_t target = -1;
        int in_ind = 0;
        size_t rcap = 0;
        int j = i + 1;
        for (; j < to; j++) {
            const ln *M = &r->l[j];
            int k0 = 0;
            while (k0 < M->nt && !M->t[k0].norm[0])
                k0++;
            if ((k0 < M->nt && starts_label(r, M->t[k0].norm, lname)) || title_is(r, M->norm, lt))
                break;
            /* 项目资金: each figure belongs to the label before it */
            const char *label = NULL;
            for (int k = 0; k < M->nt && !in_ind; k++) {
                const tok *t = &M->t[k];
                if (!t->norm[0])
                    continue;
                if (!t->isnum) {
                    label = t->norm;
                    continue;
                }
                if (!label)
                    continue;
                /* in the forms' own unit when the layout gives one (yu_perf_unit) */
                int64_t v = lt->unit_fen > 0 ? to_unit(t->v, base, lt->unit_fen) : to_doc(r, t->v, base);
                if (has_label(r, label, perf_label(lt, YU_PERF_TOTAL)))
                    p->total = v;
                else if (has_label(r, label, perf_label(lt, YU_PERF_FISCAL)))
                    p->fiscal = v;
                else if (has_label(r, label, perf_label(lt, YU_PERF_CARRY)))
                    p->carry = v;
                else if (has_label(r, label, perf_label(lt, YU_PERF_OTHER)))
                    p->other = v;
                label = NULL;
            }
            const char *w = strstr(M->norm, "分值权重");
            if (w) {
                in_ind = 1;
                const char *q = w + strlen("分值权重");
                while (*q && !isdigit((unsigned char)*q))
                    q++;
                if (*q) {
                    /* a weight is a few points; a longer run of digits is not one */
                    long long wv = strtoll(q, NULL, 10);
                    target = wv >= 0 && wv <= 1000000 ? (int64_t)wv * 100 : 9000;
                } else
                    target = 9000;
                continue;
            }
            if (in_ind && M->nt) {
                const tok *last = NULL;
                for (int k = M->nt - 1; k >= 0; k--)
                    if (M->t[k].norm[0]) {
                        last = &M->t[k];
                        break;
                    }
                if (last && last->isnum) {
                    if (p->nrows == rcap) {
                        size_t nc = rcap ? rcap * 2 : 16;
                        yu_perf_row *nr = yu_arena_alloc(r->A, nc * sizeof *nr);
                        if (!nr)
                            return YU_ENOMEM;
                        if (p->nrows)
                            memcpy(nr, p->rows, p->nrows * sizeof *nr);
                        p->rows = nr;
                        rcap = nc;
                    }
                    yu_perf_row *pr = &p->rows[p->nrows++];
                    pr->l1 = pr->l2 = pr->l3 = pr->value = "";
                    pr->weight = last->v;
                    p->weight_sum += last->v;
                }
            }
        }
        /* a form without 分值权重 has no weights to check: all 100 is 执行率's */
        pj->exec_score = target < 0 ? 100 : (int)(100 - target / 100);
        i = j - 1;
    }
    return YU_OK;
}

/* ---- the narrative: figures tied to cells ---- */

typedef struct segbuf {
    yu_seg *s;
    size_t n, cap;
} segbuf;

static int seg_push(rd *r, segbuf *sb, yu_seg seg)
{
    if (sb->n == sb->cap) {
        size_t nc = sb->cap ? sb->cap * 2 : 16;
        yu_seg *ns = yu_arena_alloc(r->A, nc * sizeof *ns);
        if (!ns)
            return -1;
        if (sb->n)
            memcpy(ns, sb->s, sb->n * sizeof *ns);
        sb->s = ns;
        sb->cap = nc;
    }
    sb->s[sb->n++] = seg;
    return 0;
}

/* reads a number at p ("1,368", "749.4", "38.73"); returns its length */
static size_t read_prose_num(const char *p, int64_t *v100)
{
    size_t n = 0;
    while (isdigit((unsigned char)p[n]) || (p[n] == ',' && isdigit((unsigned char)p[n + 1])) ||
           (p[n] == '.' && isdigit((unsigned char)p[n + 1])))
        n++;
    if (!n || !isdigit((unsigned char)p[0]))
        return 0;
    char buf[64];
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, p, n);
    buf[n] = 0;
    yu_money m;
    if (yu_money_parse(buf, n, 100, &m, NULL) != YU_OK)
        return 0;
    *v100 = m;
    return n;
}

/* the last occurrence of w in [s, e) ending latest; returns its end or NULL */
static const char *last_end(const char *s, const char *e, const char *w)
{
    size_t wl = strlen(w);
    const char *best = NULL;
    if (!wl)
        return NULL;
    for (const char *q = s; (q = strstr(q, w)) && q + wl <= e; q++)
        best = q + wl;
    return best;
}

/* The 项 a paragraph names: a 7-digit code before （项）, or the names
 * “类（类）款（款）项（项）” looked up in the table's rows. */
static const char *item_row(rd *r, const char *para, const char *table)
{
    const char *q = strstr(para, "(项)");
    if (!q)
        return NULL;
    for (const char *x = para; x + 7 <= q; x++)
        if (isdigit((unsigned char)x[0]) && (x == para || !isdigit((unsigned char)x[-1])) &&
            yu_all_digits(yu_arena_strndup(r->A, x, 7), 7) && !isdigit((unsigned char)x[7]))
            return yu_arena_strndup(r->A, x, 7);
    const yu_table *T = NULL;
    for (size_t i = 0; i < r->d->ntables; i++)
        if (!strcmp(r->d->tables[i].lt->id, table))
            T = &r->d->tables[i];
    if (!T)
        return NULL;
    /* the three names, each ending at its marker */
    const char *mk[3] = {"(类)", "(款)", "(项)"};
    const char *nm[3] = {NULL, NULL, NULL};
    const char *start = para;
    for (int k = 0; k < 3; k++) {
        const char *e = strstr(start, mk[k]);
        if (!e)
            continue;
        /* the name begins after the last punctuation or quote before it */
        const char *b = e;
        while (b > start) {
            const char *pb = b - 1;
            while (pb > start && ((unsigned char)*pb & 0xC0) == 0x80)
                pb--;
            uint32_t cp;
            yu_utf8_decode(pb, (size_t)(b - pb), &cp);
            if (cp == '"' || cp == ',' || cp == ':' || cp == 0x3001 || cp == 0x3002 || cp == ';' || cp == ')')
                break;
            b = pb;
        }
        /* without figures a line break put into the name (行政单位离退休85.55) */
        char *nmk = yu_arena_strndup(r->A, b, (size_t)(e - b));
        if (nmk) {
            char *o = nmk;
            for (char *x = nmk; *x; x++)
                if (!isdigit((unsigned char)*x) && *x != '.')
                    *o++ = *x;
            *o = 0;
        }
        nm[k] = nmk;
        start = e + strlen(mk[k]);
    }
    if (!nm[2])
        return NULL;
    /* 类 → its 款 → its 项, else the 款 and 项 names alone, else the 项 name alone */
    for (int strict = 2; strict >= 0; strict--) {
        const char *found = NULL;
        int n = 0;
        const char *cls = NULL, *kuan = NULL;
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_row *w = &T->rows[i];
            const char *wn = yu_canon(r->A, w->name);
            if (!wn)
                continue;
            if (w->level == 1)
                cls = wn, kuan = NULL;
            else if (w->level == 2)
                kuan = wn;
            else if (w->level == 3 && !strcmp(wn, nm[2]) && (strict < 1 || (kuan && nm[1] && !strcmp(kuan, nm[1]))) &&
                     (strict < 2 || (cls && nm[0] && !strcmp(cls, nm[0])))) {
                if (!found || strcmp(found, w->code))
                    n++;
                found = w->code;
            }
        }
        if (n == 1)
            return found;
    }
    return NULL;
}

/* a 类 name (optionally followed by （类）) ending the text: that 类's code */
static const char *class_at_end(rd *r, const char *s, const char *e)
{
    while (e > s && (e[-1] == ':' || e[-1] == ' '))
        e--;
    if (e - s >= 5 && !strncmp(e - 5, "(类)", 5))
        e -= 5;
    for (size_t i = 0; r->func && i < yu_catalog_size(r->func); i++) {
        const char *code, *name;
        yu_catalog_at(r->func, i, &code, &name);
        if (strlen(code) != 3)
            continue;
        const char *c = yu_canon(r->A, name);
        size_t n = c ? strlen(c) : 0;
        if (n && e - s >= (long)n && !strncmp(e - n, c, n))
            return code;
    }
    return NULL;
}

/* Turns one paragraph (canonical text) into segments: text, and figures
 * followed by 万元 or % tied to cells by the section's keywords. */
/* what may follow a figure that has no unit: the end of a clause */
static int bare_end(const char *q)
{
    static const char *const ends[] = {"；", "。", "，", "、", ";", ",", "\n"};
    if (!*q)
        return 1;
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
        if (!strncmp(q, ends[i], strlen(ends[i])))
            return 1;
    return 0;
}

static yu_status claims(rd *r, const char *para, const yu_lsection *S, segbuf *sb)
{
    const char *p = para, *last = para;
    const char *cur_table = NULL, *cur_row = NULL; /* the subject of 增加/减少 */
    const char *item = S && S->items_table ? item_row(r, para, S->items_table) : NULL;
    /* a paragraph on a 项: its figures speak of that 项 or of nothing */
    int item_para = S && S->items_table && strstr(para, "(项)");
    int64_t pbase = unit_base(r->L->prose_fen, r->L->prose_decimals);
    while (*p) {
        int64_t v;
        size_t n = (p == para || !isdigit((unsigned char)p[-1])) ? read_prose_num(p, &v) : 0;
        int is_wan = n && !strncmp(p + n, "万元", 6);
        int is_pct = n && p[n] == '%';
        /* “…拨款支出预算为0；”: a zero needs no unit, and says as much as 0万元 */
        int is_zero = n && !is_wan && !is_pct && !v && p - para >= 3 && !strncmp(p - 3, "为", 3) && bare_end(p + n);
        if (is_zero)
            is_wan = 1;
        if (!is_wan && !is_pct) {
            p++;
            continue;
        }
        yu_seg ts = {0};
        ts.kind = YU_SEG_TEXT;
        ts.text = yu_arena_strndup(r->A, last, (size_t)(p - last));
        if (seg_push(r, sb, ts))
            return YU_ENOMEM;
        yu_seg fs = {0};
        if (is_pct) {
            fs.kind = YU_SEG_PCT;
            fs.v = v;
        } else {
            fs.kind = YU_SEG_MONEY;
            fs.v = to_doc(r, v, pbase);
            {
                const char *dot = memchr(p, '.', n);
                fs.printed = (uint8_t)(1 + (dot ? (size_t)(p + n - dot - 1) : 0));
            }
            /* which cell: the keyword ending latest between the previous figure and this one */
            const char *best = NULL, *bword = NULL;
            const yu_lclaim *bk = NULL;
            int bitem = 0;
            for (int pass = 0; S && pass < 2; pass++) {
                const yu_lclaim *cl = pass ? S->items : S->claims;
                size_t ncl = pass ? (item_para ? S->nitems : 0) : S->nclaims;
                for (size_t k = 0; k < ncl; k++) {
                    const char *w = yu_canon(r->A, cl[k].word);
                    const char *hit = w ? last_end(last, p, w) : NULL;
                    /* the keyword ending last; of two ending together the longer (an
                     * item's keyword when as long: its paragraph names the row) */
                    if (hit && (!best || hit > best ||
                                (hit == best && (strlen(w) > strlen(bword) || (pass && strlen(w) == strlen(bword)))))) {
                        best = hit;
                        bword = w;
                        bk = &cl[k];
                        bitem = pass;
                    }
                }
            }
            const char *cls = S && S->classes_table ? class_at_end(r, last, p) : NULL;
            const char *window = yu_arena_strndup(r->A, last, (size_t)(p - last));
            int change = window && (strstr(window, "增加") || strstr(window, "减少"));
            if (change && cur_table) {
                fs.table = cur_table;
                fs.row = cur_row;
                fs.col = "diff"; /* as written: the size of the change */
            } else if (bk && bitem) {
                if (item) {
                    fs.table = S->items_table;
                    fs.row = item;
                    fs.col = bk->ref.col;
                }
            } else if (bk && !bk->ref.table) {
                /* a keyword that speaks of no cell */
            } else if (bk && !cls) {
                fs.table = bk->ref.table;
                fs.row = bk->ref.row;
                fs.col = bk->ref.col;
            } else if (cls) {
                fs.table = S->classes_table;
                fs.row = yu_arena_printf(r->A, "%s%s", strncmp(S->classes_col, "out.", 4) ? "" : "class:", cls);
                fs.col = S->classes_col;
            }
            if (fs.table && strcmp(fs.col, "diff")) {
                cur_table = fs.table;
                cur_row = fs.row;
            }
            if (fs.table)
                r->info->claims++;
        }
        if (seg_push(r, sb, fs))
            return YU_ENOMEM;
        p += n;
        last = p;
    }
    yu_seg ts = {0};
    ts.kind = YU_SEG_TEXT;
    ts.text = yu_arena_strdup(r->A, last);
    return seg_push(r, sb, ts) ? YU_ENOMEM : YU_OK;
}

static int is_heading(const char *norm)
{
    static const char *const cn[] = {"一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"};
    for (int i = 0; i < 10; i++)
        if (!strncmp(norm, cn[i], strlen(cn[i])))
            return 1;
    if (norm[0] == '(' && strstr(norm, ")") && strlen(norm) < 80 && !strstr(norm, "。"))
        return 2;
    return 0;
}

/* a paragraph starting with its own number: 1. / 1、 / (1) / （一） */
static int is_item_start(const char *norm)
{
    const char *p = norm;
    if (*p == '(') {
        p++;
        if (isdigit((unsigned char)*p))
            return 1;
        return strip_title_prefix(norm) != norm;
    }
    if (isdigit((unsigned char)*p)) {
        while (isdigit((unsigned char)*p))
            p++;
        return (*p == '.' && !isdigit((unsigned char)p[1])) || !strncmp(p, "、", 3);
    }
    return 0;
}

typedef struct blockbuf {
    yu_block *b;
    size_t n, cap;
} blockbuf;

static yu_block *push_block(rd *r, blockbuf *bb, yu_block_kind k)
{
    if (bb->n == bb->cap) {
        size_t nc = bb->cap ? bb->cap * 2 : 64;
        yu_block *nb = yu_arena_alloc(r->A, nc * sizeof *nb);
        if (!nb)
            return NULL;
        if (bb->n)
            memcpy(nb, bb->b, bb->n * sizeof *nb);
        bb->b = nb;
        bb->cap = nc;
    }
    yu_block *b = &bb->b[bb->n++];
    memset(b, 0, sizeof *b);
    b->kind = k;
    return b;
}

/* the section a heading line opens: the one whose heading phrase is the longest found in it */
static const yu_lsection *section_of(rd *r, const char *norm, size_t *len)
{
    const yu_lsection *best = NULL;
    size_t bl = 0;
    for (size_t k = 0; k < r->L->nsections; k++)
        for (size_t h = 0; h < r->L->sections[k].nheading; h++) {
            const char *c = yu_canon(r->A, r->L->sections[k].heading[h]);
            size_t n = c ? strlen(c) : 0;
            if (n > bl && strstr(norm, c)) {
                best = &r->L->sections[k];
                bl = n;
            }
        }
    *len = bl;
    return best;
}

static int is_table_title(rd *r, int i)
{
    for (size_t k = 0; k < r->L->ntables; k++)
        if (r->title_at[k] == i)
            return 1;
    return 0;
}

static yu_status read_region(rd *r, int from, int to, blockbuf *bb)
{
    const yu_lsection *S = NULL;
    yu_buf para;
    yu_buf_init(&para, 0);
    yu_status st = YU_OK;
    int para_line = 0, prev_indent = -1;
    for (int i = from; i <= to && !st; i++) {
        const ln *L = i < to ? &r->l[i] : NULL;
        const char *n = L ? L->norm : NULL;
        /* a heading wrapped onto a short next line (…情况总体说 / 明) is one heading */
        if (n && is_heading(n) && i + 1 < to && r->l[i + 1].norm[0] && strlen(r->l[i + 1].norm) <= 12 &&
            !is_heading(r->l[i + 1].norm) && !strstr(r->l[i + 1].norm, "。")) {
            n = yu_arena_printf(r->A, "%s%s", n, r->l[i + 1].norm);
            i++;
        }
        size_t sl = 0;
        const yu_lsection *ns = n && heading_like(n) ? section_of(r, n, &sl) : NULL;
        int h = n ? is_heading(n) : 1;
        if (ns && !h)
            h = 1;
        int item = n && is_item_start(n) && h != 1;
        /* a new paragraph: a heading, a numbered item, or a line indented
         * deeper than the one before (the first line of a paragraph) */
        int indent_break = L && !L->tabbed && prev_indent >= 0 && L->indent > prev_indent + 1 &&
                           L->indent <= prev_indent + 8 && para.len;
        if ((h || item || indent_break || !L) && para.len) {
            segbuf sb = {0};
            st = claims(r, para.p, S, &sb);
            yu_block *b = push_block(r, bb, YU_B_PARA);
            if (!b)
                st = YU_ENOMEM;
            else {
                b->segs = sb.s;
                b->nsegs = sb.n;
                b->line = para_line;
                b->page = r->l[i < to ? i : to - 1].page;
            }
            para.len = 0;
            para.p[0] = 0;
        }
        if (!n)
            break;
        if (!n[0]) {
            continue;
        }
        prev_indent = L->indent;
        if (h == 1) {
            S = ns;
            yu_block *b = push_block(r, bb, YU_B_H1);
            if (b) {
                b->text = n;
                b->line = L->no;
            }
            prev_indent = -1;
            continue;
        }
        if (h == 2 && !strstr(n, "万元")) {
            yu_block *b = push_block(r, bb, YU_B_H2);
            if (b) {
                b->text = n;
                b->line = L->no;
            }
            prev_indent = -1;
            continue;
        }
        if (!para.len)
            para_line = L->no;
        yu_buf_puts(&para, n);
    }
    yu_buf_free(&para);
    return st;
}

/* The narrative regions of the layout (`narrative FROM TO`). */
static yu_status read_narrative(rd *r, blockbuf *bb)
{
    yu_status st = YU_OK;
    for (size_t k = 0; k < r->L->nnar && !st; k++) {
        int from = region_start(r, r->L->nar_from[k]);
        if (from < 0)
            continue;
        const char *to_w = r->L->nar_to[k];
        int to = r->nl;
        for (int i = from + 1; i < r->nl; i++) {
            if (is_table_title(r, i)) {
                to = i;
                break;
            }
            const char *n = r->l[i].norm;
            if (strcmp(to_w, "@table") && strcmp(to_w, "-") && heading_like(n) && strstr(n, to_w)) {
                to = i;
                break;
            }
        }
        size_t sl;
        /* the FROM line itself when it opens a section (2025年部门预算编制说明) */
        st = read_region(r, section_of(r, r->l[from].norm, &sl) ? from : from + 1, to, bb);
    }
    return st;
}

/* ---- the document ---- */

static void find_unit(rd *r)
{
    static const char *const lead[] = {"预算主管部门:", "预算单位:", "编制部门:", "编制单位:", "单位名称:"};
    static const char *const kinds[] = {"部门预算", "单位预算", "部门决算", "单位决算"};
    for (int i = 0; i < r->nl && i < 15 && !r->b->name; i++) {
        const char *n = r->l[i].norm;
        for (size_t k = 0; k < sizeof lead / sizeof lead[0] && !r->b->name; k++)
            if (!strncmp(n, lead[k], strlen(lead[k])) && n[strlen(lead[k])]) {
                const char *s = n + strlen(lead[k]);
                /* up to the next field (单位：元 on the same line) */
                const char *e = strstr(s, "单位:");
                r->b->name = e ? yu_strndup(s, (size_t)(e - s)) : yu_strdup(s);
            }
    }
    for (int i = 0; i < r->nl && i < 15; i++) {
        const char *n = r->l[i].norm;
        for (size_t k = 0; k < 4 && !r->b->name; k++) {
            const char *p = strstr(n, kinds[k]);
            if (!p)
                continue;
            char *nm = yu_arena_strndup(r->A, n, (size_t)(p - n));
            /* without the year and the level (2025年区级) */
            char *y = nm;
            for (char *q = nm; *q; q++)
                if (q[0] == '2' && yu_all_digits(yu_arena_strndup(r->A, q, 4), 4) && !strncmp(q + 4, "年", 3)) {
                    *q = 0;
                    break;
                }
            if (*y)
                r->b->name = yu_strdup(y);
            else if (i > 0 && r->l[i - 1].norm[0])
                r->b->name = yu_strdup(r->l[i - 1].norm);
        }
        for (const char *q = n; *q; q++)
            if (!r->b->year && (q[0] == '2') && isdigit((unsigned char)q[1]) && isdigit((unsigned char)q[2]) &&
                isdigit((unsigned char)q[3]) && !isdigit((unsigned char)q[4]) && (q == n || !isdigit((unsigned char)q[-1])))
                r->b->year = (int)strtol(q, NULL, 10);
    }
}

/* Two-sided lines naming a 类 the catalogue does not know (an old name:
 * 医疗卫生与计划生育支出) get the code of the 类 the other tables list in
 * that place: between the 类 lines before and after it. */
static void infer_classes(rd *r)
{
    yu_doc *d = r->d;
    /* 类 codes of the grid tables */
    char codes[64][4];
    int nc = 0;
    for (size_t t = 0; t < d->ntables; t++)
        for (size_t i = 0; i < d->tables[t].nrows; i++) {
            const yu_row *w = &d->tables[t].rows[i];
            if (w->level != 1 || strlen(w->code) != 3 || d->tables[t].lt->rows != YU_ROWS_FUNC)
                continue;
            int seen = 0;
            for (int k = 0; k < nc; k++)
                seen |= !strcmp(codes[k], w->code);
            if (!seen && nc < 64)
                memcpy(codes[nc++], w->code, 4);
        }
    for (size_t t = 0; t < d->ntables; t++) {
        yu_table *T = &d->tables[t];
        if (T->lt->shape != YU_SHAPE_TWOSIDE || !has_class_items(T->lt))
            continue;
        for (size_t i = 0; i < T->nrows; i++) {
            yu_row *w = &T->rows[i];
            const char *k = w->key[1];
            if (!k || !strncmp(k, "class:", 6) || !numbered(k) || (w->flags & YU_ROW_TOTAL))
                continue;
            /* an unknown numbered line: a 类 between its neighbours */
            const char *lo = "000", *hi = "999";
            for (size_t j = 0; j < T->nrows; j++) {
                const char *o = T->rows[j].key[1];
                if (!o || strncmp(o, "class:", 6))
                    continue;
                if (j < i && strcmp(o + 6, lo) > 0)
                    lo = o + 6;
                if (j > i && strcmp(o + 6, hi) < 0)
                    hi = o + 6;
            }
            const char *found = NULL;
            int n = 0;
            for (int q = 0; q < nc; q++)
                if (strcmp(codes[q], lo) > 0 && strcmp(codes[q], hi) < 0) {
                    int used = 0;
                    for (size_t j = 0; j < T->nrows; j++)
                        used |= T->rows[j].key[1] && !strncmp(T->rows[j].key[1], "class:", 6) &&
                                !strcmp(T->rows[j].key[1] + 6, codes[q]);
                    if (!used) {
                        found = codes[q];
                        n++;
                    }
                }
            if (n == 1)
                w->key[1] = yu_arena_printf(r->A, "class:%s", found);
        }
    }
}

int yu_layout_score(const yu_layout *L, const char *text, size_t len)
{
    /* compared without white space: PDF titles are often letter-spaced */
    char *flat = malloc(len + 1);
    if (!flat)
        return 0;
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
            flat[k++] = text[i];
    flat[k] = 0;
    int score = 0;
    for (size_t i = 0; i < L->ndetect; i++)
        if (strstr(flat, L->detect[i]))
            score += 2;
    for (size_t i = 0; i < L->ntables; i++)
        if (strstr(flat, L->tables[i].title))
            score++;
    free(flat);
    return score;
}

yu_status yu_audit_text(const char *text, size_t len, const char *name, const yu_layout *L,
                        const yu_catalog *func, yu_doc **out, yu_audit_info *info, yu_error *err)
{
    *out = NULL;
    yu_audit_info dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof *info);
    if (!yu_utf8_valid(text, len))
        return yu_error_set(err, YU_EFORMAT, name, 0, 0, "not UTF-8 text");
    rd r;
    memset(&r, 0, sizeof r);
    r.L = L;
    r.func = func;
    r.info = info;
    r.A = yu_arena_new();
    if (!r.A)
        return yu_error_set(err, YU_ENOMEM, name, 0, 0, "out of memory");
    yu_lines lines = {r.A, NULL, 0};
    yu_status st = yu_lines_read(&lines, text, len);
    r.l = lines.l;
    r.nl = lines.nl;
    yu_doc *d = yu_arena_alloc(r.A, sizeof *d);
    r.b = yu_budget_new();
    r.title_at = yu_arena_alloc(r.A, (L->ntables + 1) * sizeof *r.title_at);
    if (st || !d || !r.b || !r.title_at) {
        free(r.l);
        yu_budget_free(r.b);
        yu_arena_free(r.A);
        return yu_error_set(err, YU_ENOMEM, name, 0, 0, "out of memory");
    }
    r.charcols = yu_lines_choose_columns(&lines);
    r.d = d;
    d->arena = r.A;
    d->L = L;
    d->b = r.b;
    d->own_budget = r.b;
    d->func = func;
    d->unit_label = L->unit_label;
    d->decimals = L->decimals;
    find_unit(&r);
    d->title = r.b->name ? r.b->name : "";
    find_titles(&r);
    d->tables = yu_arena_alloc(r.A, (L->ntables + 1) * sizeof *d->tables);
    if (!d->tables)
        st = YU_ENOMEM;
    yu_buf miss;
    yu_buf_init(&miss, 0);
    for (size_t k = 0; k < L->ntables && !st; k++) {
        const yu_ltable *lt = &L->tables[k];
        if (r.title_at[k] < 0) {
            if (!lt->optional) {
                info->tables_expected++;
                yu_buf_printf(&miss, "%s%s", miss.len ? "、" : "", lt->title);
            }
            continue;
        }
        info->tables_expected++;
        info->tables_found++;
        int from = r.title_at[k], to = region_end(&r, from);
        if (lt->shape == YU_SHAPE_PERF) {
            st = read_perf(&r, lt, from, to);
            continue;
        }
        yu_table *T = &d->tables[d->ntables++];
        memset(T, 0, sizeof *T);
        T->lt = lt;
        T->title = lt->title;
        T->hdr = yu_arena_alloc(r.A, (lt->ncols ? lt->ncols : 1) * YU_HDR_MAX * sizeof *T->hdr);
        if (!T->hdr) {
            st = YU_ENOMEM;
            break;
        }
        for (size_t c = 0; c < lt->ncols; c++)
            for (int h = 0; h < lt->cols[c].depth; h++)
                T->hdr[c * YU_HDR_MAX + h] = resolve_year(&r, lt->cols[c].label[h]);
        tctx X;
        memset(&X, 0, sizeof X);
        X.T = T;
        table_unit(&r, &X, from, to);
        st = lt->shape == YU_SHAPE_TWOSIDE ? read_twoside(&r, &X, from, to) : read_grid(&r, &X, from, to);
    }
    snprintf(info->missing, sizeof info->missing, "%s", miss.p ? miss.p : "");
    yu_buf_free(&miss);
    if (!st)
        infer_classes(&r);
    blockbuf bb = {0};
    if (!st)
        st = read_narrative(&r, &bb);
    d->blocks = bb.b;
    d->nblocks = bb.n;
    free(r.l);
    if (st) {
        yu_budget_free(r.b);
        yu_arena_free(r.A);
        return yu_error_set(err, st, name, 0, 0, "out of memory");
    }
    if (!info->tables_found) {
        yu_budget_free(r.b);
        yu_arena_free(r.A);
        return yu_error_set(err, YU_EFORMAT, name, 0, 0,
                            "no table of the %s template found: is it a budget disclosure? (try --template)", L->id);
    }
    *out = d;
    return YU_OK;
}
