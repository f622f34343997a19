/* yusuan — classification catalogues.
 *
 * A catalogue maps classification codes to official names: 支出功能分类
 * (类 3 digits, 款 5, 项 7) or 部门预算支出经济分类 (类 3, 款 5).  Catalogues
 * are data files (data/catalog/NAME.tsv: "CODE<TAB>NAME" lines, '#' comments);
 * a user may add codes with a file of their own (yu_catalog_add_file). */
#ifndef YUSUAN_CATALOG_H
#define YUSUAN_CATALOG_H

#include <stdint.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct yu_catalog yu_catalog;

/* A new, empty catalogue. NULL when out of memory. */
yu_catalog *yu_catalog_new(void);
void yu_catalog_free(yu_catalog *c);

/* Adds every code of a TSV file; a later file overrides an earlier name.
 * Errors name the file and line (bad code, missing name, parent missing). */
yu_status yu_catalog_add_file(yu_catalog *c, const char *path, yu_error *err);

/* Adds one code; `code` is decimal digits. */
yu_status yu_catalog_add(yu_catalog *c, const char *code, const char *name);

/* Name of a code, or NULL when the catalogue does not know it.
 * Codes are compared as digit strings ("201" vs "20101"). */
const char *yu_catalog_name(const yu_catalog *c, const char *code);

/* Same lookup by numeric value and digit count (3, 5, 7). */
const char *yu_catalog_name_num(const yu_catalog *c, uint32_t code, int digits);

/* Number of codes held. */
size_t yu_catalog_size(const yu_catalog *c);

/* The i-th code (sorted) and its name. */
void yu_catalog_at(const yu_catalog *c, size_t i, const char **code,
                   const char **name);

#ifdef __cplusplus
}
#endif

#endif
