#!/usr/bin/env bash
# The hub at factory scale while an admin pulls the whole device list without
# pause: 10,000 devices from a static --inventory in 10.42.0.0/16 (the hub at
# 10.42.42.1/16), an admin connection in the hub namespace asking
# GET /api/v1/devices on the admin listener (127.0.0.1:8444, bearer token) again
# the moment each answer is in, for the whole scenario. Meanwhile an engineer
# registers over the public listener (TLS), the admin approves it over the admin
# listener, and the engineer brings up its wireguard-go tunnel from the config
# of its poll; ping decides that it reaches the hub and the stock device d1.
#
# Checked: the tunnel works; every /devices answer was a 200 with its whole
# body; there were answers before the registration and after the handshake
# (the loop ran throughout); one answer, kept, is complete JSON listing exactly
# DEVICES devices; the public GET /api/v1/health answered 200 at each step under
# the load. The number of /devices answers and how long registration ->
# approval -> handshake took are printed as information only: no figure is
# asserted against a time.
#   lab-hub-admin-load.sh PATH/TO/factory-vpn-hub [DEVICES]
#
# DEVICES defaults to 10,000: about 14 s, also with the ASan + UBSan hub of CI
# (public health under the load in ~60 ms there, registration -> handshake
# ~1.2 s). Before a live sample stopped rebuilding every device's row (80a10d8),
# that hub never got through at 10,000: its rebuilds queued up ahead of the
# requests and health answered in 15 s, then 37 s, then over 120 s.
#
# Only bash, openssl and cmake talk HTTP and read JSON (no curl, no jq).
set -u
HERE=$(dirname "$0")
. "$HERE/lib.sh"
. "$HERE/hub-lib.sh"

DEVICES=${2:-10000} # d1 and DEVICES-1 generated ones
HUB_VPN="$LAB_HUB_OVERLAY/16"
PUBLIC="$LAB_HUB_UNDERLAY:8443"
ADMIN_PORT=8444
ENGINEER_ADDRESS=10.42.42.10

HUB_STATIC_VPNADDR=$HUB_VPN

# now_us: wall clock in microseconds (no process started).
now_us() { local t=${EPOCHREALTIME/./}; printf '%s' "$((10#$t))"; }
ms_between() { printf '%s' "$((($2 - $1) / 1000))"; }

# A guard against a hung request, not a judge of speed: the hub may answer slowly
# under this load (a sanitizer build, a busy machine); how long it took is printed.
HUB_API_TIMEOUT=120 # for api_call (hub-lib.sh)

# health_under_load WHEN: the public health check answers 200 while the /devices
# loop runs (checked alive before and after).
HEALTH_OK=0
HEALTH_MS=()
health_under_load()
{
    kill -0 "$LOAD_PID" 2>/dev/null || lab_fail "the /devices loop is gone ($1)"
    local status start
    start=$(now_us)
    status=$(api_call e1 tls "$PUBLIC" GET /api/v1/health '' '')
    HEALTH_MS+=("$(ms_between "$start" "$(now_us)")")
    if [ "$status" != 200 ] || [ "$(body status)" != ok ]; then
        lab_fail "GET /api/v1/health on the public listener answered '$status' under load ($1): $(cat "$LAB_DIR/api-body.json")"
    fi
    kill -0 "$LOAD_PID" 2>/dev/null || lab_fail "the /devices loop is gone ($1)"
    HEALTH_OK=$((HEALTH_OK + 1))
    lab_pass "public health 200 under load ($1), in ${HEALTH_MS[-1]} ms"
}

