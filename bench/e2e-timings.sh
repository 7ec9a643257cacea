#!/usr/bin/env bash
# Issue 12's end-to-end targets over ten runs: runs the end-to-end test
# (tests/e2e: the real hub and app, real wireguard-go in namespaces, the admin
# view on its event stream, the engineer's app on its long-poll, "Connect when
# approved") RUNS times and prints the median and the worst of what each run
# measured (its TIMING lines):
#   register click -> the request in the admin view
#   approval click -> the app shows Approved
#   approval click -> first handshake (the app connects by itself)
#
#   bench/e2e-timings.sh BUILD_DIR [RUNS]     (root: the lab needs namespaces)
set -euo pipefail
build=$(cd "${1:?usage: e2e-timings.sh BUILD_DIR [RUNS]}" && pwd)
runs=${2:-10}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), load $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  if ! (cd "$build" && ctest -R '^lab_endtoend$' -V >"$out/run-$run.log" 2>&1); then
    tail -n 30 "$out/run-$run.log" >&2
    echo "e2e-timings.sh: run $run failed" >&2
    exit 1
  fi
  grep -o 'TIMING.*' "$out/run-$run.log" | sed "s/^/run $run: /"
done
# figure NAME REGEX: the seconds each run printed for it, median and worst.
figure()
{
  local values
  values=$(cat "$out"/run-*.log | grep -o "$2" | grep -oE '[0-9]+\.[0-9]+' | sort -g)
  [ -n "$values" ] || { echo "$1: not printed"; return; }
  awk -v name="$1" '{ v[NR] = $1 } END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%s: median %.2f s, worst %.2f s over %d runs\n", name, m, v[NR], NR }' <<<"$values"
}
figure "register click -> request in the admin view" 'request in the admin view: [0-9.]* s'
figure "approval click -> the app shows Approved" 'the app shows Approved: [0-9.]* s'
figure "approval click -> first handshake" 'approval click -> first handshake: [0-9.]* s'
