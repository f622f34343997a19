/* HTML renderer (issue 5): the whole document as one self-contained file.
 *
 * Inline CSS (screen and print: A4, each table on a new page, header rows
 * repeated), inline SVG charts drawn here, no scripts and no external
 * requests.  Every figure printed comes from yu_cell_text / yu_seg_text (or
 * yu_fmt_units for the performance weights, as the other renderers do);
 * the charts compute only geometry (angles, bar lengths) from cell values.
 * docs/html.md describes the output. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <math.h>
#include "render_internal.h"
#include "yusuan/year.h"

/* ------------------------------------------------------------------ */
/* escaping */

/* Appends s with &, <, >, " escaped; newlines become <br> when br. */
static void esc2(yu_buf *o, const char *s, int br)
{
    if (!s)
        return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\r': rep = ""; break;
        case '\n': rep = br ? "<br>\n" : " "; break;
        default: break;
        }
        if (rep) {
            yu_buf_add(o, run, (size_t)(s - run));
            yu_buf_puts(o, rep);
            run = s + 1;
        }
    }
    yu_buf_add(o, run, (size_t)(s - run));
}

static void esc(yu_buf *o, const char *s) { esc2(o, s, 0); }

/* ------------------------------------------------------------------ */
/* style */

static const char CSS[] =
    ":root{--ink:#1a1a1a;--rule:#8a8f98;--head:#eef1f5;--total:#f6f3ea;--accent:#1f4e79}\n"
    "*{box-sizing:border-box}\n"
    "html{font-family:\"Noto Sans CJK SC\",\"Noto Serif CJK SC\",sans-serif;color:var(--ink);background:#fff}\n"
    "body{max-width:1160px;margin:0 auto;padding:24px 28px 64px;font-size:15px;line-height:1.75}\n"
    "h1,h2,h3,h4{font-family:\"Noto Serif CJK SC\",\"Noto Sans CJK SC\",serif;line-height:1.4}\n"
    ".cover{text-align:center;padding:120px 0 80px}\n"
    ".cover h1{font-size:34px;margin:0}\n"
    ".cover h1 span{display:block}\n"
    ".cover h1 .sub{font-size:26px;margin-top:18px;font-weight:normal}\n"
    "nav.toc h2{text-align:center;font-size:24px;letter-spacing:.5em}\n"
    "nav.toc ol{list-style:none;margin:0;padding:0}\n"
    "nav.toc ol ol{padding-left:2em}\n"
    "nav.toc li{margin:.2em 0}\n"
    "nav.toc a{color:var(--accent);text-decoration:none}\n"
    "nav.toc a:hover{text-decoration:underline}\n"
    "h2.part{text-align:center;font-size:26px;margin:72px 0 32px}\n"
    "h2.part span{display:block}\n"
    "h2.part .sub{font-size:22px;margin-top:8px}\n"
    "h3{font-size:19px;margin:32px 0 12px}\n"
    "h4{font-size:16px;margin:24px 0 8px}\n"
    "p{margin:.5em 0;text-indent:2em;text-align:justify}\n"
    "section.tbl{margin:40px 0}\n"
    "section.tbl h3{text-align:center}\n"
    "p.unit{text-align:right;text-indent:0;margin:0 0 4px;font-size:13px}\n"
    "p.note{text-indent:0;margin:8px 0}\n"
    ".wrap{overflow-x:auto}\n"
    "table{border-collapse:collapse;font-size:13px;line-height:1.45}\n"
    "table.data{width:100%}\n"
    "th,td{border:1px solid var(--rule);padding:4px 6px;vertical-align:middle}\n"
    "thead th{background:var(--head);font-weight:bold;text-align:center;min-width:4em}\n"
    "tbody th{font-weight:normal;text-align:left}\n"
    "table.data tbody th{min-width:8em}\n"
    "td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "td.code{white-space:nowrap}\n"
    "tr.l2 th[scope=row]{padding-left:1.5em}\n"
    "tr.l3 th[scope=row]{padding-left:2.5em}\n"
    "tr.total th,tr.total td,tr.head th,tr.head td{font-weight:bold}\n"
    "tr.total td,tr.total th{background:var(--total)}\n"
    "section.perf{margin:32px 0}\n"
    "table.form{width:100%;table-layout:fixed}\n"
    "table.form caption{font-family:\"Noto Serif CJK SC\",\"Noto Sans CJK SC\",serif;font-size:18px;font-weight:bold;padding-bottom:8px}\n"
    "table.form caption span{display:block;font-size:14px;font-weight:normal}\n"
    "table.form th{background:var(--head);font-weight:bold;text-align:center}\n"
    "table.form td{text-align:left}\n"
    "table.form td.n{text-align:right}\n"
    "table.form td p{text-indent:2em;margin:.2em 0}\n"
    "figure.chart{margin:24px 0;padding:12px 16px;border:1px solid #d5d9e0;border-radius:4px;break-inside:avoid;page-break-inside:avoid}\n"
    "figure.chart figcaption{font-weight:bold;margin-bottom:6px}\n"
    "figure.chart svg{display:block;max-width:100%;height:auto}\n"
    "svg text{font-size:13px;fill:#1a1a1a}\n"
    "svg text.big{font-size:20px;font-weight:bold}\n"
    "svg text.small{font-size:12px;fill:#444}\n"
    ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}\n"
    "@page{size:A4;margin:15mm 12mm}\n"
    "@page wide{size:A4 landscape;margin:12mm}\n"
    "@media print{\n"
    "html{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "body{max-width:none;padding:0;font-size:10.5pt}\n"
    ".brk,nav.toc,section.tbl{break-before:page;page-break-before:always}\n"
    "section.tbl.wide{page:wide}\n"
    "section.tbl{margin:0}\n"
    "thead{display:table-header-group}\n"
    "tr{break-inside:avoid;page-break-inside:avoid}\n"
    "table{font-size:8.5pt}\n"
    ".wrap{overflow:visible}\n"
    ".cover{padding-top:60mm}\n"
    "nav.toc a{color:inherit}\n"
    "h2.part{margin-top:40mm}\n"
    "figure.chart{border:none;padding:0}\n"
    "}\n";

/* ------------------------------------------------------------------ */
/* tables */

static const char *hlabel(const yu_table *T, size_t c, int k)
{
    const char *s = T->hdr ? T->hdr[c * YU_HDR_MAX + (size_t)k] : NULL;
    return s ? s : "";
}

static int hdepth(const yu_ltable *lt, size_t c)
{
    int d = lt->cols[c].depth;
    return d < 1 ? 1 : d > YU_HDR_MAX ? YU_HDR_MAX : d;
}

/* Header rows: the grouping of rt_grid (render_txt.c).  At level k a column
 * whose path ends there is a leaf spanning down to the last header row;
 * adjacent deeper columns sharing the labels 0..k form one group cell. */
