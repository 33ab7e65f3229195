#!/usr/bin/env bash
# lanyard --self-test against the bed: with the bed's configuration every part passes (pcscd and
# its two readers, the card module, IdP discovery over verified TLS, the FHIR server, the hub's
# port, the audit log); then, one part broken at a time, that part fails with its reason and the
# exit status is 1. Run inside the bed (its bed.env in the environment).
#   test-self-test.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
root=${1:?usage: test-self-test.sh SOURCE_DIR BUILD_DIR} build=${2:?}
lanyard=$build/bin/lanyard
dir=$(mktemp -d)
port_holder=
trap '[ -z "$port_holder" ] || kill $port_holder 2>/dev/null; rm -rf "$dir"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"
selftest() { env -u DISPLAY QT_QPA_PLATFORM= "$lanyard" --self-test --config "$1"; }

"$root/scripts/demo-config" "$build" "$dir" || exit 1
good=$dir/lanyard.conf
out=$(selftest "$good"); status=$?
echo "$out" | sed 's/^/# /'
check "the bed's configuration: exit 0" test $status -eq 0
for part in "pcscd" "pkcs11 module" "identity service" "fhir" "hub port" "audit log"; do
  check "$part passes" grep -q "^$part *pass" <<<"$out"
done
check "pcscd's readers are named" grep -q "Virtual PCD 00 00" <<<"$out"

# The IdP's TLS checked against another CA (the system's): refused, with the reason.
sed "s#^ca_bundle=.*#ca_bundle=/etc/ssl/certs/ca-certificates.crt#" "$good" > "$dir/other-ca.conf"
printf '[hub]\nport=%s\n' "$(shuf -i 40000-60000 -n 1)" >> "$dir/other-ca.conf"
out=$(selftest "$dir/other-ca.conf"); status=$?
check "an IdP certificate from another CA: exit 1" test $status -eq 1
check "and the identity service fails" grep -q "^identity service *FAIL" <<<"$out"
check "and the FHIR server the same" grep -q "^fhir *FAIL" <<<"$out"

# The hub's port taken, the audit log's folder not writable.
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
/usr/bin/python3 -c "import socket,time; s=socket.socket(); s.bind(('127.0.0.1',$port)); s.listen(); time.sleep(60)" &
port_holder=$!
sleep 0.5
{ sed 's#^path=.*#path=/proc/lanyard-audit/audit.jsonl#' "$good"; printf '[hub]\nport=%s\n' "$port"; } > "$dir/taken.conf"
out=$(selftest "$dir/taken.conf"); status=$?
echo "$out" | sed 's/^/# /'
check "a taken hub port: exit 1" test $status -eq 1
check "and the hub port fails, naming the port" grep -q "^hub port *FAIL.*127.0.0.1:$port" <<<"$out"
check "an audit log that cannot be written fails" grep -q "^audit log *FAIL" <<<"$out"
check "the other parts still pass" grep -q "^identity service *pass" <<<"$out"

sed 's#^pkcs11_module=.*#pkcs11_module=/etc/hostname#' "$good" > "$dir/module.conf"
out=$(selftest "$dir/module.conf"); status=$?
check "a file that is not a PKCS#11 module: exit 1" test $status -eq 1
check "and the module fails" grep -q "^pkcs11 module *FAIL" <<<"$out"
finish
