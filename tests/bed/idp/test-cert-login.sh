#!/usr/bin/env bash
# Checks a running bed IdP end to end with curl, jq and openssl only.
#
#   test-cert-login.sh BED      (BED/idp/ready.json written by server.mjs, BED/pki from pki.sh)
#
# Prints `ok - ...` / `not ok - ...` per check and `N passed, M failed` last; exits 1 on any failure.
set -uo pipefail

bed=${1:?usage: test-cert-login.sh BED}
pki=$bed/pki
ISS=$(jq -er .issuer "$bed/idp/ready.json") || { echo "no $bed/idp/ready.json: is the IdP running?" >&2; exit 2; }
ADMIN=$(jq -r .admin_token "$bed/idp/ready.json")
RS_ID=$(jq -r .client_id "$bed/idp/resource-server.json")
RS_SECRET=$(jq -r .client_secret "$bed/idp/resource-server.json")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

CLIENT=lanyard
REDIRECT="http://127.0.0.1:$((20000 + RANDOM % 40000))/callback" # any loopback port must do
TE=urn:ietf:params:oauth:grant-type:token-exchange
AT_TYPE=urn:ietf:params:oauth:token-type:access_token
JWT_TYPE=urn:ietf:params:oauth:token-type:jwt
ALICE=555000000001 BOB=555000000002

passed=0 failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); }
# check DESCRIPTION COMMAND...: ok if the command succeeds.
check() { local d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else not_ok "$d"; fi; }
# check_jq DESCRIPTION JSON FILTER: ok if the jq filter (-e) is true on JSON.
check_jq() { if jq -e "$3" >/dev/null 2>&1 <<<"$2"; then ok "$1"; else not_ok "$1"; echo "#   got: $2" | head -c 600; echo; fi; }

