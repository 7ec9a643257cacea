#!/usr/bin/env bash
# factory-clients.conf drives the engineers' peers: a listed engineer reaches
# every device, a removed one cannot, engineers cannot reach each other, a
# broken file changes nothing (status.json reports the line), a hand edit in
# place is picked up.
#   lab-hub-clients.sh PATH/TO/factory-vpn-hub PATH/TO/fake-foundries-api
set -u
HERE=$(dirname "$0")
. "$HERE/lib.sh"
. "$HERE/hub-lib.sh"

hub_lab_init "${1:-}" "${2:-}"
lab_step "setup: stock devices d1 d2, engineers e1 e2 e3; only e1 approved"
lab_add_stock_device d1 10.42.42.2
lab_add_stock_device d2 10.42.42.3
lab_add_engineer e1 10.42.42.10
lab_add_engineer e2 10.42.42.11
lab_add_engineer e3 10.42.42.12
api_set_inventory "d1 on" "d2 on"
clients_set e1
hub_enable
hub_start
hub_wait_peer d1 present
hub_wait_peer d2 present

lab_step "the listed engineer reaches every device"
hub_wait_peer e1 present
hub_expect_own_slash32 e1
lab_expect_ping_ok e1 d1
lab_expect_ping_ok e1 d2

lab_step "an engineer not in the file gets nowhere"
hub_has_peer e2 && lab_fail "the hub has a peer for the unlisted engineer e2"
lab_expect_ping_fails e2 hub
lab_expect_ping_fails e2 d1

lab_step "adding e2 to the file: it reaches the devices, but not the other engineer"
clients_set e1 e2
hub_wait_peer e2 present 5
lab_expect_ping_ok e2 d1
lab_expect_ping_ok e2 d2
lab_expect_ping_fails e1 e2
lab_expect_ping_fails e2 e1

lab_step "e1 removed from the file: it cannot reach anything any more, e2 still can"
clients_set e2
hub_wait_peer e1 absent 5
lab_expect_ping_eventually_fails e1 d1
lab_expect_ping_fails e1 d2
lab_expect_ping_ok e2 d1 5

lab_step "a broken file is not applied, not even its good lines, and status.json names the line"
peers_before=$(lab_exec hub wg show "$HUB_IF" dump | tail -n +2 | cut -f1,4 | sort)
clients_set_raw "# e1 would come back with this file, but line 4 is broken
$(lab_pubkey e1) 10.42.42.10 e1 laptop
$(lab_pubkey e2) 10.42.42.11 e2 laptop
this-is-not-a-key 10.42.42.13 broken
"
hub_wait_status clientsFile.error.lines.0.line 4 5
msg=$(hub_status clientsFile.error.message)
lab_pass "status.json: clients file error at line 4: $msg"
grep -q "line 4" "$LAB_DIR/logs/hub-$HUB_RUNS.log" || lab_fail "the hub log does not report 'line 4'"
lab_pass "the hub log reports line 4"
hub_wait_reconciles 1 # a periodic pass too must keep the last good set
[ "$(lab_exec hub wg show "$HUB_IF" dump | tail -n +2 | cut -f1,4 | sort)" = "$peers_before" ] \
    || lab_fail "the peers changed after a broken clients file"
hub_has_peer e1 && lab_fail "e1 got a peer from a broken file"
lab_pass "peers unchanged: e1 still absent, e2 still there"
lab_expect_ping_ok e2 d1 5
lab_expect_ping_fails e1 d1

lab_step "the file repaired: the error clears and e1 is back"
clients_set e1 e2
hub_wait_status clientsFile.error null 5
hub_wait_peer e1 present 5
# e1 still holds its old session, which the hub forgot: WireGuard re-handshakes
# after ~15 s of unanswered traffic, hence the longer wait.
lab_expect_ping_ok e1 d1 30
lab_pass "error cleared, e1 reaches d1 again"

lab_step "a hand edit in place (appending a line, no rename) is applied"
start=$SECONDS
printf '%s 10.42.42.12 e3 laptop\n' "$(lab_pubkey e3)" >>"$HUB_DIR/clients.conf"
hub_wait_peer e3 present 5
lab_pass "e3 added about $((SECONDS - start)) s after the edit"
lab_expect_ping_ok e3 d2
lab_expect_ping_ok e1 d2 5

lab_step "an emptied file removes every engineer and no device"
clients_set
hub_wait_peer e1 absent 5
hub_wait_peer e2 absent 1
hub_wait_peer e3 absent 1
hub_has_peer d1 || lab_fail "d1 lost its peer when the clients file was emptied"
hub_has_peer d2 || lab_fail "d2 lost its peer when the clients file was emptied"
lab_expect_ping_ok d1 hub 5
lab_expect_ping_eventually_fails e3 d2

lab_step "clients scenario passed"
