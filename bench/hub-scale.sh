#!/usr/bin/env bash
# The hub at factory scale, measured from outside: the real factory-vpn-hub in a
# lab namespace over a real wireguard-go, N devices from a static --inventory in
# a /16 and 100 engineers in the clients file. Each figure is printed beside a
# reference measured in the same run:
#
#   full sync from an empty interface      vs  `wg syncconf` of the same peers
#   one device added to / removed from the inventory file, one engineer added
#   to the clients file -> peer on the interface (the hub's log line "peers
#   applied", written once wireguard-go acknowledged the change; checked on the
#   interface after)                       vs  one `wg set` by hand, start to exit
#   hub CPU of a no-op periodic cycle      (hub at --interval 1; CPU and cycles over 30 s)
#   nft / wg / ip processes per no-op cycle (counted by wrappers given as FVPN_NFT/WG/IP)
#   idle hub CPU over 60 s, nobody watching (default --interval)
#
#   bench/hub-scale.sh BUILD/app/hub/factory-vpn-hub BUILD/bench/hubbench [COUNT...]
#
# COUNT defaults to "10000 50000". BENCH_ONLY=sync measures the full sync only. Needs root (namespaces, wireguard-go) and
# takes a few minutes per count. Run it under /work/bin/buildlock on a shared
# machine. Results go to stdout; see docs/benchmarks.md.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../tests/lab/lib.sh"

HUB_BIN=$(readlink -f "${1:-}")
HUBBENCH=$(readlink -f "${2:-}")
shift 2 || true
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(10000 50000)
REPEAT=${BENCH_REPEAT:-5}
SYNC_REPEAT=${BENCH_SYNC_REPEAT:-3}
CYCLE_SECONDS=${BENCH_CYCLE_SECONDS:-30}
IDLE_SECONDS=${BENCH_IDLE_SECONDS:-60}
CLIENTS=100
HUB_IF=fiolab
HUB_VPN=10.42.0.1/16

lab_init
[ -x "$HUB_BIN" ] || lab_fail "usage: hub-scale.sh HUB_BINARY HUBBENCH_BINARY [COUNT...]"
[ -x "$HUBBENCH" ] || lab_fail "hubbench '$HUBBENCH' is not an executable"
lab_add_hub_node
B="$LAB_DIR/bench"
mkdir -p "$B/state" "$B/wrap"

# Wrappers that count every run of a tool, then run the real one.
for tool in wg nft ip; do
    real=$(command -v "$tool")
    printf '#!/bin/sh\necho "$*" >> %s/%s.calls\nexec %s "$@"\n' "$B/wrap" "$tool" "$real" >"$B/wrap/$tool"
    chmod 755 "$B/wrap/$tool"
    : >"$B/wrap/$tool.calls"
done
calls() { wc -l <"$B/wrap/$1.calls"; }

