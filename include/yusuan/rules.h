/* yusuan — consistency rules (docs/rules.md).
 *
 * Rules run over a compiled or read-back document and report findings with
 * rule id, severity, table, row and column, the figures that disagree and a
 * sentence a reviewer can paste into a letter. */
#ifndef YUSUAN_RULES_H
#define YUSUAN_RULES_H

#include "engine.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum yu_severity {
    YU_SEV_ERROR = 0, /* the figures contradict each other */
    YU_SEV_ROUNDING,  /* a difference display rounding explains */
    YU_SEV_WARNING,   /* suspicious but not provably wrong */
    YU_SEV_MISSING    /* a blank cell where the identities imply a value */
} yu_severity;

typedef struct yu_finding {
    const char *rule;   /* rule id, e.g. T-ROW-SUM */
    yu_severity sev;
    char table[160];    /* table id or title, or "narrative" */
    char row[64];       /* row code or label */
    char col[48];       /* column key */
    int64_t got, want;  /* money: printed digits of the table the finding names (its own unit; the
                           finest unit of the tables an identity across tables compares; the
                           document's for the narrative read with a template, 分 for the narrative
                           read without one), or basis points, or a rate's printed digits */
    char msg[768];      /* one plain Chinese sentence */
    int page, line;     /* where in the document (audit), 0 when unknown */
    int64_t fen;        /* 分 per unit of got and want when they are money (a figure of the unit the
                           finding speaks in: 10000 for 0.01 万元, 1 for 分); 0 when they are not
                           money (basis points, counts) or the rule does not say (the document's) */
} yu_finding;

typedef struct yu_findings {
    yu_finding *f;
    size_t n, cap;
} yu_findings;

/* Runs every rule over the document, appending to out. */
yu_status yu_check_doc(const yu_doc *d, yu_findings *out);
void yu_findings_free(yu_findings *f);
/* Number of findings of a severity. */
size_t yu_findings_count(const yu_findings *f, yu_severity sev);
const char *yu_severity_name(yu_severity s);

/* The rule catalogue: id and the identity it checks (for `yusuan rules`). */
typedef struct yu_rule_info {
    const char *id;
    const char *identity;
} yu_rule_info;
const yu_rule_info *yu_rules(size_t *n);

/* Rules over a published document's text (docs/rules.md, "Text rules"):
 * placeholders left in (XX, 待填写), paragraphs printed twice, a unit name
 * or year that differs from the title's, tables of the template missing.
 * `text` is the document's text as read; appends to out. */
yu_status yu_check_text(const yu_doc *d, const char *text, size_t len, yu_findings *out);
const yu_rule_info *yu_text_rules(size_t *n);

/* Across years (docs/rules.md, "Across years"): a document read with its
 * template against last year's document of the same unit and template kept
 * in the store (yu_store_import_doc): the layout's `prior` cells (Y-CARRY)
 * and the narrative's changes against last year (Y-CHANGE).  Nothing is
 * checked when the store keeps no such document.  Appends to out. */
struct yu_store;
/* The reasons a compiled document owes (docs/rules.md, N-REASON): a change
 * its narrative states of 10% or more of last year's figure without its
 * reason in the paragraph; the finding names the note to write. */
yu_status yu_check_reasons(const yu_doc *d, yu_findings *out);
/* The same decision, as the note keys owed (gpb_change, func:CODE): each
 * once, in the document's order, into a new array of new strings (free with
 * yu_reasons_free).  A document compiled without its notes owes every
 * reason its changes call for (the 说明 sheet's rows, yusuan template). */
yu_status yu_reasons_owed(const yu_doc *d, char ***keys, size_t *n);
void yu_reasons_free(char **keys, size_t n);
const yu_rule_info *yu_reasons_rules(size_t *n);
yu_status yu_check_years(const yu_doc *d, struct yu_store *s, yu_findings *out, yu_error *err);
const yu_rule_info *yu_years_rules(size_t *n);

#ifdef __cplusplus
}
#endif

#endif
