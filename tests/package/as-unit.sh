#!/bin/sh
# as-unit.sh UNIT STRACE_OUT WRITABLE... -- COMMAND...
#
# Runs COMMAND the way systemd would run factory-vpn-hub.service, on a machine
# where systemd is not PID 1. Meant to run inside `ip netns exec`, whose private
# mount namespace keeps every mount below from reaching the host.
#
#   CapabilityBoundingSet=, NoNewPrivileges=  setpriv with the unit's capabilities
#   ProtectSystem=strict, ReadWritePaths=      every mount read-only (bind remount)
#                                             but /dev, /proc, /sys and WRITABLE
#   ProtectKernelTunables= + ip_forward       /proc/sys read-only, ip_forward writable
#   UMask=, Environment=                      from the unit
#   Type=notify, WatchdogSec=                 NOTIFY_SOCKET / WATCHDOG_USEC from the
#                                             caller; WATCHDOG_PID is this process,
#                                             which becomes the hub (exec)
#
# STRACE_OUT: "-" or a file: the command runs under strace -f, so the caller
# can check its system calls against SystemCallFilter= (tests/package/syscalls.sh).
# What cannot be emulated here (the seccomp filter and address families
# themselves, DevicePolicy=) is checked from that trace instead.
set -eu
unit=$1
trace=$2
shift 2
writable=""
while [ "$1" != -- ]; do
    writable="$writable $1"
    shift
done
shift
# The trace is the test's, not the unit's: strace writes it from inside.
if [ "$trace" != - ]; then
    : >"$trace"
    writable="$writable $trace"
fi

# ProtectKernelTunables=yes with ReadWritePaths=/proc/sys/net/ipv4/ip_forward.
mount --bind /proc/sys /proc/sys
mount --bind /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/ip_forward
mount -o remount,bind,ro /proc/sys

# ProtectSystem=strict: binds first (so the remounts below skip them), then
# every other mount read-only.
for path in $writable; do
    [ -e "$path" ] && mount --bind "$path" "$path"
done
awk '{ print $2 }' /proc/self/mounts | sort -u | while read -r target; do
    case $target in
        /dev | /dev/* | /proc | /proc/* | /sys | /sys/*) continue ;;
    esac
    skip=0
    for path in $writable /run/wireguard; do
        [ "$target" = "$path" ] && skip=1
    done
    [ "$skip" = 1 ] && continue
    mount -o remount,bind,ro "$target" 2>/dev/null || true
done

# The unit's own settings.
umask "$(sed -n 's/^UMask=//p' "$unit")"
for assignment in $(sed -n 's/^Environment=//p' "$unit"); do
    export "${assignment?}"
done
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$unit" | tr 'A-Z' 'a-z' | sed 's/cap_//g; s/ /,+/g')
grep -qx 'NoNewPrivileges=yes' "$unit" || { echo "as-unit.sh: the unit has no NoNewPrivileges=yes" >&2; exit 1; }

if [ "$trace" = - ]; then
    # systemd sets it to the main process, which this one becomes.
    export WATCHDOG_PID=$$
    exec setpriv --bounding-set "-all,+$caps" --inh-caps -all --ambient-caps -all --no-new-privs -- "$@"
fi
# Under strace the hub is strace's child: no WATCHDOG_PID, as sd_watchdog_enabled
# then accepts the keep-alive request for any process.
unset WATCHDOG_PID
exec strace -f -q -I1 -o "$trace" \
    setpriv --bounding-set "-all,+$caps" --inh-caps -all --ambient-caps -all --no-new-privs -- "$@"
