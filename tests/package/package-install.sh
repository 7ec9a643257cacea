#!/usr/bin/env bash
# package-install.sh BUILD_DIR NOTIFY_LISTENER
#
# The Debian packages, built from this build tree and installed on this machine
# (root; CI runs it on its own throwaway machine):
#   1. scripts/package.sh: both .debs (lintian: 0 errors), and a second version
#      of them for the upgrade;
#   2. dpkg -i; what is installed: stripped ELF files without RUNPATH, the
#      state folder 0700, hub.conf; systemd-analyze verify and security on the
#      installed unit; --version, --check-config of the shipped hub.conf;
#   3. the installed hub, configured the way an admin would (hub.conf plus a
#      static inventory), started in a namespace lab the way the unit runs it
#      (as-unit.sh: the unit's capabilities only, a read-only system but for
#      its writable paths) under strace: sd_notify READY/STATUS/WATCHDOG, tunnels
#      that ping, and every system call, socket family and device checked
#      against the unit (syscalls.sh);
#   4. an upgrade while tunnels carry continuous pings: dpkg -i of the second
#      version, then the restart systemd's try-restart would do (SIGTERM to the
#      hub only, KillMode=process): 0 echoes lost, the same interface;
#   5. dpkg -r keeps /etc/factory-vpn and /var/lib/factory-vpn, the tunnels keep
#      working; dpkg -P removes them; the machine is as it was before (checked
#      by a listing of every place the packages touch), also after a failure.
set -u
# FVPN_PACKAGE_BUILD_DIR: package another build than the one the test belongs to
# (scripts/test.sh runs the tests on a sanitizer build and packages a Release one).
BUILD=${FVPN_PACKAGE_BUILD_DIR:-${1:-}}
NOTIFY_LISTENER=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
. "$SRC/tests/lab/lib.sh"

if [ "$(id -u)" != 0 ]; then
    echo "[package] SKIP: installing packages needs root" >&2
    exit 77
fi
for tool in dpkg cpack lintian systemd-analyze setpriv strace readelf man; do
    command -v "$tool" >/dev/null || { echo "[package] SKIP: '$tool' is not installed (scripts/install-deps.sh)" >&2; exit 77; }
done
[ -x "$NOTIFY_LISTENER" ] || { echo "usage: $0 BUILD_DIR NOTIFY_LISTENER" >&2; exit 2; }
for package in factory-vpn-hub factory-vpn; do
    if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q installed; then
        echo "[package] SKIP: $package is already installed here; this test installs and purges it" >&2
        exit 77
    fi
done

UNIT=/lib/systemd/system/factory-vpn-hub.service
# Every place the packages (and their triggers) write to. The machine must list
# the same afterwards; caches that triggers rebuild are compared by presence
# before the test, since a trigger may create one that was missing.
WATCHED=(/etc/factory-vpn /var/lib/factory-vpn /etc/systemd/system /lib/systemd/system /usr/sbin /usr/bin
    /usr/libexec /usr/share/man/man1 /usr/share/man/man8 /usr/share/bash-completion/completions /usr/share/doc
    /usr/share/applications /usr/share/metainfo /usr/share/polkit-1/actions /usr/share/icons/hicolor
    /usr/share/lintian/overrides /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked)
snapshot()
{
    local dir
    for dir in "${WATCHED[@]}"; do
        [ -e "$dir" ] && find "$dir" -xdev \( -type f -o -type l -o -type d \) -printf '%p %M\n' 2>/dev/null
    done | grep -vE '/(icon-theme\.cache|mimeinfo\.cache)( |$)' | sort
}

PKG_INSTALLED=0
package_cleanup()
{
    if [ "$PKG_INSTALLED" = 1 ]; then
        echo "[package] purging the packages (cleanup)"
        dpkg --purge factory-vpn factory-vpn-hub >/dev/null 2>&1
        PKG_INSTALLED=0
    fi
    # Whatever a failed purge left in the packages' own folders, if they were not there before.
    [ "${HAD_ETC:-1}" = 0 ] && rm -rf /etc/factory-vpn
    [ "${HAD_STATE:-1}" = 0 ] && rm -rf /var/lib/factory-vpn
    lab_cleanup
}

