/* The store: budgets of many units and years in SQLite (docs/store.md).
 * This file: the statement cache, batches, listing, loading, the unit tree, report budgets and
 * published documents.  Split off: store_schema.c (migrations, open, close), store_import.c
 * (storing nodes and budgets), store_export.c (a budget written as a package); also store_all.c,
 * store_admin.c, store_year.c, store_blocks.c. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>
#include <sqlite3.h>
#include "yusuan/store.h"
#include "internal.h"
#include "year_internal.h"
#include "store_blocks.h"
#include "store_int.h"

/* the SQL of the cached statements (Q_*: store_int.h) */
static const char *const qsql[Q_COUNT] = {
    [Q_UNIT_GET] = "SELECT parent_code FROM units WHERE code = ?1",
    [Q_UNIT_INS] = "INSERT INTO units(code, name, parent_code, dept_code, dept_name, kind) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_UNIT_UPD] = "UPDATE units SET name = ?2, parent_code = ?3, dept_code = ?4, dept_name = ?5, kind = ?6 WHERE code = ?1",
    [Q_UNIT_ID] = "SELECT id FROM units WHERE code = ?1",
    [Q_DEPT_INS] = "INSERT INTO units(code, name, parent_code, dept_code, dept_name, kind) "
                   "VALUES(?1, ?2, NULL, ?1, ?2, 'department') ON CONFLICT(code) DO NOTHING",
    [Q_BUDGET_FIND] = "SELECT id FROM budgets WHERE unit_id = ?1 AND year = ?2 AND kind = ?3",
    [Q_BUDGET_INS] = "INSERT INTO budgets(unit_id, year, kind, name, code, dept_name, dept_code, parent_code, "
                     "template, input_scale, functions, organisation, has_sangong_prior, nlines, total, origin, imported_at, "
                     "nprior) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                     "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?17)",
    [Q_BUDGET_DEL] = "DELETE FROM budgets WHERE id = ?1",
    [Q_DEL_FUNDS] = "DELETE FROM funds WHERE budget_id = ?1",
    [Q_DEL_LINES] = "DELETE FROM lines WHERE budget_id = ?1",
    [Q_DEL_PRIOR] = "DELETE FROM prior WHERE budget_id = ?1",
    [Q_DEL_SANGONG] = "DELETE FROM sangong WHERE budget_id = ?1",
    [Q_DEL_PROC] = "DELETE FROM procurement WHERE budget_id = ?1",
    [Q_DEL_ASSETS] = "DELETE FROM assets WHERE budget_id = ?1",
    [Q_DEL_PROJECTS] = "DELETE FROM projects WHERE budget_id = ?1",
    [Q_DEL_INDICATORS] = "DELETE FROM indicators WHERE budget_id = ?1",
    [Q_DEL_NOTES] = "DELETE FROM notes WHERE budget_id = ?1",
    [Q_INS_FUND] = "INSERT INTO funds(budget_id, item, amount, prior) VALUES(?1, ?2, ?3, ?4)",
    [Q_INS_LINE] = "INSERT INTO lines(budget_id, seq, func, type, source, econ, project, jijian, amount) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [Q_INS_PRIOR] = "INSERT INTO prior(budget_id, seq, func, executed, executed_ex) VALUES(?1, ?2, ?3, ?4, ?5)",
    [Q_INS_SANGONG] = "INSERT INTO sangong(budget_id, item, amount, prior) VALUES(?1, ?2, ?3, ?4)",
    [Q_INS_PROC] = "INSERT INTO procurement(budget_id, item, amount) VALUES(?1, ?2, ?3)",
    [Q_INS_ASSET] = "INSERT INTO assets(budget_id, seq, category, name, count, purchase) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_INS_PROJECT] = "INSERT INTO projects(budget_id, idx, id, name, department, implementer, goal, publish, exec_score, "
                      "overview, basis, subject, plan, period, schedule, nature, category, plan_start, plan_finish, "
                      "life_goal, life_total, life_fiscal, life_other) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
                      "?20, ?21, ?22, ?23)",
    [Q_INS_INDICATOR] = "INSERT INTO indicators(budget_id, seq, project, level1, level2, level3, value, weight, line) "
                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [Q_INS_NOTE] = "INSERT INTO notes(budget_id, seq, key, text) VALUES(?1, ?2, ?3, ?4)",
    [Q_DIRTY] = "UPDATE meta SET value = '1' WHERE key = 'closure_dirty' AND value <> '1'",
    [Q_DEL_BLOCK] = "DELETE FROM line_blocks WHERE budget_id = ?1",
    [Q_INS_BLOCK] = "INSERT OR REPLACE INTO line_blocks(budget_id, nlines, nprior, data) VALUES(?1, ?2, ?3, ?4)",
    [Q_LD_BUDGET] = "SELECT name, code, dept_name, dept_code, parent_code, template, year, input_scale, functions,"
                    " organisation, has_sangong_prior, nlines FROM budgets WHERE id = ?1",
    [Q_LD_FUNDS] = "SELECT item, amount, prior FROM funds WHERE budget_id = ?1",
    [Q_LD_BLOCK] = "SELECT nlines, nprior, data FROM line_blocks WHERE budget_id = ?1",
    [Q_LD_LINES] = "SELECT func, type, source, econ, project, jijian, amount FROM lines WHERE budget_id = ?1 ORDER BY seq",
    [Q_LD_PRIOR] = "SELECT func, executed, executed_ex FROM prior WHERE budget_id = ?1 ORDER BY seq",
    [Q_LD_SANGONG] = "SELECT item, amount, prior FROM sangong WHERE budget_id = ?1",
    [Q_LD_PROC] = "SELECT item, amount FROM procurement WHERE budget_id = ?1",
    [Q_LD_ASSETS] = "SELECT category, name, count, purchase FROM assets WHERE budget_id = ?1 ORDER BY seq",
    [Q_LD_PROJECTS] = "SELECT id, name, department, implementer, goal, publish, exec_score, "
                      "overview, basis, subject, plan, period, schedule, nature, category, plan_start, plan_finish, "
                      "life_goal, life_total, life_fiscal, life_other FROM projects "
                      "WHERE budget_id = ?1 ORDER BY idx",
    [Q_LD_INDICATORS] = "SELECT project, level1, level2, level3, value, weight, line FROM indicators "
                        "WHERE budget_id = ?1 ORDER BY seq",
    [Q_LD_NOTES] = "SELECT key, text FROM notes WHERE budget_id = ?1 ORDER BY seq",
    [Q_DEL_FACTS] = "DELETE FROM budget_facts WHERE budget_id = ?1",
    [Q_INS_FACT] = "INSERT INTO budget_facts(budget_id, key, value) VALUES(?1, ?2, ?3)",
    [Q_LD_FACTS] = "SELECT key, value FROM budget_facts WHERE budget_id = ?1",
    [Q_DEL_MEMBERS] = "DELETE FROM budget_units WHERE budget_id = ?1",
    [Q_INS_MEMBER] = "INSERT INTO budget_units(budget_id, seq, name, kind) VALUES(?1, ?2, ?3, ?4)",
    [Q_LD_MEMBERS] = "SELECT name, kind FROM budget_units WHERE budget_id = ?1 ORDER BY seq",
    [Q_KEYS_MAX] = "SELECT max(id) FROM year_keys WHERE year = ?1",
    [Q_KEYS_LD] = "SELECT id, func, type, source, econ, jijian FROM year_keys WHERE year = ?1 AND id >= ?2 ORDER BY id",
    [Q_KEYS_INS] = "INSERT INTO year_keys(year, id, func, type, source, econ, jijian) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

static yu_status dberr(yu_store *s, yu_error *err, const char *what)
{
    return yu_error_set(err, YU_EDB, s->path, 0, 0, "%s: %s", what, sqlite3_errmsg(s->db));
}

static sqlite3_stmt *stmt(yu_store *s, int i)
{
    if (!s->q[i] && sqlite3_prepare_v3(s->db, qsql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL) != SQLITE_OK)
        return NULL;
    sqlite3_reset(s->q[i]);
    sqlite3_clear_bindings(s->q[i]);
    return s->q[i];
}

static int exec(yu_store *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? yu_strdup((const char *)t) : NULL;
}

static int step_done(sqlite3_stmt *st)
{
    return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

const char *yu_store_kind_key(int kind)
{
    return kind == YU_STORE_BUDGET ? "budget" : kind == YU_STORE_FINAL ? "final" : NULL;
}

int yu_store_kind_parse(const char *s)
{
    if (!s)
        return -1;
    if (!strcmp(s, "budget") || !strcmp(s, "预算"))
        return YU_STORE_BUDGET;
    if (!strcmp(s, "final") || !strcmp(s, "决算"))
        return YU_STORE_FINAL;
    return -1;
}

/* ------------------------------------------------------------ migrations, open, close: store_schema.c */

static yu_status need_latest(yu_store *s, yu_error *err)
{
    if (s->version != YU_STORE_SCHEMA_VERSION)
        return yu_error_set(err, YU_EDB, s->path, 0, 0,
                            "the store is at schema version %d: open it with yu_store_open to migrate it to %d",
                            s->version, YU_STORE_SCHEMA_VERSION);
    return YU_OK;
}

/* ------------------------------------------------------------ batches */

yu_status yu_store_begin(yu_store *s, yu_error *err)
{
    if (s->batch)
        return yu_error_set(err, YU_EUSAGE, s->path, 0, 0, "a transaction is already open");
    if (exec(s, "BEGIN IMMEDIATE"))
        return dberr(s, err, "cannot start a transaction");
    s->batch = 1;
    return YU_OK;
}

yu_status yu_store_commit(yu_store *s, yu_error *err)
{
    if (!s->batch)
        return yu_error_set(err, YU_EUSAGE, s->path, 0, 0, "no transaction is open");
    s->batch = 0;
    if (exec(s, "COMMIT")) {
        yu_status st = dberr(s, err, "cannot commit");
        exec(s, "ROLLBACK");
        return st;
    }
    return YU_OK;
}

void yu_store_rollback(yu_store *s)
{
    if (s->batch)
        exec(s, "ROLLBACK");
    s->batch = 0;
}

/* ------------------------------------------------------------ import: store_import.c */

/* ------------------------------------------------------------ listing */

void yu_store_units_free(yu_store_unit *u, size_t n)
{
    for (size_t i = 0; u && i < n; i++) {
        free(u[i].code);
        free(u[i].name);
        free(u[i].parent_code);
        free(u[i].dept_code);
        free(u[i].dept_name);
        free(u[i].kind);
    }
    free(u);
}

yu_status yu_store_units(yu_store *s, yu_store_unit **out, size_t *n, yu_error *err)
{
    *out = NULL;
    *n = 0;
    if (need_latest(s, err))
        return YU_EDB;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT code, name, parent_code, dept_code, dept_name, kind FROM units ORDER BY code",
                           -1, &st, NULL) != SQLITE_OK)
        return dberr(s, err, "cannot list units");
    yu_store_unit *v = NULL;
    size_t cnt = 0, cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (cnt == cap) {
            size_t nc = cap ? cap * 2 : 64;
            yu_store_unit *nv = realloc(v, nc * sizeof *nv);
            if (!nv)
                break;
            v = nv;
            cap = nc;
        }
        yu_store_unit *u = &v[cnt++];
        u->code = col_dup(st, 0);
        u->name = col_dup(st, 1);
        u->parent_code = col_dup(st, 2);
        u->dept_code = col_dup(st, 3);
        u->dept_name = col_dup(st, 4);
        u->kind = col_dup(st, 5);
    }
    sqlite3_finalize(st);
    if (r != SQLITE_DONE) {
        yu_store_units_free(v, cnt);
        return r == SQLITE_ROW ? yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory")
                               : dberr(s, err, "cannot list units");
    }
    *out = v;
    *n = cnt;
    return YU_OK;
}

