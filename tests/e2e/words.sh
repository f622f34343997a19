#!/bin/sh
# End-to-end tests of the narrative rules (W-*: docs/rules.md "Narrative
# rules") on the real documents of ../shared/corpus and ../shared/corpus/wide:
#   - every W-* error audit raises on a corpus document is asserted here, each
#     with where it is on the page and why it is wrong; a document not listed
#     raises none;
#   - the rules' warnings that were read against the page are asserted too;
#   - one real sentence changed so that it becomes wrong is reported, and the
#     unchanged text is the clean case (the pdftotext -layout text).
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
C="$ROOT/../shared/corpus"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
if [ ! -d "$C/wide" ]; then
  echo "FAIL: corpus not found at $C (the narrative rules are tested on it)"
  exit 1
fi
T=$(mktemp -d /tmp/yusuan-words.XXXXXX)
trap 'rm -rf "$T"' EXIT

# errors DOC RULE...: the W-* errors of DOC.pdf are exactly these rule lines (one per argument, in order)
for f in "$C"/*.pdf "$C"/wide/*.pdf; do
  d=$(basename "$f" .pdf)
  case $d in not-a-budget-*) continue ;; esac
  "$Y" audit "$f" > "$T/$d.out" 2>&1
  grep -E ': error \[W-' "$T/$d.out" | sed -E 's/^[^:]*: error \[(W-[A-Z]+)\] narrative ([^ ]*).*\(p\.([0-9]+).*/\1 \2 p.\3/' > "$T/$d.w"
done
werrors() {
  d=$1; shift
  printf '%s\n' "$@" | sed '/^$/d' > "$T/want"
  if cmp -s "$T/want" "$T/$d.w"; then ok; else bad "$d: W-* errors differ"; diff "$T/want" "$T/$d.w"; fi
}
has() { grep -qF -- "$2" "$T/$1.out" && ok || bad "$1: no finding '$2'"; }

# final-accounts-template-2024: the blank template — its placeholders and
# unresolved alternatives are what a unit must replace (p.1 title 上海市XX局,
# p.4 目录 "4。。。", p.15 收入支出总计XXX万元 / 主要原因：XXXXXXXX / 增加（减少）/
# 增长（下降）, p.16 决算数大于（小于）预算数, p.19 制度名称 XXXX)
werrors final-accounts-template-2024 "W-LEFTOVER XX p.1" "W-LEFTOVER 。。。 p.4" "W-LEFTOVER XXX p.15" \
  "W-LEFTOVER XXXXXXXX p.15" "W-ALTERNATIVE 增加（减少） p.15" "W-ALTERNATIVE 增长（下降） p.15" \
  "W-ALTERNATIVE 大于（小于） p.16" "W-LEFTOVER XXXX p.19"
