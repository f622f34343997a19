/* Narrative rules (words.h, docs/rules.md "Narrative rules"): template
 * leftovers, typography a reader notices, template alternatives left
 * unresolved.  The words are data (data/vocab/words.vocab).
 *
 * The text is cut into lines and pages; a line of prose (no run of three
 * spaces inside, some Chinese) is joined with the prose lines after it on the
 * same page into a paragraph, a table line stays alone.  Leftovers are looked
 * for everywhere, alternatives and typography only in prose: figures a table
 * lays out with spaces are no malformed figure.  Each paragraph is kept
 * squeezed (no white space, for quoting) and canonical (read.h, for the
 * vocabulary), with a map from one to the other and to the lines. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include "yusuan/words.h"
#include "internal.h"
#include "rules_internal.h"

static const yu_rule_info words_rules[] = {
    {"W-LEFTOVER", "no template leftover is printed: placeholders (XX, ×××, [单位名称], 待填写) are errors, "
                   "sentences addressed to the preparer (如持平作持平表述, 不涉及的不列) warnings; one finding per "
                   "leftover with its count and first pages"},
    {"W-TYPO", "prose has no doubled punctuation (，， 。。 ，。), no rate without % (增长5.2，), no share without its figure (占基本支出%), no malformed "
               "thousands separator or decimal (1,23.45 12,3456万元 1.2.3万元 1 234.00), no figure mixing "
               "full- and half-width digits, no bracket left open (warning)"},
    {"W-ALTERNATIVE", "no template alternative is left unresolved: both words of a pair printed, one in brackets or "
                      "after a slash (增加（减少）, 增长/下降, 大于（小于）, 有（无）)"},
};

const yu_rule_info *yu_words_rules(size_t *n)
{
    *n = sizeof words_rules / sizeof words_rules[0];
    return words_rules;
}

/* ---- text ---- */

typedef struct wline {
    int no, page; /* line number in the document (1-based), page (1-based) */
} wline;

typedef struct wpara {
    char *sq;   /* squeezed: the text without white space */
    int *sl;    /* line index of each byte of sq */
    size_t n;   /* bytes of sq */
    char *cn;   /* canonical */
    size_t *cm; /* sq offset of each byte of cn */
    size_t cnn;
    int prose;
} wpara;

typedef struct wgroup {
    const char *rule;
    yu_severity sev;
    char *key;       /* what repeats are grouped by */
    char *subject;   /* as printed first */
    const char *col; /* sub-kind */
    int count;
    int pages[3], npages;
    int page, line; /* first occurrence */
    char *quote;    /* the first sentence, offending words marked 【…】 */
} wgroup;

typedef struct wc {
    const yu_vocab *v;
    wline *L;
    size_t nl;
    wgroup *g;
    size_t ng, gcap;
    int oom;
} wc;

static int is_space_cp(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == 0x3000 || cp == 0xA0; }

static int is_cjk(uint32_t cp) { return cp >= 0x4E00 && cp <= 0x9FFF; }

/* the canonical character of cp (read.h's form), 0 when unchanged */
static char canon_char(uint32_t cp)
{
    switch (cp) {
    case 0xFF08: return '(';
    case 0xFF09: return ')';
    case 0xFF1A: return ':';
    case 0xFF0E: return '.';
    case 0xFF05: return '%';
    case 0xFF0C: return ',';
    case 0xFF0F: return '/';
    case 0x201C: case 0x201D: case 0xFF02: case 0x300C: case 0x300D: return '"';
    case 0x2018: case 0x2019: return '\'';
    default:
        if (cp >= 0xFF10 && cp <= 0xFF19)
            return (char)('0' + (cp - 0xFF10));
    }
    return 0;
}

static uint32_t cp_at(const char *s, size_t n, size_t i, int *m)
{
    uint32_t cp = 0;
    int k = yu_utf8_decode(s + i, n - i, &cp);
    if (m)
        *m = k > 0 ? k : 1;
    return cp;
}

