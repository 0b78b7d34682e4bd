#!/usr/bin/env bash
# Starts Dovecot (IMAP) and Postfix (SMTP submission) on loopback high ports with a CA and server
# certificate made for this run, and writes the environment the tests read to $1/env.
# Usage: servers.sh start DIR | servers.sh stop DIR
set -euo pipefail
cmd=$1
T=$(realpath -m "$2")
HERE=$(dirname "$(realpath "$0")")

stop() {
  for f in "$T/other/pymap.pid" "$T/other/aiosmtpd.pid" "$T/idp/idp.pid" \
    "$T/other/hoodiecrow.pid" "$T/other/hoodiecrow-plus.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  [ -f "$T/www/server.pid" ] && kill "$(cat "$T/www/server.pid")" 2>/dev/null || true
  [ -f "$T/dnsmasq.pid" ] && kill "$(cat "$T/dnsmasq.pid")" 2>/dev/null || true
  for d in dovecot dovecot2 dovecot3; do
    [ -f "$T/$d/run/master.pid" ] && kill "$(cat "$T/$d/run/master.pid")" 2>/dev/null || true
  done
  [ -d "$T/postfix" ] && postfix -c "$T/postfix" stop >/dev/null 2>&1 || true
  # pymap writes its pid file itself, so it may be gone or not there yet: find it by its
  # arguments, and so the Dovecots a Thunderbird test left in its namespace.
  pkill -f -- "--pid-file $T/other/pymap.pid" 2>/dev/null || true
  pkill -f -- "$T/dovecot-ns" 2>/dev/null || true
}

if [ "$cmd" = stop ]; then stop; exit 0; fi

# Every port at once, distinct, and below the kernel's ephemeral range (32768+): a port the
# kernel hands out (bind to 0) is free only until some client's outgoing connection takes it
# (Wine's did, in CI: "listen(127.0.0.1, 56605) failed: Address already in use").
ports() {
  python3 - "$1" <<'PY'
import random, socket, sys
held, found = [], []
for port in random.sample(range(20000, 32000), 400):
    try:
        t = socket.socket(); t.bind(("127.0.0.1", port))
        u = socket.socket(type=socket.SOCK_DGRAM); u.bind(("127.0.0.1", port))
    except OSError:
        continue
    held += [t, u]; found.append(port)
    if len(found) == int(sys.argv[1]): break
print(*found)
PY
}

rm -rf "$T"; mkdir -p "$T"; chmod 755 "$T"
cd "$T"

# --- certificates: a CA, a server certificate for "localhost", and an unrelated CA -----------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=mailsetup test CA" \
  -keyout ca.key -out ca.pem 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=unrelated CA" \
  -keyout other-ca.key -out other-ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
# Names discovery reaches by DNS (autoconfig over HTTPS, guessing) are on the same certificate,
# all but smtp.wrongname-corp.test: its STARTTLS certificate is for other names.
SANS=DNS:localhost
for n in autoconfig.autoconf-corp.test wellknown-corp.test ispdb.test autoconfig.slow-corp.test \
         autoconfig.slow2-corp.test imap.guess-corp.test smtp.guess-corp.test \
         imap.slow2-corp.test smtp.slow2-corp.test imap.wrongname-corp.test; do SANS="$SANS,DNS:$n"; done
# The HTTPS server by its address too: `--ispdb-url https://127.3.0.2/…` names no host.
SANS="$SANS,IP:127.3.0.2"
printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' "$SANS" > san.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile san.ext -out server.pem 2>/dev/null
# An expired certificate from the same CA, and a self-signed one, for the hostile-server tests.
mkdir -p ca-db; : > ca-db/index.txt; echo 01 > ca-db/serial
printf '[ca]\ndefault_ca=t\n[t]\ndatabase=%s/ca-db/index.txt\nnew_certs_dir=%s/ca-db\nserial=%s/ca-db/serial\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n' \
  "$T" "$T" "$T" > ca-db/ca.cnf
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout expired.key -out expired.csr 2>/dev/null
openssl ca -batch -config ca-db/ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr -out expired.pem \
  -startdate 20200101000000Z -enddate 20200201000000Z -extfile san.ext -notext 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost" -keyout self.key -out self.pem 2>/dev/null
