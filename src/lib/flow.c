/* Users, roles on subtrees, sessions, submissions and their states, finding
 * decisions, the operation log (include/yusuan/flow.h). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sqlite3.h>
#include <sodium.h>
#include "yusuan/flow.h"
#include "internal.h"

static const char *const role_keys[YU_ROLE_COUNT] = {"viewer", "filer", "reviewer", "approver"};
static const char *const state_keys[YU_SUB_COUNT] = {"draft", "submitted", "returned", "approved"};
static const char *const action_keys[YU_ACT_COUNT] = {"submit", "return", "approve"};

static int parse_key(const char *const *keys, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (!strcmp(keys[i], s))
            return i;
    return -1;
}

const char *yu_role_key(int r) { return r >= 0 && r < YU_ROLE_COUNT ? role_keys[r] : NULL; }
int yu_role_parse(const char *s) { return parse_key(role_keys, YU_ROLE_COUNT, s); }
const char *yu_sub_state_key(int st) { return st >= 0 && st < YU_SUB_COUNT ? state_keys[st] : NULL; }
int yu_sub_state_parse(const char *s) { return parse_key(state_keys, YU_SUB_COUNT, s); }
const char *yu_sub_action_key(int a) { return a >= 0 && a < YU_ACT_COUNT ? action_keys[a] : NULL; }
int yu_sub_action_parse(const char *s) { return parse_key(action_keys, YU_ACT_COUNT, s); }

int yu_sub_next(yu_sub_state from, yu_sub_action a)
{
    switch (a) {
    case YU_ACT_SUBMIT:
        return from == YU_SUB_DRAFT ? YU_SUB_SUBMITTED : -1;
    case YU_ACT_RETURN:
        return from == YU_SUB_SUBMITTED ? YU_SUB_RETURNED : -1;
    case YU_ACT_APPROVE:
        return from == YU_SUB_SUBMITTED ? YU_SUB_APPROVED : -1;
    default:
        return -1;
    }
}

/* ------------------------------------------------------------- helpers */

static sqlite3 *db_of(yu_store *s) { return yu_store_sqlite(s); }

static yu_status dberr(yu_store *s, yu_error *err, const char *what)
{
    return yu_error_set(err, YU_EDB, "", 0, 0, "%s: %s", what, sqlite3_errmsg(db_of(s)));
}

static int exec(yu_store *s, const char *sql) { return sqlite3_exec(db_of(s), sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1; }

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? yu_strdup((const char *)t) : NULL;
}

/* runs sql with text parameters (NULL-terminated list); 0 done, -1 error */
static int run(yu_store *s, const char *sql, const char *const *args, size_t nargs)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_of(s), sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    for (size_t i = 0; i < nargs; i++)
        bind_text(st, (int)i + 1, args[i]);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    return r == SQLITE_DONE || r == SQLITE_ROW ? 0 : -1;
}

/* the first column of the first row as an integer; dflt when no row */
static int64_t query_int(yu_store *s, const char *sql, const char *a, const char *b, int64_t n, int64_t dflt)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_of(s), sql, -1, &st, NULL) != SQLITE_OK)
        return dflt;
    int np = sqlite3_bind_parameter_count(st);
    if (np >= 1)
        bind_text(st, 1, a);
    if (np >= 2)
        bind_text(st, 2, b);
    if (np >= 3)
        sqlite3_bind_int64(st, 3, n);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : dflt;
    sqlite3_finalize(st);
    return v;
}

static void hexify(const unsigned char *b, size_t n, char *out)
{
    static const char hx[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hx[b[i] >> 4];
        out[2 * i + 1] = hx[b[i] & 15];
    }
    out[2 * n] = '\0';
}

static void random_hex(char out[65])
{
    unsigned char b[32];
    randombytes_buf(b, sizeof b);
    hexify(b, sizeof b, out);
}

/* tokens are kept as their BLAKE2b hash: a copy of the database opens no session */
static void token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    hexify(h, sizeof h, out);
}

static int valid_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n < 1 || n > 64 || !yu_utf8_valid(name, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return 0;
    return 1;
}

static int64_t user_id(yu_store *s, const char *name)
{
    return query_int(s, "SELECT id FROM flow_users WHERE name = ?1", name, NULL, 0, 0);
}