# putuo-finance-bureau-2024-final-accounts p.23 (四、一般公共预算财政拨款基本支出决算情况说明):
# “人员经费2152.26万元，主要包括：……退休费、个人农业生产补贴” — the 基本支出决算表 on p.16
# prints 个人农业生产补贴 (30310) blank and 奖励金 (30309) 0.31: the list names the row
# below the one with money
werrors putuo-finance-bureau-2024-final-accounts "W-LIST 人员经费 p.23"
has putuo-finance-bureau-2024-final-accounts '列举了表中没有数额的个人农业生产补贴（30310）；未列举表中有数额的奖励金（30309，0.31万元）'
# fuzhou-2026-commerce-bureau-budget p.9: “…贡献商务力量。。围绕上述任务” (a full stop twice)
werrors fuzhou-2026-commerce-bureau-budget "W-TYPO 。。 p.9"
# fuzhou-2026-development-zone-ecology-unit-budget p.4: “…取得积极成效。。围绕上述任务”
werrors fuzhou-2026-development-zone-ecology-unit-budget "W-TYPO 。。 p.4"
# putuo-wanli-2025-budget p.7: “21. “卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元” —
# its tables (p.10) have 21007 计划生育事务 as the 款 and 2100717 计划生育服务 as the 项
werrors putuo-wanli-2025-budget "W-SUBJECT 计划生育事务 p.7"
has putuo-wanli-2025-budget '按表应为“卫生健康支出（类）计划生育事务（款）计划生育服务（项）”'
# putuo-wanli-2023-budget p.6: “2. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”60.13万元，
# 主要用于统计管理” — the purpose of item 1 (统计管理); p.9: “27. …城管执法（项）”690.58万元，主要用于城乡社区
# 管理事务一般行政管理事务” — the purpose of item 26
werrors putuo-wanli-2023-budget "W-SUBJECT 专项普查活动 p.6" "W-SUBJECT 城管执法 p.9"
# putuo-welfare-home-2024-unit-budget p.6, p.7 and p.10: 医疗卫生与计划生育支出, the name of 210 before
# 2019 (卫生健康支出), in the narrative and the 收支总表
werrors putuo-welfare-home-2024-unit-budget "W-SUBJECT 医疗卫生与计划生育支出 p.6"
for f in "$T"/*.w; do
  d=$(basename "$f" .w)
  case $d in final-accounts-template-2024|putuo-finance-bureau-2024-final-accounts|fuzhou-2026-commerce-bureau-budget|\
    fuzhou-2026-development-zone-ecology-unit-budget|putuo-wanli-2025-budget|putuo-wanli-2023-budget|\
    putuo-welfare-home-2024-unit-budget) continue ;; esac
  werrors "$d"
done

# Warnings read against the page.  fuzhou-2026-commerce-bureau-budget p.28: “（一）人员经费
# 3551.21万元，主要包括：基本工资、津贴补贴、奖金、伙食补助费…” — the 一般公共预算基本支出
# 经济分类情况表 (p.21) has nothing in 伙食补助费, 医疗费, 抚恤金, 医疗费补助, 奖励金: the
# list is the template's, not the unit's
has fuzhou-2026-commerce-bureau-budget 'warning [W-LIST] narrative 人员经费  (p.28'
has fuzhou-2026-commerce-bureau-budget '列举了表中没有数额的伙食补助费（30106）、医疗费（30114）、抚恤金（30304）、医疗费补助（30307）、奖励金（30309）。'
# fuzhou-2026-medical-security-bureau-budget p.25: 人员经费7263.35万元 and 公用经费577.91万元,
# but the table's 301 + 303 are 7070.34 + 239.21 = 7309.55 and 302 is 531.71 (p.18)
has fuzhou-2026-medical-security-bureau-budget '所述人员经费为7,263.35万元，而《一般公共预算基本支出经济分类情况表》（第18页）人员经费所属各类（301,303）合计7,309.55万元。'

# ---- one real sentence made wrong, the corrected text clean ----
# putuo-finance-bureau-2024-final-accounts.layout.txt, p.23: the 人员经费 list corrected
# (奖励金 for 个人农业生产补贴) raises nothing; then the 公用经费 list without 福利费
# (42.77万元 on p.16) is an error, with 咨询费 (blank on p.16) a warning.
D=putuo-finance-bureau-2024-final-accounts
sed 's/费、个人农业生产补贴；公用经费/费、奖励金；公用经费/' "$C/$D.layout.txt" > "$T/fixed.txt"
cmp -s "$T/fixed.txt" "$C/$D.layout.txt" && bad "$D: the sentence to correct was not found" || ok
"$Y" audit "$T/fixed.txt" > "$T/fixed.out" 2>&1
grep -q '\[W-LIST\]' "$T/fixed.out" && { bad "$D: W-LIST on the corrected text"; grep W-LIST "$T/fixed.out"; } || ok
sed 's/工会经费、福利费、其他交/工会经费、其他交/' "$T/fixed.txt" > "$T/m.txt"
cmp -s "$T/m.txt" "$T/fixed.txt" && bad "$D: the sentence to change was not found" || ok
"$Y" audit "$T/m.txt" > "$T/m.out" 2>&1
grep -q 'error \[W-LIST\] narrative 公用经费.*未列举表中有数额的福利费（30229，42.77万元）' "$T/m.out" && ok || \
  { bad "$D: 福利费 left out not reported"; grep W-LIST "$T/m.out"; }
sed 's/主要包括：办公费、印刷费、手续/主要包括：办公费、印刷费、咨询费、手续/' "$T/fixed.txt" > "$T/m.txt"
"$Y" audit "$T/m.txt" > "$T/m.out" 2>&1
grep -q 'warning \[W-LIST\] narrative 公用经费.*列举了表中没有数额的咨询费（30203）' "$T/m.out" && ok || \
  { bad "$D: 咨询费 listed not reported"; grep W-LIST "$T/m.out"; }

# ---- the same rules on a compiled document (yusuan check) ----
# examples/feco-2024 notes.csv gives the reason of the 一般公共预算 change (增加731万元):
# “亚洲合作资金等项目支出增加”; written as 压减 it argues the other way
P="$ROOT/examples/feco-2024"
"$Y" check "$P" > "$T/c.out" 2>&1
grep -q 'W-REASON' "$T/c.out" && bad "feco-2024: W-REASON on the example" || ok
cp -r "$P" "$T/pkg"
sed -i 's/亚洲合作资金等项目支出增加。/亚洲合作资金等项目支出压减。/' "$T/pkg/notes.csv"
"$Y" check "$T/pkg" > "$T/c.out" 2>&1
grep -q 'warning \[W-REASON\] narrative 增加 .*【亚洲合作资金等项目支出压减】' "$T/c.out" && ok || \
  { bad "check: a reason arguing the other way not reported"; cat "$T/c.out"; }

# a change of the 一般公共预算 (增加731万元 on 637万元) without its reason: the note to write is named
cp -r "$P" "$T/pkg2"
sed -i '/^gpb_change/d' "$T/pkg2/notes.csv"
"$Y" check "$T/pkg2" > "$T/c.out" 2>&1
grep -q 'warning \[N-REASON\] narrative total diff: 情况说明“1,368万元……增加731万元”没有说明变化的原因.*gpb_change' "$T/c.out" && ok || \
  { bad "check: a change without its reason not reported"; cat "$T/c.out"; }
"$Y" check "$P" > "$T/c.out" 2>&1
grep -q 'N-REASON' "$T/c.out" && bad "feco-2024: N-REASON on the example" || ok

echo "words: $pass passed, $fail failed"
[ $fail -eq 0 ]
