/* yusuan serve: the web pages — server-rendered HTML that works without
 * JavaScript; charts are inline SVG (docs/api.md "Pages"). */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include <jansson.h>
#include <microhttpd.h>
#include "server.h"
#include "query.h"

int api_submission_download(srv_req *r, srv_out *o, int64_t id, const char *fmt);

static void esc(yu_buf *b, const char *s) { srv_html_esc(b, s); }

/* the text of a JSON value (string or integer) */
static const char *jtext(json_t *o, const char *k, char *buf, size_t n)
{
    json_t *v = json_object_get(o, k);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, n, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    return "";
}

/* a query argument escaped for a URL */
static void url_esc(yu_buf *b, const char *s)
{
    static const char hx[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || strchr("-_.,", c))
            yu_buf_add(b, s, 1);
        else {
            char e[3] = {'%', hx[c >> 4], hx[c & 15]};
            yu_buf_add(b, e, 3);
        }
    }
}

static void begin(srv_req *r, srv_out *o, const char *title)
{
    o->ctype = "text/html";
    yu_buf *b = &o->b;
    yu_buf_puts(b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
    esc(b, title);
    yu_buf_puts(b, " — yusuan</title><style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:0 auto;max-width:72em;"
                   "padding:0 1em}nav{border-bottom:1px solid #ccc;padding:.6em 0}nav a{margin-right:1em}"
                   "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}"
                   "td.n{text-align:right}.error{color:#b00}.state{font-weight:bold}form.inline{display:inline}"
                   "</style></head><body><nav><a href=\"/\">yusuan</a><a href=\"/documents\">公开文件审查</a>"
                   "<a href=\"/units\">单位与预算</a><a href=\"/compare\">比较</a><a href=\"/submissions\">填报与审核</a>");
    if (r->authed) {
        yu_buf_puts(b, "<span>");
        esc(b, r->user.name);
        yu_buf_printf(b, "</span> <form class=\"inline\" method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\""
                         " value=\"%s\"><button>退出</button></form>", r->user.csrf);
    } else
        yu_buf_puts(b, "<a href=\"/login\">登录</a>");
    yu_buf_puts(b, "</nav><main><h1>");
    esc(b, title);
    yu_buf_puts(b, "</h1>\n");
}

static int page_end(srv_out *o)
{
    yu_buf_puts(&o->b, "</main></body></html>\n");
    return o->status ? o->status : 200;
}

static int redirect(srv_out *o, const char *to)
{
    o->status = 303;
    srv_header(o, "Location", to);
    o->ctype = "text/html";
    yu_buf_puts(&o->b, "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>303</title></head><body>");
    yu_buf_puts(&o->b, "<p><a href=\"");
    esc(&o->b, to);
    yu_buf_puts(&o->b, "\">继续</a></p></body></html>\n");
    return 303;
}

static void csrf_field(srv_req *r, yu_buf *b)
{
    yu_buf_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->user.csrf);
}

/* a table of rows: columns given as key and header */
static void table(yu_buf *b, json_t *rows, const char *const *keys, const char *const *heads, size_t n, const char *link_key,
                  const char *link_prefix)
{
    yu_buf_puts(b, "<table><thead><tr>");
    for (size_t i = 0; i < n; i++) {
        yu_buf_puts(b, "<th>");
        esc(b, heads[i]);
        yu_buf_puts(b, "</th>");
    }
    yu_buf_puts(b, "</tr></thead><tbody>\n");
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        yu_buf_puts(b, "<tr>");
        for (size_t k = 0; k < n; k++) {
            char buf[32];
            json_t *v = json_object_get(row, keys[k]);
            yu_buf_puts(b, json_is_integer(v) ? "<td class=\"n\">" : "<td>");
            if (link_key && !strcmp(keys[k], link_key)) {
                yu_buf_printf(b, "<a href=\"%s", link_prefix);
                char idb[32];
                esc(b, jtext(row, "id", idb, sizeof idb));
                yu_buf_puts(b, "\">");
                esc(b, jtext(row, keys[k], buf, sizeof buf));
                yu_buf_puts(b, "</a>");
            } else
                esc(b, jtext(row, keys[k], buf, sizeof buf));
            yu_buf_puts(b, "</td>");
        }
        yu_buf_puts(b, "</tr>\n");
    }
    yu_buf_puts(b, "</tbody></table>\n");
}

/* ------------------------------------------------------------ pages */

static int home(srv_req *r, srv_out *o)
{
    yu_store *s = srv_store(r->S);
    begin(r, o, "预算公开与审核");
    json_t *c = q_row(s, "SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM budgets) AS budgets,"
                         " (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM flow_submissions) AS subs", NULL, 0);
    char a[32], b2[32], c3[32], d4[32];
    yu_buf_printf(&o->b,
                  "<p>库中有 %s 个单位、%s 份预算，%s 份已审查的公开文件，%s 份报送。</p><ul>"
                  "<li><a href=\"/documents\">公开文件审查</a>：按规则、单位、年度、模板筛选审查意见，确认或驳回</li>"
                  "<li><a href=\"/units\">单位与预算</a>：单位树，任一单位或部门的预算公开文件</li>"
                  "<li><a href=\"/compare\">比较</a>：各单位、各年度的三公经费（图表与 CSV）</li>"
                  "<li><a href=\"/submissions\">填报与审核</a>：上传工作簿、检查、报送，上级退回或批复</li>"
                  "<li><a href=\"/api/\">JSON API</a>（docs/api.md）</li></ul>\n",
                  jtext(c, "units", a, sizeof a), jtext(c, "budgets", b2, sizeof b2), jtext(c, "documents", c3, sizeof c3),
                  jtext(c, "subs", d4, sizeof d4));
    json_decref(c);
    return page_end(o);
}

