#!/bin/sh
# The Shanghai 财政项目支出绩效目标填报表 compiled from its layout description (issue 11):
# two projects transcribed from ../shared/corpus/putuo-wanli-2023-budget (its first two forms:
# 新建万里街道社区公共服务中心, 就业援助基地补贴) are compiled with shanghai-dept-budget and
#   - every label of the compiled forms is followed by the figure or word the corpus form prints
#     after it (项目名称 … 上年结转资金, both 其他资金), form by form;
#   - every word of the corpus forms' indicators is in the compiled indicators, and every
#     compiled 三级指标 and 指标值 is a word of the corpus's (pdftotext wraps long cells);
#   - the forms come after 项目经费情况说明 under 八、绩效目标, the tables list nine;
#   - HTML spans, XLSX numbers and merges, the PDF's text;
#   - the compiled txt and PDF audit back: two forms read, no finding on them;
#   - a changed figure is caught by the comparison (the test can fail).
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CORPUS="$ROOT/../shared/corpus/putuo-wanli-2023-budget.layout.txt"
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ROOT/tests/lsan-cairo.supp:print_suppressions=0"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS ASAN_OPTIONS
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
T=$(mktemp -d /tmp/yusuan-forms.XXXXXX)
trap 'rm -rf "$T"' EXIT
if [ ! -f "$CORPUS" ]; then
  echo "forms: corpus text not found ($CORPUS): skipped"
  exit 0
fi

P="$T/pkg"
mkdir -p "$P"
cat > "$P/unit.txt" <<'X'
name = 上海市普陀区人民政府万里街道办事处
code = 107001
department = 上海市普陀区人民政府万里街道办事处
department_code = 107
year = 2023
amount_unit = 元
template = shanghai-dept-budget
X
printf 'item,amount\ngpb,11451000\n' > "$P/funds.csv"
cat > "$P/expenditure.csv" <<'X'
func,type,source,econ,project,amount
2010101,personnel,gpb,30101,,1000000
2010102,project,gpb,,p-centre,4100000
2010102,project,gpb,,p-jobs,6351000
X
D=上海市普陀区人民政府万里街道办事处
G1=建成后作为万里街道社区事务受理、社区管理、社区文化艺术活动场所。更有效的整合社区公共服务资源，为周边居民提供便捷、优质的社区服务和生活配套设施。
cat > "$P/projects.csv" <<X
id,name,department,implementer,publish,exec_score,goal,nature,category,start,finish,life_total,life_fiscal,life_other,life_goal
p-centre,新建万里街道社区公共服务中心,$D,$D,1,100,$G1,阶段性项目,特定目标类,2023-01-01,2023-12-31,4100000,4100000,0,$G1
p-jobs,就业援助基地补贴,$D,$D,1,100,管理各类下拨费用，实报实销,经常性项目,特定目标类,2023-01-01,2023-12-31,6351000,6351000,0,管理各类下拨费用，实报实销
X
cat > "$P/indicators.csv" <<'X'
project,level1,level2,level3,value,weight
p-centre,产出指标,数量指标,规划建筑面积,≥13459.00(平方米),0
p-centre,产出指标,质量指标,完工及时率,及时率,0
p-centre,产出指标,成本指标,预算内经费,合规,0
p-centre,效益指标,社会效益指标,完善社区基础设施建设,完善率,0
p-centre,满意度指标,服务对象满意度指标,居民满意度,满意度,0
p-jobs,产出指标,数量指标,补贴对象申请审核完成率,=100.00(%),0
p-jobs,产出指标,质量指标,补贴对象审核达标率,=100.00(%),0
p-jobs,效益指标,社会效益指标,补贴对象生活改善度,补贴对象生活改善度不低于 80%,0
p-jobs,满意度指标,服务对象满意度指标,补贴对象满意度,≥80.00(%),0
X
printf 'key,text\ngpb_change,新设单位。\nfunc:2010101,新设单位。\nfunc:2010102,新设单位。\n' > "$P/notes.csv"

