/* yusuan report --db PATH --year Y --all -f FMT[,FMT...] -o DIR: every node's
 * document in one run (yu_store_report_all), written into a new directory that
 * appears whole or not at all. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <dirent.h>
#include <pthread.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <jansson.h>
#include "cli.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

#define MAX_LAYOUTS 32

typedef struct all_ctx {
    cli_env *env;
    int fmt[YU_FMT_COUNT];
    size_t nfmt;
    char *dir; /* the temporary directory being filled */
    yu_glossary_mode g;
    pthread_mutex_t mu; /* layouts, the serial renderers (pdf, xlsx), index and warnings */
    struct {
        char *id;
        yu_layout *L;
        char glossary[1024];
    } lay[MAX_LAYOUTS];
    size_t nlay;
    FILE *index, *warn;
    pthread_key_t arena; /* each thread's json_arena */
    int tty;
    double t0, last;
} all_ctx;


/* ---- jansson's allocations while a JSON document is rendered ----
 * The JSON renderer builds a jansson tree of every document (thousands of
 * values, strings and hash tables a node) and frees it once dumped.  During
 * that call the allocations come from a per-thread bump arena (json_alloc_begin
 * .. json_alloc_end), so a value costs a pointer bump and its free nothing; the
 * arena is reset after each document and reused by the next.  Outside that
 * bracket, and for a pointer the arena did not hand out, malloc and free. */

#define JA_OLD 32

typedef struct json_arena {
    char *p;
    size_t used, cap;
    char *old[JA_OLD]; /* chunks outgrown during this document, freed at its end */
    size_t oldcap[JA_OLD];
    size_t nold;
} json_arena;

static _Thread_local json_arena *ja_cur;

static void *ja_malloc(size_t n)
{
    json_arena *a = ja_cur;
    if (!a)
        return malloc(n);
    n = (n + 15) & ~(size_t)15;
    if (a->used + n > a->cap) {
        if (a->nold == JA_OLD)
            return malloc(n); /* freed by ja_free: not in the arena */
        size_t nc = a->cap ? a->cap * 2 : (size_t)1 << 16;
        while (nc < 2 * n)
            nc *= 2;
        char *np = malloc(nc);
        if (!np)
            return NULL;
        if (a->p) {
            a->old[a->nold] = a->p;
            a->oldcap[a->nold++] = a->cap;
        }
        a->p = np;
        a->cap = nc;
        a->used = 0;
    }
    void *r = a->p + a->used;
    a->used += n;
    return r;
}

static int ja_owns(const json_arena *a, const char *p)
{
    if (a->p && p >= a->p && p < a->p + a->cap)
        return 1;
    for (size_t i = 0; i < a->nold; i++)
        if (p >= a->old[i] && p < a->old[i] + a->oldcap[i])
            return 1;
    return 0;
}

static void ja_free(void *p)
{
    json_arena *a = ja_cur;
    if (p && (!a || !ja_owns(a, p)))
        free(p);
}

static void json_alloc_begin(json_arena *a)
{
    ja_cur = a;
}

/* every jansson value of the document has been freed: the arena is empty again */
static void json_alloc_end(json_arena *a)
{
    for (size_t i = 0; i < a->nold; i++)
        free(a->old[i]);
    a->nold = 0;
    a->used = 0;
    ja_cur = NULL;
}

static void json_arena_free(json_arena *a)
{
    json_alloc_end(a);
    free(a->p);
    a->p = NULL;
    a->cap = 0;
}

/* a thread's arena, kept from one document to the next (pthread key: freed when the thread ends) */
static void json_arena_destroy(void *p)
{
    if (p) {
        json_arena_free(p);
        free(p);
    }
}

static const char *const EXT[YU_FMT_COUNT] = {"txt", "md", "json", "csv", "html", "pdf", "xlsx"};

