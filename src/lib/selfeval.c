/* Performance self-evaluation (绩效自评): each indicator scored by its
 * completion, 执行率 × its weight, the total and the grade, by the rule of
 * 财政部《项目支出绩效评价管理办法》(财预〔2020〕10号) and its 项目支出绩效自评表
 * (docs/year.md):
 *   - 定量指标: the target met, the whole weight; not met, weight × 完成值/指标值
 *     (a 反向指标 “≤ X”: weight × 指标值/完成值 when exceeded);
 *   - 定性指标: 达成 80–100% of the weight, 部分达成 60–80%, 未达成 0–60%; the
 *     score claimed in selfeval.csv must lie in its band (default: 100%, 70%, 30%);
 *   - 预算执行率: min(执行率, 100%) × 执行率分值 (10);
 *   - grade: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.
 * Scores are hundredths of a point, integers; one rounding (half up). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "year_internal.h"
#include "rules_internal.h"

static const yu_rule_info rules[] = {
    {"SE-WEIGHT", "绩效自评: Σ 指标分值 + 执行率分值 = 100 (each project evaluated)"},
    {"SE-COMPLETE", "绩效自评: every indicator of an evaluated project has its 实际完成值; a 定量指标 has a number, a 定性指标 its completion (达成/部分达成/未达成); a score below the weight states 偏差原因"},
    {"SE-CLAIM", "绩效自评: a claimed 得分 is what the values support (定量: ≤ weight × completion; 定性: within the band of its completion)"},
    {"SE-EXEC", "预算执行: 执行数 ≤ 调整预算 for each project (warning when above)"},
};

const yu_rule_info *yu_year_rules(size_t *n)
{
    *n = sizeof rules / sizeof rules[0];
    return rules;
}

/* a number with up to 4 decimals after an optional operator; op: 0 =, 1 ≥, 2 ≤ */
static int parse_num(const char *s, int *op, int64_t *v)
{
    *op = 0;
    while (*s == ' ')
        s++;
    static const struct { const char *w; int op; } ops[] = {
        {"≥", 1}, {">=", 1}, {"＞", 1}, {">", 1}, {"不低于", 1}, {"不少于", 1}, {"大于等于", 1},
        {"≤", 2}, {"<=", 2}, {"＜", 2}, {"<", 2}, {"不高于", 2}, {"不超过", 2}, {"小于等于", 2}, {"=", 0}, {"＝", 0}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (!strncmp(s, ops[i].w, strlen(ops[i].w))) {
            *op = ops[i].op;
            s += strlen(ops[i].w);
            break;
        }
    while (*s == ' ')
        s++;
    if (*s < '0' || *s > '9')
        return -1;
    int64_t x = 0;
    int dec = -1;
    for (; (*s >= '0' && *s <= '9') || *s == '.' || *s == ','; s++) {
        if (*s == ',')
            continue;
        if (*s == '.') {
            if (dec >= 0)
                return -1;
            dec = 0;
            continue;
        }
        if (dec >= 4)
            continue;
        if (x > INT64_MAX / 100)
            return -1;
        x = x * 10 + (*s - '0');
        if (dec >= 0)
            dec++;
    }
    for (int d = dec < 0 ? 0 : dec; d < 4; d++)
        x *= 10;
    *v = x;
    return 0;
}

/* weight × num / den, rounded half up (all >= 0) */
static int64_t mul_div(int64_t w, int64_t num, int64_t den)
{
    if (den <= 0)
        return w;
    __int128 r = ((__int128)w * num * 2 + den) / ((__int128)den * 2);
    return (int64_t)r;
}

int64_t yu_se_score(const char *target, const char *actual, int done, int64_t weight, const char **why)
{
    static const int pct[4] = {0, 100, 70, 30};
    if (done != YU_SE_QUANT) {
        *why = done == YU_SE_FULL ? "定性指标达成（80%–100%）" : done == YU_SE_PART ? "定性指标部分达成（60%–80%）"
                                                                          : "定性指标未达成（0–60%）";
        return mul_div(weight, pct[done], 100);
    }
    int op, aop;
    int64_t t, a;
    if (parse_num(target ? target : "", &op, &t) || parse_num(actual ? actual : "", &aop, &a)) {
        *why = "指标值或完成值不是数字：定性指标须填完成程度（达成、部分达成、未达成）";
        return -1;
    }
    if (op == 2) {
        *why = a <= t ? "反向指标，完成值未超过指标值" : "反向指标，完成值超过指标值，按指标值与完成值之比记分";
        return a <= t ? weight : mul_div(weight, t, a);
    }
    *why = a >= t ? "完成值达到指标值" : "完成值未达到指标值，按完成值与指标值之比记分";
    return a >= t || t == 0 ? weight : mul_div(weight, a, t);
}

int64_t yu_se_exec_score(int64_t rate_bp, int exec_weight)
{
    if (rate_bp > 10000)
        rate_bp = 10000;
    if (rate_bp < 0)
        rate_bp = 0;
    /* hundredths of a point: rate (1/10000) × weight × 100 */
    return (rate_bp * exec_weight + 50) / 100;
}

const char *yu_se_grade(int64_t s)
{
    return s >= 9000 ? "优" : s >= 8000 ? "良" : s >= 6000 ? "中" : "差";
}

/* the band of a qualitative completion, in percent of the weight */
static void band(int done, int *lo, int *hi)
{
    *lo = done == YU_SE_FULL ? 80 : done == YU_SE_PART ? 60 : 0;
    *hi = done == YU_SE_FULL ? 100 : done == YU_SE_PART ? 80 : 60;
}

/* the score of one evaluated indicator, as the rules accept it */
static int64_t line_score(const yu_budget *b, const yu_se *s, const char **why, int *claim_ok)
{
    const yu_indicator *ind = &b->indicators[s->indicator];
    int64_t v = yu_se_score(ind->value, s->actual, s->done, ind->weight, why);
    *claim_ok = 1;
    if (s->claimed < 0 || v < 0)
        return v;
    if (s->done == YU_SE_QUANT) {
        if (s->claimed > v)
            *claim_ok = 0;
        return s->claimed > v ? v : s->claimed;
    }
    int lo, hi;
    band(s->done, &lo, &hi);
    int64_t l = mul_div(ind->weight, lo, 100), h = mul_div(ind->weight, hi, 100);
    int inside = s->claimed >= l && (s->done == YU_SE_FULL ? s->claimed <= h : s->claimed < h || (hi == 100 && s->claimed == h));
    if (!inside) {
        *claim_ok = 0;
        return v;
    }
    return s->claimed;
}

static int evaluated(const yu_budget *b, size_t p)
{
    if (b->projects[p].publish)
        return 1;
    for (size_t i = 0; b->yr && i < b->yr->nse; i++)
        if (b->indicators[b->yr->se[i].indicator].project == (int32_t)p)
            return 1;
    return 0;
}

static const yu_se *se_of(const yu_budget *b, size_t ind)
{
    for (size_t i = 0; b->yr && i < b->yr->nse; i++)
        if (b->yr->se[i].indicator == (int32_t)ind)
            return &b->yr->se[i];
    return NULL;
}

static void fadd(yu_findings *o, int *oom, const char *rule, yu_severity sev, const char *table, const char *row,
                 int64_t got, int64_t want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!yu_findings_vadd(o, rule, sev, table, row, "", got, want, fmt, ap))
        *oom = 1;
    va_end(ap);
}

