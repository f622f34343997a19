/* Formatting shared by every renderer. */
#include <string.h>
#include <stdio.h>
#include "yusuan/render.h"

int yu_format_parse(const char *name)
{
    static const char *const n[YU_FMT_COUNT] = {"txt", "md", "json", "csv", "html", "pdf", "xlsx"};
    for (int i = 0; i < YU_FMT_COUNT; i++)
        if (!strcmp(name, n[i]))
            return i;
    return -1;
}

const char *yu_cell_text(const yu_doc *d, const yu_table *t, const yu_cell *c, char *buf, size_t n)
{
    buf[0] = 0;
    switch (c->kind) {
    case YU_CELL_MONEY:
        if (c->v == 0 && t && t->lt->blank_zero)
            return buf;
        return yu_fmt_units(c->v, d->decimals, YU_NUM_TABLE, buf, n);
    case YU_CELL_PCT:
        return yu_fmt_units(c->v, 2, YU_NUM_TABLE, buf, n);
    case YU_CELL_COUNT:
        snprintf(buf, n, "%lld", (long long)c->v);
        return buf;
    case YU_CELL_TEXT:
        return c->text ? c->text : "";
    default:
        return buf;
    }
}

const char *yu_seg_text(const yu_doc *d, const yu_seg *s, char *buf, size_t n)
{
    switch (s->kind) {
    case YU_SEG_MONEY:
        return yu_fmt_units(s->v, d->decimals, YU_NUM_PROSE, buf, n);
    case YU_SEG_PCT: {
        yu_fmt_units(s->v, 2, YU_NUM_PROSE, buf, n);
        size_t l = strlen(buf);
        if (l + 1 < n) {
            buf[l] = '%';
            buf[l + 1] = 0;
        }
        return buf;
    }
    case YU_SEG_COUNT:
        snprintf(buf, n, "%lld", (long long)s->v);
        return buf;
    default:
        return s->text ? s->text : "";
    }
}
