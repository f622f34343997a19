/* Plain text renderer: tables aligned by display width (CJK = 2 columns). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/render.h"
#include "internal.h"
#include "render_internal.h"

#define FORM_HEADS 16

#define SEP 2

/* Prints a grid: header labels hdr[c*YU_HDR_MAX+k] (NULL-padded), depth per
 * column, body strings body[r*nc+c], alignment per column: 1 right, 0 left,
 * 2 left with the leaf label left-aligned too (a code printed in parts). */
/* ends the line begun at `start` of o: trailing spaces stripped, a newline */
static void end_line(yu_buf *o, size_t start)
{
    while (o->len > start && o->p[o->len - 1] == ' ')
        o->p[--o->len] = 0;
    yu_buf_add(o, "\n", 1);
}

void rt_grid(yu_buf *o, size_t nc, int depth_max, const char **hdr, const int *depth,
             size_t nr, const char **body, const int *right)
{
    int *w = calloc(nc ? nc : 1, sizeof *w);
    int *bw = malloc((nr && nc ? nr * nc : 1) * sizeof *bw); /* each body string's display width, measured once */
    if (!w || !bw) {
        free(w);
        free(bw);
        o->oom = 1;
        return;
    }
    for (size_t c = 0; c < nc; c++) {
        w[c] = 2;
        for (size_t r = 0; r < nr; r++) {
            int x = bw[r * nc + c] = yu_utf8_width(body[r * nc + c]);
            if (x > w[c])
                w[c] = x;
        }
        if (depth[c]) {
            int x = yu_utf8_width(hdr[c * YU_HDR_MAX + depth[c] - 1]);
            if (x > w[c])
                w[c] = x;
        }
    }
    /* widen for group labels */
    for (int k = 0; k < depth_max; k++)
        for (size_t c = 0; c < nc;) {
            if (depth[c] <= k + 1) {
                c++;
                continue;
            }
            size_t e = c + 1;
            while (e < nc && depth[e] > k + 1) {
                int same = 1;
                for (int j = 0; j <= k; j++)
                    if (strcmp(hdr[e * YU_HDR_MAX + j], hdr[c * YU_HDR_MAX + j]))
                        same = 0;
                if (!same)
                    break;
                e++;
            }
            int span = 0;
            for (size_t j = c; j < e; j++)
                span += w[j] + (j > c ? SEP : 0);
            int lw = yu_utf8_width(hdr[c * YU_HDR_MAX + k]);
            if (lw > span)
                w[e - 1] += lw - span;
            c = e;
        }
    int total = 0;
    for (size_t c = 0; c < nc; c++)
        total += w[c] + (c ? SEP : 0);
    /* each line is written straight into o, then its trailing spaces stripped */
    for (int k = 0; k < depth_max; k++) {
        size_t start = o->len;
        for (size_t c = 0; c < nc;) {
            if (c)
                yu_buf_spaces(o, SEP);
            if (depth[c] <= k) {
                yu_buf_spaces(o, w[c]);
                c++;
                continue;
            }
            if (depth[c] == k + 1) {
                /* centred, or (right[c] == 2) left-aligned over a column of parts */
                yu_buf_pad(o, hdr[c * YU_HDR_MAX + k], w[c], right[c] == 2 ? -1 : 0);
                c++;
                continue;
            }
            size_t e = c + 1;
            while (e < nc && depth[e] > k + 1) {
                int same = 1;
                for (int j = 0; j <= k; j++)
                    if (strcmp(hdr[e * YU_HDR_MAX + j], hdr[c * YU_HDR_MAX + j]))
                        same = 0;
                if (!same)
                    break;
                e++;
            }
            int span = 0;
            for (size_t j = c; j < e; j++)
                span += w[j] + (j > c ? SEP : 0);
            yu_buf_pad(o, hdr[c * YU_HDR_MAX + k], span, 0);
            c = e;
        }
        end_line(o, start);
    }
    for (int i = 0; i < total; i += 64) {
        static const char dash[] = "----------------------------------------------------------------";
        yu_buf_add(o, dash, (size_t)(total - i < 64 ? total - i : 64));
    }
    yu_buf_add(o, "\n", 1);
    for (size_t r = 0; r < nr; r++) {
        size_t start = o->len;
        for (size_t c = 0; c < nc; c++) {
            if (c)
                yu_buf_spaces(o, SEP);
            yu_buf_pad_w(o, body[r * nc + c], bw[r * nc + c], w[c], right[c] == 1 ? 1 : -1);
        }
        end_line(o, start);
    }
    free(bw);
    free(w);
}

