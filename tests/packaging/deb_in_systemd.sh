#!/usr/bin/env bash
# Boots a minimal Debian 12 under systemd (systemd-nspawn, systemd as PID 1),
# installs the javumbo .deb there and checks what an admin relies on: the unit
# is enabled and started with its limits and hardening, the server answers,
# the CLI adds an admin while it runs, a card survives a restart, a killed
# server is restarted, remove stops it and keeps the data, purge removes the
# system user. Prints PASS/FAIL lines; exits non-zero on any FAIL.
#
#   sudo tests/packaging/deb_in_systemd.sh [path/to/javumbo_*.deb]
#
# Not part of CTest: it needs root, debootstrap and systemd-container (both
# installed if missing) and Debian's mirror (about 100 MB of Qt runtime
# packages), and takes 2-4 minutes. The tree is made anew on every run
# from a cached bootstrap (debian-root.sh); ROOTFS=DIR says where (default
# /var/lib/machines/javumbo-deb12, left behind for inspection).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DEB=${1:-$(ls "$ROOT"/build/release/javumbo_*_amd64.deb 2>/dev/null | head -n1)}
ROOTFS=${ROOTFS:-/var/lib/machines/javumbo-deb12}
# shellcheck source=debian-root.sh
source "$HERE/debian-root.sh"
[ "$(id -u)" -eq 0 ] || { echo "deb_in_systemd: run as root" >&2; exit 2; }
[ -f "$DEB" ] || { echo "deb_in_systemd: no .deb (cd build/release && cpack -G DEB)" >&2; exit 2; }
debian_root_host_tools
debian_root "$ROOTFS" systemd,systemd-sysv,dbus,curl,ca-certificates,adduser
cp "$DEB" "$ROOTFS/root/javumbo.deb"

cat >"$ROOTFS/root/verify.sh" <<'EOF'
#!/bin/bash
# Runs inside the container as a oneshot unit, then powers it off.
exec >/root/verify.log 2>&1
export DEBIAN_FRONTEND=noninteractive
api=http://127.0.0.1:8700
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; fi; }
healthy() { for _ in $(seq 100); do curl -sf "$api/api/v1/health" >/dev/null && return 0; sleep 0.2; done; return 1; }
dpkg -r javumbo >/dev/null 2>&1 || true
apt-get update -q >/dev/null
check "apt installs the package and its dependencies" "apt-get install -y -q /root/javumbo.deb >/root/apt.log 2>&1"
check "the unit is enabled" "[ \"\$(systemctl is-enabled javumbo.service)\" = enabled ]"
check "the server answers /health" healthy
check "the unit is active, as user javumbo" "[ \"\$(systemctl show -p ActiveState --value javumbo)\" = active ] && [ \"\$(systemctl show -p User --value javumbo)\" = javumbo ]"
check "LimitNOFILE is raised" "[ \"\$(systemctl show -p LimitNOFILE --value javumbo)\" = 65536 ]"
check "the data directory belongs to javumbo" "[ \"\$(stat -c %U:%a /var/lib/javumbo)\" = javumbo:750 ]"
check "the CLI adds an admin while the server runs" "printf 'admin-password-1\n' | runuser -u javumbo -- javumbo users add alice --admin --email alice@example.org --data-dir /var/lib/javumbo"
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"alice","password":"admin-password-1"}' "$api/api/v1/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
check "the admin logs in" "[ -n \"$token\" ]"
check "a card is added" "curl -sf -o /dev/null -H 'Authorization: Bearer $token' -H 'Content-Type: application/json' -d '{\"front\":\"systemd front\",\"back\":\"b\"}' $api/api/v1/cards"
systemctl restart javumbo.service
check "the card survives a restart" "healthy && curl -sf -H 'Authorization: Bearer $token' $api/api/v1/cards | grep -q 'systemd front'"
check "/metrics answers on loopback" "curl -sf $api/metrics | grep -q '^javumbo_http_requests_total'"
exposure=$(systemd-analyze security javumbo.service --no-pager 2>/dev/null | sed -n 's/.*Overall exposure level for javumbo.service: \([0-9.]*\).*/\1/p')
echo "     systemd-analyze security: exposure $exposure"
check "hardening keeps the exposure under 2.0" "awk -v e='$exposure' 'BEGIN { exit !(e != \"\" && e < 2.0) }'"
killed=$(systemctl show -p MainPID --value javumbo.service)
kill -9 "$killed"
restarted() { # a new main process within RestartSec=2 plus start-up
    for _ in $(seq 100); do
        pid=$(systemctl show -p MainPID --value javumbo.service)
        [ "$pid" != 0 ] && [ "$pid" != "$killed" ] && healthy && return 0
        sleep 0.1
    done
    return 1
}
check "a killed server is restarted" "restarted && [ \"\$(systemctl show -p NRestarts --value javumbo)\" = 1 ]"
check "the access log reaches the journal as JSON" "journalctl -u javumbo.service -o cat --no-pager | grep -q '\"route\":\"/api/v1/cards\"'"
apt-get remove -y -q javumbo >/dev/null 2>&1
check "remove stops the server" "! systemctl is-active -q javumbo.service"
check "remove keeps the data" "[ -s /var/lib/javumbo/admin.db ] && ls /var/lib/javumbo/user_dbs/user_1.db >/dev/null"
apt-get purge -y -q javumbo >/dev/null 2>&1
check "purge removes the system user" "! getent passwd javumbo >/dev/null"
check "purge keeps the data, readable by root only" "[ \"\$(stat -c %U:%a /var/lib/javumbo)\" = root:700 ]"
rm -rf /var/lib/javumbo
echo DONE
systemctl poweroff
EOF
chmod +x "$ROOTFS/root/verify.sh"
cat >"$ROOTFS/etc/systemd/system/javumbo-verify.service" <<'EOF'
[Unit]
Description=Verify the javumbo package
After=multi-user.target
[Service]
Type=oneshot
ExecStart=/root/verify.sh
[Install]
WantedBy=multi-user.target
EOF
mkdir -p "$ROOTFS/etc/systemd/system/multi-user.target.wants"
ln -sf /etc/systemd/system/javumbo-verify.service "$ROOTFS/etc/systemd/system/multi-user.target.wants/"

echo "deb_in_systemd: booting $ROOTFS with $(basename "$DEB")"
# --register=no --keep-unit: works on hosts without systemd-machined (or without systemd at all).
timeout 600 systemd-nspawn -q -D "$ROOTFS" -b --register=no --keep-unit --machine=javumbo-deb12 >/dev/null 2>&1 || true
rm -f "$ROOTFS/etc/systemd/system/multi-user.target.wants/javumbo-verify.service"
[ -f "$ROOTFS/root/verify.log" ] || { echo "deb_in_systemd: the container wrote no log" >&2; exit 1; }
cat "$ROOTFS/root/verify.log"
grep -q '^DONE' "$ROOTFS/root/verify.log" || { echo "deb_in_systemd: the check did not finish" >&2; exit 1; }
! grep -q '^FAIL' "$ROOTFS/root/verify.log"
