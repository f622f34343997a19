/* The preparer's workbook annotated: a copy where each error and warning of
 * `yusuan check` is a comment (批注) on its cell and a fill (docs/xlsx.md).
 *
 * The copy is the input's zip package edited in memory with libzip (a
 * buffer source) and libxml2 (trees of the parts touched): the styles get
 * two fills and a clone of each cell style a marked cell had, with the fill;
 * each marked sheet gets its cells' style indexes, a comments part and a VML
 * drawing (or its own are extended), the relationships and the content
 * types.  Every other part is copied as it is. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "yusuan/xlsx.h"
#include "xlsx_internal.h"
#include "internal.h"

#define PART_MAX ((zip_uint64_t)1 << 30)
#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define REL_COMMENTS NS_REL "/comments"
#define REL_VML NS_REL "/vmlDrawing"
#define CT_COMMENTS "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
#define CT_VML "application/vnd.openxmlformats-officedocument.vmlDrawing"
#define FILL_ERROR "FFFFC7CE" /* light red */
#define FILL_WARN "FFFFEB9C"  /* light yellow */
#define AUTHOR "yusuan"

/* One note placed: its sheet, its cell, and the note. */
typedef struct placed {
    size_t sheet;
    uint32_t row, col;
    size_t note;
    int lost; /* its sheet is missing: on A1 of the first sheet, naming it */
} placed;

typedef struct actx {
    const char *in;
    yu_error *err;
    zip_t *z;
    /* styles */
    xmlDocPtr sdoc;
    xmlNodePtr fills, cellxfs;
    xmlNodePtr *xfs;
    size_t nxf, nxf_orig;
    int fill_id[2]; /* error, warning; -1 until added */
    size_t *memo;   /* new style index per (orig, kind), 0 none */
    /* content types */
    xmlDocPtr ctdoc;
} actx;

static yu_status aerr(actx *c, yu_status st, const char *fmt, const char *a, const char *b)
{
    return yu_error_set(c->err, st, c->in, 0, 0, fmt, a ? a : "", b ? b : "");
}

/* ---- zip parts ---- */

/* Reads a part; 1 found, 0 absent, -1 error. */
static int part_read(actx *c, const char *name, char **data, size_t *len)
{
    zip_int64_t i = zip_name_locate(c->z, name, ZIP_FL_NOCASE);
    if (i < 0)
        return 0;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(c->z, (zip_uint64_t)i, 0, &st) || !(st.valid & ZIP_STAT_SIZE) || st.size > PART_MAX) {
        aerr(c, YU_EFORMAT, "damaged workbook: cannot read %s%s", name, NULL);
        return -1;
    }
    char *p = malloc((size_t)st.size + 1);
    zip_file_t *f = p ? zip_fopen_index(c->z, (zip_uint64_t)i, 0) : NULL;
    if (!f) {
        free(p);
        aerr(c, p ? YU_EFORMAT : YU_ENOMEM, p ? "damaged workbook: cannot read %s%s" : "out of memory%s%s",
             p ? name : NULL, NULL);
        return -1;
    }
    zip_int64_t got = zip_fread(f, p, st.size);
    zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        free(p);
        aerr(c, YU_EFORMAT, "damaged workbook: cannot read %s%s", name, NULL);
        return -1;
    }
    p[st.size] = 0;
    *data = p;
    *len = (size_t)st.size;
    return 1;
}

static int part_write(actx *c, const char *name, const char *data, size_t len)
{
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return aerr(c, YU_ENOMEM, "out of memory%s%s", NULL, NULL), -1;
    memcpy(copy, data, len);
    zip_source_t *s = zip_source_buffer(c->z, copy, len, 1);
    if (!s) {
        free(copy);
        return aerr(c, YU_ENOMEM, "out of memory%s%s", NULL, NULL), -1;
    }
    /* the part as the package names it (parts were found ignoring case); a
     * large one (a sheet) deflated fast: libzip keeps an entry's own level
     * when its method does not change, so a large part is a new entry */
    int big = len > ((size_t)1 << 20);
    zip_int64_t at = zip_name_locate(c->z, name, ZIP_FL_NOCASE);
    char stored[1024];
    snprintf(stored, sizeof stored, "%s", at >= 0 ? zip_get_name(c->z, (zip_uint64_t)at, 0) : name);
    if (at >= 0 && big && zip_delete(c->z, (zip_uint64_t)at) == 0)
        at = -1;
    if (at >= 0 ? zip_file_replace(c->z, (zip_uint64_t)at, s, 0) < 0
                : (at = zip_file_add(c->z, stored, s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8)) < 0) {
        zip_source_free(s);
        return aerr(c, YU_EIO, "cannot add %s to the copy: %s", name, zip_strerror(c->z)), -1;
    }
    if (big)
        zip_set_file_compression(c->z, (zip_uint64_t)at, ZIP_CM_DEFLATE, 1);
    return 0;
}

/* Parses a part as XML; NULL (error set) when absent or malformed. */
static xmlDocPtr part_xml(actx *c, const char *name, int *absent)
{
    char *data;
    size_t len;
    int r = part_read(c, name, &data, &len);
    if (absent)
        *absent = r == 0;
    if (r <= 0) {
        if (r == 0 && !absent)
            aerr(c, YU_EFORMAT, "damaged workbook: the part %s is missing%s", name, NULL);
        return NULL;
    }
    if (len > (size_t)0x7fffffff) {
        free(data);
        aerr(c, YU_ELIMIT, "%s is too large to annotate%s", name, NULL);
        return NULL;
    }
    /* HUGE: a sheet is one line of XML (libxlsxwriter, Excel), past libxml2's 10 MB lookahead; COMPACT: less memory */
    xmlDocPtr d = xmlReadMemory(data, (int)len, name, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE | XML_PARSE_COMPACT);
    free(data);
    if (!d)
        aerr(c, YU_EFORMAT, "damaged workbook: %s is not XML%s", name, NULL);
    return d;
}

static int xml_write(actx *c, const char *name, xmlDocPtr d)
{
    xmlChar *buf = NULL;
    int len = 0;
    xmlDocDumpMemoryEnc(d, &buf, &len, "UTF-8");
    if (!buf)
        return aerr(c, YU_ENOMEM, "out of memory%s%s", NULL, NULL), -1;
    int r = part_write(c, name, (const char *)buf, (size_t)len);
    xmlFree(buf);
    return r;
}

/* ---- tree helpers ---- */

static int is_el(xmlNodePtr n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

static xmlNodePtr first_el(xmlNodePtr parent, const char *local)
{
    for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
        if (is_el(n, local))
            return n;
    return NULL;
}

/* An attribute without namespace as a string ("" when absent), copied into buf. */
static const char *prop(xmlNodePtr n, const char *name, char *buf, size_t len)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    snprintf(buf, len, "%s", v ? (const char *)v : "");
    xmlFree(v);
    return buf;
}

static void set_prop_num(xmlNodePtr n, const char *name, unsigned long v)
{
    char b[24];
    snprintf(b, sizeof b, "%lu", v);
    xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)b);
}

