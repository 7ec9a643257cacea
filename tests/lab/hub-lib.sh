# shellcheck shell=bash
# The real hub in the lab: factory-vpn-hub in the hub namespace, the
# FoundriesFactory API stand-in in its own namespace on the underlay
# (http://192.0.2.2:8080), and the hub's files in the lab's scratch folder.
#
#   . lib.sh; . hub-lib.sh
#   hub_lab_init HUB_BINARY FAKE_API_BINARY
#   lab_add_stock_device d1 10.42.42.2 ...
#   api_set_inventory "d1 on" "d2 off"; clients_set e1; hub_enable; hub_start
#
# Everything the hub writes stays in $LAB_DIR/hub: state dir, clients file,
# hosts file. Its interface is created by the hub itself (wireguard-go falls
# back and daemonises); lab_cleanup ends that process through the namespace.

LAB_FACTORY=lab
LAB_TOKEN=lab-token-0123
LAB_API_ADDR=192.0.2.2
LAB_API_PORT=8080
HUB_IF=fiolab # fio<factory>, the hub's default

HUB_BIN=""
FAKE_API_BIN=""
HUB_PID=""
API_PID=""
HUB_DIR=""
HUB_RUNS=0
HUB_LAST_EXIT=""
# With HUB_STATIC=1 (hub_lab_init_static) the hub reads --inventory, the same
# JSON as the API's ips.json, and takes its address and port from the command line:
# --vpnaddr HUB_STATIC_VPNADDR (set it before hub_start, e.g. a /16 for
# hub_inventory_generate's devices).
HUB_STATIC=0
HUB_STATIC_VPNADDR="$LAB_HUB_OVERLAY/24"
# How long hub_start waits for phase running and a first apply (a first apply
# of tens of thousands of peers takes longer than the default).
HUB_START_TIMEOUT=20
# The daemon's --interval and --log-level (hub_wait_reconciles needs debug).
HUB_INTERVAL=2
HUB_LOG_LEVEL=debug
LAB_JSON_GET="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/json-get.cmake"

# hub_lab_init HUB_BINARY FAKE_API_BINARY: the lab, the hub's namespace and
# files, the API's namespace with the stand-in running and an empty inventory.
hub_lab_init()
{
    HUB_BIN=${1:-}
    FAKE_API_BIN=${2:-}
    lab_init
    [ -x "$HUB_BIN" ] || lab_fail "hub binary '$HUB_BIN' is not an executable (usage: script HUB FAKE_API)"
    [ -x "$FAKE_API_BIN" ] || lab_fail "fake API binary '$FAKE_API_BIN' is not an executable"
    command -v cmake >/dev/null || lab_fail "cmake is needed to read status.json"
    hub__files
    lab_add_hub_node
    lab_add_node api "$LAB_API_ADDR"
    api_start
}

# hub_lab_init_static HUB_BINARY: the hub with a static --inventory file
# ($HUB_DIR/ips.json, set with api_set_inventory all the same), no API.
hub_lab_init_static()
{
    HUB_BIN=${1:-}
    HUB_STATIC=1
    lab_init
    [ -x "$HUB_BIN" ] || lab_fail "hub binary '$HUB_BIN' is not an executable (usage: script HUB)"
    command -v cmake >/dev/null || lab_fail "cmake is needed to read status.json"
    hub__files
    lab_add_hub_node
}

hub__files()
{
    HUB_DIR="$LAB_DIR/hub"
    mkdir -p "$HUB_DIR/state"
    printf '127.0.0.1\tlocalhost\n192.0.2.99\tkeep-me # not the hub'"'"'s\n' >"$HUB_DIR/hosts"
    : >"$HUB_DIR/clients.conf"
    echo '[]' >"$HUB_DIR/ips.json"
}

# --- the FoundriesFactory API stand-in ---------------------------------------------

api_start()
{
    local log="$LAB_DIR/logs/fake-api.log" before=0
    touch "$log"
    before=$(grep -c '^listening on' "$log")
    lab_spawn api "$log" "$FAKE_API_BIN" --listen "$LAB_API_ADDR:$LAB_API_PORT" --factory "$LAB_FACTORY" \
        --token "$LAB_TOKEN" --ips-file "$HUB_DIR/ips.json" --control-file "$HUB_DIR/api-control" \
        --config-file "$HUB_DIR/factory-config.json"
    API_PID=$LAB_SPAWNED_PID
    [ "$HUB_RUNS" = 0 ] && [ "$before" = 0 ] && lab_add_log "$log"
    local start=$SECONDS
    # The line is printed once listen() succeeded.
    until [ "$(grep -c '^listening on' "$log")" -gt "$before" ]; do
        kill -0 "$API_PID" 2>/dev/null || lab_fail "the fake API exited at start"
        [ $((SECONDS - start)) -gt 10 ] && lab_fail "the fake API did not listen within 10 s"
        sleep 0.1
    done
    lab_log "fake API listening on http://$LAB_API_ADDR:$LAB_API_PORT (pid $API_PID)"
}

