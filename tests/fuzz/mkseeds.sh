#!/bin/sh
# Writes the seed corpora of the harnesses into tests/fuzz/corpus/NAME/ from
# examples/, data/ and ../shared/seeds (small files only: the PDFs of
# ../shared/corpus are seeds of `make fuzz` by path, never committed).
# The seeds are committed; run this again after a format changes.
# Usage: YUSUAN=build/bin/yusuan sh tests/fuzz/mkseeds.sh   (needs python3 for the PDF seeds)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
Y=${YUSUAN:-$ROOT/build/bin/yusuan}
EX="$ROOT/examples/feco-2024"
SHARED=${SHARED:-$ROOT/../shared}
C="$ROOT/tests/fuzz/corpus"
for n in csv package layout catalog xlsx text pdf; do rm -rf "${C:?}/$n"; mkdir -p "$C/$n"; done

# csv: every CSV of the example, and the reader's corners
cp "$EX"/*.csv "$C/csv/"
printf 'a,"b ""q"" c",d\r\n"multi\r\nline",2,3\n' > "$C/csv/quotes.csv"
printf '\357\273\277code,amount\n201,"1,368.00"\n' > "$C/csv/bom.csv"

# package: the example in one file ("=== NAME" sections), and the unit alone
for f in "$EX"/*; do printf '=== %s\n' "$(basename "$f")"; cat "$f"; done > "$C/package/feco-2024.pkg"
for f in unit.txt funds.csv expenditure.csv; do printf '=== %s\n' "$f"; cat "$EX/$f"; done > "$C/package/minimal.pkg"

# layout, catalog: the data files
cp "$ROOT"/data/layouts/*.layout "$C/layout/"
cp "$ROOT/data/catalog/econ-dept-2024.tsv" "$C/catalog/"
head -n 60 "$ROOT/data/catalog/func-2024.tsv" > "$C/catalog/func-head.tsv"

# xlsx: the empty input workbook and the example's
"$Y" template "$C/xlsx/empty.xlsx"
"$Y" template "$C/xlsx/feco-2024.xlsx" --from "$EX"

# text: the example's published text, the seed document, one small table
"$Y" report "$EX" -o "$C/text/feco-2024.txt"
[ -f "$SHARED/seeds/000_8695804fa423503c.txt" ] && cp "$SHARED/seeds/000_8695804fa423503c.txt" "$C/text/seed-000.txt"
cat > "$C/text/table.txt" <<'T'
某某单位2024年部门预算

一般公共预算支出表

单位：万元

科目编码      科目名称                    合计         基本支出       项目支出
201           一般公共服务支出           300.00         200.00         100.00
  20101       人大事务                   300.00         200.00         100.00
    2010101   行政运行                   200.00         200.00
    2010102   一般行政管理事务           100.00                        100.00
              合计                       310.00         200.00         100.00

二、一般公共预算支出情况说明：2024年一般公共预算支出300万元，比上年增加10万元，增长3.45%。
T

# pdf: two tiny hand-made PDFs (a table of figures in Helvetica; the same cut short)
python3 - "$C/pdf" <<'P'
import sys
out = sys.argv[1]
lines = ["2024 Budget Expenditure", "Unit: 10k yuan", "Code  Name              Total   Basic   Project",
         "201   General services  300.00  200.00  100.00", "20101 Congress          300.00  200.00  100.00",
         "      Total             310.00  200.00  100.00"]
content = "BT /F1 10 Tf 14 TL 50 780 Td " + " ".join("(%s) '" % l for l in lines) + " ET"
objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)]
pdf = b"%PDF-1.4\n"
offs = []
for i, o in enumerate(objs):
    offs.append(len(pdf))
    pdf += ("%d 0 obj\n%s\nendobj\n" % (i + 1, o)).encode()
x = len(pdf)
pdf += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode()
pdf += "".join("%010d 00000 n \n" % o for o in offs).encode()
pdf += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)).encode()
open(out + "/table.pdf", "wb").write(pdf)
open(out + "/truncated.pdf", "wb").write(pdf[: len(pdf) * 2 // 3])
P
du -sh "$C"/*
