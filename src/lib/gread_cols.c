/* Reading any disclosure (read.h), one side of a table: its columns (from
 * the figures, named by the header words over them) and its rows (codes,
 * wrapped names and figures joined, levels).  See gread.c. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "gread_internal.h"

static int colx_cmp(const void *a, const void *b)
{
    const colx *x = a, *y = b;
    return x->a - y->a;
}

/* a column named by a word printed on one of the lines `cline` marks */
static int sibling(const colx *c, gt *const *tk, const int *line_of, int m, const char *cline)
{
    for (int y = 0; y < m; y++)
        for (int k = 0; k < c->nlab; k++)
            if (c->lab[k] == tk[y]->norm && line_of[y] < 64 && cline[line_of[y]])
                return 1;
    return 0;
}

/* twice the centre of the header words naming a column (its figures' when
 * none) */
static int lab_mid(const colx *c, gt *const *tk, const int *ha, const int *hb, int m)
{
    int a = 1 << 30, b = -1;
    for (int y = 0; y < m; y++)
        for (int k = 0; k < c->nlab; k++)
            if (c->lab[k] == tk[y]->norm) {
                if (ha[y] < a) a = ha[y];
                if (hb[y] > b) b = hb[y];
            }
    return b < 0 ? c->a + c->b : a + b;
}

/* Two figures of one line are two cells: a column holding two (pdftotext
 * prints adjacent cells one space apart, and the runs of overlapping
 * figures of other lines join them) is split between them, where fewest
 * figures of the column cross (in character columns a line's Chinese label
 * shifts its figures a little; a few (a quarter at most) may cross, and go to the half they
 * overlap most).  Without such a place it stays as it was. */
/* figure u is read in column c: it overlaps c at least as much as any other */
static int member(const side *S, int c, const gt *u)
{
    if (u->kind != T_FIG && u->kind != T_PCT)
        return 0;
    int o = yu_gr_overlap(u->a, u->b, S->c[c].a, S->c[c].b);
    if (o <= 0)
        return 0;
    for (int d = 0; d < S->nc; d++)
        if (d != c && yu_gr_overlap(u->a, u->b, S->c[d].a, S->c[d].b) > o)
            return 0;
    return 1;
}

static int crossings(const side *S, int c, gl *body, int nb, int x)
{
    int n = 0;
    for (int j = 0; j < nb; j++)
        for (int q = 0; q < body[j].nt; q++) {
            const gt *u = &body[j].t[q];
            n += u->a < x && u->b > x && member(S, c, u);
        }
    return n;
}

static int split_shared_columns(rd *r, side *S, gl *body, int nb, int *cap)
{
    for (int c = 0; c < S->nc && S->nc < 64; c++) {
        int cut = -1;
        for (int i = 0; i < nb && cut < 0; i++) {
            const gt *prev = NULL;
            for (int k = 0; k < body[i].nt && cut < 0; k++) {
                const gt *t = &body[i].t[k];
                if (!member(S, c, t))
                    continue;
                if (prev) {
                    int best = -1, bn = 1 << 30;
                    for (int x = prev->b; x <= t->a; x++) {
                        int n = crossings(S, c, body, nb, x);
                        if (n < bn) {
                            bn = n;
                            best = x;
                        }
                    }
                    if (best < 0 || bn > (S->c[c].nfig >= 8 ? S->c[c].nfig / 4 : 1))
                        break; /* no clean place on this line: try another */
                    cut = best;
                }
                prev = t;
            }
        }
        if (cut <= S->c[c].a || cut >= S->c[c].b)
            continue;
        if (S->nc == *cap) {
            colx *nc = yu_arena_alloc(r->A, (size_t)*cap * 2 * sizeof *nc);
            if (!nc)
                return -1;
            memcpy(nc, S->c, (size_t)*cap * sizeof *nc);
            S->c = nc;
            *cap *= 2;
        }
        /* the extents of the two halves from the figures either side of the
         * cut; a figure across it goes to the half whose right edge is
         * nearer its own (figures are set flush right in their cells) */
        colx L = S->c[c], R = S->c[c];
        L.a = R.a = 1 << 30;
        L.b = R.b = -1;
        L.nfig = R.nfig = 0;
        for (int pass = 0; pass < 2; pass++)
            for (int j = 0; j < nb; j++)
                for (int q = 0; q < body[j].nt; q++) {
                    const gt *u = &body[j].t[q];
                    int across = u->a < cut && u->b > cut;
                    if (!member(S, c, u) || across != pass)
                        continue;
                    colx *h = !across ? (u->b <= cut ? &L : &R)
                                      : (L.b >= 0 && (R.b < 0 || abs(u->b - L.b) <= abs(u->b - R.b)) ? &L : &R);
                    if (u->a < h->a) h->a = u->a;
                    if (u->b > h->b) h->b = u->b;
                    h->nfig++;
                }
        if (!L.nfig || !R.nfig)
            continue;
        S->c[c] = L;
        S->c[S->nc++] = R;
        c--; /* the left half may hold two of a line still */
    }
    return 0;
}

/* Header words over repeated blocks: the words of one header line, none
 * printed under another word, each centred over a block of columns whose
 * header words below repeat block by block (预算数 | 决算数 over the same
 * 合计 因公出国(境)费 小计 …; 2025年 | 2026年 over the same items).  The
 * blocks meet halfway between the words' centres; the outer ones reach as
 * far out as the inner edge is from the word, and its width more.  Marks
 * the words grp 3 with their blocks [blo, bhi) in doubled positions. */
static void block_groups(gt *const *tk, const int *line_of, const char *inname, const int *ha, const int *hb, int m,
                         int nh, char *grp, int *blo, int *bhi)
{
    for (int h = 0; h < nh; h++) {
        int w[16], k = 0, ok = 1;
        for (int x = 0; x < m && ok; x++) {
            if (line_of[x] != h || inname[x] || tk[x]->kind != T_TEXT)
                continue;
            for (int y = 0; y < m && ok; y++)
                if (line_of[y] < h && !inname[y] && tk[y]->kind == T_TEXT && yu_gr_overlap(ha[x], hb[x], ha[y], hb[y]) > 0)
                    ok = 0;
            if (k == 16)
                ok = 0;
            else
                w[k++] = x;
        }
        if (!ok || k < 2)
            continue;
        for (int i = 1; i < k; i++)
            for (int j = i; j > 0 && ha[w[j]] < ha[w[j - 1]]; j--) {
                int t = w[j]; w[j] = w[j - 1]; w[j - 1] = t;
            }
        int lo[16], hi[16];
        for (int i = 0; i < k; i++) {
            int c = ha[w[i]] + hb[w[i]], wd = hb[w[i]] - ha[w[i]];
            hi[i] = i + 1 < k ? (c + ha[w[i + 1]] + hb[w[i + 1]]) / 2 : 2 * c - lo[i - 1] + wd;
            lo[i] = i ? hi[i - 1] : 2 * c - hi[i] - wd;
        }
        /* the words under each block, line by line, left to right (tokens
         * are in that order): the same in every block, two at least */
        int n0 = -1, same = 1;
        for (int i = 0; i < k && same; i++) {
            int n = 0, y0 = 0;
            for (int y = 0; y < m && same; y++) {
                int c = ha[y] + hb[y];
                if (line_of[y] <= h || inname[y] || tk[y]->kind != T_TEXT || c < lo[i] || c >= hi[i])
                    continue;
                if (i) {
                    /* the n-th word of the first block */
                    for (; y0 < m; y0++) {
                        int c0 = ha[y0] + hb[y0];
                        if (line_of[y0] > h && !inname[y0] && tk[y0]->kind == T_TEXT && c0 >= lo[0] && c0 < hi[0])
                            break;
                    }
                    if (y0 >= m || line_of[y0] != line_of[y] || strcmp(tk[y0]->norm, tk[y]->norm))
                        same = 0;
                    y0++;
                }
                n++;
            }
            if (!i)
                n0 = n;
            else if (n != n0)
                same = 0;
        }
        if (!same || n0 < 2)
            continue;
        for (int i = 0; i < k; i++) {
            grp[w[i]] = 3;
            blo[w[i]] = lo[i];
            bhi[w[i]] = hi[i];
        }
        return;
    }
}

