/* yusuan — money.
 *
 * Money is int64_t 分 (fen) everywhere.  Published figures are shown in a
 * display unit (万元 with two decimals in most templates, 元 with two
 * decimals in Shanghai's); the conversion from 分 to display units happens in
 * exactly one place, yu_round_units(), and the controlled rounding that keeps
 * rounded tables adding up is yu_alloc_round(). */
#ifndef YUSUAN_MONEY_H
#define YUSUAN_MONEY_H

#include <stdint.h>
#include <stddef.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int64_t yu_money; /* an amount in 分 */

#define YU_FEN_PER_YUAN 100
#define YU_FEN_PER_WAN 1000000

/* Parses a decimal amount written in an input unit worth `scale` 分
 * (100 for 元, 1000000 for 万元): optional sign, ASCII or full-width digits,
 * thousands separators (, ，), at most two decimals, surrounding spaces.
 * Returns YU_OK, or YU_EVALUE with *why set to an English reason. */
yu_status yu_money_parse(const char *s, size_t len, int64_t scale,
                         yu_money *out, const char **why);

/* The largest sum of the absolute amounts of one budget (or of every budget
 * consolidated together) that yusuan computes with: INT64_MAX / 32 分, about
 * 2,882 万亿元.  Every figure derived from amounts within it (totals, totals of
 * totals, consolidated sums) fits in int64_t; loaders and the engine refuse
 * input beyond it with a located error instead of computing wrapped sums. */
#define YU_MONEY_SUM_MAX (INT64_MAX / 32)

/* Checked addition: *acc += v.  Returns 0, or -1 (and leaves *acc alone) when
 * the sum would leave [-YU_MONEY_SUM_MAX, YU_MONEY_SUM_MAX]. */
int yu_money_add(yu_money *acc, yu_money v);

/* Rounds fen to a count of display units of `unit` 分 each, half away from
 * zero.  The only rounding of money in yusuan. */
int64_t yu_round_units(yu_money fen, int64_t unit);

/* Controlled rounding (largest remainder): splits `total_units` (the rounded
 * value of the parent) into out[i] for the n parts vals[i] (in 分), such that
 * out[] sums to total_units and each out[i] is vals[i]/unit rounded down or up.
 * Ties go to the earlier part.  Returns YU_ENOMEM on allocation failure. */
yu_status yu_alloc_round(int64_t total_units, const yu_money *vals, size_t n,
                         int64_t unit, int64_t *out);

/* Shares in basis points (1/100 of a percent) of vals[] in their sum, summing
 * to exactly 10000 when the sum is non-zero (largest remainder). */
yu_status yu_shares_bp(const yu_money *vals, size_t n, int64_t *out_bp);

/* Year-on-year change in basis points: (cur - prev) / prev, rounded half away
 * from zero.  Returns 0 and sets *defined = 0 when prev is 0. */
int64_t yu_change_bp(yu_money cur, yu_money prev, int *defined);

/* Formatting styles for display units with `decimals` decimals. */
typedef enum yu_numfmt {
    YU_NUM_TABLE,  /* 1,368.00  — thousands separators, all decimals */
    YU_NUM_PROSE,  /* 1,368 / 749.4 — trailing zeros dropped, as narrative text */
    YU_NUM_PLAIN   /* 1368.00 — no separators (CSV, JSON strings) */
} yu_numfmt;

/* Formats `units` (display units, i.e. value * 10^decimals) into buf.
 * Returns buf. buf must hold at least 32 bytes. */
char *yu_fmt_units(int64_t units, int decimals, yu_numfmt style, char *buf,
                   size_t n);

/* The unit a figure printed with `fen` 分 per last digit is in: the largest of
 * 元 千元 万元 亿元 whose hundredth it reaches (1 and 100: 元; 10000 and
 * 1000000: 万元; 100000000: 亿元); NULL when fen <= 0. One mapping for the
 * CLI's and the server's findings (money_unit beside fen_per_figure). */
const char *yu_money_unit(int64_t fen);

#ifdef __cplusplus
}
#endif

#endif
