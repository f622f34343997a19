/* Unit tests: the narrative language of layout files — its parser (every
 * mistake names the file and line) and its interpreter (each condition
 * triggered and not triggered, lists and their joins, shares, changes,
 * the narrative's own unit). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include "yusuan/yusuan.h"
#include "internal.h"
#include "narr_internal.h"

static char tmpdir[256];
static yu_catalog *func, *econ;

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/yu-test-narr-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    yu_error err;
    func = yu_catalog_new();
    econ = yu_catalog_new();
    if (!func || !econ || yu_catalog_add_file(func, YU_DATADIR "/catalog/func-2024.tsv", &err) ||
        yu_catalog_add_file(econ, YU_DATADIR "/catalog/econ-dept-2024.tsv", &err))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(tmpdir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char p[600];
            snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(tmpdir);
    yu_catalog_free(func);
    yu_catalog_free(econ);
    return 0;
}

static void write_tmp(const char *name, const char *text, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, strlen(text), f);
    fclose(f);
}

/* ---- the parser ---- */

#define HEAD "template t\nunit 元 100 0\n"

/* loads HEAD + text and expects YU_ELAYOUT at `line` (of the whole file) */
static void bad(const char *text, int line, const char *words)
{
    char path[600], buf[4096];
    snprintf(buf, sizeof buf, HEAD "%s", text);
    write_tmp("bad.layout", buf, path, sizeof path);
    yu_layout *L = NULL;
    yu_error err;
    yu_error_clear(&err);
    yu_status st = yu_layout_load(path, &L, &err);
    if (st != YU_ELAYOUT)
        fail_msg("%s: status %d, want YU_ELAYOUT", text, st);
    assert_string_equal(err.file, path);
    if (err.line != line)
        fail_msg("%s: error at line %d, want %d (%s)", text, err.line, line, err.msg);
    if (words && !strstr(err.msg, words))
        fail_msg("%s: message '%s' lacks '%s'", text, err.msg, words);
    assert_null(L);
}

static void test_parse_errors(void **state)
{
    (void)state;
    /* templates */
    bad("section s\nsay {bogus}\nend\n", 4, "unknown name");
    bad("section s\nsay 收入{m:grand_in\nend\n", 4, "without its '}'");
    bad("section s\nsay 收入}\nend\n", 4, "without its '{'");
    bad("section s\neach lagging gpb\nsay {name}\nendeach\nend\n", 4, "");
    bad("section s\neach laggard\nendeach\nend\n", 4, "adjustments or lagging");
    bad("section s\nsay {x:grand_in}\nend\n", 4, "unknown value");
    bad("section s\nsay {pct:share@a.b.c}\nend\n", 4, "only a figure");
    bad("section s\nsay {m:grand_in@summary}\nend\n", 4, "TABLE.ROW.COLUMN");
    bad("section s\nsay {m:grand_in*2}\nend\n", 4, "expression");
    bad("section s\nsay {m:cells(nosuch)}\nend\n", 4, "TYPES");
    bad("section s\nsay {m:cells(basic,cash)}\nend\n", 4, "SOURCES");
    bad("section s\nsay {m:sum(basic)}\nend\n", 4, "functions");
    bad("section s\nsay\nend\n", 4, "needs a text");
    bad("section s\npara 1\nend\n", 4, "takes nothing");
    /* lists */
    bad("section s\neach rows all\nendeach\nend\n", 4, "a list is");
    bad("section s\neach classes cash\nendeach\nend\n", 4, "filter");
    bad("section s\neach econ salary\nendeach\nend\n", 4, "personnel or public");
    bad("section s\neach kinds gpb\nendeach\nend\n", 4, "KEY:LABEL");
    bad("section s\neach perf max=0\nendeach\nend\n", 4, "max=N");
    bad("section s\neach perf sorted\nendeach\nend\n", 4, "options");
    bad("section s\nsay {pct:share/}\nend\n", 4, "the whole");
    bad("section s\nsay {pct:share/grand_in*2}\nend\n", 4, "expression");
    bad("section s\nsay {m:budget(cash)}\nend\n", 4, "SOURCES");
    bad("section s\nsay {m:adjusted()}\nend\n", 4, "SOURCES");
    bad("section s\neach items gpb|cash\nendeach\nend\n", 4, "filter");
    bad("section s\neach adjustments\nendeach\nend\n", 4, "filter");
    bad("section s\neach adjustments all with=story\nendeach\nend\n", 4, "with=FIELD");
    /* blocks */
    bad("section s\nif zero\nendif\nend\n", 4, "condition");
    bad("section s\nif rising gpb\nendif\nend\n", 4, "condition");
    bad("section s\nif given 上年预算\nendif\nend\n", 4, "sangong_prior");
    bad("section s\nsay {m:gpb/bold}\nend\n", 4, "style");
    bad("section s\nsay {pct:share/fixed}\nend\n", 4, "only a figure");
    bad("section s\neach kinds a:甲 max=x\nendeach\nend\n", 4, "max=N");
    bad("section s\nsay a\nif zero gpb\nsay b\nend\n", 5, "without its endif");
    bad("section s\neach perf\nsay {name}\nend\n", 4, "without its endeach");
    bad("section s\nendif\nend\n", 4, "without its if");
    bad("section s\nelse\nend\n", 4, "without its if");
    bad("section s\nif zero gpb\nelse\nelse\nendif\nend\n", 6, "second else");
    bad("section s\nendeach\nend\n", 4, "without its each");
    bad("section s\neach perf\nif zero gpb\nendeach\nendif\nend\n", 6, "without its each");
    bad("section s\njoin - 、\nend\n", 4, "outside each");
    bad("section s\neach perf\njoin 、\nendeach\nend\n", 5, "FIRST BETWEEN");
    bad("section s\neach perf\njoin a b c d\nendeach\nend\n", 5, "FIRST BETWEEN");
    bad("section s\neach projects\nsay {text:story}\nendeach\nend\n", 5, "{text:FIELD}");
    bad("section s\neach projects\nif text story\nendif\nendeach\nend\n", 5, "overview");
    /* the document block */
    bad("section s\ntoc\nend\n", 4, "document … end");
    bad("document\ntitle 甲|乙\nend\n", 4, "DOC_TITLE|TEXT|SUB");
    bad("document\npart 第一部分|甲|乙\nend\n", 4, "ANCHOR");
    bad("document\ntext mission\nend\n", 4, "functions or organisation");
    bad("document\ntables {number}\nend\n", 4, "{title}");
    bad("document\ntoc 1\nend\n", 4, "takes nothing");
    /* the 名词解释's three patterns, each with {title} and {text} */
    bad("document\nglossary\nend\n", 4, "TERM|ITEM|ONLY");
    bad("document\nglossary {title}：{text}|{i}. {title}：{text}\nend\n", 4, "TERM|ITEM|ONLY");
    bad("document\nglossary {title}：{text}|{i}. {title}|{title}：{text}\nend\n", 4, "TERM|ITEM|ONLY");
    bad("document\nglossary {x}{title}：{text}|{i}. {title}{text}|{title}{text}\nend\n", 4, "TERM|ITEM|ONLY");
    bad("document\nsections nosuch\nend\n", 4, "no section 'nosuch'");
    bad("document\ntoc\nend\ndocument\nend\n", 6, "second document");
    bad("table p\ntitle 绩效\nshape perf\nform 名称|{name}\nintro nosuch\nend\n", 3, "intro: no section");
    /* a section needs a heading (audit) or a program (compile) */
    bad("section s\nclaim 收入 summary.a.b\nend\n", 5, "neither");
    bad("section s\nh1 {n}、收入\n", 4, "not closed");
}

