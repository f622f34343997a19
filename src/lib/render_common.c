/* Formatting shared by every renderer. */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include "render_internal.h"

int yu_format_parse(const char *name)
{
    static const char *const n[YU_FMT_COUNT] = {"txt", "md", "json", "csv", "html", "pdf", "xlsx"};
    for (int i = 0; i < YU_FMT_COUNT; i++)
        if (!strcmp(name, n[i]))
            return i;
    return -1;
}

size_t yu_table_rows_shown(const yu_table *t)
{
    if (t->empty && t->note && !(t->lt && t->lt->empty_total))
        return 0;
    return t->nrows;
}

const char *yu_table_unit_label(const yu_doc *d, const yu_table *t)
{
    if (t && t->unit_label)
        return t->unit_label;
    return d->unit_label ? d->unit_label : "";
}

int yu_table_decimals(const yu_doc *d, const yu_table *t)
{
    return t && t->unit_fen > 0 ? t->decimals : d->decimals;
}

const char *yu_cell_text(const yu_doc *d, const yu_table *t, const yu_cell *c, char *buf, size_t n)
{
    buf[0] = 0;
    int dec;
    switch (c->kind) {
    case YU_CELL_MONEY:
        if (c->v == 0 && t && t->lt->blank_zero)
            return buf;
        dec = yu_table_decimals(d, t);
        yu_fmt_units(c->v, dec, YU_NUM_TABLE, buf, n);
        if (t && t->lt->trim_zeros && dec > 0 && strchr(buf, '.')) {
            /* as Shanghai prints its 万元 tables: 15.00 → 15, 6.40 → 6.4 */
            size_t l = strlen(buf);
            while (l && buf[l - 1] == '0')
                buf[--l] = 0;
            if (l && buf[l - 1] == '.')
                buf[--l] = 0;
        }
        return buf;
    case YU_CELL_PCT:
        return yu_fmt_units(c->v, 2, YU_NUM_TABLE, buf, n);
    case YU_CELL_COUNT:
        snprintf(buf, n, "%lld", (long long)c->v);
        return buf;
    case YU_CELL_TEXT:
        return c->text ? c->text : "";
    default:
        return buf;
    }
}

const char *yu_seg_text(const yu_doc *d, const yu_seg *s, char *buf, size_t n)
{
    (void)d;
    switch (s->kind) {
    case YU_SEG_MONEY: {
        /* the printed figure, resolved once (by the engine, or by the audit
         * for a figure it read): v in its unit_fen, with its decimals */
        yu_numfmt st = s->style ? (yu_numfmt)(s->style - 1) : YU_NUM_PROSE;
        return yu_fmt_units(s->v, s->decimals, st, buf, n);
    }
    case YU_SEG_PCT: {
        /* basis points: trailing zero decimals dropped, or (style) both kept */
        yu_fmt_units(s->v, 2, s->style ? (yu_numfmt)(s->style - 1) : YU_NUM_PROSE, buf, n);
        size_t l = strlen(buf);
        if (l + 1 < n) {
            buf[l] = '%';
            buf[l + 1] = 0;
        }
        return buf;
    }
    case YU_SEG_COUNT:
        snprintf(buf, n, "%lld", (long long)s->v);
        return buf;
    default:
        return s->text ? s->text : "";
    }
}

int *rt_form_owner(const yu_form *F)
{
    size_t n = F->nrows * F->ncols;
    int *w = malloc((n ? n : 1) * sizeof *w);
    if (!w)
        return NULL;
    for (size_t i = 0; i < n; i++)
        w[i] = -1;
    for (size_t k = 0; k < F->ncells; k++) {
        const yu_fcell *x = &F->cells[k];
        for (size_t r = x->row; r < (size_t)x->row + x->rowspan && r < F->nrows; r++)
            for (size_t c = x->col; c < (size_t)x->col + x->colspan && c < F->ncols; c++)
                w[r * F->ncols + c] = (int)k;
    }
    return w;
}

size_t rt_form_heads(const yu_form *F, const yu_fcell **heads, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; k < F->ncells && n < max; k++)
        if (F->cells[k].row == F->ind_row && F->cells[k].col >= 1)
            heads[n++] = &F->cells[k];
    return n;
}
