/* A synthetic administration: province → prefectures → counties →
 * departments → units → 下属单位, with balanced budgets whose codes come from
 * the catalogues (docs/store.md "yusuan gen").  Deterministic for a seed. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "yusuan/store.h"
#include "internal.h"

/* ---- random numbers: splitmix64 ---- */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rnd(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint32_t below(rng *r, uint32_t n)
{
    return n ? (uint32_t)(((rnd(r) >> 32) * (uint64_t)n) >> 32) : 0;
}

static int chance(rng *r, unsigned pct)
{
    return below(r, 100) < pct;
}

/* ---- departments of a region ---- */
typedef struct dept_def {
    const char *name;    /* e.g. 教育局 */
    const char *admin;   /* 款 of its 行政运行 (…01) */
    const char *proj[4]; /* 款 of its projects */
    const char *inst[4]; /* names of its 事业单位 */
    int gf;              /* has 政府性基金 spending (21208) */
} dept_def;

static const dept_def DEPTS[] = {
    {"教育局", "20501", {"20502", "20503", "20507", "20509"}, {"第一中学", "实验小学", "中心幼儿园", "教师发展中心"}, 0},
    {"卫生健康局", "21001", {"21002", "21003", "21004", "21007"}, {"人民医院", "疾病预防控制中心", "妇幼保健院", "卫生监督所"}, 0},
    {"公安局", "20402", {"20402"}, {"警务保障中心"}, 0},
    {"财政局", "20106", {"20106"}, {"国库支付中心", "财政投资评审中心"}, 0},
    {"发展和改革局", "20104", {"20104"}, {"价格认证中心", "重点项目服务中心"}, 0},
    {"统计局", "20105", {"20105"}, {"普查中心"}, 0},
    {"审计局", "20108", {"20108"}, {"审计信息中心"}, 0},
    {"人力资源和社会保障局", "20801", {"20801", "20807"}, {"就业服务中心", "社会保险事业中心"}, 0},
    {"民政局", "20802", {"20802", "20810"}, {"社会福利院", "救助管理站"}, 0},
    {"农业农村局", "21301", {"21301", "21307"}, {"农业技术推广中心", "动物疫病预防控制中心"}, 0},
    {"水利局", "21303", {"21303"}, {"水利工程管理站", "水文站"}, 0},
    {"林业局", "21302", {"21302", "21105"}, {"国有林场", "林业工作站"}, 0},
    {"交通运输局", "21401", {"21401"}, {"公路事业发展中心", "港航事业发展中心"}, 0},
    {"自然资源局", "22001", {"22001"}, {"不动产登记中心", "测绘院"}, 0},
    {"生态环境局", "21101", {"21101", "21103", "21104"}, {"环境监测站"}, 0},
    {"住房和城乡建设局", "21201", {"21201", "21203", "21205", "21208"}, {"市政设施管理处", "园林绿化中心"}, 1},
    {"文化广电旅游局", "20701", {"20701", "20702", "20706"}, {"图书馆", "文化馆", "博物馆"}, 0},
    {"体育局", "20703", {"20703"}, {"体育运动学校"}, 0},
    {"科学技术局", "20601", {"20601", "20602", "20603", "20604"}, {"科技情报研究所"}, 0},
    {"应急管理局", "22401", {"22401", "22402"}, {"应急救援中心"}, 0},
    {"市场监督管理局", "20138", {"20138"}, {"检验检测中心", "消费者权益保护中心"}, 0},
    {"司法局", "20406", {"20406"}, {"公证处", "法律援助中心"}, 0},
    {"退役军人事务局", "20828", {"20828", "20808"}, {"退役军人服务中心"}, 0},
    {"医疗保障局", "21015", {"21015", "21013"}, {"医疗保障服务中心"}, 0},
    {"商务局", "20113", {"20113", "21602"}, {"投资促进中心"}, 0},
    {"档案馆", "20126", {"20126"}, {"档案数字化中心"}, 0},
    {"政府办公室", "20103", {"20103"}, {"机关事务服务中心", "政务服务中心"}, 0},
    {"人大常委会办公室", "20101", {"20101"}, {"人大信息中心"}, 0},
    {"政协办公室", "20102", {"20102"}, {"政协信息中心"}, 0},
    {"纪委监委", "20111", {"20111"}, {"廉政教育中心"}, 0},
    {"党委组织部", "20132", {"20132"}, {"党员教育中心"}, 0},
    {"党委宣传部", "20133", {"20133"}, {"融媒体中心"}, 0},
    {"民族宗教事务局", "20123", {"20123"}, {"民族团结进步服务中心"}, 0},
    {"残疾人联合会", "20811", {"20811"}, {"残疾人康复中心"}, 0},
    {"气象局", "22005", {"22005"}, {"气象台"}, 0},
    {"粮食和物资储备局", "22201", {"22201", "22204"}, {"粮食储备库"}, 0},
};
#define NDEPTS (sizeof DEPTS / sizeof *DEPTS)

static const char *const PROVINCES[31] = {
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省",
    "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省",
    "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区"};
static const int PROVCODE[31] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41,
                                 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};
