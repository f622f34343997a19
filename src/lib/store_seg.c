/* Year segments (docs/store.md "Year segments"): the admin of a year (yu_store_load_admin) written as one
 * file beside the store, DBPATH-seg/YEAR.seg, laid out exactly as the admin's arrays, and mapped by the next
 * loads instead of reading 60,000 line blocks, 68,000 units and the budgets out of SQLite.  SQLite stays the
 * truth: the segment carries the store's identity, schema version and the generation tokens (data_gen,
 * written by triggers in every transaction that changes what the load reads) it was made from, and is used
 * only when they match, its header and body checksums hold and every index in it is in range. */
#define _DEFAULT_SOURCE /* MAP_POPULATE */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include "yusuan/store.h"
#include "internal.h"
#include "admin_int.h"
#include "store_blocks.h"
#include "store_int.h"
#include "store_seg.h"

/* ---- the layout ----
 * A 256-byte header, then the sections, each at a multiple of 64 bytes (zero padding), in this order:
 *   parent i32[n], has_budget u8[n], lstart u64[n], lcount u32[n], funds i64[n × YU_F_COUNT],
 *   sangong i64[n × YU_SG_COUNT], proc i64[n × YU_P_COUNT], keys yu_cube_key[nkeys] (12 bytes),
 *   strings (each node's code NUL name NUL, in node order), lkey u32[nl], lamt i64[nl].
 * Native byte order; a segment written elsewhere has another order mark and is rebuilt. */
#define SEG_MAGIC "YUSEG\r\n\032"
#define SEG_FORMAT 1u
#define SEG_ORDER 0x01020304u
#define SEG_HEAD 256
#define SEG_LIMIT ((uint64_t)1 << 40) /* any count beyond is damage: no layout arithmetic can wrap */

typedef struct seghead {
    char magic[8];
    uint32_t format, order;
    yu__segid id;       /* 64 bytes */
    uint64_t n, nl, nkeys, strbytes;
    int64_t sum;
    uint64_t bytes;     /* the whole file */
    uint64_t body_check, items_check;
    unsigned char pad_[SEG_HEAD - 8 - 8 - sizeof(yu__segid) - 8 * 8 - 8];
    uint64_t head_check; /* of the bytes before it */
} seghead;

typedef char seghead_size_ok[sizeof(seghead) == SEG_HEAD ? 1 : -1];
typedef char segid_size_ok[sizeof(yu__segid) == 64 ? 1 : -1];
typedef char cube_key_size_ok[sizeof(yu_cube_key) == 12 ? 1 : -1];

enum { S_PARENT, S_HAS, S_LSTART, S_LCOUNT, S_FUNDS, S_SANGONG, S_PROC, S_KEYS, S_STRS, S_LKEY, S_LAMT, S_COUNT };

/* the offsets of the sections and the file's size (off[S_COUNT]) */
static void layout(uint64_t n, uint64_t nl, uint64_t nkeys, uint64_t strbytes, uint64_t off[S_COUNT + 1])
{
    const uint64_t size[S_COUNT] = {n * 4, n, n * 8, n * 4, n * 8 * YU_F_COUNT, n * 8 * YU_SG_COUNT,
                                    n * 8 * YU_P_COUNT, nkeys * sizeof(yu_cube_key), strbytes, nl * 4, nl * 8};
    uint64_t at = SEG_HEAD;
    for (int k = 0; k < S_COUNT; k++) {
        off[k] = at;
        at = (at + size[k] + 63) & ~(uint64_t)63;
    }
    off[S_COUNT] = at;
}

/* A Fletcher-like sum of 64-bit words (bytes a multiple of 8). */
static uint64_t check64(const unsigned char *p, size_t bytes, uint64_t seed)
{
    uint64_t a = seed, b = 0;
    for (size_t i = 0; i + 8 <= bytes; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        a += w;
        b += a;
    }
    return a ^ (b * 0x9E3779B97F4A7C15ull);
}

static uint64_t items_check(const uint64_t ck[4])
{
    return ck[0] ^ (ck[1] * 0x9E3779B97F4A7C15ull) ^ (ck[2] * 31) ^ ck[3];
}

/* ---- identity ---- */

