/* A small builder of yu_doc values for the year's documents (execution
 * report, 决算, self-evaluation): tables, rows, cells and paragraphs in the
 * document's arena, so every renderer prints them. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include "year_internal.h"

int yd_init(ydoc *y, const yu_budget *b, const yu_layout *L, const char *title)
{
    memset(y, 0, sizeof *y);
    y->A = yu_arena_new();
    if (!y->A)
        return -1;
    y->d = yu_arena_alloc(y->A, sizeof *y->d);
    if (!y->d) {
        yu_arena_free(y->A);
        return -1;
    }
    y->d->arena = y->A;
    y->d->b = b;
    y->d->L = L;
    y->d->unit_label = L->unit_label;
    y->d->decimals = L->decimals;
    y->d->title = yu_arena_strdup(y->A, title);
    y->U = L->unit_fen > 0 ? L->unit_fen : 10000;
    return 0;
}

void yd_abort(ydoc *y)
{
    if (y->A)
        yu_arena_free(y->A);
    y->A = NULL;
    y->d = NULL;
}

int yd_oom(const ydoc *y) { return y->oom; }

static void *grow(ydoc *y, void *p, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap)
        return p;
    size_t nc = *cap ? *cap * 2 : 16;
    void *q = yu_arena_alloc(y->A, nc * sz);
    if (!q) {
        y->oom = 1;
        return NULL;
    }
    if (n)
        memcpy(q, p, n * sz);
    *cap = nc;
    return q;
}

yu_block *yd_block(ydoc *y, yu_block_kind k, const char *text)
{
    yu_block *nb = grow(y, y->d->blocks, y->d->nblocks, &y->capb, sizeof *nb);
    if (!nb)
        return NULL;
    y->d->blocks = nb;
    yu_block *b = &nb[y->d->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = k;
    b->text = text ? yu_arena_strdup(y->A, text) : NULL;
    return b;
}

int yd_col(const yu_ltable *lt, const char *key)
{
    return yu_ltable_col(lt, key);
}

yu_table *yd_table(ydoc *y, const yu_ltable *lt, const char *title)
{
    yu_table *nt = grow(y, y->d->tables, y->d->ntables, &y->capt, sizeof *nt);
    if (!nt)
        return NULL;
    /* blocks point at tables by index: moving the array is safe */
    y->d->tables = nt;
    size_t idx = y->d->ntables++;
    yu_table *t = &nt[idx];
    memset(t, 0, sizeof *t);
    t->lt = lt;
    /* each table prints its layout's own unit when it declares one, else the
     * document's: yd_money rounds every figure once into it */
    int own = lt->unit_fen > 0 && lt->unit_label;
    t->unit_label = own ? lt->unit_label : y->d->unit_label ? y->d->unit_label : "";
    t->unit_fen = yd_unit(y, lt);
    t->decimals = own ? lt->decimals : y->d->decimals;
    const char *tt = title ? title : lt->title;
    t->title = tt;
    if (tt && strstr(tt, "{year}")) {
        yu_buf b;
        yu_buf_init(&b, 0);
        for (const char *p = tt; *p;) {
            if (!strncmp(p, "{year}", 6)) { yu_buf_printf(&b, "%d", y->d->b->year); p += 6; }
            else yu_buf_add(&b, p++, 1);
        }
        t->title = yu_arena_strdup(y->A, b.p ? b.p : "");
        yu_buf_free(&b);
    }
    t->hdr = yu_arena_alloc(y->A, (lt->ncols ? lt->ncols : 1) * YU_HDR_MAX * sizeof *t->hdr);
    if (!t->hdr) {
        y->oom = 1;
        return NULL;
    }
    for (size_t c = 0; c < lt->ncols; c++)
        for (int k = 0; k < lt->cols[c].depth; k++) {
            const char *l = lt->cols[c].label[k];
            if (l && strstr(l, "{year}")) {
                char buf[256];
                const char *p = strstr(l, "{year}");
                snprintf(buf, sizeof buf, "%.*s%d%s", (int)(p - l), l, y->d->b->year, p + 6);
                t->hdr[c * YU_HDR_MAX + k] = yu_arena_strdup(y->A, buf);
            } else
                t->hdr[c * YU_HDR_MAX + k] = l;
        }
    yu_block *b = yd_block(y, YU_B_TABLE, NULL);
    if (b) {
        b->index = idx;
        b->anchor = yu_arena_printf(y->A, "t-%s-%zu", lt->id, idx);
    }
    return &y->d->tables[idx];
}

