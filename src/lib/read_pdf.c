/* PDF text through poppler-glib: glyph positions -> lines -> columns, in the
 * shape of `pdftotext -layout` (cells separated by runs of spaces), pages
 * separated by form feeds.  A scanned page (an image and next to no text
 * glyphs) is rendered with poppler + cairo and read by tesseract; its words
 * are laid out on the same grid, and a figure tesseract is unsure of is
 * marked with a trailing '?' so that no reader takes it for a number. */
#define _DEFAULT_SOURCE /* realpath */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <poppler.h>
#include <cairo.h>
#include <tesseract/capi.h>
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

/* The glyphs of a page, in reading order of the text poppler gives; the
 * widths of its CJK glyphs are appended to *cjk (for the document's grid).
 * 0, or -1 when out of memory. */
static int page_glyphs(PopplerPage *page, glyph **out, size_t *nout, double **cjk, size_t *ncjk, size_t *capcjk)
{
    *out = NULL;
    *nout = 0;
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint nr = 0;
    if (!text || !poppler_page_get_text_layout(page, &rects, &nr)) {
        g_free(text);
        return 0;
    }
    size_t tl = strlen(text), i = 0, k = 0;
    glyph *g = malloc((nr + 1) * sizeof *g);
    size_t ng = 0;
    if (!g || *ncjk + nr + 1 > *capcjk) {
        size_t nc = (*ncjk + nr + 1) * 2;
        double *nw = g ? realloc(*cjk, nc * sizeof *nw) : NULL;
        if (!nw) {
            free(g);
            g_free(text);
            g_free(rects);
            return -1;
        }
        *cjk = nw;
        *capcjk = nc;
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
                (*cjk)[(*ncjk)++] = g[ng].w / 2; /* a CJK character is two columns wide */
            ng++;
        }
        i += (size_t)m;
        k++;
    }
    g_free(text);
    g_free(rects);
    *out = g;
    *nout = ng;
    return 0;
}

/* Lays a page's glyphs out in text columns of width cw (points): lines by
 * vertical centre, words placed on the grid. */
static void page_layout(glyph *g, size_t ng, double cw, yu_buf *o)
{
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
}

/* ---------------------------------------------------------------- OCR ---- */

#define OCR_DPI 300          /* resolution a scanned page is rendered at */
#define OCR_MIN_CONF 80      /* below this, a word with digits gets a '?' */
#define OCR_MAX_PIXELS 7000  /* longest side of a rendered page */
#define SCAN_MAX_GLYPHS 20   /* fewer text glyphs than this: "no text" */
#define SCAN_MIN_COVER 0.25  /* images cover at least this share of the page */

void yu_pdf_opts_init(yu_pdf_opts *o)
{
    memset(o, 0, sizeof *o);
    o->ocr = 1;
    o->dpi = OCR_DPI;
    o->min_conf = OCR_MIN_CONF;
}

/* a page that is an image: (almost) no text glyphs, images over much of it */
static int page_is_scan(PopplerPage *page)
{
    char *text = poppler_page_get_text(page);
    size_t n = 0;
    if (text) {
        size_t tl = strlen(text);
        for (size_t i = 0; i < tl && n < SCAN_MAX_GLYPHS;) {
            uint32_t cp;
            i += (size_t)yu_utf8_decode(text + i, tl - i, &cp);
            if (cp > ' ' && cp != 0x3000)
                n++;
        }
    }
    g_free(text);
    if (n >= SCAN_MAX_GLYPHS)
        return 0;
    double pw = 0, ph = 0, cover = 0;
    poppler_page_get_size(page, &pw, &ph);
    GList *m = poppler_page_get_image_mapping(page);
    for (GList *l = m; l; l = l->next) {
        const PopplerImageMapping *im = l->data;
        cover += fabs(im->area.x2 - im->area.x1) * fabs(im->area.y2 - im->area.y1);
    }
    poppler_page_free_image_mapping(m);
    return pw > 0 && ph > 0 && cover >= SCAN_MIN_COVER * pw * ph;
}

typedef struct word {
    double x, y, w, h; /* left, vertical centre, width, height (points) */
    float conf;        /* tesseract's confidence, 0-100 */
    char *s;           /* UTF-8, owned */
} word;

