/* The floor of `yusuan report PKG`: read expenditure.csv of a package and do only what no
 * report can skip — parse every field of every line item (功能分类 code, type and source
 * names, 经济分类 code, project id, 基建 flag, amount in 元 to 分) and group the amounts by
 * the whole key: records scattered by hash into 4096 partitions, each grouped in a small
 * hash table that stays in cache.  No validation, no messages, no document.
 *
 *   build-bench/floor PKG/expenditure.csv      prints line items, groups, total 分, seconds
 *
 * bench/store_bench.sh times it beside `yusuan report` of the same package. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

typedef struct { uint64_t k1, k2; int64_t sum; } group;

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

/* names (type, source, project id) interned to small integers: FNV over the bytes, open addressing */
typedef struct { uint64_t h; const char *s; size_t n; uint32_t id; } name;
static name *names;
static size_t nmask, nnames;

static uint32_t intern(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    for (size_t i = h & nmask;; i = (i + 1) & nmask) {
        if (!names[i].s) {
            names[i] = (name){h, s, n, (uint32_t)++nnames};
            return (uint32_t)nnames;
        }
        if (names[i].h == h && names[i].n == n && !memcmp(names[i].s, s, n))
            return names[i].id;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: floor EXPENDITURE.csv\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) || st.st_size == 0) {
        perror(argv[1]);
        return 1;
    }
    const char *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    const char *end = p + st.st_size;
    nmask = (1u << 16) - 1;
    names = calloc(nmask + 1, sizeof *names);
    size_t cap = (size_t)st.st_size / 16 + 16, nlines = 0, ngroups = 0;
    group *rec = malloc(cap * sizeof *rec);
    if (!names || !rec)
        return 1;
    int64_t total = 0;
    p = memchr(p, '\n', (size_t)(end - p)) + 1; /* header */
    while (p < end) {
        uint64_t f[7] = {0};
        int64_t amount = 0;
        for (int c = 0; c < 7; c++) {
            const char *s = p;
            while (p < end && *p != ',' && *p != '\n')
                p++;
            size_t n = (size_t)(p - s);
            if (c == 0 || c == 3) { /* codes */
                uint64_t v = 0;
                for (size_t i = 0; i < n; i++)
                    v = v * 10 + (uint64_t)(s[i] - '0');
                f[c] = v;
            } else if (c == 6) { /* 元 with up to two decimals, to 分 */
                int64_t v = 0;
                int dec = -1;
                for (size_t i = 0; i < n; i++) {
                    if (s[i] == '.')
                        dec = 0;
                    else {
                        v = v * 10 + (s[i] - '0');
                        if (dec >= 0)
                            dec++;
                    }
                }
                for (int d = dec < 0 ? 0 : dec; d < 2; d++)
                    v *= 10;
                amount = v;
            } else if (c == 5)
                f[c] = n && s[0] == '1';
            else
                f[c] = n ? intern(s, n) : 0;
            p++; /* the comma or newline */
        }
        if (nlines == cap)
            return 1;
        total += amount;
        rec[nlines++] = (group){f[0] << 32 | f[3], f[1] << 48 | f[2] << 40 | f[4] << 8 | f[5], amount};
    }
    /* scatter by hash into partitions, then group each in a small table */
    enum { PB = 12, NP = 1 << PB };
    size_t *cnt = calloc(NP + 1, sizeof *cnt);
    group *part = malloc((nlines ? nlines : 1) * sizeof *part);
    uint32_t *hv = malloc((nlines ? nlines : 1) * sizeof *hv);
    if (!cnt || !part || !hv)
        return 1;
    for (size_t i = 0; i < nlines; i++) {
        uint64_t h = mix(rec[i].k1 * 0x9E3779B97F4A7C15ull ^ rec[i].k2);
        hv[i] = (uint32_t)(h >> 32);
        cnt[(hv[i] >> (32 - PB)) + 1]++;
    }
    for (size_t k = 0; k < NP; k++)
        cnt[k + 1] += cnt[k];
    size_t *at = malloc(NP * sizeof *at);
    memcpy(at, cnt, NP * sizeof *at);
    for (size_t i = 0; i < nlines; i++)
        part[at[hv[i] >> (32 - PB)]++] = rec[i];
    size_t tcap = 16;
    while (tcap < 2 * (nlines / NP + 64))
        tcap *= 2;
    group *tab = malloc(tcap * sizeof *tab);
    for (size_t k = 0; k < NP; k++) {
        size_t m = cnt[k + 1] - cnt[k], tm = 16;
        while (tm < 2 * m)
            tm *= 2;
        if (tm > tcap) {
            tcap = tm;
            tab = realloc(tab, tcap * sizeof *tab);
        }
        memset(tab, 0, tm * sizeof *tab);
        for (size_t j = cnt[k]; j < cnt[k + 1]; j++) {
            uint64_t k1 = part[j].k1, k2 = part[j].k2;
            for (size_t i = mix(k1 * 31 + k2) & (tm - 1);; i = (i + 1) & (tm - 1)) {
                if (!tab[i].k1 && !tab[i].k2) {
                    tab[i] = part[j];
                    ngroups++;
                    break;
                }
                if (tab[i].k1 == k1 && tab[i].k2 == k2) {
                    tab[i].sum += part[j].sum;
                    break;
                }
            }
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("line_items: %zu\ngroups: %zu\ntotal_fen: %lld\nseconds: %.3f\n", nlines, ngroups, (long long)total,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
