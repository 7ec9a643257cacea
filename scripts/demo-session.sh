#!/usr/bin/env bash
# The desktop side of scripts/demo.sh, run inside the laptop's network namespace
# and a D-Bus session of its own (not meant to be run by hand):
#   demo-session.sh display  APP TOKEN_FILE ADMIN_URL
#   demo-session.sh headless APP TOKEN_FILE ADMIN_URL OUT_DIR JSON_GET DEVICE_ADDRESS
# Both: a keyring for the app's key and the admin's token (factory-vpn --add-hub
# puts the hub profile in the settings and the token in the keyring, as an admin
# provisioning a workstation would). "display" then runs the app on your display.
# "headless" (under Xvfb, with a tray host) plays the whole story with the
# keyboard, as a person would, and photographs each step into OUT_DIR:
# Generate key, Register, approve in the admin page, Connect, ping a device.
set -u
MODE=$1 APP=$2 TOKEN_FILE=$3 ADMIN_URL=$4
eval "$(printf 'demo' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$APP" --add-hub "Demo factory" --admin-url "$ADMIN_URL" <"$TOKEN_FILE" || exit 1
[ "$MODE" = headless ] || exec "$APP"

OUT=$5 JSON_GET=$6 DEVICE=$7
SETTINGS=$HOME/.config/FactoryVPN/factory-vpn.conf
ENGINEER="Demo Engineer"
say() { printf 'demo: %s\n' "$*"; }
step() { printf '\ndemo: == %s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }

# wait_for SECONDS WHAT COMMAND...: polls COMMAND every half second.
wait_for()
{
    local limit=$1 what=$2 i
    shift 2
    for i in $(seq 1 $((limit * 2))); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    fail "$what did not happen within $limit s"
}
# wait_for_quietly SECONDS CMD...: the same, but false instead of failing.
wait_for_quietly()
{
    local limit=$1 i
    shift
    for i in $(seq 1 $((limit * 2))); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    return 1
}

# The admin API through this laptop's admin tunnel (bash /dev/tcp, no curl needed).
admin_get()
{
    local host port
    host=${ADMIN_URL#http://}
    port=${host##*:}
    host=${host%%:*}
    # shellcheck disable=SC2016 # expanded by the inner bash
    timeout 10 bash -c '
        exec 3<>"/dev/tcp/$0/$1" || exit 1
        printf "GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n" "$2" "$0" "$3" >&3
        cat <&3' "$host" "$port" "$1" "$(cat "$TOKEN_FILE")" | sed '1,/^\r\{0,1\}$/d'
}
json() { cmake -DFILE="$1" -DKEY="$2" -P "$JSON_GET" 2>/dev/null; }

# request_status NAME: the status of NAME's latest request, as the hub has it.
request_status()
{
    local file=$OUT/.requests.json i=0 name found=""
    admin_get '/api/v1/requests?status=all' >"$file" || return 1
    while name=$(json "$file" "requests.$i.name"); do
        [ "$name" = "$1" ] && found=$(json "$file" "requests.$i.status")
        i=$((i + 1))
    done
    printf '%s' "$found"
}
status_is() { [ "$(request_status "$1")" = "$2" ]; }
has_key() { grep -q '^publicKey=' "$SETTINGS"; }
app_approved() { grep '^lastStatus=' "$SETTINGS" | grep -q approved; }
handshake() { [ "$(wg show factoryvpn latest-handshakes 2>/dev/null | awk '{ print $2 }')" -gt 0 ] 2>/dev/null; }

win=""
focus() { timeout 5 xdotool windowfocus --sync "$win" 2>/dev/null || xdotool windowfocus "$win"; }
keys() { focus; xdotool key --window "$win" "$@"; sleep 0.5; }
# The window alone (what README shows), and once the whole screen with the tray.
# A tray notification (QBalloonTip) that overlaps the window would be captured
# as a black box (Xvfb composites nothing): wait until it has gone (its width
# tells it from the tray icon's own small window, which is the app's too).
balloon_shown()
{
    local w width
    for w in $(xdotool search --onlyvisible --pid "$app" 2>/dev/null); do
        [ "$w" = "$win" ] && continue
        width=$(xdotool getwindowgeometry "$w" 2>/dev/null | awk '/Geometry:/ { split($2, g, "x"); print g[1] }')
        [ "${width:-0}" -gt 40 ] && return 0
    done
    return 1
}
shot()
{
    sleep "${2:-1.5}"
    local i
    for i in $(seq 1 40); do
        balloon_shown || break
        sleep 0.5
    done
    import -window "$win" "$OUT/$1.png"
    say "screenshot $OUT/$1.png"
}

trayer --edge top --align right --widthtype pixel --width 120 --height 24 &
tray=$!
sleep 1
"$APP" &
app=$!
trap 'kill "$app" "$tray" 2>/dev/null; wait "$app" "$tray" 2>/dev/null' EXIT
wait_for 30 "the app's window" xdotool search --onlyvisible --name 'Factory VPN'
win=$(xdotool search --onlyvisible --name 'Factory VPN' | head -n 1)
xdotool windowmove "$win" 0 30

step "the engineer's first run: the hub's address is set, the steps ahead are listed"
shot 1-first-run 3

step "Generate key (Alt+G): the private key goes into the keychain"
keys alt+g
wait_for 60 "the key" has_key
step "Register (Alt+R): the hub gets the public key, the name and the computer"
keys alt+r
wait_for 60 "the registration reaching the hub" status_is "$ENGINEER" pending
shot 2-waiting-for-approval 3

step "the admin's side (Alt+H, Hub admin; Alt+P, Approvals): two engineers wait"
keys alt+h
keys alt+p
shot 3-approvals 3
step "Approve (Alt+A), the oldest first: Alice, then $ENGINEER"
keys alt+a
wait_for 30 "Alice's approval" status_is "Alice Example" approved
sleep 1
keys alt+a
wait_for 30 "the approval of $ENGINEER" status_is "$ENGINEER" approved
shot 4-approved-by-the-admin 2

step "back to the engineer (Alt+V): the app learns of the approval by itself"
keys alt+v
wait_for 90 "the app seeing its approval" app_approved
# "Connect when approved" (beside Register, on by default): the approval
# itself brings the tunnel up; Alt+C is the engineer's own click otherwise.
if wait_for_quietly 10 handshake; then
    step "connected by itself (Connect when approved): a real WireGuard tunnel to the hub"
else
    step "Connect (Alt+C): a real WireGuard tunnel to the hub"
    keys alt+c
fi
wait_for 60 "the first handshake with the hub" handshake
shot 5-approved 2
step "ping the device $DEVICE by its VPN address, through the tunnel"
ping -c 3 -i 0.3 -W 2 "$DEVICE" | tee "$OUT/ping.log"
grep -q ' 0% packet loss' "$OUT/ping.log" || fail "the device did not answer"
shot 6-connected 4
sleep 1
import -window root "$OUT/7-desktop-with-tray.png"
say "screenshot $OUT/7-desktop-with-tray.png"

step "Quit: the app ends cleanly on SIGTERM"
kill -TERM "$app"
wait "$app"
say "the app exited with status $?"
exit 0
