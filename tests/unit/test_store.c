/* Unit tests: the store (round trips, migrations, crash safety), consolidation
 * with eliminations against hand-computed figures, the one-pass cube, prior
 * from final accounts, and the generator. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "yusuan/yusuan.h"
#include "yusuan/store.h"
#include "internal.h"
#include "rules_internal.h"
#include "test_store_fix.h"

#define EXAMPLE YU_DATADIR "/../examples/feco-2024"
#define W 1000000 /* 分 per 万元 */

static struct {
    yu_catalog *func, *econ;
    char dir[256];
} F;

static int group_setup(void **state)
{
    (void)state;
    return fix_catalogs(&F.func, &F.econ);
}

static int group_teardown(void **state)
{
    (void)state;
    fix_catalogs_free(F.func, F.econ);
    return 0;
}

static int dir_setup(void **state)
{
    (void)state;
    return fix_mkdtemp(F.dir, sizeof F.dir, "/tmp/yusuan-store-XXXXXX");
}

static int dir_teardown(void **state)
{
    (void)state;
    return fix_rmtree(F.dir);
}

static char *path(const char *name)
{
    static char p[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", F.dir, name);
    return p[k];
}

static yu_store *open_db(const char *name)
{
    yu_store *s = NULL;
    yu_error err;
    yu_status st = yu_store_open(path(name), &s, &err);
    if (st)
        fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(st, YU_OK);
    return s;
}

static int64_t q1(yu_store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(yu_store_sqlite(s), sql, -1, &st, NULL), SQLITE_OK);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static void same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_true(a == b);
    else
        assert_string_equal(a, b);
}

/* every field of two budgets */
static void assert_same_budget(const yu_budget *a, const yu_budget *b)
{
    same_str(a->name, b->name);
    same_str(a->code, b->code);
    same_str(a->dept_name, b->dept_name);
    same_str(a->dept_code, b->dept_code);
    same_str(a->parent_code, b->parent_code);
    same_str(a->template_id, b->template_id);
    assert_int_equal(a->year, b->year);
    assert_int_equal(a->input_scale, b->input_scale);
    same_str(a->functions, b->functions);
    same_str(a->organisation, b->organisation);
    assert_memory_equal(a->funds, b->funds, sizeof a->funds);
    assert_memory_equal(a->sangong, b->sangong, sizeof a->sangong);
    assert_memory_equal(a->sangong_prior, b->sangong_prior, sizeof a->sangong_prior);
    assert_int_equal(a->has_sangong_prior, b->has_sangong_prior);
    assert_memory_equal(a->procurement, b->procurement, sizeof a->procurement);
    assert_int_equal(a->nlines, b->nlines);
    for (size_t i = 0; i < a->nlines; i++) {
        const yu_line *x = &a->lines[i], *y = &b->lines[i];
        assert_int_equal(x->amount, y->amount);
        assert_int_equal(x->func, y->func);
        assert_int_equal(x->econ, y->econ);
        assert_int_equal(x->project, y->project);
        assert_int_equal(x->type, y->type);
        assert_int_equal(x->source, y->source);
        assert_int_equal(x->jijian, y->jijian);
    }
    assert_int_equal(a->nprior, b->nprior);
    for (size_t i = 0; i < a->nprior; i++) {
        assert_int_equal(a->prior[i].func, b->prior[i].func);
        assert_int_equal(a->prior[i].executed, b->prior[i].executed);
        assert_int_equal(a->prior[i].executed_ex, b->prior[i].executed_ex);
    }
    assert_int_equal(a->nassets, b->nassets);
    for (size_t i = 0; i < a->nassets; i++) {
        same_str(a->assets[i].category, b->assets[i].category);
        same_str(a->assets[i].name, b->assets[i].name);
        assert_int_equal(a->assets[i].count, b->assets[i].count);
    }
    assert_int_equal(a->nprojects, b->nprojects);
    for (size_t i = 0; i < a->nprojects; i++) {
        const yu_project *x = &a->projects[i], *y = &b->projects[i];
        same_str(x->id, y->id);
        same_str(x->name, y->name);
        same_str(x->department, y->department);
        same_str(x->implementer, y->implementer);
        same_str(x->goal, y->goal);
        assert_int_equal(x->publish, y->publish);
        assert_int_equal(x->exec_score, y->exec_score);
    }
    assert_int_equal(a->nindicators, b->nindicators);
    for (size_t i = 0; i < a->nindicators; i++) {
        const yu_indicator *x = &a->indicators[i], *y = &b->indicators[i];
        assert_int_equal(x->project, y->project);
        same_str(x->level1, y->level1);
        same_str(x->level2, y->level2);
        same_str(x->level3, y->level3);
        same_str(x->value, y->value);
        assert_int_equal(x->weight, y->weight);
        assert_int_equal(x->line, y->line);
    }
    assert_int_equal(a->nnotes, b->nnotes);
    for (size_t i = 0; i < a->nnotes; i++) {
        same_str(a->notes[i].key, b->notes[i].key);
        same_str(a->notes[i].text, b->notes[i].text);
    }
}

static yu_budget *example(void)
{
    yu_budget *b = NULL;
    yu_error err;
    assert_int_equal(yu_load_package(EXAMPLE, F.func, F.econ, &b, &err), YU_OK);
    return b;
}

/* ---- round trips ---- */