/* figure columns of one side: connected runs of horizontally overlapping
 * figures; then header words over no figure as blank columns */
static int find_columns(rd *r, side *S, gl *body, int nb, gl *hdr, int nh, int name_end)
{
    int cap = 16;
    S->c = yu_arena_alloc(r->A, (size_t)cap * sizeof *S->c);
    if (!S->c)
        return -1;
    S->nc = 0;
    for (int i = 0; i < nb; i++)
        for (int k = 0; k < body[i].nt; k++) {
            gt *t = &body[i].t[k];
            if (t->kind != T_FIG && t->kind != T_PCT)
                continue;
            int hit = -1;
            for (int c = 0; c < S->nc; c++)
                if (yu_gr_overlap(t->a, t->b, S->c[c].a, S->c[c].b) > 0) {
                    if (hit < 0) {
                        hit = c;
                        if (t->a < S->c[c].a)
                            S->c[c].a = t->a;
                        if (t->b > S->c[c].b)
                            S->c[c].b = t->b;
                        S->c[c].nfig++;
                    } else {
                        /* the figure joins two runs: one column */
                        if (S->c[c].a < S->c[hit].a)
                            S->c[hit].a = S->c[c].a;
                        if (S->c[c].b > S->c[hit].b)
                            S->c[hit].b = S->c[c].b;
                        S->c[hit].nfig += S->c[c].nfig;
                        S->c[c] = S->c[--S->nc];
                        c--;
                    }
                }
            if (hit < 0) {
                if (S->nc == cap) {
                    colx *nc = yu_arena_alloc(r->A, (size_t)cap * 2 * sizeof *nc);
                    if (!nc)
                        return -1;
                    memcpy(nc, S->c, (size_t)cap * sizeof *nc);
                    S->c = nc;
                    cap *= 2;
                }
                colx *c = &S->c[S->nc++];
                memset(c, 0, sizeof *c);
                c->a = t->a;
                c->b = t->b;
                c->nfig = 1;
            }
        }
    /* merging can leave runs that now overlap: settle */
    for (int again = 1; again;) {
        again = 0;
        for (int x = 0; x < S->nc && !again; x++)
            for (int y = x + 1; y < S->nc && !again; y++)
                if (yu_gr_overlap(S->c[x].a, S->c[x].b, S->c[y].a, S->c[y].b) > 0) {
                    if (S->c[y].a < S->c[x].a)
                        S->c[x].a = S->c[y].a;
                    if (S->c[y].b > S->c[x].b)
                        S->c[x].b = S->c[y].b;
                    S->c[x].nfig += S->c[y].nfig;
                    S->c[y] = S->c[--S->nc];
                    again = 1;
                }
    }
    if (split_shared_columns(r, S, body, nb, &cap))
        return -1;
    /* header words: a word over two figure columns with words of its own
     * below is a group; the others stack by overlap (a label wrapped over
     * lines is one stack); a stack over a figure column names it, a stack
     * over none is a column left blank all the way down */
    int first_fig = 1 << 30;
    for (int c = 0; c < S->nc; c++)
        if (S->c[c].a < first_fig)
            first_fig = S->c[c].a;
    int nfigc = S->nc;
    int ntok = 0;
    for (int h = 0; h < nh; h++)
        ntok += hdr[h].nt;
    int *par = malloc((size_t)(ntok + 1) * sizeof *par), *line_of = malloc((size_t)(ntok + 1) * sizeof *line_of);
    gt **tk = malloc((size_t)(ntok + 1) * sizeof *tk);
    char *grp = calloc((size_t)ntok + 1, 1);
    if (!par || !line_of || !tk || !grp) {
        free(par);
        free(line_of);
        free(tk);
        free(grp);
        return -1;
    }
    int m = 0;
    char *inname = calloc((size_t)ntok + 1, 1);
    if (!inname) {
        free(par), free(line_of), free(tk), free(grp);
        return -1;
    }
    /* ha also holds the blocks of words over repeated blocks (blo, bhi) */
    int *ha = malloc((size_t)(ntok + 1) * 3 * sizeof *ha), *hb = malloc((size_t)(ntok + 1) * sizeof *hb);
    char *centred = calloc((size_t)ntok + 1, 1); /* a group found centred over its middle cell */
    if (!ha || !hb || !centred) {
        free(par), free(line_of), free(tk), free(grp), free(inname), free(ha), free(hb), free(centred);
        return -1;
    }
    int *blo = ha + ntok + 1, *bhi = blo + ntok + 1;
    for (int h = 0; h < nh; h++)
        for (int k = 0; k < hdr[h].nt; k++) {
            gt *t = &hdr[h].t[k];
            inname[m] = first_fig < (1 << 30) ? t->b <= first_fig - 1 && t->b <= name_end + 1 : t->b <= name_end + 1;
            tk[m] = t;
            line_of[m] = h;
            par[m] = m;
            /* in character columns a word starts where it is printed and is
             * as wide as its display width (a Chinese character is as wide
             * as two figures but counts one column) */
            ha[m] = t->a;
            hb[m] = t->b;
            if (r->charcols) {
                int w = yu_utf8_width(t->s);
                if (t->a + w > hb[m])
                    hb[m] = t->a + w;
            }
            m++;
        }
    block_groups(tk, line_of, inname, ha, hb, m, nh, grp, blo, bhi);
    for (int x = 0; x < m; x++) {
        if (grp[x] == 3)
            continue;
        int over = 0;
        for (int c = 0; c < nfigc; c++)
            over += yu_gr_overlap(ha[x], hb[x], S->c[c].a, S->c[c].b) > 0;
        /* a group has two words side by side under it, on one line */
        int below = 0;
        for (int h = line_of[x] + 1; h < nh && below < 2; h++) {
            int on = 0;
            for (int y = 0; y < m; y++)
                on += line_of[y] == h && yu_gr_overlap(ha[x], hb[x], ha[y], hb[y]) > 0;
            if (on > below)
                below = on;
        }
        /* … or two words under it on different lines, side by side (a label
         * centred over two rows beside one printed with the row below) */
        for (int y = 0; y < m && below < 2; y++)
            if (line_of[y] > line_of[x] && !inname[y] && yu_gr_overlap(ha[x], hb[x], ha[y], hb[y]) > 0)
                for (int z = 0; z < m && below < 2; z++)
                    if (line_of[z] > line_of[x] && line_of[z] != line_of[y] && !inname[z] &&
                        yu_gr_overlap(ha[x], hb[x], ha[z], hb[z]) > 0 && yu_gr_overlap(ha[y], hb[y], ha[z], hb[z]) <= 0)
                        below = 2;
        /* … or one word under it whose neighbours on its line have no word
         * above them and stand about as far on either side (a label centred
         * over three cells, narrower than they: 公务用车购置及运行费 over 小计
         * 购置费 运行费) */
        for (int y = 0; y < m && below < 2; y++) {
            if (line_of[y] <= line_of[x] || inname[y] || yu_gr_overlap(ha[x], hb[x], ha[y], hb[y]) <= 0)
                continue;
            int zl = -1, zr = -1;
            for (int z = 0; z < m; z++)
                if (line_of[z] == line_of[y] && z != y && !inname[z]) {
                    if (hb[z] <= ha[y] && (zl < 0 || hb[z] > hb[zl]))
                        zl = z;
                    if (ha[z] >= hb[y] && (zr < 0 || ha[z] < ha[zr]))
                        zr = z;
                }
            if (zl < 0 || zr < 0)
                continue;
            /* (a group above them, found first, spans them anyway) */
            int orphan = 1;
            for (int w = 0; w < m && orphan; w++)
                if (line_of[w] < line_of[y] && w != x && grp[w] != 1 && grp[w] != 3 &&
                    (yu_gr_overlap(ha[w], hb[w], ha[zl], hb[zl]) > 0 || yu_gr_overlap(ha[w], hb[w], ha[zr], hb[zr]) > 0))
                    orphan = 0;
            int cx = ha[x] + hb[x], cm = (ha[zl] + hb[zl] + ha[zr] + hb[zr]) / 2;
            if (orphan && abs(cx - cm) <= (hb[y] - ha[y]) && abs(cx - (ha[y] + hb[y])) <= (hb[y] - ha[y])) {
                below = 2;
                centred[x] = 1;
            }
        }
        grp[x] = !inname[x] && (below >= 2 || (over >= 2 && below >= 1));
        if (inname[x])
            grp[x] = 2; /* a word over the names: neither group nor column */
    }
    for (int x = 0; x < m; x++)
        for (int y = x + 1; y < m; y++)
            if (!grp[x] && !grp[y] && line_of[x] != line_of[y] && yu_gr_overlap(ha[x], hb[x], ha[y], hb[y]) > 0) {
                int rx = x, ry = y;
                while (par[rx] != rx)
                    rx = par[rx];
                while (par[ry] != ry)
                    ry = par[ry];
                if (rx != ry)
                    par[ry] = rx;
            }
    /* stacks over a figure column name it; the others are matched in order
     * to the figure columns no word stands over (a header centred over
     * figures set to the right of their cell), nearest first; a stack left
     * over is a column blank all the way down */
    int *pend = malloc((size_t)(m + 1) * sizeof *pend), *pa = malloc((size_t)(m + 1) * sizeof *pa),
        *pb = malloc((size_t)(m + 1) * sizeof *pb), *pbot = malloc((size_t)(m + 1) * sizeof *pbot),
        *pcol = malloc((size_t)(m + 1) * sizeof *pcol);
    int np = 0;
    if (!pend || !pa || !pb || !pbot || !pcol) {
        free(pend), free(pa), free(pb), free(pbot), free(pcol);
        free(par), free(line_of), free(tk), free(grp), free(inname), free(ha), free(hb), free(centred);
        return -1;
    }
    for (int x = 0; x < m; x++) {
        if (grp[x] || par[x] != x)
            continue;
        /* the stack rooted at x: its extent, and the figure column it is over */
        int a = 1 << 30, b = -1, bottom = -1;
        for (int y = 0; y < m; y++) {
            int ry = y;
            while (par[ry] != ry)
                ry = par[ry];
            if (ry == x && !grp[y]) {
                if (ha[y] < a)
                    a = ha[y];
                if (hb[y] > b)
                    b = hb[y];
                if (line_of[y] > bottom)
                    bottom = line_of[y];
            }
        }
        int best = -1, bo = 0;
        for (int c = 0; c < S->nc; c++) {
            int o = yu_gr_overlap(a, b, S->c[c].a, S->c[c].b);
            if (o > bo) {
                bo = o;
                best = c;
            }
        }
        pend[np] = x;
        pa[np] = a;
        pb[np] = b;
        pbot[np] = bottom;
        pcol[np++] = best;
    }
    /* the figure columns no word stands over */
    int *fc = malloc((size_t)(nfigc + 1) * sizeof *fc), nf = 0;
    if (!fc) {
        free(pend), free(pa), free(pb), free(pbot), free(pcol);
        free(par), free(line_of), free(tk), free(grp), free(inname), free(ha), free(hb), free(centred);
        return -1;
    }
    for (int c = 0; c < nfigc; c++) {
        int labelled = S->c[c].nlab > 0;
        for (int k = 0; k < np && !labelled; k++)
            labelled = pcol[k] == c;
        for (int y = 0; y < m && !labelled; y++)
            labelled = !grp[y] && yu_gr_overlap(ha[y], hb[y], S->c[c].a, S->c[c].b) > 0;
        if (!labelled)
            fc[nf++] = c;
    }
    /* order both by position (insertion sorts: a handful each) */
    for (int i = 1; i < nf; i++)
        for (int j = i; j > 0 && S->c[fc[j]].a < S->c[fc[j - 1]].a; j--) {
            int t = fc[j]; fc[j] = fc[j - 1]; fc[j - 1] = t;
        }
    int *uo = malloc((size_t)(np + 1) * sizeof *uo), nu = 0;
    if (!uo) {
        free(fc), free(pend), free(pa), free(pb), free(pbot), free(pcol);
        free(par), free(line_of), free(tk), free(grp), free(inname), free(ha), free(hb), free(centred);
        return -1;
    }
    for (int k = 0; k < np; k++)
        if (pcol[k] < 0)
            uo[nu++] = k;
    for (int i = 1; i < nu; i++)
        for (int j = i; j > 0 && pa[uo[j]] + pb[uo[j]] < pa[uo[j - 1]] + pb[uo[j - 1]]; j--) {
            int t = uo[j]; uo[j] = uo[j - 1]; uo[j - 1] = t;
        }
    if (nu && nf) {
        /* dp[i][j]: best score matching the first i stacks with the first j
         * columns; a match scores high less its distance */
        long *dp = malloc((size_t)(nu + 1) * (size_t)(nf + 1) * sizeof *dp);
        if (dp) {
#define DP(i, j) dp[(size_t)(i) * (size_t)(nf + 1) + (size_t)(j)]
            for (int i = 0; i <= nu; i++)
                for (int j = 0; j <= nf; j++) {
                    long v = 0;
                    if (i && DP(i - 1, j) > v)
                        v = DP(i - 1, j);
                    if (j && DP(i, j - 1) > v)
                        v = DP(i, j - 1);
                    if (i && j) {
                        int k = uo[i - 1];
                        const colx *c = &S->c[fc[j - 1]];
                        int dd = c->a >= pb[k] ? c->a - pb[k] : pa[k] >= c->b ? pa[k] - c->b : 0;
                        int dc = abs((c->a + c->b) - (pa[k] + pb[k])) / 2;
                        /* figures are set flush right or centred: a label
                         * centred right of a column's figures is not its own */
                        int past = (pa[k] + pb[k]) / 2 - c->b;
                        int pen = past > 1 ? 40 * past : 0;
                        if (dd <= 2 * (pb[k] - pa[k]) + 4 && DP(i - 1, j - 1) + 10000 - 4 * dd - dc - pen > v)
                            v = DP(i - 1, j - 1) + 10000 - 4 * dd - dc - pen;
                    }
                    DP(i, j) = v;
                }
            for (int i = nu, j = nf; i > 0 && j > 0;) {
                if (DP(i, j) == DP(i - 1, j))
                    i--;
                else if (DP(i, j) == DP(i, j - 1))
                    j--;
                else {
                    pcol[uo[i - 1]] = fc[j - 1];
                    i--;
                    j--;
                }
            }
#undef DP
            free(dp);
        }
    }
    free(uo);
    free(fc);
    for (int k = 0; k < np; k++) {
        int x = pend[k], best = pcol[k];
        /* words over no figure make a blank column only if they reach the
         * header's last lines (a title over a side or a group does not) */
        if (best < 0 && pbot[k] < (nh >= 4 ? nh - 2 : nh - 1))
            continue;
        if (best < 0) {
            if (S->nc == cap) {
                colx *nc = yu_arena_alloc(r->A, (size_t)cap * 2 * sizeof *nc);
                if (!nc) {
                    free(pend), free(pa), free(pb), free(pbot), free(pcol);
                    free(par), free(line_of), free(tk), free(grp), free(inname), free(ha), free(hb), free(centred);
                    return -1;
                }
                memcpy(nc, S->c, (size_t)cap * sizeof *nc);
                S->c = nc;
                cap *= 2;
            }
            best = S->nc++;
            memset(&S->c[best], 0, sizeof S->c[best]);
            S->c[best].a = pa[k];
            S->c[best].b = pb[k];
        }
        for (int y = 0; y < m; y++) {
            int ry = y;
            while (par[ry] != ry)
                ry = par[ry];
            if (ry == x && !grp[y] && S->c[best].nlab < 8)
                S->c[best].lab[S->c[best].nlab++] = tk[y]->norm;
        }
    }
    free(pend), free(pa), free(pb), free(pbot), free(pcol);
    /* a group names the columns whose words stand under it, and those
     * between; the lowest groups first (the nearest parent names a column) */
    for (int gl_ = nh - 1; gl_ >= 0; gl_--)
    for (int x = 0; x < m; x++) {
        if (!grp[x] || grp[x] == 3 || line_of[x] != gl_)
            continue;
        /* it stays inside the block it stands in */
        int bl = -(1 << 30), bh = 1 << 30;
        for (int y = 0; y < m; y++)
            if (grp[y] == 3 && ha[x] + hb[x] >= blo[y] && ha[x] + hb[x] < bhi[y])
                bl = blo[y], bh = bhi[y];
        int lo = 1 << 30, hi = -1;
        for (int c = 0; c < S->nc; c++) {
            int under = yu_gr_overlap(ha[x], hb[x], S->c[c].a, S->c[c].b) > 0;
            for (int y = 0; y < m && !under; y++)
                if (!grp[y] && line_of[y] > line_of[x] && yu_gr_overlap(ha[x], hb[x], ha[y], hb[y]) > 0)
                    for (int k = 0; k < S->c[c].nlab && !under; k++)
                        under = S->c[c].lab[k] == tk[y]->norm;
            if (under) {
                if (S->c[c].a < lo)
                    lo = S->c[c].a;
                if (S->c[c].b > hi)
                    hi = S->c[c].b;
            }
        }
        /* a label is centred over the cells it spans: a column beside them
         * that its words do not reach (小计 printed left of 公务用车购置及
         * 运行费) is one of them while the span stays about centred on it */
        int mid = ha[x] + hb[x];
        /* its children print on the lines of the words under it */
        char cline[64] = {0};
        for (int y = 0; y < m; y++)
            if (!grp[y] && line_of[y] > line_of[x] && line_of[y] < 64 && yu_gr_overlap(ha[x], hb[x], ha[y], hb[y]) > 0)
                cline[line_of[y]] = 1;
        for (int grew = hi >= 0, first = 1; grew; first = 0) {
            grew = 0;
            int l = -1, rr = -1, il = -1, ir = -1;
            for (int c = 0; c < S->nc; c++) {
                if (S->c[c].b <= lo && (l < 0 || S->c[c].b > S->c[l].b))
                    l = c;
                if (S->c[c].a >= hi && (rr < 0 || S->c[c].a < S->c[rr].a))
                    rr = c;
                if (S->c[c].a >= lo && S->c[c].b <= hi) {
                    if (il < 0 || S->c[c].a < S->c[il].a)
                        il = c;
                    if (ir < 0 || S->c[c].b > S->c[ir].b)
                        ir = c;
                }
            }
            int okl = l >= 0 && !S->c[l].grp && S->c[l].a + S->c[l].b >= bl && sibling(&S->c[l], tk, line_of, m, cline);
            int okr = rr >= 0 && !S->c[rr].grp && S->c[rr].a + S->c[rr].b < bh && sibling(&S->c[rr], tk, line_of, m, cline);
            int lc = il >= 0 ? lab_mid(&S->c[il], tk, ha, hb, m) : mid, rc = ir >= 0 ? lab_mid(&S->c[ir], tk, ha, hb, m) : mid;
            int now = abs(lc + rc - 2 * mid);
            if (first && il == ir && centred[x] && okl && okr &&
                abs(lab_mid(&S->c[l], tk, ha, hb, m) + lab_mid(&S->c[rr], tk, ha, hb, m) - 2 * mid) <= hb[x] - ha[x]) {
                /* the columns on either side of the one it is over, about as
                 * far from its centre */
                lo = S->c[l].a;
                hi = S->c[rr].b;
                grew = 1;
            } else if (okl && (mid - 2 * S->c[l].a <= 2 * hi - mid ||
                               (centred[x] && abs(lab_mid(&S->c[l], tk, ha, hb, m) + rc - 2 * mid) < now))) {
                lo = S->c[l].a;
                grew = 1;
            } else if (okr && (2 * S->c[rr].b - mid <= mid - 2 * lo ||
                               (centred[x] && abs(lc + lab_mid(&S->c[rr], tk, ha, hb, m) - 2 * mid) < now))) {
                hi = S->c[rr].b;
                grew = 1;
            }
        }
        for (int c = 0; c < S->nc; c++)
            if (!S->c[c].grp && S->c[c].a >= lo && S->c[c].b <= hi)
                S->c[c].grp = tk[x]->norm;
    }
    for (int x = 0; x < m; x++)
        for (int c = 0; c < S->nc && grp[x] == 3; c++)
            if (S->c[c].a + S->c[c].b >= blo[x] && S->c[c].a + S->c[c].b < bhi[x])
                S->c[c].top = tk[x]->norm;
    free(par);
    free(line_of);
    free(tk);
    free(grp);
    free(inname);
    free(ha);
    free(hb);
    free(centred);
    /* header words left of every figure (类 款 项 over split codes) stand
     * over the names, not over a column of money */
    for (int c = 0; c < S->nc;) {
        if (!S->c[c].nfig && first_fig < (1 << 30) && S->c[c].b <= first_fig) {
            S->c[c] = S->c[--S->nc];
            continue;
        }
        c++;
    }
    qsort(S->c, (size_t)S->nc, sizeof *S->c, colx_cmp);
    return 0;
}

