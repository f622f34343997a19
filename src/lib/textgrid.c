/* Text lines and tokens (textgrid.h). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "textgrid.h"
#include "yusuan/money.h"

/* ---- canonical text ---- */

int yu_is_space_cp(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000 || cp == 0xA0; }

/* the canonical form labels are compared in: no white space, full-width
 * punctuation and digits as ASCII, all quotation marks as " */
char *yu_canon(yu_arena *A, const char *s)
{
    size_t n = strlen(s);
    char *o = yu_arena_alloc(A, n + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int m = yu_utf8_decode(s + i, n - i, &cp);
        i += (size_t)m;
        if (yu_is_space_cp(cp))
            continue;
        char c = 0;
        switch (cp) {
        case 0xFF08: c = '('; break;
        case 0xFF09: c = ')'; break;
        case 0xFF1A: c = ':'; break;
        case 0xFF0E: c = '.'; break;
        case 0xFF05: c = '%'; break;
        case 0xFF0C: c = ','; break;
        case 0xFF0F: c = '/'; break;
        case 0x201C: case 0x201D: case 0xFF02: case 0x300C: case 0x300D: c = '"'; break;
        case 0x2018: case 0x2019: c = '\''; break;
        default:
            if (cp >= 0xFF10 && cp <= 0xFF19)
                c = (char)('0' + (cp - 0xFF10));
        }
        if (c)
            o[k++] = c;
        else {
            memcpy(o + k, s + i - (size_t)m, (size_t)m);
            k += (size_t)m;
        }
    }
    o[k] = 0;
    return o;
}

/* A figure as printed in a table: -1,234.56 / 1234 / 0.00 (ASCII); *dec the
 * decimals printed. */
int yu_parse_figure(const char *s, int64_t *v, int *dec_out)
{
    const char *p = s;
    if (*p == '-')
        p++;
    int digits = 0, group = 0, seen_comma = 0, dec = -1;
    for (const char *q = p; *q; q++) {
        if (isdigit((unsigned char)*q)) {
            digits++;
            if (dec >= 0)
                dec++;
            else
                group++;
        } else if (*q == ',' && dec < 0) {
            if (!group || (seen_comma && group != 3) || (!seen_comma && group > 3))
                return 0;
            seen_comma = 1;
            group = 0;
        } else if (*q == '.' && dec < 0 && digits)
            dec = 0;
        else
            return 0;
    }
    if (!digits || (seen_comma && group != 3) || dec == 0 || dec > 2)
        return 0;
    yu_money m;
    if (yu_money_parse(s, strlen(s), 100, &m, NULL) != YU_OK)
        return 0;
    *v = m;
    if (dec_out)
        *dec_out = dec < 0 ? 0 : dec;
    return 1;
}

int yu_all_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int yu_only_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

/* ---- lines and tokens ---- */

static int push_tok(yu_lines *r, ln *L, int *cap, const char *s, size_t n, int ad, int bd, int ac, int bc)
{
    if (L->nt == *cap) {
        int nc = *cap ? *cap * 2 : 16;
        tok *nt = yu_arena_alloc(r->A, (size_t)nc * sizeof *nt);
        if (!nt)
            return -1;
        if (L->nt)
            memcpy(nt, L->t, (size_t)L->nt * sizeof *nt);
        L->t = nt;
        *cap = nc;
    }
    tok *t = &L->t[L->nt++];
    memset(t, 0, sizeof *t);
    t->s = yu_arena_strndup(r->A, s, n);
    if (!t->s)
        return -1;
    yu_trim(t->s);
    t->norm = yu_canon(r->A, t->s);
    t->a = t->ad = ad;
    t->b = t->bd = bd;
    t->ac = ac;
    t->bc = bc;
    if (!t->norm)
        return -1;
    t->isnum = yu_parse_figure(t->norm, &t->v, &t->dec);
    t->digits = yu_only_digits(t->norm);
    return 0;
}

/* Splits a space-aligned line: runs separated by 2+ spaces (or a full-width
 * space); a run of figures separated by single spaces is split too. */
