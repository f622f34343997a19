#!/bin/sh
# End-to-end tests of reading scanned and damaged PDFs (docs/audit.md):
# pages of a real disclosure turned into images are read by OCR with their
# figures, marked as OCR pages, and no figure OCR reads is one the page does
# not hold; without tesseract's Chinese data the scanned pages are named;
# truncated, random, empty, page-less and password-protected files are
# reported plainly with exit 2.
# Usage: YUSUAN=build/bin/yusuan BUILD=build sh tests/e2e/ocr.sh
# Needs poppler-utils (pdftoppm, pdftotext), cc and cairo (tests/e2e/png2pdf.c),
# tesseract-ocr-chi-sim (scripts/deps.sh).
set -u
Y=${YUSUAN:-build/bin/yusuan}
B=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SRC="$ROOT/../shared/corpus/wide/guangzhou-2026-statistics-bureau-budget.pdf"
T=$(mktemp -d /tmp/yusuan-ocr.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() { echo "ocr: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

# Under AddressSanitizer: cairo and fontconfig keep a little memory (see
# tests/e2e/pdf.sh); tesseract, ended and deleted, leaks nothing.
printf 'leak:cairo_surface_finish\nleak:libfontconfig.so\n' > "$T/lsan.supp"
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$T/lsan.supp:print_suppressions=0"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS ASAN_OPTIONS

# ---- 1. damaged and non-PDF files: a plain message, exit 2 ----
# mkpdf OUT TRAILER-EXTRA OBJ...: a small PDF of objects 1..n with a right xref
mkpdf() {
  out=$1 extra=$2; shift 2
  printf '%%PDF-1.4\n' > "$out"
  n=0 offs=""
  for o in "$@"; do
    n=$((n + 1)) offs="$offs $(wc -c < "$out")"
    printf '%d 0 obj\n%s\nendobj\n' "$n" "$o" >> "$out"
  done
  x=$(wc -c < "$out")
  { printf 'xref\n0 %d\n0000000000 65535 f \n' $((n + 1))
    for f in $offs; do printf '%010d 00000 n \n' "$f"; done
    printf 'trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n' $((n + 1)) "$extra" "$x"; } >> "$out"
}
: > "$T/empty.pdf"
head -c 4096 /dev/urandom > "$T/random.pdf"
if [ -f "$SRC" ]; then head -c 200000 "$SRC" > "$T/truncated.pdf"; else head -c 300 "$T/random.pdf" > "$T/truncated.pdf"; fi
mkpdf "$T/nopages.pdf" "" "<< /Type /Catalog /Pages 2 0 R >>" "<< /Type /Pages /Kids [] /Count 0 >>"
mkpdf "$T/password.pdf" "/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]" \
  "<< /Type /Catalog /Pages 2 0 R >>" "<< /Type /Pages /Kids [3 0 R] /Count 1 >>" \
  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>" \
  "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <$(printf '%064d' 7)> /U <$(printf '%064d' 9)> >>"
for f in empty random truncated nopages password; do
  case $f in
    nopages) want="$T/$f.pdf: 不是完整的PDF文件（已损坏或被截断）: 文件中没有页面" ;;
    password) want="$T/$f.pdf: PDF文件有密码保护，无法读取" ;;
    *) want="$T/$f.pdf: 不是完整的PDF文件（已损坏或被截断）: " ;;
  esac
  for cmd in audit extract; do
    "$Y" $cmd "$T/$f.pdf" > "$T/out" 2> "$T/err"; rc=$?
    [ $rc -eq 2 ] && grep -qF "yusuan: $want" "$T/err" && { [ $cmd = extract ] || [ ! -s "$T/out" ]; } \
      && ok || bad "$cmd $f.pdf: rc=$rc, expected 2 and '$want': $(cat "$T/err")"
  done
done
"$Y" audit "$T/missing.pdf" 2> "$T/err"; rc=$?
[ $rc -eq 2 ] && grep -qF "$T/missing.pdf: 无法打开PDF文件" "$T/err" && ok || bad "missing file: rc=$rc $(cat "$T/err")"

# ---- 2. scanned pages are read by OCR ----
if [ ! -f "$SRC" ]; then
  if [ -n "${YUSUAN_ALLOW_MISSING_FIXTURES:-}" ]; then echo "skip (YUSUAN_ALLOW_MISSING_FIXTURES): $SRC not found"; else bad "$SRC not found (../shared; set YUSUAN_ALLOW_MISSING_FIXTURES=1 to skip)"; fi
  finish
fi
for tool in pdftoppm pdftotext cc pkg-config; do
  command -v "$tool" >/dev/null 2>&1 || { bad "$tool is not installed"; finish; }
done
# the helper that wraps page images into a PDF (no text glyphs on them)
cc -O2 -o "$T/png2pdf" "$ROOT/tests/e2e/png2pdf.c" $(pkg-config --cflags --libs cairo) 2> "$T/err" \
  || { bad "cannot build png2pdf: $(cat "$T/err")"; finish; }
