/* A whole year of the store as an administration (yu_store_load_admin: db cube, the
 * national figures): the year's key dictionary becomes the admin's keys and every budget's
 * line block is read straight into the admin's arrays, in budget id order, while another
 * thread faults their pages in (docs/store.md "Line blocks").  Split from store.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "yusuan/store.h"
#include "internal.h"
#include "admin_int.h"
#include "store_blocks.h"
#include "store_int.h"
#include "store_seg.h"

static uint64_t mix_id(int64_t v)
{
    uint64_t h = (uint64_t)v * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

static int64_t pragma_get(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

static void pragma_set(sqlite3 *db, int64_t mmap, int64_t cache)
{
    char sql[128];
    if (mmap >= 0 && cache != -1) {
        snprintf(sql, sizeof sql, "PRAGMA mmap_size = %lld; PRAGMA cache_size = %lld", (long long)mmap,
                 (long long)cache);
        sqlite3_exec(db, sql, NULL, NULL, NULL);
    }
}

/* one budget of the year */
typedef struct ybud {
    int64_t id;
    int32_t node;     /* admin node, -1: its unit is not in the tree */
    size_t nlines, nprior;
    int64_t fin;      /* final accounts of year - 1 of its unit, -1: none */
    size_t fp, nfp;   /* then the prior from them: fprior[fp .. fp + nfp) */
} ybud;

typedef struct yload {
    yu_store *s;
    sqlite3 *db;
    yu_admin *a;
    ybud *b;
    size_t nb;
    int64_t *hkey; /* budget id → index in b, open addressing */
    int32_t *hval;
    size_t hmask;
    yu_prior *fprior;
    size_t nfprior;
} yload;

static int32_t bfind(const yload *L, int64_t id)
{
    for (size_t h = (size_t)mix_id(id) & L->hmask; L->hkey[h] != -1; h = (h + 1) & L->hmask)
        if (L->hkey[h] == id)
            return L->hval[h];
    return -1;
}

static uint64_t code_hash(const char *c)
{
    uint64_t h = 1469598103934665603ull;
    for (; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211ull;
    return h;
}

/* The units as a tree (codes, names, parents resolved; no departments), their strings in one arena
 * (*arena, freed by the caller with t->v; no per-string allocation).  0, -1 database error, -2 out of memory. */
static int units_lean(sqlite3 *db, tree *t, char **arena)
{
    memset(t, 0, sizeof *t);
    *arena = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT id, code, name, parent_code FROM units ORDER BY id", -1, &st, NULL))
        return -1;
    size_t used = 0, cap = 0;
    int r, rc = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (t->n == t->cap) {
            size_t nc = t->cap ? t->cap * 2 : 4096;
            tnode *nv = realloc(t->v, nc * sizeof *nv);
            if (!nv) {
                rc = -2;
                break;
            }
            t->v = nv;
            t->cap = nc;
        }
        tnode *x = &t->v[t->n++];
        memset(x, 0, sizeof *x);
        x->id = sqlite3_column_int64(st, 0);
        x->pidx = -1;
        size_t off[3];
        for (int k = 0; k < 3; k++) {
            const char *v = (const char *)sqlite3_column_text(st, 1 + k);
            size_t len = v ? (size_t)sqlite3_column_bytes(st, 1 + k) : 0;
            if (used + len + 1 > cap) {
                size_t nc = cap ? cap * 2 : (size_t)1 << 20;
                while (nc < used + len + 1)
                    nc *= 2;
                char *na = realloc(*arena, nc);
                if (!na) {
                    rc = -2;
                    break;
                }
                *arena = na;
                cap = nc;
            }
            off[k] = v ? used : SIZE_MAX;
            if (v) {
                memcpy(*arena + used, v, len);
                (*arena)[used + len] = 0;
                used += len + 1;
            }
        }
        if (rc)
            break;
        /* offsets until the arena stops moving */
        x->code = (char *)(uintptr_t)off[0];
        x->name = (char *)(uintptr_t)off[1];
        x->parent = (char *)(uintptr_t)off[2];
    }
    sqlite3_finalize(st);
    if (!rc && r != SQLITE_DONE)
        rc = -1;
    if (rc)
        return rc;
    for (size_t i = 0; i < t->n; i++) {
        tnode *x = &t->v[i];
        uintptr_t o[3] = {(uintptr_t)x->code, (uintptr_t)x->name, (uintptr_t)x->parent};
        x->code = o[0] == SIZE_MAX ? NULL : *arena + o[0];
        x->name = o[1] == SIZE_MAX ? NULL : *arena + o[1];
        x->parent = o[2] == SIZE_MAX ? NULL : *arena + o[2];
        if (!x->code)
            return -1; /* units.code is NOT NULL */
    }
    size_t sz = 16;
    while (sz < t->n * 2)
        sz *= 2;
    int32_t *hash = calloc(sz, sizeof *hash);
    if (!hash)
        return -2;
    for (size_t i = 0; i < t->n; i++) {
        size_t h = code_hash(t->v[i].code) & (sz - 1);
        while (hash[h])
            h = (h + 1) & (sz - 1);
        hash[h] = (int32_t)i + 1;
    }
    for (size_t i = 0; i < t->n; i++) {
        const char *p = t->v[i].parent;
        if (!p)
            continue;
        for (size_t h = code_hash(p) & (sz - 1); hash[h]; h = (h + 1) & (sz - 1))
            if (!strcmp(t->v[hash[h] - 1].code, p)) {
                t->v[i].pidx = hash[h] - 1 == (int32_t)i ? -1 : hash[h] - 1;
                break;
            }
    }
    free(hash);
    return 0;
}

