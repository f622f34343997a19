/* The document's text: title, 目录, 概况, 情况说明 and 名词解释, as blocks of
 * segments.  Figures are typed values tied to table cells; nothing here
 * formats a number. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "engine_internal.h"

#define TM(t) (1u << (t))
#define T_ALL ((1u << YU_T_COUNT) - 1)
#define T_BASIC (TM(YU_T_PERSONNEL) | TM(YU_T_PUBLIC))

typedef struct bb {
    engine *E;
    yu_block *blk; size_t n, cap;   /* blocks (malloc) */
    yu_seg *seg; size_t ns, cseg;   /* the paragraph being built (malloc) */
    int oom;
} bb;

static yu_block *push_block(bb *B, yu_block_kind k)
{
    if (B->n == B->cap) {
        size_t nc = B->cap ? B->cap * 2 : 64;
        yu_block *nb = realloc(B->blk, nc * sizeof *nb);
        if (!nb) {
            B->oom = 1;
            return NULL;
        }
        B->blk = nb;
        B->cap = nc;
    }
    yu_block *b = &B->blk[B->n++];
    memset(b, 0, sizeof *b);
    b->kind = k;
    return b;
}

static yu_seg *push_seg(bb *B)
{
    if (B->ns == B->cseg) {
        size_t nc = B->cseg ? B->cseg * 2 : 32;
        yu_seg *n = realloc(B->seg, nc * sizeof *n);
        if (!n) {
            B->oom = 1;
            return NULL;
        }
        B->seg = n;
        B->cseg = nc;
    }
    yu_seg *s = &B->seg[B->ns++];
    memset(s, 0, sizeof *s);
    return s;
}

static void t(bb *B, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void t(bb *B, const char *fmt, ...)
{
    va_list ap;
    yu_buf b;
    yu_buf_init(&b, 0);
    va_start(ap, fmt);
    yu_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    /* merge with a preceding text segment */
    if (B->ns && B->seg[B->ns - 1].kind == YU_SEG_TEXT) {
        yu_seg *s = &B->seg[B->ns - 1];
        s->text = yu_arena_printf(B->E->A, "%s%s", s->text, b.p ? b.p : "");
    } else {
        yu_seg *s = push_seg(B);
        if (s)
            s->text = yu_arena_strdup(B->E->A, b.p ? b.p : "");
    }
    yu_buf_free(&b);
}

static void m(bb *B, int64_t v, const char *table, const char *row, const char *col)
{
    yu_seg *s = push_seg(B);
    if (!s)
        return;
    s->kind = YU_SEG_MONEY;
    s->v = v;
    s->table = table;
    s->row = row ? yu_arena_strdup(B->E->A, row) : NULL;
    s->col = col;
}

static void pct(bb *B, int64_t bp)
{
    yu_seg *s = push_seg(B);
    if (s) {
        s->kind = YU_SEG_PCT;
        s->v = bp;
    }
}

static void cnt(bb *B, int64_t v)
{
    yu_seg *s = push_seg(B);
    if (s) {
        s->kind = YU_SEG_COUNT;
        s->v = v;
    }
}

static void end_para(bb *B, yu_block_kind k)
{
    yu_block *b = push_block(B, k);
    if (!b)
        return;
    b->segs = yu_arena_alloc(B->E->A, (B->ns ? B->ns : 1) * sizeof *b->segs);
    if (!b->segs) {
        B->oom = 1;
        return;
    }
    memcpy(b->segs, B->seg, B->ns * sizeof *b->segs);
    b->nsegs = B->ns;
    if (k != YU_B_PARA && B->ns && B->seg[0].kind == YU_SEG_TEXT)
        b->text = b->segs[0].text;
    B->ns = 0;
}

static void heading(bb *B, yu_block_kind k, const char *text, const char *anchor)
{
    yu_block *b = push_block(B, k);
    if (b) {
        b->text = yu_arena_strdup(B->E->A, text);
        b->anchor = anchor;
    }
}

static const char *U(bb *B) { return B->E->b->name; }
static int Y(bb *B) { return B->E->b->year; }

/* 1 if the symbol's display value is non-zero */
static int64_t S(bb *B, const char *name)
{
    int ok;
    return eng_sym(B->E, name, &ok);
}

/* a symbol as the narrative prints it: rounded once from the exact amount
 * into the narrative's unit (0.00495万元 is 0.00, not 50元 then 0.01万元) */
static int64_t P(bb *B, const char *name)
{
    const yu_layout *L = B->E->L;
    return eng_in_unit(B->E, eng_expr_fen(B->E, name), L->prose_fen > 0 ? L->prose_fen : L->unit_fen);
}

/* ---- 第一部分 ---- */

static void paragraphs(bb *B, const char *text)
{
    if (!text)
        return;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *line = yu_arena_strndup(B->E->A, p, n);
        if (line && *yu_trim(line)) {
            t(B, "%s", line);
            end_para(B, YU_B_PARA);
        }
        p = e ? e + 1 : p + n;
    }
}

