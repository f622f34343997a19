/* Across years (rules.h, yu_check_years): a document read with its template
 * against last year's document of the same unit and template kept in the
 * store (`yusuan db import-doc`).
 *
 *   Y-CARRY   the layout's `prior` statements: this year's cell = last
 *             year's (年初结转和结余 = 上年决算的年末结转和结余).
 *   Y-CHANGE  a change the narrative states against last year's 预算 or 决算
 *             of the same kind (…X万元，比2024年预算增加B万元): X − B (X + B
 *             for 减少) is the figure last year's document printed.
 *
 * Figures are compared in 分; each side may be off by half a printed digit
 * (the narrative's figures by half of theirs), so only a difference beyond
 * the rounding of both is reported. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/rules.h"
#include "yusuan/store.h"
#include "yusuan/render.h"
#include "yusuan/money.h"
#include "internal.h"
#include "rules_internal.h"

static const yu_rule_info RULES[] = {
    {"Y-CARRY", "this year's 年初结转和结余 (and the layout's other `prior` cells) = last year's 年末结转和结余 in last "
                "year's document of the unit kept in the store (audit --db)"},
    {"Y-CHANGE", "a change the narrative states against last year (比2024年预算增加B万元) = this year's figure − the "
                 "figure last year's document of the unit printed (audit --db)"},
};

const yu_rule_info *yu_years_rules(size_t *n)
{
    *n = sizeof RULES / sizeof RULES[0];
    return RULES;
}

/* the row of a table a layout reference names */
static const yu_row *ref_row(const yu_table *t, const char *row)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const yu_row *r = &t->rows[i];
        if ((r->key[0] && !strcmp(r->key[0], row)) || (r->key[1] && !strcmp(r->key[1], row)) ||
            (r->code[0] && !strcmp(r->code, row)) || (!strcmp(row, "total") && (r->flags & YU_ROW_TOTAL)))
            return r;
    }
    return NULL;
}

/* the key a row is kept under in the store (yu_store_import_doc) */
static const char *kept_key(const yu_row *r, const char *row)
{
    if (r->key[0])
        return r->key[0];
    if (r->key[1])
        return r->key[1];
    if (r->code[0])
        return r->code;
    return row;
}

/* what a reader calls a cell: the line's label on its side of a two-sided
 * table (in.item / out.item), the row's name, else the column's header */
static const char *cell_label(const yu_table *t, const yu_row *r, const char *col, char *buf, size_t cap)
{
    const char *dot = strchr(col, '.');
    if (dot) {
        char k[32];
        snprintf(k, sizeof k, "%.*sitem", (int)(dot - col + 1), col);
        int ci = yu_ltable_col(t->lt, k);
        if (ci >= 0 && r->cells[ci].kind == YU_CELL_TEXT && r->cells[ci].text && *r->cells[ci].text)
            return r->cells[ci].text;
    }
    if (r->name && *r->name)
        return r->name;
    int ci = yu_ltable_col(t->lt, col);
    if (ci < 0 || !t->hdr)
        return col;
    /* the header path, 公务用车购置及运行费/小计; the table's own top
     * label left out when the column has more than it */
    const char *const *h = t->hdr + (size_t)ci * YU_HDR_MAX;
    int n = 0;
    while (n < YU_HDR_MAX && h[n])
        n++;
    if (!n)
        return col;
    int from = n > 2 ? n - 2 : 0;
    if (from == n - 1 || !buf)
        return h[n - 1];
    snprintf(buf, cap, "%s/%s", h[from], h[n - 1]);
    return buf;
}

typedef struct yc {
    const yu_doc *d;
    yu_store *s;
    yu_findings *out;
    yu_error *err;
    int64_t ufen; /* 分 per display unit of this document */
    int oom;
} yc;

static void add(yc *c, const char *rule, const char *table, const char *row, const char *col, int page, int line,
                int64_t got, int64_t want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yu_finding *f = yu_findings_vadd(c->out, rule, YU_SEV_ERROR, table, row, col, got, want, fmt, ap);
    va_end(ap);
    if (!f) {
        c->oom = 1;
        return;
    }
    f->page = page;
    f->line = line;
    f->fen = 1; /* both figures in 分 */
}

