#!/bin/sh
# The inputs of the Shanghai 其他相关情况说明 (docs/format.md: units.csv, perf.csv,
# procurement.csv sme/sme_small, assets.csv purchase/as_of): each sentence printed from
# them, left out (or worded without them) when they are absent, and each mistake refused
# at file:line:col.
# Usage: YUSUAN=build/bin/yusuan sh tests/e2e/otherinfo.sh
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EX="$ROOT/examples/wanli-2025"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
T=$(mktemp -d /tmp/yusuan-oi.XXXXXX)
trap 'rm -rf "$T"' EXIT

"$Y" report "$EX" -o "$T/w.txt" 2> "$T/err" && ok || bad "report: $(cat "$T/err")"
grep -q '（部门）下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为464.64万元。' "$T/w.txt" && ok || bad "units"
grep -q '面向中小企业预留政府采购项目预算金额1928.48万元，其中，预留给小型和微型企业的政府采购项目预算为1349.94万元。' "$T/w.txt" && ok || bad "sme"
grep -q '本部门3个预算单位开展了2025年项目预算绩效目标编报工作，编报绩效目标的项目49个，涉及项目预算资金8825.98万元。' "$T/w.txt" && ok || bad "perf"
grep -q '^截至2024年8月31日，' "$T/w.txt" && ok || bad "as_of"
grep -q '^2025年部门预算安排购置车辆1辆，其中：部级领导干部用车0辆、' "$T/w.txt" && ok || bad "purchase"

# absent inputs: no sentence, no invented number
cp -r "$EX" "$T/a"
rm "$T/a/units.csv" "$T/a/perf.csv"
sed -i '/^sme/d' "$T/a/procurement.csv"
sed -i 's/^category,name,count,purchase,as_of$/category,name,count/; s/^\([a-z]*,[^,]*,[0-9]*\),[0-9]*,[0-9-]*$/\1/' "$T/a/assets.csv"
"$Y" report "$T/a" -o "$T/a.txt" 2> "$T/err" && ok || bad "report without the inputs: $(cat "$T/err")"
grep -q '（部门）财政拨款的机关运行经费预算为464.64万元。' "$T/a.txt" && ! grep -q '下属1家机关' "$T/a.txt" && ok || bad "units absent"
! grep -q '中小企业' "$T/a.txt" && ok || bad "sme absent"
# no perf.csv: the summary of the projects that set 绩效目标 (p-wanli-centre's 年度总体目标, 60万元) …
grep -q '本部门1个预算单位开展了2025年项目预算绩效目标编报工作，编报绩效目标的项目1个，涉及项目预算资金60.00万元。' "$T/a.txt" && ok || bad "perf computed"
# … and when none sets one, the 项目支出 (no invented count)
python3 -c "
import csv,sys
r=list(csv.reader(open('$T/a/projects.csv',encoding='utf-8')))
g=r[0].index('goal')
for x in r[1:]: x[g]=''
csv.writer(open('$T/a/projects.csv','w',encoding='utf-8',newline=''),lineterminator='\n').writerows(r)" 2> /dev/null || \
  bad "python3 is needed to blank the goals"
"$Y" report "$T/a" -o "$T/a2.txt" 2> "$T/err" && \
  grep -q '本部门开展了2025年项目预算绩效目标编报工作，涉及项目预算资金8842.58万元。' "$T/a2.txt" && ok || bad "perf absent: $(cat "$T/err")"
! grep -q '截至\|预算安排购置车辆' "$T/a.txt" && ok || bad "as_of/purchase absent"
# only 参公 units: no 机关 named
cp -r "$EX" "$T/c"
sed -i 's/,行政单位$/,事业单位/' "$T/c/units.csv"
"$Y" report "$T/c" -o "$T/c.txt" 2> "$T/err" && grep -q '（部门）下属1家参公事业单位财政拨款的' "$T/c.txt" && ok || bad "cangong only"

