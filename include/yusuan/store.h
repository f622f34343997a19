/* yusuan — the store: many units and many years in one SQLite database,
 * department consolidation with eliminations, and synthetic administrations.
 *
 * A store is a SQLite file (docs/store.md) whose schema is versioned:
 * yu_store_open() migrates an older database to the latest schema, one
 * migration per transaction, recorded in PRAGMA user_version and in the table
 * schema_migrations.  Every import is one transaction (BEGIN IMMEDIATE …
 * COMMIT, ROLLBACK on any error): a process killed at any moment leaves the
 * database as it was before the import or after it.
 *
 * Units form a tree (region → 部门 → 单位 → 下属单位) through units.parent_code.
 * Consolidating a node sums the budgets of its subtree and eliminates the
 * transfers inside it (docs/store.md "Eliminations"); the result is an
 * ordinary yu_budget, so yu_compile() and every renderer work unchanged.
 *
 * yu_admin / yu_cube: every node of a whole administration consolidated in
 * one pass over its line items (docs/store.md "Consolidating everything").
 *
 * yu_gen_*: a deterministic synthetic administration (province → prefectures →
 * counties → departments → units), written into a store or laid out in
 * memory. */
#ifndef YUSUAN_STORE_H
#define YUSUAN_STORE_H

#include <stdint.h>
#include <stddef.h>
#include "error.h"
#include "money.h"
#include "catalog.h"
#include "model.h"
#include "engine.h"
#include "rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- store */

typedef struct yu_store yu_store;

/* The schema version this library writes (PRAGMA user_version). */
#define YU_STORE_SCHEMA_VERSION 15

/* Opens (creating when absent) the database at path, sets WAL mode and
 * migrates it to YU_STORE_SCHEMA_VERSION.  A database written by a newer
 * yusuan (user_version above the latest) is refused with YU_EDB. */
yu_status yu_store_open(const char *path, yu_store **out, yu_error *err);

/* Opens an existing store read-only, for commands that only read (list,
 * show, export, report --db): never creates a database, never writes one.
 * A missing or empty file is YU_EIO ("no such store"); a store at another
 * schema version is YU_EDB (a read-write open migrates it).  Import and the
 * other writing calls fail on a store opened this way. */
yu_status yu_store_open_ro(const char *path, yu_store **out, yu_error *err);

/* Test hook for crash-safety tests: the next imports call abort() after
 * inserting `nlines` line items (a crash in the middle of the transaction).
 * A negative value turns it off. */
void yu_store_set_abort_after(yu_store *s, long nlines);

/* Same, migrating only up to `version` (1..YU_STORE_SCHEMA_VERSION): for
 * tests of the migrations and for tools.  A store opened below the latest
 * version supports only yu_store_schema_version() and yu_store_close(). */
yu_status yu_store_open_at(const char *path, int version, yu_store **out, yu_error *err);

/* Migrates an open store up to `version` (no-op when already there). */
yu_status yu_store_migrate(yu_store *s, int version, yu_error *err);

/* The schema version of an open store. */
int yu_store_schema_version(const yu_store *s);

void yu_store_close(yu_store *s);

/* The underlying sqlite3 connection (sqlite3 *), for tests and tools. */
void *yu_store_sqlite(yu_store *s);

/* Kind of a stored budget. */
typedef enum yu_store_kind {
    YU_STORE_BUDGET = 0, /* 部门预算: a budget */
    YU_STORE_FINAL = 1   /* 部门决算: final accounts (execution) */
} yu_store_kind;

/* "budget" / "final"; parse returns -1 when unknown. */
const char *yu_store_kind_key(int kind);
int yu_store_kind_parse(const char *s);

/* Imports a budget as the (b->code, b->year, kind) entry: one transaction
 * that replaces an existing entry atomically.  The unit row is created or
 * updated (name, department, parent); when the budget names no parent and its
 * department code differs from its code, the unit is placed under the
 * department's node (created with kind 'department' when missing).
 * `origin` (a path, or NULL) is recorded with the entry.
 * (Crash tests: yu_store_set_abort_after.) */
