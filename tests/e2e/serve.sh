#!/bin/sh
# End-to-end tests of `yusuan serve` (docs/api.md): a server on a free loopback port over a
# temporary store holding the example unit and a second unit; published PDFs of ../shared/corpus
# audited through the API; every endpoint and every refusal with curl; the whole
# upload → check → submit → return → upload → submit → approve flow; the main pages in headless
# Chromium (DOM and screenshot); SIGTERM with a request in flight.
# Usage: YUSUAN=build/bin/yusuan BUILD=build sh tests/e2e/serve.sh
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
Y=${YUSUAN:-$ROOT/${BUILD:-build}/bin/yusuan}
case $Y in /*) ;; *) Y="$ROOT/$Y" ;; esac
EX="$ROOT/examples/feco-2024"
CORPUS="$ROOT/../shared/corpus"
T=$(mktemp -d /tmp/yusuan-serve-e2e.XXXXXX)
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
# under AddressSanitizer: the PDF renderer's fontconfig and cairo caches live until exit
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ROOT/tests/lsan-cairo.supp:print_suppressions=0"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS ASAN_OPTIONS
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
for f in putuo-wanli-2023-budget.pdf putuo-welfare-home-2024-unit-budget.pdf putuo-wanli-2025-budget.pdf \
         putuo-finance-bureau-2024-final-accounts.pdf; do
  [ -f "$CORPUS/$f" ] || { echo "FAIL: fixture $CORPUS/$f is missing"; exit 1; }
done
command -v curl >/dev/null || { echo "FAIL: curl is not installed"; exit 1; }

DB="$T/store.db"
# ---- the store: the example unit and a second unit of the same department ----
"$Y" db --db "$DB" import "$EX" >/dev/null || bad "import example"
mkdir -p "$T/other" && cp -r "$EX"/. "$T/other/" && sed -i 's/^code = 144009/code = 144010/; s/^name = .*/name = 生态环境部测试中心/' "$T/other/unit.txt"
"$Y" db --db "$DB" import "$T/other" >/dev/null || bad "import second unit"
"$Y" template "$T/feco.xlsx" --from "$EX" >/dev/null 2>&1 || bad "template workbook"

