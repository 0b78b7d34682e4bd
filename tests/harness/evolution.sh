#!/usr/bin/env bash
# Hands a saved account to Evolution and asks evolution-data-server (its real source registry,
# through python3-gi) what it loaded: in a D-Bus session of its own, with a Secret Service
# (GNOME Keyring) and config dirs of its own, so the registry reads only this run's sources.
# Prints the registry's view as JSON (the code itself never: only whether it matched).
# Usage: evolution.sh BINARY WORKDIR SAVE_ARGS...   (the code on standard input)
set -euo pipefail
bin=$(realpath "$1"); W=$(realpath -m "$2"); shift 2
rm -rf "$W"; mkdir -p "$W/config" "$W/data" "$W/home" "$W/run"; chmod 700 "$W/run"
export XDG_CONFIG_HOME=$W/config XDG_DATA_HOME=$W/data HOME=$W/home XDG_RUNTIME_DIR=$W/run
export MAILSETUP_CONFIG_DIR=$W/mailsetup EXPECT
EXPECT=$(cat)
here=$(dirname "$(realpath "$0")")
exec dbus-run-session -- bash -s "$bin" "$here" "$@" <<'SESSION'
set -euo pipefail
bin=$1 here=$2; shift 2
eval "$(printf 'test-keyring-password' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
user=$1
printf '%s' "$EXPECT" | "$bin" check "$@" --password-stdin --save --lang en >/dev/null
"$bin" add-to evolution "$user" --lang en > "$XDG_RUNTIME_DIR/first.txt"
"$bin" add-to evolution "$user" --lang en > "$XDG_RUNTIME_DIR/second.txt"
/usr/bin/python3 "$here/eds_check.py" "$XDG_RUNTIME_DIR/first.txt" "$XDG_RUNTIME_DIR/second.txt"
SESSION
