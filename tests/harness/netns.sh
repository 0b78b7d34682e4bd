# Sourced by the scripts that run a real mail app in a network namespace with only loopback
# (thunderbird.sh, evolution_window.sh): copies of the harness's Dovecot and Postfix listen
# there on the same ports, so the app reaches the same servers and nothing else.

# ns_dovecot HARNESS DIR: Dovecot with its run, state and log in DIR, and a raw log of every
# IMAP connection in DIR/rawlog (what the client sent: DIR/rawlog/*.in).
ns_dovecot() {
  local T=$1 N=$2
  mkdir -p "$N/run" "$N/state" "$N/rawlog"; chmod 777 "$N/rawlog"
  sed -e "s|$T/dovecot/run|$N/run|; s|$T/dovecot/state|$N/state|" \
      -e "s|$T/dovecot/dovecot.log|$N/dovecot.log|; s|$T/dovecot/auth-client|$N/auth-client|" \
      "$T/dovecot/dovecot.conf" > "$N/dovecot.conf"
  printf 'protocol imap {\n  rawlog_dir = %s/rawlog\n}\n' "$N" >> "$N/dovecot.conf"
  dovecot -c "$N/dovecot.conf"
}

# ns_postfix HARNESS DIR: the same Postfix, its queue, log and sockets in DIR/postfix; SASL and
# LMTP through the Dovecot copy of ns_dovecot.
ns_postfix() {
  local T=$1 N=$2 f
  mkdir -p "$N/postfix/queue" "$N/postfix/data"; chown postfix:postfix "$N/postfix/data"
  for f in main.cf master.cf; do
    sed -e "s|$T/postfix/|$N/postfix/|g; s|$T/dovecot/auth-client|$N/auth-client|" \
        -e "s|$T/dovecot/run/lmtp|$N/run/lmtp|" "$T/postfix/$f" > "$N/postfix/$f"
  done
  postfix -c "$N/postfix" start >/dev/null 2>&1 || script -qc "postfix -c $N/postfix start" /dev/null
}

# ns_selects DIR: how many IMAP connections have selected (or examined) INBOX so far.
ns_selects() {
  grep -lis '\(select\|examine\) "\?inbox' "$1"/rawlog/*.in 2>/dev/null | wc -l
}

# ns_stop DIR: stops both copies and prints their logs and what the clients sent (no passwords:
# the rawlog keeps LOGIN and AUTHENTICATE lines, so they are dropped here).
ns_stop() {
  local N=$1
  kill "$(cat "$N/run/master.pid")" 2>/dev/null || true
  if [ -d "$N/postfix" ]; then
    postfix -c "$N/postfix" stop >/dev/null 2>&1 || true
    echo "--- postfix.log"
    grep -v -i 'pass' "$N/postfix/postfix.log" || true
  fi
  echo "--- dovecot.log"
  grep -v -i 'pass\|auth-worker' "$N/dovecot.log" || true
  echo "--- client commands"
  cat "$N"/rawlog/*.in 2>/dev/null | grep -iv 'login\|authenticate\|[A-Za-z0-9+/=]\{12,\}$' || true
}
