/* PDF renderer: the document as published, drawn with cairo and pango (A4).
 *
 * Layout (docs/pdf.md): a cover, the 目录 with page numbers, then the body
 * with "- n -" page numbers in the footer.  Pages are A4 portrait with 20 mm
 * margins; a table too wide for portrait gets a landscape page, and one too
 * wide even for that gets a smaller font.  Tables that break across pages
 * repeat their header rows.
 *
 * The whole document is laid out twice with the same pango context: the
 * first pass draws nothing and records on which page each part and table
 * starts; the second draws, printing those page numbers in the 目录.  Both
 * passes make identical decisions, because the 目录 reserves the same width
 * for its page numbers in each.
 *
 * Every figure printed comes from yu_cell_text / yu_seg_text / yu_fmt_units:
 * the renderer never computes money.  Text is real text (pango glyphs with
 * ToUnicode maps), so it can be selected, searched and extracted. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include "render_internal.h"
#include "yusuan/year.h"
#include "yusuan/money.h"

#define MM (72.0 / 25.4)
#define A4_SHORT (210.0 * MM)
#define A4_LONG (297.0 * MM)
#define MARGIN (20.0 * MM)
#define FOOTER_Y (12.0 * MM) /* footer centre, from the bottom edge */
#define PS ((double)PANGO_SCALE)

#define SANS "Noto Sans CJK SC"
#define SERIF "Noto Serif CJK SC"

#define FS_TABLE 9.0  /* table text, before any shrinking */
#define FS_BODY 11.0  /* paragraphs */
#define LINE_W 0.6    /* table rules */

typedef struct anchor {
    const char *name;
    int page; /* physical page index, 0-based */
    double y;
} anchor;

typedef struct pdf {
    const yu_doc *d;
    PangoContext *pc;
    cairo_surface_t *s; /* NULL in the measuring pass */
    cairo_t *cr;
    int draw;           /* 1: second pass, drawing */
    int land;           /* current page is landscape */
    int ink;            /* something has been placed on the current page */
    int page;           /* index of the current page (pages finished so far) */
    int body0;          /* index of the first numbered page, -1 before the body */
    double pw, ph, y;   /* current page size and position */
    anchor *an; size_t nan, can; /* where anchors landed in this pass */
    const struct pdf *first;     /* the first pass, when drawing */
    int oom;
} pdf;

/* ---- pages ---- */

static double bottom(const pdf *P) { return P->ph - MARGIN; }
static double width(const pdf *P) { return P->pw - 2 * MARGIN; }

static PangoLayout *mk(pdf *P, const char *text, const char *fam, double size, int bold,
                       double w, PangoAlignment al)
{
    PangoLayout *l = pango_layout_new(P->pc);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, fam);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(fd, size * PS);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (w > 0) {
        pango_layout_set_width(l, (int)(w * PS));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, al);
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

static void ext(PangoLayout *l, double *w, double *h)
{
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    if (w)
        *w = r.width / PS;
    if (h)
        *h = r.height / PS;
}

/* Width of text on one line. */
static double text_w(pdf *P, const char *s, const char *fam, double size, int bold)
{
    PangoLayout *l = mk(P, s, fam, size, bold, -1, PANGO_ALIGN_LEFT);
    double w;
    ext(l, &w, NULL);
    g_object_unref(l);
    return w;
}

static void show(pdf *P, PangoLayout *l, double x, double y)
{
    P->ink = 1;
    if (!P->draw)
        return;
    cairo_move_to(P->cr, x, y);
    pango_cairo_show_layout(P->cr, l);
}

static void rule(pdf *P, double x0, double y0, double x1, double y1)
{
    P->ink = 1;
    if (!P->draw)
        return;
    cairo_move_to(P->cr, x0, y0);
    cairo_line_to(P->cr, x1, y1);
    cairo_stroke(P->cr);
}

static void page_begin(pdf *P, int land)
{
    if (P->ink)
        return;
    P->land = land;
    P->pw = land ? A4_LONG : A4_SHORT;
    P->ph = land ? A4_SHORT : A4_LONG;
    P->y = MARGIN;
    if (P->draw)
        cairo_pdf_surface_set_size(P->s, P->pw, P->ph);
}

static void footer(pdf *P)
{
    if (P->body0 < 0 || P->page < P->body0)
        return;
    char s[32];
    snprintf(s, sizeof s, "- %d -", P->page - P->body0 + 1);
    PangoLayout *l = mk(P, s, SANS, 9, 0, P->pw, PANGO_ALIGN_CENTER);
    double h;
    ext(l, NULL, &h);
    show(P, l, 0, P->ph - FOOTER_Y - h / 2);
    g_object_unref(l);
}

/* Finishes the current page, if anything is on it. */
static void page_end(pdf *P)
{
    if (!P->ink)
        return;
    footer(P);
    if (P->draw)
        cairo_show_page(P->cr);
    P->page++;
    P->ink = 0;
}

/* Room for h points on a page of the given orientation: a new page when the
 * orientation differs or the rest of this page is too short. */
static void page_need(pdf *P, double h, int land)
{
    if (P->ink && (P->land != land || P->y + h > bottom(P)))
        page_end(P);
    page_begin(P, land);
}

static void gap(pdf *P, double g)
{
    if (P->ink)
        P->y += g;
}