static void test_parse_ok(void **state)
{
    (void)state;
    char path[600];
    write_tmp("ok.layout",
              HEAD "section s\nheading 收入\nh1 {n}、关于{unit}\nif zero gpb\n  say 无\nelse\n  each kinds a:甲 b:乙:gf+soe\n"
                   "    join - 、 和\n    say {name}{m:value@x.$key.total}\n  endeach\nendif\nend\n",
              path, sizeof path);
    yu_layout *L = NULL;
    yu_error err;
    yu_error_clear(&err);
    if (yu_layout_load(path, &L, &err))
        fail_msg("%s:%d: %s", err.file, err.line, err.msg);
    const yu_lsection *s = yu_layout_section(L, "s");
    assert_non_null(s);
    assert_int_equal(s->nheading, 1);
    assert_int_equal(s->nprog, 9);
    assert_int_equal(s->prog[0].op, YU_N_H1);
    assert_int_equal(s->prog[1].op, YU_N_IF);
    assert_int_equal(s->prog[1].cond, YU_NC_ZERO);
    assert_int_equal(s->prog[1].jump, 3);  /* its else */
    assert_int_equal(s->prog[3].jump, 8);  /* else → endif */
    assert_int_equal(s->prog[4].op, YU_N_EACH);
    assert_int_equal(s->prog[4].jump, 7);  /* its endeach */
    assert_int_equal(s->prog[7].jump, 4);
    assert_string_equal(s->prog[5].join[0], "");
    assert_string_equal(s->prog[5].join[1], "、");
    assert_string_equal(s->prog[5].join[2], "和");
    assert_int_equal(s->prog[8].line, 13);
    yu_layout_free(L);
    /* every shipped template parses */
    static const char *const ids[] = {"central-budget", "shanghai-dept-budget", "shanghai-unit-budget"};
    for (size_t i = 0; i < 3; i++) {
        char lp[300];
        snprintf(lp, sizeof lp, YU_DATADIR "/layouts/%s.layout", ids[i]);
        if (yu_layout_load(lp, &L, &err))
            fail_msg("%s:%d: %s", err.file, err.line, err.msg);
        size_t n = 0;
        for (size_t k = 0; k < L->nsections; k++)
            n += L->sections[k].nprog;
        assert_true(n > 50);
        yu_layout_free(L);
    }
}

/* ---- the interpreter ---- */

static yu_budget *budget(void)
{
    yu_budget *b = yu_budget_new();
    assert_non_null(b);
    b->name = yu_strdup("测试单位");
    b->code = yu_strdup("999001");
    b->template_id = yu_strdup("t");
    b->year = 2024;
    b->input_scale = YU_FEN_PER_YUAN;
    return b;
}

static void line(yu_budget *b, uint32_t code, int type, int source, yu_money fen)
{
    yu_line l;
    memset(&l, 0, sizeof l);
    l.func = code;
    l.type = (uint8_t)type;
    l.source = (uint8_t)source;
    l.econ = type == YU_T_PERSONNEL ? 30101 : type == YU_T_PUBLIC ? 30201 : 0;
    l.project = -1;
    l.amount = fen;
    assert_int_equal(yu_budget_add_line(b, &l), YU_OK);
}

