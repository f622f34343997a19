/* yusuan — the work of people on the store: users and their roles on
 * subtrees of the unit tree, sessions and API tokens, the submission of a
 * unit's workbook and its approval, decisions on the findings of audited
 * documents, and the operation log.  Everything is kept in the store's
 * SQLite file (schema version 6, docs/api.md "Roles and states").
 *
 * Roles (each granted on a unit and valid on its whole subtree):
 *   viewer    reads the drafts and submissions of the subtree
 *   filer     uploads and submits the workbook of a unit of the subtree
 *   reviewer  confirms or dismisses findings of audited documents
 *   approver  returns or approves a submitted workbook of a unit strictly
 *             below the unit granted (the parent department approves)
 *
 * States of a submission:  draft --submit--> submitted --approve--> approved
 *                                  <--return--            (frozen: no action)
 *   draft      uploaded and checked; a new upload replaces it
 *   submitted  waiting for the parent; no upload
 *   returned   sent back with a comment; a new upload makes it a draft
 *   approved   frozen
 * A draft with errors cannot be submitted.
 *
 * Refusals: YU_EUSAGE "没有权限…" (the role is not held on the unit),
 * YU_EVALUE (the state does not allow the action, a required comment is
 * empty, wrong password), YU_EMISSING (no such user, unit, submission,
 * document or finding).  Every write is one transaction together with its
 * line in the operation log; inside a transaction the caller opened
 * (yu_store_begin … yu_store_commit) it is a savepoint of it, so that, e.g.,
 * an approval and the import of the approved budget commit together. */
#ifndef YUSUAN_FLOW_H
#define YUSUAN_FLOW_H

#include <stdint.h>
#include <stddef.h>
#include "error.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum yu_role {
    YU_ROLE_VIEWER = 0,
    YU_ROLE_FILER,
    YU_ROLE_REVIEWER,
    YU_ROLE_APPROVER,
    YU_ROLE_COUNT
} yu_role;

/* "viewer", "filer", "reviewer", "approver"; parse returns -1 when unknown. */
const char *yu_role_key(int role);
int yu_role_parse(const char *s);

typedef enum yu_sub_state {
    YU_SUB_DRAFT = 0,
    YU_SUB_SUBMITTED,
    YU_SUB_RETURNED,
    YU_SUB_APPROVED,
    YU_SUB_COUNT
} yu_sub_state;

/* "draft", "submitted", "returned", "approved"; parse returns -1. */
const char *yu_sub_state_key(int st);
int yu_sub_state_parse(const char *s);

typedef enum yu_sub_action {
    YU_ACT_SUBMIT = 0, /* filer: draft → submitted (no errors) */
    YU_ACT_RETURN,     /* approver of the parent: submitted → returned (comment required) */
    YU_ACT_APPROVE,    /* approver of the parent: submitted → approved */
    YU_ACT_COUNT
} yu_sub_action;

const char *yu_sub_action_key(int a);
int yu_sub_action_parse(const char *s);

/* The state an action leads to from a state, or -1 when the action is not
 * allowed there (the transition table, without roles). */
int yu_sub_next(yu_sub_state from, yu_sub_action a);

/* A signed-in user (a session or an API token). */
typedef struct yu_flow_user {
    int64_t id;
    char name[128];
    char csrf[65]; /* the session's CSRF token (empty for an API token) */
    int api;       /* signed in with an API token */
} yu_flow_user;

/* Creates a user, or sets the password of an existing one: the password is
 * hashed with argon2id (libsodium crypto_pwhash_str, interactive limits).
 * Names: 1-64 bytes of UTF-8 without control characters; passwords 8-1024 bytes. */
yu_status yu_flow_add_user(yu_store *s, const char *name, const char *password, yu_error *err);

/* Grants a role on a unit of the tree (and so on its subtree).  The unit
 * must exist (YU_EMISSING). */
yu_status yu_flow_grant(yu_store *s, const char *user, yu_role role, const char *unit_code, yu_error *err);

