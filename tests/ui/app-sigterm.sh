#!/usr/bin/env bash
# factory-vpn ended with SIGTERM (a logout, `kill`, systemd) cleans up like a
# normal quit: it exits 0, its single-instance socket is gone, and the next
# start finds nothing stale to remove. Run inside tests/keyring-session.sh.
#   app-sigterm.sh PATH/TO/factory-vpn
set -u
APP=$(realpath "$1")
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME=$HOME/.config XDG_CACHE_HOME=$HOME/.cache
SOCKET=$XDG_RUNTIME_DIR/factory-vpn.socket
pid=""
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$HOME"/*.log; do echo "--- $f" >&2; cat "$f" >&2; done; exit 1; }

start()
{
    "$APP" >"$HOME/run-$1.log" 2>&1 &
    pid=$!
    local i
    for i in $(seq 1 300); do
        [ -S "$SOCKET" ] && return 0
        kill -0 "$pid" 2>/dev/null || fail "start $1 ended by itself"
        sleep 0.1
    done
    fail "start $1 never opened $SOCKET"
}

stop_with()
{
    local signal=$1 name=$2 rc i
    kill "-$signal" "$pid"
    for i in $(seq 1 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && fail "$name: still running 30 s after SIG$signal"
    wait "$pid"
    rc=$?
    pid=""
    [ "$rc" = 0 ] || fail "$name: exit status $rc after SIG$signal (expected a clean 0)"
    [ -e "$SOCKET" ] && fail "$name: $SOCKET is still there after SIG$signal"
    return 0
}

start 1
stop_with TERM "first start"
start 2
grep -q "stale instance socket" "$HOME/run-2.log" && fail "the second start found a stale socket"
stop_with INT "second start"
start 3
grep -q "stale instance socket" "$HOME/run-3.log" && fail "the third start found a stale socket"
stop_with HUP "third start"
echo "PASS: SIGTERM, SIGINT and SIGHUP end factory-vpn cleanly, with no stale socket left"
