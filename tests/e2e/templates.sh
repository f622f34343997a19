#!/bin/sh
# Every budget template a unit publishes in, compiled in every format and
# compared with its golden file, then read back by the audit (issue 11):
#   central-budget        examples/feco-2024   (the seed's template)
#   shanghai-dept-budget  examples/wanli-2025  (a 区级部门预算, as published)
#   shanghai-unit-budget  examples/wanli-2025 compiled as a 单位预算
# Formats: txt, md, json, html, csv (one file per table), pdf (its text, as
# pdftotext -layout reads it) and xlsx (its sheets' cell values).
# The compiled txt and PDF of each template audit back with no error, no
# missing value and no warning (rounding residues are information: a table
# printed in whole 元 from amounts with 角 and 分 has them, as published).
# Usage: YUSUAN=build/bin/yusuan sh tests/e2e/templates.sh  (UPDATE_GOLDEN=1 rewrites goldens)
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GOLD="$ROOT/tests/golden/templates"
T=$(mktemp -d /tmp/yusuan-tpl.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
golden() { # name file
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then mkdir -p "$GOLD"; cp "$2" "$GOLD/$1"; ok; return; fi
  if [ ! -f "$GOLD/$1" ]; then bad "golden $1 missing (UPDATE_GOLDEN=1 writes it)"; return; fi
  if cmp -s "$2" "$GOLD/$1"; then ok; else bad "golden $1 differs:"; diff "$GOLD/$1" "$2" | head -20; fi
}
# the central template's txt, md, json, html and csv goldens are report.sh's and html.sh's
gname() { # template format-or-file
  case $1:$2 in
    central-budget:txt|central-budget:md|central-budget:json|central-budget:html) echo "../feco-2024.$2" ;;
    central-budget:csv-*) echo "../$2" ;;
    *:csv-*) echo "$1-$2" ;;
    *) echo "$1.$2" ;;
  esac
}
# under ASan, cairo and fontconfig leak a little inside the libraries (see pdf.sh)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ROOT/tests/lsan-cairo.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"

cp -r "$ROOT/examples/wanli-2025" "$T/wanli-unit"
sed -i 's/^template = shanghai-dept-budget$/template = shanghai-unit-budget/' "$T/wanli-unit/unit.txt"
grep -q '^template = shanghai-unit-budget$' "$T/wanli-unit/unit.txt" && ok || bad "wanli-unit: template not set"

# xlsx: every sheet's cells, in order (shared strings resolved), one line per cell
cat > "$T/xlsx_cells.py" <<'PY'
import sys, zipfile, re
import xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
ss = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns):
        ss.append(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))
wb = ET.fromstring(z.read('xl/workbook.xml'))
names = [s.get('name') for s in wb.find('m:sheets', ns)]
sheets = sorted((n for n in z.namelist() if re.match(r'xl/worksheets/sheet\d+\.xml$', n)),
                key=lambda n: int(re.search(r'(\d+)', n.split('/')[-1]).group(1)))
for i, part in enumerate(sheets):
    print('== %s' % (names[i] if i < len(names) else part))
    for c in ET.fromstring(z.read(part)).iter('{%s}c' % ns['m']):
        v = c.find('m:v', ns)
        f = c.find('m:f', ns)
        if v is None and f is None:
            continue
        val = v.text if v is not None else ''
        if c.get('t') == 's':
            val = ss[int(val)]
        print('%s\t%s%s' % (c.get('r'), val, '\t=' + (f.text or '') if f is not None else ''))
PY

for pair in central-budget:"$ROOT/examples/feco-2024" shanghai-dept-budget:"$ROOT/examples/wanli-2025" \
            shanghai-unit-budget:"$T/wanli-unit"; do
  tpl=${pair%%:*}; pkg=${pair#*:}
  "$Y" check "$pkg" > "$T/check" 2>&1 && ok || bad "$tpl: check fails: $(tail -3 "$T/check")"
  for f in txt md json html; do
    "$Y" report "$pkg" -f $f -o "$T/$tpl.$f" 2> "$T/err" && golden "$(gname $tpl $f)" "$T/$tpl.$f" || bad "$tpl -f $f: $(cat "$T/err")"
  done
  rm -rf "$T/csv"
  if "$Y" report "$pkg" -f csv -o "$T/csv" 2> "$T/err"; then
    for c in "$T"/csv/*.csv; do golden "$(gname $tpl csv-$(basename "$c"))" "$c"; done
  else bad "$tpl -f csv: $(cat "$T/err")"; fi
  if "$Y" report "$pkg" -f pdf -o "$T/$tpl.pdf" 2> "$T/err"; then
    pdftotext -layout "$T/$tpl.pdf" "$T/$tpl.pdf.txt" && golden "$tpl.pdf.txt" "$T/$tpl.pdf.txt" || bad "$tpl: pdftotext"
  else bad "$tpl -f pdf: $(cat "$T/err")"; fi
  if "$Y" report "$pkg" -f xlsx -o "$T/$tpl.xlsx" 2> "$T/err"; then
    python3 "$T/xlsx_cells.py" "$T/$tpl.xlsx" > "$T/$tpl.xlsx.txt" && golden "$tpl.xlsx.txt" "$T/$tpl.xlsx.txt" || bad "$tpl: xlsx cells"
  else bad "$tpl -f xlsx: $(cat "$T/err")"; fi
  # read back: no error, missing value or warning, every table read
  for form in txt pdf; do
    [ -s "$T/$tpl.$form" ] || continue
    "$Y" audit "$T/$tpl.$form" > "$T/audit" 2>&1; rc=$?
    s=$(tail -1 "$T/audit")
    [ $rc -eq 0 ] && echo "$s" | grep -q ' 0 errors, 0 missing values, .* 0 warnings$' && ok \
      || bad "$tpl.$form audits back with findings (exit $rc): $s"
    echo "$s" | grep -qE '([0-9]+) of \1 tables read' && ok || bad "$tpl.$form: not every table read back: $s"
  done
done
# the templates differ where they should: the seed's parts against Shanghai's
grep -q '第三部分' "$T/central-budget.txt" && ok || bad "central: 第三部分 missing"
grep -q '部门预算编制说明' "$T/shanghai-dept-budget.txt" && ! grep -q '^第三部分' "$T/shanghai-dept-budget.txt" && ok \
  || bad "shanghai-dept-budget: not in its published parts"
grep -q '编制部门' "$T/shanghai-dept-budget.txt" && ok || bad "shanghai-dept-budget: no 编制部门 line"
echo "templates: $pass passed, $fail failed"
[ $fail -eq 0 ]
