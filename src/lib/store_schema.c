/* The store's schema: its migrations, and opening and closing a store (docs/store.md).
 * Split from store.c; the internals shared with it are in store_int.h. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "yusuan/store.h"
#include "internal.h"
#include "year_internal.h"
#include "store_blocks.h"
#include "store_int.h"

/* ------------------------------------------------------------ migrations */

/* v1: the initial schema */
static const char m1_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
    "INSERT INTO meta VALUES('closure_dirty', '1');"
    "CREATE TABLE line_types(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, label TEXT NOT NULL);"
    "CREATE TABLE line_sources(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, label TEXT NOT NULL);"
    "CREATE TABLE fund_items(key TEXT PRIMARY KEY, label TEXT NOT NULL);"
    "CREATE TABLE units(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " parent_code TEXT, dept_code TEXT, dept_name TEXT);"
    "CREATE TABLE budgets(id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL, year INTEGER NOT NULL,"
    " name TEXT NOT NULL, code TEXT NOT NULL, dept_name TEXT, dept_code TEXT, parent_code TEXT, template TEXT,"
    " input_scale INTEGER NOT NULL, functions TEXT, organisation TEXT,"
    " has_sangong_prior INTEGER NOT NULL DEFAULT 0, nlines INTEGER NOT NULL DEFAULT 0,"
    " total INTEGER NOT NULL DEFAULT 0, origin TEXT, imported_at TEXT NOT NULL, UNIQUE(unit_id, year));"
    "CREATE TABLE funds(budget_id INTEGER NOT NULL, item TEXT NOT NULL, amount INTEGER NOT NULL,"
    " PRIMARY KEY(budget_id, item)) WITHOUT ROWID;"
    "CREATE TABLE lines(budget_id INTEGER NOT NULL, seq INTEGER NOT NULL, func INTEGER NOT NULL,"
    " type INTEGER NOT NULL, source INTEGER NOT NULL, econ INTEGER NOT NULL DEFAULT 0, project INTEGER,"
    " jijian INTEGER NOT NULL DEFAULT 0, amount INTEGER NOT NULL, PRIMARY KEY(budget_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE prior(budget_id INTEGER NOT NULL, seq INTEGER NOT NULL, func INTEGER NOT NULL,"
    " executed INTEGER NOT NULL, executed_ex INTEGER NOT NULL, PRIMARY KEY(budget_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE sangong(budget_id INTEGER NOT NULL, item TEXT NOT NULL, amount INTEGER NOT NULL,"
    " prior INTEGER NOT NULL, PRIMARY KEY(budget_id, item)) WITHOUT ROWID;"
    "CREATE TABLE procurement(budget_id INTEGER NOT NULL, item TEXT NOT NULL, amount INTEGER NOT NULL,"
    " PRIMARY KEY(budget_id, item)) WITHOUT ROWID;"
    "CREATE TABLE assets(budget_id INTEGER NOT NULL, seq INTEGER NOT NULL, category TEXT NOT NULL,"
    " name TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY(budget_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE projects(budget_id INTEGER NOT NULL, idx INTEGER NOT NULL, id TEXT NOT NULL,"
    " name TEXT NOT NULL, department TEXT NOT NULL, implementer TEXT NOT NULL, goal TEXT NOT NULL,"
    " publish INTEGER NOT NULL, exec_score INTEGER NOT NULL, PRIMARY KEY(budget_id, idx)) WITHOUT ROWID;"
    "CREATE TABLE indicators(budget_id INTEGER NOT NULL, seq INTEGER NOT NULL, project INTEGER NOT NULL,"
    " level1 TEXT NOT NULL, level2 TEXT NOT NULL, level3 TEXT NOT NULL, value TEXT NOT NULL,"
    " weight INTEGER NOT NULL, line INTEGER NOT NULL, PRIMARY KEY(budget_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE notes(budget_id INTEGER NOT NULL, seq INTEGER NOT NULL, key TEXT NOT NULL,"
    " text TEXT NOT NULL, PRIMARY KEY(budget_id, seq)) WITHOUT ROWID;";

/* v2: final accounts (决算) beside budgets: budgets.kind, unique per (unit, year, kind).
 * SQLite cannot change a table constraint in place: the table is rebuilt. */