chmod 644 server.key server.pem ca.pem other-ca.pem

# A QQ address, so the wizard recognises the provider; the tests point it at these servers.
USER_NAME=tester@qq.com
USER_PASS=$(python3 -c 'import secrets,string; print("".join(secrets.choice(string.ascii_lowercase) for _ in range(16)))')
# NOAUTH: Postfix without SASL (no AUTH offered).
# PYMAP, AIO_*: other implementations, pymap (IMAP, STARTTLS) and aiosmtpd (SMTP) from PyPI.
# IDP: a real OpenID provider (oidc-provider, from npm) for the OAuth sign-in tests; Dovecot asks
# it whether each access token is valid (RFC 7662 introspection).
# BEARER_ONLY: a second Dovecot offering only OAUTHBEARER (RFC 7628), as some servers do: the
# first offers XOAUTH2 too, which the check prefers.
# NO_UIDPLUS: a third Dovecot on the same mailboxes that offers neither UIDPLUS nor MOVE, as
# older servers do: the round trip must leave its message rather than EXPUNGE.
read -r IMAPS IMAP SMTPS SUBMISSION DNS NOAUTH PYMAP AIO_TLS AIO_STARTTLS AIO_CRAM AIO_NOAUTH \
  AIO_454 IDP BEARER_ONLY NO_UIDPLUS HOODIECROW HOODIECROW_PLUS <<<"$(ports 17)"
# A company account whose login name is not its address and whose password has everything a
# typed password can: edge spaces, quotes, a backslash, ², a full-width letter and hanzi.
ODD_ADDRESS=zhang.san@other.test
ODD_LOGIN=zsan
printf '%s' ' co"rr\ect horse² Ｐ密码 ' > odd-pass
# ASCII only, but quotes, a backslash and spaces: LOGIN's quoted string must escape them.
printf '%s' 'say "hi" \ now' > quote-pass
QUOTE_PASS_HASH=$(python3 -W ignore -c 'import crypt,sys; print(crypt.crypt(open(sys.argv[1],encoding="utf-8").read(), crypt.mksalt(crypt.METHOD_SHA512)))' quote-pass)
ODD_PASS_HASH=$(python3 -W ignore -c 'import crypt,sys; print(crypt.crypt(open(sys.argv[1],encoding="utf-8").read(), crypt.mksalt(crypt.METHOD_SHA512)))' odd-pass)

# Discovery's test hosts sit on their own loopback addresses, so they can use the standard
# ports (443, 993, 587) that discovery asks, without clashing with anything on 127.0.0.1.
GUESS_IP=127.3.0.1   # Dovecot on 993, Postfix submission on 587: found by guessing
WEB_IP=127.3.0.2     # HTTPS autoconfig / ISPDB server on 443

# --- DNS: MX records of test company domains hosted by each enterprise provider; A records of
# the autoconfig and guessing hosts; SRV records pointing at the loopback servers -----------
dnsmasq --port="$DNS" --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts \
  --no-poll --conf-file=/dev/null --user=root --pid-file="$T/dnsmasq.pid" --local=/test/ \
  --host-record=autoconfig.autoconf-corp.test,$WEB_IP \
  --host-record=wellknown-corp.test,$WEB_IP \
  --host-record=ispdb.test,$WEB_IP \
  --host-record=autoconfig.slow-corp.test,$WEB_IP \
  --host-record=autoconfig.slow2-corp.test,$WEB_IP \
  --host-record=imap.guess-corp.test,$GUESS_IP \
  --host-record=smtp.guess-corp.test,$GUESS_IP \
  --host-record=imap.slow2-corp.test,$GUESS_IP \
  --host-record=smtp.slow2-corp.test,$GUESS_IP \
  --host-record=imap.wrongname-corp.test,$GUESS_IP \
  --host-record=smtp.wrongname-corp.test,$GUESS_IP \
  --srv-host=_imaps._tcp.srv-corp.test,localhost,$IMAPS,0,1 \
  --srv-host=_imap._tcp.srv-corp.test,localhost,$IMAP,10,1 \
  --srv-host=_submission._tcp.srv-corp.test,localhost,$SUBMISSION,0,1 \
  --mx-host=slow-corp.test,mxbiz1.qq.com,10 \
  --mx-host=exmail-corp.test,mxbiz1.qq.com,10 \
  --mx-host=netease-corp.test,qiye163mx01.mxmail.netease.com,10 \
  --mx-host=aliyun-corp.test,mx1.qiye.aliyun.com,5 \
  --mx-host=google-corp.test,aspmx.l.google.com,1 \
  --mx-host=google-corp.test,alt1.aspmx.l.google.com,5 \
  --mx-host=m365-corp.test,m365-corp-test.mail.protection.outlook.com,0 \
  --mx-host=self-hosted.test,mx.self-hosted.test,10

