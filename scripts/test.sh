#!/usr/bin/env bash
# The whole test suite, as CI runs it: install dependencies, build with warnings
# as errors (a headless gcc build; the full clang build with ASan + UBSan), run
# every test under the sanitizers, fuzz every parser for 20 s.
#   scripts/test.sh            # everything
#   scripts/test.sh -L unit    # extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=$(nproc)

"$ROOT/scripts/install-deps.sh"

# 1. Headless build: core, hub and ctl must build without any Qt Widgets/Gui,
#    with gcc (the compiler of the README's builds) and warnings as errors.
#    Run beside the tests, niced, on the CPU they leave idle (see below).
headless_build()
{
  cmake -S "$ROOT" -B "$ROOT/build/nogui" -DFACTORYVPN_GUI=OFF -DFACTORYVPN_WERROR=ON \
        -DFACTORYVPN_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build "$ROOT/build/nogui" -j"$JOBS"
  local exe path
  for exe in factory-vpn-hub factory-vpn-ctl; do
    path=$(find "$ROOT/build/nogui" -type f -name "$exe" -perm -u+x | head -n1)
    [ -n "$path" ] || { echo "test.sh: no $exe in the headless build" >&2; return 1; }
    if ldd "$path" | grep -Eq 'libQt6(Widgets|Gui)'; then
      echo "test.sh: $exe links Qt Widgets/Gui in the headless build" >&2
      return 1
    fi
    # The hub serves HTTP with core/http; QHttpServer is only the tests' stand-in.
    if ldd "$path" | grep -q 'libQt6HttpServer'; then
      echo "test.sh: $exe links QHttpServer" >&2
      return 1
    fi
  done
  echo "test.sh: headless build OK (hub and ctl link no Qt Widgets/Gui, no QHttpServer)"
}

# 2. The build every test runs on: clang with ASan + UBSan (any report stops the
#    process and fails its test), the GUI, and the libFuzzer targets
#    (scripts/sanitize.sh, docs/security.md). One build for all three keeps CI
#    within its time; gcc's warnings are checked by the headless build above.
export FVPN_SANITIZE_BUILD="$ROOT/build/ci"
"$ROOT/scripts/sanitize.sh" build
status=0
# The headless build starts now, beside the tests: at nice 19 it gets only the
# CPU they leave (the lab tests spend most of their time waiting on the network),
# so CI does not wait for a second build.
mkdir -p "$ROOT/build"
( nice -n 19 bash -c "set -euo pipefail; $(declare -f headless_build); ROOT='$ROOT' JOBS=$JOBS headless_build" \
    >"$ROOT/build/headless.log" 2>&1 ) &
headless_pid=$!
# 3. Every test under the sanitizers, the lab and end-to-end ones too.
#    package_install (dpkg -i as root, the installed hub in a lab, upgrade, purge)
#    runs when asked: FVPN_TEST_PACKAGE_INSTALL=1 scripts/test.sh (docs/packaging.md).
exclude=()
[ "${FVPN_TEST_PACKAGE_INSTALL:-0}" = 1 ] || exclude=(-E '^package_install$')
"$ROOT/scripts/sanitize.sh" test "${exclude[@]}" "$@" || status=$?
# What the end-to-end test measured (approval to first handshake, revocation,
# the other engineer's continuous ping), shown whether it passed or not.
log=$ROOT/build/ci/Testing/Temporary/LastTest.log
if grep -q 'TIMING\|B -> d2' "$log" 2>/dev/null; then
  echo "test.sh: measured by lab_endtoend (sanitized build):"
  grep -o 'TIMING.*\|B -> d2: .*' "$log" | sed 's/^/  /'
fi
if wait "$headless_pid"; then
  tail -n 1 "$ROOT/build/headless.log"
else
  tail -n 40 "$ROOT/build/headless.log" >&2
  echo "test.sh: the headless build failed (log: build/headless.log)" >&2
  status=1
fi
# 4. Each fuzz target 20 s on its corpus, two at a time (the whole suite only).
if [ $# -eq 0 ]; then
  "$ROOT/scripts/sanitize.sh" fuzz 20 || status=1
fi
exit "$status"
