#!/bin/sh
# `yusuan serve` killed with SIGKILL under load loses no committed write (issue 15): a reviewer's
# client sends decisions on a finding as fast as the server answers; the server is killed in the
# middle; every decision the server answered 200 to is in the store afterwards (its operation
# log), the store passes SQLite's integrity check, and the server starts again on it.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
Y=${YUSUAN:-$ROOT/${BUILD:-build}/bin/yusuan}
case $Y in /*) ;; *) Y="$ROOT/$Y" ;; esac
CORPUS="$ROOT/../shared/corpus"
DOCF="$CORPUS/putuo-wanli-2023-budget.layout.txt"
T=$(mktemp -d /tmp/yusuan-serve-crash.XXXXXX)
PID="" LOAD=""
cleanup() {
  [ -n "$LOAD" ] && kill "$LOAD" 2>/dev/null
  [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ROOT/tests/lsan-cairo.supp:print_suppressions=0"
export LSAN_OPTIONS
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
[ -f "$DOCF" ] || { echo "FAIL: fixture $DOCF is missing"; exit 1; }
command -v curl >/dev/null && command -v sqlite3 >/dev/null || { echo "FAIL: curl and sqlite3 are needed"; exit 1; }

DB="$T/store.db"
"$Y" db --db "$DB" import "$ROOT/examples/feco-2024" >/dev/null || bad "import"
printf 'rita-pass-1\n' | "$Y" serve --db "$DB" --add-user rita --role reviewer --unit 144 >/dev/null || bad "add user"
TR=$("$Y" serve --db "$DB" --new-token rita) || bad "token"

start() {
  "$Y" serve --db "$DB" --listen 127.0.0.1:0 --data "$T/data" >"$T/out" 2>"$T/log" &
  PID=$!
  for i in $(seq 1 100); do grep -q "listening on" "$T/out" 2>/dev/null && break; sleep 0.1; done
  PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/out")
  [ -n "$PORT" ] || { echo "FAIL: server did not start: $(cat "$T/out" "$T/log")"; exit 1; }
  U="http://127.0.0.1:$PORT"
}
start
# a document with findings (putuo-wanli-2023 has three errors)
curl -s -o "$T/body" -H "Authorization: Bearer $TR" -H "Content-Type: text/plain" \
  --data-binary @"$DOCF" "$U/api/audits?name=wanli-2023.txt"
J=$(python3 -c "import json; print(json.load(open('$T/body'))['id'])" 2>/dev/null) || { echo "FAIL: upload: $(cat "$T/body")"; exit 1; }
for i in $(seq 1 150); do
  curl -s "$U/api/audits/$J" >"$T/body"
  grep -q '"state": "\(done\|failed\)"' "$T/body" && break
  sleep 0.2
done
DOC=$(python3 -c "import json; print(json.load(open('$T/body'))['document'])" 2>/dev/null) || { echo "FAIL: audit: $(cat "$T/body")"; exit 1; }

# the load: decisions r1, r2, … one after another; an answered one is noted in acked
: > "$T/acked"
(
  i=0
  while :; do
    i=$((i + 1))
    d=$([ $((i % 2)) -eq 0 ] && echo confirmed || echo dismissed)
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $TR" \
      -H "Content-Type: application/json" -d "{\"decision\": \"$d\", \"reason\": \"load-r$i\"}" \
      "$U/api/documents/$DOC/findings/0")
    [ "$code" = 200 ] && echo "load-r$i" >> "$T/acked"
    [ "$code" = 000 ] && break
  done
) &
LOAD=$!
# a second client reading at the same time
( for i in $(seq 1 200); do curl -s -o /dev/null --max-time 5 "$U/api/aggregate?drilldown=func.class" || break; done ) &
sleep 2
kill -9 "$PID"
wait "$PID" 2>/dev/null
PID=""
wait "$LOAD" 2>/dev/null
LOAD=""
n=$(wc -l < "$T/acked")
[ "$n" -gt 5 ] && ok || bad "the load made only $n writes before the kill"
# every answered write is kept
sqlite3 "$DB" "SELECT detail FROM flow_log WHERE action = 'decide' ORDER BY id" > "$T/kept" 2>"$T/err" || bad "read the log: $(cat "$T/err")"
lost=0
while IFS= read -r r; do grep -q -- "$r\$\|$r[^0-9]" "$T/kept" || { lost=$((lost + 1)); echo "  lost: $r"; }; done < "$T/acked"
[ $lost -eq 0 ] && ok || bad "$lost of $n answered writes lost"
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] && ok || bad "integrity check"
# the server starts again on the store and serves the last decision
start
curl -s "$U/api/documents/$DOC" > "$T/body"
# the last decision kept is served: the last one answered, or a later one the server committed
# but whose answer the kill cut off (the client never saw it; it is in the store all the same)
last=$(tail -1 "$T/acked")
kept=$(tail -1 "$T/kept" | sed -n 's/.*\(load-r[0-9]*\).*/\1/p')
if [ -n "$kept" ] && [ "${kept#load-r}" -ge "${last#load-r}" ] && grep -q -- "\"$kept\"" "$T/body"; then ok
else bad "the last kept decision ($kept; last answered $last) is not served after the restart"; fi
kill "$PID"; wait "$PID" 2>/dev/null; PID=""
echo "serve_crash: $pass passed, $fail failed ($n writes answered before the kill)"
[ $fail -eq 0 ]
