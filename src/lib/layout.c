/* Layout files: parsing (format in docs/layouts.md). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/layout.h"
#include "internal.h"
#include "narr_internal.h"

typedef struct lp {
    const char *path;
    int line;
    yu_error *err;
} lp;

static int fail(lp *p, const char *fmt, const char *a)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, a ? a : "");
    yu_error_set(p->err, YU_ELAYOUT, p->path, p->line, 0, "%s", msg);
    return -1;
}

static int push_str(char ***arr, size_t *n, const char *s)
{
    char **na = realloc(*arr, (*n + 1) * sizeof *na);
    if (!na)
        return -1;
    *arr = na;
    if (!(na[*n] = yu_strdup(s)))
        return -1;
    (*n)++;
    return 0;
}

/* A statement given twice keeps its last value (and frees the first). */
static void set_str(char **dst, const char *s)
{
    free(*dst);
    *dst = yu_strdup(s);
}

static yu_filter parse_filter(const char *s, int *ok)
{
    *ok = 1;
    if (!strcmp(s, "all")) return YU_FILTER_ALL;
    if (!strcmp(s, "fiscal")) return YU_FILTER_FISCAL;
    if (!strcmp(s, "gpb")) return YU_FILTER_GPB;
    if (!strcmp(s, "gf")) return YU_FILTER_GF;
    if (!strcmp(s, "soe")) return YU_FILTER_SOE;
    *ok = 0;
    return YU_FILTER_ALL;
}

/* splits "KEY LABEL" into key and the rest */
static char *split_word(char *s, char **rest)
{
    s = yu_trim(s);
    char *sp = s;
    while (*sp && *sp != ' ' && *sp != '\t')
        sp++;
    if (*sp) {
        *sp = 0;
        *rest = yu_trim(sp + 1);
    } else
        *rest = sp;
    return s;
}

/* ---- identities: TABLE.ROW.COL references and expressions ---- */

static int is_rule_id(const char *s)
{
    int dash = 0;
    if (!(*s >= 'A' && *s <= 'Z'))
        return 0;
    for (; *s; s++) {
        if (*s == '-')
            dash = 1;
        else if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return 0;
    }
    return dash;
}

static void free_ref(yu_ref *r)
{
    free(r->table);
    free(r->row);
    free(r->col);
}

static void free_ident(yu_ident *id)
{
    free(id->rule);
    for (size_t i = 0; i < id->nlhs; i++)
        free_ref(&id->lhs[i]);
    free(id->lhs);
    for (size_t i = 0; i < id->nrhs; i++)
        free_ref(&id->rhs[i]);
    free(id->rhs);
    if (id->cond) {
        free_ref(id->cond);
        free(id->cond);
    }
    free(id->what);
}

/* a reference as written: the table is resolved, row and column split, at
 * the end of the file (tables may be defined later) */
static int parse_ref(lp *p, const char *w, yu_ref *r)
{
    memset(r, 0, sizeof *r);
    r->sign = 1;
    size_t n = strlen(w);
    if (!strncmp(w, "sum(", 4) && n > 5 && w[n - 1] == ')') {
        r->sum = 1;
        w += 4;
        n -= 5;
    }
    const char *dot = memchr(w, '.', n);
    if (!dot || dot == w || dot + 1 >= w + n)
        return fail(p, "'%s' is not a cell reference TABLE.ROW.COLUMN", w);
    r->table = yu_strndup(w, (size_t)(dot - w));
    r->row = yu_strndup(dot + 1, n - (size_t)(dot + 1 - w)); /* ROW.COL until resolved */
    return r->table && r->row ? 0 : fail(p, "out of memory", NULL);
}

static int push_ref(lp *p, yu_ref **arr, size_t *n, const yu_ref *r)
{
    yu_ref *na = realloc(*arr, (*n + 1) * sizeof *na);
    if (!na)
        return fail(p, "out of memory", NULL);
    *arr = na;
    na[(*n)++] = *r;
    return 0;
}

/* "[RULE] LHS = RHS [if|unless REF] [: WHAT]", terms separated by + and -;
 * in a table (`t` set) the terms are column keys of that table. */
