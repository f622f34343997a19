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
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
[ -n "$SEED" ] && [ -f "$SEED" ] || { echo "FAIL: the seed ../shared/seeds/000_*.txt is missing"; exit 1; }

# a copy of the example package to break
pkg() { rm -rf "$T/$1"; cp -r "$EX" "$T/$1"; }

# ---- money ----
# two 5,000,000,000,000 万元 lines wrapped to a negative total: refused where they are
pkg big
printf '2020599,project,gpb,,p-apec-gsc,,5000000000000.00\n2020599,project,gpb,,p-apec-gsc,,5000000000000.00\n' >> "$T/big/expenditure.csv"
n=$(wc -l < "$T/big/expenditure.csv")
out=$("$Y" report "$T/big" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "expenditure.csv:$((n - 1)):7: .*above what can be added up" && ok \
  || bad "huge amounts: rc $rc: $out"
echo "$out" | grep -q -- "-[0-9]" && bad "huge amounts: a negative figure printed: $out" || ok

# ---- audit: a 分值权重 of twenty digits (signed overflow of weight * 100) ----
sed 's/分值权重 (90)/分值权重 (99999999999999999999)/' "$SEED" > "$T/weight.txt"
grep -q 99999999999999999999 "$T/weight.txt" || bad "weight fixture"
"$Y" audit "$T/weight.txt" > "$T/weight.out" 2>&1; rc=$?
[ $rc -le 1 ] && ok || bad "audit of a huge weight: rc $rc: $(tail -3 "$T/weight.out")"

# ---- audit: a split code whose parts are long (one-byte overflow of code[12]) ----
awk '/^2020599/ && !done { sub(/^2020599/, "202 0505050505 0505050505"); done = 1 } { print }' "$SEED" > "$T/code.txt"
"$Y" audit "$T/code.txt" > "$T/code.out" 2>&1; rc=$?
[ $rc -le 1 ] && ok || bad "audit of long code parts: rc $rc: $(tail -3 "$T/code.out")"

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

echo "harden: $pass passed, $fail failed"
[ $fail -eq 0 ]
