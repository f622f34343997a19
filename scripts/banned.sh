#!/bin/sh
# The banned-function check (run by make check): no C library function that
# writes without a bound, parses without reporting errors, or is not
# reentrant, anywhere in src/ (and tests/fuzz/).  Use instead:
#   strcpy strcat strncpy stpcpy strncat wcscpy wcscat  -> snprintf, or memcpy with a checked length
#   sprintf vsprintf                                    -> snprintf, vsnprintf
#   atoi atol atoll atof                                -> strtol/strtoll/strtod with end and errno checks
#   gets                                                -> fgets, getline
#   strtok                                              -> strtok_r, or strcspn/strspn
#   tmpnam tempnam mktemp                               -> mkstemp, mkdtemp
#   asctime ctime gmtime localtime                      -> the _r forms, strftime
#   rand srand                                          -> an explicit generator (gen.c has one)
#   alloca                                              -> malloc
# Lines that are comments (starting with /*, * or //) are not looked at.
# scripts/banned.allow lists "FILE FUNCTION" uses tolerated for now (bounded uses in a file
# being changed on another branch); each is printed as a reminder.  Add nothing to it.
# Usage: sh scripts/banned.sh [DIR...]   (exit 1 and one line per use when any is found)
set -u
cd "$(dirname "$0")/.." || exit 2
dirs=${*:-src tests/fuzz}
BANNED='strcpy|strcat|strncpy|stpcpy|strncat|wcscpy|wcscat|sprintf|vsprintf|atoi|atol|atoll|atof|gets|strtok|tmpnam|tempnam|mktemp|asctime|ctime|gmtime|localtime|rand|srand|alloca'
# shellcheck disable=SC2086
hits=$(grep -rnE --include='*.c' --include='*.h' "(^|[^A-Za-z0-9_.>])($BANNED)[[:space:]]*\(" $dirs |
  grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*|//)')
allowed=""
if [ -f scripts/banned.allow ]; then
  while read -r file fn; do
    case $file in ''|'#'*) continue ;; esac
    a=$(echo "$hits" | grep -E "^$file:[0-9]+:.*(^|[^A-Za-z0-9_.>])$fn[[:space:]]*\(")
    [ -n "$a" ] && allowed="$allowed$a
"
    hits=$(echo "$hits" | grep -vE "^$file:[0-9]+:.*(^|[^A-Za-z0-9_.>])$fn[[:space:]]*\(")
  done < scripts/banned.allow
fi
[ -n "$allowed" ] && printf 'banned: tolerated for now (scripts/banned.allow):\n%s' "$allowed"
if [ -n "$hits" ]; then
  echo "$hits"
  echo "banned: $(echo "$hits" | wc -l) use(s) of banned functions (scripts/banned.sh lists the replacements)" >&2
  exit 1
fi
echo "banned: no banned function in $dirs"
