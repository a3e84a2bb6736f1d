#!/usr/bin/env bash
# What one PostgreSQL 15 does with Javumbo's card add, on this machine, before any HTTP (issue 18).
#
#   tests/bench/pgcardbench.sh [path/to/javumbo]     (default: build/release/app/javumbo)
#
# A benchmark, not a test: it prints figures and passes or fails nothing. It starts a throw-away
# PostgreSQL (a temporary directory, a socket only, synchronous_commit=on, fsync on), makes the
# schema with `javumbo migrate` from a one-user data directory, gives USERS users a col row, and
# runs pgbench with the transaction a POST /cards becomes on the PostgreSQL backend
# (docs/postgresql.md): BEGIN; SET LOCAL lock_timeout; pg_advisory_xact_lock(user); read the col
# row; insert a note and a card; update col.mod; COMMIT — in two loads, as cardsbench.sh:
#   c. USERS users over 32 clients        d. one hot user over 8 clients
#   d8. as d, with 8 adds per transaction (what group commit would give the hot user)
# This is the database's share of a request only: it predicts the ceiling of `serve --database`
# on the same machine, where server and database share the 2 cores.
#
# Environment: DURATION (seconds, default 10), USERS (default 32), KEEP=1 keeps the directory.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${1:-$ROOT/build/release/app/javumbo}
DURATION=${DURATION:-10}
USERS=${USERS:-32}
PGBIN=/usr/lib/postgresql/15/bin

die() { echo "pgcardbench: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "no javumbo binary at $BIN"
[ -x "$PGBIN/pgbench" ] || die "PostgreSQL 15 is missing (apt-get install postgresql-15)"

WORK=$(mktemp -d /tmp/pgcardbench.XXXXXX)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
cleanup() {
    as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop >/dev/null 2>&1 || true
    [ "${KEEP:-0}" = 1 ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

as_postgres "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
    -o "-k $WORK -c listen_addresses= -c max_connections=100 -c shared_buffers=256MB" start >/dev/null
CONN="host=$WORK port=5432 dbname=postgres user=postgres"
psql_() { as_postgres psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$WORK" -U postgres -d postgres "$@"; }

# The schema and one user's col row, made by javumbo itself.
mkdir -p "$WORK/data"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/data"
printf 'bench-password-1\n' | as_postgres env QT_QPA_PLATFORM=offscreen "$BIN" users add bench --email bench@example.org --data-dir "$WORK/data" >/dev/null 2>&1
as_postgres env QT_QPA_PLATFORM=offscreen "$BIN" migrate --from "$WORK/data" --to "$CONN" >/dev/null 2>&1 \
    || die "javumbo migrate failed"
psql_ -c "INSERT INTO col SELECT g, id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags
          FROM col, generate_series(2, $USERS) g WHERE user_id = 1;
          CREATE SEQUENCE bench_ids START 1000000000000;" >/dev/null
echo "pgcardbench: PostgreSQL $(psql_ -c 'SHOW server_version'), synchronous_commit=$(psql_ -c 'SHOW synchronous_commit'), fsync=$(psql_ -c 'SHOW fsync'), $USERS users, ${DURATION}s per load"

cat >"$WORK/add.sql" <<'SQL'
\set uid random(1, :users)
BEGIN;
SET LOCAL lock_timeout = 5000;
SELECT pg_advisory_xact_lock(:uid);
SELECT mod, conf, decks FROM col WHERE user_id = :uid;
INSERT INTO notes (user_id, id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
    VALUES (:uid, nextval('bench_ids'), md5(random()::text), 1, 0, -1, '', 'front' || chr(31) || 'back', 'front', 0, 0, '');
INSERT INTO cards (user_id, id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, "left", odue, odid, flags, data)
    VALUES (:uid, currval('bench_ids'), currval('bench_ids'), 1, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '');
UPDATE col SET mod = mod + 1 WHERE user_id = :uid;
COMMIT;
SQL

# The same with 8 adds in one transaction: what group commit (a user's queued writes committed
# together, as CollectionAccess does on SQLite) would make of the hot user's one-at-a-time lock.
{
    sed -n '1,5p' "$WORK/add.sql"
    for _ in 1 2 3 4 5 6 7 8; do sed -n '6,9p' "$WORK/add.sql"; done
    sed -n '10,$p' "$WORK/add.sql"
} >"$WORK/add8.sql"

run() { # name clients users script adds-per-transaction
    local out
    out=$(as_postgres "$PGBIN/pgbench" -n -h "$WORK" -U postgres -c "$2" -j 2 -T "$DURATION" -D users="$3" \
        -f "$WORK/$4" postgres 2>&1) || die "pgbench failed: $out"
    local tps lat
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -1)
    lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")
    printf '%-48s %8.0f adds/s  %8.0f commits/s  latency avg %6.2f ms\n' "$1" "$(awk -v t="$tps" -v n="$5" 'BEGIN { print t * n }')" "$tps" "$lat"
}
run "c. $USERS users, 32 clients" 32 "$USERS" add.sql 1
run "d. 1 hot user, 8 clients" 8 1 add.sql 1
run "d8. 1 hot user, 8 clients, 8 adds per commit" 8 1 add8.sql 8
echo "rows: $(psql_ -c 'SELECT count(*) FROM cards') cards in $(psql_ -c "SELECT pg_size_pretty(pg_database_size('postgres'))")"
