/* Tests of the flow library (include/yusuan/flow.h): roles scoped to
 * subtrees, sessions and tokens, the states of a submission and every
 * refusal, finding decisions, the operation log. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "yusuan/flow.h"

typedef struct fx {
    char dir[64], path[128];
    yu_store *s;
    yu_flow_user filer, other_filer, approver, own_approver, viewer, reviewer;
} fx;

static int64_t q1(yu_store *s, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(yu_store_sqlite(s), sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

static void user(fx *f, yu_flow_user *u, const char *name, yu_role role, const char *unit)
{
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_flow_add_user(f->s, name, "password-123", &err), YU_OK);
    assert_int_equal(yu_flow_grant(f->s, name, role, unit, &err), YU_OK);
    char tok[65];
    assert_int_equal(yu_flow_new_token(f->s, name, "test", 1000, 1000, tok, &err), YU_OK);
    assert_int_equal(yu_flow_auth(f->s, tok, 1500, u, &err), YU_OK);
    assert_string_equal(u->name, name);
    assert_int_equal(u->api, 1);
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/yusuan-flow-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/s.db", f->dir);
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_store_open(f->path, &f->s, &err), YU_OK);
    /* region 31 → department 144 → units 144009, 144010 */
    assert_int_equal(yu_store_put_node(f->s, "31", "上海市", NULL, "region", &err), YU_OK);
    assert_int_equal(yu_store_put_node(f->s, "144", "生态环境部", "31", "department", &err), YU_OK);
    assert_int_equal(yu_store_put_node(f->s, "144009", "对外合作与交流中心", "144", "unit", &err), YU_OK);
    assert_int_equal(yu_store_put_node(f->s, "144010", "测试中心", "144", "unit", &err), YU_OK);
    user(f, &f->filer, "alice", YU_ROLE_FILER, "144009");
    user(f, &f->other_filer, "frank", YU_ROLE_FILER, "144010");
    user(f, &f->approver, "bob", YU_ROLE_APPROVER, "144");
    user(f, &f->own_approver, "ursula", YU_ROLE_APPROVER, "144009");
    user(f, &f->viewer, "vic", YU_ROLE_VIEWER, "144009");
    user(f, &f->reviewer, "rita", YU_ROLE_REVIEWER, "31");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    yu_store_close(f->s);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static void test_keys(void **state)
{
    (void)state;
    for (int r = 0; r < YU_ROLE_COUNT; r++)
        assert_int_equal(yu_role_parse(yu_role_key(r)), r);
    assert_int_equal(yu_role_parse("admin"), -1);
    assert_int_equal(yu_role_parse(NULL), -1);
    assert_null(yu_role_key(YU_ROLE_COUNT));
    for (int s = 0; s < YU_SUB_COUNT; s++)
        assert_int_equal(yu_sub_state_parse(yu_sub_state_key(s)), s);
    for (int a = 0; a < YU_ACT_COUNT; a++)
        assert_int_equal(yu_sub_action_parse(yu_sub_action_key(a)), a);
    assert_int_equal(yu_sub_action_parse("delete"), -1);
}

static void test_transitions(void **state)
{
    (void)state;
    /* the whole table: only three transitions exist */
    int allowed = 0;
    for (int s = 0; s < YU_SUB_COUNT; s++)
        for (int a = 0; a < YU_ACT_COUNT; a++)
            allowed += yu_sub_next((yu_sub_state)s, (yu_sub_action)a) >= 0;
    assert_int_equal(allowed, 3);
    assert_int_equal(yu_sub_next(YU_SUB_DRAFT, YU_ACT_SUBMIT), YU_SUB_SUBMITTED);
    assert_int_equal(yu_sub_next(YU_SUB_SUBMITTED, YU_ACT_RETURN), YU_SUB_RETURNED);
    assert_int_equal(yu_sub_next(YU_SUB_SUBMITTED, YU_ACT_APPROVE), YU_SUB_APPROVED);
    assert_int_equal(yu_sub_next(YU_SUB_RETURNED, YU_ACT_SUBMIT), -1); /* a returned one is uploaded again first */
    assert_int_equal(yu_sub_next(YU_SUB_APPROVED, YU_ACT_RETURN), -1);
    assert_int_equal(yu_sub_next(YU_SUB_DRAFT, YU_ACT_APPROVE), -1);
}

