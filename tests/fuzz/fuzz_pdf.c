/* libFuzzer harness: the PDF audit — a PDF read through poppler
 * (yu_pdf_text_ex, OCR off: tesseract is far too slow to fuzz), then the
 * text read without a template and checked.  Seeds: tests/fuzz/corpus/pdf
 * (small PDFs made here) and, by `make fuzz`, the smallest PDFs of
 * ../shared/corpus (never committed). */
#include "fuzz.h"

static yu_vocab *vocab;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    yu_error e;
    yu_error_clear(&e);
    fz_need(yu_vocab_load(YU_DATADIR "/vocab/budget.vocab", &vocab, &e), &e, "budget.vocab");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!vocab)
        LLVMFuzzerInitialize(NULL, NULL);
    const char *path = fz_write("fuzz.pdf", data, size);
    yu_pdf_opts o;
    yu_pdf_opts_init(&o);
    o.ocr = 0;
    char *text = NULL;
    size_t len = 0;
    unsigned char *pages = NULL;
    int np = 0;
    yu_error e;
    yu_error_clear(&e);
    if (yu_pdf_text_ex(path, &o, &text, &len, &pages, &np, &e) != YU_OK) {
        if (!e.msg[0])
            abort();
        return 0;
    }
    yu_gdoc *g = NULL;
    if (yu_read_any(text, len, "fuzz.pdf", vocab, &g, &e) == YU_OK) {
        yu_gdoc_mark_ocr(g, pages, np);
        yu_findings fs = {0};
        yu_check_any(g, vocab, text, len, &fs, NULL);
        yu_findings_free(&fs);
        yu_gdoc_free(g);
    }
    free(pages);
    free(text);
    return 0;
}
