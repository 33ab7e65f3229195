// The demo EPR's sign-in: the token Lanyard exchanged for it (a JWT for audience demo-epr),
// checked against the identity service's published keys as a real application would.
#pragma once

#include <lanyard/result.h>

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace DemoEpr {

struct TokenCheckSettings
{
    QUrl issuer;
    QString caBundle;
    QString audience = QStringLiteral("demo-epr");
};

// Fetches {issuer}/jwks (verified TLS) and validates the token; done(claims) or done(error).
void checkToken(QNetworkAccessManager &network, const TokenCheckSettings &settings,
                const QByteArray &token, QObject *receiver,
                std::function<void(Lanyard::Result<QJsonObject>)> done);

} // namespace DemoEpr
