#!/bin/sh
# The narrative as data (issue 11): the layout's sections compile the 情况说明.
#   - examples/wanli-2025 in shanghai-dept-budget: its 编制说明, 其他相关情况说明 and 项目经费情况说明 against the
#     corpus text sentence by sentence (../shared/corpus/putuo-wanli-2025-budget.layout.txt);
#     the sentences the package cannot produce are listed below, each with its reason, and
#     must stay absent (the list is exact);
#   - the comparison can fail: a purpose, a 项 and last year's budget changed in the package
#     change their sentences;
#   - the compiled document audits its own narrative: figures tied to cells, no error;
#   - a mistake in a layout's narrative is refused with the layout file and line.
# Usage: YUSUAN=build/bin/yusuan sh tests/e2e/narr.sh
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EX="$ROOT/examples/wanli-2025"
CORPUS="$ROOT/../shared/corpus/putuo-wanli-2025-budget.layout.txt"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
T=$(mktemp -d /tmp/yusuan-narr.XXXXXX)
trap 'rm -rf "$T"' EXIT

# sentences FILE: the text from the 编制说明's heading to the first table's title, and from
# 其他相关情况说明 to the end (项目经费情况说明 included), without white space, one sentence (。) a line
sentences() {
  tr -d '\f' < "$1" | sed 's/　//g' | awk '
    { flat = $0; gsub(/[ \t]/, "", flat) }
    flat ~ /^[0-9][0-9][0-9][0-9]年部门预算编制说明$/ { on = 1; next }
    on == 1 && flat ~ /^[0-9][0-9][0-9][0-9]年部门财务收支预算总表$/ { on = 0 }
    flat == "其他相关情况说明" { on = 2; next }
    on == 2 && flat == "项目经费情况说明" { on = 3; next }
    on && flat == "第四部分" { on = 0 }
    # a numbered heading (一、…) is a sentence of its own
    on && flat ~ /^(一|二|三|四|五|六|七|八|九|十)+、/ { printf "。%s。", flat; next }
    on { printf "%s", flat }
    END { print "" }' | sed 's/。/\n/g' | sed '/^$/d'
}

if [ ! -f "$CORPUS" ] || [ ! -d "$EX" ]; then
  echo "narr: corpus text or examples/wanli-2025 not found: skipped"
  exit 0
fi

"$Y" report "$EX" -o "$T/w.txt" 2> "$T/err" && ok || bad "report wanli-2025: $(cat "$T/err")"
sentences "$CORPUS" > "$T/want"
sentences "$T/w.txt" > "$T/got"
nw=$(wc -l < "$T/want")
[ "$nw" -ge 45 ] && ok || bad "only $nw sentences read from the corpus"

# the corpus sentences the package cannot reproduce, and why (a prefix of each):
cat > "$T/known" <<'EOF'
21.“卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”
其中：（一）因公出国（境）费0万元，比2024年预算持平
主要原因是因公出国（境）费保持不变
（三）公务接待费1.35万元
比2024年预算持平，主要原因是公务接待费保持不变
EOF
# 21.: the document names 2100717 卫生健康支出（款）计划生育事务（项）, the catalogue
#      计划生育事务（款）计划生育服务（项）: the compiled text uses the catalogue's names;
# （一）（三）: the document ends one “三公” item's sentence after 持平 and the other after 1.35万元,
#      the template writes every item alike (…万元，比2024年预算持平，主要原因是…。);
# (二、 机关运行经费, 中小企业 reservations, 绩效目标 summary, the asset count's date and the year's
#  purchases come from units.csv, procurement.csv sme/sme_small, perf.csv and assets.csv purchase/as_of.)
missing=0 known=0
while IFS= read -r s; do
  if grep -qxF "$s" "$T/got"; then continue; fi
  k=0
  while IFS= read -r p; do
    case "$s" in "$p"*) k=1 ;; esac
  done < "$T/known"
  if [ $k -eq 1 ]; then known=$((known + 1)); else
    missing=$((missing + 1)); echo "  corpus sentence not compiled: $s"
  fi
done < "$T/want"
[ $missing -eq 0 ] && ok || bad "$missing corpus sentences not compiled"
[ $known -eq 5 ] && ok || bad "$known of the 5 known departures found (the list is stale)"
echo "narr: $((nw - known)) of $nw sentences of the 编制说明, 其他相关情况说明 and 项目经费情况说明 as published, $known known departures"

