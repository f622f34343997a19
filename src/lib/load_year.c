/* Loads the rest of the year from a package directory (docs/year.md):
 * adjustments.csv (调剂、追加、调减), execution.csv (payments by month or
 * date), final.csv (结转结余 and the 决算's other figures) and selfeval.csv
 * (绩效自评).  Every key is checked against the budget: an adjustment names a
 * 科目 and project the budget has, a payment a line of the adjusted budget. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include "yusuan/year.h"
#include "internal.h"
#include "year_internal.h"

static const char *const adj_labels[YU_ADJ_COUNT] = {"调剂", "追加", "调减"};
static const char *const adj_keys[YU_ADJ_COUNT] = {"tiaoji", "zhuijia", "tiaojian"};

const char *yu_adj_kind_label(int k)
{
    return k >= 0 && k < YU_ADJ_COUNT ? adj_labels[k] : NULL;
}

const char *yu_adj_kind_key(int k)
{
    return k >= 0 && k < YU_ADJ_COUNT ? adj_keys[k] : NULL;
}

int yu_adj_kind_parse(const char *s)
{
    for (int i = 0; i < YU_ADJ_COUNT; i++)
        if (!strcmp(s, adj_labels[i]) || !strcmp(s, adj_keys[i]))
            return i;
    return -1;
}

static const char *const fin_keys[YU_YF_COUNT] = {
    "shangji", "shiye", "jingying", "fushu", "other", "use_nf_balance", "distribution", "out_nf",
    "sg_abroad", "sg_car_buy", "sg_car_run", "sg_reception", "sg_office"};
static const char *const fin_labels[YU_YF_COUNT] = {
    "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入", "使用非财政拨款结余", "结余分配",
    "年末非财政拨款结转和结余", "因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费", "机关运行经费"};

const char *yu_yfin_key(int i) { return i >= 0 && i < YU_YF_COUNT ? fin_keys[i] : NULL; }
const char *yu_yfin_label(int i) { return i >= 0 && i < YU_YF_COUNT ? fin_labels[i] : NULL; }

int yu_yfin_parse(const char *s)
{
    for (int i = 0; i < YU_YF_COUNT; i++)
        if (!strcmp(s, fin_keys[i]) || !strcmp(s, fin_labels[i]))
            return i;
    return -1;
}

void yu_year_free(yu_year *y)
{
    if (!y)
        return;
    for (size_t i = 0; i < y->nadj; i++)
        free(y->adj[i].reason);
    free(y->adj);
    free(y->pay);
    for (size_t i = 0; i < y->nse; i++) {
        free(y->se[i].actual);
        free(y->se[i].reason);
    }
    free(y->se);
    free(y->dir);
    free(y);
}

typedef struct lctx {
    yu_budget *b;
    yu_year *y;
    const yu_catalog *econ;
    yu_error *err;
    char path[1100];
    yu_csv csv;
    int col[16];          /* header index per wanted column, -1 when absent */
    yu_line *known; size_t nknown; /* sorted keys of the adjusted budget */
    /* workbook mode (load_year_xlsx.c): each file's text made from its sheet */
    const char *const *mem; const size_t *memlen; /* by yy_year_file index; NULL: absent */
    int cur;              /* the file being read (index of yy_year_files) */
    uint8_t *fbits;       /* the budget's 功能分类 codes 2000000..2999999, a bit each (made once), or NULL */
    int fbits_made;
} lctx;

const char *const yy_year_files[YY_NFILES] = {"adjustments.csv", "execution.csv", "final.csv", "selfeval.csv"};

static const char *fld(lctx *c, int k)
{
    int i = c->col[k];
    if (i < 0 || (size_t)i >= c->csv.nfields)
        return "";
    return yu_trim(c->csv.fields[i]);
}