static const char m2_sql[] =
    "CREATE TABLE budgets_v2(id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL, year INTEGER NOT NULL,"
    " kind TEXT NOT NULL DEFAULT 'budget' CHECK(kind IN ('budget', 'final')),"
    " name TEXT NOT NULL, code TEXT NOT NULL, dept_name TEXT, dept_code TEXT, parent_code TEXT, template TEXT,"
    " input_scale INTEGER NOT NULL, functions TEXT, organisation TEXT,"
    " has_sangong_prior INTEGER NOT NULL DEFAULT 0, nlines INTEGER NOT NULL DEFAULT 0,"
    " total INTEGER NOT NULL DEFAULT 0, origin TEXT, imported_at TEXT NOT NULL, UNIQUE(unit_id, year, kind));"
    "INSERT INTO budgets_v2(id, unit_id, year, kind, name, code, dept_name, dept_code, parent_code, template,"
    " input_scale, functions, organisation, has_sangong_prior, nlines, total, origin, imported_at)"
    " SELECT id, unit_id, year, 'budget', name, code, dept_name, dept_code, parent_code, template,"
    " input_scale, functions, organisation, has_sangong_prior, nlines, total, origin, imported_at FROM budgets;"
    "DROP TABLE budgets;"
    "ALTER TABLE budgets_v2 RENAME TO budgets;"
    "CREATE INDEX budgets_year ON budgets(year, kind);";

/* v3: the tree: kinds of nodes, an index on parents, the closure table */
static const char m3_sql[] =
    "ALTER TABLE units ADD COLUMN kind TEXT NOT NULL DEFAULT 'unit'"
    " CHECK(kind IN ('region', 'department', 'unit'));"
    "UPDATE units SET kind = 'department' WHERE id NOT IN (SELECT unit_id FROM budgets)"
    " AND code IN (SELECT dept_code FROM units WHERE dept_code IS NOT NULL);"
    "CREATE INDEX units_parent ON units(parent_code);"
    "CREATE TABLE unit_closure(unit INTEGER NOT NULL, ancestor INTEGER NOT NULL, depth INTEGER NOT NULL,"
    " PRIMARY KEY(unit, ancestor)) WITHOUT ROWID;"
    "UPDATE meta SET value = '1' WHERE key = 'closure_dirty';";

/* v4: published documents read back by `yusuan audit`: their cells and findings */
static const char m4_sql[] =
    "CREATE TABLE documents(id INTEGER PRIMARY KEY, origin TEXT NOT NULL UNIQUE, unit_name TEXT,"
    " year INTEGER, template TEXT NOT NULL, decimals INTEGER NOT NULL, money_unit TEXT NOT NULL,"
    " tables_found INTEGER NOT NULL, tables_expected INTEGER NOT NULL, errors INTEGER NOT NULL,"
    " missing INTEGER NOT NULL, imported_at TEXT NOT NULL);"
    "CREATE INDEX documents_year ON documents(year);"
    "CREATE TABLE doc_cells(document_id INTEGER NOT NULL, table_id TEXT NOT NULL, row INTEGER NOT NULL,"
    " code TEXT, row_key TEXT, col TEXT NOT NULL, value INTEGER, text TEXT,"
    " PRIMARY KEY(document_id, table_id, row, col)) WITHOUT ROWID;"
    "CREATE TABLE doc_findings(document_id INTEGER NOT NULL, seq INTEGER NOT NULL, rule TEXT NOT NULL,"
    " severity TEXT NOT NULL, table_id TEXT, row TEXT, col TEXT, page INTEGER, line INTEGER,"
    " got INTEGER, want INTEGER, message TEXT NOT NULL, PRIMARY KEY(document_id, seq)) WITHOUT ROWID;";

/* v5: line items may say which non-fiscal income pays them (yu_source 7, 8) */
static const char m5_sql[] =
    "INSERT OR IGNORE INTO line_sources VALUES(7, 'shiye', '事业收入资金');"
    "INSERT OR IGNORE INTO line_sources VALUES(8, 'jingying', '事业单位经营收入资金');";

/* v6: a published document is known by its content (the same PDF under another path is kept once) */
static const char m6_sql[] =
    "ALTER TABLE documents ADD COLUMN content_hash TEXT;"
    "CREATE INDEX documents_hash ON documents(content_hash);";

