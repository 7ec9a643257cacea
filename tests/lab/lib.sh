# shellcheck shell=bash disable=SC2034 # LAB_* variables are read by the scripts that source this
# Factory VPN lab: real WireGuard (wireguard-go) between network namespaces, with
# ping as the judge. Source it from a scenario script, then call lab_init.
#
#   underlay  192.0.2.0/24   one bridge namespace, every node on it by a veth
#             hub = 192.0.2.1, the others get .10, .11, ...
#   overlay   10.42.42.0/24  hub = 10.42.42.1
#
# Every namespace is named "<LAB_ID>-<node>" (LAB_ID = fvpn<pid>, so parallel runs
# never collide) and every process the lab starts is recorded by PID. lab_cleanup
# (run by the EXIT trap, also on failure or Ctrl-C) ends those PIDs and whatever
# else still runs inside the lab's namespaces (a wireguard-go that daemonised
# itself), then deletes the namespaces and the scratch folder.
#
# `wg` finds wireguard-go through UAPI sockets in /run/wireguard, a folder shared
# by the whole machine: each namespace gets its own folder under $LAB_DIR/run,
# bind-mounted over /run/wireguard in the private mount namespace that
# `ip netns exec` creates for each command (the bind never reaches the host).

set -u

LAB_UNDERLAY_PREFIX=192.0.2
LAB_OVERLAY_PREFIX=10.42.42
LAB_HUB_UNDERLAY=192.0.2.1
LAB_HUB_OVERLAY=10.42.42.1
LAB_HUB_PORT=5555
LAB_WG_IF=wg0 # the interface name on devices and engineers

LAB_ID=""
LAB_DIR=""
LAB_PIDS=()      # processes started by the lab, ended by lab_cleanup
LAB_NAMESPACES=() # namespaces created by the lab, deleted by lab_cleanup
LAB_LOGS=()      # files whose tail is shown when a check fails
LAB_NEXT_HOST=10 # next underlay host number for a node
LAB_CLEANED=0
LAB_FAILED=0
declare -A LAB_NODE_OVERLAY=() # node -> overlay address (devices and engineers)
declare -A LAB_NODE_UNDERLAY=() # node -> underlay address
declare -A LAB_NODE_KIND=() # node -> hub|stock|subnet|engineer|plain

# --- output -----------------------------------------------------------------

