#!/bin/bash
# `javumbo loadtest` and `javumbo check` as a tester runs them: a quick run
# against the embedded server must pass and leave every report file; the
# offline checker must reach PASS again from the saved run; bad input gets
# exit code 3 with a clear message.
set -u
javumbo="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Thresholds that do not depend on the machine's speed: speed is the benchmark's business.
steady=(--threshold 'add_card.count>=1' --threshold 'review_answer.count>=1')
"$javumbo" loadtest --quick --seed 5 "${steady[@]}" --report "$work/run" >"$work/out.txt" 2>&1
code=$?
[ "$code" -eq 0 ] || { cat "$work/out.txt"; fail "a clean quick run exited $code"; }
grep -q "Integrity: PASS" "$work/out.txt" || fail "no PASS verdict printed"
grep -q "integrity ack" "$work/out.txt" || fail "no status line printed"
for file in summary.json integrity_violations.json performance_metrics.json session_analysis.json \
    requests.jsonl profile.json run.json report.html snapshot/admin.db; do
    [ -s "$work/run/$file" ] || fail "missing $file"
done
grep -q '"verdict": "PASS"' "$work/run/summary.json" || fail "summary.json has no PASS verdict"

"$javumbo" check --run "$work/run" >"$work/check.txt" 2>&1
code=$?
[ "$code" -eq 0 ] || { cat "$work/check.txt"; fail "check --run exited $code"; }
grep -q "Integrity: PASS" "$work/check.txt" || fail "check printed no PASS"

# --replay re-runs the saved configuration: the same profile and seed, so the same accounts.
"$javumbo" loadtest --replay "$work/run" --report "$work/replayed" >"$work/replay.txt" 2>&1
code=$?
[ "$code" -eq 0 ] || { cat "$work/replay.txt"; fail "the replay exited $code"; }
cmp -s "$work/run/profile.json" "$work/replayed/profile.json" || fail "the replay ran another profile"
users() { grep -o '"op":"register".*' "$1" | grep -o '"username":"[^"]*"' | sort; }
[ "$(users "$work/run/requests.jsonl")" = "$(users "$work/replayed/requests.jsonl")" ] \
    || fail "the replay registered other accounts than the run"
[ -n "$(users "$work/run/requests.jsonl")" ] || fail "no registration recorded"

# The plan's default shape (30 users, 20/80 split, the ramps, the 100-card deck
# per reviewer) with its waits shortened, against a server hashing for real.
"$javumbo" loadtest --profile "$(dirname "$0")/default-short.json" "${steady[@]}" --report "$work/short" \
    >"$work/short.txt" 2>&1
code=$?
[ "$code" -eq 0 ] || { tail -40 "$work/short.txt"; fail "the shortened default plan exited $code"; }
grep -q "database_files        32 test users" "$work/short.txt" || fail "not every account was judged"

"$javumbo" loadtest --threshold 'add_card.p95<<1' >"$work/bad.txt" 2>&1
code=$?
[ "$code" -eq 3 ] || fail "a malformed threshold exited $code, expected 3"
grep -q "threshold" "$work/bad.txt" || fail "the malformed threshold was not named"

"$javumbo" loadtest --profile "$work/none.json" >"$work/bad.txt" 2>&1
[ $? -eq 3 ] || fail "a missing profile should exit 3"

"$javumbo" loadtest --target http://127.0.0.1:1 --quick --report "$work/unreachable" >"$work/bad.txt" 2>&1
code=$?
[ "$code" -eq 3 ] || { cat "$work/bad.txt"; fail "an unreachable target exited $code, expected 3"; }
grep -q "cannot reach" "$work/bad.txt" || fail "the unreachable target was not explained"
echo "cli loadtest: ok"
