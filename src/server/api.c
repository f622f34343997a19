/* yusuan serve: the JSON API under /api/ (docs/api.md, docs/openapi.yaml). */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <sqlite3.h>
#include <jansson.h>
#include <microhttpd.h>
#include "server.h"
#include "query.h"

static int reply(srv_out *o, int status, json_t *j)
{
    o->status = status;
    o->ctype = "application/json";
    char *t = j ? json_dumps(j, JSON_INDENT(1)) : NULL;
    json_decref(j);
    if (!t)
        return srv_fail(o, 500, "out of memory");
    o->b.len = 0;
    yu_buf_puts(&o->b, t);
    yu_buf_puts(&o->b, "\n");
    free(t);
    return status;
}

/* splits the path after /api/ into at most 6 segments */
static size_t segments(const char *url, char seg[6][128])
{
    size_t n = 0;
    const char *p = url + 4;
    while (*p == '/')
        p++;
    while (*p && n < 6) {
        const char *e = strchr(p, '/');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        snprintf(seg[n++], 128, "%.*s", (int)(l < 127 ? l : 127), p);
        p += l;
        while (*p == '/')
            p++;
    }
    return *p ? 7 : n; /* 7: too deep, matches nothing */
}

static int parse_i64(const char *s, int64_t *v)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (errno || *end)
        return -1;
    *v = x;
    return 0;
}

/* the JSON object of a request body: NULL and 400 set when malformed */
static json_t *body_json(srv_req *r, srv_out *o)
{
    if (r->form) {
        json_t *j = json_object();
        for (size_t i = 0; i < r->nfields; i++)
            if (!r->fields[i].filename[0])
                json_object_set_new(j, r->fields[i].name, json_string(r->fields[i].val.p ? r->fields[i].val.p : ""));
        return j;
    }
    if (!r->body.len) {
        srv_fail(o, 400, "请求体为空：应为 JSON 对象");
        return NULL;
    }
    json_error_t je;
    json_t *j = json_loadb(r->body.p, r->body.len, 0, &je);
    if (!j) {
        srv_fail(o, 400, "请求体不是合法的 JSON：第%d行第%d列：%s", je.line, je.column, je.text);
        return NULL;
    }
    if (!json_is_object(j)) {
        json_decref(j);
        srv_fail(o, 400, "请求体应为 JSON 对象");
        return NULL;
    }
    return j;
}

