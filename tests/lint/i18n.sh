#!/bin/sh
# Every locale key the code uses exists in locale/sv/*.txt and locale/en/*.txt
# (one file per module; each language's modules form one table).
#
# Keys used are found in src/ as
#   - string literals on lines that call T(...), form_error(...), resp_flash(...),
#     i18n_get(...) or i18n_has(...), including both arms of "c ? "a" : "b"";
#   - any other string literal shaped like a key ("word.word...") whose first
#     part is a key prefix of the locale files or one of the families below
#     (field labels and hints in struct initialisers, "err.*" returned by the
#     domain validators, flash keys kept in variables ...);
#   - dynamic families built with printf, e.g. "role.%s", role_name(x):
#     expanded with every name the *_name() function can return (the strings
#     in its body and in the static tables it indexes: role_names, kinds,
#     sectors, names ...), so role.<name>, org.kind.<name>, org.sector.<name>,
#     idea.status.<name> ... are all checked; and
#       error.<status>.title / .text   every status passed to page_error(...)
#                                       and 400 403 404 405 413 500
#       month.1 ... month.12
#     A printf-built key (with a locale prefix) that cannot be expanded fails
#     the check, so that no family goes unchecked.
# Also checked: the locale files parse ("key = value" lines), have no key
# twice, and hold the same keys.
#
# Usage: tests/lint/i18n.sh [repo root]   — exits 1 listing what is missing.
set -u
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 2
sv=$(ls locale/sv/*.txt 2>/dev/null)
en=$(ls locale/en/*.txt 2>/dev/null)
[ -n "$sv" ] || { echo "i18n: locale/sv/*.txt is missing" >&2; exit 2; }
[ -n "$en" ] || { echo "i18n: locale/en/*.txt is missing" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
KEY='[a-z][a-z0-9_]*(\.[a-z0-9_]+)+'

# ---- the locale files ----------------------------------------------------
# key = value; blank lines and # comments skipped; leading spaces ignored
# (as src/view/i18n.c reads them).
parse_locale() { # files -> keys on stdout, problems on fd 3 (a key twice in a language's modules too)
  awk '
    { f = FILENAME; sub(/^ +/, "") }
    /^$/ || /^#/ { next }
    {
      i = index($0, " = ")
      if (i == 0) { printf "%s:%d: not \"key = value\": %s\n", f, FNR, $0 > "/dev/fd/3"; next }
      k = substr($0, 1, i - 1)
      if (seen[k]++) printf "%s:%d: key %s appears twice\n", f, FNR, k > "/dev/fd/3"
      if (substr($0, i + 3) ~ /^[ \t]*$/) printf "%s:%d: key %s has no text\n", f, FNR, k > "/dev/fd/3"
      print k
    }' "$@"
}
parse_locale $sv 3>"$tmp/sv.problems" | sort -u >"$tmp/sv.keys"
parse_locale $en 3>"$tmp/en.problems" | sort -u >"$tmp/en.keys"
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

# dynamic families: "prefix.%s" filled by a *_name() function of src/domain/
c_table() { # file array-name -> the quoted strings inside "name[...] = { ... };"
  awk -v name="$2" '
    index($0, name "[") && /= *\{/ { on = 1 }
    on { print }
    on && /\};/ { exit }' "$1" | grep -oE '"[^"]*"' | tr -d '"'
}
func_values() { # function -> the names it can return (its literals and tables)
  file=$(grep -lE "^[a-z_ ]*char \*$1\(" $srcs | grep '\.c$' | head -n 1)
  [ -n "$file" ] || return 0
  awk -v f="$1" 'index($0, f "(") && /^[a-z]/ && !/;[[:space:]]*$/ { on = 1 }
                 on { print }
                 on && /^\}/ { exit }' "$file" >"$tmp/body"
  grep -oE '"[^"]+"' "$tmp/body" | tr -d '"'
  for t in $(grep -oE '[a-z_][a-z0-9_]*\[' "$tmp/body" | tr -d '[' | sort -u); do
    grep -qE "static const char \*const $t\[" "$file" && c_table "$file" "$t"
  done
}
# Families the code fills from only part of a table (it filters first):
# the names it can actually use.  Keep in step with the code named.
partial_family() {
  case $1 in
  idea.to.%s) echo under_bedomning pagar genomford ;; # src/web/calls/idea_page.c lifecycle_buttons
  # statistics (issue 13): column, table and list ids from src/store/stats.c, sections of stats_page.c
  stats.col.%s|stats.col.%s.about) grep -oE '\{"[a-z_]+", SC_' src/store/stats.c | cut -d'"' -f2 | sort -u ;;
  stats.table.%s|stats.table.%s.about) grep -oE 'LAYOUT\("[a-z_]+"' src/store/stats.c | cut -d'"' -f2 ;;
  open.list.%s|open.list.%s.about) grep -E '^const char \*const open_list_ids' src/store/stats.c | grep -oE '"[a-z_]+"' | tr -d '"' ;;
  stats.h.%s) grep -E 'const secs\[\]' src/web/stats/stats_page.c | grep -oE '"[a-z_]+"' | tr -d '"' ;;
  esac
}
FAM='"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.%[a-z]+(\.[a-z0-9_]+)*"'
grep -hoE "$FAM(,[[:space:]]*[a-z_][a-z0-9_]*\()?" $srcs | sort -u >"$tmp/families"
statuses=$( (grep -hoE 'page_error\([^,()]*,[[:space:]]*[0-9]{3}\)' $srcs | grep -oE '[0-9]{3}'
  printf '%s\n' 400 403 404 405 413 500) | sort -u)
: >"$tmp/used.dyn"
while IFS= read -r line; do
  fam=$(printf '%s\n' "$line" | sed -E 's/^"([^"]*)".*/\1/')
  func=$(printf '%s\n' "$line" | sed -nE 's/.*,[[:space:]]*([a-z_][a-z0-9_]*)\($/\1/p')
  grep -qxF "${fam%%.*}" "$tmp/prefixes" || continue   # not a locale key (an audit action ...)
  case $fam in
  error.%d.title) for s in $statuses; do echo "error.$s.title"; done >>"$tmp/used.dyn"; continue ;;
  error.%d.text) for s in $statuses; do echo "error.$s.text"; done >>"$tmp/used.dyn"; continue ;;
  month.%d) for m in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "month.$m"; done >>"$tmp/used.dyn"; continue ;;
  esac
  vals=$(partial_family "$fam")
  case $fam in *.%s|*.%s.*) [ -z "$vals" ] && [ -n "$func" ] && vals=$(func_values "$func") ;; esac
  if [ -z "$vals" ]; then
    echo "i18n: cannot expand the key family \"$fam\"${func:+ filled by $func()}" \
      "($(grep -rlF "\"$fam\"" src | tr '\n' ' ')): name it from a *_name() function" \
      "with a table, or add a rule to tests/lint/i18n.sh"
    status=1
    continue
  fi
  head=${fam%%%s*}
  tail=${fam#*%s}
  for v in $vals; do echo "$head$v$tail"; done >>"$tmp/used.dyn"
done <"$tmp/families"
# the families always exist, used or not
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
    echo "i18n: keys used in src/ but missing from locale/$lang/*.txt:"
    while read -r k; do echo "  $k   ($(where "$k"))"; done <"$tmp/missing.$lang"
    status=1
  fi
done
comm -23 "$tmp/sv.keys" "$tmp/en.keys" >"$tmp/only.sv"
comm -13 "$tmp/sv.keys" "$tmp/en.keys" >"$tmp/only.en"
if [ -s "$tmp/only.sv" ]; then
  echo "i18n: keys in locale/sv/ but not in locale/en/:"
  sed 's/^/  /' "$tmp/only.sv"
  status=1
fi
if [ -s "$tmp/only.en" ]; then
  echo "i18n: keys in locale/en/ but not in locale/sv/:"
  sed 's/^/  /' "$tmp/only.en"
  status=1
fi

if [ $status -eq 0 ]; then
  echo "i18n: ok — $(wc -l <"$tmp/used" | tr -d ' ') keys used in src/, all in locale/sv/ and locale/en/"
fi
exit $status
