/* The narrative language of layout files: a section's program (h1, h2,
 * say, para, if/else/endif, each/join/endeach), checked when the layout is
 * read so that a mistake names the layout file and line.  The interpreter
 * is narr_interp.c; the language is documented in docs/layouts.md. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "narr_internal.h"
#include "yusuan/model.h"
#include "yusuan/money.h"
#include "internal.h"

static int nfail(const char *path, int line, yu_error *err, const char *fmt, const char *a)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, a ? a : "");
    yu_error_set(err, YU_ELAYOUT, path, line, 0, "%s", msg);
    return -1;
}

/* the n bytes at s hold w */
static int holds(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    for (size_t i = 0; i + l <= n; i++)
        if (!strncmp(s + i, w, l))
            return 1;
    return 0;
}

/* a character of a name in an expression ($key and $code: the item's) */
static int is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

/* `all` and `max=N` after a list's items or argument */
static int is_option(const char *s, size_t n)
{
    return (n == 3 && !strncmp(s, "all", 3)) || (n > 4 && !strncmp(s, "max=", 4)) || (n > 5 && !strncmp(s, "with=", 5));
}

/* ---- templates ---- */

int narr_piece_next(const char **pp, narr_piece *o, const char **why)
{
    const char *p = *pp;
    memset(o, 0, sizeof *o);
    if (!*p)
        return 0;
    if (*p != '{') {
        const char *e = strchr(p, '{');
        if (!e)
            e = p + strlen(p);
        if (memchr(p, '}', (size_t)(e - p))) {
            *why = "a '}' without its '{'";
            return -1;
        }
        o->kind = NP_TEXT;
        o->s = p;
        o->n = (size_t)(e - p);
        *pp = e;
        return 1;
    }
    const char *e = strchr(p, '}');
    const char *nb = strchr(p + 1, '{');
    if (!e || (nb && nb < e)) {
        *why = "a '{' without its '}'";
        return -1;
    }
    const char *s = p + 1;
    const char *colon = memchr(s, ':', (size_t)(e - s));
    o->s = s;
    if (!colon) {
        o->kind = NP_NAME;
        o->n = (size_t)(e - s);
        static const char *const names[] = {"unit", "year", "prev", "n",    "i",    "name",  "code",
                                            "key",  "lei",  "kuan", "xiang", "date", "kind", "source",
                                            "type", "asof"};
        int ok = 0;
        for (size_t k = 0; k < sizeof names / sizeof *names; k++)
            if (strlen(names[k]) == o->n && !strncmp(names[k], s, o->n))
                ok = 1;
        if (!ok) {
            *why = "an unknown name in braces: expected {unit} {year} {prev} {n} {i} {name} {code} {key} {lei} {kuan} {xiang} "
                   "{date} {kind} {source}, or a value {m:…} {abs:…} {pct:…} {count:…} {note:…} {text:…}";
            return -1;
        }
    } else {
        o->kind = NP_VALUE;
        o->n = (size_t)(colon - s);
        o->arg = colon + 1;
        /* a style after '/': how the figure is printed; in a share, the whole: {pct:A/B} */
        const char *sl = memchr(o->arg, '/', (size_t)(e - o->arg));
        const char *end = e;
        int pct = o->n == 3 && !strncmp(s, "pct", 3);
        int style_word = sl && (size_t)(e - sl - 1) == 5 && (!strncmp(sl + 1, "fixed", 5) || !strncmp(sl + 1, "plain", 5));
        if (sl && pct && !style_word) {
            o->div = sl + 1;
            o->ndiv = (size_t)(e - o->div);
            if (!o->ndiv || narr_expr_check(o->div, o->ndiv, why)) {
                if (!o->ndiv)
                    *why = "{pct:A/B} needs the whole B after '/'";
                return -1;
            }
            e = sl;
        } else if (sl) {
            size_t nl = (size_t)(e - sl - 1);
            if (nl == 5 && !strncmp(sl + 1, "fixed", 5))
                o->style = 1 + YU_NUM_TABLE;
            else if (nl == 5 && !strncmp(sl + 1, "plain", 5))
                o->style = 1 + YU_NUM_PLAIN;
            else {
                *why = "a figure's style after '/' is fixed (1,788.70) or plain (1788.70)";
                return -1;
            }
            e = sl;
        }
        const char *at = memchr(o->arg, '@', (size_t)(e - o->arg));
        o->narg = (size_t)((at ? at : e) - o->arg);
        if (at) {
            o->cell = at + 1;
            o->ncell = (size_t)(e - o->cell);
        }
        int note = (o->n == 4 && !strncmp(s, "note", 4)) || (o->n == 4 && !strncmp(s, "text", 4));
        int money = (o->n == 1 && s[0] == 'm') || (o->n == 3 && !strncmp(s, "abs", 3));
        int other = (o->n == 3 && !strncmp(s, "pct", 3)) || (o->n == 5 && !strncmp(s, "count", 5));
        if (!note && !money && !other) {
            *why = "an unknown value in braces: expected {m:EXPR}, {abs:EXPR}, {pct:EXPR}, {count:EXPR}, {note:KEY} or {text:FIELD}";
            return -1;
        }
        if (o->style && !money) {
            *why = "only a figure ({m:…} or {abs:…}) has a style after '/'";
            return -1;
        }
        if (o->cell && !money) {
            *why = "only a figure ({m:…} or {abs:…}) names a cell after '@'";
            return -1;
        }
        if (!o->narg) {
            *why = "an empty expression in braces";
            return -1;
        }
        if (o->cell) {
            size_t dots = 0;
            for (size_t k = 0; k < o->ncell; k++)
                dots += o->cell[k] == '.';
            if (dots < 2) {
                *why = "a cell after '@' is TABLE.ROW.COLUMN";
                return -1;
            }
        }
        if (!note && narr_expr_check(o->arg, o->narg, why))
            return -1;
        if (o->n == 4 && !strncmp(s, "text", 4) && narr_text_field(o->arg, o->narg) < 0) {
            *why = "{text:FIELD}: a project's overview, basis, subject, plan, period, schedule or goal; an adjustment's reason or project";
            return -1;
        }
        e = end;
    }
    *pp = e + 1;
    return 1;
}

