#!/usr/bin/env bash
# Photographs the desktop app in each state, tray included, as a person would
# see it: Xvfb with a tray host (trayer), a throwaway keyring, and a real
# WireGuard tunnel in a network-namespace lab (so it needs root).
#   scripts/screenshots.sh [output folder]     (default: build/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${1:-$ROOT/build/screenshots}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BUILD=${FVPN_BUILD_DIR:-$ROOT/build}

for tool in xvfb-run trayer import dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: '$tool' is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug >/dev/null
fi
cmake --build "$BUILD" -j2 --target fvpn_screenshot_driver
DRIVER=$(find "$BUILD" -type f -name fvpn_screenshot_driver -perm -u+x | head -n1)

"$ROOT/tests/client/wg-lab.sh" "$ROOT/tests/keyring-session.sh" \
  xvfb-run -a -s "-screen 0 1280x800x24" sh -c '
    trayer --edge top --align right --widthtype pixel --width 160 --height 26 --transparent false --tint 0xdddddd &
    TRAYER=$!
    sleep 1
    QT_QPA_PLATFORM=xcb "$0" "$1"; rc=$?
    kill $TRAYER
    exit $rc' "$DRIVER" "$OUT"
echo "screenshots.sh: screenshots in $OUT"
