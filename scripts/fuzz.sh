#!/bin/sh
# Coverage-guided fuzzing of the parsers that take input from outside, with
# libFuzzer under AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   scripts/fuzz.sh [SECONDS [HARNESS...]]
#   FUZZ_RUNS=N [FUZZ_SEED=S] scripts/fuzz.sh 0 [HARNESS...]
#
# With FUZZ_RUNS each harness runs exactly N inputs from seed S (default 1)
# and a fresh corpus: the same result on every machine, which is what
# `make test` wants (a CI run must not fail on what a random search happens
# to find that day).  Without it the search is timed and random, and keeps
# its corpus between runs: that is how to look for new bugs.
#
# Builds every harness in tests/fuzz/ (fuzz_<name>.c) into build/fuzz/ and
# runs each for its share of SECONDS (default 120 in total), one after the
# other.  Each run first replays its seed corpus tests/fuzz/corpus/<name>/
# (which holds the reproducers of bugs found so far), then mutates; new
# corpus entries go to build/fuzz/corpus/<name>/, never into the repository.
# Crash, leak and timeout reproducers and each run's log go to
# ${SAMSKAP_TEST_OUTPUT:-test-output}/fuzz/.  Exits non-zero when any
# harness found something, naming the harness and the reproducer.
#
# Replay one reproducer:    build/fuzz/fuzz_<name> path/to/crash-file
# Minimise it:              build/fuzz/fuzz_<name> -minimize_crash=1 -runs=20000 path
# Needs clang and libclang-rt-14-dev (scripts/deps.sh test), libcmark-dev.
set -eu
cd "$(dirname "$0")/.."

total=${1:-120}
shift 2>/dev/null || true
out=${SAMSKAP_TEST_OUTPUT:-test-output}/fuzz
bin=build/fuzz
timeout=${FUZZ_TIMEOUT:-10}      # seconds one input may take before it counts as a hang

# name | sources besides the harness | libraries | -max_len
# max_len follows what the server lets through while keeping runs fast: the
# body limits are larger (256 KiB forms, 6 MiB uploads), but every parser here
# is linear and the interesting structure fits in a few KiB.
harnesses='
urlencoded|src/http/parse.c src/util/text.c||4096
multipart|src/http/parse.c src/util/text.c||16384
cookies|src/http/parse.c src/util/text.c||4096
text|src/util/text.c||2048
money|src/domain/money.c||128
pnr|src/domain/pnr.c||1024
html|src/view/html.c||4096
markdown|src/view/markdown.c src/domain/pnr.c src/util/text.c|CMARK|8192
pnr_reader|src/view/markdown.c src/domain/pnr.c src/util/text.c|CMARK|1024
readability|src/domain/readability.c src/domain/worddiff.c src/domain/review.c|LIBM|16384
swedish|src/domain/swedish.c src/util/text.c|STEMMER|2048
validate|src/domain/claim.c src/domain/org.c src/domain/user.c src/view/format.c src/domain/meeting.c src/util/text.c||8192
'

cc=""
for c in clang clang-14; do
  if command -v "$c" >/dev/null 2>&1; then cc=$c; break; fi
done
if [ -z "$cc" ]; then
  echo "fuzz: clang not found (scripts/deps.sh test installs clang and libclang-rt-14-dev)" >&2
  exit 1
fi
cmark_libs=$(pkg-config --libs libcmark 2>/dev/null || echo -lcmark)
cmark_cflags=$(pkg-config --cflags libcmark 2>/dev/null || true)

san="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cflags="-g -O1 -std=gnu11 -D_GNU_SOURCE -Isrc -Itests/fuzz -Wall -Wextra -Wno-unused-parameter $san"
# The arena of src/util/mem.c is replaced by tests/fuzz/fuzz_arena.c, which
# gives each allocation its own heap block so that ASan sees overruns.
# Only the allocator is replaced; src/util/arena_ops.c is linked as it is.
rename="-Darena_new=mem_arena_new -Darena_free=mem_arena_free -Darena_alloc=mem_arena_alloc"

mkdir -p "$bin/obj" "$bin/corpus" "$out"

# ---- build ----
echo "fuzz: building with $cc into $bin/"
# shellcheck disable=SC2086
$cc $cflags $rename -c -o "$bin/obj/mem.o" src/util/mem.c
# shellcheck disable=SC2086
$cc $cflags -c -o "$bin/obj/fuzz_arena.o" tests/fuzz/fuzz_arena.c
# shellcheck disable=SC2086
$cc $cflags -c -o "$bin/obj/arena_ops.o" src/util/arena_ops.c

