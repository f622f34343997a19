/* The narrative of any disclosure, without a template (read.h).
 *
 * The narrative is every line outside the tables.  Wrapped lines are joined
 * into paragraphs (broken at headings and at an indented line after a
 * sentence end; page footers and page breaks do not break them) and read in
 * canonical form (textgrid.h).  Figures with units (元, 千元, 万元, 亿元) and
 * rates (C%) are found, and the words around them:
 *
 *   A万元，比上年增加B万元，增长C%      N-CHANGE N-RATE N-DIRECTION
 *     (比/较上年, 同比, 与上年(预算数)相比)
 *   上年…为Y万元，…A万元，比上年增加C%  the same with last year printed
 *   X万元，占C%                          N-SHARE (whole: the figure before
 *                                        其中, or the sum of an exhaustive list)
 *   W万元，其中：a万元、b万元、c万元     N-PARTS (exhaustive lists only; and
 *   W万元（a万元，…；b万元，…）          the parts' changes add up to W's;
 *   W万元。其中： (一)a万元… (二)b万元…   parts in numbered paragraphs)
 *   预算为A万元，决算为B万元，完成预算的C%  N-COMPLETION (决算: C = B / A)
 *   …行政运行(项)X万元, “三公”经费X万元  N-TABLE (one table cell clearly named;
 *   按支出功能分类，包括…公共安全支出X万元 a 类 row: any of its figures;
 *   2011301-行政运行X万元 the row of that code and name: any of its figures;
 *   (一)人员经费X万元 the 合计 row's 人员经费 column;
 *   机关运行经费X万元 where “行政经费（机关运行经费）指…”: the row 行政经费)
 *
 * Money is kept in thousandths of a 元 (厘) with the half unit of its last
 * printed digit; a difference printing explains is no finding, one within a
 * unit of the last printed digit is a rounding residue, only more is an
 * error.  No false alarms is the main requirement: whenever the structure of
 * a sentence is not clear the statement is not checked.  Ties to table cells
 * (N-TABLE) are in gnarr_tie.c, the shared parts in gnarr_internal.h. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "yusuan/read.h"
#include "internal.h"
#include "textgrid.h"
#include "rules_internal.h"
#include "gnarr_internal.h"

static const yu_rule_info gnarr_rules[] = {
    {"N-CHANGE", "narrative: a change stated with both years' figures printed = this year − last year (A万元，上年Y万元，增加B万元)"},
    {"N-RATE", "narrative: a stated rate of change = change / last year (last year = A − B, or A + B for 减少), to the printed decimals"},
    {"N-DIRECTION", "narrative: 增加/增长 is said of a rise and 减少/下降 of a fall (change and rate words agree; last year printed)"},
    {"N-SHARE", "narrative: “X万元，占C%” = X / the whole (the figure before 其中, or the sum of a list whose shares make 100% or all fit but one)"},
    {"N-PARTS", "narrative: an exhaustive list of parts (shares summing to 100%, 货物/工程/服务, the three “三公” items, 公务用车购置费 + 运行(维护)费, 人员经费 + 公用经费, 分别为) adds up to its total, and the parts' stated changes from last year to the total's"},
    {"N-COMPLETION", "narrative: a stated completion rate (年初预算为A万元，支出决算为B万元，完成年初预算的C%; 决算为B万元，完成预算A万元的C%) = B / A, to the printed decimals"},
    {"N-TABLE", "narrative: a figure that names one table cell (a 科目 (项), a 类 in a list by 功能分类, 收入/支出预算总额, “三公”经费 and its items) equals it, in the narrative's unit"},
};

const yu_rule_info *yu_gnarr_rules(size_t *n)
{
    *n = sizeof gnarr_rules / sizeof gnarr_rules[0];
    return gnarr_rules;
}

/* ---- figures ---- */

static int para_line(const para *p, size_t pos)
{
    int l = p->lno[0];
    for (int i = 0; i < p->nl && p->off[i] <= pos; i++)
        l = p->lno[i];
    return l;
}

/* parses the figures of a paragraph's canonical text */
static int find_figures(gc *c, para *p)
{
    const char *t = p->t;
    size_t n = p->n, cap = 0;
    int depth = 0, sent = 0;
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)t[i];
        if (ch == '(') {
            depth++;
            i++;
            continue;
        }
        if (ch == ')') {
            if (depth)
                depth--;
            i++;
            continue;
        }
        if (!depth && (starts(t + i, "。") || starts(t + i, "！") || starts(t + i, "？"))) {
            sent++;
            i += 3;
            continue;
        }
        if (!isdigit(ch)) {
            i++;
            continue;
        }
        /* a figure starts here unless glued to letters or a decimal point */
        int glued = i > 0 && (isalnum((unsigned char)t[i - 1]) || t[i - 1] == '.' || t[i - 1] == '-');
        size_t j = i;
        int64_t m = 0;
        int dec = -1, digits = 0, over = 0;
        while (j < n) {
            if (isdigit((unsigned char)t[j])) {
                if (m > INT64_MAX / 100)
                    over = 1; /* too long to be a figure: its digits are read on, not kept */
                else
                    m = m * 10 + (t[j] - '0');
                digits++;
                if (dec >= 0)
                    dec++;
                j++;
            } else if (t[j] == ',' && dec < 0 && j + 3 < n + 1 && isdigit((unsigned char)t[j + 1]) &&
                       isdigit((unsigned char)t[j + 2]) && isdigit((unsigned char)t[j + 3]) &&
                       (j + 4 >= n || !isdigit((unsigned char)t[j + 4]))) {
                j++;
            } else if (t[j] == '.' && dec < 0 && j + 1 < n && isdigit((unsigned char)t[j + 1])) {
                dec = 0;
                j++;
            } else
                break;
        }
        if (dec < 0)
            dec = 0;
        size_t e = j;
        int kind = 0;
        int64_t unit = 0;
        if (starts(t + e, "%")) {
            kind = F_RATE;
            e += 1;
        } else if (starts(t + e, "万元")) {
            kind = F_MONEY, unit = 10000, e += 6;
        } else if (starts(t + e, "亿元")) {
            kind = F_MONEY, unit = 100000000, e += 6;
        } else if (starts(t + e, "千元")) {
            kind = F_MONEY, unit = 1000, e += 6;
        } else if (starts(t + e, "元")) {
            kind = F_MONEY, unit = 1, e += 3;
        }
        if (kind && !glued && !over && dec <= 6 && digits <= 15 &&
            !(kind == F_MONEY && (starts(t + e, "以上") || starts(t + e, "以下") || starts(t + e, "/")))) {
            int64_t mill = 0, half = 0;
            if (kind == F_MONEY) {
                int64_t per = unit * 1000; /* 厘 per printed unit */
                int64_t q = pow10i(dec);
                if (per % q || per / q < 2) {
                    i = j;
                    continue; /* finer than a 厘: not a budget figure */
                }
                if (__builtin_mul_overflow(m, per / q, &mill)) {
                    i = j;
                    continue; /* too large for 厘 (15 digits of 亿元): not a budget figure */
                }
                half = per / q / 2;
            }
            if ((size_t)p->nf == cap) {
                cap = cap ? cap * 2 : 16;
                fig *nf = realloc(p->f, cap * sizeof *nf);
                if (!nf)
                    return -1;
                p->f = nf;
            }
            fig *f = &p->f[p->nf++];
            memset(f, 0, sizeof *f);
            f->kind = kind;
            f->v = kind == F_MONEY ? mill : m;
            f->half = half;
            f->unit = unit;
            f->dec = dec;
            f->pos = i;
            f->end = e;
            f->depth = depth;
            f->sent = sent;
            f->line = para_line(p, i);
            i = e;
            continue;
        }
        (void)c;
        i = j;
    }
    /* trailing zeros dropped (30.75、0、101.5 of one list: 0 and 101.5 are
     * 0.00 and 101.50): where a paragraph prints figures of one unit with
     * two decimals and also with one, those printed shorter are exact to the
     * second decimal */
    for (int a = 0; a < p->nf; a++) {
        const fig *f = &p->f[a];
        if (f->kind != F_MONEY || f->dec != 1)
            continue;
        int two = 0;
        for (int b = 0; b < p->nf && !two; b++)
            two = p->f[b].kind == F_MONEY && p->f[b].unit == f->unit && p->f[b].dec == 2;
        if (!two)
            continue;
        for (int b = 0; b < p->nf; b++)
            if (p->f[b].kind == F_MONEY && p->f[b].unit == f->unit && p->f[b].dec < 2)
                p->f[b].half = f->unit * 1000 / 100 / 2;
        break;
    }
    return 0;
}

/* ---- words ---- */

