/* yusuan — narrative rules over a published document's words (docs/rules.md,
 * "Narrative rules"): template leftovers (W-LEFTOVER), typography a reader
 * notices (W-TYPO), template alternatives left unresolved (W-ALTERNATIVE).
 *
 * The words are data (data/vocab/words.vocab, the format of read.h's
 * vocabulary).  Findings go to table "narrative", row = the rule's subject
 * (the placeholder, the pair, the punctuation), got = how many times it is
 * printed; repeats are one finding with their count and first pages. */
#ifndef YUSUAN_WORDS_H
#define YUSUAN_WORDS_H

#include <stddef.h>
#include "error.h"
#include "rules.h"
#include "read.h"

#ifdef __cplusplus
extern "C" {
#endif

/* `text` is the document's text as read (lines separated by '\n', pages by
 * '\f').  The words come from the vocabulary file at words_vocab_path when
 * it is not NULL, otherwise from `words` (yu_vocab_load of that file); with
 * neither the call is YU_EUSAGE.  Appends to out. */
yu_status yu_check_words(const char *text, size_t len, const char *words_vocab_path, const yu_vocab *words,
                         yu_findings *out);
/* The rule catalogue of these rules (for `yusuan rules`). */
const yu_rule_info *yu_words_rules(size_t *n);

/* What the narrative claims about the tables and about itself (issue 10,
 * items 3 and 4; rules_claims.c): lists of what an aggregate consists of
 * against the table's non-zero rows, the unit's name and the year the same
 * everywhere, a 元 figure where 万元 was meant.  d is the document read
 * without a template (read.h); words the narrative vocabulary (words.vocab). */
yu_status yu_check_claims(const yu_gdoc *d, const yu_vocab *v, const yu_vocab *words, yu_findings *out);
/* The same, with the document as read (or compiled) with its template when
 * there is one: its tables are used where the claims need rows and figures
 * (W-LIST, the 基本支出 table); doc may be NULL.  words NULL skips W-LIST. */
struct yu_doc;
yu_status yu_check_claims_doc(const yu_gdoc *d, const struct yu_doc *doc, const yu_vocab *v, const yu_vocab *words,
                              yu_findings *out);
const yu_rule_info *yu_claims_rules(size_t *n);

#ifdef __cplusplus
}
#endif

#endif
