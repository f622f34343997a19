#!/bin/sh
# Pictures of the preparer's workbook for docs/xlsx.md (docs/img/xlsx-*.png):
# each sheet alone (the others hidden), landscape, fitted to one page wide,
# the first rows only, comments shown; LibreOffice headless -> PDF ->
# pdftoppm -png.  Usage: sh scripts/xlsx_pictures.sh [build/bin/yusuan]
set -eu
Y=${1:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EX="$ROOT/examples/feco-2024"
OUT="$ROOT/docs/img"
T=$(mktemp -d /tmp/yusuan-pics.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
mkdir -p "$OUT"

# one.py IN OUT SHEET RANGE: the workbook with only SHEET printed, RANGE its print area
cat > "$T/one.py" <<'PY'
import re, sys, zipfile
src, dst, want, area = sys.argv[1:5]
z = zipfile.ZipFile(src)
wb = z.read('xl/workbook.xml').decode()
rels = z.read('xl/_rels/workbook.xml.rels').decode()
names = re.findall(r'<sheet name="([^"]*)"', wb)
idx = names.index(want)
def part(name):
    rid = re.search(r'<sheet name="%s" sheetId="\d+"(?: state="\w+")? r:id="(rId\d+)"' % re.escape(name), wb).group(1)
    return 'xl/' + re.search(r'Id="%s" Type="[^"]*" Target="([^"]*)"' % rid, rels).group(1)
target = part(want)
def hide(m):
    s = m.group(0)
    if 'name="%s"' % want in s:
        return s
    s = re.sub(r' state="\w+"', '', s)
    return s.replace(' r:id=', ' state="hidden" r:id=')
wb = re.sub(r'<sheet name="[^"]*"[^>]*/>', hide, wb)
wb = wb.replace('<workbookView ', '<workbookView activeTab="%d" ' % idx)
dn = '<definedName name="_xlnm.Print_Area" localSheetId="%d">\'%s\'!%s</definedName>' % (idx, want, area)
if '<definedNames>' in wb:
    wb = wb.replace('<definedNames>', '<definedNames>' + dn)
else:
    wb = wb.replace('<calcPr', '<definedNames>%s</definedNames><calcPr' % dn)
parts = {'xl/workbook.xml': wb}
s = z.read(target).decode()
s = re.sub(r'<pageSetup[^>]*/>', '', s)
if '<sheetPr' in s:
    s = re.sub(r'<sheetPr([^>]*?)(/?)>', lambda m: '<sheetPr%s>%s' % (m.group(1), '<pageSetUpPr fitToPage="1"/></sheetPr>' if m.group(2) else '<pageSetUpPr fitToPage="1"/>'), s, 1)
else:
    s = re.sub(r'(<worksheet[^>]*>)', r'\1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>', s, 1)
s = re.sub(r'(<pageMargins[^>]*/>)', r'\1<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>', s, 1)
parts[target] = s
out = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
for i in z.infolist():
    data = parts.get(i.filename)
    if data is None:
        data = z.read(i.filename)
        if i.filename.endswith('.vml'):  # comments shown, as the preparer opens them
            data = data.replace(b'visibility:hidden', b'visibility:visible')
    out.writestr(i, data)
out.close()
PY

"$Y" template "$T/src-feco.xlsx" --from "$EX"
# the ten mistakes of tests/e2e/annotate.sh, three of them here
python3 - "$T/src-feco.xlsx" "$T/src-bad.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
p = 'xl/worksheets/sheet5.xml'  # 支出明细
s = z.read(p).decode()
def put(s, ref, text):
    return re.sub(r'<c r="%s"(?: [^>]*)?(?:/>|>.*?</c>)' % ref, '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text), s, 1)
s = put(s, 'A3', '2110398')
s = put(s, 'F5', 'p-nonexistent')
s = put(s, 'H4', '五十')
out = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for i in z.infolist():
    out.writestr(i, s if i.filename == p else z.read(i.filename))
out.close()
PY
"$Y" check "$T/src-bad.xlsx" --annotate "$T/src-annotated.xlsx" > /dev/null 2>&1 || true

pic() { # WORKBOOK SHEET RANGE NAME
  python3 "$T/one.py" "$1" "$T/$4.xlsx" "$2" "$3"
  timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$T/lo" --convert-to pdf --outdir "$T" "$T/$4.xlsx" > /dev/null 2>&1
  # the page cropped to its words (pdftotext -bbox: points), plus a margin
  box=$(pdftotext -f 1 -l 1 -bbox "$T/$4.pdf" - | python3 -c '
import re, sys
w = [tuple(map(float, m)) for m in re.findall(r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\"", sys.stdin.read())]
r = 80 / 72.0
x0, y0 = max(0, min(a[0] for a in w) - 12), max(0, min(a[1] for a in w) - 12)
x1, y1 = max(a[2] for a in w) + 12, max(a[3] for a in w) + 12
print(int(x0 * r), int(y0 * r), int((x1 - x0) * r), int((y1 - y0) * r))')
  set -- "$@" $box
  pdftoppm -r 80 -png -f 1 -l 1 -singlefile -x "$5" -y "$6" -W "$7" -H "$8" "$T/$4.pdf" "$OUT/xlsx-$4"
  echo "docs/img/xlsx-$4.png"
}
pic "$T/src-feco.xlsx" 填表说明 '$A$1:$A$24' instructions
pic "$T/src-feco.xlsx" 校验 '$A$1:$F$14' checks
pic "$T/src-feco.xlsx" 支出明细 '$A$1:$H$16' expenditure
pic "$T/src-annotated.xlsx" 支出明细 '$A$1:$M$16' annotated
pic "$T/src-feco.xlsx" 说明 '$A$1:$B$6' notes