static int wcmp_y(const void *a, const void *b)
{
    const word *x = a, *y = b;
    if (x->y != y->y)
        return x->y < y->y ? -1 : 1;
    return x->x < y->x ? -1 : x->x > y->x;
}

static int wcmp_x(const void *a, const void *b)
{
    const word *x = a, *y = b;
    return x->x < y->x ? -1 : x->x > y->x;
}

static int has_cjk(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += (size_t)yu_utf8_decode(s + i, n - i, &cp);
        if (cp >= 0x4E00 && cp <= 0x9FFF)
            return 1;
    }
    return 0;
}

/* a word that is only ruling lines and marks left by the table's borders */
static int is_rule(const char *s)
{
    for (; *s; s++)
        if (!strchr("|[]{}()_-~=:;.,'`\"!/\\ ", *s))
            return 0;
    return 1;
}

/* "50.00|": a table border read after a figure with its two decimals (a
 * border anywhere else stays, and makes the text no figure) */
static void strip_rule(yu_buf *w)
{
    size_t n = w->len;
    while (n && w->p[n - 1] == '|')
        n--;
    if (n < w->len && n >= 3 && w->p[n - 3] == '.' && w->p[n - 2] >= '0' && w->p[n - 2] <= '9' &&
        w->p[n - 1] >= '0' && w->p[n - 1] <= '9') {
        w->len = n;
        w->p[n] = 0;
    }
}

/* room for n floats in *a; 0 on OOM */
static int grow_conf(float **a, size_t *cap, size_t n)
{
    if (n <= *cap)
        return 1;
    size_t nc = *cap ? *cap : 64;
    while (nc < n)
        nc *= 2;
    float *p = realloc(*a, nc * sizeof *p);
    if (!p)
        return 0;
    *a = p;
    *cap = nc;
    return 1;
}

/* Words on the page grid, as page_text() lays out glyphs: a column is half a
 * CJK character (here: half the median height of the words holding one, as
 * ink boxes are narrower than glyph boxes), a line is the words whose
 * centres lie within half a word height of the first's.  Tesseract cuts
 * Chinese text into single characters and figures at their commas and
 * points ("9," "483." "72"), so a gap under 0.7 character joins words into
 * one run, under 0.95 character is one space (inside a cell), and a wider
 * one goes to the word's grid column with at least two spaces (a new cell:
 * ink boxes leave some 0.2 character more between words than glyph boxes).
 * A figure in a run (digits with their commas and points) any part of which
 * tesseract is unsure of gets a '?' right after it: "1,373.74?", and in a
 * sentence "共计9,483.72?万元", so that no reader takes it for a number. */