/* places a figure token in the column it overlaps most, or the nearest */
static int place_col(const side *S, const gt *t)
{
    int best = -1, bo = 0;
    for (int c = 0; c < S->nc; c++) {
        int o = yu_gr_overlap(t->a, t->b, S->c[c].a, S->c[c].b);
        if (o > bo) {
            bo = o;
            best = c;
        }
    }
    if (best >= 0)
        return best;
    int tc = (t->a + t->b) / 2, bd = 1 << 30;
    for (int c = 0; c < S->nc; c++) {
        int cc = (S->c[c].a + S->c[c].b) / 2, dd = abs(cc - tc);
        if (dd < bd) {
            bd = dd;
            best = c;
        }
    }
    return bd <= 6 ? best : -1;
}

/* joins a figure wrapped inside its cell (21,118.5 above the row, 1 below) */
static void join_wrapped_figures(rd *r, gl *body, int nb, int typdec)
{
    for (int i = 0; i + 1 < nb; i++) {
        gl *P = &body[i];
        for (int k = 0; k < P->nt; k++) {
            gt *t = &P->t[k];
            if (t->kind != T_FIG || t->dec >= typdec || !strpbrk(t->norm, ".,"))
                continue;
            /* the tail: digits only, within two lines below, ending near t */
            for (int j = i + 1; j <= i + 2 && j < nb; j++) {
                if (body[j].li - P->li > 2)
                    break;
                gl *Q = &body[j];
                for (int q = 0; q < Q->nt; q++) {
                    gt *u = &Q->t[q];
                    if (!yu_only_digits(u->norm) || strlen(u->norm) > 2 || yu_gr_overlap(t->a, t->b + 4, u->a, u->b) <= 0)
                        continue;
                    char *s = yu_arena_printf(r->A, "%s%s", t->norm, u->norm);
                    int64_t v;
                    int dec;
                    if (!s || !yu_parse_figure(s, &v, &dec))
                        continue;
                    t->s = t->norm = s;
                    t->v = v;
                    t->dec = dec;
                    if (u->b > t->b)
                        t->b = u->b;
                    memmove(u, u + 1, (size_t)(Q->nt - q - 1) * sizeof *u);
                    Q->nt--;
                    /* the figure belongs to the row printed between its parts */
                    if (j == i + 2 && body[i + 1].li == P->li + 1 && body[i + 1].nt && body[i + 1].t[0].kind == T_TEXT) {
                        gl *R = &body[i + 1];
                        gt moved = *t;
                        memmove(t, t + 1, (size_t)(P->nt - k - 1) * sizeof *t);
                        P->nt--;
                        k--;
                        if (R->nt == R->cap) {
                            int nc = R->cap ? R->cap * 2 : 8;
                            gt *nt = yu_arena_alloc(r->A, (size_t)nc * sizeof *nt);
                            if (!nt)
                                return;
                            memcpy(nt, R->t, (size_t)R->nt * sizeof *nt);
                            R->t = nt;
                            R->cap = nc;
                        }
                        int at = R->nt;
                        while (at > 0 && R->t[at - 1].a > moved.a)
                            at--;
                        memmove(&R->t[at + 1], &R->t[at], (size_t)(R->nt - at) * sizeof *R->t);
                        R->t[at] = moved;
                        R->nt++;
                    }
                    j = i + 3;
                    break;
                }
            }
        }
    }
}

