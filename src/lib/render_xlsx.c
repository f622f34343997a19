/* XLSX renderer (libxlsxwriter): the disclosure tables as a workbook.
 *
 * One sheet per table in the official layout: the title merged across, the
 * 编制单位 and 单位：万元 line, the multi-level header merged exactly as the
 * layout's header paths say (adjacent columns sharing a label at a level
 * merge across; a shorter path spans down), 类/款/项 codes as text, amounts
 * as numbers formatted #,##0.00, totals bold, thin borders, A4 landscape with
 * the header rows repeated on every printed page and fit to one page wide.
 * The performance forms share one sheet (a page each); a last sheet lists the
 * check findings. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <xlsxwriter.h>
#include "render_internal.h"
#include "xlsx_internal.h"
#include "yusuan/rules.h"

#define CELL_MAX 32767

typedef struct xw {
    lxw_workbook *wb;
    const yu_doc *d;
    const char *path;
    yu_error *err;
    int failed;
    char used[64][128]; /* sheet names given */
    size_t nused;
    lxw_format *title, *sub, *left, *right, *hdr;
    lxw_format *text[2], *money[2], *pct[2], *count[2], *weight, *wraptext, *note, *label;
} xw;

static void fail(xw *w, const char *what, lxw_error e)
{
    if (w->failed)
        return;
    w->failed = 1;
    yu_error_set(w->err, YU_EIO, w->path, 0, 0, "cannot write the workbook (%s): %s", what, lxw_strerror(e));
}

static void chk(xw *w, lxw_error e, const char *what)
{
    if (e)
        fail(w, what, e);
}

/* Writes text, cut to what a cell holds. */
static void put_str(xw *w, lxw_worksheet *ws, uint32_t r, uint32_t c, const char *s, lxw_format *f)
{
    if (w->failed)
        return;
    if (!s || !*s) {
        chk(w, worksheet_write_blank(ws, r, (lxw_col_t)c, f), "a blank cell");
        return;
    }
    size_t chars = 0, cut = 0;
    for (const char *p = s; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80 && ++chars == CELL_MAX + 1)
            cut = (size_t)(p - s);
    if (cut) {
        char *t = yu_strndup(s, cut);
        if (!t) {
            w->failed = 1;
            yu_error_set(w->err, YU_ENOMEM, w->path, 0, 0, "out of memory");
            return;
        }
        char *owned;
        chk(w, worksheet_write_string(ws, r, (lxw_col_t)c, yu_xl_escape(t, &owned), f), "a text cell");
        free(owned);
        free(t);
        return;
    }
    char *owned;
    chk(w, worksheet_write_string(ws, r, (lxw_col_t)c, yu_xl_escape(s, &owned), f), "a text cell");
    free(owned);
}

/* Merges a range (or writes one cell when the range is a single cell). */
static void put_range(xw *w, lxw_worksheet *ws, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2,
                      const char *s, lxw_format *f)
{
    if (w->failed)
        return;
    if (r1 == r2 && c1 == c2) {
        put_str(w, ws, r1, c1, s, f);
        return;
    }
    chk(w, worksheet_merge_range(ws, r1, (lxw_col_t)c1, r2, (lxw_col_t)c2, s ? s : "", f), "a merged range");
}

/* Display units as a number: exact for two decimals (strtod of the decimal text). */
static double units_num(int64_t v, int decimals)
{
    char buf[64];
    yu_fmt_units(v, decimals, YU_NUM_PLAIN, buf, sizeof buf);
    return strtod(buf, NULL);
}

/* A sheet name from a title: at most 31 characters, none of []:*?/\, unique. */
static const char *sheet_name(xw *w, const char *title, char *out, size_t n)
{
    size_t k = 0, chars = 0;
    for (const char *p = title; *p && chars < 31 && k + 5 < n;) {
        uint32_t cp;
        int len = yu_utf8_decode(p, strlen(p), &cp);
        if (strchr("[]:*?/\\", *p) && len == 1)
            out[k++] = '_';
        else {
            memcpy(out + k, p, (size_t)len);
            k += (size_t)len;
        }
        p += len;
        chars++;
    }
    out[k] = 0;
    if (!k)
        snprintf(out, n, "表");
    char base[128];
    snprintf(base, sizeof base, "%s", out);
    for (int i = 2;; i++) {
        int dup = 0;
        for (size_t j = 0; j < w->nused; j++)
            if (!strcmp(w->used[j], out))
                dup = 1;
        if (!dup)
            break;
        /* shorten to leave room for the number */
        char num[16];
        snprintf(num, sizeof num, "(%d)", i);
        size_t keep = 0, c = 0;
        for (const char *p = base; *p && c < 31 - strlen(num);) {
            uint32_t cp;
            int len = yu_utf8_decode(p, strlen(p), &cp);
            p += len;
            keep += (size_t)len;
            c++;
        }
        snprintf(out, n, "%.*s%s", (int)keep, base, num);
    }
    if (w->nused < 64)
        snprintf(w->used[w->nused++], sizeof w->used[0], "%s", out);
    return out;
}

