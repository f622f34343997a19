/* Two documents of the same template side by side (`yusuan db compare`,
 * docs/year.md): for every table, each money figure of the first beside the
 * same figure (same table, row, column) of the second, with the change and
 * the change in percent.  Rows are matched by their key or code, else their
 * name; a figure only one document has is compared with zero. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "year_internal.h"

typedef struct fig {
    const char *row;   /* row identity */
    const char *code, *name, *col; /* printed */
    int ci;            /* column index in its table */
    int64_t v;         /* display units */
    int has;
} fig;

typedef struct figs {
    fig *f;
    size_t n, cap;
} figs;

static const char *row_label(const yu_table *T, const yu_row *r, int side)
{
    const yu_ltable *lt = T->lt;
    if (lt->shape == YU_SHAPE_TWOSIDE) {
        int c = yu_ltable_col(lt, side ? "out.item" : "in.item");
        if (c >= 0 && r->cells[c].kind == YU_CELL_TEXT && r->cells[c].text)
            return r->cells[c].text;
    }
    if (r->name && *r->name)
        return r->name;
    if (r->flags & YU_ROW_TOTAL)
        return lt->total_label ? lt->total_label : "合计";
    return "";
}

static int collect(yu_arena *A, const yu_doc *d, const yu_table *T, figs *o)
{
    const yu_ltable *lt = T->lt;
    for (size_t r = 0; r < T->nrows; r++) {
        const yu_row *row = &T->rows[r];
        for (size_t c = 0; c < lt->ncols; c++) {
            const yu_cell *cell = &row->cells[c];
            if (cell->kind != YU_CELL_MONEY)
                continue;
            const char *k = lt->cols[c].key;
            int side = !strncmp(k, "out.", 4);
            const char *key = row->key[side] ? row->key[side] : row->key[0];
            /* the printed code first: a row's key may point into a row that moved (engine.c, total first) */
            const char *id = row->code[0] && lt->shape != YU_SHAPE_TWOSIDE ? row->code : key ? key : row_label(T, row, side);
            if (yy_grow((void **)&o->f, o->n, &o->cap, sizeof *o->f))
                return -1;
            fig *f = &o->f[o->n++];
            f->row = yu_arena_printf(A, "%d|%s", side, id);
            f->code = yu_arena_strdup(A, row->code);
            f->name = row_label(T, row, side);
            f->col = k;
            f->ci = (int)c;
            f->v = yu__in_doc_units(d, T, cell->v); /* compared in the document's unit */
            f->has = 1;
        }
    }
    return 0;
}

static const char *col_label(const yu_table *T, int c)
{
    const yu_ltable *lt = T->lt;
    const char *l = NULL;
    for (int k = 0; k < lt->cols[c].depth; k++)
        if (T->hdr[c * YU_HDR_MAX + k])
            l = T->hdr[c * YU_HDR_MAX + k];
    return l ? l : lt->cols[c].key;
}

