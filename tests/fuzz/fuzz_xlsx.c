/* libFuzzer harness: the workbook readers — the input workbook loader
 * (yu_load_xlsx) and, underneath, any .xlsx (yu_xlsx_open, every sheet and
 * cell and merged range).  Seeds: workbooks written by yusuan template. */
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
    yu_xlsx *x = NULL;
    yu_error_clear(&e);
    if (yu_xlsx_open(path, &x, &e) != YU_OK)
        return 0;
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
