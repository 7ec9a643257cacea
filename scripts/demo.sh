#!/usr/bin/env bash
# One command from a fresh Debian 12 machine (as root) to a small running factory:
# installs the dependencies, builds, then starts in network namespaces
#   - the hub: the real factory-vpn-hub with a static --inventory of 3 devices,
#     its registration API (TLS, self-signed) and admin API, an admin token;
#   - 3 devices, each a wireguard-go peer configured like a stock LmP device;
#   - one pending registration request (Alice, a real `wg genkey` key);
#   - the desktop app factory-vpn on a laptop that is an engineer's and the
#     admin's: the engineer page set up with the hub's address and certificate
#     pin, ready to register; the admin page with a hub profile (the token put
#     in the keyring by factory-vpn --add-hub) reaching the admin API through
#     the laptop's own admin tunnel, showing the devices and the pending request.
# With a display it runs until Ctrl-C (or `scripts/demo.sh --stop` from another
# terminal). Without one (or with --headless) it plays the whole story under
# Xvfb with a tray host, with the keyboard as a person would: Generate key,
# Register, approve in the app's admin page, Connect, ping a device by its VPN
# address through the tunnel; it saves a screenshot of each step to demo-run/,
# prints what happened and tears everything down (scripts/demo-session.sh).
#
# It reuses the build of scripts/test.sh (build/ci) when there is one, so a
# newcomer who ran the tests first does not build again.
#
#   scripts/demo.sh              # install, build, run
#   scripts/demo.sh --headless   # the same without using the display
#   scripts/demo.sh --stop       # end a demo started earlier (also one killed with SIGKILL)
#
# The namespaces and addresses are the lab's (tests/lab/README.md): namespaces
# fvpn<pid>-<node>, underlay 192.0.2.0/24, overlay 10.42.42.0/24. Teardown ends
# every process by PID and by namespace, deletes the namespaces and the scratch
# folder; demo-run/ keeps only the screenshots and logs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUN_DIR=$ROOT/demo-run
# The build of scripts/test.sh when there is one (same sources, tests included:
# only the two programs are brought up to date); else a build of its own.
# FVPN_BUILD_DIR names another configured build to use.
if [ -n "${FVPN_BUILD_DIR:-}" ]; then
    BUILD=$(cd "$FVPN_BUILD_DIR" && pwd)
elif [ -f "$ROOT/build/ci/CMakeCache.txt" ]; then
    BUILD=$ROOT/build/ci
else
    BUILD=$ROOT/build/demo
fi
DEMO_HUB=$BUILD/app/hub/factory-vpn-hub
DEMO_APP=$BUILD/app/desktop/factory-vpn

say() { printf 'demo: %s\n' "$*"; }

# --- --stop --------------------------------------------------------------------------

# The running demo's script PID, if it is still a demo.sh (a PID that outlived
# its demo may belong to someone else by now).
demo_running_pid()
{
    local pid
    pid=$(cat "$RUN_DIR/demo.pid" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'demo\.sh' || return 1
    printf '%s' "$pid"
}

stop_demo()
{
    local pid lab_id lab_dir ns found=0
    if pid=$(demo_running_pid); then
        found=1
        say "stopping the demo (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 150); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    # Whatever a demo killed with SIGKILL left behind: its namespaces (and
    # every process in them) and its scratch folder, as recorded at its start.
    lab_id=$(cat "$RUN_DIR/lab-id" 2>/dev/null || true)
    if [[ $lab_id =~ ^fvpn[0-9]+(r[0-9]+)?$ ]]; then
        for ns in $(ip netns list | awk '{ print $1 }' | grep -E "^${lab_id}-[a-z0-9-]+$" || true); do
            found=1
            say "removing the namespace $ns"
            for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
            ip netns del "$ns" 2>/dev/null || true
        done
    fi
    lab_dir=$(cat "$RUN_DIR/lab-dir" 2>/dev/null || true)
    if [[ $lab_dir =~ ^/.+/fvpn-lab-[0-9]+\.[A-Za-z0-9]+$ ]] && [ -d "$lab_dir" ]; then
        rm -rf "$lab_dir"
    fi
    rm -f "$RUN_DIR/demo.pid" "$RUN_DIR/lab-id" "$RUN_DIR/lab-dir" "$RUN_DIR/admin-token"
    if [ "$found" = 1 ]; then say "stopped; nothing left running"; else say "no demo is running"; fi
}

HEADLESS=0
case "${1:-}" in
    --stop) stop_demo; exit 0 ;;
    --headless) HEADLESS=1 ;;
    "") ;;
    -h | --help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: scripts/demo.sh [--headless | --stop]" >&2; exit 2 ;;
