#include <lanyard/sso/jws.h>

#include "base64url.h"
#include "jwk.h"
#include "tokenerror.h"

#include <QJsonDocument>

#include <openssl/rsa.h>

#include <algorithm>
#include <array>

namespace Lanyard::Sso {

using namespace Internal;

namespace {

enum class Scheme { RsaPkcs1, RsaPss, Ecdsa };

struct JwsAlgorithm
{
    QLatin1StringView name;
    KeyType keyType;
    Scheme scheme;
};

// RFC 7518 §3.1: the only algorithms Lanyard verifies. Everything else, "none" and HS256 first
// among them, is refused whatever a caller allows.
constexpr std::array supportedAlgorithms {
    JwsAlgorithm { QLatin1StringView("RS256"), KeyType::Rsa, Scheme::RsaPkcs1 },
    JwsAlgorithm { QLatin1StringView("PS256"), KeyType::Rsa, Scheme::RsaPss },
    JwsAlgorithm { QLatin1StringView("ES256"), KeyType::EcP256, Scheme::Ecdsa },
};

constexpr qsizetype es256SignatureSize = 64; // RFC 7518 §3.4: R || S, 32 bytes each
constexpr int pssSaltLength = 32; // RFC 7518 §3.5: the size of the SHA-256 output

std::optional<QJsonObject> jsonObject(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}

Result<const JwsAlgorithm *> acceptedAlgorithm(const QJsonValue &alg, const QStringList &allowed)
{
    const QString name = alg.toString();
    const auto found = std::find_if(supportedAlgorithms.begin(), supportedAlgorithms.end(),
                                    [&name](const JwsAlgorithm &a) { return a.name == name; });
    if (found == supportedAlgorithms.end() || !allowed.contains(name))
        return tokenError(TokenProblem::Algorithm, QStringLiteral("alg"));
    return &*found;
}

// RFC 7515 §4.1.4: the "kid" header names the key. Without one, a set holding a single key of
// the right type leaves nothing to choose; more than one is ambiguous.
Result<const JsonWebKey *> selectKey(const QJsonObject &header, const Jwks &set,
                                     const JwsAlgorithm &algorithm)
{
    const std::vector<JsonWebKey> &keys = JwksAccess::keys(set);
    const QJsonValue kid = header.value(QLatin1StringView("kid"));
    const JsonWebKey *chosen = nullptr;
    if (kid.isUndefined()) {
        const auto fits
            = [&algorithm](const JsonWebKey &key) { return key.type == algorithm.keyType; };
        const auto candidates = std::count_if(keys.begin(), keys.end(), fits);
        if (candidates == 0)
            return tokenError(TokenProblem::UnknownKey, QStringLiteral("kid"));
        if (candidates > 1)
            return tokenError(TokenProblem::Malformed, QStringLiteral("kid"));
        chosen = &*std::find_if(keys.begin(), keys.end(), fits);
    } else {
        if (!kid.isString())
            return tokenError(TokenProblem::Malformed, QStringLiteral("kid"));
        // RFC 7517 §4.5 lets keys of different types share a kid: prefer the one that fits.
        for (const JsonWebKey &key : keys) {
            if (key.kid == kid.toString() && (!chosen || key.type == algorithm.keyType))
                chosen = &key;
        }
        if (!chosen)
            return tokenError(TokenProblem::UnknownKey, QStringLiteral("kid"));
    }
    if (chosen->type != algorithm.keyType)
        return tokenError(TokenProblem::Algorithm, QStringLiteral("kty"));
    // RFC 7517 §4.4: a key that names its algorithm is used with that algorithm only.
    if (!chosen->alg.isEmpty() && chosen->alg != algorithm.name)
        return tokenError(TokenProblem::Algorithm, QStringLiteral("alg"));
    return chosen;
}

// OpenSSL wants an ECDSA signature as a DER SEQUENCE of two INTEGERs.
std::optional<QByteArray> ecdsaDer(const QByteArray &rs)
{
    if (rs.size() != es256SignatureSize)
        return std::nullopt;
    const auto bytes = reinterpret_cast<const unsigned char *>(rs.constData());
    const int half = int(es256SignatureSize / 2);
    BignumPtr r(BN_bin2bn(bytes, half, nullptr));
    BignumPtr s(BN_bin2bn(bytes + half, half, nullptr));
    const EcdsaSigPtr signature(ECDSA_SIG_new());
    if (!r || !s || !signature || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1)
        return std::nullopt;
    r.release(); // owned by signature now
    s.release();
    unsigned char *der = nullptr;
    const int length = i2d_ECDSA_SIG(signature.get(), &der);
    if (length <= 0)
        return std::nullopt;
    QByteArray result(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return result;
}

bool signatureVerifies(const JsonWebKey &key, const JwsAlgorithm &algorithm,
                       const QByteArray &signingInput, QByteArray signature)
{
    // Parsing refuses short RSA keys already; a key that slipped through still verifies nothing.
    if (key.type == KeyType::Rsa && EVP_PKEY_get_bits(key.key.get()) < minimumRsaBits)
        return false;
    if (algorithm.scheme == Scheme::Ecdsa) {
        const auto der = ecdsaDer(signature);
        if (!der)
            return false;
        signature = *der;
    }
    const EvpMdCtxPtr md(EVP_MD_CTX_new());
    EVP_PKEY_CTX *context = nullptr;
    if (!md
        || EVP_DigestVerifyInit(md.get(), &context, EVP_sha256(), nullptr, key.key.get()) != 1) {
        return false;
    }
    bool ready = true;
    if (algorithm.scheme == Scheme::RsaPkcs1) {
        ready = EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1;
    } else if (algorithm.scheme == Scheme::RsaPss) {
        // RFC 7518 §3.5: MGF1 with SHA-256, a salt as long as the hash.
        ready = EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1
            && EVP_PKEY_CTX_set_rsa_mgf1_md(context, EVP_sha256()) == 1
            && EVP_PKEY_CTX_set_rsa_pss_saltlen(context, pssSaltLength) == 1;
    }
    return ready
        && EVP_DigestVerify(md.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(signingInput.constData()),
                            size_t(signingInput.size()))
        == 1;
}

} // namespace

Result<VerifiedJws> verifyJws(const QByteArray &compact, const Jwks &keys,
                              const QStringList &allowedAlgorithms)
{
    if (compact.size() > maximumJwsSize)
        return tokenError(TokenProblem::Malformed, tr("larger than 16 KiB"));
    // RFC 7515 §7.1: BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(signature).
    const QList<QByteArray> parts = compact.split('.');
    if (parts.size() != 3)
        return tokenError(TokenProblem::Malformed, tr("not three parts"));
    std::array<QByteArray, 3> decoded;
    for (size_t i = 0; i < decoded.size(); ++i) {
        auto part = decodeBase64Url(parts.at(qsizetype(i)));
        if (!part)
            return tokenError(TokenProblem::Malformed, tr("not base64url"));
        decoded[i] = std::move(*part);
    }
    const auto header = jsonObject(decoded[0]);
    if (!header)
        return tokenError(TokenProblem::Malformed, tr("the header is not a JSON object"));
    // RFC 7515 §4.1.11: extensions marked critical must be understood; Lanyard knows none.
    if (header->contains(QLatin1StringView("crit")))
        return tokenError(TokenProblem::Malformed, QStringLiteral("crit"));

    const auto algorithm
        = acceptedAlgorithm(header->value(QLatin1StringView("alg")), allowedAlgorithms);
    if (!algorithm)
        return algorithm.error();
    const auto key = selectKey(*header, keys, **algorithm);
    if (!key)
        return key.error();
    // RFC 7515 §5.2: the signing input is the encoded header and payload as sent.
    const QByteArray signingInput = compact.left(parts.at(0).size() + 1 + parts.at(1).size());
    if (!signatureVerifies(**key, **algorithm, signingInput, decoded[2])) {
        qCDebug(lcJose) << "signature check failed:" << takeOpenSslErrors();
        return tokenError(TokenProblem::Signature);
    }
    // Only a payload the service signed is parsed.
    const auto payload = jsonObject(decoded[1]);
    if (!payload)
        return tokenError(TokenProblem::Malformed, tr("the payload is not a JSON object"));
    return VerifiedJws { *header, *payload };
}

} // namespace Lanyard::Sso
