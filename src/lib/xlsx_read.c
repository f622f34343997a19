/* Reading any workbook (libzip + libxml2): the yu_xlsx_* reader.
 *
 * The reader keeps what a budget reader and the golden tests need: every
 * cell's value (shared strings, inline strings, numbers as stored, cached
 * formula results, booleans, errors), its number format and whether its font
 * is bold, and the merged ranges.  Sheets are parsed with libxml2's streaming
 * reader, so a sheet of a million rows does not become a tree in memory.
 * The input workbook as a budget is load_xlsx.c. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#include <errno.h>
#include <math.h>
#include <zip.h>
#include <libxml/xmlreader.h>
#include "yusuan/xlsx.h"
#include "xlsx_internal.h"
#include "internal.h"

#define PART_MAX ((zip_uint64_t)1 << 30) /* refuse parts larger than 1 GiB uncompressed */
/* ======================================================================
 * The reader
 * ====================================================================== */

typedef struct xsheet_entry {
    char *name;
    char *part;      /* zip entry of its XML, or NULL (chartsheet, missing) */
    int hidden;
    int loaded;
    yu_xsheet s;
    yu_xcell *cells; /* malloc'd */
    yu_xrange *merges;
} xsheet_entry;

struct yu_xlsx {
    zip_t *z;
    char *path;
    yu_arena *a;
    xsheet_entry *sheets;
    size_t nsheets;
    const char **sst;
    size_t nsst;
    const char **xf_fmt; /* number format per cellXfs entry */
    uint8_t *xf_bold;
    size_t nxf;
    const char *wbpart, *stylepart; /* the workbook part and its styles part */
};

static yu_status xset(yu_error *err, yu_status st, const char *path, const char *where,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static yu_status xset(yu_error *err, yu_status st, const char *path, const char *where,
                      const char *fmt, ...)
{
    if (!err)
        return st;
    char msg[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    yu_error_set(err, st, path, 0, 0, "%s", msg);
    snprintf(err->where, sizeof err->where, "%s", where ? where : "");
    return st;
}

char *yu_xlsx_ref(uint32_t row, uint32_t col, char *buf, size_t n)
{
    char letters[8];
    int k = 0;
    uint32_t c = col + 1;
    while (c && k < 7) {
        letters[k++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    char rev[8];
    for (int i = 0; i < k; i++)
        rev[i] = letters[k - 1 - i];
    rev[k] = 0;
    snprintf(buf, n, "%s%lu", rev, (unsigned long)row + 1);
    return buf;
}

/* Parses "AB12" into 0-based row and column; 0 on success. */
static int parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
    uint32_t c = 0, r = 0;
    int nl = 0, nd = 0;
    while (*s == '$')
        s++;
    for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++) {
        int v = (*s >= 'a' ? *s - 'a' : *s - 'A') + 1;
        c = c * 26 + (uint32_t)v;
        if (++nl > 3)
            return -1;
    }
    while (*s == '$')
        s++;
    for (; *s >= '0' && *s <= '9'; s++) {
        r = r * 10 + (uint32_t)(*s - '0');
        if (++nd > 7)
            return -1;
    }
    if (*s || !nl || !nd || c > 16384 || r < 1 || r > 1048576)
        return -1;
    *row = r - 1;
    *col = c - 1;
    return 0;
}

/* Reads a zip entry; 1 found, 0 absent, -1 error. */
static int read_part(yu_xlsx *x, const char *name, char **data, size_t *len, yu_error *err)
{
    zip_int64_t i = zip_name_locate(x->z, name, ZIP_FL_NOCASE);
    if (i < 0)
        return 0;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(x->z, (zip_uint64_t)i, 0, &st) != 0)
        return xset(err, YU_EFORMAT, x->path, "", "damaged workbook: cannot read %s: %s", name,
                    zip_strerror(x->z)),
               -1;
    if ((st.valid & ZIP_STAT_SIZE) && st.size > PART_MAX)
        return xset(err, YU_ELIMIT, x->path, "", "%s is larger than 1 GiB uncompressed", name), -1;
    zip_file_t *f = zip_fopen_index(x->z, (zip_uint64_t)i, 0);
    if (!f)
        return xset(err, YU_EFORMAT, x->path, "", "damaged workbook: cannot read %s: %s", name,
                    zip_strerror(x->z)),
               -1;
    yu_buf b;
    yu_buf_init(&b, (size_t)PART_MAX);
    char chunk[65536];
    zip_int64_t n;
    while ((n = zip_fread(f, chunk, sizeof chunk)) > 0)
        if (yu_buf_add(&b, chunk, (size_t)n)) {
            zip_fclose(f);
            yu_buf_free(&b);
            return xset(err, b.len >= PART_MAX ? YU_ELIMIT : YU_ENOMEM, x->path, "",
                        "%s: out of memory or larger than 1 GiB", name),
                   -1;
        }
    if (n < 0) {
        xset(err, YU_EFORMAT, x->path, "", "damaged workbook: cannot read %s: %s", name,
             zip_file_strerror(f));
        zip_fclose(f);
        yu_buf_free(&b);
        return -1;
    }
    zip_fclose(f);
    if (!b.p) {
        b.p = malloc(1);
        if (!b.p)
            return xset(err, YU_ENOMEM, x->path, "", "out of memory"), -1;
        b.p[0] = 0;
    }
    *len = b.len;
    *data = b.p;
    return 1;
}

/* ---- libxml2 helpers ---- */

typedef struct xml_errs {
    char msg[256];
} xml_errs;

static void xml_error(void *arg, const char *msg, xmlParserSeverities sev, xmlTextReaderLocatorPtr loc)
{
    xml_errs *e = arg;
    if (sev != XML_PARSER_SEVERITY_ERROR && sev != XML_PARSER_SEVERITY_VALIDITY_ERROR)
        return;
    if (!e->msg[0]) {
        int line = loc ? xmlTextReaderLocatorLineNumber(loc) : 0;
        snprintf(e->msg, sizeof e->msg, "line %d: %s", line, msg ? msg : "error");
        size_t l = strlen(e->msg);
        while (l && (e->msg[l - 1] == '\n' || e->msg[l - 1] == ' '))
            e->msg[--l] = 0;
    }
}

static xmlTextReaderPtr xml_open(const char *data, size_t len, const char *name, xml_errs *e)
{
    e->msg[0] = 0;
    xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, name, NULL,
                                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (r)
        xmlTextReaderSetErrorHandler(r, xml_error, e);
    return r;
}

static const char *lname(xmlTextReaderPtr r)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n ? (const char *)n : "";
}