esac
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then HEADLESS=1; fi

if [ "$(id -u)" != 0 ]; then
    echo "demo: run it as root (sudo scripts/demo.sh): the factory runs in network namespaces" >&2
    exit 1
fi
if pid=$(demo_running_pid); then
    echo "demo: a demo is already running (pid $pid); end it with scripts/demo.sh --stop" >&2
    exit 1
fi

# --- install and build -----------------------------------------------------------------

"$ROOT/scripts/install-deps.sh"
if [ "$BUILD" != "$ROOT/build/demo" ]; then
    say "reusing the build in $BUILD (only factory-vpn and factory-vpn-hub are brought up to date)"
else
    say "building (RelWithDebInfo) in $BUILD"
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFACTORYVPN_TESTS=OFF >/dev/null
fi
# scripts/test.sh's build has ASan + UBSan: a report still stops the program,
# but a demo is no leak check (Qt and fontconfig keep caches until exit).
if grep -q '^FACTORYVPN_SANITIZE:STRING=..*' "$BUILD/CMakeCache.txt" 2>/dev/null; then
    say "the build has sanitizers (scripts/test.sh's): leak checks off for the demo"
    export ASAN_OPTIONS=detect_leaks=0
fi
mkdir -p "$BUILD"
cmake --build "$BUILD" -j"$(nproc)" --target factory-vpn factory-vpn-hub >"$BUILD/demo-build.log" 2>&1 \
    || { tail -n 40 "$BUILD/demo-build.log" >&2; echo "demo: the build failed (log: $BUILD/demo-build.log)" >&2; exit 1; }

# --- the factory -----------------------------------------------------------------------