# devices_loop PORT TOKEN DIR: runs in the hub namespace (spawned as its own
# bash). Holds one keep-alive connection to the admin listener and sends the
# next GET /api/v1/devices as soon as the previous answer's body (exactly
# Content-Length bytes) is in; reconnects if the hub closes it. One line per
# answer in DIR/answers.log: "answer SENT_US DONE_US STATUS LENGTH RECEIVED";
# the last complete 200 body is kept as DIR/last.json. Ends on SIGTERM.
devices_loop()
{
    local port=$1 token=$2 dir=$3 log=$3/answers.log
    local request=$'GET /api/v1/devices HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer '"$token"$'\r\n\r\n'
    local line status length close sent got reader=""
    trap '[ -n "$reader" ] && kill "$reader" 2>/dev/null; exit 0' TERM
    now() { local t=${EPOCHREALTIME/./}; printf '%s' "$((10#$t))"; }
    shopt -s nocasematch
    while :; do
        if ! exec 3<>"/dev/tcp/127.0.0.1/$port"; then
            printf 'connect-failed %s\n' "$(now)" >>"$log"
            sleep 0.2 # only when the listener refuses: do not spin
            continue
        fi
        printf 'connected %s\n' "$(now)" >>"$log"
        while :; do
            sent=$(now)
            printf '%s' "$request" >&3 || break
            if ! IFS= read -r -t 120 line <&3; then
                printf 'no-answer %s %s\n' "$sent" "$(now)" >>"$log"
                break
            fi
            line=${line%$'\r'}
            status=${line#* }
            status=${status%% *}
            length=-1 close=0
            while IFS= read -r -t 120 line <&3; do
                line=${line%$'\r'}
                [ -z "$line" ] && break
                case $line in
                    content-length:*) length=${line#*:} length=${length// /} ;;
                    connection:*close*) close=1 ;;
                esac
            done
            got=0
            if [ "$length" -ge 0 ] 2>/dev/null; then
                # In a child waited for, so SIGTERM is handled at once.
                head -c "$length" <&3 >"$dir/body.tmp" &
                reader=$!
                wait "$reader"
                reader=""
                got=$(wc -c <"$dir/body.tmp")
            fi
            printf 'answer %s %s %s %s %s\n' "$sent" "$(now)" "$status" "$length" "$got" >>"$log"
            [ "$status" = 200 ] && [ "$got" = "$length" ] && mv -f "$dir/body.tmp" "$dir/last.json"
            if [ "$close" = 1 ] || [ "$got" != "$length" ]; then
                break
            fi
        done
        exec 3>&-
    done
}

# complete_answers [AFTER_US [BEFORE_US]]: complete 200 answers whose request was
# sent at or after AFTER_US and that were in by BEFORE_US.
complete_answers()
{
    awk -v after="${1:-0}" -v before="${2:-0}" '
        $1 == "answer" && $4 == 200 && $5 == $6 && $5 > 0 && $2 >= after && (before == 0 || $3 <= before) { n++ }
        END { print n + 0 }' "$LOAD_DIR/answers.log"
}

case $DEVICES in
    '' | *[!0-9]*) DEVICES=0 ;;
esac
if [ "$DEVICES" -lt 2 ] || [ "$DEVICES" -gt 60000 ]; then
    echo "usage: lab-hub-admin-load.sh HUB_BINARY [DEVICES, 2..60000, default 10000]" >&2
    exit 2
fi
hub_lab_init_static "${1:-}"
command -v openssl >/dev/null || lab_fail "openssl is needed to talk TLS"

lab_step "setup: $DEVICES devices in 10.42.0.0/16 (stock device d1 among them), engineer e1 (nothing approved)"
lab_add_stock_device d1 10.42.42.2
lab_add_node e1
LAB_NODE_OVERLAY[e1]=$ENGINEER_ADDRESS
lab_genkey e1
lab_start_wg e1 "$LAB_WG_IF"
# DEVICES-1 generated devices from 10.42.0.2 up, then d1 at 10.42.42.2.
hub_inventory_generate $((DEVICES - 1)) "$(api_entry d1 "$(lab_pubkey d1)" 10.42.42.2 true)" \
    || lab_fail "could not write the inventory"
clients_set_raw "# no engineer approved yet"$'\n'
TOKEN=$(lab_exec hub "$HUB_BIN" token create --name lab-admin --state-dir "$HUB_DIR/state" 2>/dev/null) \
    || lab_fail "factory-vpn-hub token create failed"
