/* yusuan serve: the web application and JSON API over libmicrohttpd
 * (docs/api.md).  Internal to the server. */
#ifndef YU_SERVER_H
#define YU_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include "yusuan/yusuan.h"
#include "yusuan/flow.h"
#include <jansson.h>
#include "internal.h"

#define SRV_MAX_LAYOUTS 16
#define SRV_CACHE_ENTRIES 64          /* public answers kept (cache.c) */
#define SRV_CACHE_BYTES (256u << 20)  /* and their bytes in all */

typedef struct srv_cache srv_cache;
#define SRV_MAX_FIELDS 16

typedef struct srv_cfg {
    const char *db;        /* the store */
    const char *data;      /* directory for uploaded documents */
    const char *datadir;   /* yusuan's data/ (catalogues, layouts) */
    char host[64];
    unsigned port;
    size_t max_body;       /* bytes of a request body (413 beyond) */
    unsigned timeout;      /* seconds a connection may stay idle */
    unsigned threads;      /* request threads */
} srv_cfg;

/* an audit in the background */
typedef struct srv_job {
    int64_t id;
    char name[256];        /* the file name as uploaded */
    char path[1300];       /* where it is kept */
    char user[128];
    int state;             /* 0 queued, 1 running, 2 done, 3 failed */
    int64_t document_id;
    int errors;
    char message[1024];
    struct srv_job *next;
} srv_job;

typedef struct srv {
    srv_cfg cfg;
    yu_catalog *func, *econ;
    yu_layout *layouts[SRV_MAX_LAYOUTS];
    size_t nlayouts;
    pthread_key_t store_key;      /* each request thread's own connection */
    pthread_mutex_t write_lock;   /* one writer at a time */
    pthread_mutex_t jobs_lock;
    pthread_cond_t jobs_cond;
    srv_job *jobs;                /* every job of this run, newest first */
    int64_t next_job;
    int stopping;
    pthread_t worker;
    int worker_started;
    pthread_mutex_t count_lock;
    int inflight;                 /* requests being answered */
    srv_cache *cache;             /* public answers while the store is unchanged (cache.c) */
} srv;

/* a form or multipart field */
typedef struct srv_field {
    char name[64];
    char filename[256];
    yu_buf val;
} srv_field;

/* one request */
typedef struct srv_req {
    srv *S;
    struct MHD_Connection *c;
    const char *method, *url;
    char ip[64];
    double t0;
    yu_buf body;                  /* raw body (not a form) */
    int form;                     /* body is a form (urlencoded or multipart) */
    struct MHD_PostProcessor *pp;
    srv_field fields[SRV_MAX_FIELDS];
    size_t nfields;
    int too_big;
    int bad_form;                 /* the form could not be parsed */
    int counted;
    /* who asks */
    yu_flow_user user;
    int authed;                   /* 1 session cookie, 2 bearer token */
    char token[65];
    /* the answer */
    int status;
    size_t sent;
} srv_req;

/* an answer being built */
typedef struct srv_out {
    int status;
    yu_buf b;
    const char *ctype;
    char hdr_name[4][32];
    char hdr_val[4][512];
    int nhdr;
} srv_out;

/* http.c */
yu_store *srv_store(srv *S);          /* this thread's connection, or NULL (logged) */
const char *srv_arg(srv_req *r, const char *name); /* query argument */
const char *srv_field_get(srv_req *r, const char *name, size_t *len, const char **filename);
void srv_header(srv_out *o, const char *name, const char *val);
int srv_fail(srv_out *o, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int srv_status_of(yu_status st);      /* a library refusal as an HTTP status */

/* cache.c: answers to anonymous public reads, kept while the store's file and
 * log are unchanged (srv_cache_stamp); get fills o and returns 1 on a hit */
srv_cache *srv_cache_new(void);
void srv_cache_free(srv_cache *c);
uint64_t srv_cache_stamp(const char *db);
int srv_cache_get(srv_cache *c, const char *key, uint64_t stamp, srv_out *o);
void srv_cache_put(srv_cache *c, const char *key, uint64_t stamp, const srv_out *o);
int srv_wants_html(srv_req *r);
/* authentication of a write: 0 ok, else the status set in o (401/403) */
int srv_need_user(srv_req *r, srv_out *o);
double srv_now(void);

/* api.c: every /api/ route; 0 when none matched */
int api_route(srv_req *r, srv_out *o);
/* pages.c: every HTML page; 0 when none matched */
int page_route(srv_req *r, srv_out *o);

/* work.c */
int srv_load_layouts(srv *S);
const yu_layout *srv_layout(srv *S, const char *id);
/* compiles the document of a stored node (consolidated) */
yu_status srv_node_doc(srv *S, yu_store *s, const char *code, int year, yu_budget **b, yu_doc **d, yu_error *err);
/* reads a workbook from memory and compiles it; findings of the rules in fs */
yu_status srv_workbook_doc(srv *S, const void *data, size_t len, yu_budget **b, yu_doc **d, yu_error *err);
/* checks an uploaded workbook and keeps it as the unit's draft */
int srv_upload_workbook(srv_req *r, srv_out *o, const char *filename, const void *data, size_t len, int64_t *id);
/* submits, returns or approves a submission; an approval also imports the approved budget into
 * the store, in one transaction.  0, or the refusal set in o */
int srv_act(srv_req *r, srv_out *o, int64_t id, yu_sub_action a, const char *comment);
/* renders a document in a format into o (content type and file name set) */
int srv_render(srv_out *o, const yu_doc *d, const char *fmt, const char *basename);
/* queues an audit of an uploaded file: the job, or NULL (o set) */
srv_job *srv_queue_audit(srv_req *r, srv_out *o, const char *filename, const void *data, size_t len);
/* (data NULL: audit again the file kept under that name) */
int srv_job_get(srv *S, int64_t id, srv_job *copy);
/* copies of every job of this run, newest first (caller frees *out) */
size_t srv_jobs(srv *S, srv_job **out);
/* the text an audit read from a document (NULL when not kept); line `line` (1-based) of it, trimmed */
char *srv_doc_text(srv *S, const char *origin, size_t *len);
/* where the file of a document is kept: 0, or -1 for a name that cannot be one */
int srv_upload_path(srv *S, const char *origin, char *out, size_t n);
/* pageimg.c: page (1-based) of a PDF as PNG into out, each of marks boxed in red where printed;
 * 0, or an HTTP status with msg */
int srv_page_png(const char *path, int page, const char *const *marks, size_t nmarks, yu_buf *out, char *msg, size_t n);
const char *srv_text_line(const char *text, size_t len, int line, char *buf, size_t n);
int srv_worker_start(srv *S);
void srv_worker_stop(srv *S);
/* starts the server and answers until SIGTERM or SIGINT: 0 stopped cleanly, 2 could not start */
int srv_run(srv_cfg *cfg);
/* api.c: a submission's document (or its input workbook, fmt "xlsx-input") */
int api_submission_download(srv_req *r, srv_out *o, int64_t id, const char *fmt);
void srv_html_esc(yu_buf *b, const char *s);
int srv_safe_name(const char *name);

#endif