static void html_thead(yu_buf *o, const yu_table *T)
{
    const yu_ltable *lt = T->lt;
    size_t nc = lt->ncols;
    int D = 1;
    for (size_t c = 0; c < nc; c++)
        if (hdepth(lt, c) > D)
            D = hdepth(lt, c);
    yu_buf_puts(o, "<thead>\n");
    for (int k = 0; k < D; k++) {
        yu_buf_puts(o, "<tr>");
        for (size_t c = 0; c < nc;) {
            int dc = hdepth(lt, c);
            if (dc <= k) {
                c++;
                continue;
            }
            if (dc == k + 1) {
                yu_buf_puts(o, "<th scope=\"col\"");
                if (D - k > 1)
                    yu_buf_printf(o, " rowspan=\"%d\"", D - k);
                yu_buf_puts(o, ">");
                esc(o, hlabel(T, c, k));
                yu_buf_puts(o, "</th>");
                c++;
                continue;
            }
            size_t e = c + 1;
            while (e < nc && hdepth(lt, e) > k + 1) {
                int same = 1;
                for (int j = 0; j <= k; j++)
                    if (strcmp(hlabel(T, e, j), hlabel(T, c, j)))
                        same = 0;
                if (!same)
                    break;
                e++;
            }
            yu_buf_puts(o, "<th scope=\"colgroup\"");
            if (e - c > 1)
                yu_buf_printf(o, " colspan=\"%zu\"", e - c);
            yu_buf_puts(o, ">");
            esc(o, hlabel(T, c, k));
            yu_buf_puts(o, "</th>");
            c = e;
        }
        yu_buf_puts(o, "</tr>\n");
    }
    yu_buf_puts(o, "</thead>\n");
}

static int is_name_col(const yu_ltable *lt, size_t c)
{
    const char *k = lt->cols[c].key;
    if (!k)
        return 0;
    size_t n = strlen(k);
    return !strcmp(k, "name") || (n >= 5 && !strcmp(k + n - 5, ".item"));
}

static void html_table(yu_buf *o, const yu_doc *d, const yu_table *T, const char *anchor)
{
    const yu_ltable *lt = T->lt;
    size_t nc = lt->ncols;
    char idbuf[160];
    if (!anchor) {
        snprintf(idbuf, sizeof idbuf, "t-%s", lt->id ? lt->id : "table");
        anchor = idbuf;
    }
    yu_buf_printf(o, "\n<section class=\"tbl%s\" id=\"", nc >= 10 ? " wide" : "");
    esc(o, anchor);
    yu_buf_puts(o, "\" aria-labelledby=\"");
    esc(o, anchor);
    yu_buf_puts(o, "-h\">\n<h3 id=\"");
    esc(o, anchor);
    yu_buf_puts(o, "-h\">");
    esc(o, T->title);
    yu_buf_puts(o, "</h3>\n<p class=\"unit\">");
    if (d->org_line) {
        esc(o, d->org_line);
        yu_buf_puts(o, "　");
    }
    yu_buf_puts(o, "单位：");
    esc(o, yu_table_unit_label(d, T));
    yu_buf_puts(o, "</p>\n<div class=\"wrap\"><table class=\"data\" aria-labelledby=\"");
    esc(o, anchor);
    yu_buf_puts(o, "-h\">\n");
    html_thead(o, T);
    yu_buf_puts(o, "<tbody>\n");
    int *right = NULL;
    const char **body = rt_table_strings(d, T, &right);
    if (!body) {
        o->oom = 1;
        return;
    }
    size_t nr = yu_table_rows_shown(T);
    for (size_t r = 0; r < nr; r++) {
        const yu_row *row = &T->rows[r];
        const char *cls = row->flags & YU_ROW_TOTAL ? "total" : row->flags & YU_ROW_HEAD ? "head" : NULL;
        yu_buf_puts(o, "<tr");
        if (cls)
            yu_buf_printf(o, " class=\"%s\"", cls);
        else if (row->level > 0)
            yu_buf_printf(o, " class=\"l%d\"", row->level);
        yu_buf_puts(o, ">");
        for (size_t c = 0; c < nc; c++) {
            const char *s = body[r * nc + c];
            int th = *s && (is_name_col(lt, c) ||
                            ((row->flags & YU_ROW_TOTAL) && lt->total_col >= 0 && (size_t)lt->total_col == c));
            if (th)
                yu_buf_puts(o, "<th scope=\"row\">");
            else if (right[c])
                yu_buf_puts(o, "<td class=\"n\">");
            else if (lt->cols[c].key && !strcmp(lt->cols[c].key, "code"))
                yu_buf_puts(o, "<td class=\"code\">");
            else
                yu_buf_puts(o, "<td>");
            esc(o, s);
            yu_buf_puts(o, th ? "</th>" : "</td>");
        }
        yu_buf_puts(o, "</tr>\n");
    }
    rt_table_strings_free(body, T->nrows * nc, right);
    yu_buf_puts(o, "</tbody>\n</table></div>\n");
    if (T->empty && T->note) {
        yu_buf_puts(o, "<p class=\"note\">");
        esc(o, T->note);
        yu_buf_puts(o, "</p>\n");
    }
    yu_buf_puts(o, "</section>\n");
}

/* ------------------------------------------------------------------ */
static const char *money(const yu_doc *d, int64_t v, char *buf, size_t n)
{
    yu_cell c;
    memset(&c, 0, sizeof c);
    c.kind = YU_CELL_MONEY;
    c.v = v;
    return yu_cell_text(d, NULL, &c, buf, n);
}

/* performance forms: the engine's grid, a cell where it starts with its spans */

