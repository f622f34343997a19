#!/bin/sh
# Audit throughput: documents per second over ../shared/corpus, for text
# (pdftotext -layout output) and for PDF input (read through poppler).
# Usage: sh bench/audit_bench.sh [YUSUAN]   (RUNS=N repeats each pass, default 5)
set -eu
Y=${1:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
C="$ROOT/../shared/corpus"
RUNS=${RUNS:-5}
[ -d "$C" ] || { echo "audit bench: no corpus at $C"; exit 0; }
pass() { # glob label
  files=$(ls $1)
  n=$(echo "$files" | wc -l)
  start=$(date +%s.%N)
  i=0
  while [ $i -lt "$RUNS" ]; do
    # exit 1 (errors found) is expected on real documents
    "$Y" audit -f summary $files > /dev/null 2>&1 || [ $? -eq 1 ]
    i=$((i + 1))
  done
  end=$(date +%s.%N)
  awk -v n="$n" -v r="$RUNS" -v s="$start" -v e="$end" -v l="$2" \
    'BEGIN { t = e - s; printf "%-5s %3d documents x %d runs: %.2f s, %.1f documents/s\n", l, n, r, t, n * r / t }'
}
echo "audit throughput ($(nproc) CPU, $(date -u +%Y-%m-%d))"
pass "$C/*.layout.txt" text
pass "$C/*.pdf" pdf