lab_init
trap package_cleanup EXIT
[ -d /etc/factory-vpn ] && HAD_ETC=1 || HAD_ETC=0
[ -d /var/lib/factory-vpn ] && HAD_STATE=1 || HAD_STATE=0
snapshot >"$LAB_DIR/before.txt"

# --- 1. the packages -------------------------------------------------------------------
lab_step "1. scripts/package.sh from this build (and a second version for the upgrade)"
"$SRC/scripts/package.sh" --no-deps --build-dir "$BUILD" --out "$LAB_DIR/v1" 2>&1 | tee "$LAB_DIR/logs/package-v1.log"
[ "${PIPESTATUS[0]}" = 0 ] || lab_fail "scripts/package.sh failed (lintian errors?)"
VERSION=$(dpkg-deb -f "$LAB_DIR"/v1/factory-vpn-hub_*.deb Version)
V2="$VERSION+upgrade1"
"$SRC/scripts/package.sh" --no-deps --no-lintian --build-dir "$BUILD" --version "$V2" --out "$LAB_DIR/v2" \
    >"$LAB_DIR/logs/package-v2.log" 2>&1 || lab_fail "scripts/package.sh --version $V2 failed: $(tail "$LAB_DIR/logs/package-v2.log")"
V1_DEBS=("$LAB_DIR"/v1/*.deb)
V2_DEBS=("$LAB_DIR"/v2/*.deb)
lab_log "v1: ${V1_DEBS[*]##*/}"
lab_log "v2: ${V2_DEBS[*]##*/}"
for deb in "${V1_DEBS[@]}"; do
    lab_log "$(basename "$deb"): Depends: $(dpkg-deb -f "$deb" Depends)"
done

# --- 2. install ------------------------------------------------------------------------
lab_step "2. dpkg -i"
PKG_INSTALLED=1
dpkg -i "${V1_DEBS[@]}" >"$LAB_DIR/logs/dpkg-i.log" 2>&1 || lab_fail "dpkg -i failed: $(cat "$LAB_DIR/logs/dpkg-i.log")"
for package in factory-vpn-hub factory-vpn; do
    [ "$(dpkg-query -W -f='${Status} ${Version}' "$package")" = "install ok installed $VERSION" ] \
        || lab_fail "$package is not installed at $VERSION: $(dpkg-query -W -f='${Status} ${Version}' "$package")"
done
lab_pass "factory-vpn-hub and factory-vpn $VERSION installed"
elves=0
for package in factory-vpn-hub factory-vpn; do
    while read -r file; do
        [ -f "$file" ] && [ ! -L "$file" ] || continue
        head -c 4 "$file" | grep -q $'\x7fELF' || continue
        elves=$((elves + 1))
        readelf -d "$file" | grep -qE 'RPATH|RUNPATH' && lab_fail "$file has an RPATH/RUNPATH: $(readelf -d "$file" | grep -E 'RPATH|RUNPATH')"
        readelf -S "$file" | grep -qE '\.symtab|\.debug_' && lab_fail "$file is not stripped"
    done < <(dpkg -L "$package")
done
[ "$elves" -ge 3 ] || lab_fail "only $elves ELF files in the packages"
lab_pass "$elves ELF files, all stripped, none with RPATH or RUNPATH"
[ "$(stat -c %a /var/lib/factory-vpn)" = 700 ] || lab_fail "/var/lib/factory-vpn is $(stat -c %a /var/lib/factory-vpn), expected 700"
[ "$(stat -c %a /etc/factory-vpn/hub.conf)" = 644 ] || lab_fail "hub.conf is $(stat -c %a /etc/factory-vpn/hub.conf)"
grep -qx /etc/factory-vpn/hub.conf /var/lib/dpkg/info/factory-vpn-hub.conffiles || lab_fail "hub.conf is not a conffile"
lab_pass "/var/lib/factory-vpn 0700, /etc/factory-vpn/hub.conf 0644 and a conffile"

