#!/bin/sh
# The store benchmark (issue 13): on one generated administration of 10 million line items,
# in one run, with wall seconds, CPU seconds (user + system: the machine is shared) and peak
# memory (peak RSS, /usr/bin/time):
#
#  1. every node consolidated, end to end from stored data: `yusuan db cube YEAR --no-elim`
#     (open the store, load the year, one pass) against DuckDB's best query on DuckDB's own
#     file (bench/duckdb/cube.mjs: the naive GROUP BY over the unit → ancestor closure, and
#     level by level, each node's cells folded into its parent; each run opens the file
#     afresh); target: yusuan >= 5x faster than the best;
#  2. every node's documents (txt and json) of the administration: `yusuan report --db DB
#     --year YEAR --all -f txt,json -o DIR`; target < 60 s and < 4 GiB;
#  3. the national preset (100 million line items) every node consolidated, in memory
#     (`yusuan gen --preset national --memory`); target < 10 s and < 8 GiB
#     (STORE_BENCH_NATIONAL=0 skips it);
#  4. `yusuan report PKG -f txt` of the 10-million-line package (bench/gen) against the floor
#     program (bench/floor.c: parse every field of expenditure.csv and group, nothing else);
#     target <= 1.3x the floor;
#  5. the store load of the year (load_seconds of db cube, the year segment mapped: docs/store.md
#     "Year segments") against `cat` of the store file (the 776 MiB SQLite file, from the page
#     cache), target <= 3x; beside it the first load (from SQLite, writing the segment), the load
#     from SQLite alone (--no-segment) and `cat` of the segment file;
#  and optionally (STORE_BENCH_SQLITE=1, minutes) SQLite's GROUP BY over lines ⋈ unit_closure.
#
#   sh bench/store_bench.sh [YUSUAN]
#
# Data (generated once, kept in bench/data/ while the options are unchanged): the store
# bench/data/store/admin.db (`yusuan gen --preset bench`), its rows exported as CSV and loaded
# into bench/data/store/admin.duckdb; the package bench/data/n10000000 (bench/gen).
# Environment: STORE_BENCH_LINES (10000000), STORE_BENCH_UNITS (60000), STORE_BENCH_SEED (1),
# STORE_BENCH_REPEAT (3), STORE_BENCH_NATIONAL (1), STORE_BENCH_SQLITE (0), STORE_BENCH_ONLY (5: the
# store's load alone, section 5 without 1-4, DuckDB and the package), STORE_BENCH_ALL (1:
# the every-node documents run; it writes about 7 GB, removed afterwards).
# Results are printed and appended to bench/results.txt.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
Y=${1:-${YUSUAN:-}}
if [ -z "$Y" ]; then
  make all BUILD=build-bench CFLAGS="-O2 -g" >/dev/null
  Y=build-bench/bin/yusuan
