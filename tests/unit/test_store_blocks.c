/* Line blocks (store_blocks.c, schema 6) and every node's budget in one run
 * (store_all.c, yu_store_report_all). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sqlite3.h>
#include "yusuan/yusuan.h"
#include "yusuan/store.h"
#include "store_blocks.h"
#include "test_store_fix.h"

static struct {
    yu_catalog *func, *econ;
    char dir[256], db[300];
} F;

static int group_setup(void **state)
{
    (void)state;
    if (fix_catalogs(&F.func, &F.econ) || fix_mkdtemp(F.dir, sizeof F.dir, "/tmp/yusuan-blocks-XXXXXX"))
        return -1;
    snprintf(F.db, sizeof F.db, "%s/gen.db", F.dir);
    /* the small administration with the preset's seed (1) */
    return fix_gen_small(F.db, 1, F.func, F.econ);
}

static int group_teardown(void **state)
{
    (void)state;
    fix_catalogs_free(F.func, F.econ);
    return fix_rmtree(F.dir);
}

static int64_t q1(yu_store *s, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(yu_store_sqlite(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static yu_budget *tiny_budget(const char *code, int year)
{
    yu_budget *b = yu_budget_new();
    b->name = strdup("小单位");
    b->code = strdup(code);
    b->dept_name = strdup("小部门");
    b->dept_code = strdup("777");
    b->template_id = strdup("central-budget");
    b->year = year;
    return b;
}

/* a block's bytes: key ids into the year's dictionary, then the amounts, then the projects */
static void test_block_layout(void **state)
{
    (void)state;
    char db[300];
    snprintf(db, sizeof db, "%s/layout.db", F.dir);
    yu_store *s;
    yu_error err;
    assert_int_equal(yu_store_open(db, &s, &err), YU_OK);
    yu_budget *b = tiny_budget("777001", 2024);
    yu_line in[3] = {{INT64_MAX / 64, 2010101, 30101, -1, YU_T_PERSONNEL, YU_S_GPB, 0, 0},
                     {-5, 2010101, 30101, -1, YU_T_PERSONNEL, YU_S_GPB, 0, 0},
                     {300, 2080505, 31002, -1, YU_T_FUSHU, YU_S_NONFISCAL, 1, 0}};
    for (int i = 0; i < 3; i++)
        assert_int_equal(yu_budget_add_line(b, &in[i]), YU_OK);
    yu_prior p = {2010101, 90, 80};
    assert_int_equal(yu_budget_add_prior(b, &p), YU_OK);
    b->funds[YU_F_GPB] = 300;
    assert_int_equal(yu_store_import(s, b, YU_STORE_BUDGET, NULL, &err), YU_OK);
    /* the dictionary: the two line keys, then the prior's two */
    assert_int_equal(q1(s, "SELECT count(*) FROM year_keys WHERE year = 2024"), 4);
    assert_int_equal(q1(s, "SELECT id FROM year_keys WHERE year = 2024 AND func = 2080505 AND econ = 31002 AND jijian = 1"), 1);
    assert_int_equal(q1(s, "SELECT id FROM year_keys WHERE year = 2024 AND type = 7"), 3);
    /* the head, then 5 items (3 lines, 2 for the prior row) × 12 bytes, no project column */
    assert_int_equal(q1(s, "SELECT length(data) FROM line_blocks"), YU_BLOCK_HEAD + 60);
    assert_int_equal(q1(s, "SELECT nprior FROM budgets"), 1);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(yu_store_sqlite(s), "SELECT data FROM line_blocks", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *d = sqlite3_column_blob(st, 0);
    assert_int_equal(d[0], YU_BLOCK_SUMS);
    assert_int_equal(d[8 + 8 * YU_F_GPB], 0x2C); /* the head: funds first (gpb 300 = 0x12C) */
    assert_int_equal(d[8 + 8 * YU_F_GPB + 1], 0x01);
    d += YU_BLOCK_HEAD;
    static const unsigned char keys[20] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0};
    assert_memory_equal(d, keys, 20);
    assert_int_equal(d[20 + 8], 0xFB); /* -5, little-endian */
    assert_int_equal(d[20 + 15], 0xFF);
    assert_int_equal(d[20 + 24], 90); /* the prior row: 执行数 then 扣除基建 */
    assert_int_equal(d[20 + 32], 80);
    sqlite3_finalize(st);
    /* a budget of another unit with a project and one new key: the project column, the key appended */
    yu_budget *c = tiny_budget("777002", 2024);
    yu_line l2[2] = {{7, 2010101, 30101, -1, YU_T_PERSONNEL, YU_S_GPB, 0, 0},
                     {8, 2010102, 30201, 0, YU_T_PROJECT, YU_S_GPB, 0, 0}};
    for (int i = 0; i < 2; i++)
        assert_int_equal(yu_budget_add_line(c, &l2[i]), YU_OK);
    yu_project pj;
    memset(&pj, 0, sizeof pj);
    pj.id = "P1";
    pj.name = "项目";
    assert_int_equal(yu_budget_add_project(c, &pj), YU_OK);
    assert_int_equal(yu_store_import(s, c, YU_STORE_BUDGET, NULL, &err), YU_OK);
    assert_int_equal(q1(s, "SELECT count(*) FROM year_keys WHERE year = 2024"), 5);
    assert_int_equal(q1(s, "SELECT length(data) FROM line_blocks ORDER BY budget_id DESC LIMIT 1"),
                     YU_BLOCK_HEAD + 2 * 12 + 2 * 4);
    /* both load back as imported */
    yu_budget *x = NULL;
    assert_int_equal(yu_store_load(s, "777001", 2024, YU_STORE_BUDGET, &x, &err), YU_OK);
    assert_int_equal(x->nlines, 3);
    assert_memory_equal(x->lines, b->lines, sizeof in);
    assert_int_equal(x->nprior, 1);
    assert_int_equal(x->prior[0].func, p.func);
    assert_int_equal(x->prior[0].executed, p.executed);
    assert_int_equal(x->prior[0].executed_ex, p.executed_ex);
    yu_budget_free(x);
    assert_int_equal(yu_store_load(s, "777002", 2024, YU_STORE_BUDGET, &x, &err), YU_OK);
    assert_int_equal(x->nlines, 2);
    assert_memory_equal(x->lines, c->lines, sizeof l2);
    assert_int_equal(x->nprior, 0);
    yu_budget_free(x);
    yu_store_close(s);
    yu_budget_free(b);
    pj.id = NULL;
    pj.name = NULL;
    yu_budget_free(c);
}

/* the cached dictionary follows other connections' imports and this one's rollbacks */
static void test_keys_cache(void **state)
{
    (void)state;
    char db[300];
    snprintf(db, sizeof db, "%s/cache.db", F.dir);
    yu_store *s1, *s2;
    yu_error err;
    assert_int_equal(yu_store_open(db, &s1, &err), YU_OK);
    assert_int_equal(yu_store_open(db, &s2, &err), YU_OK);
    yu_budget *b[4];
    for (int i = 0; i < 4; i++) {
        char code[24];
        snprintf(code, sizeof code, "77700%d", i + 1);
        b[i] = tiny_budget(code, 2024);
        yu_line l = {100 + i, 2010101, 30101 + (uint32_t)i, -1, YU_T_PERSONNEL, YU_S_GPB, 0, 0};
        assert_int_equal(yu_budget_add_line(b[i], &l), YU_OK);
    }
    assert_int_equal(yu_store_import(s1, b[0], YU_STORE_BUDGET, NULL, &err), YU_OK); /* s1 caches key 0 */
    assert_int_equal(yu_store_import(s2, b[1], YU_STORE_BUDGET, NULL, &err), YU_OK); /* key 1, from s2 */
    assert_int_equal(yu_store_import(s1, b[2], YU_STORE_BUDGET, NULL, &err), YU_OK); /* s1 reads key 1: key 2 */
    /* a batch rolled back: the key it added is gone, and so is s1's memory of it */
    assert_int_equal(yu_store_begin(s1, &err), YU_OK);
    assert_int_equal(yu_store_import(s1, b[3], YU_STORE_BUDGET, NULL, &err), YU_OK);
    yu_store_rollback(s1);
    assert_int_equal(yu_store_import(s2, b[3], YU_STORE_BUDGET, NULL, &err), YU_OK); /* key 3, from s2 */
    yu_line l = {5, 2010101, 30999, -1, YU_T_PERSONNEL, YU_S_GPB, 0, 0};
    assert_int_equal(yu_budget_add_line(b[0], &l), YU_OK);
    assert_int_equal(yu_store_import(s1, b[0], YU_STORE_BUDGET, NULL, &err), YU_OK); /* key 4 */
    assert_int_equal(q1(s1, "SELECT count(*) FROM year_keys"), 5);
    assert_int_equal(q1(s1, "SELECT count(DISTINCT econ) FROM year_keys"), 5);
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 2; k++) {
            yu_budget *x = NULL;
            assert_int_equal(yu_store_load(k ? s2 : s1, b[i]->code, 2024, YU_STORE_BUDGET, &x, &err), YU_OK);
            assert_int_equal(x->nlines, b[i]->nlines);
            assert_memory_equal(x->lines, b[i]->lines, b[i]->nlines * sizeof *x->lines);
            yu_budget_free(x);
        }
    yu_store_close(s1);
    yu_store_close(s2);
    for (int i = 0; i < 4; i++)
        yu_budget_free(b[i]);
}

/* every budget of the store, loaded (from its block when there is one) */
static yu_budget **load_all(yu_store *s, size_t *n)
{
    yu_store_entry *e;
    yu_error err;
    assert_int_equal(yu_store_list(s, NULL, &e, n, &err), YU_OK);
    yu_budget **v = calloc(*n, sizeof *v);
    for (size_t i = 0; i < *n; i++)
        assert_int_equal(yu_store_load(s, e[i].code, e[i].year, (yu_store_kind)e[i].kind, &v[i], &err), YU_OK);
    yu_store_entries_free(e, *n);
    return v;
}

static void same_lines(yu_budget **a, yu_budget **b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(a[i]->nlines, b[i]->nlines);
        assert_memory_equal(a[i]->lines, b[i]->lines, a[i]->nlines * sizeof *a[i]->lines);
        assert_string_equal(a[i]->code, b[i]->code);
        assert_int_equal(a[i]->nprojects, b[i]->nprojects);
    }
}

static void test_blocks_and_migration(void **state)
{
    (void)state;
    yu_store *s;
    yu_error err;
    assert_int_equal(yu_store_open(F.db, &s, &err), YU_OK);
    /* the import wrote one block per budget, holding every line item */
    assert_int_equal(q1(s, "SELECT count(*) FROM line_blocks"), q1(s, "SELECT count(*) FROM budgets"));
    assert_int_equal(q1(s, "SELECT sum(nlines) FROM line_blocks"), q1(s, "SELECT count(*) FROM lines"));
    char sql[400];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM line_blocks k JOIN budgets b ON b.id = k.budget_id "
                              "WHERE k.nlines <> b.nlines OR k.nprior <> b.nprior OR length(k.data) - %d NOT IN "
                              "(12 * (k.nlines + 2 * k.nprior), 12 * (k.nlines + 2 * k.nprior) + 4 * k.nlines)",
             YU_BLOCK_HEAD);
    assert_int_equal(q1(s, sql), 0);
    assert_int_equal(q1(s, "SELECT sum(nprior) FROM line_blocks"), q1(s, "SELECT count(*) FROM prior"));
    int64_t nkeys = q1(s, "SELECT count(*) FROM year_keys");
    size_t n, n2;
    yu_budget **from_blocks = load_all(s, &n);
    assert_true(n >= 200);
    /* without blocks the loader reads the rows: the same budgets */
    exec_ok(s, "DELETE FROM line_blocks");
    yu_budget **from_rows = load_all(s, &n2);
    assert_int_equal(n, n2);
    same_lines(from_blocks, from_rows, n);
    /* a version-11 database: line blocks of 20-byte records, no dictionary; migration 12 builds both */
    exec_ok(s, "DROP TABLE line_blocks; DROP TABLE year_keys; ALTER TABLE budgets DROP COLUMN nprior;"
               " DELETE FROM line_types WHERE id >= 6;"
               " CREATE TABLE line_blocks(budget_id INTEGER PRIMARY KEY, nlines INTEGER NOT NULL, data BLOB NOT NULL);"
               " INSERT INTO line_blocks SELECT id, nlines, zeroblob(20 * nlines) FROM budgets;"
               " DELETE FROM schema_migrations WHERE version >= 12; PRAGMA user_version = 11");
    yu_store_close(s);
    assert_int_equal(yu_store_open(F.db, &s, &err), YU_OK);
    assert_int_equal(yu_store_schema_version(s), YU_STORE_SCHEMA_VERSION);
    assert_int_equal(q1(s, "SELECT count(*) FROM line_blocks"), q1(s, "SELECT count(*) FROM budgets"));
    assert_int_equal(q1(s, "SELECT count(*) FROM year_keys"), nkeys);
    assert_int_equal(q1(s, "SELECT version FROM schema_migrations WHERE version = 12"), 12);
    yu_budget **migrated10 = load_all(s, &n2);
    same_lines(from_blocks, migrated10, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(migrated10[i]->nprior, from_blocks[i]->nprior);
        for (size_t k = 0; k < from_blocks[i]->nprior; k++) {
            assert_int_equal(migrated10[i]->prior[k].func, from_blocks[i]->prior[k].func);
            assert_int_equal(migrated10[i]->prior[k].executed, from_blocks[i]->prior[k].executed);
            assert_int_equal(migrated10[i]->prior[k].executed_ex, from_blocks[i]->prior[k].executed_ex);
        }
    }
    /* every node consolidated from the migrated blocks: as from the imported ones */
    yu_admin *a1 = NULL;
    assert_int_equal(yu_store_load_admin(s, 2024, &a1, &err), YU_OK);
    /* a version-8 database (without the columns and tables of v10 to v12): migrations 9 to 12 build the
       blocks from the rows */
    exec_ok(s, "DROP TABLE line_blocks; DROP TABLE year_keys; ALTER TABLE budgets DROP COLUMN nprior;"
               " DELETE FROM line_types WHERE id >= 6;"
               " DROP TABLE budget_facts; DROP TABLE budget_units; ALTER TABLE funds DROP COLUMN prior;"
               " ALTER TABLE assets DROP COLUMN purchase; ALTER TABLE projects DROP COLUMN overview;"
               " ALTER TABLE projects DROP COLUMN basis; ALTER TABLE projects DROP COLUMN subject;"
               " ALTER TABLE projects DROP COLUMN plan; ALTER TABLE projects DROP COLUMN period;"
               " ALTER TABLE projects DROP COLUMN schedule;"
               " DELETE FROM schema_migrations WHERE version >= 9; PRAGMA user_version = 8");
    yu_store_close(s);
    assert_int_equal(yu_store_open(F.db, &s, &err), YU_OK);
    assert_int_equal(yu_store_schema_version(s), YU_STORE_SCHEMA_VERSION);
    assert_int_equal(q1(s, "SELECT count(*) FROM line_blocks"), q1(s, "SELECT count(*) FROM budgets"));
    assert_int_equal(q1(s, "SELECT version FROM schema_migrations WHERE version = 9"), 9);
    yu_budget **migrated = load_all(s, &n2);
    same_lines(from_blocks, migrated, n);
    /* the admin loaded from blocks: every node's items as from the blocks of v10's migration */
    yu_admin *a2 = NULL;
    assert_int_equal(yu_store_load_admin(s, 2024, &a2, &err), YU_OK);
    yu_cube *c1 = NULL, *c2 = NULL;
    assert_int_equal(yu_admin_consolidate(a1, 0, &c1, &err), YU_OK);
    assert_int_equal(yu_admin_consolidate(a2, 0, &c2, &err), YU_OK);
    assert_int_equal(c1->ncells, c2->ncells);
    assert_int_equal(c1->nkeys, c2->nkeys);
    for (size_t x = 0; x < c1->nnodes; x++) {
        assert_int_equal(c1->count[x], c2->count[x]);
        assert_memory_equal(&c1->cell_val[c1->start[x]], &c2->cell_val[c2->start[x]], c1->count[x] * sizeof(yu_money));
    }
    yu_cube_free(c1);
    yu_cube_free(c2);
    yu_admin_free(a1);
    yu_admin_free(a2);
    /* a key id past the year's dictionary is a damaged block, for the admin too */
    exec_ok(s, "UPDATE line_blocks SET data = x'FFFFFFFF' || substr(data, 5) WHERE budget_id = (SELECT min(k.budget_id) FROM "
               "line_blocks k JOIN budgets b ON b.id = k.budget_id WHERE k.nlines > 0 AND b.year = 2024 AND b.kind = 'budget')");
    assert_int_equal(yu_store_load_admin(s, 2024, &a1, &err), YU_EDB);
    assert_non_null(strstr(err.msg, "line block is damaged"));
    /* a damaged block is an error that says so, never a wrong budget */
    exec_ok(s, "UPDATE line_blocks SET data = substr(data, 1, 19) WHERE budget_id = (SELECT min(k.budget_id) FROM "
               "line_blocks k JOIN budgets b ON b.id = k.budget_id WHERE k.nlines > 0 AND b.year = 2024 AND b.kind = 'budget')");
    yu_store_entry *e;
    assert_int_equal(yu_store_list(s, NULL, &e, &n2, &err), YU_OK);
    int damaged = 0;
    for (size_t i = 0; i < n2; i++) {
        yu_budget *b = NULL;
        yu_status st = yu_store_load(s, e[i].code, e[i].year, (yu_store_kind)e[i].kind, &b, &err);
        if (st) {
            assert_int_equal(st, YU_EDB);
            assert_non_null(strstr(err.msg, "line block is damaged"));
            damaged++;
        }
        yu_budget_free(b);
    }
    assert_int_equal(damaged, 1);
    yu_store_entries_free(e, n2);
    /* re-importing a budget replaces its block */
    exec_ok(s, "DELETE FROM line_blocks");
    assert_int_equal(yu_store_import(s, from_blocks[0], YU_STORE_BUDGET, NULL, &err), YU_OK);
    assert_int_equal(q1(s, "SELECT count(*) FROM line_blocks"), 1);
    yu_store_close(s);
    for (size_t i = 0; i < n; i++) {
        yu_budget_free(from_blocks[i]);
        yu_budget_free(from_rows[i]);
        yu_budget_free(migrated[i]);
        yu_budget_free(migrated10[i]);
    }
    free(from_blocks);
    free(from_rows);
    free(migrated);
    free(migrated10);
}

