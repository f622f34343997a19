/* Loads a budget package directory (docs/format.md) into a yu_budget. */
#define _DEFAULT_SOURCE /* madvise(MADV_DONTNEED): posix_madvise ignores DONTNEED on glibc */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#if defined(__SSE2__) && !defined(YU_NO_SSE2)
#include <emmintrin.h>
#endif
#include "yusuan/model.h"
#include "yusuan/year.h"
#include "internal.h"

#include "load_internal.h"

/* After an error in *c->err: with a list, keeps it and clears *c->err so the
 * load goes on (returns 1); without one, when memory ran out or the list is
 * full, returns 0 (stop). */
static int keep_going(ctx *c)
{
    return yu_errors_keep(c->errs, c->err, &c->first, &c->nerr);
}




#define BIG_FILE ((size_t)32 << 20) /* files larger than this are mapped, not read */
#define DROP_STEP ((size_t)64 << 20) /* pages behind the parser are dropped this often */

/* Drops the mapped pages of [base, upto) from memory (they are clean file pages). */
static void drop_pages(const char *base, size_t upto, size_t *dropped)
{
    long pg = sysconf(_SC_PAGESIZE);
    size_t end = upto - upto % (size_t)(pg > 0 ? pg : 4096);
    if (end > *dropped) {
        madvise((char *)base + *dropped, end - *dropped, MADV_DONTNEED);
        *dropped = end;
    }
}

/* Opens dir/name. Returns 1 with data, 0 when absent and optional, -1 on error.
 * Large files are mapped (*mapped = 1): release with release_file(). */
/* Opens dir/name without looking at its bytes. Returns 1 with data, 0 when absent and
 * optional, -1 on error.  Large files are mapped (*mapped = 1): release with release_file(). */
static int open_raw(ctx *c, const char *name, int required, char **data, size_t *len, int *mapped)
{
    snprintf(c->path, sizeof c->path, "%s%s%s", c->dir,
             c->dir[0] && c->dir[strlen(c->dir) - 1] == '/' ? "" : "/", name);
    *mapped = 0;
    struct stat st;
    if (stat(c->path, &st) != 0) {
        if (required) {
            yu_error_set(c->err, YU_EMISSING, c->path, 0, 0,
                         "missing file: a budget package needs %s (see docs/format.md)", name);
            return -1;
        }
        return 0;
    }
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > BIG_FILE) {
        int fd = open(c->path, O_RDONLY);
        void *p = fd >= 0 ? mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
        if (fd >= 0)
            close(fd);
        if (p == MAP_FAILED) {
            yu_error_set(c->err, YU_EIO, c->path, 0, 0, "cannot read: %s", strerror(errno));
            return -1;
        }
        madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
        *data = p;
        *len = (size_t)st.st_size;
        *mapped = 1;
    } else if (yu_read_file(c->path, data, len, c->err))
        return -1;
    return 1;
}

#define BYTES(b) (0x0101010101010101ull * (uint64_t)(b))
/* 0x80 in each zero byte of w, exactly (no borrow into the bytes above) */
#define ZERO_BYTES(w) (~((((w) & BYTES(0x7F)) + BYTES(0x7F)) | (w) | BYTES(0x7F)))

/* Checks that the n bytes at data are UTF-8, eight ASCII bytes at a time; the line of a
 * bad byte is counted only when there is one.  Returns 0, or -1 with the error (the file's
 * pages are dropped behind the check when mapped).  *clean (when not NULL): 1 when there is
 * no quote and no NUL byte (the records are the lines, the fields lie between commas). */
static int check_utf8(ctx *c, const char *data, size_t len, int mapped, int *clean)
{
    int noq = 1;
    size_t i = 0, dropped = 0, next_drop = DROP_STEP;
    const unsigned char *u = (const unsigned char *)data;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (!(w & BYTES(0x80))) {
                if (noq && (ZERO_BYTES(w) | ZERO_BYTES(w ^ BYTES('"'))))
                    noq = 0;
                i += 8;
                goto next;
            }
        }
        if (u[i] < 0x80) {
            if (u[i] == '"' || !u[i])
                noq = 0;
            i++;
        } else {
            uint32_t cp;
            int k = yu_utf8_decode(data + i, len - i, &cp);
            if (cp == 0xFFFD && !(k == 3 && u[i] == 0xEF))
                break;
            i += (size_t)k;
        }
    next:
        if (mapped && i >= next_drop) {
            drop_pages(data, i, &dropped);
            next_drop += DROP_STEP;
        }
    }
    if (i < len) {
        int line = 1;
        for (size_t k = 0; k < i; k++)
            line += u[k] == '\n';
        yu_error_set(c->err, YU_ESYNTAX, c->path, line, 0,
                     "not UTF-8 text: save the file as UTF-8 (GBK is not accepted)");
        return -1;
    }
    if (clean)
        *clean = noq;
    return 0;
}

static void release_file(char *data, size_t len, int mapped);

/* Opens dir/name: open_raw, then check_utf8. */
static int open_file(ctx *c, const char *name, int required, char **data, size_t *len, int *mapped)
{
    int r = open_raw(c, name, required, data, len, mapped);
    if (r > 0 && check_utf8(c, *data, *len, *mapped, NULL)) {
        release_file(*data, *len, *mapped);
        return -1;
    }
    return r;
}

static void release_file(char *data, size_t len, int mapped)
{
    if (mapped)
        munmap(data, len);
    else
        free(data);
}

/* Maps the header record to columns; refuses missing required ones. */
static int map_header(ctx *c, yu_csv *csv, colspec *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cols[i].idx = yu_csv_col(csv, cols[i].name);
        if (cols[i].idx < 0 && cols[i].required) {
            char want[256] = "";
            size_t wl = 0;
            for (size_t j = 0; j < n && wl < sizeof want; j++)
                if (cols[j].required) {
                    int k = snprintf(want + wl, sizeof want - wl, "%s%s", wl ? "," : "", cols[j].name);
                    wl = k < 0 ? sizeof want : wl + (size_t)k;
                }
            yu_error_set(c->err, YU_EMISSING, c->path, csv->line, 0,
                         "missing column '%s': the header must name the columns %s",
                         cols[i].name, want);
            return -1;
        }
    }
    return 0;
}

/* The trimmed field of a column in the current record ("" when absent). */
char *yu__load_field(yu_csv *csv, const colspec *col)
{
    if (col->idx < 0 || (size_t)col->idx >= csv->nfields)
        return (char *)"";
    return yu_trim(csv->fields[col->idx]);
}

int yu__load_amount(ctx *c, yu_csv *csv, const colspec *col, int allow_empty, yu_money *out)
{
    const char *s = yu__load_field(csv, col);
    (void)allow_empty; /* docs/format.md: an empty amount means zero, everywhere */
    if (!*s) {
        *out = 0;
        return 0;
    }
    const char *why;
    if (yu_money_parse(s, strlen(s), c->b->input_scale, out, &why) != YU_OK) {
        yu_error_set(c->err, YU_EVALUE, c->path, csv->line, col->idx + 1,
                     "column '%s': '%s' is not an amount (%s): expected a number in %s with at most two decimals, e.g. 1,368.00",
                     col->name, s, why, c->b->input_scale == YU_FEN_PER_WAN ? "万元" : "元");
        return -1;
    }
    if (*out < 0) {
        yu_error_set(c->err, YU_EVALUE, c->path, csv->line, col->idx + 1,
                     "column '%s': negative amount '%s': expected zero or more", col->name, s);
        return -1;
    }
    if (yu_money_add(&c->sum, *out)) {
        yu_error_set(c->err, YU_ELIMIT, c->path, csv->line, col->idx + 1,
                     "column '%s': '%s' brings the package's amounts above what can be added up "
                     "(at most %lld 万元 in all): check the amount and its unit (%s)",
                     col->name, s, (long long)(YU_MONEY_SUM_MAX / YU_FEN_PER_WAN),
                     c->b->input_scale == YU_FEN_PER_WAN ? "万元" : "元");
        return -1;
    }
    return 0;
}