# --- Dovecot ---------------------------------------------------------------------------------
mkdir -p dovecot/run dovecot/state dovecot/home
chmod 777 dovecot/home
# The same mailbox under the names discovery tests sign in with.
# The round trip's mailboxes: junky@ has a Sieve rule filing everything into Junk, lost@'s mail
# is discarded by Postfix (it never arrives), keep@ and plain@ are the removal tests' own (with
# and without UIDPLUS).
for u in "$USER_NAME" tester@autoconf-corp.test tester@srv-corp.test tester \
         junky@qq.com lost@qq.com keep@qq.com plain@qq.com; do
  echo "$u:{PLAIN}$USER_PASS"
done > dovecot/users
mkdir -p dovecot/home/junky@qq.com
printf 'require "fileinto";\nfileinto "Junk";\n' > dovecot/home/junky@qq.com/.dovecot.sieve
chmod -R 777 dovecot/home/junky@qq.com
echo "$ODD_LOGIN:{SHA512-CRYPT}$ODD_PASS_HASH" >> dovecot/users
echo "quoted:{SHA512-CRYPT}$QUOTE_PASS_HASH" >> dovecot/users
dh=""; [ -f /usr/share/dovecot/dh.pem ] && dh="ssl_dh = </usr/share/dovecot/dh.pem"
cat > dovecot/dovecot.conf <<CONF
base_dir = $T/dovecot/run
state_dir = $T/dovecot/state
log_path = $T/dovecot/dovecot.log
listen = 127.0.0.1
protocols = imap lmtp
ssl = yes
ssl_cert = <$T/server.pem
ssl_key = <$T/server.key
$dh
disable_plaintext_auth = yes
auth_mechanisms = plain login xoauth2 oauthbearer
# Real servers delay failed logins; the tests do not need to wait for that.
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
default_internal_user = nobody
default_internal_group = nogroup
default_login_user = nobody
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = username_format=%u $T/dovecot/users
}
# Bearer tokens (XOAUTH2, OAUTHBEARER) are checked at the OpenID provider, every time: a revoked
# or expired token is refused as Outlook's and Gmail's servers refuse it.
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $T/dovecot/oauth2.conf
}
# allow_all_users: LMTP delivers without a passdb lookup.
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$T/dovecot/home/%u allow_all_users=yes
}
# The folders a provider's mailbox has, marked as RFC 6154 says (the round trip looks in Junk).
namespace inbox {
  inbox = yes
  mailbox Junk {
    special_use = \Junk
    auto = subscribe
  }
  mailbox Trash {
    special_use = \Trash
    auto = subscribe
  }
}
# Postfix delivers here, so a message sent through it really arrives. The socket is relative to
# base_dir, so each copy of this file (the other instances, the namespaced one) has its own.
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
protocol lmtp {
  mail_plugins = \$mail_plugins sieve
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS
    ssl = yes
  }
  inet_listener imaps_guess {
    address = $GUESS_IP
    port = 993
    ssl = yes
  }
}
# Brute-force penalties would slow every later test after a wrong-password test.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener $T/dovecot/auth-client {
    mode = 0666
  }
}
CONF
cat > dovecot/oauth2.conf <<CONF
introspection_mode = post
introspection_url = https://dovecot:dovecot-introspection@localhost:$IDP/token/introspection
force_introspection = yes
username_attribute = sub
active_attribute = active
active_value = true
tls_ca_cert_file = $T/ca.pem
CONF
dovecot -c "$T/dovecot/dovecot.conf"
# Another Dovecot on the same mailboxes, with its own directories, its SSL/TLS listener on port
# $2 and the others off (port 0; a removed listener would come back on Dovecot's default 143).
other_dovecot() { # NAME PORT [SED-EXPRESSION]
  mkdir -p "$1/run" "$1/state"
  sed -e "s|$T/dovecot/run|$T/$1/run|; s|$T/dovecot/state|$T/$1/state|" \
      -e "s|$T/dovecot/dovecot.log|$T/$1/dovecot.log|; s|$T/dovecot/auth-client|$T/$1/auth-client|" \
      -e "s|port = $IMAPS\$|port = $2|; s|port = $IMAP\$|port = 0|; s|port = 993\$|port = 0|" \
      -e "${3:-}" dovecot/dovecot.conf > "$1/dovecot.conf"
}
other_dovecot dovecot2 "$BEARER_ONLY" "s|^auth_mechanisms = .*|auth_mechanisms = oauthbearer|"
dovecot -c "$T/dovecot2/dovecot.conf"
other_dovecot dovecot3 "$NO_UIDPLUS"
printf 'protocol imap {\n  imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ NAMESPACE SPECIAL-USE\n}\n' \
  >> dovecot3/dovecot.conf
