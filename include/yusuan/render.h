/* yusuan — renderers: a compiled document out as text, Markdown, JSON, CSV.
 *
 * Renderers only format what the engine computed (yu_doc); they never add
 * or round.  Each returns a malloc'd buffer the caller frees. */
#ifndef YUSUAN_RENDER_H
#define YUSUAN_RENDER_H

#include "engine.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum yu_format {
    YU_FMT_TXT = 0, /* plain text, aligned by display width */
    YU_FMT_MD,      /* Markdown */
    YU_FMT_JSON,    /* JSON (docs/json.md) */
    YU_FMT_CSV,     /* CSV, one file per table */
    YU_FMT_HTML,    /* one self-contained HTML file with SVG charts */
    YU_FMT_PDF,     /* PDF drawn with cairo and pango (A4) */
    YU_FMT_XLSX,    /* workbook, one sheet per table (libxlsxwriter) */
    YU_FMT_COUNT
} yu_format;

/* "txt", "md", "json", "csv", "html", "pdf", "xlsx" -> format; -1 when unknown. */
int yu_format_parse(const char *name);

/* Renders the whole document into memory (txt, md, json, html, pdf). */
yu_status yu_render(const yu_doc *d, yu_format f, char **out, size_t *len, yu_error *err);

/* Renders the whole document into a file, atomically (any format but csv;
 * xlsx only this way).  `findings` may be NULL; the xlsx writer adds a sheet
 * with them. */
struct yu_findings;
yu_status yu_render_file(const yu_doc *d, yu_format f, const struct yu_findings *findings,
                         const char *path, yu_error *err);

/* Renders table i of the document as CSV (header rows, then body). */
yu_status yu_render_csv_table(const yu_doc *d, size_t i, char **out, size_t *len, yu_error *err);

/* Renders the performance forms as one CSV (project, fields, indicators). */
yu_status yu_render_csv_perf(const yu_doc *d, char **out, size_t *len, yu_error *err);

/* Writes every table as CSV into the directory `dir` (NN-ID.csv per table,
 * perf.csv for the performance forms), all or nothing: the files are written
 * into a temporary directory beside `dir` first, so a full disk or another
 * write error leaves `dir` as it was.  A path too long for the system is an
 * error (never a shortened name).  fail_at is for tests: when not 0, writing
 * file number fail_at (1-based) fails as on a full disk. */
yu_status yu_render_csv_dir(const yu_doc *d, const char *dir, size_t fail_at, yu_error *err);

/* The unit a table prints (its 单位 line) and the decimals of its money
 * cells, as the engine resolved them (yu_table.unit_label, decimals); the
 * document's for a table built without them.  Money cells already hold the
 * printed integer in that unit: renderers only print (yu_cell_text).  The
 * performance forms carry theirs in yu_perf. */
const char *yu_table_unit_label(const yu_doc *d, const yu_table *t);
int yu_table_decimals(const yu_doc *d, const yu_table *t);

/* The rows a renderer prints: none for an empty table with a note, unless its
 * layout says it keeps its (blank) 合计 line (`empty_total`). */
size_t yu_table_rows_shown(const yu_table *t);
/* Text of one table cell as printed ("" for blank); buf >= 64 bytes. */
const char *yu_cell_text(const yu_doc *d, const yu_table *t, const yu_cell *c, char *buf, size_t n);

/* Text of one narrative segment as printed; buf >= 64 bytes. */
const char *yu_seg_text(const yu_doc *d, const yu_seg *s, char *buf, size_t n);

/* Display width of UTF-8 text in terminal columns (CJK and full-width characters 2,
 * controls 0): what a program aligning Chinese text in columns pads by. */
int yu_utf8_width(const char *s);

/* Reads a whole file into a NUL-terminated malloc'd buffer. */
yu_status yu_read_file_public(const char *path, char **data, size_t *len, yu_error *err);

/* Writes data to path atomically (temporary file beside it, fsync, rename):
 * a failed write never leaves a half-written file. */
yu_status yu_write_file_atomic(const char *path, const void *data, size_t len, yu_error *err);

#ifdef __cplusplus
}
#endif

#endif
