#!/usr/bin/env bash
# Moving a live upstream hub over, as docs/migrating-from-factory-wireguard-server.md
# says: an interface brought up by real `wg-quick up` from a configuration in
# upstream's format (Address without prefix, devices with a bare address in
# AllowedIPs, its PostUp/PostDown iptables and sysctl lines), devices pinging
# the hub through it and an engineer added by hand; then factory-vpn-hub takes
# the interface over with the same key.
#   - 0 echoes lost by the devices' continuous pings, same ifindex, same
#     wireguard-go process: the interface is never re-created;
#   - the engineer's ping to a stock device, running since before the switch,
#     tracked by conntrack without NAT and never answered under upstream
#     (its MASQUERADE names the interface "TODO"), answers once the hub has
#     put its NAT in place and cleared that entry;
#   - upstream's leftovers (its /32 address, wg-quick's per-device routes, its
#     two iptables rules, its wg-quick file) removed with the doc's commands,
#     still without a lost echo; forwarding stays on.
#   lab-hub-migration.sh PATH/TO/factory-vpn-hub PATH/TO/fake-foundries-api
set -u
HERE=$(dirname "$0")
. "$HERE/lib.sh"
. "$HERE/hub-lib.sh"

for tool in wg-quick iptables conntrack; do
    command -v "$tool" >/dev/null || { echo "[lab] SKIP: '$tool' is not installed (scripts/install-deps.sh)" >&2; exit 77; }
done

hub_lab_init "${1:-}" "${2:-}"
HUB_NS=$(lab_ns hub)

lab_step "setup: stock devices d1 d2, a subnet device d3, an engineer e1"
lab_add_stock_device d1 10.42.42.2
lab_add_stock_device d2 10.42.42.3
lab_add_subnet_device d3 10.42.42.4
lab_add_engineer e1 10.42.42.10
# What upstream's `enable` published (server_address, endpoint, pubkey); the
# devices' fioconfig made them what lab_add_stock_device set up.
hub_enable
api_set_inventory "d1 on" "d2 on" "d3 on"

lab_step "upstream's hub: wg-quick up from the file factory-wireguard.py writes"
UPSTREAM_DIR="$LAB_DIR/upstream"
mkdir -p "$UPSTREAM_DIR"
CONF="$UPSTREAM_DIR/$HUB_IF.conf"
# Byte for byte what WgServer._gen_conf writes (without --no-sysctl).
{
    printf '[Interface]\nAddress = %s\nListenPort = %s\nPrivateKey = %s\nSaveConfig = false\n\n' \
        "$LAB_HUB_OVERLAY" "$LAB_HUB_PORT" "$(cat "$(lab_keyfile hub)")"
    printf 'PostUp = iptables -t nat -A POSTROUTING -o TODO -j MASQUERADE\n'
    printf 'PostUp = iptables -A FORWARD -i %%i -j ACCEPT\n'
    printf 'PostUp = sysctl -q -w net.ipv4.ip_forward=1\n\n'
    printf 'PostDown = sysctl -q -w net.ipv4.ip_forward=0\n'
    printf 'PostDown = iptables -D FORWARD -i %%i -j ACCEPT\n'
    printf 'PostDown = iptables -t nat -D POSTROUTING -o TODO -j MASQUERADE\n'
    for n in d1 d2 d3; do
        printf '# %s\n[Peer]\nPublicKey = %s\nAllowedIPs = %s\n' "$n" "$(lab_pubkey "$n")" "${LAB_NODE_OVERLAY[$n]}"
    done
} >"$CONF"
chmod 600 "$CONF"
lab_exec hub wg-quick up "$CONF" >"$LAB_DIR/logs/wg-quick-up.log" 2>&1 \
    || lab_fail "wg-quick up failed: $(cat "$LAB_DIR/logs/wg-quick-up.log")"
lab_wait_until 10 "wg-quick's wireguard-go to listen" lab_uapi_listening hub "$HUB_IF"
# Upstream's update_dns block, which the hub must take over rather than duplicate.
printf '\n## Factory(%s) VPN Lookups\n10.42.42.2\td1\n10.42.42.3\td2\n10.42.42.4\td3\n## END Factory(%s) VPN Lookups\n' \
    "$LAB_FACTORY" "$LAB_FACTORY" >>"$HUB_DIR/hosts"
# An engineer the way admins added one to upstream's hub: by hand, on the live
# interface (the next wg-quick down/up would have dropped it). The clients file
# that the hub will read names the same key and address.
lab_exec hub wg set "$HUB_IF" peer "$(lab_pubkey e1)" allowed-ips 10.42.42.10/32 || lab_fail "wg set for e1"
lab_exec hub ip -4 route add 10.42.42.10/32 dev "$HUB_IF" || lab_fail "the route to e1"
clients_set e1