dovecot -c "$T/dovecot3/dovecot.conf"

# --- Postfix: SMTPS (implicit TLS) and submission (STARTTLS required), SASL through Dovecot ---
mkdir -p postfix/queue postfix/data
chown postfix:postfix postfix/data
cat > postfix/main.cf <<CONF
compatibility_level = 3.6
queue_directory = $T/postfix/queue
data_directory = $T/postfix/data
mail_owner = postfix
setgid_group = postdrop
myhostname = localhost
mydomain = localhost
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
relay_domains =
maillog_file = $T/postfix/postfix.log
maillog_file_prefixes = $T
smtpd_tls_cert_file = $T/server.pem
smtpd_tls_key_file = $T/server.key
smtpd_tls_auth_only = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $T/dovecot/auth-client
smtpd_sasl_auth_enable = yes
# A recipient refused as real servers refuse unknown ones (the test message's own address).
smtpd_relay_restrictions = check_recipient_access inline:{ { reject@other.test = 550 5.1.1 Invalid recipient } }, permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
# Every message goes to the Dovecot above (lost@ excepted), as a provider delivers to itself.
default_transport = lmtp:unix:$T/dovecot/run/lmtp
transport_maps = inline:{ lost@qq.com=discard: }
# AUTH XOAUTH2 with a Microsoft-sized token is a 2–3 KB line; Postfix cuts lines at 2048 bytes
# by default (mail servers taking Microsoft tokens raise it the same way).
line_length_limit = 8192
CONF
cat > postfix/master.cf <<CONF
$SMTPS     inet  n       -       n       -       -       smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_security_level=encrypt
$SUBMISSION inet n       -       n       -       -       smtpd
  -o smtpd_tls_security_level=encrypt
$GUESS_IP:587 inet n     -       n       -       -       smtpd
  -o smtpd_tls_security_level=encrypt
$NOAUTH    inet  n       -       n       -       -       smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=no
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
smtp      unix  -       -       n       -       -       smtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CONF
# postfix prints its fatal errors to syslog only, unless stderr is a terminal.
if ! postfix -c "$T/postfix" start >/dev/null 2>&1; then
  script -qc "postfix -c $T/postfix start" /dev/null || true
  cat "$T/postfix/postfix.log" 2>/dev/null || true
  exit 1
fi

