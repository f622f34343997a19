/* Line blocks (schema version 12): every budget's line items and prior rows as one BLOB of key
 * ids into its year's key dictionary (table year_keys) and amounts, laid out as the admin's
 * lkey/lamt columns, written by the import in the same transaction as the rows.  Loading a year
 * copies them into place: no per-item hashing or decoding (docs/store.md "Line blocks"). */
#include <stdlib.h>
#include <string.h>
#include "store_blocks.h"
#include "store_int.h"

int yu__little_endian(void)
{
    const uint16_t one = 1;
    unsigned char c;
    memcpy(&c, &one, 1);
    return c == 1;
}

void yu__swap32(uint32_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t x = v[i];
        v[i] = x >> 24 | (x >> 8 & 0xff00u) | (x << 8 & 0xff0000u) | x << 24;
    }
}

void yu__swap64(int64_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t x = (uint64_t)v[i], y = 0;
        for (int b = 0; b < 8; b++)
            y = y << 8 | (x >> (8 * b) & 0xff);
        v[i] = (int64_t)y;
    }
}

size_t yu__block_bytes(size_t nlines, size_t nprior, int proj)
{
    return YU_BLOCK_HEAD + (nlines + 2 * nprior) * (YU_BLOCK_KEY + YU_BLOCK_AMT) + (proj ? nlines * YU_BLOCK_PROJ : 0);
}

int yu__block_fits(const yu_line *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (l[i].func >= (1u << 24) || l[i].type >= YU_T_COUNT || l[i].source >= YU_S_COUNT || l[i].jijian > 1)
            return 0;
    return 1;
}

/* ---- the key dictionaries ---- */

static uint64_t key_hash(uint32_t func, uint32_t econ, unsigned type, unsigned source, unsigned jijian)
{
    uint64_t h = ((uint64_t)func << 32 | econ) ^ ((uint64_t)(type | source << 8 | jijian << 16) << 13);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static int key_same(const yu_cube_key *k, uint32_t func, uint32_t econ, unsigned type, unsigned source,
                    unsigned jijian)
{
    return k->func == func && k->econ == econ && k->type == type && k->source == source && k->jijian == jijian;
}

static void kd_reset(yu__keydict *d)
{
    d->n = 0;
    if (d->hash)
        memset(d->hash, 0, (d->mask + 1) * sizeof *d->hash);
}

/* Appends a key (memory only); -1 when out of memory. */
static int kd_push(yu__keydict *d, const yu_cube_key *k)
{
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 1024;
        yu_cube_key *nk = realloc(d->k, nc * sizeof *nk);
        if (!nk)
            return -1;
        d->k = nk;
        d->cap = nc;
    }
    if ((d->n + 1) * 2 > d->mask) {
        size_t ns = d->mask ? (d->mask + 1) * 2 : 4096;
        uint32_t *nh = calloc(ns, sizeof *nh);
        if (!nh)
            return -1;
        free(d->hash);
        d->hash = nh;
        d->mask = ns - 1;
        for (size_t i = 0; i < d->n; i++) {
            const yu_cube_key *x = &d->k[i];
            size_t h = key_hash(x->func, x->econ, x->type, x->source, x->jijian) & d->mask;
            while (d->hash[h])
                h = (h + 1) & d->mask;
            d->hash[h] = (uint32_t)i + 1;
        }
    }
    d->k[d->n] = *k;
    size_t h = key_hash(k->func, k->econ, k->type, k->source, k->jijian) & d->mask;
    while (d->hash[h])
        h = (h + 1) & d->mask;
    d->hash[h] = (uint32_t)d->n + 1;
    d->n++;
    return 0;
}

/* Reads the keys of d's year from id d->n on; -1 on an error (or ids not dense). */
static int kd_read(yu_store *s, yu__keydict *d)
{
    sqlite3_stmt *st = st_stmt(s, Q_KEYS_LD);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, d->year);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)d->n);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        yu_cube_key k;
        memset(&k, 0, sizeof k);
        k.func = (uint32_t)sqlite3_column_int64(st, 1);
        k.type = (uint8_t)sqlite3_column_int(st, 2);
        k.source = (uint8_t)sqlite3_column_int(st, 3);
        k.econ = (uint32_t)sqlite3_column_int64(st, 4);
        k.jijian = (uint8_t)sqlite3_column_int(st, 5);
        if (sqlite3_column_int64(st, 0) != (sqlite3_int64)d->n || kd_push(d, &k))
            break;
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? 0 : -1;
}