int yu__seg_id(yu_store *s, int year, yu__segid *id)
{
    memset(id, 0, sizeof *id);
    id->year = year;
    sqlite3 *db = s->db;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT (SELECT value FROM meta WHERE key = 'db_id'), "
                               "(SELECT token FROM data_gen WHERE scope = 0), "
                               "(SELECT token FROM data_gen WHERE scope = ?1), "
                               "(SELECT token FROM data_gen WHERE scope = ?1 - 1)", -1, &st, NULL))
        return -1;
    sqlite3_bind_int(st, 1, year);
    int rc = -1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (v) {
            size_t len = strlen(v);
            memcpy(id->db_id, v, len < sizeof id->db_id ? len : sizeof id->db_id);
        }
        for (int k = 0; k < 3; k++)
            id->tok[k] = sqlite3_column_int64(st, 1 + k);
        rc = v ? 0 : -1;
    }
    sqlite3_finalize(st);
    id->schema = s->version;
    return rc;
}

char *yu__seg_path(const char *dbpath, int year)
{
    if (!dbpath || !*dbpath || !strcmp(dbpath, ":memory:") || !strncmp(dbpath, "file:", 5))
        return NULL;
    size_t len = strlen(dbpath) + 32;
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%s-seg/%d.seg", dbpath, year);
    return p;
}

/* ---- reading ---- */

int yu__seg_load(const char *path, const yu__segid *id, yu_admin **out)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat sb;
    seghead h;
    if (fstat(fd, &sb) || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size < SEG_HEAD ||
        pread(fd, &h, sizeof h, 0) != (ssize_t)sizeof h) {
        close(fd);
        return -2;
    }
    if (memcmp(h.magic, SEG_MAGIC, 8) || h.format != SEG_FORMAT || h.order != SEG_ORDER ||
        check64((const unsigned char *)&h, offsetof(seghead, head_check), 1) != h.head_check) {
        close(fd);
        return -2;
    }
    if (memcmp(&h.id, id, sizeof *id)) {
        close(fd);
        return -1;
    }
    uint64_t off[S_COUNT + 1];
    if (h.n >= 0x7ffffff0u || h.nl >= SEG_LIMIT || h.nkeys >= UINT32_MAX / 4 || h.strbytes >= SEG_LIMIT ||
        h.sum < 0 || h.sum > YU_MONEY_SUM_MAX) {
        close(fd);
        return -2;
    }
    layout(h.n, h.nl, h.nkeys, h.strbytes, off);
    if (off[S_COUNT] != h.bytes || h.bytes != (uint64_t)sb.st_size || h.bytes > SIZE_MAX) {
        close(fd);
        return -2;
    }
    /* every page at once, from the page cache: the kernel maps them in one call */
    unsigned char *m = mmap(NULL, (size_t)h.bytes, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return -2;
    size_t n = (size_t)h.n, nl = (size_t)h.nl, nk = (size_t)h.nkeys;
    int rc = -2;
    yu_admin *a = NULL;
    /* the body before the items, then the items (checked and summed in one pass) */
    if (check64(m + SEG_HEAD, (size_t)(off[S_LKEY] - SEG_HEAD), 2) != h.body_check)
        goto bad;
    const int32_t *parent = (const int32_t *)(m + off[S_PARENT]);
    const uint8_t *has = m + off[S_HAS];
    const uint64_t *lstart = (const uint64_t *)(m + off[S_LSTART]);
    const uint32_t *lcount = (const uint32_t *)(m + off[S_LCOUNT]);
    const yu_cube_key *keys = (const yu_cube_key *)(m + off[S_KEYS]);
    const char *strs = (const char *)(m + off[S_STRS]);
    const uint32_t *lkey = (const uint32_t *)(m + off[S_LKEY]);
    const yu_money *lamt = (const yu_money *)(m + off[S_LAMT]);
    for (size_t i = 0; i < n; i++)
        if (parent[i] < -1 || parent[i] >= (int32_t)i || has[i] > 1 || lcount[i] > nl || lstart[i] > nl - lcount[i] ||
            (!has[i] && lcount[i]))
            goto bad;
    for (size_t i = 0; i < nk; i++)
        if ((keys[i].type >= YU_T_COUNT && keys[i].type != YU_CUBE_PRIOR && keys[i].type != YU_CUBE_PRIOR_EX) ||
            keys[i].source >= YU_S_COUNT || keys[i].jijian > 1)
            goto bad;
    /* the items: key ids in range, Σ |amount| (with the budgets' sums) the header's, the checksum */
    {
        const uint64_t lim = (uint64_t)YU_MONEY_SUM_MAX; /* < 2^59: 16 of them add up without wrapping */
        uint64_t sum = 0, big = 0, ck[4] = {3, 0, 4, 0};
        uint32_t bad = 0;
        for (size_t i = 0; i < nl; i += 16) {
            size_t e = i + 16 < nl ? i + 16 : nl;
            uint64_t part = 0;
            for (size_t j = i; j < e; j++) {
                uint64_t v = (uint64_t)lamt[j], u = lamt[j] < 0 ? -v : v;
                big |= u > lim;
                part += u > lim ? lim : u;
                bad |= lkey[j] >= nk;
                ck[0] += lkey[j];
                ck[1] += ck[0];
                ck[2] += v;
                ck[3] += ck[2];
            }
            sum += part;
            if (big || sum > lim)
                goto bad;
        }
        const struct {
            int sec;
            size_t per;
        } fs[3] = {{S_FUNDS, YU_F_COUNT}, {S_SANGONG, YU_SG_COUNT}, {S_PROC, YU_P_COUNT}};
        for (int t = 0; t < 3; t++) {
            const yu_money *p = (const yu_money *)(m + off[fs[t].sec]);
            for (size_t i = 0; i < n * fs[t].per; i++) {
                uint64_t u = p[i] < 0 ? -(uint64_t)p[i] : (uint64_t)p[i];
                if (u > lim || (sum += u) > lim)
                    goto bad;
            }
        }
        if (bad || items_check(ck) != h.items_check || sum != (uint64_t)h.sum)
            goto bad;
    }
    rc = -3;
    a = yu_admin_new();
    if (!a || !(a->code = malloc((n ? n : 1) * sizeof *a->code)) || !(a->name = malloc((n ? n : 1) * sizeof *a->name)))
        goto bad;
    /* the strings: a code and a name per node, each ending inside the section */
    {
        size_t at = 0;
        for (size_t i = 0; i < n; i++)
            for (int k = 0; k < 2; k++) {
                const char *z = at < h.strbytes ? memchr(strs + at, 0, (size_t)h.strbytes - at) : NULL;
                if (!z) {
                    rc = -2;
                    goto bad;
                }
                (k ? a->name : a->code)[i] = (char *)(strs + at);
                at = (size_t)(z - strs) + 1;
            }
        if (at != h.strbytes) {
            rc = -2;
            goto bad;
        }
    }
    a->n = a->cap = n;
    if (yu__admin_set_keys(a, keys, nk) || yu__admin_index_codes(a))
        goto bad;
    a->parent = (int32_t *)parent;
    a->has_budget = (uint8_t *)has;
    a->lstart = (uint64_t *)lstart;
    a->lcount = (uint32_t *)lcount;
    a->funds = (yu_money *)(m + off[S_FUNDS]);
    a->sangong = (yu_money *)(m + off[S_SANGONG]);
    a->proc = (yu_money *)(m + off[S_PROC]);
    a->lkey = (uint32_t *)lkey;
    a->lamt = (yu_money *)lamt;
    a->nl = a->capl = nl;
    a->sum = h.sum;
    a->map = m;
    a->map_bytes = (size_t)h.bytes;
    *out = a;
    return 1;
bad:
    if (a) {
        free(a->code);
        free(a->name);
        a->code = a->name = NULL;
        a->n = 0;
        yu_admin_free(a);
    }
    munmap(m, (size_t)h.bytes);
    return rc;
}