yu_row *yd_row(ydoc *y, yu_table *t)
{
    /* rows grow by doubling in the arena; the capacity is the next power of two */
    size_t cap = 16;
    while (cap < t->nrows)
        cap *= 2;
    if (t->nrows == 0)
        cap = 0;
    yu_row *nr = grow(y, t->rows, t->nrows, &cap, sizeof *nr);
    if (!nr)
        return NULL;
    t->rows = nr;
    yu_row *r = &nr[t->nrows];
    memset(r, 0, sizeof *r);
    r->name = "";
    r->cells = yu_arena_alloc(y->A, (t->lt->ncols ? t->lt->ncols : 1) * sizeof *r->cells);
    if (!r->cells) {
        y->oom = 1;
        return NULL;
    }
    t->nrows++;
    return r;
}

int64_t yd_unit(const ydoc *y, const yu_ltable *lt)
{
    return lt && lt->unit_fen > 0 && lt->unit_label ? lt->unit_fen : y->U;
}

void yd_money(ydoc *y, const yu_ltable *lt, yu_cell *c, yu_money fen)
{
    c->kind = YU_CELL_MONEY;
    c->v = yu_round_units(fen, yd_unit(y, lt));
}

void yd_pct(yu_cell *c, int64_t bp)
{
    c->kind = YU_CELL_PCT;
    c->v = bp;
}

void yd_text(yu_cell *c, const char *s)
{
    c->kind = YU_CELL_TEXT;
    c->text = s;
}

yu_block *yd_para(ydoc *y)
{
    y->capseg = 0;
    return yd_block(y, YU_B_PARA, NULL);
}

static yu_seg *seg(ydoc *y)
{
    if (!y->d->nblocks)
        return NULL;
    yu_block *b = &y->d->blocks[y->d->nblocks - 1];
    yu_seg *ns = grow(y, b->segs, b->nsegs, &y->capseg, sizeof *ns);
    if (!ns)
        return NULL;
    b->segs = ns;
    yu_seg *s = &ns[b->nsegs++];
    memset(s, 0, sizeof *s);
    return s;
}

void yd_t(ydoc *y, const char *fmt, ...)
{
    yu_buf b;
    yu_buf_init(&b, 0);
    va_list ap;
    va_start(ap, fmt);
    yu_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    yu_seg *s = seg(y);
    if (s) {
        s->kind = YU_SEG_TEXT;
        s->text = yu_arena_strdup(y->A, b.p ? b.p : "");
    }
    if (b.oom)
        y->oom = 1;
    yu_buf_free(&b);
}

void yd_m(ydoc *y, yu_money fen, const char *table, const char *row, const char *col)
{
    yu_seg *s = seg(y);
    if (!s)
        return;
    /* the printed figure, rounded once from 分 into the narrative's unit */
    const yu_layout *L = y->d->L;
    s->kind = YU_SEG_MONEY;
    s->unit_fen = L->prose_fen > 0 ? L->prose_fen : y->U;
    s->decimals = (uint8_t)(L->prose_fen > 0 ? L->prose_decimals : y->d->decimals);
    s->v = yu_round_units(fen, s->unit_fen);
    s->table = table;
    s->row = row;
    s->col = col;
}

void yd_p(ydoc *y, int64_t bp)
{
    yu_seg *s = seg(y);
    if (!s)
        return;
    s->kind = YU_SEG_PCT;
    s->v = bp;
}

int yy_split(yu_money total, const yu_money *w, size_t n, yu_money *out)
{
    __int128 W = 0;
    for (size_t i = 0; i < n; i++)
        W += w[i] > 0 ? w[i] : 0;
    if (!n)
        return total ? -1 : 0;
    if (W == 0) {
        for (size_t i = 0; i < n; i++)
            out[i] = 0;
        return total ? -1 : 0;
    }
    __int128 given = 0;
    __int128 *rem = malloc(n * sizeof *rem);
    if (!rem)
        return -1;
    for (size_t i = 0; i < n; i++) {
        __int128 num = (__int128)total * (w[i] > 0 ? w[i] : 0);
        out[i] = (yu_money)(num / W);
        rem[i] = num % W;
        given += out[i];
    }
    /* the 分 left go to the largest remainders, earlier first on ties */
    for (__int128 left = (__int128)total - given; left > 0; left--) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        out[best]++;
        rem[best] = -1;
    }
    free(rem);
    return 0;
}

const char *yy_func_name(const yu_catalog *c, uint32_t code, int digits)
{
    const char *n = c ? yu_catalog_name_num(c, code, digits) : NULL;
    return n ? n : "";
}

const char *yy_amount(char *buf, size_t n, yu_money fen, int64_t scale)
{
    char num[64];
    int64_t step = scale >= 100 ? scale / 100 : 1;
    yu_fmt_units(yu_round_units(fen, step), 2, YU_NUM_TABLE, num, sizeof num);
    snprintf(buf, n, "%s%s", num, scale == YU_FEN_PER_WAN ? "万元" : "元");
    return buf;
}
