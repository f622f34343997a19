/* Year segments (store_seg.c, docs/store.md "Year segments"): the admin of a year mapped from a file beside
 * the store is the admin SQLite gives, and a segment that is stale, damaged, truncated or foreign is never
 * used: it is rebuilt, or the store is read when nothing can be written beside it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "yusuan/yusuan.h"
#include "yusuan/store.h"
#include "admin_int.h"
#include "test_store_fix.h"

static struct {
    yu_catalog *func, *econ;
    char dir[256], db[300], seg[320], other[300];
} F;

static int group_setup(void **state)
{
    (void)state;
    if (fix_catalogs(&F.func, &F.econ) || fix_mkdtemp(F.dir, sizeof F.dir, "/tmp/yusuan-seg-XXXXXX"))
        return -1;
    snprintf(F.db, sizeof F.db, "%s/gen.db", F.dir);
    snprintf(F.seg, sizeof F.seg, "%s/gen.db-seg/2024.seg", F.dir);
    snprintf(F.other, sizeof F.other, "%s/other.db", F.dir);
    /* the small administration (100 units, final accounts of 2023, transfers), and another store */
    return fix_gen_small(F.db, 1, F.func, F.econ) || fix_gen_small(F.other, 2, F.func, F.econ);
}

static int group_teardown(void **state)
{
    (void)state;
    fix_catalogs_free(F.func, F.econ);
    return fix_rmtree(F.dir);
}

/* two admins the same, array by array (what the pass reads and what yu_admin_find answers) */
static void same_admin(const yu_admin *a, const yu_admin *b)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->nl, b->nl);
    assert_int_equal(a->nkeys, b->nkeys);
    assert_int_equal(a->sum, b->sum);
    assert_memory_equal(a->keys, b->keys, a->nkeys * sizeof *a->keys);
    assert_memory_equal(a->kclass, b->kclass, a->nkeys);
    assert_memory_equal(a->parent, b->parent, a->n * sizeof *a->parent);
    assert_memory_equal(a->has_budget, b->has_budget, a->n);
    assert_memory_equal(a->funds, b->funds, a->n * YU_F_COUNT * sizeof *a->funds);
    assert_memory_equal(a->sangong, b->sangong, a->n * YU_SG_COUNT * sizeof *a->sangong);
    assert_memory_equal(a->proc, b->proc, a->n * YU_P_COUNT * sizeof *a->proc);
    for (size_t i = 0; i < a->n; i++) {
        assert_string_equal(a->code[i], b->code[i]);
        assert_string_equal(a->name[i], b->name[i]);
        assert_int_equal(yu_admin_find(b, a->code[i]), (int32_t)i);
        if (a->has_budget[i]) {
            assert_int_equal(a->lstart[i], b->lstart[i]);
            assert_int_equal(a->lcount[i], b->lcount[i]);
        }
    }
    assert_memory_equal(a->lkey, b->lkey, a->nl * sizeof *a->lkey);
    assert_memory_equal(a->lamt, b->lamt, a->nl * sizeof *a->lamt);
    /* and every node's cells */
    yu_error err;
    yu_cube *c1 = NULL, *c2 = NULL;
    assert_int_equal(yu_admin_consolidate(a, 0, &c1, &err), YU_OK);
    assert_int_equal(yu_admin_consolidate(b, 0, &c2, &err), YU_OK);
    assert_int_equal(c1->ncells, c2->ncells);
    for (size_t x = 0; x < c1->nnodes; x++) {
        assert_int_equal(c1->count[x], c2->count[x]);
        assert_memory_equal(&c1->cell_key[c1->start[x]], &c2->cell_key[c2->start[x]],
                            c1->count[x] * sizeof *c1->cell_key);
        assert_memory_equal(&c1->cell_val[c1->start[x]], &c2->cell_val[c2->start[x]], c1->count[x] * sizeof(yu_money));
    }
    assert_memory_equal(c1->elim, c2->elim, 2 * c1->nnodes * sizeof *c1->elim);
    yu_cube_free(c1);
    yu_cube_free(c2);
}

/* the year from SQLite alone */
static yu_admin *from_sqlite(yu_store *s, int year)
{
    yu_error err;
    yu_admin *a = NULL;
    yu_store_set_segments(s, 0);
    assert_int_equal(yu_store_load_admin(s, year, &a, &err), YU_OK);
    assert_string_equal(yu_store_segment_state(s), "off");
    yu_store_set_segments(s, 1);
    return a;
}

/* loads the year with segments, expects the state (its beginning), compares with ref */
static void load_expect(yu_store *s, const char *state, const yu_admin *ref)
{
    yu_error err;
    yu_admin *a = NULL;
    assert_int_equal(yu_store_load_admin(s, 2024, &a, &err), YU_OK);
    if (strncmp(yu_store_segment_state(s), state, strlen(state)))
        fail_msg("segment state '%s', expected '%s'", yu_store_segment_state(s), state);
    same_admin(ref, a);
    yu_admin_free(a);
}

