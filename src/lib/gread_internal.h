/* Shared by gread.c (reading any disclosure) and infer.c (its identities).
 * Internal to libyusuan. */
#ifndef YU_GREAD_INTERNAL_H
#define YU_GREAD_INTERNAL_H

#include <stddef.h>

/* The numbering a canonical label starts with: 一、 → 1, (一) → 2, 1. or
 * 1、 → 3, (1) → 4; *len its length in bytes.  0 when none. */
int yu_gr_numbering(const char *norm, size_t *len);

#endif
