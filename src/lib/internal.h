/* Internal helpers of libyusuan: not part of the public API. */
#ifndef YU_INTERNAL_H
#define YU_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include "yusuan/error.h"

/* ---- growable byte buffer with a maximum size (curl's dynbuf) ---- */
typedef struct yu_buf {
    char *p;      /* bytes, always NUL-terminated when len > 0 or p != NULL */
    size_t len;   /* bytes used, excluding the NUL */
    size_t cap;   /* bytes allocated */
    size_t max;   /* refuse to grow past this (0 = 1 GiB) */
    int oom;      /* sticky: an append failed */
} yu_buf;

void yu_buf_init(yu_buf *b, size_t max);
void yu_buf_free(yu_buf *b);
int yu_buf_add(yu_buf *b, const void *p, size_t n);
int yu_buf_puts(yu_buf *b, const char *s);
int yu_buf_printf(yu_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int yu_buf_vprintf(yu_buf *b, const char *fmt, va_list ap);
/* Appends s padded with spaces to `width` display columns (align: -1 left, 1 right, 0 centre). */
int yu_buf_pad(yu_buf *b, const char *s, int width, int align);
/* yu_buf_pad of a string whose display width w is known */
int yu_buf_pad_w(yu_buf *b, const char *s, int w, int width, int align);
int yu_buf_spaces(yu_buf *b, int n); /* n spaces */
/* Detaches the string (caller frees). Returns NULL on OOM. */
char *yu_buf_take(yu_buf *b);

/* ---- arena: many small allocations freed at once ---- */
typedef struct yu_arena yu_arena;
yu_arena *yu_arena_new(void);
void yu_arena_free(yu_arena *a);
void *yu_arena_alloc(yu_arena *a, size_t n);       /* zeroed, 16-aligned */
char *yu_arena_strdup(yu_arena *a, const char *s); /* NULL -> NULL */
char *yu_arena_strndup(yu_arena *a, const char *s, size_t n);
char *yu_arena_printf(yu_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- strings ---- */
char *yu_strdup(const char *s);                  /* NULL-safe; NULL on OOM */
char *yu_strndup(const char *s, size_t n);
/* Display width of UTF-8 text in terminal columns (CJK and full-width = 2). */
int yu_utf8_width(const char *s);
/* Decodes one code point; returns bytes consumed (>=1), *cp = 0xFFFD when invalid. */
int yu_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Appends the UTF-8 encoding of cp; returns bytes written (<= 4). */
int yu_utf8_encode(uint32_t cp, char *out);
/* 1 when the whole string is valid UTF-8. */
int yu_utf8_valid(const char *s, size_t n);
/* Drops a UTF-8 sequence cut short at the end of s (after a bounded copy); returns s. */
char *yu_utf8_clip(char *s);
/* The loaders' “every error at once” (error.h): after an error in *err, with
 * a list, keeps it (the first also in *first), counts it in *nerr, clears
 * *err and returns 1 (go on); without a list, when memory ran out or the
 * list is full, returns 0 (stop). */
int yu_errors_keep(yu_errors *errs, yu_error *err, yu_error *first, size_t *nerr);
/* Trims ASCII and full-width spaces in place; returns s. */
char *yu_trim(char *s);
/* Chinese numeral for 1..99: 一, 二 … 九十九 into out (>= 16 bytes). */
const char *yu_cn_number(int n, char *out);
/* Reads a whole file into a NUL-terminated malloc'd buffer. */
yu_status yu_read_file(const char *path, char **data, size_t *len, yu_error *err);
/* Writes data atomically: a temporary file beside path, fsync, rename. */
yu_status yu_write_file_atomic(const char *path, const void *data, size_t len, yu_error *err);
/* Writes n files (names[i] holding data[i] of lens[i] bytes) into the
 * directory dir, all or nothing: every file is written and synced in a new
 * temporary directory beside dir first; then a new dir is that directory
 * renamed, an existing one gets each file renamed into it.  A write that
 * fails (a full disk) leaves dir as it was.  fail_at (tests): when not 0, the
 * write of file number fail_at (1-based) fails with ENOSPC. */
yu_status yu_write_dir_atomic(const char *dir, const char *const *names, const char *const *data,
                              const size_t *lens, size_t n, size_t fail_at, yu_error *err);
/* Joins a directory and a file name into a malloc'd path. */
char *yu_path_join(const char *dir, const char *name);

/* Adds the absolute value of every amount of b (line items, prior year,
 * funds, 三公, procurement) to *acc with yu_money_add().  Returns 0, or -1
 * when the sum passes YU_MONEY_SUM_MAX; then *what names the first amount
 * that did not fit (in Chinese) and *index is its line item (or -1). */
struct yu_budget;
int yu_budget_money_sum(const struct yu_budget *b, int64_t *acc, const char **what, long *index);

/* The first imbalance of sources and uses, as figures: what yu_budget_check_balance
 * reports (in the package's words), for a loader to say in its own. */
enum { YU_IMB_FISCAL_TOTAL = 1, /* a 财政拨款 kind: 当年拨款 + 上年结转 (a) != its line items + 结转下年 (b) */
       YU_IMB_FISCAL_OVER,      /* a 财政拨款 kind: line items of this year's money (a) > 当年拨款 (b) */
       YU_IMB_NF_OVER,          /* line items paid from 事业收入 / 经营收入 (a) > that income (b) */
       YU_IMB_NF_TOTAL,         /* 非财政拨款 sources (a) != uses (b) */
       YU_IMB_EDU };            /* 教育收费 (a) > 事业收入 (b) */
typedef struct {
    int kind;        /* YU_IMB_*, 0 when balanced */
    int fund;        /* the funds item it concerns (YU_F_GPB, YU_F_GF, YU_F_SOE, YU_F_SHIYE, YU_F_JINGYING, YU_F_SHIYE_EDU) */
    int64_t a, b;    /* the two amounts compared, in 分 */
} yu__imbalance;
/* 1 and *out filled when b's sources and uses do not balance, else 0. */
int yu__budget_imbalance(const struct yu_budget *b, yu__imbalance *out);

struct yu_doc;
struct yu_table;
/* Resolves a table's presentation (yu_table.unit_label, unit_fen,
 * decimals) once: its layout's own unit, else the document's. */
void yu__table_unit(const struct yu_doc *d, struct yu_table *T);
/* A money figure of table T (its own unit) as document units, for the
 * checks and the store that compare tables with one another (exact when
 * the table's unit is coarser than the document's). */
int64_t yu__in_doc_units(const struct yu_doc *d, const struct yu_table *T, int64_t v);
/* The cell of table T a narrative figure names (row: a code, "total", or
 * on a two-sided table the line's key; col: a column key), or NULL; *rowp
 * (when not NULL) its row, or NULL. */
struct yu_cell;
struct yu_row;
struct yu_seg;
/* A narrative money figure as document units, for the checks comparing it
 * with the tables (exact when the narrative's unit is the coarser): a
 * compiled figure carries its own unit, a figure the audit read is already
 * in document units. */
int64_t yu__seg_doc_units(const struct yu_doc *d, const struct yu_seg *s);
const struct yu_cell *yu__table_cell(const struct yu_table *T, const char *row, const char *col,
                                     const struct yu_row **rowp);

/* The largest 分值权重 of an indicator, in hundredths of a point (10,000 points):
 * the weights of a project are added up without overflow. */
#define YU_WEIGHT_MAX 1000000

/* notes.csv: 1 when key is the reason of one "三公" item's change
 * (sangong:abroad, sangong:car, sangong:car_buy, sangong:car_run, sangong:reception). */
int yu_note_sangong_item(const char *key);

/* ---- CSV (RFC 4180) over a memory buffer ---- */
typedef struct yu_csv {
    const char *p, *end; /* remaining input */
    const char *file;    /* for messages */
    int line;            /* line number of the current record's start */
    int next_line;       /* line number where the next record starts */
    char **fields;       /* current record's fields (NUL-terminated, owned) */
    size_t nfields, cap;
    yu_buf scratch;      /* field storage */
    size_t *offs;        /* offsets of fields in scratch */
} yu_csv;

void yu_csv_init(yu_csv *c, const char *data, size_t len, const char *file);
void yu_csv_free(yu_csv *c);
/* Reads the next record. Returns 1 on a record, 0 at end, -1 on error (err set). */
int yu_csv_next(yu_csv *c, yu_error *err);

/* Header mapping: finds column indexes of the named columns. */
int yu_csv_col(const yu_csv *c, const char *name); /* in the current record, or -1 */

/* ---- the inputs of 其他相关情况说明, checked alike by the package and the workbook (load_other.c) ---- */
/* A date YYYY-MM-DD (a real day, 1949 or later) as YYYYMMDD; 0 when s is not one. */
int yu__parse_date(const char *s);
/* A project's whole-life funds (项目资金总额 and its parts) from what the preparer gave
 * (given[k]: life_total, life_fiscal, life_other filled in): a missing part is the rest
 * (the total alone is all 财政资金); sets has_life. 1 when parts come without the total,
 * 2 when they do not add up to it, else 0. */
struct yu_project;
int yu__project_life(struct yu_project *p, const int given[3]);
/* The 中小企业 reservation against the 政府采购预算: YU_PROC_SMALL_OVER when its 小微企业 part is more than
 * the reservation, YU_PROC_SME_OVER when the reservation is more than goods + works + services, else 0. */
enum { YU_PROC_SMALL_OVER = 1, YU_PROC_SME_OVER };
struct yu_budget;
int yu__proc_problem(const struct yu_budget *b);
/* The 项目支出 of the line items (every source). */
int64_t yu__project_spending(const struct yu_budget *b);
/* The 绩效目标 summary given: YU_PERF_FUNDS_OVER when its funds are more than the 项目支出 (*proj),
 * YU_PERF_NO_UNITS when it has projects and no unit, else 0. */
enum { YU_PERF_FUNDS_OVER = 1, YU_PERF_NO_UNITS };
int yu__perf_problem(const struct yu_budget *b, int64_t *proj);
/* Without a 绩效目标 summary given: the one the projects give (yu_budget_perf_count), when any
 * project set 绩效目标 (has_perf and perf_computed set); called by the loaders once everything is read. */
void yu__perf_fill(struct yu_budget *b);

/* yu_budget_project_index of the n bytes at id (not NUL-terminated) */
struct yu_budget;
int32_t yu_budget_project_index_n(const struct yu_budget *b, const char *id, size_t n);

#endif