static size_t count_el(xmlNodePtr parent, const char *local)
{
    size_t k = 0;
    for (xmlNodePtr n = parent->children; n; n = n->next)
        k += is_el(n, local);
    return k;
}

/* A new element in the namespace of `like` (the part's main namespace). */
static xmlNodePtr new_el(xmlNodePtr like, const char *local)
{
    return xmlNewNode(like ? like->ns : NULL, (const xmlChar *)local);
}

/* ---- styles: a fill per kind, a clone of each cell style with it ---- */

static int styles_open(actx *c, const char *part)
{
    c->sdoc = part_xml(c, part, NULL);
    if (!c->sdoc)
        return -1;
    xmlNodePtr root = xmlDocGetRootElement(c->sdoc);
    c->fills = first_el(root, "fills");
    c->cellxfs = first_el(root, "cellXfs");
    if (!c->fills || !c->cellxfs)
        return aerr(c, YU_EFORMAT, "damaged workbook: %s has no fills or cell formats%s", part, NULL), -1;
    c->nxf = count_el(c->cellxfs, "xf");
    c->nxf_orig = c->nxf;
    c->xfs = calloc(c->nxf ? c->nxf : 1, sizeof *c->xfs);
    c->memo = calloc(2 * (c->nxf ? c->nxf : 1), sizeof *c->memo);
    if (!c->xfs || !c->memo)
        return aerr(c, YU_ENOMEM, "out of memory%s%s", NULL, NULL), -1;
    size_t k = 0;
    for (xmlNodePtr n = c->cellxfs->children; n; n = n->next)
        if (is_el(n, "xf"))
            c->xfs[k++] = n;
    c->fill_id[0] = c->fill_id[1] = -1;
    return 0;
}

static int add_fill(actx *c, const char *rgb)
{
    xmlNodePtr f = new_el(c->fills, "fill");
    xmlNodePtr pf = f ? new_el(c->fills, "patternFill") : NULL;
    if (!pf) {
        xmlFreeNode(f);
        return -1;
    }
    xmlAddChild(f, pf);
    xmlSetProp(pf, (const xmlChar *)"patternType", (const xmlChar *)"solid");
    xmlNodePtr fg = new_el(c->fills, "fgColor"), bg = new_el(c->fills, "bgColor");
    if (fg) {
        xmlSetProp(fg, (const xmlChar *)"rgb", (const xmlChar *)rgb);
        xmlAddChild(pf, fg);
    }
    if (bg) {
        xmlSetProp(bg, (const xmlChar *)"indexed", (const xmlChar *)"64");
        xmlAddChild(pf, bg);
    }
    int id = (int)count_el(c->fills, "fill");
    xmlAddChild(c->fills, f);
    set_prop_num(c->fills, "count", (unsigned long)id + 1);
    return id;
}

/* A copied subtree uses the namespace `ns` of its new parent instead of the
 * declaration the copy brought along (xmlns="…main" on every clone). */
static void ns_to_parent(xmlNodePtr n, xmlNsPtr ns)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE) {
            if (n->ns && n->ns != ns && !n->ns->prefix && !ns->prefix && n->ns->href && ns->href &&
                !xmlStrcmp(n->ns->href, ns->href))
                n->ns = ns;
            ns_to_parent(n->children, ns);
        }
}

static void ns_drop_copies(xmlNodePtr n, xmlNsPtr ns)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE) {
            for (xmlNsPtr *pp = &n->nsDef; *pp;) {
                xmlNsPtr d = *pp;
                if (!d->prefix && d->href && !xmlStrcmp(d->href, ns->href)) {
                    *pp = d->next;
                    d->next = NULL;
                    xmlFreeNs(d);
                } else
                    pp = &d->next;
            }
            ns_drop_copies(n->children, ns);
        }
}

/* The index of the style `orig` with the fill of `kind` (0 error, 1 warning); -1 out of memory. */
static long style_for(actx *c, unsigned long orig, int kind)
{
    if (orig >= c->nxf_orig)
        orig = 0;
    if (!c->nxf_orig) { /* no cell formats at all: one plain xf with the fill */
        if (c->memo[kind])
            return (long)c->memo[kind];
    } else if (c->memo[orig * 2 + (size_t)kind])
        return (long)c->memo[orig * 2 + (size_t)kind];
    if (c->fill_id[kind] < 0 && (c->fill_id[kind] = add_fill(c, kind ? FILL_WARN : FILL_ERROR)) < 0)
        return -1;
    xmlNodePtr x = c->nxf_orig ? xmlDocCopyNode(c->xfs[orig], c->sdoc, 1) : new_el(c->cellxfs, "xf");
    if (!x)
        return -1;
    set_prop_num(x, "fillId", (unsigned long)c->fill_id[kind]);
    xmlSetProp(x, (const xmlChar *)"applyFill", (const xmlChar *)"1");
    xmlAddChild(c->cellxfs, x);
    if (c->cellxfs->ns && c->nxf_orig) {
        xmlNodePtr nx = x->next; /* x alone, not its later siblings */
        x->next = NULL;
        ns_to_parent(x, c->cellxfs->ns);
        ns_drop_copies(x, c->cellxfs->ns);
        x->next = nx;
    }
    size_t idx = c->nxf++;
    set_prop_num(c->cellxfs, "count", (unsigned long)c->nxf);
    c->memo[(c->nxf_orig ? orig * 2 : 0) + (size_t)kind] = idx;
    return (long)idx;
}

/* ---- content types ---- */

static int ct_has(actx *c, const char *el, const char *attr, const char *val)
{
    char b[512];
    for (xmlNodePtr n = xmlDocGetRootElement(c->ctdoc)->children; n; n = n->next)
        if (is_el(n, el) && !strcasecmp(prop(n, attr, b, sizeof b), val))
            return 1;
    return 0;
}

static void ct_add(actx *c, const char *el, const char *attr, const char *val, const char *type)
{
    xmlNodePtr root = xmlDocGetRootElement(c->ctdoc);
    xmlNodePtr n = new_el(root, el);
    if (!n)
        return;
    xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)val);
    xmlSetProp(n, (const xmlChar *)"ContentType", (const xmlChar *)type);
    xmlAddChild(root, n);
}

/* ---- a sheet ---- */

/* ---- the sheet's XML, edited as text ----
 *
 * A sheet may hold a million rows: it is copied through once, tag by tag,
 * changing only the start tags of the marked cells (their style), adding
 * the cells and rows they lack, <legacyDrawing> and the relationships'
 * namespace; everything else is copied byte for byte.  (A tree of a 44 MB
 * sheet took 900 MB.) */

typedef struct mark {
    uint32_t row, col;
    int kind; /* 0 error, 1 warning */
} mark;

typedef struct xtag {
    const char *at, *end; /* '<' and one past '>' */
    const char *name;     /* qualified name */
    size_t nlen;
    int close, empty;     /* </name>, <name/> */
} xtag;