static int check_template(const char *s, const char **why)
{
    narr_piece pc;
    int r;
    while ((r = narr_piece_next(&s, &pc, why)) > 0)
        ;
    return r;
}

int narr_text_field(const char *s, size_t n)
{
    static const char *const f[] = YU_PROJECT_TEXTS;
    for (int k = 0; k < 6; k++)
        if (strlen(f[k]) == n && !strncmp(f[k], s, n))
            return k;
    if (n == 4 && !strncmp(s, "goal", 4))
        return 6;
    if (n == 6 && !strncmp(s, "reason", 6))
        return 7;
    if (n == 7 && !strncmp(s, "project", 7))
        return 8;
    return -1;
}

/* ---- expressions ---- */

static unsigned by_name(const char *s, size_t n, const char *const *names, const unsigned *masks, size_t k)
{
    unsigned m = 0;
    while (n) {
        const char *bar = memchr(s, '|', n);
        size_t l = bar ? (size_t)(bar - s) : n;
        unsigned one = 0;
        for (size_t i = 0; i < k; i++)
            if (strlen(names[i]) == l && !strncmp(names[i], s, l))
                one = masks[i];
        if (!one)
            return 0;
        m |= one;
        if (!bar)
            break;
        n -= l + 1;
        s = bar + 1;
    }
    return m;
}

#define TM(t) (1u << (t))
unsigned narr_types(const char *s, size_t n)
{
    static const char *const nm[] = {"all", "basic", "personnel", "public", "project", "shangjiao", "jingying", "fushu"};
    static const unsigned mk[] = {TM(YU_T_COUNT) - 1, TM(YU_T_PERSONNEL) | TM(YU_T_PUBLIC), TM(YU_T_PERSONNEL), TM(YU_T_PUBLIC),
                                  TM(YU_T_PROJECT), TM(YU_T_SHANGJIAO), TM(YU_T_JINGYING), TM(YU_T_FUSHU)};
    return by_name(s, n, nm, mk, sizeof nm / sizeof *nm);
}