static int log_row(yu_store *s, const char *user, const char *action, const char *object, const char *detail)
{
    const char *a[4] = {user, action, object, detail ? detail : ""};
    return run(s,
               "INSERT INTO flow_log(at, user_name, action, object, detail) "
               "VALUES(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4)",
               a, 4);
}

/* A write is its own transaction, or a savepoint inside the caller's (yu_store_begin … commit):
 * *nested says which, for finish(). */
static yu_status begin(yu_store *s, int *nested, yu_error *err)
{
    *nested = !sqlite3_get_autocommit(db_of(s));
    return exec(s, *nested ? "SAVEPOINT flow" : "BEGIN IMMEDIATE") ? dberr(s, err, "cannot start a transaction") : YU_OK;
}

static yu_status finish(yu_store *s, yu_status st, int nested, yu_error *err)
{
    if (!st && exec(s, nested ? "RELEASE flow" : "COMMIT"))
        st = dberr(s, err, "cannot commit");
    if (st)
        exec(s, nested ? "ROLLBACK TO flow; RELEASE flow" : "ROLLBACK");
    return st;
}

/* ----------------------------------------------------------- users */

yu_status yu_flow_add_user(yu_store *s, const char *name, const char *password, yu_error *err)
{
    if (!valid_name(name))
        return yu_error_set(err, YU_EVALUE, "", 0, 0, "用户名“%s”无效：应为1至64字节的UTF-8文字，不含控制字符", name ? name : "");
    size_t pl = password ? strlen(password) : 0;
    if (pl < 8 || pl > 1024)
        return yu_error_set(err, YU_EVALUE, "", 0, 0, "用户“%s”的密码应为8至1024个字节，实为%zu个", name, pl);
    if (sodium_init() < 0)
        return yu_error_set(err, YU_ENOMEM, "", 0, 0, "libsodium cannot start");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password, pl, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE))
        return yu_error_set(err, YU_ENOMEM, "", 0, 0, "out of memory hashing the password");
    int nested;
    yu_status st = begin(s, &nested, err);
    if (st)
        return st;
    const char *a[2] = {name, hash};
    if (run(s,
            "INSERT INTO flow_users(name, pwhash, created_at) VALUES(?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
            "ON CONFLICT(name) DO UPDATE SET pwhash = excluded.pwhash",
            a, 2) ||
        log_row(s, name, "user", name, "created or password set"))
        st = dberr(s, err, "cannot keep the user");
    return finish(s, st, nested, err);
}

yu_status yu_flow_grant(yu_store *s, const char *user, yu_role role, const char *unit_code, yu_error *err)
{
    if (!yu_role_key(role))
        return yu_error_set(err, YU_EVALUE, "", 0, 0, "角色应为 viewer、filer、reviewer 或 approver");
    int nested;
    yu_status st = begin(s, &nested, err);
    if (st)
        return st;
    int64_t uid = user_id(s, user);
    if (!uid)
        st = yu_error_set(err, YU_EMISSING, "", 0, 0, "没有用户“%s”", user);
    else if (!query_int(s, "SELECT count(*) FROM units WHERE code = ?1", unit_code, NULL, 0, 0))
        st = yu_error_set(err, YU_EMISSING, "", 0, 0, "单位树中没有代码为“%s”的单位：先导入它的预算（yusuan db import）",
                          unit_code);
    else {
        char id[32];
        snprintf(id, sizeof id, "%lld", (long long)uid);
        const char *a[3] = {id, yu_role_key(role), unit_code};
        char detail[256];
        snprintf(detail, sizeof detail, "%s on %s", yu_role_key(role), unit_code);
        if (run(s, "INSERT OR IGNORE INTO flow_grants VALUES(?1, ?2, ?3)", a, 3) || log_row(s, user, "grant", user, detail))
            st = dberr(s, err, "cannot keep the role");
    }
    return finish(s, st, nested, err);
}

/* the unit and its ancestors, through units.parent_code (the closure table may be stale) */
#define ANCESTORS                                                                                          \
    "WITH RECURSIVE anc(code, depth) AS (SELECT ?2, 0 UNION SELECT u.parent_code, anc.depth + 1 FROM units u " \
    "JOIN anc ON u.code = anc.code WHERE u.parent_code IS NOT NULL AND anc.depth < 64) "

