/* yusuan gen — a synthetic administration into a store, or in memory (docs/store.md). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "cli.h"
#include "yusuan/store.h"

int cmd_gen(int argc, char **argv);

static const char USAGE[] =
    "usage: yusuan gen [--db PATH] [--preset small|bench|national] [options]\n"
    "  --seed N          random seed (default 1): the same options give the same administration\n"
    "  --year Y          budget year (default 2024)\n"
    "  --provinces N     provinces (more than one: under a national root 全国)\n"
    "  --prefectures N   prefectures per province\n"
    "  --counties N      counties per prefecture\n"
    "  --departments N   departments per region (province, prefecture, county), at most 999\n"
    "  --units N         budget units in all (default 5 per department)\n"
    "  --lines N         line items in all (default 40 per unit)\n"
    "  --finals          also final accounts (决算) of year - 1 for every unit\n"
    "  --memory          generate in memory and consolidate every node (no database), with timings\n"
    "  --repeat N        with --memory: consolidate N times (the first and the last are timed)\n"
    "Presets: small (100 units, 6,000 line items, with finals), bench (60,000 units, 10 million line items),\n"
    "national (31 provinces, 600,000 units, 100 million line items).  Options after --preset override it.\n"
    "The database is ./yusuan.db unless --db PATH (or $YUSUAN_DB) names another.\n";


static int num(const char *opt, const char *s, int64_t lo, int64_t hi, int64_t *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) {
        fprintf(stderr, "yusuan: gen: %s '%s': expected a whole number from %lld to %lld\n", opt, s, (long long)lo,
                (long long)hi);
        return 2;
    }
    *out = v;
    return 0;
}

int cmd_gen(int argc, char **argv)
{
    const char *db = getenv("YUSUAN_DB");
    if (!db || !*db)
        db = "yusuan.db";
    yu_gen_opts o;
    yu_gen_preset(&o, "small");
    int memory = 0, repeat = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int64_t v;
        int more = i + 1 < argc;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            return 0;
        } else if (!strcmp(a, "--db") && more)
            db = argv[++i];
        else if (!strcmp(a, "--preset") && more) {
            const char *p = argv[++i];
            if (yu_gen_preset(&o, p)) {
                fprintf(stderr, "yusuan: gen: unknown preset '%s': expected small, bench or national\n", p);
                return 2;
            }
        } else if (!strcmp(a, "--seed") && more) {
            if (num(a, argv[++i], 0, INT64_MAX, &v))
                return 2;
            o.seed = (uint64_t)v;
        } else if (!strcmp(a, "--year") && more) {
            if (num(a, argv[++i], 1991, 2100, &v))
                return 2;
            o.year = (int)v;
        } else if (!strcmp(a, "--provinces") && more) {
            if (num(a, argv[++i], 1, 99, &v))
                return 2;
            o.provinces = (int)v;
        } else if (!strcmp(a, "--prefectures") && more) {
            if (num(a, argv[++i], 0, 99, &v))
                return 2;
            o.prefectures = (int)v;
        } else if (!strcmp(a, "--counties") && more) {
            if (num(a, argv[++i], 0, 99, &v))
                return 2;
            o.counties = (int)v;
        } else if (!strcmp(a, "--departments") && more) {
            if (num(a, argv[++i], 1, 999, &v))
                return 2;
            o.departments = (int)v;
        } else if (!strcmp(a, "--units") && more) {
            if (num(a, argv[++i], 0, 100000000, &v))
                return 2;
            o.units = v;
        } else if (!strcmp(a, "--lines") && more) {
            if (num(a, argv[++i], 0, 4000000000ll, &v))
                return 2;
            o.lines = v;
        } else if (!strcmp(a, "--finals"))
            o.finals = 1;
        else if (!strcmp(a, "--no-finals"))
            o.finals = 0;
        else if (!strcmp(a, "--memory"))
            memory = 1;
        else if (!strcmp(a, "--repeat") && more) {
            if (num(a, argv[++i], 1, 100, &v))
                return 2;
            repeat = (int)v;
        }
        else {
            fprintf(stderr, "yusuan: gen: unknown option '%s'\n%s", a, USAGE);
            return 2;
        }
    }
    cli_env env;
    memset(&env, 0, sizeof env);
    int rc = cli_catalogs(&env, NULL, 0);
    if (rc)
        return rc;
    yu_error err;
    yu_error_clear(&err);
    yu_gen_stats st;
    memset(&st, 0, sizeof st);
    double t0 = cli_now();
    if (memory) {
        yu_admin *a = NULL;
        yu_cube *c = NULL;
        if (yu_gen_admin(&o, env.func, env.econ, &a, &st, &err)) {
            cli_error(&err);
            rc = 2;
        } else {
            double gen_s = cli_now() - t0;
            double t1 = cli_now(), t2 = t1, first = 0;
            for (int r = 0; r < repeat && !rc; r++) {
                yu_cube_free(c);
                c = NULL;
                double s0 = cli_now();
                if (yu_admin_consolidate(a, cli_thread_flags(), &c, &err)) {
                    cli_error(&err);
                    rc = 2;
                }
                t2 = cli_now();
                if (!r)
                    first = t2 - s0;
                t1 = s0;
            }
            if (!rc) {
                struct rusage ru;
                getrusage(RUSAGE_SELF, &ru);
                printf("regions: %lld\ndepartments: %lld\nunits: %lld\nline_items: %lld\nprojects: %lld\n"
                       "nodes: %zu\nkeys: %zu\ncells: %zu\ngenerate_seconds: %.3f\nconsolidate_seconds: %.3f\n"
                       "consolidate_seconds_last: %.3f\nruns: %d\npeak_rss_kib: %ld\n",
                       (long long)st.regions, (long long)st.departments, (long long)st.units, (long long)st.lines,
                       (long long)st.projects, c->nnodes, c->nkeys, c->ncells, gen_s, first, t2 - t1, repeat,
                       ru.ru_maxrss);
            }
        }
        yu_cube_free(c);
        yu_admin_free(a);
    } else {
        yu_store *s = NULL;
        if (yu_store_open(db, &s, &err) || yu_gen_store(s, &o, env.func, env.econ, &st, &err)) {
            cli_error(&err);
            rc = 2;
        } else
            printf("generated into %s: %lld regions, %lld departments, %lld units, %lld line items, %lld projects "
                   "(year %d%s, seed %llu) in %.1f s\n",
                   db, (long long)st.regions, (long long)st.departments, (long long)st.units, (long long)st.lines,
                   (long long)st.projects, o.year, o.finals ? ", with final accounts of the year before" : "",
                   (unsigned long long)o.seed, cli_now() - t0);
        yu_store_close(s);
    }
    cli_env_free(&env);
    return rc;
}
