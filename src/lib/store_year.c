/* The rest of the year in the store (docs/store.md, docs/year.md): a stored
 * budget keeps its adjustments, payments, 决算 figures and self-evaluation
 * (schema v8 tables year_adjustments, year_payments, year_final,
 * year_selfeval), written with the budget in its import transaction, loaded
 * back with it and exported as the package's year files. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sqlite3.h>
#include "yusuan/year.h"
#include "yusuan/store.h"
#include "year_internal.h"

const char yy_store_m6_sql[] =
    "CREATE TABLE year_adjustments(budget_id INTEGER NOT NULL, seq INTEGER NOT NULL, date INTEGER NOT NULL,"
    " kind INTEGER NOT NULL, func INTEGER NOT NULL, type INTEGER NOT NULL, source INTEGER NOT NULL,"
    " econ INTEGER NOT NULL, project INTEGER, amount INTEGER NOT NULL, reason TEXT NOT NULL,"
    " PRIMARY KEY(budget_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE year_payments(budget_id INTEGER NOT NULL, seq INTEGER NOT NULL, date INTEGER NOT NULL,"
    " func INTEGER NOT NULL, type INTEGER NOT NULL, source INTEGER NOT NULL, econ INTEGER NOT NULL,"
    " project INTEGER, amount INTEGER NOT NULL, PRIMARY KEY(budget_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE year_final(budget_id INTEGER NOT NULL, item TEXT NOT NULL, amount INTEGER NOT NULL,"
    " PRIMARY KEY(budget_id, item)) WITHOUT ROWID;"
    "CREATE TABLE year_selfeval(budget_id INTEGER NOT NULL, seq INTEGER NOT NULL, indicator INTEGER NOT NULL,"
    " actual TEXT NOT NULL, done INTEGER NOT NULL, claimed INTEGER NOT NULL, reason TEXT NOT NULL,"
    " PRIMARY KEY(budget_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE year_files(budget_id INTEGER PRIMARY KEY, has INTEGER NOT NULL);";

static int run(sqlite3 *db, const char *sql, int64_t bid)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, bid);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    return r == SQLITE_DONE ? 0 : -1;
}

static void bind_key(sqlite3_stmt *st, int i, const yu_line *k)
{
    sqlite3_bind_int64(st, i, k->func);
    sqlite3_bind_int(st, i + 1, k->type);
    sqlite3_bind_int(st, i + 2, k->source);
    sqlite3_bind_int64(st, i + 3, k->econ);
    if (k->project >= 0)
        sqlite3_bind_int(st, i + 4, k->project);
    else
        sqlite3_bind_null(st, i + 4);
}

int yy_store_del_year(sqlite3 *db, int64_t bid)
{
    static const char *const del[] = {"DELETE FROM year_adjustments WHERE budget_id = ?1",
                                      "DELETE FROM year_payments WHERE budget_id = ?1",
                                      "DELETE FROM year_final WHERE budget_id = ?1",
                                      "DELETE FROM year_selfeval WHERE budget_id = ?1",
                                      "DELETE FROM year_files WHERE budget_id = ?1"};
    for (size_t i = 0; i < sizeof del / sizeof del[0]; i++)
        if (run(db, del[i], bid))
            return -1;
    return 0;
}

int yy_store_put_year(sqlite3 *db, int64_t bid, const yu_budget *b)
{
    if (yy_store_del_year(db, bid))
        return -1;
    const yu_year *y = b->yr;
    if (!y)
        return 0;
    sqlite3_stmt *st = NULL;
    int bad = 0;
    if (sqlite3_prepare_v2(db, "INSERT INTO year_files VALUES(?1, ?2)", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, bid);
    sqlite3_bind_int(st, 2, (int)y->has);
    bad |= sqlite3_step(st) != SQLITE_DONE;
    sqlite3_finalize(st);
    if (!bad && sqlite3_prepare_v2(db, "INSERT INTO year_adjustments VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                   -1, &st, NULL) == SQLITE_OK) {
        for (size_t i = 0; i < y->nadj && !bad; i++) {
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, bid);
            sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
            sqlite3_bind_int(st, 3, y->adj[i].date);
            sqlite3_bind_int(st, 4, y->adj[i].kind);
            bind_key(st, 5, &y->adj[i].k);
            sqlite3_bind_int64(st, 10, y->adj[i].delta);
            sqlite3_bind_text(st, 11, y->adj[i].reason ? y->adj[i].reason : "", -1, SQLITE_STATIC);
            bad |= sqlite3_step(st) != SQLITE_DONE;
        }
        sqlite3_finalize(st);
    } else
        bad = 1;
    if (!bad && sqlite3_prepare_v2(db, "INSERT INTO year_payments VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", -1, &st,
                                   NULL) == SQLITE_OK) {
        for (size_t i = 0; i < y->npay && !bad; i++) {
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, bid);
            sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
            sqlite3_bind_int(st, 3, y->pay[i].date);
            bind_key(st, 4, &y->pay[i].k);
            sqlite3_bind_int64(st, 9, y->pay[i].k.amount);
            bad |= sqlite3_step(st) != SQLITE_DONE;
        }
        sqlite3_finalize(st);
    } else
        bad = 1;
    if (!bad && sqlite3_prepare_v2(db, "INSERT INTO year_final VALUES(?1, ?2, ?3)", -1, &st, NULL) == SQLITE_OK) {
        for (int i = 0; i < YU_YF_COUNT && !bad; i++) {
            if (!(y->fin_seen >> i & 1))
                continue;
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, bid);
            sqlite3_bind_text(st, 2, yu_yfin_key(i), -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 3, y->fin[i]);
            bad |= sqlite3_step(st) != SQLITE_DONE;
        }
        sqlite3_finalize(st);
    } else
        bad = 1;
    if (!bad && sqlite3_prepare_v2(db, "INSERT INTO year_selfeval VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &st, NULL) ==
                    SQLITE_OK) {
        for (size_t i = 0; i < y->nse && !bad; i++) {
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, bid);
            sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
            sqlite3_bind_int(st, 3, y->se[i].indicator);
            sqlite3_bind_text(st, 4, y->se[i].actual ? y->se[i].actual : "", -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 5, y->se[i].done);
            sqlite3_bind_int64(st, 6, y->se[i].claimed);
            sqlite3_bind_text(st, 7, y->se[i].reason ? y->se[i].reason : "", -1, SQLITE_STATIC);
            bad |= sqlite3_step(st) != SQLITE_DONE;
        }
        sqlite3_finalize(st);
    } else
        bad = 1;
    return bad ? -1 : 0;
}

static void col_key(sqlite3_stmt *st, int i, yu_line *k)
{
    memset(k, 0, sizeof *k);
    k->func = (uint32_t)sqlite3_column_int64(st, i);
    k->type = (uint8_t)sqlite3_column_int(st, i + 1);
    k->source = (uint8_t)sqlite3_column_int(st, i + 2);
    k->econ = (uint32_t)sqlite3_column_int64(st, i + 3);
    k->project = sqlite3_column_type(st, i + 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i + 4);
}

/* 0 loaded (or nothing stored), -1 database error, -2 out of memory */
int yy_store_get_year(sqlite3 *db, int64_t bid, yu_budget *b)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT has FROM year_files WHERE budget_id = ?1", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, bid);
    int r = sqlite3_step(st);
    unsigned has = r == SQLITE_ROW ? (unsigned)sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return -1;
    if (!has)
        return 0;
    yu_year *y = calloc(1, sizeof *y);
    if (!y || !(y->dir = yu_strdup(b->code ? b->code : "store"))) {
        free(y);
        return -2;
    }
    y->has = has;
    int rc = 0;
    size_t cap = 0;
    if (sqlite3_prepare_v2(db, "SELECT date, kind, func, type, source, econ, project, amount, reason FROM year_adjustments"
                               " WHERE budget_id = ?1 ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
        rc = -1;
    else {
        sqlite3_bind_int64(st, 1, bid);
        while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
            if (yy_grow((void **)&y->adj, y->nadj, &cap, sizeof *y->adj)) {
                rc = -2;
                break;
            }
            yu_adj *a = &y->adj[y->nadj];
            memset(a, 0, sizeof *a);
            a->date = sqlite3_column_int(st, 0);
            a->kind = (uint8_t)sqlite3_column_int(st, 1);
            col_key(st, 2, &a->k);
            a->delta = sqlite3_column_int64(st, 7);
            const unsigned char *t = sqlite3_column_text(st, 8);
            if (!(a->reason = yu_strdup(t ? (const char *)t : "")))
                rc = -2;
            y->nadj++;
        }
        if (!rc && r != SQLITE_DONE)
            rc = -1;
        sqlite3_finalize(st);
    }
    cap = 0;
    if (!rc && sqlite3_prepare_v2(db, "SELECT date, func, type, source, econ, project, amount FROM year_payments"
                                      " WHERE budget_id = ?1 ORDER BY seq", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, bid);
        while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
            if (yy_grow((void **)&y->pay, y->npay, &cap, sizeof *y->pay)) {
                rc = -2;
                break;
            }
            yu_pay *p = &y->pay[y->npay++];
            memset(p, 0, sizeof *p);
            p->date = sqlite3_column_int(st, 0);
            col_key(st, 1, &p->k);
            p->k.amount = sqlite3_column_int64(st, 6);
        }
        if (!rc && r != SQLITE_DONE)
            rc = -1;
        sqlite3_finalize(st);
    } else if (!rc)
        rc = -1;
    if (!rc && sqlite3_prepare_v2(db, "SELECT item, amount FROM year_final WHERE budget_id = ?1", -1, &st, NULL) ==
                   SQLITE_OK) {
        sqlite3_bind_int64(st, 1, bid);
        while ((r = sqlite3_step(st)) == SQLITE_ROW) {
            int k = yu_yfin_parse((const char *)sqlite3_column_text(st, 0));
            if (k >= 0) {
                y->fin[k] = sqlite3_column_int64(st, 1);
                y->fin_seen |= 1u << k;
            }
        }
        if (r != SQLITE_DONE)
            rc = -1;
        sqlite3_finalize(st);
    } else if (!rc)
        rc = -1;
    cap = 0;
    if (!rc && sqlite3_prepare_v2(db, "SELECT indicator, actual, done, claimed, reason FROM year_selfeval"
                                      " WHERE budget_id = ?1 ORDER BY seq", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, bid);
        while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
            if (yy_grow((void **)&y->se, y->nse, &cap, sizeof *y->se)) {
                rc = -2;
                break;
            }
            yu_se *s = &y->se[y->nse];
            memset(s, 0, sizeof *s);
            s->indicator = sqlite3_column_int(st, 0);
            s->done = (uint8_t)sqlite3_column_int(st, 2);
            s->claimed = sqlite3_column_int64(st, 3);
            const unsigned char *a = sqlite3_column_text(st, 1), *t = sqlite3_column_text(st, 4);
            s->actual = yu_strdup(a ? (const char *)a : "");
            s->reason = yu_strdup(t ? (const char *)t : "");
            y->nse++;
            if (!s->actual || !s->reason)
                rc = -2;
            else if (s->indicator < 0 || (size_t)s->indicator >= b->nindicators)
                rc = -1;
        }
        if (!rc && r != SQLITE_DONE)
            rc = -1;
        sqlite3_finalize(st);
    } else if (!rc)
        rc = -1;
    if (rc) {
        yu_year_free(y);
        return rc;
    }
    yu_year_free(b->yr);
    b->yr = y;
    return 0;
}

