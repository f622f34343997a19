#!/bin/sh
# End-to-end tests of the PDF renderer (docs/pdf.md): the example's PDF holds
# every figure of the text report, its 目录 carries the right page numbers, no
# page is blank, nothing is drawn in the outer 15 mm of a page (but the
# footer band), long tables and rows break across pages, and a failed write
# leaves no file.
# Usage: YUSUAN=build/bin/yusuan BUILD=build sh tests/e2e/pdf.sh
# Needs poppler-utils (pdftotext, pdftoppm, pdfinfo, pdffonts) and od, awk.
# Page images are kept in $BUILD/pdf/ (page-NN.png at 50 dpi) for a look.
set -u
Y=${YUSUAN:-build/bin/yusuan}
B=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EX="$ROOT/examples/feco-2024"
OUT="$B/pdf"
T=$(mktemp -d /tmp/yusuan-pdf.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0

# Under AddressSanitizer (make check): cairo 1.16 leaks a little while
# subsetting fonts in cairo_surface_finish, and fontconfig keeps part of its
# parsed configuration; neither is ours.  Suppress exactly those (with full
# unwinding, so the suppressions see frames inside the libraries) and keep
# leak detection for everything else.  No effect on a build without ASan.
printf 'leak:cairo_surface_finish\nleak:libfontconfig.so\n' > "$T/lsan.supp"
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$T/lsan.supp:print_suppressions=0"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS ASAN_OPTIONS

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() { echo "pdf: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

for tool in pdftotext pdftoppm pdfinfo pdffonts od awk; do
  command -v "$tool" >/dev/null 2>&1 || { bad "$tool is not installed (poppler-utils)"; finish; }
done
mkdir -p "$OUT" && rm -f "$OUT"/*.png "$OUT"/*.pdf

# Pixel statistics of a binary PGM (P5, maxval 255) at DPI: prints
# "width height ink margin": ink = non-white pixels outside the footer band,
# margin = those of them within the outer 15 mm (left, right, top).
pgm_stats() { # file dpi
  od -An -v -tu1 "$1" | awk -v dpi="$2" '
    BEGIN { st = 0; tok = ""; band = int(15 * dpi / 25.4) }
    {
      for (i = 1; i <= NF; i++) {
        b = $i
        if (st < 4) {
          if (b == 32 || b == 10 || b == 9 || b == 13) {
            if (tok != "") { hdr[st++] = tok; tok = "" }
            if (st == 4) { w = hdr[1] + 0; h = hdr[2] + 0 }
          } else tok = tok sprintf("%c", b)
          continue
        }
        x = n % w; y = int(n / w); n++
        if (b < 200 && y < h - band) {
          ink++
          if (x < band || x >= w - band || y < band) margin++
        }
      }
    }
    END { printf "%d %d %d %d\n", w, h, ink + 0, margin + 0 }'
}

# ---- 1. the example as PDF ----
PDF="$OUT/feco-2024.pdf"
if "$Y" report "$EX" -f pdf -o "$PDF" 2> "$T/err"; then ok; else bad "report -f pdf: $(cat "$T/err")"; finish; fi
[ "$(head -c 4 "$PDF")" = "%PDF" ] && ok || bad "the file does not start with %PDF"
pdfinfo "$PDF" > "$T/info" 2>&1 || bad "pdfinfo cannot read the file"
pages=$(awk '/^Pages:/ { print $2 }' "$T/info")
[ "${pages:-0}" -ge 10 ] && ok || bad "expected at least 10 pages, got ${pages:-none}"
grep -q '^Title: *生态环境部对外合作与交流中心部门预算$' "$T/info" && ok || bad "metadata: title: $(grep '^Title' "$T/info")"
grep -q '^Creator: *yusuan$' "$T/info" && ok || bad "metadata: creator: $(grep '^Creator' "$T/info")"
grep -q '^Page size: *595.276 x 841.89 pts (A4)' "$T/info" && ok || bad "first page is not A4 portrait"
pdffonts "$PDF" > "$T/fonts" 2>&1
grep -q 'NotoSansCJKsc-Regular .* yes yes yes' "$T/fonts" && grep -q 'NotoSerifCJKsc-Regular' "$T/fonts" \
  && ok || { bad "fonts: Noto Sans/Serif CJK SC, embedded, with ToUnicode maps expected"; cat "$T/fonts"; }
# never wider than A4 in either direction
pdfinfo -f 1 -l "${pages:-1}" "$PDF" | awk '/^Page .* size:/ { if (!(($4 == "595.276" && $6 == "841.89") || ($4 == "841.89" && $6 == "595.276"))) bad++ } END { exit bad > 0 }' \
  && ok || bad "a page is not A4"

# ---- 2. every figure, title and part of the document is in the text of the PDF ----
"$Y" report "$EX" -f txt > "$T/doc.txt" || bad "report -f txt"
pdftotext -layout "$PDF" "$T/pdf.txt" || bad "pdftotext"
tr -d ' \f' < "$T/pdf.txt" > "$T/pdf.nosp"          # spaces removed, lines kept: a figure never breaks
tr -d ' \n\f' < "$T/pdf.txt" > "$T/pdf.flat"        # headings may wrap
grep -oE '[0-9][0-9,]*\.[0-9]{2}' "$T/doc.txt" | sort -u > "$T/figures"
grep -oE '[0-9][0-9,]*(\.[0-9]+)?%' "$T/doc.txt" | sort -u >> "$T/figures"
n=$(wc -l < "$T/figures")
[ "$n" -ge 50 ] && ok || bad "expected at least 50 distinct figures in the text report, got $n"
missing=0
while IFS= read -r f; do
  grep -qF -- "$f" "$T/pdf.nosp" || { echo "  figure $f is not in the PDF text"; missing=$((missing + 1)); }
done < "$T/figures"
[ $missing -eq 0 ] && ok || bad "$missing of $n figures missing from the PDF"
for p in 第一部分 第二部分 第三部分 第四部分; do
  [ "$(grep -c "^$p\$" "$T/pdf.nosp")" -ge 1 ] && ok || bad "part heading $p missing"
done
grep -qF '单位：万元' "$T/pdf.nosp" && ok || bad "单位：万元 line missing"
grep -qF '（注：2024年生态环境部对外合作与交流中心部门预算中没有使用财政拨款安排的“三公”经费支出。）' "$T/pdf.flat" \
  && ok || bad "the empty-table note of the 三公 table is missing"
# the 目录 entries of the text report
awk '/^目 录$/ { on = 1; next } on && /^第一部分$/ { exit } on && NF' "$T/doc.txt" | tr -d ' ' > "$T/toc"
[ "$(wc -l < "$T/toc")" -ge 15 ] && ok || bad "expected at least 15 目录 entries in the text report"
# split the PDF text into pages (pdftotext ends each page with a form feed)
awk -v dir="$T" 'BEGIN { RS = "\f" } { f = dir "/page." NR; printf "%s", $0 > f; close(f) }' "$T/pdf.txt"
missing=0 wrong=0
while IFS= read -r e; do
  # every entry's heading is in the PDF (table entries without their number)
  t=$(printf '%s\n' "$e" | sed -E 's/^(一|二|三|四|五|六|七|八|九|十)+、//')
  grep -qF -- "$t" "$T/pdf.flat" || { echo "  heading not in the PDF: $t"; missing=$((missing + 1)); }
  # the 目录 line ends with a page number ...
  num=$(awk -v e="$e" 'index($0, e) == 1 { r = substr($0, length(e) + 1); if (r ~ /^[0-9]+$/) { print r; exit } }' "$T/pdf.nosp")
  if [ -z "$num" ]; then echo "  目录 line without a page number: $e"; wrong=$((wrong + 1)); continue; fi
  # ... and that page (the one whose footer reads "- num -") holds the heading
  found=0
  for pf in "$T"/page.*; do
    last=$(tr -d ' ' < "$pf" | awk 'NF { l = $0 } END { print l }')
    if [ "$last" = "-$num-" ]; then
      tr -d ' \n' < "$pf" | grep -qF -- "$t" && found=1
      break
    fi
  done
  [ $found -eq 1 ] || { echo "  目录: '$e' points to page $num, which does not hold it"; wrong=$((wrong + 1)); }
done < "$T/toc"
[ $missing -eq 0 ] && ok || bad "$missing 目录 headings missing from the PDF"
[ $wrong -eq 0 ] && ok || bad "$wrong 目录 lines without the right page number"
# the 目录 lines link to named destinations that exist
grep -ao '/Dest ([A-Za-z0-9_.-]*)' "$PDF" | sed 's/^\/Dest (//; s/)$//' > "$T/links"
pdfinfo -dests "$PDF" | awk 'NR > 1 { n = $NF; gsub(/"/, "", n); print n }' > "$T/dests"
nl=$(wc -l < "$T/links")
unres=$(grep -cvxF -f "$T/dests" "$T/links")
[ "$nl" -eq "$(wc -l < "$T/toc")" ] && [ "$unres" -eq 0 ] && ok || bad "目录 links: $nl links for $(wc -l < "$T/toc") entries, $unres unresolved"
# footer page numbers: the body pages are numbered 1, 2, … in order
awk 'BEGIN { RS = "\f" } NF { n = split($0, L, "\n"); last = ""; for (i = n; i >= 1; i--) { s = L[i]; gsub(/ /, "", s); if (s != "") { last = s; break } } if (last ~ /^-[0-9]+-$/) { gsub(/-/, "", last); if (last != want + 1) bad++; want = last } } END { exit !(want >= 10 && bad == 0) }' "$T/pdf.txt" \
  && ok || bad "footer page numbers are not 1, 2, 3, … on the body pages"

# ---- 3. page images: no blank page, nothing in the outer 15 mm but the footer ----
pdftoppm -r 50 -png "$PDF" "$OUT/page" && ok || bad "pdftoppm -png"
[ "$(ls "$OUT"/page-*.png 2>/dev/null | wc -l)" -eq "${pages:-0}" ] && ok || bad "expected $pages page images"
pdftoppm -gray -r 30 "$PDF" "$T/g" || bad "pdftoppm -gray"   # -gray writes PGM
blank=0 over=0
for g in "$T"/g-*.pgm; do
  set -- $(pgm_stats "$g" 30)
  [ "$3" -gt 0 ] || { echo "  blank page: $(basename "$g")"; blank=$((blank + 1)); }
  [ "$4" -eq 0 ] || { echo "  $(basename "$g"): $4 dark pixels within 15 mm of the edge"; over=$((over + 1)); }
done
[ $blank -eq 0 ] && ok || bad "$blank blank pages"
[ $over -eq 0 ] && ok || bad "$over pages draw past the margins"

# ---- 4. atomic output: a path in a missing directory fails and leaves nothing ----
"$Y" report "$EX" -f pdf -o "$T/nodir/out.pdf" 2> "$T/err"; rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/nodir/out.pdf" ] && [ ! -e "$T/nodir" ] && ok || bad "write into a missing directory: rc=$rc $(cat "$T/err")"
# an existing file is replaced whole (the bytes differ only in /CreationDate)
printf 'old' > "$T/keep.pdf"
"$Y" report "$EX" -f pdf -o "$T/keep.pdf" && [ "$(wc -c < "$T/keep.pdf")" -eq "$(wc -c < "$PDF")" ] \
  && [ "$(cmp -l "$T/keep.pdf" "$PDF" | wc -l)" -le 14 ] && ok || bad "rewriting an existing PDF"
[ "$(ls "$T" | grep -c 'keep.pdf.')" -eq 0 ] && ok || bad "a temporary file was left beside the output"

# ---- 5. long tables and a row taller than a page ----
# The example with 55 more 功能分类 项 (部门支出总表 runs over several pages) and
# a 年度总体目标 fourteen times as long (taller than a page).
S="$T/stress"
cp -r "$EX" "$S"
grep -E '^211[0-9]{4}	' "$ROOT/data/catalog/func-2024.tsv" | cut -f1 \
  | grep -v -x -e 2110102 -e 2110106 -e 2110107 -e 2110108 -e 2110199 -e 2110302 -e 2110304 -e 2110399 \
      -e 2110401 -e 2110404 -e 2110499 -e 2111101 -e 2111102 | head -55 > "$T/codes"
nadd=$(wc -l < "$T/codes")
awk '{ printf "%s,project,nonfiscal,,p-apec-gsc,,1.00\n", $1 }' "$T/codes" >> "$S/expenditure.csv"
awk -F, -v n="$nadd" 'BEGIN { OFS = "," } $1 == "out_nf" { $2 = sprintf("%.2f", $2 - n) } { print }' "$EX/funds.csv" > "$S/funds.csv"
awk 'BEGIN { FS = OFS = "," }
     NR > 1 && $1 == "p-apec-gsc" { g = substr($0, index($0, "\"")); s = g; for (i = 1; i < 14; i++) s = s "\n" g; gsub(/"\n"/, "\n", s); print $1, $2, $3, $4, $5, $6, s; next }
     { print }' "$EX/projects.csv" > "$S/projects.csv"
SP="$OUT/stress.pdf"
if "$Y" report "$S" -f pdf -o "$SP" 2> "$T/err"; then ok; else bad "stress report: $(cat "$T/err")"; fi
pdftotext -layout "$SP" "$T/s.txt" 2>/dev/null
[ "$(grep -c '部门支出总表（续）' "$T/s.txt")" -ge 1 ] && ok || bad "stress: 部门支出总表 does not continue on a second page"
# each continuation page repeats the header row
awk 'BEGIN { RS = "\f" } /部门支出总表（续）/ { n++; if (index($0, "科目编码") && index($0, "基本支出")) h++ } END { exit !(n > 0 && h == n) }' "$T/s.txt" \
  && ok || bad "stress: a continuation page of 部门支出总表 lacks the header"
[ "$(grep -c '项目绩效目标表（续）' "$T/s.txt")" -ge 1 ] && ok || bad "stress: the long 年度总体目标 does not continue on the next page"
"$Y" report "$S" -f txt > "$T/s.doc"
tr -d ' ' < "$T/s.txt" > "$T/s.nosp"
missing=0
for f in $(grep -oE '[0-9][0-9,]*\.[0-9]{2}' "$T/s.doc" | sort -u); do
  grep -qF -- "$f" "$T/s.nosp" || missing=$((missing + 1))
done
[ $missing -eq 0 ] && ok || bad "stress: $missing figures missing"
pdftoppm -gray -r 30 "$SP" "$T/s" || bad "pdftoppm stress"
blank=0 over=0
for g in "$T"/s-*.pgm; do
  set -- $(pgm_stats "$g" 30)
  [ "$3" -gt 0 ] || blank=$((blank + 1))
  [ "$4" -eq 0 ] || { echo "  stress $(basename "$g"): $4 dark pixels within 15 mm of the edge"; over=$((over + 1)); }
done
[ $blank -eq 0 ] && ok || bad "stress: $blank blank pages"
[ $over -eq 0 ] && ok || bad "stress: $over pages draw past the margins"

finish