/* Parses a 7-digit 功能分类 项 code and checks it against the catalogue. */
static int func_code(ctx *c, yu_csv *csv, const colspec *col, uint32_t *out)
{
    const char *s = yu__load_field(csv, col);
    size_t n = strlen(s);
    uint32_t v = 0;
    int ok = n == 7;
    for (size_t i = 0; ok && i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            ok = 0;
        else
            v = v * 10 + (uint32_t)(s[i] - '0');
    }
    if (!ok) {
        yu_error_set(c->err, YU_ECODE, c->path, csv->line, col->idx + 1,
                     "'%s' is not a 功能分类 项 code: expected 7 digits, e.g. 2110106", s);
        return -1;
    }
    int known = c->fbits && v >= 2000000 && v < 3000000
                    ? (c->fbits[(v - 2000000) >> 3] >> ((v - 2000000) & 7)) & 1
                    : yu_catalog_name_num(c->func, v, 7) != NULL;
    if (!known) {
        uint32_t kuan = v / 100, lei = v / 10000;
        const char *kn = yu_catalog_name_num(c->func, kuan, 5);
        const char *ln = yu_catalog_name_num(c->func, lei, 3);
        if (!ln)
            yu_error_set(c->err, YU_ECODE, c->path, csv->line, col->idx + 1,
                         "unknown 功能分类 code %s: 类 %u does not exist", s, lei);
        else if (!kn)
            yu_error_set(c->err, YU_ECODE, c->path, csv->line, col->idx + 1,
                         "unknown 功能分类 code %s: 款 %u does not belong to 类 %u %s", s, kuan, lei, ln);
        else
            yu_error_set(c->err, YU_ECODE, c->path, csv->line, col->idx + 1,
                         "unknown 功能分类 code %s: no such 项 in 款 %u %s (add it with --catalog FILE if it is new)",
                         s, kuan, kn);
        return -1;
    }
    *out = v;
    return 0;
}

/* ---- unit.txt ---- */

static int load_unit(ctx *c)
{
    char *data;
    size_t len;
    int mapped;
    if (open_file(c, "unit.txt", 1, &data, &len, &mapped) < 0)
        return -1;
    if (mapped) {
        release_file(data, len, mapped);
        return yu_error_set(c->err, YU_ELIMIT, c->path, 0, 0, "unit.txt is larger than 32 MiB"), -1;
    }
    yu_budget *b = c->b;
    static const char *const req[] = {"name", "code", "department", "department_code", "year", "amount_unit"};
    int seen[6] = {0};
    char *p = data;
    if (len >= 3 && (unsigned char)p[0] == 0xEF)
        p += 3;
    int line = 0, rc = 0;
#define UNIT_ERR() { if (keep_going(c)) continue; rc = -1; break; }
    while (*p) {
        line++;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        int indent = 0; /* yu_trim moves the text left: keep columns true */
        while (p[indent] == ' ' || p[indent] == '\t')
            indent++;
        char *l = yu_trim(p);
        p = nl ? nl + 1 : p + strlen(p);
        if (!*l || *l == '#')
            continue;
        char *eq = strchr(l, '=');
        if (!eq) {
            yu_error_set(c->err, YU_ESYNTAX, c->path, line, 1, "expected 'key = value'");
            UNIT_ERR();
        }
        *eq = 0;
        int vcol = (int)(eq + 1 - l) + 1 + indent; /* 1-based column of the value */
        for (const char *q = eq + 1; *q == ' ' || *q == '\t'; q++)
            vcol++;
        char *k = yu_trim(l), *v = yu_trim(eq + 1);
        char **slot = NULL;
        int ri = -1;
        for (int i = 0; i < 6; i++)
            if (strcmp(k, req[i]) == 0)
                ri = i;
        if (ri >= 0) {
            if (seen[ri]) {
                yu_error_set(c->err, YU_EDUP, c->path, line, 1, "'%s' is given twice", k);
                UNIT_ERR();
            }
            seen[ri] = 1;
        }
        if (!strcmp(k, "name"))
            slot = &b->name;
        else if (!strcmp(k, "code"))
            slot = &b->code;
        else if (!strcmp(k, "department"))
            slot = &b->dept_name;
        else if (!strcmp(k, "department_code"))
            slot = &b->dept_code;
        else if (!strcmp(k, "template"))
            slot = &b->template_id;
        else if (!strcmp(k, "parent"))
            slot = &b->parent_code;
        else if (!strcmp(k, "year")) {
            char *end;
            long y = strtol(v, &end, 10);
            if (*end || y < 1990 || y > 2100) {
                yu_error_set(c->err, YU_EVALUE, c->path, line, vcol,
                             "year '%s': expected a year such as 2024", v);
                UNIT_ERR();
            }
            b->year = (int)y;
            continue;
        } else if (!strcmp(k, "amount_unit")) {
            if (!strcmp(v, "元"))
                b->input_scale = YU_FEN_PER_YUAN;
            else if (!strcmp(v, "万元"))
                b->input_scale = YU_FEN_PER_WAN;
            else {
                yu_error_set(c->err, YU_EVALUE, c->path, line, vcol,
                             "amount_unit '%s': expected 元 or 万元", v);
                UNIT_ERR();
            }
            continue;
        } else {
            yu_error_set(c->err, YU_ESYNTAX, c->path, line, 1,
                         "unknown key '%s': expected one of name, code, department, department_code, year, amount_unit, template, parent", k);
            UNIT_ERR();
        }
        if (!*v) {
            yu_error_set(c->err, YU_EVALUE, c->path, line, 1, "'%s' is empty", k);
            UNIT_ERR();
        }
        free(*slot);
        *slot = yu_strdup(v);
        if (!*slot) {
            yu_error_set(c->err, YU_ENOMEM, c->path, line, 0, "out of memory");
            rc = -1;
            break;
        }
    }
#undef UNIT_ERR
    release_file(data, len, mapped);
    if (rc)
        return rc;
    for (int i = 0; i < 6; i++)
        if (!seen[i]) {
            yu_error_set(c->err, YU_EMISSING, c->path, 0, 0,
                         "missing key '%s' (unit.txt needs name, code, department, department_code, year, amount_unit)",
                         req[i]);
            if (!keep_going(c))
                return -1;
        }
    return 0;
}

static int load_text(ctx *c, const char *name, char **out)
{
    char *data;
    size_t len;
    int mapped;
    int r = open_file(c, name, 0, &data, &len, &mapped);
    if (r <= 0)
        return r;
    if (mapped) {
        release_file(data, len, mapped);
        return yu_error_set(c->err, YU_ELIMIT, c->path, 0, 0, "text file larger than 32 MiB"), -1;
    }
    char *p = data;
    if (len >= 3 && (unsigned char)p[0] == 0xEF)
        p += 3;
    /* normalise CRLF */
    char *w = p;
    for (char *q = p; *q; q++)
        if (*q != '\r')
            *w++ = *q;
    *w = 0;
    *out = yu_strdup(yu_trim(p));
    free(data);
    return *out ? 0 : -1;
}

/* ---- generic CSV file loop ---- */

typedef int (*row_fn)(ctx *c, yu_csv *csv, colspec *cols);

/* A file's fast path: reads the record at csv->p straight from the bytes.  Returns 1 when
 * it took the record (csv advanced past it), -1 when it took it with an error in *c->err,
 * 0 when it leaves the record to yu_csv_next and the row_fn (csv untouched).  Its first
 * call comes while the header is csv's current record.  Until c->valid, it takes only
 * records of ASCII bytes without quote or NUL (valid UTF-8 whatever the rest holds). */
