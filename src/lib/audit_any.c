/* Every check of a disclosure read without a template (read.h). */
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include "yusuan/read.h"
#include "yusuan/engine.h"
#include "internal.h"

yu_status yu_check_any(const yu_gdoc *d, const yu_vocab *v, const char *text, size_t len, yu_findings *out,
                       yu_any_info *info)
{
    yu_any_info dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof *info);
    int *unsure = calloc(d->ntables + 1, sizeof *unsure);
    if (!unsure)
        return YU_ENOMEM;
    size_t first = out->n;
    /* a text without column layout: its tables cannot be read, so nothing is
     * checked against them (the text rules below still apply) */
    yu_status st = d->flat ? YU_OK : yu_infer_check_counts(d, v, out, &info->checked, &info->held, unsure);
    /* text laid out in characters (pdftotext -layout) places columns only
     * roughly: an identity that fails there is worth a look, not a letter */
    for (size_t i = first; i < out->n && d->approximate; i++) {
        yu_finding *f = &out->f[i];
        if (f->sev != YU_SEV_ERROR && f->sev != YU_SEV_MISSING)
            continue;
        f->sev = YU_SEV_WARNING;
        size_t l = strlen(f->msg);
        snprintf(f->msg + l, sizeof f->msg - l, "（按pdftotext版式文本读出，列位置可能有偏差，请以PDF核对）");
        yu_utf8_clip(f->msg);
    }
    for (size_t i = 0; i < d->ntables; i++) {
        info->tables++;
        info->complete += d->tables[i].complete && !unsure[i] && !d->flat;
    }
    free(unsure);
    if (!st && !d->flat)
        st = yu_gnarr_check(d, v, out);
    if (!st && !d->flat)
        st = yu_gperf_check(d, v, out);
    if (st)
        return st;
    /* findings on a page read by OCR say so */
    for (size_t i = 0; i < out->n && d->ocr; i++) {
        yu_finding *f = &out->f[i];
        if (f->page >= 1 && f->page <= d->npages && d->ocr[f->page - 1]) {
            size_t l = strlen(f->msg);
            snprintf(f->msg + l, sizeof f->msg - l, "（第%d页由OCR识别）", f->page);
            yu_utf8_clip(f->msg);
        }
    }
    /* the text rules need only the unit's name and year */
    yu_budget b;
    memset(&b, 0, sizeof b);
    b.name = (char *)d->unit_name;
    b.year = d->year;
    yu_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.b = &b;
    doc.title = d->unit_name ? d->unit_name : "";
    size_t before = out->n;
    st = yu_check_text(&doc, text, len, out);
    /* D-UNIT compares a heading's unit with the title's exactly; without a
     * template the unit found may be a department whose headings name its
     * 本级: W-WHO (rules_claims.c) judges names, so D-UNIT is left out here */
    size_t w = before;
    for (size_t i = before; i < out->n; i++)
        if (strcmp(out->f[i].rule, "D-UNIT"))
            out->f[w++] = out->f[i];
    out->n = w;
    return st;
}

yu_status yu_gnarr_check_beside(const yu_gdoc *d, const yu_vocab *v, yu_findings *out)
{
    if (d->flat)
        return YU_OK;
    yu_findings g = {0};
    yu_status st = yu_gnarr_check(d, v, &g);
    size_t have = out->n;
    for (size_t i = 0; !st && i < g.n; i++) {
        const yu_finding *f = &g.f[i];
        if (f->sev != YU_SEV_ERROR || f->line <= 0)
            continue;
        int near = 0;
        for (size_t k = 0; k < have && !near; k++) {
            const yu_finding *o = &out->f[k];
            near = o->line > 0 && abs(o->line - f->line) <= 2 && (o->rule[0] == 'N' || o->rule[0] == 'W');
        }
        if (near)
            continue;
        if (out->n == out->cap) {
            size_t nc = out->cap ? out->cap * 2 : 16;
            yu_finding *nf = realloc(out->f, nc * sizeof *nf);
            if (!nf) {
                st = YU_ENOMEM;
                break;
            }
            out->f = nf;
            out->cap = nc;
        }
        out->f[out->n++] = *f;
    }
    yu_findings_free(&g);
    return st;
}
