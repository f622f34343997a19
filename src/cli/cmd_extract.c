/* yusuan extract FILE... [-f json|csv|text] [-o PATH] [--template ID]
 * Every table of any disclosure, read without a template (read.h), as data
 * for researchers: JSON (one object per document; an array for several) or
 * long-form CSV (one line per cell, the document, unit name, year, kind and
 * money unit on every line, one header for all files).  --template ID reads
 * with a template's layout instead (the tables of that template, by id). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdlib.h>
#include "cli.h"

int cli_vocab(cli_env *env, yu_vocab **v)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/vocab/budget.vocab", env->datadir);
    yu_error err;
    yu_error_clear(&err);
    if (yu_vocab_load(path, v, &err)) {
        cli_error(&err);
        return 2;
    }
    return 0;
}

int cli_words(cli_env *env, yu_vocab **v)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/vocab/words.vocab", env->datadir);
    yu_error err;
    yu_error_clear(&err);
    if (yu_vocab_load(path, v, &err)) {
        cli_error(&err);
        return 2;
    }
    return 0;
}

int cli_read_any(cli_env *env, const yu_vocab *v, const char *file, yu_gdoc **out, char **text_out, size_t *len_out)
{
    char *text;
    size_t len;
    unsigned char *ocr = NULL;
    int np = 0;
    int rc = cli_read_doc(file, &text, &len, &ocr, &np);
    (void)env;
    if (rc)
        return rc;
    yu_error err;
    yu_error_clear(&err);
    if (yu_read_any(text, len, file, v, out, &err)) {
        cli_error(&err);
        free(text);
        free(ocr);
        return 2;
    }
    if (yu_gdoc_mark_ocr(*out, ocr, np)) {
        fprintf(stderr, "yusuan: out of memory\n");
        free(ocr);
        free(text);
        yu_gdoc_free(*out);
        *out = NULL;
        return 2;
    }
    free(ocr);
    if (text_out) {
        *text_out = text;
        *len_out = len;
    } else
        free(text);
    return 0;
}

int cmd_extract(int argc, char **argv)
{
    const char *fmt = "json", *outp = NULL;
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--template") || (!strcmp(argv[i], "-f") && i + 1 < argc && !strcmp(argv[i + 1], "text")))
            return cmd_audit(argc, argv); /* the template reader, or the text as read */
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int nf = 0;
    if (!files)
        return 2;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-f") && i + 1 < argc)
            fmt = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            outp = argv[++i];
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs("usage: yusuan extract FILE... [-f json|csv|text] [-o PATH] [--template ID]\n"
                  "  writes every table of published disclosures as data (CSV: one line per cell)\n"
                  "  Exit status: 0 written, 2 a file could not be read or a usage error.\n",
                  stdout);
            free(files);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "yusuan: extract: unknown option '%s'\n", argv[i]);
            free(files);
            return 2;
        } else
            files[nf++] = argv[i];
    }
    if (!nf || (strcmp(fmt, "json") && strcmp(fmt, "csv"))) {
        fprintf(stderr, "usage: yusuan extract FILE... [-f json|csv|text] [-o PATH] [--template ID]\n");
        free(files);
        return 2;
    }
    cli_env env;
    memset(&env, 0, sizeof env);
    int rc = cli_catalogs(&env, NULL, 0);
    yu_vocab *v = NULL;
    if (!rc)
        rc = cli_vocab(&env, &v);
    char *buf = NULL;
    size_t blen = 0;
    FILE *all = open_memstream(&buf, &blen);
    int json = !strcmp(fmt, "json"), worst = rc, written = 0;
    if (!all)
        rc = 2;
    if (!rc && json && nf > 1)
        fputs("[\n", all);
    for (int i = 0; i < nf && !rc; i++) {
        yu_gdoc *d = NULL;
        int r = cli_read_any(&env, v, files[i], &d, NULL, NULL);
        if (r) {
            worst = r;
            continue;
        }
        char *s = NULL;
        size_t n = 0;
        yu_error err;
        yu_error_clear(&err);
        yu_status st = json ? yu_gdoc_json(d, &s, &n, &err) : yu_gdoc_csv(d, i == 0, &s, &n, &err);
        if (st) {
            cli_error(&err);
            worst = 2;
        } else {
            if (json && nf > 1 && written)
                fputs(",\n", all);
            fwrite(s, 1, n, all);
            written++;
        }
        if (!d->is_budget)
            fprintf(stderr, "yusuan: %s: 不是预算或决算公开文件（未找到预算表格）\n", files[i]);
        free(s);
        yu_gdoc_free(d);
    }
    if (all) {
        if (json)
            fputs(nf > 1 ? "\n]\n" : "\n", all);
        if (fclose(all))
            rc = 2;
        else if (!rc)
            rc = cli_write(outp, buf ? buf : "", blen);
    }
    free(buf);
    yu_vocab_free(v);
    cli_env_free(&env);
    free(files);
    return rc ? rc : worst;
}