/* splits a code off the front of a name: "[201]…", "201…", "201 01 01" */
const char *yu_gr_split_code(const char *name, char *code)
{
    const char *p = name;
    if (*p == '[') {
        const char *q = strchr(p, ']');
        if (q && q - p - 1 >= 3 && q - p - 1 < 12) {
            char tmp[12];
            memcpy(tmp, p + 1, (size_t)(q - p - 1));
            tmp[q - p - 1] = 0;
            if (yu_only_digits(tmp)) {
                snprintf(code, 12, "%s", tmp);
                return q + 1;
            }
        }
        return name;
    }
    size_t d = 0;
    while (isdigit((unsigned char)p[d]))
        d++;
    /* digits then a Chinese name; not a year (2026年) nor a count (12个) */
    if (d >= 3 && d <= 9 && ((unsigned char)p[d] >= 0x80 || p[d] == 0) && !yu_gr_starts(p + d, "年") &&
        !yu_gr_starts(p + d, "个") && !yu_gr_starts(p + d, "项") && !yu_gr_starts(p + d, "人")) {
        memcpy(code, p, d);
        code[d] = 0;
        return p + d;
    }
    return name;
}

int yu_gr_total_row(const yu_vocab *v, const char *name)
{
    const char *c = yu_vocab_match(v, "row", name);
    return c && strcmp(c, "subtotal") != 0 && strcmp(c, "group") != 0;
}