# mistakes, each at file:line:col
refuse() { # DIR WANT
  "$Y" check "$1" > "$T/out" 2>&1; rc=$?
  [ $rc -ne 0 ] && grep -qF "$2" "$T/out" && ok || bad "refusal '$2' (exit $rc): $(head -3 "$T/out")"
}
m() { rm -rf "$T/m"; cp -r "$EX" "$T/m"; }
m; sed -i 's/^sme_small,13499400$/sme_small,19284801/' "$T/m/procurement.csv"
refuse "$T/m" "procurement.csv:7:2: 预留给小型和微型企业 19,284,801.00元 is more than the 面向中小企业预留 19,284,800.00元"
m; sed -i 's/^sme,19284800$/sme,48212001/' "$T/m/procurement.csv"
refuse "$T/m" "procurement.csv:6:2: 面向中小企业预留 48,212,001.00元 is more than the 政府采购预算 48,212,000.00元"
m; sed -i '/^sme,/d' "$T/m/procurement.csv"
refuse "$T/m" "procurement.csv:6:2: sme_small"
m; sed -i 's/^3,49,88259800$/3,49,88425805/' "$T/m/perf.csv"
refuse "$T/m" "perf.csv:3:3: 绩效目标 funds 88,425,805.00元 are more than the 项目支出 88,425,804.60元"
m; sed -i 's/^3,49,/x,49,/' "$T/m/perf.csv"
refuse "$T/m" "perf.csv:3:1: column 'units': 'x' is not a count"
m; sed -i 's/,其他用车,8,1,2024-08-31$/,其他用车,8,1,2024-02-30/' "$T/m/assets.csv"
refuse "$T/m" "assets.csv:11:5: as_of '2024-02-30' is not a date"
m; sed -i 's/,其他用车,8,1,2024-08-31$/,其他用车,8,1,2024-09-30/' "$T/m/assets.csv"
refuse "$T/m" "assets.csv:11:5: as_of '2024-09-30' differs from the date 2024-08-31"
m; sed -i 's/,其他用车,8,1,/,其他用车,8,-1,/' "$T/m/assets.csv"
refuse "$T/m" "assets.csv:11:4: column 'purchase'"
m; sed -i 's/,参公事业单位$/,参公/; s/,事业单位$/,公司/' "$T/m/units.csv"
refuse "$T/m" "units.csv:4:2: unknown kind '公司'"

# Y-VEHICLE-BUY: a vehicle bought without 公务用车购置费, a 购置费 without a vehicle; not the document as published
"$Y" check "$EX" > "$T/out" 2>&1; ! grep -q 'Y-VEHICLE-BUY' "$T/out" && ok || bad "Y-VEHICLE-BUY on wanli-2025"
"$Y" audit "$T/w.txt" > "$T/out" 2>&1; ! grep -q 'Y-VEHICLE-BUY' "$T/out" && ok || bad "Y-VEHICLE-BUY on the read-back wanli-2025"
m; sed -i 's/^car_buy,150000,/car_buy,0,/' "$T/m/sangong.csv"
"$Y" check "$T/m" > "$T/out" 2>&1
grep -q 'Y-VEHICLE-BUY.*情况说明称预算安排购置车辆1辆，但《2025年部门“三公”经费和机关运行经费预算表》公务用车购置费为0。' "$T/out" && ok || bad "purchase without 购置费: $(grep -v rounding "$T/out" | head -3)"
m; sed -i 's/,其他用车,8,1,/,其他用车,8,0,/' "$T/m/assets.csv"
"$Y" check "$T/m" > "$T/out" 2>&1
grep -q 'Y-VEHICLE-BUY.*安排了公务用车购置费，但情况说明称预算安排购置车辆0辆。' "$T/out" && ok || bad "购置费 without purchase: $(grep -v rounding "$T/out" | head -3)"
"$Y" report --force "$T/m" -o "$T/m.txt" > /dev/null 2>&1
"$Y" audit "$T/m.txt" > "$T/out" 2>&1
grep -q 'Y-VEHICLE-BUY' "$T/out" && ok || bad "Y-VEHICLE-BUY on a read-back document"

# Y-PERF-SUM: perf.csv counts fewer projects (or less money) than projects.csv lists with 绩效目标
"$Y" check "$EX" > "$T/out" 2>&1; ! grep -q 'Y-PERF-SUM' "$T/out" && ok || bad "Y-PERF-SUM on wanli-2025"
m; sed -i 's/^3,49,88259800$/1,0,0/' "$T/m/perf.csv"
"$Y" check "$T/m" > "$T/out" 2>&1; rc=$?
[ $rc -ne 0 ] && grep -q 'Y-PERF-SUM.*绩效目标设置情况称编报绩效目标的项目0个，但项目表中设有绩效目标的项目有1个。' "$T/out" && \
  grep -q 'Y-PERF-SUM.*涉及项目预算资金0.00元，少于项目表中设有绩效目标的项目的预算资金600,000.00元。' "$T/out" && ok || \
  bad "Y-PERF-SUM: $(grep -v rounding "$T/out" | head -3)"

echo "otherinfo: $pass passed, $fail failed"
[ $fail -eq 0 ]