static int bad(lctx *c, int k, yu_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int bad(lctx *c, int k, yu_status st, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    yu_utf8_clip(msg);
    yu_error_set(c->err, st, c->path, c->csv.line, k >= 0 && c->col[k] >= 0 ? c->col[k] + 1 : 0, "%s", msg);
    return -1;
}

/* opens name; 0 absent, 1 open (header mapped), -1 error */
static int open_csv(lctx *c, const char *dir, const char *name, char **data, const char *const *cols,
                    const int *required, size_t n)
{
    snprintf(c->path, sizeof c->path, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    c->cur = 0;
    while (c->cur < YY_NFILES - 1 && strcmp(yy_year_files[c->cur], name))
        c->cur++;
    size_t len;
    if (c->mem) {
        if (!c->mem[c->cur])
            return 0;
        len = c->memlen[c->cur];
        if (!(*data = malloc(len + 1))) {
            yu_error_set(c->err, YU_ENOMEM, c->path, 0, 0, "out of memory");
            return -1;
        }
        memcpy(*data, c->mem[c->cur], len);
        (*data)[len] = 0;
    } else {
        struct stat st;
        if (stat(c->path, &st) != 0)
            return 0;
        if (yu_read_file(c->path, data, &len, c->err))
            return -1;
    }
    if (!yu_utf8_valid(*data, len)) {
        yu_error_set(c->err, YU_ESYNTAX, c->path, 0, 0, "not UTF-8 text: save the file as UTF-8 (GBK is not accepted)");
        free(*data);
        *data = NULL;
        return -1;
    }
    yu_csv_init(&c->csv, *data, len, c->path);
    int r = yu_csv_next(&c->csv, c->err);
    if (r <= 0) {
        if (r == 0)
            yu_error_set(c->err, YU_EMISSING, c->path, 1, 0, "empty file: expected a header line");
        yu_csv_free(&c->csv);
        free(*data);
        *data = NULL;
        return r == 0 && c->mem ? 0 : -1; /* an empty sheet is an absent one */
    }
    for (size_t i = 0; i < n; i++) {
        c->col[i] = yu_csv_col(&c->csv, cols[i]);
        if (c->col[i] < 0 && required[i]) {
            yu_error_set(c->err, YU_EMISSING, c->path, c->csv.line, 0, "missing column '%s' (docs/year.md)", cols[i]);
            yu_csv_free(&c->csv);
            free(*data);
            *data = NULL;
            return -1;
        }
    }
    return 1;
}

/* an amount; signed when allow_neg */
static int amt(lctx *c, int k, int allow_neg, yu_money *out)
{
    const char *s = fld(c, k);
    if (!*s)
        return bad(c, k, YU_EVALUE, "the amount is empty: expected an amount in %s",
                   c->b->input_scale == YU_FEN_PER_WAN ? "万元" : "元");
    const char *why;
    if (yu_money_parse(s, strlen(s), c->b->input_scale, out, &why) != YU_OK)
        return bad(c, k, YU_EVALUE, "'%s' is not an amount (%s): expected a number in %s with at most two decimals, e.g. 1,368.00",
                   s, why, c->b->input_scale == YU_FEN_PER_WAN ? "万元" : "元");
    if (*out < 0 && !allow_neg)
        return bad(c, k, YU_EVALUE, "negative amount '%s': expected zero or more", s);
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0) ? 29 : d[m - 1];
}

/* YYYY-MM-DD (or YYYY/MM/DD) in the budget year -> YYYYMMDD */
int yy_parse_date(const char *s, int year, int *out)
{
    char *e;
    long y = strtol(s, &e, 10);
    if (e == s || (*e != '-' && *e != '/'))
        return -1;
    const char *p = e + 1;
    long m = strtol(p, &e, 10);
    if (e == p || (*e != '-' && *e != '/'))
        return -1;
    p = e + 1;
    long d = strtol(p, &e, 10);
    if (e == p || *e || y != year || m < 1 || m > 12 || d < 1 || d > days_in_month((int)y, (int)m))
        return -1;
    *out = (int)(y * 10000 + m * 100 + d);
    return 0;
}

static int key_cmp(const void *a, const void *b)
{
    const yu_line *x = a, *y = b;
    if (x->func != y->func) return x->func < y->func ? -1 : 1;
    if (x->type != y->type) return x->type < y->type ? -1 : 1;
    if (x->source != y->source) return x->source < y->source ? -1 : 1;
    if (x->econ != y->econ) return x->econ < y->econ ? -1 : 1;
    if (x->project != y->project) return x->project < y->project ? -1 : 1;
    return 0;
}

int yy_key_cmp(const yu_line *a, const yu_line *b) { return key_cmp(a, b); }

/* Is f a 功能分类 of the budget's line items?  A bitmap of them is made at the first
 * question (a payment file of a large budget asks once per payment). */
static int func_known(lctx *c, uint32_t f)
{
    const yu_budget *b = c->b;
    if (!c->fbits_made) {
        c->fbits_made = 1;
        if ((c->fbits = calloc(1000000 / 8, 1)))
            for (size_t i = 0; i < b->nlines; i++) {
                uint32_t v = b->lines[i].func - 2000000u;
                if (v < 1000000u)
                    c->fbits[v >> 3] |= (uint8_t)(1u << (v & 7));
            }
    }
    uint32_t v = f - 2000000u;
    if (c->fbits && v < 1000000u)
        return (c->fbits[v >> 3] >> (v & 7)) & 1;
    for (size_t i = 0; i < b->nlines; i++)
        if (b->lines[i].func == f)
            return 1;
    return 0;
}

/* columns func,type,source,econ,project at k0..k0+4 */
static int read_keys(lctx *c, int k0, yu_line *l)
{
    memset(l, 0, sizeof *l);
    l->project = -1;
    const char *f = fld(c, k0);
    uint32_t v = 0;
    int ok = strlen(f) == 7;
    for (const char *p = f; ok && *p; p++)
        ok = *p >= '0' && *p <= '9', v = v * 10 + (uint32_t)(*p - '0');
    if (!ok)
        return bad(c, k0, YU_ECODE, "'%s' is not a 功能分类 项 code: expected 7 digits, e.g. 2110106", f);
    if (!func_known(c, v))
        return bad(c, k0, YU_ECODE, "功能分类 %s is not in the budget: expected a 项 of expenditure.csv", f);
    l->func = v;
    const char *t = fld(c, k0 + 1);
    int ty = yu_type_parse(t);
    if (ty < 0)
        return bad(c, k0 + 1, YU_EVALUE, "unknown type '%s': expected personnel, public, project, shangjiao, jingying or fushu", t);
    const char *s = fld(c, k0 + 2);
    int so = yu_source_parse(s);
    if (so < 0)
        return bad(c, k0 + 2, YU_EVALUE,
                   "unknown source '%s': expected gpb, gpb_carry, gf, gf_carry, soe, soe_carry, shiye, jingying or nonfiscal", s);
    l->type = (uint8_t)ty;
    l->source = (uint8_t)so;
    const char *e = fld(c, k0 + 3);
    if (*e) {
        uint32_t ev = 0;
        int eok = strlen(e) == 5;
        for (const char *p = e; eok && *p; p++)
            eok = *p >= '0' && *p <= '9', ev = ev * 10 + (uint32_t)(*p - '0');
        if (!eok)
            return bad(c, k0 + 3, YU_ECODE, "'%s' is not a 经济分类 款 code: expected 5 digits, e.g. 30101", e);
        if (c->econ && !yu_catalog_name_num(c->econ, ev, 5))
            return bad(c, k0 + 3, YU_ECODE, "unknown 经济分类 code %s: not in the catalogue", e);
        l->econ = ev;
    }
    const char *pj = fld(c, k0 + 4);
    if (*pj) {
        l->project = yu_budget_project_index(c->b, pj);
        if (l->project < 0)
            return bad(c, k0 + 4, YU_ECODE, "project '%s' is not in the budget: expected an id of projects.csv", pj);
    } else if (ty == YU_T_PROJECT)
        return bad(c, k0 + 4, YU_EMISSING, "a 项目支出 line needs a project: expected an id of projects.csv");
    return 0;
}

int yy_grow(void **p, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 64;
    void *q = realloc(*p, nc * sz);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

static int load_adj(lctx *c, const char *dir)
{
    static const char *const cols[] = {"date", "kind", "func", "type", "source", "econ", "project", "amount", "reason"};
    static const int req[] = {1, 1, 1, 1, 1, 0, 0, 1, 0};
    char *data = NULL;
    int r = open_csv(c, dir, "adjustments.csv", &data, cols, req, 9);
    if (r <= 0)
        return r;
    c->y->has |= YU_YEAR_ADJ;
    size_t cap = 0;
    int rc = 0;
    while (!rc && (r = yu_csv_next(&c->csv, c->err)) > 0) {
        yu_adj a;
        memset(&a, 0, sizeof a);
        a.line = c->csv.line;
        if (yy_parse_date(fld(c, 0), c->b->year, &a.date)) {
            rc = bad(c, 0, YU_EVALUE, "'%s' is not a date of %d: expected YYYY-MM-DD, e.g. %d-06-30", fld(c, 0),
                     c->b->year, c->b->year);
            break;
        }
        int k = yu_adj_kind_parse(fld(c, 1));
        if (k < 0) {
            rc = bad(c, 1, YU_EVALUE, "unknown kind '%s': expected 调剂, 追加 or 调减", fld(c, 1));
            break;
        }
        a.kind = (uint8_t)k;
        if ((rc = read_keys(c, 2, &a.k)))
            break;
        if ((rc = amt(c, 7, k == YU_ADJ_TIAOJI, &a.delta)))
            break;
        if (k == YU_ADJ_TIAOJIAN)
            a.delta = -a.delta;
        if (k != YU_ADJ_TIAOJI && !a.delta) {
            rc = bad(c, 7, YU_EVALUE, "a %s of zero: expected an amount above zero", adj_labels[k]);
            break;
        }
        if (yy_grow((void **)&c->y->adj, c->y->nadj, &cap, sizeof *c->y->adj) ||
            !(a.reason = yu_strdup(fld(c, 8)))) {
            rc = bad(c, -1, YU_ENOMEM, "out of memory");
            break;
        }
        c->y->adj[c->y->nadj++] = a;
    }
    if (r < 0)
        rc = -1;
    /* the 调剂 lines of one date move money within each source: they net to zero */
    for (size_t i = 0; !rc && i < c->y->nadj; i++) {
        const yu_adj *a = &c->y->adj[i];
        if (a->kind != YU_ADJ_TIAOJI)
            continue;
        yu_money net = 0;
        int first = 1;
        for (size_t j = 0; j < c->y->nadj; j++) {
            const yu_adj *o = &c->y->adj[j];
            if (o->kind == YU_ADJ_TIAOJI && o->date == a->date && o->k.source == a->k.source) {
                net += o->delta;
                if (j < i)
                    first = 0;
            }
        }
        if (first && net) {
            char buf[64];
            c->csv.line = a->line;
            rc = bad(c, 7, YU_EBALANCE,
                     "the 调剂 of %d-%02d-%02d from source %s do not net to zero (%s left): a 调剂 moves money "
                     "between lines; record new money as 追加 and less as 调减",
                     a->date / 10000, a->date / 100 % 100, a->date % 100, yu_source_key(a->k.source),
                     yy_amount(buf, sizeof buf, net, c->b->input_scale));
        }
    }
    yu_csv_free(&c->csv);
    free(data);
    return rc;
}

/* keys of the adjusted budget, sorted, and the adjusted amount of each must
 * not go below zero */
static int build_known(lctx *c)
{
    size_t n = c->b->nlines + c->y->nadj;
    yu_line *k = malloc((n ? n : 1) * sizeof *k);
    if (!k)
        return bad(c, -1, YU_ENOMEM, "out of memory");
    for (size_t i = 0; i < c->b->nlines; i++)
        k[i] = c->b->lines[i];
    for (size_t i = 0; i < c->y->nadj; i++) {
        k[c->b->nlines + i] = c->y->adj[i].k;
        k[c->b->nlines + i].amount = c->y->adj[i].delta;
        k[c->b->nlines + i].jijian = 0;
    }
    /* stable order of lines is not needed: merge equal keys */
    qsort(k, n, sizeof *k, key_cmp);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && !key_cmp(&k[m - 1], &k[i]))
            k[m - 1].amount += k[i].amount;
        else
            k[m++] = k[i];
    }
    c->known = k;
    c->nknown = m;
    for (size_t i = 0; i < m; i++)
        if (k[i].amount < 0) {
            /* name the last adjustment on that key */
            for (size_t j = c->y->nadj; j-- > 0;)
                if (!key_cmp(&c->y->adj[j].k, &k[i])) {
                    snprintf(c->path, sizeof c->path, "%s/adjustments.csv", c->y->dir);
                    c->cur = 0;
                    c->csv.line = c->y->adj[j].line;
                    c->col[7] = -1;
                    return bad(c, -1, YU_EBALANCE,
                               "the adjustments take the line %u %s %s below zero: expected at most its budget to be taken away",
                               k[i].func, yu_type_key(k[i].type), yu_source_key(k[i].source));
                }
        }
    return 0;
}