static void prior(yu_budget *b, uint32_t code, yu_money fen)
{
    yu_prior p = {code, fen, fen};
    assert_int_equal(yu_budget_add_prior(b, &p), YU_OK);
}

/* compiles b with HEAD (or head) + sections; the narrative's blocks as text:
 * "# h1", "## h2", paragraphs; figures [v], shares <bp>, counts #n */
static yu_status run_head(const char *head, const char *sections, const yu_budget *b, char *out, size_t n, yu_error *err)
{
    char path[600], buf[8192];
    snprintf(buf, sizeof buf, "%s%s", head, sections);
    write_tmp("run.layout", buf, path, sizeof path);
    yu_layout *L = NULL;
    yu_error_clear(err);
    if (yu_layout_load(path, &L, err))
        fail_msg("%s:%d: %s", err->file, err->line, err->msg);
    yu_compile_opts o = {YU_GLOSSARY_USED, NULL, func, econ};
    yu_doc *d = NULL;
    yu_status st = yu_compile(b, L, &o, &d, err);
    size_t k = 0;
    out[0] = 0;
    /* a layout without a document block: the document is its narrative alone */
    for (size_t i = 0; !st && i < d->nblocks; i++) {
        const yu_block *x = &d->blocks[i];
        if (x->kind == YU_B_H1 || x->kind == YU_B_H2)
            k += (size_t)snprintf(out + k, n - k, "%s%s\n", x->kind == YU_B_H1 ? "# " : "## ", x->text);
        else if (x->kind == YU_B_PARA) {
            for (size_t j = 0; j < x->nsegs; j++) {
                const yu_seg *s = &x->segs[j];
                if (s->kind == YU_SEG_TEXT)
                    k += (size_t)snprintf(out + k, n - k, "%s", s->text);
                else
                    k += (size_t)snprintf(out + k, n - k, s->kind == YU_SEG_MONEY ? "[%lld]" : s->kind == YU_SEG_PCT ? "<%lld>" : "#%lld",
                                          (long long)s->v);
            }
            k += (size_t)snprintf(out + k, n - k, "\n");
        }
        assert_true(k < n);
    }
    yu_doc_free(d);
    yu_layout_free(L);
    return st;
}

static const char *run(const char *sections, const yu_budget *b)
{
    static char out[8192];
    yu_error err;
    if (run_head(HEAD, sections, b, out, sizeof out, &err))
        fail_msg("compile: %s:%d: %s", err.file, err.line, err.msg);
    return out;
}

#define EXPECT(sections, b, want) do { \
        const char *got_ = run(sections, b); \
        if (strcmp(got_, want)) fail_msg("got\n%s\nwant\n%s", got_, want); } while (0)

static void test_zero_nonzero(void **state)
{
    (void)state;
    const char *S = "section s\nif zero gpb\nsay 无\nelse\nsay 有{m:gpb}\nendif\n"
                    "if nonzero cells(basic,gpb)\nsay ，基本{m:cells(basic,gpb)}\nendif\nend\n";
    yu_budget *b = budget();
    EXPECT(S, b, "无\n");
    b->funds[YU_F_GPB] = 50000;
    line(b, 2010101, YU_T_PERSONNEL, YU_S_GPB, 50000);
    EXPECT(S, b, "有[500]，基本[500]\n");
    /* zero means none at all: 0.40元 prints 0 but is not nothing */
    yu_budget_free(b);
    b = budget();
    b->funds[YU_F_GPB] = 40;
    EXPECT(S, b, "有[0]\n");
    yu_budget_free(b);
}

static void test_increase_decrease_unchanged(void **state)
{
    (void)state;
    const char *S = "section s\neach items gpb\nsay {code}{m:value}\n"
                    "if increase change\nsay 增加{abs:change}\nendif\n"
                    "if decrease change\nsay 减少{abs:change}\nendif\n"
                    "if unchanged change\nsay 持平\nendif\npara\nendeach\n"
                    "if increase cells(all,gpb)-prior\nsay 总增\nendif\n"
                    "if decrease cells(all,gpb)-prior\nsay 总减\nendif\n"
                    "if unchanged cells(all,gpb)-prior\nsay 总平\nendif\nend\n";
    yu_budget *b = budget();
    line(b, 2010101, YU_T_PROJECT, YU_S_GPB, 30000);
    line(b, 2010102, YU_T_PROJECT, YU_S_GPB, 30000);
    line(b, 2010103, YU_T_PROJECT, YU_S_GPB, 30000);
    prior(b, 2010101, 20000);
    prior(b, 2010102, 30000);
    prior(b, 2010103, 40000);
    EXPECT(S, b, "2010101[300]增加[100]\n2010102[300]持平\n2010103[300]减少[100]\n总平\n");
    /* the rate of change against prior, without its sign; the number of projects */
    EXPECT("section s\neach items gpb\njoin - ；\nsay {code}<{pct:rate}>\nendeach\nsay ，项目{count:projects}个\nend\n", b,
           "2010101<<5000>>；2010102<<0>>；2010103<<2500>>，项目#0个\n");
    yu_budget_free(b);
    b = budget();
    line(b, 2010101, YU_T_PROJECT, YU_S_GPB, 30000);
    EXPECT(S, b, "2010101[300]增加[300]\n总增\n");
    prior(b, 2010101, 90000);
    EXPECT(S, b, "2010101[300]减少[600]\n总减\n");
    yu_budget_free(b);
}

