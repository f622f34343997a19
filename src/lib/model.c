/* The budget model: construction, destruction and enum names. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/model.h"
#include "yusuan/year.h"
#include "internal.h"

yu_budget *yu_budget_new(void)
{
    yu_budget *b = calloc(1, sizeof *b);
    if (b)
        b->input_scale = YU_FEN_PER_WAN;
    return b;
}

void yu_budget_free(yu_budget *b)
{
    if (!b)
        return;
    free(b->name);
    free(b->code);
    free(b->dept_name);
    free(b->dept_code);
    free(b->parent_code);
    free(b->template_id);
    free(b->functions);
    free(b->organisation);
    yu_year_free(b->yr);
    free(b->lines);
    free(b->prior);
    for (size_t i = 0; i < b->nassets; i++) {
        free(b->assets[i].category);
        free(b->assets[i].name);
    }
    free(b->assets);
    for (size_t i = 0; i < b->nmembers; i++)
        free(b->members[i].name);
    free(b->members);
    for (size_t i = 0; i < b->nprojects; i++) {
        yu_project *p = &b->projects[i];
        free(p->id);
        free(p->name);
        free(p->department);
        free(p->implementer);
        free(p->goal);
        for (int k = 0; k < 6; k++)
            free(p->text[k]);
        for (int k = 0; k < YU_PROJECT_FORM_NTEXTS; k++)
            free(*yu_project_form_text(p, k));
    }
    free(b->projects);
    for (size_t i = 0; i < b->nindicators; i++) {
        yu_indicator *x = &b->indicators[i];
        free(x->level1);
        free(x->level2);
        free(x->level3);
        free(x->value);
    }
    free(b->indicators);
    for (size_t i = 0; i < b->nnotes; i++) {
        free(b->notes[i].key);
        free(b->notes[i].text);
    }
    free(b->notes);
    free(b->proj_hash);
    free(b);
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Records project i in the id hash, growing it to stay at most half full. */
static int proj_hash_insert(yu_budget *b, size_t i)
{
    if ((i + 1) * 2 > b->proj_mask) {
        size_t nsize = b->proj_mask ? (b->proj_mask + 1) * 2 : 256;
        int32_t *nh = calloc(nsize, sizeof *nh);
        if (!nh)
            return -1;
        free(b->proj_hash);
        b->proj_hash = nh;
        b->proj_mask = nsize - 1;
        for (size_t k = 0; k < i; k++) {
            size_t h = str_hash(b->projects[k].id) & b->proj_mask;
            while (b->proj_hash[h])
                h = (h + 1) & b->proj_mask;
            b->proj_hash[h] = (int32_t)k + 1;
        }
    }
    size_t h = str_hash(b->projects[i].id) & b->proj_mask;
    while (b->proj_hash[h])
        h = (h + 1) & b->proj_mask;
    b->proj_hash[h] = (int32_t)i + 1;
    return 0;
}

/* grows an array of `size`-byte elements to hold one more */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = realloc(*arr, nc * size);
    if (!p)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

#define GROW(b, arr, n, cap) grow((void **)&(b)->arr, &(b)->cap, (b)->n, sizeof *(b)->arr)

yu_status yu_budget_add_line(yu_budget *b, const yu_line *l)
{
    if (GROW(b, lines, nlines, cap_lines))
        return YU_ENOMEM;
    b->lines[b->nlines++] = *l;
    return YU_OK;
}

yu_status yu_budget_add_prior(yu_budget *b, const yu_prior *p)
{
    if (GROW(b, prior, nprior, cap_prior))
        return YU_ENOMEM;
    b->prior[b->nprior++] = *p;
    return YU_OK;
}

yu_status yu_budget_add_asset(yu_budget *b, const char *cat, const char *name, int64_t count)
{
    if (GROW(b, assets, nassets, cap_assets))
        return YU_ENOMEM;
    yu_asset *a = &b->assets[b->nassets];
    a->category = yu_strdup(cat);
    a->name = yu_strdup(name);
    a->count = count;
    a->purchase = 0;
    if (!a->category || !a->name) {
        free(a->category);
        free(a->name);
        return YU_ENOMEM;
    }
    b->nassets++;
    return YU_OK;
}