# page 7 (收入总计 of 部门收支总表) and page 8 (收入总体情况表) at 200 dpi, and
# between them a page with real text
pdftoppm -r 200 -f 7 -l 8 -png "$SRC" "$T/pg" || bad "pdftoppm"
pdftotext -layout -f 7 -l 8 "$SRC" "$T/real.txt" || bad "pdftotext"
"$T/png2pdf" "$T/scan.pdf" 200 "$T"/pg-*7.png "text:A text page: total 1,234.56 and 2,345.67 of the year." "$T"/pg-*8.png \
  || { bad "png2pdf"; finish; }
"$Y" extract "$T/scan.pdf" -f text > "$T/scan.txt" 2> "$T/scan.err"; rc=$?
[ $rc -eq 0 ] && ok || bad "extract -f text of the scan: rc=$rc $(cat "$T/scan.err")"
# which pages were read by OCR: 1 and 3, not the text page
grep -qxF "yusuan: $T/scan.pdf: 第1、3页由OCR识别" "$T/scan.err" && ok || bad "OCR pages not reported as 1 and 3: $(cat "$T/scan.err")"
[ "$(tr -cd '\f' < "$T/scan.txt" | wc -c)" -eq 2 ] && ok || bad "expected three pages (two form feeds)"
awk 'BEGIN { RS = "\f" } NR == 2' "$T/scan.txt" | grep -qF '1,234.56' && ok || bad "the text page is not read from its glyphs"
# the figures that can be read on the page images, whole, in their rows
p1=$(awk 'BEGIN { RS = "\f" } NR == 1' "$T/scan.txt")
p3=$(awk 'BEGIN { RS = "\f" } NR == 3' "$T/scan.txt")
printf '%s\n' "$p1" | grep -E '收入总计 +9,483\.72( |$)' > /dev/null && ok || bad "page 1: 收入总计 9,483.72 not read"
printf '%s\n' "$p1" | grep -E '本年收入合计 +9,483\.72( |$)' > /dev/null && ok || bad "page 1: 本年收入合计 9,483.72 not read"
printf '%s\n' "$p3" | grep -E '合计 +9,483\.72 +9,433\.72 +0\.00' > /dev/null && ok || bad "page 3: 合计 row not read"
printf '%s\n' "$p3" | grep -E '广州市统计局 +6,748\.28 +6,698\.28 ' > /dev/null && ok || bad "page 3: 广州市统计局 row not read"
# the cells of a table row stay apart (two spaces or more), as in the text path
n=$(printf '%s\n' "$p3" | awk '/^ *合计 / { print split($0, a, /  +/) }' | head -1)
[ "${n:-0}" -ge 13 ] && ok || bad "page 3: the 合计 row has ${n:-no} cells, expected 13 (label and 12 figures)"
# never a wrong number: every word OCR gives as a plain figure is on the real pages
printf '%s\n%s\n' "$p1" "$p3" | tr ' ' '\n' | grep -E '^[0-9][0-9,]*\.[0-9]+$' | sort -u > "$T/figs"
tr -d ' ' < "$T/real.txt" > "$T/real.nosp"
wrong=0
while IFS= read -r f; do
  grep -qF -- "$f" "$T/real.nosp" || { echo "  OCR figure $f is not on the page"; wrong=$((wrong + 1)); }
done < "$T/figs"
[ "$(wc -l < "$T/figs")" -ge 6 ] && [ $wrong -eq 0 ] && ok || bad "$wrong wrong figures among $(wc -l < "$T/figs") read"
# an unsure figure carries its '?' after its last digit, never inside it
grep -qE '[0-9]\?[0-9,.]' "$T/scan.txt" && bad "a '?' inside a figure: $(grep -oE '[^ ]*[0-9]\?[0-9,.][^ ]*' "$T/scan.txt" | head -3)" || ok

# ---- 3. without tesseract's Chinese data the scanned pages are named ----
# (tesseract itself reads TESSDATA_PREFIX: a directory with English only)
eng=$(ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata 2>/dev/null | head -1)
if [ -n "$eng" ]; then
  mkdir -p "$T/tessdata" && ln -s "$eng" "$T/tessdata/"
  TESSDATA_PREFIX="$T/tessdata" "$Y" extract "$T/scan.pdf" -f text > "$T/out" 2> "$T/err"; rc=$?
  [ $rc -eq 2 ] && grep -qF "yusuan: $T/scan.pdf: 第1、3页是扫描图像，需要 tesseract-ocr-chi-sim 才能识别" "$T/err" \
    && ok || bad "without chi_sim: rc=$rc $(cat "$T/err")"
elif [ -n "${YUSUAN_ALLOW_MISSING_FIXTURES:-}" ]; then
  echo "skip (YUSUAN_ALLOW_MISSING_FIXTURES): eng.traineddata not found"
else
  bad "eng.traineddata not found (tesseract-ocr-eng, scripts/deps.sh; set YUSUAN_ALLOW_MISSING_FIXTURES=1 to skip)"
fi

finish
