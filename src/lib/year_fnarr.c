/* The 部门决算's text: title, parts, and 第三部分 情况说明 — 决算数 against
 * 年初预算 and 调整预算, the changes, the shares and the reasons the
 * adjustments state (docs/year.md).  Each figure is a cell of a table, so
 * the document audits back with the layout's sections. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "year_final.h"

#define T_ALL ((1u << YU_T_COUNT) - 1)
#define T_BASIC (1u << YU_T_PERSONNEL | 1u << YU_T_PUBLIC)

yu_status yf_front(ydoc *y, const yfin *F)
{
    const yu_budget *b = F->b;
    yu_block *tb = yd_block(y, YU_B_TITLE, b->name);
    if (tb)
        tb->sub = yu_arena_printf(y->A, "%d年度部门决算", b->year);
    yu_block *p = yd_block(y, YU_B_PART, yu_arena_printf(y->A, "第二部分 %s%d年度部门决算表", b->name, b->year));
    if (p)
        p->sub = "";
    return yd_oom(y) ? YU_ENOMEM : YU_OK;
}

/* "X万元，占P%" for parts of a whole */
static void shares(ydoc *y, const char *const *names, const yu_money *v, size_t n, yu_money total,
                   const char *table, const char *const *cols)
{
    int64_t bp[16];
    yu_money vv[16];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 16; i++)
        if (v[i])
            vv[k++] = v[i];
    if (!k || !total || yu_shares_bp(vv, k, bp))
        return;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i])
            continue;
        yd_t(y, "%s%s", j ? "；" : "", names[i]);
        yd_m(y, v[i], table, "total", cols[i]);
        yd_t(y, "万元，占");
        yd_p(y, bp[j++]);
    }
    yd_t(y, "。");
}

static const char *reasons_of(ydoc *y, const yfin *F, uint32_t func, unsigned sm)
{
    const yu_year *yr = F->b->yr;
    yu_buf o;
    yu_buf_init(&o, 0);
    for (size_t i = 0; i < yr->nadj; i++) {
        const yu_adj *a = &yr->adj[i];
        if (a->k.func != func || !(sm >> a->k.source & 1) || !a->reason || !*a->reason)
            continue;
        yu_buf_printf(&o, "%s%s", o.len ? "；" : "", a->reason);
    }
    const char *r = o.len ? yu_arena_strdup(y->A, o.p) : NULL;
    yu_buf_free(&o);
    return r;
}

static int has_table(const yu_layout *L, const char *id) { return yu_layout_table(L, id) != NULL; }

