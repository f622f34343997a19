#!/bin/sh
# Smoke test of the store benchmark's path on a tiny scale (bench/store_bench.sh runs it on
# 10 million line items): `yusuan gen --preset bench` and `--preset national` (they hung
# once: the generator's project-id hash was never emptied between budgets), db import of
# generated data, db cube, report --db of one node, report --all of every node (each node
# has its files; one node's document from --all is the same as report --db of that node and
# as the report of its exported consolidated package), and --all's atomic output.
# Usage: YUSUAN=build/bin/yusuan BUILD=build sh tests/e2e/storebench.sh
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
Y=${YUSUAN:-$ROOT/${BUILD:-build}/bin/yusuan}
case $Y in /*) ;; *) Y="$ROOT/$Y" ;; esac
T=$(mktemp -d /tmp/yusuan-storebench-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT
DB="$T/admin.db"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# ---- the generator's presets do not hang (timeout: a hang fails instead of blocking make check) ----
SMALL="--prefectures 2 --counties 2 --departments 4 --units 120 --lines 30000"
if timeout 60 "$Y" gen --db "$DB" --preset bench $SMALL --seed 3 > "$T/gen.out" 2>&1; then ok; else bad "gen --preset bench (exit $?): $(cat "$T/gen.out")"; fi
grep -q "120 units, 30000 line items" "$T/gen.out" && ok || bad "gen output: $(cat "$T/gen.out")"
if timeout 60 "$Y" gen --preset national --provinces 2 --prefectures 1 --counties 1 --departments 3 --units 60 \
     --lines 9000 --memory > "$T/nat.out" 2>&1; then ok; else bad "gen --preset national --memory (exit $?): $(cat "$T/nat.out")"; fi
grep -q "^line_items: 9000$" "$T/nat.out" && ok || bad "national: $(cat "$T/nat.out")"

# ---- the store: schema, line blocks, one pass ----
"$Y" db --db "$DB" version > "$T/ver" 2>&1 && grep -q "schema version: 15" "$T/ver" && ok || bad "version: $(cat "$T/ver")"
"$Y" db --db "$DB" cube 2024 > "$T/cube" 2>&1 && ok || bad "cube: $(cat "$T/cube")"
nodes=$(sed -n 's/^nodes: //p' "$T/cube")
# a version-11 store (20-byte line records, no key dictionary: faked from this one) is refused until
# `db migrate` brings it to the latest; its cube is then the same
cp "$DB" "$T/v11.db"
sqlite3 "$T/v11.db" "DROP TABLE line_blocks; DROP TABLE year_keys; ALTER TABLE budgets DROP COLUMN nprior;
  DELETE FROM line_types WHERE id >= 6;
  CREATE TABLE line_blocks(budget_id INTEGER PRIMARY KEY, nlines INTEGER NOT NULL, data BLOB NOT NULL);
  DELETE FROM schema_migrations WHERE version >= 12; PRAGMA user_version = 11" 2> "$T/fake" && ok || bad "fake v11: $(cat "$T/fake")"
"$Y" db --db "$T/v11.db" cube 2024 > "$T/cubeold" 2>&1 && bad "cube of a v11 store succeeded" \
  || { grep -q "schema version 11, this yusuan reads 15" "$T/cubeold" && ok || bad "v11 cube: $(cat "$T/cubeold")"; }
"$Y" db --db "$T/v11.db" migrate > "$T/mig" 2>&1 && grep -q "schema version: 15" "$T/mig" && ok || bad "migrate: $(cat "$T/mig")"
"$Y" db --db "$T/v11.db" cube 2024 > "$T/cubenew" 2>&1 && ok || bad "cube after migrate: $(cat "$T/cubenew")"
grep -v -e seconds -e peak_rss -e segment "$T/cube" > "$T/c1"; grep -v -e seconds -e peak_rss -e segment "$T/cubenew" > "$T/c2"
cmp -s "$T/c1" "$T/c2" && ok || bad "cube after migrate differs: $(diff "$T/c1" "$T/c2")"
"$Y" db --db "$T/none.db" migrate > "$T/mig2" 2>&1 && bad "migrate of no store succeeded" \
  || { grep -q "no such store" "$T/mig2" && [ ! -e "$T/none.db" ] && ok || bad "migrate of no store: $(cat "$T/mig2")"; }

# ---- the year segment beside the store (docs/store.md "Year segments"), on a copy ----
SD="$T/seg/admin.db"; mkdir -p "$T/seg"; cp "$DB" "$SD"
same_cube() { grep -v -e seconds -e peak_rss -e segment "$1" > "$T/s1"; grep -v -e seconds -e peak_rss -e segment "$2" > "$T/s2"
  cmp -s "$T/s1" "$T/s2" && ok || bad "$3: $(diff "$T/s1" "$T/s2" | head -5)"; }
"$Y" db --db "$SD" cube 2024 > "$T/sc1" 2>&1 && grep -q "^segment: built$" "$T/sc1" && [ -f "$SD-seg/2024.seg" ] && ok \
  || bad "first cube builds the segment: $(cat "$T/sc1")"
"$Y" db --db "$SD" cube 2024 > "$T/sc2" 2>&1 && grep -q "^segment: used$" "$T/sc2" && ok || bad "second cube maps it: $(cat "$T/sc2")"
"$Y" db --db "$SD" cube 2024 --no-segment > "$T/sc3" 2>&1 && grep -q "^segment: off$" "$T/sc3" && ok || bad "--no-segment: $(cat "$T/sc3")"
same_cube "$T/cube" "$T/sc2" "the cube from the segment differs from SQLite's"
same_cube "$T/cube" "$T/sc3" "the cube with --no-segment differs"
# a damaged segment (a byte of the items changed) is rebuilt, the answer the same
size=$(stat -c %s "$SD-seg/2024.seg")
printf '\377' | dd of="$SD-seg/2024.seg" bs=1 seek=$((size - 4000)) conv=notrunc 2>/dev/null
"$Y" db --db "$SD" cube 2024 > "$T/sc4" 2>&1 && grep -q "^segment: rebuilt (damaged)$" "$T/sc4" && ok || bad "damaged segment: $(cat "$T/sc4")"
same_cube "$T/cube" "$T/sc4" "the cube after a damaged segment differs"
# an import makes it stale: the next cube has the new budget's lines
"$Y" db --db "$SD" import "$ROOT/examples/feco-2024" > /dev/null 2>&1 && ok || bad "import into the segment's store"
"$Y" db --db "$SD" cube 2024 > "$T/sc5" 2>&1 && grep -q "^segment: rebuilt (stale: the store changed)$" "$T/sc5" && ok \
  || bad "import, then cube: $(cat "$T/sc5")"
"$Y" db --db "$SD" cube 2024 --no-segment > "$T/sc6" 2>&1 && ok || bad "cube --no-segment after the import"
same_cube "$T/sc5" "$T/sc6" "after an import, the cube from the rebuilt segment differs from SQLite's"
[ "$(sed -n 's/^line_items: //p' "$T/sc5")" -gt "$(sed -n 's/^line_items: //p' "$T/sc1")" ] && ok || bad "the import's lines are not in the cube"
# VACUUM changes no data: the segment stays good; a temporary file left by a killed writer is swept
sqlite3 "$SD" VACUUM && "$Y" db --db "$SD" cube 2024 > "$T/sc8" 2>&1 && grep -q "^segment: used$" "$T/sc8" && ok \
  || bad "after VACUUM: $(cat "$T/sc8")"
same_cube "$T/sc6" "$T/sc8" "the cube after VACUUM differs"
: > "$SD-seg/2024.seg.tmp-999999999"; : > "$SD-seg/2025.seg.tmp-999999999"
"$Y" db --db "$SD" import "$ROOT/examples/feco-2024" > /dev/null 2>&1 && "$Y" db --db "$SD" cube 2024 > "$T/sc9" 2>&1 \
  && grep -q "^segment: rebuilt" "$T/sc9" && [ ! -e "$SD-seg/2024.seg.tmp-999999999" ] && [ -e "$SD-seg/2025.seg.tmp-999999999" ] && ok \
  || bad "stale temporary files: $(ls "$SD-seg")"
# a location that cannot be written: the store is read, nothing beside it
rm -rf "$SD-seg"; : > "$SD-seg"
"$Y" db --db "$SD" cube 2024 > "$T/sc7" 2>&1 && grep -q "^segment: not written" "$T/sc7" && ok || bad "unwritable: $(cat "$T/sc7")"
same_cube "$T/sc6" "$T/sc7" "the cube without a segment differs"

# ---- every node's documents ----
"$Y" report --db "$DB" --year 2024 --all -f txt,json -o "$T/all" > "$T/all.out" 2>&1 && ok || bad "report --all: $(cat "$T/all.out")"
[ "$(ls "$T/all" | grep -v '^warnings' | grep -c '\.txt$')" = "$nodes" ] && ok || bad "report --all: txt files for $nodes nodes"
[ "$(ls "$T/all" | grep -c '\.json$')" = "$nodes" ] && ok || bad "report --all: json files"
[ "$(($(wc -l < "$T/all/index.tsv") - 1))" = "$nodes" ] && ok || bad "index.tsv: $(wc -l < "$T/all/index.tsv") lines for $nodes nodes"
root=$(sed -n 2p "$T/all/index.tsv" | cut -f1)
leaf=$(awk -F'\t' 'length($1) == 14 { print $1; exit }' "$T/all/index.tsv") # a 下属单位: a unit alone
unit=$(echo "$leaf" | cut -c1-12)                                          # its 事业单位, consolidated with it
dept=$(awk -F'\t' 'length($1) == 9 { print $1; exit }' "$T/all/index.tsv")
for c in "$root" "$dept" "$unit" "$leaf"; do
  [ -n "$c" ] || { bad "no node to compare"; continue; }
  "$Y" report --db "$DB" --unit "$c" --year 2024 -f txt > "$T/one.txt" 2>/dev/null && cmp -s "$T/one.txt" "$T/all/$c.txt" && ok \
    || bad "$c: report --all's txt differs from report --db's"
  "$Y" report --db "$DB" --unit "$c" --year 2024 -f json > "$T/one.json" 2>/dev/null && cmp -s "$T/one.json" "$T/all/$c.json" && ok \
    || bad "$c: report --all's json differs from report --db's"
  rm -rf "$T/pkg"
  if [ "$c" = "$leaf" ]; then flag=""; else flag="--consolidated"; fi
  "$Y" db --db "$DB" export "$c" 2024 "$T/pkg" $flag > /dev/null 2>&1 && "$Y" report "$T/pkg" -f txt > "$T/pkg.txt" 2>/dev/null \
    && cmp -s "$T/pkg.txt" "$T/all/$c.txt" && ok || bad "$c: report --all's txt differs from the report of the exported package"
done

# ---- atomic output ----
"$Y" report --db "$DB" --year 2024 --all -f txt -o "$T/all" > "$T/again" 2>&1 && bad "--all over an existing directory succeeded" \
  || { grep -q "already exists" "$T/again" && ok || bad "existing directory: $(cat "$T/again")"; }
"$Y" report --db "$DB" --year 2024 --all -f txt,docx -o "$T/bad" > "$T/badf" 2>&1 && bad "--all -f docx succeeded" \
  || { [ ! -e "$T/bad" ] && grep -q "unknown format 'docx'" "$T/badf" && ok || bad "bad format: $(cat "$T/badf")"; }
# a run that fails half-way (no layout for the template: the first document fails) leaves no directory
mkdir -p "$T/data" && cp -r "$ROOT/data/catalog" "$T/data/"
YUSUAN_DATA="$T/data" "$Y" report --db "$DB" --year 2024 --all -f txt -o "$T/half" > "$T/half.out" 2>&1 && bad "--all without layouts succeeded" \
  || { [ ! -e "$T/half" ] && [ -z "$(ls -d "$T"/half.partial-* 2>/dev/null)" ] && ok || bad "a failed --all left $(ls -d "$T"/half* 2>/dev/null)"; }

echo "storebench: $pass passed, $fail failed"
[ "$fail" = 0 ]
