/* libFuzzer harness: the catalogue loader (yu_catalog_add_file), its names read back. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fz_write("catalog.tsv", data, size);
    yu_catalog *c = yu_catalog_new();
    if (!c)
        return 0;
    yu_error e;
    yu_error_clear(&e);
    if (yu_catalog_add_file(c, path, &e) == YU_OK) {
        size_t n = yu_catalog_size(c), total = 0;
        for (size_t i = 0; i < n; i++) {
            const char *code, *name;
            yu_catalog_at(c, i, &code, &name);
            const char *again = yu_catalog_name(c, code);
            if (!again)
                abort(); /* a listed code must be found */
            total += strlen(name);
        }
        (void)yu_catalog_name_num(c, 201, 3);
        (void)total;
    } else if (!e.msg[0])
        abort();
    yu_catalog_free(c);
    return 0;
}