/* Anchor names safe inside a cairo tag attribute string. */
static int anchor_ok(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

/* Records where an anchor lands (the first time it is seen); when drawing,
 * also places a named destination there for the links of the 目录. */
static void anchor_set(pdf *P, const char *name)
{
    if (!name)
        return;
    for (size_t i = 0; i < P->nan; i++)
        if (!strcmp(P->an[i].name, name))
            return;
    if (P->nan == P->can) {
        size_t nc = P->can ? 2 * P->can : 32;
        anchor *a = realloc(P->an, nc * sizeof *a);
        if (!a) {
            P->oom = 1;
            return;
        }
        P->an = a;
        P->can = nc;
    }
    P->an[P->nan].name = name;
    P->an[P->nan].page = P->page;
    P->an[P->nan].y = P->y;
    P->nan++;
    if (P->draw && anchor_ok(name)) {
        char a[160];
        snprintf(a, sizeof a, "name='%s' x=%.1f y=%.1f", name, MARGIN, P->y);
        cairo_tag_begin(P->cr, CAIRO_TAG_DEST, a);
        cairo_tag_end(P->cr, CAIRO_TAG_DEST);
    }
}

static const anchor *anchor_find(const pdf *P, const char *name)
{
    const pdf *F = P->first ? P->first : P;
    for (size_t i = 0; name && i < F->nan; i++)
        if (!strcmp(F->an[i].name, name))
            return &F->an[i];
    return NULL;
}

/* Draws a laid-out block line by line at x, breaking pages between lines. */
static void flow(pdf *P, PangoLayout *l, double x)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle lr;
        int y0, y1;
        pango_layout_iter_get_line_extents(it, NULL, &lr);
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        double h = (y1 - y0) / PS;
        page_need(P, h, P->land);
        double base = (pango_layout_iter_get_baseline(it) - y0) / PS;
        P->ink = 1;
        if (P->draw) {
            cairo_move_to(P->cr, x + lr.x / PS, P->y + base);
            pango_cairo_show_layout_line(P->cr, pango_layout_iter_get_line_readonly(it));
        }
        P->y += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* Height of the first n lines of a layout. */
static double lines_h(PangoLayout *l, int n)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    int y0, y1, top = 0, bot = 0;
    for (int i = 0; i < n; i++) {
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        if (!i)
            top = y0;
        bot = y1;
        if (!pango_layout_iter_next_line(it))
            break;
    }
    pango_layout_iter_free(it);
    return (bot - top) / PS;
}

/* A paragraph of text in the current orientation. */
static void para_text(pdf *P, const char *s, const char *fam, double size, int bold,
                      PangoAlignment al, double indent, double keep)
{
    double w = width(P);
    PangoLayout *l = mk(P, s, fam, size, bold, w, al);
    pango_layout_set_indent(l, (int)(indent * PS));
    pango_layout_set_spacing(l, (int)(size * 0.45 * PS));
    page_need(P, lines_h(l, 2) + keep, P->land);
    flow(P, l, MARGIN);
    g_object_unref(l);
}

/* ---- tables: a grid of cells with a multi-level header ---- */

typedef struct gcell {
    const char *s;
    int cs;           /* columns spanned; 0: covered by a cell to the left */
    signed char al;   /* -1 left, 0 centre, 1 right */
    char bold;
    char cont;        /* merged with the cell above (no rule, no text) */
} gcell;

typedef struct hrect {
    size_t c0, c1;    /* columns [c0, c1) */
    int k0, k1;       /* header levels [k0, k1) */
    const char *s;
} hrect;

typedef struct grid {
    size_t nc, nr;
    double *w;        /* column widths */
    gcell *cell;      /* nr * nc */
    double *rh;       /* row heights (grid_heights) */
    hrect *hr; size_t nhr;
    int depth;        /* header levels */
    double hh[YU_HDR_MAX]; /* height of each header level */
    double hsum;
    double fs, padx, pady;
    int land;
    const char *cont; /* caption on the pages a table continues on */
} grid;

static void grid_free(grid *G)
{
    free(G->w);
    free(G->cell);
    free(G->hr);
    free(G->rh);
}

static int grid_alloc(grid *G, size_t nc, size_t nr)
{
    memset(G, 0, sizeof *G);
    G->nc = nc;
    G->nr = nr;
    G->w = calloc(nc ? nc : 1, sizeof *G->w);
    G->cell = calloc(nr * nc + 1, sizeof *G->cell);
    G->hr = calloc(nc * YU_HDR_MAX + 1, sizeof *G->hr);
    G->fs = FS_TABLE;
    return G->w && G->cell && G->hr ? 0 : -1;
}

static void grid_font(grid *G, double fs)
{
    G->fs = fs;
    G->padx = fs * 0.4;
    G->pady = fs * 0.3;
}

static PangoAlignment align_of(int al)
{
    return al < 0 ? PANGO_ALIGN_LEFT : al > 0 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER;
}

static double span_w(const grid *G, size_t c0, size_t c1)
{
    double w = 0;
    for (size_t c = c0; c < c1 && c < G->nc; c++)
        w += G->w[c];
    return w;
}

static PangoLayout *cell_layout(pdf *P, const grid *G, const char *s, int bold, int al, double w)
{
    double iw = w - 2 * G->padx;
    return mk(P, s, SANS, G->fs, bold, iw > 1 ? iw : 1, align_of(al));
}

/* Header level heights: every label fits its rectangle. */
static void grid_header_heights(pdf *P, grid *G)
{
    double line = G->fs * 1.45 + 2 * G->pady;
    for (int k = 0; k < G->depth; k++)
        G->hh[k] = line;
    /* single-level labels first, then the ones spanning down, lowest first */
    for (int pass = 0; pass < 2; pass++)
        for (int k = G->depth - 1; k >= 0; k--)
            for (size_t i = 0; i < G->nhr; i++) {
                const hrect *r = &G->hr[i];
                if (r->k0 != k || (pass == 0) != (r->k1 == k + 1))
                    continue;
                PangoLayout *l = cell_layout(P, G, r->s, 1, 0, span_w(G, r->c0, r->c1));
                double h;
                ext(l, NULL, &h);
                g_object_unref(l);
                h += 2 * G->pady;
                double have = 0;
                for (int j = r->k0; j < r->k1; j++)
                    have += G->hh[j];
                if (h > have)
                    G->hh[r->k0] += h - have;
            }
    G->hsum = 0;
    for (int k = 0; k < G->depth; k++)
        G->hsum += G->hh[k];
}

static void grid_header_draw(pdf *P, const grid *G)
{
    double x0 = MARGIN, y0 = P->y;
    for (size_t i = 0; i < G->nhr; i++) {
        const hrect *r = &G->hr[i];
        double x = x0 + span_w(G, 0, r->c0), w = span_w(G, r->c0, r->c1);
        double y = y0, h = 0;
        for (int k = 0; k < r->k0; k++)
            y += G->hh[k];
        for (int k = r->k0; k < r->k1; k++)
            h += G->hh[k];
        if (P->draw) {
            cairo_set_source_rgb(P->cr, 0.93, 0.93, 0.93);
            cairo_rectangle(P->cr, x, y, w, h);
            cairo_fill(P->cr);
            cairo_set_source_rgb(P->cr, 0, 0, 0);
            cairo_rectangle(P->cr, x, y, w, h);
            cairo_stroke(P->cr);
        }
        PangoLayout *l = cell_layout(P, G, r->s, 1, 0, w);
        double th;
        ext(l, NULL, &th);
        show(P, l, x + G->padx, y + (h - th) / 2);
        g_object_unref(l);
    }
    P->ink = 1;
    P->y += G->hsum;
}