/* last year's cell: 1 found */
static int prior_cell(yc *c, const char *table, const char *key, const char *col, int64_t *fen, char **origin)
{
    int found = 0;
    if (yu_store_doc_cell(c->s, c->d->b->name, c->d->b->year - 1, c->d->L->id, table, key, col, &found, fen, origin,
                          c->err))
        return -1;
    return found;
}

static int priors(yc *c)
{
    const yu_layout *L = c->d->L;
    for (size_t i = 0; i < L->npriors && !c->oom; i++) {
        const yu_ident *id = &L->priors[i];
        const yu_ref *a = &id->lhs[0], *b = &id->rhs[0];
        const yu_table *ta = yu_doc_table(c->d, a->table), *tb = yu_doc_table(c->d, b->table);
        if (!ta || !tb)
            continue;
        const yu_row *ra = ref_row(ta, a->row), *rb = ref_row(tb, b->row);
        int ca = yu_ltable_col(ta->lt, a->col);
        if (!ra || !rb || ca < 0 || ra->cells[ca].kind != YU_CELL_MONEY)
            continue;
        int64_t prev = 0;
        char *origin = NULL;
        int r = prior_cell(c, b->table, kept_key(rb, b->row), b->col, &prev, &origin);
        if (r < 0)
            return -1;
        if (!r)
            continue;
        /* the cell as printed, in its table's own unit (分 per last digit) */
        int64_t tu = ta->unit_fen > 0 ? ta->unit_fen : c->ufen;
        int64_t cur = ra->cells[ca].v * tu;
        /* both printed in the same unit: equal to the digit */
        int64_t diff = cur > prev ? cur - prev : prev - cur;
        if (diff * 2 > tu) {
            char x[48], y[48], z[48];
            int dec = yu_table_decimals(c->d, ta);
            yu_fmt_units(yu_round_units(cur, tu), dec, YU_NUM_TABLE, x, sizeof x);
            yu_fmt_units(yu_round_units(prev, tu), dec, YU_NUM_TABLE, y, sizeof y);
            yu_fmt_units(yu_round_units(diff, tu), dec, YU_NUM_TABLE, z, sizeof z);
            char lb1[160], lb2[160];
            const char *la = cell_label(ta, ra, a->col, lb1, sizeof lb1);
            add(c, id->rule ? id->rule : "Y-CARRY", ta->lt->id, la, a->col, ra->page, ra->line, cur, prev,
                "《%s》“%s”为%s，而%d年的公开文件（%s）中%s为%s，相差%s。", ta->title ? ta->title : "", la, x,
                c->d->b->year - 1, origin ? origin : "", id->what ? id->what : cell_label(tb, rb, b->col, lb2, sizeof lb2), y,
                z);
        }
        free(origin);
    }
    return 0;
}

/* 比2024年预算 / 比上年 / 较上年决算 … in the text before a change: 1 when it
 * compares with last year's document of this kind (a 预算 with a 预算, a
 * 决算 with a 决算), not with an execution figure */
static int speaks_of_last_year(const char *t, int year, int final)
{
    char y1[16];
    snprintf(y1, sizeof y1, "%d年", year - 1);
    const char *cmp = strstr(t, "比");
    if (!cmp)
        cmp = strstr(t, "较");
    if (!cmp)
        cmp = strstr(t, "与");
    if (!cmp || (!strstr(cmp, y1) && !strstr(cmp, "上年") && !strstr(cmp, "上一年")))
        return 0;
    if (strstr(cmp, "执行") || strstr(cmp, "调整"))
        return 0;
    if (final)
        return !strstr(cmp, "预算");
    return strstr(cmp, "预算") != NULL && !strstr(cmp, "决算");
}