/* Copies the value of the attribute with local name `local` into buf ("" when absent). */
static const char *attr(xmlTextReaderPtr r, const char *local, char *buf, size_t n)
{
    buf[0] = 0;
    if (xmlTextReaderMoveToFirstAttribute(r) == 1) {
        do {
            const xmlChar *ln = xmlTextReaderConstLocalName(r);
            if (ln && !strcmp((const char *)ln, local)) {
                const xmlChar *v = xmlTextReaderConstValue(r);
                snprintf(buf, n, "%s", v ? (const char *)v : "");
                break;
            }
        } while (xmlTextReaderMoveToNextAttribute(r) == 1);
        xmlTextReaderMoveToElement(r);
    }
    return buf;
}

/* Same, into the arena (attributes may be long: sheet names, paths). */
static char *attr_dup(yu_arena *a, xmlTextReaderPtr r, const char *local)
{
    char *res = NULL;
    if (xmlTextReaderMoveToFirstAttribute(r) == 1) {
        do {
            const xmlChar *ln = xmlTextReaderConstLocalName(r);
            if (ln && !strcmp((const char *)ln, local)) {
                const xmlChar *v = xmlTextReaderConstValue(r);
                res = yu_arena_strdup(a, v ? (const char *)v : "");
                break;
            }
        } while (xmlTextReaderMoveToNextAttribute(r) == 1);
        xmlTextReaderMoveToElement(r);
    }
    return res;
}

static int is_text_node(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes Excel's _xHHHH_ escapes (control characters, and _x005F_ for '_') in place. */
static void decode_x(char *s, size_t *len)
{
    if (!memchr(s, '_', *len))
        return;
    size_t w = 0;
    for (size_t i = 0; i < *len;) {
        if (s[i] == '_' && i + 7 <= *len && s[i + 1] == 'x' && s[i + 6] == '_') {
            int ok = 1;
            uint32_t cp = 0;
            for (int k = 2; k < 6; k++) {
                int h = hexval(s[i + k]);
                if (h < 0)
                    ok = 0;
                else
                    cp = cp * 16 + (uint32_t)h;
            }
            if (ok) {
                w += (size_t)yu_utf8_encode(cp, s + w);
                i += 7;
                continue;
            }
        }
        s[w++] = s[i++];
    }
    s[w] = 0;
    *len = w;
}

/* ---- package structure ---- */

typedef struct rel {
    char *id, *type, *target;
} rel;

/* Reads a .rels part into an arena array. */
static int read_rels(yu_xlsx *x, const char *part, rel **out, size_t *n, yu_error *err)
{
    *out = NULL;
    *n = 0;
    char *data;
    size_t len;
    int r = read_part(x, part, &data, &len, err);
    if (r <= 0)
        return r;
    xml_errs xe;
    xmlTextReaderPtr rd = xml_open(data, len, part, &xe);
    if (!rd) {
        free(data);
        return xset(err, YU_ENOMEM, x->path, "", "out of memory"), -1;
    }
    size_t cap = 0;
    rel *v = NULL;
    int ret;
    while ((ret = xmlTextReaderRead(rd)) == 1) {
        if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT || strcmp(lname(rd), "Relationship"))
            continue;
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            rel *nv = yu_arena_alloc(x->a, nc * sizeof *nv);
            if (!nv)
                break;
            if (v)
                memcpy(nv, v, *n * sizeof *nv);
            v = nv;
            cap = nc;
        }
        v[*n].id = attr_dup(x->a, rd, "Id");
        v[*n].type = attr_dup(x->a, rd, "Type");
        v[*n].target = attr_dup(x->a, rd, "Target");
        if (v[*n].id && v[*n].target)
            (*n)++;
    }
    xmlFreeTextReader(rd);
    free(data);
    if (ret < 0)
        return xset(err, YU_EFORMAT, x->path, "", "damaged workbook: %s is not XML (%s)", part,
                    xe.msg[0] ? xe.msg : "parse error"),
               -1;
    *out = v;
    return 1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

