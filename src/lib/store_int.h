/* Internals shared by store.c, store_all.c and store_admin.c (the store's unit tree, loading
 * budgets by id): not part of the public API. */
#ifndef YU_STORE_INT_H
#define YU_STORE_INT_H

#include <stdint.h>
#include <stddef.h>
#include "yusuan/store.h"

typedef struct tnode {
    int64_t id;
    char *code, *name, *parent, *dept_code, *dept_name;
    int32_t pidx; /* parent index, -1 root */
} tnode;

typedef struct tree {
    tnode *v;
    size_t n, cap;
    int32_t *hash; /* index + 1 by code */
    size_t mask;
} tree;

/* The units (all of them, or the subtree of root), parents resolved. */
yu_status yu__tree_load(yu_store *s, const char *root, tree *t, yu_error *err);
void yu__tree_free(tree *t);
/* Loads the budget with this id (cached statements; its line block when stored). */
yu_status yu__load_id(yu_store *s, int64_t id, yu_budget **out, yu_error *err);
/* YU_EDB (with the message) unless the store is at the latest schema. */
yu_status yu__need_latest(yu_store *s, yu_error *err);
void *yu__sqlite(yu_store *s);
/* YU_EDB with "what: SQLite's message" */
yu_status yu__dberr(yu_store *s, yu_error *err, const char *what);
/* the index of the unit with this code, or -1 */
int32_t yu__tree_find(const tree *t, const char *code);
const char *yu__path(yu_store *s);

/* The canonical order of a subtree: depth first, the root first, children in
 * ascending unit id.  Fills out[0..) with tree indexes and parent[k] with the
 * position (in out) of out[k]'s parent, -1 for the root; returns the count.
 * k: children lists; pos, stack: room for t->n entries each (scratch). */
typedef struct yu__kids {
    uint32_t *st; /* children of i: ls[st[i] .. st[i + 1]) */
    uint32_t *ls;
} yu__kids;
int yu__kids_build(const tree *t, yu__kids *k);
void yu__kids_free(yu__kids *k);
size_t yu__subtree_order(const tree *t, const yu__kids *k, int32_t root, int32_t *out, int32_t *parent,
                         int32_t *pos, int32_t *stack);

#endif
