/* Storing a budget: the unit tree's nodes, and a budget with all its rows (docs/store.md).
 * Split from store.c; the internals shared with it are in store_int.h. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sqlite3.h>
#include "yusuan/store.h"
#include "internal.h"
#include "year_internal.h"
#include "store_blocks.h"
#include "store_int.h"

/* ------------------------------------------------------------ import */

/* Creates or updates a unit row. parent: explicit (NULL: keep the existing
 * parent, or `fallback` for a new unit). */
static int put_unit(yu_store *s, const char *code, const char *name, const char *parent, const char *fallback,
                    const char *dept_code, const char *dept_name, const char *kind)
{
    sqlite3_stmt *st = st_stmt(s, Q_UNIT_GET);
    if (!st)
        return -1;
    st_bind_text(st, 1, code);
    int r = sqlite3_step(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return -1;
    int exists = r == SQLITE_ROW;
    char *old = exists ? st_col_dup(st, 0) : NULL;
    sqlite3_reset(st);
    const char *p = parent ? parent : exists && old ? old : fallback;
    st = st_stmt(s, exists ? Q_UNIT_UPD : Q_UNIT_INS);
    if (!st) {
        free(old);
        return -1;
    }
    st_bind_text(st, 1, code);
    st_bind_text(st, 2, name ? name : code);
    st_bind_text(st, 3, p);
    st_bind_text(st, 4, dept_code);
    st_bind_text(st, 5, dept_name);
    st_bind_text(st, 6, kind);
    r = st_step_done(st);
    free(old);
    return r;
}

/* Refuses `parent` for `code` when it is the unit itself or one of its
 * descendants (the tree would have a cycle).  A stored tree that already
 * has one is cut after a bounded number of steps. */
static yu_status check_parent(yu_store *s, const char *code, const char *parent, yu_error *err)
{
    if (!parent)
        return YU_OK;
    char *cur = yu_strdup(parent);
    for (int depth = 0; cur && depth < 4096; depth++) {
        if (!strcmp(cur, code)) {
            yu_status st = !strcmp(parent, code)
                               ? yu_error_set(err, YU_EVALUE, s->path, 0, 0,
                                              "unit %s names itself as its parent (上级单位): a unit cannot be its own parent",
                                              code)
                               : yu_error_set(err, YU_EVALUE, s->path, 0, 0,
                                              "unit %s cannot be placed under %s: %s is already below %s "
                                              "(two units cannot be each other's parents)",
                                              code, parent, parent, code);
            free(cur);
            return st;
        }
        sqlite3_stmt *st = st_stmt(s, Q_UNIT_GET);
        if (!st) {
            free(cur);
            return yu__dberr(s, err, "cannot read the unit tree");
        }
        st_bind_text(st, 1, cur);
        char *up = sqlite3_step(st) == SQLITE_ROW ? st_col_dup(st, 0) : NULL;
        sqlite3_reset(st);
        free(cur);
        cur = up;
    }
    free(cur);
    return YU_OK;
}

yu_status yu_store_put_node(yu_store *s, const char *code, const char *name, const char *parent_code,
                            const char *kind, yu_error *err)
{
    if (yu__need_latest(s, err))
        return YU_EDB;
    if (!code || !*code)
        return yu_error_set(err, YU_EUSAGE, s->path, 0, 0, "a node needs a code");
    if (!kind || (strcmp(kind, "region") && strcmp(kind, "department") && strcmp(kind, "unit")))
        return yu_error_set(err, YU_EUSAGE, s->path, 0, 0, "node kind '%s': expected region, department or unit",
                            kind ? kind : "");
    yu_status cst = check_parent(s, code, parent_code, err);
    if (cst)
        return cst;
    int own = !s->batch;
    if (own && st_exec(s, "BEGIN IMMEDIATE"))
        return yu__dberr(s, err, "cannot start a transaction");
    const char *dc = !strcmp(kind, "department") ? code : NULL, *dn = !strcmp(kind, "department") ? name : NULL;
    if (put_unit(s, code, name, parent_code, NULL, dc, dn, kind) || st_step_done(st_stmt(s, Q_DIRTY)) ||
        (own && st_exec(s, "COMMIT"))) {
        yu_status st = yu__dberr(s, err, "cannot store the node");
        if (own)
            st_exec(s, "ROLLBACK");
        return st;
    }
    return YU_OK;
}

static int64_t unit_id(yu_store *s, const char *code)
{
    sqlite3_stmt *st = st_stmt(s, Q_UNIT_ID);
    if (!st)
        return -1;
    st_bind_text(st, 1, code);
    int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return id;
}

static const char *const fact_keys[] = {"has_funds_prior", "has_proc_sme", "proc_sme", "proc_sme_small", "has_units",
                                        "units_admin", "units_cangong", "units_inst", "units_other", "has_perf",
                                        "perf_units", "perf_projects", "perf_funds", "assets_date", "has_purchases",
                                        "perf_computed"};

int yu__store_fact_get(const yu_budget *b, size_t i, const char **key, int64_t *v)
{
    if (i >= sizeof fact_keys / sizeof *fact_keys)
        return 0;
    *key = fact_keys[i];
    const int64_t vals[] = {b->has_funds_prior, b->has_proc_sme, b->proc_sme, b->proc_sme_small, b->has_units,
                            b->unit_kinds[YU_UK_ADMIN], b->unit_kinds[YU_UK_CANGONG], b->unit_kinds[YU_UK_INST],
                            b->unit_kinds[YU_UK_OTHER], b->has_perf, b->perf_units, b->perf_projects, b->perf_funds,
                            b->assets_date, b->has_purchases, b->perf_computed};
    *v = vals[i];
    return 1;
}

void yu__store_fact_set(yu_budget *b, const char *key, int64_t v)
{
    int *flags[] = {&b->has_funds_prior, &b->has_proc_sme, NULL, NULL, &b->has_units, NULL, NULL, NULL, NULL,
                    &b->has_perf, NULL, NULL, NULL, &b->assets_date, &b->has_purchases, &b->perf_computed};
    int64_t *nums[] = {NULL, NULL, &b->proc_sme, &b->proc_sme_small, NULL, &b->unit_kinds[YU_UK_ADMIN],
                       &b->unit_kinds[YU_UK_CANGONG], &b->unit_kinds[YU_UK_INST], &b->unit_kinds[YU_UK_OTHER], NULL,
                       &b->perf_units, &b->perf_projects, &b->perf_funds, NULL, NULL, NULL};
    for (size_t i = 0; i < sizeof fact_keys / sizeof *fact_keys; i++)
        if (!strcmp(key, fact_keys[i])) {
            if (flags[i])
                *flags[i] = (int)v;
            else
                *nums[i] = v;
        }
}

static int del_budget(yu_store *s, int64_t id)
{
    if (yy_store_del_year(s->db, id)) /* the year's rows (store_year.c) */
        return -1;
    static const int dels[] = {Q_DEL_FUNDS, Q_DEL_LINES, Q_DEL_PRIOR, Q_DEL_SANGONG, Q_DEL_PROC, Q_DEL_ASSETS,
                               Q_DEL_PROJECTS, Q_DEL_INDICATORS, Q_DEL_NOTES, Q_DEL_BLOCK, Q_DEL_FACTS, Q_DEL_MEMBERS, Q_BUDGET_DEL};
    for (size_t i = 0; i < sizeof dels / sizeof *dels; i++) {
        sqlite3_stmt *st = st_stmt(s, dels[i]);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, id);
        if (st_step_done(st))
            return -1;
    }
    return 0;
}

