#!/usr/bin/env bash
# Runs the shell benchmark under a test bed of its own (pcscd + vpcd, Xvfb, the IdP and the FHIR
# server), in a private mount namespace with its own /run/pcscd as scripts/test does, so no other
# pcscd is disturbed. Two parts, each beside the minimal Qt Widgets program in the same run:
# cold start to the lock screen painted, and the signed-in shell idle (README.md); with --lock a
# third: the card removed from the signed-in shell to its lock screen shown, beside floor_pcsc
# (bench/cardevents) seeing pcscd report the card gone.
#
#   bench/shell/run.sh BUILD_DIR [--cycles N] [--seconds N] [--settle N] [--no-cold-start] [--no-idle]
#                      [--lock] [--lock-cycles N]
# BUILD_DIR is a build with lanyard, the bench targets (bench_shell, bench_minimal_cover,
# bench_xtest_type; floor_pcsc for --lock) and the bed's card module (lanyard-bed-card-pkcs11, LANYARD_WITH_TESTS), or
# BED_CARD_MODULE set to it. Prints a table and one JSON line; the JSON also goes to
# BUILD_DIR/bench/shell/results.json. The bed lives in BUILD_DIR/bench/shell/bed and is always
# torn down, Ctrl-C included.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bed=$repo/tests/bed/bed
# One role, so there is no role to choose after the passcode.
user=bob passcode=24681357

# The part that runs inside the private namespace (run.sh re-runs itself there).
inside() {
  local build=$1 dir=$2; shift 2
  local bin=$build/bench/shell work=$dir/shell
  mount -t tmpfs -o mode=0755 tmpfs /run/pcscd 2>/dev/null \
    || { mkdir -p /run/pcscd && mount -t tmpfs -o mode=0755 tmpfs /run/pcscd; }
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # shellcheck disable=SC2064 # expanded now: $dir is local and gone when the trap runs
  trap "$(printf '%q down %q' "$bed" "$dir")" EXIT
  BED_SERVICES="pcscd xvfb idp fhir" "$bed" up "$dir" >&2
  "$bed" token "$dir" unlock "$user" >/dev/null # a lock left by an earlier run would fail login
  "$bed" card "$dir" remove >/dev/null 2>&1 || true

  # Lanyard's configuration: the bed's IdP, card module and FHIR server as PDS; no plugins or
  # applications (empty directories); audit log and vaults in the work directory.
  rm -rf "$work"
  mkdir -p "$work/empty" "$work/vaults" "$dir/results"
  (
    set -a
    # shellcheck disable=SC1091 # written by bed up
    . "$dir/bed.env"
    set +a
    cat > "$work/lanyard.ini" <<INI
[idp]
issuer=$BED_IDP_ISSUER
ca_bundle=$BED_CA_BUNDLE
[card]
pkcs11_module=$BED_CARD_MODULE
[pds]
base=$BED_FHIR_BASE
[audit]
path=$work/audit.jsonl
[vault]
directory=$work/vaults
[plugins]
directories=$work/empty
builtin_directory=$work/empty
applications=$work/empty
[workstation]
name=BENCH-PC01
INI
  )
  # The idle part signs in by typing the passcode with XTest, through the lock screen's grab.
  export LANYARD_BED_SCRIPT=$bed QT_LOGGING_RULES="lanyard.*.debug=false;lanyard.*.info=false"
  "$bed" exec "$dir" "$bin/bench_shell" --lanyard "$build/bin/lanyard" \
    --floor "$bin/bench_minimal_cover" --typer "$bin/bench_xtest_type" \
    --config "$work/lanyard.ini" --idle-config "$work/lanyard.ini" --audit "$work/audit.jsonl" --work "$work" \
    --user "$user" --passcode "$passcode" --pcsc-floor "$build/bench/cardevents/floor_pcsc" \
    --json "$bin/results.json" "$@" \
    | tee "$dir/results/shell.txt"
}

if [ "${1:-}" = --inside-namespace ]; then # run.sh's own re-run; not for people
  shift
  inside "$@"
  exit
fi

build=$(cd "${1:?usage: run.sh BUILD_DIR [--cycles N] [--seconds N] [--settle N] [--no-cold-start] [--no-idle] [--lock] [--lock-cycles N]}" && pwd)
shift
options=()
while [ $# -gt 0 ]; do
  case $1 in
    --cycles|--seconds|--settle|--lock-cycles)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: $1 wants a positive number" >&2; exit 2; }
      options+=("$1" "$2"); shift 2 ;;
    --no-cold-start|--no-idle|--lock) options+=("$1"); shift ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
module=${BED_CARD_MODULE:-$build/tests/bed/p11card/lanyard-bed-card-pkcs11.so}
for file in "$build/bin/lanyard" "$build/bench/shell/bench_shell" \
            "$build/bench/shell/bench_minimal_cover" "$build/bench/shell/bench_xtest_type"; do
  [ -x "$file" ] || { echo "run.sh: $file missing; build lanyard and the bench targets" >&2; exit 1; }
done
if [[ " ${options[*]} " == *" --lock "* ]] && [ ! -x "$build/bench/cardevents/floor_pcsc" ]; then
  echo "run.sh: $build/bench/cardevents/floor_pcsc missing (--lock needs it); build floor_pcsc" >&2
  exit 1
fi
[ -f "$module" ] || { echo "run.sh: $module missing; build lanyard-bed-card-pkcs11" \
  "(LANYARD_WITH_TESTS=ON) or set BED_CARD_MODULE" >&2; exit 1; }

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
exec $sudo env BED_CARD_MODULE="$module" unshare --mount --propagation private -- \
  bash "$here/run.sh" --inside-namespace "$build" "$build/bench/shell/bed" "${options[@]}"