/* ---- the package's year files ---- */

static void amt(yu_buf *o, yu_money v, int64_t scale)
{
    char buf[64];
    int64_t step = scale / 100;
    yu_fmt_units(v / step, 2, YU_NUM_PLAIN, buf, sizeof buf);
    yu_buf_puts(o, buf);
}

static void field(yu_buf *o, const char *s)
{
    if (!s)
        s = "";
    if (!strpbrk(s, ",\"\n\r")) {
        yu_buf_puts(o, s);
        return;
    }
    yu_buf_puts(o, "\"");
    for (; *s; s++)
        if (*s == '"')
            yu_buf_puts(o, "\"\"");
        else
            yu_buf_add(o, s, 1);
    yu_buf_puts(o, "\"");
}

static void keys(yu_buf *o, const yu_budget *b, const yu_line *k)
{
    yu_buf_printf(o, "%07u,%s,%s,", k->func, yu_type_key(k->type), yu_source_key(k->source));
    if (k->econ)
        yu_buf_printf(o, "%05u", k->econ);
    yu_buf_puts(o, ",");
    if (k->project >= 0 && (size_t)k->project < b->nprojects)
        field(o, b->projects[k->project].id);
    yu_buf_puts(o, ",");
}

static yu_status put(const char *dir, const char *name, yu_buf *o, yu_error *err)
{
    char *p = yu_path_join(dir, name);
    if (!p || o->oom) {
        free(p);
        yu_buf_free(o);
        return yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory");
    }
    yu_status st = yu_write_file_atomic(p, o->p ? o->p : "", o->len, err);
    free(p);
    yu_buf_free(o);
    return st;
}