/* ---- 第三部分 情况说明 ---- */

static void list_join(bb *B, const char **items, size_t n, const char *sep)
{
    for (size_t i = 0; i < n; i++)
        t(B, "%s%s", i ? sep : "", items[i]);
}

static void narrative(bb *B)
{
    engine *E = B->E;
    const yu_budget *b = E->b;
    char cn[16];
    int h1 = 0;

    /* 一 */
    snprintf(cn, sizeof cn, "%s", "");
    heading(B, YU_B_H1, yu_arena_printf(E->A, "%s、关于%s%d年收支预算情况总体说明", yu_cn_number(++h1, cn), U(B), Y(B)), NULL);
    static const char *const in_keys[] = {"gpb", "gf", "soe", "shiye", "jingying", "shangji", "fushu", "other", "carry", "use_nf_balance"};
    static const char *const in_lab[] = {"一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "事业收入",
                                         "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", "上年结转", "使用非财政拨款结余"};
    const char *names[16];
    size_t nn = 0;
    for (size_t i = 0; i < 10; i++)
        if (S(B, in_keys[i]))
            names[nn++] = in_lab[i];
    t(B, "按照综合预算原则，%s所有收入和支出均纳入部门预算管理。收入包括：", U(B));
    list_join(B, names, nn, "、");
    t(B, "等；支出包括：");
    const yu_table *sum = yu_doc_table(E->d, "summary");
    size_t ncl = 0;
    for (size_t k = 0; k < E->nx;) {
        uint32_t lei = E->xc[k] / 10000;
        size_t a, c;
        eng_range(E, lei, 3, &a, &c);
        if (eng_cells(E, a, c, T_ALL, eng_filter_mask(YU_FILTER_ALL)))
            t(B, "%s%s", ncl++ ? "、" : "", eng_func_name(E, lei, 3));
        k = c;
    }
    t(B, "等。%s%d年收支总预算", U(B), Y(B));
    m(B, S(B, "grand_in"), sum ? "summary" : NULL, "grand_in", "in.amount");
    t(B, "万元。");
    end_para(B, YU_B_PARA);

    /* 二 收入 */
    heading(B, YU_B_H1, yu_arena_printf(E->A, "%s、关于%s%d年收入预算情况说明", yu_cn_number(++h1, cn), U(B), Y(B)), NULL);
    static const char *const ik[] = {"carry", "gpb", "gf", "soe", "shiye", "jingying", "shangji", "fushu", "other", "use_nf_balance"};
    static const char *const il[] = {"上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "事业收入",
                                     "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", "使用非财政拨款结余"};
    yu_money fv[10];
    int64_t bp[10];
    for (int i = 0; i < 10; i++)
        fv[i] = eng_sym_fen(E, ik[i]);
    fv[0] = eng_sym_fen(E, "carry");
    yu_shares_bp(fv, 10, bp);
    t(B, "%s%d年收入预算", U(B), Y(B));
    m(B, S(B, "grand_in"), "summary", "grand_in", "in.amount");
    t(B, "万元");
    int first = 1;
    for (int i = 0; i < 10; i++) {
        if (!S(B, ik[i]))
            continue;
        t(B, "%s%s", first ? "，其中：" : "；", il[i]);
        first = 0;
        m(B, S(B, ik[i]), "income", "total", ik[i]);
        t(B, "万元，占");
        pct(B, bp[i]);
    }
    t(B, "。");
    end_para(B, YU_B_PARA);

    /* 三 支出 */
    heading(B, YU_B_H1, yu_arena_printf(E->A, "%s、关于%s%d年支出预算情况说明", yu_cn_number(++h1, cn), U(B), Y(B)), NULL);
    static const char *const ek[] = {"basic", "project", "shangjiao", "jingying", "fushu"};
    static const char *const el[] = {"基本支出", "项目支出", "上缴上级支出", "事业单位经营支出", "对附属单位补助支出"};
    static const unsigned emask[] = {T_BASIC, TM(YU_T_PROJECT), TM(YU_T_SHANGJIAO), TM(YU_T_JINGYING), TM(YU_T_FUSHU)};
    yu_money ev[5] = {0};
    int64_t er[5];
    for (int j = 0; j < 5; j++) {
        for (size_t i = 0; i < E->nx; i++)
            for (int ty = 0; ty < YU_T_COUNT; ty++)
                if (emask[j] & TM(ty))
                    for (int so = 0; so < YU_S_COUNT; so++)
                        ev[j] += E->cell[i][ty * YU_S_COUNT + so];
        er[j] = eng_cells(E, 0, E->nx, emask[j], eng_filter_mask(YU_FILTER_ALL));
    }
    yu_shares_bp(ev, 5, bp);
    t(B, "%s%d年支出预算", U(B), Y(B));
    m(B, S(B, "exp_total"), "expenditure", "total", "total");
    t(B, "万元");
    first = 1;
    for (int j = 0; j < 5; j++) {
        if (!er[j])
            continue;
        t(B, "%s%s", first ? "，其中：" : "；", el[j]);
        first = 0;
        m(B, er[j], "expenditure", "total", ek[j]);
        t(B, "万元，占");
        pct(B, bp[j]);
    }
    t(B, "。");
    end_para(B, YU_B_PARA);

    /* 四 财政拨款 */
    heading(B, YU_B_H1, yu_arena_printf(E->A, "%s、关于%s%d年财政拨款收支预算情况总体说明", yu_cn_number(++h1, cn), U(B), Y(B)), NULL);
    t(B, "%s%d年财政拨款收支总预算", U(B), Y(B));
    m(B, S(B, "fiscal_grand_in"), "fiscal", "fiscal_grand_in", "in.amount");
    t(B, "万元");
    static const char *const fk[] = {"gpb", "gf", "soe", "carry_fiscal"};
    static const char *const fl[] = {"一般公共预算当年拨款收入", "政府性基金预算当年拨款收入", "国有资本经营预算当年拨款收入", "上年结转"};
    first = 1;
    for (int i = 0; i < 4; i++) {
        if (!S(B, fk[i]))
            continue;
        t(B, "%s%s", first ? "，其中：" : "，", fl[i]);
        first = 0;
        m(B, S(B, fk[i]), "fiscal", fk[i], "in.amount");
        t(B, "万元");
    }
    t(B, "。");
    unsigned fis = eng_filter_mask(YU_FILTER_FISCAL);
    size_t nfc = 0;
    for (size_t k = 0; k < E->nx;) {
        uint32_t lei = E->xc[k] / 10000;
        size_t a, c;
        eng_range(E, lei, 3, &a, &c);
        nfc += eng_cells(E, a, c, T_ALL, fis) != 0;
        k = c;
    }
    if (nfc) {
        t(B, nfc == 1 ? "支出为" : "支出包括：");
        size_t i = 0;
        for (size_t k = 0; k < E->nx;) {
            uint32_t lei = E->xc[k] / 10000;
            size_t a, c;
            eng_range(E, lei, 3, &a, &c);
            int64_t v = eng_cells(E, a, c, T_ALL, fis);
            if (v) {
                t(B, "%s%s", i++ ? "、" : "", eng_func_name(E, lei, 3));
                m(B, v, "fiscal", yu_arena_printf(E->A, "class:%u", lei), "out.amount");
                t(B, "万元");
            }
            k = c;
        }
        t(B, "。");
    }
    if (S(B, "out_fiscal")) {
        t(B, "结转下年");
        m(B, S(B, "out_fiscal"), "fiscal", "out_fiscal", "out.amount");
        t(B, "万元。");
    }
    end_para(B, YU_B_PARA);

    /* 五 一般公共预算当年拨款 */
    heading(B, YU_B_H1, yu_arena_printf(E->A, "%s、关于%s%d年一般公共预算当年拨款情况说明", yu_cn_number(++h1, cn), U(B), Y(B)), NULL);
    unsigned g = eng_filter_mask(YU_FILTER_GPB);
    int64_t gtot = eng_cells(E, 0, E->nx, T_ALL, g);
    int64_t gprior = 0;
    for (size_t i = 0; i < E->nx; i++)
        gprior += E->prr[i];
    heading(B, YU_B_H2, "（一）一般公共预算当年拨款规模变化情况", NULL);
    t(B, "%s%d年一般公共预算当年拨款", U(B), Y(B));
    m(B, gtot, "gpb", "total", "total");
    t(B, "万元，");
    int64_t dd = gtot - gprior;
    if (dd == 0)
        t(B, "与%d年执行数持平。", Y(B) - 1);
    else {
        t(B, "比%d年执行%s", Y(B) - 1, dd > 0 ? "增加" : "减少");
        m(B, dd > 0 ? dd : -dd, "gpb", "total", "diff");
        t(B, "万元。");
    }
    const char *why = yu_budget_note(b, "gpb_change");
    if (why)
        t(B, "规模变化的主要原因是：%s", why);
    end_para(B, YU_B_PARA);
    heading(B, YU_B_H2, "（二）一般公共预算当年拨款结构情况", NULL);
    {
        size_t nlei = 0;
        yu_money lv[64];
        uint32_t lc[64];
        int64_t lr[64];
        for (size_t k = 0; k < E->nx && nlei < 64;) {
            uint32_t lei = E->xc[k] / 10000;
            size_t a, c;
            eng_range(E, lei, 3, &a, &c);
            int64_t v = eng_cells(E, a, c, T_ALL, g);
            if (v) {
                lc[nlei] = lei;
                lr[nlei] = v;
                lv[nlei] = 0;
                for (size_t i = a; i < c; i++)
                    for (int ty = 0; ty < YU_T_COUNT; ty++)
                        lv[nlei] += E->cell[i][ty * YU_S_COUNT + YU_S_GPB];
                nlei++;
            }
            k = c;
        }
        int64_t lbp[64];
        yu_shares_bp(lv, nlei, lbp);
        if (!nlei)
            t(B, "%d年部门预算中，无一般公共预算当年拨款。", Y(B));
        else {
            t(B, "%d年部门预算中，一般公共预算用于", Y(B));
            for (size_t i = 0; i < nlei; i++) {
                t(B, "%s%s（类）", i ? "；" : "", eng_func_name(E, lc[i], 3));
                if (nlei > 1) {
                    m(B, lr[i], "gpb", yu_arena_printf(E->A, "%u", lc[i]), "total");
                    t(B, "万元，");
                }
                t(B, "占");
                pct(B, lbp[i]);
            }
            t(B, "。");
        }
        end_para(B, YU_B_PARA);
        heading(B, YU_B_H2, "（三）一般公共预算当年拨款具体使用情况", NULL);
        for (size_t i = 0; i < nlei; i++) {
            heading(B, YU_B_H2, yu_arena_printf(E->A, "%zu. %u %s（类）", i + 1, lc[i], eng_func_name(E, lc[i], 3)), NULL);
            size_t a, c;
            eng_range(E, lc[i], 3, &a, &c);
            int item = 0;
            for (size_t k = a; k < c; k++) {
                int64_t v = eng_cells(E, k, k + 1, T_ALL, g);
                if (!v)
                    continue;
                uint32_t x = E->xc[k];
                t(B, "(%d) %u %s（类）%s（款）%s（项）%d年预算", ++item, x, eng_func_name(E, x / 10000, 3),
                  eng_func_name(E, x / 100, 5), eng_func_name(E, x, 7), Y(B));
                char code[12];
                snprintf(code, sizeof code, "%u", x);
                m(B, v, "gpb", code, "total");
                t(B, "万元。");
                int64_t d = v - E->prr[k];
                if (d == 0)
                    t(B, "与%d年执行数持平。", Y(B) - 1);
                else {
                    t(B, "比%d年执行数%s", Y(B) - 1, d > 0 ? "增加" : "减少");
                    m(B, d > 0 ? d : -d, "gpb", code, "diff");
                    t(B, "万元。");
                }
                char key[24];
                snprintf(key, sizeof key, "func:%u", x);
                const char *r = yu_budget_note(b, key);
                if (r)
                    t(B, "主要原因：%s", r);
                end_para(B, YU_B_PARA);
            }
        }
    }

    /* 六 基本支出 */
    heading(B, YU_B_H1, yu_arena_printf(E->A, "%s、关于%s%d年一般公共预算基本支出情况说明", yu_cn_number(++h1, cn), U(B), Y(B)), NULL);
    int64_t pers = eng_cells(E, 0, E->nx, TM(YU_T_PERSONNEL), g), pub = eng_cells(E, 0, E->nx, TM(YU_T_PUBLIC), g);
    if (!pers && !pub)
        t(B, "%s%d年无一般公共预算基本支出。", U(B), Y(B));
    else {
        t(B, "%s%d年一般公共预算基本支出", U(B), Y(B));
        m(B, pers + pub, "basic", "total", "total");
        t(B, "万元，其中：");
        for (int k = 0; k < 2; k++) {
            int64_t v = k ? pub : pers;
            t(B, "%s%s", k ? "；" : "", k ? "公用经费" : "人员经费");
            m(B, v, "basic", "total", k ? "public" : "personnel");
            t(B, "万元");
            size_t ni = 0;
            for (size_t i = 0; i < E->ne; i++)
                if (E->ecellr[i][k]) {
                    const char *nm = yu_catalog_name_num(E->o->econ, E->ec[i], 5);
                    t(B, "%s%s", ni++ ? "、" : "，主要包括：", nm ? nm : "");
                }
        }
        t(B, "。");
        const char *bn = yu_budget_note(b, "basic");
        if (bn)
            t(B, "%s", bn);
    }
    end_para(B, YU_B_PARA);

    /* 七 三公 */
    heading(B, YU_B_H1, yu_arena_printf(E->A, "%s、关于%s%d年“三公”经费预算情况说明", yu_cn_number(++h1, cn), U(B), Y(B)), NULL);
    if (!eng_expr_fen(B->E, "sg_total"))
        t(B, "%s%d年“三公”经费无财政拨款预算。", U(B), Y(B));
    else {
        t(B, "%s%d年“三公”经费财政拨款预算", U(B), Y(B));
        m(B, P(B, "sg_total"), "sangong", "total", "sg_total");
        t(B, "万元，其中：因公出国（境）费");
        m(B, P(B, "sg_abroad"), "sangong", "total", "sg_abroad");
        t(B, "万元，公务用车购置及运行费");
        m(B, P(B, "sg_car"), "sangong", "total", "sg_car");
        t(B, "万元（其中：公务用车购置费");
        m(B, P(B, "sg_car_buy"), "sangong", "total", "sg_car_buy");
        t(B, "万元，公务用车运行费");
        m(B, P(B, "sg_car_run"), "sangong", "total", "sg_car_run");
        t(B, "万元），公务接待费");
        m(B, P(B, "sg_reception"), "sangong", "total", "sg_reception");
        t(B, "万元。");
        if (b->has_sangong_prior) {
            int64_t d = P(B, "sg_total") - P(B, "sgp_total");
            if (d == 0)
                t(B, "与%d年预算持平。", Y(B) - 1);
            else {
                t(B, "比%d年预算%s", Y(B) - 1, d > 0 ? "增加" : "减少");
                m(B, d > 0 ? d : -d, NULL, NULL, NULL);
                t(B, "万元。");
            }
        }
        const char *sn = yu_budget_note(b, "sangong");
        if (sn)
            t(B, "主要原因：%s", sn);
    }
    end_para(B, YU_B_PARA);

    /* 八 其他重要事项 */
    heading(B, YU_B_H1, yu_arena_printf(E->A, "%s、其他重要事项说明", yu_cn_number(++h1, cn)), NULL);
    int h2 = 0;
    if (S(B, "sg_office")) {
        heading(B, YU_B_H2, yu_arena_printf(E->A, "（%s）机关运行经费", yu_cn_number(++h2, cn)), NULL);
        t(B, "%s%d年机关运行经费财政拨款预算", U(B), Y(B));
        m(B, P(B, "sg_office"), NULL, NULL, NULL);
        t(B, "万元。");
        end_para(B, YU_B_PARA);
    }
    heading(B, YU_B_H2, yu_arena_printf(E->A, "（%s）政府采购情况", yu_cn_number(++h2, cn)), NULL);
    if (!S(B, "proc_total"))
        t(B, "%s%d年无政府采购预算。", U(B), Y(B));
    else {
        t(B, "%s%d年政府采购预算总额", U(B), Y(B));
        m(B, S(B, "proc_total"), NULL, NULL, NULL);
        t(B, "万元，其中：");
        static const char *const pk[] = {"proc_goods", "proc_works", "proc_services"};
        static const char *const pl[] = {"政府采购货物预算", "政府采购工程预算", "政府采购服务预算"};
        int k2 = 0;
        for (int i = 0; i < 3; i++)
            if (S(B, pk[i])) {
                t(B, "%s%s", k2++ ? "、" : "", pl[i]);
                m(B, S(B, pk[i]), NULL, NULL, NULL);
                t(B, "万元");
            }
        t(B, "。");
    }
    end_para(B, YU_B_PARA);
    heading(B, YU_B_H2, yu_arena_printf(E->A, "（%s）国有资产占有使用情况", yu_cn_number(++h2, cn)), NULL);
    {
        int64_t veh = 0;
        for (size_t i = 0; i < b->nassets; i++)
            if (!strcmp(b->assets[i].category, "vehicle"))
                veh += b->assets[i].count;
        t(B, "%s共有车辆", U(B));
        cnt(B, veh);
        t(B, "辆。");
        int k2 = 0;
        for (size_t i = 0; i < b->nassets; i++)
            if (!strcmp(b->assets[i].category, "vehicle") && b->assets[i].count) {
                t(B, "%s%s", k2++ ? "、" : "其中，", b->assets[i].name);
                cnt(B, b->assets[i].count);
                t(B, "辆");
            }
        if (k2)
            t(B, "。");
        for (size_t i = 0; i < b->nassets; i++)
            if (!strcmp(b->assets[i].category, "equipment")) {
                t(B, "%s", b->assets[i].name);
                cnt(B, b->assets[i].count);
                t(B, "台（套）。");
            }
    }
    end_para(B, YU_B_PARA);
    heading(B, YU_B_H2, yu_arena_printf(E->A, "（%s）预算绩效情况", yu_cn_number(++h2, cn)), NULL);
    {
        /* fiscal project money, by budget */
        int64_t pg = eng_cells(E, 0, E->nx, TM(YU_T_PROJECT), (1u << YU_S_GPB) | (1u << YU_S_GPB_CARRY));
        int64_t pf = eng_cells(E, 0, E->nx, TM(YU_T_PROJECT), (1u << YU_S_GF) | (1u << YU_S_GF_CARRY));
        int64_t ps = eng_cells(E, 0, E->nx, TM(YU_T_PROJECT), (1u << YU_S_SOE) | (1u << YU_S_SOE_CARRY));
        if (!pg && !pf && !ps)
            t(B, "%d年%s无财政拨款项目支出。", Y(B), U(B));
        else {
            t(B, "%d年%s财政拨款项目均实行绩效目标管理，涉及", Y(B), U(B));
            int k2 = 0;
            if (pg) { t(B, "一般公共预算拨款"); m(B, pg, NULL, NULL, NULL); t(B, "万元"); k2++; }
            if (pf) { t(B, "%s政府性基金预算拨款", k2++ ? "，" : ""); m(B, pf, NULL, NULL, NULL); t(B, "万元"); }
            if (ps) { t(B, "%s国有资本经营预算拨款", k2++ ? "，" : ""); m(B, ps, NULL, NULL, NULL); t(B, "万元"); }
            t(B, "。");
        }
        const char *pn = yu_budget_note(b, "perf");
        if (pn)
            t(B, "%s", pn);
        else if (E->d->nperf) {
            t(B, "根据以前年度绩效评价结果，优化");
            for (size_t i = 0; i < E->d->nperf && i < 3; i++)
                t(B, "%s%s", i ? "、" : "", E->d->perf[i].p->name);
            t(B, "等项目支出%d年预算安排，并进一步改进管理、完善政策。", Y(B));
        }
    }
    end_para(B, YU_B_PARA);
    /* the preparer's own words (说明: 其他重要事项, notes.csv: other) */
    const char *on = yu_budget_note(b, "other");
    if (on) {
        heading(B, YU_B_H2, yu_arena_printf(E->A, "（%s）其他需要说明的事项", yu_cn_number(++h2, cn)), NULL);
        t(B, "%s", on);
        end_para(B, YU_B_PARA);
    }
}

