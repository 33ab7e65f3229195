# Sourced helper: an access token from the bed's IdP, got the way a client gets one
# (authorization code + PKCE, logged in by the card's TLS client certificate).
#
#   . tests/bed/get-token.sh
#   token=$(bed_get_token BED [USER])     # USER: a clinician id from clinicians.json, default alice
#
# Needs curl, jq, openssl. Prints the access token on stdout; returns non-zero (with a reason on
# stderr) if any step fails. The redirect URI is http://127.0.0.1:PORT/callback; nothing listens
# there: redirects are followed one at a time and the code is read from the Location header.

bed_get_token() {
  # BED_COOKIE_JAR: keep the IdP's session cookies there (bed_idp_session) instead of dropping them
  rm_jar() { [ -n "${BED_COOKIE_JAR:-}" ] || rm -f "$jar"; }
  local bed=${1:?usage: bed_get_token BED [USER]} user=${2:-alice}
  local ca=$bed/pki/ca-chain.pem cert=$bed/pki/users/$user.crt key=$bed/pki/users/$user.key
  local issuer config auth_ep token_ep verifier challenge state redirect url jar hdrs location code hop answer token
  issuer=$(jq -er .issuer "$bed/idp/ready.json") || { echo "bed_get_token: no $bed/idp/ready.json" >&2; return 1; }
  config=$(curl -sf --cacert "$ca" "${issuer%/}/.well-known/openid-configuration") \
    || { echo "bed_get_token: no discovery document at $issuer" >&2; return 1; }
  auth_ep=$(jq -er .authorization_endpoint <<<"$config") && token_ep=$(jq -er .token_endpoint <<<"$config") || return 1
  verifier=$(openssl rand -base64 48 | tr -d '\n=+/' | cut -c1-64)
  challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
  state=$(openssl rand -hex 16)
  redirect="http://127.0.0.1:$((20000 + RANDOM % 20000))/callback"
  url="$auth_ep?$(jq -rn --arg r "$redirect" --arg c "$challenge" --arg s "$state" \
    '{response_type:"code",client_id:"lanyard",redirect_uri:$r,scope:"openid profile nationalrbacaccess",
      code_challenge:$c,code_challenge_method:"S256",state:$s,nonce:$s} | to_entries
     | map("\(.key)=\(.value|@uri)") | join("&")')"
  jar=${BED_COOKIE_JAR:-$(mktemp)} hdrs=$(mktemp)
  for hop in $(seq 1 20); do
    if ! curl -s -o /dev/null -D "$hdrs" -b "$jar" -c "$jar" --cacert "$ca" --cert "$cert" --key "$key" "$url"; then
      echo "bed_get_token: request failed at hop $hop" >&2; rm_jar; rm -f "$hdrs"; return 1
    fi
    location=$(tr -d '\r' < "$hdrs" | sed -n 's/^[Ll]ocation: *//p' | tail -1)
    if [ -z "$location" ]; then
      echo "bed_get_token: no redirect at hop $hop ($(head -1 "$hdrs" | tr -d '\r'))" >&2; rm_jar; rm -f "$hdrs"; return 1
    fi
    case $location in
      "$redirect"*) break ;;
      http://* | https://*) url=$location ;;
      /*) url="$(sed -E 's#^(https?://[^/]+).*#\1#' <<<"$url")$location" ;;
      *) url="${url%/*}/$location" ;;
    esac
  done
  rm_jar; rm -f "$hdrs"
  case $location in "$redirect"*) ;; *) echo "bed_get_token: never reached the redirect URI" >&2; return 1 ;; esac
  [ "$(sed -n 's/.*[?&]state=\([^&]*\).*/\1/p' <<<"$location")" = "$state" ] \
    || { echo "bed_get_token: state mismatch" >&2; return 1; }
  code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$location")
  code=$(printf "%b" "${code//%/\\x}")
  [ -n "$code" ] || { echo "bed_get_token: no code in redirect: ${location%%\?*}?$(sed -n 's/.*[?&]\(error=[^&]*\).*/\1/p' <<<"$location")" >&2; return 1; }
  answer=$(curl -s --cacert "$ca" -d grant_type=authorization_code --data-urlencode "code=$code" \
    --data-urlencode "redirect_uri=$redirect" -d client_id=lanyard --data-urlencode "code_verifier=$verifier" "$token_ep")
  token=$(jq -er .access_token <<<"$answer" 2>/dev/null) \
    || { echo "bed_get_token: token endpoint said: $(jq -c '{error,error_description}' <<<"$answer" 2>/dev/null)" >&2; return 1; }
  printf '%s\n' "$token"
}

# A token for one application (RFC 8693 token exchange), as Lanyard gets one for a plugin:
#   app_token=$(bed_exchange_token BED ACCESS_TOKEN AUDIENCE [jwt])
bed_exchange_token() {
  local bed=${1:?usage: bed_exchange_token BED ACCESS_TOKEN AUDIENCE [jwt]} subject=${2:?} audience=${3:?} kind=${4:-}
  local issuer answer requested=()
  issuer=$(jq -er .issuer "$bed/idp/ready.json") || return 1
  [ "$kind" = jwt ] && requested=(-d requested_token_type=urn:ietf:params:oauth:token-type:jwt)
  answer=$(curl -s --cacert "$bed/pki/ca-chain.pem" -d client_id=lanyard \
    -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange \
    -d subject_token_type=urn:ietf:params:oauth:token-type:access_token \
    --data-urlencode "subject_token=$subject" -d "audience=$audience" "${requested[@]}" \
    "${issuer%/}/token")
  jq -er .access_token <<<"$answer" 2>/dev/null \
    || { echo "bed_exchange_token: $(jq -c '{error,error_description}' <<<"$answer" 2>/dev/null)" >&2; return 1; }
}

# The IdP's browser session of a card sign-in, as Lanyard hands it to the web plugin: the cookie
# jar (Netscape lines, as curl writes them) of a real sign-in by the clinician's certificate.
#   cookies=$(bed_idp_session BED [USER])
bed_idp_session() {
  local jar rc=0
  jar=$(mktemp)
  BED_COOKIE_JAR=$jar bed_get_token "$@" >/dev/null || rc=$?
  [ $rc -eq 0 ] && cat "$jar"
  rm -f "$jar"
  return $rc
}
