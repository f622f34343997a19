#!/bin/sh
# Acceptance test of `make install` (docs/install.md): install into a staging
# directory (DESTDIR, PREFIX=/usr), then
#  - every file is where it belongs: bin/yusuan, lib/libyusuan.so.VERSION with its soname
#    link and dev link, libyusuan.a, include/yusuan/*.h, lib/pkgconfig/yusuan.pc,
#    share/yusuan/ (data/), share/man/man1/yusuan.1, bash completion;
#  - the shared library has soname libyusuan.so.MAJOR and exports yu_* names only;
#  - a 13-line C program built with `pkg-config --cflags --libs yusuan` (and -Werror
#    -pedantic) audits a text file with the library: 0 errors on a consistent table,
#    the CLI's error count on a broken one; the program itself needs only libyusuan.so.0;
#  - the public headers include no header of cairo, libxlsxwriter, poppler …, compile as
#    C++ and link by their C names (extern "C");
#  - the installed yusuan, run from outside the source tree, finds its data in the prefix
#    (and --data / YUSUAN_DATA override it, the compiled-in source tree is the last resort);
#  - `man -l` and `man yusuan` (MANPATH) show the page; the completion completes;
#  - make uninstall removes every file.
# The installed files come from a normal build (BUILD=build, unless INSTALL_BUILD names
# another), also when make test runs under the sanitizers: a third-party program is not
# built with ASan.
# Usage: YUSUAN=build/bin/yusuan BUILD=build sh tests/e2e/install.sh
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IB=${INSTALL_BUILD:-build}
T=$(mktemp -d /tmp/yusuan-install.XXXXXX)
trap 'rm -rf "$T"' EXIT
D="$T/root"
P="$D/usr"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() { echo "install: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

for tool in cc pkg-config readelf nm man bash; do
  command -v "$tool" >/dev/null 2>&1 || { bad "$tool is not installed (scripts/deps.sh)"; finish; }
done
CXX=$(command -v clang++ || command -v c++ || command -v g++) || { bad "no C++ compiler (clang, scripts/deps.sh)"; finish; }

# ---- make install (a make of its own: not the flags of the make test that runs us) ----
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u CFLAGS -u LDFLAGS -u BUILD -u WERROR \
    make -s -C "$ROOT" install BUILD="$IB" DESTDIR="$D" PREFIX=/usr > "$T/make.log" 2>&1; then
  bad "make install: $(tail -20 "$T/make.log")"
  finish
fi
VERSION=$(sed -n 's/.*YU_VERSION_STRING "\(.*\)"/\1/p' "$ROOT/include/yusuan/version.h")
MAJOR=${VERSION%%.*}
for f in bin/yusuan lib/libyusuan.a "lib/libyusuan.so.$VERSION" lib/pkgconfig/yusuan.pc \
    include/yusuan/yusuan.h include/yusuan/version.h include/yusuan/read.h \
    share/yusuan/catalog/func-2024.tsv share/yusuan/layouts/central-budget.layout share/yusuan/vocab/budget.vocab \
    share/man/man1/yusuan.1 share/bash-completion/completions/yusuan; do
  [ -f "$P/$f" ] && ok || bad "not installed: $f"
done
[ -x "$P/bin/yusuan" ] && ok || bad "bin/yusuan is not executable"
[ "$(readlink "$P/lib/libyusuan.so.$MAJOR")" = "libyusuan.so.$VERSION" ] && ok || bad "soname link libyusuan.so.$MAJOR"
[ "$(readlink "$P/lib/libyusuan.so")" = "libyusuan.so.$MAJOR" ] && ok || bad "dev link libyusuan.so"
for h in "$ROOT"/include/yusuan/*.h; do
  cmp -s "$h" "$P/include/yusuan/$(basename "$h")" || bad "header $(basename "$h") not installed as is"
done
(cd "$ROOT/data" && find . -type f) | while read -r f; do
  cmp -s "$ROOT/data/$f" "$P/share/yusuan/$f" || echo "$f"
done > "$T/missing-data"
[ ! -s "$T/missing-data" ] && ok || bad "data files not installed: $(cat "$T/missing-data")"

# ---- the shared library ----
soname=$(readelf -d "$P/lib/libyusuan.so.$VERSION" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libyusuan.so.$MAJOR" ] && ok || bad "soname is '$soname', expected libyusuan.so.$MAJOR"
nm -D --defined-only "$P/lib/libyusuan.so.$VERSION" | awk '$2 ~ /^[TDBR]$/ && $3 !~ /^yu_/ {print $3}' > "$T/exports"
[ ! -s "$T/exports" ] && ok || bad "the library exports names without yu_: $(head -5 "$T/exports")"
nm -D --defined-only "$P/lib/libyusuan.so.$VERSION" | grep -q " T yu_version$" && ok || bad "yu_version not exported"

# ---- public headers: no dependency's header, -Werror -pedantic clean, C++ ----
grep -h '^#include <' "$P"/include/yusuan/*.h | grep -v -E '<(stddef|stdint|stdio|stdarg|stdbool)\.h>' > "$T/inc"
[ ! -s "$T/inc" ] && ok || bad "public headers include a dependency's header: $(cat "$T/inc")"
for h in "$P"/include/yusuan/*.h; do
  printf '#include <yusuan/%s>\n' "$(basename "$h")" > "$T/h.c"
  cc -std=c11 -Wall -Wextra -Werror -pedantic -I"$P/include" -fsyntax-only "$T/h.c" 2> "$T/h.err" \
    || bad "$(basename "$h") does not compile alone: $(head -3 "$T/h.err")"
done
ok

export PKG_CONFIG_PATH="$P/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$D"
PCV=$(pkg-config --modversion yusuan 2>&1)
[ "$PCV" = "$VERSION" ] && ok || bad "pkg-config --modversion yusuan: $PCV"
CF=$(pkg-config --cflags yusuan) && LIBS=$(pkg-config --libs yusuan) || { bad "pkg-config yusuan failed"; finish; }
case "$CF $LIBS" in *cairo*|*poppler*|*xlsxwriter*|*pango*|*glib*) bad "pkg-config drags in a dependency: $CF $LIBS" ;; *) ok ;; esac
[ "$(echo $LIBS | tr ' ' '\n' | grep '^-l')" = "-lyusuan" ] && ok || bad "Libs: expected -lyusuan alone: $LIBS"
pkg-config --static --libs yusuan | grep -q -- "-lcairo" && ok || bad "Libs.private (static) lacks -lcairo"
[ "$(PKG_CONFIG_SYSROOT_DIR= pkg-config --variable=pkgdatadir yusuan)" = "/usr/share/yusuan" ] && ok \
  || bad "pkgdatadir: $(PKG_CONFIG_SYSROOT_DIR= pkg-config --variable=pkgdatadir yusuan)"

# ---- a third-party program: audits a text file (docs/install.md shows the same) ----
cat > "$T/audit_text.c" <<'EOF'
/* audits a disclosure's text with libyusuan: audit_text DATADIR FILE */
#include <stdio.h>
#include <stdlib.h>
#include <yusuan/yusuan.h>
int main(int argc, char **argv) {
    yu_error e; yu_vocab *v = NULL; yu_gdoc *d = NULL; yu_findings fs = {0}; char *text = NULL, voc[4096]; size_t len;
    yu_error_clear(&e); snprintf(voc, sizeof voc, "%s/vocab/budget.vocab", argc > 2 ? argv[1] : ".");
    if (argc != 3 || yu_vocab_load(voc, &v, &e) || yu_read_file_public(argv[2], &text, &len, &e) ||
        yu_read_any(text, len, argv[2], v, &d, &e) || yu_check_any(d, v, text, len, &fs, NULL))
        return fprintf(stderr, "audit_text: %s\n", argc != 3 ? "usage: audit_text DATADIR FILE" : yu_error_format(&e, voc, sizeof voc)), 2;
    printf("libyusuan %s: %zu findings, %zu errors\n", yu_version(), fs.n, yu_findings_count(&fs, YU_SEV_ERROR));
    yu_findings_free(&fs); yu_gdoc_free(d); yu_vocab_free(v); free(text); return 0;
}
EOF
# shellcheck disable=SC2086
if cc -std=c11 -Wall -Wextra -Werror -pedantic $CF -o "$T/audit_text" "$T/audit_text.c" $LIBS 2> "$T/cc.err"; then ok
else bad "the example does not build with pkg-config: $(head -5 "$T/cc.err")"; finish; fi
needed=$(readelf -d "$T/audit_text" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -v '^libc\.so' | tr '\n' ' ')
[ "$needed" = "libyusuan.so.$MAJOR " ] && ok || bad "the program needs more than libyusuan.so.$MAJOR: $needed"

# a consistent 一般公共预算支出表, and the same with its 合计 off by 10.00
cat > "$T/ok.txt" <<'EOF'
某某单位2024年部门预算

一般公共预算支出表

单位：万元

科目编码      科目名称                    合计         基本支出       项目支出
201           一般公共服务支出           300.00         200.00         100.00
  20101       人大事务                   300.00         200.00         100.00
    2010101   行政运行                   200.00         200.00
    2010102   一般行政管理事务           100.00                        100.00
              合计                       300.00         200.00         100.00
EOF
sed 's/^\( *合计 *\)300\.00/\1310.00/' "$T/ok.txt" > "$T/bad.txt"
cmp -s "$T/ok.txt" "$T/bad.txt" && bad "the broken table is not broken"
out=$(LD_LIBRARY_PATH="$P/lib" "$T/audit_text" "$P/share/yusuan" "$T/ok.txt" 2>&1)
[ "$out" = "libyusuan $VERSION: 0 findings, 0 errors" ] && ok || bad "audit of a consistent table: $out"
out=$(LD_LIBRARY_PATH="$P/lib" "$T/audit_text" "$P/share/yusuan" "$T/bad.txt" 2>&1)
lib_errors=$(echo "$out" | sed -n 's/.* \([0-9]*\) errors$/\1/p')
[ "${lib_errors:-0}" -ge 1 ] && ok || bad "audit of a broken table: $out"
out=$(LD_LIBRARY_PATH="$P/lib" "$T/audit_text" "$P/share/yusuan" "$T/none.txt" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "none.txt" && ok || bad "a missing file: rc $rc: $out"
# without LD_LIBRARY_PATH the staged library is not found: the program is linked, not static
env -u LD_LIBRARY_PATH "$T/audit_text" "$P/share/yusuan" "$T/ok.txt" > /dev/null 2>&1 \
  && [ ! -e /usr/lib/libyusuan.so.$MAJOR ] && [ ! -e /usr/lib/x86_64-linux-gnu/libyusuan.so.$MAJOR ] \
  && bad "the program ran without its library"
ok

# C++: the headers compile and the functions link by their C names
cat > "$T/v.cpp" <<'EOF'
#include <yusuan/yusuan.h>
#include <cstdio>
#include <cstring>
int main() {
    char want[32];
    std::snprintf(want, sizeof want, "%d.%d.%d", YU_VERSION_MAJOR, YU_VERSION_MINOR, YU_VERSION_PATCH);
    std::printf("%s %s\n", yu_version(), yu_strerror(YU_ENOMEM));
    return std::strcmp(want, yu_version()) != 0 || std::strcmp(YU_VERSION_STRING, yu_version()) != 0;
}
EOF
# shellcheck disable=SC2086
if "$CXX" -Wall -Wextra -Werror $CF -o "$T/v" "$T/v.cpp" $LIBS 2> "$T/cxx.err"; then
  LD_LIBRARY_PATH="$P/lib" "$T/v" > "$T/v.out" 2>&1 && grep -q "^$VERSION " "$T/v.out" && ok || bad "C++ program: $(cat "$T/v.out")"
else bad "C++ program does not build ($CXX): $(head -5 "$T/cxx.err")"; fi

# ---- the installed command, run from outside the source tree ----
Y="$P/bin/yusuan"
cd "$T" || exit 1
unset YUSUAN_DATA
[ "$("$Y" version)" = "yusuan $VERSION" ] && ok || bad "yusuan version: $("$Y" version 2>&1)"
out=$("$Y" audit -f json "$T/bad.txt" 2>&1); rc=$?
cli_errors=$(echo "$out" | sed -n 's/^ *"errors": \([0-9]*\),*$/\1/p' | head -1)
[ $rc -eq 1 ] && [ "$cli_errors" = "$lib_errors" ] && ok || bad "installed yusuan audit: rc $rc, $cli_errors errors (library: $lib_errors): $out"
"$Y" audit "$T/ok.txt" > "$T/a.out" 2>&1 && ok || bad "installed yusuan audit of a consistent table: $(cat "$T/a.out")"
"$Y" report "$ROOT/examples/feco-2024" -o "$T/feco.txt" 2> "$T/r.err" && grep -q "1,368.00" "$T/feco.txt" && ok \
  || bad "installed yusuan report: $(cat "$T/r.err")"
# the data it reads is the prefix's: take a layout away there and it says so, naming the prefix
mv "$P/share/yusuan/layouts/central-budget.layout" "$T/central.layout"
out=$("$Y" report "$ROOT/examples/feco-2024" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "$P/share/yusuan/layouts/central-budget.layout" && ok \
  || bad "installed yusuan does not read the prefix's data: rc $rc: $out"
# --data and YUSUAN_DATA come first
"$Y" --data "$ROOT/data" report "$ROOT/examples/feco-2024" > /dev/null 2>&1 && ok || bad "--data DIR"
"$Y" --data="$ROOT/data" report "$ROOT/examples/feco-2024" > /dev/null 2>&1 && ok || bad "--data=DIR"
YUSUAN_DATA="$ROOT/data" "$Y" report "$ROOT/examples/feco-2024" > /dev/null 2>&1 && ok || bad "YUSUAN_DATA"
out=$(YUSUAN_DATA="$T/nowhere" "$Y" audit "$T/ok.txt" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "$T/nowhere" && ok || bad "YUSUAN_DATA=nowhere: rc $rc: $out"
out=$("$Y" --data 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "expected a directory" && ok || bad "--data without DIR: rc $rc: $out"
mv "$T/central.layout" "$P/share/yusuan/layouts/central-budget.layout"
# a copy with no share/yusuan beside it falls back to the source tree it was built in
mkdir -p "$T/elsewhere/bin" && cp "$Y" "$T/elsewhere/bin/yusuan"
"$T/elsewhere/bin/yusuan" report "$ROOT/examples/feco-2024" > /dev/null 2>&1 && ok || bad "fallback to the source tree's data"

# ---- man page, completion ----
man -l "$P/share/man/man1/yusuan.1" > "$T/man.txt" 2> "$T/man.err" && ok || bad "man -l: $(cat "$T/man.err")"
for s in NAME SYNOPSIS COMMANDS "EXIT STATUS" ENVIRONMENT FILES YUSUAN_DATA YUSUAN_DB audit extract template; do
  grep -q "$s" "$T/man.txt" || bad "man page lacks $s"
done
MANPATH="$P/share/man" man -P cat yusuan 2>/dev/null | grep -q "compile, check and audit" && ok \
  || bad "man yusuan (MANPATH=prefix) does not find the page"
LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -l "$P/share/man/man1/yusuan.1" 2> "$T/man.warn" > /dev/null
[ ! -s "$T/man.warn" ] && ok || bad "man page warnings: $(head -5 "$T/man.warn")"
comp=$(bash -c '. "$1"; COMP_WORDS=(yusuan report -f ""); COMP_CWORD=3; _yusuan; echo "${COMPREPLY[*]}"' _ \
  "$P/share/bash-completion/completions/yusuan" 2>&1)
[ "$comp" = "txt md json csv html pdf xlsx" ] && ok || bad "completion of report -f: '$comp'"
comp=$(bash -c '. "$1"; COMP_WORDS=(yusuan --data /x au); COMP_CWORD=3; _yusuan; echo "${COMPREPLY[*]}"' _ \
  "$P/share/bash-completion/completions/yusuan" 2>&1)
[ "$comp" = "audit" ] && ok || bad "completion of a command after --data: '$comp'"

# ---- make uninstall ----
cd "$ROOT" || exit 1
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u CFLAGS -u LDFLAGS -u BUILD -u WERROR \
  make -s -C "$ROOT" uninstall BUILD="$IB" DESTDIR="$D" PREFIX=/usr > "$T/make.log" 2>&1 || bad "make uninstall: $(cat "$T/make.log")"
left=$(find "$D" -type f -o -type l)
[ -z "$left" ] && ok || bad "left after make uninstall: $left"
finish
