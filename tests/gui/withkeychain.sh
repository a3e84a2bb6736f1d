#!/bin/sh
# Runs a command where QtKeychain works on a headless machine: a private D-Bus
# session bus with gnome-keyring's Secret Service, its login keyring unlocked
# in a temporary folder (so no real keyring is touched). tst_remoteprofiles_keychain
# proves with it that a remote profile's token goes to the keychain and into no file.
set -eu
keyrings=$(mktemp -d)
trap 'rm -rf "$keyrings"' EXIT
export XDG_DATA_HOME="$keyrings"
dbus-run-session -- sh -c 'printf javumbo | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$@"' sh "$@"