median()
{
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# CPU of a process in ms: "<utime+stime from /proc/PID/stat> <sum of its threads' schedstat>".
cpu_ms()
{
    local pid=$1 f t sched=0
    read -r -a f <"/proc/$pid/stat"
    for t in /proc/"$pid"/task/*/schedstat; do
        read -r ns _ <"$t"
        sched=$((sched + ns))
    done
    awk -v ticks=$((f[13] + f[14])) -v hz="$(getconf CLK_TCK)" -v ns="$sched" \
        'BEGIN { printf "%.1f %.2f\n", ticks * 1000 / hz, ns / 1e6 }'
}

uapi() { printf '/run/wireguard/%s.sock' "$1"; }
bench() { lab_exec hub "$HUBBENCH" "$@"; }
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }

# measure WHAT ARGS...: runs hubbench, prints its "ms" figure; fails the run when
# it timed out or its command failed.
measure()
{
    local what=$1 out value
    shift
    out=$(bench "$@")
    value=$(field ms <<<"$out")
    [ -n "$value" ] || lab_fail "$what: $out"
    printf '%s\n' "$value"
}

HUB_PID=""
HUB_RUN=0
# The counting wrappers (a shell per tool run) only where runs are counted: the
# full sync is timed against `wg syncconf` run without one.
HUB_WRAP=1
# BENCH_HUB_PREFIX: a command put before the hub (e.g. "strace -f -ttt -o FILE"),
# to see where a full sync's time goes.
HUB_PREFIX=${BENCH_HUB_PREFIX:-}
hub_up()
{
    HUB_RUN=$((HUB_RUN + 1))
    HUB_LOG="$LAB_DIR/logs/hub-$N-$HUB_RUN.log"
    rm -f "$B/state/status.json"
    local wrap=()
    [ "$HUB_WRAP" = 1 ] && wrap=(FVPN_WG="$B/wrap/wg" FVPN_NFT="$B/wrap/nft" FVPN_IP="$B/wrap/ip")
    lab_spawn hub "$HUB_LOG" env "${wrap[@]}" $HUB_PREFIX \
        "$HUB_BIN" -f lab -k "$(lab_keyfile hub)" --inventory "$B/ips.json" --clients-file "$B/clients.conf" \
        --state-dir "$B/state" --hosts-file "$B/hosts" --vpnaddr "$HUB_VPN" --port 5555 \
        --endpoint "$LAB_HUB_UNDERLAY" --no-api "$@" daemon
    HUB_PID=$LAB_SPAWNED_PID
}
hub_down()
{
    [ -n "$HUB_PID" ] || return 0
    kill -TERM "$HUB_PID" 2>/dev/null
    for _ in $(seq 1 100); do
        kill -0 "$HUB_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$HUB_PID" 2>/dev/null
    wait "$HUB_PID" 2>/dev/null
    HUB_PID=""
}
# Waits until the hub has applied once (status.json lastApply.at set).
hub_wait_applied()
{
    bench waitfile "$B/state/status.json" '"at": "2' 600000 >/dev/null \
        || lab_fail "the hub did not apply within 600 s; $(tail -n 5 "$HUB_LOG")"
}
hub_cycles() { grep -c 'periodic sync' "$HUB_LOG"; }

fresh_interface()
{
    local ifname=$1
    for pid in $(ip netns pids "$(lab_ns hub)"); do
        [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = wireguard-go ] && [ "$(tr '\0' ' ' <"/proc/$pid/cmdline")" = "wireguard-go -f $ifname " ] \
            && { kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done; }
    done
    lab_start_wg hub "$ifname"
}

rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

lab_log "hub $HUB_BIN ($(git -C "$HERE" describe --always --dirty 2>/dev/null))"
lab_log "machine: $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), load $(cut -d' ' -f1-3 /proc/loadavg)"

for N in "${COUNTS[@]}"; do
    lab_step "$N devices, $CLIENTS engineers"
    rm -rf "${B:?}/state"/* "$B/hosts"
    printf '127.0.0.1\tlocalhost\n' >"$B/hosts"
    "$HUBBENCH" gen dev $((N + 2)) 10.42.0.2 "$B/devices.txt"
    "$HUBBENCH" gen eng $((CLIENTS + 2)) 10.42.250.1 "$B/clients.txt"
    "$HUBBENCH" inventory "$B/devices.txt" 0 "$N" "$B/ips.json"
    "$HUBBENCH" inventory "$B/devices.txt" 0 $((N + 1)) "$B/ips-plus.json"
    cp "$B/ips.json" "$B/ips-base.json"
    head -n "$CLIENTS" "$B/clients.txt" | awk '{ print $2, $3, $1, "laptop" }' >"$B/clients.conf"
    head -n $((CLIENTS + 1)) "$B/clients.txt" | awk '{ print $2, $3, $1, "laptop" }' >"$B/clients-plus.conf"
    cp "$B/clients.conf" "$B/clients-base.conf"
    read -r _ new_dev new_dev_ip < <(sed -n "$((N + 1))p" "$B/devices.txt")
    read -r _ hand_key hand_ip < <(sed -n "$((N + 2))p" "$B/devices.txt")
    read -r _ new_eng _ < <(sed -n "$((CLIENTS + 1))p" "$B/clients.txt")
    "$HUBBENCH" wgconf "$B/devices.txt" "$N" "$B/device-peers.conf"
    { printf '[Interface]\nPrivateKey = %s\nListenPort = 5556\n' "$(cat "$(lab_keyfile hub)")"
      cat "$B/device-peers.conf"
      head -n "$CLIENTS" "$B/clients.txt" | awk '{ printf "[Peer]\nPublicKey = %s\nAllowedIPs = %s/32\n", $2, $3 }'
    } >"$B/syncconf.conf"
    chmod 600 "$B/syncconf.conf"
    total=$((N + CLIENTS))

    # --- full sync --------------------------------------------------------------
    # The hub: from its start on an empty interface to its log line "peers applied"
    # (logged once wireguard-go acknowledged them) and, for a hub that logs it, to
    # the end of that first pass (firewall and hosts file too). The reference:
    # `wg syncconf` of the same peers on another empty interface, start to exit.
    ref_sync=() hub_sync=() hub_pass=()
    for run in $(seq 1 "$SYNC_REPEAT"); do
        fresh_interface ref0
        ref_sync+=("$(measure "wg syncconf" time wg syncconf ref0 "$B/syncconf.conf")") || exit 1
        fresh_interface "$HUB_IF"
        rm -f "$B/state/"*.json "$B/state/"*.conf
        t0=$EPOCHREALTIME
        HUB_WRAP=0 hub_up --interval 3600 --log-level "${BENCH_SYNC_LOG_LEVEL:-info}"
        out=$(bench logwait "$HUB_LOG" 600000 "peers applied|?reconcile pass (" since "$t0")
        [ -n "$(field ms1 <<<"$out")" ] || lab_fail "full sync: $out; $(tail -n 5 "$HUB_LOG")"
        hub_sync+=("$(field ms1 <<<"$out")")
        hub_pass+=("$(field ms2 <<<"$out")")
        bench count "$(uapi "$HUB_IF")" "$total" 10000 >/dev/null || lab_fail "the hub logged its peers applied, but the interface does not have $total"
        hub_wait_applied
        [ "$run" = "$SYNC_REPEAT" ] || hub_down
    done
    printf 'RESULT %s full-sync: hub peers applied median %s ms (runs %s), first pass done median %s ms (runs %s) | wg syncconf median %s ms (runs %s)\n' \
        "$N" "$(median "${hub_sync[@]}")" "${hub_sync[*]}" "$(median "${hub_pass[@]}")" "${hub_pass[*]}" \
        "$(median "${ref_sync[@]}")" "${ref_sync[*]}"
    if [ "${BENCH_ONLY:-}" = sync ]; then
        hub_down
        continue
    fi
    out=$(bench get "$(uapi "$HUB_IF")")
    printf 'RESULT %s uapi-get (one read of the whole interface, for scale): %s\n' "$N" "$out"
    sleep 2
    printf 'RESULT %s hub-rss-after-sync: %s MB\n' "$N" "$(rss_mb "$HUB_PID")"

    # --- one change -> on the interface -----------------------------------------
    # The file is renamed into place by hubbench, which then follows the hub's log:
    # "peers applied" is the change acknowledged by wireguard-go, "reconcile pass
    # (change)" the whole step with the firewall and the hosts file. The reference
    # is one `wg set` by hand, start to exit. Each is then checked on the interface.
    add=() add_pass=() del=() eng=() eng_pass=() hand=() hand_del=()
    for run in $(seq 1 "$REPEAT"); do
        cp "$B/ips-plus.json" "$B/ips.next"
        out=$(bench logwait "$HUB_LOG" 20000 "peers applied|?reconcile pass (change)" rename "$B/ips.next" "$B/ips.json")
        add+=("$(field ms1 <<<"$out")") add_pass+=("$(field ms2 <<<"$out")")
        [ -n "${add[-1]}" ] || lab_fail "device added: $out"
        bench wait "$(uapi "$HUB_IF")" present "$new_dev" 5000 none >/dev/null || lab_fail "the added device is not on the interface"
        sleep 1
        cp "$B/ips-base.json" "$B/ips.next"
        out=$(bench logwait "$HUB_LOG" 20000 "peers applied" rename "$B/ips.next" "$B/ips.json")
        del+=("$(field ms1 <<<"$out")")
        [ -n "${del[-1]}" ] || lab_fail "device removed: $out"
        bench wait "$(uapi "$HUB_IF")" absent "$new_dev" 5000 none >/dev/null || lab_fail "the removed device is still on the interface"
        sleep 1
        cp "$B/clients-plus.conf" "$B/clients.next"
        out=$(bench logwait "$HUB_LOG" 20000 "peers applied|?reconcile pass (change)" rename "$B/clients.next" "$B/clients.conf")
        eng+=("$(field ms1 <<<"$out")") eng_pass+=("$(field ms2 <<<"$out")")
        [ -n "${eng[-1]}" ] || lab_fail "engineer added: $out"
        bench wait "$(uapi "$HUB_IF")" present "$new_eng" 5000 none >/dev/null || lab_fail "the added engineer is not on the interface"
        sleep 1
        cp "$B/clients-base.conf" "$B/clients.next"
        bench logwait "$HUB_LOG" 20000 "peers applied" rename "$B/clients.next" "$B/clients.conf" >/dev/null
        sleep 1
        hand+=("$(measure "wg set by hand" time wg set "$HUB_IF" peer "$hand_key" allowed-ips "$hand_ip/32")") || exit 1
        bench wait "$(uapi "$HUB_IF")" present "$hand_key" 5000 none >/dev/null || lab_fail "wg set by hand did not add the peer"
        hand_del+=("$(measure "wg set remove by hand" time wg set "$HUB_IF" peer "$hand_key" remove)") || exit 1
        sleep 1
    done
    printf 'RESULT %s device-added: peers applied median %s ms (runs %s), whole step median %s ms (runs %s) | wg set by hand median %s ms (runs %s)\n' \
        "$N" "$(median "${add[@]}")" "${add[*]}" "$(median "${add_pass[@]}")" "${add_pass[*]}" "$(median "${hand[@]}")" "${hand[*]}"
    printf 'RESULT %s device-removed: peers applied median %s ms (runs %s) | wg set remove by hand median %s ms\n' \
        "$N" "$(median "${del[@]}")" "${del[*]}" "$(median "${hand_del[@]}")"
    printf 'RESULT %s engineer-added: peers applied median %s ms (runs %s), whole step median %s ms (runs %s)\n' \
        "$N" "$(median "${eng[@]}")" "${eng[*]}" "$(median "${eng_pass[@]}")" "${eng_pass[*]}"
    hub_down

    # --- no-op periodic cycles --------------------------------------------------
    hub_up --interval 1 --log-level debug
    hub_wait_applied
    sleep 5
    read -r c0 s0 < <(cpu_ms "$HUB_PID")
    cyc0=$(hub_cycles) wg0=$(calls wg) nft0=$(calls nft) ip0=$(calls ip)
    sleep "$CYCLE_SECONDS"
    read -r c1 s1 < <(cpu_ms "$HUB_PID")
    cyc1=$(hub_cycles) wg1=$(calls wg) nft1=$(calls nft) ip1=$(calls ip)
    cycles=$((cyc1 - cyc0))
    [ "$cycles" -gt 0 ] || lab_fail "no periodic cycle seen in $CYCLE_SECONDS s"
    printf 'RESULT %s noop-cycle: %d cycles in %s s, hub CPU per cycle %.2f ms (schedstat) %.1f ms (stat ticks); per cycle: wg %.2f nft %.2f ip %.2f runs; nft calls seen: %s\n' \
        "$N" "$cycles" "$CYCLE_SECONDS" "$(awk -v a="$s0" -v b="$s1" -v n="$cycles" 'BEGIN { print (b - a) / n }')" \
        "$(awk -v a="$c0" -v b="$c1" -v n="$cycles" 'BEGIN { print (b - a) / n }')" \
        "$(awk -v a="$wg0" -v b="$wg1" -v n="$cycles" 'BEGIN { print (b - a) / n }')" \
        "$(awk -v a="$nft0" -v b="$nft1" -v n="$cycles" 'BEGIN { print (b - a) / n }')" \
        "$(awk -v a="$ip0" -v b="$ip1" -v n="$cycles" 'BEGIN { print (b - a) / n }')" \
        "$(tail -n +$((nft0 + 1)) "$B/wrap/nft.calls" | sort | uniq -c | sort -rn | head -n 3 | awk '{ c = $1; $1 = ""; printf "%s x%s;", $0, c }')"
    hub_down

    # --- idle ------------------------------------------------------------------------
    hub_up --log-level info
    hub_wait_applied
    sleep 5
    read -r c0 s0 < <(cpu_ms "$HUB_PID")
    sleep "$IDLE_SECONDS"
    read -r c1 s1 < <(cpu_ms "$HUB_PID")
    printf 'RESULT %s idle: hub CPU over %s s %.2f ms (schedstat) %.1f ms (ticks) = %.3f %% of a core; RSS %s MB\n' \
        "$N" "$IDLE_SECONDS" "$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')" \
        "$(awk -v a="$c0" -v b="$c1" 'BEGIN { print b - a }')" \
        "$(awk -v a="$s0" -v b="$s1" -v t="$IDLE_SECONDS" 'BEGIN { print (b - a) / (t * 10) }')" "$(rss_mb "$HUB_PID")"
    hub_down
    fresh_interface "$HUB_IF" # frees the N peers' memory before the next count
done
lab_step "done"
