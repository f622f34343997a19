/* Unit tests: yu_status names (yu_strerror) and error formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include <stdio.h>
#include "yusuan/yusuan.h"

/* Every status has its own message, and none is the fallback: adding a
 * status without a message (or in the wrong slot) fails here. */
static void test_strerror_every_status(void **state)
{
    (void)state;
    for (int i = YU_OK; i < YU_STATUS_COUNT; i++) {
        const char *m = yu_strerror((yu_status)i);
        assert_non_null(m);
        assert_true(m[0] != 0);
        if (strcmp(m, "unknown error") == 0)
            fail_msg("status %d has no message", i);
        for (int j = YU_OK; j < i; j++)
            if (strcmp(m, yu_strerror((yu_status)j)) == 0)
                fail_msg("statuses %d and %d share the message '%s'", j, i, m);
    }
}

static void test_strerror_exact(void **state)
{
    (void)state;
    assert_string_equal(yu_strerror(YU_OK), "success");
    assert_string_equal(yu_strerror(YU_ENOMEM), "out of memory");
    assert_string_equal(yu_strerror(YU_EIO), "input/output error");
    assert_string_equal(yu_strerror(YU_EBALANCE), "sources and uses do not balance");
    assert_string_equal(yu_strerror(YU_EFORMAT), "document not understood");
}

static void test_strerror_out_of_range(void **state)
{
    (void)state;
    assert_string_equal(yu_strerror(YU_STATUS_COUNT), "unknown error");
    assert_string_equal(yu_strerror((yu_status)(YU_STATUS_COUNT + 7)), "unknown error");
    assert_string_equal(yu_strerror((yu_status)-1), "unknown error");
}

static void test_error_set_and_clear(void **state)
{
    (void)state;
    yu_error e;
    memset(&e, 0x55, sizeof e);
    yu_error_clear(&e);
    assert_int_equal(e.status, YU_OK);
    assert_string_equal(e.file, "");
    assert_string_equal(e.where, "");
    assert_string_equal(e.msg, "");
    assert_int_equal(e.line, 0);
    assert_int_equal(e.col, 0);

    assert_int_equal(yu_error_set(&e, YU_EVALUE, "a.csv", 3, 7, "bad %s %d", "x", 42), YU_EVALUE);
    assert_int_equal(e.status, YU_EVALUE);
    assert_string_equal(e.file, "a.csv");
    assert_int_equal(e.line, 3);
    assert_int_equal(e.col, 7);
    assert_string_equal(e.msg, "bad x 42");

    /* NULL error: only the status comes back; NULL file is "" */
    assert_int_equal(yu_error_set(NULL, YU_EDUP, "x", 1, 1, "m"), YU_EDUP);
    assert_int_equal(yu_error_set(&e, YU_EIO, NULL, 0, 0, "m"), YU_EIO);
    assert_string_equal(e.file, "");
    yu_error_clear(NULL); /* must not crash */
}

static void test_error_format_full(void **state)
{
    (void)state;
    yu_error e;
    yu_error_clear(&e);
    yu_error_set(&e, YU_EVALUE, "pkg/expenditure.csv", 12, 7, "not an amount");
    char buf[256];
    assert_ptr_equal(yu_error_format(&e, buf, sizeof buf), buf);
    assert_string_equal(buf, "pkg/expenditure.csv:12:7: not an amount");
}

static void test_error_format_missing_parts(void **state)
{
    (void)state;
    yu_error e;
    char buf[256];

    /* no column */
    yu_error_clear(&e);
    yu_error_set(&e, YU_ESYNTAX, "f.layout", 4, 0, "bad");
    assert_string_equal(yu_error_format(&e, buf, sizeof buf), "f.layout:4: bad");

    /* no line, no column */
    yu_error_clear(&e);
    yu_error_set(&e, YU_EMISSING, "dir/funds.csv", 0, 0, "missing file");
    assert_string_equal(yu_error_format(&e, buf, sizeof buf), "dir/funds.csv: missing file");

    /* no file at all: just the message */
    yu_error_clear(&e);
    yu_error_set(&e, YU_ENOMEM, NULL, 0, 0, "out of memory here");
    assert_string_equal(yu_error_format(&e, buf, sizeof buf), "out of memory here");

    /* no message: the status's name */
    yu_error_clear(&e);
    e.status = YU_EBALANCE;
    snprintf(e.file, sizeof e.file, "x.csv");
    e.line = 2;
    assert_string_equal(yu_error_format(&e, buf, sizeof buf),
                        "x.csv:2: sources and uses do not balance");

    /* sheet!cell location after the file */
    yu_error_clear(&e);
    yu_error_set(&e, YU_EFORMAT, "book.xlsx", 0, 0, "odd cell");
    snprintf(e.where, sizeof e.where, "Sheet1!B3");
    assert_string_equal(yu_error_format(&e, buf, sizeof buf), "book.xlsx:Sheet1!B3: odd cell");

    /* cleared error: the name of YU_OK */
    yu_error_clear(&e);
    assert_string_equal(yu_error_format(&e, buf, sizeof buf), "success");
}

static void test_error_format_truncates(void **state)
{
    (void)state;
    yu_error e;
    yu_error_clear(&e);
    yu_error_set(&e, YU_EVALUE, "abcdefghij.csv", 123, 45, "a long message");
    char buf[8];
    memset(buf, 'Z', sizeof buf);
    yu_error_format(&e, buf, sizeof buf);
    assert_int_equal(strlen(buf), 7);
    assert_memory_equal(buf, "abcdefg", 8);
    /* n == 0: nothing written */
    char one = 'Q';
    yu_error_format(&e, &one, 0);
    assert_int_equal(one, 'Q');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror_every_status),
        cmocka_unit_test(test_strerror_exact),
        cmocka_unit_test(test_strerror_out_of_range),
        cmocka_unit_test(test_error_set_and_clear),
        cmocka_unit_test(test_error_format_full),
        cmocka_unit_test(test_error_format_missing_parts),
        cmocka_unit_test(test_error_format_truncates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
