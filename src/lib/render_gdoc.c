/* Tables of any disclosure as data (read.h): JSON and long-form CSV for
 * researchers, with the document's identity on every row. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <jansson.h>
#include "yusuan/read.h"
#include "yusuan/money.h"
#include "internal.h"

/* a cell's value as a decimal string in the table's unit, or NULL */
static const char *cell_value(const yu_gcell *c, char *buf, size_t n)
{
    if (c->kind == YU_GC_NUM)
        return yu_fmt_units(c->v, 2, YU_NUM_PLAIN, buf, n);
    if (c->kind == YU_GC_PCT) {
        yu_fmt_units(c->v, 2, YU_NUM_PLAIN, buf, n);
        size_t l = strlen(buf);
        if (l + 1 < n) {
            buf[l] = '%';
            buf[l + 1] = 0;
        }
        return buf;
    }
    return NULL;
}

static const char *str_or(const char *s, const char *d) { return s ? s : d; }

yu_status yu_gdoc_json(const yu_gdoc *d, char **out, size_t *len, yu_error *err)
{
    *out = NULL;
    json_t *o = json_object();
    json_t *ts = json_array();
    if (!o || !ts) {
        json_decref(o);
        json_decref(ts);
        return yu_error_set(err, YU_ENOMEM, d->name, 0, 0, "out of memory");
    }
    json_object_set_new(o, "document", json_string(str_or(d->name, "")));
    json_object_set_new(o, "unit_name", d->unit_name ? json_string(d->unit_name) : json_null());
    json_object_set_new(o, "year", d->year ? json_integer(d->year) : json_null());
    json_object_set_new(o, "kind", json_string(str_or(d->kind, "")));
    json_object_set_new(o, "is_budget", json_boolean(d->is_budget));
    json_object_set_new(o, "ocr_pages", json_integer(d->ocr_pages));
    for (size_t i = 0; i < d->ntables; i++) {
        const yu_gtable *T = &d->tables[i];
        json_t *t = json_object(), *cols = json_array(), *rows = json_array();
        json_object_set_new(t, "title", json_string(T->title));
        json_object_set_new(t, "number", T->number ? json_string(T->number) : json_null());
        json_object_set_new(t, "kind", T->kind ? json_string(T->kind) : json_null());
        json_object_set_new(t, "scope", T->scope ? json_string(T->scope) : json_null());
        json_object_set_new(t, "unit", T->unit_text ? json_string(T->unit_text) : json_null());
        json_object_set_new(t, "yuan_per_unit", json_integer(T->unit));
        json_object_set_new(t, "page", json_integer(T->page));
        json_object_set_new(t, "last_page", json_integer(T->last_page));
        json_object_set_new(t, "two_sided", json_boolean(T->twosided));
        json_object_set_new(t, "performance_form", json_boolean(T->perf));
        json_object_set_new(t, "empty", json_boolean(T->empty));
        json_object_set_new(t, "complete", json_boolean(T->complete));
        if (T->note)
            json_object_set_new(t, "note", json_string(T->note));
        for (size_t c = 0; c < T->ncols; c++) {
            json_t *col = json_object();
            json_object_set_new(col, "label", json_string(T->cols[c].label));
            json_object_set_new(col, "concept", T->cols[c].concept ? json_string(T->cols[c].concept) : json_null());
            if (T->twosided)
                json_object_set_new(col, "side", json_string(T->cols[c].side ? "支出" : "收入"));
            json_array_append_new(cols, col);
        }
        for (size_t r = 0; r < T->nrows; r++) {
            const yu_grow *w = &T->rows[r];
            json_t *row = json_object(), *cells = json_array();
            json_object_set_new(row, "code", json_string(w->code));
            json_object_set_new(row, "name", json_string(w->name));
            json_object_set_new(row, "level", json_integer(w->level));
            if (w->concept)
                json_object_set_new(row, "concept", json_string(w->concept));
            if (T->twosided)
                json_object_set_new(row, "side", json_string(w->side ? "支出" : "收入"));
            json_object_set_new(row, "page", json_integer(w->page));
            json_object_set_new(row, "line", json_integer(w->line));
            for (size_t c = 0; c < T->ncols; c++) {
                const yu_gcell *x = &w->cells[c];
                char b[48];
                const char *v = cell_value(x, b, sizeof b);
                json_array_append_new(cells, v ? json_string(v) : x->kind == YU_GC_DASH ? json_string("-")
                                                               : x->kind == YU_GC_TEXT ? json_string(x->text)
                                                                                       : json_null());
            }
            json_object_set_new(row, "cells", cells);
            json_array_append_new(rows, row);
        }
        json_object_set_new(t, "columns", cols);
        json_object_set_new(t, "rows", rows);
        json_array_append_new(ts, t);
    }
    json_object_set_new(o, "tables", ts);
    json_t *fs = json_array();
    for (size_t i = 0; i < d->nforms && fs; i++) {
        const yu_gform *F = &d->forms[i];
        json_t *f = json_object(), *ind = json_array();
        char b[48];
        json_object_set_new(f, "table", json_integer((json_int_t)F->table + 1));
        json_object_set_new(f, "project", F->project ? json_string(F->project) : json_null());
        json_object_set_new(f, "unit", F->unit ? json_string(F->unit) : json_null());
        json_object_set_new(f, "yuan_per_unit", json_integer(F->unit_yuan));
        json_object_set_new(f, "page", json_integer(F->page));
        static const char *const names[] = {"total", "fiscal", "carry", "other"};
        const int64_t vals[] = {F->total, F->fiscal, F->carry, F->other};
        for (int k = 0; k < 4; k++)
            json_object_set_new(f, names[k], vals[k] >= 0 ? json_string(yu_fmt_units(vals[k], 2, YU_NUM_PLAIN, b, sizeof b))
                                                           : json_null());
        for (size_t k = 0; k < F->nind; k++) {
            const yu_gindicator *x = &F->ind[k];
            json_t *j = json_object();
            json_object_set_new(j, "level1", x->l1 ? json_string(x->l1) : json_null());
            json_object_set_new(j, "level2", x->l2 ? json_string(x->l2) : json_null());
            json_object_set_new(j, "level3", x->l3 ? json_string(x->l3) : json_null());
            json_object_set_new(j, "value", x->value ? json_string(x->value) : json_null());
            json_object_set_new(j, "weight", x->weight >= 0 ? json_string(yu_fmt_units(x->weight, 2, YU_NUM_PLAIN, b, sizeof b))
                                                            : json_null());
            json_array_append_new(ind, j);
        }
        json_object_set_new(f, "indicators", ind);
        json_array_append_new(fs, f);
    }
    json_object_set_new(o, "forms", fs ? fs : json_array());
    char *s = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!s)
        return yu_error_set(err, YU_ENOMEM, d->name, 0, 0, "out of memory");
    *len = strlen(s);
    *out = s;
    return YU_OK;
}