void yu_store_entries_free(yu_store_entry *e, size_t n)
{
    for (size_t i = 0; e && i < n; i++) {
        free(e[i].code);
        free(e[i].name);
        free(e[i].imported_at);
    }
    free(e);
}

yu_status yu_store_list(yu_store *s, const char *code, yu_store_entry **out, size_t *n, yu_error *err)
{
    *out = NULL;
    *n = 0;
    if (need_latest(s, err))
        return YU_EDB;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT u.code, b.name, b.year, b.kind, b.nlines, b.total, b.imported_at FROM budgets b "
                           "JOIN units u ON u.id = b.unit_id WHERE ?1 IS NULL OR u.code = ?1 "
                           "ORDER BY u.code, b.year, b.kind",
                           -1, &st, NULL) != SQLITE_OK)
        return dberr(s, err, "cannot list budgets");
    bind_text(st, 1, code);
    yu_store_entry *v = NULL;
    size_t cnt = 0, cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (cnt == cap) {
            size_t nc = cap ? cap * 2 : 64;
            yu_store_entry *nv = realloc(v, nc * sizeof *nv);
            if (!nv)
                break;
            v = nv;
            cap = nc;
        }
        yu_store_entry *e = &v[cnt++];
        e->code = col_dup(st, 0);
        e->name = col_dup(st, 1);
        e->year = sqlite3_column_int(st, 2);
        e->kind = yu_store_kind_parse((const char *)sqlite3_column_text(st, 3));
        e->nlines = sqlite3_column_int64(st, 4);
        e->total = sqlite3_column_int64(st, 5);
        e->imported_at = col_dup(st, 6);
    }
    sqlite3_finalize(st);
    if (r != SQLITE_DONE) {
        yu_store_entries_free(v, cnt);
        return r == SQLITE_ROW ? yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory")
                               : dberr(s, err, "cannot list budgets");
    }
    *out = v;
    *n = cnt;
    return YU_OK;
}

