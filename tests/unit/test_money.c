/* Unit tests: money parsing, the one rounding, controlled rounding, shares,
 * year-on-year change and number formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include "yusuan/yusuan.h"

#define YUAN YU_FEN_PER_YUAN
#define WAN YU_FEN_PER_WAN

/* parses s (whole string) and asserts success with the exact value */
static void ok(const char *s, int64_t scale, yu_money want)
{
    yu_money v = 12345;
    const char *why = "untouched";
    yu_status st = yu_money_parse(s, strlen(s), scale, &v, &why);
    if (st != YU_OK)
        fail_msg("'%s' scale %lld: status %d (%s)", s, (long long)scale, st, why ? why : "");
    assert_int_equal(v, want);
    assert_null(why);
}

/* asserts a refusal with the exact reason; the output is left alone */
static void bad(const char *s, int64_t scale, const char *want_why)
{
    yu_money v = 777;
    const char *why = NULL;
    yu_status st = yu_money_parse(s, strlen(s), scale, &v, &why);
    if (st != YU_EVALUE)
        fail_msg("'%s' was accepted (status %d, value %lld)", s, st, (long long)v);
    assert_non_null(why);
    assert_string_equal(why, want_why);
    assert_int_equal(v, 777);
}

static void test_parse_wan(void **state)
{
    (void)state;
    ok("1,368.00", WAN, 1368000000LL);
    ok("1368", WAN, 1368000000LL);
    ok("47,442.55", WAN, 47442550000LL);
    ok("0.5", WAN, 500000);
    ok("0.01", WAN, 10000);
    ok("137.35", WAN, 137350000);
    ok("0", WAN, 0);
}

static void test_parse_yuan(void **state)
{
    (void)state;
    ok("47,442.55", YUAN, 4744255);
    ok("0.5", YUAN, 50);
    ok("  12 ", YUAN, 1200);
    ok("\t12\t", YUAN, 1200);
    ok("3,333.33", YUAN, 333333);
    ok(".5", YUAN, 50);
    ok("5.", YUAN, 500);
    ok("+7", YUAN, 700);
}

static void test_parse_fullwidth(void **state)
{
    (void)state;
    ok("１，３６８．５０", YUAN, 136850);
    ok("１，３６８．５０", WAN, 1368500000LL);
    ok("１３６８", WAN, 1368000000LL);
    /* ideographic spaces around the number */
    ok("\xE3\x80\x80" "12" "\xE3\x80\x80", YUAN, 1200);
    /* full-width minus sign */
    ok("－３", YUAN, -300);
}

static void test_parse_negative(void **state)
{
    (void)state;
    /* the parser accepts a sign; the package loader refuses negatives */
    ok("-3", YUAN, -300);
    ok("-3", WAN, -3000000);
    ok("-1,368.5", WAN, -1368500000LL);
    ok(" -0.01 ", YUAN, -1);
}

static void test_parse_len_respected(void **state)
{
    (void)state;
    yu_money v = 0;
    const char *why;
    /* only the first 3 bytes are read */
    assert_int_equal(yu_money_parse("12345", 3, YUAN, &v, &why), YU_OK);
    assert_int_equal(v, 12300);
    /* why may be NULL */
    assert_int_equal(yu_money_parse("12a", 3, YUAN, &v, NULL), YU_EVALUE);
    assert_int_equal(yu_money_parse("12", 2, YUAN, &v, NULL), YU_OK);
    assert_int_equal(v, 1200);
}

static void test_parse_errors(void **state)
{
    (void)state;
    bad("1.234", YUAN, "more than two decimals");
    bad("1.234", WAN, "more than two decimals");
    bad("12a", YUAN, "not a number");
    bad("1..2", YUAN, "not a number");
    bad("abc", YUAN, "not a number");
    bad("-", YUAN, "not a number");
    bad("3-", YUAN, "not a number");
    bad("--3", YUAN, "not a number");
    bad(",5", YUAN, "not a number");
    bad("１２ａ", YUAN, "not a number");
    bad("", YUAN, "empty");
    bad("   ", YUAN, "empty");
    bad("1 2", YUAN, "spaces inside the number");
    bad("1,368 .00", WAN, "spaces inside the number");
    bad("9,999,999,999,999", WAN, "number too large");
}