/* Body strings of a table, allocated in one block: returns the array. */
const char **rt_table_strings(const yu_doc *d, const yu_table *T, int **right_out)
{
    const yu_ltable *lt = T->lt;
    size_t nc = lt->ncols, nr = T->nrows;
    const char **body = calloc(nr * nc + 1, sizeof *body);
    char *store = calloc(nr * nc + 1, 48);
    int *right = calloc(nc + 1, sizeof *right);
    if (!body || !store || !right) {
        free(body);
        free(store);
        free(right);
        return NULL;
    }
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            const yu_cell *cell = &T->rows[r].cells[c];
            char *buf = store + (r * nc + c) * 48;
            const char *s = yu_cell_text(d, T, cell, buf, 48);
            size_t sl = strlen(s);
            if (lt->split_codes && cell->kind == YU_CELL_TEXT && !strcmp(lt->cols[c].key, "code") &&
                (sl == 5 || sl == 7) && strspn(s, "0123456789") == sl) {
                /* 类, 款 and 项 apart, as in columns: 201  05  07 */
                char code[8];
                memcpy(code, s, sl + 1);
                snprintf(buf, 48, "%.3s  %.2s%s%.2s", code, code + 3, sl == 7 ? "  " : "", sl == 7 ? code + 5 : "");
                s = buf;
            }
            body[r * nc + c] = s;
            if (cell->kind == YU_CELL_MONEY || cell->kind == YU_CELL_PCT || cell->kind == YU_CELL_COUNT)
                right[c] = 1;
        }
    /* the first slot after the strings keeps the store pointer for freeing */
    body[nr * nc] = store;
    *right_out = right;
    return body;
}

void rt_table_strings_free(const char **body, size_t n, int *right)
{
    if (!body)
        return;
    free((void *)body[n]);
    free(body);
    free(right);
}

static void txt_table(yu_buf *o, const yu_doc *d, const yu_table *T)
{
    const yu_ltable *lt = T->lt;
    yu_buf_printf(o, "\n%s\n", T->title);
    if (d->org_line)
        yu_buf_printf(o, "%s    ", d->org_line);
    yu_buf_printf(o, "单位：%s\n\n", yu_table_unit_label(d, T));
    int depth[64];
    size_t nc = lt->ncols < 64 ? lt->ncols : 64;
    for (size_t c = 0; c < nc; c++)
        depth[c] = lt->cols[c].depth;
    int *right;
    size_t nr = yu_table_rows_shown(T);
    const char **body = rt_table_strings(d, T, &right);
    if (!body) {
        o->oom = 1;
        return;
    }
    int cc = lt->split_codes ? yu_ltable_col(lt, "code") : -1;
    if (cc >= 0 && (size_t)cc < nc)
        right[cc] = 2; /* 类 款 项 over 201  05  07 */
    rt_grid(o, nc, lt->hdr_depth, T->hdr, depth, nr, body, right);
    rt_table_strings_free(body, T->nrows * lt->ncols, right);
    if (T->empty && T->note)
        yu_buf_printf(o, "\n%s\n", T->note);
}

/* A performance form: its rows a line each, cells apart by two spaces, a cell
 * going on from the row above as blanks of its width; then the indicators as a
 * grid under their heads. */