static const char *find(const char *p, const char *e, const char *s)
{
    size_t n = strlen(s);
    for (; p + n <= e; p++)
        if (*p == *s && !memcmp(p, s, n))
            return p;
    return NULL;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* The next element tag from p: 1, 0 at the end, -1 when malformed. */
static int next_tag(const char *p, const char *e, xtag *t)
{
    for (;;) {
        const char *lt = memchr(p, '<', (size_t)(e - p));
        if (!lt)
            return 0;
        if (lt + 1 >= e)
            return -1;
        const char *q;
        if (lt[1] == '?') { /* a processing instruction */
            if (!(q = find(lt, e, "?>")))
                return -1;
            p = q + 2;
            continue;
        }
        if (lt[1] == '!') { /* a comment, CDATA, a declaration */
            if (e - lt >= 4 && !memcmp(lt, "<!--", 4))
                q = find(lt + 4, e, "-->"), p = q ? q + 3 : NULL;
            else if (e - lt >= 9 && !memcmp(lt, "<![CDATA[", 9))
                q = find(lt + 9, e, "]]>"), p = q ? q + 3 : NULL;
            else
                q = memchr(lt, '>', (size_t)(e - lt)), p = q ? q + 1 : NULL;
            if (!p)
                return -1;
            continue;
        }
        t->at = lt;
        t->close = lt[1] == '/';
        const char *n = lt + 1 + t->close, *s = n;
        while (s < e && !is_space(*s) && *s != '>' && *s != '/')
            s++;
        t->name = n;
        t->nlen = (size_t)(s - n);
        char quote = 0;
        for (; s < e; s++) {
            if (quote) {
                if (*s == quote)
                    quote = 0;
            } else if (*s == '"' || *s == '\'')
                quote = *s;
            else if (*s == '>')
                break;
        }
        if (s >= e || !t->nlen)
            return -1;
        t->empty = !t->close && s[-1] == '/';
        t->end = s + 1;
        return 1;
    }
}

static int tag_is(const xtag *t, const char *pfx, size_t pl, const char *local)
{
    size_t ll = strlen(local);
    return t->nlen == pl + ll && !memcmp(t->name, pfx, pl) && !memcmp(t->name + pl, local, ll);
}

/* The attribute `name` of a start tag: [*a0, *a1) the whole of it, [*v, *v + *vl)
 * its value; 0 when absent. */
static int tag_attr(const xtag *t, const char *name, const char **a0, const char **a1, const char **v, size_t *vl)
{
    const char *s = t->name + t->nlen, *e = t->end - 1;
    size_t nl = strlen(name);
    while (s < e) {
        while (s < e && is_space(*s))
            s++;
        const char *an = s;
        while (s < e && *s != '=' && !is_space(*s) && *s != '/')
            s++;
        size_t al = (size_t)(s - an);
        while (s < e && is_space(*s))
            s++;
        if (s >= e || *s != '=') {
            if (s < e)
                s++;
            continue;
        }
        s++;
        while (s < e && is_space(*s))
            s++;
        if (s >= e || (*s != '"' && *s != '\''))
            return 0;
        char q = *s++;
        const char *vs = s;
        while (s < e && *s != q)
            s++;
        if (s >= e)
            return 0;
        s++;
        if (al == nl && !memcmp(an, name, nl)) {
            *a0 = an;
            *a1 = s;
            *v = vs;
            *vl = (size_t)(s - 1 - vs);
            return 1;
        }
    }
    return 0;
}

/* The relationships' namespace prefix declared on the root tag (into pfx), 0 when none. */
static int rel_prefix(const xtag *root, char *pfx, size_t n)
{
    const char *s = root->name + root->nlen, *e = root->end;
    size_t hl = strlen(NS_REL);
    for (const char *q = s; (q = find(q, e, "xmlns:")); q += 6) {
        const char *ne = q + 6, *ns = ne;
        while (ne < e && *ne != '=' && !is_space(*ne))
            ne++;
        const char *v = ne;
        while (v < e && *v != '"' && *v != '\'')
            v++;
        if (v + 1 + hl < e && !memcmp(v + 1, NS_REL, hl) && v[1 + hl] == *v) {
            snprintf(pfx, n, "%.*s", (int)(ne - ns), ns);
            return 1;
        }
    }
    return 0;
}

typedef struct sheet_scan {
    char pfx[32];     /* the main namespace's prefix with its colon ("" or "x:") */
    char rid[256];    /* r:id of the sheet's <legacyDrawing>, "" when none */
} sheet_scan;

/* The prefix of the sheet's elements and its legacyDrawing's r:id; -1 when not a worksheet. */
static int scan_sheet(const char *x, size_t len, sheet_scan *o)
{
    const char *e = x + len, *p = x;
    xtag t, root;
    o->pfx[0] = o->rid[0] = 0;
    if (next_tag(p, e, &root) != 1 || root.close)
        return -1;
    const char *colon = memchr(root.name, ':', root.nlen);
    size_t pl = colon ? (size_t)(colon - root.name + 1) : 0;
    if (pl >= sizeof o->pfx || root.nlen - pl != 9 || memcmp(root.name + pl, "worksheet", 9))
        return -1;
    memcpy(o->pfx, root.name, pl);
    o->pfx[pl] = 0;
    char rp[64], an[80];
    if (!rel_prefix(&root, rp, sizeof rp))
        return 0;
    snprintf(an, sizeof an, "%s:id", rp);
    /* the children after sheetData: depth counted from the root */
    int depth = root.empty ? 0 : 1, r;
    p = root.end;
    while ((r = next_tag(p, e, &t)) == 1) {
        if (t.close)
            depth--;
        else if (depth == 1 && tag_is(&t, o->pfx, pl, "legacyDrawing")) {
            const char *a0, *a1, *v;
            size_t vl;
            if (tag_attr(&t, an, &a0, &a1, &v, &vl) && vl < sizeof o->rid) {
                memcpy(o->rid, v, vl);
                o->rid[vl] = 0;
            }
            return 0;
        } else if (!t.empty)
            depth++;
        p = t.end;
    }
    return r < 0 ? -1 : 0;
}

typedef struct rewriter {
    actx *c;
    yu_buf *o;
    const char *pfx;
    size_t pl;
    const mark *m;
    size_t nm, mi;
    int bad;
    struct { uint32_t c1, c2; unsigned long style; } cols[64]; /* <col min max style>: a new cell's style */
    size_t ncols;
} rewriter;

static void put(rewriter *w, const char *s, size_t n)
{
    w->bad |= yu_buf_add(w->o, s, n);
}

static void puts_(rewriter *w, const char *s)
{
    put(w, s, strlen(s));
}

/* <c r="REF" s="N"/> for mark m. */
static void new_cell(rewriter *w, const mark *m)
{
    char ref[16];
    unsigned long base = 0; /* the column's style (a code column's text format, an amount's) */
    for (size_t i = 0; i < w->ncols; i++)
        if (m->col + 1 >= w->cols[i].c1 && m->col + 1 <= w->cols[i].c2)
            base = w->cols[i].style;
    long st = style_for(w->c, base, m->kind);
    if (st < 0) {
        w->bad = 1;
        return;
    }
    yu_xlsx_ref(m->row, m->col, ref, sizeof ref);
    w->bad |= yu_buf_printf(w->o, "<%sc r=\"%s\" s=\"%ld\"/>", w->pfx, ref, st);
}

/* The marks of row `row` left, as new cells. */
static void rest_of_row(rewriter *w, uint32_t row)
{
    while (w->mi < w->nm && w->m[w->mi].row == row)
        new_cell(w, &w->m[w->mi++]);
}

/* The rows of the marks before row `before` (all when UINT32_MAX), as new rows. */
static void new_rows(rewriter *w, uint32_t before)
{
    while (w->mi < w->nm && w->m[w->mi].row < before) {
        uint32_t r = w->m[w->mi].row;
        w->bad |= yu_buf_printf(w->o, "<%srow r=\"%lu\">", w->pfx, (unsigned long)r + 1);
        rest_of_row(w, r);
        w->bad |= yu_buf_printf(w->o, "</%srow>", w->pfx);
    }
}

/* Copies the sheet x into o with the marks (sorted by row and column, one
 * per cell) and, when rid is given, a <legacyDrawing r:id="rid"/>. */
static int rewrite_sheet(actx *c, const char *part, const char *x, size_t len, const sheet_scan *sc, const mark *m,
                         size_t nm, const char *rid, yu_buf *o)
{
    rewriter w;
    memset(&w, 0, sizeof w);
    w.c = c;
    w.o = o;
    w.pfx = sc->pfx;
    w.pl = strlen(sc->pfx);
    w.m = m;
    w.nm = nm;
    const char *e = x + len, *p = x;
    static const char *const after[] = {"legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                                        "webPublishItems", "tableParts", "extLst"};
    char rp[64] = "r", legacy[400] = "";
    int depth = 0, in_sd = 0, target = 0, seen_sd = 0, r;
    uint32_t prow = (uint32_t)-1, pcol = (uint32_t)-1, trow = 0;
    xtag t;
    while (!w.bad && (r = next_tag(p, e, &t)) == 1) {
        put(&w, p, (size_t)(t.at - p));
        p = t.end;
        if (t.close)
            depth--;
        if (depth == 0 && !t.close && !legacy[0] && rid) { /* the root: the relationships' namespace */
            int have = rel_prefix(&t, rp, sizeof rp);
            if (!have)
                snprintf(rp, sizeof rp, "yur");
            snprintf(legacy, sizeof legacy, "<%slegacyDrawing %s:id=\"%s\"/>", w.pfx, rp, rid);
            if (!have) {
                const char *gt = t.end - 1 - t.empty;
                put(&w, t.at, (size_t)(gt - t.at));
                puts_(&w, " xmlns:yur=\"" NS_REL "\"");
                put(&w, gt, (size_t)(t.end - gt));
                depth += !t.empty;
                continue;
            }
        } else if (depth == 2 && !t.close && !seen_sd && tag_is(&t, w.pfx, w.pl, "col") && w.ncols < 64) {
            const char *a0, *a1, *v;
            size_t vl;
            unsigned long c1 = tag_attr(&t, "min", &a0, &a1, &v, &vl) ? strtoul(v, NULL, 10) : 0;
            unsigned long c2 = tag_attr(&t, "max", &a0, &a1, &v, &vl) ? strtoul(v, NULL, 10) : 0;
            unsigned long st = tag_attr(&t, "style", &a0, &a1, &v, &vl) ? strtoul(v, NULL, 10) : 0;
            if (c1 && c2 >= c1 && st) {
                w.cols[w.ncols].c1 = (uint32_t)(c1 < 16384 ? c1 : 16384);
                w.cols[w.ncols].c2 = (uint32_t)(c2 < 16384 ? c2 : 16384);
                w.cols[w.ncols++].style = st;
            }
        } else if (depth == 1 && !t.close && tag_is(&t, w.pfx, w.pl, "sheetData")) {
            seen_sd = 1;
            if (t.empty && w.mi < w.nm) { /* <sheetData/>: opened, the rows, closed */
                put(&w, t.at, (size_t)(t.end - 2 - t.at));
                puts_(&w, ">");
                new_rows(&w, UINT32_MAX);
                w.bad |= yu_buf_printf(o, "</%ssheetData>", w.pfx);
                continue;
            }
            in_sd = !t.empty;
        } else if (in_sd && depth == 1 && t.close && tag_is(&t, w.pfx, w.pl, "sheetData")) {
            new_rows(&w, UINT32_MAX);
            in_sd = 0;
        } else if (in_sd && depth == 2 && !t.close && tag_is(&t, w.pfx, w.pl, "row")) {
            const char *a0, *a1, *v;
            size_t vl;
            unsigned long rv = tag_attr(&t, "r", &a0, &a1, &v, &vl) ? strtoul(v, NULL, 10) : 0;
            uint32_t row = rv >= 1 && rv <= 1048576 ? (uint32_t)(rv - 1) : prow + 1;
            prow = row;
            new_rows(&w, row);
            target = w.mi < w.nm && w.m[w.mi].row == row;
            if (target) { /* without spans (a hint a new cell may lie outside of) */
                trow = row;
                pcol = (uint32_t)-1;
                const char *s0 = t.at, *s1 = t.end - (t.empty ? 2 : 1);
                if (tag_attr(&t, "spans", &a0, &a1, &v, &vl)) {
                    while (a0 > s0 && is_space(a0[-1]))
                        a0--;
                    put(&w, s0, (size_t)(a0 - s0));
                    put(&w, a1, (size_t)(s1 - a1));
                } else
                    put(&w, s0, (size_t)(s1 - s0));
                puts_(&w, ">");
                if (t.empty) {
                    rest_of_row(&w, row);
                    w.bad |= yu_buf_printf(o, "</%srow>", w.pfx);
                    target = 0;
                } else
                    depth++;
                continue;
            }
        } else if (target && depth == 2 && t.close && tag_is(&t, w.pfx, w.pl, "row")) {
            rest_of_row(&w, trow);
            target = 0;
        } else if (target && depth == 3 && !t.close && tag_is(&t, w.pfx, w.pl, "c")) {
            const char *a0, *a1, *v;
            size_t vl;
            uint32_t rr, col = pcol + 1;
            char ref[16];
            if (tag_attr(&t, "r", &a0, &a1, &v, &vl) && vl < sizeof ref) {
                memcpy(ref, v, vl);
                ref[vl] = 0;
                if (yu_xlsx_parse_ref(ref, &rr, &col))
                    col = pcol + 1;
            }
            pcol = col;
            while (w.mi < w.nm && w.m[w.mi].row == trow && w.m[w.mi].col < col)
                new_cell(&w, &w.m[w.mi++]);
            if (w.mi < w.nm && w.m[w.mi].row == trow && w.m[w.mi].col == col) {
                const mark *mk = &w.m[w.mi++];
                int has = tag_attr(&t, "s", &a0, &a1, &v, &vl);
                long st = style_for(c, has ? strtoul(v, NULL, 10) : 0, mk->kind);
                if (st < 0)
                    return aerr(c, YU_ENOMEM, "out of memory%s%s", NULL, NULL), -1;
                if (has) {
                    put(&w, t.at, (size_t)(v - t.at));
                    w.bad |= yu_buf_printf(o, "%ld", st);
                    put(&w, v + vl, (size_t)(t.end - v - vl));
                } else {
                    put(&w, t.at, (size_t)(t.name + t.nlen - t.at));
                    w.bad |= yu_buf_printf(o, " s=\"%ld\"", st);
                    put(&w, t.name + t.nlen, (size_t)(t.end - t.name - t.nlen));
                }
                depth += !t.empty;
                continue;
            }
        } else if (legacy[0] && seen_sd && !in_sd && depth == 1 && !t.close) {
            for (size_t i = 0; i < sizeof after / sizeof after[0] && legacy[0]; i++)
                if (tag_is(&t, w.pfx, w.pl, after[i])) {
                    puts_(&w, legacy);
                    legacy[0] = 0;
                }
        } else if (legacy[0] && depth == 0 && t.close) { /* </worksheet> */
            puts_(&w, legacy);
            legacy[0] = 0;
        }
        put(&w, t.at, (size_t)(t.end - t.at));
        if (!t.close && !t.empty)
            depth++;
    }
    put(&w, p, (size_t)(e - p));
    if (w.bad)
        return aerr(c, YU_ENOMEM, "out of memory%s%s", NULL, NULL), -1;
    if (r < 0 || !seen_sd || w.mi < w.nm || (rid && legacy[0]))
        return aerr(c, YU_EFORMAT, "damaged workbook: %s is not a worksheet's XML%s", part, NULL), -1;
    return 0;
}

/* The comment's text of notes p[0..n) (one cell). */
static char *note_text(const yu_xnote *notes, const placed *p, size_t n)
{
    yu_buf b;
    yu_buf_init(&b, 0);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        const yu_xnote *t = &notes[p[i].note];
        if (i)
            bad |= yu_buf_puts(&b, "\n");
        bad |= yu_buf_printf(&b, "%s", t->warning ? "【警告】" : "【错误】");
        if (t->rule && *t->rule)
            bad |= yu_buf_printf(&b, "%s：", t->rule);
        if (p[i].lost) {
            const char *w = t->where ? t->where : "";
            const char *bang = strrchr(w, '!');
            bad |= yu_buf_printf(&b, "（工作表“%.*s”）", bang ? (int)(bang - w) : (int)strlen(w), w);
        }
        bad |= yu_buf_puts(&b, t->msg ? t->msg : "");
    }
    if (bad || !b.p) {
        yu_buf_free(&b);
        return NULL;
    }
    return yu_buf_take(&b);
}

static const char VML_HEAD[] =
    "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
    "xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\n"
    " <o:shapelayout v:ext=\"edit\">\n  <o:idmap v:ext=\"edit\" data=\"%u\"/>\n </o:shapelayout>\n";
static const char VML_TYPE[] =
    " <v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">\n"
    "  <v:stroke joinstyle=\"miter\"/>\n  <v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/>\n </v:shapetype>\n";

static int vml_shape(yu_buf *b, unsigned id, uint32_t row, uint32_t col, unsigned lines)
{
    unsigned h = 12 * (lines < 3 ? 3 : lines > 40 ? 40 : lines) + 12;
    unsigned rows = h / 15 + 1;
    return yu_buf_printf(b,
                         " <v:shape id=\"_x0000_s%u\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:80pt;"
                         "margin-top:2pt;width:260pt;height:%upt;z-index:%u;visibility:hidden\" fillcolor=\"#ffffe1\" "
                         "o:insetmode=\"auto\">\n  <v:fill color2=\"#ffffe1\"/>\n  <v:shadow on=\"t\" color=\"black\" obscured=\"t\"/>\n"
                         "  <v:path o:connecttype=\"none\"/>\n  <v:textbox style=\"mso-direction-alt:auto\">\n"
                         "   <div style=\"text-align:left\"></div>\n  </v:textbox>\n  <x:ClientData ObjectType=\"Note\">\n"
                         "   <x:MoveWithCells/>\n   <x:SizeWithCells/>\n   <x:Anchor>%u, 15, %u, 2, %u, 15, %u, 4</x:Anchor>\n"
                         "   <x:AutoFill>False</x:AutoFill>\n   <x:Row>%u</x:Row>\n   <x:Column>%u</x:Column>\n"
                         "  </x:ClientData>\n </v:shape>\n",
                         id, h, id & 0xffff, col + 1, row, col + 5, row + rows, row, col);
}

/* A name part + N + ext that the package does not hold yet. */
static void free_name(actx *c, const char *stem, const char *ext, char *buf, size_t n)
{
    for (unsigned k = 1;; k++) {
        snprintf(buf, n, "%s%u%s", stem, k, ext);
        if (zip_name_locate(c->z, buf, ZIP_FL_NOCASE) < 0)
            return;
    }
}

/* A relationship id the sheet's rels do not use. */
static void free_rid(xmlNodePtr rels, char *buf, size_t n)
{
    char b[64];
    for (unsigned k = 1;; k++) {
        snprintf(buf, n, "rIdYu%u", k);
        int used = 0;
        for (xmlNodePtr r = rels->children; r && !used; r = r->next)
            used = is_el(r, "Relationship") && !strcmp(prop(r, "Id", b, sizeof b), buf);
        if (!used)
            return;
    }
}

static xmlNodePtr add_rel(xmlNodePtr rels, const char *type, const char *target)
{
    char id[32];
    free_rid(rels, id, sizeof id);
    xmlNodePtr r = new_el(rels, "Relationship");
    if (!r)
        return NULL;
    xmlSetProp(r, (const xmlChar *)"Id", (const xmlChar *)id);
    xmlSetProp(r, (const xmlChar *)"Type", (const xmlChar *)type);
    xmlSetProp(r, (const xmlChar *)"Target", (const xmlChar *)target);
    xmlAddChild(rels, r);
    return r;
}

/* Annotates the sheet of p[0..n) (one sheet, sorted by cell). */
static int annotate_sheet(actx *c, const yu_xlsx *x, const yu_xnote *notes, const placed *p, size_t n)
{
    const char *part = yu_xlsx_sheet_part(x, p[0].sheet);
    if (!part)
        return aerr(c, YU_EFORMAT, "damaged workbook: sheet '%s' has no worksheet part%s",
                    yu_xlsx_sheet_name(x, p[0].sheet), NULL),
               -1;
    int rc = -1;
    xmlDocPtr rd = NULL, cd = NULL;
    char *vml = NULL, *sx = NULL;
    size_t vlen = 0, sl = 0;
    yu_buf shapes, so;
    yu_buf_init(&shapes, 0);
    yu_buf_init(&so, 0);
    mark *marks = calloc(n, sizeof *marks);
    size_t nmarks = 0;
    char new_rid[64] = "";
    sheet_scan sc;
    if (!marks)
        goto oom;
    int got = part_read(c, part, &sx, &sl);
    if (got <= 0) {
        if (!got)
            aerr(c, YU_EFORMAT, "damaged workbook: the part %s is missing%s", part, NULL);
        goto done;
    }
    if (scan_sheet(sx, sl, &sc))
        goto bad_sheet;
    /* the sheet's relationships */
    char relpart[1100];
    const char *slash = strrchr(part, '/');
    snprintf(relpart, sizeof relpart, "%.*s_rels/%s.rels", slash ? (int)(slash - part + 1) : 0, part,
             slash ? slash + 1 : part);
    int absent;
    rd = part_xml(c, relpart, &absent);
    if (!rd && !absent)
        goto done;
    if (!rd) {
        rd = xmlNewDoc((const xmlChar *)"1.0");
        xmlNodePtr root = rd ? xmlNewNode(NULL, (const xmlChar *)"Relationships") : NULL;
        if (!root)
            goto oom;
        xmlSetNs(root, xmlNewNs(root, (const xmlChar *)NS_PKG_REL, NULL));
        xmlDocSetRootElement(rd, root);
        rd->standalone = 1;
    }
    xmlNodePtr rels = xmlDocGetRootElement(rd);
    /* its comments and VML drawing, when it has them */
    char cpart[1024] = "", vpart[1024] = "";
    char b[sizeof cpart + 2]; /* "/" + a part name */
    for (xmlNodePtr r = rels->children; r; r = r->next) {
        if (!is_el(r, "Relationship"))
            continue;
        prop(r, "Type", b, sizeof b);
        size_t bl = strlen(b);
        if (bl >= 9 && !strcmp(b + bl - 9, "/comments")) {
            prop(r, "Target", b, sizeof b);
            yu_xlsx_resolve(part, b, cpart, sizeof cpart);
        }
    }
    for (xmlNodePtr r = rels->children; sc.rid[0] && r; r = r->next)
        if (is_el(r, "Relationship") && !strcmp(prop(r, "Id", b, sizeof b), sc.rid)) {
            prop(r, "Target", b, sizeof b);
            yu_xlsx_resolve(part, b, vpart, sizeof vpart);
        }
    if (cpart[0]) {
        cd = part_xml(c, cpart, NULL);
        if (!cd)
            goto done;
    } else {
        free_name(c, "xl/comments", ".xml", cpart, sizeof cpart);
        cd = xmlNewDoc((const xmlChar *)"1.0");
        xmlNodePtr root = cd ? xmlNewNode(NULL, (const xmlChar *)"comments") : NULL;
        if (!root)
            goto oom;
        xmlSetNs(root, xmlNewNs(root, (const xmlChar *)NS_MAIN, NULL));
        xmlDocSetRootElement(cd, root);
        cd->standalone = 1;
        snprintf(b, sizeof b, "/%s", cpart);
        if (!add_rel(rels, REL_COMMENTS, b))
            goto oom;
        if (!ct_has(c, "Override", "PartName", b))
            ct_add(c, "Override", "PartName", b, CT_COMMENTS);
    }
    if (vpart[0]) {
        int r = part_read(c, vpart, &vml, &vlen);
        if (r < 0)
            goto done;
        if (!r)
            vpart[0] = 0;
    }
    unsigned block = (unsigned)p[0].sheet + 51; /* the VML shape ids' block */
    if (!vpart[0]) {
        free_name(c, "xl/drawings/vmlDrawing", ".vml", vpart, sizeof vpart);
        if (yu_buf_printf(&shapes, VML_HEAD, block) || yu_buf_puts(&shapes, VML_TYPE))
            goto oom;
        snprintf(b, sizeof b, "/%s", vpart);
        xmlNodePtr rel = add_rel(rels, REL_VML, b);
        if (!rel)
            goto oom;
        prop(rel, "Id", new_rid, sizeof new_rid); /* <legacyDrawing r:id/>, written with the sheet */
        if (!ct_has(c, "Default", "Extension", "vml"))
            ct_add(c, "Default", "Extension", "vml", CT_VML);
    } else if (vml && !strstr(vml, "_x0000_t202") && yu_buf_puts(&shapes, VML_TYPE))
        goto oom;
    /* the comments' author */
    xmlNodePtr croot = xmlDocGetRootElement(cd);
    xmlNodePtr authors = first_el(croot, "authors"), clist = first_el(croot, "commentList");
    if (!authors) {
        authors = new_el(croot, "authors");
        if (!authors)
            goto oom;
        if (croot->children)
            xmlAddPrevSibling(croot->children, authors);
        else
            xmlAddChild(croot, authors);
    }
    if (!clist) {
        clist = new_el(croot, "commentList");
        if (!clist)
            goto oom;
        xmlAddNextSibling(authors, clist);
    }
    long author = -1, na = 0;
    for (xmlNodePtr a = authors->children; a; a = a->next)
        if (is_el(a, "author")) {
            xmlChar *t = xmlNodeGetContent(a);
            if (t && !strcmp((const char *)t, AUTHOR) && author < 0)
                author = na;
            xmlFree(t);
            na++;
        }
    if (author < 0) {
        if (!xmlNewTextChild(authors, croot->ns, (const xmlChar *)"author", (const xmlChar *)AUTHOR))
            goto oom;
        author = na;
    }
    /* each cell: its mark (the style, when the sheet is copied), its comment, its shape */
    unsigned nshape = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && p[j].row == p[i].row && p[j].col == p[i].col)
            j++;
        int kind = 1;
        for (size_t k = i; k < j; k++)
            if (!notes[p[k].note].warning)
                kind = 0;
        marks[nmarks].row = p[i].row;
        marks[nmarks].col = p[i].col;
        marks[nmarks++].kind = kind;
        char *txt = note_text(notes, p + i, j - i);
        if (!txt)
            goto oom;
        char *owned = NULL;
        const char *esc = yu_xl_escape(txt, &owned);
        char ref[16];
        yu_xlsx_ref(p[i].row, p[i].col, ref, sizeof ref);
        xmlNodePtr had = NULL;
        for (xmlNodePtr k = clist->children; k && !had; k = k->next)
            if (is_el(k, "comment") && !strcmp(prop(k, "ref", b, sizeof b), ref))
                had = k;
        int fail = 0;
        if (had) { /* after the cell's own comment */
            xmlNodePtr text = first_el(had, "text");
            if (!text)
                text = xmlNewChild(had, croot->ns, (const xmlChar *)"text", NULL);
            xmlNodePtr r = text ? xmlNewChild(text, croot->ns, (const xmlChar *)"r", NULL) : NULL;
            yu_buf t;
            yu_buf_init(&t, 0);
            fail = !r || yu_buf_printf(&t, "\n%s", esc);
            xmlNodePtr tn = fail ? NULL : xmlNewTextChild(r, croot->ns, (const xmlChar *)"t", (const xmlChar *)t.p);
            if (tn)
                xmlNodeSetSpacePreserve(tn, 1);
            fail |= !tn;
            yu_buf_free(&t);
        } else {
            xmlNodePtr cm = xmlNewChild(clist, croot->ns, (const xmlChar *)"comment", NULL);
            xmlNodePtr text = cm ? xmlNewChild(cm, croot->ns, (const xmlChar *)"text", NULL) : NULL;
            xmlNodePtr tn = text ? xmlNewTextChild(text, croot->ns, (const xmlChar *)"t", (const xmlChar *)esc) : NULL;
            fail = !tn;
            if (!fail) {
                xmlSetProp(cm, (const xmlChar *)"ref", (const xmlChar *)ref);
                set_prop_num(cm, "authorId", (unsigned long)author);
                xmlNodeSetSpacePreserve(tn, 1);
                unsigned lines = 1;
                for (const char *q = txt; *q; q++)
                    lines += *q == '\n';
                lines += (unsigned)(strlen(txt) / 60); /* long sentences wrap */
                fail = vml_shape(&shapes, block * 1024 + 512 + ++nshape, p[i].row, p[i].col, lines) != 0;
            }
        }
        free(owned);
        free(txt);
        if (fail)
            goto oom;
        i = j;
    }
    /* the VML drawing: new, or the sheet's own with the shapes before its end */
    yu_buf v;
    yu_buf_init(&v, 0);
    int bad = 0;
    if (vml) {
        char *end = NULL;
        for (char *q = strstr(vml, "</xml>"); q; q = strstr(q + 1, "</xml>"))
            end = q;
        if (!end) {
            yu_buf_free(&v);
            aerr(c, YU_EFORMAT, "damaged workbook: %s is not a VML drawing%s", vpart, NULL);
            goto done;
        }
        bad = yu_buf_add(&v, vml, (size_t)(end - vml)) || yu_buf_add(&v, shapes.p ? shapes.p : "", shapes.len) ||
              yu_buf_puts(&v, end);
    } else
        bad = yu_buf_add(&v, shapes.p, shapes.len) || yu_buf_puts(&v, "</xml>\n");
    if (bad) {
        yu_buf_free(&v);
        goto oom;
    }
    bad = part_write(c, vpart, v.p, v.len);
    yu_buf_free(&v);
    if (bad || rewrite_sheet(c, part, sx, sl, &sc, marks, nmarks, new_rid[0] ? new_rid : NULL, &so) ||
        part_write(c, part, so.p ? so.p : "", so.len) || xml_write(c, relpart, rd) || xml_write(c, cpart, cd))
        goto done;
    rc = 0;
    goto done;
