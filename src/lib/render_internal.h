/* Helpers shared by the renderers. */
#ifndef YU_RENDER_INTERNAL_H
#define YU_RENDER_INTERNAL_H
#include "yusuan/render.h"
#include "internal.h"

void rt_grid(yu_buf *o, size_t nc, int depth_max, const char **hdr, const int *depth,
             size_t nr, const char **body, const int *right);
const char **rt_table_strings(const yu_doc *d, const yu_table *T, int **right_out);
void rt_table_strings_free(const char **body, size_t n, int *right);
void rt_para(yu_buf *o, const yu_doc *d, const yu_block *b);
yu_status rt_txt(const yu_doc *d, yu_buf *o);
yu_status rt_md(const yu_doc *d, yu_buf *o);
yu_status rt_json(const yu_doc *d, yu_buf *o);
/* HTML (render_html.c), PDF (render_pdf.c) into a buffer */
yu_status rt_html(const yu_doc *d, yu_buf *o, yu_error *err);
yu_status rt_pdf(const yu_doc *d, yu_buf *o, yu_error *err);
/* XLSX (render_xlsx.c) into a file path (the caller renames it into place) */
struct yu_findings;
yu_status rt_xlsx(const yu_doc *d, const struct yu_findings *f, const char *path, yu_error *err);
/* A performance form's grid: for each place (row × column) the index of the cell
 * covering it, or -1; malloc'd, NULL when out of memory. */
int *rt_form_owner(const yu_form *F);
/* the heads of a form's indicators (cells of its ind_row from column 1), at most max */
size_t rt_form_heads(const yu_form *F, const yu_fcell **heads, size_t max);
/* a header path joined with '/' for flat formats */
const char *rt_hdr_flat(const yu_table *T, size_t c, char *buf, size_t n);
#endif
