/* yusuan template FILE.xlsx [--from PACKAGE|WORKBOOK.xlsx] [--catalog FILE] [--force] */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "yusuan/xlsx.h"

static int ends_with_xlsx(const char *s)
{
    size_t n = strlen(s);
    return n >= 5 && !strcmp(s + n - 5, ".xlsx");
}

int cmd_template(int argc, char **argv)
{
    const char *out = NULL, *from = NULL;
    int force = 0;
    const char *extra[16];
    size_t nextra = 0;
    static const char usage[] =
        "usage: yusuan template FILE.xlsx [--from PACKAGE] [--catalog FILE] [--force]\n"
        "       writes the input workbook (docs/xlsx.md); --from fills it from a budget package or workbook;\n"
        "       an existing FILE.xlsx is replaced only with --force\n";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--from") && i + 1 < argc)
            from = argv[++i];
        else if (!strcmp(a, "--force"))
            force = 1;
        else if (!strcmp(a, "--catalog") && i + 1 < argc) {
            if (nextra == 16) {
                fprintf(stderr, "yusuan: at most 16 --catalog files\n");
                return 2;
            }
            extra[nextra++] = argv[++i];
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "yusuan: template: unknown option '%s'\n%s", a, usage);
            return 2;
        } else if (!out)
            out = a;
        else {
            fprintf(stderr, "yusuan: template: one workbook at a time (got '%s' and '%s')\n", out, a);
            return 2;
        }
    }
    if (!out) {
        fputs(usage, stderr);
        return 2;
    }
    if (!ends_with_xlsx(out)) {
        fprintf(stderr, "yusuan: template: '%s': the workbook's name must end in .xlsx\n", out);
        return 2;
    }
    struct stat sb;
    if (!force && lstat(out, &sb) == 0) {
        fprintf(stderr, "yusuan: template: %s already exists (perhaps a filled workbook): "
                        "choose another name, or replace it with --force\n", out);
        return 2;
    }
    cli_env env;
    memset(&env, 0, sizeof env);
    yu_budget *b = NULL;
    yu_error err;
    yu_error_clear(&err);
    int rc = cli_catalogs(&env, extra, nextra);
    if (!rc && from) {
        if (cli_load_budget(&env, from, &b, &err))
            rc = 2; /* every input error printed */
    }
    if (!rc && yu_write_template(out, b, env.func, env.econ, &err)) {
        cli_error(&err);
        rc = 2;
    }
    yu_budget_free(b);
    cli_env_free(&env);
    return rc;
}