ifindex=$(lab_ifindex hub "$HUB_IF")
wg_pid=$(hub_wireguard_go_pid) || lab_fail "no wireguard-go serves $HUB_IF after wg-quick up"
lab_log "upstream interface $HUB_IF: ifindex $ifindex, wireguard-go pid $wg_pid"
lab_log "addresses: $(ip -n "$HUB_NS" -o -4 addr show dev "$HUB_IF" | awk '{print $4}' | tr '\n' ' ')"
lab_log "routes: $(ip -n "$HUB_NS" -4 route show dev "$HUB_IF" | tr '\n' ';')"
[ "$(ip netns exec "$HUB_NS" cat /proc/sys/net/ipv4/ip_forward)" = 1 ] || lab_fail "upstream's PostUp did not turn forwarding on"
lab_exec hub iptables -S FORWARD | grep -qx -- "-A FORWARD -i $HUB_IF -j ACCEPT" || lab_fail "upstream's FORWARD rule is missing"
lab_exec hub iptables -t nat -S POSTROUTING | grep -qx -- "-A POSTROUTING -o TODO -j MASQUERADE" \
    || lab_fail "upstream's MASQUERADE rule is missing"

lab_expect_ping_ok d1 hub
lab_expect_ping_ok d2 hub
lab_expect_ping_ok e1 d3 # a subnet device answers without NAT
lab_expect_ping_fails e1 d1 # upstream's bug: a stock device cannot answer an engineer
lab_pass "upstream's hub behaves as upstream's does"

lab_step "continuous pings: d1 -> hub and d2 -> hub (50/s), e1 -> d1 (10/s, unanswered so far)"
lab_flood_start d1 hub 100000 0.02 each
flood_d1=$LAB_FLOOD_ID
lab_flood_start d2 hub 100000 0.02 each
flood_d2=$LAB_FLOOD_ID
lab_flood_start e1 d1 100000 0.1 each
flood_e1=$LAB_FLOOD_ID
e1_log="$LAB_DIR/logs/$flood_e1.log"
sleep 3
# The engineer's flow is tracked, without NAT: its replies would go back to e1 itself.
ct_before=$(lab_exec hub conntrack -L -p icmp -s 10.42.42.10 -d 10.42.42.2 2>/dev/null)
lab_log "conntrack before the switch: $ct_before"
printf '%s\n' "$ct_before" | grep -q 'src=10.42.42.2 dst=10.42.42.10 ' \
    || lab_fail "expected an un-NATed conntrack entry for e1 -> d1 before the switch"
answered_before=$(grep -c 'bytes from' "$e1_log")
[ "$answered_before" = 0 ] || lab_fail "e1 -> d1 got $answered_before answers under upstream; the lab does not show upstream's bug"

lab_step "the switch: upstream stopped (its interface stays), factory-vpn-hub started on it with the same key"
# Nothing of upstream runs any more: its daemon only ran wg-quick, and the
# interface belongs to the wireguard-go wg-quick started.
hub_start
expect_same_interface()
{
    [ "$(lab_ifindex hub "$HUB_IF")" = "$ifindex" ] || lab_fail "$1: $HUB_IF was re-created (ifindex $(lab_ifindex hub "$HUB_IF"), was $ifindex)"
    [ "$(hub_wireguard_go_pid)" = "$wg_pid" ] || lab_fail "$1: another wireguard-go serves $HUB_IF"
    ip -n "$HUB_NS" -o link show dev "$HUB_IF" | grep -q '[<,]UP[,>]' || lab_fail "$1: $HUB_IF is not up"
    lab_pass "$1: same interface (ifindex $ifindex, wireguard-go $wg_pid, up)"
}
expect_same_interface "hub running"
[ "$(hub_status interface.origin)" = existing ] || lab_fail "status.json interface.origin is '$(hub_status interface.origin)', expected existing"
for n in d1 d2 d3 e1; do
    hub_wait_peer "$n" present
    hub_expect_own_slash32 "$n"
done
[ "$(hub_status lastApply.added)" = 0 ] && [ "$(hub_status lastApply.removed)" = 0 ] \
    || lab_fail "the first apply changed peers (added $(hub_status lastApply.added), removed $(hub_status lastApply.removed)); upstream's peers should match"
lab_pass "upstream's peers kept as they were (nothing added or removed)"
ip -n "$HUB_NS" -o -4 addr show dev "$HUB_IF" | grep -q " $LAB_HUB_OVERLAY/24 " || lab_fail "the hub did not add $LAB_HUB_OVERLAY/24"

lab_step "the engineer's flow from before the switch recovers"
lab_wait_until 30 "e1 -> d1 (running since before the switch) to be answered" \
    sh -c "[ \$(grep -c 'bytes from' '$e1_log') -ge 10 ]"
lab_pass "e1 -> d1 answers: $(grep -c 'bytes from' "$e1_log") echoes answered since the switch, same ping process"
ct_after=$(lab_exec hub conntrack -L -p icmp -s 10.42.42.10 -d 10.42.42.2 2>/dev/null)
lab_log "conntrack after the switch: $ct_after"
printf '%s\n' "$ct_after" | grep -q "src=10.42.42.2 dst=$LAB_HUB_OVERLAY " \
    || lab_fail "the e1 -> d1 entry is not NATed to the hub's address after the switch"