static void page_setup(lxw_worksheet *ws)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    worksheet_center_horizontally(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

static int label_lines(const char *s, int width)
{
    int lw = yu_utf8_width(s ? s : "");
    if (width < 2)
        width = 2;
    return (lw + width - 1) / width > 0 ? (lw + width - 1) / width : 1;
}

/* One grid or two-sided table. */
static void table_sheet(xw *w, const yu_table *T)
{
    const yu_doc *d = w->d;
    const yu_ltable *lt = T->lt;
    size_t nc = lt->ncols;
    if (!nc)
        return;
    char name[160];
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, sheet_name(w, T->title, name, sizeof name));
    if (!ws) {
        w->failed = 1;
        yu_error_set(w->err, YU_EIO, w->path, 0, 0, "cannot add the sheet '%s'", name);
        return;
    }
    page_setup(ws);
    int depth_max = lt->hdr_depth > 0 ? lt->hdr_depth : 1;
    int *depth = calloc(nc, sizeof *depth);
    int *width = calloc(nc, sizeof *width);
    if (!depth || !width) {
        free(depth);
        free(width);
        w->failed = 1;
        yu_error_set(w->err, YU_ENOMEM, w->path, 0, 0, "out of memory");
        return;
    }
    for (size_t c = 0; c < nc; c++) {
        depth[c] = lt->cols[c].depth > 0 ? lt->cols[c].depth : 1;
        const char *leaf = T->hdr[c * YU_HDR_MAX + depth[c] - 1];
        width[c] = leaf ? yu_utf8_width(leaf) : 4;
        if (width[c] > 24)
            width[c] = 24; /* long leaf labels wrap */
    }
    int show_rows = yu_table_rows_shown(T) > 0;
    char buf[64];
    for (size_t r = 0; show_rows && r < T->nrows; r++)
        for (size_t c = 0; c < nc; c++) {
            int x = yu_utf8_width(yu_cell_text(d, T, &T->rows[r].cells[c], buf, sizeof buf));
            if (x > width[c])
                width[c] = x > 60 ? 60 : x;
        }
    for (size_t c = 0; c < nc; c++) {
        width[c] += 2;
        if (width[c] < 8)
            width[c] = 8;
    }
    /* title, 编制单位 and unit */
    uint32_t row = 0;
    put_range(w, ws, row, 0, row, (uint32_t)nc - 1, T->title, w->title);
    worksheet_set_row(ws, row, 30, NULL);
    row++;
    char unit[128], org[1024];
    snprintf(unit, sizeof unit, "单位：%s", yu_table_unit_label(d, T));
    if (d->org_line)
        snprintf(org, sizeof org, "%s", d->org_line);
    else
        snprintf(org, sizeof org, "编制单位：%s", d->b && d->b->name ? d->b->name : "");
    if (nc >= 2) {
        put_range(w, ws, row, 0, row, (uint32_t)nc - 2, org, w->left);
        put_str(w, ws, row, (uint32_t)nc - 1, unit, w->right);
    } else
        put_str(w, ws, row, 0, unit, w->right);
    row++;
    /* the header: level by level */
    uint32_t h0 = row, h1 = row + (uint32_t)depth_max - 1;
    for (int k = 0; k < depth_max; k++) {
        int lines = 1;
        for (size_t c = 0; c < nc;) {
            const char *lab = T->hdr[c * YU_HDR_MAX + k];
            if (depth[c] <= k) {
                c++;
                continue;
            }
            if (depth[c] == k + 1) {
                put_range(w, ws, h0 + (uint32_t)k, (uint32_t)c, h1, (uint32_t)c, lab, w->hdr);
                int l = label_lines(lab, width[c]);
                if (h1 == h0 + (uint32_t)k && l > lines)
                    lines = l;
                c++;
                continue;
            }
            size_t e = c + 1;
            while (e < nc && depth[e] > k + 1) {
                int same = 1;
                for (int j = 0; j <= k; j++) {
                    const char *a = T->hdr[e * YU_HDR_MAX + j], *b = T->hdr[c * YU_HDR_MAX + j];
                    if (!a || !b || strcmp(a, b))
                        same = 0;
                }
                if (!same)
                    break;
                e++;
            }
            int span = 0;
            for (size_t j = c; j < e; j++)
                span += width[j];
            put_range(w, ws, h0 + (uint32_t)k, (uint32_t)c, h0 + (uint32_t)k, (uint32_t)e - 1, lab, w->hdr);
            int l = label_lines(lab, span);
            if (l > lines)
                lines = l;
            c = e;
        }
        worksheet_set_row(ws, h0 + (uint32_t)k, 6.0 + 14.0 * lines, NULL);
    }
    row = h1 + 1;
    /* the body */
    if (show_rows)
        for (size_t r = 0; r < T->nrows; r++, row++) {
            const yu_row *R = &T->rows[r];
            int b = (R->flags & (YU_ROW_TOTAL | YU_ROW_HEAD)) != 0;
            for (size_t c = 0; c < nc; c++) {
                const yu_cell *cell = &R->cells[c];
                const char *s = yu_cell_text(d, T, cell, buf, sizeof buf);
                switch (cell->kind) {
                case YU_CELL_MONEY:
                    if (!*s)
                        put_str(w, ws, row, (uint32_t)c, NULL, w->money[b]);
                    else if (!w->failed) {
                        /* in the table's own unit (the “三公” table in 万元 beside 元 tables) */
                        chk(w, worksheet_write_number(ws, row, (lxw_col_t)c,
                                                      units_num(cell->v, yu_table_decimals(d, T)), w->money[b]),
                            "a number");
                    }
                    break;
                case YU_CELL_PCT:
                    if (!w->failed)
                        chk(w, worksheet_write_number(ws, row, (lxw_col_t)c, units_num(cell->v, 2), w->pct[b]), "a number");
                    break;
                case YU_CELL_COUNT:
                    if (!w->failed)
                        chk(w, worksheet_write_number(ws, row, (lxw_col_t)c, (double)cell->v, w->count[b]), "a number");
                    break;
                default: /* codes, names and labels are text */
                    put_str(w, ws, row, (uint32_t)c, s, w->text[b]);
                }
            }
        }
    else {
        for (size_t c = 0; c < nc; c++)
            put_str(w, ws, row, (uint32_t)c, NULL, w->text[0]);
        row++;
    }
    if (T->empty && T->note) {
        row++;
        put_range(w, ws, row, 0, row, (uint32_t)nc - 1, T->note, w->note);
        int span = 0;
        for (size_t c = 0; c < nc; c++)
            span += width[c];
        worksheet_set_row(ws, row, 4.0 + 15.0 * label_lines(T->note, span), NULL);
    }
    for (size_t c = 0; c < nc; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL);
    worksheet_repeat_rows(ws, h0, h1);
    worksheet_freeze_panes(ws, h1 + 1, 0);
    free(depth);
    free(width);
}