static void txt_perf(yu_buf *o, const yu_perf *p)
{
    const yu_form *F = &p->form;
    int *own = rt_form_owner(F);
    if (!own) {
        o->oom = 1;
        return;
    }
    yu_buf_printf(o, "\n%s\n%s\n\n", F->title, F->subtitle);
    for (size_t r = 0; r < F->ind_row && r < F->nrows; r++) {
        yu_buf line, more;
        yu_buf_init(&line, 0);
        yu_buf_init(&more, 0);
        int last = -1, pend = 0; /* pend: blanks owed before the next cell printed */
        for (size_t c = 0; c < F->ncols; c++) {
            int k = own[r * F->ncols + c];
            if (k < 0 || k == last)
                continue;
            last = k;
            const yu_fcell *x = &F->cells[k];
            const char *t = x->text, *nl = strchr(t, '\n');
            size_t n = nl ? (size_t)(nl - t) : strlen(t);
            char *first = yu_strndup(t, n);
            if (!first) {
                line.oom = 1;
                break;
            }
            int w = yu_utf8_width(first);
            if (x->row != r || !n) { /* going on from above, or blank */
                if (w)
                    pend += w + 2;
                free(first);
                continue;
            }
            size_t at = (size_t)yu_utf8_width(line.p ? line.p : "") + (size_t)pend;
            yu_buf_printf(&line, "%*s%s  ", pend, "", first);
            pend = 0;
            free(first);
            /* further paragraphs under the first */
            for (const char *q = nl; q && *q;) {
                q++;
                const char *e = strchr(q, '\n');
                size_t m = e ? (size_t)(e - q) : strlen(q);
                if (m)
                    yu_buf_printf(&more, "%*s%.*s\n", (int)at, "", (int)m, q);
                q = e;
            }
        }
        size_t L = line.p ? strlen(line.p) : 0;
        while (L && line.p[L - 1] == ' ')
            line.p[--L] = 0;
        if (L)
            yu_buf_printf(o, "%s\n", line.p);
        if (more.p)
            yu_buf_puts(o, more.p);
        if (line.oom || more.oom)
            o->oom = 1;
        yu_buf_free(&line);
        yu_buf_free(&more);
    }
    if (F->ind_row < F->nrows) {
        int k0 = own[F->ind_row * F->ncols];
        if (k0 >= 0 && *F->cells[k0].text)
            yu_buf_printf(o, "%s\n", F->cells[k0].text);
        const yu_fcell *head[FORM_HEADS];
        size_t nh = rt_form_heads(F, head, FORM_HEADS);
        size_t nr = F->nrows - F->ind_row - 1;
        const char *hdr[FORM_HEADS * YU_HDR_MAX] = {0};
        int depth[FORM_HEADS], right[FORM_HEADS];
        const char **body = calloc(nr * nh + 1, sizeof *body);
        if (!body) {
            free(own);
            o->oom = 1;
            return;
        }
        for (size_t h = 0; h < nh; h++) {
            hdr[h * YU_HDR_MAX] = head[h]->text;
            depth[h] = 1;
            right[h] = 0;
        }
        for (size_t i = 0; i < nr; i++)
            for (size_t h = 0; h < nh; h++) {
                size_t row = F->ind_row + 1 + i;
                int k = own[row * F->ncols + head[h]->col];
                const yu_fcell *x = k >= 0 ? &F->cells[k] : NULL;
                body[i * nh + h] = x && x->row == row ? x->text : "";
                if (x && x->kind == YU_FC_NUM)
                    right[h] = 1;
            }
        rt_grid(o, nh, 1, hdr, depth, nr, body, right);
        free(body);
    }
    free(own);
}

void rt_para(yu_buf *o, const yu_doc *d, const yu_block *b)
{
    char buf[64];
    for (size_t i = 0; i < b->nsegs; i++)
        yu_buf_puts(o, yu_seg_text(d, &b->segs[i], buf, sizeof buf));
}

yu_status rt_txt(const yu_doc *d, yu_buf *o)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *b = &d->blocks[i];
        switch (b->kind) {
        case YU_B_TITLE: {
            /* the central cover (name 部门预算, the year below) when the subtitle is the year's
             * 部门预算; else the title and its subtitle as the layout gives them (the year's
             * documents, year.h; a Shanghai cover with its 预算主管部门 line) */
            char y[16];
            snprintf(y, sizeof y, "%d年", d->b->year);
            int central = b->sub && !strncmp(b->sub, y, strlen(y)) && d->L && d->L->kind && !strcmp(d->L->kind, "budget");
            if (b->sub && !central)
                yu_buf_printf(o, "%s\n\n%s\n", b->text, b->sub);
            else
                yu_buf_printf(o, "%s 部门预算\n\n%d\n", b->text, d->b->year);
            break;
        }
        case YU_B_TOC:
            yu_buf_puts(o, "\n目 录\n\n");
            for (size_t k = 0; k < b->nsegs; k++)
                yu_buf_printf(o, "%s%s\n", b->levels[k] ? "    " : "", b->segs[k].text);
            break;
        case YU_B_PART:
            yu_buf_printf(o, "\n%s\n\n%s\n", b->text, b->sub ? b->sub : "");
            break;
        case YU_B_H1:
        case YU_B_H2:
            yu_buf_printf(o, "\n%s\n", b->text);
            break;
        case YU_B_PARA:
            yu_buf_puts(o, "\n");
            rt_para(o, d, b);
            yu_buf_puts(o, "\n");
            break;
        case YU_B_TABLE:
            txt_table(o, d, &d->tables[b->index]);
            break;
        case YU_B_PERF:
            txt_perf(o, &d->perf[b->index]);
            break;
        case YU_B_PAGEBREAK:
            yu_buf_puts(o, "\n");
            break;
        }
    }
    return o->oom ? YU_ENOMEM : YU_OK;
}
