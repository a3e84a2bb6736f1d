#!/usr/bin/env bash
# Throughput and latency of `javumbo serve` under wrk, on loopback.
#
#   tests/bench/serverbench.sh [path/to/javumbo]     (default build/release/app/javumbo)
#
# A benchmark, not a test: it prints figures and passes or fails nothing (it is
# not registered with CTest). It exits non-zero only when it cannot measure:
# the server does not start, users cannot be created or logged in, a tool is
# missing. Client and server share the machine (2 cores on CI-like machines),
# so wrk's own CPU use is part of every figure.
#
# Environment: DURATION (wrk -d, default 15s), USERS (default 32),
# WRK_THREADS (default 2), SERVE_ARGS (extra serve options, e.g. "--threads 16"),
# SCENARIOS (letters to run, default "abcdef"; e.g. SCENARIOS=d while tuning the
# hot user), KEEP=1 keeps the work directory, SETUPS (default "sqlite postgres
# haproxy"):
#   sqlite    one `javumbo serve` on SQLite files, once per DURABILITIES mode
#             (default "full normal"; "default" passes no --durability)
#   postgres  one `javumbo serve --database` on a throw-away PostgreSQL 15
#             (a temporary directory, a socket only, fsync and synchronous_commit on)
#   haproxy   two such instances on that PostgreSQL behind haproxy
#             (packaging/haproxy/javumbo.cfg, round robin per request)
# Each mode starts from a copy of the same freshly signed-in state (a data
# directory, or a database made from a template). With more than one mode the
# summary ends with a side-by-side table of req/s, p99 and the server side's CPU
# per request (javumbo + PostgreSQL + haproxy, measured around wrk from /proc).
#
# Scenarios (each on a freshly started server over the same data directory, so
# lock statistics and request counters are per scenario):
#   a. GET /api/v1/health, 32 connections
#   b. GET /api/v1/decks, 32 connections, one user
#   c. POST /api/v1/cards, 32 users, 32 connections
#   d. POST /api/v1/cards, one user, 8 connections
#   e. mixed, 32 users, 32 connections: 20 % add card, 80 % review (next + answer)
#   f. POST /api/v1/cards with an Idempotency-Key on each, 32 users, 32 connections
# After c, d and e: the longest user-lock wait (GET /api/v1/admin/locks, summed
# over instances), and acknowledged writes against rows stored (sqlite3 over
# user_dbs/, or psql).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${1:-$ROOT/build/release/app/javumbo}
DURATION=${DURATION:-15s}
USERS=${USERS:-32}
WRK_THREADS=${WRK_THREADS:-2}
SCENARIOS=${SCENARIOS:-abcdef}
DURABILITIES=${DURABILITIES:-full normal}
SETUPS=${SETUPS:-sqlite postgres haproxy}
DURABILITY=""
MODE="" # sqlite-full, sqlite-normal, postgres, haproxy
PGBIN=/usr/lib/postgresql/15/bin
uses() { [[ " $SETUPS " == *" $1 "* ]]; }
uses_postgres() { uses postgres || uses haproxy; }
wanted() { [[ "$SCENARIOS" == *"$1"* ]]; }
PASSWORD=bench-password-1
export JAVUMBO_WRK_DIR="$HERE/wrk"
export QT_QPA_PLATFORM=offscreen