static void test_lists_and_joins(void **state)
{
    (void)state;
    const char *S = "section s\nif empty classes all\nsay 无支出\nendif\n"
                    "if nonempty classes all\nsay 有支出：\nendif\n"
                    "if one classes all\nsay 一类：\nendif\n"
                    "if many classes all\nsay 多类：\nendif\n"
                    "each classes all\njoin 即 、 和\nsay {name}{m:value}<{pct:share}>\nendeach\nend\n";
    yu_budget *b = budget();
    EXPECT(S, b, "无支出\n");
    line(b, 2010101, YU_T_PROJECT, YU_S_GPB, 10000);
    EXPECT(S, b, "有支出：一类：即一般公共服务支出[100]<<10000>>\n");
    line(b, 2050101, YU_T_PROJECT, YU_S_GPB, 10000);
    line(b, 2080101, YU_T_PROJECT, YU_S_GPB, 20000);
    EXPECT(S, b, "有支出：多类：即一般公共服务支出[100]<<2500>>、教育支出[100]<<2500>>和社会保障和就业支出[200]<<5000>>\n");
    yu_budget_free(b);
}

/* budget() and adjusted() in a budget are the budget itself; {pct:A/B}; sources as a
 * list's filter; cells() inside an items list is of that 项; a budget without a
 * year has no adjustments */
static void test_budget_terms(void **state)
{
    (void)state;
    yu_budget *b = budget();
    line(b, 2010101, YU_T_PERSONNEL, YU_S_GPB, 30000);
    line(b, 2010102, YU_T_PROJECT, YU_S_GPB, 10000);
    line(b, 2010103, YU_T_PROJECT, YU_S_GPB_CARRY, 10000);
    EXPECT("section s\nsay {m:budget(gpb)}/{m:adjusted(gpb|gpb_carry)}/{pct:cells(basic,gpb)/budget(gpb)}/{pct:gpb/budget(soe)}\nend\n",
           b, "[400]/[500]/<7500>/<0>\n");
    EXPECT("section s\neach items gpb\nsay {code}{m:cells(basic)}；\nendeach\nend\n", b, "2010101[300]；2010102[0]；\n");
    EXPECT("section s\neach items gpb|gpb_carry\nsay {code}\nendeach\nsay ；\neach items gpb\nsay {code}\nendeach\nend\n", b,
           "201010120101022010103；20101012010102\n");
    EXPECT("section s\nif empty adjustments all\nsay 无调整\nendif\neach adjustments all\nsay {name}\nendeach\nend\n", b, "无调整\n");
    yu_budget_free(b);
}

static void test_kinds_items_nested(void **state)
{
    (void)state;
    /* fixed kinds: a zero amount is left out; nested each: {i} of the inner list, the 项 in its 类 */
    const char *S = "section s\nsay 收入\neach kinds gpb:拨款 shiye:事业 other:其他 carry:结转\n"
                    "join ，其中： ；\nsay {name}{m:value}\nendeach\nsay 。\npara\n"
                    "each classes gpb\nh2 {i}. {code} {name}（类）\neach items gpb\n"
                    "say ({i}) {code} {lei}（类）{kuan}（款）{xiang}（项）{m:value@gpb.$code.total}\npara\nendeach\nendeach\nend\n";
    yu_budget *b = budget();
    b->funds[YU_F_GPB] = 30000;
    b->funds[YU_F_OTHER] = 10000;
    line(b, 2010101, YU_T_PROJECT, YU_S_GPB, 10000);
    line(b, 2010102, YU_T_PROJECT, YU_S_GPB, 20000);
    EXPECT(S, b, "收入，其中：拨款[300]；其他[100]。\n## 1. 201 一般公共服务支出（类）\n"
                 "(1) 2010101 一般公共服务支出（类）人大事务（款）行政运行（项）[100]\n"
                 "(2) 2010102 一般公共服务支出（类）人大事务（款）一般行政管理事务（项）[200]\n");
    yu_budget_free(b);
}

static void test_note_given_headings(void **state)
{
    (void)state;
    const char *S = "section s\nh1 {n}、关于{unit}{year}年\nh2 （{n}）甲\nh2 （{n}）乙\n"
                    "if note gpb_change\nsay 原因：{note:gpb_change}\nelse\nsay 未说明\nendif\npara\n"
                    "h1 {n}、{prev}年\nh2 （{n}）丙\nh2 不编号\n"
                    "if given sangong_prior\nsay 上年{m:sgp_total}\nelse\nsay 上年不详\nendif\nend\n";
    yu_budget *b = budget();
    EXPECT(S, b, "# 一、关于测试单位2024年\n## （一）甲\n## （二）乙\n未说明\n# 二、2023年\n## （一）丙\n## 不编号\n上年不详\n");
    assert_int_equal(yu_budget_add_note(b, "gpb_change", "项目增加。"), YU_OK);
    b->has_sangong_prior = 1;
    b->sangong_prior[YU_SG_RECEPTION] = 70000;
    EXPECT(S, b, "# 一、关于测试单位2024年\n## （一）甲\n## （二）乙\n原因：项目增加。\n# 二、2023年\n## （一）丙\n## 不编号\n上年[700]\n");
    yu_budget_free(b);
}