/* start of the character before offset i */
static size_t prev_char(const char *s, size_t i)
{
    if (!i)
        return 0;
    i--;
    while (i && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* a line of prose: Chinese text without the column gaps of a table: 2 with
 * four Chinese characters or more, 1 with fewer (it may only go on a
 * paragraph), 0 not prose */
static int line_is_prose(const char *s, size_t n)
{
    size_t a = 0, b = n;
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\f' || s[a] == '\r'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\f'))
        b--;
    int run = 0, cjk = 0;
    for (size_t i = a; i < b;) {
        int m;
        uint32_t cp = cp_at(s, b, i, &m);
        if (cp == ' ' || cp == 0x3000 || cp == '\t') {
            if (++run >= 3 || cp == '\t')
                return 0;
        } else
            run = 0;
        cjk += is_cjk(cp);
        i += (size_t)m;
    }
    return cjk >= 4 ? 2 : cjk >= 1;
}

/* columns of white space before a line's text */
static int indent_of(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f'); i++)
        k++;
    return k;
}

static int para_add(wpara *p, size_t *cap, const char *s, size_t n, int li)
{
    if (p->n + n + 1 > *cap) {
        size_t nc = (*cap ? *cap : 256);
        while (nc < p->n + n + 1)
            nc *= 2;
        char *ns = realloc(p->sq, nc);
        if (!ns)
            return -1;
        p->sq = ns;
        int *nsl = realloc(p->sl, nc * sizeof *nsl);
        if (!nsl)
            return -1;
        p->sl = nsl;
        *cap = nc;
    }
    for (size_t i = 0; i < n;) {
        int m;
        uint32_t cp = cp_at(s, n, i, &m);
        if (!is_space_cp(cp))
            for (int k = 0; k < m; k++) {
                p->sl[p->n] = li;
                p->sq[p->n++] = s[i + (size_t)k];
            }
        i += (size_t)m;
    }
    p->sq[p->n] = 0;
    return 0;
}

static int para_canon(wpara *p)
{
    p->cn = malloc(p->n + 1);
    p->cm = malloc((p->n + 1) * sizeof *p->cm);
    if (!p->cn || !p->cm)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < p->n;) {
        int m;
        uint32_t cp = cp_at(p->sq, p->n, i, &m);
        char c = canon_char(cp);
        if (c) {
            p->cm[k] = i;
            p->cn[k++] = c;
        } else
            for (int j = 0; j < m; j++) {
                p->cm[k] = i;
                p->cn[k++] = p->sq[i + (size_t)j];
            }
        i += (size_t)m;
    }
    p->cm[k] = p->n;
    p->cn[k] = 0;
    p->cnn = k;
    return 0;
}

/* sq offset of the end of canonical span ending at k */
static size_t cn_end(const wpara *p, size_t k) { return k >= p->cnn ? p->n : p->cm[k]; }

/* ---- findings, grouped ---- */

static int is_sentence_end(uint32_t cp) { return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B; }

/* the sentence around sq[a,b), those bytes marked 【…】, at most 40 characters either side */
static char *quote(const wpara *p, size_t a, size_t b)
{
    size_t s = a, e = b;
    int k = 0;
    while (s > 0 && k < 40) {
        size_t q = prev_char(p->sq, s);
        if (is_sentence_end(cp_at(p->sq, p->n, q, NULL)) && q < a)
            break;
        s = q;
        k++;
    }
    int cut_s = s > 0 && !is_sentence_end(cp_at(p->sq, p->n, prev_char(p->sq, s), NULL));
    k = 0;
    while (e < p->n && k < 40) {
        int m;
        uint32_t cp = cp_at(p->sq, p->n, e, &m);
        e += (size_t)m;
        k++;
        if (is_sentence_end(cp) && e > b)
            break;
    }
    int cut_e = e < p->n && !is_sentence_end(cp_at(p->sq, p->n, prev_char(p->sq, e), NULL));
    size_t len = (e - s) + 16;
    char *o = malloc(len);
    if (!o)
        return NULL;
    snprintf(o, len, "%s%.*s【%.*s】%.*s%s", cut_s ? "…" : "", (int)(a - s), p->sq + s, (int)(b - a), p->sq + a,
             (int)(e - b), p->sq + b, cut_e ? "…" : "");
    return o;
}

