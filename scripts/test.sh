#!/bin/sh
# Every test, as `make test` runs it (and CI through .ci/run):
#   unit tests (domain rules, parsers, views) plain and under ASan+UBSan,
#   storage tests on SQLite and on a real PostgreSQL server started here,
#   HTTP tests against the real binary (SQLite, PostgreSQL, and the
#   sanitizer build), browser tests in Debian's Chromium, a fuzzing smoke run.
# Every step runs; the summary lists failures; the exit status is non-zero
# when any step failed.  Output (logs, screenshots) goes to test-output/.
set -u
cd "$(dirname "$0")/.."
scripts/deps.sh test || exit 1
# Node.js 20+ fetched by deps.sh where the system's is older (Debian 12 has 18).
[ -x .deps/node/bin/node ] && PATH=$PWD/.deps/node/bin:$PATH && export PATH
echo "test: Node.js $(node --version)"
jobs=$(nproc 2>/dev/null || echo 2)
make -j"$jobs" build/samskap build/asan/samskap unit-bins >/dev/null || { make build/samskap build/asan/samskap unit-bins; exit 1; }

OUT=$PWD/test-output
rm -rf "$OUT"
mkdir -p "$OUT"
export SAMSKAP_TEST_OUTPUT="$OUT"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

PGDIR=$(mktemp -d /tmp/samskap-pg.XXXXXX)
SMTP_PID=""
cleanup() {
  [ -n "$SMTP_PID" ] && kill "$SMTP_PID" 2>/dev/null
  scripts/pg.sh stop "$PGDIR"
}
trap cleanup EXIT INT TERM

if ! SAMSKAP_TEST_PG_URL=$(scripts/pg.sh start "$PGDIR" "$(free_port)"); then
  echo "test: could not start PostgreSQL" >&2
  exit 1
fi
export SAMSKAP_TEST_PG_URL

SMTP_PORT=$(free_port)
mkdir -p "$OUT/mail"
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3   # Debian's, which has aiosmtpd
$PY scripts/smtp_sink.py 127.0.0.1 "$SMTP_PORT" "$OUT/mail" >"$OUT/smtp.log" 2>&1 &
SMTP_PID=$!
export SAMSKAP_TEST_SMTP="127.0.0.1:$SMTP_PORT" SAMSKAP_TEST_MAILDIR="$OUT/mail"

# Each step's output is shown and kept in test-output/steps/, where the totals
# are read from: node's "ℹ pass N"/"ℹ fail N", cmocka's "[  PASSED  ] N test(s)"
# and "[  FAILED  ] N test(s)"; a step that prints neither counts as one test.
failed=""
nstep=0
mkdir -p "$OUT/steps"
step() {
  name=$1
  shift
  nstep=$((nstep + 1))
  log=$OUT/steps/$nstep.log
  printf '\n=== %s\n' "$name"
  start=$(date +%s)
  { "$@"; echo $? >"$log.rc"; } 2>&1 | tee "$log"
  if [ "$(cat "$log.rc")" = 0 ]; then
    printf '=== %s: ok (%ss)\n' "$name" "$(($(date +%s) - start))"
  else
    printf '=== %s: FAILED\n' "$name"
    failed="$failed
  - $name"
  fi
}

# Prints "P F": the tests passed and failed over every step.
totals() {
  p=0
  f=0
  for log in "$OUT"/steps/*.log; do
    rc=$(cat "$log.rc")
    sp=$(sed -n -e 's/^ℹ pass \([0-9]*\)$/\1/p' -e 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" |
      awk '{ s += $1 } END { print s + 0 }')
    sf=$(sed -n -e 's/^ℹ fail \([0-9]*\)$/\1/p' -e 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" |
      awk '{ s += $1 } END { print s + 0 }')
    if [ "$sp" = 0 ] && [ "$sf" = 0 ]; then
      if [ "$rc" = 0 ]; then sp=1; else sf=1; fi
    elif [ "$rc" != 0 ] && [ "$sf" = 0 ]; then
      sf=1 # failed outside any test (a crash, a leak report at exit)
    fi
    p=$((p + sp))
    f=$((f + sf))
  done
  echo "$p $f"
}

run_units() {
  dir=$1
  ok=0
  for t in "$dir"/*; do
    [ -x "$t" ] || continue
    "$t" || ok=1
  done
  return $ok
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1
NODE_TEST="node --test --test-reporter=spec"

step "locale files cover every key in use" tests/lint/i18n.sh
step "unit and storage tests" run_units build/tests/rel
step "unit and storage tests under ASan+UBSan" run_units build/tests/asan
step "HTTP tests, SQLite" env SAMSKAP_BIN=build/samskap SAMSKAP_TEST_DB=sqlite $NODE_TEST tests/http/*.test.mjs
step "HTTP tests, PostgreSQL" env SAMSKAP_BIN=build/samskap SAMSKAP_TEST_DB=pg $NODE_TEST tests/http/*.test.mjs
step "HTTP tests, SQLite, ASan+UBSan build" env SAMSKAP_BIN=build/asan/samskap SAMSKAP_TEST_DB=sqlite $NODE_TEST tests/http/*.test.mjs
if ls tests/browser/*.test.mjs >/dev/null 2>&1; then
  step "browser tests (Chromium, axe)" env SAMSKAP_BIN=build/samskap $NODE_TEST tests/browser/*.test.mjs
fi
if [ -x scripts/fuzz.sh ]; then
  step "fuzzing smoke run (fixed seed)" env FUZZ_RUNS=100000 FUZZ_SEED=1 scripts/fuzz.sh 0
fi

set -- $(totals)
if [ -n "$failed" ]; then
  printf '\nFAILED:%s\n' "$failed"
  printf 'tests: %s passed, %s failed\n' "$1" "$2"
  exit 1
fi
printf '\nAll tests passed. Output in test-output/.\n'
printf 'tests: %s passed, %s failed\n' "$1" "$2"
