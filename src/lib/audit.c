/* Audit: reads a published disclosure's text back into a yu_doc.
 *
 * Lines become tokens: tab-separated cells (text extracted cell by cell, like
 * the seed) or runs of text separated by two or more spaces, with their
 * display columns (pdftotext -layout, yusuan's own txt).  Tables are found by
 * the titles in the layout, their columns by the header labels in the layout,
 * rows by 功能/经济分类 codes or by the line labels of two-sided tables.  The
 * narrative's figures become claims tied to table cells (segments with
 * table, row and column), so rules.c checks both alike. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "yusuan/audit.h"
#include "yusuan/rules.h"
#include "internal.h"

typedef struct tok {
    char *s;     /* text, trimmed */
    char *norm;  /* text without any white space */
    int a, b;    /* display columns [a, b), or cell index (a = b = i) when tabbed */
    int isnum;   /* 1: a number */
    int64_t v;   /* the number in hundredths */
} tok;

typedef struct ln {
    int no, page;   /* 1-based line and page */
    int tabbed;     /* cells were tab-separated */
    tok *t;
    int nt;
    char *norm;     /* whole line without white space */
} ln;

typedef struct rd {
    const yu_layout *L;
    const yu_catalog *func;
    yu_arena *A;
    ln *l;
    int nl;
    yu_doc *d;
    yu_budget *b;        /* unit name and year found (owned by the arena-backed doc? no: freed with doc) */
    yu_audit_info *info;
    int *title_at;       /* per layout table: line index of its title, -1 */
    int narrative_from, narrative_to, glossary_from;
} rd;

/* ---- tokens ---- */

static int is_space_cp(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000 || cp == 0xA0; }

static char *norm_of(yu_arena *A, const char *s)
{
    size_t n = strlen(s);
    char *o = yu_arena_alloc(A, n + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int m = yu_utf8_decode(s + i, n - i, &cp);
        if (!is_space_cp(cp)) {
            memcpy(o + k, s + i, (size_t)m);
            k += (size_t)m;
        }
        i += (size_t)m;
    }
    o[k] = 0;
    return o;
}

/* A number as printed in a table: -1,234.56 / 1234 / 0.00 (ASCII). */
static int parse_num(const char *s, int64_t *v)
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
    return 1;
}

static int push_tok(rd *r, ln *L, int *cap, const char *s, size_t n, int a, int b)
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
    t->s = yu_arena_strndup(r->A, s, n);
    if (!t->s)
        return -1;
    yu_trim(t->s);
    t->norm = norm_of(r->A, t->s);
    t->a = a;
    t->b = b;
    t->isnum = t->norm && parse_num(t->norm, &t->v);
    return t->norm ? 0 : -1;
}

/* Splits a space-aligned line: runs separated by 2+ spaces (or a full-width
 * space); a run of numbers separated by single spaces is split too. */
static int split_spaces(rd *r, ln *L, const char *s)
{
    int cap = 0, col = 0;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        /* skip blanks */
        uint32_t cp;
        int m = yu_utf8_decode(s + i, n - i, &cp);
        if (is_space_cp(cp)) {
            col += cp == 0x3000 ? 2 : 1;
            i += (size_t)m;
            continue;
        }
        size_t start = i;
        int a = col, blanks = 0;
        size_t end = i;
        int endcol = col;
        while (i < n) {
            m = yu_utf8_decode(s + i, n - i, &cp);
            if (cp == 0x3000 || cp == '\t')
                break;
            if (cp == ' ') {
                blanks++;
                if (blanks >= 2)
                    break;
            } else {
                blanks = 0;
                end = i + (size_t)m;
                char tmp[8] = {0};
                memcpy(tmp, s + i, (size_t)m);
                endcol = col + yu_utf8_width(tmp);
            }
            char tmp[8] = {0};
            memcpy(tmp, s + i, (size_t)m);
            col += cp == ' ' ? 1 : yu_utf8_width(tmp);
            i += (size_t)m;
        }
        /* numbers separated by single spaces are separate cells */
        size_t p = start;
        int pc = a;
        int all_num = 1;
        {
            char *run = yu_arena_strndup(r->A, s + start, end - start);
            if (!run)
                return -1;
            for (char *w = strtok(run, " "); w; w = strtok(NULL, " ")) {
                int64_t v;
                if (!parse_num(w, &v))
                    all_num = 0;
            }
        }
        if (all_num && memchr(s + start, ' ', end - start)) {
            while (p < end) {
                size_t q = p;
                while (q < end && s[q] != ' ')
                    q++;
                if (push_tok(r, L, &cap, s + p, q - p, pc, pc + (int)(q - p)))
                    return -1;
                pc += (int)(q - p) + 1;
                p = q + 1;
            }
        } else if (push_tok(r, L, &cap, s + start, end - start, a, endcol))
            return -1;
    }
    return 0;
}

