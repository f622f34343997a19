/* A whole year of the store as an administration (yu_store_load_admin: db cube, the
 * national figures): every budget of the year read once, in budget id order, on two
 * threads (docs/store.md "Line blocks").  Split from store.c. */
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sqlite3.h>
#include "yusuan/store.h"
#include "internal.h"
#include "store_blocks.h"
#include "store_int.h"


static uint64_t mix_id(int64_t v)
{
    uint64_t h = (uint64_t)v * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

typedef struct nodeinfo {
    int32_t admin;          /* admin node index */
    yu_money funds[YU_F_COUNT], sangong[YU_SG_COUNT], proc[YU_P_COUNT];
} nodeinfo;

/* The year's load in two stages on two threads: this thread reads each budget from SQLite
 * into a slot, a second one adds the slots to the admin (key ids, the checked sums, the
 * admin's arrays: their pages are first touched there).  A ring of slots between them. */
enum { LOAD_SLOTS = 16 };
typedef struct loadslot {
    yu_budget b;  /* lines, prior, funds, 三公, procurement (arrays reused) */
    int32_t node; /* admin node */
    int64_t id;   /* budget id, for messages */
} loadslot;

typedef struct loadpipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    loadslot slot[LOAD_SLOTS];
    size_t head, tail; /* slots filled: [tail, head) (mod LOAD_SLOTS) */
    int done;          /* no more slots will come */
    yu_admin *a;
    yu_status st;      /* the first yu_admin_add_budget failure */
    int64_t bad_id;
} loadpipe;

static void *load_adder(void *arg)
{
    loadpipe *P = arg;
    pthread_mutex_lock(&P->mu);
    for (;;) {
        while (P->tail == P->head && !P->done)
            pthread_cond_wait(&P->cv, &P->mu);
        if (P->tail == P->head)
            break;
        loadslot *sl = &P->slot[P->tail % LOAD_SLOTS];
        pthread_mutex_unlock(&P->mu);
        yu_status st = P->st ? P->st : yu_admin_add_budget(P->a, sl->node, &sl->b);
        pthread_mutex_lock(&P->mu);
        if (st && !P->st) {
            P->st = st;
            P->bad_id = sl->id;
        }
        P->tail++;
        pthread_cond_broadcast(&P->cv);
    }
    pthread_mutex_unlock(&P->mu);
    return NULL;
}

/* A free slot to fill (waits for one), or NULL when the adder failed. */
static loadslot *load_slot(loadpipe *P)
{
    pthread_mutex_lock(&P->mu);
    while (P->head - P->tail == LOAD_SLOTS && !P->st)
        pthread_cond_wait(&P->cv, &P->mu);
    loadslot *sl = P->st ? NULL : &P->slot[P->head % LOAD_SLOTS];
    pthread_mutex_unlock(&P->mu);
    return sl;
}

static void load_push(loadpipe *P)
{
    pthread_mutex_lock(&P->mu);
    P->head++;
    pthread_cond_broadcast(&P->cv);
    pthread_mutex_unlock(&P->mu);
}

/* Ends the adder (after the slots it has) and frees the slots; returns its status. */
static yu_status load_finish(loadpipe *P, pthread_t th, int started)
{
    if (started) {
        pthread_mutex_lock(&P->mu);
        P->done = 1;
        pthread_cond_broadcast(&P->cv);
        pthread_mutex_unlock(&P->mu);
        pthread_join(th, NULL);
    }
    for (int k = 0; k < LOAD_SLOTS; k++) {
        free(P->slot[k].b.lines);
        free(P->slot[k].b.prior);
    }
    pthread_mutex_destroy(&P->mu);
    pthread_cond_destroy(&P->cv);
    return P->st;
}

