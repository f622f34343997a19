#!/bin/sh
# End-to-end tests of the HTML output (issue 5, docs/html.md): the golden
# file, the document's structure (tables, header spans, forms, charts,
# self-containment, escaping), and headless Chromium: it parses and draws
# the page without console errors and prints it to A4 with every table on a
# new page.
# Usage: YUSUAN=build/bin/yusuan BUILD=build sh tests/e2e/html.sh
#        (UPDATE_GOLDEN=1 rewrites tests/golden/feco-2024.html;
#         CHROMIUM=/path/to/chromium picks another browser binary)
# The page and its screenshot stay in $BUILD/html/ (feco-2024.html, .png, .pdf).
set -u
Y=${YUSUAN:-build/bin/yusuan}
B=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EX="$ROOT/examples/feco-2024"
GOLD="$ROOT/tests/golden/feco-2024.html"
mkdir -p "$B/html" || exit 1
OUT=$(cd "$B/html" && pwd)
T=$(mktemp -d /tmp/yusuan-html.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
count() { grep -o -- "$1" "$2" | wc -l | tr -d ' '; } # occurrences of a pattern in a file

H="$OUT/feco-2024.html"
rm -f "$H"

# ---- 1. golden file ----
if "$Y" report "$EX" -f html -o "$H"; then
  ok
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$H" "$GOLD"; ok
  elif cmp -s "$H" "$GOLD"; then ok
  else bad "golden feco-2024.html differs:"; diff "$GOLD" "$H" | head -20; fi
else
  bad "report -f html failed"
  echo "html: $pass passed, $fail failed"
  exit 1
fi
# stdout gives the same bytes
"$Y" report "$EX" -f html > "$T/stdout.html" && cmp -s "$T/stdout.html" "$H" && ok || bad "report -f html to stdout"

# ---- 2. structure ----
for t in 部门收支总表 部门收入总表 部门支出总表 财政拨款收支总表 一般公共预算支出表 一般公共预算基本支出表 \
         一般公共预算“三公”经费支出表 政府性基金预算支出表 国有资本经营预算支出表; do
  grep -q "<h3 id=\"t-[a-z]*-h\">$t</h3>" "$H" && ok || bad "table title $t missing"
done
n=$(count '<section class="perf' "$H"); [ "$n" -eq 8 ] && ok || bad "expected 8 performance forms, got $n"
n=$(count '<caption>项目绩效目标表<span>（2024年度）</span></caption>' "$H")
[ "$n" -eq 8 ] && ok || bad "expected 8 绩效目标表 captions, got $n"
nsvg=$(count '<svg ' "$H"); [ "$nsvg" -ge 4 ] && ok || bad "expected at least 4 charts, got $nsvg"
for id in fig-income fig-class fig-split fig-projects fig-yoy; do
  grep -q "<figure class=\"chart\" id=\"$id\">" "$H" && ok || bad "chart $id missing"
done
# every chart: role="img", a <title>, a <desc>, and a hidden data table
[ "$(count '<svg role="img" aria-labelledby="fig-[a-z]*-t fig-[a-z]*-d"' "$H")" -eq "$nsvg" ] && ok || bad "svg without role=img/aria-labelledby"
[ "$(count '<title id="fig-[a-z]*-t">' "$H")" -eq "$nsvg" ] && ok || bad "svg without <title>"
[ "$(count '<desc id="fig-[a-z]*-d">' "$H")" -eq "$nsvg" ] && ok || bad "svg without <desc>"
[ "$(count '<table class="sr-only">' "$H")" -eq "$nsvg" ] && ok || bad "chart without a data table"
# self-contained: no scripts, no links out, no fonts or images fetched
grep -qi '<script' "$H" && bad "the page has a <script>" || ok
grep -qE 'https?://' "$H" && bad "the page names an http(s) URL: $(grep -oE 'https?://[^ "]*' "$H" | head -3)" || ok
grep -qiE '@import|@font-face|url\(|<img|<link|<iframe|<object|<embed| src=' "$H" && bad "the page loads something external" || ok
grep -q "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"" "$H" && ok || bad "CSP meta missing"
# fonts and print CSS
grep -q 'font-family:"Noto Sans CJK SC","Noto Serif CJK SC",sans-serif' "$H" && ok || bad "font stack"
grep -q '@page{size:A4' "$H" && ok || bad "@page size A4"
grep -q '.brk,nav.toc,section.tbl{break-before:page;page-break-before:always}' "$H" && ok || bad "tables do not start a new page"
grep -q 'thead{display:table-header-group}' "$H" && ok || bad "thead does not repeat"
# 单位 line on every table, empty tables keep their note
[ "$(count '<p class="unit">单位：万元</p>' "$H")" -eq 9 ] && ok || bad "单位：万元 lines"
for note in 没有使用财政拨款安排的一般公共预算基本支出 没有使用财政拨款安排的“三公”经费支出 \
            没有使用政府性基金预算拨款安排的支出 没有使用国有资本经营预算拨款安排的支出; do
  grep -q "<p class=\"note\">（注：2024年生态环境部对外合作与交流中心部门预算中$note。）</p>" "$H" && ok || bad "note $note"
