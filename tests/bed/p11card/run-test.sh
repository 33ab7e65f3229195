#!/usr/bin/env bash
# shellcheck disable=SC2317  # the step functions run through step()
# Runs bed_p11card_test against the bed's virtual NHS card module with virtual cards in vpcd
# readers. Needs a running pcscd that has the vpcd driver with reader 0 on VPCD_PORT and reader 1
# on VPCD_PORT+1 (run it in a private mount namespace; see README.md), and a bed dir made by
# pki.sh + tokens.sh.
#
#   run-test.sh [BEDDIR [VPCD_PORT [MODULE [TEST_BIN]]]]     (arguments override the environment)
#
# Environment:
#   BEDDIR      bed dir: pki/, tokens/, softhsm2.conf, card.conf (tokens.sh BEDDIR)
#   VPCD_PORT   vpcd port of reader 0; reader 1 listens on VPCD_PORT+1
#   MODULE      path of lanyard-bed-card-pkcs11.so
#   TEST_BIN    path of bed_p11card_test
#   READER0, READER1   reader names (default "Virtual PCD 00 00", "Virtual PCD 00 01")
#   VICC_PYTHON Debian's python3 with python3-virtualsmartcard (default /usr/bin/python3)
#   SOFTHSM2_CONF, LANYARD_BED_CARD_CONF  default to BEDDIR/softhsm2.conf, BEDDIR/card.conf
#
# What it does: resets alice's and frank's retry counters; puts frank's card in reader 1 and
# runs the "sign" mode (ECDSA); puts alice's card in reader 0 and runs "full" (RSA, the retry
# counter, the lock and the unlock helper); checks "tokens.sh lock" through pkcs11-tool; runs
# "removal" (kills alice's card.py mid-session, then puts the card back). Card logs go to
# BEDDIR/logs/. Exit status: 0 when every step passed. Leaves no process behind.
set -euo pipefail

BEDDIR=${1:-${BEDDIR:?BEDDIR not set}}
VPCD_PORT=${2:-${VPCD_PORT:?VPCD_PORT not set}}
MODULE=${3:-${MODULE:?MODULE not set}}
TEST_BIN=${4:-${TEST_BIN:?TEST_BIN not set}}
READER0=${READER0:-Virtual PCD 00 00}
READER1=${READER1:-Virtual PCD 00 01}
VICC_PYTHON=${VICC_PYTHON:-/usr/bin/python3}

here=$(cd "$(dirname "$0")" && pwd)
bed_src=$(cd "$here/.." && pwd)
BEDDIR=$(cd "$BEDDIR" && pwd)
export SOFTHSM2_CONF=${SOFTHSM2_CONF:-$BEDDIR/softhsm2.conf}
export LANYARD_BED_CARD_CONF=${LANYARD_BED_CARD_CONF:-$BEDDIR/card.conf}
tokens="$bed_src/tokens.sh"
clinicians="$bed_src/clinicians.json"

work=$(mktemp -d)
mkdir -p "$BEDDIR/logs" "$work/pyshim"
# vicc imports Crypto; Debian ships it as Cryptodome
ln -sfn /usr/lib/python3/dist-packages/Cryptodome "$work/pyshim/Crypto"
vicc_path="$work/pyshim:/usr/lib/python3/site-packages/virtualsmartcard:/usr/lib/python3/dist-packages"

