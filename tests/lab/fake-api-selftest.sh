#!/usr/bin/env bash
# Checks the FoundriesFactory API stand-in itself, on loopback (no root needed):
# auth, the documented shapes, PATCH merging and saving, and the control modes.
#   fake-api-selftest.sh PATH/TO/fake-foundries-api
set -u
FAKE=${1:?usage: fake-api-selftest.sh PATH/TO/fake-foundries-api}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/fvpn-fakeapi.XXXXXX")
PID=""
# Each start writes its own log: the shell truncates a redirected file in the
# forked child, so a reused log could still show the previous run's
# "listening on" line to the wait loop below.
LOG="$DIR/out.log"
cleanup()
{
    if [ -n "$PID" ]; then
        kill "$PID" 2>/dev/null
        wait "$PID" 2>/dev/null
    fi
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail()
{
    echo "[fake-api] FAIL: $*" >&2
    echo "----- fake API output -----" >&2
    cat "$LOG" >&2 2>/dev/null
    exit 1
}
pass() { echo "[fake-api]   ok: $*"; }

# http METHOD PATH [HEADER] [BODY]: one request over bash's /dev/tcp (no curl
# needed); sets STATUS and BODY. Gives up after HTTP_WAIT seconds (10: the fake
# may be a sanitized build on a busy machine).
HTTP_WAIT=10
http()
{
    local method=$1 path=$2 header=${3:-} body=${4:-} reply
    reply=$(timeout "$HTTP_WAIT" bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
        {
            printf "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" "$1" "$2"
            [ -n "$3" ] && printf "%s\r\n" "$3"
            printf "Content-Type: application/json\r\nContent-Length: %s\r\n\r\n%s" "${#4}" "$4"
        } >&3
        # QHttpServer keeps the connection open despite "Connection: close":
        # read the headers, then exactly Content-Length bytes.
        len=0
        while IFS= read -r line <&3; do
            printf "%s\n" "$line"
            case "$line" in
                [Cc]ontent-[Ll]ength:*) len=${line#*:}; len=${len//[!0-9]/} ;;
                $'"'"'\r'"'"') break ;;
            esac
        done
        [ "$len" -gt 0 ] && head -c "$len" <&3' "$PORT" "$method" "$path" "$header" "$body")
    STATUS=$(printf '%s' "$reply" | head -n 1 | cut -d' ' -f2)
    BODY=$(printf '%s' "$reply" | sed -n '/^\r$/,$p' | tail -n +2)
}

expect()
{
    local what=$1 status=$2 pattern=${3:-}
    [ "$STATUS" = "$status" ] || fail "$what: expected HTTP $status, got '${STATUS:-no answer}' ($BODY)"
    if [ -n "$pattern" ]; then
        printf '%s' "$BODY" | grep -qE -- "$pattern" || fail "$what: body '$BODY' does not match /$pattern/"
    fi
    pass "$what -> $status"
}

cat >"$DIR/ips.json" <<'EOF'
[{"name":"dev-01","pubkey":"sn4oJkq0S2n8z8Yh1Dd0X1A+qxvB0Oz0K3bq1o9vRWs=","ip":"10.42.42.2","enabled":true}]
EOF
"$FAKE" --listen 127.0.0.1:0 --factory acme --token sekrit --ips-file "$DIR/ips.json" \
    --control-file "$DIR/control" --config-file "$DIR/config.json" >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 300); do
    grep -q '^listening on ' "$LOG" 2>/dev/null && break
    kill -0 "$PID" 2>/dev/null || fail "the fake API exited at start"
    sleep 0.1
done
PORT=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$LOG")
[ -n "$PORT" ] || fail "no 'listening on' line within 30 s"
pass "listening on port $PORT"

IPS=/ota/factories/acme/wireguard-ips/
CONFIG=/ota/factories/acme/config/
TOKEN='OSF-TOKEN: sekrit'

