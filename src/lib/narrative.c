/* The document's skeleton: title, 目录, 概况, the tables in their parts and
 * 名词解释, as blocks of segments.  The 情况说明 is the layout's narrative
 * sections, run by narr_interp.c.  Figures are typed values tied to table
 * cells; nothing here formats a number. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "engine_internal.h"
#include "narr_internal.h"

#define T_ALL ((1u << YU_T_COUNT) - 1)

typedef narr_bb bb;

static yu_block *push_block(bb *B, yu_block_kind k) { return narr_block(B, k); }

static void t(bb *B, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void t(bb *B, const char *fmt, ...)
{
    va_list ap;
    yu_buf b;
    yu_buf_init(&b, 0);
    va_start(ap, fmt);
    yu_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    narr_text(B, b.p ? b.p : "", b.len);
    yu_buf_free(&b);
}

static void end_para(bb *B, yu_block_kind k) { narr_para(B, k); }

static void heading(bb *B, yu_block_kind k, const char *text, const char *anchor) { narr_heading(B, k, text, anchor); }

/* ---- 第一部分 ---- */

static void paragraphs(bb *B, const char *text)
{
    if (!text)
        return;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *line = yu_arena_strndup(B->E->A, p, n);
        if (line && *yu_trim(line)) {
            t(B, "%s", line);
            end_para(B, YU_B_PARA);
        }
        p = e ? e + 1 : p + n;
    }
}

/* ---- 第三部分 情况说明: the layout's sections ---- */

static yu_status narrative(bb *B, yu_error *err)
{
    const yu_layout *L = B->E->L;
    for (size_t i = 0; i < L->nsections; i++)
        if (L->sections[i].nprog) {
            yu_status st = narr_run(B, &L->sections[i], err);
            if (st)
                return st;
        }
    return YU_OK;
}

/* ---- 名词解释 ---- */

static int code_used(engine *E, const char *code)
{
    size_t n = strlen(code);
    uint32_t v = (uint32_t)strtoul(code, NULL, 10);
    size_t a, c;
    eng_range(E, v, (int)n, &a, &c);
    return eng_cells(E, a, c, T_ALL, eng_filter_mask(YU_FILTER_ALL)) != 0;
}

static yu_status glossary(bb *B, yu_error *err)
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
        t(B, "（%s）%s：%s", yu_cn_number(++num, cn), e->title, e->text);
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
                if (nx > 1)
                    t(B, "%d. ", ++xi);
                t(B, "%s（项）：%s", es[k].title, es[k].text);
                end_para(B, YU_B_PARA);
            }
        }
    }
    free(es);
    free(data);
    return YU_OK;
}