/* Height of body row r, leaving out cells merged over several rows. */
static double row_h(pdf *P, const grid *G, size_t r)
{
    double h = G->fs * 1.45;
    for (size_t c = 0; c < G->nc; c++) {
        const gcell *x = &G->cell[r * G->nc + c];
        if (!x->cs || !x->s || !*x->s || x->cont || (r + 1 < G->nr && G->cell[(r + 1) * G->nc + c].cont))
            continue;
        PangoLayout *l = cell_layout(P, G, x->s, x->bold, x->al, span_w(G, c, c + (size_t)x->cs));
        double th;
        ext(l, NULL, &th);
        g_object_unref(l);
        if (th > h)
            h = th;
    }
    return h + 2 * G->pady;
}

/* Row heights; a merged cell's rows share out what its text needs. */
static void grid_heights(pdf *P, grid *G)
{
    free(G->rh);
    G->rh = calloc(G->nr + 1, sizeof *G->rh);
    if (!G->rh) {
        P->oom = 1;
        return;
    }
    for (size_t r = 0; r < G->nr; r++)
        G->rh[r] = row_h(P, G, r);
    for (size_t r = 0; r < G->nr; r++)
        for (size_t c = 0; c < G->nc; c++) {
            const gcell *x = &G->cell[r * G->nc + c];
            if (!x->cs || x->cont || !x->s || !*x->s || r + 1 >= G->nr || !G->cell[(r + 1) * G->nc + c].cont)
                continue;
            size_t e = r + 1;
            while (e < G->nr && G->cell[e * G->nc + c].cont)
                e++;
            PangoLayout *l = cell_layout(P, G, x->s, x->bold, x->al, span_w(G, c, c + (size_t)x->cs));
            double th, have = 0;
            ext(l, NULL, &th);
            g_object_unref(l);
            th += 2 * G->pady;
            for (size_t k = r; k < e; k++)
                have += G->rh[k];
            if (th > have)
                for (size_t k = r; k < e; k++)
                    G->rh[k] += (th - have) / (double)(e - r);
        }
}

/* Rules of row r from y to y + h: left, right and (unless merged) top. */
static void row_rules(pdf *P, const grid *G, size_t r, double y, double h, int first, int top)
{
    double x = MARGIN;
    for (size_t c = 0; c < G->nc; c++) {
        const gcell *e = &G->cell[r * G->nc + c];
        if (!e->cs)
            continue;
        double w = span_w(G, c, c + (size_t)e->cs);
        if (top && (!e->cont || first))
            rule(P, x, y, x + w, y);
        rule(P, x, y, x, y + h);
        rule(P, x + w, y, x + w, y + h);
        x += w;
    }
}

static void grid_bottom(pdf *P, const grid *G)
{
    rule(P, MARGIN, P->y, MARGIN + span_w(G, 0, G->nc), P->y);
}

/* A new page for the rest of a table: caption and header again. */
static void grid_continue(pdf *P, const grid *G)
{
    grid_bottom(P, G);
    page_end(P);
    page_begin(P, G->land);
    if (G->cont) {
        PangoLayout *l = mk(P, G->cont, SANS, G->fs, 0, width(P), PANGO_ALIGN_LEFT);
        double h;
        ext(l, NULL, &h);
        show(P, l, MARGIN, P->y);
        P->y += h + 2;
        g_object_unref(l);
    }
    if (G->nhr)
        grid_header_draw(P, G);
}

static double cont_h(pdf *P, const grid *G)
{
    if (!G->cont)
        return 0;
    PangoLayout *l = mk(P, G->cont, SANS, G->fs, 0, width(P), PANGO_ALIGN_LEFT);
    double h;
    ext(l, NULL, &h);
    g_object_unref(l);
    return h + 2;
}

/* A row taller than a page: its cells' lines flow over several pages, each
 * slice of the row as tall as the lines of it that fit. */
static void row_split(pdf *P, const grid *G, size_t r, int first)
{
    size_t nc = G->nc;
    PangoLayout **L = calloc(nc, sizeof *L);
    PangoLayoutIter **I = calloc(nc, sizeof *I);
    double *top = calloc(nc, sizeof *top); /* layout y where this slice of a cell starts */
    if (!L || !I || !top) {
        P->oom = 1;
        goto out;
    }
    for (size_t c = 0; c < nc; c++) {
        const gcell *x = &G->cell[r * nc + c];
        if (!x->cs || !x->s || !*x->s || (x->cont && !first))
            continue;
        L[c] = cell_layout(P, G, x->s, x->bold, x->al, span_w(G, c, c + (size_t)x->cs));
        I[c] = pango_layout_get_iter(L[c]);
    }
    for (int slice = 0;; slice++) {
        double room = bottom(P) - P->y - 2 * G->pady, used = 0, x = MARGIN;
        int left = 0, any = 0;
        for (size_t c = 0; c < nc; c++) {
            const gcell *e = &G->cell[r * nc + c];
            double cw = e->cs ? span_w(G, c, c + (size_t)e->cs) : 0;
            while (I[c]) {
                int y0, y1;
                PangoRectangle lr;
                pango_layout_iter_get_line_yrange(I[c], &y0, &y1);
                pango_layout_iter_get_line_extents(I[c], NULL, &lr);
                double off = y0 / PS - top[c], end = y1 / PS - top[c];
                if (end > room && (any || off > 0))
                    break; /* the rest goes on the next page */
                double bl = (pango_layout_iter_get_baseline(I[c]) - y0) / PS;
                P->ink = 1;
                if (P->draw) {
                    cairo_move_to(P->cr, x + G->padx + lr.x / PS, P->y + G->pady + off + bl);
                    pango_cairo_show_layout_line(P->cr, pango_layout_iter_get_line_readonly(I[c]));
                }
                any = 1;
                if (end > used)
                    used = end;
                if (!pango_layout_iter_next_line(I[c])) {
                    pango_layout_iter_free(I[c]);
                    I[c] = NULL;
                }
            }
            if (I[c]) {
                int y0, y1;
                pango_layout_iter_get_line_yrange(I[c], &y0, &y1);
                top[c] = y0 / PS;
                left = 1;
            }
            x += cw;
        }
        double h = left ? bottom(P) - P->y : used + 2 * G->pady;
        row_rules(P, G, r, P->y, h, slice > 0 || first, slice == 0);
        P->y += h;
        if (!left)
            break;
        grid_continue(P, G);
        grid_bottom(P, G); /* the top rule of the row's next slice */
    }
out:
    for (size_t c = 0; L && c < nc; c++) {
        if (I && I[c])
            pango_layout_iter_free(I[c]);
        if (L[c])
            g_object_unref(L[c]);
    }
    free(L);
    free(I);
    free(top);
}