http GET "$IPS"
expect "no credentials" 401 '"msg"'
http GET "$IPS" 'OSF-TOKEN: wrong'
expect "a wrong token" 401
http GET "$IPS" 'Authorization: Bearer wrong'
expect "a wrong bearer" 401
http GET "$IPS" "$TOKEN"
expect "wireguard-ips with OSF-TOKEN" 200 '"name":"dev-01"'
http GET "$IPS" 'Authorization: Bearer sekrit'
expect "wireguard-ips with a bearer token" 200 '"ip":"10.42.42.2"'
echo '[]' >"$DIR/ips.json"
http GET "$IPS" "$TOKEN"
expect "wireguard-ips re-reads its file" 200 '^\[\]'
http GET /ota/factories/other/wireguard-ips/ "$TOKEN"
expect "another factory" 404
http GET /ota/factories/acme/wireguard-ips "$TOKEN"
expect "a path without its trailing slash" 404

http GET "$CONFIG" "$TOKEN"
expect "empty config" 200 '"config":\[\]'
http PATCH "$CONFIG" "$TOKEN" '{"reason":"hub","files":[{"name":"wireguard-server","unencrypted":true,"value":"endpoint=192.0.2.1:5555\n"}]}'
expect "PATCH wireguard-server" 201 '"reason":"hub"'
http PATCH "$CONFIG" "$TOKEN" '{"reason":"other","files":[{"name":"z-other","value":"x"}]}'
expect "PATCH another file" 201
http PATCH "$CONFIG" "$TOKEN" '{"files":[{"name":"no-value"}]}'
expect "PATCH without a value" 400 'needs a string'
http PATCH "$CONFIG" "$TOKEN" 'not json'
expect "PATCH with a body that is not JSON" 400
http PATCH "$CONFIG" '' '{"files":[{"name":"x","value":"y"}]}'
expect "PATCH without credentials" 401
http GET "$CONFIG" "$TOKEN"
expect "config keeps both files in the newest version" 200 '^\{"config":\[\{[^]]*"wireguard-server"[^]]*"z-other"'
grep -q '"total": 2' "$DIR/config.json" || fail "config.json does not hold the 2 versions: $(cat "$DIR/config.json")"
pass "config.json holds the 2 versions"

echo 500 >"$DIR/control"
http GET "$IPS" "$TOKEN"
expect "control 500" 500 '"msg"'
echo garbage >"$DIR/control"
http GET "$IPS" "$TOKEN"
expect "control garbage" 200 '^<html>'
echo hang >"$DIR/control"
HTTP_WAIT=3 http GET "$IPS" "$TOKEN"
[ -z "$STATUS" ] || fail "control hang: expected no answer, got HTTP $STATUS"
pass "control hang -> no answer within 3 s"
echo ok >"$DIR/control"
http GET "$IPS" "$TOKEN"
expect "control ok again" 200
rm "$DIR/control"
http GET "$IPS" "$TOKEN"
expect "no control file" 200

echo '{"config":[{"files":[{"name":"wireguard-server","value":"server_address=10.42.42.1\n"}]}]}' >"$DIR/seed.json"
kill "$PID"
wait "$PID" 2>/dev/null
PID=""
LOG="$DIR/seeded.log"
"$FAKE" --listen 127.0.0.1:0 --factory acme --token sekrit --ips-file "$DIR/ips.json" \
    --config-file "$DIR/seed.json" >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 300); do
    grep -q '^listening on ' "$LOG" 2>/dev/null && break
    kill -0 "$PID" 2>/dev/null || fail "the fake API exited at start with a seeded config"
    sleep 0.1
done
PORT=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$LOG")
[ -n "$PORT" ] || fail "no 'listening on' line within 30 s with a seeded config"
http GET "$CONFIG" "$TOKEN"
expect "a seeded config is served" 200 'server_address=10.42.42.1'

echo '{"config": 3}' >"$DIR/bad.json"
if "$FAKE" --listen 127.0.0.1:0 --factory acme --token t --ips-file "$DIR/ips.json" \
    --config-file "$DIR/bad.json" >"$DIR/bad.log" 2>&1; then
    fail "a config file without a config array was accepted"
fi
grep -q 'has no "config" array' "$DIR/bad.log" || fail "unclear error for a bad config file: $(cat "$DIR/bad.log")"
pass "a bad config file is refused: $(cat "$DIR/bad.log")"

echo "[fake-api] all checks passed"
