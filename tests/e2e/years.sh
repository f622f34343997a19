#!/bin/sh
# End-to-end tests of the rules across years (Y-CARRY, Y-CHANGE: docs/rules.md
# "Across years"): `yusuan audit --db` checks a document against last year's
# document of the same unit and template kept by `yusuan db import-doc`.
# Last year's documents are made from real ones of ../shared/corpus with every
# year moved back by one; the figures that must agree are set as the real
# document states them (the clean case), or left as they were (the error).
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
C="$ROOT/../shared/corpus"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
if [ ! -d "$C" ]; then
  echo "FAIL: corpus not found at $C"
  exit 1
fi
T=$(mktemp -d /tmp/yusuan-years.XXXXXX)
trap 'rm -rf "$T"' EXIT
ny() { grep -c '\[Y-' "$1"; }

# ---- 决算: putuo-finance-bureau-2024-final-accounts p.7 收入支出决算总表 prints 年初结转和结余
# 49.14 and 年末结转和结余 55.34 (万元); 2023's document must end with the 49.14 it begins with ----
F="$C/putuo-finance-bureau-2024-final-accounts.layout.txt"
sed 's/2023/2022/g; s/2024/2023/g' "$F" > "$T/f2023.txt"
"$Y" db --db "$T/f.db" import-doc "$T/f2023.txt" > /dev/null 2>&1 && ok || bad "import-doc of the 2023 决算 failed"
"$Y" audit --db "$T/f.db" "$F" > "$T/out" 2>&1
grep -q 'error \[Y-CARRY\] summary 年初结转和结余 in.amount (p.7 l.163): 《收入支出决算总表》“年初结转和结余”为49.14，而2023年的公开文件（.*f2023.txt）中年末结转和结余为55.34，相差6.20。' "$T/out" \
  && ok || { bad "Y-CARRY not reported"; grep '\[Y-' "$T/out"; }
[ "$(ny "$T/out")" -eq 1 ] && ok || { bad "Y-* findings: $(ny "$T/out"), want 1"; grep '\[Y-' "$T/out"; }
# 2023's 年末结转和结余 as 2024 begins: nothing
sed '163s/55\.34/49.14/' "$T/f2023.txt" > "$T/f2023b.txt"
mv "$T/f2023b.txt" "$T/f2023.txt"
"$Y" db --db "$T/f.db" import-doc "$T/f2023.txt" > /dev/null 2>&1
"$Y" audit --db "$T/f.db" "$F" > "$T/out" 2>&1
[ "$(ny "$T/out")" -eq 0 ] && ok || { bad "Y-* on agreeing years"; grep '\[Y-' "$T/out"; }

# ---- 预算: putuo-wanli-2025-budget p.6 “财政拨款收入18,976.76万元，比2024年预算增加3,355.65万元” and
# p.30 “三公”经费 37.91万元 (公务用车购置及运行费 36.56, 购置费 15), each 比2024年预算减少10万元 ----
W="$C/putuo-wanli-2025-budget.layout.txt"
sed 's/2024/2023/g; s/2025/2024/g' "$W" > "$T/w2024.txt"
"$Y" db --db "$T/w.db" import-doc "$T/w2024.txt" > /dev/null 2>&1
"$Y" audit --db "$T/w.db" "$W" > "$T/out" 2>&1
[ "$(ny "$T/out")" -eq 6 ] && ok || { bad "Y-CHANGE: $(ny "$T/out") findings, want 6"; grep '\[Y-' "$T/out"; }
grep -qF '情况说明称18,976.76万元，比2024年预算增加3,355.65万元，即2024年为15,621.11万元；而2024年的公开文件' "$T/out" && ok || bad "Y-CHANGE 财政拨款收入 message"
grep -qF '[Y-CHANGE] narrative 公务用车购置及运行费/购置费 sg_car_buy (p.30' "$T/out" && ok || bad "Y-CHANGE 购置费"
# 2024 as 2025's narrative says it was (189,767,551 元 less 3,355.65万元; 三公 10万元 more): nothing
sed -e 's/189,767,551/156,211,051/g' \
    -e 's/^\( *\)37\.91\( *\)0\( *\)1\.35\( *\)36\.56\( *\)15\( *\)21\.56/\147.91\20\31.35\446.56\525\621.56/' \
    "$T/w2024.txt" > "$T/w2024b.txt"
grep -q '47.91' "$T/w2024b.txt" && ok || bad "the 2024 三公 line was not changed"
mv "$T/w2024b.txt" "$T/w2024.txt"
"$Y" db --db "$T/w.db" import-doc "$T/w2024.txt" > /dev/null 2>&1
"$Y" audit --db "$T/w.db" "$W" > "$T/out" 2>&1
[ "$(ny "$T/out")" -eq 0 ] && ok || { bad "Y-* on agreeing years"; grep '\[Y-' "$T/out"; }
# another unit's 2024 document says nothing of this one
"$Y" audit --db "$T/f.db" "$W" > "$T/out" 2>&1
[ "$(ny "$T/out")" -eq 0 ] && ok || bad "Y-* against another unit"
# a store that does not exist is an error, not a new database
"$Y" audit --db "$T/none.db" "$W" > "$T/out" 2>&1; rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/none.db" ] && grep -q 'no such store' "$T/out" && ok || bad "audit --db of a missing store: exit $rc"

echo "years: $pass passed, $fail failed"
[ $fail -eq 0 ]