verify_args=()
[ -f /usr/share/man/man8/factory-vpn-hub.8.gz ] || verify_args+=(--man=no) # dpkg told to skip man pages
systemd-analyze verify "${verify_args[@]}" "$UNIT" >"$LAB_DIR/logs/verify.log" 2>&1
verify_status=$?
cat "$LAB_DIR/logs/verify.log"
[ "$verify_status" = 0 ] && [ ! -s "$LAB_DIR/logs/verify.log" ] || lab_fail "systemd-analyze verify $UNIT is not clean"
lab_pass "systemd-analyze verify ${verify_args[*]} $UNIT: no output, exit 0"
systemd-analyze security --offline=yes --threshold=25 "$UNIT" >"$LAB_DIR/logs/security.log" 2>&1 \
    || lab_fail "systemd-analyze security: $(tail -n 3 "$LAB_DIR/logs/security.log")"
lab_pass "systemd-analyze security: $(grep -o 'Overall exposure level.*' "$LAB_DIR/logs/security.log")"
man -l /usr/share/man/man8/factory-vpn-hub.8.gz 2>/dev/null | grep -q 'CONFIGURATION FILE' || lab_fail "man factory-vpn-hub does not render"
for program in /usr/sbin/factory-vpn-hub /usr/bin/factory-vpn-ctl; do
    out=$("$program" --version) || lab_fail "$program --version failed"
    [ "$out" = "$(basename "$program") ${VERSION%%+*}" ] || lab_fail "$program --version says '$out'"
done
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM /usr/bin/factory-vpn --version) || lab_fail "factory-vpn --version failed"
lab_pass "--version of the three programs ($out)"
bash -c '. /usr/share/bash-completion/completions/factory-vpn-hub && complete -p factory-vpn-hub' >/dev/null \
    || lab_fail "the hub's bash completion does not register"
out=$(/usr/sbin/factory-vpn-hub --check-config 2>&1)
[ $? = 1 ] && printf '%s' "$out" | grep -q -- '--factory (-f) is required' \
    || lab_fail "--check-config of the shipped, unconfigured hub.conf: '$out'"
lab_pass "--check-config on the shipped hub.conf: exit 1, '$(printf '%s' "$out" | head -n1)'"

# --- 3. the installed hub in a lab, as the unit runs it ----------------------------------
lab_step "3. configured like an admin would, started the way the unit runs it"
lab_add_hub_node
lab_add_stock_device d1 10.42.42.2
lab_add_engineer e1 10.42.42.10
# The key the lab's devices and engineer were given as the hub's (lab_pubkey hub).
install -m 0600 "$(lab_keyfile hub)" /etc/factory-vpn/hub.key
printf '[{"name":"d1","pubkey":"%s","ip":"10.42.42.2","enabled":true}]\n' "$(lab_pubkey d1)" >/etc/factory-vpn/inventory.json
cat >>/etc/factory-vpn/hub.conf <<EOF

# --- set by tests/package/package-install.sh, as an admin would ---
factory = lab
privatekey = /etc/factory-vpn/hub.key
inventory = /etc/factory-vpn/inventory.json
vpnaddr = 10.42.42.1/24
port = 5555
endpoint = 192.0.2.1
interval = 5
EOF
# A hub under test never writes this machine's /etc/hosts, /var/lib or
# /etc/wireguard: the command line (which wins over hub.conf) points them at scratch.
# They stand in for the unit's writable paths (StateDirectory=, /etc/hosts,
# /etc/wireguard); their folder is read-only like /etc, so the hosts block is
# written in place, as it must be under ProtectSystem=strict.
HUB_SCRATCH="$LAB_DIR/hub"
mkdir -p "$HUB_SCRATCH/state" "$HUB_SCRATCH/wireguard"
chmod 700 "$HUB_SCRATCH/state" "$HUB_SCRATCH/wireguard"
printf '127.0.0.1\tlocalhost\n' >"$HUB_SCRATCH/hosts"
printf '%s 10.42.42.10 e1 laptop\n' "$(lab_pubkey e1)" >"$HUB_SCRATCH/wireguard/factory-clients.conf"
HUB_WRITABLE=("$HUB_SCRATCH/state" "$HUB_SCRATCH/hosts" "$HUB_SCRATCH/wireguard")
SAFETY=(--state-dir "$HUB_SCRATCH/state" --hosts-file "$HUB_SCRATCH/hosts"
    --clients-file "$HUB_SCRATCH/wireguard/factory-clients.conf")
out=$(/usr/sbin/factory-vpn-hub --check-config "${SAFETY[@]}" 2>&1) || lab_fail "--check-config: $out"
printf '%s\n' "$out"
printf '%s\n' "$out" | grep -qE '^  factory +lab +hub.conf line [0-9]+$' || lab_fail "--check-config does not show factory from hub.conf"
lab_pass "--check-config: the configured hub.conf is usable"

