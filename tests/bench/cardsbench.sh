#!/usr/bin/env bash
# POST /api/v1/cards against the limit of Qt + SQLite on this machine (issue 17), side by side.
#
#   tests/bench/cardsbench.sh [path/to/javumbo] [path/to/javumbo_minimalserver]
#       (defaults: build/release/app/javumbo, build/release/tests/bench/javumbo_minimalserver)
#
# A benchmark, not a test: it prints figures and passes or fails nothing. For each durability mode
# (normal: SQLite synchronous=NORMAL; full: a sync before every reply) and each round it runs the
# same two wrk loads against javumbo_minimalserver (the yardstick: QtHttpServer inserting a note
# and a card into per-user SQLite, nothing else), against the same with Anki's schema ("anki":
# also the five indexes of notes and cards and the col row that every add must write in an Anki
# collection) and against `javumbo serve --durability MODE`:
#   c. 32 users over 32 connections      d. one hot user over 8 connections
# then prints the medians and javumbo's ratio to the yardstick. Every server starts on an empty
# data directory, so no run pays for the rows of the one before. Client and servers share the
# machine, so compare only figures of one run.
#
# Environment: ROUNDS (default 3), DURATION (wrk -d, default 10s), USERS (default 32),
# MODES (default "normal full"), SERVE_ARGS (extra serve options), KEEP=1 keeps the work directory.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${1:-$ROOT/build/release/app/javumbo}
MINIMAL=${2:-$ROOT/build/release/tests/bench/javumbo_minimalserver}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
USERS=${USERS:-32}
MODES=${MODES:-normal full}
PASSWORD=bench-password-1
export JAVUMBO_WRK_DIR="$HERE/wrk"
export QT_QPA_PLATFORM=offscreen

die() { echo "cardsbench: $*" >&2; exit 1; }
for tool in wrk curl jq; do command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get install $tool)"; done
[ -x "$BIN" ] || die "no javumbo binary at $BIN"
[ -x "$MINIMAL" ] || die "no javumbo_minimalserver at $MINIMAL (cmake --build --preset release --target javumbo_minimalserver)"
# Read the whole help first: grep -q stops at the match and, under pipefail, javumbo's SIGPIPE
# while it still writes the rest would read as "no such option".
serve_help=$("$BIN" serve --help)
grep -q -- '--durability' <<<"$serve_help" || die "this javumbo has no serve --durability"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/javumbo-cardsbench.XXXXXX")
SERVER_PID=""
stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
cleanup() {
    stop_server
    if [ "${KEEP:-0}" = 1 ]; then echo "cardsbench: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start() { # COMMAND...: runs a server that prints "listening on http://HOST:PORT"; sets BASE
    "$@" >"$WORK/server.out" 2>"$WORK/server.err" &
    SERVER_PID=$!
    for _ in $(seq 300); do grep -q 'listening on' "$WORK/server.out" && break; sleep 0.1; done
    local port
    port=$(sed -n 's#.*listening on http://[^ ]*:\([0-9][0-9]*\).*#\1#p' "$WORK/server.out" | head -n1)
    [ -n "$port" ] || { cat "$WORK/server.err" >&2; die "the server did not start: $*"; }
    BASE="http://127.0.0.1:$port"
}

# javumbo's accounts are made once, in a template data directory copied for every run (while no
# server runs), so that each run starts empty yet nobody pays PBKDF2 inside a measurement.
TEMPLATE="$WORK/template"
mkdir -p "$TEMPLATE"
for i in $(seq 1 "$USERS"); do echo "cards$i"; done | xargs -P2 -I{} sh -c \
    'printf "%s\n" "$3" | "$1" users add "$4" --email "$4@example.org" --data-dir "$2" >/dev/null 2>>"$5"' \
    _ "$BIN" "$TEMPLATE" "$PASSWORD" {} "$WORK/users.log" || { cat "$WORK/users.log" >&2; die "cannot create users"; }
for i in $(seq 1 "$USERS"); do echo "minimal-token-$i"; done >"$WORK/minimal.tokens"
head -n1 "$WORK/minimal.tokens" >"$WORK/minimal.one"