/* ---- every node in one run ---- */

typedef struct got {
    pthread_mutex_t mu;
    char *code[512];
    yu_budget *b[512];
    size_t n, nwarn;
    int fail_at; /* emit fails at this call (0: never) */
} got;

static yu_status emit(void *ctx, const char *code, const yu_budget *b, const yu_warnings *w, yu_error *err)
{
    got *G = ctx;
    pthread_mutex_lock(&G->mu);
    size_t i = G->n++;
    G->nwarn += w ? w->n : 0;
    pthread_mutex_unlock(&G->mu);
    if (G->fail_at && (int)i + 1 == G->fail_at)
        return yu_error_set(err, YU_EIO, NULL, 0, 0, "test: emit fails");
    if (i >= 512)
        return yu_error_set(err, YU_ELIMIT, NULL, 0, 0, "test: too many nodes");
    G->code[i] = strdup(code);
    /* compare what is in it, not where: totals and every line item */
    yu_budget *c = yu_budget_new();
    c->nlines = b->nlines;
    c->lines = malloc((b->nlines ? b->nlines : 1) * sizeof *c->lines);
    memcpy(c->lines, b->lines, b->nlines * sizeof *b->lines);
    memcpy(c->funds, b->funds, sizeof b->funds);
    c->nprojects = 0;
    c->name = strdup(b->name ? b->name : "");
    c->code = strdup(b->code ? b->code : "");
    c->nprior = b->nprior; /* count only */
    G->b[i] = c;
    return YU_OK;
}

