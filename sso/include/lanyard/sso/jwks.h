// The identity service's public signing keys, from its JWKS document (RFC 7517 §5). RSA keys of
// 2048 bits or more and EC P-256 keys are kept; keys for other uses or of other types are skipped.
// A Jwks is immutable; copies share the parsed keys and may be used from several threads.
#pragma once

#include <lanyard/result.h>

#include <QByteArray>
#include <QStringList>

#include <memory>

namespace Lanyard::Sso {

namespace Internal {
struct JwksAccess;
}

class Jwks
{
public:
    Jwks(); // empty

    // {"keys":[...]}. Not JSON, no "keys" array, or a usable key with bad members (bad base64url,
    // an RSA key under 2048 bits, a point off the curve) is an SsoError::InvalidToken error.
    static Result<Jwks> parse(const QByteArray &json);

    bool isEmpty() const;
    QStringList keyIds() const; // in document order; keys without a "kid" are not listed
    bool contains(const QString &kid) const;

private:
    struct Private;
    friend struct Internal::JwksAccess;
    explicit Jwks(std::shared_ptr<const Private> keys);
    std::shared_ptr<const Private> d;
};

} // namespace Lanyard::Sso
