/* Shared by the libFuzzer harnesses (tests/fuzz/README.md): each harness
 * defines LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize); it is
 * linked either with libFuzzer (clang -fsanitize=fuzzer, `make fuzz`) or with
 * driver.c, a plain main() that replays files (`make test`).
 *
 * Parsers that read files get the input through a file in a private
 * temporary directory (removed at exit); the data directory is the source
 * tree's (YU_DATADIR, compiled in by the Makefile). */
#ifndef YU_FUZZ_H
#define YU_FUZZ_H
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* nftw */
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ftw.h>
#include <sys/stat.h>
#include "yusuan/yusuan.h"

#ifndef YU_DATADIR
#define YU_DATADIR "data"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char fz_dir[256];

static __attribute__((unused)) int fz_rm(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    return remove(p);
}

static __attribute__((unused)) void fz_cleanup(void)
{
    if (fz_dir[0])
        nftw(fz_dir, fz_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* The private temporary directory (created on first use). */
static __attribute__((unused)) const char *fz_tmpdir(void)
{
    if (!fz_dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(fz_dir, sizeof fz_dir, "%s/yusuan-fuzz.XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(fz_dir)) {
            perror("fuzz: mkdtemp");
            abort();
        }
        atexit(fz_cleanup);
    }
    return fz_dir;
}

/* Writes data to NAME in the temporary directory; returns the path (static). */
static __attribute__((unused)) const char *fz_write(const char *name, const uint8_t *data, size_t size)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", fz_tmpdir(), name);
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f)) {
        perror(path);
        abort();
    }
    return path;
}

/* The official catalogues, loaded once. */
static yu_catalog *fz_func, *fz_econ;
static __attribute__((unused)) void fz_catalogs(void)
{
    if (fz_func)
        return;
    yu_error e;
    yu_error_clear(&e);
    fz_func = yu_catalog_new();
    fz_econ = yu_catalog_new();
    if (!fz_func || !fz_econ || yu_catalog_add_file(fz_func, YU_DATADIR "/catalog/func-2024.tsv", &e) ||
        yu_catalog_add_file(fz_econ, YU_DATADIR "/catalog/econ-dept-2024.tsv", &e)) {
        fprintf(stderr, "fuzz: catalogues: %s\n", e.msg);
        abort();
    }
}

/* A data file that must load (vocabulary, layout): abort when it does not. */
static __attribute__((unused)) void fz_need(yu_status st, const yu_error *e, const char *what)
{
    if (st) {
        fprintf(stderr, "fuzz: %s: %s\n", what, e ? e->msg : yu_strerror(st));
        abort();
    }
}
#endif