[ -n "$TOKEN" ] || lab_fail "token create printed no token"
HUB_START_TIMEOUT=60 # a first apply of every device, by a sanitized hub on a busy machine
hub_start --public-listen "$PUBLIC"
[ "$(hub_status interface.address)" = "$HUB_VPN" ] || lab_fail "the hub's address is $(hub_status interface.address), expected $HUB_VPN"
all_peers() { [ "$(hub_peer_count)" = "$DEVICES" ]; }
lab_wait_until 60 "all $DEVICES device peers on the hub's interface" all_peers
lab_pass "$DEVICES peers on $HUB_IF"
hub_expect_own_slash32 d1
lab_expect_ping_ok d1 hub 30
lab_wait_until 30 "the public listener on $PUBLIC" \
    sh -c "[ -f '$HUB_DIR/state/api-public.json' ]"
hub_wait_public_health e1 "$PUBLIC" || lab_fail "GET /api/v1/health did not answer ok before the load"
lab_pass "public listener up"

lab_step "the admin pulls GET /api/v1/devices without pause, for the whole scenario"
LOAD_DIR="$LAB_DIR/load"
mkdir -p "$LOAD_DIR"
: >"$LOAD_DIR/answers.log"
lab_spawn hub "$LAB_DIR/logs/devices-loop.log" bash -c "$(declare -f devices_loop)"'; devices_loop "$@"' \
    devices-loop "$ADMIN_PORT" "$TOKEN" "$LOAD_DIR"
LOAD_PID=$LAB_SPAWNED_PID
lab_add_log "$LAB_DIR/logs/devices-loop.log"
lab_add_log "$LOAD_DIR/answers.log"
load_started=$(now_us)
answers_at_least() { [ "$(complete_answers "${2:-0}")" -ge "$1" ]; }
lab_wait_until 180 "two complete 200 answers to GET /api/v1/devices" answers_at_least 2
lab_pass "$(complete_answers) answers so far, $(awk '$1 == "answer" { print $5; exit }' "$LOAD_DIR/answers.log") bytes each"
health_under_load "before the registration"

lab_step "the engineer registers over the public listener"
t_register=$(now_us)
hub_register e1 "$PUBLIC"
id=$REG_ID
secret=$REG_SECRET
t_registered=$(now_us)
lab_pass "request $id pending"
health_under_load "after the registration"

lab_step "the admin approves over the admin listener"
status=$(api_call hub plain "127.0.0.1:$ADMIN_PORT" GET /api/v1/requests '' "$TOKEN")
if [ "$status" != 200 ] || [ "$(body requests.0.id)" != "$id" ]; then
    lab_fail "the pending request is not listed ($status): $(cat "$LAB_DIR/api-body.json")"
fi
status=$(api_call hub plain "127.0.0.1:$ADMIN_PORT" POST "/api/v1/requests/$id/approve" \
    "{\"address\":\"$ENGINEER_ADDRESS\"}" "$TOKEN")
[ "$status" = 200 ] || lab_fail "approval answered $status: $(cat "$LAB_DIR/api-body.json")"
t_approved=$(now_us)
hub_wait_peer e1 present 30
hub_expect_own_slash32 e1
health_under_load "after the approval"

lab_step "the engineer's poll gives its tunnel; it comes up and reaches the hub and d1"
status=$(api_call e1 tls "$PUBLIC" GET "/api/v1/registrations/$id" '' "$secret")
if [ "$status" != 200 ] || [ "$(body status)" != approved ]; then
    lab_fail "poll answered $status: $(cat "$LAB_DIR/api-body.json")"
fi
address=$(body config.address_cidr)
hub_key=$(body config.hub_public_key)
endpoint=$(body config.endpoint)
keepalive=$(body config.persistent_keepalive)
allowed=()
n=0
while value=$(body "config.allowed_ips.$n"); do
    allowed+=("$value")
    n=$((n + 1))
