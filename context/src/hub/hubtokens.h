// The Bearer tokens the hub hands to applications for one session (FHIRcast 3.0.0 §2.4: every
// subscription and publish request carries one). Only SHA-256 digests are kept; a presented
// token is compared with every digest in constant time, so timing tells nothing about which
// token, or how much of one, matched.
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace Lanyard::Context::Internal {

class HubTokens
{
public:
    // 32 random bytes, base64url without padding.
    QByteArray issue(const QString &applicationId);
    // The application the token was issued to, if it is current.
    std::optional<QString> applicationFor(const QByteArray &token) const;
    void revokeAll();

private:
    struct Issued
    {
        QByteArray digest;
        QString applicationId;
    };
    std::vector<Issued> m_issued;
};

// 32 bytes from the system's random source, base64url without padding: tokens, endpoint ids.
QByteArray randomToken();

// The token of an `Authorization: Bearer <token>` header value; empty if it is not one.
QByteArray bearerToken(const QByteArray &authorization);

} // namespace Lanyard::Context::Internal
