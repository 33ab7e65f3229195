#include "jwk.h"

#include "base64url.h"
#include "tokenerror.h"

#include <QJsonArray>

#include <openssl/core_names.h>

namespace Lanyard::Sso::Internal {

namespace {

// Bounds the work a hostile key set can make each verification do.
constexpr int maximumRsaBits = 16384;
constexpr qsizetype p256CoordinateSize = 32;

// A member that must be a string when present; std::nullopt when it is something else.
std::optional<QString> optionalString(const QJsonObject &jwk, QLatin1StringView name)
{
    const QJsonValue value = jwk.value(name);
    if (value.isUndefined())
        return QString();
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

std::optional<QByteArray> bytesMember(const QJsonObject &jwk, QLatin1StringView name)
{
    const QJsonValue value = jwk.value(name);
    if (!value.isString())
        return std::nullopt;
    return decodeBase64Url(value.toString().toLatin1());
}

// RFC 7517 §4.2 and §4.3: a key meant only for encryption, or for operations other than
// verifying, is not ours to verify with.
bool meantForSignatures(const QJsonObject &jwk)
{
    const QJsonValue use = jwk.value(QLatin1StringView("use"));
    if (!use.isUndefined() && use != QJsonValue(QStringLiteral("sig")))
        return false;
    const QJsonValue operations = jwk.value(QLatin1StringView("key_ops"));
    return operations.isUndefined()
        || operations.toArray().contains(QJsonValue(QStringLiteral("verify")));
}

// OpenSSL's own checks of a public key: an odd RSA modulus without small factors and a usable
// exponent; an EC point on the curve (the invalid-curve attack's way in).
bool passesPublicCheck(EVP_PKEY *key)
{
    const EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    return context && EVP_PKEY_public_check(context.get()) == 1;
}

EvpPkeyPtr keyFromParameters(const char *type, OSSL_PARAM_BLD *builder)
{
    const OsslParamPtr parameters(OSSL_PARAM_BLD_to_param(builder));
    const EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *key = nullptr;
    if (!parameters || !context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, parameters.get()) != 1) {
        return nullptr;
    }
    EvpPkeyPtr result(key);
    return passesPublicCheck(key) ? std::move(result) : nullptr;
}

Error badKey(qsizetype index, const QString &problem)
{
    qCDebug(lcJose) << "key" << index << "refused:" << takeOpenSslErrors();
    return keySetError(tr("key %1: %2").arg(index).arg(problem));
}

// RFC 7518 §6.3.1: "n" and "e" are unsigned big-endian integers.
Result<EvpPkeyPtr> rsaKey(const QJsonObject &jwk, qsizetype index)
{
    const auto n = bytesMember(jwk, QLatin1StringView("n"));
    const auto e = bytesMember(jwk, QLatin1StringView("e"));
    if (!n || !e)
        return badKey(index, tr("\"n\" or \"e\" is missing or not base64url"));
    const BignumPtr modulus(BN_bin2bn(reinterpret_cast<const unsigned char *>(n->constData()),
                                      int(n->size()), nullptr));
    const BignumPtr exponent(BN_bin2bn(reinterpret_cast<const unsigned char *>(e->constData()),
                                       int(e->size()), nullptr));
    if (!modulus || !exponent)
        return badKey(index, tr("\"n\" or \"e\" cannot be read"));
    const int bits = BN_num_bits(modulus.get());
    if (bits < minimumRsaBits || bits > maximumRsaBits) {
        return badKey(index,
                      tr("an RSA key of %1 bits, where Lanyard accepts %2 to %3")
                          .arg(bits)
                          .arg(minimumRsaBits)
                          .arg(maximumRsaBits));
    }
    const OsslParamBldPtr builder(OSSL_PARAM_BLD_new());
    EvpPkeyPtr key;
    if (builder && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) == 1
        && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) == 1) {
        key = keyFromParameters("RSA", builder.get());
    }
    if (!key)
        return badKey(index, tr("not a valid RSA public key"));
    return key;
}

// RFC 7518 §6.2.1: "x" and "y" are the full-size coordinates of a point on the curve.
Result<EvpPkeyPtr> p256Key(const QJsonObject &jwk, qsizetype index)
{
    const auto x = bytesMember(jwk, QLatin1StringView("x"));
    const auto y = bytesMember(jwk, QLatin1StringView("y"));
    if (!x || !y || x->size() != p256CoordinateSize || y->size() != p256CoordinateSize)
        return badKey(index, tr("\"x\" or \"y\" is missing, not base64url or not 32 bytes"));
    QByteArray point(1, '\x04'); // SEC 1 §2.3.3: an uncompressed point
    point += *x + *y;
    const OsslParamBldPtr builder(OSSL_PARAM_BLD_new());
    EvpPkeyPtr key;
    if (builder
        && OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                           SN_X9_62_prime256v1, 0)
            == 1
        && OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                            point.constData(), size_t(point.size()))
            == 1) {
        key = keyFromParameters("EC", builder.get());
    }
    if (!key)
        return badKey(index, tr("not a point on the P-256 curve"));
    return key;
}

} // namespace

Result<std::optional<JsonWebKey>> readJsonWebKey(const QJsonObject &jwk, qsizetype index)
{
    const QString kty = jwk.value(QLatin1StringView("kty")).toString();
    const auto kid = optionalString(jwk, QLatin1StringView("kid"));
    const auto alg = optionalString(jwk, QLatin1StringView("alg"));
    if (!kid || !alg)
        return badKey(index, tr("\"kid\" or \"alg\" is not a string"));
    if (!meantForSignatures(jwk))
        return std::optional<JsonWebKey>();

    KeyType type = KeyType::Rsa;
    if (kty == u"EC"
        && jwk.value(QLatin1StringView("crv")) == QJsonValue(QStringLiteral("P-256"))) {
        type = KeyType::EcP256;
    } else if (kty != u"RSA") {
        qCDebug(lcJose) << "key" << index << "skipped: not an RSA or P-256 key";
        return std::optional<JsonWebKey>();
    }
    Result<EvpPkeyPtr> material = type == KeyType::Rsa ? rsaKey(jwk, index) : p256Key(jwk, index);
    if (!material)
        return material.error();
    return std::optional<JsonWebKey>(JsonWebKey { *kid, *alg, type, std::move(material).value() });
}

} // namespace Lanyard::Sso::Internal