static const char *jstr(json_t *j, const char *k)
{
    json_t *v = json_object_get(j, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ----------------------------------------------------------- reads */

static int units(srv_req *r, srv_out *o, char seg[6][128], size_t n)
{
    yu_store *s = srv_store(r->S);
    if (n == 1) {
        json_t *rows = q_rows(s, "SELECT code, name, parent_code AS parent, kind, dept_code AS department,"
                                 " (SELECT group_concat(year || ':' || kind, ',') FROM budgets b WHERE b.unit_id = u.id) AS budgets"
                                 " FROM units u ORDER BY code", NULL, 0);
        return rows ? reply(o, 200, json_pack("{s:o}", "units", rows)) : srv_fail(o, 500, "cannot read the units");
    }
    const char *a[1] = {seg[1]};
    json_t *u = q_row(s, "SELECT code, name, parent_code AS parent, kind, dept_code AS department FROM units WHERE code = ?1", a, 1);
    if (!u)
        return srv_fail(o, 404, "没有代码为“%s”的单位", seg[1]);
    if (n == 2) {
        json_object_set_new(u, "children", q_rows(s, "SELECT code, name, kind FROM units WHERE parent_code = ?1 ORDER BY code", a, 1));
        json_object_set_new(u, "budgets",
                            q_rows(s, "SELECT b.year, b.kind, b.nlines, b.total AS total_fen, b.imported_at FROM budgets b"
                                      " JOIN units u ON u.id = b.unit_id WHERE u.code = ?1 ORDER BY b.year, b.kind", a, 1));
        return reply(o, 200, u);
    }
    json_decref(u);
    /* what of the node's document: all of it, a rendering, its tables, one table */
    int doc = n == 4 && !strncmp(seg[3], "document.", 9), tabs = (n == 4 || n == 5) && !strcmp(seg[3], "tables");
    if (n > 3 && !doc && !tabs)
        return 0;
    int64_t year;
    if (parse_i64(seg[2], &year) || year < 1990 || year > 2100)
        return srv_fail(o, 400, "年度“%s”：应为如 2024 的年份", seg[2]);
    yu_budget *b = NULL;
    yu_doc *d = NULL;
    yu_error err;
    yu_error_clear(&err);
    yu_status st = srv_node_doc(r->S, s, seg[1], (int)year, &b, &d, &err);
    int rc;
    if (st)
        rc = srv_fail(o, st == YU_EMISSING ? 404 : srv_status_of(st), "%s", err.msg);
    else if (n == 3)
        rc = srv_render(o, d, "json", seg[1]);
    else if (doc) {
        char base[200];
        snprintf(base, sizeof base, "%s-%d", seg[1], (int)year);
        rc = srv_render(o, d, seg[3] + 9, base);
    } else {
        /* tables, or one table with its cells */
        char *js = NULL;
        size_t len = 0;
        rc = 0;
        if (yu_render(d, YU_FMT_JSON, &js, &len, &err))
            rc = srv_fail(o, 500, "%s", err.msg);
        json_t *doc = js ? json_loadb(js, len, 0, NULL) : NULL;
        free(js);
        json_t *tables = json_object_get(doc, "tables");
        if (!rc && n == 4) {
            json_t *list = json_array();
            size_t i;
            json_t *t;
            json_array_foreach(tables, i, t)
                json_array_append_new(list, json_pack("{s:O?,s:O?,s:O?,s:i}", "id", json_object_get(t, "id"), "title",
                                                      json_object_get(t, "title"), "unit", json_object_get(t, "unit"),
                                                      "rows", (int)json_array_size(json_object_get(t, "rows"))));
            rc = reply(o, 200, json_pack("{s:s,s:i,s:o}", "unit", seg[1], "year", (int)year, "tables", list));
        } else if (!rc) {
            size_t i;
            json_t *t, *found = NULL;
            json_array_foreach(tables, i, t) if (json_is_string(json_object_get(t, "id")) &&
                                                 !strcmp(json_string_value(json_object_get(t, "id")), seg[4])) found = t;
            if (!found)
                rc = srv_fail(o, 404, "没有表“%s”", seg[4]);
            else if (srv_arg(r, "format") && !strcmp(srv_arg(r, "format"), "csv")) {
                size_t k;
                for (k = 0; k < d->ntables && strcmp(d->tables[k].lt->id, seg[4]); k++)
                    ;
                char *csv = NULL;
                size_t cl = 0;
                if (k == d->ntables || yu_render_csv_table(d, k, &csv, &cl, &err))
                    rc = srv_fail(o, 500, "cannot write the table as CSV");
                else {
                    o->ctype = "text/csv";
                    yu_buf_add(&o->b, csv, cl);
                    rc = 200;
                }
                free(csv);
            } else
                rc = reply(o, 200, json_incref(found));
        }
        json_decref(doc);
    }
    yu_doc_free(d);
    yu_budget_free(b);
    return rc ? rc : 200;
}

static int documents(srv_req *r, srv_out *o, char seg[6][128], size_t n)
{
    yu_store *s = srv_store(r->S);
    if (n == 1) {
        json_t *rows = q_documents(s, srv_arg(r, "rule"), srv_arg(r, "unit"), srv_arg(r, "year"), srv_arg(r, "template"));
        return rows ? reply(o, 200, json_pack("{s:o}", "documents", rows)) : srv_fail(o, 400, "筛选条件无效");
    }
    int64_t id;
    if (parse_i64(seg[1], &id))
        return srv_fail(o, 400, "文档编号“%s”：应为整数", seg[1]);
    const char *a[1] = {seg[1]};
    if (n == 2 && !strcmp(r->method, "GET")) {
        json_t *d = q_row(s, "SELECT id, origin, unit_name AS unit, year, template, money_unit, tables_found, tables_expected,"
                             " errors, missing, imported_at FROM documents WHERE id = ?1", a, 1);
        if (!d)
            return srv_fail(o, 404, "没有编号为%s的文档", seg[1]);
        json_t *fs = q_findings(s, seg[1], NULL, NULL);
        q_quotes(r->S, json_string_value(json_object_get(d, "origin")), fs);
        json_object_set_new(d, "findings", fs);
        return reply(o, 200, d);
    }
    if (n == 3 && !strcmp(seg[2], "cells")) {
        const char *b[2] = {seg[1], srv_arg(r, "table")};
        json_t *rows = q_rows(s, "SELECT table_id AS \"table\", row, code, row_key, col, value, text, fen FROM doc_cells"
                                 " WHERE document_id = ?1 AND (?2 IS NULL OR table_id = ?2) ORDER BY table_id, row, col", b, 2);
        return reply(o, 200, json_pack("{s:I,s:o}", "document", (json_int_t)id, "cells", rows));
    }
    if (n == 3 && !strcmp(seg[2], "rerun") && !strcmp(r->method, "POST")) {
        /* the audit again, on the kept file, with the rules of this yusuan */
        if (srv_need_user(r, o))
            return o->status;
        if (!yu_flow_has_role(s, r->user.id, YU_ROLE_REVIEWER))
            return srv_fail(o, 403, "没有权限：重新审查需要审查（reviewer）角色");
        json_t *d = q_row(s, "SELECT origin FROM documents WHERE id = ?1", a, 1);
        if (!d)
            return srv_fail(o, 404, "没有编号为%s的文档", seg[1]);
        srv_job *jb = srv_queue_audit(r, o, json_string_value(json_object_get(d, "origin")), NULL, 0);
        json_decref(d);
        if (!jb)
            return o->status;
        char loc[64];
        snprintf(loc, sizeof loc, "/api/audits/%lld", (long long)jb->id);
        srv_header(o, "Location", loc);
        return reply(o, 202, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)jb->id, "state", "queued", "status", loc));
    }
    if (n == 4 && !strcmp(seg[2], "findings") && !strcmp(r->method, "POST")) {
        if (srv_need_user(r, o))
            return o->status;
        int64_t seq;
        if (parse_i64(seg[3], &seq) || seq < 0 || seq > 1000000)
            return srv_fail(o, 400, "审查意见序号“%s”：应为非负整数", seg[3]);
        json_t *j = body_json(r, o);
        if (!j)
            return o->status;
        yu_error err;
        yu_error_clear(&err);
        pthread_mutex_lock(&r->S->write_lock);
        yu_status st = yu_flow_decide(s, &r->user, id, (int)seq, jstr(j, "decision"), jstr(j, "reason"), &err);
        pthread_mutex_unlock(&r->S->write_lock);
        json_decref(j);
        if (st)
            return srv_fail(o, srv_status_of(st), "%s", err.msg);
        const char *b[2] = {seg[1], seg[3]};
        return reply(o, 200, q_row(s, "SELECT f.document_id AS document, f.seq, x.decision, x.reason, x.decided_at"
                                      " FROM doc_findings f JOIN documents d ON d.id = f.document_id JOIN flow_decisions x"
                                      " ON x.origin = d.origin AND x.rule = f.rule AND x.place = " YU_FLOW_DECISION_PLACE
                                      " WHERE f.document_id = ?1 AND f.seq = ?2", b, 2));
    }
    return 0;
}