static int split_tabs(rd *r, ln *L, const char *s)
{
    int cap = 0, idx = 0;
    const char *p = s;
    for (;;) {
        const char *q = strchr(p, '\t');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (push_tok(r, L, &cap, p, n, idx, idx))
            return -1;
        idx++;
        if (!q)
            break;
        p = q + 1;
    }
    return 0;
}

static yu_status read_lines(rd *r, const char *text, size_t len)
{
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
        L->norm = norm_of(r->A, s);
        if (!L->norm || (L->tabbed ? split_tabs(r, L, s) : split_spaces(r, L, s)))
            return YU_ENOMEM;
        i = j + 1;
    }
    return YU_OK;
}

/* ---- recognising tables ---- */

/* strips 一、 / 1. / （一） / 2024年 prefixes from a normalised title line */
static const char *strip_title_prefix(const char *s)
{
    static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (int pass = 0; pass < 3; pass++) {
        for (int i = 0; i < 10; i++) {
            size_t n = strlen(cn[i]);
            if (!strncmp(s, cn[i], n) && !strncmp(s + n, "、", 3)) {
                s += n + 3;
                break;
            }
        }
        while (isdigit((unsigned char)*s) && (s[1] == '.' || !strncmp(s + 1, "．", 3)))
            s += s[1] == '.' ? 2 : 4;
        if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
            isdigit((unsigned char)s[3]) && !strncmp(s + 4, "年", 3))
            s += 7;
    }
    return s;
}

static int title_is(rd *r, const char *norm, const yu_ltable *t)
{
    if (strstr(norm, "…") || strstr(norm, "..."))
        return 0;
    const char *s = strip_title_prefix(norm);
    char *tn = norm_of(r->A, t->title);
    if (tn && !strcmp(s, tn))
        return 1;
    for (size_t i = 0; i < t->naliases; i++) {
        char *an = norm_of(r->A, t->aliases[i]);
        if (an && !strcmp(s, an))
            return 1;
    }
    return 0;
}

static int is_unit_line(const ln *L)
{
    return strstr(L->norm, "单位：") || strstr(L->norm, "单位:");
}