static void layout_words(word *wd, size_t nw, int min_conf, yu_buf *o)
{
    double *hs = malloc((nw + 1) * sizeof *hs);
    if (!hs) {
        o->oom = 1;
        return;
    }
    size_t nh = 0;
    for (int pass = 0; pass < 2 && !nh; pass++)
        for (size_t i = 0; i < nw; i++)
            if (pass || has_cjk(wd[i].s))
                hs[nh++] = wd[i].h;
    double em = 10.0;
    if (nh) {
        qsort(hs, nh, sizeof *hs, cmp_double);
        em = hs[nh / 2];
        if (em < 4)
            em = 4;
    }
    free(hs);
    double cw = em / 2;
    yu_buf run;
    yu_buf_init(&run, 0);
    float *rconf = NULL; /* confidence of each byte of the run */
    size_t rcap = 0;
    qsort(wd, nw, sizeof *wd, wcmp_y);
    size_t a = 0;
    while (a < nw && !o->oom) {
        size_t b = a + 1;
        while (b < nw && wd[b].y - wd[a].y <= 0.5 * (wd[a].h < wd[b].h ? wd[a].h : wd[b].h))
            b++;
        qsort(wd + a, b - a, sizeof *wd, wcmp_x);
        int col = 0;
        double right = 0; /* right edge of the words so far */
        size_t j = a;
        while (j < b) {
            /* the place of the run that starts at word j */
            int want = (int)lround(wd[j].x / cw);
            if (j > a) {
                double gap = wd[j].x - right;
                if (gap < 0.95 * em)
                    want = col + 1;
                else if (want < col + 2)
                    want = col + 2;
            }
            /* the run: word j and those that follow it closely */
            run.len = 0;
            size_t nr = 0;
            do {
                yu_buf_puts(&run, wd[j].s);
                if (run.oom || !grow_conf(&rconf, &rcap, run.len)) {
                    run.oom = 1;
                    break;
                }
                while (nr < run.len) /* each byte: its word's confidence */
                    rconf[nr++] = wd[j].conf;
                if (wd[j].x + wd[j].w > right)
                    right = wd[j].x + wd[j].w;
                j++;
            } while (j < b && wd[j].x - right < 0.7 * em);
            if (run.oom) {
                o->oom = 1;
                break;
            }
            strip_rule(&run);
            while (col < want) {
                yu_buf_add(o, " ", 1);
                col++;
            }
            size_t start = o->len;
            for (size_t i = 0; i < run.len;) {
                size_t k = i;
                if (run.p[i] >= '0' && run.p[i] <= '9') {
                    /* a figure: digits, commas and points that end in a digit */
                    /* a misread digit turns into a Latin letter or a mark
                     * more often than into a Chinese character: an ASCII
                     * neighbour's doubt counts too ("bl,373.74") */
                    float c = i > 0 && (unsigned char)run.p[i - 1] < 0x80 ? rconf[i - 1] : 100;
                    size_t end = i;
                    for (; k < run.len && ((run.p[k] >= '0' && run.p[k] <= '9') || run.p[k] == ',' || run.p[k] == '.'); k++) {
                        if (rconf[k] < c)
                            c = rconf[k];
                        if (run.p[k] >= '0' && run.p[k] <= '9')
                            end = k + 1;
                    }
                    if (k < run.len && (unsigned char)run.p[k] < 0x80 && rconf[k] < c)
                        c = rconf[k];
                    yu_buf_add(o, run.p + i, end - i);
                    if (c < (float)min_conf)
                        yu_buf_add(o, "?", 1); /* unsure: never a figure */
                    yu_buf_add(o, run.p + end, k - end);
                } else {
                    while (k < run.len && !(run.p[k] >= '0' && run.p[k] <= '9'))
                        k++;
                    yu_buf_add(o, run.p + i, k - i);
                }
                i = k;
            }
            if (!o->oom)
                col += yu_utf8_width(o->p + start);
        }
        yu_buf_add(o, "\n", 1);
        a = b;
    }
    yu_buf_free(&run);
    free(rconf);
}

/* the OCR engine of one document, started on the first scanned page */
typedef struct ocr_engine {
    TessBaseAPI *api;
    int state; /* 0 not started, 1 ready, -1 could not start */
} ocr_engine;

static int ocr_start(ocr_engine *e)
{
    if (e->state)
        return e->state > 0;
    e->state = -1;
    e->api = TessBaseAPICreate();
    if (!e->api)
        return 0;
    /* the default tessdata directory of the Debian packages; English for
     * Latin letters and digits when its data is there (tesseract skips a
     * missing secondary language, but not a missing chi_sim) */
    int chi = 0;
    if (TessBaseAPIInit3(e->api, NULL, "chi_sim+eng") == 0) {
        /* without chi_sim tesseract falls back on English alone: not enough */
        char **langs = TessBaseAPIGetLoadedLanguagesAsVector(e->api);
        for (size_t i = 0; langs && langs[i]; i++)
            if (!strcmp(langs[i], "chi_sim"))
                chi = 1;
        TessDeleteTextArray(langs);
    }
    if (!chi) {
        TessBaseAPIEnd(e->api);
        TessBaseAPIDelete(e->api);
        e->api = NULL;
        return 0;
    }
    TessBaseAPISetPageSegMode(e->api, PSM_AUTO);
    /* tesseract's progress notes ("Detected 59 diacritics") are not ours to print */
    TessBaseAPISetVariable(e->api, "debug_file", "/dev/null");
    e->state = 1;
    return 1;
}

static void ocr_stop(ocr_engine *e)
{
    if (e->api) {
        TessBaseAPIEnd(e->api);
        TessBaseAPIDelete(e->api);
    }
    e->api = NULL;
}

/* renders the page at dpi and appends its words as layout text; 0 on
 * success, -1 when tesseract failed on it */