static void filter_input(yu_buf *b, const char *name, const char *label, const char *val)
{
    yu_buf_printf(b, "<label>%s <input name=\"%s\" value=\"", label, name);
    esc(b, val ? val : "");
    yu_buf_puts(b, "\" size=\"12\"></label> ");
}

static int documents(srv_req *r, srv_out *o)
{
    yu_store *s = srv_store(r->S);
    begin(r, o, "公开文件审查");
    yu_buf *b = &o->b;
    yu_buf_puts(b, "<form method=\"get\" action=\"/documents\">");
    filter_input(b, "rule", "规则", srv_arg(r, "rule"));
    filter_input(b, "unit", "单位", srv_arg(r, "unit"));
    filter_input(b, "year", "年度", srv_arg(r, "year"));
    filter_input(b, "template", "模板", srv_arg(r, "template"));
    yu_buf_puts(b, "<button>筛选</button></form>\n");
    json_t *rows = q_documents(s, srv_arg(r, "rule"), srv_arg(r, "unit"), srv_arg(r, "year"), srv_arg(r, "template"));
    static const char *const keys[] = {"origin", "unit", "year", "template", "tables_found", "error", "rounding",
                                       "missing", "warning", "confirmed", "dismissed"};
    static const char *const heads[] = {"文件", "单位", "年度", "模板", "读出表数", "错误", "尾差", "缺值", "提示", "已确认", "已驳回"};
    yu_buf_printf(b, "<p>%zu 份文件。<a href=\"/api/findings?format=csv\">导出全部审查意见（CSV）</a></p>\n", json_array_size(rows));
    table(b, rows, keys, heads, 11, "origin", "/documents/");
    json_decref(rows);
    if (r->authed && yu_flow_has_role(s, r->user.id, YU_ROLE_REVIEWER)) {
        yu_buf_puts(b, "<h2>上传文件审查</h2><form method=\"post\" action=\"/audits\" enctype=\"multipart/form-data\">");
        csrf_field(r, b);
        yu_buf_puts(b, "<input type=\"file\" name=\"file\" accept=\".pdf,.txt\" multiple> <button>上传并审查</button></form>"
                       "<p>可一次选择多个文件；审查在后台逐个进行，页面可继续使用（<a href=\"/audits\">进度</a>）。</p>\n");
    }
    return page_end(o);
}

static int document(srv_req *r, srv_out *o, const char *id)
{
    yu_store *s = srv_store(r->S);
    const char *a[1] = {id};
    json_t *d = q_row(s, "SELECT origin, unit_name AS unit, year, template, tables_found, tables_expected, errors FROM documents"
                         " WHERE id = ?1", a, 1);
    if (!d)
        return srv_fail(o, 404, "没有编号为%s的文档", id);
    char t1[32], t2[32], t3[32];
    begin(r, o, jtext(d, "origin", t1, sizeof t1));
    yu_buf *b = &o->b;
    yu_buf_puts(b, "<p>");
    esc(b, jtext(d, "unit", t1, sizeof t1));
    yu_buf_printf(b, " %s年，模板 ", jtext(d, "year", t1, sizeof t1));
    esc(b, jtext(d, "template", t1, sizeof t1));
    yu_buf_printf(b, "，读出 %s/%s 张表。<a href=\"/api/findings?document=%s&amp;format=csv\">审查意见 CSV</a> · "
                     "<a href=\"/api/documents/%s\">JSON</a></p>\n",
                  jtext(d, "tables_found", t2, sizeof t2), jtext(d, "tables_expected", t3, sizeof t3), id, id);
    json_t *fs = q_findings(s, id, NULL, NULL);
    q_quotes(r->S, jtext(d, "origin", t1, sizeof t1), fs);
    json_decref(d);
    int reviewer = r->authed && yu_flow_has_role(s, r->user.id, YU_ROLE_REVIEWER);
    if (reviewer) {
        yu_buf_printf(b, "<form method=\"post\" action=\"/documents/%s/rerun\">", id);
        csrf_field(r, b);
        yu_buf_puts(b, "<button>按现行规则重新审查</button></form>\n");
    }
    yu_buf_puts(b, "<table><thead><tr><th>#</th><th>页</th><th>规则</th><th>级别</th><th>位置</th><th>表中数字</th><th>原文</th>"
                   "<th>意见</th><th>决定</th></tr></thead><tbody>\n");
    size_t i;
    json_t *f;
    json_array_foreach(fs, i, f) {
        char buf[64], seq[32];
        jtext(f, "seq", seq, sizeof seq);
        const char *pg = jtext(f, "page", buf, sizeof buf);
        yu_buf_printf(b, "<tr id=\"f%s\"><td class=\"n\">%s</td><td class=\"n\">", seq, seq);
        if (*pg)
            yu_buf_printf(b, "<a href=\"/documents/%s/pages/%s\">%s</a>", id, pg, pg);
        yu_buf_puts(b, "</td><td>");
        esc(b, jtext(f, "rule", buf, sizeof buf));
        yu_buf_puts(b, "</td><td>");
        esc(b, jtext(f, "severity", buf, sizeof buf));
        yu_buf_puts(b, "</td><td>");
        esc(b, jtext(f, "table", buf, sizeof buf));
        yu_buf_puts(b, " ");
        esc(b, jtext(f, "row", buf, sizeof buf));
        yu_buf_puts(b, " ");
        esc(b, jtext(f, "column", buf, sizeof buf));
        yu_buf_puts(b, "</td><td>");
        esc(b, jtext(f, "cell", buf, sizeof buf));
        yu_buf_puts(b, "</td><td><q>");
        esc(b, jtext(f, "quote", buf, sizeof buf));
        yu_buf_puts(b, "</q></td><td>");
        esc(b, jtext(f, "message", buf, sizeof buf));
        yu_buf_puts(b, "</td><td>");
        const char *dec = jtext(f, "decision", buf, sizeof buf);
        if (*dec) {
            yu_buf_puts(b, !strcmp(dec, "confirmed") ? "已确认：" : "已驳回：");
            esc(b, jtext(f, "reason", buf, sizeof buf));
            yu_buf_puts(b, "（");
            esc(b, jtext(f, "decided_by", buf, sizeof buf));
            yu_buf_puts(b, "）");
        }
        if (reviewer) {
            yu_buf_printf(b, "<form method=\"post\" action=\"/documents/%s/decide\"><input type=\"hidden\" name=\"seq\" value=\"%s\">",
                          id, seq);
            csrf_field(r, b);
            yu_buf_puts(b, "<input name=\"reason\" placeholder=\"理由\" required> <button name=\"decision\" value=\"confirmed\">确认</button>"
                           " <button name=\"decision\" value=\"dismissed\">驳回</button></form>");
        }
        yu_buf_puts(b, "</td></tr>\n");
    }
    yu_buf_puts(b, "</tbody></table>\n");
    json_decref(fs);
    return page_end(o);
}