static void find_titles(rd *r)
{
    for (size_t k = 0; k < r->L->ntables; k++) {
        r->title_at[k] = -1;
        const yu_ltable *t = &r->L->tables[k];
        for (int i = 0; i < r->nl; i++) {
            if (!title_is(r, r->l[i].norm, t))
                continue;
            if (t->shape == YU_SHAPE_PERF) {
                r->title_at[k] = i;
                break;
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
    }
}

/* end of the region of the table whose title is at line `from` */
static int region_end(rd *r, int from)
{
    int end = r->nl;
    for (size_t k = 0; k < r->L->ntables; k++)
        if (r->title_at[k] > from && r->title_at[k] < end)
            end = r->title_at[k];
    for (int i = from + 1; i < end; i++) {
        const char *n = r->l[i].norm;
        if (!strcmp(n, "第三部分") || !strcmp(n, "第四部分") || !strcmp(n, "项目绩效目标表"))
            return i;
    }
    return end;
}

/* ---- cells ---- */

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

static int64_t to_units(const rd *r, int64_t v100)
{
    int dec = r->L->decimals;
    return dec == 2 ? v100 : dec == 0 ? v100 / 100 : v100 * (dec == 1 ? 1 : 10) / (dec == 1 ? 10 : 1);
}

static void put_value(rd *r, yu_cell *c, const tok *t, int is_pct)
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
    c->v = is_pct ? t->v : to_units(r, t->v);
}

static int is_value_col(const char *key)
{
    return strcmp(key, "code") && strcmp(key, "name") && strcmp(key, "in.item") && strcmp(key, "out.item");
}

/* Column anchors from the header lines (space-aligned text): the centre of
 * each column's leaf label, matched left to right. */
static void anchors(rd *r, const yu_table *T, int h0, int h1, int *anc)
{
    const yu_ltable *lt = T->lt;
    for (size_t c = 0; c < lt->ncols; c++)
        anc[c] = -1;
    char used[4096] = {0};
    for (int pass = 0; pass < 2; pass++)
        for (size_t c = 0; c < lt->ncols; c++) {
            if (anc[c] >= 0 || !lt->cols[c].depth)
                continue;
            const char *leaf = T->hdr[c * YU_HDR_MAX + lt->cols[c].depth - 1];
            char *ln_ = norm_of(r->A, leaf);
            int k = 0;
            for (int i = h0; i < h1 && anc[c] < 0; i++)
                for (int j = 0; j < r->l[i].nt && anc[c] < 0; j++, k++) {
                    const tok *t = &r->l[i].t[j];
                    if (k < (int)sizeof used && used[k])
                        continue;
                    int hit = pass == 0 ? !strcmp(t->norm, ln_)
                                        : (strlen(t->norm) >= 6 && strstr(ln_, t->norm) != NULL);
                    if (hit) {
                        anc[c] = (t->a + t->b) / 2;
                        if (k < (int)sizeof used)
                            used[k] = 1;
                    }
                }
        }
}

static int nearest_col(const yu_ltable *lt, const int *anc, int x)
{
    int best = -1, bd = 1 << 30;
    for (size_t c = 0; c < lt->ncols; c++) {
        if (anc[c] < 0 || !is_value_col(lt->cols[c].key))
            continue;
        int d = abs(anc[c] - x);
        if (d < bd) {
            bd = d;
            best = (int)c;
        }
    }
    return best;
}

static int all_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
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
    if ((n == 3 || n == 5 || n == 7) && all_digits(s, n)) {
        snprintf(code, 12, "%s", s);
        *used = j + 1;
        return (int)n;
    }
    /* split: 201 / 05 / 07 */
    if (n == 3 && all_digits(s, 3)) {
        snprintf(code, 12, "%s", s);
        int k = j + 1;
        while (k < L->nt && strlen(code) < 7 && all_digits(L->t[k].norm, 2)) {
            strcat(code, L->t[k].norm);
            k++;
        }
        *used = k;
        return (int)strlen(code);
    }
    return 0;
}

static int is_header_line(rd *r, const yu_table *T, const ln *L)
{
    const yu_ltable *lt = T->lt;
    int hits = 0, nonnum = 0;
    for (int j = 0; j < L->nt; j++) {
        if (!L->t[j].norm[0])
            continue;
        if (L->t[j].isnum)
            return 0;
        nonnum++;
        for (size_t c = 0; c < lt->ncols; c++)
            for (int k = 0; k < lt->cols[c].depth; k++) {
                char *h = norm_of(r->A, T->hdr[c * YU_HDR_MAX + k]);
                if (h && (!strcmp(h, L->t[j].norm) || (strlen(L->t[j].norm) >= 6 && strstr(h, L->t[j].norm))))
                    hits++;
            }
    }
    return nonnum && hits;
}

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

static int is_note(const ln *L)
{
    return (!strncmp(L->norm, "（注", 6) || !strncmp(L->norm, "(注", 4)) && strstr(L->norm, "没有");
}

static void fill_by_position(rd *r, const yu_table *T, const ln *L, int from_tok, const int *anc, yu_row *row)
{
    const yu_ltable *lt = T->lt;
    for (int j = from_tok; j < L->nt; j++) {
        const tok *t = &L->t[j];
        if (!t->norm[0])
            continue;
        int c;
        if (L->tabbed)
            c = t->a < (int)lt->ncols ? t->a : -1;
        else
            c = nearest_col(lt, anc, (t->a + t->b) / 2);
        if (c < 0 || !is_value_col(lt->cols[c].key))
            continue;
        put_value(r, &row->cells[c], t, strstr(lt->cols[c].key, "pct") != NULL);
    }
}

static void set_text_cell(const yu_ltable *lt, yu_row *row, const char *key, const char *text)
{
    int c = yu_ltable_col(lt, key);
    if (c >= 0) {
        row->cells[c].kind = YU_CELL_TEXT;
        row->cells[c].text = text;
    }
}

