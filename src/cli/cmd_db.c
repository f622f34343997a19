/* yusuan db [--db PATH] import|list|show|export|cube|version — the store (docs/store.md). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/resource.h>
#include <glib.h>
#include "cli.h"
#include "yusuan/store.h"

int cmd_db(int argc, char **argv);
int cli_compile_db(cli_env *env, const char *db, const char *unit, int year, yu_glossary_mode g, yu_budget **b,
                   yu_doc **d);

static const char USAGE[] =
    "usage: yusuan db [--db PATH] COMMAND\n"
    "  import [--final] [--catalog FILE] PACKAGE...   store budget packages (one transaction each)\n"
    "  list [CODE]                   units and their stored budgets (tab-separated)\n"
    "  show CODE YEAR [--final]      a unit's budget, or a department's consolidation\n"
    "  export CODE YEAR DIR [--final] [--consolidated]\n"
    "                                write a stored budget back as a package\n"
    "  cube YEAR [--no-elim] [--repeat N] [--no-segment]\n"
    "                                consolidate every node in one pass, with timings (median of N)\n"
    "  import-doc [--template ID] FILE...\n"
    "                                read published disclosures (PDF or text) and keep their cells and findings\n"
    "  docs                          the published documents kept (tab-separated)\n"
    "  version                       the schema version and its migrations\n"
    "  migrate                       bring the store to this yusuan's schema version\n"
    "  compare CODE YEAR [CODE2] YEAR2 [--final] [-f FORMAT] [-o PATH]\n"
    "                                two years of a unit, or two units, every table with its changes\n"
    "The database is ./yusuan.db unless --db PATH (or $YUSUAN_DB) names another.\n";


/* CPU seconds of the process so far (user + system, every thread) */
static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long peak_kib(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

static int parse_year(const char *s, int *y)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < 1990 || v > 2100) {
        fprintf(stderr, "yusuan: year '%s': expected a year such as 2024\n", s);
        return 2;
    }
    *y = (int)v;
    return 0;
}

static const char *wan(yu_money v, char *buf, size_t n)
{
    return yu_fmt_units(yu_round_units(v, 10000), 2, YU_NUM_TABLE, buf, n);
}

static void print_warnings(const yu_warnings *w)
{
    for (size_t i = 0; i < w->n; i++)
        fprintf(stderr, "yusuan: warning: %s\n", w->msg[i]);
}

static int open_store(const char *db, yu_store **s)
{
    yu_error err;
    yu_error_clear(&err);
    if (yu_store_open(db, s, &err)) {
        cli_error(&err);
        return 2;
    }
    return 0;
}

/* for commands that only read: never creates nor writes a database */
static int open_store_ro(const char *db, yu_store **s)
{
    yu_error err;
    yu_error_clear(&err);
    if (yu_store_open_ro(db, s, &err)) {
        cli_error(&err);
        return 2;
    }
    return 0;
}

int cli_compile_db(cli_env *env, const char *db, const char *unit, int year, yu_glossary_mode g, yu_budget **b,
                   yu_doc **d)
{
    yu_store *s;
    int rc = open_store_ro(db ? db : "yusuan.db", &s);
    if (rc)
        return rc;
    yu_error err;
    yu_error_clear(&err);
    yu_warnings w = {0};
    yu_status st = yu_store_report_budget(s, unit, year, b, NULL, &w, &err);
    int fed = 0; /* last year's 决算 (its payments) as 上年执行数 when none is given (docs/year.md) */
    if (!st)
        st = yu_store_year_prior(s, *b, &fed, &err);
    yu_store_close(s);
    print_warnings(&w);
    yu_warnings_free(&w);
    if (st) {
        cli_error(&err);
        return st == YU_EMISSING ? 1 : 2;
    }
    if ((rc = cli_layout(env, (*b)->template_id)))
        return rc;
    yu_compile_opts o = {g, env->glossary[0] ? env->glossary : NULL, env->func, env->econ};
    if (yu_compile(*b, env->layout, &o, d, &err)) {
        cli_error(&err);
        return 2;
    }
    return 0;
}