/* v7: the web application (include/yusuan/flow.h): users, their roles on subtrees, sessions,
 * API tokens, submissions of workbooks and their findings, decisions on findings, the operation log */
static const char m7_sql[] =
    "CREATE TABLE flow_users(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, pwhash TEXT NOT NULL,"
    " created_at TEXT NOT NULL);"
    "CREATE TABLE flow_grants(user_id INTEGER NOT NULL, role TEXT NOT NULL, unit_code TEXT NOT NULL,"
    " PRIMARY KEY(user_id, role, unit_code)) WITHOUT ROWID;"
    "CREATE TABLE flow_sessions(token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL, csrf TEXT NOT NULL,"
    " api INTEGER NOT NULL, label TEXT, expires INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE flow_submissions(id INTEGER PRIMARY KEY, unit_code TEXT NOT NULL, year INTEGER NOT NULL,"
    " state TEXT NOT NULL, version INTEGER NOT NULL, filename TEXT NOT NULL, workbook BLOB NOT NULL,"
    " errors INTEGER NOT NULL, warnings INTEGER NOT NULL, comment TEXT, created_by INTEGER NOT NULL,"
    " updated_at TEXT NOT NULL, UNIQUE(unit_code, year));"
    "CREATE TABLE flow_sub_findings(submission_id INTEGER NOT NULL, seq INTEGER NOT NULL, rule TEXT NOT NULL,"
    " severity TEXT NOT NULL, location TEXT NOT NULL, message TEXT NOT NULL,"
    " PRIMARY KEY(submission_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE flow_decisions(origin TEXT NOT NULL, rule TEXT NOT NULL, place TEXT NOT NULL, decision TEXT NOT NULL,"
    " reason TEXT NOT NULL, user_id INTEGER NOT NULL, decided_at TEXT NOT NULL,"
    " PRIMARY KEY(origin, rule, place)) WITHOUT ROWID;"
    "CREATE TABLE flow_log(id INTEGER PRIMARY KEY, at TEXT NOT NULL, user_name TEXT NOT NULL, action TEXT NOT NULL,"
    " object TEXT NOT NULL, detail TEXT NOT NULL);";

/* v9: every budget's line items also as one BLOB of packed records (filled since by migration 11,
 * which replaces them) */
static const char m9_sql[] =
    "CREATE TABLE line_blocks(budget_id INTEGER PRIMARY KEY, nlines INTEGER NOT NULL, data BLOB NOT NULL);";

/* v10: what a package holds beyond v9, so that report --db gives the package's document: last year's
 * income budget (funds.prior), the projects' 项目经费情况说明, the assets' purchases, and the scalar
 * inputs of 其他相关情况说明 (budget_facts: 中小企业 reservation, unit kinds, 绩效目标 summary, the day
 * of the asset count; docs/store.md) */
static const char m10_sql[] =
    "ALTER TABLE funds ADD COLUMN prior INTEGER;"
    "ALTER TABLE assets ADD COLUMN purchase INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE projects ADD COLUMN overview TEXT;"
    "ALTER TABLE projects ADD COLUMN basis TEXT;"
    "ALTER TABLE projects ADD COLUMN subject TEXT;"
    "ALTER TABLE projects ADD COLUMN plan TEXT;"
    "ALTER TABLE projects ADD COLUMN period TEXT;"
    "ALTER TABLE projects ADD COLUMN schedule TEXT;"
    "CREATE TABLE budget_facts(budget_id INTEGER NOT NULL,"
    " key TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY(budget_id, key)) WITHOUT ROWID;";

/* v11: the budget units of units.csv by name (v10 kept only the number of each kind), so that db export
 * writes units.csv back */
static const char m11_sql[] =
    "CREATE TABLE budget_units(budget_id INTEGER NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL,"
    " kind TEXT NOT NULL, PRIMARY KEY(budget_id, seq)) WITHOUT ROWID;";

/* v12: the line blocks hold key ids into their year's key dictionary (year_keys) and the prior rows too,
 * laid out as the admin's arrays (store_blocks.c): rebuilt from the rows by yu__blocks_fill */
