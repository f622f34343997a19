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

/* a web page's table flattened a cell a line, each closed by '|' (our own wording): put back on
 * tabbed rows, each on the line of its first cell, empty cells kept */
static void test_bar_cells_a_line(void **state)
{
    (void)state;
    fx *f = readt("示范单位2024年“三公”经费预算表\n单位:万元\n"
                  "项 目 |\n预算数 |\n上年数 |\n"
                  "合 计 |\n12.5 |\n10 |\n"
                  "公务接待费 |\n|\n2 |\n"
                  "公务用车运行维护费 |\n12.5 |\n8 |\n"
                  "说明：以上为预算数。\n");
    assert_int_equal(f->L.nl, 15); /* as many lines as written */
    const ln *h = &f->L.l[2], *t = &f->L.l[5], *e = &f->L.l[8];
    assert_int_equal(h->tabbed, 3);
    assert_string_equal(h->t[1].norm, "预算数");
    assert_int_equal(t->no, 6);
    assert_int_equal(t->nt, 3);
    assert_string_equal(t->t[0].norm, "合计");
    assert_true(t->t[1].isnum && t->t[1].v == 1250);
    assert_int_equal(e->nt, 3); /* the empty cell is a cell */
    assert_string_equal(e->t[1].norm, "");
    assert_int_equal(f->L.l[3].nt, 0);
    assert_string_equal(f->L.l[14].t[0].norm, "说明:以上为预算数。");
    done(f);
    /* a run whose rows are not a label and figures stays as written */
    f = readt("甲 |\n乙 |\n丙 |\n丁 |\n戊 |\n");
    assert_int_equal(f->L.nl, 5);
    assert_int_equal(f->L.l[0].tabbed, 0);
    assert_string_equal(f->L.l[0].norm, "甲|");
    done(f);
    f = readt("项目 |\n预算数 |\n合计 |\n5 |\n公务接待费 |\n3 |\n备注 |\n");
    assert_int_equal(f->L.l[0].tabbed, 0); /* 7 cells are not rows of 2 */
    done(f);
}

/* rows written a line each with their cells closed by '|': cells apart as by tabs */
static void test_bar_rows(void **state)
{
    (void)state;
    fx *f = readt("项 目 | 预 算 数 | 决 算 数 |\n合 计 | 1.8 | 1.52 |\n因公出国(境)费 | ||\n公务接待费 | 1.8 | 1.52 |\n公务用车购置费 |\n");
    assert_int_equal(f->L.nl, 5);
    assert_int_equal(f->L.l[1].tabbed, 3);
    assert_true(f->L.l[1].t[2].isnum && f->L.l[1].t[2].v == 152);
    assert_int_equal(f->L.l[2].tabbed, 3);
    assert_int_equal(f->L.l[4].tabbed, 0); /* the last row, cut short: one cell */
    assert_string_equal(f->L.l[4].t[0].norm, "公务用车购置费");
    done(f);
    /* a '|' inside a sentence is no table */
    f = readt("收入|支出情况见下表。\n");
    assert_int_equal(f->L.l[0].tabbed, 0);
    assert_string_equal(f->L.l[0].norm, "收入|支出情况见下表。");
    done(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrapped_joins_row),
        cmocka_unit_test(test_wrapped_no_row_between),
        cmocka_unit_test(test_not_wrapped),
        cmocka_unit_test(test_bar_cells_a_line),
        cmocka_unit_test(test_bar_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