static int can_at(yu_store *s, int64_t uid, const char *role, const char *unit, int strict)
{
    if (!unit || uid <= 0)
        return 0;
    const char *sql = role ? (strict ? ANCESTORS "SELECT count(*) FROM flow_grants g JOIN anc ON g.unit_code = anc.code "
                                       "WHERE g.role = ?1 AND g.user_id = ?3 AND anc.depth > 0"
                                     : ANCESTORS "SELECT count(*) FROM flow_grants g JOIN anc ON g.unit_code = anc.code "
                                       "WHERE g.role = ?1 AND g.user_id = ?3")
                           : ANCESTORS "SELECT count(*) FROM flow_grants g JOIN anc ON g.unit_code = anc.code "
                                       "WHERE ?1 IS NULL AND g.user_id = ?3";
    return query_int(s, sql, role, unit, uid, 0) > 0;
}

int yu_flow_can(yu_store *s, int64_t user_id, yu_role role, const char *unit_code)
{
    return yu_role_key(role) && can_at(s, user_id, yu_role_key(role), unit_code, 0);
}

int yu_flow_can_see(yu_store *s, int64_t user_id, const char *unit_code)
{
    return can_at(s, user_id, NULL, unit_code, 0);
}

int yu_flow_has_role(yu_store *s, int64_t user_id, yu_role role)
{
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)user_id);
    return yu_role_key(role) &&
           query_int(s, "SELECT count(*) FROM flow_grants WHERE user_id = ?1 AND role = ?2", id, yu_role_key(role), 0, 0) > 0;
}

/* -------------------------------------------------- sessions, tokens */

static yu_status new_session(yu_store *s, int64_t uid, const char *uname, int api, const char *label, int64_t expires,
                             char token[65], char csrf[65], yu_error *err)
{
    if (sodium_init() < 0)
        return yu_error_set(err, YU_ENOMEM, "", 0, 0, "libsodium cannot start");
    char hash[65], cs[65];
    random_hex(token);
    random_hex(cs);
    token_hash(token, hash);
    int nested;
    yu_status st = begin(s, &nested, err);
    if (st)
        return st;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db_of(s), "INSERT INTO flow_sessions VALUES(?1, ?2, ?3, ?4, ?5, ?6)", -1, &q, NULL) != SQLITE_OK)
        return finish(s, dberr(s, err, "cannot open a session"), nested, err);
    bind_text(q, 1, hash);
    sqlite3_bind_int64(q, 2, uid);
    bind_text(q, 3, api ? "" : cs);
    sqlite3_bind_int(q, 4, api);
    bind_text(q, 5, label);
    sqlite3_bind_int64(q, 6, expires);
    int r = sqlite3_step(q);
    sqlite3_finalize(q);
    if (r != SQLITE_DONE || log_row(s, uname, api ? "token" : "login", uname, label ? label : ""))
        st = dberr(s, err, "cannot open a session");
    if (csrf)
        memcpy(csrf, api ? "" : cs, api ? 1 : 65);
    return finish(s, st, nested, err);
}

yu_status yu_flow_login(yu_store *s, const char *name, const char *password, int64_t now, int64_t ttl,
                        char token[65], char csrf[65], yu_error *err)
{
    if (sodium_init() < 0)
        return yu_error_set(err, YU_ENOMEM, "", 0, 0, "libsodium cannot start");
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db_of(s), "SELECT id, pwhash FROM flow_users WHERE name = ?1", -1, &q, NULL) != SQLITE_OK)
        return dberr(s, err, "cannot read the users");
    bind_text(q, 1, name);
    int64_t uid = 0;
    int ok = 0;
    if (sqlite3_step(q) == SQLITE_ROW) {
        uid = sqlite3_column_int64(q, 0);
        const char *h = (const char *)sqlite3_column_text(q, 1);
        ok = h && password && crypto_pwhash_str_verify(h, password, strlen(password)) == 0;
    }
    sqlite3_finalize(q);
    if (!ok) {
        log_row(s, name ? name : "", "login refused", name ? name : "", "");
        return yu_error_set(err, YU_EVALUE, "", 0, 0, "用户名或密码不正确");
    }
    return new_session(s, uid, name, 0, NULL, now + ttl, token, csrf, err);
}