/* the figures a finding's message quotes (decimal numbers such as 441.25 or 1,234.56), as they
 * are printed in the document: up to max of them into out */
static size_t message_figures(const char *msg, char out[][40], size_t max)
{
    size_t n = 0;
    for (const char *p = msg; *p && n < max;) {
        if (!(*p >= '0' && *p <= '9') || (p > msg && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.' || p[-1] == ','))) {
            p++;
            continue;
        }
        const char *q = p;
        int dot = 0;
        while ((*q >= '0' && *q <= '9') || (*q == ',' && q[1] >= '0' && q[1] <= '9') ||
               (*q == '.' && !dot && q[1] >= '0' && q[1] <= '9'))
            dot |= *q++ == '.';
        size_t l = (size_t)(q - p);
        if (dot && l < 40) {
            memcpy(out[n], p, l);
            out[n++][l] = '\0';
        }
        p = q;
    }
    return n;
}

/* /documents/ID/pages/N: the page's image with its findings; /documents/ID/pages/N.png: the image */
static int doc_page(srv_req *r, srv_out *o, const char *id, const char *pg)
{
    yu_store *s = srv_store(r->S);
    char *end;
    long page = strtol(pg, &end, 10);
    int png = !strcmp(end, ".png");
    if (end == pg || (*end && !png) || page < 1 || page > 100000)
        return srv_fail(o, 400, "页码“%s”：应为从1起的整数", pg);
    const char *a[1] = {id};
    json_t *d = q_row(s, "SELECT origin FROM documents WHERE id = ?1", a, 1);
    if (!d)
        return srv_fail(o, 404, "没有编号为%s的文档", id);
    char origin[256];
    snprintf(origin, sizeof origin, "%s", json_string_value(json_object_get(d, "origin")));
    json_decref(d);
    json_t *all = q_findings(s, id, NULL, NULL), *fs = json_array();
    size_t i;
    json_t *f;
    json_array_foreach(all, i, f) if (json_integer_value(json_object_get(f, "page")) == page) json_array_append(fs, f);
    json_decref(all);
    int rc;
    if (png) {
        char path[1300], (*marks)[40] = calloc(8 * json_array_size(fs) + 1, sizeof *marks);
        const char **mp = calloc(8 * json_array_size(fs) + 1, sizeof *mp);
        size_t nm = 0;
        json_array_foreach(fs, i, f) {
            size_t k = marks ? message_figures(jtext(f, "message", path, sizeof path), marks + nm, 8) : 0;
            for (size_t j = 0; mp && j < k; j++, nm++)
                mp[nm] = marks[nm];
        }
        char msg[512] = "";
        if (!marks || !mp)
            rc = srv_fail(o, 500, "out of memory");
        else if (srv_upload_path(r->S, origin, path, sizeof path))
            rc = srv_fail(o, 404, "没有“%s”的原文件", origin);
        else if ((rc = srv_page_png(path, (int)page, mp, nm, &o->b, msg, sizeof msg)))
            srv_fail(o, rc, "%s", msg);
        else {
            o->ctype = "image/png";
            rc = 200;
        }
        free(marks);
        free(mp);
    } else {
        char title[400];
        snprintf(title, sizeof title, "%s 第%ld页", origin, page);
        begin(r, o, title);
        yu_buf_printf(&o->b, "<p><a href=\"/documents/%s\">全部审查意见</a>", id);
        if (page > 1)
            yu_buf_printf(&o->b, " · <a href=\"/documents/%s/pages/%ld\">上一页</a>", id, page - 1);
        yu_buf_printf(&o->b, " · <a href=\"/documents/%s/pages/%ld\">下一页</a></p>\n<ol>", id, page + 1);
        json_array_foreach(fs, i, f) {
            char buf[64];
            yu_buf_puts(&o->b, "<li>[");
            esc(&o->b, jtext(f, "rule", buf, sizeof buf));
            yu_buf_puts(&o->b, "] ");
            esc(&o->b, jtext(f, "message", buf, sizeof buf));
            yu_buf_puts(&o->b, "</li>");
        }
        yu_buf_printf(&o->b, "</ol><p><img src=\"/documents/%s/pages/%ld.png\" alt=\"第%ld页，红框为审查意见所指的数字\""
                             " style=\"max-width:100%%;border:1px solid #ccc\"></p>\n", id, page, page);
        rc = page_end(o);
    }
    json_decref(fs);
    return rc;
}

static int decide(srv_req *r, srv_out *o, const char *id)
{
    if (srv_need_user(r, o))
        return o->status;
    char *end;
    long long doc = strtoll(id, &end, 10);
    const char *seq = srv_arg(r, "seq");
    char *e2 = NULL;
    long sq = seq ? strtol(seq, &e2, 10) : -1;
    if (*end || !seq || *e2 || sq < 0)
        return srv_fail(o, 400, "需要文档编号与审查意见序号");
    yu_error err;
    yu_error_clear(&err);
    pthread_mutex_lock(&r->S->write_lock);
    yu_status st = yu_flow_decide(srv_store(r->S), &r->user, doc, (int)sq, srv_arg(r, "decision"), srv_arg(r, "reason"), &err);
    pthread_mutex_unlock(&r->S->write_lock);
    if (st)
        return srv_fail(o, srv_status_of(st), "%s", err.msg);
    char to[96];
    snprintf(to, sizeof to, "/documents/%lld#f%ld", doc, sq);
    return redirect(o, to);
}

static int audit_post(srv_req *r, srv_out *o)
{
    if (srv_need_user(r, o))
        return o->status;
    if (!yu_flow_has_role(srv_store(r->S), r->user.id, YU_ROLE_REVIEWER))
        return srv_fail(o, 403, "没有权限：上传文件审查需要审查（reviewer）角色");
    /* one file or many, each audited in turn in the background */
    int queued = 0;
    int64_t last = 0;
    for (size_t i = 0; i < r->nfields; i++) {
        srv_field *f = &r->fields[i];
        if (strcmp(f->name, "file") || !f->filename[0])
            continue;
        srv_job *j = srv_queue_audit(r, o, f->filename, f->val.p ? f->val.p : "", f->val.len);
        if (!j)
            return o->status;
        last = j->id;
        queued++;
    }
    if (!queued)
        return srv_fail(o, 400, "请选择要上传的文件");
    char to[64];
    snprintf(to, sizeof to, queued == 1 ? "/audits/%lld" : "/audits", (long long)last);
    return redirect(o, to);
}

static const char *const job_states[4] = {"排队中", "审查中", "完成", "失败"};

static int audits_page(srv_req *r, srv_out *o)
{
    srv_job *list = NULL;
    size_t n = srv_jobs(r->S, &list), busy = 0;
    begin(r, o, "审查任务");
    for (size_t i = 0; i < n; i++)
        busy += list[i].state < 2;
    if (busy)
        yu_buf_puts(&o->b, "<meta http-equiv=\"refresh\" content=\"2\">");
    yu_buf_printf(&o->b, "<p>本次运行以来 %zu 个任务，%zu 个未完成（本页每2秒刷新，直到全部完成）。</p>\n"
                         "<table><thead><tr><th>#</th><th>文件</th><th>状态</th><th>结果</th></tr></thead><tbody>\n", n, busy);
    for (size_t i = 0; i < n; i++) {
        yu_buf_printf(&o->b, "<tr><td class=\"n\"><a href=\"/audits/%lld\">%lld</a></td><td>", (long long)list[i].id,
                      (long long)list[i].id);
        esc(&o->b, list[i].name);
        yu_buf_printf(&o->b, "</td><td>%s</td><td>", job_states[list[i].state]);
        if (list[i].document_id)
            yu_buf_printf(&o->b, "<a href=\"/documents/%lld\">", (long long)list[i].document_id);
        esc(&o->b, list[i].message);
        yu_buf_puts(&o->b, list[i].document_id ? "</a></td></tr>\n" : "</td></tr>\n");
    }
    yu_buf_puts(&o->b, "</tbody></table>\n");
    free(list);
    return page_end(o);
}

static int rerun_post(srv_req *r, srv_out *o, const char *id)
{
    if (srv_need_user(r, o))
        return o->status;
    yu_store *s = srv_store(r->S);
    if (!yu_flow_has_role(s, r->user.id, YU_ROLE_REVIEWER))
        return srv_fail(o, 403, "没有权限：重新审查需要审查（reviewer）角色");
    const char *a[1] = {id};
    json_t *d = q_row(s, "SELECT origin FROM documents WHERE id = ?1", a, 1);
    if (!d)
        return srv_fail(o, 404, "没有编号为%s的文档", id);
    srv_job *j = srv_queue_audit(r, o, json_string_value(json_object_get(d, "origin")), NULL, 0);
    json_decref(d);
    if (!j)
        return o->status;
    char to[64];
    snprintf(to, sizeof to, "/audits/%lld", (long long)j->id);
    return redirect(o, to);
}

static int audit_page(srv_req *r, srv_out *o, const char *id)
{
    srv_job j;
    char *end;
    long long n = strtoll(id, &end, 10);
    if (*end || !srv_job_get(r->S, n, &j))
        return srv_fail(o, 404, "没有编号为%s的审查任务", id);
    const char *const *st = job_states;
    begin(r, o, "审查任务");
    if (j.state < 2)
        yu_buf_puts(&o->b, "<meta http-equiv=\"refresh\" content=\"2\">");
    yu_buf_puts(&o->b, "<p>");
    esc(&o->b, j.name);
    yu_buf_printf(&o->b, "：<span class=\"state\">%s</span></p><p>", st[j.state]);
    esc(&o->b, j.message);
    yu_buf_puts(&o->b, "</p>");
    if (j.document_id)
        yu_buf_printf(&o->b, "<p><a href=\"/documents/%lld\">查看审查意见</a></p>", (long long)j.document_id);
    return page_end(o);
}

/* one level of the tree at a time (?root=CODE; the roots without it), so that a whole
 * administration's tree stays one small page: each node with the years its subtree has
 * budgets for (through the closure table) and a link one level down */
static int units_page(srv_req *r, srv_out *o)
{
    yu_store *s = srv_store(r->S);
    const char *root = srv_arg(r, "root");
    yu_error err;
    yu_error_clear(&err);
    pthread_mutex_lock(&r->S->write_lock); /* rebuilt only when imports changed the tree */
    yu_status st = yu_store_refresh_closure(s, 0, &err);
    pthread_mutex_unlock(&r->S->write_lock);
    if (st)
        return srv_fail(o, 500, "%s", err.msg);
    const char *a[1] = {root};
    json_t *self = root ? q_row(s, "SELECT code, name, parent_code AS parent FROM units WHERE code = ?1", a, 1) : NULL;
    if (root && !self)
        return srv_fail(o, 404, "没有代码为“%s”的单位", root);
    json_t *kids = q_rows(s,
                          "SELECT u.code, u.name, u.kind, (SELECT count(*) FROM units c WHERE c.parent_code = u.code) AS children,"
                          " (SELECT group_concat(year) FROM (SELECT DISTINCT b.year FROM unit_closure x JOIN budgets b"
                          " ON b.unit_id = x.unit WHERE x.ancestor = u.id AND b.kind = 'budget' ORDER BY b.year)) AS years"
                          " FROM units u WHERE (?1 IS NULL AND u.parent_code IS NULL) OR u.parent_code = ?1 ORDER BY u.code"
                          " LIMIT 5000",
                          a, 1);
    begin(r, o, "单位与预算");
    yu_buf *b = &o->b;
    yu_buf_puts(b, "<p><a href=\"/units\">全部</a>");
    if (self) {
        /* the way up */
        json_t *up = q_rows(s, "WITH RECURSIVE anc(code, depth) AS (SELECT parent_code, 1 FROM units WHERE code = ?1 UNION"
                               " SELECT u.parent_code, anc.depth + 1 FROM units u JOIN anc ON u.code = anc.code"
                               " WHERE u.parent_code IS NOT NULL AND anc.depth < 64)"
                               " SELECT u.code, u.name FROM anc JOIN units u ON u.code = anc.code ORDER BY anc.depth DESC", a, 1);
        size_t i;
        json_t *x;
        json_array_foreach(up, i, x) {
            yu_buf_puts(b, " › <a href=\"/units?root=");
            url_esc(b, json_string_value(json_object_get(x, "code")));
            yu_buf_puts(b, "\">");
            esc(b, json_string_value(json_object_get(x, "name")));
            yu_buf_puts(b, "</a>");
        }
        json_decref(up);
        yu_buf_puts(b, " › ");
        esc(b, json_string_value(json_object_get(self, "name")));
    }
    yu_buf_puts(b, "</p><p>年度链接打开该单位的预算公开文件（部门与地区为其下各单位的合并）。</p>\n<ul>");
    size_t i;
    json_t *u;
    json_array_foreach(kids, i, u) {
        char buf[32];
        const char *code = jtext(u, "code", buf, sizeof buf);
        yu_buf_puts(b, "<li>");
        if (json_integer_value(json_object_get(u, "children")) > 0) {
            yu_buf_puts(b, "<a href=\"/units?root=");
            url_esc(b, code);
            yu_buf_puts(b, "\">");
            esc(b, code);
            yu_buf_puts(b, "</a>");
        } else
            esc(b, code);
        yu_buf_puts(b, " ");
        esc(b, json_string_value(json_object_get(u, "name")));
        const char *ys = json_string_value(json_object_get(u, "years"));
        char yb[512];
        snprintf(yb, sizeof yb, "%s", ys ? ys : "");
        char *save = NULL;
        for (char *y = strtok_r(yb, ",", &save); y; y = strtok_r(NULL, ",", &save)) {
            yu_buf_puts(b, " <a href=\"/units/");
            url_esc(b, code);
            yu_buf_printf(b, "/%s\">%s</a>", y, y);
        }
        yu_buf_printf(b, " <small>%lld 个下级</small></li>\n", (long long)json_integer_value(json_object_get(u, "children")));
    }
    yu_buf_puts(b, "</ul>\n");
    json_decref(kids);
    json_decref(self);
    return page_end(o);
}

static int unit_doc(srv_req *r, srv_out *o, const char *code, const char *year)
{
    char *end;
    long y = strtol(year, &end, 10);
    if (*end || y < 1990 || y > 2100)
        return srv_fail(o, 400, "年度“%s”：应为如 2024 的年份", year);
    yu_budget *b = NULL;
    yu_doc *d = NULL;
    yu_error err;
    yu_error_clear(&err);
    yu_status st = srv_node_doc(r->S, srv_store(r->S), code, (int)y, &b, &d, &err);
    int rc = st ? srv_fail(o, srv_status_of(st), "%s", err.msg) : srv_render(o, d, "html", code);
    yu_doc_free(d);
    yu_budget_free(b);
    return rc ? rc : 200;
}

/* a bar chart of the comparison, in SVG */
static void bars(yu_buf *b, json_t *rows)
{
    int64_t max = 1;
    size_t n = json_array_size(rows), i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        int64_t v = json_integer_value(json_object_get(row, "amount_fen"));
        if (v > max)
            max = v;
    }
    int h = 28, w = 720, left = 260;
    yu_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" role=\"img\" aria-label=\"三公经费比较\">\n",
                  w + 40, n * (size_t)h + 10);
    json_array_foreach(rows, i, row) {
        char t[64], y[40];
        int64_t v = json_integer_value(json_object_get(row, "amount_fen"));
        int bw = (int)((double)v / (double)max * (w - left - 110)); /* display only */
        yu_buf_printf(b, "<text x=\"0\" y=\"%zu\" font-size=\"13\">", i * (size_t)h + 18);
        esc(b, jtext(row, "name", t, sizeof t));
        yu_buf_printf(b, " %s</text><rect x=\"%d\" y=\"%zu\" width=\"%d\" height=\"%d\" fill=\"#4a7ab0\"/>"
                         "<text x=\"%d\" y=\"%zu\" font-size=\"13\">%s 元</text>\n",
                      jtext(row, "year", t, sizeof t), left, i * (size_t)h + 5, bw, h - 8, left + bw + 6, i * (size_t)h + 18,
                      q_yuan(v, y, sizeof y));
    }
    yu_buf_puts(b, "</svg>\n");
}

