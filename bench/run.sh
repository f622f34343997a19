#!/bin/sh
# yusuan benchmark: sh bench/run.sh YUSUAN   (make bench builds build-bench/bin/yusuan and runs this)
#
# Builds bench/gen, generates packages of 100k, 1M and 10M line items into bench/data/
# (kept between runs: a package is regenerated only when its N, seed or project count
# changed), then times `yusuan report PKG -f json` and `-f txt` on each under
# /usr/bin/time (wall seconds, peak RSS; median of BENCH_RUNS runs) and prints a table;
# writes it to bench/results.txt.
# Correctness: the 部门支出总表 合计 of the 100k package must equal the generator's sum,
# and `yusuan check` must pass on the 1M package. Exit status 1 when a check fails,
# a report fails, or the 10M package misses its target (< 3 s, < 1024 MiB).
#
# Environment: BENCH_SIZES (default "100000 1000000 10000000"), BENCH_PROJECTS (projects
# per package, default 1000), BENCH_SEED (default 1), BENCH_RUNS (runs per report, default 3;
# the median time counts), CC (default cc).
#
# The report goes to standard output redirected to /dev/null, not to `-o /dev/null`:
# -o writes a temporary file and renames it onto the path, which replaces /dev/null
# by a regular file when run as root.
set -eu

[ $# -eq 1 ] || { echo "usage: sh bench/run.sh YUSUAN" >&2; exit 2; }
case $1 in /*) Y=$1 ;; *) Y=$(pwd)/$1 ;; esac
[ -x "$Y" ] || { echo "bench: $Y is not an executable" >&2; exit 2; }
cd "$(dirname "$0")/.."

SIZES=${BENCH_SIZES:-100000 1000000 10000000}
PROJECTS=${BENCH_PROJECTS:-1000}
SEED=${BENCH_SEED:-1}
RUNS=${BENCH_RUNS:-3}
TARGET_N=10000000
TARGET_S=3
TARGET_MIB=1024
GEN=build-bench/gen
DATA=bench/data

if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "bench: installing the Debian package 'time' (/usr/bin/time)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
    else
        echo "bench: /usr/bin/time is missing: run 'sudo apt-get install time'" >&2
        exit 2
    fi
fi

# the sources the binary was just built from (make bench builds it right before)
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src include data 2>/dev/null || echo ' (+ local changes)')"
mkdir -p build-bench "$DATA"
${CC:-cc} -O2 -std=c11 -Wall -Wextra -Werror bench/gen.c -o "$GEN"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/yusuan-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
fail=0
say() { printf '%s\n' "$*" | tee -a "$TMP/log"; }

# ---- packages ----
for n in $SIZES; do
    d=$DATA/n$n
    if [ -f "$d/GEN" ] && [ "$(cat "$d/GEN")" = "$n $SEED $PROJECTS" ]; then
        echo "bench: $d is up to date ($n line items)"
    else
        echo "bench: generating $d ($n line items, $PROJECTS projects, seed $SEED)"
        rm -rf "$d"
        "$GEN" -p "$PROJECTS" "$d" "$n" "$SEED"
    fi
done

# ---- correctness ----
: >"$TMP/log"
# 元 (two decimals) -> 万元 (two decimals), half away from zero; amounts are never negative
to_wan() {
    awk -v s="$1" 'BEGIN {
        i = s; f = "00"; p = index(s, ".");
        if (p) { i = substr(s, 1, p - 1); f = substr(s "00", p + 1, 2) }
        fen = i * 100 + f; q = int(fen / 10000); if (fen - q * 10000 >= 5000) q++;
        printf "%.0f.%02d\n", int(q / 100), q - int(q / 100) * 100 }'
}
# the total cell of the total row of the table "expenditure" in a JSON report
json_total() {
    if command -v jq >/dev/null 2>&1; then
        jq -r '.tables[] | select(.id == "expenditure") | .rows[] | select(.total) | .cells.total' "$1"
    else
        awk '/"id": "expenditure"/ { t = 1 } t && /"total": true/ { r = 1 }
             r && /"total": "/ { sub(/.*"total": "/, ""); sub(/".*/, ""); print; exit }' "$1"
    fi
}
first=$(echo "$SIZES" | awk '{ print $1 }')
if [ -n "$first" ]; then
    d=$DATA/n$first
    if "$Y" report "$d" -f json >"$TMP/report.json" 2>"$TMP/err"; then
        want=$(to_wan "$(cat "$d/EXPECTED")")
        got=$(json_total "$TMP/report.json")
        if [ "$got" = "$want" ]; then
            say "ok    report n=$first: 部门支出总表 合计 $got 万元 = generated total $(cat "$d/EXPECTED") 元"
        else
            say "FAIL  report n=$first: 部门支出总表 合计 '$got' 万元, generated total $(cat "$d/EXPECTED") 元 = $want 万元"
            fail=1
        fi
    else
        say "FAIL  report n=$first: $(head -3 "$TMP/err")"
        fail=1
    fi
