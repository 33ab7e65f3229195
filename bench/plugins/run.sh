#!/usr/bin/env bash
# Runs the click-to-signed-in benchmark under a test bed of its own (the IdP, the web EPR and Xvfb:
# no card is needed, the demo EPR's token is exchanged from a sign-in by certificate file, and the
# web row's IdP session comes from the same kind of sign-in), torn down on exit, Ctrl-C included.
# One row per built-in plugin: exec, autotype, then web.
#
#   bench/plugins/run.sh BUILD_DIR [--cycles N]
# BUILD_DIR is a build with the bench and test targets (the exec, autotype and web plugins,
# lanyard-browser, the runner, the demo EPR).
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
builtin=$build/plugins/builtin/lanyard-plugins
plugin=$builtin/liblanyard_exec_plugin.so
autotype=$builtin/liblanyard_autotype_plugin.so
runner=$build/bin/lanyard-plugin-runner
epr=$build/tests/bed/demo-epr/lanyard-demo-epr
web=$builtin/liblanyard_web_plugin.so
browser=$builtin/lanyard-browser
for file in "$bench" "$plugin" "$autotype" "$runner" "$epr" "$web" "$browser"; do
  [ -x "$file" ] || [ -f "$file" ] || { echo "run.sh: $file missing; build everything first" >&2; exit 1; }
done

bed=$repo/tests/bed/bed dir=$build/bench/plugins/bed
trap 'exit 130' INT
trap 'exit 143' TERM
trap '"$bed" down "$dir" >/dev/null 2>&1 || true' EXIT
BED_SERVICES="idp xvfb web-epr" "$bed" up "$dir" >&2
token=$dir/demo-epr.token
"$bed" exec "$dir" bash -c '. "$0/tests/bed/get-token.sh" && umask 077 &&
  bed_exchange_token "$LANYARD_BED_DIR" "$(bed_get_token "$LANYARD_BED_DIR" bob)" demo-epr jwt > "$1"' \
  "$repo" "$token"
export QT_LOGGING_RULES="lanyard.*.debug=false;lanyard.*.info=false"
"$bed" exec "$dir" "$bench" --cycles "$cycles" --exec-plugin "$plugin" --runner "$runner" \
  --demo-epr "$epr" --token-file "$token" --autotype-plugin "$autotype"
rm -f "$token"
cookies=$dir/idp-session.cookies
"$bed" exec "$dir" bash -c '. "$0/tests/bed/get-token.sh" && umask 077 &&
  bed_idp_session "$LANYARD_BED_DIR" bob > "$1"' "$repo" "$cookies"
"$bed" exec "$dir" "$bench" --cycles "$cycles" --web-plugin "$web" --runner "$runner" \
  --cookie-file "$cookies"
rm -f "$cookies"