/* start of the clause a position is in: after , ; : 。、 ( ) or a figure */
size_t gn_clause_start(const para *p, size_t pos, int fi)
{
    size_t a = 0;
    if (fi > 0)
        a = p->f[fi - 1].end;
    for (size_t i = pos; i > a; i--) {
        char ch = p->t[i - 1];
        if (ch == ',' || ch == ';' || ch == ':' || ch == '(' || ch == ')')
            return i;
        if (i >= 3 && (starts(p->t + i - 3, "。") || starts(p->t + i - 3, "；") || starts(p->t + i - 3, "、") ||
                       starts(p->t + i - 3, "！") || starts(p->t + i - 3, "？")))
            return i;
    }
    return a;
}

static const struct {
    const char *w;
    int d;
} dir_words[] = {
    {"增加了", D_UP}, {"增长了", D_UP}, {"减少了", D_DOWN}, {"下降了", D_DOWN},
    {"增加", D_UP}, {"增长", D_UP}, {"上升", D_UP}, {"提高", D_UP}, {"增幅为", D_UP}, {"增幅", D_UP},
    {"减少", D_DOWN}, {"下降", D_DOWN}, {"降低", D_DOWN}, {"减幅为", D_DOWN}, {"降幅为", D_DOWN},
    {"减幅", D_DOWN}, {"降幅", D_DOWN}, {"增", D_UP}, {"减", D_DOWN},
};

/* the direction word s[a, b) ends with (the whole of it when whole) */
int gn_dir_at_end(const char *s, size_t a, size_t b, int whole, const char **word)
{
    for (size_t k = 0; k < sizeof dir_words / sizeof dir_words[0]; k++) {
        size_t l = strlen(dir_words[k].w);
        if (b - a >= l && !memcmp(s + b - l, dir_words[k].w, l) && (!whole || b - a == l)) {
            if (word)
                *word = dir_words[k].w;
            return dir_words[k].d;
        }
    }
    return D_NONE;
}

/* 上年, 上一年, 去年 or 2025年 at s + i (before b) */
static int last_year_at(const char *s, size_t i, size_t b)
{
    return i < b && (starts(s + i, "上年") || starts(s + i, "上一年") || starts(s + i, "去年") ||
                     (i + 4 < b && isdigit((unsigned char)s[i]) && isdigit((unsigned char)s[i + 3]) &&
                      starts(s + i + 4, "年")));
}

/* the comparison the clause s[a, b) makes: 比上年…, 较上年…, 同比…, 比2025年…,
 * 与上年(预算数)相比… */
static size_t anchor_in(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (starts(s + i, "同比"))
            return i;
        if ((starts(s + i, "比") || starts(s + i, "较")) && last_year_at(s, i + 3, b))
            return i;
        if (starts(s + i, "与") && last_year_at(s, i + 3, b)) {
            /* …相比 within the clause, a few words on (与上年预算数相比) */
            for (size_t j = i + 3; j + 6 <= b && j < i + 3 + 30; j++)
                if (starts(s + j, "相比"))
                    return i;
        }
    }
    return (size_t)-1;
}

/* ---- messages ---- */

/* a fragment of the paragraph for quoting, punctuation printed as Chinese */
void gn_quote(const para *p, size_t a, size_t b, char *out, size_t cap)
{
    size_t k = 0;
    if (b > p->n)
        b = p->n;
    if (b > a + 240) {
        /* keep the end, which holds the statement */
        a = b - 240;
        while (a < b && ((unsigned char)p->t[a] & 0xC0) == 0x80)
            a++;
    }
    for (size_t i = a; i < b && k + 4 < cap; i++) {
        const char *r = yu_print_punct(p->t, i, a, b);
        if (r) {
            memcpy(out + k, r, 3);
            k += 3;
        } else
            out[k++] = p->t[i];
    }
    out[k] = 0;
    yu_utf8_clip(out);
}

/* 1,234.50 in the figure's unit and decimals */
void gn_fmt_money(int64_t mill, int64_t unit, int dec, char *o, size_t cap)
{
    int64_t q = unit * 1000 / pow10i(dec); /* 厘 per last digit */
    int neg = mill < 0;
    int64_t a = abs64(mill);
    int64_t m = (a + q / 2) / q; /* mantissa, rounded */
    int64_t ip = m / pow10i(dec), fp = m % pow10i(dec);
    char digs[32];
    snprintf(digs, sizeof digs, "%lld", (long long)ip);
    size_t L = strlen(digs), k = 0;
    if (cap < 2)
        return;
    if (neg)
        o[k++] = '-';
    for (size_t i = 0; i < L && k + 2 < cap; i++) {
        o[k++] = digs[i];
        if ((L - i - 1) % 3 == 0 && i + 1 < L && k + 2 < cap)
            o[k++] = ',';
    }
    if (dec > 0 && k + 2 + (size_t)dec < cap) {
        o[k++] = '.';
        for (int i = dec - 1; i >= 0; i--)
            o[k++] = (char)('0' + (fp / pow10i(i)) % 10);
    }
    o[k] = 0;
}

const char *gn_unit_name(int64_t unit)
{
    switch (unit) {
    case 1: return "元";
    case 1000: return "千元";
    case 100000000: return "亿元";
    default: return "万元";
    }
}

/* a rate in percent with dec decimals, from a fraction num/den */
static void fmt_rate(__int128 num, __int128 den, int dec, char *o, size_t cap)
{
    if (den <= 0) {
        snprintf(o, cap, "—");
        return;
    }
    __int128 s = (__int128)100 * pow10i(dec);
    __int128 m = (num * s * 2 + (num >= 0 ? den : -den)) / (den * 2);
    int neg = m < 0;
    if (neg)
        m = -m;
    long long ip = (long long)(m / pow10i(dec)), fp = (long long)(m % pow10i(dec));
    char fr[8] = "";
    if (dec > 0 && dec < 7) {
        for (int i = dec - 1; i >= 0; i--)
            fr[dec - 1 - i] = (char)('0' + (fp / pow10i(i)) % 10);
        fr[dec] = 0;
    }
    snprintf(o, cap, "%s%lld%s%s%%", neg ? "-" : "", ip, *fr ? "." : "", fr);
}

static void vadd(gc *c, const char *rule, yu_severity sev, const char *row, int line, int64_t got, int64_t want,
                 int64_t fen, const char *fmt, va_list ap)
{
    yu_finding *f = yu_findings_vadd(c->out, rule, sev, "narrative", row, "", got, want, fmt, ap);
    if (!f) {
        c->oom = 1;
        return;
    }
    f->fen = fen;
    f->line = line + 1;
    f->page = line >= 0 && line < c->d->nlines && c->d->line_page ? c->d->line_page[line] : 0;
}

void gn_add(gc *c, const char *rule, yu_severity sev, const char *row, int line, int64_t got,
                int64_t want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(c, rule, sev, row, line, got, want, 0, fmt, ap);
    va_end(ap);
}

/* 厘 to 分 for got and want, to the nearest (printed figures are whole 分) */
static int64_t to_fen(int64_t mill)
{
    return mill >= 0 ? mill / 10 + (mill % 10 >= 5) : -(-(mill / 10) + (-(mill % 10) >= 5));
}

void gn_add_money(gc *c, const char *rule, yu_severity sev, const char *row, int line, int64_t got,
                  int64_t want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(c, rule, sev, row, line, to_fen(got), to_fen(want), 1, fmt, ap);
    va_end(ap);
}

int gn_page_of(const gc *c, int line)
{
    return line >= 0 && line < c->d->nlines && c->d->line_page ? c->d->line_page[line] : 0;
}

/* ---- rates: is the stated rate what the figures give? ----
 * The true change lies in [b - hb, b + hb] and last year in [l - hl, l + hl];
 * the stated rate C (mantissa m, dec decimals, percent) stands for
 * [C - k/2, C + k/2] units of its last digit.  Returns 0 when some true
 * values give the stated rate with k = 1, 1 when only with k = 2 (rounding),
 * 2 otherwise. */
static int rate_fit(int64_t b, int64_t hb, int64_t l, int64_t hl, int64_t m, int dec)
{
    if (l - hl <= 0)
        return 0; /* last year may be zero: any rate */
    int64_t lo_b = b - hb < 0 ? 0 : b - hb, hi_b = b + hb;
    __int128 S = (__int128)200 * pow10i(dec); /* 2 × 100 × 10^dec */
    for (int k = 1; k <= 2; k++) {
        /* rmin = lo_b / (l + hl) <= (2m + k) / S  and  rmax = hi_b / (l - hl) >= (2m - k) / S */
        int ok1 = (__int128)lo_b * S <= (__int128)(2 * m + k) * (l + hl);
        int ok2 = (__int128)hi_b * S >= (__int128)(2 * m - k) * (l - hl);
        if (ok1 && ok2)
            return k - 1;
    }
    return 2;
}

