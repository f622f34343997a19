/* Audit: two-sided tables (收入 | 支出 side by side), read by the line labels
 * of each side (audit_internal.h). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "audit_internal.h"

/* a layout label (alternatives separated by '|') equal to the canonical text,
 * exactly or once both lose their numbering (1. / 1、 / 一、) */
static int item_label_is(rd *r, const char *label, const char *norm, int loose)
{
    char *alts = yu_arena_strdup(r->A, label);
    if (!alts)
        return 0;
    char *save = NULL;
    for (char *w = strtok_r(alts, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
        const char *c = yu_canon(r->A, w);
        if (!c)
            continue;
        if (!strcmp(c, norm))
            return 1;
        if (loose && !strcmp(au_strip_number(c), au_strip_number(norm)))
            return 1;
    }
    return 0;
}

/* the 类 code of a line label (一、一般公共服务支出 / (一)外交支出), or NULL */
static const char *class_of(rd *r, const char *norm)
{
    const char *s = norm;
    if (s[0] == '(' && strchr(s, ')'))
        s = strchr(s, ')') + 1;
    else
        s = au_strip_title_prefix(s);
    for (size_t i = 0; r->func && i < yu_catalog_size(r->func); i++) {
        const char *code, *name;
        yu_catalog_at(r->func, i, &code, &name);
        if (strlen(code) == 3 && au_label_eq(r, s, name))
            return code;
    }
    return NULL;
}

int au_has_class_items(const yu_ltable *lt)
{
    for (size_t i = 0; i < lt->nitems; i++)
        if (lt->items[i].dynamic)
            return 1;
    return 0;
}

/* the key of a two-sided table's line label; a label printed twice (the
 * (一)一般公共预算拨款 of 本年收入 and of 上年结转) takes the next line of the
 * layout after the one matched last.  NULL when the label is unknown. */
static const char *twoside_key2(rd *r, const yu_ltable *lt, int side, const char *norm, int *cursor, int strict)
{
    for (int loose = 0; loose < 2 - strict; loose++)
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = pass ? 0 : (size_t)(*cursor + 1); i < lt->nitems; i++) {
                const yu_litem *it = &lt->items[i];
                if (it->dynamic || !it->label[side] || !it->label[side][0])
                    continue;
                if (item_label_is(r, it->label[side], norm, loose)) {
                    if (it->kind != YU_LI_PAIR)
                        *cursor = (int)i;
                    return it->key[side];
                }
            }
    if (au_has_class_items(lt)) {
        const char *c = class_of(r, norm);
        if (c)
            return yu_arena_printf(r->A, "class:%s", c);
    }
    return NULL;
}

static const char *twoside_key(rd *r, const yu_ltable *lt, int side, const char *norm, int *cursor)
{
    return twoside_key2(r, lt, side, norm, cursor, 0);
}

static void mark_pairs(const yu_ltable *lt, yu_row *row)
{
    for (size_t k = 0; k < lt->nitems; k++)
        if (lt->items[k].kind == YU_LI_PAIR &&
            ((row->key[0] && !strcmp(row->key[0], lt->items[k].key[0])) ||
             (row->key[1] && !strcmp(row->key[1], lt->items[k].key[1]))))
            row->flags = YU_ROW_TOTAL;
}