yu_status yu_flow_new_token(yu_store *s, const char *user, const char *label, int64_t now, int64_t ttl,
                            char token[65], yu_error *err)
{
    int64_t uid = user_id(s, user);
    if (!uid)
        return yu_error_set(err, YU_EMISSING, "", 0, 0, "没有用户“%s”", user);
    return new_session(s, uid, user, 1, label ? label : "api", now + ttl, token, NULL, err);
}

yu_status yu_flow_auth(yu_store *s, const char *token, int64_t now, yu_flow_user *out, yu_error *err)
{
    memset(out, 0, sizeof *out);
    if (!token || strlen(token) != 64)
        return yu_error_set(err, YU_EMISSING, "", 0, 0, "未登录或令牌无效");
    char hash[65];
    token_hash(token, hash);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db_of(s),
                           "SELECT u.id, u.name, s.csrf, s.api FROM flow_sessions s JOIN flow_users u ON u.id = s.user_id "
                           "WHERE s.token_hash = ?1 AND s.expires > ?2",
                           -1, &q, NULL) != SQLITE_OK)
        return dberr(s, err, "cannot read the sessions");
    bind_text(q, 1, hash);
    sqlite3_bind_int64(q, 2, now);
    yu_status st = YU_OK;
    if (sqlite3_step(q) == SQLITE_ROW) {
        out->id = sqlite3_column_int64(q, 0);
        snprintf(out->name, sizeof out->name, "%s", (const char *)sqlite3_column_text(q, 1));
        snprintf(out->csrf, sizeof out->csrf, "%s", (const char *)sqlite3_column_text(q, 2));
        out->api = sqlite3_column_int(q, 3);
    } else
        st = yu_error_set(err, YU_EMISSING, "", 0, 0, "未登录或令牌无效（或已过期）");
    sqlite3_finalize(q);
    return st;
}

yu_status yu_flow_logout(yu_store *s, const char *token, yu_error *err)
{
    char hash[65];
    if (!token)
        return YU_OK;
    token_hash(token, hash);
    const char *a[1] = {hash};
    return run(s, "DELETE FROM flow_sessions WHERE token_hash = ?1", a, 1) ? dberr(s, err, "cannot end the session")
                                                                          : YU_OK;
}

/* ------------------------------------------------------- submissions */

static yu_status no_right(yu_error *err, const yu_flow_user *u, const char *role, const char *unit)
{
    return yu_error_set(err, YU_EUSAGE, "", 0, 0, "没有权限：用户“%s”在单位%s及其上级没有%s角色", u ? u->name : "(未登录)",
                        unit, role);
}