yu_status yu_store_load_admin(yu_store *s, int year, yu_admin **out, yu_error *err)
{
    *out = NULL;
    if (yu__need_latest(s, err))
        return YU_EDB;
    tree t;
    yu_status rc = yu__tree_load(s, NULL, &t, err);
    if (rc)
        return rc;
    sqlite3_exec(yu__sqlite(s), "BEGIN", NULL, NULL, NULL);
    yu_admin *a = yu_admin_new();
    int32_t *aidx = malloc((t.n ? t.n : 1) * sizeof *aidx);
    size_t *cst = calloc(t.n + 1, sizeof *cst), *cls = malloc((t.n ? t.n : 1) * sizeof *cls);
    size_t *stack = malloc((t.n ? t.n : 1) * sizeof *stack), *cnx = malloc((t.n ? t.n : 1) * sizeof *cnx);
    sqlite3_stmt *st = NULL;
    yu_budget tmp;
    memset(&tmp, 0, sizeof tmp);
    /* budget id → tree index, via a hash */
    int64_t *bkeys = NULL;
    int32_t *bval = NULL;
    size_t bmask = 0;
    if (!a || !aidx || !cst || !cls || !stack || !cnx)
        goto oom;
    /* nodes in preorder, parents first */
    for (size_t i = 0; i < t.n; i++)
        if (t.v[i].pidx >= 0)
            cst[t.v[i].pidx + 1]++;
    for (size_t i = 0; i < t.n; i++)
        cst[i + 1] += cst[i];
    for (size_t i = 0; i < t.n; i++)
        cnx[i] = cst[i];
    for (size_t i = 0; i < t.n; i++)
        if (t.v[i].pidx >= 0)
            cls[cnx[t.v[i].pidx]++] = i;
    size_t added = 0;
    for (size_t r = 0; r < t.n; r++) {
        if (t.v[r].pidx >= 0)
            continue;
        size_t sp = 0;
        stack[sp++] = r;
        while (sp) {
            size_t x = stack[--sp];
            int32_t p = t.v[x].pidx >= 0 ? aidx[t.v[x].pidx] : -1;
            aidx[x] = yu_admin_add_node(a, t.v[x].code, t.v[x].name, p);
            if (aidx[x] < 0)
                goto oom;
            added++;
            for (size_t c = cst[x + 1]; c > cst[x]; c--)
                stack[sp++] = cls[c - 1];
        }
    }
    if (added != t.n) {
        rc = yu_error_set(err, YU_EVALUE, yu__path(s), 0, 0, "the parent codes of %zu units form cycles", t.n - added);
        goto fail;
    }
    /* budgets of the year */
    size_t nbud = 0, capb = 0;
    int64_t *bids = NULL;
    int32_t *bnode = NULL;
    size_t nlines = 0;
    if (sqlite3_prepare_v2(yu__sqlite(s), "SELECT b.id, u.code, b.nlines FROM budgets b JOIN units u ON u.id = b.unit_id "
                                  "WHERE b.year = ?1 AND b.kind = 'budget' ORDER BY b.id", -1, &st, NULL))
        goto dbfail;
    sqlite3_bind_int(st, 1, year);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        nlines += (size_t)sqlite3_column_int64(st, 2);
        if (nbud == capb) {
            capb = capb ? capb * 2 : 1024;
            int64_t *nb = realloc(bids, capb * sizeof *nb);
            int32_t *nn = nb ? realloc(bnode, capb * sizeof *nn) : NULL;
            if (nb)
                bids = nb;
            if (!nn) {
                free(bids);
                free(bnode);
                goto oom;
            }
            bnode = nn;
        }
        bids[nbud] = sqlite3_column_int64(st, 0);
        bnode[nbud++] = yu__tree_find(&t, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    st = NULL;
    if (r != SQLITE_DONE) {
        free(bids);
        free(bnode);
        goto dbfail;
    }
    /* room for the year's line items and their prior (two items each: 执行数 and 扣除基建后) at once,
       no doubling copies: twice the line items (pages are only taken where written; a year with
       more prior than that grows as it goes) */
    yu_admin_reserve(a, 2 * nlines + 1024);
    size_t sz = 16;
    while (sz < nbud * 2)
        sz *= 2;
    bmask = sz - 1;
    bkeys = malloc(sz * sizeof *bkeys);
    bval = malloc(sz * sizeof *bval);
    nodeinfo *ni = calloc(nbud ? nbud : 1, sizeof *ni);
    int64_t *finid = malloc((nbud ? nbud : 1) * sizeof *finid);
    if (!bkeys || !bval || !ni || !finid) {
        free(bids);
        free(bnode);
        free(ni);
        free(finid);
        goto oom;
    }
    memset(bkeys, 0xff, sz * sizeof *bkeys);
    for (size_t i = 0; i < nbud; i++) {
        size_t h = (size_t)mix_id(bids[i]) & bmask;
        while (bkeys[h] != -1)
            h = (h + 1) & bmask;
        bkeys[h] = bids[i];
        bval[h] = (int32_t)i;
        finid[i] = -1;
    }
#define BFIND(id, out_) do { size_t h_ = (size_t)mix_id(id) & bmask; (out_) = -1; \
        while (bkeys[h_] != -1) { if (bkeys[h_] == (id)) { (out_) = bval[h_]; break; } h_ = (h_ + 1) & bmask; } } while (0)
    /* funds, 三公, procurement */
    /* each table walked in budget id order over the year's id range: rows of other budgets are
       not the year's (BFIND finds no budget for them) */
    static const char *const small[3] = {
        "SELECT budget_id, item, amount, 0 FROM funds WHERE budget_id BETWEEN ?1 AND ?2",
        "SELECT budget_id, item, amount, prior FROM sangong WHERE budget_id BETWEEN ?1 AND ?2",
        "SELECT budget_id, item, amount, 0 FROM procurement WHERE budget_id BETWEEN ?1 AND ?2"};
    for (int q = 0; q < 3 && nbud; q++) {
        if (sqlite3_prepare_v2(yu__sqlite(s), small[q], -1, &st, NULL))
            goto dbfail2;
        sqlite3_bind_int64(st, 1, bids[0]);
        sqlite3_bind_int64(st, 2, bids[nbud - 1]);
        while ((r = sqlite3_step(st)) == SQLITE_ROW) {
            int32_t bi;
            BFIND(sqlite3_column_int64(st, 0), bi);
            if (bi < 0)
                continue;
            const char *item = (const char *)sqlite3_column_text(st, 1);
            int k = q == 0 ? yu_fund_parse(item) : q == 1 ? yu_sangong_parse(item) : yu_proc_parse(item);
            if (k < 0)
                continue;
            yu_money v = sqlite3_column_int64(st, 2);
            if (q == 0)
                ni[bi].funds[k] = v;
            else if (q == 1)
                ni[bi].sangong[k] = v;
            else
                ni[bi].proc[k] = v;
        }
        sqlite3_finalize(st);
        st = NULL;
        if (r != SQLITE_DONE)
            goto dbfail2;
    }
    /* final accounts of year - 1 of the same units */
    if (sqlite3_prepare_v2(yu__sqlite(s), "SELECT b.id, f.id FROM budgets b JOIN budgets f ON f.unit_id = b.unit_id "
                                  "AND f.year = b.year - 1 AND f.kind = 'final' WHERE b.year = ?1 AND b.kind = 'budget'",
                           -1, &st, NULL))
        goto dbfail2;
    sqlite3_bind_int(st, 1, year);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int32_t bi;
        BFIND(sqlite3_column_int64(st, 0), bi);
        if (bi >= 0)
            finid[bi] = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (r != SQLITE_DONE)
        goto dbfail2;
    /* line items and prior, budget by budget in id order.  The line blocks and the prior rows
       are each read by one cursor walking its table in budget id order over the year's id range
       (a merge with the budgets: no seek per budget); rows of budgets of other years or kinds in
       that range are stepped over without reading their blobs. */
    sqlite3_stmt *lq = NULL, *pq = NULL, *fq = NULL, *kq = NULL;
    if (sqlite3_prepare_v2(yu__sqlite(s), "SELECT func, type, source, econ, jijian, amount FROM lines WHERE budget_id = ?1",
                           -1, &lq, NULL) ||
        sqlite3_prepare_v2(yu__sqlite(s), "SELECT budget_id, nlines, data FROM line_blocks WHERE budget_id BETWEEN ?1 AND ?2 "
                                  "ORDER BY budget_id", -1, &kq, NULL) ||
        sqlite3_prepare_v2(yu__sqlite(s), "SELECT budget_id, func, executed, executed_ex FROM prior "
                                  "WHERE budget_id BETWEEN ?1 AND ?2 ORDER BY budget_id, seq",
                           -1, &pq, NULL) ||
        sqlite3_prepare_v2(yu__sqlite(s), "SELECT func, SUM(amount), SUM(CASE WHEN jijian THEN 0 ELSE amount END) FROM lines "
                                  "WHERE budget_id = ?1 AND source IN (0, 1) GROUP BY func ORDER BY func",
                           -1, &fq, NULL)) {
        sqlite3_finalize(lq);
        sqlite3_finalize(pq);
        sqlite3_finalize(fq);
        sqlite3_finalize(kq);
        goto dbfail2;
    }
    int kr = SQLITE_DONE, pr = SQLITE_DONE; /* each cursor's last step */
    if (nbud) {
        sqlite3_bind_int64(kq, 1, bids[0]);
        sqlite3_bind_int64(kq, 2, bids[nbud - 1]);
        sqlite3_bind_int64(pq, 1, bids[0]);
        sqlite3_bind_int64(pq, 2, bids[nbud - 1]);
        kr = sqlite3_step(kq);
        pr = sqlite3_step(pq);
    }
    loadpipe *P = calloc(1, sizeof *P);
    pthread_t adder;
    int started = 0;
    if (!P || pthread_mutex_init(&P->mu, NULL)) {
        free(P);
        sqlite3_finalize(lq);
        sqlite3_finalize(pq);
        sqlite3_finalize(fq);
        sqlite3_finalize(kq);
        free(bids);
        free(bnode);
        free(ni);
        free(finid);
        goto oom;
    }
    pthread_cond_init(&P->cv, NULL);
    P->a = a;
    started = pthread_create(&adder, NULL, load_adder, P) == 0;
    yu_status ast = YU_OK;
    int64_t bad_id = 0;
    for (size_t i = 0; i < nbud && !ast; i++) {
        /* both cursors to this budget's rows */
        while (kr == SQLITE_ROW && sqlite3_column_int64(kq, 0) < bids[i])
            kr = sqlite3_step(kq);
        while (pr == SQLITE_ROW && sqlite3_column_int64(pq, 0) < bids[i])
            pr = sqlite3_step(pq);
        if (bnode[i] < 0)
            continue;
        loadslot *sl = started ? load_slot(P) : &P->slot[0];
        if (!sl)
            break; /* the adder failed: its error below */
        yu_budget *tb = &sl->b;
        tb->nlines = tb->nprior = 0;
        /* the budget's line block when it has one (one BLOB), else its rows */
        int blk = 0;
        if (kr == SQLITE_ROW && sqlite3_column_int64(kq, 0) == bids[i]) {
            int64_t kn = sqlite3_column_int64(kq, 1);
            const unsigned char *kp = sqlite3_column_blob(kq, 2);
            if (kn >= 0 && sqlite3_column_bytes(kq, 2) == kn * YU_BLOCK_REC && (kp || !kn)) {
                if ((size_t)kn > tb->cap_lines) {
                    yu_line *nl = realloc(tb->lines, (size_t)kn * sizeof *nl);
                    if (nl) {
                        tb->lines = nl;
                        tb->cap_lines = (size_t)kn;
                    }
                }
                if ((size_t)kn <= tb->cap_lines && !yu__block_unpack(kp, (size_t)kn, tb->lines)) {
                    tb->nlines = (size_t)kn;
                    blk = 1;
                }
            }
        } else if (kr != SQLITE_ROW && kr != SQLITE_DONE)
            blk = -1;
        r = blk < 0 ? SQLITE_ERROR : SQLITE_DONE;
        if (!blk) {
            sqlite3_reset(lq);
            sqlite3_bind_int64(lq, 1, bids[i]);
        }
        while (!blk && (r = sqlite3_step(lq)) == SQLITE_ROW) {
            yu_line l;
            l.func = (uint32_t)sqlite3_column_int64(lq, 0);
            l.type = (uint8_t)sqlite3_column_int(lq, 1);
            l.source = (uint8_t)sqlite3_column_int(lq, 2);
            l.econ = (uint32_t)sqlite3_column_int64(lq, 3);
            l.jijian = (uint8_t)sqlite3_column_int(lq, 4);
            l.amount = sqlite3_column_int64(lq, 5);
            l.project = -1;
            l.pad_ = 0;
            if (yu_budget_add_line(tb, &l))
                break;
        }
        int r2 = SQLITE_DONE;
        if (r == SQLITE_DONE && finid[i] >= 0) { /* prior from the final accounts of year - 1 */
            sqlite3_reset(fq);
            sqlite3_bind_int64(fq, 1, finid[i]);
            while ((r2 = sqlite3_step(fq)) == SQLITE_ROW) {
                yu_prior p = {(uint32_t)sqlite3_column_int64(fq, 0), sqlite3_column_int64(fq, 1),
                              sqlite3_column_int64(fq, 2)};
                if (yu_budget_add_prior(tb, &p))
                    break;
            }
        } else if (r == SQLITE_DONE) {
            for (; pr == SQLITE_ROW && sqlite3_column_int64(pq, 0) == bids[i]; pr = sqlite3_step(pq)) {
                yu_prior p = {(uint32_t)sqlite3_column_int64(pq, 1), sqlite3_column_int64(pq, 2),
                              sqlite3_column_int64(pq, 3)};
                if (yu_budget_add_prior(tb, &p)) {
                    r2 = SQLITE_NOMEM;
                    break;
                }
            }
            if (pr != SQLITE_ROW && pr != SQLITE_DONE)
                r2 = pr;
        }
        memcpy(tb->funds, ni[i].funds, sizeof tb->funds);
        memcpy(tb->sangong, ni[i].sangong, sizeof tb->sangong);
        memcpy(tb->procurement, ni[i].proc, sizeof tb->procurement);
        sl->node = aidx[bnode[i]];
        sl->id = bids[i];
        if (r != SQLITE_DONE || r2 != SQLITE_DONE)
            ast = YU_EDB;
        else if (started)
            load_push(P);
        else if ((ast = yu_admin_add_budget(a, sl->node, tb))) /* no thread: added here */
            bad_id = bids[i];
    }
    yu_status ast2 = load_finish(P, adder, started);
    if (!ast && ast2) {
        ast = ast2;
        bad_id = P->bad_id;
    }
    free(P);
    if (ast) {
        sqlite3_finalize(lq);
        sqlite3_finalize(pq);
        sqlite3_finalize(fq);
        sqlite3_finalize(kq);
        if (ast == YU_EDB)
            goto dbfail2;
        rc = yu_error_set(err, ast, yu__path(s), 0, 0, ast == YU_ENOMEM ? "out of memory"
                          : ast == YU_ELIMIT ? "budget %lld: the stored amounts add up to more than can be computed"
                                               " (YU_MONEY_SUM_MAX)"
                                             : "cannot lay out budget %lld",
                          (long long)bad_id);
        free(bids);
        free(bnode);
        free(ni);
        free(finid);
        goto fail;
    }
    sqlite3_finalize(lq);
    sqlite3_finalize(pq);
    sqlite3_finalize(fq);
    sqlite3_finalize(kq);
#undef BFIND
    free(bids);
    free(bnode);
    free(ni);
    free(finid);
    free(tmp.lines);
    free(tmp.prior);
    free(bkeys);
    free(bval);
    free(aidx);
    free(cst);
    free(cls);
    free(cnx);
    free(stack);
    yu__tree_free(&t);
    sqlite3_exec(yu__sqlite(s), "COMMIT", NULL, NULL, NULL);
    *out = a;
    return YU_OK;
dbfail2:
    rc = yu__dberr(s, err, "cannot load the year's budgets");
    sqlite3_finalize(st);
    free(bids);
    free(bnode);
    free(ni);
    free(finid);
    goto fail;
dbfail:
    rc = yu__dberr(s, err, "cannot load the year's budgets");
    sqlite3_finalize(st);
    goto fail;
oom:
    rc = yu_error_set(err, YU_ENOMEM, yu__path(s), 0, 0, "out of memory");
fail:
    sqlite3_exec(yu__sqlite(s), "COMMIT", NULL, NULL, NULL);
    free(tmp.lines);
    free(tmp.prior);
    free(bkeys);
    free(bval);
    free(aidx);
    free(cst);
    free(cls);
    free(cnx);
    free(stack);
    yu__tree_free(&t);
    yu_admin_free(a);
    return rc;
}