static int load_exec(lctx *c, const char *dir)
{
    static const char *const cols[] = {"month", "date", "func", "type", "source", "econ", "project", "amount"};
    static const int req[] = {0, 0, 1, 1, 1, 0, 0, 1};
    char *data = NULL;
    int r = open_csv(c, dir, "execution.csv", &data, cols, req, 8);
    if (r <= 0)
        return r;
    if (c->col[0] < 0 && c->col[1] < 0) {
        yu_error_set(c->err, YU_EMISSING, c->path, 1, 0, "missing column 'month' or 'date': say when each amount was paid");
        yu_csv_free(&c->csv);
        free(data);
        return -1;
    }
    c->y->has |= YU_YEAR_EXEC;
    size_t cap = 0;
    int rc = c->known ? 0 : build_known(c);
    while (!rc && (r = yu_csv_next(&c->csv, c->err)) > 0) {
        yu_pay p;
        memset(&p, 0, sizeof p);
        p.line = c->csv.line;
        const char *ms = fld(c, 0), *ds = fld(c, 1);
        if (*ds) {
            if (yy_parse_date(ds, c->b->year, &p.date)) {
                rc = bad(c, 1, YU_EVALUE, "'%s' is not a date of %d: expected YYYY-MM-DD", ds, c->b->year);
                break;
            }
        } else {
            char *e;
            long m = strtol(ms, &e, 10);
            if (!*ms || *e || m < 1 || m > 12) {
                rc = bad(c, 0, YU_EVALUE, "'%s' is not a month: expected 1 to 12 (or a date in the column 'date')", ms);
                break;
            }
            p.date = c->b->year * 10000 + (int)m * 100 + days_in_month(c->b->year, (int)m);
        }
        if ((rc = read_keys(c, 2, &p.k)))
            break;
        yu_money v;
        if ((rc = amt(c, 7, 0, &v)))
            break;
        p.k.amount = v;
        yu_line probe = p.k;
        yu_line *hit = bsearch(&probe, c->known, c->nknown, sizeof *c->known, key_cmp);
        if (!hit) {
            rc = bad(c, 2, YU_ECODE,
                     "no line of the budget or its adjustments has these keys (%u, %s, %s, econ %s, project %s): "
                     "a payment is made from a budget line",
                     p.k.func, yu_type_key(p.k.type), yu_source_key(p.k.source), *fld(c, 5) ? fld(c, 5) : "-",
                     *fld(c, 6) ? fld(c, 6) : "-");
            break;
        }
        if (yy_grow((void **)&c->y->pay, c->y->npay, &cap, sizeof *c->y->pay)) {
            rc = bad(c, -1, YU_ENOMEM, "out of memory");
            break;
        }
        c->y->pay[c->y->npay++] = p;
    }
    if (r < 0)
        rc = -1;
    yu_csv_free(&c->csv);
    free(data);
    return rc;
}