"$Y" report "$P" -o "$T/f.txt" 2> "$T/err" && ok || bad "report: $(cat "$T/err")"

# forms FILE N: the words of the first N forms (from each title to the next or the end)
forms() {
  tr -d '\f' < "$1" | awk -v N="$2" '
    /财政项目支出绩效目标填报表/ && $0 !~ /[0-9]+[.．、]/ { k++; next }
    k >= 1 && k <= N && /^(其他相关情况说明|名词解释)/ { k = N + 1 }
    k >= 1 && k <= N { for (i = 1; i <= NF; i++) print k, $i }'
}
# pairs FILE N: "FORM LABEL VALUE" for each label of the form's head, the word after it
pairs() {
  forms "$1" "$2" | awk '
    BEGIN { n = split("项目名称 项目性质 项目类别 主管部门 实施单位 计划开始日期 计划完成日期 项目资金总额 年度资金申请总额 其中：当年财政拨款 其中：财政资金 上年结转资金 其他资金", L, " ")
            for (i = 1; i <= n; i++) want[L[i]] = 1 }
    { if (pend != "") { print $1, pend, $2; pend = "" } if ($2 in want) pend = $2 }' | sort -s -k1,1 -k2,2
}
pairs "$CORPUS" 2 > "$T/want"
pairs "$T/f.txt" 2 > "$T/got"
[ "$(wc -l < "$T/want")" -eq 28 ] && ok || bad "the corpus's two forms gave $(wc -l < "$T/want") label/value pairs, not 28"
cmp -s "$T/want" "$T/got" && ok || { bad "the compiled forms' labels and values differ from the corpus's:"; diff "$T/want" "$T/got" | head -10; }
grep -q '^1 项目性质 阶段性项目$' "$T/got" && grep -q '^2 年度资金申请总额 6,351,000.00$' "$T/got" && ok || bad "pairs: expected 阶段性项目 and 6,351,000.00"

# indicators: after the heads' last word, to the form's end
ind() {
  forms "$1" 2 | awk '$2 == "年度(/项目)指标值" { on[$1] = 1; next } on[$1] && $2 != "绩效指标" { print $1, $2 }'
}
ind "$CORPUS" > "$T/ind.want"
ind "$T/f.txt" > "$T/ind.got"
miss=0
while read -r k w; do
  awk -v k="$k" '$1 == k { printf "%s", $2 }' "$T/ind.got" | grep -qF -- "$w" || { echo "  corpus indicator word '$w' (form $k) not compiled"; miss=$((miss + 1)); }
done < "$T/ind.want"
[ "$(wc -l < "$T/ind.want")" -ge 30 ] && [ $miss -eq 0 ] && ok || bad "indicators: $miss corpus words missing ($(wc -l < "$T/ind.want") words)"
for v in 规划建筑面积 '≥13459.00(平方米)' 补贴对象审核达标率 '≥80.00(%)'; do
  grep -qF -- "$v" "$T/ind.got" && grep -qF -- "$v" "$T/ind.want" && ok || bad "indicator $v not in both"
done

# where they stand: after 项目经费情况说明's part, under 八、绩效目标 (no heading), nine tables listed
grep -q '^八、绩效目标$' "$T/f.txt" && ok || bad "no 目录 entry 八、绩效目标"
[ "$(grep -c '^ *[0-9]\. 2023年' "$T/f.txt")" -eq 9 ] && ok || bad "the 目录 does not list nine tables"
[ "$(grep -c '^财政项目支出绩效目标填报表$' "$T/f.txt")" -eq 2 ] && ok || bad "not two forms"
grep -q '^项目资金（元）  项目资金总额  4,100,000.00  年度资金申请总额  4,100,000.00$' "$T/f.txt" && ok || bad "txt: 项目资金 line"