yu_status yu_check_selfeval(const yu_budget *b, yu_findings *out)
{
    int oom = 0;
    if (!b->yr || !(b->yr->has & YU_YEAR_SE))
        return YU_OK;
    yu_yview v;
    if (yu_year_view(b, b->year * 10000 + 1231, &v, NULL))
        return YU_ENOMEM;
    for (size_t p = 0; p < b->nprojects; p++) {
        if (!evaluated(b, p))
            continue;
        const yu_project *pj = &b->projects[p];
        int64_t ws = (int64_t)pj->exec_score * 100;
        for (size_t i = 0; i < b->nindicators; i++) {
            if (b->indicators[i].project != (int32_t)p)
                continue;
            const yu_indicator *ind = &b->indicators[i];
            ws += ind->weight;
            const yu_se *s = se_of(b, i);
            if (!s) {
                fadd(out, &oom, "SE-COMPLETE", YU_SEV_ERROR, pj->name, ind->level3, 0, ind->weight,
                     "《%s》绩效自评缺少指标“%s”的实际完成值（indicators.csv 第%d行）。", pj->name, ind->level3, ind->line);
                continue;
            }
            const char *why;
            int ok;
            int64_t sc = line_score(b, s, &why, &ok);
            if (sc < 0) {
                fadd(out, &oom, "SE-COMPLETE", YU_SEV_ERROR, pj->name, ind->level3, 0, ind->weight,
                     "《%s》指标“%s”（selfeval.csv 第%d行）：%s。", pj->name, ind->level3, s->line, why);
                continue;
            }
            if (!ok)
                fadd(out, &oom, "SE-CLAIM", YU_SEV_ERROR, pj->name, ind->level3, s->claimed, sc,
                     "《%s》指标“%s”自评得分%lld.%02lld分，按指标值“%s”与完成值“%s”（%s）应为%lld.%02lld分（selfeval.csv 第%d行）。",
                     pj->name, ind->level3, (long long)(s->claimed / 100), (long long)(s->claimed % 100), ind->value,
                     s->actual, why, (long long)(sc / 100), (long long)(sc % 100), s->line);
            if (sc < ind->weight && (!s->reason || !*s->reason))
                fadd(out, &oom, "SE-COMPLETE", YU_SEV_WARNING, pj->name, ind->level3, sc, ind->weight,
                     "《%s》指标“%s”未得满分，须说明偏差原因（selfeval.csv 第%d行）。", pj->name, ind->level3, s->line);
        }
        if (ws != 10000)
            fadd(out, &oom, "SE-WEIGHT", YU_SEV_ERROR, pj->name, "", ws, 10000,
                 "《%s》指标分值与执行率分值合计%lld.%02lld分，应为100分。", pj->name, (long long)(ws / 100),
                 (long long)(ws % 100));
        yu_money adj = 0, paid = 0;
        for (size_t k = 0; k < v.nkeys; k++)
            if (v.keys[k].k.project == (int32_t)p)
                adj += v.keys[k].k.amount + v.keys[k].adjust, paid += v.keys[k].paid;
        if (paid > adj)
            fadd(out, &oom, "SE-EXEC", YU_SEV_WARNING, pj->name, "", paid, adj, "《%s》执行数超过调整预算。", pj->name);
    }
    yu_yview_free(&v);
    return oom ? YU_ENOMEM : YU_OK;
}

