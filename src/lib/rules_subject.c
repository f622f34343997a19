/* What the narrative claims (claims_internal.h): W-SUBJECT, the 科目 named
 * in words.
 *
 * A 科目 is named in the narrative as “A（类）B（款）C（项）”.  The names are
 * resolved against the document's own tables (every row with a 功能分类
 * code: 3 digits 类, 5 款, 7 项), so that a 科目 the catalogue does not know
 * is no false alarm; only what the tables positively contradict is
 * reported: a 款 written with a 类's name, a 项 written with a 款's name, a
 * 款 or 项 under another 类 or 款 than the one written.  A 类 name renamed
 * since (data/vocab/words.vocab `oldname`: 医疗卫生与计划生育支出 is
 * 卫生健康支出 from 2019) is reported wherever it is printed, once per
 * name with its count and first pages. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "claims_internal.h"
#include "textgrid.h"

typedef struct sname {
    const char *code; /* 3, 5 or 7 digits */
    const char *name; /* canonical */
} sname;

typedef struct sctx {
    cc *c;
    sname *n;
    size_t nn, cap;
    const char *title; /* a table the names were read from, for the message */
    int page;
} sctx;

static int func_code(const char *code)
{
    size_t l = strlen(code);
    return (l == 3 || l == 5 || l == 7) && code[0] == '2' && yu_all_digits(code, l);
}

static int push_name(sctx *x, const char *code, const char *name)
{
    if (!func_code(code) || !name || !*name)
        return 0;
    char *cn = yu_canon(x->c->A, name);
    if (!cn)
        return -1;
    for (size_t i = 0; i < x->nn; i++)
        if (!strcmp(x->n[i].code, code) && !strcmp(x->n[i].name, cn))
            return 0;
    if (x->nn == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 128;
        sname *nn = realloc(x->n, x->cap * sizeof *nn);
        if (!nn)
            return -1;
        x->n = nn;
    }
    x->n[x->nn].code = yu_arena_strdup(x->c->A, code);
    x->n[x->nn].name = cn;
    if (!x->n[x->nn].code)
        return -1;
    x->nn++;
    return 0;
}

static int collect(sctx *x, const yu_doc *doc)
{
    const yu_gdoc *d = x->c->d;
    for (size_t ti = 0; ti < d->ntables; ti++) {
        const yu_gtable *t = &d->tables[ti];
        for (size_t r = 0; r < t->nrows; r++)
            if (func_code(t->rows[r].code)) {
                if (!x->title)
                    x->title = t->title, x->page = t->page;
                if (push_name(x, t->rows[r].code, t->rows[r].name))
                    return -1;
            }
    }
    for (size_t ti = 0; doc && ti < doc->ntables; ti++) {
        const yu_table *t = &doc->tables[ti];
        for (size_t r = 0; r < t->nrows; r++)
            if (func_code(t->rows[r].code)) {
                if (!x->title)
                    x->title = t->title, x->page = t->rows[r].page;
                if (push_name(x, t->rows[r].code, t->rows[r].name))
                    return -1;
            }
    }
    return 0;
}

/* the codes of a level (3, 5, 7 digits) a name has in the tables: the
 * first in *code, how many */
static int codes_of(const sctx *x, const char *name, size_t digits, const char **code)
{
    int n = 0;
    for (size_t i = 0; i < x->nn; i++)
        if (strlen(x->n[i].code) == digits && !strcmp(x->n[i].name, name)) {
            if (!n && code)
                *code = x->n[i].code;
            n++;
        }
    return n;
}

/* a code of `digits` with this name under a code of the parent's name */
static const char *code_under(const sctx *x, const char *name, size_t digits, const char *parent, size_t pdigits)
{
    for (size_t i = 0; i < x->nn; i++) {
        if (strlen(x->n[i].code) != digits || strcmp(x->n[i].name, name))
            continue;
        for (size_t k = 0; k < x->nn; k++)
            if (strlen(x->n[k].code) == pdigits && !strcmp(x->n[k].name, parent) &&
                !strncmp(x->n[i].code, x->n[k].code, pdigits))
                return x->n[i].code;
    }
    return NULL;
}

