// One key of a JWK Set (RFC 7517 §4), as an OpenSSL public key, and the way verifyJws() reaches
// a Jwks's keys.
#pragma once

#include "opensslhandles.h"

#include <lanyard/result.h>

#include <QJsonObject>

#include <optional>
#include <vector>

namespace Lanyard::Sso {
class Jwks;
}

namespace Lanyard::Sso::Internal {

enum class KeyType { Rsa, EcP256 };

// NIST SP 800-131A Rev. 2: RSA keys under 2048 bits are no longer acceptable for signatures.
inline constexpr int minimumRsaBits = 2048;

struct JsonWebKey
{
    QString kid; // empty when the JWK has none
    QString alg; // empty when the JWK does not restrict its algorithm (RFC 7517 §4.4)
    KeyType type = KeyType::Rsa;
    EvpPkeyPtr key;
};

// The key, or std::nullopt for a key Lanyard does not verify with (another "use" or "key_ops",
// another kty or crv); an error (keySetError) when the key is of a usable type but its members
// are bad. index names the key in that error.
Result<std::optional<JsonWebKey>> readJsonWebKey(const QJsonObject &jwk, qsizetype index);

struct JwksAccess
{
    static const std::vector<JsonWebKey> &keys(const Jwks &set);
};

} // namespace Lanyard::Sso::Internal
