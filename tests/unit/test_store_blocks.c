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

static struct {
    yu_catalog *func, *econ;
    char dir[256], db[300];
} F;

static int group_setup(void **state)
{
    (void)state;
    yu_error err;
    F.func = yu_catalog_new();
    F.econ = yu_catalog_new();
    if (yu_catalog_add_file(F.func, YU_DATADIR "/catalog/func-2024.tsv", &err) ||
        yu_catalog_add_file(F.econ, YU_DATADIR "/catalog/econ-dept-2024.tsv", &err))
        return -1;
    snprintf(F.dir, sizeof F.dir, "/tmp/yusuan-blocks-XXXXXX");
    if (!mkdtemp(F.dir))
        return -1;
    snprintf(F.db, sizeof F.db, "%s/gen.db", F.dir);
    /* the small administration: 100 units with final accounts, transfers, eliminations */
    yu_gen_opts o;
    yu_gen_preset(&o, "small");
    yu_store *s;
    yu_gen_stats st;
    if (yu_store_open(F.db, &s, &err) || yu_gen_store(s, &o, F.func, F.econ, &st, &err))
        return -1;
    yu_store_close(s);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    yu_catalog_free(F.func);
    yu_catalog_free(F.econ);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", F.dir);
    return system(cmd) == 0 ? 0 : -1;
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

static void exec_ok(yu_store *s, const char *sql)
{
    assert_int_equal(sqlite3_exec(yu_store_sqlite(s), sql, NULL, NULL, NULL), SQLITE_OK);
}

static void test_pack_roundtrip(void **state)
{
    (void)state;
    yu_line in[4], out[4];
    memset(in, 0, sizeof in);
    in[0] = (yu_line){INT64_MAX, 9999999, 0xFFFFFFFFu, INT32_MAX - 1, YU_T_FUSHU, YU_S_JINGYING, 1, 0};
    in[1] = (yu_line){0, 2010101, 0, -1, YU_T_PERSONNEL, YU_S_GPB, 0, 0};
    in[2] = (yu_line){-5, (1u << 24) - 1, 30101, 0, YU_T_PROJECT, YU_S_NONFISCAL, 1, 0};
    in[3] = (yu_line){123456789012345, 2080505, 31002, 77, YU_T_SHANGJIAO, YU_S_GF_CARRY, 0, 0};
    assert_true(yu__block_fits(in, 4));
    unsigned char buf[4 * YU_BLOCK_REC];
    yu__block_pack(in, 4, buf);
    assert_int_equal(yu__block_unpack(buf, 4, out), 0);
    assert_memory_equal(in, out, sizeof in);
    /* little-endian, field by field: the first record's amount is its last 8 bytes */
    assert_int_equal(buf[12], 0xFF);
    assert_int_equal(buf[19], 0x7F);
    /* what the record cannot hold is refused (the budget keeps its rows only) */
    yu_line big = in[1];
    big.func = 1u << 24;
    assert_false(yu__block_fits(&big, 1));
    /* a record with a type out of range is refused on the way back */
    buf[3] = (unsigned char)(7u << 0); /* type 7 in bits 24..26 of the first word */
    assert_int_equal(yu__block_unpack(buf, 1, out), -1);
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
    assert_int_equal(q1(s, "SELECT count(*) FROM line_blocks k JOIN budgets b ON b.id = k.budget_id "
                           "WHERE k.nlines <> b.nlines OR length(k.data) <> 20 * k.nlines"), 0);
    size_t n, n2;
    yu_budget **from_blocks = load_all(s, &n);
    assert_true(n >= 200);
    /* without blocks the loader reads the rows: the same budgets */
    exec_ok(s, "DELETE FROM line_blocks");
    yu_budget **from_rows = load_all(s, &n2);
    assert_int_equal(n, n2);
    same_lines(from_blocks, from_rows, n);
    /* a version-8 database (without v10's columns and table and v11's table too): migration 9 builds the blocks from the rows */
    exec_ok(s, "DROP TABLE line_blocks; DROP TABLE budget_facts; DROP TABLE budget_units; ALTER TABLE funds DROP COLUMN prior;"
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
    /* a damaged block is an error that says so, never a wrong budget */
    exec_ok(s, "UPDATE line_blocks SET data = substr(data, 1, 19) WHERE budget_id = (SELECT min(budget_id) FROM line_blocks WHERE nlines > 0)");
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
    }
    free(from_blocks);
    free(from_rows);
    free(migrated);
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
        cmocka_unit_test(test_pack_roundtrip),
        cmocka_unit_test(test_report_all_one_thread),
        cmocka_unit_test(test_report_all_threads),
        cmocka_unit_test(test_blocks_and_migration),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