/* ------------------------------------------------------------ load */

/* one of the loader's cached statements, bound to a budget id */
static int prep(yu_store *s, int q, sqlite3_stmt **st, int64_t id)
{
    if (*st)
        sqlite3_reset(*st);
    if (!(*st = stmt(s, q)))
        return -1;
    sqlite3_bind_int64(*st, 1, id);
    return 0;
}

/* the line items and prior of budget id from its block: 1 when there is one, 0 when not, -1 on a
   database error, -2 when it is damaged, -3 out of memory */
static int load_block(yu_store *s, int64_t id, yu_budget *b)
{
    sqlite3_stmt *st = NULL;
    if (prep(s, Q_LD_BLOCK, &st, id))
        return -1;
    int r = sqlite3_step(st), rc = 0;
    if (r == SQLITE_ROW) {
        int64_t n = sqlite3_column_int64(st, 0), np = sqlite3_column_int64(st, 1);
        const unsigned char *p = sqlite3_column_blob(st, 2);
        int64_t bytes = sqlite3_column_bytes(st, 2);
        yu__keydict *d = yu__keys_year(s, b->year);
        if (!d)
            rc = -1;
        else if (n < 0 || np < 0 || (size_t)n > b->cap_lines || (bytes && !p) || (size_t)n != b->cap_lines)
            rc = -2;
        else if ((rc = yu__block_decode(d, p, (size_t)bytes, (size_t)n, (size_t)np, b)) == 0)
            rc = 1;
        else
            rc = rc == -1 ? -2 : -3;
    } else if (r != SQLITE_DONE)
        rc = -1;
    sqlite3_reset(st);
    return rc;
}

void yu__line_row(sqlite3_stmt *st, yu_line *l)
{
    memset(l, 0, sizeof *l);
    l->func = (uint32_t)sqlite3_column_int64(st, 0);
    l->type = (uint8_t)sqlite3_column_int(st, 1);
    l->source = (uint8_t)sqlite3_column_int(st, 2);
    l->econ = (uint32_t)sqlite3_column_int64(st, 3);
    l->project = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
    l->jijian = (uint8_t)sqlite3_column_int(st, 5);
    l->amount = sqlite3_column_int64(st, 6);
}

