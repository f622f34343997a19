#!/bin/sh
# examples/wanli-2025 (上海市普陀区人民政府万里街道办事处 2025年部门预算, transcribed from
# ../shared/corpus/putuo-wanli-2025-budget.pdf) compiled in its published form:
#   - every money figure of every table of the compiled txt equals the corpus text's, table by
#     table, in order (both parsed here, independently of yusuan's reader: a blank cell is no
#     figure, a printed 0 is one, so blank vs 0 is compared too);
#   - titles with the year, the 编制部门 line, 类/款/项 code columns, the 三公 table in 万元;
#   - `yusuan check` finds no errors; the compiled txt and PDF audit back with no error, missing
#     value or warning (the rounding residues are the published document's own: it rounds each
#     cell on its own, and so does the template);
#   - a figure changed in the package is caught by the comparison (the test can fail).
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EX="$ROOT/examples/wanli-2025"
CORPUS="$ROOT/../shared/corpus/putuo-wanli-2025-budget.layout.txt"
# under AddressSanitizer, cairo and fontconfig leak a little inside the libraries (see pdf.sh)
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ROOT/tests/lsan-cairo.supp:print_suppressions=0"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS ASAN_OPTIONS
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
T=$(mktemp -d /tmp/yusuan-wanli.XXXXXX)
trap 'rm -rf "$T"' EXIT
if [ ! -f "$CORPUS" ]; then
  echo "wanli: corpus text not found ($CORPUS): skipped"
  exit 0
fi

