#!/usr/bin/env bash
# Runs the tap-to-active benchmark under a test bed of its own (pcscd + vpcd and the IdP), in a
# private mount namespace with its own /run/pcscd, as scripts/test does, so no other pcscd is
# disturbed: bob's card goes in, floor_signin signs in doing the least a client can, then (if
# built) bench_tap_to_active signs in through Lanyard; a two-row comparison ends it.
#
#   bench/signin/run.sh BUILD_DIR [--cycles N]
# BUILD_DIR is a build with the bench targets (LANYARD_WITH_BENCH) and the bed's card module
# (lanyard-bed-card-pkcs11, built with LANYARD_WITH_TESTS), or BED_CARD_MODULE set to it.
# The bed lives in BUILD_DIR/bench/signin/bed and is always torn down, Ctrl-C included.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bed=$repo/tests/bed/bed
# One role, so neither side has a role to choose: the same exchanges on both rows.
user=bob passcode=24681357

# The part that runs inside the private namespace (run.sh re-runs itself there).
inside() {
  local bin=$1 dir=$2 cycles=$3 out floor lanyard
  mount -t tmpfs -o mode=0755 tmpfs /run/pcscd 2>/dev/null \
    || { mkdir -p /run/pcscd && mount -t tmpfs -o mode=0755 tmpfs /run/pcscd; }
  # Ctrl-C or a kill ends the shell through exit, so the EXIT trap always tears the bed down.
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # shellcheck disable=SC2064 # expanded now: $dir is local and gone when the trap runs
  trap "$(printf '%q down %q' "$bed" "$dir")" EXIT
  BED_SERVICES="pcscd idp" "$bed" up "$dir" >&2
  "$bed" token "$dir" unlock "$user" >/dev/null # a lock left by an earlier run would fail login
  "$bed" card "$dir" insert "$user" >&2
  export LANYARD_BED_SCRIPT=$bed QT_LOGGING_RULES="lanyard.*.debug=false;lanyard.*.info=false"
  out=$dir/results
  mkdir -p "$out"

  "$bed" exec "$dir" "$bin/floor_signin" --cycles "$cycles" --user "$user" \
    --passcode "$passcode" --from-insertion | tee "$out/floor.txt"
  floor=$(grep '^{"name":"floor_signin"' "$out/floor.txt" | tail -1 | jq -r .median_ms)

  if [ ! -x "$bin/bench_tap_to_active" ]; then
    echo
    echo "bench_tap_to_active is not built (no bench/signin/tap_to_active.cpp?): the floor only."
    echo "floor median: $floor ms"
    return 0
  fi
  echo
  "$bed" exec "$dir" "$bin/bench_tap_to_active" --cycles "$cycles" --user "$user" \
    --passcode "$passcode" | tee "$out/lanyard.txt"
  lanyard=$(grep '^{"name":"tap_to_active"' "$out/lanyard.txt" | tail -1 | jq -r .median_ms)
  if [ -z "$lanyard" ] || [ "$lanyard" = null ]; then
    echo "run.sh: bench_tap_to_active printed no {\"name\":\"tap_to_active\",...,\"median_ms\":..} line" >&2
    return 1
  fi

  echo
  echo "tap-to-active: card in -> session active, $user, $cycles cycles"
  awk -v l="$lanyard" -v f="$floor" 'BEGIN {
    printf "%-8s %10s %16s\n", "", "median ms", "Lanyard / floor"
    printf "%-8s %10.1f %16.2f\n", "Lanyard", l, l / f
    printf "%-8s %10.1f %16.2f\n", "floor", f, 1
    printf "{\"name\":\"signin_summary\",\"lanyard_median_ms\":%.2f,\"floor_median_ms\":%.2f,\"ratio\":%.3f}\n", l, f, l / f
  }'
}

if [ "${1:-}" = --inside-namespace ]; then # run.sh's own re-run; not for people
  shift
  inside "$@"
  exit
fi

build=$(cd "${1:?usage: run.sh BUILD_DIR [--cycles N]}" && pwd)
shift
cycles=20
while [ $# -gt 0 ]; do
  case $1 in
    --cycles) cycles=$2; shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $cycles =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --cycles wants a positive number" >&2; exit 2; }
bin=$build/bench/signin
module=${BED_CARD_MODULE:-$build/tests/bed/p11card/lanyard-bed-card-pkcs11.so}
[ -x "$bin/floor_signin" ] \
  || { echo "run.sh: $bin/floor_signin missing; build the bench targets" >&2; exit 1; }
[ -f "$module" ] || { echo "run.sh: $module missing; build lanyard-bed-card-pkcs11" \
  "(LANYARD_WITH_TESTS=ON) or set BED_CARD_MODULE" >&2; exit 1; }

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
exec $sudo env BED_CARD_MODULE="$module" unshare --mount --propagation private -- \
  bash "$here/run.sh" --inside-namespace "$bin" "$build/bench/signin/bed" "$cycles"
