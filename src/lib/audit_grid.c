/* Audit: tables whose rows are 科目 codes (or their names), read as a grid of
 * lines and columns — rows anchored by their codes, figures placed under
 * the header labels, fragments on lines of their own joined to the nearest
 * row with that column free (audit_internal.h). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "audit_internal.h"

/* ---- grid tables: rows by code ---- */

enum { AN_CODE = 1, AN_TOTAL, AN_HALF, AN_MISPRINT, AN_SINGLE };

typedef struct gan {      /* a row: the line that starts it */
    int line, half, kind;
    char code[12];
    char printed[32];     /* the code as printed, when misprinted */
    const char *name;     /* name assembled from its fragments */
    const char *pre;      /* fragments found before the row's line */
    const char *cat;      /* the catalogue's name for the code, or NULL */
    yu_cell *cells;       /* per layout column */
    int *cline;           /* per column: the line its figure came from */
} gan;

typedef struct grid {
    rd *r;
    tctx *X;
    anc *A;               /* anchors, nh * ncols */
    int nh;
    int code_lim[4];      /* per half: code parts lie left of this column */
    int val_lo[4];        /* per half: figures lie right of this column */
    int half_lo[4];       /* per half: first column of the half */
    gan *an; int nan, capan;
    gfl *fl; int nfl, capfl;
    /* per page: where the figures of a line that fills every column are
     * (pdftotext -layout spaces each page its own way) */
    int cal_page[16];
    anc *cal[16];
    int ncal;
    /* per page: the anchors of the header the page repeats (a table over
     * several pages: pdftotext -layout places each page's header anew) */
    int pa_page[16];
    anc *pa[16];
    int npa;
    /* the lanes of figures of a page: figures that overlap line to line
     * are one column's (a short figure set flush right under a long one) */
    struct lane { int page, a, b; } *lanes;
    int nlanes;
} grid;

/* the header anchors of a page: its own repeated header's, or the table's */
static const anc *page_anchors(const grid *g, int page)
{
    for (int q = 0; q < g->npa; q++)
        if (g->pa_page[q] == page)
            return g->pa[q];
    return g->A;
}

static gan *new_anchor(grid *g, int line, int half, int kind)
{
    if (g->nan == g->capan) {
        int nc = g->capan ? g->capan * 2 : 64;
        gan *na = realloc(g->an, (size_t)nc * sizeof *na);
        if (!na)
            return NULL;
        g->an = na;
        g->capan = nc;
    }
    gan *a = &g->an[g->nan++];
    memset(a, 0, sizeof *a);
    a->line = line;
    a->half = half;
    a->kind = kind;
    a->name = "";
    size_t nc = g->X->T->lt->ncols ? g->X->T->lt->ncols : 1;
    a->cells = yu_arena_alloc(g->r->A, nc * sizeof *a->cells);
    a->cline = yu_arena_alloc(g->r->A, nc * sizeof *a->cline);
    return a->cells && a->cline ? a : NULL;
}

static int push_float(grid *g, int line, int half, int col, const tok *t)
{
    if (g->nfl == g->capfl) {
        int nc = g->capfl ? g->capfl * 2 : 64;
        gfl *nf = realloc(g->fl, (size_t)nc * sizeof *nf);
        if (!nf)
            return -1;
        g->fl = nf;
        g->capfl = nc;
    }
    g->fl[g->nfl++] = (gfl){line, half, col, t};
    return 0;
}

static int half_of(const grid *g, int x)
{
    int h = 0;
    while (h + 1 < g->nh && x >= g->half_lo[h + 1])
        h++;
    return h;
}

/* places a figure in a row's cell; 0 when the cell is taken */
static int place(grid *g, gan *a, int c, const tok *t, int line)
{
    yu_cell *cell = &a->cells[c];
    if (cell->kind != YU_CELL_EMPTY)
        return 0;
    au_put_value(g->r, g->X, cell, t, au_is_pct_col(g->X->T->lt->cols[c].key));
    a->cline[c] = line;
    return 1;
}

static const char *cat_name(rd *r, const yu_ltable *lt, const char *code)
{
    if (lt->rows != YU_ROWS_FUNC || !r->func || !code[0])
        return NULL;
    const char *n = yu_catalog_name(r->func, code);
    return n ? yu_canon(r->A, n) : NULL;
}