/* records one occurrence of sq[a,b) in paragraph p (grouped by rule and key) */
static void hit(wc *c, const char *rule, yu_severity sev, const char *col, const char *key, const wpara *p, size_t a,
                size_t b)
{
    if (c->oom)
        return;
    const wline *ln = &c->L[p->sl[a < p->n ? a : p->n - 1]];
    wgroup *g = NULL;
    for (size_t i = 0; i < c->ng && !g; i++)
        if (c->g[i].rule == rule && !strcmp(c->g[i].key, key))
            g = &c->g[i];
    if (!g) {
        if (c->ng == c->gcap) {
            size_t nc = c->gcap ? c->gcap * 2 : 16;
            wgroup *ng = realloc(c->g, nc * sizeof *ng);
            if (!ng) {
                c->oom = 1;
                return;
            }
            c->g = ng;
            c->gcap = nc;
        }
        g = &c->g[c->ng++];
        memset(g, 0, sizeof *g);
        g->rule = rule;
        g->sev = sev;
        g->col = col;
        g->key = malloc(strlen(key) + 1);
        g->subject = malloc(b - a + 1);
        g->quote = quote(p, a, b);
        if (!g->key || !g->subject || !g->quote) {
            c->oom = 1;
            return;
        }
        memcpy(g->key, key, strlen(key) + 1);
        memcpy(g->subject, p->sq + a, b - a);
        g->subject[b - a] = 0;
        g->page = ln->page;
        g->line = ln->no;
    }
    g->count++;
    int seen = 0;
    for (int i = 0; i < g->npages; i++)
        seen |= g->pages[i] == ln->page;
    if (!seen && g->npages < 3)
        g->pages[g->npages++] = ln->page;
}

static void emit(yu_findings *out, int *oom, const wgroup *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yu_finding *f = yu_findings_vadd(out, g->rule, g->sev, "narrative", g->subject, g->col, g->count, 0, fmt, ap);
    va_end(ap);
    if (!f)
        *oom = 1;
    else {
        f->page = g->page;
        f->line = g->line;
    }
}

static void report(wc *c, yu_findings *out)
{
    for (size_t i = 0; i < c->ng && !c->oom; i++) {
        const wgroup *g = &c->g[i];
        char where[64], rep[96];
        int k = snprintf(where, sizeof where, "第");
        for (int j = 0; j < g->npages && k > 0 && (size_t)k < sizeof where; j++)
            k += snprintf(where + k, sizeof where - (size_t)k, "%s%d", j ? "、" : "", g->pages[j]);
        if (k > 0 && (size_t)k < sizeof where)
            snprintf(where + k, sizeof where - (size_t)k, "页");
        if (g->count > 1)
            snprintf(rep, sizeof rep, "出现%d次，首见于%s", g->count, where);
        else
            snprintf(rep, sizeof rep, "见于%s", where);
        const char *col = g->col;
        if (!strcmp(col, "placeholder"))
            emit(out, &c->oom, g, "模板占位文字“%s”%s：“%s”，应替换为实际内容。", g->subject, rep, g->quote);
        else if (!strcmp(col, "preparer"))
            emit(out, &c->oom, g, "写给编制人员的填报说明“%s”%s：“%s”，公开文本中应删去。", g->subject, rep, g->quote);
        else if (!strcmp(col, "pair"))
            emit(out, &c->oom, g, "模板的备选表述“%s”未按实际情况取舍，%s：“%s”，应只保留符合实际的一种。", g->subject, rep,
                 g->quote);
        else if (!strcmp(col, "doubled"))
            emit(out, &c->oom, g, "标点“%s”重复，%s：“%s”。", g->subject, rep, g->quote);
        else if (!strcmp(col, "rate"))
            emit(out, &c->oom, g, "比率“%s”后缺少“%%”，%s：“%s”。", g->subject, rep, g->quote);
        else if (!strcmp(col, "figure"))
            emit(out, &c->oom, g, "数字“%s”的千分位或小数点有误，%s：“%s”。", g->subject, rep, g->quote);
        else if (!strcmp(col, "share"))
            emit(out, &c->oom, g, "占比“%s”缺少数字，%s：“%s”。", g->subject, rep, g->quote);
        else if (!strcmp(col, "width"))
            emit(out, &c->oom, g, "数字“%s”中全角与半角数字混用，%s：“%s”。", g->subject, rep, g->quote);
        else if (!strcmp(col, "open"))
            emit(out, &c->oom, g, "括号“（”没有对应的“）”，%s：“%s”。", rep, g->quote);
        else
            emit(out, &c->oom, g, "括号“）”没有对应的“（”，%s：“%s”。", rep, g->quote);
    }
}

