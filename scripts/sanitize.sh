#!/usr/bin/env bash
# The sanitizer build (docs/security.md): every target with ASan + UBSan (clang),
# and the libFuzzer targets of tests/fuzz in the same build.
#   scripts/sanitize.sh                  # build, run the tests, fuzz 25 s per target
#   scripts/sanitize.sh build            # only build (scripts/test.sh's build/ci is this one)
#   scripts/sanitize.sh test [ARGS]      # every test (lab ones too), ARGS to ctest
#   scripts/sanitize.sh fuzz [SECONDS]   # each fuzz target SECONDS on its corpus, two at a time
# Any sanitizer report stops its process (halt_on_error) and fails the run, also
# from processes a test starts (the hub, the ctl, the app): every report is written
# to <build>/reports/ and shown at the end. LeakSanitizer suppressions, only for
# third-party code, are in tests/sanitizers/lsan.supp with their reasons.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${FVPN_SANITIZE_BUILD:-$ROOT/build/sanitize}
JOBS=$(nproc)
REPORTS=$BUILD/reports
what=${1:-all}
shift || true

build()
{
  # FVPN_SANITIZE_GUI=OFF: core, hub, ctl and their tests only (what CI runs; see
  # docs/security.md); the default also builds the app and runs its GUI tests.
  # -O1 and line tables only: reports keep file:line stacks, and the build takes
  # about as long as a plain Release one (the test suite's build in CI).
  # FVPN_CMAKE_ARGS: more configure arguments (e.g. a compiler launcher).
  # shellcheck disable=SC2086
  CXX=${CXX_SANITIZE:-clang++-14} CC=${CC_SANITIZE:-clang-14} cmake -S "$ROOT" -B "$BUILD" \
    -DFACTORYVPN_FUZZ=ON -DFACTORYVPN_SANITIZE=address,undefined -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
    -DFACTORYVPN_GUI="${FVPN_SANITIZE_GUI:-ON}" -DFACTORYVPN_WERROR=ON -DFACTORYVPN_BENCH=OFF \
    ${FVPN_CMAKE_ARGS:-} >/dev/null
  cmake --build "$BUILD" -j"$JOBS"
}

sanitizer_environment()
{
  mkdir -p "$REPORTS"
  local symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1:log_path=$REPORTS/asan"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$REPORTS/ubsan"
  export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0"
  [ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer
  return 0
}

# Fails (and shows them) if any process wrote a report.
check_reports()
{
  local found=0 f
  for f in "$REPORTS"/*; do
    [ -e "$f" ] || continue
    found=1
    echo "----- sanitizer report $(basename "$f") -----" >&2
    head -n 60 "$f" >&2
  done
  if [ "$found" = 1 ]; then
    echo "sanitize.sh: sanitizer reports in $REPORTS" >&2
    return 1
  fi
  echo "sanitize.sh: no sanitizer reports"
}

run_tests()
{
  sanitizer_environment
  rm -f "$REPORTS"/*
  local status=0
  (cd "$BUILD" && ctest -j"$JOBS" --output-on-failure "$@") || status=$?
  check_reports || status=1
  return "$status"
}

# Two fuzz.sh at once over halves of the targets (a fuzzer keeps one core busy).
run_fuzzers()
{
  local seconds=${1:-25} t dir
  local targets=() halves=("" "") status=0
  for dir in "$ROOT"/tests/fuzz/corpus/*/; do
    t=$(basename "$dir")
    [ -x "$BUILD/tests/fuzz/fuzz_$t" ] && targets+=("$t")
  done
  cmake --build "$BUILD" -j"$JOBS" --target fuzzers >/dev/null
  local i=0 pids=()
  for t in "${targets[@]}"; do
    halves[i % 2]+=" $t"
    i=$((i + 1))
  done
  for i in 0 1; do
    # shellcheck disable=SC2086
    FVPN_FUZZ_BUILD=$BUILD FVPN_FUZZ_NO_BUILD=1 "$ROOT/scripts/fuzz.sh" "$seconds" ${halves[i]} \
      >"$BUILD/fuzz-half-$i.log" 2>&1 &
    pids+=($!)
  done
  for i in 0 1; do
    wait "${pids[i]}" || status=1
    sed -n '/^fuzz.sh: /,$p' "$BUILD/fuzz-half-$i.log"
  done
  return "$status"
}

case "$what" in
  build) build ;;
  test) run_tests "$@" ;;
  fuzz) run_fuzzers "$@" ;;
  all)
    build
    status=0
    run_tests || status=1
    run_fuzzers || status=1
    exit "$status"
    ;;
  *)
    echo "usage: sanitize.sh [build | test [ctest args] | fuzz [seconds]]" >&2
    exit 2
    ;;
esac