/* tab-separated: label and amount cells by position */
static yu_status read_twoside_tabbed(rd *r, tctx *X, int from, int to)
{
    yu_table *T = X->T;
    const yu_ltable *lt = T->lt;
    int ci[2][2] = {{yu_ltable_col(lt, "in.item"), yu_ltable_col(lt, "in.amount")},
                    {yu_ltable_col(lt, "out.item"), yu_ltable_col(lt, "out.amount")}};
    int cursor[2] = {-1, -1};
    for (int i = au_header_start(r, from, to); i < to; i++) {
        const ln *L = &r->l[i];
        if (!L->norm[0] || au_is_rule_line(L) || au_is_header_line(r, T, L) || au_is_unit_line(L))
            continue;
        const tok *lab[2] = {NULL, NULL}, *num[2] = {NULL, NULL};
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            if (!t->norm[0] || t->a > 3)
                continue;
            if (t->a % 2)
                num[t->a / 2] = t;
            else
                lab[t->a / 2] = t;
        }
        if (!lab[0] && !lab[1])
            continue;
        yu_row *row = au_add_row(r, T, &X->cap);
        if (!row)
            return YU_ENOMEM;
        row->line = L->no;
        row->page = L->page;
        for (int s = 0; s < 2; s++) {
            if (lab[s]) {
                if (ci[s][0] >= 0) {
                    row->cells[ci[s][0]].kind = YU_CELL_TEXT;
                    row->cells[ci[s][0]].text = lab[s]->s;
                }
                const char *k = twoside_key(r, lt, s, lab[s]->norm, &cursor[s]);
                row->key[s] = k ? k : yu_arena_strdup(r->A, lab[s]->norm);
            }
            if (num[s] && ci[s][1] >= 0)
                au_put_value(r, X, &row->cells[ci[s][1]], num[s], 0);
            else if (lab[s] && ci[s][1] >= 0 && !(row->key[s] && !strncmp(row->key[s], "grand", 5))) {
                row->cells[ci[s][1]].kind = YU_CELL_MONEY; /* blank = 0; a blank 总计 stays blank */
                row->cells[ci[s][1]].v = 0;
            }
        }
        row->name = lab[0] ? lab[0]->s : lab[1]->s;
        mark_pairs(lt, row);
    }
    T->empty = 0;
    return YU_OK;
}

typedef struct titem {     /* one line item of a side */
    int line, side;
    const char *text;      /* label so far, canonical */
    const char *shown;     /* label as printed */
    const char *key;       /* layout key, class:CODE, or NULL (unknown) */
    int cursor_after;
    yu_cell *cells;
    int *cline;
} titem;

int au_numbered(const char *norm)
{
    return au_strip_title_prefix(norm) != norm || (norm[0] == '(' && strchr(norm, ')') && strchr(norm, ')') - norm <= 7);
}

/* space-aligned: items per side (labels wrapped over lines are joined),
 * figures to the item on their line, or to the nearest one with the column free */
