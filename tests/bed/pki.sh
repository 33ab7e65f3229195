#!/usr/bin/env bash
# Makes the bed's test PKI with OpenSSL: a two-level CA like NHS's (root -> issuing), server
# certificates for the loopback services, and one card authentication certificate per test
# clinician in clinicians.json (valid, expired, revoked, or issued by an untrusted CA).
#
#   pki.sh OUTDIR [CLINICIANS_JSON]
#
# Layout written under OUTDIR (read by the IdP, the FHIR server, the token maker and the tests):
#   root-ca.crt  issuing-ca.crt  ca-chain.pem (issuing + root)  trust.pem (root only)
#   crl.pem      CRLs of both CAs (erin's certificate is revoked by the issuing CA)
#   server.crt server.key   CN=localhost, SAN localhost + 127.0.0.1 + ::1, serverAuth
#   untrusted-ca.crt        a CA that nothing trusts
#   users/ID.crt users/ID.key users/ID.pem (key + cert)  one per clinician
# Idempotent: an OUTDIR that already holds a complete PKI is left alone.
set -euo pipefail

out=${1:?usage: pki.sh OUTDIR [CLINICIANS_JSON]}
here=$(cd "$(dirname "$0")" && pwd)
clinicians=${2:-$here/clinicians.json}

[ -f "$out/.complete" ] && exit 0
rm -rf "$out"
mkdir -p "$out/users" "$out/ca"
cd "$out"

# openssl ca needs a database per CA; one config serves all three.
for ca in root issuing untrusted; do
  mkdir -p "ca/$ca/new"
  : > "ca/$ca/index.txt"
  echo 1000 > "ca/$ca/serial"
  echo 1000 > "ca/$ca/crlnumber"
done
cat > ca/openssl.cnf <<'EOF'
[ ca ]
default_ca = issuing
[ root ]
dir = ca/root
certificate = root-ca.crt
private_key = ca/root/key.pem
new_certs_dir = $dir/new
database = $dir/index.txt
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_days = 3650
default_crl_days = 3650
policy = policy_any
unique_subject = no
preserve = yes
[ issuing ]
dir = ca/issuing
certificate = issuing-ca.crt
private_key = ca/issuing/key.pem
new_certs_dir = $dir/new
database = $dir/index.txt
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_days = 825
default_crl_days = 3650
policy = policy_any
unique_subject = no
preserve = yes
[ untrusted ]
dir = ca/untrusted
certificate = untrusted-ca.crt
private_key = ca/untrusted/key.pem
new_certs_dir = $dir/new
database = $dir/index.txt
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_days = 825
default_crl_days = 3650
policy = policy_any
unique_subject = no
preserve = yes
[ policy_any ]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
serialNumber = optional
givenName = optional
surname = optional
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_issuing ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_server ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_card ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

cnf=ca/openssl.cnf
ossl_ca() { openssl ca -batch -notext -config "$cnf" "$@" 2>/dev/null; }
rsa_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# Root and untrusted CAs are self-signed through `openssl ca -selfsign` so that both have a CA
# database and can publish CRLs.
self_signed_ca() { # NAME SUBJECT
  rsa_key "ca/$1/key.pem"
  openssl req -new -key "ca/$1/key.pem" -subj "$2" -out "ca/$1/req.pem"
  ossl_ca -name "$1" -selfsign -keyfile "ca/$1/key.pem" -in "ca/$1/req.pem" \
    -extensions v3_ca -days 3650 -out "$1-ca.crt"
}
self_signed_ca root "/C=GB/O=Lanyard Test/OU=Test PKI/CN=Lanyard Test Root CA"
self_signed_ca untrusted "/C=GB/O=Nobody Trusts/CN=Untrusted Test CA"

rsa_key ca/issuing/key.pem
openssl req -new -key ca/issuing/key.pem -out ca/issuing/req.pem \
  -subj "/C=GB/O=Lanyard Test/OU=Test PKI/CN=Lanyard Test Issuing CA"
ossl_ca -name root -in ca/issuing/req.pem -extensions v3_issuing -days 3650 -out issuing-ca.crt

rsa_key server.key
openssl req -new -key server.key -subj "/C=GB/O=Lanyard Test/CN=localhost" -out ca/server.req
ossl_ca -name issuing -in ca/server.req -extensions v3_server -out server.crt

jq -c '.clinicians[]' "$clinicians" | while read -r c; do
  id=$(jq -r .id <<<"$c")
  subject="/C=GB/O=NHS/OU=People/CN=$(jq -r '.given + " " + .family' <<<"$c")/serialNumber=$(jq -r .uid <<<"$c")"
  subject="$subject/GN=$(jq -r .given <<<"$c")/SN=$(jq -r .family <<<"$c")"
  if [ "$(jq -r .key <<<"$c")" = ec ]; then ec_key "users/$id.key"; else rsa_key "users/$id.key"; fi
  openssl req -new -key "users/$id.key" -subj "$subject" -out "ca/$id.req"
  case $(jq -r .certificate <<<"$c") in
    valid|revoked) ossl_ca -name issuing -in "ca/$id.req" -extensions v3_card -out "users/$id.crt" ;;
    expired) ossl_ca -name issuing -in "ca/$id.req" -extensions v3_card \
               -startdate 20240101000000Z -enddate 20250101000000Z -out "users/$id.crt" ;;
    untrusted) ossl_ca -name untrusted -in "ca/$id.req" -extensions v3_card -out "users/$id.crt" ;;
    *) echo "pki.sh: $id: unknown certificate kind" >&2; exit 1 ;;
  esac
  [ "$(jq -r .certificate <<<"$c")" = revoked ] && ossl_ca -name issuing -revoke "users/$id.crt" -crl_reason keyCompromise
  cat "users/$id.key" "users/$id.crt" > "users/$id.pem"
done

ossl_ca -name root -gencrl -out ca/root.crl
ossl_ca -name issuing -gencrl -out ca/issuing.crl
cat ca/issuing.crl ca/root.crl > crl.pem
cat issuing-ca.crt root-ca.crt > ca-chain.pem
cp root-ca.crt trust.pem
chmod 600 users/*.key users/*.pem server.key ca/*/key.pem
touch .complete