static yu_status blocks(engine *E, yu_error *err)
{
    bb B;
    memset(&B, 0, sizeof B);
    B.E = E;
    yu_doc *d = E->d;
    const yu_budget *b = E->b;
    d->title = yu_arena_printf(E->A, "%s部门预算", b->name);
    char cn[16];

    yu_block *tb = push_block(&B, YU_B_TITLE);
    if (tb) {
        tb->text = yu_arena_strdup(E->A, b->name);
        tb->sub = yu_arena_printf(E->A, "%d年部门预算", b->year);
    }
    /* 目录 */
    const char *p1 = yu_arena_printf(E->A, "第一部分 %s概况", b->name);
    const char *p2 = yu_arena_printf(E->A, "第二部分 %s%d年部门预算表", b->name, b->year);
    const char *p3 = yu_arena_printf(E->A, "第三部分 %s%d年部门预算情况说明", b->name, b->year);
    const char *p4 = "第四部分 名词解释";
    {
        yu_block *toc = push_block(&B, YU_B_TOC);
        if (toc) {
            size_t nt = 7 + E->L->ntables;
            toc->segs = yu_arena_alloc(E->A, nt * sizeof *toc->segs);
            toc->levels = yu_arena_alloc(E->A, nt * sizeof *toc->levels);
            if (!toc->segs || !toc->levels)
                B.oom = 1;
            else {
                size_t k = 0;
#define TOC(txt, lv, anc) do { toc->segs[k].text = (txt); toc->segs[k].table = (anc); toc->levels[k++] = (lv); } while (0)
                TOC(p1, 0, "part-1");
                TOC("一、主要职能", 1, "part-1");
                TOC("二、内设机构", 1, "part-1");
                TOC(p2, 0, "part-2");
                for (size_t i = 0; i < d->ntables; i++)
                    TOC(yu_arena_printf(E->A, "%s、%s", d->tables[i].lt->number ? d->tables[i].lt->number : "", d->tables[i].title), 1,
                        yu_arena_printf(E->A, "t-%s", d->tables[i].lt->id));
                TOC(p3, 0, "part-3");
                TOC(p4, 0, "part-4");
#undef TOC
                toc->nsegs = k;
            }
        }
    }
    /* 第一部分 */
    push_block(&B, YU_B_PAGEBREAK);
    yu_block *pb = push_block(&B, YU_B_PART);
    if (pb) {
        pb->text = "第一部分";
        pb->sub = yu_arena_printf(E->A, "%s概况", b->name);
        pb->anchor = "part-1";
    }
    heading(&B, YU_B_H1, "一、主要职能", NULL);
    paragraphs(&B, b->functions);
    heading(&B, YU_B_H1, "二、内设机构", NULL);
    paragraphs(&B, b->organisation);
    /* 第二部分 */
    push_block(&B, YU_B_PAGEBREAK);
    pb = push_block(&B, YU_B_PART);
    if (pb) {
        pb->text = "第二部分";
        pb->sub = yu_arena_printf(E->A, "%s%d年部门预算表", b->name, b->year);
        pb->anchor = "part-2";
    }
    for (size_t i = 0; i < d->ntables; i++) {
        const yu_table *T = &d->tables[i];
        if (i)
            push_block(&B, YU_B_PAGEBREAK);
        if (T->lt->shape == YU_SHAPE_PERF) {
            heading(&B, YU_B_H1, T->title, yu_arena_printf(E->A, "t-%s", T->lt->id));
            if (!d->nperf) {
                t(&B, "（注：%d年%s部门预算中没有需要公开的项目支出绩效目标。）", b->year, b->name);
                end_para(&B, YU_B_PARA);
            } else {
                t(&B, "按照预算公开要求，%s公开了", b->name);
                for (size_t k = 0; k < d->nperf; k++)
                    t(&B, "%s%s", k ? "、" : "", d->perf[k].p->name);
                t(&B, "等二级项目的%d年绩效目标表。", b->year);
                end_para(&B, YU_B_PARA);
            }
            for (size_t k = 0; k < d->nperf; k++) {
                yu_block *x = push_block(&B, YU_B_PERF);
                if (x)
                    x->index = k;
            }
            continue;
        }
        yu_block *x = push_block(&B, YU_B_TABLE);
        if (x) {
            x->index = i;
            x->text = T->title;
            x->anchor = yu_arena_printf(E->A, "t-%s", T->lt->id);
        }
    }
    /* 第三部分 */
    push_block(&B, YU_B_PAGEBREAK);
    pb = push_block(&B, YU_B_PART);
    if (pb) {
        pb->text = "第三部分";
        pb->sub = yu_arena_printf(E->A, "%s%d年部门预算情况说明", b->name, b->year);
        pb->anchor = "part-3";
    }
    yu_status st = narrative(&B, err);
    /* 第四部分 */
    push_block(&B, YU_B_PAGEBREAK);
    pb = push_block(&B, YU_B_PART);
    if (pb) {
        pb->text = "第四部分";
        pb->sub = "名词解释";
        pb->anchor = "part-4";
    }
    if (!st)
        st = glossary(&B, err);
    (void)cn;
    if (!st && B.oom)
        st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    if (!st) {
        d->blocks = yu_arena_alloc(E->A, (B.n ? B.n : 1) * sizeof *d->blocks);
        if (!d->blocks)
            st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        else {
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