static int split_spaces(yu_lines *r, ln *L, const char *s)
{
    int cap = 0, col = 0, ccol = 0;
    size_t n = strlen(s), i = 0;
    L->indent = -1;
    while (i < n) {
        uint32_t cp;
        int m = yu_utf8_decode(s + i, n - i, &cp);
        if (yu_is_space_cp(cp)) {
            col += cp == 0x3000 ? 2 : 1;
            ccol++;
            i += (size_t)m;
            continue;
        }
        if (L->indent < 0)
            L->indent = col;
        size_t start = i;
        int a = col, ac = ccol, blanks = 0;
        size_t end = i;
        int endcol = col, endccol = ccol;
        while (i < n) {
            m = yu_utf8_decode(s + i, n - i, &cp);
            if (cp == 0x3000 || cp == '\t')
                break;
            char tmp[8] = {0};
            memcpy(tmp, s + i, (size_t)m);
            int w = cp == ' ' ? 1 : yu_utf8_width(tmp);
            if (cp == ' ') {
                blanks++;
                if (blanks >= 2)
                    break;
            } else {
                blanks = 0;
                end = i + (size_t)m;
                endcol = col + w;
                endccol = ccol + 1;
            }
            col += w;
            ccol++;
            i += (size_t)m;
        }
        /* figures separated by single spaces are separate cells */
        int all_num = 1;
        {
            char *run = yu_arena_strndup(r->A, s + start, end - start);
            if (!run)
                return -1;
            char *save = NULL;
            for (char *w = strtok_r(run, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
                int64_t v;
                if (!yu_parse_figure(w, &v, NULL))
                    all_num = 0;
            }
        }
        /* a figure and a label joined by one space (189,767,551 一、一般公共服务支出) */
        if (!all_num && memchr(s + start, ' ', end - start)) {
            const char *q = s + start;
            while (q < s + end) {
                const char *sp = memchr(q, ' ', (size_t)(s + end - q));
                if (!sp)
                    break;
                char *w1 = yu_arena_strndup(r->A, q, (size_t)(sp - q));
                const char *nx = sp + 1;
                const char *sp2 = memchr(nx, ' ', (size_t)(s + end - nx));
                char *w2 = yu_arena_strndup(r->A, nx, (size_t)((sp2 ? sp2 : s + end) - nx));
                int64_t v;
                int n1 = w1 && yu_parse_figure(w1, &v, NULL) && strpbrk(w1, ",."), n2 = w2 && yu_parse_figure(w2, &v, NULL) && strpbrk(w2, ",.");
                int c1 = w1 && *w1 && (unsigned char)w1[strlen(w1) - 1] >= 0x80, c2 = w2 && (unsigned char)w2[0] >= 0x80;
                /* two words of Chinese, each of two characters or more (基本支出 项目支出) */
                int wide = w1 && w2 && strlen(w1) >= 6 && strlen(w2) >= 6 && yu_utf8_width(w1) == 2 * (int)(strlen(w1) / 3) &&
                           yu_utf8_width(w2) == 2 * (int)(strlen(w2) / 3) && strlen(w1) % 3 == 0 && strlen(w2) % 3 == 0;
                if ((n1 && c2) || (c1 && n2) || wide) {
                    /* split here: the left part, then the rest as its own run */
                    int wl = 0, cl = 0;
                    for (const char *x = s + start; x < sp;) {
                        uint32_t cp2;
                        int m2 = yu_utf8_decode(x, (size_t)(sp - x), &cp2);
                        char tmp[8] = {0};
                        memcpy(tmp, x, (size_t)m2);
                        wl += cp2 == ' ' ? 1 : yu_utf8_width(tmp);
                        cl++;
                        x += m2;
                    }
                    if (push_tok(r, L, &cap, s + start, (size_t)(sp - (s + start)), a, a + wl, ac, ac + cl))
                        return -1;
                    a += wl + 1;
                    ac += cl + 1;
                    start = (size_t)(nx - s);
                    q = nx;
                    continue;
                }
                q = nx;
            }
        }
        if (all_num && memchr(s + start, ' ', end - start)) {
            size_t p = start;
            int pc = a, pcc = ac;
            while (p < end) {
                size_t q = p;
                while (q < end && s[q] != ' ')
                    q++;
                if (push_tok(r, L, &cap, s + p, q - p, pc, pc + (int)(q - p), pcc, pcc + (int)(q - p)))
                    return -1;
                pc += (int)(q - p) + 1;
                pcc += (int)(q - p) + 1;
                p = q + 1;
            }
        } else if (push_tok(r, L, &cap, s + start, end - start, a, endcol, ac, endccol))
            return -1;
    }
    if (L->indent < 0)
        L->indent = 0;
    return 0;
}

static int split_tabs(yu_lines *r, ln *L, const char *s)
{
    int cap = 0, idx = 0;
    const char *p = s;
    for (;;) {
        const char *q = strchr(p, '\t');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (push_tok(r, L, &cap, p, n, idx, idx, idx, idx))
            return -1;
        idx++;
        if (!q)
            break;
        p = q + 1;
    }
    return 0;
}

/* "-4-", "—4—", "第4页", "第4页共18页", "4/18" */
int yu_is_page_number(const char *n)
{
    const char *p = n;
    if (!strncmp(p, "第", 3))
        p += 3;
    while (*p == '-' || !strncmp(p, "—", 3) || !strncmp(p, "－", 3))
        p += *p == '-' ? 1 : 3;
    int d = 0;
    while (isdigit((unsigned char)*p)) {
        p++;
        d++;
    }
    if (!d || d > 4)
        return 0;
    while (*p == '-' || !strncmp(p, "—", 3) || !strncmp(p, "－", 3))
        p += *p == '-' ? 1 : 3;
    if (!strncmp(p, "页", 3)) {
        p += 3;
        if (!strncmp(p, "共", 3)) {
            p += 3;
            while (isdigit((unsigned char)*p))
                p++;
            if (!strncmp(p, "页", 3))
                p += 3;
        }
    } else if (*p == '/') {
        p++;
        while (isdigit((unsigned char)*p))
            p++;
    }
    /* a bare number may be a figure printed on a line of its own: only the
     * decorated forms are page numbers */
    return *p == 0 && (strchr(n, '-') || strstr(n, "页") || strstr(n, "—") || strstr(n, "－") || strchr(n, '/'));
}

/* "…表(续)", "…表（续）", "续表": a title repeated where a table goes on */
int yu_is_continued_title(const char *n)
{
    size_t l = strlen(n);
    if (l > 120 || strpbrk(n, "0123456789"))
        return 0;
    static const char *const suf[] = {"(续)", "（续）", "(续表)", "（续表）"};
    for (size_t i = 0; i < sizeof suf / sizeof suf[0]; i++) {
        size_t s = strlen(suf[i]);
        if (l > s && !strcmp(n + l - s, suf[i]) && strstr(n, "表"))
            return 1;
    }
    return !strcmp(n, "续表");
}

/* ---- figures wrapped in their cell ----
 * A figure too wide for its cell wraps inside it: pdftotext -layout prints
 * its head on one line and its last digit on a line of its own below, both
 * right-aligned in the cell, and the row's other cells (one line high,
 * centred) on the line between:
 *                      299,901.0        262,703.2
 *   公共安全支出                           215,971.06   46,732.14
 *                                   2           0
 * On a page whose figures have two decimals, a line of single digits, each
 * under the end of a one-decimal figure of a line of nothing but such
 * figures (at most two lines above), completes them; the completed figures
 * join the row between when they fall in its free columns. */

/* a figure whose last decimal has wrapped: one decimal printed */
static int wrapped_head(const tok *t) { return t->isnum && t->dec == 1 && strchr(t->norm, '.'); }

static int page_has_two_decimals(const yu_lines *r, int page)
{
    int two = 0, other = 0;
    for (int i = 0; i < r->nl; i++) {
        if (r->l[i].page != page)
            continue;
        for (int k = 0; k < r->l[i].nt; k++) {
            const tok *t = &r->l[i].t[k];
            if (t->isnum && strchr(t->norm, '.'))
                t->dec == 2 ? two++ : other++;
        }
    }
    return two >= 8 && two >= 4 * other;
}

/* does tail digit d sit under the end of head h */
static int under_end(const tok *h, const tok *d)
{
    return (h->bc >= d->bc - 6 && h->bc <= d->bc + 1) || (h->bd >= d->bd - 6 && h->bd <= d->bd + 1);
}

static int overlaps(const ln *L, int a, int b)
{
    for (int k = 0; k < L->nt; k++)
        if (L->t[k].a < b + 2 && L->t[k].b > a - 2)
            return 1;
    return 0;
}

static yu_status join_wrapped(yu_lines *r)
{
    int checked_page = 0, two = 0;
    for (int i = 2; i < r->nl; i++) {
        ln *T = &r->l[i];
        if (!T->nt || T->nt > 8)
            continue;
        int k;
        for (k = 0; k < T->nt && strlen(T->t[k].norm) == 1 && T->t[k].digits; k++)
            ;
        if (k < T->nt)
            continue;
        /* the head line: the nearest non-empty line above of one-decimal figures only */
        int h = i - 1, m = -1;
        while (h >= 0 && h >= i - 3 && !r->l[h].nt)
            h--;
        if (h >= 0 && r->l[h].nt && !wrapped_head(&r->l[h].t[0])) {
            m = h--;
            while (h >= 0 && h >= i - 4 && !r->l[h].nt)
                h--;
        }
        if (h < 0 || r->l[h].nt != T->nt || r->l[h].page != T->page)
            continue;
        ln *H = &r->l[h];
        for (k = 0; k < H->nt && wrapped_head(&H->t[k]) && under_end(&H->t[k], &T->t[k]); k++)
            ;
        if (k < H->nt)
            continue;
        if (checked_page != T->page) {
            checked_page = T->page;
            two = page_has_two_decimals(r, T->page);
        }
        if (!two)
            continue;
        for (k = 0; k < H->nt; k++) {
            tok *t = &H->t[k];
            char *s2 = yu_arena_printf(r->A, "%s%s", t->s, T->t[k].norm);
            char *n2 = yu_arena_printf(r->A, "%s%s", t->norm, T->t[k].norm);
            if (!s2 || !n2)
                return YU_ENOMEM;
            t->s = s2;
            t->norm = n2;
            t->isnum = yu_parse_figure(t->norm, &t->v, &t->dec);
            t->b++, t->bd++, t->bc++;
        }
        T->nt = 0;
        T->norm = "";
        /* the row between takes them when their columns are free on it */
        if (m < 0)
            continue;
        ln *M = &r->l[m];
        for (k = 0; k < H->nt && !overlaps(M, H->t[k].a, H->t[k].b); k++)
            ;
        if (k < H->nt || M->page != H->page)
            continue;
        tok *nt = yu_arena_alloc(r->A, (size_t)(M->nt + H->nt) * sizeof *nt);
        if (!nt)
            return YU_ENOMEM;
        int a = 0, b = 0, o = 0;
        while (a < M->nt || b < H->nt)
            nt[o++] = b >= H->nt || (a < M->nt && M->t[a].a < H->t[b].a) ? M->t[a++] : H->t[b++];
        M->t = nt;
        M->nt = o;
        H->nt = 0;
        H->norm = "";
    }
    return YU_OK;
}

/* ---- tables whose cells are closed by '|' (web pages flattened from their HTML tables) ---- */

/* the cells of a line closed by '|' ("合 计 | 1.8 | 1.52 |", "4432 |", "|"), trimmed, into
 * cell[] (at most max); -1 when the line is not closed by '|' */
static int bar_cells(const char *s, size_t n, const char **cell, size_t *cl, int max)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r' || s[n - 1] == '\t'))
        n--;
    if (!n || s[n - 1] != '|')
        return -1;
    int k = 0;
    size_t a = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '|') {
            size_t b = i;
            while (a < b && (s[a] == ' ' || s[a] == '\t'))
                a++;
            while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
                b--;
            if (k < max) {
                cell[k] = s + a;
                cl[k] = b - a;
            }
            k++;
            a = i + 1;
        }
    return k;
}

