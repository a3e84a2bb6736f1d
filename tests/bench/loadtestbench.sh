#!/usr/bin/env bash
# How much load `javumbo loadtest` can drive, and what it costs the tester.
#
#   tests/bench/loadtestbench.sh [path/to/javumbo]   (default build/release/app/javumbo)
#
# A benchmark, not a test: it prints figures. Two runs of the same profile
# (tests/bench/loadtest-max.json: 30 users, no think times):
#   1. against the embedded server (one process);
#   2. against a separate `javumbo serve`, so the tester's own CPU time can be
#      told apart from the server's: CPU seconds per 1,000 operations of each.
# Then, with FULL=1, the plan's full default run (30 users, up to 300 s).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${1:-$ROOT/build/release/app/javumbo}
PROFILE="$HERE/loadtest-max.json"
export QT_QPA_PLATFORM=offscreen
WORK=$(mktemp -d "${TMPDIR:-/tmp}/javumbo-loadtestbench.XXXXXX")
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT
command -v jq >/dev/null || apt-get install -y jq >/dev/null
[ -x "$BIN" ] || { echo "loadtestbench: no javumbo binary at $BIN" >&2; exit 1; }

cpu_seconds() { # utime + stime of a pid, in seconds
    awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}
report() { # label, report dir, tester cpu seconds, server cpu seconds (or "-")
    local ops duration verdict
    ops=$(jq .operations "$2/summary.json")
    duration=$(jq .duration_s "$2/summary.json")
    verdict=$(jq -r .verdict "$2/summary.json")
    printf '%-34s %8d ops in %6.1f s = %7.0f ops/s  verdict %-7s' "$1" "$ops" "$duration" \
        "$(echo "$ops / $duration" | bc -l)" "$verdict"
    [ "$3" != "-" ] && printf '  tester CPU %5.1f s (%4.2f s per 1k ops)' "$3" "$(echo "$3 * 1000 / $ops" | bc -l)"
    [ "$4" != "-" ] && printf '  server CPU %5.1f s (%4.2f s per 1k ops)' "$4" "$(echo "$4 * 1000 / $ops" | bc -l)"
    printf '\n'
    jq -r '.thresholds[] | "    \(.expression): \(.observed)"' "$2/summary.json" 2>/dev/null || true
}
command -v bc >/dev/null || apt-get install -y bc >/dev/null

# 1. Embedded.
"$BIN" loadtest --profile "$PROFILE" --report "$WORK/embedded" --threshold 'errors.rate<1' \
    --threshold 'add_card.p95<100000ms' >"$WORK/embedded.log" 2>&1 || true
report "embedded server (one process)" "$WORK/embedded" - -

# 2. A separate server.
"$BIN" serve --port 0 --data-dir "$WORK/data" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do grep -q "listening on" "$WORK/serve.log" && break; sleep 0.1; done
URL=$(grep -o 'http://[0-9.:]*' "$WORK/serve.log" | head -1)
[ -n "$URL" ] || { cat "$WORK/serve.log"; exit 1; }
server_before=$(cpu_seconds "$SERVER_PID")
/usr/bin/time -f '%U %S' -o "$WORK/tester.time" "$BIN" loadtest --target "$URL" --data-dir "$WORK/data" \
    --profile "$PROFILE" --report "$WORK/separate" --threshold 'errors.rate<1' >"$WORK/separate.log" 2>&1 || true
server_cpu=$(echo "$(cpu_seconds "$SERVER_PID") - $server_before" | bc -l)
tester_cpu=$(awk '{ print $1 + $2 }' "$WORK/tester.time")
report "separate javumbo serve" "$WORK/separate" "$tester_cpu" "$server_cpu"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

# 3. The plan's full default run.
if [ "${FULL:-0}" = 1 ]; then
    "$BIN" loadtest --report "$WORK/default" >"$WORK/default.log" 2>&1 || true
    report "full default plan (embedded)" "$WORK/default" - -
    tail -30 "$WORK/default.log"
fi