read -ra EXEC_START <<<"$(sed -n 's/^ExecStart=//p' "$UNIT")"
[ "${EXEC_START[0]}" = /usr/sbin/factory-vpn-hub ] || lab_fail "unexpected ExecStart: ${EXEC_START[*]}"
WATCHDOG_USEC=$(($(sed -n 's/^WatchdogSec=\([0-9]*\)s$/\1/p' "$UNIT") * 1000000))
[ "$WATCHDOG_USEC" -gt 0 ] || lab_fail "the unit has no WatchdogSec="
HUB_PID=""   # what lab_spawn started: the hub itself, or strace above it
HUB_TRACE="" # the strace output of this run, if traced
HUB_RUN=0
NOTIFY_LOG=""
# is_hub PID: that process runs the installed hub (also once an upgrade has
# replaced the file it runs: its exe link then ends in " (deleted)").
is_hub()
{
    case "$(readlink "/proc/$1/exe" 2>/dev/null)" in
        /usr/sbin/factory-vpn-hub | "/usr/sbin/factory-vpn-hub (deleted)") return 0 ;;
        *) return 1 ;;
    esac
}
# hub_real_pid: the factory-vpn-hub process in the hub's namespace.
hub_real_pid()
{
    local p
    for p in $(ip netns pids "$(lab_ns hub)"); do
        is_hub "$p" && { echo "$p"; return 0; }
    done
    return 1
}
# start_hub TRACE: the hub as the unit runs it (ExecStart plus the scratch paths),
# with a notify socket of its own; returns once it said READY=1. TRACE: "-" or
# the file for strace's output.
start_hub()
{
    local trace=$1
    HUB_RUN=$((HUB_RUN + 1))
    HUB_TRACE=""
    [ "$trace" != - ] && HUB_TRACE=$trace
    NOTIFY_LOG="$LAB_DIR/logs/notify-$HUB_RUN.log"
    local socket="$LAB_DIR/run/notify-$HUB_RUN.sock"
    "$NOTIFY_LISTENER" "$socket" "$NOTIFY_LOG" &
    LAB_PIDS+=("$!")
    lab_wait_until 5 "the notify listener" test -S "$socket"
    local log="$LAB_DIR/logs/hub-$HUB_RUN.log"
    # A shorter watchdog than the unit's, so the test sees keep-alives.
    lab_spawn hub "$log" env NOTIFY_SOCKET="$socket" WATCHDOG_USEC=2000000 \
        sh "$HERE/as-unit.sh" "$UNIT" "$trace" "${HUB_WRITABLE[@]}" -- "${EXEC_START[@]}" "${SAFETY[@]}"
    HUB_PID=$LAB_SPAWNED_PID
    lab_add_log "$log"
    local start=$SECONDS
    until grep -q 'READY=1' "$NOTIFY_LOG" 2>/dev/null; do
        kill -0 "$HUB_PID" 2>/dev/null || lab_fail "the hub exited at start (run $HUB_RUN)"
        [ $((SECONDS - start)) -ge 60 ] && lab_fail "no READY=1 within 60 s (run $HUB_RUN): $(cat "$NOTIFY_LOG")"
        sleep 0.2
    done
    lab_pass "hub run $HUB_RUN said READY=1: $(grep -m1 READY=1 "$NOTIFY_LOG")"
}
# stop_hub: SIGTERM to the hub only, as systemd stops it with KillMode=process;
# it must exit 0 by itself.
stop_hub()
{
    local real
    real=$(hub_real_pid) || lab_fail "no hub process to stop"
    kill -TERM "$real"
    for _ in $(seq 1 150); do
        is_hub "$real" || break
        sleep 0.1
    done
    is_hub "$real" && lab_fail "the hub did not stop within 15 s of SIGTERM"
    if [ -n "$HUB_TRACE" ]; then
        lab_wait_until 30 "strace to record the hub's exit" grep -q "^$real  *[+][+][+] exited with" "$HUB_TRACE"
        grep -q "^$real  *[+][+][+] exited with 0 +++" "$HUB_TRACE" \
            || lab_fail "the hub exited with $(grep "^$real  *[+][+][+] exited" "$HUB_TRACE") after SIGTERM"
        # strace still follows the wireguard-go the hub started: let it go.
        # TERM, not INT: a background job of a script starts with SIGINT ignored,
        # and strace keeps it so (as-unit.sh runs it with -I1 so TERM ends it).
        kill -TERM "$HUB_PID"
        wait "$HUB_PID"
    else
        wait "$HUB_PID"
        local code=$?
        [ "$code" = 0 ] || lab_fail "the hub exited with $code after SIGTERM"
    fi
    HUB_PID=""
}