/* 1 when the user holds the role on the unit or on one of its ancestors. */
int yu_flow_can(yu_store *s, int64_t user_id, yu_role role, const char *unit_code);
/* 1 when the user holds any role on the unit or an ancestor. */
int yu_flow_can_see(yu_store *s, int64_t user_id, const char *unit_code);
/* 1 when the user holds the role on any unit. */
int yu_flow_has_role(yu_store *s, int64_t user_id, yu_role role);

/* Checks the password and opens a session valid for ttl seconds from now:
 * token (64 hex digits, kept only as its hash) and CSRF token. */
yu_status yu_flow_login(yu_store *s, const char *name, const char *password, int64_t now, int64_t ttl,
                        char token[65], char csrf[65], yu_error *err);

/* A new API token for a user (kept as its hash, valid ttl seconds). */
yu_status yu_flow_new_token(yu_store *s, const char *user, const char *label, int64_t now, int64_t ttl,
                            char token[65], yu_error *err);

/* The user of a session or API token valid at `now`: YU_EMISSING when
 * unknown or expired. */
yu_status yu_flow_auth(yu_store *s, const char *token, int64_t now, yu_flow_user *out, yu_error *err);

/* Ends a session (or revokes a token). */
yu_status yu_flow_logout(yu_store *s, const char *token, yu_error *err);

/* A finding of a checked workbook: location is sheet!cell for what the
 * workbook reader refused, "table row column" for what the rules found. */
typedef struct yu_flow_finding {
    const char *rule, *severity, *location, *message;
} yu_flow_finding;

/* Uploads (or replaces) the workbook of unit_code for year: filer on the
 * unit; allowed when there is none, or it is a draft or returned (it becomes
 * a draft, its version one more); refused when submitted or approved.
 * errors: the findings of severity error (0 makes it submittable). */
yu_status yu_flow_upload(yu_store *s, const yu_flow_user *u, const char *unit_code, int year, const char *filename,
                         const void *data, size_t len, const yu_flow_finding *fs, size_t nfs, int errors,
                         int64_t *id_out, yu_error *err);

/* Submits, returns or approves: role and state as above. */
yu_status yu_flow_act(yu_store *s, const yu_flow_user *u, int64_t sub_id, yu_sub_action a, const char *comment,
                      yu_error *err);

/* A submission (strings owned; free with yu_flow_sub_free). */
typedef struct yu_flow_sub {
    int64_t id;
    char *unit_code, *filename, *comment, *updated_at, *created_by;
    int year, version, errors, warnings;
    yu_sub_state state;
    unsigned char *workbook; /* only when asked for */
    size_t len;
} yu_flow_sub;

/* Reads a submission the user may see: approved ones are public (u may be
 * NULL); others need a role on the unit (YU_EUSAGE).  with_blob: also its
 * workbook. */
yu_status yu_flow_sub_get(yu_store *s, const yu_flow_user *u, int64_t id, int with_blob, yu_flow_sub *out,
                          yu_error *err);
void yu_flow_sub_free(yu_flow_sub *x);

/* Confirms ("confirmed") or dismisses ("dismissed") finding seq of an
 * audited document: reviewer role (on the unit the document is for, when
 * that unit is in the tree by name; otherwise on any unit); a reason is
 * required.  A later decision replaces an earlier one; the log keeps both.
 * The decision is kept for the document's file (documents.origin), the
 * finding's rule and its place (YU_FLOW_DECISION_PLACE over doc_findings f), so it
 * still holds for the same finding when the document is audited again. */
#define YU_FLOW_DECISION_PLACE "coalesce(f.table_id, '') || '|' || coalesce(f.row, '') || '|' || coalesce(f.col, '')"
yu_status yu_flow_decide(yu_store *s, const yu_flow_user *u, int64_t doc_id, int seq, const char *decision,
                         const char *reason, yu_error *err);

/* Appends a line to the operation log (its own transaction). */
yu_status yu_flow_log(yu_store *s, const char *user, const char *action, const char *object, const char *detail,
                      yu_error *err);

#ifdef __cplusplus
}
#endif

#endif