static void test_assets_econ_perf(void **state)
{
    (void)state;
    const char *S = "section s\nsay 车辆{count:assets(vehicle)}辆\neach assets vehicle\njoin ，其中 、\nsay {name}{count:value}\nendeach\n"
                    "each assets equipment all\nsay ；{name}{count:value}\nendeach\npara\n"
                    "each econ personnel\njoin 人员： 、\nsay {name}{m:value}\nendeach\n"
                    "if empty perf\nsay 。无绩效\nendif\nend\n";
    yu_budget *b = budget();
    assert_int_equal(yu_budget_add_asset(b, "vehicle", "A车", 2), YU_OK);
    assert_int_equal(yu_budget_add_asset(b, "vehicle", "B车", 0), YU_OK);
    assert_int_equal(yu_budget_add_asset(b, "equipment", "设备", 0), YU_OK);
    line(b, 2010101, YU_T_PERSONNEL, YU_S_GPB, 12300);
    EXPECT(S, b, "车辆#2辆，其中A车#2；设备#0\n人员：基本工资[123]。无绩效\n");
    yu_budget_free(b);
}

/* the narrative's own unit: rounded once from the exact amount (12,345.50元 is
 * 1.23万元, held as 12,300元), while the tables' unit prints the table's value */
static void test_prose_unit(void **state)
{
    (void)state;
    const char *S = "section s\nsay {m:gpb}\nend\n";
    yu_budget *b = budget();
    b->funds[YU_F_GPB] = 1234550;
    EXPECT(S, b, "[12346]\n");
    char out[1024];
    yu_error err;
    assert_int_equal(run_head(HEAD "prose 万元 10000 2\n", S, b, out, sizeof out, &err), YU_OK);
    assert_string_equal(out, "[123]\n"); /* the printed figure: 123 hundredths of 万元 */
    yu_budget_free(b);
}

/* ---- narrative figures resolved once, in the engine: (printed integer, unit, decimals) ---- */

/* 元 tables, a 万元 narrative, a “三公” table of single figures in 万元 */
#define HEAD_WAN "template t\nunit 元 100 0\nprose 万元 10000 2\n"
#define SG_TABLE "table sangong\ntitle 三公\nshape grid\nrows single\nunit 万元 10000 2\n" \
                 "col sg_total 合计\ncol sg_abroad 因公出国\ncol sg_reception 公务接待费\n" \
                 "sum G-SANGONG-SUM sg_total = sg_abroad + sg_reception\nend\n"

/* compiles head + sections; the money figures as printed (yu_seg_text), space-separated;
 * every money segment carries the narrative's unit */
static void printed(const char *head, const char *sections, const yu_budget *b, char *out, size_t n)
{
    char path[600], buf[8192];
    snprintf(buf, sizeof buf, "%s%s", head, sections);
    write_tmp("pr.layout", buf, path, sizeof path);
    yu_layout *L = NULL;
    yu_error err;
    yu_error_clear(&err);
    if (yu_layout_load(path, &L, &err))
        fail_msg("%s:%d: %s", err.file, err.line, err.msg);
    yu_compile_opts o = {YU_GLOSSARY_USED, NULL, func, econ};
    yu_doc *d = NULL;
    if (yu_compile(b, L, &o, &d, &err))
        fail_msg("compile: %s", err.msg);
    size_t k = 0;
    out[0] = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        for (size_t j = 0; d->blocks[i].kind == YU_B_PARA && j < d->blocks[i].nsegs; j++) {
            const yu_seg *s = &d->blocks[i].segs[j];
            char t[64];
            if (s->kind == YU_SEG_TEXT)
                continue;
            if (s->kind == YU_SEG_MONEY) {
                assert_int_equal(s->unit_fen, L->prose_fen);
                assert_int_equal(s->decimals, L->prose_decimals);
            }
            k += (size_t)snprintf(out + k, n - k, "%s%s", k ? " " : "", yu_seg_text(d, s, t, sizeof t));
            assert_true(k < n);
        }
    yu_doc_free(d);
    yu_layout_free(L);
}

#define PRINTED(head, sections, b, want) do { \
        char got_[1024]; printed(head, sections, b, got_, sizeof got_); \
        if (strcmp(got_, want)) fail_msg("got '%s', want '%s'", got_, want); } while (0)

static void test_prose_figures_rounded_once(void **state)
{
    (void)state;
    const char *S = "section s\nsay {m:sg_reception/fixed}{m:sg_reception@sangong.total.sg_reception/fixed}\nend\n";
    yu_budget *b = budget();
    /* a 公务接待费 of 49.50 元 in a 万元 sentence: 0.00 (0.495 万元… of 0.00495), never
     * 50 元 then 0.01万元 */
    b->sangong[YU_SG_RECEPTION] = 4950;
    PRINTED(HEAD_WAN, S, b, "0.00 0.00");
    PRINTED(HEAD_WAN SG_TABLE, S, b, "0.00 0.00");
    /* a 0.495万元 figure: 4,950 元 prints 0.50 (half away from zero) … */
    b->sangong[YU_SG_RECEPTION] = 495000;
    PRINTED(HEAD_WAN, S, b, "0.50 0.50");
    /* … and 4,949.50 元 prints 0.49: rounded once from 分, not 4,950 元 then 0.50万元 */
    b->sangong[YU_SG_RECEPTION] = 494950;
    PRINTED(HEAD_WAN, S, b, "0.49 0.49");
    /* the narrative in the tables' unit prints what the tables print */
    PRINTED("template t\nunit 元 100 0\n", S, b, "4,950 4,950");
    yu_budget_free(b);
}

