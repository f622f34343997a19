/* Markdown renderer. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "render_internal.h"

const char *rt_hdr_flat(const yu_table *T, size_t c, char *buf, size_t n)
{
    buf[0] = 0;
    size_t k = 0;
    for (int j = 0; j < T->lt->cols[c].depth; j++) {
        const char *l = T->hdr[c * YU_HDR_MAX + j];
        if (!l)
            continue;
        k += (size_t)snprintf(buf + k, k < n ? n - k : 0, "%s%s", j ? "/" : "", l);
        if (k >= n)
            break;
    }
    return buf;
}

static void md_cell(yu_buf *o, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            yu_buf_puts(o, "\\|");
        else if (*s == '\n')
            yu_buf_puts(o, "<br>");
        else
            yu_buf_add(o, s, 1);
    }
}

static void md_table(yu_buf *o, const yu_doc *d, const yu_table *T)
{
    const yu_ltable *lt = T->lt;
    yu_buf_printf(o, "\n### %s\n\n%s%s单位：%s\n\n|", T->title, d->org_line ? d->org_line : "", d->org_line ? "　" : "", yu_table_unit_label(d, T));
    char hb[512];
    for (size_t c = 0; c < lt->ncols; c++) {
        yu_buf_puts(o, " ");
        md_cell(o, rt_hdr_flat(T, c, hb, sizeof hb));
        yu_buf_puts(o, " |");
    }
    yu_buf_puts(o, "\n|");
    int *right;
    const char **body = rt_table_strings(d, T, &right);
    if (!body) {
        o->oom = 1;
        return;
    }
    for (size_t c = 0; c < lt->ncols; c++)
        yu_buf_puts(o, right[c] ? " ---: |" : " --- |");
    yu_buf_puts(o, "\n");
    size_t nr = yu_table_rows_shown(T);
    for (size_t r = 0; r < nr; r++) {
        int bold = T->rows[r].flags & YU_ROW_TOTAL;
        yu_buf_puts(o, "|");
        for (size_t c = 0; c < lt->ncols; c++) {
            const char *s = body[r * lt->ncols + c];
            yu_buf_puts(o, " ");
            if (bold && *s)
                yu_buf_puts(o, "**");
            md_cell(o, s);
            if (bold && *s)
                yu_buf_puts(o, "**");
            yu_buf_puts(o, " |");
        }
        yu_buf_puts(o, "\n");
    }
    rt_table_strings_free(body, T->nrows * lt->ncols, right);
    if (T->empty && T->note)
        yu_buf_printf(o, "\n%s\n", T->note);
}

/* one row of a form: a cell's text where it starts, blank where it goes on */
static void md_form_row(yu_buf *o, const yu_form *F, const int *own, size_t r, size_t c0, size_t nc)
{
    yu_buf_puts(o, "|");
    for (size_t c = c0; c < c0 + nc; c++) {
        int k = own[r * F->ncols + c];
        const yu_fcell *x = k >= 0 ? &F->cells[k] : NULL;
        int here = x && x->row == r && x->col == c && *x->text;
        int bold = here && (x->kind == YU_FC_LABEL || x->kind == YU_FC_HEAD);
        yu_buf_puts(o, bold ? " **" : " ");
        if (here)
            md_cell(o, x->text);
        yu_buf_puts(o, bold ? "** |" : " |");
    }
    yu_buf_puts(o, "\n");
}

static void md_rule(yu_buf *o, size_t nc)
{
    yu_buf_puts(o, "|");
    for (size_t c = 0; c < nc; c++)
        yu_buf_puts(o, " --- |");
    yu_buf_puts(o, "\n");
}

/* A performance form: the rows above the indicators as one table (its first row
 * the head), the indicators as another, both in the form's columns. */
static void md_perf(yu_buf *o, const yu_perf *p)
{
    const yu_form *F = &p->form;
    int *own = rt_form_owner(F);
    if (!own) {
        o->oom = 1;
        return;
    }
    yu_buf_printf(o, "\n#### %s%s：", F->title, F->subtitle);
    md_cell(o, p->p && p->p->name ? p->p->name : "");
    yu_buf_puts(o, "\n\n");
    for (size_t r = 0; r < F->ind_row && r < F->nrows; r++) {
        md_form_row(o, F, own, r, 0, F->ncols);
        if (!r)
            md_rule(o, F->ncols);
    }
    if (F->ind_row < F->nrows) {
        yu_buf_puts(o, "\n");
        for (size_t r = F->ind_row; r < F->nrows; r++) {
            md_form_row(o, F, own, r, 1, F->ncols - 1);
            if (r == F->ind_row)
                md_rule(o, F->ncols - 1);
        }
    }
    free(own);
}

yu_status rt_md(const yu_doc *d, yu_buf *o)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *b = &d->blocks[i];
        switch (b->kind) {
        case YU_B_TITLE:
            yu_buf_printf(o, "# %s %s\n", b->text, b->sub ? b->sub : "");
            break;
        case YU_B_TOC:
            yu_buf_puts(o, "\n## 目录\n\n");
            for (size_t k = 0; k < b->nsegs; k++)
                yu_buf_printf(o, "%s- %s\n", b->levels[k] ? "  " : "", b->segs[k].text);
            break;
        case YU_B_PART:
            yu_buf_printf(o, "\n## %s %s\n", b->text, b->sub ? b->sub : "");
            break;
        case YU_B_H1:
            yu_buf_printf(o, "\n### %s\n", b->text);
            break;
        case YU_B_H2:
            yu_buf_printf(o, "\n#### %s\n", b->text);
            break;
        case YU_B_PARA:
            yu_buf_puts(o, "\n");
            rt_para(o, d, b);
            yu_buf_puts(o, "\n");
            break;
        case YU_B_TABLE:
            md_table(o, d, &d->tables[b->index]);
            break;
        case YU_B_PERF:
            md_perf(o, &d->perf[b->index]);
            break;
        case YU_B_PAGEBREAK:
            break;
        }
    }
    return o->oom ? YU_ENOMEM : YU_OK;
}