# --- HTTPS: autoconfig files, one per placeholder, an ISPDB entry and two slow hosts ---------
W=$T/www
autoconfig_xml() { # HOST IMAP-PORT IMAP-TYPE SMTP-PORT SMTP-TYPE USERNAME [NAME]
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="$1">
    <domain>$1</domain>
    <displayName>${7:-Test Corp Mail}</displayName>
    <incomingServer type="imap">
      <hostname>${8:-localhost}</hostname><port>$2</port><socketType>$3</socketType>
      <username>$6</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>${9:-localhost}</hostname><port>$4</port><socketType>$5</socketType>
      <username>$6</username><authentication>password-cleartext</authentication>
    </outgoingServer>
    <documentation url="https://help.$1/imap">
      <descr lang="en">How to use IMAP at Test Corp</descr>
      <descr lang="zh-CN">测试公司 IMAP 使用说明</descr>
    </documentation>
  </emailProvider>
  <enable visiturl="https://mail.$1/settings">
    <instruction lang="en">Turn on IMAP in the web mail settings first.</instruction>
    <instruction lang="zh-CN">请先在网页邮箱设置中开启 IMAP。</instruction>
  </enable>
</clientConfig>
XML
}
mkdir -p "$W/autoconfig.autoconf-corp.test/mail" "$W/wellknown-corp.test/.well-known/autoconfig/mail" \
  "$W/ispdb.test/v1.1" "$W/autoconfig.slow-corp.test/mail" "$W/autoconfig.slow2-corp.test/mail"
autoconfig_xml autoconf-corp.test "$IMAPS" SSL "$SUBMISSION" STARTTLS '%EMAILADDRESS%' "Autoconf Corp Mail" \
  > "$W/autoconfig.autoconf-corp.test/mail/config-v1.1.xml"
autoconfig_xml wellknown-corp.test "$IMAP" STARTTLS "$SMTPS" SSL '%EMAILLOCALPART%' "Well-known Corp Mail" \
  > "$W/wellknown-corp.test/.well-known/autoconfig/mail/config-v1.1.xml"
autoconfig_xml ispdb-corp.test 993 SSL 465 SSL '%EMAILLOCALPART%@%EMAILDOMAIN%' "ISPDB Corp Mail" \
  'imap.%EMAILDOMAIN%' 'smtp.%EMAILDOMAIN%' > "$W/ispdb.test/v1.1/ispdb-corp.test"
# The same database asked by address (the server picks files by the Host header).
ln -s ispdb.test "$W/$WEB_IP"
for d in slow-corp.test slow2-corp.test; do
  autoconfig_xml $d "$IMAPS" SSL "$SUBMISSION" STARTTLS '%EMAILADDRESS%' "Slow Corp Mail" \
    > "$W/autoconfig.$d/mail/config-v1.1.xml"
done
echo 4 > "$W/autoconfig.slow-corp.test/.delay"
echo 2 > "$W/autoconfig.slow2-corp.test/.delay"
python3 "$HERE/https_server.py" $WEB_IP 443 "$W" server.pem server.key \
  > "$W/server.log" 2>&1 &

# --- Other implementations, from PyPI, in a virtualenv kept between runs --------------------
VENV=${MAILSETUP_PYSERVERS:-$HOME/.cache/mailsetup/pyservers}
if ! cmp -s "$HERE/requirements.txt" "$VENV/requirements.txt" 2>/dev/null; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$VENV/requirements.txt"
fi
mkdir -p other
# tests/harness/thunderbird.sh drives Thunderbird with its Python (marionette_driver).
ln -sfn "$VENV" "$T/venv"
"$VENV/bin/pymap" --pid-file "$T/other/pymap.pid" --host 127.0.0.1 --port "$PYMAP" \
  --cert server.pem --key server.key dict --demo-data --demo-user "$ODD_LOGIN" \
  --demo-password "$(cat odd-pass)" > other/pymap.log 2>&1 &
"$VENV/bin/python" "$HERE/aiosmtpd_servers.py" server.pem server.key "$ODD_LOGIN" odd-pass \
  tls "$AIO_TLS" starttls "$AIO_STARTTLS" cram "$AIO_CRAM" noauth "$AIO_NOAUTH" auth454 "$AIO_454" \
  > other/aiosmtpd.log 2>&1 &
echo $! > other/aiosmtpd.pid

# --- The OpenID provider: oidc-provider and playwright-core from npm, pinned by the lock file --
mkdir -p idp
NODE_DIR=${MAILSETUP_NODE:-$HOME/.cache/mailsetup/node}
# oidc-provider 9 needs Node.js 20 or later (with npm): the machine's own, as this kind has it.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ] || ! command -v npm >/dev/null; then
  echo "servers.sh: the OAuth tests need Node.js 20 or later with npm (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