static void test_seg_built_used_same(void **state)
{
    (void)state;
    yu_store *s;
    yu_error err;
    unlink(F.seg);
    assert_int_equal(yu_store_open(F.db, &s, &err), YU_OK);
    yu_admin *ref = from_sqlite(s, 2024);
    assert_true(ref->nl > 6000); /* line items and the prior of the final accounts */
    load_expect(s, "built", ref);
    struct stat sb;
    assert_int_equal(stat(F.seg, &sb), 0);
    load_expect(s, "used", ref);
    /* a read-only store maps it too */
    yu_store *ro;
    assert_int_equal(yu_store_open_ro(F.db, &ro, &err), YU_OK);
    load_expect(ro, "used", ref);
    /* an admin made from a segment takes nothing more: its arrays are the file's */
    yu_admin *a = NULL;
    assert_int_equal(yu_store_load_admin(ro, 2024, &a, &err), YU_OK);
    assert_non_null(a->map);
    assert_int_equal(yu_admin_add_node(a, "X1", "x", -1), -1);
    yu_budget *b = yu_budget_new();
    assert_int_equal(yu_admin_add_budget(a, 0, b), YU_EUSAGE);
    assert_int_equal(yu_admin_reserve(a, a->nl + 100), YU_EUSAGE);
    yu_budget_free(b);
    yu_admin_free(a);
    yu_store_close(ro);
    /* inside the caller's transaction: SQLite (what it reads may yet be rolled back), nothing written */
    exec_ok(s, "BEGIN");
    load_expect(s, "not used", ref);
    exec_ok(s, "COMMIT");
    yu_admin_free(ref);
    yu_store_close(s);
}

static void test_seg_stale_rebuilt(void **state)
{
    (void)state;
    yu_store *s;
    yu_error err;
    assert_int_equal(yu_store_open(F.db, &s, &err), YU_OK);
    yu_admin *ref = from_sqlite(s, 2024);
    load_expect(s, "", ref); /* built or used */
    load_expect(s, "used", ref);
    /* a year neither 2024 nor 2023 (whose final accounts give 2024's prior) does not make it stale */
    exec_ok(s, "INSERT INTO year_keys VALUES(2031, 0, 2010101, 0, 0, 30101, 0)");
    load_expect(s, "used", ref);
    /* each of what the load reads, changed by any writer (here SQL), makes it stale */
    static const char *const change[] = {
        "UPDATE units SET name = name || '改' WHERE id = (SELECT max(id) FROM units)",
        "UPDATE budgets SET name = name WHERE id = (SELECT min(id) FROM budgets WHERE year = 2024)",
        "UPDATE line_blocks SET nlines = nlines WHERE budget_id = (SELECT max(id) FROM budgets WHERE year = 2024)",
        "INSERT INTO year_keys VALUES(2024, (SELECT max(id) + 1 FROM year_keys WHERE year = 2024), 2010101, 0, 0, 30999, 0)",
        "UPDATE budgets SET kind = kind WHERE id = (SELECT max(id) FROM budgets WHERE year = 2023 AND kind = 'final')",
        "DELETE FROM line_blocks WHERE budget_id = (SELECT min(id) FROM budgets WHERE year = 2024)",
    };
    for (size_t i = 0; i < sizeof change / sizeof *change; i++) {
        exec_ok(s, change[i]);
        yu_admin_free(ref);
        ref = from_sqlite(s, 2024);
        load_expect(s, "rebuilt (stale", ref);
        load_expect(s, "used", ref);
    }
    /* a change rolled back leaves the segment good */
    exec_ok(s, "BEGIN; UPDATE units SET name = 'x' WHERE id = 1; ROLLBACK");
    load_expect(s, "used", ref);
    yu_admin_free(ref);
    yu_store_close(s);
}

static void test_seg_import_seen(void **state)
{
    (void)state;
    yu_store *s;
    yu_error err;
    assert_int_equal(yu_store_open(F.db, &s, &err), YU_OK);
    yu_admin *before = from_sqlite(s, 2024);
    load_expect(s, "", before);
    load_expect(s, "used", before);
    /* a new unit's budget of 2024 imported: the next load has its lines */
    yu_budget *b = NULL;
    assert_int_equal(yu_load_package(YU_DATADIR "/../examples/feco-2024", F.func, F.econ, &b, &err), YU_OK);
    assert_int_equal(b->year, 2024);
    if (yu_store_import(s, b, YU_STORE_BUDGET, NULL, &err))
        fail_msg("import: %s", err.msg);
    yu_admin *a = NULL;
    assert_int_equal(yu_store_load_admin(s, 2024, &a, &err), YU_OK);
    assert_string_equal(yu_store_segment_state(s), "rebuilt (stale: the store changed)");
    assert_int_equal(a->nl, before->nl + b->nlines + 2 * b->nprior);
    int32_t x = yu_admin_find(a, b->code);
    assert_true(x >= 0);
    assert_int_equal(a->lcount[x], b->nlines + 2 * b->nprior);
    yu_admin *after = from_sqlite(s, 2024);
    same_admin(after, a);
    load_expect(s, "used", after);
    yu_admin_free(a);
    yu_admin_free(after);
    yu_admin_free(before);
    yu_budget_free(b);
    yu_store_close(s);
}