static int findings(srv_req *r, srv_out *o)
{
    yu_store *s = srv_store(r->S);
    const char *fmt = srv_arg(r, "format");
    json_t *rows = q_findings(s, srv_arg(r, "document"), srv_arg(r, "rule"), srv_arg(r, "severity"));
    if (!rows)
        return srv_fail(o, 500, "cannot read the findings");
    if (fmt && !strcmp(fmt, "csv")) {
        o->ctype = "text/csv";
        srv_header(o, "Content-Disposition", "attachment; filename=\"findings.csv\"");
        q_csv(&o->b, rows);
        json_decref(rows);
        return 200;
    }
    if (fmt && !strcmp(fmt, "xlsx")) {
        char msg[256] = "";
        int rc = q_xlsx(&o->b, rows, "审查意见", msg, sizeof msg);
        json_decref(rows);
        if (rc)
            return srv_fail(o, 500, "%s", msg);
        o->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        srv_header(o, "Content-Disposition", "attachment; filename=\"findings.xlsx\"");
        return 200;
    }
    if (fmt && strcmp(fmt, "json")) {
        json_decref(rows);
        return srv_fail(o, 400, "format“%s”：应为 json、csv 或 xlsx", fmt);
    }
    return reply(o, 200, json_pack("{s:o}", "findings", rows));
}

