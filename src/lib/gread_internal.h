/* Shared by gread.c (reading any disclosure) and infer.c (its identities).
 * Internal to libyusuan. */
#ifndef YU_GREAD_INTERNAL_H
#define YU_GREAD_INTERNAL_H

#include <stddef.h>

/* The numbering a canonical label starts with: 一、 → 1, (一) → 2, 1. or
 * 1、 → 3, (1) → 4; *len its length in bytes.  0 when none. */
int yu_gr_numbering(const char *norm, size_t *len);

struct yu_gdoc;
struct yu_vocab;
/* Reads the performance forms among d's tables into d->forms (gperf.c);
 * called by yu_read_any once the tables and lines are in place. */
int yu_gr_read_forms(struct yu_gdoc *d, const struct yu_vocab *v);

#endif
