#!/bin/sh
# Consolidating every node of an administration: yusuan against SQLite and DuckDB.
#
#   sh bench/store_bench.sh [YUSUAN]
#
# 1. generates (once; kept in bench/data/store/ while the options are unchanged) a
#    synthetic administration of 10 million line items into a store:
#    `yusuan gen --preset bench` (1 province, 21 prefectures, 210 counties, 36 departments
#    per region, 60,000 units);
# 2. times, on that same data, the consolidation of every node (each region, department,
#    unit: sums by 功能分类 项 × type × source × 经济分类 × 基建, i.e. every table's figures):
#    - yusuan: `yusuan db cube YEAR --no-elim` (the one pass over the line items, in
#      memory; the load from SQLite is reported apart) and with eliminations;
#    - SQLite: one GROUP BY over the line items joined with the unit → ancestor closure
#      table, in the sqlite3 shell on the store itself;
#    - DuckDB (@duckdb/node-api, installed here into bench/duckdb/node_modules): the same
#      GROUP BY over the same rows loaded into an in-memory database;
#    all three must find the same number of groups and the same total;
# 3. prints seconds, ratios and peak memory (peak RSS of each process, /usr/bin/time).
#
# Environment: STORE_BENCH_LINES (default 10000000), STORE_BENCH_UNITS (60000),
# STORE_BENCH_SEED (1), STORE_BENCH_REPEAT (5: yusuan and DuckDB report the median),
# STORE_BENCH_SQLITE=0 skips SQLite (it takes minutes), STORE_BENCH_NATIONAL=1 also runs
# the national preset in memory (600,000 units, 100 million line items: about 8 GiB free
# memory needed) with `yusuan gen --preset national --memory`.
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
REPEAT=${STORE_BENCH_REPEAT:-5}
YEAR=2024
D="$ROOT/bench/data/store"
DB="$D/admin.db"
mkdir -p "$D"

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y time >/dev/null 2>&1 || true; fi
  [ -x /usr/bin/time ] || { echo "store_bench: /usr/bin/time is needed (Debian package 'time')" >&2; exit 2; }
fi
command -v sqlite3 >/dev/null || { echo "store_bench: the sqlite3 shell is needed (Debian package 'sqlite3')" >&2; exit 2; }
command -v node >/dev/null || { echo "store_bench: node is needed for the DuckDB side" >&2; exit 2; }

# ---- the DuckDB client ----
if [ ! -d "$ROOT/bench/duckdb/node_modules/@duckdb/node-api" ]; then
  echo "installing @duckdb/node-api into bench/duckdb/node_modules ..."
  (cd "$ROOT/bench/duckdb" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

# ---- the data ----
STAMP="preset=bench lines=$LINES units=$UNITS seed=$SEED year=$YEAR"
if [ ! -f "$DB" ] || [ "$(cat "$D/GEN" 2>/dev/null)" != "$STAMP" ]; then
  rm -f "$DB" "$DB-wal" "$DB-shm" "$D/lines.csv" "$D/closure.csv" "$D/GEN"
  echo "generating $LINES line items into $DB ..."
  "$Y" gen --db "$DB" --preset bench --lines "$LINES" --units "$UNITS" --seed "$SEED" --year "$YEAR"
  echo "$STAMP" > "$D/GEN"
fi
if [ ! -f "$D/lines.csv" ]; then
  echo "exporting the line items and the closure for DuckDB ..."
  sqlite3 -csv -header "$DB" "SELECT b.unit_id AS unit, l.func, l.type, l.source, l.econ, l.jijian, l.amount
    FROM budgets b JOIN lines l ON l.budget_id = b.id WHERE b.year = $YEAR AND b.kind = 'budget'" > "$D/lines.csv.tmp"
  mv "$D/lines.csv.tmp" "$D/lines.csv"
  sqlite3 -csv -header "$DB" "SELECT unit, ancestor FROM unit_closure" > "$D/closure.csv"
fi

val() { sed -n "s/^$1: //p" "$2" | head -1; }
T="$D/tmp"
mkdir -p "$T"

# ---- yusuan ----
echo "yusuan: consolidating every node ($REPEAT runs) ..."
/usr/bin/time -f "%e %M" -o "$T/y.time" "$Y" db --db "$DB" cube $YEAR --no-elim --repeat "$REPEAT" > "$T/y.out"
/usr/bin/time -f "%e %M" -o "$T/ye.time" "$Y" db --db "$DB" cube $YEAR --repeat "$REPEAT" > "$T/ye.out"
y_s=$(val consolidate_seconds "$T/y.out"); y_load=$(val load_seconds "$T/y.out")
ye_s=$(val consolidate_seconds "$T/ye.out")
y_mem=$(awk '{print $2}' "$T/y.time"); ye_mem=$(awk '{print $2}' "$T/ye.time")
y_groups=$(val line_cells "$T/y.out"); y_sum=$(val line_sum "$T/y.out")
nodes=$(val nodes "$T/y.out")

# ---- SQLite ----
SQL="SELECT count(*) || ' ' || sum(s) FROM (
  SELECT c.ancestor, l.func, l.type, l.source, l.econ, l.jijian, SUM(l.amount) AS s
  FROM budgets b JOIN lines l ON l.budget_id = b.id JOIN unit_closure c ON c.unit = b.unit_id
  WHERE b.year = $YEAR AND b.kind = 'budget'
  GROUP BY c.ancestor, l.func, l.type, l.source, l.econ, l.jijian);"
