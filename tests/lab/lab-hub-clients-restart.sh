#!/usr/bin/env bash
# A bad edit of factory-clients.conf survives a hub restart without cutting
# anyone off: the hub keeps the last good set in its state folder, restarts from
# it (SIGTERM as an upgrade or reboot does, and SIGKILL as a crash does), and
# says in status.json that the file is ignored and since when. A continuous ping
# from an engineer across both restarts loses nothing.
#   lab-hub-clients-restart.sh PATH/TO/factory-vpn-hub PATH/TO/fake-foundries-api
set -u
HERE=$(dirname "$0")
. "$HERE/lib.sh"
. "$HERE/hub-lib.sh"

hub_lab_init "${1:-}" "${2:-}"
lab_step "setup: stock device d1, engineers e1 e2 approved"
lab_add_stock_device d1 10.42.42.2
lab_add_engineer e1 10.42.42.10
lab_add_engineer e2 10.42.42.11
api_set_inventory "d1 on"
clients_set e1 e2
hub_enable
hub_start
for n in d1 e1 e2; do
    hub_wait_peer "$n" present
done
lab_expect_ping_ok e1 d1
lab_expect_ping_ok e2 d1
[ -f "$HUB_DIR/state/clients-last-good.conf" ] || lab_fail "the hub kept no last good clients set in its state folder"
[ "$(stat -c %a "$HUB_DIR/state/clients-last-good.conf")" = 600 ] \
    || lab_fail "the saved clients set has mode $(stat -c %a "$HUB_DIR/state/clients-last-good.conf"), expected 600"
lab_pass "last good clients set saved (0600)"

lab_step "a bad hand edit: e2's line broken, ignored while the hub runs"
clients_set_raw "# approved engineers, with a typo
$(lab_pubkey e1) 10.42.42.10 e1 laptop
$(lab_pubkey e2 | cut -c 1-20) 10.42.42.11 e2 laptop
"
hub_wait_status clientsFile.error.lines.0.line 3 5
since=$(hub_status clientsFile.ignoredSince)
[ -n "$since" ] && [ "$since" != null ] || lab_fail "status.json does not say since when the file is ignored"
lab_pass "status.json: line 3 is bad, the file is ignored since $since"
hub_has_peer e2 || lab_fail "e2 lost its peer to a bad edit"

# check_after_restart HOW: the restarted hub kept both engineers from its saved
# set, reports the bad file, and e2's tunnel works.
check_after_restart()
{
    local how=$1
    hub_has_peer e1 || lab_fail "$how: e1 lost its peer"
    hub_has_peer e2 || lab_fail "$how: e2 lost its peer (the restart started from an empty set)"
    hub_expect_own_slash32 e2
    [ "$(hub_status clientsFile.lastGood)" = saved ] \
        || lab_fail "$how: status.json clientsFile.lastGood is '$(hub_status clientsFile.lastGood)', expected saved"
    [ "$(hub_status clientsFile.error.lines.0.line)" = 3 ] \
        || lab_fail "$how: status.json does not report the bad line 3 after the restart"
    local again
    again=$(hub_status clientsFile.ignoredSince)
    [ -n "$again" ] && [ "$again" != null ] || lab_fail "$how: status.json lost the time since which the file is ignored"
    grep -q "peer removed" "$LAB_DIR/logs/hub-$HUB_RUNS.log" && lab_fail "$how: the restarted hub removed a peer"
    lab_expect_ping_ok e2 d1 5
    lab_pass "$how: both engineers kept from the saved set, the bad file reported (ignored since $again)"
}

lab_step "restart with SIGTERM while the bad edit is in place, e2 pinging d1 throughout"
lab_flood_across e2 d1
flood=$LAB_FLOOD_ID
sleep 1
hub_stop
hub_start
check_after_restart "after SIGTERM"

lab_step "restart after SIGKILL while the bad edit is in place"
hub_wait_reconciles 1
hub_kill
lab_pass "the hub was killed with SIGKILL"
hub_start
check_after_restart "after SIGKILL"
lab_flood_judge "$flood" "e2 -> d1 across both restarts"

lab_step "the file repaired (e2 removed on purpose): the error clears, e2 goes"
clients_set e1
hub_wait_status clientsFile.error null 5
hub_wait_peer e2 absent 5
[ "$(hub_status clientsFile.lastGood)" = file ] || lab_fail "status.json clientsFile.lastGood is not 'file' after the repair"
lab_expect_ping_eventually_fails e2 d1
lab_expect_ping_ok e1 d1 5

lab_step "clients restart scenario passed"
