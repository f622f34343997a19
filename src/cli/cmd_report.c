/* yusuan report PACKAGE [-f FORMAT] [-o PATH] [--glossary used|full] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
    yu_error err;
    yu_error_clear(&err);
    if (yu_render_csv_dir(d, dir, 0, &err)) {
        cli_error(&err);
        return 2;
    }
    return 0;
}

static const char USAGE[] =
    "usage: yusuan report PACKAGE [-f txt|md|json|csv|html|pdf|xlsx] [-o PATH] [--glossary used|full] [--catalog FILE] [--force]\n"
    "                            [--annotate OUT.xlsx]  (a workbook: a copy with each error at its cell as a comment)\n"
    "       yusuan report --db PATH --unit CODE --year YEAR [-f FORMAT] [-o PATH]\n"
    "       yusuan report --db PATH --year YEAR --all [-f FORMAT[,FORMAT...]] -o DIR [--threads N]\n"
    "       yusuan report PACKAGE|--db … --execution [--as-of YYYY-MM-DD] | --final [--template central-final|shanghai-final-accounts] | --selfeval\n"
    "  PACKAGE is a budget package directory or a filled input workbook (.xlsx).\n"
    "  Without -f the format follows the extension of -o (.txt .md .json .html .pdf .xlsx), else txt;\n"
    "  -f csv writes one file per table into the directory -o DIR.\n"
    "  A document that fails its own checks is not written: its errors are printed (exit 1); --force writes it.\n"
    "  Exit status: 0 written, 1 the document fails its checks, 2 an input or usage error (every input error is listed).\n";

/* the format an output file's extension names, or NULL */
static const char *ext_format(const char *path)
{
    static const struct { const char *ext, *fmt; } m[] = {
        {".txt", "txt"}, {".md", "md"}, {".json", "json"}, {".html", "html"}, {".htm", "html"}, {".pdf", "pdf"},
        {".xlsx", "xlsx"},
    };
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof m / sizeof *m; i++) {
        size_t k = strlen(m[i].ext);
        if (n > k && !strcasecmp(path + n - k, m[i].ext))
            return m[i].fmt;
    }
    return NULL;
}

