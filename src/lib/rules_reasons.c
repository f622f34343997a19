/* The reasons a compiled document owes its reader (rules.h,
 * yu_check_reasons): every change its narrative states of 10% or more of
 * last year's figure (or from nothing) is followed, in its paragraph, by the
 * reason for it.  The reasons are the preparer's words (notes.csv:
 * gpb_change, func:CODE), so the finding says which note to write. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/rules.h"
#include "yusuan/render.h"
#include "internal.h"
#include "rules_internal.h"

static const yu_rule_info RULES[] = {
    {"N-REASON", "a change the narrative states of 10% or more of last year's figure, or from nothing, gives its "
                 "reason in the same paragraph (主要原因…); the note to write is named (check, warning)"},
};

const yu_rule_info *yu_reasons_rules(size_t *n)
{
    *n = sizeof RULES / sizeof RULES[0];
    return RULES;
}

/* The walk of both: with `out`, a finding per reason owed; with `keys`, the
 * note key of each (once each, in the document's order). */
static yu_status reasons(const yu_doc *d, yu_findings *out, char ***keys, size_t *nkeys)
{
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const yu_block *B = &d->blocks[bi];
        if (B->kind != YU_B_PARA)
            continue;
        int reason = 0;
        for (size_t i = 0; i < B->nsegs && !reason; i++)
            reason = B->segs[i].kind == YU_SEG_TEXT && B->segs[i].text && strstr(B->segs[i].text, "原因");
        if (reason)
            continue;
        for (size_t i = 1; i < B->nsegs; i++) {
            const yu_seg *g = &B->segs[i];
            if (g->kind != YU_SEG_MONEY || !g->col || strcmp(g->col, "diff") || !g->v || !g->table || !g->row)
                continue;
            /* this year's figure of the same cell before it, and the words between */
            const yu_seg *f = NULL;
            for (size_t k = i; k-- > 0 && !f;)
                if (B->segs[k].kind == YU_SEG_MONEY && B->segs[k].table && B->segs[k].row &&
                    !strcmp(B->segs[k].table, g->table) && !strcmp(B->segs[k].row, g->row) &&
                    (!B->segs[k].col || strcmp(B->segs[k].col, "diff")))
                    f = &B->segs[k];
            const char *w = B->segs[i - 1].kind == YU_SEG_TEXT && B->segs[i - 1].text ? B->segs[i - 1].text : "";
            int up = strstr(w, "增加") != NULL, down = strstr(w, "减少") != NULL;
            if (!f || up == down)
                continue;
            int64_t last = up ? f->v - g->v : f->v + g->v;
            if (last > 0 && g->v * 10 < last)
                continue; /* less than 10% of last year */
            char key[40];
            if (!strcmp(g->row, "total"))
                snprintf(key, sizeof key, "%s_change", g->table);
            else
                snprintf(key, sizeof key, "func:%s", g->row);
            if (keys) {
                int seen = 0;
                for (size_t k = 0; k < *nkeys && !seen; k++)
                    seen = !strcmp((*keys)[k], key);
                if (seen)
                    continue;
                char **nk = realloc(*keys, (*nkeys + 1) * sizeof *nk);
                if (!nk)
                    return YU_ENOMEM;
                *keys = nk;
                if (!(nk[*nkeys] = yu_strdup(key)))
                    return YU_ENOMEM;
                (*nkeys)++;
                continue;
            }
            char a[48], b[48];
            yu_seg_text(d, f, a, sizeof a);
            yu_seg_text(d, g, b, sizeof b);
            const char *u = d->L && d->L->prose_label ? d->L->prose_label : d->unit_label ? d->unit_label : "";
            yu_finding *x = yu_findings_addf(out, "N-REASON", YU_SEV_WARNING, "narrative", g->row, "diff", g->v, 0,
                                 "情况说明“%s%s……%s%s%s”没有说明变化的原因：变化达上年的10%%以上，应写明"
                                 "主要原因（说明键 %s：预算包的 notes.csv 或工作簿的“说明”表）。",
                                 a, u, up ? "增加" : "减少", b, u, key);
            if (!x)
                return YU_ENOMEM;
            x->fen = g->unit_fen; /* the change as the narrative prints it */
        }
    }
    return YU_OK;
}

yu_status yu_check_reasons(const yu_doc *d, yu_findings *out)
{
    if (!d || !out)
        return YU_EUSAGE;
    return reasons(d, out, NULL, NULL);
}

yu_status yu_reasons_owed(const yu_doc *d, char ***keys, size_t *n)
{
    if (!d || !keys || !n)
        return YU_EUSAGE;
    *keys = NULL;
    *n = 0;
    yu_status st = reasons(d, NULL, keys, n);
    if (st) {
        yu_reasons_free(*keys, *n);
        *keys = NULL;
        *n = 0;
    }
    return st;
}

void yu_reasons_free(char **keys, size_t n)
{
    for (size_t i = 0; keys && i < n; i++)
        free(keys[i]);
    free(keys);
}
