/* Line blocks: every budget's line items as one BLOB of packed 20-byte records
 * (table line_blocks, schema version 9), written by the import in the same
 * transaction as the rows.  Loading a year reads one BLOB per budget instead of
 * one row per line item (docs/store.md "Line blocks"). */
#include <stdlib.h>
#include <string.h>
#include "store_blocks.h"

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

int yu__block_fits(const yu_line *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (l[i].func >= (1u << 24) || l[i].type >= 8 || l[i].source >= 16 || l[i].jijian > 1)
            return 0;
    return 1;
}

void yu__block_pack(const yu_line *l, size_t n, unsigned char *out)
{
    for (size_t i = 0; i < n; i++, out += YU_BLOCK_REC) {
        put32(out, l[i].func | (uint32_t)l[i].type << 24 | (uint32_t)l[i].source << 27 | (uint32_t)l[i].jijian << 31);
        put32(out + 4, l[i].econ);
        put32(out + 8, (uint32_t)l[i].project);
        uint64_t a = (uint64_t)l[i].amount;
        put32(out + 12, (uint32_t)a);
        put32(out + 16, (uint32_t)(a >> 32));
    }
}

int yu__block_unpack(const unsigned char *in, size_t n, yu_line *l)
{
    for (size_t i = 0; i < n; i++, in += YU_BLOCK_REC) {
        uint32_t w = get32(in);
        yu_line *x = &l[i];
        x->func = w & 0xFFFFFFu;
        x->type = (uint8_t)(w >> 24 & 7);
        x->source = (uint8_t)(w >> 27 & 15);
        x->jijian = (uint8_t)(w >> 31);
        x->pad_ = 0;
        x->econ = get32(in + 4);
        x->project = (int32_t)get32(in + 8);
        x->amount = (yu_money)((uint64_t)get32(in + 12) | (uint64_t)get32(in + 16) << 32);
        if (x->type >= YU_T_COUNT || x->source >= YU_S_COUNT || x->project < -1)
            return -1;
    }
    return 0;
}

int yu__block_put(sqlite3 *db, sqlite3_stmt *ins, int64_t id, const yu_line *l, size_t n)
{
    (void)db;
    if (!yu__block_fits(l, n))
        return 0;
    unsigned char *buf = malloc(n ? n * YU_BLOCK_REC : 1);
    if (!buf)
        return -1;
    yu__block_pack(l, n, buf);
    sqlite3_reset(ins);
    sqlite3_bind_int64(ins, 1, id);
    sqlite3_bind_int64(ins, 2, (sqlite3_int64)n);
    int r = sqlite3_bind_blob64(ins, 3, buf, (sqlite3_uint64)n * YU_BLOCK_REC, free);
    if (r == SQLITE_OK)
        r = sqlite3_step(ins);
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    return r == SQLITE_DONE ? 0 : -1;
}

int yu__blocks_fill(sqlite3 *db)
{
    sqlite3_stmt *q = NULL, *ins = NULL;
    yu_line *v = NULL;
    size_t n = 0, cap = 0;
    int64_t cur = -1;
    int rc = -1, r;
    if (sqlite3_prepare_v2(db, "SELECT budget_id, func, type, source, econ, project, jijian, amount FROM lines "
                               "ORDER BY budget_id, seq", -1, &q, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO line_blocks(budget_id, nlines, data) VALUES(?1, ?2, ?3)",
                           -1, &ins, NULL) != SQLITE_OK)
        goto out;
    while ((r = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(q, 0);
        if (id != cur) {
            if (cur >= 0 && yu__block_put(db, ins, cur, v, n))
                goto out;
            cur = id;
            n = 0;
        }
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 1024;
            yu_line *nv = realloc(v, nc * sizeof *nv);
            if (!nv)
                goto out;
            v = nv;
            cap = nc;
        }
        yu_line *l = &v[n++];
        memset(l, 0, sizeof *l);
        l->func = (uint32_t)sqlite3_column_int64(q, 1);
        l->type = (uint8_t)sqlite3_column_int(q, 2);
        l->source = (uint8_t)sqlite3_column_int(q, 3);
        l->econ = (uint32_t)sqlite3_column_int64(q, 4);
        l->project = sqlite3_column_type(q, 5) == SQLITE_NULL ? -1 : sqlite3_column_int(q, 5);
        l->jijian = (uint8_t)sqlite3_column_int(q, 6);
        l->amount = sqlite3_column_int64(q, 7);
    }
    if (r != SQLITE_DONE || (cur >= 0 && yu__block_put(db, ins, cur, v, n)))
        goto out;
    /* budgets without line items: an empty block says so */
    rc = sqlite3_exec(db, "INSERT OR IGNORE INTO line_blocks(budget_id, nlines, data) "
                          "SELECT id, 0, x'' FROM budgets WHERE nlines = 0", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
out:
    free(v);
    sqlite3_finalize(q);
    sqlite3_finalize(ins);
    return rc;
}