die() { echo "serverbench: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------
install_package() {
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "serverbench: installing $1"
    "${sudo[@]}" apt-get install -y "$1" >/dev/null \
        || { "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y "$1" >/dev/null; }
}
for tool in wrk curl sqlite3 jq; do
    command -v "$tool" >/dev/null 2>&1 || install_package "$tool"
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing and could not be installed"
done
uses_postgres && { [ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 is missing (bash packaging/dev.sh deps)"; }
uses haproxy && { command -v haproxy >/dev/null 2>&1 || die "haproxy is missing (bash packaging/dev.sh deps)"; }
[ -x "$BIN" ] || die "no javumbo binary at $BIN (cmake --build --preset release --target javumbo)"

# --- work directory, server lifetime -------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/javumbo-serverbench.XXXXXX")
DATA="$WORK/data"
PGDB="" # the current PostgreSQL mode's connection string

SERVER_EXIT=""
SERVER_PIDS=() # the javumbo instances of the current mode
SERVER_PORTS=()
PROXY_PID=""
CLOCK_TICKS=$(getconf CLK_TCK)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
ticks_of() { # PID...: their CPU so far (user + system, in clock ticks); gone processes count 0
    local total=0 pid t
    for pid in "$@"; do
        t=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
        total=$((total + t))
    done
    echo "$total"
}
postgres_pids() { # the postmaster and its children (backends, walwriter, checkpointer ...)
    [ -f "$WORK/pg/data/postmaster.pid" ] || return 0
    local postmaster
    postmaster=$(head -n1 "$WORK/pg/data/postmaster.pid")
    echo "$postmaster" $(pgrep -P "$postmaster" || true)
}
cpu_snapshot() { # "javumbo postgres haproxy" ticks now
    echo "$(ticks_of "${SERVER_PIDS[@]}") $(ticks_of $(postgres_pids)) $(ticks_of $PROXY_PID)"
}
stop_server() { # SIGTERM to every instance (and haproxy); sets SERVER_EXIT (the worst status)
    [ "${#SERVER_PIDS[@]}" -gt 0 ] || return 0
    local pid status
    SERVER_EXIT=0
    for pid in "${SERVER_PIDS[@]}"; do
        status=0
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" || status=$?
        if [ "$status" -ne 0 ]; then
            SERVER_EXIT=$status
            echo "    !! an instance exited with status $status after SIGTERM$([ "$status" -gt 128 ] && echo " (signal $((status - 128)))")"
        fi
    done
    SERVER_PIDS=()
    SERVER_PORTS=()
    if [ -n "$PROXY_PID" ]; then
        kill -TERM "$PROXY_PID" 2>/dev/null || true
        wait "$PROXY_PID" 2>/dev/null || true
        PROXY_PID=""
    fi
    return 0
}
cleanup() {
    stop_server
    [ -f "$WORK/pg/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1
    if [ "${KEEP:-0}" = 1 ]; then echo "serverbench: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_instance() { # NAME [SERVE ARGS...]: appends to SERVER_PIDS / SERVER_PORTS
    local name=$1 out="$WORK/serve-$1.out" pid port tries=0
    shift
    : >"$out"
    "$BIN" serve --port 0 --log-file /dev/null --instance-id "$name" "$@" ${SERVE_ARGS:-} >"$out" 2>>"$WORK/serve.err" &
    pid=$!
    SERVER_PIDS+=("$pid")
    until grep -q 'listening on' "$out"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$WORK/serve.err" >&2
            die "the server ($name) did not start"
        fi
        tries=$((tries + 1))
        [ "$tries" -lt 300 ] || { cat "$WORK/serve.err" >&2; die "no listening line from $name after 30 s"; }
        sleep 0.1
    done
    port=$(sed -n 's#.*listening on http://[^ ]*:\([0-9][0-9]*\).*#\1#p' "$out" | head -n1)
    [ -n "$port" ] || die "cannot read the port from: $(cat "$out")"
    SERVER_PORTS+=("$port")
    # A request answered means ready (and past the moment the signal handlers are installed).
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null || die "$name does not answer /api/v1/health"
}
start_proxy() { # haproxy with the shipped configuration in front of SERVER_PORTS; sets BASE
    local front cfg="$WORK/haproxy.cfg" n=0 port
    front=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    sed -e "s#bind 0.0.0.0:8700#bind 127.0.0.1:$front#" -e '/^    server /d' "$ROOT/packaging/haproxy/javumbo.cfg" >"$cfg"
    for port in "${SERVER_PORTS[@]}"; do
        n=$((n + 1))
        echo "    server s$n 127.0.0.1:$port check" >>"$cfg"
    done
    haproxy -f "$cfg" -db >"$WORK/haproxy.log" 2>&1 &
    PROXY_PID=$!
    BASE="http://127.0.0.1:$front"
    for _ in $(seq 100); do curl -sf "$BASE/api/v1/health" >/dev/null && return 0; sleep 0.1; done
    cat "$WORK/haproxy.log" >&2
    die "haproxy did not start"
}
start_server() { # the current MODE's server(s); sets BASE (where wrk goes)
    stop_server
    case $MODE in
    sqlite-*)
        local durability=()
        [ -z "$DURABILITY" ] || [ "$DURABILITY" = default ] || durability=(--durability "$DURABILITY")
        start_instance sqlite --data-dir "$DATA" "${durability[@]}"
        BASE="http://127.0.0.1:${SERVER_PORTS[0]}"
        ;;
    postgres)
        start_instance pg --data-dir "$DATA" --database "$PGDB"
        BASE="http://127.0.0.1:${SERVER_PORTS[0]}"
        ;;
    haproxy)
        start_instance a --data-dir "$DATA-a" --database "$PGDB" --trusted-proxy 127.0.0.1
        start_instance b --data-dir "$DATA-b" --database "$PGDB" --trusted-proxy 127.0.0.1
        start_proxy
        ;;
    esac
}

# --- users ---------------------------------------------------------------------
elapsed_since() { # START_NS: seconds since, one decimal
    local ms=$((($(date +%s%N) - $1) / 1000000))
    printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}
echo "== javumbo serverbench: $(date -u +%FT%TZ), $(nproc) cores, wrk $(wrk -v 2>&1 | head -n1 | awk '{print $2}'), duration $DURATION"
echo "   binary $BIN"
echo "   data   $DATA"
mkdir -p "$DATA" "$WORK/tokens"
names=()
for i in $(seq -w 1 "$USERS"); do names+=("bench$i"); done
started=$(date +%s%N)
# The admin first and alone: it creates admin.db; then two at a time (PBKDF2, ≈0.3–0.5 s each).
printf '%s\n' "$PASSWORD" | "$BIN" users add benchadmin --email benchadmin@example.org --admin --data-dir "$DATA" \
    >/dev/null 2>>"$WORK/users.log" || { cat "$WORK/users.log" >&2; die "cannot create the admin"; }
printf '%s\n' "${names[@]}" | xargs -P2 -I{} sh -c \
    'printf "%s\n" "$3" | "$1" users add "$4" --email "$4@example.org" --data-dir "$2" >/dev/null 2>>"$5"' \
    _ "$BIN" "$DATA" "$PASSWORD" {} "$WORK/users.log" || { cat "$WORK/users.log" >&2; die "cannot create the users"; }
echo "   created $USERS users + 1 admin with 'javumbo users add' in $(elapsed_since "$started") s"

MODE=sqlite-default
start_server
login() {
    curl -sf -X POST -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/login" | jq -er .token >"$WORK/tokens/$1"
}
export -f login
export BASE PASSWORD WORK
started=$(date +%s%N)
printf '%s\n' benchadmin "${names[@]}" | xargs -P2 -I{} bash -c 'login "$1"' _ {} || die "logins failed"
echo "   logged in $((USERS + 1)) users over HTTP in $(elapsed_since "$started") s"
ADMIN_TOKEN=$(cat "$WORK/tokens/benchadmin")
for name in "${names[@]}"; do cat "$WORK/tokens/$name"; done >"$WORK/tokens.all"
head -n1 "$WORK/tokens.all" >"$WORK/tokens.one"
stop_server
# Each durability mode starts from this state (the sessions above included): a
# second run over the first's data would find no new cards left to review today
# and replay the first run's Idempotency-Keys instead of adding cards.
cp -a "$DATA" "$WORK/data.signed-in"

# PostgreSQL: the same state moved in by `javumbo migrate` (accounts, sessions,
# collections) into a template; each PostgreSQL mode gets a fresh copy of it.
if uses_postgres; then
    chmod 755 "$WORK"
    mkdir -p "$WORK/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
    as_postgres "$PGBIN/initdb" -D "$WORK/pg/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
        -o "-k $WORK/pg -c listen_addresses= -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
    psql_() { as_postgres psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$WORK/pg" -U postgres "$@"; }
    psql_ -d postgres -c "CREATE DATABASE signed_in"
    started=$(date +%s%N)
    "$BIN" migrate --from "$WORK/data.signed-in" --to "host=$WORK/pg dbname=signed_in user=postgres" \
        >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; die "javumbo migrate failed"; }
    echo "   PostgreSQL $(psql_ -d postgres -c 'SHOW server_version'): synchronous_commit=$(psql_ -d postgres -c 'SHOW synchronous_commit'), fsync=$(psql_ -d postgres -c 'SHOW fsync'); the signed-in state migrated in $(elapsed_since "$started") s"
fi

# --- measuring -----------------------------------------------------------------
count_rows() { # TABLE: rows summed over every collection
    if [ "$MODE" = postgres ] || [ "$MODE" = haproxy ]; then
        psql_ -d "$PGNAME" -c "SELECT count(*) FROM $1"
        return
    fi
    local total=0 db n
    for db in "$DATA"/user_dbs/*.db; do
        n=$(sqlite3 -batch "$db" "SELECT count(*) FROM $1") || die "sqlite3 failed on $db"
        total=$((total + n))
    done
    echo "$total"
}
metric() { # ROUTE METHOD STATUS: the servers' own count from /metrics (loopback), summed over instances
    local port
    for port in "${SERVER_PORTS[@]}"; do curl -sf "http://127.0.0.1:$port/metrics"; done \
        | awk -v r="route=\"$1\"" -v m="method=\"$2\"" -v s="status=\"$3\"" \
            '/^javumbo_http_requests_total\{/ && index($1, r) && index($1, m) && index($1, s) { n += $2 } END { print n + 0 }'
}
settled_metric() { # ROUTE METHOD STATUS: as metric, once requests wrk left in flight are answered
    local previous current tries=0
    current=$(metric "$@")
    while [ $tries -lt 50 ]; do
        sleep 0.2
        previous=$current
        current=$(metric "$@")
        [ "$current" = "$previous" ] && break
        tries=$((tries + 1))
    done
    echo "$current"
}
server_errors() { # answers >= 500 on any route, summed over instances
    local port
    for port in "${SERVER_PORTS[@]}"; do curl -sf "http://127.0.0.1:$port/metrics"; done \
        | awk '/^javumbo_http_requests_total\{/ && /status="5[0-9][0-9]"/ { n += $2 } END { print n + 0 }'
}
field() { # NAME: a key=value from the RESULT line in $RESULT
    sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $RESULT"
}

declare -a SUMMARY
run_wrk() { # NAME CONNECTIONS SCRIPT PATH [script args...]
    local name=$1 connections=$2 script=$3 path=$4
    shift 4
    echo
    echo "--- $name: $connections connections, $WRK_THREADS wrk threads, $DURATION"
    local TIMEFORMAT='%U %S' status=0 before after
    before=$(cpu_snapshot)
    { time wrk -t"$WRK_THREADS" -c"$connections" -d"$DURATION" --timeout 10s --latency \
        -s "$JAVUMBO_WRK_DIR/$script" "$BASE$path" -- "$@" >"$WORK/wrk.txt" 2>&1 || status=$?; } 2>"$WORK/wrk.time"
    if [ "$status" -ne 0 ]; then
        cat "$WORK/wrk.txt"
        die "wrk failed"
    fi
    after=$(cpu_snapshot)
    # The server side's CPU during wrk, in seconds: javumbo (every instance), PostgreSQL, haproxy.
    read -r SERVER_CPU DB_CPU PROXY_CPU <<<"$(awk -v b="$before" -v a="$after" -v hz="$CLOCK_TICKS" 'BEGIN {
        split(b, x, " "); split(a, y, " "); printf "%.1f %.1f %.1f", (y[1] - x[1]) / hz, (y[2] - x[2]) / hz, (y[3] - x[3]) / hz }')"
    WRK_CPU=$(awk '{ printf "%.1f", $1 + $2 }' "$WORK/wrk.time")
    sed -e '/^RESULT /d' "$WORK/wrk.txt"
    RESULT=$(grep '^RESULT ' "$WORK/wrk.txt" | tail -n1)
    [ -n "$RESULT" ] || die "wrk printed no RESULT line"
}
lock_summary() { # prints "max_wait_ms timeouts contended acquisitions" over all users and instances
    local port
    for port in "${SERVER_PORTS[@]}"; do
        curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$port/api/v1/admin/locks"
    done | jq -s 'map(if type == "array" then . else (.users // .locks // []) end) | add' \
        | jq -r 'def ms: . * 10 | floor / 10;
                 [ (map(.max_wait_ms) | max // 0 | ms), (map(.timeouts // 0) | add // 0),
                   (map(.contended) | add // 0), (map(.acquisitions) | add // 0),
                   (map(.max_hold_ms) | max // 0 | ms), (map(.combined // 0) | add // 0) ] | @tsv'
}
# After stop_server: CPU use and exit status, then one summary row.
SUMMARY_FORMAT='%-38s %5s %9s %7s %7s %7s %7s %7s %8s %11s %7s %5s  %s'
add_summary() { # NAME CONNECTIONS MAXWAIT STORED_CHECK
    local seconds requests per_request
    seconds=$(field seconds)
    requests=$(field requests)
    # The server side's CPU per request in microseconds: what one request costs the machine
    # apart from the load generator (javumbo + PostgreSQL + haproxy).
    per_request=$(awk -v a="$SERVER_CPU" -v d="$DB_CPU" -v p="$PROXY_CPU" -v n="$requests" \
        'BEGIN { if (n > 0) printf "%.0f", 1e6 * (a + d + p) / n; else print "-" }')
    echo "    CPU over ${seconds} s: javumbo ${SERVER_CPU} s, PostgreSQL ${DB_CPU} s, haproxy ${PROXY_CPU} s, wrk ${WRK_CPU} s (of $(nproc) cores) = ${per_request} µs of server-side CPU per request; exit status after SIGTERM: $SERVER_EXIT"
    MODE_RPS["$MODE|$1"]=$(field rps)
    MODE_P99["$MODE|$1"]=$(field p99_ms)
    MODE_CPU["$MODE|$1"]=$per_request
    [[ " ${SCENARIO_NAMES[*]:-} " == *" $1 "* ]] || SCENARIO_NAMES+=("$1")
    SUMMARY+=("$(printf "$SUMMARY_FORMAT" "$(printf '%-13s' "$MODE") $1" "$2" "$(field rps)" "$(field p50_ms)" "$(field p99_ms)" \
        "$(field max_ms)" "$(field non2xx)" "$(field socket_errors)" "$3" \
        "$(awk -v a="$SERVER_CPU" -v d="$DB_CPU" -v p="$PROXY_CPU" -v b="$WRK_CPU" -v t="$seconds" 'BEGIN { printf "%.0f%%/%.0f%%", 100 * (a + d + p) / t, 100 * b / t }')" \
        "$per_request" "$SERVER_EXIT" "$4")")
}

declare -A MODE_RPS MODE_P99 MODE_CPU
declare -a SCENARIO_NAMES
run_scenarios() {
# a. health
if wanted a; then
start_server
run_wrk "a. GET /api/v1/health" 32 health.lua /api/v1/health
echo "    server 5xx answers: $(server_errors)"
stop_server
add_summary "a. GET /health" 32 "-" "-"
fi

# b. decks, one user
if wanted b; then
start_server
run_wrk "b. GET /api/v1/decks (1 user)" 32 get_authenticated.lua /api/v1/decks "$WORK/tokens.one"
echo "    server 5xx answers: $(server_errors)"
stop_server
add_summary "b. GET /decks, 1 user" 32 "-" "-"
fi

# c./d. POST /cards: wrk's 2xx (answers received) <= server's 201 count == rows stored
write_scenario() { # LABEL SHORT CONNECTIONS TOKENS [SCRIPT]
    local before after stored server_201 ok locks max_wait timeouts contended acquisitions max_hold combined verdict
    before=$(count_rows cards)
    start_server
    run_wrk "$1" "$3" "${5:-post_cards.lua}" /api/v1/cards "$4" "$WRK_THREADS"
    server_201=$(settled_metric /api/v1/cards POST 201)
    locks=$(lock_summary)
    read -r max_wait timeouts contended acquisitions max_hold combined <<<"$locks"
    echo "    server: POST /cards 201 x $server_201, 5xx answers: $(server_errors)"
    echo "    user locks: longest wait ${max_wait} ms, longest hold ${max_hold} ms, $contended contended of $acquisitions acquisitions ($combined run by the holder), $timeouts timeouts"
    stop_server
    after=$(count_rows cards)
    stored=$((after - before))
    ok=$(field ok)
    if [ "$stored" -eq "$server_201" ] && [ "$ok" -le "$server_201" ] && [ $((server_201 - ok)) -le "$3" ]; then
        verdict="yes"
    else
        verdict="NO"
    fi
    echo "    cards stored: $stored (before $before, after $after); 2xx received by wrk: $ok; 201 sent by the server: $server_201"
    echo "    acknowledged == stored: $verdict (wrk stops with up to $3 requests in flight, answered but not counted by wrk)"
    add_summary "$2" "$3" "$max_wait" "201s=$server_201 stored=$stored wrk2xx=$ok match=$verdict"
}
wanted c && write_scenario "c. POST /api/v1/cards ($USERS users)" "c. POST /cards, $USERS users" 32 "$WORK/tokens.all"
wanted d && write_scenario "d. POST /api/v1/cards (1 user)" "d. POST /cards, 1 hot user" 8 "$WORK/tokens.one"

# e. mixed
if wanted e; then
cards_before=$(count_rows cards)
revlog_before=$(count_rows revlog)
start_server
run_wrk "e. mixed 20 % add / 80 % review ($USERS users)" 32 mixed.lua / "$WORK/tokens.all" "$WRK_THREADS"
server_cards=$(settled_metric /api/v1/cards POST 201)
server_answers=$(metric /api/v1/review/answer POST 200)
read -r max_wait timeouts contended acquisitions max_hold combined <<<"$(lock_summary)"
echo "    requests: $(sed -n 's/.*\(add_2xx=.*\)$/\1/p' <<<"$RESULT")"
echo "    server: POST /cards 201 x $server_cards, POST /review/answer 200 x $server_answers, 5xx answers: $(server_errors)"
echo "    user locks: longest wait ${max_wait} ms, longest hold ${max_hold} ms, $contended contended of $acquisitions acquisitions, $timeouts timeouts"
stop_server
cards_stored=$(($(count_rows cards) - cards_before))
revlog_stored=$(($(count_rows revlog) - revlog_before))
verdict=NO
[ "$cards_stored" -eq "$server_cards" ] && [ "$revlog_stored" -eq "$server_answers" ] && verdict=yes
echo "    stored: $cards_stored cards (server said 201 x $server_cards), $revlog_stored revlog rows (server said 200 x $server_answers): match=$verdict"
add_summary "e. mixed, $USERS users" 32 "$max_wait" \
    "cards 201s=$server_cards stored=$cards_stored; answers=$server_answers revlog=$revlog_stored match=$verdict"
fi

# f. keyed adds: every request begins and completes an idempotency record
wanted f && write_scenario "f. POST /api/v1/cards with Idempotency-Key ($USERS users)" \
    "f. POST /cards keyed, $USERS users" 32 "$WORK/tokens.all" post_cards_keyed.lua
return 0 # `wanted f` failing (f not asked for) is no error
}
MODES=()
if uses sqlite; then for DURABILITY in $DURABILITIES; do MODES+=("sqlite-$DURABILITY"); done; fi
uses postgres && MODES+=(postgres)
uses haproxy && MODES+=(haproxy)
for MODE in "${MODES[@]}"; do
    echo
    case $MODE in
    sqlite-*) DURABILITY=${MODE#sqlite-}; echo "=== one SQLite node, durability: $DURABILITY" ;;
    postgres) echo "=== one instance on PostgreSQL" ;;
    haproxy) echo "=== two instances on PostgreSQL behind haproxy" ;;
    esac
    rm -rf "$DATA" "$DATA-a" "$DATA-b"
    cp -a "$WORK/data.signed-in" "$DATA"
    if [ "$MODE" = postgres ] || [ "$MODE" = haproxy ]; then
        PGNAME=bench_$MODE
        psql_ -d postgres -c "CREATE DATABASE $PGNAME TEMPLATE signed_in"
        PGDB="host=$WORK/pg dbname=$PGNAME user=postgres"
    fi
    run_scenarios
done

# --- summary -------------------------------------------------------------------
echo
echo "== summary ($DURATION each; latency and longest user-lock wait in ms; non-2xx per wrk: status > 399, in e"
echo "   including 409 already_answered; cpu in % of one core; exit: the server's status after SIGTERM, 0 expected)"
printf "$SUMMARY_FORMAT\n" scenario conns "req/s" p50 p99 max non-2xx sockerr lockwait "cpu srv/wrk" "µs/req" exit "acknowledged vs stored"
for line in "${SUMMARY[@]}"; do echo "$line"; done
warnings=$(grep -c . "$WORK/serve.err" || true)
echo
echo "server stderr: $warnings lines (access log went to /dev/null)$([ "$warnings" -gt 0 ] && echo '; distinct:')"
[ "$warnings" -gt 0 ] && sed -E 's/[0-9a-f]{16,}/<id>/g; s/[0-9]+/N/g' "$WORK/serve.err" | sort | uniq -c | sort -rn | head -n 10
echo "targets (context, not pass/fail): c >= 5,000/s, p99 < 50 ms, no non-2xx; d >= 4,000/s, no non-2xx, longest lock wait < 250 ms"

# --- modes side by side ------------------------------------------------------------
if [ "${#MODES[@]}" -gt 1 ]; then
    echo
    echo "== modes side by side (req/s, p99 ms, server-side CPU µs per request: javumbo + PostgreSQL + haproxy)"
    header=$(printf '%-30s' scenario)
    for mode in "${MODES[@]}"; do header+=$(printf ' %24s' "$mode"); done
    echo "$header"
    for name in "${SCENARIO_NAMES[@]}"; do
        row=$(printf '%-30s' "$name")
        for mode in "${MODES[@]}"; do
            row+=$(printf ' %9s %6s %7s' "${MODE_RPS["$mode|$name"]:-?}" "${MODE_P99["$mode|$name"]:-?}" "${MODE_CPU["$mode|$name"]:-?}")
        done
        echo "$row"
    done
fi