void yu_xlsx_resolve(const char *base, const char *target, char *res, size_t rn)
{
    char buf[1024];
    if (target[0] == '/')
        snprintf(buf, sizeof buf, "%s", target + 1);
    else {
        const char *slash = strrchr(base, '/');
        int dl = slash ? (int)(slash - base + 1) : 0;
        snprintf(buf, sizeof buf, "%.*s%s", dl, base, target);
    }
    /* normalise "a/b/../c" and "./" */
    char out[1024];
    size_t w = 0;
    const char *p = buf;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (w) {
                w--; /* drop the '/' ending the previous segment */
                while (w && out[w - 1] != '/')
                    w--;
            }
        } else if (!(n == 1 && p[0] == '.') && n) {
            if (w + n + 2 >= sizeof out)
                break;
            memcpy(out + w, p, n);
            w += n;
            if (e)
                out[w++] = '/';
        }
        p = e ? e + 1 : p + n;
    }
    out[w] = 0;
    snprintf(res, rn, "%s", out);
}

/* Resolves a relationship target against the directory of `base` ("xl/workbook.xml"). */
static char *resolve(yu_arena *a, const char *base, const char *target)
{
    char out[1024];
    yu_xlsx_resolve(base, target, out, sizeof out);
    return yu_arena_strdup(a, out);
}

