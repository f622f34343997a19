/* yusuan serve: the HTTP side — libmicrohttpd daemon, request bodies and
 * their limits, who is asking, the access log, graceful stop. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <signal.h>
#include <time.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <microhttpd.h>
#include "server.h"

double srv_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void close_store(void *p) { yu_store_close(p); }

yu_store *srv_store(srv *S)
{
    yu_store *s = pthread_getspecific(S->store_key);
    if (s)
        return s;
    yu_error err;
    yu_error_clear(&err);
    if (yu_store_open(S->cfg.db, &s, &err)) {
        char buf[2048];
        fprintf(stderr, "yusuan serve: %s\n", yu_error_format(&err, buf, sizeof buf));
        return NULL;
    }
    pthread_setspecific(S->store_key, s);
    return s;
}

const char *srv_arg(srv_req *r, const char *name)
{
    const char *v = MHD_lookup_connection_value(r->c, MHD_GET_ARGUMENT_KIND, name);
    if (!v && r->form)
        v = srv_field_get(r, name, NULL, NULL);
    return v && *v ? v : NULL;
}

const char *srv_field_get(srv_req *r, const char *name, size_t *len, const char **filename)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (!strcmp(r->fields[i].name, name)) {
            if (len)
                *len = r->fields[i].val.len;
            if (filename)
                *filename = r->fields[i].filename;
            return r->fields[i].val.p ? r->fields[i].val.p : "";
        }
    return NULL;
}

void srv_header(srv_out *o, const char *name, const char *val)
{
    if (o->nhdr >= 4)
        return;
    snprintf(o->hdr_name[o->nhdr], sizeof o->hdr_name[0], "%s", name);
    snprintf(o->hdr_val[o->nhdr], sizeof o->hdr_val[0], "%s", val);
    o->nhdr++;
}

int srv_fail(srv_out *o, int status, const char *fmt, ...)
{
    char msg[1500];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    o->status = status;
    o->b.len = 0;
    if (o->b.p)
        o->b.p[0] = '\0';
    if (o->ctype && !strncmp(o->ctype, "text/html", 9)) {
        yu_buf_printf(&o->b, "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>%d</title></head>"
                             "<body><h1>%d</h1><p class=\"error\">", status, status);
        srv_html_esc(&o->b, msg);
        yu_buf_puts(&o->b, "</p><p><a href=\"/\">首页</a></p></body></html>\n");
    } else {
        o->ctype = "application/json";
        json_t *j = json_pack("{s:i,s:s}", "status", status, "error", msg);
        char *t = j ? json_dumps(j, 0) : NULL;
        yu_buf_puts(&o->b, t ? t : "{\"error\":\"out of memory\"}");
        yu_buf_puts(&o->b, "\n");
        free(t);
        json_decref(j);
    }
    return status;
}

int srv_status_of(yu_status st)
{
    switch (st) {
    case YU_OK: return 200;
    case YU_EUSAGE: return 403;
    case YU_EMISSING: return 404;
    case YU_EVALUE: return 409;
    case YU_ELIMIT: return 413;
    case YU_ENOMEM: case YU_EIO: case YU_EDB: return 500;
    default: return 400;
    }
}

int srv_wants_html(srv_req *r) { return strncmp(r->url, "/api/", 5) != 0; }

/* constant-time comparison of two tokens */
static int same_token(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n != strlen(b) || !n)
        return 0;
    unsigned char d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

/* who asks: a bearer token, else the session cookie */
static void identify(srv_req *r)
{
    yu_store *s = srv_store(r->S);
    if (!s)
        return;
    const char *auth = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Authorization");
    const char *tok = NULL;
    int how = 0;
    if (auth && !strncmp(auth, "Bearer ", 7)) {
        tok = auth + 7;
        how = 2;
    } else if ((tok = MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, "yusuan_session")))
        how = 1;
    if (!tok)
        return;
    yu_error err;
    yu_error_clear(&err);
    if (yu_flow_auth(s, tok, (int64_t)time(NULL), &r->user, &err) == YU_OK && (how == 2) == (r->user.api != 0)) {
        r->authed = how;
        snprintf(r->token, sizeof r->token, "%s", tok);
    } else
        memset(&r->user, 0, sizeof r->user);
}

