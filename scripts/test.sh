#!/usr/bin/env bash
# The whole test suite, as CI runs it: install dependencies, build with warnings
# as errors (with and without the GUI), run every test.
#   scripts/test.sh            # everything
#   scripts/test.sh -L unit    # extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=$(nproc)

"$ROOT/scripts/install-deps.sh"

# 1. Headless build: core, hub and ctl must build without any Qt Widgets/Gui.
cmake -S "$ROOT" -B "$ROOT/build/nogui" -DFACTORYVPN_GUI=OFF -DFACTORYVPN_WERROR=ON \
      -DFACTORYVPN_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$ROOT/build/nogui" -j"$JOBS"
for exe in factory-vpn-hub factory-vpn-ctl; do
  path=$(find "$ROOT/build/nogui" -type f -name "$exe" -perm -u+x | head -n1)
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
cd "$ROOT/build/ci"
status=0
# package_install (dpkg -i as root, the installed hub in a lab, upgrade, purge)
# runs when asked: FVPN_TEST_PACKAGE_INSTALL=1 scripts/test.sh (docs/packaging.md).
# The sanitizer suite and the fuzz targets: scripts/sanitize.sh, scripts/fuzz.sh
# (docs/security.md).
exclude=()
[ "${FVPN_TEST_PACKAGE_INSTALL:-0}" = 1 ] || exclude=(-E '^package_install$')
ctest --output-on-failure -j"$JOBS" "${exclude[@]}" "$@" || status=$?
# What the end-to-end test measured (approval to first handshake, revocation,
# the other engineer's continuous ping), shown whether it passed or not.
if grep -q 'TIMING\|B -> d2' Testing/Temporary/LastTest.log 2>/dev/null; then
  echo "test.sh: measured by lab_endtoend:"
  grep -o 'TIMING.*\|B -> d2: .*' Testing/Temporary/LastTest.log | sed 's/^/  /'
fi
exit "$status"