typedef int (*fast_fn)(ctx *c, yu_csv *csv, colspec *cols);
/* forgets every record the fast path took (the file turned out not to be UTF-8) */
typedef void (*undo_fn)(ctx *c);

static int load_csv_fast(ctx *c, const char *name, int required, colspec *cols, size_t ncols, row_fn fn,
                         fast_fn fast, undo_fn undo);

static int load_csv(ctx *c, const char *name, int required, colspec *cols, size_t ncols, row_fn fn)
{
    return load_csv_fast(c, name, required, cols, ncols, fn, NULL, NULL);
}

/* With a fast path, the file's UTF-8 check is put off until something other than the fast
 * path needs the bytes (a header in error, a record left to the general reader): when the
 * fast path takes every record, the bytes were ASCII.  When the check fails, what the fast
 * path took is forgotten and the error is the one open_file gives. */
static int load_csv_fast(ctx *c, const char *name, int required, colspec *cols, size_t ncols, row_fn fn,
                         fast_fn fast, undo_fn undo)
{
    char *data;
    size_t len;
    int mapped;
    int r = fast ? open_raw(c, name, required, &data, &len, &mapped)
                 : open_file(c, name, required, &data, &len, &mapped);
    if (r <= 0)
        return r;
    c->valid = !fast;
    c->clean = 0;
    size_t dropped = 0, next_drop = DROP_STEP;
    yu_csv csv;
    yu_csv_init(&csv, data, len, c->path);
    int rc = 0;
    r = yu_csv_next(&csv, c->err);
    if (r == 0) {
        if (required)
            { yu_error_set(c->err, YU_EMISSING, c->path, 1, 0, "empty file: expected a header line"); rc = -1; }
    } else if (r < 0)
        rc = -1;
    else if (map_header(c, &csv, cols, ncols))
        rc = -1;
    else if (!c->valid && check_utf8(c, data, (size_t)(csv.p - data), 0, NULL))
        rc = -1, c->valid = 1; /* the bytes up to the first record: the first bad byte */
    else
        for (;;) {
            int f = 0;
            if (fast) {
                if (csv.p >= csv.end)
                    break;
                f = fast(c, &csv, cols);
            }
            if (f <= 0 && !c->valid) {
                c->valid = 1;
                if (check_utf8(c, data, len, mapped, &c->clean)) {
                    undo(c);
                    rc = -1;
                    break;
                }
            }
            if (f < 0) {
                if (keep_going(c))
                    continue;
                rc = -1;
                break;
            }
            if (f == 0) {
                if ((r = yu_csv_next(&csv, c->err)) <= 0)
                    break;
                if (fn(c, &csv, cols)) {
                    if (keep_going(c))
                        continue;
                    rc = -1;
                    break;
                }
            }
            if (mapped && (size_t)(csv.p - data) >= next_drop) {
                drop_pages(data, (size_t)(csv.p - data), &dropped);
                next_drop += DROP_STEP;
            }
        }
    if ((rc || r <= 0) && !c->valid && (!c->err || c->err->status != YU_ENOMEM) &&
        check_utf8(c, data, len, mapped, NULL))
        rc = -1; /* a header in error, or none: the file's bytes first, as open_file */
    if (r < 0)
        rc = -1;
    yu_csv_free(&csv);
    release_file(data, len, mapped);
    return rc;
}

/* ---- funds.csv ---- */

static int row_fund(ctx *c, yu_csv *csv, colspec *cols)
{
    const char *item = yu__load_field(csv, &cols[0]);
    int f = yu_fund_parse(item);
    if (f < 0)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[0].idx + 1,
                            "unknown item '%s': expected gpb, gf, soe, shiye, shiye_edu, jingying, shangji, fushu, other, carry_gpb, carry_gf, carry_soe, carry_nf, use_nf_balance, out_gpb, out_gf, out_soe or out_nf",
                            item),
               -1;
    yu_money v;
    if (yu__load_amount(c, csv, &cols[1], 0, &v))
        return -1;
    /* last year's budget of the item, for the narrative's comparisons */
    if (cols[2].idx >= 0 && *yu__load_field(csv, &cols[2])) {
        if (yu__load_amount(c, csv, &cols[2], 0, &c->b->funds_prior[f]))
            return -1;
        c->b->has_funds_prior = 1;
    }
    if (c->fund_seen & (1u << f))
        return yu_error_set(c->err, YU_EDUP, c->path, csv->line, cols[0].idx + 1,
                            "item '%s' is given twice", item),
               -1;
    c->b->funds[f] = v;
    c->fund_seen |= 1u << f;
    return 0;
}

/* ---- expenditure.csv ---- */

/* The source line of each line item: while every line item is on the line its index
 * says (line0 + index: no blank, comment or multi-line record before it), nothing is
 * stored; from the first that is not, every line item's line. */
typedef struct dupset {
    uint32_t *lineno; /* source line of each line item, or NULL: line0 + index */
    size_t cap;       /* of lineno */
    uint32_t line0;   /* the line of line item 0 (0: none yet) */
} dupset;

static uint32_t dup_line(const dupset *d, size_t i)
{
    return d->lineno ? d->lineno[i] : d->line0 + (uint32_t)i;
}

/* Notes that line item i is on line `line`.  -1 when out of memory. */
static int dup_note(dupset *d, size_t i, int line)
{
    if (!d->lineno) {
        if (!i)
            d->line0 = (uint32_t)line;
        if (d->line0 + (uint32_t)i == (uint32_t)line)
            return 0;
        d->cap = 1024;
        while (d->cap <= i)
            d->cap *= 2;
        if (!(d->lineno = malloc(d->cap * sizeof *d->lineno)))
            return -1;
        for (size_t k = 0; k < i; k++)
            d->lineno[k] = d->line0 + (uint32_t)k;
    } else if (i == d->cap) {
        uint32_t *nl = realloc(d->lineno, 2 * d->cap * sizeof *nl);
        if (!nl)
            return -1;
        d->lineno = nl;
        d->cap *= 2;
    }
    d->lineno[i] = (uint32_t)line;
    return 0;
}