if [ "${STORE_BENCH_SQLITE:-1}" != 0 ]; then
  echo "sqlite: the same aggregation as one GROUP BY over lines ⋈ unit_closure (this takes minutes) ..."
  cat "$DB" > /dev/null # the file in the page cache, as yusuan's load had it
  printf 'PRAGMA temp_store = MEMORY;\nPRAGMA cache_size = -2000000;\nPRAGMA threads = 2;\n%s\n' "$SQL" \
    | /usr/bin/time -f "%e %M" -o "$T/s.time" sqlite3 -batch "$DB" | tail -1 > "$T/s.out"
  s_s=$(awk '{print $1}' "$T/s.time"); s_mem=$(awk '{print $2}' "$T/s.time")
  s_groups=$(awk '{print $1}' "$T/s.out"); s_sum=$(awk '{print $2}' "$T/s.out")
else
  s_s=""; s_mem=""; s_groups=$y_groups; s_sum=$y_sum
fi

# ---- DuckDB ----
echo "duckdb: the same GROUP BY in memory ($REPEAT runs) ..."
/usr/bin/time -f "%e %M" -o "$T/d.time" node "$ROOT/bench/duckdb/cube.mjs" "$D/lines.csv" "$D/closure.csv" "$REPEAT" > "$T/d.out"
d_s=$(val query_seconds_median "$T/d.out"); d_load=$(val load_seconds "$T/d.out")
d_mem=$(awk '{print $2}' "$T/d.time"); d_groups=$(val groups "$T/d.out"); d_sum=$(val sum "$T/d.out")
d_ver=$(val duckdb_version "$T/d.out"); d_thr=$(val threads "$T/d.out")

# ---- the same answer ----
ok=1
[ "$y_groups" = "$d_groups" ] && [ "$y_sum" = "$d_sum" ] || { echo "MISMATCH yusuan/duckdb: $y_groups $y_sum vs $d_groups $d_sum"; ok=0; }
[ "$y_groups" = "$s_groups" ] && [ "$y_sum" = "$s_sum" ] || { echo "MISMATCH yusuan/sqlite: $y_groups $y_sum vs $s_groups $s_sum"; ok=0; }

mib() { awk -v k="$1" 'BEGIN { if (k == "") print "-"; else printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.1f", a / b }'; }
{
  echo "store bench: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
  echo "data: $LINES line items, $UNITS units, $nodes nodes; $y_groups groups (node × func × type × source × econ × jijian)"
  printf '%-34s %10s %12s %10s\n' "" "seconds" "vs yusuan" "peak MiB"
  printf '%-34s %10s %12s %10s\n' "yusuan one pass (no eliminations)" "$y_s" "1.0" "$(mib "$y_mem")"
  printf '%-34s %10s %12s %10s\n' "yusuan one pass with eliminations" "$ye_s" "$(ratio "$ye_s" "$y_s")" "$(mib "$ye_mem")"
  printf '%-34s %10s %12s %10s\n' "SQLite GROUP BY (sqlite3 $(sqlite3 --version | cut -d' ' -f1))" "${s_s:--}" "$(ratio "$s_s" "$y_s")" "$(mib "$s_mem")"
  printf '%-34s %10s %12s %10s\n' "DuckDB GROUP BY ($d_ver, $d_thr threads)" "$d_s" "$(ratio "$d_s" "$y_s")" "$(mib "$d_mem")"
  echo "loading into memory (not in the times above): yusuan from the store ${y_load} s; DuckDB from CSV ${d_load} s"
  echo "peak MiB is the whole process: yusuan's includes its load, DuckDB's its load and node"
} | tee "$D/results.txt"

if [ "${STORE_BENCH_NATIONAL:-0}" = 1 ]; then
  echo "national preset in memory (600,000 units, 100 million line items) ..."
  /usr/bin/time -f "%e %M" -o "$T/n.time" "$Y" gen --preset national --memory > "$T/n.out"
  cat "$T/n.out"
  echo "national: generate $(val generate_seconds "$T/n.out") s, consolidate every node $(val consolidate_seconds "$T/n.out") s, peak $(mib "$(awk '{print $2}' "$T/n.time")") MiB" | tee -a "$D/results.txt"
fi
[ $ok = 1 ]
