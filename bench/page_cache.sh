#!/usr/bin/env bash
# bench/page_cache.sh — the anonymous page cache (src/http/pcache.c) with
# wrk, one thread, 64 connections, loopback: the front page and a post page
# from samskap with the cache off, with it on, and from nginx serving the
# same bytes (with the cache on; the post page's token and one-time key
# differ per response, so nginx gets one response's bytes).
# Usage: bench/page_cache.sh [seconds]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-5}
BIN=${SAMSKAP_BIN:-build/samskap}
TMP=$(mktemp -d /tmp/samskap-pcbench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
wait_http() { for _ in $(seq 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done; return 1; }
export SAMSKAP_DB=$TMP/s.db
"$BIN" demo >/dev/null 2>&1
start() { # cache-setting port
  SAMSKAP_PAGE_CACHE=$1 SAMSKAP_LISTEN=127.0.0.1:$2 SAMSKAP_ACCESS_LOG=0 "$BIN" serve >"$TMP/s$2.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$2/healthz"
}
OFF=$(free_port); start 0 "$OFF"
ON=$(free_port); start 1 "$ON"
NP=$(free_port)
PAGES=(/ /nyheter/gemensam-utvecklingsgrupp-21-mars-2022)
mkdir -p "$TMP/www/nyheter" "$TMP/nginx"
for p in "${PAGES[@]}"; do
  f="$TMP/www$p"; [ "$p" = / ] && f="$TMP/www/index.html"
  curl -fsS -o "$f" "http://127.0.0.1:$ON$p"
done
user_line=""; [ "$(id -u)" -eq 0 ] && user_line="user root root;"
cat >"$TMP/nginx/nginx.conf" <<NG
$user_line
worker_processes auto; daemon off; pid $TMP/nginx/nginx.pid; error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http { access_log off; sendfile on; keepalive_requests 1000000; types { } default_type "text/html; charset=utf-8";
  client_body_temp_path $TMP/nginx/b; proxy_temp_path $TMP/nginx/p; fastcgi_temp_path $TMP/nginx/f;
  uwsgi_temp_path $TMP/nginx/u; scgi_temp_path $TMP/nginx/s;
  server { listen 127.0.0.1:$NP; root $TMP/www; index index.html; location / { } } }
NG
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" >/dev/null 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$NP/"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t1 -c64 -d${DUR}s"
printf '%-48s %-8s %10s %10s\n' page server req/s p99
for p in "${PAGES[@]}"; do
  for s in off:$OFF on:$ON nginx:$NP; do
    name=${s%%:*} port=${s#*:}
    out=$(wrk -t1 -c64 -d"${DUR}s" --latency "http://127.0.0.1:$port$p")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    printf '%-48s %-8s %10s %10s\n' "$p" "$name" "$rps" "$p99"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