static const char m12_sql[] =
    "DROP TABLE line_blocks;"
    "CREATE TABLE line_blocks(budget_id INTEGER PRIMARY KEY, nlines INTEGER NOT NULL, nprior INTEGER NOT NULL,"
    " data BLOB NOT NULL);"
    "CREATE TABLE year_keys(year INTEGER NOT NULL, id INTEGER NOT NULL, func INTEGER NOT NULL, type INTEGER NOT NULL,"
    " source INTEGER NOT NULL, econ INTEGER NOT NULL, jijian INTEGER NOT NULL, PRIMARY KEY(year, id)) WITHOUT ROWID;"
    "INSERT INTO line_types VALUES(6, 'prior', '上年执行数'), (7, 'prior_ex', '上年执行数（扣除中央基建投资）');"
    "ALTER TABLE budgets ADD COLUMN nprior INTEGER NOT NULL DEFAULT 0;"
    "UPDATE budgets SET nprior = (SELECT count(*) FROM prior p WHERE p.budget_id = budgets.id);";

/* v13: the generations of the stored data (data_gen: scope 0 the unit tree, scope Y the year Y's budgets, line
 * blocks and key dictionary), a fresh random token written by triggers in the very transaction of any change, so
 * that any writer — an import, a deletion, the sqlite3 shell — makes the derived year segments beside the store
 * stale (store_seg.c); and the store's identity (meta db_id).  Idempotent: a test rewinds user_version. */
#define GEN_SET(scope) "INSERT INTO data_gen VALUES(" scope ", random()) ON CONFLICT(scope) DO UPDATE SET token = excluded.token;"
#define GEN_BLOCK(row) "INSERT INTO data_gen SELECT year, random() FROM budgets WHERE id = " row ".budget_id" \
                       " ON CONFLICT(scope) DO UPDATE SET token = excluded.token;"
static const char m13_sql[] =
    "CREATE TABLE IF NOT EXISTS data_gen(scope INTEGER PRIMARY KEY, token INTEGER NOT NULL);"
    "INSERT OR IGNORE INTO meta VALUES('db_id', lower(hex(randomblob(16))));"
    "INSERT OR REPLACE INTO data_gen VALUES(0, random());"
    "INSERT OR REPLACE INTO data_gen SELECT DISTINCT year, random() FROM budgets WHERE year <> 0;"
    "CREATE TRIGGER IF NOT EXISTS gen_units_ins AFTER INSERT ON units BEGIN " GEN_SET("0") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_units_upd AFTER UPDATE ON units BEGIN " GEN_SET("0") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_units_del AFTER DELETE ON units BEGIN " GEN_SET("0") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_budgets_ins AFTER INSERT ON budgets BEGIN " GEN_SET("NEW.year") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_budgets_upd AFTER UPDATE ON budgets BEGIN " GEN_SET("OLD.year")
    GEN_SET("NEW.year") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_budgets_del AFTER DELETE ON budgets BEGIN " GEN_SET("OLD.year") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_blocks_ins AFTER INSERT ON line_blocks BEGIN " GEN_BLOCK("NEW") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_blocks_upd AFTER UPDATE ON line_blocks BEGIN " GEN_BLOCK("OLD")
    GEN_BLOCK("NEW") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_blocks_del AFTER DELETE ON line_blocks BEGIN " GEN_BLOCK("OLD") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_keys_ins AFTER INSERT ON year_keys BEGIN " GEN_SET("NEW.year") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_keys_upd AFTER UPDATE ON year_keys BEGIN " GEN_SET("OLD.year")
    GEN_SET("NEW.year") " END;"
    "CREATE TRIGGER IF NOT EXISTS gen_keys_del AFTER DELETE ON year_keys BEGIN " GEN_SET("OLD.year") " END;";
/* v14: a published document's money cells exact, in 分 (doc_cells.fen): `value` holds the document's
 * display unit, in which a table finer than the document (a 三公 table in 元 with decimals inside a 万元
 * document) lost its 分; and the unit of a finding's figures (doc_findings.fen, 分 per got/want).  The
 * columns are added and filled by doc_cells_fen (below): a cell kept before knows only its rounded value,
 * so its 分 are that value in the document's unit; a finding kept before has no unit (NULL). */
#define DOC_FEN_VERSION 14 /* its version: doc_cells_fen runs after its (empty) SQL */
static const char m14_sql[] = "";

