#!/usr/bin/env bash
# Runs the click-to-signed-in benchmark under a test bed of its own (the IdP and Xvfb: no card
# is needed, the demo EPR's token is exchanged from a sign-in by certificate file), torn down on
# exit, Ctrl-C included.
#
#   bench/plugins/run.sh BUILD_DIR [--cycles N]
# BUILD_DIR is a build with the bench and test targets (the exec and autotype plugins, the runner,
# the demo EPR).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR [--cycles N]}" && pwd)
shift
cycles=10
while [ $# -gt 0 ]; do
  case $1 in
    --cycles) cycles=$2; shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $cycles =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --cycles wants a positive number" >&2; exit 2; }
bench=$build/bench/plugins/bench_click_to_signed_in
plugin=$build/plugins/builtin/exec/liblanyard_exec_plugin.so
autotype=$build/plugins/builtin/autotype/liblanyard_autotype_plugin.so
runner=$build/plugins/host/lanyard-plugin-runner
epr=$build/tests/bed/demo-epr/lanyard-demo-epr
for file in "$bench" "$plugin" "$autotype" "$runner" "$epr"; do
  [ -x "$file" ] || [ -f "$file" ] || { echo "run.sh: $file missing; build everything first" >&2; exit 1; }
done

bed=$repo/tests/bed/bed dir=$build/bench/plugins/bed
trap 'exit 130' INT
trap 'exit 143' TERM
trap '"$bed" down "$dir" >/dev/null 2>&1 || true' EXIT
BED_SERVICES="idp xvfb" "$bed" up "$dir" >&2
token=$dir/demo-epr.token
"$bed" exec "$dir" bash -c '. "$0/tests/bed/get-token.sh" && umask 077 &&
  bed_exchange_token "$LANYARD_BED_DIR" "$(bed_get_token "$LANYARD_BED_DIR" bob)" demo-epr jwt > "$1"' \
  "$repo" "$token"
export QT_LOGGING_RULES="lanyard.*.debug=false;lanyard.*.info=false"
"$bed" exec "$dir" "$bench" --cycles "$cycles" --exec-plugin "$plugin" --runner "$runner" \
  --demo-epr "$epr" --token-file "$token" --autotype-plugin "$autotype"
rm -f "$token"
