/* yusuan — Excel workbooks in (docs/xlsx.md).
 *
 * The input workbook is a budget package (docs/format.md) as a workbook: one
 * sheet per package file, a header row naming the columns, one line per row.
 * yu_write_template() writes it (empty, or filled from a budget);
 * yu_load_xlsx() reads a filled one into the same yu_budget yu_load_package()
 * gives, with the same rules, every error naming the sheet and cell
 * (err->file is the workbook, err->where "支出明细!C12").
 *
 * The reader underneath (yu_xlsx_*) reads any .xlsx (libzip + libxml2):
 * shared and inline strings, numbers, cached values of formulas, booleans,
 * error values, merged ranges, styles' number formats and bold fonts.  The
 * disclosure workbook (`report -f xlsx`) is written by the renderers
 * (yu_render_file with YU_FMT_XLSX). */
#ifndef YUSUAN_XLSX_H
#define YUSUAN_XLSX_H

#include <stdint.h>
#include <stddef.h>
#include "error.h"
#include "catalog.h"
#include "model.h"
#include "rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the input workbook ---- */

/* Writes the input workbook to `path` (atomically: a temporary file beside
 * it, then a rename).  `b` may be NULL for an empty template; otherwise every
 * sheet is filled from it so that yu_load_xlsx() gives back the same budget.
 * `func` and `econ` fill the drop-down lists (hidden sheet 代码表).  Fails
 * with YU_EVALUE when an amount of `b` cannot be written in its input unit
 * with two decimals, or a text is longer than a cell holds (32767
 * characters). */
yu_status yu_write_template(const char *path, const yu_budget *b, const yu_catalog *func,
                            const yu_catalog *econ, yu_error *err);

/* An item of sheet 说明 that needs words: a notes.csv key (gpb_change,
 * func:CODE, other …) and the text to prefill (last year's, or "" / NULL). */
typedef struct yu_xnarr {
    const char *key;
    const char *text;
} yu_xnarr;

/* yu_write_template, with sheet 说明 listing these items first, in order,
 * one row each (labelled in Chinese: 一般公共预算拨款变化原因, "CODE 名称",
 * 其他重要事项 …), with the budget's note of the key when it has one, else
 * the item's text; then the budget's other notes.  A row left without text
 * is read as no note (yu_load_xlsx). */
yu_status yu_write_template_narr(const char *path, const yu_budget *b, const yu_catalog *func,
                                 const yu_catalog *econ, const yu_xnarr *narr, size_t nnarr, yu_error *err);

/* Reads a filled input workbook.  Codes are checked against `func` and
 * `econ`, sources against uses (yu_budget_check_balance).  Sheets other than
 * the input sheets are ignored; 单位信息, 收入 and 支出明细 are required, the
 * others optional.  On error nothing is returned; err->file is `path`,
 * err->where the sheet and cell (or the sheet, or a row such as 支出明细!1:1
 * for a header), err->msg what was found and what was expected. */
yu_status yu_load_xlsx(const char *path, const yu_catalog *func, const yu_catalog *econ,
                       yu_budget **out, yu_error *err);

/* The same, reporting every input error at once: with `errs` (may be NULL:
 * then as yu_load_xlsx), a mistake in a cell or a row, or a missing or
 * malformed sheet, is added to the list (each naming its sheet!cell) and the
 * load goes on with the next row and the next sheet, up to YU_ERRORS_MAX
 * errors; then nothing is returned and *err is the first error.  Sources
 * against uses are checked only when every row was read. */
yu_status yu_load_xlsx_all(const char *path, const yu_catalog *func, const yu_catalog *econ,
                           yu_budget **out, yu_errors *errs, yu_error *err);

/* ---- the preparer's workbook annotated (yusuan check --annotate) ---- */

typedef struct yu_xlsx yu_xlsx; /* an open workbook (below) */

