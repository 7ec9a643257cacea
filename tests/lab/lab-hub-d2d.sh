#!/usr/bin/env bash
# Two devices that route the whole subnet reach each other only while
# device-to-device mode is on (live toggle through state-dir/settings.json, and
# the --allow-device-to-device flag); the engineer's traffic is not interrupted
# by the toggles.
#   lab-hub-d2d.sh PATH/TO/factory-vpn-hub PATH/TO/fake-foundries-api
set -u
HERE=$(dirname "$0")
. "$HERE/lib.sh"
. "$HERE/hub-lib.sh"

hub_lab_init "${1:-}" "${2:-}"
lab_step "setup: subnet-routing devices s1 s2, stock device d1, engineer e1"
lab_add_subnet_device s1 10.42.42.2
lab_add_subnet_device s2 10.42.42.3
lab_add_stock_device d1 10.42.42.4
lab_add_engineer e1 10.42.42.10
api_set_inventory "s1 on" "s2 on" "d1 on"
clients_set e1
hub_enable
hub_start
for n in s1 s2 d1 e1; do
    hub_wait_peer "$n" present
done
lab_expect_ping_ok s1 hub
lab_expect_ping_ok s2 hub
lab_expect_ping_ok e1 s1
lab_expect_ping_ok e1 s2

lab_step "mode off (the default): device -> device is dropped by the hub"
[ "$(hub_status deviceToDevice)" = false ] || lab_fail "status.json says device-to-device is on by default"
lab_expect_ping_fails s1 s2
lab_expect_ping_fails s2 s1

lab_step "mode on, live, while e1 pings s1 continuously"
lab_flood_across e1 s1
flood=$LAB_FLOOD_ID
sleep 1
hub_set_device_to_device true
lab_expect_ping_ok s1 s2 5
lab_expect_ping_ok s2 s1 5

lab_step "mode off again: device -> device stops, engineer traffic goes on"
hub_set_device_to_device false
lab_expect_ping_eventually_fails s1 s2
lab_expect_ping_fails s2 s1
lab_expect_ping_ok e1 s2 5
lab_flood_judge "$flood" "e1 -> s1 across both toggles"

lab_step "a device -> device flow already running stops when the mode goes off"
hub_set_device_to_device true
lab_expect_ping_ok s1 s2 5
lab_flood_start s1 s2 500
flood=$LAB_FLOOD_ID
sleep 2
hub_set_device_to_device false
lab_flood_wait "$flood"
lab_log "continuous ping s1 -> s2, mode switched off after ~2 s: sent $LAB_FLOOD_SENT, received $LAB_FLOOD_RECEIVED"
[ "$LAB_FLOOD_RECEIVED" -ge 50 ] || lab_fail "the device flow never ran while the mode was on (received $LAB_FLOOD_RECEIVED)"
[ "$LAB_FLOOD_LOST" -ge 250 ] || lab_fail "the device flow went on after device-to-device mode was switched off (lost only $LAB_FLOOD_LOST of $LAB_FLOOD_SENT): conntrack must not keep it alive"
lab_pass "the running flow was cut ($LAB_FLOOD_LOST of $LAB_FLOOD_SENT lost after the switch)"

lab_step "--allow-device-to-device on the command line turns it on at start"
hub_stop
rm -f "$HUB_DIR/state/settings.json"
hub_start --allow-device-to-device
hub_wait_status deviceToDevice true 5
lab_expect_ping_ok s1 s2 5
lab_expect_ping_ok e1 d1 5

lab_step "device-to-device scenario passed"
