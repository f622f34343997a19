/* yusuan — template layouts.
 *
 * A layout file (data/layouts/NAME.layout, format in docs/layouts.md)
 * describes one disclosure template: its tables' titles and aliases, their
 * numbering, their multi-level headers and column keys, which rows they list
 * and the note printed when a table is empty.  Renderers draw tables from it
 * and the audit reader recognizes published tables by it, so a province's
 * template is a data file, not code. */
#ifndef YUSUAN_LAYOUT_H
#define YUSUAN_LAYOUT_H

#include <stdint.h>
#include <stddef.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define YU_HDR_MAX 4 /* header levels at most */

/* yu_row.flags bit set by the audit reader: the row's 功能/经济分类 code is
 * misprinted; its code holds the code inferred from the rows above, the
 * code cell the text as printed (the other YU_ROW_* bits are in engine.h). */
#define YU_ROW_MISPRINT 0x100u

typedef enum yu_shape {
    YU_SHAPE_GRID = 0, /* rows x columns (支出总表, 一般公共预算支出表 …) */
    YU_SHAPE_TWOSIDE,  /* 收入 | 支出 side by side (收支总表) */
    YU_SHAPE_PERF      /* one form per project (绩效目标表) */
} yu_shape;

typedef enum yu_rows {
    YU_ROWS_NONE = 0, /* no body rows: only the total row */
    YU_ROWS_FUNC,     /* 功能分类 类/款/项 rows */
    YU_ROWS_ECON,     /* 经济分类 类/款 rows */
    YU_ROWS_SINGLE    /* one row of values (三公 table) */
} yu_rows;

/* Which money a table counts. */
typedef enum yu_filter {
    YU_FILTER_ALL = 0, /* every source */
    YU_FILTER_FISCAL,  /* 财政拨款: the three budgets, current and carried over */
    YU_FILTER_GPB,     /* 一般公共预算当年拨款 */
    YU_FILTER_GF,      /* 政府性基金预算当年拨款 */
    YU_FILTER_SOE      /* 国有资本经营预算当年拨款 */
} yu_filter;

typedef struct yu_lcol {
    char *key;                /* engine key: code, name, total, basic, … */
    char *label[YU_HDR_MAX];  /* header path, top level first; NULL-padded */
    int depth;                /* number of labels in the path */
    char **also;              /* other printed leaf labels of the column (audit) */
    size_t nalso;
} yu_lcol;

/* A cell reference of an identity: TABLE.ROW.COL.  ROW is a line key of a
 * two-sided table, a 功能/经济分类 code, "total" (the total row, or the only
 * row of a single-row table), "*" (every row: row identities), "@class"
 * (each 类 row) or "@code" (each row with a code). */
typedef struct yu_ref {
    char *table, *row, *col;
    int sign;        /* +1 or -1 */
    int sum;         /* 1: sum(REF), the sum over the rows the pattern matches */
} yu_ref;

/* An identity the rules check (docs/layouts.md, "Identities"). */
typedef struct yu_ident {
    char *rule;           /* rule id reported, e.g. T-ROW-SUM, X-SUMMARY-EXP */
    int le;               /* 0: lhs = rhs; 1: lhs <= rhs */
    yu_ref *lhs; size_t nlhs;
    yu_ref *rhs; size_t nrhs;
    yu_ref *cond;         /* if/unless: applies only when this cell is (not) zero */
    int cond_unless;      /* 1: unless (applies when the cell is zero or absent) */
    char *what;           /* the relation in words for messages, or NULL */
    int line;             /* layout file line */
} yu_ident;

/* Narrative section: figures after a keyword are claims on a cell. */
typedef struct yu_lclaim {
    char *word;           /* keyword before the figure */
    yu_ref ref;           /* the cell; for `item` claims only ref.col is set */
} yu_lclaim;