static int64_t file_size(const char *p)
{
    struct stat sb;
    return stat(p, &sb) ? -1 : (int64_t)sb.st_size;
}

static void put_byte(const char *p, int64_t at, unsigned char v)
{
    FILE *f = fopen(p, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, (long)at, SEEK_SET), 0);
    assert_int_equal(fputc(v, f), v);
    assert_int_equal(fclose(f), 0);
}

static void test_seg_damaged_rebuilt(void **state)
{
    (void)state;
    yu_store *s;
    yu_error err;
    assert_int_equal(yu_store_open(F.db, &s, &err), YU_OK);
    yu_admin *ref = from_sqlite(s, 2024);
    load_expect(s, "", ref);
    load_expect(s, "used", ref);
    int64_t size = file_size(F.seg);
    assert_true(size > 100000);
    /* a byte changed anywhere — header, nodes, keys, strings, key ids, amounts — is seen, or falls in
       padding that nothing reads: never a wrong admin, never a crash (splitmix64 positions) */
    uint64_t x = 42;
    int damaged = 0;
    for (int i = 0; i < 300; i++) {
        x += 0x9E3779B97F4A7C15ull;
        uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        int64_t at = i < 40 ? (int64_t)(z % 256) : (int64_t)(z % (uint64_t)size); /* the header often */
        FILE *f = fopen(F.seg, "rb");
        assert_non_null(f);
        assert_int_equal(fseek(f, (long)at, SEEK_SET), 0);
        int was = fgetc(f);
        fclose(f);
        put_byte(F.seg, at, (unsigned char)(was ^ (1u << (z >> 61))));
        yu_admin *a = NULL;
        assert_int_equal(yu_store_load_admin(s, 2024, &a, &err), YU_OK);
        const char *st = yu_store_segment_state(s);
        if (!strcmp(st, "rebuilt (damaged)"))
            damaged++;
        else if (strcmp(st, "used"))
            fail_msg("byte %lld: segment state '%s'", (long long)at, st);
        same_admin(ref, a);
        yu_admin_free(a);
        if (!strcmp(st, "used")) /* padding: put it back */
            put_byte(F.seg, at, (unsigned char)was);
    }
    assert_true(damaged > 250);
    /* truncated, empty, garbage, a directory in its place */
    static const int64_t cut[] = {0, 1, 255, 256, 257, 4096, -1, -8, -64};
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
        load_expect(s, "", ref);
        assert_int_equal(truncate(F.seg, cut[i] >= 0 ? cut[i] : size + cut[i]), 0);
        load_expect(s, "rebuilt (damaged)", ref);
    }
    FILE *f = fopen(F.seg, "wb");
    assert_non_null(f);
    for (int i = 0; i < 100000; i++)
        fputc(i * 7 & 0xff, f);
    fclose(f);
    load_expect(s, "rebuilt (damaged)", ref);
    load_expect(s, "used", ref);
    /* grown by a byte */
    f = fopen(F.seg, "ab");
    fputc(0, f);
    fclose(f);
    load_expect(s, "rebuilt (damaged)", ref);
    /* another store's segment (the same year) put in its place: foreign, rebuilt */
    yu_store *o;
    assert_int_equal(yu_store_open(F.other, &o, &err), YU_OK);
    yu_admin *oa = NULL;
    assert_int_equal(yu_store_load_admin(o, 2024, &oa, &err), YU_OK);
    yu_admin_free(oa);
    yu_store_close(o);
    char from[400];
    snprintf(from, sizeof from, "%s-seg/2024.seg", F.other);
    assert_int_equal(rename(from, F.seg), 0);
    load_expect(s, "rebuilt (stale", ref);
    load_expect(s, "used", ref);
    yu_admin_free(ref);
    yu_store_close(s);
}

static void test_seg_unwritable(void **state)
{
    (void)state;
    yu_store *s;
    yu_error err;
    assert_int_equal(yu_store_open(F.db, &s, &err), YU_OK);
    yu_admin *ref = from_sqlite(s, 2024);
    /* the directory beside the store cannot be made (a file has its name): the store is read */
    char dir[320], cmd[700];
    snprintf(dir, sizeof dir, "%s-seg", F.db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    FILE *f = fopen(dir, "w");
    assert_non_null(f);
    fclose(f);
    load_expect(s, "not written", ref);
    load_expect(s, "not written", ref);
    unlink(dir);
    /* the segment's name taken by a directory: not mapped, not replaced */
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(mkdir(F.seg, 0755), 0);
    load_expect(s, "not written", ref);
    assert_int_equal(rmdir(F.seg), 0);
    load_expect(s, "built", ref);
    load_expect(s, "used", ref);
    yu_admin_free(ref);
    yu_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seg_built_used_same),
        cmocka_unit_test(test_seg_stale_rebuilt),
        cmocka_unit_test(test_seg_import_seen),
        cmocka_unit_test(test_seg_damaged_rebuilt),
        cmocka_unit_test(test_seg_unwritable),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
