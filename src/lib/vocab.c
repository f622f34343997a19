/* The vocabulary of published budgets (read.h, docs/vocab.md): words ->
 * concepts, kept as data.  Words are stored canonical (textgrid.h) and
 * matched as substrings of a canonical label; the longest word wins, so
 * 财政拨款收支总表 is fiscal_summary, not summary. */
#include <stdlib.h>
#include <string.h>
#include "yusuan/read.h"
#include "internal.h"
#include "textgrid.h"

typedef struct vword {
    const char *kind;    /* "col", "row", "table" … */
    const char *concept; /* concept id */
    const char *word;    /* canonical word */
    size_t len;
} vword;

struct yu_vocab {
    yu_arena *A;
    vword *w;
    size_t n, cap;
};

void yu_vocab_free(yu_vocab *v)
{
    if (!v)
        return;
    free(v->w);
    yu_arena_free(v->A);
    free(v);
}

static int add_word(yu_vocab *v, const char *kind, const char *concept, const char *word)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 256;
        vword *nw = realloc(v->w, nc * sizeof *nw);
        if (!nw)
            return -1;
        v->w = nw;
        v->cap = nc;
    }
    char *c = yu_canon(v->A, word);
    if (!c)
        return -1;
    if (!*c)
        return 0;
    v->w[v->n].kind = kind;
    v->w[v->n].concept = concept;
    v->w[v->n].word = c;
    v->w[v->n].len = strlen(c);
    v->n++;
    return 0;
}

yu_status yu_vocab_load(const char *path, yu_vocab **out, yu_error *err)
{
    *out = NULL;
    char *data;
    size_t len;
    yu_status st = yu_read_file(path, &data, &len, err);
    if (st)
        return st;
    if (!yu_utf8_valid(data, len)) {
        free(data);
        return yu_error_set(err, YU_ESYNTAX, path, 0, 0, "not UTF-8 text: the vocabulary must be UTF-8");
    }
    yu_vocab *v = calloc(1, sizeof *v);
    if (!v || !(v->A = yu_arena_new())) {
        free(v);
        free(data);
        return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    }
    char *p = data;
    int line = 0;
    while (*p && !st) {
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
        char *t1 = strchr(t, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t1 || !t2 || t2 == t1 + 1 || t1 == t || !t2[1]) {
            st = yu_error_set(err, YU_ESYNTAX, path, line, 0,
                              "expected KIND<TAB>CONCEPT<TAB>WORD|WORD…, e.g. col<TAB>total<TAB>合计|总计");
            break;
        }
        char *kind = yu_arena_strndup(v->A, t, (size_t)(t1 - t));
        char *concept = yu_arena_strndup(v->A, t1 + 1, (size_t)(t2 - t1 - 1));
        if (!kind || !concept) {
            st = yu_error_set(err, YU_ENOMEM, path, line, 0, "out of memory");
            break;
        }
        char *save = NULL;
        for (char *w = strtok_r(t2 + 1, "|", &save); w; w = strtok_r(NULL, "|", &save))
            if (add_word(v, kind, concept, w)) {
                st = yu_error_set(err, YU_ENOMEM, path, line, 0, "out of memory");
                break;
            }
    }
    free(data);
    if (st) {
        yu_vocab_free(v);
        return st;
    }
    *out = v;
    return YU_OK;
}

const char *yu_vocab_match(const yu_vocab *v, const char *kind, const char *label)
{
    if (!v || !label)
        return NULL;
    const vword *best = NULL;
    for (size_t i = 0; i < v->n; i++) {
        const vword *w = &v->w[i];
        if ((!best || w->len > best->len) && !strcmp(w->kind, kind) && strstr(label, w->word))
            best = w;
    }
    return best ? best->concept : NULL;
}

int yu_vocab_has(const yu_vocab *v, const char *kind, const char *concept, const char *label)
{
    if (!v || !label)
        return 0;
    for (size_t i = 0; i < v->n; i++) {
        const vword *w = &v->w[i];
        if (!strcmp(w->kind, kind) && !strcmp(w->concept, concept) && strstr(label, w->word))
            return 1;
    }
    return 0;
}

const char *yu_vocab_find(const yu_vocab *v, const char *kind, const char *s, size_t *pos, size_t *len)
{
    const vword *best = NULL;
    const char *at = NULL;
    if (!v || !s)
        return NULL;
    for (size_t i = 0; i < v->n; i++) {
        const vword *w = &v->w[i];
        if (strcmp(w->kind, kind))
            continue;
        const char *p = strstr(s, w->word);
        if (p && (!at || p < at || (p == at && w->len > best->len))) {
            at = p;
            best = w;
        }
    }
    if (!best)
        return NULL;
    *pos = (size_t)(at - s);
    *len = best->len;
    return best->concept;
}