/* ---- change statements ---- */

typedef struct stmt {
    int a, b, r, y;  /* figure indexes: this year, change, rate, last year printed; -1 none */
    int bud;         /* 1: compared with the budget (较年初预算减少B万元), not last year */
    int dir, rdir;   /* direction of the change word and of the rate word */
    size_t from, to; /* the text to gn_quote */
} stmt;

/* the figure just before the clause: this year's, skipping figures inside
 * parentheses closed before it, changes and rates of other statements */
static int completion_words(const char *t, size_t a, size_t b, const char *tail);

static int this_year_fig(const para *p, int before, int depth, int own)
{
    for (int i = before - 1; i >= 0; i--) {
        const fig *f = &p->f[i];
        /* a comparison in its own clause (三公经费比上年减少0.06万元) speaks of
         * its sentence: the figure of a sentence before is another's */
        if (own && f->sent != p->f[before].sent)
            return -1;
        if (f->depth > depth)
            continue;
        if (f->depth < depth)
            return -1;
        /* A万元，占P%，比上年增加B万元: the share between is no subject */
        if (f->kind == F_RATE && i > 0 && p->f[i - 1].kind == F_MONEY && p->f[i - 1].depth == depth &&
            has_in(p->t, p->f[i - 1].end, f->pos, "占"))
            continue;
        /* B万元，完成全年预算A万元的C%，比上年减少…: the completion between (its rate and the
         * 预算 it is of) is no subject; nor is 完成预算的C% */
        if (f->kind == F_RATE && i > 0 && p->f[i - 1].kind == F_MONEY && p->f[i - 1].depth == depth &&
            f->pos - p->f[i - 1].end == 3 && starts(p->t + p->f[i - 1].end, "的") &&
            completion_words(p->t, i > 1 ? p->f[i - 2].end : gn_clause_start(p, p->f[i - 1].pos, i - 1),
                             p->f[i - 1].pos, "")) {
            i--;
            continue;
        }
        if (f->kind == F_RATE && i > 0 && completion_words(p->t, p->f[i - 1].end, f->pos, "的"))
            continue;
        if (f->kind != F_MONEY)
            return -1;
        if (f->role == R_CHANGE || f->role == R_RATE)
            return -1;
        return i;
    }
    return -1;
}

/* A万元，较上年减少B1万元，下降C1%，较年初预算减少B2万元: a comparison opening
 * its clause just after another's (its change, its rate) in the sentence
 * speaks of the same figure; -1 when none */
static int chained_fig(const para *p, int i)
{
    int j = i - 1;
    if (j >= 0 && p->f[j].kind == F_RATE && p->f[j].role == R_RATE)
        j--;
    if (j < 0 || p->f[j].role != R_CHANGE || p->f[j].subj <= 0 || p->f[j].sent != p->f[i].sent ||
        p->f[j].depth != p->f[i].depth)
        return -1;
    return p->f[j].subj - 1;
}

/* 较年初预算 / 比预算数 / 较调整预算 opening the clause s[a, b): a comparison
 * with the budget; where it starts, or -1 */
static size_t budget_anchor(const char *s, size_t a, size_t b)
{
    while (a < b && s[a] == ' ')
        a++;
    if (!starts(s + a, "比") && !starts(s + a, "较"))
        return (size_t)-1;
    size_t i = a + 3;
    if (starts(s + i, "年初") || starts(s + i, "调整"))
        i += 6;
    return i + 6 <= b && starts(s + i, "预算") ? a : (size_t)-1;
}

/* 上年…为Y万元 / 上年预算数Y万元 / 2025年执行数为Y万元 */
static int is_last_year_fig(const gc *c, const para *p, int fi)
{
    const fig *f = &p->f[fi];
    if (f->kind != F_MONEY)
        return 0;
    size_t a = gn_clause_start(p, f->pos, fi);
    if (anchor_in(p->t, a, f->pos) != (size_t)-1 || has_in(p->t, a, f->pos, "比"))
        return 0;
    if (has_in(p->t, a, f->pos, "上年") || has_in(p->t, a, f->pos, "上一年"))
        return 1;
    if (c->d->year > 1900) {
        char y[16];
        snprintf(y, sizeof y, "%d年", c->d->year - 1);
        if (has_in(p->t, a, f->pos, y))
            return 1;
    }
    return 0;
}

static void check_change(gc *c, const para *p, const stmt *s)
{
    const fig *A = &p->f[s->a];
    const fig *B = s->b >= 0 ? &p->f[s->b] : NULL;
    const fig *R = s->r >= 0 ? &p->f[s->r] : NULL;
    const fig *Y = s->y >= 0 ? &p->f[s->y] : NULL;
    const char *base = s->bud ? "预算数" : "上年"; /* what it is compared with */
    char q[800], fa[48], fb[48], fy[48], want[48];
    gn_quote(p, s->from, s->to, q, sizeof q);
    int line = (B ? B : R ? R : A)->line;
    int pg = gn_page_of(c, line);
    const char *u = gn_unit_name(A->unit);
    gn_fmt_money(A->v, A->unit, A->dec, fa, sizeof fa);

    if (s->dir == D_SAME) {
        if (Y && abs64(A->v - Y->v) > 2 * (A->half > Y->half ? A->half : Y->half)) {
            gn_fmt_money(Y->v, Y->unit, Y->dec, fy, sizeof fy);
            gn_add_money(c, "N-DIRECTION", YU_SEV_ERROR, "持平", line, A->v, Y->v,
                "第%d页：情况说明称“%s”，但本年%s%s与上年%s%s并不持平。", pg, q, fa, u, fy, gn_unit_name(Y->unit));
        }
        return;
    }
    /* change and rate words disagree */
    if (B && R && s->rdir != D_NONE && s->dir != D_NONE && s->rdir != s->dir && B->v != 0 && R->v != 0) {
        gn_add(c, "N-DIRECTION", YU_SEV_ERROR, "direction", line, 0, 0,
            "第%d页：情况说明称“%s”，同一变动既说%s又说%s，方向自相矛盾。", pg, q, s->dir == D_UP ? "增加" : "减少",
            s->rdir == D_UP ? "增长" : "下降");
        return;
    }
    int dir = s->dir != D_NONE ? s->dir : s->rdir;
    int64_t last, hl;
    if (Y) {
        last = Y->v;
        hl = Y->half;
        gn_fmt_money(Y->v, Y->unit, Y->dec, fy, sizeof fy);
        int64_t diff = A->v - Y->v;
        int64_t tol = A->half + Y->half;
        /* the direction the two figures show */
        if (dir != D_NONE && abs64(diff) > tol && (diff > 0 ? D_UP : D_DOWN) != dir) {
            gn_add_money(c, "N-DIRECTION", YU_SEV_ERROR, "direction", line, A->v, Y->v,
                "第%d页：情况说明称“%s”，但本年%s%s比上年%s%s%s，方向不符。", pg, q, fa, u, fy, gn_unit_name(Y->unit),
                diff > 0 ? "增加" : "减少");
            return;
        }
        if (B) {
            int64_t stated = dir == D_DOWN ? -B->v : B->v;
            int64_t t1 = tol + B->half;
            int64_t e = abs64(stated - diff);
            if (e > t1) {
                gn_fmt_money(B->v, B->unit, B->dec, fb, sizeof fb);
                gn_fmt_money(abs64(diff), B->unit, B->dec, want, sizeof want);
                gn_add_money(c, "N-CHANGE", e > 2 * t1 ? YU_SEV_ERROR : YU_SEV_ROUNDING, "change", line, B->v, abs64(diff),
                    "第%d页：情况说明称“%s”，按本年%s%s与上年%s%s计算应为%s%s%s。", pg, q, fa, u, fy,
                    gn_unit_name(Y->unit), diff >= 0 ? "增加" : "减少", want, gn_unit_name(B->unit));
                return;
            }
        }
    } else {
        if (!B)
            return;
        last = dir == D_DOWN ? A->v + B->v : A->v - B->v;
        hl = A->half + B->half;
        if (dir == D_UP && last < -hl) {
            /* an increase larger than this year's figure: last year below zero */
            gn_fmt_money(B->v, B->unit, B->dec, fb, sizeof fb);
            gn_add_money(c, "N-CHANGE", YU_SEV_ERROR, "change", line, B->v, A->v,
                "第%d页：情况说明称“%s”，增加额%s%s大于本年数%s%s，%s不可能为负。", pg, q, fb, gn_unit_name(B->unit),
                fa, u, s->bud ? "预算数" : "上年数");
            return;
        }
    }
    if (!R)
        return;
    int64_t chg = Y ? abs64(A->v - Y->v) : B->v;
    int64_t hc = Y ? A->half + Y->half : B->half;
    if (B && Y)
        hc = B->half; /* the change as printed */
    if (B && Y)
        chg = B->v;
    if (last == 0 && B && dir == D_UP && R->v > 0) {
        /* 比上年增加1,368万元，增长100%: last year nothing, no rate */
        gn_add(c, "N-RATE", YU_SEV_ERROR, "rate", R->line, R->v, 0,
            "第%d页：情况说明称“%s”，本年%s%s全部为增加额，%s为0，增长率无从计算，不应写出增长幅度。",
            gn_page_of(c, R->line), q, fa, u, base);
        return;
    }
    if (last <= 0 || last - hl <= 0)
        return;
    int fit = rate_fit(chg, hc, last, hl, R->v, R->dec);
    if (fit == 0)
        return;
    char rs[32], rw[32];
    fmt_rate(R->v, pow10i(R->dec) * 100, R->dec, rs, sizeof rs);
    fmt_rate(chg, last, R->dec, rw, sizeof rw);
    gn_fmt_money(last, A->unit, A->dec, fy, sizeof fy);
    if (B)
        gn_fmt_money(B->v, B->unit, B->dec, fb, sizeof fb);
    gn_add(c, "N-RATE", fit == 1 ? YU_SEV_ROUNDING : YU_SEV_ERROR, "rate", R->line, R->v, 0,
        "第%d页：情况说明称“%s”，按%s%s%s与%s%s%s计算，%s幅度应为%s，而非%s。", gn_page_of(c, R->line), q,
        B ? "变动额" : "本年", B ? fb : fa, B ? gn_unit_name(B->unit) : u, base, fy, u, dir == D_DOWN ? "下降" : "增长",
        rw, rs);
}

