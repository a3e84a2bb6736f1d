#!/usr/bin/env bash
# Proves issue 18's cross-instance claims on real processes: a throw-away PostgreSQL 15, two
# `javumbo serve --database` instances, haproxy (packaging/haproxy/javumbo.cfg) round robin in
# front, and `javumbo loadtest --target <haproxy> --database <conninfo>` whose checker reads every
# collection in PostgreSQL (one read-only repeatable-read transaction per user):
#   1. clean: verdict PASS with the revlog checked, and both instances served the run;
#   2. kill -9 of one instance in the middle of a run: nothing acknowledged lost, no 500;
#   3. PostgreSQL stopped (immediate) in the middle of a run, started 1 s later: 503s, no 500,
#      nothing acknowledged lost, and the instances serve again without a restart;
#   4. planted faults on both instances: no-user-lock (the in-process and the PostgreSQL lock
#      skipped) fails with reps_mismatch, lost-ack with lost, unfiltered-card-read (GET /cards/{id}
#      without its user_id filter) with misplaced.
# Slow and needs root-or-postgres plus haproxy: run by hand, not in CTest (about 2 minutes).
#
#   tests/packaging/pg_two_instances.sh [path/to/javumbo]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=${1:-$ROOT/build/release/app/javumbo}
CONFIG="$ROOT/packaging/haproxy/javumbo.cfg"
PGBIN=/usr/lib/postgresql/15/bin
for tool in haproxy curl python3 "$PGBIN/initdb"; do
    command -v "$tool" >/dev/null || { echo "pg_two_instances: $tool is missing" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/javumbo-pg2.XXXXXX")
chmod 755 "$WORK"
PIDS=()
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

PROOF_NAME=pg_two_instances
# shellcheck source=tests/packaging/proofhelpers.sh
source "$ROOT/tests/packaging/proofhelpers.sh"

# PostgreSQL on a Unix socket in $WORK only.
mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$PGBIN/initdb" -D "$WORK/pg/data" -A trust -U postgres >/dev/null
pg_start() { as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -o "-k $WORK/pg -c listen_addresses=''" -l "$WORK/pg/log" -w start >/dev/null; }
pg_start
as_pg psql -h "$WORK/pg" -U postgres -q -c "CREATE DATABASE javumbo"
DB="host=$WORK/pg dbname=javumbo user=postgres"

serve() { # NAME [EXTRA...]: starts an instance; sets PORT_<NAME>, PID_<NAME>
    local name=$1 port
    shift
    port=$(free_port)
    "$BIN" serve --data-dir "$WORK/data-$name" --bind 127.0.0.1 --port "$port" --instance-id "$name" \
        --database "$DB" --trusted-proxy 127.0.0.1 "$@" >"$WORK/serve-$name.out" 2>&1 &
    PIDS+=($!)
    eval "PID_$name=$!"
    eval "PORT_$name=$port"
    wait_for "$WORK/serve-$name.out" 'listening on'
}
stop_all() {
    kill -9 "$PID_a" "$PID_b" "$PROXY_PID" 2>/dev/null || true
    wait "$PID_a" "$PID_b" "$PROXY_PID" 2>/dev/null || true
}
loadtest() { # NAME [EXTRA...]: a quick run through haproxy; its exit code: rc NAME
    local name=$1
    shift
    set +e
    # New accounts each run (the database keeps the last run's); from the name, as a run in
    # the background cannot hand a counter back.
    local seed
    seed=$(echo "$name" | cksum | cut -d' ' -f1)
    "$BIN" loadtest --quick --seed "$seed" --target "http://127.0.0.1:$FRONT" --database "$DB" \
        --report "$WORK/report-$name" "$@" >"$WORK/loadtest-$name.out" 2>&1
    echo $? >"$WORK/rc-$name" # read back with rc: a run in the background is a subshell
    set -e
}
rc() { cat "$WORK/rc-$1"; }
line() { grep -E "^  (PASS|FAIL|UNKNOWN) +$2 " "$WORK/loadtest-$1.out" | head -1; }
not_passed() { grep -E '^  (FAIL|UNKNOWN) ' "$1" | sed 's/^/      /' || true; } # FILE: its checks that did not pass
instances() { python3 -c '
import json, sys
seen = {}
for l in open(sys.argv[1]):
    r = json.loads(l)
    seen[r.get("instance", "")] = seen.get(r.get("instance", ""), 0) + 1
print(" ".join("%s:%d" % (k or "-", v) for k, v in sorted(seen.items())))' "$WORK/report-$1/requests.jsonl"; }

# 1. Clean, through both instances.
serve a
serve b
proxy "$WORK/haproxy.cfg" "$PORT_a" "$PORT_b"
loadtest clean
echo "      clean: exit $(rc clean); $(grep -m1 '^Integrity' "$WORK/loadtest-clean.out"); $(line clean revlog)"
echo "      requests by instance: $(instances clean)"
check "clean run over two instances: verdict PASS (exit 0)" test "$(rc clean)" = 0
check "the revlog was checked in PostgreSQL" grep -qE '^  PASS +revlog ' "$WORK/loadtest-clean.out"
echo "      $(line clean instances)"
check "the hot user's writes reached both instances (the instances check)" \
    grep -qE '^  PASS +instances .*reached a, b' "$WORK/loadtest-clean.out"
check "both instances served the run" sh -c "instances_seen=\$(echo '$(instances clean)'); echo \"\$instances_seen\" | grep -q 'a:' && echo \"\$instances_seen\" | grep -q 'b:'"

# 2. kill -9 of b in the middle of a run.
loadtest killed &
LT=$!
sleep 3
kill -9 "$PID_b"
wait "$PID_b" 2>/dev/null || true
wait "$LT" || true
echo "      kill -9: exit $(rc killed); $(grep -m1 '^Integrity' "$WORK/loadtest-killed.out" || true)"
not_passed "$WORK/loadtest-killed.out"
echo "      $(line killed lost); $(line killed server_errors)"
check "kill -9 of one instance mid-run: nothing acknowledged lost" grep -qE '^  PASS +lost ' "$WORK/loadtest-killed.out"
check "kill -9 of one instance mid-run: no 500" grep -qE '^  PASS +server_errors ' "$WORK/loadtest-killed.out"
stop_all

# 3. PostgreSQL stopped (immediate) mid-run, started again 1 s later.
serve a
serve b
proxy "$WORK/haproxy.cfg" "$PORT_a" "$PORT_b"
loadtest pgdown &
LT=$!
sleep 3 # after registration (about 2 s of password hashing), among the writes
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null
sleep 1
pg_start
wait "$LT" || true
echo "      PostgreSQL restarted: exit $(rc pgdown); $(grep -m1 '^Integrity' "$WORK/loadtest-pgdown.out" || true)"
echo "      $(line pgdown lost); $(line pgdown server_errors); 503s in the run: $(grep -c '"status":503' "$WORK/report-pgdown/requests.jsonl" || true)"
# The run's own final audit may have read while PostgreSQL was still down (UNKNOWN, as it should
# be); `javumbo check` audits the saved run again now that it is up.
set +e
"$BIN" check --run "$WORK/report-pgdown" --database "$DB" >"$WORK/check-pgdown.out" 2>&1
echo "      javumbo check afterwards: exit $?; $(grep -m1 '^Integrity' "$WORK/check-pgdown.out"); $(grep -m1 -E '^  (PASS|FAIL|UNKNOWN) +lost ' "$WORK/check-pgdown.out")"
not_passed "$WORK/check-pgdown.out"
set -e
check "PostgreSQL restarted mid-run: nothing acknowledged lost (and cards were acknowledged)" \
    grep -qE '^  PASS +lost +[1-9][0-9]* acknowledged' "$WORK/check-pgdown.out"
check "PostgreSQL restarted mid-run: no 500" grep -qE '^  PASS +server_errors ' "$WORK/loadtest-pgdown.out"
check "after the restart both instances answer a write again" sh -c \
    "curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:$PORT_a/api/v1/register -H 'Content-Type: application/json' -d '{\"username\":\"after_a\",\"password\":\"correct horse battery\",\"email\":\"a@example.org\"}' | grep -qx 201 && curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:$PORT_b/api/v1/register -H 'Content-Type: application/json' -d '{\"username\":\"after_b\",\"password\":\"correct horse battery\",\"email\":\"b@example.org\"}' | grep -qx 201"
stop_all

# 4. Planted faults on both instances.
for fault in no-user-lock lost-ack unfiltered-card-read; do
    case $fault in
    no-user-lock) expected=reps ;;
    lost-ack) expected=lost ;;
    unfiltered-card-read) expected=misplaced ;;
    esac
    as_pg psql -h "$WORK/pg" -U postgres -q -c "DROP DATABASE javumbo" -c "CREATE DATABASE javumbo"
    serve a --fault "$fault"
    serve b --fault "$fault"
    proxy "$WORK/haproxy.cfg" "$PORT_a" "$PORT_b"
    name=${fault//-/_}
    loadtest "$name"
    rc=$(rc "$name")
    echo "      --fault $fault: exit $rc; $(grep -m1 '^Integrity' "$WORK/loadtest-$name.out" || true); $(line "$name" "$expected")"
    check "--fault $fault on both instances: integrity violation (exit 2), $expected FAIL" \
        sh -c "test $rc = 2 && grep -qE '^  FAIL +$expected ' '$WORK/loadtest-$name.out'"
    stop_all
done

if [ "$failures" -gt 0 ]; then
    echo "pg_two_instances: $failures check(s) failed; logs in $WORK (kept)" >&2
    trap - EXIT
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    exit 1
fi
echo "pg_two_instances: all checks passed"
