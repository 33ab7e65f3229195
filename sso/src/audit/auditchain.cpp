#include "auditchain.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>

namespace Lanyard::Sso::Internal {

namespace {

bool isLowercaseHex(const QByteArray &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
}

QString missing(const char *field)
{
    return QStringLiteral("has no valid \"%1\" field — it was altered, or it is not a Lanyard "
                          "audit line")
        .arg(QLatin1String(field));
}

} // namespace

QByteArray genesisHash()
{
    return QByteArray(64, '0');
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.constData(), size_t(bytes.size()), digest, &length, EVP_sha256(), nullptr)
        != 1)
        return {}; // matches no line's prev, so a failure cannot pass for a good chain
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

std::variant<AuditLink, QString> parseAuditLine(const QByteArray &line)
{
    if (line.size() > maxAuditLineBytes)
        return QStringLiteral("is longer than %1 bytes — it is not an audit line")
            .arg(maxAuditLineBytes);
    const QJsonDocument document = QJsonDocument::fromJson(line);
    if (!document.isObject())
        return QStringLiteral("is not a JSON object — it was altered, or it is a fragment left "
                              "when writing stopped mid-line (a crash or power loss)");
    const QJsonObject object = document.object();

    const QJsonValue seq = object.value(QLatin1String("seq"));
    const double seqValue = seq.toDouble(-1);
    // Integral and exact in a double: anything else was not written by Lanyard.
    if (!seq.isDouble() || seqValue < 1 || seqValue > 9007199254740992.0
        || std::floor(seqValue) != seqValue)
        return missing("seq");
    const QByteArray prev = object.value(QLatin1String("prev")).toString().toLatin1();
    if (prev.size() != 64 || !isLowercaseHex(prev))
        return missing("prev");
    if (object.value(QLatin1String("event")).toString().isEmpty())
        return missing("event");
    if (object.value(QLatin1String("time")).toString().isEmpty())
        return missing("time");
    return AuditLink{qint64(seqValue), prev};
}

QString checkAuditLink(const AuditLink &link, const ChainHead &head, qint64 lineNumber)
{
    const QString where = QStringLiteral("line %1: ").arg(lineNumber);
    if (head.seq == 0) {
        if (link.seq != 1)
            return where
                + QStringLiteral("seq is %1, but the first line's must be 1 — lines were removed "
                                 "from the start of the log")
                      .arg(link.seq);
        if (link.prev != genesisHash())
            return where
                + QStringLiteral("prev is not 64 zeros as the first line's must be — lines were "
                                 "removed from the start of the log, or this line was altered");
        return {};
    }
    if (link.seq > head.seq + 1)
        return where
            + QStringLiteral("seq is %1 after %2 on line %3 — lines are missing or out of order "
                             "before line %4")
                  .arg(link.seq)
                  .arg(head.seq)
                  .arg(lineNumber - 1)
                  .arg(lineNumber);
    if (link.seq != head.seq + 1)
        return where
            + QStringLiteral("seq is %1 after %2 on line %3 — lines are repeated or out of order")
                  .arg(link.seq)
                  .arg(head.seq)
                  .arg(lineNumber - 1);
    if (link.prev != head.hash)
        return where
            + QStringLiteral("prev does not match line %1 — line %1 was altered, or lines are "
                             "missing before line %2")
                  .arg(lineNumber - 1)
                  .arg(lineNumber);
    return {};
}

} // namespace Lanyard::Sso::Internal
