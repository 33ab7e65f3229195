#!/usr/bin/env bash
# Runs the card-event benchmarks under a test bed of their own (pcscd + vpcd only), in a private
# mount namespace with its own /run/pcscd, as scripts/test does, so no other pcscd is disturbed.
#
#   bench/cardevents/run.sh BUILD_DIR [--cycles N] [--seconds N]
# BUILD_DIR is a build with the bench targets (LANYARD_WITH_BENCH).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR [--cycles N] [--seconds N]}" && pwd)
shift
cycles=20 seconds=60
while [ $# -gt 0 ]; do
  case $1 in
    --cycles) cycles=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
bin=$build/bench/cardevents
for exe in floor_pcsc bench_cardevent_latency bench_monitor_idle; do
  [ -x "$bin/$exe" ] || { echo "run.sh: $bin/$exe missing; build the bench targets" >&2; exit 1; }
done

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo unshare --mount --propagation private -- bash -c '
  set -euo pipefail
  bed=$0 bin=$1 dir=$2 cycles=$3 seconds=$4
  mount -t tmpfs -o mode=0755 tmpfs /run/pcscd 2>/dev/null \
    || { mkdir -p /run/pcscd && mount -t tmpfs -o mode=0755 tmpfs /run/pcscd; }
  trap "\"$bed\" down \"$dir\"" EXIT
  BED_SERVICES=pcscd "$bed" up "$dir" >&2
  export LANYARD_BED_SCRIPT=$bed QT_LOGGING_RULES="lanyard.*.debug=false;lanyard.*.info=false"
  "$bed" exec "$dir" "$bin/bench_cardevent_latency" --floor "$bin/floor_pcsc" --cycles "$cycles"
  echo
  "$bed" exec "$dir" "$bin/bench_monitor_idle" --floor "$bin/floor_pcsc" --seconds "$seconds"
' "$repo/tests/bed/bed" "$bin" "$build/bench/cardevents/bed" "$cycles" "$seconds"
