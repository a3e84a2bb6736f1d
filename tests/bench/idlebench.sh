#!/usr/bin/env bash
# What idle keep-alive connections cost `javumbo serve` (issue 17), side by side in one run.
#
#   tests/bench/idlebench.sh [path/to/javumbo] [path/to/javumbo_idleclients]
#       (defaults: build/release/app/javumbo, build/release/tests/bench/javumbo_idleclients)
#
# A benchmark, not a test: it prints figures and passes or fails nothing. Each round starts a fresh
# server (so that no round's memory figure profits from heap the round before freed), runs wrk for
# GET /api/v1/health and POST /api/v1/cards without idle connections, opens IDLE idle connections
# (javumbo_idleclients: one GET /health each, then nothing), runs the same two wrk loads again, and
# closes them. It prints req/s, p50 and p99 for both, the server's RSS per idle connection
# (VmRSS with them open minus before), the set-up rate of new connections with 0, IDLE/2 and IDLE
# already open, and the RSS once they closed; then the medians over the rounds. Client and server
# share the machine, so compare only figures of one run.
#
# Environment: IDLE (default 10000), ROUNDS (default 3), DURATION (wrk -d, default 10s),
# CONNECTIONS (wrk -c, default 32), USERS (default 8), SERVE_ARGS (extra serve options), KEEP=1.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${1:-$ROOT/build/release/app/javumbo}
CLIENTS=${2:-$ROOT/build/release/tests/bench/javumbo_idleclients}
IDLE=${IDLE:-10000}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
USERS=${USERS:-8}
PASSWORD=bench-password-1
export JAVUMBO_WRK_DIR="$HERE/wrk"
export QT_QPA_PLATFORM=offscreen

