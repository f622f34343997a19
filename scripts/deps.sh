#!/bin/sh
# Install the Debian packages yusuan needs to build, test and publish.
# Usage: scripts/deps.sh [deb]. Does nothing when everything is present.
#   clang, libclang-rt-14-dev: libFuzzer (-fsanitize=fuzzer) for make fuzz (tests/fuzz)
#   man-db: man -l in tests/e2e/install.sh; bash: the completion's test
#   deb: also what dpkg-buildpackage needs for make deb (debian/control Build-Depends)
set -eu
PKGS="gcc make pkg-config libsqlite3-dev libjansson-dev libxlsxwriter-dev libzip-dev libxml2-dev \
libmicrohttpd-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk libpoppler-glib-dev libcmocka-dev poppler-utils \
chromium libreoffice-calc-nogui time libtesseract-dev tesseract-ocr-chi-sim tesseract-ocr-eng libsodium-dev curl sqlite3 python3"
missing=""
PKGS="$PKGS clang libclang-rt-14-dev man-db bash binutils"
[ "${1:-}" = deb ] && PKGS="$PKGS dpkg-dev debhelper"
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
  echo "deps: missing packages and not root; run: sudo apt-get install$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