/* reads the body lines of one side into rows of T */
static int read_side_rows(rd *r, side *S, gl *body, int nb, prow **out, int *nout)
{
    prow *P = yu_arena_alloc(r->A, (size_t)(nb + 1) * sizeof *P);
    if (!P)
        return -1;
    int np = 0;
    int first_val = 1 << 30;
    for (int c = 0; c < S->nc; c++)
        if (S->c[c].a < first_val)
            first_val = S->c[c].a;
    for (int i = 0; i < nb; i++) {
        gl *g = &body[i];
        if (!g->nt)
            continue;
        prow *p = &P[np];
        memset(p, 0, sizeof *p);
        p->li = g->li;
        p->tabrow = r->X.l[g->li].tabbed >= 2;
        yu_buf nm;
        yu_buf_init(&nm, 0);
        int k = 0;
        /* names: text (and codes) left of the first value column */
        for (; k < g->nt; k++) {
            gt *t = &g->t[k];
            if (t->kind != T_TEXT && !(t->kind == T_FIG && yu_gr_code_like(t->norm) && t->b <= first_val))
                break;
            if (t->kind == T_TEXT && t->a >= first_val - 1 && (nm.len || p->code[0] || first_val > 0))
                break; /* text under the value columns is a cell (绩效目标), not a name */
            if (t->kind == T_FIG || (yu_only_digits(t->norm) && strlen(t->norm) <= 9)) {
                /* a code, or a part of a split code (201 01 01) */
                size_t cl = strlen(p->code), tl = strlen(t->norm);
                if (!nm.len && cl + tl < sizeof p->code) {
                    memcpy(p->code + cl, t->norm, tl + 1);
                    continue;
                }
            }
            if (!nm.len)
                p->indent = t->a;
            yu_buf_puts(&nm, t->norm);
        }
        p->name = nm.len ? yu_arena_strndup(r->A, nm.p, nm.len) : NULL;
        yu_buf_free(&nm);
        if (p->name && !p->code[0]) {
            const char *rest = yu_gr_split_code(p->name, p->code);
            p->name = *rest ? rest : NULL;
        }
        /* the last part of a split code printed against its name (208 05 05机关事业单位…) */
        size_t pcl = strlen(p->code);
        if (p->name && (pcl == 3 || pcl == 5) && isdigit((unsigned char)p->name[0]) &&
            isdigit((unsigned char)p->name[1])) {
            const char *rest = p->name + 2;
            while (*rest == ' ')
                rest++;
            if ((unsigned char)*rest >= 0x80 && !yu_gr_starts(rest, "年") && !yu_gr_starts(rest, "个") &&
                !yu_gr_starts(rest, "项") && !yu_gr_starts(rest, "人")) {
                memcpy(p->code + pcl, p->name, 2);
                p->code[pcl + 2] = 0;
                p->name = rest;
            }
        }
        if (p->name) {
            size_t nl, qz = yu_gr_starts(p->name, "其中:") ? strlen("其中:") : 0;
            p->numlevel = yu_gr_numbering(p->name + qz, &nl);
            if (p->numlevel)
                p->number = yu_arena_strndup(r->A, p->name, nl + qz);
        }
        for (; k < g->nt && p->nvals < 64; k++)
            p->vals[p->nvals++] = &g->t[k];
        for (int q = 0; q < p->nvals; q++)
            if (p->vals[q]->kind != T_TEXT)
                p->hasfig = 1;
        np++;
    }
    /* names wrapped: a line of name only joins the row of figures without
     * a name beside it, or continues the long name of the row before */
    int maxw = 0;
    for (int i = 0; i < np; i++)
        if (P[i].name) {
            int w = P[i].indent + yu_utf8_width(P[i].name);
            if (w > maxw)
                maxw = w;
        }
    for (int i = 0; i < np; i++)
        if (P[i].name)
            P[i].name_long = (P[i].indent + yu_utf8_width(P[i].name) >= maxw - 3 && yu_gr_cjk_len(P[i].name) >= 6) ||
                             (P[i].indent + yu_utf8_width(P[i].name) >= maxw - 1 && yu_gr_cjk_len(P[i].name) >= 4);
    /* a line of text cells only (a long 绩效目标 wrapped) goes on the
     * row above */
    {
        int w2 = 0;
        for (int i = 0; i < np; i++) {
            prow *p = &P[i];
            int textonly = !p->name && !p->code[0] && !p->hasfig && p->nvals;
            if (textonly && w2 > 0) {
                for (int q = 0; q < p->nvals && P[w2 - 1].nvals < 64; q++)
                    P[w2 - 1].vals[P[w2 - 1].nvals++] = p->vals[q];
                continue;
            }
            P[w2++] = *p;
        }
        np = w2;
    }
    /* a line of name only (no figure, code, number or total word) is a
     * piece of a wrapped name unless no row near it is open to it: a row
     * whose line has no name of its own, whose name fills the column (it
     * goes on below), or that took a piece from above.  Names are
     * vertically centred beside their figures, so a piece goes to the
     * nearer open row (up on a tie); a piece near no open row is a row of
     * its own left blank (一般公共预算 under 一、财政拨款). */
    char *frag = calloc((size_t)np + 1, 1), *open_up = calloc((size_t)np + 1, 1), *open_down = calloc((size_t)np + 1, 1);
    int *dest = malloc(((size_t)np + 1) * sizeof *dest);
    if (!frag || !open_up || !open_down || !dest) {
        free(frag), free(open_up), free(open_down), free(dest);
        return -1;
    }
    /* (pieces are joined below; rows keep their own order) */
    for (int i = 0; i < np; i++) {
        prow *p = &P[i];
        frag[i] = !p->hasfig && !p->code[0] && p->name && !p->numlevel && !p->tabrow && !yu_gr_total_row(r->v, p->name);
        /* open to pieces below it / above it */
        open_down[i] = !frag[i] && (!p->name || p->name_long);
        open_up[i] = !frag[i] && (!p->name || p->name_long);
        dest[i] = i;
    }
    for (int i = 0; i < np; i++) {
        if (!frag[i])
            continue;
        int up = -1, down = -1;
        for (int k = i - 1; k >= 0; k--)
            if (!frag[k]) {
                up = k;
                break;
            }
        for (int k = i + 1; k < np; k++)
            if (!frag[k]) {
                down = k;
                break;
            }
        int du = up >= 0 ? P[i].li - P[up].li : 1 << 30, dd = down >= 0 ? P[down].li - P[i].li : 1 << 30;
        /* a piece goes before a row's own name only if it is not set further
         * left than that name (continuation lines hang left; a name starts
         * where names start) */
        int ou = up >= 0 && open_down[up] && du <= 3, od = down >= 0 && open_up[down] && dd <= 3;
        /* when the row above could take it too, a piece set further left
         * than the own name of the row below is not that name's beginning */
        if (ou && od && P[down].name && P[i].indent < P[down].indent - 1)
            od = 0;
        int go_up = ou && (!od || du < dd);
        if (ou && od && du == dd) {
            /* a tie: a row of figures without a name of its own takes the
             * piece before a named row does; a piece set further right
             * than the piece above it starts a new name */
            if (!P[down].name && P[up].name)
                go_up = 0;
            else if (i > 0 && frag[i - 1] && P[i].indent > P[i - 1].indent + 1)
                go_up = 0;
            else
                go_up = 1;
        }
        if (go_up)
            dest[i] = up;
        else if (od)
            dest[i] = down;
        if (dest[i] == down)
            open_down[down] = 1; /* its name began above: the rest may follow below */
    }
    /* each row: the pieces above it, its own name, the pieces below it */
    for (int t = 0; t < np; t++) {
        if (frag[t])
            continue;
        int any = 0, first = -1;
        for (int k = 0; k < np; k++)
            if (frag[k] && dest[k] == t) {
                any = 1;
                if (k < t && first < 0)
                    first = k;
            }
        if (!any)
            continue;
        yu_buf nb;
        yu_buf_init(&nb, 0);
        for (int k = 0; k < t; k++)
            if (frag[k] && dest[k] == t)
                yu_buf_puts(&nb, P[k].name);
        if (P[t].name)
            yu_buf_puts(&nb, P[t].name);
        for (int k = t + 1; k < np; k++)
            if (frag[k] && dest[k] == t)
                yu_buf_puts(&nb, P[k].name);
        /* text cells printed beside the pieces (a wrapped 绩效目标) */
        for (int k = 0; k < np; k++)
            if (frag[k] && dest[k] == t)
                for (int q = 0; q < P[k].nvals && P[t].nvals < 64; q++)
                    P[t].vals[P[t].nvals++] = P[k].vals[q];
        P[t].name = yu_arena_strndup(r->A, nb.p ? nb.p : "", nb.len);
        yu_buf_free(&nb);
        if (first >= 0) {
            P[t].li = P[first].li;
            P[t].indent = P[first].indent;
        }
        if (!P[t].name)
            return -1;
    }
    int w = 0;
    for (int i = 0; i < np; i++)
        if (!frag[i] || dest[i] == i)
            P[w++] = P[i];
    np = w;
    /* a line of figures without a name and the line of a name (a total, a
     * numbered line) without figures next to it are one row */
    for (int i = 0; i < np; i++) {
        if (P[i].name || P[i].code[0] || !P[i].hasfig)
            continue;
        int j = -1;
        if (i + 1 < np && P[i + 1].name && !P[i + 1].hasfig && !P[i + 1].code[0] && P[i + 1].li - P[i].li <= 1)
            j = i + 1;
        else if (i > 0 && P[i - 1].name && !P[i - 1].hasfig && !P[i - 1].code[0] && P[i].li - P[i - 1].li <= 1)
            j = i - 1;
        if (j < 0)
            continue;
        P[j].hasfig = 1;
        for (int q = 0; q < P[i].nvals && P[j].nvals < 64; q++)
            P[j].vals[P[j].nvals++] = P[i].vals[q];
        memmove(&P[i], &P[i + 1], (size_t)(np - i - 1) * sizeof *P);
        np--;
        i--;
    }
    free(frag), free(open_up), free(open_down), free(dest);
    *out = P;
    *nout = np;
    return 0;
}

