#!/bin/sh
# Proves the README's two commands on a fresh Debian 12 machine: a minimal
# root made by `debootstrap --variant=minbase bookworm`, with only git and make
# added, the project cloned into it, and the command run in a chroot.
#
#   scripts/fresh.sh [run|test|both]     (default: both, each in its own root)
#
#   run   `make run` until /healthz answers on http://127.0.0.1:8080 and the
#         front page is served, then stops it
#   test  `make test`, whose exit status is this script's
#
# Needs root (debootstrap, chroot, mounts).  What it carries over from this
# machine is only what reaching the package registries needs: the Debian
# sources apt uses here, apt's own settings that no package owns (a proxy, a
# snapshot's validity), the extra CA certificates this machine trusts and the
# CA settings of Node.js and npm.  Nothing else of this machine is visible.
#
# The debootstrap result is cached as a tarball in $FRESH_CACHE (default
# /var/cache/samskap-fresh) so that later runs skip the download; every check
# unpacks it into a new, empty folder.  Logs (and the tests' output) go to
# $SAMSKAP_TEST_OUTPUT/fresh/ (default test-output/fresh/).
# FRESH_KEEP=1 keeps the roots for a look afterwards.
set -eu
cd "$(dirname "$0")/.."
repo=$PWD
what=${1:-both}
cache=${FRESH_CACHE:-/var/cache/samskap-fresh}
out=${SAMSKAP_TEST_OUTPUT:-$repo/test-output}/fresh
run_timeout=${FRESH_RUN_TIMEOUT:-1800}
mkdir -p "$out" "$cache"

say() { printf 'fresh: %s\n' "$*"; }
die() { printf 'fresh: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot and mounts)"
case $what in run|test|both) ;; *) die "usage: scripts/fresh.sh [run|test|both]" ;; esac

host_pkgs=""
command -v debootstrap >/dev/null 2>&1 || host_pkgs="$host_pkgs debootstrap"
command -v curl >/dev/null 2>&1 || host_pkgs="$host_pkgs curl"
command -v git >/dev/null 2>&1 || host_pkgs="$host_pkgs git"
if [ -n "$host_pkgs" ]; then
  say "installing on this machine:$host_pkgs"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $host_pkgs >/dev/null
fi

# ---- what is carried over: the Debian sources and how to reach them ----

# The Debian sources file apt uses here (deb822 or one-line style).
debian_sources() {
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    echo /etc/apt/sources.list.d/debian.sources
  elif [ -s /etc/apt/sources.list ]; then
    echo /etc/apt/sources.list
  fi
}
mirror() { # the first Debian archive address in it, for debootstrap
  f=$(debian_sources)
  [ -n "$f" ] || return 1
  {
    sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' "$f"
    sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\)[[:space:]]\+bookworm[[:space:]].*/\2/p' "$f"
  } | grep -v -e '-security' | head -n 1
}
MIRROR=${FRESH_MIRROR:-$(mirror || true)}
[ -n "$MIRROR" ] || die "no Debian source found in /etc/apt (set FRESH_MIRROR)"

base=$cache/bookworm-minbase.tar
if [ ! -s "$base" ]; then
  say "debootstrap --variant=minbase bookworm from $MIRROR (cached in $base)"
  tmp=$(mktemp -d /tmp/samskap-debootstrap.XXXXXX)
  debootstrap --variant=minbase bookworm "$tmp" "$MIRROR" >"$out/debootstrap.log" 2>&1 ||
    { tail -20 "$out/debootstrap.log" >&2; rm -rf "$tmp"; die "debootstrap failed"; }
  tar -C "$tmp" -cf "$base.part" . && mv "$base.part" "$base"
  rm -rf "$tmp"
fi

# ---- one root ----