static const char *const SYL[] = {"东", "西", "南", "北", "中", "长", "永", "新", "清", "平", "安", "宁", "和", "兴",
                                  "阳", "山", "河", "江", "湖", "海", "泉", "林", "石", "云", "丰", "华", "昌", "桂",
                                  "宝", "金", "水", "康", "定", "乐", "庆", "泰", "顺", "德", "广", "明"};
#define NSYL (sizeof SYL / sizeof *SYL)

static const char *const PROJ_NAMES[] = {"专项业务经费", "信息化建设", "设备购置", "运行维护", "能力建设", "专项调查",
                                         "宣传培训", "综合治理", "基础设施维修", "监督检查", "规划编制", "试点示范"};
#define NPROJ (sizeof PROJ_NAMES / sizeof *PROJ_NAMES)

typedef struct dept_codes {
    uint32_t admin_func, inst_func; /* 行政运行; 事业单位's basic 项 */
    uint32_t *proj;                 /* project 项 */
    size_t nproj;
    uint32_t *gf;                   /* 政府性基金 项 (21208xx) */
    size_t ngf;
} dept_codes;

typedef struct gen {
    const yu_gen_opts *o;
    const yu_catalog *func, *econ;
    dept_codes dc[NDEPTS];
    uint32_t pers[32], pub[40], proj_econ[48];
    size_t npers, npub, nproj_econ;
    uint32_t f_pension, f_annuity, f_med_admin, f_med_inst, f_housing;
    int64_t units_total, unit_next; /* units generated so far: unit index */
    int64_t dept_total, dept_next;
    yu_store *store;
    yu_admin *admin;
    yu_gen_stats *st;
    yu_budget *b, *fin;             /* scratch */
    yu_error *err;
    int64_t batch_lines;
} gen;

static uint32_t num(const char *code)
{
    return (uint32_t)strtoul(code, NULL, 10);
}

static int known7(const yu_catalog *c, uint32_t v)
{
    return yu_catalog_name_num(c, v, 7) != NULL;
}

/* The 项 under a 款 (5 digits) in the catalogue. */
static int add_kuan(const yu_catalog *c, const char *kuan, uint32_t **v, size_t *n)
{
    uint32_t k = num(kuan);
    for (uint32_t x = 1; x < 100; x++) {
        uint32_t code = k * 100 + x;
        if (!known7(c, code))
            continue;
        uint32_t *nv = realloc(*v, (*n + 1) * sizeof *nv);
        if (!nv)
            return -1;
        *v = nv;
        (*v)[(*n)++] = code;
    }
    return 0;
}

static yu_status setup(gen *g)
{
    for (size_t d = 0; d < NDEPTS; d++) {
        dept_codes *c = &g->dc[d];
        uint32_t k = num(DEPTS[d].admin);
        c->admin_func = known7(g->func, k * 100 + 1) ? k * 100 + 1 : 0;
        for (int i = 0; i < 4 && DEPTS[d].proj[i]; i++) {
            if (!strcmp(DEPTS[d].proj[i], "21208")) {
                if (add_kuan(g->func, "21208", &c->gf, &c->ngf))
                    return YU_ENOMEM;
                continue;
            }
            if (add_kuan(g->func, DEPTS[d].proj[i], &c->proj, &c->nproj))
                return YU_ENOMEM;
        }
        /* projects: not the 行政运行 / 一般行政管理事务 / 机关服务 / 事业运行 items */
        size_t w = 0;
        for (size_t i = 0; i < c->nproj; i++) {
            uint32_t x = c->proj[i] % 100;
            if (x > 3 && x != 50)
                c->proj[w++] = c->proj[i];
        }
        c->nproj = w ? w : c->nproj;
        if (!c->admin_func)
            c->admin_func = c->nproj ? c->proj[0] : 0;
        c->inst_func = known7(g->func, k * 100 + 50) ? k * 100 + 50 : c->nproj ? c->proj[0] : c->admin_func;
        if (!c->admin_func)
            return yu_error_set(g->err, YU_ECODE, NULL, 0, 0, "gen: the catalogue has no 项 under 款 %s (%s)",
                                DEPTS[d].admin, DEPTS[d].name);
        if (!c->nproj) {
            c->proj = malloc(sizeof *c->proj);
            if (!c->proj)
                return YU_ENOMEM;
            c->proj[0] = c->admin_func;
            c->nproj = 1;
        }
    }
    /* 经济分类: 人员经费 301xx/303xx, 公用经费 302xx, projects 302xx/310xx */
    for (size_t i = 0; i < yu_catalog_size(g->econ); i++) {
        const char *code, *name;
        yu_catalog_at(g->econ, i, &code, &name);
        if (strlen(code) != 5 || !strcmp(code + 3, "99"))
            continue;
        uint32_t v = num(code), lei = v / 100;
        if ((lei == 301 || lei == 303) && g->npers < 32)
            g->pers[g->npers++] = v;
        else if (lei == 302 && g->npub < 40)
            g->pub[g->npub++] = v;
        if ((lei == 302 || lei == 310) && g->nproj_econ < 48)
            g->proj_econ[g->nproj_econ++] = v;
    }
    if (g->npers < 4 || g->npub < 4 || g->nproj_econ < 12)
        return yu_error_set(g->err, YU_ECODE, NULL, 0, 0, "gen: the 经济分类 catalogue lacks 301/302/310 codes");
    g->f_pension = known7(g->func, 2080505) ? 2080505 : 0;
    g->f_annuity = known7(g->func, 2080506) ? 2080506 : 0;
    g->f_med_admin = known7(g->func, 2101101) ? 2101101 : 0;
    g->f_med_inst = known7(g->func, 2101102) ? 2101102 : 0;
    g->f_housing = known7(g->func, 2210201) ? 2210201 : 0;
    return YU_OK;
}