static int aggregate(srv_req *r, srv_out *o, const char *what, const char *dim)
{
    q_agg a;
    memset(&a, 0, sizeof a);
    char msg[512] = "";
    int64_t page = 1, pagesize = 20;
    if (srv_arg(r, "page") && (parse_i64(srv_arg(r, "page"), &page) || page < 1))
        return srv_fail(o, 400, "page“%s”：应为从1起的整数", srv_arg(r, "page"));
    if (srv_arg(r, "pagesize") && (parse_i64(srv_arg(r, "pagesize"), &pagesize) || pagesize < 1 || pagesize > 10000))
        return srv_fail(o, 400, "pagesize“%s”：应为1至10000的整数", srv_arg(r, "pagesize"));
    const char *dd = !strcmp(what, "members") ? dim : srv_arg(r, "drilldown");
    char order[64] = "";
    if (!strcmp(what, "members"))
        snprintf(order, sizeof order, "%s:asc", dim);
    if (q_agg_parse(&a, !strcmp(what, "facts") ? NULL : dd, srv_arg(r, "cut"), order[0] ? order : srv_arg(r, "order"), msg,
                    sizeof msg))
        return srv_fail(o, 400, "%s", msg);
    a.page = page;
    a.pagesize = pagesize;
    json_t *res = !strcmp(what, "facts") ? q_facts(r->S, srv_store(r->S), &a, msg, sizeof msg)
                                         : q_aggregate(r->S, srv_store(r->S), &a, msg, sizeof msg);
    if (!res)
        return srv_fail(o, 400, "%s", msg);
    if (srv_arg(r, "format") && !strcmp(srv_arg(r, "format"), "csv")) {
        o->ctype = "text/csv";
        q_csv(&o->b, json_object_get(res, !strcmp(what, "facts") ? "data" : "cells"));
        json_decref(res);
        return 200;
    }
    return reply(o, 200, res);
}

static int compare(srv_req *r, srv_out *o)
{
    char msg[512] = "";
    json_t *rows = q_compare(srv_store(r->S), srv_arg(r, "units"), srv_arg(r, "years"), srv_arg(r, "item"), msg, sizeof msg);
    if (!rows)
        return srv_fail(o, 400, "%s", msg);
    if (srv_arg(r, "format") && !strcmp(srv_arg(r, "format"), "csv")) {
        o->ctype = "text/csv";
        srv_header(o, "Content-Disposition", "attachment; filename=\"compare.csv\"");
        q_csv(&o->b, rows);
        json_decref(rows);
        return 200;
    }
    return reply(o, 200, json_pack("{s:o}", "rows", rows));
}

/* ----------------------------------------------------------- writes */

static int login(srv_req *r, srv_out *o)
{
    json_t *j = body_json(r, o);
    if (!j)
        return o->status;
    char token[65], csrf[65];
    yu_error err;
    yu_error_clear(&err);
    pthread_mutex_lock(&r->S->write_lock);
    yu_status st = yu_flow_login(srv_store(r->S), jstr(j, "name"), jstr(j, "password"), (int64_t)time(NULL), 8 * 3600,
                                 token, csrf, &err);
    pthread_mutex_unlock(&r->S->write_lock);
    json_decref(j);
    if (st)
        return srv_fail(o, st == YU_EVALUE ? 401 : srv_status_of(st), "%s", err.msg);
    char cookie[200];
    snprintf(cookie, sizeof cookie, "yusuan_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800", token);
    srv_header(o, "Set-Cookie", cookie);
    return reply(o, 200, json_pack("{s:s}", "csrf", csrf));
}