yu_status yy_write_year_files(const yu_budget *b, const char *dir, int64_t scale, yu_error *err)
{
    for (int i = 0; i < YY_NFILES; i++) {
        char *p = yu_path_join(dir, yy_year_files[i]);
        if (p)
            remove(p);
        free(p);
    }
    const yu_year *y = b->yr;
    if (!y)
        return YU_OK;
    yu_buf o;
    yu_status st = YU_OK;
    static const char *const kinds[YU_ADJ_COUNT] = {"调剂", "追加", "调减"};
    if (y->has & YU_YEAR_ADJ) {
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, "date,kind,func,type,source,econ,project,amount,reason\n");
        for (size_t i = 0; i < y->nadj; i++) {
            const yu_adj *a = &y->adj[i];
            yu_buf_printf(&o, "%04d-%02d-%02d,%s,", a->date / 10000 % 10000, a->date / 100 % 100, a->date % 100, kinds[a->kind % 3]);
            keys(&o, b, &a->k);
            amt(&o, a->kind == YU_ADJ_TIAOJIAN ? -a->delta : a->delta, scale);
            yu_buf_puts(&o, ",");
            field(&o, a->reason);
            yu_buf_puts(&o, "\n");
        }
        if ((st = put(dir, "adjustments.csv", &o, err)))
            return st;
    }
    if (y->has & YU_YEAR_EXEC) {
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, "date,func,type,source,econ,project,amount\n");
        for (size_t i = 0; i < y->npay; i++) {
            const yu_pay *p = &y->pay[i];
            yu_buf_printf(&o, "%04d-%02d-%02d,", p->date / 10000 % 10000, p->date / 100 % 100, p->date % 100);
            keys(&o, b, &p->k);
            amt(&o, p->k.amount, scale);
            yu_buf_puts(&o, "\n");
        }
        if ((st = put(dir, "execution.csv", &o, err)))
            return st;
    }
    if (y->has & YU_YEAR_FINAL) {
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, "item,amount\n");
        for (int i = 0; i < YU_YF_COUNT; i++)
            if (y->fin_seen >> i & 1) {
                yu_buf_printf(&o, "%s,", yu_yfin_key(i));
                amt(&o, y->fin[i], scale);
                yu_buf_puts(&o, "\n");
            }
        if ((st = put(dir, "final.csv", &o, err)))
            return st;
    }
    if (y->has & YU_YEAR_SE) {
        static const char *const done[4] = {"", "达成", "部分达成", "未达成"};
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, "project,indicator,actual,completion,score,reason\n");
        for (size_t i = 0; i < y->nse; i++) {
            const yu_se *s = &y->se[i];
            const yu_indicator *ind = &b->indicators[s->indicator];
            field(&o, ind->project >= 0 && (size_t)ind->project < b->nprojects ? b->projects[ind->project].id : "");
            yu_buf_puts(&o, ",");
            field(&o, ind->level3);
            yu_buf_puts(&o, ",");
            field(&o, s->actual);
            yu_buf_printf(&o, ",%s,", done[s->done & 3]);
            if (s->claimed >= 0)
                yu_buf_printf(&o, "%lld.%02lld", (long long)(s->claimed / 100), (long long)(s->claimed % 100));
            yu_buf_puts(&o, ",");
            field(&o, s->reason);
            yu_buf_puts(&o, "\n");
        }
        if ((st = put(dir, "selfeval.csv", &o, err)))
            return st;
    }
    return YU_OK;
}