const char *au_join(rd *r, const char *a, const char *b)
{
    return yu_arena_printf(r->A, "%s%s", a, b);
}

/* the code of a misprinted row from the rows above it: "7 11 02" under
 * 210 / 21011 is 2101102 */
static void infer_code(grid *g, gan *a, char parts[][8], int np)
{
    const char *cls = NULL, *kuan = NULL;
    for (int i = g->nan - 2; i >= 0; i--) {
        const gan *p = &g->an[i];
        if (p->half != a->half || (p->kind != AN_CODE && p->kind != AN_MISPRINT))
            continue;
        size_t n = strlen(p->code);
        if (n == 5 && !kuan && !cls)
            kuan = p->code;
        if (n == 3) {
            cls = p->code;
            break;
        }
    }
    if (np == 3 && kuan && !strncmp(kuan + 3, parts[1], 2) && strlen(parts[2]) == 2)
        snprintf(a->code, sizeof a->code, "%s%s", kuan, parts[2]);
    else if (np == 3 && cls && strlen(parts[1]) == 2 && strlen(parts[2]) == 2)
        snprintf(a->code, sizeof a->code, "%s%s%s", cls, parts[1], parts[2]);
    else if (np == 2 && cls && strlen(parts[1]) == 2)
        snprintf(a->code, sizeof a->code, "%s%s", cls, parts[1]);
}

static int is_total_text(const yu_ltable *lt, const char *norm, int *half)
{
    for (int h = 0; h < lt->nhalves; h++) {
        char tmp[128];
        snprintf(tmp, sizeof tmp, "%s", lt->half_label[h]);
        /* labels are compared without spaces */
        char *w = tmp, *o = tmp;
        for (; *w; w++)
            if (*w != ' ')
                *o++ = *w;
        *o = 0;
        if (!strcmp(norm, tmp)) {
            *half = h;
            return AN_HALF;
        }
    }
    const char *tl = lt->total_label ? lt->total_label : "合计";
    if (!strcmp(norm, tl) || !strcmp(norm, "合计") || !strcmp(norm, "总计"))
        return AN_TOTAL;
    return 0;
}