/* ---- words of the vocabulary, located ---- */

typedef struct span {
    size_t a, b;       /* canonical offsets */
    const char *concept;
} span;

static int has_slice(const yu_vocab *v, const char *kind, const char *concept, char *m, size_t j, size_t k)
{
    char save = m[k];
    m[k] = 0;
    int r = yu_vocab_has(v, kind, concept, m + j);
    m[k] = save;
    return r;
}

static int span_cmp(const void *x, const void *y)
{
    const span *a = x, *b = y;
    return a->a < b->a ? -1 : a->a > b->a;
}

/* every word of KIND in the canonical text (the longest first), by position;
 * *n spans, NULL with *n = 0 when none (or out of memory: *oom) */
static span *find_words(const yu_vocab *v, const char *kind, const char *cn, size_t n, size_t *ns, int *oom)
{
    *ns = 0;
    if (!yu_vocab_match(v, kind, cn))
        return NULL;
    char *m = malloc(n + 1);
    span *S = NULL;
    size_t cap = 0;
    if (!m) {
        *oom = 1;
        return NULL;
    }
    memcpy(m, cn, n + 1);
    const char *con;
    while ((con = yu_vocab_match(v, kind, m)) != NULL) {
        /* the first end of a word of that concept, then its start */
        size_t lo = 1, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (has_slice(v, kind, con, m, 0, mid))
                hi = mid;
            else
                lo = mid + 1;
        }
        size_t k = lo, a = 0, b = k - 1;
        while (a < b) {
            size_t mid = a + (b - a + 1) / 2;
            if (has_slice(v, kind, con, m, mid, k))
                a = mid;
            else
                b = mid - 1;
        }
        if (*ns == cap) {
            cap = cap ? cap * 2 : 8;
            span *nsp = realloc(S, cap * sizeof *nsp);
            if (!nsp) {
                *oom = 1;
                break;
            }
            S = nsp;
        }
        S[*ns].a = a;
        S[*ns].b = k;
        S[*ns].concept = con;
        (*ns)++;
        memset(m + a, 1, k - a);
    }
    free(m);
    if (S)
        qsort(S, *ns, sizeof *S, span_cmp);
    return S;
}

/* ---- the rules ---- */

static int is_alnum(char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); }

static void leftovers(wc *c, const wpara *p)
{
    /* runs: XX beside Chinese text (上海市XX局, XXX万元, XX%), ××, ＸＸ, 。。。 */
    for (size_t i = 0; i < p->cnn;) {
        int m;
        uint32_t x = cp_at(p->cn, p->cnn, i, &m);
        if (x != 'X' && x != 'x' && x != 0xD7 && x != 0xFF38 && x != 0x3002) {
            i += (size_t)m;
            continue;
        }
        size_t j = i;
        int run = 0;
        while (j < p->cnn && cp_at(p->cn, p->cnn, j, NULL) == x) {
            j += (size_t)m;
            run++;
        }
        char before = i ? p->cn[i - 1] : 0, after = p->cn[j];
        int cn_before = i && (unsigned char)before >= 0x80, cn_after = (unsigned char)after >= 0x80;
        int ok;
        if (x == 'X')
            ok = run >= 2 && !is_alnum(before) && !is_alnum(after);
        else if (x == 'x')
            ok = run >= 2 && cn_before && (cn_after || after == '%');
        else
            ok = run >= (x == 0x3002 ? 3 : 2);
        if (ok) {
            char key[64];
            snprintf(key, sizeof key, "%.*s", (int)(run <= 16 ? j - i : (size_t)m * 16), p->cn + i);
            hit(c, "W-LEFTOVER", YU_SEV_ERROR, "placeholder", key, p, p->cm[i], cn_end(p, j));
        }
        i = j;
    }
    static const struct {
        const char *kind;
        yu_severity sev;
    } K[] = {{"placeholder", YU_SEV_ERROR}, {"preparer", YU_SEV_WARNING}};
    for (size_t k = 0; k < sizeof K / sizeof K[0]; k++) {
        size_t ns;
        span *S = find_words(c->v, K[k].kind, p->cn, p->cnn, &ns, &c->oom);
        for (size_t i = 0; i < ns; i++)
            hit(c, "W-LEFTOVER", K[k].sev, K[k].kind, S[i].concept, p, p->cm[S[i].a], cn_end(p, S[i].b));
        free(S);
    }
}

