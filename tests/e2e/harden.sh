#!/bin/sh
# End-to-end regressions of issue 12 (hardening): what broke when we tried to break it.
# Each check failed before its fix.
# Usage: YUSUAN=build/bin/yusuan BUILD=build sh tests/e2e/harden.sh
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
Y=${YUSUAN:-$ROOT/${BUILD:-build}/bin/yusuan}
case $Y in /*) ;; *) Y="$ROOT/$Y" ;; esac
EX="$ROOT/examples/feco-2024"
SEED=$(ls "$ROOT"/../shared/seeds/000_*.txt 2>/dev/null | head -1)
T=$(mktemp -d /tmp/yusuan-harden-e2e.XXXXXX)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0 fail=0
# under AddressSanitizer (make check): the leaks of cairo and fontconfig are not ours (tests/lsan-cairo.supp)
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ROOT/tests/lsan-cairo.supp:print_suppressions=0"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS ASAN_OPTIONS
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
[ -n "$SEED" ] && [ -f "$SEED" ] || { echo "FAIL: the seed ../shared/seeds/000_*.txt is missing"; exit 1; }

# a copy of the example package to break
pkg() { rm -rf "$T/$1"; cp -r "$EX" "$T/$1"; }

# ---- money ----
# two 5,000,000,000,000 万元 lines wrapped to a negative total: refused where they are
pkg big
printf '2020599,project,shiye,,p-apec-gsc,,5000000000000.00\n2020599,project,shiye,,p-china-central-asia,,5000000000000.00\n' >> "$T/big/expenditure.csv"
n=$(wc -l < "$T/big/expenditure.csv")
out=$("$Y" report "$T/big" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "expenditure.csv:$((n - 1)):7: .*above what can be added up" && ok \
  || bad "huge amounts: rc $rc: $out"
echo "$out" | grep -q -- "-[0-9]" && bad "huge amounts: a negative figure printed: $out" || ok

# a 分值权重 of seventeen digits in a package: refused where it is (the project's sum overflowed)
pkg wt
awk -F, 'NR == 2 { OFS = ","; $NF = "99999999999999999" } { print }' "$EX/indicators.csv" > "$T/wt/indicators.csv"
out=$("$Y" check "$T/wt" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "indicators.csv:2:6: weight" && ok || bad "huge weight: rc $rc: $out"

# ---- audit: a 分值权重 of twenty digits (signed overflow of weight * 100) ----
sed 's/分值权重 (90)/分值权重 (99999999999999999999)/' "$SEED" > "$T/weight.txt"
grep -q 99999999999999999999 "$T/weight.txt" || bad "weight fixture"
"$Y" audit "$T/weight.txt" > "$T/weight.out" 2>&1; rc=$?
[ $rc -le 1 ] && grep -q "tables read" "$T/weight.out" && ! grep -q "runtime error\|Sanitizer" "$T/weight.out" && ok \
  || bad "audit of a huge weight: rc $rc: $(tail -3 "$T/weight.out")"

# ---- audit: a split code whose parts are long (one-byte overflow of code[12]) ----
# (tab-separated text: the parts after a 类 code are appended to it while they start with two digits)
awk '/^202\t/ && !done { sub(/^202\t/, "202\t0505050505050505\t"); done = 1 } { print }' "$SEED" > "$T/code.txt"
grep -q "^202	0505050505050505	" "$T/code.txt" || bad "code fixture"
"$Y" audit "$T/code.txt" > "$T/code.out" 2>&1; rc=$?
[ $rc -le 1 ] && grep -q "tables read" "$T/code.out" && ! grep -q "runtime error\|Sanitizer" "$T/code.out" && ok \
  || bad "audit of long code parts: rc $rc: $(tail -3 "$T/code.out")"

# ---- store ----
DB="$T/s.db"
# a unit that is its own parent is refused, nothing stored
pkg self
printf 'parent = 144009\n' >> "$T/self/unit.txt"
out=$("$Y" db --db "$DB" import "$T/self" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "its own parent" && ok || bad "self parent: rc $rc: $out"
# two units each other's parent: the second import is refused
pkg a; pkg b
sed -i 's/^code = 144009/code = 900001/' "$T/a/unit.txt"; printf 'parent = 900002\n' >> "$T/a/unit.txt"
sed -i 's/^code = 144009/code = 900002/' "$T/b/unit.txt"; printf 'parent = 900001\n' >> "$T/b/unit.txt"
"$Y" db --db "$DB" import "$T/a" > /dev/null 2>&1 || bad "import a"
out=$("$Y" db --db "$DB" import "$T/b" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "each other's parents" && ok || bad "mutual parents: rc $rc: $out"
# report --db of the tree ends (no endless recursive query)
out=$(timeout 20 "$Y" report --db "$DB" --unit 900002 --year 2024 2>&1); rc=$?
[ $rc -ne 124 ] && ok || bad "report --db did not end"
# read-only commands create no database and leave an empty file empty
out=$("$Y" db --db "$T/none.db" list 2>&1); rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/none.db" ] && echo "$out" | grep -q "no such store" && ok || bad "db list created a store: rc $rc: $out"
"$Y" db --db "$T/none.db" docs > /dev/null 2>&1; [ ! -e "$T/none.db" ] && ok || bad "db docs created a store"
"$Y" db --db "$T/none.db" show 144009 2024 > /dev/null 2>&1; [ ! -e "$T/none.db" ] && ok || bad "db show created a store"
"$Y" report --db "$T/none.db" --unit 144009 --year 2024 > /dev/null 2>&1; [ ! -e "$T/none.db" ] && ok \
  || bad "report --db created a store"
: > "$T/empty.db"
out=$("$Y" db --db "$T/empty.db" list 2>&1); rc=$?
[ $rc -eq 2 ] && [ ! -s "$T/empty.db" ] && echo "$out" | grep -q "no such store" && ok || bad "db list on an empty file: rc $rc: $out"
# the same document under another path is kept once
DDB="$T/docs.db"
cp "$SEED" "$T/one.txt"; cp "$SEED" "$T/two.txt"
"$Y" db --db "$DDB" import-doc "$T/one.txt" > /dev/null 2>&1 || bad "import-doc one"
out=$("$Y" db --db "$DDB" import-doc "$T/two.txt" 2>&1); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q "already kept as $T/one.txt" && ok || bad "import-doc twice: rc $rc: $out"
[ "$("$Y" db --db "$DDB" docs 2>/dev/null | grep -c "one.txt\|two.txt")" -eq 1 ] && ok \
  || bad "docs: $("$Y" db --db "$DDB" docs 2>&1)"

# ---- files ----
# a NUL byte inside a CSV field: an error where it is (the amount 3<NUL>999.00 read as 3 before)
pkg nul
printf 'item,amount\ngpb,1368.00\nshiye,5000.00\nother,3\0999.00\ncarry_gpb,137.35\ncarry_nf,18237.20\nout_nf,18237.20\n' > "$T/nul/funds.csv"
out=$("$Y" report "$T/nul" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "funds.csv:4:2: .*NUL" && ok || bad "NUL in a field: rc $rc: $out"
# CR of CRLF inside a quoted multi-line note does not reach the output
pkg crlf
printf 'key,text\r\ngpb_change,"第一行\r\n第二行"\r\n' > "$T/crlf/notes.csv"
"$Y" report "$T/crlf" -f json -o "$T/crlf.json" 2> "$T/crlf.err" || bad "report crlf: $(cat "$T/crlf.err")"
grep -q '第一行\\n第二行' "$T/crlf.json" && ! grep -q '\\r' "$T/crlf.json" && ok || bad "CR in a quoted field reached the output"
# -o x.pdf without -f writes a PDF; a mismatching -f is an error
"$Y" report "$EX" -o "$T/x.pdf" 2>/dev/null && [ "$(head -c 5 "$T/x.pdf")" = "%PDF-" ] && ok || bad "-o x.pdf is not a PDF"
"$Y" report "$EX" -o "$T/x.json" && head -c 1 "$T/x.json" | grep -q '{' && ok || bad "-o x.json is not JSON"
out=$("$Y" report "$EX" -f txt -o "$T/y.pdf" 2>&1); rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/y.pdf" ] && echo "$out" | grep -q "give -f pdf" && ok || bad "-f txt -o y.pdf: rc $rc: $out"
# a 3.6 KB output path: an error, never shortened names that overwrite each other
LONG="$T/$(printf 'd%.0s' $(seq 1 3600))"
out=$("$Y" report "$EX" -f csv -o "$LONG" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "too long" && [ "$(ls "$T" | grep -c '^ddd')" -eq 0 ] && ok || bad "long csv path: rc $rc: $out"
out=$("$Y" report "$EX" -o "$LONG.txt" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "too long" && ok || bad "long txt path: rc $rc: $out"
# a directory 3.6 KB deep (each name short enough): every table under its own full name
DEEP="$T"
i=0; while [ $i -lt 15 ]; do i=$((i + 1)); DEEP="$DEEP/$(printf 'e%.0s' $(seq 1 235))"; done
mkdir -p "$DEEP" || bad "mkdir deep"
out=$("$Y" report "$EX" -f csv -o "$DEEP/csv" 2>&1); rc=$?
[ $rc -eq 0 ] && [ "$(ls "$DEEP/csv" | wc -l)" -eq 10 ] && [ -s "$DEEP/csv/01-summary.csv" ] && [ -s "$DEEP/csv/perf.csv" ] && ok \
  || bad "deep csv path: rc $rc: $(ls "$DEEP/csv" 2>&1 | head -3) $out"
# deeper than the system allows: an error naming it, nothing written
DEEPER="$DEEP/$(printf 'f%.0s' $(seq 1 200))/$(printf 'g%.0s' $(seq 1 200))/$(printf 'h%.0s' $(seq 1 200))"
mkdir -p "$DEEPER" 2>/dev/null
out=$("$Y" report "$EX" -f csv -o "$DEEPER/csv" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "too long" && ok || bad "too deep csv path: rc $rc: $out"
# template refuses to overwrite a workbook without --force
"$Y" template "$T/in.xlsx" --from "$EX" || bad "template"
cp "$T/in.xlsx" "$T/in.before"
out=$("$Y" template "$T/in.xlsx" 2>&1); rc=$?
[ $rc -eq 2 ] && cmp -s "$T/in.xlsx" "$T/in.before" && echo "$out" | grep -q -- "--force" && ok || bad "template overwrote: rc $rc: $out"
"$Y" template "$T/in.xlsx" --force && ! cmp -s "$T/in.xlsx" "$T/in.before" && ok || bad "template --force"

# ---- use ----
for c in report check audit extract template db gen; do
  out=$("$Y" $c --help 2>&1); rc=$?
  [ $rc -eq 0 ] && echo "$out" | grep -q "usage: yusuan $c" && ok || bad "$c --help: rc $rc: $out"
done
# exit codes: 0 clean, 1 findings, 2 input or usage error
"$Y" check "$EX" > /dev/null 2>&1; rc=$?; [ $rc -eq 0 ] && ok || bad "check clean: rc $rc"
"$Y" check "$T/nonexistent" > /dev/null 2>&1; rc=$?; [ $rc -eq 2 ] && ok || bad "check missing package: rc $rc"
"$Y" check "$T/nul" > /dev/null 2>&1; rc=$?; [ $rc -eq 2 ] && ok || bad "check bad package: rc $rc"
"$Y" report "$T/nonexistent" > /dev/null 2>&1; rc=$?; [ $rc -eq 2 ] && ok || bad "report missing package: rc $rc"
"$Y" audit "$T/nonexistent.pdf" > /dev/null 2>&1; rc=$?; [ $rc -eq 2 ] && ok || bad "audit missing file: rc $rc"
"$Y" audit "$SEED" > /dev/null 2>&1; rc=$?; [ $rc -eq 1 ] && ok || bad "audit with findings: rc $rc"
"$Y" check --bogus > /dev/null 2>&1; rc=$?; [ $rc -eq 2 ] && ok || bad "check bad option: rc $rc"
# a package with several bad lines: every one, with file:line:col, exit 2
pkg many
sed -i 's/^year = 2024/year = 20x4/' "$T/many/unit.txt"
sed -i '2s/33.00/3x.00/; 7s/,project,/,projekt,/' "$T/many/expenditure.csv"
sed -i '2s/1368.00/-5/' "$T/many/funds.csv"
"$Y" check "$T/many" > /dev/null 2> "$T/many.err"; rc=$?
[ $rc -eq 2 ] && grep -q "unit.txt:7:8: " "$T/many.err" && grep -q "funds.csv:2:2: " "$T/many.err" \
  && grep -q "expenditure.csv:2:7: " "$T/many.err" && grep -q "expenditure.csv:7:2: " "$T/many.err" \
  && grep -q "共4处错误" "$T/many.err" && ok || bad "several errors: rc $rc: $(cat "$T/many.err")"
# a project's weights that do not add up: named by the lines / rows of its indicators, not "perf … weight"
pkg pw
sed -i '2s/,30$/,35/' "$T/pw/indicators.csv"
out=$("$Y" check "$T/pw" 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "pw/indicators.csv:2-[0-9]*: error \[P-WEIGHTS\]" && ! echo "$out" | grep -q " perf .* weight:" && ok \
  || bad "P-WEIGHTS in a package: rc $rc: $out"
"$Y" template "$T/pw.xlsx" --from "$T/pw" || bad "template pw"
out=$("$Y" check "$T/pw.xlsx" 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "pw.xlsx:绩效指标!2:[0-9]*: error \[P-WEIGHTS\]" && ok || bad "P-WEIGHTS in a workbook: rc $rc: $out"

# one placeholder printed 105 times: one finding with its count
cp "$SEED" "$T/lo.txt"
i=0; while [ $i -lt 105 ]; do i=$((i + 1)); echo "XX单位2024年预算说明第${i}项。" >> "$T/lo.txt"; done
"$Y" audit "$T/lo.txt" > "$T/lo.out" 2>&1
[ "$(grep -c 'W-LEFTOVER.*XX' "$T/lo.out")" -eq 1 ] && grep -q "出现105次" "$T/lo.out" && ok || bad "105 placeholders: $(grep -c W-LEFTOVER "$T/lo.out") findings"
# audit -f json: template, unit, year and the money unit stated
"$Y" audit -f json "$SEED" > "$T/a.json" 2>/dev/null
for k in '"template": "central-budget"' '"unit_name": "生态环境部对外合作与交流中心"' '"year": 2024' '"money_unit": "万元"' '"fen_per_figure": 10000'; do
  grep -qF "$k" "$T/a.json" && ok || bad "audit json lacks $k"
done
# a PDF audit's locations are the page and the line on that page
PDF="$ROOT/../shared/corpus/putuo-wanli-2023-budget.pdf"
[ -f "$PDF" ] || bad "fixture $PDF is missing"
"$Y" audit "$PDF" > "$T/pdf.out" 2>&1
"$Y" extract -f text "$PDF" > "$T/pdf.txt"
grep -o '(p\.[0-9]* l\.[0-9]*)' "$T/pdf.out" | sed 's/(p\.\([0-9]*\) l\.\([0-9]*\))/\1 \2/' > "$T/locs"
[ -s "$T/locs" ] || bad "no located finding in the PDF audit"
# … and a 元 template states its own unit (figures × fen_per_figure are 分 in both)
"$Y" audit -f json "$PDF" > "$T/pdf.json" 2>/dev/null
grep -qF '"money_unit": "元"' "$T/pdf.json" && grep -qF '"fen_per_figure": 100' "$T/pdf.json" && ok || bad "PDF audit json: unit"
while read -r pg ln; do
  # the page's own lines: page 1 before the first form feed
  n=$(awk -v P="$pg" 'BEGIN{p=1} { p += gsub(/\f/, ""); if (p == P) c++ } END { print c + 0 }' "$T/pdf.txt")
  [ "$ln" -ge 1 ] && [ "$ln" -le "$n" ] && ok || bad "PDF finding p.$pg l.$ln: page $pg has $n lines"
done < "$T/locs"

echo "harden: $pass passed, $fail failed"
[ $fail -eq 0 ]