/* One error or warning to write into the workbook. */
typedef struct yu_xnote {
    const char *where; /* "支出明细!C12", a range ("支出明细!C12:C14", its first cell;
                        * "支出明细!3:5", column A of its first row), a sheet
                        * ("三公经费": its cell A1) or "" / NULL (no place: cell A1 of
                        * the workbook's first sheet) */
    const char *rule;  /* rule id (X-SANGONG-ECON), or NULL / "" for an input error */
    int warning;       /* 1 a warning, 0 an error */
    const char *msg;   /* the sentence */
} yu_xnote;

/* Writes to `out` a copy of the workbook `in` in which each note's cell
 * carries a comment (批注) saying, per note, 错误 or 警告, the rule and the
 * sentence — the notes of one cell in one comment, after any comment the
 * cell had — and a fill (light red for an error, light yellow when only
 * warnings).  A note naming a sheet the workbook lacks goes to cell A1 of
 * its first sheet, with the sheet's name.  Everything else of the workbook
 * (values, formulas, styles, validations, other comments) is kept.  `out` is
 * written atomically (a temporary file beside it, then a rename); `in` is
 * never modified, and `out` may not be `in`.  Fails with YU_EIO when `in`
 * cannot be read or `out` written, YU_EFORMAT when `in` is not a workbook or
 * a part it names is missing or not XML, YU_EVALUE for a note whose cell is
 * not a cell reference, YU_EUSAGE when `out` is `in`. */
yu_status yu_xlsx_annotate(const char *in, const char *out, const yu_xnote *notes, size_t n, yu_error *err);

/* The cell of the input workbook a rule finding of `yusuan check` is about,
 * as a yu_xnote where ("绩效指标!F5", "三公经费!B5", "收入"), written into
 * where (>= 64 bytes); "" when the finding has no place in the workbook
 * (the document's words).  `x` is the workbook open (its sheets are read to
 * find the rows), `b` the budget read from it. */
void yu_xlsx_finding_where(yu_xlsx *x, const yu_budget *b, const yu_finding *f, char *where, size_t n);

/* What a column holds; decides its format, drop-down and how it is read. */
typedef enum yu_xkind {
    YU_XK_TEXT = 0, /* free text */
    YU_XK_LONGTEXT, /* free text, wrapped (goals, notes, 主要职能) */
    YU_XK_AMOUNT,   /* an amount in the input unit, #,##0.00 */
    YU_XK_NUMBER,   /* a number with at most two decimals (分值权重) */
    YU_XK_INT,      /* a whole number (count, 执行率分值, year) */
    YU_XK_FUNC,     /* 7-digit 功能分类 项 code (drop-down from 代码表) */
    YU_XK_ECON,     /* 5-digit 经济分类 款 code (drop-down from 代码表) */
    YU_XK_NAME,     /* shown only: the catalogue name of the code to its left (formula); never read */
    YU_XK_PROJECT,  /* a project id of sheet 项目 (drop-down) */
    YU_XK_TYPE,     /* 支出类型 (drop-down) */
    YU_XK_SOURCE,   /* 资金来源 (drop-down) */
    YU_XK_FUND,     /* 收入 item (drop-down) */
    YU_XK_SANGONG,  /* 三公经费 item (drop-down) */
    YU_XK_PROC,     /* 政府采购 item (drop-down) */
    YU_XK_CATEGORY, /* 资产 category: 车辆 or 设备 (drop-down) */
    YU_XK_YESNO,    /* 是 or 否 (also 1, 0) (drop-down) */
    YU_XK_LEVEL1,   /* 一级指标 (drop-down) */
    YU_XK_UNITKEY,  /* an item of 单位信息 */
    YU_XK_NOTEKEY,  /* a key of 说明: gpb_change, basic, sangong, perf or func:CODE (drop-down) */
    YU_XK_UNITKIND, /* 预算单位 kind: 行政单位, 参公事业单位, 事业单位, 其他 (drop-down) */
    YU_XK_DATE      /* a day, YYYY-MM-DD (text, or a date Excel keeps as a number) */
} yu_xkind;

typedef struct yu_xcolspec {
    const char *key;   /* the package's column name (docs/format.md), also accepted as header */
    const char *label; /* the header written in the workbook */
    int required;      /* 1: a sheet without this column is refused */
    yu_xkind kind;
    int width;         /* column width, in widths of the digit 0 */
    const char *help;  /* what to enter (填表说明, the cell's input message) */
} yu_xcolspec;

