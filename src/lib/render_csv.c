/* CSV renderer (one table a file) and the dispatcher. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include "render_internal.h"

static void csv_field(yu_buf *o, const char *s, int first)
{
    if (!first)
        yu_buf_add(o, ",", 1);
    int q = strpbrk(s, ",\"\n\r") != NULL;
    if (!q) {
        yu_buf_puts(o, s);
        return;
    }
    yu_buf_add(o, "\"", 1);
    for (; *s; s++) {
        if (*s == '"')
            yu_buf_add(o, "\"", 1);
        yu_buf_add(o, s, 1);
    }
    yu_buf_add(o, "\"", 1);
}

yu_status yu_render_csv_table(const yu_doc *d, size_t i, char **out, size_t *len, yu_error *err)
{
    const yu_table *T = &d->tables[i];
    const yu_ltable *lt = T->lt;
    yu_buf o;
    yu_buf_init(&o, 0);
    char hb[512], cb[64];
    for (size_t c = 0; c < lt->ncols; c++)
        csv_field(&o, rt_hdr_flat(T, c, hb, sizeof hb), c == 0);
    yu_buf_puts(&o, "\r\n");
    /* data: an empty table has no rows (not even the blank 合计 line a layout may print) */
    for (size_t r = 0; r < T->nrows && !(T->empty && T->note); r++) {
        for (size_t c = 0; c < lt->ncols; c++) {
            const yu_cell *cell = &T->rows[r].cells[c];
            const char *s;
            if (cell->kind == YU_CELL_MONEY)
                s = yu_fmt_units(cell->v, yu_table_decimals(d, T), YU_NUM_PLAIN, cb, sizeof cb);
            else if (cell->kind == YU_CELL_PCT)
                s = yu_fmt_units(cell->v, 2, YU_NUM_PLAIN, cb, sizeof cb);
            else
                s = yu_cell_text(d, T, cell, cb, sizeof cb);
            csv_field(&o, s, c == 0);
        }
        yu_buf_puts(&o, "\r\n");
    }
    if (o.oom) {
        yu_buf_free(&o);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *len = o.len;
    *out = yu_buf_take(&o);
    return *out ? YU_OK : yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
}

yu_status yu_render_csv_perf(const yu_doc *d, char **out, size_t *len, yu_error *err)
{
    yu_buf o;
    yu_buf_init(&o, 0);
    yu_buf_puts(&o, "project,name,department,implementer,total,fiscal,carry,other,exec_score,level1,level2,level3,value,weight\r\n");
    char a[64], b[64], c[64], e[64], w[32];
    for (size_t i = 0; i < d->nperf; i++) {
        const yu_perf *p = &d->perf[i];
        for (size_t r = 0; r < p->nrows; r++) {
            const yu_perf_row *x = &p->rows[r];
            csv_field(&o, p->p->id, 1);
            csv_field(&o, p->p->name, 0);
            csv_field(&o, p->p->department, 0);
            csv_field(&o, p->p->implementer, 0);
            csv_field(&o, yu_fmt_units(p->total, p->decimals, YU_NUM_PLAIN, a, sizeof a), 0);
            csv_field(&o, yu_fmt_units(p->fiscal, p->decimals, YU_NUM_PLAIN, b, sizeof b), 0);
            csv_field(&o, yu_fmt_units(p->carry, p->decimals, YU_NUM_PLAIN, c, sizeof c), 0);
            csv_field(&o, yu_fmt_units(p->other, p->decimals, YU_NUM_PLAIN, e, sizeof e), 0);
            yu_buf_printf(&o, ",%d", p->p->exec_score);
            csv_field(&o, x->l1, 0);
            csv_field(&o, x->l2, 0);
            csv_field(&o, x->l3, 0);
            csv_field(&o, x->value, 0);
            csv_field(&o, yu_fmt_units(x->weight, 2, YU_NUM_PLAIN, w, sizeof w), 0);
            yu_buf_puts(&o, "\r\n");
        }
    }
    if (o.oom) {
        yu_buf_free(&o);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *len = o.len;
    *out = yu_buf_take(&o);
    return *out ? YU_OK : yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
}

yu_status yu_render(const yu_doc *d, yu_format f, char **out, size_t *len, yu_error *err)
{
    yu_buf o;
    yu_buf_init(&o, 0);
    yu_status st;
    switch (f) {
    case YU_FMT_TXT: st = rt_txt(d, &o); break;
    case YU_FMT_MD: st = rt_md(d, &o); break;
    case YU_FMT_JSON: st = rt_json(d, &o); break;
    case YU_FMT_HTML:
    case YU_FMT_PDF:
        st = f == YU_FMT_HTML ? rt_html(d, &o, err) : rt_pdf(d, &o, err);
        if (st) {
            yu_buf_free(&o);
            return st;
        }
        break;
    default:
        yu_buf_free(&o);
        return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "this format is written one table a file: use yu_render_csv_table");
    }
    if (st) {
        yu_buf_free(&o);
        return yu_error_set(err, st, NULL, 0, 0, "out of memory");
    }
    *len = o.len;
    *out = yu_buf_take(&o);
    return *out ? YU_OK : yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
}