static void teardown(gen *g)
{
    for (size_t d = 0; d < NDEPTS; d++) {
        free(g->dc[d].proj);
        free(g->dc[d].gf);
    }
    yu_budget_free(g->b);
    yu_budget_free(g->fin);
}

/* ---- sizes ---- */

/* Line items of unit u: L/U on average, exactly L in all; pairs of units
 * trade up to half of their share so sizes vary. */
static int64_t share(const gen *g, int64_t u)
{
    int64_t U = g->units_total, L = g->o->lines;
    return (int64_t)(((__int128)L * (u + 1)) / U - ((__int128)L * u) / U);
}

static int64_t lines_for(const gen *g, int64_t u)
{
    int64_t a = u & ~1ll, b = a + 1;
    if (b >= g->units_total)
        return share(g, u);
    int64_t na = share(g, a), nb = share(g, b);
    rng r = {g->o->seed * 0x2545F4914F6CDD1Dull + (uint64_t)a};
    int64_t m = (na < nb ? na : nb) / 2;
    int64_t d = m > 0 ? (int64_t)below(&r, (uint32_t)(m + 1)) : 0;
    return u == a ? na + d : nb - d;
}

/* ---- one budget ---- */

static void reset_budget(yu_budget *b)
{
    free(b->name);
    free(b->code);
    free(b->dept_name);
    free(b->dept_code);
    free(b->parent_code);
    free(b->template_id);
    free(b->functions);
    free(b->organisation);
    b->name = b->code = b->dept_name = b->dept_code = b->parent_code = b->template_id = NULL;
    b->functions = b->organisation = NULL;
    memset(b->funds, 0, sizeof b->funds);
    memset(b->sangong, 0, sizeof b->sangong);
    memset(b->sangong_prior, 0, sizeof b->sangong_prior);
    memset(b->procurement, 0, sizeof b->procurement);
    b->has_sangong_prior = 0;
    for (size_t i = 0; i < b->nassets; i++) {
        free(b->assets[i].category);
        free(b->assets[i].name);
    }
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
    for (size_t i = 0; i < b->nindicators; i++) {
        free(b->indicators[i].level1);
        free(b->indicators[i].level2);
        free(b->indicators[i].level3);
        free(b->indicators[i].value);
    }
    for (size_t i = 0; i < b->nnotes; i++) {
        free(b->notes[i].key);
        free(b->notes[i].text);
    }
    b->nlines = b->nprior = b->nassets = b->nprojects = b->nindicators = b->nnotes = 0;
    /* the project-id hash indexes the projects just freed: empty it too (keeping its size),
       or the next budget's inserts probe a table full of stale entries forever */
    if (b->proj_hash)
        memset(b->proj_hash, 0, (b->proj_mask + 1) * sizeof *b->proj_hash);
}

/* an amount of lo..hi hundredths of 万元, in 分 */
static yu_money wan(rng *r, uint32_t lo, uint32_t hi)
{
    return (yu_money)(lo + below(r, hi - lo + 1)) * 10000;
}

typedef struct unit_spec {
    const char *code, *name, *parent, *dept_code, *dept_name;
    size_t dept;            /* index in DEPTS */
    int inst;               /* 事业单位 (else 行政单位 本级) */
    int64_t n;              /* line items */
    yu_money down;          /* 对附属单位补助支出 to its children */
    yu_money up_income;     /* 附属单位上缴收入 from its children */
    yu_money shangji;       /* 上级补助收入 from its parent */
    yu_money shangjiao;     /* 上缴上级支出 to its parent */
} unit_spec;

