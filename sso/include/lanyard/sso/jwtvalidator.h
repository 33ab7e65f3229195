// Validates a signed JWT's claims (RFC 7519 §4.1) and an OpenID Connect ID token's (OpenID
// Connect Core 1.0 §3.1.3.7). Every refusal is an SsoError::InvalidToken error (or
// UnknownSigningKey, for the caller to refetch the JWKS once) with a TokenProblem in nativeCode.
#pragma once

#include <lanyard/result.h>
#include <lanyard/sso/jwks.h>
#include <lanyard/sso/jws.h>

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <chrono>

namespace Lanyard::Sso {

struct JwtRules
{
    QString issuer; // required: "iss" must equal it exactly
    QString audience; // required, our client id: "aud" (a string or an array) must contain it
    QDateTime now; // required, from the injectable clock
    std::chrono::seconds leeway { 60 }; // allowed clock skew for exp, nbf and iat
    std::chrono::seconds maxAge { 600 }; // "iat" must not be older than this (0 = unchecked)
    QStringList allowedAlgorithms { QStringLiteral("RS256"), QStringLiteral("PS256"),
                                    QStringLiteral("ES256") }; // narrowed by verifyJws()
};

struct IdTokenRules : JwtRules
{
    QString nonce; // when non-empty, "nonce" must equal it
    QString minimumAcr; // when non-empty, acrLevel("acr") must be at least acrLevel(minimumAcr)
};

struct IdToken
{
    QString subject, sessionId /*sid*/, acr, uid, selectedRoleId, name, givenName, familyName;
    QStringList amr;
    QDateTime issuedAt, expiresAt, authTime; // UTC; authTime null if absent
    QJsonObject claims; // everything, for callers that need more
};

// The signature and iss, aud, exp, nbf, iat; returns the payload. A rule left empty is an
// SsoError::Configuration error: an unset issuer or audience must not match anything.
Result<QJsonObject> validateJwt(const QByteArray &jwt, const Jwks &keys, const JwtRules &rules);
// validateJwt() and then azp, sub, nonce and acr.
Result<IdToken> validateIdToken(const QByteArray &jwt, const Jwks &keys, const IdTokenRules &rules);

// CIS2 acr values look like "AAL3_ANY" or "AAL2_OTP": the level is the digit after "AAL".
// -1 when the value does not have that shape.
int acrLevel(const QString &acr);

} // namespace Lanyard::Sso
