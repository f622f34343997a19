/* Shared by the rule modules (rules.c, rules_text.c). */
#ifndef YU_RULES_INTERNAL_H
#define YU_RULES_INTERNAL_H
#include <stdarg.h>
#include "yusuan/rules.h"

/* Appends a finding (strings copied, cut at a character boundary); NULL when
 * out of memory. */
yu_finding *yu_findings_vadd(yu_findings *o, const char *rule, yu_severity sev, const char *table,
                             const char *row, const char *col, int64_t got, int64_t want, const char *fmt,
                             va_list ap);
/* The same with the arguments given directly. */
yu_finding *yu_findings_addf(yu_findings *o, const char *rule, yu_severity sev, const char *table, const char *row,
                             const char *col, int64_t got, int64_t want, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 9, 10)))
#endif
    ;
#endif
