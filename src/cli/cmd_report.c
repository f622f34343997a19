/* yusuan report PACKAGE [-f FORMAT] [-o PATH] [--glossary used|full] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

int cli_write_csv_dir(const yu_doc *d, const char *dir)
{
    if (!dir || !strcmp(dir, "-")) {
        fprintf(stderr, "yusuan: -f csv writes one file per table: give a directory with -o DIR\n");
        return 2;
    }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "yusuan: %s: cannot create directory: %s\n", dir, strerror(errno));
        return 2;
    }
    yu_error err;
    yu_error_clear(&err);
    for (size_t i = 0; i <= d->ntables; i++) {
        char *out;
        size_t len;
        char path[1024];
        if (i == d->ntables || d->tables[i].lt->shape == YU_SHAPE_PERF) {
            if (i != d->ntables)
                continue;
            if (yu_render_csv_perf(d, &out, &len, &err)) {
                cli_error(&err);
                return 2;
            }
            snprintf(path, sizeof path, "%s/perf.csv", dir);
        } else {
            if (yu_render_csv_table(d, i, &out, &len, &err)) {
                cli_error(&err);
                return 2;
            }
            snprintf(path, sizeof path, "%s/%02zu-%s.csv", dir, i + 1, d->tables[i].lt->id);
        }
        int rc = cli_write(path, out, len);
        free(out);
        if (rc)
            return rc;
    }
    return 0;
}

int cmd_report(int argc, char **argv)
{
    const char *pkg = NULL, *outp = NULL, *fmt = "txt", *db = NULL, *unit = NULL;
    int year = 0, all = 0;
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    const char *extra[16];
    size_t nextra = 0;
    yu_glossary_mode g = YU_GLOSSARY_USED;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((!strcmp(a, "-f") || !strcmp(a, "--format")) && i + 1 < argc)
            fmt = argv[++i];
        else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc)
            outp = argv[++i];
        else if (!strcmp(a, "--db") && i + 1 < argc)
            db = argv[++i];
        else if (!strcmp(a, "--all"))
            all = 1;
        else if (!strcmp(a, "--threads") && i + 1 < argc) {
            char *end;
            threads = strtol(argv[++i], &end, 10);
            if (*end || threads < 1 || threads > 64) {
                fprintf(stderr, "yusuan: --threads '%s': expected a number from 1 to 64\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "--unit") && i + 1 < argc)
            unit = argv[++i];
        else if (!strcmp(a, "--year") && i + 1 < argc)
            year = (int)strtol(argv[++i], NULL, 10);
        else if (!strcmp(a, "--glossary") && i + 1 < argc) {
            const char *m = argv[++i];
            if (!strcmp(m, "full"))
                g = YU_GLOSSARY_FULL;
            else if (!strcmp(m, "used"))
                g = YU_GLOSSARY_USED;
            else {
                fprintf(stderr, "yusuan: --glossary '%s': expected used or full\n", m);
                return 2;
            }
        } else if (!strcmp(a, "--catalog") && i + 1 < argc) {
            if (nextra == 16) {
                fprintf(stderr, "yusuan: at most 16 --catalog files\n");
                return 2;
            }
            extra[nextra++] = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "yusuan: report: unknown option '%s'\n"
                            "usage: yusuan report PACKAGE [-f txt|md|json|csv|html|pdf|xlsx] [-o PATH] [--glossary used|full] [--catalog FILE]\n"
                            "       yusuan report --db PATH --unit CODE --year YEAR [-f FORMAT] [-o PATH]\n"
                            "       yusuan report --db PATH --year YEAR --all [-f FORMAT[,FORMAT...]] -o DIR [--threads N]\n", a);
            return 2;
        } else if (!pkg)
            pkg = a;
        else {
            fprintf(stderr, "yusuan: report: one package at a time (got '%s' and '%s')\n", pkg, a);
            return 2;
        }
    }
    if (all) {
        if (!db || unit || year < 1990 || year > 2100 || pkg) {
            fprintf(stderr, "usage: yusuan report --db PATH --year YEAR --all [-f FORMAT[,FORMAT...]] -o DIR [--threads N]\n");
            return 2;
        }
        cli_env aenv;
        memset(&aenv, 0, sizeof aenv);
        int arc = cli_catalogs(&aenv, extra, nextra);
        if (!arc)
            arc = cli_report_all(&aenv, db, year, fmt, outp, g, threads > 0 ? (unsigned)threads : 1);
        cli_env_free(&aenv);
        return arc;
    }
    if (db || unit || year) {
        if (!db || !unit || year < 1990 || year > 2100 || pkg) {
            fprintf(stderr, "usage: yusuan report --db PATH --unit CODE --year YEAR [-f FORMAT] [-o PATH]\n");
            return 2;
        }
    } else if (!pkg) {
        fprintf(stderr, "usage: yusuan report PACKAGE [-f txt|md|json|csv|html|pdf|xlsx] [-o PATH] [--glossary used|full]\n");
        return 2;
    }
    int f = yu_format_parse(fmt);
    if (f < 0) {
        fprintf(stderr, "yusuan: unknown format '%s': expected txt, md, json, csv, html, pdf or xlsx\n", fmt);
        return 2;
    }
    cli_env env;
    memset(&env, 0, sizeof env);
    yu_budget *b = NULL;
    yu_doc *d = NULL;
    int rc = cli_catalogs(&env, extra, nextra);
    if (!rc)
        rc = db ? cli_compile_db(&env, db, unit, year, g, &b, &d) : cli_compile(&env, pkg, g, &b, &d);
    if (!rc) {
        if (f == YU_FMT_CSV)
            rc = cli_write_csv_dir(d, outp);
        else if (f == YU_FMT_XLSX) {
            yu_error err;
            yu_error_clear(&err);
            if (!outp || !strcmp(outp, "-")) {
                fprintf(stderr, "yusuan: -f xlsx writes a workbook: give its name with -o FILE.xlsx\n");
                rc = 2;
            } else {
                yu_findings fs = {0};
                if (yu_check_doc(d, &fs) || yu_render_file(d, YU_FMT_XLSX, &fs, outp, &err)) {
                    cli_error(&err);
                    rc = 2;
                }
                yu_findings_free(&fs);
            }
        } else {
            char *out;
            size_t len;
            yu_error err;
            yu_error_clear(&err);
            if (yu_render(d, (yu_format)f, &out, &len, &err)) {
                cli_error(&err);
                rc = 2;
            } else {
                rc = cli_write(outp, out, len);
                free(out);
            }
        }
    }
    yu_doc_free(d);
    yu_budget_free(b);
    cli_env_free(&env);
    return rc;
}