static int read_workbook(yu_xlsx *x, const char *wbpart, yu_error *err)
{
    char *data;
    size_t len;
    int r = read_part(x, wbpart, &data, &len, err);
    if (r < 0)
        return -1;
    if (r == 0)
        return xset(err, YU_EFORMAT, x->path, "",
                    "not an .xlsx workbook: the zip archive has no %s (expected a workbook written by Excel, WPS or LibreOffice)",
                    wbpart),
               -1;
    char relpart[1100];
    const char *slash = strrchr(wbpart, '/');
    snprintf(relpart, sizeof relpart, "%.*s_rels/%s.rels", slash ? (int)(slash - wbpart + 1) : 0, wbpart,
             slash ? slash + 1 : wbpart);
    rel *rels;
    size_t nrels;
    if (read_rels(x, relpart, &rels, &nrels, err) < 0) {
        free(data);
        return -1;
    }
    xml_errs xe;
    xmlTextReaderPtr rd = xml_open(data, len, wbpart, &xe);
    if (!rd) {
        free(data);
        return xset(err, YU_ENOMEM, x->path, "", "out of memory"), -1;
    }
    size_t cap = 0;
    int ret;
    while ((ret = xmlTextReaderRead(rd)) == 1) {
        if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT || strcmp(lname(rd), "sheet"))
            continue;
        if (x->nsheets == cap) {
            size_t nc = cap ? cap * 2 : 16;
            xsheet_entry *nv = realloc(x->sheets, nc * sizeof *nv);
            if (!nv)
                break;
            x->sheets = nv;
            cap = nc;
        }
        xsheet_entry *e = &x->sheets[x->nsheets];
        memset(e, 0, sizeof *e);
        e->name = attr_dup(x->a, rd, "name");
        char *rid = attr_dup(x->a, rd, "id");
        char *state = attr_dup(x->a, rd, "state");
        if (!e->name)
            continue;
        e->hidden = state && (!strcmp(state, "hidden") || !strcmp(state, "veryHidden"));
        for (size_t i = 0; rid && i < nrels; i++)
            if (!strcmp(rels[i].id, rid) && (!rels[i].type || ends_with(rels[i].type, "/worksheet")))
                e->part = resolve(x->a, wbpart, rels[i].target);
        x->nsheets++;
    }
    xmlFreeTextReader(rd);
    free(data);
    if (ret < 0)
        return xset(err, YU_EFORMAT, x->path, "", "damaged workbook: %s is not XML (%s)", wbpart,
                    xe.msg[0] ? xe.msg : "parse error"),
               -1;
    /* shared strings and styles */
    const char *sstpart = NULL, *stylepart = NULL;
    for (size_t i = 0; i < nrels; i++) {
        if (rels[i].type && ends_with(rels[i].type, "/sharedStrings"))
            sstpart = resolve(x->a, wbpart, rels[i].target);
        if (rels[i].type && ends_with(rels[i].type, "/styles"))
            stylepart = resolve(x->a, wbpart, rels[i].target);
    }
    if (!sstpart)
        sstpart = "xl/sharedStrings.xml";
    if (!stylepart)
        stylepart = "xl/styles.xml";
    x->wbpart = yu_arena_strdup(x->a, wbpart);
    x->stylepart = stylepart;
    if (!x->wbpart)
        return xset(err, YU_ENOMEM, x->path, "", "out of memory"), -1;

    /* shared strings: <si> holds <t> or rich runs <r><t>; <rPh> (phonetic) is skipped */
    r = read_part(x, sstpart, &data, &len, err);
    if (r < 0)
        return -1;
    if (r > 0) {
        rd = xml_open(data, len, sstpart, &xe);
        if (!rd) {
            free(data);
            return xset(err, YU_ENOMEM, x->path, "", "out of memory"), -1;
        }
        yu_buf t;
        yu_buf_init(&t, 0);
        size_t scap = 0;
        int in_si = 0, in_t = 0, in_rph = 0, oom = 0;
        while ((ret = xmlTextReaderRead(rd)) == 1 && !oom) {
            int type = xmlTextReaderNodeType(rd);
            if (type == XML_READER_TYPE_ELEMENT) {
                const char *n = lname(rd);
                int empty = xmlTextReaderIsEmptyElement(rd);
                if (!strcmp(n, "si")) {
                    in_si = 1;
                    t.len = 0;
                    if (t.p)
                        t.p[0] = 0;
                    if (!empty)
                        continue;
                    in_si = 0;
                    /* an empty <si/>: falls through to push "" */
                } else if (!strcmp(n, "t") && in_si && !in_rph) {
                    in_t = !empty;
                    continue;
                } else if (!strcmp(n, "rPh") && in_si) {
                    in_rph = !empty;
                    continue;
                } else
                    continue;
            } else if (type == XML_READER_TYPE_END_ELEMENT) {
                const char *n = lname(rd);
                if (!strcmp(n, "t"))
                    in_t = 0;
                else if (!strcmp(n, "rPh"))
                    in_rph = 0;
                if (strcmp(n, "si"))
                    continue;
                in_si = 0;
            } else {
                if (is_text_node(type) && in_si && in_t && !in_rph) {
                    const xmlChar *v = xmlTextReaderConstValue(rd);
                    if (v && yu_buf_puts(&t, (const char *)v))
                        oom = 1;
                }
                continue;
            }
            /* end of an <si>: push it */
            if (x->nsst == scap) {
                size_t nc = scap ? scap * 2 : 256;
                const char **nv = realloc(x->sst, nc * sizeof *nv);
                if (!nv) {
                    oom = 1;
                    break;
                }
                x->sst = nv;
                scap = nc;
            }
            size_t l = t.len;
            char *s = yu_arena_strndup(x->a, t.p ? t.p : "", l);
            if (!s) {
                oom = 1;
                break;
            }
            decode_x(s, &l);
            x->sst[x->nsst++] = s;
        }
        yu_buf_free(&t);
        xmlFreeTextReader(rd);
        free(data);
        if (oom)
            return xset(err, YU_ENOMEM, x->path, "", "out of memory"), -1;
        if (ret < 0)
            return xset(err, YU_EFORMAT, x->path, "", "damaged workbook: %s is not XML (%s)", sstpart,
                        xe.msg[0] ? xe.msg : "parse error"),
                   -1;
    }

    /* styles: number formats and bold fonts of the cellXfs */
    r = read_part(x, stylepart, &data, &len, err);
    if (r < 0)
        return -1;
    if (r > 0) {
        rd = xml_open(data, len, stylepart, &xe);
        if (!rd) {
            free(data);
            return xset(err, YU_ENOMEM, x->path, "", "out of memory"), -1;
        }
        struct { int id; char *code; } *fmts = NULL;
        size_t nfmts = 0, fcap = 0, nfonts = 0, boldcap = 0, xcap = 0;
        uint8_t *fontbold = NULL;
        int *xfmt = NULL, *xfont = NULL;
        int in_fonts = 0, in_font = 0, in_xfs = 0, oom = 0;
        char buf[64];
        while ((ret = xmlTextReaderRead(rd)) == 1 && !oom) {
            int type = xmlTextReaderNodeType(rd);
            const char *n = lname(rd);
            if (type == XML_READER_TYPE_END_ELEMENT) {
                if (!strcmp(n, "fonts"))
                    in_fonts = 0;
                else if (!strcmp(n, "font"))
                    in_font = 0;
                else if (!strcmp(n, "cellXfs"))
                    in_xfs = 0;
                continue;
            }
            if (type != XML_READER_TYPE_ELEMENT)
                continue;
            int empty = xmlTextReaderIsEmptyElement(rd);
            if (!strcmp(n, "numFmt")) {
                if (nfmts == fcap) {
                    size_t nc = fcap ? fcap * 2 : 16;
                    void *nv = realloc(fmts, nc * sizeof *fmts);
                    if (!nv) {
                        oom = 1;
                        break;
                    }
                    fmts = nv;
                    fcap = nc;
                }
                fmts[nfmts].id = (int)strtol(attr(rd, "numFmtId", buf, sizeof buf), NULL, 10);
                fmts[nfmts].code = attr_dup(x->a, rd, "formatCode");
                if (fmts[nfmts].code)
                    nfmts++;
            } else if (!strcmp(n, "fonts"))
                in_fonts = !empty;
            else if (!strcmp(n, "font") && in_fonts) {
                if (nfonts == boldcap) {
                    size_t nc = boldcap ? boldcap * 2 : 16;
                    uint8_t *nv = realloc(fontbold, nc);
                    if (!nv) {
                        oom = 1;
                        break;
                    }
                    fontbold = nv;
                    boldcap = nc;
                }
                fontbold[nfonts++] = 0;
                in_font = !empty;
            } else if (!strcmp(n, "b") && in_font && nfonts) {
                attr(rd, "val", buf, sizeof buf);
                fontbold[nfonts - 1] = !(!strcmp(buf, "0") || !strcmp(buf, "false"));
            } else if (!strcmp(n, "cellXfs"))
                in_xfs = !empty;
            else if (!strcmp(n, "xf") && in_xfs) {
                if (x->nxf == xcap) {
                    size_t nc = xcap ? xcap * 2 : 32;
                    int *a1 = realloc(xfmt, nc * sizeof *a1);
                    if (a1)
                        xfmt = a1;
                    int *a2 = a1 ? realloc(xfont, nc * sizeof *a2) : NULL;
                    if (!a2) {
                        oom = 1;
                        break;
                    }
                    xfont = a2;
                    xcap = nc;
                }
                xfmt[x->nxf] = (int)strtol(attr(rd, "numFmtId", buf, sizeof buf), NULL, 10);
                xfont[x->nxf] = (int)strtol(attr(rd, "fontId", buf, sizeof buf), NULL, 10);
                x->nxf++;
            }
        }
        static const struct { int id; const char *code; } builtin[] = {
            {0, "General"}, {1, "0"}, {2, "0.00"}, {3, "#,##0"}, {4, "#,##0.00"}, {9, "0%"},
            {10, "0.00%"}, {11, "0.00E+00"}, {12, "# ?/?"}, {13, "# ?\?/?\?"}, {14, "m/d/yyyy"},
            {15, "d-mmm-yy"}, {16, "d-mmm"}, {17, "mmm-yy"}, {18, "h:mm AM/PM"}, {19, "h:mm:ss AM/PM"},
            {20, "h:mm"}, {21, "h:mm:ss"}, {22, "m/d/yyyy h:mm"}, {37, "#,##0 ;(#,##0)"},
            {38, "#,##0 ;[Red](#,##0)"}, {39, "#,##0.00;(#,##0.00)"}, {40, "#,##0.00;[Red](#,##0.00)"},
            {45, "mm:ss"}, {46, "[h]:mm:ss"}, {47, "mmss.0"}, {48, "##0.0E+0"}, {49, "@"},
        };
        if (!oom && x->nxf) {
            x->xf_fmt = yu_arena_alloc(x->a, x->nxf * sizeof *x->xf_fmt);
            x->xf_bold = yu_arena_alloc(x->a, x->nxf);
            if (!x->xf_fmt || !x->xf_bold)
                oom = 1;
            for (size_t i = 0; !oom && i < x->nxf; i++) {
                const char *code = NULL;
                for (size_t k = 0; k < nfmts && !code; k++)
                    if (fmts[k].id == xfmt[i])
                        code = fmts[k].code;
                for (size_t k = 0; k < sizeof builtin / sizeof builtin[0] && !code; k++)
                    if (builtin[k].id == xfmt[i])
                        code = builtin[k].code;
                x->xf_fmt[i] = code ? code : "General";
                x->xf_bold[i] = xfont[i] >= 0 && (size_t)xfont[i] < nfonts ? fontbold[xfont[i]] : 0;
            }
        }
        if (oom)
            x->nxf = 0;
        free(fmts);
        free(fontbold);
        free(xfmt);
        free(xfont);
        xmlFreeTextReader(rd);
        free(data);
        if (oom)
            return xset(err, YU_ENOMEM, x->path, "", "out of memory"), -1;
        if (ret < 0)
            return xset(err, YU_EFORMAT, x->path, "", "damaged workbook: %s is not XML (%s)", stylepart,
                        xe.msg[0] ? xe.msg : "parse error"),
                   -1;
    }
    return 0;
}