/* the only child (7 digits) of a 款 code in the tables, or NULL */
static const char *only_child(const sctx *x, const char *code5)
{
    const char *hit = NULL;
    for (size_t i = 0; i < x->nn; i++)
        if (strlen(x->n[i].code) == 7 && !strncmp(x->n[i].code, code5, 5)) {
            if (hit && strcmp(hit, x->n[i].name))
                return NULL;
            hit = x->n[i].name;
        }
    return hit;
}

/* a name character: a CJK ideograph, or ( ) inside a name (政府办公厅(室)) */
static int name_cp(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || cp == '(' || cp == ')';
}

/* the name before s[at] (back to a character no name has), longest suffix
 * the tables know at any level; *from its start */
static char *name_before(sctx *x, const char *s, size_t at, size_t lo, size_t *from)
{
    size_t a = at;
    while (a > lo) {
        size_t b = a - 1;
        while (b > lo && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        uint32_t cp;
        yu_utf8_decode(s + b, a - b, &cp);
        if (!name_cp(cp) || at - b > 120)
            break;
        /* (类) (款) (项) of the name before end it */
        if (cp == ')' && b >= 6 &&
            (yu_cl_starts(s + b - 6, "(类)") || yu_cl_starts(s + b - 6, "(款)") || yu_cl_starts(s + b - 6, "(项)")))
            break;
        a = b;
    }
    /* the longest suffix that is a name of the tables or an old name */
    for (size_t k = a; k < at; k++) {
        if (((unsigned char)s[k] & 0xC0) == 0x80)
            continue;
        char *w = yu_arena_strndup(x->c->A, s + k, at - k);
        if (!w)
            return NULL;
        size_t pos, len;
        int known = codes_of(x, w, 3, NULL) || codes_of(x, w, 5, NULL) || codes_of(x, w, 7, NULL);
        const char *old = yu_vocab_find(x->c->words, "oldname", w, &pos, &len);
        if (known || (old && pos == 0 && len == strlen(w))) {
            *from = k;
            return w;
        }
    }
    return NULL;
}

static const char *level_word(size_t digits)
{
    return digits == 3 ? "类" : digits == 5 ? "款" : "项";
}

/* the level a name has in the tables when it has exactly one (0: none or several) */
static size_t only_level(const sctx *x, const char *name, const char **code)
{
    size_t lv = 0;
    int n = 0;
    for (size_t d = 3; d <= 7; d += 2) {
        const char *c0 = NULL;
        if (codes_of(x, name, d, &c0)) {
            lv = d;
            n++;
            if (code)
                *code = c0;
        }
    }
    return n == 1 ? lv : 0;
}

static void check_triple(sctx *x, const cpara *p, size_t from, size_t to, const char *A, const char *B,
                         const char *C)
{
    cc *c = x->c;
    yu_buf why;
    yu_buf_init(&why, 0);
    int bad = 0;
    const char *a3 = NULL, *b5 = NULL;
    codes_of(x, A, 3, &a3);
    const char *code = NULL;
    /* B: a 款 of A */
    size_t lb = only_level(x, B, &code);
    if (lb && lb != 5) {
        yu_buf_printf(&why, "%s“%s”在表中是%s（%s），不是款", bad ? "；" : "", B, level_word(lb), code);
        bad++;
    } else if (lb == 5 && a3 && !code_under(x, B, 5, A, 3)) {
        yu_buf_printf(&why, "%s款“%s”（%s）不属于类“%s”（%s）", bad ? "；" : "", B, code, A, a3);
        bad++;
    }
    if (lb == 5)
        b5 = code_under(x, B, 5, A, 3) ? code_under(x, B, 5, A, 3) : code;
    /* C: a 项 of B */
    size_t lc = only_level(x, C, &code);
    const char *c5 = lc == 5 ? code : NULL;
    if (lc && lc != 7) {
        yu_buf_printf(&why, "%s“%s”在表中是%s（%s），不是项", bad ? "；" : "", C, level_word(lc), code);
        bad++;
    } else if (lc == 7 && b5 && !code_under(x, C, 7, B, 5)) {
        yu_buf_printf(&why, "%s项“%s”（%s）不属于款“%s”（%s）", bad ? "；" : "", C, code, B, b5);
        bad++;
    }
    if (bad) {
        /* what it should read when the tables say: the 款 written as 项 and its only 项 */
        const char *child = c5 ? only_child(x, c5) : NULL;
        if (lb == 3 && c5 && a3 && !strncmp(c5, a3, 3) && child)
            yu_buf_printf(&why, "；按表应为“%s（类）%s（款）%s（项）”", A, C, child);
        char q[700];
        yu_cl_quote(p->t, p->n, from, to, q, sizeof q);
        int line = yu_cl_para_line(p, from);
        yu_cl_add(c, "W-SUBJECT", YU_SEV_ERROR, C, line, 0, 0, "第%d页“%s”所写科目与《%s》（第%d页）不符：%s。",
                  yu_cl_page(c, line), q, x->title ? x->title : "", x->page, why.p ? why.p : "");
    }
    yu_buf_free(&why);
}


/* the explanation of what an item pays for (…（项）”科目X万元，主要用于Y。)
 * is another 科目's name: Y, without a 类 or 款 name before it, is a 项 of
 * the tables other than the item's own (专项普查活动 主要用于统计管理, 城管执法
 * 主要用于城乡社区管理事务一般行政管理事务) — copied from that item */
static void check_purpose(sctx *x, const cpara *p, size_t from, size_t after, const char *C, const char *b5)
{
    cc *c = x->c;
    const char *s = p->t;
    size_t end = after;
    while (end < p->n && !yu_cl_starts(s + end, "。") && end - after < 300)
        end++;
    if (end >= p->n || end - after >= 300)
        return;
    char *tail = yu_arena_strndup(c->A, s + after, end - after);
    if (!tail) {
        c->oom = 1;
        return;
    }
    char *u = strstr(tail, "用于");
    if (!u || u - tail > 90)
        return;
    u += strlen("用于");
    if (*u == ':')
        u++;
    /* a 类 or 款 name before it */
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < x->nn; i++) {
            size_t l = strlen(x->n[i].name);
            if (strlen(x->n[i].code) < 7 && l < strlen(u) && !strncmp(u, x->n[i].name, l)) {
                u += l;
                again = 1;
                break;
            }
        }
    }
    if (!*u || !strcmp(u, C) || strstr(C, u) || strstr(u, C))
        return;
    const char *code = NULL;
    if (!codes_of(x, u, 7, &code))
        return;
    for (size_t i = 0; b5 && i < x->nn; i++)
        if (strlen(x->n[i].code) == 7 && !strcmp(x->n[i].name, u) && !strncmp(x->n[i].code, b5, 5))
            code = x->n[i].code; /* the one of the item's own 款 */
    char q[700];
    size_t a = (size_t)(u - tail) + after;
    yu_cl_quote(s, p->n, a, a + strlen(u), q, sizeof q);
    int line = yu_cl_para_line(p, from);
    yu_cl_add(c, "W-SUBJECT", YU_SEV_ERROR, C, line, 0, 0,
              "第%d页“%s”：“%s”的用途写成了另一科目“%s”（%s）的名称，用途说明应与本科目相符（疑为从该科目复制）。",
              yu_cl_page(c, line), q, C, u, code);
}

