/* Unit tests: yu_xlsx_annotate (src/lib/xlsx_annotate.c).
 *   - notes on cells with and without a value, on a cell that has its own
 *     comment (kept, ours after it), on a sheet, with no place and on a
 *     sheet the workbook lacks; the values and styles read the same after;
 *   - failure paths: not a zip, no such file, the copy over the input, a
 *     note whose cell is not a cell, a sheet whose part is missing, a copy
 *     that cannot be written; the input is never changed, no copy left. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <xlsxwriter.h>
#include "yusuan/yusuan.h"
#include "yusuan/xlsx.h"
#include "internal.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/yu-test-annot-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* 表1: B2 "x" with its own comment, C3 5 in bold; 表2: A1 "y". */
static void make_book(const char *path)
{
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_worksheet *s1 = workbook_add_worksheet(wb, "表1");
    lxw_worksheet *s2 = workbook_add_worksheet(wb, "表2");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    worksheet_write_string(s1, 1, 1, "x", NULL);
    worksheet_write_comment(s1, 1, 1, "原批注");
    worksheet_write_number(s1, 2, 2, 5, bold);
    worksheet_write_string(s2, 0, 0, "y", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

/* The text of a part of the zip at path (NULL when absent); the caller frees it. */
static char *part(const char *path, const char *name)
{
    zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
    assert_non_null(z);
    zip_stat_t st;
    char *s = NULL;
    if (!zip_stat(z, name, 0, &st)) {
        zip_file_t *f = zip_fopen(z, name, 0);
        s = calloc(1, st.size + 1);
        assert_non_null(f);
        assert_non_null(s);
        assert_int_equal(zip_fread(f, s, st.size), (zip_int64_t)st.size);
        zip_fclose(f);
    }
    zip_discard(z);
    return s;
}

static char *slurp(const char *path, size_t *len)
{
    char *d = NULL;
    yu_error err;
    if (yu_read_file(path, &d, len, &err))
        return NULL;
    return d;
}

static void test_annotate(void **state)
{
    (void)state;
    char in[128], out[128];
    snprintf(in, sizeof in, "%s/in.xlsx", dir);
    snprintf(out, sizeof out, "%s/out.xlsx", dir);
    make_book(in);
    size_t l0, l1;
    char *before = slurp(in, &l0);
    const yu_xnote notes[] = {
        {"表1!B2", "R-ONE", 0, "错一"},
        {"表1!B2", NULL, 1, "警告二"},
        {"表1!D4", NULL, 0, "空格 & <尖括号>"},
        {"表1!3:3", NULL, 1, "第三行"},
        {"表2", "R-TWO", 1, "整表"},
        {"", "R-NONE", 0, "无处"},
        {"不存在!C9", NULL, 0, "缺表"},
    };
    yu_error err;
    assert_int_equal(yu_xlsx_annotate(in, out, notes, sizeof notes / sizeof notes[0], &err), YU_OK);
    char *after = slurp(in, &l1);
    assert_true(l0 == l1 && !memcmp(before, after, l0)); /* the input is unchanged */
    free(before);
    free(after);

    /* the values and styles read the same */
    yu_xlsx *x;
    const yu_xsheet *s;
    assert_int_equal(yu_xlsx_open(out, &x, &err), YU_OK);
    assert_int_equal(yu_xlsx_sheet(x, "表1", &s, &err), YU_OK);
    assert_string_equal(yu_xsheet_cell(s, 1, 1)->text, "x");
    const yu_xcell *c = yu_xsheet_cell(s, 2, 2);
    assert_true(c && c->kind == YU_XC_NUMBER && c->num == 5 && c->bold);
    c = yu_xsheet_cell(s, 3, 3); /* D4: a cell made for the note, with no value */
    assert_true(c && c->kind == YU_XC_EMPTY);
    yu_xlsx_close(x);

    /* 表1's own comments part: its comment kept, ours after it; the new cells */
    char *cm = part(out, "xl/comments1.xml");
    assert_non_null(cm);
    char *own = strstr(cm, "原批注"), *one = strstr(cm, "【错误】R-ONE：错一"), *two = strstr(cm, "【警告】警告二");
    assert_true(own && one && two && own < one && one < two);
    assert_non_null(strstr(cm, "ref=\"D4\""));
    assert_non_null(strstr(cm, "空格 &amp; &lt;尖括号&gt;"));
    assert_non_null(strstr(cm, "ref=\"A3\""));
    /* A1 of the first sheet: the note with no place, the note of a missing sheet */
    assert_non_null(strstr(cm, "ref=\"A1\""));
    assert_non_null(strstr(cm, "【错误】R-NONE：无处"));
    assert_non_null(strstr(cm, "（工作表“不存在”）缺表"));
    free(cm);
    char *vml = part(out, "xl/drawings/vmlDrawing1.vml");
    assert_non_null(vml);
    size_t shapes = 0;
    for (char *p = strstr(vml, "<x:Row>"); p; p = strstr(p + 1, "<x:Row>"))
        shapes++;
    assert_int_equal(shapes, 4); /* B2 (its own) + D4, A3, A1 */
    free(vml);
    /* 表2: a new comments part, related to the sheet, in the content types */
    char *rels = part(out, "xl/worksheets/_rels/sheet2.xml.rels");
    assert_non_null(rels);
    assert_non_null(strstr(rels, "/comments\" Target=\"/xl/comments2.xml\""));
    free(rels);
    char *cm2 = part(out, "xl/comments2.xml");
    assert_non_null(cm2);
    assert_non_null(strstr(cm2, "<comment ref=\"A1\""));
    assert_non_null(strstr(cm2, "【警告】R-TWO：整表"));
    free(cm2);
    char *sh2 = part(out, "xl/worksheets/sheet2.xml");
    assert_non_null(strstr(sh2, "<legacyDrawing r:id="));
    free(sh2);
    char *ct = part(out, "[Content_Types].xml");
    assert_non_null(strstr(ct, "PartName=\"/xl/comments2.xml\""));
    free(ct);
    /* the fills: red for an error, yellow for warnings only */
    char *st = part(out, "xl/styles.xml");
    assert_non_null(strstr(st, "FFFFC7CE"));
    assert_non_null(strstr(st, "FFFFEB9C"));
    free(st);
}

/* A workbook written by hand: a prefixed main namespace (x:), no
 * relationships' namespace on the root, a self-closing row, a row with
 * spans, an empty <x:sheetData/>, a comment and CDATA in the XML. */
static void make_odd_book(const char *path)
{
    static const struct { const char *name, *xml; } parts[] = {
        {"[Content_Types].xml",
         "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
         "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
         "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
         "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml",
         "<?xml version=\"1.0\"?><x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><x:sheets>"
         "<x:sheet name=\"甲\" sheetId=\"1\" r:id=\"rId1\"/><x:sheet name=\"乙\" sheetId=\"2\" r:id=\"rId2\"/></x:sheets></x:workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"},
        {"xl/styles.xml",
         "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<fonts count=\"1\"><font/></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
         "<fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border/></borders>"
         "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellXfs></styleSheet>"},
        {"xl/worksheets/sheet1.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- <x:row r=\"9\"/> is a comment -->\n"
         "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
         "<x:row r=\"2\"/><x:row r=\"5\" spans=\"1:3\"><x:c r=\"A5\" t=\"inlineStr\"><x:is><x:t><![CDATA[<x:c r=\"B5\">]]></x:t></x:is></x:c>"
         "<x:c r=\"C5\" s=\"0\"><x:v>1</x:v></x:c></x:row></x:sheetData>"
         "<x:pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
         "<x:extLst><x:ext uri=\"{0}\"/></x:extLst></x:worksheet>"},
        {"xl/worksheets/sheet2.xml",
         "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData/></x:worksheet>"},
    };
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL);
    assert_non_null(z);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        zip_source_t *src = zip_source_buffer(z, parts[i].xml, strlen(parts[i].xml), 0);
        assert_non_null(src);
        assert_true(zip_file_add(z, parts[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
}

static void test_annotate_odd_sheets(void **state)
{
    (void)state;
    char in[128], out[128];
    snprintf(in, sizeof in, "%s/odd.xlsx", dir);
    snprintf(out, sizeof out, "%s/odd-out.xlsx", dir);
    make_odd_book(in);
    const yu_xnote notes[] = {
        {"甲!A1", NULL, 0, "新行，在第2行之前"}, {"甲!B2", NULL, 0, "自闭合的行"}, {"甲!B5", NULL, 1, "两格之间"},
        {"甲!C5", NULL, 0, "已有的格"},        {"甲!A7", NULL, 0, "最后一行之后"}, {"乙!B3", NULL, 0, "空表"},
    };
    yu_error err;
    assert_int_equal(yu_xlsx_annotate(in, out, notes, sizeof notes / sizeof notes[0], &err), YU_OK);
    /* the values read as before, the new cells are where they should be */
    yu_xlsx *x;
    const yu_xsheet *s;
    assert_int_equal(yu_xlsx_open(out, &x, &err), YU_OK);
    assert_int_equal(yu_xlsx_sheet(x, "甲", &s, &err), YU_OK);
    assert_string_equal(yu_xsheet_cell(s, 4, 0)->text, "<x:c r=\"B5\">");
    const yu_xcell *c = yu_xsheet_cell(s, 4, 2);
    assert_true(c && c->kind == YU_XC_NUMBER && c->num == 1);
    assert_non_null(yu_xsheet_cell(s, 0, 0));
    assert_non_null(yu_xsheet_cell(s, 1, 1));
    assert_non_null(yu_xsheet_cell(s, 4, 1));
    assert_non_null(yu_xsheet_cell(s, 6, 0));
    assert_int_equal(yu_xlsx_sheet(x, "乙", &s, &err), YU_OK);
    assert_non_null(yu_xsheet_cell(s, 2, 1));
    yu_xlsx_close(x);
    char *s1 = part(out, "xl/worksheets/sheet1.xml");
    /* rows in order, spans dropped, the namespace and <legacyDrawing> before extLst */
    char *r1 = strstr(s1, "<x:row r=\"1\">"), *r2 = strstr(s1, "<x:row r=\"2\"><x:c r=\"B2\" s=\""),
         *r5 = strstr(s1, "<x:row r=\"5\">"), *r7 = strstr(s1, "<x:row r=\"7\">");
    assert_true(r1 && r2 && r5 && r7 && r1 < r2 && r2 < r5 && r5 < r7);
    assert_null(strstr(s1, "spans="));
    assert_non_null(strstr(s1, "<!-- <x:row r=\"9\"/> is a comment -->"));
    assert_non_null(strstr(s1, "xmlns:yur=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""));
    char *ld = strstr(s1, "<x:legacyDrawing yur:id=\"rIdYu2\"/>"), *ext = strstr(s1, "<x:extLst>");
    assert_true(ld && ext && ld < ext);
    assert_non_null(strstr(s1, "<x:c r=\"C5\" s=\""));
    free(s1);
    char *s2 = part(out, "xl/worksheets/sheet2.xml");
    assert_non_null(strstr(s2, "<x:sheetData><x:row r=\"3\"><x:c r=\"B3\" s=\""));
    assert_non_null(strstr(s2, "<x:legacyDrawing yur:id=\"rIdYu2\"/></x:worksheet>"));
    free(s2);
}

static void test_annotate_failures(void **state)
{
    (void)state;
    char in[128], out[128], txt[128], broken[128];
    snprintf(in, sizeof in, "%s/f.xlsx", dir);
    snprintf(out, sizeof out, "%s/f-out.xlsx", dir);
    snprintf(txt, sizeof txt, "%s/text.xlsx", dir);
    snprintf(broken, sizeof broken, "%s/broken.xlsx", dir);
    make_book(in);
    yu_error err;
    const yu_xnote n1 = {"表2!A1", NULL, 0, "x"};

    /* not a zip */
    FILE *f = fopen(txt, "w");
    assert_non_null(f);
    fputs("单位名称,预算年度\n", f);
    fclose(f);
    assert_int_equal(yu_xlsx_annotate(txt, out, &n1, 1, &err), YU_EFORMAT);
    assert_non_null(strstr(err.msg, "not a zip archive"));
    assert_int_equal(access(out, F_OK), -1);
    /* no such file */
    char none[160];
    snprintf(none, sizeof none, "%s/none.xlsx", dir);
    assert_int_equal(yu_xlsx_annotate(none, out, &n1, 1, &err), YU_EIO);
    /* the copy over the input */
    assert_int_equal(yu_xlsx_annotate(in, in, &n1, 1, &err), YU_EUSAGE);
    assert_non_null(strstr(err.msg, "replace the workbook itself"));
    /* a cell that is not a cell */
    const yu_xnote bad = {"表1!ZZZZ9", NULL, 0, "x"};
    assert_int_equal(yu_xlsx_annotate(in, out, &bad, 1, &err), YU_EVALUE);
    assert_non_null(strstr(err.msg, "ZZZZ9"));
    assert_int_equal(access(out, F_OK), -1);
    /* a sheet whose part is missing from the package */
    size_t len;
    char *d = slurp(in, &len);
    f = fopen(broken, "wb");
    assert_true(f && fwrite(d, 1, len, f) == len);
    fclose(f);
    free(d);
    zip_t *z = zip_open(broken, 0, NULL);
    assert_non_null(z);
    zip_int64_t i = zip_name_locate(z, "xl/worksheets/sheet2.xml", 0);
    assert_true(i >= 0 && zip_delete(z, (zip_uint64_t)i) == 0);
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(yu_xlsx_annotate(broken, out, &n1, 1, &err), YU_EFORMAT);
    assert_non_null(strstr(err.msg, "xl/worksheets/sheet2.xml"));
    assert_int_equal(access(out, F_OK), -1);
    /* the other sheet still annotates */
    const yu_xnote n2 = {"表1!A1", NULL, 0, "x"};
    assert_int_equal(yu_xlsx_annotate(broken, out, &n2, 1, &err), YU_OK);
    unlink(out);
    /* a copy that cannot be written */
    char nodir[160];
    snprintf(nodir, sizeof nodir, "%s/no/such/dir.xlsx", dir);
    assert_int_equal(yu_xlsx_annotate(in, nodir, &n1, 1, &err), YU_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_annotate),
        cmocka_unit_test(test_annotate_odd_sheets),
        cmocka_unit_test(test_annotate_failures),
    };
    return cmocka_run_group_tests(tests, setup, getenv("KEEP") ? NULL : teardown);
}