/* a figure naming a cell of a table printing the narrative's unit is that cell's printed
 * figure: the “三公” table's controlled rounding gives 0.99 = 0.50 + 0.49 for 4,950 元 and
 * 4,950 元, and the narrative says 0.49 where the table does */
static void test_prose_figure_is_the_cell(void **state)
{
    (void)state;
    yu_budget *b = budget();
    b->sangong[YU_SG_ABROAD] = 495000;
    b->sangong[YU_SG_RECEPTION] = 495000;
    const char *S = "section s\nsay {m:sg_total/fixed}{m:sg_abroad/fixed}{m:sg_reception/fixed}\nend\n";
    PRINTED(HEAD_WAN SG_TABLE, S, b, "0.99 0.50 0.49");
    PRINTED(HEAD_WAN, S, b, "0.99 0.50 0.50"); /* no such table: each rounded once */
    /* the cell named, whatever the expression: the sum names the 合计 (0.99), and cells(all)
     * (no money in the line items) names the 公务接待费 cell, so it prints the table's 0.49 */
    const char *C = "section s\nsay {m:sg_abroad+sg_reception@sangong.total.sg_total/fixed}{m:cells(all)@sangong.total.sg_reception/fixed}\nend\n";
    PRINTED(HEAD_WAN SG_TABLE, C, b, "0.99 0.49");
    /* a cell of a table in another unit than the narrative's: the expression's figure, its parts
     * each rounded once (0.50 + 0.50) */
    const char *Y = "template t\nunit 元 100 0\nprose 万元 10000 2\n"
                    "table sangong\ntitle 三公\nshape grid\nrows single\ncol sg_total 合计\n"
                    "col sg_abroad 因公出国\ncol sg_reception 公务接待费\nend\n";
    PRINTED(Y, C, b, "1.00 0.00");
    yu_budget_free(b);
}

/* shares from the exact amounts (they add up to 100%), changes from the printed figures */
static void test_prose_shares_changes(void **state)
{
    (void)state;
    yu_budget *b = budget();
    /* three figures of 3,350 元 each print 0.34万元 (rounded up), 1.01 together printed,
     * 1.00万元 (1.005) for the whole: each share is of the exact amounts, 33.33% or
     * 33.34%, adding up to 100% — not 0.34 / 1.01 = 33.66% */
    b->funds[YU_F_GPB] = b->funds[YU_F_GF] = b->funds[YU_F_SOE] = 335000;
    const char *S = "section s\neach kinds gpb:甲 gf:乙 soe:丙\nsay {m:value/fixed}{pct:share}\nendeach\nend\n";
    PRINTED(HEAD_WAN, S, b, "0.34 33.34% 0.34 33.33% 0.34 33.33%");
    /* a change against last year, of the figures as printed: 0.34 against 0.33 (3,250 元,
     * rounded up) is 3.03%, not 100 / 3,250 = 3.08% */
    line(b, 2010101, YU_T_PERSONNEL, YU_S_GPB, 335000);
    prior(b, 2010101, 325000);
    const char *R = "section s\neach items gpb\nsay {m:value/fixed}{m:prior/fixed}{pct:rate}{abs:change/fixed}\nendeach\nend\n";
    PRINTED(HEAD_WAN, R, b, "0.34 0.33 3.03% 0.01");
    PRINTED("template t\nunit 元 100 0\n", R, b, "3,350 3,250 3.08% 100");
    /* the template may say otherwise: xrate of the exact amounts, pshare of the printed figures */
    const char *X = "section s\neach items gpb\nsay {pct:xrate}\nendeach\nend\n";
    PRINTED(HEAD_WAN, X, b, "3.08%");
    /* 0.335万元 and 0.665万元 print 0.34 and 0.67: 33.50% and 66.50% of the amounts,
     * 33.66% and 66.34% of the printed figures */
    b->funds[YU_F_GF] = 665000;
    b->funds[YU_F_SOE] = 0;
    const char *P = "section s\neach kinds gpb:甲 gf:乙\nsay {m:value/fixed}{pct:share}{pct:pshare}\nendeach\nend\n";
    PRINTED(HEAD_WAN, P, b, "0.34 33.5% 33.66% 0.67 66.5% 66.34%");
    yu_budget_free(b);
}

/* figures printed /fixed or /plain carry the style; names made with $key; options after
 * kinds items; if key; last year's income budget */
