#!/usr/bin/env bash
# The storage faults of issue 14 on a real block device (root only; not in
# CTest, which runs unprivileged-safe simulations of the same faults:
# tst_storagefaults, tst_durability).
#
#   sudo tests/storage/realdevice.sh [path/to/javumbo]   (default build/release/app/javumbo)
#
# A small ext4 file system on a loop device holds the data directory of a
# `javumbo serve`. For each durability mode (MODES, default "full normal"):
#   1. a client adds cards one request at a time, noting every 201;
#   2. mid-burst the file system's journal is aborted (mount -o remount,abort:
#      ext4 goes read-only at once, as after an I/O error), and then
#      - reads must still be served, writes and sign-in answer 503 with the
#        reason, `javumbo users list` and `javumbo check-data` still work;
#   3. the server stops, the device is unmounted, fsck'd and mounted again,
#      and every acknowledged card is looked for in the collection.
#   With full, none may be missing; normal may lose the last writes.
# Then a full disk: the file system is filled; reads (also of a collection no
# one had open, after a restart) work, writes and sign-in answer 503, and
# writes resume once space is freed.
# Exits 0 when every expectation held; prints what it saw either way.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${1:-$ROOT/build/release/app/javumbo}
MODES=${MODES-full normal} # MODES="" runs only the full-disk part
BURST=${BURST:-4000} # most cards a client tries to add before the abort stops it
export QT_QPA_PLATFORM=offscreen

[ "$(id -u)" -eq 0 ] || { echo "realdevice: needs root (loop devices, mount)"; exit 2; }
for tool in losetup mkfs.ext4 e2fsck curl jq sqlite3; do
    command -v "$tool" >/dev/null || { echo "realdevice: $tool is missing"; exit 2; }
