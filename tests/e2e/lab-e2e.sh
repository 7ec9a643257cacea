#!/usr/bin/env bash
# The whole story over real WireGuard (issue #7): the real hub with a static
# inventory of three stock LmP devices and two subnet-routing devices, engineer
# B already on the VPN and pinging a device 50 times a second throughout, and
# engineer A's laptop, where tst_endtoend runs the app's own widgets offscreen:
# A registers in the engineer view, the admin approves in the admin view, A
# connects through the app's wg-quick backend and pings a device, the admin
# revokes A (A's pings must stop within 2 s), and device-to-device mode goes on
# and off. Then B's continuous ping must show 0 packets lost.
#   lab-e2e.sh PATH/TO/factory-vpn-hub PATH/TO/tst_endtoend PATH/TO/keyring-session.sh
#
# The admin view talks to the admin API on the hub's underlay address: the lab
# adds that listener (--admin-listen) so the one test process on A's laptop can
# play both roles; the product's default is the VPN address and localhost.
set -u
HERE=$(dirname "$0")
. "$HERE/../lab/lib.sh"
. "$HERE/../lab/hub-lib.sh"

TEST_BIN=${2:-}
KEYRING_SESSION=${3:-}
PUBLIC="$LAB_HUB_UNDERLAY:8443"
ADMIN="$LAB_HUB_UNDERLAY:8444"
FLOOD_MAX=180000 # 15 minutes at 200/s: a bound, never reached

hub_lab_init_static "${1:-}"
[ -x "$TEST_BIN" ] || lab_fail "test binary '$TEST_BIN' is not an executable"
[ -x "$KEYRING_SESSION" ] || lab_fail "keyring session wrapper '$KEYRING_SESSION' is not an executable"
for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || lab_fail "'$tool' is needed for the engineer's keychain"
done

lab_step "setup: stock devices d1 d2 d3, subnet-routing devices s1 s2, engineer B (approved), engineer A (nothing yet)"
lab_add_stock_device d1 10.42.42.11
lab_add_stock_device d2 10.42.42.12
lab_add_stock_device d3 10.42.42.13
lab_add_subnet_device s1 10.42.42.21
lab_add_subnet_device s2 10.42.42.22
lab_add_engineer engb 10.42.42.31
lab_add_node enga # A's laptop: only the underlay; the app brings its tunnel up
api_set_inventory "d1 on" "d2 on" "d3 on" "s1 on" "s2 on"
clients_set engb
TOKEN_FILE="$LAB_DIR/admin-token"
(umask 077 && lab_exec hub "$HUB_BIN" token create --name e2e-admin --state-dir "$HUB_DIR/state" \
    >"$TOKEN_FILE" 2>"$LAB_DIR/logs/token.log") || lab_fail "token create failed: $(cat "$LAB_DIR/logs/token.log")"
[ -s "$TOKEN_FILE" ] || lab_fail "token create printed no token"
hub_start --public-listen "$PUBLIC" --admin-listen "$ADMIN" --admin-listen 127.0.0.1:8444
for n in d1 d2 d3 s1 s2 engb; do
    hub_wait_peer "$n" present
done
lab_wait_until 15 "the hub's api-public.json" test -s "$HUB_DIR/state/api-public.json"
PUBLIC_URL=$(lab_json "$HUB_DIR/state/api-public.json" public_url)
FINGERPRINT=$(lab_json "$HUB_DIR/state/api-public.json" fingerprint)
lab_pass "hub API: $PUBLIC_URL ($FINGERPRINT), admin API on $ADMIN"
for n in d1 d2 d3 s1 s2; do
    lab_expect_ping_ok engb "$n"
done
lab_expect_ping_fails s1 s2 # device-to-device is off by default
hub_ifindex=$(lab_ifindex hub "$HUB_IF")

lab_step "engineer B pings d2 for the whole test, at least 50 times a second"
# Asked for 200 per second: a machine busy with the rest of the lab sends fewer
# than asked, and at least 50 per second is what is checked.
lab_flood_start engb d2 "$FLOOD_MAX" 0.005 each
flood=$LAB_FLOOD_ID
flood_pid=${LAB_FLOOD_PID[$flood]}
flood_started=$(date +%s.%N)
sleep 1

lab_step "engineer A's laptop: the app's widgets (tst_endtoend, offscreen, real keyring)"
test_log="$LAB_DIR/logs/tst_endtoend.log"
lab_add_log "$test_log"
lab_exec enga env QT_QPA_PLATFORM=offscreen \
    FVPN_E2E_LINK_URL="$PUBLIC_URL" FVPN_E2E_FINGERPRINT="$FINGERPRINT" \
    FVPN_E2E_ADMIN_URL="http://$ADMIN" FVPN_E2E_ADMIN_TOKEN_FILE="$TOKEN_FILE" \
    FVPN_E2E_STOCK_DEVICE="${LAB_NODE_OVERLAY[d1]}" FVPN_E2E_HUB_ADDRESS="$LAB_HUB_OVERLAY" \
    FVPN_E2E_S1_NS="$(lab_ns s1)" FVPN_E2E_S1="${LAB_NODE_OVERLAY[s1]}" \
    FVPN_E2E_S2_NS="$(lab_ns s2)" FVPN_E2E_S2="${LAB_NODE_OVERLAY[s2]}" \
    FVPN_E2E_SCRATCH="$LAB_DIR" \
    "$KEYRING_SESSION" "$TEST_BIN" 2>&1 | tee "$test_log"
test_rc=${PIPESTATUS[0]}
[ "$test_rc" = 0 ] || lab_fail "tst_endtoend failed (exit $test_rc)"
lab_pass "tst_endtoend passed"

lab_step "engineer B's continuous ping, across everything above"
kill -0 "$flood_pid" 2>/dev/null || lab_fail "B's continuous ping ended before the test did: $(tail -n 5 "$LAB_DIR/logs/$flood.log")"
# A second of quiet first: the echoes in flight when ping stops are not judged
# (see lab_flood_stop), and they should belong to no step of the story.
sleep 1
# 200 per second for the 1 s that ping waits for an answer, twice over.
lab_flood_stop "$flood" 400
elapsed=$(awk -v a="$flood_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
rate=$(awk -v n="$LAB_FLOOD_SENT" -v t="$elapsed" 'BEGIN { printf "%.1f", n / t }')
lab_log "B -> d2: sent $LAB_FLOOD_SENT in $elapsed s ($rate per second), lost $LAB_FLOOD_LOST, $LAB_FLOOD_IN_FLIGHT in flight when ping stopped"
# The judge itself: a ping that barely ran would prove nothing.
awk -v r="$rate" 'BEGIN { exit !(r >= 50) }' || lab_fail "B's ping ran at only $rate per second"
[ "$LAB_FLOOD_LOST" = 0 ] || lab_fail "engineer B lost $LAB_FLOOD_LOST of $LAB_FLOOD_SENT echoes (icmp_seq $LAB_FLOOD_LOST_SEQS)"
lab_pass "0 of $LAB_FLOOD_SENT echoes lost while A was approved, connected, revoked and the mode toggled"

lab_step "the hub kept its interface and every other peer"
[ "$(lab_ifindex hub "$HUB_IF")" = "$hub_ifindex" ] || lab_fail "the hub's interface was recreated during the test"
for n in d1 d2 d3 s1 s2 engb; do
    hub_has_peer "$n" || lab_fail "the hub lost the peer of $n"
done
lab_pass "interface index $hub_ifindex throughout; every device and engineer B are still peers"
exit 0
