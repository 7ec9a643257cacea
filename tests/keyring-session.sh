#!/usr/bin/env bash
# Runs a command inside its own D-Bus session with a fresh, unlocked gnome-keyring,
# so keychain tests use the real Secret Service and leave nothing behind.
set -u
if [ -z "${IN_KEYRING_SESSION:-}" ]; then
  export IN_KEYRING_SESSION=1
  KR_HOME=$(mktemp -d)
  export HOME=$KR_HOME XDG_DATA_HOME=$KR_HOME/.local/share XDG_RUNTIME_DIR=$KR_HOME/run
  mkdir -p "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
  dbus-run-session -- "$0" "$@"; rc=$?
  rm -rf "$KR_HOME"
  exit $rc
fi
eval "$(printf 'test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
