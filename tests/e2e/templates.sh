#!/bin/sh
# Every budget template a unit publishes in, compiled in every format and
# compared with its golden file, then read back by the audit (issue 11):
#   central-budget        examples/feco-2024   (the seed's template)
#   shanghai-dept-budget  examples/wanli-2025  (a 区级部门预算, as published)
#   shanghai-unit-budget  examples/wanli-2025 compiled as a 单位预算
# Formats: txt, md, json, html, csv (one file per table), pdf (its text, as
# pdftotext -layout reads it) and xlsx (its sheets' cell values).
# The compiled txt and PDF of each template audit back with no error, no
# missing value and no warning (rounding residues are information: a table
# printed in whole 元 from amounts with 角 and 分 has them, as published).
# Usage: YUSUAN=build/bin/yusuan sh tests/e2e/templates.sh  (UPDATE_GOLDEN=1 rewrites goldens)
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GOLD="$ROOT/tests/golden/templates"
T=$(mktemp -d /tmp/yusuan-tpl.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
golden() { # name file
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then mkdir -p "$GOLD"; cp "$2" "$GOLD/$1"; ok; return; fi
  if [ ! -f "$GOLD/$1" ]; then bad "golden $1 missing (UPDATE_GOLDEN=1 writes it)"; return; fi
  if cmp -s "$2" "$GOLD/$1"; then ok; else bad "golden $1 differs:"; diff "$GOLD/$1" "$2" | head -20; fi
}
# the central template's txt, md, json, html and csv goldens are report.sh's and html.sh's
gname() { # template format-or-file
  case $1:$2 in
    central-budget:txt|central-budget:md|central-budget:json|central-budget:html) echo "../feco-2024.$2" ;;
    central-budget:csv-*) echo "../$2" ;;
    *:csv-*) echo "$1-$2" ;;
    *) echo "$1.$2" ;;
  esac
}
# under ASan, cairo and fontconfig leak a little inside the libraries (see pdf.sh)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ROOT/tests/lsan-cairo.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"

cp -r "$ROOT/examples/wanli-2025" "$T/wanli-unit"
sed -i 's/^template = shanghai-dept-budget$/template = shanghai-unit-budget/' "$T/wanli-unit/unit.txt"
grep -q '^template = shanghai-unit-budget$' "$T/wanli-unit/unit.txt" && ok || bad "wanli-unit: template not set"
# the unit publishes the 财政项目支出绩效目标填报表 of its 新建工程 (its words and funds as the 2023
# document prints them), so that every format's golden has the Shanghai form
python3 - "$T/wanli-unit" <<'PY'
import csv, sys
d = sys.argv[1]
rows = list(csv.reader(open(d + "/projects.csv", encoding="utf-8")))
head = [r for r in rows if r and r[0].startswith("#")]
data = [r for r in rows if r and not r[0].startswith("#")]
cols = data[0] + ["nature", "category", "start", "finish", "life_total", "life_fiscal", "life_other", "life_goal"]
out = [cols]
for r in data[1:]:
    r = r + [""] * (len(cols) - len(r))
    if r[0] == "p-wanli-centre":
        r[4], r[5] = "1", "100"
        r[-8:] = ["阶段性项目", "特定目标类", "2025-01-01", "2025-12-31", "122777300", "122777300", "0",
                  "建成后作为万里街道社区事务受理、社区管理、社区文化艺术活动场所。"]
    out.append(r)