bad_sheet:
    aerr(c, YU_EFORMAT, "damaged workbook: %s is not a worksheet's XML%s", part, NULL);
    goto done;
oom:
    aerr(c, YU_ENOMEM, "out of memory%s%s", NULL, NULL);
done:
    yu_buf_free(&shapes);
    yu_buf_free(&so);
    free(vml);
    free(sx);
    free(marks);
    xmlFreeDoc(rd);
    xmlFreeDoc(cd);
    return rc;
}

static int placed_cmp(const void *a, const void *b)
{
    const placed *x = a, *y = b;
    if (x->sheet != y->sheet)
        return x->sheet < y->sheet ? -1 : 1;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->note < y->note ? -1 : x->note > y->note;
}

/* Places a note: its sheet and cell. */
static int place(actx *c, const yu_xlsx *x, const yu_xnote *t, size_t i, placed *p)
{
    memset(p, 0, sizeof *p);
    p->note = i;
    const char *w = t->where ? t->where : "";
    size_t ns = yu_xlsx_nsheets(x);
    if (!*w)
        return 0; /* A1 of the first sheet */
    /* the whole of it a sheet's name, or SHEET!REF */
    for (size_t k = 0; k < ns; k++)
        if (!strcmp(yu_xlsx_sheet_name(x, k), w)) {
            p->sheet = k;
            return 0;
        }
    const char *bang = strrchr(w, '!');
    size_t sl = bang ? (size_t)(bang - w) : strlen(w);
    int found = 0;
    for (size_t k = 0; k < ns && !found; k++) {
        const char *name = yu_xlsx_sheet_name(x, k);
        if (strlen(name) == sl && !strncmp(name, w, sl)) {
            p->sheet = k;
            found = 1;
        }
    }
    if (!found) {
        p->lost = 1;
        return 0;
    }
    if (!bang)
        return 0;
    char ref[40];
    snprintf(ref, sizeof ref, "%s", bang + 1);
    char *colon = strchr(ref, ':');
    if (colon)
        *colon = 0;
    if (ref[0] >= '0' && ref[0] <= '9') { /* a row, or rows: its column A */
        char *e;
        unsigned long r = strtoul(ref, &e, 10);
        if (*e || r < 1 || r > 1048576)
            return aerr(c, YU_EVALUE, "note '%s': '%s' is not a cell or a row of the sheet", w, bang + 1), -1;
        p->row = (uint32_t)(r - 1);
        return 0;
    }
    if (yu_xlsx_parse_ref(ref, &p->row, &p->col))
        return aerr(c, YU_EVALUE, "note '%s': '%s' is not a cell or a row of the sheet", w, bang + 1), -1;
    return 0;
}