static yu_grow *new_row(rd *r, yu_gtable *T, size_t *cap)
{
    if (T->nrows == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        yu_grow *nr = yu_arena_alloc(r->A, nc * sizeof *nr);
        if (!nr)
            return NULL;
        if (T->nrows)
            memcpy(nr, T->rows, T->nrows * sizeof *nr);
        T->rows = nr;
        *cap = nc;
    }
    yu_grow *row = &T->rows[T->nrows++];
    memset(row, 0, sizeof *row);
    return row;
}

static int typical_dec(gl *body, int nb)
{
    int cnt[3] = {0, 0, 0};
    for (int i = 0; i < nb; i++)
        for (int k = 0; k < body[i].nt; k++)
            if (body[i].t[k].kind == T_FIG && body[i].t[k].dec <= 2 && strpbrk(body[i].t[k].norm, ".,"))
                cnt[body[i].t[k].dec]++;
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (cnt[k] > cnt[best])
            best = k;
    return best;
}


/* how many figures of lines [from, to) end on the right edge of a column
 * of S (figures are set flush right) once moved by x' = x * sc / 1000 + off;
 * two on one column of a line count once */
static int fit_score(const side *S, gl *body, int from, int to, int sc, int off)
{
    int score = 0;
    for (int i = from; i < to; i++) {
        unsigned long long used = 0;
        for (int k = 0; k < body[i].nt; k++) {
            const gt *t = &body[i].t[k];
            if (t->kind != T_FIG)
                continue;
            int b = t->b * sc / 1000 + off;
            for (int c = 0; c < S->nc && c < 64; c++)
                if (abs(b - S->c[c].b) <= 1) {
                    if (!(used & (1ULL << c)))
                        score++;
                    used |= 1ULL << c;
                    break;
                }
        }
    }
    return score;
}

/* how far a map moves the figures of body lines i..j */
static long page_move(gl *body, int i, int j, int sc, int off)
{
    long move = 0;
    for (int q = i; q < j; q++)
        for (int k = 0; k < body[q].nt; k++)
            if (body[q].t[k].kind == T_FIG)
                move += labs((long)(body[q].t[k].b * sc / 1000 + off - body[q].t[k].b));
    return move;
}

/* Character columns, no map fits: the page's figures in lanes (figures
 * that overlap, line to line), each lane moved onto its own column, in order,
 * the figures moved least (pdftotext packs each column of a page by its own
 * amount: 一般公共预算支出情况表 p.13 of a Guangzhou budget ends its three
 * columns at 33, 55, 69 against 48, 71, 90 on p.12). */