static int add(yu_budget *b, uint32_t func, int type, int source, uint32_t econ, int32_t project, int jj, yu_money a)
{
    yu_line l;
    memset(&l, 0, sizeof l);
    l.func = func;
    l.type = (uint8_t)type;
    l.source = (uint8_t)source;
    l.econ = econ;
    l.project = project;
    l.jijian = (uint8_t)jj;
    l.amount = a;
    return yu_budget_add_line(b, &l) ? -1 : 0;
}

static int make_budget(gen *g, rng *r, const unit_spec *u, yu_budget *b)
{
    reset_budget(b);
    const dept_codes *dc = &g->dc[u->dept];
    b->name = yu_strdup(u->name);
    b->code = yu_strdup(u->code);
    b->dept_name = yu_strdup(u->dept_name);
    b->dept_code = yu_strdup(u->dept_code);
    b->parent_code = yu_strdup(u->parent);
    b->template_id = yu_strdup("central-budget");
    b->year = g->o->year;
    b->input_scale = YU_FEN_PER_WAN;
    char txt[512];
    snprintf(txt, sizeof txt, "%s主要职能：贯彻落实本行业的方针政策和决策部署，承担%s职责范围内的各项工作。",
             u->name, DEPTS[u->dept].name);
    b->functions = yu_strdup(txt);
    if (!b->name || !b->code || !b->dept_name || !b->dept_code || !b->parent_code || !b->template_id || !b->functions)
        return -1;
    int need_nf = u->inst && (u->down || u->up_income || u->shangji || u->shangjiao);
    int64_t reserved = (u->down > 0) + (u->shangjiao > 0) + need_nf;
    int64_t m = u->n - reserved;
    uint32_t basic = u->inst ? dc->inst_func : dc->admin_func;
    /* 1. 人员经费 from 一般公共预算 */
    for (size_t i = 0; i < g->npers && m > 0; i++, m--)
        if (add(b, basic, YU_T_PERSONNEL, YU_S_GPB, g->pers[i], -1, 0, wan(r, 200, i < 3 ? 30000 : 5000)))
            return -1;
    uint32_t social[4][2] = {{g->f_pension, 30108}, {g->f_annuity, 30109},
                             {u->inst ? g->f_med_inst : g->f_med_admin, 30110}, {g->f_housing, 30113}};
    for (int i = 0; i < 4 && m > 0; i++) {
        if (!social[i][0] || !yu_catalog_name_num(g->econ, social[i][1], 5))
            continue;
        if (add(b, social[i][0], YU_T_PERSONNEL, YU_S_GPB, social[i][1], -1, 0, wan(r, 500, 8000)))
            return -1;
        m--;
    }
    /* 2. 公用经费 */
    for (size_t i = 0; i < g->npub && m > 0 && i < 24; i++, m--)
        if (add(b, basic, YU_T_PUBLIC, YU_S_GPB, g->pub[i], -1, 0, wan(r, 50, 3000)))
            return -1;
    /* 3. a 事业单位 spends its own income too; one such line at least when it has transfers */
    size_t nf_lines = 0;
    if (u->inst) {
        for (size_t i = 0; i < 6 && (m > 0 || (i == 0 && need_nf)); i++, nf_lines++) {
            if (!(i == 0 && need_nf))
                m--; /* the first one was reserved */
            if (add(b, basic, i < 3 ? YU_T_PERSONNEL : YU_T_PUBLIC, YU_S_NONFISCAL, i < 3 ? g->pers[i] : g->pub[i],
                    -1, 0, wan(r, 100, 5000)))
                return -1;
        }
        if (chance(r, 15) && m > 0) {
            if (add(b, basic, YU_T_JINGYING, YU_S_NONFISCAL, 0, -1, 0, wan(r, 100, 3000)))
                return -1;
            m--;
            nf_lines++;
        }
    }
    /* 4. projects take the rest, up to 12 line items each */
    char pid[16], pname[256], pdept[128];
    snprintf(pdept, sizeof pdept, "[%s]%s", u->dept_code, u->dept_name);
    while (m > 0) {
        int32_t pi = (int32_t)b->nprojects;
        int64_t k = m < 12 ? m : 4 + below(r, 9);
        if (k > m)
            k = m;
        snprintf(pid, sizeof pid, "p%03d", pi + 1);
        snprintf(pname, sizeof pname, "%s%s%s", DEPTS[u->dept].name, PROJ_NAMES[below(r, NPROJ)],
                 pi >= (int32_t)NPROJ ? "（续）" : "");
        yu_project p;
        memset(&p, 0, sizeof p);
        p.id = pid;
        p.name = pname;
        p.department = pdept;
        p.implementer = (char *)u->name;
        p.goal = "完成年度工作任务，提高服务保障水平。";
        p.exec_score = 10;
        if (yu_budget_add_project(b, &p))
            return -1;
        int gf = dc->ngf && chance(r, 30);
        uint32_t func = gf ? dc->gf[below(r, (uint32_t)dc->ngf)] : dc->proj[below(r, (uint32_t)dc->nproj)];
        size_t e0 = below(r, (uint32_t)g->nproj_econ);
        for (int64_t j = 0; j < k; j++) {
            uint32_t econ = g->proj_econ[(e0 + (size_t)j) % g->nproj_econ];
            int src = gf ? YU_S_GF : YU_S_GPB;
            unsigned roll = below(r, 100);
            if (roll < 8)
                src = gf ? YU_S_GF_CARRY : YU_S_GPB_CARRY;
            else if (u->inst && roll < 25)
                src = YU_S_NONFISCAL;
            int jj = src == YU_S_GPB && econ / 100 == 310 && chance(r, 3);
            if (add(b, func, YU_T_PROJECT, src, econ, pi, jj, wan(r, 100, 50000)))
                return -1;
            nf_lines += src == YU_S_NONFISCAL;
        }
        m -= k;
    }
    /* 5. the transfers */
    if (u->down && add(b, basic, YU_T_FUSHU, YU_S_NONFISCAL, 0, -1, 0, u->down))
        return -1;
    if (u->shangjiao && add(b, basic, YU_T_SHANGJIAO, YU_S_NONFISCAL, 0, -1, 0, u->shangjiao))
        return -1;
    /* funds: appropriations = their line items; non-fiscal income = the rest */
    yu_money by[YU_S_COUNT] = {0};
    for (size_t i = 0; i < b->nlines; i++)
        by[b->lines[i].source] += b->lines[i].amount;
    b->funds[YU_F_GPB] = by[YU_S_GPB];
    b->funds[YU_F_CARRY_GPB] = by[YU_S_GPB_CARRY];
    b->funds[YU_F_GF] = by[YU_S_GF];
    b->funds[YU_F_CARRY_GF] = by[YU_S_GF_CARRY];
    b->funds[YU_F_SHANGJI] = u->shangji;
    b->funds[YU_F_FUSHU] = u->up_income;
    yu_money rest = by[YU_S_NONFISCAL] - u->shangji - u->up_income;
    if (rest < 0) { /* make the unit's own spending cover what it received */
        for (size_t i = 0; i < b->nlines; i++)
            if (b->lines[i].source == YU_S_NONFISCAL && b->lines[i].type != YU_T_FUSHU &&
                b->lines[i].type != YU_T_SHANGJIAO) {
                b->lines[i].amount -= rest;
                rest = 0;
                break;
            }
        if (rest < 0)
            return -2;
    }
    if (u->inst) {
        yu_money shiye = rest / 10000 * 7 / 10 * 10000;
        b->funds[YU_F_SHIYE] = shiye;
        b->funds[YU_F_OTHER] = rest - shiye;
        if (!strncmp(DEPTS[u->dept].admin, "205", 3)) /* 教育: 教育收费 */
            b->funds[YU_F_SHIYE_EDU] = shiye / 10000 / 3 * 10000;
    } else
        b->funds[YU_F_OTHER] = rest;
    /* prior: last year's 一般公共预算 execution by 项, near this year's */
    for (size_t i = 0; i < b->nlines; i++) {
        const yu_line *l = &b->lines[i];
        if (l->source != YU_S_GPB)
            continue;
        size_t k;
        for (k = 0; k < b->nprior && b->prior[k].func != l->func; k++)
            ;
        yu_money v = l->amount / 10000 * (85 + below(r, 31)) / 100 * 10000;
        if (k == b->nprior) {
            yu_prior p = {l->func, v, v};
            if (yu_budget_add_prior(b, &p))
                return -1;
        } else {
            b->prior[k].executed += v;
            b->prior[k].executed_ex += v;
        }
    }
    /* 三公, procurement, vehicles */
    if (!u->inst) {
        b->sangong[YU_SG_ABROAD] = chance(r, 30) ? wan(r, 100, 2000) : 0;
        b->sangong[YU_SG_CAR_BUY] = chance(r, 10) ? wan(r, 1000, 3000) : 0;
        b->sangong[YU_SG_CAR_RUN] = wan(r, 100, 1500);
        b->sangong[YU_SG_RECEPTION] = wan(r, 10, 500);
        b->sangong[YU_SG_OFFICE] = wan(r, 1000, 20000);
        if (yu_budget_add_asset(b, "vehicle", "机要通信用车", 1 + below(r, 2)) ||
            yu_budget_add_asset(b, "vehicle", "执法执勤用车", below(r, 6)))
            return -1;
    }
    /* the “三公” lines of the 财政拨款 spending are part of the “三公” figures
     * (X-SANGONG-ECON): 因公出国（境）费用, 公务用车购置, 运行维护费, 公务接待费 */
    for (size_t i = 0; i < b->nlines; i++) {
        const yu_line *l = &b->lines[i];
        if (!yu_source_is_fiscal(l->source))
            continue;
        int k = l->econ == 30212 ? YU_SG_ABROAD : l->econ == 31013 ? YU_SG_CAR_BUY : l->econ == 30231 ? YU_SG_CAR_RUN
              : l->econ == 30217 ? YU_SG_RECEPTION : -1;
        if (k >= 0)
            b->sangong[k] += l->amount;
    }
    b->procurement[YU_P_GOODS] = wan(r, 0, 5000);
    b->procurement[YU_P_SERVICES] = wan(r, 0, 10000);
    return 0;
}