static uint64_t line_key_hash(const yu_line *l)
{
    uint64_t h = (uint64_t)l->func * 0x9E3779B97F4A7C15ull;
    h ^= ((uint64_t)l->econ << 20) ^ ((uint64_t)(uint32_t)l->project << 40) ^
         ((uint64_t)l->type << 8) ^ ((uint64_t)l->source << 12) ^ l->jijian;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

static int same_key(const yu_line *a, const yu_line *b)
{
    return a->func == b->func && a->econ == b->econ && a->project == b->project &&
           a->type == b->type && a->source == b->source && a->jijian == b->jijian;
}

/* Duplicated line items, found after loading.  Each line's key hash is computed
 * (twice: counting, then placing) and the lines are partitioned by its top bits
 * (a counting sort) into records of its low 32 bits and the line's index; each
 * partition is checked with a small hash table that stays in cache.  Lines are
 * only compared when two hashes are equal.  Reports the duplicate with the
 * smallest line number. */
typedef struct { uint32_t h, i; } duprec;

static int check_dups(ctx *c, const char *path, const dupset *d)
{
    const yu_budget *b = c->b;
    size_t n = b->nlines;
    enum { BITS = 12, P = 1 << BITS };
    uint32_t *start = calloc(P + 1, sizeof *start);
    duprec *pr = malloc((n ? n : 1) * sizeof *pr);
    uint32_t *tab = NULL;
    size_t tmask = 0;
    int rc = 0;
    if (!start || !pr)
        goto oom;
    for (size_t i = 0; i < n; i++)
        start[(line_key_hash(&b->lines[i]) >> (64 - BITS)) + 1]++;
    for (size_t k = 0; k < P; k++)
        start[k + 1] += start[k];
    for (size_t i = 0; i < n; i++) {
        uint64_t h = line_key_hash(&b->lines[i]);
        pr[start[h >> (64 - BITS)]++] = (duprec){(uint32_t)h, (uint32_t)i};
    }
    uint32_t best_line = 0, best_first = 0;
    size_t lo = 0;
    for (size_t k = 0; k < P; k++) {
        size_t hi = start[k], m = hi - lo;
        if (m > 1) {
            size_t want = 16;
            while (want < 2 * m)
                want *= 2;
            if (want - 1 > tmask) {
                free(tab);
                tab = malloc(want * sizeof *tab);
                if (!tab)
                    goto oom;
                tmask = want - 1;
            }
            memset(tab, 0, want * sizeof *tab);
            for (size_t j = lo; j < hi; j++) {
                size_t h = pr[j].h & (want - 1);
                int dup = 0;
                while (tab[h]) {
                    uint32_t o = tab[h] - 1; /* position in pr */
                    if (pr[o].h == pr[j].h && same_key(&b->lines[pr[o].i], &b->lines[pr[j].i])) {
                        dup = 1;
                        uint32_t first = dup_line(d, pr[o].i), later = dup_line(d, pr[j].i);
                        if (first > later) {
                            uint32_t t = first;
                            first = later;
                            later = t;
                        }
                        if (!best_line || later < best_line) {
                            best_line = later;
                            best_first = first;
                        }
                        break;
                    }
                    h = (h + 1) & (want - 1);
                }
                if (!dup)
                    tab[h] = (uint32_t)j + 1;
            }
        }
        lo = hi;
    }
    if (best_line) {
        yu_error_set(c->err, YU_EDUP, path, (int)best_line, 1,
                     "duplicated line item: same func, type, source, econ, project and jijian as line %u; merge the two lines",
                     best_first);
        rc = -1;
    }
    free(start);
    free(pr);
    free(tab);
    return rc;
oom:
    free(start);
    free(pr);
    free(tab);
    yu_error_set(c->err, YU_ENOMEM, path, 0, 0, "out of memory");
    return -1;
}

/* the fast path's view of the header: what each field is, and the keys of the enums */
enum { FAST_MAXF = 32 };
typedef struct fastspec {
    int ready;                 /* set up from the header (0: not yet, -1: no fast path) */
    int nf;                    /* fields in the header */
    int8_t role[FAST_MAXF];    /* index into the expenditure colspec of each field, -1 unused */
    struct fastproj { uint64_t w[2]; uint32_t len; int32_t idx; } *proj; /* ids of <= 16 bytes, by value */
    size_t pmask;
    struct fastproj tkey[16], skey[16]; /* the type and source keys, the same way */
} fastspec;

/* A name of at most 16 bytes as two words (zero-padded) and its slot's hash.  `room`:
 * 16 bytes can be read at s. */
static inline uint64_t fast_id(const char *s, size_t n, int room, uint64_t w[2])
{
    if (room) {
        memcpy(&w[0], s, 8);
        memcpy(&w[1], s + 8, 8);
        if (n < 8) {
            w[0] &= (1ull << (8 * n)) - 1;
            w[1] = 0;
        } else if (n < 16)
            w[1] &= (1ull << (8 * (n - 8))) - 1;
    } else {
        char t[16] = {0};
        memcpy(t, s, n);
        memcpy(&w[0], t, 8);
        memcpy(&w[1], t + 8, 8);
    }
    uint64_t h = (w[0] ^ (w[1] * 0x9E3779B97F4A7C15ull) ^ n) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 29);
}

/* Adds a name to a table of 2^k slots (idx -1: free). */
static void fast_put(struct fastproj *tab, size_t mask, const char *s, size_t n, int32_t idx)
{
    uint64_t w[2];
    size_t h = fast_id(s, n, 0, w) & mask;
    while (tab[h].idx >= 0)
        h = (h + 1) & mask;
    tab[h] = (struct fastproj){{w[0], w[1]}, (uint32_t)n, idx};
}

/* The index of the name [s, s + n) in a table, or -1. */
static inline int32_t fast_get(const struct fastproj *tab, size_t mask, const char *s, size_t n, int room)
{
    uint64_t w[2];
    for (size_t h = fast_id(s, n, room, w) & mask;; h = (h + 1) & mask) {
        const struct fastproj *e = &tab[h];
        if (e->idx < 0)
            return -1;
        if (e->w[0] == w[0] && e->w[1] == w[1] && e->len == n)
            return e->idx;
    }
}

/* The project index of the id [s, s + n), or -1. */
static inline int32_t fast_project(const fastspec *fs, const yu_budget *b, const char *s, size_t n, int room)
{
    if (n > 16 || !fs->proj)
        return yu_budget_project_index_n(b, s, n);
    return fast_get(fs->proj, fs->pmask, s, n, room);
}

typedef struct exp_state {
    dupset d;
    fastspec fs;
    yu_money sum0; /* c->sum before expenditure.csv */
} exp_state;

/* Records a parsed line item (csv->line is its line). */
static int exp_commit(ctx *c, yu_csv *csv, exp_state *es, const yu_line *l)
{
    yu_budget *b = c->b;
    if (b->nlines >= 0xFFFFFFF0u)
        return yu_error_set(c->err, YU_ELIMIT, c->path, csv->line, 0, "too many line items"), -1;
    if (dup_note(&es->d, b->nlines, csv->line))
        return yu_error_set(c->err, YU_ENOMEM, c->path, csv->line, 0, "out of memory"), -1;
    if (b->nlines < b->cap_lines)
        b->lines[b->nlines++] = *l;
    else if (yu_budget_add_line(b, l))
        return yu_error_set(c->err, YU_ENOMEM, c->path, csv->line, 0, "out of memory"), -1;
    return 0;
}

