/* The fixture of the store and package tests (test_store.c, test_store_blocks.c, test_store_seg.c,
 * test_load.c): the 2024 catalogs, a temporary directory, the generator's small administration, SQL.
 * static inline: a test that uses only some of them is not warned of the others. */
#ifndef YU_TEST_STORE_FIX_H
#define YU_TEST_STORE_FIX_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include "yusuan/yusuan.h"
#include "yusuan/store.h"

/* the 2024 功能分类 and 经济分类 catalogs into *func and *econ; 0 or -1 */
static inline int fix_catalogs(yu_catalog **func, yu_catalog **econ)
{
    yu_error err;
    *func = yu_catalog_new();
    *econ = yu_catalog_new();
    if (!*func || !*econ || yu_catalog_add_file(*func, YU_DATADIR "/catalog/func-2024.tsv", &err) ||
        yu_catalog_add_file(*econ, YU_DATADIR "/catalog/econ-dept-2024.tsv", &err))
        return -1;
    return 0;
}

static inline void fix_catalogs_free(yu_catalog *func, yu_catalog *econ)
{
    yu_catalog_free(func);
    yu_catalog_free(econ);
}

/* a new directory named after tmpl (…XXXXXX) into dir; 0 or -1 */
static inline int fix_mkdtemp(char *dir, size_t size, const char *tmpl)
{
    snprintf(dir, size, "%s", tmpl);
    return mkdtemp(dir) ? 0 : -1;
}

/* removes dir and everything in it; 0 or -1 */
static inline int fix_rmtree(const char *dir)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* a new store at path holding the generator's "small" administration (100 units, final accounts of
 * 2023, transfers, eliminations) drawn with seed; 0 or -1 */
static inline int fix_gen_small(const char *path, uint64_t seed, const yu_catalog *func, const yu_catalog *econ)
{
    yu_error err;
    yu_gen_opts o;
    yu_gen_preset(&o, "small");
    o.seed = seed;
    yu_store *s;
    yu_gen_stats st;
    if (yu_store_open(path, &s, &err) || yu_gen_store(s, &o, func, econ, &st, &err))
        return -1;
    yu_store_close(s);
    return 0;
}

/* sql run on the store's connection; the test fails (with SQLite's message) when it does not succeed */
static inline void exec_ok(yu_store *s, const char *sql)
{
    char *msg = NULL;
    int r = sqlite3_exec(yu_store_sqlite(s), sql, NULL, NULL, &msg);
    if (r != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
    sqlite3_free(msg);
    assert_int_equal(r, SQLITE_OK);
}
#endif
