/* Every node's budget in one run (yusuan report --db PATH --all): the store is
 * read once, each node of the tree is consolidated over its subtree as
 * yu_store_report_budget does it, and handed to a callback on worker threads
 * (docs/store.md "Every node's documents"). */
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sqlite3.h>
#include "store_int.h"
#include "internal.h"

/* ---- the canonical order of a subtree ---- */

typedef struct idpair {
    int64_t id;
    int32_t idx;
} idpair;

static int cmp_idpair(const void *a, const void *b)
{
    const idpair *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

void yu__kids_free(yu__kids *k)
{
    free(k->st);
    free(k->ls);
    k->st = k->ls = NULL;
}

int yu__kids_build(const tree *t, yu__kids *k)
{
    k->st = calloc(t->n + 2, sizeof *k->st);
    k->ls = malloc((t->n ? t->n : 1) * sizeof *k->ls);
    idpair *v = malloc((t->n ? t->n : 1) * sizeof *v);
    if (!k->st || !k->ls || !v) {
        free(v);
        yu__kids_free(k);
        return -1;
    }
    for (size_t i = 0; i < t->n; i++) {
        v[i].id = t->v[i].id;
        v[i].idx = (int32_t)i;
        if (t->v[i].pidx >= 0)
            k->st[t->v[i].pidx + 2]++;
    }
    qsort(v, t->n, sizeof *v, cmp_idpair);
    for (size_t i = 0; i < t->n; i++)
        k->st[i + 2] += k->st[i + 1];
    /* st[p + 1] is the next free slot of p's list while filling; st[p] its start afterwards */
    for (size_t j = 0; j < t->n; j++) {
        int32_t p = t->v[v[j].idx].pidx;
        if (p >= 0)
            k->ls[k->st[p + 1]++] = (uint32_t)v[j].idx;
    }
    free(v);
    return 0;
}

size_t yu__subtree_order(const tree *t, const yu__kids *k, int32_t root, int32_t *out, int32_t *parent,
                         int32_t *pos, int32_t *stack)
{
    size_t m = 0, sp = 0;
    stack[sp++] = root;
    while (sp) {
        int32_t x = stack[--sp];
        pos[x] = (int32_t)m;
        out[m] = x;
        parent[m] = x == root ? -1 : pos[t->v[x].pidx];
        m++;
        /* children pushed last first: the smallest id comes out next */
        for (uint32_t c = k->st[x + 1]; c > k->st[x] && sp < t->n; c--)
            stack[sp++] = (int32_t)k->ls[c - 1];
    }
    return m;
}

/* ---- the run ---- */

typedef struct run {
    const tree *t;
    const yu__kids *k;
    yu_budget **bb, **ff, **rep; /* per tree node: budget, final accounts of year - 1, its own report */
    const uint32_t *cnt;         /* budgets in the subtree */
    const int32_t *todo;
    size_t ntodo, next, done;
    const yu_report_all_opts *o;
    pthread_mutex_t mu;
    int stop;
    yu_status rc;
    yu_error err;
} run;

static yu_status one_node(run *R, int32_t x, yu_cons_node *nodes, int32_t *buf, yu_error *err)
{
    const tree *t = R->t;
    if (R->cnt[x] == 1 && R->bb[x]) /* a unit alone: as stored (prior from its final accounts) */
        return R->o->emit(R->o->ctx, t->v[x].code, R->rep[x] ? R->rep[x] : R->bb[x], NULL, err);
    size_t m = yu__subtree_order(t, R->k, x, buf, buf + t->n, buf + 2 * t->n, buf + 3 * t->n);
    for (size_t j = 0; j < m; j++) {
        const tnode *v = &t->v[buf[j]];
        nodes[j].code = v->code;
        nodes[j].name = v->name;
        nodes[j].dept_code = v->dept_code;
        nodes[j].dept_name = v->dept_name;
        nodes[j].parent = buf[t->n + j];
        nodes[j].b = R->bb[buf[j]];
        nodes[j].final_prev = R->bb[buf[j]] ? R->ff[buf[j]] : NULL;
    }
    yu_budget *b = NULL;
    yu_warnings w = {0};
    yu_status st = yu_consolidate(nodes, m, &b, NULL, &w, err);
    if (!st)
        st = R->o->emit(R->o->ctx, t->v[x].code, b, &w, err);
    yu_budget_free(b);
    yu_warnings_free(&w);
    return st;
}

static void *worker(void *arg)
{
    run *R = arg;
    const tree *t = R->t;
    yu_cons_node *nodes = calloc(t->n ? t->n : 1, sizeof *nodes);
    int32_t *buf = malloc((t->n ? t->n : 1) * 4 * sizeof *buf);
    yu_error err;
    yu_error_clear(&err);
    yu_status st = nodes && buf ? YU_OK : yu_error_set(&err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    for (;;) {
        pthread_mutex_lock(&R->mu);
        if (st && !R->stop) {
            R->stop = 1;
            R->rc = st;
            R->err = err;
        }
        if (R->stop || R->next == R->ntodo) {
            pthread_mutex_unlock(&R->mu);
            break;
        }
        int32_t x = R->todo[R->next++];
        pthread_mutex_unlock(&R->mu);
        st = one_node(R, x, nodes, buf, &err);
        pthread_mutex_lock(&R->mu);
        R->done++;
        if (!st && R->o->progress)
            R->o->progress(R->o->ctx, R->done, R->ntodo);
        pthread_mutex_unlock(&R->mu);
    }
    free(nodes);
    free(buf);
    return NULL;
}


typedef struct todo_rec {
    uint64_t lines;
    int32_t idx;
} todo_rec;

static int cmp_todo(const void *a, const void *b)
{
    const todo_rec *x = a, *y = b;
    if (x->lines != y->lines)
        return x->lines > y->lines ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int64_t unit_index(const idpair *v, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].id == id ? v[lo].idx : -1;
}

yu_status yu_store_report_all(yu_store *s, int year, const yu_report_all_opts *o, size_t *nnodes, yu_error *err)
{
    yu_error_clear(err);
    if (nnodes)
        *nnodes = 0;
    if (!o || !o->emit)
        return yu_error_set(err, YU_EUSAGE, NULL, 0, 0, "report all: no callback");
    if (yu__need_latest(s, err))
        return YU_EDB;
    sqlite3 *db = yu__sqlite(s);
    const char *path = yu__path(s);
    tree t;
    yu_status rc = yu__tree_load(s, NULL, &t, err);
    if (rc)
        return rc;
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL); /* one consistent snapshot */
    size_t n = t.n ? t.n : 1;
    yu__kids kids = {NULL, NULL};
    idpair *ids = malloc(n * sizeof *ids);
    int64_t *bud = malloc(n * sizeof *bud), *fin = malloc(n * sizeof *fin);
    yu_budget **bb = calloc(n, sizeof *bb), **ff = calloc(n, sizeof *ff), **rep = calloc(n, sizeof *rep);
    uint32_t *cnt = calloc(n, sizeof *cnt);
    uint64_t *lines = calloc(n, sizeof *lines);
    int32_t *ord = malloc(4 * n * sizeof *ord);
    todo_rec *todo = malloc(n * sizeof *todo);
    int32_t *todo_idx = malloc(n * sizeof *todo_idx);
    sqlite3_stmt *st = NULL;
    size_t ntodo = 0;
    if (!ids || !bud || !fin || !bb || !ff || !rep || !cnt || !lines || !ord || !todo || !todo_idx ||
        yu__kids_build(&t, &kids)) {
        rc = yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < t.n; i++) {
        ids[i].id = t.v[i].id;
        ids[i].idx = (int32_t)i;
        bud[i] = fin[i] = -1;
    }
    qsort(ids, t.n, sizeof *ids, cmp_idpair);
    if (sqlite3_prepare_v2(db, "SELECT unit_id, id, kind, year FROM budgets WHERE "
                               "(year = ?1 AND kind = 'budget') OR (year = ?1 - 1 AND kind = 'final')",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = yu_error_set(err, YU_EDB, path, 0, 0, "cannot look up budgets: %s", sqlite3_errmsg(db));
        goto done;
    }
    sqlite3_bind_int(st, 1, year);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t i = unit_index(ids, t.n, sqlite3_column_int64(st, 0));
        const char *k = (const char *)sqlite3_column_text(st, 2);
        if (i < 0 || !k)
            continue;
        if (!strcmp(k, "budget") && sqlite3_column_int(st, 3) == year)
            bud[i] = sqlite3_column_int64(st, 1);
        else if (!strcmp(k, "final") && sqlite3_column_int(st, 3) == year - 1)
            fin[i] = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (r != SQLITE_DONE) {
        rc = yu_error_set(err, YU_EDB, path, 0, 0, "cannot look up budgets: %s", sqlite3_errmsg(db));
        goto done;
    }
    for (size_t i = 0; i < t.n; i++) {
        if (bud[i] < 0)
            continue;
        if ((rc = yu__load_id(s, bud[i], &bb[i], err)))
            goto done;
        if (fin[i] >= 0 && (rc = yu__load_id(s, fin[i], &ff[i], err)))
            goto done;
    }
    /* budgets and line items of every subtree: the roots' orders, children after parents */
    size_t m = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (t.v[i].pidx >= 0)
            continue;
        size_t k = yu__subtree_order(&t, &kids, (int32_t)i, ord + m, ord + n, ord + 2 * n, ord + 3 * n);
        m += k;
    }
    for (size_t j = 0; j < m; j++) {
        int32_t x = ord[j];
        cnt[x] = bb[x] != NULL;
        lines[x] = bb[x] ? bb[x]->nlines : 0;
    }
    for (size_t j = m; j-- > 0;) {
        int32_t x = ord[j], p = t.v[x].pidx;
        if (p >= 0) {
            cnt[p] += cnt[x];
            lines[p] += lines[x];
        }
    }
    for (size_t j = 0; j < m; j++) {
        int32_t x = ord[j];
        if (!cnt[x])
            continue;
        if (cnt[x] == 1 && bb[x] && ff[x]) {
            if ((rc = yu__load_id(s, bud[x], &rep[x], err)))
                goto done;
            if (yu_prior_from_final(rep[x], ff[x])) {
                rc = yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
                goto done;
            }
        }
        todo[ntodo].lines = lines[x] + 1;
        todo[ntodo++].idx = x;
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    qsort(todo, ntodo, sizeof *todo, cmp_todo);
    for (size_t j = 0; j < ntodo; j++)
        todo_idx[j] = todo[j].idx;

    run R;
    memset(&R, 0, sizeof R);
    R.t = &t;
    R.k = &kids;
    R.bb = bb;
    R.ff = ff;
    R.rep = rep;
    R.cnt = cnt;
    R.todo = todo_idx;
    R.ntodo = ntodo;
    R.o = o;
    yu_error_clear(&R.err);
    pthread_mutex_init(&R.mu, NULL);
    unsigned nt = o->threads ? o->threads : 1;
    if (nt > 64)
        nt = 64;
    if (nt > ntodo)
        nt = ntodo ? (unsigned)ntodo : 1;
    pthread_t th[64];
    unsigned started = 0;
    for (unsigned i = 1; i < nt; i++) {
        if (pthread_create(&th[i], NULL, worker, &R))
            break;
        started++;
    }
    worker(&R);
    for (unsigned i = 1; i <= started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&R.mu);
    if (R.rc) {
        rc = R.rc;
        *err = R.err;
    } else if (nnodes)
        *nnodes = ntodo;
done:
    sqlite3_finalize(st);
    if (sqlite3_get_autocommit(db) == 0)
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    for (size_t i = 0; i < t.n; i++) {
        if (bb)
            yu_budget_free(bb[i]);
        if (ff)
            yu_budget_free(ff[i]);
        if (rep)
            yu_budget_free(rep[i]);
    }
    free(ids);
    free(bud);
    free(fin);
    free(bb);
    free(ff);
    free(rep);
    free(cnt);
    free(lines);
    free(ord);
    free(todo);
    free(todo_idx);
    yu__kids_free(&kids);
    yu__tree_free(&t);
    return rc;
}
