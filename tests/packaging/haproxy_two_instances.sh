#!/usr/bin/env bash
# Proves packaging/haproxy/javumbo.cfg against real servers (issue 18's haproxy example):
#   1. haproxy -c accepts the file as shipped;
#   2. round robin: 20 requests through haproxy, 10 answered by each of two `javumbo serve`
#      instances (X-Javumbo-Instance);
#   3. kill -9 of one instance: every following request still succeeds, on the other (a failed
#      connection is re-sent, nothing else);
#   4. a POST that reached a server which then closed without answering is answered 502 and is
#      never sent again: the live instance counts exactly the POSTs the client saw it answer;
#   5. the server sees the client's address only as haproxy wrote it: forwarding headers a client
#      sends are removed.
# The two instances have separate SQLite data directories, which is enough for what the proxy
# does (pg_two_instances.sh runs two on one PostgreSQL). Needs haproxy, curl and python3.
#
#   tests/packaging/haproxy_two_instances.sh [path/to/javumbo]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=${1:-$ROOT/build/release/app/javumbo}
CONFIG="$ROOT/packaging/haproxy/javumbo.cfg"
for tool in haproxy curl python3; do
    command -v "$tool" >/dev/null || { echo "haproxy_two_instances: $tool is missing (apt-get install $tool)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "haproxy_two_instances: no javumbo at $BIN" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/javumbo-haproxy.XXXXXX")
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

PROOF_NAME=haproxy_two_instances
# shellcheck source=tests/packaging/proofhelpers.sh
source "$ROOT/tests/packaging/proofhelpers.sh"
serve() { # NAME: starts an instance; sets PORT_<NAME>
    local name=$1 port
    port=$(free_port)
    "$BIN" serve --data-dir "$WORK/data-$name" --bind 127.0.0.1 --port "$port" --instance-id "$name" \
        --trusted-proxy 127.0.0.1 --log-file "$WORK/serve-$name.log" >"$WORK/serve-$name.out" 2>&1 &
    PIDS+=($!)
    eval "PID_$name=$!"
    eval "PORT_$name=$port"
    wait_for "$WORK/serve-$name.out" 'listening on'
}
instance_of() { { curl -s -D - -o /dev/null "$@" || true; } | tr -d '\r' | sed -n 's/^[Xx]-[Jj]avumbo-[Ii]nstance: //p'; }

# 1. The file as shipped.
check "haproxy -c accepts packaging/haproxy/javumbo.cfg" haproxy -c -q -f "$CONFIG"

# 2. Round robin over two instances.
serve a
serve b
proxy "$WORK/two.cfg" "$PORT_a" "$PORT_b"
for _ in $(seq 20); do instance_of "http://127.0.0.1:$FRONT/api/v1/health"; done >"$WORK/rr.txt"
check "round robin: 10 answers from each instance (got: $(sort "$WORK/rr.txt" | uniq -c | tr '\n' ' '))" \
    test "$(grep -cx a "$WORK/rr.txt")" = 10 -a "$(grep -cx b "$WORK/rr.txt")" = 10

# 3. One instance killed: requests go on, on the other.
kill -9 "$PID_b"
ok=0
for _ in $(seq 20); do
    [ "$(instance_of -f "http://127.0.0.1:$FRONT/api/v1/health")" = a ] && ok=$((ok + 1))
done
check "after kill -9 of b: 20 of 20 requests answered by a (got $ok)" test "$ok" = 20
kill "$PROXY_PID" 2>/dev/null || true

# 4. A POST that reached a server which then died is not sent again.
HOLE=$(free_port)
python3 - "$HOLE" >"$WORK/hole.log" 2>&1 <<'PY' &
import socket, sys
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", int(sys.argv[1])))
listener.listen(64)
print("ready", flush=True)
while True:
    connection, _ = listener.accept()
    data = connection.recv(65536)  # the whole request: then close without a word, as a crash would
    if data:
        print("request", data.split(b"\r\n", 1)[0].decode(), flush=True)
    connection.close()
PY
PIDS+=($!)
wait_for "$WORK/hole.log" ready
proxy "$WORK/hole.cfg" --no-checks "$PORT_a" "$HOLE"
metric_logins() { # POST /api/v1/login answers counted by instance a itself
    curl -sf "http://127.0.0.1:$PORT_a/metrics" \
        | awk '/^javumbo_http_requests_total\{/ && /route="\/api\/v1\/login"/ && /method="POST"/ { n += $2 } END { print n + 0 }'
}
before=$(metric_logins)
: >"$WORK/statuses.txt"
for i in $(seq 10); do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' \
        -d "{\"username\":\"nobody$i\",\"password\":\"wrong-password-$i\"}" \
        "http://127.0.0.1:$FRONT/api/v1/login" >>"$WORK/statuses.txt"
done
after=$(metric_logins)
answered=$(grep -cvx 502 "$WORK/statuses.txt" || true)
refused=$(grep -cx 502 "$WORK/statuses.txt" || true)
reached_hole=$(grep -c '^request POST' "$WORK/hole.log" || true)
check "POSTs to the dead server answered 502, not re-sent ($refused × 502, $answered others)" \
    test "$refused" -ge 1 -a "$answered" -ge 1
check "instance a counted exactly the POSTs it answered ($((after - before)) = $answered)" \
    test "$((after - before))" = "$answered"
check "the dead server got each of its POSTs once ($reached_hole = $refused)" test "$reached_hole" = "$refused"
kill "$PROXY_PID" 2>/dev/null || true

# 5. Forwarding headers come from haproxy alone.
ECHO=$(free_port)
python3 - "$ECHO" >"$WORK/echo.log" 2>&1 <<'PY' &
import http.server, sys
class Echo(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = "".join(f"{k}: {v}\n" for k, v in self.headers.items()).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
print("ready", flush=True)
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Echo).serve_forever()
PY
PIDS+=($!)
wait_for "$WORK/echo.log" ready
proxy "$WORK/echo.cfg" --no-checks "$ECHO"
curl -s -H 'X-Forwarded-For: 6.6.6.6' -H 'Forwarded: for=6.6.6.6' -H 'X-Real-IP: 6.6.6.6' \
    "http://127.0.0.1:$FRONT/api/v1/health" >"$WORK/echoed.txt"
forwarded_for=$(tr -d '\r' <"$WORK/echoed.txt" | sed -n 's/^x-forwarded-for: //Ip' | paste -sd ' ')
check "the server sees X-Forwarded-For: 127.0.0.1 only (got: $forwarded_for)" test "$forwarded_for" = 127.0.0.1
check "a client's Forwarded and X-Real-IP never reach the server" \
    bash -c '! grep -qiE "^(forwarded|x-real-ip):|6\.6\.6\.6" "$1"' _ "$WORK/echoed.txt"

echo
[ "$failures" = 0 ] && echo "haproxy_two_instances: PASS" || echo "haproxy_two_instances: $failures FAILED"
exit $((failures > 0))
