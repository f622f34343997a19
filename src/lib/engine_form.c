/* The performance forms as printed: the layout's `form` rows and `indicators`
 * (docs/layouts.md, "Performance forms") filled from a project and its funds
 * into a grid of cells with their spans (yu_form). Renderers only print it. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "engine_internal.h"

#define FORM_MAX_COLS 32

typedef struct fb {
    engine *E;
    const yu_perf *pf;
    yu_fcell *c; size_t n, cap;
    int *owner;        /* nrows × ncols: the cell covering each place, or -1 */
    size_t nrows, ncols;
    /* field values (text) and, for money fields, their value */
    const char *val[YU_FF_COUNT];
    int64_t money[YU_FF_COUNT];
    int is_money[YU_FF_COUNT];
} fb;

static int push(fb *B, yu_fcell x)
{
    if (B->n == B->cap) {
        size_t nc = B->cap ? B->cap * 2 : 32;
        yu_fcell *p = yu_arena_alloc(B->E->A, nc * sizeof *p);
        if (!p)
            return -1;
        if (B->n)
            memcpy(p, B->c, B->n * sizeof *p);
        B->c = p;
        B->cap = nc;
    }
    B->c[B->n] = x;
    return (int)B->n++;
}

/* The cell's text with its {field}s filled; NULL when out of memory. A label
 * naming a field that is empty (执行率分值（{exec_score}） unscored) prints blank. */
static const char *fill(fb *B, const char *tmpl, int label)
{
    yu_buf o;
    yu_buf_init(&o, 0);
    const char *s = tmpl;
    while (*s) {
        const char *open = strchr(s, '{');
        if (!open) {
            yu_buf_puts(&o, s);
            break;
        }
        yu_buf_printf(&o, "%.*s", (int)(open - s), s);
        const char *close = strchr(open, '}');
        int f = close ? yu_form_field_of(open + 1, (size_t)(close - open - 1)) : -1;
        if (f < 0) { /* the layout checked every field: not reached */
            yu_buf_puts(&o, open);
            break;
        }
        if (label && !*B->val[f]) {
            yu_buf_free(&o);
            return "";
        }
        yu_buf_puts(&o, B->val[f]);
        s = close + 1;
    }
    if (o.oom) {
        yu_buf_free(&o);
        return NULL;
    }
    char *r = yu_arena_strdup(B->E->A, o.p ? o.p : "");
    yu_buf_free(&o);
    return r;
}

/* a new cell at (r, c) from a template */
static int place(fb *B, size_t r, size_t c, const char *tmpl, int head)
{
    yu_fcell x;
    memset(&x, 0, sizeof x);
    x.row = (uint16_t)r;
    x.col = (uint16_t)c;
    x.rowspan = x.colspan = 1;
    int f = yu_form_cell_field(tmpl);
    if (!*tmpl)
        x.kind = YU_FC_TEXT;
    else if (f >= 0)
        x.kind = B->is_money[f] ? YU_FC_MONEY : YU_FC_TEXT;
    else
        x.kind = head ? YU_FC_HEAD : YU_FC_LABEL;
    if (f >= 0 && B->is_money[f]) {
        x.v = B->money[f];
        x.decimals = (uint8_t)B->pf->decimals;
    }
    x.text = fill(B, tmpl, f < 0);
    if (!x.text)
        return -1;
    int k = push(B, x);
    if (k >= 0)
        B->owner[r * B->ncols + c] = k;
    return k;
}

/* One `form` row (or the indicators' heads): "^" goes on with the cell above,
 * "<" with the cell left; a row of fewer cells than the grid's columns has its
 * last cell span the rest. */
static int lay_row(fb *B, size_t r, const char *row, int head)
{
    char *copy = yu_arena_strdup(B->E->A, row);
    if (!copy)
        return -1;
    char *t[FORM_MAX_COLS];
    size_t n = 0;
    for (char *s = copy; s && n < FORM_MAX_COLS;) {
        t[n++] = s;
        char *bar = strchr(s, '|');
        if (bar)
            *bar++ = 0;
        s = bar;
    }
    for (size_t c = 0; c < B->ncols; c++) {
        if (B->owner[r * B->ncols + c] >= 0)
            continue; /* covered by a cell going on from above */
        const char *tm = c < n ? t[c] : "<";
        if (!strcmp(tm, "^") && r > 0 && B->owner[(r - 1) * B->ncols + c] >= 0) {
            int k = B->owner[(r - 1) * B->ncols + c];
            yu_fcell *x = &B->c[k];
            if ((size_t)x->row + x->rowspan == r) {
                x->rowspan++;
                for (size_t j = x->col; j < (size_t)x->col + x->colspan; j++)
                    B->owner[r * B->ncols + j] = k;
                continue;
            }
        }
        if (!strcmp(tm, "<") && c > 0 && B->owner[r * B->ncols + c - 1] >= 0) {
            int k = B->owner[r * B->ncols + c - 1];
            yu_fcell *x = &B->c[k];
            if (x->row == r && x->rowspan == 1) {
                x->colspan++;
                B->owner[r * B->ncols + c] = k;
                continue;
            }
        }
        if (place(B, r, c, (!strcmp(tm, "^") || !strcmp(tm, "<")) ? "" : tm, head) < 0)
            return -1;
    }
    return 0;
}