static void alternatives(wc *c, const wpara *p)
{
    size_t ns;
    span *S = find_words(c->v, "pair", p->cn, p->cnn, &ns, &c->oom);
    for (size_t i = 0; i < ns; i++)
        hit(c, "W-ALTERNATIVE", YU_SEV_ERROR, "pair", S[i].concept, p, p->cm[S[i].a], cn_end(p, S[i].b));
    free(S);
}

/* a digit, ASCII (1) or full-width (2) */
static int digit_kind(uint32_t cp) { return cp >= '0' && cp <= '9' ? 1 : cp >= 0xFF10 && cp <= 0xFF19 ? 2 : 0; }

static int starts_with(const char *s, size_t n, size_t i, const char *w)
{
    size_t l = strlen(w);
    return i + l <= n && !memcmp(s + i, w, l);
}

static int money_unit_at(const char *s, size_t n, size_t i)
{
    static const char *const U[] = {"万元", "亿元", "千元", "元", "%", "％"};
    for (size_t k = 0; k < sizeof U / sizeof U[0]; k++)
        if (starts_with(s, n, i, U[k]))
            return 1;
    return 0;
}

static int list_cp(uint32_t cp)
{
    static const char *const cn = "一二三四五六七八九十";
    for (size_t i = 0; cn[i]; i += 3) {
        uint32_t x;
        yu_utf8_decode(cn + i, 3, &x);
        if (x == cp)
            return 1;
    }
    return 0;
}