static int row_exp_impl(ctx *c, yu_csv *csv, colspec *cols, exp_state *es)
{
    yu_line l;
    memset(&l, 0, sizeof l);
    l.project = -1;
    if (func_code(c, csv, &cols[0], &l.func))
        return -1;
    const char *t = yu__load_field(csv, &cols[1]);
    int ty = yu_type_parse(t);
    if (ty < 0)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[1].idx + 1,
                            "unknown type '%s': expected personnel, public, project, shangjiao, jingying or fushu", t),
               -1;
    const char *s = yu__load_field(csv, &cols[2]);
    int so = yu_source_parse(s);
    if (so < 0)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[2].idx + 1,
                            "unknown source '%s': expected gpb, gpb_carry, gf, gf_carry, soe, soe_carry, shiye, jingying or nonfiscal", s),
               -1;
    if (yu_source_is_fiscal(so) && (ty == YU_T_SHANGJIAO || ty == YU_T_JINGYING || ty == YU_T_FUSHU))
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[1].idx + 1,
                            "type '%s' cannot be paid from 财政拨款 (source %s): the 财政拨款 tables have only 基本支出 and 项目支出; "
                            "record 财政拨款 money as personnel, public or project", t, s),
               -1;
    l.type = (uint8_t)ty;
    l.source = (uint8_t)so;
    const char *e = yu__load_field(csv, &cols[3]);
    if (*e) {
        size_t n = strlen(e);
        uint32_t v = 0;
        int ok = n == 5;
        for (size_t i = 0; ok && i < n; i++)
            if (e[i] < '0' || e[i] > '9')
                ok = 0;
            else
                v = v * 10 + (uint32_t)(e[i] - '0');
        if (!ok)
            return yu_error_set(c->err, YU_ECODE, c->path, csv->line, cols[3].idx + 1,
                                "'%s' is not a 经济分类 款 code: expected 5 digits, e.g. 30101", e),
                   -1;
        int eknown = c->ebits && v >= 30000 && v < 100000
                         ? (c->ebits[(v - 30000) >> 3] >> ((v - 30000) & 7)) & 1
                         : yu_catalog_name_num(c->econ, v, 5) != NULL;
        if (!eknown) {
            const char *ln = yu_catalog_name_num(c->econ, v / 100, 3);
            return yu_error_set(c->err, YU_ECODE, c->path, csv->line, cols[3].idx + 1,
                                ln ? "unknown 经济分类 code %s: no such 款 in 类 %u %s"
                                   : "unknown 经济分类 code %s: 类 %u does not exist%s",
                                e, v / 100, ln ? ln : ""),
                   -1;
        }
        int personal = v / 100 == 301 || v / 100 == 303;
        if (ty == YU_T_PERSONNEL && !personal)
            return yu_error_set(c->err, YU_ECODE, c->path, csv->line, cols[3].idx + 1,
                                "经济分类 %s is not a 人员经费 code: expected 301xx (工资福利支出) or 303xx (对个人和家庭的补助)", e),
                   -1;
        if (ty == YU_T_PUBLIC && personal)
            return yu_error_set(c->err, YU_ECODE, c->path, csv->line, cols[3].idx + 1,
                                "经济分类 %s is a 人员经费 code: a 公用经费 line needs 302xx, 310xx or another non-personnel code", e),
                   -1;
        l.econ = v;
    } else if ((ty == YU_T_PERSONNEL || ty == YU_T_PUBLIC) && so == YU_S_GPB) {
        return yu_error_set(c->err, YU_EMISSING, c->path, csv->line, cols[3].idx >= 0 ? cols[3].idx + 1 : 0,
                            "基本支出 paid from gpb needs an econ code (部门预算支出经济分类 款, e.g. 30101): it feeds the 一般公共预算基本支出表"),
               -1;
    }
    const char *pj = yu__load_field(csv, &cols[4]);
    if (*pj) {
        l.project = yu_budget_project_index(c->b, pj);
        if (l.project < 0)
            return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[4].idx + 1,
                                "unknown project '%s': expected an id from projects.csv", pj),
                   -1;
    } else if (ty == YU_T_PROJECT) {
        return yu_error_set(c->err, YU_EMISSING, c->path, csv->line, cols[4].idx >= 0 ? cols[4].idx + 1 : 0,
                            "a 项目支出 line item needs a project: expected an id from projects.csv in column 'project'"),
               -1;
    }
    const char *jj = yu__load_field(csv, &cols[5]);
    if (*jj && strcmp(jj, "0") && strcmp(jj, "1"))
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[5].idx + 1,
                            "jijian '%s': expected 1 (中央基建投资) or 0", jj),
               -1;
    l.jijian = *jj == '1';
    if (yu__load_amount(c, csv, &cols[6], 0, &l.amount))
        return -1;

    return exp_commit(c, csv, es, &l);
}

/* Up to n ASCII digits of [s, s + n) as a number; -1 unless exactly `want` digits. */
static int64_t fast_digits(const char *s, size_t n, size_t want)
{
    if (n != want)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (d > 9)
            return -1;
        v = v * 10 + d;
    }
    return v;
}

/* The header, once: which field is which column.  No fast path for a header of more than
 * FAST_MAXF fields. */
static void fast_exp_setup(const yu_budget *b, yu_csv *csv, const colspec *cols, fastspec *fs)
{
    fs->ready = -1;
#if !(defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
    return; /* the byte scan is little-endian with __builtin_ctzll */
#endif
    size_t want = 16;
    while (want < 2 * b->nprojects)
        want *= 2;
    if ((fs->proj = malloc(want * sizeof *fs->proj))) {
        fs->pmask = want - 1;
        for (size_t i = 0; i < want; i++)
            fs->proj[i].idx = -1;
        for (size_t i = 0; i < b->nprojects; i++) {
            size_t n = strlen(b->projects[i].id);
            if (n <= 16)
                fast_put(fs->proj, fs->pmask, b->projects[i].id, n, (int32_t)i);
        }
    }
    if (csv->nfields > FAST_MAXF)
        return;
    fs->nf = (int)csv->nfields;
    memset(fs->role, -1, sizeof fs->role);
    for (int k = 0; k < 7; k++)
        if (cols[k].idx >= 0)
            fs->role[cols[k].idx] = (int8_t)k;
    for (int i = 0; i < 16; i++)
        fs->tkey[i].idx = fs->skey[i].idx = -1;
    for (int i = 0; i < YU_T_COUNT; i++)
        fast_put(fs->tkey, 15, yu_type_key(i), strlen(yu_type_key(i)), i);
    for (int i = 0; i < YU_S_COUNT; i++)
        fast_put(fs->skey, 15, yu_source_key(i), strlen(yu_source_key(i)), i);
    fs->ready = 1;
}

/* One block of a line: a mask of its line ends, of its commas, and of the bytes the fast
 * path leaves alone (above 0x7F when `high`, quotes and NUL bytes when `q`).  Past the end
 * of the file the bytes are line ends.  SSE2: a bit per byte; else eight bytes in a word,
 * 0x80 per byte. */
#if defined(__SSE2__) && !defined(YU_NO_SSE2)
enum { SCAN_BLOCK = 16, SCAN_SHIFT = 0 };
typedef uint32_t scan_mask;
static inline void scan_block(const char *s, size_t avail, int high, int q, scan_mask *nl, scan_mask *cm,
                              scan_mask *bad)
{
    __m128i v;
    if (avail >= 16)
        v = _mm_loadu_si128((const __m128i *)(const void *)s);
    else {
        char t[16];
        memset(t, '\n', sizeof t);
        memcpy(t, s, avail);
        v = _mm_loadu_si128((const __m128i *)(const void *)t);
    }
    *nl = (scan_mask)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
    *cm = (scan_mask)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
    scan_mask b = high ? (scan_mask)_mm_movemask_epi8(v) : 0;
    if (q)
        b |= (scan_mask)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_setzero_si128()),
                                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))));
    *bad = b;
}
#else
enum { SCAN_BLOCK = 8, SCAN_SHIFT = 3 };
typedef uint64_t scan_mask;
static inline void scan_block(const char *s, size_t avail, int high, int q, scan_mask *nl, scan_mask *cm,
                              scan_mask *bad)
{
    uint64_t w = BYTES('\n');
    memcpy(&w, s, avail < 8 ? avail : 8);
    *nl = ZERO_BYTES(w ^ BYTES('\n'));
    *cm = ZERO_BYTES(w ^ BYTES(','));
    uint64_t b = high ? w & BYTES(0x80) : 0;
    if (q)
        b |= ZERO_BYTES(w) | ZERO_BYTES(w ^ BYTES('"'));
    *bad = b;
}
#endif

/* The fast path of expenditure.csv (fast_fn): a record on one line, plain ASCII in the
 * columns it reads (no quotes, spaces, labels instead of keys), every check passed.  Any
 * other record — and any record with an error — is left to yu_csv_next and row_exp, which
 * say what is wrong in the words they always have.  It checks what row_exp checks; only
 * the order differs, and it changes nothing before it is sure. */
