/* yusuan — the library's version.
 *
 * YU_VERSION_MAJOR/MINOR/PATCH are the version of the headers a program was
 * compiled with; yu_version() is the version of the library it runs with
 * (they differ when the shared library is upgraded under the program).  The
 * shared library's soname is libyusuan.so.MAJOR: a release that breaks the
 * ABI raises MAJOR (docs/install.md, "Library API").  The Makefile reads the
 * version from this file. */
#ifndef YUSUAN_VERSION_H
#define YUSUAN_VERSION_H

#ifdef __cplusplus
extern "C" {
#endif

#define YU_VERSION_MAJOR 0
#define YU_VERSION_MINOR 1
#define YU_VERSION_PATCH 0
#define YU_VERSION_STRING "0.1.0"
/* One number to compare against: YU_VERSION_NUM >= YU_VERSION_AT(0, 2, 0). */
#define YU_VERSION_AT(a, b, c) ((a) * 10000 + (b) * 100 + (c))
#define YU_VERSION_NUM YU_VERSION_AT(YU_VERSION_MAJOR, YU_VERSION_MINOR, YU_VERSION_PATCH)
/* Kept for programs written against 0.1.0 before this header existed. */
#define YUSUAN_VERSION YU_VERSION_STRING

/* The library's version, "MAJOR.MINOR.PATCH" (static storage; never NULL). */
const char *yu_version(void);

#ifdef __cplusplus
}
#endif

#endif
