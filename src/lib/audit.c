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
 * Everything template-specific comes from the layout file.
 *
 * This file finds the tables and their headers, reads the performance forms
 * and the narrative, and is the entry point; the rows of 科目 tables are read
 * in audit_grid.c, two-sided tables in audit_twoside.c (audit_internal.h). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "audit_internal.h"

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

const char *au_strip_title_prefix(const char *s)
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
const char *au_strip_number(const char *s)
{
    const char *t = au_strip_title_prefix(s);
    return *t ? t : s;
}

int au_label_eq(rd *r, const char *norm, const char *label)
{
    char *c = yu_canon(r->A, label);
    return c && !strcmp(norm, c);
}

int au_title_is(rd *r, const char *norm, const yu_ltable *t)
{
    if (strstr(norm, "…") || strstr(norm, "..."))
        return 0;
    const char *s = au_strip_title_prefix(norm);
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
    if (au_label_eq(r, s, t->title))
        return 1;
    for (size_t i = 0; i < t->naliases; i++)
        if (au_label_eq(r, s, t->aliases[i]))
            return 1;
    return 0;
}

int au_is_unit_line(const ln *L)
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


void au_find_titles(rd *r)
{
    for (int pass = 0; pass < 2; pass++)
    for (size_t k = 0; k < r->L->ntables; k++) {
        const yu_ltable *t = &r->L->tables[k];
        if ((t->shape == YU_SHAPE_PERF) != pass)
            continue;
        r->title_at[k] = -1;
        int first = -1;
        for (int i = 0; i < r->nl; i++) {
            if (!au_title_is(r, r->l[i].norm, t))
                continue;
            if (t->shape == YU_SHAPE_PERF) {
                /* the first title followed by a form (not the 目录's); with
                 * no form, the last title (the body's, after the 目录's),
                 * where its note that there is none stands */
                first = i;
                int end = au_region_end(r, i);
                for (int j = i + 1; j < end && r->title_at[k] < 0; j++)
                    for (int q = 0; q < r->l[j].nt && q < 2; q++)
                        if (au_starts_label(r, r->l[j].t[q].norm, au_perf_label(t, YU_PERF_NAME)))
                            r->title_at[k] = i;
                if (r->title_at[k] >= 0)
                    break;
                continue;
            }
            /* a table title is followed by its 单位 line */
            for (int j = i + 1; j < r->nl && j <= i + 4; j++)
                if (au_is_unit_line(&r->l[j])) {
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
int au_heading_like(const char *norm)
{
    return *norm && strlen(norm) < 150 && !strstr(norm, "。") && !strstr(norm, "…") && !strstr(norm, "...");
}

/* the start of a narrative region: the last heading-like line holding the phrase */
int au_region_start(rd *r, const char *from)
{
    int at = -1;
    for (int i = 0; i < r->nl; i++) {
        const char *n = r->l[i].norm;
        if (au_heading_like(n) && strstr(au_strip_title_prefix(n), from) && !strstr(n, "……"))
            at = i;
    }
    return at;
}

/* end of the region of the table whose title is at line `from` */
int au_region_end(rd *r, int from)
{
    int end = r->nl;
    for (size_t k = 0; k < r->L->ntables; k++)
        if (r->title_at[k] > from && r->title_at[k] < end)
            end = r->title_at[k];
    for (size_t k = 0; k < r->L->nnar; k++) {
        int s = au_region_start(r, r->L->nar_from[k]);
        if (s > from && s < end)
            end = s;
    }
    return end;
}

/* ---- cells and units ---- */

yu_row *au_add_row(rd *r, yu_table *T, size_t *cap)
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
int64_t au_to_unit(int64_t v100, int64_t base, int64_t unit)
{
    __int128 fen = (__int128)v100 * base / 100;
    __int128 u = unit;
    __int128 q = fen / u, m = fen % u;
    if (2 * (m < 0 ? -m : m) >= u)
        q += fen < 0 ? -1 : 1;
    return (int64_t)q;
}

/* 分 per unit of a layout unit statement: FEN x 10^DECIMALS */
int64_t au_unit_base(int64_t fen, int dec)
{
    while (dec-- > 0)
        fen *= 10;
    return fen;
}

int au_is_value_col(const char *key)
{
    return strcmp(key, "code") && strcmp(key, "name") && strcmp(key, "in.item") && strcmp(key, "out.item");
}

int au_is_pct_col(const char *key)
{
    return strstr(key, "pct") != NULL;
}


void au_put_value(rd *r, tctx *X, yu_cell *c, const tok *t, int is_pct)
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
    /* a figure as the table's own unit (yu_table.unit_fen: its layout's) */
    c->v = is_pct ? t->v : au_to_unit(t->v, X->base, X->T->unit_fen);
}

/* The unit the table's figures are in: the one its 单位 line names, else
 * the layout's.  (Rules take the precision of the figures from the layout.) */
void au_table_unit(rd *r, tctx *X, int from, int to)
{
    const yu_ltable *lt = X->T->lt;
    X->base = au_unit_base(lt->unit_fen, lt->decimals);
    for (int i = from; i < to && i <= from + 4; i++) {
        const char *lab = NULL;
        int64_t base = unit_of_line(&r->l[i], &lab);
        if (base) {
            X->base = base;
            break;
        }
    }
    /* a table printed in another unit than its layout's (a 三公 table in 元
     * where the layout says 万元): its figures are kept in the finer of the
     * layout's unit and the document's, so reading it loses nothing */
    yu_table *T = X->T;
    if (X->base != au_unit_base(lt->unit_fen, lt->decimals) && r->L->unit_fen > 0 && r->L->unit_fen < T->unit_fen) {
        T->unit_fen = r->L->unit_fen;
        T->decimals = r->L->decimals;
        T->unit_label = r->L->unit_label ? r->L->unit_label : "";
    }
}

/* ---- header: where each column is ---- */


/* the canonical label without a leading 2025年 */
static const char *no_year(const char *s)
{
    if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
        isdigit((unsigned char)s[3]) && !strncmp(s + 4, "年", 3))
        return s + 7;
    return s;
}

int au_overlaps(int a1, int b1, int a2, int b2)
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
                            if (ul && au_overlaps(u->a, u->b, t->a, t->b) && got + ul <= wl &&
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

const char *au_resolve_year(rd *r, const char *lab)
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
void au_find_anchors(rd *r, const yu_table *T, int h0, int h1, int nh, anc *out)
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
                lab = yu_canon(r->A, au_resolve_year(r, lt->cols[c].also[k]));
                if (lab && find_label(r, lab, h0, h1, used, ntok, o))
                    break;
            }
        }
}