static int load_final(lctx *c, const char *dir)
{
    static const char *const cols[] = {"item", "amount"};
    static const int req[] = {1, 1};
    char *data = NULL;
    int r = open_csv(c, dir, "final.csv", &data, cols, req, 2);
    if (r <= 0)
        return r;
    c->y->has |= YU_YEAR_FINAL;
    int rc = 0;
    while (!rc && (r = yu_csv_next(&c->csv, c->err)) > 0) {
        int k = yu_yfin_parse(fld(c, 0));
        if (k < 0) {
            rc = bad(c, 0, YU_EVALUE,
                     "unknown item '%s': expected shangji, shiye, jingying, fushu, other, use_nf_balance, distribution, "
                     "out_nf, sg_abroad, sg_car_buy, sg_car_run, sg_reception or sg_office", fld(c, 0));
            break;
        }
        if (c->y->fin_seen & (1u << k)) {
            rc = bad(c, 0, YU_EDUP, "item '%s' is given twice", fld(c, 0));
            break;
        }
        if ((rc = amt(c, 1, 0, &c->y->fin[k])))
            break;
        c->y->fin_seen |= 1u << k;
    }
    if (r < 0)
        rc = -1;
    yu_csv_free(&c->csv);
    free(data);
    return rc;
}

static int load_se(lctx *c, const char *dir)
{
    static const char *const cols[] = {"project", "indicator", "actual", "completion", "score", "reason"};
    static const int req[] = {1, 1, 1, 0, 0, 0};
    char *data = NULL;
    int r = open_csv(c, dir, "selfeval.csv", &data, cols, req, 6);
    if (r <= 0)
        return r;
    c->y->has |= YU_YEAR_SE;
    size_t cap = 0;
    int rc = 0;
    while (!rc && (r = yu_csv_next(&c->csv, c->err)) > 0) {
        yu_se s;
        memset(&s, 0, sizeof s);
        s.line = c->csv.line;
        s.claimed = -1;
        int32_t p = yu_budget_project_index(c->b, fld(c, 0));
        if (p < 0) {
            rc = bad(c, 0, YU_ECODE, "project '%s' is not in the budget: expected an id of projects.csv", fld(c, 0));
            break;
        }
        const char *ind = fld(c, 1);
        s.indicator = -1;
        for (size_t i = 0; i < c->b->nindicators; i++)
            if (c->b->indicators[i].project == p && !strcmp(c->b->indicators[i].level3, ind)) {
                s.indicator = (int32_t)i;
                break;
            }
        if (s.indicator < 0) {
            rc = bad(c, 1, YU_ECODE, "project '%s' has no indicator '%s' in indicators.csv: expected its 三级指标 as written there",
                     fld(c, 0), ind);
            break;
        }
        for (size_t i = 0; i < c->y->nse; i++)
            if (c->y->se[i].indicator == s.indicator) {
                rc = bad(c, 1, YU_EDUP, "indicator '%s' of project '%s' is evaluated twice (line %d)", ind, fld(c, 0),
                         c->y->se[i].line);
                break;
            }
        if (rc)
            break;
        const char *done = fld(c, 3);
        if (!*done)
            s.done = YU_SE_QUANT;
        else if (!strcmp(done, "达成") || !strcmp(done, "full"))
            s.done = YU_SE_FULL;
        else if (!strcmp(done, "部分达成") || !strcmp(done, "part"))
            s.done = YU_SE_PART;
        else if (!strcmp(done, "未达成") || !strcmp(done, "none"))
            s.done = YU_SE_NONE;
        else {
            rc = bad(c, 3, YU_EVALUE, "completion '%s': expected 达成, 部分达成 or 未达成 (empty for a quantitative indicator)", done);
            break;
        }
        const char *sc = fld(c, 4);
        if (*sc) {
            yu_money v;
            const char *why;
            /* a score has at most two decimals: parse it as 元 gives hundredths */
            if (yu_money_parse(sc, strlen(sc), 100, &v, &why) || v < 0 ||
                v > c->b->indicators[s.indicator].weight) {
                rc = bad(c, 4, YU_EVALUE, "score '%s': expected a number from 0 to the indicator's weight %lld.%02lld",
                         sc, (long long)(c->b->indicators[s.indicator].weight / 100),
                         (long long)(c->b->indicators[s.indicator].weight % 100));
                break;
            }
            s.claimed = v;
        }
        if (yy_grow((void **)&c->y->se, c->y->nse, &cap, sizeof *c->y->se) || !(s.actual = yu_strdup(fld(c, 2)))) {
            rc = bad(c, -1, YU_ENOMEM, "out of memory");
            break;
        }
        if (!(s.reason = yu_strdup(fld(c, 5)))) {
            free(s.actual);
            rc = bad(c, -1, YU_ENOMEM, "out of memory");
            break;
        }
        c->y->se[c->y->nse++] = s;
    }
    if (r < 0)
        rc = -1;
    yu_csv_free(&c->csv);
    free(data);
    return rc;
}

