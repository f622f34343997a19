/* yusuan — the engine: a budget in, the published document out.
 *
 * yu_compile() builds every table, the narrative and the glossary of the
 * document as data: cells hold the printed integer in their table's own
 * unit (yu_table.unit_fen, rounded once from 分, with the controlled
 * rounding that keeps tables adding up) or basis points; text
 * holds no formatted numbers — the narrative is a list of segments, each a
 * piece of text or a typed value tied to the table cell it speaks about.
 * Renderers format; the engine never does. */
#ifndef YUSUAN_ENGINE_H
#define YUSUAN_ENGINE_H

#include "model.h"
#include "layout.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum yu_cell_kind {
    YU_CELL_EMPTY = 0, /* nothing printed */
    YU_CELL_MONEY,     /* v = the table's display units (yu_table.unit_fen 分 each) */
    YU_CELL_PCT,       /* v = basis points */
    YU_CELL_TEXT,      /* text */
    YU_CELL_COUNT      /* v = a count (vehicles, …) */
} yu_cell_kind;

typedef struct yu_cell {
    uint8_t kind;     /* yu_cell_kind */
    int64_t v;        /* value for MONEY, PCT, COUNT */
    const char *text; /* for TEXT */
} yu_cell;

#define YU_ROW_TOTAL 1u   /* the table's total row */
#define YU_ROW_HEAD  2u   /* a section head in a two-sided table */

typedef struct yu_row {
    char code[12];    /* 功能/经济分类 code, "" for other rows */
    const char *key[2]; /* value keys of the row (two-sided: left, right), or NULL */
    const char *name; /* 科目名称 or line label */
    int level;        /* 1 类, 2 款, 3 项; 0 other */
    unsigned flags;   /* YU_ROW_* */
    yu_cell *cells;   /* one per layout column */
    int page, line;   /* where the row was read (audit), 0 when compiled */
} yu_row;

typedef struct yu_table {
    const yu_ltable *lt; /* its layout */
    const char *title;   /* title with placeholders resolved */
    const char **hdr;    /* header labels, ncols * YU_HDR_MAX, resolved, NULL-padded */
    yu_row *rows; size_t nrows;
    int empty;           /* 1: no money in it; note holds the standard note */
    const char *note;    /* empty-table note, or NULL */
    /* the presentation, resolved once when the document is built (the
     * layout's table unit, else the document's; the audit: the unit the
     * table was read into): money cells hold units of unit_fen 分, printed
     * with `decimals` decimals under 单位：unit_label */
    const char *unit_label;
    int64_t unit_fen;
    int decimals;
} yu_table;

typedef struct yu_perf_row {
    const char *l1, *l2, *l3, *value; /* 一级/二级/三级指标, 指标值 */
    int64_t weight;                   /* hundredths */
} yu_perf_row;

/* A cell of a performance form, resolved by the engine from the layout's `form`
 * and `indicators` rows: renderers only print it. */
typedef enum yu_fcell_kind {
    YU_FC_LABEL = 0, /* a row's label (a header cell) */
    YU_FC_HEAD,      /* a column's head (the indicators') */
    YU_FC_TEXT,      /* text; '\n' separates paragraphs */
    YU_FC_MONEY,     /* money: v units of the forms' unit, printed in text */
    YU_FC_NUM        /* another number (a weight): v hundredths, printed in text */
} yu_fcell_kind;

typedef struct yu_fcell {
    const char *text;       /* as printed; "" for a blank cell */
    int64_t v;              /* YU_FC_MONEY, YU_FC_NUM: the value text prints */
    uint8_t kind;           /* yu_fcell_kind */
    uint8_t decimals;       /* YU_FC_MONEY, YU_FC_NUM: decimals of v */
    uint16_t row, col;      /* top-left place in the form's grid */
    uint16_t rowspan, colspan;
} yu_fcell;

typedef struct yu_form {
    const char *title, *subtitle; /* 项目绩效目标表, （2024年度） */
    size_t nrows, ncols;          /* the grid */
    size_t ind_row;               /* the row of the indicators' heads (nrows: none) */
    yu_fcell *cells; size_t ncells; /* row-major by top-left; each covers its spans */
} yu_form;

typedef struct yu_perf {
    const yu_project *p;
    int64_t total, fiscal, carry, other; /* in the forms' unit (below) */
    const char *unit_label;              /* the forms' unit: the layout's perf table's own,
                                            else the document's; unit_fen 分 per figure */
    int64_t unit_fen;
    int decimals;
    yu_perf_row *rows; size_t nrows;
    int64_t weight_sum;                  /* hundredths */
    yu_form form;                        /* compiled: the form as printed (the layout's); the
                                            audit leaves it empty */
} yu_perf;

