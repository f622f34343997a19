/* Unit tests: the 部门决算's narrative written by the layout's narrative
 * language over the 决算's figures (year_fnarr.c): 年初预算 and 调整预算
 * (budget(), adjusted()), execution rates ({pct:A/B}), sources as list
 * filters, the year's adjustments and the reasons they state, the
 * document block of a year's document; and the shipped final layouts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "yusuan/yusuan.h"
#include "internal.h"
#include "test_pkg.h"

/* 2010101: personnel 60 + project 40 from gpb, 追加 20 (a reason); 2010102: project 10
 * from gpb_carry, 追加 5 of gpb (no reason); 50 non-fiscal personnel.  Paid: 60 + 50
 * gpb on 2010101, 10 gpb_carry on 2010102, 50 non-fiscal. */
static int setup(void **state)
{
    (void)state;
    if (pkg_setup("/tmp/yusuan-fnarr-XXXXXX"))
        return -1;
    put("unit.txt", "name = 测试单位\ncode = 1\ndepartment = 测试部门\ndepartment_code = 1\nyear = 2024\namount_unit = 万元\n");
    put("funds.csv", "item,amount\ngpb,100\ncarry_gpb,10\nother,50\n");
    put("functions.txt", "甲职能\n\n乙职能\n");
    put("expenditure.csv", "func,type,source,econ,project,amount\n2010101,personnel,gpb,30101,,60\n2010101,project,gpb,,p1,40\n"
                           "2010102,project,gpb_carry,,p2,10\n2010101,personnel,nonfiscal,30101,,50\n");
    put("projects.csv", "id,name,publish\np1,项目一,1\np2,项目二,1\n");
    put("adjustments.csv", "date,kind,func,type,source,econ,project,amount,reason\n2024-05-10,追加,2010101,project,gpb,,p1,20,增加培训\n"
                           "2024-07-01,追加,2010102,project,gpb,,p2,5,\n");
    put("execution.csv", "month,func,type,source,econ,project,amount\n6,2010101,personnel,gpb,30101,,60\n9,2010101,project,gpb,,p1,50\n"
                         "12,2010102,project,gpb_carry,,p2,10\n6,2010101,personnel,nonfiscal,30101,,50\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    static const char *const names[] = {"unit.txt", "funds.csv", "functions.txt", "expenditure.csv", "projects.csv", "adjustments.csv", "execution.csv", "t.layout"};
    pkg_teardown(names, sizeof names / sizeof names[0]);
    return 0;
}

#define HEAD "template t\nkind final-accounts\nunit 万元 10000 2\nrounding independent\n"

/* compiles the package's 决算 in layout HEAD + text: its blocks as text ("# h1",
 * "= part", "T title/sub", paragraphs with figures [v] and shares <bp>); the status */
static yu_status final_text(const char *text, char *out, size_t n, yu_error *err)
{
    char p[256];
    snprintf(p, sizeof p, "%s/t.layout", dir);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fprintf(f, HEAD "%s", text);
    fclose(f);
    yu_layout *L = NULL;
    yu_error_clear(err);
    if (yu_layout_load(p, &L, err))
        fail_msg("%s:%d: %s", err->file, err->line, err->msg);
    yu_budget *b;
    assert_int_equal(yu_load_package(dir, fc, ec, &b, err), YU_OK);
    yu_year_opts o = {0, fc, ec};
    yu_doc *d = NULL;
    yu_status st = yu_year_final_doc(b, L, &o, &d, err);
    size_t k = 0;
    out[0] = 0;
    for (size_t i = 0; !st && i < d->nblocks; i++) {
        const yu_block *x = &d->blocks[i];
        if (x->kind == YU_B_H1)
            k += (size_t)snprintf(out + k, n - k, "# %s\n", x->text);
        else if (x->kind == YU_B_PART)
            k += (size_t)snprintf(out + k, n - k, "= %s\n", x->text);
        else if (x->kind == YU_B_TITLE)
            k += (size_t)snprintf(out + k, n - k, "T %s/%s\n", x->text, x->sub ? x->sub : "");
        else if (x->kind == YU_B_TABLE)
            k += (size_t)snprintf(out + k, n - k, "[table]\n");
        else if (x->kind == YU_B_PARA) {
            for (size_t j = 0; j < x->nsegs; j++) {
                const yu_seg *s = &x->segs[j];
                if (s->kind == YU_SEG_TEXT)
                    k += (size_t)snprintf(out + k, n - k, "%s", s->text);
                else if (s->kind == YU_SEG_PCT && s->style) {
                    char b[64];
                    k += (size_t)snprintf(out + k, n - k, "<%s>", yu_seg_text(d, s, b, sizeof b));
                } else
                    k += (size_t)snprintf(out + k, n - k, s->kind == YU_SEG_MONEY ? "[%lld]" : "<%lld>", (long long)s->v);
            }
            k += (size_t)snprintf(out + k, n - k, "\n");
        }
        assert_true(k < n);
    }
    /* the document's title, when the layout's `title` gives one */
    if (!st && d->title && strcmp(d->title, b->name))
        k += (size_t)snprintf(out + k, n - k, "title %s\n", d->title);
    yu_doc_free(d);
    yu_layout_free(L);
    yu_budget_free(b);
    return st;
}

static void expect(const char *text, const char *want)
{
    char out[8192];
    yu_error err;
    if (final_text(text, out, sizeof out, &err))
        fail_msg("compile: %s:%d: %s", err.file, err.line, err.msg);
    if (strcmp(out, want))
        fail_msg("got\n%s\nwant\n%s", out, want);
}

#define G "gpb|gpb_carry"

/* 年初预算 and 调整预算 against the payments, with their rates */
static void test_budget_adjusted_rates(void **state)
{
    (void)state;
    /* all: paid 120 of a 年初预算 110 (109.09%) and an 调整预算 135 (88.89%) */
    expect("section s\nsay {m:cells(all," G ")}/{m:budget(" G ")}/{m:adjusted(" G ")}/"
           "{pct:cells(all," G ")/budget(" G ")}/{pct:cells(all," G ")/adjusted(" G ")}\nend\n",
           "[12000]/[11000]/[13500]/<10909>/<8889>\n");
    /* no 年初预算: the rate is 0, not a division by zero */
    expect("section s\nsay {pct:cells(all,soe)/budget(soe)}\nend\n", "<0>\n");
}

/* a list's filter may be sources; a 项 with an 调整预算 but no payment is kept */
static void test_sources_filter_items(void **state)
{
    (void)state;
    const char *S = "section s\neach items gpb\nsay {code}:{m:value}/{m:budget(gpb)}/{m:adjusted(gpb)}\npara\nendeach\n"
                    "each items " G "\nsay {code}:{m:value}/{m:budget(" G ")}/{m:adjusted(" G ")}\npara\nendeach\nend\n";
    expect(S, "2010101:[11000]/[10000]/[12000]\n2010102:[0]/[0]/[500]\n"
              "2010101:[11000]/[10000]/[12000]\n2010102:[1000]/[1000]/[1500]\n");
}

/* the year's adjustments: all of them, those of the 项 in hand, those that state a reason */
#define ADJ_WORDS "date {y}年{m}月{d}日\nwords kind tiaoji:调剂 zhuijia:追加 tiaojian:调减\nwords source gpb:一般公共预算拨款 gf:基金\n"

static void test_adjustments(void **state)
{
    (void)state;
    expect(ADJ_WORDS "section s\neach adjustments all\nsay {i}. {date}{kind}：{name}（{code}）“{text:project}”，{source}"
           "{abs:value}\nif text reason\nsay ，原因是{text:reason}\nendif\npara\nendeach\n"
           "if empty adjustments soe|soe_carry\nsay 无\nendif\nend\n",
           "1. 2024年5月10日追加：行政运行（2010101）“项目一”，一般公共预算拨款[2000]，原因是增加培训\n"
           "2. 2024年7月1日追加：一般行政管理事务（2010102）“项目二”，一般公共预算拨款[500]\n无\n");
    /* the words are the layout's: another pattern, other words */
    expect("date {y}.{m}.{d}\nwords kind zhuijia:增加预算\nwords source gpb:一般公共预算\n"
           "section s\neach adjustments all max=1\nsay {date} {kind} {source}\npara\nendeach\nend\n",
           "2024.5.10 增加预算 一般公共预算\n");
    /* inside an items list: that 项's; with=reason keeps those stating one */
    expect("section s\neach items " G "\nsay {code}\neach adjustments " G "\nsay ：{m:value}\nendeach\n"
           "each adjustments all with=reason\nsay ，{text:reason}\nendeach\npara\nendeach\nend\n",
           "2010101：[2000]，增加培训\n2010102：[500]\n");
}

/* an adjustment's words the layout does not give are an error naming the line */
static void test_adjustment_words_missing(void **state)
{
    (void)state;
    char out[2048];
    yu_error err;
    static const struct { const char *text, *msg; } c[] = {
        {"words kind zhuijia:追加\nsection s\neach adjustments all\nsay {date}\nendeach\nend\n", "no date pattern"},
        {"date {y}年\nwords kind tiaoji:调剂\nsection s\neach adjustments all\nsay {kind}\nendeach\nend\n",
         "`words kind` has no word for 'zhuijia'"},
        {"date {y}年\nsection s\neach adjustments all\nsay {source}\nendeach\nend\n", "`words source` has no word for 'gpb'"},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        assert_int_equal(final_text(c[i].text, out, sizeof out, &err), YU_ELAYOUT);
        if (!strstr(err.msg, c[i].msg))
            fail_msg("case %zu: %s", i, err.msg);
        assert_true(err.line > 0);
    }
}

/* `percent`: a share's decimals as the template prints them (a styled share
 * prints as the renderers print it, <109.09%>; an unstyled one its basis points) */
static void test_percent(void **state)
{
    (void)state;
    char p[256];
    const char *S = "section s\nsay {pct:cells(all," G ")/budget(" G ")} {pct:budget(gpb)/budget(gpb)} "
                    "{pct:cells(all,soe)/budget(soe)}\nend\n";
    char t[512];
    snprintf(t, sizeof t, "%s", S);
    expect(t, "<10909> <10000> <0>\n");
    snprintf(t, sizeof t, "percent trim\n%s", S);
    expect(t, "<10909> <10000> <0>\n");
    snprintf(t, sizeof t, "percent fixed\n%s", S);
    expect(t, "<109.09%> <100.00%> <0.00%>\n");
    snprintf(t, sizeof t, "percent fixed bare_zero\n%s", S);
    expect(t, "<109.09%> <100.00%> <0>\n");
    /* a bad setting is an error naming the line */
    static const char *const bad[] = {"percent fixd\n", "percent trim bare_zero\n", "percent fixed zero\n",
                                      "date {y}年{mm}月\n", "words kind\n", "words kind tiaoji\n",
                                      "words kind a:甲\nwords kind b:乙\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(p, sizeof p, "%s/t.layout", dir);
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        fprintf(f, HEAD "%s", bad[i]);
        fclose(f);
        yu_layout *L = NULL;
        yu_error err;
        yu_error_clear(&err);
        if (yu_layout_load(p, &L, &err) != YU_ELAYOUT)
            fail_msg("accepted: %s", bad[i]);
        assert_int_equal(err.line, 5 + (i == 6));
    }
}

/* a year's document: title, parts, the tables where `tables` is; no 目录 */
static void test_document(void **state)
{
    (void)state;
    expect("table summary\ntitle 总表\nshape grid\nrows single\ncol gpb 一般公共预算\nend\n"
           "section a\nh1 {n}、甲\nsay {unit}\nend\nsection b\nsay 乙\nend\n"
           "document\ntitle {unit}{year}年度决算|{unit}|{year}年度\npart p1 |第一部分|\nh1 一、主要职能\ntext functions\n"
           "part p2 |第二部分|\ntables {title}\npart p3 |第三部分 说明|\nsections a\npart p4 |第四部分|\nsections b\nend\n",
           "T 测试单位/2024年度\n= 第一部分\n# 一、主要职能\n甲职能\n乙职能\n= 第二部分\n[table]\n= 第三部分 说明\n# 一、甲\n"
           "测试单位\n= 第四部分\n乙\n"
           "title 测试单位2024年度决算\n");
    /* without a document block: the tables, then every section */
    expect("section a\nsay 甲\nend\n", "甲\n");
    /* a part the 决算 cannot write names the layout line */
    char out[4096];
    yu_error err;
    assert_int_equal(final_text("section a\nsay 甲\nend\ndocument\ntoc\nsections a\nend\n", out, sizeof out, &err), YU_ELAYOUT);
    assert_int_equal(err.line, 9);
    assert_int_equal(final_text("section a\nsay 甲\nend\ndocument\nglossary {n}{title}{text}|{i}{title}{text}|{title}{text}\nend\n", out, sizeof out, &err), YU_ELAYOUT);
    assert_int_equal(err.line, 9);
    assert_non_null(strstr(err.msg, "目录"));
}

/* the shipped final layouts compile the 情况说明 from their own text */
static void test_shipped(void **state)
{
    (void)state;
    static const char *const ids[] = {"central-final", "shanghai-final-accounts"};
    yu_budget *b;
    yu_error err;
    assert_int_equal(yu_load_package(dir, fc, ec, &b, &err), YU_OK);
    char *txt[2];
    for (int i = 0; i < 2; i++) {
        char p[300];
        snprintf(p, sizeof p, YU_DATADIR "/layouts/%s.layout", ids[i]);
        yu_layout *L;
        assert_int_equal(yu_layout_load(p, &L, &err), YU_OK);
        assert_non_null(L->document);
        yu_year_opts o = {0, fc, ec};
        yu_doc *d;
        if (yu_year_final_doc(b, L, &o, &d, &err))
            fail_msg("%s: %s:%d: %s", ids[i], err.file, err.line, err.msg);
        size_t len;
        assert_int_equal(yu_render(d, YU_FMT_TXT, &txt[i], &len, &err), YU_OK);
        yu_doc_free(d);
        yu_layout_free(L);
    }
    /* central: 年初预算 110, 调整预算 135, paid 120; the reason the adjustment states */
    assert_non_null(strstr(txt[0], "测试单位2024年度一般公共预算财政拨款支出120万元，年初预算110万元，调整预算135万元，"
                                   "完成年初预算的109.09%，完成调整预算的88.89%。其中："));
    assert_non_null(strstr(txt[0], "调整预算与年初预算的差异，原因是：增加培训。"));
    /* an adjustment without a reason: the layout's default words */
    assert_non_null(strstr(txt[0], "调整预算与年初预算的差异，原因是：预算执行中按规定程序调整。"));
    assert_non_null(strstr(txt[0], "十、预算调整情况说明"));
    /* Shanghai: its own words (the 普陀区财政局 2024 决算's), 决算数 against 年初预算 with the
     * reasons the adjustments state; a 项 spent as budgeted is 基本持平 */
    assert_non_null(strstr(txt[1], "（三）一般公共预算财政拨款支出决算具体情况"));
    assert_non_null(strstr(txt[1], "1、一般公共服务支出（类）人大事务（款）行政运行（项）。年初预算为100.00万元，支出决算为110.00万元。"
                                   "决算数大于预算数的主要原因：预算追加（增加培训）。"));
    assert_non_null(strstr(txt[1], "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。"));
    assert_non_null(strstr(txt[1], "测试单位2024年度无“三公”经费财政拨款支出。"));
    assert_null(strstr(txt[1], "预算调整情况说明"));
    free(txt[0]);
    free(txt[1]);
    yu_budget_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_adjusted_rates), cmocka_unit_test(test_sources_filter_items),
        cmocka_unit_test(test_adjustments),           cmocka_unit_test(test_document),
        cmocka_unit_test(test_adjustment_words_missing), cmocka_unit_test(test_percent),
        cmocka_unit_test(test_shipped),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
