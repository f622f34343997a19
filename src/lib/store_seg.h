/* Year segments (docs/store.md "Year segments"): a year of the store as the admin's arrays in one file
 * beside the database, mapped by the next loads.  Internal to the store (store_admin.c, store_seg.c). */
#ifndef YU_STORE_SEG_H
#define YU_STORE_SEG_H

#include <stdint.h>
#include "yusuan/store.h"

/* What a segment must match: the store's identity, schema and the generations of what a year's load reads. */
typedef struct yu__segid {
    char db_id[32];  /* meta db_id (hex), zero padded */
    int32_t schema;  /* PRAGMA user_version */
    int32_t year;
    int64_t tok[3];  /* data_gen tokens: the unit tree (scope 0), the year, the year before (its final accounts) */
} yu__segid;

/* The identity of `year` in the store's current read transaction.  0, or -1 (a database error). */
int yu__seg_id(yu_store *s, int year, yu__segid *id);

/* The segment's path for `year` (malloc'ed): DBPATH-seg/YEAR.seg; NULL for an in-memory or URI database. */
char *yu__seg_path(const char *dbpath, int year);

/* Maps the segment at path and makes it an admin (*out) when it is whole and matches id.
 * 1 loaded; 0 none; -1 stale (another generation or store); -2 damaged (header, sizes, checksums or
 * contents); -3 out of memory. */
int yu__seg_load(const char *path, const yu__segid *id, yu_admin **out);

/* Writes admin a as the segment of id at path: a temporary file in the same directory (created with the
 * database's permissions), fsynced, renamed over path, the directory fsynced.  0, or -1 (nothing written:
 * the directory cannot be created or written, a full disk …). */
int yu__seg_write(const char *path, const char *dbpath, const yu__segid *id, const yu_admin *a);

#endif