static void test_parse_odd_scale(void **state)
{
    (void)state;
    /* a unit of one 分 cannot hold decimals */
    bad("1.5", 1, "unit cannot hold decimals");
    ok("15", 1, 15);
}

static void test_round_units(void **state)
{
    (void)state;
    assert_int_equal(yu_round_units(14999, 10000), 1);
    assert_int_equal(yu_round_units(15000, 10000), 2);
    assert_int_equal(yu_round_units(25000, 10000), 3); /* not to even */
    assert_int_equal(yu_round_units(5000, 10000), 1);
    assert_int_equal(yu_round_units(4999, 10000), 0);
    assert_int_equal(yu_round_units(0, 10000), 0);
    assert_int_equal(yu_round_units(-14999, 10000), -1);
    assert_int_equal(yu_round_units(-15000, 10000), -2);
    assert_int_equal(yu_round_units(-5000, 10000), -1);
    assert_int_equal(yu_round_units(-4999, 10000), 0);
    assert_int_equal(yu_round_units(1368000000LL, 10000), 136800);
    assert_int_equal(yu_round_units(333333, 10000), 33);
    assert_int_equal(yu_round_units(12345, 1), 12345);
    assert_int_equal(yu_round_units(-12345, 1), -12345);
    assert_int_equal(yu_round_units(150, 100), 2);
}

static void test_alloc_round_largest_remainder(void **state)
{
    (void)state;
    /* 33.3333 + 33.3333 + 33.3334 = 100: the largest remainder gets the unit */
    yu_money v[3] = {333333, 333333, 333334};
    int64_t out[3] = {-1, -1, -1};
    assert_int_equal(yu_alloc_round(100, v, 3, 10000, out), YU_OK);
    assert_int_equal(out[0], 33);
    assert_int_equal(out[1], 33);
    assert_int_equal(out[2], 34);

    /* remainders 0.2, 0.7, 0.6 and two units to give */
    yu_money w[3] = {12000, 17000, 6000};
    int64_t o2[3];
    assert_int_equal(yu_alloc_round(4, w, 3, 10000, o2), YU_OK);
    assert_int_equal(o2[0], 1);
    assert_int_equal(o2[1], 2);
    assert_int_equal(o2[2], 1);
    assert_int_equal(o2[0] + o2[1] + o2[2], 4);
}

static void test_alloc_round_ties_to_earlier(void **state)
{
    (void)state;
    yu_money v[2] = {15000, 15000};
    int64_t out[2];
    assert_int_equal(yu_alloc_round(3, v, 2, 10000, out), YU_OK);
    assert_int_equal(out[0], 2);
    assert_int_equal(out[1], 1);

    yu_money w[4] = {2500, 2500, 2500, 2500}; /* 4 x 0.25 = 1 */
    int64_t o[4];
    assert_int_equal(yu_alloc_round(1, w, 4, 10000, o), YU_OK);
    assert_int_equal(o[0], 1);
    assert_int_equal(o[1], 0);
    assert_int_equal(o[2], 0);
    assert_int_equal(o[3], 0);
}

static void test_alloc_round_total_below_floors(void **state)
{
    (void)state;
    /* floors 1 + 2 + 0 = 3, but the parent was allocated 2: the smallest
     * remainder (0.5 of the later tie) loses a unit */
    yu_money v[3] = {15000, 25000, 9000};
    int64_t out[3];
    assert_int_equal(yu_alloc_round(2, v, 3, 10000, out), YU_OK);
    assert_int_equal(out[0], 1);
    assert_int_equal(out[1], 1);
    assert_int_equal(out[2], 0);
    assert_int_equal(out[0] + out[1] + out[2], 2);
}

static void test_alloc_round_sum_and_bounds(void **state)
{
    (void)state;
    /* many parts: the sum is exact and each part is its floor or ceiling */
    enum { N = 37 };
    yu_money v[N];
    yu_money tot = 0;
    for (int i = 0; i < N; i++) {
        v[i] = (yu_money)(i * 7919 % 23456 + 1);
        tot += v[i];
    }
    int64_t total = yu_round_units(tot, 1000);
    int64_t out[N];
    assert_int_equal(yu_alloc_round(total, v, N, 1000, out), YU_OK);
    int64_t s = 0;
    for (int i = 0; i < N; i++) {
        int64_t fl = v[i] / 1000;
        assert_true(out[i] == fl || out[i] == fl + 1);
        s += out[i];
    }
    assert_int_equal(s, total);
}