start_hub "$LAB_DIR/strace.log"
real=$(hub_real_pid) || lab_fail "no hub process"
[ "$(awk '$5 == "/" { split($6, o, ","); print o[1] }' "/proc/$real/mountinfo")" = ro ] \
    || lab_fail "the hub does not see / read-only: the sandbox emulation failed"
[ "$(awk '/^CapEff:/ { print $2 }' "/proc/$real/status")" = 0000000000001000 ] \
    || lab_fail "the hub's effective capabilities are $(awk '/^CapEff:/ { print $2 }' "/proc/$real/status"), expected CAP_NET_ADMIN only"
grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$real/status" || lab_fail "the hub runs without no_new_privs"
lab_pass "the hub runs with CAP_NET_ADMIN only (CapEff 0x1000), no_new_privs, / read-only"
HUB_IF=fiolab
ifindex=$(lab_ifindex hub "$HUB_IF")
[ -n "$ifindex" ] || lab_fail "no interface $HUB_IF"
lab_expect_ping_ok e1 d1 30
lab_expect_ping_ok d1 hub 10
lab_pass "tunnels through the installed hub, run with CAP_NET_ADMIN only on a read-only system"
lab_wait_until 10 "the hosts block" grep -q '^10.42.42.2	d1$' "$HUB_SCRATCH/hosts"
lab_pass "the hosts block written in place, its folder read-only"
lab_wait_until 20 "two WATCHDOG=1 keep-alives" sh -c "[ \$(grep -c 'WATCHDOG=1' '$NOTIFY_LOG') -ge 2 ]"
grep -q 'STATUS=1 devices, 1 clients, 2 live peers on fiolab; last apply .* ok' "$NOTIFY_LOG" \
    || lab_fail "no STATUS= with the peers and the last apply: $(cat "$NOTIFY_LOG")"
lab_pass "sd_notify: $(grep -m1 'STATUS=1 devices' "$NOTIFY_LOG" | cut -c1-120)"
kill -HUP "$(hub_real_pid)"
lab_wait_until 10 "the hub to reload on SIGHUP" grep -q 'SIGHUP: reloading' "$LAB_DIR/logs/hub-$HUB_RUN.log"
stop_hub
grep -q 'STOPPING=1' "$NOTIFY_LOG" || lab_fail "no STOPPING=1 on SIGTERM"
lab_step "3b. what the hub and its tools did, against the unit's sandbox"
bash "$HERE/syscalls.sh" "$UNIT" "$LAB_DIR/strace.log" || lab_fail "the hub needs more than its unit allows (above)"
lab_pass "system calls, socket families, memory and devices all within the unit"