int cmd_report(int argc, char **argv)
{
    const char *pkg = NULL, *outp = NULL, *fmt = NULL, *db = NULL, *unit = NULL, *annot = NULL;
    const char *ydoc = NULL, *ytmpl = NULL, *asof = NULL; /* --execution/--final/--selfeval (docs/year.md) */
    int year = 0, force = 0, all = 0;
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
        else if (!strcmp(a, "--execution") || !strcmp(a, "--final") || !strcmp(a, "--selfeval"))
            ydoc = a + 2;
        else if (!strcmp(a, "--template") && i + 1 < argc)
            ytmpl = argv[++i];
        else if (!strcmp(a, "--as-of") && i + 1 < argc)
            asof = argv[++i];
        else if (!strcmp(a, "--db") && i + 1 < argc)
            db = argv[++i];
        else if (!strcmp(a, "--force"))
            force = 1;
        else if (!strcmp(a, "--annotate") && i + 1 < argc)
            annot = argv[++i];
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
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "yusuan: report: unknown option '%s'\n%s", a, USAGE);
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
            arc = cli_report_all(&aenv, db, year, fmt ? fmt : "txt", outp, g, threads > 0 ? (unsigned)threads : 1);
        cli_env_free(&aenv);
        return arc;
    }
    if (db || unit || year) {
        if (!db || !unit || year < 1990 || year > 2100 || pkg) {
            fprintf(stderr, "usage: yusuan report --db PATH --unit CODE --year YEAR [-f FORMAT] [-o PATH]\n");
            return 2;
        }
    } else if (!pkg) {
        fputs(USAGE, stderr);
        return 2;
    }
    const char *byext = outp && strcmp(outp, "-") ? ext_format(outp) : NULL;
    if (!fmt)
        fmt = byext ? byext : "txt";
    else if (byext && strcmp(fmt, byext) && strcmp(fmt, "csv")) { /* csv: a directory, any name */
        fprintf(stderr, "yusuan: report: -f %s but the output '%s' is named as %s: give -f %s, or a name ending as the format\n",
                fmt, outp, byext, byext);
        return 2;
    }
    int f = yu_format_parse(fmt);
    if (f < 0) {
        fprintf(stderr, "yusuan: unknown format '%s': expected txt, md, json, csv, html, pdf or xlsx\n", fmt);
        return 2;
    }
    size_t pl = pkg ? strlen(pkg) : 0;
    if (annot && (db || ydoc || pl <= 5 || strcmp(pkg + pl - 5, ".xlsx"))) {
        fprintf(stderr, "yusuan: report: --annotate writes a copy of the budget's workbook: expected a .xlsx file "
                        "(not --db, --execution, --final or --selfeval)\n");
        return 2;
    }
    cli_env env;
    memset(&env, 0, sizeof env);
    yu_budget *b = NULL;
    yu_doc *d = NULL;
    if (annot && !(env.keep = yu_errors_new())) {
        fprintf(stderr, "yusuan: out of memory\n");
        return 2;
    }
    int rc = cli_catalogs(&env, extra, nextra);
    if (!rc && (ydoc || ytmpl || asof))
        rc = !ydoc ? (fprintf(stderr, "usage: yusuan report PACKAGE|--db PATH --unit CODE --year YEAR --execution [--as-of YYYY-MM-DD]"
                                      " | --final [--template central-final|shanghai-final-accounts] | --selfeval\n"), 2)
             : db ? cli_compile_year_db(&env, db, unit, year, ydoc, ytmpl, asof, &b, &d)
                  : cli_compile_year(&env, pkg, ydoc, ytmpl, asof, &b, &d);
    else if (!rc)
        rc = db ? cli_compile_db(&env, db, unit, year, g, &b, &d) : cli_compile(&env, pkg, g, &b, &d);
    if (!rc && !force && (!ydoc || !strcmp(ydoc, "final"))) {
        /* a budget or 决算 that fails its own rules is not published (issue
         * 11): the findings, and nothing written.  (The execution report and
         * the self-evaluation are working documents with rules of their own,
         * docs/year.md.) */
        yu_findings fs = {0};
        if (yu_check_doc(d, &fs)) {
            fprintf(stderr, "yusuan: out of memory\n");
            rc = 2;
        } else if (yu_findings_count(&fs, YU_SEV_ERROR)) {
            for (size_t i = 0; i < fs.n; i++)
                if (fs.f[i].sev == YU_SEV_ERROR)
                    fprintf(stderr, "%s: error [%s] %s\n", pkg ? pkg : db, fs.f[i].rule, fs.f[i].msg);
            fprintf(stderr, "yusuan: report: the document fails %zu of its own checks: nothing written "
                            "(yusuan check %s lists them all; --force writes it anyway)\n",
                    yu_findings_count(&fs, YU_SEV_ERROR), pkg ? pkg : "");
            rc = 1;
        }
        yu_findings_free(&fs);
    }
    /* the workbook annotated: its input errors, or the document's findings */
    if (annot && (rc == 2 ? yu_errors_count(env.keep) > 0 : d != NULL)) {
        yu_findings fs = {0};
        if ((rc != 2 && yu_check_doc(d, &fs)) ||
            cli_annotate(pkg, annot, rc == 2 ? env.keep : NULL, b, rc == 2 ? NULL : &fs))
            rc = 2;
        yu_findings_free(&fs);
    }
    yu_errors_free(env.keep);
    env.keep = NULL;
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
                if ((!ydoc && yu_check_doc(d, &fs)) || yu_render_file(d, YU_FMT_XLSX, ydoc ? NULL : &fs, outp, &err)) {
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