static void typography(wc *c, const wpara *p)
{
    const char *s = p->sq;
    size_t n = p->n;
    /* doubled punctuation */
    static const uint32_t P[] = {0xFF0C, 0x3002, 0x3001, 0xFF1A, 0xFF1B};
    for (size_t i = 0; i < n;) {
        int m1, m2 = 0;
        uint32_t a = cp_at(s, n, i, &m1), b = i + (size_t)m1 < n ? cp_at(s, n, i + (size_t)m1, &m2) : 0;
        int pa = 0, pb = 0;
        for (size_t k = 0; k < sizeof P / sizeof P[0]; k++) {
            pa |= a == P[k];
            pb |= b == P[k];
        }
        /* both on one line: a line that starts with punctuation is often a
         * piece the extraction moved */
        if (pa && pb && p->sl[i] == p->sl[i + (size_t)m1]) {
            /* a run of three 。 is a placeholder row (W-LEFTOVER) */
            size_t j = i;
            int run = 0;
            while (j < n && cp_at(s, n, j, NULL) == 0x3002) {
                j += 3;
                run++;
            }
            if (run < 3) {
                char key[16];
                snprintf(key, sizeof key, "%.*s", m1 + m2, s + i);
                hit(c, "W-TYPO", YU_SEV_ERROR, "doubled", key, p, i, i + (size_t)m1 + (size_t)m2);
                i += (size_t)m1 + (size_t)m2;
            } else
                i = j;
            continue;
        }
        i += (size_t)m1;
    }
    /* figures: a rate without %, malformed separators, mixed widths */
    size_t ns;
    span *R = find_words(c->v, "rate", p->cn, p->cnn, &ns, &c->oom);
    for (size_t r = 0; r < ns; r++) {
        size_t i = cn_end(p, R[r].b);
        static const char *const glue[] = {"比", "了", "为", "约", "达"};
        for (size_t k = 0; k < sizeof glue / sizeof glue[0]; k++)
            if (starts_with(s, n, i, glue[k])) {
                i += strlen(glue[k]);
                break;
            }
        size_t a = i;
        int dots = 0, nd = 0;
        while (i < n) {
            int m;
            uint32_t cp = cp_at(s, n, i, &m);
            if (digit_kind(cp)) {
                nd++;
                i += (size_t)m;
            } else if ((cp == '.' || cp == 0xFF0E) && nd && i + (size_t)m < n &&
                       digit_kind(cp_at(s, n, i + (size_t)m, NULL))) {
                dots++;
                i += (size_t)m;
            } else
                break;
        }
        if (!nd || dots > 1 || i >= n)
            continue;
        uint32_t next = cp_at(s, n, i, NULL);
        if (next == 0xFF0C || next == 0x3002 || next == 0xFF1B || next == 0x3001) {
            char key[48];
            snprintf(key, sizeof key, "%.*s", (int)(i - a), s + a);
            hit(c, "W-TYPO", YU_SEV_ERROR, "rate", key, p, a, i);
        }
    }
    free(R);
    /* a share with its figure left out: 占基本支出预算%，  */
    for (size_t i = 0; i + 3 < n; i++) {
        if (!starts_with(s, n, i, "占"))
            continue;
        size_t j = i + 3;
        int cjk = 0;
        while (j < n && cjk < 12) {
            int m;
            uint32_t q = cp_at(s, n, j, &m);
            if (q < 0x4E00 || q > 0x9FFF)
                break;
            cjk++;
            j += (size_t)m;
        }
        while (j < n && s[j] == ' ')
            j++;
        uint32_t q = j < n ? cp_at(s, n, j, NULL) : 0;
        if (cjk && (q == '%' || q == 0xFF05)) {
            char key[48];
            snprintf(key, sizeof key, "%.*s", (int)(j - i < 40 ? j - i : 40), s + i);
            hit(c, "W-TYPO", YU_SEV_ERROR, "share", key, p, i, j + (q == '%' ? 1 : 3));
        }
    }
    for (size_t i = 0; i < n;) {
        int m;
        uint32_t cp = cp_at(s, n, i, &m);
        if (!digit_kind(cp) || (i && digit_kind(cp_at(s, n, prev_char(s, i), NULL)))) {
            i += (size_t)m;
            continue;
        }
        /* the figure: digits with , and . between digits */
        size_t a = i;
        int widths = 0, commas = 0, dots = 0, bad = 0, group = 0, first = -1, after_dot = 0;
        while (i < n) {
            uint32_t q = cp_at(s, n, i, &m);
            int dk = digit_kind(q);
            if (dk) {
                widths |= dk;
                group++;
                i += (size_t)m;
                continue;
            }
            int sep = q == ',' ? 1 : q == '.' ? 2 : 0;
            if (!sep || i + 1 >= n || !digit_kind(cp_at(s, n, i + 1, NULL)))
                break;
            if (sep == 1 && (after_dot || (first < 0 && group > 3))) {
                /* a comma after a fraction, or after four digits and before a
                 * group that is not three digits, is no thousands separator:
                 * it parts two figures of a list ("各是4125.49,4143.91万元") */
                size_t k = i + 1;
                int next = 0;
                while (k < n && digit_kind(cp_at(s, n, k, &m)) == 1) {
                    next++;
                    k += (size_t)m;
                }
                if (after_dot || next != 3)
                    break;
            }
            if (sep == 1) {
                if (after_dot || (first >= 0 && group != 3) || (first < 0 && group > 3))
                    bad = 1;
                commas++;
            } else {
                if (first >= 0 ? group != 3 : 0)
                    bad = 1;
                dots++;
                after_dot = 1;
            }
            if (first < 0)
                first = group;
            group = 0;
            i++;
        }
        if (commas && !after_dot && group != 3)
            bad = 1;
        if (dots > 1)
            bad = 1;
        if (widths == 3) {
            char key[48];
            snprintf(key, sizeof key, "%.*s", (int)(i - a < 40 ? i - a : 40), s + a);
            hit(c, "W-TYPO", YU_SEV_ERROR, "width", key, p, a, i);
        } else if (bad && (commas || dots) && (money_unit_at(s, n, i) || (commas && dots))) {
            char key[48];
            snprintf(key, sizeof key, "%.*s", (int)(i - a < 40 ? i - a : 40), s + a);
            hit(c, "W-TYPO", YU_SEV_ERROR, "figure", key, p, a, i);
        }
    }
    /* brackets: an unmatched （ or ） within the paragraph */
    size_t open[32];
    int depth = 0;
    for (size_t i = 0; i < n;) {
        int m;
        uint32_t cp = cp_at(s, n, i, &m);
        if (cp == 0xFF08 || cp == '(') {
            if (depth < 32)
                open[depth] = i;
            depth++;
        } else if (cp == 0xFF09 || cp == ')') {
            if (depth)
                depth--;
            else {
                /* 1） 一） a） as a list marker opening a line or a clause */
                size_t q = i;
                int nlist = 0;
                while (q > 0) {
                    size_t q1 = prev_char(s, q);
                    uint32_t pc = cp_at(s, n, q1, NULL);
                    if (!(digit_kind(pc) || (pc < 128 && is_alnum((char)pc)) || list_cp(pc)))
                        break;
                    q = q1;
                    nlist++;
                }
                int list = 0;
                if (nlist) {
                    uint32_t before = q ? cp_at(s, n, prev_char(s, q), NULL) : 0;
                    list = q == 0 || p->sl[prev_char(s, q)] != p->sl[q] || before == 0xFF0C || before == 0x3002 ||
                           before == 0xFF1B || before == 0xFF1A || before == 0x3001 || before == ':' || before == ',';
                }
                /* the paragraph's first sentence may go on from the page before */
                int first = 1;
                for (size_t t = 0; t < i && first;) {
                    int mt;
                    first = !is_sentence_end(cp_at(s, n, t, &mt));
                    t += (size_t)mt;
                }
                if (!list && !first)
                    hit(c, "W-TYPO", YU_SEV_WARNING, "close", "）", p, i, i + (size_t)m);
            }
        }
        i += (size_t)m;
    }
    /* an open bracket at the end: only when the paragraph ends its sentence
     * (else it may go on on the next page) */
    if (depth > 0 && depth <= 32 && n && is_sentence_end(cp_at(s, n, prev_char(s, n), NULL))) {
        size_t a = open[depth - 1];
        hit(c, "W-TYPO", YU_SEV_WARNING, "open", "（", p, a, a + (s[a] == '(' ? 1 : 3));
    }
}