/* The tree as admin nodes in preorder, parents first: aidx[i] the node of tree unit i.
 * -1 when out of memory, -2 when parent codes form cycles (*left: the units not placed). */
static int place_nodes(yu_admin *a, const tree *t, int32_t *aidx, size_t *left)
{
    size_t n = t->n ? t->n : 1;
    size_t *cst = calloc(t->n + 1, sizeof *cst), *cls = malloc(n * sizeof *cls);
    size_t *stack = malloc(n * sizeof *stack), *cnx = malloc(n * sizeof *cnx);
    int rc = -1;
    if (!cst || !cls || !stack || !cnx)
        goto out;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].pidx >= 0)
            cst[t->v[i].pidx + 1]++;
    for (size_t i = 0; i < t->n; i++)
        cst[i + 1] += cst[i];
    for (size_t i = 0; i < t->n; i++)
        cnx[i] = cst[i];
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].pidx >= 0)
            cls[cnx[t->v[i].pidx]++] = i;
    size_t added = 0;
    for (size_t r = 0; r < t->n; r++) {
        if (t->v[r].pidx >= 0)
            continue;
        size_t sp = 0;
        stack[sp++] = r;
        while (sp) {
            size_t x = stack[--sp];
            int32_t p = t->v[x].pidx >= 0 ? aidx[t->v[x].pidx] : -1;
            aidx[x] = yu_admin_add_node(a, t->v[x].code, t->v[x].name, p);
            if (aidx[x] < 0)
                goto out;
            added++;
            for (size_t c = cst[x + 1]; c > cst[x]; c--)
                stack[sp++] = cls[c - 1];
        }
    }
    *left = t->n - added;
    rc = added == t->n ? 0 : -2;
out:
    free(cst);
    free(cls);
    free(stack);
    free(cnx);
    return rc;
}

/* The budgets of the year (ids ascending), their hash, and the final accounts of year - 1 with the
 * prior they give.  0, -1 database error, -2 out of memory. */
