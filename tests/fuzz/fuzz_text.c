/* libFuzzer harness: the audit of a disclosure's text — read without a
 * template (yu_read_any) with every check on it (identities, narrative,
 * performance forms, words, claims) and its extraction (JSON, CSV); and read
 * with the central template's layout (yu_audit_text) with the rules of
 * rules.h.  Seeds: text of examples/ and of ../shared/seeds. */
#include "fuzz.h"

static yu_vocab *vocab, *words;
static yu_layout *layout;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fz_catalogs();
    yu_error e;
    yu_error_clear(&e);
    fz_need(yu_vocab_load(YU_DATADIR "/vocab/budget.vocab", &vocab, &e), &e, "budget.vocab");
    fz_need(yu_vocab_load(YU_DATADIR "/vocab/words.vocab", &words, &e), &e, "words.vocab");
    fz_need(yu_layout_load(YU_DATADIR "/layouts/central-budget.layout", &layout, &e), &e, "layout");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!vocab)
        LLVMFuzzerInitialize(NULL, NULL);
    /* the readers take text as (pointer, length) and also read it as a string */
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    yu_error e;
    yu_error_clear(&e);
    yu_gdoc *g = NULL;
    if (yu_read_any(text, size, "fuzz.txt", vocab, &g, &e) == YU_OK) {
        yu_findings fs = {0};
        yu_any_info ai;
        yu_check_any(g, vocab, text, size, &fs, &ai);
        yu_check_words(text, size, NULL, words, &fs);
        yu_check_claims(g, vocab, words, &fs);
        yu_findings_free(&fs);
        char *out = NULL;
        size_t len;
        if (yu_gdoc_json(g, &out, &len, &e) == YU_OK)
            free(out);
        if (yu_gdoc_csv(g, 1, &out, &len, &e) == YU_OK)
            free(out);
        yu_gdoc_free(g);
    }
    yu_doc *d = NULL;
    yu_audit_info info;
    yu_error_clear(&e);
    if (yu_audit_text(text, size, "fuzz.txt", layout, fz_func, &d, &info, &e) == YU_OK && d) {
        d->econ = fz_econ;
        yu_findings fs = {0};
        yu_check_doc(d, &fs);
        yu_check_text(d, text, size, &fs);
        yu_findings_free(&fs);
        yu_doc_free(d);
    }
    free(text);
    return 0;
}
