/* yusuan check PACKAGE [-f txt|json]  — and yusuan rules */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"

static void print_rules(const yu_rule_info *(*cat)(size_t *), const char *where)
{
    size_t n;
    const yu_rule_info *r = cat(&n);
    for (size_t i = 0; i < n; i++)
        printf("%-16s %s%s\n", r[i].id, r[i].identity, where);
}

static int list_rules(void)
{
    print_rules(yu_rules, "");
    print_rules(yu_text_rules, " (audit)");
    print_rules(yu_infer_rules, " (audit, any template)");
    print_rules(yu_words_rules, " (audit and check)");
    print_rules(yu_claims_rules, " (audit and check)");
    print_rules(yu_gperf_rules, " (audit, any template)");
    print_rules(yu_reasons_rules, " (check)");
    print_rules(yu_years_rules, " (audit --db)");
    print_rules(yu_year_rules, " (report --selfeval, docs/year.md)");
    size_t n;
    const yu_rule_info *r;
    /* the narrative rules of any template; an id the template rules have
     * (N-SHARE, N-PARTS) is the same check, listed once */
    size_t nt;
    const yu_rule_info *t = yu_rules(&nt);
    r = yu_gnarr_rules(&n);
    for (size_t i = 0; i < n; i++) {
        int dup = 0;
        for (size_t k = 0; k < nt && !dup; k++)
            dup = !strcmp(t[k].id, r[i].id);
        printf("%-16s %s (audit, any template%s)\n", r[i].id, r[i].identity, dup ? "; also with a template" : "");
    }
    return 0;
}

/* Where in the input a finding about a project's indicators is: the
 * indicators.csv lines or the 绩效指标 rows of the project (0 when none).
 * The words of the finding's place in the user's words. */
static int indicator_lines(const yu_budget *b, const char *project, int *last)
{
    int first = 0;
    *last = 0;
    for (size_t i = 0; i < b->nindicators; i++) {
        const yu_indicator *x = &b->indicators[i];
        if (x->project < 0 || (size_t)x->project >= b->nprojects || strcmp(b->projects[x->project].name, project))
            continue;
        if (!first || x->line < first)
            first = x->line;
        if (x->line > *last)
            *last = x->line;
    }
    return first;
}

static void print_check_findings(const char *pkg, const yu_budget *b, const yu_findings *fs)
{
    size_t n = strlen(pkg);
    int xlsx = n > 5 && !strcmp(pkg + n - 5, ".xlsx");
    for (size_t i = 0; i < fs->n; i++) {
        const yu_finding *f = &fs->f[i];
        int last, first = !strcmp(f->rule, "P-WEIGHTS") ? indicator_lines(b, f->row, &last) : 0;
        if (!first) {
            yu_findings one = {(yu_finding *)f, 1, 1};
            cli_print_findings(pkg, &one);
            continue;
        }
        /* the indicators of the project: their lines, the column 分值权重 */
        if (xlsx)
            printf("%s:绩效指标!%d:%d: %s [%s] 项目“%s”的分值权重: %s\n", pkg, first, last, yu_severity_name(f->sev),
                   f->rule, f->row, f->msg);
        else
            printf("%s%sindicators.csv:%d-%d: %s [%s] 项目“%s”的 weight 列: %s\n", pkg,
                   n && pkg[n - 1] == '/' ? "" : "/", first, last, yu_severity_name(f->sev), f->rule, f->row, f->msg);
    }
}

static const char CHECK_USAGE[] =
    "usage: yusuan check PACKAGE [-f txt|json] [--catalog FILE] [--annotate OUT.xlsx]\n"
    "  runs every rule over the document compiled from PACKAGE (a package directory or a filled workbook)\n"
    "  --annotate OUT.xlsx  (a workbook) writes a copy of it with each error and warning as a comment on its cell\n"
    "  Exit status: 0 consistent, 1 a rule found an error, 2 an input or usage error (every input error is listed).\n";