static yu_status read_grid(rd *r, yu_table *T, int from, int to)
{
    const yu_ltable *lt = T->lt;
    int anc[64];
    size_t cap = 0;
    int h0 = from, body = -1;
    while (h0 < to && !is_unit_line(&r->l[h0]))
        h0++;
    h0++;
    /* the header ends at the first row with a number or a code */
    for (int i = h0; i < to && body < 0; i++) {
        const ln *L = &r->l[i];
        char code[12];
        int used;
        int hasnum = 0;
        for (int j = 0; j < L->nt; j++)
            hasnum |= L->t[j].isnum;
        if (row_code(L, code, &used) || hasnum || is_note(L))
            body = i;
    }
    if (body < 0)
        body = to;
    anchors(r, T, h0, body, anc);
    int empty_note = 0;
    for (int i = body; i < to; i++) {
        const ln *L = &r->l[i];
        if (!L->norm[0] || is_rule_line(L))
            continue;
        if (is_note(L)) {
            empty_note = 1;
            T->note = yu_arena_strdup(r->A, L->norm);
            continue;
        }
        if (is_header_line(r, T, L))
            continue; /* a header repeated on a new page */
        char code[12];
        int used = 0;
        int clen = row_code(L, code, &used);
        int hasnum = 0;
        for (int j = 0; j < L->nt; j++)
            hasnum |= L->t[j].isnum;
        const char *tl = lt->total_label ? lt->total_label : "合计";
        int is_total = !clen && (strstr(L->norm, tl) == L->norm ||
                                 (L->nt && !strcmp(L->t[0].norm, "") && L->nt > 1 && !strcmp(L->t[1].norm, tl)) ||
                                 (!L->tabbed && L->nt && !strcmp(L->t[0].norm, tl)));
        if (lt->rows == YU_ROWS_SINGLE && hasnum && !clen)
            is_total = 1;
        if (!clen && !is_total)
            continue;
        if (!hasnum && !clen)
            continue;
        yu_row *row = add_row(r, T, &cap);
        if (!row)
            return YU_ENOMEM;
        if (clen) {
            snprintf(row->code, sizeof row->code, "%s", code);
            row->key[0] = yu_arena_strdup(r->A, code);
            row->level = clen == 3 ? 1 : clen == 5 ? 2 : 3;
            /* name: the first non-number token after the code */
            for (int j = used; j < L->nt; j++)
                if (L->t[j].norm[0] && !L->t[j].isnum) {
                    row->name = L->t[j].s;
                    used = j + 1;
                    break;
                }
            set_text_cell(lt, row, "code", row->code);
            set_text_cell(lt, row, "name", row->name);
            fill_by_position(r, T, L, L->tabbed ? 0 : used, anc, row);
            /* the tabbed form put code/name cells back as values: restore */
            set_text_cell(lt, row, "code", row->code);
            set_text_cell(lt, row, "name", row->name);
        } else {
            row->flags = lt->rows == YU_ROWS_SINGLE ? 0 : YU_ROW_TOTAL;
            row->key[0] = "total";
            fill_by_position(r, T, L, 0, anc, row);
            if (lt->total_pos)
                set_text_cell(lt, row, lt->cols[lt->total_col].key, lt->total_label);
        }
    }
    T->empty = T->nrows == 0;
    if (!T->empty && empty_note)
        T->note = NULL;
    (void)empty_note;
    return YU_OK;
}

/* the key of a two-sided table's line label; a label printed twice (the
 * (一)一般公共预算拨款 of 本年收入 and of 上年结转) takes the next line of the
 * layout after the one matched last */
static const char *twoside_key(rd *r, const yu_ltable *lt, int side, const char *norm, int *cursor)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = pass ? 0 : (size_t)(*cursor + 1); i < lt->nitems; i++) {
            const yu_litem *it = &lt->items[i];
            if (it->dynamic || !it->label[side] || !it->label[side][0])
                continue;
            char *n = norm_of(r->A, it->label[side]);
            if (n && !strcmp(n, norm)) {
                if (it->kind != YU_LI_PAIR)
                    *cursor = (int)i;
                return it->key[side];
            }
        }
    /* 类 lines: 一、外交支出 / (一)外交支出 */
    const char *s = norm;
    if (!strncmp(s, "(", 1) || !strncmp(s, "（", 3)) {
        const char *e = strstr(s, ")");
        const char *e2 = strstr(s, "）");
        if (e2 && (!e || e2 < e))
            s = e2 + 3;
        else if (e)
            s = e + 1;
    } else
        s = strip_title_prefix(s);
    for (size_t i = 0; i < yu_catalog_size(r->func); i++) {
        const char *code, *name;
        yu_catalog_at(r->func, i, &code, &name);
        if (strlen(code) == 3 && !strcmp(name, s))
            return yu_arena_printf(r->A, "class:%s", code);
    }
    return yu_arena_strdup(r->A, norm);
}