static void test_users(void **state)
{
    fx *f = *state;
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_flow_add_user(f->s, "", "password-123", &err), YU_EVALUE);
    assert_int_equal(yu_flow_add_user(f->s, "bad\nname", "password-123", &err), YU_EVALUE);
    assert_int_equal(yu_flow_add_user(f->s, "x", "short", &err), YU_EVALUE);
    assert_non_null(strstr(err.msg, "密码应为8至1024个字节"));
    assert_int_equal(yu_flow_grant(f->s, "nobody", YU_ROLE_FILER, "144", &err), YU_EMISSING);
    assert_int_equal(yu_flow_grant(f->s, "alice", YU_ROLE_FILER, "999", &err), YU_EMISSING);
    assert_int_equal(yu_flow_grant(f->s, "alice", (yu_role)9, "144", &err), YU_EVALUE);
    /* the password is an argon2id hash */
    assert_int_equal(q1(f->s, "SELECT count(*) FROM flow_users WHERE pwhash LIKE '$argon2id$%'"), 6);
    /* login: right and wrong password; the session's token is kept hashed */
    char tok[65], csrf[65];
    assert_int_equal(yu_flow_login(f->s, "alice", "wrong-password", 100, 60, tok, csrf, &err), YU_EVALUE);
    assert_int_equal(yu_flow_login(f->s, "nobody", "password-123", 100, 60, tok, csrf, &err), YU_EVALUE);
    assert_int_equal(yu_flow_login(f->s, "alice", "password-123", 100, 60, tok, csrf, &err), YU_OK);
    assert_int_equal(strlen(tok), 64);
    assert_int_equal(strlen(csrf), 64);
    yu_flow_user u;
    assert_int_equal(yu_flow_auth(f->s, tok, 159, &u, &err), YU_OK);
    assert_string_equal(u.name, "alice");
    assert_string_equal(u.csrf, csrf);
    assert_int_equal(u.api, 0);
    /* expired, unknown, malformed, logged out */
    assert_int_equal(yu_flow_auth(f->s, tok, 160, &u, &err), YU_EMISSING);
    char bad[65];
    memcpy(bad, tok, 65);
    bad[0] = bad[0] == 'a' ? 'b' : 'a';
    assert_int_equal(yu_flow_auth(f->s, bad, 120, &u, &err), YU_EMISSING);
    assert_int_equal(yu_flow_auth(f->s, "short", 120, &u, &err), YU_EMISSING);
    assert_int_equal(yu_flow_logout(f->s, tok, &err), YU_OK);
    assert_int_equal(yu_flow_auth(f->s, tok, 120, &u, &err), YU_EMISSING);
    assert_int_equal(q1(f->s, "SELECT count(*) FROM flow_log WHERE action = 'login refused'"), 2);
}

static void test_scope(void **state)
{
    fx *f = *state;
    /* a role on a unit holds on its subtree, not above nor beside it */
    assert_true(yu_flow_can(f->s, f->filer.id, YU_ROLE_FILER, "144009"));
    assert_false(yu_flow_can(f->s, f->filer.id, YU_ROLE_FILER, "144010"));
    assert_false(yu_flow_can(f->s, f->filer.id, YU_ROLE_FILER, "144"));
    assert_false(yu_flow_can(f->s, f->filer.id, YU_ROLE_APPROVER, "144009"));
    assert_true(yu_flow_can(f->s, f->approver.id, YU_ROLE_APPROVER, "144009"));
    assert_true(yu_flow_can(f->s, f->approver.id, YU_ROLE_APPROVER, "144010"));
    assert_false(yu_flow_can(f->s, f->approver.id, YU_ROLE_APPROVER, "31"));
    assert_true(yu_flow_can(f->s, f->reviewer.id, YU_ROLE_REVIEWER, "144010")); /* two levels down */
    assert_true(yu_flow_can_see(f->s, f->viewer.id, "144009"));
    assert_false(yu_flow_can_see(f->s, f->viewer.id, "144010"));
    assert_false(yu_flow_can_see(f->s, f->viewer.id, "nosuch"));
    assert_true(yu_flow_has_role(f->s, f->reviewer.id, YU_ROLE_REVIEWER));
    assert_false(yu_flow_has_role(f->s, f->filer.id, YU_ROLE_REVIEWER));
}