/* Loads the budget with this id. */
static yu_status load_id(yu_store *s, int64_t id, yu_budget **out, yu_error *err)
{
    *out = NULL;
    yu_budget *b = yu_budget_new();
    if (!b)
        return yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory");
    sqlite3_stmt *st = NULL;
    int r, oom = 0;
    if (prep(s, Q_LD_BUDGET, &st, id))
        goto dbfail;
    if ((r = sqlite3_step(st)) != SQLITE_ROW) {
        sqlite3_reset(st);
        yu_budget_free(b);
        return r == SQLITE_DONE ? yu_error_set(err, YU_EMISSING, s->path, 0, 0, "no budget %lld", (long long)id)
                                : dberr(s, err, "cannot load");
    }
    b->name = col_dup(st, 0);
    b->code = col_dup(st, 1);
    b->dept_name = col_dup(st, 2);
    b->dept_code = col_dup(st, 3);
    b->parent_code = col_dup(st, 4);
    b->template_id = col_dup(st, 5);
    b->year = sqlite3_column_int(st, 6);
    b->input_scale = sqlite3_column_int64(st, 7);
    b->functions = col_dup(st, 8);
    b->organisation = col_dup(st, 9);
    b->has_sangong_prior = sqlite3_column_int(st, 10);
    int64_t nl = sqlite3_column_int64(st, 11);
    sqlite3_reset(st);
    st = NULL;
    if (nl > 0) {
        b->lines = malloc((size_t)nl * sizeof *b->lines);
        if (!b->lines)
            goto nomem;
        b->cap_lines = (size_t)nl;
    }
    if (prep(s, Q_LD_FUNDS, &st, id))
        goto dbfail;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int f = yu_fund_parse((const char *)sqlite3_column_text(st, 0));
        if (f >= 0) {
            b->funds[f] = sqlite3_column_int64(st, 1);
            if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
                b->funds_prior[f] = sqlite3_column_int64(st, 2);
                b->has_funds_prior = 1;
            }
        }
    }
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    int blk = load_block(s, id, b);
    if (blk == -2) {
        int year = b->year;
        sqlite3_reset(st);
        yu_budget_free(b);
        return yu_error_set(err, YU_EDB, s->path, 0, 0, "budget %lld: its line block is damaged "
                            "(expected budgets.nlines line items and line_blocks.nprior prior rows, "
                            "their key ids in the dictionary of year %d)", (long long)id, year);
    }
    if (blk == -3)
        goto nomem;
    if (blk < 0)
        goto dbfail;
    if (prep(s, Q_LD_LINES, &st, id))
        goto dbfail;
    r = SQLITE_DONE;
    while (!blk && (r = sqlite3_step(st)) == SQLITE_ROW) {
        yu_line l;
        yu__line_row(st, &l);
        if (yu_budget_add_line(b, &l))
            goto nomem;
    }
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    if (prep(s, Q_LD_PRIOR, &st, id))
        goto dbfail;
    while (!blk && (r = sqlite3_step(st)) == SQLITE_ROW) {
        yu_prior p = {(uint32_t)sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2)};
        if (yu_budget_add_prior(b, &p))
            goto nomem;
    }
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    if (prep(s, Q_LD_SANGONG, &st, id))
        goto dbfail;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int k = yu_sangong_parse((const char *)sqlite3_column_text(st, 0));
        if (k >= 0) {
            b->sangong[k] = sqlite3_column_int64(st, 1);
            b->sangong_prior[k] = sqlite3_column_int64(st, 2);
        }
    }
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    if (prep(s, Q_LD_PROC, &st, id))
        goto dbfail;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int k = yu_proc_parse((const char *)sqlite3_column_text(st, 0));
        if (k >= 0)
            b->procurement[k] = sqlite3_column_int64(st, 1);
    }
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    if (prep(s, Q_LD_ASSETS, &st, id))
        goto dbfail;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (yu_budget_add_asset(b, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                                sqlite3_column_int64(st, 2)))
            goto nomem;
        b->assets[b->nassets - 1].purchase = sqlite3_column_int64(st, 3);
    }
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    if (prep(s, Q_LD_PROJECTS, &st, id))
        goto dbfail;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        yu_project p;
        memset(&p, 0, sizeof p);
        p.id = (char *)sqlite3_column_text(st, 0);
        p.name = (char *)sqlite3_column_text(st, 1);
        p.department = (char *)sqlite3_column_text(st, 2);
        p.implementer = (char *)sqlite3_column_text(st, 3);
        p.goal = (char *)sqlite3_column_text(st, 4);
        p.publish = sqlite3_column_int(st, 5);
        p.exec_score = sqlite3_column_int(st, 6);
        for (int k = 0; k < 6; k++)
            p.text[k] = (char *)(sqlite3_column_text(st, 7 + k) ? sqlite3_column_text(st, 7 + k) : (const unsigned char *)"");
        /* the performance form's (v15; NULL: none) */
        for (int k = 0; k < YU_PROJECT_FORM_NTEXTS; k++) {
            const unsigned char *t = sqlite3_column_text(st, 13 + k);
            *yu_project_form_text(&p, k) = (char *)(t ? t : (const unsigned char *)"");
        }
        p.has_life = sqlite3_column_type(st, 18) != SQLITE_NULL;
        if (p.has_life) {
            p.life_total = sqlite3_column_int64(st, 18);
            p.life_fiscal = sqlite3_column_int64(st, 19);
            p.life_other = sqlite3_column_int64(st, 20);
        }
        if (yu_budget_add_project(b, &p))
            goto nomem;
    }
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    if (prep(s, Q_LD_INDICATORS, &st, id))
        goto dbfail;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        yu_indicator x;
        memset(&x, 0, sizeof x);
        x.project = sqlite3_column_int(st, 0);
        x.level1 = (char *)sqlite3_column_text(st, 1);
        x.level2 = (char *)sqlite3_column_text(st, 2);
        x.level3 = (char *)sqlite3_column_text(st, 3);
        x.value = (char *)sqlite3_column_text(st, 4);
        x.weight = sqlite3_column_int64(st, 5);
        x.line = sqlite3_column_int(st, 6);
        if (yu_budget_add_indicator(b, &x))
            goto nomem;
    }
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    if (prep(s, Q_LD_NOTES, &st, id))
        goto dbfail;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        if (yu_budget_add_note(b, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1)))
            goto nomem;
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    if (prep(s, Q_LD_MEMBERS, &st, id))
        goto dbfail;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int k = yu_unitkind_parse((const char *)sqlite3_column_text(st, 1));
        if (yu_budget_add_member(b, (const char *)sqlite3_column_text(st, 0), k < 0 ? YU_UK_OTHER : k))
            goto nomem;
    }
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    /* after the members: the counts of the facts stand (a budget stored before v11 has no members) */
    if (prep(s, Q_LD_FACTS, &st, id))
        goto dbfail;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        yu__store_fact_set(b, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
    if (r != SQLITE_DONE)
        goto dbfail;
    sqlite3_reset(st);
    st = NULL;
    int yr = yy_store_get_year(s->db, id, b); /* the rest of the year (store_year.c) */
    if (yr == -1)
        goto dbfail;
    if (yr == -2 || !b->name || !b->code)
        oom = 1;
    if (oom)
        goto nomem;
    *out = b;
    return YU_OK;
dbfail:
    sqlite3_reset(st);
    yu_budget_free(b);
    return dberr(s, err, "cannot load the budget");
nomem:
    sqlite3_reset(st);
    yu_budget_free(b);
    return yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory");
}

/* The id of (code, year, kind), -1 when absent, -2 on a database error. */
static int64_t budget_id(yu_store *s, const char *code, int year, int kind)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT b.id FROM budgets b JOIN units u ON u.id = b.unit_id "
                                  "WHERE u.code = ?1 AND b.year = ?2 AND b.kind = ?3",
                           -1, &st, NULL) != SQLITE_OK)
        return -2;
    bind_text(st, 1, code);
    sqlite3_bind_int(st, 2, year);
    bind_text(st, 3, yu_store_kind_key(kind));
    int r = sqlite3_step(st);
    int64_t id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : r == SQLITE_DONE ? -1 : -2;
    sqlite3_finalize(st);
    return id;
}

