/* A year's items laid into the admin in place (yu_store_load_admin reading the store's line blocks,
 * docs/store.md "Line blocks"): the year's key dictionary becomes the admin's keys, each budget's block
 * is copied straight into the admin's lkey/lamt arrays, and another thread faults their pages in
 * meanwhile.  The layout itself: admin_int.h; the pass: consolidate.c. */
#define _DEFAULT_SOURCE /* madvise(MADV_POPULATE_WRITE) */
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <pthread.h>
#include <unistd.h>
#include <sys/mman.h>
#include "yusuan/store.h"
#include "internal.h"
#include "admin_int.h"

yu_status yu__admin_set_keys(yu_admin *a, const yu_cube_key *keys, size_t n)
{
    if (a->nkeys || a->map)
        return YU_EUSAGE;
    if (n >= UINT32_MAX / 4)
        return YU_ELIMIT;
    size_t cap = n < 1024 ? 1024 : n;
    size_t ns = 4096;
    while ((n + 1) * 2 > ns - 1)
        ns *= 2;
    yu_cube_key *k = malloc(cap * sizeof *k);
    uint8_t *cl = malloc(cap);
    uint64_t *pk = malloc(cap * sizeof *pk);
    uint32_t *h = calloc(ns, sizeof *h);
    if (!k || !cl || !pk || !h) {
        free(k);
        free(cl);
        free(pk);
        free(h);
        return YU_ENOMEM;
    }
    if (n)
        memcpy(k, keys, n * sizeof *k);
    for (size_t i = 0; i < n; i++) {
        const yu_cube_key *x = &k[i];
        pk[i] = yu__admin_pack_key(x->func, x->econ, x->type, x->source, x->jijian);
        cl[i] = x->type == YU_T_FUSHU && !yu_source_is_fiscal(x->source)       ? 1
                : x->type == YU_T_SHANGJIAO && !yu_source_is_fiscal(x->source) ? 2
                                                                               : 0;
        size_t j = yu__mix64(pk[i]) & (ns - 1);
        while (h[j])
            j = (j + 1) & (ns - 1);
        h[j] = (uint32_t)i + 1;
    }
    free(a->keys);
    free(a->kclass);
    free(a->kpack);
    free(a->khash);
    a->keys = k;
    a->kclass = cl;
    a->kpack = pk;
    a->khash = h;
    a->kmask = ns - 1;
    a->nkeys = n;
    a->capk = cap;
    return YU_OK;
}

/* a copy of the first `used` elements of old into a bigger array (yu__big_alloc), old freed */
static void *regrow(void *old, size_t used, size_t bytes)
{
    void *p = yu__big_alloc(bytes);
    if (p && used)
        memcpy(p, old, used);
    if (p)
        free(old);
    return p;
}

yu_status yu__admin_reserve_nodes(yu_admin *a, size_t n)
{
    if (n <= a->cap)
        return YU_OK;
    if (a->map)
        return YU_EUSAGE;
    void **arr[] = {(void **)&a->code, (void **)&a->name, (void **)&a->parent, (void **)&a->has_budget,
                    (void **)&a->lstart, (void **)&a->lcount, (void **)&a->funds, (void **)&a->sangong,
                    (void **)&a->proc};
    const size_t each[] = {sizeof *a->code, sizeof *a->name, sizeof *a->parent, sizeof *a->has_budget,
                           sizeof *a->lstart, sizeof *a->lcount, YU_F_COUNT * sizeof *a->funds,
                           YU_SG_COUNT * sizeof *a->sangong, YU_P_COUNT * sizeof *a->proc};
    for (size_t k = 0; k < sizeof arr / sizeof *arr; k++) {
        void *p = regrow(*arr[k], a->n * each[k], n * each[k]);
        if (!p)
            return YU_ENOMEM;
        *arr[k] = p;
    }
    a->cap = n;
    return YU_OK;
}

void yu__admin_next(yu_admin *a, uint32_t **lkey, yu_money **lamt, size_t *room)
{
    *lkey = a->lkey ? a->lkey + a->nl : NULL;
    *lamt = a->lamt ? a->lamt + a->nl : NULL;
    *room = a->capl - a->nl;
}

