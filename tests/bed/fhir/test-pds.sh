#!/usr/bin/env bash
# Checks the running PDS-shaped FHIR server against the running IdP of a bed:
#   tests/bed/fhir/test-pds.sh BED
# BED holds pki/, idp/ready.json and fhir/ready.json (both services already started).
# One line per check ("ok - ..." / "not ok - ..."); last line "N passed, M failed"; exit 0 only
# if all pass. Needs curl, jq, openssl. Paces its requests to stay under the default rate limit.
set -uo pipefail

bed=${1:?usage: test-pds.sh BED}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
examples=$(cd "$here/../../data/pds" && pwd)
. "$here/../get-token.sh"

ca=$bed/pki/ca-chain.pem
base=$(jq -er .base "$bed/fhir/ready.json") || { echo "not ok - $bed/fhir/ready.json readable"; echo "0 passed, 1 failed"; exit 1; }
admin=$(jq -er .admin_token "$bed/fhir/ready.json")
origin=${base%%/personal-demographics/*}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0 failed=0
check() { # DESCRIPTION COMMAND...: ok if COMMAND succeeds
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then echo "ok - $what"; passed=$((passed + 1))
  else echo "not ok - $what"; failed=$((failed + 1)); fi
}
uuid() { # a random (version 4) UUID
  local h; h=$(openssl rand -hex 16)
  printf '%s-%s-4%s-%x%s-%s\n' "${h:0:8}" "${h:8:4}" "${h:13:3}" $(( (16#${h:16:1} & 3) | 8 )) "${h:17:3}" "${h:20:12}"
}

# req [curl args...] URL: sets $status, $rc and $elapsed; body in $work/body, headers in $work/headers
req() {
  sleep 0.25 # 4 requests/s: under the server's default limit of 5 per token
  local out
  out=$(curl -s --cacert "$ca" -o "$work/body" -D "$work/headers" -w '%{http_code} %{time_total}' --max-time 30 "$@")
  rc=$?
  status=${out%% *} elapsed=${out#* }
}
body() { jq -e "$@" "$work/body"; }
header() { tr -d '\r' < "$work/headers" | sed -n "s/^$1: //Ip" | tail -1; }
same_as() { diff <(jq -S . "$examples/$1") <(jq -S . "$work/body"); } # PDS's own example body
spine() { body --arg c "$1" '.resourceType == "OperationOutcome" and .issue[0].details.coding[0].code == $c'; }
is() { [ "$1" = "$2" ]; }

token=$(bed_get_token "$bed" alice)
check "got an access token from the IdP by the code + PKCE flow with alice's card certificate" test -n "$token"
auth=(-H "Authorization: Bearer $token")
urid=(-H "NHSD-Session-URID: 555000000101")
pds() { local path=$1; shift; req "${auth[@]}" "${urid[@]}" -H "X-Request-ID: $(uuid)" "$@" "$base/$path"; }

# --- retrieval ---------------------------------------------------------------------------------
rid=$(uuid)
req "${auth[@]}" "${urid[@]}" -H "X-Request-ID: $rid" -H "X-Correlation-ID: corr-$rid" "$base/Patient/9000000009"
check "GET Patient/9000000009 -> 200" is "$status" 200
check "  it is patient 9000000009 (Jane Smith)" body '.resourceType == "Patient" and .id == "9000000009" and .name[0].family == "Smith"'
check "  content-type application/fhir+json" is "$(header content-type)" application/fhir+json
check "  ETag W/\"2\" matches meta.versionId" is "$(header etag)" "W/\"$(jq -r .meta.versionId "$work/body")\""
check "  X-Request-ID and X-Correlation-ID echoed" is "$(header x-request-id) $(header x-correlation-id)" "$rid corr-$rid"

pds Patient/9000000025
check "restricted 9000000025 -> 200 with meta.security R and no address/telecom" \
  body '.meta.security[0].code == "R" and (has("address") | not) and (has("telecom") | not)'
pds Patient/9000000033
check "minimal 9000000033 -> 200" body '.id == "9000000033" and (has("name") | not)'
pds Patient/9990000018
check "superseded 9990000018 -> 200 with the current record under its new id 9990000026" \
  eval 'is "$status" 200 && body ".id == \"9990000026\""'
pds Patient/9990000034
check "deceased 9990000034 -> 200 with deceasedDateTime" body '.id == "9990000034" and (.deceasedDateTime | length > 0)'
pds Patient/9990000042
check "invalidated 9990000042 -> 404 INVALIDATED_RESOURCE" eval 'is "$status" 404 && spine INVALIDATED_RESOURCE'
pds Patient/9000000000
check "invalid NHS number 9000000000 -> 400 as INVALID_RESOURCE_ID.json" eval 'is "$status" 400 && same_as karate-stubs/errorResponses/INVALID_RESOURCE_ID.json'
pds Patient/900000000
check "9-digit NHS number -> 400 INVALID_RESOURCE_ID" eval 'is "$status" 400 && spine INVALID_RESOURCE_ID'
pds Patient/9111231130
check "unknown 9111231130 -> 404 as RESOURCE_NOT_FOUND.json" eval 'is "$status" 404 && same_as karate-stubs/errorResponses/RESOURCE_NOT_FOUND.json'

# --- headers -----------------------------------------------------------------------------------
req "${urid[@]}" -H "X-Request-ID: $(uuid)" "$base/Patient/9000000009"
check "no Authorization -> 401 as missing_authorization_header.json" eval 'is "$status" 401 && same_as functional-test-responses/missing_authorization_header.json'
req -H "Authorization: Bearer not-a-real-token-$RANDOM" "${urid[@]}" -H "X-Request-ID: $(uuid)" "$base/Patient/9000000009"
check "garbage token -> 401 as invalid_access_token.json" eval 'is "$status" 401 && same_as functional-test-responses/invalid_access_token.json'
rid=$(uuid)
req "${auth[@]}" "${urid[@]}" -H "X-Correlation-ID: c-$rid" "$base/Patient/9000000009"
check "no X-Request-ID -> 400 as missing_x-request_id.json" eval 'is "$status" 400 && same_as functional-test-responses/missing_x-request_id.json'
check "  X-Correlation-ID still echoed" is "$(header x-correlation-id)" "c-$rid"
req "${auth[@]}" "${urid[@]}" -H "X-Request-ID: 1234" "$base/Patient/9000000009"
check "X-Request-ID 1234 -> 400 as invalid_x-request_id.json" eval 'is "$status" 400 && same_as functional-test-responses/invalid_x-request_id.json'
req "${auth[@]}" -H "X-Request-ID: $(uuid)" "$base/Patient/9000000009"
check "no NHSD-Session-URID -> 400 as missing_urid_header.json" eval 'is "$status" 400 && same_as functional-test-responses/missing_urid_header.json'
req "${auth[@]}" -H "NHSD-Session-URID: invalid" -H "X-Request-ID: $(uuid)" "$base/Patient/9000000009"
check "NHSD-Session-URID 'invalid' -> 400 as invalid_urid_header.json" eval 'is "$status" 400 && same_as functional-test-responses/invalid_urid_header.json'
req "${auth[@]}" -H "NHSD-Session-URID: 555000000201" -H "X-Request-ID: $(uuid)" "$base/Patient/9000000009"
check "another clinician's role (bob's) -> 400 INVALID_VALUE" eval 'is "$status" 400 && spine INVALID_VALUE'
req "${auth[@]}" -H "NHSD-Session-URID: 555000000103" -H "X-Request-ID: $(uuid)" "$base/Patient/9000000009"
check "alice's other role 555000000103 -> 200" is "$status" 200

# --- search ------------------------------------------------------------------------------------
pds "Patient?family=Smith&gender=female&birthdate=eq2010-10-22"
check "search Smith/female/eq2010-10-22 -> searchset, total 1, score 1, 9000000009" \
  body '.resourceType == "Bundle" and .type == "searchset" and .total == 1 and .entry[0].search.score == 1 and .entry[0].resource.id == "9000000009"'
check "  fullUrl is this server's Patient/9000000009" body --arg u "$base/Patient/9000000009" '.entry[0].fullUrl == $u'
check "  search view leaves out place of birth and temporary address" \
  body '([.entry[0].resource.address[].use] == ["home"]) and ([.entry[0].resource.extension[].url] | length == 1)'
pds "Patient?family=smith&birthdate=ge2010-10-21&birthdate=le2010-10-23"
check "birthdate range ge/le, lower-case family -> 9000000009" body '.total == 1 and .entry[0].resource.id == "9000000009"'
pds "Patient?family=Smith&birthdate=eq2010-10-22&address-postalcode=LS16AE"
check "postcode without its space still matches" body '.total == 1'
pds "Patient?family=smyth&given=jane&birthdate=eq2010-10-22&_fuzzy-match=true"
check "fuzzy smyth/jane -> near misses, scores in (0,1), best first" \
  body '.total >= 1 and all(.entry[].search.score; . > 0 and . < 1) and ([.entry[].search.score] | . == (sort | reverse)) and .entry[0].resource.id == "9000000009"'
pds "Patient?family=SMITH&given=JANE&birthdate=eq2010-10-22&_fuzzy-match=true"
check "fuzzy is case-tolerant: SMITH/JANE scores 1" body '.entry[0].resource.id == "9000000009" and .entry[0].search.score == 1'
pds "Patient?family=Sm*&birthdate=ge1900-01-01"
check "wildcard Sm* -> Smith and Smythe, scores below 1" body '.total == 2 and all(.entry[].search.score; . < 1)'
check "  restricted Smythe comes back with meta.security R, no address" \
  body '[.entry[].resource | select(.id == "9000000025")][0] | .meta.security[0].code == "R" and (has("address") | not)'
pds "Patient?family=Sm*&birthdate=ge1900-01-01&_exact-match=true"
check "_exact-match=true with a wildcard -> empty searchset" body '.type == "searchset" and .total == 0 and (has("entry") | not)'
pds "Patient?family=Smith&birthdate=eq2010-10-22&_exact-match=true"
check "_exact-match=true, exact details -> score 1" body '.total == 1 and .entry[0].search.score == 1'
pds "Patient?family=Smythe&birthdate=eq2010-10-22&address-postalcode=LS1%206AE"
check "restricted patients are not returned when searching by postcode" body '.total == 0'
pds "Patient?family=Sm*&birthdate=ge1900-01-01&_max-results=1"
check "2 matches with _max-results=1 -> 200 as TOO_MANY_MATCHES.json" eval 'is "$status" 200 && same_as karate-stubs/searchResponses/TOO_MANY_MATCHES.json'
pds "Patient?family=Nobody&gender=male&birthdate=eq1999-01-01"
check "no match -> 200 empty searchset, total 0" eval 'is "$status" 200 && body ".type == \"searchset\" and .total == 0"'
pds "Patient?given=Jane&birthdate=eq2010-10-22"
check "no family (non-fuzzy) -> 400 INVALID_SEARCH_DATA" eval 'is "$status" 400 && spine INVALID_SEARCH_DATA'
pds "Patient?family=Smith&birthdate=eq2010-10-22&_fuzzy-match=true"
check "fuzzy with family + birthdate only -> 400 INVALID_SEARCH_DATA" eval 'is "$status" 400 && spine INVALID_SEARCH_DATA'
pds "Patient?family=Smith&gender=female"
check "no birthdate -> 400 MISSING_VALUE" eval 'is "$status" 400 && spine MISSING_VALUE'
pds "Patient?family=Smith&birthdate=eq2010-10-22&_max-results=51"
check "_max-results=51 -> 400 INVALID_VALUE" eval 'is "$status" 400 && spine INVALID_VALUE'
pds "Patient?family=Smith&birthdate=22-10-2010"
check "birthdate not YYYY-MM-DD -> 400 INVALID_VALUE" eval 'is "$status" 400 && spine INVALID_VALUE'
pds "Patient?family=Smith&birthdate=eq2010-10-22&colour=blue"
check "unknown parameter -> 400 ADDITIONAL_PROPERTIES" eval 'is "$status" 400 && spine ADDITIONAL_PROPERTIES'

# --- allergies ---------------------------------------------------------------------------------
active='[.entry[].resource | select(.clinicalStatus.coding[0].code == "active")]'
pds "AllergyIntolerance?patient=9000000009"
check "AllergyIntolerance?patient=9000000009 -> searchset of 3, all about Patient/9000000009" \
  eval 'is "$status" 200 && body ".resourceType == \"Bundle\" and .type == \"searchset\" and .total == 3 and all(.entry[].resource; .resourceType == \"AllergyIntolerance\" and .patient.reference == \"Patient/9000000009\")"'
check "  two active: Penicillin (code.text) and latex (coding display only), one resolved" \
  body "($active | map(.code.text // .code.coding[0].display) | sort) == [\"Latex allergy\", \"Penicillin\"] and ([.entry[].resource.clinicalStatus.coding[0].code] | sort) == [\"active\", \"active\", \"resolved\"]"
check "  fullUrl is this server's AllergyIntolerance/{id}" \
  body --arg b "$base" 'all(.entry[]; .fullUrl == "\($b)/AllergyIntolerance/\(.resource.id)")'
pds "AllergyIntolerance?patient=Patient/9000000009"
check "patient=Patient/9000000009 (reference form) -> the same 3" body '.total == 3'
pds "AllergyIntolerance?patient=9733162337"
check "9733162337 -> one active 'No known allergy' (SNOMED 716186003)" \
  body '.total == 1 and .entry[0].resource.code.coding[0].code == "716186003" and .entry[0].resource.clinicalStatus.coding[0].code == "active"'
pds "AllergyIntolerance?patient=9000000025"
check "9000000025 (nothing recorded) -> empty searchset, total 0" \
  eval 'is "$status" 200 && body ".type == \"searchset\" and .total == 0 and (has(\"entry\") | not)"'
pds "AllergyIntolerance?patient=9000000000"
check "invalid NHS number -> 400 INVALID_VALUE" eval 'is "$status" 400 && spine INVALID_VALUE'
pds "AllergyIntolerance"
check "no patient parameter -> 400 MISSING_VALUE" eval 'is "$status" 400 && spine MISSING_VALUE'
pds "AllergyIntolerance?patient=9000000009&clinical-status=active"
check "another parameter -> 400 ADDITIONAL_PROPERTIES" eval 'is "$status" 400 && spine ADDITIONAL_PROPERTIES'
req "${urid[@]}" -H "X-Request-ID: $(uuid)" "$base/AllergyIntolerance?patient=9000000009"
check "allergies without Authorization -> 401 as missing_authorization_header.json" \
  eval 'is "$status" 401 && same_as functional-test-responses/missing_authorization_header.json'
req "${auth[@]}" "${urid[@]}" "$base/AllergyIntolerance?patient=9000000009"
check "allergies without X-Request-ID -> 400 MISSING_VALUE" eval 'is "$status" 400 && spine MISSING_VALUE'
req "${auth[@]}" -H "NHSD-Session-URID: 555000000201" -H "X-Request-ID: $(uuid)" "$base/AllergyIntolerance?patient=9000000009"
check "allergies with another clinician's role -> 400 INVALID_VALUE" eval 'is "$status" 400 && spine INVALID_VALUE'

# --- rate limit --------------------------------------------------------------------------------
sleep 1.1
codes=""
for i in 1 2 3 4 5 6 7 8; do
  codes+="$(curl -s --cacert "$ca" -o "$work/burst" -w '%{http_code}' "${auth[@]}" "${urid[@]}" -H "X-Request-ID: $(uuid)" "$base/Patient/9000000009") "
done
check "a burst of 8 requests in well under a second gets 429s after the first ones ($codes)" \
  eval '[[ "$codes" == 200\ * && "$codes" == *429* ]] && jq -e ".issue[0].details.coding[0].code == \"TOO_MANY_REQUESTS\"" "$work/burst"'
sleep 1.1

# --- faults and the request log ----------------------------------------------------------------
fault() { curl -s --cacert "$ca" -o "$work/fault" -w '%{http_code}' -H "Authorization: Bearer $admin" \
  -H 'content-type: application/json' -d "$1" "$origin/__bed/faults"; }
req "$origin/__bed/faults"
check "admin endpoint without the admin token -> 401" is "$status" 401
pds Patient/9000000009; baseline=$elapsed
check "fault slow (1500 ms, once) accepted" is "$(fault '{"mode":"slow","delayMs":1500,"count":1}')" 200
pds Patient/9000000009
check "  slow answer took >= 1.4 s (normal: ${baseline}s, slow: ${elapsed}s) and is still 200" \
  eval 'is "$status" 200 && awk -v t="$elapsed" "BEGIN { exit !(t >= 1.4) }"'
pds Patient/9000000009
check "  next one is fast again" awk -v t="$elapsed" 'BEGIN { exit !(t < 1.0) }'
check "fault error500 (once) accepted" is "$(fault '{"mode":"error500","count":1}')" 200
pds Patient/9000000009
check "  -> 500 with an OperationOutcome" eval 'is "$status" 500 && body ".resourceType == \"OperationOutcome\""'
pds Patient/9000000009
check "  next one is 200 again" is "$status" 200
check "fault drop (until reset) accepted" is "$(fault '{"mode":"drop"}')" 200
rid=$(uuid)
req "${auth[@]}" "${urid[@]}" -H "X-Request-ID: $rid" "$base/Patient/9000000009"
check "  connection dropped: curl exit 52 (empty reply)" is "$rc" 52
req -H "Authorization: Bearer $admin" "$origin/__bed/faults"
check "  GET /__bed/faults says drop" body '.mode == "drop"'
req -H "Authorization: Bearer $admin" "$origin/__bed/requests"
check "  /__bed/requests logged the dropped request's X-Request-ID, and no token" \
  body --arg r "$rid" '(map(select(.["x-request-id"] == $r and .fault == "drop")) | length == 1) and (tostring | contains("Bearer") | not)'
check "fault reset (mode none) accepted" is "$(fault '{"mode":"none"}')" 200
req -H "Authorization: Bearer $admin" "$origin/__bed/faults"
check "  GET /__bed/faults says none" body '.mode == "none"'
pds Patient/9000000009
check "  requests answered normally again" is "$status" 200

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