if ! cmp -s "$HERE/oauth/package-lock.json" "$NODE_DIR/package-lock.json" 2>/dev/null; then
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  cp "$HERE/oauth/package.json" "$HERE/oauth/package-lock.json" "$NODE_DIR/"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
# ES modules find packages beside the script, so the scripts run from there.
cp "$HERE"/oauth/*.mjs "$HERE"/oauth/*.cjs "$NODE_DIR/"
node "$NODE_DIR/idp.mjs" "$IDP" server.pem server.key > idp/idp.log 2>&1 &
echo $! > idp/idp.pid
# hoodiecrow (LOGIN only; with and without LITERAL+) for the password with " and \ in it.
node "$NODE_DIR/hoodiecrow.cjs" server.pem server.key quoted quote-pass "$HOODIECROW" \
  > other/hoodiecrow.log 2>&1 &
echo $! > other/hoodiecrow.pid
node "$NODE_DIR/hoodiecrow.cjs" server.pem server.key quoted quote-pass "$HOODIECROW_PLUS" literal+ \
  > other/hoodiecrow-plus.log 2>&1 &
echo $! > other/hoodiecrow-plus.pid

# Wait until every port answers.
for hp in 127.0.0.1:$IMAPS 127.0.0.1:$IMAP 127.0.0.1:$SMTPS 127.0.0.1:$SUBMISSION \
          $GUESS_IP:993 $GUESS_IP:587 $WEB_IP:443 127.0.0.1:$NOAUTH 127.0.0.1:$PYMAP \
          127.0.0.1:$AIO_TLS 127.0.0.1:$AIO_STARTTLS 127.0.0.1:$AIO_CRAM 127.0.0.1:$AIO_NOAUTH \
          127.0.0.1:$AIO_454 127.0.0.1:$IDP 127.0.0.1:$BEARER_ONLY 127.0.0.1:$NO_UIDPLUS \
          127.0.0.1:$HOODIECROW 127.0.0.1:$HOODIECROW_PLUS; do
  for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('${hp%:*}',${hp#*:}),0.2)" 2>/dev/null; then break; fi
    sleep 0.1
  done
done

cat > env <<ENV
export MAILSETUP_TEST_DIR=$T
export MAILSETUP_TEST_CA=$T/ca.pem
export MAILSETUP_TEST_OTHER_CA=$T/other-ca.pem
export MAILSETUP_TEST_USER=$USER_NAME
export MAILSETUP_TEST_PASS=$USER_PASS
export MAILSETUP_TEST_IMAPS=$IMAPS
export MAILSETUP_TEST_IMAPS_NO_UIDPLUS=$NO_UIDPLUS
export MAILSETUP_TEST_IMAP_STARTTLS=$IMAP
export MAILSETUP_TEST_SMTPS=$SMTPS
export MAILSETUP_TEST_SUBMISSION=$SUBMISSION
export MAILSETUP_TEST_DNS=127.0.0.1:$DNS
export MAILSETUP_TEST_ISPDB=https://ispdb.test/v1.1/
export MAILSETUP_TEST_WWW=$W
export MAILSETUP_TEST_ODD_ADDRESS=$ODD_ADDRESS
export MAILSETUP_TEST_ODD_LOGIN=$ODD_LOGIN
export MAILSETUP_TEST_ODD_PASS_FILE=$T/odd-pass
export MAILSETUP_TEST_QUOTE_PASS_FILE=$T/quote-pass
export MAILSETUP_TEST_NOAUTH=$NOAUTH
export MAILSETUP_TEST_PYMAP=$PYMAP
export MAILSETUP_TEST_HOODIECROW=$HOODIECROW
export MAILSETUP_TEST_HOODIECROW_PLUS=$HOODIECROW_PLUS
export MAILSETUP_TEST_AIO_TLS=$AIO_TLS
export MAILSETUP_TEST_AIO_STARTTLS=$AIO_STARTTLS
export MAILSETUP_TEST_AIO_CRAM=$AIO_CRAM
export MAILSETUP_TEST_AIO_NOAUTH=$AIO_NOAUTH
export MAILSETUP_TEST_AIO_454=$AIO_454
export MAILSETUP_TEST_IDP=https://localhost:$IDP
export MAILSETUP_TEST_BEARER_ONLY=$BEARER_ONLY
export MAILSETUP_TEST_BROWSER=$NODE_DIR/browser.mjs
ENV