/* 2 characters (6 bytes of UTF-8) of b's words in a */
static int share_words(const char *a, size_t na, const char *b, size_t nb)
{
    for (size_t i = 0; i + 6 <= nb; i++) {
        if ((unsigned char)b[i] < 0xE0 || (unsigned char)b[i + 3] < 0xE0)
            continue;
        for (size_t j = 0; j + 6 <= na; j++)
            if (!memcmp(a + j, b + i, 6))
                return 1;
    }
    return 0;
}

/* 苏州市审计局2026年度财政拨款收、支总预算4,651.67万元。与上年相比，财政拨款
 * 收、支总计各增加47.15万元: a sentence that opens with the comparison
 * alone (与上年相比，) and goes on to a change of the figure that closes the
 * sentence before — the same subject (words shared with its label); where
 * the comparison starts, or -1 */
static size_t anchor_before(const para *p, int fi)
{
    const char *t = p->t;
    size_t a = p->f[fi].pos; /* the change's clause, over 、 */
    while (a > 0 && t[a - 1] != ',' && !(a >= 3 && starts(t + a - 3, "。")))
        a--;
    if (a == 0 || t[a - 1] != ',' || fi == 0)
        return (size_t)-1;
    size_t pa = a - 1;
    while (pa > 0 && t[pa - 1] != ',' && !(pa >= 3 && starts(t + pa - 3, "。")))
        pa--;
    if (pa < 3 || !starts(t + pa - 3, "。"))
        return (size_t)-1; /* not at a sentence's start */
    const fig *w = &p->f[fi - 1];
    if (w->end > pa || w->kind != F_MONEY || w->sent + 1 != p->f[fi].sent)
        return (size_t)-1; /* a figure between, or the figure not the sentence before's */
    size_t an = anchor_in(t, pa, a - 1);
    if (an != pa)
        return (size_t)-1; /* the clause is the comparison alone */
    size_t wa = gn_clause_start(p, w->pos, fi - 1);
    return share_words(t + wa, w->pos - wa, t + a, p->f[fi].pos - a) ? an : (size_t)-1;
}


/* the words [a, b) of the text are 完成…预算 (完成年初预算, 完成预算, 完成调整预算)
 * with at most lead before and tail after */
static int completion_words(const char *t, size_t a, size_t b, const char *tail)
{
    if (b - a > 40)
        return 0;
    if (a < b && t[a] == ',')
        a++;
    size_t n = strlen(tail);
    if (b - a < n || memcmp(t + b - n, tail, n))
        return 0;
    b -= n;
    return starts(t + a, "完成") && ends_with(t, b, "预算") && b >= a + 12;
}

/* 年初预算为A万元，支出决算为B万元，完成年初预算的C% / 决算为B万元，完成预算A万元的C%:
 * C = B / A.  Only the two figures just before the rate, in its sentence */
static void find_completion(gc *c, para *p)
{
    const char *t = p->t;
    for (int i = 2; i < p->nf && !c->oom; i++) {
        fig *r = &p->f[i], *x = &p->f[i - 1], *y = &p->f[i - 2];
        if (r->kind != F_RATE || r->role != R_NONE || x->kind != F_MONEY || y->kind != F_MONEY ||
            x->sent != r->sent || y->sent != r->sent || x->depth != r->depth || y->depth != r->depth)
            continue;
        const fig *A = NULL, *B = NULL;
        if (completion_words(t, x->end, r->pos, "的")) {
            /* …决算为B万元，完成年初预算的C%: A is the 预算 of those words
             * (年初 or 调整) printed before it in the sentence */
            int early = has_in(t, x->end, r->pos, "年初"), adj = has_in(t, x->end, r->pos, "调整");
            for (int j = i - 2; j >= 0 && j >= i - 4 && !A; j--) {
                const fig *z = &p->f[j];
                if (z->kind != F_MONEY || z->sent != r->sent || z->depth != r->depth || z->role != R_NONE ||
                    !has_in(t, y->end, x->pos, "决算"))
                    break;
                size_t za = gn_clause_start(p, z->pos, j);
                int ze = has_in(t, za, z->pos, "年初"), zj = has_in(t, za, z->pos, "调整");
                if (gn_budget_word_in(t, za, z->pos) && (early ? ze : adj ? zj : !zj))
                    A = z, B = x;
            }
        } else if (r->pos - x->end == 3 && starts(t + x->end, "的") && completion_words(t, y->end, x->pos, "")) {
            A = x, B = y; /* 决算为B万元，完成预算A万元的C% */
        }
        if (!A || !B)
            continue;
        r->role = R_RATE;
        int fit = rate_fit(B->v, B->half, A->v, A->half, r->v, r->dec);
        if (!fit)
            continue;
        char q[800], fa[48], fb[48], rw[32], rs[32];
        const fig *first = A < B ? A : B;
        gn_quote(p, gn_clause_start(p, first->pos, (int)(first - p->f)), r->end, q, sizeof q);
        gn_fmt_money(A->v, A->unit, A->dec, fa, sizeof fa);
        gn_fmt_money(B->v, B->unit, B->dec, fb, sizeof fb);
        fmt_rate(B->v, A->v, r->dec, rw, sizeof rw);
        fmt_rate(r->v, pow10i(r->dec) * 100, r->dec, rs, sizeof rs);
        gn_add(c, "N-COMPLETION", fit == 1 ? YU_SEV_ROUNDING : YU_SEV_ERROR, "completion", r->line, r->v, 0,
            "第%d页：情况说明称“%s”，按决算数%s%s与预算数%s%s计算，完成率应为%s，而非%s。", gn_page_of(c, r->line), q, fb,
            gn_unit_name(B->unit), fa, gn_unit_name(A->unit), rw, rs);
    }
}