# what the language writes that the central wording did not: one paragraph per 项 with its
# purpose, the “三公” items with their reasons
grep -q '^1\. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”科目43.83万元，主要用于统计信息事务统计管理。$' "$T/w.txt" && ok || bad "项 paragraph"
grep -q '^2025年，上海市普陀区人民政府万里街道办事处收入预算18,976.76万元，其中：财政拨款收入18,976.76万元，比2024年预算增加3,355.65万元；事业收入0.00万元' "$T/w.txt" && ok || bad "收入 paragraph"
grep -q '^（二）公务用车购置及运行费36.56万元，比2024年预算减少10万元，主要原因是2025年新增1辆公务用车购置，但与2024年购置的车辆类型不同。其中：公务用车购置费15万元' "$T/w.txt" && ok || bad "三公 car paragraph"

# the comparison can fail: a purpose, a 项's amount and last year's budget changed
cp -r "$EX" "$T/m"
sed -i 's/^purpose:2010507,统计信息事务统计管理$/purpose:2010507,人口普查/' "$T/m/notes.csv"
sed -i 's/^gpb,189767551,156211100$/gpb,189767551,189767551/' "$T/m/funds.csv"
"$Y" report "$T/m" -o "$T/m.txt" 2> "$T/err" || bad "report of the changed package: $(cat "$T/err")"
grep -q '主要用于人口普查。' "$T/m.txt" && ok || bad "a changed purpose not printed"
grep -q '财政拨款收入18,976.76万元，比2024年预算持平；' "$T/m.txt" && ok || bad "an unchanged budget not 持平"
sentences "$T/m.txt" > "$T/mgot"
cmp -s "$T/got" "$T/mgot" && bad "the changed package compiles the same sentences" || ok
# without last year's budget, no comparison is made (and none is invented)
sed -i 's/,prior$/,/; s/^\(gpb\|gf\|soe\),\([0-9]*\),[0-9]*$/\1,\2,/' "$T/m/funds.csv"
"$Y" report "$T/m" -o "$T/m2.txt" 2> "$T/err" || bad "report without prior: $(cat "$T/err")"
grep -q '财政拨款收入18,976.76万元；事业收入' "$T/m2.txt" && ! grep -q '比2024年预算增加3,355.65' "$T/m2.txt" && ok || bad "a change without last year's budget"

# the compiled narrative is read back by the same sections: its figures tie to cells, no error
"$Y" audit "$T/w.txt" > "$T/audit" 2>&1
grep -q ' [5-9][0-9] narrative figures tied to cells, 0 errors, 0 missing values, .* 0 warnings' "$T/audit" && ok || \
  { bad "the compiled narrative does not audit back"; tail -3 "$T/audit"; }

# a mistake in a layout's narrative: refused with the layout's file and line
mkdir -p "$T/data/layouts"
cp -r "$ROOT/data/"* "$T/data/" 2>/dev/null
L="$T/data/layouts/shanghai-dept-budget.layout"
ln=$(grep -n '^say 。财政拨款支出预算中，$' "$L" | cut -d: -f1)
sed -i "${ln}s/.*/say 。财政拨款支出预算中{m:nosuch}/" "$L"
YUSUAN_DATA="$T/data" "$Y" report "$EX" -o "$T/x.txt" > /dev/null 2> "$T/err"; rc=$?
[ $rc -ne 0 ] && [ ! -e "$T/x.txt" ] && grep -q "shanghai-dept-budget.layout:$ln: unknown value 'nosuch'" "$T/err" && ok || \
  bad "a bad narrative figure (exit $rc): $(cat "$T/err")"
sed -i "${ln}s/.*/say 。财政拨款支出预算中{m:gpb/" "$L"
YUSUAN_DATA="$T/data" "$Y" report "$EX" -o "$T/x.txt" > /dev/null 2> "$T/err"; rc=$?
[ $rc -ne 0 ] && grep -q "shanghai-dept-budget.layout:$ln: a '{' without its '}'" "$T/err" && ok || bad "a bad template (exit $rc): $(cat "$T/err")"

echo "narr: $pass passed, $fail failed"
[ $fail -eq 0 ]