static size_t count_cells(const char *row)
{
    size_t n = 1;
    for (const char *s = row; (s = strchr(s, '|')) != NULL; s++)
        n++;
    return n;
}

static int text_cell(fb *B, size_t r, size_t c, size_t colspan, size_t rowspan, const char *s, int num, int64_t v)
{
    yu_fcell x;
    memset(&x, 0, sizeof x);
    x.row = (uint16_t)r;
    x.col = (uint16_t)c;
    x.colspan = (uint16_t)colspan;
    x.rowspan = (uint16_t)rowspan;
    x.kind = num ? YU_FC_NUM : YU_FC_TEXT;
    x.v = v;
    x.decimals = num ? 2 : 0;
    x.text = s ? s : "";
    int k = push(B, x);
    if (k < 0)
        return -1;
    for (size_t i = r; i < r + rowspan; i++)
        for (size_t j = c; j < c + colspan; j++)
            B->owner[i * B->ncols + j] = k;
    return 0;
}

static const char *S(const char *s)
{
    return s ? s : "";
}

yu_status eng_build_form(engine *E, const yu_ltable *lt, yu_perf *pf, yu_error *err)
{
    const yu_project *p = pf->p;
    fb B;
    memset(&B, 0, sizeof B);
    B.E = E;
    B.pf = pf;
    yu_arena *A = E->A;
    int year = E->b->year;
    char ys[16];
    snprintf(ys, sizeof ys, "%d", year);
    /* 项目资金总额 and its parts: the project's own when given, else this year's */
    int64_t life[3];
    if (p->has_life) {
        yu_money v[2] = {p->life_fiscal, p->life_other};
        int64_t r2[2];
        yu_alloc_round(yu_round_units(p->life_total, pf->unit_fen), v, 2, pf->unit_fen, r2);
        life[0] = r2[0] + r2[1];
        life[1] = r2[0];
        life[2] = r2[1];
    } else {
        life[0] = pf->total;
        life[1] = pf->fiscal + pf->carry;
        life[2] = pf->other;
    }
    const int64_t mv[][2] = {{YU_FF_TOTAL, pf->total},         {YU_FF_FISCAL, pf->fiscal},
                             {YU_FF_CARRY, pf->carry},         {YU_FF_OTHER, pf->other},
                             {YU_FF_LIFE_TOTAL, life[0]},      {YU_FF_LIFE_FISCAL, life[1]},
                             {YU_FF_LIFE_OTHER, life[2]}};
    for (size_t i = 0; i < sizeof mv / sizeof mv[0]; i++) {
        char a[64];
        int f = (int)mv[i][0];
        B.is_money[f] = 1;
        B.money[f] = mv[i][1];
        B.val[f] = yu_arena_strdup(A, yu_fmt_units(mv[i][1], pf->decimals, YU_NUM_TABLE, a, sizeof a));
    }
    B.val[YU_FF_NAME] = S(p->name);
    B.val[YU_FF_DEPARTMENT] = S(p->department);
    B.val[YU_FF_IMPLEMENTER] = S(p->implementer);
    B.val[YU_FF_NATURE] = S(p->nature);
    B.val[YU_FF_CATEGORY] = S(p->category);
    /* an annual budget's project runs the year unless the preparer says otherwise */
    B.val[YU_FF_START] = p->start && *p->start ? p->start : yu_arena_printf(A, "%d-01-01", year);
    B.val[YU_FF_FINISH] = p->finish && *p->finish ? p->finish : yu_arena_printf(A, "%d-12-31", year);
    B.val[YU_FF_UNIT] = S(pf->unit_label);
    B.val[YU_FF_EXEC_SCORE] = p->exec_score ? yu_arena_printf(A, "%d", p->exec_score) : "";
    B.val[YU_FF_WEIGHTS] = yu_arena_printf(A, "%d", 100 - p->exec_score);
    B.val[YU_FF_YEAR] = yu_arena_strdup(A, ys);
    B.val[YU_FF_GOAL] = S(p->goal);
    B.val[YU_FF_LIFE_GOAL] = p->life_goal && *p->life_goal ? p->life_goal : S(p->goal);
    for (int f = 0; f < YU_FF_COUNT; f++)
        if (!B.val[f])
            return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");

    /* the grid: the widest row gives its columns */
    size_t ncols = 1;
    for (size_t r = 0; r < lt->nform; r++) {
        size_t k = count_cells(lt->form[r]);
        if (k > ncols)
            ncols = k;
    }
    size_t nind = lt->indicators ? count_cells(lt->indicators) : 0;
    if (nind > ncols)
        ncols = nind;
    if (ncols > FORM_MAX_COLS)
        ncols = FORM_MAX_COLS;
    B.ncols = ncols;
    B.nrows = lt->nform + (lt->indicators ? 1 + pf->nrows : 0);
    B.owner = malloc(B.nrows * B.ncols * sizeof *B.owner);
    if (!B.owner)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < B.nrows * B.ncols; i++)
        B.owner[i] = -1;
    int bad = 0;
    for (size_t r = 0; r < lt->nform && !bad; r++)
        bad = lay_row(&B, r, lt->form[r], 0) < 0;
    size_t ir = lt->nform;
    if (lt->indicators && !bad) {
        /* the label down the indicators, then the heads */
        char *lab = yu_arena_strdup(A, lt->indicators);
        char *bar = lab ? strchr(lab, '|') : NULL;
        if (!lab)
            bad = 1;
        else {
            if (bar)
                *bar = 0;
            int k = place(&B, ir, 0, lab, 0);
            if (k < 0)
                bad = 1;
            else {
                B.c[k].rowspan = (uint16_t)(1 + pf->nrows);
                for (size_t r = ir + 1; r < B.nrows; r++)
                    B.owner[r * B.ncols] = k;
            }
            if (!bad && bar && lay_row(&B, ir, lt->indicators, 1) < 0)
                bad = 1;
        }
        /* the indicators: 一级 and 二级 go on down their runs; a fifth head is the weights' */
        size_t nh = nind > 1 ? nind - 1 : 0;
        int weights = nh >= 5;
        for (size_t r = 0; r < pf->nrows && !bad; r++) {
            const yu_perf_row *x = &pf->rows[r];
            size_t row = ir + 1 + r, c0 = 1;
            const char *v[5] = {S(x->l1), S(x->l2), S(x->l3), S(x->value), NULL};
            for (size_t k = 0; k < 4 && c0 + k < B.ncols && !bad; k++) {
                if (B.owner[row * B.ncols + c0 + k] >= 0)
                    continue;
                size_t span = 1;
                if (k < 2) { /* the run of rows sharing this level (and the one before) */
                    size_t e = r + 1;
                    while (e < pf->nrows && !strcmp(S(pf->rows[e].l1), S(x->l1)) &&
                           (k == 0 || !strcmp(S(pf->rows[e].l2), S(x->l2))))
                        e++;
                    span = e - r;
                }
                size_t cs = (!weights && k == 3) ? B.ncols - (c0 + k) : 1;
                bad = text_cell(&B, row, c0 + k, cs, span, v[k], 0, 0) < 0;
            }
            if (weights && c0 + 4 < B.ncols && !bad) {
                char w[32];
                const char *ws = yu_arena_strdup(A, yu_fmt_units(x->weight, 2, YU_NUM_PROSE, w, sizeof w));
                bad = !ws || text_cell(&B, row, c0 + 4, B.ncols - (c0 + 4), 1, ws, 1, x->weight) < 0;
            }
        }
    }
    free(B.owner);
    if (bad)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    yu_form *F = &pf->form;
    F->nrows = B.nrows;
    F->ncols = B.ncols;
    F->ind_row = lt->indicators ? ir : B.nrows;
    F->cells = B.c;
    F->ncells = B.n;
    /* cells in row-major order of their top-left corner */
    for (size_t i = 1; i < F->ncells; i++) {
        yu_fcell x = F->cells[i];
        size_t j = i;
        while (j > 0 && (F->cells[j - 1].row > x.row || (F->cells[j - 1].row == x.row && F->cells[j - 1].col > x.col))) {
            F->cells[j] = F->cells[j - 1];
            j--;
        }
        F->cells[j] = x;
    }
    F->title = lt->form_title ? fill(&B, lt->form_title, 0) : S(lt->title);
    F->subtitle = lt->form_sub ? fill(&B, lt->form_sub, 0) : yu_arena_printf(A, "（%d年度）", year);
    if (!F->title || !F->subtitle)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    return YU_OK;
}