yu_status yu_flow_upload(yu_store *s, const yu_flow_user *u, const char *unit_code, int year, const char *filename,
                         const void *data, size_t len, const yu_flow_finding *fs, size_t nfs, int errors,
                         int64_t *id_out, yu_error *err)
{
    if (!u || !can_at(s, u->id, "filer", unit_code, 0))
        return no_right(err, u, "填报（filer）", unit_code ? unit_code : "");
    if (len > 0x7fffffff)
        return yu_error_set(err, YU_ELIMIT, filename, 0, 0, "工作簿过大");
    int nested;
    yu_status st = begin(s, &nested, err);
    if (st)
        return st;
    char ys[16];
    snprintf(ys, sizeof ys, "%d", year);
    sqlite3_stmt *q = NULL;
    int64_t id = 0, version = 0;
    int state = -1;
    if (sqlite3_prepare_v2(db_of(s), "SELECT id, state, version FROM flow_submissions WHERE unit_code = ?1 AND year = ?2",
                           -1, &q, NULL) != SQLITE_OK)
        return finish(s, dberr(s, err, "cannot read the submissions"), nested, err);
    bind_text(q, 1, unit_code);
    sqlite3_bind_int(q, 2, year);
    if (sqlite3_step(q) == SQLITE_ROW) {
        id = sqlite3_column_int64(q, 0);
        state = yu_sub_state_parse((const char *)sqlite3_column_text(q, 1));
        version = sqlite3_column_int64(q, 2);
    }
    sqlite3_finalize(q);
    if (id && state != YU_SUB_DRAFT && state != YU_SUB_RETURNED)
        return finish(s, yu_error_set(err, YU_EVALUE, filename, 0, 0, "单位%s %d年的预算已%s，不能再上传：%s", unit_code, year,
                                      state == YU_SUB_APPROVED ? "批复（已冻结）" : "报送，等待上级审核",
                                      state == YU_SUB_APPROVED ? "批复的版本不可更改" : "等上级退回后再修改"),
                      nested, err);
    int warnings = 0;
    for (size_t i = 0; i < nfs; i++)
        warnings += strcmp(fs[i].severity, "error") != 0;
    const char *sql = id ? "UPDATE flow_submissions SET state = 'draft', version = ?3, filename = ?4, workbook = ?5, "
                           "errors = ?6, warnings = ?7, created_by = ?8, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                           "WHERE unit_code = ?1 AND year = ?2"
                         : "INSERT INTO flow_submissions(unit_code, year, state, version, filename, workbook, errors, "
                           "warnings, created_by, updated_at) VALUES(?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7, ?8, "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
    int bad = sqlite3_prepare_v2(db_of(s), sql, -1, &q, NULL) != SQLITE_OK;
    if (!bad) {
        bind_text(q, 1, unit_code);
        sqlite3_bind_int(q, 2, year);
        sqlite3_bind_int64(q, 3, version + 1);
        bind_text(q, 4, filename);
        sqlite3_bind_blob(q, 5, data, (int)len, SQLITE_STATIC);
        sqlite3_bind_int(q, 6, errors);
        sqlite3_bind_int(q, 7, warnings);
        sqlite3_bind_int64(q, 8, u->id);
        bad = sqlite3_step(q) != SQLITE_DONE;
        sqlite3_finalize(q);
    }
    if (!bad && !id)
        id = sqlite3_last_insert_rowid(db_of(s));
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    if (!bad) {
        const char *a[1] = {ids};
        bad = run(s, "DELETE FROM flow_sub_findings WHERE submission_id = ?1", a, 1);
    }
    for (size_t i = 0; i < nfs && !bad; i++) {
        char seq[32];
        snprintf(seq, sizeof seq, "%zu", i);
        const char *a[6] = {ids, seq, fs[i].rule, fs[i].severity, fs[i].location, fs[i].message};
        bad = run(s, "INSERT INTO flow_sub_findings VALUES(?1, ?2, ?3, ?4, ?5, ?6)", a, 6);
    }
    if (!bad) {
        char detail[512];
        snprintf(detail, sizeof detail, "%s %d v%lld %s: %d errors, %d other findings", unit_code, year,
                 (long long)version + 1, filename, errors, warnings);
        bad = log_row(s, u->name, "upload", ids, detail);
    }
    if (bad)
        st = dberr(s, err, "cannot keep the workbook");
    st = finish(s, st, nested, err);
    if (!st && id_out)
        *id_out = id;
    return st;
}