yu_status yu_doc_compare(const yu_doc *a, const yu_doc *b, const yu_layout *L, const char *la, const char *lb,
                         yu_doc **out, yu_error *err)
{
    *out = NULL;
    if (!a->L || !b->L || strcmp(a->L->id, b->L->id))
        return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "the two documents are in different templates (%s, %s): "
                            "expected documents of one template", a->L ? a->L->id : "?", b->L ? b->L->id : "?");
    const yu_ltable *lt = yu_layout_table(L, "compare");
    if (!lt)
        return yu_error_set(err, YU_ELAYOUT, NULL, 0, 0, "the compare layout needs a table compare");
    ydoc y;
    char title[600];
    snprintf(title, sizeof title, "%s与%s对比", la, lb);
    if (yd_init(&y, a->b, L, title))
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    y.d->unit_label = a->unit_label;
    y.d->decimals = a->decimals;
    la = yu_arena_strdup(y.A, la); /* the document outlives the caller's strings */
    lb = yu_arena_strdup(y.A, lb);
    yu_block *tb = yd_block(&y, YU_B_TITLE, la);
    if (tb)
        tb->sub = yu_arena_printf(y.A, "与%s对比", lb);
    int ca = yu_ltable_col(lt, "a"), cb = yu_ltable_col(lt, "b");
    size_t nchanged = 0, nfig = 0;
    figs fa = {0}, fb = {0};
    int bad = 0;
    for (size_t t = 0; t < a->ntables + b->ntables && !bad; t++) {
        /* the tables of a, then those only b has */
        const yu_table *ta = t < a->ntables ? &a->tables[t] : NULL, *tb2 = NULL;
        if (!ta) {
            tb2 = &b->tables[t - a->ntables];
            if (yu_doc_table(a, tb2->lt->id))
                continue;
        } else
            tb2 = yu_doc_table(b, ta->lt->id);
        const yu_table *T = ta ? ta : tb2;
        if (T->lt->shape == YU_SHAPE_PERF)
            continue;
        fa.n = fb.n = 0;
        if ((ta && collect(y.A, a, ta, &fa)) || (tb2 && collect(y.A, b, tb2, &fb))) {
            bad = 1;
            break;
        }
        yu_table *o = yd_table(&y, lt, yu_arena_printf(y.A, "%s", T->title));
        if (!o) {
            bad = 1;
            break;
        }
        o->hdr[ca * YU_HDR_MAX] = la;
        o->hdr[cb * YU_HDR_MAX] = lb;
        /* a's figures in order, each with b's; then b's that a lacks */
        for (size_t pass = 0; pass < 2; pass++) {
            figs *P = pass ? &fb : &fa, *Q = pass ? &fa : &fb;
            for (size_t i = 0; i < P->n; i++) {
                const fig *p = &P->f[i], *q = NULL;
                for (size_t j = 0; j < Q->n && !q; j++)
                    if (!strcmp(Q->f[j].row, p->row) && !strcmp(Q->f[j].col, p->col))
                        q = &Q->f[j];
                if (pass && q)
                    continue; /* printed in the first pass */
                int64_t va = pass ? 0 : p->v, vb = pass ? p->v : q ? q->v : 0;
                if (!va && !vb)
                    continue;
                yu_row *r = yd_row(&y, o);
                if (!r) {
                    bad = 1;
                    break;
                }
                snprintf(r->code, sizeof r->code, "%s", p->code ? p->code : "");
                r->name = p->name;
                nfig++;
                nchanged += va != vb;
                for (size_t c = 0; c < lt->ncols; c++) {
                    const char *k = lt->cols[c].key;
                    yu_cell *cell = &r->cells[c];
                    if (!strcmp(k, "code")) yd_text(cell, yu_arena_strdup(y.A, r->code));
                    else if (!strcmp(k, "name")) yd_text(cell, p->name);
                    else if (!strcmp(k, "col")) yd_text(cell, col_label(pass ? tb2 : ta, p->ci));
                    else if (!strcmp(k, "a")) { cell->kind = YU_CELL_MONEY; cell->v = va; }
                    else if (!strcmp(k, "b")) { cell->kind = YU_CELL_MONEY; cell->v = vb; }
                    else if (!strcmp(k, "diff")) { cell->kind = YU_CELL_MONEY; cell->v = vb - va; }
                    else if (!strcmp(k, "pct")) {
                        int def;
                        int64_t bp = yu_change_bp(vb, va, &def);
                        if (def)
                            yd_pct(cell, bp);
                    }
                }
            }
        }
        o->empty = o->nrows == 0;
        if (o->empty)
            o->note = "（两份文件本表均无数据。）";
    }
    free(fa.f);
    free(fb.f);
    if (bad || yd_oom(&y)) {
        yd_abort(&y);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    /* the summary goes right after the title */
    yu_block *p = yd_para(&y);
    if (p) {
        yd_t(&y, "共比较%zu个数字，其中%zu个有变化（增减额为%s减%s）。", nfig, nchanged, lb, la);
        yu_block sum = y.d->blocks[y.d->nblocks - 1];
        memmove(&y.d->blocks[2], &y.d->blocks[1], (y.d->nblocks - 2) * sizeof *y.d->blocks);
        y.d->blocks[1] = sum;
    }
    if (yd_oom(&y)) {
        yd_abort(&y);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = y.d;
    return YU_OK;
}