static yu_status read_twoside_space(rd *r, tctx *X, int from, int to)
{
    yu_table *T = X->T;
    const yu_ltable *lt = T->lt;
    int nc = (int)lt->ncols;
    int h0 = au_header_start(r, from, to);
    int body = h0;
    /* the header ends at the first line with a figure or a known line label */
    for (; body < to; body++) {
        const ln *L = &r->l[body];
        int hit = 0, cur = -1;
        for (int j = 0; j < L->nt && !hit; j++)
            hit = L->t[j].isnum || twoside_key2(r, lt, 0, L->t[j].norm, &cur, 1) ||
                  twoside_key2(r, lt, 1, L->t[j].norm, &cur, 1);
        if (hit)
            break;
    }
    anc *A = yu_arena_alloc(r->A, (size_t)(nc + 1) * sizeof *A);
    if (!A)
        return YU_ENOMEM;
    au_find_anchors(r, T, h0, body, 1, A);
    int iin = yu_ltable_col(lt, "in.amount"), oit = yu_ltable_col(lt, "out.item");
    int split = iin >= 0 && A[iin].x >= 0 ? A[iin].x : 30;
    /* value columns of each side */
    int vcols[2][16], nv[2] = {0, 0};
    for (int c = 0; c < nc; c++)
        if (au_is_value_col(lt->cols[c].key) && A[c].x >= 0) {
            int s = !strncmp(lt->cols[c].key, "out.", 4);
            if (nv[s] < 16)
                vcols[s][nv[s]++] = c;
        }
    int right_from = oit >= 0 && A[oit].x >= 0 ? A[oit].a : split;
    titem *it = NULL;
    int nit = 0, capit = 0;
    gfl *fl = NULL;
    int nfl = 0, capfl = 0;
    int cursor[2] = {-1, -1};
    yu_status st = YU_OK;
    for (int i = body; i < to && !st; i++) {
        const ln *L = &r->l[i];
        if (!L->nt || !L->norm[0] || au_is_rule_line(L) || au_is_unit_line(L) || au_is_remark(L) || au_is_char_line(L))
            continue;
        const tok *lab[2][4];
        int nl[2] = {0, 0};
        const tok *num[2][16];
        int nn[2] = {0, 0};
        int side = 0, seen_num = 0;
        for (int j = 0; j < L->nt; j++) {
            const tok *t = &L->t[j];
            if (!t->norm[0])
                continue;
            int x = (t->a + t->b) / 2;
            if (t->isnum) {
                /* the side whose amount columns are nearer */
                int s = 0;
                long best = 1L << 40;
                for (int q = 0; q < 2; q++)
                    for (int k = 0; k < nv[q]; k++) {
                        long d = labs((long)x - A[vcols[q][k]].x);
                        if (d < best) {
                            best = d;
                            s = q;
                        }
                    }
                if (nn[s] < 16)
                    num[s][nn[s]++] = t;
                seen_num = 1;
            } else {
                /* a number (1. / 1、) printed apart from its label joins it */
                int bare = nl[side] && !*au_strip_title_prefix(lab[side][nl[side] - 1]->norm) && !seen_num;
                if (!bare && (seen_num || nl[0] || t->a > split || (t->a >= right_from && right_from > split)))
                    side = 1;
                if (bare) {
                    tok *m = yu_arena_alloc(r->A, sizeof *m);
                    if (m) {
                        *m = *lab[side][nl[side] - 1];
                        m->s = yu_arena_printf(r->A, "%s %s", m->s, t->s);
                        m->norm = yu_arena_printf(r->A, "%s%s", m->norm, t->norm);
                        m->b = t->b;
                        lab[side][nl[side] - 1] = m;
                    }
                } else if (nl[side] < 4)
                    lab[side][nl[side]++] = t;
            }
        }
        if (!nl[0] && !nl[1] && !nn[0] && !nn[1])
            continue;
        if (au_is_header_line(r, T, L) && !nn[0] && !nn[1]) {
            int known = 0, cur = -1;
            for (int s = 0; s < 2; s++)
                for (int k = 0; k < nl[s]; k++)
                    known |= twoside_key(r, lt, s, lab[s][k]->norm, &cur) != NULL;
            if (!known)
                continue;
        }
        for (int s = 0; s < 2; s++) {
            titem *cur_it = NULL;
            for (int k = 0; k < nl[s]; k++) {
                const tok *t = lab[s][k];
                /* the previous item of the side, if this continues its label */
                titem *prev = NULL;
                for (int q = nit - 1; q >= 0; q--)
                    if (it[q].side == s) {
                        prev = &it[q];
                        break;
                    }
                int c2 = cursor[s];
                if (prev && !prev->key && i - prev->line <= 2 && !au_numbered(t->norm) &&
                    !twoside_key(r, lt, s, t->norm, &c2)) {
                    prev->text = au_join(r, prev->text, t->norm);
                    prev->shown = au_join(r, prev->shown, t->s);
                    cursor[s] = prev->cursor_after;
                    prev->key = twoside_key(r, lt, s, prev->text, &cursor[s]);
                    prev->cursor_after = cursor[s];
                    cur_it = prev;
                    continue;
                }
                if (nit == capit) {
                    int ncap = capit ? capit * 2 : 64;
                    titem *ni = realloc(it, (size_t)ncap * sizeof *ni);
                    if (!ni) {
                        st = YU_ENOMEM;
                        break;
                    }
                    it = ni;
                    capit = ncap;
                }
                titem *n = &it[nit++];
                memset(n, 0, sizeof *n);
                n->line = i;
                n->side = s;
                n->text = t->norm;
                n->shown = t->s;
                int before = cursor[s];
                n->key = twoside_key(r, lt, s, t->norm, &cursor[s]);
                n->cursor_after = n->key ? cursor[s] : before;
                if (!n->key)
                    cursor[s] = before;
                n->cells = yu_arena_alloc(r->A, (size_t)(nc + 1) * sizeof *n->cells);
                n->cline = yu_arena_alloc(r->A, (size_t)(nc + 1) * sizeof *n->cline);
                if (!n->cells || !n->cline) {
                    st = YU_ENOMEM;
                    break;
                }
                cur_it = n;
            }
            if (st)
                break;
            int out[16];
            const tok *vv[16];
            for (int k = 0; k < nn[s]; k++)
                vv[k] = num[s][k];
            au_assign_values(vv, nn[s], vcols[s], A, nv[s], out);
            for (int k = 0; k < nn[s]; k++) {
                if (out[k] < 0) {
                    r->info->unreadable++;
                    continue;
                }
                titem *own = cur_it && cur_it->line == i ? cur_it : NULL;
                if (own && own->cells[out[k]].kind == YU_CELL_EMPTY) {
                    au_put_value(r, X, &own->cells[out[k]], vv[k], 0);
                    own->cline[out[k]] = i;
                    continue;
                }
                if (nfl == capfl) {
                    int ncap = capfl ? capfl * 2 : 64;
                    gfl *nf = realloc(fl, (size_t)ncap * sizeof *nf);
                    if (!nf) {
                        st = YU_ENOMEM;
                        break;
                    }
                    fl = nf;
                    capfl = ncap;
                }
                fl[nfl++] = (gfl){i, s, out[k], vv[k]};
            }
        }
    }
    /* figures on lines of their own: the nearest item of the side with the column free */
    for (int k = 0; k < nfl && !st; k++) {
        const gfl *f = &fl[k];
        titem *P = NULL, *N = NULL;
        for (int q = 0; q < nit; q++) {
            if (it[q].side != f->half)
                continue;
            if (it[q].line <= f->line)
                P = &it[q];
            else if (!N)
                N = &it[q];
        }
        int fp = P && P->cells[f->col].kind == YU_CELL_EMPTY;
        int fn = N && N->cells[f->col].kind == YU_CELL_EMPTY;
        titem *dst = fp && fn ? (f->line - P->line < N->line - f->line ? P : N) : fp ? P : fn ? N : NULL;
        if (dst) {
            au_put_value(r, X, &dst->cells[f->col], f->t, 0);
            dst->cline[f->col] = f->line;
        } else
            r->info->unreadable++;
    }
    /* rows: the items starting on the same line share a row */
    int ci_item[2] = {yu_ltable_col(lt, "in.item"), oit};
    for (int q = 0; q < nit && !st; q++) {
        if (it[q].side == 1 && q > 0 && it[q - 1].side == 0 && it[q - 1].line == it[q].line)
            continue; /* joined with the left item below */
        yu_row *row = au_add_row(r, T, &X->cap);
        if (!row) {
            st = YU_ENOMEM;
            break;
        }
        row->line = r->l[it[q].line].no;
        row->page = r->l[it[q].line].page;
        for (int s = 0; s < 2; s++) {
            const titem *x = NULL;
            if (it[q].side == s)
                x = &it[q];
            else if (s == 1 && q + 1 < nit && it[q + 1].side == 1 && it[q + 1].line == it[q].line)
                x = &it[q + 1];
            if (!x)
                continue;
            if (ci_item[s] >= 0) {
                row->cells[ci_item[s]].kind = YU_CELL_TEXT;
                row->cells[ci_item[s]].text = x->shown;
            }
            row->key[s] = x->key ? x->key : x->text;
            for (int c = 0; c < nc; c++)
                if (au_is_value_col(lt->cols[c].key) && A[c].x >= 0 && !strncmp(lt->cols[c].key, s ? "out." : "in.", s ? 4 : 3)) {
                    if (x->cells[c].kind != YU_CELL_EMPTY)
                        row->cells[c] = x->cells[c];
                    else if (!(row->key[s] && !strncmp(row->key[s], "grand", 5))) {
                        row->cells[c].kind = YU_CELL_MONEY; /* blank = 0; a blank 总计 stays blank */
                        row->cells[c].v = 0;
                    }
                }
        }
        row->name = it[q].shown;
        mark_pairs(lt, row);
    }
    free(it);
    free(fl);
    T->empty = 0;
    return st;
}

yu_status au_read_twoside(rd *r, tctx *X, int from, int to)
{
    for (int i = au_header_start(r, from, to); i < to; i++)
        if (r->l[i].nt && r->l[i].norm[0] && !au_is_unit_line(&r->l[i]))
            return r->l[i].tabbed ? read_twoside_tabbed(r, X, from, to) : read_twoside_space(r, X, from, to);
    return read_twoside_space(r, X, from, to);
}