static void find_changes(gc *c, para *p)
{
    const char *t = p->t;
    for (int i = 0; i < p->nf && !c->oom; i++) {
        fig *f = &p->f[i];
        if (f->role != R_NONE)
            continue;
        size_t a = gn_clause_start(p, f->pos, i);
        size_t an = anchor_in(t, a, f->pos);
        const char *w = NULL;
        /* own: the clause names its subject before the comparison (三公经费比上年减少…);
         * a clause opening with it (…万元，主要用于…。比上年执行数增加B万元) speaks
         * of the figure before */
        int dir = D_NONE, own = an != (size_t)-1 && an >= a + 6, bud = 0;
        if (an != (size_t)-1)
            dir = gn_dir_at_end(t, an, f->pos, 0, &w);
        else if (f->kind == F_MONEY && (dir = gn_dir_at_end(t, a, f->pos, 0, &w)) != D_NONE) {
            an = budget_anchor(t, a, f->pos); /* 较年初预算数减少B万元 */
            bud = an != (size_t)-1;
            if (!bud)
                an = anchor_before(p, i); /* 与上年相比，…各增加B万元 */
        }
        if (an == (size_t)-1 || dir == D_NONE)
            continue;
        stmt s = {-1, -1, -1, -1, bud, dir, D_NONE, 0, 0};
        if (f->kind == F_MONEY) {
            s.b = i;
            f->role = R_CHANGE;
            /* ，增长C% */
            if (i + 1 < p->nf && p->f[i + 1].kind == F_RATE) {
                fig *r = &p->f[i + 1];
                size_t ca = f->end;
                if (ca < r->pos && t[ca] == ',') {
                    int rd = gn_dir_at_end(t, ca + 1, r->pos, 1, NULL);
                    if (rd == D_NONE && r->pos > ca + 1 + 3 && ends_with(t, r->pos, "为"))
                        rd = gn_dir_at_end(t, ca + 1, r->pos - 3, 1, NULL);
                    if (rd != D_NONE) {
                        s.r = i + 1;
                        s.rdir = rd;
                        r->role = R_RATE;
                    }
                }
            }
        } else {
            /* 比上年增加C% straight after the comparison */
            s.r = i;
            s.rdir = dir;
            s.dir = D_NONE;
            f->role = R_RATE;
        }
        s.a = this_year_fig(p, i, f->depth, own);
        int chained = 0;
        if (s.a < 0 && !own && f->kind == F_MONEY)
            chained = (s.a = chained_fig(p, i)) >= 0;
        if (s.a < 0 || p->f[s.a].pos > an)
            continue;
        /* 上年…为Y万元 before this year's figure, in the same sentence */
        if (!bud && s.a > 0 && is_last_year_fig(c, p, s.a - 1) && p->f[s.a - 1].sent == p->f[s.a].sent &&
            p->f[s.a - 1].depth == f->depth)
            s.y = s.a - 1;
        if (!bud && s.y < 0 && is_last_year_fig(c, p, s.a)) {
            /* A万元，上年…为Y万元，比上年增加B万元 */
            int a2 = s.a - 1;
            if (a2 < 0 || p->f[a2].kind != F_MONEY || p->f[a2].role != R_NONE || p->f[a2].depth != f->depth ||
                p->f[a2].sent != p->f[s.a].sent || is_last_year_fig(c, p, a2))
                continue; /* which figure is this year's is not clear */
            s.y = s.a;
            s.a = a2;
        } else if (is_last_year_fig(c, p, s.a))
            continue;
        if (s.y >= 0)
            p->f[s.y].role = R_LAST;
        if (s.b >= 0)
            f->subj = s.a + 1;
        if (s.b >= 0 && !bud && !chained && p->f[s.a].kind == F_MONEY && (dir == D_UP || dir == D_DOWN)) {
            f->of = s.a + 1; /* for the changes of a list's parts (find_parts) */
            f->sign = dir == D_UP ? 1 : -1;
        }
        /* the figures must speak of one subject: nothing but words between */
        size_t qa = gn_clause_start(p, p->f[s.y >= 0 ? s.y : s.a].pos, s.y >= 0 ? s.y : s.a);
        s.from = qa;
        s.to = p->f[s.r >= 0 ? s.r : s.b].end;
        check_change(c, p, &s);
    }
    /* 与上年持平 with last year printed */
    for (int i = 0; i + 1 < p->nf && !c->oom; i++) {
        fig *f = &p->f[i], *g = &p->f[i + 1];
        if (f->kind != F_MONEY || g->kind != F_MONEY || f->role != R_NONE || g->role != R_NONE)
            continue;
        if (!is_last_year_fig(c, p, i) || is_last_year_fig(c, p, i + 1) || f->sent != g->sent)
            continue;
        size_t e = g->end, lim = i + 2 < p->nf ? p->f[i + 2].pos : p->n;
        size_t stop = e;
        while (stop < lim && t[stop] != ',' && !starts(t + stop, "。") && !starts(t + stop, "；"))
            stop++;
        if (has_in(t, e, stop, "持平") && anchor_in(t, e, stop) != (size_t)-1) {
            stmt s = {i + 1, -1, -1, i, 0, D_SAME, D_NONE, gn_clause_start(p, f->pos, i), stop};
            check_change(c, p, &s);
        }
    }
}

/* ---- shares and parts ---- */

/* the whole a list starting with figure `first` is part of: the figure before
 * 其中 in its sentence, or the first figure of the sentence before when the
 * sentence starts with 其中; -1 when none */
static int whole_of(const para *p, int first, size_t *qfrom)
{
    const char *t = p->t;
    const fig *f = &p->f[first];
    /* 其中 between the previous figure and the list */
    size_t lo = first > 0 ? p->f[first - 1].end : 0;
    size_t k = (size_t)-1;
    for (size_t i = lo; i + 6 <= f->pos; i++)
        if (starts(t + i, "其中"))
            k = i;
    if (k == (size_t)-1) {
        /* the list may be introduced by a whole just before it: W万元，其中 is
         * required; nothing else names the whole */
        return -1;
    }
    /* the last money figure before 其中 in the same sentence and depth */
    for (int i = first - 1; i >= 0; i--) {
        const fig *g = &p->f[i];
        if (g->sent != f->sent)
            break;
        if (g->depth != f->depth || g->kind != F_MONEY || g->role == R_CHANGE || g->role == R_RATE ||
            g->role == R_LAST)
            continue;
        *qfrom = gn_clause_start(p, g->pos, i);
        return i;
    }
    /* 其中 opens the sentence: the money figure of the sentence before that
     * no change word leads to; two there (预算为A万元，决算为B万元。其中…)
     * leave the whole unclear */
    int ps = f->sent - 1, w = -1, nw = 0;
    for (int i = first - 1; i >= 0; i--) {
        const fig *g = &p->f[i];
        if (g->sent < ps)
            break;
        if (g->sent != ps || g->depth != 0 || g->kind != F_MONEY || g->role != R_NONE)
            continue;
        size_t a = gn_clause_start(p, g->pos, i);
        static const char *const moves[] = {"增加", "减少", "增长", "下降"};
        int moved = 0;
        for (size_t k = 0; k < sizeof moves / sizeof moves[0]; k++)
            moved |= has_in(t, a, g->pos, moves[k]);
        if (moved)
            continue;
        w = i;
        nw++;
    }
    if (nw > 1)
        return -1;
    if (w >= 0)
        *qfrom = gn_clause_start(p, p->f[w].pos, w);
    return w;
}

/* the words a figure's clause gives it */
void gn_label_of(const para *p, int fi, char *o, size_t cap)
{
    size_t a = gn_clause_start(p, p->f[fi].pos, fi);
    /* 因公出国(境)费: a word or two in parentheses inside a name is part of
     * it (not (类)(款)(项), which name levels) */
    while (a >= 6 && p->t[a - 1] == ')') {
        size_t open = a - 1;
        while (open > 0 && p->t[open - 1] != '(' && a - open <= 8)
            open--;
        if (!open || p->t[open - 1] != '(')
            break;
        open--;
        size_t n = a - 1 - open - 1; /* bytes inside */
        const char *in = p->t + open + 1;
        if ((n != 3 && n != 6) || (unsigned char)in[0] < 0x80 || (n == 3 && (starts(in, "类") || starts(in, "款") || starts(in, "项"))))
            break;
        if (open < 3 || (unsigned char)p->t[open - 1] < 0x80 || starts(p->t + open - 3, "。") || starts(p->t + open - 3, "、"))
            break;
        a = gn_clause_start(p, open, fi);
    }
    size_t n = p->f[fi].pos - a;
    if (n >= cap)
        a = p->f[fi].pos - (n = cap - 1);
    memcpy(o, p->t + a, n);
    o[n] = 0;
    yu_utf8_clip(o);
}

/* share = part / whole within printing, for wholes [w - hw, w + hw] */
static int share_fit(const fig *part, int64_t w, int64_t hw, const fig *r)
{
    return rate_fit(part->v, part->half, w, hw, r->v, r->dec);
}