/* v15: the 财政项目支出绩效目标填报表's words and whole-life funds of a project (projects.csv nature …
 * life_other; NULL in a project kept before, which has none). The columns are added by
 * project_form_cols (below), each unless there, as a store rewound by a test has them. */
#define PROJECT_FORM_VERSION 15
static const char m15_sql[] = "";

static const struct {
    const char *name, *sql;
} migrations[YU_STORE_SCHEMA_VERSION] = {
    {"initial schema", m1_sql},
    {"final accounts: budgets.kind", m2_sql},
    {"unit tree: units.kind, unit_closure", m3_sql},
    {"published documents: documents, doc_cells, doc_findings", m4_sql},
    {"sources of non-fiscal money: 事业收入, 事业单位经营收入", m5_sql},
    {"published documents by content: documents.content_hash", m6_sql},
    {"web application: flow_users, flow_grants, flow_sessions, flow_submissions, flow_log", m7_sql},
    {"the rest of the year: adjustments, payments, 决算 figures, self-evaluation", yy_store_m6_sql},
    {"line blocks: line_blocks", m9_sql},
    {"package inputs kept whole: funds.prior, project texts, assets.purchase, budget_facts", m10_sql},
    {"budget units by name: budget_units", m11_sql},
    {"key dictionaries of the years: year_keys; line blocks of key ids and amounts", m12_sql},
    {"generations of the stored data for the year segments: data_gen, meta db_id", m13_sql},
    {"published documents: money cells in fen and the unit of findings, doc_cells.fen, doc_findings.fen", m14_sql},
    {"the performance form of projects: projects.nature … life_other", m15_sql},
};

/* migration 15: the projects' performance form columns, each added unless there */
static int project_form_cols(yu_store *s)
{
    static const char *const cols[][2] = {{"nature", "TEXT"},      {"category", "TEXT"},      {"plan_start", "TEXT"},
                                          {"plan_finish", "TEXT"}, {"life_goal", "TEXT"},     {"life_total", "INTEGER"},
                                          {"life_fiscal", "INTEGER"}, {"life_other", "INTEGER"}};
    sqlite3 *db = yu__sqlite(s);
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info('projects') WHERE name = ?1", -1, &st,
                               NULL) != SQLITE_OK)
            return -1;
        sqlite3_bind_text(st, 1, cols[i][0], -1, SQLITE_STATIC);
        int has = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
        sqlite3_finalize(st);
        char *sql = has ? NULL : sqlite3_mprintf("ALTER TABLE projects ADD COLUMN %s %s", cols[i][0], cols[i][1]);
        int bad = !has && (!sql || st_exec(s, sql));
        sqlite3_free(sql);
        if (bad)
            return -1;
    }
    return 0;
}

/* migration 14: doc_cells.fen and doc_findings.fen (added unless there); doc_cells.fen filled for
 * the money cells kept before (not text, not a percentage column) from their value in their
 * document's unit */
