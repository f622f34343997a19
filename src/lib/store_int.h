/* Internals shared by store.c, store_schema.c, store_import.c, store_all.c and store_admin.c
 * (the store itself, its cached statements, the unit tree, loading budgets by id): not part of
 * the public API. */
#ifndef YU_STORE_INT_H
#define YU_STORE_INT_H

#include <stdint.h>
#include <stddef.h>
#include <sqlite3.h>
#include "yusuan/store.h"

/* prepared statements, cached by the store (their SQL: qsql in store.c) */
enum {
    Q_UNIT_GET, Q_UNIT_INS, Q_UNIT_UPD, Q_UNIT_ID, Q_DEPT_INS,
    Q_BUDGET_FIND, Q_BUDGET_INS, Q_BUDGET_DEL,
    Q_DEL_FUNDS, Q_DEL_LINES, Q_DEL_PRIOR, Q_DEL_SANGONG, Q_DEL_PROC, Q_DEL_ASSETS,
    Q_DEL_PROJECTS, Q_DEL_INDICATORS, Q_DEL_NOTES,
    Q_INS_FUND, Q_INS_LINE, Q_INS_PRIOR, Q_INS_SANGONG, Q_INS_PROC, Q_INS_ASSET,
    Q_INS_PROJECT, Q_INS_INDICATOR, Q_INS_NOTE, Q_DIRTY,
    /* line blocks (schema 6) and the loader's statements */
    Q_DEL_BLOCK, Q_INS_BLOCK,
    Q_LD_BUDGET, Q_LD_FUNDS, Q_LD_BLOCK, Q_LD_LINES, Q_LD_PRIOR, Q_LD_SANGONG, Q_LD_PROC, Q_LD_ASSETS,
    Q_LD_PROJECTS, Q_LD_INDICATORS, Q_LD_NOTES, Q_DEL_FACTS, Q_INS_FACT, Q_LD_FACTS,
    Q_DEL_MEMBERS, Q_INS_MEMBER, Q_LD_MEMBERS,
    /* the years' key dictionaries (schema 12) */
    Q_KEYS_MAX, Q_KEYS_LD, Q_KEYS_INS,
    Q_COUNT
};

/* the store (opaque to users: yusuan/store.h) */
struct yu_store {
    sqlite3 *db;
    char *path;
    int version;
    int batch;             /* a yu_store_begin() transaction is open */
    sqlite3_stmt *q[Q_COUNT];
    long abort_after;      /* test hook: N + 1 to abort() after N line items, 0 off */
    struct yu__keydict *kd; /* cached key dictionaries of years (store_blocks.c) */
    size_t nkd;
    int seg_off;            /* year segments not used (yu_store_set_segments) */
    const char *seg_state;  /* what the last yu_store_load_admin did with its segment (a constant) */
};

/* A line item from a row of Q_LD_LINES' columns (func, type, source, econ, project, jijian, amount). */
struct yu_line;
void yu__line_row(sqlite3_stmt *st, struct yu_line *l);
/* The cached statement i (Q_*), reset and unbound; NULL when it cannot be prepared. */
sqlite3_stmt *st_stmt(yu_store *s, int i);
/* Runs SQL without results: 0, or -1 on an error (the message: sqlite3_errmsg). */
int st_exec(yu_store *s, const char *sql);
/* Binds v as text (SQLITE_STATIC), or NULL when v is NULL. */
void st_bind_text(sqlite3_stmt *st, int i, const char *v);
/* A copy of column i's text, NULL when it is NULL (or out of memory). */
char *st_col_dup(sqlite3_stmt *st, int i);
/* Steps st once: 0 when it is done, -1 otherwise. */
int st_step_done(sqlite3_stmt *st);

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

/* The scalar package inputs kept in budget_facts (v10; store_import.c): the i-th one's key and value
 * (0 past the last), and setting one by key (an unknown key is ignored). */
int yu__store_fact_get(const yu_budget *b, size_t i, const char **key, int64_t *v);
void yu__store_fact_set(yu_budget *b, const char *key, int64_t v);

/* 分 per display unit of a published document kept (documents.money_unit, decimals). */
int64_t yu__doc_unit_fen(const char *unit, int decimals);

#endif
