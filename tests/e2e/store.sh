#!/bin/sh
# End-to-end tests of `yusuan db`, `yusuan gen` and `yusuan report --db`: import the example
# into a temporary store, list, show, export, and check that the exported package and the
# store give the very same report as the package itself; a department consolidates its units.
# Usage: YUSUAN=build/bin/yusuan BUILD=build sh tests/e2e/store.sh
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
Y=${YUSUAN:-$ROOT/${BUILD:-build}/bin/yusuan}
case $Y in /*) ;; *) Y="$ROOT/$Y" ;; esac
EX="$ROOT/examples/feco-2024"
T=$(mktemp -d /tmp/yusuan-store-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT
DB="$T/store.db"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# ---- import, list, show ----
out=$("$Y" db --db "$DB" import "$EX" 2>&1) && echo "$out" | grep -q "imported 144009 2024 budget" && ok || bad "import: $out"
"$Y" db --db "$DB" list > "$T/list" 2>&1 || bad "list"
grep -q "^144	department	-	生态环境部	-$" "$T/list" && ok || bad "list: department node: $(cat "$T/list")"
grep -q "^144009	unit	144	生态环境部对外合作与交流中心	2024 budget (26 line items)$" "$T/list" && ok || bad "list: unit: $(cat "$T/list")"
"$Y" db --db "$DB" show 144009 2024 > "$T/show" 2>&1 || bad "show"
grep -q "一般公共预算拨款收入 *1,368.00" "$T/show" && grep -q "合计 *29,205.35" "$T/show" && ok || bad "show: $(cat "$T/show")"
# the default database is ./yusuan.db
(cd "$T" && "$Y" db import "$EX" >/dev/null 2>&1) && [ -f "$T/yusuan.db" ] && ok || bad "default ./yusuan.db"

# ---- export: the same package, the same report ----
"$Y" report "$EX" > "$T/pkg.txt" || bad "report package"
"$Y" report "$EX" -f json > "$T/pkg.json" || bad "report package json"
"$Y" db --db "$DB" export 144009 2024 "$T/exported" > /dev/null 2>&1 && ok || bad "export"
"$Y" report "$T/exported" > "$T/exp.txt" && cmp -s "$T/pkg.txt" "$T/exp.txt" && ok || bad "report of the exported package differs"
"$Y" report "$T/exported" -f json > "$T/exp.json" && cmp -s "$T/pkg.json" "$T/exp.json" && ok || bad "json of the exported package differs"
"$Y" check "$T/exported" > /dev/null 2>&1 && ok || bad "check of the exported package"
# the example gives no project form: the export writes none of its columns
head -1 "$T/exported/projects.csv" | grep -q ',schedule$' && ok || bad "export: form columns without a form: $(head -1 "$T/exported/projects.csv")"
# ---- the 绩效目标填报表's words and 项目资金总额 (schema v15): kept, exported, the same again ----
FP="$T/forms"
cp -r "$EX" "$FP"
python3 - "$FP/projects.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
rows[0] += ["nature", "category", "start", "finish", "life_total", "life_fiscal", "life_other", "life_goal"]
for i, r in enumerate(rows[1:]):
    r += (["阶段性项目", "特定目标类", "2024-01-01", "2026-12-31", "100.5", "", "20", "三年建成\n第二段"] if i == 0 else
          ["经常性项目", "", "", "", "", "", "", ""] if i == 1 else [""] * 8)
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(rows)
PY
"$Y" report "$FP" -f json > "$T/fp.json" 2> "$T/err" || bad "report of the package with forms: $(cat "$T/err")"
"$Y" db --db "$T/f.db" import "$FP" > /dev/null 2> "$T/err" && \
  "$Y" db --db "$T/f.db" export 144009 2024 "$T/fex" > /dev/null 2>> "$T/err" || bad "forms: import/export: $(cat "$T/err")"
head -1 "$T/fex/projects.csv" | grep -q ',schedule,nature,category,start,finish,life_goal,life_total,life_fiscal,life_other$' && \
  grep -q ',阶段性项目,特定目标类,2024-01-01,2026-12-31,"三年建成$' "$T/fex/projects.csv" && \
  grep -q '^第二段",100.50,80.50,20.00$' "$T/fex/projects.csv" && \
  grep -q '^p-china-central-asia,.*,经常性项目,,,,,,,$' "$T/fex/projects.csv" && ok || \
  bad "forms: exported projects.csv: $(head -1 "$T/fex/projects.csv")"
"$Y" report "$T/fex" -f json > "$T/fex.json" 2> "$T/err" && cmp -s "$T/fp.json" "$T/fex.json" && ok || \
  bad "forms: the exported package reports differently: $(cat "$T/err")"
"$Y" report --db "$T/f.db" --unit 144009 --year 2024 -f json > "$T/fdb.json" 2> "$T/err" && cmp -s "$T/fp.json" "$T/fdb.json" && ok || \
  bad "forms: report --db differs: $(cat "$T/err")"
"$Y" db --db "$T/f2.db" import "$T/fex" > /dev/null 2>&1 && "$Y" db --db "$T/f2.db" export 144009 2024 "$T/fex2" > /dev/null 2>&1 && \
  diff -r "$T/fex" "$T/fex2" > /dev/null && ok || bad "forms: export -> import -> export differs: $(diff -r "$T/fex" "$T/fex2" | head -5)"
# ---- report straight from the store ----
"$Y" report --db "$DB" --unit 144009 --year 2024 > "$T/db.txt" && cmp -s "$T/pkg.txt" "$T/db.txt" && ok \
  || bad "report --db differs from the package's"
"$Y" report --db "$DB" --unit 144009 --year 2024 -f json > "$T/db.json" && cmp -s "$T/pkg.json" "$T/db.json" && ok \
  || bad "report --db -f json differs"
# the department: its one unit, under the department's name
"$Y" report --db "$DB" --unit 144 --year 2024 > "$T/dept.txt" && head -1 "$T/dept.txt" | grep -q "^生态环境部 部门预算" && ok \
  || bad "department report: $(head -3 "$T/dept.txt")"
# errors
"$Y" report --db "$DB" --unit 144009 --year 2019 > /dev/null 2> "$T/err"; rc=$?
[ $rc -ne 0 ] && grep -q "no budget for 2019" "$T/err" && ok || bad "missing year: rc=$rc $(cat "$T/err")"
"$Y" db --db "$DB" show nosuch 2024 > /dev/null 2> "$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q "no unit nosuch" "$T/err" && ok || bad "unknown unit: rc=$rc $(cat "$T/err")"
"$Y" db --db "$DB" frobnicate > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown db command"
# re-import replaces; a final of 2023 is another entry and feeds 2024's prior
"$Y" db --db "$DB" import "$EX" > /dev/null 2>&1 && [ "$("$Y" db --db "$DB" list 144009 | grep -c "2024 budget")" = 1 ] && ok || bad "re-import"
mkdir -p "$T/final" && cp -r "$EX"/. "$T/final/" && sed -i 's/^year = 2024/year = 2023/' "$T/final/unit.txt"
rm -f "$T/final/adjustments.csv" "$T/final/execution.csv" "$T/final/final.csv" "$T/final/selfeval.csv" # dated 2024 (docs/year.md)
"$Y" db --db "$DB" import --final "$T/final" > /dev/null 2>&1 && ok || bad "import --final"
"$Y" db --db "$DB" list 144009 | grep -q "2023 final (26 line items), 2024 budget" && ok || bad "list with final: $("$Y" db --db "$DB" list 144009)"
"$Y" db --db "$DB" show 144009 2024 | grep -q "prior 项: 2" && ok || bad "prior from the 2023 final: $("$Y" db --db "$DB" show 144009 2024 | grep prior)"

# ---- a generated administration ----
G="$T/gen.db"
"$Y" gen --db "$G" --preset small > "$T/gen.out" 2>&1 && grep -q "100 units, 6000 line items" "$T/gen.out" && ok || bad "gen: $(cat "$T/gen.out")"
"$Y" db --db "$G" list | grep -c "	unit	" | grep -q "^100$" && ok || bad "gen: 100 units"
dept=$("$Y" db --db "$G" list | awk -F'\t' '$2 == "department" { print $1; exit }')
"$Y" db --db "$G" show "$dept" 2024 > "$T/dshow" 2>&1 && grep -q "consolidated over" "$T/dshow" && ok || bad "show department $dept: $(head -3 "$T/dshow")"
"$Y" report --db "$G" --unit "$dept" --year 2024 > "$T/gdept.txt" 2>&1 && ok || bad "report of department $dept: $(head -3 "$T/gdept.txt")"
"$Y" report --db "$G" --unit 440000 --year 2024 > "$T/prov.txt" 2>&1 && grep -q "广东省" "$T/prov.txt" && ok || bad "report of the province"
"$Y" db --db "$G" export "$dept" 2024 "$T/dexp" > /dev/null 2>&1 && "$Y" check "$T/dexp" > /dev/null 2>&1 && ok || bad "export of a consolidated department"
"$Y" db --db "$G" cube 2024 > "$T/cube" 2>&1 && grep -q "^nodes: 135$" "$T/cube" && ok || bad "cube: $(cat "$T/cube")"
"$Y" gen --db "$T/gen2.db" --preset small > /dev/null 2>&1 && \
  [ "$("$Y" db --db "$T/gen2.db" cube 2024 | grep cells_sum)" = "$(grep cells_sum "$T/cube")" ] && ok || bad "gen is not deterministic"
"$Y" gen --memory --preset small > "$T/mem" 2>&1 && grep -q "^units: 100$" "$T/mem" && ok || bad "gen --memory: $(cat "$T/mem")"

# a filled workbook imports like a package
"$Y" template "$T/w.xlsx" --from "$ROOT/examples/feco-2024" > /dev/null 2>&1 && "$Y" db --db "$T/wb.db" import "$T/w.xlsx" > /dev/null 2>&1 \
  && "$Y" report --db "$T/wb.db" --unit 144009 --year 2024 > "$T/wb.txt" 2>&1 && "$Y" report "$ROOT/examples/feco-2024" > "$T/pk.txt" \
  && cmp -s "$T/wb.txt" "$T/pk.txt" && ok || bad "import of a workbook"

# published documents kept with their cells and findings; re-importing replaces
SEED="$ROOT/../shared/seeds/000_8695804fa423503c.txt"
if [ -f "$SEED" ]; then
  "$Y" report "$ROOT/examples/feco-2024" -o "$T/ours.txt"
  "$Y" db --db "$T/docs.db" import-doc "$SEED" "$T/ours.txt" > "$T/id.out" 2>&1 && grep -q "10 of 10 tables, 1 errors" "$T/id.out" && ok || bad "import-doc: $(cat "$T/id.out")"
  "$Y" db --db "$T/docs.db" import-doc "$SEED" > /dev/null 2>&1 && ok || bad "import-doc again"
  "$Y" db --db "$T/docs.db" docs > "$T/docs.out" && [ "$(wc -l < "$T/docs.out")" -eq 3 ] \
    && grep -q "	central-budget	10/10	1	4	$SEED" "$T/docs.out" && ok || { bad "db docs"; cat "$T/docs.out"; }
  "$Y" db --db "$T/docs.db" import-doc "$T/none.pdf" > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "import-doc of a missing file: exit 2"
fi

# schema v10: a stored package gives the package's document (last year's income budget, the project
# texts and the inputs of 其他相关情况说明 are kept): wanli-2025 from the store = from the package
W="$ROOT/examples/wanli-2025"
if [ -d "$W" ]; then
  "$Y" db --db "$T/w.db" import "$W" > /dev/null 2>&1 && ok || bad "import wanli-2025"
  "$Y" report "$W" -o "$T/wpk.txt" 2> /dev/null && \
    "$Y" report --db "$T/w.db" --unit 107001 --year 2025 -o "$T/wdb.txt" 2> /dev/null && \
    cmp -s "$T/wpk.txt" "$T/wdb.txt" && ok || { bad "report --db of wanli-2025 differs from the package's"; diff "$T/wpk.txt" "$T/wdb.txt" | head -5; }
  grep -q '比2024年预算增加3,355.65万元' "$T/wdb.txt" && grep -q '面向中小企业预留' "$T/wdb.txt" && ok || bad "stored prior / sme"
  # db export writes every input back, units.csv by name (schema v11): export -> import -> report is the package's
  "$Y" db --db "$T/w.db" export 107001 2025 "$T/wex" > /dev/null 2>&1 && \
    "$Y" report "$T/wex" -o "$T/wex.txt" 2> /dev/null && cmp -s "$T/wpk.txt" "$T/wex.txt" && ok || \
    { bad "db export of wanli-2025 reports differently"; diff "$T/wpk.txt" "$T/wex.txt" | head -5; }
  grep -v '^#' "$W/units.csv" | cmp -s - "$T/wex/units.csv" && ok || { bad "exported units.csv differs"; diff "$W/units.csv" "$T/wex/units.csv"; }
  [ -f "$T/wex/perf.csv" ] && grep -q '^sme_small,' "$T/wex/procurement.csv" && grep -q ',2024-08-31$' "$T/wex/assets.csv" && ok || bad "exported perf / sme / as_of"
  "$Y" db --db "$T/w2.db" import "$T/wex" > /dev/null 2>&1 && \
    "$Y" report --db "$T/w2.db" --unit 107001 --year 2025 -o "$T/wex2.txt" 2> /dev/null && cmp -s "$T/wpk.txt" "$T/wex2.txt" && ok || \
    { bad "export -> import -> report of wanli-2025 differs"; diff "$T/wpk.txt" "$T/wex2.txt" | head -5; }
  # an export without purchases or a count date writes no such column (a `purchase` column asks for the sentence)
  mkdir -p "$T/wnp" && cp -r "$W/." "$T/wnp/" && printf 'category,name,count\nvehicle,其他用车,8\n' > "$T/wnp/assets.csv" && \
    "$Y" db --db "$T/w3.db" import "$T/wnp" > /dev/null 2>&1 && "$Y" db --db "$T/w3.db" export 107001 2025 "$T/wnpx" > /dev/null 2>&1 && \
    head -1 "$T/wnpx/assets.csv" | grep -qx 'category,name,count' && "$Y" report "$T/wnpx" -o "$T/wnpx.txt" 2> /dev/null && \
    ! grep -q '部门预算安排购置车辆' "$T/wnpx.txt" && ok || bad "export of assets without purchase/as_of"
fi

echo "store: $pass passed, $fail failed"
[ $fail -eq 0 ]