static yu_status upload(fx *f, const yu_flow_user *u, const char *unit, int errors, int64_t *id)
{
    yu_error err;
    yu_error_clear(&err);
    yu_flow_finding fs[2] = {{"T-ROW-SUM", errors ? "error" : "warning", "收入!C5", "合计不等于各项之和"},
                             {"N-SHARE", "warning", "summary 1 total", "比例"}};
    return yu_flow_upload(f->s, u, unit, 2024, "wb.xlsx", "PK\3\4data", 8, fs, 2, errors, id, &err);
}

static void test_flow(void **state)
{
    fx *f = *state;
    yu_error err;
    yu_error_clear(&err);
    int64_t id = 0, id2 = 0;
    /* only the unit's filer uploads */
    assert_int_equal(upload(f, &f->other_filer, "144009", 0, &id), YU_EUSAGE);
    assert_int_equal(upload(f, &f->viewer, "144009", 0, &id), YU_EUSAGE);
    assert_int_equal(upload(f, NULL, "144009", 0, &id), YU_EUSAGE);
    assert_int_equal(upload(f, &f->filer, "144009", 1, &id), YU_OK);
    assert_true(id > 0);
    /* with an error it cannot be submitted */
    assert_int_equal(yu_flow_act(f->s, &f->filer, id, YU_ACT_SUBMIT, NULL, &err), YU_EVALUE);
    assert_non_null(strstr(err.msg, "改正后才能报送"));
    assert_int_equal(upload(f, &f->filer, "144009", 0, &id2), YU_OK);
    assert_int_equal(id2, id); /* the same submission, a new version */
    yu_flow_sub x;
    assert_int_equal(yu_flow_sub_get(f->s, &f->filer, id, 1, &x, &err), YU_OK);
    assert_int_equal(x.version, 2);
    assert_int_equal(x.state, YU_SUB_DRAFT);
    assert_int_equal(x.errors, 0);
    assert_int_equal(x.warnings, 2);
    assert_int_equal(x.len, 8);
    assert_memory_equal(x.workbook, "PK\3\4data", 8);
    yu_flow_sub_free(&x);
    /* who sees the draft: the unit's roles and those above; not another unit, not the public */
    assert_int_equal(yu_flow_sub_get(f->s, &f->viewer, id, 0, &x, &err), YU_OK);
    yu_flow_sub_free(&x);
    assert_int_equal(yu_flow_sub_get(f->s, &f->approver, id, 0, &x, &err), YU_OK);
    yu_flow_sub_free(&x);
    assert_int_equal(yu_flow_sub_get(f->s, &f->other_filer, id, 0, &x, &err), YU_EMISSING);
    assert_int_equal(yu_flow_sub_get(f->s, NULL, id, 0, &x, &err), YU_EMISSING);
    assert_int_equal(yu_flow_sub_get(f->s, &f->filer, 9999, 0, &x, &err), YU_EMISSING);
    /* wrong roles, wrong states */
    assert_int_equal(yu_flow_act(f->s, &f->approver, id, YU_ACT_APPROVE, NULL, &err), YU_EVALUE); /* a draft */
    assert_int_equal(yu_flow_act(f->s, &f->viewer, id, YU_ACT_SUBMIT, NULL, &err), YU_EUSAGE);
    assert_int_equal(yu_flow_act(f->s, &f->other_filer, id, YU_ACT_SUBMIT, NULL, &err), YU_EMISSING);
    assert_int_equal(yu_flow_act(f->s, &f->filer, id, YU_ACT_SUBMIT, NULL, &err), YU_OK);
    assert_int_equal(yu_flow_act(f->s, &f->filer, id, YU_ACT_SUBMIT, NULL, &err), YU_EVALUE);
    assert_int_equal(upload(f, &f->filer, "144009", 0, &id2), YU_EVALUE); /* submitted: no upload */
    assert_int_equal(yu_flow_act(f->s, &f->filer, id, YU_ACT_APPROVE, NULL, &err), YU_EUSAGE);
    /* the unit's own approver does not approve it: the parent does */
    assert_int_equal(yu_flow_act(f->s, &f->own_approver, id, YU_ACT_APPROVE, NULL, &err), YU_EUSAGE);
    assert_int_equal(yu_flow_act(f->s, &f->approver, id, YU_ACT_RETURN, "", &err), YU_EVALUE);
    assert_int_equal(yu_flow_act(f->s, &f->approver, id, YU_ACT_RETURN, "请补充", &err), YU_OK);
    assert_int_equal(yu_flow_act(f->s, &f->filer, id, YU_ACT_SUBMIT, NULL, &err), YU_EVALUE); /* returned */
    assert_int_equal(upload(f, &f->filer, "144009", 0, &id2), YU_OK);
    assert_int_equal(yu_flow_act(f->s, &f->filer, id, YU_ACT_SUBMIT, NULL, &err), YU_OK);
    /* inside the caller's transaction an action is a savepoint: rolled back with it, log line and all */
    int64_t logged = q1(f->s, "SELECT count(*) FROM flow_log");
    assert_int_equal(yu_store_begin(f->s, &err), YU_OK);
    assert_int_equal(yu_flow_act(f->s, &f->approver, id, YU_ACT_APPROVE, NULL, &err), YU_OK);
    assert_int_equal(yu_flow_act(f->s, &f->approver, id, YU_ACT_APPROVE, NULL, &err), YU_EVALUE);
    yu_store_rollback(f->s);
    assert_int_equal(q1(f->s, "SELECT count(*) FROM flow_submissions WHERE state = 'submitted'"), 1);
    assert_int_equal(q1(f->s, "SELECT count(*) FROM flow_log"), logged);
    assert_int_equal(yu_flow_act(f->s, &f->approver, id, YU_ACT_APPROVE, NULL, &err), YU_OK);
    /* approved: frozen, and public */
    yu_flow_finding none[1];
    assert_int_equal(yu_flow_upload(f->s, &f->filer, "144009", 2024, "wb.xlsx", "x", 1, none, 0, 0, &id2, &err), YU_EVALUE);
    assert_non_null(strstr(err.msg, "冻结"));
    assert_int_equal(yu_flow_act(f->s, &f->approver, id, YU_ACT_RETURN, "晚了", &err), YU_EVALUE);
    assert_int_equal(yu_flow_sub_get(f->s, NULL, id, 0, &x, &err), YU_OK);
    assert_int_equal(x.state, YU_SUB_APPROVED);
    assert_int_equal(x.version, 3);
    yu_flow_sub_free(&x);
    assert_int_equal(yu_flow_act(f->s, &f->approver, 4242, YU_ACT_APPROVE, NULL, &err), YU_EMISSING);
    assert_int_equal(yu_flow_act(f->s, &f->approver, id, (yu_sub_action)7, NULL, &err), YU_EVALUE);
    /* every step in the log, in order */
    assert_int_equal(q1(f->s, "SELECT count(*) FROM flow_log WHERE action IN ('upload', 'submit', 'return', 'approve')"), 7);
    assert_int_equal(q1(f->s, "SELECT count(*) FROM flow_log WHERE action = 'return' AND detail LIKE '%请补充%'"), 1);
    /* the other unit's filer has its own */
    assert_int_equal(upload(f, &f->other_filer, "144010", 0, &id2), YU_OK);
    assert_true(id2 != id);
}