yu_status yu_year_prior_from(const yu_budget *last, yu_budget *b, int *used, yu_error *err)
{
    *used = 0;
    if (b->nprior || !last || !last->yr || !(last->yr->has & YU_YEAR_EXEC) || last->year != b->year - 1)
        return YU_OK;
    /* 一般公共预算 paid last year (current and carried-over money) by 项, in code order */
    const yu_year *y = last->yr;
    uint32_t *codes = malloc((y->npay ? y->npay : 1) * sizeof *codes);
    yu_money *sum = calloc(y->npay ? y->npay : 1, sizeof *sum);
    size_t n = 0;
    if (!codes || !sum) {
        free(codes);
        free(sum);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < y->npay; i++) {
        const yu_line *k = &y->pay[i].k;
        if (k->source != YU_S_GPB && k->source != YU_S_GPB_CARRY)
            continue;
        size_t j = 0;
        while (j < n && codes[j] != k->func)
            j++;
        if (j == n)
            codes[n++] = k->func;
        sum[j] += k->amount;
    }
    yu_status st = YU_OK;
    for (size_t a = 0; a < n && !st; a++) {
        size_t m = a;
        for (size_t j = a + 1; j < n; j++)
            if (codes[j] < codes[m])
                m = j;
        uint32_t tc = codes[a]; codes[a] = codes[m]; codes[m] = tc;
        yu_money ts = sum[a]; sum[a] = sum[m]; sum[m] = ts;
        yu_prior p = {codes[a], sum[a], sum[a]};
        if (yu_budget_add_prior(b, &p))
            st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    free(codes);
    free(sum);
    if (!st)
        *used = n > 0;
    return st;
}

yu_status yu_store_year_prior(yu_store *s, yu_budget *b, int *used, yu_error *err)
{
    *used = 0;
    if (b->nprior || !b->code)
        return YU_OK;
    yu_budget *last = NULL;
    yu_error tmp;
    yu_error_clear(&tmp);
    if (yu_store_load(s, b->code, b->year - 1, YU_STORE_BUDGET, &last, &tmp) != YU_OK)
        return tmp.status == YU_EMISSING ? YU_OK : (*err = tmp, tmp.status);
    yu_status st = yu_year_prior_from(last, b, used, err);
    yu_budget_free(last);
    return st;
}