yu_status yu_xlsx_open(const char *path, yu_xlsx **out, yu_error *err)
{
    yu_error_clear(err);
    *out = NULL;
    int ze = 0;
    errno = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &ze);
    if (!z) {
        int e = errno;
        if (ze == ZIP_ER_NOENT || ze == ZIP_ER_OPEN || ze == ZIP_ER_READ)
            return xset(err, YU_EIO, path, "", "cannot open: %s", strerror(e ? e : ENOENT));
        if (ze == ZIP_ER_NOZIP)
            return xset(err, YU_EFORMAT, path, "",
                        "not an .xlsx workbook: the file is not a zip archive (expected a workbook written by Excel, WPS or LibreOffice)");
        zip_error_t zerr;
        zip_error_init_with_code(&zerr, ze);
        yu_status st = xset(err, YU_EFORMAT, path, "", "not an .xlsx workbook: damaged zip archive (%s)",
                            zip_error_strerror(&zerr));
        zip_error_fini(&zerr);
        return st;
    }
    yu_xlsx *x = calloc(1, sizeof *x);
    if (!x || !(x->a = yu_arena_new()) || !(x->path = yu_arena_strdup(x->a, path))) {
        if (x)
            yu_arena_free(x->a);
        free(x);
        zip_discard(z);
        return xset(err, YU_ENOMEM, path, "", "out of memory");
    }
    x->z = z;
    /* the workbook part: _rels/.rels names it (xl/workbook.xml nearly always) */
    rel *rels;
    size_t nrels;
    const char *wb = "xl/workbook.xml";
    if (read_rels(x, "_rels/.rels", &rels, &nrels, err) < 0) {
        yu_xlsx_close(x);
        return err ? err->status : YU_EFORMAT;
    }
    for (size_t i = 0; i < nrels; i++)
        if (rels[i].type && ends_with(rels[i].type, "/officeDocument"))
            wb = resolve(x->a, "", rels[i].target);
    if (read_workbook(x, wb, err)) {
        yu_xlsx_close(x);
        return err ? err->status : YU_EFORMAT;
    }
    *out = x;
    return YU_OK;
}