yu_status yu_render_file(const yu_doc *d, yu_format f, const struct yu_findings *findings,
                         const char *path, yu_error *err)
{
    if (f == YU_FMT_XLSX) {
        /* libxlsxwriter writes a named file: write beside it, then rename;
         * never rename over a device such as /dev/null */
        struct stat sb;
        if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
            return yu_error_set(err, YU_EIO, path, 0, 0, "not a regular file: a workbook needs a file name");
        size_t n = strlen(path) + 32;
        char *tmp = malloc(n);
        if (!tmp)
            return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
        snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
        yu_status st = rt_xlsx(d, findings, tmp, err);
        if (!st && rename(tmp, path) != 0)
            st = yu_error_set(err, YU_EIO, path, 0, 0, "cannot rename into place");
        if (st)
            remove(tmp);
        free(tmp);
        return st;
    }
    if (f == YU_FMT_CSV)
        return yu_error_set(err, YU_EUSAGE, path, 0, 0, "csv is written one table a file");
    char *out;
    size_t len;
    yu_status st = yu_render(d, f, &out, &len, err);
    if (st)
        return st;
    st = yu_write_file_atomic(path, out, len, err);
    free(out);
    return st;
}

yu_status yu_render_csv_dir(const yu_doc *d, const char *dir, size_t fail_at, yu_error *err)
{
    size_t n = d->ntables + 1, k = 0;
    char **names = calloc(n, sizeof *names), **data = calloc(n, sizeof *data);
    size_t *lens = calloc(n, sizeof *lens);
    yu_status st = names && data && lens ? YU_OK : yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory");
    for (size_t i = 0; !st && i <= d->ntables; i++) {
        yu_buf nb;
        yu_buf_init(&nb, 0);
        if (i == d->ntables) {
            st = yu_render_csv_perf(d, &data[k], &lens[k], err);
            yu_buf_puts(&nb, "perf.csv");
        } else if (d->tables[i].lt->shape == YU_SHAPE_PERF) {
            yu_buf_free(&nb);
            continue;
        } else {
            st = yu_render_csv_table(d, i, &data[k], &lens[k], err);
            yu_buf_printf(&nb, "%02zu-%s.csv", i + 1, d->tables[i].lt->id);
        }
        names[k] = yu_buf_take(&nb);
        if (!st && !names[k])
            st = yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory");
        if (!st)
            k++;
        else {
            free(names[k]);
            names[k] = NULL;
        }
    }
    if (!st)
        st = yu_write_dir_atomic(dir, (const char *const *)names, (const char *const *)data, lens, k, fail_at, err);
    for (size_t i = 0; names && data && i < n; i++) {
        free(names[i]);
        free(data[i]);
    }
    free(names);
    free(data);
    free(lens);
    return st;
}
