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

/* yusuan db compare CODE YEAR [CODE2] YEAR2 [--final] [-f FORMAT] [-o PATH]:
 * two years of a unit, or two units, table by table (docs/year.md). */
int cmd_db_compare(const char *db, int argc, char **argv)
{
    const char *pos[4], *fmt = "txt", *outp = NULL;
    size_t np = 0;
    int final = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--final"))
            final = 1;
        else if (!strcmp(argv[i], "-f") && i + 1 < argc)
            fmt = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            outp = argv[++i];
        else if (argv[i][0] != '-' && np < 4)
            pos[np++] = argv[i];
        else
            np = 5;
    }
    const char *c1, *c2, *y1s, *y2s;
    if (np == 3)
        c1 = c2 = pos[0], y1s = pos[1], y2s = pos[2];
    else if (np == 4)
        c1 = pos[0], y1s = pos[1], c2 = pos[2], y2s = pos[3];
    else {
        fprintf(stderr, "usage: yusuan db compare CODE YEAR [CODE2] YEAR2 [--final] [-f txt|md|json|html|pdf|xlsx] [-o PATH]\n");
        return 2;
    }
    char *e1, *e2;
    long y1 = strtol(y1s, &e1, 10), y2 = strtol(y2s, &e2, 10);
    if (*e1 || *e2 || y1 < 1990 || y1 > 2100 || y2 < 1990 || y2 > 2100) {
        fprintf(stderr, "yusuan: db compare: years '%s' and '%s': expected years such as 2024\n", y1s, y2s);
        return 2;
    }
    int f = yu_format_parse(fmt);
    if (f < 0 || f == YU_FMT_CSV) {
        fprintf(stderr, "yusuan: db compare: format '%s': expected txt, md, json, html, pdf or xlsx\n", fmt);
        return 2;
    }
    cli_env env[2];
    memset(env, 0, sizeof env);
    yu_budget *b[2] = {NULL, NULL};
    yu_doc *d[2] = {NULL, NULL}, *cmp = NULL;
    yu_layout *L = NULL;
    const char *codes[2] = {c1, c2};
    long years[2] = {y1, y2};
    int rc = 0;
    for (int k = 0; k < 2 && !rc; k++) {
        rc = cli_catalogs(&env[k], NULL, 0);
        if (!rc)
            rc = final ? cli_compile_year_db(&env[k], db, codes[k], (int)years[k], "final", NULL, NULL, &b[k], &d[k])
                       : cli_compile_db(&env[k], db, codes[k], (int)years[k], YU_GLOSSARY_USED, &b[k], &d[k]);
    }
    yu_error err;
    yu_error_clear(&err);
    if (!rc) {
        /* the compare layout, beside the first document's own (env[0].layout, which d[0] uses) */
        char path[1100];
        snprintf(path, sizeof path, "%s/year/compare.layout", env[0].datadir);
        yu_layout *keep = env[0].layout;
        env[0].layout = NULL;
        rc = load_layout_path(&env[0], path) ? 2 : 0;
        L = env[0].layout;
        env[0].layout = keep;
    }
    if (!rc) {
        char la[300], lb[300];
        snprintf(la, sizeof la, "%s%ld年", b[0]->name, years[0]);
        snprintf(lb, sizeof lb, "%s%ld年", b[1]->name, years[1]);
        if (yu_doc_compare(d[0], d[1], L, la, lb, &cmp, &err)) {
            cli_error(&err);
            rc = 2;
        }
    }
    if (!rc) {
        if (f == YU_FMT_XLSX) {
            if (!outp || !strcmp(outp, "-")) {
                fprintf(stderr, "yusuan: -f xlsx writes a workbook: give its name with -o FILE.xlsx\n");
                rc = 2;
            } else if (yu_render_file(cmp, YU_FMT_XLSX, NULL, outp, &err)) {
                cli_error(&err);
                rc = 2;
            }
        } else {
            char *out;
            size_t len;
            if (yu_render(cmp, (yu_format)f, &out, &len, &err)) {
                cli_error(&err);
                rc = 2;
            } else {
                rc = cli_write(outp, out, len);
                free(out);
            }
        }
    }
    yu_doc_free(cmp);
    for (int k = 0; k < 2; k++) {
        yu_doc_free(d[k]);
        yu_budget_free(b[k]);
    }
    cli_env_free(&env[0]);
    cli_env_free(&env[1]);
    yu_layout_free(L);
    return rc;
}