/* one CSV field, quoted when it must be */
static void csv_field(yu_buf *b, const char *s, int last)
{
    s = s ? s : "";
    if (strpbrk(s, ",\"\n\r")) {
        yu_buf_puts(b, "\"");
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                yu_buf_puts(b, "\"");
            yu_buf_add(b, p, 1);
        }
        yu_buf_puts(b, "\"");
    } else
        yu_buf_puts(b, s);
    yu_buf_puts(b, last ? "\n" : ",");
}

yu_status yu_gdoc_csv(const yu_gdoc *d, int header, char **out, size_t *len, yu_error *err)
{
    yu_buf b;
    yu_buf_init(&b, 0);
    if (header)
        yu_buf_puts(&b, "document,unit_name,year,kind,money_unit,table_no,table,table_number,page,line,side,code,name,level,column,value,printed\n");
    char year[16];
    snprintf(year, sizeof year, "%d", d->year);
    for (size_t i = 0; i < d->ntables; i++) {
        const yu_gtable *T = &d->tables[i];
        char tno[24];
        snprintf(tno, sizeof tno, "%zu", i + 1);
        for (size_t r = 0; r < T->nrows; r++) {
            const yu_grow *w = &T->rows[r];
            char page[16], line[16], lev[16];
            snprintf(page, sizeof page, "%d", w->page);
            snprintf(line, sizeof line, "%d", w->line);
            snprintf(lev, sizeof lev, "%d", w->level);
            for (size_t c = 0; c < T->ncols; c++) {
                const yu_gcell *x = &w->cells[c];
                if (T->twosided && T->cols[c].side != w->side)
                    continue;
                char vb[48];
                const char *v = cell_value(x, vb, sizeof vb);
                csv_field(&b, d->name, 0);
                csv_field(&b, d->unit_name, 0);
                csv_field(&b, d->year ? year : "", 0);
                csv_field(&b, d->kind, 0);
                csv_field(&b, T->unit_text, 0);
                csv_field(&b, tno, 0);
                csv_field(&b, T->title, 0);
                csv_field(&b, T->number, 0);
                csv_field(&b, page, 0);
                csv_field(&b, line, 0);
                csv_field(&b, T->twosided ? (w->side ? "支出" : "收入") : "", 0);
                csv_field(&b, w->code, 0);
                csv_field(&b, w->name, 0);
                csv_field(&b, lev, 0);
                csv_field(&b, T->cols[c].label, 0);
                csv_field(&b, v ? v : x->kind == YU_GC_DASH ? "-" : "", 0);
                csv_field(&b, x->text, 1);
            }
        }
    }
    if (b.oom) {
        yu_buf_free(&b);
        return yu_error_set(err, YU_ENOMEM, d->name, 0, 0, "out of memory");
    }
    *len = b.len;
    *out = yu_buf_take(&b);
    if (!*out)
        *out = yu_strdup("");
    return *out ? YU_OK : yu_error_set(err, YU_ENOMEM, d->name, 0, 0, "out of memory");
}