/* Assigns the figures of a line (sorted by column) to value columns, keeping
 * their order and minimising the distance to each column's header: out[i]
 * is a column index or -1. */
void au_assign_values(const tok *const *v, int n, const int *cols, const anc *A, int m, int *out)
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
int au_only_dots(const char *n)
{
    for (; *n; n += 3)
        if (strncmp(n, "…", 3))
            return 0;
    return 1;
}

/* a dash printed for zero: - — －  */
int au_is_dash(const char *n)
{
    return !strcmp(n, "-") || !strcmp(n, "—") || !strcmp(n, "－") || !strcmp(n, "--") || !strcmp(n, "——");
}

/* ---- lines inside a table that are not rows ---- */

/* a rule line of dashes or box-drawing characters */
int au_is_rule_line(const ln *L)
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
int au_is_note(const ln *L)
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
int au_is_remark(const ln *L)
{
    const char *n = L->norm;
    return !strncmp(n, "注:", 4) || !strncmp(n, "(注:", 5) || !strncmp(n, "说明:", 7);
}

/* a line of single characters (the 类 款 项 under 科目编码), not one
 * character ending a wrapped label */
int au_is_char_line(const ln *L)
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
int au_is_header_line(rd *r, const yu_table *T, const ln *L)
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

void au_set_text_cell(const yu_ltable *lt, yu_row *row, const char *key, const char *text)
{
    int c = yu_ltable_col(lt, key);
    if (c >= 0) {
        row->cells[c].kind = YU_CELL_TEXT;
        row->cells[c].text = text;
    }
}

/* ---- performance forms ---- */

/* the layout's labels for a role of the form: the label before the field in its
 * `form` row, then the `perf` statement's (layout.c); "" when none */