static int changes(yc *c)
{
    const yu_doc *d = c->d;
    int final = d->L->kind && strstr(d->L->kind, "final") != NULL;
    for (size_t bi = 0; bi < d->nblocks && !c->oom; bi++) {
        const yu_block *B = &d->blocks[bi];
        if (B->kind != YU_B_PARA)
            continue;
        for (size_t i = 0; i < B->nsegs; i++) {
            const yu_seg *f = &B->segs[i];
            if (f->kind != YU_SEG_MONEY || !f->table || !f->row || !f->col || !strcmp(f->col, "diff"))
                continue;
            /* the change of it: the next figure, a diff of the same cell */
            size_t j = i + 1;
            while (j < B->nsegs && B->segs[j].kind == YU_SEG_TEXT)
                j++;
            if (j >= B->nsegs || j != i + 2)
                continue;
            const yu_seg *g = &B->segs[j];
            if (g->kind != YU_SEG_MONEY || !g->col || strcmp(g->col, "diff") || !g->table ||
                strcmp(g->table, f->table) || !g->row || strcmp(g->row, f->row))
                continue;
            const char *between = B->segs[i + 1].text ? B->segs[i + 1].text : "";
            if (!speaks_of_last_year(between, d->b->year, final))
                continue;
            int up = strstr(between, "增加") != NULL, down = strstr(between, "减少") != NULL;
            if (up == down)
                continue;
            const yu_table *t = yu_doc_table(d, f->table);
            const yu_row *r = t ? ref_row(t, f->row) : NULL;
            if (!t || !r)
                continue;
            int64_t prev = 0;
            char *origin = NULL;
            int k = prior_cell(c, f->table, kept_key(r, f->row), f->col, &prev, &origin);
            if (k < 0)
                return -1;
            if (!k)
                continue;
            /* the narrative's figures in 分 (each carries its unit, compiled or read) */
            int64_t cur = f->v * f->unit_fen, chg = g->v * g->unit_fen;
            int64_t implied = up ? cur - chg : cur + chg;
            /* each printed figure off by half its last digit */
            int64_t tol = 0;
            for (int s = 0; s < 2; s++) {
                const yu_seg *x = s ? g : f;
                /* the figure's own last digit, or the last the document printed */
                int64_t digit = x->unit_fen;
                for (int q = x->printed ? x->printed - 1 : x->decimals; q < x->decimals; q++)
                    digit *= 10;
                tol += digit / 2;
            }
            tol += c->ufen / 2;
            int64_t diff = implied > prev ? implied - prev : prev - implied;
            if (diff > tol) {
                char a[48], b2[48], e[48], pv[48];
                const char *u = d->L->prose_label ? d->L->prose_label : d->unit_label ? d->unit_label : "";
                yu_seg_text(d, f, a, sizeof a);
                yu_seg_text(d, g, b2, sizeof b2);
                yu_seg fake = *f;
                /* in the figure's own unit */
                int64_t fu = f->unit_fen;
                fake.v = yu_round_units(implied, fu);
                fake.printed = 0;
                yu_seg_text(d, &fake, e, sizeof e);
                fake.v = yu_round_units(prev, fu);
                yu_seg_text(d, &fake, pv, sizeof pv);
                char lb1[160];
                const char *la = cell_label(t, r, f->col, lb1, sizeof lb1);
                add(c, "Y-CHANGE", "narrative", la, f->col, B->page, B->line, implied, prev,
                    "情况说明称%s%s，比%d年%s%s%s%s，即%d年为%s%s；而%d年的公开文件（%s）《%s》“%s”为%s%s。", a, u,
                    d->b->year - 1, final ? "决算" : "预算", up ? "增加" : "减少", b2, u, d->b->year - 1, e, u,
                    d->b->year - 1, origin ? origin : "", t->title ? t->title : "", la, pv, u);
            }
            free(origin);
        }
    }
    return 0;
}

yu_status yu_check_years(const yu_doc *d, yu_store *s, yu_findings *out, yu_error *err)
{
    yu_error_clear(err);
    if (!d || !s || !out)
        return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "yu_check_years needs a document, a store and findings");
    if (!d->b || !d->b->name || !d->b->year || !d->L || d->L->unit_fen <= 0)
        return YU_OK; /* a document without unit or year has no last year */
    yc c = {d, s, out, err, d->L->unit_fen, 0};
    if (priors(&c) || changes(&c))
        return err->status ? err->status : YU_EDB;
    return c.oom ? yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory") : YU_OK;
}
