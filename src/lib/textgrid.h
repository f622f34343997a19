/* Text lines and tokens: the layer both document readers (audit.c with a
 * template, gread.c without) read a disclosure's text through.
 *
 * Lines become tokens: tab-separated cells (text extracted cell by cell) or
 * runs of text separated by two or more spaces, with their columns (display
 * columns for yusuan's own txt and for PDF text read through poppler,
 * character columns for `pdftotext -layout`: yu_lines_choose_columns tells
 * which by how the figures line up).  Internal to libyusuan. */
#ifndef YU_TEXTGRID_H
#define YU_TEXTGRID_H

#include <stdint.h>
#include <stddef.h>
#include "yusuan/error.h"
#include "internal.h"

typedef struct tok {
    char *s;        /* text, trimmed */
    char *norm;     /* canonical text: no white space, ASCII punctuation */
    int a, b;       /* columns [a, b) (the document's convention), or cell index when tabbed */
    int ad, bd;     /* display columns (CJK = 2) */
    int ac, bc;     /* character columns (pdftotext -layout) */
    int isnum;      /* 1: a figure */
    int64_t v;      /* the figure in hundredths */
    int dec;        /* decimals printed */
    int digits;     /* 1: ASCII digits only (a code, or a figure without separators) */
} tok;

typedef struct ln {
    int no, page;   /* 1-based line and page */
    int tabbed;     /* cells were tab-separated: tabbed cells, empty ones too, of the line as written */
    int indent;     /* leading blank columns */
    tok *t;
    int nt;
    char *norm;     /* whole line, canonical */
} ln;

typedef struct yu_lines {
    yu_arena *A;    /* owns tokens and text */
    ln *l;          /* lines (malloc'd array, caller frees) */
    int nl;
} yu_lines;

int yu_is_space_cp(uint32_t cp);
/* the canonical form labels are compared in: no white space, full-width
 * punctuation and digits as ASCII, all quotation marks as " */
char *yu_canon(yu_arena *A, const char *s);
/* A figure as printed in a table: -1,234.56 / 1234 / 0.00 (ASCII); *v in
 * hundredths, *dec the decimals printed (may be NULL). */
int yu_parse_figure(const char *s, int64_t *v, int *dec);
int yu_all_digits(const char *s, size_t n); /* exactly n ASCII digits */
int yu_only_digits(const char *s);          /* non-empty, ASCII digits only */
/* "-4-", "—4—", "第4页", "第4页共18页", "4/18" */
int yu_is_page_number(const char *norm);
/* "…表(续)", "…表（续）", "续表" */
int yu_is_continued_title(const char *norm);
/* The printed (full-width) form of ASCII punctuation s[i] that yu_canon
 * made from it, for quoting a canonical text back to a reader: ，：（）；
 * (a comma between digits stays a thousands separator); NULL to keep s[i].
 * [lo, hi) is the text s[i] lies in. */
const char *yu_print_punct(const char *s, size_t i, size_t lo, size_t hi);
/* The first word of KIND in the canonical text s (the longest of those
 * starting there): its concept, *pos and *len its bytes; NULL when none. */
struct yu_vocab;
const char *yu_vocab_find(const struct yu_vocab *v, const char *kind, const char *s, size_t *pos, size_t *len);
/* A line laid out as a table: a tab, or a gap of four spaces or more inside it. */
int yu_line_is_tabular(const char *s);
/* Leading blank columns of a line (a full-width space counts two). */
int yu_line_indent(const char *s);
/* Splits text into lines and tokens (form feeds start pages; page footers
 * and repeated titles become empty lines). */
yu_status yu_lines_read(yu_lines *r, const char *text, size_t len);
/* Chooses display or character columns for space-aligned lines; 1 when
 * character columns (`pdftotext -layout` output: columns only approximate). */
int yu_lines_choose_columns(yu_lines *r);
/* 1: the text has no column layout — many lines carry a figure, hardly any
 * two (pdftotext without -layout prints a table a cell a line) */
int yu_lines_flat(const yu_lines *r);

#endif
