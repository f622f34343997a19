/* libFuzzer harness: the workbook readers — the input workbook loader
 * (yu_load_xlsx, and yu_load_xlsx_all: every error at once and the checks
 * over the rows read) and, underneath, any .xlsx (yu_xlsx_open, every sheet
 * and cell and merged range) — and the annotator (yu_xlsx_annotate: notes on
 * the first sheet's cells, written to a copy).  Seeds: workbooks written by
 * yusuan template. */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fz_catalogs();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fz_func)
        LLVMFuzzerInitialize(NULL, NULL);
    const char *path = fz_write("fuzz.xlsx", data, size);
    yu_error e;
    yu_error_clear(&e);
    yu_budget *b = NULL;
    if (yu_load_xlsx(path, fz_func, fz_econ, &b, &e) == YU_OK)
        yu_budget_free(b);
    else if (!e.msg[0])
        abort();
    yu_errors *errs = yu_errors_new();
    b = NULL;
    if (errs && yu_load_xlsx_all(path, fz_func, fz_econ, &b, errs, &e) == YU_OK)
        yu_budget_free(b);
    yu_errors_free(errs);
    yu_xlsx *x = NULL;
    yu_error_clear(&e);
    if (yu_xlsx_open(path, &x, &e) != YU_OK)
        return 0;
    if (yu_xlsx_nsheets(x)) {
        /* the annotator over whatever the reader accepts: it succeeds or says why */
        char w1[300], w2[300], out[1100];
        snprintf(w1, sizeof w1, "%.250s!B2", yu_xlsx_sheet_name(x, 0));
        snprintf(w2, sizeof w2, "%.250s!A1", yu_xlsx_sheet_name(x, yu_xlsx_nsheets(x) - 1));
        const yu_xnote notes[] = {{w1, "R", 0, "错误"}, {w2, NULL, 1, "警告"}, {"", NULL, 0, "无处"}};
        snprintf(out, sizeof out, "%s.annot.xlsx", path);
        yu_error_clear(&e);
        if (yu_xlsx_annotate(path, out, notes, 3, &e) != YU_OK && !e.msg[0])
            abort();
    }
    size_t n = yu_xlsx_nsheets(x), total = 0;
    for (size_t i = 0; i < n; i++) {
        const yu_xsheet *s;
        if (yu_xlsx_sheet(x, yu_xlsx_sheet_name(x, i), &s, &e) != YU_OK)
            continue;
        for (size_t k = 0; k < s->ncells; k++)
            total += strlen(s->cells[k].text) + strlen(s->cells[k].numfmt);
        for (uint32_t r = 0; r < s->nrows && r < 64; r++)
            for (uint32_t c = 0; c < s->ncols && c < 64; c++) {
                const yu_xcell *v = yu_xsheet_value(s, r, c);
                total += v ? strlen(v->text) : 0;
            }
    }
    yu_xlsx_close(x);
    return total == (size_t)-1;
}