/* The narrative as data: a section's program, run when compiling (narr_interp.c;
 * docs/layouts.md, "The narrative").  Templates hold {unit} {year} {prev} {n} {i}
 * {name} {code} {key} {lei} {kuan} {xiang} and figures {m:EXPR@TABLE.ROW.COL},
 * {abs:…}, {pct:EXPR}, {count:EXPR}, {note:KEY}. */
typedef enum yu_nop {
    YU_N_H1 = 0, /* h1 TEMPLATE: a heading of the first rank ({n}: 一 二 …) */
    YU_N_H2,     /* h2 TEMPLATE: of the second rank ({n}: 一 二 …, again after each h1) */
    YU_N_SAY,    /* say TEMPLATE: text and figures added to the paragraph */
    YU_N_PARA,   /* para: the paragraph ends */
    YU_N_IF,     /* if COND ARG */
    YU_N_ELSE,   /* else */
    YU_N_ENDIF,  /* endif */
    YU_N_EACH,   /* each LIST …: the statements up to endeach, once per item */
    YU_N_JOIN,   /* join FIRST BETWEEN [LAST]: said before each item ('-': nothing) */
    YU_N_ENDEACH, /* endeach */
    /* in `document … end` only: the document's parts, in order */
    YU_N_TITLE,   /* title DOC_TITLE|TEXT|SUB: the document's title, its title block */
    YU_N_TOC,     /* toc: the 目录 (parts, the document's h1 headings, the tables) */
    YU_N_PART,    /* part ANCHOR TOC_TEXT|TEXT|SUB: a new page and a part heading (none when TEXT is empty) */
    YU_N_TEXT,    /* text functions|organisation: the unit's own text, a paragraph a line */
    YU_N_TABLES,  /* tables FORMAT: every table, a page each; 目录 entries FORMAT ({number}、{title}) */
    YU_N_SECTIONS,/* sections [ID …]: those narrative sections (all that compile, but tables' intros) */
    YU_N_GLOSSARY,/* glossary: 名词解释 from the layout's glossary file */
    YU_N_PAGEBREAK,/* pagebreak */
    YU_N_FORMS    /* forms: the performance forms here (their table's intro, no heading); `tables` then leaves them out */
} yu_nop;

typedef enum yu_ncond {
    YU_NC_ZERO = 0, YU_NC_NONZERO,                 /* an amount (exact) is (not) zero */
    YU_NC_INCREASE, YU_NC_DECREASE, YU_NC_UNCHANGED, /* a change (as printed) rises, falls, holds */
    YU_NC_EMPTY, YU_NC_NONEMPTY, YU_NC_ONE, YU_NC_MANY, /* a list has no, some, one, several items */
    YU_NC_NOTE,                                    /* the preparer wrote the note KEY */
    YU_NC_GIVEN,                                   /* an optional input is given (sangong_prior, funds_prior) */
    YU_NC_KEY,                                     /* the item in hand has the key KEY */
    YU_NC_TEXT,                                    /* the project in hand has the text FIELD (overview …) */
    YU_NC_COUNT
} yu_ncond;

typedef struct yu_nstmt {
    yu_nop op;
    char *text;      /* h1 h2 say: the template; if: the condition's argument; each: the list */
    yu_ncond cond;   /* if */
    char *join[3];   /* join: before the first item, between, before the last (NULL: as between) */
    size_t jump;     /* if: its else or endif; else: its endif; each: its endeach */
    int line;        /* layout file line */
} yu_nstmt;

typedef struct yu_lsection {
    char *id;
    int document;                   /* 1: the `document` block (its statements may be the parts') */
    yu_nstmt *prog; size_t nprog;   /* what compiling writes (may be empty: audit only) */
    char **heading; size_t nheading; /* phrases of the section heading */
    yu_lclaim *claims; size_t nclaims;
    char *items_table;    /* paragraphs naming a 项 tie figures to its row here */
    yu_lclaim *items; size_t nitems; /* keyword -> column within such a paragraph */
    char *classes_table, *classes_col; /* a 类 name before a figure: that 类's row */
    int line;
} yu_lsection;