wrk_run() { # CONNECTIONS TOKENS: prints "rps p50 p99 non2xx"
    wrk -t2 -c"$1" -d"$DURATION" --timeout 10s --latency -s "$JAVUMBO_WRK_DIR/post_cards.lua" "$BASE/api/v1/cards" \
        -- "$2" 2 >"$WORK/wrk.txt" 2>&1 || { cat "$WORK/wrk.txt" >&2; die "wrk failed"; }
    grep '^RESULT ' "$WORK/wrk.txt" | tail -n1 \
        | sed -E 's/.* rps=([^ ]+) p50_ms=([^ ]+) p90_ms=[^ ]+ p99_ms=([^ ]+) .* non2xx=([^ ]+) .*/\1 \2 \3 \4/'
}
measure() { # ROUND MODE SERVER LOAD CONNECTIONS TOKENS
    local figures
    figures=$(wrk_run "$5" "$6")
    echo "$1 $2 $3 $4 $figures" >>"$WORK/results"
    printf '    %-7s %-8s %-26s %9s req/s  p50 %6s  p99 %6s ms  non-2xx %s\n' "$2" "$3" "$4" $figures
}
fresh_data() { rm -rf "$WORK/data" && cp -a "$1" "$WORK/data"; }

echo "== javumbo cardsbench: $(date -u +%FT%TZ), $(nproc) cores, $ROUNDS rounds, wrk -d$DURATION, $USERS users"
echo "   binary $BIN $([ -n "${SERVE_ARGS:-}" ] && echo "(serve $SERVE_ARGS)")"
: >"$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
    echo "-- round $round"
    for mode in $MODES; do
        for load in c d; do
            connections=32 javumbo_tokens="$WORK/javumbo.tokens" minimal_tokens="$WORK/minimal.tokens"
            [ "$load" = d ] && connections=8 javumbo_tokens="$WORK/javumbo.one" minimal_tokens="$WORK/minimal.one"

            rm -rf "$WORK/data"
            start "$MINIMAL" "$WORK/data" "$mode"
            measure "$round" "$mode" minimal "$load" "$connections" "$minimal_tokens"
            stop_server

            rm -rf "$WORK/data"
            start "$MINIMAL" "$WORK/data" "$mode" anki
            measure "$round" "$mode" anki "$load" "$connections" "$minimal_tokens"
            stop_server

            fresh_data "$TEMPLATE"
            start "$BIN" serve --port 0 --data-dir "$WORK/data" --log-file /dev/null --durability "$mode" ${SERVE_ARGS:-}
            for i in $(seq 1 "$USERS"); do
                curl -sf -X POST -H 'Content-Type: application/json' \
                    -d "{\"username\":\"cards$i\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/login" | jq -er .token
            done >"$WORK/javumbo.tokens" || die "logins failed"
            head -n1 "$WORK/javumbo.tokens" >"$WORK/javumbo.one"
            measure "$round" "$mode" javumbo "$load" "$connections" "$javumbo_tokens"
            stop_server
        done
    done
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { # MODE SERVER LOAD FIELD
    awk -v m="$1" -v s="$2" -v l="$3" -v f="$4" '$2 == m && $3 == s && $4 == l { print $f }' "$WORK/results" | median
}
echo
echo "== medians over $ROUNDS rounds (c: $USERS users, 32 connections; d: one user, 8 connections)"
printf '%-7s %-5s %12s %8s %8s %10s %8s %12s %8s %8s %8s %8s\n' mode load "minimal r/s" p50_ms p99_ms \
    "anki r/s" p99_ms "javumbo r/s" p50_ms p99_ms ratio "vs anki"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
for mode in $MODES; do
    for load in c d; do
        minimal=$(col "$mode" minimal "$load" 5)
        anki=$(col "$mode" anki "$load" 5)
        javumbo=$(col "$mode" javumbo "$load" 5)
        printf '%-7s %-5s %12s %8s %8s %10s %8s %12s %8s %8s %8s %8s\n' "$mode" "$load" "$minimal" \
            "$(col "$mode" minimal "$load" 6)" "$(col "$mode" minimal "$load" 7)" \
            "$anki" "$(col "$mode" anki "$load" 7)" "$javumbo" \
            "$(col "$mode" javumbo "$load" 6)" "$(col "$mode" javumbo "$load" 7)" \
            "$(ratio "$javumbo" "$minimal")" "$(ratio "$javumbo" "$anki")"
    done
done
echo "targets (issue 17): normal c >= 0.80 of minimal with p99 < 20 ms; normal d >= 5,000 req/s;"
echo "                    full: javumbo (group commit) above the minimal server that syncs every insert alone"
