#!/bin/sh
# Every locale key the code uses exists in locale/sv.txt and locale/en.txt.
#
# Keys used are found in src/ as
#   - string literals on lines that call T(...), form_error(...), resp_flash(...),
#     i18n_get(...) or i18n_has(...), including both arms of "c ? "a" : "b"";
#   - any other string literal shaped like a key ("word.word...") whose first
#     part is a key prefix of the locale files or one of the families below
#     (field labels and hints in struct initialisers, "err.*" returned by the
#     domain validators, flash keys kept in variables ...);
#   - dynamic families built with printf, expanded from the code's own tables:
#       role.<name>         every name in src/domain/user.c role_names
#       org.kind.<name>     every name in src/domain/org.c kinds
#       org.sector.<name>   every name in src/domain/org.c sectors
#       post.status.<name>  utkast, publicerad (src/domain/post.c)
#       error.<status>.title / .text   every status passed to page_error(...)
#                                       and 400 403 404 405 413 500
#       month.1 ... month.12
#     A printf-built key of a family not listed here fails the check, so that
#     a new family gets an expansion rule instead of going unchecked.
# Also checked: the locale files parse ("key = value" lines), have no key
# twice, and hold the same keys.
#
# Usage: tests/lint/i18n.sh [repo root]   — exits 1 listing what is missing.
set -u
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 2
sv=locale/sv.txt
en=locale/en.txt
for f in "$sv" "$en"; do
  [ -r "$f" ] || { echo "i18n: $f is missing" >&2; exit 2; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
KEY='[a-z][a-z0-9_]*(\.[a-z0-9_]+)+'

# ---- the locale files ----------------------------------------------------
# key = value; blank lines and # comments skipped; leading spaces ignored
# (as src/view/i18n.c reads them).
parse_locale() { # file -> keys on stdout, problems on fd 3
  awk -v f="$1" '
    { sub(/^ +/, "") }
    /^$/ || /^#/ { next }
    {
      i = index($0, " = ")
      if (i == 0) { printf "%s:%d: not \"key = value\": %s\n", f, NR, $0 > "/dev/fd/3"; next }
      k = substr($0, 1, i - 1)
      if (seen[k]++) printf "%s:%d: key %s appears twice\n", f, NR, k > "/dev/fd/3"
      if (substr($0, i + 3) ~ /^[ \t]*$/) printf "%s:%d: key %s has no text\n", f, NR, k > "/dev/fd/3"
      print k
    }' "$1"
}
parse_locale "$sv" 3>"$tmp/sv.problems" | sort -u >"$tmp/sv.keys"
parse_locale "$en" 3>"$tmp/en.problems" | sort -u >"$tmp/en.keys"
if [ -s "$tmp/sv.problems" ] || [ -s "$tmp/en.problems" ]; then
  echo "i18n: malformed locale files:"
  sed 's/^/  /' "$tmp/sv.problems" "$tmp/en.problems"
  status=1
fi

# ---- keys used in src/ ---------------------------------------------------
# C sources without comments would be nicer; key-shaped literals in comments
# are rare enough, and a comment naming a key should name a real one.
srcs=$(find src -name '*.c' -o -name '*.h' | sort)

# literals on lines that pass keys
grep -hE '(\<T|form_error|resp_flash|i18n_get|i18n_has)[[:space:]]*\(' $srcs |
  grep -oE "\"$KEY\"" | tr -d '"' >"$tmp/used.calls"

# prefixes: those of the locale files plus the known families
cut -d. -f1 "$tmp/sv.keys" "$tmp/en.keys" | sort -u >"$tmp/prefixes"
printf '%s\n' err flash error month role org post >>"$tmp/prefixes"
sort -u -o "$tmp/prefixes" "$tmp/prefixes"

grep -hoE "\"$KEY\"" $srcs | tr -d '"' | sort -u >"$tmp/literals"
awk -F. 'NR == FNR { p[$1] = 1; next } ($1 in p)' "$tmp/prefixes" "$tmp/literals" \
  >"$tmp/used.literals"

# dynamic families
c_table() { # file array-name -> the quoted strings inside "name[...] = { ... };"
  awk -v name="$2" '
    index($0, name "[") && /= *\{/ { on = 1 }
    on { print }
    on && /\};/ { exit }' "$1" | grep -oE '"[^"]*"' | tr -d '"'
}
grep -hoE "\"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.%[a-z]+(\.[a-z0-9_]+)*\"" $srcs | tr -d '"' |
  sort -u >"$tmp/families"