/* Draws body row r (heights of all rows in hs).  A cell that later rows
 * merge with is centred over the rows of the group on this page. */
static void row_draw(pdf *P, const grid *G, size_t r, const double *hs, int first)
{
    double x = MARGIN, h = hs[r];
    for (size_t c = 0; c < G->nc; c++) {
        const gcell *e = &G->cell[r * G->nc + c];
        if (!e->cs)
            continue;
        double w = span_w(G, c, c + (size_t)e->cs);
        if (e->s && *e->s && (!e->cont || first)) {
            double gh = h;
            for (size_t k = r + 1; k < G->nr; k++) {
                const gcell *n = &G->cell[k * G->nc + c];
                if (!n->cont || n->cs != e->cs || P->y + gh + hs[k] > bottom(P) + 0.01)
                    break;
                gh += hs[k];
            }
            PangoLayout *l = cell_layout(P, G, e->s, e->bold, e->al, w);
            double th;
            ext(l, NULL, &th);
            show(P, l, x + G->padx, P->y + (gh - th) / 2);
            g_object_unref(l);
        }
        x += w;
    }
    row_rules(P, G, r, P->y, h, first, 1);
    P->y += h;
}

/* Header and rows from the current position, breaking pages between rows. */
static void grid_draw(pdf *P, const grid *G)
{
    const double *hs = G->rh;
    if (!hs)
        return;
    page_begin(P, G->land);
    if (G->nhr)
        grid_header_draw(P, G);
    double fresh = bottom(P) - MARGIN - cont_h(P, G) - G->hsum;
    int first = 1;
    for (size_t r = 0; r < G->nr; r++) {
        double h = hs[r];
        if (P->y + h > bottom(P) + 0.01) {
            if (h > fresh) {
                if (bottom(P) - P->y < fresh / 3) {
                    grid_continue(P, G);
                    first = 1;
                }
                row_split(P, G, r, first);
                first = 0;
                continue;
            }
            grid_continue(P, G);
            first = 1;
        }
        row_draw(P, G, r, hs, first);
        first = 0;
    }
    grid_bottom(P, G);
}

/* Height of the header and the first rows (up to n). */
static double grid_head_h(const grid *G, size_t n)
{
    double h = G->hsum;
    for (size_t r = 0; r < n && r < G->nr && G->rh; r++)
        h += G->rh[r];
    return h;
}

/* ---- budget tables ---- */

/* Width each column needs at the current font size when header labels may
 * wrap to `lv`+1 lines (at most 3) and, at lv 3, body text to two lines.
 * Returns the sum. */
static double col_need(pdf *P, grid *G, int lv, double *need)
{
    size_t nc = G->nc;
    double fs = G->fs, pad = 2 * G->padx + 1, sum = 0;
    double hl = lv >= 2 ? 3 : lv + 1;
    for (size_t c = 0; c < nc; c++)
        need[c] = fs * 2 + pad;
    for (size_t r = 0; r < G->nr; r++)
        for (size_t c = 0; c < nc; c++) {
            const gcell *e = &G->cell[r * nc + c];
            if (e->cs != 1 || !e->s || !*e->s)
                continue;
            double t = text_w(P, e->s, SANS, fs, e->bold);
            if (e->al <= 0 && lv >= 3 && t > fs * 6)
                t = t / 2 + fs;
            if (t + pad > need[c])
                need[c] = t + pad;
        }
    for (int pass = 0; pass < 2; pass++) /* single columns, then groups */
        for (size_t i = 0; i < G->nhr; i++) {
            const hrect *r = &G->hr[i];
            if ((r->c1 == r->c0 + 1) != (pass == 0))
                continue;
            double t = text_w(P, r->s, SANS, fs, 1);
            if (hl > 1 && t > fs * 4.5) { /* short labels stay on one line */
                t = t / hl + fs;
                if (t < fs * 4.5)
                    t = fs * 4.5;
            }
            t += pad;
            double have = 0;
            for (size_t c = r->c0; c < r->c1; c++)
                have += need[c];
            if (t > have)
                for (size_t c = r->c0; c < r->c1; c++)
                    need[c] += (t - have) / (double)(r->c1 - r->c0);
        }
    for (size_t c = 0; c < nc; c++)
        sum += need[c];
    return sum;
}

/* Chooses orientation, font size and column widths; never wider than the
 * page: portrait when the table fits with header labels on at most two
 * lines, else landscape, wrapping labels (and at last names) more, and
 * shrinking the font when even that is too wide. */
static void grid_fit(pdf *P, grid *G)
{
    size_t nc = G->nc;
    double *need = calloc(nc ? nc : 1, sizeof *need);
    if (!need) {
        P->oom = 1;
        return;
    }
    double wp = A4_SHORT - 2 * MARGIN, wl = A4_LONG - 2 * MARGIN, sum = 0, avail = wp;
    int done = 0;
    grid_font(G, FS_TABLE);
    for (int lv = 0; lv <= 1 && !done; lv++)
        if ((sum = col_need(P, G, lv, need)) <= wp) {
            G->land = 0;
            avail = wp;
            done = 1;
        }
    for (int lv = 0; lv <= 3 && !done; lv++)
        if ((sum = col_need(P, G, lv, need)) <= wl) {
            G->land = 1;
            avail = wl;
            done = 1;
        }
    if (!done) {
        G->land = 1;
        avail = wl;
        for (int i = 0; i < 12 && sum > avail; i++) {
            double f = G->fs * (avail / sum) * 0.99;
            grid_font(G, f < G->fs * 0.97 ? f : G->fs * 0.97);
            sum = col_need(P, G, 3, need);
        }
    }
    for (size_t c = 0; c < nc; c++) /* spread the rest, or squeeze as a last resort */
        G->w[c] = sum > 0 ? need[c] * avail / sum : avail / (double)nc;
    free(need);
}

