#!/usr/bin/env bash
# Makes the key databases that src/handoff/keydb.rs's unit tests read, each by real NSS, and
# a value each encrypted by that NSS (values.json; the plain text is PLAIN below):
#   thunderbird/  key4.db as Thunderbird 153 made it at its first start (its AES key), the
#                 value encrypted by Thunderbird's own NSS (PK11SDR_EncryptWithMechanism, AES)
#   nss-3des/     certutil's empty-password database and a value from Debian's NSS 3.87
#                 (PK11SDR_Encrypt, which made a 3DES key, as Thunderbird before 144 did)
#   primary/      a database with a primary password (certutil -N -f)
#   blank/        certutil's empty-password database: no key for saved passwords yet
# Pages are shrunk to 1 KiB (the same data; NSS reads it back). Needs thunderbird, certutil.
# Usage: tests/data/thunderbird/make.sh
set -euo pipefail
here=$(dirname "$(realpath "$0")")
sdr=$here/../../harness/nss_sdr.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PLAIN='授权码 fixture-code abcdefghijklmnop'

shrink() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("pragma page_size=1024"); c.execute("vacuum"); c.close()' "$1"; }
keep() { mkdir -p "$here/$2"; cp "$work/$1/key4.db" "$here/$2/key4.db"; shrink "$here/$2/key4.db"; }

# Thunderbird's first start, with no network, until it has encrypted its OpenPGP passphrase
# (its key is made by then).
mkdir -p "$work/tb" "$work/home"
HOME=$work/home unshare -n -- bash -c '
  ip link set lo up
  thunderbird --headless --no-remote --profile "$1" >/dev/null 2>&1 & tb=$!
  for _ in $(seq 300); do [ -s "$1/encrypted-openpgp-passphrase.txt" ] && break; sleep 0.1; done
  kill $tb; wait $tb || true' bash "$work/tb"
# The key database as Thunderbird left it, taken before NSS is opened on it here.
keep tb thunderbird
aes=$(printf %s "$PLAIN" | LD_LIBRARY_PATH=/usr/lib/thunderbird python3 "$sdr" /usr/lib/thunderbird/libnss3.so "$work/tb" encrypt-aes)

mkdir -p "$work/des"
certutil -N -d "sql:$work/des" --empty-password
mkdir -p "$work/blank"; cp "$work/des/key4.db" "$work/blank/"
des=$(printf %s "$PLAIN" | python3 "$sdr" /usr/lib/x86_64-linux-gnu/libnss3.so "$work/des" encrypt)
keep des nss-3des
keep blank blank

mkdir -p "$work/primary"
printf 'primary secret\n' > "$work/pw"
certutil -N -d "sql:$work/primary" -f "$work/pw"
keep primary primary

python3 -c 'import json,sys; json.dump({"plain": sys.argv[1], "aes": sys.argv[2], "des3": sys.argv[3]}, open(sys.argv[4], "w"), ensure_ascii=False, indent=1)' \
  "$PLAIN" "$aes" "$des" "$here/values.json"
echo "made: $(ls "$here")"
