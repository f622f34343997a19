/* libFuzzer harness: the CSV reader (src/lib/util.c, yu_csv_*), over memory. */
#include "fuzz.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yu_csv c;
    yu_error e;
    yu_error_clear(&e);
    yu_csv_init(&c, (const char *)data, size, "fuzz.csv");
    size_t total = 0;
    int r;
    while ((r = yu_csv_next(&c, &e)) == 1) {
        for (size_t i = 0; i < c.nfields; i++)
            total += strlen(c.fields[i]);
        (void)yu_csv_col(&c, "amount");
    }
    if (r < 0 && !e.msg[0])
        abort(); /* an error must say what */
    yu_csv_free(&c);
    return total == (size_t)-1;
}