/* a figure as such a cell holds one: 4432, 1,368.00, -0.5, 12% */
static int bar_number(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && s[i] == '-')
        i++;
    for (; i < n && (isdigit((unsigned char)s[i]) || s[i] == ','); i++)
        d += s[i] != ',';
    if (i < n && s[i] == '.')
        for (i++; i < n && isdigit((unsigned char)s[i]); i++)
            d++;
    if (i < n && s[i] == '%')
        i++;
    return d && i == n;
}

#define BAR_MAX 64 /* cells of a row put back */

/* A run of lines closed by '|', put back as tabbed rows (as many lines as it had):
 * - a cell a line ("项目 |", "预算数 |", "合计 |", "4432 |", an empty cell "|"): the head's cells
 *   are the ones before the first row's label, which comes just before the first figure; every
 *   row after it is a label and figures (or empty cells) — else the run is left as it is;
 * - a row a line ("合 计 | 1.8 | 1.52 |"): its cells apart by tabs (a last line of one cell, a row
 *   cut short, too).
 * Writes the run into o; returns 0, -1 out of memory. */
static int unbar_run(yu_buf *o, const char *const *line, const size_t *len, int n)
{
    const char *c[BAR_MAX];
    size_t cl[BAR_MAX];
    int single = 1, multi = 1;
    for (int i = 0; i < n; i++) {
        int k = bar_cells(line[i], len[i], c, cl, BAR_MAX);
        single &= k == 1;
        multi &= k >= 2 || (k == 1 && i == n - 1 && n > 1);
    }
    if (single && n >= 4) {
        int f = -1;
        for (int i = 0; i < n && f < 0; i++) {
            bar_cells(line[i], len[i], c, cl, 1);
            if (bar_number(c[0], cl[0]))
                f = i;
        }
        int N = f - 1, ok = f >= 2 && N <= BAR_MAX && n % N == 0;
        for (int i = 0; ok && i < n; i++) {
            bar_cells(line[i], len[i], c, cl, 1);
            int col = i % N, num = bar_number(c[0], cl[0]);
            if (i < N)
                ok = !num; /* the head: words */
            else if (col == 0)
                ok = !num && cl[0]; /* a row's label */
            else
                ok = num || !cl[0]; /* its figures, or empty cells */
        }
        if (ok) {
            /* each row on the line of its first cell, blank lines for the others: the lines
             * after it keep their numbers */
            for (int i = 0; i < n; i++) {
                bar_cells(line[i], len[i], c, cl, 1);
                yu_buf_add(o, c[0], cl[0]);
                yu_buf_puts(o, (i + 1) % N ? "\t" : "\n");
                if ((i + 1) % N == 0)
                    for (int k = 1; k < N; k++)
                        yu_buf_puts(o, "\n");
            }
            return o->oom ? -1 : 0;
        }
    } else if (multi && n >= 2) {
        for (int i = 0; i < n; i++) {
            int k = bar_cells(line[i], len[i], c, cl, BAR_MAX);
            for (int j = 0; j < k && j < BAR_MAX; j++) {
                yu_buf_add(o, c[j], cl[j]);
                yu_buf_puts(o, j + 1 < k ? "\t" : "\n");
            }
        }
        return o->oom ? -1 : 0;
    }
    for (int i = 0; i < n; i++) {
        yu_buf_add(o, line[i], len[i]);
        yu_buf_puts(o, "\n");
    }
    return o->oom ? -1 : 0;
}

