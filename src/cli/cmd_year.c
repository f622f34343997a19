/* The year's documents for `yusuan report PACKAGE --execution|--final|--selfeval`
 * (docs/year.md): loads the package with its adjustments, execution, final.csv
 * and selfeval.csv and builds the document the renderers print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static int load_layout_path(cli_env *env, const char *path)
{
    yu_error err;
    yu_error_clear(&err);
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "yusuan: no layout file %s\n", path);
        return 2;
    }
    if (yu_layout_load(path, &env->layout, &err)) {
        cli_error(&err);
        return 2;
    }
    return 0;
}

static int compile_loaded(cli_env *env, const char *pkg, const char *which, const char *tmpl, const char *as_of,
                          yu_budget **b, yu_doc **d)
{
    yu_error err;
    yu_error_clear(&err);
    yu_year_opts o = {0, env->func, env->econ};
    if (as_of) {
        if (strcmp(which, "execution")) {
            fprintf(stderr, "yusuan: --as-of goes with --execution (the 决算 and the self-evaluation close the year)\n");
            return 2;
        }
        int y, m, dd;
        char extra;
        if (sscanf(as_of, "%4d-%2d-%2d%c", &y, &m, &dd, &extra) != 3 || y != (*b)->year || m < 1 || m > 12 || dd < 1 ||
            dd > 31) {
            fprintf(stderr, "yusuan: --as-of '%s': expected a date of %d as YYYY-MM-DD, e.g. %d-06-30\n", as_of,
                    (*b)->year, (*b)->year);
            return 2;
        }
        o.as_of = y * 10000 + m * 100 + dd;
    }
    if (tmpl && strcmp(which, "final")) {
        fprintf(stderr, "yusuan: --template goes with --final\n");
        return 2;
    }
    char path[1100];
    int rc;
    yu_status st;
    if (!strcmp(which, "final")) {
        const char *t = tmpl ? tmpl : !strncmp((*b)->template_id, "shanghai", 8) ? "shanghai-final-accounts" : "central-final";
        if (strcmp(t, "central-final") && strcmp(t, "shanghai-final-accounts")) {
            fprintf(stderr, "yusuan: --template '%s': expected central-final or shanghai-final-accounts\n", t);
            return 2;
        }
        if ((rc = cli_layout(env, t)))
            return rc;
        st = yu_year_final_doc(*b, env->layout, &o, d, &err);
    } else {
        snprintf(path, sizeof path, "%s/year/%s.layout", env->datadir, which);
        if ((rc = load_layout_path(env, path)))
            return rc;
        st = !strcmp(which, "execution") ? yu_year_exec_doc(*b, env->layout, &o, d, &err)
                                         : yu_year_selfeval_doc(*b, env->layout, &o, d, &err);
    }
    if (st) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", pkg);
        cli_error(&err);
        return 2;
    }
    return 0;
}

int cli_compile_year(cli_env *env, const char *pkg, const char *which, const char *tmpl, const char *as_of,
                     yu_budget **b, yu_doc **d)
{
    yu_error err;
    yu_error_clear(&err);
    if (cli_load_budget(env, pkg, b, &err)) {
        cli_error(&err);
        return 1;
    }
    return compile_loaded(env, pkg, which, tmpl, as_of, b, d);
}

int cli_compile_year_db(cli_env *env, const char *db, const char *unit, int year, const char *which, const char *tmpl,
                        const char *as_of, yu_budget **b, yu_doc **d)
{
    yu_error err;
    yu_error_clear(&err);
    yu_store *s;
    if (yu_store_open(db, &s, &err)) {
        cli_error(&err);
        return 2;
    }
    yu_status st = yu_store_load(s, unit, year, YU_STORE_BUDGET, b, &err);
    yu_store_close(s);
    if (st) {
        cli_error(&err);
        return st == YU_EMISSING ? 1 : 2;
    }
    char label[256];
    snprintf(label, sizeof label, "%s: %s %d", db, unit, year);
    return compile_loaded(env, label, which, tmpl, as_of, b, d);
}