static int db_import(const char *db, int argc, char **argv)
{
    const char *extra[16];
    size_t nextra = 0;
    int kind = YU_STORE_BUDGET, npk = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--final"))
            kind = YU_STORE_FINAL;
        else if (!strcmp(argv[i], "--catalog") && i + 1 < argc) {
            if (nextra == 16) {
                fprintf(stderr, "yusuan: at most 16 --catalog files\n");
                return 2;
            }
            extra[nextra++] = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "yusuan: db import: unknown option '%s'\n%s", argv[i], USAGE);
            return 2;
        } else
            npk++;
    }
    if (!npk) {
        fprintf(stderr, "yusuan: db import: expected one or more package directories or workbooks (.xlsx)\n%s", USAGE);
        return 2;
    }
    cli_env env;
    memset(&env, 0, sizeof env);
    int rc = cli_catalogs(&env, extra, nextra);
    yu_store *s = NULL;
    if (!rc)
        rc = open_store(db, &s);
    for (int i = 0; !rc && i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) {
            i += !strcmp(argv[i], "--catalog");
            continue;
        }
        yu_error err;
        yu_error_clear(&err);
        yu_budget *b;
        if (cli_load_budget(&env, argv[i], &b, &err)) {
            rc = 2; /* every error printed */
            break;
        }
        if (yu_store_import(s, b, (yu_store_kind)kind, argv[i], &err)) {
            cli_error(&err);
            rc = 2;
        } else
            printf("imported %s %d %s: %s (%zu line items)\n", b->code, b->year, yu_store_kind_key(kind), b->name,
                   b->nlines);
        yu_budget_free(b);
    }
    yu_store_close(s);
    cli_env_free(&env);
    return rc;
}

static int db_list(const char *db, int argc, char **argv)
{
    const char *code = argc > 0 ? argv[0] : NULL;
    yu_store *s;
    int rc = open_store_ro(db, &s);
    if (rc)
        return rc;
    yu_error err;
    yu_error_clear(&err);
    yu_store_unit *u = NULL;
    yu_store_entry *e = NULL;
    size_t nu = 0, ne = 0;
    if (yu_store_units(s, &u, &nu, &err) || yu_store_list(s, NULL, &e, &ne, &err)) {
        cli_error(&err);
        rc = 2;
    } else {
        printf("code\tkind\tparent\tname\tbudgets\n");
        size_t j = 0;
        for (size_t i = 0; i < nu; i++) {
            while (j < ne && strcmp(e[j].code, u[i].code) < 0)
                j++;
            if (code && strcmp(code, u[i].code))
                continue;
            printf("%s\t%s\t%s\t%s\t", u[i].code, u[i].kind ? u[i].kind : "", u[i].parent_code ? u[i].parent_code : "-",
                   u[i].name ? u[i].name : "");
            int first = 1;
            for (size_t k = j; k < ne && !strcmp(e[k].code, u[i].code); k++, first = 0)
                printf("%s%d %s (%lld line items)", first ? "" : ", ", e[k].year, yu_store_kind_key(e[k].kind),
                       (long long)e[k].nlines);
            printf("%s\n", first ? "-" : "");
        }
    }
    yu_store_units_free(u, nu);
    yu_store_entries_free(e, ne);
    yu_store_close(s);
    return rc;
}

static void summary(const yu_budget *b)
{
    char a[40];
    yu_money by_type[YU_T_COUNT] = {0}, by_src[YU_S_COUNT] = {0}, total = 0;
    for (size_t i = 0; i < b->nlines; i++) {
        by_type[b->lines[i].type] += b->lines[i].amount;
        by_src[b->lines[i].source] += b->lines[i].amount;
        total += b->lines[i].amount;
    }
    printf("unit: %s %s\n", b->code ? b->code : "", b->name ? b->name : "");
    printf("department: %s %s\n", b->dept_code ? b->dept_code : "", b->dept_name ? b->dept_name : "");
    if (b->parent_code)
        printf("parent: %s\n", b->parent_code);
    printf("year: %d\n", b->year);
    printf("line items: %zu, projects: %zu, indicators: %zu, prior 项: %zu\n", b->nlines, b->nprojects,
           b->nindicators, b->nprior);
    printf("funds (万元):\n");
    for (int f = 0; f < YU_F_COUNT; f++)
        if (b->funds[f])
            printf("  %-40s %16s\n", yu_fund_label(f), wan(b->funds[f], a, sizeof a));
    printf("expenditure by type (万元):\n");
    for (int t = 0; t < YU_T_COUNT; t++)
        if (by_type[t])
            printf("  %-40s %16s\n", yu_type_label(t), wan(by_type[t], a, sizeof a));
    printf("expenditure by source (万元):\n");
    for (int t = 0; t < YU_S_COUNT; t++)
        if (by_src[t])
            printf("  %-40s %16s\n", yu_source_label(t), wan(by_src[t], a, sizeof a));
    printf("  %-40s %16s\n", "合计", wan(total, a, sizeof a));
}

