#!/usr/bin/env bash
# The whole test suite, as CI runs it: install dependencies, build with warnings
# as errors (the full clang build with ASan + UBSan the tests run on; the gcc
# Release build the packages are made of), run every test under the sanitizers,
# install the packages, fuzz every parser for 20 s.
#   scripts/test.sh            # everything
#   scripts/test.sh -L unit    # extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=$(nproc)
STARTED=$SECONDS
# Where CI's time goes, on every phase's first line.
phase() { echo "test.sh: [$(((SECONDS - STARTED) / 60)) min $(((SECONDS - STARTED) % 60)) s] $*"; }

phase "installing the dependencies"
"$ROOT/scripts/install-deps.sh"

# 1. The release build, with gcc (the compiler of the README's builds) and
#    warnings as errors: the programs the Debian packages are made of
#    (package_install below). Run beside the tests, niced, on the CPU they leave
#    idle (see below).
release_build()
{
  cmake -S "$ROOT" -B "$ROOT/build/package" -DCMAKE_BUILD_TYPE=Release -DFACTORYVPN_TESTS=OFF \
        -DFACTORYVPN_BENCH=OFF -DFACTORYVPN_WERROR=ON >/dev/null
  cmake --build "$ROOT/build/package" -j"$JOBS"
  local exe path
  for exe in factory-vpn-hub factory-vpn-ctl; do
    path=$(find "$ROOT/build/package/app" -type f -name "$exe" -perm -u+x | head -n1)
    [ -n "$path" ] || { echo "test.sh: no $exe in the release build" >&2; return 1; }
    if ldd "$path" | grep -Eq 'libQt6(Widgets|Gui)'; then
      echo "test.sh: $exe links Qt Widgets/Gui" >&2
      return 1
    fi
    # The hub serves HTTP with core/http; QHttpServer is only the tests' stand-in.
    if ldd "$path" | grep -q 'libQt6HttpServer'; then
      echo "test.sh: $exe links QHttpServer" >&2
      return 1
    fi
  done
  echo "test.sh: release build OK (hub and ctl link no Qt Widgets/Gui, no QHttpServer)"
}

# The layering: configured without the GUI, the hub and the ctl and everything
# they are built from still exist and name no GUI library (core has no Widgets
# dependency; ui depends on core, never the reverse).
cmake -S "$ROOT" -B "$ROOT/build/nogui" -DFACTORYVPN_GUI=OFF -DFACTORYVPN_TESTS=OFF \
      --graphviz="$ROOT/build/nogui/targets.dot" >/dev/null
for target in factory-vpn-hub factory-vpn-ctl; do
  grep -q "label = \"$target\"" "$ROOT/build/nogui/targets.dot" \
    || { echo "test.sh: without the GUI there is no $target target" >&2; exit 1; }
done
if grep -Eq 'Qt6::(Widgets|Gui)|fvpn_ui' "$ROOT"/build/nogui/targets.dot*; then
  echo "test.sh: configured without the GUI, a target still names a GUI library:" >&2
  grep -E 'Qt6::(Widgets|Gui)|fvpn_ui' "$ROOT"/build/nogui/targets.dot* >&2
  exit 1
fi
echo "test.sh: configured without the GUI: hub and ctl name no GUI library"

# 2. The build every test runs on: clang with ASan + UBSan (any report stops the
#    process and fails its test), the GUI, and the libFuzzer targets
#    (scripts/sanitize.sh, docs/security.md). One build for all three keeps CI
#    within its time; gcc's warnings are checked by the headless build above.
export FVPN_SANITIZE_BUILD="$ROOT/build/ci"
phase "the sanitizer build (clang, ASan + UBSan, the fuzz targets)"
"$ROOT/scripts/sanitize.sh" build
status=0
# The release build starts now, beside the tests, and then (the whole suite
# only) each fuzz target 20 s on its corpus, two at a time (5): at nice 19 they
# get only the CPU the tests leave (the lab tests run one at a time and spend
# most of their time waiting on the network), so CI waits for neither.
mkdir -p "$ROOT/build"
rm -f "$ROOT/build/release.status" "$ROOT/build/fuzz.status"
fuzz_too=$([ $# -eq 0 ] && echo 1 || echo 0)
(
  rc=0
  nice -n 19 bash -c "set -euo pipefail; $(declare -f release_build); ROOT='$ROOT' JOBS=$JOBS release_build" \
    >"$ROOT/build/release.log" 2>&1 || rc=$?
  echo "$rc" >"$ROOT/build/release.status"
  if [ "$fuzz_too" = 1 ]; then
    rc=0
    nice -n 19 "$ROOT/scripts/sanitize.sh" fuzz 20 >"$ROOT/build/fuzz.log" 2>&1 || rc=$?
    echo "$rc" >"$ROOT/build/fuzz.status"
  fi
) &
background_pid=$!
# 3. Every test under the sanitizers, the lab and end-to-end ones too, but for
#    package_install, which packages the release build once it is there (4).
phase "every test on the sanitizer build"
"$ROOT/scripts/sanitize.sh" test -E '^package_install$' "$@" || status=$?
# What the end-to-end test measured (approval to first handshake, revocation,
# the other engineer's continuous ping), shown whether it passed or not.
log=$ROOT/build/ci/Testing/Temporary/LastTest.log
if grep -q 'TIMING\|B -> d2' "$log" 2>/dev/null; then
  echo "test.sh: measured by lab_endtoend (sanitized build):"
  grep -o 'TIMING.*\|B -> d2: .*' "$log" | sed 's/^/  /'
fi
phase "waiting for the release build (and the fuzzers) beside the tests"
wait "$background_pid" || true
if [ "$(cat "$ROOT/build/release.status" 2>/dev/null)" = 0 ]; then
  tail -n 1 "$ROOT/build/release.log"
  phase "package_install"
  # 4. The Debian packages of the release build (as root: lintian, dpkg -i, the
  #    installed hub in a namespace lab as its unit runs it, an upgrade that drops
  #    no tunnel, remove, purge, the machine as it was; docs/packaging.md). With
  #    ctest arguments only when they ask for it (-R package_install).
  if [ $# -eq 0 ] || [[ " $* " == *package_install* ]]; then
    (cd "$ROOT/build/ci" && FVPN_PACKAGE_BUILD_DIR="$ROOT/build/package" \
      ctest -R '^package_install$' --output-on-failure) || status=1
  fi
else
  tail -n 40 "$ROOT/build/release.log" >&2
  echo "test.sh: the release build failed (log: build/release.log)" >&2
  status=1
fi
# 5. The fuzzers' results (they ran beside the tests, after the release build).
if [ "$fuzz_too" = 1 ]; then
  sed -n '/^fuzz.sh: /,$p' "$ROOT/build/fuzz.log"
  if [ "$(cat "$ROOT/build/fuzz.status" 2>/dev/null)" != 0 ]; then
    tail -n 40 "$ROOT/build/fuzz.log" >&2
    echo "test.sh: a fuzz target failed (log: build/fuzz.log)" >&2
    status=1
  fi
fi
phase "done (status $status)"
exit "$status"