static int doc_cells_fen(yu_store *s)
{
    sqlite3 *db = yu__sqlite(s);
    sqlite3_stmt *st;
    int has = 0;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info('doc_cells') WHERE name = 'fen'", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        has = sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    if (!has && st_exec(s, "ALTER TABLE doc_cells ADD COLUMN fen INTEGER"))
        return -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info('doc_findings') WHERE name = 'fen'", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    has = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    if (!has && st_exec(s, "ALTER TABLE doc_findings ADD COLUMN fen INTEGER"))
        return -1;
    sqlite3_stmt *docs, *up;
    if (sqlite3_prepare_v2(db, "SELECT id, money_unit, decimals FROM documents", -1, &docs, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(db,
                           "UPDATE doc_cells SET fen = value * ?2 WHERE document_id = ?1 AND fen IS NULL"
                           " AND text IS NULL AND value IS NOT NULL AND instr(col, 'pct') = 0"
                           " AND abs(value) <= 9223372036854775807 / ?2",
                           -1, &up, NULL) != SQLITE_OK) {
        sqlite3_finalize(docs);
        return -1;
    }
    int r, bad = 0;
    while (!bad && (r = sqlite3_step(docs)) == SQLITE_ROW) {
        const unsigned char *u = sqlite3_column_text(docs, 1);
        sqlite3_reset(up);
        sqlite3_bind_int64(up, 1, sqlite3_column_int64(docs, 0));
        sqlite3_bind_int64(up, 2, yu__doc_unit_fen(u ? (const char *)u : "元", sqlite3_column_int(docs, 2)));
        bad = sqlite3_step(up) != SQLITE_DONE;
    }
    if (!bad && r != SQLITE_DONE)
        bad = 1;
    sqlite3_finalize(up);
    sqlite3_finalize(docs);
    return bad ? -1 : 0;
}

static int fill_reference(yu_store *s)
{
    sqlite3_stmt *st;
    const char *sql[3] = {"INSERT INTO line_types VALUES(?1, ?2, ?3)", "INSERT INTO line_sources VALUES(?1, ?2, ?3)",
                          "INSERT INTO fund_items VALUES(?2, ?3)"};
    int counts[3] = {YU_T_COUNT, YU_S_COUNT, YU_F_COUNT};
    for (int t = 0; t < 3; t++) {
        if (sqlite3_prepare_v2(s->db, sql[t], -1, &st, NULL) != SQLITE_OK)
            return -1;
        for (int i = 0; i < counts[t]; i++) {
            sqlite3_reset(st);
            sqlite3_bind_int(st, 1, i);
            sqlite3_bind_text(st, 2, t == 0 ? yu_type_key(i) : t == 1 ? yu_source_key(i) : yu_fund_key(i), -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, t == 0 ? yu_type_label(i) : t == 1 ? yu_source_label(i) : yu_fund_label(i), -1, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE) {
                sqlite3_finalize(st);
                return -1;
            }
        }
        sqlite3_finalize(st);
    }
    return 0;
}

static int read_version(yu_store *s)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

yu_status yu_store_migrate(yu_store *s, int version, yu_error *err)
{
    if (version < 1 || version > YU_STORE_SCHEMA_VERSION)
        return yu_error_set(err, YU_EUSAGE, s->path, 0, 0, "schema version %d: expected 1 to %d", version,
                            YU_STORE_SCHEMA_VERSION);
    for (;;) {
        if (st_exec(s, "BEGIN IMMEDIATE"))
            return yu__dberr(s, err, "cannot start a migration");
        int cur = read_version(s);
        if (cur < 0) {
            st_exec(s, "ROLLBACK");
            return yu__dberr(s, err, "cannot read the schema version");
        }
        if (cur > YU_STORE_SCHEMA_VERSION) {
            st_exec(s, "ROLLBACK");
            return yu_error_set(err, YU_EDB, s->path, 0, 0,
                                "the database has schema version %d, newer than this yusuan knows (%d): use a newer yusuan",
                                cur, YU_STORE_SCHEMA_VERSION);
        }
        if (cur >= version) {
            st_exec(s, "COMMIT");
            s->version = cur;
            return YU_OK;
        }
        int next = cur + 1;
        int bad = 0;
        if (cur == 0)
            bad = st_exec(s, "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY,"
                          " name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        if (!bad)
            bad = st_exec(s, migrations[next - 1].sql);
        if (!bad && next == 1)
            bad = fill_reference(s);
        if (!bad && next == 12)
            bad = yu__blocks_fill(s);
        if (!bad && next == DOC_FEN_VERSION)
            bad = doc_cells_fen(s);
        if (!bad && next == PROJECT_FORM_VERSION)
            bad = project_form_cols(s);
        if (!bad) {
            /* the name quoted by SQLite (%Q): a name may hold any character */
            char *sql = sqlite3_mprintf("INSERT INTO schema_migrations VALUES(%d, %Q, strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'));"
                                        "PRAGMA user_version = %d",
                                        next, migrations[next - 1].name, next);
            bad = !sql || st_exec(s, sql);
            sqlite3_free(sql);
        }
        if (bad) {
            yu_error_set(err, YU_EDB, s->path, 0, 0, "migration to schema version %d (%s) failed: %s", next,
                         migrations[next - 1].name, sqlite3_errmsg(s->db));
            st_exec(s, "ROLLBACK");
            yu__keys_forget(s);
            return YU_EDB;
        }
        if (st_exec(s, "COMMIT")) {
            yu_error_set(err, YU_EDB, s->path, 0, 0, "migration to schema version %d: %s", next, sqlite3_errmsg(s->db));
            st_exec(s, "ROLLBACK");
            yu__keys_forget(s);
            return YU_EDB;
        }
        s->version = next;
    }
}

static void rolled_back(void *s) { yu__keys_forget(s); }

yu_status yu_store_open_at(const char *path, int version, yu_store **out, yu_error *err)
{
    yu_error_clear(err);
    *out = NULL;
    yu_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = yu_strdup(path))) {
        free(s);
        return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    }
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        yu_error_set(err, YU_EDB, path, 0, 0, "cannot open the database: %s",
                     s->db ? sqlite3_errmsg(s->db) : "out of memory");
        yu_store_close(s);
        return YU_EDB;
    }
    sqlite3_busy_timeout(s->db, 10000);
    /* keys a rolled back transaction added to a year's dictionary are gone: so is the cache */
    sqlite3_rollback_hook(s->db, rolled_back, s);
    sqlite3_stmt *st;
    /* WAL: readers do not block the writer; a commit is one append to the log */
    int wal = 0;
    if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char *m = sqlite3_column_text(st, 0);
            wal = m && !strcmp((const char *)m, "wal");
        }
        sqlite3_finalize(st);
    }
    if (!wal) {
        yu_error_set(err, YU_EDB, path, 0, 0, "cannot use the database (not a SQLite database, or WAL mode unavailable): %s",
                     sqlite3_errmsg(s->db));
        yu_store_close(s);
        return YU_EDB;
    }
    /* pages read in place from the mapped file (a year's load reads hundreds of MiB of line
       blocks): no read() copies into the page cache; SQLite caps the size at its compile-time
       maximum, and falls back to reads where mapping is unavailable */
    st_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; "
            "PRAGMA mmap_size = 17179869184");
    yu_status rc = yu_store_migrate(s, version, err);
    if (rc) {
        yu_store_close(s);
        return rc;
    }
    *out = s;
    return YU_OK;
}

