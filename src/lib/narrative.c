/* The document's skeleton: title, 目录, 概况, the tables in their parts and
 * 名词解释, as blocks of segments.  The 情况说明 is the layout's narrative
 * sections, run by narr_interp.c.  Figures are typed values tied to table
 * cells; nothing here formats a number. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "engine_internal.h"
#include "narr_internal.h"


typedef narr_bb bb;

static yu_block *push_block(bb *B, yu_block_kind k) { return narr_block(B, k); }

static void end_para(bb *B, yu_block_kind k) { narr_para(B, k); }

/* a pattern of the layout with {NAME} replaced by its value (names[i], vals[i]); other text as it is */
static void fill(yu_buf *o, const char *pat, size_t patn, const char *const *names, const char *const *vals, size_t n)
{
    for (const char *p = pat, *e = pat + patn; p < e;) {
        size_t k = 0, l = 0;
        for (; *p == '{' && k < n; k++)
            if ((l = strlen(names[k])) <= (size_t)(e - p) && !strncmp(p, names[k], l))
                break;
        if (*p == '{' && k < n) {
            yu_buf_puts(o, vals[k] ? vals[k] : "");
            p += l;
        } else
            yu_buf_add(o, p++, 1);
    }
}

static void heading(bb *B, yu_block_kind k, const char *text, const char *anchor) { narr_heading(B, k, text, anchor); }

/* ---- 情况说明: the layout's sections ---- */

static yu_status doc_part(narr_bb *B, const yu_nstmt *s, const char *text, yu_error *err);

/* ---- 名词解释 ---- */

static int code_used(engine *E, const char *code)
{
    size_t n = strlen(code);
    uint32_t v = (uint32_t)strtoul(code, NULL, 10);
    size_t a, c;
    eng_range(E, v, (int)n, &a, &c);
    return eng_cells(E, a, c, T_ALL, eng_filter_mask(YU_FILTER_ALL)) != 0;
}

/* an entry of the glossary: part k (0 a term or 款, 1 a 项 numbered, 2 a 项 alone) of
 * the layout's `glossary TERM|ITEM|ONLY` with {n} {i} {title} {text} */
static void gentry(bb *B, const char *pat, int k, const char *n, const char *i, const char *title, const char *text)
{
    for (; k > 0 && pat; k--)
        pat = strchr(pat, '|') ? strchr(pat, '|') + 1 : NULL;
    if (!pat)
        return;
    const char *bar = strchr(pat, '|');
    static const char *const nm[] = {"{n}", "{i}", "{title}", "{text}"};
    const char *val[] = {n, i, title, text};
    yu_buf o;
    yu_buf_init(&o, 0);
    fill(&o, pat, bar ? (size_t)(bar - pat) : strlen(pat), nm, val, 4);
    narr_text(B, o.p ? o.p : "", o.len);
    yu_buf_free(&o);
}

static yu_status glossary(bb *B, const char *pat, yu_error *err)
{
    engine *E = B->E;
    const char *path = E->o->glossary_path;
    if (!path)
        return YU_OK;
    char *data;
    size_t len;
    yu_status st = yu_read_file(path, &data, &len, err);
    if (st)
        return st;
    typedef struct { char *kind, *code, *title, *text; int line; } ent;
    ent *es = NULL;
    size_t ne = 0, cap = 0;
    int line = 0;
    for (char *p = data; *p;) {
        line++;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        char *l = p;
        p = nl ? nl + 1 : p + strlen(p);
        size_t ll = strlen(l);
        if (ll && l[ll - 1] == '\r')
            l[--ll] = 0;
        if (!ll || l[0] == '#')
            continue;
        char *f[4];
        int nf = 0;
        f[nf++] = l;
        for (char *q = l; *q && nf < 4; q++)
            if (*q == '\t') {
                *q = 0;
                f[nf++] = q + 1;
            }
        if (nf != 4 || (strcmp(f[0], "term") && strcmp(f[0], "kuan") && strcmp(f[0], "xiang"))) {
            free(es);
            free(data);
            return yu_error_set(err, YU_ESYNTAX, path, line, 0, "expected KIND<TAB>CODE<TAB>TITLE<TAB>TEXT with KIND term, kuan or xiang");
        }
        if (ne == cap) {
            cap = cap ? cap * 2 : 64;
            ent *n2 = realloc(es, cap * sizeof *n2);
            if (!n2) {
                free(es);
                free(data);
                return yu_error_set(err, YU_ENOMEM, path, line, 0, "out of memory");
            }
            es = n2;
        }
        es[ne].kind = f[0];
        es[ne].code = f[1];
        es[ne].title = f[2];
        es[ne].text = f[3];
        es[ne].line = line;
        ne++;
    }
    int full = E->o->glossary == YU_GLOSSARY_FULL;
    int num = 0;
    char cn[16];
    for (size_t i = 0; i < ne; i++) {
        ent *e = &es[i];
        if (!strcmp(e->kind, "xiang"))
            continue;
        if (!strcmp(e->kind, "kuan") && !full && !code_used(E, e->code))
            continue;
        gentry(B, pat, 0, yu_cn_number(++num, cn), NULL, e->title, e->text);
        end_para(B, YU_B_PARA);
        if (!strcmp(e->kind, "kuan")) {
            size_t j = i + 1, nx = 0;
            for (size_t k = j; k < ne && !strcmp(es[k].kind, "xiang"); k++)
                if (full || code_used(E, es[k].code))
                    nx++;
            int xi = 0;
            for (size_t k = j; k < ne && !strcmp(es[k].kind, "xiang"); k++) {
                if (!full && !code_used(E, es[k].code))
                    continue;
                char num_i[16];
                snprintf(num_i, sizeof num_i, "%d", ++xi);
                gentry(B, pat, nx > 1 ? 1 : 2, NULL, num_i, es[k].title, es[k].text);
                end_para(B, YU_B_PARA);
            }
        }
    }
    free(es);
    free(data);
    return YU_OK;
}

