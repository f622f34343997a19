/* yusuan — reading any published disclosure without a template.
 *
 * yu_read_any() finds every table of a disclosure's text (a PDF read through
 * poppler, or `pdftotext -layout` output): its title, its money unit, its
 * header as labels per column, its columns (located by the alignment of their
 * figures), its rows with code, name and level, and every cell, blank, "-",
 * 0 and a figure kept apart.  Meaning comes from a vocabulary kept as data
 * (data/vocab/budget.vocab, docs/vocab.md): header words name column
 * concepts, row words row concepts, title words the kind of table.
 *
 * yu_infer_check() then checks the identities the structure implies (a 类 is
 * the sum of its 款, a 合计 row the sum of the top rows, a 合计 column the sum
 * of the columns its header groups, 收入总计 = 支出总计 …) and the same
 * concept across tables; yu_gnarr_check() ties the narrative's figures to the
 * tables.  No template file is needed; a known template (layout.h) only adds
 * to it. */
#ifndef YUSUAN_READ_H
#define YUSUAN_READ_H

#include <stdint.h>
#include <stddef.h>
#include "error.h"
#include "rules.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct yu_vocab yu_vocab;

/* Loads a vocabulary file (docs/vocab.md): "KIND<TAB>CONCEPT<TAB>WORD|WORD…"
 * lines, '#' comments.  Errors name file and line. */
yu_status yu_vocab_load(const char *path, yu_vocab **out, yu_error *err);
void yu_vocab_free(yu_vocab *v);
/* The concept of KIND ("col", "row", "table", "fund" …) that a canonical
 * label contains (the longest word wins), or NULL. */
const char *yu_vocab_match(const yu_vocab *v, const char *kind, const char *label);
/* 1 when the label contains a word of KIND/CONCEPT. */
int yu_vocab_has(const yu_vocab *v, const char *kind, const char *concept, const char *label);

typedef enum yu_gcell_kind {
    YU_GC_BLANK = 0, /* nothing printed */
    YU_GC_DASH,      /* "-", "—", "/" printed for nothing */
    YU_GC_NUM,       /* a figure: v in hundredths of the table's unit */
    YU_GC_PCT,       /* a rate: v in hundredths of a percent (basis points) */
    YU_GC_TEXT       /* anything else */
} yu_gcell_kind;

typedef struct yu_gcell {
    uint8_t kind;      /* yu_gcell_kind */
    uint8_t dec;       /* decimals printed (NUM, PCT) */
    uint8_t ocr;       /* 1: read by OCR */
    int64_t v;         /* NUM: hundredths of the unit; PCT: basis points */
    const char *text;  /* as printed (NULL for BLANK) */
} yu_gcell;

typedef struct yu_gcol {
    const char *label;   /* header words of the column, top to bottom, joined by '/' */
    const char *leaf;    /* the lowest header words */
    const char *concept; /* vocabulary concept of the leaf ("total", "basic" …) or NULL */
    const char *group;   /* concept of the header above it ("fiscal", "lastyear" …) or NULL */
    int side;            /* two-sided tables: 0 left (收入), 1 right (支出); else 0 */
    int x0, x1;          /* text columns the figures occupy */
} yu_gcol;

typedef struct yu_grow {
    char code[12];       /* 功能/经济分类 code (类/款/项 joined), "" when none */
    const char *name;    /* 科目名称 / line label / unit name (wrapped lines joined) */
    const char *concept; /* row vocabulary concept ("total", "income_total" …) or NULL */
    const char *number;  /* numbering printed before the name (一、 （一） 1.) or NULL */
    int level;           /* 1.. depth from code, numbering or indentation; 0 a total row */
    int indent;          /* leading blank columns of the name */
    int side;            /* two-sided tables: 0 收入 side, 1 支出 side */
    int page, line;      /* where it was printed */
    yu_gcell *cells;     /* one per column of the table (ncols) */
} yu_grow;

typedef struct yu_gtable {
    const char *title;   /* as printed, without 表N / number prefixes */
    const char *number;  /* "表1", "一" … printed with the title, or NULL */
    const char *kind;    /* vocabulary table kind ("summary", "income" …) or NULL */
    const char *scope;   /* fund scope from the title ("gpb", "fiscal", "govfund" …) or NULL */
    int64_t unit;        /* 元 per printed unit: 1 元, 10000 万元, 1000 千元 */
    const char *unit_text; /* "万元" as printed */
    int twosided;        /* 1: 收入 | 支出 side by side */
    int perf;            /* 1: a performance form (项目支出绩效目标表) */
    int page, line;      /* where the title is */
    int last_page;       /* the page its last row is on */
    int from, to;        /* the lines it occupies (0-based, [from, to)) */
    yu_gcol *cols; size_t ncols;
    yu_grow *rows; size_t nrows;
    int complete;        /* 1: every figure of its body was placed in a column */
    int stray;           /* figures that could not be placed */
    int empty;           /* 1: printed without figures (a note that it is empty) */
    const char *note;    /* 注：… printed under it, or NULL */
} yu_gtable;

/* A performance form (项目支出绩效目标表 and its many shapes) read as a form. */
typedef struct yu_gindicator {
    const char *l1, *l2, *l3; /* 一级, 二级, 三级指标 (l3 may be the indicator's name) */
    const char *value;        /* 指标值 as printed (≥90%, =100%, 5个 …), or NULL */
    int64_t weight;           /* 分值/权重 in hundredths, -1 when not printed */
    int page, line;
} yu_gindicator;