yu_status yu_budget_add_member(yu_budget *b, const char *name, int kind)
{
    if (kind < 0 || kind >= YU_UK_COUNT)
        return YU_EVALUE;
    if (GROW(b, members, nmembers, cap_members))
        return YU_ENOMEM;
    if (!(b->members[b->nmembers].name = yu_strdup(name)))
        return YU_ENOMEM;
    b->members[b->nmembers++].kind = kind;
    b->unit_kinds[kind]++;
    b->has_units = 1;
    return YU_OK;
}

int yu_budget_member(const yu_budget *b, size_t i, const char **name, int *kind, char *buf, size_t cap)
{
    int64_t named[YU_UK_COUNT] = {0};
    for (size_t k = 0; k < b->nmembers; k++)
        named[b->members[k].kind]++;
    if (!memcmp(named, b->unit_kinds, sizeof named)) {
        if (i >= b->nmembers)
            return 0;
        *name = b->members[i].name;
        *kind = b->members[i].kind;
        return 1;
    }
    for (int k = 0; k < YU_UK_COUNT; k++) {
        if (i < (size_t)b->unit_kinds[k]) {
            snprintf(buf, cap, "%s%zu", yu_unitkind_label(k), i + 1);
            *name = buf;
            *kind = k;
            return 1;
        }
        i -= (size_t)b->unit_kinds[k];
    }
    return 0;
}

int64_t yu_budget_perf_count(const yu_budget *b, int64_t *units, yu_money *funds)
{
    int64_t n = 0;
    yu_money f = 0;
    uint8_t *has = b->nprojects ? calloc(b->nprojects, 1) : NULL;
    if (b->nprojects && !has) {
        *units = 0;
        *funds = 0;
        return 0;
    }
    for (size_t i = 0; i < b->nindicators; i++)
        if (b->indicators[i].project >= 0 && (size_t)b->indicators[i].project < b->nprojects)
            has[b->indicators[i].project] = 1;
    for (size_t i = 0; i < b->nprojects; i++) {
        const char *g = b->projects[i].goal;
        if (g && *g)
            has[i] = 1;
        n += has[i];
    }
    for (size_t i = 0; i < b->nlines; i++)
        if (b->lines[i].project >= 0 && (size_t)b->lines[i].project < b->nprojects && has[b->lines[i].project])
            f += b->lines[i].amount;
    free(has);
    *units = n > 0;
    *funds = f;
    return n;
}

char **yu_project_form_text(yu_project *p, int k)
{
    switch (k) {
    case 0: return &p->nature;
    case 1: return &p->category;
    case 2: return &p->start;
    case 3: return &p->finish;
    case 4: return &p->life_goal;
    default: return NULL;
    }
}

yu_status yu_budget_add_project(yu_budget *b, const yu_project *p)
{
    if (GROW(b, projects, nprojects, cap_projects))
        return YU_ENOMEM;
    yu_project *q = &b->projects[b->nprojects];
    *q = *p;
    q->id = yu_strdup(p->id);
    q->name = yu_strdup(p->name);
    q->department = yu_strdup(p->department ? p->department : "");
    q->implementer = yu_strdup(p->implementer ? p->implementer : "");
    q->goal = yu_strdup(p->goal ? p->goal : "");
    int texts_ok = 1;
    for (int k = 0; k < 6; k++)
        texts_ok &= (q->text[k] = yu_strdup(p->text[k] ? p->text[k] : "")) != NULL;
    for (int k = 0; k < YU_PROJECT_FORM_NTEXTS; k++) {
        char **d = yu_project_form_text(q, k);
        const char *src = *yu_project_form_text((yu_project *)p, k);
        texts_ok &= (*d = yu_strdup(src ? src : "")) != NULL;
    }
    if (!q->id || !q->name || !q->department || !q->implementer || !q->goal || !texts_ok ||
        proj_hash_insert(b, b->nprojects)) {
        free(q->id);
        free(q->name);
        free(q->department);
        free(q->implementer);
        free(q->goal);
        for (int k = 0; k < 6; k++)
            free(q->text[k]);
        for (int k = 0; k < YU_PROJECT_FORM_NTEXTS; k++)
            free(*yu_project_form_text(q, k));
        return YU_ENOMEM;
    }
    b->nprojects++;
    return YU_OK;
}