static void test_roundtrip(void **state)
{
    (void)state;
    yu_budget *b = example();
    yu_store *s = open_db("rt.db");
    yu_error err;
    assert_int_equal(yu_store_import(s, b, YU_STORE_BUDGET, EXAMPLE, &err), YU_OK);
    yu_budget *c = NULL;
    assert_int_equal(yu_store_load(s, "144009", 2024, YU_STORE_BUDGET, &c, &err), YU_OK);
    assert_same_budget(b, c);
    /* export → package → identical */
    assert_int_equal(yu_store_export(s, "144009", 2024, YU_STORE_BUDGET, path("exp"), &err), YU_OK);
    yu_budget *d = NULL;
    yu_status st = yu_load_package(path("exp"), F.func, F.econ, &d, &err);
    if (st)
        fprintf(stderr, "%s:%d: %s\n", err.file, err.line, err.msg);
    assert_int_equal(st, YU_OK);
    assert_same_budget(b, d);
    /* the unit sits under its department's node */
    yu_store_unit *u;
    size_t n;
    assert_int_equal(yu_store_units(s, &u, &n, &err), YU_OK);
    assert_int_equal(n, 2);
    assert_string_equal(u[0].code, "144");
    assert_string_equal(u[0].kind, "department");
    assert_string_equal(u[1].parent_code, "144");
    yu_store_units_free(u, n);
    /* WAL */
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(yu_store_sqlite(s), "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    yu_budget_free(b);
    yu_budget_free(c);
    yu_budget_free(d);
    yu_store_close(s);
}

static void test_reimport_replaces(void **state)
{
    (void)state;
    yu_budget *b = example();
    yu_store *s = open_db("re.db");
    yu_error err;
    assert_int_equal(yu_store_import(s, b, YU_STORE_BUDGET, NULL, &err), YU_OK);
    b->lines[0].amount += 10000;
    b->funds[YU_F_GPB] += 10000;
    b->nnotes = 1; /* drop a note (the rest stay owned by b: restore before freeing) */
    assert_int_equal(yu_store_import(s, b, YU_STORE_BUDGET, NULL, &err), YU_OK);
    b->nnotes = 2;
    assert_int_equal(q1(s, "SELECT count(*) FROM budgets"), 1);
    assert_int_equal(q1(s, "SELECT count(*) FROM lines"), (int64_t)b->nlines);
    assert_int_equal(q1(s, "SELECT count(*) FROM notes"), 1);
    assert_int_equal(q1(s, "SELECT count(*) FROM projects"), (int64_t)b->nprojects);
    yu_budget *c;
    assert_int_equal(yu_store_load(s, "144009", 2024, YU_STORE_BUDGET, &c, &err), YU_OK);
    assert_int_equal(c->lines[0].amount, b->lines[0].amount);
    assert_int_equal(c->funds[YU_F_GPB], b->funds[YU_F_GPB]);
    /* a final of the same year is another entry */
    assert_int_equal(yu_store_import(s, b, YU_STORE_FINAL, NULL, &err), YU_OK);
    assert_int_equal(q1(s, "SELECT count(*) FROM budgets"), 2);
    yu_store_entry *e;
    size_t n;
    assert_int_equal(yu_store_list(s, NULL, &e, &n, &err), YU_OK);
    assert_int_equal(n, 2);
    assert_int_equal(e[0].kind, YU_STORE_BUDGET);
    assert_int_equal(e[1].kind, YU_STORE_FINAL);
    assert_int_equal(e[0].nlines, (int64_t)b->nlines);
    yu_store_entries_free(e, n);
    /* missing */
    yu_budget *none = NULL;
    assert_int_equal(yu_store_load(s, "144009", 2020, YU_STORE_BUDGET, &none, &err), YU_EMISSING);
    assert_null(none);
    yu_budget_free(c);
    yu_budget_free(b);
    yu_store_close(s);
}

/* ---- migrations ---- */

static void test_migrations(void **state)
{
    (void)state;
    yu_store *s = NULL;
    yu_error err;
    assert_int_equal(yu_store_open_at(path("mig.db"), 1, &s, &err), YU_OK);
    assert_int_equal(yu_store_schema_version(s), 1);
    assert_int_equal(q1(s, "PRAGMA user_version"), 1);
    assert_int_equal(q1(s, "SELECT count(*) FROM schema_migrations"), 1);
    /* version 1 has no budgets.kind and no units.kind */
    sqlite3 *db = yu_store_sqlite(s);
    assert_int_not_equal(sqlite3_exec(db, "SELECT kind FROM budgets", NULL, NULL, NULL), SQLITE_OK);
    /* a unit and a budget written by version 1 */
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO units(id, code, name, parent_code, dept_code, dept_name) VALUES"
                                  " (1, '900', '示范部门', NULL, '900', '示范部门'),"
                                  " (2, '900001', '示范单位', '900', '900', '示范部门');"
                                  "INSERT INTO budgets(id, unit_id, year, name, code, dept_name, dept_code, template,"
                                  " input_scale, has_sangong_prior, nlines, total, imported_at) VALUES"
                                  " (7, 2, 2023, '示范单位', '900001', '示范部门', '900', 'central-budget', 1000000, 0, 2,"
                                  " 3000000, '2023-01-01T00:00:00Z');"
                                  "INSERT INTO funds VALUES (7, 'gpb', 3000000);"
                                  "INSERT INTO lines VALUES (7, 0, 2010101, 0, 0, 30101, NULL, 0, 2000000),"
                                  " (7, 1, 2010101, 1, 0, 30201, NULL, 0, 1000000);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    /* an old yusuan's store refuses imports until migrated */
    yu_budget *b = example();
    assert_int_equal(yu_store_import(s, b, YU_STORE_BUDGET, NULL, &err), YU_EDB);
    yu_store_close(s);
    /* upgrade to the latest */
    s = open_db("mig.db");
    assert_int_equal(yu_store_schema_version(s), YU_STORE_SCHEMA_VERSION);
    assert_int_equal(q1(s, "PRAGMA user_version"), YU_STORE_SCHEMA_VERSION);
    assert_int_equal(q1(s, "SELECT count(*) FROM schema_migrations"), YU_STORE_SCHEMA_VERSION);
    assert_int_equal(q1(s, "SELECT group_concat(version) = '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15' FROM (SELECT version FROM schema_migrations ORDER BY version)"), 1);
    assert_int_equal(q1(s, "SELECT count(*) FROM budgets WHERE kind = 'budget' AND id = 7"), 1);
    assert_int_equal(q1(s, "SELECT kind = 'department' FROM units WHERE code = '900'"), 1);
    assert_int_equal(q1(s, "SELECT kind = 'unit' FROM units WHERE code = '900001'"), 1);
    assert_int_equal(q1(s, "SELECT count(*) FROM documents"), 0); /* v4 */
    assert_int_equal(q1(s, "SELECT count(*) FROM line_sources"), YU_S_COUNT); /* v5 */
    assert_int_equal(q1(s, "SELECT count(*) FROM documents WHERE content_hash IS NULL"), 0); /* v6 */
    assert_int_equal(q1(s, "SELECT count(*) FROM flow_users"), 0); /* v7 */
    assert_int_equal(q1(s, "SELECT count(*) FROM year_payments"), 0);       /* v8: the year (store_year.c) */
    yu_budget *c;
    assert_int_equal(yu_store_load(s, "900001", 2023, YU_STORE_BUDGET, &c, &err), YU_OK);
    assert_int_equal(c->nlines, 2);
    assert_int_equal(c->funds[YU_F_GPB], 3 * W);
    assert_int_equal(c->lines[1].econ, 30201);
    /* v10: a budget stored before it has no last year's income budget and no 其他相关情况说明 inputs */
    assert_int_equal(q1(s, "SELECT count(*) FROM budget_facts"), 0);
    assert_int_equal(q1(s, "SELECT count(*) FROM funds WHERE prior IS NULL"), 1);
    assert_int_equal(c->has_funds_prior, 0);
    assert_int_equal(c->has_proc_sme, 0);
    /* v11: nor units by name */
    assert_int_equal(q1(s, "SELECT count(*) FROM budget_units"), 0);
    assert_int_equal(c->nmembers, 0);
    yu_budget_free(c);
    /* the new schema works: a final beside the old budget */
    assert_int_equal(yu_store_import(s, b, YU_STORE_FINAL, NULL, &err), YU_OK);
    yu_store_close(s);
    /* reopening is a no-op */
    s = open_db("mig.db");
    assert_int_equal(q1(s, "SELECT count(*) FROM schema_migrations"), YU_STORE_SCHEMA_VERSION);
    /* a database from a newer yusuan is refused */
    assert_int_equal(sqlite3_exec(yu_store_sqlite(s), "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    yu_store_close(s);
    s = NULL;
    assert_int_equal(yu_store_open(path("mig.db"), &s, &err), YU_EDB);
    assert_null(s);
    assert_non_null(strstr(err.msg, "newer"));
    yu_budget_free(b);
}

/* ---- published documents: money cells in 分 (doc_cells.fen, schema v14) ---- */

/* A “三公” table in 元 with two decimals inside a 万元 document: its 49.50 元 is kept exact (doc_cells.fen)
 * where the document's unit (value, 0.01 万元) holds 0.00; last year's cell read back (audit --db) is the
 * 49.50 元 the document printed.  A store of the version before (cells in the document's unit only)
 * migrates. */
static void test_doc_cells_fen(void **state)
{
    (void)state;
    yu_budget *b = example();
    b->sangong[YU_SG_RECEPTION] = 4950;
    yu_layout *L = NULL;
    yu_error err;
    assert_int_equal(yu_layout_load(YU_DATADIR "/layouts/central-budget.layout", &L, &err), YU_OK);
    for (size_t k = 0; k < L->ntables; k++)
        if (!strcmp(L->tables[k].id, "sangong")) {
            free(L->tables[k].unit_label);
            L->tables[k].unit_label = yu_strdup("元");
            L->tables[k].unit_fen = 1;
            L->tables[k].decimals = 2;
        }
    yu_compile_opts o = {YU_GLOSSARY_USED, NULL, F.func, F.econ};
    yu_doc *d = NULL;
    assert_int_equal(yu_compile(b, L, &o, &d, &err), YU_OK);
    const yu_table *T = yu_doc_table(d, "sangong");
    assert_non_null(T);
    assert_int_equal(T->unit_fen, 1);
    const char *key = T->rows[0].key[0] ? T->rows[0].key[0] : T->rows[0].code;
    yu_store *s = open_db("docs.db");
    yu_findings none = {0};
    assert_int_equal(yu_store_import_doc(s, d, &none, "feco-2024.txt", 8, &err), YU_OK);
    assert_int_equal(q1(s, "SELECT fen FROM doc_cells WHERE table_id = 'sangong' AND col = 'sg_reception'"), 4950);
    assert_int_equal(q1(s, "SELECT value FROM doc_cells WHERE table_id = 'sangong' AND col = 'sg_reception'"), 0);
    /* a table in the document's unit: fen = value × 10000 */
    assert_int_equal(q1(s, "SELECT count(*) FROM doc_cells WHERE table_id = 'expenditure' AND fen IS NOT NULL"
                           " AND fen <> value * 10000"), 0);
    assert_true(q1(s, "SELECT count(*) FROM doc_cells WHERE table_id = 'expenditure' AND fen > 0") > 10);
    assert_int_equal(q1(s, "SELECT count(*) FROM doc_cells WHERE text IS NOT NULL AND fen IS NOT NULL"), 0);
    int found = 0;
    int64_t fen = 0;
    char *origin = NULL;
    assert_int_equal(yu_store_doc_cell(s, b->name, b->year, "central-budget", "sangong", key, "sg_reception", &found,
                                       &fen, &origin, &err), YU_OK);
    assert_int_equal(found, 1);
    assert_int_equal(fen, 4950);
    assert_string_equal(origin, "feco-2024.txt");
    free(origin);
    /* a store of v13 (before doc_cells.fen): cells in the document's unit, a percentage and a text
     * among them */
    sqlite3 *db = yu_store_sqlite(s);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "ALTER TABLE doc_cells DROP COLUMN fen; ALTER TABLE doc_findings DROP COLUMN fen;"
             "INSERT INTO doc_cells VALUES((SELECT id FROM documents), 'x', 0, NULL, 'r', 'diff_pct', 1234, NULL);"
             /* and v15's columns: the store is one of v13 */
             "ALTER TABLE projects DROP COLUMN nature; ALTER TABLE projects DROP COLUMN category;"
             "ALTER TABLE projects DROP COLUMN plan_start; ALTER TABLE projects DROP COLUMN plan_finish;"
             "ALTER TABLE projects DROP COLUMN life_goal; ALTER TABLE projects DROP COLUMN life_total;"
             "ALTER TABLE projects DROP COLUMN life_fiscal; ALTER TABLE projects DROP COLUMN life_other;"
             "DELETE FROM schema_migrations WHERE version >= %d; PRAGMA user_version = %d",
             14, 13);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    int64_t cells = q1(s, "SELECT count(*) FROM doc_cells");
    yu_store_close(s);
    s = open_db("docs.db");
    assert_int_equal(yu_store_schema_version(s), YU_STORE_SCHEMA_VERSION);
    assert_int_equal(q1(s, "SELECT max(version) FROM schema_migrations"), YU_STORE_SCHEMA_VERSION);
    assert_int_equal(q1(s, "SELECT count(*) FROM doc_cells"), cells);
    /* what v12 kept is all there is: 49.50 元 was 0.00 万元 */
    assert_int_equal(q1(s, "SELECT fen FROM doc_cells WHERE table_id = 'sangong' AND col = 'sg_reception'"), 0);
    assert_int_equal(q1(s, "SELECT count(*) FROM doc_cells WHERE table_id = 'expenditure' AND text IS NULL"
                           " AND (fen IS NULL OR fen <> value * 10000)"), 0);
    assert_int_equal(q1(s, "SELECT count(*) FROM doc_cells WHERE col = 'diff_pct' AND fen IS NOT NULL"), 0);
    assert_int_equal(q1(s, "SELECT count(*) FROM doc_cells WHERE text IS NOT NULL AND fen IS NOT NULL"), 0);
    /* and a document imported again keeps its 分, and the unit of each finding's figures */
    yu_findings two = {0};
    assert_non_null(yu_findings_addf(&two, "T-ROW-SUM", YU_SEV_ERROR, "sangong", "total", "sg_total", 4951, 4950, "x"));
    two.f[0].fen = 1;
    assert_non_null(yu_findings_addf(&two, "N-SHARE", YU_SEV_ERROR, "narrative", "", "share", 1200, 1250, "y"));
    assert_int_equal(yu_store_import_doc(s, d, &two, "feco-2024.txt", 8, &err), YU_OK);
    yu_findings_free(&two);
    assert_int_equal(q1(s, "SELECT fen FROM doc_cells WHERE table_id = 'sangong' AND col = 'sg_reception'"), 4950);
    assert_int_equal(q1(s, "SELECT fen FROM doc_findings WHERE rule = 'T-ROW-SUM'"), 1);
    assert_int_equal(q1(s, "SELECT count(*) FROM doc_findings WHERE rule = 'N-SHARE' AND fen IS NULL"), 1);
    yu_store_close(s);
    yu_doc_free(d);
    yu_layout_free(L);
    yu_budget_free(b);
}

/* v10 keeps what a package holds: last year's income budget, the project texts, the purchases and the
 * inputs of 其他相关情况说明 */
static void test_v10_inputs(void **state)
{
    (void)state;
    yu_store *s = open_db("v10.db");
    yu_error err;
    yu_budget *b = example();
    b->funds_prior[YU_F_GPB] = 2 * W;
    b->has_funds_prior = 1;
    b->proc_sme = 5 * W;
    b->proc_sme_small = 3 * W;
    b->has_proc_sme = 1;
    assert_int_equal(yu_budget_add_member(b, "本部", YU_UK_ADMIN), YU_OK);
    assert_int_equal(yu_budget_add_member(b, "执法队", YU_UK_CANGONG), YU_OK);
    assert_int_equal(yu_budget_add_member(b, "管理所", YU_UK_CANGONG), YU_OK);
    b->perf_units = 3;
    b->perf_projects = 49;
    b->perf_funds = 7 * W;
    b->has_perf = 1;
    b->assets_date = 20240831;
    b->has_purchases = 1;
    assert_int_equal(yu_budget_add_asset(b, "vehicle", "其他用车", 8), YU_OK);
    b->assets[b->nassets - 1].purchase = 1;
    if (b->nprojects) {
        free(b->projects[0].text[0]);
        b->projects[0].text[0] = strdup("项目概况第一段\n第二段");
        free(b->projects[0].nature);
        b->projects[0].nature = strdup("阶段性项目");
        free(b->projects[0].finish);
        b->projects[0].finish = strdup("2026-06-30");
        free(b->projects[0].life_goal);
        b->projects[0].life_goal = strdup("三年建成");
        b->projects[0].has_life = 1;
        b->projects[0].life_total = 90 * W;
        b->projects[0].life_fiscal = 80 * W;
        b->projects[0].life_other = 10 * W;
    }
    assert_int_equal(yu_store_import(s, b, YU_STORE_BUDGET, NULL, &err), YU_OK);
    yu_budget *c;
    assert_int_equal(yu_store_load(s, b->code, b->year, YU_STORE_BUDGET, &c, &err), YU_OK);
    assert_int_equal(c->has_funds_prior, 1);
    assert_int_equal(c->funds_prior[YU_F_GPB], 2 * W);
    assert_int_equal(c->has_proc_sme, 1);
    assert_int_equal(c->proc_sme, 5 * W);
    assert_int_equal(c->proc_sme_small, 3 * W);
    assert_int_equal(c->has_units, 1);
    assert_int_equal(c->unit_kinds[YU_UK_CANGONG], 2);
    assert_int_equal(c->unit_kinds[YU_UK_ADMIN], 1);
    /* v11: the units by name, in order */
    assert_int_equal(c->nmembers, 3);
    assert_string_equal(c->members[0].name, "本部");
    assert_string_equal(c->members[2].name, "管理所");
    assert_int_equal(c->members[2].kind, YU_UK_CANGONG);
    assert_int_equal(c->has_perf, 1);
    assert_int_equal(c->perf_projects, 49);
    assert_int_equal(c->perf_funds, 7 * W);
    assert_int_equal(c->assets_date, 20240831);
    assert_int_equal(c->has_purchases, 1);
    assert_int_equal(c->assets[c->nassets - 1].purchase, 1);
    if (b->nprojects)
        assert_string_equal(c->projects[0].text[0], "项目概况第一段\n第二段");
    /* v15: the performance form's words and whole-life funds; none given is none kept */
    if (c->nprojects > 1) {
        assert_string_equal(c->projects[0].nature, "阶段性项目");
        assert_string_equal(c->projects[0].finish, "2026-06-30");
        assert_string_equal(c->projects[0].life_goal, "三年建成");
        assert_int_equal(c->projects[0].has_life, 1);
        assert_int_equal(c->projects[0].life_total, 90 * W);
        assert_int_equal(c->projects[0].life_fiscal, 80 * W);
        assert_int_equal(c->projects[0].life_other, 10 * W);
        assert_string_equal(c->projects[1].nature, "");
        assert_int_equal(c->projects[1].has_life, 0);
    }
    yu_budget_free(c);
    /* a store of v14: its projects have no form; opened, it is migrated and they load without one */
    char sql[1024];
    snprintf(sql, sizeof sql,
             "ALTER TABLE projects DROP COLUMN nature; ALTER TABLE projects DROP COLUMN category;"
             "ALTER TABLE projects DROP COLUMN plan_start; ALTER TABLE projects DROP COLUMN plan_finish;"
             "ALTER TABLE projects DROP COLUMN life_goal; ALTER TABLE projects DROP COLUMN life_total;"
             "ALTER TABLE projects DROP COLUMN life_fiscal; ALTER TABLE projects DROP COLUMN life_other;"
             "DELETE FROM schema_migrations WHERE version >= 15; PRAGMA user_version = 14");
    assert_int_equal(sqlite3_exec(yu_store_sqlite(s), sql, NULL, NULL, NULL), SQLITE_OK);
    yu_store_close(s);
    s = open_db("v10.db");
    assert_int_equal(yu_store_schema_version(s), 15);
    assert_int_equal(yu_store_load(s, b->code, b->year, YU_STORE_BUDGET, &c, &err), YU_OK);
    for (size_t i = 0; i < c->nprojects; i++) {
        assert_string_equal(c->projects[i].nature, "");
        assert_string_equal(c->projects[i].start, "");
        assert_int_equal(c->projects[i].has_life, 0);
    }
    if (c->nprojects)
        assert_string_equal(c->projects[0].text[0], "项目概况第一段\n第二段");
    yu_budget_free(c);
    /* without them: nothing given, but the 绩效目标 summary counted from the projects (kept as counted) */
    yu_budget *d = example();
    assert_int_equal(d->perf_computed, 1);
    assert_int_equal(yu_store_import(s, d, YU_STORE_BUDGET, NULL, &err), YU_OK);
    assert_int_equal(yu_store_load(s, d->code, d->year, YU_STORE_BUDGET, &c, &err), YU_OK);
    assert_int_equal(c->has_funds_prior, 0);
    assert_int_equal(c->has_proc_sme, 0);
    assert_int_equal(c->has_units, 0);
    assert_int_equal(c->has_perf, 1);
    assert_int_equal(c->perf_computed, 1);
    assert_int_equal(c->perf_projects, d->perf_projects);
    assert_int_equal(c->perf_funds, d->perf_funds);
    assert_int_equal(c->assets_date, 0);
    yu_budget_free(c);
    yu_budget_free(d);
    yu_budget_free(b);
    yu_store_close(s);
}

/* ---- crash safety ---- */

static yu_budget *big_budget(size_t n, yu_money each)
{
    yu_budget *b = yu_budget_new();
    b->name = yu_strdup("大单位");
    b->code = yu_strdup("555001");
    b->dept_name = yu_strdup("大部门");
    b->dept_code = yu_strdup("555");
    b->template_id = yu_strdup("central-budget");
    b->year = 2024;
    for (size_t i = 0; i < n; i++) {
        yu_line l = {each, 2010101, 30101 + (uint32_t)(i % 13), -1, YU_T_PERSONNEL, YU_S_GPB, 0, 0};
        assert_int_equal(yu_budget_add_line(b, &l), YU_OK);
    }
    b->funds[YU_F_GPB] = (yu_money)n * each;
    return b;
}

typedef struct state_counts {
    int64_t budgets, lines, total, keys, blocks;
} state_counts;

static state_counts counts(const char *db)
{
    yu_store *s = open_db(db);
    char *ic = NULL;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(yu_store_sqlite(s), "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    ic = yu_strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    assert_string_equal(ic, "ok");
    free(ic);
    state_counts c = {q1(s, "SELECT count(*) FROM budgets"), q1(s, "SELECT count(*) FROM lines"),
                      q1(s, "SELECT coalesce(sum(amount), 0) FROM lines"), q1(s, "SELECT count(*) FROM year_keys"),
                      q1(s, "SELECT coalesce(sum(length(data)), 0) FROM line_blocks")};
    /* the year's key ids are dense; every budget has its block */
    assert_int_equal(q1(s, "SELECT count(*) FROM year_keys k WHERE id >= (SELECT count(*) FROM year_keys j WHERE j.year = k.year)"), 0);
    assert_int_equal(q1(s, "SELECT count(*) FROM budgets b WHERE NOT EXISTS (SELECT 1 FROM line_blocks WHERE budget_id = b.id)"), 0);
    /* the budget rows agree with their line items */
    assert_int_equal(q1(s, "SELECT count(*) FROM budgets b WHERE nlines <> (SELECT count(*) FROM lines WHERE budget_id = b.id)"), 0);
    yu_store_close(s);
    return c;
}

static int same_counts(state_counts a, state_counts b)
{
    return a.budgets == b.budgets && a.lines == b.lines && a.total == b.total && a.keys == b.keys &&
           a.blocks == b.blocks;
}

/* imports `b` in a child process; returns its wait status */
static pid_t import_child(const char *db, const yu_budget *b, const char *abort_after)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* no core dumps from the test's aborts */
        signal(SIGABRT, SIG_DFL);
        yu_store *s = NULL;
        yu_error err;
        if (yu_store_open(db, &s, &err))
            _exit(3);
        if (abort_after)
            yu_store_set_abort_after(s, strtol(abort_after, NULL, 10));
        int rc = yu_store_import(s, b, YU_STORE_BUDGET, NULL, &err) ? 4 : 0;
        yu_store_close(s);
        _exit(rc);
    }
    return pid;
}

static void test_crash_abort_midway(void **state)
{
    (void)state;
    const char *db = path("crash.db");
    yu_store *s = open_db("crash.db");
    yu_budget *ex = example();
    yu_error err;
    assert_int_equal(yu_store_import(s, ex, YU_STORE_BUDGET, NULL, &err), YU_OK);
    yu_budget *small = big_budget(1000, 10000);
    assert_int_equal(yu_store_import(s, small, YU_STORE_BUDGET, NULL, &err), YU_OK);
    yu_store_close(s);
    state_counts before = counts("crash.db");
    /* the same unit-year again, 200,000 lines with keys the year's dictionary lacks, aborted inside the
       transaction after its block and new keys were written: neither stays */
    yu_budget *big = big_budget(200000, 20000);
    for (size_t i = 0; i < big->nlines; i++)
        big->lines[i].econ = 31001 + (uint32_t)(i % 17);
    int ws;
    pid_t pid = import_child(db, big, "150000");
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    assert_true(WIFSIGNALED(ws));
    assert_int_equal(WTERMSIG(ws), SIGABRT);
    state_counts mid = counts("crash.db");
    assert_true(same_counts(before, mid));
    /* and completed */
    pid = import_child(db, big, NULL);
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    state_counts after = counts("crash.db");
    assert_int_equal(after.budgets, before.budgets);
    assert_int_equal(after.lines, before.lines - 1000 + 200000);
    assert_int_equal(after.keys, before.keys + 17);
    yu_budget_free(ex);
    yu_budget_free(small);
    yu_budget_free(big);
}

static double mono(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_crash_sigkill(void **state)
{
    (void)state;
    const char *db = path("kill.db");
    yu_error err;
    yu_store *s = open_db("kill.db");
    yu_budget *small = big_budget(500, 10000);
    assert_int_equal(yu_store_import(s, small, YU_STORE_BUDGET, NULL, &err), YU_OK);
    yu_store_close(s);
    state_counts before = counts("kill.db");
    yu_budget *big = big_budget(100000, 30000);
    /* how long a whole import takes */
    double t0 = mono();
    int ws;
    pid_t pid = import_child(path("timing.db"), big, NULL);
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    double full = mono() - t0;
    /* kill at delays spread over it, until one kill lands before the end; every state is before or after */
    int killed = 0, completed = 0;
    state_counts after = before;
    for (int i = 0; i < 24 && (killed < 4 || i < 8); i++) {
        double frac = (i % 8 + 0.5) / 8.0;
        double d = full * frac;
        struct timespec ts = {(time_t)d, (long)((d - (double)(time_t)d) * 1e9)};
        pid = import_child(db, big, NULL);
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        assert_int_equal(waitpid(pid, &ws, 0), pid);
        state_counts c = counts("kill.db");
        int was_before = same_counts(c, before);
        if (!was_before) {
            if (!completed) {
                after = c;
                assert_int_equal(after.lines, before.lines - 500 + 100000);
            }
            completed = 1;
            assert_true(same_counts(c, after));
        }
        if (WIFSIGNALED(ws) && was_before)
            killed++;
        if (!was_before) {
            /* back to "before" for the next round */
            yu_store *r = open_db("kill.db");
            assert_int_equal(yu_store_import(r, small, YU_STORE_BUDGET, NULL, &err), YU_OK);
            yu_store_close(r);
            assert_true(same_counts(counts("kill.db"), before));
        }
    }
    assert_true(killed >= 1);
    yu_budget_free(small);
    yu_budget_free(big);
}

/* ---- consolidation: a 3-unit tree, by hand ----
 *
 *   A (事业单位)            gpb 100, 附属单位上缴收入 8, 事业收入 42
 *     A1 2050101 人员 gpb 30101      100
 *     A2 2050101 对附属单位补助 非财政  30   → B 18, C 12
 *     A3 2050101 公用 非财政 30201     20
 *   ├ B                   gpb 50, 上级补助收入 18, 事业收入 15
 *   │  B1 2050101 人员 gpb 30101      50
 *   │  B2 2050101 公用 非财政 30201    25
 *   │  B3 2050101 上缴上级 非财政       8   → A
 *   └ C                   gpb 40, 上级补助收入 12
 *      C1 2050101 人员 gpb 30101      40
 *      C2 2050102 项目 非财政 (p1)      12
 *
 * Consolidated A: lines 2050101 人员 gpb 30101 190; 2050101 公用 非财政 30201 45;
 * 2050102 项目 非财政 12 (A2 and B3 eliminated); funds gpb 190, 事业收入 57,
 * 上级补助收入 0, 附属单位上缴收入 0. */

static void line(yu_budget *b, uint32_t func, int type, int source, uint32_t econ, int32_t project, yu_money wan)
{
    yu_line l = {wan * W, func, econ, project, (uint8_t)type, (uint8_t)source, 0, 0};
    assert_int_equal(yu_budget_add_line(b, &l), YU_OK);
}

static yu_budget *unit(const char *code, const char *name, const char *parent)
{
    yu_budget *b = yu_budget_new();
    b->name = yu_strdup(name);
    b->code = yu_strdup(code);
    b->dept_name = yu_strdup("示范教育局");
    b->dept_code = yu_strdup("700");
    b->parent_code = parent ? yu_strdup(parent) : NULL;
    b->template_id = yu_strdup("central-budget");
    b->year = 2024;
    return b;
}

static yu_budget *unit_a(void)
{
    yu_budget *a = unit("700001", "甲单位", "700");
    line(a, 2050101, YU_T_PERSONNEL, YU_S_GPB, 30101, -1, 100);
    line(a, 2050101, YU_T_FUSHU, YU_S_NONFISCAL, 0, -1, 30);
    line(a, 2050101, YU_T_PUBLIC, YU_S_NONFISCAL, 30201, -1, 20);
    a->funds[YU_F_GPB] = 100 * W;
    a->funds[YU_F_FUSHU] = 8 * W;
    a->funds[YU_F_SHIYE] = 42 * W;
    yu_prior p = {2050101, 90 * W, 90 * W};
    yu_budget_add_prior(a, &p);
    return a;
}

static yu_budget *unit_b(void)
{
    yu_budget *b = unit("700001001", "乙单位", "700001");
    line(b, 2050101, YU_T_PERSONNEL, YU_S_GPB, 30101, -1, 50);
    line(b, 2050101, YU_T_PUBLIC, YU_S_NONFISCAL, 30201, -1, 25);
    line(b, 2050101, YU_T_SHANGJIAO, YU_S_NONFISCAL, 0, -1, 8);
    b->funds[YU_F_GPB] = 50 * W;
    b->funds[YU_F_SHANGJI] = 18 * W;
    b->funds[YU_F_SHIYE] = 15 * W;
    return b;
}

static yu_budget *unit_c(yu_money shangji)
{
    yu_budget *c = unit("700001002", "丙单位", "700001");
    yu_project p = {.id = "p1", .name = "设备购置", .department = "[700]示范教育局", .implementer = "丙单位", .goal = "", .exec_score = 10};
    yu_budget_add_project(c, &p);
    line(c, 2050101, YU_T_PERSONNEL, YU_S_GPB, 30101, -1, 40);
    line(c, 2050102, YU_T_PROJECT, YU_S_NONFISCAL, 0, 0, shangji);
    c->funds[YU_F_GPB] = 40 * W;
    c->funds[YU_F_SHANGJI] = shangji * W;
    return c;
}

/* B's final accounts of 2023: 一般公共预算 45 on 2050101, of which 5 中央基建投资 */
static yu_budget *final_b(void)
{
    yu_budget *f = unit("700001001", "乙单位", "700001");
    f->year = 2023;
    line(f, 2050101, YU_T_PERSONNEL, YU_S_GPB, 30101, -1, 40);
    yu_line l = {5 * W, 2050101, 31001, -1, YU_T_PROJECT, YU_S_GPB_CARRY, 1, 0};
    yu_budget_add_line(f, &l);
    line(f, 2050101, YU_T_PUBLIC, YU_S_NONFISCAL, 30201, -1, 20);
    f->funds[YU_F_GPB] = 40 * W;
    f->funds[YU_F_CARRY_GPB] = 5 * W;
    f->funds[YU_F_SHIYE] = 20 * W;
    return f;
}

static const yu_line *find_line(const yu_budget *b, uint32_t func, int type, int source)
{
    for (size_t i = 0; i < b->nlines; i++)
        if (b->lines[i].func == func && b->lines[i].type == type && b->lines[i].source == source)
            return &b->lines[i];
    return NULL;
}

static void check_hand_figures(const yu_budget *o)
{
    assert_int_equal(o->nlines, 3);
    const yu_line *l = find_line(o, 2050101, YU_T_PERSONNEL, YU_S_GPB);
    assert_non_null(l);
    assert_int_equal(l->amount, 190 * W);
    l = find_line(o, 2050101, YU_T_PUBLIC, YU_S_NONFISCAL);
    assert_non_null(l);
    assert_int_equal(l->amount, 45 * W);
    l = find_line(o, 2050102, YU_T_PROJECT, YU_S_NONFISCAL);
    assert_non_null(l);
    assert_int_equal(l->amount, 12 * W);
    assert_null(find_line(o, 2050101, YU_T_FUSHU, YU_S_NONFISCAL));
    assert_null(find_line(o, 2050101, YU_T_SHANGJIAO, YU_S_NONFISCAL));
    assert_int_equal(o->funds[YU_F_GPB], 190 * W);
    assert_int_equal(o->funds[YU_F_SHIYE], 57 * W);
    assert_int_equal(o->funds[YU_F_SHANGJI], 0);
    assert_int_equal(o->funds[YU_F_FUSHU], 0);
    assert_int_equal(o->nprojects, 1);
    assert_string_equal(o->projects[0].id, "700001002:p1");
    assert_int_equal(o->lines[2].project, 0);
    yu_error err;
    assert_int_equal(yu_budget_check_balance(o, &err), YU_OK);
}

static void test_consolidate_hand(void **state)
{
    (void)state;
    yu_budget *a = unit_a(), *b = unit_b(), *c = unit_c(12), *fb = final_b();
    /* units.csv: A and B name theirs; C (stored before schema 11) has only the number of each kind */
    assert_int_equal(yu_budget_add_member(a, "甲单位本部", YU_UK_ADMIN), YU_OK);
    assert_int_equal(yu_budget_add_member(b, "乙单位执法队", YU_UK_CANGONG), YU_OK);
    c->unit_kinds[YU_UK_INST] = 2;
    c->has_units = 1;
    /* A's 绩效目标 summary counted from its projects, none declared: the department's is counted too */
    a->perf_units = a->perf_projects = 1;
    a->perf_funds = 3 * W;
    a->has_perf = a->perf_computed = 1;
    yu_cons_node n[3] = {
        {"700001", "甲单位", "700", "示范教育局", -1, a, NULL},
        {"700001001", "乙单位", "700", "示范教育局", 0, b, fb},
        {"700001002", "丙单位", "700", "示范教育局", 0, c, NULL},
    };
    yu_budget *o = NULL;
    yu_elim_info info;
    yu_warnings w = {0};
    yu_error err;
    assert_int_equal(yu_consolidate(n, 3, &o, &info, &w, &err), YU_OK);
    check_hand_figures(o);
    /* the department's units are its units' together: names in order, counts added */
    assert_int_equal(o->has_units, 1);
    assert_int_equal(o->nmembers, 2);
    assert_string_equal(o->members[0].name, "甲单位本部");
    assert_string_equal(o->members[1].name, "乙单位执法队");
    assert_int_equal(o->unit_kinds[YU_UK_ADMIN], 1);
    assert_int_equal(o->unit_kinds[YU_UK_CANGONG], 1);
    assert_int_equal(o->unit_kinds[YU_UK_INST], 2);
    assert_true(o->has_perf && o->perf_computed);
    assert_int_equal(o->perf_funds, 3 * W);
    {   /* names that do not account for the counts: each unit named by its kind */
        const char *nm;
        int kind;
        char buf[64];
        assert_true(yu_budget_member(o, 3, &nm, &kind, buf, sizeof buf));
        assert_string_equal(nm, "事业单位2");
        assert_int_equal(kind, YU_UK_INST);
        assert_false(yu_budget_member(o, 4, &nm, &kind, buf, sizeof buf));
    }
    assert_int_equal(w.n, 0);
    assert_int_equal(info.nunits, 3);
    assert_int_equal(info.down_lines, 30 * W);
    assert_int_equal(info.down_income, 30 * W);
    assert_int_equal(info.down_elim, 30 * W);
    assert_int_equal(info.up_lines, 8 * W);
    assert_int_equal(info.up_income, 8 * W);
    assert_int_equal(info.up_elim, 8 * W);
    /* prior: A's own 90 + B's final execution 45 (40 ex 中央基建投资) */
    assert_int_equal(o->nprior, 1);
    assert_int_equal(o->prior[0].func, 2050101);
    assert_int_equal(o->prior[0].executed, 135 * W);
    assert_int_equal(o->prior[0].executed_ex, 130 * W);
    assert_string_equal(o->code, "700001");
    assert_string_equal(o->name, "甲单位");
    assert_int_equal(o->input_scale, YU_FEN_PER_WAN);
    yu_budget_free(o);
    yu_warnings_free(&w);

    /* B alone: nothing to eliminate (its parent is outside) */
    yu_cons_node nb[1] = {{"700001001", "乙单位", "700", "示范教育局", -1, b, NULL}};
    assert_int_equal(yu_consolidate(nb, 1, &o, &info, &w, &err), YU_OK);
    assert_int_equal(o->funds[YU_F_SHANGJI], 18 * W);
    assert_non_null(find_line(o, 2050101, YU_T_SHANGJIAO, YU_S_NONFISCAL));
    assert_int_equal(info.down_elim + info.up_elim, 0);
    yu_budget_free(o);

    /* amounts that disagree: C received 10, A paid 30 → 28 eliminated, 2 kept, a warning */
    yu_budget_free(c);
    c = unit_c(10);
    n[2].b = c;
    assert_int_equal(yu_consolidate(n, 3, &o, &info, &w, &err), YU_OK);
    assert_int_equal(info.down_elim, 28 * W);
    assert_int_equal(w.n, 1);
    assert_non_null(strstr(w.msg[0], "对附属单位补助支出"));
    assert_non_null(strstr(w.msg[0], "20,000.00")); /* the difference, 2 万元 in 元 */
    const yu_line *l = find_line(o, 2050101, YU_T_FUSHU, YU_S_NONFISCAL);
    assert_non_null(l);
    assert_int_equal(l->amount, 2 * W);
    assert_int_equal(o->funds[YU_F_SHANGJI], 0);
    assert_int_equal(yu_budget_check_balance(o, &err), YU_OK);
    yu_budget_free(o);
    yu_warnings_free(&w);

    /* a bad tree */
    n[0].parent = 1;
    n[1].parent = 0;
    assert_int_equal(yu_consolidate(n, 3, &o, &info, &w, &err), YU_EUSAGE);
    yu_budget_free(a);
    yu_budget_free(b);
    yu_budget_free(c);
    yu_budget_free(fb);
}

/* the same tree through the store: report budgets, prior from final accounts, the cube */
static void test_store_consolidation(void **state)
{
    (void)state;
    yu_store *s = open_db("tree.db");
    yu_error err;
    yu_budget *a = unit_a(), *b = unit_b(), *c = unit_c(12), *fb = final_b();
    assert_int_equal(yu_store_put_node(s, "700", "示范教育局", NULL, "department", &err), YU_OK);
    assert_int_equal(yu_store_import(s, a, YU_STORE_BUDGET, NULL, &err), YU_OK);
    assert_int_equal(yu_store_import(s, b, YU_STORE_BUDGET, NULL, &err), YU_OK);
    assert_int_equal(yu_store_import(s, c, YU_STORE_BUDGET, NULL, &err), YU_OK);
    assert_int_equal(yu_store_import(s, fb, YU_STORE_FINAL, NULL, &err), YU_OK);
    yu_budget *o = NULL;
    yu_elim_info info;
    yu_warnings w = {0};
    /* the department: A's subtree plus nothing else */
    assert_int_equal(yu_store_report_budget(s, "700", 2024, &o, &info, &w, &err), YU_OK);
    check_hand_figures(o);
    assert_string_equal(o->code, "700");
    assert_string_equal(o->name, "示范教育局");
    assert_int_equal(o->prior[0].executed, 135 * W);
    assert_int_equal(w.n, 0);
    yu_budget_free(o);
    assert_int_equal(yu_store_report_budget(s, "700001", 2024, &o, &info, &w, &err), YU_OK);
    check_hand_figures(o);
    assert_string_equal(o->name, "甲单位");
    yu_budget_free(o);
    /* a leaf: as stored, prior from its 2023 final accounts */
    assert_int_equal(yu_store_report_budget(s, "700001001", 2024, &o, &info, &w, &err), YU_OK);
    assert_int_equal(o->nlines, 3);
    assert_int_equal(o->nprior, 1);
    assert_int_equal(o->prior[0].func, 2050101);
    assert_int_equal(o->prior[0].executed, 45 * W);
    assert_int_equal(o->prior[0].executed_ex, 40 * W);
    yu_budget_free(o);
    /* C has no final: its prior stays (none) */
    assert_int_equal(yu_store_report_budget(s, "700001002", 2024, &o, &info, &w, &err), YU_OK);
    assert_int_equal(o->nprior, 0);
    yu_budget_free(o);
    assert_int_equal(yu_store_report_budget(s, "700", 2019, &o, &info, &w, &err), YU_EMISSING);
    assert_int_equal(yu_store_report_budget(s, "nosuch", 2024, &o, &info, &w, &err), YU_EMISSING);

    /* the cube over the whole store gives the department the same figures */
    yu_admin *ad = NULL;
    yu_cube *cu = NULL;
    assert_int_equal(yu_store_load_admin(s, 2024, &ad, &err), YU_OK);
    assert_int_equal(yu_admin_nodes(ad), 4);
    assert_int_equal(yu_admin_consolidate(ad, 0, &cu, &err), YU_OK);
    int32_t dept = yu_admin_find(ad, "700");
    assert_true(dept >= 0);
    yu_money personnel = 0, pub = 0, proj = 0, fushu = 0, shangjiao = 0, prior = 0, prior_ex = 0;
    for (uint32_t i = 0; i < cu->count[dept]; i++) {
        const yu_cube_key *k = &cu->keys[cu->cell_key[cu->start[dept] + i]];
        yu_money v = cu->cell_val[cu->start[dept] + i];
        if (k->type == YU_T_PERSONNEL)
            personnel += v;
        else if (k->type == YU_T_PUBLIC)
            pub += v;
        else if (k->type == YU_T_PROJECT)
            proj += v;
        else if (k->type == YU_T_FUSHU)
            fushu += v;
        else if (k->type == YU_T_SHANGJIAO)
            shangjiao += v;
        else if (k->type == YU_CUBE_PRIOR)
            prior += v;
        else if (k->type == YU_CUBE_PRIOR_EX)
            prior_ex += v;
    }
    assert_int_equal(personnel, 190 * W);
    assert_int_equal(pub, 45 * W);
    assert_int_equal(proj, 12 * W);
    assert_int_equal(fushu, 0);
    assert_int_equal(shangjiao, 0);
    assert_int_equal(prior, 135 * W);
    assert_int_equal(prior_ex, 130 * W);
    assert_int_equal(cu->funds[dept * YU_F_COUNT + YU_F_GPB], 190 * W);
    assert_int_equal(cu->funds[dept * YU_F_COUNT + YU_F_SHIYE], 57 * W);
    assert_int_equal(cu->funds[dept * YU_F_COUNT + YU_F_SHANGJI], 0);
    assert_int_equal(cu->funds[dept * YU_F_COUNT + YU_F_FUSHU], 0);
    assert_int_equal(cu->elim[dept * 2], 30 * W);
    assert_int_equal(cu->elim[dept * 2 + 1], 8 * W);
    /* B's own cell keeps its 上缴上级支出 */
    int32_t nb = yu_admin_find(ad, "700001001");
    assert_int_equal(cu->funds[nb * YU_F_COUNT + YU_F_SHANGJI], 18 * W);
    yu_cube_free(cu);
    /* without eliminations: the plain sum */
    assert_int_equal(yu_admin_consolidate(ad, YU_CUBE_NO_ELIM, &cu, &err), YU_OK);
    assert_int_equal(cu->funds[dept * YU_F_COUNT + YU_F_SHANGJI], 30 * W);
    assert_int_equal(cu->elim[dept * 2], 0);
    yu_cube_free(cu);
    yu_admin_free(ad);
    /* the closure table */
    assert_int_equal(yu_store_refresh_closure(s, 0, &err), YU_OK);
    assert_int_equal(q1(s, "SELECT count(*) FROM unit_closure"), 1 + 2 + 3 + 3);
    assert_int_equal(q1(s, "SELECT count(*) FROM unit_closure c JOIN units a ON a.id = c.ancestor "
                           "JOIN units u ON u.id = c.unit WHERE a.code = '700' AND u.code = '700001002' AND c.depth = 2"), 1);
    assert_int_equal(q1(s, "SELECT value FROM meta WHERE key = 'closure_dirty'"), 0);
    yu_budget_free(a);
    yu_budget_free(b);
    yu_budget_free(c);
    yu_budget_free(fb);
    yu_store_close(s);
}

/* ---- the generator, the cube against one-subtree consolidation ---- */

static void cube_line_totals(const yu_cube *c, int32_t node, yu_money *by_type)
{
    for (uint32_t i = 0; i < c->count[node]; i++) {
        const yu_cube_key *k = &c->keys[c->cell_key[c->start[node] + i]];
        by_type[k->type] += c->cell_val[c->start[node] + i];
    }
}

/* The year's load walks the line blocks, prior, funds, 三公 and procurement in budget id order over
 * the year's id range: budgets of another year (and final accounts) imported between the year's
 * budgets lie in that range and must not be taken. */
static void test_load_admin_skips_other_years(void **state)
{
    (void)state;
    yu_store *s = open_db("years.db");
    yu_error err;
    yu_budget *a = unit_a(), *b = unit_b(), *c = unit_c(12), *fb = final_b();
    b->year = 2023;
    yu_prior p = {2050101, 7 * W, 7 * W};
    yu_budget_add_prior(b, &p);
    b->sangong[0] = 3 * W;
    b->procurement[0] = 4 * W;
    assert_int_equal(yu_store_put_node(s, "700", "示范教育局", NULL, "department", &err), YU_OK);
    assert_int_equal(yu_store_import(s, a, YU_STORE_BUDGET, NULL, &err), YU_OK);
    assert_int_equal(yu_store_import(s, b, YU_STORE_BUDGET, NULL, &err), YU_OK);
    assert_int_equal(yu_store_import(s, fb, YU_STORE_FINAL, NULL, &err), YU_OK);
    assert_int_equal(yu_store_import(s, c, YU_STORE_BUDGET, NULL, &err), YU_OK);
    yu_admin *ad = NULL;
    yu_cube *cu = NULL;
    assert_int_equal(yu_store_load_admin(s, 2024, &ad, &err), YU_OK);
    assert_int_equal(yu_admin_lines(ad), 3 + 2 * 1 + 2); /* A: 3 lines, 1 prior; C: 2 lines */
    assert_int_equal(yu_admin_consolidate(ad, YU_CUBE_NO_ELIM, &cu, &err), YU_OK);
    int32_t dept = yu_admin_find(ad, "700"), nb = yu_admin_find(ad, "700001001");
    assert_true(dept >= 0 && nb >= 0);
    assert_int_equal(cu->funds[dept * YU_F_COUNT + YU_F_GPB], 140 * W);
    assert_int_equal(cu->funds[nb * YU_F_COUNT + YU_F_GPB], 0);
    assert_int_equal(cu->sangong[dept * YU_SG_COUNT], 0);
    assert_int_equal(cu->procurement[dept * YU_P_COUNT], 0);
    yu_money by[8] = {0};
    cube_line_totals(cu, dept, by);
    assert_int_equal(by[YU_T_PERSONNEL], 140 * W);
    assert_int_equal(by[YU_CUBE_PRIOR], 90 * W);
    yu_cube_free(cu);
    yu_admin_free(ad);
    /* and 2023 alone: B */
    assert_int_equal(yu_store_load_admin(s, 2023, &ad, &err), YU_OK);
    assert_int_equal(yu_admin_lines(ad), 3 + 2 * 1);
    assert_int_equal(yu_admin_consolidate(ad, YU_CUBE_NO_ELIM, &cu, &err), YU_OK);
    dept = yu_admin_find(ad, "700");
    assert_int_equal(cu->funds[dept * YU_F_COUNT + YU_F_GPB], 50 * W);
    assert_int_equal(cu->sangong[dept * YU_SG_COUNT], 3 * W);
    assert_int_equal(cu->procurement[dept * YU_P_COUNT], 4 * W);
    yu_cube_free(cu);
    yu_admin_free(ad);
    yu_budget_free(a);
    yu_budget_free(b);
    yu_budget_free(c);
    yu_budget_free(fb);
    yu_store_close(s);
}


static void test_gen_and_cube(void **state)
{
    (void)state;
    yu_gen_opts o;
    assert_int_equal(yu_gen_preset(&o, "small"), YU_OK);
    assert_int_equal(yu_gen_preset(&o, "nosuch"), YU_EUSAGE);
    yu_gen_preset(&o, "small");
    yu_store *s = open_db("gen.db");
    yu_gen_stats st;
    yu_error err;
    yu_status rc = yu_gen_store(s, &o, F.func, F.econ, &st, &err);
    if (rc)
        fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(rc, YU_OK);
    assert_int_equal(st.units, 100);
    assert_int_equal(st.lines, 6000);
    assert_int_equal(st.regions, 7);
    assert_int_equal(st.departments, 28);
    assert_int_equal(q1(s, "SELECT count(*) FROM budgets WHERE kind = 'budget'"), 100);
    assert_int_equal(q1(s, "SELECT count(*) FROM budgets WHERE kind = 'final' AND year = 2023"), 100);
    assert_int_equal(q1(s, "SELECT count(*) FROM lines l JOIN budgets b ON b.id = l.budget_id WHERE b.kind = 'budget'"), 6000);
    assert_int_equal(q1(s, "SELECT count(*) FROM units"), 7 + 28 + 100);
    assert_int_equal(q1(s, "SELECT count(*) FROM units WHERE parent_code IS NULL"), 1);
    /* every unit balances and exports to a package the loader accepts (catalogue codes, no duplicates) */
    yu_store_entry *e;
    size_t n;
    assert_int_equal(yu_store_list(s, NULL, &e, &n, &err), YU_OK);
    int exported = 0;
    for (size_t i = 0; i < n; i++) {
        if (e[i].kind != YU_STORE_BUDGET)
            continue;
        yu_budget *b, *back;
        assert_int_equal(yu_store_load(s, e[i].code, 2024, YU_STORE_BUDGET, &b, &err), YU_OK);
        assert_int_equal(yu_budget_check_balance(b, &err), YU_OK);
        if (exported < 12) {
            char d[64];
            snprintf(d, sizeof d, "pkg%d", exported++);
            assert_int_equal(yu_write_package(b, path(d), &err), YU_OK);
            rc = yu_load_package(path(d), F.func, F.econ, &back, &err);
            if (rc)
                fprintf(stderr, "%s %s:%d: %s\n", e[i].code, err.file, err.line, err.msg);
            assert_int_equal(rc, YU_OK);
            assert_same_budget(b, back);
            yu_budget_free(back);
        }
        yu_budget_free(b);
    }
    yu_store_entries_free(e, n);

    /* the cube agrees with consolidating each subtree on its own, for every node */
    yu_admin *ad;
    yu_cube *c;
    assert_int_equal(yu_store_load_admin(s, 2024, &ad, &err), YU_OK);
    assert_int_equal(yu_admin_lines(ad) >= 6000, 1);
    assert_int_equal(yu_admin_consolidate(ad, 0, &c, &err), YU_OK);
    yu_money elim_total = 0;
    int warned = 0;
    for (size_t i = 0; i < c->nnodes; i++) {
        yu_budget *b = NULL;
        yu_elim_info info;
        yu_warnings w = {0};
        rc = yu_store_report_budget(s, yu_admin_code(ad, (int32_t)i), 2024, &b, &info, &w, &err);
        assert_int_equal(rc, YU_OK);
        warned += (int)w.n;
        yu_warnings_free(&w);
        yu_money bt[8] = {0}, ct[8] = {0};
        for (size_t k = 0; k < b->nlines; k++)
            bt[b->lines[k].type] += b->lines[k].amount;
        for (size_t k = 0; k < b->nprior; k++) {
            bt[YU_CUBE_PRIOR] += b->prior[k].executed;
            bt[YU_CUBE_PRIOR_EX] += b->prior[k].executed_ex;
        }
        cube_line_totals(c, (int32_t)i, ct);
        assert_memory_equal(bt, ct, sizeof bt);
        assert_memory_equal(b->funds, &c->funds[i * YU_F_COUNT], sizeof b->funds);
        assert_memory_equal(b->sangong, &c->sangong[i * YU_SG_COUNT], sizeof b->sangong);
        assert_memory_equal(b->procurement, &c->procurement[i * YU_P_COUNT], sizeof b->procurement);
        assert_int_equal(info.down_elim, c->elim[2 * i]);
        assert_int_equal(info.up_elim, c->elim[2 * i + 1]);
        if (yu_admin_parent(ad, (int32_t)i) < 0)
            elim_total = info.down_elim + info.up_elim;
        assert_int_equal(yu_budget_check_balance(b, &err), YU_OK);
        yu_budget_free(b);
    }
    assert_int_equal(warned, 0);
    assert_true(elim_total > 0); /* the small preset has transfers */
    yu_cube_free(c);
    yu_admin_free(ad);

    /* in memory: the same administration (budgets' prior from their finals) */
    yu_gen_stats st2;
    assert_int_equal(yu_gen_admin(&o, F.func, F.econ, &ad, &st2, &err), YU_OK);
    assert_int_equal(st2.lines, st.lines);
    assert_int_equal(st2.total, st.total);
    assert_int_equal(yu_admin_nodes(ad), 135);
    yu_cube *c2;
    assert_int_equal(yu_admin_consolidate(ad, 0, &c2, &err), YU_OK);
    yu_admin *ad1;
    assert_int_equal(yu_store_load_admin(s, 2024, &ad1, &err), YU_OK);
    assert_int_equal(yu_admin_consolidate(ad1, 0, &c, &err), YU_OK);
    /* threads: the same cells for every node */
    yu_cube *c3;
    assert_int_equal(yu_admin_consolidate(ad1, YU_CUBE_THREADS(3), &c3, &err), YU_OK);
    assert_int_equal(c3->ncells, c->ncells);
    for (size_t i = 0; i < c->nnodes; i++) {
        assert_int_equal(c->count[i], c3->count[i]);
        assert_memory_equal(c->cell_key + c->start[i], c3->cell_key + c3->start[i], c->count[i] * sizeof *c->cell_key);
        assert_memory_equal(c->cell_val + c->start[i], c3->cell_val + c3->start[i], c->count[i] * sizeof *c->cell_val);
        assert_memory_equal(&c->funds[i * YU_F_COUNT], &c3->funds[i * YU_F_COUNT], YU_F_COUNT * sizeof(yu_money));
        assert_memory_equal(&c->elim[i * 2], &c3->elim[i * 2], 2 * sizeof(yu_money));
    }
    yu_cube_free(c3);
    int32_t r1 = yu_admin_find(ad1, "440000"), r2 = yu_admin_find(ad, "440000");
    assert_true(r1 >= 0 && r2 >= 0);
    yu_money t1[8] = {0}, t2[8] = {0};
    cube_line_totals(c, r1, t1);
    cube_line_totals(c2, r2, t2);
    assert_memory_equal(t1, t2, sizeof t1);
    assert_memory_equal(&c->funds[r1 * YU_F_COUNT], &c2->funds[r2 * YU_F_COUNT], YU_F_COUNT * sizeof(yu_money));
    yu_cube_free(c);
    yu_cube_free(c2);
    yu_admin_free(ad);
    yu_admin_free(ad1);

    /* deterministic: the same seed gives the same store */
    yu_store *s2 = open_db("gen2.db");
    yu_gen_stats st3;
    assert_int_equal(yu_gen_store(s2, &o, F.func, F.econ, &st3, &err), YU_OK);
    assert_int_equal(st3.total, st.total);
    assert_int_equal(q1(s2, "SELECT sum(amount * (seq + 1) % 1000003) FROM lines"),
                     q1(s, "SELECT sum(amount * (seq + 1) % 1000003) FROM lines"));
    yu_store_close(s2);
    o.seed = 2;
    s2 = open_db("gen3.db");
    assert_int_equal(yu_gen_store(s2, &o, F.func, F.econ, &st3, &err), YU_OK);
    assert_int_not_equal(st3.total, st.total);
    yu_store_close(s2);
    yu_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_roundtrip, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_reimport_replaces, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_migrations, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_v10_inputs, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_doc_cells_fen, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_crash_abort_midway, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_crash_sigkill, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_consolidate_hand, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_store_consolidation, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_gen_and_cube, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_load_admin_skips_other_years, dir_setup, dir_teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
