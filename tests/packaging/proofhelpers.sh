# Shared by the by-hand proof scripts of tests/packaging (sourced, not run):
# PASS/FAIL lines counted in $failures, a free loopback port, and a bounded
# wait for a line in a log. The sourcing script sets PROOF_NAME for messages.
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