/* One body line of a space-aligned grid: its rows, figures and fragments. */
static int grid_line(grid *g, int i)
{
    rd *r = g->r;
    const ln *L = &r->l[i];
    const yu_ltable *lt = g->X->T->lt;
    int nc = (int)lt->ncols;
    for (int h = 0; h < g->nh; h++) {
        char parts[6][8];
        int np = 0, total = 0, th = h;
        const tok *vals[64];
        int nv = 0;
        const tok *names[16];
        int nn = 0;
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            if (!t->norm[0] || half_of(g, (t->a + t->b) / 2) != h)
                continue;
            int x = (t->a + t->b) / 2;
            int k = is_total_text(lt, t->norm, &th);
            if (k) {
                total = k;
                continue;
            }
            if (t->digits && x < g->code_lim[h] && strlen(t->norm) < 8) {
                if (np < 6)
                    snprintf(parts[np++], 8, "%s", t->norm);
                continue;
            }
            /* a code printed against its name (30207邮电费) */
            size_t nd = 0;
            while (isdigit((unsigned char)t->norm[nd]))
                nd++;
            /* … or the last part of a split code against it (208 05 05机关事业单位…): two digits
             * after a 类 and its 款 read on this line */
            int glued = nd == 2 && np >= 1 && np <= 2 && strlen(parts[0]) == 3;
            for (int k = 1; k < np && glued; k++)
                glued = strlen(parts[k]) == 2;
            if ((nd == 3 || nd == 5 || nd == 7 || glued) && (unsigned char)t->norm[nd] >= 0x80 && x < g->val_lo[h] &&
                (lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON)) {
                if (np < 6)
                    snprintf(parts[np++], 8, "%.*s", (int)nd, t->norm);
                tok *rest = yu_arena_alloc(r->A, sizeof *rest);
                if (rest && nn < 16) {
                    *rest = *t;
                    rest->norm = t->norm + nd;
                    rest->digits = 0;
                    names[nn++] = rest;
                }
                continue;
            }
            if (au_is_dash(t->norm))
                continue; /* printed for zero */
            if (t->isnum || (!t->digits && t->a >= g->val_lo[h] && strpbrk(t->norm, "0123456789"))) {
                /* a figure, or a figure that cannot be read */
                if (nv < 64)
                    vals[nv++] = t;
                continue;
            }
            if (!t->digits && nn < 16 && !au_only_dots(t->norm))
                names[nn++] = t;
        }
        gan *a = NULL;
        if (np && (lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON)) {
            size_t l0 = strlen(parts[0]);
            int split = l0 == 3 && np > 1;
            for (int k = 1; k < np; k++)
                split &= strlen(parts[k]) == 2;
            if ((np == 1 && (l0 == 3 || l0 == 5 || l0 == 7)) || (split && np <= 3)) {
                a = new_anchor(g, i, h, AN_CODE);
                if (!a)
                    return -1;
                for (int k = 0; k < np; k++)
                    snprintf(a->code + strlen(a->code), sizeof a->code - strlen(a->code), "%s", parts[k]);
            } else if (l0 == 2 && np <= 2) {
                /* 款/项 printed on the line under its 类 (two-column tables) */
                gan *p = NULL;
                for (int k = g->nan - 1; k >= 0 && !p; k--)
                    if (g->an[k].half == h)
                        p = &g->an[k];
                if (p && p->kind == AN_CODE && strlen(p->code) + 2 * (size_t)np <= 7 && i - p->line <= 3)
                    for (int k = 0; k < np; k++)
                        snprintf(p->code + strlen(p->code), sizeof p->code - strlen(p->code), "%s", parts[k]);
            } else {
                a = new_anchor(g, i, h, AN_MISPRINT);
                if (!a)
                    return -1;
                for (int k = 0; k < np; k++)
                    snprintf(a->printed + strlen(a->printed), sizeof a->printed - strlen(a->printed), "%s%s",
                             k ? " " : "", parts[k]);
                infer_code(g, a, parts, np);
            }
        } else if (total) {
            a = new_anchor(g, i, th, total);
            if (!a)
                return -1;
        }
        /* figures: to value columns of this half, in order */
        int cols[64], m = 0;
        for (int c = 0; c < nc && m < 64; c++)
            if (au_is_value_col(lt->cols[c].key) && g->A[h * nc + c].x >= 0)
                cols[m++] = h * nc + c;
        int out[64];
        /* each figure as wide as its lane */
        tok lv[64];
        const tok *lvp[64];
        for (int k = 0; k < nv; k++) {
            lv[k] = *vals[k];
            for (int q = 0; q < g->nlanes; q++)
                if (g->lanes[q].page == L->page && vals[k]->a >= g->lanes[q].a && vals[k]->b <= g->lanes[q].b) {
                    lv[k].a = g->lanes[q].a;
                    lv[k].b = g->lanes[q].b;
                    break;
                }
            lvp[k] = &lv[k];
        }
        const anc *AA = g->nh == 1 ? page_anchors(g, L->page) : g->A;
        for (int q = 0; q < g->ncal && g->nh == 1; q++)
            if (g->cal_page[q] == L->page)
                AA = g->cal[q];
        au_assign_values(lvp, nv, cols, AA, m, out);
        for (int k = 0; k < nv; k++) {
            if (out[k] < 0) {
                r->info->unreadable++;
                continue;
            }
            int c = out[k] % nc;
            if (a && a->kind != AN_SINGLE && place(g, a, c, vals[k], i))
                continue;
            if (push_float(g, i, h, c, vals[k]))
                return -1;
        }
        for (int k = 0; k < nn; k++) {
            if (a && (a->kind == AN_CODE || a->kind == AN_MISPRINT))
                a->name = au_join(r, a->name, names[k]->norm);
            else if (!a && push_float(g, i, h, -1, names[k]))
                return -1;
        }
    }
    return 0;
}

/* the rows before and after line `line` in a half */
static void neighbours(grid *g, int line, int half, gan **P, gan **N)
{
    *P = *N = NULL;
    for (int k = 0; k < g->nan; k++) {
        gan *a = &g->an[k];
        if (a->half != half)
            continue;
        if (a->line < line)
            *P = a;
        else if (a->line > line && !*N)
            *N = a;
    }
}

/* a name fragment belongs to the row above unless that row's name is
 * complete (it is the catalogue's) or the fragment does not continue it */
