#!/usr/bin/env bash
# The hub's HTTP server (core/http) against the QHttpServer path it replaced,
# measured with wrk on this machine in one run (docs/benchmarks.md, "HTTP server").
#
#   bench/bench_http.sh BUILD_DIR [ROUNDS]
#
# Needs wrk and curl (scripts/install-deps.sh). Everything runs on 127.0.0.1;
# every process it starts is ended by PID, also on failure.
set -euo pipefail

build=${1:?usage: bench_http.sh BUILD_DIR [ROUNDS]}
rounds=${2:-3}
bin="$build/bench/bench_http"
[ -x "$bin" ] || { echo "no $bin: build the bench_http target" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 1; }

scratch=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# start_server KIND [--tls DIR]: sets $server_pid and $port
start_server() {
  local out="$scratch/server.$RANDOM"
  "$bin" serve "$@" >"$out" 2>"$out.err" &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 100); do
    port=$(head -n1 "$out" 2>/dev/null || true)
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "server did not start: $(cat "$out.err")" >&2
  exit 1
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

# wrk_run ARGS...: prints "req/s p50 p99" (latencies in ms)
wrk_run() {
  wrk --latency "$@" 2>&1 | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# measure LABEL URL CONNECTIONS: the medians over $rounds runs of 10 s
measure() {
  local label=$1 url=$2 conns=$3 results="$scratch/m.$RANDOM"
  wrk -t1 -c"$conns" -d2s "$url" >/dev/null 2>&1 || true # warm-up
  for _ in $(seq "$rounds"); do wrk_run -t1 -c"$conns" -d10s "$url" >>"$results"; done
  printf '%-44s %10s req/s   p50 %8s ms   p99 %8s ms\n' "$label" \
    "$(cut -d' ' -f1 "$results" | median)" "$(cut -d' ' -f2 "$results" | median)" \
    "$(cut -d' ' -f3 "$results" | median)"
}

# mixed LABEL PORT: /health (4 connections) while 16 connections pull /static
mixed() {
  local label=$1 base="http://127.0.0.1:$2" results="$scratch/x.$RANDOM"
  for _ in $(seq "$rounds"); do
    wrk -t1 -c16 -d12s "$base/static" >/dev/null 2>&1 &
    local loader=$!
    pids+=("$loader")
    sleep 1
    wrk_run -t1 -c4 -d10s "$base/api/v1/health" >>"$results"
    wait "$loader" || true
  done
  printf '%-44s %10s req/s   p50 %8s ms   p99 %8s ms\n' "$label" \
    "$(cut -d' ' -f1 "$results" | median)" "$(cut -d' ' -f2 "$results" | median)" \
    "$(cut -d' ' -f3 "$results" | median)"
}

echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rounds: $rounds x 10 s each, medians; wrk -t1 on the same machine"
echo

for kind in old worker state; do
  start_server "$kind"
  measure "$kind: GET /api/v1/health (32 connections)" "http://127.0.0.1:$port/api/v1/health" 32
  measure "$kind: GET /static 2.5 MB (8 connections)" "http://127.0.0.1:$port/static" 8
  mixed "$kind: /health while 16 pull /static" "$port"
  stop_server
done

echo
echo "1,000 idle waiting connections (TLS, the public listener's setting)"
for kind in worker state; do
  mkdir -p "$scratch/tls"
  start_server "$kind" --tls "$scratch/tls"
  url="https://127.0.0.1:$port"
  curl -sk "$url/api/v1/health" >/dev/null
  sleep 1
  before=$(rss_kb "$server_pid")
  "$bin" hold "$port" 1000 --tls >"$scratch/hold.out" 2>"$scratch/hold.err" &
  holder=$!
  pids+=("$holder")
  for _ in $(seq 300); do
    waiting=$(curl -sk "$url/stats" | sed -n 's/.*"waiting":\([0-9]*\).*/\1/p')
    [ "${waiting:-0}" -ge 1000 ] && break
    sleep 0.2
  done
  sleep 1
  after=$(rss_kb "$server_pid")
  read -r rps p50 p99 < <(wrk_run -t1 -c4 -d10s "$url/api/v1/health")
  idle=$(rss_kb "$server_pid")
  printf '%-8s waiting %5s   RSS before %6d KiB, with 1,000 waiting %6d KiB (+%d KiB, %.1f KiB each), after wrk %6d KiB\n' \
    "$kind" "$waiting" "$before" "$after" $((after - before)) "$(awk -v a="$after" -v b="$before" 'BEGIN { print (a - b) / 1000 }')" "$idle"
  printf '%-8s GET /api/v1/health over TLS meanwhile: %s req/s, p50 %s ms, p99 %s ms\n' "$kind" "$rps" "$p50" "$p99"
  kill "$holder" 2>/dev/null || true
  wait "$holder" 2>/dev/null || true
  stop_server
done