static int fast_exp_impl(ctx *c, yu_csv *csv, const colspec *cols, exp_state *es)
{
    fastspec *fs = &es->fs;
    if (!fs->ready)
        fast_exp_setup(c->b, csv, cols, fs);
    const char *p = csv->p, *end = csv->end;
    if (fs->ready < 0 || p >= end || *p == '#')
        return 0;
    /* the commas and the end of the line, eight bytes at a time; until the file is known
     * to be UTF-8 a byte above 0x7F leaves the line to the general reader, and so do a
     * quote and a NUL byte unless the file has none */
    const char *ls = p;
    uint32_t cut[FAST_MAXF];
    int nc = 0, maxc = fs->nf - 1;
    int high = !c->valid, q = !(c->valid && c->clean);
    size_t le;
    for (size_t off = 0;; off += SCAN_BLOCK) {
        size_t avail = (size_t)(end - ls) - off;
        scan_mask nl, cm, bad;
        scan_block(ls + off, avail, high, q, &nl, &cm, &bad);
        scan_mask keep = nl ? (nl & (0 - nl)) - 1 : ~(scan_mask)0; /* the bytes before the line's end */
        if (bad & keep)
            return 0;
        for (cm &= keep; cm; cm &= cm - 1) {
            if (nc == maxc)
                return 0; /* more fields than the header */
            cut[nc++] = (uint32_t)(off + (size_t)(__builtin_ctzll(cm) >> SCAN_SHIFT));
        }
        if (nl) {
            le = off + (size_t)(__builtin_ctzll(nl) >> SCAN_SHIFT);
            break;
        }
    }
    if (nc != maxc)
        return 0; /* fewer fields than the header */
    const char *fb[7] = {"", "", "", "", "", "", ""};
    size_t fl[7] = {0};
    for (int f = 0; f < fs->nf; f++) {
        int k = fs->role[f];
        if (k < 0)
            continue;
        size_t from = f ? cut[f - 1] + 1 : 0, to = f < nc ? cut[f] : le;
        if (f == nc && to > from && ls[to - 1] == '\r')
            to--; /* CRLF */
        fb[k] = ls + from;
        fl[k] = to - from;
    }
    p = ls + le;

    yu_line l;
    memset(&l, 0, sizeof l);
    l.project = -1;
    int64_t v = fast_digits(fb[0], fl[0], 7);
    if (v < 2000000 || v >= 3000000 || !c->fbits || !((c->fbits[(v - 2000000) >> 3] >> ((v - 2000000) & 7)) & 1))
        return 0;
    l.func = (uint32_t)v;
    int ty = fl[1] <= 16 ? fast_get(fs->tkey, 15, fb[1], fl[1], end - fb[1] >= 16) : -1;
    int so = fl[2] <= 16 ? fast_get(fs->skey, 15, fb[2], fl[2], end - fb[2] >= 16) : -1;
    if (ty < 0 || so < 0 ||
        (yu_source_is_fiscal(so) && (ty == YU_T_SHANGJIAO || ty == YU_T_JINGYING || ty == YU_T_FUSHU)))
        return 0;
    l.type = (uint8_t)ty;
    l.source = (uint8_t)so;
    if (fl[3]) {
        v = fast_digits(fb[3], fl[3], 5);
        if (v < 30000 || !c->ebits || !((c->ebits[(v - 30000) >> 3] >> ((v - 30000) & 7)) & 1))
            return 0;
        int personal = v / 100 == 301 || v / 100 == 303;
        if ((ty == YU_T_PERSONNEL && !personal) || (ty == YU_T_PUBLIC && personal))
            return 0;
        l.econ = (uint32_t)v;
    } else if ((ty == YU_T_PERSONNEL || ty == YU_T_PUBLIC) && so == YU_S_GPB)
        return 0;
    if (fl[4]) {
        if ((l.project = fast_project(fs, c->b, fb[4], fl[4], end - fb[4] >= 16)) < 0)
            return 0;
    } else if (ty == YU_T_PROJECT)
        return 0;
    if (fl[5] > 1 || (fl[5] && *fb[5] != '0' && *fb[5] != '1'))
        return 0;
    l.jijian = fl[5] && *fb[5] == '1';
    /* the amount: digits, a point, at most two decimals; at most 12 digits before the point
     * (no overflow at 万元); anything else is yu_money_parse's */
    int64_t ip = 0, fp = 0;
    int ndig = 0, nfrac = -1;
    for (size_t i = 0; i < fl[6]; i++) {
        unsigned d = (unsigned char)fb[6][i] - '0';
        if (d <= 9) {
            if (nfrac >= 0) {
                if (++nfrac > 2)
                    return 0;
                fp = fp * 10 + d;
            } else if (++ndig > 12)
                return 0;
            else
                ip = ip * 10 + d;
        } else if (fb[6][i] == '.' && nfrac < 0)
            nfrac = 0;
        else
            return 0;
    }
    if (fl[6]) {
        if (!ndig && nfrac <= 0)
            return 0;
        for (; nfrac < 2; nfrac++)
            fp *= 10;
        l.amount = ip * c->b->input_scale + fp * (c->b->input_scale / 100);
        /* yu_money_add: c->sum and the amount are >= 0 */
        if (l.amount > YU_MONEY_SUM_MAX || c->sum > YU_MONEY_SUM_MAX - l.amount)
            return 0;
        c->sum += l.amount;
    }
    csv->line = csv->next_line++;
    csv->p = p < end ? p + 1 : end;
    return exp_commit(c, csv, es, &l) ? -1 : 1;
}

/* row_fn adaptor: the state rides in a static-free way through ctx */
typedef struct ctx_exp {
    ctx base;
    exp_state es;
} ctx_exp;

static int row_exp(ctx *c, yu_csv *csv, colspec *cols)
{
    return row_exp_impl(c, csv, cols, &((ctx_exp *)c)->es);
}

static int fast_exp(ctx *c, yu_csv *csv, colspec *cols)
{
    return fast_exp_impl(c, csv, cols, &((ctx_exp *)c)->es);
}

static void undo_exp(ctx *c)
{
    exp_state *es = &((ctx_exp *)c)->es;
    c->b->nlines = 0;
    c->sum = es->sum0;
    free(es->d.lineno);
    memset(&es->d, 0, sizeof es->d);
}

/* ---- prior.csv ---- */

static int row_prior(ctx *c, yu_csv *csv, colspec *cols)
{
    yu_prior p;
    if (func_code(c, csv, &cols[0], &p.func))
        return -1;
    if (yu__load_amount(c, csv, &cols[1], 0, &p.executed))
        return -1;
    if (cols[2].idx >= 0 && *yu__load_field(csv, &cols[2])) {
        if (yu__load_amount(c, csv, &cols[2], 0, &p.executed_ex))
            return -1;
        if (p.executed_ex > p.executed)
            return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[2].idx + 1,
                                "executed_ex is larger than executed: expected 扣除中央基建投资后执行数 <= 执行数"),
                   -1;
    } else
        p.executed_ex = p.executed;
    for (size_t i = 0; i < c->b->nprior; i++)
        if (c->b->prior[i].func == p.func)
            return yu_error_set(c->err, YU_EDUP, c->path, csv->line, cols[0].idx + 1,
                                "项 %u is given twice", p.func),
                   -1;
    if (yu_budget_add_prior(c->b, &p))
        return yu_error_set(c->err, YU_ENOMEM, c->path, csv->line, 0, "out of memory"), -1;
    return 0;
}

/* ---- sangong.csv ---- */

static int row_sangong(ctx *c, yu_csv *csv, colspec *cols)
{
    const char *item = yu__load_field(csv, &cols[0]);
    int k = yu_sangong_parse(item);
    if (k < 0)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[0].idx + 1,
                            "unknown item '%s': expected abroad, car_buy, car_run, reception or office", item),
               -1;
    yu_money v, pv = 0;
    if (yu__load_amount(c, csv, &cols[1], 0, &v))
        return -1;
    if (cols[2].idx >= 0 && *yu__load_field(csv, &cols[2])) {
        if (yu__load_amount(c, csv, &cols[2], 0, &pv))
            return -1;
        c->b->has_sangong_prior = 1;
    }
    c->b->sangong[k] = v;
    c->b->sangong_prior[k] = pv;
    return 0;
}

