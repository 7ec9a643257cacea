#!/usr/bin/env bash
# Runs a test inside a throwaway WireGuard lab (needs root):
#   hub namespace       192.0.2.1/24 on a veth, wireguard-go "wg0" 10.42.42.1/24, port 5555
#   engineer namespace  192.0.2.2/24 on the other end, nothing else: the test brings its
#                       own tunnel up there (wg-quick falls back to wireguard-go).
# Each namespace gets a private /run/wireguard (a bind mount, see
# /work/shared/notes/environment.md), so nothing else on the machine is touched.
# The test finds the lab through FVPN_LAB_* variables. On exit — failure and
# signals included — every process in the lab is killed by PID and the
# namespaces and the scratch folder are deleted.
#   wg-lab.sh <test binary> [arguments…]
set -u
if [ "$(id -u)" != 0 ]; then
  echo "wg-lab.sh: the WireGuard lab needs root (network namespaces)" >&2
  exit 1
fi
for tool in ip wg wg-quick wireguard-go ping; do
  command -v "$tool" >/dev/null || { echo "wg-lab.sh: '$tool' is not installed" >&2; exit 1; }
done

P="fvui$$"
HUB_NS="${P}h"
ENG_NS="${P}e"
LAB=$(mktemp -d /tmp/fvpn-uilab.XXXXXX)
chmod 700 "$LAB"
PIDS=()

cleanup() {
  local pid ns
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for ns in "$HUB_NS" "$ENG_NS"; do
    # wireguard-go started by wg-quick daemonises; it is found through its namespace.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null; done
  done
  for i in $(seq 1 50); do
    alive=0
    for ns in "$HUB_NS" "$ENG_NS"; do [ -n "$(ip netns pids "$ns" 2>/dev/null)" ] && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for ns in "$HUB_NS" "$ENG_NS"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  rm -rf "$LAB"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "wg-lab.sh: $*" >&2; exit 1; }

# Runs a command in namespace $1 with that namespace's own /run/wireguard.
for ns in "$HUB_NS" "$ENG_NS"; do
  mkdir -p "$LAB/run/$ns"
  cat > "$LAB/exec-$ns" <<SCRIPT
#!/bin/sh
exec ip netns exec "$ns" sh -c 'mount --bind "\$0" /run/wireguard && exec "\$@"' "$LAB/run/$ns" "\$@"
SCRIPT
  chmod 700 "$LAB/exec-$ns"
done

ip netns add "$HUB_NS" || fail "cannot create namespace $HUB_NS"
ip netns add "$ENG_NS" || fail "cannot create namespace $ENG_NS"
ip link add "${P}a" type veth peer name "${P}b" || fail "cannot create the veth pair"
ip link set "${P}a" netns "$HUB_NS"
ip link set "${P}b" netns "$ENG_NS"
ip -n "$HUB_NS" addr add 192.0.2.1/24 dev "${P}a"
ip -n "$ENG_NS" addr add 192.0.2.2/24 dev "${P}b"
for ns in "$HUB_NS" "$ENG_NS"; do
  ip -n "$ns" link set lo up
done
ip -n "$HUB_NS" link set "${P}a" up
ip -n "$ENG_NS" link set "${P}b" up

umask 077
wg genkey > "$LAB/hub.key"
HUB_PUB=$(wg pubkey < "$LAB/hub.key")
"$LAB/exec-$HUB_NS" wireguard-go -f wg0 >"$LAB/hub-wireguard-go.log" 2>&1 &
PIDS+=($!)
# Ready once the UAPI socket listens, seen in the namespace's /proc/net/unix
# (flag 00010000) without connecting: the socket file exists from bind(), and a
# `wg` refused between bind() and listen() deletes it, after which wireguard-go
# exits (as lab_uapi_listening in tests/lab/lib.sh).
uapi_listening()
{
  ip netns exec "$HUB_NS" awk -v p=/var/run/wireguard/wg0.sock \
    '$4 == "00010000" && $8 == p { found = 1 } END { exit !found }' /proc/net/unix
}
for i in $(seq 1 100); do
  uapi_listening && break
  sleep 0.1
done
uapi_listening || fail "wireguard-go did not start in $HUB_NS: $(cat "$LAB/hub-wireguard-go.log")"
"$LAB/exec-$HUB_NS" wg set wg0 private-key "$LAB/hub.key" listen-port 5555 || fail "cannot configure the hub"
ip -n "$HUB_NS" addr add 10.42.42.1/24 dev wg0
ip -n "$HUB_NS" link set wg0 up

export FVPN_LAB_DIR="$LAB"
export FVPN_LAB_HUB_EXEC="$LAB/exec-$HUB_NS"
export FVPN_LAB_ENGINEER_EXEC="$LAB/exec-$ENG_NS"
export FVPN_LAB_HUB_PUBLIC_KEY="$HUB_PUB"
export FVPN_LAB_HUB_ENDPOINT="192.0.2.1:5555"
export FVPN_LAB_HUB_ADDRESS="10.42.42.1"
umask 022
"$@"
