/* JSON renderer (schema in docs/json.md), built with jansson. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <jansson.h>
#include "render_internal.h"

static json_t *cell_json(const yu_doc *d, const yu_table *t, const yu_cell *c)
{
    char b[64];
    switch (c->kind) {
    case YU_CELL_MONEY: /* ASCII digits */
        return json_string_nocheck(yu_fmt_units(c->v, yu_table_decimals(d, t), YU_NUM_PLAIN, b, sizeof b));
    case YU_CELL_PCT: return json_string_nocheck(yu_fmt_units(c->v, 2, YU_NUM_PLAIN, b, sizeof b));
    case YU_CELL_COUNT: return json_integer(c->v);
    case YU_CELL_TEXT: return json_string(c->text ? c->text : "");
    default: return json_null();
    }
}

static json_t *table_json(const yu_doc *d, const yu_table *T)
{
    const yu_ltable *lt = T->lt;
    json_t *t = json_object();
    json_object_set_new_nocheck(t, "id", json_string(lt->id));
    json_object_set_new_nocheck(t, "number", json_string(lt->number ? lt->number : ""));
    json_object_set_new_nocheck(t, "title", json_string(T->title));
    json_object_set_new_nocheck(t, "unit", json_string(yu_table_unit_label(d, T)));
    json_t *cols = json_array();
    for (size_t c = 0; c < lt->ncols; c++) {
        json_t *col = json_object();
        json_object_set_new_nocheck(col, "key", json_string(lt->cols[c].key));
        json_t *labels = json_array();
        for (int k = 0; k < lt->cols[c].depth; k++)
            json_array_append_new(labels, json_string(T->hdr[c * YU_HDR_MAX + k]));
        json_object_set_new_nocheck(col, "header", labels);
        json_array_append_new(cols, col);
    }
    json_object_set_new_nocheck(t, "columns", cols);
    json_t *rows = json_array();
    for (size_t r = 0; r < T->nrows; r++) {
        const yu_row *row = &T->rows[r];
        json_t *jr = json_object();
        json_object_set_new_nocheck(jr, "code", json_string(row->code));
        json_object_set_new_nocheck(jr, "name", json_string(row->name ? row->name : ""));
        json_object_set_new_nocheck(jr, "level", json_integer(row->level));
        json_object_set_new_nocheck(jr, "total", json_boolean(row->flags & YU_ROW_TOTAL));
        if (lt->shape == YU_SHAPE_TWOSIDE) {
            json_object_set_new_nocheck(jr, "left_key", row->key[0] ? json_string(row->key[0]) : json_null());
            json_object_set_new_nocheck(jr, "right_key", row->key[1] ? json_string(row->key[1]) : json_null());
        }
        json_t *cells = json_object();
        for (size_t c = 0; c < lt->ncols; c++)
            json_object_set_new(cells, lt->cols[c].key, cell_json(d, T, &row->cells[c]));
        json_object_set_new_nocheck(jr, "cells", cells);
        json_array_append_new(rows, jr);
    }
    json_object_set_new_nocheck(t, "rows", rows);
    json_object_set_new_nocheck(t, "empty", json_boolean(T->empty));
    json_object_set_new_nocheck(t, "note", T->note ? json_string(T->note) : json_null());
    return t;
}

static json_t *perf_json(const yu_perf *p)
{
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "id", json_string(p->p->id));
    json_object_set_new_nocheck(o, "name", json_string(p->p->name));
    json_object_set_new_nocheck(o, "department", json_string(p->p->department));
    json_object_set_new_nocheck(o, "implementer", json_string(p->p->implementer));
    char b[64];
    json_object_set_new_nocheck(o, "unit", json_string(p->unit_label));
    json_object_set_new_nocheck(o, "total", json_string(yu_fmt_units(p->total, p->decimals, YU_NUM_PLAIN, b, sizeof b)));
    json_object_set_new_nocheck(o, "fiscal", json_string(yu_fmt_units(p->fiscal, p->decimals, YU_NUM_PLAIN, b, sizeof b)));
    json_object_set_new_nocheck(o, "carry", json_string(yu_fmt_units(p->carry, p->decimals, YU_NUM_PLAIN, b, sizeof b)));
    json_object_set_new_nocheck(o, "other", json_string(yu_fmt_units(p->other, p->decimals, YU_NUM_PLAIN, b, sizeof b)));
    json_object_set_new_nocheck(o, "exec_score", json_integer(p->p->exec_score));
    json_object_set_new_nocheck(o, "goal", json_string(p->p->goal));
    json_t *ind = json_array();
    char w[32];
    for (size_t r = 0; r < p->nrows; r++) {
        const yu_perf_row *x = &p->rows[r];
        json_t *j = json_object();
        json_object_set_new_nocheck(j, "level1", json_string(x->l1));
        json_object_set_new_nocheck(j, "level2", json_string(x->l2));
        json_object_set_new_nocheck(j, "level3", json_string(x->l3));
        json_object_set_new_nocheck(j, "value", json_string(x->value));
        json_object_set_new_nocheck(j, "weight", json_string(yu_fmt_units(x->weight, 2, YU_NUM_PLAIN, w, sizeof w)));
        json_array_append_new(ind, j);
    }
    json_object_set_new_nocheck(o, "indicators", ind);
    return o;
}