/* A project's fields after its id and name (row_project): 0, or -1 with the error set. */
static int project_fields(ctx *c, yu_csv *csv, colspec *cols, yu_project *p)
{
    p->department = yu__load_field(csv, &cols[2]);
    p->implementer = yu__load_field(csv, &cols[3]);
    const char *pub = yu__load_field(csv, &cols[4]);
    if (*pub && strcmp(pub, "0") && strcmp(pub, "1"))
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[4].idx + 1,
                            "publish '%s': expected 1 or 0", pub),
               -1;
    p->publish = *pub == '1';
    const char *es = yu__load_field(csv, &cols[5]);
    p->exec_score = 10;
    if (*es) {
        char *end;
        long v = strtol(es, &end, 10);
        if (*end || v < 0 || v > 100)
            return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[5].idx + 1,
                                "exec_score '%s': expected a whole number from 0 to 100", es),
                   -1;
        p->exec_score = (int)v;
    }
    p->goal = yu__load_field(csv, &cols[6]);
    for (int k = 0; k < 6; k++) /* 项目经费情况说明 */
        p->text[k] = cols[7 + k].idx >= 0 ? yu__load_field(csv, &cols[7 + k]) : "";
    /* the form's words: 项目性质, 项目类别, 计划开始/完成日期 (real dates, in order), 项目总目标 */
    for (int k = 0; k < YU_PROJECT_FORM_NTEXTS; k++)
        *yu_project_form_text(p, k) = cols[13 + k].idx >= 0 ? yu__load_field(csv, &cols[13 + k]) : "";
    int d[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        const colspec *dc = &cols[15 + k];
        const char *ds = k ? p->finish : p->start;
        if (*ds && !(d[k] = yu__parse_date(ds)))
            return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, dc->idx + 1,
                                "%s '%s' of project '%s': expected a date YYYY-MM-DD (计划%s日期, e.g. %d-01-01)",
                                dc->name, ds, p->id, k ? "完成" : "开始", c->b->year),
                   -1;
    }
    if (d[0] && d[1] && d[1] < d[0])
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[16].idx + 1,
                            "project '%s' finishes (%s) before it starts (%s): expected 计划完成日期 on or after 计划开始日期",
                            p->id, p->finish, p->start),
               -1;
    /* 项目资金总额 and its parts, in the package's unit */
    int given[3];
    yu_money *lv[3] = {&p->life_total, &p->life_fiscal, &p->life_other};
    for (int k = 0; k < 3; k++) {
        given[k] = cols[18 + k].idx >= 0 && *yu__load_field(csv, &cols[18 + k]);
        if (given[k] && yu__load_amount(c, csv, &cols[18 + k], 1, lv[k]))
            return -1;
    }
    int why = yu__project_life(p, given);
    if (why == 1)
        return yu_error_set(c->err, YU_EMISSING, c->path, csv->line, cols[given[1] ? 19 : 20].idx + 1,
                            "project '%s' gives %s without life_total: expected 项目资金总额 with its parts",
                            p->id, given[1] ? "life_fiscal" : "life_other"),
               -1;
    if (why == 2)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[18].idx + 1,
                            "project '%s': life_fiscal and life_other do not add up to life_total: "
                            "expected 其中：财政资金 + 其他资金 = 项目资金总额",
                            p->id),
               -1;
    return 0;
}

static int row_project(ctx *c, yu_csv *csv, colspec *cols)
{
    yu_project p;
    memset(&p, 0, sizeof p);
    p.id = yu__load_field(csv, &cols[0]);
    p.name = yu__load_field(csv, &cols[1]);
    if (!*p.id)
        return yu_error_set(c->err, YU_EMISSING, c->path, csv->line, cols[0].idx + 1, "empty project id"), -1;
    if (!*p.name)
        return yu_error_set(c->err, YU_EMISSING, c->path, csv->line, cols[1].idx + 1,
                            "project '%s' has no name", p.id),
               -1;
    if (yu_budget_project_index(c->b, p.id) >= 0)
        return yu_error_set(c->err, YU_EDUP, c->path, csv->line, cols[0].idx + 1,
                            "project id '%s' is given twice", p.id),
               -1;
    /* a line with a wrong field still names its project: the lines that refer to it are not
     * reported again as naming none (the package is refused all the same) */
    int rc = project_fields(c, csv, cols, &p);
    if (yu_budget_add_project(c->b, &p))
        return yu_error_set(c->err, YU_ENOMEM, c->path, csv->line, 0, "out of memory"), -1;
    return rc;
}

static int row_indicator(ctx *c, yu_csv *csv, colspec *cols)
{
    yu_indicator x;
    memset(&x, 0, sizeof x);
    const char *pj = yu__load_field(csv, &cols[0]);
    x.project = yu_budget_project_index(c->b, pj);
    if (x.project < 0)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[0].idx + 1,
                            "unknown project '%s': expected an id from projects.csv", pj),
               -1;
    x.level1 = yu__load_field(csv, &cols[1]);
    static const char *const l1[] = {"产出指标", "效益指标", "满意度指标", "成本指标"};
    int ok = 0;
    for (int i = 0; i < 4; i++)
        if (!strcmp(x.level1, l1[i]))
            ok = 1;
    if (!ok)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[1].idx + 1,
                            "一级指标 '%s': expected 产出指标, 效益指标, 满意度指标 or 成本指标", x.level1),
               -1;
    x.level2 = yu__load_field(csv, &cols[2]);
    x.level3 = yu__load_field(csv, &cols[3]);
    if (!*x.level2 || !*x.level3)
        return yu_error_set(c->err, YU_EMISSING, c->path, csv->line, !*x.level2 ? cols[2].idx + 1 : cols[3].idx + 1,
                            "empty %s: every indicator needs 二级指标 and 三级指标", !*x.level2 ? "level2" : "level3"),
               -1;
    x.value = yu__load_field(csv, &cols[4]);
    const char *w = yu__load_field(csv, &cols[5]);
    yu_money wv;
    const char *why;
    if (yu_money_parse(w, strlen(w), 100, &wv, &why) || wv < 0)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[5].idx + 1,
                            "weight '%s': expected a number >= 0 with at most two decimals", w),
               -1;
    if (wv > YU_WEIGHT_MAX) /* points out of 100: the project's weights are added up */
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[5].idx + 1,
                            "weight '%s': expected the indicator's points (at most %d)", w, YU_WEIGHT_MAX / 100),
               -1;
    x.weight = wv;
    x.line = csv->line;
    if (yu_budget_add_indicator(c->b, &x))
        return yu_error_set(c->err, YU_ENOMEM, c->path, csv->line, 0, "out of memory"), -1;
    return 0;
}

static int row_note(ctx *c, yu_csv *csv, colspec *cols)
{
    const char *k = yu__load_field(csv, &cols[0]);
    const char *t = yu__load_field(csv, &cols[1]);
    int ok = !strcmp(k, "gpb_change") || !strcmp(k, "basic") || !strcmp(k, "sangong") ||
             !strcmp(k, "perf") || !strcmp(k, "other") || yu_note_sangong_item(k);
    if (!strncmp(k, "func:", 5) || !strncmp(k, "purpose:", 8)) {
        const char *code = strchr(k, ':') + 1;
        ok = strlen(code) == 7 && yu_catalog_name(c->func, code);
        if (!ok)
            return yu_error_set(c->err, YU_ECODE, c->path, csv->line, cols[0].idx + 1,
                                "key '%s': expected %.*s followed by a 7-digit 功能分类 项 code in the catalogue", k,
                                (int)(code - k), k),
                   -1;
    }
    if (!ok)
        return yu_error_set(c->err, YU_EVALUE, c->path, csv->line, cols[0].idx + 1,
                            "unknown key '%s': expected gpb_change, func:CODE, purpose:CODE, basic, sangong, "
                            "sangong:abroad|car|car_buy|car_run|reception, perf or other", k),
               -1;
    if (yu_budget_note(c->b, k))
        return yu_error_set(c->err, YU_EDUP, c->path, csv->line, cols[0].idx + 1, "key '%s' is given twice", k), -1;
    if (yu_budget_add_note(c->b, k, t))
        return yu_error_set(c->err, YU_ENOMEM, c->path, csv->line, 0, "out of memory"), -1;
    return 0;
}