void yu_xlsx_close(yu_xlsx *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->nsheets; i++) {
        free(x->sheets[i].cells);
        free(x->sheets[i].merges);
    }
    free(x->sheets);
    free(x->sst);
    if (x->z)
        zip_discard(x->z);
    yu_arena_free(x->a);
    free(x);
}

size_t yu_xlsx_nsheets(const yu_xlsx *x)
{
    return x->nsheets;
}

const char *yu_xlsx_sheet_name(const yu_xlsx *x, size_t i)
{
    return i < x->nsheets ? x->sheets[i].name : NULL;
}

const char *yu_xlsx_sheet_part(const yu_xlsx *x, size_t i)
{
    return i < x->nsheets ? x->sheets[i].part : NULL;
}

const char *yu_xlsx_workbook_part(const yu_xlsx *x)
{
    return x->wbpart;
}

const char *yu_xlsx_styles_part(const yu_xlsx *x)
{
    return x->stylepart;
}

int yu_xlsx_parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
    return parse_ref(s, row, col);
}

/* ---- a worksheet ---- */

static int cell_cmp(const void *a, const void *b)
{
    const yu_xcell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

static int merge_cmp(const void *a, const void *b)
{
    const yu_xrange *x = a, *y = b;
    if (x->r1 != y->r1)
        return x->r1 < y->r1 ? -1 : 1;
    return x->c1 < y->c1 ? -1 : x->c1 > y->c1;
}

typedef struct sheet_parse {
    yu_xlsx *x;
    xsheet_entry *e;
    size_t ncells, cap;
    size_t nmerges, mcap;
    uint32_t maxrow, maxcol;
} sheet_parse;

static int push_cell(sheet_parse *p, const yu_xcell *c)
{
    if (p->ncells == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 1024;
        yu_xcell *nv = realloc(p->e->cells, nc * sizeof *nv);
        if (!nv)
            return -1;
        p->e->cells = nv;
        p->cap = nc;
    }
    p->e->cells[p->ncells++] = *c;
    if (c->row + 1 > p->maxrow)
        p->maxrow = c->row + 1;
    if (c->col + 1 > p->maxcol)
        p->maxcol = c->col + 1;
    return 0;
}

static int parse_sheet(yu_xlsx *x, xsheet_entry *e, yu_error *err)
{
    char where[600];
    snprintf(where, sizeof where, "%s", e->name);
    if (!e->part)
        return xset(err, YU_EFORMAT, x->path, where, "sheet '%s' is not a worksheet", e->name), -1;
    char *data;
    size_t len;
    int r = read_part(x, e->part, &data, &len, err);
    if (r < 0)
        return -1;
    if (r == 0)
        return xset(err, YU_EFORMAT, x->path, where, "damaged workbook: the part %s of sheet '%s' is missing",
                    e->part, e->name),
               -1;
    xml_errs xe;
    xmlTextReaderPtr rd = xml_open(data, len, e->part, &xe);
    if (!rd) {
        free(data);
        return xset(err, YU_ENOMEM, x->path, where, "out of memory"), -1;
    }
    sheet_parse p;
    memset(&p, 0, sizeof p);
    p.x = x;
    p.e = e;
    yu_buf v;
    yu_buf_init(&v, 0);
    int in_data = 0, in_c = 0, in_v = 0, in_is = 0, in_t = 0, in_rph = 0, has_v = 0, has_f = 0;
    int64_t cur_row = -1, next_col = 0;
    uint32_t crow = 0, ccol = 0;
    char t[16], s[16], ref[32];
    int rc = 0, ret;
    while (!rc && (ret = xmlTextReaderRead(rd)) == 1) {
        int type = xmlTextReaderNodeType(rd);
        int close_c = 0;
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *n = lname(rd);
            int empty = xmlTextReaderIsEmptyElement(rd);
            if (!strcmp(n, "sheetData"))
                in_data = !empty;
            else if (in_data && !strcmp(n, "row")) {
                attr(rd, "r", ref, sizeof ref);
                if (ref[0]) {
                    long rv = strtol(ref, NULL, 10);
                    if (rv < 1 || rv > 1048576) {
                        rc = xset(err, YU_EFORMAT, x->path, where, "damaged sheet: row number '%s'", ref);
                        break;
                    }
                    cur_row = rv - 1;
                } else
                    cur_row++;
                next_col = 0;
            } else if (in_data && !strcmp(n, "c")) {
                attr(rd, "r", ref, sizeof ref);
                attr(rd, "t", t, sizeof t);
                attr(rd, "s", s, sizeof s);
                if (ref[0]) {
                    if (parse_ref(ref, &crow, &ccol)) {
                        rc = xset(err, YU_EFORMAT, x->path, where, "damaged sheet: cell reference '%s'", ref);
                        break;
                    }
                } else {
                    if (cur_row < 0)
                        cur_row = 0;
                    crow = (uint32_t)cur_row;
                    ccol = (uint32_t)next_col;
                    if (ccol >= 16384) {
                        rc = xset(err, YU_EFORMAT, x->path, where, "damaged sheet: too many columns");
                        break;
                    }
                }
                next_col = (int64_t)ccol + 1;
                in_c = 1;
                has_v = has_f = in_v = in_is = in_t = in_rph = 0;
                v.len = 0;
                if (v.p)
                    v.p[0] = 0;
                close_c = empty;
            } else if (in_c && !strcmp(n, "v")) {
                in_v = !empty;
                has_v = 1;
            } else if (in_c && !strcmp(n, "f"))
                has_f = 1;
            else if (in_c && !strcmp(n, "is")) {
                in_is = !empty;
                has_v = 1;
            } else if (in_is && !strcmp(n, "t") && !in_rph)
                in_t = !empty;
            else if (in_is && !strcmp(n, "rPh"))
                in_rph = !empty;
            else if (!strcmp(n, "mergeCell")) {
                attr(rd, "ref", ref, sizeof ref);
                char *colon = strchr(ref, ':');
                yu_xrange m;
                if (colon) {
                    *colon = 0;
                    if (parse_ref(ref, &m.r1, &m.c1) || parse_ref(colon + 1, &m.r2, &m.c2))
                        colon = NULL;
                }
                if (colon && m.r2 >= m.r1 && m.c2 >= m.c1) {
                    if (p.nmerges == p.mcap) {
                        size_t nc = p.mcap ? p.mcap * 2 : 64;
                        yu_xrange *nv = realloc(e->merges, nc * sizeof *nv);
                        if (!nv) {
                            rc = xset(err, YU_ENOMEM, x->path, where, "out of memory");
                            break;
                        }
                        e->merges = nv;
                        p.mcap = nc;
                    }
                    e->merges[p.nmerges++] = m;
                    if (m.r2 + 1 > p.maxrow)
                        p.maxrow = m.r2 + 1;
                    if (m.c2 + 1 > p.maxcol)
                        p.maxcol = m.c2 + 1;
                    if (m.r2 - m.r1 > e->s.max_span_)
                        e->s.max_span_ = m.r2 - m.r1;
                }
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            const char *n = lname(rd);
            if (!strcmp(n, "sheetData"))
                in_data = 0;
            else if (!strcmp(n, "v"))
                in_v = 0;
            else if (!strcmp(n, "is"))
                in_is = 0;
            else if (!strcmp(n, "t"))
                in_t = 0;
            else if (!strcmp(n, "rPh"))
                in_rph = 0;
            else if (!strcmp(n, "c") && in_c)
                close_c = 1;
        } else if (is_text_node(type) && in_c && (in_v || (in_is && in_t && !in_rph))) {
            const xmlChar *tv = xmlTextReaderConstValue(rd);
            if (tv && yu_buf_puts(&v, (const char *)tv))
                rc = xset(err, YU_ENOMEM, x->path, where, "out of memory");
        }
        if (!close_c || rc)
            continue;
        /* the end of a <c>: its value */
        in_c = 0;
        yu_xcell c;
        memset(&c, 0, sizeof c);
        c.row = crow;
        c.col = ccol;
        c.formula = (uint8_t)has_f;
        c.text = "";
        c.numfmt = "General";
        if (s[0]) {
            unsigned long si = strtoul(s, NULL, 10);
            if (si < x->nxf) {
                c.numfmt = x->xf_fmt[si];
                c.bold = x->xf_bold[si];
            }
        }
        size_t l = v.len;
        const char *val = v.p ? v.p : "";
        if (!strcmp(t, "s")) {
            if (has_v && l) {
                char *end;
                unsigned long k = strtoul(val, &end, 10);
                if (*end || k >= x->nsst) {
                    char cr[16];
                    rc = xset(err, YU_EFORMAT, x->path, where,
                              "damaged sheet: cell %s refers to shared string %s, the workbook has %zu",
                              yu_xlsx_ref(crow, ccol, cr, sizeof cr), val, x->nsst);
                    break;
                }
                c.kind = YU_XC_TEXT;
                c.text = x->sst[k];
            }
        } else if (!strcmp(t, "inlineStr") || !strcmp(t, "str") || !strcmp(t, "d") || !strcmp(t, "e")) {
            if (has_v) {
                char *cp = yu_arena_strndup(x->a, val, l);
                if (!cp) {
                    rc = xset(err, YU_ENOMEM, x->path, where, "out of memory");
                    break;
                }
                if (t[0] != 'e')
                    decode_x(cp, &l);
                c.kind = t[0] == 'e' ? YU_XC_ERROR : YU_XC_TEXT;
                c.text = cp;
            }
        } else if (!strcmp(t, "b")) {
            if (has_v && l) {
                c.kind = YU_XC_BOOL;
                c.num = strtod(val, NULL) != 0;
                c.text = c.num ? "1" : "0";
            }
        } else if (has_v && l) { /* "n" or absent: a number */
            char *tr = yu_arena_strndup(x->a, val, l);
            if (!tr) {
                rc = xset(err, YU_ENOMEM, x->path, where, "out of memory");
                break;
            }
            yu_trim(tr);
            char *end;
            errno = 0;
            c.num = strtod(tr, &end);
            if (*end || !*tr) {
                char cr[16];
                rc = xset(err, YU_EFORMAT, x->path, where, "damaged sheet: cell %s holds '%s' as a number",
                          yu_xlsx_ref(crow, ccol, cr, sizeof cr), tr);
                break;
            }
            c.kind = YU_XC_NUMBER;
            c.text = tr;
        }
        if (push_cell(&p, &c))
            rc = xset(err, YU_ENOMEM, x->path, where, "out of memory");
    }
    if (!rc && ret < 0)
        rc = xset(err, YU_EFORMAT, x->path, where, "damaged workbook: the XML of sheet '%s' (%s) is broken: %s",
                  e->name, e->part, xe.msg[0] ? xe.msg : "parse error");
    yu_buf_free(&v);
    xmlFreeTextReader(rd);
    free(data);
    if (rc)
        return -1;
    /* sort (writers emit cells in order; be safe) and drop duplicates, keeping the last */
    int sorted = 1;
    for (size_t i = 1; i < p.ncells && sorted; i++)
        if (cell_cmp(&e->cells[i - 1], &e->cells[i]) >= 0)
            sorted = 0;
    if (!sorted) {
        /* duplicated references are invalid; one of them is kept */
        qsort(e->cells, p.ncells, sizeof *e->cells, cell_cmp);
        size_t w = 0;
        for (size_t i = 0; i < p.ncells; i++) {
            if (w && cell_cmp(&e->cells[w - 1], &e->cells[i]) == 0)
                w--;
            e->cells[w++] = e->cells[i];
        }
        p.ncells = w;
    }
    if (p.nmerges > 1)
        qsort(e->merges, p.nmerges, sizeof *e->merges, merge_cmp);
    e->s.name = e->name;
    e->s.hidden = e->hidden;
    e->s.cells = e->cells;
    e->s.ncells = p.ncells;
    e->s.merges = e->merges;
    e->s.nmerges = p.nmerges;
    e->s.nrows = p.maxrow;
    e->s.ncols = p.maxcol;
    e->loaded = 1;
    return 0;
}

yu_status yu_xlsx_sheet(yu_xlsx *x, const char *name, const yu_xsheet **out, yu_error *err)
{
    *out = NULL;
    for (size_t i = 0; i < x->nsheets; i++) {
        xsheet_entry *e = &x->sheets[i];
        if (strcmp(e->name, name))
            continue;
        if (!e->loaded && parse_sheet(x, e, err))
            return err ? err->status : YU_EFORMAT;
        *out = &e->s;
        return YU_OK;
    }
    /* a name typed with stray spaces ("支出明细 ") still counts */
    for (size_t i = 0; i < x->nsheets; i++) {
        char *t = yu_strdup(x->sheets[i].name);
        int same = t && !strcmp(yu_trim(t), name);
        free(t);
        if (same)
            return yu_xlsx_sheet(x, x->sheets[i].name, out, err);
    }
    return xset(err, YU_EMISSING, x->path, name, "missing sheet '%s'", name);
}

const yu_xcell *yu_xsheet_cell(const yu_xsheet *s, uint32_t row, uint32_t col)
{
    size_t lo = 0, hi = s->ncells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const yu_xcell *c = &s->cells[mid];
        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->ncells && s->cells[lo].row == row && s->cells[lo].col == col)
        return &s->cells[lo];
    return NULL;
}

const yu_xcell *yu_xsheet_value(const yu_xsheet *s, uint32_t row, uint32_t col)
{
    const yu_xcell *c = yu_xsheet_cell(s, row, col);
    if (c && c->kind != YU_XC_EMPTY)
        return c;
    if (s->nmerges) {
        /* the last merge starting at or above row, then back while one could still cover it */
        size_t lo = 0, hi = s->nmerges;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (s->merges[mid].r1 <= row)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i-- > 0;) {
            const yu_xrange *m = &s->merges[i];
            if (m->r1 + s->max_span_ < row)
                break;
            if (row >= m->r1 && row <= m->r2 && col >= m->c1 && col <= m->c2) {
                if (row == m->r1 && col == m->c1)
                    return NULL;
                const yu_xcell *tl = yu_xsheet_cell(s, m->r1, m->c1);
                return tl && tl->kind != YU_XC_EMPTY ? tl : NULL;
            }
        }
    }
    return NULL;
}
