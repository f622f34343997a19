/* Line items of a stored budget as one compact block (docs/store.md "Line blocks"):
 * internal to the store (store.c, store_schema.c, store_import.c, store_blocks.c, store_admin.c). */
#ifndef YU_STORE_BLOCKS_H
#define YU_STORE_BLOCKS_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "yusuan/model.h"

/* Bytes of one packed line item: func|type|source|jijian (u32), econ (u32),
 * project (i32), amount (i64), little-endian. */
#define YU_BLOCK_REC 20

/* 1 when every line item fits the packed record (func < 2^24, type < 8,
 * source < 16, jijian 0/1, econ < 2^32). */
int yu__block_fits(const yu_line *l, size_t n);

/* Packs n line items into out (n * YU_BLOCK_REC bytes). */
void yu__block_pack(const yu_line *l, size_t n, unsigned char *out);

/* Unpacks n records into l; -1 when a record is invalid (type or source out of range). */
int yu__block_unpack(const unsigned char *in, size_t n, yu_line *l);

/* Writes the block of budget `id` (replacing one there); nothing when the
 * lines do not fit the record (the loader reads the rows then).  0 or -1
 * (a database error: sqlite3_errmsg). */
int yu__block_put(sqlite3 *db, sqlite3_stmt *ins, int64_t id, const yu_line *l, size_t n);

/* Migration 6: a block for every stored budget, from its rows. 0 or -1. */
int yu__blocks_fill(sqlite3 *db);

#endif