yu_status yu_flow_act(yu_store *s, const yu_flow_user *u, int64_t sub_id, yu_sub_action a, const char *comment,
                      yu_error *err)
{
    if (!yu_sub_action_key(a))
        return yu_error_set(err, YU_EVALUE, "", 0, 0, "操作应为 submit、return 或 approve");
    int nested;
    yu_status st = begin(s, &nested, err);
    if (st)
        return st;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db_of(s), "SELECT unit_code, year, state, errors FROM flow_submissions WHERE id = ?1", -1, &q,
                           NULL) != SQLITE_OK)
        return finish(s, dberr(s, err, "cannot read the submissions"), nested, err);
    sqlite3_bind_int64(q, 1, sub_id);
    char unit[128] = "";
    int year = 0, state = -1, errors = 0;
    if (sqlite3_step(q) == SQLITE_ROW) {
        snprintf(unit, sizeof unit, "%s", (const char *)sqlite3_column_text(q, 0));
        year = sqlite3_column_int(q, 1);
        state = yu_sub_state_parse((const char *)sqlite3_column_text(q, 2));
        errors = sqlite3_column_int(q, 3);
    }
    sqlite3_finalize(q);
    int next = state < 0 ? -1 : yu_sub_next((yu_sub_state)state, a);
    if (state < 0)
        st = yu_error_set(err, YU_EMISSING, "", 0, 0, "没有编号为%lld的报送", (long long)sub_id);
    else if (!u || !can_at(s, u->id, a == YU_ACT_SUBMIT ? "filer" : "approver", unit, a != YU_ACT_SUBMIT)) {
        /* a unit's own approver does not approve itself: the parent does */
        if (u && can_at(s, u->id, NULL, unit, 0))
            st = no_right(err, u, a == YU_ACT_SUBMIT ? "填报（filer）" : "上级审核（approver）", unit);
        else
            st = yu_error_set(err, YU_EMISSING, "", 0, 0, "没有编号为%lld的报送", (long long)sub_id);
    } else if (next < 0)
        st = yu_error_set(err, YU_EVALUE, "", 0, 0, "报送%lld（单位%s %d年）处于“%s”状态，不能%s", (long long)sub_id, unit, year,
                          yu_sub_state_key(state), a == YU_ACT_SUBMIT ? "报送" : a == YU_ACT_RETURN ? "退回" : "批复");
    else if (a == YU_ACT_SUBMIT && errors > 0)
        st = yu_error_set(err, YU_EVALUE, "", 0, 0, "工作簿还有%d个错误，改正后才能报送", errors);
    else if (a == YU_ACT_RETURN && (!comment || !*comment))
        st = yu_error_set(err, YU_EVALUE, "", 0, 0, "退回须写明意见（comment）");
    if (!st) {
        if (sqlite3_prepare_v2(db_of(s),
                               "UPDATE flow_submissions SET state = ?2, comment = ?3, "
                               "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                               -1, &q, NULL) != SQLITE_OK)
            return finish(s, dberr(s, err, "cannot change the state"), nested, err);
        sqlite3_bind_int64(q, 1, sub_id);
        bind_text(q, 2, yu_sub_state_key(next));
        bind_text(q, 3, comment && *comment ? comment : NULL);
        int bad = sqlite3_step(q) != SQLITE_DONE;
        sqlite3_finalize(q);
        char ids[32], detail[1200];
        snprintf(ids, sizeof ids, "%lld", (long long)sub_id);
        snprintf(detail, sizeof detail, "%s %d: %s → %s%s%s", unit, year, yu_sub_state_key(state), yu_sub_state_key(next),
                 comment && *comment ? ": " : "", comment && *comment ? comment : "");
        if (bad || log_row(s, u->name, yu_sub_action_key(a), ids, detail))
            st = dberr(s, err, "cannot change the state");
    }
    return finish(s, st, nested, err);
}

yu_status yu_flow_sub_get(yu_store *s, const yu_flow_user *u, int64_t id, int with_blob, yu_flow_sub *out,
                          yu_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db_of(s),
                           "SELECT f.id, unit_code, year, state, version, filename, errors, warnings, comment, updated_at,"
                           " coalesce(u.name, ''), workbook FROM flow_submissions f LEFT JOIN flow_users u ON u.id = f.created_by"
                           " WHERE f.id = ?1",
                           -1, &q, NULL) != SQLITE_OK)
        return dberr(s, err, "cannot read the submissions");
    sqlite3_bind_int64(q, 1, id);
    yu_status st = YU_OK;
    if (sqlite3_step(q) != SQLITE_ROW)
        st = yu_error_set(err, YU_EMISSING, "", 0, 0, "没有编号为%lld的报送", (long long)id);
    else {
        out->id = sqlite3_column_int64(q, 0);
        out->unit_code = col_dup(q, 1);
        out->year = sqlite3_column_int(q, 2);
        out->state = (yu_sub_state)yu_sub_state_parse((const char *)sqlite3_column_text(q, 3));
        out->version = sqlite3_column_int(q, 4);
        out->filename = col_dup(q, 5);
        out->errors = sqlite3_column_int(q, 6);
        out->warnings = sqlite3_column_int(q, 7);
        out->comment = col_dup(q, 8);
        out->updated_at = col_dup(q, 9);
        out->created_by = col_dup(q, 10);
        if (with_blob) {
            int n = sqlite3_column_bytes(q, 11);
            out->workbook = malloc(n > 0 ? (size_t)n : 1);
            if (out->workbook && n > 0)
                memcpy(out->workbook, sqlite3_column_blob(q, 11), (size_t)n);
            out->len = n > 0 ? (size_t)n : 0;
            if (!out->workbook)
                st = yu_error_set(err, YU_ENOMEM, "", 0, 0, "out of memory");
        }
        if (!st && out->state != YU_SUB_APPROVED && !(u && can_at(s, u->id, NULL, out->unit_code, 0)))
            /* another unit's draft is not said to exist */
            st = yu_error_set(err, YU_EMISSING, "", 0, 0, "没有编号为%lld的报送", (long long)id);
    }
    sqlite3_finalize(q);
    if (st)
        yu_flow_sub_free(out);
    return st;
}

