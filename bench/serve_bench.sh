#!/bin/sh
# The server's load test (issue 15): `yusuan serve` on the store of the 10-million-line-item
# administration (the one bench/store_bench.sh generates: bench/data/store/admin.db), loaded on
# loopback by wrk (Debian package wrk), bounded in time: requests per second, p50 and p99
# latency for
#   1. the document view of a department (JSON, consolidated over its units) and of a unit,
#   2. the aggregate endpoint (the year's totals by 功能分类 class, and a department's units),
# and the server's peak memory (VmHWM); also each endpoint's first (cold) answer, computed
# before the server's cache of public answers holds it.  Results printed and appended to
# bench/results.txt.
#
#   sh bench/serve_bench.sh [YUSUAN]
# Environment: SERVE_BENCH_SECONDS (10 per endpoint), SERVE_BENCH_CONNECTIONS (8),
# SERVE_BENCH_DB (a store to use instead), and those of bench/store_bench.sh for the data.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
Y=${1:-${YUSUAN:-}}
if [ -z "$Y" ]; then
  make all BUILD=build-bench CFLAGS="-O2 -g" >/dev/null
  Y=build-bench/bin/yusuan
fi
case $Y in /*) ;; *) Y="$ROOT/$Y" ;; esac
SECS=${SERVE_BENCH_SECONDS:-10}
CONN=${SERVE_BENCH_CONNECTIONS:-8}
YEAR=2024
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null 2>&1 || true; fi
  command -v wrk >/dev/null || { echo "serve_bench: wrk is needed (Debian package wrk)" >&2; exit 2; }
fi
DB=${SERVE_BENCH_DB:-}
if [ -z "$DB" ]; then
  DB="$ROOT/bench/data/store/admin.db"
  if [ ! -f "$DB" ]; then
    L=${STORE_BENCH_LINES:-10000000} N=${STORE_BENCH_UNITS:-60000}
    mkdir -p "$ROOT/bench/data/store"
    echo "generating $L line items into $DB ..."
    "$Y" gen --db "$DB" --preset bench --lines "$L" --units "$N" --seed "${STORE_BENCH_SEED:-1}" --year "$YEAR"
    echo "preset=bench lines=$L units=$N seed=${STORE_BENCH_SEED:-1} year=$YEAR" > "$ROOT/bench/data/store/GEN"
  fi
fi
T=$(mktemp -d /tmp/yusuan-serve-bench.XXXXXX)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT
"$Y" serve --db "$DB" --listen 127.0.0.1:0 --data "$T/data" > "$T/out" 2> "$T/log" &
PID=$!
for i in $(seq 1 600); do grep -q "listening on" "$T/out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/out")
[ -n "$PORT" ] || { echo "serve_bench: the server did not start: $(cat "$T/log")" >&2; exit 2; }
U="http://127.0.0.1:$PORT"
# a department and one of its units, from the API itself: the first node of kind department
curl -s "$U/api/units" > "$T/units.json"
DEPT=$(python3 -c "
import json; u=json.load(open('$T/units.json'))['units']
print(next(x['code'] for x in u if x['kind'] == 'department'))")
ROOTC=$(python3 -c "
import json; u=json.load(open('$T/units.json'))['units']
print(next(x['code'] for x in u if not x['parent']))")
UNIT=$(python3 -c "
import json; u=json.load(open('$T/units.json'))['units']
print(next(x['code'] for x in u if x['kind'] == 'unit' and x['parent'] == '$DEPT' and x['budgets']))")
echo "serve_bench: $DB, department $DEPT, unit $UNIT, ${SECS}s per endpoint, $CONN connections"
run() { # LABEL PATH
  # the first answer is computed (cold); the same read again comes from the server's cache
  # of public answers while the store is unchanged (src/server/cache.c)
  first=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$U$2")
  [ "${first%% *}" = 200 ] || { echo "serve_bench: $2 does not answer 200" >&2; exit 2; }
  cold=${first#* }
  wrk -t2 -c"$CONN" -d"${SECS}s" --timeout 60s --latency "$U$2" > "$T/wrk" 2>&1
  rps=$(awk '/^Requests\/sec/ {print $2}' "$T/wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$T/wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$T/wrk")
  errs=$(awk '/Non-2xx|Socket errors/ {print}' "$T/wrk" | tr '\n' ' ')
  printf '%-34s cold %7ss  %10s req/s  p50 %-9s p99 %-9s %s\n' "$1" "$cold" "$rps" "$p50" "$p99" "$errs" | tee -a "$T/res"
}
: > "$T/res"
run "document view (department $DEPT)" "/api/units/$DEPT/$YEAR"
run "document view (whole region $ROOTC)" "/api/units/$ROOTC/$YEAR"
run "document view (unit $UNIT)" "/api/units/$UNIT/$YEAR"
run "aggregate by 功能分类 class" "/api/aggregate?drilldown=func.class&cut=year:$YEAR"
run "aggregate, a department's units" "/api/aggregate?drilldown=unit&cut=year:$YEAR|unit:$DEPT&order=amount:desc&pagesize=20"
HWM=$(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' /proc/$PID/status)
echo "server peak memory (VmHWM): $HWM" | tee -a "$T/res"
{
  echo "== serve_bench $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m) $(nproc) cpus, load $(cut -d' ' -f1 /proc/loadavg): $DB"
  cat "$T/res"
} >> "$ROOT/bench/results.txt"