static int ocr_page(ocr_engine *e, PopplerPage *page, int dpi, int min_conf, yu_buf *o)
{
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    double longest = pw > ph ? pw : ph;
    if (longest <= 0)
        return 0;
    if (longest * dpi / 72 > OCR_MAX_PIXELS)
        dpi = (int)(OCR_MAX_PIXELS * 72 / longest);
    double sc = dpi / 72.0;
    int W = (int)ceil(pw * sc), H = (int)ceil(ph * sc);
    if (W < 1 || H < 1)
        return 0;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    if (cairo_surface_status(s)) {
        cairo_surface_destroy(s);
        o->oom = 1;
        return 0;
    }
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, sc, sc);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    unsigned char *gray = malloc((size_t)W * (size_t)H);
    if (!gray || !px) {
        free(gray);
        cairo_surface_destroy(s);
        o->oom = 1;
        return 0;
    }
    for (int y = 0; y < H; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        unsigned char *g = gray + (size_t)y * (size_t)W;
        for (int x = 0; x < W; x++) {
            uint32_t v = row[x];
            g[x] = (unsigned char)((((v >> 16) & 255) * 299 + ((v >> 8) & 255) * 587 + (v & 255) * 114) / 1000);
        }
    }
    cairo_surface_destroy(s);
    TessBaseAPISetImage(e->api, gray, W, H, 1, W);
    TessBaseAPISetSourceResolution(e->api, dpi);
    int rc = 0;
    word *wd = NULL;
    size_t nw = 0, cap = 0;
    if (TessBaseAPIRecognize(e->api, NULL) != 0)
        rc = -1;
    TessResultIterator *it = rc ? NULL : TessBaseAPIGetIterator(e->api);
    if (it) {
        const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(it);
        do {
            char *t = TessResultIteratorGetUTF8Text(it, RIL_WORD);
            int l, tp, r, bt;
            if (!t || !TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &tp, &r, &bt) || !t[0] || is_rule(t)) {
                TessDeleteText(t);
                continue;
            }
            float conf = TessResultIteratorConfidence(it, RIL_WORD);
            char *w = yu_strdup(t);
            TessDeleteText(t);
            if (nw == cap) {
                size_t nc = cap ? 2 * cap : 256;
                word *n = w ? realloc(wd, nc * sizeof *n) : NULL;
                if (!n) {
                    free(w);
                    o->oom = 1;
                    break;
                }
                wd = n;
                cap = nc;
            }
            if (!w) {
                o->oom = 1;
                break;
            }
            wd[nw].x = l / sc;
            wd[nw].w = (r - l) / sc;
            wd[nw].y = (tp + bt) / 2.0 / sc;
            wd[nw].h = (bt - tp) / sc;
            wd[nw].conf = conf;
            wd[nw].s = w;
            nw++;
        } while (TessResultIteratorNext(it, RIL_WORD));
        TessResultIteratorDelete(it);
    }
    TessBaseAPIClear(e->api);
    free(gray);
    if (!o->oom)
        layout_words(wd, nw, min_conf, o);
    for (size_t i = 0; i < nw; i++)
        free(wd[i].s);
    free(wd);
    return rc;
}

/* "3、5、7" (at most a few, then "等") */
static void page_list(yu_buf *b, const unsigned char *kind, int np, int want)
{
    int n = 0;
    for (int p = 0; p < np; p++)
        if (kind[p] == want) {
            if (n == 8) {
                yu_buf_puts(b, "等");
                break;
            }
            yu_buf_printf(b, "%s%d", n ? "、" : "", p + 1);
            n++;
        }
}