static int compare_page(srv_req *r, srv_out *o)
{
    begin(r, o, "比较：三公经费");
    yu_buf *b = &o->b;
    const char *units = srv_arg(r, "units"), *years = srv_arg(r, "years"), *item = srv_arg(r, "item");
    yu_buf_puts(b, "<form method=\"get\" action=\"/compare\">");
    filter_input(b, "units", "单位代码（逗号分隔）", units);
    filter_input(b, "years", "年度（逗号分隔）", years);
    filter_input(b, "item", "项目（sangong 或 abroad、car_buy、car_run、reception、office）", item);
    yu_buf_puts(b, "<button>比较</button></form>\n");
    if (units && years) {
        char msg[512] = "";
        json_t *rows = q_compare(srv_store(r->S), units, years, item, msg, sizeof msg);
        if (!rows) {
            yu_buf_puts(b, "<p class=\"error\">");
            esc(b, msg);
            yu_buf_puts(b, "</p>");
        } else {
            bars(b, rows);
            static const char *const keys[] = {"unit", "name", "year", "item", "amount", "budgets"};
            static const char *const heads[] = {"单位代码", "单位", "年度", "项目", "金额（元）", "预算份数"};
            table(b, rows, keys, heads, 6, NULL, NULL);
            json_decref(rows);
            yu_buf_puts(b, "<p><a href=\"/api/compare?format=csv&amp;units=");
            url_esc(b, units);
            yu_buf_puts(b, "&amp;years=");
            url_esc(b, years);
            if (item) {
                yu_buf_puts(b, "&amp;item=");
                url_esc(b, item);
            }
            yu_buf_puts(b, "\">下载 CSV</a></p>\n");
        }
    }
    return page_end(o);
}