/* Performance-form labels (shape perf): the label before each figure. */
enum { YU_PERF_NAME = 0, YU_PERF_TOTAL, YU_PERF_FISCAL, YU_PERF_CARRY, YU_PERF_OTHER, YU_PERF_NLABELS };

/* The fields a performance form's cells name (`form`, `indicators`, `form_title`,
 * `form_subtitle`: {name} …), in the order of yu_form_field. */
#define YU_FORM_FIELDS {"name", "department", "implementer", "nature", "category", "start", "finish", \
                        "unit", "exec_score", "weights", "year", "total", "fiscal", "carry", "other", \
                        "life_total", "life_fiscal", "life_other", "goal", "life_goal"}
typedef enum yu_form_field {
    YU_FF_NAME = 0, YU_FF_DEPARTMENT, YU_FF_IMPLEMENTER, YU_FF_NATURE, YU_FF_CATEGORY, YU_FF_START,
    YU_FF_FINISH, YU_FF_UNIT, YU_FF_EXEC_SCORE, YU_FF_WEIGHTS, YU_FF_YEAR, YU_FF_TOTAL, YU_FF_FISCAL,
    YU_FF_CARRY, YU_FF_OTHER, YU_FF_LIFE_TOTAL, YU_FF_LIFE_FISCAL, YU_FF_LIFE_OTHER, YU_FF_GOAL,
    YU_FF_LIFE_GOAL, YU_FF_COUNT
} yu_form_field;
/* the field named by the n bytes at s ("name"), or -1 */
int yu_form_field_of(const char *s, size_t n);
/* the field a whole cell "{name}" names, or -1 (not one field alone) */
int yu_form_cell_field(const char *cell);

typedef enum yu_litem_kind {
    YU_LI_LEFT = 0, /* an income line of a two-sided table */
    YU_LI_RIGHT,    /* an expenditure line */
    YU_LI_PAIR      /* a row holding one line on each side */
} yu_litem_kind;

typedef struct yu_litem {
    yu_litem_kind kind;
    char *key[2];    /* value expressions (sum of keys with '+'), "-" for none */
    char *label[2];  /* row labels; for @class items a format with {cn} {name} */
    int dynamic;     /* 1: expands to one line per 功能分类 类 */
    yu_filter filter;/* for dynamic lines: which money */
    int line;        /* layout file line */
} yu_litem;

typedef struct yu_ltable {
    char *id;           /* stable id: summary, income, expenditure, fiscal, gpb, … */
    char *title;        /* 部门收支总表 */
    char **aliases;     /* other titles that mean this table (audit) */
    size_t naliases;
    char *number;       /* 一, 二 … as numbered in the 目录 */
    yu_shape shape;
    yu_rows rows;
    yu_filter filter;
    int total_pos;      /* 0 none, 1 first row, 2 last row */
    char *total_label;  /* 合计 */
    int total_col;      /* index of the column holding total_label */
    int blank_zero;     /* 1: zero amounts print blank */
    char *note_empty;   /* note when the table has no data; {year} {unit} */
    char *title_prefix; /* this table's own title prefix when compiling ("-": none), or NULL for the template's */
    yu_lcol *cols;  size_t ncols;
    yu_litem *items; size_t nitems;
    int hdr_depth;      /* max depth over columns */
    int line;           /* layout file line of the table statement */
    /* the unit the table prints (default: the template's); the audit reader
     * sets it from the table's own 单位 line */
    char *unit_label;
    int64_t unit_fen;   /* 分 per last printed digit */
    int decimals;
    int optional;       /* 1: a document may leave the table out */
    int keys_sources;   /* 1 (`keys sources`): plain money keys name money, not kinds of spending */
    yu_ident *sums; size_t nsums; /* row identities (`sum`) */
    int nhalves;        /* >1: rows printed in halves side by side (`half`) */
    char *half_key[4], *half_label[4]; /* each half's total line: row key, label */
    char *perf_label[YU_PERF_NLABELS]; /* perf forms: labels, '|'-separated alternatives: the
                                          label before the field's cell in `form`, then `perf`'s */
    char *form_title;   /* perf: `form_title`, each form's title ({year} …), or NULL: the table's */
    char *form_sub;     /* perf: `form_subtitle`, the line under it, or NULL */
    char **form; size_t nform; /* perf: `form CELL|CELL…`, the rows above the indicators
                                  ("^": the cell above goes on, "<": the cell left goes on) */
    char *indicators;   /* perf: `indicators LABEL|HEAD|HEAD…`: the indicators' label and the heads
                           of 一级, 二级, 三级指标, 指标值 and, when a fifth, 分值权重; or NULL */
    char *intro;        /* `intro SECTION`: the narrative section compiled before the table (绩效目标表), or NULL */
    int split_codes;    /* 1 (`split_codes 1`): the code column prints 类, 款 and 项 apart (201  05  07) */
    int trim_zeros;     /* 1 (`trim_zeros 1`): figures print without trailing zero decimals (15.00 → 15) */
    int empty_total;    /* 1 (`empty_total 1`): a table without data still prints its 合计 line, blank, above its note */
} yu_ltable;