yu_status yu_store_import(yu_store *s, const yu_budget *b, yu_store_kind kind,
                          const char *origin, yu_error *err);

/* Batches: between yu_store_begin and yu_store_commit every import joins
 * one transaction (each import still all-or-nothing through a savepoint);
 * yu_store_rollback drops the whole batch.  For bulk loads. */
yu_status yu_store_begin(yu_store *s, yu_error *err);
yu_status yu_store_commit(yu_store *s, yu_error *err);
void yu_store_rollback(yu_store *s);

/* Creates or updates a tree node without a budget of its own (a region or a
 * department).  kind: "region", "department" or "unit"; parent may be NULL. */
yu_status yu_store_put_node(yu_store *s, const char *code, const char *name,
                            const char *parent_code, const char *kind, yu_error *err);

/* A unit (tree node) of the store. */
typedef struct yu_store_unit {
    char *code, *name;
    char *parent_code;   /* NULL for a root */
    char *dept_code, *dept_name; /* may be NULL */
    char *kind;          /* region, department or unit */
} yu_store_unit;

/* A stored budget. */
typedef struct yu_store_entry {
    char *code;          /* unit code */
    char *name;          /* unit name as in the budget */
    int year;
    int kind;            /* yu_store_kind */
    int64_t nlines;      /* line items */
    yu_money total;      /* Σ line items, 分 */
    char *imported_at;   /* UTC, ISO 8601 */
} yu_store_entry;

/* Every unit, sorted by code.  Free with yu_store_units_free. */
yu_status yu_store_units(yu_store *s, yu_store_unit **out, size_t *n, yu_error *err);
void yu_store_units_free(yu_store_unit *u, size_t n);

/* Every stored budget, sorted by code, year, kind (code NULL: all units;
 * otherwise only that unit's). */
yu_status yu_store_list(yu_store *s, const char *code, yu_store_entry **out, size_t *n,
                        yu_error *err);
void yu_store_entries_free(yu_store_entry *e, size_t n);

/* Loads one stored budget back: identical, field by field, to the one
 * imported.  YU_EMISSING when there is none. */
yu_status yu_store_load(yu_store *s, const char *code, int year, yu_store_kind kind,
                        yu_budget **out, yu_error *err);

/* Writes a budget as a package directory (docs/format.md), creating the
 * directory when missing.  Amounts are written in the budget's input unit
 * when every amount is a whole number of 0.01 of it, otherwise in 元.
 * yu_load_package() of the result gives back an identical budget. */
yu_status yu_write_package(const yu_budget *b, const char *dir, yu_error *err);

/* yu_store_load + yu_write_package. */
yu_status yu_store_export(yu_store *s, const char *code, int year, yu_store_kind kind,
                          const char *dir, yu_error *err);

/* Rebuilds the table unit_closure (unit → every ancestor, itself included,
 * with its depth) when imports changed the tree since the last rebuild, or
 * always when force is set.  SQL aggregations over a subtree join on it. */
yu_status yu_store_refresh_closure(yu_store *s, int force, yu_error *err);

/* ---------------------------------------------------------- warnings */

typedef struct yu_warnings {
    char **msg;
    size_t n, cap;
} yu_warnings;

void yu_warnings_free(yu_warnings *w);

/* ---------------------------------------------------- consolidation */

/* One node of a subtree to consolidate. */
typedef struct yu_cons_node {
    const char *code, *name;    /* the node */
    const char *dept_code, *dept_name; /* its department, or NULL */
    int32_t parent;             /* index of its parent in the array; -1 for the root */
    const yu_budget *b;         /* its own budget, or NULL (a region, a department node) */
    const yu_budget *final_prev;/* its final accounts of year - 1, or NULL */
} yu_cons_node;