/* The header rectangles of a layout table (the rule of rt_grid: adjacent
 * columns sharing a label path up to a level merge there; a column with a
 * shorter path spans down to the last level). */
static void table_header(grid *G, const yu_table *T)
{
    const yu_ltable *lt = T->lt;
    size_t nc = G->nc;
    int D = lt->hdr_depth;
    if (D > YU_HDR_MAX)
        D = YU_HDR_MAX;
    if (D < 1)
        D = 1;
    G->depth = D;
#define H(c, k) (T->hdr[(c) * YU_HDR_MAX + (k)] ? T->hdr[(c) * YU_HDR_MAX + (k)] : "")
    for (int k = 0; k < D; k++)
        for (size_t c = 0; c < nc;) {
            int dep = lt->cols[c].depth;
            if (dep > D)
                dep = D;
            hrect *r = &G->hr[G->nhr];
            if (dep <= k) {
                if (dep == 0 && k == 0) { /* no label: an empty cell over every level */
                    *r = (hrect){c, c + 1, 0, D, ""};
                    G->nhr++;
                }
                c++;
                continue;
            }
            if (dep == k + 1) {
                *r = (hrect){c, c + 1, k, D, H(c, k)};
                G->nhr++;
                c++;
                continue;
            }
            size_t e = c + 1;
            while (e < nc && (lt->cols[e].depth > D ? D : lt->cols[e].depth) > k + 1) {
                int same = 1;
                for (int j = 0; j <= k; j++)
                    if (strcmp(H(e, j), H(c, j)))
                        same = 0;
                if (!same)
                    break;
                e++;
            }
            *r = (hrect){c, e, k, k + 1, H(c, k)};
            G->nhr++;
            c = e;
        }
#undef H
}

static double layout_h(pdf *P, const char *s, const char *fam, double size, int bold, double w)
{
    PangoLayout *l = mk(P, s, fam, size, bold, w, PANGO_ALIGN_LEFT);
    double h;
    ext(l, NULL, &h);
    g_object_unref(l);
    return h;
}

/* Title and the 单位 line above a table, after making room for them and
 * the first rows (or, when the table fits a page, the whole table). */
static void table_top(pdf *P, const grid *G, const char *title, const char *unit, double after,
                      const char *anchor)
{
    double w = (G->land ? A4_LONG : A4_SHORT) - 2 * MARGIN;
    double page = (G->land ? A4_SHORT : A4_LONG) - 2 * MARGIN;
    double th = layout_h(P, title, SANS, 14, 1, w) + 6;
    double uh = unit ? layout_h(P, unit, SANS, 9, 0, w) + 3 : 0;
    double all = th + uh + grid_head_h(G, G->nr) + after;
    double need = all <= page ? all : th + uh + grid_head_h(G, 2);
    page_need(P, need, G->land);
    anchor_set(P, anchor);
    PangoLayout *l = mk(P, title, SANS, 14, 1, w, PANGO_ALIGN_CENTER);
    show(P, l, MARGIN, P->y);
    g_object_unref(l);
    P->y += th;
    if (unit) {
        l = mk(P, unit, SANS, 9, 0, w, PANGO_ALIGN_RIGHT);
        show(P, l, MARGIN, P->y);
        g_object_unref(l);
        P->y += uh;
    }
}

static void pdf_table(pdf *P, const yu_doc *d, const yu_table *T, const char *anchor)
{
    const yu_ltable *lt = T->lt;
    size_t nc = lt->ncols, nr = yu_table_rows_shown(T);
    int *right = NULL;
    const char **body = rt_table_strings(d, T, &right);
    grid G;
    char unit[512], cont[512];
    if (!body || grid_alloc(&G, nc, nr)) {
        P->oom = 1;
        if (body)
            grid_free(&G);
        rt_table_strings_free(body, T->nrows * nc, right);
        return;
    }
    snprintf(unit, sizeof unit, "%s%s单位：%s", d->org_line ? d->org_line : "", d->org_line ? "    " : "", yu_table_unit_label(d, T));
    snprintf(cont, sizeof cont, "%s（续）", T->title ? T->title : "");
    G.cont = cont;
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            gcell *e = &G.cell[r * nc + c];
            e->s = body[r * nc + c];
            e->cs = 1;
            e->al = right[c] ? 1 : -1;
            e->bold = (T->rows[r].flags & YU_ROW_TOTAL) != 0;
        }
    if (nc) {
        table_header(&G, T);
        grid_fit(P, &G);
        grid_header_heights(P, &G);
    }
    grid_heights(P, &G);
    double note_h = 0;
    if (T->empty && T->note)
        note_h = 8 + layout_h(P, T->note, SANS, 10, 0, (G.land ? A4_LONG : A4_SHORT) - 2 * MARGIN);
    table_top(P, &G, T->title ? T->title : "", unit, note_h, anchor);
    if (nc)
        grid_draw(P, &G);
    if (T->empty && T->note) {
        gap(P, 8);
        para_text(P, T->note, SANS, 10, 0, PANGO_ALIGN_LEFT, 0, 0);
    }
    grid_free(&G);
    rt_table_strings_free(body, T->nrows * nc, right);
}

/* ---- performance forms ---- */

/* The execution report (year.h): a bar per 类 (or project) for its 执行率 and
 * a dashed line at the share of the year elapsed; lagging bars in vermillion.
 * Figures are the table's rate and gap cells (序时进度 = rate − gap). */
