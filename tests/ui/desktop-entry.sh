#!/usr/bin/env bash
# The desktop entry: valid by the freedesktop rules (desktop-file-validate) and
# the one that makes factory-vpn:// links open the app with the link.
#   desktop-entry.sh PATH/TO/org.factoryvpn.FactoryVPN.desktop
set -u
ENTRY=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$(desktop-file-validate "$ENTRY" 2>&1) || fail "desktop-file-validate: $out"
[ -z "$out" ] || fail "desktop-file-validate warns: $out"
want()
{
    grep -qx "$1" "$ENTRY" || fail "$ENTRY has no line '$1'"
}
want 'Exec=factory-vpn %u'
want 'MimeType=x-scheme-handler/factory-vpn;'
# The name QGuiApplication::setDesktopFileName gives (app/desktop/main.cpp), and the installed icon's.
want "Icon=$(basename "$ENTRY" .desktop)"
want 'Name=Factory VPN'
want 'Terminal=false'
echo "PASS: desktop entry"
