#!/usr/bin/env bash
# Sets everything up and runs Factory VPN: installs dependencies, builds, and
# starts the desktop app. Without a display it runs under Xvfb with a tray host,
# saves a screenshot to demo-run/ and says where it is.
#   scripts/demo.sh          # build and run
#   scripts/demo.sh --stop   # end a demo started earlier
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUN_DIR=$ROOT/demo-run
BUILD=$ROOT/build/demo

stop_demo() {
  if [ -f "$RUN_DIR/pids" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$RUN_DIR/pids"
    rm -f "$RUN_DIR/pids"
    echo "demo: stopped"
  fi
}

if [ "${1:-}" = "--stop" ]; then stop_demo; exit 0; fi

"$ROOT/scripts/install-deps.sh"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFACTORYVPN_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target factory-vpn factory-vpn-hub factory-vpn-ctl
mkdir -p "$RUN_DIR"
APP=$BUILD/app/desktop/factory-vpn

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: starting Factory VPN on your display (close the window or press Ctrl-C to end)"
  exec "$APP"
fi

echo "demo: no display; running under Xvfb with a tray host"
SHOT=$RUN_DIR/factory-vpn.png
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -c '
  trayer --edge top --align right --widthtype pixel --width 120 --height 24 & T=$!
  sleep 1
  "$0" & A=$!
  sleep 3
  import -window root "$1"
  kill $A $T 2>/dev/null; wait $A 2>/dev/null' "$APP" "$SHOT"
echo "demo: screenshot of the running app saved to $SHOT"
