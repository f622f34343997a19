/* yusuan serve: the work behind the requests — layouts, compiling a stored
 * node or an uploaded workbook, rendering, and the audit worker thread. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <jansson.h>
#include "server.h"

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcasecmp(s + a - b, suf);
}

void srv_html_esc(yu_buf *b, const char *s)
{
    for (; s && *s; s++)
        switch (*s) {
        case '<': yu_buf_puts(b, "&lt;"); break;
        case '>': yu_buf_puts(b, "&gt;"); break;
        case '&': yu_buf_puts(b, "&amp;"); break;
        case '"': yu_buf_puts(b, "&quot;"); break;
        case '\'': yu_buf_puts(b, "&#39;"); break;
        default: yu_buf_add(b, s, 1);
        }
}

/* a file name we keep: no directory part, no dot first, printable */
int srv_safe_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (!n || n > 200 || name[0] == '.' || !yu_utf8_valid(name, n))
        return 0;
    for (const char *p = name; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == '/' || *p == '\\' || *p == ':')
            return 0;
    return 1;
}

int srv_load_layouts(srv *S)
{
    char dir[1100];
    snprintf(dir, sizeof dir, "%s/layouts", S->cfg.datadir);
    DIR *dh = opendir(dir);
    if (!dh) {
        fprintf(stderr, "yusuan serve: %s: cannot list the layouts\n", dir);
        return 2;
    }
    struct dirent *de;
    while ((de = readdir(dh)) && S->nlayouts < SRV_MAX_LAYOUTS) {
        if (!ends_with(de->d_name, ".layout"))
            continue;
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        yu_error err;
        yu_error_clear(&err);
        yu_layout *L;
        if (yu_layout_load(path, &L, &err)) {
            fprintf(stderr, "yusuan serve: %s: %s\n", path, err.msg);
            continue;
        }
        S->layouts[S->nlayouts++] = L;
    }
    closedir(dh);
    return S->nlayouts ? 0 : 2;
}

const yu_layout *srv_layout(srv *S, const char *id)
{
    for (size_t i = 0; id && i < S->nlayouts; i++)
        if (!strcmp(S->layouts[i]->id, id))
            return S->layouts[i];
    return NULL;
}

static yu_status compile(srv *S, yu_budget *b, yu_doc **d, yu_error *err)
{
    const yu_layout *L = srv_layout(S, b->template_id);
    if (!L)
        return yu_error_set(err, YU_EMISSING, "", 0, 0, "没有模板“%s”的版式", b->template_id ? b->template_id : "");
    if (L->kind && strcmp(L->kind, "budget"))
        return yu_error_set(err, YU_EVALUE, "", 0, 0, "模板“%s”不是预算模板", L->id);
    char gl[1200] = "";
    if (L->glossary)
        snprintf(gl, sizeof gl, "%s/glossary/%s", S->cfg.datadir, L->glossary);
    yu_compile_opts o = {YU_GLOSSARY_USED, gl[0] ? gl : NULL, S->func, S->econ};
    return yu_compile(b, L, &o, d, err);
}

yu_status srv_node_doc(srv *S, yu_store *s, const char *code, int year, yu_budget **b, yu_doc **d, yu_error *err)
{
    *b = NULL;
    *d = NULL;
    yu_status st = yu_store_report_budget(s, code, year, b, NULL, NULL, err);
    if (!st)
        st = compile(S, *b, d, err);
    return st;
}

/* a temporary file in the data directory holding data; its path in path */
static int temp_file(srv *S, const char *suffix, const void *data, size_t len, char *path, size_t n)
{
    snprintf(path, n, "%s/tmp-XXXXXX%s", S->cfg.data, suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0)
        return -1;
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w <= 0) {
            close(fd);
            unlink(path);
            return -1;
        }
        p += w;
        left -= (size_t)w;
    }
    return close(fd);
}

yu_status srv_workbook_doc(srv *S, const void *data, size_t len, yu_budget **b, yu_doc **d, yu_error *err)
{
    *b = NULL;
    *d = NULL;
    char path[1200];
    if (temp_file(S, ".xlsx", data, len, path, sizeof path))
        return yu_error_set(err, YU_EIO, S->cfg.data, 0, 0, "cannot write a temporary file: %s", strerror(errno));
    yu_status st = yu_load_xlsx(path, S->func, S->econ, b, err);
    unlink(path);
    if (!st)
        st = compile(S, *b, d, err);
    return st;
}

