#!/usr/bin/env bash
# factory-vpn --add-hub: an admin's hub profile from the command line, the token
# from stdin into the real keychain (run inside tests/keyring-session.sh), bad
# input refused with a message and nothing saved.
#   app-add-hub.sh PATH/TO/factory-vpn
set -u
APP=$1
CONF=$HOME/.config/FactoryVPN/factory-vpn.conf
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$(printf 'fvpn-token-0123456789\n' | "$APP" --add-hub "Plant 2" --admin-url http://10.42.42.1:8444 2>&1) \
    || fail "a valid import failed: $out"
[[ $out == *"hub profile 'Plant 2' saved"* ]] || fail "unexpected output: $out"
grep -q '^profiles\\1\\url=http://10.42.42.1:8444$' "$CONF" || fail "the profile is not in the settings: $(cat "$CONF")"
grep -q 'fvpn-token' "$CONF" && fail "the token was written to the settings file"
# The token is in the keychain, under the profile's id.
id=$(sed -n 's/^profiles\\1\\id=//p' "$CONF")
# (QtKeychain's libsecret schema: attributes server and user, the secret base64.)
stored=$(secret-tool lookup server factory-vpn user "admin-token:$id" 2>/dev/null | base64 -d 2>/dev/null)
[ "$stored" = fvpn-token-0123456789 ] || fail "the keychain does not hold the token for profile $id"

# The same name again updates that profile instead of adding a second.
printf 'fvpn-token-abcdefghij\n' | "$APP" --add-hub "Plant 2" --admin-url http://10.42.42.1:9444 >/dev/null 2>&1 \
    || fail "re-import failed"
grep -q '^profiles\\size=1$' "$CONF" || fail "re-import added a second profile: $(cat "$CONF")"
grep -q '^profiles\\1\\url=http://10.42.42.1:9444$' "$CONF" || fail "re-import did not update the URL"
stored=$(secret-tool lookup server factory-vpn user "admin-token:$id" 2>/dev/null | base64 -d 2>/dev/null)
[ "$stored" = fvpn-token-abcdefghij ] || fail "re-import did not replace the token in the keychain"

before=$(cat "$CONF")
check_refused()
{
    local input=$1 want=$2
    shift 2
    local out rc
    out=$(printf '%s' "$input" | "$APP" "$@" 2>&1)
    rc=$?
    [ "$rc" = 2 ] || fail "'$*' exited $rc, expected 2 ($out)"
    [[ $out == *"$want"* ]] || fail "'$*' said '$out', expected '$want'"
    [ "$(cat "$CONF")" = "$before" ] || fail "'$*' changed the settings"
}
check_refused '' "no token on standard input" --add-hub "Plant 3" --admin-url http://10.42.42.1:8444
check_refused $'short\n' "8 to 512 characters" --add-hub "Plant 3" --admin-url http://10.42.42.1:8444
check_refused $'fvpn-token-0123456789\n' "admin URL" --add-hub "Plant 3" --admin-url ftp://10.42.42.1
check_refused $'fvpn-token-0123456789\n' "usage" --add-hub "Plant 3"
check_refused $'fvpn-token-0123456789\n' "usage" --add-hub
echo "PASS: factory-vpn --add-hub"
