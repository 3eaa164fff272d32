#!/bin/sh
# Installs the Debian packages samskap needs, only those missing.
#   scripts/deps.sh        what building and serving needs (make run)
#   scripts/deps.sh test   also what the tests need: PostgreSQL, Chromium,
#                          clang's fuzzer, Python's iCalendar and SMTP
#                          libraries, Node.js and the npm test packages
#
# The tests need Node.js 20 or newer (Playwright, Headers.getSetCookie).
# Debian 12's own nodejs is 18, so where `node` is missing or older, Debian's
# nodejs and npm are installed and npm then fetches Node.js $NODE_VERSION as the
# npm package node-linux-<arch> into .deps/node/ (used only by the tests:
# scripts/test.sh puts .deps/node/bin first on PATH).
#   scripts/deps.sh bench  also wrk and nginx
set -eu
profile=${1:-build}

build="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev
libcmark-dev libjansson-dev libcurl4-openssl-dev libical-dev libcmocka-dev libstemmer-dev
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
NODE_VERSION=22.23.5
cd "$(dirname "$0")/.."
node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null
}
local_node=.deps/node/bin/node
case $profile in test|all) testing=true ;; *) testing=false ;; esac
need_local_node=false
if $testing && ! node_ok && ! [ -x "$local_node" ]; then
  need_local_node=true
  command -v npm >/dev/null 2>&1 || want="$want nodejs npm"
fi

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

if $need_local_node; then
  case $(dpkg --print-architecture) in
    amd64) arch=x64 ;;
    arm64) arch=arm64 ;;
    *) echo "deps: no Node.js package for $(dpkg --print-architecture); install Node.js 20+ yourself" >&2; exit 1 ;;
  esac
  echo "deps: installing Node.js $NODE_VERSION for the tests into .deps/node (Debian's is older than 20)"
  mkdir -p .deps/node/bin
  npm install --prefix .deps/node --no-audit --no-fund --loglevel=error "node-linux-$arch@$NODE_VERSION" >/dev/null
  ln -sf "../node_modules/node-linux-$arch/bin/node" "$local_node"
  "$local_node" --version >/dev/null
fi

if $testing; then
  if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@axe-core/playwright ] ||
     [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "deps: installing npm test packages"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
fi
