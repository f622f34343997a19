/* libFuzzer harness: the package loader (yu_load_package), then compiling,
 * checking and rendering what it accepts.  The input is a package in one
 * file: sections "=== NAME\n" followed by the file's content (seeds:
 * tests/fuzz/corpus/package, made from examples/ by tests/fuzz/mkseeds.sh);
 * NAME must be one of the package's file names. */
#include "fuzz.h"

static const char *const FILES[] = {"unit.txt",    "functions.txt",   "organisation.txt", "funds.csv",
                                    "projects.csv", "expenditure.csv", "prior.csv",        "sangong.csv",
                                    "procurement.csv", "assets.csv",   "indicators.csv",   "notes.csv"};
#define NFILES (sizeof FILES / sizeof FILES[0])

static yu_layout *layout;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fz_catalogs();
    yu_error e;
    yu_error_clear(&e);
    fz_need(yu_layout_load(YU_DATADIR "/layouts/central-budget.layout", &layout, &e), &e, "layout");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!layout)
        LLVMFuzzerInitialize(NULL, NULL);
    char pkg[512];
    snprintf(pkg, sizeof pkg, "%s/pkg", fz_tmpdir());
    char path[700];
    for (size_t i = 0; i < NFILES; i++) {
        snprintf(path, sizeof path, "%s/%s", pkg, FILES[i]);
        remove(path);
    }
    if (access(pkg, F_OK) != 0 && mkdir(pkg, 0700) != 0)
        abort();
    /* split into sections */
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (le - p > 4 && !memcmp(p, "=== ", 4)) {
            char name[64];
            size_t nlen = (size_t)(le - p - 4);
            if (nlen >= sizeof name)
                nlen = sizeof name - 1;
            memcpy(name, p + 4, nlen);
            name[nlen] = 0;
            const char *body = nl ? nl + 1 : end, *q = body;
            /* the body runs to the next "\n=== " */
            while (q < end) {
                const char *n2 = memchr(q, '\n', (size_t)(end - q));
                if (!n2) {
                    q = end;
                    break;
                }
                if (end - n2 > 4 && !memcmp(n2 + 1, "=== ", 4)) {
                    q = n2 + 1;
                    break;
                }
                q = n2 + 1;
            }
            for (size_t i = 0; i < NFILES; i++)
                if (!strcmp(name, FILES[i])) {
                    char rel[64];
                    snprintf(rel, sizeof rel, "pkg/%s", FILES[i]);
                    fz_write(rel, (const uint8_t *)body, (size_t)(q - body));
                }
            p = q;
        } else
            p = nl ? nl + 1 : end;
    }
    yu_budget *b = NULL;
    yu_error e;
    yu_error_clear(&e);
    if (yu_load_package(pkg, fz_func, fz_econ, &b, &e) != YU_OK) {
        if (!e.msg[0])
            abort();
        return 0;
    }
    yu_compile_opts o = {YU_GLOSSARY_USED, NULL, fz_func, fz_econ};
    yu_doc *d = NULL;
    if (yu_compile(b, layout, &o, &d, &e) == YU_OK) {
        yu_findings fs = {0};
        yu_check_doc(d, &fs);
        yu_findings_free(&fs);
        char *out = NULL;
        size_t len = 0;
        if (yu_render(d, YU_FMT_TXT, &out, &len, &e) == YU_OK)
            free(out);
        yu_doc_free(d);
    }
    yu_budget_free(b);
    return 0;
}
