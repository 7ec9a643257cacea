#!/usr/bin/env bash
# factory-vpn started again while it runs: the second start hands its request
# (show the window, or an enrollment link) to the first and ends with 0; only the
# first stays. A socket left by a killed instance does not stop the next start.
# Run inside tests/keyring-session.sh (own HOME, XDG_RUNTIME_DIR, keyring).
#   app-single-instance.sh PATH/TO/factory-vpn
set -u
APP=$(realpath "$1")
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME=$HOME/.config XDG_CACHE_HOME=$HOME/.cache
SOCKET=$XDG_RUNTIME_DIR/factory-vpn.socket
LINK='factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com%3A8443&fp=sha256%3Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
started=()
cleanup()
{
    local pid
    for pid in "${started[@]}"; do
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$HOME"/*.log; do echo "--- $f" >&2; cat "$f" >&2; done; exit 1; }

# The app's processes in this test's HOME (other runs of the same binary are not ours).
instances()
{
    local pid count=0
    for pid in $(pgrep -x factory-vpn); do
        [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$APP" ] || continue
        tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "HOME=$HOME" && count=$((count + 1))
    done
    echo "$count"
}

# The socket file's identity (inode and change time to the nanosecond).
socket_identity() { stat -c '%i %z' "$SOCKET" 2>/dev/null; }

# Returns once the first start listens: its own socket, not one a killed
# instance left ($STALE, that socket's identity), which a second start would
# find dead and reclaim itself.
start_primary()
{
    "$APP" "$@" >"$HOME/primary-${#started[@]}.log" 2>&1 &
    started+=($!)
    local i
    for i in $(seq 1 300); do
        [ -S "$SOCKET" ] && [ "$(socket_identity)" != "${STALE:-}" ] && [ "$(instances)" = 1 ] && return 0
        kill -0 "${started[-1]}" 2>/dev/null || fail "the first start ended by itself"
        sleep 0.1
    done
    fail "the first start never opened $SOCKET"
}

# A second start: must end by itself with 0 (timeout only keeps a broken run from hanging).
second()
{
    local name=$1 out rc
    shift
    out=$(timeout 30 "$APP" "$@" 2>&1)
    rc=$?
    [ "$rc" = 0 ] || fail "$name: the second start exited $rc ($out)"
    kill -0 "${started[-1]}" 2>/dev/null || fail "$name: the first instance is gone"
    [ "$(instances)" = 1 ] || fail "$name: $(instances) instances run, expected 1"
}

start_primary
second "activate"
second "enrollment link" "$LINK"
# A link the parser refuses: the first shows a message (a dialog, its own event loop)
# and still answers the next start.
second "invalid link" 'factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com&evil=1'
second "activate after the dialog"
second "language option and link" --lang de "$LINK"

# A crash leaves the socket behind; the next start reclaims it and becomes the app.
kill -9 "${started[-1]}"
wait "${started[-1]}" 2>/dev/null
[ -S "$SOCKET" ] || fail "the killed instance left no socket (test assumption)"
[ "$(instances)" = 0 ] || fail "the killed instance still runs"
STALE=$(socket_identity)
start_primary "$LINK" # an enrollment link on the first start is handled in the app itself
second "after a crash"
echo "PASS: factory-vpn runs once per user"