static void html_perf(yu_buf *o, const yu_perf *p, size_t idx, int brk)
{
    const yu_form *F = &p->form;
    yu_buf_printf(o, "\n<section class=\"perf%s\" id=\"perf-%zu\">\n", brk ? " brk" : "", idx + 1);
    yu_buf_puts(o, "<table class=\"form\">\n<caption>");
    esc(o, F->title);
    yu_buf_puts(o, "<span>");
    esc(o, F->subtitle);
    yu_buf_puts(o, "</span></caption>\n");
    size_t k = 0;
    for (size_t r = 0; r < F->nrows; r++) {
        yu_buf_puts(o, r == 0 ? "<thead>" : r == 1 ? "<tbody>\n" : "");
        yu_buf_puts(o, "<tr>");
        for (; k < F->ncells && F->cells[k].row == r; k++) {
            const yu_fcell *x = &F->cells[k];
            const char *tag = x->kind == YU_FC_LABEL || x->kind == YU_FC_HEAD ? "th" : "td";
            yu_buf_printf(o, "<%s", tag);
            if (x->kind == YU_FC_LABEL)
                yu_buf_printf(o, " scope=\"%s\"", x->rowspan > 1 && x->col == 0 ? "rowgroup" : "row");
            else if (x->kind == YU_FC_HEAD)
                yu_buf_puts(o, " scope=\"col\"");
            else if (x->kind == YU_FC_MONEY || x->kind == YU_FC_NUM)
                yu_buf_puts(o, " class=\"n\"");
            if (x->colspan > 1)
                yu_buf_printf(o, " colspan=\"%u\"", (unsigned)x->colspan);
            if (x->rowspan > 1)
                yu_buf_printf(o, " rowspan=\"%u\"", (unsigned)x->rowspan);
            yu_buf_puts(o, ">");
            if (x->kind == YU_FC_TEXT && strchr(x->text, '\n')) {
                /* paragraphs */
                for (const char *g = x->text; *g;) {
                    const char *nl = strchr(g, '\n');
                    size_t n = nl ? (size_t)(nl - g) : strlen(g);
                    if (n) {
                        char *line = yu_strndup(g, n);
                        if (!line) {
                            o->oom = 1;
                            return;
                        }
                        yu_buf_puts(o, "<p>");
                        esc(o, line);
                        yu_buf_puts(o, "</p>");
                        free(line);
                    }
                    g = nl ? nl + 1 : g + n;
                }
            } else
                esc(o, x->text);
            yu_buf_printf(o, "</%s>", tag);
        }
        yu_buf_puts(o, r == 0 ? "</tr></thead>\n" : "</tr>\n");
    }
    yu_buf_puts(o, F->nrows > 1 ? "</tbody>\n</table>\n</section>\n" : "</table>\n</section>\n");
}

/* ------------------------------------------------------------------ */
/* charts */

static const char *const PALETTE[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                      "#56B4E9", "#D55E00", "#8C8C8C", "#F0E442"};
#define NPAL (sizeof PALETTE / sizeof *PALETTE)

typedef struct item {
    const char *label; /* not escaped */
    char amt[64];      /* printed amount */
    double v;          /* for geometry only */
} item;

/* Opens a figure and its svg; title and desc are plain text. */
static void fig_open(yu_buf *o, const char *id, const char *title, const char *desc, int w, int h)
{
    yu_buf_printf(o, "\n<figure class=\"chart\" id=\"%s\">\n<figcaption id=\"%s-c\">", id, id);
    esc(o, title);
    yu_buf_printf(o, "</figcaption>\n<svg role=\"img\" aria-labelledby=\"%s-t %s-d\" viewBox=\"0 0 %d %d\" "
                     "width=\"%d\" height=\"%d\">\n<title id=\"%s-t\">",
                  id, id, w, h, w, h, id);
    esc(o, title);
    yu_buf_printf(o, "</title>\n<desc id=\"%s-d\">", id);
    esc(o, desc);
    yu_buf_puts(o, "</desc>\n");
}

/* Closes the svg and writes the visually hidden data table. */
static void fig_data_open(yu_buf *o, const char *title, const char *const *cols, size_t ncols)
{
    yu_buf_puts(o, "</svg>\n<table class=\"sr-only\">\n<caption>");
    esc(o, title);
    yu_buf_puts(o, "（数据）</caption>\n<thead><tr>");
    for (size_t c = 0; c < ncols; c++) {
        yu_buf_puts(o, "<th scope=\"col\">");
        esc(o, cols[c]);
        yu_buf_puts(o, "</th>");
    }
    yu_buf_puts(o, "</tr></thead>\n<tbody>\n");
}

static void fig_data_row(yu_buf *o, const char *head, const char *const *vals, size_t n)
{
    yu_buf_puts(o, "<tr><th scope=\"row\">");
    esc(o, head);
    yu_buf_puts(o, "</th>");
    for (size_t i = 0; i < n; i++) {
        yu_buf_puts(o, "<td>");
        esc(o, vals[i]);
        yu_buf_puts(o, "</td>");
    }
    yu_buf_puts(o, "</tr>\n");
}

static void fig_close(yu_buf *o)
{
    yu_buf_puts(o, "</tbody>\n</table>\n</figure>\n");
}

static void svg_text(yu_buf *o, double x, double y, const char *anchor, const char *cls, const char *s)
{
    yu_buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
    if (anchor)
        yu_buf_printf(o, " text-anchor=\"%s\"", anchor);
    if (cls)
        yu_buf_printf(o, " class=\"%s\"", cls);
    yu_buf_puts(o, ">");
    esc(o, s);
    yu_buf_puts(o, "</text>\n");
}

/* s cut to at most `cols` display columns (CJK = 2), with "…" when cut. */
static void clip_label(const char *s, int cols, char *out, size_t n)
{
    if (!s)
        s = "";
    if (yu_utf8_width(s) <= cols) {
        snprintf(out, n, "%s", s);
        return;
    }
    size_t i = 0, len = strlen(s);
    int w = 0;
    while (i < len) {
        uint32_t cp;
        int k = yu_utf8_decode(s + i, len - i, &cp);
        int cw = cp >= 0x1100 ? 2 : 1;
        if (w + cw > cols - 2 || i + (size_t)k + 4 > n)
            break;
        w += cw;
        i += (size_t)k;
    }
    snprintf(out, n, "%.*s…", (int)i, s);
}

static const yu_cell *cell_at(const yu_table *T, const yu_row *row, const char *key)
{
    int c = yu_ltable_col(T->lt, key);
    return c < 0 ? NULL : &row->cells[c];
}

