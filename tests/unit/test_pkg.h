/* A package written for a unit test (test_year.c, test_fnarr.c): a temporary
 * directory, files put into it, and the 2024 catalogs to load it with. */
#ifndef YU_TEST_PKG_H
#define YU_TEST_PKG_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[64];
static yu_catalog *fc, *ec;

static void put(const char *name, const char *text)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* a new directory named after tmpl (…XXXXXX) and the catalogs; 0 or -1 */
static int pkg_setup(const char *tmpl)
{
    snprintf(dir, sizeof dir, "%s", tmpl);
    if (!mkdtemp(dir))
        return -1;
    yu_error err;
    fc = yu_catalog_new();
    ec = yu_catalog_new();
    if (!fc || !ec || yu_catalog_add_file(fc, YU_DATADIR "/catalog/func-2024.tsv", &err) ||
        yu_catalog_add_file(ec, YU_DATADIR "/catalog/econ-dept-2024.tsv", &err))
        return -1;
    return 0;
}

/* removes the files named (those that exist), the directory and the catalogs */
static void pkg_teardown(const char *const *names, size_t n)
{
    char p[256];
    for (size_t i = 0; i < n; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
    yu_catalog_free(fc);
    yu_catalog_free(ec);
}
#endif