/* What the eliminations removed (分). */
typedef struct yu_elim_info {
    yu_money down_lines;   /* Σ 对附属单位补助支出 (非财政拨款) of units whose children are in the subtree */
    yu_money down_income;  /* Σ 上级补助收入 of those children */
    yu_money down_elim;    /* eliminated: Σ per parent of min(lines, income) */
    yu_money up_lines;     /* Σ 上缴上级支出 (非财政拨款) of children whose parent has a budget */
    yu_money up_income;    /* Σ 附属单位上缴收入 of those parents */
    yu_money up_elim;      /* eliminated */
    size_t nunits;         /* budgets consolidated */
} yu_elim_info;

/* Consolidates the subtree nodes[0..n) whose root is the node with parent
 * -1 (exactly one) into one budget: funds, line items, "三公", procurement,
 * assets summed; projects and indicators concatenated (project ids prefixed
 * with the unit code); texts and notes taken from the root's own budget.
 * Internal transfers are eliminated (docs/store.md "Eliminations"); an
 * amount that does not match its counterpart is reported in w (may be NULL)
 * and only the matching part is eliminated, so the result balances.
 * prior: for each unit, the 一般公共预算 execution by 项 of final_prev when
 * given, else the unit's own prior; summed by 项.  *info may be NULL. */
yu_status yu_consolidate(const yu_cons_node *nodes, size_t n, yu_budget **out,
                         yu_elim_info *info, yu_warnings *w, yu_error *err);

/* The 一般公共预算 (gpb + gpb_carry) execution by 项 of final accounts, as
 * prior entries sorted by 项; executed_ex leaves out 中央基建投资 lines.
 * Replaces b->prior. */
yu_status yu_prior_from_final(yu_budget *b, const yu_budget *final_prev);

/* The budget `yusuan report --db PATH --unit CODE --year Y` writes: a unit
 * with no budgets below it is loaded as stored (its prior replaced by its
 * final accounts of year - 1 when the store holds them); any other node is
 * consolidated over its subtree.  Warnings of the eliminations go to w (may be
 * NULL), their figures to *info (may be NULL). */
yu_status yu_store_report_budget(yu_store *s, const char *code, int year, yu_budget **out,
                                 yu_elim_info *info, yu_warnings *w, yu_error *err);

/* ------------------------------- consolidating every node in one pass */

/* A whole administration laid out for consolidation: the tree, and for each
 * node with a budget one contiguous block of compact line items (a key id and
 * an amount) plus its funds, "三公" and procurement. */
typedef struct yu_admin yu_admin;

/* Keys of the cube: a line item's key without its project.  Types beyond
 * yu_type carry the prior year's execution: */
#define YU_CUBE_PRIOR 6    /* prior 执行数 of func (source gpb, econ 0) */
#define YU_CUBE_PRIOR_EX 7 /* prior 扣除中央基建投资后执行数 */

typedef struct yu_cube_key {
    uint32_t func, econ;
    uint8_t type, source, jijian, pad_;
} yu_cube_key;

yu_admin *yu_admin_new(void);
void yu_admin_free(yu_admin *a);

/* Reserves room for n line items (optional). */
yu_status yu_admin_reserve(yu_admin *a, size_t nlines);

/* Adds a node; parent is an index returned earlier, or -1 for a root.
 * Returns the node's index, or -1 when out of memory or parent is invalid. */
int32_t yu_admin_add_node(yu_admin *a, const char *code, const char *name, int32_t parent);

/* Gives a node its budget (once): line items, prior, funds, "三公",
 * procurement.  The budget may be freed afterwards. */
yu_status yu_admin_add_budget(yu_admin *a, int32_t node, const yu_budget *b);

size_t yu_admin_nodes(const yu_admin *a);
size_t yu_admin_lines(const yu_admin *a);
const char *yu_admin_code(const yu_admin *a, int32_t node);
int32_t yu_admin_parent(const yu_admin *a, int32_t node); /* -1 for a root */
int32_t yu_admin_find(const yu_admin *a, const char *code);

