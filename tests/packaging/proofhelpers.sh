# Shared by the by-hand proof scripts of tests/packaging (sourced, not run):
# PASS/FAIL lines counted in $failures, a free loopback port, and a bounded
# wait for a line in a log, and haproxy with the shipped configuration in front
# of servers. The sourcing script sets PROOF_NAME, CONFIG (the haproxy file)
# and PIDS (what its cleanup kills).
failures=0
check() { # NAME CONDITION...
    local name=$1
    shift
    if "$@"; then echo "PASS  $name"; else echo "FAIL  $name"; failures=$((failures + 1)); fi
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # FILE PATTERN: up to 15 s
    for _ in $(seq 150); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "$PROOF_NAME: timed out waiting for '$2' in $1" >&2
    cat "$1" >&2 || true
    return 1
}
proxy() { # OUT [--no-checks] SERVER_PORT...: the shipped file with our ports; starts it; sets FRONT
    local out=$1 checks=" check"
    shift
    [ "${1:-}" = --no-checks ] && { checks=""; shift; }
    FRONT=$(free_port)
    sed -e "s#bind 0.0.0.0:8700#bind 127.0.0.1:$FRONT#" -e '/^    server /d' "$CONFIG" >"$out"
    local n=0
    for port in "$@"; do
        n=$((n + 1))
        echo "    server s$n 127.0.0.1:$port$checks" >>"$out"
    done
    haproxy -f "$out" -db >"$out.log" 2>&1 &
    PIDS+=($!)
    PROXY_PID=$!
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$FRONT/" && return 0; sleep 0.1; done
    echo "$PROOF_NAME: haproxy did not start" >&2
    cat "$out.log" >&2
    return 1
}
