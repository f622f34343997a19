# An xlsx workbook's cells, for golden files: every sheet in order, one line per
# cell (reference, value with shared strings resolved, formula).
# Usage: python3 tests/e2e/xlsx_cells.py BOOK.xlsx
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