yu_status yu_store_load(yu_store *s, const char *code, int year, yu_store_kind kind, yu_budget **out, yu_error *err)
{
    *out = NULL;
    if (need_latest(s, err))
        return YU_EDB;
    int64_t id = budget_id(s, code, year, (int)kind);
    if (id == -2)
        return dberr(s, err, "cannot look up the budget");
    if (id < 0)
        return yu_error_set(err, YU_EMISSING, s->path, 0, 0, "no %s of unit %s for %d in the store (yusuan db list shows what is there)",
                            kind == YU_STORE_FINAL ? "final accounts" : "budget", code, year);
    return load_id(s, id, out, err);
}

/* ------------------------------------------------------------ export (yu_write_package: store_export.c) */

yu_status yu_store_export(yu_store *s, const char *code, int year, yu_store_kind kind, const char *dir,
                          yu_error *err)
{
    yu_budget *b;
    yu_status st = yu_store_load(s, code, year, kind, &b, err);
    if (st)
        return st;
    st = yu_write_package(b, dir, err);
    yu_budget_free(b);
    return st;
}

/* ------------------------------------------------------------ the tree */

/* tnode, tree: store_int.h */

static uint64_t shash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void tree_free(tree *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].code);
        free(t->v[i].name);
        free(t->v[i].parent);
        free(t->v[i].dept_code);
        free(t->v[i].dept_name);
    }
    free(t->v);
    free(t->hash);
}

static int32_t tree_find(const tree *t, const char *code)
{
    if (!code || !t->hash)
        return -1;
    for (size_t h = shash(code) & t->mask;; h = (h + 1) & t->mask) {
        int32_t k = t->hash[h];
        if (!k)
            return -1;
        if (!strcmp(t->v[k - 1].code, code))
            return k - 1;
    }
}

/* Loads units (all of them, or the subtree of `root`), resolving parents. */
static yu_status tree_load(yu_store *s, const char *root, tree *t, yu_error *err)
{
    memset(t, 0, sizeof *t);
    sqlite3_stmt *st;
    const char *sql = root ? "WITH RECURSIVE sub(code) AS (SELECT code FROM units WHERE code = ?1 "
                             "UNION SELECT u.code FROM units u JOIN sub ON u.parent_code = sub.code) "
                             "SELECT u.id, u.code, u.name, u.parent_code, u.dept_code, u.dept_name "
                             "FROM units u JOIN sub ON sub.code = u.code"
                           : "SELECT id, code, name, parent_code, dept_code, dept_name FROM units ORDER BY id";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return dberr(s, err, "cannot read the unit tree");
    if (root)
        bind_text(st, 1, root);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (t->n == t->cap) {
            size_t nc = t->cap ? t->cap * 2 : 256;
            tnode *nv = realloc(t->v, nc * sizeof *nv);
            if (!nv)
                break;
            t->v = nv;
            t->cap = nc;
        }
        tnode *x = &t->v[t->n++];
        x->id = sqlite3_column_int64(st, 0);
        x->code = col_dup(st, 1);
        x->name = col_dup(st, 2);
        x->parent = col_dup(st, 3);
        x->dept_code = col_dup(st, 4);
        x->dept_name = col_dup(st, 5);
        x->pidx = -1;
        if (!x->code) {
            r = SQLITE_NOMEM;
            break;
        }
        if (t->n > 50000000) {
            r = SQLITE_TOOBIG;
            break;
        }
    }
    sqlite3_finalize(st);
    if (r != SQLITE_DONE) {
        tree_free(t);
        return r == SQLITE_ROW || r == SQLITE_NOMEM ? yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory")
               : r == SQLITE_TOOBIG ? yu_error_set(err, YU_ELIMIT, s->path, 0, 0, "too many units (a cycle in parent codes?)")
                                    : dberr(s, err, "cannot read the unit tree");
    }
    size_t sz = 16;
    while (sz < t->n * 2)
        sz *= 2;
    t->hash = calloc(sz, sizeof *t->hash);
    if (!t->hash) {
        tree_free(t);
        return yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory");
    }
    t->mask = sz - 1;
    for (size_t i = 0; i < t->n; i++) {
        size_t h = shash(t->v[i].code) & t->mask;
        while (t->hash[h])
            h = (h + 1) & t->mask;
        t->hash[h] = (int32_t)i + 1;
    }
    for (size_t i = 0; i < t->n; i++) {
        if (root && !strcmp(t->v[i].code, root))
            continue;
        t->v[i].pidx = tree_find(t, t->v[i].parent);
        if (t->v[i].pidx == (int32_t)i)
            t->v[i].pidx = -1;
    }
    return YU_OK;
}

yu_status yu_store_refresh_closure(yu_store *s, int force, yu_error *err)
{
    if (need_latest(s, err))
        return YU_EDB;
    int own = !s->batch;
    if (own && exec(s, "BEGIN IMMEDIATE"))
        return dberr(s, err, "cannot start a transaction");
    sqlite3_stmt *st = NULL;
    int dirty = 1;
    if (!force && sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'closure_dirty'", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            dirty = sqlite3_column_int(st, 0) != 0;
        sqlite3_finalize(st);
        st = NULL;
    }
    if (!dirty) {
        if (own)
            exec(s, "COMMIT");
        return YU_OK;
    }
    tree t;
    yu_status rc = tree_load(s, NULL, &t, err);
    if (rc) {
        if (own)
            exec(s, "ROLLBACK");
        return rc;
    }
    if (exec(s, "DELETE FROM unit_closure") ||
        sqlite3_prepare_v2(s->db, "INSERT INTO unit_closure(unit, ancestor, depth) VALUES(?1, ?2, ?3)", -1, &st, NULL))
        goto fail;
    for (size_t i = 0; i < t.n; i++) {
        int32_t a = (int32_t)i;
        for (int depth = 0; a >= 0; depth++, a = t.v[a].pidx) {
            if ((size_t)depth > t.n) {
                sqlite3_finalize(st);
                yu_error_set(err, YU_EVALUE, s->path, 0, 0, "unit %s: its parent codes form a cycle", t.v[i].code);
                tree_free(&t);
                if (own)
                    exec(s, "ROLLBACK");
                return YU_EVALUE;
            }
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, t.v[i].id);
            sqlite3_bind_int64(st, 2, t.v[a].id);
            sqlite3_bind_int(st, 3, depth);
            if (sqlite3_step(st) != SQLITE_DONE)
                goto fail;
        }
    }
    sqlite3_finalize(st);
    st = NULL;
    if (exec(s, "UPDATE meta SET value = '0' WHERE key = 'closure_dirty'") || (own && exec(s, "COMMIT")))
        goto fail;
    tree_free(&t);
    return YU_OK;