/* “A（类）B（款）C（项）” in the narrative */
static void narrative_subjects(sctx *x)
{
    cc *c = x->c;
    for (size_t pi = 0; pi < c->np && !c->oom; pi++) {
        const cpara *p = &c->P[pi];
        const char *s = p->t;
        const char *k1 = s;
        while ((k1 = strstr(k1, "(类)")) != NULL && !c->oom) {
            size_t at = (size_t)(k1 - s);
            k1 += 5;
            const char *k2 = strstr(s + at + 5, "(款)");
            if (!k2)
                break;
            const char *k3 = strstr(k2 + 5, "(项)");
            size_t bpos = at + 5, bend = (size_t)(k2 - s);
            if (!k3 || bend - bpos > 90 || (size_t)(k3 - k2) - 5 > 120)
                continue;
            size_t cpos = bend + 5, cend = (size_t)(k3 - s);
            /* B and C are names: nothing but name characters */
            int clean = 1;
            for (size_t i = bpos; i < cend && clean; i++)
                if (i >= bend && i < cpos)
                    continue;
                else if ((unsigned char)s[i] < 0x80 && s[i] != '(' && s[i] != ')')
                    clean = 0;
                else if (yu_cl_starts(s + i, "，") || yu_cl_starts(s + i, "。") || yu_cl_starts(s + i, "、") ||
                         yu_cl_starts(s + i, "；"))
                    clean = 0;
            if (!clean)
                continue;
            size_t from = 0;
            char *A = name_before(x, s, at, 0, &from);
            char *B = yu_arena_strndup(c->A, s + bpos, bend - bpos);
            char *C = yu_arena_strndup(c->A, s + cpos, cend - cpos);
            if (!B || !C) {
                c->oom = 1;
                return;
            }
            if (!A || !*B || !*C)
                continue;
            check_triple(x, p, from, cend + 5, A, B, C);
            if (!c->oom)
                check_purpose(x, p, from, cend + 5, C, code_under(x, B, 5, A, 3));
        }
    }
}