int srv_need_user(srv_req *r, srv_out *o)
{
    if (!r->authed)
        return srv_fail(o, 401, "需要登录：请带上 API 令牌（Authorization: Bearer …）或先登录");
    if (r->authed == 1 && strcmp(r->method, "GET")) {
        /* a session's write carries its CSRF token, in a header or a form field */
        const char *t = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!t && r->form)
            t = srv_field_get(r, "csrf", NULL, NULL);
        if (!t || !same_token(t, r->user.csrf))
            return srv_fail(o, 403, "CSRF 令牌缺失或不符：请从页面上的表单提交");
    }
    return 0;
}

/* ---------------------------------------------------------- bodies */

static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                 const char *content_type, const char *transfer_encoding, const char *data,
                                 uint64_t off, size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    srv_req *r = cls;
    srv_field *f = NULL;
    /* a field continues the last one of its name; a new file starts a new one (several files
     * may be sent under one name) */
    for (size_t i = r->nfields; i-- > 0 && !f;)
        if (!strcmp(r->fields[i].name, key))
            f = &r->fields[i];
    if (f && filename && off == 0 && f->val.len)
        f = NULL;
    if (!f) {
        if (r->nfields >= SRV_MAX_FIELDS)
            return MHD_YES; /* extra fields are ignored */
        f = &r->fields[r->nfields++];
        snprintf(f->name, sizeof f->name, "%s", key);
        snprintf(f->filename, sizeof f->filename, "%s", filename ? filename : "");
        yu_buf_init(&f->val, r->S->cfg.max_body);
        yu_buf_add(&f->val, "", 0);
    }
    if (size && yu_buf_add(&f->val, data, size))
        r->too_big = 1;
    return MHD_YES;
}

static void req_free(srv_req *r)
{
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    yu_buf_free(&r->body);
    for (size_t i = 0; i < r->nfields; i++)
        yu_buf_free(&r->fields[i].val);
    free(r);
}

static int send_out(srv_req *r, srv_out *o)
{
    if (o->b.oom)
        srv_fail(o, 500, "out of memory");
    size_t len = o->b.len;
    char *body = yu_buf_take(&o->b);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, body ? body : (char *)"",
                                                                body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        free(body);
        return MHD_NO;
    }
    char ct[96];
    snprintf(ct, sizeof ct, "%s%s", o->ctype ? o->ctype : "application/json",
             o->ctype && (!strncmp(o->ctype, "text/", 5) || !strcmp(o->ctype, "application/json")) ? "; charset=utf-8" : "");
    MHD_add_response_header(resp, "Content-Type", ct);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    for (int i = 0; i < o->nhdr; i++)
        MHD_add_response_header(resp, o->hdr_name[i], o->hdr_val[i]);
    r->status = o->status;
    r->sent = len;
    enum MHD_Result q = MHD_queue_response(r->c, (unsigned)o->status, resp);
    MHD_destroy_response(resp);
    return q;
}

/* refuses what no route of ours may hold: "..", backslashes, control bytes */
static int bad_path(const char *url)
{
    if (url[0] != '/')
        return 1;
    for (const char *p = url; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == '\\')
            return 1;
        if (p[0] == '.' && p[1] == '.' && (p == url || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
            return 1;
    }
    return strstr(url, "%2e%2e") || strstr(url, "%2E%2E") || strstr(url, "//");
}

/* the query string, in the order given, for the cache's key */
static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
    (void)kind;
    yu_buf *b = cls;
    yu_buf_printf(b, "%c%s=%s", b->len ? '&' : '?', k, v ? v : "");
    return MHD_YES;
}

/* an anonymous read of public data: the same for every reader while the store is unchanged */
static int cacheable(const srv_req *r)
{
    static const char *const pub[] = {"/api/units/", "/api/aggregate", "/api/facts", "/api/members", "/api/compare"};
    if (strcmp(r->method, "GET") || r->authed || !r->S->cache)
        return 0;
    for (size_t i = 0; i < sizeof pub / sizeof *pub; i++)
        if (!strncmp(r->url, pub[i], strlen(pub[i])))
            return 1;
    return 0;
}

