#!/usr/bin/env bash
# The API stand-in answering 500, garbage, a body that is not an inventory,
# nothing at all (hang) or being down removes no peer; the hub says so in
# status.json, and it really was blind: a removal made while the API was down
# is applied once it is back.
#   lab-hub-api-failure.sh PATH/TO/factory-vpn-hub PATH/TO/fake-foundries-api
set -u
HERE=$(dirname "$0")
. "$HERE/lib.sh"
. "$HERE/hub-lib.sh"

hub_lab_init "${1:-}" "${2:-}"
lab_step "setup: stock devices d1 d2, engineer e1"
lab_add_stock_device d1 10.42.42.2
lab_add_stock_device d2 10.42.42.3
lab_add_engineer e1 10.42.42.10
api_set_inventory "d1 on" "d2 on"
clients_set e1
hub_enable
hub_start
for n in d1 d2 e1; do
    hub_wait_peer "$n" present
done
lab_expect_ping_ok e1 d1
lab_expect_ping_ok e1 d2
hub_wait_status inventory.error null

# expect_nothing_removed WHAT: every peer still there, both devices answer.
expect_nothing_removed()
{
    local n
    for n in d1 d2 e1; do
        hub_has_peer "$n" || lab_fail "$1: the hub removed the peer of $n"
    done
    [ "$(hub_peer_count)" = 3 ] || lab_fail "$1: the hub has $(hub_peer_count) peers, expected 3"
    [ "$(hub_status inventory.devices)" = 2 ] || lab_fail "$1: status.json counts $(hub_status inventory.devices) devices, expected 2"
    lab_expect_ping_ok e1 d1 5
    lab_expect_ping_ok e1 d2 5
    lab_pass "$1: nothing removed"
}

# wait_failed_fetch WHAT SECONDS PATTERN: waits until the hub has tried the API
# again (a newer attempt than before) and status.json carries an inventory error
# matching PATTERN (grep -E): this mode's own error, not one of an attempt that
# began under the previous mode.
wait_failed_fetch()
{
    local what=$1 max=$2 pattern=$3 before start=$SECONDS
    before=$(hub_status inventory.lastAttemptAt)
    while :; do
        local at err
        at=$(hub_status inventory.lastAttemptAt)
        err=$(hub_status inventory.error)
        if [ "$at" != "$before" ] && [ -n "$err" ] && [ "$err" != null ] && printf '%s' "$err" | grep -qE -- "$pattern"; then
            lab_pass "$what: the hub noticed: $err"
            return 0
        fi
        [ $((SECONDS - start)) -gt "$max" ] \
            && lab_fail "$what: no failed fetch matching /$pattern/ in status.json within ${max} s (last: $err)"
        sleep 0.2
    done
}

lab_step "the API answers 500"
api_control 500
wait_failed_fetch "500" 20 'HTTP 500'
grep -q 'wireguard-ips/ -> 500' "$LAB_DIR/logs/fake-api.log" || lab_fail "the hub never asked while the API answered 500"
expect_nothing_removed "500"

lab_step "the API answers 200 with garbage"
api_control garbage
wait_failed_fetch "garbage" 20 'not valid JSON \(unexpected'
expect_nothing_removed "garbage"

lab_step "the API answers 200 with JSON that is not an inventory"
api_control ok
api_set_inventory_raw '{"detail": "Not found."}'
wait_failed_fetch "not an inventory" 20 'not a JSON array'
expect_nothing_removed "not an inventory"
api_set_inventory_raw '[{"name": "d1", "pubkey": '
wait_failed_fetch "truncated JSON" 20 'not valid JSON \(the text ends'
expect_nothing_removed "truncated JSON"

lab_step "the API is down (connection refused); meanwhile d2 is removed upstream"
api_set_inventory "d1 on" "d2 on"
hub_wait_status inventory.error null 20
api_stop
api_set_inventory "d1 on"
wait_failed_fetch "down" 20 'Connection refused'
expect_nothing_removed "down"

lab_step "the API is back: the hub catches up and removes d2 now"
api_control ok
api_start
hub_wait_status inventory.error null 30
hub_wait_peer d2 absent
lab_expect_ping_eventually_fails e1 d2
lab_expect_ping_ok e1 d1 5

lab_step "the API hangs (accepts, never answers): the hub times out and keeps everything"
api_set_inventory "d1 on" "d2 on"
hub_wait_peer d2 present 20
# d2 still holds the session the hub forgot when it was removed: its own traffic
# makes WireGuard re-handshake (~15 s); only then can the hub reach it.
lab_expect_ping_ok d2 hub 40
lab_expect_ping_ok e1 d2 5
api_control hang
wait_failed_fetch "hang" 60 'Operation canceled|timed out'
expect_nothing_removed "hang"
api_control ok
hub_wait_status inventory.error null 60

lab_step "API failure scenario passed"