/* The performance forms, one after another, a printed page each: the engine's
 * grid, a cell (merged over its spans) where it starts; money as numbers. */
static void perf_sheet(xw *w, const char *title)
{
    const yu_doc *d = w->d;
    char name[160];
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, sheet_name(w, title, name, sizeof name));
    if (!ws) {
        w->failed = 1;
        yu_error_set(w->err, YU_EIO, w->path, 0, 0, "cannot add the sheet '%s'", name);
        return;
    }
    worksheet_set_portrait(ws);
    worksheet_set_paper(ws, 9);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    worksheet_center_horizontally(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
    /* the columns as wide as their one-column cells want, over every form */
    int width[32] = {0};
    size_t ncols = 1;
    for (size_t i = 0; i < d->nperf; i++) {
        const yu_form *F = &d->perf[i].form;
        if (F->ncols > ncols)
            ncols = F->ncols < 32 ? F->ncols : 32;
        for (size_t k = 0; k < F->ncells; k++) {
            const yu_fcell *x = &F->cells[k];
            int cw = yu_utf8_width(x->text) + 2;
            if (x->colspan == 1 && x->col < 32 && cw > width[x->col])
                width[x->col] = cw;
        }
    }
    for (size_t c = 0; c < ncols; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             width[c] < 10 ? 10 : width[c] > 40 ? 40 : width[c], NULL);
    lxw_row_t *breaks = calloc(d->nperf + 1, sizeof *breaks);
    size_t nbreaks = 0;
    uint32_t row = 0;
    if (!d->nperf)
        put_str(w, ws, 0, 0, "无", w->label);
    for (size_t i = 0; i < d->nperf && !w->failed; i++) {
        const yu_form *F = &d->perf[i].form;
        if (!F->ncols)
            continue;
        if (i && breaks && nbreaks < 1000)
            breaks[nbreaks++] = row;
        uint32_t last = (uint32_t)(F->ncols < 32 ? F->ncols : 32) - 1;
        put_range(w, ws, row, 0, row, last, F->title, w->title);
        worksheet_set_row(ws, row, 28, NULL);
        row++;
        put_range(w, ws, row, 0, row, last, F->subtitle, w->sub);
        row++;
        int *lines = calloc(F->nrows + 1, sizeof *lines);
        if (!lines) {
            w->failed = 1;
            yu_error_set(w->err, YU_ENOMEM, w->path, 0, 0, "out of memory");
            break;
        }
        for (size_t k = 0; k < F->ncells && !w->failed; k++) {
            const yu_fcell *x = &F->cells[k];
            if (x->col > last)
                continue;
            uint32_t r1 = row + x->row, c1 = x->col;
            uint32_t r2 = r1 + x->rowspan - 1, c2 = c1 + x->colspan - 1;
            if (c2 > last)
                c2 = last;
            lxw_format *f = x->kind == YU_FC_LABEL ? w->label : x->kind == YU_FC_HEAD ? w->hdr
                          : x->kind == YU_FC_MONEY ? w->money[0] : x->kind == YU_FC_NUM ? w->weight : w->wraptext;
            int num = x->kind == YU_FC_MONEY || x->kind == YU_FC_NUM;
            put_range(w, ws, r1, c1, r2, c2, num ? "" : x->text, f);
            if (num && !w->failed)
                chk(w, worksheet_write_number(ws, r1, (lxw_col_t)c1, units_num(x->v, x->decimals), f), "a number");
            /* a long text in one row: the row as tall as its lines */
            if (x->rowspan == 1 && x->kind == YU_FC_TEXT) {
                int cw = 0;
                for (uint32_t c = c1; c <= c2; c++)
                    cw += width[c] < 10 ? 10 : width[c] > 40 ? 40 : width[c];
                int l = label_lines(x->text, cw) + (strchr(x->text, '\n') != NULL);
                if (l > lines[x->row])
                    lines[x->row] = l;
            }
        }
        for (size_t r = 0; r < F->nrows && !w->failed; r++)
            if (lines[r] > 1)
                worksheet_set_row(ws, row + (uint32_t)r, 4.0 + 15.0 * lines[r], NULL);
        free(lines);
        row += (uint32_t)F->nrows + 2;
    }
    if (breaks && nbreaks) {
        breaks[nbreaks] = 0;
        worksheet_set_h_pagebreaks(ws, breaks);
    }
    free(breaks);
}