yu__keydict *yu__keys_year(yu_store *s, int year)
{
    yu__keydict *d = NULL;
    for (size_t i = 0; i < s->nkd; i++)
        if (s->kd[i].year == year)
            d = &s->kd[i];
    if (!d) {
        yu__keydict *nv = realloc(s->kd, (s->nkd + 1) * sizeof *nv);
        if (!nv)
            return NULL;
        s->kd = nv;
        d = &s->kd[s->nkd++];
        memset(d, 0, sizeof *d);
        d->year = year;
    }
    /* keys are only ever appended: the cache is current when the year's last id is its last */
    sqlite3_stmt *st = st_stmt(s, Q_KEYS_MAX);
    if (!st)
        return NULL;
    sqlite3_bind_int(st, 1, year);
    int r = sqlite3_step(st);
    int64_t have = r == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL ? sqlite3_column_int64(st, 0) + 1 : 0;
    sqlite3_reset(st);
    if (r != SQLITE_ROW)
        return NULL;
    if (have < (int64_t)d->n)
        kd_reset(d);
    if (have > (int64_t)d->n && (kd_read(s, d) || (int64_t)d->n != have)) {
        kd_reset(d);
        return NULL;
    }
    return d;
}

void yu__keys_forget(yu_store *s)
{
    for (size_t i = 0; i < s->nkd; i++)
        kd_reset(&s->kd[i]);
}

void yu__keys_free(yu_store *s)
{
    for (size_t i = 0; i < s->nkd; i++) {
        free(s->kd[i].k);
        free(s->kd[i].hash);
    }
    free(s->kd);
    s->kd = NULL;
    s->nkd = 0;
}

/* The id of a key, added to the dictionary (and year_keys) when new; UINT32_MAX on an error. */
static uint32_t key_id(yu_store *s, yu__keydict *d, uint32_t func, uint32_t econ, unsigned type, unsigned source,
                       unsigned jijian)
{
    if (d->hash)
        for (size_t h = key_hash(func, econ, type, source, jijian) & d->mask;; h = (h + 1) & d->mask) {
            uint32_t k = d->hash[h];
            if (!k)
                break;
            if (key_same(&d->k[k - 1], func, econ, type, source, jijian))
                return k - 1;
        }
    if (d->n >= UINT32_MAX - 1)
        return UINT32_MAX;
    sqlite3_stmt *st = st_stmt(s, Q_KEYS_INS);
    if (!st)
        return UINT32_MAX;
    sqlite3_bind_int(st, 1, d->year);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)d->n);
    sqlite3_bind_int64(st, 3, func);
    sqlite3_bind_int(st, 4, (int)type);
    sqlite3_bind_int(st, 5, (int)source);
    sqlite3_bind_int64(st, 6, econ);
    sqlite3_bind_int(st, 7, (int)jijian);
    if (st_step_done(st))
        return UINT32_MAX;
    yu_cube_key k = {func, econ, (uint8_t)type, (uint8_t)source, (uint8_t)jijian, 0};
    if (kd_push(d, &k))
        return UINT32_MAX;
    return (uint32_t)d->n - 1;
}

/* ---- blocks ---- */

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put64(unsigned char *p, int64_t v)
{
    put32(p, (uint32_t)(uint64_t)v);
    put32(p + 4, (uint32_t)((uint64_t)v >> 32));
}