# figures FILE: one line "TABLE FIGURE" per money figure of the nine tables, in order.
# A table starts at its title (alone on its line, with or without the year) and ends at the
# next title or at the first line after the tables (其他相关情况说明, 第三部分, 绩效目标 …).
# A line's leading 科目编码 (201 05 07, 301 01, or 2010507) is not a figure.
figures() {
  tr -d '\f' < "$1" | awk '
  BEGIN {
    n = split("部门财务收支预算总表|部门收入预算总表|部门支出预算总表|部门财政拨款收支预算总表|部门一般公共预算支出功能分类预算表|部门政府性基金预算支出功能分类预算表|部门国有资本经营预算支出功能分类预算表|部门一般公共预算基本支出部门预算经济分类预算表|部门三公经费和机关运行经费预算表", title, "|")
    cur = 0
  }
  {
    flat = $0
    gsub(/ |\t|“|”|"/, "", flat)
    sub(/^[0-9][0-9][0-9][0-9]年/, "", flat)
    hit = 0
    for (i = 1; i <= n; i++) if (flat == title[i]) hit = i
    if (hit) { cur = hit; next }
    if (!cur) next
    if (cur == n && (flat ~ /说明|绩效目标|第三部分/)) { cur = 0; next }
    k = 1
    # a leading code: 3 digits then 2-digit parts, or 5/7 digits, followed by a name
    if ($1 ~ /^[0-9][0-9][0-9]$/) {
      k = 2
      while (k <= NF && $k ~ /^[0-9][0-9]$/) k++
      if (k > NF || $k ~ /^[0-9.,]+$/) k = 1
    } else if ($1 ~ /^[0-9][0-9][0-9][0-9][0-9]([0-9][0-9])?$/ && NF > 1 && $2 !~ /^[0-9.,]+$/)
      k = 2
    for (; k <= NF; k++)
      if ($k ~ /^[0-9][0-9,]*(\.[0-9]+)?$/) print cur, $k
  }'
}

"$Y" check "$EX" > "$T/check" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q ' 0 errors' "$T/check" && ok || { bad "check finds errors (exit $rc)"; grep -v warning "$T/check"; }

"$Y" report "$EX" -f txt -o "$T/w.txt" 2> "$T/err" && ok || bad "report txt: $(cat "$T/err")"
figures "$CORPUS" > "$T/want"
figures "$T/w.txt" > "$T/got"
nw=$(wc -l < "$T/want")
# 13 + 67×5 + 67×3 + 22 + 67×3 + 0 + 0 + 32×3 + 7
[ "$nw" -eq 875 ] && ok || bad "the corpus text gave $nw figures, not 875"
for t in 1 2 3 4 5 6 7 8 9; do
  awk -v t=$t '$1 == t' "$T/want" > "$T/want.$t"
  awk -v t=$t '$1 == t' "$T/got" > "$T/got.$t"
  if cmp -s "$T/want.$t" "$T/got.$t"; then ok; else
    bad "table $t: $(wc -l < "$T/got.$t") figures compiled, $(wc -l < "$T/want.$t") printed; first difference:"
    diff "$T/want.$t" "$T/got.$t" | head -6
  fi
done
echo "wanli: $nw figures in 9 tables compared"

# as published: the year in each title, 编制部门 line, codes in 类/款/项 columns, 三公 in 万元
grep -q '^2025年部门一般公共预算基本支出部门预算经济分类预算表$' "$T/w.txt" && ok || bad "title without its year"
[ "$(grep -c '^编制部门：上海市普陀区人民政府万里街道办事处    单位：元$' "$T/w.txt")" -eq 8 ] && ok || bad "not 8 编制部门 lines in 元"
grep -q '^编制部门：上海市普陀区人民政府万里街道办事处    单位：万元$' "$T/w.txt" && ok || bad "the 三公 table not in 万元"
grep -q '^201  05  07  *专项普查活动  *438,300  *438,300  *0  *0  *0$' "$T/w.txt" && ok || bad "类/款/项 not in columns"
grep -q '^类   款  项$' "$T/w.txt" && grep -q '^ *类   款$' "$T/w.txt" && ok || bad "no 类 款 项 header"
grep -q '^37.91  *0  *1.35  *36.56  *15  *21.56  *464.64$' "$T/w.txt" && ok || bad "三公 figures not as printed (37.91 0 1.35 36.56 15 21.56 464.64)"
grep -q '^注：本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。$' "$T/w.txt" && ok || bad "empty table's note"
[ "$(grep -c '^ *合计$' "$T/w.txt")" -eq 2 ] && ok || bad "the two empty tables do not print their blank 合计 line"

# the 三公 table in 万元 in every format: JSON labels it 万元 with 万元 figures, xlsx writes 37.91
"$Y" report "$EX" -f json -o "$T/w.json" 2> "$T/err" || bad "report json: $(cat "$T/err")"
tr -d '\n ' < "$T/w.json" | grep -q '"id":"sangong",[^}]*"unit":"万元".*"sg_total":"37.91","sg_abroad":"0.00","sg_reception":"1.35"' && ok || \
  bad "JSON: the 三公 table not in 万元"
"$Y" report "$EX" -f xlsx -o "$T/w.xlsx" 2> "$T/err" || bad "report xlsx: $(cat "$T/err")"
python3 - "$T/w.xlsx" > "$T/xlsx.nums" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in sorted(z.namelist()):
    if n.startswith("xl/worksheets/sheet"):
        x = z.read(n).decode("utf-8")
        print(n, " ".join(re.findall(r'<c r="[A-Z]+[0-9]+" s="[0-9]+"><v>([0-9.]+)</v>', x)))
PY
grep -q ' 37.91 0 1.35 36.56 15 21.56 464.64$' "$T/xlsx.nums" && ok || bad "xlsx: the 三公 figures not in 万元"

# the compiled document audits back (its nine tables, as the corpus: the optional 绩效目标填报表
# without a form is left out): no error, missing value or warning; the residues are the
# published document's own
"$Y" audit "$CORPUS" > "$T/corpus.audit" 2>&1
want_res=$(grep -o '[0-9]* rounding residues' "$T/corpus.audit")
for f in txt pdf; do
  [ $f = txt ] || "$Y" report "$EX" -f $f -o "$T/w.$f" 2> "$T/err" || bad "report -f $f: $(cat "$T/err")"
  "$Y" audit "$T/w.$f" > "$T/audit.$f" 2>&1
  if grep -q "9 of 9 tables read, .* 0 errors, 0 missing values, $want_res, 0 warnings" "$T/audit.$f"; then ok; else
    bad "the compiled $f does not audit back clean (the corpus has $want_res)"; grep -v ': rounding ' "$T/audit.$f" | tail -5
  fi
done

# the preparer's workbook of the example compiles to the same tables
"$Y" template "$T/w-input.xlsx" --from "$EX" --force > /dev/null 2> "$T/err" || bad "template --from: $(cat "$T/err")"
"$Y" report "$T/w-input.xlsx" -f txt -o "$T/wb.txt" 2> "$T/err" || bad "report of the workbook: $(cat "$T/err")"
figures "$T/wb.txt" > "$T/wbgot"
cmp -s "$T/want" "$T/wbgot" && ok || bad "the workbook's tables differ from the corpus ($(wc -l < "$T/wbgot") figures)"

# the comparison can fail: one 项 moved by 1 元 between two 项 of the same 款 changes two figures
cp -r "$EX" "$T/m"
sed -i 's/^2010507,project,gpb,,p-2010507,438300$/2010507,project,gpb,,p-2010507,438301/; s/^gpb,189767551,/gpb,189767552,/' "$T/m/expenditure.csv" "$T/m/funds.csv"
"$Y" report "$T/m" -f txt -o "$T/m.txt" 2> "$T/err" || bad "report of the changed package: $(cat "$T/err")"
figures "$T/m.txt" > "$T/mgot"
cmp -s "$T/want" "$T/mgot" && bad "a changed figure is not caught" || ok

echo "wanli: $pass passed, $fail failed"
[ $fail -eq 0 ]