static int parse_ident(lp *p, char *args, const char *table, yu_ident *id, const char *default_rule)
{
    memset(id, 0, sizeof *id);
    id->line = p->line;
    char *colon = strstr(args, " : ");
    if (colon) {
        *colon = 0;
        id->what = yu_strdup(yu_trim(colon + 3));
    }
    int side = 0, sign = 1, expect_term = 1, cond = 0;
    char *save = NULL;
    for (char *w = strtok_r(args, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (!id->rule && !id->nlhs && expect_term && is_rule_id(w)) {
            id->rule = yu_strdup(w);
            continue;
        }
        if (cond == 1) {
            id->cond = calloc(1, sizeof *id->cond);
            if (!id->cond || parse_ref(p, w, id->cond))
                return id->cond ? -1 : fail(p, "out of memory", NULL);
            cond = 2;
            continue;
        }
        if (cond == 2)
            return fail(p, "unexpected '%s' after the condition", w);
        if (!strcmp(w, "=") || !strcmp(w, "<=")) {
            if (side || expect_term)
                return fail(p, "misplaced '%s'", w);
            id->le = w[0] == '<';
            side = 1;
            sign = 1;
            expect_term = 1;
        } else if (!strcmp(w, "+") || !strcmp(w, "-")) {
            if (expect_term)
                return fail(p, "misplaced '%s'", w);
            sign = w[0] == '-' ? -1 : 1;
            expect_term = 1;
        } else if (!strcmp(w, "if") || !strcmp(w, "unless")) {
            if (expect_term || !side)
                return fail(p, "misplaced '%s'", w);
            id->cond_unless = w[0] == 'u';
            cond = 1;
        } else {
            if (!expect_term)
                return fail(p, "expected + - = or <= before '%s'", w);
            yu_ref r;
            if (table) {
                memset(&r, 0, sizeof r);
                r.sign = 1;
                r.table = yu_strdup(table);
                r.row = yu_strdup("*");
                r.col = yu_strdup(w);
                if (!r.table || !r.row || !r.col) {
                    free_ref(&r);
                    return fail(p, "out of memory", NULL);
                }
            } else if (parse_ref(p, w, &r)) {
                free_ref(&r);
                return -1;
            }
            r.sign = sign;
            if (push_ref(p, side ? &id->rhs : &id->lhs, side ? &id->nrhs : &id->nlhs, &r)) {
                free_ref(&r);
                return -1;
            }
            expect_term = 0;
        }
    }
    if (cond == 1)
        return fail(p, "'if'/'unless' needs a cell reference", NULL);
    if (!side || expect_term || !id->nlhs || !id->nrhs)
        return fail(p, "an identity needs 'LEFT = RIGHT' (terms joined with + or -)", NULL);
    if (!id->rule)
        id->rule = yu_strdup(default_rule ? default_rule : "T-ROW-SUM");
    if (!default_rule && !strcmp(id->rule, "T-ROW-SUM") && !table)
        return fail(p, "an identity across tables needs a rule id (e.g. X-SUMMARY-EXP)", NULL);
    return id->rule ? 0 : fail(p, "out of memory", NULL);
}

static int push_ident(lp *p, yu_ident **arr, size_t *n, yu_ident *id)
{
    yu_ident *na = realloc(*arr, (*n + 1) * sizeof *na);
    if (!na) {
        free_ident(id);
        return fail(p, "out of memory", NULL);
    }
    *arr = na;
    na[(*n)++] = *id;
    return 0;
}

/* resolves TABLE and splits ROW.COL at the first dot after which a column key of
 * the table follows */
static int resolve_ref(lp *p, const yu_layout *L, yu_ref *r, int line)
{
    p->line = line;
    const yu_ltable *t = yu_layout_table(L, r->table);
    if (!t)
        return fail(p, "unknown table '%s' in an identity", r->table);
    if (r->col)
        return yu_ltable_col(t, r->col) < 0 ? fail(p, "unknown column '%s' in an identity", r->col) : 0;
    for (char *d = strchr(r->row, '.'); d; d = strchr(d + 1, '.'))
        if (yu_ltable_col(t, d + 1) >= 0) {
            r->col = yu_strdup(d + 1);
            *d = 0;
            return r->col ? 0 : fail(p, "out of memory", NULL);
        }
    return fail(p, "'%s': no column of the table after the row", r->row);
}

static int resolve_ident(lp *p, const yu_layout *L, yu_ident *id)
{
    for (size_t i = 0; i < id->nlhs; i++)
        if (resolve_ref(p, L, &id->lhs[i], id->line))
            return -1;
    for (size_t i = 0; i < id->nrhs; i++)
        if (resolve_ref(p, L, &id->rhs[i], id->line))
            return -1;
    return id->cond ? resolve_ref(p, L, id->cond, id->line) : 0;
}

static int parse_unit(lp *p, char *args, char **label, int64_t *fen, int *dec)
{
    char *r1, *r2;
    char *lab = split_word(args, &r1);
    char *f = split_word(r1, &r2);
    free(*label);
    *label = yu_strdup(lab);
    *fen = strtoll(f, NULL, 10);
    *dec = (int)strtol(r2, NULL, 10);
    if (*fen <= 0 || *dec < 0 || *dec > 4 || !*r2)
        return fail(p, "unit needs LABEL FEN_PER_LAST_DIGIT DECIMALS, e.g. '万元 10000 2'", NULL);
    return 0;
}

static void free_section(yu_lsection *s)
{
    narr_free(s);
    free(s->id);
    for (size_t i = 0; i < s->nheading; i++)
        free(s->heading[i]);
    free(s->heading);
    for (size_t i = 0; i < s->nclaims; i++) {
        free(s->claims[i].word);
        free_ref(&s->claims[i].ref);
    }
    free(s->claims);
    for (size_t i = 0; i < s->nitems; i++) {
        free(s->items[i].word);
        free_ref(&s->items[i].ref);
    }
    free(s->items);
    free(s->items_table);
    free(s->classes_table);
    free(s->classes_col);
}

static int add_claim(lp *p, yu_lclaim **arr, size_t *n, char *args, int item)
{
    char *rest;
    char *w = split_word(args, &rest);
    if (!*w || !*rest || strchr(rest, ' '))
        return fail(p, item ? "item needs KEYWORD COLUMN" : "claim needs KEYWORD TABLE.ROW.COLUMN", NULL);
    yu_lclaim c;
    memset(&c, 0, sizeof c);
    c.word = yu_strdup(w);
    if (item) {
        c.ref.sign = 1;
        c.ref.col = yu_strdup(rest);
    } else if (!strcmp(rest, "-")) {
        c.ref.sign = 1; /* a keyword whose figures speak of no table cell */
    } else if (parse_ref(p, rest, &c.ref)) {
        free(c.word);
        free_ref(&c.ref);
        return -1;
    }
    yu_lclaim *na = realloc(*arr, (*n + 1) * sizeof *na);
    if (!na) {
        free(c.word);
        free_ref(&c.ref);
        return fail(p, "out of memory", NULL);
    }
    *arr = na;
    na[(*n)++] = c;
    return 0;
}

static int add_item(lp *p, yu_ltable *t, yu_litem_kind kind, char *args)
{
    yu_litem *ni = realloc(t->items, (t->nitems + 1) * sizeof *ni);
    if (!ni)
        return fail(p, "out of memory", NULL);
    t->items = ni;
    yu_litem *it = &t->items[t->nitems];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->line = p->line;
    if (kind == YU_LI_PAIR) {
        char *bar = strstr(args, "||");
        if (!bar)
            return fail(p, "pair needs 'KEY LABEL || KEY LABEL'", NULL);
        *bar = 0;
        char *r1, *r2;
        char *k1 = split_word(args, &r1);
        char *k2 = split_word(bar + 2, &r2);
        it->key[0] = yu_strdup(k1);
        it->label[0] = yu_strdup(r1);
        it->key[1] = yu_strdup(k2);
        it->label[1] = yu_strdup(r2);
    } else {
        char *rest;
        char *k = split_word(args, &rest);
        if (!*k)
            return fail(p, "expected KEY LABEL", NULL);
        if (!strncmp(k, "@class", 6)) {
            it->dynamic = 1;
            int ok = 1;
            if (k[6] == ':')
                it->filter = parse_filter(k + 7, &ok);
            if (!ok)
                return fail(p, "unknown filter in '%s': expected all, fiscal, gpb, gf or soe", k);
        }
        int side = kind == YU_LI_RIGHT;
        it->key[side] = yu_strdup(k);
        it->label[side] = yu_strdup(rest);
        it->key[!side] = yu_strdup("-");
        it->label[!side] = yu_strdup("");
    }
    t->nitems++;
    return 0;
}

static int add_col(lp *p, yu_ltable *t, char *args)
{
    char *rest;
    char *k = split_word(args, &rest);
    if (!*k || !*rest)
        return fail(p, "col needs KEY and a header label path (levels separated by '|')", NULL);
    int levels = 1;
    for (const char *q = rest; *q; q++)
        levels += *q == '|';
    if (levels > YU_HDR_MAX)
        return fail(p, "too many header levels (at most 4)", NULL);
    yu_lcol *nc = realloc(t->cols, (t->ncols + 1) * sizeof *nc);
    if (!nc)
        return fail(p, "out of memory", NULL);
    t->cols = nc;
    yu_lcol *c = &t->cols[t->ncols];
    memset(c, 0, sizeof *c);
    c->key = yu_strdup(k);
    char *s = rest;
    while (s) {
        char *bar = strchr(s, '|');
        if (bar)
            *bar = 0;
        if (c->depth == YU_HDR_MAX)
            return fail(p, "too many header levels (at most 4)", NULL);
        c->label[c->depth++] = yu_strdup(yu_trim(s));
        s = bar ? bar + 1 : NULL;
    }
    if (c->depth > t->hdr_depth)
        t->hdr_depth = c->depth;
    t->ncols++;
    return 0;
}

static int add_also(lp *p, yu_ltable *t, char *args)
{
    char *rest;
    char *k = split_word(args, &rest);
    int ci = yu_ltable_col(t, k);
    if (ci < 0 || !*rest)
        return fail(p, "also needs the KEY of a column defined before and a label", NULL);
    return push_str(&t->cols[ci].also, &t->cols[ci].nalso, rest) ? fail(p, "out of memory", NULL) : 0;
}

static int set_perf_label(lp *p, yu_ltable *t, char *args)
{
    static const char *const roles[YU_PERF_NLABELS] = {"name", "total", "fiscal", "carry", "other"};
    char *rest;
    char *k = split_word(args, &rest);
    for (int i = 0; i < YU_PERF_NLABELS; i++)
        if (!strcmp(k, roles[i]) && *rest) {
            free(t->perf_label[i]);
            t->perf_label[i] = yu_strdup(rest);
            return 0;
        }
    return fail(p, "perf needs ROLE LABEL, ROLE one of name total fiscal carry other", NULL);
}

int yu_form_field_of(const char *s, size_t n)
{
    static const char *const f[] = YU_FORM_FIELDS;
    for (int i = 0; i < YU_FF_COUNT; i++)
        if (strlen(f[i]) == n && !strncmp(s, f[i], n))
            return i;
    return -1;
}

int yu_form_cell_field(const char *cell)
{
    size_t n = cell ? strlen(cell) : 0;
    if (n < 3 || cell[0] != '{' || cell[n - 1] != '}')
        return -1;
    return yu_form_field_of(cell + 1, n - 2);
}

/* every {field} of a form statement is one of YU_FORM_FIELDS */
static int check_form_fields(lp *p, const char *s)
{
    for (const char *o = strchr(s, '{'); o; o = strchr(o + 1, '{')) {
        const char *c = strchr(o, '}');
        if (!c)
            return fail(p, "a form field opened with { is not closed", NULL);
        if (yu_form_field_of(o + 1, (size_t)(c - o - 1)) < 0) {
            char f[64];
            snprintf(f, sizeof f, "%.*s", (int)(c - o + 1), o);
            return fail(p, "unknown form field %s: expected {name}, {department}, {implementer}, {nature}, "
                           "{category}, {start}, {finish}, {unit}, {exec_score}, {weights}, {year}, {total}, "
                           "{fiscal}, {carry}, {other}, {life_total}, {life_fiscal}, {life_other}, {goal} or "
                           "{life_goal}", f);
        }
    }
    return 0;
}

/* The audit's label of a form figure: the label cell before the field's cell in its
 * `form` row ("其中：" dropped), put before the `perf` statement's alternatives. */
static int derive_perf_labels(lp *p, yu_ltable *t)
{
    static const int role_field[YU_PERF_NLABELS] = {YU_FF_NAME, YU_FF_TOTAL, YU_FF_FISCAL, YU_FF_CARRY, YU_FF_OTHER};
    for (size_t r = 0; r < t->nform; r++) {
        char *row = yu_strdup(t->form[r]);
        if (!row)
            return fail(p, "out of memory", NULL);
        char *cells[32];
        int nc = 0;
        for (char *c = row; c && nc < 32;) {
            cells[nc++] = c;
            char *bar = strchr(c, '|');
            if (bar)
                *bar++ = 0;
            c = bar;
        }
        for (int k = 1; k < nc; k++) {
            int f = yu_form_cell_field(cells[k]), role = -1;
            for (int i = 0; i < YU_PERF_NLABELS; i++)
                if (role_field[i] == f)
                    role = i;
            if (role < 0)
                continue;
            int j = k - 1;
            while (j >= 0 && (!cells[j][0] || !strcmp(cells[j], "^") || !strcmp(cells[j], "<") || strchr(cells[j], '{')))
                j--;
            if (j < 0)
                continue;
            const char *lab = cells[j];
            if (!strncmp(lab, "其中：", strlen("其中：")))
                lab += strlen("其中：");
            yu_buf b;
            yu_buf_init(&b, 0);
            yu_buf_puts(&b, lab);
            if (t->perf_label[role]) {
                yu_buf_puts(&b, "|");
                yu_buf_puts(&b, t->perf_label[role]);
            }
            if (b.oom) {
                yu_buf_free(&b);
                free(row);
                return fail(p, "out of memory", NULL);
            }
            free(t->perf_label[role]);
            t->perf_label[role] = b.p;
        }
        free(row);
    }
    return 0;
}

static int finish_table(lp *p, yu_ltable *t)
{
    if (!t->title)
        return fail(p, "table '%s' has no title", t->id);
    if (t->shape == YU_SHAPE_PERF && !t->nform)
        return fail(p, "performance form '%s' has no `form` row: expected form CELL|CELL…", t->id);
    if (t->shape == YU_SHAPE_PERF && derive_perf_labels(p, t))
        return -1;
    if (t->shape != YU_SHAPE_PERF && !t->ncols)
        return fail(p, "table '%s' has no columns", t->id);
    return 0;
}

/* a statement inside `section … end` */
static int section_stmt(lp *p, yu_lsection *sec, const char *kw, char *args)
{
    if (!strcmp(kw, "heading"))
        return push_str(&sec->heading, &sec->nheading, args) ? fail(p, "out of memory", NULL) : 0;
    if (!strcmp(kw, "claim"))
        return add_claim(p, &sec->claims, &sec->nclaims, args, 0);
    if (!strcmp(kw, "item"))
        return add_claim(p, &sec->items, &sec->nitems, args, 1);
    if (!strcmp(kw, "items")) {
        free(sec->items_table);
        sec->items_table = yu_strdup(args);
        return 0;
    }
    if (!strcmp(kw, "classes")) {
        char *rest;
        char *tb = split_word(args, &rest);
        if (!*tb || !*rest)
            return fail(p, "classes needs TABLE COLUMN", NULL);
        free(sec->classes_table);
        free(sec->classes_col);
        sec->classes_table = yu_strdup(tb);
        sec->classes_col = yu_strdup(rest);
        return 0;
    }
    int r = narr_stmt(sec, kw, args, p->path, p->line, p->err);
    if (r)
        return r < 0 ? -1 : 0;
    return fail(p, "unknown statement '%s' in a section", kw);
}

/* checks what refers to tables once the whole file is read */
static int resolve_all(lp *p, yu_layout *L)
{
    for (size_t i = 0; i < L->nidents; i++)
        if (resolve_ident(p, L, &L->idents[i]))
            return -1;
    for (size_t i = 0; i < L->npriors; i++)
        if (resolve_ident(p, L, &L->priors[i]))
            return -1;
    for (size_t k = 0; k < L->ntables; k++)
        for (size_t i = 0; i < L->tables[k].nsums; i++)
            if (resolve_ident(p, L, &L->tables[k].sums[i]))
                return -1;
    for (size_t k = 0; k < L->nsections; k++) {
        yu_lsection *sec = &L->sections[k];
        for (size_t i = 0; i < sec->nclaims; i++)
            if (sec->claims[i].ref.table && resolve_ref(p, L, &sec->claims[i].ref, sec->line))
                return -1;
        p->line = sec->line;
        if (sec->items_table && !yu_layout_table(L, sec->items_table))
            return fail(p, "unknown table '%s' in items", sec->items_table);
        if (sec->classes_table) {
            const yu_ltable *t = yu_layout_table(L, sec->classes_table);
            if (!t || yu_ltable_col(t, sec->classes_col) < 0)
                return fail(p, "classes: unknown table or column '%s'", sec->classes_table);
        }
    }
    /* the sections the document and the tables name */
    for (size_t k = 0; k < L->ntables; k++)
        if (L->tables[k].intro && !yu_layout_section(L, L->tables[k].intro)) {
            p->line = L->tables[k].line;
            return fail(p, "intro: no section '%s'", L->tables[k].intro);
        }
    for (size_t k = 0; L->document && k < L->document->nprog; k++) {
        const yu_nstmt *s = &L->document->prog[k];
        if (s->op != YU_N_SECTIONS)
            continue;
        for (const char *q = s->text; *q;) {
            while (*q == ' ')
                q++;
            size_t n = strcspn(q, " ");
            char id[128];
            if (n && n < sizeof id) {
                memcpy(id, q, n);
                id[n] = 0;
                if (!yu_layout_section(L, id)) {
                    p->line = s->line;
                    return fail(p, "sections: no section '%s'", id);
                }
            }
            q += n;
        }
    }
    for (size_t k = 0; k < L->ntables; k++) {
        yu_ltable *t = &L->tables[k];
        if (!t->unit_label) {
            t->unit_label = yu_strdup(L->unit_label);
            t->unit_fen = L->unit_fen;
            t->decimals = L->decimals;
        }
    }
    if (!L->prose_label) {
        L->prose_label = yu_strdup(L->unit_label);
        L->prose_fen = L->unit_fen;
        L->prose_decimals = L->decimals;
    }
    return 0;
}

yu_status yu_layout_load(const char *path, yu_layout **out, yu_error *err)
{
    char *data;
    size_t len;
    yu_status st = yu_read_file(path, &data, &len, err);
    if (st)
        return st;
    yu_layout *L = calloc(1, sizeof *L);
    if (!L) {
        free(data);
        return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    }
    L->unit_fen = 10000;
    L->decimals = 2;
    L->path = yu_strdup(path);
    lp p = {path, 0, err};
    yu_ltable *t = NULL;
    yu_lsection *sec = NULL;
    char *s = data;
    int rc = 0;
    char total_key[64] = "";
    while (*s && !rc) {
        p.line++;
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = 0;
        char *l = s;
        s = nl ? nl + 1 : s + strlen(s);
        size_t ll = strlen(l);
        if (ll && l[ll - 1] == '\r')
            l[ll - 1] = 0;
        char *tl = yu_trim(l);
        if (!*tl || *tl == '#')
            continue;
        char *args;
        char *kw = split_word(tl, &args);
        if (sec) {
            if (!strcmp(kw, "end")) {
                /* a heading the audit finds the section by, or a program to compile it */
                if (!sec->nheading && !sec->nprog)
                    rc = fail(&p, "section '%s' has neither a heading nor a narrative to compile", sec->id);
                else
                    rc = narr_finish(sec, p.path, p.line, p.err);
                sec = NULL;
            } else
                rc = section_stmt(&p, sec, kw, args);
            continue;
        }
        if (!strcmp(kw, "document") && !t) {
            if (L->document)
                rc = fail(&p, "a second document block", NULL);
            else if (*args)
                rc = fail(&p, "document takes nothing after it", NULL);
            else if (!(L->document = calloc(1, sizeof *L->document)))
                rc = fail(&p, "out of memory", NULL);
            else {
                sec = L->document;
                sec->id = yu_strdup("document");
                sec->document = 1;
                sec->line = p.line;
            }
            continue;
        }
        if (!strcmp(kw, "table") || !strcmp(kw, "section")) {
            if (t) {
                rc = fail(&p, "'table' inside table '%s': close it with 'end'", t->id);
                break;
            }
            if (kw[0] == 's') {
                yu_lsection *ns = realloc(L->sections, (L->nsections + 1) * sizeof *ns);
                if (!ns) {
                    rc = fail(&p, "out of memory", NULL);
                    break;
                }
                L->sections = ns;
                sec = &L->sections[L->nsections++];
                memset(sec, 0, sizeof *sec);
                sec->id = yu_strdup(args);
                sec->line = p.line;
                continue;
            }
            yu_ltable *nt = realloc(L->tables, (L->ntables + 1) * sizeof *nt);
            if (!nt) {
                rc = fail(&p, "out of memory", NULL);
                break;
            }
            L->tables = nt;
            t = &L->tables[L->ntables++];
            memset(t, 0, sizeof *t);
            t->id = yu_strdup(args);
            t->line = p.line;
            t->rows = YU_ROWS_FUNC;
            total_key[0] = 0;
            for (size_t i = 0; i + 1 < L->ntables; i++)
                if (!strcmp(L->tables[i].id, args))
                    rc = fail(&p, "table '%s' is defined twice", args);
            continue;
        }
        if (!t) {
            if (!strcmp(kw, "template"))
                set_str(&L->id, args);
            else if (!strcmp(kw, "name"))
                set_str(&L->name, args);
            else if (!strcmp(kw, "kind"))
                set_str(&L->kind, args);
            else if (!strcmp(kw, "title_prefix"))
                set_str(&L->title_prefix, args);
            else if (!strcmp(kw, "orgline"))
                set_str(&L->org_label, args);
            else if (!strcmp(kw, "glossary"))
                set_str(&L->glossary, args);
            else if (!strcmp(kw, "detect"))
                rc = push_str(&L->detect, &L->ndetect, args) ? fail(&p, "out of memory", NULL) : 0;
            else if (!strcmp(kw, "unit"))
                rc = parse_unit(&p, args, &L->unit_label, &L->unit_fen, &L->decimals);
            else if (!strcmp(kw, "prose"))
                rc = parse_unit(&p, args, &L->prose_label, &L->prose_fen, &L->prose_decimals);
            else if (!strcmp(kw, "carry")) {
                if (!strcmp(args, "merge") || !strcmp(args, "apart"))
                    L->carry_merge = args[0] == 'm';
                else
                    rc = fail(&p, "carry is 'merge' or 'apart', not '%s'", args);
            } else if (!strcmp(kw, "rounding")) {
                if (!strcmp(args, "independent") || !strcmp(args, "controlled"))
                    L->independent = args[0] == 'i';
                else
                    rc = fail(&p, "rounding is 'controlled' or 'independent', not '%s'", args);
            } else if (!strcmp(kw, "words")) {
                /* words NAME KEY:WORD …: each item a KEY:WORD pair */
                char *list;
                char *name = split_word(args, &list);
                int ok = *name && *list;
                for (const char *q = list; ok && *q;) {
                    size_t l = strcspn(q, " \t");
                    const char *c = memchr(q, ':', l);
                    ok = c && c > q && c + 1 < q + l;
                    q += l + strspn(q + l, " \t");
                }
                for (size_t i = 0; ok && i < L->nwords; i++)
                    if (!strcmp(L->words_name[i], name))
                        ok = 0;
                if (!ok)
                    rc = fail(&p, "words needs a new NAME and KEY:WORD pairs, not '%s'", args);
                else if (push_str(&L->words_name, &L->nwords, name) ||
                         (L->nwords--, push_str(&L->words_list, &L->nwords, list)))
                    rc = fail(&p, "out of memory", NULL);
            } else if (!strcmp(kw, "date")) {
                /* date PATTERN: {y} {m} {d} the year, month and day */
                const char *b = args;
                int ok = 1;
                while (ok && (b = strchr(b, '{'))) {
                    ok = !strncmp(b, "{y}", 3) || !strncmp(b, "{m}", 3) || !strncmp(b, "{d}", 3);
                    b++;
                }
                if (!ok || !*args)
                    rc = fail(&p, "date is a pattern of {y} {m} {d} (date {y}年{m}月{d}日), not '%s'", args);
                else
                    set_str(&L->date_pattern, args);
            } else if (!strcmp(kw, "percent")) {
                /* percent trim | fixed [bare_zero] */
                char *rest;
                char *w = split_word(args, &rest);
                int fixed = !strcmp(w, "fixed");
                if ((!fixed && strcmp(w, "trim")) || (*rest && (!fixed || strcmp(rest, "bare_zero"))))
                    rc = fail(&p, "percent is 'trim' (100%%), 'fixed' (100.00%%) or 'fixed bare_zero' (100.00%%, 0%%), not '%s'", args);
                L->pct_fixed = fixed;
                L->pct_bare_zero = fixed && *rest;
            } else if (!strcmp(kw, "narrative")) {
                char *to;
                char *from = split_word(args, &to);
                if (!*from || !*to || strchr(to, ' '))
                    rc = fail(&p, "narrative needs FROM TO (TO: a phrase, @table or -)", NULL);
                else if (push_str(&L->nar_from, &L->nnar, from) ||
                         (L->nnar--, push_str(&L->nar_to, &L->nnar, to)))
                    rc = fail(&p, "out of memory", NULL);
            } else if (!strcmp(kw, "equal") || !strcmp(kw, "prior")) {
                yu_ident id;
                rc = parse_ident(&p, args, NULL, &id, NULL);
                if (rc)
                    free_ident(&id);
                else if (kw[0] == 'p' && (id.nlhs != 1 || id.nrhs != 1 || id.le || id.cond)) {
                    free_ident(&id);
                    rc = fail(&p, "prior needs one cell of this year's document = one of last year's", NULL);
                } else if (kw[0] == 'p')
                    rc = push_ident(&p, &L->priors, &L->npriors, &id);
                else
                    rc = push_ident(&p, &L->idents, &L->nidents, &id);
            } else if (!strcmp(kw, "sum")) {
                char *rest;
                char *tid = split_word(args, &rest);
                yu_ltable *st_ = NULL;
                for (size_t i = 0; i < L->ntables; i++)
                    if (!strcmp(L->tables[i].id, tid))
                        st_ = &L->tables[i];
                if (!st_)
                    rc = fail(&p, "sum outside a table needs the id of a table defined before, not '%s'", tid);
                else {
                    yu_ident id;
                    rc = parse_ident(&p, rest, st_->id, &id, "T-ROW-SUM");
                    if (rc)
                        free_ident(&id);
                    else
                        rc = push_ident(&p, &st_->sums, &st_->nsums, &id);
                }
            } else
                rc = fail(&p, "unknown statement '%s' outside a table", kw);
            continue;
        }
        if (!strcmp(kw, "end")) {
            if (total_key[0]) {
                int ci = yu_ltable_col(t, total_key);
                if (ci < 0) {
                    rc = fail(&p, "total label column '%s' is not a column of the table", total_key);
                    break;
                }
                t->total_col = ci;
            }
            rc = finish_table(&p, t);
            t = NULL;
        } else if (!strcmp(kw, "title"))
            set_str(&t->title, args);
        else if (!strcmp(kw, "alias"))
            rc = push_str(&t->aliases, &t->naliases, args) ? fail(&p, "out of memory", NULL) : 0;
        else if (!strcmp(kw, "title_prefix"))
            set_str(&t->title_prefix, args);
        else if (!strcmp(kw, "number"))
            set_str(&t->number, args);
        else if (!strcmp(kw, "shape")) {
            if (!strcmp(args, "grid")) t->shape = YU_SHAPE_GRID;
            else if (!strcmp(args, "twoside")) t->shape = YU_SHAPE_TWOSIDE;
            else if (!strcmp(args, "perf")) t->shape = YU_SHAPE_PERF;
            else rc = fail(&p, "unknown shape '%s': expected grid, twoside or perf", args);
        } else if (!strcmp(kw, "rows")) {
            if (!strcmp(args, "none")) t->rows = YU_ROWS_NONE;
            else if (!strcmp(args, "func")) t->rows = YU_ROWS_FUNC;
            else if (!strcmp(args, "econ")) t->rows = YU_ROWS_ECON;
            else if (!strcmp(args, "single")) t->rows = YU_ROWS_SINGLE;
            else rc = fail(&p, "unknown rows '%s': expected none, func, econ or single", args);
        } else if (!strcmp(kw, "filter")) {
            int ok;
            t->filter = parse_filter(args, &ok);
            if (!ok)
                rc = fail(&p, "unknown filter '%s': expected all, fiscal, gpb, gf or soe", args);
        } else if (!strcmp(kw, "total")) {
            char *r1, *r2;
            char *pos = split_word(args, &r1);
            char *lab = split_word(r1, &r2);
            t->total_pos = !strcmp(pos, "first") ? 1 : !strcmp(pos, "last") ? 2 : 0;
            if (!t->total_pos || !*lab)
                rc = fail(&p, "total needs 'first|last LABEL COLUMN_KEY'", NULL);
            set_str(&t->total_label, lab);
            snprintf(total_key, sizeof total_key, "%s", *r2 ? r2 : "name");
        } else if (!strcmp(kw, "blank_zero"))
            t->blank_zero = (int)strtol(args, NULL, 10);
        else if (!strcmp(kw, "optional"))
            t->optional = (int)strtol(args, NULL, 10);
        else if (!strcmp(kw, "split_codes") || !strcmp(kw, "trim_zeros") || !strcmp(kw, "empty_total")) {
            if (strcmp(args, "0") && strcmp(args, "1"))
                rc = fail(&p, "%s needs 0 or 1", kw);
            *(kw[0] == 's' ? &t->split_codes : kw[0] == 't' ? &t->trim_zeros : &t->empty_total) = args[0] == '1';
        }
        else if (!strcmp(kw, "keys")) {
            if (strcmp(args, "sources") && strcmp(args, "types"))
                rc = fail(&p, "keys '%s': expected sources or types", args);
            t->keys_sources = !strcmp(args, "sources");
        }
        else if (!strcmp(kw, "note"))
            set_str(&t->note_empty, args);
        else if (!strcmp(kw, "intro"))
            set_str(&t->intro, args);
        else if (!strcmp(kw, "col"))
            rc = add_col(&p, t, args);
        else if (!strcmp(kw, "also"))
            rc = add_also(&p, t, args);
        else if (!strcmp(kw, "unit"))
            rc = parse_unit(&p, args, &t->unit_label, &t->unit_fen, &t->decimals);
        else if (!strcmp(kw, "perf"))
            rc = set_perf_label(&p, t, args);
        else if (!strcmp(kw, "form") || !strcmp(kw, "form_title") || !strcmp(kw, "form_subtitle") ||
                 !strcmp(kw, "indicators")) {
            if (t->shape != YU_SHAPE_PERF)
                rc = fail(&p, "%s belongs to a performance form: expected `shape perf` before it", kw);
            else if (!*args)
                rc = fail(&p, "%s needs its cells", kw);
            else if (!(rc = check_form_fields(&p, args))) {
                if (!strcmp(kw, "form"))
                    rc = push_str(&t->form, &t->nform, args) ? fail(&p, "out of memory", NULL) : 0;
                else
                    set_str(!strcmp(kw, "form_title") ? &t->form_title : !strcmp(kw, "form_subtitle") ? &t->form_sub
                                                                                                      : &t->indicators,
                            args);
            }
        }
        else if (!strcmp(kw, "half")) {
            char *rest;
            char *k = split_word(args, &rest);
            if (t->nhalves >= 4 || !*k || !*rest)
                rc = fail(&p, "half needs KEY LABEL (the half's total line), at most 4 halves", NULL);
            else {
                t->half_key[t->nhalves] = yu_strdup(k);
                t->half_label[t->nhalves++] = yu_strdup(rest);
            }
        } else if (!strcmp(kw, "sum")) {
            yu_ident id;
            rc = parse_ident(&p, args, t->id, &id, "T-ROW-SUM");
            if (rc)
                free_ident(&id);
            else
                rc = push_ident(&p, &t->sums, &t->nsums, &id);
        } else if (!strcmp(kw, "left"))
            rc = add_item(&p, t, YU_LI_LEFT, args);
        else if (!strcmp(kw, "right"))
            rc = add_item(&p, t, YU_LI_RIGHT, args);
        else if (!strcmp(kw, "pair"))
            rc = add_item(&p, t, YU_LI_PAIR, args);
        else
            rc = fail(&p, "unknown statement '%s' in a table", kw);
    }
    if (!rc && t)
        rc = fail(&p, "table '%s' is not closed with 'end'", t->id);
    if (!rc && sec)
        rc = fail(&p, "section '%s' is not closed with 'end'", sec->id);
    if (!rc && !L->id)
        rc = fail(&p, "no 'template ID' statement", NULL);
    if (!rc && !L->unit_label)
        L->unit_label = yu_strdup("万元");
    if (!rc)
        rc = resolve_all(&p, L);
    free(data);
    if (rc) {
        yu_layout_free(L);
        return YU_ELAYOUT;
    }
    *out = L;
    return YU_OK;
}

void yu_layout_free(yu_layout *L)
{
    if (!L)
        return;
    for (size_t i = 0; i < L->ntables; i++) {
        yu_ltable *t = &L->tables[i];
        free(t->id);
        free(t->title);
        for (size_t j = 0; j < t->naliases; j++)
            free(t->aliases[j]);
        free(t->aliases);
        free(t->number);
        free(t->title_prefix);
        free(t->total_label);
        free(t->note_empty);
        for (size_t j = 0; j < t->ncols; j++) {
            free(t->cols[j].key);
            for (int k = 0; k < YU_HDR_MAX; k++)
                free(t->cols[j].label[k]);
            for (size_t k = 0; k < t->cols[j].nalso; k++)
                free(t->cols[j].also[k]);
            free(t->cols[j].also);
        }
        free(t->cols);
        for (size_t j = 0; j < t->nitems; j++)
            for (int k = 0; k < 2; k++) {
                free(t->items[j].key[k]);
                free(t->items[j].label[k]);
            }
        free(t->items);
        free(t->unit_label);
        for (size_t j = 0; j < t->nsums; j++)
            free_ident(&t->sums[j]);
        free(t->sums);
        for (int j = 0; j < t->nhalves; j++) {
            free(t->half_key[j]);
            free(t->half_label[j]);
        }
        for (int j = 0; j < YU_PERF_NLABELS; j++)
            free(t->perf_label[j]);
        for (size_t j = 0; j < t->nform; j++)
            free(t->form[j]);
        free(t->form);
        free(t->form_title);
        free(t->form_sub);
        free(t->indicators);
        free(t->intro);
    }
    free(L->tables);
    for (size_t i = 0; i < L->ndetect; i++)
        free(L->detect[i]);
    free(L->detect);
    for (size_t i = 0; i < L->nnar; i++) {
        free(L->nar_from[i]);
        free(L->nar_to[i]);
    }
    free(L->nar_from);
    free(L->nar_to);
    for (size_t i = 0; i < L->nwords; i++) {
        free(L->words_name[i]);
        free(L->words_list[i]);
    }
    free(L->words_name);
    free(L->words_list);
    free(L->date_pattern);
    for (size_t i = 0; i < L->nsections; i++)
        free_section(&L->sections[i]);
    free(L->sections);
    if (L->document) {
        free_section(L->document);
        free(L->document);
    }
    for (size_t i = 0; i < L->nidents; i++)
        free_ident(&L->idents[i]);
    free(L->idents);
    for (size_t i = 0; i < L->npriors; i++)
        free_ident(&L->priors[i]);
    free(L->priors);
    free(L->prose_label);
    free(L->path);
    free(L->id);
    free(L->name);
    free(L->kind);
    free(L->unit_label);
    free(L->glossary);
    free(L->title_prefix);
    free(L->org_label);
    free(L);
}

const yu_ltable *yu_layout_table(const yu_layout *L, const char *id)
{
    for (size_t i = 0; i < L->ntables; i++)
        if (!strcmp(L->tables[i].id, id))
            return &L->tables[i];
    return NULL;
}

int yu_ltable_col(const yu_ltable *t, const char *key)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (!strcmp(t->cols[i].key, key))
            return (int)i;
    return -1;
}

const yu_lsection *yu_layout_section(const yu_layout *L, const char *id)
{
    for (size_t i = 0; i < L->nsections; i++)
        if (!strcmp(L->sections[i].id, id))
            return &L->sections[i];
    return NULL;
}