# api_stop: the API goes away (connection refused from then on).
api_stop()
{
    [ -n "$API_PID" ] || return 0
    kill -TERM "$API_PID" 2>/dev/null
    for _ in $(seq 1 50); do
        kill -0 "$API_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$API_PID" 2>/dev/null
    wait "$API_PID" 2>/dev/null
    API_PID=""
}

# api_control ok|500|garbage|hang
api_control() { printf '%s\n' "$1" >"$HUB_DIR/api-control"; }

# api_entry NAME PUBKEY IP true|false: one wireguard-ips entry (any values, for bad ones).
api_entry()
{
    printf '{"name":"%s","pubkey":"%s","ip":"%s","enabled":%s}' "$1" "$2" "$3" "$4"
}

# api_set_inventory "NODE on|off" | '{raw entry}' ...: the wireguard-ips answer,
# one entry per lab node with its key and overlay address; written atomically.
api_set_inventory()
{
    local entry node state sep="" json="["
    for entry in "$@"; do
        if [ "${entry:0:1}" = "{" ]; then
            json+="$sep$entry"
        else
            node=${entry% *}
            state=${entry#* }
            local enabled=true
            [ "$state" = off ] && enabled=false
            lab_genkey "$node"
            json+="$sep$(api_entry "$node" "$(lab_pubkey "$node")" "${LAB_NODE_OVERLAY[$node]}" "$enabled")"
        fi
        sep=","
    done
    json+="]"
    api_set_inventory_raw "$json"
}

api_set_inventory_raw()
{
    printf '%s\n' "$1" >"$HUB_DIR/ips.json.tmp" && mv "$HUB_DIR/ips.json.tmp" "$HUB_DIR/ips.json"
}

# hub_inventory_generate COUNT [ENTRY...]: an inventory of COUNT generated
# devices at factory scale (dev-00001 ...) in 10.42.0.0/16 from 10.42.0.2 up
# (no .0/.255, nothing in 10.42.42.0/24, which is left to the hub and the lab's
# own nodes), followed by the given raw entries (api_entry); written atomically
# to $HUB_DIR/ips.json. COUNT up to about 64,000. Give the hub a /16
# (HUB_STATIC_VPNADDR="$LAB_HUB_OVERLAY/16").
# The keys are 32 bytes in canonical base64 (the 43rd character carries 4 bits,
# the last 2 zero): 3 characters of the entry's number make each key unique, the
# rest is random. Nothing ever connects with them; wireguard-go only stores them.
hub_inventory_generate()
{
    local n=$1 extra
    shift
    extra=$(IFS=,; printf '%s' "$*")
    awk -v n="$n" -v seed="$$$RANDOM" -v extra="$extra" 'BEGIN {
        srand(seed)
        b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        tail = "AEIMQUYcgkosw048"
        host = 2
        sep = ""
        printf "["
        for (i = 1; i <= n; i++) {
            while (host % 256 == 0 || host % 256 == 255 || int(host / 256) == 42)
                host++ # 10.42.42.0/24 is the hub and the lab nodes
            key = substr(b64, int(i / 4096) % 64 + 1, 1) substr(b64, int(i / 64) % 64 + 1, 1) substr(b64, i % 64 + 1, 1)
            for (c = 0; c < 39; c++)
                key = key substr(b64, int(rand() * 64) + 1, 1)
            key = key substr(tail, int(rand() * 16) + 1, 1) "="
            printf "%s{\"name\":\"dev-%05d\",\"pubkey\":\"%s\",\"ip\":\"10.42.%d.%d\",\"enabled\":true}", sep, i, key, int(host / 256), host % 256
            sep = ","
            host++
        }
        if (extra != "")
            printf "%s%s", sep, extra
        printf "]\n"
    }' >"$HUB_DIR/ips.json.tmp" && mv "$HUB_DIR/ips.json.tmp" "$HUB_DIR/ips.json"
}

# api_requests: how many wireguard-ips requests the stand-in has seen.
api_requests() { grep -c "wireguard-ips/ ->" "$LAB_DIR/logs/fake-api.log"; }