yu_status yf_narrative(ydoc *y, const yfin *F)
{
    const yu_budget *b = F->b;
    const yu_layout *L = y->d->L;
    const yf_sums *s = &F->s;
    int Y = b->year;
    const char *U = b->name;
    yu_block *p = yd_block(y, YU_B_PART, yu_arena_printf(y->A, "第三部分 %s%d年度部门决算情况说明", U, Y));
    if (p)
        p->sub = "";
    yu_money in_total = 0;
    for (int i = 0; i < 8; i++)
        in_total += s->income[i];
    yu_money carry = s->carry[0] + s->carry[1] + s->carry[2] + s->carry[3];
    yu_money grand = in_total + s->use_nf + carry;
    yu_money spent = s->spent[0] + s->spent[1] + s->spent[2] + s->spent[3];

    yd_block(y, YU_B_H1, "一、收入支出决算总体情况说明");
    yd_para(y);
    yd_t(y, "%s%d年度收入支出总计", U, Y);
    yd_m(y, grand, "summary", "grand_in", "in.amount");
    yd_t(y, "万元。收入包括本年收入、使用非财政拨款结余和年初结转和结余；支出包括本年支出、结余分配和年末结转和结余。");

    yd_block(y, YU_B_H1, "二、收入决算情况说明");
    yd_para(y);
    yd_t(y, "%s%d年度本年收入合计", U, Y);
    yd_m(y, in_total, "summary", "income_total", "in.amount");
    yd_t(y, "万元，其中：");
    {
        static const char *const nm[6] = {"财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"};
        static const char *const cols[6] = {"fiscal", "shangji", "shiye", "jingying", "fushu", "other"};
        yu_money v[6] = {s->income[0] + s->income[1] + s->income[2], s->income[3], s->income[4], s->income[5],
                         s->income[6], s->income[7]};
        shares(y, nm, v, 6, in_total, "income", cols);
    }

    yd_block(y, YU_B_H1, "三、支出决算情况说明");
    yd_para(y);
    yd_t(y, "%s%d年度本年支出合计", U, Y);
    yd_m(y, spent, "summary", "exp_total", "out.amount");
    yd_t(y, "万元，其中：");
    {
        static const char *const nm[5] = {"基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"};
        static const char *const cols[5] = {"basic", "project", "shangjiao", "jingying", "fushu"};
        unsigned S_ALLM = (1u << YU_S_COUNT) - 1;
        yu_money v[5] = {yf_paid(F, 0, F->nx, T_BASIC, S_ALLM), yf_paid(F, 0, F->nx, 1u << YU_T_PROJECT, S_ALLM),
                         yf_paid(F, 0, F->nx, 1u << YU_T_SHANGJIAO, S_ALLM), yf_paid(F, 0, F->nx, 1u << YU_T_JINGYING, S_ALLM),
                         yf_paid(F, 0, F->nx, 1u << YU_T_FUSHU, S_ALLM)};
        shares(y, nm, v, 5, spent, "expenditure", cols);
    }

    yu_money fi = s->income[0] + s->income[1] + s->income[2], fc = s->carry[0] + s->carry[1] + s->carry[2];
    yd_block(y, YU_B_H1, "四、财政拨款收入支出决算总体情况说明");
    yd_para(y);
    yd_t(y, "%s%d年度财政拨款收入支出总计", U, Y);
    yd_m(y, fi + fc, "fiscal", "fiscal_grand_in", "in.amount");
    yd_t(y, "万元。");

    /* 一般公共预算财政拨款支出: 决算数 against 年初预算 and 调整预算, by 项 */
    unsigned gm = yf_filter_mask(YU_FILTER_GPB);
    yu_money g_paid = yf_paid(F, 0, F->nx, T_ALL, gm), g_bud = 0, g_adj = 0;
    for (size_t i = 0; i < F->nx; i++)
        for (int so = 0; so < YU_S_COUNT; so++)
            if (gm >> so & 1)
                g_bud += F->bud[i][so], g_adj += F->adjd[i][so];
    yd_block(y, YU_B_H1, "五、一般公共预算财政拨款支出决算情况说明");
    yd_para(y);
    if (!g_paid && !g_bud) {
        yd_t(y, "%s%d年度没有一般公共预算财政拨款支出。", U, Y);
    } else {
        yd_t(y, "%s%d年度一般公共预算财政拨款支出", U, Y);
        yd_m(y, g_paid, "gpb", "total", "total");
        yd_t(y, "万元，年初预算");
        yd_m(y, g_bud, NULL, NULL, NULL);
        yd_t(y, "万元，调整预算");
        yd_m(y, g_adj, NULL, NULL, NULL);
        yd_t(y, "万元，完成年初预算的");
        yd_p(y, yu_exec_rate_bp(g_paid, g_bud));
        yd_t(y, "，完成调整预算的");
        yd_p(y, yu_exec_rate_bp(g_paid, g_adj));
        yd_t(y, "。其中：");
        int num = 0;
        for (size_t i = 0; i < F->nx; i++) {
            yu_money pd = yf_paid(F, i, i + 1, T_ALL, gm), bd = 0, ad = 0;
            for (int so = 0; so < YU_S_COUNT; so++)
                if (gm >> so & 1)
                    bd += F->bud[i][so], ad += F->adjd[i][so];
            if (!pd && !bd && !ad)
                continue;
            uint32_t c = F->xc[i];
            yd_para(y);
            yd_t(y, "%d、%s（类）%s（款）%s（项）。年初预算为", ++num, yy_func_name(F->func, c / 10000, 3),
                 yy_func_name(F->func, c / 100, 5), yy_func_name(F->func, c, 7));
            yd_m(y, bd, NULL, NULL, NULL);
            yd_t(y, "万元，调整预算为");
            yd_m(y, ad, NULL, NULL, NULL);
            yd_t(y, "万元，支出决算为");
            yd_m(y, pd, "gpb", yu_arena_printf(y->A, "%u", c), "total");
            yd_t(y, "万元，完成年初预算的");
            yd_p(y, yu_exec_rate_bp(pd, bd));
            yd_t(y, "。");
            const char *why = reasons_of(y, F, c, gm);
            /* the difference has two parts: the adjustments (with their stated reasons) and
             * what was not spent (carried over); no figure here, so none is tied to a wrong cell */
            if (ad != bd)
                yd_t(y, "调整预算与年初预算的差异，原因是：%s。", why ? why : "预算执行中按规定程序调整");
            if (pd < ad)
                yd_t(y, "支出决算小于调整预算，未支出部分按规定结转下年继续使用。");
            else if (pd > ad)
                yd_t(y, "支出决算超出调整预算。");
        }
    }

    yd_block(y, YU_B_H1, "六、一般公共预算财政拨款基本支出决算情况说明");
    yd_para(y);
    {
        yu_money pers = 0, pub = 0;
        for (size_t i = 0; i < F->ne; i++)
            pers += F->epaid[i][0], pub += F->epaid[i][1];
        yu_money basic = yf_paid(F, 0, F->nx, T_BASIC, gm);
        if (!basic)
            yd_t(y, "%s%d年度没有一般公共预算财政拨款基本支出。", U, Y);
        else {
            yd_t(y, "%s%d年度一般公共预算财政拨款基本支出", U, Y);
            yd_m(y, basic, "gpb", "total", "basic");
            yd_t(y, "万元，其中：人员经费");
            yd_m(y, pers, NULL, NULL, NULL);
            yd_t(y, "万元；公用经费");
            yd_m(y, pub, NULL, NULL, NULL);
            yd_t(y, "万元。");
        }
    }

    yd_block(y, YU_B_H1, "七、“三公”经费支出决算情况说明");
    yd_para(y);
    {
        yu_money sb, sa;
        yf_sym(F, "sg_total_b", &sb);
        yf_sym(F, "sg_total", &sa);
        if (!sb && !sa)
            yd_t(y, "%s%d年度“三公”经费年初预算为0万元，支出决算为0万元，没有因公出国（境）、公务用车购置及运行和公务接待支出。", U, Y);
        else {
            yd_t(y, "%s%d年度“三公”经费年初预算为", U, Y);
            yd_m(y, sb, "sangong", "total", "sg_total_b");
            yd_t(y, "万元，支出决算为");
            yd_m(y, sa, "sangong", "total", "sg_total");
            yd_t(y, "万元。");
        }
    }

    yd_block(y, YU_B_H1, "八、政府性基金预算财政拨款收入支出决算情况说明");
    yd_para(y);
    if (!s->income[1] && !s->carry[1] && !s->spent[1])
        yd_t(y, "%s%d年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。", U, Y);
    else {
        yd_t(y, "%s%d年度政府性基金预算财政拨款收入", U, Y);
        yd_m(y, s->income[1], "govfund", "total", "income");
        yd_t(y, "万元。");
    }
    yd_block(y, YU_B_H1, "九、国有资本经营预算财政拨款收入支出决算情况说明");
    yd_para(y);
    if (!s->income[2] && !s->carry[2] && !s->spent[2])
        yd_t(y, "%s%d年度没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出。", U, Y);
    else {
        yd_t(y, "%s%d年度国有资本经营预算财政拨款收入", U, Y);
        yd_m(y, s->income[2], has_table(L, "soe") ? "soe" : NULL, "total", "income");
        yd_t(y, "万元。");
    }

    /* the adjustments of the year and their reasons */
    yd_block(y, YU_B_H1, "十、预算调整情况说明");
    const yu_year *yr = b->yr;
    size_t n = 0;
    for (size_t i = 0; i < yr->nadj; i++) {
        const yu_adj *a = &yr->adj[i];
        yd_para(y);
        yd_t(y, "%zu. %d年%d月%d日%s：%s（%u）", ++n, a->date / 10000, a->date / 100 % 100, a->date % 100,
             yu_adj_kind_label(a->kind), yy_func_name(F->func, a->k.func, 7), a->k.func);
        if (a->k.project >= 0)
            yd_t(y, "“%s”", b->projects[a->k.project].name);
        yd_t(y, "，%s", yu_source_label(a->k.source));
        yd_t(y, a->delta < 0 ? "调减" : "调增");
        yd_m(y, a->delta < 0 ? -a->delta : a->delta, NULL, NULL, NULL);
        yd_t(y, "万元");
        if (a->reason && *a->reason)
            yd_t(y, "，原因是%s", a->reason);
        yd_t(y, "。");
    }
    if (!n) {
        yd_para(y);
        yd_t(y, "%s%d年度预算未作调整。", U, Y);
    }
    p = yd_block(y, YU_B_PART, "第四部分 名词解释");
    if (p)
        p->sub = "";
    yd_para(y);
    yd_t(y, "1. 年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金，以及以前年度结余资金。");
    yd_para(y);
    yd_t(y, "2. 年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金，以及项目实施周期已结束、项目目标完成或项目提前终止后的剩余资金。");
    yd_para(y);
    yd_t(y, "3. 基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。");
    yd_para(y);
    yd_t(y, "4. 项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。");
    return yd_oom(y) ? YU_ENOMEM : YU_OK;
}