cleared=$(grep -o 'cleared [0-9]* conntrack entr[a-z]*' "$LAB_DIR/logs/hub-$HUB_RUNS.log") \
    || lab_fail "the hub did not log clearing the entry"
lab_pass "the hub's log: $cleared (e1's flows to devices, begun without NAT)"
lab_expect_ping_ok e1 d2 10

lab_step "upstream's leftovers, removed with the doc's commands (running pings throughout)"
DOC="${FVPN_SOURCE_DIR:-$HERE/../..}/docs/migrating-from-factory-wireguard-server.md"
leftover_commands=(
    'ip -4 address del 10.42.42.1/32 dev "$IF"'
    'ip -4 route flush dev "$IF" proto boot'
    'iptables -D FORWARD -i "$IF" -j ACCEPT'
    'iptables -t nat -D POSTROUTING -o TODO -j MASQUERADE'
)
IF=$HUB_IF
for command in "${leftover_commands[@]}"; do
    grep -qxF -- "$command" "$DOC" || lab_fail "the migration doc does not give the command '$command'"
    eval "set -- $command"
    lab_exec hub "$@" || lab_fail "'$command' failed"
    lab_pass "done: $*"
    sleep 1
done
grep -qxF 'mv "/etc/wireguard/$IF.conf" "/root/$IF.conf.upstream"' "$DOC" \
    || lab_fail "the migration doc does not move wg-quick's file away"
mv "$CONF" "$UPSTREAM_DIR/$HUB_IF.conf.upstream"
addresses=$(ip -n "$HUB_NS" -o -4 addr show dev "$HUB_IF" | awk '{print $4}' | tr '\n' ' ')
[ "$addresses" = "$LAB_HUB_OVERLAY/24 " ] || lab_fail "addresses on $HUB_IF: '$addresses', expected only $LAB_HUB_OVERLAY/24"
routes=$(ip -n "$HUB_NS" -4 route show dev "$HUB_IF")
[ "$routes" = "10.42.42.0/24 proto kernel scope link src $LAB_HUB_OVERLAY " ] \
    || [ "$routes" = "10.42.42.0/24 proto kernel scope link src $LAB_HUB_OVERLAY" ] \
    || lab_fail "routes on $HUB_IF: '$routes', expected only the /24"
lab_exec hub iptables -S FORWARD | grep -q -- "-i $HUB_IF" && lab_fail "upstream's FORWARD rule is still there"
lab_exec hub iptables -t nat -S POSTROUTING | grep -q TODO && lab_fail "upstream's MASQUERADE rule is still there"
lab_pass "only the hub's address, the /24 route and no upstream iptables rule remain"

hub_reconciles_before=$(hub_status lastApply.count)
hub_wait_reconciles 2
[ "$(hub_status lastApply.ok)" = true ] || lab_fail "the hub's apply failed after the clean-up: $(hub_status lastApply.error)"
expect_same_interface "after the clean-up"
[ "$(ip netns exec "$HUB_NS" cat /proc/sys/net/ipv4/ip_forward)" = 1 ] || lab_fail "forwarding is off"
lab_pass "forwarding is still on"
blocks=$(grep -c "^## Factory($LAB_FACTORY) VPN Lookups" "$HUB_DIR/hosts")
[ "$blocks" = 1 ] || lab_fail "the hosts file has $blocks blocks for the factory, expected upstream's one, taken over"
grep -qP '^10\.42\.42\.10\t' "$HUB_DIR/hosts" || lab_fail "the hosts block does not name the engineer: $(cat "$HUB_DIR/hosts")"
lab_pass "upstream's hosts block taken over (one block, now with e1)"
for n in d1 d2 d3; do
    lab_expect_ping_ok e1 "$n" 10
done
lab_log "hub reconciled $(($(hub_status lastApply.count) - hub_reconciles_before)) times since the clean-up"

lab_step "the devices' continuous pings"
for flood in "$flood_d1" "$flood_d2"; do
    lab_flood_stop "$flood" 10
    lab_log "$flood: sent $LAB_FLOOD_SENT, answered $LAB_FLOOD_RECEIVED, lost $LAB_FLOOD_LOST ${LAB_FLOOD_LOST_SEQS}"
    [ "$LAB_FLOOD_LOST" = 0 ] || lab_fail "$flood lost $LAB_FLOOD_LOST echoes across the switch: $LAB_FLOOD_LOST_SEQS"
    lab_pass "$flood: 0 of $LAB_FLOOD_SENT echoes lost across the switch and the clean-up"
done
kill -INT "${LAB_FLOOD_PID[$flood_e1]}" 2>/dev/null
hub_stop
expect_same_interface "hub stopped"

lab_step "migration scenario passed"