static void place_fragment(grid *g, const gfl *f)
{
    gan *P, *N;
    neighbours(g, f->line, f->half, &P, &N);
    const char *s = f->t->norm;
    int to_prev;
    if (!P || (P->kind != AN_CODE && P->kind != AN_MISPRINT))
        to_prev = 0;
    else if (!N || (N->kind != AN_CODE && N->kind != AN_MISPRINT))
        to_prev = 1;
    else if (P->cat) {
        const char *cur = au_join(g->r, P->pre ? P->pre : "", P->name);
        const char *ext = au_join(g->r, cur, s);
        to_prev = strcmp(cur, P->cat) && !strncmp(P->cat, ext, strlen(ext));
    } else
        to_prev = 1;
    if (to_prev)
        P->name = au_join(g->r, P->name, s);
    else if (N && (N->kind == AN_CODE || N->kind == AN_MISPRINT))
        N->pre = au_join(g->r, N->pre ? N->pre : "", s);
}

/* a figure on a line of its own belongs to the nearest row that has its
 * column free (cells beside a wrapped name are centred on it) */
static void place_float(grid *g, const gfl *f)
{
    gan *P, *N;
    neighbours(g, f->line, f->half, &P, &N);
    int fp = P && P->cells[f->col].kind == YU_CELL_EMPTY;
    int fn = N && N->cells[f->col].kind == YU_CELL_EMPTY;
    gan *to = NULL;
    if (fp && fn)
        to = f->line - P->line < N->line - f->line ? P : N;
    else
        to = fp ? P : fn ? N : NULL;
    if (!to || !place(g, to, f->col, f->t, f->line))
        g->r->info->unreadable++;
}

/* Per page, the lanes of figures (tables of one half): figures that overlap
 * from line to line stand in one column, so a short figure is placed by the
 * extent of the long ones above and below it (pdftotext -layout sets a
 * short figure right of where its column's header suggests).  A page where
 * a lane would hold two figures of one line keeps each figure's own extent. */
static int find_lanes(grid *g, int body, int to)
{
    rd *r = g->r;
    if (g->nh != 1)
        return 0;
    int page = -1, first = g->nlanes;
    for (int i = body; i <= to; i++) {
        const ln *L = i < to ? &r->l[i] : NULL;
        if (!L || L->page != page) {
            /* close the page: its lanes must be clean */
            int clean = 1;
            for (int k = body; k < i && clean; k++) {
                const ln *M = &r->l[k];
                if (M->page != page || M->tabbed)
                    continue;
                for (int q = first; q < g->nlanes && clean; q++) {
                    int in = 0;
                    for (int j = 0; j < M->nt; j++) {
                        const tok *t = &M->t[j];
                        if (t->isnum && !(t->digits && (t->a + t->b) / 2 < g->code_lim[0] && strlen(t->norm) < 8) &&
                            t->a >= g->lanes[q].a && t->b <= g->lanes[q].b)
                            in++;
                    }
                    clean = in <= 1;
                }
            }
            if (!clean)
                g->nlanes = first;
            if (!L)
                break;
            page = L->page;
            first = g->nlanes;
        }
        if (L->tabbed)
            continue;
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            if (!t->isnum || (t->digits && (t->a + t->b) / 2 < g->code_lim[0] && strlen(t->norm) < 8))
                continue;
            int hit = -1;
            for (int q = first; q < g->nlanes; q++)
                if (au_overlaps(t->a, t->b - 1, g->lanes[q].a, g->lanes[q].b - 1)) {
                    if (hit < 0) {
                        hit = q;
                        if (t->a < g->lanes[q].a) g->lanes[q].a = t->a;
                        if (t->b > g->lanes[q].b) g->lanes[q].b = t->b;
                    } else {
                        /* the figure joins two lanes */
                        if (g->lanes[q].a < g->lanes[hit].a) g->lanes[hit].a = g->lanes[q].a;
                        if (g->lanes[q].b > g->lanes[hit].b) g->lanes[hit].b = g->lanes[q].b;
                        g->lanes[q] = g->lanes[--g->nlanes];
                        q--;
                    }
                }
            if (hit < 0) {
                struct lane *nl = realloc(g->lanes, (size_t)(g->nlanes + 1) * sizeof *nl);
                if (!nl)
                    return -1;
                g->lanes = nl;
                g->lanes[g->nlanes++] = (struct lane){page, t->a, t->b};
            }
        }
    }
    return 0;
}

