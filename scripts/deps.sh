#!/bin/sh
# Installs the Debian packages samskap needs, only those missing.
#   scripts/deps.sh        what building and serving needs (make run)
#   scripts/deps.sh test   also what the tests need: PostgreSQL, Chromium,
#                          clang's fuzzer, Python's iCalendar and SMTP
#                          libraries, Node.js and the npm test packages
#   scripts/deps.sh bench  also wrk and nginx
set -eu
profile=${1:-build}

build="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev
libcmark-dev libjansson-dev libstemmer-dev libcurl4-openssl-dev libical-dev libcmocka-dev
tzdata ca-certificates"
test="postgresql sqlite3 chromium clang libclang-rt-14-dev python3 python3-icalendar
python3-aiosmtpd curl procps"
bench="wrk nginx-light sqlite3 curl"

want=$build
case $profile in
  test) want="$build $test" ;;
  bench) want="$build $bench" ;;
  all) want="$build $test $bench" ;;
esac
command -v node >/dev/null 2>&1 || { [ "$profile" = build ] || want="$want nodejs npm"; }

missing=""
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  echo "deps: installing$missing"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ "$profile" = test ] || [ "$profile" = all ]; then
  cd "$(dirname "$0")/.."
  if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@axe-core/playwright ] ||
     [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "deps: installing npm test packages"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
fi
