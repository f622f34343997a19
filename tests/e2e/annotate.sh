#!/bin/sh
# End-to-end tests of `yusuan check WORKBOOK --annotate OUT` (docs/xlsx.md):
#   - a workbook with ten mistakes of different kinds: check reports all ten,
#     each with its sheet!cell, in one run (input errors and the checks of
#     校验 over the rows read: F-GRAND, X-SANGONG-ECON, P-WEIGHTS);
#   - the annotated copy has a comment on each of those cells (the comments
#     XML of the sheet), a fill; LibreOffice opens it; the input is unchanged;
#   - the rule findings of a workbook that reads (no input error) go to their
#     cells too; the 三公 sheet left empty beside 30217/30231 lines is
#     reported (X-SANGONG-ECON) and not when the 三公 sheet is filled.
# Usage: YUSUAN=build/bin/yusuan sh tests/e2e/annotate.sh
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EX="$ROOT/examples/feco-2024"
T=$(mktemp -d /tmp/yusuan-annot.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

"$Y" template "$T/feco.xlsx" --from "$EX" || { echo "FAIL: template"; exit 1; }

# edit.py IN OUT SHEET!CELL=VALUE ... : VALUE as a number (n:), text (t:) or
# nothing (empty); a row past the sheet's end is added
cat > "$T/edit.py" <<'EOF'
import re, sys, zipfile
src, dst, edits = sys.argv[1], sys.argv[2], sys.argv[3:]
z = zipfile.ZipFile(src)
wb = z.read('xl/workbook.xml').decode()
rels = z.read('xl/_rels/workbook.xml.rels').decode()
def part(sheet):
    rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % re.escape(sheet), wb).group(1)
    return 'xl/' + re.search(r'Id="%s" Type="[^"]*" Target="([^"]*)"' % rid, rels).group(1)
parts = {}
for e in edits:
    where, val = e.split('=', 1)
    sheet, ref = where.split('!')
    p = part(sheet)
    x = parts.get(p) or z.read(p).decode()
    row = re.match(r'[A-Z]+(\d+)', ref).group(1)
    if val.startswith('n:'):
        cell = '<c r="%s"><v>%s</v></c>' % (ref, val[2:])
    elif val.startswith('t:'):
        cell = '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, val[2:])
    else:
        cell = ''
    m = re.search(r'<c r="%s"(?: [^>]*)?(?:/>|>.*?</c>)' % ref, x)
    if m:
        x = x[:m.start()] + cell + x[m.end():]
    else:
        r = re.search(r'<row r="%s"[^>]*?(/>|>)' % row, x)
        if r and r.group(1) == '>':  # cells are sorted; LibreOffice and yusuan read any order of the sheet's XML
            x = x[:r.end()] + cell + x[r.end():]
        elif r:
            x = x[:r.start()] + '<row r="%s">%s</row>' % (row, cell) + x[r.end():]
        else:
            x = x.replace('</sheetData>', '<row r="%s">%s</row></sheetData>' % (row, cell))
    parts[p] = x
out = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
for i in z.infolist():
    out.writestr(i, parts.get(i.filename, z.read(i.filename)))
out.close()
EOF
# comments.py FILE SHEET : the cells of the sheet's comments, one a line, "REF<TAB>text"
cat > "$T/comments.py" <<'EOF'
import re, sys, zipfile, posixpath
z = zipfile.ZipFile(sys.argv[1])
wb = z.read('xl/workbook.xml').decode()
rels = z.read('xl/_rels/workbook.xml.rels').decode()
rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % re.escape(sys.argv[2]), wb).group(1)
sp = 'xl/' + re.search(r'Id="%s" Type="[^"]*" Target="([^"]*)"' % rid, rels).group(1)
rp = posixpath.join(posixpath.dirname(sp), '_rels', posixpath.basename(sp) + '.rels')
if rp not in z.namelist():
    sys.exit(0)
for t in re.findall(r'Target="([^"]*)"', z.read(rp).decode()):
    if 'comments' in t:
        c = z.read(t.lstrip('/') if t.startswith('/') else posixpath.normpath(posixpath.join(posixpath.dirname(sp), t))).decode()
        for ref, body in re.findall(r'<comment ref="([A-Z]+\d+)"[^>]*>(.*?)</comment>', c, re.S):
            print(ref + '\t' + re.sub(r'<[^>]+>', '', body).replace('\n', ' '))
EOF

# ---- ten mistakes ----
python3 "$T/edit.py" "$T/feco.xlsx" "$T/ten.xlsx" \
  '支出明细!A3=t:2110398' \
  '上年执行!C2=t:六百三十七' \
  '收入!B2=n:1369' \
  '支出明细!E26=t:30201' \
  '支出明细!A28=t:2110106' '支出明细!C28=t:公用经费' '支出明细!D28=t:一般公共预算拨款' '支出明细!E28=t:30217' '支出明细!H28=n:2' \
  '支出明细!A29=t:2110106' '支出明细!C29=t:公用经费' '支出明细!D29=t:一般公共预算拨款' '支出明细!E29=t:30231' '支出明细!H29=n:3' \
  '支出明细!H10=n:515' \
  '绩效指标!F3=n:25' \
  '单位信息!B6=t:2024年' \
  '支出明细!F5=t:p-nonexistent' \
  '单位信息!B2=' \
  '支出明细!A15=t:2110102' '支出明细!F15=t:nf-2110102' \
  || { echo "FAIL: edit.py"; exit 1; }