# From here on errors are checked one by one (lab_fail); set -e would also end
# the cleanup trap halfway.
set +e +o pipefail
mkdir -p "$RUN_DIR"
rm -f "$RUN_DIR"/*.png "$RUN_DIR"/*.log
# shellcheck source=tests/lab/lib.sh
. "$ROOT/tests/lab/lib.sh"
# shellcheck source=tests/lab/hub-lib.sh
. "$ROOT/tests/lab/hub-lib.sh"
LAB_FACTORY=demo
HUB_IF=fiodemo
PUBLIC_PORT=8443
ADMIN_PORT=8444
ADMIN_URL=http://10.42.42.1:$ADMIN_PORT # the hub's VPN address (LAB_HUB_OVERLAY)
DEVICES=(press-01 welder-02 paint-03)
APP_PID=""

hub_lab_init_static "$DEMO_HUB"
printf '%s\n' "$$" >"$RUN_DIR/demo.pid"
printf '%s\n' "$LAB_ID" >"$RUN_DIR/lab-id"
printf '%s\n' "$LAB_DIR" >"$RUN_DIR/lab-dir"

# shellcheck disable=SC2317 # called by the EXIT trap
demo_cleanup()
{
    local rc=$?
    [ "$LAB_CLEANED" = 1 ] && return 0
    echo
    say "tearing down: processes, namespaces $LAB_ID-*, $LAB_DIR"
    # The logs are worth keeping when something went wrong.
    cp "$LAB_DIR"/logs/*.log "$RUN_DIR"/ 2>/dev/null
    lab_cleanup
    rm -f "$RUN_DIR/demo.pid" "$RUN_DIR/lab-id" "$RUN_DIR/lab-dir" "$RUN_DIR/admin-token"
    local left
    left=$(ip netns list | awk '{ print $1 }' | grep -c "^${LAB_ID}-")
    if [ "$left" = 0 ]; then say "torn down: no namespace or process of the demo is left"; else say "WARNING: $left namespaces are left"; fi
    return "$rc"
}
# lib.sh's traps, adapted: Ctrl-C or --stop (SIGTERM) is how a demo ends, not a failure.
trap demo_cleanup EXIT
trap 'echo; say "stopping (signal)"; exit 0' INT TERM

lab_step "the hub and ${#DEVICES[@]} stock LmP devices"
n=11
inventory=()
for d in "${DEVICES[@]}"; do
    lab_add_stock_device "$d" "$LAB_OVERLAY_PREFIX.$n"
    inventory+=("$d on")
    n=$((n + 1))
done
api_set_inventory "${inventory[@]}"
lab_add_node laptop 192.0.2.20 # the engineer's laptop: the desktop app runs here
lab_add_node alice 192.0.2.21  # another engineer's laptop, who has asked for access
# The laptop is also the admin's workstation: the admin API listens only on the
# hub's VPN address (and its loopback), so the admin reaches it through a tunnel
# of its own, an approved client peer that carries just the hub's address. Its
# route is a fallback (a rule after the main table): once the engineer's tunnel
# is up, new connections to the hub leave through it, from the engineer's own
# address, which the engineers' device directory insists on; connections made
# from the admin tunnel's address stay on it.
ADMIN_WS_ADDR=$LAB_OVERLAY_PREFIX.5
lab_genkey laptop
lab_start_wg laptop "$LAB_WG_IF"
lab_exec laptop wg set "$LAB_WG_IF" private-key "$(lab_keyfile laptop)" peer "$(lab_pubkey hub)" \
    endpoint "$LAB_HUB_UNDERLAY:$LAB_HUB_PORT" persistent-keepalive 25 allowed-ips "$LAB_HUB_OVERLAY/32" \
    || lab_fail "wg set on the admin's tunnel failed"
lab_exec laptop ip addr add "$ADMIN_WS_ADDR/32" dev "$LAB_WG_IF"
lab_exec laptop ip link set "$LAB_WG_IF" up
lab_exec laptop ip route add "$LAB_HUB_OVERLAY/32" dev "$LAB_WG_IF" table 4242
lab_exec laptop ip rule add from "$ADMIN_WS_ADDR" lookup 4242 priority 100
lab_exec laptop ip rule add to "$LAB_HUB_OVERLAY" lookup 4242 priority 40000
LAB_NODE_OVERLAY[laptop]=$ADMIN_WS_ADDR
clients_set_raw "# approved client peers (the demo starts with the admin's workstation)
$(lab_pubkey laptop) $ADMIN_WS_ADDR demo admin workstation
"
hub_start --public-listen "0.0.0.0:$PUBLIC_PORT"
for d in "${DEVICES[@]}" laptop; do
    hub_wait_peer "$d" present
    lab_expect_ping_ok "$d" hub 30
done

lab_step "an admin token and the hub's enrollment details"
umask_before=$(umask)
umask 077
"$HUB_BIN" --state-dir "$HUB_DIR/state" token create --name demo-admin >"$RUN_DIR/admin-token" \
    2>"$LAB_DIR/logs/token.log" || lab_fail "token create failed: $(cat "$LAB_DIR/logs/token.log")"
umask "$umask_before"
ADMIN_TOKEN=$(cat "$RUN_DIR/admin-token")
[ -n "$ADMIN_TOKEN" ] || lab_fail "token create printed no token"
lab_pass "admin token 'demo-admin' created with factory-vpn-hub token create"
lab_wait_until 15 "the hub's api-public.json" test -s "$HUB_DIR/state/api-public.json"
PUBLIC_URL=$(lab_json "$HUB_DIR/state/api-public.json" public_url)
FINGERPRINT=$(lab_json "$HUB_DIR/state/api-public.json" fingerprint)
lab_pass "public API $PUBLIC_URL, certificate $FINGERPRINT"

# demo_admin METHOD PATH: the admin API on the hub's loopback (plain HTTP inside
# the hub's namespace, bash /dev/tcp); prints the body, fails on a non-2xx answer.
demo_admin()
{
    local out="$LAB_DIR/admin-answer"
    # shellcheck disable=SC2016 # expanded by the inner bash
    lab_exec hub env FVPN_DEMO_TOKEN="$ADMIN_TOKEN" timeout 10 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
        printf "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n" \
            "$1" "$2" "$FVPN_DEMO_TOKEN" >&3
        cat <&3' "$ADMIN_PORT" "$1" "$2" >"$out" 2>/dev/null
    head -n 1 "$out" | grep -q '^HTTP/1\.[01] 2' || return 1
    sed '1,/^\r\{0,1\}$/d' "$out"
}
# shellcheck disable=SC2317 # called through lab_wait_until
demo_admin_up() { demo_admin GET /api/v1/status >/dev/null; }
lab_wait_until 15 "the admin API answering on 127.0.0.1:$ADMIN_PORT" demo_admin_up
demo_admin GET /api/v1/enrollment >"$LAB_DIR/enrollment.json" || lab_fail "GET /api/v1/enrollment failed"
ENROLL_LINK=$(lab_json "$LAB_DIR/enrollment.json" link)

lab_step "Alice asks for access (POST /api/v1/registrations over TLS, a key from wg genkey)"
lab_genkey alice
ALICE_KEY=$(lab_pubkey alice)
body=$(printf '{"public_key":"%s","name":"Alice Example","hostname":"alice-laptop","os":"Debian GNU/Linux 12"}' "$ALICE_KEY")
# shellcheck disable=SC2016 # expanded by the inner bash
lab_exec alice timeout 15 bash -c '
    printf "POST /api/v1/registrations HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s" \
        "$0" "${#1}" "$1" | openssl s_client -quiet -connect "$0" 2>/dev/null' \
    "$LAB_HUB_UNDERLAY:$PUBLIC_PORT" "$body" >"$LAB_DIR/register-answer" 2>&1
head -n 1 "$LAB_DIR/register-answer" | grep -q '^HTTP/1\.[01] 201' \
    || lab_fail "the registration was not accepted: $(head -c 400 "$LAB_DIR/register-answer")"
lab_pass "registration accepted (201), status pending"
demo_admin GET /api/v1/requests >"$LAB_DIR/requests.json" || lab_fail "GET /api/v1/requests failed"
[ "$(lab_json "$LAB_DIR/requests.json" requests.0.public_key)" = "$ALICE_KEY" ] \
    || lab_fail "the admin API does not list Alice's request: $(cat "$LAB_DIR/requests.json")"
lab_pass "the admin API lists it: $(lab_json "$LAB_DIR/requests.json" requests.0.name)," \
    "$(lab_json "$LAB_DIR/requests.json" requests.0.hostname), key $(lab_json "$LAB_DIR/requests.json" requests.0.fingerprint)"

lab_step "the desktop app on the engineer's laptop"
# Its own home: settings (the hub's address and pin, as if the enrollment link
# had been pasted once) and a throwaway keyring, all in the scratch folder.
APP_HOME=$LAB_DIR/app-home
mkdir -p "$APP_HOME/.config/FactoryVPN" "$APP_HOME/run"
chmod 700 "$APP_HOME" "$APP_HOME/run"
printf '[engineer]\nhubUrl=%s\ncertificateSha256=%s\nname=Demo Engineer\n' \
    "$PUBLIC_URL" "${FINGERPRINT#sha256:}" >"$APP_HOME/.config/FactoryVPN/factory-vpn.conf"
app_env=(env HOME="$APP_HOME" XDG_CONFIG_HOME="$APP_HOME/.config" XDG_DATA_HOME="$APP_HOME/.local/share"
    XDG_RUNTIME_DIR="$APP_HOME/run" XDG_CACHE_HOME="$APP_HOME/.cache")

summary()
{
    lab_step "what is running"
    say "hub: factory-vpn-hub in namespace $(lab_ns hub), $LAB_HUB_UNDERLAY, VPN $LAB_HUB_OVERLAY, interface $HUB_IF"
    say "'wg show $HUB_IF' in the hub's namespace (devices with their latest handshake):"
    lab_exec hub wg show "$HUB_IF" | sed 's/^/    /'
    say "devices as the admin API sees them (GET /api/v1/devices):"
    demo_admin GET /api/v1/devices >"$LAB_DIR/devices.json"
    local i=0 name
    while name=$(lab_json "$LAB_DIR/devices.json" "devices.$i.name" 2>/dev/null); do
        printf '    %-10s %-12s %s\n' "$name" "$(lab_json "$LAB_DIR/devices.json" "devices.$i.address")" \
            "$(lab_json "$LAB_DIR/devices.json" "devices.$i.state")"
        i=$((i + 1))
    done
    say "pending requests as the admin API sees them (GET /api/v1/requests):"
    demo_admin GET /api/v1/requests >"$LAB_DIR/requests.json"
    i=0
    while name=$(lab_json "$LAB_DIR/requests.json" "requests.$i.name" 2>/dev/null); do
        printf '    %-14s %-14s %-8s from %s\n' "$name" "$(lab_json "$LAB_DIR/requests.json" "requests.$i.hostname")" \
            "$(lab_json "$LAB_DIR/requests.json" "requests.$i.fingerprint")" \
            "$(lab_json "$LAB_DIR/requests.json" "requests.$i.source_address")"
        i=$((i + 1))
    done
    say "client peers, the approved engineers (GET /api/v1/clients):"
    demo_admin GET /api/v1/clients >"$LAB_DIR/clients.json"
    i=0
    while name=$(lab_json "$LAB_DIR/clients.json" "clients.$i.name" 2>/dev/null); do
        printf '    %-24s %-12s %s\n' "$name" "$(lab_json "$LAB_DIR/clients.json" "clients.$i.address")" \
            "$(lab_json "$LAB_DIR/clients.json" "clients.$i.state")"
        i=$((i + 1))
    done
    say "enrollment link: $ENROLL_LINK"
    say "admin API: $ADMIN_URL through the laptop's admin tunnel ($ADMIN_WS_ADDR), token 'demo-admin' in the app's keyring (page 'Hub admin')"
    [ "$HEADLESS" = 1 ] || say "the admin token is in $RUN_DIR/admin-token while the demo runs"
}

if [ "$HEADLESS" = 1 ]; then
    lab_step "the whole story in the app, headless (Xvfb, a tray host, the keyboard)"
    DEVICE_ADDRESS=$LAB_OVERLAY_PREFIX.11 # press-01
    lab_exec laptop "${app_env[@]}" timeout 600 xvfb-run -a -s "-noreset -screen 0 1280x800x24" \
        dbus-run-session -- "$ROOT/scripts/demo-session.sh" headless "$DEMO_APP" "$RUN_DIR/admin-token" "$ADMIN_URL" \
        "$RUN_DIR" "$LAB_JSON_GET" "$DEVICE_ADDRESS" 2>"$LAB_DIR/logs/app.log" | tee "$RUN_DIR/story.log"
    rc=${PIPESTATUS[0]}
    rm -f "$RUN_DIR/.requests.json"
    [ "$rc" = 0 ] || lab_fail "the story stopped (status $rc): $(tail -n 20 "$LAB_DIR/logs/app.log")"
    lab_pass "registered, approved in the admin page, connected, and $DEVICE_ADDRESS answered ping through the tunnel"
    summary
    say "screenshots of each step:"
    for f in "$RUN_DIR"/*.png; do printf '    %s\n' "$f"; done
    exit 0
fi

# With a display: the app runs in the laptop's namespace (the X server's socket
# file is reachable from there) until it quits or Ctrl-C.
xauth_file=${XAUTHORITY:-${SUDO_USER:+$(getent passwd "$SUDO_USER" | cut -d: -f6)/.Xauthority}}
[ -n "${WAYLAND_DISPLAY:-}" ] && [ "${WAYLAND_DISPLAY:0:1}" != / ] && WAYLAND_DISPLAY=${XDG_RUNTIME_DIR:-/run/user/0}/$WAYLAND_DISPLAY
lab_spawn laptop "$LAB_DIR/logs/app.log" "${app_env[@]}" DISPLAY="${DISPLAY:-}" WAYLAND_DISPLAY="${WAYLAND_DISPLAY:-}" \
    XAUTHORITY="${xauth_file:-}" dbus-run-session -- "$ROOT/scripts/demo-session.sh" display "$DEMO_APP" "$RUN_DIR/admin-token" "$ADMIN_URL"
APP_PID=$LAB_SPAWNED_PID
summary
say "the app is open on your display; Ctrl-C here (or scripts/demo.sh --stop) ends the demo"
while kill -0 "$APP_PID" 2>/dev/null; do
    wait "$APP_PID"
done
say "the app quit"
exit 0