typedef struct yu_xsheetspec {
    const char *name;  /* sheet name */
    const char *file;  /* the package file it stands for */
    int required;      /* 1: a workbook without this sheet is refused */
    const yu_xcolspec *cols;
    size_t ncols;
    const char *help;  /* one sentence for 填表说明 */
} yu_xsheetspec;

/* The input sheets in workbook order (单位信息 … 说明). */
const yu_xsheetspec *yu_xlsx_schema(size_t *n);

/* The items of sheet 单位信息 (rows; column 项目 holds label or key). */
typedef struct yu_xunititem {
    const char *key;   /* unit.txt key, or functions / organisation for the two texts */
    const char *label; /* 单位名称 … */
    int required;
    yu_xkind kind;     /* TEXT, INT (year), LONGTEXT */
    const char *help;
} yu_xunititem;
const yu_xunititem *yu_xlsx_unit_items(size_t *n);

/* ---- reading any workbook ---- */

typedef struct yu_xlsx yu_xlsx; /* an open workbook */

typedef enum yu_xcell_kind {
    YU_XC_EMPTY = 0, /* a cell with a style and no value */
    YU_XC_NUMBER,    /* num; text is the stored digits */
    YU_XC_TEXT,      /* text (shared, inline or a formula's string result) */
    YU_XC_BOOL,      /* num 0 or 1; text "0" or "1" */
    YU_XC_ERROR      /* text, e.g. #N/A */
} yu_xcell_kind;

typedef struct yu_xcell {
    uint32_t row, col;  /* 0-based */
    uint8_t kind;       /* yu_xcell_kind */
    uint8_t bold;       /* its style's font is bold */
    uint8_t formula;    /* it holds a formula (the value is the cached result) */
    double num;         /* NUMBER and BOOL */
    const char *text;   /* never NULL ("" for EMPTY) */
    const char *numfmt; /* number format code of its style ("General" when none) */
} yu_xcell;

typedef struct yu_xrange {
    uint32_t r1, c1, r2, c2; /* 0-based, inclusive */
} yu_xrange;

typedef struct yu_xsheet {
    const char *name;
    int hidden;               /* state="hidden" or "veryHidden" */
    const yu_xcell *cells;    /* sorted by row, then column */
    size_t ncells;
    const yu_xrange *merges;  /* merged ranges, sorted by first row */
    size_t nmerges;
    uint32_t nrows, ncols;    /* 1 + the largest row / column used by a cell or a merge */
    uint32_t max_span_;       /* private: tallest merge, for look-ups */
} yu_xsheet;

/* Opens a workbook (the sheets are read on demand).  A file that is not a
 * zip archive, or a zip without a workbook, fails with YU_EFORMAT. */
yu_status yu_xlsx_open(const char *path, yu_xlsx **out, yu_error *err);
void yu_xlsx_close(yu_xlsx *x);

/* Sheets in workbook order. */
size_t yu_xlsx_nsheets(const yu_xlsx *x);
const char *yu_xlsx_sheet_name(const yu_xlsx *x, size_t i);

/* Reads the sheet named `name` (once; later calls return the same sheet,
 * owned by x).  YU_EMISSING when the workbook has no such sheet. */
yu_status yu_xlsx_sheet(yu_xlsx *x, const char *name, const yu_xsheet **out, yu_error *err);

/* The cell at (row, col) as stored, or NULL when the sheet has none. */
const yu_xcell *yu_xsheet_cell(const yu_xsheet *s, uint32_t row, uint32_t col);
/* The value shown at (row, col): the cell itself, or for a cell inside a
 * merged range the range's top-left cell.  NULL when empty. */
const yu_xcell *yu_xsheet_value(const yu_xsheet *s, uint32_t row, uint32_t col);

/* "C12" for (11, 2) into buf (>= 16 bytes); returns buf. */
char *yu_xlsx_ref(uint32_t row, uint32_t col, char *buf, size_t n);

#ifdef __cplusplus
}
#endif

#endif