idp() { curl -s --cacert "$pki/ca-chain.pem" "$@"; }
admin() { idp -X POST -H "Authorization: Bearer $ADMIN" "$ISS/__bed/$1"; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
unb64url() { local s; s=$(tr '_-' '/+'); while (( ${#s} % 4 )); do s+='='; done; openssl base64 -d -A <<<"$s"; }
jwt_part() { cut -d. -f"$2" <<<"$1" | unb64url; } # JWT 1=header 2=payload
form_post() { idp -X POST "$ISS/$1" "${@:2}"; }   # PATH then curl args

# login USER [EXTRA_QUERY] [JAR]: the authorization-code + PKCE flow of $CLIENT, following every
# redirect, with USER's card certificate (USER "-" = no certificate) and a fresh cookie jar
# unless JAR. PKCE_METHOD=plain|none changes PKCE. Sets STATUS (last HTTP status),
# FINAL (last URL), BODY (file), CODE and VERIFIER.
login() {
  local user=$1 extra=${2:-} jar=${3:-$(mktemp -p "$work" jar.XXXX)} cert=()
  [ "$user" != - ] && cert=(--cert "$pki/users/$user.crt" --key "$pki/users/$user.key")
  VERIFIER=$(openssl rand 48 | b64url)
  local challenge state=st$RANDOM
  challenge=$(printf %s "$VERIFIER" | openssl dgst -sha256 -binary | b64url)
  local pkce="&code_challenge=$challenge&code_challenge_method=${PKCE_METHOD:-S256}"
  [ "${PKCE_METHOD:-}" = none ] && pkce=
  BODY=$work/body
  read -r STATUS FINAL < <(idp -L -o "$BODY" -w '%{http_code} %{url_effective}\n' "${cert[@]}" -c "$jar" -b "$jar" \
    "$ISS/auth?client_id=$CLIENT&response_type=code&scope=openid%20profile%20email%20nhsperson%20associatedorgs%20nationalrbacaccess%20selectedrole&redirect_uri=$REDIRECT&state=$state&nonce=n-$state$pkce$extra")
  CODE=
  [[ $FINAL == "$REDIRECT?"*"state=$state"* ]] && CODE=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$FINAL")
  NONCE=n-$state
}

# redeem [CURL_ARGS]: the code for tokens (prints the token response).
redeem() {
  form_post token -d grant_type=authorization_code -d client_id=$CLIENT -d "code=$CODE" "$@" \
    --data-urlencode "redirect_uri=$REDIRECT" -d "code_verifier=$VERIFIER"
}

# sign_in USER [EXTRA_QUERY] [JAR]: login + redeem; sets TOKENS (the token response).
sign_in() { login "$@"; TOKENS=$(redeem); }
token() { jq -r ".$1" <<<"$TOKENS"; }           # access_token, id_token, refresh_token
id_token_part() { jwt_part "$(token id_token)" "$1"; }

userinfo() { idp -H "Authorization: Bearer $1" "$ISS/me"; }
introspect() { form_post token/introspection -u "$RS_ID:$RS_SECRET" -d "token=$1"; }
exchange() { # SUBJECT_TOKEN AUDIENCE [REQUESTED_TYPE]
  form_post token -d grant_type=$TE -d client_id=$CLIENT -d "subject_token=$1" \
    -d subject_token_type=$AT_TYPE -d "audience=$2" ${3:+-d requested_token_type=$3}
}
refresh() { form_post token -d grant_type=refresh_token -d client_id=$CLIENT -d "refresh_token=$1"; }

# verify_jwt JWT: RS256 signature check with openssl against the key of the JWT's kid in the JWKS.
verify_jwt() {
  local jwt=$1 kid jwk hex
  kid=$(jwt_part "$jwt" 1 | jq -r .kid)
  jwk=$(idp "$ISS/jwks" | jq -e --arg kid "$kid" '.keys[] | select(.kid == $kid and .kty == "RSA")') || return 1
  hex() { jq -r ".$1" <<<"$jwk" | unb64url | od -An -v -tx1 | tr -d ' \n'; }
  printf 'asn1=SEQUENCE:k\n[k]\nn=INTEGER:0x%s\ne=INTEGER:0x%s\n' "$(hex n)" "$(hex e)" > "$work/key.cnf"
  openssl asn1parse -genconf "$work/key.cnf" -noout -out "$work/key.der" &&
    openssl rsa -RSAPublicKey_in -inform DER -in "$work/key.der" -pubout -out "$work/key.pem" 2>/dev/null &&
    printf %s "${jwt%.*}" > "$work/signed" &&
    cut -d. -f3 <<<"$jwt" | unb64url > "$work/sig" &&
    openssl dgst -sha256 -verify "$work/key.pem" -signature "$work/sig" "$work/signed"
}

# --- discovery -------------------------------------------------------------------------------
disc=$(idp "$ISS/.well-known/openid-configuration")
check_jq "discovery: issuer matches ready.json" "$disc" ".issuer == \"$ISS\""
check_jq "discovery: all endpoints present" "$disc" \
  '[.authorization_endpoint, .token_endpoint, .userinfo_endpoint, .jwks_uri, .end_session_endpoint, .introspection_endpoint, .revocation_endpoint] | all(startswith("https://127.0.0.1:"))'
check_jq "discovery: S256 PKCE" "$disc" '.code_challenge_methods_supported | index("S256")'
check_jq "discovery: token exchange grant" "$disc" ".grant_types_supported | index(\"$TE\")"
check_jq "discovery: CIS2 scopes" "$disc" '.scopes_supported | contains(["nationalrbacaccess", "associatedorgs", "selectedrole"])'

# --- sign-in with a good card ----------------------------------------------------------------
sign_in alice
check "alice: code issued at the loopback redirect (any port)" test -n "$CODE"
check_jq "alice: token response" "$TOKENS" '.access_token and .id_token and .refresh_token and .token_type == "Bearer"'
idt=$(token id_token) alice_tokens=$TOKENS
claims=$(id_token_part 2)
check_jq "alice: ID token sub = uid" "$claims" ".sub == \"$ALICE\" and .uid == \"$ALICE\""
check_jq "alice: ID token acr, amr, assurance" "$claims" \
  '.acr == "AAL3_ANY" and .amr == ["N3_SMARTCARD"] and .id_assurance_level == "3" and .authentication_assurance_level == "3"'
check_jq "alice: ID token nonce, sid, iss, aud" "$claims" ".nonce == \"$NONCE\" and (.sid | length > 0) and .iss == \"$ISS\" and .aud == \"$CLIENT\""
check_jq "alice: ID token names and email" "$claims" '.given_name == "Alice" and .family_name == "Carter" and .email == "alice.carter@example.nhs.uk"'
check_jq "alice (3 roles, none asked): no selected_roleid" "$claims" 'has("selected_roleid") | not'
check_jq "ID token signed RS256" "$(jwt_part "$idt" 1)" '.alg == "RS256" and (.kid | length > 0)'
check "ID token signature verifies against the JWKS" verify_jwt "$idt"
ui=$(userinfo "$(token access_token)")
check_jq "alice: userinfo has 3 roles and 2 orgs" "$ui" \
  ".sub == \"$ALICE\" and .nhsid_useruid == \"$ALICE\" and (.nhsid_nrbac_roles | length) == 3 and (.nhsid_user_orgs | length) == 2 and .title == \"Dr\""
check_jq "alice: roles carry CIS2 fields" "$ui" '.nhsid_nrbac_roles | all(.person_roleid and .org_code and .role_code and .role_name and (.activity_codes | type == "array"))'

sign_in alice '&selected_roleid=555000000102'
check_jq "alice with selected_roleid: ID token names it" "$(id_token_part 2)" '.selected_roleid == "555000000102"'
sign_in alice '&selected_roleid=555000000201'
check_jq "alice with someone else's role: no selected_roleid" "$(id_token_part 2)" 'has("selected_roleid") | not'

sign_in bob
bob_at=$(token access_token)
check_jq "bob (1 role): selected automatically" "$(id_token_part 2)" '.selected_roleid == "555000000201"'
check_jq "bob: userinfo selected_roleid" "$(userinfo "$bob_at")" '.selected_roleid == "555000000201"'
sign_in carol
check_jq "carol: userinfo roles is []" "$(userinfo "$(token access_token)")" '.nhsid_nrbac_roles == []'
sign_in frank
check_jq "frank (EC card key): signs in" "$(id_token_part 2)" '.sub == "555000000006"'

# --- refused sign-ins: no code, and the reason is named --------------------------------------
refused() { # USER REASON
  login "$1"
  if [ -z "$CODE" ] && [[ $STATUS == 40[13] ]] && grep -q "$2" "$BODY"; then ok "$1: refused ($STATUS, $2)"
  else not_ok "$1: refused with $2 (got $STATUS, code=${CODE:-none}, $(head -c 200 "$BODY"))"; fi
}
refused mallory UNABLE_TO_VERIFY_LEAF_SIGNATURE
refused dave CERT_HAS_EXPIRED
refused erin CERT_REVOKED
refused - NO_CLIENT_CERTIFICATE

login alice
check_jq "wrong code_verifier: invalid_grant" "$(VERIFIER=$(openssl rand 48 | b64url) redeem)" '.error == "invalid_grant"'
login alice
redeem >/dev/null
check_jq "code reuse: invalid_grant" "$(redeem)" '.error == "invalid_grant"'
PKCE_METHOD=plain login alice
check "PKCE plain refused (no code)" test -z "$CODE"
PKCE_METHOD=none login alice
check "no PKCE refused (no code)" test -z "$CODE"

# --- refresh ---------------------------------------------------------------------------------
fresh=$(refresh "$(jq -r .refresh_token <<<"$alice_tokens")")
check_jq "refresh: new tokens for the public client" "$fresh" '.access_token and .id_token and .refresh_token'
check_jq "refresh: new access token works at userinfo" "$(userinfo "$(jq -r .access_token <<<"$fresh")")" ".sub == \"$ALICE\""

# --- token exchange --------------------------------------------------------------------------
x=$(exchange "$bob_at" demo-epr $JWT_TYPE)
check_jq "exchange to demo-epr: a JWT" "$x" ".issued_token_type == \"$JWT_TYPE\" and .token_type == \"N_A\" and .expires_in > 0"
xjwt=$(jq -r .access_token <<<"$x")
check "exchange JWT: signature verifies against the JWKS (openssl)" verify_jwt "$xjwt"
check_jq "exchange JWT: aud, sub, uid, role, iss, exp" "$(jwt_part "$xjwt" 2)" \
  ".aud == \"demo-epr\" and .sub == \"$BOB\" and .uid == \"$BOB\" and .selected_roleid == \"555000000201\" and .iss == \"$ISS\" and .exp > .iat"
x=$(exchange "$bob_at" web-epr)
check_jq "exchange to web-epr: an access token" "$x" ".issued_token_type == \"$AT_TYPE\" and .token_type == \"Bearer\""
check_jq "exchanged access token: introspects with aud web-epr" "$(introspect "$(jq -r .access_token <<<"$x")")" \
  ".active and .aud == \"web-epr\" and .sub == \"$BOB\""
check_jq "exchange: unknown audience is invalid_target" "$(exchange "$bob_at" nope)" '.error == "invalid_target"'
check_jq "exchange: bad subject token is invalid_grant" "$(exchange not-a-token demo-epr)" '.error == "invalid_grant"'
check_jq "exchange: no subject_token_type is invalid_request" \
  "$(form_post token -d grant_type=$TE -d client_id=$CLIENT -d "subject_token=$bob_at" -d audience=demo-epr)" '.error == "invalid_request"'

# --- introspection and revocation ------------------------------------------------------------
check_jq "introspection: active with sub, client_id, scope, exp" "$(introspect "$bob_at")" \
  ".active == true and .sub == \"$BOB\" and .client_id == \"$CLIENT\" and (.scope | contains(\"openid\")) and .exp > 0"
check_jq "introspection without pds-fhir credentials: refused" "$(form_post token/introspection -d "token=$bob_at")" '.error and (.active | not)'
form_post token/revocation -d client_id=$CLIENT -d "token=$bob_at" >/dev/null
check_jq "introspection after revocation: inactive" "$(introspect "$bob_at")" '.active == false'
check_jq "exchange of a revoked token: invalid_grant" "$(exchange "$bob_at" demo-epr)" '.error == "invalid_grant"'

# --- admin hooks -----------------------------------------------------------------------------
check_jq "admin without token: 401" "$(idp -X POST -w '{"status":%{http_code}}' -o /dev/null "$ISS/__bed/rotate-keys")" '.status == 401'
old_kid=$(jwt_part "$idt" 1 | jq -r .kid)
kid=$(admin rotate-keys | jq -r .kid)
sign_in alice
new_kid=$(id_token_part 1 | jq -r .kid)
check "rotate-keys: new ID tokens carry the new kid" test -n "$kid" -a "$new_kid" = "$kid" -a "$kid" != "$old_kid"
check_jq "rotate-keys: JWKS serves only the new key" "$(idp "$ISS/jwks")" "[.keys[].kid] == [\"$kid\"]"
kept=$(admin 'rotate-keys?keep=1' | jq -r .kid)
check_jq "rotate-keys?keep=1: JWKS serves new and previous" "$(idp "$ISS/jwks")" "[.keys[].kid] == [\"$kept\", \"$kid\"]"
admin 'delay?ms=400' >/dev/null
t=$(idp -o /dev/null -w '%{time_total}' "$ISS/jwks")
admin 'delay?ms=0' >/dev/null
check "delay?ms=400 delays responses" awk -v t="$t" 'BEGIN { exit !(t >= 0.4) }'

# --- end-session -----------------------------------------------------------------------------
jar=$work/sso.jar
sign_in alice '' "$jar"
login - '' "$jar"
check "with a session, /auth without a card signs in silently (SSO)" test -n "$CODE"
logout=$(idp -c "$jar" -b "$jar" "$ISS/session/end?id_token_hint=$(token id_token)&post_logout_redirect_uri=http://127.0.0.1:5555/logged-out&state=bye")
xsrf=$(sed -n 's/.*name="xsrf" value="\([^"]*\)".*/\1/p' <<<"$logout")
done_url=$(form_post session/end/confirm -c "$jar" -b "$jar" -d "xsrf=$xsrf" -d logout=yes -o /dev/null -w '%{redirect_url}')
check "end-session: confirmed, back at post_logout_redirect_uri with state" test "$done_url" = "http://127.0.0.1:5555/logged-out?state=bye"
login - '' "$jar"
check "after end-session, /auth without a card is refused" test -z "$CODE" -a "$STATUS" = 401
check_jq "after end-session, the session's refresh token is dead" "$(refresh "$(token refresh_token)")" '.error == "invalid_grant"'

# --- TLS: no session resumption (each connection shows its card afresh) -----------------------
# tls ARGS: one handshake, kept open long enough to receive TLS 1.3 session tickets; prints
# New/Reused.
tls() { sleep 0.5 | openssl s_client -connect "${ISS#https://}" -CAfile "$pki/ca-chain.pem" "$@" 2>/dev/null | grep -E '^(New|Reused)'; }
tls -cert "$pki/users/alice.crt" -key "$pki/users/alice.key" -sess_out "$work/tls.sess" >/dev/null
resumed=$(tls -sess_in "$work/tls.sess")
check "TLS sessions are not resumed (a saved session gives a new handshake)" test -s "$work/tls.sess" -a "$resumed" != "${resumed#New}"

# --- web-epr: a confidential web client, redirect URI registered at run time -----------------
web_redirect="http://127.0.0.1:$((20000 + RANDOM % 40000))/auth/callback"
admin "clients/web-epr/redirect-uris?uri=$web_redirect" >/dev/null
CLIENT=web-epr REDIRECT=$web_redirect login alice
check_jq "web-epr: signs alice in with its secret" \
  "$(CLIENT=web-epr REDIRECT=$web_redirect redeem -u web-epr:web-epr-secret)" ".id_token and .access_token"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