/* The text with its '|'-closed tables put back on tabbed rows (unbar_run); NULL and *out_len 0
 * when it has none (the text is read as it is); (char *)-1 out of memory. */
static char *unbar(yu_arena *A, const char *text, size_t len, size_t *out_len)
{
    *out_len = 0;
    /* the lines closed by '|': none, the common case, costs one pass */
    int any = 0;
    for (size_t i = 0; i < len && !any; i++)
        any = text[i] == '|';
    if (!any)
        return NULL;
    yu_buf o;
    yu_buf_init(&o, 0);
    const char **line = NULL;
    size_t *ll = NULL;
    int n = 0, cap = 0, changed = 0;
    size_t i = 0;
    while (i <= len && !o.oom) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        const char *c[1];
        size_t cl[1];
        int bar = i < len && bar_cells(text + i, j - i, c, cl, 1) >= 1;
        if (bar) {
            if (n == cap) {
                int nc = cap ? cap * 2 : 32;
                const char **nl = realloc(line, (size_t)nc * sizeof *nl);
                size_t *nn = nl ? realloc(ll, (size_t)nc * sizeof *nn) : NULL;
                if (nl)
                    line = nl;
                if (!nl || !nn) {
                    o.oom = 1;
                    break;
                }
                ll = nn;
                cap = nc;
            }
            line[n] = text + i;
            ll[n++] = j - i;
        } else {
            if (n) {
                changed = 1;
                if (unbar_run(&o, line, ll, n))
                    break;
                n = 0;
            }
            if (i < len) {
                yu_buf_add(&o, text + i, j - i);
                if (j < len)
                    yu_buf_puts(&o, "\n");
            }
        }
        i = j + 1;
    }
    free(line);
    free(ll);
    if (o.oom) {
        yu_buf_free(&o);
        return (char *)-1;
    }
    char *r = changed ? yu_arena_strndup(A, o.p ? o.p : "", o.len) : NULL;
    if (r)
        *out_len = o.len;
    yu_buf_free(&o);
    return changed && !r ? (char *)-1 : r;
}

