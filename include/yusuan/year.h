/* yusuan — the rest of the budget year: adjustments (调剂、追加、调减),
 * execution (预算执行), final accounts (部门决算) and the performance
 * self-evaluation (绩效自评).  docs/year.md describes the input files and the
 * rules.
 *
 * The year's data hangs off the budget (yu_budget.yr), loaded with it from
 * adjustments.csv, execution.csv, final.csv and selfeval.csv.  The documents
 * are yu_doc values like the budget's, so every renderer prints them. */
#ifndef YUSUAN_YEAR_H
#define YUSUAN_YEAR_H

#include "engine.h"
#include "rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Kinds of adjustment. */
typedef enum yu_adj_kind {
    YU_ADJ_TIAOJI = 0, /* 调剂: money moved between lines; the lines of one date net to zero per source */
    YU_ADJ_ZHUIJIA,    /* 追加: more money */
    YU_ADJ_TIAOJIAN,   /* 调减: less money */
    YU_ADJ_COUNT
} yu_adj_kind;

/* One adjustment line: the budget line keys and a signed change. */
typedef struct yu_adj {
    yu_line k;        /* keys; k.amount unused */
    yu_money delta;   /* 分, signed (调减 negative) */
    int date;         /* YYYYMMDD */
    uint8_t kind;     /* yu_adj_kind */
    char *reason;     /* 调整原因 */
    int line;         /* line in adjustments.csv */
} yu_adj;

/* One payment (execution) line: keys, amount paid, when. */
typedef struct yu_pay {
    yu_line k;        /* keys and the amount paid (k.amount) */
    int date;         /* YYYYMMDD (a month is its last day) */
    int line;         /* line in execution.csv */
} yu_pay;

/* Items of final.csv (结转结余 and the 决算's other figures). */
typedef enum yu_yfin {
    YU_YF_SHANGJI = 0, /* 上级补助收入 (actual) */
    YU_YF_SHIYE,       /* 事业收入 */
    YU_YF_JINGYING,    /* 经营收入 */
    YU_YF_FUSHU,       /* 附属单位上缴收入 */
    YU_YF_OTHER,       /* 其他收入 */
    YU_YF_USE_NF,      /* 使用非财政拨款结余 */
    YU_YF_DISTRIB,     /* 结余分配 */
    YU_YF_OUT_NF,      /* 年末非财政拨款结转和结余 (stated; checked against the computed one) */
    YU_YF_SG_ABROAD,   /* 因公出国（境）费 决算数 */
    YU_YF_SG_CAR_BUY,  /* 公务用车购置费 */
    YU_YF_SG_CAR_RUN,  /* 公务用车运行费 */
    YU_YF_SG_RECEPTION,/* 公务接待费 */
    YU_YF_SG_OFFICE,   /* 机关运行经费 */
    YU_YF_COUNT
} yu_yfin;

/* Completion of a qualitative indicator (selfeval.csv `completion`). */
typedef enum yu_se_done {
    YU_SE_QUANT = 0,  /* quantitative: scored from the values */
    YU_SE_FULL,       /* 达成 */
    YU_SE_PART,       /* 部分达成 */
    YU_SE_NONE        /* 未达成 */
} yu_se_done;

/* One self-evaluation line: an indicator's actual value. */
typedef struct yu_se {
    int32_t indicator;  /* index into yu_budget.indicators */
    char *actual;       /* 实际完成值 as written */
    uint8_t done;       /* yu_se_done */
    int64_t claimed;    /* 自评得分 claimed (hundredths), or -1 */
    char *reason;       /* 偏差原因 */
    int line;           /* line in selfeval.csv */
} yu_se;

#define YU_YEAR_ADJ   1u
#define YU_YEAR_EXEC  2u
#define YU_YEAR_FINAL 4u
#define YU_YEAR_SE    8u

typedef struct yu_year {
    unsigned has;                     /* YU_YEAR_* files present */
    yu_adj *adj; size_t nadj;
    yu_pay *pay; size_t npay;
    yu_money fin[YU_YF_COUNT];        /* final.csv values */
    uint32_t fin_seen;                /* bit per item given */
    yu_se *se; size_t nse;
    char *dir;                        /* the package, for messages */
} yu_year;

void yu_year_free(yu_year *y);
const char *yu_adj_kind_label(int k);
const char *yu_adj_kind_key(int k); /* tiaoji, zhuijia, tiaojian */
int yu_adj_kind_parse(const char *s);
const char *yu_yfin_key(int i);
const char *yu_yfin_label(int i);
int yu_yfin_parse(const char *s);

/* Loads adjustments.csv, execution.csv, final.csv and selfeval.csv from a
 * package directory into b->yr (left NULL when none is present).  Keys are
 * checked against the budget: a 科目 or project the budget does not have is
 * an error naming file, line and column. */
