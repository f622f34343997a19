/* PDF text through poppler-glib: glyph positions -> lines -> columns, in the
 * shape of `pdftotext -layout` (cells separated by runs of spaces), pages
 * separated by form feeds. */
#define _DEFAULT_SOURCE /* realpath */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <poppler.h>
#include "yusuan/audit.h"
#include "internal.h"

typedef struct glyph {
    double x, y, w, h; /* left, vertical centre, width, height (points) */
    uint32_t cp;
} glyph;

/* by vertical centre, then left edge: a strict order (a tolerance here would
 * not be transitive, and qsort could mix the glyphs of neighbouring lines) */
static int gcmp_y(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    if (x->y != y->y)
        return x->y < y->y ? -1 : 1;
    return x->x < y->x ? -1 : x->x > y->x;
}

static int gcmp_x(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    return x->x < y->x ? -1 : x->x > y->x;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void page_text(PopplerPage *page, yu_buf *o)
{
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint nr = 0;
    if (!text || !poppler_page_get_text_layout(page, &rects, &nr)) {
        g_free(text);
        return;
    }
    size_t tl = strlen(text), i = 0, k = 0;
    glyph *g = malloc((nr + 1) * sizeof *g);
    double *widths = malloc((nr + 1) * sizeof *widths);
    size_t ng = 0, nw = 0;
    if (!g || !widths) {
        free(g);
        free(widths);
        g_free(text);
        g_free(rects);
        o->oom = 1;
        return;
    }
    while (i < tl && k < nr) {
        uint32_t cp;
        int m = yu_utf8_decode(text + i, tl - i, &cp);
        PopplerRectangle *rc = &rects[k];
        if (cp != '\n' && cp != '\r' && cp != ' ' && cp != 0x3000 && rc->x2 > rc->x1) {
            g[ng].x = rc->x1;
            g[ng].w = rc->x2 - rc->x1;
            g[ng].y = (rc->y1 + rc->y2) / 2;
            g[ng].h = rc->y2 - rc->y1;
            g[ng].cp = cp;
            if (cp >= 0x4E00 && cp <= 0x9FFF)
                widths[nw++] = g[ng].w / 2; /* a CJK character is two columns wide */
            ng++;
        }
        i += (size_t)m;
        k++;
    }
    /* a column is half a CJK character (the width text columns count in),
     * so Chinese labels and the figures under them keep their places */
    double cw = 5.0;
    if (nw) {
        qsort(widths, nw, sizeof *widths, cmp_double);
        cw = widths[nw / 2];
        if (cw < 2)
            cw = 2;
    }
    qsort(g, ng, sizeof *g, gcmp_y);
    size_t a = 0;
    while (a < ng) {
        /* a line: glyphs whose centres lie within half a glyph of the first's */
        size_t b = a + 1;
        while (b < ng && g[b].y - g[a].y <= 0.5 * (g[a].h < g[b].h ? g[a].h : g[b].h))
            b++;
        qsort(g + a, b - a, sizeof *g, gcmp_x);
        int col = 0;
        for (size_t j = a; j < b; j++) {
            /* glyphs that touch are one word: no space, whatever the grid says;
             * after a real gap, go to the glyph's column on the grid (so columns
             * line up across lines), at least one space, two after a wide gap */
            int want = (int)lround(g[j].x / cw);
            if (j > a) {
                double gap = g[j].x - (g[j - 1].x + g[j - 1].w);
                if (gap < 0.35 * cw)
                    want = col;
                else {
                    int least = col + (gap > 0.7 * cw ? 2 : 1);
                    if (want < least)
                        want = least;
                }
            }
            while (col < want) {
                yu_buf_add(o, " ", 1);
                col++;
            }
            char enc[4];
            int n = yu_utf8_encode(g[j].cp, enc);
            yu_buf_add(o, enc, (size_t)n);
            char tmp[5] = {0};
            memcpy(tmp, enc, (size_t)n);
            col += yu_utf8_width(tmp);
        }
        yu_buf_add(o, "\n", 1);
        a = b;
    }
    free(g);
    free(widths);
    g_free(text);
    g_free(rects);
}

yu_status yu_pdf_text(const char *path, char **text, size_t *len, yu_error *err)
{
    *text = NULL;
    GError *ge = NULL;
    char *abs = realpath(path, NULL);
    if (!abs)
        return yu_error_set(err, YU_EIO, path, 0, 0, "cannot open the PDF");
    char *uri = g_filename_to_uri(abs, NULL, &ge);
    free(abs);
    if (!uri) {
        yu_error_set(err, YU_EIO, path, 0, 0, "cannot open the PDF: %s", ge ? ge->message : "");
        if (ge)
            g_error_free(ge);
        return YU_EIO;
    }
    PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &ge);
    g_free(uri);
    if (!doc) {
        yu_error_set(err, YU_EFORMAT, path, 0, 0, "not a readable PDF: %s", ge ? ge->message : "");
        if (ge)
            g_error_free(ge);
        return YU_EFORMAT;
    }
    yu_buf o;
    yu_buf_init(&o, 0);
    int np = poppler_document_get_n_pages(doc);
    for (int p = 0; p < np; p++) {
        PopplerPage *page = poppler_document_get_page(doc, p);
        if (!page)
            continue;
        if (p)
            yu_buf_add(&o, "\f", 1);
        page_text(page, &o);
        g_object_unref(page);
    }
    g_object_unref(doc);
    if (o.oom) {
        yu_buf_free(&o);
        return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    }
    *len = o.len;
    *text = yu_buf_take(&o);
    return *text ? YU_OK : yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
}