static int logout(srv_req *r, srv_out *o)
{
    if (srv_need_user(r, o))
        return o->status;
    yu_flow_logout(srv_store(r->S), r->token, NULL);
    srv_header(o, "Set-Cookie", "yusuan_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return reply(o, 200, json_pack("{s:b}", "ok", 1));
}

/* an uploaded file: a form's "file" field, or the raw body named by ?name= */
static const char *upload_of(srv_req *r, size_t *len, const char **name)
{
    if (r->form) {
        const char *fn = NULL;
        const char *v = srv_field_get(r, "file", len, &fn);
        *name = fn && *fn ? fn : srv_arg(r, "name");
        return v;
    }
    *name = srv_arg(r, "name");
    *len = r->body.len;
    return r->body.p;
}

static json_t *job_json(const srv_job *j)
{
    static const char *const st[4] = {"queued", "running", "done", "failed"};
    json_t *o = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)j->id, "name", j->name, "state", st[j->state], "message",
                          j->message);
    if (j->document_id)
        json_object_set_new(o, "document", json_integer(j->document_id));
    if (j->state == 2)
        json_object_set_new(o, "errors", json_integer(j->errors));
    return o;
}

static int audits(srv_req *r, srv_out *o, char seg[6][128], size_t n)
{
    if (n == 1 && !strcmp(r->method, "POST")) {
        if (srv_need_user(r, o))
            return o->status;
        if (!yu_flow_has_role(srv_store(r->S), r->user.id, YU_ROLE_REVIEWER))
            return srv_fail(o, 403, "没有权限：上传文件审查需要审查（reviewer）角色");
        size_t len = 0;
        const char *name = NULL;
        const char *data = upload_of(r, &len, &name);
        if (!data || !name)
            return srv_fail(o, 400, "缺少文件：以表单字段 file 上传，或以请求体上传并用 ?name=文件名 命名");
        srv_job *j = srv_queue_audit(r, o, name, data, len);
        if (!j)
            return o->status;
        json_t *all = json_array();
        json_array_append_new(all, json_pack("{s:I,s:s}", "id", (json_int_t)j->id, "name", j->name));
        /* a form may carry more files under the same name: each is queued in turn */
        int first = 1;
        for (size_t i = 0; r->form && i < r->nfields; i++) {
            srv_field *f = &r->fields[i];
            if (strcmp(f->name, "file") || !f->filename[0])
                continue;
            if (first) { /* the one queued above */
                first = 0;
                continue;
            }
            srv_job *k = srv_queue_audit(r, o, f->filename, f->val.p ? f->val.p : "", f->val.len);
            if (!k) {
                json_decref(all);
                return o->status;
            }
            json_array_append_new(all, json_pack("{s:I,s:s}", "id", (json_int_t)k->id, "name", k->name));
        }
        char loc[64];
        snprintf(loc, sizeof loc, "/api/audits/%lld", (long long)j->id);
        srv_header(o, "Location", loc);
        return reply(o, 202, json_pack("{s:I,s:s,s:s,s:o}", "id", (json_int_t)j->id, "state", "queued", "status", loc,
                                       "audits", all));
    }
    int64_t id;
    if (n == 1 && !strcmp(r->method, "GET")) {
        srv_job *list = NULL;
        size_t nj = srv_jobs(r->S, &list);
        json_t *arr = json_array();
        for (size_t i = 0; i < nj; i++)
            json_array_append_new(arr, job_json(&list[i]));
        free(list);
        return reply(o, 200, json_pack("{s:o}", "audits", arr));
    }
    if (n == 2 && !strcmp(r->method, "GET")) {
        srv_job j;
        if (parse_i64(seg[1], &id))
            return srv_fail(o, 400, "任务编号“%s”：应为整数", seg[1]);
        if (!srv_job_get(r->S, id, &j))
            return srv_fail(o, 404, "没有编号为%s的审查任务", seg[1]);
        return reply(o, 200, job_json(&j));
    }
    return 0;
}