/* Per page, the columns of the figures of the lines that fill every value
 * column: such a line places each figure in its column for sure. */
static void calibrate(grid *g, int body, int to)
{
    rd *r = g->r;
    const yu_ltable *lt = g->X->T->lt;
    int nc = (int)lt->ncols;
    if (g->nh != 1)
        return;
    int cols[64], m = 0;
    for (int c = 0; c < nc && m < 64; c++)
        if (au_is_value_col(lt->cols[c].key) && g->A[c].x >= 0)
            cols[m++] = c;
    if (m < 2)
        return;
    for (int i = body; i < to; i++) {
        const ln *L = &r->l[i];
        if (L->tabbed)
            return;
        const tok *v[64];
        int n = 0;
        for (int j = 0; j < L->nt && n < 64; j++) {
            const tok *t = &L->t[j];
            if (t->isnum && !(t->digits && (t->a + t->b) / 2 < g->code_lim[0] && strlen(t->norm) < 8))
                v[n++] = t;
        }
        if (n != m)
            continue;
        int q = 0;
        while (q < g->ncal && g->cal_page[q] != L->page)
            q++;
        if (q == g->ncal) {
            if (g->ncal == 16)
                continue;
            g->cal[q] = yu_arena_alloc(r->A, (size_t)(nc + 1) * sizeof *g->cal[q]);
            if (!g->cal[q])
                return;
            for (int c = 0; c < nc; c++)
                g->cal[q][c] = (anc){-1, 1 << 30, -1, -1, 0, 0};
            g->cal_page[q] = L->page;
            g->ncal++;
        }
        for (int k = 0; k < m; k++) {
            anc *a = &g->cal[q][cols[k]];
            if (v[k]->a < a->a) a->a = v[k]->a;
            if (v[k]->b > a->b) a->b = v[k]->b;
            a->x = (a->a + a->b) / 2;
        }
    }
    /* columns never filled keep the header's place */
    for (int q = 0; q < g->ncal; q++)
        for (int c = 0; c < nc; c++)
            if (g->cal[q][c].x < 0)
                g->cal[q][c] = page_anchors(g, g->cal_page[q])[c];
}

static int body_start(rd *r, int h0, int to, int by_label)
{
    for (int i = h0; i < to; i++) {
        const ln *L = &r->l[i];
        if (au_is_note(L))
            return i;
        int first = 1;
        for (int j = 0; j < L->nt; j++) {
            const char *n = L->t[j].norm;
            if (!n[0])
                continue;
            if (L->t[j].isnum || (L->t[j].digits && (strlen(n) == 3 || strlen(n) == 5 || strlen(n) == 7)))
                return i;
            /* a 合计 line: alone, or with figures (not the header's 合计 column) */
            if (by_label && first && (!strcmp(n, "合计") || !strcmp(n, "总计"))) {
                int others = 0;
                for (int k = j + 1; k < L->nt; k++)
                    others += L->t[k].norm[0] && !L->t[k].isnum;
                if (!others)
                    return i;
            }
            first = 0;
        }
    }
    return to;
}

/* The headers a table repeats on its next pages: each page's anchors from
 * its own header lines, when they name every value column the table's
 * first header names. */
static void page_headers(grid *g, int body, int to)
{
    rd *r = g->r;
    const yu_table *T = g->X->T;
    const yu_ltable *lt = T->lt;
    int nc = (int)lt->ncols;
    if (g->nh != 1)
        return;
    for (int i = body + 1; i < to && g->npa < 16; i++) {
        if (r->l[i].page == r->l[i - 1].page || r->l[i].tabbed)
            continue;
        int hb = body_start(r, i, to, lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON);
        int hdr = 0;
        for (int k = i; k < hb && !hdr; k++)
            hdr = r->l[k].nt && r->l[k].norm[0] && au_is_header_line(r, T, &r->l[k]);
        if (!hdr)
            continue;
        anc *pa = yu_arena_alloc(r->A, (size_t)(nc + 1) * sizeof *pa);
        if (!pa)
            return;
        au_find_anchors(r, T, i, hb, 1, pa);
        int ok = 1;
        for (int c = 0; c < nc && ok; c++)
            if (au_is_value_col(lt->cols[c].key) && g->A[c].x >= 0 && pa[c].x < 0)
                ok = 0;
        if (!ok)
            continue;
        g->pa_page[g->npa] = r->l[i].page;
        g->pa[g->npa++] = pa;
    }
}