static int read_budgets(yload *L, const tree *t, const int32_t *aidx, int year)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int r;
    /* unit id → admin node, via a hash */
    size_t um = 16;
    while (um < t->n * 2)
        um *= 2;
    int64_t *ukey = malloc(um * sizeof *ukey);
    int32_t *uval = malloc(um * sizeof *uval);
    if (!ukey || !uval) {
        free(ukey);
        free(uval);
        return -2;
    }
    memset(ukey, 0xff, um * sizeof *ukey);
    for (size_t i = 0; i < t->n; i++) {
        size_t h = (size_t)mix_id(t->v[i].id) & (um - 1);
        while (ukey[h] != -1)
            h = (h + 1) & (um - 1);
        ukey[h] = t->v[i].id;
        uval[h] = aidx[i];
    }
    if (sqlite3_prepare_v2(L->db, "SELECT id, unit_id, nlines, nprior FROM budgets "
                                  "WHERE year = ?1 AND kind = 'budget' ORDER BY id",
                           -1, &st, NULL)) {
        free(ukey);
        free(uval);
        return -1;
    }
    sqlite3_bind_int(st, 1, year);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (L->nb == cap) {
            cap = cap ? cap * 2 : t->n + 16; /* at most a budget per unit, but for units not in the tree */
            ybud *nb = realloc(L->b, cap * sizeof *nb);
            if (!nb) {
                sqlite3_finalize(st);
                free(ukey);
                free(uval);
                return -2;
            }
            L->b = nb;
        }
        ybud *b = &L->b[L->nb++];
        memset(b, 0, sizeof *b);
        b->id = sqlite3_column_int64(st, 0);
        int64_t uid = sqlite3_column_int64(st, 1);
        b->node = -1;
        for (size_t h = (size_t)mix_id(uid) & (um - 1); ukey[h] != -1; h = (h + 1) & (um - 1))
            if (ukey[h] == uid) {
                b->node = uval[h];
                break;
            }
        int64_t nl = sqlite3_column_int64(st, 2), np = sqlite3_column_int64(st, 3);
        b->nlines = nl > 0 ? (size_t)nl : 0;
        b->nprior = np > 0 ? (size_t)np : 0;
        b->fin = -1;
    }
    sqlite3_finalize(st);
    st = NULL;
    free(ukey);
    free(uval);
    if (r != SQLITE_DONE)
        return -1;
    size_t sz = 16;
    while (sz < L->nb * 2)
        sz *= 2;
    L->hmask = sz - 1;
    L->hkey = malloc(sz * sizeof *L->hkey);
    L->hval = malloc(sz * sizeof *L->hval);
    if (!L->hkey || !L->hval)
        return -2;
    memset(L->hkey, 0xff, sz * sizeof *L->hkey);
    for (size_t i = 0; i < L->nb; i++) {
        size_t h = (size_t)mix_id(L->b[i].id) & L->hmask;
        while (L->hkey[h] != -1)
            h = (h + 1) & L->hmask;
        L->hkey[h] = L->b[i].id;
        L->hval[h] = (int32_t)i;
    }
    if (!L->nb)
        return 0;
    /* final accounts of year - 1 of the same units: their 一般公共预算 execution by 项 replaces the prior */
    /* (walked from the finals: a year without any costs one index probe, not one per budget) */
    if (sqlite3_prepare_v2(L->db, "SELECT b.id, f.id FROM budgets f CROSS JOIN budgets b ON b.unit_id = f.unit_id "
                                  "AND b.year = f.year + 1 AND b.kind = 'budget' WHERE f.year = ?1 - 1 AND f.kind = 'final'",
                           -1, &st, NULL))
        return -1;
    sqlite3_bind_int(st, 1, year);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int32_t bi = bfind(L, sqlite3_column_int64(st, 0));
        if (bi >= 0)
            L->b[bi].fin = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (r != SQLITE_DONE)
        return -1;
    if (sqlite3_prepare_v2(L->db, "SELECT func, SUM(amount), SUM(CASE WHEN jijian THEN 0 ELSE amount END) FROM lines "
                                  "WHERE budget_id = ?1 AND source IN (0, 1) GROUP BY func ORDER BY func",
                           -1, &st, NULL))
        return -1;
    size_t fcap = 0;
    r = SQLITE_DONE;
    for (size_t i = 0; i < L->nb && r == SQLITE_DONE; i++) {
        ybud *b = &L->b[i];
        if (b->fin < 0 || b->node < 0)
            continue;
        b->fp = L->nfprior;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, b->fin);
        while ((r = sqlite3_step(st)) == SQLITE_ROW) {
            if (L->nfprior == fcap) {
                fcap = fcap ? fcap * 2 : 1024;
                yu_prior *np = realloc(L->fprior, fcap * sizeof *np);
                if (!np) {
                    sqlite3_finalize(st);
                    return -2;
                }
                L->fprior = np;
            }
            yu_prior p = {(uint32_t)sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                          sqlite3_column_int64(st, 2)};
            L->fprior[L->nfprior++] = p;
        }
        b->nfp = L->nfprior - b->fp;
    }
    sqlite3_finalize(st);
    return r == SQLITE_DONE ? 0 : -1;
}

/* The items of budget b (lines and, without final accounts, its own prior) into the admin's arrays
 * from its line block, read straight into place through the blob handle *h.  1 done, 0 it has no
 * block, -1 database error, -2 damaged. */