static int answer(srv_req *r)
{
    srv_out o = {0};
    o.status = 200;
    yu_buf_init(&o.b, 0);
    o.ctype = srv_wants_html(r) ? "text/html" : "application/json";
    if (r->too_big)
        srv_fail(&o, 413, "请求体超过上限 %zu 字节", r->S->cfg.max_body);
    else if (r->bad_form)
        srv_fail(&o, 400, "表单格式不正确（multipart/form-data 或 application/x-www-form-urlencoded）");
    else if (bad_path(r->url))
        srv_fail(&o, 400, "路径“%s”不合法（不得含 .. 或控制字符）", r->url);
    else if (!srv_store(r->S))
        srv_fail(&o, 503, "数据库暂不可用");
    else {
        identify(r);
        yu_buf key;
        yu_buf_init(&key, 8192);
        uint64_t stamp = 0;
        int cache = cacheable(r);
        if (cache) {
            MHD_get_connection_values(r->c, MHD_GET_ARGUMENT_KIND, key_arg, &key);
            cache = !key.oom && !yu_buf_puts(&key, r->url);
            stamp = srv_cache_stamp(r->S->cfg.db);
        }
        if (!cache || !srv_cache_get(r->S->cache, key.p, stamp, &o)) {
            int done = !strncmp(r->url, "/api/", 5) || !strcmp(r->url, "/api") ? api_route(r, &o) : page_route(r, &o);
            if (!done)
                srv_fail(&o, 404, "没有这个地址：%s %s", r->method, r->url);
            else if (cache && stamp == srv_cache_stamp(r->S->cfg.db))
                srv_cache_put(r->S->cache, key.p, stamp, &o);
        }
        yu_buf_free(&key);
    }
    int q = send_out(r, &o);
    yu_buf_free(&o.b);
    return q;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    srv *S = cls;
    srv_req *r = *con_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        r->S = S;
        r->c = c;
        r->method = method;
        r->url = url;
        r->t0 = srv_now();
        yu_buf_init(&r->body, S->cfg.max_body);
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, r->ip, sizeof r->ip);
        else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, r->ip, sizeof r->ip);
        else
            snprintf(r->ip, sizeof r->ip, "-");
        const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
        if (ct && (!strncmp(ct, "multipart/form-data", 19) || !strncmp(ct, "application/x-www-form-urlencoded", 33))) {
            r->pp = MHD_create_post_processor(c, 64 * 1024, post_iter, r);
            r->form = r->pp != NULL;
        }
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || *end || n > S->cfg.max_body)
                r->too_big = 1;
        }
        pthread_mutex_lock(&S->count_lock);
        S->inflight++;
        pthread_mutex_unlock(&S->count_lock);
        r->counted = 1;
        *con_cls = r;
        if (r->too_big)
            return answer(r) == MHD_YES ? MHD_YES : MHD_NO; /* 413 before reading the body */
        return MHD_YES;
    }
    if (*upload_size) {
        if (!r->too_big) {
            if (r->pp) {
                if (MHD_post_process(r->pp, upload, *upload_size) != MHD_YES)
                    r->bad_form = 1;
            } else if (yu_buf_add(&r->body, upload, *upload_size))
                r->too_big = 1;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->status)
        return MHD_YES; /* already answered (413) */
    return answer(r) == MHD_YES ? MHD_YES : MHD_NO;
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)c;
    srv *S = cls;
    srv_req *r = *con_cls;
    if (!r)
        return;
    /* the access log: one line a request */
    char ts[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fprintf(stderr, "%s %s %s \"%s %s\" %d %zu %.1fms%s\n", ts, r->ip, r->user.name[0] ? r->user.name : "-", r->method,
            r->url, r->status, r->sent, (srv_now() - r->t0) * 1000.0,
            toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    if (r->counted) {
        pthread_mutex_lock(&S->count_lock);
        S->inflight--;
        pthread_mutex_unlock(&S->count_lock);
    }
    req_free(r);
    *con_cls = NULL;
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("yusuan serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

int srv_run(srv_cfg *cfg)
{
    srv *S = calloc(1, sizeof *S);
    if (!S)
        return 2;
    S->cfg = *cfg;
    S->next_job = 1;
    pthread_key_create(&S->store_key, close_store);
    pthread_mutex_init(&S->write_lock, NULL);
    pthread_mutex_init(&S->jobs_lock, NULL);
    pthread_mutex_init(&S->count_lock, NULL);
    S->cache = srv_cache_new();
    pthread_cond_init(&S->jobs_cond, NULL);
    int rc = 2;
    struct MHD_Daemon *d = NULL;
    yu_error err;
    yu_error_clear(&err);
    /* the store is created and migrated before anything listens */
    yu_store *s0 = NULL;
    if (yu_store_open(cfg->db, &s0, &err)) {
        char buf[2048];
        fprintf(stderr, "yusuan serve: %s\n", yu_error_format(&err, buf, sizeof buf));
        goto out;
    }
    yu_store_close(s0);
    if (mkdir(cfg->data, 0700) && errno != EEXIST) {
        fprintf(stderr, "yusuan serve: %s: cannot create the data directory: %s\n", cfg->data, strerror(errno));
        goto out;
    }
    S->func = yu_catalog_new();
    S->econ = yu_catalog_new();
    char path[1200];
    snprintf(path, sizeof path, "%s/catalog/func-2024.tsv", cfg->datadir);
    if (!S->func || !S->econ || yu_catalog_add_file(S->func, path, &err)) {
        fprintf(stderr, "yusuan serve: %s: %s\n", path, err.msg);
        goto out;
    }
    snprintf(path, sizeof path, "%s/catalog/econ-dept-2024.tsv", cfg->datadir);
    if (yu_catalog_add_file(S->econ, path, &err)) {
        fprintf(stderr, "yusuan serve: %s: %s\n", path, err.msg);
        goto out;
    }
    if (srv_load_layouts(S))
        goto out;
    /* SIGTERM and SIGINT are waited for by this thread only */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (srv_worker_start(S))
        goto out;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)cfg->port);
    if (inet_pton(AF_INET, cfg->host, &sa.sin_addr) != 1) {
        fprintf(stderr, "yusuan serve: --listen %s:%u: expected an IPv4 address such as 127.0.0.1:8080\n", cfg->host,
                cfg->port);
        goto out;
    }
    d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_USE_AUTO, 0, NULL, NULL,
                         on_request, S, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
                         (unsigned)cfg->threads, MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)64,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024), MHD_OPTION_NOTIFY_COMPLETED, on_done,
                         S, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "yusuan serve: cannot listen on %s:%u: %s\n", cfg->host, cfg->port, strerror(errno));
        goto out;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("yusuan serve: listening on http://%s:%u/ (store %s, uploads in %s)\n", cfg->host,
           di ? (unsigned)di->port : cfg->port, cfg->db, cfg->data);
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "yusuan serve: %s: stopping: no new connections, finishing the requests in flight\n",
            sig == SIGTERM ? "SIGTERM" : "SIGINT");
    MHD_quiesce_daemon(d);
    /* requests in flight finish (at most a minute) */
    for (int i = 0; i < 600; i++) {
        pthread_mutex_lock(&S->count_lock);
        int n = S->inflight;
        pthread_mutex_unlock(&S->count_lock);
        if (!n)
            break;
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    d = NULL;
    rc = 0;
out:
    if (d)
        MHD_stop_daemon(d);
    srv_worker_stop(S); /* audits queued are finished first */
    yu_store *own = pthread_getspecific(S->store_key);
    yu_store_close(own);
    pthread_key_delete(S->store_key);
    for (size_t i = 0; i < S->nlayouts; i++)
        yu_layout_free(S->layouts[i]);
    yu_catalog_free(S->func);
    yu_catalog_free(S->econ);
    for (srv_job *j = S->jobs, *n; j; j = n) {
        n = j->next;
        free(j);
    }
    pthread_mutex_destroy(&S->write_lock);
    pthread_mutex_destroy(&S->jobs_lock);
    pthread_mutex_destroy(&S->count_lock);
    srv_cache_free(S->cache);
    pthread_cond_destroy(&S->jobs_cond);
    free(S);
    if (!rc)
        fprintf(stderr, "yusuan serve: stopped\n");
    return rc;
}