yu_status yu_store_open(const char *path, yu_store **out, yu_error *err)
{
    return yu_store_open_at(path, YU_STORE_SCHEMA_VERSION, out, err);
}

yu_status yu_store_open_ro(const char *path, yu_store **out, yu_error *err)
{
    yu_error_clear(err);
    *out = NULL;
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0)
        return yu_error_set(err, YU_EIO, path, 0, 0,
                            "no such store%s: import a budget first (yusuan db --db %s import PACKAGE)",
                            stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? " (the file is empty)" : "", path);
    yu_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = yu_strdup(path))) {
        free(s);
        return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    }
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        yu_error_set(err, YU_EDB, path, 0, 0, "cannot open the store: %s",
                     s->db ? sqlite3_errmsg(s->db) : "out of memory");
        yu_store_close(s);
        return YU_EDB;
    }
    sqlite3_busy_timeout(s->db, 10000);
    int v = read_version(s);
    if (v <= 0) {
        yu_error_set(err, YU_EDB, path, 0, 0, "not a yusuan store (not a SQLite database, or no schema)");
        yu_store_close(s);
        return YU_EDB;
    }
    if (v != YU_STORE_SCHEMA_VERSION) {
        yu_error_set(err, YU_EDB, path, 0, 0,
                     "the store is at schema version %d, this yusuan reads %d: %s", v, YU_STORE_SCHEMA_VERSION,
                     v < YU_STORE_SCHEMA_VERSION ? "an import migrates it" : "use a newer yusuan");
        yu_store_close(s);
        return YU_EDB;
    }
    s->version = v;
    st_exec(s, "PRAGMA cache_size = -65536; PRAGMA mmap_size = 17179869184"); /* as yu_store_open */
    *out = s;
    return YU_OK;
}

void yu_store_set_abort_after(yu_store *s, long nlines) { s->abort_after = nlines < 0 ? 0 : nlines + 1; }

int yu_store_schema_version(const yu_store *s) { return s->version; }
void *yu_store_sqlite(yu_store *s) { return s->db; }

void yu_store_close(yu_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(s->q[i]);
    yu__keys_free(s);
    if (s->db)
        sqlite3_close(s->db);
    free(s->path);
    free(s);
}