yu_status yu_xlsx_annotate(const char *in, const char *out, const yu_xnote *notes, size_t n, yu_error *err)
{
    yu_error_clear(err);
    if (!in || !out || (n && !notes))
        return yu_error_set(err, YU_EUSAGE, in ? in : "", 0, 0, "yu_xlsx_annotate: no workbook, copy or notes");
    struct stat si, so;
    if (!strcmp(in, out) || (!stat(in, &si) && !stat(out, &so) && si.st_dev == so.st_dev && si.st_ino == so.st_ino))
        return yu_error_set(err, YU_EUSAGE, out, 0, 0,
                            "the annotated copy would replace the workbook itself: give another file name");
    yu_xlsx *x = NULL;
    yu_status st = yu_xlsx_open(in, &x, err);
    if (st)
        return st;
    actx cx;
    memset(&cx, 0, sizeof cx);
    actx *c = &cx;
    c->in = in;
    c->err = err;
    char *data = NULL;
    size_t len = 0;
    placed *p = NULL;
    zip_source_t *src = NULL;
    int rc = -1;
    if (!yu_xlsx_nsheets(x)) {
        aerr(c, YU_EFORMAT, "not a workbook with sheets: nothing to annotate%s%s", NULL, NULL);
        goto done;
    }
    p = calloc(n ? n : 1, sizeof *p);
    if (!p) {
        aerr(c, YU_ENOMEM, "out of memory%s%s", NULL, NULL);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if (place(c, x, &notes[i], i, &p[i]))
            goto done;
    qsort(p, n, sizeof *p, placed_cmp);
    if (yu_read_file(in, &data, &len, err))
        goto done;
    zip_error_t ze;
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        aerr(c, YU_ENOMEM, "out of memory%s%s", NULL, NULL);
        goto done;
    }
    zip_source_keep(src);
    c->z = zip_open_from_source(src, 0, &ze);
    if (!c->z) {
        aerr(c, YU_EFORMAT, "not an .xlsx workbook: %s%s", zip_error_strerror(&ze), NULL);
        zip_error_fini(&ze);
        goto done;
    }
    zip_error_fini(&ze);
    const char *sp = yu_xlsx_styles_part(x);
    if (styles_open(c, sp))
        goto done;
    c->ctdoc = part_xml(c, "[Content_Types].xml", NULL);
    if (!c->ctdoc)
        goto done;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && p[j].sheet == p[i].sheet)
            j++;
        if (annotate_sheet(c, x, notes, p + i, j - i))
            goto done;
        i = j;
    }
    if (n && (xml_write(c, sp, c->sdoc) || xml_write(c, "[Content_Types].xml", c->ctdoc)))
        goto done;
    if (zip_close(c->z) < 0) {
        aerr(c, YU_EIO, "cannot write the annotated copy: %s%s", zip_strerror(c->z), NULL);
        zip_discard(c->z);
        c->z = NULL;
        goto done;
    }
    c->z = NULL;
    /* the new package, from the buffer source, to `out` */
    zip_stat_t zs;
    zip_stat_init(&zs);
    char *res = NULL;
    if (zip_source_stat(src, &zs) || !(zs.valid & ZIP_STAT_SIZE) || zip_source_open(src)) {
        aerr(c, YU_EIO, "cannot write the annotated copy%s%s", NULL, NULL);
        goto done;
    }
    res = malloc(zs.size ? (size_t)zs.size : 1);
    zip_int64_t got = res ? zip_source_read(src, res, zs.size) : -1;
    zip_source_close(src);
    if (got < 0 || (zip_uint64_t)got != zs.size) {
        free(res);
        aerr(c, res ? YU_EIO : YU_ENOMEM, res ? "cannot write the annotated copy%s%s" : "out of memory%s%s", NULL,
             NULL);
        goto done;
    }
    yu_status ws = yu_write_file_atomic(out, res, (size_t)zs.size, err);
    free(res);
    if (ws)
        goto done;
    rc = 0;