fail:
    rc = dberr(s, err, "cannot rebuild unit_closure");
    sqlite3_finalize(st);
    tree_free(&t);
    if (own)
        exec(s, "ROLLBACK");
    return rc;
}

/* ------------------------------------------------------- report budget */

/* budget ids of a unit: its budget of `year` and its final accounts of year - 1 */
static int unit_budgets(yu_store *s, sqlite3_stmt *st, int64_t unit, int year, int64_t *bud, int64_t *fin)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, unit);
    sqlite3_bind_int(st, 2, year);
    *bud = *fin = -1;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 1);
        if (k && !strcmp(k, "budget") && sqlite3_column_int(st, 2) == year)
            *bud = sqlite3_column_int64(st, 0);
        else if (k && !strcmp(k, "final") && sqlite3_column_int(st, 2) == year - 1)
            *fin = sqlite3_column_int64(st, 0);
    }
    (void)s;
    return r == SQLITE_DONE ? 0 : -1;
}

yu_status yu_store_report_budget(yu_store *s, const char *code, int year, yu_budget **out, yu_elim_info *info,
                                 yu_warnings *w, yu_error *err)
{
    *out = NULL;
    if (info)
        memset(info, 0, sizeof *info);
    if (need_latest(s, err))
        return YU_EDB;
    tree t;
    yu_status rc = tree_load(s, code, &t, err);
    if (rc)
        return rc;
    if (!t.n) {
        tree_free(&t);
        return yu_error_set(err, YU_EMISSING, s->path, 0, 0, "no unit %s in the store (yusuan db list shows the units)", code);
    }
    /* a read transaction: one consistent snapshot */
    exec(s, "BEGIN");
    sqlite3_stmt *st = NULL;
    int64_t *bud = malloc(t.n * sizeof *bud), *fin = malloc(t.n * sizeof *fin);
    yu_budget **bb = calloc(t.n, sizeof *bb), **ff = calloc(t.n, sizeof *ff);
    yu_cons_node *nodes = calloc(t.n, sizeof *nodes);
    size_t nb = 0, rooti = 0;
    yu__kids kids = {NULL, NULL};
    int32_t *ord = NULL;
    if (!bud || !fin || !bb || !ff || !nodes) {
        rc = yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory");
        goto done;
    }
    if (sqlite3_prepare_v2(s->db, "SELECT id, kind, year FROM budgets WHERE unit_id = ?1 AND "
                                  "((year = ?2 AND kind = 'budget') OR (year = ?2 - 1 AND kind = 'final'))",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = dberr(s, err, "cannot look up budgets");
        goto done;
    }
    for (size_t i = 0; i < t.n; i++) {
        if (unit_budgets(s, st, t.v[i].id, year, &bud[i], &fin[i])) {
            rc = dberr(s, err, "cannot look up budgets");
            goto done;
        }
        nb += bud[i] >= 0;
        if (!strcmp(t.v[i].code, code))
            rooti = i;
    }
    if (!nb) {
        rc = yu_error_set(err, YU_EMISSING, s->path, 0, 0, "no budget for %d of unit %s or of any unit below it", year, code);
        goto done;
    }
    if (nb == 1 && bud[rooti] >= 0) {
        /* a unit alone: as stored, with the prior year's execution from its final accounts */
        if ((rc = load_id(s, bud[rooti], &bb[rooti], err)))
            goto done;
        if (fin[rooti] >= 0) {
            if ((rc = load_id(s, fin[rooti], &ff[rooti], err)))
                goto done;
            if (yu_prior_from_final(bb[rooti], ff[rooti])) {
                rc = yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory");
                goto done;
            }
        }
        if (info)
            info->nunits = 1;
        *out = bb[rooti];
        bb[rooti] = NULL;
        goto done;
    }
    for (size_t i = 0; i < t.n; i++) {
        if (bud[i] >= 0 && (rc = load_id(s, bud[i], &bb[i], err)))
            goto done;
        if (bud[i] >= 0 && fin[i] >= 0 && (rc = load_id(s, fin[i], &ff[i], err)))
            goto done;
    }
    /* the subtree in its canonical order (yu__subtree_order), as report --all has it */
    t.v[rooti].pidx = -1;
    if (yu__kids_build(&t, &kids) || !(ord = malloc(4 * t.n * sizeof *ord))) {
        rc = yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory");
        goto done;
    }
    size_t m = yu__subtree_order(&t, &kids, (int32_t)rooti, ord, ord + t.n, ord + 2 * t.n, ord + 3 * t.n);
    for (size_t k = 0; k < m; k++) {
        size_t i = (size_t)ord[k];
        nodes[k].code = t.v[i].code;
        nodes[k].name = t.v[i].name;
        nodes[k].dept_code = t.v[i].dept_code;
        nodes[k].dept_name = t.v[i].dept_name;
        nodes[k].parent = ord[t.n + k];
        nodes[k].b = bb[i];
        nodes[k].final_prev = ff[i];
    }
    rc = yu_consolidate(nodes, m, out, info, w, err);
done:
    yu__kids_free(&kids);
    free(ord);
    sqlite3_finalize(st);
    exec(s, "COMMIT");
    for (size_t i = 0; i < t.n; i++) {
        if (bb)
            yu_budget_free(bb[i]);
        if (ff)
            yu_budget_free(ff[i]);
    }
    free(bud);
    free(fin);
    free(bb);
    free(ff);
    free(nodes);
    tree_free(&t);
    return rc;
}

/* ------------------------------------------------------ published documents */

yu_status yu_store_import_doc(yu_store *s, const yu_doc *d, const yu_findings *fs, const char *origin,
                              int tables_found, yu_error *err)
{
    return yu_store_import_doc_hash(s, d, fs, origin, NULL, tables_found, err);
}

yu_status yu_store_import_doc_hash(yu_store *s, const yu_doc *d, const yu_findings *fs, const char *origin,
                                   const char *content_hash, int tables_found, yu_error *err)
{
    if (need_latest(s, err))
        return YU_EDB;
    if (s->batch)
        return yu_error_set(err, YU_EUSAGE, s->path, 0, 0, "a transaction is already open");
    if (exec(s, "BEGIN IMMEDIATE"))
        return dberr(s, err, "cannot start a transaction");
    if (content_hash) {
        /* the same content under another name is the same document */
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(s->db, "SELECT origin FROM documents WHERE content_hash = ?1 AND origin <> ?2", -1, &q,
                               NULL) != SQLITE_OK) {
            yu_status st = dberr(s, err, "cannot look up the document");
            exec(s, "ROLLBACK");
            return st;
        }
        bind_text(q, 1, content_hash);
        bind_text(q, 2, origin);
        char *was = sqlite3_step(q) == SQLITE_ROW ? col_dup(q, 0) : NULL;
        sqlite3_finalize(q);
        if (was) {
            yu_error_set(err, YU_EDUP, origin, 0, 0, "the same document is already kept as %s: not stored again", was);
            free(was);
            exec(s, "ROLLBACK");
            return YU_EDUP;
        }
    }
    static const char *const sql[] = {
        /* an earlier import of the same file is replaced */
        "DELETE FROM doc_cells WHERE document_id IN (SELECT id FROM documents WHERE origin = ?1)",
        "DELETE FROM doc_findings WHERE document_id IN (SELECT id FROM documents WHERE origin = ?1)",
        "DELETE FROM documents WHERE origin = ?1",
        "INSERT INTO documents(origin, unit_name, year, template, decimals, money_unit, tables_found,"
        " tables_expected, errors, missing, imported_at, content_hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
        " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?11)",
        "INSERT INTO doc_cells(document_id, table_id, row, code, row_key, col, value, text, fen)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        "INSERT INTO doc_findings(document_id, seq, rule, severity, table_id, row, col, page, line, got, want, message,"
        " fen) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    };
    sqlite3_stmt *st[6] = {0};
    int bad = 0;
    for (int i = 0; i < 6 && !bad; i++)
        bad = sqlite3_prepare_v2(s->db, sql[i], -1, &st[i], NULL) != SQLITE_OK;
    for (int i = 0; i < 3 && !bad; i++) {
        bind_text(st[i], 1, origin);
        bad = step_done(st[i]);
    }
    if (!bad) {
        bind_text(st[3], 1, origin);
        bind_text(st[3], 2, d->b ? d->b->name : NULL);
        sqlite3_bind_int(st[3], 3, d->b ? d->b->year : 0);
        bind_text(st[3], 4, d->L->id);
        sqlite3_bind_int(st[3], 5, d->decimals);
        bind_text(st[3], 6, d->unit_label);
        sqlite3_bind_int(st[3], 7, tables_found);
        sqlite3_bind_int(st[3], 8, (int)d->L->ntables);
        sqlite3_bind_int(st[3], 9, (int)yu_findings_count(fs, YU_SEV_ERROR));
        sqlite3_bind_int(st[3], 10, (int)yu_findings_count(fs, YU_SEV_MISSING));
        bind_text(st[3], 11, content_hash);
        bad = step_done(st[3]);
    }
    sqlite3_int64 id = sqlite3_last_insert_rowid(s->db);
    int too_large = 0;
    for (size_t t = 0; t < d->ntables && !bad && !too_large; t++) {
        const yu_table *T = &d->tables[t];
        for (size_t i = 0; i < T->nrows && !bad && !too_large; i++) {
            const yu_row *row = &T->rows[i];
            for (size_t c = 0; c < T->lt->ncols && !bad && !too_large; c++) {
                const yu_cell *cell = &row->cells[c];
                if (cell->kind == YU_CELL_EMPTY)
                    continue;
                sqlite3_reset(st[4]);
                sqlite3_bind_int64(st[4], 1, id);
                bind_text(st[4], 2, T->lt->id);
                sqlite3_bind_int(st[4], 3, (int)i);
                bind_text(st[4], 4, row->code[0] ? row->code : NULL);
                bind_text(st[4], 5, row->key[0] ? row->key[0] : row->key[1]);
                bind_text(st[4], 6, T->lt->cols[c].key);
                sqlite3_bind_null(st[4], 9);
                if (cell->kind == YU_CELL_TEXT) {
                    sqlite3_bind_null(st[4], 7);
                    bind_text(st[4], 8, cell->text);
                } else if (cell->kind == YU_CELL_MONEY) {
                    /* exact in fen (a table finer than the document loses nothing), and
                     * in the document's unit (documents.money_unit) as before */
                    int64_t fen;
                    if (__builtin_mul_overflow(cell->v, T->unit_fen > 0 ? T->unit_fen : 1, &fen)) {
                        too_large = 1;
                        continue;
                    }
                    sqlite3_bind_int64(st[4], 7, yu__in_doc_units(d, T, cell->v));
                    sqlite3_bind_null(st[4], 8);
                    sqlite3_bind_int64(st[4], 9, fen);
                } else {
                    sqlite3_bind_int64(st[4], 7, cell->v);
                    sqlite3_bind_null(st[4], 8);
                }
                bad = step_done(st[4]);
            }
        }
    }
    for (size_t i = 0; fs && i < fs->n && !bad && !too_large; i++) {
        const yu_finding *f = &fs->f[i];
        sqlite3_reset(st[5]);
        sqlite3_bind_int64(st[5], 1, id);
        sqlite3_bind_int(st[5], 2, (int)i);
        bind_text(st[5], 3, f->rule);
        bind_text(st[5], 4, yu_severity_name(f->sev));
        bind_text(st[5], 5, f->table);
        bind_text(st[5], 6, f->row);
        bind_text(st[5], 7, f->col);
        sqlite3_bind_int(st[5], 8, f->page);
        sqlite3_bind_int(st[5], 9, f->line);
        sqlite3_bind_int64(st[5], 10, f->got);
        sqlite3_bind_int64(st[5], 11, f->want);
        bind_text(st[5], 12, f->msg);
        if (f->fen > 0)
            sqlite3_bind_int64(st[5], 13, f->fen);
        else
            sqlite3_bind_null(st[5], 13);
        bad = step_done(st[5]);
    }
    yu_status r = bad          ? dberr(s, err, "cannot keep the document")
                  : too_large ? yu_error_set(err, YU_ELIMIT, origin, 0, 0, "a figure of the document is too large to keep in 分")
                              : YU_OK;
    for (int i = 0; i < 6; i++)
        sqlite3_finalize(st[i]);
    if (!r && exec(s, "COMMIT"))
        r = dberr(s, err, "cannot commit");
    if (r)
        exec(s, "ROLLBACK");
    return r;
}

yu_status yu_store_docs(yu_store *s, yu_store_doc **out, size_t *n, yu_error *err)
{
    *out = NULL;
    *n = 0;
    if (need_latest(s, err))
        return YU_EDB;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT origin, coalesce(unit_name, ''), template, year, tables_found, tables_expected,"
                           " errors, missing FROM documents ORDER BY year, origin",
                           -1, &st, NULL) != SQLITE_OK)
        return dberr(s, err, "cannot list the documents");
    yu_store_doc *v = NULL;
    size_t cnt = 0, cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (cnt == cap) {
            size_t nc = cap ? cap * 2 : 16;
            yu_store_doc *nv = realloc(v, nc * sizeof *nv);
            if (!nv)
                break;
            v = nv;
            cap = nc;
        }
        yu_store_doc *x = &v[cnt++];
        x->origin = col_dup(st, 0);
        x->unit_name = col_dup(st, 1);
        x->template_id = col_dup(st, 2);
        x->year = sqlite3_column_int(st, 3);
        x->tables_found = sqlite3_column_int(st, 4);
        x->tables_expected = sqlite3_column_int(st, 5);
        x->errors = sqlite3_column_int(st, 6);
        x->missing = sqlite3_column_int(st, 7);
    }
    sqlite3_finalize(st);
    if (r != SQLITE_DONE) {
        yu_store_docs_free(v, cnt);
        return r == SQLITE_ROW ? yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory")
                               : dberr(s, err, "cannot list the documents");
    }
    *out = v;
    *n = cnt;
    return YU_OK;
}