static json_t *sub_json(yu_store *s, const yu_flow_sub *x, int full)
{
    json_t *j = json_pack("{s:I,s:s,s:i,s:s,s:i,s:s,s:i,s:i,s:s?,s:s,s:s}", "id", (json_int_t)x->id, "unit", x->unit_code,
                          "year", x->year, "state", yu_sub_state_key(x->state), "version", x->version, "filename",
                          x->filename, "errors", x->errors, "warnings", x->warnings, "comment", x->comment, "updated_at",
                          x->updated_at, "uploaded_by", x->created_by);
    if (full) {
        char ids[32];
        snprintf(ids, sizeof ids, "%lld", (long long)x->id);
        const char *a[1] = {ids};
        json_object_set_new(j, "findings", q_rows(s, "SELECT seq, rule, severity, location, message FROM flow_sub_findings"
                                                     " WHERE submission_id = ?1 ORDER BY seq", a, 1));
        json_object_set_new(j, "log", q_rows(s, "SELECT at, user_name AS user, action, detail FROM flow_log"
                                                " WHERE object = ?1 AND action IN ('upload', 'submit', 'return', 'approve')"
                                                " ORDER BY id", a, 1));
    }
    return j;
}

int api_submission_download(srv_req *r, srv_out *o, int64_t id, const char *fmt)
{
    yu_flow_sub x;
    yu_error err;
    yu_error_clear(&err);
    yu_status st = yu_flow_sub_get(srv_store(r->S), r->authed ? &r->user : NULL, id, 1, &x, &err);
    if (st)
        return srv_fail(o, srv_status_of(st), "%s", err.msg);
    int rc = 0;
    if (!strcmp(fmt, "xlsx-input")) {
        o->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        yu_buf_add(&o->b, x.workbook, x.len);
        srv_header(o, "Content-Disposition", "attachment; filename=\"input.xlsx\"");
    } else {
        yu_budget *b = NULL;
        yu_doc *d = NULL;
        st = srv_workbook_doc(r->S, x.workbook, x.len, &b, &d, &err);
        char base[200];
        snprintf(base, sizeof base, "%s-%d-v%d", x.unit_code, x.year, x.version);
        rc = st ? srv_fail(o, 409, "这份工作簿读不出文档：%s", err.msg) : srv_render(o, d, fmt, base);
        yu_doc_free(d);
        yu_budget_free(b);
    }
    yu_flow_sub_free(&x);
    return rc ? rc : 200;
}

