/* yusuan check PACKAGE [-f txt|json]  — and yusuan rules */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"

static int list_rules(void)
{
    size_t n;
    const yu_rule_info *r = yu_rules(&n);
    for (size_t i = 0; i < n; i++)
        printf("%-16s %s\n", r[i].id, r[i].identity);
    r = yu_text_rules(&n);
    for (size_t i = 0; i < n; i++)
        printf("%-16s %s (audit)\n", r[i].id, r[i].identity);
    r = yu_infer_rules(&n);
    for (size_t i = 0; i < n; i++)
        printf("%-16s %s (audit, any template)\n", r[i].id, r[i].identity);
    r = yu_words_rules(&n);
    for (size_t i = 0; i < n; i++)
        printf("%-16s %s (audit and check)\n", r[i].id, r[i].identity);
    r = yu_claims_rules(&n);
    for (size_t i = 0; i < n; i++)
        printf("%-16s %s (audit and check)\n", r[i].id, r[i].identity);
    r = yu_gperf_rules(&n);
    for (size_t i = 0; i < n; i++)
        printf("%-16s %s (audit, any template)\n", r[i].id, r[i].identity);
    r = yu_year_rules(&n);
    for (size_t i = 0; i < n; i++)
        printf("%-16s %s (report --selfeval, docs/year.md)\n", r[i].id, r[i].identity);
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

int cmd_check(int argc, char **argv)
{
    if (!strcmp(argv[0], "rules"))
        return list_rules();
    const char *pkg = NULL, *fmt = "txt";
    const char *extra[16];
    size_t nextra = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-f") && i + 1 < argc)
            fmt = argv[++i];
        else if (!strcmp(argv[i], "--catalog") && i + 1 < argc && nextra < 16)
            extra[nextra++] = argv[++i];
        else if (argv[i][0] == '-') {
            fprintf(stderr, "yusuan: check: unknown option '%s'\nusage: yusuan check PACKAGE [-f txt|json]\n", argv[i]);
            return 2;
        } else
            pkg = argv[i];
    }
    if (!pkg || (strcmp(fmt, "txt") && strcmp(fmt, "json"))) {
        fprintf(stderr, "usage: yusuan check PACKAGE [-f txt|json]\n");
        return 2;
    }
    cli_env env;
    memset(&env, 0, sizeof env);
    yu_budget *b = NULL;
    yu_doc *d = NULL;
    int rc = cli_catalogs(&env, extra, nextra);
    if (!rc)
        rc = cli_compile(&env, pkg, YU_GLOSSARY_USED, &b, &d);
    yu_findings fs = {0};
    if (!rc && yu_check_doc(d, &fs)) {
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
        yu_vocab *v = NULL;
        yu_gdoc *g = NULL;
        if (yu_render(d, YU_FMT_TXT, &txt, &tl, &err) || yu_check_words(txt, tl, wpath, NULL, &fs) ||
            cli_vocab(&env, &v) || yu_read_any(txt, tl, pkg, v, &g, &err) || yu_gnarr_check(g, v, &fs) ||
            yu_check_claims(g, v, NULL, &fs)) {
            if (err.status)
                cli_error(&err);
            else
                fprintf(stderr, "yusuan: check: the words of the document could not be checked\n");
            rc = 2;
        }
        yu_gdoc_free(g);
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
            cli_print_findings(pkg, &fs);
            size_t nr;
            yu_rules(&nr);
            printf("%s: %zu rules, %zu errors, %zu rounding residues, %zu warnings\n", pkg, nr, ne,
                   yu_findings_count(&fs, YU_SEV_ROUNDING), yu_findings_count(&fs, YU_SEV_WARNING));
        }
        rc = ne ? 1 : 0;
    }
    yu_findings_free(&fs);
    yu_doc_free(d);
    yu_budget_free(b);
    cli_env_free(&env);
    return rc;
}