unsigned narr_sources(const char *s, size_t n)
{
    static const char *const nm[] = {"all", "fiscal", "gpb", "gpb_carry", "gf", "gf_carry", "soe", "soe_carry", "nonfiscal",
                                     "shiye", "jingying"};
    static const unsigned mk[] = {TM(YU_S_COUNT) - 1, TM(YU_S_SOE_CARRY + 1) - 1, TM(YU_S_GPB), TM(YU_S_GPB_CARRY), TM(YU_S_GF),
                                  TM(YU_S_GF_CARRY), TM(YU_S_SOE), TM(YU_S_SOE_CARRY), TM(YU_S_NONFISCAL), TM(YU_S_SHIYE),
                                  TM(YU_S_JINGYING)};
    return by_name(s, n, nm, mk, sizeof nm / sizeof *nm);
}

int narr_expr_check(const char *s, size_t n, const char **why)
{
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    for (;;) {
        size_t w = i;
        while (i < n && is_word(s[i]))
            i++;
        if (i == w) {
            *why = "an expression is names joined with '+' and '-' (grand_in, cells(basic,gpb), assets(vehicle))";
            return -1;
        }
        if (i < n && s[i] == '(') {
            const char *close = memchr(s + i, ')', n - i);
            if (!close) {
                *why = "a '(' without its ')'";
                return -1;
            }
            const char *a = s + i + 1;
            size_t na = (size_t)(close - a);
            if (i - w == 5 && !strncmp(s + w, "cells", 5)) {
                const char *comma = memchr(a, ',', na);
                size_t nt = comma ? (size_t)(comma - a) : na;
                if (!narr_types(a, nt)) {
                    *why = "cells(TYPES,SOURCES): TYPES are all basic personnel public project shangjiao jingying fushu, "
                           "joined with '|'";
                    return -1;
                }
                if (comma && !narr_sources(comma + 1, na - nt - 1)) {
                    *why = "cells(TYPES,SOURCES): SOURCES are all fiscal gpb gpb_carry gf gf_carry soe soe_carry nonfiscal "
                           "shiye jingying, joined with '|'";
                    return -1;
                }
            } else if ((i - w == 6 && !strncmp(s + w, "budget", 6)) || (i - w == 8 && !strncmp(s + w, "adjusted", 8))) {
                if (!narr_sources(a, na)) {
                    *why = "budget(SOURCES), adjusted(SOURCES): SOURCES are all fiscal gpb gpb_carry gf gf_carry soe soe_carry "
                           "nonfiscal shiye jingying, joined with '|'";
                    return -1;
                }
            } else if (i - w == 6 && !strncmp(s + w, "assets", 6)) {
                if (!na) {
                    *why = "assets(CATEGORY) needs a category (vehicle, equipment)";
                    return -1;
                }
            } else {
                *why = "the functions are cells(TYPES,SOURCES), budget(SOURCES), adjusted(SOURCES) and assets(CATEGORY)";
                return -1;
            }
            i = (size_t)(close - s) + 1;
        }
        if (i == n)
            return 0;
        if (s[i] != '+' && s[i] != '-') {
            *why = "an expression is names joined with '+' and '-' (grand_in, cells(basic,gpb), assets(vehicle))";
            return -1;
        }
        i++;
    }
}

/* ---- lists ---- */

/* The list option p (n bytes): all, or max=N.  1 when it is one (o set), 0 when it
 * is not an option, -1 (and *why) when max=N is not a positive whole number. */