/* Every node consolidated. */
typedef struct yu_cube {
    size_t nnodes;                /* as in the admin, same indexes */
    size_t nkeys;
    const yu_cube_key *keys;      /* key id → fields (owned by the admin) */
    uint64_t *start;              /* node i's cells are cell_*[start[i] .. start[i] + count[i]) */
    uint32_t *count;
    uint32_t *cell_key;           /* key id */
    yu_money *cell_val;           /* amount */
    size_t ncells;                /* Σ count */
    uint64_t extent;              /* the arrays' used length: the nodes' cells, with gaps between
                                     the parts different threads wrote (read them node by node) */
    yu_money *funds;              /* nnodes × YU_F_COUNT, after eliminations */
    yu_money *sangong;            /* nnodes × YU_SG_COUNT */
    yu_money *procurement;        /* nnodes × YU_P_COUNT */
    yu_money *elim;               /* nnodes × 2: eliminated 上级补助 / 附属单位上缴 in the subtree */
} yu_cube;

#define YU_CUBE_NO_ELIM 1u /* leave internal transfers in (the plain sum) */
/* flags | YU_CUBE_THREADS(n): use n threads (1..16); 0 (the default) chooses */
#define YU_CUBE_THREADS(n) (((unsigned)(n) & 0xffu) << 8)
#define YU_CUBE_THREADS_OF(flags) (((flags) >> 8) & 0xffu)

/* Consolidates every node: one pass over the line items, depth first,
 * on as many threads as there are processors (one below a million line
 * items; flags | YU_CUBE_THREADS(n) sets the number — the yusuan command
 * passes its YUSUAN_THREADS=N).  The result does not depend on the number of
 * threads.  The amounts of every budget added to the admin together stay
 * within YU_MONEY_SUM_MAX (yu_admin_add_budget refuses more with YU_ELIMIT). */
yu_status yu_admin_consolidate(const yu_admin *a, unsigned flags, yu_cube **out, yu_error *err);
void yu_cube_free(yu_cube *c);

/* Loads every budget of a year (kind budget) of the store into an admin:
 * every unit becomes a node; prior comes from final accounts of year - 1
 * where stored. */
yu_status yu_store_load_admin(yu_store *s, int year, yu_admin **out, yu_error *err);
/* Year segments (docs/store.md): yu_store_load_admin maps DBPATH-seg/YEAR.seg when it matches the store's
 * data, and otherwise loads from SQLite and writes it (atomically; silently not when it cannot).  On by
 * default; yu_store_set_segments(s, 0) loads from SQLite only.  An admin loaded from a segment takes no
 * more nodes or budgets (YU_EUSAGE). */
void yu_store_set_segments(yu_store *s, int on);
/* What the last yu_store_load_admin did with the segment: "used", "built", "rebuilt (stale: …)",
 * "rebuilt (damaged)", "not written (…)", "off" or "not used …" (a constant string). */
const char *yu_store_segment_state(const yu_store *s);

/* ----------------------------------------------------- synthetic data */

typedef struct yu_gen_opts {
    uint64_t seed;       /* deterministic: same options, same administration */
    int year;            /* budget year */
    int provinces;       /* > 1: under a national root node 全国 */
    int prefectures;     /* per province */
    int counties;        /* per prefecture */
    int departments;     /* departments per region (province, prefecture, county) */
    int64_t units;       /* budget units in all (0: 5 per department) */
    int64_t lines;       /* line items in all (0: 40 per unit) */
    int finals;          /* also final accounts of year - 1 for every unit */
} yu_gen_opts;

/* Fills opts from a preset: "small" (tests), "bench" (10 million line items),
 * "national" (31 provinces, 600,000 units, 100 million line items).
 * YU_EUSAGE for an unknown name. */