# HTML: spans as the form has them
"$Y" report "$P" -f html -o "$T/f.html" 2> "$T/err" || bad "report html: $(cat "$T/err")"
grep -q '<th scope="row">项目性质</th><td>阶段性项目</td><th scope="row">项目类别</th><td>特定目标类</td>' "$T/f.html" && ok || bad "html: 项目性质 row"
grep -q '<th scope="rowgroup" rowspan="4">项目资金（元）</th>' "$T/f.html" && ok || bad "html: 项目资金 over four rows"
grep -q '<th scope="row" rowspan="2">其中：财政资金</th><td class="n" rowspan="2">4,100,000.00</td>' "$T/f.html" && ok || bad "html: 财政资金 over two rows"
grep -q '<td colspan="2">4,100,000.00</td>\|<td class="n" colspan="2">4,100,000.00</td>' "$T/f.html" && ok || bad "html: 年度资金申请总额 over two columns"
# XLSX: figures as numbers
"$Y" report "$P" -f xlsx -o "$T/f.xlsx" 2> "$T/err" || bad "report xlsx: $(cat "$T/err")"
python3 "$ROOT/tests/e2e/xlsx_cells.py" "$T/f.xlsx" > "$T/x.txt" 2>&1
grep -q '^C6	4100000$' "$T/x.txt" && grep -q '^B3	新建万里街道社区公共服务中心$' "$T/x.txt" && ok || bad "xlsx: figures or name not in place"

# the preparer's workbook carries the form's words and funds: written and read back, the same document
"$Y" template "$T/w.xlsx" --from "$P" --force > /dev/null 2> "$T/err" || bad "template --from: $(cat "$T/err")"
"$Y" report "$T/w.xlsx" -o "$T/wb.txt" 2> "$T/err" && cmp -s "$T/f.txt" "$T/wb.txt" && ok || \
  { bad "the workbook does not give the same forms: $(cat "$T/err")"; diff "$T/f.txt" "$T/wb.txt" | head -5; }
python3 "$ROOT/tests/e2e/xlsx_cells.py" "$T/w.xlsx" > "$T/wx.txt" 2>&1
grep -q '^N1	项目性质$' "$T/wx.txt" && grep -q '^N2	阶段性项目$' "$T/wx.txt" && grep -q '^R3	6351000$' "$T/wx.txt" && ok || \
  bad "workbook: 项目性质 or 项目资金总额 not in their columns"

# the store keeps them (schema v15): report --db, and db export -> the same document
"$Y" db --db "$T/s.db" import "$P" > /dev/null 2> "$T/err" || bad "db import: $(cat "$T/err")"
"$Y" report --db "$T/s.db" --unit 107001 --year 2023 -o "$T/db.txt" 2> "$T/err" && cmp -s "$T/f.txt" "$T/db.txt" && ok || \
  { bad "report --db differs: $(cat "$T/err")"; diff "$T/f.txt" "$T/db.txt" | head -5; }
rm -rf "$T/exp"
"$Y" db --db "$T/s.db" export 107001 2023 "$T/exp" > /dev/null 2> "$T/err" || bad "db export: $(cat "$T/err")"
head -1 "$T/exp/projects.csv" | grep -q ',nature,category,start,finish,life_goal,life_total,life_fiscal,life_other$' && ok || \
  bad "db export: projects.csv without the form's columns"
"$Y" report "$T/exp" -o "$T/exp.txt" 2> "$T/err" && cmp -s "$T/f.txt" "$T/exp.txt" && ok || \
  { bad "db export reports differently: $(cat "$T/err")"; diff "$T/f.txt" "$T/exp.txt" | head -5; }

