/* A year's document's text (the 决算's here; the execution report's, year.c):
 * the layout's `document` block run over an engine of the document's figures, the
 * tables already built pushed where it says `tables`.
 * The 部门决算's text: the final layout's `document` block and narrative
 * sections (title, parts, 第三部分 情况说明, 名词解释), run by the layout's
 * interpreter (narr_interp.c) over the 决算's figures, which this file
 * provides as an engine: the payments as the cells by 项, type and source,
 * the 年初预算 and 调整预算 by 项 and source, the named values of the
 * tables as symbols, the 一般公共预算 基本支出 by 经济分类 款.  No wording is
 * here: every word is the layout's (docs/layouts.md, docs/year.md). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "year_final.h"
#include "engine_internal.h"
#include "narr_internal.h"

/* the engine's arrays this file allocates */
static void fe_free(engine *E)
{
    free(E->cell);
    free(E->cellr);
    free(E->pr);
    free(E->prr);
    free(E->ecellr);
    free(E->syms);
}

/* the 决算's figures as an engine over document y (its arena, its tables) */
static int fe_build(engine *E, ydoc *y, const yfin *F, yu_compile_opts *co)
{
    memset(E, 0, sizeof *E);
    memset(co, 0, sizeof *co);
    co->func = F->func;
    co->econ = F->econ;
    E->b = F->b;
    E->L = y->d->L;
    E->o = co;
    E->d = y->d;
    E->A = y->A;
    E->U = y->U;
    E->xc = F->xc;
    E->nx = F->nx;
    size_t n = F->nx ? F->nx : 1;
    E->cell = calloc(n, sizeof *E->cell);
    E->cellr = calloc(n, sizeof *E->cellr);
    /* no 上年执行数 in a 决算: `prior` is zero */
    E->pr = E->prx = calloc(n, sizeof *E->pr);
    E->prr = E->prxr = calloc(n, sizeof *E->prr);
    E->ec = F->ec;
    E->ne = F->ne;
    E->ecell = F->epaid;
    E->ecellr = calloc(F->ne ? F->ne : 1, sizeof *E->ecellr);
    E->bud = F->bud;
    E->adjd = F->adjd;
    yf_named t[YF_NSYMS];
    size_t ns = yf_syms(F, t);
    E->syms = calloc(ns ? ns : 1, sizeof *E->syms);
    if (!E->cell || !E->cellr || !E->pr || !E->prr || !E->ecellr || !E->syms)
        return -1;
    /* each figure rounded on its own, as the tables print them (`rounding independent`) */
    for (size_t i = 0; i < F->nx; i++)
        for (int k = 0; k < YU_T_COUNT; k++)
            for (int s = 0; s < YU_S_COUNT; s++) {
                E->cell[i][k * YU_S_COUNT + s] = F->paid[i].v[k][s];
                E->cellr[i][k * YU_S_COUNT + s] = yu_round_units(F->paid[i].v[k][s], E->U);
            }
    for (size_t i = 0; i < F->ne; i++)
        for (int k = 0; k < 2; k++)
            E->ecellr[i][k] = yu_round_units(F->epaid[i][k], E->U);
    for (size_t i = 0; i < ns; i++) {
        E->syms[i].name = t[i].k;
        E->syms[i].fen = t[i].v;
        E->syms[i].v = yu_round_units(t[i].v, E->U);
    }
    E->nsyms = ns;
    return 0;
}

typedef struct fdoc {
    const yu_block *tables; size_t ntables; /* the tables' blocks, built before */
} fdoc;

static void push_tables(narr_bb *B)
{
    const fdoc *D = B->user;
    for (size_t i = 0; i < D->ntables; i++) {
        yu_block *b = narr_block(B, YU_B_TABLE);
        if (b)
            *b = D->tables[i];
    }
}

/* the document's parts: a year's document has no 目录, so a part has no anchor */
static yu_status part(narr_bb *B, const yu_nstmt *s, const char *text, yu_error *err)
{
    const char *f[3];
    switch (s->op) {
    case YU_N_TITLE: {
        narr_split3(B, text, f);
        B->E->d->title = f[0];
        yu_block *tb = narr_block(B, YU_B_TITLE);
        if (tb) {
            tb->text = f[1];
            tb->sub = *f[2] ? f[2] : NULL;
        }
        return YU_OK;
    }
    case YU_N_PART: {
        narr_split3(B, text, f);
        yu_block *pb = *f[1] ? narr_block(B, YU_B_PART) : NULL;
        if (pb) {
            pb->text = f[1];
            pb->sub = f[2];
        }
        return YU_OK;
    }
    case YU_N_TABLES:
        push_tables(B);
        return YU_OK;
    case YU_N_TEXT:
        narr_lines(B, !strcmp(text, "functions") ? B->E->b->functions : B->E->b->organisation);
        return YU_OK;
    case YU_N_SECTIONS:
        return narr_sections(B, text, part, err);
    case YU_N_PAGEBREAK:
        narr_block(B, YU_B_PAGEBREAK);
        return YU_OK;
    case YU_N_H1:
        return YU_OK;
    default: {
        const yu_layout *L = B->E->L;
        return yu_error_set(err, YU_ELAYOUT, L->path ? L->path : L->id, s->line, 0,
                            "a year's document has no 目录 or glossary file: expected title, part, text, tables, "
                            "sections, h1 or pagebreak (write the 名词解释 as a section)");
    }
    }
}

yu_status yd_document(ydoc *y, struct engine *E, yu_error *err)
{
    narr_bb B;
    memset(&B, 0, sizeof B);
    fdoc D = {y->d->blocks, y->d->nblocks};
    B.E = E;
    B.user = &D;
    yu_status st = YU_OK;
    if (y->d->L->document)
        st = narr_run(&B, y->d->L->document, part, err);
    else {
        /* without a document block: the tables, then the narrative */
        push_tables(&B);
        st = narr_sections(&B, NULL, part, err);
    }
    if (!st && B.oom)
        st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    if (!st) {
        yu_block *bl = yu_arena_alloc(y->A, (B.n ? B.n : 1) * sizeof *bl);
        if (!bl)
            st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        else {
            if (B.n)
                memcpy(bl, B.blk, B.n * sizeof *bl);
            y->d->blocks = bl;
            y->d->nblocks = B.n;
        }
    }
    free(B.blk);
    free(B.seg);
    return st;
}

yu_status yf_document(ydoc *y, const yfin *F, yu_error *err)
{
    engine E;
    yu_compile_opts co;
    yu_status st = fe_build(&E, y, F, &co) ? yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory")
                                          : yd_document(y, &E, err);
    fe_free(&E);
    return st;
}
