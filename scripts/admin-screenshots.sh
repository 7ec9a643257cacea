#!/usr/bin/env bash
# Photographs each admin view under Xvfb: runs build/tests/ui/admin_screenshots
# (the admin view against a stand-in hub with plausible data) once per view and
# grabs the X screen with ImageMagick's import. Output: $OUT (default /tmp/fvpn-shots).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tests/ui/admin_screenshots}
OUT=${OUT:-/tmp/fvpn-shots}
mkdir -p "$OUT"
VIEWS=${*:-devices devices-filtered clients approvals approvals-invalid invites editor editor-errors editor-text conflict d2d audit unreachable}
for view in $VIEWS; do
  xvfb-run -a -s "-noreset -screen 0 1280x780x24" dbus-run-session -- sh -c \
    "'$BIN' '$view' & pid=\$!; sleep 4; import -window root '$OUT/admin-$view.png'; kill \$pid; wait \$pid 2>/dev/null || true"
  echo "$OUT/admin-$view.png"
done