static int db_show(const char *db, int argc, char **argv)
{
    int kind = YU_STORE_BUDGET, year = 0, npos = 0;
    const char *code = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--final"))
            kind = YU_STORE_FINAL;
        else if (npos == 0)
            code = argv[i], npos++;
        else if (npos == 1) {
            if (parse_year(argv[i], &year))
                return 2;
            npos++;
        } else {
            fprintf(stderr, "yusuan: db show: unexpected '%s'\n%s", argv[i], USAGE);
            return 2;
        }
    }
    if (npos != 2) {
        fprintf(stderr, "yusuan: db show: expected CODE YEAR\n%s", USAGE);
        return 2;
    }
    yu_store *s;
    int rc = open_store_ro(db, &s);
    if (rc)
        return rc;
    yu_error err;
    yu_error_clear(&err);
    yu_budget *b = NULL;
    yu_warnings w = {0};
    yu_elim_info info;
    memset(&info, 0, sizeof info);
    yu_status st = kind == YU_STORE_FINAL ? yu_store_load(s, code, year, YU_STORE_FINAL, &b, &err)
                                          : yu_store_report_budget(s, code, year, &b, &info, &w, &err);
    if (st) {
        cli_error(&err);
        rc = st == YU_EMISSING ? 1 : 2;
    } else {
        if (kind == YU_STORE_FINAL)
            printf("final accounts (决算)\n");
        else if (info.nunits > 1) {
            char a1[40], a2[40];
            printf("consolidated over %zu budgets; eliminated (万元): 上级补助收入 against 对附属单位补助支出 %s, "
                   "附属单位上缴收入 against 上缴上级支出 %s\n",
                   info.nunits, wan(info.down_elim, a1, sizeof a1), wan(info.up_elim, a2, sizeof a2));
        }
        summary(b);
        print_warnings(&w);
    }
    yu_warnings_free(&w);
    yu_budget_free(b);
    yu_store_close(s);
    return rc;
}

static int db_export(const char *db, int argc, char **argv)
{
    int kind = YU_STORE_BUDGET, year = 0, npos = 0, cons = 0;
    const char *code = NULL, *dir = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--final"))
            kind = YU_STORE_FINAL;
        else if (!strcmp(argv[i], "--consolidated"))
            cons = 1;
        else if (npos == 0)
            code = argv[i], npos++;
        else if (npos == 1) {
            if (parse_year(argv[i], &year))
                return 2;
            npos++;
        } else if (npos == 2)
            dir = argv[i], npos++;
        else {
            fprintf(stderr, "yusuan: db export: unexpected '%s'\n%s", argv[i], USAGE);
            return 2;
        }
    }
    if (npos != 3) {
        fprintf(stderr, "yusuan: db export: expected CODE YEAR DIR\n%s", USAGE);
        return 2;
    }
    yu_store *s;
    int rc = open_store_ro(db, &s);
    if (rc)
        return rc;
    yu_error err;
    yu_error_clear(&err);
    yu_budget *b = NULL;
    yu_warnings w = {0};
    yu_status st = yu_store_load(s, code, year, (yu_store_kind)kind, &b, &err);
    /* a node without a budget of its own (a department): its consolidation */
    if ((st == YU_EMISSING && kind == YU_STORE_BUDGET) || (!st && cons)) {
        yu_budget_free(b);
        b = NULL;
        yu_error_clear(&err);
        st = yu_store_report_budget(s, code, year, &b, NULL, &w, &err);
    }
    print_warnings(&w);
    yu_warnings_free(&w);
    if (!st)
        st = yu_write_package(b, dir, &err);
    if (st) {
        cli_error(&err);
        rc = st == YU_EMISSING ? 1 : 2;
    } else
        printf("exported %s %d to %s (%zu line items)\n", code, year, dir, b->nlines);
    yu_budget_free(b);
    yu_store_close(s);
    return rc;
}

