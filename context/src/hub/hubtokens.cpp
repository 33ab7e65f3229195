#include "hub/hubtokens.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

#include <openssl/crypto.h>

namespace Lanyard::Context::Internal {

namespace {

QByteArray digestOf(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

} // namespace

QByteArray randomToken()
{
    std::array<quint32, 8> random {};
    QRandomGenerator::system()->fillRange(random.data(), random.size());
    const QByteArray raw = QByteArray::fromRawData(reinterpret_cast<const char *>(random.data()),
                                                   qsizetype(sizeof random));
    QByteArray token = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    OPENSSL_cleanse(random.data(), sizeof random);
    return token;
}

QByteArray HubTokens::issue(const QString &applicationId)
{
    QByteArray token = randomToken();
    m_issued.push_back({ digestOf(token), applicationId });
    return token;
}

std::optional<QString> HubTokens::applicationFor(const QByteArray &token) const
{
    if (token.isEmpty())
        return std::nullopt;
    const QByteArray digest = digestOf(token);
    const Issued *match = nullptr;
    // Every digest is compared, whichever matches: no early exit.
    for (const Issued &issued : m_issued) {
        const bool equal
            = CRYPTO_memcmp(issued.digest.constData(), digest.constData(), size_t(digest.size()))
            == 0;
        if (equal)
            match = &issued;
    }
    if (!match)
        return std::nullopt;
    return match->applicationId;
}

void HubTokens::revokeAll()
{
    m_issued.clear();
}

QByteArray bearerToken(const QByteArray &authorization)
{
    static const QByteArray scheme = QByteArrayLiteral("bearer ");
    const QByteArray value = authorization.trimmed();
    if (value.size() <= scheme.size() || value.left(scheme.size()).toLower() != scheme)
        return {};
    return value.mid(scheme.size()).trimmed();
}

} // namespace Lanyard::Context::Internal