static const char *pts(ydoc *y, int64_t h)
{
    return yu_arena_printf(y->A, "%lld.%02lld", (long long)(h / 100), (long long)(h % 100));
}

yu_status yu_year_selfeval_doc(const yu_budget *b, const yu_layout *L, const yu_year_opts *o, yu_doc **out,
                               yu_error *err)
{
    (void)o;
    *out = NULL;
    if (!b->yr || !(b->yr->has & YU_YEAR_SE))
        return yu_error_set(err, YU_EMISSING, NULL, 0, 0, "the self-evaluation needs selfeval.csv in the package (docs/year.md)");
    const yu_ltable *lf = yu_layout_table(L, "form"), *ls = yu_layout_table(L, "summary");
    if (!lf || !ls)
        return yu_error_set(err, YU_ELAYOUT, NULL, 0, 0, "the self-evaluation layout needs tables form and summary");
    yu_yview v;
    yu_status st = yu_year_view(b, b->year * 10000 + 1231, &v, err);
    if (st)
        return st;
    ydoc y;
    char title[512];
    snprintf(title, sizeof title, "%s%d年度项目支出绩效自评", b->name, b->year);
    if (yd_init(&y, b, L, title)) {
        yu_yview_free(&v);
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    }
    yu_block *tb = yd_block(&y, YU_B_TITLE, b->name);
    if (tb)
        tb->sub = yu_arena_printf(y.A, "%d年度项目支出绩效自评", b->year);
    size_t np = b->nprojects;
    int64_t *total = calloc(np + 1, sizeof *total), *execs = calloc(np + 1, sizeof *execs), *rate = calloc(np + 1, sizeof *rate);
    yu_money *badj = calloc(np + 1, sizeof *badj), *bpaid = calloc(np + 1, sizeof *bpaid), *bbud = calloc(np + 1, sizeof *bbud);
    if (!total || !execs || !rate || !badj || !bpaid || !bbud) {
        st = YU_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < v.nkeys; k++)
        if (v.keys[k].k.project >= 0) {
            size_t p = (size_t)v.keys[k].k.project;
            bbud[p] += v.keys[k].k.amount;
            badj[p] += v.keys[k].k.amount + v.keys[k].adjust;
            bpaid[p] += v.keys[k].paid;
        }
    yd_block(&y, YU_B_H1, "一、项目支出绩效自评表");
    size_t nev = 0;
    for (size_t p = 0; p < np; p++) {
        if (!evaluated(b, p))
            continue;
        const yu_project *pj = &b->projects[p];
        nev++;
        rate[p] = yu_exec_rate_bp(bpaid[p], badj[p]);
        execs[p] = yu_se_exec_score(rate[p], pj->exec_score);
        yd_block(&y, YU_B_H2, yu_arena_printf(y.A, "（%zu）%s", nev, pj->name));
        yd_para(&y);
        yd_t(&y, "主管部门：%s；实施单位：%s。年初预算数", pj->department ? pj->department : "", pj->implementer ? pj->implementer : "");
        yd_m(&y, bbud[p], NULL, NULL, NULL);
        yd_t(&y, "万元，全年预算数");
        yd_m(&y, badj[p], NULL, NULL, NULL);
        yd_t(&y, "万元，全年执行数");
        yd_m(&y, bpaid[p], NULL, NULL, NULL);
        yd_t(&y, "万元，预算执行率");
        yd_p(&y, rate[p]);
        yd_t(&y, "，执行率得分%s分（分值%d分）。", pts(&y, execs[p]), pj->exec_score);
        yu_table *t = yd_table(&y, lf, yu_arena_printf(y.A, "项目支出绩效自评表：%s", pj->name));
        if (!t) {
            st = YU_ENOMEM;
            goto done;
        }
        int64_t sum = execs[p], wsum = (int64_t)pj->exec_score * 100;
        yu_row *r = yd_row(&y, t);
        if (!r) { st = YU_ENOMEM; goto done; }
        for (size_t c = 0; c < lf->ncols; c++) {
            const char *k = lf->cols[c].key;
            if (!strcmp(k, "l1")) yd_text(&r->cells[c], "预算执行率");
            else if (!strcmp(k, "target")) yd_text(&r->cells[c], "100%");
            else if (!strcmp(k, "actual")) yd_text(&r->cells[c], yu_arena_printf(y.A, "%lld.%02lld%%", (long long)(rate[p] / 100), (long long)(rate[p] % 100)));
            else if (!strcmp(k, "weight")) yd_text(&r->cells[c], pts(&y, (int64_t)pj->exec_score * 100));
            else if (!strcmp(k, "score")) yd_text(&r->cells[c], pts(&y, execs[p]));
        }
        r->name = "预算执行率";
        for (size_t i = 0; i < b->nindicators; i++) {
            const yu_indicator *ind = &b->indicators[i];
            if (ind->project != (int32_t)p)
                continue;
            const yu_se *s = se_of(b, i);
            const char *why = "未填报实际完成值";
            int ok = 1;
            int64_t sc = s ? line_score(b, s, &why, &ok) : -1;
            if (sc < 0)
                sc = 0;
            sum += sc;
            wsum += ind->weight;
            r = yd_row(&y, t);
            if (!r) { st = YU_ENOMEM; goto done; }
            r->name = ind->level3;
            for (size_t c = 0; c < lf->ncols; c++) {
                const char *k = lf->cols[c].key;
                yu_cell *cell = &r->cells[c];
                if (!strcmp(k, "l1")) yd_text(cell, ind->level1);
                else if (!strcmp(k, "l2")) yd_text(cell, ind->level2);
                else if (!strcmp(k, "l3")) yd_text(cell, ind->level3);
                else if (!strcmp(k, "target")) yd_text(cell, ind->value);
                else if (!strcmp(k, "actual")) yd_text(cell, s ? s->actual : "");
                else if (!strcmp(k, "weight")) yd_text(cell, pts(&y, ind->weight));
                else if (!strcmp(k, "score")) yd_text(cell, pts(&y, sc));
                else if (!strcmp(k, "reason")) yd_text(cell, s && s->reason && *s->reason ? s->reason : sc < ind->weight ? why : "");
            }
        }
        total[p] = sum;
        r = yd_row(&y, t);
        if (!r) { st = YU_ENOMEM; goto done; }
        r->flags = YU_ROW_TOTAL;
        r->name = "总分";
        for (size_t c = 0; c < lf->ncols; c++) {
            const char *k = lf->cols[c].key;
            if (!strcmp(k, "l1")) yd_text(&r->cells[c], "总分");
            else if (!strcmp(k, "weight")) yd_text(&r->cells[c], pts(&y, wsum));
            else if (!strcmp(k, "score")) yd_text(&r->cells[c], pts(&y, sum));
            else if (!strcmp(k, "reason")) yd_text(&r->cells[c], yu_arena_printf(y.A, "自评等级：%s", yu_se_grade(sum)));
        }
        yd_para(&y);
        yd_t(&y, "自评得分%s分，等级为“%s”。", pts(&y, sum), yu_se_grade(sum));
    }
    /* the department summary */
    yd_block(&y, YU_B_H1, "二、部门绩效自评汇总");
    int ng[4] = {0, 0, 0, 0};
    int64_t all = 0;
    yu_table *t = yd_table(&y, ls, NULL);
    if (!t) { st = YU_ENOMEM; goto done; }
    size_t k = 0;
    for (size_t p = 0; p < np; p++) {
        if (!evaluated(b, p))
            continue;
        const char *g = yu_se_grade(total[p]);
        ng[!strcmp(g, "优") ? 0 : !strcmp(g, "良") ? 1 : !strcmp(g, "中") ? 2 : 3]++;
        all += total[p];
        yu_row *r = yd_row(&y, t);
        if (!r) { st = YU_ENOMEM; goto done; }
        r->name = b->projects[p].name;
        snprintf(r->code, sizeof r->code, "%zu", ++k % 100000);
        for (size_t c = 0; c < ls->ncols; c++) {
            const char *key = ls->cols[c].key;
            yu_cell *cell = &r->cells[c];
            if (!strcmp(key, "code")) yd_text(cell, yu_arena_strdup(y.A, r->code));
            else if (!strcmp(key, "name")) yd_text(cell, r->name);
            else if (!strcmp(key, "adjusted")) yd_money(&y, ls, cell, badj[p]);
            else if (!strcmp(key, "paid")) yd_money(&y, ls, cell, bpaid[p]);
            else if (!strcmp(key, "rate")) yd_pct(cell, rate[p]);
            else if (!strcmp(key, "exec_score")) yd_text(cell, pts(&y, execs[p]));
            else if (!strcmp(key, "score")) yd_text(cell, pts(&y, total[p]));
            else if (!strcmp(key, "grade")) yd_text(cell, yu_se_grade(total[p]));
        }
    }
    t->empty = nev == 0;
    yd_para(&y);
    if (!nev)
        yd_t(&y, "%s%d年度没有开展绩效自评的项目。", b->name, b->year);
    else {
        int64_t avg = (all * 2 + (int64_t)nev) / (2 * (int64_t)nev);
        yd_t(&y, "%s%d年度对%zu个项目开展绩效自评，平均得分%s分；其中“优”%d个、“良”%d个、“中”%d个、“差”%d个。", b->name,
             b->year, nev, pts(&y, avg), ng[0], ng[1], ng[2], ng[3]);
    }
    /* the rules over the self-evaluation */
    yd_block(&y, YU_B_H1, "三、自评复核");
    yu_findings fs = {0};
    if (yu_check_selfeval(b, &fs)) {
        yu_findings_free(&fs);
        st = YU_ENOMEM;
        goto done;
    }
    yd_para(&y);
    if (!fs.n)
        yd_t(&y, "指标分值合计、完成值填报和自评得分均经复核，未发现问题（规则 SE-WEIGHT、SE-COMPLETE、SE-CLAIM、SE-EXEC）。");
    else
        yd_t(&y, "复核发现%zu个问题：", fs.n);
    for (size_t i = 0; i < fs.n; i++) {
        yd_para(&y);
        yd_t(&y, "[%s] %s", fs.f[i].rule, fs.f[i].msg);
    }
    yu_findings_free(&fs);
    yd_block(&y, YU_B_H1, "四、评分规则");
    yd_para(&y);
    yd_t(&y, "依据财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）：预算执行率按执行率乘以分值（%d分）计分，最高不超过该分值；"
             "定量指标完成值达到指标值的记满分，未达到的按完成值与指标值之比记分（反向指标按指标值与完成值之比记分）；"
             "定性指标达成、部分达成、未达成分别在该指标分值的80%%–100%%、60%%–80%%、0–60%%之间记分；"
             "总分90分（含）以上为“优”，80（含）–90分为“良”，60（含）–80分为“中”，60分以下为“差”。", 10);
done:
    free(total);
    free(execs);
    free(rate);
    free(badj);
    free(bpaid);
    free(bbud);
    yu_yview_free(&v);
    if (!st && yd_oom(&y))
        st = YU_ENOMEM;
    if (st) {
        yd_abort(&y);
        return yu_error_set(err, st, NULL, 0, 0, "out of memory");
    }
    *out = y.d;
    return YU_OK;
}