/* 收入 by source: a donut of the 部门收支总表 left-side lines. */
static int chart_income(yu_buf *o, const yu_doc *d)
{
    static const char *const keys[] = {"gpb", "gf", "soe", "shiye", "jingying", "other+shangji+fushu",
                                       "use_nf_balance", "carry"};
    const yu_table *T = yu_doc_table(d, "summary");
    if (!T)
        return 0;
    int ci = yu_ltable_col(T->lt, "in.amount"), li = yu_ltable_col(T->lt, "in.item");
    if (ci < 0)
        return 0;
    item it[16];
    size_t n = 0;
    double sum = 0;
    const char *total_txt = NULL;
    char tbuf[64];
    for (size_t r = 0; r < T->nrows && n < 16; r++) {
        const yu_row *row = &T->rows[r];
        if (!row->key[0])
            continue;
        const yu_cell *c = &row->cells[ci];
        if (!strcmp(row->key[0], "grand_in") && c->kind == YU_CELL_MONEY) {
            total_txt = yu_cell_text(d, NULL, c, tbuf, sizeof tbuf);
            continue;
        }
        int want = 0;
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            if (!strcmp(row->key[0], keys[k]))
                want = 1;
        if (!want || c->kind != YU_CELL_MONEY || c->v <= 0)
            continue;
        it[n].label = li >= 0 && row->cells[li].kind == YU_CELL_TEXT ? row->cells[li].text : row->name;
        if (!it[n].label)
            it[n].label = "";
        yu_cell_text(d, NULL, c, it[n].amt, sizeof it[n].amt);
        it[n].v = (double)c->v;
        sum += it[n].v;
        n++;
    }
    if (!n || sum <= 0)
        return 0;
    const char *title = "收入预算构成";
    yu_buf desc;
    yu_buf_init(&desc, 0);
    yu_buf_printf(&desc, "环形图：%d年收入按来源划分", d->b->year);
    if (total_txt)
        yu_buf_printf(&desc, "，收入总计%s%s", total_txt, d->unit_label);
    yu_buf_puts(&desc, "。");
    for (size_t i = 0; i < n; i++)
        yu_buf_printf(&desc, "%s%s%s%s", i ? "；" : "", it[i].label, it[i].amt, d->unit_label);
    yu_buf_puts(&desc, "。");
    int H = n * 34 + 40 > 300 ? (int)n * 34 + 40 : 300;
    fig_open(o, "fig-income", title, desc.p, 760, H);
    yu_buf_free(&desc);
    const double cx = 150, cy = H / 2.0, R = 120, r0 = 70, PI = 3.14159265358979323846;
    double cum = 0;
    for (size_t i = 0; i < n; i++) {
        const char *col = PALETTE[i % NPAL];
        double f = it[i].v / sum;
        if (f >= 0.99999) {
            yu_buf_printf(o, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\"/>\n",
                          cx, cy, (R + r0) / 2, col, R - r0);
        } else {
            double a0 = -PI / 2 + 2 * PI * cum, a1 = -PI / 2 + 2 * PI * (cum + f);
            int large = f > 0.5;
            yu_buf_printf(o, "<path d=\"M%.2f %.2fA%.2f %.2f 0 %d 1 %.2f %.2fL%.2f %.2fA%.2f %.2f 0 %d 0 %.2f %.2fZ\" "
                             "fill=\"%s\" stroke=\"#fff\" stroke-width=\"1.5\"/>\n",
                          cx + R * cos(a0), cy + R * sin(a0), R, R, large, cx + R * cos(a1), cy + R * sin(a1),
                          cx + r0 * cos(a1), cy + r0 * sin(a1), r0, r0, large, cx + r0 * cos(a0), cy + r0 * sin(a0),
                          col);
        }
        cum += f;
    }
    if (total_txt) {
        svg_text(o, cx, cy - 6, "middle", "small", "收入总计");
        svg_text(o, cx, cy + 18, "middle", "big", total_txt);
    }
    double ly = cy - (double)n * 34 / 2 + 8;
    for (size_t i = 0; i < n; i++) {
        double y = ly + (double)i * 34;
        yu_buf_printf(o, "<rect x=\"320\" y=\"%.1f\" width=\"16\" height=\"16\" rx=\"2\" fill=\"%s\"/>\n", y,
                      PALETTE[i % NPAL]);
        svg_text(o, 346, y + 13, NULL, NULL, it[i].label);
        svg_text(o, 740, y + 13, "end", NULL, it[i].amt);
    }
    char unit_col[64];
    snprintf(unit_col, sizeof unit_col, "金额（%s）", d->unit_label);
    const char *cols[] = {"收入项目", unit_col};
    fig_data_open(o, title, cols, 2);
    for (size_t i = 0; i < n; i++) {
        const char *v[] = {it[i].amt};
        fig_data_row(o, it[i].label, v, 1);
    }
    if (total_txt) {
        const char *v[] = {total_txt};
        fig_data_row(o, "收入总计", v, 1);
    }
    fig_close(o);
    return 1;
}

/* Horizontal bars, optionally two series stacked or grouped. */
typedef struct bars {
    const char *id, *title, *desc;
    const char *series[2]; /* legend labels */
    int nseries;
    int stacked;            /* 1: series stacked on one bar; 0: grouped */
    const char *label_col;  /* header of the label column in the data table */
    size_t n;
    const char **label;
    double *v[2];
    char (*amt[2])[64];
    char (*tot)[64];        /* printed at the bar end (stacked), or NULL */
    const char *tot_col;    /* header of the total column in the data table */
} bars;

static void draw_bars(yu_buf *o, const yu_doc *d, const bars *B)
{
    const double W = 760, X0 = 210, BW = 430;
    double max = 0;
    for (size_t i = 0; i < B->n; i++) {
        double s = 0;
        for (int k = 0; k < B->nseries; k++) {
            if (B->stacked)
                s += B->v[k][i];
            else if (B->v[k][i] > s)
                s = B->v[k][i];
        }
        if (s > max)
            max = s;
    }
    if (max <= 0)
        max = 1;
    double row_h = B->stacked || B->nseries == 1 ? 36 : 50;
    double top = B->nseries > 1 ? 40 : 12;
    int H = (int)(top + row_h * (double)B->n + 12);
    fig_open(o, B->id, B->title, B->desc, (int)W, H);
    if (B->nseries > 1) {
        double x = X0;
        for (int k = 0; k < B->nseries; k++) {
            yu_buf_printf(o, "<rect x=\"%.1f\" y=\"10\" width=\"14\" height=\"14\" rx=\"2\" fill=\"%s\"/>\n", x,
                          PALETTE[k]);
            svg_text(o, x + 20, 22, NULL, NULL, B->series[k]);
            x += 30 + 14.0 * yu_utf8_width(B->series[k]) / 2 * 1.1 + 20;
        }
    }
    yu_buf_printf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666\"/>\n", X0, top - 4, X0,
                  top + row_h * (double)B->n);
    for (size_t i = 0; i < B->n; i++) {
        double y = top + row_h * (double)i;
        char lab[160];
        clip_label(B->label[i], 30, lab, sizeof lab);
        svg_text(o, X0 - 8, y + row_h / 2 + 4, "end", NULL, lab);
        if (B->stacked) {
            double x = X0;
            for (int k = 0; k < B->nseries; k++) {
                double w = B->v[k][i] / max * BW;
                if (w > 0)
                    yu_buf_printf(o, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"/>\n", x,
                                  y + 8, w, row_h - 16, PALETTE[k]);
                x += w;
            }
            svg_text(o, x + 6, y + row_h / 2 + 4, NULL, NULL, B->tot ? B->tot[i] : B->amt[0][i]);
        } else {
            double bh = (row_h - 14) / B->nseries;
            for (int k = 0; k < B->nseries; k++) {
                double w = B->v[k][i] / max * BW;
                double yy = y + 7 + bh * k;
                if (w > 0)
                    yu_buf_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"/>\n", X0,
                                  yy, w, bh - 2, PALETTE[k]);
                svg_text(o, X0 + w + 6, yy + bh / 2 + 3, NULL, "small", B->amt[k][i]);
            }
        }
    }
    const char *cols[4];
    size_t nc = 0;
    cols[nc++] = B->label_col;
    for (int k = 0; k < B->nseries; k++)
        cols[nc++] = B->series[k];
    if (B->tot)
        cols[nc++] = B->tot_col;
    fig_data_open(o, B->title, cols, nc);
    for (size_t i = 0; i < B->n; i++) {
        const char *v[3];
        size_t m = 0;
        for (int k = 0; k < B->nseries; k++)
            v[m++] = B->amt[k][i];
        if (B->tot)
            v[m++] = B->tot[i];
        fig_data_row(o, B->label[i], v, m);
    }
    fig_close(o);
    (void)d;
}

