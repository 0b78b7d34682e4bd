#!/usr/bin/env bash
# Drives the real wizard binary in a real X window under Xvfb (keyboard only, with xdotool) and
# saves one PNG per screen in zh-CN and en. Needs the harness environment (tests/run).
# The app runs with trace logs; its output and config dirs go to LOGDIR, which the test searches
# for the codes typed (they must not be there).
# Usage: tests/screenshots.sh BINARY OUTDIR LOGDIR
set -euo pipefail
bin=$(realpath "$1"); out=$(realpath -m "$2"); logs=$(realpath -m "$3")
mkdir -p "$out" "$logs"
export MAILSETUP_LOG=trace
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# Only DejaVu is visible to the app: Chinese must come from the bundled font, as on a machine
# without any CJK font.
cat > "$work/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir></fontconfig>
CONF
export FONTCONFIG_FILE="$work/fonts.conf"

# A server that accepts and never answers keeps the testing screen up long enough to capture.
python3 -c '
import socket, time, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(8); print(s.getsockname()[1], flush=True)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)
' > "$work/blackhole.port" &
for _ in $(seq 50); do [ -s "$work/blackhole.port" ] && break; sleep 0.1; done
hole=$(cat "$work/blackhole.port")

good=(--imap "localhost:$MAILSETUP_TEST_IMAPS:tls" --smtp "localhost:$MAILSETUP_TEST_SUBMISSION:starttls" --ca-file "$MAILSETUP_TEST_CA")
slow=(--imap "127.0.0.1:$hole:tls" --smtp "localhost:$MAILSETUP_TEST_SUBMISSION:starttls" --ca-file "$MAILSETUP_TEST_CA")

