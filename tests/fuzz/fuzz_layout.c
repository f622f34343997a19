/* libFuzzer harness: the template layout parser (yu_layout_load), then scoring
 * a small document against the layout it gave. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fz_write("fuzz.layout", data, size);
    yu_layout *L = NULL;
    yu_error e;
    yu_error_clear(&e);
    if (yu_layout_load(path, &L, &e) == YU_OK) {
        static const char text[] = "部门预算\n收支总表\n单位：万元\n项目 预算数\n合计 100.00\n";
        (void)yu_layout_score(L, text, sizeof text - 1);
        yu_layout_free(L);
    } else if (!e.msg[0])
        abort();
    return 0;
}
