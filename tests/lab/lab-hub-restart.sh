#!/usr/bin/env bash
# A hub restart (SIGTERM, start again) leaves the interface alone: same
# wireguard-go process, same ifindex, peers kept while the hub is away, a
# continuous ping across the restart loses nothing, a change made meanwhile is
# applied at start; a restart while the API is down comes up from the cache
# and removes nothing.
#   lab-hub-restart.sh PATH/TO/factory-vpn-hub PATH/TO/fake-foundries-api
set -u
HERE=$(dirname "$0")
. "$HERE/lib.sh"
. "$HERE/hub-lib.sh"

hub_lab_init "${1:-}" "${2:-}"
lab_step "setup: stock devices d1 d2 d3 (d3 not yet in the inventory), engineers e1 e2"
lab_add_stock_device d1 10.42.42.2
lab_add_stock_device d2 10.42.42.3
lab_add_stock_device d3 10.42.42.4
lab_add_engineer e1 10.42.42.10
lab_add_engineer e2 10.42.42.11
api_set_inventory "d1 on" "d2 on"
clients_set e1 e2
hub_enable
hub_start
for n in d1 d2 e1 e2; do
    hub_wait_peer "$n" present
done
lab_expect_ping_ok e1 d1
lab_expect_ping_ok e2 d2

wg_pid=$(hub_wireguard_go_pid) || lab_fail "no wireguard-go process serves the hub's interface"
ifindex=$(lab_ifindex hub "$HUB_IF")
[ -n "$ifindex" ] || lab_fail "the hub has no interface $HUB_IF"
lab_log "hub interface $HUB_IF: ifindex $ifindex, wireguard-go pid $wg_pid, origin $(hub_status interface.origin)"

# expect_same_interface WHEN: the very same interface, never recreated or downed.
expect_same_interface()
{
    local now
    now=$(lab_ifindex hub "$HUB_IF")
    [ "$now" = "$ifindex" ] || lab_fail "$1: interface $HUB_IF has ifindex '$now', was $ifindex: it was recreated"
    kill -0 "$wg_pid" 2>/dev/null || lab_fail "$1: wireguard-go (pid $wg_pid) is gone"
    [ "$(hub_wireguard_go_pid)" = "$wg_pid" ] || lab_fail "$1: another wireguard-go serves the interface"
    ip -n "$(lab_ns hub)" -o link show dev "$HUB_IF" | grep -q '[<,]UP[,>]' \
        || lab_fail "$1: interface $HUB_IF is not up"
    lab_pass "$1: same interface (ifindex $ifindex, wireguard-go $wg_pid, up)"
}

lab_step "restart with a continuous ping e1 -> d1 running across it"
lab_flood_across e1 d1
flood=$LAB_FLOOD_ID
sleep 2
peers_before=$(lab_exec hub wg show "$HUB_IF" dump | tail -n +2 | cut -f1,4 | sort)
hub_stop
lab_pass "the hub exited 0 on SIGTERM"
[ "$(hub_status phase)" = stopped ] || lab_fail "status.json phase is '$(hub_status phase)' after SIGTERM, expected stopped"
expect_same_interface "hub stopped"
[ "$(lab_exec hub wg show "$HUB_IF" dump | tail -n +2 | cut -f1,4 | sort)" = "$peers_before" ] \
    || lab_fail "the peers changed when the hub stopped"
lab_pass "every peer stays while the hub is away"
lab_expect_ping_ok e2 d2 5

api_set_inventory "d1 on" "d2 on" "d3 on" # while the hub is away
sleep 1
hub_start
expect_same_interface "hub started again"
[ "$(hub_status interface.origin)" = existing ] \
    || lab_fail "status.json interface.origin is '$(hub_status interface.origin)' after a restart, expected existing"
hub_wait_peer d3 present
lab_expect_ping_ok e2 d3
lab_flood_judge "$flood" "across the restart"

lab_step "restart while the API is down: the hub comes up from its cache and removes nothing"
peers_before=$(lab_exec hub wg show "$HUB_IF" dump | tail -n +2 | cut -f1,4 | sort)
lab_flood_across e2 d3
flood=$LAB_FLOOD_ID
sleep 1
api_stop
hub_stop
hub_start
expect_same_interface "hub started with the API down"
[ "$(hub_status inventory.fromCache)" = true ] || lab_fail "status.json does not say the inventory came from the cache"
hub_wait_reconciles 2
[ "$(lab_exec hub wg show "$HUB_IF" dump | tail -n +2 | cut -f1,4 | sort)" = "$peers_before" ] \
    || lab_fail "the peers changed after a restart with the API down"
lab_pass "all 5 peers kept, inventory from the cache"
for n in d1 d2 d3; do
    lab_expect_ping_ok e1 "$n" 5
done
lab_flood_judge "$flood" "across the restart with the API down"

lab_step "restart scenario passed"