# --- the clients file ------------------------------------------------------------

# clients_set NODE...: factory-clients.conf approving these engineers, written
# atomically (as an editor or the hub API would).
clients_set()
{
    local node text="# approved engineers (written by the lab)"$'\n'
    for node in "$@"; do
        text+="$(lab_pubkey "$node") ${LAB_NODE_OVERLAY[$node]} $node laptop"$'\n'
    done
    clients_set_raw "$text"
}

clients_set_raw()
{
    printf '%s' "$1" >"$HUB_DIR/clients.conf.tmp" && mv "$HUB_DIR/clients.conf.tmp" "$HUB_DIR/clients.conf"
}

# --- the hub ------------------------------------------------------------------------

hub_args()
{
    printf '%s\n' -f "$LAB_FACTORY" -k "$(lab_keyfile hub)" --clients-file "$HUB_DIR/clients.conf" \
        --state-dir "$HUB_DIR/state" --hosts-file "$HUB_DIR/hosts" --log-level "$HUB_LOG_LEVEL"
    if [ "$HUB_STATIC" = 1 ]; then
        printf '%s\n' --inventory "$HUB_DIR/ips.json" --vpnaddr "$HUB_STATIC_VPNADDR" --port "$LAB_HUB_PORT" \
            --endpoint "$LAB_HUB_UNDERLAY"
    else
        printf '%s\n' -t "$LAB_TOKEN" --api-url "http://$LAB_API_ADDR:$LAB_API_PORT"
    fi
}

# hub_enable: `factory-vpn-hub enable` publishes the hub to the factory config,
# then the published file is checked.
hub_enable()
{
    local args=()
    mapfile -t args < <(hub_args)
    # FVPN_SYSTEMD_UNIT: even where the package is installed, enable must not
    # configure and start this machine's service.
    lab_exec hub env FVPN_SYSTEMD_UNIT=/nonexistent/factory-vpn-hub.service "$HUB_BIN" "${args[@]}" \
        --endpoint "$LAB_HUB_UNDERLAY" --port "$LAB_HUB_PORT" --vpnaddr "$LAB_HUB_OVERLAY" enable >"$LAB_DIR/logs/hub-enable.log" 2>&1 \
        || lab_fail "factory-vpn-hub enable failed: $(cat "$LAB_DIR/logs/hub-enable.log")"
    local file="$HUB_DIR/factory-config.json" n name value
    [ -f "$file" ] || lab_fail "enable published nothing (no PATCH reached the API)"
    n=0
    while name=$(lab_json "$file" "config.0.files.$n.name" 2>/dev/null); do
        [ "$name" = wireguard-server ] && break
        n=$((n + 1))
    done
    value=$(lab_json "$file" "config.0.files.$n.value" 2>/dev/null) \
        || lab_fail "the factory config has no wireguard-server file after enable"
    local want
    for want in "endpoint=$LAB_HUB_UNDERLAY:$LAB_HUB_PORT" "server_address=$LAB_HUB_OVERLAY" \
        "pubkey=$(lab_pubkey hub)"; do
        printf '%s\n' "$value" | sed 's/^[[:space:]]*//;s/[[:space:]]*$//' | grep -qxF "$want" \
            || lab_fail "wireguard-server published by enable lacks '$want': $value"
    done
    lab_pass "enable published endpoint, server_address and pubkey to the factory config"
}

# hub_start [EXTRA ARGS...]: the daemon in the hub namespace (sync every
# HUB_INTERVAL s, 2 unless set),
# returns once status.json says running and a first apply happened.
hub_start()
{
    local args=()
    mapfile -t args < <(hub_args)
    HUB_RUNS=$((HUB_RUNS + 1))
    local log="$LAB_DIR/logs/hub-$HUB_RUNS.log"
    rm -f "$HUB_DIR/state/status.json"
    lab_spawn hub "$log" "$HUB_BIN" "${args[@]}" "$@" daemon --interval "$HUB_INTERVAL"
    HUB_PID=$LAB_SPAWNED_PID
    lab_add_log "$log"
    local start=$SECONDS
    while :; do
        kill -0 "$HUB_PID" 2>/dev/null || lab_fail "factory-vpn-hub exited at start"
        if [ "$(hub_status phase)" = running ] && [ "$(hub_status lastApply.at)" != null ]; then
            break
        fi
        [ $((SECONDS - start)) -gt "$HUB_START_TIMEOUT" ] \
            && lab_fail "the hub did not reach phase running with a first apply within $HUB_START_TIMEOUT s (phase: $(hub_status phase))"
        sleep 0.2
    done
    lab_log "hub running (pid $HUB_PID, run $HUB_RUNS)"
}