int au_header_start(rd *r, int from, int to)
{
    for (int i = from; i < to && i <= from + 4; i++)
        if (au_is_unit_line(&r->l[i]))
            return i + 1;
    return from + 1;
}

static yu_status read_grid_space(rd *r, tctx *X, int from, int to)
{
    yu_table *T = X->T;
    const yu_ltable *lt = T->lt;
    int nc = (int)lt->ncols;
    grid g;
    memset(&g, 0, sizeof g);
    g.r = r;
    g.X = X;
    g.nh = lt->nhalves > 1 ? lt->nhalves : 1;
    int h0 = au_header_start(r, from, to);
    int body = body_start(r, h0, to, lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON);
    g.A = yu_arena_alloc(r->A, (size_t)(g.nh * nc + 1) * sizeof *g.A);
    if (!g.A)
        return YU_ENOMEM;
    au_find_anchors(r, T, h0, body, g.nh, g.A);
    /* the template fits only if the document prints its value columns in
     * the template's order (a 三公 table with 公务接待费 before 公务用车 is
     * another template's: read with this one, its figures would be misplaced) */
    for (int c1 = 0; c1 < nc && g.nh == 1; c1++)
        for (int c2 = c1 + 1; c2 < nc; c2++)
            if (au_is_value_col(lt->cols[c1].key) && au_is_value_col(lt->cols[c2].key) && g.A[c1].x >= 0 &&
                g.A[c2].x >= 0 && g.A[c1].exact && g.A[c2].exact && g.A[c1].ln == g.A[c2].ln &&
                g.A[c1].a >= g.A[c2].b) {
                r->info->misfit++;
                c1 = nc;
                break;
            }
    /* halves: each starts halfway between the previous half's last header and its first */
    for (int h = 0; h < g.nh; h++) {
        int lo = 1 << 30, hi = -1;
        for (int c = 0; c < nc; c++)
            if (g.A[h * nc + c].x >= 0) {
                if (g.A[h * nc + c].a < lo) lo = g.A[h * nc + c].a;
                if (g.A[h * nc + c].b > hi) hi = g.A[h * nc + c].b;
            }
        g.half_lo[h] = lo;
        if (h && g.half_lo[h] != 1 << 30) {
            int phi = -1;
            for (int c = 0; c < nc; c++)
                if (g.A[(h - 1) * nc + c].b > phi)
                    phi = g.A[(h - 1) * nc + c].b;
            g.half_lo[h] = phi >= 0 ? (phi + lo) / 2 : lo;
        }
        if (!h)
            g.half_lo[h] = -1;
        /* code parts: left of the name column's header centre */
        int ni = yu_ltable_col(lt, "name");
        int lim = ni >= 0 && g.A[h * nc + ni].x >= 0 ? g.A[h * nc + ni].x : -1;
        if (lim < 0)
            for (int c = 0; c < nc; c++)
                if (au_is_value_col(lt->cols[c].key) && g.A[h * nc + c].x >= 0 && (lim < 0 || g.A[h * nc + c].a < lim))
                    lim = g.A[h * nc + c].a;
        g.code_lim[h] = lim < 0 ? 0 : lim;
        int vlo = 1 << 30;
        for (int c = 0; c < nc; c++)
            if (au_is_value_col(lt->cols[c].key) && g.A[h * nc + c].x >= 0 && g.A[h * nc + c].a < vlo)
                vlo = g.A[h * nc + c].a;
        g.val_lo[h] = vlo;
    }
    yu_status st0 = YU_OK;
    page_headers(&g, body, to);
    calibrate(&g, body, to);
    if (find_lanes(&g, body, to))
        st0 = YU_ENOMEM;
    int empty_note = 0;
    yu_status st = st0;
    for (int i = body; i < to && !st; i++) {
        const ln *L = &r->l[i];
        if (!L->nt || !L->norm[0] || au_is_rule_line(L) || au_is_unit_line(L) || au_title_is(r, L->norm, lt) || au_is_char_line(L))
            continue;
        if (au_is_note(L)) {
            empty_note = 1;
            T->note = yu_arena_strdup(r->A, L->norm);
            continue;
        }
        if (au_is_remark(L))
            continue;
        int dummy;
        if (!(L->nt == 1 && is_total_text(lt, L->t[0].norm, &dummy)) && au_is_header_line(r, T, L))
            continue;
        if (lt->rows == YU_ROWS_SINGLE) {
            int has = 0;
            for (int j = 0; j < L->nt; j++)
                has |= L->t[j].isnum;
            if (!has)
                continue;
            if (!g.nan && !new_anchor(&g, i, 0, AN_SINGLE))
                st = YU_ENOMEM;
        }
        if (!st && grid_line(&g, i))
            st = YU_ENOMEM;
    }
    for (int k = 0; k < g.nan; k++)
        g.an[k].cat = cat_name(r, lt, g.an[k].code);
    for (int k = 0; k < g.nfl && !st; k++) {
        const gfl *f = &g.fl[k];
        if (f->col >= 0) {
            if (lt->rows == YU_ROWS_SINGLE && g.nan) {
                if (!place(&g, &g.an[0], f->col, f->t, f->line))
                    r->info->unreadable++;
            } else
                place_float(&g, f);
        } else if (lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON)
            place_fragment(&g, f);
    }
    /* rows, half by half in the order printed */
    for (int h = 0; h < g.nh && !st; h++)
        for (int k = 0; k < g.nan; k++) {
            gan *a = &g.an[k];
            if (a->half != h)
                continue;
            yu_row *row = au_add_row(r, T, &X->cap);
            if (!row) {
                st = YU_ENOMEM;
                break;
            }
            memcpy(row->cells, a->cells, (size_t)nc * sizeof *row->cells);
            row->line = r->l[a->line].no;
            row->page = r->l[a->line].page;
            if (g.nh > 1)
                row->key[1] = lt->half_key[h];
            if (a->kind == AN_CODE || a->kind == AN_MISPRINT) {
                snprintf(row->code, sizeof row->code, "%s", a->code);
                size_t cl = strlen(a->code);
                row->level = cl == 3 ? 1 : cl == 5 ? 2 : cl == 7 ? 3 : 0;
                if (a->kind == AN_MISPRINT) {
                    row->flags |= YU_ROW_MISPRINT;
                    if (!row->level) {
                        /* the depth the printed parts show */
                        int parts = 1;
                        for (const char *q = a->printed; *q; q++)
                            parts += *q == ' ';
                        row->level = parts > 3 ? 3 : parts;
                    }
                }
                row->key[0] = yu_arena_strdup(r->A, a->code[0] ? a->code : a->printed);
                row->name = au_join(r, a->pre ? a->pre : "", a->name);
                au_set_text_cell(lt, row, "code", a->kind == AN_MISPRINT ? yu_arena_strdup(r->A, a->printed)
                                                                      : yu_arena_strdup(r->A, a->code));
                au_set_text_cell(lt, row, "name", row->name);
            } else if (a->kind == AN_SINGLE) {
                row->key[0] = "total";
            } else {
                row->flags = YU_ROW_TOTAL;
                row->key[0] = a->kind == AN_HALF ? lt->half_key[a->half] : "total";
                if (a->kind == AN_HALF) {
                    row->name = lt->half_label[a->half];
                    au_set_text_cell(lt, row, "name", row->name);
                }
                else if (lt->total_pos)
                    au_set_text_cell(lt, row, lt->cols[lt->total_col].key, lt->total_label);
            }
        }
    free(g.an);
    free(g.fl);
    free(g.lanes);
    /* empty: no figure in it (an empty table may still print its 合计 line) */
    T->empty = 1;
    for (size_t i = 0; i < T->nrows && T->empty; i++)
        for (size_t c = 0; c < lt->ncols; c++)
            if (T->rows[i].cells[c].kind == YU_CELL_MONEY || T->rows[i].cells[c].kind == YU_CELL_PCT ||
                (T->rows[i].cells[c].kind == YU_CELL_TEXT && au_is_value_col(lt->cols[c].key)))
                T->empty = 0;
    (void)empty_note; /* a note beside figures is kept: D-NOTE-DATA reports it */
    return st;
}

