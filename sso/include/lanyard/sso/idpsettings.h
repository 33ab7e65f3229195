// How to reach and trust the identity service. Read from configuration (see docs/sso.md).
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace Lanyard::Sso {

struct IdpSettings
{
    QUrl issuer;                 // discovery is at issuer + /.well-known/openid-configuration
    QString clientId = QStringLiteral("lanyard");
    // CIS2's scopes (DOMAIN.md); the defaults ask for everything a session needs.
    QStringList scopes = {QStringLiteral("openid"), QStringLiteral("profile"),
                          QStringLiteral("email"), QStringLiteral("nhsperson"),
                          QStringLiteral("associatedorgs"), QStringLiteral("nationalrbacaccess"),
                          QStringLiteral("professionalmemberships"),
                          QStringLiteral("organisationalmemberships"),
                          QStringLiteral("selectedrole")};
    QString caBundle;            // PEM: the only certificate authorities trusted for the IdP
    QString minimumAcr = QStringLiteral("AAL3_ANY"); // smartcard + passcode is AAL3
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds requestTimeout{15000};
    std::chrono::seconds discoveryLifetime{3600};    // DOMAIN.md: cache at most an hour
    std::chrono::seconds refreshMargin{60};          // refresh this long before expiry
    std::chrono::seconds clockLeeway{60};
};

} // namespace Lanyard::Sso
