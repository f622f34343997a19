/* Performance forms (项目支出绩效目标表) read as forms (read.h). */
#include <string.h>
#include "yusuan/read.h"
#include "internal.h"
#include "gread_internal.h"

static const yu_rule_info RULES[] = {
    {"G-PERF-FUNDS", "performance form: 资金总额 = 财政拨款 + 上年结转 + 其他资金"},
    {"G-PERF-WEIGHTS", "performance form: the indicators' weights add up to the form's total"},
};

const yu_rule_info *yu_gperf_rules(size_t *n)
{
    *n = sizeof RULES / sizeof RULES[0];
    return RULES;
}

int yu_gr_read_forms(struct yu_gdoc *d, const struct yu_vocab *v)
{
    (void)d;
    (void)v;
    return 0;
}

yu_status yu_gperf_check(const yu_gdoc *d, const yu_vocab *v, yu_findings *out)
{
    (void)d;
    (void)v;
    (void)out;
    return YU_OK;
}