: >"$tmp/used.dynamic"
statuses=$( (grep -hoE 'page_error\([^,()]*,[[:space:]]*[0-9]{3}\)' $srcs | grep -oE '[0-9]{3}'
  printf '%s\n' 400 403 404 405 413 500) | sort -u)
while read -r fam; do
  case $fam in
  role.%s) for n in $(c_table src/domain/user.c role_names); do echo "role.$n"; done ;;
  org.kind.%s) for n in $(c_table src/domain/org.c kinds); do echo "org.kind.$n"; done ;;
  org.sector.%s) for n in $(c_table src/domain/org.c sectors); do echo "org.sector.$n"; done ;;
  post.status.%s) printf 'post.status.%s\n' utkast publicerad ;;
  error.%d.title) for s in $statuses; do echo "error.$s.title"; done ;;
  error.%d.text) for s in $statuses; do echo "error.$s.text"; done ;;
  month.%d) for m in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "month.$m"; done ;;
  *)
    echo "i18n: a key family built at run time has no expansion rule here: \"$fam\"" \
      "($(grep -rlF "\"$fam\"" src | tr '\n' ' '))"
    status=1
    ;;
  esac
done <"$tmp/families" >>"$tmp/used.dynamic"
grep '^i18n:' "$tmp/used.dynamic" && status=1
grep -v '^i18n:' "$tmp/used.dynamic" >"$tmp/used.dyn" || true
# the families always exist, used or not
for n in $(c_table src/domain/user.c role_names); do echo "role.$n"; done >>"$tmp/used.dyn"
for m in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "month.$m"; done >>"$tmp/used.dyn"
for s in $statuses; do printf 'error.%s.title\nerror.%s.text\n' "$s" "$s"; done >>"$tmp/used.dyn"

sort -u "$tmp/used.calls" "$tmp/used.literals" "$tmp/used.dyn" >"$tmp/used"

# ---- compare -------------------------------------------------------------
where() { # key -> "file:line" of its first use, or the family
  loc=$(grep -rnF "\"$1\"" src | head -n 1 | cut -d: -f1,2)
  [ -n "$loc" ] && echo "$loc" || echo "dynamic family"
}
for lang in sv en; do
  comm -23 "$tmp/used" "$tmp/$lang.keys" >"$tmp/missing.$lang"
  if [ -s "$tmp/missing.$lang" ]; then
    echo "i18n: keys used in src/ but missing from locale/$lang.txt:"
    while read -r k; do echo "  $k   ($(where "$k"))"; done <"$tmp/missing.$lang"
    status=1
  fi
done
comm -23 "$tmp/sv.keys" "$tmp/en.keys" >"$tmp/only.sv"
comm -13 "$tmp/sv.keys" "$tmp/en.keys" >"$tmp/only.en"
if [ -s "$tmp/only.sv" ]; then
  echo "i18n: keys in locale/sv.txt but not in locale/en.txt:"
  sed 's/^/  /' "$tmp/only.sv"
  status=1
fi
if [ -s "$tmp/only.en" ]; then
  echo "i18n: keys in locale/en.txt but not in locale/sv.txt:"
  sed 's/^/  /' "$tmp/only.en"
  status=1
fi

if [ $status -eq 0 ]; then
  echo "i18n: ok — $(wc -l <"$tmp/used" | tr -d ' ') keys used in src/, all in sv.txt and en.txt"
fi
exit $status
