#!/usr/bin/env bash
# The whole test suite, as CI runs it: install dependencies, build with warnings
# as errors (headless under ASan + UBSan with the fuzz targets, and full), run
# every test, the headless tests under the sanitizers and each fuzz target 20 s.
#   scripts/test.sh            # everything
#   scripts/test.sh -L unit    # extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=$(nproc)

"$ROOT/scripts/install-deps.sh"

# 1. Headless sanitizer build (clang 14, ASan + UBSan, the libFuzzer targets):
#    core, hub and ctl must build without any Qt Widgets/Gui; its tests and the
#    fuzz targets run in step 3, beside the main suite.
SAN=$ROOT/build/sanitize
export FVPN_SANITIZE_BUILD=$SAN FVPN_SANITIZE_GUI=OFF
"$ROOT/scripts/sanitize.sh" build
for exe in factory-vpn-hub factory-vpn-ctl; do
  path=$(find "$SAN" -type f -name "$exe" -perm -u+x | head -n1)
  if ldd "$path" | grep -Eq 'libQt6(Widgets|Gui)'; then
    echo "test.sh: $exe links Qt Widgets/Gui in the headless build" >&2
    exit 1
  fi
  # The hub serves HTTP with core/http; QHttpServer is only the tests' stand-in.
  if ldd "$path" | grep -q 'libQt6HttpServer'; then
    echo "test.sh: $exe links QHttpServer" >&2
    exit 1
  fi
done
echo "test.sh: headless build OK (hub and ctl link no Qt Widgets/Gui, no QHttpServer)"

# 2. Full build with tests.
cmake -S "$ROOT" -B "$ROOT/build/ci" -DFACTORYVPN_WERROR=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$ROOT/build/ci" -j"$JOBS"

# 3. The whole suite on the full build; beside it, at the lowest priority so it
#    only takes the time the suite leaves idle (the labs mostly wait): the
#    headless tests under the sanitizers (no lab or e2e: they exercise the
#    network, not our memory) and every fuzz target 20 s on its corpus.
(
  nice -n 19 "$ROOT/scripts/sanitize.sh" test -j1 >"$SAN/sanitize-test.log" 2>&1 \
    && nice -n 19 "$ROOT/scripts/fuzz.sh" 20 >"$SAN/fuzz.log" 2>&1
) &
side=$!
cd "$ROOT/build/ci"
status=0
ctest --output-on-failure -j"$JOBS" "$@" || status=$?
# What the end-to-end test measured (approval to first handshake, revocation,
# the other engineer's continuous ping), shown whether it passed or not.
if grep -q 'TIMING\|B -> d2' Testing/Temporary/LastTest.log 2>/dev/null; then
  echo "test.sh: measured by lab_endtoend:"
  grep -o 'TIMING.*\|B -> d2: .*' Testing/Temporary/LastTest.log | sed 's/^/  /'
fi
side_status=0
wait "$side" || side_status=$?
echo "test.sh: sanitizer tests and fuzzing (build/sanitize):"
tail -n 25 "$SAN/sanitize-test.log" | sed 's/^/  /'
[ -f "$SAN/fuzz.log" ] && tail -n 20 "$SAN/fuzz.log" | sed 's/^/  /'
if [ "$side_status" != 0 ]; then
  echo "test.sh: the sanitizer suite or a fuzz target failed (logs in $SAN)" >&2
  status=1
fi
exit "$status"