/* The name of a money unit of `fen` 分 (元, 千元, 万元, 亿元): the label a
 * figure states with its value. */
static const char *unit_name(const yu_doc *d, int64_t fen)
{
    static const struct { int64_t fen; const char *name; } u[] = {
        {100, "元"}, {100000, "千元"}, {1000000, "万元"}, {10000000000, "亿元"}};
    const yu_layout *L = d->L;
    if (L && L->prose_label && L->prose_fen > 0) {
        int64_t p = L->prose_fen;
        for (int i = 0; i < L->prose_decimals; i++)
            p *= 10;
        if (p == fen)
            return L->prose_label;
    }
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        if (u[i].fen == fen)
            return u[i].name;
    return "";
}

/* a narrative figure's value and its unit, so that no consumer guesses:
 * money as a decimal string in `unit` (its own, resolved once — the narrative's
 * 万元 beside the tables' 元), a percentage as a decimal string of `%` */
static void figure_value(const yu_doc *d, const yu_seg *s, json_t *js)
{
    char b[64];
    if (s->kind == YU_SEG_MONEY) {
        int64_t fen = s->unit_fen > 0 ? s->unit_fen : 1;
        for (int i = 0; i < s->decimals; i++)
            fen *= 10;
        json_object_set_new_nocheck(js, "value", json_string(yu_fmt_units(s->v, s->decimals, YU_NUM_PLAIN, b, sizeof b)));
        json_object_set_new_nocheck(js, "unit", json_string(unit_name(d, fen)));
    } else if (s->kind == YU_SEG_PCT) {
        json_object_set_new_nocheck(js, "value", json_string(yu_fmt_units(s->v, 2, YU_NUM_PLAIN, b, sizeof b)));
        json_object_set_new_nocheck(js, "unit", json_string("%"));
    } else if (s->kind == YU_SEG_COUNT) {
        json_object_set_new_nocheck(js, "value", json_integer(s->v));
    }
}

static const char *const block_kind[] = {"title", "toc", "part", "h1", "h2", "para", "table", "perf", "pagebreak"};
static const char *const seg_kind[] = {"text", "money", "pct", "count"};

/* jansson hands the dump over in small pieces (punctuation, indentation, a
 * string's runs: three bytes on average, tens of thousands a document): append
 * in place while the buffer has room, short pieces byte by byte rather than
 * through a memcpy call.  The terminating NUL is left to the final yu_buf_puts. */
static int dump_to_buf(const char *p, size_t n, void *data)
{
    yu_buf *b = data;
    if (!b->oom && b->len + n < b->cap) {
        char *d = b->p + b->len;
        if (n <= 8)
            switch (n) {
            case 8: d[7] = p[7]; /* fall through */
            case 7: d[6] = p[6]; /* fall through */
            case 6: d[5] = p[5]; /* fall through */
            case 5: d[4] = p[4]; /* fall through */
            case 4: d[3] = p[3]; /* fall through */
            case 3: d[2] = p[2]; /* fall through */
            case 2: d[1] = p[1]; /* fall through */
            case 1: d[0] = p[0]; /* fall through */
            default: break;
            }
        else
            memcpy(d, p, n);
        b->len += n;
        return 0;
    }
    return yu_buf_add(b, p, n);
}