static int db_cube(const char *db, int argc, char **argv)
{
    int year = 0, npos = 0, repeat = 1, noseg = 0;
    unsigned flags = cli_thread_flags();
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--no-elim"))
            flags |= YU_CUBE_NO_ELIM;
        else if (!strcmp(argv[i], "--no-segment"))
            noseg = 1;
        else if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
            repeat = (int)strtol(argv[++i], NULL, 10);
            if (repeat < 1 || repeat > 100) {
                fprintf(stderr, "yusuan: db cube: --repeat: expected 1 to 100\n");
                return 2;
            }
        }
        else if (npos == 0) {
            if (parse_year(argv[i], &year))
                return 2;
            npos++;
        } else {
            fprintf(stderr, "yusuan: db cube: unexpected '%s'\n%s", argv[i], USAGE);
            return 2;
        }
    }
    if (npos != 1) {
        fprintf(stderr, "yusuan: db cube: expected YEAR\n%s", USAGE);
        return 2;
    }
    yu_store *s;
    int rc = open_store_ro(db, &s);
    if (rc)
        return rc;
    yu_error err;
    yu_error_clear(&err);
    yu_admin *a = NULL;
    yu_cube *c = NULL;
    if (noseg)
        yu_store_set_segments(s, 0);
    double t0 = cli_now(), u0 = cpu_now();
    if (yu_store_load_admin(s, year, &a, &err)) {
        cli_error(&err);
        yu_store_close(s);
        return 2;
    }
    double t1 = cli_now(), u1 = cpu_now(), best = 0, times[100];
    for (int r = 0; r < repeat && !rc; r++) {
        yu_cube_free(c);
        c = NULL;
        double s0 = cli_now();
        if (yu_admin_consolidate(a, flags, &c, &err)) {
            cli_error(&err);
            rc = 2;
        }
        times[r] = cli_now() - s0;
    }
    if (!rc) {
        /* median of the runs */
        for (int i = 1; i < repeat; i++)
            for (int j = i; j > 0 && times[j] < times[j - 1]; j--) {
                double t = times[j];
                times[j] = times[j - 1];
                times[j - 1] = t;
            }
        best = times[0];
        size_t nlc = 0;
        yu_money sum = 0, sum_all = 0;
        for (size_t x = 0; x < c->nnodes; x++)
            for (uint64_t i = c->start[x]; i < c->start[x] + c->count[x]; i++) {
                sum_all += c->cell_val[i];
                if (c->keys[c->cell_key[i]].type < YU_CUBE_PRIOR) {
                    nlc++;
                    sum += c->cell_val[i];
                }
            }
        yu_money e1 = 0, e2 = 0;
        for (size_t i = 0; i < c->nnodes; i++)
            if (yu_admin_parent(a, (int32_t)i) < 0) {
                e1 += c->elim[2 * i];
                e2 += c->elim[2 * i + 1];
            }
        printf("nodes: %zu\nline_items: %zu\nkeys: %zu\ncells: %zu\nline_cells: %zu\nline_sum: %lld\n"
               "cells_sum: %lld\nroot_eliminated: %lld %lld\nload_seconds: %.3f\nconsolidate_seconds: %.3f\n"
               "consolidate_seconds_min: %.3f\nruns: %d\npeak_rss_kib: %ld\nload_cpu_seconds: %.3f\nsegment: %s\n",
               c->nnodes, yu_admin_lines(a), c->nkeys, c->ncells, nlc, (long long)sum, (long long)sum_all,
               (long long)e1, (long long)e2, t1 - t0, times[repeat / 2], best, repeat, peak_kib(), u1 - u0,
               yu_store_segment_state(s));
    }
    yu_cube_free(c);
    yu_admin_free(a);
    yu_store_close(s);
    return rc;
}

static int db_import_doc(const char *db, int argc, char **argv)
{
    const char *tmpl = NULL;
    cli_env env;
    memset(&env, 0, sizeof env);
    int rc = cli_catalogs(&env, NULL, 0);
    yu_store *s = NULL;
    if (!rc)
        rc = open_store(db, &s);
    int nfiles = 0;
    for (int i = 0; !rc && i < argc; i++) {
        if (!strcmp(argv[i], "--template") && i + 1 < argc) {
            tmpl = argv[++i];
            continue;
        }
        nfiles++;
        yu_doc *d = NULL;
        yu_audit_info info;
        char *text = NULL;
        size_t len = 0;
        int r = cli_audit_file(&env, argv[i], tmpl, &d, &info, &text, &len);
        if (r) {
            rc = r;
            break;
        }
        yu_findings fs = {0};
        yu_error err;
        yu_error_clear(&err);
        yu_status st = yu_check_doc(d, &fs);
        if (!st)
            st = yu_check_text(d, text, len, &fs);
        if (!st) {
            char wpath[1200];
            snprintf(wpath, sizeof wpath, "%s/vocab/words.vocab", env.datadir);
            st = yu_check_words(text, len, wpath, NULL, &fs);
        }
        char *hash = NULL;
        if (!st)
            cli_lines_on_pages(argv[i], text, len, &fs);
        if (!st) {
            /* the file's content, so the same PDF under another path is kept once */
            char *raw = NULL;
            size_t rlen = 0;
            if (g_file_get_contents(argv[i], &raw, &rlen, NULL))
                hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)raw, rlen);
            g_free(raw);
            st = yu_store_import_doc_hash(s, d, &fs, argv[i], hash, info.tables_found, &err);
        }
        g_free(hash);
        if (st == YU_EDUP) {
            printf("skipped %s: %s\n", argv[i], err.msg);
        } else if (st) {
            cli_error(&err);
            rc = 2;
        } else
            printf("kept %s: %s %d, %d of %d tables, %zu errors\n", argv[i], d->b && d->b->name ? d->b->name : "",
                   d->b ? d->b->year : 0, info.tables_found, info.tables_expected, yu_findings_count(&fs, YU_SEV_ERROR));
        yu_findings_free(&fs);
        yu_doc_free(d);
        free(text);
    }
    if (!rc && !nfiles) {
        fprintf(stderr, "yusuan: db import-doc: expected one or more published documents\n%s", USAGE);
        rc = 2;
    }
    yu_store_close(s);
    cli_env_free(&env);
    return rc;
}