/* ---- 名词解释 ---- */

static int code_used(engine *E, const char *code)
{
    size_t n = strlen(code);
    uint32_t v = (uint32_t)strtoul(code, NULL, 10);
    size_t a, c;
    eng_range(E, v, (int)n, &a, &c);
    return eng_cells(E, a, c, T_ALL, eng_filter_mask(YU_FILTER_ALL)) != 0;
}

static yu_status glossary(bb *B, yu_error *err)
{
    engine *E = B->E;
    const char *path = E->o->glossary_path;
    if (!path)
        return YU_OK;
    char *data;
    size_t len;
    yu_status st = yu_read_file(path, &data, &len, err);
    if (st)
        return st;
    typedef struct { char *kind, *code, *title, *text; int line; } ent;
    ent *es = NULL;
    size_t ne = 0, cap = 0;
    int line = 0;
    for (char *p = data; *p;) {
        line++;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        char *l = p;
        p = nl ? nl + 1 : p + strlen(p);
        size_t ll = strlen(l);
        if (ll && l[ll - 1] == '\r')
            l[--ll] = 0;
        if (!ll || l[0] == '#')
            continue;
        char *f[4];
        int nf = 0;
        f[nf++] = l;
        for (char *q = l; *q && nf < 4; q++)
            if (*q == '\t') {
                *q = 0;
                f[nf++] = q + 1;
            }
        if (nf != 4 || (strcmp(f[0], "term") && strcmp(f[0], "kuan") && strcmp(f[0], "xiang"))) {
            free(es);
            free(data);
            return yu_error_set(err, YU_ESYNTAX, path, line, 0, "expected KIND<TAB>CODE<TAB>TITLE<TAB>TEXT with KIND term, kuan or xiang");
        }
        if (ne == cap) {
            cap = cap ? cap * 2 : 64;
            ent *n2 = realloc(es, cap * sizeof *n2);
            if (!n2) {
                free(es);
                free(data);
                return yu_error_set(err, YU_ENOMEM, path, line, 0, "out of memory");
            }
            es = n2;
        }
        es[ne].kind = f[0];
        es[ne].code = f[1];
        es[ne].title = f[2];
        es[ne].text = f[3];
        es[ne].line = line;
        ne++;
    }
    int full = E->o->glossary == YU_GLOSSARY_FULL;
    int num = 0;
    char cn[16];
    for (size_t i = 0; i < ne; i++) {
        ent *e = &es[i];
        if (!strcmp(e->kind, "xiang"))
            continue;
        if (!strcmp(e->kind, "kuan") && !full && !code_used(E, e->code))
            continue;
        t(B, "（%s）%s：%s", yu_cn_number(++num, cn), e->title, e->text);
        end_para(B, YU_B_PARA);
        if (!strcmp(e->kind, "kuan")) {
            size_t j = i + 1, nx = 0;
            for (size_t k = j; k < ne && !strcmp(es[k].kind, "xiang"); k++)
                if (full || code_used(E, es[k].code))
                    nx++;
            int xi = 0;
            for (size_t k = j; k < ne && !strcmp(es[k].kind, "xiang"); k++) {
                if (!full && !code_used(E, es[k].code))
                    continue;
                if (nx > 1)
                    t(B, "%d. ", ++xi);
                t(B, "%s（项）：%s", es[k].title, es[k].text);
                end_para(B, YU_B_PARA);
            }
        }
    }
    free(es);
    free(data);
    return YU_OK;
}