void yu_store_docs_free(yu_store_doc *d, size_t n)
{
    for (size_t i = 0; d && i < n; i++) {
        free(d[i].origin);
        free(d[i].unit_name);
        free(d[i].template_id);
    }
    free(d);
}

/* 分 per display unit of a document kept: its money unit and decimals (store_int.h) */
int64_t yu__doc_unit_fen(const char *unit, int decimals)
{
    int64_t yuan = !strcmp(unit, "万元") ? 10000 : !strcmp(unit, "千元") ? 1000 : !strcmp(unit, "亿元") ? 100000000 : 1;
    int64_t f = yuan * 100;
    for (int i = 0; i < decimals && f % 10 == 0; i++)
        f /= 10;
    return f;
}

yu_status yu_store_doc_cell(yu_store *s, const char *unit_name, int year, const char *template_id, const char *table,
                            const char *row, const char *col, int *found, int64_t *fen, char **origin, yu_error *err)
{
    *found = 0;
    *fen = 0;
    if (origin)
        *origin = NULL;
    if (need_latest(s, err))
        return YU_EDB;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT c.fen, d.origin FROM doc_cells c"
                           " JOIN documents d ON d.id = c.document_id"
                           " WHERE d.unit_name = ?1 AND d.year = ?2 AND d.template = ?3 AND c.table_id = ?4"
                           " AND (c.row_key = ?5 OR c.code = ?5) AND c.col = ?6"
                           " ORDER BY d.imported_at DESC, d.id DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return dberr(s, err, "cannot read the documents kept");
    sqlite3_bind_text(st, 1, unit_name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_text(st, 3, template_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, row, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, col, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    yu_status rc = YU_OK;
    if (r == SQLITE_ROW) {
        /* a money cell: kept exact in 分 (doc_cells.fen, schema v14) */
        if (sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
            *fen = sqlite3_column_int64(st, 0);
            *found = 1;
            if (origin) {
                const unsigned char *o = sqlite3_column_text(st, 1);
                *origin = yu_strdup(o ? (const char *)o : "");
                if (!*origin)
                    rc = yu_error_set(err, YU_ENOMEM, s->path, 0, 0, "out of memory");
            }
        }
    } else if (r != SQLITE_DONE)
        rc = dberr(s, err, "cannot read the documents kept");
    sqlite3_finalize(st);
    return rc;
}

/* ---- for store_all.c, store_admin.c, store_schema.c, store_import.c (store_int.h) ---- */

yu_status yu__tree_load(yu_store *s, const char *root, tree *t, yu_error *err) { return tree_load(s, root, t, err); }
void yu__tree_free(tree *t) { tree_free(t); }
yu_status yu__load_id(yu_store *s, int64_t id, yu_budget **out, yu_error *err) { return load_id(s, id, out, err); }
yu_status yu__need_latest(yu_store *s, yu_error *err) { return need_latest(s, err); }
void *yu__sqlite(yu_store *s) { return s->db; }
yu_status yu__dberr(yu_store *s, yu_error *err, const char *what) { return dberr(s, err, what); }
int32_t yu__tree_find(const tree *t, const char *code) { return tree_find(t, code); }
const char *yu__path(yu_store *s) { return s->path; }
sqlite3_stmt *st_stmt(yu_store *s, int i) { return stmt(s, i); }
int st_exec(yu_store *s, const char *sql) { return exec(s, sql); }
void st_bind_text(sqlite3_stmt *st, int i, const char *v) { bind_text(st, i, v); }
char *st_col_dup(sqlite3_stmt *st, int i) { return col_dup(st, i); }
int st_step_done(sqlite3_stmt *st) { return step_done(st); }