static int db_docs(const char *db)
{
    yu_store *s;
    int rc = open_store_ro(db, &s);
    if (rc)
        return rc;
    yu_store_doc *docs;
    size_t n;
    yu_error err;
    yu_error_clear(&err);
    if (yu_store_docs(s, &docs, &n, &err)) {
        cli_error(&err);
        yu_store_close(s);
        return 2;
    }
    printf("year\tunit\ttemplate\ttables\terrors\tmissing\tdocument\n");
    for (size_t i = 0; i < n; i++)
        printf("%d\t%s\t%s\t%d/%d\t%d\t%d\t%s\n", docs[i].year, docs[i].unit_name, docs[i].template_id,
               docs[i].tables_found, docs[i].tables_expected, docs[i].errors, docs[i].missing, docs[i].origin);
    yu_store_docs_free(docs, n);
    yu_store_close(s);
    return 0;
}

static int db_version(const char *db)
{
    yu_store *s;
    int rc = open_store_ro(db, &s);
    if (rc)
        return rc;
    printf("schema version: %d\n", yu_store_schema_version(s));
    printf("file: %s\n", db);
    yu_store_close(s);
    return 0;
}

/* brings an existing store to this yusuan's schema (each migration its own transaction) */
static int db_migrate(const char *db)
{
    struct stat sb;
    if (stat(db, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fprintf(stderr, "yusuan: %s: no such store\n", db);
        return 2;
    }
    yu_store *s;
    int rc = open_store(db, &s);
    if (rc)
        return rc;
    printf("schema version: %d\n", yu_store_schema_version(s));
    yu_store_close(s);
    return 0;
}

int cmd_db(int argc, char **argv)
{
    const char *db = getenv("YUSUAN_DB");
    if (!db || !*db)
        db = "yusuan.db";
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        if (!strcmp(argv[i], "--db") && i + 1 < argc) {
            db = argv[i + 1];
            i += 2;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(USAGE, stdout);
            return 0;
        } else {
            fprintf(stderr, "yusuan: db: unknown option '%s'\n%s", argv[i], USAGE);
            return 2;
        }
    }
    if (i >= argc) {
        fputs(USAGE, stderr);
        return 2;
    }
    const char *c = argv[i++];
    /* --db may also follow the command */
    int n = 0;
    char **rest = malloc((size_t)(argc > 0 ? argc : 1) * sizeof *rest);
    if (!rest)
        return 2;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc)
            db = argv[++i];
        else
            rest[n++] = argv[i];
    }
    int rc;
    if (!strcmp(c, "import"))
        rc = db_import(db, n, rest);
    else if (!strcmp(c, "list"))
        rc = db_list(db, n, rest);
    else if (!strcmp(c, "show"))
        rc = db_show(db, n, rest);
    else if (!strcmp(c, "export"))
        rc = db_export(db, n, rest);
    else if (!strcmp(c, "cube"))
        rc = db_cube(db, n, rest);
    else if (!strcmp(c, "import-doc"))
        rc = db_import_doc(db, n, rest);
    else if (!strcmp(c, "docs"))
        rc = db_docs(db);
    else if (!strcmp(c, "version"))
        rc = db_version(db);
    else if (!strcmp(c, "migrate"))
        rc = db_migrate(db);
    else if (!strcmp(c, "compare")) /* two years or two units (cmd_year.c, docs/year.md) */
        rc = cmd_db_compare(db, n, rest);
    else {
        fprintf(stderr, "yusuan: db: unknown command '%s'\n%s", c, USAGE);
        rc = 2;
    }
    free(rest);
    return rc;
}
