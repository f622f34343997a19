/* yusuan — the budget model: one unit's budget for one year.
 *
 * Everything the published document needs and nothing the engine can
 * compute.  Amounts are 分.  A yu_budget owns all of its strings. */
#ifndef YUSUAN_MODEL_H
#define YUSUAN_MODEL_H

#include <stdint.h>
#include <stddef.h>
#include "error.h"
#include "money.h"
#include "catalog.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Kinds of expenditure (支出类型). */
typedef enum yu_type {
    YU_T_PERSONNEL = 0, /* 基本支出 — 人员经费 */
    YU_T_PUBLIC,        /* 基本支出 — 公用经费 */
    YU_T_PROJECT,       /* 项目支出 */
    YU_T_SHANGJIAO,     /* 上缴上级支出 */
    YU_T_JINGYING,      /* 事业单位经营支出 */
    YU_T_FUSHU,         /* 对附属单位补助支出 */
    YU_T_COUNT
} yu_type;

/* Where a line item's money comes from (资金来源). */
typedef enum yu_source {
    YU_S_GPB = 0,    /* 一般公共预算当年拨款 */
    YU_S_GPB_CARRY,  /* 一般公共预算拨款上年结转 */
    YU_S_GF,         /* 政府性基金预算当年拨款 */
    YU_S_GF_CARRY,   /* 政府性基金预算拨款上年结转 */
    YU_S_SOE,        /* 国有资本经营预算当年拨款 */
    YU_S_SOE_CARRY,  /* 国有资本经营预算拨款上年结转 */
    YU_S_NONFISCAL,  /* 其他非财政拨款资金 (其他收入、上级补助、附属单位上缴、非财政结转结余…) */
    YU_S_SHIYE,      /* 事业收入安排的资金 */
    YU_S_JINGYING,   /* 事业单位经营收入安排的资金 */
    YU_S_COUNT
} yu_source;

/* 1 for the 财政拨款 sources (the three budgets, current and carried over). */
#define yu_source_is_fiscal(s) ((s) <= YU_S_SOE_CARRY)

/* Funding items: income by source, carry-overs and carry-outs (funds.csv). */
typedef enum yu_fund {
    YU_F_GPB = 0,        /* 一般公共预算拨款收入 */
    YU_F_GF,             /* 政府性基金预算拨款收入 */
    YU_F_SOE,            /* 国有资本经营预算拨款收入 */
    YU_F_SHIYE,          /* 事业收入 */
    YU_F_SHIYE_EDU,      /* 事业收入 其中：教育收费 (part of YU_F_SHIYE) */
    YU_F_JINGYING,       /* 事业单位经营收入 */
    YU_F_SHANGJI,        /* 上级补助收入 */
    YU_F_FUSHU,          /* 附属单位上缴收入 */
    YU_F_OTHER,          /* 其他收入 */
    YU_F_CARRY_GPB,      /* 上年结转 — 一般公共预算拨款 */
    YU_F_CARRY_GF,       /* 上年结转 — 政府性基金预算拨款 */
    YU_F_CARRY_SOE,      /* 上年结转 — 国有资本经营预算拨款 */
    YU_F_CARRY_NF,       /* 上年结转 — 非财政拨款 */
    YU_F_USE_NF_BALANCE, /* 使用非财政拨款结余 */
    YU_F_OUT_GPB,        /* 结转下年 — 一般公共预算拨款 */
    YU_F_OUT_GF,         /* 结转下年 — 政府性基金预算拨款 */
    YU_F_OUT_SOE,        /* 结转下年 — 国有资本经营预算拨款 */
    YU_F_OUT_NF,         /* 结转下年 — 非财政拨款 */
    YU_F_COUNT
} yu_fund;

/* "三公" items and 机关运行经费 (sangong.csv). */
typedef enum yu_sangong {
    YU_SG_ABROAD = 0,   /* 因公出国（境）费 */
    YU_SG_CAR_BUY,      /* 公务用车购置费 */
    YU_SG_CAR_RUN,      /* 公务用车运行费 */
    YU_SG_RECEPTION,    /* 公务接待费 */
    YU_SG_OFFICE,       /* 机关运行经费 */
    YU_SG_COUNT
} yu_sangong;