yu_status yu_lines_read(yu_lines *r, const char *text, size_t len)
{
    size_t ulen;
    char *u = unbar(r->A, text, len, &ulen);
    if (u == (char *)-1)
        return YU_ENOMEM;
    if (u) {
        text = u;
        len = ulen;
    }
    int cap = 0, page = 1, no = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        no++;
        char *s = yu_arena_strndup(r->A, text + i, j - i);
        if (!s)
            return YU_ENOMEM;
        for (char *f; (f = strchr(s, '\f'));) {
            page++;
            memmove(f, f + 1, strlen(f));
        }
        size_t sl = strlen(s);
        if (sl && s[sl - 1] == '\r')
            s[--sl] = 0;
        if (r->nl == cap) {
            int nc = cap ? cap * 2 : 256;
            ln *nl = realloc(r->l, (size_t)nc * sizeof *nl);
            if (!nl)
                return YU_ENOMEM;
            r->l = nl;
            cap = nc;
        }
        ln *L = &r->l[r->nl++];
        memset(L, 0, sizeof *L);
        L->no = no;
        L->page = page;
        L->tabbed = strchr(s, '\t') != NULL;
        L->norm = yu_canon(r->A, s);
        if (!L->norm || (L->tabbed ? split_tabs(r, L, s) : split_spaces(r, L, s)))
            return YU_ENOMEM;
        if (L->tabbed)
            L->tabbed = L->nt;
        if (yu_is_page_number(L->norm) || yu_is_continued_title(L->norm)) {
            /* a page footer (- 4 -, 第4页, 第4页共18页) or a table's title
             * repeated on its next page (部门支出总表（续）) is not content */
            L->nt = 0;
            L->norm = "";
        }
        i = j + 1;
    }
    return join_wrapped(r);
}