cp "$T/ten.xlsx" "$T/ten.orig"
"$Y" check "$T/ten.xlsx" --annotate "$T/ten-annot.xlsx" > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 2 ] && ok || bad "check with ten mistakes: exit $rc, expected 2"
# each mistake at its cell (and what the message says)
for want in '支出明细!A3:.*2110398' '上年执行!C2:.*六百三十七' '收入!B2: \[F-GRAND\] 一般公共预算拨款' \
            '支出明细!E26:.*30201 不是人员经费科目' '三公经费!B5: \[X-SANGONG-ECON\].*30217' \
            '三公经费!B4: \[X-SANGONG-ECON\].*30231' '绩效指标!F2: \[P-WEIGHTS\]' '单位信息!B6:.*预算年度' \
            '支出明细!F5:.*p-nonexistent' '单位信息!B2:.*单位名称' '支出明细!A15:.*重复的支出明细'; do
  grep -q "ten.xlsx:$want" "$T/err" && ok || bad "check: no '$want'"
done
# grouped by sheet: a heading per sheet with its count
grep -q '：工作表“支出明细”，4处：$' "$T/err" && ok || { bad "no heading for 支出明细"; cat "$T/err"; }
cmp -s "$T/ten.xlsx" "$T/ten.orig" && ok || bad "the input workbook was modified"
[ -s "$T/ten-annot.xlsx" ] && ok || bad "no annotated copy"
grep -q '已写出加批注的副本（11条批注）' "$T/err" && ok || { bad "annotate: count"; cat "$T/err"; }
# a comment on each of those cells, saying what check said
for s in 支出明细 上年执行 收入 三公经费 绩效指标 单位信息; do
  python3 "$T/comments.py" "$T/ten-annot.xlsx" "$s" | sed "s/^/$s!/" >> "$T/comments"
done
for want in '支出明细!A3	【错误】.*2110398' '上年执行!C2	【错误】' '收入!B2	【错误】\[F-GRAND\]' \
            '支出明细!E26	【错误】' '三公经费!B5	【错误】\[X-SANGONG-ECON\]' '三公经费!B4	【错误】\[X-SANGONG-ECON\]' \
            '绩效指标!F2	【错误】\[P-WEIGHTS\]' '单位信息!B6	【错误】' '支出明细!F5	【错误】.*p-nonexistent' \
            '单位信息!B2	【错误】' '支出明细!A15	【错误】.*重复的支出明细'; do
  grep -q "^$want" "$T/comments" && ok || bad "annotated copy: no comment '$want'"
done
[ "$(wc -l < "$T/comments")" -eq 11 ] && ok || { bad "annotated copy: $(wc -l < "$T/comments") comments, expected 11"; cat "$T/comments"; }
# the highlight: a fill added to the styles, the marked cells use it
unzip -p "$T/ten-annot.xlsx" xl/styles.xml | grep -q 'rgb="FFFFC7CE"' && ok || bad "no fill in the styles"
# the rest of the workbook unchanged: it reads as before (the same errors)
"$Y" check "$T/ten-annot.xlsx" 2> "$T/err2" > /dev/null
sed 's/ten-annot.xlsx/ten.xlsx/' "$T/err2" | grep -v '^yusuan: .*共' > "$T/err2n"
grep -v '共\|已写出' "$T/err" | cmp -s - "$T/err2n" && ok || { bad "the annotated copy reads differently"; diff "$T/err" "$T/err2n" | head; }

# ---- a workbook that reads: rule findings at their cells ----
python3 "$T/edit.py" "$T/feco.xlsx" "$T/rules.xlsx" \
  '支出明细!A28=t:2110106' '支出明细!C28=t:公用经费' '支出明细!D28=t:一般公共预算拨款' '支出明细!E28=t:30217' '支出明细!H28=n:2' \
  '支出明细!H10=n:518' '绩效指标!F3=n:25' || { echo "FAIL: edit.py"; exit 1; }
