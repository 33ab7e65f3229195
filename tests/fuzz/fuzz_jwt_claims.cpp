// An ID token's claims (iss, aud, azp, exp, nbf, iat, auth_time, sub, nonce, acr, amr, names...)
// as validateIdToken reads them once the signature holds. The input is the payload; the fuzzer
// signs it (ES256, with a key made at start-up) so every input reaches the claims.
#include "fuzzsupport.h"
#include "jwtrules.h"

#include <jwtforge.h>

#include <lanyard/sso/jwks.h>
#include <lanyard/sso/jwtvalidator.h>

#include <optional>

using Lanyard::Tests::JwtForge;

namespace {
std::optional<JwtForge::Key> key;
std::optional<Lanyard::Sso::Jwks> keys;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    key = JwtForge::Key::ecP256();
    auto set = Lanyard::Sso::Jwks::parse(JwtForge::jwks({ key->publicJwk(QStringLiteral("fuzz")) }));
    if (key->isNull() || !set)
        __builtin_trap();
    keys = std::move(set).value();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonObject header { { QStringLiteral("alg"), QStringLiteral("ES256") },
                               { QStringLiteral("kid"), QStringLiteral("fuzz") },
                               { QStringLiteral("typ"), QStringLiteral("JWT") } };
    const QByteArray token = JwtForge::sign(header, Lanyard::Fuzz::bytes(data, size), *key);
    const auto idToken = Lanyard::Sso::validateIdToken(token, *keys, Lanyard::Fuzz::idTokenRules());
    if (idToken) {
        (void)idToken->expiresAt.isValid();
        (void)Lanyard::Sso::acrLevel(idToken->acr);
    }
    return 0;
}
