/* A cache of public answers (server.h): the documents, aggregates, facts,
 * members and comparisons an anonymous reader asks for, kept while the store
 * is unchanged.  A consolidated province takes seconds to compute; the same
 * answer again costs a copy.  The store is unchanged while its file and its
 * write-ahead log keep their size and modification time (every commit
 * appends to the log; a checkpoint rewrites the file), so a write by this
 * server or by `yusuan db import` in another process makes every kept answer
 * stale.  Bounded: SRV_CACHE_ENTRIES answers and SRV_CACHE_BYTES in all,
 * the least recently used dropped first. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include "server.h"

typedef struct centry {
    char *key;
    char *body;
    size_t len;
    char ctype[64];
    char hdr_name[4][32], hdr_val[4][512];
    int nhdr;
    uint64_t stamp;
    uint64_t used;
} centry;

struct srv_cache {
    pthread_mutex_t lock;
    centry e[SRV_CACHE_ENTRIES];
    size_t bytes;
    uint64_t tick;
};

srv_cache *srv_cache_new(void)
{
    srv_cache *c = calloc(1, sizeof *c);
    if (c)
        pthread_mutex_init(&c->lock, NULL);
    return c;
}

static void drop(srv_cache *c, centry *e)
{
    c->bytes -= e->len;
    free(e->key);
    free(e->body);
    memset(e, 0, sizeof *e);
}

void srv_cache_free(srv_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < SRV_CACHE_ENTRIES; i++)
        if (c->e[i].key)
            drop(c, &c->e[i]);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* the store's state: size and modification time of the file and its log */
uint64_t srv_cache_stamp(const char *db)
{
    uint64_t h = 1469598103934665603ull;
    const char *sfx[2] = {"", "-wal"};
    for (int i = 0; i < 2; i++) {
        char p[1200];
        snprintf(p, sizeof p, "%s%s", db, sfx[i]);
        struct stat st;
        uint64_t v[3] = {0, 0, 0};
        if (stat(p, &st) == 0) {
            v[0] = (uint64_t)st.st_size;
            v[1] = (uint64_t)st.st_mtim.tv_sec;
            v[2] = (uint64_t)st.st_mtim.tv_nsec;
        }
        for (int k = 0; k < 3; k++)
            h = (h ^ v[k]) * 1099511628211ull;
    }
    return h;
}

int srv_cache_get(srv_cache *c, const char *key, uint64_t stamp, srv_out *o)
{
    int hit = 0;
    pthread_mutex_lock(&c->lock);
    for (size_t i = 0; i < SRV_CACHE_ENTRIES; i++) {
        centry *e = &c->e[i];
        if (!e->key || strcmp(e->key, key))
            continue;
        if (e->stamp != stamp) {
            drop(c, e);
            break;
        }
        o->b.len = 0;
        if (!yu_buf_add(&o->b, e->body, e->len)) {
            o->status = 200;
            o->ctype = e->ctype[0] ? e->ctype : NULL;
            o->nhdr = e->nhdr;
            memcpy(o->hdr_name, e->hdr_name, sizeof o->hdr_name);
            memcpy(o->hdr_val, e->hdr_val, sizeof o->hdr_val);
            e->used = ++c->tick;
            hit = 1;
        }
        break;
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

void srv_cache_put(srv_cache *c, const char *key, uint64_t stamp, const srv_out *o)
{
    if (o->status != 200 || o->b.oom || o->b.len > SRV_CACHE_BYTES / 4)
        return;
    char *k = strdup(key), *body = malloc(o->b.len ? o->b.len : 1);
    if (!k || !body) {
        free(k);
        free(body);
        return;
    }
    memcpy(body, o->b.p, o->b.len);
    pthread_mutex_lock(&c->lock);
    /* the same key replaced; room made from the least recently used */
    for (size_t i = 0; i < SRV_CACHE_ENTRIES; i++)
        if (c->e[i].key && !strcmp(c->e[i].key, key))
            drop(c, &c->e[i]);
    for (;;) {
        size_t free_i = SRV_CACHE_ENTRIES, lru = SRV_CACHE_ENTRIES;
        for (size_t i = 0; i < SRV_CACHE_ENTRIES; i++) {
            if (!c->e[i].key) {
                if (free_i == SRV_CACHE_ENTRIES)
                    free_i = i;
            } else if (lru == SRV_CACHE_ENTRIES || c->e[i].used < c->e[lru].used)
                lru = i;
        }
        if (free_i < SRV_CACHE_ENTRIES && c->bytes + o->b.len <= SRV_CACHE_BYTES) {
            centry *e = &c->e[free_i];
            e->key = k;
            e->body = body;
            e->len = o->b.len;
            snprintf(e->ctype, sizeof e->ctype, "%s", o->ctype ? o->ctype : "");
            e->nhdr = o->nhdr;
            memcpy(e->hdr_name, o->hdr_name, sizeof e->hdr_name);
            memcpy(e->hdr_val, o->hdr_val, sizeof e->hdr_val);
            e->stamp = stamp;
            e->used = ++c->tick;
            c->bytes += o->b.len;
            k = body = NULL;
            break;
        }
        if (lru == SRV_CACHE_ENTRIES)
            break;
        drop(c, &c->e[lru]);
    }
    pthread_mutex_unlock(&c->lock);
    free(k);
    free(body);
}
