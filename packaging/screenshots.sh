#!/usr/bin/env bash
# Saves a PNG of each main view of the desktop app at 1280×800 (deck list,
# review front and answer of a card with HTML and a picture, deck options,
# browser, statistics, the server panel (its class accounts and its activity,
# the class passwords dialog), load-test dashboard during and after a
# run, and with a planted fault, the profile dialog "On a server"), dark-mode
# shots (*-dark.png), the main pages at 800×600 (*-800x600.png), and of the browser study page
# (web-*.png, tests/web/screenshots.mjs) into a folder.
#
#   packaging/screenshots.sh [OUTPUT_DIR] [SCREENSHOTS_BINARY]
#
# OUTPUT_DIR defaults to docs/screenshots, the binary to
# build/release/tools/screenshots/javumbo-screenshots (or $SCREENSHOTS_BIN):
# a developer tool built with the app and never installed. It runs under Xvfb
# on a throw-away data directory and settings, fills a sample profile, walks
# through the views and quits (tools/screenshots/screenshottour.cpp: add shots
# there).
set -euo pipefail

out=${1:-docs/screenshots}
bin=${2:-${SCREENSHOTS_BIN:-build/release/tools/screenshots/javumbo-screenshots}}
[[ -x $bin ]] || { echo "no javumbo-screenshots binary at $bin (build it: cmake --build --preset release; or pass it as the second argument)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (Debian package xvfb)" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$out"
out=$(cd "$out" && pwd)

# Fresh settings and data: the shots never depend on (or touch) the user's own.
env -u QT_QPA_PLATFORM XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/share" \
    XDG_RUNTIME_DIR="$scratch/runtime" QT_QPA_PLATFORMTHEME= \
    xvfb-run -a -s "-screen 0 1400x1000x24" \
    "$bin" --data-dir "$scratch/data" "$out"

# The browser study page's views: headless Chromium, no display needed.
node "$(dirname "$0")/../tests/web/screenshots.mjs" --javumbo "$bin" --out "$out" >/dev/null

echo "screenshots in $out:"
ls -1 "$out"/*.png