typedef struct bars_mem {
    const char **label;
    double *v;
    char (*amt)[64];
} bars_mem;

static int bars_alloc(bars_mem *m, size_t n)
{
    m->label = calloc(n + 1, sizeof *m->label);
    m->v = calloc(3 * (n + 1), sizeof *m->v);
    m->amt = calloc(3 * (n + 1), sizeof *m->amt);
    if (!m->label || !m->v || !m->amt) {
        free(m->label);
        free(m->v);
        free(m->amt);
        return 0;
    }
    return 1;
}

static void bars_free(bars_mem *m)
{
    free(m->label);
    free(m->v);
    free(m->amt);
}

static const char *col_label(const yu_table *T, const char *key, const char *dflt)
{
    int c = yu_ltable_col(T->lt, key);
    if (c < 0)
        return dflt;
    int k = hdepth(T->lt, (size_t)c) - 1;
    const char *s = hlabel(T, (size_t)c, k);
    return *s ? s : dflt;
}

/* A class-level row label: "code name". */
static const char *row_label(const yu_doc *d, const yu_row *row, char *buf, size_t n)
{
    (void)d;
    snprintf(buf, n, "%s%s%s", row->code, row->code[0] ? " " : "", row->name ? row->name : "");
    return buf;
}

/* 支出 by 类: 部门支出总表 类 rows, 基本支出 and 项目支出 stacked. */
static int chart_class(yu_buf *o, const yu_doc *d)
{
    const yu_table *T = yu_doc_table(d, "expenditure");
    if (!T || T->empty || yu_ltable_col(T->lt, "basic") < 0 || yu_ltable_col(T->lt, "project") < 0)
        return 0;
    size_t n = 0;
    for (size_t r = 0; r < T->nrows; r++)
        if (T->rows[r].level == 1)
            n++;
    if (!n)
        return 0;
    bars_mem m;
    if (!bars_alloc(&m, n)) {
        o->oom = 1;
        return 0;
    }
    char (*names)[160] = calloc(n, sizeof *names);
    if (!names) {
        bars_free(&m);
        o->oom = 1;
        return 0;
    }
    bars B;
    memset(&B, 0, sizeof B);
    B.v[0] = m.v;
    B.v[1] = m.v + n;
    B.amt[0] = m.amt;
    B.amt[1] = m.amt + n;
    B.tot = m.amt + 2 * n;
    B.label = m.label;
    int has_total = yu_ltable_col(T->lt, "total") >= 0;
    double any = 0;
    size_t i = 0;
    for (size_t r = 0; r < T->nrows; r++) {
        const yu_row *row = &T->rows[r];
        if (row->level != 1)
            continue;
        const yu_cell *b = cell_at(T, row, "basic"), *p = cell_at(T, row, "project");
        B.label[i] = row_label(d, row, names[i], sizeof names[i]);
        B.v[0][i] = b->kind == YU_CELL_MONEY ? (double)b->v : 0;
        B.v[1][i] = p->kind == YU_CELL_MONEY ? (double)p->v : 0;
        yu_cell_text(d, NULL, b, B.amt[0][i], 64);
        yu_cell_text(d, NULL, p, B.amt[1][i], 64);
        if (has_total)
            yu_cell_text(d, NULL, cell_at(T, row, "total"), B.tot[i], 64);
        any += B.v[0][i] + B.v[1][i];
        i++;
    }
    B.n = n;
    if (!has_total)
        B.tot = NULL;
    int done = 0;
    if (any > 0) {
        B.id = "fig-class";
        B.title = "支出预算按功能分类（类）";
        B.series[0] = col_label(T, "basic", "基本支出");
        B.series[1] = col_label(T, "project", "项目支出");
        B.nseries = 2;
        B.stacked = 1;
        B.label_col = "功能分类（类）";
        B.tot_col = col_label(T, "total", "合计");
        yu_buf desc;
        yu_buf_init(&desc, 0);
        yu_buf_printf(&desc, "条形图：%d年支出按功能分类科目（类）划分，每类的%s与%s叠加。", d->b->year, B.series[0],
                      B.series[1]);
        for (size_t k = 0; k < n; k++)
            yu_buf_printf(&desc, "%s%s：%s%s，%s%s，%s%s", k ? "；" : "", B.label[k], B.series[0], B.amt[0][k],
                          B.series[1], B.amt[1][k], B.tot ? B.tot_col : "", B.tot ? B.tot[k] : "");
        yu_buf_printf(&desc, "（%s）。", d->unit_label);
        B.desc = desc.p ? desc.p : "";
        draw_bars(o, d, &B);
        yu_buf_free(&desc);
        done = 1;
    }
    free(names);
    bars_free(&m);
    return done;
}

