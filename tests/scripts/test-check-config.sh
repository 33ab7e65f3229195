#!/usr/bin/env bash
# lanyard --check-config FILE: every problem of a broken file on its own line, with the line number
# and what to write instead, exit 1; a good file: "no problems", exit 0. No display is needed.
#   test-check-config.sh LANYARD
set -uo pipefail
lanyard=${1:?usage: test-check-config.sh LANYARD}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"
run() { env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM= "$lanyard" --check-config "$1"; }

printf 'certificates\n' > "$dir/ca.pem"
printf 'a module\n' > "$dir/module.so"
cat > "$dir/good.conf" <<CONF
; a workstation's configuration
[idp]
issuer=https://idp.example.nhs.uk
ca_bundle=$dir/ca.pem
[card]
pkcs11_module=$dir/module.so
[pds]
base=https://pds.example.nhs.uk/personal-demographics/FHIR/R4
[session]
idle_timeout=10min
[ui]
language=cy
CONF
out=$(run "$dir/good.conf"); status=$?
check "a good file: exit 0" test $status -eq 0
check "a good file: no problems" grep -q "good.conf: no problems" <<<"$out"

cat > "$dir/bad.conf" <<CONF
; a broken configuration
[idp]
issuer=https://idp.example.nhs.uk
isuer=https://typo.example
ca_bundle=$dir/missing-ca.pem
[card]
pkcs11_module=/nope/opensc-pkcs11.so
[session]
idle_timeout=soon
this is not a setting
[ui]
language=fr
CONF
out=$(run "$dir/bad.conf"); status=$?
echo "$out" | sed 's/^/# /'
check "a broken file: exit 1" test $status -eq 1
check "line 4: the unknown key, and the keys of its group" grep -q "bad.conf:4: Lanyard has no configuration key idp/isuer; .*idp/issuer" <<<"$out"
check "line 5: the unreadable CA file" grep -q "bad.conf:5: Configuration key idp/ca_bundle has the value \"$dir/missing-ca.pem\"; write" <<<"$out"
check "line 7: the PKCS#11 module not found" grep -q "bad.conf:7: Configuration key card/pkcs11_module .*; write the path" <<<"$out"
check "line 9: the bad duration" grep -q "bad.conf:9: Configuration key session/idle_timeout has the value \"soon\"; write" <<<"$out"
check "line 10: not a setting" grep -q "bad.conf:10: \"this is not a setting\" is not a setting" <<<"$out"
check "line 12: the language" grep -q "bad.conf:12: Configuration key ui/language has the value \"fr\"; write en_GB" <<<"$out"
check "a key it cannot do without, missing" grep -q "bad.conf: Configuration key pds/base is not set; write" <<<"$out"
check "seven problems, one a line" test "$(grep -c "^$dir/bad.conf:" <<<"$out")" -eq 7
out=$(run "$dir/absent.conf"); status=$?
check "a file that cannot be read: exit 1" test $status -eq 1
check "and it says so" grep -q "cannot be read" <<<"$out"

# Without a FILE: the workstation's file (the first of XDG_CONFIG_DIRS) and the user's own
# (XDG_CONFIG_HOME), which may set only the keys the workstation leaves to users.
mkdir -p "$dir/xdg/lanyard" "$dir/home/lanyard"
cp "$dir/good.conf" "$dir/xdg/lanyard/lanyard.conf"
printf '[ui]\nlanguage=cy\nhigh_contrast=true\n' > "$dir/home/lanyard/lanyard.conf"
layered() { env -u DISPLAY XDG_CONFIG_DIRS="$dir/xdg" XDG_CONFIG_HOME="$dir/home" QT_QPA_PLATFORM= "$lanyard" --check-config; }
out=$(layered); status=$?
check "system and user files with preferences only: exit 0" test $status -eq 0
check "both files are checked" bash -c "grep -q 'xdg/lanyard/lanyard.conf: no problems' <<<\"\$0\" && grep -q 'home/lanyard/lanyard.conf: no problems' <<<\"\$0\"" "$out"
printf '[ui]\nlanguage=cy\n[idp]\nissuer=https://attacker.example\n' > "$dir/home/lanyard/lanyard.conf"
out=$(layered); status=$?
echo "$out" | sed 's/^/# /'
check "a user's file setting a locked key: exit 1" test $status -eq 1
check "line 4 of the user's file is locked, and why" grep -q "home/lanyard/lanyard.conf:4: idp/issuer is locked by the workstation's configuration" <<<"$out"
printf '[config]\nuser_keys=\n' >> "$dir/xdg/lanyard/lanyard.conf"
printf '[ui]\nhigh_contrast=true\n' > "$dir/home/lanyard/lanyard.conf"
out=$(layered); status=$?
check "user_keys empty: every key locked, even a preference" grep -q "lanyard.conf:2: ui/high_contrast is locked" <<<"$out"
# The file the packages install passes on a workstation with OpenSC and the CA certificates.
if [ -e /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so ] && [ -e /etc/ssl/certs/ca-certificates.crt ]; then
  out=$(run "$(dirname "${BASH_SOURCE[0]}")/../../installer/lanyard.conf"); status=$?
  check "the packaged default file: no problems" test $status -eq 0
fi
finish
