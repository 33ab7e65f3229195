#!/usr/bin/env bash
# The README's run command as a newcomer uses it: scripts/run brings the demo up with the Lanyard
# shell; from "another terminal" scripts/card puts alice's card in, lanyard-card sees it in the
# demo's reader and the shell audits it; the card comes out; Ctrl-C stops the demo and leaves
# nothing running.
#   test-demo.sh BUILD_DIR
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export LANYARD_BUILD_DIR=${1:?usage: test-demo.sh BUILD_DIR}
demo=$LANYARD_BUILD_DIR/demo-bed
log=$(mktemp)
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"
in_demo() { nsenter --mount --target "$(cat "$demo/pids/pcscd.pid")" -- "$@"; }
card_in_reader0() {
  local said
  said=$(in_demo "$LANYARD_BUILD_DIR/smartcard/lanyard-card" readers --json \
    --module "$LANYARD_BUILD_DIR/tests/bed/p11card/lanyard-bed-card-pkcs11.so" 2>&1)
  jq -e ".card == $1" >/dev/null 2>&1 <<<"$(head -1 <<<"$said")" && return 0
  echo "# lanyard-card readers said: $said"
  return 1
}
demo_pids() { cat "$demo"/pids/*.pid 2>/dev/null; }

# A shell starts background jobs with SIGINT ignored; give the demo the Ctrl-C a terminal would.
setsid /usr/bin/python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$root/scripts/run" > "$log" 2>&1 &
run_pid=$!
for _ in $(seq 1 120); do
  grep -q "Insert and remove" "$log" && break
  kill -0 $run_pid 2>/dev/null || break
  sleep 1
done
check "scripts/run says the bed is up and how to insert a card" grep -q "scripts/card insert alice" "$log"
check "it names the passcode to type" grep -q "passcode 123456" "$log"
pids="$(demo_pids) $(cat "$demo/lanyard.pid" 2>/dev/null)"
audited() { # the shell's audit log gets this event within 15 s
  for _ in $(seq 1 30); do
    grep -q "\"event\":\"$1\"" "$demo/audit.jsonl" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "# the shell's log: $(tail -3 "$demo/lanyard.log" 2>/dev/null)"
  return 1
}
check "the Lanyard shell is running" kill -0 "$(cat "$demo/lanyard.pid" 2>/dev/null || echo 0)"
check "scripts/card insert alice" "$root/scripts/card" insert alice
check "lanyard-card sees the card in the demo's reader" card_in_reader0 true
check "the shell saw the card (audit: card.inserted)" audited card.inserted
check "scripts/card remove" "$root/scripts/card" remove
check "and the reader is empty again" card_in_reader0 false
check "the shell saw it go (audit: card.removed)" audited card.removed

kill -INT -- -$run_pid 2>/dev/null
for _ in $(seq 1 30); do kill -0 $run_pid 2>/dev/null || break; sleep 0.5; done
check "Ctrl-C stops the demo" bash -c "! kill -0 $run_pid 2>/dev/null"
check "it says nothing is left running" grep -q "nothing left running" "$log"
left=$( (for p in $pids; do echo "$p"; done; pgrep -g $run_pid) | while read -r p; do
  [ -e "/proc/$p" ] && awk '$3 != "Z" {print $1 "=" $2}' "/proc/$p/stat"; done | sort -u | xargs)
check "no demo process is left, bed or shell (${left:-none})" test -z "$left"
# Whatever happened above, leave nothing behind for the tests after this one.
kill -TERM -- -$run_pid 2>/dev/null
"$root/tests/bed/bed" down "$demo" >/dev/null 2>&1
[ $failed -eq 0 ] || { echo "# scripts/run said:"; sed 's/^/#   /' "$log" | tail -30; }
rm -f "$log"
finish
