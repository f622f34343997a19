#!/bin/sh
# Reading any disclosure (issue 9): per document of ../shared/corpus/wide and
# ../shared/corpus, the tables found, the tables read completely (every figure
# placed in a column and every identity of the table held or reported as the
# document's error), the identities checked and held, the findings by
# severity; then the totals and the throughput in documents per second for
# text PDFs (the PDFs themselves, read through poppler), on this machine.
# Targets: >= 95% of tables read completely, no error finding on documents
# without errors, >= 20 documents/s for text PDFs.
# Usage: sh bench/wide_bench.sh [YUSUAN]   (RUNS=N repeats the timed pass, default 3)
set -eu
Y=${1:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
C="$ROOT/../shared/corpus"
RUNS=${RUNS:-3}
[ -d "$C/wide" ] || { echo "wide bench: no corpus at $C/wide"; exit 0; }
T=$(mktemp -d /tmp/yusuan-wide-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT

files=$(ls "$C"/wide/*.pdf "$C"/*.pdf)
n=$(echo "$files" | wc -l)
echo "reading any disclosure ($(nproc) CPU, $(date -u +%Y-%m-%d), $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
# one audit per document, JSON (exit 1 = errors found is expected on real documents)
for f in $files; do
  "$Y" audit -f json "$f" > "$T/$(basename "$f").json" 2> /dev/null || true
done
python3 - "$T" $files <<'EOF'
import json, os, sys
t = sys.argv[1]
tot = dict(docs=0, tables=0, complete=0, checked=0, held=0, error=0, missing=0, rounding=0, warning=0, refused=0)
print("%-58s %-20s %7s %9s %8s %6s %7s %8s %7s" % ("document", "template", "tables", "complete", "ident.", "held", "errors", "missing", "round."))
for f in sys.argv[2:]:
    p = os.path.join(t, os.path.basename(f) + ".json")
    name = os.path.basename(f)
    try:
        d = json.load(open(p))[0]
    except Exception:
        print("%-58s %-20s %s" % (name, "-", "not a budget / unreadable"))
        tot["refused"] += 1
        continue
    sev = {}
    for x in d.get("findings", []):
        sev[x["severity"]] = sev.get(x["severity"], 0) + 1
    tmpl = d.get("template") or "(none)"
    tf = d.get("tables_read", d.get("tables_found", 0))
    tc = d.get("tables_complete", 0)
    ck, hd = d.get("identities_checked", 0), d.get("identities_held", 0)
    print("%-58s %-20s %7d %9d %8d %6d %7d %8d %7d" % (name[:58], tmpl, tf, tc, ck, hd, sev.get("error", 0),
                                                     sev.get("missing", 0), sev.get("rounding", 0)))
    tot["docs"] += 1
    for k, v in (("tables", tf), ("complete", tc), ("checked", ck), ("held", hd)):
        tot[k] += v
    for k in ("error", "missing", "rounding", "warning"):
        tot[k] += sev.get(k, 0)
pct = lambda a, b: 100.0 * a / b if b else 0.0
print("total: %d documents read (%d refused), %d tables, %d read completely (%.1f%%), %d identities checked, %d held (%.1f%%), "
      "%d errors, %d missing values, %d rounding residues, %d warnings"
      % (tot["docs"], tot["refused"], tot["tables"], tot["complete"], pct(tot["complete"], tot["tables"]), tot["checked"],
         tot["held"], pct(tot["held"], tot["checked"]), tot["error"], tot["missing"], tot["rounding"], tot["warning"]))
EOF
# throughput: every PDF in one call, RUNS times
start=$(date +%s.%N)
i=0
while [ $i -lt "$RUNS" ]; do
  "$Y" audit -f summary $files > /dev/null 2>&1 || true
  i=$((i + 1))
done
end=$(date +%s.%N)
awk -v n="$n" -v r="$RUNS" -v s="$start" -v e="$end" \
  'BEGIN { t = e - s; printf "throughput: %d text PDFs x %d runs: %.2f s, %.1f documents/s (target >= 20)\n", n, r, t, n * r / t }'
