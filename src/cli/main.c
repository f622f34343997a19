/* yusuan: Chinese government departmental budgets — compile, check, audit. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: yusuan [--data DIR] COMMAND [ARGS]\n"
            "  --data DIR     the data directory: catalogues, layouts, vocabularies (default $YUSUAN_DATA,\n"
            "                 else PREFIX/share/yusuan of an installed yusuan, else the source tree's data/;\n"
            "                 man yusuan, docs/install.md)\n\n"
            "commands:\n"
            "  report PACKAGE [-f txt|md|json|csv|html|pdf|xlsx] [-o PATH] [--glossary used|full] [--catalog FILE]\n"
            "                 compile a budget package into the published document\n"
            "  check PACKAGE [-f txt|json] [--catalog FILE]\n"
            "                 run every consistency rule over the compiled document\n"
            "  audit FILE... [-f txt|json] [--template ID]\n"
            "                 read published disclosures (PDF or text) back and check them\n"
            "  extract FILE [-f json|csv] [-o PATH]\n"
            "                 write the tables of a published disclosure as data\n"
            "  template FILE.xlsx [--from PACKAGE] [--force]\n"
            "                 write the input workbook (docs/xlsx.md), empty or filled from a package;\n"
            "                 report and check read a filled workbook (FILE.xlsx) like a package\n"
            "  db [--db PATH] import|list|show|export|cube ...\n"
            "                 the store: many units and years, departments consolidated (docs/store.md)\n"
            "  gen [--db PATH] [--preset small|bench|national] ...\n"
            "                 a synthetic administration, into a store or in memory\n"
            "  serve [--db PATH] [--listen ADDR:PORT] [--data DIR]\n"
            "                 the web application and JSON API (docs/api.md)\n"
            "  rules          list the rule catalogue\n"
            "  version        print the version\n\n"
            "Every command takes --help.  Exit status: 0 done or clean, 1 errors found (check, audit),\n"
            "2 an input or usage error (docs/cli.md).\n"
            "Documentation: README.md, docs/cli.md, docs/format.md, docs/rules.md, docs/json.md\n");
}

int main(int argc, char **argv)
{
    /* global option before the command: --data DIR or --data=DIR */
    while (argc >= 2 && !strncmp(argv[1], "--data", 6) && (argv[1][6] == 0 || argv[1][6] == '=')) {
        if (argv[1][6] == '=') {
            cli_set_datadir(argv[1] + 7);
            argc -= 1;
            argv += 1;
        } else if (argc >= 3) {
            cli_set_datadir(argv[2]);
            argc -= 2;
            argv += 2;
        } else {
            fprintf(stderr, "yusuan: --data: expected a directory, e.g. --data /usr/share/yusuan\n");
            return 2;
        }
    }
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *c = argv[1];
    if (!strcmp(c, "report"))
        return cmd_report(argc - 1, argv + 1);
    if (!strcmp(c, "check") || !strcmp(c, "rules"))
        return cmd_check(argc - 1, argv + 1);
    if (!strcmp(c, "db"))
        return cmd_db(argc - 1, argv + 1);
    if (!strcmp(c, "gen"))
        return cmd_gen(argc - 1, argv + 1);
    if (!strcmp(c, "template"))
        return cmd_template(argc - 1, argv + 1);
    if (!strcmp(c, "extract"))
        return cmd_extract(argc - 1, argv + 1);
    if (!strcmp(c, "audit"))
        return cmd_audit(argc - 1, argv + 1);
    if (!strcmp(c, "serve"))
        return cmd_serve(argc - 1, argv + 1);
    if (!strcmp(c, "version") || !strcmp(c, "--version")) {
        printf("yusuan %s\n", yu_version());
        return 0;
    }
    if (!strcmp(c, "help") || !strcmp(c, "--help") || !strcmp(c, "-h")) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "yusuan: unknown command '%s'\n", c);
    usage(stderr);
    return 2;
}
