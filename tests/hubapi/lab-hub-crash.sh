#!/usr/bin/env bash
# Issue 15's crash test: the real hub in the lab (real wireguard-go in
# namespaces) is killed with SIGKILL at random moments, $LAB_CRASH_KILLS times
# (default 200), during a mixed stream of registrations, approvals, rejections,
# revocations, clients-file PUTs and hand edits and settings changes, and
# restarted each time (hubcrash_driver, inside the hub's namespace, does that and
# checks after every restart: the clients file parses, every acknowledged change
# is there and nothing refused, the database, the clients file, the audit log and
# the interface agree). Meanwhile an approved engineer pings a device through the
# hub, 20 echoes a second: not one may be lost, and the hub's interface must be
# the same one (same ifindex) at the end.
#   lab-hub-crash.sh PATH/TO/factory-vpn-hub PATH/TO/hubcrash_driver
# LAB_CRASH_KILLS=N, LAB_CRASH_SEED=N (the driver prints the seed it used).
set -u
HERE=$(dirname "$0")
. "$HERE/../lab/lib.sh"
. "$HERE/../lab/hub-lib.sh"

DRIVER=${2:-}
KILLS=${LAB_CRASH_KILLS:-200}

hub_lab_init_static "${1:-}"
[ -x "$DRIVER" ] || lab_fail "the crash driver '$DRIVER' is not an executable"
lab_step "setup: stock device d1, engineer e1 approved, a token"
lab_add_stock_device d1 10.42.42.2
lab_add_engineer e1 10.42.42.10
api_set_inventory "d1 on"
clients_set e1
lab_exec hub "$HUB_BIN" token create --name crash-test --state-dir "$HUB_DIR/state" >"$LAB_DIR/token" 2>/dev/null \
    || lab_fail "factory-vpn-hub token create failed"
chmod 600 "$LAB_DIR/token"
hub_start
lab_expect_ping_ok e1 d1
index=$(lab_ifindex hub "$HUB_IF")
[ -n "$index" ] || lab_fail "no interface $HUB_IF on the hub"
# The interface and its peers outlive the hub: the driver starts it again.
hub_stop
lab_pass "e1 reaches d1 through the hub's $HUB_IF (ifindex $index); the hub is stopped, the tunnel stays"

lab_step "continuous ping e1 -> d1 at 20/s while the hub is killed $KILLS times"
lab_flood_start e1 d1 1000000 0.05 each
flood=$LAB_FLOOD_ID
sleep 1

args=()
mapfile -t args < <(hub_args)
seed=()
[ -n "${LAB_CRASH_SEED:-}" ] && seed=(--seed "$LAB_CRASH_SEED")
log="$LAB_DIR/logs/hub-crash.log"
lab_add_log "$log"
lab_add_log "$LAB_DIR/logs/crash-driver.log"
lab_exec hub "$DRIVER" --kills "$KILLS" "${seed[@]}" --token-file "$LAB_DIR/token" \
    --clients-file "$HUB_DIR/clients.conf" --state-dir "$HUB_DIR/state" --interface "$HUB_IF" --log "$log" \
    --admin-url http://127.0.0.1:8444 --public-url https://127.0.0.1:8443 \
    --protect "$(lab_pubkey e1)=10.42.42.10" --device "$(lab_pubkey d1)" \
    -- "$HUB_BIN" "${args[@]}" --public-listen 127.0.0.1:8443 --admin-listen 127.0.0.1:8444 \
    --registration-burst 100000 --max-pending 1000 daemon --interval 2 \
    >"$LAB_DIR/logs/crash-driver.log" 2>&1
driver=$?
# The hub the driver started last is gone; anything else it started (a
# wireguard-go) is in the hub's namespace and ended by the lab's cleanup.
cat "$LAB_DIR/logs/crash-driver.log"
[ "$driver" = 0 ] || lab_fail "the crash driver found problems (exit $driver)"
lab_pass "every restart held every acknowledged change and nothing refused"

lab_step "the interface is the one from the start, and the ping lost nothing"
[ "$(lab_ifindex hub "$HUB_IF")" = "$index" ] || lab_fail "$HUB_IF was re-created (ifindex $(lab_ifindex hub "$HUB_IF"), was $index)"
lab_flood_stop "$flood" 20
lab_log "sent $LAB_FLOOD_SENT, received $LAB_FLOOD_RECEIVED, lost $LAB_FLOOD_LOST${LAB_FLOOD_LOST_SEQS:+: $LAB_FLOOD_LOST_SEQS}"
[ "$LAB_FLOOD_LOST" = 0 ] || lab_fail "the continuous ping lost $LAB_FLOOD_LOST echoes during $KILLS kills"
lab_pass "$KILLS kills, same ifindex $index, $LAB_FLOOD_RECEIVED echoes answered, 0 lost"
lab_step "crash scenario passed"