"$Y" check "$T/rules.xlsx" --annotate "$T/rules-annot.xlsx" > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 1 ] && ok || bad "check (rules): exit $rc, expected 1"
grep -q 'error \[X-SANGONG-ECON\] basic 30217' "$T/out" && ok || bad "三公 empty beside a 30217 line: no X-SANGONG-ECON"
grep -q 'error \[P-WEIGHTS\]' "$T/out" && ok || bad "no P-WEIGHTS"
python3 "$T/comments.py" "$T/rules-annot.xlsx" 三公经费 > "$T/c1"
python3 "$T/comments.py" "$T/rules-annot.xlsx" 绩效指标 > "$T/c2"
grep -q '^B5	【错误】X-SANGONG-ECON：' "$T/c1" && ok || { bad "annotated: X-SANGONG-ECON not at 三公经费!B5"; cat "$T/c1"; }
grep -q '^F2	【错误】P-WEIGHTS：' "$T/c2" && ok || { bad "annotated: P-WEIGHTS not at 绩效指标!F2"; cat "$T/c2"; }
# the 三公 sheet filled: no X-SANGONG-ECON
python3 "$T/edit.py" "$T/rules.xlsx" "$T/filled.xlsx" '三公经费!B5=n:2' || exit 1
"$Y" check "$T/filled.xlsx" > "$T/out" 2>&1
grep -q 'X-SANGONG-ECON' "$T/out" && bad "X-SANGONG-ECON with the 三公 sheet filled" || ok
# a clean workbook: exit 0, a copy without comments
"$Y" check "$T/feco.xlsx" --annotate "$T/clean.xlsx" > /dev/null 2>&1 && [ -s "$T/clean.xlsx" ] && ok || bad "clean workbook"
# usage: a package directory, the copy over the input
"$Y" check "$EX" --annotate "$T/x.xlsx" 2> "$T/err"; [ $? -eq 2 ] && grep -q 'expected a .xlsx file' "$T/err" && ok || bad "--annotate of a package"
"$Y" check "$T/ten.xlsx" --annotate "$T/ten.xlsx" 2> "$T/err"; [ $? -eq 2 ] && grep -q 'replace the workbook itself' "$T/err" && ok || bad "--annotate over the input"
cmp -s "$T/ten.xlsx" "$T/ten.orig" && ok || bad "the input workbook was modified (same name)"

# a bad date of the year's sheets (read when the budget's sheets are right): at its cell too
python3 "$T/edit.py" "$T/feco.xlsx" "$T/date.xlsx" '调整!A3=t:2024-13-45' || exit 1
"$Y" check "$T/date.xlsx" --annotate "$T/date-annot.xlsx" > /dev/null 2> "$T/err"
rc=$?
python3 "$T/comments.py" "$T/date-annot.xlsx" 调整 > "$T/c4"
[ $rc -eq 2 ] && grep -q "date.xlsx:调整!A3: '2024-13-45' is not a date" "$T/err" && grep -q '^A3	【错误】' "$T/c4" && ok \
  || { bad "bad date in 调整: exit $rc"; cat "$T/err" "$T/c4"; }

# ---- report --annotate: the same copy when the report is refused ----
"$Y" report "$T/ten.xlsx" -o "$T/r.txt" --annotate "$T/rep-annot.xlsx" > /dev/null 2> "$T/err"
rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/r.txt" ] && ok || bad "report with ten mistakes: exit $rc"
: > "$T/comments-r"
for s in 支出明细 上年执行 收入 三公经费 绩效指标 单位信息; do
  python3 "$T/comments.py" "$T/rep-annot.xlsx" "$s" | sed "s/^/$s!/" >> "$T/comments-r"
done
cmp -s "$T/comments" "$T/comments-r" && ok || bad "report --annotate: not the comments of check --annotate"
"$Y" report "$T/rules.xlsx" -o "$T/r.txt" --annotate "$T/rep-rules.xlsx" > /dev/null 2> "$T/err"
rc=$?
python3 "$T/comments.py" "$T/rep-rules.xlsx" 三公经费 > "$T/c3"
[ $rc -eq 1 ] && grep -q '^B5	【错误】X-SANGONG-ECON：' "$T/c3" && ok || bad "report --annotate (rules): exit $rc"
"$Y" report "$EX" --annotate "$T/x.xlsx" 2> "$T/err"; [ $? -eq 2 ] && grep -q 'expected a .xlsx file' "$T/err" && ok || bad "report --annotate of a package"

# ---- LibreOffice opens the annotated copies ----
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -n "$SOFFICE" ]; then
  timeout 300 "$SOFFICE" --headless --norestore "-env:UserInstallation=file://$T/lo-profile" \
    --convert-to ods --outdir "$T/lo" "$T/ten-annot.xlsx" "$T/rules-annot.xlsx" > "$T/lo.log" 2>&1
  [ -s "$T/lo/ten-annot.ods" ] && [ -s "$T/lo/rules-annot.ods" ] && ok || { bad "LibreOffice cannot open the annotated copies"; cat "$T/lo.log"; }
  # the comments survive the conversion (office:annotation in content.xml)
  n=$(unzip -p "$T/lo/ten-annot.ods" content.xml | grep -o '<office:annotation' | wc -l)
  [ "$n" -eq 11 ] && ok || bad "LibreOffice sees $n comments, expected 11"
else
  bad "LibreOffice (soffice) is not installed: run scripts/deps.sh"
fi

echo "annotate: $pass passed, $fail failed"
[ $fail -eq 0 ]
