/* The narrative language of layout files: parsing (layout_narr.c) and the
 * pieces both the parser (to check a layout) and the interpreter
 * (narr_interp.c, to run it) read.  docs/layouts.md, "The narrative". */
#ifndef YU_NARR_INTERNAL_H
#define YU_NARR_INTERNAL_H

#include <stddef.h>
#include "yusuan/engine.h"

/* Parses one statement of a section.  Returns 1 when kw is a statement of
 * the narrative language (and it parsed), 0 when it is not one, -1 on an
 * error (set, naming path and line). */
int narr_stmt(yu_lsection *sec, const char *kw, char *args, const char *path, int line, yu_error *err);
/* At the section's `end`: every if and each is closed. 0 or -1. */
int narr_finish(yu_lsection *sec, const char *path, int line, yu_error *err);
void narr_free(yu_lsection *sec);

/* A piece of a template: text, a name ({unit}) or a value ({m:EXPR@CELL}). */
enum { NP_TEXT = 0, NP_NAME, NP_VALUE };
typedef struct narr_piece {
    int kind;
    const char *s; size_t n;        /* the text, or the name (unit, m, abs, pct, count, note) */
    const char *arg; size_t narg;   /* a value's expression (or a note's key) */
    const char *cell; size_t ncell; /* a figure's cell TABLE.ROW.COL, or empty */
    int style;                      /* a figure's yu_seg.style: 0, or 1 + yu_numfmt (`/fixed`, `/plain`) */
    const char *div; size_t ndiv;   /* a share's whole ({pct:A/B}: B), or none */
} narr_piece;
/* The next piece from *p: 1, 0 at the end, -1 (why set) on a bad template. */
int narr_piece_next(const char **p, narr_piece *o, const char **why);

/* Kinds of spending and sources of money by name (cells(TYPES,SOURCES),
 * names joined with '|'): masks of 1u << YU_T_… and 1u << YU_S_…; 0 for an
 * unknown name. */
unsigned narr_types(const char *s, size_t n);
unsigned narr_sources(const char *s, size_t n);

/* A list an `each` (or a list condition) walks. */
enum { NL_KINDS = 0, NL_CLASSES, NL_ITEMS, NL_ECON, NL_ASSETS, NL_PERF, NL_PROJECTS, NL_PURCHASES, NL_ADJUST, NL_LAGGING };
/* the index of an item's text field: a project's (overview basis subject plan period schedule; goal: 6),
 * an adjustment's (reason: 7, project: 8); or -1 */
int narr_text_field(const char *s, size_t n);
typedef struct narr_list {
    int kind;
    const char *arg; size_t narg; /* kinds: the items 'KEY:LABEL[:EXPR] …'; classes, items: the filter;
                                     econ: personnel|public; assets: the category */
    int all;       /* `all`: items whose amount is zero are kept */
    size_t max;    /* `max=N`, or 0 */
    const char *with; size_t nwith; /* `with=FIELD`: only the items that have that text */
} narr_list;
/* Parses a list spec; -1 with why set when it is not one. */
int narr_list_parse(const char *spec, narr_list *o, const char **why);
/* An expression TERM (+|- TERM)…, TERM a name, cells(TYPES[,SOURCES]),
 * budget(SOURCES), adjusted(SOURCES) or assets(CATEGORY): 0, or -1 with why set. */
int narr_expr_check(const char *s, size_t n, const char **why);

/* The document's blocks as they are built (narrative.c, narr_interp.c). */
struct engine;
typedef struct narr_bb {
    struct engine *E;
    yu_block *blk; size_t n, cap;   /* blocks (malloc) */
    yu_seg *seg; size_t ns, cseg;   /* the paragraph being built (malloc) */
    int oom;
    int h1, h2;                     /* headings numbered so far ({n}) */
    void *user;                     /* the caller's (narrative.c: the 目录 being built) */
} narr_bb;
yu_block *narr_block(narr_bb *B, yu_block_kind k);
yu_seg *narr_seg(narr_bb *B);
/* text added to the paragraph (merged with text before it) */
void narr_text(narr_bb *B, const char *text, size_t n);
/* the paragraph ends as a block of kind k */
void narr_para(narr_bb *B, yu_block_kind k);
void narr_heading(narr_bb *B, yu_block_kind k, const char *text, const char *anchor);
/* The document's parts (title, toc, part, text, tables, sections, glossary,
 * pagebreak) and, in the document block, each h1: run by the caller
 * (narrative.c); text is the statement's template filled in ({unit} …), or
 * its argument as written (tables, sections, text). */
typedef yu_status (*narr_doc_fn)(narr_bb *B, const yu_nstmt *s, const char *text, yu_error *err);
/* Runs a section's program (narr_interp.c).  An error names the layout
 * file and the statement's line. */
yu_status narr_run(narr_bb *B, const yu_lsection *sec, narr_doc_fn doc, yu_error *err);
/* Runs the sections named in ids (space-separated), or, when ids is NULL or
 * empty, every section with a program that is not a table's `intro`. */
yu_status narr_sections(narr_bb *B, const char *ids, narr_doc_fn doc, yu_error *err);
/* title and part: "A|B|C" split into f[0..2] (arena copies) */
void narr_split3(narr_bb *B, const char *text, const char **f);
/* `text functions|organisation`: a paragraph a line of text that is not blank */
void narr_lines(narr_bb *B, const char *text);

#endif