fi
case $Y in /*) ;; *) Y="$ROOT/$Y" ;; esac
"$Y" db --help >/dev/null 2>&1 || { echo "store_bench: $Y has no 'db' command" >&2; exit 2; }

LINES=${STORE_BENCH_LINES:-10000000}
UNITS=${STORE_BENCH_UNITS:-60000}
SEED=${STORE_BENCH_SEED:-1}
REPEAT=${STORE_BENCH_REPEAT:-3}
ONLY=${STORE_BENCH_ONLY:-}
case $ONLY in ""|5) ;; *) echo "store_bench: STORE_BENCH_ONLY: expected 5" >&2; exit 2 ;; esac
YEAR=2024
D="$ROOT/bench/data/store"
DB="$D/admin.db"
T="$D/tmp"
mkdir -p "$D" "$T"

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y time >/dev/null 2>&1 || true; fi
  [ -x /usr/bin/time ] || { echo "store_bench: /usr/bin/time is needed (Debian package 'time')" >&2; exit 2; }
fi
command -v sqlite3 >/dev/null || { echo "store_bench: the sqlite3 shell is needed (Debian package 'sqlite3')" >&2; exit 2; }
DUCK=1
if [ "$ONLY" = 5 ]; then
  DUCK=0
elif ! command -v node >/dev/null; then
  echo "store_bench: node is not installed: the DuckDB comparison is skipped" >&2; DUCK=0
elif [ ! -d "$ROOT/bench/duckdb/node_modules/@duckdb/node-api" ]; then
  echo "installing @duckdb/node-api into bench/duckdb/node_modules ..."
  (cd "$ROOT/bench/duckdb" && npm install --no-audit --no-fund --loglevel=error >/dev/null) || DUCK=0
fi
[ $DUCK = 1 ] || [ "$ONLY" = 5 ] || echo "store_bench: DuckDB is not available: its lines are left out" >&2

# ---- the data ----
STAMP="preset=bench lines=$LINES units=$UNITS seed=$SEED year=$YEAR"
if [ ! -f "$DB" ] || [ "$(cat "$D/GEN" 2>/dev/null)" != "$STAMP" ]; then
  rm -f "$DB" "$DB-wal" "$DB-shm" "$D"/*.csv "$D/admin.duckdb" "$D/GEN"
  echo "generating $LINES line items into $DB ..."
  "$Y" gen --db "$DB" --preset bench --lines "$LINES" --units "$UNITS" --seed "$SEED" --year "$YEAR"
  echo "$STAMP" > "$D/GEN"
fi
"$Y" db --db "$DB" migrate > /dev/null # an older store migrated (line blocks, key dictionaries) before anything is timed
if [ $DUCK = 1 ] && [ ! -f "$D/admin.duckdb" ]; then
  echo "exporting the rows and loading them into DuckDB's own file ..."
  sqlite3 -csv -header "$DB" "SELECT b.unit_id AS unit, l.func, l.type, l.source, l.econ, l.jijian, l.amount
    FROM budgets b JOIN lines l ON l.budget_id = b.id WHERE b.year = $YEAR AND b.kind = 'budget'" > "$D/lines.csv"
  sqlite3 -csv -header "$DB" "SELECT unit, ancestor FROM unit_closure" > "$D/closure.csv"
  sqlite3 -csv -header "$DB" "SELECT u.id, p.id AS parent, c.d AS depth FROM units u
    LEFT JOIN units p ON p.code = u.parent_code
    JOIN (SELECT unit, max(depth) AS d FROM unit_closure GROUP BY unit) c ON c.unit = u.id" > "$D/nodes.csv"
  node "$ROOT/bench/duckdb/cube.mjs" build "$D/lines.csv" "$D/closure.csv" "$D/nodes.csv" "$D/admin.duckdb.tmp" >/dev/null
  mv "$D/admin.duckdb.tmp" "$D/admin.duckdb"
fi
PKG="$ROOT/bench/data/n10000000"
GENB="$ROOT/build-bench/gen"
mkdir -p "$ROOT/build-bench"
${CC:-cc} -O2 -std=c11 -Wall -Wextra -Werror bench/gen.c -o "$GENB"
${CC:-cc} -O2 -std=c11 -Wall -Wextra -Werror bench/floor.c -o "$ROOT/build-bench/floor"
if [ "$ONLY" != 5 ] && { [ ! -f "$PKG/GEN" ] || [ "$(cat "$PKG/GEN")" != "10000000 1 1000" ]; }; then
  echo "generating the 10M-line package into $PKG ..."
  rm -rf "$PKG"
  "$GENB" -p 1000 "$PKG" 10000000 1 >/dev/null
fi

val() { sed -n "s/^$1: //p" "$2" | head -1; }
wall() { awk '{print $1}' "$1"; }
cpu() { awk '{printf "%.2f\n", $2 + $3}' "$1"; }
mib() { awk -v k="$(awk '{print $4}' "$1")" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }
TF="%e %U %S %M"
OUT="$T/results"
: > "$OUT"
say() { echo "$*" | tee -a "$OUT"; }
row() { printf '%-52s %8s %8s %9s  %s\n' "$@" | tee -a "$OUT"; }
met() { awk -v v="$1" -v t="$2" 'BEGIN { if (v == "" || v == "-") print "-"; else print (v + 0 <= t + 0 ? "met" : "NOT met") }'; }

say "store bench: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo -)"
say "machine: $(nproc) CPU, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
ok=1

# ---- 1. every node consolidated, end to end ----
cat "$DB" > /dev/null # the store in the page cache, as DuckDB's file will be
# the first load after the store changed reads SQLite and writes the year's segment (DB-seg/YEAR.seg);
# timed apart (section 5), the runs below map it
rm -rf "$DB-seg"
/usr/bin/time -f "$TF" -o "$T/b.time" "$Y" db --db "$DB" cube $YEAR --no-elim --repeat 1 > "$T/b.out"
[ "$(val segment "$T/b.out")" = built ] || { echo "store_bench: the first load did not build the segment: $(val segment "$T/b.out")" >&2; ok=0; }
# end to end REPEAT times (each a new process: open, load, one pass); the fastest run is kept,
# as DuckDB's fastest run is (on a shared machine the fastest run is the least disturbed one)
for i in $(seq "$REPEAT"); do
  /usr/bin/time -f "$TF" -o "$T/y$i.time" "$Y" db --db "$DB" cube $YEAR --no-elim --repeat 1 > "$T/y$i.out"
  /usr/bin/time -f "$TF" -o "$T/q$i.time" "$Y" db --db "$DB" cube $YEAR --no-elim --repeat 1 --no-segment > "$T/q$i.out"
done
best=$(for i in $(seq "$REPEAT"); do echo "$(awk '{print $1}' "$T/y$i.time") $i"; done | sort -n | awk 'NR == 1 { print $2 }')
cp "$T/y$best.time" "$T/y.time"; cp "$T/y$best.out" "$T/y.out"
[ "$ONLY" = 5 ] || /usr/bin/time -f "$TF" -o "$T/ye.time" "$Y" db --db "$DB" cube $YEAR --repeat 1 > "$T/ye.out"
y_groups=$(val line_cells "$T/y.out"); y_sum=$(val line_sum "$T/y.out"); nodes=$(val nodes "$T/y.out")
# the segment's answer is SQLite's: every count and sum of the cube the same
for f in b q1; do
  for k in nodes line_items keys cells line_cells line_sum cells_sum root_eliminated; do
    [ "$(val $k "$T/$f.out")" = "$(val $k "$T/y.out")" ] || { echo "MISMATCH segment/SQLite ($f) $k: $(val $k "$T/$f.out") vs $(val $k "$T/y.out")" >&2; ok=0; }
  done
done
say "data: $LINES line items, $UNITS units, $nodes nodes; $y_groups cells (node × func × type × source × econ × jijian)"
say ""
row "" "wall s" "CPU s" "peak MiB" "ratio / target"
if [ "$ONLY" != 5 ]; then
row "1. yusuan db cube, end to end (best of $REPEAT)" "$(wall "$T/y.time")" "$(cpu "$T/y.time")" "$(mib "$T/y.time")" \
  "load $(val load_seconds "$T/y.out") s + pass $(val consolidate_seconds "$T/y.out") s"
qb=$(for i in $(seq "$REPEAT"); do echo "$(awk '{print $1}' "$T/q$i.time") $i"; done | sort -n | awk 'NR == 1 { print $2 }')
row "   yusuan db cube, end to end, from SQLite (--no-segment)" "$(wall "$T/q$qb.time")" "$(cpu "$T/q$qb.time")" "$(mib "$T/q$qb.time")" \
  "load $(val load_seconds "$T/q$qb.out") s + pass $(val consolidate_seconds "$T/q$qb.out") s"
row "   yusuan db cube, end to end, with eliminations" "$(wall "$T/ye.time")" "$(cpu "$T/ye.time")" "$(mib "$T/ye.time")" ""
if [ $DUCK = 1 ]; then
  cat "$D/admin.duckdb" > /dev/null
  /usr/bin/time -f "$TF" -o "$T/d.time" node "$ROOT/bench/duckdb/cube.mjs" query "$D/admin.duckdb" "$REPEAT" > "$T/d.out"
  for q in naive levels; do
    [ "$(val ${q}_groups "$T/d.out")" = "$y_groups" ] && [ "$(val ${q}_sum "$T/d.out")" = "$y_sum" ] \
      || { say "MISMATCH yusuan/duckdb $q: $y_groups $y_sum vs $(val ${q}_groups "$T/d.out") $(val ${q}_sum "$T/d.out")"; ok=0; }
  done
  best=$(val best_seconds "$T/d.out")
  r1=$(ratio "$best" "$(wall "$T/y.time")")
  row "   DuckDB $(val duckdb_version "$T/d.out") ($(val threads "$T/d.out") threads), naive GROUP BY" "$(val naive_seconds_min "$T/d.out")" "" "" "best of $REPEAT, each from a fresh open"
  row "   DuckDB, level by level" "$(val levels_seconds_min "$T/d.out")" "" "" ""
  row "   DuckDB best ($(val best "$T/d.out")) / yusuan" "" "$(cpu "$T/d.time")" "$(mib "$T/d.time")" "${r1}x (target >= 5x: $(awk -v r="$r1" 'BEGIN { print (r + 0 >= 5 ? "met" : "NOT met") }'))"
  say "   (DuckDB's CPU and peak are the whole node process, both queries × $REPEAT runs)"
fi
if [ "${STORE_BENCH_SQLITE:-0}" = 1 ]; then
  printf 'PRAGMA temp_store = MEMORY;\nPRAGMA cache_size = -2000000;\nPRAGMA threads = 2;\n%s\n' \
    "SELECT count(*) || ' ' || sum(s) FROM (SELECT c.ancestor, l.func, l.type, l.source, l.econ, l.jijian, SUM(l.amount) AS s
     FROM budgets b JOIN lines l ON l.budget_id = b.id JOIN unit_closure c ON c.unit = b.unit_id
     WHERE b.year = $YEAR AND b.kind = 'budget' GROUP BY c.ancestor, l.func, l.type, l.source, l.econ, l.jijian);" \
    | /usr/bin/time -f "$TF" -o "$T/s.time" sqlite3 -batch "$DB" | tail -1 > "$T/s.out"
  [ "$(cat "$T/s.out")" = "$y_groups $y_sum" ] || { say "MISMATCH yusuan/sqlite: $(cat "$T/s.out")"; ok=0; }
  row "   SQLite $(sqlite3 --version | cut -d' ' -f1) GROUP BY over lines ⋈ unit_closure" "$(wall "$T/s.time")" "$(cpu "$T/s.time")" "$(mib "$T/s.time")" ""
fi
fi # ONLY

# ---- 2. every node's documents ----
if [ "${STORE_BENCH_ALL:-1}" = 1 ] && [ "$ONLY" != 5 ]; then
  rm -rf "$T/all"
  /usr/bin/time -f "$TF" -o "$T/a.time" "$Y" report --db "$DB" --year $YEAR --all -f txt,json -o "$T/all" 2> "$T/a.err" \
    || { cat "$T/a.err"; ok=0; }
  files=$(ls "$T/all" 2>/dev/null | grep -c -E '\.(txt|json)$' || true)
  bytes=$(du -sb "$T/all" 2>/dev/null | cut -f1)
  rm -rf "$T/all"
  aw=$(wall "$T/a.time"); am=$(mib "$T/a.time")
  row "2. report --all -f txt,json (every node's documents)" "$aw" "$(cpu "$T/a.time")" "$am" \
    "< 60 s: $(met "$aw" 60), < 4096 MiB: $(met "$am" 4096)"
  say "   $files files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f GB", b / 1e9 }') written (2 per node, less warnings.txt)"
fi

# ---- 3. the national preset ----
if [ "${STORE_BENCH_NATIONAL:-1}" = 1 ] && [ "$ONLY" != 5 ]; then
  /usr/bin/time -f "$TF" -o "$T/n.time" "$Y" gen --preset national --memory > "$T/n.out"
  nc=$(val consolidate_seconds "$T/n.out"); nm=$(mib "$T/n.time")
  row "3. national preset, every node consolidated (memory)" "$nc" "$(cpu "$T/n.time")" "$nm" \
    "< 10 s: $(met "$nc" 10), < 8192 MiB: $(met "$nm" 8192); generating $(val generate_seconds "$T/n.out") s"
fi

# ---- 4. report of the 10M package against the floor ----
if [ "$ONLY" != 5 ]; then
cat "$PKG/expenditure.csv" > /dev/null
for i in 1 2 3; do
  /usr/bin/time -f "$TF" -o "$T/r$i.time" "$Y" report "$PKG" -f txt > /dev/null
  /usr/bin/time -f "$TF" -o "$T/f$i.time" "$ROOT/build-bench/floor" "$PKG/expenditure.csv" > "$T/f.out"
done
med() { for i in 1 2 3; do $1 "$T/$2$i.time"; done | sort -n | sed -n 2p; }
rw=$(med wall r); fw=$(med wall f); rc=$(med cpu r); fc=$(med cpu f)
r4=$(ratio "$rw" "$fw"); r4c=$(ratio "$rc" "$fc")
row "4. report 10M package -f txt (median of 3)" "$rw" "$rc" "$(mib "$T/r1.time")" ""
row "   floor: parse every field, group (median of 3)" "$fw" "$fc" "$(mib "$T/f1.time")" \
  "${r4}x wall, ${r4c}x CPU (target <= 1.3x: $(met "$r4c" 1.3))"
fi

# ---- 5. the store load of a year against cat ----
# the load (db cube's load_seconds: open, the year's admin ready for the pass) mapping the segment, best of
# REPEAT (section 1's runs), against cat of the store file and of the segment, both from the page cache
SEG="$DB-seg/$YEAR.seg"
cat "$DB" > /dev/null; cat "$SEG" > /dev/null
/usr/bin/time -f "$TF" -o "$T/c.time" cat "$DB" > /dev/null
/usr/bin/time -f "$TF" -o "$T/cs.time" cat "$SEG" > /dev/null
best_of() { for i in $(seq "$REPEAT"); do val "$1" "$T/$2$i.out"; done | sort -n | head -1; }
yl=$(best_of load_seconds y); ylc=$(best_of load_cpu_seconds y); cw=$(wall "$T/c.time")
ql=$(best_of load_seconds q); qlc=$(best_of load_cpu_seconds q)
for i in $(seq "$REPEAT"); do
  [ "$(val segment "$T/y$i.out")" = used ] || { say "the segment was not used: $(val segment "$T/y$i.out")"; ok=0; }
done
r5=$(ratio "$yl" "$cw")
blob=$(sqlite3 "$DB" "SELECT sum(length(k.data)) FROM line_blocks k JOIN budgets b ON b.id = k.budget_id WHERE b.year = $YEAR AND b.kind = 'budget'")
row "5. store load of the year, segment mapped (best of $REPEAT)" "$yl" "$ylc" "" "${r5}x cat of the store (target <= 3x: $(met "$r5" 3))"
row "   cat of the store file ($(($(stat -c %s "$DB") / 1048576)) MiB)" "$cw" "$(cpu "$T/c.time")" "" \
  "the year's line blocks in it: $((blob / 1048576)) MiB"
row "   cat of the segment file ($(($(stat -c %s "$SEG") / 1048576)) MiB)" "$(wall "$T/cs.time")" "$(cpu "$T/cs.time")" "" \
  "load / cat of the segment: $(ratio "$yl" "$(wall "$T/cs.time")")x"
row "   load from SQLite alone (--no-segment, best of $REPEAT)" "$ql" "$qlc" "" "$(ratio "$ql" "$cw")x cat of the store"
row "   first load: from SQLite, writing the segment" "$(val load_seconds "$T/b.out")" "$(val load_cpu_seconds "$T/b.out")" "" \
  "once after each change of the year (an import)"
say ""
say "wall seconds are on a machine shared with other jobs: compare the ratios of one run, and the CPU seconds"
{ echo; cat "$OUT"; } >> "$ROOT/bench/results.txt"
[ $ok = 1 ]