static void pdf_exec_chart(pdf *P, const yu_table *T)
{
    int ci = yu_ltable_col(T->lt, "rate"), cg = yu_ltable_col(T->lt, "gap");
    if (ci < 0 || cg < 0)
        return;
    int by_project = !strcmp(T->lt->id, "project");
    size_t n = 0;
    int64_t elapsed = 0;
    for (size_t r = 0; r < T->nrows; r++) {
        const yu_row *row = &T->rows[r];
        if (!(row->flags & YU_ROW_TOTAL) && (by_project || row->level == 1) && row->cells[ci].kind == YU_CELL_PCT) {
            n++;
            elapsed = row->cells[ci].v - row->cells[cg].v;
        }
    }
    if (!n)
        return;
    const double RH = 30, FS = 8.5;
    double h = RH * (double)n + 40;
    gap(P, 10);
    page_need(P, h, 0);
    double x0 = MARGIN, bw = width(P) * 0.8, y0 = P->y;
    PangoLayout *l = mk(P, by_project ? "预算执行率（按项目）" : "预算执行率（按支出功能分类科目类级）", SANS, FS_BODY, 1, -1,
                        PANGO_ALIGN_LEFT);
    show(P, l, x0, y0);
    g_object_unref(l);
    y0 += 18;
    size_t i = 0;
    for (size_t r = 0; r < T->nrows; r++) {
        const yu_row *row = &T->rows[r];
        if ((row->flags & YU_ROW_TOTAL) || !(by_project || row->level == 1) || row->cells[ci].kind != YU_CELL_PCT)
            continue;
        double y = y0 + RH * (double)i++;
        char lab[600], a[64];
        snprintf(lab, sizeof lab, "%s%s%s", by_project ? "" : row->code, by_project ? "" : " ", row->name);
        l = mk(P, lab, SANS, FS, 0, bw, PANGO_ALIGN_LEFT);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        show(P, l, x0, y);
        g_object_unref(l);
        int64_t rate = row->cells[ci].v, gp = row->cells[cg].v;
        double w = (double)(rate > 12000 ? 12000 : rate < 0 ? 0 : rate) / 12000.0 * bw;
        int lag = gp < -YU_EXEC_LAG_BP || rate > 10000;
        if (P->draw && w > 0) {
            cairo_save(P->cr);
            if (lag)
                cairo_set_source_rgb(P->cr, 0xD5 / 255.0, 0x5E / 255.0, 0);
            else
                cairo_set_source_rgb(P->cr, 0, 0x72 / 255.0, 0xB2 / 255.0);
            cairo_rectangle(P->cr, x0, y + 13, w, 9);
            cairo_fill(P->cr);
            cairo_restore(P->cr);
        }
        char t[80];
        snprintf(t, sizeof t, "%s%%", yu_fmt_units(rate, 2, YU_NUM_TABLE, a, sizeof a));
        l = mk(P, t, SANS, FS, 0, -1, PANGO_ALIGN_LEFT);
        show(P, l, x0 + w + 4, y + 11);
        g_object_unref(l);
    }
    double ex = x0 + (double)(elapsed > 12000 ? 12000 : elapsed) / 12000.0 * bw, yb = y0 + RH * (double)n;
    if (P->draw) {
        cairo_save(P->cr);
        double dash[] = {3, 2};
        cairo_set_dash(P->cr, dash, 2, 0);
        cairo_set_line_width(P->cr, 0.8);
        cairo_move_to(P->cr, ex, y0 + 10);
        cairo_line_to(P->cr, ex, yb);
        cairo_stroke(P->cr);
        cairo_restore(P->cr);
    }
    char a[64], t[96];
    snprintf(t, sizeof t, "序时进度 %s%%", yu_fmt_units(elapsed, 2, YU_NUM_TABLE, a, sizeof a));
    l = mk(P, t, SANS, FS, 0, -1, PANGO_ALIGN_LEFT);
    show(P, l, ex - 30, yb + 2);
    g_object_unref(l);
    P->y = yb + 20;
}

/* A performance form: the engine's grid drawn as one table, a cell where it
 * starts; columns as wide as their one-column cells want (at most a third of
 * the page), the rest spread. */
static void pdf_perf(pdf *P, const yu_perf *p)
{
    const yu_form *F = &p->form;
    int *own = rt_form_owner(F);
    grid G;
    if (!own || !F->ncols || grid_alloc(&G, F->ncols, F->nrows)) {
        free(own);
        P->oom = 1;
        return;
    }
    double W = A4_SHORT - 2 * MARGIN;
    grid_font(&G, FS_TABLE);
    char *cont = g_strdup_printf("%s（续）：%s", F->title, p->p && p->p->name ? p->p->name : "");
    G.cont = cont;
    /* min: what labels and figures want, want: what every one-column cell wants */
    double *need = calloc(2 * F->ncols, sizeof *need), *want = need ? need + F->ncols : NULL;
    if (!need || !cont) {
        free(need);
        g_free(cont);
        free(own);
        grid_free(&G);
        P->oom = 1;
        return;
    }
    for (size_t r = 0; r < F->nrows; r++)
        for (size_t c = 0; c < F->ncols; c++) {
            int k = own[r * F->ncols + c];
            gcell *g = &G.cell[r * F->ncols + c];
            memset(g, 0, sizeof *g);
            if (k < 0) {
                g->cs = 1;
                continue;
            }
            const yu_fcell *x = &F->cells[k];
            if (x->col != c)
                continue; /* cs 0: covered by the cell to the left */
            g->cs = x->colspan;
            g->bold = x->kind == YU_FC_LABEL || x->kind == YU_FC_HEAD;
            g->al = x->kind == YU_FC_MONEY || x->kind == YU_FC_NUM ? 1 : g->bold ? 0 : -1;
            if (x->row != r) {
                g->cont = 1;
                continue;
            }
            g->s = x->text;
            if (x->colspan == 1 && *x->text) {
                PangoLayout *l = mk(P, x->text, SANS, G.fs, g->bold, -1, PANGO_ALIGN_LEFT);
                double w;
                ext(l, &w, NULL);
                g_object_unref(l);
                w += 2 * G.padx + 1;
                double wmax = x->kind == YU_FC_TEXT ? W / 3 : W / 4;
                if (w > wmax)
                    w = wmax;
                if (x->kind != YU_FC_TEXT && w > need[c])
                    need[c] = w;
                if (w > want[c])
                    want[c] = w;
            }
        }
    double smin = 0, swant = 0;
    for (size_t c = 0; c < F->ncols; c++) {
        if (need[c] < 36)
            need[c] = 36;
        if (want[c] < need[c])
            want[c] = need[c];
        smin += need[c];
        swant += want[c];
    }
    for (size_t c = 0; c < F->ncols; c++)
        if (swant <= W || smin >= W)
            G.w[c] = want[c] * W / swant; /* all fit: spread; else squeeze alike */
        else /* labels and figures whole, texts share the rest */
            G.w[c] = need[c] + (want[c] - need[c]) * (W - smin) / (swant - smin);
    free(need);
    free(own);
    grid_heights(P, &G);
    /* keep the form on one page when it fits one */
    double th = layout_h(P, F->title, SANS, 13, 1, W) + layout_h(P, F->subtitle, SANS, 10, 0, W) + 8;
    double all = th + grid_head_h(&G, G.nr);
    double page = A4_LONG - 2 * MARGIN;
    page_need(P, all <= page ? all : th + grid_head_h(&G, 2), 0);
    PangoLayout *l = mk(P, F->title, SANS, 13, 1, W, PANGO_ALIGN_CENTER);
    double h;
    ext(l, NULL, &h);
    show(P, l, MARGIN, P->y);
    g_object_unref(l);
    P->y += h;
    l = mk(P, F->subtitle, SANS, 10, 0, W, PANGO_ALIGN_CENTER);
    ext(l, NULL, &h);
    show(P, l, MARGIN, P->y);
    g_object_unref(l);
    P->y += h + 8;
    grid_draw(P, &G);
    gap(P, 18);
    grid_free(&G);
    g_free(cont);
}

