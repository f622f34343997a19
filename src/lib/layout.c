/* Layout files: parsing (format in docs/layouts.md). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/layout.h"
#include "internal.h"

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

static int finish_table(lp *p, yu_ltable *t)
{
    if (!t->title)
        return fail(p, "table '%s' has no title", t->id);
    if (t->shape != YU_SHAPE_PERF && !t->ncols)
        return fail(p, "table '%s' has no columns", t->id);
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
    lp p = {path, 0, err};
    yu_ltable *t = NULL;
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
        if (!strcmp(kw, "table")) {
            if (t) {
                rc = fail(&p, "'table' inside table '%s': close it with 'end'", t->id);
                break;
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
                L->id = yu_strdup(args);
            else if (!strcmp(kw, "name"))
                L->name = yu_strdup(args);
            else if (!strcmp(kw, "kind"))
                L->kind = yu_strdup(args);
            else if (!strcmp(kw, "glossary"))
                L->glossary = yu_strdup(args);
            else if (!strcmp(kw, "detect"))
                rc = push_str(&L->detect, &L->ndetect, args) ? fail(&p, "out of memory", NULL) : 0;
            else if (!strcmp(kw, "unit")) {
                char *r1, *r2;
                char *lab = split_word(args, &r1);
                char *fen = split_word(r1, &r2);
                L->unit_label = yu_strdup(lab);
                L->unit_fen = strtoll(fen, NULL, 10);
                L->decimals = atoi(r2);
                if (L->unit_fen <= 0 || L->decimals < 0 || L->decimals > 4)
                    rc = fail(&p, "unit needs LABEL FEN_PER_LAST_DIGIT DECIMALS, e.g. '万元 10000 2'", NULL);
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
            t->title = yu_strdup(args);
        else if (!strcmp(kw, "alias"))
            rc = push_str(&t->aliases, &t->naliases, args) ? fail(&p, "out of memory", NULL) : 0;
        else if (!strcmp(kw, "number"))
            t->number = yu_strdup(args);
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
            t->total_label = yu_strdup(lab);
            snprintf(total_key, sizeof total_key, "%s", *r2 ? r2 : "name");
        } else if (!strcmp(kw, "blank_zero"))
            t->blank_zero = atoi(args);
        else if (!strcmp(kw, "note"))
            t->note_empty = yu_strdup(args);
        else if (!strcmp(kw, "col"))
            rc = add_col(&p, t, args);
        else if (!strcmp(kw, "left"))
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
    if (!rc && !L->id)
        rc = fail(&p, "no 'template ID' statement", NULL);
    if (!rc && !L->unit_label)
        L->unit_label = yu_strdup("万元");
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
        free(t->total_label);
        free(t->note_empty);
        for (size_t j = 0; j < t->ncols; j++) {
            free(t->cols[j].key);
            for (int k = 0; k < YU_HDR_MAX; k++)
                free(t->cols[j].label[k]);
        }
        free(t->cols);
        for (size_t j = 0; j < t->nitems; j++)
            for (int k = 0; k < 2; k++) {
                free(t->items[j].key[k]);
                free(t->items[j].label[k]);
            }
        free(t->items);
    }
    free(L->tables);
    for (size_t i = 0; i < L->ndetect; i++)
        free(L->detect[i]);
    free(L->detect);
    free(L->id);
    free(L->name);
    free(L->kind);
    free(L->unit_label);
    free(L->glossary);
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
