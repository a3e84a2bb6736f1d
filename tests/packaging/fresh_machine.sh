#!/usr/bin/env bash
# The README's two commands on a fresh Debian 12, as a newcomer runs them:
# a minimal Debian 12 root (debootstrap minbase: nothing but the base system)
# gets a clean clone of the current commit in /root/javumbo, and there, as
# root and without a display,
#   1. bash packaging/dev.sh test   must install, build and pass every test;
#   2. bash packaging/dev.sh run    must serve: /api/v1/health answers, then
#                                   SIGTERM stops it with exit code 0.
# Prints the packages that were installed (count, size, names), the time of
# each step and one PASS/FAIL line; exits non-zero on FAIL.
#
#   sudo tests/packaging/fresh_machine.sh
#
# Not part of CTest: it needs root, debootstrap and systemd-container (both
# installed if missing) and Debian's mirror, and takes 10-20 minutes on two
# cores. Only committed work is tested (a clone of HEAD). The tree is made
# anew on every run (ROOTFS, default /var/tmp/javumbo-fresh-machine, left
# behind for inspection); the base system is cached (debian-root.sh).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROOTFS=${ROOTFS:-/var/tmp/javumbo-fresh-machine}
PORT=${PORT:-8700}
# shellcheck source=debian-root.sh
source "$HERE/debian-root.sh"

[ "$(id -u)" -eq 0 ] || { echo "fresh_machine: run as root" >&2; exit 2; }
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "fresh_machine: port $PORT is in use on this machine (the container shares its network); stop that server or set PORT" >&2
    exit 2
fi
debian_root_host_tools

commit=$(git -C "$ROOT" rev-parse --short HEAD)
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] ||
    echo "fresh_machine: note: uncommitted changes are not tested; the clone is of $commit"

step_start=$(date +%s)
debian_root "$ROOTFS"
git clone -q --no-hardlinks "$ROOT" "$ROOTFS/root/javumbo"
git -C "$ROOTFS/root/javumbo" checkout -q "$commit"
bootstrap_seconds=$(($(date +%s) - step_start))

# The mistakes a newcomer's machine may hold, each of which must stop dev.sh
# early with one clear line instead of a CMake trace: not root and no sudo,
# apt sources out of reach, a disk too full to build on. They run first,
# while every package is still missing.
cat >"$ROOTFS/root/mistakes.sh" <<'EOF'
#!/bin/bash
set -u
expect() { # NAME WANTED-TEXT COMMAND...: dev.sh must exit 1 with WANTED-TEXT, before CMake ran
    local name=$1 wanted=$2 out rc
    shift 2
    out=$("$@" 2>&1); rc=$?
    if [ "$rc" = 1 ] && grep -q "$wanted" <<<"$out" && ! grep -qE '^(CMake |-- )' <<<"$out"; then
        echo "PASS $name: $(grep 'dev.sh:' <<<"$out" | tail -n1)"
    else
        echo "FAIL $name (exit $rc):"; sed 's/^/    /' <<<"$out" | tail -n 5
    fi
}
case "$1" in
user)
    useradd -m newcomer
    cp -a /root/javumbo /home/newcomer/javumbo && chown -R newcomer: /home/newcomer/javumbo
    expect "not root, no sudo" "needs root" runuser -u newcomer -- bash /home/newcomer/javumbo/packaging/dev.sh test
    userdel -r newcomer 2>/dev/null
    ;;