done
# multi-level headers of 一般公共预算支出表 (three levels)
sed -n '/id="t-gpb"/,/<\/thead>/p' "$H" > "$T/gpb"
grep -q '<th scope="colgroup" colspan="2">功能分类科目</th><th scope="colgroup" colspan="2">2023年执行数</th><th scope="colgroup" colspan="4">2024年预算数</th>' "$T/gpb" && ok || bad "gpb header level 1"
grep -q '<th scope="col" rowspan="2">科目编码</th>' "$T/gpb" && ok || bad "gpb header: 科目编码 spans down"
grep -q '<th scope="colgroup" colspan="3">年初预算数</th><th scope="col" rowspan="2">扣除中央基建投资后预算数</th>' "$T/gpb" && ok || bad "gpb header level 2"
grep -q '<tr><th scope="col">小计</th><th scope="col">基本支出</th><th scope="col">项目支出</th></tr>' "$T/gpb" && ok || bad "gpb header level 3"
# row headers, numbers right-aligned, totals bold
grep -q '<tr class="total"><td class="code"></td><th scope="row">合计</th><td class="n">29,205.35</td><td class="n">14,640.00</td><td class="n">14,565.35</td>' "$H" && ok || bad "部门支出总表 total row"
grep -q '<tr class="total"><th scope="row">收 入 总 计</th><td class="n">47,442.55</td><th scope="row">支 出 总 计</th><td class="n">47,442.55</td></tr>' "$H" && ok || bad "部门收支总表 grand total row"
grep -q 'tr.total th,tr.total td,tr.head th,tr.head td{font-weight:bold}' "$H" && ok || bad "total rows bold"
# performance form: 一级/二级 merged with rowspan, 项目资金 rows
sed -n '/id="perf-1"/,/<\/section>/p' "$H" > "$T/perf1"
grep -q '<tr><th scope="row">二级项目名称</th><td colspan="5">APEC供应链可持续发展能力建设</td></tr>' "$T/perf1" && ok || bad "perf: 二级项目名称"
grep -q '<th scope="row">主管部门及代码</th><td colspan="2">\[144\]生态环境部</td><th scope="row">实施单位</th>' "$T/perf1" && ok || bad "perf: 主管部门及代码/实施单位"
grep -q '<th scope="rowgroup" rowspan="4">项目资金（万元）</th><th scope="row">年度资金总额</th><td class="n">33.00</td>' "$T/perf1" && ok || bad "perf: 项目资金"
grep -q '<th scope="row" rowspan="4">执行率分值（10）</th><td colspan="2" rowspan="4"></td></tr>' "$T/perf1" && ok || bad "perf: 执行率分值"
grep -q '<tr><td rowspan="4">产出指标</td><td rowspan="2">数量指标</td><td>APEC绿色供应链能力建设研讨会</td><td>=1次</td><td class="n">30</td></tr>' "$T/perf1" && ok || bad "perf: indicator rowspans"
grep -q '<td>相关单位对项目满意度</td><td>&gt;85%</td>' "$T/perf1" && ok || bad "perf: escaped indicator value"
# every figure of the text report's tables is printed in the HTML
"$Y" report "$EX" -o "$T/out.txt"
missing=0
for num in $(awk '/^第二部分$/{n=1} /^第三部分$/{n=0} n' "$T/out.txt" | grep -oE -- '-?[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}' | sort -u); do
  grep -qF -- ">$num<" "$H" || { echo "  figure $num not in the HTML"; missing=$((missing + 1)); }
done
[ $missing -eq 0 ] && ok || bad "$missing figures of the tables missing"
# 目录 links resolve
missing=0
for a in $(grep -o 'href="#[^"]*"' "$H" | sed 's/href="#//; s/"$//' | sort -u); do
  grep -q "id=\"$a\"" "$H" || { echo "  link #$a has no target"; missing=$((missing + 1)); }
