// Compact JWS / JWT as the identity service's token endpoint returns them: the three base64url
// parts (strictly decoded), the header (alg, kid, crit), key selection, the signature (RS256,
// PS256, ES256), then the claims (validateIdToken). The keys are fixed (below) so the committed
// seeds, signed with their private halves, verify.
#include "fuzzsupport.h"
#include "jwtrules.h"

#include <lanyard/sso/jwks.h>
#include <lanyard/sso/jws.h>
#include <lanyard/sso/jwtvalidator.h>

#include <optional>

namespace {
std::optional<Lanyard::Sso::Jwks> keys;

// Public keys only; the private halves signed the seeds in corpus/jwt and were thrown away.
const char jwksJson[] = R"({"keys":[
{"kty":"RSA","kid":"rsa","use":"sig","e":"AQAB","n":"smxt4CoVU_bn-rCrOmUqpAUqm-41zuH5tDtV5uUNC5N9q8YSlCgfQ4VndAFSoKADE5brUYCcyVe2QgvG4jmf-JYJin4678MVFijv-rT1rEV6REzupNyyULc2SDosCz2gAj0LheU6TqYhIkj6dROHIcfaTTS1wNAwCQOLOjNi1ZT46bgEVRrQ96OO7camAe-XtNZnlgBeHYe4_ciQ98y0bmSskDDan4Ql_j3qbIogI_2FVBb9S8CgQZaLxMa9uw_-eP9hfQ5IIg0p36MjVfCNJMdeoA-Daku7MkIFTZcaYIX4J9dWfPByF3cAnLZfNjJpwdqA1qQojtV__7Jrd3iMMw"},
{"kty":"EC","kid":"ec","use":"sig","crv":"P-256","x":"aC-s7Orwo322xvMdo45pAQIJKziVadPhJVWHrfjr8IY","y":"FTaHOXm-hkrkXBgQH32VBQAOlwhD6e3-E6v_eHXD_6k"}]})";
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    auto set = Lanyard::Sso::Jwks::parse(QByteArray(jwksJson));
    if (!set || set->keyIds().size() != 2)
        __builtin_trap();
    keys = std::move(set).value();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray token = Lanyard::Fuzz::bytes(data, size);
    const auto verified = Lanyard::Sso::verifyJws(token, *keys);
    (void)verified.ok();
    const auto idToken = Lanyard::Sso::validateIdToken(token, *keys, Lanyard::Fuzz::idTokenRules());
    (void)idToken.ok();
    return 0;
}