apt)
    mv /etc/apt/sources.list /etc/apt/sources.list.fresh
    echo 'deb http://unreachable.invalid/debian bookworm main' >/etc/apt/sources.list
    expect "apt sources out of reach" "cannot reach its package sources" bash /root/javumbo/packaging/dev.sh test
    mv /etc/apt/sources.list.fresh /etc/apt/sources.list
    rm -rf /var/lib/apt/lists/*
    ;;
disk)
    cp -a /root/javumbo /mnt/small/javumbo
    expect "disk too full" "MiB free" bash /mnt/small/javumbo/packaging/dev.sh test
    ;;
esac
EOF
chmod +x "$ROOTFS/root/mistakes.sh"

cat >"$ROOTFS/root/newcomer.sh" <<EOF
#!/bin/bash
# Runs inside the fresh root. Each output line of dev.sh gets the seconds
# since its start, so that the phases (packages, build, tests) can be timed.
set -u
cd /root/javumbo
unset DISPLAY WAYLAND_DISPLAY
export HOME=/root
stamp() { local t0=\$(date +%s) line; while IFS= read -r line; do echo "\$((\$(date +%s) - t0)) \$line"; done; }
dpkg-query -W -f='\${Package}\n' | sort >/root/packages-before.txt

bash packaging/dev.sh test 2>&1 | stamp >/root/test.log
echo "\${PIPESTATUS[0]}" >/root/test.rc

dpkg-query -W -f='\${Package} \${Installed-Size}\n' | sort >/root/packages-after.txt

bash packaging/dev.sh run --port $PORT >/root/run.log 2>&1 &
server=\$!
t0=\$(date +%s%N)
answered=no
# No curl in a base system: bash's /dev/tcp speaks the request.
health() (
    exec 3<>/dev/tcp/127.0.0.1/$PORT || exit 1
    printf 'GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
    grep -q '"status":"ok"' <&3
) 2>/dev/null
for _ in \$(seq 300); do
    if health; then answered=yes; break; fi
    sleep 0.1
done
echo "\$answered \$(((\$(date +%s%N) - t0) / 1000000))" >/root/run.health
kill -TERM \$server 2>/dev/null
wait \$server
echo \$? >/root/run.rc
EOF
chmod +x "$ROOTFS/root/newcomer.sh"

echo "fresh_machine: commit $commit in a fresh Debian 12 root at $ROOTFS (base system ready in ${bootstrap_seconds} s)"
echo "fresh_machine: a newcomer's mistakes first; each must stop dev.sh with one clear line"
mistakes=$( {
    debian_root_run "$ROOTFS" /root/mistakes.sh user
    debian_root_run "$ROOTFS" /root/mistakes.sh apt
    debian_root_run "$ROOTFS" --tmpfs=/mnt/small:size=64M /root/mistakes.sh disk
} 2>&1)
echo "$mistakes" | sed 's/^/    /'
echo "fresh_machine: running 'bash packaging/dev.sh test', then 'bash packaging/dev.sh run' without a display"
step_start=$(date +%s)
debian_root_run "$ROOTFS" /root/newcomer.sh || true
total_seconds=$(($(date +%s) - step_start))

log=$ROOTFS/root/test.log
# The phases, from the stamps: packages until cmake starts, the build until
# ctest starts, the tests until the end.
configure_at=$(awk '/-- (The CXX compiler|Configuring done)|^[0-9]+ \[[0-9]+\/[0-9]+\]/ { print $1; exit }' "$log")
ctest_at=$(awk '/Test project / { print $1; exit }' "$log")
end_at=$(tail -n1 "$log" | awk '{ print $1 }')
test_rc=$(cat "$ROOTFS/root/test.rc" 2>/dev/null || echo missing)
read -r answered health_ms <"$ROOTFS/root/run.health" || answered=no
run_rc=$(cat "$ROOTFS/root/run.rc" 2>/dev/null || echo missing)

installed=$(comm -13 "$ROOTFS/root/packages-before.txt" <(cut -d' ' -f1 "$ROOTFS/root/packages-after.txt"))
count=$(echo "$installed" | grep -c . || true)
size_kib=$(awk 'NR == FNR { want[$1]; next } ($1 in want) { s += $2 } END { print s + 0 }' \
    <(echo "$installed") "$ROOTFS/root/packages-after.txt")

echo
echo "Packages installed: $count, $((size_kib / 1024)) MiB on disk"
echo "$installed" | paste -sd' ' | fold -s -w 100 | sed 's/^/    /'
echo
echo "Time:"
echo "    base system (cached debootstrap + clone)  ${bootstrap_seconds} s"
echo "    dev.sh test: packages                     ${configure_at:-?} s"
echo "    dev.sh test: configure and build          $(( ${ctest_at:-0} - ${configure_at:-0} )) s"
echo "    dev.sh test: tests                        $(( ${end_at:-0} - ${ctest_at:-0} )) s"
echo "    dev.sh run: until /api/v1/health answers  ${health_ms:-?} ms"
echo "    all steps in the root                     ${total_seconds} s"
grep -E 'tests passed|tests failed' "$log" | sed 's/^[0-9]* /    /' || true
echo

verdict=PASS
reasons=()
[ "$test_rc" = 0 ] || { verdict=FAIL; reasons+=("dev.sh test exited $test_rc (log: $log)"); }
[ "$answered" = yes ] || { verdict=FAIL; reasons+=("dev.sh run never answered /api/v1/health (log: $ROOTFS/root/run.log)"); }
[ "$(grep -c '^PASS' <<<"$mistakes")" = 3 ] || { verdict=FAIL; reasons+=("a newcomer's mistake was not stopped with a clear message (above)"); }
[ "$run_rc" = 0 ] || { verdict=FAIL; reasons+=("the server exited $run_rc after SIGTERM (log: $ROOTFS/root/run.log)"); }
if [ "$verdict" = FAIL ]; then
    tail -n 30 "$log" | sed 's/^[0-9]* /    /'
    echo "FAIL fresh_machine $commit: ${reasons[*]}"
    exit 1
fi
echo "PASS fresh_machine $commit: dev.sh test passed every test and dev.sh run served, on a fresh Debian 12"