/* ---- the document's parts, as the layout's `document` block orders them ---- */

/* the 目录 as it is built: entries of parts, the document's h1 and the tables */
typedef struct toc {
    size_t block;         /* index of the TOC block, or (size_t)-1 */
    yu_seg *e; int *lv; size_t n, cap;
    const char *anchor;   /* the current part's */
} toc;

static toc *toc_of(narr_bb *B) { return (toc *)B->user; }

static void toc_add(narr_bb *B, const char *text, int level, const char *anchor)
{
    toc *T = toc_of(B);
    if (T->n == T->cap) {
        size_t nc = T->cap ? T->cap * 2 : 32;
        yu_seg *ne = realloc(T->e, nc * sizeof *ne);
        int *nl = ne ? realloc(T->lv, nc * sizeof *nl) : NULL;
        if (ne)
            T->e = ne;
        if (!ne || !nl) {
            B->oom = 1;
            return;
        }
        T->lv = nl;
        T->cap = nc;
    }
    memset(&T->e[T->n], 0, sizeof T->e[T->n]);
    T->e[T->n].text = yu_arena_strdup(B->E->A, text);
    T->e[T->n].table = anchor;
    T->lv[T->n++] = level;
}

/* 1 when the document places the performance forms itself (`forms`) */
static int has_forms(const yu_layout *L)
{
    for (size_t k = 0; L->document && k < L->document->nprog; k++)
        if (L->document->prog[k].op == YU_N_FORMS)
            return 1;
    return 0;
}

/* a perf table's intro, then a form per published project */
static yu_status perf_blocks(narr_bb *B, const yu_table *T, yu_error *err)
{
    engine *E = B->E;
    const yu_lsection *in = T->lt->intro ? yu_layout_section(E->L, T->lt->intro) : NULL;
    yu_status st = in ? narr_run(B, in, doc_part, err) : YU_OK;
    for (size_t k = 0; !st && k < E->d->nperf; k++) {
        yu_block *x = push_block(B, YU_B_PERF);
        if (x)
            x->index = k;
    }
    return st;
}

/* the performance forms where they stand (`forms`) */
static yu_status forms(narr_bb *B, yu_error *err)
{
    const yu_doc *d = B->E->d;
    yu_status st = YU_OK;
    for (size_t i = 0; i < d->ntables && !st; i++)
        if (d->tables[i].lt->shape == YU_SHAPE_PERF)
            st = perf_blocks(B, &d->tables[i], err);
    return st;
}