/* Final accounts of year - 1: the same units, 一般公共预算/基金 line items
 * executed at 85–105 %, everything else as budgeted. */
static int make_final(gen *g, rng *r, const yu_budget *b, yu_budget *f)
{
    reset_budget(f);
    f->name = yu_strdup(b->name);
    f->code = yu_strdup(b->code);
    f->dept_name = yu_strdup(b->dept_name);
    f->dept_code = yu_strdup(b->dept_code);
    f->parent_code = yu_strdup(b->parent_code);
    f->template_id = yu_strdup(b->template_id);
    if (!f->name || !f->code || !f->dept_name || !f->dept_code || !f->parent_code || !f->template_id)
        return -1;
    f->year = g->o->year - 1;
    f->input_scale = b->input_scale;
    memcpy(f->funds, b->funds, sizeof f->funds);
    for (size_t i = 0; i < b->nprojects; i++)
        if (yu_budget_add_project(f, &b->projects[i]))
            return -1;
    yu_money by[YU_S_COUNT] = {0};
    for (size_t i = 0; i < b->nlines; i++) {
        yu_line l = b->lines[i];
        if (l.source != YU_S_NONFISCAL)
            l.amount = l.amount / 10000 * (85 + below(r, 21)) / 100 * 10000;
        by[l.source] += l.amount;
        if (yu_budget_add_line(f, &l))
            return -1;
    }
    f->funds[YU_F_GPB] = by[YU_S_GPB];
    f->funds[YU_F_CARRY_GPB] = by[YU_S_GPB_CARRY];
    f->funds[YU_F_GF] = by[YU_S_GF];
    f->funds[YU_F_CARRY_GF] = by[YU_S_GF_CARRY];
    return 0;
}

