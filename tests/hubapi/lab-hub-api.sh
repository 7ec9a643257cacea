#!/usr/bin/env bash
# The hub API end to end in the lab (real wireguard-go in namespaces): an
# engineer registers over the public listener (TLS, certificate pinned by its
# fingerprint), an admin approves over the admin listener, the peer is on the
# hub's interface within a second, and the tunnel described by the poll answer
# reaches a device. The admin listener is not on the public address; through the
# VPN it is. Revoking takes the engineer off again.
#   lab-hub-api.sh PATH/TO/factory-vpn-hub
# Uses the lab library of tests/lab; only openssl and bash talk HTTP (no curl).
set -u
HERE=$(dirname "$0")
. "$HERE/../lab/lib.sh"
. "$HERE/../lab/hub-lib.sh"

PUBLIC="$LAB_HUB_UNDERLAY:8443"

hub_lab_init_static "${1:-}"
command -v openssl >/dev/null || lab_fail "openssl is needed to talk TLS"
lab_step "setup: stock device d1, engineer e1 (not approved), a token from the command line"
lab_add_stock_device d1 10.42.42.2
lab_add_engineer e1 10.42.42.10
api_set_inventory "d1 on"
clients_set
TOKEN=$(lab_exec hub "$HUB_BIN" token create --name lab-admin --state-dir "$HUB_DIR/state" 2>/dev/null) \
    || lab_fail "factory-vpn-hub token create failed"
[ -n "$TOKEN" ] || lab_fail "token create printed no token"
hub_start --public-listen "$PUBLIC"
lab_wait_until 15 "the hub API answering on $PUBLIC" \
    sh -c "[ -f '$HUB_DIR/state/api-public.json' ]"
hub_wait_public_health e1 "$PUBLIC" || lab_fail "GET /api/v1/health did not answer ok"
lab_pass "public listener up"

lab_step "the certificate the engineer sees is the one whose fingerprint the hub published"
want=$(lab_json "$HUB_DIR/state/api-public.json" fingerprint)
seen="sha256:$(lab_exec e1 openssl s_client -connect "$PUBLIC" </dev/null 2>/dev/null \
    | openssl x509 -outform DER | sha256sum | cut -d' ' -f1)"
[ "$seen" = "$want" ] || lab_fail "certificate fingerprint $seen, published $want"
grep -q "SHA-256 fingerprint" "$LAB_DIR/logs/hub-$HUB_RUNS.log" || lab_fail "the hub did not log its fingerprint"
lab_pass "pinned: $want"
lab_expect_ping_fails e1 d1

lab_step "the engineer registers its public key"
hub_register e1 "$PUBLIC"
key=$(lab_pubkey e1)
id=$REG_ID
secret=$REG_SECRET
lab_pass "request $id pending"

lab_step "the admin listener is not on the public address"
if lab_exec e1 timeout 5 bash -c "exec 3<>/dev/tcp/$LAB_HUB_UNDERLAY/8444" 2>/dev/null; then
    lab_fail "something listens on $LAB_HUB_UNDERLAY:8444"
fi
status=$(api_call e1 tls "$PUBLIC" GET /api/v1/status '' "$TOKEN")
[ "$status" = 404 ] || lab_fail "the public listener answered /api/v1/status with $status"
lab_pass "$LAB_HUB_UNDERLAY:8444 refuses connections; the public listener has no admin routes"

lab_step "the admin approves on the hub; the peer is on the interface within a second"
status=$(api_call hub plain 127.0.0.1:8444 GET /api/v1/requests '' "$TOKEN")
[ "$status" = 200 ] && [ "$(body requests.0.id)" = "$id" ] || lab_fail "the pending request is not listed ($status)"
status=$(api_call hub plain 127.0.0.1:8444 POST "/api/v1/requests/$id/approve" '{"address":"10.42.42.10"}' "$TOKEN")
approved_at=$(date +%s%N)
[ "$status" = 200 ] || lab_fail "approval answered $status: $(cat "$LAB_DIR/api-body.json")"
until lab_exec hub wg show "$HUB_IF" dump | grep -qF "$key"; do
    [ $(($(date +%s%N) - approved_at)) -lt 1000000000 ] || lab_fail "e1 is not on the hub's interface 1 s after approval"
    sleep 0.05
done
lab_pass "on the interface $((($(date +%s%N) - approved_at) / 1000000)) ms after the approval answer"
hub_expect_own_slash32 e1
grep -qF "$key 10.42.42.10" "$HUB_DIR/clients.conf" || lab_fail "factory-clients.conf lacks e1's line"

lab_step "the engineer's poll carries the tunnel it is configured with, and it works"
status=$(api_call e1 tls "$PUBLIC" GET "/api/v1/registrations/$id" '' "$secret")
[ "$status" = 200 ] && [ "$(body status)" = approved ] || lab_fail "poll answered $status $(body status)"
[ "$(body config.address)" = 10.42.42.10 ] || lab_fail "config.address is $(body config.address)"
[ "$(body config.hub_public_key)" = "$(lab_pubkey hub)" ] || lab_fail "config.hub_public_key is wrong"
[ "$(body config.endpoint)" = "$LAB_HUB_UNDERLAY:$LAB_HUB_PORT" ] || lab_fail "config.endpoint is $(body config.endpoint)"
[ "$(body config.allowed_ips.0)" = 10.42.42.0/24 ] || lab_fail "config.allowed_ips is $(body config.allowed_ips)"
lab_pass "address, hub key, endpoint and allowed IPs match the engineer's tunnel"
lab_expect_ping_ok e1 d1 10