static void find_shares(gc *c, para *p)
{
    const char *t = p->t;
    int i = 0;
    while (i < p->nf && !c->oom) {
        /* a run of "X万元，占C%" items in one sentence */
        int items[64], rates[64], n = 0;
        int j = i;
        while (j + 1 < p->nf && n < 64) {
            fig *m = &p->f[j], *r = &p->f[j + 1];
            if (m->kind != F_MONEY || r->kind != F_RATE || m->role != R_NONE || r->role != R_NONE)
                break;
            size_t g = m->end;
            int ok = (r->pos == g + 4 && starts(t + g, ",占")) || (r->pos == g + 3 && starts(t + g, "占")) ||
                     (r->pos == g + 7 && starts(t + g, ",占比")) || (r->pos == g + 10 && starts(t + g, ",占比为"));
            if (!ok || (n && m->sent != p->f[items[0]].sent) || (n && m->depth != p->f[items[0]].depth))
                break;
            items[n] = j;
            rates[n] = j + 1;
            n++;
            j += 2;
        }
        if (!n) {
            i++;
            continue;
        }
        for (int k = 0; k < n; k++)
            p->f[items[k]].role = p->f[rates[k]].role = R_SHARE;
        size_t qfrom = gn_clause_start(p, p->f[items[0]].pos, items[0]);
        size_t q0 = qfrom;
        int W = whole_of(p, items[0], &q0);
        /* the sum of the parts and of the shares */
        int64_t sum = 0, hsum = 0, ssum = 0, sh = 0;
        int sdec = p->f[rates[0]].dec;
        for (int k = 0; k < n; k++) {
            fig *m = &p->f[items[k]], *r = &p->f[rates[k]];
            sum += m->v;
            hsum += m->half;
            int64_t bp = r->v * pow10i(4 - (r->dec > 4 ? 4 : r->dec)) / (r->dec > 4 ? pow10i(r->dec - 4) : 1);
            ssum += bp; /* in 1/10000 percent */
            sh += pow10i(4 - (r->dec > 4 ? 4 : r->dec)) / 2;
            if (r->dec > sdec)
                sdec = r->dec;
        }
        int exhaustive = n >= 2 && abs64(ssum - 1000000) <= sh + 1;
        const fig *w = W >= 0 ? &p->f[W] : NULL;
        /* shares that do not make 100% with no whole printed: when all but
         * one fit the parts' sum, the list is the whole and that one is wrong */
        if (!w && !exhaustive && n >= 3) {
            int fits = 0;
            for (int k = 0; k < n; k++)
                fits += share_fit(&p->f[items[k]], sum, hsum, &p->f[rates[k]]) <= 1;
            exhaustive = fits == n - 1;
        }
        char q[800], fw[48], fs[48], lab[96];
        for (int k = 0; k < n; k++) {
            fig *m = &p->f[items[k]], *r = &p->f[rates[k]];
            int best = 2;
            if (w)
                best = share_fit(m, w->v, w->half, r);
            if (best && exhaustive) {
                int f2 = share_fit(m, sum, hsum, r);
                if (f2 < best)
                    best = f2;
            }
            if (!w && !exhaustive)
                best = 0; /* no whole known */
            if (!best)
                continue;
            int64_t whole = w ? w->v : sum;
            gn_quote(p, gn_clause_start(p, m->pos, items[k]), r->end, q, sizeof q);
            char rw[32], rs[32];
            fmt_rate(m->v, whole, r->dec, rw, sizeof rw);
            fmt_rate(r->v, pow10i(r->dec) * 100, r->dec, rs, sizeof rs);
            gn_fmt_money(whole, w ? w->unit : m->unit, w ? w->dec : m->dec, fw, sizeof fw);
            gn_label_of(p, items[k], lab, sizeof lab);
            gn_add(c, "N-SHARE", best == 1 ? YU_SEV_ROUNDING : YU_SEV_ERROR, lab, r->line, r->v, 0,
                "第%d页：情况说明称“%s”，按%s%s%s占%s%s%s计算应为%s，而非%s。", gn_page_of(c, r->line), q, lab,
                (gn_fmt_money(m->v, m->unit, m->dec, fs, sizeof fs), fs), gn_unit_name(m->unit), w ? "总额" : "各项合计",
                fw, gn_unit_name(w ? w->unit : m->unit), rw, rs);
        }
        if (w && exhaustive && !c->oom) {
            int64_t e = abs64(sum - w->v), tol = hsum + w->half;
            if (e > tol) {
                gn_quote(p, q0, p->f[rates[n - 1]].end, q, sizeof q);
                gn_fmt_money(sum, w->unit, w->dec, fs, sizeof fs);
                gn_fmt_money(w->v, w->unit, w->dec, fw, sizeof fw);
                gn_add_money(c, "N-PARTS", e > 2 * tol ? YU_SEV_ERROR : YU_SEV_ROUNDING, "parts", w->line, sum, w->v,
                    "第%d页：情况说明称“%s”，各项占比合计100%%，但各项之和为%s%s，与总额%s%s不一致。",
                    gn_page_of(c, w->line), q, fs, gn_unit_name(w->unit), fw, gn_unit_name(w->unit));
            }
        }
        i = j;
    }
}

/* lists of parts whose structure says they are all of the whole */
static int exhaustive_words(const char *lw, char labels[][96], int n)
{
    int goods = 0, works = 0, serv = 0, abroad = 0, car = 0, recep = 0, pers = 0, pub = 0, buy = 0, run = 0;
    for (int k = 0; k < n; k++) {
        const char *l = labels[k];
        goods += strstr(l, "货物") != NULL;
        works += strstr(l, "工程") != NULL;
        serv += strstr(l, "服务") != NULL;
        abroad += strstr(l, "出国") != NULL;
        car += strstr(l, "公务用车") != NULL;
        recep += strstr(l, "公务接待") != NULL;
        pers += strstr(l, "人员") != NULL;
        pub += strstr(l, "公用") != NULL;
        buy += strstr(l, "购置") != NULL && strstr(l, "运行") == NULL;
        run += strstr(l, "运行") != NULL && strstr(l, "购置") == NULL;
    }
    if (n == 3 && goods == 1 && works == 1 && serv == 1 && strstr(lw, "采购"))
        return 1;
    if (n == 3 && abroad == 1 && car == 1 && recep == 1 && strstr(lw, "三公"))
        return 1;
    if (n == 2 && pers == 1 && pub == 1 && strstr(lw, "基本支出"))
        return 1;
    if (n == 2 && buy == 1 && run == 1 && strstr(lw, "公务用车") && strstr(lw, "购置") && strstr(lw, "运行"))
        return 1; /* 公务用车购置及运行(维护)费 = 购置费 + 运行(维护)费 */
    return 0;
}

/* the change of figure i stated in the paragraph (its index), or -1 */
static int change_of(const para *p, int i)
{
    for (int j = i + 1; j < p->nf; j++)
        if (p->f[j].role == R_CHANGE && p->f[j].of == i + 1)
            return j;
    return -1;
}

/* a list's amounts add up to its whole's (N-PARTS), and where the whole and
 * every part state their change from last year, the changes too (“三公”经费
 * 减少489.77万元；其中因公出国（境）费增加0万元，公务用车…减少388.88万元，
 * 公务接待费减少100.89万元); q quotes the statement */
static void list_check(gc *c, const lpart *w, const lpart *parts, int n, const char *lw, int64_t unit, const char *q)
{
    int64_t sum = 0, hsum = 0;
    int dec = w->dec, cdec = w->chg_dec; /* the finest printed */
    for (int j = 0; j < n; j++) {
        sum += parts[j].v;
        hsum += parts[j].half;
        dec = parts[j].dec > dec ? parts[j].dec : dec;
        cdec = parts[j].chg_dec > cdec ? parts[j].chg_dec : cdec;
    }
    int64_t err = abs64(sum - w->v), tol = hsum + w->half;
    char fs[48], fw[48];
    if (err > tol) {
        gn_fmt_money(sum, unit, dec, fs, sizeof fs);
        gn_fmt_money(w->v, unit, dec, fw, sizeof fw);
        gn_add_money(c, "N-PARTS", err > 2 * tol ? YU_SEV_ERROR : YU_SEV_ROUNDING, lw, w->line, sum, w->v,
            "第%d页：情况说明称“%s”，各项之和为%s%s，与总额%s%s不一致。", gn_page_of(c, w->line), q, fs,
            gn_unit_name(unit), fw, gn_unit_name(unit));
        return;
    }
    if (!w->has_chg)
        return;
    sum = 0;
    tol = w->chg_half;
    for (int j = 0; j < n; j++) {
        if (!parts[j].has_chg)
            return; /* a part without its own change */
        sum += parts[j].chg;
        tol += parts[j].chg_half;
    }
    err = abs64(sum - w->chg);
    if (err <= tol)
        return;
    gn_fmt_money(abs64(sum), unit, cdec, fs, sizeof fs);
    gn_fmt_money(abs64(w->chg), unit, cdec, fw, sizeof fw);
    gn_add_money(c, "N-PARTS", err > 2 * tol ? YU_SEV_ERROR : YU_SEV_ROUNDING, lw, w->line, sum, w->chg,
        "第%d页：情况说明称“%s”，各项比上年%s之和为%s%s，与总额比上年%s%s%s不一致。", gn_page_of(c, w->line), q,
        sum < 0 ? "减少" : "增加", fs, gn_unit_name(unit), w->chg < 0 ? "减少" : "增加", fw, gn_unit_name(unit));
}

