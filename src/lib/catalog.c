/* Classification catalogues: code -> official name, sorted for bsearch. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/catalog.h"
#include "internal.h"

typedef struct entry {
    uint32_t num;   /* the code as a number (codes never start with 0) */
    char code[12];  /* the code as digits */
    char *name;     /* official name (owned) */
} entry;

struct yu_catalog {
    entry *e;
    size_t n, cap;
    int sorted;
};

yu_catalog *yu_catalog_new(void)
{
    return calloc(1, sizeof(yu_catalog));
}

void yu_catalog_free(yu_catalog *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->e[i].name);
    free(c->e);
    free(c);
}

static int ecmp(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    return x->num < y->num ? -1 : x->num > y->num;
}

static entry *find(const yu_catalog *c, uint32_t num)
{
    if (!c || !c->n)
        return NULL;
    entry key;
    key.num = num;
    return bsearch(&key, c->e, c->n, sizeof *c->e, ecmp);
}

static int parse_code(const char *code, uint32_t *num)
{
    size_t n = strlen(code);
    if (n == 0 || n > 9 || code[0] == '0')
        return -1;
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (code[i] < '0' || code[i] > '9')
            return -1;
        v = v * 10 + (uint32_t)(code[i] - '0');
    }
    *num = v;
    return 0;
}

static void sort_cat(yu_catalog *c)
{
    if (c->sorted)
        return;
    if (c->n > 1)
        qsort(c->e, c->n, sizeof *c->e, ecmp);
    c->sorted = 1;
}

yu_status yu_catalog_add(yu_catalog *c, const char *code, const char *name)
{
    uint32_t num;
    if (parse_code(code, &num))
        return YU_ECODE;
    sort_cat(c);
    entry *old = find(c, num);
    char *nm = yu_strdup(name);
    if (!nm)
        return YU_ENOMEM;
    if (old) {
        free(old->name);
        old->name = nm;
        return YU_OK;
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 256;
        entry *ne = realloc(c->e, nc * sizeof *ne);
        if (!ne) {
            free(nm);
            return YU_ENOMEM;
        }
        c->e = ne;
        c->cap = nc;
    }
    entry *e = &c->e[c->n++];
    e->num = num;
    snprintf(e->code, sizeof e->code, "%s", code);
    e->name = nm;
    /* keep sorted: insertion from the end */
    size_t i = c->n - 1;
    while (i > 0 && c->e[i - 1].num > num) {
        entry t = c->e[i - 1];
        c->e[i - 1] = c->e[i];
        c->e[i] = t;
        i--;
    }
    return YU_OK;
}

yu_status yu_catalog_add_file(yu_catalog *c, const char *path, yu_error *err)
{
    char *data;
    size_t len;
    yu_status st = yu_read_file(path, &data, &len, err);
    if (st)
        return st;
    if (!yu_utf8_valid(data, len)) {
        free(data);
        return yu_error_set(err, YU_ESYNTAX, path, 0, 0, "not UTF-8 text");
    }
    char *p = data;
    if (len >= 3 && (unsigned char)p[0] == 0xEF)
        p += 3;
    int line = 0;
    while (*p) {
        line++;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        char *l = p;
        p = nl ? nl + 1 : p + strlen(p);
        size_t ll = strlen(l);
        if (ll && l[ll - 1] == '\r')
            l[--ll] = 0;
        char *t = yu_trim(l);
        if (!*t || *t == '#')
            continue;
        char *tab = strchr(l, '\t');
        if (!tab) {
            free(data);
            return yu_error_set(err, YU_ESYNTAX, path, line, 1,
                                "expected CODE<TAB>NAME");
        }
        *tab = 0;
        char *code = yu_trim(l), *name = yu_trim(tab + 1);
        uint32_t num;
        size_t cl = strlen(code);
        if (parse_code(code, &num) || (cl != 3 && cl != 5 && cl != 7)) {
            yu_error_set(err, YU_ECODE, path, line, 1,
                         "'%s' is not a classification code: expected 3, 5 or 7 digits", code);
            free(data);
            return YU_ECODE;
        }
        if (!*name) {
            free(data);
            return yu_error_set(err, YU_ESYNTAX, path, line, 2, "code %s has no name", code);
        }
        if (cl > 3) {
            uint32_t parent = cl == 5 ? num / 100 : num / 100;
            sort_cat(c);
            if (!find(c, parent)) {
                yu_error_set(err, YU_ECODE, path, line, 1,
                             "code %s: its parent %u is not in the catalogue (list parents first)",
                             code, parent);
                free(data);
                return YU_ECODE;
            }
        }
        if ((st = yu_catalog_add(c, code, name)) != YU_OK) {
            free(data);
            return yu_error_set(err, st, path, line, 1, "cannot add code %s", code);
        }
    }
    free(data);
    return YU_OK;
}

const char *yu_catalog_name_num(const yu_catalog *c, uint32_t code, int digits)
{
    (void)digits;
    entry *e = find(c, code);
    return e ? e->name : NULL;
}

const char *yu_catalog_name(const yu_catalog *c, const char *code)
{
    uint32_t num;
    if (!code || parse_code(code, &num))
        return NULL;
    return yu_catalog_name_num(c, num, (int)strlen(code));
}

size_t yu_catalog_size(const yu_catalog *c)
{
    return c ? c->n : 0;
}

void yu_catalog_at(const yu_catalog *c, size_t i, const char **code, const char **name)
{
    *code = c->e[i].code;
    *name = c->e[i].name;
}