static int list_option(const char *p, size_t n, narr_list *o, const char **why)
{
    if (n == 3 && !strncmp(p, "all", 3)) {
        o->all = 1;
        return 1;
    }
    if (n > 5 && !strncmp(p, "with=", 5)) {
        if (narr_text_field(p + 5, n - 5) < 0) {
            *why = "with=FIELD keeps the items that have the text FIELD: a project's overview … goal, an adjustment's reason or project";
            return -1;
        }
        o->with = p + 5;
        o->nwith = n - 5;
        return 1;
    }
    if (n <= 4 || strncmp(p, "max=", 4))
        return 0;
    char *e;
    long v = strtol(p + 4, &e, 10);
    if (e != p + n || v <= 0) {
        *why = "max=N needs a positive whole number";
        return -1;
    }
    o->max = (size_t)v;
    return 1;
}

static int kinds_check(const char *s, size_t n, const char **why)
{
    size_t i = 0;
    int any = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i == n)
            break;
        size_t a = i;
        while (i < n && s[i] != ' ')
            i++;
        const char *it = s + a;
        size_t ni = i - a;
        if (is_option(it, ni))
            continue;
        const char *c1 = memchr(it, ':', ni);
        if (!c1 || c1 == it || c1 + 1 == it + ni) {
            *why = "kinds lists items KEY:LABEL or KEY:LABEL:EXPR";
            return -1;
        }
        const char *c2 = memchr(c1 + 1, ':', (size_t)(it + ni - c1 - 1));
        if (c2 && narr_expr_check(c2 + 1, (size_t)(it + ni - c2 - 1), why))
            return -1;
        if (!c2 && narr_expr_check(it, (size_t)(c1 - it), why))
            return -1;
        any = 1;
    }
    if (!any) {
        *why = "kinds lists items KEY:LABEL or KEY:LABEL:EXPR";
        return -1;
    }
    return 0;
}

int narr_list_parse(const char *spec, narr_list *o, const char **why)
{
    memset(o, 0, sizeof *o);
    while (*spec == ' ')
        spec++;
    static const char *const kinds[] = {"kinds",    "classes",   "items",       "econ",   "assets",
                                        "perf",     "projects",  "purchases",   "adjustments", "lagging"};
    size_t kl = strcspn(spec, " ");
    o->kind = -1;
    for (int k = 0; k < (int)(sizeof kinds / sizeof *kinds); k++)
        if (strlen(kinds[k]) == kl && !strncmp(kinds[k], spec, kl))
            o->kind = k;
    if (o->kind < 0) {
        *why = "a list is kinds, classes, items, econ, assets, purchases, perf, projects, adjustments or lagging";
        return -1;
    }
    const char *a = spec + kl;
    while (*a == ' ')
        a++;
    if (o->kind == NL_KINDS) {
        o->arg = a;
        o->narg = strlen(a);
        if (kinds_check(o->arg, o->narg, why))
            return -1;
        /* options among the items */
        for (const char *p = a; *p;) {
            while (*p == ' ')
                p++;
            size_t n = strcspn(p, " ");
            if (list_option(p, n, o, why) < 0)
                return -1;
            p += n;
        }
        return 0;
    }
    /* one argument (but for perf) then options */
    const char *p = a;
    if (o->kind != NL_PERF && o->kind != NL_PROJECTS && o->kind != NL_LAGGING) {
        size_t n = strcspn(p, " ");
        int filt = o->kind == NL_CLASSES || o->kind == NL_ITEMS || o->kind == NL_ADJUST;
        static const char *const need_filter =
            "classes, items and adjustments need a filter: all, fiscal, gpb, gf, soe, or sources joined with '|' "
            "(gpb|gpb_carry: 一般公共预算 current and carried over)";
        if (!n || !strncmp(p, "max=", 4) || !strncmp(p, "with=", 5) || (!filt && n == 3 && !strncmp(p, "all", 3))) {
            *why = o->kind == NL_ECON ? "econ needs personnel or public"
                   : o->kind == NL_ASSETS || o->kind == NL_PURCHASES ? "assets and purchases need a category (vehicle, equipment)"
                                                                       : need_filter;
            return -1;
        }
        o->arg = p;
        o->narg = n;
        /* a filter is sources: all fiscal gpb gf soe mean what the tables' filters mean */
        if (filt && !narr_sources(p, n)) {
            *why = need_filter;
            return -1;
        }
        if (o->kind == NL_ECON && !(n == 9 && !strncmp(p, "personnel", 9)) && !(n == 6 && !strncmp(p, "public", 6))) {
            *why = "econ needs personnel or public";
            return -1;
        }
        p += n;
    }
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p)
            return 0;
        size_t n = strcspn(p, " ");
        int k = list_option(p, n, o, why);
        if (k < 0)
            return -1;
        if (!k) {
            *why = "a list's options are all, max=N and with=FIELD";
            return -1;
        }
        p += n;
    }
}