static int submissions(srv_req *r, srv_out *o, char seg[6][128], size_t n)
{
    yu_store *s = srv_store(r->S);
    if (n == 1 && !strcmp(r->method, "GET")) {
        json_t *rows = q_submissions(s, r->authed ? r->user.id : 0);
        return reply(o, 200, json_pack("{s:o}", "submissions", rows));
    }
    if (n == 1 && !strcmp(r->method, "POST")) {
        if (srv_need_user(r, o))
            return o->status;
        size_t len = 0;
        const char *name = NULL;
        const char *data = upload_of(r, &len, &name);
        if (!data || !len)
            return srv_fail(o, 400, "缺少工作簿：以表单字段 file 上传，或以请求体上传（?name=文件名.xlsx）");
        if (!name)
            name = "workbook.xlsx";
        if (!srv_safe_name(name))
            return srv_fail(o, 400, "文件名“%s”不合法", name);
        int64_t id = 0;
        if (srv_upload_workbook(r, o, name, data, len, &id))
            return o->status;
        yu_flow_sub x;
        if (yu_flow_sub_get(s, &r->user, id, 0, &x, NULL))
            return srv_fail(o, 500, "cannot read the submission back");
        json_t *j = sub_json(s, &x, 1);
        yu_flow_sub_free(&x);
        char loc[64];
        snprintf(loc, sizeof loc, "/api/submissions/%lld", (long long)id);
        srv_header(o, "Location", loc);
        return reply(o, 201, j);
    }
    int64_t id;
    if (parse_i64(seg[1], &id))
        return srv_fail(o, 400, "报送编号“%s”：应为整数", seg[1]);
    if (n == 2 && !strcmp(r->method, "GET")) {
        yu_flow_sub x;
        yu_error err;
        yu_error_clear(&err);
        yu_status st = yu_flow_sub_get(s, r->authed ? &r->user : NULL, id, 0, &x, &err);
        if (st)
            return srv_fail(o, srv_status_of(st), "%s", err.msg);
        json_t *j = sub_json(s, &x, 1);
        yu_flow_sub_free(&x);
        return reply(o, 200, j);
    }
    if (n == 3 && !strcmp(r->method, "GET") && !strncmp(seg[2], "document.", 9))
        return api_submission_download(r, o, id, seg[2] + 9);
    if (n == 3 && !strcmp(r->method, "GET") && !strcmp(seg[2], "input.xlsx"))
        return api_submission_download(r, o, id, "xlsx-input");
    if (n == 3 && !strcmp(r->method, "POST")) {
        int a = yu_sub_action_parse(seg[2]);
        if (a < 0)
            return srv_fail(o, 404, "操作“%s”：应为 submit、return 或 approve", seg[2]);
        if (srv_need_user(r, o))
            return o->status;
        json_t *j = NULL;
        if (r->body.len || r->form) {
            if (!(j = body_json(r, o)))
                return o->status;
        }
        int rc = srv_act(r, o, id, (yu_sub_action)a, j ? jstr(j, "comment") : NULL);
        json_decref(j);
        if (rc)
            return rc;
        yu_flow_sub x;
        if (yu_flow_sub_get(s, &r->user, id, 0, &x, NULL))
            return srv_fail(o, 500, "cannot read the submission back");
        json_t *res = sub_json(s, &x, 0);
        yu_flow_sub_free(&x);
        return reply(o, 200, res);
    }
    return 0;
}

static int whoami(srv_req *r, srv_out *o)
{
    if (!r->authed)
        return srv_fail(o, 401, "未登录");
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)r->user.id);
    const char *a[1] = {id};
    return reply(o, 200, json_pack("{s:s,s:o}", "name", r->user.name, "roles",
                                   q_rows(srv_store(r->S), "SELECT role, unit_code AS unit FROM flow_grants WHERE user_id = ?1"
                                                           " ORDER BY role, unit_code", a, 1)));
}

int api_route(srv_req *r, srv_out *o)
{
    char seg[6][128];
    size_t n = segments(r->url, seg);
    int get = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD"), post = !strcmp(r->method, "POST");
    if (!get && !post)
        return srv_fail(o, 405, "方法 %s 不受支持：只用 GET 与 POST", r->method);
    if (n == 0 && get)
        return reply(o, 200, json_pack("{s:s,s:s}", "yusuan", YUSUAN_VERSION, "api", "/api/ — see docs/api.md"));
    if (n == 7 || n == 0)
        return 0;
    const char *c = seg[0];
    if (!strcmp(c, "units") && get)
        return units(r, o, seg, n);
    if (!strcmp(c, "documents"))
        return documents(r, o, seg, n);
    if (!strcmp(c, "findings") && get && n == 1)
        return findings(r, o);
    if ((!strcmp(c, "aggregate") || !strcmp(c, "facts")) && get && n == 1)
        return aggregate(r, o, c, NULL);
    if (!strcmp(c, "members") && get && n == 2)
        return aggregate(r, o, c, seg[1]);
    if (!strcmp(c, "compare") && get && n == 1)
        return compare(r, o);
    if (!strcmp(c, "login") && post && n == 1)
        return login(r, o);
    if (!strcmp(c, "logout") && post && n == 1)
        return logout(r, o);
    if (!strcmp(c, "me") && get && n == 1)
        return whoami(r, o);
    if (!strcmp(c, "audits"))
        return audits(r, o, seg, n);
    if (!strcmp(c, "submissions"))
        return submissions(r, o, seg, n);
    return 0;
}
