/* Error statuses and messages. */
#include <stdio.h>
#include <string.h>
#include <stdarg.h>
#include <stdlib.h>
#include "yusuan/error.h"

static const char *const messages[YU_STATUS_COUNT] = {
    [YU_OK] = "success",
    [YU_ENOMEM] = "out of memory",
    [YU_EIO] = "input/output error",
    [YU_ESYNTAX] = "syntax error",
    [YU_EVALUE] = "invalid value",
    [YU_ECODE] = "unknown or misplaced classification code",
    [YU_EMISSING] = "missing file, column or field",
    [YU_EDUP] = "duplicated entry",
    [YU_EBALANCE] = "sources and uses do not balance",
    [YU_ELAYOUT] = "invalid layout file",
    [YU_ELIMIT] = "size limit exceeded",
    [YU_EUSAGE] = "invalid usage",
    [YU_EDB] = "database error",
    [YU_EFORMAT] = "document not understood",
};

const char *yu_strerror(yu_status st)
{
    if ((int)st < 0 || st >= YU_STATUS_COUNT || !messages[st])
        return "unknown error";
    return messages[st];
}

void yu_error_clear(yu_error *e)
{
    if (e)
        memset(e, 0, sizeof *e);
}

yu_status yu_error_set(yu_error *e, yu_status st, const char *file, int line,
                       int col, const char *fmt, ...)
{
    if (!e)
        return st;
    e->status = st;
    e->where[0] = 0; /* a sheet!cell of an earlier error is not this one's */
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
    e->line = line;
    e->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return st;
}

char *yu_error_format(const yu_error *e, char *buf, size_t n)
{
    size_t k = 0;
    if (!n)
        return buf;
    buf[0] = 0;
    if (e->file[0])
        k += (size_t)snprintf(buf + k, n - k, "%s", e->file);
    if (e->where[0] && k < n)
        k += (size_t)snprintf(buf + k, n - k, "%s%s", k ? ":" : "", e->where);
    if (e->line > 0 && k < n)
        k += (size_t)snprintf(buf + k, n - k, ":%d", e->line);
    if (e->col > 0 && k < n)
        k += (size_t)snprintf(buf + k, n - k, ":%d", e->col);
    if (k < n)
        snprintf(buf + k, n - k, "%s%s", k ? ": " : "",
                 e->msg[0] ? e->msg : yu_strerror(e->status));
    return buf;
}

struct yu_errors {
    yu_error *v;
    size_t n, cap, dropped;
};

yu_errors *yu_errors_new(void)
{
    return calloc(1, sizeof(yu_errors));
}

void yu_errors_free(yu_errors *l)
{
    if (!l)
        return;
    free(l->v);
    free(l);
}

size_t yu_errors_count(const yu_errors *l) { return l ? l->n : 0; }
size_t yu_errors_dropped(const yu_errors *l) { return l ? l->dropped : 0; }

const yu_error *yu_errors_at(const yu_errors *l, size_t i)
{
    return l && i < l->n ? &l->v[i] : NULL;
}

int yu_errors_add(yu_errors *l, const yu_error *e)
{
    if (l->n >= YU_ERRORS_MAX) {
        l->dropped++;
        return -1;
    }
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 8;
        yu_error *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = *e;
    return 0;
}

int yu_errors_keep(yu_errors *errs, yu_error *err, yu_error *first, size_t *nerr)
{
    if (!errs || !err || err->status == YU_OK || err->status == YU_ENOMEM)
        return 0;
    if (!*nerr)
        *first = *err;
    (*nerr)++;
    if (yu_errors_add(errs, err))
        return 0;
    yu_error_clear(err);
    return 1;
}