static void run_all(unsigned threads)
{
    yu_store *s;
    yu_error err;
    assert_int_equal(yu_store_open(F.db, &s, &err), YU_OK);
    got G;
    memset(&G, 0, sizeof G);
    pthread_mutex_init(&G.mu, NULL);
    yu_report_all_opts o = {threads, emit, &G, NULL};
    size_t n = 0;
    yu_status st = yu_store_report_all(s, 2024, &o, &n, &err);
    if (st)
        fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(st, YU_OK);
    assert_int_equal(n, G.n);
    assert_int_equal((int64_t)n, q1(s, "SELECT count(*) FROM units")); /* every node has budgets below it */
    size_t nwarn = 0;
    for (size_t i = 0; i < G.n; i++) {
        yu_budget *one = NULL;
        yu_warnings w = {0};
        assert_int_equal(yu_store_report_budget(s, G.code[i], 2024, &one, NULL, &w, &err), YU_OK);
        assert_string_equal(one->code, G.b[i]->code);
        assert_string_equal(one->name, G.b[i]->name);
        assert_memory_equal(one->funds, G.b[i]->funds, sizeof one->funds);
        assert_int_equal(one->nlines, G.b[i]->nlines);
        assert_memory_equal(one->lines, G.b[i]->lines, one->nlines * sizeof *one->lines);
        assert_int_equal(one->nprior, G.b[i]->nprior);
        nwarn += w.n;
        yu_budget_free(one);
        yu_warnings_free(&w);
        yu_budget_free(G.b[i]);
        free(G.code[i]);
    }
    assert_int_equal(G.nwarn, nwarn); /* each node's warnings reach the callback */
    /* a failing callback stops the run with its error */
    memset(&G.code, 0, sizeof G.code);
    memset(&G.b, 0, sizeof G.b);
    G.n = 0;
    G.fail_at = 5;
    st = yu_store_report_all(s, 2024, &o, &n, &err);
    assert_int_equal(st, YU_EIO);
    assert_string_equal(err.msg, "test: emit fails");
    for (size_t i = 0; i < 512; i++) {
        free(G.code[i]);
        yu_budget_free(G.b[i]);
    }
    /* a year without budgets: nothing */
    G.fail_at = 0;
    assert_int_equal(yu_store_report_all(s, 1999, &o, &n, &err), YU_OK);
    assert_int_equal(n, 0);
    pthread_mutex_destroy(&G.mu);
    yu_store_close(s);
}

static void test_report_all_one_thread(void **state)
{
    (void)state;
    run_all(1);
}

static void test_report_all_threads(void **state)
{
    (void)state;
    run_all(3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_block_layout),
        cmocka_unit_test(test_keys_cache),
        cmocka_unit_test(test_report_all_one_thread),
        cmocka_unit_test(test_report_all_threads),
        cmocka_unit_test(test_blocks_and_migration),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