yu_status yu_budget_add_indicator(yu_budget *b, const yu_indicator *ind)
{
    if (GROW(b, indicators, nindicators, cap_indicators))
        return YU_ENOMEM;
    yu_indicator *q = &b->indicators[b->nindicators];
    *q = *ind;
    q->level1 = yu_strdup(ind->level1 ? ind->level1 : "");
    q->level2 = yu_strdup(ind->level2 ? ind->level2 : "");
    q->level3 = yu_strdup(ind->level3 ? ind->level3 : "");
    q->value = yu_strdup(ind->value ? ind->value : "");
    if (!q->level1 || !q->level2 || !q->level3 || !q->value) {
        free(q->level1);
        free(q->level2);
        free(q->level3);
        free(q->value);
        return YU_ENOMEM;
    }
    b->nindicators++;
    return YU_OK;
}

yu_status yu_budget_add_note(yu_budget *b, const char *key, const char *text)
{
    if (GROW(b, notes, nnotes, cap_notes))
        return YU_ENOMEM;
    yu_note *n = &b->notes[b->nnotes];
    n->key = yu_strdup(key);
    n->text = yu_strdup(text);
    if (!n->key || !n->text) {
        free(n->key);
        free(n->text);
        return YU_ENOMEM;
    }
    b->nnotes++;
    return YU_OK;
}

const char *yu_budget_note(const yu_budget *b, const char *key)
{
    for (size_t i = 0; i < b->nnotes; i++)
        if (strcmp(b->notes[i].key, key) == 0)
            return b->notes[i].text;
    return NULL;
}

int yu_note_sangong_item(const char *key)
{
    static const char *const items[] = {"sangong:abroad", "sangong:car", "sangong:car_buy", "sangong:car_run",
                                        "sangong:reception"};
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        if (!strcmp(key, items[i]))
            return 1;
    return 0;
}

int32_t yu_budget_project_index(const yu_budget *b, const char *id)
{
    if (!b->proj_hash)
        return -1;
    for (size_t h = str_hash(id) & b->proj_mask;; h = (h + 1) & b->proj_mask) {
        int32_t k = b->proj_hash[h];
        if (!k)
            return -1;
        if (strcmp(b->projects[k - 1].id, id) == 0)
            return k - 1;
    }
}

/* yu_budget_project_index of the bytes [id, id + n) (no NUL needed): the same hash and table */
int32_t yu_budget_project_index_n(const yu_budget *b, const char *id, size_t n)
{
    if (!b->proj_hash)
        return -1;
    uint64_t h0 = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h0 = (h0 ^ (unsigned char)id[i]) * 1099511628211ull;
    for (size_t h = h0 & b->proj_mask;; h = (h + 1) & b->proj_mask) {
        int32_t k = b->proj_hash[h];
        if (!k)
            return -1;
        const char *s = b->projects[k - 1].id;
        if (!strncmp(s, id, n) && !s[n])
            return k - 1;
    }
}

/* ---- enum names ---- */

typedef struct { const char *key, *label, *alias; } names;

static const names type_names[YU_T_COUNT] = {
    {"personnel", "人员经费", "基本支出-人员经费"},
    {"public", "公用经费", "基本支出-公用经费"},
    {"project", "项目支出", NULL},
    {"shangjiao", "上缴上级支出", NULL},
    {"jingying", "事业单位经营支出", NULL},
    {"fushu", "对附属单位补助支出", NULL},
};

static const names source_names[YU_S_COUNT] = {
    {"gpb", "一般公共预算拨款", "一般公共预算"},
    {"gpb_carry", "一般公共预算拨款上年结转", NULL},
    {"gf", "政府性基金预算拨款", "政府性基金预算"},
    {"gf_carry", "政府性基金预算拨款上年结转", NULL},
    {"soe", "国有资本经营预算拨款", "国有资本经营预算"},
    {"soe_carry", "国有资本经营预算拨款上年结转", NULL},
    {"nonfiscal", "非财政拨款", "其他资金"},
    {"shiye", "事业收入资金", "事业收入"},
    {"jingying", "事业单位经营收入资金", "事业单位经营收入"},
};