static void test_alloc_round_degenerate(void **state)
{
    (void)state;
    int64_t out[2] = {9, 9};
    assert_int_equal(yu_alloc_round(0, NULL, 0, 10000, out), YU_OK);
    assert_int_equal(out[0], 9);
    yu_money v[2] = {123, 456};
    assert_int_equal(yu_alloc_round(579, v, 2, 1, out), YU_OK);
    assert_int_equal(out[0], 123);
    assert_int_equal(out[1], 456);
}

static void test_shares_seed(void **state)
{
    (void)state;
    /* 上年结转 18,374.55, 一般公共预算 1,368, 事业收入 5,000, 其他收入 22,700 of 47,442.55 */
    yu_money v[4] = {1837455, 136800, 500000, 2270000};
    int64_t bp[4];
    assert_int_equal(yu_shares_bp(v, 4, bp), YU_OK);
    assert_int_equal(bp[0], 3873);
    assert_int_equal(bp[1], 288);
    assert_int_equal(bp[2], 1054);
    assert_int_equal(bp[3], 4785);
    assert_int_equal(bp[0] + bp[1] + bp[2] + bp[3], 10000);

    yu_money w[2] = {1464000, 1456535};
    int64_t b2[2];
    assert_int_equal(yu_shares_bp(w, 2, b2), YU_OK);
    assert_int_equal(b2[0], 5013);
    assert_int_equal(b2[1], 4987);
}

static void test_shares_zero_and_equal(void **state)
{
    (void)state;
    yu_money z[3] = {0, 0, 0};
    int64_t bp[3] = {5, 5, 5};
    assert_int_equal(yu_shares_bp(z, 3, bp), YU_OK);
    assert_int_equal(bp[0], 0);
    assert_int_equal(bp[1], 0);
    assert_int_equal(bp[2], 0);

    yu_money e[3] = {100, 100, 100};
    assert_int_equal(yu_shares_bp(e, 3, bp), YU_OK);
    assert_int_equal(bp[0], 3334);
    assert_int_equal(bp[1], 3333);
    assert_int_equal(bp[2], 3333);

    yu_money one[2] = {0, 42};
    int64_t b1[2];
    assert_int_equal(yu_shares_bp(one, 2, b1), YU_OK);
    assert_int_equal(b1[0], 0);
    assert_int_equal(b1[1], 10000);
}

static void test_change_bp(void **state)
{
    (void)state;
    int def = -1;
    assert_int_equal(yu_change_bp(136800, 63700, &def), 11476);
    assert_int_equal(def, 1);
    def = -1;
    assert_int_equal(yu_change_bp(0, 63700, &def), -10000);
    assert_int_equal(def, 1);
    def = -1;
    assert_int_equal(yu_change_bp(5, 0, &def), 0);
    assert_int_equal(def, 0);
    assert_int_equal(yu_change_bp(0, 0, NULL), 0);
    assert_int_equal(yu_change_bp(3, 2, NULL), 5000);
    assert_int_equal(yu_change_bp(1, 3, NULL), -6667);        /* -6666.67 */
    assert_int_equal(yu_change_bp(1, 20000, NULL), -10000);   /* -9999.5: away from zero */
    assert_int_equal(yu_change_bp(20001, 20000, NULL), 1);    /* 0.5: away from zero */
    assert_int_equal(yu_change_bp(19999, 20000, NULL), -1);   /* -0.5: away from zero */
    assert_int_equal(yu_change_bp(40001, 40000, NULL), 0);    /* 0.25 */
    assert_int_equal(yu_change_bp(21000, 20000, NULL), 500);  /* +5% */
    assert_int_equal(yu_change_bp(100, 100, NULL), 0);
}

static void test_fmt_table(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(yu_fmt_units(136800, 2, YU_NUM_TABLE, b, sizeof b), "1,368.00");
    assert_string_equal(yu_fmt_units(-63700, 2, YU_NUM_TABLE, b, sizeof b), "-637.00");
    assert_string_equal(yu_fmt_units(0, 2, YU_NUM_TABLE, b, sizeof b), "0.00");
    assert_string_equal(yu_fmt_units(123456789, 2, YU_NUM_TABLE, b, sizeof b), "1,234,567.89");
    assert_string_equal(yu_fmt_units(5, 2, YU_NUM_TABLE, b, sizeof b), "0.05");
    assert_string_equal(yu_fmt_units(-5, 2, YU_NUM_TABLE, b, sizeof b), "-0.05");
    assert_string_equal(yu_fmt_units(99999, 2, YU_NUM_TABLE, b, sizeof b), "999.99");
    assert_string_equal(yu_fmt_units(100000, 2, YU_NUM_TABLE, b, sizeof b), "1,000.00");
    assert_string_equal(yu_fmt_units(INT64_MIN, 2, YU_NUM_TABLE, b, sizeof b),
                        "-92,233,720,368,547,758.08");
}