/* ---- cover, 目录, headings ---- */

static void pdf_cover(pdf *P, const yu_block *b)
{
    page_need(P, 0, 0);
    P->ink = 1;
    double w = width(P);
    P->y = P->ph * 0.30;
    PangoLayout *l = mk(P, b->text ? b->text : P->d->title, SANS, 26, 1, w, PANGO_ALIGN_CENTER);
    pango_layout_set_spacing(l, (int)(8 * PS));
    double h;
    ext(l, NULL, &h);
    show(P, l, MARGIN, P->y);
    g_object_unref(l);
    P->y += h + 28;
    if (b->sub) {
        l = mk(P, b->sub, SANS, 22, 1, w, PANGO_ALIGN_CENTER);
        ext(l, NULL, &h);
        show(P, l, MARGIN, P->y);
        g_object_unref(l);
        P->y += h;
    }
    page_end(P);
}

static void dots(pdf *P, double x0, double x1, double y)
{
    if (!P->draw)
        return;
    cairo_new_path(P->cr); /* no line from the current point to the first dot */
    for (double x = x0 + 2; x + 1 < x1; x += 4) {
        cairo_new_sub_path(P->cr);
        cairo_arc(P->cr, x, y, 0.55, 0, 6.2832);
        cairo_fill(P->cr);
    }
}

static void pdf_toc(pdf *P, const yu_block *b)
{
    page_need(P, 0, 0);
    double w = width(P);
    PangoLayout *l = mk(P, "目  录", SANS, 20, 1, w, PANGO_ALIGN_CENTER);
    double h;
    ext(l, NULL, &h);
    show(P, l, MARGIN, P->y);
    g_object_unref(l);
    P->y += h + 24;
    const pdf *F = P->first ? P->first : P;
    for (size_t k = 0; k < b->nsegs; k++) {
        int lv = b->levels ? b->levels[k] : 0;
        double fs = lv ? 11 : 12, indent = lv ? 2 * 12 : 0;
        const anchor *a = anchor_find(P, b->segs[k].table);
        char num[32] = "";
        if (a && P->draw)
            snprintf(num, sizeof num, "%d", a->page - F->body0 + 1);
        double numw = text_w(P, "0000", SANS, fs, 0);
        l = mk(P, b->segs[k].text, SANS, fs, !lv, w - indent - numw - 16, PANGO_ALIGN_LEFT);
        double lh;
        ext(l, NULL, &lh);
        page_need(P, lh + 8, 0);
        double y = P->y;
        char lk[160];
        int link = a && P->draw && anchor_ok(a->name);
        if (link) {
            /* named: cairo 1.16 drops explicit destinations on pages not yet written */
            snprintf(lk, sizeof lk, "dest='%s'", a->name);
            cairo_tag_begin(P->cr, CAIRO_TAG_LINK, lk);
        }
        show(P, l, MARGIN + indent, y);
        /* dot leader from the end of the last line to the page number */
        PangoLayoutIter *it = pango_layout_get_iter(l);
        while (!pango_layout_iter_at_last_line(it))
            pango_layout_iter_next_line(it);
        PangoRectangle lr;
        pango_layout_iter_get_line_extents(it, NULL, &lr);
        double base = pango_layout_iter_get_baseline(it) / PS;
        pango_layout_iter_free(it);
        g_object_unref(l);
        PangoLayout *n = mk(P, num, SANS, fs, !lv, -1, PANGO_ALIGN_LEFT);
        double nw;
        ext(n, &nw, NULL);
        double nb = pango_layout_get_baseline(n) / PS;
        if (*num) {
            show(P, n, MARGIN + w - nw, y + base - nb);
            dots(P, MARGIN + indent + (lr.x + lr.width) / PS + 4, MARGIN + w - nw - 4, y + base - fs * 0.15);
        }
        g_object_unref(n);
        if (link)
            cairo_tag_end(P->cr, CAIRO_TAG_LINK);
        P->y += lh + 8;
    }
    page_end(P);
}

static void pdf_part(pdf *P, const yu_block *b)
{
    double w = A4_SHORT - 2 * MARGIN;
    double h1 = layout_h(P, b->text, SANS, 18, 1, w), h2 = b->sub ? layout_h(P, b->sub, SANS, 16, 1, w) : 0;
    page_need(P, h1 + h2 + 80, 0);
    gap(P, 12);
    anchor_set(P, b->anchor);
    PangoLayout *l = mk(P, b->text, SANS, 18, 1, w, PANGO_ALIGN_CENTER);
    show(P, l, MARGIN, P->y);
    g_object_unref(l);
    P->y += h1 + 6;
    if (b->sub) {
        l = mk(P, b->sub, SANS, 16, 1, w, PANGO_ALIGN_CENTER);
        show(P, l, MARGIN, P->y);
        g_object_unref(l);
        P->y += h2;
    }
    P->y += 18;
}