static void test_styles_keys_funds_prior(void **state)
{
    (void)state;
    char path[600];
    write_tmp("st.layout", HEAD "section s\nsay {m:gpb}{m:gpb/fixed}{abs:gpb/plain}\nend\n", path, sizeof path);
    yu_layout *L = NULL;
    yu_error err;
    yu_error_clear(&err);
    if (yu_layout_load(path, &L, &err))
        fail_msg("%s:%d: %s", err.file, err.line, err.msg);
    yu_budget *b = budget();
    b->funds[YU_F_GPB] = 123456700;
    yu_compile_opts o = {YU_GLOSSARY_USED, NULL, func, econ};
    yu_doc *d = NULL;
    assert_int_equal(yu_compile(b, L, &o, &d, &err), YU_OK);
    const char *want[3] = {"1,234,567", "1,234,567", "1234567"};
    int k = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        for (size_t j = 0; j < d->blocks[i].nsegs && d->blocks[i].kind == YU_B_PARA; j++) {
            const yu_seg *s = &d->blocks[i].segs[j];
            if (s->kind != YU_SEG_MONEY)
                continue;
            char buf[64];
            assert_true(k < 3);
            assert_string_equal(yu_seg_text(d, s, buf, sizeof buf), want[k]);
            k++;
        }
    assert_int_equal(k, 3);
    yu_doc_free(d);
    yu_layout_free(L);
    /* $key in a name, `all` and max=N among kinds items, if key */
    const char *S = "section s\neach kinds gpb:拨款 gf:基金 soe:国资 all max=2\njoin - ；\nsay {name}{m:value}\n"
                    "if given funds_prior\nif increase value-$key_prior\nsay 增{abs:value-$key_prior}\nendif\n"
                    "if unchanged value-$key_prior\nsay 平\nendif\nendif\n"
                    "if key gf\nsay （基金）\nendif\nendeach\nend\n";
    b->funds[YU_F_GPB] = 50000;
    EXPECT(S, b, "拨款[500]；基金[0]（基金）\n");
    b->funds_prior[YU_F_GPB] = 20000;
    b->has_funds_prior = 1;
    EXPECT(S, b, "拨款[500]增[300]；基金[0]平（基金）\n");
    yu_budget_free(b);
}

/* the document block: parts in order, the 目录 from parts, the document's h1 and the
 * tables, sections by name, a table's intro */
static void test_document(void **state)
{
    (void)state;
    char path[600];
    write_tmp("doc.layout",
              HEAD "table sg\ntitle 三公表\nnumber 1\nshape grid\nrows single\ncol sg_total 合计\nend\n"
                   "table perf\ntitle 绩效表\nnumber 2\nshape perf\nintro pi\nform 名称|{name}\nend\n"
                   "document\ntitle {unit}预算|{unit}|{year}年\ntoc\npart p1 一、概况|{unit}概况|\nh1 （一）职能\ntext functions\n"
                   "part p2 二、表|第二部分|表\ntables {number}. {title}\npagebreak\nsections b a\nend\n"
                   "section a\nsay 甲\nend\nsection b\nh1 乙\nend\nsection pi\nsay 无绩效\nend\n",
              path, sizeof path);
    yu_layout *L = NULL;
    yu_error err;
    yu_error_clear(&err);
    if (yu_layout_load(path, &L, &err))
        fail_msg("%s:%d: %s", err.file, err.line, err.msg);
    yu_budget *b = budget();
    b->functions = yu_strdup("职能一\n职能二");
    yu_compile_opts o = {YU_GLOSSARY_USED, NULL, func, econ};
    yu_doc *d = NULL;
    assert_int_equal(yu_compile(b, L, &o, &d, &err), YU_OK);
    char got[2048];
    size_t k = 0;
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *x = &d->blocks[i];
        static const char *const kn[] = {"TITLE", "TOC", "PART", "H1", "H2", "PARA", "TABLE", "PERF", "BREAK"};
        k += (size_t)snprintf(got + k, sizeof got - k, "%s", kn[x->kind]);
        if (x->kind == YU_B_TITLE || x->kind == YU_B_PART)
            k += (size_t)snprintf(got + k, sizeof got - k, "(%s/%s)", x->text, x->sub ? x->sub : "-");
        else if (x->kind == YU_B_H1)
            k += (size_t)snprintf(got + k, sizeof got - k, "(%s)", x->text);
        else if (x->kind == YU_B_PARA)
            k += (size_t)snprintf(got + k, sizeof got - k, "(%s)", x->segs[0].text);
        else if (x->kind == YU_B_TOC)
            for (size_t j = 0; j < x->nsegs; j++)
                k += (size_t)snprintf(got + k, sizeof got - k, "[%d %s @%s]", x->levels[j], x->segs[j].text, x->segs[j].table);
        k += (size_t)snprintf(got + k, sizeof got - k, " ");
    }
    assert_string_equal(d->title, "测试单位预算");
    assert_string_equal(got, "TITLE(测试单位/2024年) TOC[0 一、概况 @p1][1 （一）职能 @p1][0 二、表 @p2][1 1. 三公表 @t-sg]"
                             "[1 2. 绩效表 @t-perf] BREAK PART(测试单位概况/-) H1(（一）职能) PARA(职能一) PARA(职能二) "
                             "BREAK PART(第二部分/表) TABLE BREAK H1(绩效表) PARA(无绩效) BREAK H1(乙) PARA(甲) ");
    yu_doc_free(d);
    yu_layout_free(L);
    yu_budget_free(b);
}

/* one description: in every shipped layout, each `claim` of a section that compiles names a
 * cell the section's program writes a figure of ($key, $code: any) — the audit reads a
 * compiled figure back into the cell it was written from */