/* ---- statements ---- */

static int push(yu_lsection *sec, yu_nop op, int line, yu_nstmt **out)
{
    yu_nstmt *n = realloc(sec->prog, (sec->nprog + 1) * sizeof *n);
    if (!n)
        return -1;
    sec->prog = n;
    *out = &n[sec->nprog++];
    memset(*out, 0, sizeof **out);
    (*out)->op = op;
    (*out)->line = line;
    return 0;
}

/* the innermost open if (or else) or each, as an index into the program, or -1 */
static long open_block(const yu_lsection *sec, int want_each)
{
    int depth = 0;
    for (size_t k = sec->nprog - 1; k-- > 0;) { /* before the statement just added */
        yu_nop op = sec->prog[k].op;
        if (op == YU_N_ENDIF || op == YU_N_ENDEACH)
            depth++;
        else if (op == YU_N_IF || op == YU_N_EACH) {
            if (depth)
                depth--;
            else
                return (want_each ? op == YU_N_EACH : op == YU_N_IF) ? (long)k : -2;
        }
    }
    return -1;
}

int narr_stmt(yu_lsection *sec, const char *kw, char *args, const char *path, int line, yu_error *err)
{
    static const char *const ops[] = {"h1",    "h2",  "say",  "para", "if",     "else",     "endif",    "each",     "join",
                                      "endeach", "title", "toc", "part", "text", "tables", "sections", "glossary", "pagebreak",
                                      "forms"};
    int op = -1;
    for (int k = 0; k < (int)(sizeof ops / sizeof *ops); k++)
        if (!strcmp(kw, ops[k]))
            op = k;
    if (op < 0)
        return 0;
    if (op >= YU_N_TITLE && !sec->document)
        return nfail(path, line, err, "'%s' describes the document's parts: it belongs in document … end", kw);
    const char *why = NULL;
    yu_nstmt *st;
    if (push(sec, (yu_nop)op, line, &st))
        return nfail(path, line, err, "out of memory", NULL);
    switch (op) {
    case YU_N_H1:
    case YU_N_H2:
    case YU_N_SAY:
        if (!*args)
            return nfail(path, line, err, "%s needs a text", kw);
        if (check_template(args, &why))
            return nfail(path, line, err, "%s", why);
        st->text = yu_strdup(args);
        break;
    case YU_N_TITLE:
    case YU_N_PART: {
        char *text = args;
        if (op == YU_N_PART) {
            char *sp = args;
            while (*sp && *sp != ' ')
                sp++;
            if (!*sp || sp == args)
                return nfail(path, line, err, "part needs ANCHOR TOC_TEXT|TEXT|SUB (part-1 第一部分 {unit}概况|第一部分|{unit}概况)", NULL);
            *sp = 0;
            st->join[0] = yu_strdup(args);
            text = sp + 1;
            while (*text == ' ')
                text++;
        }
        int bars = 0;
        for (const char *q = text; *q; q++)
            bars += *q == '|';
        if (bars != 2)
            return nfail(path, line, err,
                         op == YU_N_TITLE ? "title needs DOC_TITLE|TEXT|SUB ({unit}部门预算|{unit}|{year}年部门预算)"
                                          : "part needs ANCHOR TOC_TEXT|TEXT|SUB (part-1 第一部分 {unit}概况|第一部分|{unit}概况)",
                         NULL);
        if (check_template(text, &why))
            return nfail(path, line, err, "%s", why);
        st->text = yu_strdup(text);
        break;
    }
    case YU_N_TEXT:
        if (strcmp(args, "functions") && strcmp(args, "organisation"))
            return nfail(path, line, err, "text is functions or organisation (the unit's 主要职能, 机构设置), not '%s'", args);
        st->text = yu_strdup(args);
        break;
    case YU_N_TABLES:
        if (!strstr(args, "{title}"))
            return nfail(path, line, err, "tables needs the 目录 entry of a table, with {number} and {title} ({number}、{title})", NULL);
        st->text = yu_strdup(args);
        break;
    case YU_N_SECTIONS:
        st->text = yu_strdup(args);
        break;
    case YU_N_GLOSSARY: {
        /* TERM|ITEM|ONLY: a term or 款 ({n}), a 项 numbered ({i}), a 款's only 项; each {title} and {text} */
        int parts = 1, ok = 1;
        for (const char *q = args; *q; q++)
            if (*q == '{')
                ok &= !strncmp(q, "{n}", 3) || !strncmp(q, "{i}", 3) || !strncmp(q, "{title}", 7) || !strncmp(q, "{text}", 6);
        for (const char *q = args; ok; parts++) {
            const char *bar = strchr(q, '|');
            size_t l = bar ? (size_t)(bar - q) : strlen(q);
            ok = l && holds(q, l, "{title}") && holds(q, l, "{text}");
            if (!bar)
                break;
            q = bar + 1;
        }
        if (!ok || parts != 3)
            return nfail(path, line, err,
                         "glossary needs TERM|ITEM|ONLY, each with {title} and {text}, of {n} {i} {title} {text} "
                         "(（{n}）{title}：{text}|{i}. {title}（项）：{text}|{title}（项）：{text})",
                         NULL);
        st->text = yu_strdup(args);
        break;
    }
    case YU_N_TOC:
    case YU_N_PAGEBREAK:
    case YU_N_FORMS:
    case YU_N_PARA:
    case YU_N_ELSE:
    case YU_N_ENDIF:
    case YU_N_ENDEACH:
        if (*args)
            return nfail(path, line, err, "%s takes nothing after it", kw);
        if (op == YU_N_ELSE || op == YU_N_ENDIF) {
            long k = open_block(sec, 0);
            /* the if, or an else of it already given */
            long e = -1;
            for (size_t j = (k >= 0 ? (size_t)k + 1 : 0); k >= 0 && j + 1 < sec->nprog; j++)
                if (sec->prog[j].op == YU_N_ELSE && sec->prog[k].jump == j)
                    e = (long)j;
            if (k < 0)
                return nfail(path, line, err, "%s without its if", kw);
            if (op == YU_N_ELSE) {
                if (e >= 0)
                    return nfail(path, line, err, "a second else of the same if", NULL);
                sec->prog[k].jump = sec->nprog - 1;
            } else {
                if (e >= 0)
                    sec->prog[e].jump = sec->nprog - 1;
                else
                    sec->prog[k].jump = sec->nprog - 1;
                /* mark the if closed: its jump points at or past this endif */
            }
        } else if (op == YU_N_ENDEACH) {
            long k = open_block(sec, 1);
            if (k < 0)
                return nfail(path, line, err, "endeach without its each", NULL);
            sec->prog[k].jump = sec->nprog - 1;
            st->jump = (size_t)k;
        }
        break;
    case YU_N_IF: {
        static const char *const cs[] = {"zero", "nonzero", "increase", "decrease", "unchanged", "empty",
                                         "nonempty", "one", "many", "note", "given", "key", "text"};
        char *rest = args;
        while (*rest && *rest != ' ')
            rest++;
        size_t cl = (size_t)(rest - args);
        while (*rest == ' ')
            rest++;
        int c = -1;
        for (int k = 0; k < YU_NC_COUNT; k++)
            if (strlen(cs[k]) == cl && !strncmp(cs[k], args, cl))
                c = k;
        if (c < 0 || !*rest)
            return nfail(path, line, err,
                         "if needs a condition and its argument: zero|nonzero|increase|decrease|unchanged EXPR, "
                         "empty|nonempty|one|many LIST, note KEY, given INPUT, key KEY or text FIELD%s", "");
        st->cond = (yu_ncond)c;
        if (c <= YU_NC_UNCHANGED && narr_expr_check(rest, strlen(rest), &why))
            return nfail(path, line, err, "%s", why);
        if (c >= YU_NC_EMPTY && c <= YU_NC_MANY) {
            narr_list l;
            if (narr_list_parse(rest, &l, &why))
                return nfail(path, line, err, "%s", why);
        }
        if (c == YU_NC_GIVEN && (!*rest || strspn(rest, "abcdefghijklmnopqrstuvwxyz_") != strlen(rest)))
            return nfail(path, line, err,
                         "given needs sangong_prior, funds_prior or the symbol of an input that may be absent "
                         "(proc_sme, perf_funds, units_admin, assets_year, purchase_vehicle …), not '%s'", rest);
        if (c == YU_NC_TEXT && narr_text_field(rest, strlen(rest)) < 0)
            return nfail(path, line, err,
                         "text needs a project's overview, basis, subject, plan, period, schedule or goal, or an adjustment's "
                         "reason or project, not '%s'", rest);
        st->text = yu_strdup(rest);
        st->jump = (size_t)-1;
        break;
    }
    case YU_N_EACH: {
        narr_list l;
        if (narr_list_parse(args, &l, &why))
            return nfail(path, line, err, "%s", why);
        st->text = yu_strdup(args);
        st->jump = (size_t)-1;
        break;
    }
    case YU_N_JOIN: {
        long k = open_block(sec, 1);
        if (k < 0)
            return nfail(path, line, err, "join outside each … endeach", NULL);
        char *w[3] = {NULL, NULL, NULL};
        int nw = 0;
        for (char *p = args; *p && nw < 4;) {
            while (*p == ' ')
                p++;
            if (!*p)
                break;
            if (nw == 3)
                return nfail(path, line, err, "join needs FIRST BETWEEN [LAST] ('-' for nothing)", NULL);
            w[nw++] = p;
            while (*p && *p != ' ')
                p++;
            if (*p)
                *p++ = 0;
        }
        if (nw < 2)
            return nfail(path, line, err, "join needs FIRST BETWEEN [LAST] ('-' for nothing)", NULL);
        for (int k2 = 0; k2 < nw; k2++)
            st->join[k2] = yu_strdup(strcmp(w[k2], "-") ? w[k2] : "");
        break;
    }
    }
    return 1;
}

int narr_finish(yu_lsection *sec, const char *path, int line, yu_error *err)
{
    for (size_t k = 0; k < sec->nprog; k++) {
        const yu_nstmt *s = &sec->prog[k];
        if ((s->op == YU_N_IF || s->op == YU_N_EACH) && s->jump == (size_t)-1)
            return nfail(path, s->line, err, s->op == YU_N_IF ? "if without its endif (section '%s')" : "each without its endeach (section '%s')",
                         sec->id);
        if (s->op == YU_N_IF && sec->prog[s->jump].op == YU_N_ELSE && sec->prog[sec->prog[s->jump].jump].op != YU_N_ENDIF)
            return nfail(path, sec->prog[s->jump].line, err, "else without its endif (section '%s')", sec->id);
    }
    (void)line;
    return 0;
}

void narr_free(yu_lsection *sec)
{
    for (size_t k = 0; k < sec->nprog; k++) {
        free(sec->prog[k].text);
        for (int j = 0; j < 3; j++)
            free(sec->prog[k].join[j]);
    }
    free(sec->prog);
}