/* 基本支出 / 项目支出: the 部门支出总表 total row as one 100% bar. */
static int chart_split(yu_buf *o, const yu_doc *d)
{
    const yu_table *T = yu_doc_table(d, "expenditure");
    if (!T || T->empty || yu_ltable_col(T->lt, "basic") < 0 || yu_ltable_col(T->lt, "project") < 0)
        return 0;
    const yu_row *tr = NULL;
    for (size_t r = 0; r < T->nrows; r++)
        if (T->rows[r].flags & YU_ROW_TOTAL)
            tr = &T->rows[r];
    if (!tr)
        return 0;
    const yu_cell *c[2] = {cell_at(T, tr, "basic"), cell_at(T, tr, "project")};
    const yu_cell *tc = cell_at(T, tr, "total");
    double v[2];
    char amt[2][64], tot[64] = "";
    const char *lab[2] = {col_label(T, "basic", "基本支出"), col_label(T, "project", "项目支出")};
    for (int k = 0; k < 2; k++) {
        v[k] = c[k]->kind == YU_CELL_MONEY && c[k]->v > 0 ? (double)c[k]->v : 0;
        yu_cell_text(d, NULL, c[k], amt[k], sizeof amt[k]);
    }
    if (tc)
        yu_cell_text(d, NULL, tc, tot, sizeof tot);
    if (v[0] + v[1] <= 0)
        return 0;
    const char *title = "基本支出与项目支出";
    const char *tl = col_label(T, "total", "合计");
    yu_buf desc;
    yu_buf_init(&desc, 0);
    yu_buf_printf(&desc, "比例条：%d年支出", d->b->year);
    if (*tot)
        yu_buf_printf(&desc, "%s%s%s", tl, tot, d->unit_label);
    yu_buf_printf(&desc, "，其中%s%s%s，%s%s%s。", lab[0], amt[0], d->unit_label, lab[1], amt[1], d->unit_label);
    fig_open(o, "fig-split", title, desc.p ? desc.p : "", 760, 120);
    yu_buf_free(&desc);
    const double X0 = 20, BW = 720;
    double w0 = v[0] / (v[0] + v[1]) * BW;
    if (w0 > 0)
        yu_buf_printf(o, "<rect x=\"%.1f\" y=\"14\" width=\"%.2f\" height=\"40\" fill=\"%s\"/>\n", X0, w0, PALETTE[0]);
    if (BW - w0 > 0)
        yu_buf_printf(o, "<rect x=\"%.2f\" y=\"14\" width=\"%.2f\" height=\"40\" fill=\"%s\"/>\n", X0 + w0, BW - w0,
                      PALETTE[1]);
    char line[160];
    yu_buf_printf(o, "<rect x=\"%.1f\" y=\"72\" width=\"14\" height=\"14\" rx=\"2\" fill=\"%s\"/>\n", X0, PALETTE[0]);
    snprintf(line, sizeof line, "%s %s", lab[0], amt[0]);
    svg_text(o, X0 + 20, 84, NULL, NULL, line);
    yu_buf_printf(o, "<rect x=\"%.1f\" y=\"72\" width=\"14\" height=\"14\" rx=\"2\" fill=\"%s\"/>\n", X0 + 260,
                  PALETTE[1]);
    snprintf(line, sizeof line, "%s %s", lab[1], amt[1]);
    svg_text(o, X0 + 280, 84, NULL, NULL, line);
    if (*tot) {
        snprintf(line, sizeof line, "%s %s", tl, tot);
        svg_text(o, X0 + BW, 84, "end", NULL, line);
    }
    char unit_col[64];
    snprintf(unit_col, sizeof unit_col, "金额（%s）", d->unit_label);
    const char *cols[] = {"支出", unit_col};
    fig_data_open(o, title, cols, 2);
    for (int k = 0; k < 2; k++) {
        const char *x[] = {amt[k]};
        fig_data_row(o, lab[k], x, 1);
    }
    if (*tot) {
        const char *x[] = {tot};
        fig_data_row(o, tl, x, 1);
    }
    fig_close(o);
    return 1;
}

/* 项目资金: one bar per published performance form. */
static int chart_projects(yu_buf *o, const yu_doc *d)
{
    size_t n = d->nperf;
    if (!n)
        return 0;
    bars_mem m;
    if (!bars_alloc(&m, n)) {
        o->oom = 1;
        return 0;
    }
    double any = 0;
    for (size_t i = 0; i < n; i++) {
        m.label[i] = d->perf[i].p->name ? d->perf[i].p->name : "";
        m.v[i] = d->perf[i].total > 0 ? (double)d->perf[i].total : 0;
        yu_fmt_units(d->perf[i].total, d->perf[i].decimals, YU_NUM_TABLE, m.amt[i], 64);
        any += m.v[i];
    }
    int done = 0;
    if (any > 0) {
        const char *title = "项目资金（绩效目标表）";
        yu_buf desc;
        yu_buf_init(&desc, 0);
        yu_buf_printf(&desc, "条形图：公开绩效目标表的%zu个二级项目的年度资金总额（%s）。", n, d->perf[0].unit_label);
        for (size_t i = 0; i < n; i++)
            yu_buf_printf(&desc, "%s%s：%s", i ? "；" : "", m.label[i], m.amt[i]);
        yu_buf_puts(&desc, "。");
        /* names are long: each on its own line above its bar */
        const double W = 760, X0 = 20, BW = 640, RH = 50;
        double max = 0;
        for (size_t i = 0; i < n; i++)
            if (m.v[i] > max)
                max = m.v[i];
        fig_open(o, "fig-projects", title, desc.p ? desc.p : "", (int)W, (int)(RH * (double)n + 10));
        yu_buf_free(&desc);
        for (size_t i = 0; i < n; i++) {
            double y = RH * (double)i;
            char lab[400];
            clip_label(m.label[i], 112, lab, sizeof lab);
            char num[440];
            snprintf(num, sizeof num, "%zu. %s", i + 1, lab);
            svg_text(o, X0, y + 18, NULL, NULL, num);
            double w = m.v[i] / max * BW;
            if (w > 0)
                yu_buf_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"16\" fill=\"%s\"/>\n", X0,
                              y + 25, w, PALETTE[0]);
            svg_text(o, X0 + w + 6, y + 38, NULL, "small", m.amt[i]);
        }
        char unit_col[64];
        snprintf(unit_col, sizeof unit_col, "年度资金总额（%s）", d->unit_label);
        const char *cols[] = {"二级项目名称", unit_col};
        fig_data_open(o, title, cols, 2);
        for (size_t i = 0; i < n; i++) {
            const char *x[] = {m.amt[i]};
            fig_data_row(o, m.label[i], x, 1);
        }
        fig_close(o);
        done = 1;
    }
    bars_free(&m);
    return done;
}

/* The execution report (year.h): 执行率 of each 类 or project as a bar, the
 * share of the year elapsed (序时进度) as a dashed line; a lagging bar is
 * drawn in the second colour.  Figures come from the table's rate and gap
 * cells (序时进度 = rate − gap). */