done:
    if (c->z)
        zip_discard(c->z);
    if (src)
        zip_source_free(src);
    free(data);
    xmlFreeDoc(c->sdoc);
    xmlFreeDoc(c->ctdoc);
    free(c->xfs);
    free(c->memo);
    free(p);
    yu_xlsx_close(x);
    return rc ? (err && err->status ? err->status : YU_EIO) : YU_OK;
}

/* ---- where a rule finding is in the input workbook ---- */

/* The column of `sheet` whose header (its first row with text) is `label`
 * or `key` (a remark in brackets after it allowed); -1 when none.  *hrow is
 * the header's row. */
static int find_col(const yu_xsheet *s, const char *label, const char *key, uint32_t *hrow)
{
    for (size_t i = 0; i < s->ncells; i++) {
        const yu_xcell *x = &s->cells[i];
        if (x->kind != YU_XC_TEXT || !*x->text)
            continue;
        uint32_t r = x->row;
        for (size_t k = i; k < s->ncells && s->cells[k].row == r; k++) {
            const char *t = s->cells[k].text;
            size_t ll = strlen(label);
            if ((!strncmp(t, label, ll) && (!t[ll] || !strncmp(t + ll, "（", 3) || t[ll] == '(')) ||
                (key && !strcmp(t, key))) {
                *hrow = r;
                return (int)s->cells[k].col;
            }
        }
        return -1; /* the header row is the first row with text */
    }
    return -1;
}