yu_status yu_load_year(const char *dir, yu_budget *b, const yu_catalog *econ, yu_error *err);

/* The same from the sheets 调整, 执行, 决算补充 and 绩效自评 of an open input
 * workbook (errors name the sheet and cell).  Called by yu_load_xlsx. */
struct yu_xlsx;
yu_status yu_load_year_xlsx(struct yu_xlsx *x, const char *path, yu_budget *b, const yu_catalog *econ,
                            yu_error *err);

/* ---- the year's figures (year.c) ---- */

/* One budget line key over the year. */
typedef struct yu_ykey {
    yu_line k;            /* keys; k.amount = 年初预算 */
    yu_money adjust;      /* Σ adjustments dated up to the as-of date */
    yu_money paid;        /* Σ payments up to the as-of date */
    yu_money month[12];   /* payments by month (up to the as-of date) */
} yu_ykey;

typedef struct yu_yview {
    const yu_budget *b;
    yu_ykey *keys; size_t nkeys; /* sorted by func, type, source, econ, project */
    int as_of;                   /* YYYYMMDD */
    int64_t elapsed_bp;          /* share of the year elapsed at as_of, basis points */
} yu_yview;

/* The execution threshold: a line lags when its 执行率 is below the share of
 * the year elapsed by more than this many basis points (docs/year.md). */
#define YU_EXEC_LAG_BP 1000

/* Builds the view as of a date (0: the last date of any payment, or the
 * year's end when there is none). */
yu_status yu_year_view(const yu_budget *b, int as_of, yu_yview *v, yu_error *err);
void yu_yview_free(yu_yview *v);
/* 执行率 in basis points (paid / (budget + adjust)); 0 when nothing is budgeted. */
int64_t yu_exec_rate_bp(yu_money paid, yu_money adjusted);
/* Share of the year elapsed at YYYYMMDD, in basis points. */
int64_t yu_year_elapsed_bp(int date);

typedef struct yu_year_opts {
    int as_of;                 /* YYYYMMDD or 0 */
    const yu_catalog *func, *econ;
} yu_year_opts;

/* The budget-against-actual report (`report --execution`); L is
 * data/year/execution.layout. */
yu_status yu_year_exec_doc(const yu_budget *b, const yu_layout *L, const yu_year_opts *o, yu_doc **out,
                           yu_error *err);

/* The 部门决算 in a final-accounts template (central-final,
 * shanghai-final-accounts). */
yu_status yu_year_final_doc(const yu_budget *b, const yu_layout *L, const yu_year_opts *o, yu_doc **out,
                            yu_error *err);

/* ---- years linked (store_year.c) ---- */

/* Last year's execution as this year's 上年执行数: when b has no prior.csv and
 * `last` (the same unit, b->year − 1) has payments, b->prior gets last year's
 * 一般公共预算 payments (current and carried over) by 项 (扣除中央基建投资后 =
 * the same: payments do not say which are 中央基建投资).  *used = 1 when filled. */
yu_status yu_year_prior_from(const yu_budget *last, yu_budget *b, int *used, yu_error *err);
/* The same with last year's budget of the store, when it holds one. */
struct yu_store;
yu_status yu_store_year_prior(struct yu_store *s, yu_budget *b, int *used, yu_error *err);

/* Two documents of one template compared (`db compare`): every money figure
 * of every table of a beside the same figure of b (matched by table, row
 * key or code or name, column), with 增减额 and 增减%; la and lb name them.
 * L is data/year/compare.layout. */
yu_status yu_doc_compare(const yu_doc *a, const yu_doc *b, const yu_layout *L, const char *la, const char *lb,
                         yu_doc **out, yu_error *err);

/* ---- performance self-evaluation (selfeval.c) ---- */

/* The score of one indicator in hundredths of a point, by the rule of
 * docs/year.md (财预〔2020〕10号): quantitative indicators by completion of the
 * target, qualitative by band.  *why gets a short explanation. */
int64_t yu_se_score(const char *target, const char *actual, int done, int64_t weight, const char **why);
/* 执行率 score in hundredths: min(rate, 100%) × exec weight. */
int64_t yu_se_exec_score(int64_t rate_bp, int exec_weight);
/* Grade of a total score (hundredths): 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60. */
const char *yu_se_grade(int64_t score);

/* The self-evaluation forms and summary (`report --selfeval`); L is
 * data/year/selfeval.layout. */
yu_status yu_year_selfeval_doc(const yu_budget *b, const yu_layout *L, const yu_year_opts *o, yu_doc **out,
                               yu_error *err);
/* The self-evaluation rules (weights, completeness, claimed scores), appended to out. */
yu_status yu_check_selfeval(const yu_budget *b, yu_findings *out);
const yu_rule_info *yu_year_rules(size_t *n);

#ifdef __cplusplus
}
#endif

#endif
