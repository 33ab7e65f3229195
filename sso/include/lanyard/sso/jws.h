// Verifies a compact JWS (RFC 7515 §7.1) against the identity service's keys. Only RS256, PS256
// and ES256 are ever accepted; "none" and the HMAC algorithms are refused whatever the caller
// allows, so a public key can never be used as an HMAC secret.
#pragma once

#include <lanyard/result.h>
#include <lanyard/sso/jwks.h>

#include <QJsonObject>
#include <QStringList>

namespace Lanyard::Sso {

// Why a token was refused; carried in Error::nativeCode so callers and tests can tell reasons
// apart without reading messages.
enum class TokenProblem {
    None,
    Malformed, // not three base64url parts of JSON objects, too large, or "crit"
    Algorithm, // "alg" not allowed, or not what the key is for
    Signature, // the signature does not verify
    UnknownKey, // no key in the set fits the header's "kid" (SsoError::UnknownSigningKey)
    Issuer, // "iss"
    Audience, // "aud"
    AuthorizedParty, // "azp"
    Expired, // "exp"
    NotYetValid, // "nbf"
    IssuedInFuture, // "iat" after now
    TooOld, // "iat" before now - maxAge
    Nonce, // "nonce"
    Acr, // "acr" missing, not understood, or too weak
    MissingClaim, // "sub", "exp" or "iat" absent
};

struct VerifiedJws
{
    QJsonObject header;
    QJsonObject payload;
};

inline constexpr qsizetype maximumJwsSize = 16 * 1024;

// allowedAlgorithms may narrow the default list; anything outside it is ignored.
Result<VerifiedJws> verifyJws(const QByteArray &compact, const Jwks &keys,
                              const QStringList &allowedAlgorithms
                              = { QStringLiteral("RS256"), QStringLiteral("PS256"),
                                  QStringLiteral("ES256") });

} // namespace Lanyard::Sso