/* Government procurement categories (procurement.csv). */
typedef enum yu_proc { YU_P_GOODS = 0, YU_P_WORKS, YU_P_SERVICES, YU_P_COUNT } yu_proc;

/* One expenditure line item.  24 bytes: 10 million fit in 240 MB. */
typedef struct yu_line {
    yu_money amount;   /* 分, >= 0 */
    uint32_t func;     /* 功能分类 项 code, 7 digits (e.g. 2110106) */
    uint32_t econ;     /* 经济分类 款 code, 5 digits, or 0 when unknown */
    int32_t project;   /* index into yu_budget.projects, or -1 */
    uint8_t type;      /* yu_type */
    uint8_t source;    /* yu_source */
    uint8_t jijian;    /* 1 when 中央基建投资 (中央预算内投资) */
    uint8_t pad_;      /* unused */
} yu_line;

/* Previous year's execution of one 项 (prior.csv), 一般公共预算 only. */
typedef struct yu_prior {
    uint32_t func;       /* 7-digit 项 code */
    yu_money executed;   /* 执行数 */
    yu_money executed_ex;/* 扣除中央基建投资后执行数 */
} yu_prior;

/* The kinds of budget unit (units.csv `kind`): 行政单位 (机关), 参公事业单位, 事业单位, other. */
enum { YU_UK_ADMIN = 0, YU_UK_CANGONG, YU_UK_INST, YU_UK_OTHER, YU_UK_COUNT };

/* A budget unit of the department (a row of units.csv): its name and kind (YU_UK_*). */
typedef struct yu_member {
    char *name;
    int kind;
} yu_member;

/* A state-asset item (assets.csv). */
typedef struct yu_asset {
    char *category; /* "vehicle" or "equipment" */
    char *name;     /* e.g. 主要领导干部用车 */
    int64_t count;  /* number of vehicles / 台（套） */
    int64_t purchase; /* the number the year's budget buys (assets.csv `purchase`; 0 when not given) */
} yu_asset;

/* A project (projects.csv).  Funds are computed from the line items. */
typedef struct yu_project {
    char *id;          /* the package's key */
    char *name;        /* 二级项目名称 */
    char *department;  /* 主管部门及代码, e.g. [144]生态环境部 */
    char *implementer; /* 实施单位 */
    char *goal;        /* 年度总体目标 (paragraphs separated by '\n') */
    int publish;       /* 1: its 绩效目标表 is published */
    int exec_score;    /* 执行率 分值, normally 10; 0 when not scored */
    /* 项目经费情况说明 (projects.csv, optional; "" when not given; kept by the store since v10):
     * 项目概况, 立项依据, 实施主体, 实施方案, 实施周期, 年度预算安排 */
    char *text[6];
    /* the 财政项目支出绩效目标填报表's (projects.csv, optional; "" when not given; kept by the
     * store since v15): 项目性质 (经常性项目 …), 项目类别 (特定目标类 …), 计划开始日期 and
     * 计划完成日期 (YYYY-MM-DD), 项目总目标 (paragraphs separated by '\n') */
    char *nature, *category, *start, *finish, *life_goal;
    int has_life;      /* 1: the project's whole-life funds (项目资金总额) were given */
    yu_money life_total, life_fiscal, life_other; /* 项目资金总额, 其中：财政资金, 其他资金 (分; 0 unless has_life) */
} yu_project;

/* The names of yu_project.text in projects.csv and layouts ({text:overview}). */
#define YU_PROJECT_TEXTS {"overview", "basis", "subject", "plan", "period", "schedule"}
/* The form's words of a project in projects.csv, in the order yu_project_form_text gives them;
 * and its whole-life funds' columns. */
