#!/usr/bin/env bash
# Makes the bed's SoftHSM2 tokens: one token per test clinician, holding the clinician's card
# authentication key pair and certificate from the bed PKI (pki.sh). The bed's virtual NHS card
# PKCS#11 module (p11card/) exposes a token only while that clinician's virtual card (card.py)
# sits in a PC/SC reader, and keeps the card's passcode retry counter (the lock).
#
#   tokens.sh BEDDIR [CLINICIANS_JSON]     make BEDDIR/softhsm2.conf, BEDDIR/tokens, BEDDIR/card.conf
#   tokens.sh lock BEDDIR ID               lock ID's card (equivalent to max_tries wrong passcodes)
#   tokens.sh unlock BEDDIR ID             reset ID's retry counter (unlocked, no wrong tries)
#   tokens.sh tries BEDDIR ID              print ID's current count of consecutive wrong passcodes
#
# Needs BEDDIR/pki from pki.sh (users/ID.key PKCS#8 PEM, users/ID.crt PEM). Writes:
#   BEDDIR/softhsm2.conf   SoftHSM2 config (tokendir BEDDIR/tokens, file backend, log level ERROR);
#                          point SOFTHSM2_CONF at it.
#   BEDDIR/tokens/         one token per clinician:
#                            token label = clinician id, user PIN = clinician passcode,
#                            SO PIN = "lanyard-bed-so" (the same for every token),
#                            private key + public key + certificate, all with
#                            CKA_ID 01 and CKA_LABEL "Card Authentication".
#   BEDDIR/card.conf       config of the card module; point LANYARD_BED_CARD_CONF at it:
#                            softhsm_module=<SoftHSM2 PKCS#11 module>
#                            state_dir=BEDDIR/cardstate   (retry counters, one file per card id)
#                            max_tries=3
#   BEDDIR/cardstate/      the retry counters: file ID holds "tries=N" (absent = 0). N >= max_tries
#                          means the card is locked. The module rewrites it atomically.
# Idempotent: a BEDDIR whose tokens are already complete is left alone (a few seconds otherwise).
set -euo pipefail

SO_PIN=lanyard-bed-so
OBJ_ID=01
OBJ_LABEL="Card Authentication"
MAX_TRIES=3

find_softhsm() {
  local p
  for p in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so \
           /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so /usr/local/lib/softhsm/libsofthsm2.so; do
    [ -f "$p" ] && { echo "$p"; return; }
  done
  echo "tokens.sh: libsofthsm2.so not found (apt-get install softhsm2)" >&2
  exit 1
}

valid_id() {
  [[ $1 =~ ^[a-z0-9_-]{1,12}$ ]] || { echo "tokens.sh: bad card id: $1" >&2; exit 2; }
}

conf_max_tries() {  # max_tries from BEDDIR/card.conf, else the default
  local v=""
  [ -f "$1/card.conf" ] && v=$(sed -n 's/^max_tries=\([0-9]\+\)$/\1/p' "$1/card.conf" | tail -n1)
  echo "${v:-$MAX_TRIES}"
}

write_state() {  # BEDDIR ID N: atomic, like the module
  local dir=$1/cardstate
  mkdir -p "$dir"
  printf 'tries=%s\n' "$3" > "$dir/.$2.tmp.$$"
  mv -f "$dir/.$2.tmp.$$" "$dir/$2"
}

case "${1:-}" in
  lock|unlock|tries)
    cmd=$1
    bed=${2:?usage: tokens.sh $cmd BEDDIR ID}
    id=${3:?usage: tokens.sh $cmd BEDDIR ID}
    valid_id "$id"
    case $cmd in
      lock) write_state "$bed" "$id" "$(conf_max_tries "$bed")" ;;
      unlock) write_state "$bed" "$id" 0 ;;
      tries) sed -n 's/^tries=\([0-9]\+\)$/\1/p' "$bed/cardstate/$id" 2>/dev/null | grep . || echo 0 ;;
    esac
    exit 0
    ;;
  ""|-h|--help)
    sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac

bed=$(mkdir -p "$1" && cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
clinicians=${2:-$here/clinicians.json}
pki=$bed/pki
[ -d "$pki/users" ] || { echo "tokens.sh: $pki/users missing: run pki.sh $pki first" >&2; exit 1; }

softhsm=$(find_softhsm)
export SOFTHSM2_CONF=$bed/softhsm2.conf
cat > "$bed/softhsm2.conf.tmp" <<EOF
# SoftHSM2 config of the Lanyard bed (made by tests/bed/tokens.sh)
directories.tokendir = $bed/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
EOF
mv -f "$bed/softhsm2.conf.tmp" "$bed/softhsm2.conf"

if [ ! -f "$bed/card.conf" ]; then
  cat > "$bed/card.conf.tmp" <<EOF
# Lanyard bed virtual NHS card PKCS#11 module config (made by tests/bed/tokens.sh)
softhsm_module=$softhsm
state_dir=$bed/cardstate
max_tries=$MAX_TRIES
EOF
  mv -f "$bed/card.conf.tmp" "$bed/card.conf"
fi
mkdir -p "$bed/cardstate"

[ -f "$bed/tokens/.complete" ] && exit 0
rm -rf "$bed/tokens"
mkdir -p "$bed/tokens"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

jq -r '.clinicians[] | "\(.id) \(.passcode)"' "$clinicians" | while read -r id pin; do
  valid_id "$id"
  key=$pki/users/$id.key
  crt=$pki/users/$id.crt
  if [ ! -f "$key" ] || [ ! -f "$crt" ]; then echo "tokens.sh: $key or $crt missing" >&2; exit 1; fi
  softhsm2-util --init-token --free --label "$id" --so-pin "$SO_PIN" --pin "$pin" >/dev/null
  # Private + public key object, CKA_ID 01. SoftHSM marks an imported RSA private key for
  # sign + decrypt, an EC one for sign + derive.
  softhsm2-util --import "$key" --token "$id" --pin "$pin" --id "$OBJ_ID" --label "$OBJ_LABEL" >/dev/null
  openssl x509 -in "$crt" -outform DER -out "$tmp/$id.der"
  pkcs11-tool --module "$softhsm" --token-label "$id" --login --pin "$pin" \
    --write-object "$tmp/$id.der" --type cert --id "$OBJ_ID" --label "$OBJ_LABEL" >/dev/null 2>"$tmp/err" \
    || { cat "$tmp/err" >&2; exit 1; }
done
touch "$bed/tokens/.complete"