void yu_flow_sub_free(yu_flow_sub *x)
{
    free(x->unit_code);
    free(x->filename);
    free(x->comment);
    free(x->updated_at);
    free(x->created_by);
    free(x->workbook);
    memset(x, 0, sizeof *x);
}

/* ------------------------------------------------ finding decisions */

yu_status yu_flow_decide(yu_store *s, const yu_flow_user *u, int64_t doc_id, int seq, const char *decision,
                         const char *reason, yu_error *err)
{
    if (!decision || (strcmp(decision, "confirmed") && strcmp(decision, "dismissed")))
        return yu_error_set(err, YU_EVALUE, "", 0, 0, "决定应为 confirmed（确认）或 dismissed（驳回）");
    if (!reason || !*reason)
        return yu_error_set(err, YU_EVALUE, "", 0, 0, "须写明理由（reason）");
    int nested;
    yu_status st = begin(s, &nested, err);
    if (st)
        return st;
    /* the finding is known by its document's file, its rule and its place: the decision
     * holds for the same finding when the document is audited again */
    sqlite3_stmt *q;
    char unit[128] = "", *origin = NULL, *rule = NULL, *place = NULL;
    if (sqlite3_prepare_v2(db_of(s),
                           "SELECT d.origin, f.rule, " YU_FLOW_DECISION_PLACE ", (SELECT u.code FROM units u WHERE u.name = d.unit_name"
                           " ORDER BY u.code LIMIT 1) FROM doc_findings f JOIN documents d ON d.id = f.document_id"
                           " WHERE f.document_id = ?1 AND f.seq = ?2",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, doc_id);
        sqlite3_bind_int(q, 2, seq);
        if (sqlite3_step(q) == SQLITE_ROW) {
            origin = col_dup(q, 0);
            rule = col_dup(q, 1);
            place = col_dup(q, 2);
            if (sqlite3_column_text(q, 3))
                snprintf(unit, sizeof unit, "%s", (const char *)sqlite3_column_text(q, 3));
        }
        sqlite3_finalize(q);
    }
    if (!origin || !rule || !place)
        st = yu_error_set(err, YU_EMISSING, "", 0, 0, "文档%lld没有第%d条审查意见", (long long)doc_id, seq);
    else if (!u || !(unit[0] ? can_at(s, u->id, "reviewer", unit, 0) : yu_flow_has_role(s, u->id, YU_ROLE_REVIEWER)))
        st = no_right(err, u, "审查（reviewer）", unit[0] ? unit : "（任一单位）");
    else {
        char uid[32], detail[1400];
        snprintf(uid, sizeof uid, "%lld", (long long)u->id);
        const char *a[6] = {origin, rule, place, decision, reason, uid};
        snprintf(detail, sizeof detail, "finding %d (%s %s): %s: %s", seq, rule, place, decision, reason);
        if (run(s,
                "INSERT INTO flow_decisions VALUES(?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
                "ON CONFLICT(origin, rule, place) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, "
                "user_id = excluded.user_id, decided_at = excluded.decided_at",
                a, 6) ||
            log_row(s, u->name, "decide", origin, detail))
            st = dberr(s, err, "cannot keep the decision");
    }
    free(origin);
    free(rule);
    free(place);
    return finish(s, st, nested, err);
}

yu_status yu_flow_log(yu_store *s, const char *user, const char *action, const char *object, const char *detail,
                      yu_error *err)
{
    return log_row(s, user ? user : "", action, object ? object : "", detail) ? dberr(s, err, "cannot write the log")
                                                                             : YU_OK;
}