void yu_xlsx_finding_where(yu_xlsx *x, const yu_budget *b, const yu_finding *f, char *where, size_t n)
{
    where[0] = 0;
    const yu_xsheet *s;
    char ref[16];
    uint32_t hrow;
    if (!strcmp(f->rule, "P-WEIGHTS")) {
        /* the 分值权重 of the project's first indicator */
        int first = 0;
        for (size_t i = 0; b && i < b->nindicators; i++) {
            const yu_indicator *t = &b->indicators[i];
            if (t->project >= 0 && (size_t)t->project < b->nprojects && !strcmp(b->projects[t->project].name, f->row) &&
                (!first || t->line < first))
                first = t->line;
        }
        int col;
        if (first && !yu_xlsx_sheet(x, "绩效指标", &s, NULL) && (col = find_col(s, "分值权重", "weight", &hrow)) >= 0)
            snprintf(where, n, "绩效指标!%s", yu_xlsx_ref((uint32_t)first - 1, (uint32_t)col, ref, sizeof ref));
        else
            snprintf(where, n, "%s", first ? "绩效指标" : "项目");
        return;
    }
    if (!strcmp(f->rule, "Y-PERF-LIFE")) {
        /* the project's 项目资金总额 on sheet 项目: the row whose 项目编号 is the finding's */
        int ci, cl;
        snprintf(where, n, "项目");
        if (yu_xlsx_sheet(x, "项目", &s, NULL) || (ci = find_col(s, "项目编号", "id", &hrow)) < 0 ||
            (cl = find_col(s, "项目资金总额", "life_total", &hrow)) < 0)
            return;
        for (size_t i = 0; i < s->ncells; i++)
            if (s->cells[i].row > hrow && (int)s->cells[i].col == ci && s->cells[i].text && !strcmp(s->cells[i].text, f->row)) {
                snprintf(where, n, "项目!%s", yu_xlsx_ref(s->cells[i].row, (uint32_t)cl, ref, sizeof ref));
                return;
            }
        return;
    }
    if (!strcmp(f->rule, "Y-PERF-SUM")) {
        /* the 绩效目标 sheet's figure that is short: 项目数 or 涉及项目预算资金 of its row */
        int money = !strcmp(f->col, "perf_funds"), col;
        snprintf(where, n, "绩效目标");
        if (!yu_xlsx_sheet(x, "绩效目标", &s, NULL) &&
            (col = find_col(s, money ? "涉及项目预算资金" : "项目数", money ? "amount" : "projects", &hrow)) >= 0)
            snprintf(where, n, "绩效目标!%s", yu_xlsx_ref(hrow + 1, (uint32_t)col, ref, sizeof ref));
        return;
    }
    if (!strcmp(f->rule, "X-SANGONG-ECON") || !strcmp(f->rule, "Y-VEHICLE-BUY")) {
        /* the 三公经费 item the 经济分类 line is part of (Y-VEHICLE-BUY: 公务用车购置费): its 本年预算数 */
        static const struct { const char *econ; int sg; } m[] = {
            {"30217", YU_SG_RECEPTION}, {"30231", YU_SG_CAR_RUN}, {"30212", YU_SG_ABROAD}, {"31013", YU_SG_CAR_BUY}};
        int sg = f->rule[0] == 'Y' ? YU_SG_CAR_BUY : -1;
        for (size_t i = 0; sg < 0 && i < sizeof m / sizeof m[0]; i++)
            if (strstr(f->row, m[i].econ))
                sg = m[i].sg;
        snprintf(where, n, "三公经费");
        int ci, ca;
        if (sg < 0 || yu_xlsx_sheet(x, "三公经费", &s, NULL) || (ci = find_col(s, "项目", "item", &hrow)) < 0 ||
            (ca = find_col(s, "本年预算数", "amount", &hrow)) < 0)
            return;
        for (size_t i = 0; i < s->ncells; i++) {
            const yu_xcell *cl = &s->cells[i];
            if (cl->row > hrow && cl->col == (uint32_t)ci && cl->kind == YU_XC_TEXT && yu_sangong_parse(cl->text) == sg) {
                snprintf(where, n, "三公经费!%s", yu_xlsx_ref(cl->row, (uint32_t)ca, ref, sizeof ref));
                return;
            }
        }
        return;
    }
}