int cmd_check(int argc, char **argv)
{
    if (!strcmp(argv[0], "rules"))
        return list_rules();
    const char *pkg = NULL, *fmt = "txt", *annot = NULL;
    const char *extra[16];
    size_t nextra = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-f") && i + 1 < argc)
            fmt = argv[++i];
        else if (!strcmp(argv[i], "--annotate") && i + 1 < argc)
            annot = argv[++i];
        else if (!strcmp(argv[i], "--catalog") && i + 1 < argc && nextra < 16)
            extra[nextra++] = argv[++i];
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(CHECK_USAGE, stdout);
            return 0;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "yusuan: check: unknown option '%s'\n%s", argv[i], CHECK_USAGE);
            return 2;
        } else
            pkg = argv[i];
    }
    if (!pkg || (strcmp(fmt, "txt") && strcmp(fmt, "json"))) {
        fputs(CHECK_USAGE, stderr);
        return 2;
    }
    size_t pl = strlen(pkg);
    if (annot && (pl <= 5 || strcmp(pkg + pl - 5, ".xlsx"))) {
        fprintf(stderr, "yusuan: check: --annotate writes a copy of a workbook: expected a .xlsx file, not '%s'\n", pkg);
        return 2;
    }
    cli_env env;
    memset(&env, 0, sizeof env);
    if (annot && !(env.keep = yu_errors_new())) {
        fprintf(stderr, "yusuan: out of memory\n");
        return 2;
    }
    yu_budget *b = NULL;
    yu_doc *d = NULL;
    int rc = cli_catalogs(&env, extra, nextra);
    if (!rc)
        rc = cli_compile(&env, pkg, YU_GLOSSARY_USED, &b, &d);
    yu_findings fs = {0};
    if (!rc && (yu_check_doc(d, &fs) || yu_check_reasons(d, &fs))) {
        fprintf(stderr, "yusuan: out of memory\n");
        rc = 2;
    }
    /* the words of the document as it will be published: the narrative's
     * statements and its typography, as an audit of it would find them */
    if (!rc) {
        char *txt = NULL;
        size_t tl = 0;
        yu_error err;
        yu_error_clear(&err);
        char wpath[1200];
        snprintf(wpath, sizeof wpath, "%s/vocab/words.vocab", env.datadir);
        yu_vocab *v = NULL, *w = NULL;
        yu_gdoc *g = NULL;
        if (yu_render(d, YU_FMT_TXT, &txt, &tl, &err) || yu_check_words(txt, tl, wpath, NULL, &fs) ||
            cli_vocab(&env, &v) || cli_words(&env, &w) || yu_read_any(txt, tl, pkg, v, &g, &err) ||
            yu_gnarr_check(g, v, &fs) || yu_check_claims_doc(g, d, v, w, &fs)) {
            if (err.status)
                cli_error(&err);
            else
                fprintf(stderr, "yusuan: check: the words of the document could not be checked\n");
            rc = 2;
        }
        yu_gdoc_free(g);
        yu_vocab_free(w);
        yu_vocab_free(v);
        free(txt);
    }
    if (!rc) {
        size_t ne = yu_findings_count(&fs, YU_SEV_ERROR);
        if (!strcmp(fmt, "json")) {
            json_t *root = cli_findings_json(pkg, &fs);
            char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
            json_decref(root);
            if (s) {
                puts(s);
                free(s);
            }
        } else {
            print_check_findings(pkg, b, &fs);
            size_t nr;
            yu_rules(&nr);
            printf("%s: %zu rules, %zu errors, %zu rounding residues, %zu warnings\n", pkg, nr, ne,
                   yu_findings_count(&fs, YU_SEV_ROUNDING), yu_findings_count(&fs, YU_SEV_WARNING));
        }
        rc = ne ? 1 : 0;
    }
    /* the copy: every input error, or every finding */
    if (annot && (rc != 2 || yu_errors_count(env.keep)) &&
        cli_annotate(pkg, annot, rc == 2 ? env.keep : NULL, b, rc == 2 ? NULL : &fs))
        rc = 2;
    yu_errors_free(env.keep);
    yu_findings_free(&fs);
    yu_doc_free(d);
    yu_budget_free(b);
    cli_env_free(&env);
    return rc;
}
