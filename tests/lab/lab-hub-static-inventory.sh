#!/usr/bin/env bash
# A hub outside Foundries: devices from a static --inventory file, the hub's
# address and port from --vpnaddr/--port. The file is re-read when it changes,
# whether replaced (atomic write) or edited in place; a broken file removes
# nothing.
#   lab-hub-static-inventory.sh PATH/TO/factory-vpn-hub
set -u
HERE=$(dirname "$0")
. "$HERE/lib.sh"
. "$HERE/hub-lib.sh"

hub_lab_init_static "${1:-}"
lab_step "setup: stock devices d1 d2, engineer e1; the inventory file lists d1"
lab_add_stock_device d1 10.42.42.2
lab_add_stock_device d2 10.42.42.3
lab_add_engineer e1 10.42.42.10
api_set_inventory "d1 on" "d2 off"
clients_set e1
hub_start
[ "$(hub_status inventory.source)" = file ] || lab_fail "status.json inventory.source is '$(hub_status inventory.source)', expected file"
[ "$(hub_status interface.listenPort)" = "$LAB_HUB_PORT" ] || lab_fail "the hub listens on $(hub_status interface.listenPort), expected $LAB_HUB_PORT"
[ "$(hub_status interface.address)" = "$LAB_HUB_OVERLAY/24" ] || lab_fail "the hub's address is $(hub_status interface.address), expected $LAB_HUB_OVERLAY/24"
lab_pass "address and port from the command line"
hub_wait_peer d1 present
hub_wait_peer e1 present
lab_expect_ping_ok d1 hub
lab_expect_ping_ok e1 d1
hub_has_peer d2 && lab_fail "the disabled d2 got a peer"
lab_expect_ping_fails e1 d2

lab_step "the file replaced atomically (d2 enabled): applied"
api_set_inventory "d1 on" "d2 on"
hub_wait_peer d2 present 5
lab_expect_ping_ok e1 d2

lab_step "the file edited in place (same inode, d2 dropped): applied"
printf '[%s]\n' "$(api_entry d1 "$(lab_pubkey d1)" 10.42.42.2 true)" >"$HUB_DIR/ips.json"
hub_wait_peer d2 absent 5
lab_expect_ping_eventually_fails e1 d2
lab_expect_ping_ok e1 d1 5

lab_step "a broken file removes nothing and is reported"
api_set_inventory_raw '[{"name": "d1", '
lab_wait_until 5 "status.json reporting the broken inventory file" \
    sh -c "[ \"\$(cmake -DFILE='$HUB_DIR/state/status.json' -DKEY=inventory.error -P '$LAB_JSON_GET' 2>/dev/null)\" != null ]"
lab_pass "status.json: $(hub_status inventory.error)"
hub_wait_reconciles 1
hub_has_peer d1 || lab_fail "d1 lost its peer to a broken inventory file"
lab_expect_ping_ok e1 d1 5

lab_step "the file repaired: the error clears"
api_set_inventory "d1 on" "d2 on"
hub_wait_status inventory.error null 5
hub_wait_peer d2 present 5
# d2 still holds the session the hub forgot when it was dropped: its own traffic
# makes WireGuard re-handshake (~15 s); only then can the hub reach it.
lab_expect_ping_ok d2 hub 40
lab_expect_ping_ok e1 d2 5

lab_step "static inventory scenario passed"
