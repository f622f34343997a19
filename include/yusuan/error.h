/* yusuan — error type shared by the whole library.
 *
 * Every fallible function returns a yu_status and, when given a yu_error,
 * fills it with where the problem is (file, line, column or sheet!cell) and
 * a sentence saying what was expected.  yu_strerror() names each status;
 * tests/unit/test_error.c keeps the two in sync. */
#ifndef YUSUAN_ERROR_H
#define YUSUAN_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum yu_status {
    YU_OK = 0,      /* success */
    YU_ENOMEM,      /* out of memory */
    YU_EIO,         /* a file could not be read or written */
    YU_ESYNTAX,     /* malformed input text (CSV, layout, metadata) */
    YU_EVALUE,      /* a value of the wrong kind (not a number, bad enum) */
    YU_ECODE,       /* unknown or misplaced classification code */
    YU_EMISSING,    /* a required file, column, sheet or field is missing */
    YU_EDUP,        /* a duplicated line or key */
    YU_EBALANCE,    /* sources and uses do not balance */
    YU_ELAYOUT,     /* a template layout file is invalid */
    YU_ELIMIT,      /* a size limit was exceeded */
    YU_EUSAGE,      /* bad arguments to a function or command */
    YU_EDB,         /* the database reported an error */
    YU_EFORMAT,     /* an input document could not be understood */
    YU_STATUS_COUNT /* number of statuses; not a status */
} yu_status;

/* Short English description of a status; never NULL. */
const char *yu_strerror(yu_status st);

/* Where and what.  All strings are NUL-terminated; empty when unknown. */
typedef struct yu_error {
    yu_status status; /* what kind of failure */
    char file[512];   /* input file (or workbook) the problem is in */
    char where[64];   /* sheet!cell for workbooks, table name for documents */
    int line;         /* 1-based line, 0 when not applicable */
    int col;          /* 1-based column (field number for CSV), 0 when n/a */
    char msg[1024];   /* what was found and what was expected, in Chinese or English */
} yu_error;

/* Clears an error to YU_OK. Accepts NULL. */
void yu_error_clear(yu_error *e);

/* Records an error and returns st.  e may be NULL (then only st is returned). */
yu_status yu_error_set(yu_error *e, yu_status st, const char *file, int line,
                       int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Formats "file:line:col: message" (parts omitted when unknown) into buf.
 * Returns buf. */
char *yu_error_format(const yu_error *e, char *buf, size_t n);

/* ---- every input error at once ----
 *
 * A list of errors: the package and workbook loaders (yu_load_package_all,
 * yu_load_xlsx_all) go on after a mistake in a line or a cell and add each
 * one here, in the order found, up to YU_ERRORS_MAX; each names its
 * file:line:col or sheet!cell.  Errors past the limit are counted, not kept. */
#define YU_ERRORS_MAX 100

typedef struct yu_errors yu_errors;

/* A new empty list; NULL when out of memory. */
yu_errors *yu_errors_new(void);
/* Frees the list; accepts NULL. */
void yu_errors_free(yu_errors *l);
/* Number of errors kept (at most YU_ERRORS_MAX). */
size_t yu_errors_count(const yu_errors *l);
/* The i-th error kept (0-based), or NULL past the end. */
const yu_error *yu_errors_at(const yu_errors *l, size_t i);
/* Errors found past the limit (not kept). */
size_t yu_errors_dropped(const yu_errors *l);
/* Adds a copy of e.  Returns 0, or -1 when the list is full (e is then
 * counted as dropped) or out of memory. */
int yu_errors_add(yu_errors *l, const yu_error *e);

#ifdef __cplusplus
}
#endif

#endif
