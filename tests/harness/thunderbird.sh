#!/usr/bin/env bash
# Runs the real Thunderbird, headless, on a profile, inside a network namespace that has only
# loopback: a copy of the harness's Dovecot listens there on the same ports, and Thunderbird can
# reach nothing else. Waits until Dovecot's raw IMAP log shows the user selecting INBOX (or the
# time is up), then quits both and prints what the client sent (commands only, no passwords:
# Dovecot's rawlog keeps LOGIN lines, so they are dropped here).
# Usage: thunderbird.sh HARNESS_DIR PROFILE SECONDS [select:N | hold:FILE | send:ADDRESS:SUBJECT | init] [COMMAND...]
#   select:N (default select:1): wait until N connections have selected INBOX.
#   hold:FILE: keep Thunderbird running until FILE exists (at most SECONDS), printing "running"
#         once its lock is held (the tests try a hand-off while Thunderbird runs).
#   send:ADDRESS:SUBJECT: a copy of the harness's Postfix runs in the namespace too (delivering
#         to the Dovecot copy), and Thunderbird is asked over Marionette to send one message
#         from its default account (thunderbird_send.py); prints "send: sent" or why not.
#   init: Thunderbird's first start on a new profile, until it has made its key for saved
#         passwords (it encrypts its OpenPGP passphrase with it), as a user's profile has one.
#   COMMAND...: how Thunderbird is started instead of `thunderbird --headless --profile PROFILE`
#         (the command this app's "Open Thunderbird" runs; MOZ_HEADLESS keeps it headless).
set -euo pipefail
T=$(realpath "$1"); P=$(realpath "$2"); secs=$3; mode=${4:-select:1}
shift $(($# < 4 ? $# : 4))
HERE=$(dirname "$(realpath "$0")")
exec unshare -n -- bash -s "$T" "$P" "$secs" "$mode" "$HERE" "$@" <<'NS'
set -euo pipefail
T=$1 P=$2 secs=$3 mode=$4 HERE=$5
shift 5
ip link set lo up
N=$(mktemp -d "$T/dovecot-ns.XXXXXX"); chmod 755 "$N"
# shellcheck source=tests/harness/netns.sh
. "$HERE/netns.sh"
ns_dovecot "$T" "$N"
flags=()
if [ "${mode%%:*}" = send ]; then
  ns_postfix "$T" "$N"
  flags=(--marionette -remote-allow-system-access)
fi
home=$(mktemp -d "$T/tb-home.XXXXXX")
[ $# -gt 0 ] || set -- thunderbird --headless --no-remote "${flags[@]}" --profile "$P"
HOME=$home MOZ_HEADLESS=1 "$@" >"$N/thunderbird.out" 2>&1 &
tb=$!
seen=1
if [ "${mode%%:*}" = send ]; then
  rest=${mode#send:}
  said=$(timeout "$secs" "$T/venv/bin/python" "$HERE/thunderbird_send.py" 2828 "${rest%%:*}" "${rest#*:}" 2>&1 | tail -n 1) || true
  echo "send: $said"
  [ "$said" = sent ] && seen=0
  # The queue hands the message to Dovecot over LMTP within a second or two.
  for _ in $(seq 50); do grep -qs 'status=sent' "$N/postfix/postfix.log" && break; sleep 0.1; done
  mode=done
fi
for _ in $(seq $((secs * 10))); do
  if [ "${mode%%:*}" = hold ]; then
    [ -f "$N/said" ] || { [ -e "$P/.parentlock" ] && sleep 1 && echo running && : > "$N/said"; }
    [ -e "${mode#hold:}" ] && break
  elif [ "$mode" = done ]; then
    break
  elif [ "$mode" = init ]; then
    [ -s "$P/encrypted-openpgp-passphrase.txt" ] && { seen=0; break; }
  elif [ "$(ns_selects "$N")" -ge "${mode#select:}" ]; then
    seen=0; break
  fi
  kill -0 $tb 2>/dev/null || break
  sleep 0.1
done
[ "${mode%%:*}" = hold ] && seen=0
kill $tb 2>/dev/null || true
wait $tb 2>/dev/null || true
echo "--- thunderbird"
tail -n 20 "$N/thunderbird.out"
ns_stop "$N"
rm -rf "$home" "$N"
exit $seen
NS