#define YU_PROJECT_FORM_TEXTS {"nature", "category", "start", "finish", "life_goal"}
#define YU_PROJECT_FORM_NTEXTS 5
#define YU_PROJECT_LIFE_FUNDS {"life_total", "life_fiscal", "life_other"}
/* &p->nature, &p->category, &p->start, &p->finish, &p->life_goal for k = 0 … 4, else NULL */
char **yu_project_form_text(yu_project *p, int k);

/* One performance indicator (indicators.csv). */
typedef struct yu_indicator {
    int32_t project;   /* index into projects */
    char *level1;      /* 一级指标: 产出指标 / 效益指标 / 满意度指标 / 成本指标 */
    char *level2;      /* 二级指标 */
    char *level3;      /* 三级指标 */
    char *value;       /* 指标值 as written */
    int64_t weight;    /* 分值权重 in hundredths */
    int line;          /* source line, for messages */
} yu_indicator;

/* A free-text statement the data cannot produce (notes.csv). */
typedef struct yu_note {
    char *key;   /* e.g. gpb_change, func:2020599, perf */
    char *text;
} yu_note;

typedef struct yu_budget {
    char *name;          /* 单位名称 */
    char *code;          /* 单位代码 */
    char *dept_name;     /* 主管部门 */
    char *dept_code;     /* 主管部门代码 */
    char *parent_code;   /* code of the unit above in a department tree, or NULL */
    char *template_id;   /* layout template, default "central-budget" */
    int year;            /* budget year */
    int64_t input_scale; /* 分 per input unit: 100 (元) or 1000000 (万元) */
    char *functions;     /* 主要职能 text, paragraphs separated by "\n\n" */
    char *organisation;  /* 内设机构 text */

    yu_money funds[YU_F_COUNT];    /* income, carry-over and carry-out items */
    yu_money sangong[YU_SG_COUNT]; /* this year's "三公" and 机关运行经费 */
    yu_money sangong_prior[YU_SG_COUNT]; /* last year's, when known */
    int has_sangong_prior;         /* sangong_prior is filled */
    yu_money funds_prior[YU_F_COUNT]; /* last year's budget of each income item, when known (funds.csv `prior`) */
    int has_funds_prior;           /* funds_prior is filled */
    yu_money procurement[YU_P_COUNT];
    /* 其他相关情况说明 inputs (docs/format.md), each with its flag "given" */
    yu_money proc_sme;       /* 面向中小企业预留 (procurement.csv `sme`) */
    yu_money proc_sme_small; /* of which 预留给小型和微型企业 (`sme_small`) */
    int has_proc_sme;        /* procurement.csv has the `sme` row (then `sme_small` is 0 when absent) */
    int64_t unit_kinds[YU_UK_COUNT]; /* the units of each kind (units.csv) */
    int has_units;           /* units.csv was given */
    yu_member *members; size_t nmembers, cap_members; /* its rows, in order (unit_kinds counts them) */
    int64_t perf_units, perf_projects; /* 绩效目标 summary (perf.csv): units and projects */
    yu_money perf_funds;     /* … and their project funds */
    int has_perf;            /* perf.csv was given, or the summary was computed (perf_computed) */
    int perf_computed;       /* no perf.csv: perf_* counted from the projects that set 绩效目标 (yu_budget_perf_count) */
    int assets_date;         /* the asset count's date YYYYMMDD (assets.csv `as_of`), 0 when not given */
    int has_purchases;       /* assets.csv has a `purchase` column */

    yu_line *lines;   size_t nlines, cap_lines;
    yu_prior *prior;  size_t nprior, cap_prior;
    yu_asset *assets; size_t nassets, cap_assets;
    yu_project *projects; size_t nprojects, cap_projects;
    yu_indicator *indicators; size_t nindicators, cap_indicators;
    yu_note *notes;   size_t nnotes, cap_notes;
    struct yu_year *yr; /* the rest of the year (year.h): adjustments, execution …, or NULL */
    int32_t *proj_hash; /* project index + 1 by id hash (open addressing); private */
    size_t proj_mask;   /* proj_hash size - 1; private */
} yu_budget;