/* ---- writing ---- */

static int write_all(int fd, const void *p, size_t bytes)
{
    const unsigned char *c = p;
    while (bytes) {
        ssize_t w = write(fd, c, bytes > ((size_t)1 << 30) ? (size_t)1 << 30 : bytes);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        bytes -= (size_t)w;
    }
    return 0;
}

static int write_pad(int fd, uint64_t bytes)
{
    static const unsigned char zero[64];
    return bytes ? write_all(fd, zero, (size_t)bytes) : 0;
}

/* Removes the temporary files of this segment (name.tmp-PID) that processes no longer running left
 * (killed while writing one). */
static void sweep(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t len = strlen(name);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, name, len) || strncmp(e->d_name + len, ".tmp-", 5))
            continue;
        char *end;
        long pid = strtol(e->d_name + len + 5, &end, 10);
        if (*end || pid <= 0 || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* not ours, or its process runs (or belongs to another user) */
        char p[4096];
        if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, e->d_name) < sizeof p)
            unlink(p);
    }
    closedir(d);
}

int yu__seg_write(const char *path, const char *dbpath, const yu__segid *id, const yu_admin *a)
{
    struct stat db;
    if (stat(dbpath, &db))
        return -1;
    /* the directory and the file readable by whom the database is */
    size_t plen = strlen(path);
    const char *slash = strrchr(path, '/');
    if (!slash)
        return -1;
    char *dir = malloc(plen + 1), *tmp = NULL;
    if (!dir)
        return -1;
    memcpy(dir, path, (size_t)(slash - path));
    dir[slash - path] = 0;
    mode_t fmode = db.st_mode & 0666, dmode = fmode | (fmode & 0444) >> 2;
    if (mkdir(dir, dmode) && errno != EEXIST) {
        free(dir);
        return -1;
    }
    tmp = malloc(plen + 32);
    if (!tmp) {
        free(dir);
        return -1;
    }
    snprintf(tmp, plen + 32, "%s.tmp-%ld", path, (long)getpid());
    unlink(tmp); /* a leftover of this process id's crash */
    sweep(dir, slash + 1);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fmode);
    if (fd < 0) {
        free(dir);
        free(tmp);
        return -1;
    }
    size_t n = a->n, nl = a->nl, nk = a->nkeys;
    uint64_t strbytes = 0;
    for (size_t i = 0; i < n; i++)
        strbytes += strlen(a->code[i]) + 1 + strlen(a->name[i]) + 1;
    uint64_t off[S_COUNT + 1];
    layout(n, nl, nk, strbytes, off);
    seghead h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SEG_MAGIC, 8);
    h.format = SEG_FORMAT;
    h.order = SEG_ORDER;
    h.id = *id;
    h.n = n;
    h.nl = nl;
    h.nkeys = nk;
    h.strbytes = strbytes;
    h.sum = a->sum;
    h.bytes = off[S_COUNT];
    /* the body before the items, assembled in memory (the nodes, keys and strings: a few MiB) */
    size_t body = (size_t)(off[S_LKEY] - SEG_HEAD);
    unsigned char *b = calloc(body ? body : 1, 1);
    int rc = -1;
    if (!b)
        goto out;
    const void *src[S_STRS] = {a->parent, a->has_budget, a->lstart, a->lcount, a->funds, a->sangong, a->proc, a->keys};
    for (int k = 0; k < S_STRS; k++)
        if (off[k + 1] > off[k] && src[k])
            memcpy(b + off[k] - SEG_HEAD, src[k],
                   k == S_KEYS ? nk * sizeof(yu_cube_key)
                               : (size_t)(k == S_PARENT ? n * 4 : k == S_HAS ? n : k == S_LSTART ? n * 8
                                          : k == S_LCOUNT ? n * 4 : k == S_FUNDS ? n * 8 * YU_F_COUNT
                                          : k == S_SANGONG ? n * 8 * YU_SG_COUNT : n * 8 * YU_P_COUNT));
    /* the nodes without a budget: no items (the loader's arrays may hold anything there) */
    uint64_t *ls = (uint64_t *)(b + off[S_LSTART] - SEG_HEAD);
    uint32_t *lc = (uint32_t *)(b + off[S_LCOUNT] - SEG_HEAD);
    for (size_t i = 0; i < n; i++)
        if (!a->has_budget[i])
            ls[i] = lc[i] = 0;
    char *sp = (char *)b + off[S_STRS] - SEG_HEAD;
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 2; k++) {
            const char *v = k ? a->name[i] : a->code[i];
            size_t len = strlen(v) + 1;
            memcpy(sp, v, len);
            sp += len;
        }
    h.body_check = check64(b, body, 2);
    uint64_t ck[4] = {3, 0, 4, 0};
    for (size_t j = 0; j < nl; j++) {
        ck[0] += a->lkey[j];
        ck[1] += ck[0];
        ck[2] += (uint64_t)a->lamt[j];
        ck[3] += ck[2];
    }
    h.items_check = items_check(ck);
    h.head_check = check64((const unsigned char *)&h, offsetof(seghead, head_check), 1);
    if (write_all(fd, &h, sizeof h) || write_all(fd, b, body) || (nl && write_all(fd, a->lkey, nl * 4)) ||
        write_pad(fd, off[S_LAMT] - off[S_LKEY] - nl * 4) || (nl && write_all(fd, a->lamt, nl * 8)) ||
        write_pad(fd, off[S_COUNT] - off[S_LAMT] - nl * 8) || fsync(fd))
        goto out;
    if (close(fd)) {
        fd = -1;
        goto out;
    }
    fd = -1;
    if (rename(tmp, path))
        goto out;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    rc = 0;
out:
    free(b);
    if (fd >= 0)
        close(fd);
    if (rc)
        unlink(tmp);
    free(tmp);
    free(dir);
    return rc;
}
