#!/usr/bin/env bash
# Runs the PDS lookup benchmark under a test bed of its own (the IdP and the FHIR server only),
# in a private mount namespace as bench/signin/run.sh does: alice gets an access token by the
# code + PKCE flow, floor_pds reads patient 9000000009 N times on one plain libcurl easy handle,
# then bench_pds_lookup reads it N times through Lanyard's PdsClient, with the same headers and
# the same pause between lookups; a two-row comparison and one JSON line end it.
#
#   bench/pds/run.sh BUILD_DIR [--cycles N] [--interval-ms MS]
# BUILD_DIR is a build with the bench targets (LANYARD_WITH_BENCH). The bed lives in
# BUILD_DIR/bench/pds/bed and is always torn down, Ctrl-C included. Its FHIR server runs without
# its rate limit (BED_FHIR_RATE=0) so neither side is throttled by it; both sides pause the same
# interval (default 250 ms: under PDS's 5 a second, so Lanyard's own limiter never holds a
# lookup back either).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bed=$repo/tests/bed/bed
user=alice role=555000000101 number=9000000009

# The part that runs inside the private namespace (run.sh re-runs itself there).
inside() {
  local bin=$1 dir=$2 cycles=$3 interval=$4 out floor lanyard
  mount -t tmpfs -o mode=0755 tmpfs /run/pcscd 2>/dev/null \
    || { mkdir -p /run/pcscd && mount -t tmpfs -o mode=0755 tmpfs /run/pcscd; }
  # Ctrl-C or a kill ends the shell through exit, so the EXIT trap always tears the bed down.
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # shellcheck disable=SC2064 # expanded now: $dir is local and gone when the trap runs
  trap "$(printf '%q down %q' "$bed" "$dir")" EXIT
  BED_SERVICES="idp fhir" BED_FHIR_RATE=0 "$bed" up "$dir" >&2
  # shellcheck source=../../tests/bed/get-token.sh
  . "$repo/tests/bed/get-token.sh"
  PDS_BENCH_TOKEN=$(bed_get_token "$dir" "$user")
  export PDS_BENCH_TOKEN QT_LOGGING_RULES="lanyard.*.debug=false;lanyard.*.info=false"
  out=$dir/results
  mkdir -p "$out"
  local args=(--cycles "$cycles" --interval-ms "$interval" --number "$number" --role "$role")

  "$bed" exec "$dir" "$bin/floor_pds" "${args[@]}" | tee "$out/floor.txt"
  floor=$(grep '^{"name":"floor_pds"' "$out/floor.txt" | tail -1 | jq -r .median_ms)
  echo
  "$bed" exec "$dir" "$bin/bench_pds_lookup" "${args[@]}" | tee "$out/lanyard.txt"
  lanyard=$(grep '^{"name":"pds_lookup_lanyard"' "$out/lanyard.txt" | tail -1 | jq -r .median_ms)
  if [ -z "$lanyard" ] || [ "$lanyard" = null ] || [ -z "$floor" ] || [ "$floor" = null ]; then
    echo "run.sh: a program printed no median; see $out" >&2
    return 1
  fi
  local lp90 fp90
  lp90=$(grep '^{"name":"pds_lookup_lanyard"' "$out/lanyard.txt" | tail -1 | jq -r .p90_ms)
  fp90=$(grep '^{"name":"floor_pds"' "$out/floor.txt" | tail -1 | jq -r .p90_ms)

  echo
  echo "PDS lookup: GET Patient/$number -> answer, $cycles cycles, ${interval} ms apart"
  awk -v l="$lanyard" -v f="$floor" -v lp="$lp90" -v fp="$fp90" 'BEGIN {
    printf "%-8s %10s %10s %16s\n", "", "median ms", "p90 ms", "Lanyard / floor"
    printf "%-8s %10.2f %10.2f %16.2f\n", "Lanyard", l, lp, l / f
    printf "%-8s %10.2f %10.2f %16.2f\n", "floor", f, fp, 1
    printf "{\"name\":\"pds_lookup\",\"lanyard_median_ms\":%.3f,\"floor_median_ms\":%.3f,\"ratio\":%.3f}\n", l, f, l / f
  }'
}

if [ "${1:-}" = --inside-namespace ]; then # run.sh's own re-run; not for people
  shift
  inside "$@"
  exit
fi

build=$(cd "${1:?usage: run.sh BUILD_DIR [--cycles N] [--interval-ms MS]}" && pwd)
shift
cycles=50 interval=250
while [ $# -gt 0 ]; do
  case $1 in
    --cycles) cycles=$2; shift 2 ;;
    --interval-ms) interval=$2; shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $cycles =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --cycles wants a positive number" >&2; exit 2; }
[[ $interval =~ ^[0-9]+$ ]] || { echo "run.sh: --interval-ms wants a number" >&2; exit 2; }
bin=$build/bench/pds
for program in floor_pds bench_pds_lookup; do
  [ -x "$bin/$program" ] || { echo "run.sh: $bin/$program missing; build the bench targets" >&2; exit 1; }
done

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
exec $sudo unshare --mount --propagation private -- \
  bash "$here/run.sh" --inside-namespace "$bin" "$build/bench/pds/bed" "$cycles" "$interval"