echo "$harnesses" | while IFS='|' read -r name srcs libs maxlen; do
  [ -n "$name" ] || continue
  l=""
  f=""
  [ "$libs" = CMARK ] && { l=$cmark_libs; f=$cmark_cflags; }
  [ "$libs" = LIBM ] && l=-lm
  [ "$libs" = STEMMER ] && l=-lstemmer
  # shellcheck disable=SC2086
  if ! $cc $cflags $f -o "$bin/fuzz_$name" "tests/fuzz/fuzz_$name.c" $srcs \
      "$bin/obj/mem.o" "$bin/obj/arena_ops.o" "$bin/obj/fuzz_arena.o" $l; then
    echo "fuzz: building fuzz_$name failed" >&2
    exit 1
  fi
done || exit 1

# ---- run ----
want="$*"
count=0
for spec in $(echo "$harnesses" | cut -d'|' -f1); do
  if [ -z "$want" ] || echo " $want " | grep -q " $spec "; then count=$((count + 1)); fi
done
[ "$count" -gt 0 ] || { echo "fuzz: no harness named: $want" >&2; exit 1; }
each=$((total / count))
[ "$each" -ge 1 ] || each=1
if [ -n "${FUZZ_RUNS:-}" ]; then
  echo "fuzz: $count harnesses, $FUZZ_RUNS inputs each from seed ${FUZZ_SEED:-1}; reproducers and logs in $out/"
else
  echo "fuzz: $count harnesses, ${each}s each; reproducers and logs in $out/"
fi

failed=""
for spec in $(echo "$harnesses" | tr ' ' '~'); do
  spec=$(echo "$spec" | tr '~' ' ')
  name=$(echo "$spec" | cut -d'|' -f1)
  maxlen=$(echo "$spec" | cut -d'|' -f4)
  [ -n "$name" ] || continue
  if [ -n "$want" ] && ! echo " $want " | grep -q " $name "; then continue; fi
  mkdir -p "$bin/corpus/$name" "tests/fuzz/corpus/$name"
  # Replay each bug reproducer on its own, so that every one still failing
  # is named; then fuzz from the seeds without those, so that a known bug
  # does not stop the search for new ones.
  seeds=$bin/seeds/$name
  rm -rf "$seeds"
  mkdir -p "$seeds"
  cp tests/fuzz/corpus/$name/* "$seeds/" 2>/dev/null || true
  for f in tests/fuzz/corpus/$name/bug-*; do
    [ -f "$f" ] || continue
    rlog=$out/$name-$(basename "$f").log
    if ! "$bin/fuzz_$name" "$f" >"$rlog" 2>&1; then
      detail=$(grep -a -m2 '^==fuzz==' "$rlog" | sed -n 2p | cut -c1-300)
      [ -n "$detail" ] || detail=$(grep -a -m1 -E '^(==[0-9]+==ERROR|SUMMARY)|runtime error' "$rlog" || true)
      echo "fuzz: $name FAILED on known reproducer $f"
      echo "fuzz:   ${detail:-see $rlog}"
      failed="$failed $name:$(basename "$f")"
      rm -f "$seeds/$(basename "$f")"
    fi
  done
  dict=""
  [ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
  log=$out/$name.log
  if [ -n "${FUZZ_RUNS:-}" ]; then
    corpus=$bin/fixed/$name
    rm -rf "$corpus"
    mkdir -p "$corpus"
    budget="-runs=$FUZZ_RUNS -seed=${FUZZ_SEED:-1}"
  else
    corpus=$bin/corpus/$name
    budget="-max_total_time=$each"
  fi
  set +e
  # shellcheck disable=SC2086
  "$bin/fuzz_$name" $budget -max_len="$maxlen" -timeout="$timeout" \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/$name-" $dict \
    "$corpus" "$seeds" >"$log" 2>&1
  rc=$?
  set -e
  stats=$(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 | sed 's/^#\([0-9]*\)[[:space:]]*DONE[[:space:]]*/\1 runs, /')
  if [ "$rc" -eq 0 ]; then
    echo "fuzz: $name ok: $stats"
  else
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    reason=$(grep -a -m1 -E '^(==[0-9]+==ERROR|SUMMARY|==fuzz== invariant)|runtime error|ERROR: libFuzzer' "$log" || true)
    echo "fuzz: $name FAILED (exit $rc): ${reason:-see $log}"
    detail=$(grep -a -m2 '^==fuzz==' "$log" | sed -n 2p | cut -c1-300)
    [ -z "$detail" ] || echo "fuzz:   $detail"
    echo "fuzz:   reproducer: ${artifact:-none written}; log: $log"
    if [ -n "$artifact" ] && [ -f "$artifact" ] && [ "$(wc -c <"$artifact")" -le 96 ]; then
      echo "fuzz:   input (hex): $(od -An -tx1 -v "$artifact" | tr -s ' \n' ' ')"
    fi
    echo "fuzz:   replay: $bin/fuzz_$name ${artifact:-<file>}"
    failed="$failed $name"
  fi
done

if [ -n "$failed" ]; then
  echo "fuzz: FAILED:$failed"
  exit 1
fi
echo "fuzz: all harnesses ran clean"