typedef enum yu_seg_kind {
    YU_SEG_TEXT = 0, /* text */
    YU_SEG_MONEY,    /* v display units */
    YU_SEG_PCT,      /* v basis points */
    YU_SEG_COUNT     /* v a count */
} yu_seg_kind;

typedef struct yu_seg {
    uint8_t kind;      /* yu_seg_kind */
    int64_t v;         /* value */
    const char *text;  /* for TEXT */
    const char *table; /* the table id a value comes from, or NULL */
    const char *row;   /* row code or label in that table, or NULL */
    const char *col;   /* column key, or NULL */
    uint8_t printed;   /* audit: 1 + the decimals the narrative printed; 0 when compiled */
    uint8_t style;     /* compiled money or share: 0 as narrative text (YU_NUM_PROSE), else 1 + the
                          yu_numfmt the layout asks for (`/fixed`: 0.00, `/plain`: 1788.77;
                          `percent fixed`: 100.00%) */
    uint8_t decimals;  /* money: the decimals v is printed with */
    int64_t unit_fen;  /* money: v is the printed figure, unit_fen 分 per last digit (the narrative's
                          unit), resolved once — by the engine for a compiled figure, by the audit for
                          a figure it read (v then rounded from what was read, `printed` saying how
                          many decimals the document printed) */
} yu_seg;

typedef enum yu_block_kind {
    YU_B_TITLE = 0, /* document title: text */
    YU_B_TOC,       /* 目录: a list of entries in segs (one TEXT seg each), level in v */
    YU_B_PART,      /* 第一部分 …: a part heading (text), may carry subtitle */
    YU_B_H1,        /* 一、… */
    YU_B_H2,        /* （一）… */
    YU_B_PARA,      /* a paragraph of segments */
    YU_B_TABLE,     /* table index in doc->tables */
    YU_B_PERF,      /* perf index in doc->perf */
    YU_B_PAGEBREAK  /* a new page (PDF, HTML print) */
} yu_block_kind;

typedef struct yu_block {
    yu_block_kind kind;
    const char *text;    /* heading text */
    const char *sub;     /* second heading line (part subtitle), or NULL */
    yu_seg *segs; size_t nsegs; /* paragraph or TOC entries */
    int *levels;         /* TOC levels, one per seg */
    size_t index;        /* table or perf index */
    const char *anchor;  /* stable id for links ("t-summary", "part-3") */
    int page, line;      /* where the paragraph was read (audit), 0 when compiled */
} yu_block;

typedef struct yu_doc {
    const yu_budget *b;
    const yu_layout *L;
    const char *title;      /* 单位名称 部门预算 */
    const char *unit_label; /* 万元 */
    const char *org_line;   /* 编制部门：单位名称, printed before each table's 单位, or NULL */
    int decimals;           /* display decimals */
    yu_table *tables; size_t ntables;
    yu_perf *perf; size_t nperf;
    yu_block *blocks; size_t nblocks;
    struct yu_arena *arena; /* owns everything above */
    yu_budget *own_budget;  /* a budget the document owns (audit), freed with it */
    const yu_catalog *func; /* 功能分类 names the document was read with (audit), or NULL */
    const yu_catalog *econ; /* 经济分类 names to check it against (audit), or NULL */
} yu_doc;

/* Glossary selection for yu_compile. */
typedef enum yu_glossary_mode {
    YU_GLOSSARY_USED = 0, /* terms, and the 科目 entries the document uses */
    YU_GLOSSARY_FULL      /* the whole standard list */
} yu_glossary_mode;

typedef struct yu_compile_opts {
    yu_glossary_mode glossary;
    const char *glossary_path; /* glossary TSV, or NULL for none */
    const yu_catalog *func;    /* names of 功能分类 codes */
    const yu_catalog *econ;    /* names of 经济分类 codes */
} yu_compile_opts;

yu_status yu_compile(const yu_budget *b, const yu_layout *L,
                     const yu_compile_opts *o, yu_doc **out, yu_error *err);
void yu_doc_free(yu_doc *d);

/* The table with a layout id, or NULL. */
const yu_table *yu_doc_table(const yu_doc *d, const char *id);

#ifdef __cplusplus
}
#endif

#endif