typedef struct yu_gform {
    size_t table;             /* index of its yu_gtable in the document */
    const char *project;      /* 项目名称 */
    const char *unit;         /* 主管部门 / 实施单位, or NULL */
    int64_t unit_yuan;        /* 元 per printed unit of its money lines (10000 万元) */
    /* money lines in hundredths of that unit; -1 when not printed */
    int64_t total;            /* 资金总额 / 年度资金总额 / 项目资金 */
    int64_t fiscal;           /* 财政拨款 / 财政资金 */
    int64_t carry;            /* 上年结转 */
    int64_t other;            /* 其他资金 */
    yu_gindicator *ind; size_t nind;
    int page, line;
} yu_gform;

typedef struct yu_gdoc {
    const char *name;     /* file name given */
    const char *unit_name;/* the body the document is of (部门 / 单位), or NULL */
    int year;             /* budget year, 0 unknown */
    const char *kind;     /* "预算" or "决算" */
    int is_budget;        /* 1: a budget / final accounts disclosure */
    int ocr_pages;        /* pages read by OCR */
    int approximate;      /* 1: text laid out in characters (pdftotext -layout), columns only
                           * approximate: identities that fail are warnings, not errors */
    int flat;             /* 1: text without a column layout (pdftotext without -layout prints
                           * a table a cell a line): its tables are found, not read; no
                           * identity and no figure of the narrative is checked against them */
    unsigned char *ocr;   /* per page (npages): 1 read by OCR, or NULL */
    int npages;
    yu_gtable *tables; size_t ntables;
    yu_gform *forms; size_t nforms; /* the performance forms among the tables, read as forms */
    /* the text as read: lines (UTF-8, no newline), 1-based page of each */
    const char **lines; int *line_page; int nlines;
    struct yu_arena *arena; /* owns everything above */
} yu_gdoc;

/* Reads a document's text (form feeds separate pages).  `name` is used in
 * messages.  Never fails on content: a text with no table gives a document
 * with none (is_budget 0).  The concepts and kinds in the document are the
 * vocabulary's strings: v must outlive the document. */
yu_status yu_read_any(const char *text, size_t len, const char *name, const yu_vocab *v,
                      yu_gdoc **out, yu_error *err);
void yu_gdoc_free(yu_gdoc *d);

/* Marks the pages read by OCR (flags[i] == 1 for page i+1, as
 * yu_pdf_text_ex gives them): their cells get ocr = 1 and findings on them
 * say so. */
yu_status yu_gdoc_mark_ocr(yu_gdoc *d, const unsigned char *flags, int npages);

/* Checks the identities inferred from each table's structure and across
 * tables; appends findings (table = the table's title, row = code or name,
 * col = column label). */
yu_status yu_infer_check(const yu_gdoc *d, const yu_vocab *v, yu_findings *out);

/* The same, counting the identity instances checked and those that held
 * (exactly or within rounding), and per table (unsure[ntables], zeroed by
 * the caller) the failures of identities it did not judge (a structure not
 * understood: the table is not read completely); any pointer may be NULL. */
yu_status yu_infer_check_counts(const yu_gdoc *d, const yu_vocab *v, yu_findings *out, int *checked, int *held,
                                int *unsure);

/* Ties the narrative's figures to table cells and checks its statements
 * (A万元，比上年增加B万元，增长C%; 占C%; parts of a total). */
yu_status yu_gnarr_check(const yu_gdoc *d, const yu_vocab *v, yu_findings *out);
/* For a document audited with a template: the errors yu_gnarr_check finds on
 * lines no narrative finding already in `out` is near (within two lines) —
 * statements the template's sections do not describe (another year's or
 * place's wording of the same template).  Appends to out. */
yu_status yu_gnarr_check_beside(const yu_gdoc *d, const yu_vocab *v, yu_findings *out);

/* Every table of the document as JSON (docs/extract.md): the document,
 * unit name, year, kind and money unit, then tables with columns and rows;
 * figures as decimal strings in the table's unit.  Caller frees *out. */
yu_status yu_gdoc_json(const yu_gdoc *d, char **out, size_t *len, yu_error *err);
/* Every cell as one CSV line (long form: document, unit name, year, kind,
 * money unit, table, page, line, code, name, column, value, as printed);
 * the header line first when header is 1.  Caller frees *out. */
yu_status yu_gdoc_csv(const yu_gdoc *d, int header, char **out, size_t *len, yu_error *err);

/* What an audit of any disclosure found, for reports and benchmarks. */
typedef struct yu_any_info {
    int tables;          /* tables found */
    int complete;        /* tables read completely: every figure placed in a column, and every
                          * identity of the table held or was reported as the document's error */
    int checked, held;   /* identity instances checked, and those that held (exactly or within rounding) */
} yu_any_info;

/* Every check of a disclosure read without a template: the identities of
 * yu_infer_check, the narrative of yu_gnarr_check and the text rules of
 * rules.h (placeholders, paragraphs printed twice, unit and year).  `text`
 * is the document's text as read.  info may be NULL. */
yu_status yu_check_any(const yu_gdoc *d, const yu_vocab *v, const char *text, size_t len, yu_findings *out,
                       yu_any_info *info);

/* Checks the performance forms: money lines add up (资金总额 = 财政拨款 +
 * 上年结转 + 其他资金), weights add up to the form's total (100), every
 * indicator has a value; appends findings. */
yu_status yu_gperf_check(const yu_gdoc *d, const yu_vocab *v, yu_findings *out);
const yu_rule_info *yu_gperf_rules(size_t *n);

/* The rules of yu_infer_check and yu_gnarr_check (for `yusuan rules`). */
const yu_rule_info *yu_infer_rules(size_t *n);
const yu_rule_info *yu_gnarr_rules(size_t *n);

#ifdef __cplusplus
}
#endif

#endif
