#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, tests/fuzz) and runs each on its
# corpus for SECONDS (default 25), one after the other.
#   scripts/fuzz.sh              # every target, 25 s each (what CI runs)
#   scripts/fuzz.sh 600          # 10 minutes each
#   scripts/fuzz.sh 600 strictjson apibodies
# New inputs that reach new code are kept in build/fuzz/corpus/<target> (not in the
# repository); a crash, leak, sanitizer report, timeout or broken invariant leaves
# its input in build/fuzz/findings/ and makes the script fail. To keep a finding as
# a regression test, fix it and copy the input into tests/fuzz/corpus/<target>/.
# Prints one line per target: executions, new corpus entries, result.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${1:-25}
shift || true
BUILD=${FVPN_FUZZ_BUILD:-$ROOT/build/fuzz}
CXX_FUZZ=${CXX_FUZZ:-clang++-14}
CC_FUZZ=${CC_FUZZ:-clang-14}

if ! command -v "$CXX_FUZZ" >/dev/null; then
  echo "fuzz.sh: $CXX_FUZZ not found (scripts/install-deps.sh installs clang-14 and libclang-rt-14-dev)" >&2
  exit 1
fi

# A build folder already configured for fuzzing (scripts/sanitize.sh's) is used as
# it is; otherwise a small one is made: the libraries and the fuzzers, no GUI.
if ! grep -q '^FACTORYVPN_FUZZ:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null; then
  CXX=$CXX_FUZZ CC=$CC_FUZZ cmake -S "$ROOT" -B "$BUILD" -DFACTORYVPN_FUZZ=ON -DFACTORYVPN_GUI=OFF \
    -DFACTORYVPN_TESTS=OFF -DFACTORYVPN_WERROR=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
# FVPN_FUZZ_NO_BUILD=1: the targets are built already (several fuzz.sh at once).
[ "${FVPN_FUZZ_NO_BUILD:-0}" = 1 ] || cmake --build "$BUILD" -j"$(nproc)" --target fuzzers

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  # Every target this build has (a build without the GUI has no app-side ones).
  for dir in "$ROOT"/tests/fuzz/corpus/*/; do
    t=$(basename "$dir")
    if [ -x "$BUILD/tests/fuzz/fuzz_$t" ]; then
      targets+=("$t")
    else
      echo "fuzz.sh: $t is not in this build (FACTORYVPN_GUI=OFF?), skipped"
    fi
  done
fi

# Inputs a target reads are bounded where the product bounds them: 64 KiB (a public
# request body), 1 MiB for files and answers the hub reads whole.
max_len() {
  case "$1" in
    apibodies | strictjson | links | singleinstance | primitives | http | hubconfig) echo 65536 ;;
    *) echo 1048576 ;;
  esac
}

export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0
[ -x /usr/lib/llvm-14/bin/llvm-symbolizer ] && export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
mkdir -p "$BUILD/findings"
failed=0
summary=()
for t in "${targets[@]}"; do
  bin=$BUILD/tests/fuzz/fuzz_$t
  seeds=$ROOT/tests/fuzz/corpus/$t
  work=$BUILD/corpus/$t
  log=$BUILD/fuzz-$t.log
  if [ ! -x "$bin" ] || [ ! -d "$seeds" ]; then
    echo "fuzz.sh: no target or corpus for '$t'" >&2
    exit 1
  fi
  mkdir -p "$work"
  before=$(find "$work" -type f | wc -l)
  dict=()
  [ -f "$ROOT/tests/fuzz/$t.dict" ] && dict=(-dict="$ROOT/tests/fuzz/$t.dict")
  status=ok
  # -timeout: one input taking 10 s is a finding (a parser must stay linear).
  if ! "$bin" "$work" "$seeds" "${dict[@]}" -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$t")" \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$BUILD/findings/$t-" >"$log" 2>&1; then
    status="FAILED (see $log and $BUILD/findings/)"
    failed=1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  after=$(find "$work" -type f | wc -l)
  summary+=("$(printf '%-16s %12s executions  %5d new inputs  %s' "$t" "$execs" $((after - before)) "$status")")
  echo "${summary[-1]}"
done
echo "fuzz.sh: ${#targets[@]} targets, ${SECONDS_EACH} s each"
printf '  %s\n' "${summary[@]}"
exit "$failed"