/* Reads a row's code from its first tokens: 2010101, or 201 01 01 split. */
static int row_code(const ln *L, char *code, int *used)
{
    int j = 0;
    while (j < L->nt && !L->t[j].norm[0])
        j++;
    if (j >= L->nt)
        return 0;
    const char *s = L->t[j].norm;
    size_t n = strlen(s);
    if ((n == 3 || n == 5 || n == 7) && yu_all_digits(s, n)) {
        snprintf(code, 12, "%s", s);
        int k = j + 1;
        while (n == 3 && k < L->nt && strlen(code) < 7 && yu_all_digits(L->t[k].norm, 2)) {
            snprintf(code + strlen(code), 12 - strlen(code), "%s", L->t[k].norm);
            k++;
        }
        *used = k;
        return (int)strlen(code);
    }
    return 0;
}

/* tab-separated cells (text extracted cell by cell): columns by position */
static yu_status read_grid_tabbed(rd *r, tctx *X, int from, int to)
{
    yu_table *T = X->T;
    const yu_ltable *lt = T->lt;
    int body = body_start(r, au_header_start(r, from, to), to, lt->rows == YU_ROWS_FUNC || lt->rows == YU_ROWS_ECON);
    int empty_note = 0;
    for (int i = body; i < to; i++) {
        const ln *L = &r->l[i];
        if (!L->norm[0] || au_is_rule_line(L) || au_is_unit_line(L))
            continue;
        if (au_is_note(L)) {
            empty_note = 1;
            T->note = yu_arena_strdup(r->A, L->norm);
            continue;
        }
        if (au_is_header_line(r, T, L))
            continue;
        char code[12];
        int used = 0;
        int clen = row_code(L, code, &used);
        int hasnum = 0;
        for (int j = 0; j < L->nt; j++)
            hasnum |= L->t[j].isnum;
        const char *tl = lt->total_label ? lt->total_label : "合计";
        int is_total = !clen && (strstr(L->norm, tl) == L->norm ||
                                 (L->nt > 1 && !L->t[0].norm[0] && !strcmp(L->t[1].norm, tl)));
        if (lt->rows == YU_ROWS_SINGLE && hasnum && !clen)
            is_total = 1;
        if ((!clen && !is_total) || (!hasnum && !clen))
            continue;
        yu_row *row = au_add_row(r, T, &X->cap);
        if (!row)
            return YU_ENOMEM;
        row->line = L->no;
        row->page = L->page;
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            int c = t->a < (int)lt->ncols ? t->a : -1;
            if (t->norm[0] && c >= 0 && au_is_value_col(lt->cols[c].key))
                au_put_value(r, X, &row->cells[c], t, au_is_pct_col(lt->cols[c].key));
        }
        if (clen) {
            snprintf(row->code, sizeof row->code, "%s", code);
            row->key[0] = yu_arena_strdup(r->A, code);
            row->level = clen == 3 ? 1 : clen == 5 ? 2 : 3;
            for (int j = used; j < L->nt; j++)
                if (L->t[j].norm[0] && !L->t[j].isnum) {
                    row->name = L->t[j].s;
                    break;
                }
            au_set_text_cell(lt, row, "code", row->code);
            au_set_text_cell(lt, row, "name", row->name);
        } else {
            row->flags = lt->rows == YU_ROWS_SINGLE ? 0 : YU_ROW_TOTAL;
            row->key[0] = "total";
            if (lt->total_pos)
                au_set_text_cell(lt, row, lt->cols[lt->total_col].key, lt->total_label);
        }
    }
    T->empty = T->nrows == 0;
    (void)empty_note; /* a note beside figures is kept: D-NOTE-DATA reports it */
    return YU_OK;
}

yu_status au_read_grid(rd *r, tctx *X, int from, int to)
{
    int body = body_start(r, au_header_start(r, from, to), to, 1);
    for (int i = body; i < to; i++)
        if (r->l[i].nt && r->l[i].norm[0])
            return r->l[i].tabbed ? read_grid_tabbed(r, X, from, to) : read_grid_space(r, X, from, to);
    return read_grid_space(r, X, from, to);
}

/* ---- two-sided tables ---- */