static void test_fmt_prose(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(yu_fmt_units(136800, 2, YU_NUM_PROSE, b, sizeof b), "1,368");
    assert_string_equal(yu_fmt_units(74940, 2, YU_NUM_PROSE, b, sizeof b), "749.4");
    assert_string_equal(yu_fmt_units(5, 2, YU_NUM_PROSE, b, sizeof b), "0.05");
    assert_string_equal(yu_fmt_units(0, 2, YU_NUM_PROSE, b, sizeof b), "0");
    assert_string_equal(yu_fmt_units(-73100, 2, YU_NUM_PROSE, b, sizeof b), "-731");
}

static void test_fmt_plain_and_decimals(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(yu_fmt_units(136800, 2, YU_NUM_PLAIN, b, sizeof b), "1368.00");
    assert_string_equal(yu_fmt_units(123456789, 2, YU_NUM_PLAIN, b, sizeof b), "1234567.89");
    assert_string_equal(yu_fmt_units(1234567, 0, YU_NUM_TABLE, b, sizeof b), "1,234,567");
    assert_string_equal(yu_fmt_units(1234567, 0, YU_NUM_PLAIN, b, sizeof b), "1234567");
    assert_string_equal(yu_fmt_units(1234567, 0, YU_NUM_PROSE, b, sizeof b), "1,234,567");
    assert_string_equal(yu_fmt_units(-7, 0, YU_NUM_TABLE, b, sizeof b), "-7");
    assert_string_equal(yu_fmt_units(12345, 4, YU_NUM_TABLE, b, sizeof b), "1.2345");
    assert_string_equal(yu_fmt_units(12300, 4, YU_NUM_PROSE, b, sizeof b), "1.23");
    /* a short buffer is truncated, NUL-terminated */
    char s[5];
    assert_string_equal(yu_fmt_units(136800, 2, YU_NUM_TABLE, s, sizeof s), "1,36");
}

/* the unit a figure of fen 分 per digit is in: the CLI's and the server's one mapping */
static void test_money_unit(void **state)
{
    (void)state;
    assert_null(yu_money_unit(0));
    assert_null(yu_money_unit(-100));
    assert_string_equal(yu_money_unit(1), "元");        /* 元 with two decimals */
    assert_string_equal(yu_money_unit(100), "元");      /* whole 元 */
    assert_string_equal(yu_money_unit(1000), "千元");   /* 千元 with one decimal */
    assert_string_equal(yu_money_unit(10000), "万元");  /* 万元 with two decimals */
    assert_string_equal(yu_money_unit(1000000), "万元"); /* whole 万元 */
    assert_string_equal(yu_money_unit(99999999), "万元");
    assert_string_equal(yu_money_unit(100000000), "亿元");
    assert_string_equal(yu_money_unit(INT64_MAX), "亿元");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_wan),
        cmocka_unit_test(test_parse_yuan),
        cmocka_unit_test(test_parse_fullwidth),
        cmocka_unit_test(test_parse_negative),
        cmocka_unit_test(test_parse_len_respected),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_odd_scale),
        cmocka_unit_test(test_round_units),
        cmocka_unit_test(test_alloc_round_largest_remainder),
        cmocka_unit_test(test_alloc_round_ties_to_earlier),
        cmocka_unit_test(test_alloc_round_total_below_floors),
        cmocka_unit_test(test_alloc_round_sum_and_bounds),
        cmocka_unit_test(test_alloc_round_degenerate),
        cmocka_unit_test(test_shares_seed),
        cmocka_unit_test(test_shares_zero_and_equal),
        cmocka_unit_test(test_change_bp),
        cmocka_unit_test(test_fmt_table),
        cmocka_unit_test(test_fmt_prose),
        cmocka_unit_test(test_fmt_plain_and_decimals),
        cmocka_unit_test(test_money_unit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