static int login_page(srv_req *r, srv_out *o)
{
    begin(r, o, "登录");
    yu_buf_puts(&o->b, "<form method=\"post\" action=\"/login\"><p><label>用户名 <input name=\"name\" required></label></p>"
                       "<p><label>密码 <input type=\"password\" name=\"password\" required></label></p>"
                       "<p><button>登录</button></p></form>\n");
    return page_end(o);
}

static int login_post(srv_req *r, srv_out *o)
{
    char token[65], csrf[65];
    yu_error err;
    yu_error_clear(&err);
    pthread_mutex_lock(&r->S->write_lock);
    yu_status st = yu_flow_login(srv_store(r->S), srv_arg(r, "name"), srv_arg(r, "password"), (int64_t)time(NULL), 8 * 3600,
                                 token, csrf, &err);
    pthread_mutex_unlock(&r->S->write_lock);
    if (st)
        return srv_fail(o, st == YU_EVALUE ? 401 : srv_status_of(st), "%s", err.msg);
    char cookie[200];
    snprintf(cookie, sizeof cookie, "yusuan_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800", token);
    srv_header(o, "Set-Cookie", cookie);
    return redirect(o, "/submissions");
}

static int logout_post(srv_req *r, srv_out *o)
{
    if (srv_need_user(r, o))
        return o->status;
    yu_flow_logout(srv_store(r->S), r->token, NULL);
    srv_header(o, "Set-Cookie", "yusuan_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return redirect(o, "/");
}

static const char *state_cn(const char *k)
{
    return !strcmp(k, "draft") ? "草稿" : !strcmp(k, "submitted") ? "已报送" : !strcmp(k, "returned") ? "已退回"
                                                                   : !strcmp(k, "approved") ? "已批复" : k;
}

static int subs_page(srv_req *r, srv_out *o)
{
    yu_store *s = srv_store(r->S);
    begin(r, o, "填报与审核");
    yu_buf *b = &o->b;
    json_t *rows = q_submissions(s, r->authed ? r->user.id : 0);
    size_t i;
    json_t *x;
    json_array_foreach(rows, i, x) {
        char t[32];
        json_object_set_new(x, "state", json_string(state_cn(jtext(x, "state", t, sizeof t))));
    }
    static const char *const keys[] = {"id", "unit", "unit_name", "year", "state", "version", "errors", "warnings", "updated_at"};
    static const char *const heads[] = {"编号", "单位代码", "单位", "年度", "状态", "版本", "错误", "其他意见", "更新时间"};
    if (!r->authed)
        yu_buf_puts(b, "<p>未登录只能看到已批复的预算。<a href=\"/login\">登录</a></p>");
    table(b, rows, keys, heads, 9, "id", "/submissions/");
    json_decref(rows);
    if (r->authed && yu_flow_has_role(s, r->user.id, YU_ROLE_FILER)) {
        yu_buf_puts(b, "<h2>上传填好的工作簿</h2><form method=\"post\" action=\"/submissions\" enctype=\"multipart/form-data\">");
        csrf_field(r, b);
        yu_buf_puts(b, "<input type=\"file\" name=\"file\" accept=\".xlsx\"> <button>上传并检查</button></form>"
                       "<p>空白工作簿：<code>yusuan template FILE.xlsx</code>（docs/xlsx.md）。</p>\n");
    }
    return page_end(o);
}

static int sub_post(srv_req *r, srv_out *o)
{
    if (srv_need_user(r, o))
        return o->status;
    size_t len = 0;
    const char *fn = NULL;
    const char *data = srv_field_get(r, "file", &len, &fn);
    if (!data || !len || !fn || !*fn)
        return srv_fail(o, 400, "请选择要上传的工作簿（.xlsx）");
    if (!srv_safe_name(fn))
        return srv_fail(o, 400, "文件名“%s”不合法", fn);
    int64_t id = 0;
    if (srv_upload_workbook(r, o, fn, data, len, &id))
        return o->status;
    char to[64];
    snprintf(to, sizeof to, "/submissions/%lld", (long long)id);
    return redirect(o, to);
}

static int sub_page(srv_req *r, srv_out *o, const char *ids)
{
    yu_store *s = srv_store(r->S);
    char *end;
    long long id = strtoll(ids, &end, 10);
    if (*end)
        return srv_fail(o, 400, "报送编号“%s”：应为整数", ids);
    yu_flow_sub x;
    yu_error err;
    yu_error_clear(&err);
    yu_status st = yu_flow_sub_get(s, r->authed ? &r->user : NULL, id, 0, &x, &err);
    if (st)
        return srv_fail(o, srv_status_of(st), "%s", err.msg);
    char title[200];
    snprintf(title, sizeof title, "报送 %lld：单位 %s %d年", id, x.unit_code, x.year);
    begin(r, o, title);
    yu_buf *b = &o->b;
    yu_buf_printf(b, "<p>状态 <span class=\"state\">%s</span>，第 %d 版，", state_cn(yu_sub_state_key(x.state)), x.version);
    esc(b, x.filename);
    yu_buf_printf(b, "，%d 个错误、%d 条其他意见，由 ", x.errors, x.warnings);
    esc(b, x.created_by);
    yu_buf_puts(b, " 上传。</p>");
    if (x.comment) {
        yu_buf_puts(b, "<p>意见：");
        esc(b, x.comment);
        yu_buf_puts(b, "</p>");
    }
    yu_buf_printf(b, "<p>文档：<a href=\"/submissions/%lld/document.html\">HTML</a> · <a href=\"/api/submissions/%lld/document.pdf\">PDF</a>"
                     " · <a href=\"/api/submissions/%lld/document.xlsx\">XLSX</a> · <a href=\"/api/submissions/%lld/input.xlsx\">原工作簿</a></p>\n",
                  id, id, id, id);
    char sid[32];
    snprintf(sid, sizeof sid, "%lld", id);
    const char *a[1] = {sid};
    json_t *fs = q_rows(s, "SELECT seq, rule, severity, location, message FROM flow_sub_findings WHERE submission_id = ?1 ORDER BY seq", a, 1);
    static const char *const fk[] = {"seq", "rule", "severity", "location", "message"};
    static const char *const fh[] = {"#", "规则", "级别", "位置（表!单元格，或 表 行 列）", "意见"};
    yu_buf_puts(b, "<h2>检查结果</h2>");
    table(b, fs, fk, fh, 5, NULL, NULL);
    json_decref(fs);
    if (r->authed && x.state != YU_SUB_APPROVED) {
        yu_buf_printf(b, "<h2>操作</h2><form method=\"post\" action=\"/submissions/%lld/act\">", id);
        csrf_field(r, b);
        yu_buf_puts(b, "<p><label>意见 <input name=\"comment\" size=\"60\"></label></p><p>");
        if (x.state == YU_SUB_DRAFT && yu_flow_can(s, r->user.id, YU_ROLE_FILER, x.unit_code))
            yu_buf_puts(b, "<button name=\"action\" value=\"submit\">报送</button> ");
        if (x.state == YU_SUB_SUBMITTED)
            yu_buf_puts(b, "<button name=\"action\" value=\"return\">退回</button> <button name=\"action\" value=\"approve\">批复</button>");
        yu_buf_puts(b, "</p></form>\n");
    }
    json_t *log = q_rows(s, "SELECT at, user_name AS user, action, detail FROM flow_log WHERE object = ?1"
                            " AND action IN ('upload', 'submit', 'return', 'approve') ORDER BY id", a, 1);
    static const char *const lk[] = {"at", "user", "action", "detail"};
    static const char *const lh[] = {"时间", "用户", "操作", "说明"};
    yu_buf_puts(b, "<h2>操作记录</h2>");
    table(b, log, lk, lh, 4, NULL, NULL);
    json_decref(log);
    yu_flow_sub_free(&x);
    return page_end(o);
}

static int sub_act(srv_req *r, srv_out *o, const char *ids)
{
    if (srv_need_user(r, o))
        return o->status;
    char *end;
    long long id = strtoll(ids, &end, 10);
    int a = yu_sub_action_parse(srv_arg(r, "action"));
    if (*end || a < 0)
        return srv_fail(o, 400, "操作应为 submit、return 或 approve");
    if (srv_act(r, o, id, (yu_sub_action)a, srv_arg(r, "comment")))
        return o->status;
    char to[64];
    snprintf(to, sizeof to, "/submissions/%lld", id);
    return redirect(o, to);
}

int page_route(srv_req *r, srv_out *o)
{
    char p[6][128];
    size_t n = 0;
    const char *s = r->url + 1;
    while (*s && n < 6) {
        const char *e = strchr(s, '/');
        size_t l = e ? (size_t)(e - s) : strlen(s);
        snprintf(p[n++], sizeof p[0], "%.*s", (int)(l < 127 ? l : 127), s);
        s += l + (e ? 1 : 0);
    }
    if (*s)
        return 0;
    int get = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD"), post = !strcmp(r->method, "POST");
    if (!get && !post)
        return srv_fail(o, 405, "方法 %s 不受支持", r->method);
    if (n == 0 && get)
        return home(r, o);
    const char *c = p[0];
    if (!strcmp(c, "documents") && n == 1 && get)
        return documents(r, o);
    if (!strcmp(c, "documents") && n == 2 && get)
        return document(r, o, p[1]);
    if (!strcmp(c, "documents") && n == 3 && post && !strcmp(p[2], "decide"))
        return decide(r, o, p[1]);
    if (!strcmp(c, "documents") && n == 4 && get && !strcmp(p[2], "pages"))
        return doc_page(r, o, p[1], p[3]);
    if (!strcmp(c, "documents") && n == 3 && post && !strcmp(p[2], "rerun"))
        return rerun_post(r, o, p[1]);
    if (!strcmp(c, "audits") && n == 1 && post)
        return audit_post(r, o);
    if (!strcmp(c, "audits") && n == 1 && get)
        return audits_page(r, o);
    if (!strcmp(c, "audits") && n == 2 && get)
        return audit_page(r, o, p[1]);
    if (!strcmp(c, "units") && n == 1 && get)
        return units_page(r, o);
    if (!strcmp(c, "units") && n == 3 && get)
        return unit_doc(r, o, p[1], p[2]);
    if (!strcmp(c, "compare") && n == 1 && get)
        return compare_page(r, o);
    if (!strcmp(c, "login") && n == 1)
        return get ? login_page(r, o) : login_post(r, o);
    if (!strcmp(c, "logout") && n == 1 && post)
        return logout_post(r, o);
    if (!strcmp(c, "submissions") && n == 1)
        return get ? subs_page(r, o) : sub_post(r, o);
    if (!strcmp(c, "submissions") && n == 2 && get)
        return sub_page(r, o, p[1]);
    if (!strcmp(c, "submissions") && n == 3 && post && !strcmp(p[2], "act"))
        return sub_act(r, o, p[1]);
    if (!strcmp(c, "submissions") && n == 3 && get && !strncmp(p[2], "document.", 9)) {
        char *end;
        long long id = strtoll(p[1], &end, 10);
        return *end ? srv_fail(o, 400, "报送编号应为整数") : api_submission_download(r, o, id, p[2] + 9);
    }
    if (!strcmp(c, "favicon.ico") && get) {
        o->status = 204;
        o->ctype = "image/x-icon";
        return 204;
    }
    return 0;
}
