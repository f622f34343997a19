/* yusuan serve: a page of an audited PDF as a PNG image, with the figures
 * of its findings marked (poppler renders, cairo draws). */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <glib.h>
#include <poppler.h>
#include <cairo.h>
#include "server.h"

static cairo_status_t png_out(void *closure, const unsigned char *data, unsigned int len)
{
    return yu_buf_add(closure, data, len) ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

int srv_page_png(const char *path, int page, const char *const *marks, size_t nmarks, yu_buf *out, char *msg, size_t n)
{
    char abs[PATH_MAX];
    if (!realpath(path, abs)) {
        snprintf(msg, n, "原文件不在了：请重新上传");
        return 404;
    }
    GError *ge = NULL;
    char *uri = g_filename_to_uri(abs, NULL, &ge);
    PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &ge) : NULL;
    g_free(uri);
    if (!doc) {
        snprintf(msg, n, "不是可以显示的PDF文件：%s", ge ? ge->message : "");
        if (ge)
            g_error_free(ge);
        return 409;
    }
    int np = poppler_document_get_n_pages(doc);
    if (page < 1 || page > np) {
        snprintf(msg, n, "第%d页：文件只有%d页", page, np);
        g_object_unref(doc);
        return 404;
    }
    PopplerPage *p = poppler_document_get_page(doc, page - 1);
    double w = 0, h = 0, scale = 1.5;
    poppler_page_get_size(p, &w, &h);
    int rc = 0;
    if (w <= 0 || h <= 0 || w > 5000 || h > 5000) {
        snprintf(msg, n, "第%d页的尺寸不合理", page);
        rc = 409;
    } else {
        cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * scale), (int)(h * scale));
        cairo_t *cr = cairo_create(sf);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
        poppler_page_render(p, cr);
        /* each figure a finding names, wherever it is printed on the page */
        cairo_set_source_rgba(cr, 0.85, 0.1, 0.1, 0.9);
        cairo_set_line_width(cr, 1.2);
        for (size_t i = 0; i < nmarks; i++) {
            GList *found = poppler_page_find_text(p, marks[i]);
            for (GList *l = found; l; l = l->next) {
                PopplerRectangle *r = l->data;
                /* find_text gives PDF points with the origin at the bottom left */
                cairo_rectangle(cr, r->x1 - 1.5, h - r->y2 - 1.5, r->x2 - r->x1 + 3, r->y2 - r->y1 + 3);
                cairo_stroke(cr);
                poppler_rectangle_free(r);
            }
            g_list_free(found);
        }
        cairo_destroy(cr);
        cairo_surface_flush(sf);
        if (cairo_surface_write_to_png_stream(sf, png_out, out) != CAIRO_STATUS_SUCCESS) {
            snprintf(msg, n, "cannot write the image");
            rc = 500;
        }
        cairo_surface_destroy(sf);
    }
    g_object_unref(p);
    g_object_unref(doc);
    return rc;
}