static void pdf_heading(pdf *P, const yu_block *b, const yu_block *next)
{
    double fs = b->kind == YU_B_H1 ? 14 : 12;
    double w = A4_SHORT - 2 * MARGIN;
    gap(P, b->kind == YU_B_H1 ? 10 : 6);
    double h = layout_h(P, b->text, SANS, fs, 1, w);
    /* keep with the next two lines of text, and with a heading after it */
    double keep = 2 * FS_BODY * 1.9;
    if (next && (next->kind == YU_B_H1 || next->kind == YU_B_H2))
        keep += layout_h(P, next->text, SANS, next->kind == YU_B_H1 ? 14 : 12, 1, w) + 12;
    page_need(P, h + 6 + keep, 0);
    anchor_set(P, b->anchor);
    PangoLayout *l = mk(P, b->text, SANS, fs, 1, w, PANGO_ALIGN_LEFT);
    show(P, l, MARGIN, P->y);
    g_object_unref(l);
    P->y += h + 6;
}

static void pdf_para(pdf *P, const yu_doc *d, const yu_block *b)
{
    yu_buf t;
    yu_buf_init(&t, 0);
    rt_para(&t, d, b);
    if (t.oom) {
        P->oom = 1;
        yu_buf_free(&t);
        return;
    }
    page_need(P, 0, 0);
    para_text(P, t.p ? t.p : "", SERIF, FS_BODY, 0, PANGO_ALIGN_LEFT, 2 * FS_BODY, 0);
    P->y += 6;
    yu_buf_free(&t);
}

/* One pass over the document. */
static void pass(pdf *P)
{
    const yu_doc *d = P->d;
    P->body0 = -1;
    P->page = 0;
    P->ink = 0;
    page_begin(P, 0);
    for (size_t i = 0; i < d->nblocks && !P->oom; i++) {
        const yu_block *b = &d->blocks[i];
        if (b->kind != YU_B_TITLE && b->kind != YU_B_TOC && b->kind != YU_B_PAGEBREAK && P->body0 < 0) {
            page_end(P);
            P->body0 = P->page;
        }
        switch (b->kind) {
        case YU_B_TITLE:
            pdf_cover(P, b);
            break;
        case YU_B_TOC:
            pdf_toc(P, b);
            break;
        case YU_B_PAGEBREAK:
            page_end(P);
            break;
        case YU_B_PART:
            pdf_part(P, b);
            break;
        case YU_B_H1:
        case YU_B_H2:
            pdf_heading(P, b, i + 1 < d->nblocks ? &d->blocks[i + 1] : NULL);
            break;
        case YU_B_PARA:
            pdf_para(P, d, b);
            break;
        case YU_B_TABLE:
            if (b->index < d->ntables)
                pdf_table(P, d, &d->tables[b->index], b->anchor);
            if (b->index < d->ntables && d->L && d->L->kind && !strcmp(d->L->kind, "execution"))
                pdf_exec_chart(P, &d->tables[b->index]); /* the year's execution report (year.h) */
            break;
        case YU_B_PERF:
            if (b->index < d->nperf)
                pdf_perf(P, &d->perf[b->index]);
            break;
        }
    }
    page_end(P);
}

/* PDF bookmarks: the 目录 entries, tables under their part. */
static void outline(pdf *P)
{
    const yu_doc *d = P->d;
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *b = &d->blocks[i];
        if (b->kind != YU_B_TOC)
            continue;
        int parent = CAIRO_PDF_OUTLINE_ROOT;
        for (size_t k = 0; k < b->nsegs; k++) {
            const anchor *a = anchor_find(P, b->segs[k].table);
            if (!a || !b->segs[k].text)
                continue;
            char link[96];
            snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", a->page + 1, MARGIN, a->y);
            int lv = b->levels ? b->levels[k] : 0;
            int id = cairo_pdf_surface_add_outline(P->s, lv ? parent : CAIRO_PDF_OUTLINE_ROOT,
                                                   b->segs[k].text, link, 0);
            if (!lv)
                parent = id;
        }
        break;
    }
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
    return yu_buf_add(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

yu_status rt_pdf(const yu_doc *d, yu_buf *o, yu_error *err)
{
    yu_status st = YU_OK;
    PangoFontMap *fm = pango_cairo_font_map_new();
    if (!fm)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "pdf: cannot load fonts");
    PangoContext *pc = pango_font_map_create_context(fm);
    /* the metrics of a PDF surface: no hinting, no rounding to whole points */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pc, 72);
    pango_context_set_round_glyph_positions(pc, FALSE);

    /* first pass: where everything lands */
    pdf M;
    memset(&M, 0, sizeof M);
    M.d = d;
    M.pc = pc;
    pass(&M);

    pdf P;
    memset(&P, 0, sizeof P);
    P.d = d;
    P.pc = pc;
    P.draw = 1;
    P.first = &M;
    if (M.oom)
        st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    else {
        P.s = cairo_pdf_surface_create_for_stream(write_buf, o, A4_SHORT, A4_LONG);
        cairo_pdf_surface_set_metadata(P.s, CAIRO_PDF_METADATA_TITLE, d->title ? d->title : "");
        cairo_pdf_surface_set_metadata(P.s, CAIRO_PDF_METADATA_CREATOR, "yusuan");
        if (d->b && d->b->name)
            cairo_pdf_surface_set_metadata(P.s, CAIRO_PDF_METADATA_AUTHOR, d->b->name);
        cairo_pdf_surface_set_metadata(P.s, CAIRO_PDF_METADATA_SUBJECT, "部门预算");
        P.cr = cairo_create(P.s);
        cairo_set_source_rgb(P.cr, 0, 0, 0);
        cairo_set_line_width(P.cr, LINE_W);
        pass(&P);
        outline(&P);
        cairo_destroy(P.cr);
        cairo_surface_finish(P.s);
        cairo_status_t cs = cairo_surface_status(P.s);
        cairo_surface_destroy(P.s);
        if (P.oom || o->oom)
            st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        else if (cs != CAIRO_STATUS_SUCCESS)
            st = yu_error_set(err, YU_EIO, NULL, 0, 0, "pdf: %s", cairo_status_to_string(cs));
        else if (P.page != M.page)
            st = yu_error_set(err, YU_EIO, NULL, 0, 0, "pdf: the two layout passes disagree (%d and %d pages)",
                              M.page, P.page);
    }
    free(M.an);
    free(P.an);
    g_object_unref(pc);
    g_object_unref(fm);
    return st;
}