# --- 4. upgrade ----------------------------------------------------------------------------
lab_step "4. upgrade to $V2 with continuous pings through the tunnels"
wg_pid=$(for p in $(ip netns pids "$(lab_ns hub)"); do [ "$(cat /proc/$p/comm 2>/dev/null)" = wireguard-go ] && echo "$p"; done | head -n1)
[ -n "$wg_pid" ] || lab_fail "no wireguard-go for $HUB_IF"
start_hub -
inode_before=$(stat -L -c %i "/proc/$(hub_real_pid)/exe")
lab_flood_start e1 d1 100000 0.02 each
flood_e1=$LAB_FLOOD_ID
lab_flood_start d1 hub 100000 0.02 each
flood_d1=$LAB_FLOOD_ID
sleep 2
dpkg -i "${V2_DEBS[@]}" >"$LAB_DIR/logs/dpkg-upgrade.log" 2>&1 || lab_fail "dpkg -i (upgrade) failed: $(cat "$LAB_DIR/logs/dpkg-upgrade.log")"
[ "$(dpkg-query -W -f='${Version}' factory-vpn-hub)" = "$V2" ] || lab_fail "factory-vpn-hub is not at $V2 after the upgrade"
lab_pass "dpkg -i: factory-vpn-hub $VERSION -> $V2"
# postinst: deb-systemd-invoke try-restart (systemd is not PID 1 here, so the
# restart it asks for is done as systemd would: SIGTERM to the hub, start again).
stop_hub
[ "$(lab_ifindex hub "$HUB_IF")" = "$ifindex" ] || lab_fail "the interface went away with the hub"
start_hub -
inode_after=$(stat -L -c %i "/proc/$(hub_real_pid)/exe")
[ "$inode_after" != "$inode_before" ] || lab_fail "the restarted hub runs the old binary"
lab_pass "the hub restarted on the upgraded binary (inode $inode_before -> $inode_after)"
sleep 3
for flood in "$flood_e1" "$flood_d1"; do
    lab_flood_stop "$flood" 10
    [ "$LAB_FLOOD_LOST" = 0 ] || lab_fail "$flood lost $LAB_FLOOD_LOST of $LAB_FLOOD_SENT echoes across the upgrade: $LAB_FLOOD_LOST_SEQS"
    lab_pass "$flood: 0 of $LAB_FLOOD_SENT echoes lost across the upgrade"
done
[ "$(lab_ifindex hub "$HUB_IF")" = "$ifindex" ] || lab_fail "$HUB_IF was re-created during the upgrade"
[ "$(for p in $(ip netns pids "$(lab_ns hub)"); do [ "$(cat /proc/$p/comm 2>/dev/null)" = wireguard-go ] && echo "$p"; done | head -n1)" = "$wg_pid" ] \
    || lab_fail "another wireguard-go serves $HUB_IF after the upgrade"
lab_pass "same interface (ifindex $ifindex) and wireguard-go (pid $wg_pid) across the upgrade"

# --- 5. remove and purge ------------------------------------------------------------------------
lab_step "5. remove keeps state and settings; purge removes them"
stop_hub # prerm: deb-systemd-invoke stop
dpkg -r factory-vpn factory-vpn-hub >"$LAB_DIR/logs/dpkg-r.log" 2>&1 || lab_fail "dpkg -r failed: $(cat "$LAB_DIR/logs/dpkg-r.log")"
[ ! -e /usr/sbin/factory-vpn-hub ] || lab_fail "/usr/sbin/factory-vpn-hub is still there after remove"
for kept in /etc/factory-vpn/hub.conf /etc/factory-vpn/hub.key /etc/factory-vpn/inventory.json /var/lib/factory-vpn; do
    [ -e "$kept" ] || lab_fail "$kept is gone after dpkg -r (remove keeps settings and state)"
done
grep -q '^factory = lab$' /etc/factory-vpn/hub.conf || lab_fail "the admin's hub.conf changed on remove"
lab_pass "dpkg -r: programs gone; hub.conf (as the admin left it), hub.key, the inventory and /var/lib/factory-vpn kept"
lab_expect_ping_ok e1 d1 10
lab_pass "the tunnels still work without the hub (the interface outlives it)"
dpkg -P factory-vpn factory-vpn-hub >"$LAB_DIR/logs/dpkg-P.log" 2>&1 || lab_fail "dpkg -P failed: $(cat "$LAB_DIR/logs/dpkg-P.log")"
PKG_INSTALLED=0
for gone in /etc/factory-vpn /var/lib/factory-vpn "$UNIT"; do
    [ ! -e "$gone" ] || lab_fail "$gone is still there after purge"
done
dpkg-query -W factory-vpn-hub >/dev/null 2>&1 && lab_fail "dpkg still knows factory-vpn-hub after purge"
snapshot >"$LAB_DIR/after.txt"
if ! diff -u "$LAB_DIR/before.txt" "$LAB_DIR/after.txt" >"$LAB_DIR/logs/machine.diff"; then
    cat "$LAB_DIR/logs/machine.diff"
    lab_fail "the machine is not as it was before the test (diff above)"
fi
lab_pass "dpkg -P: /etc/factory-vpn and /var/lib/factory-vpn gone; $(wc -l <"$LAB_DIR/after.txt") paths in the watched places, the same as before"

lab_step "package scenario passed"
