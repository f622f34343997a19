/* Helpers shared by the subcommands. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include "cli.h"

#ifndef YU_DATADIR
#define YU_DATADIR "data"
#endif

double cli_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void cli_error(const yu_error *e)
{
    char buf[2048];
    fprintf(stderr, "yusuan: %s\n", yu_error_format(e, buf, sizeof buf));
}

/* The data directory (catalogues, layouts, vocabularies, glossaries), first
 * found of: the --data option, $YUSUAN_DATA, ../share/yusuan beside the
 * executable (an installed yusuan: PREFIX/bin/yusuan finds PREFIX/share/yusuan,
 * wherever PREFIX is), the source tree's data/ compiled in (YU_DATADIR).  The
 * library never looks: it is given the paths (docs/install.md, "Data"). */
static const char *data_option;
static char data_exe[4096];

void cli_set_datadir(const char *dir)
{
    data_option = dir;
}

/* PREFIX/share/yusuan when this program is PREFIX/bin/yusuan and the data is there, else NULL */
static const char *datadir_from_exe(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= sizeof exe - 1)
        return NULL;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = 0; /* PREFIX/bin */
    slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = 0; /* PREFIX ("" for /bin) */
    int w = snprintf(data_exe, sizeof data_exe, "%s/share/yusuan", exe);
    if (w < 0 || (size_t)w >= sizeof data_exe)
        return NULL;
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/catalog/func-2024.tsv", data_exe);
    return access(probe, R_OK) == 0 ? data_exe : NULL;
}

static const char *datadir(void)
{
    if (data_option && *data_option)
        return data_option;
    const char *d = getenv("YUSUAN_DATA");
    if (d && *d)
        return d;
    d = datadir_from_exe();
    return d ? d : YU_DATADIR;
}

int cli_catalogs(cli_env *env, const char **extra, size_t nextra)
{
    yu_error err;
    yu_error_clear(&err);
    env->datadir = datadir();
    env->func = yu_catalog_new();
    env->econ = yu_catalog_new();
    if (!env->func || !env->econ) {
        fprintf(stderr, "yusuan: out of memory\n");
        return 2;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/catalog/func-2024.tsv", env->datadir);
    if (yu_catalog_add_file(env->func, path, &err)) {
        cli_error(&err);
        return 2;
    }
    snprintf(path, sizeof path, "%s/catalog/econ-dept-2024.tsv", env->datadir);
    if (yu_catalog_add_file(env->econ, path, &err)) {
        cli_error(&err);
        return 2;
    }
    for (size_t i = 0; i < nextra; i++) {
        /* a user file may hold either kind: 5-digit 30xxx/31xxx codes are economic */
        if (yu_catalog_add_file(env->func, extra[i], &err)) {
            cli_error(&err);
            return 2;
        }
    }
    return 0;
}

int cli_layout(cli_env *env, const char *template_id)
{
    yu_error err;
    yu_error_clear(&err);
    char path[1024];
    for (const char *p = template_id; *p; p++)
        if (*p == '/' || *p == '.') {
            fprintf(stderr, "yusuan: template '%s': expected a template id such as central-budget\n", template_id);
            return 2;
        }
    snprintf(path, sizeof path, "%s/layouts/%s.layout", env->datadir, template_id);
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "yusuan: unknown template '%s': no layout file %s\n", template_id, path);
        return 2;
    }
    if (yu_layout_load(path, &env->layout, &err)) {
        cli_error(&err);
        return 2;
    }
    if (env->layout->glossary)
        snprintf(env->glossary, sizeof env->glossary, "%s/glossary/%s", env->datadir, env->layout->glossary);
    return 0;
}

/* e's place is on the sheet named by the first sl bytes of where (its part before '!') */
static int sheet_is(const yu_error *e, const char *where, size_t sl)
{
    return strcspn(e->where, "!") == sl && sl && !memcmp(e->where, where, sl);
}