/* the layout of a template, loaded once (under the lock) */
static yu_status layout_of(all_ctx *C, const char *id, const yu_layout **L, const char **gloss, yu_error *err)
{
    yu_status st = YU_OK;
    pthread_mutex_lock(&C->mu);
    size_t i;
    for (i = 0; i < C->nlay; i++)
        if (!strcmp(C->lay[i].id, id))
            break;
    if (i == C->nlay) {
        char path[1024];
        for (const char *p = id; *p; p++)
            if (*p == '/' || *p == '.') {
                st = yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "template '%s': expected a template id such as central-budget", id);
                goto out;
            }
        if (C->nlay == MAX_LAYOUTS) {
            st = yu_error_set(err, YU_ELIMIT, NULL, 0, 0, "more than %d templates in one run", MAX_LAYOUTS);
            goto out;
        }
        snprintf(path, sizeof path, "%s/layouts/%s.layout", C->env->datadir, id);
        yu_layout *nl = NULL;
        if ((st = yu_layout_load(path, &nl, err)))
            goto out;
        if (nl->kind && strcmp(nl->kind, "budget")) {
            st = yu_error_set(err, YU_EUSAGE, path, 0, 0, "template '%s' is a %s template: expected a budget template "
                              "such as central-budget", id, nl->kind);
            yu_layout_free(nl);
            goto out;
        }
        C->lay[i].id = strdup(id);
        C->lay[i].L = nl;
        C->lay[i].glossary[0] = 0;
        if (nl->glossary)
            snprintf(C->lay[i].glossary, sizeof C->lay[i].glossary, "%s/glossary/%s", C->env->datadir, nl->glossary);
        if (!C->lay[i].id) {
            yu_layout_free(nl);
            st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
            goto out;
        }
        C->nlay++;
    }
    *L = C->lay[i].L;
    *gloss = C->lay[i].glossary[0] ? C->lay[i].glossary : NULL;
out:
    pthread_mutex_unlock(&C->mu);
    return st;
}

/* one document, written whole with write(2): no stdio buffer to allocate and copy
 * through (the directory appears only when every file is written) */
static yu_status put_file(const char *path, const char *data, size_t len, yu_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return yu_error_set(err, YU_EIO, path, 0, 0, "cannot create: %s", strerror(errno));
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = w < 0 ? errno : EIO;
            close(fd);
            return yu_error_set(err, YU_EIO, path, 0, 0, "cannot write: %s", strerror(e));
        }
        off += (size_t)w;
    }
    if (close(fd) != 0)
        return yu_error_set(err, YU_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
    return YU_OK;
}

