// Makes keys and signed tokens for tests: RSA-2048 and EC P-256 keys, their JWK and JWKS, compact
// JWS signed with RS256, PS256, ES256, HS256 (with any bytes as the secret, such as a public key,
// for key-confusion attacks) or "none", and small edits to a token to tamper with it.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <memory>

namespace Lanyard::Tests {

class JwtForge
{
public:
    // A private key; copies share it. Null when generation failed.
    class Key
    {
    public:
        static Key rsa(int bits = 2048);
        static Key ecP256();

        bool isNull() const { return !d; }
        bool isRsa() const;
        QByteArray publicKeyPem() const; // SubjectPublicKeyInfo
        QByteArray publicKeyDer() const;
        QByteArray privateKeyPem() const; // PKCS#8, unencrypted, for a test IdP
        // {"kty","kid","use":"sig", n/e or crv/x/y}, with "alg" only when alg is not empty.
        QJsonObject publicJwk(const QString &kid, const QString &alg = {}) const;

    private:
        friend class JwtForge;
        struct Private;
        std::shared_ptr<const Private> d;
    };

    static QByteArray jwks(const QList<QJsonObject> &keys); // {"keys":[...]}

    // Signs with the algorithm the header's "alg" names: RS256 and PS256 need an RSA key, ES256
    // an EC key (the signature is R || S); "none" gives "header.payload.". Empty when the key
    // does not fit the alg. The header is used as given (add "kid" yourself).
    static QByteArray sign(const QJsonObject &header, const QJsonObject &payload, const Key &key);
    // The same with any bytes as the payload (an array, not JSON at all).
    static QByteArray sign(const QJsonObject &header, const QByteArray &payload, const Key &key);
    // HS256 with secret as the HMAC key, whatever the header says.
    static QByteArray signHs256(const QJsonObject &header, const QJsonObject &payload,
                                const QByteArray &secret);

    // Tampering with a compact token: part 0 is the header, 1 the payload, 2 the signature.
    static QByteArray withPart(const QByteArray &compact, int index, const QByteArray &encoded);
    static QByteArray withPayload(const QByteArray &compact, const QJsonObject &payload);
    static QJsonObject part(const QByteArray &compact, int index); // decoded JSON of part 0 or 1

    static QByteArray base64url(const QByteArray &bytes); // without padding
    static QByteArray json(const QJsonObject &object); // compact serialisation
};

} // namespace Lanyard::Tests
