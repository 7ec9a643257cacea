#!/usr/bin/env bash
# The real hub against the API stand-in: `enable` publishes the hub; devices in
# the inventory get tunnels, a removed one loses its peer, a disabled one never
# gets one, bad entries are skipped; the engineer reaches the devices through the
# hub's nat; the hosts block follows.
#   lab-hub-inventory.sh PATH/TO/factory-vpn-hub PATH/TO/fake-foundries-api
set -u
HERE=$(dirname "$0")
. "$HERE/lib.sh"
. "$HERE/hub-lib.sh"

hub_lab_init "${1:-}" "${2:-}"
lab_step "setup: stock devices d1 d2 d3 (d3 disabled), engineer e1 approved"
lab_add_stock_device d1 10.42.42.2
lab_add_stock_device d2 10.42.42.3
lab_add_stock_device d3 10.42.42.4
lab_add_engineer e1 10.42.42.10
api_set_inventory "d1 on" "d2 on" "d3 off"
clients_set e1

lab_step "factory-vpn-hub enable publishes the hub to the factory config"
hub_enable

lab_step "the daemon creates its interface and applies the inventory"
hub_start
[ "$(hub_status interface.origin)" != null ] || lab_fail "status.json does not say where the interface came from"
lab_pass "interface $HUB_IF created ($(hub_status interface.origin))"
hub_wait_peer d1 present
hub_wait_peer d2 present
hub_wait_peer e1 present
for n in d1 d2 e1; do
    hub_expect_own_slash32 "$n"
done
lab_pass "every peer has exactly its own /32"
lab_expect_ping_ok d1 hub
lab_expect_ping_ok d2 hub

lab_step "a disabled device never gets a tunnel"
hub_has_peer d3 && lab_fail "the hub has a peer for the disabled device d3"
lab_pass "no peer for d3"
lab_expect_ping_fails d3 hub

lab_step "the approved engineer reaches every enabled device (stock devices: through the hub's nat)"
lab_expect_ping_ok e1 d1
lab_expect_ping_ok e1 d2
lab_expect_ping_fails e1 d3

lab_step "the hosts block names the devices; other lines are untouched"
hosts="$HUB_DIR/hosts"
grep -qxF "## Factory($LAB_FACTORY) VPN Lookups" "$hosts" || lab_fail "no start marker in the hosts file: $(cat "$hosts")"
grep -qxF "## END Factory($LAB_FACTORY) VPN Lookups" "$hosts" || lab_fail "no end marker in the hosts file: $(cat "$hosts")"
grep -qP '^10\.42\.42\.2\td1$' "$hosts" || lab_fail "no '10.42.42.2<TAB>d1' line: $(cat "$hosts")"
grep -qP '^10\.42\.42\.3\td2$' "$hosts" || lab_fail "no '10.42.42.3<TAB>d2' line: $(cat "$hosts")"
grep -qP '\td3$' "$hosts" && lab_fail "the disabled d3 is in the hosts file: $(cat "$hosts")"
grep -qP '^127\.0\.0\.1\tlocalhost$' "$hosts" || lab_fail "the localhost line was lost: $(cat "$hosts")"
grep -qF 'keep-me # not the hub' "$hosts" || lab_fail "a foreign line was lost: $(cat "$hosts")"
lab_pass "hosts block with d1 and d2, foreign lines kept"

lab_step "a device removed from the inventory loses its peer; the others keep theirs"
api_set_inventory "d1 on" "d3 off"
hub_wait_peer d2 absent
lab_expect_ping_eventually_fails e1 d2
lab_expect_ping_fails d2 hub
lab_expect_ping_ok e1 d1 5
lab_wait_until 10 "d2 leaving the hosts file" sh -c "! grep -qP '\td2\$' '$hosts'"
lab_pass "d2 left the hosts block"

lab_step "enabling d3 gives it a tunnel (so it was the flag that kept it out)"
api_set_inventory "d1 on" "d3 on"
hub_wait_peer d3 present
hub_expect_own_slash32 d3
lab_expect_ping_ok d3 hub
lab_expect_ping_ok e1 d3

lab_step "bad entries are skipped with a warning naming the device, never applied"
lab_genkey x1
lab_genkey x2
lab_genkey x3
api_set_inventory "d1 on" "d3 on" \
    "$(api_entry badkey 'not-a-key' 10.42.42.20 true)" \
    "$(api_entry outside "$(lab_pubkey x1)" 10.43.0.5 true)" \
    "$(api_entry dupaddr "$(lab_pubkey x2)" 10.42.42.2 true)" \
    "$(api_entry hubaddr "$(lab_pubkey x3)" 10.42.42.1 true)" \
    "$(api_entry noaddr "$(lab_pubkey x3)" '' true)"
lab_wait_until 15 "status.json listing 5 skipped devices" \
    sh -c "[ \"\$(cmake -DFILE='$HUB_DIR/state/status.json' -DKEY=peers.skipped -P '$LAB_JSON_GET' 2>/dev/null)\" = 5 ]"
for name in badkey outside dupaddr hubaddr noaddr; do
    grep -q "$name" "$LAB_DIR/logs/hub-$HUB_RUNS.log" || lab_fail "the hub log does not name the skipped device $name"
done
lab_pass "5 bad entries skipped, each named in the log"
for k in x1 x2 x3; do
    hub_has_peer "$k" && lab_fail "a skipped entry ($k) got a peer"
done
hub_wait_peer d1 present 1
hub_wait_peer d3 present 1
hub_expect_own_slash32 d1
lab_expect_ping_ok e1 d1 5
lab_expect_ping_ok e1 d3 5
[ "$(hub_peer_count)" = 3 ] || lab_fail "expected 3 peers (d1 d3 e1), the hub has $(hub_peer_count)"
lab_pass "only d1, d3 and e1 are peers; d1 keeps its address"

lab_step "inventory scenario passed"