lab_step "through the VPN the engineer reaches the admin listener on the hub's VPN address"
status=$(api_call e1 plain "$LAB_HUB_OVERLAY:8444" GET /api/v1/status '' "$TOKEN")
[ "$status" = 200 ] || lab_fail "the admin listener on $LAB_HUB_OVERLAY:8444 answered $status through the tunnel"
[ "$(body hub.phase)" = running ] || lab_fail "status.hub.phase is $(body hub.phase)"
status=$(api_call e1 plain "$LAB_HUB_OVERLAY:8444" GET /api/v1/status '' "wrong-token")
[ "$status" = 401 ] || lab_fail "a wrong token got $status"
lab_pass "admin API over the tunnel, token required"

lab_step "the engineer's device directory, through the tunnel, on the hub's VPN address only"
DIRECTORY="$LAB_HUB_OVERLAY:8445"
status=$(api_call e1 tls "$PUBLIC" GET "/api/v1/registrations/$id" '' "$secret")
[ "$(body config.directory_url)" = "http://$DIRECTORY/api/v1/directory" ] \
    || lab_fail "config.directory_url is $(body config.directory_url)"
basic="Basic $(printf '%s:%s' "$id" "$secret" | base64 -w0)"
# d1 was just pinged: its handshake is fresh once the hub has sampled it (asking marks it watched).
for _ in $(seq 1 30); do
    status=$(api_call e1 plain "$DIRECTORY" GET /api/v1/directory '' "$basic")
    [ "$status" = 200 ] && [ "$(body devices.0.state)" = online ] && break
    sleep 0.5
done
[ "$status" = 200 ] || lab_fail "the directory answered $status: $(cat "$LAB_DIR/api-body.json")"
[ "$(body devices.0.name)" = d1 ] && [ "$(body devices.0.address)" = 10.42.42.2 ] \
    && [ "$(body devices.0.state)" = online ] || lab_fail "the directory lists $(cat "$LAB_DIR/api-body.json")"
grep -qF -e "$key" -e 10.42.42.10 -e Erin "$LAB_DIR/api-body.json" && lab_fail "the directory tells about the engineer"
status=$(api_call e1 plain "$DIRECTORY" GET /api/v1/directory '' "$TOKEN")
[ "$status" = 401 ] || lab_fail "an admin token got $status from the directory"
status=$(api_call e1 tls "$PUBLIC" GET /api/v1/directory '' "$basic")
[ "$status" = 404 ] || lab_fail "the public listener answered the directory with $status"
if lab_exec e1 timeout 5 bash -c "exec 3<>/dev/tcp/$LAB_HUB_UNDERLAY/8445" 2>/dev/null; then
    lab_fail "something listens on $LAB_HUB_UNDERLAY:8445"
fi
# The device d1 is on the VPN too, but e1's secret is of no use from there.
status=$(api_call d1 plain "$DIRECTORY" GET /api/v1/directory '' "$basic")
[ "$status" = 403 ] || lab_fail "e1's credentials from d1 got $status"
lab_pass "d1 online at 10.42.42.2; admin token 401, public listener 404, from another VPN address 403"

lab_step "the directory survives the hub's VPN address being removed and added again"
lab_exec hub ip address del "$LAB_HUB_OVERLAY/24" dev "$HUB_IF" || lab_fail "could not remove the hub's VPN address"
lab_exec hub ip address add "$LAB_HUB_OVERLAY/24" dev "$HUB_IF" || lab_fail "could not add the hub's VPN address back"
for _ in $(seq 1 20); do
    status=$(api_call e1 plain "$DIRECTORY" GET /api/v1/directory '' "$basic")
    [ "$status" = 200 ] && break
    sleep 0.5
done
[ "$status" = 200 ] || lab_fail "after the address came back the directory answered $status"
kill -0 "$HUB_PID" 2>/dev/null || lab_fail "the hub is gone"
lab_pass "answering again after the address came back"

lab_step "revoking the client takes it off the interface at once"
urlkey=$(printf '%s' "$key" | tr '+/' '-_')
status=$(api_call hub plain 127.0.0.1:8444 DELETE "/api/v1/clients/$urlkey" '' "$TOKEN")
[ "$status" = 200 ] || lab_fail "revocation answered $status"
lab_exec hub wg show "$HUB_IF" dump | grep -qF "$key" && lab_fail "e1 is still on the interface after revocation"
lab_expect_ping_eventually_fails e1 d1
status=$(api_call e1 tls "$PUBLIC" GET "/api/v1/registrations/$id" '' "$secret")
[ "$(body status)" = revoked ] || lab_fail "after revocation the request is $(body status)"
lab_pass "revoked"

lab_step "the audit log has it all"
status=$(api_call hub plain 127.0.0.1:8444 GET "/api/v1/audit?limit=10" '' "$TOKEN")
actions=""
for n in 0 1 2 3; do actions+="$(body "entries.$n.action") "; done
case "$actions" in
    *client.revoke*request.approve*request.create*) lab_pass "audit: $actions" ;;
    *) lab_fail "audit entries are: $actions" ;;
esac
hub_stop
lab_step "hub API scenario passed"
