#!/usr/bin/env bash
# syscalls.sh UNIT TRACE: checks what the hub and the tools it ran (ip, wg, nft,
# wireguard-go, openssl) did, from `strace -f` output (as-unit.sh), against the
# unit's sandbox as systemd would enforce it:
#   SystemCallFilter=        every system call made is in the allow list
#                            (groups expanded with systemd-analyze syscall-filter)
#   RestrictAddressFamilies= every socket() family is listed
#   MemoryDenyWriteExecute=  no mapping is both writable and executable
#   RestrictNamespaces=      no clone/unshare with a CLONE_NEW* flag
#   DevicePolicy=closed + DeviceAllow=  every /dev node opened is a standard
#                            pseudo device or an allowed one
# Prints what was used; exits 1 on any violation.
set -u
UNIT=$1
TRACE=$2
status=0

# Everything after setpriv exec'd the hub: that is what the unit's filter sees.
start=$(grep -n 'execve("/usr/sbin/factory-vpn-hub"' "$TRACE" | head -n1 | cut -d: -f1)
[ -n "$start" ] || { echo "FAIL: the trace never execs /usr/sbin/factory-vpn-hub"; exit 1; }
body=$(tail -n +"$start" "$TRACE")

# expand GROUP: the system calls of a group, nested groups resolved.
expand()
{
    systemd-analyze syscall-filter "$1" | awk 'NR > 1 && $1 !~ /^#/ && NF { print $1 }' | while read -r name; do
        case $name in
            @*) expand "$name" ;;
            *) echo "$name" ;;
        esac
    done
}
# "SystemCallFilter=~@a @b" lists several groups after one "~".
deny=()
while read -r line; do
    case $line in
        \~*) for g in ${line#\~}; do deny+=("$g"); done ;;
    esac
done < <(sed -n 's/^SystemCallFilter=//p' "$UNIT")
allow=()
while read -r line; do
    case $line in
        \~*) ;;
        *) for g in $line; do allow+=("$g"); done ;;
    esac
done < <(sed -n 's/^SystemCallFilter=//p' "$UNIT")
allowed=$(for g in "${allow[@]}"; do expand "$g"; done | sort -u)
denied=$(for g in "${deny[@]}"; do expand "$g"; done | sort -u)
permitted=$(comm -23 <(printf '%s\n' "$allowed") <(printf '%s\n' "$denied"))

used=$(printf '%s\n' "$body" | sed -nE 's/^[0-9]+ +([a-z0-9_]+)\(.*/\1/p' | sort -u)
outside=$(comm -23 <(printf '%s\n' "$used") <(printf '%s\n' "$permitted"))
# Known and harmless outside the filter, each checked call by call:
#   fchown(FD, 0, 0)  SQLite, when its process is root, gives every new journal the
#                     owner of its database (unixOpen's robust_fchown). Both are
#                     root's, so the call changes nothing; under the filter it gets
#                     EPERM, which SQLite ignores (the result is not even read).
harmless=()
for name in $outside; do
    calls=$(printf '%s\n' "$body" | grep -E "^[0-9]+ +$name\(")
    case $name in
        fchown)
            # strace may split a call another thread interrupts: "fchown(13, 0, 0 <unfinished ...>".
            if ! printf '%s\n' "$calls" | grep -qvE '^[0-9]+ +fchown\([0-9]+, 0, 0(\) | <unfinished)'; then
                harmless+=("$name")
            fi
            ;;
    esac
done
for name in "${harmless[@]}"; do
    echo "ok: $name outside the filter only as SQLite's no-op journal fchown(fd, 0, 0), refused with EPERM and ignored"
    outside=$(printf '%s\n' $outside | grep -vx "$name" || true)
done
echo "system calls used: $(printf '%s\n' "$used" | wc -l) ($(printf '%s\n' "$used" | tr '\n' ' '))"
echo "allowed by the unit (${allow[*]} minus ${deny[*]}): $(printf '%s\n' "$permitted" | wc -l)"
if [ -n "$outside" ]; then
    echo "FAIL: used but not allowed (they would fail with EPERM):"
    for name in $outside; do
        echo "  $name: $(printf '%s\n' "$body" | grep -E "^[0-9]+ +$name\(" | head -n 2 | tr '\n' ' ')"
    done
    status=1
else
    echo "ok: every system call is in SystemCallFilter="
fi

families=$(printf '%s\n' "$body" | sed -nE 's/^[0-9]+ +socket\((AF_[A-Z0-9]+),.*/\1/p' | sort -u | tr '\n' ' ')
listed=" $(sed -n 's/^RestrictAddressFamilies=//p' "$UNIT") "
echo "socket families used: $families"
for family in $families; do
    case $listed in
        *" $family "*) ;;
        *) echo "FAIL: socket($family) is not in RestrictAddressFamilies=$listed"; status=1 ;;
    esac
done

wx=$(printf '%s\n' "$body" | grep -E '^[0-9]+ +(mmap|mprotect|pkey_mprotect)\(' | grep -E 'PROT_WRITE' | grep -E 'PROT_EXEC')
if [ -n "$wx" ]; then
    echo "FAIL: writable and executable memory (MemoryDenyWriteExecute=yes refuses it):"
    printf '%s\n' "$wx" | head -n 5 | sed 's/^/  /'
    status=1
else
    echo "ok: no mapping is both writable and executable"
fi

ns=$(printf '%s\n' "$body" | grep -E '^[0-9]+ +(clone3?|unshare|setns)\(' | grep -E 'CLONE_NEW' | head -n 5)
if [ -n "$ns" ]; then
    echo "FAIL: namespaces created (RestrictNamespaces=yes refuses it):"
    printf '%s\n' "$ns" | sed 's/^/  /'
    status=1
else
    echo "ok: no namespace created"
fi

devices=$(printf '%s\n' "$body" | sed -nE 's/^[0-9]+ +open(at)?\((AT_FDCWD, )?"(\/dev\/[^"]+)".*= [0-9]+$/\3/p' | sort -u)
# /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/N are links to the process's own
# descriptors (`wg set … private-key /dev/stdin` reads the key from a pipe): no
# device node, so the device cgroup never sees them.
devices=$(printf '%s\n' "$devices" | grep -vxE '/dev/(stdin|stdout|stderr|fd/[0-9]+)' || true)
allowed_devices=" /dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty /dev/ptmx $(sed -n 's/^DeviceAllow=\([^ ]*\).*/\1/p' "$UNIT" | tr '\n' ' ') "
echo "devices opened: $(printf '%s\n' "$devices" | tr '\n' ' ')"
for device in $devices; do
    case $allowed_devices in
        *" $device "*) ;;
        *) echo "FAIL: $device opened, but DevicePolicy=closed with DeviceAllow=$allowed_devices refuses it"; status=1 ;;
    esac
done
exit $status