static void progress(void *ctx, size_t done, size_t total)
{
    all_ctx *C = ctx;
    if (!C->tty)
        return;
    double now = cli_now();
    if (done != total && now - C->last < 0.1)
        return;
    C->last = now;
    int width = 30, fill = total ? (int)((double)done * width / (double)total) : width;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[width] = 0;
    fprintf(stderr, "\r[%s] %zu/%zu nodes %5.1f%%  %.1f s", bar, done, total,
            total ? 100.0 * (double)done / (double)total : 100.0, now - C->t0);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static yu_status emit(void *ctx, const char *code, const yu_budget *b, const yu_warnings *w, yu_error *err)
{
    all_ctx *C = ctx;
    if (interrupted)
        return yu_error_set(err, YU_EIO, NULL, 0, 0, "interrupted: nothing written");
    if (!code[0] || strchr(code, '/') || code[0] == '.')
        return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "unit code '%s' cannot name a file: expected digits and letters", code);
    const yu_layout *L = NULL;
    const char *gloss = NULL;
    yu_status st = layout_of(C, b->template_id ? b->template_id : "central-budget", &L, &gloss, err);
    if (st)
        return st;
    yu_compile_opts o = {C->g, gloss, C->env->func, C->env->econ};
    yu_doc *d = NULL;
    if ((st = yu_compile(b, L, &o, &d, err)))
        return st;
    char path[4096];
    for (size_t i = 0; i < C->nfmt && !st; i++) {
        int f = C->fmt[i];
        if (f == YU_FMT_CSV) {
            snprintf(path, sizeof path, "%s/%s-csv", C->dir, code);
            if (cli_write_csv_dir(d, path))
                st = yu_error_set(err, YU_EIO, path, 0, 0, "cannot write the CSV tables");
            continue;
        }
        snprintf(path, sizeof path, "%s/%s.%s", C->dir, code, EXT[f]);
        if (f == YU_FMT_XLSX || f == YU_FMT_PDF) { /* cairo/pango and libxlsxwriter: one at a time */
            pthread_mutex_lock(&C->mu);
            if (f == YU_FMT_XLSX) {
                yu_findings fs = {0};
                st = yu_check_doc(d, &fs);
                if (!st)
                    st = yu_render_file(d, YU_FMT_XLSX, &fs, path, err);
                yu_findings_free(&fs);
            } else {
                char *out = NULL;
                size_t len = 0;
                if (!(st = yu_render(d, YU_FMT_PDF, &out, &len, err)))
                    st = put_file(path, out, len, err);
                free(out);
            }
            pthread_mutex_unlock(&C->mu);
            continue;
        }
        char *out = NULL;
        size_t len = 0;
        json_arena *a = NULL;
        if (f == YU_FMT_JSON && !(a = pthread_getspecific(C->arena)) && (a = calloc(1, sizeof *a)) &&
            pthread_setspecific(C->arena, a)) {
            free(a);
            a = NULL;
        }
        if (a)
            json_alloc_begin(a);
        st = yu_render(d, (yu_format)f, &out, &len, err);
        if (a)
            json_alloc_end(a);
        if (!st)
            st = put_file(path, out, len, err);
        free(out);
    }
    yu_doc_free(d);
    if (!st) {
        pthread_mutex_lock(&C->mu);
        fprintf(C->index, "%s\t%s\t%zu\n", code, b->name ? b->name : "", b->nlines);
        for (size_t i = 0; w && i < w->n; i++)
            fprintf(C->warn, "%s\t%s\n", code, w->msg[i]);
        pthread_mutex_unlock(&C->mu);
    }
    return st;
}

/* removes the temporary directory of a failed run (files, and the CSV directories in it) */
static void remove_tree(const char *dir, int depth)
{
    DIR *D = opendir(dir);
    if (D) {
        struct dirent *e;
        char p[4096];
        while ((e = readdir(D))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            if (unlink(p) != 0 && depth > 0)
                remove_tree(p, depth - 1);
        }
        closedir(D);
    }
    rmdir(dir);
}