/* The check findings (rule, severity, table, row, column, message). */
static void findings_sheet(xw *w, const yu_findings *f)
{
    char name[160];
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, sheet_name(w, "检查结果", name, sizeof name));
    if (!ws) {
        w->failed = 1;
        yu_error_set(w->err, YU_EIO, w->path, 0, 0, "cannot add the sheet '%s'", name);
        return;
    }
    page_setup(ws);
    static const char *const h[6] = {"规则", "级别", "表", "行", "列", "说明"};
    static const double wd[6] = {18, 10, 26, 22, 26, 90};
    for (int c = 0; c < 6; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, wd[c], NULL);
        put_str(w, ws, 0, (uint32_t)c, h[c], w->hdr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
    if (!f || !f->n) {
        put_range(w, ws, 1, 0, 1, 5, "无", w->wraptext);
        return;
    }
    char hb[512];
    for (size_t i = 0; i < f->n && !w->failed; i++) {
        const yu_finding *x = &f->f[i];
        uint32_t r = (uint32_t)i + 1;
        const yu_table *T = yu_doc_table(w->d, x->table);
        const char *col = x->col;
        if (T) {
            int c = yu_ltable_col(T->lt, x->col);
            if (c >= 0)
                col = rt_hdr_flat(T, (size_t)c, hb, sizeof hb);
        }
        put_str(w, ws, r, 0, x->rule, w->wraptext);
        put_str(w, ws, r, 1, yu_severity_name(x->sev), w->wraptext);
        put_str(w, ws, r, 2, T ? T->title : x->table, w->wraptext);
        put_str(w, ws, r, 3, x->row, w->wraptext);
        put_str(w, ws, r, 4, col, w->wraptext);
        put_str(w, ws, r, 5, x->msg, w->wraptext);
        int l = label_lines(x->msg, 88);
        if (l > 1)
            worksheet_set_row(ws, r, 4.0 + 15.0 * l, NULL);
    }
}

