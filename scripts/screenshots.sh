#!/usr/bin/env bash
# Photographs the desktop app through an engineer's first run, tray included, as
# a newcomer sees it: a fresh account (no keyring yet: gnome-keyring's real
# password window appears and is answered), Xvfb with a tray host (trayer), and a
# real WireGuard tunnel in a network-namespace lab (so it needs root). The app
# runs in the lab's engineer namespace; the device list comes from a stand-in for
# the planned directory endpoint on the hub's VPN address, through the tunnel.
#   scripts/screenshots.sh [output folder]     (default: build/screenshots)
#   FACTORY_VPN_LANG=de scripts/screenshots.sh  (German)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${1:-$ROOT/build/screenshots}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BUILD=${FVPN_BUILD_DIR:-$ROOT/build}

for tool in xvfb-run trayer import dbus-run-session gnome-keyring-daemon xdotool; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: '$tool' is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug >/dev/null
fi
cmake --build "$BUILD" -j2 --target fvpn_screenshot_driver
DRIVER=$(find "$BUILD" -type f -name fvpn_screenshot_driver -perm -u+x | head -n1)

# The whole desktop session runs inside the engineer's namespace, so the app's
# own connections (to the directory on the hub's VPN address) go through the tunnel.
"$ROOT/tests/client/wg-lab.sh" sh -c 'exec "$FVPN_LAB_ENGINEER_EXEC" "$0" "$1" "$2"' \
  "$ROOT/tests/ui/screenshot-session.sh" "$DRIVER" "$OUT"
echo "screenshots.sh: screenshots in $OUT"
