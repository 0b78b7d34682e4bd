#!/usr/bin/env bash
# Runs the real Evolution, its window under Xvfb, on an account that `mailsetup add-to evolution`
# wrote: in a network namespace with only loopback (copies of the harness's Dovecot and Postfix,
# tests/harness/netns.sh), a PID namespace (all it starts ends with the script), and a D-Bus
# session, GNOME Keyring and config dirs of its own. Waits until Dovecot's raw log shows the user
# selecting INBOX: Evolution signed in with the code from the Secret Service, asking nothing.
# Usage: evolution_window.sh HARNESS_DIR BINARY WORKDIR SECONDS SAVE_ARGS...  (the code on stdin)
# Prints what mailsetup said, the logs and "evolution: signed in" once seen (exit 0), and leaves a
# screenshot of the window in WORKDIR/evolution.png. With SUBJECT set, Evolution's composer then
# sends one message to the user (printing "evolution: sent" once Postfix has delivered it).
set -euo pipefail
T=$(realpath "$1"); bin=$(realpath "$2"); W=$(realpath -m "$3"); secs=$4; shift 4
HERE=$(dirname "$(realpath "$0")")
rm -rf "$W"; mkdir -p "$W/config" "$W/data" "$W/home" "$W/run" "$W/cache"; chmod 700 "$W/run"
export XDG_CONFIG_HOME=$W/config XDG_DATA_HOME=$W/data HOME=$W/home XDG_RUNTIME_DIR=$W/run
export XDG_CACHE_HOME=$W/cache MAILSETUP_CONFIG_DIR=$W/mailsetup CODE
CODE=$(cat)
exec unshare -n -p -f --mount-proc -- bash -s "$T" "$bin" "$W" "$secs" "$HERE" "$@" <<'NS'
set -euo pipefail
T=$1 bin=$2 W=$3 secs=$4 HERE=$5; shift 5
ip link set lo up
# shellcheck source=tests/harness/netns.sh
. "$HERE/netns.sh"
N=$(mktemp -d "$T/dovecot-ns.XXXXXX"); chmod 755 "$N"
ns_dovecot "$T" "$N"
ns_postfix "$T" "$N"
# Evolution's TLS (GLib's GnuTLS backend) trusts the system's CA bundle: in this mount namespace
# only, the bundle has the test CA too, as a company's CA would be installed (test only).
cat /etc/ssl/certs/ca-certificates.crt "$T/ca.pem" > "$N/ca-bundle.crt"
mount --bind "$N/ca-bundle.crt" /etc/ssl/certs/ca-certificates.crt
export N T W secs HERE
set +e
dbus-run-session -- bash -s "$bin" "$@" <<'SESSION'
set -euo pipefail
bin=$1; shift
# shellcheck source=tests/harness/netns.sh
. "$HERE/netns.sh"
eval "$(printf 'test-keyring-password' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
printf '%s' "$CODE" | "$bin" check "$@" --password-stdin --save --lang en >/dev/null
"$bin" add-to evolution "$1" --lang en
# From here on, every login and command Dovecot logs is Evolution's.
: > "$N/dovecot.log"; rm -f "$N"/rawlog/*
exec 3>"$W/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$W/xvfb.log" 2>&1 &
exec 3>&-
for _ in $(seq 50); do [ -s "$W/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n 1 "$W/display")"
# The namespace has no route but loopback, which GLib's netlink monitor calls "offline": the
# base monitor says online, as a desktop on a network would. Root in a namespace has no
# bubblewrap for WebKit's web process (test only).
GIO_USE_NETWORK_MONITOR=base WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1 \
  evolution >"$W/evolution.out" 2>&1 &
seen=1
for _ in $(seq $((secs * 10))); do
  if [ "$(ns_selects "$N")" -ge 1 ]; then seen=0; break; fi
  sleep 0.1
done
# The window as it is once signed in, for a look (docs/screenshots).
sleep 2
import -display "$DISPLAY" -window root "$W/evolution.png" 2>/dev/null || true
if [ $seen = 0 ] && [ -n "${SUBJECT:-}" ]; then
  # Evolution's own composer, opened as a mailto: link would open it, and sent with its own
  # shortcut (Ctrl+Enter, without its "are you sure" prompt): the transport's code comes from
  # the Secret Service too.
  gsettings set org.gnome.evolution.mail prompt-on-accel-send false
  evolution "mailto:$1?subject=$SUBJECT&body=Sent%20by%20Evolution" >>"$W/evolution.out" 2>&1 &
  win=""
  for _ in $(seq 100); do
    win=$(xdotool search --name "^$SUBJECT" 2>/dev/null | head -n 1) && [ -n "$win" ] && break
    sleep 0.2
  done
  echo "composer: ${win:-none}"
  sleep 1
  # No window manager runs: the composer gets the keyboard focus directly.
  if [ -n "$win" ]; then
    xdotool windowfocus --sync "$win" key --clearmodifiers ctrl+Return || true
  fi
  for _ in $(seq $((secs * 10))); do
    grep -qs 'status=sent' "$N/postfix/postfix.log" && { echo "evolution: sent"; break; }
    sleep 0.1
  done
  import -display "$DISPLAY" -window root "$W/evolution-sent.png" 2>/dev/null || true
fi
echo "--- evolution"
grep -v -i 'pass' "$W/evolution.out" | tail -n 20 || true
[ $seen = 0 ] && echo "evolution: signed in"
exit $seen
SESSION
seen=$?
set -e
ns_stop "$N"
rm -rf "$N"
exit $seen
NS