yu_status yu_pdf_text_ex(const char *path, const yu_pdf_opts *opts, char **text, size_t *len,
                         unsigned char **ocr_pages, int *npages, yu_error *err)
{
    *text = NULL;
    *len = 0;
    if (ocr_pages)
        *ocr_pages = NULL;
    if (npages)
        *npages = 0;
    yu_pdf_opts def;
    yu_pdf_opts_init(&def);
    if (!opts)
        opts = &def;
    int dpi = opts->dpi > 0 ? opts->dpi : OCR_DPI;
    int min_conf = opts->min_conf > 0 ? opts->min_conf : OCR_MIN_CONF;
    GError *ge = NULL;
    char *abs = realpath(path, NULL);
    if (!abs)
        return yu_error_set(err, YU_EIO, path, 0, 0, "无法打开PDF文件（不存在或无权读取）");
    char *uri = g_filename_to_uri(abs, NULL, &ge);
    free(abs);
    if (!uri) {
        yu_error_set(err, YU_EIO, path, 0, 0, "无法打开PDF文件: %s", ge ? ge->message : "");
        if (ge)
            g_error_free(ge);
        return YU_EIO;
    }
    PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &ge);
    g_free(uri);
    if (!doc) {
        yu_status st;
        if (ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED)
            st = yu_error_set(err, YU_EFORMAT, path, 0, 0, "PDF文件有密码保护，无法读取: %s", ge->message);
        else if (ge && ge->domain == G_FILE_ERROR)
            st = yu_error_set(err, YU_EIO, path, 0, 0, "无法打开PDF文件: %s", ge->message);
        else
            st = yu_error_set(err, YU_EFORMAT, path, 0, 0, "不是完整的PDF文件（已损坏或被截断）: %s",
                              ge ? ge->message : "poppler could not open it");
        if (ge)
            g_error_free(ge);
        return st;
    }
    int np = poppler_document_get_n_pages(doc);
    if (np <= 0) {
        g_object_unref(doc);
        return yu_error_set(err, YU_EFORMAT, path, 0, 0, "不是完整的PDF文件（已损坏或被截断）: 文件中没有页面");
    }
    /* per page: 0 text, 1 read by OCR, 2 a scan left unread */
    unsigned char *kind = calloc((size_t)np, 1);
    if (!kind) {
        g_object_unref(doc);
        return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    }
    ocr_engine eng = {0};
    int failed = 0; /* the first page tesseract failed on */
    yu_buf o;
    yu_buf_init(&o, 0);
    /* per page: its glyphs on a grid of half its median CJK glyph (a
     * column is half a CJK character, the width text columns count in, so
     * Chinese labels and the figures under them keep their places) */
    glyph **pg = calloc((size_t)np, sizeof *pg);
    size_t *png = calloc((size_t)np, sizeof *png);
    if (!pg || !png)
        o.oom = 1;
    for (int p = 0; p < np && !o.oom; p++) {
        PopplerPage *page = poppler_document_get_page(doc, p);
        if (p)
            yu_buf_add(&o, "\f", 1);
        if (!page)
            continue;
        if (page_is_scan(page)) {
            kind[p] = 2;
            if (opts->ocr && ocr_start(&eng)) {
                kind[p] = 1;
                if (ocr_page(&eng, page, dpi, min_conf, &o) && !failed)
                    failed = p + 1;
            }
        } else {
            double *cjk = NULL;
            size_t ncjk = 0, capcjk = 0;
            if (page_glyphs(page, &pg[p], &png[p], &cjk, &ncjk, &capcjk))
                o.oom = 1;
            double cw = 5.0;
            if (ncjk) {
                qsort(cjk, ncjk, sizeof *cjk, cmp_double);
                cw = cjk[ncjk / 2];
                if (cw < 2)
                    cw = 2;
            }
            free(cjk);
            if (pg[p])
                page_layout(pg[p], png[p], cw, &o);
        }
        g_object_unref(page);
    }
    for (int p = 0; pg && p < np; p++)
        free(pg[p]);
    free(pg);
    free(png);
    ocr_stop(&eng);
    g_object_unref(doc);
    yu_status st = YU_OK;
    if (o.oom)
        st = yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    else if (failed)
        st = yu_error_set(err, YU_EFORMAT, path, 0, 0, "第%d页是扫描图像，OCR识别失败", failed);
    else if (opts->ocr && eng.state < 0) {
        yu_buf pl;
        yu_buf_init(&pl, 0);
        page_list(&pl, kind, np, 2);
        st = yu_error_set(err, YU_EMISSING, path, 0, 0,
                          "第%s页是扫描图像，需要 tesseract-ocr-chi-sim 才能识别（tesseract 或其中文数据未安装）",
                          pl.p ? pl.p : "?");
        yu_buf_free(&pl);
    }
    if (st) {
        yu_buf_free(&o);
        free(kind);
        return st;
    }
    size_t n = o.len;
    *text = yu_buf_take(&o);
    if (!*text) {
        free(kind);
        return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    }
    *len = n;
    if (ocr_pages)
        *ocr_pages = kind;
    else
        free(kind);
    if (npages)
        *npages = np;
    return YU_OK;
}

yu_status yu_pdf_text(const char *path, char **text, size_t *len, yu_error *err)
{
    return yu_pdf_text_ex(path, NULL, text, len, NULL, NULL, err);
}
