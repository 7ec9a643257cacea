#!/usr/bin/env bash
# Runs a test next to a real NetworkManager in a throwaway network namespace
# (needs root; exits 77, "skipped", without root or without NetworkManager):
#   - a private dbus-daemon plays the system bus (its own socket in the scratch
#     folder, a policy that allows everything on it), plus a second, empty one
#     where NetworkManager does not run;
#   - NetworkManager --no-daemon with its own configuration (keyfile plugin with
#     its profiles in the scratch folder, dns=none, no polkit) and its own state:
#     in the private mount namespace of `ip netns exec`, /run is a fresh tmpfs
#     and /var/lib/NetworkManager a bind of a scratch folder, so the host's
#     /run/NetworkManager, /etc/NetworkManager and /var/lib/NetworkManager are
#     never touched;
#   - the test runs in the namespace with DBUS_SYSTEM_BUS_ADDRESS pointing at
#     the private bus and finds the rest through FVPN_NMLAB_* variables.
# On exit — failure and signals included — the processes are killed by PID, then
# whatever still runs in the namespace, and the namespace and folder are deleted.
#   nm-lab.sh <test binary> [arguments…]
set -u
NM_BINARY=${FVPN_NM_BINARY:-/usr/sbin/NetworkManager}
if [ "$(id -u)" != 0 ]; then
  echo "nm-lab.sh: skipped, the NetworkManager lab needs root (network namespaces, mounts)" >&2
  exit 77
fi
if [ ! -x "$NM_BINARY" ]; then
  echo "nm-lab.sh: skipped, $NM_BINARY is not installed (Debian: network-manager)" >&2
  exit 77
fi
for tool in ip dbus-daemon dbus-send mount; do
  command -v "$tool" >/dev/null || { echo "nm-lab.sh: '$tool' is not installed" >&2; exit 1; }
done

NS="fvnm$$"
LAB=$(mktemp -d /tmp/fvpn-nmlab.XXXXXX)
chmod 700 "$LAB"
PIDS=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for pid in "${PIDS[@]}" $(ip netns pids "$NS" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  ip netns del "$NS" 2>/dev/null
  if [ "${FVPN_NMLAB_KEEP:-0}" = 1 ]; then echo "nm-lab.sh: kept $LAB" >&2; else rm -rf "$LAB"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "nm-lab.sh: $*" >&2
  [ -s "$LAB/nm.log" ] && { echo "----- last lines of NetworkManager's log -----" >&2; tail -n 30 "$LAB/nm.log" >&2; }
  exit 1
}

ip netns add "$NS" || fail "cannot create namespace $NS"
ip -n "$NS" link set lo up

mkdir -p "$LAB/conf.d" "$LAB/system-connections" "$LAB/var-lib"
chmod 700 "$LAB/system-connections"

write_bus_config() { # <file> <socket>
  cat > "$1" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$2</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
}
write_bus_config "$LAB/bus.conf" "$LAB/system_bus_socket"
write_bus_config "$LAB/empty-bus.conf" "$LAB/empty_bus_socket"

cat > "$LAB/NetworkManager.conf" <<CONF
[main]
plugins=keyfile
dns=none
rc-manager=unmanaged
systemd-resolved=false
auth-polkit=false
no-auto-default=*
hostname-mode=none

[keyfile]
path=$LAB/system-connections

[connectivity]
enabled=false

[logging]
level=DEBUG
domains=DEFAULT,AGENTS:TRACE,SETTINGS:DEBUG
CONF

ip netns exec "$NS" dbus-daemon --nofork --nopidfile --config-file="$LAB/bus.conf" >"$LAB/dbus.log" 2>&1 &
PIDS+=($!)
ip netns exec "$NS" dbus-daemon --nofork --nopidfile --config-file="$LAB/empty-bus.conf" >"$LAB/empty-dbus.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do
  [ -S "$LAB/system_bus_socket" ] && [ -S "$LAB/empty_bus_socket" ] && break
  sleep 0.1
done
[ -S "$LAB/system_bus_socket" ] || fail "the private D-Bus did not start: $(cat "$LAB/dbus.log")"
[ -S "$LAB/empty_bus_socket" ] || fail "the empty D-Bus did not start: $(cat "$LAB/empty-dbus.log")"
BUS="unix:path=$LAB/system_bus_socket"

# NetworkManager keeps run-time files in /run/NetworkManager and its secret_key,
# timestamps and lease files in /var/lib/NetworkManager, whatever its
# configuration says: both are replaced inside this command's mount namespace.
if [ -d /var/lib/NetworkManager ]; then
  STATE_MOUNT='mount --bind "$1" /var/lib/NetworkManager'
else
  STATE_MOUNT='mount -t tmpfs -o mode=0755 tmpfs /var/lib && mkdir /var/lib/NetworkManager'
fi
DBUS_SYSTEM_BUS_ADDRESS="$BUS" ip netns exec "$NS" sh -c \
  "mount -t tmpfs -o mode=0755 tmpfs /run && $STATE_MOUNT && shift && exec \"\$@\"" sh "$LAB/var-lib" \
  "$NM_BINARY" --debug --config="$LAB/NetworkManager.conf" --config-dir="$LAB/conf.d" \
  --system-config-dir="$LAB/conf.d" --intern-config="$LAB/NetworkManager-intern.conf" \
  --state-file="$LAB/NetworkManager.state" --pid-file=/run/NetworkManager.pid >"$LAB/nm.log" 2>&1 &
PIDS+=($!)

# Without udev NetworkManager never reports its startup complete (it waits for
# udev to announce the links), but its settings API answers once it lists
# its connections.
nm_answers() {
  dbus-send --bus="$BUS" --print-reply --dest=org.freedesktop.NetworkManager \
    /org/freedesktop/NetworkManager/Settings org.freedesktop.NetworkManager.Settings.ListConnections \
    >/dev/null 2>&1
}
for _ in $(seq 1 150); do
  nm_answers && break
  kill -0 "${PIDS[-1]}" 2>/dev/null || fail "NetworkManager exited"
  sleep 0.1
done
nm_answers || fail "NetworkManager did not finish starting on the private bus"

# Whether this kernel can create WireGuard interfaces, which decides how an
# activation ends (NetworkManager has no userspace fallback).
KERNEL_WG=0
if ip -n "$NS" link add fvnmprobe type wireguard 2>/dev/null; then
  KERNEL_WG=1
  ip -n "$NS" link del fvnmprobe
fi

export FVPN_NMLAB_DIR="$LAB"
export FVPN_NMLAB_KEYFILE_DIR="$LAB/system-connections"
export FVPN_NMLAB_NM_LOG="$LAB/nm.log"
export FVPN_NMLAB_EMPTY_BUS="unix:path=$LAB/empty_bus_socket"
export FVPN_NMLAB_KERNEL_WIREGUARD="$KERNEL_WG"
DBUS_SYSTEM_BUS_ADDRESS="$BUS" ip netns exec "$NS" "$@"
status=$?
if [ $status != 0 ] && [ -s "$LAB/nm.log" ]; then
  echo "----- last lines of NetworkManager's log -----" >&2
  tail -n 40 "$LAB/nm.log" >&2
fi
exit $status
