/* yusuan template FILE.xlsx [--from PACKAGE|WORKBOOK.xlsx [--db STORE]] [--catalog FILE] [--force] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "yusuan/xlsx.h"

static int ends_with_xlsx(const char *s)
{
    size_t n = strlen(s);
    return n >= 5 && !strcmp(s + n - 5, ".xlsx");
}

/* The 说明 items of the workbook: 一般公共预算拨款变化原因, each 项 whose
 * change calls for a reason (yu_reasons_owed over the document compiled
 * without the budget's notes: the rule N-REASON's own decision), last
 * year's other notes (基本支出说明 …), 其他重要事项; each with last year's
 * text when `prev` (the unit's budget of the year before, from the store)
 * has it.  0 or an exit code. */
static int narr_items(cli_env *env, yu_budget *b, const yu_budget *prev, yu_xnarr **out, size_t *nout,
                      char ***owed, size_t *nowed)
{
    *out = NULL;
    *nout = 0;
    *owed = NULL;
    *nowed = 0;
    if (b) {
        int rc = cli_layout(env, b->template_id);
        if (rc)
            return rc;
        size_t keep = b->nnotes;
        b->nnotes = 0; /* the reasons a document without the preparer's words owes */
        yu_compile_opts o = {YU_GLOSSARY_USED, NULL, env->func, env->econ};
        yu_doc *d = NULL;
        yu_error err;
        yu_error_clear(&err);
        /* a budget that does not compile yet (its report says why) lists no 项 */
        yu_status st = yu_compile(b, env->layout, &o, &d, &err) ? YU_OK : yu_reasons_owed(d, owed, nowed);
        b->nnotes = keep;
        yu_doc_free(d);
        if (st) {
            fprintf(stderr, "yusuan: template: out of memory\n");
            return 2;
        }
    }
    size_t cap = *nowed + (prev ? prev->nnotes : 0) + 2;
    yu_xnarr *v = calloc(cap, sizeof *v);
    if (!v) {
        fprintf(stderr, "yusuan: template: out of memory\n");
        return 2;
    }
    size_t n = 0;
#define ADD(k)                                                                  \
    do {                                                                        \
        int dup_ = 0;                                                           \
        for (size_t j_ = 0; j_ < n && !dup_; j_++)                              \
            dup_ = !strcmp(v[j_].key, (k));                                     \
        if (!dup_ && n < cap) {                                                 \
            v[n].key = (k);                                                     \
            v[n].text = prev ? yu_budget_note(prev, (k)) : NULL;                \
            n++;                                                                \
        }                                                                       \
    } while (0)
    ADD("gpb_change");
    for (size_t i = 0; i < *nowed; i++)
        ADD((*owed)[i]);
    for (size_t i = 0; prev && i < prev->nnotes; i++)
        if (strncmp(prev->notes[i].key, "func:", 5) && strcmp(prev->notes[i].key, "other"))
            ADD(prev->notes[i].key);
    ADD("other");
#undef ADD
    *out = v;
    *nout = n;
    return 0;
}

int cmd_template(int argc, char **argv)
{
    const char *out = NULL, *from = NULL, *db = NULL;
    int force = 0;
    const char *extra[16];
    size_t nextra = 0;
    static const char usage[] =
        "usage: yusuan template FILE.xlsx [--from PACKAGE [--db STORE]] [--catalog FILE] [--force]\n"
        "       writes the input workbook (docs/xlsx.md); --from fills it from a budget package or workbook;\n"
        "       --db prefills the 说明 sheet with the unit's texts of the year before kept in the store\n"
        "       an existing FILE.xlsx is replaced only with --force\n";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--from") && i + 1 < argc)
            from = argv[++i];
        else if (!strcmp(a, "--db") && i + 1 < argc)
            db = argv[++i];
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
    if (db && !from) {
        fprintf(stderr, "yusuan: template: --db %s: last year's texts are found for the unit of --from PACKAGE; "
                        "give the package too\n", db);
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
    /* last year's budget of the unit, from the store */
    yu_budget *prev = NULL;
    if (!rc && db) {
        yu_store *s = NULL;
        yu_status st = yu_store_open_ro(db, &s, &err);
        if (!st)
            st = yu_store_load(s, b->code, b->year - 1, YU_STORE_BUDGET, &prev, &err);
        yu_store_close(s);
        if (st == YU_EMISSING)
            fprintf(stderr, "yusuan: template: %s keeps no %d budget of unit %s: the 说明 sheet is not prefilled\n", db,
                    b->year - 1, b->code);
        else if (st) {
            cli_error(&err);
            rc = 2;
        }
    }
    yu_xnarr *items = NULL;
    size_t nitems = 0, nowed = 0;
    char **owed = NULL;
    if (!rc)
        rc = narr_items(&env, b, prev, &items, &nitems, &owed, &nowed);
    if (!rc && yu_write_template_narr(out, b, env.func, env.econ, items, nitems, &err)) {
        cli_error(&err);
        rc = 2;
    }
    free(items);
    yu_reasons_free(owed, nowed);
    yu_budget_free(prev);
    yu_budget_free(b);
    cli_env_free(&env);
    return rc;
}
