#!/bin/sh
# End-to-end tests of the rest of the year (docs/year.md): the execution report,
# the 部门决算 in both templates and the self-evaluation, as golden files in every
# text format; the 决算 read back by `yusuan audit` with zero findings (text and
# PDF); every bad input of adjustments.csv, execution.csv, final.csv and
# selfeval.csv located by file, line and column.
# Usage: YUSUAN=build/bin/yusuan sh tests/e2e/year.sh   (UPDATE_GOLDEN=1 rewrites goldens)
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EX="$ROOT/examples/feco-2024"
GOLD="$ROOT/tests/golden/year"
T=$(mktemp -d /tmp/yusuan-year.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
golden() { # name file
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then mkdir -p "$GOLD"; cp "$2" "$GOLD/$1"; ok; return; fi
  if [ ! -f "$GOLD/$1" ]; then bad "golden $1 missing (UPDATE_GOLDEN=1 writes it)"; return; fi
  if cmp -s "$2" "$GOLD/$1"; then ok; else bad "golden $1 differs:"; diff "$GOLD/$1" "$2" | head -20; fi
}
# cairo and fontconfig leak a little inside the libraries under ASan (see pdf.sh)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ROOT/tests/lsan-cairo.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"

for f in adjustments.csv execution.csv final.csv selfeval.csv; do
  [ -f "$EX/$f" ] && ok || bad "the example lacks $f"
done

# ---- golden files: every document in every text format ----
for doc in execution final selfeval; do
  for f in txt md json html; do
    "$Y" report "$EX" --$doc -f $f -o "$T/$doc.$f" 2> "$T/err" && golden "feco-2024-$doc.$f" "$T/$doc.$f" || bad "--$doc -f $f: $(cat "$T/err")"
  done
  rm -rf "$T/csv-$doc"
  "$Y" report "$EX" --$doc -f csv -o "$T/csv-$doc" 2> "$T/err" || bad "--$doc -f csv: $(cat "$T/err")"
  for c in "$T/csv-$doc"/*.csv; do golden "csv-$doc-$(basename "$c")" "$c"; done
  for f in pdf xlsx; do
    "$Y" report "$EX" --$doc -f $f -o "$T/$doc.$f" 2> "$T/err" && [ -s "$T/$doc.$f" ] && ok || bad "--$doc -f $f: $(cat "$T/err")"
  done
done
"$Y" report "$EX" --final --template shanghai-final-accounts -o "$T/final-sh.txt" && golden feco-2024-final-shanghai.txt "$T/final-sh.txt" || bad "--final shanghai"
# every 决算 template (data/layouts *final*) in every format: central-final's txt, md, json, html
# and csv are the goldens above; here its PDF (as pdftotext -layout reads it) and workbook (its
# cells), and all of shanghai-final-accounts'
for tpl in central-final shanghai-final-accounts; do
  g=feco-2024-final; [ $tpl = central-final ] || g=feco-2024-final-shanghai
  if [ $tpl = shanghai-final-accounts ]; then
    for f in md json html; do
      "$Y" report "$EX" --final --template $tpl -f $f -o "$T/$g.$f" 2> "$T/err" && golden "$g.$f" "$T/$g.$f" || bad "$tpl -f $f: $(cat "$T/err")"
    done
    rm -rf "$T/csv-sh"
    if "$Y" report "$EX" --final --template $tpl -f csv -o "$T/csv-sh" 2> "$T/err"; then
      for c in "$T/csv-sh"/*.csv; do golden "csv-final-shanghai-$(basename "$c")" "$c"; done
    else bad "$tpl -f csv: $(cat "$T/err")"; fi
  fi
  "$Y" report "$EX" --final --template $tpl -f pdf -o "$T/$g.pdf" 2> "$T/err" && pdftotext -layout "$T/$g.pdf" "$T/$g.pdf.txt" && \
    golden "$g.pdf.txt" "$T/$g.pdf.txt" || bad "$tpl -f pdf: $(cat "$T/err")"
  "$Y" report "$EX" --final --template $tpl -f xlsx -o "$T/$g.xlsx" 2> "$T/err" && \
    python3 "$ROOT/tests/e2e/xlsx_cells.py" "$T/$g.xlsx" > "$T/$g.xlsx.txt" && golden "$g.xlsx.txt" "$T/$g.xlsx.txt" || bad "$tpl -f xlsx: $(cat "$T/err")"
done
# the Shanghai 决算's 情况说明 is its own layout text (data/layouts/shanghai-final-accounts.layout), as the
# 普陀区财政局 2024 决算 prints it: every heading of its 第三部分 (一 … 九, （一）…) is one of ours, and its
# sentences of nothing (无…) with the unit's name and year are ours
C="$ROOT/../shared/corpus/putuo-finance-bureau-2024-final-accounts.layout.txt"
if [ -f "$C" ]; then
  sed -n '/第三部分上海市/,/十、预算绩效管理情况/p' "$C" | tr -d ' \f' | grep -E '^([一二三四五六七八九]、|（[一二三]）)' > "$T/sh-heads"
  [ "$(wc -l < "$T/sh-heads")" -ge 14 ] && ok || bad "only $(wc -l < "$T/sh-heads") headings read from the corpus"
  while read -r h; do grep -qxF "$h" "$T/final-sh.txt" && ok || bad "shanghai 决算: heading '$h' not printed as the corpus prints it"; done < "$T/sh-heads"
  for w in 无政府性基金预算财政拨款收入和支出。 无国有资本经营预算财政拨款收入和支出。 无“三公”经费财政拨款支出。; do
    grep -q "^ *上海市普陀区财政局2024年度$w" "$C" || bad "corpus lacks '$w'"
    grep -qxF "生态环境部对外合作与交流中心2024年度$w" "$T/final-sh.txt" && ok || bad "shanghai 决算: '$w' not as the corpus prints it"
  done
  grep -q "^  本年收入合计2946.25万元，其中： 财政拨款收入2940.05万元，占99.79%" "$C" && \
    grep -q "^本年收入合计29218.00万元，其中：财政拨款收入1408.00万元，占4.82%" "$T/final-sh.txt" && ok || bad "shanghai 决算: 收入决算 sentence"
  # shares as the corpus prints them (layout `percent fixed bare_zero`): both decimals, a zero bare;
  # the central 决算 drops trailing zeros (`percent trim`, the default)
  grep -q "占本年支出合计的100.00%" "$C" && grep -q "完成预算的$" "$C" && grep -q "^0%，其中" "$C" && \
    grep -q "（类）1417.73万元，占100.00%。" "$T/final-sh.txt" && grep -q "完成预算的0%，其中" "$T/final-sh.txt" && \
    grep -q "完成年初预算的93.6%" "$T/final.txt" && ok || bad "决算 shares not printed as the templates print them"
  # the central 决算 keeps its own wording
  grep -q "没有一般公共预算财政拨款基本支出" "$T/final.txt" && ! grep -q "没有一般公共预算财政拨款基本支出" "$T/final-sh.txt" && ok || bad "the two 决算 templates print the same words"
else
  echo "year: corpus text not found: the Shanghai 决算 wording not compared"
fi
"$Y" report "$EX" --execution --as-of 2024-06-30 -o "$T/exec-h1.txt" && golden feco-2024-execution-2024-06-30.txt "$T/exec-h1.txt" || bad "--as-of"

# the figures a reader checks by hand: 调整预算 = 年初 + 追加 − 调减; the lagging project flagged
grep -q "年初预算29,205.35万元，年度中追加40万元、调减500万元、调剂30万元，调整预算28,745.35万元" "$T/execution.txt" && ok || bad "execution: overall figures"
grep -q "亚洲合作资金其他项目 .*进度滞后" "$T/execution.txt" && ok || bad "execution: the lagging project is not flagged"
grep -q "截至2024年6月30日" "$T/exec-h1.txt" && grep -q "全年时间已过49.73%" "$T/exec-h1.txt" && ok || bad "--as-of: share of the year"
# the text's other branches (the layout's words, data/year/execution.layout): before any
# adjustment and any lag; a project paid past its 调整预算
"$Y" report "$EX" --execution --as-of 2024-01-15 -o "$T/exec-jan.txt" || bad "--as-of 2024-01-15"
grep -q "^截至2024年1月15日，预算未作调整。$" "$T/exec-jan.txt" && ok || bad "execution: no adjustment yet"
grep -q "^没有执行率低于序时进度10个百分点以上或超过调整预算的项目。$" "$T/exec-jan.txt" && ok || bad "execution: nothing lagging yet"
grep -q "^1. 2024年6月28日，追加" "$T/exec-jan.txt" && bad "execution: an adjustment after the date is listed" || ok
cp -r "$EX" "$T/over"
echo '2,2020599,project,gpb,,p-apec-gsc,40.00' >> "$T/over/execution.csv"
"$Y" report "$T/over" --execution -o "$T/exec-over.txt" || bad "execution of the over-paid package"
grep -q "^1. APEC供应链可持续发展能力建设：调整预算33万元，已支出72.01万元，执行率218.21%，超过调整预算。$" "$T/exec-over.txt" && ok || \
  bad "execution: a project over its 调整预算 not said so"

# ---- the 决算 audits back with zero findings, both templates, text and PDF ----
for tpl in central-final shanghai-final-accounts; do
  "$Y" report "$EX" --final --template $tpl -o "$T/$tpl.txt" || bad "final $tpl txt"
  "$Y" report "$EX" --final --template $tpl -f pdf -o "$T/$tpl.pdf" || bad "final $tpl pdf"
  for f in "$T/$tpl.txt" "$T/$tpl.pdf"; do
    out=$("$Y" audit "$f" --template $tpl); rc=$?
    n=$(printf '%s\n' "$out" | wc -l)
    [ $rc -eq 0 ] && [ "$n" -eq 1 ] && printf '%s\n' "$out" | grep -q "9 of 9 tables read, .* 0 errors, 0 missing values, 0 rounding residues, 0 warnings" \
      && ok || bad "audit $tpl $(basename "$f"): rc=$rc $out"
    # and without naming the template: the reader recognizes it
    "$Y" audit "$f" -f json > "$T/a.json"; grep -q "\"template\": \"$tpl\"\|$tpl" "$T/a.json" && ok || bad "audit $tpl $(basename "$f"): template not recognized"
  done
done
# a wrong figure in the compiled 决算 is caught (the audit can fail)
sed 's/本年支出合计      27,661.18/本年支出合计      27,661.19/' "$T/central-final.txt" > "$T/broken.txt"
cmp -s "$T/broken.txt" "$T/central-final.txt" && bad "mutation did not apply"
"$Y" audit "$T/broken.txt" --template central-final > "$T/out"; [ $? -eq 1 ] && grep -q "error" "$T/out" && ok || bad "a broken 决算 audits clean"

# ---- options ----
"$Y" report "$EX" --final --as-of 2024-06-30 > /dev/null 2> "$T/err"; [ $? -eq 2 ] && grep -q "goes with --execution" "$T/err" && ok || bad "--as-of with --final"
"$Y" report "$EX" --execution --as-of 2023-06-30 > /dev/null 2> "$T/err"; [ $? -eq 2 ] && grep -q "expected a date of 2024" "$T/err" && ok || bad "--as-of another year"
"$Y" report "$EX" --final --template central-budget > /dev/null 2> "$T/err"; [ $? -eq 2 ] && grep -q "expected central-final or shanghai-final-accounts" "$T/err" && ok || bad "--template budget"
"$Y" rules | grep -q "^SE-CLAIM" && ok || bad "rules lists SE-CLAIM"

# ---- bad input, located ----
case_() { # name file line-to-append-or-sed expected-message-part
  rm -rf "$T/p"; cp -r "$EX" "$T/p"
  printf '%s\n' "$3" >> "$T/p/$2"
  "$Y" report "$T/p" --execution > /dev/null 2> "$T/err"; rc=$?
  if [ $rc -ne 0 ] && grep -qF -- "$4" "$T/err"; then ok; else bad "$1: rc=$rc $(cat "$T/err")"; fi
}
case_ "adj bad date" adjustments.csv '2024-02-30,追加,2020599,project,gpb,,p-apec-gsc,1.00,x' "adjustments.csv:7:1: '2024-02-30' is not a date of 2024"
case_ "adj bad kind" adjustments.csv '2024-03-01,增加,2020599,project,gpb,,p-apec-gsc,1.00,x' "adjustments.csv:7:2: unknown kind '增加': expected 调剂, 追加 or 调减"
case_ "adj unknown func" adjustments.csv '2024-03-01,追加,2050101,project,gpb,,p-apec-gsc,1.00,x' "adjustments.csv:7:3: 功能分类 2050101 is not in the budget"
case_ "adj bad func" adjustments.csv '2024-03-01,追加,20205,project,gpb,,p-apec-gsc,1.00,x' "adjustments.csv:7:3: '20205' is not a 功能分类 项 code"
case_ "adj unknown project" adjustments.csv '2024-03-01,追加,2020599,project,gpb,,p-nope,1.00,x' "adjustments.csv:7:7: project 'p-nope' is not in the budget"
case_ "adj bad amount" adjustments.csv '2024-03-01,追加,2020599,project,gpb,,p-apec-gsc,1.0x,x' "adjustments.csv:7:8: '1.0x' is not an amount"
case_ "adj negative zhuijia" adjustments.csv '2024-03-01,追加,2020599,project,gpb,,p-apec-gsc,-1.00,x' "adjustments.csv:7:8: negative amount '-1.00'"
case_ "adj tiaoji unbalanced" adjustments.csv '2024-03-01,调剂,2020599,project,gpb,,p-apec-gsc,5.00,x' "adjustments.csv:7:8: the 调剂 of 2024-03-01 from source gpb do not net to zero"
case_ "adj below zero" adjustments.csv '2024-03-01,调减,2020599,project,gpb,,p-apec-gsc,40.00,x' "adjustments.csv:7: the adjustments take the line 2020599 project gpb below zero"
case_ "adj bad type" adjustments.csv '2024-03-01,追加,2020599,travel,gpb,,p-apec-gsc,1.00,x' "adjustments.csv:7:4: unknown type 'travel'"
case_ "exec bad month" execution.csv '13,2020599,project,gpb,,p-apec-gsc,1.00' "execution.csv:314:1: '13' is not a month"
case_ "exec unknown project" execution.csv '3,2020599,project,gpb,,p-nope,1.00' "execution.csv:314:6: project 'p-nope' is not in the budget"
case_ "exec no such line" execution.csv '3,2020599,project,gf,,p-apec-gsc,1.00' "execution.csv:314:2: no line of the budget or its adjustments has these keys"
case_ "exec bad source" execution.csv '3,2020599,project,bank,,p-apec-gsc,1.00' "execution.csv:314:4: unknown source 'bank'"
case_ "exec bad econ" execution.csv '3,2020599,project,gpb,3010,p-apec-gsc,1.00' "execution.csv:314:5: '3010' is not a 经济分类 款 code"
case_ "exec negative" execution.csv '3,2020599,project,gpb,,p-apec-gsc,-1.00' "execution.csv:314:7: negative amount"
case_ "exec empty amount" execution.csv '3,2020599,project,gpb,,p-apec-gsc,' "execution.csv:314:7: the amount is empty"
case_ "final unknown item" final.csv 'bonus,1.00' "final.csv:8:1: unknown item 'bonus'"
case_ "final twice" final.csv 'shiye,1.00' "final.csv:8:1: item 'shiye' is given twice"
case_ "selfeval unknown indicator" selfeval.csv 'p-apec-gsc,不存在的指标,1次,,,' "selfeval.csv:74:2: project 'p-apec-gsc' has no indicator '不存在的指标'"
case_ "selfeval twice" selfeval.csv 'p-apec-gsc,项目总结报告,1次,,,' "selfeval.csv:74:2: indicator '项目总结报告' of project 'p-apec-gsc' is evaluated twice (line 3)"
case_ "selfeval bad completion" selfeval.csv 'p-apec-gsc,不存在,1次,完成,,' "selfeval.csv:74:2:"
case_ "selfeval unknown project" selfeval.csv 'p-nope,项目总结报告,1次,,,' "selfeval.csv:74:1: project 'p-nope' is not in the budget"
# a column missing from the header
rm -rf "$T/p"; cp -r "$EX" "$T/p"; sed -i '2s/,amount,/,amt,/' "$T/p/adjustments.csv"
"$Y" report "$T/p" --execution > /dev/null 2> "$T/err"; [ $? -ne 0 ] && grep -q "adjustments.csv:2: missing column 'amount'" "$T/err" && ok || bad "missing column: $(cat "$T/err")"
# payments beyond the money available are refused by the 决算
rm -rf "$T/p"; cp -r "$EX" "$T/p"; printf '12,2020599,project,gpb,,p-apec-gsc,200.00\n' >> "$T/p/execution.csv"
"$Y" report "$T/p" --final > /dev/null 2> "$T/err"; [ $? -eq 2 ] && grep -q "execution.csv: the payments are 72.38万元 more 一般公共预算财政拨款 than there is" "$T/err" && ok || bad "overspent gpb: $(cat "$T/err")"
# the budget's own report is unchanged by the year's files; a package without them still compiles
rm -rf "$T/p"; cp -r "$EX" "$T/p"; rm "$T/p/adjustments.csv" "$T/p/execution.csv" "$T/p/final.csv" "$T/p/selfeval.csv"
"$Y" report "$T/p" -o "$T/plain.txt" && "$Y" report "$EX" -o "$T/with.txt" && cmp -s "$T/plain.txt" "$T/with.txt" && ok || bad "the year changed the budget"
"$Y" report "$T/p" --final > /dev/null 2> "$T/err"; [ $? -eq 2 ] && grep -q "needs execution.csv" "$T/err" && ok || bad "final without execution: $(cat "$T/err")"
# a claimed score the values do not support is reported by the self-evaluation
rm -rf "$T/p"; cp -r "$EX" "$T/p"; sed -i 's/,部分达成,3.50,/,部分达成,5.00,/' "$T/p/selfeval.csv"
"$Y" report "$T/p" --selfeval > "$T/se.txt" && grep -q "\[SE-CLAIM\].*自评得分5.00分" "$T/se.txt" && ok || bad "SE-CLAIM not reported"

# ---- the input workbook carries the year (sheets 调整, 执行, 决算补充, 绩效自评) ----
"$Y" template "$T/in.xlsx" --from "$EX" || bad "template --from with the year"
for doc in execution final selfeval; do
  "$Y" report "$T/in.xlsx" --$doc -o "$T/wb-$doc.txt" 2> "$T/err" && cmp -s "$T/wb-$doc.txt" "$T/$doc.txt" && ok \
    || bad "--$doc from the workbook differs from the package: $(cat "$T/err")"
done
"$Y" report "$T/in.xlsx" -o "$T/wb-budget.txt" && "$Y" report "$EX" -o "$T/pkg-budget.txt" && cmp -s "$T/wb-budget.txt" "$T/pkg-budget.txt" \
  && ok || bad "the workbook's budget differs"

# ---- the store keeps the year: budget → adjustments → execution → 决算 ----
DB="$T/y.db"
"$Y" db --db "$DB" import "$EX" > /dev/null || bad "db import with the year"
for doc in execution final selfeval; do
  "$Y" report --db "$DB" --unit 144009 --year 2024 --$doc -o "$T/db-$doc.txt" 2> "$T/err" && cmp -s "$T/db-$doc.txt" "$T/$doc.txt" && ok \
    || bad "report --db --$doc differs from the package: $(cat "$T/err")"
done
rm -rf "$T/exp"; "$Y" db --db "$DB" export 144009 2024 "$T/exp" > /dev/null || bad "db export"
for f in adjustments.csv execution.csv final.csv selfeval.csv; do [ -f "$T/exp/$f" ] && ok || bad "db export lacks $f"; done
"$Y" report "$T/exp" --final -o "$T/exp-final.txt" && cmp -s "$T/exp-final.txt" "$T/final.txt" && ok || bad "the exported year differs"
"$Y" report --db "$DB" --unit 144009 --year 2023 --final > /dev/null 2> "$T/err"; [ $? -eq 1 ] && ok || bad "report --db of a year not stored: $(cat "$T/err")"
# last year's execution is next year's 上年执行数 (when the package gives none)
rm -rf "$T/p25"; cp -r "$EX" "$T/p25"; rm "$T/p25/prior.csv" "$T/p25/adjustments.csv" "$T/p25/execution.csv" "$T/p25/final.csv" "$T/p25/selfeval.csv"
sed -i 's/^year = 2024/year = 2025/' "$T/p25/unit.txt"
"$Y" db --db "$DB" import "$T/p25" > /dev/null || bad "db import 2025"
"$Y" report --db "$DB" --unit 144009 --year 2025 > "$T/r25.txt" || bad "report --db 2025"
grep -q "^2020599   其他对外合作与交流支出  1,280.38                  1,280.38  1,368.00" "$T/r25.txt" && ok || bad "2024 payments are not 2025's 上年执行数"

# db compare: two years of the unit, every table; the 决算 against itself has no change
"$Y" db --db "$DB" compare 144009 2024 2025 > "$T/cmp.txt" || bad "db compare"
grep -q "^共比较[0-9]*个数字，其中[1-9][0-9]*个有变化" "$T/cmp.txt" && grep -q "^一般公共预算支出表" "$T/cmp.txt" && ok || bad "db compare: $(head -5 "$T/cmp.txt")"
# 2020599: no 上年执行数 in 2024 (prior.csv has none), in 2025 the 2024 payments 1,280.38
grep -q "^2020599   其他对外合作与交流支出  执行数  *0.00  *1,280.38  *1,280.38" "$T/cmp.txt" && ok || bad "db compare: the 上年执行数 change"
"$Y" db --db "$DB" compare 144009 2024 2024 --final > "$T/cmpf.txt" && grep -q "其中0个有变化" "$T/cmpf.txt" && ok || bad "db compare --final"
"$Y" db --db "$DB" compare 144009 2024 2025 -f html -o "$T/cmp.html" && grep -q "<table" "$T/cmp.html" && ok || bad "db compare -f html"
"$Y" db --db "$DB" compare 144009 2024 2031 > /dev/null 2> "$T/err"; [ $? -eq 1 ] && ok || bad "db compare a year not stored: $(cat "$T/err")"

echo "year: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