/* A new empty budget (year 0, 万元 input). NULL when out of memory. */
yu_budget *yu_budget_new(void);
void yu_budget_free(yu_budget *b);

/* Appends; each returns YU_ENOMEM on failure. Strings are copied. */
yu_status yu_budget_add_line(yu_budget *b, const yu_line *l);
yu_status yu_budget_add_prior(yu_budget *b, const yu_prior *p);
yu_status yu_budget_add_asset(yu_budget *b, const char *cat, const char *name, int64_t count);
/* A unit of units.csv: appended to members and counted in unit_kinds (has_units set). */
yu_status yu_budget_add_member(yu_budget *b, const char *name, int kind);
/* The i-th unit of units.csv: 1 with its name and kind, 0 past the last.  A budget whose names do not
 * account for unit_kinds (stored before schema v11 kept them) gives each unit of the counts named by its
 * kind and number (行政单位1 …, written into buf). */
int yu_budget_member(const yu_budget *b, size_t i, const char **name, int *kind, char *buf, size_t cap);
yu_status yu_budget_add_project(yu_budget *b, const yu_project *p);
yu_status yu_budget_add_indicator(yu_budget *b, const yu_indicator *ind);
yu_status yu_budget_add_note(yu_budget *b, const char *key, const char *text);

/* The note text for a key, or NULL. */
const char *yu_budget_note(const yu_budget *b, const char *key);
/* Index of a project id, or -1 (a hash look-up: packages hold 10^5 projects). */
int32_t yu_budget_project_index(const yu_budget *b, const char *id);

/* Stable ASCII keys and Chinese labels of the enums (NULL when out of range),
 * and the reverse look-ups (accepting key or label; -1 when unknown). */
const char *yu_type_key(int t);
const char *yu_type_label(int t);
int yu_type_parse(const char *s);
const char *yu_source_key(int s);
const char *yu_source_label(int s);
int yu_source_parse(const char *s);
const char *yu_fund_key(int f);
const char *yu_fund_label(int f);
int yu_fund_parse(const char *s);
const char *yu_sangong_key(int s);
const char *yu_sangong_label(int s);
int yu_sangong_parse(const char *s);
const char *yu_proc_key(int p);
const char *yu_proc_label(int p);
int yu_proc_parse(const char *s);
/* The kinds of budget unit: admin 行政单位, cangong 参公事业单位, inst 事业单位, other 其他;
 * the parse also takes 机关, 行政, 参公单位, 参公, 事业. */
const char *yu_unitkind_key(int k);
const char *yu_unitkind_label(int k);
int yu_unitkind_parse(const char *s);

/* The 绩效目标 summary the projects give: the projects that set 绩效目标 (a 年度总体目标 or an
 * indicator), their funds (Σ of their line items) and the units (1 when any, the package being
 * one unit's).  Returns the number of projects. */
int64_t yu_budget_perf_count(const yu_budget *b, int64_t *units, yu_money *funds);

/* Loads a budget package directory (docs/format.md).  `func` and `econ` are
 * the catalogues codes are checked against.  On error nothing is returned and
 * err names file, line and column. */
yu_status yu_load_package(const char *dir, const yu_catalog *func,
                          const yu_catalog *econ, yu_budget **out,
                          yu_error *err);

/* The same, reporting every input error at once: with `errs` (may be NULL:
 * then as yu_load_package), a mistake in a line of a file, or a missing or
 * malformed file, is added to the list and the load goes on with the next
 * line and the next file, up to YU_ERRORS_MAX errors; then nothing is
 * returned, *err is the first error and the status its status.  (Sources
 * against uses are checked only when every line was read.) */
yu_status yu_load_package_all(const char *dir, const yu_catalog *func,
                              const yu_catalog *econ, yu_budget **out,
                              yu_errors *errs, yu_error *err);

/* Checks sources against uses (docs/format.md "balance").  Fills err with
 * the first imbalance. */
yu_status yu_budget_check_balance(const yu_budget *b, yu_error *err);

#ifdef __cplusplus
}
#endif

#endif