static lxw_format *mkfmt(lxw_workbook *wb, int bold, int border, const char *num, int align)
{
    lxw_format *f = workbook_add_format(wb);
    if (!f)
        return NULL;
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    if (bold)
        format_set_bold(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (num)
        format_set_num_format(f, num);
    if (align)
        format_set_align(f, (uint8_t)align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
}

yu_status rt_xlsx(const yu_doc *d, const struct yu_findings *f, const char *path, yu_error *err)
{
    xw w;
    memset(&w, 0, sizeof w);
    w.d = d;
    w.path = path;
    w.err = err;
    w.wb = workbook_new(path);
    if (!w.wb)
        return yu_error_set(err, YU_EIO, path, 0, 0, "cannot create the workbook");
    w.title = mkfmt(w.wb, 1, 0, NULL, LXW_ALIGN_CENTER);
    if (w.title)
        format_set_font_size(w.title, 16);
    w.sub = mkfmt(w.wb, 0, 0, NULL, LXW_ALIGN_CENTER);
    w.left = mkfmt(w.wb, 0, 0, NULL, LXW_ALIGN_LEFT);
    w.right = mkfmt(w.wb, 0, 0, NULL, LXW_ALIGN_RIGHT);
    w.hdr = mkfmt(w.wb, 1, 1, NULL, LXW_ALIGN_CENTER);
    if (w.hdr)
        format_set_text_wrap(w.hdr);
    for (int b = 0; b < 2; b++) {
        w.text[b] = mkfmt(w.wb, b, 1, "@", LXW_ALIGN_LEFT);
        w.money[b] = mkfmt(w.wb, b, 1, "#,##0.00", LXW_ALIGN_RIGHT);
        w.pct[b] = mkfmt(w.wb, b, 1, "0.00", LXW_ALIGN_RIGHT);
        w.count[b] = mkfmt(w.wb, b, 1, "#,##0", LXW_ALIGN_RIGHT);
    }
    w.weight = mkfmt(w.wb, 0, 1, NULL, LXW_ALIGN_CENTER);
    w.wraptext = mkfmt(w.wb, 0, 1, NULL, LXW_ALIGN_LEFT);
    if (w.wraptext)
        format_set_text_wrap(w.wraptext);
    w.label = mkfmt(w.wb, 1, 1, NULL, LXW_ALIGN_CENTER);
    if (w.label)
        format_set_text_wrap(w.label);
    w.note = mkfmt(w.wb, 0, 0, NULL, LXW_ALIGN_LEFT);
    if (w.note)
        format_set_text_wrap(w.note);
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = (char *)(d->title ? d->title : "");
    props.comments = (char *)"yusuan report -f xlsx";
    workbook_set_properties(w.wb, &props);

    int perf_done = 0;
    for (size_t i = 0; i < d->ntables && !w.failed; i++) {
        const yu_table *T = &d->tables[i];
        if (T->lt->shape == YU_SHAPE_PERF) {
            if (!perf_done)
                perf_sheet(&w, T->title ? T->title : "项目支出绩效目标表");
            perf_done = 1;
        } else
            table_sheet(&w, T);
    }
    if (!perf_done && d->nperf && !w.failed)
        perf_sheet(&w, "项目支出绩效目标表");
    if (!w.failed)
        findings_sheet(&w, f);
    lxw_error e = workbook_close(w.wb);
    if (w.failed)
        return err && err->status ? err->status : YU_EIO;
    if (e)
        return yu_error_set(err, YU_EIO, path, 0, 0, "cannot write the workbook: %s", lxw_strerror(e));
    return YU_OK;
}