static yu_status read_twoside(rd *r, yu_table *T, int from, int to)
{
    const yu_ltable *lt = T->lt;
    size_t cap = 0;
    int h0 = from;
    while (h0 < to && !is_unit_line(&r->l[h0]))
        h0++;
    h0++;
    int ci[2][2] = {{yu_ltable_col(lt, "in.item"), yu_ltable_col(lt, "in.amount")},
                    {yu_ltable_col(lt, "out.item"), yu_ltable_col(lt, "out.amount")}};
    int anc[64];
    anchors(r, T, h0, to, anc);
    int split = ci[0][1] >= 0 && anc[ci[0][1]] >= 0 ? anc[ci[0][1]] : 30;
    int cursor[2] = {-1, -1};
    for (int i = h0; i < to; i++) {
        const ln *L = &r->l[i];
        if (!L->norm[0] || is_rule_line(L) || is_header_line(r, T, L))
            continue;
        /* assign tokens to sides */
        const tok *lab[2] = {NULL, NULL}, *num[2] = {NULL, NULL};
        int side = 0, seen_num = 0;
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            if (L->tabbed) {
                if (!t->norm[0] || t->a > 3)
                    continue;
                int s = t->a / 2, isamt = t->a % 2;
                if (isamt)
                    num[s] = t;
                else
                    lab[s] = t;
                continue;
            }
            if (!t->norm[0])
                continue;
            if (t->isnum) {
                int s = lab[1] || (!lab[0] && t->a > split + 12) ? 1 : side;
                num[s] = t;
                seen_num = 1;
            } else {
                if (seen_num || lab[0] || t->a > split)
                    side = 1;
                lab[side] = t;
            }
        }
        if (!lab[0] && !lab[1])
            continue;
        yu_row *row = add_row(r, T, &cap);
        if (!row)
            return YU_ENOMEM;
        for (int s = 0; s < 2; s++) {
            if (lab[s]) {
                if (ci[s][0] >= 0) {
                    row->cells[ci[s][0]].kind = YU_CELL_TEXT;
                    row->cells[ci[s][0]].text = lab[s]->s;
                }
                row->key[s] = twoside_key(r, lt, s, lab[s]->norm, &cursor[s]);
            }
            if (num[s] && ci[s][1] >= 0)
                put_value(r, &row->cells[ci[s][1]], num[s], 0);
            else if (lab[s] && ci[s][1] >= 0) {
                row->cells[ci[s][1]].kind = YU_CELL_MONEY; /* blank = 0 */
                row->cells[ci[s][1]].v = 0;
            }
        }
        row->name = lab[0] ? lab[0]->s : lab[1]->s;
        /* pair lines (totals) */
        for (size_t k = 0; k < lt->nitems; k++)
            if (lt->items[k].kind == YU_LI_PAIR &&
                ((row->key[0] && !strcmp(row->key[0], lt->items[k].key[0])) ||
                 (row->key[1] && !strcmp(row->key[1], lt->items[k].key[1]))))
                row->flags = YU_ROW_TOTAL;
    }
    T->empty = 0;
    return YU_OK;
}

/* ---- performance forms ---- */