static int read_block(yload *L, const ybud *b, sqlite3_blob **h, uint32_t *lk, yu_money *la, yu_money *funds,
                      yu_money *sangong, yu_money *proc)
{
    int r = *h ? sqlite3_blob_reopen(*h, b->id) : sqlite3_blob_open(L->db, "main", "line_blocks", "data", b->id, 0, h);
    if (r != SQLITE_OK) {
        /* a failed handle is spent; no row is the budget without a block (its rows then) */
        sqlite3_blob_close(*h);
        *h = NULL;
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(L->db, "SELECT 1 FROM line_blocks WHERE budget_id = ?1", -1, &st, NULL))
            return -1;
        sqlite3_bind_int64(st, 1, b->id);
        r = sqlite3_step(st);
        sqlite3_finalize(st);
        return r == SQLITE_DONE ? 0 : -1;
    }
    size_t bytes = (size_t)sqlite3_blob_bytes(*h), m = b->nlines + 2 * b->nprior;
    if (bytes != yu__block_bytes(b->nlines, b->nprior, 0) && bytes != yu__block_bytes(b->nlines, b->nprior, 1))
        return -2;
    size_t n = b->fin >= 0 ? b->nlines : m; /* final accounts: their prior, not the block's */
    unsigned char head[YU_BLOCK_HEAD];
    if (sqlite3_blob_read(*h, head, YU_BLOCK_HEAD, 0) ||
        (n && (sqlite3_blob_read(*h, lk, (int)(n * YU_BLOCK_KEY), YU_BLOCK_HEAD) ||
               sqlite3_blob_read(*h, la, (int)(n * YU_BLOCK_AMT), (int)(YU_BLOCK_HEAD + m * YU_BLOCK_KEY)))))
        return -1;
    if (yu__block_head(head, funds, sangong, proc))
        return -2;
    if (!yu__little_endian()) {
        yu__swap32(lk, n);
        yu__swap64(la, n);
    }
    return 1;
}

/* The line items of budget b from its rows (a budget whose block could not hold them) into the
 * admin's arrays.  0, -1 database error, -2 damaged (not budgets.nlines rows), -3 out of memory. */
static int read_rows(yload *L, const ybud *b, uint32_t *lk, yu_money *la)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(L->db, "SELECT func, type, source, econ, jijian, amount FROM lines WHERE budget_id = ?1 "
                                  "ORDER BY seq", -1, &st, NULL))
        return -1;
    sqlite3_bind_int64(st, 1, b->id);
    size_t n = 0;
    int r, rc = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == b->nlines) {
            rc = -2;
            break;
        }
        uint32_t func = (uint32_t)sqlite3_column_int64(st, 0), econ = (uint32_t)sqlite3_column_int64(st, 3);
        unsigned type = (unsigned)sqlite3_column_int(st, 1), source = (unsigned)sqlite3_column_int(st, 2),
                 jj = (unsigned)sqlite3_column_int(st, 4);
        if (type >= YU_T_COUNT || source >= YU_S_COUNT || jj > 1) {
            rc = -2;
            break;
        }
        uint32_t k = yu__admin_key_id(L->a, yu__admin_pack_key(func, econ, type, source, jj), func, econ, type,
                                      source, jj);
        if (k == UINT32_MAX) {
            rc = -3;
            break;
        }
        lk[n] = k;
        la[n++] = sqlite3_column_int64(st, 5);
    }
    sqlite3_finalize(st);
    if (!rc && r != SQLITE_DONE)
        rc = -1;
    if (!rc && n != b->nlines)
        rc = -2;
    return rc;
}

static void yload_free(yload *L)
{
    free(L->b);
    free(L->hkey);
    free(L->hval);
    free(L->fprior);
}