/* figure i of a paragraph as a list's amount, with its change stated before
 * the figure `next` (-1: anywhere) */
static void as_lpart(const para *p, int i, int next, lpart *o)
{
    const fig *f = &p->f[i];
    memset(o, 0, sizeof *o);
    o->v = f->v;
    o->half = f->half;
    o->dec = f->dec;
    o->line = f->line;
    gn_label_of(p, i, o->label, sizeof o->label);
    int k = change_of(p, i);
    if (k >= 0 && p->f[k].pos >= f->end && (next < 0 || p->f[k].pos < p->f[next].pos)) {
        o->has_chg = 1;
        o->chg = p->f[k].sign * p->f[k].v;
        o->chg_half = p->f[k].half;
        o->chg_dec = p->f[k].dec;
    }
}

/* an exhaustive list read in one paragraph: W and parts[] are figure indexes */
static void list_in_para(gc *c, para *p, int w, const int *parts, int n, const char *lw)
{
    lpart W, P[16];
    as_lpart(p, w, -1, &W);
    for (int j = 0; j < n; j++)
        as_lpart(p, parts[j], j + 1 < n ? parts[j + 1] : -1, &P[j]);
    int end = parts[n - 1], wc = change_of(p, w), lc = change_of(p, parts[n - 1]);
    size_t b = p->f[end].end;
    if (W.has_chg && p->f[wc].end > b)
        b = p->f[wc].end;
    if (P[n - 1].has_chg && p->f[lc].end > b)
        b = p->f[lc].end;
    char q[800];
    const fig *l0 = &p->f[parts[0]], *ln = &p->f[end];
    if (ln->sent != l0->sent) {
        /* parts in sentences of their own: the whole with the first, …, the last */
        char q1[390], q2[390];
        gn_quote(p, gn_clause_start(p, p->f[w].pos, w), l0->end, q1, sizeof q1);
        gn_quote(p, gn_clause_start(p, ln->pos, end), W.has_chg ? b : ln->end, q2, sizeof q2);
        snprintf(q, sizeof q, "%s……%s", q1, q2);
    } else
        gn_quote(p, gn_clause_start(p, p->f[w].pos, w), W.has_chg ? b : ln->end, q, sizeof q);
    list_check(c, &W, P, n, lw, p->f[w].unit, q);
}

/* more parts of a list after its first sentence: the sentences that follow
 * it and open with a label and a money figure, their only one at the list's
 * depth; returns the parts' count */
static int parts_in_sentences(const para *p, int *parts, char labels[][96], int n, int sent, int depth)
{
    int j = parts[n - 1] + 1;
    while (j < p->nf && p->f[j].sent == sent)
        j++;
    for (int s = sent + 1; j < p->nf && n < 16; s++) {
        const fig *g = &p->f[j];
        if (g->sent != s || g->kind != F_MONEY || g->role != R_NONE || g->depth != depth)
            break;
        size_t a = gn_clause_start(p, g->pos, j);
        if (a < 3 || !starts(p->t + a - 3, "。"))
            break;
        int k = j + 1, other = 0;
        for (; k < p->nf && p->f[k].sent == s; k++)
            other |= p->f[k].kind == F_MONEY && p->f[k].depth == depth && p->f[k].role == R_NONE;
        if (other)
            break;
        parts[n] = j;
        gn_label_of(p, j, labels[n], 96);
        n++;
        j = k;
    }
    return n;
}

static void find_parts(gc *c, para *p)
{
    const char *t = p->t;
    for (int i = 0; i < p->nf && !c->oom; i++) {
        fig *f = &p->f[i];
        if (f->kind != F_MONEY || f->role != R_NONE)
            continue;
        /* W万元，其中：  or  W万元。其中： */
        size_t e = f->end, lim = i + 1 < p->nf ? p->f[i + 1].pos : p->n;
        size_t k = e;
        while (k < lim && (t[k] == ',' || t[k] == ':' || starts(t + k, "。")))
            k += starts(t + k, "。") ? 3 : 1;
        int sep = starts(t + k, "其中") ? 1 : starts(t + k, "分别为") ? 2 : 0;
        /* W万元（a万元，…；b万元，…）: its parts in parentheses straight after it */
        if (!sep && t[f->end] == '(' && i + 1 < p->nf && p->f[i + 1].depth == f->depth + 1)
            sep = 3;
        if (!sep && f->depth == 0 && (i == 0 || p->f[i - 1].sent != f->sent)) {
            /* W万元，…。其中：a、b、c — W opens the sentence before the one 其中 opens */
            size_t z = f->end;
            while (z + 9 <= p->n && !(starts(t + z, "。其中") && !has_in(t, f->end, z, "其中")))
                z++;
            int nx = i + 1;
            while (nx < p->nf && p->f[nx].pos < z)
                nx++;
            if (z + 9 <= p->n && nx < p->nf && p->f[nx].sent == f->sent + 1) {
                int clean = 1; /* nothing but changes of W between */
                for (int j = i + 1; j < nx; j++)
                    if (p->f[j].depth == 0 && p->f[j].role != R_CHANGE && p->f[j].role != R_RATE)
                        clean = 0;
                if (clean)
                    sep = 1;
            }
        }
        if (!sep)
            continue;
        int parts[16], n = 0;
        char labels[16][96];
        int depth = f->depth + (sep == 3);
        int sent = -1;
        for (int j = i + 1; j < p->nf && sent < 0; j++)
            if (p->f[j].role == R_NONE && p->f[j].depth == depth)
                sent = p->f[j].sent;
        int bad = 0;
        for (int j = i + 1; j < p->nf && n < 16; j++) {
            fig *g = &p->f[j];
            if (g->sent < sent && sep == 1)
                continue; /* W's change and rate in its own sentence, before 。其中 */
            if (g->sent != sent && sep != 3) /* sentences are not counted in parentheses */
                break;
            if (g->depth > depth)
                continue;
            if (g->depth < depth)
                break;
            if (g->kind == F_RATE || g->role == R_CHANGE || g->role == R_RATE)
                continue;
            if (g->role == R_SHARE || g->role == R_LAST) {
                bad = 1;
                break;
            }
            parts[n] = j;
            gn_label_of(p, j, labels[n], sizeof labels[n]);
            n++;
        }
        /* W万元，其中：a万元，主要包括…。b万元，主要包括…。 — each part opening a
         * sentence of its own, one money figure in it (an exhaustive list only) */
        if (!bad && sep == 1 && n >= 1)
            n = parts_in_sentences(p, parts, labels, n, sent, depth);
        if (bad || n < 2)
            continue;
        char lw[96];
        gn_label_of(p, i, lw, sizeof lw);
        if ((sep == 1 || sep == 3) && !exhaustive_words(lw, labels, n))
            continue;
        list_in_para(c, p, i, parts, n, lw);
    }
}

/* ---- lists over paragraphs: W万元。其中： then (一)a万元… (二)b万元… ---- */

/* the numbering a line opens with: H_PAREN_CN (一), H_PAREN_NUM (1), H_NUM 1. 1、,
 * H_CN 一、, H_PART 第一部分; 0 none */
enum { H_NONE = 0, H_PAREN_CN, H_PAREN_NUM, H_NUM, H_CN, H_PART };

static int heading_style(const char *n);

static void list_close(gc *c)
{
    lopen *o = &c->open[--c->nopen];
    if (o->bad || o->n < 2)
        return;
    char labels[8][96];
    for (int j = 0; j < o->n; j++)
        memcpy(labels[j], o->parts[j].label, sizeof labels[j]);
    if (exhaustive_words(o->w.label, labels, o->n))
        list_check(c, &o->w, o->parts, o->n, o->w.label, o->unit, o->q);
}

/* a numbered paragraph is the next part of the innermost open list of its
 * numbering; any other paragraph closes the lists it is not part of */
static void list_take(gc *c, const para *p, int style)
{
    while (c->nopen) {
        lopen *o = &c->open[c->nopen - 1];
        if (style == H_NONE || (o->style && o->style != style)) {
            list_close(c);
            continue;
        }
        o->style = style;
        int k = -1, money = 0, changes = 0;
        for (int i = 0; i < p->nf; i++) {
            money += p->f[i].kind == F_MONEY && p->f[i].role == R_NONE;
            changes += p->f[i].role == R_CHANGE || p->f[i].role == R_RATE;
            if (k < 0 && p->f[i].kind == F_MONEY && p->f[i].role == R_NONE && p->f[i].depth == 0)
                k = i;
        }
        if (k < 0 || o->n == (int)(sizeof o->parts / sizeof o->parts[0]) || p->f[k].unit != o->unit) {
            o->bad = 1; /* a part without an amount, or one not understood */
            return;
        }
        lpart *x = &o->parts[o->n++];
        as_lpart(p, k, -1, x);
        /* 与2025年预算持平, 与上年预算数相同: no change, where the part states nothing else */
        if (!x->has_chg && !changes && money == 1 &&
            (has_in(p->t, p->f[k].end, p->n, "持平") || has_in(p->t, p->f[k].end, p->n, "相同")))
            x->has_chg = 1;
        return;
    }
}