static yu_status read_perf(rd *r, int from)
{
    yu_doc *d = r->d;
    size_t cap = 0;
    for (int i = from; i < r->nl; i++) {
        const ln *L = &r->l[i];
        if (!strcmp(L->norm, "第三部分"))
            break;
        if (strncmp(L->norm, "二级项目名称", strlen("二级项目名称")))
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
        pj->name = L->nt > 1 ? L->t[1].s : yu_arena_strdup(r->A, L->norm + strlen("二级项目名称"));
        pj->id = pj->name;
        pj->department = pj->implementer = pj->goal = "";
        pj->publish = 1;
        pj->exec_score = 10;
        p->p = pj;
        int64_t target = 9000;
        int in_ind = 0;
        size_t rcap = 0;
        for (int j = i + 1; j < r->nl; j++) {
            const ln *M = &r->l[j];
            if (!strncmp(M->norm, "二级项目名称", strlen("二级项目名称")) || !strcmp(M->norm, "第三部分") ||
                !strcmp(M->norm, "项目绩效目标表"))
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
                if (strstr(label, "年度资金总额"))
                    p->total = to_units(r, t->v);
                else if (strstr(label, "财政拨款"))
                    p->fiscal = to_units(r, t->v);
                else if (strstr(label, "上年结转"))
                    p->carry = to_units(r, t->v);
                else if (strstr(label, "其他资金"))
                    p->other = to_units(r, t->v);
                label = NULL;
            }
            const char *w = strstr(M->norm, "分值权重");
            if (w) {
                in_ind = 1;
                const char *q = w + strlen("分值权重");
                while (*q && !isdigit((unsigned char)*q))
                    q++;
                if (*q)
                    target = strtoll(q, NULL, 10) * 100;
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
        pj->exec_score = (int)(100 - target / 100);
        i++;
    }
    return YU_OK;
}

/* ---- the narrative: figures tied to cells ---- */

typedef struct kw { const char *word, *table, *row, *col; } kw;

typedef struct sect {
    const char *heading; /* a phrase of the section heading */
    const kw *kws;
    size_t n;
    const char *share_base_table, *share_base_row, *share_base_col; /* 占 x% of what */
} sect;

static const kw k_total[] = {{"收支总预算", "summary", "grand_in", "in.amount"}};
static const kw k_income[] = {
    {"收入预算", "summary", "grand_in", "in.amount"}, {"上年结转", "income", "total", "carry"},
    {"一般公共预算拨款收入", "income", "total", "gpb"}, {"政府性基金预算拨款收入", "income", "total", "gf"},
    {"国有资本经营预算拨款收入", "income", "total", "soe"}, {"事业单位经营收入", "income", "total", "jingying"},
    {"事业收入", "income", "total", "shiye"}, {"上级补助收入", "income", "total", "shangji"},
    {"附属单位上缴收入", "income", "total", "fushu"}, {"其他收入", "income", "total", "other"},
    {"使用非财政拨款结余", "income", "total", "use_nf_balance"}};
static const kw k_exp[] = {
    {"支出预算", "expenditure", "total", "total"}, {"基本支出", "expenditure", "total", "basic"},
    {"项目支出", "expenditure", "total", "project"}, {"上缴上级支出", "expenditure", "total", "shangjiao"},
    {"事业单位经营支出", "expenditure", "total", "jingying"}, {"对附属单位补助支出", "expenditure", "total", "fushu"}};
static const kw k_fiscal[] = {
    {"财政拨款收支总预算", "fiscal", "fiscal_grand_in", "in.amount"},
    {"一般公共预算当年拨款收入", "fiscal", "gpb", "in.amount"},
    {"政府性基金预算当年拨款收入", "fiscal", "gf", "in.amount"},
    {"国有资本经营预算当年拨款收入", "fiscal", "soe", "in.amount"},
    {"上年结转", "fiscal", "carry_fiscal", "in.amount"}, {"结转下年", "fiscal", "out_fiscal", "out.amount"}};
static const kw k_gpb[] = {{"一般公共预算当年拨款", "gpb", "total", "total"}};
static const kw k_basic[] = {
    {"一般公共预算基本支出", "basic", "total", "total"}, {"人员经费", "basic", "total", "personnel"},
    {"公用经费", "basic", "total", "public"}};
static const kw k_sangong[] = {
    {"经费财政拨款预算", "sangong", "total", "sg_total"}, {"因公出国（境）费", "sangong", "total", "sg_abroad"},
    {"公务用车购置及运行费", "sangong", "total", "sg_car"}, {"公务用车购置费", "sangong", "total", "sg_car_buy"},
    {"公务用车运行费", "sangong", "total", "sg_car_run"}, {"公务接待费", "sangong", "total", "sg_reception"}};

static const sect sects[] = {
    {"收支预算情况总体说明", k_total, 1, NULL, NULL, NULL},
    {"收入预算情况说明", k_income, sizeof k_income / sizeof k_income[0], "summary", "grand_in", "in.amount"},
    {"支出预算情况说明", k_exp, sizeof k_exp / sizeof k_exp[0], "expenditure", "total", "total"},
    {"财政拨款收支预算情况总体说明", k_fiscal, sizeof k_fiscal / sizeof k_fiscal[0], NULL, NULL, NULL},
    {"一般公共预算当年拨款情况说明", k_gpb, 1, "gpb", "total", "total"},
    {"一般公共预算基本支出情况说明", k_basic, sizeof k_basic / sizeof k_basic[0], NULL, NULL, NULL},
    {"经费预算情况说明", k_sangong, sizeof k_sangong / sizeof k_sangong[0], NULL, NULL, NULL},
};

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
    while (isdigit((unsigned char)p[n]) || p[n] == ',' || (p[n] == '.' && isdigit((unsigned char)p[n + 1])))
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

/* Turns one paragraph (normalised text) into segments: text, and figures
 * followed by 万元 or % tied to cells by the section's keywords. */
static yu_status claims(rd *r, const char *para, const sect *S, segbuf *sb)
{
    const char *p = para, *last = para;
    const char *cur_table = NULL, *cur_row = NULL; /* the subject of 增加/减少 */
    char rowbuf[16] = "";
    /* a 项 paragraph: "(1)2020599外交支出（类）…" */
    const char *cp = para;
    while (*cp && !isdigit((unsigned char)*cp))
        cp++;
    if (S && S->kws == k_gpb) {
        const char *q = strstr(para, "（项）");
        if (q) {
            for (const char *x = para; x < q; x++)
                if (isdigit((unsigned char)x[0]) && all_digits((char[8]){x[0], x[1], x[2], x[3], x[4], x[5], x[6], 0}, 7)) {
                    memcpy(rowbuf, x, 7);
                    rowbuf[7] = 0;
                    break;
                }
        }
    }
    while (*p) {
        int64_t v;
        size_t n = (p == para || !isdigit((unsigned char)p[-1])) ? read_prose_num(p, &v) : 0;
        int is_wan = n && !strncmp(p + n, "万元", 6);
        int is_pct = n && p[n] == '%';
        if (!is_wan && !is_pct) {
            p++;
            continue;
        }
        /* text before the figure */
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
            fs.v = to_units(r, v);
            /* which cell: the latest keyword between the previous figure and this one */
            const char *window = yu_arena_strndup(r->A, last, (size_t)(p - last));
            const char *best = NULL;
            const kw *bk = NULL;
            for (size_t k = 0; S && k < S->n; k++) {
                const char *hit = NULL;
                for (const char *q = window; (q = strstr(q, S->kws[k].word)); q++)
                    hit = q;
                if (hit && (!best || hit > best || (hit == best && strlen(S->kws[k].word) > strlen(bk->word)))) {
                    best = hit;
                    bk = &S->kws[k];
                }
            }
            int incr = strstr(window, "增加") != NULL, decr = strstr(window, "减少") != NULL;
            if ((incr || decr) && cur_table) {
                fs.table = cur_table;
                fs.row = cur_row;
                fs.col = "diff"; /* as written: the size of the change (compiled documents alike) */
            } else if (S && S->kws == k_gpb && rowbuf[0] && strstr(window, "预算")) {
                fs.table = "gpb";
                fs.row = yu_arena_strdup(r->A, rowbuf);
                fs.col = "total";
            } else if (bk) {
                fs.table = bk->table;
                fs.row = bk->row;
                fs.col = bk->col;
            } else if (S && S->kws == k_fiscal) {
                /* 支出为外交支出1,505.35万元: a 类 name */
                for (size_t i = 0; i < yu_catalog_size(r->func); i++) {
                    const char *code, *name;
                    yu_catalog_at(r->func, i, &code, &name);
                    if (strlen(code) == 3 && strstr(window, name)) {
                        fs.table = "fiscal";
                        fs.row = yu_arena_printf(r->A, "class:%s", code);
                        fs.col = "out.amount";
                    }
                }
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
    if (!strncmp(norm, "（", 3) && strstr(norm, "）") && strlen(norm) < 80 && !strstr(norm, "。"))
        return 2;
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

static yu_status read_narrative(rd *r, blockbuf *bb)
{
    if (r->narrative_from < 0)
        return YU_OK;
    const sect *S = NULL;
    yu_buf para;
    yu_buf_init(&para, 0);
    yu_status st = YU_OK;
    for (int i = r->narrative_from; i <= r->narrative_to && !st; i++) {
        const char *n = i < r->narrative_to ? r->l[i].norm : NULL;
        int h = n ? is_heading(n) : 1;
        int item = n && (n[0] == '(' || !strncmp(n, "（", 3)) && isdigit((unsigned char)n[n[0] == '(' ? 1 : 3]);
        if ((h || item || i == r->narrative_to) && para.len) {
            segbuf sb = {0};
            st = claims(r, para.p, S, &sb);
            yu_block *b = push_block(r, bb, YU_B_PARA);
            if (!b)
                st = YU_ENOMEM;
            else {
                b->segs = sb.s;
                b->nsegs = sb.n;
            }
            para.len = 0;
            para.p[0] = 0;
        }
        if (!n)
            break;
        if (h == 1) {
            const sect *ns = NULL;
            for (size_t k = 0; k < sizeof sects / sizeof sects[0]; k++)
                if (strstr(n, sects[k].heading))
                    ns = &sects[k];
            S = ns;
            yu_block *b = push_block(r, bb, YU_B_H1);
            if (b)
                b->text = n;
            continue;
        }
        if (h == 2) {
            yu_block *b = push_block(r, bb, YU_B_H2);
            if (b)
                b->text = n;
            continue;
        }
        yu_buf_puts(&para, n);
    }
    yu_buf_free(&para);
    return st;
}

/* share claims: "X万元，占P%" — checked by rules through a PCT segment after a
 * MONEY segment; the base is the section's */

/* ---- the document ---- */

static void find_unit(rd *r)
{
    for (int i = 0; i < r->nl && i < 15; i++) {
        const char *n = r->l[i].norm;
        const char *p = strstr(n, "部门预算");
        if (p && p > n && !r->b->name) {
            char *nm = yu_arena_strndup(r->A, n, (size_t)(p - n));
            r->b->name = yu_strdup(nm);
        }
        for (const char *q = n; *q; q++)
            if (!r->b->year && (q[0] == '2') && isdigit((unsigned char)q[1]) && isdigit((unsigned char)q[2]) &&
                isdigit((unsigned char)q[3]) && !isdigit((unsigned char)q[4]) && (q == n || !isdigit((unsigned char)q[-1])))
                r->b->year = atoi(q);
    }
}

int yu_layout_score(const yu_layout *L, const char *text, size_t len)
{
    (void)len;
    int score = 0;
    for (size_t i = 0; i < L->ndetect; i++)
        if (strstr(text, L->detect[i]))
            score += 2;
    for (size_t i = 0; i < L->ntables; i++)
        if (strstr(text, L->tables[i].title))
            score++;
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
    yu_status st = read_lines(&r, text, len);
    yu_doc *d = yu_arena_alloc(r.A, sizeof *d);
    r.b = yu_budget_new();
    r.title_at = yu_arena_alloc(r.A, (L->ntables + 1) * sizeof *r.title_at);
    if (st || !d || !r.b || !r.title_at) {
        free(r.l);
        yu_budget_free(r.b);
        yu_arena_free(r.A);
        return yu_error_set(err, YU_ENOMEM, name, 0, 0, "out of memory");
    }
    r.d = d;
    d->arena = r.A;
    d->L = L;
    d->b = r.b;
    d->own_budget = r.b;
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
        info->tables_expected++;
        if (r.title_at[k] < 0) {
            yu_buf_printf(&miss, "%s%s", miss.len ? "、" : "", lt->title);
            continue;
        }
        info->tables_found++;
        if (lt->shape == YU_SHAPE_PERF) {
            st = read_perf(&r, r.title_at[k]);
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
            for (int h = 0; h < lt->cols[c].depth; h++) {
                const char *lab = lt->cols[c].label[h];
                /* resolve {year} {prev} */
                yu_buf b;
                yu_buf_init(&b, 0);
                for (const char *p = lab; *p;) {
                    if (!strncmp(p, "{year}", 6)) { yu_buf_printf(&b, "%d", r.b->year); p += 6; }
                    else if (!strncmp(p, "{prev}", 6)) { yu_buf_printf(&b, "%d", r.b->year - 1); p += 6; }
                    else yu_buf_add(&b, p++, 1);
                }
                T->hdr[c * YU_HDR_MAX + h] = yu_arena_strdup(r.A, b.p ? b.p : "");
                yu_buf_free(&b);
            }
        int from = r.title_at[k], to = region_end(&r, from);
        st = lt->shape == YU_SHAPE_TWOSIDE ? read_twoside(&r, T, from, to) : read_grid(&r, T, from, to);
    }
    snprintf(info->missing, sizeof info->missing, "%s", miss.p ? miss.p : "");
    yu_buf_free(&miss);
    /* the narrative: after the tables, from 第三部分 to 第四部分 */
    r.narrative_from = r.narrative_to = -1;
    int last_title = 0;
    for (size_t k = 0; k < L->ntables; k++)
        if (r.title_at[k] > last_title)
            last_title = r.title_at[k];
    for (int i = last_title; i < r.nl; i++) {
        if (!strcmp(r.l[i].norm, "第三部分") && r.narrative_from < 0)
            r.narrative_from = i + 1;
        if (!strcmp(r.l[i].norm, "第四部分") && r.narrative_from >= 0) {
            r.narrative_to = i;
            break;
        }
    }
    if (r.narrative_from >= 0 && r.narrative_to < 0)
        r.narrative_to = r.nl;
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
    *out = d;
    return YU_OK;
}
