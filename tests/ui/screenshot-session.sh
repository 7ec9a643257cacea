#!/bin/sh
# The desktop of a fresh account, for scripts/screenshots.sh: an empty home
# (no keyring yet, no settings), Xvfb, a D-Bus session on which gnome-keyring
# and its password window (gcr-prompter) start on demand, and a tray host.
# Runs the screenshot driver in it; removes the home afterwards.
#   screenshot-session.sh DRIVER OUTPUT_FOLDER
set -u
if [ -z "${FVPN_FRESH_ACCOUNT:-}" ]; then
    account=$(mktemp -d /tmp/fvpn-account.XXXXXX)
    mkdir -p "$account/run"
    chmod 700 "$account" "$account/run"
    FVPN_FRESH_ACCOUNT=$account HOME=$account XDG_RUNTIME_DIR=$account/run \
        XDG_DATA_HOME=$account/.local/share XDG_CONFIG_HOME=$account/.config XDG_CACHE_HOME=$account/.cache \
        xvfb-run -a -s "-noreset -screen 0 1280x900x24" dbus-run-session -- "$0" "$@"
    rc=$?
    rm -rf "$account"
    exit $rc
fi
export FVPN_FRESH_ACCOUNT
trayer --edge top --align right --widthtype pixel --width 160 --height 26 --transparent false --tint 0xdddddd &
tray=$!
sleep 1
QT_QPA_PLATFORM=xcb "$1" "$2"
rc=$?
kill "$tray"
exit $rc
