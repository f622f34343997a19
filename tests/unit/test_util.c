/* Unit tests: internal helpers — UTF-8, trimming, Chinese numerals, growable
 * buffers, arenas, atomic file writes and the CSV reader. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>
#include "yusuan/yusuan.h"
#include "internal.h"

/* ---------- temporary directory ---------- */

static char tmpdir[256];

static int make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/yu-test-util-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static void rm_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            rm_tree(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

static int count_entries(const char *dir, const char *contains)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            (!contains || strstr(e->d_name, contains)))
            n++;
    closedir(d);
    return n;
}

/* ---------- UTF-8 ---------- */

static void test_utf8_width(void **state)
{
    (void)state;
    assert_int_equal(yu_utf8_width(""), 0);
    assert_int_equal(yu_utf8_width("abc"), 3);
    assert_int_equal(yu_utf8_width("合计"), 4);
    assert_int_equal(yu_utf8_width("（注）"), 6);
    assert_int_equal(yu_utf8_width("A合计1"), 6);
    assert_int_equal(yu_utf8_width("2020599 其他对外合作与交流支出"), 8 + 22);
    assert_int_equal(yu_utf8_width("１，３６８"), 10);       /* full-width forms */
    assert_int_equal(yu_utf8_width("\xC3\xA9"), 1);           /* é */
    assert_int_equal(yu_utf8_width("e\xCC\x81"), 1);          /* e + combining acute */
    assert_int_equal(yu_utf8_width("\xE3\x80\x80"), 2);       /* ideographic space */
    assert_int_equal(yu_utf8_width("“三公”"), 8);
    /* ASCII: one column a character, none for a control character */
    assert_int_equal(yu_utf8_width("a\tb"), 2);
    assert_int_equal(yu_utf8_width("\x7f"), 0);
    assert_int_equal(yu_utf8_width("1,368.00合"), 10);
}