/* a 类 name renamed since, printed in a document of a later year */
static void old_names(sctx *x)
{
    cc *c = x->c;
    const yu_gdoc *d = c->d;
    if (!d->year)
        return;
    typedef struct onm {
        const char *concept;
        const char *word;
        int count, pages[3], npages, line;
    } onm;
    onm seen[8];
    int ns = 0;
    for (int i = 0; i < d->nlines && !c->oom; i++) {
        char *l = yu_canon(c->A, d->lines[i]);
        if (!l) {
            c->oom = 1;
            return;
        }
        size_t at = 0, pos, len;
        const char *con;
        while ((con = yu_vocab_find(c->words, "oldname", l + at, &pos, &len)) != NULL) {
            /* concept: NEW-NAME@YEAR */
            const char *y = strchr(con, '@');
            int since = y ? (int)strtol(y + 1, NULL, 10) : 0;
            if (since && d->year >= since) {
                int k = 0;
                while (k < ns && strcmp(seen[k].concept, con))
                    k++;
                if (k == ns && ns < 8) {
                    seen[ns].concept = con;
                    seen[ns].word = yu_arena_strndup(c->A, l + at + pos, len);
                    seen[ns].count = 0;
                    seen[ns].npages = 0;
                    seen[ns].line = i;
                    ns++;
                }
                if (k < ns) {
                    seen[k].count++;
                    int pg = yu_cl_page(c, i);
                    if (seen[k].npages < 3 && (!seen[k].npages || seen[k].pages[seen[k].npages - 1] != pg))
                        seen[k].pages[seen[k].npages++] = pg;
                }
            }
            at += pos + len;
        }
    }
    for (int k = 0; k < ns; k++) {
        const char *y = strchr(seen[k].concept, '@');
        char newname[128];
        size_t nl = y ? (size_t)(y - seen[k].concept) : strlen(seen[k].concept);
        if (nl >= sizeof newname)
            nl = sizeof newname - 1;
        memcpy(newname, seen[k].concept, nl);
        newname[nl] = 0;
        char pages[48] = "";
        for (int j = 0; j < seen[k].npages; j++) {
            size_t pl = strlen(pages);
            snprintf(pages + pl, sizeof pages - pl, "%s%d", j ? "、" : "", seen[k].pages[j]);
        }
        yu_cl_add(c, "W-SUBJECT", YU_SEV_ERROR, seen[k].word ? seen[k].word : "", seen[k].line, seen[k].count, 0,
                  "科目名称“%s”出现%d次，首见于第%s页：该类科目自%s年起已更名为“%s”，%d年度的文件应使用现行名称。",
                  seen[k].word ? seen[k].word : "", seen[k].count, pages, y ? y + 1 : "", newname, d->year);
    }
}

void yu_cl_check_subjects(cc *c, const yu_doc *doc)
{
    if (!c->words)
        return;
    sctx x = {c, NULL, 0, 0, NULL, 0};
    if (collect(&x, doc)) {
        c->oom = 1;
        free(x.n);
        return;
    }
    old_names(&x);
    if (x.nn && !c->oom)
        narrative_subjects(&x);
    free(x.n);
}