die() { echo "idlebench: $*" >&2; exit 1; }
for tool in wrk curl jq; do command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get install $tool)"; done
[ -x "$BIN" ] || die "no javumbo binary at $BIN"
[ -x "$CLIENTS" ] || die "no javumbo_idleclients at $CLIENTS (cmake --build --preset release --target javumbo_idleclients)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/javumbo-idlebench.XXXXXX")
DATA="$WORK/data"
SERVER_PID=""
cleanup() {
    [ -n "${CLIENTS_PID:-}" ] && kill "$CLIENTS_PID" 2>/dev/null || true
    [ -n "$SERVER_PID" ] && { kill -TERM "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; } || true
    if [ "${KEEP:-0}" = 1 ]; then echo "idlebench: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$WORK/template"
for i in $(seq 1 "$USERS"); do
    printf '%s\n' "$PASSWORD" | "$BIN" users add "idle$i" --email "idle$i@example.org" --data-dir "$WORK/template" \
        >/dev/null 2>>"$WORK/users.log" || { cat "$WORK/users.log" >&2; die "cannot create users"; }
done

start_server() { # a fresh server for each round: every round's memory figures start from a cold heap
    # The idle connections must outlive the run, and fit under the cap with room for wrk and probes.
    "$BIN" serve --port 0 --data-dir "$DATA" --log-file /dev/null --idle-timeout 3600 \
        --max-connections $((2 * IDLE + 1000)) ${SERVE_ARGS:-} >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVER_PID=$!
    for _ in $(seq 300); do grep -q 'listening on' "$WORK/serve.out" && break; sleep 0.1; done
    PORT=$(sed -n 's#.*listening on http://[^ ]*:\([0-9][0-9]*\).*#\1#p' "$WORK/serve.out" | head -n1)
    [ -n "$PORT" ] || { cat "$WORK/serve.err" >&2; die "the server did not start"; }
    BASE="http://127.0.0.1:$PORT"
    for i in $(seq 1 "$USERS"); do
        curl -sf -X POST -H 'Content-Type: application/json' -d "{\"username\":\"idle$i\",\"password\":\"$PASSWORD\"}" \
            "$BASE/api/v1/login" | jq -er .token
    done >"$WORK/tokens" || die "logins failed"
}
stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status"; }
open_fds() { find "/proc/$SERVER_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
wrk_run() { # SCRIPT PATH [args]: prints "rps p50 p99"
    local script=$1 path=$2
    shift 2
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$JAVUMBO_WRK_DIR/$script" "$BASE$path" -- "$@" \
        >"$WORK/wrk.txt" 2>&1 || { cat "$WORK/wrk.txt" >&2; die "wrk failed"; }
    grep '^RESULT ' "$WORK/wrk.txt" | tail -n1 \
        | sed -E 's/.* rps=([^ ]+) p50_ms=([^ ]+) p90_ms=[^ ]+ p99_ms=([^ ]+) .* non2xx=([^ ]+) .*/\1 \2 \3 \4/'
}
loads() { # LABEL: both wrk loads, appended to $WORK/results as "round label load rps p50 p99 non2xx"
    local health cards
    health=$(wrk_run health.lua /api/v1/health)
    cards=$(wrk_run post_cards.lua /api/v1/cards "$WORK/tokens" 2)
    echo "$round $1 health $health" >>"$WORK/results"
    echo "$round $1 cards $cards" >>"$WORK/results"
    printf '    %-13s GET /health %8s req/s p50 %6s p99 %6s ms | POST /cards %8s req/s p50 %6s p99 %6s ms\n' \
        "$1" $(cut -d' ' -f1-3 <<<"$health") $(cut -d' ' -f1-3 <<<"$cards")
}

echo "== javumbo idlebench: $(date -u +%FT%TZ), $(nproc) cores, $IDLE idle connections, $ROUNDS rounds, wrk -c$CONNECTIONS -d$DURATION"
echo "   binary $BIN $([ -n "${SERVE_ARGS:-}" ] && echo "(serve $SERVE_ARGS)")"
: >"$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
    echo "-- round $round"
    rm -rf "$WORK/data" && cp -a "$WORK/template" "$DATA"
    start_server
    loads without
    fds_before=$(open_fds)
    rss_before=$(rss_kb)
    coproc CLIENT { exec "$CLIENTS" "$PORT" "$IDLE" 2>"$WORK/clients.err"; }
    CLIENTS_PID=$CLIENT_PID
    exec 3<&"${CLIENT[0]}" 4>&"${CLIENT[1]}"
    while read -r line <&3; do
        case $line in
            batch*) echo "$line" >>"$WORK/batches.$round" ;;
            holding*) break ;;
        esac
    done
    [ "$(grep -c . "$WORK/batches.$round" 2>/dev/null || echo 0)" -gt 0 ] || { cat "$WORK/clients.err" >&2; die "idle clients failed"; }
    sleep 3 # idle for real: what a class's open tabs cost between requests
    rss_open=$(rss_kb)
    loads with-idle
    echo close >&4
    read -r _ <&3 || true
    exec 3<&- 4>&-
    wait "$CLIENTS_PID" 2>/dev/null || true
    CLIENTS_PID=""
    for _ in $(seq 100); do [ "$(open_fds)" -le $((fds_before + 5)) ] && break; sleep 0.1; done
    sleep 1
    rss_closed=$(rss_kb)
    rate() { awk -v n="$1" '$2 == "open_before=" n { sub("rate=", "", $5); print $5 }' "$WORK/batches.$round"; }
    rate_0=$(rate 0) rate_half=$(rate $((IDLE / 2))) rate_full=$(rate "$IDLE")
    per_conn=$(awk -v a="$rss_open" -v b="$rss_before" -v n="$IDLE" 'BEGIN { printf "%.0f", (a - b) * 1024 / n }')
    echo "$round mem $per_conn $rss_before $rss_open $rss_closed" >>"$WORK/results"
    echo "$round setup $rate_0 $rate_half $rate_full" >>"$WORK/results"
    echo "    RSS: $((rss_before / 1024)) MB before, $((rss_open / 1024)) MB with $IDLE idle ($per_conn bytes each), $((rss_closed / 1024)) MB after they closed"
    echo "    set-up rate (connect + first answer, 32 in flight): $rate_0/s with 0 open, $rate_half/s with $((IDLE / 2)), $rate_full/s with $IDLE"
    stop_server
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v a="$1" -v b="$2" -v c="$3" '$2 == a && $3 == b { print $c }' "$WORK/results" | median; }
echo
echo "== medians over $ROUNDS rounds ($IDLE idle connections)"
printf '%-12s %-10s %10s %8s %8s %7s\n' load idle "req/s" p50_ms p99_ms non2xx
for load in health cards; do
    for when in without with-idle; do
        printf '%-12s %-10s %10s %8s %8s %7s\n' "$load" "$when" "$(col "$when" "$load" 4)" "$(col "$when" "$load" 5)" \
            "$(col "$when" "$load" 6)" "$(col "$when" "$load" 7)"
    done
done
mem() { awk -v c="$1" '$2 == "mem" { print $c }' "$WORK/results" | median; }
setup() { awk -v c="$1" '$2 == "setup" { print $c }' "$WORK/results" | median; }
echo "RSS per idle connection: $(mem 3) bytes; RSS before $(($(mem 4) / 1024)) MB, with idle $(($(mem 5) / 1024)) MB, after close $(($(mem 6) / 1024)) MB"
echo "set-up rate: $(setup 3)/s with 0 open, $(setup 4)/s with $((IDLE / 2)), $(setup 5)/s with $IDLE"
echo "targets (issue 17): with idle within 10 % of without (req/s, p99); <= 4096 bytes per idle connection;"
echo "                    set-up rate independent of the number open; RSS after close back near before"