int cli_report_all(cli_env *env, const char *db, int year, const char *fmts, const char *outdir,
                   yu_glossary_mode g, unsigned threads)
{
    all_ctx C;
    memset(&C, 0, sizeof C);
    C.env = env;
    C.g = g;
    /* formats: a comma-separated list */
    const char *p = fmts;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char name[16];
        int f = -1;
        if (n && n < sizeof name) {
            memcpy(name, p, n);
            name[n] = 0;
            f = yu_format_parse(name);
        }
        if (f < 0) {
            fprintf(stderr, "yusuan: report --all: unknown format '%.*s' in -f %s: expected txt, md, json, csv, html, pdf or xlsx, "
                            "separated by commas\n", (int)n, p, fmts);
            return 2;
        }
        int dup = 0;
        for (size_t i = 0; i < C.nfmt; i++)
            dup |= C.fmt[i] == f;
        if (!dup)
            C.fmt[C.nfmt++] = f;
        p += n + (e != NULL);
    }
    if (!outdir || !strcmp(outdir, "-")) {
        fprintf(stderr, "yusuan: report --all writes one file per node and format: give a new directory with -o DIR\n");
        return 2;
    }
    struct stat sb;
    if (stat(outdir, &sb) == 0) {
        fprintf(stderr, "yusuan: %s: already exists: report --all writes a new directory (remove it or name another)\n", outdir);
        return 2;
    }
    size_t dl = strlen(outdir) + 32;
    C.dir = malloc(dl);
    if (!C.dir)
        return 2;
    snprintf(C.dir, dl, "%s.partial-%ld", outdir, (long)getpid());
    if (mkdir(C.dir, 0755) != 0) {
        fprintf(stderr, "yusuan: %s: cannot create directory: %s\n", C.dir, strerror(errno));
        free(C.dir);
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/index.tsv", C.dir);
    C.index = fopen(path, "w");
    snprintf(path, sizeof path, "%s/warnings.txt", C.dir);
    C.warn = fopen(path, "w");
    int rc = 0;
    if (!C.index || !C.warn) {
        fprintf(stderr, "yusuan: %s: cannot create: %s\n", path, strerror(errno));
        rc = 2;
    }
    pthread_mutex_init(&C.mu, NULL);
    int have_key = pthread_key_create(&C.arena, json_arena_destroy) == 0;
    if (!have_key && !rc) {
        fprintf(stderr, "yusuan: report --all: cannot create a thread key\n");
        rc = 2;
    }
    else
        json_set_alloc_funcs(ja_malloc, ja_free); /* outside an arena's bracket: malloc and free */
    struct sigaction sa, oldint, oldterm;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &oldint);
    sigaction(SIGTERM, &sa, &oldterm);
    C.tty = isatty(2);
    C.t0 = C.last = cli_now();
    size_t nnodes = 0;
    if (!rc) {
        yu_store *s = NULL;
        yu_error err;
        yu_error_clear(&err);
        if (C.index)
            fputs("code\tname\tline_items\n", C.index);
        yu_report_all_opts o = {threads, emit, &C, progress};
        yu_status st = yu_store_open(db, &s, &err);
        if (!st)
            st = yu_store_report_all(s, year, &o, &nnodes, &err);
        yu_store_close(s);
        if (!st && !nnodes)
            st = yu_error_set(&err, YU_EMISSING, db, 0, 0, "no budget for %d in the store", year);
        if (st) {
            if (C.tty)
                fputc('\n', stderr);
            cli_error(&err);
            rc = st == YU_EMISSING ? 1 : 2;
        }
    }
    if (C.index && fclose(C.index) && !rc) {
        fprintf(stderr, "yusuan: %s/index.tsv: cannot write\n", C.dir);
        rc = 2;
    }
    if (C.warn && fclose(C.warn) && !rc) {
        fprintf(stderr, "yusuan: %s/warnings.txt: cannot write\n", C.dir);
        rc = 2;
    }
    if (!rc && interrupted)
        rc = 2;
    if (!rc && rename(C.dir, outdir) != 0) {
        fprintf(stderr, "yusuan: %s: cannot rename the finished %s onto it: %s\n", outdir, C.dir, strerror(errno));
        rc = 2;
    }
    if (rc)
        remove_tree(C.dir, 1);
    else
        fprintf(stderr, "wrote %zu nodes' documents (%zu format%s) into %s in %.1f s\n", nnodes, C.nfmt,
                C.nfmt > 1 ? "s" : "", outdir, cli_now() - C.t0);
    sigaction(SIGINT, &oldint, NULL);
    sigaction(SIGTERM, &oldterm, NULL);
    pthread_mutex_destroy(&C.mu);
    if (have_key) {
        json_arena_destroy(pthread_getspecific(C.arena)); /* this thread's: the workers' went with them */
        pthread_key_delete(C.arena);
        json_set_alloc_funcs(malloc, free);
    }
    for (size_t i = 0; i < C.nlay; i++) {
        free(C.lay[i].id);
        yu_layout_free(C.lay[i].L);
    }
    free(C.dir);
    return rc;
}