yu_status yu_load_package(const char *dir, const yu_catalog *func, const yu_catalog *econ,
                          yu_budget **out, yu_error *err)
{
    return yu_load_package_all(dir, func, econ, out, NULL, err);
}

yu_status yu_load_package_all(const char *dir, const yu_catalog *func, const yu_catalog *econ,
                              yu_budget **out, yu_errors *errs, yu_error *err)
{
    yu_error_clear(err);
    *out = NULL;
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return yu_error_set(err, YU_EIO, dir, 0, 0,
                            "not a directory: expected a budget package directory (docs/format.md)");
    ctx_exp cx;
    memset(&cx, 0, sizeof cx);
    ctx *c = &cx.base;
    c->dir = dir;
    c->func = func;
    c->econ = econ;
    c->err = err;
    c->errs = errs;
    c->b = yu_budget_new();
    if (!c->b)
        return yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory");

    colspec funds[] = {{"item", 1, -1}, {"amount", 1, -1}, {"prior", 0, -1}};
    colspec exp[] = {{"func", 1, -1}, {"type", 1, -1}, {"source", 1, -1}, {"econ", 0, -1},
                     {"project", 0, -1}, {"jijian", 0, -1}, {"amount", 1, -1}};
    colspec prior[] = {{"func", 1, -1}, {"executed", 1, -1}, {"executed_ex", 0, -1}};
    colspec sg[] = {{"item", 1, -1}, {"amount", 1, -1}, {"prior", 0, -1}};
    colspec proc[] = {{"item", 1, -1}, {"amount", 1, -1}};
    colspec assets[] = {{"category", 1, -1}, {"name", 1, -1}, {"count", 1, -1}, {"purchase", 0, -1}, {"as_of", 0, -1}};
    colspec units[] = {{"name", 1, -1}, {"kind", 1, -1}};
    colspec perf[] = {{"units", 1, -1}, {"projects", 1, -1}, {"amount", 1, -1}};
    colspec projects[] = {{"id", 1, -1}, {"name", 1, -1}, {"department", 0, -1}, {"implementer", 0, -1},
                          {"publish", 0, -1}, {"exec_score", 0, -1}, {"goal", 0, -1},
                          {"overview", 0, -1}, {"basis", 0, -1}, {"subject", 0, -1}, {"plan", 0, -1},
                          {"period", 0, -1}, {"schedule", 0, -1},
                          /* the 财政项目支出绩效目标填报表's words and whole-life funds */
                          {"nature", 0, -1}, {"category", 0, -1}, {"start", 0, -1}, {"finish", 0, -1},
                          {"life_goal", 0, -1}, {"life_total", 0, -1}, {"life_fiscal", 0, -1}, {"life_other", 0, -1}};
    colspec inds[] = {{"project", 1, -1}, {"level1", 1, -1}, {"level2", 1, -1}, {"level3", 1, -1},
                      {"value", 1, -1}, {"weight", 1, -1}};
    colspec notes[] = {{"key", 1, -1}, {"text", 1, -1}};

#define N(a) (sizeof(a) / sizeof(a)[0])
    /* a bitmap of the catalogue's 项 codes makes checking 10^7 codes cheap */
    c->fbits = calloc(1000000 / 8 + 1, 1);
    for (size_t i = 0; c->fbits && i < yu_catalog_size(func); i++) {
        const char *code, *name;
        yu_catalog_at(func, i, &code, &name);
        if (strlen(code) == 7 && code[0] == '2') {
            uint32_t v = (uint32_t)strtoul(code, NULL, 10) - 2000000;
            c->fbits[v >> 3] |= (uint8_t)(1u << (v & 7));
        }
    }
    c->ebits = calloc(70000 / 8 + 1, 1);
    for (size_t i = 0; c->ebits && i < yu_catalog_size(econ); i++) {
        const char *code, *name;
        yu_catalog_at(econ, i, &code, &name);
        uint32_t v = (uint32_t)strtoul(code, NULL, 10);
        if (strlen(code) == 5 && v >= 30000 && v < 100000)
            c->ebits[(v - 30000) >> 3] |= (uint8_t)(1u << ((v - 30000) & 7));
    }
    int rc = 0;
    /* STEP: a file's error stops the load, unless errors are collected (then the next file is read) */
#define STEP(call) do { if (!rc && (call) && !keep_going(c)) rc = -1; } while (0)
    STEP(load_unit(c));
    if (!c->b->input_scale)
        c->b->input_scale = YU_FEN_PER_WAN; /* amount_unit was wrong: read on in 万元 to find the other errors */
    STEP(load_text(c, "functions.txt", &c->b->functions));
    STEP(load_text(c, "organisation.txt", &c->b->organisation));
    STEP(load_csv(c, "funds.csv", 1, funds, N(funds), row_fund));
    STEP(load_csv(c, "projects.csv", 0, projects, N(projects), row_project));
    size_t before_exp = c->nerr;
    cx.es.sum0 = c->sum;
    STEP(load_csv_fast(c, "expenditure.csv", 1, exp, N(exp), row_exp, fast_exp, undo_exp));
    if (!rc && c->nerr == before_exp) {
        char ep[1100];
        snprintf(ep, sizeof ep, "%s", c->path);
        STEP(check_dups(c, ep, &cx.es.d));
    }
    STEP(load_csv(c, "prior.csv", 0, prior, N(prior), row_prior));
    STEP(load_csv(c, "sangong.csv", 0, sg, N(sg), row_sangong));
    STEP(load_csv(c, "procurement.csv", 0, proc, N(proc), yu__row_proc) || yu__check_proc(c));
    STEP(load_csv(c, "assets.csv", 0, assets, N(assets), yu__row_asset));
    STEP(load_csv(c, "units.csv", 0, units, N(units), yu__row_unit));
    STEP(load_csv(c, "perf.csv", 0, perf, N(perf), yu__row_perf));
    STEP(load_csv(c, "indicators.csv", 0, inds, N(inds), row_indicator));
    STEP(load_csv(c, "notes.csv", 0, notes, N(notes), row_note));
#undef STEP
#undef N
    if (c->nerr && (!err || err->status != YU_ENOMEM)) {
        /* errors were collected: err is the first of them */
        if (err)
            *err = c->first;
        rc = -1;
    }
    free(c->fbits);
    free(c->ebits);
    free(cx.es.d.lineno);
    free(cx.es.fs.proj);
    if (!rc)
        yu__perf_fill(c->b); /* no perf.csv: the summary of the projects that set 绩效目标 */
    if (!rc && !c->b->template_id && !(c->b->template_id = yu_strdup("central-budget")))
        { yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory"); rc = -1; }
    if (!rc && yu_budget_check_balance(c->b, err) != YU_OK) {
        char *p = yu_path_join(dir, err->file);
        if (p) {
            snprintf(err->file, sizeof err->file, "%s", p);
            free(p);
        }
        rc = -1;
    }
    if (!rc && yu_load_year(dir, c->b, econ, err) != YU_OK) /* the rest of the year (load_year.c) */
        rc = -1;
    if (rc) {
        yu_budget_free(c->b);
        return err && err->status ? err->status : YU_EVALUE;
    }
    *out = c->b;
    return YU_OK;
}