done
[ -x "$BIN" ] || { echo "realdevice: no javumbo binary at $BIN"; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/javumbo-realdevice.XXXXXX")
IMAGE=$WORK/disk.img
MNT=$WORK/mnt
DATA=$MNT/data
LOOP=""
SERVER=""
FAILURES=0
mkdir -p "$MNT"

stop_server() {
    [ -n "$SERVER" ] || return 0
    kill -TERM "$SERVER" 2>/dev/null
    wait "$SERVER" 2>/dev/null
    SERVER=""
}
cleanup() {
    stop_server
    mountpoint -q "$MNT" && umount "$MNT"
    [ -n "$LOOP" ] && losetup -d "$LOOP"
    rm -rf "$WORK"
}
trap cleanup EXIT

expect() { # DESCRIPTION CONDITION...
    local what=$1
    shift
    if "$@"; then echo "  ok    $what"; else echo "  FAIL  $what"; FAILURES=$((FAILURES + 1)); fi
}
status_is() { [ "$1" = "$2" ]; }

new_filesystem() { # SIZE_MB
    stop_server
    mountpoint -q "$MNT" && umount "$MNT"
    [ -n "$LOOP" ] && losetup -d "$LOOP"
    rm -f "$IMAGE"
    truncate -s "${1}M" "$IMAGE"
    mkfs.ext4 -q -F "$IMAGE"
    LOOP=$(losetup -f --show "$IMAGE")
    mount -o errors=remount-ro "$LOOP" "$MNT"
    mkdir -p "$DATA"
    printf 'password-ada\n' | "$BIN" users add ada --email ada@example.org --data-dir "$DATA" >/dev/null 2>&1
}
start_server() { # EXTRA ARGS...
    : >"$WORK/serve.out"
    "$BIN" serve --port 0 --data-dir "$DATA" --log-file /dev/null "$@" >"$WORK/serve.out" 2>>"$WORK/serve.err" &
    SERVER=$!
    for _ in $(seq 1 300); do
        grep -q 'listening on' "$WORK/serve.out" && break
        kill -0 "$SERVER" 2>/dev/null || { echo "realdevice: the server did not start"; cat "$WORK/serve.err"; SERVER=""; return 1; }
        sleep 0.1
    done
    PORT=$(sed -n 's#.*listening on http://[^ ]*:\([0-9][0-9]*\).*#\1#p' "$WORK/serve.out" | head -n1)
    BASE="http://127.0.0.1:$PORT"
}
login() { # prints the token, or nothing
    curl -s -X POST -H 'Content-Type: application/json' \
        -d '{"username":"ada","password":"password-ada"}' "$BASE/api/v1/login" | jq -r '.token // empty'
}
status_of() { # METHOD PATH [BODY]: the HTTP status
    curl -s -o "$WORK/body" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' ${3:+-d "$3"} "$BASE$2"
}
collection() { echo "$DATA/user_dbs/user_1.db"; }

# --- 1-3: journal abort mid-burst, per durability mode ------------------------
for MODE in $MODES; do
    echo "== durability $MODE: journal abort during a burst of single adds"
    new_filesystem 64
    start_server --durability "$MODE" || exit 1
    TOKEN=$(login)
    : >"$WORK/acked"
    (
        for i in $(seq 1 "$BURST"); do
            id=$(curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
                -d "{\"front\":\"card $i\",\"back\":\"b\"}" "$BASE/api/v1/cards" | jq -r '.card_id // empty')
            [ -n "$id" ] && echo "$id" >>"$WORK/acked"
        done
    ) &
    CLIENT=$!
    until [ "$(wc -l <"$WORK/acked")" -ge 1500 ]; do sleep 0.05; done
    mount -o remount,abort "$MNT"
    sleep 1
    kill "$CLIENT" 2>/dev/null
    wait "$CLIENT" 2>/dev/null
    ACKED=$(wc -l <"$WORK/acked")
    echo "  $ACKED cards acknowledged when the journal was aborted"

    expect "the file system is read-only now" grep -q "$MNT .*\bro\b\|emergency_ro" /proc/mounts
    expect "GET /cards still answers 200" status_is "$(status_of GET '/api/v1/cards?limit=5')" 200
    code=$(status_of POST /api/v1/cards '{"front":"x","back":"y"}')
    expect "POST /cards answers 503 (got $code, $(jq -r .error.code "$WORK/body" 2>/dev/null))" status_is "$code" 503
    code=$(curl -s -o "$WORK/body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        -d '{"username":"ada","password":"password-ada"}' "$BASE/api/v1/login")
    expect "login answers 503 saying why ($(jq -r .error.message "$WORK/body" | cut -c1-60)…)" \
        grep -q "Signing in needs a writable disk" "$WORK/body"
    expect "javumbo users list works on the read-only file system" \
        sh -c "'$BIN' users list --data-dir '$DATA' | grep -q ada"
    "$BIN" check-data --data-dir "$DATA" >"$WORK/check.txt" 2>&1
    echo "  check-data on the read-only file system: $(tail -n1 "$WORK/check.txt")"
    stop_server

    umount "$MNT"
    e2fsck -fy "$LOOP" >"$WORK/fsck.txt" 2>&1
    echo "  e2fsck exit status $? ($(grep -c . "$WORK/fsck.txt") lines)"
    mount "$LOOP" "$MNT"
    sqlite3 -batch "$(collection)" 'SELECT id FROM cards' | sort >"$WORK/present"
    sort "$WORK/acked" >"$WORK/acked.sorted"
    LOST=$(comm -23 "$WORK/acked.sorted" "$WORK/present" | wc -l)
    PRESENT=$(wc -l <"$WORK/present")
    echo "  after fsck and remount: $PRESENT cards in the collection, $LOST of $ACKED acknowledged cards missing"
    INTEGRITY=$(sqlite3 -batch "$(collection)" 'PRAGMA integrity_check')
    expect "the collection passes integrity_check ($INTEGRITY)" status_is "$INTEGRITY" ok
    if [ "$MODE" = full ]; then
        expect "durability full: no acknowledged card is missing" status_is "$LOST" 0
    fi
    echo "RESULT mode=$MODE acked=$ACKED present=$PRESENT lost=$LOST"
done

# --- a full disk ----------------------------------------------------------------
echo "== full disk"
new_filesystem 32
start_server || exit 1
TOKEN=$(login)
for i in $(seq 1 20); do status_of POST /api/v1/cards "{\"front\":\"f$i\",\"back\":\"b\"}" >/dev/null; done
stop_server
# A new server that has not opened the collection yet (it needs a few bytes
# for its lock file to start), with a session made before the disk filled.
start_server || exit 1
TOKEN=$(login)
# Fill it as root (reserved blocks included), then block by block: ext4 hands
# back preallocated blocks when the big file is closed.
dd if=/dev/zero of="$MNT/filler" bs=1M status=none 2>/dev/null
n=0
while head -c 4096 /dev/zero >"$MNT/filler.$n" 2>/dev/null; do n=$((n + 1)); done
sync
while head -c 4096 /dev/zero >"$MNT/filler.$n" 2>/dev/null; do n=$((n + 1)); done
echo "  filled: $(stat -f -c '%f' "$MNT") blocks free (root included), $n small fillers"
expect "GET /cards of a collection nobody had open answers 200" \
    status_is "$(status_of GET '/api/v1/cards?limit=5')" 200
code=$(status_of POST /api/v1/cards '{"front":"x","back":"y"}')
expect "POST /cards answers 503 (got $code, $(jq -r .error.code "$WORK/body" 2>/dev/null))" status_is "$code" 503
code=$(curl -s -o "$WORK/body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d '{"username":"ada","password":"password-ada"}' "$BASE/api/v1/login")
expect "login answers 503 saying why" grep -q "Signing in needs a writable disk" "$WORK/body"
rm -f "$MNT"/filler*
sync
expect "after freeing space, POST /cards answers 201" \
    status_is "$(status_of POST /api/v1/cards '{"front":"again","back":"y"}')" 201
expect "no 'rollback failed' in the server's log" sh -c "! grep -q 'rollback failed' '$WORK/serve.err'"
stop_server

echo
if [ "$FAILURES" -eq 0 ]; then echo "realdevice: every expectation held"; else echo "realdevice: $FAILURES expectations failed"; fi
[ "$FAILURES" -eq 0 ]