ROOTS=""
kill_root_procs() { # every process whose root is $1
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$1" ] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  return 0
}
cleanup_root() {
  r=$1
  kill_root_procs "$r"
  sleep 1
  for m in $(awk -v r="$r" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  if [ "${FRESH_KEEP:-0}" = 1 ]; then say "kept $r"; else rm -rf "$r"; fi
}
cleanup() {
  for r in $ROOTS; do cleanup_root "$r"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

new_root() { # sets R (not a subshell: ROOTS must keep it for the cleanup)
  R=$(mktemp -d /var/tmp/samskap-fresh.XXXXXX)
  r=$R
  ROOTS="$ROOTS $r"
  tar -C "$r" -xf "$base"
  chmod 755 "$r" # after tar, which gives it the mode of mktemp's 0700: apt's _apt user
                 # and the postgres user must be able to enter /
  # apt: this machine's Debian sources, and its apt settings that no package owns
  # (e.g. a proxy, or accepting a snapshot's old Release file).
  rm -f "$r/etc/apt/sources.list"
  src=$(debian_sources)
  cp "$src" "$r$src"
  for f in /etc/apt/apt.conf.d/*; do
    [ -f "$f" ] || continue
    dpkg -S "$f" >/dev/null 2>&1 && continue
    grep -q 'Acquire' "$f" 2>/dev/null && cp "$f" "$r/etc/apt/apt.conf.d/"
  done
  # Services are not started inside the root: it shares this machine's network,
  # and the tests start their own PostgreSQL.
  printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
  chmod 755 "$r/usr/sbin/policy-rc.d"
  # CA certificates this machine trusts beyond Debian's (update-ca-certificates
  # in the root adds them when the ca-certificates package is installed).
  if ls /usr/local/share/ca-certificates/* >/dev/null 2>&1; then
    mkdir -p "$r/usr/local/share/ca-certificates"
    cp -r /usr/local/share/ca-certificates/. "$r/usr/local/share/ca-certificates/"
  fi
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    mkdir -p "$r/etc/ssl/certs"
    cp /etc/ssl/certs/ca-certificates.crt "$r/etc/ssl/certs/"
  fi
  cp /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
  cp /etc/hosts "$r/etc/hosts" 2>/dev/null || true
  mount -t proc proc "$r/proc"
  mount --rbind /sys "$r/sys" && mount --make-rslave "$r/sys"
  mount --rbind /dev "$r/dev" && mount --make-rslave "$r/dev"
  mkdir -p "$r/root"
}

# The environment inside: a newcomer's shell, plus the CA settings above.
in_root() {
  r=$1
  shift
  ca=""
  [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && ca="$ca NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS"
  npm_ca=$(npm config get cafile 2>/dev/null || true)
  case $npm_ca in /*) ca="$ca npm_config_cafile=$npm_ca" ;; esac
  # shellcheck disable=SC2086
  chroot "$r" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM=dumb CI="${CI:-}" $ca /bin/sh -c "$*"
}

prepare() { # $1 root, $2 log: git and make, then the project as a newcomer clones it
  r=$1
  in_root "$r" 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq &&
    apt-get install -y -qq --no-install-recommends git make >/dev/null' >>"$2" 2>&1 ||
    { tail -20 "$2" >&2; die "could not install git and make in the root"; }
  git clone -q --no-hardlinks "$repo" "$r/root/samskap"
  rev=$(git -C "$repo" rev-parse --short HEAD)
  say "root $r: Debian $(cat "$r/etc/debian_version"), samskap $rev, node: $(in_root "$r" 'command -v node || echo none')"
}

check_run() {
  log=$out/make-run.log
  : >"$log"
  new_root
  r=$R
  prepare "$r" "$log"
  if curl -s -o /dev/null http://127.0.0.1:8080/ 2>/dev/null; then
    die "something already answers on 127.0.0.1:8080; stop it first"
  fi
  say "make run (log: $log)"
  in_root "$r" 'cd /root/samskap && make run' >>"$log" 2>&1 &
  pid=$!
  start=$(date +%s)
  while :; do
    if curl -fsS -o /dev/null --max-time 5 http://127.0.0.1:8080/healthz 2>/dev/null; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -40 "$log" >&2
      die "make run ended before the site answered"
    fi
    [ $(($(date +%s) - start)) -lt "$run_timeout" ] || { tail -40 "$log" >&2; die "no answer on /healthz in ${run_timeout}s"; }
    sleep 2
  done
  code=$(curl -s -o "$out/front-page.html" -w '%{http_code}' http://127.0.0.1:8080/)
  [ "$code" = 200 ] && grep -q 'samskap' "$out/front-page.html" ||
    die "/healthz answered, but the front page gave $code"
  say "make run: /healthz and / answer after $(($(date +%s) - start))s; stopping it"
  cleanup_root "$r"
  ROOTS=$(echo "$ROOTS" | sed "s|$r||")
  wait "$pid" 2>/dev/null || true
}

check_test() {
  log=$out/make-test.log
  : >"$log"
  new_root
  r=$R
  prepare "$r" "$log"
  say "make test (log: $log)"
  start=$(date +%s)
  # the exit status goes through a file outside the project: the pipe through tee hides it
  rcfile=$(mktemp /tmp/samskap-fresh-rc.XXXXXX)
  { rc=0; in_root "$r" 'cd /root/samskap && make test' 2>&1 || rc=$?; echo "$rc" >"$rcfile"; } | tee -a "$log"
  status=$(cat "$rcfile")
  rm -f "$rcfile"
  rm -rf "$out/test-output"
  cp -r "$r/root/samskap/test-output" "$out/test-output" 2>/dev/null || true
  say "make test exited $status after $(($(date +%s) - start))s"
  return "$status"
}

case $what in
  run) check_run ;;
  test) check_test ;;
  both) check_run && check_test ;;
esac