yu_status cli_load_budget(cli_env *env, const char *path, yu_budget **b, yu_error *err)
{
    size_t n = strlen(path);
    int xlsx = n > 5 && !strcmp(path + n - 5, ".xlsx");
    yu_errors *l = yu_errors_new(); /* NULL (out of memory): the first error only */
    yu_status st = xlsx ? yu_load_xlsx_all(path, env->func, env->econ, b, l, err)
                        : yu_load_package_all(path, env->func, env->econ, b, l, err);
    if (st) {
        /* every error found, in order; the one that stopped the load last when it is not among them.
         * A workbook's are grouped by sheet (the sheets in the order their first error was found,
         * a heading line before each group when there are several), errors with no sheet last. */
        size_t k = yu_errors_count(l);
        int listed = 0;
        size_t *ord = xlsx && k > 1 ? calloc(k, sizeof *ord) : NULL;
        size_t no = 0;
        if (ord) {
            for (size_t i = 0; i < k; i++) {
                const yu_error *e = yu_errors_at(l, i);
                size_t sl = strcspn(e->where, "!");
                int seen = 0;
                for (size_t j = 0; j < no && !seen; j++)
                    seen = sheet_is(yu_errors_at(l, ord[j]), e->where, sl);
                if (seen || !sl)
                    continue;
                for (size_t j = i; j < k; j++)
                    if (sheet_is(yu_errors_at(l, j), e->where, sl))
                        ord[no++] = j;
            }
            for (size_t i = 0; i < k; i++)
                if (!strcspn(yu_errors_at(l, i)->where, "!"))
                    ord[no++] = i;
        }
        const char *prev = NULL;
        size_t prevlen = 0;
        for (size_t i = 0; i < k; i++) {
            const yu_error *e = yu_errors_at(l, ord ? ord[i] : i);
            size_t sl = strcspn(e->where, "!");
            if (ord && sl && (!prev || prevlen != sl || memcmp(prev, e->where, sl))) {
                size_t nin = 0;
                for (size_t j = 0; j < k; j++)
                    nin += sheet_is(yu_errors_at(l, j), e->where, sl);
                fprintf(stderr, "yusuan: %s：工作表“%.*s”，%zu处：\n", path, (int)sl, e->where, nin);
                prev = e->where;
                prevlen = sl;
            }
            cli_error(e);
            listed |= !memcmp(e, err, sizeof *e);
            if (env->keep)
                yu_errors_add(env->keep, e);
        }
        free(ord);
        if (!listed) {
            cli_error(err);
            if (env->keep)
                yu_errors_add(env->keep, err);
        }
        if (yu_errors_dropped(l))
            fprintf(stderr, "yusuan: %s: 另有%zu处错误未列出（最多列出%d处）\n", path, yu_errors_dropped(l),
                    YU_ERRORS_MAX);
        if (k > 1)
            fprintf(stderr, "yusuan: %s: 共%zu处错误\n", path, k + yu_errors_dropped(l));
    }
    yu_errors_free(l);
    return st;
}

int cli_compile(cli_env *env, const char *pkg, yu_glossary_mode g, yu_budget **b, yu_doc **d)
{
    yu_error err;
    yu_error_clear(&err);
    if (cli_load_budget(env, pkg, b, &err))
        return 2; /* every error printed: input error */
    int rc = cli_layout(env, (*b)->template_id);
    if (rc)
        return rc;
    if (env->layout->kind && strcmp(env->layout->kind, "budget")) {
        fprintf(stderr, "yusuan: %s: template '%s' is a %s template: yusuan reads such documents (yusuan audit) "
                        "but compiles budgets only; expected a budget template such as central-budget or shanghai-dept-budget\n",
                pkg, env->layout->id, env->layout->kind);
        return 2;
    }
    yu_compile_opts o = {g, env->glossary[0] ? env->glossary : NULL, env->func, env->econ};
    if (yu_compile(*b, env->layout, &o, d, &err)) {
        cli_error(&err);
        return 2;
    }
    return 0;
}

void cli_env_free(cli_env *env)
{
    yu_catalog_free(env->func);
    yu_catalog_free(env->econ);
    yu_layout_free(env->layout);
}

int cli_write(const char *path, const char *data, size_t len)
{
    if (!path || !strcmp(path, "-")) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout)) {
            fprintf(stderr, "yusuan: cannot write to standard output\n");
            return 2;
        }
        return 0;
    }
    yu_error err;
    yu_error_clear(&err);
    if (yu_write_file_atomic(path, data, len, &err)) {
        cli_error(&err);
        return 2;
    }
    return 0;
}