/* "1 234" inside a figure in a line of prose */
static void spaced_figure(wc *c, const char *s, size_t n, int li, wpara *tmp)
{
    for (size_t i = 0; i + 4 < n; i++) {
        if (s[i] < '0' || s[i] > '9' || (i && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == ',' || s[i - 1] == '.')))
            continue;
        size_t j = i;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j - i > 3 || j + 4 > n || s[j] != ' ')
            continue;
        size_t k = j + 1;
        while (k < n && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k - (j + 1) != 3)
            continue;
        int fig = (k + 1 < n && (s[k] == '.' || s[k] == ',') && s[k + 1] >= '0' && s[k + 1] <= '9') ||
                  money_unit_at(s, n, k);
        if (!fig)
            continue;
        size_t e = k;
        while (e < n && ((s[e] >= '0' && s[e] <= '9') || s[e] == '.' || s[e] == ','))
            e++;
        /* quote from a one-line paragraph */
        size_t cap = 0;
        memset(tmp, 0, sizeof *tmp);
        if (para_add(tmp, &cap, s, n, li)) {
            c->oom = 1;
        } else {
            char key[48];
            snprintf(key, sizeof key, "%.*s", (int)(e - i < 40 ? e - i : 40), s + i);
            /* position of the figure in the squeezed line */
            size_t sqa = 0;
            for (size_t t = 0; t < i; t++)
                sqa += s[t] != ' ';
            size_t sqb = sqa + (e - i) - 1;
            hit(c, "W-TYPO", YU_SEV_ERROR, "figure", key, tmp, sqa, sqb <= tmp->n ? sqb : tmp->n);
        }
        free(tmp->sq);
        free(tmp->sl);
        i = e;
    }
}