static const names fund_names[YU_F_COUNT] = {
    {"gpb", "一般公共预算拨款收入", "一般公共预算财政拨款收入"},
    {"gf", "政府性基金预算拨款收入", NULL},
    {"soe", "国有资本经营预算拨款收入", NULL},
    {"shiye", "事业收入", NULL},
    {"shiye_edu", "教育收费", NULL},
    {"jingying", "事业单位经营收入", NULL},
    {"shangji", "上级补助收入", NULL},
    {"fushu", "附属单位上缴收入", NULL},
    {"other", "其他收入", NULL},
    {"carry_gpb", "上年结转（一般公共预算拨款）", NULL},
    {"carry_gf", "上年结转（政府性基金预算拨款）", NULL},
    {"carry_soe", "上年结转（国有资本经营预算拨款）", NULL},
    {"carry_nf", "上年结转（非财政拨款）", NULL},
    {"use_nf_balance", "使用非财政拨款结余", NULL},
    {"out_gpb", "结转下年（一般公共预算拨款）", NULL},
    {"out_gf", "结转下年（政府性基金预算拨款）", NULL},
    {"out_soe", "结转下年（国有资本经营预算拨款）", NULL},
    {"out_nf", "结转下年（非财政拨款）", NULL},
};

static const names sangong_names[YU_SG_COUNT] = {
    {"abroad", "因公出国（境）费", "因公出国(境)费"},
    {"car_buy", "公务用车购置费", NULL},
    {"car_run", "公务用车运行费", "公务用车运行维护费"},
    {"reception", "公务接待费", NULL},
    {"office", "机关运行经费", NULL},
};

static const names proc_names[YU_P_COUNT] = {
    {"goods", "货物", "政府采购货物"},
    {"works", "工程", "政府采购工程"},
    {"services", "服务", "政府采购服务"},
};

static int parse_names(const names *t, int n, const char *s)
{
    if (!s)
        return -1;
    /* keys first (the common case, and cheap: compare the first byte) */
    for (int i = 0; i < n; i++)
        if (s[0] == t[i].key[0] && strcmp(s, t[i].key) == 0)
            return i;
    for (int i = 0; i < n; i++)
        if (strcmp(s, t[i].label) == 0 || (t[i].alias && strcmp(s, t[i].alias) == 0))
            return i;
    return -1;
}

#define ENUM_FUNCS(pfx, tbl, N)                                              \
    const char *yu_##pfx##_key(int v) { return v >= 0 && v < N ? tbl[v].key : NULL; } \
    const char *yu_##pfx##_label(int v) { return v >= 0 && v < N ? tbl[v].label : NULL; } \
    int yu_##pfx##_parse(const char *s) { return parse_names(tbl, N, s); }

ENUM_FUNCS(type, type_names, YU_T_COUNT)
ENUM_FUNCS(source, source_names, YU_S_COUNT)
ENUM_FUNCS(fund, fund_names, YU_F_COUNT)
ENUM_FUNCS(sangong, sangong_names, YU_SG_COUNT)
ENUM_FUNCS(proc, proc_names, YU_P_COUNT)

static const names unitkind_names[YU_UK_COUNT] = {
    {"admin", "行政单位", "机关"},
    {"cangong", "参公事业单位", "参公单位"},
    {"inst", "事业单位", NULL},
    {"other", "其他", NULL},
};
const char *yu_unitkind_key(int v) { return v >= 0 && v < YU_UK_COUNT ? unitkind_names[v].key : NULL; }
const char *yu_unitkind_label(int v) { return v >= 0 && v < YU_UK_COUNT ? unitkind_names[v].label : NULL; }
int yu_unitkind_parse(const char *s)
{
    int k = parse_names(unitkind_names, YU_UK_COUNT, s);
    if (k < 0 && s)
        k = !strcmp(s, "行政") ? YU_UK_ADMIN : !strcmp(s, "参公") ? YU_UK_CANGONG : !strcmp(s, "事业") ? YU_UK_INST : -1;
    return k;
}

/* ---- balance ---- */