int srv_upload_workbook(srv_req *r, srv_out *o, const char *filename, const void *data, size_t len, int64_t *id)
{
    srv *S = r->S;
    yu_store *s = srv_store(S);
    yu_budget *b = NULL;
    yu_doc *d = NULL;
    yu_error err;
    yu_error_clear(&err);
    yu_status st = srv_workbook_doc(S, data, len, &b, &d, &err);
    yu_findings fs = {0};
    yu_flow_finding *ff = NULL;
    size_t nff = 0;
    char (*loc)[320] = NULL;
    int errors = 0;
    char unit[128] = "", *unit_arg = NULL;
    int year = 0;
    if (st) {
        /* what the reader refused, by sheet!cell: the only finding of a draft that cannot be submitted */
        if (!b) {
            const char *u = srv_arg(r, "unit"), *y = srv_arg(r, "year");
            char *end = NULL;
            long yv = y ? strtol(y, &end, 10) : 0;
            if (!u || !y || *end || yv < 1990 || yv > 2100) {
                char buf[2048];
                return srv_fail(o, 422, "工作簿“%s”读不出单位和年度：%s（可加参数 unit 与 year 保存为草稿）", filename,
                                yu_error_format(&err, buf, sizeof buf));
            }
            snprintf(unit, sizeof unit, "%s", u);
            year = (int)yv;
        }
        ff = calloc(1, sizeof *ff);
        loc = calloc(1, sizeof *loc);
        if (!ff || !loc) {
            free(ff);
            free(loc);
            yu_doc_free(d);
            yu_budget_free(b);
            return srv_fail(o, 500, "out of memory");
        }
        if (err.where[0])
            snprintf(loc[0], sizeof loc[0], "%s", err.where);
        else
            snprintf(loc[0], sizeof loc[0], "%s", filename);
        ff[0] = (yu_flow_finding){"READ", "error", loc[0], err.msg};
        nff = 1;
        errors = 1;
    } else {
        snprintf(unit, sizeof unit, "%s", b->code ? b->code : "");
        year = b->year;
        if (yu_check_doc(d, &fs)) {
            yu_doc_free(d);
            yu_budget_free(b);
            return srv_fail(o, 500, "out of memory");
        }
        ff = calloc(fs.n ? fs.n : 1, sizeof *ff);
        loc = calloc(fs.n ? fs.n : 1, sizeof *loc);
        for (size_t i = 0; ff && loc && i < fs.n; i++) {
            const yu_finding *f = &fs.f[i];
            snprintf(loc[i], sizeof loc[i], "%s%s%s%s%s", f->table, f->row[0] ? " " : "", f->row, f->col[0] ? " " : "",
                     f->col);
            ff[i] = (yu_flow_finding){f->rule, yu_severity_name(f->sev), loc[i], f->msg};
            errors += f->sev == YU_SEV_ERROR;
        }
        nff = ff && loc ? fs.n : 0;
    }
    (void)unit_arg;
    pthread_mutex_lock(&S->write_lock);
    st = yu_flow_upload(s, &r->user, unit, year, filename, data, len, ff, nff, errors, id, &err);
    pthread_mutex_unlock(&S->write_lock);
    free(ff);
    free(loc);
    yu_findings_free(&fs);
    yu_doc_free(d);
    yu_budget_free(b);
    if (st)
        return srv_fail(o, srv_status_of(st), "%s", err.msg);
    return 0;
}