static void chart_exec(yu_buf *o, const yu_doc *d, const yu_table *T)
{
    int ci = yu_ltable_col(T->lt, "rate"), cg = yu_ltable_col(T->lt, "gap");
    if (ci < 0 || cg < 0 || !d)
        return;
    int by_project = !strcmp(T->lt->id, "project");
    size_t n = 0;
    for (size_t r = 0; r < T->nrows; r++)
        if (!(T->rows[r].flags & YU_ROW_TOTAL) && (by_project || T->rows[r].level == 1) &&
            T->rows[r].cells[ci].kind == YU_CELL_PCT)
            n++;
    if (!n)
        return;
    const char *title = by_project ? "预算执行率（按项目）" : "预算执行率（按支出功能分类科目类级）";
    const double W = 760, X0 = 20, BW = 560, RH = 46;
    int64_t elapsed = 0;
    yu_buf desc;
    yu_buf_init(&desc, 0);
    yu_buf_printf(&desc, "条形图：%s，每条为执行率，虚线为序时进度。", title);
    char id[64];
    snprintf(id, sizeof id, "fig-exec-%s", T->lt->id);
    for (size_t r = 0; r < T->nrows; r++) {
        const yu_row *row = &T->rows[r];
        if ((row->flags & YU_ROW_TOTAL) || !(by_project || row->level == 1) || row->cells[ci].kind != YU_CELL_PCT)
            continue;
        elapsed = row->cells[ci].v - row->cells[cg].v;
        char a[64];
        yu_buf_printf(&desc, "%s：%s%%；", row->name, yu_fmt_units(row->cells[ci].v, 2, YU_NUM_TABLE, a, sizeof a));
    }
    char e[64];
    yu_buf_printf(&desc, "序时进度%s%%。", yu_fmt_units(elapsed, 2, YU_NUM_TABLE, e, sizeof e));
    fig_open(o, id, title, desc.p ? desc.p : "", (int)W, (int)(RH * (double)n + 30));
    yu_buf_free(&desc);
    size_t i = 0;
    for (size_t r = 0; r < T->nrows; r++) {
        const yu_row *row = &T->rows[r];
        if ((row->flags & YU_ROW_TOTAL) || !(by_project || row->level == 1) || row->cells[ci].kind != YU_CELL_PCT)
            continue;
        double y = RH * (double)i++;
        int64_t rate = row->cells[ci].v, gap = row->cells[cg].v;
        char lab[400], num[440], a[64];
        clip_label(row->name, 90, lab, sizeof lab);
        snprintf(num, sizeof num, "%s%s%s", by_project ? "" : row->code, by_project ? "" : " ", lab);
        svg_text(o, X0, y + 16, NULL, NULL, num);
        double w = (double)(rate > 12000 ? 12000 : rate < 0 ? 0 : rate) / 12000.0 * BW;
        int lag = gap < -YU_EXEC_LAG_BP || rate > 10000;
        if (w > 0)
            yu_buf_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"14\" fill=\"%s\"/>\n", X0, y + 22, w,
                          PALETTE[lag ? 5 : 0]);
        yu_fmt_units(rate, 2, YU_NUM_TABLE, a, sizeof a);
        char t[80];
        snprintf(t, sizeof t, "%s%%", a);
        svg_text(o, X0 + w + 6, y + 34, NULL, "small", t);
    }
    double ex = X0 + (double)(elapsed > 12000 ? 12000 : elapsed) / 12000.0 * BW;
    yu_buf_printf(o, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\" stroke-dasharray=\"4 3\"/>\n", ex, ex,
                  RH * (double)n + 4);
    char et[80];
    snprintf(et, sizeof et, "序时进度 %s%%", e);
    svg_text(o, ex, RH * (double)n + 20, "middle", "small", et);
    const char *cols[] = {"执行率（%）", "较序时进度（百分点）"};
    fig_data_open(o, title, cols, 2);
    for (size_t r = 0; r < T->nrows; r++) {
        const yu_row *row = &T->rows[r];
        if ((row->flags & YU_ROW_TOTAL) || !(by_project || row->level == 1) || row->cells[ci].kind != YU_CELL_PCT)
            continue;
        char a[64], g[64];
        const char *x[] = {yu_fmt_units(row->cells[ci].v, 2, YU_NUM_TABLE, a, sizeof a),
                           yu_fmt_units(row->cells[cg].v, 2, YU_NUM_TABLE, g, sizeof g)};
        fig_data_row(o, row->name, x, 2);
    }
    fig_close(o);
}

/* Year on year: 一般公共预算支出表 类 rows, prior 执行数 against this year's budget. */
static int chart_yoy(yu_buf *o, const yu_doc *d)
{
    const yu_table *T = yu_doc_table(d, "gpb");
    if (!T || T->empty || yu_ltable_col(T->lt, "prior") < 0 || yu_ltable_col(T->lt, "total") < 0)
        return 0;
    size_t n = 0;
    for (size_t r = 0; r < T->nrows; r++)
        if (T->rows[r].level == 1)
            n++;
    if (!n)
        return 0;
    bars_mem m;
    if (!bars_alloc(&m, n)) {
        o->oom = 1;
        return 0;
    }
    char (*names)[160] = calloc(n, sizeof *names);
    if (!names) {
        bars_free(&m);
        o->oom = 1;
        return 0;
    }
    bars B;
    memset(&B, 0, sizeof B);
    B.v[0] = m.v;
    B.v[1] = m.v + n;
    B.amt[0] = m.amt;
    B.amt[1] = m.amt + n;
    B.label = m.label;
    double any = 0;
    size_t i = 0;
    for (size_t r = 0; r < T->nrows; r++) {
        const yu_row *row = &T->rows[r];
        if (row->level != 1)
            continue;
        const yu_cell *a = cell_at(T, row, "prior"), *b = cell_at(T, row, "total");
        B.label[i] = row_label(d, row, names[i], sizeof names[i]);
        B.v[0][i] = a->kind == YU_CELL_MONEY && a->v > 0 ? (double)a->v : 0;
        B.v[1][i] = b->kind == YU_CELL_MONEY && b->v > 0 ? (double)b->v : 0;
        yu_cell_text(d, NULL, a, B.amt[0][i], 64);
        yu_cell_text(d, NULL, b, B.amt[1][i], 64);
        if (!*B.amt[0][i])
            money(d, 0, B.amt[0][i], 64);
        if (!*B.amt[1][i])
            money(d, 0, B.amt[1][i], 64);
        any += B.v[0][i] + B.v[1][i];
        i++;
    }
    B.n = n;
    int done = 0;
    if (any > 0) {
        int pc = yu_ltable_col(T->lt, "prior"), tc = yu_ltable_col(T->lt, "total");
        B.id = "fig-yoy";
        B.title = "一般公共预算支出：上年执行数与本年预算数";
        B.series[0] = *hlabel(T, (size_t)pc, 0) ? hlabel(T, (size_t)pc, 0) : "上年执行数";
        B.series[1] = *hlabel(T, (size_t)tc, 0) ? hlabel(T, (size_t)tc, 0) : "本年预算数";
        B.nseries = 2;
        B.stacked = 0;
        B.label_col = "功能分类（类）";
        yu_buf desc;
        yu_buf_init(&desc, 0);
        yu_buf_printf(&desc, "分组条形图：一般公共预算支出按功能分类科目（类），%s与%s对比。", B.series[0],
                      B.series[1]);
        for (size_t k = 0; k < n; k++)
            yu_buf_printf(&desc, "%s%s：%s%s，%s%s", k ? "；" : "", B.label[k], B.series[0], B.amt[0][k],
                          B.series[1], B.amt[1][k]);
        yu_buf_printf(&desc, "（%s）。", d->unit_label);
        B.desc = desc.p ? desc.p : "";
        draw_bars(o, d, &B);
        yu_buf_free(&desc);
        done = 1;
    }
    free(names);
    bars_free(&m);
    return done;
}

/* Charts placed after the first paragraph that follows a heading naming
 * their subject; any not placed by the end of 第三部分 go there. */
enum { CH_INCOME, CH_SPLIT, CH_CLASS, CH_YOY, CH_PROJECTS, CH_N };

typedef struct chart_state {
    int placed[CH_N];
    int pending[CH_N];
} chart_state;

static void chart_emit(yu_buf *o, const yu_doc *d, int c)
{
    switch (c) {
    case CH_INCOME: chart_income(o, d); break;
    case CH_SPLIT: chart_split(o, d); break;
    case CH_CLASS: chart_class(o, d); break;
    case CH_YOY: chart_yoy(o, d); break;
    case CH_PROJECTS: chart_projects(o, d); break;
    default: break;
    }
}