static int import_rows(yu_store *s, const yu_budget *b, yu_store_kind kind, const char *origin)
{
    const char *dept_parent = b->dept_code && b->code && strcmp(b->dept_code, b->code) ? b->dept_code : NULL;
    if (!b->parent_code && dept_parent) {
        sqlite3_stmt *st = st_stmt(s, Q_DEPT_INS);
        if (!st)
            return -1;
        st_bind_text(st, 1, b->dept_code);
        st_bind_text(st, 2, b->dept_name ? b->dept_name : b->dept_code);
        if (st_step_done(st))
            return -1;
    }
    if (put_unit(s, b->code, b->name, b->parent_code, dept_parent, b->dept_code, b->dept_name, "unit"))
        return -1;
    int64_t uid = unit_id(s, b->code);
    if (uid < 0)
        return -1;
    sqlite3_stmt *st = st_stmt(s, Q_BUDGET_FIND);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, uid);
    sqlite3_bind_int(st, 2, b->year);
    st_bind_text(st, 3, yu_store_kind_key(kind));
    int r = sqlite3_step(st);
    int64_t old = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return -1;
    if (old >= 0 && del_budget(s, old))
        return -1;
    yu_money total = 0;
    for (size_t i = 0; i < b->nlines; i++)
        total += b->lines[i].amount;
    st = st_stmt(s, Q_BUDGET_INS);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, uid);
    sqlite3_bind_int(st, 2, b->year);
    st_bind_text(st, 3, yu_store_kind_key(kind));
    st_bind_text(st, 4, b->name ? b->name : b->code);
    st_bind_text(st, 5, b->code);
    st_bind_text(st, 6, b->dept_name);
    st_bind_text(st, 7, b->dept_code);
    st_bind_text(st, 8, b->parent_code);
    st_bind_text(st, 9, b->template_id);
    sqlite3_bind_int64(st, 10, b->input_scale);
    st_bind_text(st, 11, b->functions);
    st_bind_text(st, 12, b->organisation);
    sqlite3_bind_int(st, 13, b->has_sangong_prior != 0);
    sqlite3_bind_int64(st, 14, (sqlite3_int64)b->nlines);
    sqlite3_bind_int64(st, 15, total);
    st_bind_text(st, 16, origin);
    sqlite3_bind_int64(st, 17, (sqlite3_int64)b->nprior);
    if (st_step_done(st))
        return -1;
    int64_t bid = sqlite3_last_insert_rowid(s->db);

    for (int f = 0; f < YU_F_COUNT; f++) {
        if (!b->funds[f] && !b->funds_prior[f])
            continue;
        if (!(st = st_stmt(s, Q_INS_FUND)))
            return -1;
        sqlite3_bind_int64(st, 1, bid);
        sqlite3_bind_text(st, 2, yu_fund_key(f), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, b->funds[f]);
        if (b->has_funds_prior)
            sqlite3_bind_int64(st, 4, b->funds_prior[f]);
        else
            sqlite3_bind_null(st, 4);
        if (st_step_done(st))
            return -1;
    }
    const char *fk;
    int64_t fv;
    for (size_t i = 0; yu__store_fact_get(b, i, &fk, &fv); i++) {
        if (!fv)
            continue;
        if (!(st = st_stmt(s, Q_INS_FACT)))
            return -1;
        sqlite3_bind_int64(st, 1, bid);
        sqlite3_bind_text(st, 2, fk, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, fv);
        if (st_step_done(st))
            return -1;
    }
    for (size_t i = 0; i < b->nmembers; i++) { /* units.csv (v11) */
        if (!(st = st_stmt(s, Q_INS_MEMBER)))
            return -1;
        sqlite3_bind_int64(st, 1, bid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        st_bind_text(st, 3, b->members[i].name);
        sqlite3_bind_text(st, 4, yu_unitkind_key(b->members[i].kind), -1, SQLITE_STATIC);
        if (st_step_done(st))
            return -1;
    }
    /* the block first (new keys of the year's dictionary with it): a crash in the rows below leaves
       neither (tests/unit/test_store.c) */
    if (yu__block_put(s, bid, b))
        return -1;
    long stop = s->abort_after - 1;
    if (!(st = st_stmt(s, Q_INS_LINE)))
        return -1;
    sqlite3_bind_int64(st, 1, bid);
    for (size_t i = 0; i < b->nlines; i++) {
        const yu_line *l = &b->lines[i];
        if (stop >= 0 && (long)i == stop)
            abort(); /* test hook: a crash in the middle of the transaction */
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, l->func);
        sqlite3_bind_int(st, 4, l->type);
        sqlite3_bind_int(st, 5, l->source);
        sqlite3_bind_int64(st, 6, l->econ);
        if (l->project >= 0)
            sqlite3_bind_int(st, 7, l->project);
        else
            sqlite3_bind_null(st, 7);
        sqlite3_bind_int(st, 8, l->jijian);
        sqlite3_bind_int64(st, 9, l->amount);
        if (st_step_done(st))
            return -1;
        sqlite3_reset(st);
    }
    for (size_t i = 0; i < b->nprior; i++) {
        if (!(st = st_stmt(s, Q_INS_PRIOR)))
            return -1;
        sqlite3_bind_int64(st, 1, bid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, b->prior[i].func);
        sqlite3_bind_int64(st, 4, b->prior[i].executed);
        sqlite3_bind_int64(st, 5, b->prior[i].executed_ex);
        if (st_step_done(st))
            return -1;
    }
    int any_sg = b->has_sangong_prior;
    for (int k = 0; k < YU_SG_COUNT; k++)
        any_sg |= b->sangong[k] != 0 || b->sangong_prior[k] != 0;
    for (int k = 0; any_sg && k < YU_SG_COUNT; k++) {
        if (!(st = st_stmt(s, Q_INS_SANGONG)))
            return -1;
        sqlite3_bind_int64(st, 1, bid);
        sqlite3_bind_text(st, 2, yu_sangong_key(k), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, b->sangong[k]);
        sqlite3_bind_int64(st, 4, b->sangong_prior[k]);
        if (st_step_done(st))
            return -1;
    }
    for (int k = 0; k < YU_P_COUNT; k++) {
        if (!b->procurement[k])
            continue;
        if (!(st = st_stmt(s, Q_INS_PROC)))
            return -1;
        sqlite3_bind_int64(st, 1, bid);
        sqlite3_bind_text(st, 2, yu_proc_key(k), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, b->procurement[k]);
        if (st_step_done(st))
            return -1;
    }
    for (size_t i = 0; i < b->nassets; i++) {
        if (!(st = st_stmt(s, Q_INS_ASSET)))
            return -1;
        sqlite3_bind_int64(st, 1, bid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        st_bind_text(st, 3, b->assets[i].category);
        st_bind_text(st, 4, b->assets[i].name);
        sqlite3_bind_int64(st, 5, b->assets[i].count);
        sqlite3_bind_int64(st, 6, b->assets[i].purchase);
        if (st_step_done(st))
            return -1;
    }
    for (size_t i = 0; i < b->nprojects; i++) {
        const yu_project *p = &b->projects[i];
        if (!(st = st_stmt(s, Q_INS_PROJECT)))
            return -1;
        sqlite3_bind_int64(st, 1, bid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        st_bind_text(st, 3, p->id);
        st_bind_text(st, 4, p->name);
        st_bind_text(st, 5, p->department ? p->department : "");
        st_bind_text(st, 6, p->implementer ? p->implementer : "");
        st_bind_text(st, 7, p->goal ? p->goal : "");
        sqlite3_bind_int(st, 8, p->publish);
        sqlite3_bind_int(st, 9, p->exec_score);
        for (int k = 0; k < 6; k++)
            st_bind_text(st, 10 + k, p->text[k] ? p->text[k] : "");
        for (int k = 0; k < YU_PROJECT_FORM_NTEXTS; k++) {
            const char *t = *yu_project_form_text((yu_project *)p, k);
            st_bind_text(st, 16 + k, t ? t : "");
        }
        for (int k = 0; k < 3; k++) {
            yu_money v = k == 0 ? p->life_total : k == 1 ? p->life_fiscal : p->life_other;
            if (p->has_life)
                sqlite3_bind_int64(st, 21 + k, v);
            else
                sqlite3_bind_null(st, 21 + k);
        }
        if (st_step_done(st))
            return -1;
    }
    for (size_t i = 0; i < b->nindicators; i++) {
        const yu_indicator *x = &b->indicators[i];
        if (!(st = st_stmt(s, Q_INS_INDICATOR)))
            return -1;
        sqlite3_bind_int64(st, 1, bid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int(st, 3, x->project);
        st_bind_text(st, 4, x->level1 ? x->level1 : "");
        st_bind_text(st, 5, x->level2 ? x->level2 : "");
        st_bind_text(st, 6, x->level3 ? x->level3 : "");
        st_bind_text(st, 7, x->value ? x->value : "");
        sqlite3_bind_int64(st, 8, x->weight);
        sqlite3_bind_int(st, 9, x->line);
        if (st_step_done(st))
            return -1;
    }
    for (size_t i = 0; i < b->nnotes; i++) {
        if (!(st = st_stmt(s, Q_INS_NOTE)))
            return -1;
        sqlite3_bind_int64(st, 1, bid);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        st_bind_text(st, 3, b->notes[i].key);
        st_bind_text(st, 4, b->notes[i].text);
        if (st_step_done(st))
            return -1;
    }
    if (yy_store_put_year(s->db, bid, b)) /* the rest of the year (store_year.c) */
        return -1;
    return st_step_done(st_stmt(s, Q_DIRTY));
}

yu_status yu_store_import(yu_store *s, const yu_budget *b, yu_store_kind kind, const char *origin, yu_error *err)
{
    if (yu__need_latest(s, err))
        return YU_EDB;
    if (!b->code || !*b->code || b->year <= 0)
        return yu_error_set(err, YU_EUSAGE, origin, 0, 0, "a budget needs a unit code and a year to be stored");
    if (!yu_store_kind_key((int)kind))
        return yu_error_set(err, YU_EUSAGE, origin, 0, 0, "unknown kind %d: expected budget or final", (int)kind);
    {
        /* the parent the unit will have: named, or its department's node for a new unit */
        const char *dp = b->dept_code && strcmp(b->dept_code, b->code) ? b->dept_code : NULL;
        yu_status cst = check_parent(s, b->code, b->parent_code ? b->parent_code : unit_id(s, b->code) < 0 ? dp : NULL,
                                     err);
        if (cst) {
            if (origin && err && cst != YU_EDB) {
                char m[sizeof err->msg];
                snprintf(m, sizeof m, "%s", err->msg);
                yu_error_set(err, cst, origin, 0, 0, "%s; nothing was stored", m);
            }
            return cst;
        }
    }
    if (s->batch) {
        /* inside a batch: a savepoint keeps a failed import from leaving half of itself */
        if (st_exec(s, "SAVEPOINT yu_import"))
            return yu__dberr(s, err, "cannot start the import");
        if (import_rows(s, b, kind, origin)) {
            yu_status st = yu__dberr(s, err, "import failed");
            st_exec(s, "ROLLBACK TO yu_import; RELEASE yu_import");
            yu__keys_forget(s); /* keys it added are gone */
            return st;
        }
        if (st_exec(s, "RELEASE yu_import"))
            return yu__dberr(s, err, "import failed");
        return YU_OK;
    }
    if (st_exec(s, "BEGIN IMMEDIATE"))
        return yu__dberr(s, err, "cannot start the import (is another process writing?)");
    if (import_rows(s, b, kind, origin) || st_exec(s, "COMMIT")) {
        char msg[600];
        snprintf(msg, sizeof msg, "import of %s %d failed, nothing was changed", b->code, b->year);
        yu_status st = yu__dberr(s, err, msg);
        st_exec(s, "ROLLBACK");
        yu__keys_forget(s); /* keys it added are gone */
        return st;
    }
    return YU_OK;
}