lab_log() { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
lab_step() { printf '\n[lab %s] === %s\n' "$(date +%H:%M:%S)" "$*"; }
lab_pass() { printf '[lab %s]   ok: %s\n' "$(date +%H:%M:%S)" "$*"; }

# Prints the message and the tails of the registered logs, then exits 1 (the
# EXIT trap cleans up).
lab_fail()
{
    LAB_FAILED=1
    printf '[lab %s] FAIL: %s\n' "$(date +%H:%M:%S)" "$*" >&2
    local f
    for f in "${LAB_LOGS[@]}"; do
        if [ -s "$f" ]; then
            printf -- '----- last lines of %s -----\n' "$(basename "$f")" >&2
            tail -n 40 "$f" >&2
        fi
    done
    exit 1
}

lab_add_log() { LAB_LOGS+=("$1"); }

# --- setup and cleanup ---------------------------------------------------------

lab_require_tools()
{
    local t
    for t in ip wg wireguard-go ping nft mount timeout; do
        command -v "$t" >/dev/null 2>&1 || lab_fail "'$t' is not installed (scripts/install-deps.sh installs it)"
    done
    [ -c /dev/net/tun ] || lab_fail "/dev/net/tun is missing: wireguard-go cannot create interfaces"
}

lab_cleanup()
{
    [ "$LAB_CLEANED" = 1 ] && return 0
    LAB_CLEANED=1
    trap - EXIT INT TERM
    local pid ns pids=()
    # A recorded PID counts only while it is still our child: one that exited
    # long ago may have been reused by someone else's process.
    for pid in "${LAB_PIDS[@]}"; do
        lab__is_our_child "$pid" && pids+=("$pid")
    done
    # A process the lab did not start itself (wireguard-go daemonised by the hub)
    # is found by the namespace it runs in: those namespaces are ours alone.
    for ns in "${LAB_NAMESPACES[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            pids+=("$pid")
        done
    done
    if [ ${#pids[@]} -gt 0 ]; then
        kill -TERM "${pids[@]}" 2>/dev/null
        for _ in $(seq 1 30); do
            local alive=0
            for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
            [ "$alive" = 0 ] && break
            sleep 0.1
        done
        for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
        for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
    fi
    for ns in "${LAB_NAMESPACES[@]}"; do
        ip netns del "$ns" 2>/dev/null
    done
    if [ -n "$LAB_DIR" ] && [ -d "$LAB_DIR" ]; then
        if [ "$LAB_FAILED" = 1 ] && [ "${LAB_KEEP_ON_FAILURE:-0}" = 1 ]; then
            echo "[lab] kept $LAB_DIR for inspection" >&2
        else
            rm -rf "$LAB_DIR"
        fi
    fi
    return 0
}

lab__is_our_child()
{
    [ "$(awk '/^PPid:/ { print $2 }' "/proc/$1/status" 2>/dev/null)" = "$$" ]
}

# lab__reap_stale: what earlier labs left when their script was killed with
# SIGKILL (so its trap never ran): namespaces fvpn<pid>-<node> and scratch
# folders fvpn-lab-<pid>.* whose <pid> is no longer alive. Their processes,
# namespaces and folders go; live labs are left alone.
lab__reap_stale()
{
    local ns owner pid
    for ns in $(ip netns list | awk '{ print $1 }' | grep -E '^fvpn[0-9]+(r[0-9]+)?-[a-z0-9-]+$'); do
        owner=${ns#fvpn}
        owner=${owner%%[!0-9]*}
        kill -0 "$owner" 2>/dev/null && continue
        echo "[lab] removing the stale namespace $ns of a lab run that is gone" >&2
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            kill -KILL "$pid" 2>/dev/null
        done
        ip netns del "$ns" 2>/dev/null
    done
    local dir
    for dir in "${TMPDIR:-/tmp}"/fvpn-lab-[0-9]*.*; do
        [ -d "$dir" ] || continue
        owner=${dir##*/fvpn-lab-}
        owner=${owner%%.*}
        kill -0 "$owner" 2>/dev/null || rm -rf "$dir"
    done
}

# lab_init: checks root and tools, installs the traps, creates the scratch folder
# and the underlay (a bridge in its own namespace).
lab_init()
{
    if [ "$(id -u)" != 0 ]; then
        echo "[lab] SKIP: the lab needs root (network namespaces, wireguard-go)" >&2
        exit 77
    fi
    lab_require_tools
    lab__reap_stale
    LAB_ID="fvpn$$"
    if ip netns list | grep -q "^${LAB_ID}-"; then
        LAB_ID="fvpn$$r$((RANDOM % 1000))" # a stale lab of a dead run with our PID
    fi
    trap lab_cleanup EXIT
    trap 'LAB_FAILED=1; echo "[lab] interrupted" >&2; exit 130' INT TERM
    # Named after our PID, so a later run can tell it is stale once we are gone.
    LAB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/fvpn-lab-$$.XXXXXX") || lab_fail "mktemp failed"
    chmod 700 "$LAB_DIR"
    mkdir -p "$LAB_DIR/keys" "$LAB_DIR/run" "$LAB_DIR/logs"
    # The mount point for the per-namespace binds; an empty folder, never used bare.
    [ -d /run/wireguard ] || mkdir -m 0755 /run/wireguard
    lab_log "lab $LAB_ID in $LAB_DIR"
    lab__netns_add underlay
    ip -n "$(lab_ns underlay)" link add br0 type bridge || lab_fail "cannot create the underlay bridge"
    ip -n "$(lab_ns underlay)" link set br0 up
    ip -n "$(lab_ns underlay)" link set lo up
}

lab_ns() { printf '%s-%s' "$LAB_ID" "$1"; }

lab__netns_add()
{
    local ns
    ns=$(lab_ns "$1")
    ip netns add "$ns" || lab_fail "cannot create namespace $ns"
    LAB_NAMESPACES+=("$ns")
    ip -n "$ns" link set lo up
}

# lab_exec NODE CMD...: runs CMD in the node's namespace, with the node's private
# /run/wireguard, in the foreground (lab_spawn for the background).
lab_exec()
{
    local node=$1
    shift
    local dir="$LAB_DIR/run/$node"
    mkdir -p "$dir"
    ip netns exec "$(lab_ns "$node")" sh -c 'mount --bind "$0" /run/wireguard && exec "$@"' "$dir" "$@"
}

# lab_spawn NODE LOGFILE CMD...: like lab_exec, in the background, output to
# LOGFILE; sets LAB_SPAWNED_PID to the program's own PID (ip netns exec and sh
# both exec, so signals reach the program itself) and records it for cleanup.
# ("lab_exec ... &" would give the PID of a subshell instead.)
lab_spawn()
{
    local node=$1 log=$2
    shift 2
    local dir="$LAB_DIR/run/$node"
    mkdir -p "$dir"
    ip netns exec "$(lab_ns "$node")" sh -c 'mount --bind "$0" /run/wireguard && exec "$@"' "$dir" "$@" \
        >>"$log" 2>&1 &
    LAB_SPAWNED_PID=$!
    LAB_PIDS+=("$LAB_SPAWNED_PID")
}

# lab_add_node NAME [UNDERLAY_ADDRESS]: a namespace with eth0 on the underlay.
lab_add_node()
{
    local node=$1 addr=${2:-}
    [ ${#node} -le 12 ] || lab_fail "node name '$node' is longer than 12 characters (veth names are limited to 15)"
    if [ -z "$addr" ]; then
        addr="$LAB_UNDERLAY_PREFIX.$LAB_NEXT_HOST"
        LAB_NEXT_HOST=$((LAB_NEXT_HOST + 1))
    fi
    lab__netns_add "$node"
    local ns uns
    ns=$(lab_ns "$node")
    uns=$(lab_ns underlay)
    # Created directly in their namespaces, so the names only have to be unique there.
    ip link add eth0 netns "$ns" type veth peer name "u-$node" netns "$uns" \
        || lab_fail "cannot create the veth pair for $node"
    ip -n "$uns" link set "u-$node" master br0 up
    ip -n "$ns" addr add "$addr/24" dev eth0
    ip -n "$ns" link set eth0 up
    LAB_NODE_UNDERLAY[$node]=$addr
    LAB_NODE_KIND[$node]=plain
}

# lab_genkey NAME: creates $LAB_DIR/keys/NAME.key (0600) and NAME.pub once.
lab_genkey()
{
    local k="$LAB_DIR/keys/$1"
    if [ ! -f "$k.key" ]; then
        (umask 077 && wg genkey >"$k.key") || lab_fail "wg genkey failed"
        wg pubkey <"$k.key" >"$k.pub" || lab_fail "wg pubkey failed"
    fi
}
lab_pubkey() { lab_genkey "$1"; cat "$LAB_DIR/keys/$1.pub"; }
lab_keyfile() { lab_genkey "$1"; printf '%s' "$LAB_DIR/keys/$1.key"; }

# lab_uapi_listening NODE IFNAME: the UAPI socket of IFNAME listens, seen in the
# namespace's /proc/net/unix (flag 00010000 = listening) without connecting to
# it: `wg` deletes a socket that refuses a connection, and one caught between
# bind() and listen() does, after which wireguard-go exits.
lab_uapi_listening()
{
    ip netns exec "$(lab_ns "$1")" awk -v p="/var/run/wireguard/$2.sock" \
        '$4 == "00010000" && $8 == p { found = 1 } END { exit !found }' /proc/net/unix
}

# lab_start_wg NODE IFNAME: wireguard-go in the foreground, owned by the lab;
# returns once its UAPI socket listens.
lab_start_wg()
{
    local node=$1 ifname=$2 log="$LAB_DIR/logs/wg-$1-$2.log"
    lab_spawn "$node" "$log" env LOG_LEVEL=error wireguard-go -f "$ifname"
    local pid=$LAB_SPAWNED_PID
    lab_add_log "$log"
    for _ in $(seq 1 50); do
        if lab_uapi_listening "$node" "$ifname"; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || lab_fail "wireguard-go for $node/$ifname exited early"
        sleep 0.1
    done
    lab_fail "wireguard-go for $node/$ifname did not come up within 5 s"
}

# lab_add_hub_node: the hub's namespace at 192.0.2.1, nothing running in it yet
# (a scenario starts factory-vpn-hub there; the selftest sets the hub up by hand).
# Forwarding starts off, whatever the host has.
lab_add_hub_node()
{
    lab_add_node hub "$LAB_HUB_UNDERLAY"
    LAB_NODE_KIND[hub]=hub
    LAB_NODE_OVERLAY[hub]=$LAB_HUB_OVERLAY
    lab_genkey hub
    lab_set_forwarding 0
}

lab_set_forwarding()
{
    ip netns exec "$(lab_ns hub)" sh -c "echo $1 > /proc/sys/net/ipv4/ip_forward" \
        || lab_fail "cannot set ip_forward in the hub namespace"
}

# lab_manual_hub: wireguard-go + wg set in the hub namespace, no peers. For the
# selftest, which proves the lab without the hub daemon.
lab_manual_hub()
{
    lab_start_wg hub "$LAB_WG_IF"
    lab_exec hub wg set "$LAB_WG_IF" private-key "$(lab_keyfile hub)" listen-port "$LAB_HUB_PORT" \
        || lab_fail "wg set on the hub failed"
    lab_exec hub ip addr add "$LAB_HUB_OVERLAY/24" dev "$LAB_WG_IF"
    lab_exec hub ip link set "$LAB_WG_IF" up
}

# lab_manual_hub_add_peer NODE: the hub learns NODE's key with its /32.
lab_manual_hub_add_peer()
{
    local node=$1
    lab_exec hub wg set "$LAB_WG_IF" peer "$(lab_pubkey "$node")" allowed-ips "${LAB_NODE_OVERLAY[$node]}/32" \
        || lab_fail "wg set peer for $node on the hub failed"
}

# Common part of devices and engineers: node, key, wireguard-go, address, one
# peer (the hub) with the given allowed-ips.
lab__add_wg_node()
{
    local node=$1 addr=$2 kind=$3 allowed=$4
    lab_add_node "$node"
    LAB_NODE_KIND[$node]=$kind
    LAB_NODE_OVERLAY[$node]=$addr
    lab_genkey "$node"
    lab_start_wg "$node" "$LAB_WG_IF"
    lab_exec "$node" wg set "$LAB_WG_IF" private-key "$(lab_keyfile "$node")" \
        peer "$(lab_pubkey hub)" endpoint "$LAB_HUB_UNDERLAY:$LAB_HUB_PORT" \
        persistent-keepalive 25 allowed-ips "$allowed" \
        || lab_fail "wg set on $node failed"
    lab_exec "$node" ip addr add "$addr/24" dev "$LAB_WG_IF"
    lab_exec "$node" ip link set "$LAB_WG_IF" up
}

# lab_add_stock_device NAME ADDR: like an LmP device after factory-config-vpn:
# one peer = the hub, endpoint hub:5555, keepalive 25, allowed-ips = the hub's /32.
lab_add_stock_device() { lab__add_wg_node "$1" "$2" stock "$LAB_HUB_OVERLAY/32"; }

# lab_add_subnet_device NAME ADDR: a device whose peer routes the whole subnet
# (needed for device-to-device traffic).
lab_add_subnet_device() { lab__add_wg_node "$1" "$2" subnet "$LAB_OVERLAY_PREFIX.0/24"; }

# lab_add_engineer NAME ADDR: an engineer laptop, hub peer with the whole subnet.
lab_add_engineer() { lab__add_wg_node "$1" "$2" engineer "$LAB_OVERLAY_PREFIX.0/24"; }

# --- the judges --------------------------------------------------------------

# lab_overlay NODE: the overlay address of a node (or the argument if it is one).
lab_overlay()
{
    if [ -n "${LAB_NODE_OVERLAY[$1]:-}" ]; then
        printf '%s' "${LAB_NODE_OVERLAY[$1]}"
    else
        printf '%s' "$1"
    fi
}

# lab_try_ping FROM TO: one echo, 1 s to answer. Returns ping's status.
lab_try_ping() { ip netns exec "$(lab_ns "$1")" ping -n -q -c 1 -W 1 "$(lab_overlay "$2")" >/dev/null 2>&1; }

# lab_ping_ok FROM TO [SECONDS=20]: true once one echo is answered; retries for
# up to SECONDS (a peer just added may need a handshake first, and a stock
# device re-tries its handshake only every 5 s).
lab_ping_ok()
{
    local from=$1 to=$2 max=${3:-20} start=$SECONDS
    while :; do
        if lab_try_ping "$from" "$to"; then
            return 0
        fi
        [ $((SECONDS - start)) -gt "$max" ] && return 1
        sleep 0.2 # an unreachable destination fails at once: do not spin
    done
}

# lab_ping_fails FROM TO: true when 4 echoes over ~2 s all go unanswered, now.
lab_ping_fails()
{
    ! ip netns exec "$(lab_ns "$1")" ping -n -q -c 4 -i 0.25 -W 1 "$(lab_overlay "$2")" >/dev/null 2>&1
}

# lab_ping_eventually_fails FROM TO [SECONDS=10]: true once a round of
# lab_ping_fails passes within SECONDS (a change takes a moment to be applied).
lab_ping_eventually_fails()
{
    local from=$1 to=$2 max=${3:-10} start=$SECONDS
    while [ $((SECONDS - start)) -le "$max" ]; do
        if lab_ping_fails "$from" "$to"; then
            return 0
        fi
    done
    return 1
}

# Checked forms: print what is checked and fail the script with a clear message.
lab_expect_ping_ok()
{
    local from=$1 to=$2 max=${3:-20}
    if lab_ping_ok "$from" "$to" "$max"; then
        lab_pass "$from -> $to ($(lab_overlay "$to")) answers"
    else
        lab_fail "$from -> $to ($(lab_overlay "$to")): no answer within ${max} s, expected one"
    fi
}

lab_expect_ping_fails()
{
    local from=$1 to=$2
    if lab_ping_fails "$from" "$to"; then
        lab_pass "$from -> $to ($(lab_overlay "$to")) gets no answer, as expected"
    else
        lab_fail "$from -> $to ($(lab_overlay "$to")) answered, expected no answer"
    fi
}

lab_expect_ping_eventually_fails()
{
    local from=$1 to=$2 max=${3:-10}
    if lab_ping_eventually_fails "$from" "$to" "$max"; then
        lab_pass "$from -> $to ($(lab_overlay "$to")) gets no answer any more, as expected"
    else
        lab_fail "$from -> $to ($(lab_overlay "$to")) still answers after ${max} s, expected no answer"
    fi
}

# lab_flood_start FROM TO COUNT [INTERVAL=0.02] [each]: a continuous ping at 50
# per second (-i 0.02, root only; a busy machine sends fewer) in the background;
# sets LAB_FLOOD_ID, the handle for lab_flood_wait or lab_flood_stop (not for
# $( ): the subshell would lose the PID). With "each", every answer is logged
# with its time (-D), which lab_flood_stop needs to judge echoes one by one.
LAB_FLOOD_SEQ=0
declare -A LAB_FLOOD_PID=()
lab_flood_start()
{
    local from=$1 to=$2 count=$3 interval=${4:-0.02} mode=${5:-}
    LAB_FLOOD_SEQ=$((LAB_FLOOD_SEQ + 1))
    local id="flood$LAB_FLOOD_SEQ"
    local out="$LAB_DIR/logs/$id.log"
    local output=(-q)
    [ "$mode" = each ] && output=(-D)
    ip netns exec "$(lab_ns "$from")" ping -n "${output[@]}" -i "$interval" -W 1 -c "$count" "$(lab_overlay "$to")" >"$out" 2>&1 &
    LAB_FLOOD_PID[$id]=$!
    LAB_PIDS+=("$!")
    LAB_FLOOD_ID=$id
}

# lab_flood_wait ID: waits (bounded) for the flood to finish; sets LAB_FLOOD_SENT,
# LAB_FLOOD_RECEIVED and LAB_FLOOD_LOST. Fails the script if ping did not finish.
lab_flood_wait()
{
    local id=$1 pid=${LAB_FLOOD_PID[$1]} out="$LAB_DIR/logs/$1.log"
    for _ in $(seq 1 1800); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -INT "$pid" 2>/dev/null
        lab_fail "the continuous ping $id did not finish within 180 s"
    fi
    wait "$pid" 2>/dev/null
    local line
    line=$(grep -E 'packets transmitted' "$out") || lab_fail "no statistics from the continuous ping $id: $(cat "$out")"
    LAB_FLOOD_SENT=$(printf '%s' "$line" | sed -E 's/^([0-9]+) packets transmitted.*/\1/')
    LAB_FLOOD_RECEIVED=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) (packets )?received.*/\1/')
    LAB_FLOOD_LOST=$((LAB_FLOOD_SENT - LAB_FLOOD_RECEIVED))
}

# lab_flood_stop ID MAX_IN_FLIGHT: stops a flood started with "each" (SIGINT)
# and judges every echo by its sequence number. ping's own summary counts an
# echo still in flight at the SIGINT as lost, so it cannot be trusted here.
# An echo is lost if it got no answer although a later one did; the unanswered
# echoes after the last answer were in flight when ping stopped, and more than
# MAX_IN_FLIGHT of them is an outage at the end, which fails the script.
# Sets LAB_FLOOD_SENT, LAB_FLOOD_RECEIVED, LAB_FLOOD_LOST, LAB_FLOOD_LOST_SEQS
# (up to 20 lost sequence numbers, each with the time of the answer before it)
# and LAB_FLOOD_IN_FLIGHT.
lab_flood_stop()
{
    local id=$1 max_in_flight=$2 pid=${LAB_FLOOD_PID[$1]} out="$LAB_DIR/logs/$1.log"
    kill -0 "$pid" 2>/dev/null || lab_fail "the continuous ping $id ended before it was stopped: $(tail -n 5 "$out")"
    kill -INT "$pid"
    lab_flood_wait "$id"
    local verdict
    verdict=$(awk -v sent="$LAB_FLOOD_SENT" '
        / bytes from / && !/DUP!/ {
            if (match($0, /icmp_seq=[0-9]+/)) {
                seq = substr($0, RSTART + 9, RLENGTH - 9) + 0
                if (!(seq in answered)) { answered[seq] = 1; received++; at[seq] = substr($1, 2, length($1) - 2) }
                if (seq > last) last = seq
            }
        }
        END {
            lost = 0; seqs = ""
            for (s = 1; s < last; s++)
                if (!(s in answered)) { lost++; if (lost <= 20) seqs = seqs (seqs == "" ? "" : " ") s "@" ((s - 1) in at ? at[s - 1] : 0) }
            printf "%d %d %d %s\n", received + 0, lost, sent - last, seqs
        }' "$out")
    local seqs entry
    read -r LAB_FLOOD_RECEIVED LAB_FLOOD_LOST LAB_FLOOD_IN_FLIGHT seqs <<<"$verdict"
    # Each lost echo with the time of the answer just before it, to set
    # against the hub's log.
    LAB_FLOOD_LOST_SEQS=""
    for entry in $seqs; do
        LAB_FLOOD_LOST_SEQS+="${LAB_FLOOD_LOST_SEQS:+, }${entry%@*} (after $(date -d "@${entry#*@}" +%T.%3N))"
    done
    [ "$LAB_FLOOD_IN_FLIGHT" -le "$max_in_flight" ] ||
        lab_fail "the last $LAB_FLOOD_IN_FLIGHT echoes of $id got no answer (at most $max_in_flight can be in flight when ping stops)"
}

# lab_flood_across FROM TO: a continuous ping at 50/s that runs until
# lab_flood_judge stops it: however long a sanitized hub on a busy machine takes
# to restart, the ping cannot run out before the change it watches is over.
lab_flood_across()
{
    lab_flood_start "$1" "$2" 1000000 0.02 each
}

# lab_flood_judge ID WHAT: stops a lab_flood_across ping (it must still be
# running) and fails the script unless every echo before the last answered one
# was answered. Up to 10 unanswered at the end (200 ms) were in flight through a
# userspace tunnel on a loaded machine; more is an outage. Sets LAB_FLOOD_*.
lab_flood_judge()
{
    local id=$1 what=$2
    lab_flood_stop "$id" 10
    lab_log "continuous ping $id $what: sent $LAB_FLOOD_SENT, answered $LAB_FLOOD_RECEIVED, lost $LAB_FLOOD_LOST, in flight at the end $LAB_FLOOD_IN_FLIGHT"
    [ "$LAB_FLOOD_LOST" = 0 ] || lab_fail "the continuous ping lost $LAB_FLOOD_LOST of $LAB_FLOOD_SENT echoes $what: $LAB_FLOOD_LOST_SEQS"
    lab_pass "0 of $LAB_FLOOD_SENT echoes lost $what"
}

# lab_flood_ping FROM TO COUNT: runs a flood to completion; sets LAB_FLOOD_LOST
# (the loss count) like lab_flood_wait. Not for $( ): its failure must end the script.
lab_flood_ping()
{
    lab_flood_start "$1" "$2" "$3"
    lab_flood_wait "$LAB_FLOOD_ID"
}

# lab_wait_until SECONDS DESCRIPTION CMD...: polls CMD every 0.2 s until it
# succeeds; fails the script after SECONDS.
lab_wait_until()
{
    local max=$1 what=$2
    shift 2
    local start=$SECONDS
    while ! "$@"; do
        [ $((SECONDS - start)) -gt "$max" ] && lab_fail "timed out after ${max} s waiting for: $what"
        sleep 0.2
    done
}

# lab_hub_has_peer KEY: the hub's interface (IFNAME, default wg0) has a peer KEY.
lab_hub_has_peer()
{
    lab_exec hub wg show "${2:-$LAB_WG_IF}" peers 2>/dev/null | grep -qxF "$1"
}

# lab_ifindex NODE IFNAME: the interface index (changes if it is recreated).
lab_ifindex() { ip -n "$(lab_ns "$1")" -o link show dev "$2" 2>/dev/null | cut -d: -f1; }