static int64_t get64(const unsigned char *p)
{
    return (int64_t)((uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32);
}

int yu__block_put(yu_store *s, int64_t id, const yu_budget *b)
{
    if (!yu__block_fits(b->lines, b->nlines))
        return 0;
    yu__keydict *d = yu__keys_year(s, b->year);
    if (!d)
        return -1;
    size_t n = b->nlines, m = n + 2 * b->nprior;
    int proj = 0;
    for (size_t i = 0; i < n && !proj; i++)
        proj = b->lines[i].project >= 0;
    size_t bytes = yu__block_bytes(n, b->nprior, proj);
    unsigned char *buf = malloc(bytes ? bytes : 1);
    if (!buf)
        return -1;
    unsigned char *kp = buf + YU_BLOCK_HEAD, *ap = kp + m * YU_BLOCK_KEY, *pp = ap + m * YU_BLOCK_AMT;
    put32(buf, YU_BLOCK_SUMS);
    put32(buf + 4, 0);
    for (int f = 0; f < YU_BLOCK_SUMS; f++)
        put64(buf + 8 + 8 * f, f < YU_F_COUNT                 ? b->funds[f]
                               : f < YU_F_COUNT + YU_SG_COUNT ? b->sangong[f - YU_F_COUNT]
                                                              : b->procurement[f - YU_F_COUNT - YU_SG_COUNT]);
    /* consecutive lines often share a key: remember the last one */
    const yu_line *last = NULL;
    uint32_t lastid = 0;
    for (size_t i = 0; i < n; i++) {
        const yu_line *l = &b->lines[i];
        uint32_t k = last && last->func == l->func && last->econ == l->econ && last->type == l->type &&
                             last->source == l->source && last->jijian == l->jijian
                         ? lastid
                         : key_id(s, d, l->func, l->econ, l->type, l->source, l->jijian);
        if (k == UINT32_MAX)
            goto fail;
        last = l;
        lastid = k;
        put32(kp + i * YU_BLOCK_KEY, k);
        put64(ap + i * YU_BLOCK_AMT, l->amount);
        if (proj)
            put32(pp + i * YU_BLOCK_PROJ, (uint32_t)l->project);
    }
    for (size_t i = 0; i < b->nprior; i++) {
        const yu_prior *p = &b->prior[i];
        uint32_t k1 = key_id(s, d, p->func, 0, YU_CUBE_PRIOR, 0, 0);
        uint32_t k2 = k1 == UINT32_MAX ? k1 : key_id(s, d, p->func, 0, YU_CUBE_PRIOR_EX, 0, 0);
        if (k2 == UINT32_MAX)
            goto fail;
        size_t at = n + 2 * i;
        put32(kp + at * YU_BLOCK_KEY, k1);
        put32(kp + (at + 1) * YU_BLOCK_KEY, k2);
        put64(ap + at * YU_BLOCK_AMT, p->executed);
        put64(ap + (at + 1) * YU_BLOCK_AMT, p->executed_ex);
    }
    sqlite3_stmt *ins = st_stmt(s, Q_INS_BLOCK);
    if (!ins)
        goto fail;
    sqlite3_bind_int64(ins, 1, id);
    sqlite3_bind_int64(ins, 2, (sqlite3_int64)n);
    sqlite3_bind_int64(ins, 3, (sqlite3_int64)b->nprior);
    int r = sqlite3_bind_blob64(ins, 4, buf, (sqlite3_uint64)bytes, free);
    buf = NULL; /* sqlite frees it, even on failure */
    if (r == SQLITE_OK)
        r = sqlite3_step(ins);
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    return r == SQLITE_DONE ? 0 : -1;
fail:
    free(buf);
    return -1;
}

int yu__block_head(const unsigned char *p, yu_money *funds, yu_money *sangong, yu_money *proc)
{
    if (get32(p) != YU_BLOCK_SUMS || get32(p + 4))
        return -1;
    for (int f = 0; f < YU_BLOCK_SUMS; f++) {
        yu_money v = get64(p + 8 + 8 * f);
        if (f < YU_F_COUNT)
            funds[f] = v;
        else if (f < YU_F_COUNT + YU_SG_COUNT)
            sangong[f - YU_F_COUNT] = v;
        else
            proc[f - YU_F_COUNT - YU_SG_COUNT] = v;
    }
    return 0;
}

int yu__block_decode(const yu__keydict *d, const unsigned char *p, size_t bytes, size_t nlines, size_t nprior,
                     yu_budget *b)
{
    size_t m = nlines + 2 * nprior;
    int proj = bytes == yu__block_bytes(nlines, nprior, 1) && nlines;
    if (!proj && bytes != yu__block_bytes(nlines, nprior, 0))
        return -1;
    if (get32(p) != YU_BLOCK_SUMS || get32(p + 4))
        return -1;
    const unsigned char *kp = p + YU_BLOCK_HEAD, *ap = kp + m * YU_BLOCK_KEY, *pp = ap + m * YU_BLOCK_AMT;
    for (size_t i = 0; i < nlines; i++) {
        uint32_t k = get32(kp + i * YU_BLOCK_KEY);
        if (k >= d->n || d->k[k].type >= YU_T_COUNT || d->k[k].source >= YU_S_COUNT)
            return -1;
        const yu_cube_key *x = &d->k[k];
        yu_line *l = &b->lines[i];
        l->func = x->func;
        l->econ = x->econ;
        l->type = x->type;
        l->source = x->source;
        l->jijian = x->jijian;
        l->pad_ = 0;
        l->amount = get64(ap + i * YU_BLOCK_AMT);
        l->project = proj ? (int32_t)get32(pp + i * YU_BLOCK_PROJ) : -1;
        if (l->project < -1)
            return -1;
    }
    b->nlines = nlines;
    for (size_t i = 0; i < nprior; i++) {
        size_t at = nlines + 2 * i;
        uint32_t k1 = get32(kp + at * YU_BLOCK_KEY), k2 = get32(kp + (at + 1) * YU_BLOCK_KEY);
        if (k1 >= d->n || k2 >= d->n || d->k[k1].type != YU_CUBE_PRIOR || d->k[k2].type != YU_CUBE_PRIOR_EX ||
            d->k[k1].func != d->k[k2].func)
            return -1;
        yu_prior pr = {d->k[k1].func, get64(ap + at * YU_BLOCK_AMT), get64(ap + (at + 1) * YU_BLOCK_AMT)};
        if (yu_budget_add_prior(b, &pr))
            return -2;
    }
    return 0;
}

int yu__block_sums(yu_store *s, int64_t id, yu_money *funds, yu_money *sangong, yu_money *proc)
{
    static const int q[3] = {Q_LD_FUNDS, Q_LD_SANGONG, Q_LD_PROC};
    memset(funds, 0, YU_F_COUNT * sizeof *funds);
    memset(sangong, 0, YU_SG_COUNT * sizeof *sangong);
    memset(proc, 0, YU_P_COUNT * sizeof *proc);
    for (int t = 0; t < 3; t++) {
        sqlite3_stmt *st = st_stmt(s, q[t]);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, id);
        int r;
        while ((r = sqlite3_step(st)) == SQLITE_ROW) {
            const char *item = (const char *)sqlite3_column_text(st, 0);
            int k = t == 0 ? yu_fund_parse(item) : t == 1 ? yu_sangong_parse(item) : yu_proc_parse(item);
            if (k >= 0)
                (t == 0 ? funds : t == 1 ? sangong : proc)[k] = sqlite3_column_int64(st, 1);
        }
        sqlite3_reset(st);
        if (r != SQLITE_DONE)
            return -1;
    }
    return 0;
}