/* W万元，比上年减少B万元。其中： closing the paragraph: a list opens */
static void list_open(gc *c, const para *p)
{
    const char *t = p->t;
    size_t n = p->n;
    if (ends_with(t, n, ":"))
        n--;
    if (!ends_with(t, n, "其中"))
        return;
    int w = -1;
    for (int i = p->nf - 1; i >= 0 && w < 0; i--) {
        const fig *f = &p->f[i];
        if (f->depth > 0 || f->role == R_CHANGE || f->role == R_RATE)
            continue;
        if (f->kind != F_MONEY || f->role != R_NONE)
            return; /* a share or last year's figure before the 其中 */
        w = i;
    }
    if (w < 0 || c->nopen == (int)(sizeof c->open / sizeof c->open[0]))
        return;
    lopen *o = &c->open[c->nopen++];
    memset(o, 0, sizeof *o);
    as_lpart(p, w, -1, &o->w);
    o->unit = p->f[w].unit;
    gn_quote(p, gn_clause_start(p, p->f[w].pos, w), p->n, o->q, sizeof o->q);
}

/* ---- paragraphs ---- */

/* 一、 (一) 1. 1、 (1) 第一部分 */
static int heading_style(const char *n)
{
    static const char *cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    const char *p = n;
    if (*p == '(') {
        p++;
        if (isdigit((unsigned char)*p)) {
            while (isdigit((unsigned char)*p))
                p++;
            return *p == ')' ? H_PAREN_NUM : H_NONE;
        }
        int k = 0;
        for (;;) {
            int hit = 0;
            for (size_t i = 0; i < 10; i++)
                if (starts(p, cn[i])) {
                    p += 3;
                    hit = 1;
                    k++;
                }
            if (!hit)
                break;
        }
        return k && *p == ')' ? H_PAREN_CN : H_NONE;
    }
    if (isdigit((unsigned char)*p)) {
        while (isdigit((unsigned char)*p))
            p++;
        return (*p == '.' && !isdigit((unsigned char)p[1])) || starts(p, "、") || starts(p, "．") ? H_NUM : H_NONE;
    }
    if (starts(p, "第") && strstr(p, "部分"))
        return H_PART;
    int k = 0;
    for (;;) {
        int hit = 0;
        for (size_t i = 0; i < 10; i++)
            if (starts(p, cn[i])) {
                p += 3;
                hit = 1;
                k++;
            }
        if (!hit)
            break;
    }
    return k && k <= 3 && starts(p, "、") ? H_CN : H_NONE;
}

/* 一、 (一) 1. 1、 (1) 第一部分 */
static int is_heading(const char *n)
{
    return heading_style(n) != H_NONE;
}

/* a bare page number (6) centred on a line of its own at the foot of a page */
static int bare_page_number(const yu_gdoc *d, int i, const char *n)
{
    size_t L = strlen(n);
    if (!L || L > 4 || !yu_only_digits(n))
        return 0;
    if (yu_line_indent(d->lines[i]) >= 6)
        return 1;
    for (int k = i + 1; k < d->nlines; k++) {
        const char *s = d->lines[k];
        while (*s == ' ' || *s == '\t' || *s == '\f')
            s++;
        if (*s)
            return d->line_page && d->line_page[k] != d->line_page[i];
    }
    return 1;
}

static void check_para(gc *c, para *p)
{
    if (is_heading(p->t)) {
        /* a section heading refers the section to a table (（详见表 5）), or ends the reference */
        const yu_gtable *T = gn_referred_table(c, p->t);
        if (T || p->t[0] == '(' || !isdigit((unsigned char)p->t[0]))
            c->ref = T;
    }
    if (find_figures(c, p)) {
        c->oom = 1;
        return;
    }
    if (!p->nf) {
        if (c->nopen)
            list_take(c, p, heading_style(p->t));
        return;
    }
    find_changes(c, p);
    find_completion(c, p);
    find_shares(c, p);
    if (c->nopen)
        list_take(c, p, heading_style(p->t));
    find_parts(c, p);
    list_open(c, p);
    if (c->d->ntables)
        gn_find_ties(c, p);
}

yu_status yu_gnarr_check(const yu_gdoc *d, const yu_vocab *v, yu_findings *out)
{
    if (!d || !out)
        return YU_OK;
    gc c = {.d = d, .v = v, .out = out, .A = yu_arena_new()};
    if (!c.A)
        return YU_ENOMEM;
    char *intable = calloc((size_t)d->nlines + 1, 1);
    size_t cap = 4096;
    para p = {0};
    p.t = malloc(cap);
    int lcap = 64;
    p.off = malloc((size_t)lcap * sizeof *p.off);
    p.lno = malloc((size_t)lcap * sizeof *p.lno);
    if (!intable || !p.t || !p.off || !p.lno)
        c.oom = 1;
    for (size_t ti = 0; !c.oom && ti < d->ntables; ti++)
        /* a "table" with neither a kind nor a unit may be prose the reader
         * took for one: its lines laid out as a table are skipped anyway */
        for (int l = d->tables[ti].kind || d->tables[ti].unit > 0 ? d->tables[ti].from : d->tables[ti].to;
             l < d->tables[ti].to && l < d->nlines; l++)
            if (l >= 0)
                intable[l] = 1;
    /* the document's definitions of other names (its 名词解释 may come last) */
    for (int i = 0; !c.oom && i < d->nlines; i++)
        if (!intable[i] && strstr(d->lines[i], "指")) {
            const char *n = yu_canon(c.A, d->lines[i]);
            if (!n)
                c.oom = 1;
            else
                gn_find_alias(&c, n);
        }
    int prev_end = 0;  /* the paragraph so far ends a sentence */
    int prev_head = 0; /* the line before is a title */
    for (int i = 0; !c.oom && i <= d->nlines; i++) {
        int brk = 0;
        const char *raw = i < d->nlines ? d->lines[i] : "";
        char *n = NULL;
        if (i == d->nlines)
            brk = 1;
        else if (intable[i] || yu_line_is_tabular(raw))
            brk = 1;
        else {
            n = yu_canon(c.A, raw);
            if (!n) {
                c.oom = 1;
                break;
            }
            if (!*n || yu_is_page_number(n) || bare_page_number(d, i, n))
                continue; /* blank lines and page footers do not break a sentence */
            if (is_heading(n) || prev_head || (prev_end && yu_line_indent(raw) >= 2 && !starts(n, "其中")))
                brk = 1;
        }
        if (brk && p.n) {
            p.t[p.n] = 0;
            check_para(&c, &p);
            free(p.f);
            p.f = NULL;
            p.nf = 0;
            p.n = 0;
            p.nl = 0;
        }
        if (!n)
            continue;
        size_t L = strlen(n);
        if (p.n + L + 1 > cap) {
            while (p.n + L + 1 > cap)
                cap *= 2;
            char *nt = realloc(p.t, cap);
            if (!nt) {
                c.oom = 1;
                break;
            }
            p.t = nt;
        }
        if (p.nl == lcap) {
            lcap *= 2;
            size_t *no = realloc(p.off, (size_t)lcap * sizeof *no);
            if (no)
                p.off = no;
            int *nl = realloc(p.lno, (size_t)lcap * sizeof *nl);
            if (nl)
                p.lno = nl;
            if (!no || !nl) {
                c.oom = 1;
                break;
            }
        }
        p.off[p.nl] = p.n;
        p.lno[p.nl++] = i;
        memcpy(p.t + p.n, n, L);
        p.n += L;
        p.t[p.n] = 0;
        prev_end = ends_with(p.t, p.n, "。") || ends_with(p.t, p.n, "！") || ends_with(p.t, p.n, "？");
        /* a title line (numbered and short, or "…情况说明") is a paragraph of its own */
        prev_head = !has_in(n, 0, L, "万元") && (ends_with(n, L, "情况说明") || ends_with(n, L, "情况") ||
                                                  ends_with(n, L, "说明") ||
                                                  (ends_with(n, L, ")") && has_in(n, 0, L, "详见")));
    }
    while (c.nopen && !c.oom)
        list_close(&c);
    free(p.f);
    free(p.t);
    free(p.off);
    free(p.lno);
    free(intable);
    yu_arena_free(c.A);
    return c.oom ? YU_ENOMEM : YU_OK;
}