fi
for n in $SIZES; do
    [ "$n" = 1000000 ] || continue
    d=$DATA/n$n
    if "$Y" check "$d" >"$TMP/check" 2>&1; then
        say "ok    check n=$n: $(tail -1 "$TMP/check")"
    else
        rc=$?
        say "FAIL  check n=$n (exit $rc): $(tail -1 "$TMP/check")"
        grep -v ' rules, ' "$TMP/check" | awk '{ print "      " $0 }' | head -10 | tee -a "$TMP/log"
        [ "$(grep -c -v ' rules, ' "$TMP/check")" -le 10 ] || say "      ..."
        fail=1
    fi
done

# ---- timings ----
# each report runs RUNS times: the median wall time is held to the target, the range is shown;
# peak RSS is the largest of the runs
printf '%-10s %-6s %9s %15s %14s  %s\n' items format seconds "(min-max)" "peak RSS MiB" target >"$TMP/table"
for n in $SIZES; do
    d=$DATA/n$n
    for fmt in json txt; do
        : >"$TMP/runs"
        ok=1
        r=0
        while [ "$r" -lt "$RUNS" ]; do
            r=$((r + 1))
            if /usr/bin/time -f "%e %M" -o "$TMP/time" "$Y" report "$d" -f "$fmt" >/dev/null 2>"$TMP/err"; then
                tail -1 "$TMP/time" >>"$TMP/runs"
            else
                ok=0
                break
            fi
        done
        if [ "$ok" -eq 1 ]; then
            set -- $(sort -n "$TMP/runs" | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
                END { printf "%s %s %s %.1f\n", t[int((NR + 1) / 2)], t[1], t[NR], m / 1024 }')
            secs=$1 range="($2-$3)" mib=$4
            if [ "$n" = "$TARGET_N" ]; then
                if awk -v s="$secs" -v m="$mib" -v ts="$TARGET_S" -v tm="$TARGET_MIB" 'BEGIN { exit !(s < ts && m < tm) }'; then
                    verdict="met (< ${TARGET_S} s, < ${TARGET_MIB} MiB)"
                else
                    verdict="MISSED (< ${TARGET_S} s, < ${TARGET_MIB} MiB)"
                    fail=1
                fi
            else
                verdict=-
            fi
        else
            secs=- range= mib=- verdict="FAIL: $(head -1 "$TMP/err")"
            fail=1
        fi
        printf '%-10s %-6s %9s %15s %14s  %s\n' "$n" "$fmt" "$secs" "$range" "$mib" "$verdict" | tee -a "$TMP/table"
    done
done

# ---- results ----
{
    echo "yusuan benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit: $COMMIT"
    echo "machine: $(nproc) CPU, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
    echo "packages: generated by bench/gen, $PROJECTS projects, seed $SEED; command: yusuan report PKG -f FMT > /dev/null, $RUNS runs each"
    echo
    cat "$TMP/table"
    echo
    cat "$TMP/log"
} >"$TMP/results"
cp "$TMP/results" bench/results.txt
echo
cat bench/results.txt
if [ "$fail" -ne 0 ]; then
    echo "bench: FAIL (see above)"
    exit 1
fi
echo "bench: ok"