declare -A card_pid=()
test_pid=""
cleanup() {
  local p
  if [ -n "$test_pid" ]; then kill "$test_pid" 2>/dev/null || true; fi
  for p in "${card_pid[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${card_pid[@]}"; do wait "$p" 2>/dev/null || true; done
  # Leave the readers empty as pcscd sees them, not only as vicc does, for the next test.
  for r in 0 1; do "$VICC_PYTHON" "$here/../pcsc_wait.py" empty "$r" 10 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM
trap "exit 130" INT HUP

indent() { while IFS= read -r l; do echo "# $l"; done <<<"$1"; }
passcode() { jq -r --arg id "$1" '.clinicians[] | select(.id == $id) | .passcode' "$clinicians"; }

insert() {  # ID PORT: start the clinician's card in the reader on PORT
  PYTHONPATH=$vicc_path "$VICC_PYTHON" "$bed_src/card.py" --id "$1" --port "$2" \
    >>"$BEDDIR/logs/card-$1.log" 2>&1 &
  card_pid[$1]=$!
}

remove() {  # ID: kill the card process = pull the card
  local p=${card_pid[$1]:-}
  [ -n "$p" ] || return 0
  kill "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  unset "card_pid[$1]"
}

failed=0
step() {  # NAME CMD...: run a step, note its result
  echo "# --- $1"
  shift
  if "$@"; then echo "# step passed"; else echo "# step FAILED"; failed=1; fi
}

test_args=()
set_test_args() {  # ID READER MODE [extra args...]
  local id=$1 reader=$2 mode=$3
  shift 3
  test_args=(--module "$MODULE" --reader "$reader" --id "$id" --passcode "$(passcode "$id")"
             --cert "$BEDDIR/pki/users/$id.crt" --mode "$mode" "$@")
}
run_test() {  # ID READER MODE [extra args...]
  set_test_args "$@"
  "$TEST_BIN" "${test_args[@]}"
}

lock_via_helper() {  # tokens.sh lock, seen by another PKCS#11 client (OpenSC's pkcs11-tool)
  local out rc=0
  bash "$tokens" lock "$BEDDIR" frank
  out=$(pkcs11-tool --module "$MODULE" -L 2>&1) || true
  if grep -q "user PIN locked" <<<"$out"; then echo "ok - tokens.sh lock: pkcs11-tool -L shows frank's token 'user PIN locked'"
  else echo "not ok - tokens.sh lock: pkcs11-tool -L shows frank's token 'user PIN locked'"; indent "$out"; rc=1; fi
  out=$(pkcs11-tool --module "$MODULE" --token-label frank --login --pin "$(passcode frank)" -O 2>&1) && rc=1
  if grep -q CKR_PIN_LOCKED <<<"$out"; then echo "ok - locked card: pkcs11-tool login fails with CKR_PIN_LOCKED"
  else echo "not ok - locked card: pkcs11-tool login fails with CKR_PIN_LOCKED"; indent "$out"; rc=1; fi
  bash "$tokens" unlock "$BEDDIR" frank
  if out=$(pkcs11-tool --module "$MODULE" --token-label frank --login --pin "$(passcode frank)" -O 2>&1); then
    echo "ok - tokens.sh unlock: pkcs11-tool logs in again"
  else echo "not ok - tokens.sh unlock: pkcs11-tool logs in again"; indent "$out"; rc=1; fi
  return "$rc"
}

removal() {  # the test waits on stdin; this side pulls and reinserts the card
  local line rc=0
  set_test_args alice "$READER0" removal
  coproc TESTP { exec "$TEST_BIN" "${test_args[@]}" 2>&1; }
  test_pid=$TESTP_PID
  local out=${TESTP[0]} in=${TESTP[1]}
  while IFS= read -r -t 60 line <&"$out"; do
    echo "$line"
    case $line in
      "# remove-card-now") remove alice; echo removed >&"$in" ;;
      "# insert-card-now") insert alice "$VPCD_PORT"; echo inserted >&"$in" ;;
    esac
  done
  wait "$test_pid" || rc=$?
  test_pid=""
  return "$rc"
}

bash "$tokens" unlock "$BEDDIR" alice
bash "$tokens" unlock "$BEDDIR" frank
insert frank $((VPCD_PORT + 1))
insert alice "$VPCD_PORT"
step "frank, ECDSA, reader 1: sign" run_test frank "$READER1" sign
step "alice, RSA, reader 0: sign + retry counter + lock + unlock" \
  run_test alice "$READER0" full --unlock-cmd "bash '$tokens' unlock '$BEDDIR' alice"
step "tokens.sh lock / unlock, through pkcs11-tool" lock_via_helper
step "alice: card pulled mid-session, then put back" removal
remove frank
remove alice
if [ $failed = 0 ]; then echo "# all steps passed"; else echo "# SOME STEPS FAILED"; fi
exit $failed
