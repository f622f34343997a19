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

typedef struct yu_audit_info {
    int tables_found;      /* tables of the layout recognised */
    int tables_expected;   /* tables in the layout */
    int claims;            /* narrative figures tied to a cell */
    int unreadable;        /* cells that could not be read */
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

/* Scores how well a text matches a layout (its `detect` phrases and table
 * titles found); the template with the highest score is the document's. */
int yu_layout_score(const yu_layout *L, const char *text, size_t len);

#endif
