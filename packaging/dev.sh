#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs whatever Debian
# packages the chosen mode needs and are missing (packaging/debian-packages.txt
# names every one; idempotent; as root, or through sudo), configures and
# builds the release preset, then
#   run         – starts the main job: the GUI when a display exists, otherwise the server
#   test        – runs the whole test suite (CTest, QT_QPA_PLATFORM=offscreen)
#   bench       – prints the benchmark figures
#   screenshots – regenerates docs/screenshots under Xvfb (tools/screenshots, not shipped)
# Extra arguments go to javumbo (run), ctest (test) or screenshots.sh.
#
# Before it touches anything it checks what a newcomer's machine may lack
# (root or sudo, reachable apt sources, free disk) and says so in one line.
set -euo pipefail

cd "$(dirname "$0")/.."
mode=${1:-run}
[ $# -gt 0 ] && shift

fail() {
    echo "dev.sh: $*" >&2
    exit 1
}

case "$mode" in
run) roles="build runtime" ;;
test) roles="build runtime test" ;;
bench) roles="build runtime bench" ;;
screenshots) roles="build runtime tools" ;;
*)
    echo "usage: $0 run|test|bench|screenshots [arguments]" >&2
    exit 2
    ;;
esac

[ -r /etc/debian_version ] && command -v apt-get >/dev/null ||
    fail "this script installs Debian packages with apt-get; on another system install the packages of packaging/debian-packages.txt by hand, then run: cmake --preset release && cmake --build --preset release"

# The packages of the wanted roles, comments and blank lines skipped.
packages=()
for role in $roles; do
    while read -r line_role package _; do
        [ "$line_role" = "$role" ] && packages+=("$package")
    done <packaging/debian-packages.txt
done

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

# Packages (about 0.8 GB with apt's cache) and a Release build (0.1 GB):
# refuse early rather than fail half-way with "No space left on device".
# With every package in place only the build needs room.
if [ ${#missing[@]} -gt 0 ]; then
    need_mib=2048 task="installing and building"
else
    need_mib=512 task="building"
fi
free_kib=$(df -Pk . | awk 'NR == 2 { print $4 }')
[ "$free_kib" -ge $((need_mib * 1024)) ] ||
    fail "only $((free_kib / 1024)) MiB free on $(df -P . | awk 'NR == 2 { print $6 }'); $task needs about $need_mib MiB. Free some space and run it again."

if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null ||
            fail "${#missing[@]} Debian packages are missing (${missing[*]}) and installing them needs root: run this as root, or install sudo and add yourself to the sudo group."
        sudo=sudo
    fi
    echo "dev.sh: installing ${#missing[@]} missing Debian packages and what they depend on: ${missing[*]}"
    update_log=$(mktemp)
    # apt-get update exits 0 even when every source failed; its "W:"/"E:"
    # lines are the only sign, so look for them.
    if ! $sudo apt-get update -q >"$update_log" 2>&1 || grep -qE '^(E:|W: (Failed|Some index))' "$update_log"; then
        cat "$update_log" >&2
        rm -f "$update_log"
        fail "apt cannot reach its package sources (see above). Check the network and /etc/apt/sources.list, then run this again."
    fi
    rm -f "$update_log"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" ||
        fail "apt-get install failed (see above); nothing was built."
fi

cmake --preset release >/dev/null
cmake --build --preset release

case "$mode" in
run)
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        exec build/release/app/javumbo "$@"
    fi
    exec build/release/app/javumbo serve "$@"
    ;;
test)
    exec ctest --preset release "$@"
    ;;
bench)
    exec cmake --build --preset release --target bench
    ;;
screenshots)
    exec bash packaging/screenshots.sh "$@"
    ;;
esac