static void test_decide(void **state)
{
    fx *f = *state;
    yu_error err;
    yu_error_clear(&err);
    sqlite3 *db = yu_store_sqlite(f->s);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO documents VALUES(7, 'a.pdf', '测试中心', 2024, 'central-budget', 2, '万元', 9, 9,"
                                  " 1, 0, '2024-01-01T00:00:00Z', NULL);"
                                  "INSERT INTO doc_findings VALUES(7, 0, 'T-ROW-SUM', 'error', 'summary', '1', 'total', 3, 10,"
                                  " 1, 2, '合计不符', NULL);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(yu_flow_decide(f->s, &f->filer, 7, 0, "confirmed", "x", &err), YU_EUSAGE);
    assert_int_equal(yu_flow_decide(f->s, NULL, 7, 0, "confirmed", "x", &err), YU_EUSAGE);
    assert_int_equal(yu_flow_decide(f->s, &f->reviewer, 7, 0, "confirmed", "", &err), YU_EVALUE);
    assert_int_equal(yu_flow_decide(f->s, &f->reviewer, 7, 0, "perhaps", "x", &err), YU_EVALUE);
    assert_int_equal(yu_flow_decide(f->s, &f->reviewer, 7, 5, "confirmed", "x", &err), YU_EMISSING);
    assert_int_equal(yu_flow_decide(f->s, &f->reviewer, 8, 0, "confirmed", "x", &err), YU_EMISSING);
    assert_int_equal(yu_flow_decide(f->s, &f->reviewer, 7, 0, "confirmed", "核实", &err), YU_OK);
    assert_int_equal(yu_flow_decide(f->s, &f->reviewer, 7, 0, "dismissed", "尾差", &err), YU_OK);
    assert_int_equal(q1(f->s, "SELECT count(*) FROM flow_decisions WHERE decision = 'dismissed' AND reason = '尾差'"), 1);
    assert_int_equal(q1(f->s, "SELECT count(*) FROM flow_log WHERE action = 'decide'"), 2);
    /* audited again (a new id, the same file): the decision holds for the same finding */
    assert_int_equal(sqlite3_exec(db,
                                  "DELETE FROM doc_findings WHERE document_id = 7; DELETE FROM documents WHERE id = 7;"
                                  "INSERT INTO documents VALUES(9, 'a.pdf', '测试中心', 2024, 'central-budget', 2, '万元', 9, 9,"
                                  " 2, 0, '2024-01-02T00:00:00Z', NULL);"
                                  "INSERT INTO doc_findings VALUES(9, 0, 'N-SHARE', 'error', 'narrative', '', 'change', 6, 71,"
                                  " 1, 2, '比例不符', NULL);"
                                  "INSERT INTO doc_findings VALUES(9, 1, 'T-ROW-SUM', 'error', 'summary', '1', 'total', 3, 10,"
                                  " 1, 3, '合计不符', NULL);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(q1(f->s, "SELECT f.seq FROM doc_findings f JOIN documents d ON d.id = f.document_id JOIN flow_decisions x"
                              " ON x.origin = d.origin AND x.rule = f.rule AND x.place = " YU_FLOW_DECISION_PLACE
                              " WHERE x.decision = 'dismissed'"),
                     1);
    /* the document is for unit 144010 by name: a reviewer granted elsewhere only is refused */
    yu_flow_user r2;
    assert_int_equal(yu_flow_add_user(f->s, "rex", "password-123", &err), YU_OK);
    assert_int_equal(yu_flow_grant(f->s, "rex", YU_ROLE_REVIEWER, "144009", &err), YU_OK);
    char tok[65];
    assert_int_equal(yu_flow_new_token(f->s, "rex", NULL, 0, 100, tok, &err), YU_OK);
    assert_int_equal(yu_flow_auth(f->s, tok, 1, &r2, &err), YU_OK);
    assert_int_equal(yu_flow_decide(f->s, &r2, 9, 1, "confirmed", "x", &err), YU_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_transitions),
        cmocka_unit_test_setup_teardown(test_users, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decide, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