static void test_utf8_valid(void **state)
{
    (void)state;
    const char *good[] = {"", "abc", "合计", "（注）１２", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD" /* U+FFFD itself */};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!yu_utf8_valid(good[i], strlen(good[i])))
            fail_msg("valid text %zu refused", i);
    assert_true(yu_utf8_valid("a\0b", 3)); /* NUL is a character */

    const char *badv[] = {
        "\xFF",                 /* never a UTF-8 byte */
        "ab\x80",               /* stray continuation */
        "\xC0\xAF",             /* overlong '/' */
        "\xE0\x80\xAF",         /* overlong, 3 bytes */
        "\xED\xA0\x80",         /* surrogate */
        "\xF4\x90\x80\x80",     /* above U+10FFFF */
        "\xE5\x90",             /* truncated 合 */
        "合\xE8\xAE",           /* valid, then truncated 计 */
        "\xEF\x80\x41",         /* 0xEF lead with a bad continuation */
        "\xD6\xD0\xCE\xC4",     /* "中文" in GBK */
    };
    for (size_t i = 0; i < sizeof badv / sizeof badv[0]; i++)
        if (yu_utf8_valid(badv[i], strlen(badv[i])))
            fail_msg("invalid text %zu accepted", i);
    /* length is respected: the first two bytes of 合计 are a truncation */
    assert_false(yu_utf8_valid("合计", 2));
    assert_true(yu_utf8_valid("合计", 3));
}

static void test_utf8_decode_encode(void **state)
{
    (void)state;
    static const uint32_t cps[] = {0x41, 0xE9, 0x5408, 0x3000, 0xFF10, 0x1F600, 0x10FFFF};
    static const int lens[] = {1, 2, 3, 3, 3, 4, 4};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char b[8] = {0};
        int n = yu_utf8_encode(cps[i], b);
        assert_int_equal(n, lens[i]);
        uint32_t cp = 0;
        assert_int_equal(yu_utf8_decode(b, (size_t)n, &cp), n);
        assert_int_equal(cp, cps[i]);
    }
    uint32_t cp;
    assert_int_equal(yu_utf8_decode("\xE5\x90", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(yu_utf8_decode("", 0, &cp), 0);
}

/* ---------- strings ---------- */

static void trim_is(const char *in, const char *want)
{
    char b[128];
    snprintf(b, sizeof b, "%s", in);
    assert_ptr_equal(yu_trim(b), b);
    assert_string_equal(b, want);
}

static void test_utf8_clip(void **state)
{
    (void)state;
    char a[16];
    snprintf(a, sizeof a, "%s", "合计");
    assert_string_equal(yu_utf8_clip(a), "合计");
    /* "合计" cut after four bytes: the broken second character goes */
    char b[5];
    memcpy(b, "合计", 4);
    b[4] = 0;
    assert_string_equal(yu_utf8_clip(b), "合");
    char c[8] = "ab";
    assert_string_equal(yu_utf8_clip(c), "ab");
    char e[1] = "";
    assert_string_equal(yu_utf8_clip(e), "");
}

static void test_trim(void **state)
{
    (void)state;
    trim_is("  ab c \t\r\n", "ab c");
    trim_is("abc", "abc");
    trim_is("", "");
    trim_is(" \t \r\n", "");
    trim_is("\xE3\x80\x80合计\xE3\x80\x80", "合计");
    trim_is("\xE3\x80\x80 \xE3\x80\x80x y\t\xE3\x80\x80 ", "x y");
    trim_is("\xE3\x80\x80\xE3\x80\x80", "");
    trim_is("中\xE3\x80\x80文", "中\xE3\x80\x80文"); /* inside: kept */
    trim_is("（注）", "（注）");                     /* full-width brackets are not spaces */
    assert_null(yu_trim(NULL));
}

static void test_cn_number(void **state)
{
    (void)state;
    char b[16];
    assert_string_equal(yu_cn_number(1, b), "一");
    assert_string_equal(yu_cn_number(9, b), "九");
    assert_string_equal(yu_cn_number(10, b), "十");
    assert_string_equal(yu_cn_number(11, b), "十一");
    assert_string_equal(yu_cn_number(19, b), "十九");
    assert_string_equal(yu_cn_number(20, b), "二十");
    assert_string_equal(yu_cn_number(21, b), "二十一");
    assert_string_equal(yu_cn_number(30, b), "三十");
    assert_string_equal(yu_cn_number(99, b), "九十九");
    /* out of range: decimal digits */
    assert_string_equal(yu_cn_number(0, b), "0");
    assert_string_equal(yu_cn_number(100, b), "100");
}

static void test_strdup_and_join(void **state)
{
    (void)state;
    assert_null(yu_strdup(NULL));
    char *s = yu_strdup("合计");
    assert_string_equal(s, "合计");
    free(s);
    s = yu_strndup("abcdef", 3);
    assert_string_equal(s, "abc");
    free(s);
    char *p = yu_path_join("a", "b.csv");
    assert_string_equal(p, "a/b.csv");
    free(p);
    p = yu_path_join("a/", "b.csv");
    assert_string_equal(p, "a/b.csv");
    free(p);
    p = yu_path_join("", "b.csv");
    assert_string_equal(p, "b.csv");
    free(p);
}

/* ---------- yu_buf ---------- */

static void test_buf_growth(void **state)
{
    (void)state;
    yu_buf b;
    yu_buf_init(&b, 0);
    assert_int_equal(b.max, (size_t)1 << 30);
    for (int i = 0; i < 10000; i++)
        assert_int_equal(yu_buf_add(&b, i % 2 ? "b" : "a", 1), 0);
    assert_int_equal(b.len, 10000);
    assert_true(b.cap >= b.len + 1);
    assert_int_equal(b.p[10000], 0);
    assert_int_equal(b.p[0], 'a');
    assert_int_equal(b.p[9999], 'b');
    assert_int_equal(yu_buf_printf(&b, "|%d|%s", 42, "合"), 0);
    assert_int_equal(b.len, 10000 + 4 + 3);
    assert_string_equal(b.p + 10000, "|42|合");
    assert_int_equal(b.oom, 0);
    char *t = yu_buf_take(&b);
    assert_non_null(t);
    assert_int_equal(strlen(t), 10007);
    assert_null(b.p);
    assert_int_equal(b.len, 0);
    free(t);
    yu_buf_free(&b);
}

static void test_buf_take_empty(void **state)
{
    (void)state;
    yu_buf b;
    yu_buf_init(&b, 0);
    char *t = yu_buf_take(&b);
    assert_non_null(t);
    assert_string_equal(t, "");
    free(t);
    yu_buf_free(&b);
}

static void test_buf_max_refusal(void **state)
{
    (void)state;
    yu_buf b;
    yu_buf_init(&b, 16);
    /* 15 bytes and the NUL fit exactly */
    assert_int_equal(yu_buf_puts(&b, "0123456789abcde"), 0);
    assert_int_equal(b.len, 15);
    assert_int_equal(b.oom, 0);
    assert_true(b.cap <= 16);
    /* one more byte does not */
    assert_int_equal(yu_buf_add(&b, "f", 1), -1);
    assert_int_equal(b.oom, 1);
    assert_int_equal(b.len, 15);
    assert_string_equal(b.p, "0123456789abcde");
    /* sticky: even an empty append fails now */
    assert_int_equal(yu_buf_add(&b, "", 0), -1);
    assert_int_equal(yu_buf_printf(&b, "%s", ""), -1);
    /* take refuses and frees */
    assert_null(yu_buf_take(&b));
    assert_null(b.p);
    yu_buf_free(&b);

    /* printf past the limit */
    yu_buf_init(&b, 8);
    assert_int_equal(yu_buf_printf(&b, "%d", 1234567), 0);
    assert_int_equal(yu_buf_printf(&b, "%d", 8), -1);
    assert_int_equal(b.oom, 1);
    assert_string_equal(b.p, "1234567");
    yu_buf_free(&b);
}

static void pad_is(const char *s, int width, int align, const char *want)
{
    yu_buf b;
    yu_buf_init(&b, 0);
    assert_int_equal(yu_buf_pad(&b, s, width, align), 0);
    assert_string_equal(b.p, want);
    yu_buf_free(&b);
}

static void test_buf_pad(void **state)
{
    (void)state;
    pad_is("合计", 8, 1, "    合计");
    pad_is("合计", 8, -1, "合计    ");
    pad_is("合计", 8, 0, "  合计  ");
    pad_is("合", 5, 0, " 合  ");        /* odd padding: the extra space goes right */
    pad_is("1,368.00", 10, 1, "  1,368.00");
    pad_is("（注）", 6, 1, "（注）");
    pad_is("合计abc", 4, -1, "合计abc"); /* too wide: no padding, no cut */
    pad_is("", 3, -1, "   ");
    /* display width of the padded text is the column width */
    yu_buf b;
    yu_buf_init(&b, 0);
    yu_buf_pad(&b, "科目名称/单位名称", 30, -1);
    assert_int_equal(yu_utf8_width(b.p), 30);
    yu_buf_free(&b);
    /* padding wider than one block of spaces; a width given instead of measured */
    yu_buf_init(&b, 0);
    yu_buf_pad(&b, "合计", 150, 1);
    assert_int_equal(b.len, 146 + strlen("合计"));
    assert_string_equal(b.p + 146, "合计");
    assert_int_equal(b.p[145], ' ');
    yu_buf_free(&b);
    yu_buf_init(&b, 0);
    yu_buf_pad_w(&b, "abc", 5, 8, -1); /* as if abc were 5 columns wide */
    assert_string_equal(b.p, "abc   ");
    yu_buf_spaces(&b, 0);
    yu_buf_spaces(&b, -3);
    assert_int_equal(b.len, 6);
    yu_buf_spaces(&b, 70);
    assert_int_equal(b.len, 76);
    assert_int_equal(b.p[75], ' ');
    assert_int_equal(b.p[76], 0);
    yu_buf_free(&b);
}

/* ---------- arena ---------- */

static void test_arena(void **state)
{
    (void)state;
    yu_arena *a = yu_arena_new();
    assert_non_null(a);
    for (int i = 0; i < 1000; i++) {
        size_t n = (size_t)(i % 97) + 1;
        unsigned char *p = yu_arena_alloc(a, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xAB, n);
    }
    /* bigger than a chunk */
    unsigned char *big = yu_arena_alloc(a, 200000);
    assert_non_null(big);
    assert_int_equal(big[0], 0);
    assert_int_equal(big[199999], 0);
    memset(big, 1, 200000);
    /* zero-size requests still give distinct pointers */
    void *z1 = yu_arena_alloc(a, 0), *z2 = yu_arena_alloc(a, 0);
    assert_non_null(z1);
    assert_ptr_not_equal(z1, z2);

    assert_null(yu_arena_strdup(a, NULL));
    assert_null(yu_arena_strndup(a, NULL, 3));
    assert_string_equal(yu_arena_strdup(a, "合计"), "合计");
    assert_string_equal(yu_arena_strndup(a, "abcdef", 2), "ab");
    assert_string_equal(yu_arena_printf(a, "%s-%d", "t", 7), "t-7");
    char *s1 = yu_arena_strdup(a, "one"), *s2 = yu_arena_strdup(a, "two");
    assert_string_equal(s1, "one");
    assert_string_equal(s2, "two");
    yu_arena_free(a);
    yu_arena_free(NULL);
}

/* ---------- files ---------- */

static void test_write_file_atomic(void **state)
{
    (void)state;
    assert_int_equal(make_tmpdir(), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/out.txt", tmpdir);
    yu_error err;
    yu_error_clear(&err);
    assert_int_equal(yu_write_file_atomic(path, "hello 合计\n", strlen("hello 合计\n"), &err), YU_OK);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(yu_read_file(path, &data, &len, &err), YU_OK);
    assert_int_equal(len, strlen("hello 合计\n"));
    assert_string_equal(data, "hello 合计\n");
    free(data);

    /* replace with shorter content */
    assert_int_equal(yu_write_file_atomic(path, "bye", 3, &err), YU_OK);
    assert_int_equal(yu_read_file(path, &data, &len, &err), YU_OK);
    assert_int_equal(len, 3);
    assert_string_equal(data, "bye");
    free(data);

    /* empty content */
    assert_int_equal(yu_write_file_atomic(path, "", 0, &err), YU_OK);
    assert_int_equal(yu_read_file(path, &data, &len, &err), YU_OK);
    assert_int_equal(len, 0);
    assert_string_equal(data, "");
    free(data);

    /* only the file itself is left: no temporary */
    assert_int_equal(count_entries(tmpdir, NULL), 1);
    assert_int_equal(count_entries(tmpdir, ".tmp."), 0);

    /* a directory that does not exist: EIO, nothing created */
    char bad[512];
    snprintf(bad, sizeof bad, "%s/no-such-dir/out.txt", tmpdir);
    yu_error_clear(&err);
    assert_int_equal(yu_write_file_atomic(bad, "x", 1, &err), YU_EIO);
    assert_int_equal(err.status, YU_EIO);
    assert_string_equal(err.file, bad);
    struct stat st;
    assert_int_not_equal(stat(bad, &st), 0);
    char nodir[512];
    snprintf(nodir, sizeof nodir, "%s/no-such-dir", tmpdir);
    assert_int_not_equal(stat(nodir, &st), 0);
    assert_int_equal(count_entries(tmpdir, NULL), 1);

    /* the path is a directory: rename fails, the temporary is removed */
    char sub[512];
    snprintf(sub, sizeof sub, "%s/sub", tmpdir);
    assert_int_equal(mkdir(sub, 0755), 0);
    char subf[600];
    snprintf(subf, sizeof subf, "%s/f", sub);
    FILE *f = fopen(subf, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(yu_write_file_atomic(sub, "x", 1, &err), YU_EIO);
    assert_int_equal(count_entries(tmpdir, ".tmp."), 0);

    rm_tree(tmpdir);
}

static void test_read_file_missing(void **state)
{
    (void)state;
    yu_error err;
    yu_error_clear(&err);
    char *data = (char *)"untouched";
    size_t len = 99;
    assert_int_equal(yu_read_file("/nonexistent/yusuan/x.csv", &data, &len, &err), YU_EIO);
    assert_string_equal(err.file, "/nonexistent/yusuan/x.csv");
    assert_int_equal(err.status, YU_EIO);
}

/* ---------- CSV ---------- */

static void test_csv_records(void **state)
{
    (void)state;
    static const char data[] =
        "\xEF\xBB\xBF" "a, b ,c\r\n"                        /* 1: BOM skipped, CRLF */
        "# a comment line\n"                                 /* 2 */
        "\n"                                                 /* 3 */
        "\"x,y\",\"he said \"\"hi\"\"\",\"multi\nline\"\r\n" /* 4-5 */
        "  ,\t\n"                                            /* 6: blank */
        "1,2,3\n"                                            /* 7 */
        "\r\n"                                               /* 8 */
        "last,,\"\"\n"                                       /* 9 */
        "#x,y\n"                                             /* 10: comment with fields */
        "tail,\"合计\"";                                     /* 11: no final newline */
    yu_csv c;
    yu_error err;
    yu_error_clear(&err);
    yu_csv_init(&c, data, sizeof data - 1, "t.csv");

    assert_int_equal(yu_csv_next(&c, &err), 1);
    assert_int_equal(c.line, 1);
    assert_int_equal(c.nfields, 3);
    assert_string_equal(c.fields[0], "a");
    assert_string_equal(c.fields[1], " b ");
    assert_string_equal(c.fields[2], "c");
    assert_int_equal(yu_csv_col(&c, "a"), 0);
    assert_int_equal(yu_csv_col(&c, "b"), 1); /* header names are trimmed */
    assert_int_equal(yu_csv_col(&c, "c"), 2);
    assert_int_equal(yu_csv_col(&c, "d"), -1);

    assert_int_equal(yu_csv_next(&c, &err), 1);
    assert_int_equal(c.line, 4);
    assert_int_equal(c.nfields, 3);
    assert_string_equal(c.fields[0], "x,y");
    assert_string_equal(c.fields[1], "he said \"hi\"");
    assert_string_equal(c.fields[2], "multi\nline");

    assert_int_equal(yu_csv_next(&c, &err), 1);
    assert_int_equal(c.line, 7); /* the embedded newline was counted */
    assert_int_equal(c.nfields, 3);
    assert_string_equal(c.fields[0], "1");
    assert_string_equal(c.fields[2], "3");

    assert_int_equal(yu_csv_next(&c, &err), 1);
    assert_int_equal(c.line, 9);
    assert_int_equal(c.nfields, 3);
    assert_string_equal(c.fields[0], "last");
    assert_string_equal(c.fields[1], "");
    assert_string_equal(c.fields[2], "");

    assert_int_equal(yu_csv_next(&c, &err), 1);
    assert_int_equal(c.line, 11);
    assert_int_equal(c.nfields, 2);
    assert_string_equal(c.fields[0], "tail");
    assert_string_equal(c.fields[1], "合计");

    assert_int_equal(yu_csv_next(&c, &err), 0);
    assert_int_equal(yu_csv_next(&c, &err), 0);
    assert_int_equal(err.status, YU_OK);
    yu_csv_free(&c);
}

static void test_csv_many_fields(void **state)
{
    (void)state;
    /* more fields than the initial capacity; fields stay valid */
    char data[2048] = "";
    for (int i = 0; i < 100; i++) {
        char f[16];
        snprintf(f, sizeof f, "%s%d", i ? "," : "", i);
        strcat(data, f);
    }
    strcat(data, "\n");
    yu_csv c;
    yu_error err;
    yu_csv_init(&c, data, strlen(data), "m.csv");
    assert_int_equal(yu_csv_next(&c, &err), 1);
    assert_int_equal(c.nfields, 100);
    assert_string_equal(c.fields[0], "0");
    assert_string_equal(c.fields[57], "57");
    assert_string_equal(c.fields[99], "99");
    assert_int_equal(yu_csv_col(&c, "42"), 42);
    assert_int_equal(yu_csv_next(&c, &err), 0);
    yu_csv_free(&c);
}

static void test_csv_unterminated_quote(void **state)
{
    (void)state;
    static const char data[] = "a,b\n\n1,\"open\nstill open\nand more,";
    yu_csv c;
    yu_error err;
    yu_error_clear(&err);
    yu_csv_init(&c, data, sizeof data - 1, "q.csv");
    assert_int_equal(yu_csv_next(&c, &err), 1);
    assert_int_equal(yu_csv_next(&c, &err), -1);
    assert_int_equal(err.status, YU_ESYNTAX);
    assert_string_equal(err.file, "q.csv");
    assert_int_equal(err.line, 3); /* the line of the opening quote */
    assert_int_equal(err.col, 2);  /* the second field */
    yu_csv_free(&c);
}

static void test_csv_text_after_quote(void **state)
{
    (void)state;
    static const char data[] = "h\n\"ab\"c,d\n";
    yu_csv c;
    yu_error err;
    yu_error_clear(&err);
    yu_csv_init(&c, data, sizeof data - 1, "x.csv");
    assert_int_equal(yu_csv_next(&c, &err), 1);
    assert_int_equal(yu_csv_next(&c, &err), -1);
    assert_int_equal(err.status, YU_ESYNTAX);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 1);
    yu_csv_free(&c);
}

static void test_csv_empty_input(void **state)
{
    (void)state;
    yu_csv c;
    yu_error err;
    yu_csv_init(&c, "", 0, "e.csv");
    assert_int_equal(yu_csv_next(&c, &err), 0);
    yu_csv_free(&c);
    yu_csv_init(&c, "\xEF\xBB\xBF", 3, "e.csv"); /* a BOM alone */
    assert_int_equal(yu_csv_next(&c, &err), 0);
    yu_csv_free(&c);
    yu_csv_init(&c, "\n\n# only comments\n  \n", 20, "e.csv");
    assert_int_equal(yu_csv_next(&c, &err), 0);
    yu_csv_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_width),
        cmocka_unit_test(test_utf8_clip),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_decode_encode),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_cn_number),
        cmocka_unit_test(test_strdup_and_join),
        cmocka_unit_test(test_buf_growth),
        cmocka_unit_test(test_buf_take_empty),
        cmocka_unit_test(test_buf_max_refusal),
        cmocka_unit_test(test_buf_pad),
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_write_file_atomic),
        cmocka_unit_test(test_read_file_missing),
        cmocka_unit_test(test_csv_records),
        cmocka_unit_test(test_csv_many_fields),
        cmocka_unit_test(test_csv_unterminated_quote),
        cmocka_unit_test(test_csv_text_after_quote),
        cmocka_unit_test(test_csv_empty_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
