#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs whatever Debian
# packages are missing (idempotent; as root, or through sudo), configures and
# builds the release preset, then
#   run   – starts the main job: the GUI when a display exists, otherwise the server
#   test  – runs the whole test suite (CTest, QT_QPA_PLATFORM=offscreen)
#   bench – prints the benchmark figures
# Extra arguments go to javumbo (run) or ctest (test).
set -euo pipefail

cd "$(dirname "$0")/.."
mode=${1:-run}
[ $# -gt 0 ] && shift

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite qt6-charts-dev
    sqlite3 wrk xvfb xauth
)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
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
*)
    echo "usage: $0 run|test|bench [arguments]" >&2
    exit 2
    ;;
esac