static yu_status tables(narr_bb *B, const char *fmt, yu_error *err)
{
    engine *E = B->E;
    yu_doc *d = E->d;
    int any = 0, placed = has_forms(E->L);
    for (size_t i = 0; i < d->ntables; i++) {
        const yu_table *T = &d->tables[i];
        /* an optional 绩效目标表 without a form is left out (Shanghai); forms placed by
         * `forms` are printed there */
        if (T->lt->shape == YU_SHAPE_PERF && ((T->lt->optional && !d->nperf) || placed))
            continue;
        const char *anchor = yu_arena_printf(E->A, "t-%s", T->lt->id);
        /* its 目录 entry: fmt with {number} and {title} */
        yu_buf b;
        yu_buf_init(&b, 0);
        static const char *const nm[] = {"{number}", "{title}"};
        const char *val[] = {T->lt->number, T->title};
        fill(&b, fmt, strlen(fmt), nm, val, 2);
        toc_add(B, b.p ? b.p : "", 1, anchor);
        yu_buf_free(&b);
        if (any++)
            push_block(B, YU_B_PAGEBREAK);
        if (T->lt->shape == YU_SHAPE_PERF) {
            heading(B, YU_B_H1, T->title, anchor);
            yu_status st = perf_blocks(B, T, err);
            if (st)
                return st;
            continue;
        }
        yu_block *x = push_block(B, YU_B_TABLE);
        if (x) {
            x->index = i;
            x->text = T->title;
            x->anchor = anchor;
        }
    }
    return YU_OK;
}

static yu_status doc_part(narr_bb *B, const yu_nstmt *s, const char *text, yu_error *err)
{
    engine *E = B->E;
    toc *T = toc_of(B);
    const char *f[3];
    switch (s->op) {
    case YU_N_TITLE: {
        narr_split3(B, text, f);
        E->d->title = f[0];
        yu_block *tb = push_block(B, YU_B_TITLE);
        if (tb) {
            tb->text = f[1];
            tb->sub = *f[2] ? f[2] : NULL;
        }
        return YU_OK;
    }
    case YU_N_TOC:
        push_block(B, YU_B_TOC);
        T->block = B->n - 1;
        return YU_OK;
    case YU_N_PART: {
        narr_split3(B, text, f);
        const char *anchor = yu_arena_strdup(E->A, s->join[0]);
        T->anchor = anchor;
        push_block(B, YU_B_PAGEBREAK);
        if (*f[1]) {
            yu_block *pb = push_block(B, YU_B_PART);
            if (pb) {
                pb->text = f[1];
                pb->sub = *f[2] ? f[2] : NULL;
                pb->anchor = anchor;
            }
        }
        if (*f[0])
            toc_add(B, f[0], 0, anchor);
        return YU_OK;
    }
    case YU_N_H1:
        toc_add(B, text, 1, T->anchor);
        return YU_OK;
    case YU_N_TEXT:
        narr_lines(B, !strcmp(text, "functions") ? E->b->functions : E->b->organisation);
        return YU_OK;
    case YU_N_TABLES:
        return tables(B, text, err);
    case YU_N_SECTIONS:
        return narr_sections(B, text, doc_part, err);
    case YU_N_GLOSSARY:
        return glossary(B, text, err);
    case YU_N_PAGEBREAK:
        push_block(B, YU_B_PAGEBREAK);
        return YU_OK;
    case YU_N_FORMS:
        return forms(B, err);
    default:
        return YU_OK;
    }
}

static yu_status blocks(engine *E, yu_error *err)
{
    bb B;
    memset(&B, 0, sizeof B);
    toc T;
    memset(&T, 0, sizeof T);
    T.block = (size_t)-1;
    B.E = E;
    B.user = &T;
    yu_doc *d = E->d;
    d->title = E->b->name;
    /* the layout's document block; without one, its narrative alone */
    yu_status st = E->L->document ? narr_run(&B, E->L->document, doc_part, err) : narr_sections(&B, NULL, doc_part, err);
    if (!st && !B.oom && T.block != (size_t)-1) {
        yu_block *toc = &B.blk[T.block];
        toc->segs = yu_arena_alloc(E->A, (T.n ? T.n : 1) * sizeof *toc->segs);
        toc->levels = yu_arena_alloc(E->A, (T.n ? T.n : 1) * sizeof *toc->levels);
        if (!toc->segs || !toc->levels)
            B.oom = 1;
        else {
            if (T.n) {
                memcpy(toc->segs, T.e, T.n * sizeof *T.e);
                memcpy(toc->levels, T.lv, T.n * sizeof *T.lv);
            }
            toc->nsegs = T.n;
        }
    }
    free(T.e);
    free(T.lv);
    if (!st && B.oom)
        st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    if (!st) {
        d->blocks = yu_arena_alloc(E->A, (B.n ? B.n : 1) * sizeof *d->blocks);
        if (!d->blocks)
            st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        else {
            if (B.n)
                memcpy(d->blocks, B.blk, B.n * sizeof *B.blk);
            d->nblocks = B.n;
        }
    }
    free(B.blk);
    free(B.seg);
    return st;
}

yu_status yu_compile(const yu_budget *b, const yu_layout *L, const yu_compile_opts *o, yu_doc **out, yu_error *err)
{
    return eng_compile(b, L, o, blocks, out, err);
}