int yu__blocks_fill(yu_store *s)
{
    sqlite3_stmt *q = NULL, *lq = NULL, *pq = NULL;
    yu_budget b;
    memset(&b, 0, sizeof b);
    int rc = -1, r;
    if (sqlite3_prepare_v2(s->db, "SELECT id, year FROM budgets ORDER BY id", -1, &q, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT func, type, source, econ, project, jijian, amount FROM lines "
                                  "WHERE budget_id = ?1 ORDER BY seq", -1, &lq, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT func, executed, executed_ex FROM prior WHERE budget_id = ?1 ORDER BY seq",
                           -1, &pq, NULL) != SQLITE_OK)
        goto out;
    while ((r = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(q, 0);
        b.year = sqlite3_column_int(q, 1);
        b.nlines = b.nprior = 0;
        sqlite3_reset(lq);
        sqlite3_bind_int64(lq, 1, id);
        while ((r = sqlite3_step(lq)) == SQLITE_ROW) {
            yu_line l;
            yu__line_row(lq, &l);
            if (yu_budget_add_line(&b, &l))
                goto out;
        }
        if (r != SQLITE_DONE)
            goto out;
        sqlite3_reset(pq);
        sqlite3_bind_int64(pq, 1, id);
        while ((r = sqlite3_step(pq)) == SQLITE_ROW) {
            yu_prior p = {(uint32_t)sqlite3_column_int64(pq, 0), sqlite3_column_int64(pq, 1),
                          sqlite3_column_int64(pq, 2)};
            if (yu_budget_add_prior(&b, &p))
                goto out;
        }
        if (r != SQLITE_DONE || yu__block_sums(s, id, b.funds, b.sangong, b.procurement) || yu__block_put(s, id, &b))
            goto out;
    }
    rc = r == SQLITE_DONE ? 0 : -1;
out:
    free(b.lines);
    free(b.prior);
    sqlite3_finalize(q);
    sqlite3_finalize(lq);
    sqlite3_finalize(pq);
    return rc;
}