/* The year from SQLite: the tree, the budgets, every line block (in the caller's read transaction). */
static yu_status load_sqlite(yu_store *s, int year, yu_admin **out, yu_error *err)
{
    /* every page is read once, in order: no mapping (each mapped page's first touch is a page fault,
       dear on a virtual machine) and a small page cache (fresh cache pages are faults too); the blocks'
       overflow pages are then read by SQLite straight into the admin's arrays.  Restored at the end. */
    sqlite3 *db = yu__sqlite(s);
    int64_t mmap_was = pragma_get(db, "PRAGMA mmap_size"), cache_was = pragma_get(db, "PRAGMA cache_size");
    sqlite3_exec(db, "PRAGMA mmap_size = 0; PRAGMA cache_size = -2048", NULL, NULL, NULL);
    tree t;
    char *arena = NULL;
    int ur = units_lean(db, &t, &arena);
    if (ur) {
        free(t.v);
        free(arena);
        pragma_set(db, mmap_was, cache_was);
        return ur == -2 ? yu_error_set(err, YU_ENOMEM, yu__path(s), 0, 0, "out of memory")
                        : yu__dberr(s, err, "cannot read the unit tree");
    }
    yu_status rc = YU_OK;
    yload L;
    memset(&L, 0, sizeof L);
    L.s = s;
    L.db = db;
    L.a = yu_admin_new();
    int32_t *aidx = malloc((t.n ? t.n : 1) * sizeof *aidx);
    sqlite3_blob *h = NULL;
    yu__prefault *pf = NULL;
    int64_t bad_id = 0;
    const char *why = NULL;
    if (!L.a || !aidx)
        goto oom;
    size_t left = 0;
    if (yu__admin_reserve_nodes(L.a, t.n))
        goto oom;
    int pr = place_nodes(L.a, &t, aidx, &left);
    if (pr == -2) {
        rc = yu_error_set(err, YU_EVALUE, yu__path(s), 0, 0, "the parent codes of %zu units form cycles", left);
        goto fail;
    }
    if (pr < 0)
        goto oom;
    if ((pr = read_budgets(&L, &t, aidx, year)) == -2)
        goto oom;
    if (pr < 0)
        goto dbfail;
    /* the year's keys are the admin's: a block's key ids are the admin's as they are */
    yu__keydict *d = yu__keys_year(s, year);
    if (!d)
        goto dbfail;
    if (yu__admin_set_keys(L.a, d->k, d->n))
        goto oom;
    /* room for exactly the year's items: line items and two per prior row (or per 项 of the final accounts) */
    size_t total = 0;
    for (size_t i = 0; i < L.nb; i++)
        if (L.b[i].node >= 0)
            total += L.b[i].nlines + 2 * (L.b[i].fin >= 0 ? L.b[i].nfp : L.b[i].nprior);
    if (yu_admin_reserve(L.a, total + 1))
        goto oom;
    pf = yu__prefault_start(L.a, total);
    for (size_t i = 0; i < L.nb; i++) {
        const ybud *b = &L.b[i];
        if (b->node < 0)
            continue;
        yu_money funds[YU_F_COUNT], sangong[YU_SG_COUNT], proc[YU_P_COUNT];
        bad_id = b->id;
        uint32_t *lk;
        yu_money *la;
        size_t room;
        yu__admin_next(L.a, &lk, &la, &room);
        int got = read_block(&L, b, &h, lk, la, funds, sangong, proc);
        size_t n = b->nlines + 2 * b->nprior;
        if (got == 0) { /* no block: the rows, and the prior rows */
            if (yu__block_sums(s, b->id, funds, sangong, proc))
                goto dbfail;
            got = read_rows(&L, b, lk, la);
            if (got == -3)
                goto oom;
            if (!got && b->fin < 0) {
                sqlite3_stmt *st = NULL;
                size_t np = 0;
                int r = sqlite3_prepare_v2(L.db, "SELECT func, executed, executed_ex FROM prior WHERE budget_id = ?1 "
                                                 "ORDER BY seq", -1, &st, NULL);
                if (!r)
                    sqlite3_bind_int64(st, 1, b->id);
                while (!r && (r = sqlite3_step(st)) == SQLITE_ROW && np < b->nprior) {
                    uint32_t f = (uint32_t)sqlite3_column_int64(st, 0);
                    uint32_t k1 = yu__admin_key_id(L.a, yu__admin_pack_key(f, 0, YU_CUBE_PRIOR, 0, 0), f, 0,
                                                   YU_CUBE_PRIOR, 0, 0);
                    uint32_t k2 = yu__admin_key_id(L.a, yu__admin_pack_key(f, 0, YU_CUBE_PRIOR_EX, 0, 0), f, 0,
                                                   YU_CUBE_PRIOR_EX, 0, 0);
                    if (k1 == UINT32_MAX || k2 == UINT32_MAX) {
                        sqlite3_finalize(st);
                        goto oom;
                    }
                    size_t at = b->nlines + 2 * np++;
                    lk[at] = k1;
                    la[at] = sqlite3_column_int64(st, 1);
                    lk[at + 1] = k2;
                    la[at + 1] = sqlite3_column_int64(st, 2);
                }
                sqlite3_finalize(st);
                got = r == SQLITE_ROW ? -2 : r != SQLITE_DONE ? -1 : np != b->nprior ? -2 : 0;
            }
        }
        if (got == -2) {
            why = "its line block is damaged (not budgets.nlines line items and budgets.nprior prior rows)";
            goto bad;
        }
        if (got < 0)
            goto dbfail;
        if (b->fin >= 0) { /* prior from the final accounts of year - 1 */
            n = b->nlines + 2 * b->nfp;
            for (size_t j = 0; j < b->nfp; j++) {
                const yu_prior *p = &L.fprior[b->fp + j];
                uint32_t k1 = yu__admin_key_id(L.a, yu__admin_pack_key(p->func, 0, YU_CUBE_PRIOR, 0, 0), p->func, 0,
                                               YU_CUBE_PRIOR, 0, 0);
                uint32_t k2 = yu__admin_key_id(L.a, yu__admin_pack_key(p->func, 0, YU_CUBE_PRIOR_EX, 0, 0), p->func,
                                               0, YU_CUBE_PRIOR_EX, 0, 0);
                if (k1 == UINT32_MAX || k2 == UINT32_MAX)
                    goto oom;
                size_t at = b->nlines + 2 * j;
                lk[at] = k1;
                la[at] = p->executed;
                lk[at + 1] = k2;
                la[at + 1] = p->executed_ex;
            }
        }
        yu_status ts = yu__admin_take(L.a, b->node, n, funds, sangong, proc);
        if (ts == YU_EVALUE) {
            why = "its line block is damaged (a key id not in the year's key dictionary)";
            goto bad;
        }
        if (ts) {
            rc = yu_error_set(err, ts, yu__path(s), 0, 0, ts == YU_ENOMEM ? "out of memory"
                              : ts == YU_ELIMIT ? "budget %lld: the stored amounts add up to more than can be computed"
                                                  " (YU_MONEY_SUM_MAX)"
                                                : "cannot lay out budget %lld",
                              (long long)b->id);
            goto fail;
        }
    }
    yu__prefault_stop(pf);
    sqlite3_blob_close(h);
    yload_free(&L);
    free(aidx);
    free(t.v);
    free(arena);
    pragma_set(db, mmap_was, cache_was);
    *out = L.a;
    return YU_OK;
bad:
    rc = yu_error_set(err, YU_EDB, yu__path(s), 0, 0, "budget %lld: %s", (long long)bad_id, why);
    goto fail;
dbfail:
    rc = yu__dberr(s, err, "cannot load the year's budgets");
    goto fail;
oom:
    rc = yu_error_set(err, YU_ENOMEM, yu__path(s), 0, 0, "out of memory");
fail:
    yu__prefault_stop(pf);
    sqlite3_blob_close(h);
    yload_free(&L);
    free(aidx);
    free(t.v);
    free(arena);
    yu_admin_free(L.a);
    pragma_set(db, mmap_was, cache_was);
    return rc;
}