typedef struct yu_layout {
    char *id;          /* template id, e.g. central-budget */
    char *path;        /* the file it was read from (errors of its narrative name it) */
    char *name;        /* 中央部门预算 */
    char *kind;        /* budget | final-accounts */
    char *unit_label;  /* 万元 */
    int64_t unit_fen;  /* 分 per display unit of the last decimal: 10000 for 万元.2 */
    int decimals;      /* decimals printed */
    char *glossary;    /* glossary data file name, relative to data/glossary */
    char *title_prefix; /* printed before every table title when compiling (`title_prefix {year}年`), or NULL */
    char *org_label;   /* the label of the unit's name on each table's 单位 line (`orgline 编制部门`), or NULL */
    char **detect;     /* phrases that identify the template in a document */
    size_t ndetect;
    yu_ltable *tables; size_t ntables;
    int carry_merge;   /* 1: the template prints no 上年结转 of 财政拨款: carried-over money is
                          shown as the same budget's appropriation (`carry merge`) */
    int independent;   /* 1: cells are rounded independently (`rounding independent`):
                          sums may differ by half a printed unit per summed cell */
    char *prose_label; /* the narrative's unit (`prose`; default: the template's) */
    int64_t prose_fen;
    int prose_decimals;
    char **nar_from, **nar_to; size_t nnar; /* narrative regions (`narrative FROM TO`) */
    char **words_name, **words_list; size_t nwords; /* `words NAME KEY:WORD …`: the words {kind}
                                                       and {source} print for an item's key */
    char *date_pattern; /* `date {y}年{m}月{d}日`: how {date} prints a date, or NULL */
    int pct_fixed;      /* `percent fixed`: a share prints both decimals (100.00%); default trim (100%) */
    int pct_bare_zero;  /* `percent fixed bare_zero`: a zero share prints 0% */
    yu_lsection *sections; size_t nsections;
    yu_lsection *document; /* `document … end`: the parts of the compiled document in order, or NULL */
    yu_ident *idents; size_t nidents;       /* cross-table identities (`equal`) */
    yu_ident *priors; size_t npriors;       /* across years (`prior`): lhs a cell of this
                                               year's document, rhs of last year's */
} yu_layout;

/* Parses a layout file. Errors carry the file and line. */
yu_status yu_layout_load(const char *path, yu_layout **out, yu_error *err);
void yu_layout_free(yu_layout *L);

/* The table with an id, or NULL; index of a column key in a table, or -1. */
const yu_ltable *yu_layout_table(const yu_layout *L, const char *id);
int yu_ltable_col(const yu_ltable *t, const char *key);
/* The section with an id, or NULL. */
const yu_lsection *yu_layout_section(const yu_layout *L, const char *id);

#ifdef __cplusplus
}
#endif

#endif
