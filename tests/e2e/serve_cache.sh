#!/bin/sh
# The server's cache of public answers (src/server/cache.c): the same anonymous read twice gives
# the same bytes; a write to the store — here `yusuan db import` from another process while the
# server runs — makes the kept answer stale, and the next read shows the new data.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
Y=${YUSUAN:-$ROOT/${BUILD:-build}/bin/yusuan}
case $Y in /*) ;; *) Y="$ROOT/$Y" ;; esac
EX="$ROOT/examples/feco-2024"
T=$(mktemp -d /tmp/yusuan-serve-cache.XXXXXX)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ROOT/tests/lsan-cairo.supp:print_suppressions=0"
export LSAN_OPTIONS
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
DB="$T/store.db"
"$Y" db --db "$DB" import "$EX" >/dev/null || bad "import"
"$Y" serve --db "$DB" --listen 127.0.0.1:0 --data "$T/data" >"$T/out" 2>"$T/log" &
PID=$!
for i in $(seq 1 100); do grep -q "listening on" "$T/out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/out")
[ -n "$PORT" ] || { echo "FAIL: server did not start: $(cat "$T/log")"; exit 1; }
U="http://127.0.0.1:$PORT"
A="$U/api/aggregate?drilldown=func.class&cut=year:2024"
curl -s "$A" > "$T/a1"; curl -s "$A" > "$T/a2"
cmp -s "$T/a1" "$T/a2" && grep -q '"amount_fen": 29205350000' "$T/a1" && ok || bad "the same read twice: $(head -c 300 "$T/a1")"
curl -s "$U/api/units/144/2024" > "$T/d1"; curl -s "$U/api/units/144/2024" > "$T/d2"
cmp -s "$T/d1" "$T/d2" && grep -q '"yusuan": "document/1"' "$T/d1" && ok || bad "a department's document twice"
# a second unit imported by another process: the totals double
mkdir -p "$T/other" && cp -r "$EX"/. "$T/other/" && sed -i 's/^code = 144009/code = 144010/; s/^name = .*/name = 生态环境部测试中心/' "$T/other/unit.txt"
"$Y" db --db "$DB" import "$T/other" >/dev/null || bad "import while serving"
curl -s "$A" > "$T/a3"
grep -q '"amount_fen": 58410700000' "$T/a3" && ok || bad "a stale answer after the import: $(head -c 300 "$T/a3")"
curl -s "$U/api/units/144/2024" > "$T/d3"
cmp -s "$T/d1" "$T/d3" && bad "the department's document did not change after the import" || ok
# an authenticated read is never answered from the cache (it may hold a reader's own data)
printf 'rita-pass-1\n' | "$Y" serve --db "$DB" --add-user rita --role reviewer --unit 144 >/dev/null || bad "add user"
TR=$("$Y" serve --db "$DB" --new-token rita)
curl -s -H "Authorization: Bearer $TR" "$A" > "$T/a4"
grep -q '"amount_fen": 58410700000' "$T/a4" && ok || bad "authenticated read"
kill "$PID"; wait "$PID" 2>/dev/null; PID=""
echo "serve_cache: $pass passed, $fail failed"
[ $fail -eq 0 ]