static yu_status load_all(lctx *c, const char *dir)
{
    yu_budget *b = c->b;
    yu_error *err = c->err;
    c->y = calloc(1, sizeof *c->y);
    if (!c->y || !(c->y->dir = yu_strdup(dir))) {
        free(c->y);
        return yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory");
    }
    int rc = load_adj(c, dir);
    if (!rc && c->y->nadj) /* else the keys are sorted only when execution.csv needs them */
        rc = build_known(c);
    if (!rc)
        rc = load_exec(c, dir);
    if (!rc)
        rc = load_final(c, dir);
    if (!rc)
        rc = load_se(c, dir);
    free(c->known);
    free(c->fbits);
    if (rc) {
        yu_year_free(c->y);
        return err && err->status ? err->status : YU_EVALUE;
    }
    if (!c->y->has) {
        yu_year_free(c->y);
        return YU_OK;
    }
    yu_year_free(b->yr);
    b->yr = c->y;
    return YU_OK;
}

yu_status yu_load_year(const char *dir, yu_budget *b, const yu_catalog *econ, yu_error *err)
{
    lctx c;
    memset(&c, 0, sizeof c);
    c.b = b;
    c.econ = econ;
    c.err = err;
    return load_all(&c, dir);
}

yu_status yy_load_year_mem(const char *where, const char *const *text, const size_t *len, yu_budget *b,
                           const yu_catalog *econ, int *file, yu_error *err)
{
    lctx c;
    memset(&c, 0, sizeof c);
    c.b = b;
    c.econ = econ;
    c.err = err;
    c.mem = text;
    c.memlen = len;
    yu_status st = load_all(&c, where);
    *file = c.cur;
    return st;
}
