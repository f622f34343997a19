/* Money: parsing, the one rounding, controlled rounding, shares, formatting. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/money.h"
#include "internal.h"

/* Reads one character of an amount: returns the ASCII equivalent of ASCII and
 * full-width digits, signs, separators and points, 0 for anything else. */
static int amount_char(const char *s, size_t n, size_t *adv)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        *adv = 1;
        return c;
    }
    uint32_t cp;
    int k = yu_utf8_decode(s, n, &cp);
    *adv = (size_t)k;
    if (cp >= 0xFF10 && cp <= 0xFF19)
        return '0' + (int)(cp - 0xFF10);
    switch (cp) {
    case 0xFF0C: return ',';  /* ， */
    case 0xFF0E: return '.';  /* ． */
    case 0xFF0D: return '-';  /* － */
    case 0x2212: return '-';  /* − */
    case 0xFF0B: return '+';  /* ＋ */
    case 0x3000: return ' ';  /* ideographic space */
    case 0x00A0: return ' ';
    default: return 0;
    }
}

yu_status yu_money_parse(const char *s, size_t len, int64_t scale, yu_money *out,
                         const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = NULL;
    size_t i = 0, adv;
    int neg = 0, ndig = 0, nfrac = 0, seen_point = 0, seen_sign = 0, seen_any = 0;
    int trailing_space = 0;
    int64_t ip = 0, fp = 0;
    while (i < len) {
        int c = amount_char(s + i, len - i, &adv);
        i += adv;
        if (c == ' ' || c == '\t') {
            if (seen_any)
                trailing_space = 1;
            continue;
        }
        if (trailing_space) {
            *why = "spaces inside the number";
            return YU_EVALUE;
        }
        if ((c == '-' || c == '+') && !seen_any && !seen_sign) {
            seen_sign = 1;
            neg = c == '-';
            continue;
        }
        seen_any = 1;
        if (c >= '0' && c <= '9') {
            if (seen_point) {
                if (++nfrac > 2) {
                    *why = "more than two decimals";
                    return YU_EVALUE;
                }
                fp = fp * 10 + (c - '0');
            } else {
                if (ip > (INT64_MAX / 10 - 9) / scale) {
                    *why = "number too large";
                    return YU_EVALUE;
                }
                ip = ip * 10 + (c - '0');
            }
            ndig++;
            continue;
        }
        if (c == ',' && !seen_point && ndig > 0)
            continue;
        if (c == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        *why = "not a number";
        return YU_EVALUE;
    }
    if (!ndig) {
        *why = seen_any || seen_sign ? "not a number" : "empty";
        return YU_EVALUE;
    }
    while (nfrac < 2) {
        fp *= 10;
        nfrac++;
    }
    /* scale is 分 per unit; the two decimals are hundredths of the unit */
    if (scale % 100 && fp) {
        *why = "unit cannot hold decimals";
        return YU_EVALUE;
    }
    int64_t fv = fp * (scale / 100);
    if (ip > (INT64_MAX - fv) / scale) {
        *why = "number too large";
        return YU_EVALUE;
    }
    int64_t v = ip * scale + fv;
    *out = neg ? -v : v;
    return YU_OK;
}

int yu_money_add(yu_money *acc, yu_money v)
{
    if (v > YU_MONEY_SUM_MAX || v < -YU_MONEY_SUM_MAX)
        return -1;
    yu_money r = *acc + v; /* both within INT64_MAX / 32 after the checks: no overflow */
    if (*acc > YU_MONEY_SUM_MAX || *acc < -YU_MONEY_SUM_MAX || r > YU_MONEY_SUM_MAX || r < -YU_MONEY_SUM_MAX)
        return -1;
    *acc = r;
    return 0;
}

int64_t yu_round_units(yu_money fen, int64_t unit)
{
    if (unit <= 1)
        return fen;
    int64_t q = fen / unit, r = fen % unit;
    if (r < 0)
        r = -r;
    if (2 * r >= unit)
        q += fen < 0 ? -1 : 1;
    return q;
}

typedef struct { int64_t rem; size_t i; } remi;

static int rem_cmp(const void *a, const void *b)
{
    const remi *x = a, *y = b;
    if (x->rem != y->rem)
        return x->rem > y->rem ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Largest remainder over non-negative parts (negative parts are rounded alone). */
yu_status yu_alloc_round(int64_t total_units, const yu_money *vals, size_t n,
                         int64_t unit, int64_t *out)
{
    if (!n)
        return YU_OK;
    if (unit <= 1) {
        for (size_t i = 0; i < n; i++)
            out[i] = vals[i];
        return YU_OK;
    }
    remi *r = malloc(n * sizeof *r);
    if (!r)
        return YU_ENOMEM;
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t v = vals[i];
        int64_t q = v >= 0 ? v / unit : -((-v + unit - 1) / unit); /* floor */
        out[i] = q;
        r[i].rem = v - q * unit;
        r[i].i = i;
        sum += q;
    }
    int64_t left = total_units - sum;
    if (left != 0) {
        /* give units to the largest remainders, take them from the smallest */
        qsort(r, n, sizeof *r, rem_cmp);
        for (size_t k = 0; left > 0; k = (k + 1) % n, left--)
            out[r[k].i]++;
        for (size_t k = 0; left < 0; k = (k + 1) % n, left++)
            out[r[n - 1 - k].i]--;
    }
    free(r);
    return YU_OK;
}

yu_status yu_shares_bp(const yu_money *vals, size_t n, int64_t *out_bp)
{
    __int128 sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += vals[i];
    if (sum == 0) {
        for (size_t i = 0; i < n; i++)
            out_bp[i] = 0;
        return YU_OK;
    }
    /* scale every part to 1/10^6 bp precision then allocate 10000 bp */
    yu_money *scaled = malloc(n * sizeof *scaled);
    if (!scaled)
        return YU_ENOMEM;
    const int64_t U = 1000000;
    for (size_t i = 0; i < n; i++)
        scaled[i] = (yu_money)(((__int128)vals[i] * 10000 * U) / sum);
    yu_status st = yu_alloc_round(10000, scaled, n, U, out_bp);
    free(scaled);
    return st;
}

int64_t yu_change_bp(yu_money cur, yu_money prev, int *defined)
{
    if (prev == 0) {
        if (defined)
            *defined = 0;
        return 0;
    }
    if (defined)
        *defined = 1;
    __int128 num = (__int128)(cur - prev) * 10000;
    __int128 q = num / prev, r = num % prev;
    if (r < 0)
        r = -r;
    __int128 ap = prev < 0 ? -(__int128)prev : prev;
    int neg = (num < 0) != (prev < 0);
    if (2 * r >= ap)
        q += neg ? -1 : 1;
    return (int64_t)q;
}

char *yu_fmt_units(int64_t units, int decimals, yu_numfmt style, char *buf, size_t n)
{
    char digits[32];
    uint64_t a = units < 0 ? (uint64_t)(-(units + 1)) + 1 : (uint64_t)units;
    uint64_t p10 = 1;
    for (int i = 0; i < decimals; i++)
        p10 *= 10;
    uint64_t ip = a / p10, fp = a % p10;
    /* the integer part's digits, written by hand: every figure of every
     * document passes here (snprintf was most of its cost) */
    size_t nd = 0;
    do {
        digits[sizeof digits - 1 - nd++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    memmove(digits, digits + sizeof digits - nd, nd);
    char out[64];
    size_t k = 0;
    if (units < 0)
        out[k++] = '-';
    for (size_t i = 0; i < nd; i++) {
        if (style != YU_NUM_PLAIN && i && (nd - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    if (decimals > 0) {
        char frac[24];
        int fl = decimals > 18 ? 18 : decimals;
        for (int i = fl - 1; i >= 0; i--) {
            frac[i] = (char)('0' + fp % 10);
            fp /= 10;
        }
        if (style == YU_NUM_PROSE)
            while (fl > 0 && frac[fl - 1] == '0')
                fl--;
        if (fl > 0) {
            out[k++] = '.';
            memcpy(out + k, frac, (size_t)fl);
            k += (size_t)fl;
        }
    }
    out[k] = 0;
    if (n) { /* as snprintf(buf, n, "%s", out): cut to fit */
        if (k >= n)
            k = n - 1;
        memcpy(buf, out, k);
        buf[k] = 0;
    }
    return buf;
}

const char *yu_money_unit(int64_t fen)
{
    static const struct { int64_t fen; const char *name; } u[] = {
        {100000000, "亿元"}, {10000, "万元"}, {1000, "千元"}};
    if (fen <= 0)
        return NULL;
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        if (fen >= u[i].fen)
            return u[i].name;
    return "元";
}