static void shift_lanes(const side *M, gl *body, int i, int j)
{
    enum { NL = 32 };
    int la[NL], lb[NL], ln[NL], nl = 0;
    for (int q = i; q < j; q++)
        for (int k = 0; k < body[q].nt; k++) {
            const gt *t = &body[q].t[k];
            if (t->kind != T_FIG)
                continue;
            int hit = -1;
            for (int x = 0; x < nl; x++)
                if (yu_gr_overlap(t->a, t->b, la[x], lb[x]) > 0) {
                    if (hit >= 0)
                        return; /* a figure over two lanes: no clean lanes */
                    hit = x;
                }
            if (hit < 0) {
                if (nl == NL)
                    return;
                hit = nl++;
                la[hit] = t->a;
                lb[hit] = t->b;
                ln[hit] = 0;
            }
            if (t->a < la[hit]) la[hit] = t->a;
            if (t->b > lb[hit]) lb[hit] = t->b;
            ln[hit]++;
        }
    for (int x = 0; x < nl; x++)
        for (int y = x + 1; y < nl; y++)
            if (yu_gr_overlap(la[x], lb[x], la[y], lb[y]) > 0)
                return;
    int nc = M->nc < NL ? M->nc : NL;
    if (!nl || nl > nc)
        return;
    /* lanes in order of position */
    for (int x = 1; x < nl; x++)
        for (int y = x; y > 0 && la[y] < la[y - 1]; y--) {
            int t;
            t = la[y]; la[y] = la[y - 1]; la[y - 1] = t;
            t = lb[y]; lb[y] = lb[y - 1]; lb[y - 1] = t;
            t = ln[y]; ln[y] = ln[y - 1]; ln[y - 1] = t;
        }
    /* dp[x][c]: least movement placing lanes 0..x-1 on columns 0..c-1 */
    long dp[NL + 1][NL + 1];
    for (int c = 0; c <= nc; c++)
        dp[0][c] = 0;
    for (int x = 1; x <= nl; x++) {
        dp[x][0] = 1L << 40;
        for (int c = 1; c <= nc; c++) {
            long take = dp[x - 1][c - 1] + (long)ln[x - 1] * labs((long)(M->c[c - 1].b - lb[x - 1]));
            dp[x][c] = dp[x][c - 1] < take ? dp[x][c - 1] : take;
        }
    }
    int dst[NL];
    for (int x = nl, c = nc; x > 0 && c > 0;) {
        if (dp[x][c] == dp[x][c - 1])
            c--;
        else {
            dst[x - 1] = M->c[c - 1].b - lb[x - 1];
            x--;
            c--;
        }
    }
    for (int q = i; q < j; q++)
        for (int k = 0; k < body[q].nt; k++) {
            gt *t = &body[q].t[k];
            if (t->kind != T_FIG)
                continue;
            for (int x = 0; x < nl; x++)
                if (yu_gr_overlap(t->a, t->b, la[x], lb[x]) > 0) {
                    t->a += dst[x];
                    t->b += dst[x];
                    break;
                }
        }
}

/* A table of one column of figures (一般公共预算基本支出经济分类情况表:
 * 预算数) continued on a page whose figures pdftotext set in another text
 * column: a page whose figures all end in one lane has them moved onto the
 * table's column (its other words stay). */
static void one_lane_pages(rd *r, const side *M, gl *body, int nb)
{
    for (int i = 0; i < nb;) {
        int j = i, lo = 1 << 30, hi = -1;
        while (j < nb && r->X.l[body[j].li].page == r->X.l[body[i].li].page) {
            for (int k = 0; k < body[j].nt; k++)
                if (body[j].t[k].kind == T_FIG) {
                    if (body[j].t[k].b < lo) lo = body[j].t[k].b;
                    if (body[j].t[k].b > hi) hi = body[j].t[k].b;
                }
            j++;
        }
        int d = M->c[0].b - hi;
        if (hi >= 0 && hi - lo <= 1 && d)
            for (int q = i; q < j; q++)
                for (int k = 0; k < body[q].nt; k++)
                    if (body[q].t[k].kind == T_FIG) {
                        body[q].t[k].a += d;
                        body[q].t[k].b += d;
                    }
        i = j;
    }
}

/* A table continued on a page laid out on another grid (a page whose text
 * has other fonts is set in other text columns): the figures of each page
 * are moved onto the columns of the page with the most figures, by the
 * scale and shift that puts most of them on a column. */
static void align_pages(rd *r, gl *body, int nb)
{
    if (nb < 2 || r->X.l[body[0].li].page == r->X.l[body[nb - 1].li].page)
        return;
    int best_from = 0, best_to = 0, best_n = -1;
    for (int i = 0; i < nb;) {
        int j = i, n = 0;
        while (j < nb && r->X.l[body[j].li].page == r->X.l[body[i].li].page) {
            for (int k = 0; k < body[j].nt; k++)
                n += body[j].t[k].kind == T_FIG;
            j++;
        }
        if (n > best_n) {
            best_n = n;
            best_from = i;
            best_to = j;
        }
        i = j;
    }
    side M;
    memset(&M, 0, sizeof M);
    if (find_columns(r, &M, body + best_from, best_to - best_from, NULL, 0, 0))
        return;
    if (M.nc == 1) {
        one_lane_pages(r, &M, body, nb);
        return;
    }
    if (M.nc < 2)
        return;
    for (int i = 0; i < nb;) {
        int j = i, n = 0;
        while (j < nb && r->X.l[body[j].li].page == r->X.l[body[i].li].page) {
            for (int k = 0; k < body[j].nt; k++)
                n += body[j].t[k].kind == T_FIG;
            j++;
        }
        if (i != best_from && n) {
            int base = fit_score(&M, body, i, j, 1000, 0), bs = base, bsc = 1000, bo = 0;
            for (int sc = 500; sc <= 2000 && bs < n; sc += 5)
                for (int off = -4; off <= 4; off++) {
                    int v = fit_score(&M, body, i, j, sc, off);
                    if (v > bs) {
                        bs = v;
                        bsc = sc;
                        bo = off;
                    }
                }
            /* in character columns a page may be packed far to one side
             * (pdftotext -layout sets each page as tight as its own words
             * allow: a page of short names moves its figures left, each
             * column by its own amount): its leftmost and rightmost figure
             * ends onto two columns, and of the maps that fit as well the one
             * that moves the figures least (text read from the PDF keeps the
             * page's geometry: only a scale, tried above) */
            int lo = 1 << 30, hi = -1;
            for (int q = i; q < j; q++)
                for (int k = 0; k < body[q].nt; k++)
                    if (body[q].t[k].kind == T_FIG) {
                        if (body[q].t[k].b < lo) lo = body[q].t[k].b;
                        if (body[q].t[k].b > hi) hi = body[q].t[k].b;
                    }
            long bmove = page_move(body, i, j, bsc, bo);
            for (int x = 0; x < M.nc && hi > lo && r->charcols; x++)
                for (int y = 0; y < M.nc; y++) {
                    if (M.c[y].b <= M.c[x].b)
                        continue;
                    int sc = (int)(1000L * (M.c[y].b - M.c[x].b) / (hi - lo));
                    if (sc < 500 || sc > 2000)
                        continue;
                    int off = M.c[x].b - lo * sc / 1000;
                    int v = fit_score(&M, body, i, j, sc, off);
                    long move = page_move(body, i, j, sc, off);
                    if (v > bs || (v == bs && v > base && move < bmove)) {
                        bs = v;
                        bsc = sc;
                        bo = off;
                        bmove = move;
                    }
                }
            if (bs > base && bs * 5 >= n * 4)
                for (int q = i; q < j; q++)
                    for (int k = 0; k < body[q].nt; k++) {
                        body[q].t[k].a = body[q].t[k].a * bsc / 1000 + bo;
                        body[q].t[k].b = body[q].t[k].b * bsc / 1000 + bo;
                    }
            else if (r->charcols && base < n)
                shift_lanes(&M, body, i, j);
        }
        i = j;
    }
}

static int src_push(rowsrc *rs, prow *p)
{
    if (rs->n == rs->cap) {
        size_t nc = rs->cap ? rs->cap * 2 : 64;
        prow **np = realloc(rs->p, nc * sizeof *np);
        if (!np)
            return -1;
        rs->p = np;
        rs->cap = nc;
    }
    rs->p[rs->n++] = p;
    return 0;
}