drive() { # lang servers... ; runs inside an X display
  local lang=$1; shift
  # The app's default config dir under a home of its own, so the screenshots show the
  # "~/.config/mailsetup" a user sees (and the leak scan covers it).
  export HOME="$logs/home-$lang"; mkdir -p "$HOME"
  unset MAILSETUP_CONFIG_DIR XDG_CONFIG_HOME
  local log="$logs/$lang.log"
  snap() { sleep "${2:-1.5}"; import -window root "$out/$lang-$1.png"; }
  key() { xdotool key "$1"; }
  # No window manager under Xvfb: give the window the keyboard focus ourselves.
  focus() { sleep 1.5; xdotool mousemove 5 5; xdotool windowfocus --sync "$(xdotool search --sync --pid "$1" | head -1)"; }

  # Failure path, with the testing screen captured while IMAP hangs.
  "$bin" --lang "$lang" "${slow[@]}" >>"$log" 2>&1 & local pid=$!
  focus $pid
  xdotool type --delay 30 "$MAILSETUP_TEST_USER"; snap 1-start
  key Return; snap 2-steps
  key Return; sleep 1.5; xdotool type --delay 20 "wrongwrongwrongw"; snap 3-credentials
  key Return; snap 4-testing 1.5
  snap 5-result-failure 11
  # Tab reaches the buttons too, with a visible ring.
  key Tab; snap 11-keyboard-focus 0.8
  kill $pid; wait $pid 2>/dev/null || true

  # Success path: saved to the keyring, server settings shown; Done (Enter) closes the window,
  # and --result-json tells the launcher what was saved.
  "$bin" --lang "$lang" --result-json "${good[@]}" >"$logs/$lang-result.json" 2>>"$log" & pid=$!
  focus $pid
  xdotool type --delay 20 "$MAILSETUP_TEST_USER"; key Return; sleep 1.5; key Return; sleep 1.5
  xdotool type --delay 20 "$MAILSETUP_TEST_PASS"; key Return
  snap 6-result-success 2
  key Return
  for _ in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  kill $pid 2>/dev/null || true # still open after 10 s: its exit code fails the test
  rc=0; wait $pid 2>/dev/null || rc=$?
  echo "$rc" > "$logs/$lang-result.rc"

  # A company server whose certificate its own CA signed (found through SRV), from the window
  # alone: Enter on the failure opens the system's file dialog (zenity here: no desktop
  # portal), the CA's path goes in, Enter trusts the file shown (whose it is, its fingerprint)
  # and tests again, and the account is saved with it; Done closes the window.
  "$bin" --lang "$lang" --result-json --dns-server "$MAILSETUP_TEST_DNS" \
    --ispdb-url "$MAILSETUP_TEST_ISPDB" >"$logs/$lang-ca.json" 2>>"$log" & pid=$!
  focus $pid
  xdotool type --delay 20 "tester@srv-corp.test"; key Return; sleep 3; key Return; sleep 1.5
  key Return; sleep 1.5; xdotool type --delay 20 "$MAILSETUP_TEST_PASS"; key Return
  snap 15-ca-failure 4
  key Return
  local dialog; dialog=$(timeout 20 xdotool search --sync --onlyvisible --class zenity | head -1)
  xdotool windowfocus --sync "$dialog"; sleep 1
  # GTK's file chooser: Ctrl+L opens its location field (typing "/" does too, but the key
  # after it can be lost while the field appears).
  key ctrl+l; sleep 0.5; key ctrl+a
  xdotool type --delay 20 "$MAILSETUP_TEST_CA"; sleep 0.5; key Return
  focus $pid
  snap 16-ca-picked 1
  key Return
  snap 17-ca-trusted 4
  key Return
  for _ in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true

  # A company domain: its servers found through its autoconfig file, then the steps for it.
  "$bin" --lang "$lang" --dns-server "$MAILSETUP_TEST_DNS" --ca-file "$MAILSETUP_TEST_CA" \
    --ispdb-url "$MAILSETUP_TEST_ISPDB" >>"$log" 2>&1 & pid=$!
  focus $pid
  xdotool type --delay 20 "tester@autoconf-corp.test"; key Return
  snap 7-found 1.5
  key Return; snap 8-company-steps
  kill $pid; wait $pid 2>/dev/null || true

  # A saved browser sign-in beside the saved code account, as the start screen lists them.
  python3 - "$HOME/.config/mailsetup/accounts.json" <<'PY'
import json, sys
path = sys.argv[1]
f = json.load(open(path))
ep = lambda h, p, s: {"host": h, "port": p, "security": s, "username": "li.lei@outlook.com"}
f["accounts"].append({"address": "li.lei@outlook.com", "provider": "outlook", "sign_in": "oauth",
                      "imap": ep("outlook.office365.com", 993, "tls"),
                      "smtp": ep("smtp-mail.outlook.com", 587, "starttls"), "saved_at": 0})
json.dump(f, open(path, "w"), indent=2)
PY
  # Nothing found: the way on is "Enter servers yourself" (a click: the window is put at the
  # top left, where the button's place is known).
  "$bin" --lang "$lang" --dns-server "$MAILSETUP_TEST_DNS" --ca-file "$MAILSETUP_TEST_CA" \
    --ispdb-url "$MAILSETUP_TEST_ISPDB" >>"$log" 2>&1 & pid=$!
  focus $pid
  xdotool windowmove "$(xdotool search --pid $pid | head -1)" 0 0
  xdotool type --delay 20 "zhang.san@nothing-here.test"; key Return
  snap 9-not-found 3
  xdotool mousemove 640 634 click 1; snap 10-manual
  kill $pid; wait $pid 2>/dev/null || true

  # Browser sign-in: the test OpenID provider as this build's Microsoft and Google. No browser
  # starts under Xvfb (BROWSER=false), so the waiting screen shows the address to copy.
  export MAILSETUP_OAUTH_MICROSOFT_CLIENT_ID=mailsetup-test BROWSER=false
  export MAILSETUP_OAUTH_MICROSOFT_AUTHORIZE_URL=$MAILSETUP_TEST_IDP/auth
  export MAILSETUP_OAUTH_MICROSOFT_TOKEN_URL=$MAILSETUP_TEST_IDP/token
  "$bin" --lang "$lang" --provider outlook --address li.lei@outlook.com "${good[@]}" >>"$log" 2>&1 & pid=$!
  focus $pid
  snap 12-outlook-steps
  key Return; snap 13-sign-in
  kill $pid; wait $pid 2>/dev/null || true
  "$bin" --lang "$lang" --provider gmail --address li.lei@gmail.com >>"$log" 2>&1 & pid=$!
  focus $pid
  snap 14-gmail-steps
  kill $pid; wait $pid 2>/dev/null || true
}
# The smallest window (640×520) and a large one (1280×800): start (nothing found), QQ's steps,
# the code's screen and a failure, each captured as the window alone.
sized() { # lang WxH
  local lang=$1 W=${2%x*} H=${2#*x}
  export HOME="$logs/home-$lang"; mkdir -p "$HOME"
  unset MAILSETUP_CONFIG_DIR XDG_CONFIG_HOME
  local log="$logs/$lang-$2.log"
  key() { xdotool key "$1"; }
  place() { # pid: the window at the top left, at the size asked for
    sleep 1.5; xdotool mousemove 5 5
    wid=$(xdotool search --sync --pid "$1" | head -1)
    xdotool windowfocus --sync "$wid"; xdotool windowsize "$wid" "$W" "$H"; xdotool windowmove "$wid" 0 0
    sleep 0.5
  }
  snap() { sleep "${2:-1.5}"; import -window "$wid" "$out/$lang-$1-$W.png"; }
  "$bin" --lang "$lang" --dns-server "$MAILSETUP_TEST_DNS" --ca-file "$MAILSETUP_TEST_CA" \
    --ispdb-url "$MAILSETUP_TEST_ISPDB" >>"$log" 2>&1 & local pid=$!
  place $pid
  xdotool type --delay 20 "zhang.san@nothing-here.test"; key Return
  snap size-start 3
  kill $pid; wait $pid 2>/dev/null || true
  "$bin" --lang "$lang" "${good[@]}" >>"$log" 2>&1 & pid=$!
  place $pid
  xdotool type --delay 20 "$MAILSETUP_TEST_USER"; key Return
  snap size-steps
  # The code's screen does not scroll, after two that do (at 640×520): no sliver of their
  # scrollbars may be left on it.
  key Return; snap size-credentials
  xdotool type --delay 20 "wrongwrongwrongw"; key Return
  snap size-failure 3
  kill $pid; wait $pid 2>/dev/null || true
}
export -f drive sized
export bin out work hole logs
for lang in zh-CN en; do
  xvfb-run -a -s "-screen 0 1000x760x24" bash -c "$(declare -p good slow); $(declare -f drive); drive $lang"
  for size in 640x520 1280x800; do
    xvfb-run -a -s "-screen 0 1300x820x24" bash -c "$(declare -p good); $(declare -f sized); sized $lang $size"
  done
done