int yu_lines_flat(const yu_lines *r)
{
    int one = 0, two = 0;
    for (int i = 0; i < r->nl; i++) {
        int n = 0;
        for (int k = 0; k < r->l[i].nt; k++)
            n += r->l[i].t[k].isnum;
        one += n >= 1;
        two += n >= 2;
    }
    /* laid-out budgets: a third to all of the lines with a figure carry
     * several (a table row); flat ones: none in a thousand */
    return one >= 40 && two * 50 < one;
}

/* Which columns the text keeps: figures in a column end at the same place.
 * yusuan's txt and PDF text read through poppler align by display width,
 * pdftotext -layout by characters; count the figures whose right edge
 * repeats one on the line before or after (within 6 lines), both ways. */
int yu_lines_choose_columns(yu_lines *r)
{
    long hit[2] = {0, 0};
    for (int i = 0; i < r->nl; i++) {
        const ln *L = &r->l[i];
        if (L->tabbed)
            continue;
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            if (!t->isnum || t->ad == t->ac)
                continue;
            for (int conv = 0; conv < 2; conv++) {
                int e = conv ? t->bc : t->bd;
                int found = 0;
                for (int k = i - 6; k <= i + 6 && !found; k++) {
                    if (k < 0 || k >= r->nl || k == i)
                        continue;
                    const ln *M = &r->l[k];
                    for (int q = 0; q < M->nt; q++)
                        if (M->t[q].isnum && (conv ? M->t[q].bc : M->t[q].bd) == e && M->t[q].ad != M->t[q].ac)
                            found = 1;
                }
                hit[conv] += found;
            }
        }
    }
    if (hit[1] <= hit[0])
        return 0;
    for (int i = 0; i < r->nl; i++) {
        ln *L = &r->l[i];
        if (L->tabbed)
            continue;
        for (int j = 0; j < L->nt; j++) {
            L->t[j].a = L->t[j].ac;
            L->t[j].b = L->t[j].bc;
        }
    }
    return 1;
}


int yu_line_is_tabular(const char *s)
{
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    int gap = 0;
    for (; *p; p++) {
        if (*p == ' ')
            gap++;
        else if (*p == '\t')
            return 1;
        else {
            if (gap >= 4)
                return 1;
            gap = 0;
        }
    }
    return 0;
}

int yu_line_indent(const char *s)
{
    int k = 0;
    for (;;) {
        if (*s == ' ' || *s == '\t')
            k++, s++;
        else if (!strncmp(s, "\xE3\x80\x80", 3))
            k += 2, s += 3;
        else
            return k;
    }
}

const char *yu_print_punct(const char *s, size_t i, size_t lo, size_t hi)
{
    char ch = s[i];
    int num = i > lo && i + 1 < hi && isdigit((unsigned char)s[i - 1]) && isdigit((unsigned char)s[i + 1]);
    switch (ch) {
    case ',': return num ? NULL : "，";
    case ':': return "：";
    case '(': return "（";
    case ')': return "）";
    case ';': return "；";
    default: return NULL;
    }
}