/* ---- the sinks ---- */

static yu_status sink_node(gen *g, const char *code, const char *name, const char *parent, const char *kind,
                           int32_t aparent, int32_t *aidx)
{
    if (g->store)
        return yu_store_put_node(g->store, code, name, parent, kind, g->err);
    *aidx = yu_admin_add_node(g->admin, code, name, aparent);
    return *aidx < 0 ? yu_error_set(g->err, YU_ENOMEM, NULL, 0, 0, "out of memory") : YU_OK;
}

static yu_status sink_budget(gen *g, yu_budget *b, yu_budget *fin, int32_t aidx)
{
    yu_status st;
    g->st->lines += (int64_t)b->nlines;
    g->st->projects += (int64_t)b->nprojects;
    for (size_t i = 0; i < b->nlines; i++)
        g->st->total += b->lines[i].amount;
    if (g->store) {
        if ((st = yu_store_import(g->store, b, YU_STORE_BUDGET, "yusuan gen", g->err)))
            return st;
        if (fin && (st = yu_store_import(g->store, fin, YU_STORE_FINAL, "yusuan gen", g->err)))
            return st;
        g->batch_lines += (int64_t)(b->nlines + (fin ? fin->nlines : 0));
        if (g->batch_lines > 500000) {
            if ((st = yu_store_commit(g->store, g->err)) || (st = yu_store_begin(g->store, g->err)))
                return st;
            g->batch_lines = 0;
        }
        return YU_OK;
    }
    if (fin && yu_prior_from_final(b, fin))
        return yu_error_set(g->err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    st = yu_admin_add_budget(g->admin, aidx, b);
    return st ? yu_error_set(g->err, st, NULL, 0, 0, st == YU_ENOMEM ? "out of memory" : "cannot lay out a budget") : YU_OK;
}

/* ---- the tree ---- */

static yu_status gen_unit(gen *g, rng *r, unit_spec *u, int32_t aparent)
{
    int32_t aidx = -1;
    yu_status st = YU_OK;
    if (!g->store && (st = sink_node(g, u->code, u->name, u->parent, "unit", aparent, &aidx)))
        return st;
    int rc = make_budget(g, r, u, g->b);
    if (rc)
        return rc == -2 ? yu_error_set(g->err, YU_EVALUE, NULL, 0, 0, "gen: unit %s cannot balance", u->code)
                        : yu_error_set(g->err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    if (g->o->finals && make_final(g, r, g->b, g->fin))
        return yu_error_set(g->err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    g->st->units++;
    return sink_budget(g, g->b, g->o->finals ? g->fin : NULL, aidx);
}

/* the units of one department: 本级, 事业单位, some with 下属单位 */
static yu_status gen_dept(gen *g, rng *r, const char *dcode, const char *dname, size_t d, int32_t adept)
{
    int64_t k = g->units_total / g->dept_total + (g->dept_next < g->units_total % g->dept_total);
    g->dept_next++;
    char code[96], name[384], scode[128], sname[512];
    yu_status st;
    for (int64_t j = 0; j < k; j++) {
        int64_t uidx = g->unit_next++;
        unit_spec u;
        memset(&u, 0, sizeof u);
        u.dept = d;
        u.dept_code = dcode;
        u.dept_name = dname;
        u.inst = j > 0;
        u.n = lines_for(g, uidx);
        snprintf(code, sizeof code, "%s%03lld", dcode, (long long)j + 1);
        if (j == 0)
            snprintf(name, sizeof name, "%s（本级）", dname);
        else {
            int ninst = 0;
            while (ninst < 4 && DEPTS[d].inst[ninst])
                ninst++;
            const char *in = DEPTS[d].inst[(j - 1) % ninst];
            if (j - 1 >= ninst)
                snprintf(name, sizeof name, "%s%s第%lld分中心", dname, in, (long long)((j - 1) / ninst + 1));
            else
                snprintf(name, sizeof name, "%s%s", dname, in);
        }
        u.code = code;
        u.name = name;
        u.parent = dcode;
        /* every third 事业单位 has a 下属单位 (the next unit) */
        int with_child = u.inst && j + 1 < k && (j + 1) % 3 == 0;
        unit_spec c;
        memset(&c, 0, sizeof c);
        if (with_child) {
            c.n = lines_for(g, uidx + 1);
            if (u.n >= 8 && c.n >= 8) {
                u.down = c.shangji = wan(r, 1000, 20000);
                u.up_income = c.shangjiao = chance(r, 50) ? wan(r, 100, 2000) : 0;
            }
        }
        int32_t aunit = -1;
        if ((st = gen_unit(g, r, &u, adept)))
            return st;
        if (!g->store)
            aunit = (int32_t)yu_admin_nodes(g->admin) - 1;
        if (with_child) {
            j++;
            uidx = g->unit_next++;
            c.dept = d;
            c.dept_code = dcode;
            c.dept_name = dname;
            c.inst = 1;
            snprintf(scode, sizeof scode, "%s01", code);
            snprintf(sname, sizeof sname, "%s分支机构", name);
            c.code = scode;
            c.name = sname;
            c.parent = code;
            if ((st = gen_unit(g, r, &c, aunit)))
                return st;
        }
    }
    return YU_OK;
}

static yu_status gen_region(gen *g, rng *r, const char *code, const char *name, const char *parent, int level,
                            int32_t aparent)
{
    int32_t areg = -1;
    yu_status st = sink_node(g, code, name, parent, "region", aparent, &areg);
    if (st)
        return st;
    g->st->regions++;
    int nd = g->o->departments;
    for (int d = 0; d < nd; d++) {
        char dcode[32], dname[256];
        snprintf(dcode, sizeof dcode, "%s%03d", code, d + 1);
        snprintf(dname, sizeof dname, "%s%s", name, DEPTS[d % NDEPTS].name);
        int32_t adept = -1;
        if ((st = sink_node(g, dcode, dname, code, "department", areg, &adept)))
            return st;
        g->st->departments++;
        if ((st = gen_dept(g, r, dcode, dname, (size_t)d % NDEPTS, adept)))
            return st;
    }
    int nchild = level == 0 ? g->o->prefectures : level == 1 ? g->o->counties : 0;
    for (int i = 0; i < nchild; i++) {
        char ccode[16], cname[64];
        if (level == 0)
            snprintf(ccode, sizeof ccode, "%.2s%02d00", code, i + 1);
        else
            snprintf(ccode, sizeof ccode, "%.4s%02d", code, i + 1);
        snprintf(cname, sizeof cname, "%s%s%s", SYL[below(r, NSYL)], SYL[below(r, NSYL)],
                 level == 0 ? "市" : (i % 3 == 0 ? "区" : "县"));
        if ((st = gen_region(g, r, ccode, cname, code, level + 1, areg)))
            return st;
    }
    return YU_OK;
}

yu_status yu_gen_preset(yu_gen_opts *o, const char *name)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->year = 2024;
    if (!strcmp(name, "small")) {
        o->provinces = 1;
        o->prefectures = 2;
        o->counties = 2;
        o->departments = 4;
        o->units = 100;
        o->lines = 6000;
        o->finals = 1;
    } else if (!strcmp(name, "bench")) {
        o->provinces = 1;
        o->prefectures = 21;
        o->counties = 10;
        o->departments = 36;
        o->units = 60000;
        o->lines = 10000000;
    } else if (!strcmp(name, "national")) {
        o->provinces = 31;
        o->prefectures = 12;
        o->counties = 8;
        o->departments = 36;
        o->units = 600000;
        o->lines = 100000000;
    } else
        return YU_EUSAGE;
    return YU_OK;
}

static yu_status run(gen *g)
{
    const yu_gen_opts *o = g->o;
    if (o->provinces < 1 || o->provinces > 99 || o->prefectures < 0 || o->prefectures > 99 || o->counties < 0 ||
        o->counties > 99 || o->departments < 1 || o->departments > 999 || o->units < 0 || o->lines < 0 || o->year < 1991 ||
        o->year > 2100)
        return yu_error_set(g->err, YU_EUSAGE, NULL, 0, 0,
                            "gen: expected 1–99 provinces, 0–99 prefectures and counties, 1–999 departments, a year 1991–2100");
    int64_t regions = (int64_t)o->provinces * (1 + o->prefectures + (int64_t)o->prefectures * o->counties);
    g->dept_total = regions * o->departments;
    g->units_total = o->units ? o->units : g->dept_total * 5;
    if (g->units_total < g->dept_total)
        return yu_error_set(g->err, YU_EUSAGE, NULL, 0, 0, "gen: %lld units for %lld departments: expected at least one per department",
                            (long long)g->units_total, (long long)g->dept_total);
    g->b = yu_budget_new();
    g->fin = yu_budget_new();
    if (!g->b || !g->fin)
        return yu_error_set(g->err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    yu_status st = setup(g);
    if (st)
        return st == YU_ENOMEM ? yu_error_set(g->err, st, NULL, 0, 0, "out of memory") : st;
    rng r = {o->seed ^ 0x5DEECE66Dull};
    int32_t aroot = -1;
    const char *root = NULL;
    if (o->provinces > 1) {
        root = "000000";
        if ((st = sink_node(g, root, "全国", NULL, "region", -1, &aroot)))
            return st;
        g->st->regions++;
    }
    for (int p = 0; p < o->provinces; p++) {
        char code[16];
        const char *name = o->provinces == 1 ? "广东省" : p < 31 ? PROVINCES[p] : "示范省";
        snprintf(code, sizeof code, "%02d0000", o->provinces == 1 ? 44 : p < 31 ? PROVCODE[p] : 70 + p - 31);
        if ((st = gen_region(g, &r, code, name, root, 0, aroot)))
            return st;
    }
    return YU_OK;
}

static yu_gen_opts defaults(const yu_gen_opts *o)
{
    yu_gen_opts d = *o;
    int64_t regions = (int64_t)d.provinces * (1 + d.prefectures + (int64_t)d.prefectures * d.counties);
    if (!d.units)
        d.units = regions * d.departments * 5;
    if (!d.lines)
        d.lines = d.units * 40;
    return d;
}

yu_status yu_gen_store(yu_store *s, const yu_gen_opts *o, const yu_catalog *func, const yu_catalog *econ,
                       yu_gen_stats *stats, yu_error *err)
{
    yu_error_clear(err);
    yu_gen_stats local;
    memset(&local, 0, sizeof local);
    yu_gen_opts d = defaults(o);
    gen g;
    memset(&g, 0, sizeof g);
    g.o = &d;
    g.func = func;
    g.econ = econ;
    g.store = s;
    g.err = err;
    g.st = stats ? stats : &local;
    memset(g.st, 0, sizeof *g.st);
    yu_status st = yu_store_begin(s, err);
    if (!st)
        st = run(&g);
    if (!st)
        st = yu_store_commit(s, err);
    else
        yu_store_rollback(s);
    if (!st)
        st = yu_store_refresh_closure(s, 1, err);
    teardown(&g);
    return st;
}

yu_status yu_gen_admin(const yu_gen_opts *o, const yu_catalog *func, const yu_catalog *econ, yu_admin **out,
                       yu_gen_stats *stats, yu_error *err)
{
    yu_error_clear(err);
    *out = NULL;
    yu_gen_stats local;
    memset(&local, 0, sizeof local);
    yu_gen_opts d = defaults(o);
    gen g;
    memset(&g, 0, sizeof g);
    g.o = &d;
    g.func = func;
    g.econ = econ;
    g.err = err;
    g.st = stats ? stats : &local;
    memset(g.st, 0, sizeof *g.st);
    g.admin = yu_admin_new();
    if (!g.admin)
        return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    /* the line items and two prior entries per 项 or so: reserve once */
    yu_status st = yu_admin_reserve(g.admin, (size_t)d.lines + (size_t)d.lines / 4 + 1024);
    if (st)
        st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory for %lld line items", (long long)d.lines);
    if (!st)
        st = run(&g);
    teardown(&g);
    if (st) {
        yu_admin_free(g.admin);
        return st;
    }
    *out = g.admin;
    return YU_OK;
}
