#!/bin/sh
# End-to-end tests of the 说明 sheet (the narrative inputs, docs/xlsx.md):
#   - one row per item that needs words: 一般公共预算拨款变化原因, each 项 whose
#     change calls for a reason (the rule N-REASON's decision), 其他重要事项;
#   - `template --from PKG --db STORE` prefills them with the unit's texts of
#     the year before kept in the store; without the store they are empty;
#   - a row left empty is no note (check warns N-REASON for the reason owed);
#     an 其他重要事项 text is printed under 其他重要事项说明.
# Usage: YUSUAN=build/bin/yusuan sh tests/e2e/notes_sheet.sh
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EX="$ROOT/examples/feco-2024"
T=$(mktemp -d /tmp/yusuan-notes.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# sheet.py FILE SHEET: the sheet's rows, cells joined by " | "
cat > "$T/sheet.py" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read('xl/workbook.xml').decode()
rels = z.read('xl/_rels/workbook.xml.rels').decode()
rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % re.escape(sys.argv[2]), wb).group(1)
sheet = z.read('xl/' + re.search(r'Id="%s" Type="[^"]*" Target="([^"]*)"' % rid, rels).group(1)).decode()
sst = [re.sub(r'<[^>]+>', '', s) for s in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
for row in re.findall(r'<row [^>]*>(.*?)</row>', sheet, re.S):
    out = []
    for attrs, body in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
        v = re.search(r'<v>(.*?)</v>', body or '')
        v = v.group(1) if v else ''
        if 't="s"' in attrs:
            v = sst[int(v)]
        out.append(v)
    print(' | '.join(out))
EOF

# this year's package: the example a year later, without its texts
mkdir "$T/p25"
for f in unit.txt functions.txt organisation.txt funds.csv expenditure.csv prior.csv sangong.csv procurement.csv \
         assets.csv projects.csv indicators.csv; do
  cp "$EX/$f" "$T/p25/"
done
sed -i 's/^year = 2024/year = 2025/' "$T/p25/unit.txt"
"$Y" db --db "$T/s.db" import "$EX" > /dev/null || { echo "FAIL: db import"; exit 1; }

# with the store: last year's texts
"$Y" template "$T/t.xlsx" --from "$T/p25" --db "$T/s.db" 2> "$T/err" && ok || { bad "template --db"; cat "$T/err"; }
python3 "$T/sheet.py" "$T/t.xlsx" 说明 > "$T/notes"
gpb=$(sed -n 's/^gpb_change,//p' "$EX/notes.csv")
func=$(sed -n 's/^func:2020599,//p' "$EX/notes.csv")
grep -qxF "一般公共预算拨款变化原因 | $gpb" "$T/notes" && ok || { bad "说明: no 一般公共预算拨款变化原因 with last year's text"; cat "$T/notes"; }
grep -qxF "2020599 其他对外合作与交流支出 | $func" "$T/notes" && ok || bad "说明: no 2020599 row with last year's reason"
grep -qx "其他重要事项 *|* *" "$T/notes" && ok || bad "说明: no 其他重要事项 row"
[ "$(wc -l < "$T/notes")" -eq 4 ] && ok || { bad "说明: $(wc -l < "$T/notes") rows, expected header + 3"; cat "$T/notes"; }
# the prefilled workbook reads: no reason owed
"$Y" check "$T/t.xlsx" > "$T/out" 2>&1
grep -q 'N-REASON' "$T/out" && bad "N-REASON with last year's reasons" || ok

# without the store: the same rows, empty; check warns for the reasons owed
"$Y" template "$T/e.xlsx" --from "$T/p25" 2> "$T/err" && ok || bad "template without --db"
python3 "$T/sheet.py" "$T/e.xlsx" 说明 > "$T/notes2"
grep -qx '一般公共预算拨款变化原因 *|* *' "$T/notes2" && grep -qx '2020599 其他对外合作与交流支出 *|* *' "$T/notes2" && ok \
  || { bad "说明 without the store"; cat "$T/notes2"; }
"$Y" check "$T/e.xlsx" > "$T/out" 2>&1
grep -q 'warning \[N-REASON\] narrative 2020599' "$T/out" && ok || { bad "no N-REASON for the empty 2020599 row"; cat "$T/out"; }
# a store without the unit's year before: said, not an error
"$Y" db --db "$T/other.db" import "$T/p25" > /dev/null 2>&1
"$Y" template "$T/n.xlsx" --from "$T/p25" --db "$T/other.db" 2> "$T/err" && grep -q 'keeps no 2024 budget' "$T/err" && ok \
  || { bad "store without last year"; cat "$T/err"; }
# --db needs --from
"$Y" template "$T/x.xlsx" --db "$T/s.db" 2> "$T/err"; [ $? -eq 2 ] && grep -q 'give the package too' "$T/err" && ok || bad "--db without --from"

# an empty template lists 一般公共预算拨款变化原因 and 其他重要事项
"$Y" template "$T/empty.xlsx" && python3 "$T/sheet.py" "$T/empty.xlsx" 说明 > "$T/notes3"
grep -q '^一般公共预算拨款变化原因' "$T/notes3" && grep -q '^其他重要事项' "$T/notes3" && ok || { bad "empty template's 说明"; cat "$T/notes3"; }

# 其他重要事项 (notes.csv key other) is printed under 其他重要事项说明
cp -r "$T/p25" "$T/p25o"
printf 'key,text\nother,本单位2025年无其他需要说明的重大事项。\n' > "$T/p25o/notes.csv"
"$Y" report "$T/p25o" -o "$T/o.txt" && grep -q '其他需要说明的事项' "$T/o.txt" && grep -q '本单位2025年无其他需要说明的重大事项。' "$T/o.txt" \
  && ok || bad "other: not in the document"
"$Y" report "$T/p25" -o "$T/p.txt" && grep -q '其他需要说明的事项' "$T/p.txt" && bad "其他需要说明的事项 without the note" || ok

echo "notes_sheet: $pass passed, $fail failed"
[ $fail -eq 0 ]