yu_status yu__admin_take(yu_admin *a, int32_t node, size_t count, const yu_money *funds, const yu_money *sangong,
                         const yu_money *proc)
{
    if (node < 0 || (size_t)node >= a->n || a->has_budget[node] || count > a->capl - a->nl || a->map)
        return YU_EUSAGE;
    if (count > 0xffffffffu)
        return YU_ELIMIT;
    const uint32_t *k = a->lkey + a->nl;
    const yu_money *m = a->lamt + a->nl;
    /* key ids within the keys; Σ |amount| within YU_MONEY_SUM_MAX (as yu_budget_money_sum): each
       |amount| ≤ YU_MONEY_SUM_MAX < 2^59, so 16 of them add up without wrapping */
    uint32_t nk = (uint32_t)a->nkeys, bad = 0;
    uint64_t big = 0, sum = (uint64_t)a->sum;
    const uint64_t lim = (uint64_t)YU_MONEY_SUM_MAX;
    for (size_t i = 0; i < count; i += 16) {
        size_t e = i + 16 < count ? i + 16 : count;
        uint64_t part = 0;
        for (size_t j = i; j < e; j++) {
            uint64_t v = m[j] < 0 ? -(uint64_t)m[j] : (uint64_t)m[j];
            big |= v > lim;
            part += v > lim ? lim : v;
            bad |= k[j] >= nk;
        }
        sum += part;
        if (big || sum > lim)
            return YU_ELIMIT;
    }
    if (bad)
        return YU_EVALUE;
    yu_money acc = (yu_money)sum;
    for (int f = 0; f < YU_F_COUNT; f++)
        if (yu_money_add(&acc, funds[f] < 0 ? -funds[f] : funds[f]))
            return YU_ELIMIT;
    for (int f = 0; f < YU_SG_COUNT; f++)
        if (yu_money_add(&acc, sangong[f] < 0 ? -sangong[f] : sangong[f]))
            return YU_ELIMIT;
    for (int f = 0; f < YU_P_COUNT; f++)
        if (yu_money_add(&acc, proc[f] < 0 ? -proc[f] : proc[f]))
            return YU_ELIMIT;
    a->lstart[node] = a->nl;
    a->lcount[node] = (uint32_t)count;
    a->nl += count;
    a->has_budget[node] = 1;
    a->sum = acc;
    memcpy(&a->funds[(size_t)node * YU_F_COUNT], funds, YU_F_COUNT * sizeof *funds);
    memcpy(&a->sangong[(size_t)node * YU_SG_COUNT], sangong, YU_SG_COUNT * sizeof *sangong);
    memcpy(&a->proc[(size_t)node * YU_P_COUNT], proc, YU_P_COUNT * sizeof *proc);
    return YU_OK;
}

/* ---- faulting the arrays' pages in on another thread ---- */

struct yu__prefault {
    pthread_t th;
    atomic_int stop;
    unsigned char *p[2];
    size_t bytes[2];
};

static void *prefault_run(void *arg)
{
    yu__prefault *P = arg;
#ifdef MADV_POPULATE_WRITE
    uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
    /* both arrays at the pace the loader fills them: the same share of each per step */
    enum { STEPS = 64 };
    for (int s = 0; s < STEPS && !atomic_load(&P->stop); s++)
        for (int k = 0; k < 2; k++) {
            uintptr_t b = (uintptr_t)P->p[k] + P->bytes[k] / STEPS * (size_t)s;
            uintptr_t e = s == STEPS - 1 ? (uintptr_t)P->p[k] + P->bytes[k]
                                         : (uintptr_t)P->p[k] + P->bytes[k] / STEPS * (size_t)(s + 1);
            b = (b + pg - 1) & ~(pg - 1);
            e &= ~(pg - 1);
            if (e > b && madvise((void *)b, e - b, MADV_POPULATE_WRITE))
                return NULL; /* not available (an older kernel): the loader faults them itself */
        }
#endif
    return NULL;
}

yu__prefault *yu__prefault_start(yu_admin *a, size_t items)
{
    if (items > a->capl - a->nl || items < ((size_t)1 << 20))
        return NULL; /* small: not worth a thread */
    yu__prefault *P = calloc(1, sizeof *P);
    if (!P)
        return NULL;
    atomic_init(&P->stop, 0);
    P->p[0] = (unsigned char *)(a->lkey + a->nl);
    P->bytes[0] = items * sizeof *a->lkey;
    P->p[1] = (unsigned char *)(a->lamt + a->nl);
    P->bytes[1] = items * sizeof *a->lamt;
    if (pthread_create(&P->th, NULL, prefault_run, P)) {
        free(P);
        return NULL;
    }
    return P;
}

void yu__prefault_stop(yu__prefault *P)
{
    if (!P)
        return;
    atomic_store(&P->stop, 1);
    pthread_join(P->th, NULL);
    free(P);
}