int yu__budget_imbalance(const yu_budget *b, yu__imbalance *out)
{
    memset(out, 0, sizeof *out);
    yu_money by_src[YU_S_COUNT] = {0};
    for (size_t i = 0; i < b->nlines; i++)
        by_src[b->lines[i].source] += b->lines[i].amount;
    const yu_money *f = b->funds;
    static const int kind[3] = {YU_F_GPB, YU_F_GF, YU_F_SOE};
    static const int carry[3] = {YU_F_CARRY_GPB, YU_F_CARRY_GF, YU_F_CARRY_SOE};
    static const int outf[3] = {YU_F_OUT_GPB, YU_F_OUT_GF, YU_F_OUT_SOE};
    static const int cur[3] = {YU_S_GPB, YU_S_GF, YU_S_SOE};
    static const int cur_carry[3] = {YU_S_GPB_CARRY, YU_S_GF_CARRY, YU_S_SOE_CARRY};
    for (int i = 0; i < 3; i++) {
        yu_money src = f[kind[i]] + f[carry[i]];
        yu_money use = by_src[cur[i]] + by_src[cur_carry[i]] + f[outf[i]];
        if (src != use) {
            *out = (yu__imbalance){YU_IMB_FISCAL_TOTAL, kind[i], src, use};
            return 1;
        }
        if (by_src[cur[i]] > f[kind[i]]) {
            *out = (yu__imbalance){YU_IMB_FISCAL_OVER, kind[i], by_src[cur[i]], f[kind[i]]};
            return 1;
        }
    }
    if (by_src[YU_S_SHIYE] > f[YU_F_SHIYE]) {
        *out = (yu__imbalance){YU_IMB_NF_OVER, YU_F_SHIYE, by_src[YU_S_SHIYE], f[YU_F_SHIYE]};
        return 1;
    }
    if (by_src[YU_S_JINGYING] > f[YU_F_JINGYING]) {
        *out = (yu__imbalance){YU_IMB_NF_OVER, YU_F_JINGYING, by_src[YU_S_JINGYING], f[YU_F_JINGYING]};
        return 1;
    }
    yu_money nf_src = f[YU_F_SHIYE] + f[YU_F_JINGYING] + f[YU_F_SHANGJI] + f[YU_F_FUSHU] +
                      f[YU_F_OTHER] + f[YU_F_CARRY_NF] + f[YU_F_USE_NF_BALANCE];
    yu_money nf_use = by_src[YU_S_NONFISCAL] + by_src[YU_S_SHIYE] + by_src[YU_S_JINGYING] + f[YU_F_OUT_NF];
    if (nf_src != nf_use) {
        *out = (yu__imbalance){YU_IMB_NF_TOTAL, YU_F_SHIYE, nf_src, nf_use};
        return 1;
    }
    if (f[YU_F_SHIYE_EDU] > f[YU_F_SHIYE]) {
        *out = (yu__imbalance){YU_IMB_EDU, YU_F_SHIYE_EDU, f[YU_F_SHIYE_EDU], f[YU_F_SHIYE]};
        return 1;
    }
    return 0;
}

yu_status yu_budget_check_balance(const yu_budget *b, yu_error *err)
{
    yu__imbalance m;
    if (!yu__budget_imbalance(b, &m))
        return YU_OK;
    char a[32], c[32];
    yu_fmt_units(m.a, 2, YU_NUM_TABLE, a, sizeof a);
    yu_fmt_units(m.b, 2, YU_NUM_TABLE, c, sizeof c);
    const char *kind = m.fund == YU_F_GPB  ? "一般公共预算拨款"
                       : m.fund == YU_F_GF ? "政府性基金预算拨款"
                                           : "国有资本经营预算拨款";
    switch (m.kind) {
    case YU_IMB_FISCAL_TOTAL:
        return yu_error_set(err, YU_EBALANCE, "funds.csv", 0, 0,
                            "%s: sources %s元 (当年拨款 + 上年结转) do not equal uses %s元 "
                            "(line items + 结转下年) in expenditure.csv",
                            kind, a, c);
    case YU_IMB_FISCAL_OVER:
        return yu_error_set(err, YU_EBALANCE, "expenditure.csv", 0, 0,
                            "%s: line items paid from this year's appropriation total %s元, more than the %s元 appropriated in funds.csv",
                            kind, a, c);
    case YU_IMB_NF_OVER:
        return yu_error_set(err, YU_EBALANCE, "expenditure.csv", 0, 0,
                            "line items paid from %s total %s元, more than the %s元 in funds.csv",
                            m.fund == YU_F_SHIYE ? "事业收入" : "事业单位经营收入", a, c);
    case YU_IMB_NF_TOTAL:
        return yu_error_set(err, YU_EBALANCE, "funds.csv", 0, 0,
                            "非财政拨款: sources %s元 (事业收入 + 经营收入 + 上级补助 + 附属单位上缴 + 其他收入 + 上年结转 + 使用结余) "
                            "do not equal uses %s元 (nonfiscal line items + 结转下年)",
                            a, c);
    default:
        return yu_error_set(err, YU_EBALANCE, "funds.csv", 0, 0, "教育收费 %s元 is more than 事业收入 %s元", a, c);
    }
}
