#!/usr/bin/env bash
# Runs the context fan-out benchmark: FhircastHub::openPatient() reaching 1, 10 and 100
# WebSocket subscribers held by a second process, beside the floor (a bare QWebSocketServer
# broadcasting the same event JSON to the same sockets). Pure loopback, no test bed. Prints a
# table and one JSON line per subscriber count.
#
#   bench/fanout/run.sh BUILD_DIR [--events N]
# BUILD_DIR is a build with the bench targets (LANYARD_WITH_BENCH).
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR [--events N]}" && pwd)
shift
events=200
while [ $# -gt 0 ]; do
  case $1 in
    --events) events=$2; shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $events =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --events wants a positive number" >&2; exit 2; }
bin=$build/bench/fanout
for exe in bench_fanout bench_fanout_subscribers; do
  [ -x "$bin/$exe" ] || { echo "run.sh: $bin/$exe missing; build the bench targets" >&2; exit 1; }
done
export QT_LOGGING_RULES="lanyard.*.debug=false;lanyard.*.info=false"
exec "$bin/bench_fanout" --events "$events" --client "$bin/bench_fanout_subscribers"