static void para_free(wpara *p)
{
    free(p->sq);
    free(p->sl);
    free(p->cn);
    free(p->cm);
    memset(p, 0, sizeof *p);
}

static void check_para(wc *c, wpara *p)
{
    if (!p->n)
        return;
    if (para_canon(p)) {
        c->oom = 1;
        return;
    }
    leftovers(c, p);
    if (p->prose) {
        alternatives(c, p);
        typography(c, p);
    }
}

yu_status yu_check_words(const char *text, size_t len, const char *words_vocab_path, const yu_vocab *words,
                         yu_findings *out)
{
    yu_vocab *own = NULL;
    if (words_vocab_path) {
        yu_error err;
        yu_error_clear(&err);
        yu_status st = yu_vocab_load(words_vocab_path, &own, &err);
        if (st)
            return st;
        words = own;
    }
    if (!words || (!text && len))
        return YU_EUSAGE;
    wc c;
    memset(&c, 0, sizeof c);
    c.v = words;
    /* the lines */
    size_t cap = 256;
    c.L = malloc(cap * sizeof *c.L);
    if (!c.L)
        c.oom = 1;
    int page = 1, no = 0;
    wpara p;
    memset(&p, 0, sizeof p);
    size_t pcap = 0;
    int ppage = 0, pind = 0;
    for (size_t i = 0; i < len && !c.oom;) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        no++;
        /* a form feed starts a page; the line's text is after it */
        size_t a = i;
        for (size_t t = i; t < j; t++)
            if (text[t] == '\f') {
                page++;
                a = t + 1;
            }
        if (c.nl == cap) {
            cap *= 2;
            wline *nl = realloc(c.L, cap * sizeof *nl);
            if (!nl) {
                c.oom = 1;
                break;
            }
            c.L = nl;
        }
        c.L[c.nl].no = no;
        c.L[c.nl].page = page;
        int li = (int)c.nl++;
        int prose = line_is_prose(text + a, j - a), ind = indent_of(text + a, j - a);
        /* a blank line goes on the paragraph (pdftotext -layout prints one
         * between the lines of a paragraph) */
        if ((size_t)ind >= j - a || (j - a == 1 && text[a] == '\r')) {
            i = j + 1;
            continue;
        }
        /* a paragraph ends at a line that is not prose, a blank line, a new
         * page, a line set apart from the one before (a table's wrapped cell) */
        if (prose == 1 && !(p.n && p.prose && ppage == page))
            prose = 0;
        if (p.n && (!prose || !p.prose || ppage != page || ind > pind + 6 || pind > ind + 6)) {
            check_para(&c, &p);
            para_free(&p);
            pcap = 0;
        }
        if (a < j) {
            if (para_add(&p, &pcap, text + a, j - a, li))
                c.oom = 1;
            p.prose = prose;
            ppage = page;
            pind = ind;
            if (prose) {
                wpara tmp;
                spaced_figure(&c, text + a, j - a, li, &tmp);
            }
        }
        i = j + 1;
    }
    if (!c.oom)
        check_para(&c, &p);
    para_free(&p);
    if (!c.oom)
        report(&c, out);
    for (size_t i = 0; i < c.ng; i++) {
        free(c.g[i].key);
        free(c.g[i].subject);
        free(c.g[i].quote);
    }
    free(c.g);
    free(c.L);
    yu_vocab_free(own);
    return c.oom ? YU_ENOMEM : YU_OK;
}
