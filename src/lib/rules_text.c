/* Text rules: what a reviewer sees at a glance in a published document and
 * no table identity catches. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include <ctype.h>
#include "yusuan/rules.h"
#include "internal.h"
#include "rules_internal.h"

static const yu_rule_info text_rules[] = {
    {"D-DUPLICATE", "no paragraph (30 characters or more) is printed twice"},
    {"D-UNIT", "every “关于X…情况说明” heading names the unit of the title"},
    {"D-YEAR", "headings and table titles speak of the budget year (or the year before, for execution)"},
    {"D-TABLES", "every table of the template is present"},
};

const yu_rule_info *yu_text_rules(size_t *n)
{
    *n = sizeof text_rules / sizeof text_rules[0];
    return text_rules;
}

typedef struct tc {
    yu_findings *out;
    int oom;
} tc;

static void add(tc *c, const char *rule, yu_severity sev, int line, const char *fmt, ...)
{
    char row[32];
    snprintf(row, sizeof row, "line %d", line);
    va_list ap;
    va_start(ap, fmt);
    if (!yu_findings_vadd(c->out, rule, sev, "text", row, "", 0, 0, fmt, ap))
        c->oom = 1;
    va_end(ap);
}

/* the line without white space (ASCII, ideographic) */
static char *squeeze(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int m = yu_utf8_decode(s + i, n - i, &cp);
        if (cp != ' ' && cp != '\t' && cp != '\r' && cp != '\f' && cp != 0x3000) {
            memcpy(o + k, s + i, (size_t)m);
            k += (size_t)m;
        }
        i += (size_t)m;
    }
    o[k] = 0;
    return o;
}

typedef struct para {
    char *text; /* squeezed */
    int line;   /* first line */
} para;

static int pcmp(const void *a, const void *b)
{
    const para *x = a, *y = b;
    int r = strcmp(x->text, y->text);
    return r ? r : x->line - y->line;
}

static int count_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

yu_status yu_check_text(const yu_doc *d, const char *text, size_t len, yu_findings *out)
{
    tc c = {out, 0};
    /* split into squeezed lines */
    size_t cap = 256, nl = 0;
    para *L = malloc(cap * sizeof *L);
    if (!L)
        return YU_ENOMEM;
    int line = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        line++;
        char *s = squeeze(text + i, j - i);
        if (!s) {
            c.oom = 1;
            break;
        }
        if (nl == cap) {
            cap *= 2;
            para *n2 = realloc(L, cap * sizeof *L);
            if (!n2) {
                free(s);
                c.oom = 1;
                break;
            }
            L = n2;
        }
        L[nl].text = s;
        L[nl++].line = line;
        i = j + 1;
    }
    const char *unit = d->b && d->b->name ? d->b->name : NULL;
    int year = d->b ? d->b->year : 0;
    char ys[16];
    snprintf(ys, sizeof ys, "%d", year);
    /* placeholders left in (XX单位, 待填写) are W-LEFTOVER (rules_words.c): one
     * finding per placeholder with its count and first pages */
    for (size_t i = 0; i < nl; i++) {
        const char *s = L[i].text;
        /* 关于X2024年…情况说明: X must be the unit */
        const char *g = strstr(s, "关于");
        const char *q = g ? strstr(g, "情况说明") : NULL;
        if (unit && g && q && year) {
            const char *y = strstr(g, ys);
            if (y && y < q) {
                size_t n = (size_t)(y - (g + strlen("关于")));
                if (n && (n != strlen(unit) || strncmp(g + strlen("关于"), unit, n)))
                    add(&c, "D-UNIT", YU_SEV_ERROR, L[i].line, "第%d行说明的单位“%.*s”与封面单位“%s”不一致。", L[i].line,
                        (int)n, g + strlen("关于"), unit);
            }
            /* a year in such a heading other than the budget year */
            for (const char *p = g; p < q; p++)
                if (p[0] == '2' && p[1] == '0' && isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
                    !strncmp(p + 4, "年", 3) && strncmp(p, ys, 4) && (p == g || !isdigit((unsigned char)p[-1])))
                    add(&c, "D-YEAR", YU_SEV_ERROR, L[i].line, "第%d行标题的年度“%.4s年”与预算年度%d年不一致。", L[i].line, p, year);
        }
    }
    /* paragraphs printed twice: consecutive non-empty lines form a paragraph */
    size_t np = 0;
    para *P = malloc((nl + 1) * sizeof *P);
    if (!P)
        c.oom = 1;
    for (size_t i = 0; P && i < nl;) {
        if (!L[i].text[0]) {
            i++;
            continue;
        }
        yu_buf b;
        yu_buf_init(&b, 0);
        size_t j = i;
        while (j < nl && L[j].text[0])
            yu_buf_puts(&b, L[j++].text);
        /* prose only: a sentence that ends (。), not a table row of codes and figures */
        if (b.p && count_chars(b.p) >= 30 && !strchr(b.p, '\t') && strstr(b.p, "。")) {
            P[np].text = yu_buf_take(&b);
            P[np++].line = L[i].line;
        } else
            yu_buf_free(&b);
        i = j;
    }
    if (P) {
        qsort(P, np, sizeof *P, pcmp);
        for (size_t i = 1; i < np; i++)
            if (P[i].text && P[i - 1].text && !strcmp(P[i].text, P[i - 1].text))
                add(&c, "D-DUPLICATE", YU_SEV_WARNING, P[i].line, "第%d行的段落与第%d行重复：%s", P[i].line, P[i - 1].line,
                    P[i].text);
        for (size_t i = 0; i < np; i++)
            free(P[i].text);
        free(P);
    }
    /* tables of the template not found */
    if (d->L)
        for (size_t k = 0; k < d->L->ntables; k++) {
            const yu_ltable *lt = &d->L->tables[k];
            if (lt->optional)
                continue;
            int found = lt->shape == YU_SHAPE_PERF ? d->nperf > 0 : 0;
            for (size_t t = 0; t < d->ntables && !found; t++)
                found = d->tables[t].lt == lt;
            if (!found)
                add(&c, "D-TABLES", YU_SEV_ERROR, 0, "未找到《%s》：该模板要求公开此表（空表也应公开并注明）。", lt->title);
        }
    for (size_t i = 0; i < nl; i++)
        free(L[i].text);
    free(L);
    return c.oom ? YU_ENOMEM : YU_OK;
}