# ---- users (bootstrap from the command line) ----
adduser() { printf '%s\n' "$2" | "$Y" serve --db "$DB" --add-user "$1" --role "$3" --unit "$4" >/dev/null || bad "add user $1"; }
adduser alice alice-pass-1 filer 144009
adduser bob bob-pass-12 approver 144
adduser rita rita-pass-1 reviewer 144
adduser vic vic-pass-12 viewer 144009
adduser frank frank-pass-1 filer 144010
# the unit's own approver cannot approve itself
adduser ursula ursula-pass approver 144009
printf 'short\n' | "$Y" serve --db "$DB" --add-user weak >/dev/null 2>"$T/err"; rc=$?
[ $rc -ne 0 ] && grep -q "密码应为8至1024个字节" "$T/err" && ok || bad "short password accepted: rc=$rc $(cat "$T/err")"
printf 'long-enough\n' | "$Y" serve --db "$DB" --add-user x --role filer --unit nosuch >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q "没有代码为“nosuch”的单位" "$T/err" && ok || bad "grant on unknown unit: rc=$rc $(cat "$T/err")"
"$Y" serve --db "$DB" --add-user y --role king --unit 144 </dev/null >/dev/null 2>&1 && bad "no password on stdin accepted" || ok
tok() { "$Y" serve --db "$DB" --new-token "$1"; }
TA=$(tok alice) && TB=$(tok bob) && TR=$(tok rita) && TV=$(tok vic) && TF=$(tok frank) && TU=$(tok ursula) || bad "tokens"
[ ${#TA} -eq 64 ] && ok || bad "token length: $TA"
# passwords are argon2id hashes, tokens only their hashes
sqlite3 "$DB" "SELECT pwhash FROM flow_users WHERE name = 'alice'" | grep -q '^\$argon2id\$' && ok || bad "argon2id hash"
sqlite3 "$DB" "SELECT count(*) FROM flow_sessions WHERE token_hash = '$TA'" | grep -qx 0 && ok || bad "token kept in clear"

# ---- start on a free port, small body limit ----
"$Y" serve --db "$DB" --listen 127.0.0.1:0 --data "$T/data" --max-body 1000000 --timeout 5 >"$T/out" 2>"$T/log" &
PID=$!
for i in $(seq 1 50); do grep -q "listening on" "$T/out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/out")
[ -n "$PORT" ] || { echo "FAIL: server did not start: $(cat "$T/out" "$T/log")"; exit 1; }
U="http://127.0.0.1:$PORT"

# req EXPECTED_STATUS METHOD PATH [curl args...]: the body is left in $T/body
req() {
  want=$1 m=$2 p=$3
  shift 3
  got=$(curl -s -o "$T/body" -w '%{http_code}' -X "$m" "$@" "$U$p")
  if [ "$got" = "$want" ]; then ok; else bad "$m $p: status $got, expected $want: $(head -c 400 "$T/body")"; fi
}
has() { grep -q -- "$1" "$T/body" && ok || bad "$2: no '$1' in $(head -c 400 "$T/body")"; }
jq_() { python3 -c "import json,sys; d=json.load(open('$T/body')); print($1)"; }
AJ="Authorization: Bearer"

# ---- public reads ----
req 200 GET /api/
req 200 GET /api/units; has '"144009"' "units"; has '生态环境部测试中心' "units: second unit"
req 200 GET /api/units/144; has '"children"' "unit"; has '"144010"' "unit children"
req 404 GET /api/units/nosuch
req 200 GET /api/units/144009/2024; has '"yusuan": "document/1"' "document json"
req 200 GET /api/units/144/2024; has '生态环境部' "department consolidated"
req 200 GET /api/units/144009/2024/tables; has '"expenditure"' "tables"
req 200 GET /api/units/144009/2024/tables/summary; has '"rows"' "one table"
req 200 GET "/api/units/144009/2024/tables/summary?format=csv"
req 404 GET /api/units/144009/2024/tables/nosuch
req 404 GET /api/units/144009/2024/nosuch
req 200 GET /api/units/144009/2024/document.html; has '<html' "html document"
req 200 GET /api/units/144009/2024/document.pdf; head -c 5 "$T/body" | grep -q '%PDF-' && ok || bad "pdf document"
req 200 GET /api/units/144009/2024/document.xlsx; head -c 2 "$T/body" | grep -q 'PK' && ok || bad "xlsx document"
req 400 GET /api/units/144009/2024/document.exe
req 400 GET /api/units/144009/20x4
req 404 GET /api/units/144009/2019
# aggregate: totals by 功能分类 class; two units of 29,205.35 万元 each
req 200 GET "/api/aggregate?drilldown=func.class&cut=year:2024&order=amount:desc"
[ "$(jq_ "d['summary']['amount_fen']")" = 58410700000 ] && ok || bad "aggregate total: $(head -c 300 "$T/body")"
[ "$(jq_ "d['cells'][0]['func.class']")" = 211 ] && ok || bad "aggregate order"
req 200 GET "/api/aggregate?drilldown=unit&cut=year:2024|unit:144|type:basic&order=amount:desc&page=1&pagesize=1"
[ "$(jq_ "d['total_cell_count'], len(d['cells'])")" = "2 1" ] && ok || bad "aggregate pages: $(head -c 300 "$T/body")"
req 200 GET "/api/aggregate?drilldown=unit&cut=unit:144009|type:basic"
BASIC=$(jq_ "d['summary']['amount_fen']")
req 200 GET "/api/aggregate?cut=unit:144009|type:project"
PROJ=$(jq_ "d['summary']['amount_fen']")
[ $((BASIC + PROJ)) -le 29205350000 ] && [ "$BASIC" -gt 0 ] && [ "$PROJ" -gt 0 ] && ok || bad "basic $BASIC + project $PROJ"
req 200 GET "/api/aggregate?drilldown=func&cut=year:2024&format=csv"; head -1 "$T/body" | grep -q '^func,func.label,amount' && ok || bad "aggregate csv"
req 400 GET "/api/aggregate?drilldown=colour"
req 400 GET "/api/aggregate?cut=year:twenty"
req 400 GET "/api/aggregate?order=amount:sideways"
req 400 GET "/api/aggregate?page=0"
req 200 GET "/api/facts?cut=unit:144009&pagesize=5"; [ "$(jq_ "len(d['data'])")" = 5 ] && ok || bad "facts page"
req 200 GET "/api/members/func.class?cut=year:2024"; has '"节能环保支出"' "members"
req 200 GET "/api/compare?units=144009,144010,144&years=2024"; has '"amount"' "compare"
req 200 GET "/api/compare?units=144009&years=2024&format=csv"; grep -q '144009' "$T/body" && ok || bad "compare csv"
req 400 GET "/api/compare?units=144009&years=24x"
req 400 GET "/api/compare?units=nosuch&years=2024"
req 401 GET /api/me
req 200 GET /api/me -H "$AJ $TA"; has '"filer"' "me"

# ---- refusals of the HTTP layer ----
req 400 GET "/api/units/..%2f..%2fetc%2fpasswd" --path-as-is
req 400 GET "/documents/../../etc/passwd" --path-as-is
req 404 GET /nosuch
req 405 DELETE /api/units
req 413 POST "/api/audits?name=big.pdf" -H "$AJ $TR" -H "Content-Type: application/pdf" --data-binary @"$CORPUS/putuo-finance-bureau-2024-final-accounts.pdf"
# the same without Content-Length (chunked): read up to the limit, then refused
req 413 POST "/api/audits?name=big.pdf" -H "$AJ $TR" -H "Content-Type: application/pdf" -H "Transfer-Encoding: chunked" --data-binary @"$CORPUS/putuo-finance-bureau-2024-final-accounts.pdf"
req 413 POST /api/audits -H "$AJ $TR" -F "file=@$CORPUS/putuo-finance-bureau-2024-final-accounts.pdf" -H "Transfer-Encoding: chunked"
req 400 POST /api/login -H "Content-Type: application/json" --data-binary '{"name": "alice", '
has '不是合法的 JSON' "malformed json message"
req 400 POST /api/login -H "Content-Type: application/json" --data-binary '[1, 2]'
req 401 POST /api/login -H "Content-Type: application/json" --data-binary '{"name": "alice", "password": "wrong-password"}'

# ---- audits: no token, wrong role, upload, poll ----
req 401 POST "/api/audits?name=a.pdf" -H "Content-Type: application/pdf" --data-binary @"$CORPUS/putuo-wanli-2023-budget.pdf"
req 403 POST "/api/audits?name=a.pdf" -H "$AJ $TA" -H "Content-Type: application/pdf" --data-binary @"$CORPUS/putuo-wanli-2023-budget.pdf"
req 400 POST "/api/audits?name=../../x.pdf" -H "$AJ $TR" -H "Content-Type: application/pdf" --data-binary @"$CORPUS/putuo-wanli-2023-budget.pdf"
req 202 POST "/api/audits?name=putuo-wanli-2023-budget.pdf" -H "$AJ $TR" -H "Content-Type: application/pdf" --data-binary @"$CORPUS/putuo-wanli-2023-budget.pdf"
J1=$(jq_ "d['id']")
req 202 POST /api/audits -H "$AJ $TR" -F "file=@$CORPUS/putuo-welfare-home-2024-unit-budget.pdf"
J2=$(jq_ "d['id']")
req 202 POST "/api/audits?name=notes.txt" -H "$AJ $TR" -H "Content-Type: text/plain" --data-binary "这不是预算公开文件。"
J3=$(jq_ "d['id']")
for j in $J1 $J2 $J3; do
  for i in $(seq 1 100); do
    curl -s "$U/api/audits/$j" >"$T/body"
    grep -q '"state": "\(done\|failed\)"' "$T/body" && break
    sleep 0.2
  done
done
req 200 GET "/api/audits/$J1"; has '"state": "done"' "audit 1 done"; DOC1=$(jq_ "d['document']")
req 200 GET "/api/audits/$J2"; has '"state": "done"' "audit 2 done (multipart)"
req 200 GET "/api/audits/$J3"; has '"state": "failed"' "audit of a non-disclosure fails"; has 'template found\|没有找到' "failure says why"
req 404 GET /api/audits/999
req 200 GET /api/documents; [ "$(jq_ "len(d['documents'])")" = 2 ] && ok || bad "two documents kept"
req 200 GET "/api/documents?year=2023"; [ "$(jq_ "len(d['documents'])")" = 1 ] && ok || bad "filter by year"
req 200 GET "/api/documents?rule=NO-SUCH-RULE"; [ "$(jq_ "len(d['documents'])")" = 0 ] && ok || bad "filter by rule"
req 200 GET "/api/documents/$DOC1"; has '"findings"' "document findings"; has '"page"' "findings carry pages"
has '"fen_per_figure"' "findings state the unit of their figures"
[ "$(jq_ "sum(1 for f in d['findings'] if (f['fen_per_figure'] or 0) > 0 and f['money_unit'] not in ('元', '千元', '万元', '亿元'))")" = 0 ] && \
  [ "$(jq_ "sum(1 for f in d['findings'] if f['fen_per_figure'] is None and f['money_unit'] is not None)")" = 0 ] && ok || \
  bad "a finding's money_unit does not go with its fen_per_figure"
RULE=$(jq_ "d['findings'][0]['rule']")
req 200 GET "/api/documents?rule=$RULE"; [ "$(jq_ "len(d['documents'])")" -ge 1 ] && ok || bad "filter by a rule found"
req 200 GET "/api/documents/$DOC1/cells?table=summary"; has '"cells"' "cells"
[ "$(jq_ "sum(1 for c in d['cells'] if c['text'] is None and 'pct' not in c['col'] and c['fen'] is None)")" = 0 ] && ok || \
  bad "a money cell without its 分"
req 404 GET /api/documents/999
req 200 GET "/api/findings?document=$DOC1&format=csv"; head -1 "$T/body" | grep -q '^document,origin,seq,rule' && ok || bad "findings csv"
req 400 GET "/api/findings?format=xml"
req 200 GET "/api/findings?document=$DOC1&format=xlsx"; head -c 2 "$T/body" | grep -q 'PK' && ok || bad "findings xlsx"
# decisions: reviewer only, reason required
req 401 POST "/api/documents/$DOC1/findings/0" -H "Content-Type: application/json" -d '{"decision": "confirmed", "reason": "x"}'
req 403 POST "/api/documents/$DOC1/findings/0" -H "$AJ $TA" -H "Content-Type: application/json" -d '{"decision": "confirmed", "reason": "x"}'
req 409 POST "/api/documents/$DOC1/findings/0" -H "$AJ $TR" -H "Content-Type: application/json" -d '{"decision": "confirmed"}'
req 409 POST "/api/documents/$DOC1/findings/0" -H "$AJ $TR" -H "Content-Type: application/json" -d '{"decision": "maybe", "reason": "x"}'
req 404 POST "/api/documents/$DOC1/findings/9999" -H "$AJ $TR" -H "Content-Type: application/json" -d '{"decision": "confirmed", "reason": "x"}'
req 200 POST "/api/documents/$DOC1/findings/0" -H "$AJ $TR" -H "Content-Type: application/json" -d '{"decision": "dismissed", "reason": "表内为四舍五入"}'
req 200 GET "/api/documents/$DOC1"; has '"dismissed"' "decision shown"; has '表内为四舍五入' "reason shown"
req 200 GET "/api/documents"; [ "$(jq_ "[x['dismissed'] for x in d['documents'] if x['id'] == $DOC1][0]")" = 1 ] && ok || bad "dismissed count"
# the sentence a finding is on is quoted from the document's text
req 200 GET "/api/documents/$DOC1"; has '"quote": "' "findings quote their line"
# re-run the audit on the kept file: a new document id, the decision still holds
req 403 POST "/api/documents/$DOC1/rerun" -H "$AJ $TA"
req 202 POST "/api/documents/$DOC1/rerun" -H "$AJ $TR"
J4=$(jq_ "d['id']")
for i in $(seq 1 100); do
  curl -s "$U/api/audits/$J4" >"$T/body"
  grep -q '"state": "\(done\|failed\)"' "$T/body" && break
  sleep 0.2
done
has '"state": "done"' "re-run done"
NEW=$(jq_ "d['document']")
[ "$NEW" != "$DOC1" ] && ok || bad "re-run gives a new document"
DOC1=$NEW
req 200 GET "/api/documents/$DOC1"; has '表内为四舍五入' "decision kept across the re-run"
req 200 GET /api/documents; [ "$(jq_ "len(d['documents'])")" = 2 ] && ok || bad "re-run replaces the document"

# ---- fill → check → submit → return → fix → submit → approve ----
XL="Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
req 401 POST "/api/submissions?name=feco.xlsx" -H "$XL" --data-binary @"$T/feco.xlsx"
# another unit's filer may not upload this unit's workbook
req 403 POST "/api/submissions?name=feco.xlsx" -H "$AJ $TF" -H "$XL" --data-binary @"$T/feco.xlsx"
# a broken workbook: kept as a draft with the reader's finding, not submittable
printf 'not a workbook' > "$T/broken.xlsx"
req 201 POST "/api/submissions?name=broken.xlsx&unit=144009&year=2024" -H "$AJ $TA" -H "$XL" --data-binary @"$T/broken.xlsx"
SID=$(jq_ "d['id']")
[ "$(jq_ "d['errors'], d['findings'][0]['rule']")" = "1 READ" ] && ok || bad "broken workbook finding: $(head -c 300 "$T/body")"
req 409 POST "/api/submissions/$SID/submit" -H "$AJ $TA"
has '改正后才能报送' "submit with errors refused"
req 422 POST "/api/submissions?name=broken.xlsx" -H "$AJ $TA" -H "$XL" --data-binary @"$T/broken.xlsx"
# the real workbook replaces the draft
req 201 POST "/api/submissions?name=feco.xlsx" -H "$AJ $TA" -H "$XL" --data-binary @"$T/feco.xlsx"
[ "$(jq_ "d['id'], d['version'], d['state'], d['errors']")" = "$SID 2 draft 0" ] && ok || bad "upload: $(head -c 300 "$T/body")"
# who sees the draft
req 200 GET "/api/submissions/$SID" -H "$AJ $TV"
req 404 GET "/api/submissions/$SID" -H "$AJ $TF"
req 404 GET "/api/submissions/$SID"
req 404 GET "/api/submissions/$SID/document.html" -H "$AJ $TF"
req 200 GET /api/submissions -H "$AJ $TF"; [ "$(jq_ "len(d['submissions'])")" = 0 ] && ok || bad "other unit's list"
req 200 GET /api/submissions -H "$AJ $TB"; [ "$(jq_ "len(d['submissions'])")" = 1 ] && ok || bad "parent's list"
# wrong roles and states
req 403 POST "/api/submissions/$SID/submit" -H "$AJ $TV"
req 404 POST "/api/submissions/$SID/submit" -H "$AJ $TF"
req 409 POST "/api/submissions/$SID/approve" -H "$AJ $TB"
req 404 POST "/api/submissions/$SID/frobnicate" -H "$AJ $TA"
req 200 POST "/api/submissions/$SID/submit" -H "$AJ $TA"; has '"submitted"' "submitted"
req 409 POST "/api/submissions?name=feco.xlsx" -H "$AJ $TA" -H "$XL" --data-binary @"$T/feco.xlsx"
req 403 POST "/api/submissions/$SID/approve" -H "$AJ $TA"
req 403 POST "/api/submissions/$SID/approve" -H "$AJ $TU"
req 409 POST "/api/submissions/$SID/return" -H "$AJ $TB" -H "Content-Type: application/json" -d '{}'
req 400 POST "/api/submissions/$SID/return" -H "$AJ $TB" -H "Content-Type: application/json" -d '{"comment": '
req 200 POST "/api/submissions/$SID/return" -H "$AJ $TB" -H "Content-Type: application/json" -d '{"comment": "请补充项目绩效目标"}'
has '"returned"' "returned"; has '请补充项目绩效目标' "comment kept"
req 201 POST "/api/submissions?name=feco-v3.xlsx" -H "$AJ $TA" -H "$XL" --data-binary @"$T/feco.xlsx"
[ "$(jq_ "d['version'], d['state']")" = "3 draft" ] && ok || bad "re-upload after return"
req 200 POST "/api/submissions/$SID/submit" -H "$AJ $TA"
req 200 POST "/api/submissions/$SID/approve" -H "$AJ $TB"; has '"approved"' "approved"
# the approved budget is in the store (the same transaction): the browser and aggregates show it
[ "$(sqlite3 "$DB" "SELECT b.origin FROM budgets b JOIN units u ON u.id = b.unit_id WHERE u.code = '144009' AND b.year = 2024")" = "submission $SID v3" ] \
  && ok || bad "approved budget not imported: $(sqlite3 "$DB" "SELECT origin FROM budgets")"
req 409 POST "/api/submissions/$SID/return" -H "$AJ $TB" -H "Content-Type: application/json" -d '{"comment": "x"}'
req 409 POST "/api/submissions?name=feco.xlsx" -H "$AJ $TA" -H "$XL" --data-binary @"$T/feco.xlsx"
has '冻结' "frozen"
# approved: public, documents downloadable
req 200 GET "/api/submissions/$SID"
[ "$(jq_ "[x['action'] for x in d['log']]")" = "['upload', 'upload', 'submit', 'return', 'upload', 'submit', 'approve']" ] && ok || bad "operation log: $(jq_ "d['log']")"
req 200 GET "/api/submissions/$SID/document.html"; has '生态环境部对外合作与交流中心' "approved html"
req 200 GET "/api/submissions/$SID/document.pdf"; head -c 5 "$T/body" | grep -q '%PDF-' && ok || bad "approved pdf"
req 200 GET "/api/submissions/$SID/document.xlsx"; head -c 2 "$T/body" | grep -q 'PK' && ok || bad "approved xlsx"
req 200 GET "/api/submissions/$SID/input.xlsx"; cmp -s "$T/body" "$T/feco.xlsx" && ok || bad "frozen workbook differs"
req 200 GET /api/submissions; [ "$(jq_ "len(d['submissions'])")" = 1 ] && ok || bad "public list of approved"

# ---- sessions: login, cookie, CSRF ----
req 200 POST /api/login -H "Content-Type: application/json" -c "$T/jar" -d '{"name": "rita", "password": "rita-pass-1"}'
CSRF=$(jq_ "d['csrf']")
grep -q yusuan_session "$T/jar" && ok || bad "session cookie"
req 200 GET /api/me -b "$T/jar"
req 403 POST "/api/documents/$DOC1/findings/1" -b "$T/jar" -H "Content-Type: application/json" -d '{"decision": "confirmed", "reason": "核实无误"}'
has 'CSRF' "csrf refusal"
req 200 POST "/api/documents/$DOC1/findings/1" -b "$T/jar" -H "X-CSRF-Token: $CSRF" -H "Content-Type: application/json" -d '{"decision": "confirmed", "reason": "核实无误"}'
# a session cookie is not a bearer token, nor the reverse
req 401 GET /api/me -H "$AJ $(sed -n 's/.*yusuan_session\t//p' "$T/jar")"
# pages: forms with the CSRF token
req 200 GET "/documents/$DOC1" -b "$T/jar"; has "name=\"csrf\" value=\"$CSRF\"" "csrf in forms"
req 303 POST "/documents/$DOC1/decide" -b "$T/jar" --data-urlencode "csrf=$CSRF" --data-urlencode seq=2 --data-urlencode decision=confirmed --data-urlencode "reason=页面确认"
req 403 POST "/documents/$DOC1/decide" -b "$T/jar" --data-urlencode "csrf=wrong" --data-urlencode seq=2 --data-urlencode decision=confirmed --data-urlencode "reason=x"
req 200 GET "/api/documents/$DOC1"; has '页面确认' "decision through the page"
# the page's upload form (multipart with the CSRF field), then its progress page
cp "$CORPUS/putuo-wanli-2023-budget.pdf" "$T/page-upload.pdf"
req 303 POST /audits -b "$T/jar" -F "csrf=$CSRF" -F "file=@$T/page-upload.pdf"
req 403 POST /audits -b "$T/jar" -F "csrf=nope" -F "file=@$T/page-upload.pdf"
req 200 POST /api/logout -b "$T/jar" -H "X-CSRF-Token: $CSRF"
req 401 GET /api/me -b "$T/jar"
# the page login
req 303 POST /login --data-urlencode name=alice --data-urlencode password=alice-pass-1 -c "$T/jar2"
req 401 POST /login --data-urlencode name=alice --data-urlencode password=nope
req 200 GET /submissions -b "$T/jar2"; has 'enctype="multipart/form-data"' "upload form for a filer"

# ---- pages ----
req 200 GET /; has '预算公开与审核' "home"
req 200 GET /documents; has 'putuo-wanli-2023-budget.pdf' "document list"
req 200 GET "/documents?year=2024"; grep -q 'putuo-wanli-2023-budget.pdf' "$T/body" && bad "page filter by year" || ok
req 200 GET "/documents/$DOC1"; has '表内为四舍五入' "document page shows decisions"
# the page of a finding as an image, its figures boxed
req 200 GET "/documents/$DOC1"; PG=$(grep -o "/documents/$DOC1/pages/[0-9]*" "$T/body" | head -1)
[ -n "$PG" ] && ok || bad "findings link their page"
req 200 GET "$PG"; has "<img src=\"$PG.png\"" "page view shows the image"
req 200 GET "$PG.png"; [ "$(head -c 4 "$T/body" | od -An -c | tr -d ' ')" = "211PNG" ] && [ "$(wc -c <"$T/body")" -gt 20000 ] && ok || bad "page image"
req 404 GET "/documents/$DOC1/pages/999.png"
req 400 GET "/documents/$DOC1/pages/x.png"
req 200 GET /units; has '/units/144/2024' "unit tree links"
req 200 GET "/units?root=144"; has '/units/144010/2024' "one level down"; has '› 生态环境部' "the way up"
req 404 GET "/units?root=nosuch"
req 200 GET /units/144009/2024; has '生态环境部对外合作与交流中心' "unit document page"
req 200 GET "/compare?units=144009,144010&years=2024"; has '<svg' "compare chart"; has 'format=csv' "compare csv link"
req 200 GET "/submissions/$SID"; has '已批复' "submission page"
req 200 GET "/audits/$J1"; has '完成' "audit page"
req 200 GET /login
# many files in one form: each audited in turn, progress on /audits
cp "$CORPUS/putuo-welfare-home-2024-unit-budget.pdf" "$T/welfare-copy.pdf"
req 202 POST /api/audits -H "$AJ $TR" -F "file=@$CORPUS/putuo-wanli-2025-budget.pdf" -F "file=@$T/welfare-copy.pdf"
[ "$(jq_ "len(d['audits'])")" = 2 ] && ok || bad "two files in one form: $(head -c 300 "$T/body")"
for i in $(seq 1 100); do
  curl -s "$U/api/audits" >"$T/body"
  grep -q '"state": "\(queued\|running\)"' "$T/body" || break
  sleep 0.2
done
req 200 GET /api/audits; [ "$(jq_ "len([a for a in d['audits'] if a['state'] == 'done'])")" = 6 ] && ok || bad "audits done: $(head -c 600 "$T/body")"
req 200 GET /api/documents; [ "$(jq_ "len(d['documents'])")" = 5 ] && ok || bad "five documents after the page upload and the form of two"
req 200 GET /audits; has 'welfare-copy.pdf' "audits page"

# ---- headless Chromium: the main pages render and are readable ----
CHROME=""
for c in chromium chromium-browser; do command -v "$c" >/dev/null && CHROME=$(command -v "$c") && break; done
if [ -z "$CHROME" ]; then
  bad "chromium is not installed (scripts/deps.sh installs it)"
else
  for p in / /documents "/documents/$DOC1" /units /units/144009/2024 "/compare?units=144009,144010,144&years=2024" "/submissions/$SID"; do
    prof=$(mktemp -d "$T/chrome.XXXXXX")
    timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
      --disable-sync --no-first-run --enable-logging=stderr --v=0 --user-data-dir="$prof" --dump-dom "$U$p" >"$T/dom" 2>"$T/chrome.err"
    if [ -s "$T/dom" ] && grep -q '</html>' "$T/dom" && grep -q '<h1\|<title>' "$T/dom" && ! grep -q '"status": 500\|<h1>500' "$T/dom" \
      && ! grep -q 'CONSOLE\|Uncaught' "$T/chrome.err"; then ok
    else bad "chromium dump-dom $p: $(head -c 300 "$T/dom") $(tail -3 "$T/chrome.err")"; fi
  done
  prof=$(mktemp -d "$T/chrome.XXXXXX")
  (cd "$T" && timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$prof" --window-size=1200,900 --screenshot="$T/compare.png" \
    "$U/compare?units=144009,144010&years=2024" >/dev/null 2>&1)
  [ -s "$T/compare.png" ] && [ "$(head -c 4 "$T/compare.png" | od -An -c | tr -d ' ')" = "211PNG" ] && [ "$(wc -c <"$T/compare.png")" -gt 5000 ] \
    && ok || bad "chromium screenshot"
fi

# ---- a slow client (half a request, then nothing) is cut off after --timeout 5 ----
secs=$(python3 - "$PORT" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
t = time.time()
s.settimeout(30)
try:
    while s.recv(4096):
        pass
except OSError:
    pass
print(int(time.time() - t))
PY
)
[ "$secs" -ge 4 ] && [ "$secs" -le 12 ] && ok || bad "slow client kept $secs s (timeout 5)"

# ---- the access log, then SIGTERM with a request in flight ----
grep -q '"GET /api/units" 200' "$T/log" && ok || bad "access log: $(tail -3 "$T/log")"
before=$(sqlite3 "$DB" "SELECT count(*) FROM flow_log")
# a slow upload in flight when SIGTERM comes: it is finished and answered
(printf '{"name": "bob", "password": "bob-pass-12"}' | curl -s -o "$T/slow" -w '%{http_code}' --limit-rate 20 \
  -H "Content-Type: application/json" --data-binary @- "$U/api/login" >"$T/slow.code") &
CURL=$!
sleep 0.7
kill -TERM "$PID"
wait "$CURL"
[ "$(cat "$T/slow.code")" = 200 ] && ok || bad "request in flight at SIGTERM: $(cat "$T/slow.code") $(cat "$T/slow")"
wait "$PID"; rc=$?
PID=""
[ $rc -eq 0 ] && ok || bad "server exit status after SIGTERM: $rc"
grep -q "stopped" "$T/log" && ok || bad "stop logged: $(tail -3 "$T/log")"
after=$(sqlite3 "$DB" "SELECT count(*) FROM flow_log")
[ "$after" -eq $((before + 1)) ] && ok || bad "the login in flight was committed: $before → $after"
sqlite3 "$DB" "PRAGMA integrity_check" | grep -qx ok && ok || bad "integrity after stop"
curl -s -m 2 "$U/" >/dev/null && bad "still answering after SIGTERM" || ok

echo "serve.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
