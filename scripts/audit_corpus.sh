#!/bin/sh
# The audit's findings on every real document of ../shared, kept for comparison:
#   sh scripts/audit_corpus.sh YUSUAN OUTDIR [REFDIR]
# writes OUTDIR/NAME.json (`audit -f json` of each text and PDF in ../shared/corpus
# and ../shared/corpus/wide); with REFDIR, diffs each against REFDIR's and exits 1
# when any differs. Reads the corpus (60 files, seconds on a quiet machine): not part
# of make check; run it before and after a change to the reader, the model or the rules.
set -u
Y=${1:?yusuan binary}
OUT=${2:?output directory}
REF=${3:-}
CORPUS=${CORPUS:-$(dirname "$0")/../../shared/corpus}
mkdir -p "$OUT"
n=0 differ=0
for f in "$CORPUS"/*.txt "$CORPUS"/wide/*.txt "$CORPUS"/*.pdf "$CORPUS"/wide/*.pdf; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    case "$f" in */wide/*) name="wide-$name" ;; esac
    "$Y" audit -f json "$f" > "$OUT/$name.json" 2> "$OUT/$name.err"
    echo "exit $?" >> "$OUT/$name.err"
    n=$((n + 1))
    if [ -n "$REF" ]; then
        if ! cmp -s "$REF/$name.json" "$OUT/$name.json" || ! cmp -s "$REF/$name.err" "$OUT/$name.err"; then
            differ=$((differ + 1))
            echo "== $name differs"
            diff "$REF/$name.json" "$OUT/$name.json" | head -40
            diff "$REF/$name.err" "$OUT/$name.err" | head -10
        fi
    fi
done
echo "$n documents audited into $OUT${REF:+, $differ differ from $REF}"
[ "$differ" -eq 0 ]
