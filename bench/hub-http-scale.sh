#!/usr/bin/env bash
# The hub's HTTP API at factory scale (issue 11), measured from outside with wrk:
# the real factory-vpn-hub in a lab namespace over a real wireguard-go (the hub
# starts it), a static --inventory of COUNT devices in 10.42.0.0/16 (the hub at
# 10.42.42.1/16), the public TLS listener on 192.0.2.1:8443 and the admin
# listener on 127.0.0.1:8444 with a bearer token. wrk runs in the hub's
# namespace. For each COUNT, every figure beside a reference from the same run:
#
#   1. GET /api/v1/devices, full answers (wrk -t2 -c32, --latency): req/s, p50,
#      p99, bytes per answer        vs  GET /api/v1/settings, same wrk settings
#   2. GET /api/v1/devices with If-None-Match: <ETag of a first GET> -> 304,
#      and GET /api/v1/devices?since=<its "revision"> (empty delta): req/s and
#      the answers' statuses (a Lua script counts them)
#   3. GET /api/v1/devices with Accept-Encoding: gzip: req/s, gzip answer size
#   4. GET /api/v1/status: req/s
#   5. public GET /api/v1/health over TLS (wrk -t2 -c4 --latency): p50, p99 idle
#      vs while a background wrk -t1 -c16 pulls /devices on the admin listener
#      without pause; hub VmRSS idle and its maximum during the /devices loads.
#
#   bench/hub-http-scale.sh HUB_BINARY [COUNT...]
#
# COUNT defaults to "10000 50000"; each runs in a lab of its own (about 100 s
# with a Release hub; BENCH_SECONDS sets each wrk run, default 10). Needs root, wrk and
# curl. Only prints: no figure is judged, but the run fails when the hub does not
# come up, does not converge, or answers anything but 200/304 (or wrk sees socket
# errors). The hub runs with its default --interval (300 s) and --log-level info,
# as installed. Run it under /work/bin/buildlock on a shared machine; results on
# stdout (RESULT lines), see docs/benchmarks.md.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)

