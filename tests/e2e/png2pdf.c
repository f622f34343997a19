/* png2pdf OUT.pdf DPI PAGE...: a PDF whose pages are PNG images (a scanned
 * document, no text glyphs) or, for an argument "text:WORDS", a page with
 * WORDS drawn as real text.  Used by tests/e2e/ocr.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: png2pdf OUT.pdf DPI PAGE.png|text:WORDS...\n");
        return 2;
    }
    double dpi = strtod(argv[2], NULL);
    if (dpi <= 0)
        dpi = 72;
    cairo_surface_t *pdf = cairo_pdf_surface_create(argv[1], 595.28, 841.89);
    for (int i = 3; i < argc; i++) {
        if (!strncmp(argv[i], "text:", 5)) {
            cairo_pdf_surface_set_size(pdf, 595.28, 841.89);
            cairo_t *cr = cairo_create(pdf);
            cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
            cairo_set_font_size(cr, 12);
            cairo_move_to(cr, 72, 100);
            cairo_show_text(cr, argv[i] + 5);
            cairo_show_page(cr);
            cairo_destroy(cr);
            continue;
        }
        cairo_surface_t *img = cairo_image_surface_create_from_png(argv[i]);
        if (cairo_surface_status(img)) {
            fprintf(stderr, "png2pdf: %s: %s\n", argv[i], cairo_status_to_string(cairo_surface_status(img)));
            return 1;
        }
        double w = cairo_image_surface_get_width(img) * 72 / dpi;
        double h = cairo_image_surface_get_height(img) * 72 / dpi;
        cairo_pdf_surface_set_size(pdf, w, h);
        cairo_t *cr = cairo_create(pdf);
        cairo_scale(cr, 72 / dpi, 72 / dpi);
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_paint(cr);
        cairo_show_page(cr);
        cairo_destroy(cr);
        cairo_surface_destroy(img);
    }
    cairo_surface_finish(pdf);
    int bad = cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(pdf);
    return bad;
}