yu_status yu_store_load_admin(yu_store *s, int year, yu_admin **out, yu_error *err)
{
    *out = NULL;
    if (yu__need_latest(s, err))
        return YU_EDB;
    sqlite3 *db = yu__sqlite(s);
    /* the tree and the budgets of one snapshot; segments only in a read transaction of our own (inside the
       caller's transaction the data may yet be rolled back) */
    int own = sqlite3_get_autocommit(db) && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    char *path = own && !s->seg_off ? yu__seg_path(yu__path(s), year) : NULL;
    yu__segid id;
    int found = 0;
    s->seg_state = s->seg_off ? "off" : "not used (no file beside the store, or in a transaction)";
    if (path && yu__seg_id(s, year, &id)) {
        free(path);
        path = NULL;
    }
    if (path) {
        found = yu__seg_load(path, &id, out);
        if (found == 1) {
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
            free(path);
            s->seg_state = "used";
            return YU_OK;
        }
        if (found == -3) {
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
            free(path);
            return yu_error_set(err, YU_ENOMEM, yu__path(s), 0, 0, "out of memory");
        }
    }
    yu_status rc = load_sqlite(s, year, out, err);
    if (own)
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (!rc && path)
        s->seg_state = yu__seg_write(path, yu__path(s), &id, *out) ? "not written (the directory beside the store "
                                                                     "cannot be written)"
                       : found == 0  ? "built"
                       : found == -1 ? "rebuilt (stale: the store changed)"
                                     : "rebuilt (damaged)";
    free(path);
    return rc;
}

void yu_store_set_segments(yu_store *s, int on)
{
    s->seg_off = !on;
}

const char *yu_store_segment_state(const yu_store *s)
{
    return s->seg_state ? s->seg_state : "not used";
}
