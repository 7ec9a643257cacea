#!/usr/bin/env bash
# Builds the Debian packages from a clean checkout (docs/packaging.md):
#   dist/factory-vpn-hub_<version>_<arch>.deb   hub, ctl, unit, hub.conf, man pages, completions
#   dist/factory-vpn_<version>_<arch>.deb       desktop app, helper, polkit policy, desktop entry, metainfo
#
#   scripts/package.sh                     # install deps, configure and build build/package, package, lintian
#   scripts/package.sh --build-dir DIR     # package an existing build instead (CI reuses build/ci)
#   scripts/package.sh --version V         # another package version (the upgrade test builds two)
#   scripts/package.sh --out DIR           # where the .deb files go (default dist/)
#   scripts/package.sh --no-lintian        # skip lintian
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=""
OUT="$ROOT/dist"
VERSION=""
LINTIAN=1
DEPS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --version) VERSION=$2; shift 2 ;;
    --out) mkdir -p "$2"; OUT=$(cd "$2" && pwd); shift 2 ;;
    --no-lintian) LINTIAN=0; shift ;;
    --no-deps) DEPS=0; shift ;;
    *) echo "package.sh: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done

[ "$DEPS" = 1 ] && "$ROOT/scripts/install-deps.sh"

if [ -z "$BUILD" ]; then
  BUILD="$ROOT/build/package"
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DFACTORYVPN_TESTS=OFF >/dev/null
  cmake --build "$BUILD" -j"$(nproc)"
else
  # Man pages and the changelog are ordinary build outputs; make sure they are there.
  cmake --build "$BUILD" -j"$(nproc)" --target fvpn_package_files
fi
[ -f "$BUILD/CPackConfig.cmake" ] || { echo "package.sh: $BUILD has no CPackConfig.cmake" >&2; exit 1; }

stage="$BUILD/cpack"
rm -rf "$stage"
cpack_args=(--config "$BUILD/CPackConfig.cmake" -B "$stage")
[ -n "$VERSION" ] && cpack_args+=(-D "CPACK_PACKAGE_VERSION=$VERSION")
cpack "${cpack_args[@]}" >"$BUILD/cpack.log" 2>&1 || { cat "$BUILD/cpack.log" >&2; exit 1; }

mkdir -p "$OUT"
debs=()
for deb in "$stage"/*.deb; do
  mv -f "$deb" "$OUT/"
  debs+=("$OUT/$(basename "$deb")")
done
[ ${#debs[@]} -gt 0 ] || { echo "package.sh: cpack made no package" >&2; exit 1; }
rm -rf "$stage"
for deb in "${debs[@]}"; do
  echo "package.sh: $deb ($(du -h "$deb" | cut -f1))"
done

if [ "$LINTIAN" = 1 ]; then
  # 0 errors; the warnings that stay are listed with their reasons in docs/packaging.md.
  lintian --fail-on error --info "${debs[@]}"
  echo "package.sh: lintian found no errors"
fi