yu_status rt_json(const yu_doc *d, yu_buf *o)
{
    json_t *root = json_object();
    json_object_set_new_nocheck(root, "yusuan", json_string("document/1"));
    json_object_set_new_nocheck(root, "template", json_string(d->L->id));
    json_t *u = json_object();
    json_object_set_new_nocheck(u, "name", json_string(d->b->name));
    json_object_set_new_nocheck(u, "code", json_string(d->b->code ? d->b->code : ""));
    json_object_set_new_nocheck(u, "department", json_string(d->b->dept_name ? d->b->dept_name : ""));
    json_object_set_new_nocheck(u, "department_code", json_string(d->b->dept_code ? d->b->dept_code : ""));
    json_object_set_new_nocheck(u, "year", json_integer(d->b->year));
    json_object_set_new_nocheck(root, "unit", u);
    json_object_set_new_nocheck(root, "money_unit", json_string(d->unit_label));
    json_object_set_new_nocheck(root, "decimals", json_integer(d->decimals));
    json_t *tables = json_array();
    for (size_t i = 0; i < d->ntables; i++)
        if (d->tables[i].lt->shape != YU_SHAPE_PERF)
            json_array_append_new(tables, table_json(d, &d->tables[i]));
    json_object_set_new_nocheck(root, "tables", tables);
    json_t *perf = json_array();
    for (size_t i = 0; i < d->nperf; i++)
        json_array_append_new(perf, perf_json(&d->perf[i]));
    json_object_set_new_nocheck(root, "performance", perf);
    json_t *blocks = json_array();
    char buf[64];
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *b = &d->blocks[i];
        if (b->kind == YU_B_PAGEBREAK)
            continue;
        json_t *jb = json_object();
        json_object_set_new_nocheck(jb, "kind", json_string(block_kind[b->kind]));
        if (b->text)
            json_object_set_new_nocheck(jb, "text", json_string(b->text));
        if (b->sub)
            json_object_set_new_nocheck(jb, "subtitle", json_string(b->sub));
        if (b->kind == YU_B_TABLE)
            json_object_set_new_nocheck(jb, "table", json_string(d->tables[b->index].lt->id));
        if (b->kind == YU_B_PERF)
            json_object_set_new_nocheck(jb, "project", json_string(d->perf[b->index].p->id));
        if (b->kind == YU_B_PARA) {
            json_object_set_new_nocheck(jb, "text", json_string(""));
            yu_buf tx;
            yu_buf_init(&tx, 0);
            json_t *segs = json_array();
            for (size_t k = 0; k < b->nsegs; k++) {
                const yu_seg *s = &b->segs[k];
                const char *st = yu_seg_text(d, s, buf, sizeof buf);
                yu_buf_puts(&tx, st);
                if (s->kind == YU_SEG_TEXT)
                    continue;
                json_t *js = json_object();
                json_object_set_new_nocheck(js, "kind", json_string(seg_kind[s->kind]));
                json_object_set_new_nocheck(js, "text", json_string(st));
                if (s->table)
                    json_object_set_new_nocheck(js, "table", json_string(s->table));
                if (s->row)
                    json_object_set_new_nocheck(js, "row", json_string(s->row));
                if (s->col)
                    json_object_set_new_nocheck(js, "column", json_string(s->col));
                figure_value(d, s, js);
                json_array_append_new(segs, js);
            }
            json_object_set_new_nocheck(jb, "text", json_string(tx.p ? tx.p : ""));
            yu_buf_free(&tx);
            json_object_set_new_nocheck(jb, "figures", segs);
        }
        if (b->kind == YU_B_TOC) {
            json_t *e = json_array();
            for (size_t k = 0; k < b->nsegs; k++) {
                json_t *x = json_object();
                json_object_set_new_nocheck(x, "text", json_string(b->segs[k].text));
                json_object_set_new_nocheck(x, "level", json_integer(b->levels[k]));
                json_array_append_new(e, x);
            }
            json_object_set_new_nocheck(jb, "entries", e);
        }
        json_array_append_new(blocks, jb);
    }
    json_object_set_new_nocheck(root, "blocks", blocks);
    /* dumped straight into the output buffer: no intermediate string to copy */
    int bad = json_dump_callback(root, dump_to_buf, o, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0);
    json_decref(root);
    if (bad)
        return YU_ENOMEM;
    yu_buf_puts(o, "\n");
    return o->oom ? YU_ENOMEM : YU_OK;
}