int srv_act(srv_req *r, srv_out *o, int64_t id, yu_sub_action a, const char *comment)
{
    srv *S = r->S;
    yu_store *s = srv_store(S);
    yu_error err;
    yu_error_clear(&err);
    yu_status st;
    if (a != YU_ACT_APPROVE) {
        pthread_mutex_lock(&S->write_lock);
        st = yu_flow_act(s, &r->user, id, a, comment, &err);
        pthread_mutex_unlock(&S->write_lock);
        return st ? srv_fail(o, srv_status_of(st), "%s", err.msg) : 0;
    }
    /* approving publishes: the approved budget goes into the store in the same transaction,
     * so the data browser, the aggregates and the department's consolidation show it */
    yu_flow_sub x;
    if ((st = yu_flow_sub_get(s, &r->user, id, 1, &x, &err)))
        return srv_fail(o, srv_status_of(st), "%s", err.msg);
    yu_budget *b = NULL;
    yu_doc *d = NULL;
    st = srv_workbook_doc(S, x.workbook, x.len, &b, &d, &err);
    int rc = 0;
    if (st)
        rc = srv_fail(o, 409, "这份工作簿读不出预算，不能批复：%s", err.msg);
    else if (!b->code || strcmp(b->code, x.unit_code) || b->year != x.year)
        rc = srv_fail(o, 409, "工作簿的单位或年度与报送（%s %d年）不一致，不能批复", x.unit_code, x.year);
    else {
        char origin[128];
        snprintf(origin, sizeof origin, "submission %lld v%d", (long long)id, x.version);
        pthread_mutex_lock(&S->write_lock);
        st = yu_store_begin(s, &err);
        if (!st)
            st = yu_flow_act(s, &r->user, id, YU_ACT_APPROVE, comment, &err);
        if (!st)
            st = yu_store_import(s, b, YU_STORE_BUDGET, origin, &err);
        if (!st)
            st = yu_store_commit(s, &err);
        else
            yu_store_rollback(s);
        pthread_mutex_unlock(&S->write_lock);
        if (st)
            rc = srv_fail(o, srv_status_of(st), "%s", err.msg);
    }
    yu_doc_free(d);
    yu_budget_free(b);
    yu_flow_sub_free(&x);
    return rc;
}

