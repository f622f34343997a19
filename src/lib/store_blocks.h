/* Line blocks and the year's key dictionary (docs/store.md "Line blocks", schema version 12):
 * internal to the store (store.c, store_schema.c, store_import.c, store_blocks.c, store_admin.c). */
#ifndef YU_STORE_BLOCKS_H
#define YU_STORE_BLOCKS_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "yusuan/model.h"
#include "yusuan/store.h"

/* A block of m = nlines + 2 × nprior items, little-endian:
 *   a head: u32 YU_BLOCK_SUMS, u32 0, then the budget's funds, 三公 and procurement (YU_BLOCK_SUMS × i64,
 *                   in the order of yu_fund, yu_sangong, yu_proc: what a year's load needs beside the items),
 *   m × u32 key id (into the year's dictionary: the line items in seq order, then for each
 *                   prior row its 执行数 key (YU_CUBE_PRIOR, func) and its 扣除基建 key
 *                   (YU_CUBE_PRIOR_EX, func)),
 *   m × i64 amount (分),
 *   nlines × i32 project (index into the budget's projects, -1: none) — only when some line
 *                   item has a project.
 * The first two columns are exactly the admin's lkey/lamt block of the budget's node. */
#define YU_BLOCK_SUMS (YU_F_COUNT + YU_SG_COUNT + YU_P_COUNT)
#define YU_BLOCK_HEAD (8 + 8 * YU_BLOCK_SUMS)
#define YU_BLOCK_KEY 4
#define YU_BLOCK_AMT 8
#define YU_BLOCK_PROJ 4

/* The key dictionary of one year: id → key; ids dense from 0, append only. */
typedef struct yu__keydict {
    int year;
    size_t n, cap;
    yu_cube_key *k;
    uint32_t *hash; /* id + 1, open addressing */
    size_t mask;
} yu__keydict;

/* 1 when the budget's line items fit a block (func < 2^24, type and source in range, jijian 0/1:
 * what the admin's packed keys hold); otherwise the budget keeps its rows only. */
int yu__block_fits(const yu_line *l, size_t n);

/* The dictionary of `year`, read (or brought up to date) from year_keys; NULL on a database error
 * or out of memory.  Cached by the store until yu__keys_forget. */
yu__keydict *yu__keys_year(yu_store *s, int year);
/* Drops the cached dictionaries (after a rollback: keys added in it are gone). */
void yu__keys_forget(yu_store *s);
/* Frees every cached dictionary (store close). */
void yu__keys_free(yu_store *s);

/* Writes the block of budget `id` (year b->year; replacing one there), adding the keys the year's
 * dictionary lacks (in the caller's transaction).  Nothing when the lines do not fit.  0 or -1
 * (a database error: sqlite3_errmsg, or out of memory). */
int yu__block_put(yu_store *s, int64_t id, const yu_budget *b);

/* The head's funds, 三公 and procurement into the three arrays (YU_F_COUNT, YU_SG_COUNT, YU_P_COUNT);
 * -1 when the head is not one of this schema. */
int yu__block_head(const unsigned char *p, yu_money *funds, yu_money *sangong, yu_money *proc);

/* Decodes a block (bytes long) of nlines line items and nprior prior rows into b->lines
 * (room for nlines) and b->prior.  0; -1 when the block is damaged; -2 out of memory. */
int yu__block_decode(const yu__keydict *d, const unsigned char *p, size_t bytes, size_t nlines, size_t nprior,
                     yu_budget *b);

/* Bytes of a block without (proj 0) or with (proj 1) its project column (with its head). */
size_t yu__block_bytes(size_t nlines, size_t nprior, int proj);

/* 1 on a little-endian machine (blocks are read into place there; swapped elsewhere). */
int yu__little_endian(void);
void yu__swap32(uint32_t *v, size_t n);
void yu__swap64(int64_t *v, size_t n);

/* Budget id's funds, 三公 and procurement read from their tables (a budget without a block). 0 or -1. */
int yu__block_sums(yu_store *s, int64_t id, yu_money *funds, yu_money *sangong, yu_money *proc);

/* Migration 11: the key dictionaries and a block for every stored budget, from its rows. 0 or -1. */
int yu__blocks_fill(yu_store *s);

#endif