# read back: two forms, no finding
for f in txt pdf; do
  [ $f = txt ] || "$Y" report "$P" -f pdf -o "$T/f.pdf" 2> "$T/err" || bad "report pdf: $(cat "$T/err")"
  "$Y" audit -f json "$T/f.$f" > "$T/a.$f.json" 2>&1
  python3 - "$T/a.$f.json" <<'PY' && ok || bad "$f: the forms do not audit back: $(tail -c 300 "$T/a.$f.json")"
import json, sys
d = json.load(open(sys.argv[1]))
d = d[0] if isinstance(d, list) else d
perf = [f for f in d["findings"] if f.get("table") == "perf"]
bad = [f for f in d["findings"] if f["severity"] in ("error", "warning")]
sys.exit(1 if perf or bad else 0)
PY
  "$Y" audit "$T/f.$f" | tail -1 | grep -q '10 of 10 tables read' && ok || bad "$f: not every table read back"
done

# Y-PERF-LIFE: a 项目资金总额 below the year's funds is an error, on its cell in the workbook;
# loader errors name the file, line and column
cp -r "$P" "$T/life"
sed -i 's/,4100000,4100000,0,/,1000000,1000000,0,/' "$T/life/projects.csv"
"$Y" check "$T/life" > "$T/life.out" 2>&1; [ $? -eq 1 ] && grep -q 'error \[Y-PERF-LIFE\] perf p-centre life_total: 项目“新建万里街道社区公共服务中心”的项目资金总额为1,000,000.00元，少于该项目本年度的资金4,100,000.00元' "$T/life.out" && ok || \
  bad "Y-PERF-LIFE not reported: $(cat "$T/life.out")"
"$Y" template "$T/life.xlsx" --from "$T/life" --force > /dev/null 2>&1
"$Y" check "$T/life.xlsx" --annotate "$T/life-a.xlsx" > /dev/null 2>&1
unzip -p "$T/life-a.xlsx" 'xl/comments*.xml' 2>/dev/null | grep -q 'ref="R2"' && ok || bad "Y-PERF-LIFE not annotated on 项目!R2"
# bad_input NAME SED WANT: projects.csv edited by SED is refused (exit 2) with an error saying WANT
bad_input() {
  cp -r "$P" "$T/$1"
  sed -i "$2" "$T/$1/projects.csv"
  "$Y" check "$T/$1" > "$T/$1.out" 2>&1; rc=$?
  [ $rc -eq 2 ] && grep -q -- "$3" "$T/$1.out" && ok || bad "$1: exit $rc, $(cat "$T/$1.out")"
}
bad_input bad-date 's/,2023-01-01,2023-12-31,6351000,/,2023-02-30,2023-12-31,6351000,/' \
  "projects.csv:3:.*start '2023-02-30' of project 'p-jobs': expected a date YYYY-MM-DD"
bad_input bad-order 's/,2023-01-01,2023-12-31,6351000,6351000,0,/,2023-12-31,2023-01-01,6351000,6351000,0,/' \
  "finishes (2023-01-01) before it starts (2023-12-31)"
bad_input bad-sum 's/,6351000,6351000,0,/,6351000,6000000,1,/' "life_fiscal and life_other do not add up to life_total"
bad_input bad-part 's/,6351000,6351000,0,/,,6351000,,/' "gives life_fiscal without life_total"

# the comparison can fail: one project's figure changed
sed -i 's/^2010102,project,gpb,,p-jobs,6351000$/2010102,project,gpb,,p-jobs,6351001/; s/^gpb,11451000$/gpb,11451001/; s/6351000,6351000,0/6351001,6351001,0/' \
  "$P/expenditure.csv" "$P/funds.csv" "$P/projects.csv"
"$Y" report "$P" -o "$T/m.txt" 2> "$T/err" || bad "report of the changed package: $(cat "$T/err")"
pairs "$T/m.txt" 2 > "$T/mgot"
cmp -s "$T/want" "$T/mgot" && bad "a changed figure is not caught" || ok

echo "forms: $pass passed, $fail failed"
[ $fail -eq 0 ]