with open(d + "/projects.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerows(head)
    w.writerows(out)
with open(d + "/indicators.csv", "w", encoding="utf-8") as f:
    f.write("project,level1,level2,level3,value,weight\n")
    f.write("p-wanli-centre,产出指标,数量指标,规划建筑面积,≥13459.00(平方米),0\n")
    f.write("p-wanli-centre,满意度指标,服务对象满意度指标,居民满意度,满意度,0\n")
PY
grep -q ',阶段性项目,特定目标类,2025-01-01,2025-12-31,122777300,' "$T/wanli-unit/projects.csv" && ok || bad "wanli-unit: the project's form not set"


for pair in central-budget:"$ROOT/examples/feco-2024" shanghai-dept-budget:"$ROOT/examples/wanli-2025" \
            shanghai-unit-budget:"$T/wanli-unit"; do
  tpl=${pair%%:*}; pkg=${pair#*:}
  "$Y" check "$pkg" > "$T/check" 2>&1 && ok || bad "$tpl: check fails: $(tail -3 "$T/check")"
  for f in txt md json html; do
    "$Y" report "$pkg" -f $f -o "$T/$tpl.$f" 2> "$T/err" && golden "$(gname $tpl $f)" "$T/$tpl.$f" || bad "$tpl -f $f: $(cat "$T/err")"
  done
  rm -rf "$T/csv"
  if "$Y" report "$pkg" -f csv -o "$T/csv" 2> "$T/err"; then
    for c in "$T"/csv/*.csv; do golden "$(gname $tpl csv-$(basename "$c"))" "$c"; done
  else bad "$tpl -f csv: $(cat "$T/err")"; fi
  if "$Y" report "$pkg" -f pdf -o "$T/$tpl.pdf" 2> "$T/err"; then
    pdftotext -layout "$T/$tpl.pdf" "$T/$tpl.pdf.txt" && golden "$tpl.pdf.txt" "$T/$tpl.pdf.txt" || bad "$tpl: pdftotext"
  else bad "$tpl -f pdf: $(cat "$T/err")"; fi
  if "$Y" report "$pkg" -f xlsx -o "$T/$tpl.xlsx" 2> "$T/err"; then
    python3 "$ROOT/tests/e2e/xlsx_cells.py" "$T/$tpl.xlsx" > "$T/$tpl.xlsx.txt" && golden "$tpl.xlsx.txt" "$T/$tpl.xlsx.txt" || bad "$tpl: xlsx cells"
  else bad "$tpl -f xlsx: $(cat "$T/err")"; fi
  # read back: no error, missing value or warning, every table read
  for form in txt pdf; do
    [ -s "$T/$tpl.$form" ] || continue
    "$Y" audit "$T/$tpl.$form" > "$T/audit" 2>&1; rc=$?
    s=$(tail -1 "$T/audit")
    [ $rc -eq 0 ] && echo "$s" | grep -q ' 0 errors, 0 missing values, .* 0 warnings$' && ok \
      || bad "$tpl.$form audits back with findings (exit $rc): $s"
    echo "$s" | grep -qE '([0-9]+) of \1 tables read' && ok || bad "$tpl.$form: not every table read back: $s"
  done
done
# every money finding states its unit (JSON fen_per_figure and money_unit): a figure of the
# Shanghai narrative (万元) changed is reported in 万元, as its message prints it, beside
# the tables' 元 (the whole-元 rounding residues)
sed 's/科目43\.83万元/科目44.83万元/' "$T/shanghai-dept-budget.txt" > "$T/nfig.txt"
cmp -s "$T/nfig.txt" "$T/shanghai-dept-budget.txt" && bad "nfig: mutation did not apply"
"$Y" audit -f json "$T/nfig.txt" > "$T/nfig.json" 2>&1
python3 - "$T/nfig.json" > "$T/nfig.out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d = d[0] if isinstance(d, list) else d
print('doc', d['money_unit'], d['fen_per_figure'])
for f in d['findings']:
    if 'got' in f and f['rule'][:2] in ('N-', 'T-'):
        print(f['rule'], f['got'], f['want'], f.get('fen_per_figure'), f.get('money_unit'))
PY
grep -qx 'doc 元 100' "$T/nfig.out" && grep -qx 'N-FIGURE 4483 4383 10000 万元' "$T/nfig.out" && \
  grep -q '^T-KUAN-SUM 94995790 94995789 100 元$' "$T/nfig.out" && ok || { bad "findings' units"; cat "$T/nfig.out"; }
# the templates differ where they should: the seed's parts against Shanghai's
grep -q '第三部分' "$T/central-budget.txt" && ok || bad "central: 第三部分 missing"
grep -q '部门预算编制说明' "$T/shanghai-dept-budget.txt" && ! grep -q '^第三部分' "$T/shanghai-dept-budget.txt" && ok \
  || bad "shanghai-dept-budget: not in its published parts"
grep -q '编制部门' "$T/shanghai-dept-budget.txt" && ok || bad "shanghai-dept-budget: no 编制部门 line"
echo "templates: $pass passed, $fail failed"
[ $fail -eq 0 ]