/* reads one side (or the whole of a one-sided table) into T */
int yu_gr_read_side(rd *r, yu_gtable *T, gl *body, int nb, gl *hdr, int nh, int sideno, size_t *rowcap, rowsrc *rs)
{
    side S;
    memset(&S, 0, sizeof S);
    join_wrapped_figures(r, body, nb, typical_dec(body, nb));
    /* leading codes are not figures: 2010301 行政运行, 201 01 01 */
    for (int i = 0; i < nb; i++) {
        gl *g = &body[i];
        for (int k = 0; k < g->nt; k++) {
            gt *t = &g->t[k];
            if (t->kind != T_FIG || strpbrk(t->norm, ".,") || !yu_only_digits(t->norm))
                break;
            int next_text = k + 1 < g->nt && g->t[k + 1].kind == T_TEXT;
            int next_code = k + 1 < g->nt && yu_only_digits(g->t[k + 1].norm) && strlen(g->t[k + 1].norm) == 2;
            /* a code whose name is wrapped above and below it: a figure follows */
            int next_fig = k == 0 && k + 1 < g->nt && g->t[k + 1].kind == T_FIG && strpbrk(g->t[k + 1].norm, ".,") &&
                           yu_gr_code_like(t->norm);
            if ((yu_gr_code_like(t->norm) || (k > 0 && strlen(t->norm) == 2)) && (next_text || next_code || next_fig))
                t->kind = T_CODE;
            else
                break;
        }
    }
    align_pages(r, body, nb);
    /* where the names end: the last word before a line's first figure */
    int name_end = 0;
    for (int i = 0; i < nb; i++)
        for (int k = 0; k < body[i].nt; k++) {
            const gt *t = &body[i].t[k];
            if (t->kind != T_TEXT && t->kind != T_CODE)
                break;
            if (t->b > name_end && k + 1 < body[i].nt && body[i].t[k + 1].kind != T_TEXT && body[i].t[k + 1].kind != T_CODE)
                name_end = t->b;
        }
    for (int i = 0; i < nb; i++)
        for (int k = 0; k < body[i].nt; k++)
            if (body[i].t[k].kind == T_CODE)
                body[i].t[k].kind = T_TEXT;
    if (find_columns(r, &S, body, nb, hdr, nh, name_end))
        return -1;
    size_t col0 = T->ncols;
    if (S.nc) {
        yu_gcol *nc = yu_arena_alloc(r->A, (T->ncols + (size_t)S.nc) * sizeof *nc);
        if (!nc)
            return -1;
        if (T->ncols)
            memcpy(nc, T->cols, T->ncols * sizeof *nc);
        for (int c = 0; c < S.nc; c++) {
            yu_gcol *C = &nc[col0 + (size_t)c];
            memset(C, 0, sizeof *C);
            yu_buf lb;
            yu_buf_init(&lb, 0);
            for (int k = 0; k < S.c[c].nlab; k++)
                yu_buf_puts(&lb, S.c[c].lab[k]);
            C->leaf = lb.len ? yu_arena_strndup(r->A, lb.p, lb.len) : yu_arena_strdup(r->A, "");
            yu_buf_free(&lb);
            if (!C->leaf)
                return -1;
            C->label = S.c[c].grp ? yu_arena_printf(r->A, "%s/%s", S.c[c].grp, C->leaf) : C->leaf;
            if (C->label && S.c[c].top)
                C->label = yu_arena_printf(r->A, "%s/%s", S.c[c].top, C->label);
            /* the lowest words name the column ("基本支出 / 人员经费" is 人员经费;
             * "…其中:基本支出" is 基本支出); the whole label when they say nothing */
            const char *qz = strstr(C->leaf, "其中:");
            const char *low = S.c[c].nlab ? S.c[c].lab[S.c[c].nlab - 1] : NULL;
            C->concept = qz ? yu_vocab_match(r->v, "col", qz + strlen("其中:")) : NULL;
            if (!C->concept && low && S.c[c].nlab > 1 && yu_gr_cjk_len(low) >= 2)
                C->concept = yu_vocab_match(r->v, "col", low);
            if (!C->concept)
                C->concept = yu_vocab_match(r->v, "col", C->leaf);
            C->group = S.c[c].grp ? yu_vocab_match(r->v, "col", S.c[c].grp) : NULL;
            if (!C->group && S.c[c].top)
                C->group = yu_vocab_match(r->v, "col", S.c[c].top);
            if (!C->concept && C->group && !*C->leaf)
                C->concept = C->group;
            C->side = sideno;
            C->x0 = S.c[c].a;
            C->x1 = S.c[c].b;
        }
        T->cols = nc;
        T->ncols += (size_t)S.nc;
    }
    prow *P;
    int np;
    if (read_side_rows(r, &S, body, nb, &P, &np))
        return -1;
    for (int i = 0; i < np; i++) {
        prow *p = &P[i];
        if (!p->name && !p->code[0] && !p->hasfig)
            continue;
        yu_grow *w = new_row(r, T, rowcap);
        if (!w || src_push(rs, p))
            return -1;
        snprintf(w->code, sizeof w->code, "%s", p->code);
        w->name = p->name ? p->name : "";
        w->number = p->number;
        w->indent = p->indent;
        w->side = sideno;
        w->line = r->X.l[p->li].no;
        w->page = r->X.l[p->li].page;
        const char *nm = w->name + (w->number ? strlen(w->number) : 0);
        w->concept = w->code[0] ? NULL : yu_vocab_match(r->v, "row", nm);
        if (w->concept && !strcmp(w->concept, "subtotal"))
            w->concept = "total";
        /* a row name that is only a concept word when it is the whole name
         * (本年收入 is a total; 本年收入的其他 … is not) */
        if (w->concept && yu_gr_cjk_len(nm) > yu_gr_cjk_len(w->concept) + 12)
            w->concept = NULL;
        /* a group (货物, 服务) only when that is the whole name */
        if (w->concept && !strcmp(w->concept, "group") && yu_gr_cjk_len(nm) > 3)
            w->concept = NULL;
        for (int q = 0; q < p->nvals; q++) {
            gt *t = p->vals[q];
            if (t->kind == T_TEXT && !S.nc)
                continue;
            int c = place_col(&S, t);
            t->col = c < 0 ? -1 : (int)col0 + c;
        }
    }
    return 0;
}

void yu_gr_set_levels(rd *r, yu_gtable *T, int sideno)
{
    /* rows of this side are contiguous from the first row with this side */
    size_t from = 0;
    while (from < T->nrows && T->rows[from].side != sideno)
        from++;
    size_t to = from;
    while (to < T->nrows && T->rows[to].side == sideno)
        to++;
    int lens[12] = {0}, nlen = 0, any_num = 0, minind = 1 << 30, step = 1 << 30;
    for (size_t i = from; i < to; i++) {
        yu_grow *w = &T->rows[i];
        int l = (int)strlen(w->code);
        if (l) {
            int seen = 0;
            for (int k = 0; k < nlen; k++)
                seen |= lens[k] == l;
            if (!seen && nlen < 12)
                lens[nlen++] = l;
        }
        any_num |= w->number != NULL;
        if (*w->name && !w->concept && w->indent < minind)
            minind = w->indent;
    }
    for (size_t i = from; i < to; i++) {
        int dd = T->rows[i].indent - minind;
        if (*T->rows[i].name && !T->rows[i].concept && dd > 0 && dd < step)
            step = dd;
    }
    for (int a = 0; a < nlen; a++)
        for (int b = a + 1; b < nlen; b++)
            if (lens[b] < lens[a]) {
                int t = lens[a];
                lens[a] = lens[b];
                lens[b] = t;
            }
    for (size_t i = from; i < to; i++) {
        yu_grow *w = &T->rows[i];
        w->level = 1;
        if (w->concept && !w->code[0] && !w->number)
            w->level = 0;
        else if (w->code[0]) {
            for (int k = 0; k < nlen; k++)
                if (lens[k] == (int)strlen(w->code))
                    w->level = k + 1;
        } else if (any_num) {
            /* numbered rows: 一、 2, (一) 4, 1. 6, (1) 8; a row without a
             * number is one below the numbered row it is indented under, or
             * above all numbering */
            size_t nl, qz = yu_gr_starts(w->name, "其中:") ? strlen("其中:") : 0;
            if (w->number)
                w->level = 2 * yu_gr_numbering(w->name + qz, &nl);
            else {
                /* below the numbered row it is indented under, one level per
                 * step of indentation */
                w->level = 1;
                for (size_t j = i; j-- > from;)
                    if (T->rows[j].number) {
                        if (w->indent > T->rows[j].indent + 1) {
                            int st = step < (1 << 30) ? step : 2;
                            int k = (w->indent - T->rows[j].indent + st / 2) / st;
                            w->level = T->rows[j].level + (k > 1 ? k : 1);
                        } else if (step < (1 << 30) && w->indent > minind)
                            w->level = 1 + (w->indent - minind + step / 2) / step;
                        break;
                    } else if (T->rows[j].concept)
                        break;
            }
        } else if (step < (1 << 30) && *w->name) {
            w->level = 1 + (w->indent - minind + step / 2) / step;
        }
    }
    (void)r;
}