# hub_stop: SIGTERM, as systemd stops it; it must exit by itself, with 0.
hub_stop()
{
    [ -n "$HUB_PID" ] || return 0
    [ "$(readlink "/proc/$HUB_PID/exe")" = "$(readlink -f "$HUB_BIN")" ] \
        || lab_fail "pid $HUB_PID is not the hub (lab bug): $(readlink "/proc/$HUB_PID/exe")"
    kill -TERM "$HUB_PID"
    for _ in $(seq 1 100); do
        kill -0 "$HUB_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$HUB_PID" 2>/dev/null; then
        kill -KILL "$HUB_PID"
        lab_fail "the hub did not exit within 10 s of SIGTERM"
    fi
    wait "$HUB_PID"
    HUB_LAST_EXIT=$?
    HUB_PID=""
    [ "$HUB_LAST_EXIT" = 0 ] || lab_fail "the hub exited with $HUB_LAST_EXIT after SIGTERM, expected 0"
}

# lab_json FILE KEY: one value of a JSON file (see json-get.cmake).
lab_json() { cmake -DFILE="$1" -DKEY="$2" -P "$LAB_JSON_GET"; }

# hub_status KEY: a value from the hub's status.json, empty if unreadable.
hub_status()
{
    [ -f "$HUB_DIR/state/status.json" ] || return 0
    lab_json "$HUB_DIR/state/status.json" "$1" 2>/dev/null
}

# hub_has_peer NODE: the hub's live interface has NODE's key.
hub_has_peer() { lab_hub_has_peer "$(lab_pubkey "$1")" "$HUB_IF"; }

# hub_peer_allowed_ips NODE: the allowed-ips the hub gives NODE's key.
hub_peer_allowed_ips()
{
    lab_exec hub wg show "$HUB_IF" allowed-ips | awk -v k="$(lab_pubkey "$1")" '$1 == k { $1 = ""; sub(/^ /, ""); print }'
}

hub_peer_count() { lab_exec hub wg show "$HUB_IF" peers | grep -c .; }

# hub_wait_peer NODE present|absent [SECONDS=15]
hub_wait_peer()
{
    local node=$1 want=$2 max=${3:-15} start=$SECONDS
    while :; do
        if [ "$want" = present ] && hub_has_peer "$node"; then
            lab_pass "hub has a peer for $node"
            return 0
        fi
        if [ "$want" = absent ] && ! hub_has_peer "$node"; then
            lab_pass "hub has no peer for $node"
            return 0
        fi
        [ $((SECONDS - start)) -gt "$max" ] && lab_fail "after ${max} s the hub's peer for $node is not $want"
        sleep 0.2
    done
}

# hub_expect_own_slash32 NODE: the peer has exactly its own /32.
hub_expect_own_slash32()
{
    local got
    got=$(hub_peer_allowed_ips "$1")
    [ "$got" = "${LAB_NODE_OVERLAY[$1]}/32" ] \
        || lab_fail "hub peer $1 has allowed-ips '$got', expected exactly ${LAB_NODE_OVERLAY[$1]}/32"
}

# hub_wireguard_go_pid: the PID of the wireguard-go serving the hub interface
# (found among the processes of the lab's own hub namespace).
hub_wireguard_go_pid()
{
    local pid
    for pid in $(ip netns pids "$(lab_ns hub)"); do
        if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = wireguard-go ]; then
            printf '%s\n' "$pid"
            return 0
        fi
    done
    return 1
}

# hub_wait_status KEY VALUE [SECONDS=15]
hub_wait_status()
{
    local key=$1 want=$2 max=${3:-15} start=$SECONDS
    while [ "$(hub_status "$key")" != "$want" ]; do
        [ $((SECONDS - start)) -gt "$max" ] \
            && lab_fail "after ${max} s status.json $key is '$(hub_status "$key")', expected '$want'"
        sleep 0.2
    done
}

# hub_wait_reconciles N [SECONDS=15]: waits until the hub ran N more reconcile
# passes, periodic ones included. A pass that finds nothing to change writes
# nothing (status.json stays as it is), so the passes are counted in the hub's
# debug log ("reconcile pass (change|verify): ...").
hub_wait_reconciles()
{
    local n=$1 max=${2:-15} start=$SECONDS base log="$LAB_DIR/logs/hub-$HUB_RUNS.log"
    base=$(grep -c 'reconcile pass (' "$log")
    while :; do
        [ "$(grep -c 'reconcile pass (' "$log")" -ge $((base + n)) ] && return 0
        [ $((SECONDS - start)) -gt "$max" ] && lab_fail "the hub did not reconcile $n more times within ${max} s"
        sleep 0.2
    done
}