int srv_render(srv_out *o, const yu_doc *d, const char *fmt, const char *basename)
{
    int f = yu_format_parse(fmt);
    if (f < 0 || f == YU_FMT_CSV)
        return srv_fail(o, 400, "格式“%s”：应为 html、pdf、xlsx、json、txt 或 md", fmt);
    yu_error err;
    yu_error_clear(&err);
    char *out = NULL;
    size_t len = 0;
    yu_status st;
    if (f == YU_FMT_XLSX) {
        /* the workbook writer writes files */
        char tmpl[] = "/tmp/yusuan-serve-XXXXXX";
        int fd = mkstemp(tmpl);
        if (fd < 0)
            return srv_fail(o, 500, "cannot create a temporary file");
        close(fd);
        char path[64];
        snprintf(path, sizeof path, "%s.xlsx", tmpl);
        unlink(tmpl);
        st = yu_render_file(d, YU_FMT_XLSX, NULL, path, &err);
        if (!st)
            st = yu_read_file_public(path, &out, &len, &err);
        unlink(path);
    } else
        st = yu_render(d, (yu_format)f, &out, &len, &err);
    if (st) {
        free(out);
        return srv_fail(o, 500, "%s", err.msg);
    }
    o->b.len = 0;
    yu_buf_add(&o->b, out, len);
    free(out);
    static const char *const types[YU_FMT_COUNT] = {"text/plain", "text/markdown", "application/json", "text/csv",
                                                   "text/html", "application/pdf",
                                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    o->ctype = types[f];
    if (f == YU_FMT_PDF || f == YU_FMT_XLSX) {
        char cd[400];
        snprintf(cd, sizeof cd, "attachment; filename=\"%s.%s\"", basename, fmt);
        srv_header(o, "Content-Disposition", cd);
    }
    return 0;
}

/* --------------------------------------------------------- audit jobs */

/* the directory under the data directory for kept uploads ("uploads") or their text ("texts") */
static int data_path(srv *S, const char *sub, const char *name, const char *suffix, char *out, size_t n)
{
    char dir[1000];
    snprintf(dir, sizeof dir, "%.900s/%s", S->cfg.data, sub);
    if (mkdir(dir, 0700) && errno != EEXIST)
        return -1;
    snprintf(out, n, "%s/%.200s%s", dir, name, suffix);
    return 0;
}

srv_job *srv_queue_audit(srv_req *r, srv_out *o, const char *filename, const void *data, size_t len)
{
    srv *S = r->S;
    if (!srv_safe_name(filename)) {
        srv_fail(o, 400, "文件名“%s”不合法：不得含目录、以点开头或含控制字符", filename ? filename : "");
        return NULL;
    }
    if (data && !len) {
        srv_fail(o, 400, "上传的文件“%s”是空的", filename);
        return NULL;
    }
    srv_job *j = calloc(1, sizeof *j);
    if (!j) {
        srv_fail(o, 500, "out of memory");
        return NULL;
    }
    snprintf(j->name, sizeof j->name, "%s", filename);
    snprintf(j->user, sizeof j->user, "%s", r->user.name);
    /* kept under the data directory as uploads/NAME (written atomically): a document is
     * known by its file name, and re-running the audit reads the kept file again */
    if (data_path(S, "uploads", filename, "", j->path, sizeof j->path)) {
        free(j);
        srv_fail(o, 500, "cannot create the uploads directory under %s", S->cfg.data);
        return NULL;
    }
    yu_error err;
    yu_error_clear(&err);
    if (!data && access(j->path, R_OK)) {
        free(j);
        srv_fail(o, 404, "“%s”的原文件不在 %s/uploads 中，不能重新审查：请重新上传", filename, S->cfg.data);
        return NULL;
    }
    if (data && yu_write_file_atomic(j->path, data, len, &err)) {
        free(j);
        srv_fail(o, 500, "%s", err.msg);
        return NULL;
    }
    pthread_mutex_lock(&S->jobs_lock);
    j->id = S->next_job++;
    j->next = S->jobs;
    S->jobs = j;
    pthread_cond_signal(&S->jobs_cond);
    pthread_mutex_unlock(&S->jobs_lock);
    return j;
}

int srv_upload_path(srv *S, const char *origin, char *out, size_t n)
{
    return srv_safe_name(origin) ? data_path(S, "uploads", origin, "", out, n) : -1;
}

char *srv_doc_text(srv *S, const char *origin, size_t *len)
{
    char path[1300];
    char *text = NULL;
    if (!srv_safe_name(origin) || data_path(S, "texts", origin, ".txt", path, sizeof path))
        return NULL;
    if (yu_read_file_public(path, &text, len, NULL))
        return NULL;
    return text;
}

const char *srv_text_line(const char *text, size_t len, int line, char *buf, size_t n)
{
    buf[0] = '\0';
    const char *p = text, *end = text + len;
    for (int i = 1; i < line && p < end; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    if (line < 1 || p >= end)
        return buf;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (l >= n)
        l = n - 1;
    memcpy(buf, p, l);
    buf[l] = '\0';
    for (char *q = buf; *q; q++)
        if (*q == '\f' || *q == '\r')
            *q = ' ';
    yu_utf8_clip(buf);
    return yu_trim(buf);
}

size_t srv_jobs(srv *S, srv_job **out)
{
    pthread_mutex_lock(&S->jobs_lock);
    size_t n = 0;
    for (srv_job *j = S->jobs; j; j = j->next)
        n++;
    srv_job *v = calloc(n ? n : 1, sizeof *v);
    size_t k = 0;
    for (srv_job *j = S->jobs; v && j; j = j->next) {
        v[k] = *j;
        v[k++].next = NULL;
    }
    pthread_mutex_unlock(&S->jobs_lock);
    *out = v;
    return v ? k : 0;
}

int srv_job_get(srv *S, int64_t id, srv_job *copy)
{
    int found = 0;
    pthread_mutex_lock(&S->jobs_lock);
    for (srv_job *j = S->jobs; j && !found; j = j->next)
        if (j->id == id) {
            *copy = *j;
            copy->next = NULL;
            found = 1;
        }
    pthread_mutex_unlock(&S->jobs_lock);
    return found;
}

/* reads, audits, checks and keeps one document; the message says what happened */
static int run_audit(srv *S, srv_job *j, int64_t *doc_id, int *errors, char *msg, size_t msgn)
{
    yu_error err;
    yu_error_clear(&err);
    char *text = NULL;
    size_t len = 0;
    yu_status st = ends_with(j->path, ".pdf") ? yu_pdf_text_ex(j->path, NULL, &text, &len, NULL, NULL, &err)
                                             : yu_read_file_public(j->path, &text, &len, &err);
    if (st) {
        snprintf(msg, msgn, "%.200s: %.800s", j->name, err.msg);
        return -1;
    }
    const yu_layout *best = NULL;
    int bests = -1;
    for (size_t i = 0; i < S->nlayouts; i++) {
        int sc = yu_layout_score(S->layouts[i], text, len);
        if (sc > bests) {
            bests = sc;
            best = S->layouts[i];
        }
    }
    yu_doc *d = NULL;
    yu_audit_info info;
    memset(&info, 0, sizeof info);
    yu_findings fs = {0};
    int rc = -1;
    st = yu_audit_text(text, len, j->name, best, S->func, &d, &info, &err);
    if (st)
        snprintf(msg, msgn, "%.200s: %.800s", j->name, err.msg);
    else if (!info.tables_found)
        snprintf(msg, msgn, "%s: 没有找到%s模板的任何一张表：是部门预算或决算公开文件吗？", j->name, best->id);
    else {
        d->econ = S->econ;
        char wpath[1200];
        snprintf(wpath, sizeof wpath, "%s/vocab/words.vocab", S->cfg.datadir);
        st = yu_check_doc(d, &fs);
        if (!st)
            st = yu_check_text(d, text, len, &fs);
        if (!st)
            st = yu_check_words(text, len, wpath, NULL, &fs);
        yu_store *s = srv_store(S);
        if (!s)
            snprintf(msg, msgn, "数据库暂不可用");
        else if (st)
            snprintf(msg, msgn, "out of memory");
        else {
            pthread_mutex_lock(&S->write_lock);
            st = yu_store_import_doc(s, d, &fs, j->name, info.tables_found, &err);
            if (!st)
                yu_flow_log(s, j->user, "audit", j->name, "audited and kept", NULL);
            char tpath[1300];
            if (!st && !data_path(S, "texts", j->name, ".txt", tpath, sizeof tpath))
                yu_write_file_atomic(tpath, text, len, NULL); /* quoted by the document view */
            pthread_mutex_unlock(&S->write_lock);
            if (st)
                snprintf(msg, msgn, "%s", err.msg);
            else {
                sqlite3_stmt *q;
                if (sqlite3_prepare_v2(yu_store_sqlite(s), "SELECT id FROM documents WHERE origin = ?1", -1, &q, NULL) ==
                    SQLITE_OK) {
                    sqlite3_bind_text(q, 1, j->name, -1, SQLITE_STATIC);
                    if (sqlite3_step(q) == SQLITE_ROW)
                        *doc_id = sqlite3_column_int64(q, 0);
                    sqlite3_finalize(q);
                }
                *errors = (int)yu_findings_count(&fs, YU_SEV_ERROR);
                snprintf(msg, msgn, "%s：读出%d/%d张表，%d个错误，共%zu条审查意见", j->name, info.tables_found,
                         info.tables_expected, *errors, fs.n);
                rc = 0;
            }
        }
    }
    yu_findings_free(&fs);
    yu_doc_free(d);
    free(text);
    return rc;
}

static void *worker(void *arg)
{
    srv *S = arg;
    pthread_mutex_lock(&S->jobs_lock);
    for (;;) {
        /* the oldest queued job */
        srv_job *next = NULL;
        for (srv_job *j = S->jobs; j; j = j->next)
            if (j->state == 0)
                next = j;
        if (!next) {
            if (S->stopping)
                break;
            pthread_cond_wait(&S->jobs_cond, &S->jobs_lock);
            continue;
        }
        next->state = 1;
        srv_job copy = *next;
        pthread_mutex_unlock(&S->jobs_lock);
        int64_t doc = 0;
        int errors = 0;
        char msg[1024];
        int rc = run_audit(S, &copy, &doc, &errors, msg, sizeof msg);
        fprintf(stderr, "yusuan serve: audit %lld: %s\n", (long long)copy.id, msg);
        pthread_mutex_lock(&S->jobs_lock);
        next->state = rc ? 3 : 2;
        next->document_id = doc;
        next->errors = errors;
        snprintf(next->message, sizeof next->message, "%s", msg);
    }
    pthread_mutex_unlock(&S->jobs_lock);
    yu_store_close(pthread_getspecific(S->store_key));
    pthread_setspecific(S->store_key, NULL);
    return NULL;
}

int srv_worker_start(srv *S)
{
    if (pthread_create(&S->worker, NULL, worker, S)) {
        fprintf(stderr, "yusuan serve: cannot start the audit worker\n");
        return 2;
    }
    S->worker_started = 1;
    return 0;
}

void srv_worker_stop(srv *S)
{
    if (!S->worker_started)
        return;
    pthread_mutex_lock(&S->jobs_lock);
    S->stopping = 1;
    pthread_cond_broadcast(&S->jobs_cond);
    pthread_mutex_unlock(&S->jobs_lock);
    pthread_join(S->worker, NULL);
    S->worker_started = 0;
}