# --- the parent: one child run (one lab) per COUNT ------------------------------
if [ "${1:-}" != --one ]; then
    HUB=$(readlink -f "${1:-}")
    if [ -z "${1:-}" ] || [ ! -x "$HUB" ]; then
        echo "usage: hub-http-scale.sh HUB_BINARY [COUNT...]   (COUNT default: 10000 50000)" >&2
        exit 2
    fi
    shift
    COUNTS=("$@")
    [ ${#COUNTS[@]} -gt 0 ] || COUNTS=(10000 50000)
    for count in "${COUNTS[@]}"; do
        case $count in
            '' | *[!0-9]*) echo "COUNT '$count' is not a number" >&2; exit 2 ;;
        esac
        if [ "$count" -lt 1 ] || [ "$count" -gt 60000 ]; then
            echo "COUNT must be 1..60000 (10.42.0.0/16 without 10.42.42.0/24)" >&2
            exit 2
        fi
    done
    echo "# hub-http-scale: $(date -u '+%F %T') UTC, $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r)"
    echo "# hub $HUB, built $(date -u -r "$HUB" '+%F %T') UTC, sha256 $(sha256sum "$HUB" | cut -c1-12); $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    started=$SECONDS
    rc=0
    for count in "${COUNTS[@]}"; do
        t0=$SECONDS
        bash "$0" --one "$HUB" "$count"
        one=$?
        echo "# COUNT $count: exit $one after $((SECONDS - t0)) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
        [ "$one" = 0 ] || rc=1
    done
    echo "# hub-http-scale: done in $((SECONDS - started)) s, exit $rc"
    exit "$rc"
fi

# --- the child: one lab, one COUNT -------------------------------------------------
# shellcheck source=tests/lab/lib.sh
. "$HERE/../tests/lab/lib.sh"
# shellcheck source=tests/lab/hub-lib.sh
. "$HERE/../tests/lab/hub-lib.sh"

COUNT=$3
SECS=${BENCH_SECONDS:-10}
PUBLIC="$LAB_HUB_UNDERLAY:8443"
ADMIN="http://127.0.0.1:8444"
HEALTH="https://$PUBLIC/api/v1/health"
HUB_STATIC_VPNADDR="$LAB_HUB_OVERLAY/16"
HUB_INTERVAL=300 # the default: no periodic pass during the runs, as installed
HUB_LOG_LEVEL=info
HUB_START_TIMEOUT=$((60 + COUNT / 250))
WRK_TIMEOUT=30s # a slow answer counts as latency, not as a socket error

hub_lab_init_static "$2"
for tool in wrk curl; do
    command -v "$tool" >/dev/null || lab_fail "$tool is not installed"
done
result() { printf 'RESULT %s %s\n' "$COUNT" "$*"; }

# rss_kb: the hub's VmRSS in kB.
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$HUB_PID/status"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

# rss_sampler_start FILE / rss_sampler_stop: VmRSS every 0.2 s into FILE;
# stop prints the largest sample (kB).
rss_sampler_start()
{
    RSS_FILE=$1
    : >"$RSS_FILE"
    (while :; do rss_kb; sleep 0.2; done) >>"$RSS_FILE" 2>/dev/null &
    RSS_PID=$!
    LAB_PIDS+=("$RSS_PID")
}
rss_sampler_stop()
{
    kill "$RSS_PID" 2>/dev/null
    wait "$RSS_PID" 2>/dev/null
    rss_kb >>"$RSS_FILE"
    sort -n "$RSS_FILE" | tail -n 1
}

# Every wrk run gets one of two Lua scripts. Both keep wrk from opening (and at
# once closing) a probe connection to the address before its own: at -c32, the
# admin listener's per-source cap, the hub would refuse one of the 32 while it
# still counts the probe (a socket error). COUNTING also counts the answers'
# statuses (for small answers only: with a response() function wrk buffers
# every body for Lua).
PLAIN="$LAB_DIR/plain.lua"
cat >"$PLAIN" <<'EOF'
function wrk.resolve(host, service) wrk.addrs = wrk.lookup(host, service) end
EOF
COUNTING="$LAB_DIR/counting.lua"
cat "$PLAIN" - >"$COUNTING" <<'EOF'
-- Counts the answers' statuses, their body sizes and ETag changes, over all threads.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
    statuses = {}
    bmin = -1
    bmax = 0
    etag = ""
    etag_changes = 0
end
function response(status, headers, body)
    local k = tostring(status)
    statuses[k] = (statuses[k] or 0) + 1
    local n = #body
    if bmin < 0 or n < bmin then bmin = n end
    if n > bmax then bmax = n end
    for name, value in pairs(headers) do
        if string.lower(name) == "etag" then
            if etag ~= "" and value ~= etag then etag_changes = etag_changes + 1 end
            etag = value
        end
    end
end
function done(summary, latency, requests)
    local total, lo, hi, changes, tags = {}, -1, 0, 0, {}
    for _, t in ipairs(threads) do
        for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
        local a, b = t:get("bmin"), t:get("bmax")
        if a >= 0 and (lo < 0 or a < lo) then lo = a end
        if b > hi then hi = b end
        changes = changes + t:get("etag_changes")
        tags[t:get("etag")] = true
    end
    local line = ""
    for k, v in pairs(total) do line = line .. " " .. k .. "=" .. v end
    io.write("COUNTED statuses" .. line .. "\n")
    io.write("COUNTED bodies " .. lo .. " " .. hi .. "\n")
    local distinct = 0
    for _ in pairs(tags) do distinct = distinct + 1 end
    io.write("COUNTED etag_changes " .. changes .. " last_etags " .. distinct .. "\n")
end
EOF

# settle: waits until the hub has closed every earlier connection to its
# listeners (none established or in CLOSE-WAIT on their side). -c32 is exactly
# the admin listener's per-source cap: a connection the hub has not yet seen
# closed (curl's, the previous run's) would make it refuse one of wrk's 32.
# SETTLE_PORTS: the listeners looked at (an ss filter).
SETTLE_PORTS='( sport = :8444 or sport = :8443 )'
settle()
{
    local i
    for i in $(seq 1 100); do
        [ -z "$(lab_exec hub ss -Htn state established state close-wait "$SETTLE_PORTS")" ] && break
        sleep 0.1
    done
    [ "$i" -lt 100 ] || lab_log "note: connections to the hub still open after 10 s: $(lab_exec hub ss -Htn "$SETTLE_PORTS" | wc -l)"
    sleep 0.2
}

# wrk_run NAME plain|counting WRK_ARGS...: wrk in the hub namespace, output in
# $LAB_DIR/wrk-NAME.txt. Sets W_RPS, W_P50, W_P99 (ms), W_REQS, W_NON2XX,
# W_SOCKERR (connect+read+write), W_TIMEOUTS, and with the counting script
# W_STATUSES ("200=N 304=M"), W_BMIN, W_BMAX, W_ETAG_CHANGES. Fails the run
# on socket errors, non-2xx/3xx answers or no answer at all.
wrk_run()
{
    local name=$1 out="$LAB_DIR/wrk-$1.txt" script=$PLAIN
    [ "$2" = counting ] && script=$COUNTING
    shift 2
    settle
    lab_exec hub wrk --timeout "$WRK_TIMEOUT" --latency -s "$script" "$@" >"$out" 2>&1 \
        || lab_fail "wrk ($name) failed: $(cat "$out")"
    wrk_parse "$name" "$out"
}

wrk_parse()
{
    local name=$1 out=$2
    local parsed
    parsed=$(awk '
        function ms(v) {
            if (v ~ /us$/) return v / 1000
            if (v ~ /ms$/) return v + 0
            if (v ~ /m$/) return v * 60000
            if (v ~ /s$/) return v * 1000
            return v
        }
        /Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        / requests in / { reqs = $1 }
        /Non-2xx or 3xx responses:/ { non = $NF }
        /Socket errors:/ { gsub(",", ""); sock = $4 + $6 + $8; tmo = $10 }
        $1 == "COUNTED" && $2 == "statuses" { st = ""; for (i = 3; i <= NF; i++) st = st (st == "" ? "" : ",") $i }
        $1 == "COUNTED" && $2 == "bodies" { bmin = $3; bmax = $4 }
        $1 == "COUNTED" && $2 == "etag_changes" { ech = $3 }
        END { printf "%.1f %.2f %.2f %d %d %d %d %s %s %s %s\n", rps, p50, p99, reqs, non, sock, tmo,
                  (st == "" ? "-" : st), (bmin == "" ? "-" : bmin), (bmax == "" ? "-" : bmax), (ech == "" ? "-" : ech) }' "$out")
    read -r W_RPS W_P50 W_P99 W_REQS W_NON2XX W_SOCKERR W_TIMEOUTS W_STATUSES W_BMIN W_BMAX W_ETAG_CHANGES <<<"$parsed"
    [ "$W_REQS" -gt 0 ] || lab_fail "wrk ($name) got no answer: $(cat "$out")"
    [ "$W_NON2XX" = 0 ] || lab_fail "wrk ($name): $W_NON2XX answers were not 2xx/3xx: $(cat "$out")"
    [ "$W_SOCKERR" = 0 ] || lab_fail "wrk ($name): socket errors: $(grep 'Socket errors' "$out")"
    if [ "$W_STATUSES" != - ]; then
        local s
        for s in ${W_STATUSES//,/ }; do
            case ${s%%=*} in
                200 | 304) ;;
                *) lab_fail "wrk ($name): answers with status $s" ;;
            esac
        done
    fi
    [ "$W_TIMEOUTS" = 0 ] || lab_log "note: wrk ($name) counted $W_TIMEOUTS requests unanswered after $WRK_TIMEOUT"
}

# probe NAME PATH [CURL ARGS...]: one admin GET with curl in the hub namespace;
# body in $LAB_DIR/NAME.body, headers in NAME.headers; prints "STATUS SIZE".
probe()
{
    local name=$1 path=$2
    shift 2
    lab_exec hub curl -sS --max-time 120 -o "$LAB_DIR/$name.body" -D "$LAB_DIR/$name.headers" \
        -w '%{http_code} %{size_download}' -H "Authorization: Bearer $TOKEN" "$@" "$ADMIN$path"
}
header() { awk -v h="$2" 'tolower($0) ~ "^" tolower(h) ":" { sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); print }' "$LAB_DIR/$1.headers"; }

# --- setup -----------------------------------------------------------------------
lab_step "setup: $COUNT devices in 10.42.0.0/16, hub $LAB_HUB_OVERLAY/16, admin API with a token"
hub_inventory_generate "$COUNT" || lab_fail "could not write the inventory"
clients_set_raw "# no engineer"$'\n'
TOKEN=$(lab_exec hub "$HUB_BIN" token create --name bench-admin --state-dir "$HUB_DIR/state" 2>/dev/null) \
    || lab_fail "factory-vpn-hub token create failed"
[ -n "$TOKEN" ] || lab_fail "token create printed no token"
t_start=$SECONDS
hub_start --public-listen "$PUBLIC"
[ "$(hub_status interface.address)" = "$HUB_STATIC_VPNADDR" ] \
    || lab_fail "the hub's address is $(hub_status interface.address), expected $HUB_STATIC_VPNADDR"
all_peers() { [ "$(hub_peer_count)" = "$COUNT" ]; }
lab_wait_until $((60 + COUNT / 200)) "all $COUNT device peers on $HUB_IF" all_peers
converged=$((SECONDS - t_start))
lab_pass "$COUNT peers on $HUB_IF, $converged s after the start"
health_up() { [ "$(lab_exec hub curl -sk --max-time 5 -o /dev/null -w '%{http_code}' "$HEALTH")" = 200 ]; }
lab_wait_until 30 "GET /api/v1/health on the public listener" health_up
admin_up() { [ "$(lab_exec hub curl -s --max-time 5 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$ADMIN/api/v1/settings")" = 200 ]; }
lab_wait_until 30 "GET /api/v1/settings on the admin listener" admin_up
result "converged: seconds=$converged (hub start -> $COUNT peers on the interface)"

# Idle: nobody has read devices yet (no live sampling); health first.
sleep 3
rss_idle=$(rss_kb)
result "rss-idle: MB=$(mb "$rss_idle")"

lab_step "5a. public GET /api/v1/health over TLS, idle (reference)"
wrk_run health-idle counting -t2 -c4 -d"${SECS}s" "$HEALTH"
result "health-idle: req/s=$W_RPS p50_ms=$W_P50 p99_ms=$W_P99 statuses=$W_STATUSES"
health_idle=("$W_RPS" "$W_P50" "$W_P99")

# --- first GET: ETag and revision -------------------------------------------------
lab_step "a first GET /api/v1/devices"
read -r status size < <(probe first /api/v1/devices)
[ "$status" = 200 ] || lab_fail "GET /api/v1/devices answered $status: $(head -c 300 "$LAB_DIR/first.body")"
listed=$(grep -o '"public_key"' "$LAB_DIR/first.body" | wc -l)
[ "$listed" = "$COUNT" ] || lab_fail "GET /api/v1/devices lists $listed devices, expected $COUNT"
ETAG=$(header first ETag)
REV=$(grep -o '"revision": *[0-9]*' "$LAB_DIR/first.body" | head -n 1 | grep -o '[0-9]*$')
[ -n "$ETAG" ] || lab_fail "GET /api/v1/devices has no ETag"
[ -n "$REV" ] || lab_fail "GET /api/v1/devices has no revision"
full_bytes=$size
lab_pass "200, $listed devices, $size bytes, ETag $ETAG, revision $REV"

AUTH="Authorization: Bearer $TOKEN"
lab_step "1. GET /api/v1/devices, full answers (wrk -t2 -c32, ${SECS} s)"
rss_sampler_start "$LAB_DIR/rss-c32.txt"
wrk_run devices-full plain -t2 -c32 -d"${SECS}s" -H "$AUTH" "$ADMIN/api/v1/devices"
rss_c32=$(rss_sampler_stop)
result "devices-full: req/s=$W_RPS p50_ms=$W_P50 p99_ms=$W_P99 bytes=$full_bytes answers=$W_REQS (all 2xx/3xx) rss_max_MB=$(mb "$rss_c32")"
devices_full=("$W_RPS" "$W_P50" "$W_P99")

wrk_run settings plain -t2 -c32 -d"${SECS}s" -H "$AUTH" "$ADMIN/api/v1/settings"
read -r _ settings_bytes < <(probe settings /api/v1/settings)
result "settings (reference): req/s=$W_RPS p50_ms=$W_P50 p99_ms=$W_P99 bytes=$settings_bytes answers=$W_REQS (all 2xx/3xx)"
settings=("$W_RPS" "$W_P50" "$W_P99")

lab_step "2. conditional GET (If-None-Match: $ETAG) and the empty delta (?since=$REV)"
wrk_run devices-304 counting -t2 -c32 -d"${SECS}s" -H "$AUTH" -H "If-None-Match: $ETAG" "$ADMIN/api/v1/devices"
result "devices-304: req/s=$W_RPS p50_ms=$W_P50 p99_ms=$W_P99 statuses=$W_STATUSES etag_changes_seen=$W_ETAG_CHANGES"
n304=$(tr ',' '\n' <<<"$W_STATUSES" | awk -F= '$1 == 304 { print $2 }')
if [ "${n304:-0}" -lt $((W_REQS * 99 / 100)) ]; then
    result "devices-304: NOTE only ${n304:-0} of $W_REQS answers were 304: the ETag moved during the run (live data sampled)"
fi
devices_304=("$W_RPS" "$W_P50" "$W_P99" "$W_STATUSES")

wrk_run devices-since counting -t2 -c32 -d"${SECS}s" -H "$AUTH" "$ADMIN/api/v1/devices?since=$REV"
read -r status since_bytes < <(probe since "/api/v1/devices?since=$REV")
since_empty=no
if grep -q '"full": *false' "$LAB_DIR/since.body" && grep -q '"devices": *\[ *\]' "$LAB_DIR/since.body" \
    && grep -q '"removed": *\[ *\]' "$LAB_DIR/since.body"; then
    since_empty=yes
fi
result "devices-since: req/s=$W_RPS p50_ms=$W_P50 p99_ms=$W_P99 statuses=$W_STATUSES body_bytes=$W_BMIN..$W_BMAX empty_delta_after=$since_empty ($since_bytes bytes)"
[ "$since_empty" = yes ] || result "devices-since: NOTE the delta since $REV is not empty after the run: $(head -c 300 "$LAB_DIR/since.body")"
devices_since=("$W_RPS" "$W_P50" "$W_P99" "$W_STATUSES")

lab_step "3. GET /api/v1/devices with Accept-Encoding: gzip"
read -r status gzip_bytes < <(probe gzip /api/v1/devices -H 'Accept-Encoding: gzip')
[ "$status" = 200 ] || lab_fail "gzip GET answered $status"
[ "$(header gzip Content-Encoding)" = gzip ] || lab_fail "no Content-Encoding: gzip in the answer"
wrk_run devices-gzip plain -t2 -c32 -d"${SECS}s" -H "$AUTH" -H 'Accept-Encoding: gzip' "$ADMIN/api/v1/devices"
result "devices-gzip: req/s=$W_RPS p50_ms=$W_P50 p99_ms=$W_P99 gzip_bytes=$gzip_bytes (of $full_bytes) answers=$W_REQS (all 2xx/3xx)"
devices_gzip=("$W_RPS" "$W_P50" "$W_P99")

lab_step "4. GET /api/v1/status"
wrk_run status plain -t2 -c32 -d"${SECS}s" -H "$AUTH" "$ADMIN/api/v1/status"
read -r _ status_bytes < <(probe status /api/v1/status)
result "status: req/s=$W_RPS p50_ms=$W_P50 p99_ms=$W_P99 bytes=$status_bytes answers=$W_REQS (all 2xx/3xx)"
status_run=("$W_RPS" "$W_P50" "$W_P99")

lab_step "5b. public GET /api/v1/health over TLS while wrk -c16 pulls /devices on the admin listener"
rss_sampler_start "$LAB_DIR/rss-c16.txt"
BG_OUT="$LAB_DIR/wrk-background.txt"
settle
lab_spawn hub "$BG_OUT" wrk --timeout "$WRK_TIMEOUT" --latency -s "$PLAIN" -t1 -c16 -d"$((SECS + 5))s" -H "$AUTH" "$ADMIN/api/v1/devices"
BG_PID=$LAB_SPAWNED_PID
sleep 2
kill -0 "$BG_PID" 2>/dev/null || lab_fail "the background wrk ended early: $(cat "$BG_OUT")"
SETTLE_PORTS='( sport = :8443 )' # the background's 16 stay
wrk_run health-load counting -t2 -c4 -d"${SECS}s" "$HEALTH"
SETTLE_PORTS='( sport = :8444 or sport = :8443 )'
health_load=("$W_RPS" "$W_P50" "$W_P99" "$W_STATUSES")
kill -0 "$BG_PID" 2>/dev/null || lab_fail "the background wrk ended before the health run did: $(cat "$BG_OUT")"
for _ in $(seq 1 $((SECS * 10 + 600))); do
    kill -0 "$BG_PID" 2>/dev/null || break
    sleep 0.1
done
wait "$BG_PID"
bg_rc=$?
rss_c16=$(rss_sampler_stop)
[ "$bg_rc" = 0 ] || lab_fail "the background wrk exited with $bg_rc: $(cat "$BG_OUT")"
wrk_parse background "$BG_OUT"
result "health-under-load: req/s=${health_load[0]} p50_ms=${health_load[1]} p99_ms=${health_load[2]} statuses=${health_load[3]} (idle: p50_ms=${health_idle[1]} p99_ms=${health_idle[2]})"
result "devices-background-c16: req/s=$W_RPS p50_ms=$W_P50 p99_ms=$W_P99 answers=$W_REQS (all 2xx/3xx) rss_max_MB=$(mb "$rss_c16") (idle $(mb "$rss_idle"))"
background=("$W_RPS" "$W_P50" "$W_P99")

lab_step "after the runs"
read -r status _ < <(probe last /api/v1/devices)
[ "$status" = 200 ] || lab_fail "GET /api/v1/devices answered $status after the runs"
etag_after=$(header last ETag)
result "etag: first=$ETAG after_runs=$etag_after $([ "$etag_after" = "$ETAG" ] && echo unchanged || echo CHANGED)"
kill -0 "$HUB_PID" 2>/dev/null || lab_fail "the hub is gone"
hub_stop

printf '\nSUMMARY %s devices (%s s per wrk run; req/s, p50/p99 ms)\n' "$COUNT" "$SECS"
printf '  %-48s %10s %9s %9s   %s\n' what req/s p50 p99 notes
row() { printf '  %-48s %10s %9s %9s   %s\n' "$@"; }
row "GET /devices full (-c32)" "${devices_full[@]}" "$full_bytes B; target >=200 req/s"
row "GET /settings (-c32, reference)" "${settings[@]}" "$settings_bytes B"
row "GET /devices If-None-Match (-c32)" "${devices_304[@]::3}" "${devices_304[3]}; target >=5000 req/s"
row "GET /devices?since=REV, empty (-c32)" "${devices_since[@]::3}" "${devices_since[3]}; target >=5000 req/s"
row "GET /devices gzip (-c32)" "${devices_gzip[@]}" "$gzip_bytes B gzip"
row "GET /status (-c32)" "${status_run[@]}" "$status_bytes B; target >=5000 req/s"
row "public GET /health TLS (-c4), idle" "${health_idle[@]}" "reference"
row "public GET /health TLS (-c4), 16 pull /devices" "${health_load[@]::3}" "target p99 <=10 ms"
row "  background GET /devices (-t1 -c16)" "${background[@]}" ""
printf '  hub RSS: idle %s MB, max %s MB with 32 pulling /devices, max %s MB with 16 (target <=80 MB)\n' \
    "$(mb "$rss_idle")" "$(mb "$rss_c32")" "$(mb "$rss_c16")"
lab_step "done ($COUNT devices)"