yu_status eng_blocks(engine *E, yu_error *err)
{
    bb B;
    memset(&B, 0, sizeof B);
    B.E = E;
    yu_doc *d = E->d;
    const yu_budget *b = E->b;
    d->title = yu_arena_printf(E->A, "%s部门预算", b->name);
    char cn[16];

    yu_block *tb = push_block(&B, YU_B_TITLE);
    if (tb) {
        tb->text = yu_arena_strdup(E->A, b->name);
        tb->sub = yu_arena_printf(E->A, "%d年部门预算", b->year);
    }
    /* 目录 */
    const char *p1 = yu_arena_printf(E->A, "第一部分 %s概况", b->name);
    const char *p2 = yu_arena_printf(E->A, "第二部分 %s%d年部门预算表", b->name, b->year);
    const char *p3 = yu_arena_printf(E->A, "第三部分 %s%d年部门预算情况说明", b->name, b->year);
    const char *p4 = "第四部分 名词解释";
    {
        yu_block *toc = push_block(&B, YU_B_TOC);
        if (toc) {
            size_t nt = 7 + E->L->ntables;
            toc->segs = yu_arena_alloc(E->A, nt * sizeof *toc->segs);
            toc->levels = yu_arena_alloc(E->A, nt * sizeof *toc->levels);
            if (!toc->segs || !toc->levels)
                B.oom = 1;
            else {
                size_t k = 0;
#define TOC(txt, lv, anc) do { toc->segs[k].text = (txt); toc->segs[k].table = (anc); toc->levels[k++] = (lv); } while (0)
                TOC(p1, 0, "part-1");
                TOC("一、主要职能", 1, "part-1");
                TOC("二、内设机构", 1, "part-1");
                TOC(p2, 0, "part-2");
                for (size_t i = 0; i < d->ntables; i++)
                    TOC(yu_arena_printf(E->A, "%s、%s", d->tables[i].lt->number ? d->tables[i].lt->number : "", d->tables[i].title), 1,
                        yu_arena_printf(E->A, "t-%s", d->tables[i].lt->id));
                TOC(p3, 0, "part-3");
                TOC(p4, 0, "part-4");
#undef TOC
                toc->nsegs = k;
            }
        }
    }
    /* 第一部分 */
    push_block(&B, YU_B_PAGEBREAK);
    yu_block *pb = push_block(&B, YU_B_PART);
    if (pb) {
        pb->text = "第一部分";
        pb->sub = yu_arena_printf(E->A, "%s概况", b->name);
        pb->anchor = "part-1";
    }
    heading(&B, YU_B_H1, "一、主要职能", NULL);
    paragraphs(&B, b->functions);
    heading(&B, YU_B_H1, "二、内设机构", NULL);
    paragraphs(&B, b->organisation);
    /* 第二部分 */
    push_block(&B, YU_B_PAGEBREAK);
    pb = push_block(&B, YU_B_PART);
    if (pb) {
        pb->text = "第二部分";
        pb->sub = yu_arena_printf(E->A, "%s%d年部门预算表", b->name, b->year);
        pb->anchor = "part-2";
    }
    for (size_t i = 0; i < d->ntables; i++) {
        const yu_table *T = &d->tables[i];
        if (i)
            push_block(&B, YU_B_PAGEBREAK);
        if (T->lt->shape == YU_SHAPE_PERF) {
            heading(&B, YU_B_H1, T->title, yu_arena_printf(E->A, "t-%s", T->lt->id));
            if (!d->nperf) {
                t(&B, "（注：%d年%s部门预算中没有需要公开的项目支出绩效目标。）", b->year, b->name);
                end_para(&B, YU_B_PARA);
            } else {
                t(&B, "按照预算公开要求，%s公开了", b->name);
                for (size_t k = 0; k < d->nperf; k++)
                    t(&B, "%s%s", k ? "、" : "", d->perf[k].p->name);
                t(&B, "等二级项目的%d年绩效目标表。", b->year);
                end_para(&B, YU_B_PARA);
            }
            for (size_t k = 0; k < d->nperf; k++) {
                yu_block *x = push_block(&B, YU_B_PERF);
                if (x)
                    x->index = k;
            }
            continue;
        }
        yu_block *x = push_block(&B, YU_B_TABLE);
        if (x) {
            x->index = i;
            x->text = T->title;
            x->anchor = yu_arena_printf(E->A, "t-%s", T->lt->id);
        }
    }
    /* 第三部分 */
    push_block(&B, YU_B_PAGEBREAK);
    pb = push_block(&B, YU_B_PART);
    if (pb) {
        pb->text = "第三部分";
        pb->sub = yu_arena_printf(E->A, "%s%d年部门预算情况说明", b->name, b->year);
        pb->anchor = "part-3";
    }
    narrative(&B);
    /* 第四部分 */
    push_block(&B, YU_B_PAGEBREAK);
    pb = push_block(&B, YU_B_PART);
    if (pb) {
        pb->text = "第四部分";
        pb->sub = "名词解释";
        pb->anchor = "part-4";
    }
    yu_status st = glossary(&B, err);
    (void)cn;
    if (!st && B.oom)
        st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
    if (!st) {
        d->blocks = yu_arena_alloc(E->A, (B.n ? B.n : 1) * sizeof *d->blocks);
        if (!d->blocks)
            st = yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
        else {
            memcpy(d->blocks, B.blk, B.n * sizeof *B.blk);
            d->nblocks = B.n;
        }
    }
    free(B.blk);
    free(B.seg);
    return st;
}