done
[ "$address" = "$ENGINEER_ADDRESS/32" ] || lab_fail "config.address_cidr is '$address', expected $ENGINEER_ADDRESS/32"
[ "$hub_key" = "$(lab_pubkey hub)" ] || lab_fail "config.hub_public_key is '$hub_key', not the hub's key"
[ ${#allowed[@]} -gt 0 ] || lab_fail "config.allowed_ips is empty"
t_polled=$(now_us)
lab_pass "address $address, endpoint $endpoint, allowed IPs ${allowed[*]}, keepalive $keepalive"
allowed_list=$(IFS=,; printf '%s' "${allowed[*]}")
# What wg-quick would do with that config.
lab_exec e1 wg set "$LAB_WG_IF" private-key "$(lab_keyfile e1)" peer "$hub_key" endpoint "$endpoint" \
    persistent-keepalive "$keepalive" allowed-ips "$allowed_list" || lab_fail "wg set on e1 with the poll's config failed"
lab_exec e1 ip address add "$address" dev "$LAB_WG_IF" || lab_fail "cannot add $address on e1"
lab_exec e1 ip link set "$LAB_WG_IF" up
for net in "${allowed[@]}"; do
    lab_exec e1 ip route replace "$net" dev "$LAB_WG_IF" || lab_fail "cannot route $net through e1's tunnel"
done
t_tunnel=$(now_us)
lab_expect_ping_ok e1 hub 30
t_handshake=$(now_us)
handshake=$(lab_exec e1 wg show "$LAB_WG_IF" latest-handshakes | awk '{ print $2 }')
if [ -z "$handshake" ] || [ "$handshake" = 0 ]; then
    lab_fail "e1's tunnel answered ping but shows no handshake ('$handshake')"
fi
lab_pass "e1 completed a handshake with the hub"
lab_expect_ping_ok e1 d1 20
health_under_load "after the handshake"

lab_step "watched, the hub samples every second; its status moves only when something in it does"
# The status's own times (updatedAt, lastApply.at) must not move with a sample
# that changed nothing, or an admin's conditional GET never gets a 304. The
# inventory's re-read times move each --interval: they are left out.
verify_runs()
{
    [ "$(api_call hub plain "127.0.0.1:$ADMIN_PORT" GET /metrics '' "$TOKEN")" = 200 ] || return 1
    awk '$1 == "factory_vpn_reconcile_runs_total{mode=\"verify\"}" { print $2 }' "$LAB_DIR/api-body.json"
}
status_without_reads()
{
    sed -E 's/"(lastAttemptAt|lastSyncAt)":"[^"]*"//g; s/"revision":[0-9]+//' "$LAB_DIR/api-body.json"
}
runs_before=$(verify_runs) || lab_fail "GET /metrics failed: $(cat "$LAB_DIR/api-body.json")"
[ "$(api_call hub plain "127.0.0.1:$ADMIN_PORT" GET /api/v1/status '' "$TOKEN")" = 200 ] \
    || lab_fail "GET /api/v1/status failed: $(cat "$LAB_DIR/api-body.json")"
status_before=$(status_without_reads)
sleep 3.5
[ "$(api_call hub plain "127.0.0.1:$ADMIN_PORT" GET /api/v1/status '' "$TOKEN")" = 200 ] \
    || lab_fail "GET /api/v1/status failed: $(cat "$LAB_DIR/api-body.json")"
status_after=$(status_without_reads)
runs_after=$(verify_runs) || lab_fail "GET /metrics failed: $(cat "$LAB_DIR/api-body.json")"
[ $((runs_after - runs_before)) -ge 2 ] \
    || lab_fail "only $((runs_after - runs_before)) verify passes in 3.5 s of watching ($runs_before -> $runs_after)"
if [ "$status_before" != "$status_after" ]; then
    lab_log "before: $status_before"
    lab_log "after:  $status_after"
    lab_fail "the status changed while nothing happened"
fi
lab_pass "$((runs_after - runs_before)) verify passes, the status the same"

lab_step "the /devices loop ran throughout"
# It must still be asking: one more complete answer, from a request sent after
# the handshake.
lab_wait_until 180 "a complete /devices answer to a request sent after the handshake" \
    answers_at_least 1 "$t_handshake"
kill -0 "$LOAD_PID" 2>/dev/null || lab_fail "the /devices loop is gone"
load_stopped=$(now_us)
kill -TERM "$LOAD_PID"
for _ in $(seq 1 50); do
    kill -0 "$LOAD_PID" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$LOAD_PID" 2>/dev/null && lab_fail "the /devices loop did not end within 5 s of SIGTERM"
wait "$LOAD_PID" 2>/dev/null
total=$(awk '$1 == "answer"' "$LOAD_DIR/answers.log" | wc -l)
complete=$(complete_answers)
bad=$(awk '$1 == "answer" && !($4 == 200 && $5 == $6 && $5 > 0) { print $4 "/" $5 "/" $6 }' "$LOAD_DIR/answers.log" | sort | uniq -c | tr -s ' \n' '  ')
[ -z "$bad" ] || lab_fail "answers to GET /api/v1/devices that were not a complete 200 (count status/length/received): $bad"
failures=$(grep -c -E '^(connect-failed|no-answer)' "$LOAD_DIR/answers.log")
[ "$failures" = 0 ] || lab_fail "$failures failed connections or unanswered requests in the /devices loop"
connections=$(grep -c '^connected' "$LOAD_DIR/answers.log")
before=$(complete_answers 0 "$t_register")
during=$(complete_answers "$t_register" "$t_handshake")
after=$(complete_answers "$t_handshake")
[ "$before" -ge 1 ] || lab_fail "no complete /devices answer before the registration"
[ "$after" -ge 1 ] || lab_fail "no complete /devices answer to a request sent after the handshake"
# A request in flight while the engineer registered, was approved and shook
# hands: the loop never stopped asking between the answers before and after.
lab_pass "$complete complete 200 answers: $before before the registration, $during within registration -> handshake, $after after"

lab_step "one answer is complete JSON with all $DEVICES devices"
last="$LOAD_DIR/last.json"
[ -s "$last" ] || lab_fail "no /devices body was kept"
[ "$(lab_json "$last" full)" = true ] || lab_fail "the kept /devices answer is not a full list"
lab_json "$last" "devices.$((DEVICES - 1)).name" >/dev/null || lab_fail "the kept /devices answer has fewer than $DEVICES devices (or is not JSON)"
lab_json "$last" "devices.$DEVICES.name" >/dev/null 2>&1 && lab_fail "the kept /devices answer has more than $DEVICES devices"
grep -qF "\"public_key\":\"$(lab_pubkey d1)\"" "$last" || lab_fail "d1 is not in the /devices answer"
lab_pass "$DEVICES devices, d1 among them ($(wc -c <"$last") bytes)"

lab_step "figures (information, not judged)"
lab_log "GET /api/v1/devices: $total answers ($complete complete 200s) on $connections connection(s) in $(ms_between "$load_started" "$load_stopped") ms; $during of them within registration -> handshake"
lab_log "public GET /api/v1/health: $HEALTH_OK answers, all 200, under the load, in ${HEALTH_MS[*]} ms (openssl's TLS handshake included)"
# From the start of the registration request; each step includes the lab's own
# work (openssl, reading JSON with cmake, wg/ip in the namespace).
lab_log "registration -> pending $(ms_between "$t_register" "$t_registered") ms -> approved $(ms_between "$t_register" "$t_approved") ms -> config polled $(ms_between "$t_register" "$t_polled") ms -> tunnel configured $(ms_between "$t_register" "$t_tunnel") ms -> handshake (first echo through the tunnel) $(ms_between "$t_register" "$t_handshake") ms; tunnel configured -> handshake $(ms_between "$t_tunnel" "$t_handshake") ms"
kill -0 "$HUB_PID" 2>/dev/null || lab_fail "the hub is gone"
hub_stop
lab_step "admin load scenario passed"
