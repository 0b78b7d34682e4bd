#!/usr/bin/env bash
# Runs the real Thunderbird, headless, on a profile, inside a network namespace that has only
# loopback: a copy of the harness's Dovecot listens there on the same ports, and Thunderbird can
# reach nothing else. Waits until Dovecot's raw IMAP log shows the user selecting INBOX (or the
# time is up), then quits both and prints what the client sent (commands only, no passwords:
# Dovecot's rawlog keeps LOGIN lines, so they are dropped here).
# Usage: thunderbird.sh HARNESS_DIR PROFILE SECONDS [select:N | hold:FILE]
#   select:N (default select:1): wait until N connections have selected INBOX.
#   hold:FILE: keep Thunderbird running until FILE exists (at most SECONDS), printing "running"
#         once its lock is held (the tests try a hand-off while Thunderbird runs).
set -euo pipefail
T=$(realpath "$1"); P=$(realpath "$2"); secs=$3; mode=${4:-select:1}
exec unshare -n -- bash -s "$T" "$P" "$secs" "$mode" <<'NS'
set -euo pipefail
T=$1 P=$2 secs=$3 mode=$4
ip link set lo up
N=$(mktemp -d "$T/dovecot-ns.XXXXXX"); chmod 755 "$N"
mkdir -p "$N/run" "$N/state" "$N/rawlog"; chmod 777 "$N/rawlog"
sed -e "s|$T/dovecot/run|$N/run|; s|$T/dovecot/state|$N/state|" \
    -e "s|$T/dovecot/dovecot.log|$N/dovecot.log|; s|$T/dovecot/auth-client|$N/auth-client|" \
    "$T/dovecot/dovecot.conf" > "$N/dovecot.conf"
printf 'protocol imap {\n  rawlog_dir = %s/rawlog\n}\n' "$N" >> "$N/dovecot.conf"
dovecot -c "$N/dovecot.conf"
home=$(mktemp -d "$T/tb-home.XXXXXX")
HOME=$home MOZ_HEADLESS=1 thunderbird --headless --no-remote --profile "$P" >"$N/thunderbird.out" 2>&1 &
tb=$!
seen=1
for _ in $(seq $((secs * 10))); do
  if [ "${mode%%:*}" = hold ]; then
    [ -f "$N/said" ] || { [ -e "$P/.parentlock" ] && sleep 1 && echo running && : > "$N/said"; }
    [ -e "${mode#hold:}" ] && break
  elif [ "$(grep -lis 'select "\?inbox' "$N"/rawlog/*.in 2>/dev/null | wc -l)" -ge "${mode#select:}" ]; then
    seen=0; break
  fi
  kill -0 $tb 2>/dev/null || break
  sleep 0.1
done
[ "${mode%%:*}" = hold ] && seen=0
kill $tb 2>/dev/null || true
wait $tb 2>/dev/null || true
kill "$(cat "$N/run/master.pid")" 2>/dev/null || true
echo "--- dovecot.log"
grep -v -i 'pass\|auth-worker' "$N/dovecot.log" || true
echo "--- thunderbird"
tail -n 20 "$N/thunderbird.out"
echo "--- client commands"
cat "$N"/rawlog/*.in 2>/dev/null | grep -iv 'login\|authenticate\|[A-Za-z0-9+/=]\{12,\}$' || true
rm -rf "$home" "$N"
exit $seen
NS