done
[ "$(count '<a href="#' "$H")" -ge 16 ] && [ $missing -eq 0 ] && ok || bad "目录 links: $missing without target"
# every table has a <thead>, and every row of every table section fills the
# same number of columns once rowspans and colspans are counted
cat > "$T/grid.awk" <<'EOF'
function flush(   i, c, w) {
  if (!insec) return
  for (k in occ) { split(k, rc, SUBSEP); if (rc[1] + 0 >= nrows) { print "table " tno ": a rowspan runs past its " sec; bad++ } }
  for (i = 0; i < nrows; i++) { w = 0; for (c = 0; c <= maxc; c++) if ((i, c) in occ) w++
    if (width < 0) width = w
    else if (w != width) { print "table " tno " (" sec " row " i + 1 "): " w " columns, expected " width; bad++ } }
  insec = 0
}
BEGIN { RS = "<"; bad = 0; tno = 0 }
{
  tag = $0; sub(/[ >\n].*/, "", tag); tag = tolower(tag)
  if (tag == "table") { tno++; width = -1; head = 0 }
  else if (tag == "thead" || tag == "tbody") { flush(); insec = 1; sec = tag; split("", occ); nrows = 0; r = -1; maxc = 0; if (tag == "thead") head = 1 }
  else if (tag == "/thead" || tag == "/tbody") flush()
  else if (tag == "/table") { flush(); if (!head) { print "table " tno " has no <thead>"; bad++ } }
  else if (tag == "tr") { r++; nrows = r + 1; c = 0 }
  else if (tag == "th" || tag == "td") {
    cs = 1; rs = 1; a = $0; sub(/>.*/, "", a)
    if (match(a, /colspan="[0-9]+"/)) cs = substr(a, RSTART + 9, RLENGTH - 10) + 0
    if (match(a, /rowspan="[0-9]+"/)) rs = substr(a, RSTART + 9, RLENGTH - 10) + 0
    while ((r, c) in occ) c++
    for (i = 0; i < rs; i++) for (j = 0; j < cs; j++) { if ((r + i, c + j) in occ) { print "table " tno ": cells overlap"; bad++ } occ[r + i, c + j] = 1 }
    c += cs; if (c - 1 > maxc) maxc = c - 1
  }
}
END { print tno " tables"; exit bad > 0 }
EOF
if msg=$(awk -f "$T/grid.awk" "$H"); then ok; else bad "table grids:"; echo "$msg" | head -10; fi
[ "$(count '<table' "$H")" -eq "$(count '<thead>' "$H")" ] && ok || bad "a <table> without <thead>"
# text is escaped: a unit and a project named with & < > "
rm -rf "$T/p"; cp -r "$EX" "$T/p"
sed -i 's/^name = .*/name = A\&B<i>"中心"/' "$T/p/unit.txt"
sed -i 's/^p-apec-gsc,APEC供应链可持续发展能力建设,/p-apec-gsc,"<script>x()<\/script> \& ""APEC""",/' "$T/p/projects.csv"
if "$Y" report "$T/p" -f html -o "$T/esc.html" 2> "$T/esc.err"; then
  grep -q '<title>A&amp;B&lt;i&gt;&quot;中心&quot;2024年部门预算</title>' "$T/esc.html" && ok || bad "escaping: unit name in <title>"
  grep -q '&lt;script&gt;x()&lt;/script&gt; &amp; &quot;APEC&quot;' "$T/esc.html" && ok || bad "escaping: project name"
  grep -qi '<script\|<i>' "$T/esc.html" && bad "escaping: raw markup from the data in the page" || ok
  awk -f "$T/grid.awk" "$T/esc.html" > /dev/null && ok || bad "escaping: table grids"
else
  bad "report of a package with & < > \" in names: $(cat "$T/esc.err")"
fi

# ---- 3. headless Chromium: parse, draw, no console errors ----
CH=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CH" ] || CH=$(command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || echo "")
TO=""; command -v timeout > /dev/null && TO="timeout 180"
chrome() { # output-option url
  $TO "$CH" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" \
    --enable-logging=stderr --v=0 "$@"
}
console_errors() { # stderr file: console messages (the page has no script, so any is an error), uncaught errors
  grep -E 'Uncaught|ERROR:.*[Cc]onsole|:CONSOLE' "$1" | head -5
}
if [ -z "$CH" ] || [ ! -x "$CH" ]; then
  bad "chromium not found (looked for ${CHROMIUM:-/usr/bin/chromium} and chromium in PATH): install it with scripts/deps.sh"
else
  rm -f "$OUT/feco-2024.png" "$OUT/feco-2024.pdf"
  chrome --screenshot="$OUT/feco-2024.png" --window-size=1280,4000 "file://$H" > "$T/shot.out" 2> "$T/shot.err"
  if [ -s "$OUT/feco-2024.png" ] && [ "$(head -c 4 "$OUT/feco-2024.png" | od -An -c | tr -d ' \n')" = "211PNG" ]; then ok
  else bad "chromium screenshot failed: $(tail -3 "$T/shot.err")"; fi
  e=$(console_errors "$T/shot.err"); [ -z "$e" ] && ok || bad "console errors (screenshot): $e"
  chrome --dump-dom "file://$H" > "$T/dom.html" 2> "$T/dom.err"
  e=$(console_errors "$T/dom.err"); [ -z "$e" ] && ok || bad "console errors (dump-dom): $e"
  [ "$(count '<table' "$T/dom.html")" -eq "$(count '<table' "$H")" ] && [ "$(count '<table' "$H")" -ge 22 ] && ok \
    || bad "DOM tables: $(count '<table' "$T/dom.html") parsed, $(count '<table' "$H") written"
  [ "$(count '<svg ' "$T/dom.html")" -eq "$nsvg" ] && ok || bad "DOM svgs: $(count '<svg ' "$T/dom.html") of $nsvg"
  [ "$(count '<thead>' "$T/dom.html")" -eq "$(count '<table' "$T/dom.html")" ] && ok || bad "DOM: a table lost its thead"
  [ "$(count '<path d="M' "$T/dom.html")" -ge 2 ] && [ "$(count '<rect ' "$T/dom.html")" -ge 10 ] && ok || bad "DOM: chart shapes missing"
  awk -f "$T/grid.awk" "$T/dom.html" > /dev/null && ok || bad "DOM: table grids"

  # ---- 4. print to PDF: A4, the tables each on a new page ----
  chrome --no-pdf-header-footer --print-to-pdf="$OUT/feco-2024.pdf" "file://$H" > "$T/pdf.out" 2> "$T/pdf.err"
  if [ -s "$OUT/feco-2024.pdf" ]; then
    ok
    e=$(console_errors "$T/pdf.err"); [ -z "$e" ] && ok || bad "console errors (print): $e"
    if command -v pdftotext > /dev/null; then
      pdftotext -layout "$OUT/feco-2024.pdf" "$T/pdf.txt"
      grep -q 部门收支总表 "$T/pdf.txt" && grep -q '47,442\.55' "$T/pdf.txt" && ok || bad "printed PDF lacks 部门收支总表 / 47,442.55"
      # each table title is the first line of a page
      for t in 部门收支总表 部门收入总表 部门支出总表 财政拨款收支总表 一般公共预算支出表 一般公共预算基本支出表 \
               一般公共预算“三公”经费支出表 政府性基金预算支出表 国有资本经营预算支出表; do
        awk -v t="$t" 'BEGIN { RS = "\f" } { n = split($0, L, "\n"); for (i = 1; i <= n; i++) { s = L[i]; gsub(/^[ \t]+|[ \t]+$/, "", s); if (s != "") { if (s == t) f = 1; break } } } END { exit !f }' "$T/pdf.txt" \
          && ok || bad "printed: $t does not start a page"
      done
      # repeated header rows: with wide page margins 部门支出总表 runs over
      # several pages, and each of them starts the table with its header row
      sed 's|</head>|<style>@page{margin:110mm 12mm}</style></head>|' "$H" > "$T/short.html"
      chrome --no-pdf-header-footer --print-to-pdf="$T/short.pdf" "file://$T/short.html" > /dev/null 2>&1
      pdftotext -layout "$T/short.pdf" "$T/short.txt" 2> /dev/null
      n=$(awk 'BEGIN { RS = "\f" } /科目名称\/单位名称/ && /合计 +基本支出 +项目支出/ { n++ } END { print n + 0 }' "$T/short.txt")
      [ "$n" -ge 2 ] && ok || bad "printed: 部门支出总表 header row not repeated on its next pages ($n pages)"
    else
      bad "pdftotext not found: install poppler-utils (scripts/deps.sh)"
    fi
    if command -v pdfinfo > /dev/null; then
      pdfinfo -f 1 -l 999 "$OUT/feco-2024.pdf" | grep 'Page .* size' | grep -v '(A4)' > "$T/notA4"
      [ ! -s "$T/notA4" ] && ok || bad "printed pages not A4: $(head -2 "$T/notA4")"
    fi
  else
    bad "chromium --print-to-pdf failed: $(tail -3 "$T/pdf.err")"
  fi
fi

echo "html: $pass passed, $fail failed"
[ $fail -eq 0 ]