void cli_print_findings(const char *file, const yu_findings *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        const yu_finding *f = &fs->f[i];
        char where[48] = "";
        if (f->page && f->line)
            snprintf(where, sizeof where, " (p.%d l.%d)", f->page, f->line);
        else if (f->line)
            snprintf(where, sizeof where, " (l.%d)", f->line);
        printf("%s: %s [%s] %s %s %s%s: %s\n", file, yu_severity_name(f->sev), f->rule, f->table, f->row, f->col,
               where, f->msg);
    }
}

json_t *cli_findings_json(const char *file, const yu_findings *fs)
{
    json_t *o = json_object(), *arr = json_array();
    for (size_t i = 0; i < fs->n; i++) {
        const yu_finding *f = &fs->f[i];
        json_t *x = json_object();
        json_object_set_new(x, "rule", json_string(f->rule));
        json_object_set_new(x, "severity", json_string(yu_severity_name(f->sev)));
        json_object_set_new(x, "table", json_string(f->table));
        json_object_set_new(x, "row", json_string(f->row));
        json_object_set_new(x, "column", json_string(f->col));
        if (f->page)
            json_object_set_new(x, "page", json_integer(f->page));
        if (f->line)
            json_object_set_new(x, "line", json_integer(f->line));
        json_object_set_new(x, "got", json_integer(f->got));
        json_object_set_new(x, "want", json_integer(f->want));
        /* the unit of got and want when they are money and the rule says which */
        if (f->fen > 0) {
            json_object_set_new(x, "fen_per_figure", json_integer(f->fen));
            json_object_set_new(x, "money_unit", json_string(yu_money_unit(f->fen)));
        }
        json_object_set_new(x, "message", json_string(f->msg));
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "document", json_string(file));
    json_object_set_new(o, "errors", json_integer((json_int_t)yu_findings_count(fs, YU_SEV_ERROR)));
    json_object_set_new(o, "findings", arr);
    return o;
}

unsigned cli_thread_flags(void)
{
    const char *e = getenv("YUSUAN_THREADS");
    if (!e || !*e)
        return 0;
    char *end;
    long n = strtol(e, &end, 10);
    if (*end || n < 1)
        return 0;
    return YU_CUBE_THREADS(n > 16 ? 16 : n);
}

int cli_annotate(const char *pkg, const char *out, const yu_errors *in, const yu_budget *b, const yu_findings *fs)
{
    size_t ni = in ? yu_errors_count(in) : 0, nf = fs ? fs->n : 0;
    yu_xnote *notes = calloc(ni + nf + 1, sizeof *notes);
    char(*where)[64] = calloc(nf + 1, sizeof *where);
    yu_error err;
    yu_error_clear(&err);
    yu_xlsx *x = NULL;
    int rc = 2;
    if (!notes || !where) {
        fprintf(stderr, "yusuan: out of memory\n");
        goto done;
    }
    for (size_t i = 0; i < ni; i++) {
        const yu_error *e = yu_errors_at(in, i);
        notes[i].where = e->where;
        notes[i].msg = e->msg;
    }
    if (nf && yu_xlsx_open(pkg, &x, &err)) {
        cli_error(&err);
        goto done;
    }
    for (size_t i = 0; i < nf; i++) {
        const yu_finding *f = &fs->f[i];
        yu_xlsx_finding_where(x, b, f, where[i], sizeof where[i]);
        notes[ni + i].where = where[i];
        notes[ni + i].rule = f->rule;
        notes[ni + i].warning = f->sev != YU_SEV_ERROR;
        notes[ni + i].msg = f->msg;
    }
    if (yu_xlsx_annotate(pkg, out, notes, ni + nf, &err)) {
        cli_error(&err);
        goto done;
    }
    fprintf(stderr, "yusuan: %s: 已写出加批注的副本（%zu条批注）\n", out, ni + nf);
    rc = 0;
done:
    yu_xlsx_close(x);
    free(where);
    free(notes);
    return rc;
}