static void charts_flush(yu_buf *o, const yu_doc *d, chart_state *S, int all)
{
    for (int c = 0; c < CH_N; c++)
        if (!S->placed[c] && (all || S->pending[c])) {
            chart_emit(o, d, c);
            S->placed[c] = 1;
            S->pending[c] = 0;
        }
}

static void charts_mark(chart_state *S, const char *heading)
{
    if (!heading)
        return;
    if (strstr(heading, "年收入预算情况说明"))
        S->pending[CH_INCOME] = 1;
    if (strstr(heading, "年支出预算情况说明")) {
        S->pending[CH_SPLIT] = 1;
        S->pending[CH_CLASS] = 1;
    }
    if (strstr(heading, "一般公共预算当年拨款情况说明"))
        S->pending[CH_YOY] = 1;
    if (strstr(heading, "预算绩效情况"))
        S->pending[CH_PROJECTS] = 1;
}

/* ------------------------------------------------------------------ */
/* document */

static void open_tag(yu_buf *o, const char *tag, const char *cls, int brk, const char *id)
{
    yu_buf_printf(o, "<%s", tag);
    if (cls || brk)
        yu_buf_printf(o, " class=\"%s%s%s\"", cls ? cls : "", cls && brk ? " " : "", brk ? "brk" : "");
    if (id) {
        yu_buf_puts(o, " id=\"");
        esc(o, id);
        yu_buf_puts(o, "\"");
    }
    yu_buf_puts(o, ">");
}

static void html_toc(yu_buf *o, const yu_block *b, int brk)
{
    yu_buf_printf(o, "\n<nav class=\"toc%s\" aria-labelledby=\"toc-h\">\n<h2 id=\"toc-h\">目 录</h2>\n<ol>\n",
                  brk ? " brk" : "");
    int in_li = 0, in_sub = 0;
    for (size_t k = 0; k < b->nsegs; k++) {
        int lv = b->levels ? b->levels[k] : 0;
        if (lv > 0 && in_li) {
            if (!in_sub) {
                yu_buf_puts(o, "\n<ol>\n");
                in_sub = 1;
            }
            yu_buf_puts(o, "<li>");
        } else {
            if (in_sub)
                yu_buf_puts(o, "</ol>\n");
            if (in_li)
                yu_buf_puts(o, "</li>\n");
            in_sub = 0;
            yu_buf_puts(o, "<li>");
            in_li = 1;
        }
        const yu_seg *s = &b->segs[k];
        if (s->table) {
            yu_buf_puts(o, "<a href=\"#");
            esc(o, s->table);
            yu_buf_puts(o, "\">");
            esc(o, s->text);
            yu_buf_puts(o, "</a>");
        } else
            esc(o, s->text);
        if (lv > 0 && in_sub)
            yu_buf_puts(o, "</li>\n");
    }
    if (in_sub)
        yu_buf_puts(o, "</ol>\n");
    if (in_li)
        yu_buf_puts(o, "</li>\n");
    yu_buf_puts(o, "</ol>\n</nav>\n");
}

static void html_para(yu_buf *o, const yu_doc *d, const yu_block *b, int brk)
{
    char buf[64];
    yu_buf_puts(o, "\n");
    open_tag(o, "p", NULL, brk, NULL);
    for (size_t i = 0; i < b->nsegs; i++)
        esc2(o, yu_seg_text(d, &b->segs[i], buf, sizeof buf), 1);
    yu_buf_puts(o, "</p>\n");
}

yu_status rt_html(const yu_doc *d, yu_buf *o, yu_error *err)
{
    const char *name = d->title, *sub = NULL;
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == YU_B_TITLE) {
            name = d->blocks[i].text;
            sub = d->blocks[i].sub;
            break;
        }
    yu_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"yusuan\">\n<title>");
    esc(o, name);
    esc(o, sub);
    yu_buf_puts(o, "</title>\n<style>\n");
    yu_buf_puts(o, CSS);
    yu_buf_puts(o, "</style>\n</head>\n<body>\n<main>\n");

    chart_state S;
    memset(&S, 0, sizeof S);
    int brk = 0, in_part3 = 0;
    yu_block_kind prev = YU_B_TITLE;
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *b = &d->blocks[i];
        if (in_part3 && (b->kind == YU_B_PAGEBREAK || b->kind == YU_B_PART)) {
            charts_flush(o, d, &S, 1);
            in_part3 = 0;
        }
        switch (b->kind) {
        case YU_B_TITLE:
            yu_buf_puts(o, "<header class=\"cover\">\n<h1><span>");
            esc(o, b->text);
            yu_buf_puts(o, "</span>");
            if (b->sub) {
                yu_buf_puts(o, "<span class=\"sub\">");
                esc(o, b->sub);
                yu_buf_puts(o, "</span>");
            }
            yu_buf_puts(o, "</h1>\n</header>\n");
            break;
        case YU_B_TOC:
            html_toc(o, b, brk);
            break;
        case YU_B_PART:
            yu_buf_puts(o, "\n");
            open_tag(o, "h2", "part", brk, b->anchor);
            yu_buf_puts(o, "<span>");
            esc(o, b->text);
            yu_buf_puts(o, "</span>");
            if (b->sub) {
                yu_buf_puts(o, "<span class=\"sub\">");
                esc(o, b->sub);
                yu_buf_puts(o, "</span>");
            }
            yu_buf_puts(o, "</h2>\n");
            if (b->anchor && !strcmp(b->anchor, "part-3"))
                in_part3 = 1;
            break;
        case YU_B_H1:
        case YU_B_H2:
            yu_buf_puts(o, "\n");
            open_tag(o, b->kind == YU_B_H1 ? "h3" : "h4", NULL, brk, b->anchor);
            esc(o, b->text);
            yu_buf_puts(o, b->kind == YU_B_H1 ? "</h3>\n" : "</h4>\n");
            if (in_part3)
                charts_mark(&S, b->text);
            break;
        case YU_B_PARA:
            html_para(o, d, b, brk);
            if (in_part3)
                charts_flush(o, d, &S, 0);
            break;
        case YU_B_TABLE:
            if (b->index < d->ntables)
                html_table(o, d, &d->tables[b->index], b->anchor);
            if (b->index < d->ntables && d->L && d->L->kind && !strcmp(d->L->kind, "execution"))
                chart_exec(o, d, &d->tables[b->index]); /* the year's execution report (year.h) */
            break;
        case YU_B_PERF:
            if (b->index < d->nperf)
                html_perf(o, &d->perf[b->index], b->index, brk || prev == YU_B_PERF);
            break;
        case YU_B_PAGEBREAK:
            break;
        }
        brk = b->kind == YU_B_PAGEBREAK;
        prev = b->kind;
    }
    charts_flush(o, d, &S, 1);
    yu_buf_puts(o, "</main>\n</body>\n</html>\n");
    if (o->oom)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    return YU_OK;
}