const char *au_perf_label(const yu_ltable *lt, int role)
{
    return lt->perf_label[role] ? lt->perf_label[role] : "";
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

int au_starts_label(rd *r, const char *norm, const char *labels)
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
    int64_t base = au_unit_base(lt->unit_fen, lt->decimals);
    const char *lname = au_perf_label(lt, YU_PERF_NAME);
    for (int i = from; i < to; i++) {
        const ln *L = &r->l[i];
        int j0 = 0;
        while (j0 < L->nt && !L->t[j0].norm[0])
            j0++;
        if (j0 >= L->nt || !au_starts_label(r, L->t[j0].norm, lname))
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
        /* the forms' unit: the layout's perf table's own, else the document's */
        int own = lt->unit_fen > 0 && lt->unit_label;
        p->unit_label = own ? lt->unit_label : d->unit_label ? d->unit_label : "";
        p->unit_fen = own ? lt->unit_fen : r->L->unit_fen;
        p->decimals = own ? lt->decimals : d->decimals;
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
            if ((k0 < M->nt && au_starts_label(r, M->t[k0].norm, lname)) || au_title_is(r, M->norm, lt))
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
                /* in the forms' own unit (yu_perf.unit_fen) */
                int64_t v = au_to_unit(t->v, base, p->unit_fen);
                if (has_label(r, label, au_perf_label(lt, YU_PERF_TOTAL)))
                    p->total = v;
                else if (has_label(r, label, au_perf_label(lt, YU_PERF_FISCAL)))
                    p->fiscal = v;
                else if (has_label(r, label, au_perf_label(lt, YU_PERF_CARRY)))
                    p->carry = v;
                else if (has_label(r, label, au_perf_label(lt, YU_PERF_OTHER)))
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
    int64_t pfen = r->L->prose_fen > 0 ? r->L->prose_fen : 1;
    int64_t pbase = au_unit_base(pfen, r->L->prose_decimals);
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
            /* resolved as the engine resolves a compiled figure: the printed
             * figure in the narrative's unit (unit_fen 分 per last digit) */
            fs.unit_fen = pfen;
            fs.decimals = (uint8_t)r->L->prose_decimals;
            fs.v = au_to_unit(v, pbase, pfen);
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
        return au_strip_title_prefix(norm) != norm;
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
        const yu_lsection *ns = n && au_heading_like(n) ? section_of(r, n, &sl) : NULL;
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
        int from = au_region_start(r, r->L->nar_from[k]);
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
            if (strcmp(to_w, "@table") && strcmp(to_w, "-") && au_heading_like(n) && strstr(n, to_w)) {
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
        if (T->lt->shape != YU_SHAPE_TWOSIDE || !au_has_class_items(T->lt))
            continue;
        for (size_t i = 0; i < T->nrows; i++) {
            yu_row *w = &T->rows[i];
            const char *k = w->key[1];
            if (!k || !strncmp(k, "class:", 6) || !au_numbered(k) || (w->flags & YU_ROW_TOTAL))
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
    au_find_titles(&r);
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
        int from = r.title_at[k], to = au_region_end(&r, from);
        if (lt->shape == YU_SHAPE_PERF) {
            st = read_perf(&r, lt, from, to);
            continue;
        }
        yu_table *T = &d->tables[d->ntables++];
        memset(T, 0, sizeof *T);
        T->lt = lt;
        yu__table_unit(d, T);
        T->title = lt->title;
        T->hdr = yu_arena_alloc(r.A, (lt->ncols ? lt->ncols : 1) * YU_HDR_MAX * sizeof *T->hdr);
        if (!T->hdr) {
            st = YU_ENOMEM;
            break;
        }
        for (size_t c = 0; c < lt->ncols; c++)
            for (int h = 0; h < lt->cols[c].depth; h++)
                T->hdr[c * YU_HDR_MAX + h] = au_resolve_year(&r, lt->cols[c].label[h]);
        tctx X;
        memset(&X, 0, sizeof X);
        X.T = T;
        au_table_unit(&r, &X, from, to);
        st = lt->shape == YU_SHAPE_TWOSIDE ? au_read_twoside(&r, &X, from, to) : au_read_grid(&r, &X, from, to);
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
