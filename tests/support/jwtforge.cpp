#include "jwtforge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QList>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace Lanyard::Tests {

namespace {

template<typename T> using Owned = std::unique_ptr<T, void (*)(T *)>;

void freeBio(BIO *bio)
{
    BIO_free_all(bio);
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

QByteArray bignumParameter(const EVP_PKEY *key, const char *name, int padTo = 0)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    const Owned<BIGNUM> number(raw, BN_free);
    QByteArray bytes(padTo ? padTo : BN_num_bytes(raw), Qt::Uninitialized);
    BN_bn2binpad(raw, reinterpret_cast<unsigned char *>(bytes.data()), int(bytes.size()));
    return bytes;
}

// ECDSA signatures come from OpenSSL as DER; JWS wants R || S (RFC 7518 §3.4).
QByteArray rawEcdsa(const QByteArray &der)
{
    auto bytes = reinterpret_cast<const unsigned char *>(der.constData());
    const Owned<ECDSA_SIG> signature(d2i_ECDSA_SIG(nullptr, &bytes, long(der.size())),
                                     ECDSA_SIG_free);
    if (!signature)
        return {};
    QByteArray rs(64, Qt::Uninitialized);
    auto out = reinterpret_cast<unsigned char *>(rs.data());
    BN_bn2binpad(ECDSA_SIG_get0_r(signature.get()), out, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(signature.get()), out + 32, 32);
    return rs;
}

QByteArray signingInput(const QJsonObject &header, const QByteArray &payload)
{
    return JwtForge::base64url(JwtForge::json(header)) + '.' + JwtForge::base64url(payload);
}

} // namespace

struct JwtForge::Key::Private
{
    Owned<EVP_PKEY> key { nullptr, EVP_PKEY_free };
};

JwtForge::Key JwtForge::Key::rsa(int bits)
{
    auto p = std::make_shared<Private>();
    p->key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits)));
    Key key;
    if (p->key)
        key.d = std::move(p);
    return key;
}

JwtForge::Key JwtForge::Key::ecP256()
{
    auto p = std::make_shared<Private>();
    p->key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    Key key;
    if (p->key)
        key.d = std::move(p);
    return key;
}

bool JwtForge::Key::isRsa() const
{
    return d && EVP_PKEY_is_a(d->key.get(), "RSA");
}

QByteArray JwtForge::Key::publicKeyPem() const
{
    const Owned<BIO> bio(BIO_new(BIO_s_mem()), freeBio);
    if (!d || !bio || PEM_write_bio_PUBKEY(bio.get(), d->key.get()) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray JwtForge::Key::publicKeyDer() const
{
    unsigned char *der = nullptr;
    const int size = d ? i2d_PUBKEY(d->key.get(), &der) : 0;
    if (size <= 0)
        return {};
    QByteArray bytes(reinterpret_cast<const char *>(der), size);
    OPENSSL_free(der);
    return bytes;
}

QByteArray JwtForge::Key::privateKeyPem() const
{
    const Owned<BIO> bio(BIO_new(BIO_s_mem()), freeBio);
    if (!d || !bio
        || PEM_write_bio_PrivateKey(bio.get(), d->key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1) {
        return {};
    }
    return bioContents(bio.get());
}

QJsonObject JwtForge::Key::publicJwk(const QString &kid, const QString &alg) const
{
    if (!d)
        return {};
    QJsonObject jwk { { QStringLiteral("kid"), kid },
                      { QStringLiteral("use"), QStringLiteral("sig") } };
    if (!alg.isEmpty())
        jwk.insert(QStringLiteral("alg"), alg);
    const EVP_PKEY *key = d->key.get();
    const auto encoded
        = [](const QByteArray &bytes) { return QString::fromLatin1(base64url(bytes)); };
    if (isRsa()) {
        jwk.insert(QStringLiteral("kty"), QStringLiteral("RSA"));
        jwk.insert(QStringLiteral("n"), encoded(bignumParameter(key, OSSL_PKEY_PARAM_RSA_N)));
        jwk.insert(QStringLiteral("e"), encoded(bignumParameter(key, OSSL_PKEY_PARAM_RSA_E)));
    } else {
        jwk.insert(QStringLiteral("kty"), QStringLiteral("EC"));
        jwk.insert(QStringLiteral("crv"), QStringLiteral("P-256"));
        jwk.insert(QStringLiteral("x"),
                   encoded(bignumParameter(key, OSSL_PKEY_PARAM_EC_PUB_X, 32)));
        jwk.insert(QStringLiteral("y"),
                   encoded(bignumParameter(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32)));
    }
    return jwk;
}

QByteArray JwtForge::jwks(const QList<QJsonObject> &keys)
{
    QJsonArray array;
    for (const QJsonObject &key : keys)
        array.append(key);
    return json(QJsonObject { { QStringLiteral("keys"), array } });
}

QByteArray JwtForge::sign(const QJsonObject &header, const QJsonObject &payload, const Key &key)
{
    return sign(header, json(payload), key);
}

QByteArray JwtForge::sign(const QJsonObject &header, const QByteArray &payload, const Key &key)
{
    const QString alg = header.value(QStringLiteral("alg")).toString();
    const QByteArray input = signingInput(header, payload);
    if (alg == u"none")
        return input + '.';
    const bool rsa = alg == u"RS256" || alg == u"PS256";
    if (key.isNull() || (alg != u"ES256" && !rsa) || rsa != key.isRsa())
        return {};

    const Owned<EVP_MD_CTX> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_PKEY_CTX *context = nullptr;
    if (!md || EVP_DigestSignInit(md.get(), &context, EVP_sha256(), nullptr, key.d->key.get()) != 1)
        return {};
    if (alg == u"PS256"
        && (EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_mgf1_md(context, EVP_sha256()) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(context, 32) != 1)) {
        return {};
    }
    const auto data = reinterpret_cast<const unsigned char *>(input.constData());
    size_t size = 0;
    if (EVP_DigestSign(md.get(), nullptr, &size, data, size_t(input.size())) != 1)
        return {};
    QByteArray signature(qsizetype(size), Qt::Uninitialized);
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char *>(signature.data()), &size, data,
                       size_t(input.size()))
        != 1) {
        return {};
    }
    signature.truncate(qsizetype(size));
    if (alg == u"ES256")
        signature = rawEcdsa(signature);
    return input + '.' + base64url(signature);
}

QByteArray JwtForge::signHs256(const QJsonObject &header, const QJsonObject &payload,
                               const QByteArray &secret)
{
    const QByteArray input = signingInput(header, json(payload));
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), secret.constData(), int(secret.size()),
              reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()), mac,
              &size)) {
        return {};
    }
    return input + '.' + base64url(QByteArray(reinterpret_cast<const char *>(mac), int(size)));
}

QByteArray JwtForge::withPart(const QByteArray &compact, int index, const QByteArray &encoded)
{
    QList<QByteArray> parts = compact.split('.');
    if (index < 0 || index >= parts.size())
        return compact;
    parts[index] = encoded;
    return parts.join('.');
}

QByteArray JwtForge::withPayload(const QByteArray &compact, const QJsonObject &payload)
{
    return withPart(compact, 1, base64url(json(payload)));
}

QJsonObject JwtForge::part(const QByteArray &compact, int index)
{
    const QByteArray encoded = compact.split('.').value(index);
    return QJsonDocument::fromJson(QByteArray::fromBase64(encoded,
                                                          QByteArray::Base64UrlEncoding
                                                              | QByteArray::OmitTrailingEquals))
        .object();
}

QByteArray JwtForge::base64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray JwtForge::json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace Lanyard::Tests
