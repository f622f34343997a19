/* yusuan — reading published disclosures back (audit).
 *
 * A published document (text extracted from its PDF: tab-separated cells or
 * `pdftotext -layout` columns; or the PDF itself through poppler) is read
 * into the same yu_doc that yu_compile() produces, using the template's
 * layout file to recognise tables by title and header; the narrative's
 * figures become claims tied to the table cells they speak about.  The rules
 * of rules.h then run over it unchanged. */
#ifndef YUSUAN_AUDIT_H
#define YUSUAN_AUDIT_H

#include "engine.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct yu_audit_info {
    int tables_found;      /* tables of the layout recognised */
    int tables_expected;   /* tables in the layout */
    int claims;            /* narrative figures tied to a cell */
    int unreadable;        /* cells that could not be read */
    int misfit;            /* tables printing the template's columns in another order */
    char missing[512];     /* titles of tables not found, '、'-separated */
} yu_audit_info;

/* Reads a document's text.  `name` is used in messages.  The layout is the
 * template's; func names 功能分类 codes.  On success *out is a document whose
 * d->b holds the unit name and year found in the text. */
yu_status yu_audit_text(const char *text, size_t len, const char *name, const yu_layout *L,
                        const yu_catalog *func, yu_doc **out, yu_audit_info *info, yu_error *err);

/* Extracts the text of a PDF with poppler, one line per text line, cells
 * separated by runs of spaces that keep the columns (like pdftotext -layout),
 * pages separated by form feeds.  Caller frees *text. */
yu_status yu_pdf_text(const char *path, char **text, size_t *len, yu_error *err);

/* How yu_pdf_text_ex reads a PDF.  Start from yu_pdf_opts_init(). */
typedef struct yu_pdf_opts {
    int ocr;      /* read scanned pages by OCR (tesseract, chi_sim+eng); default 1 */
    int dpi;      /* resolution a scanned page is rendered at for OCR; default 300 */
    int min_conf; /* a figure recognised with a confidence (0-100) below this
                   * is written with a '?' after its last digit (e.g. "1,234.5?"),
                   * so it reads as an unreadable cell, never as a figure; default 80 */
} yu_pdf_opts;

/* Fills the defaults: OCR on, 300 dpi, confidence 80. */
void yu_pdf_opts_init(yu_pdf_opts *o);

/* yu_pdf_text with options (NULL: the defaults) and a report of the pages.
 * A page with next to no text glyphs whose images cover a good part of it is
 * a scan: it is rendered and read by tesseract (words placed on the same
 * column grid as glyph text, one line per text line).  When ocr_pages is not
 * NULL it receives a malloc'd array of *npages bytes (caller frees), one per
 * page: 0 read from its text, 1 read by OCR, 2 a scan left empty because
 * OCR was turned off.  Errors (with the file, and the page where it applies):
 * YU_EIO the file cannot be opened; YU_EFORMAT a damaged, truncated,
 * password-protected or page-less PDF ("不是完整的PDF文件（已损坏或被截断）: …"),
 * or OCR failed on a page; YU_EMISSING a page is a scan and tesseract or its
 * Chinese data (tesseract-ocr-chi-sim) is not installed ("第N页是扫描图像，
 * 需要 tesseract-ocr-chi-sim 才能识别"). */
yu_status yu_pdf_text_ex(const char *path, const yu_pdf_opts *opts, char **text, size_t *len,
                         unsigned char **ocr_pages, int *npages, yu_error *err);

/* Scores how well a text matches a layout (its `detect` phrases and table
 * titles found); the template with the highest score is the document's. */
int yu_layout_score(const yu_layout *L, const char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif
