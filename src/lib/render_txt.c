/* Plain text renderer: tables aligned by display width (CJK = 2 columns). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/render.h"
#include "internal.h"
#include "render_internal.h"

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

static void txt_perf(yu_buf *o, const yu_doc *d, const yu_perf *p)
{
    char a[64], b[64], c[64], e[64];
    yu_buf_printf(o, "\n项目绩效目标表\n（%d年度）\n\n", d->b->year);
    yu_buf_printf(o, "二级项目名称：%s\n", p->p->name);
    yu_buf_printf(o, "主管部门及代码：%s    实施单位：%s\n", p->p->department, p->p->implementer);
    /* label and figure in cells of their own, as the published form has them */
    yu_buf_printf(o, "项目资金（%s）  年度资金总额  %s", p->unit_label,
                  yu_fmt_units(p->total, p->decimals, YU_NUM_TABLE, a, sizeof a));
    if (p->p->exec_score)
        yu_buf_printf(o, "  执行率分值（%d）", p->p->exec_score);
    yu_buf_printf(o, "\n                  其中：财政拨款  %s\n                  上年结转  %s\n                  其他资金  %s\n",
                  yu_fmt_units(p->fiscal, p->decimals, YU_NUM_TABLE, b, sizeof b),
                  yu_fmt_units(p->carry, p->decimals, YU_NUM_TABLE, c, sizeof c),
                  yu_fmt_units(p->other, p->decimals, YU_NUM_TABLE, e, sizeof e));
    yu_buf_printf(o, "年度总体目标：\n");
    const char *g = p->p->goal;
    while (g && *g) {
        const char *nl = strchr(g, '\n');
        size_t n = nl ? (size_t)(nl - g) : strlen(g);
        yu_buf_printf(o, "  %.*s\n", (int)n, g);
        g = nl ? nl + 1 : g + n;
    }
    yu_buf_puts(o, "绩效指标：\n");
    char wlab[32];
    snprintf(wlab, sizeof wlab, "分值权重（%d）", 100 - p->p->exec_score);
    const char *hdr[5 * YU_HDR_MAX] = {0};
    hdr[0 * YU_HDR_MAX] = "一级指标";
    hdr[1 * YU_HDR_MAX] = "二级指标";
    hdr[2 * YU_HDR_MAX] = "三级指标";
    hdr[3 * YU_HDR_MAX] = "指标值";
    hdr[4 * YU_HDR_MAX] = wlab;
    int depth[5] = {1, 1, 1, 1, 1}, right[5] = {0, 0, 0, 0, 1};
    const char **body = calloc(p->nrows * 5 + 1, sizeof *body);
    char *ws = calloc(p->nrows + 1, 32);
    if (!body || !ws) {
        free(body);
        free(ws);
        o->oom = 1;
        return;
    }
    for (size_t r = 0; r < p->nrows; r++) {
        const yu_perf_row *x = &p->rows[r];
        int same1 = r && !strcmp(x->l1, p->rows[r - 1].l1);
        int same2 = same1 && !strcmp(x->l2, p->rows[r - 1].l2);
        body[r * 5 + 0] = same1 ? "" : x->l1;
        body[r * 5 + 1] = same2 ? "" : x->l2;
        body[r * 5 + 2] = x->l3;
        body[r * 5 + 3] = x->value;
        body[r * 5 + 4] = yu_fmt_units(x->weight, 2, YU_NUM_PROSE, ws + r * 32, 32);
    }
    rt_grid(o, 5, 1, hdr, depth, p->nrows, body, right);
    free(body);
    free(ws);
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
            txt_perf(o, d, &d->perf[b->index]);
            break;
        case YU_B_PAGEBREAK:
            yu_buf_puts(o, "\n");
            break;
        }
    }
    return o->oom ? YU_ENOMEM : YU_OK;
}