# hub_kill: SIGKILL, as a crash or an OOM kill; the hub leaves no status behind.
hub_kill()
{
    [ -n "$HUB_PID" ] || return 0
    [ "$(readlink "/proc/$HUB_PID/exe")" = "$(readlink -f "$HUB_BIN")" ] \
        || lab_fail "pid $HUB_PID is not the hub (lab bug): $(readlink "/proc/$HUB_PID/exe")"
    kill -KILL "$HUB_PID"
    wait "$HUB_PID" 2>/dev/null
    HUB_PID=""
}

# hub_set_device_to_device true|false: the live toggle, state-dir/settings.json
# (written atomically), then waits for status.json to show it.
hub_set_device_to_device()
{
    printf '{"deviceToDevice": %s}\n' "$1" >"$HUB_DIR/state/settings.json.tmp" \
        && mv "$HUB_DIR/state/settings.json.tmp" "$HUB_DIR/state/settings.json"
    hub_wait_status deviceToDevice "$1" 5
}

# api_call NODE tls|plain ADDR:PORT METHOD PATH BODY TOKEN: one request to the
# hub API on its own connection (Connection: close), from NODE's namespace;
# prints the HTTP status, the body lands in $LAB_DIR/api-body.json (read it with
# `body FIELD`). TOKEN is a bearer secret, or "Basic …" as it is to be sent.
# Each call may take HUB_API_TIMEOUT seconds (10).
api_call()
{
    local node=$1 mode=$2 target=$3 method=$4 path=$5 body=$6 token=$7
    local request="$method $path HTTP/1.1"$'\r\n'"Host: hub"$'\r\n'"Connection: close"$'\r\n'
    case "$token" in
        '') ;;
        "Basic "*) request+="Authorization: $token"$'\r\n' ;;
        *) request+="Authorization: Bearer $token"$'\r\n' ;;
    esac
    [ -n "$body" ] && request+="Content-Type: application/json"$'\r\n'"Content-Length: ${#body}"$'\r\n'
    request+=$'\r\n'"$body"
    local raw="$LAB_DIR/api-raw"
    : >"$raw"
    if [ "$mode" = tls ]; then
        printf '%s' "$request" | lab_exec "$node" timeout "${HUB_API_TIMEOUT:-10}" \
            openssl s_client -quiet -connect "$target" >"$raw" 2>/dev/null
    else
        # shellcheck disable=SC2016 # expanded by the inner bash
        lab_exec "$node" timeout "${HUB_API_TIMEOUT:-10}" \
            bash -c 'exec 3<>"/dev/tcp/${0%:*}/${0#*:}" && printf "%s" "$1" >&3 && cat <&3' \
            "$target" "$request" >"$raw" 2>/dev/null
    fi
    sed '1,/^\r$/d' "$raw" >"$LAB_DIR/api-body.json"
    head -n 1 "$raw" | cut -d' ' -f2
}
body() { lab_json "$LAB_DIR/api-body.json" "$1" 2>/dev/null; }

# hub_wait_public_health NODE ADDR:PORT: up to 10 s for the public listener to
# answer GET /api/v1/health from NODE; true once it answered {"status":"ok"}.
hub_wait_public_health()
{
    for _ in $(seq 1 50); do
        [ "$(api_call "$1" tls "$2" GET /api/v1/health '' '')" = 200 ] && break
        sleep 0.2
    done
    [ "$(body status)" = ok ]
}

# hub_register NODE ADDR:PORT: NODE's key registered over the public listener as
# "Erin Engineer"; sets REG_ID and REG_SECRET, fails the run unless 201 pending.
hub_register()
{
    local key status
    key=$(lab_pubkey "$1")
    status=$(api_call "$1" tls "$2" POST /api/v1/registrations \
        "{\"public_key\":\"$key\",\"name\":\"Erin Engineer\",\"hostname\":\"$1-laptop\",\"os\":\"Debian 12\"}" '')
    [ "$status" = 201 ] || lab_fail "registration answered $status: $(cat "$LAB_DIR/api-body.json")"
    # shellcheck disable=SC2034 # both read by the calling script
    REG_ID=$(body id) REG_SECRET=$(body secret)
    [ "$(body status)" = pending ] || lab_fail "a new registration is $(body status)"
}