static int cell_matches(const char *pat, size_t np, const char *cell)
{
    size_t i = 0;
    const char *c = cell;
    while (i < np) {
        if (pat[i] == '$') {
            size_t w = pat[i + 1] == 'c' ? 5 : 4; /* $code, $key */
            i += w;
            while (*c && *c != '.')
                c++;
            continue;
        }
        if (*c != pat[i])
            return 0;
        c++;
        i++;
    }
    return !*c;
}

static void test_claims_are_written(void **state)
{
    (void)state;
    static const char *const ids[] = {"central-budget", "shanghai-dept-budget", "shanghai-unit-budget"};
    for (size_t l = 0; l < 3; l++) {
        char lp[300];
        snprintf(lp, sizeof lp, YU_DATADIR "/layouts/%s.layout", ids[l]);
        yu_layout *L = NULL;
        yu_error err;
        if (yu_layout_load(lp, &L, &err))
            fail_msg("%s:%d: %s", err.file, err.line, err.msg);
        for (size_t k = 0; k < L->nsections; k++) {
            const yu_lsection *sec = &L->sections[k];
            if (!sec->nprog)
                continue;
            for (size_t c = 0; c < sec->nclaims; c++) {
                const yu_ref *r = &sec->claims[c].ref;
                if (!r->table)
                    continue;
                char cell[256];
                snprintf(cell, sizeof cell, "%s.%s.%s", r->table, r->row, r->col);
                int found = 0;
                for (size_t i = 0; i < sec->nprog && !found; i++) {
                    const char *p = sec->prog[i].op == YU_N_SAY ? sec->prog[i].text : NULL;
                    narr_piece pc;
                    const char *why;
                    while (p && !found && narr_piece_next(&p, &pc, &why) > 0)
                        found = pc.ncell && cell_matches(pc.cell, pc.ncell, cell);
                }
                if (!found)
                    fail_msg("%s section %s: claim %s %s is a cell the section's program writes no figure of", ids[l], sec->id,
                             sec->claims[c].word, cell);
            }
        }
        yu_layout_free(L);
    }
}

/* projects with a 项目经费情况说明: their texts, a line a paragraph; if text */
static void test_projects(void **state)
{
    (void)state;
    const char *S = "section s\neach projects\nh2 {i}. {name}\nif text overview\nsay 概况：{text:overview}\npara\nendif\n"
                    "if text basis\nsay 依据\nelse\nsay 无依据\nendif\nendeach\nend\n";
    yu_budget *b = budget();
    yu_project p;
    memset(&p, 0, sizeof p);
    p.id = "p1";
    p.name = "甲项目";
    assert_int_equal(yu_budget_add_project(b, &p), YU_OK);
    EXPECT(S, b, "");
    p.id = "p2";
    p.name = "乙项目";
    p.text[0] = "第一段\n第二段";
    assert_int_equal(yu_budget_add_project(b, &p), YU_OK);
    EXPECT(S, b, "## 1. 乙项目\n概况：第一段\n第二段\n无依据\n");
    yu_budget_free(b);
}

/* a name the engine does not know: an error naming the layout file and line */
static void test_runtime_errors(void **state)
{
    (void)state;
    yu_budget *b = budget();
    char out[1024], path[600];
    yu_error err;
    snprintf(path, sizeof path, "%s/run.layout", tmpdir);
    assert_int_equal(run_head(HEAD, "section s\nsay 甲\nsay {m:nosuch}\nend\n", b, out, sizeof out, &err), YU_ELAYOUT);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 5);
    assert_non_null(strstr(err.msg, "nosuch"));
    assert_int_equal(run_head(HEAD, "section s\nsay {name}\nend\n", b, out, sizeof out, &err), YU_ELAYOUT);
    assert_int_equal(err.line, 4);
    assert_non_null(strstr(err.msg, "outside each"));
    assert_int_equal(run_head(HEAD, "section s\nh1 {m:gpb}\nend\n", b, out, sizeof out, &err), YU_ELAYOUT);
    assert_non_null(strstr(err.msg, "no figures"));
    /* {asof} in a document as of no date (a budget: only the execution report has one) */
    assert_int_equal(run_head(HEAD, "section s\nsay 截至{asof}\nend\n", b, out, sizeof out, &err), YU_ELAYOUT);
    assert_int_equal(err.line, 4);
    assert_non_null(strstr(err.msg, "as of no date"));
    /* a budget has no execution report's projects: `lagging` is empty */
    assert_int_equal(run_head(HEAD, "section s\nif empty lagging\nsay 无\nendif\neach lagging\nsay {name}\nendeach\nend\n",
                              b, out, sizeof out, &err), YU_OK);
    assert_string_equal(out, "无\n");
    yu_budget_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_ok),
        cmocka_unit_test(test_zero_nonzero),
        cmocka_unit_test(test_increase_decrease_unchanged),
        cmocka_unit_test(test_lists_and_joins),
        cmocka_unit_test(test_kinds_items_nested),
        cmocka_unit_test(test_budget_terms),
        cmocka_unit_test(test_note_given_headings),
        cmocka_unit_test(test_assets_econ_perf),
        cmocka_unit_test(test_prose_unit),
        cmocka_unit_test(test_prose_figures_rounded_once),
        cmocka_unit_test(test_prose_figure_is_the_cell),
        cmocka_unit_test(test_prose_shares_changes),
        cmocka_unit_test(test_styles_keys_funds_prior),
        cmocka_unit_test(test_runtime_errors),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_projects),
        cmocka_unit_test(test_claims_are_written),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
