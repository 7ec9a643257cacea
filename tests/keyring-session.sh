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
# --unlock returns before the daemon owns org.freedesktop.secrets: a test that
# asked at once would make D-Bus start a second daemon, one with a locked keyring.
for _ in $(seq 1 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
  sleep 0.1
done
"$@"