yu_status yu_gen_preset(yu_gen_opts *o, const char *name);

/* What was generated. */
typedef struct yu_gen_stats {
    int64_t regions, departments, units, lines, projects;
    yu_money total; /* Σ line items of the year's budgets */
} yu_gen_stats;

/* Generates into a store (batches of transactions; the closure table is
 * refreshed at the end).  Codes come from the catalogues. */
yu_status yu_gen_store(yu_store *s, const yu_gen_opts *o, const yu_catalog *func,
                       const yu_catalog *econ, yu_gen_stats *st, yu_error *err);

/* Generates straight into memory, laid out for yu_admin_consolidate(). */
yu_status yu_gen_admin(const yu_gen_opts *o, const yu_catalog *func, const yu_catalog *econ,
                       yu_admin **out, yu_gen_stats *st, yu_error *err);

/* ------------------------------------------------------ published documents */

/* Keeps a published document read back by the audit (yu_audit_text): every
 * cell of its tables and every finding, under `origin` (its file name); one
 * transaction, replacing an earlier import of the same origin. */
yu_status yu_store_import_doc(yu_store *s, const yu_doc *d, const yu_findings *fs, const char *origin,
                              int tables_found, yu_error *err);

/* The same, knowing the document by its content: `content_hash` (e.g. the
 * SHA-256 of the file, in hex; NULL: unknown) is kept with it, and a document
 * with the same hash already kept under another origin is not stored again:
 * YU_EDUP, with err naming the origin it is kept under. */
yu_status yu_store_import_doc_hash(yu_store *s, const yu_doc *d, const yu_findings *fs, const char *origin,
                                   const char *content_hash, int tables_found, yu_error *err);

typedef struct yu_store_doc {
    char *origin, *unit_name, *template_id;
    int year, tables_found, tables_expected, errors, missing;
} yu_store_doc;

/* The documents kept, by year then origin. Free with yu_store_docs_free. */
yu_status yu_store_docs(yu_store *s, yu_store_doc **out, size_t *n, yu_error *err);
void yu_store_docs_free(yu_store_doc *d, size_t n);

/* A cell of the document kept of a unit, year and template (the latest
 * imported when there are several): table id, row key or 功能/经济分类 code,
 * column key as the layout names them.  *found 0 when there is none (or the
 * cell is text); *fen its value in 分; *origin (may be NULL) the file it was
 * read from, freed by the caller. */
yu_status yu_store_doc_cell(yu_store *s, const char *unit_name, int year, const char *template_id, const char *table,
                            const char *row, const char *col, int *found, int64_t *fen, char **origin, yu_error *err);

/* ------------------------------------------- every node's document, one run */

/* Called once per node, from the worker threads (at the same time from
 * several: it must be thread-safe).  b is the budget yu_store_report_budget
 * gives for the node (read only; valid during the call), w its warnings.
 * Non-zero stops the run: yu_store_report_all returns that status, with err. */
typedef yu_status (*yu_report_emit)(void *ctx, const char *code, const yu_budget *b, const yu_warnings *w,
                                    yu_error *err);

typedef struct yu_report_all_opts {
    unsigned threads;      /* workers (0 or 1: one) */
    yu_report_emit emit;
    void *ctx;
    /* after each node (under a lock; may be NULL): done of total */
    void (*progress)(void *ctx, size_t done, size_t total);
} yu_report_all_opts;

/* Every node of the tree with a budget of `year` in its subtree, consolidated
 * (as yu_store_report_budget does it, one node at a time: the same budget)
 * and handed to o->emit: the store is read once, in one read transaction;
 * nodes are dealt to o->threads workers largest subtree first.  *nnodes (may be
 * NULL) gets the number of nodes emitted. */
yu_status yu_store_report_all(yu_store *s, int year, const yu_report_all_opts *o, size_t *nnodes, yu_error *err);

#ifdef __cplusplus
}
#endif

#endif
