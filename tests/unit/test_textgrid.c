/* Unit tests: text lines and tokens (textgrid.h) — a figure wrapped in its
 * cell (pdftotext -layout prints its last digit on a line of its own) is
 * completed and joins its row; look-alikes are left as printed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "textgrid.h"

/* eight two-decimal figures so the page counts as a page of two decimals */
#define FILLER                                                                                                       \
    "一般公共服务支出              5,140.00        5,140.00\n"                                                       \
    " 其他一般公共服务支出           5,140.00        5,140.00\n"                                                     \
    "  其他一般公共服务支出          5,140.00        5,140.00\n"                                                     \
    "  执法办案                3,307.07        3,307.07\n"

typedef struct {
    yu_arena *A;
    yu_lines L;
} fx;

static fx *readt(const char *text)
{
    fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->A = yu_arena_new();
    assert_non_null(f->A);
    f->L.A = f->A;
    assert_int_equal(yu_lines_read(&f->L, text, strlen(text)), YU_OK);
    return f;
}

static void done(fx *f)
{
    free(f->L.l);
    yu_arena_free(f->A);
    free(f);
}

/* the line whose first token is `first` */
static const ln *line_of(const fx *f, const char *first)
{
    for (int i = 0; i < f->L.nl; i++)
        if (f->L.l[i].nt && !strcmp(f->L.l[i].t[0].norm, first))
            return &f->L.l[i];
    return NULL;
}

static int nonempty(const fx *f)
{
    int n = 0;
    for (int i = 0; i < f->L.nl; i++)
        n += f->L.l[i].nt > 0;
    return n;
}

static void test_wrapped_joins_row(void **state)
{
    (void)state;
    fx *f = readt(FILLER "                     299,901.0        262,703.2\n"
                         "公共安全支出                                            215,971.06   46,732.14\n"
                         "                                  2           0\n");
    const ln *L = line_of(f, "公共安全支出");
    assert_non_null(L);
    assert_int_equal(L->nt, 5);
    assert_string_equal(L->t[1].norm, "299,901.02");
    assert_int_equal(L->t[1].v, 29990102);
    assert_int_equal(L->t[1].dec, 2);
    assert_string_equal(L->t[2].norm, "262,703.20");
    assert_string_equal(L->t[3].norm, "215,971.06");
    assert_int_equal(nonempty(f), 5); /* the head and tail lines are gone */
    done(f);
}

static void test_wrapped_no_row_between(void **state)
{
    (void)state;
    fx *f = readt(FILLER "合计                 370,219.2\n"
                         "                            5\n");
    /* the head line holds a label: not a line of heads only */
    const ln *L = line_of(f, "合计");
    assert_string_equal(L->t[1].norm, "370,219.2");
    done(f);
    f = readt(FILLER "                     370,219.2\n"
                     "                             5\n");
    assert_int_equal(nonempty(f), 5);
    assert_string_equal(f->L.l[4].t[0].norm, "370,219.25");
    done(f);
}

static void test_not_wrapped(void **state)
{
    (void)state;
    /* a page of one-decimal figures: a digit below is something else */
    fx *f = readt("甲   1.5   2.5\n乙   3.5   4.5\n丙   5.5   6.5\n丁   7.5   8.5\n"
                  "                     299,901.0\n"
                  "                             2\n");
    assert_int_equal(nonempty(f), 6);
    done(f);
    /* the digit is not under the figure's end */
    f = readt(FILLER "                     299,901.0\n"
                     "  2\n");
    assert_int_equal(nonempty(f), 6);
    done(f);
    /* a two-decimal figure above is complete */
    f = readt(FILLER "                     299,901.02\n"
                     "                              2\n");
    assert_int_equal(nonempty(f), 6);
    done(f);
    /* more digits than heads */
    f = readt(FILLER "                     299,901.0\n"
                     "                             2     3\n");
    assert_int_equal(nonempty(f), 6);
    done(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrapped_joins_row),
        cmocka_unit_test(test_wrapped_no_row_between),
        cmocka_unit_test(test_not_wrapped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
