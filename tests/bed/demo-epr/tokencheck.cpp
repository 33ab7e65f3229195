#include "tokencheck.h"

#include <lanyard/sso/jwks.h>
#include <lanyard/sso/jwtvalidator.h>
#include <lanyard/sso/ssoerror.h>

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace DemoEpr {

void checkToken(QNetworkAccessManager &network, const TokenCheckSettings &settings,
                const QByteArray &token, QObject *receiver,
                std::function<void(Lanyard::Result<QJsonObject>)> done)
{
    QNetworkRequest request(QUrl(settings.issuer.toString() + QStringLiteral("/jwks")));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(settings.caBundle));
    request.setSslConfiguration(tls);
    request.setTransferTimeout(10000);
    QNetworkReply *reply = network.get(request);
    QObject::connect(reply, &QNetworkReply::finished, receiver, [=] {
        reply->deleteLater();
        using Lanyard::Sso::SsoError;
        if (reply->error() != QNetworkReply::NoError) {
            done(Lanyard::Error::make(SsoError::Network,
                                      QStringLiteral("cannot fetch the identity service's keys: %1")
                                          .arg(reply->errorString())));
            return;
        }
        auto keys = Lanyard::Sso::Jwks::parse(reply->readAll());
        if (!keys) {
            done(keys.error());
            return;
        }
        Lanyard::Sso::JwtRules rules;
        rules.issuer = settings.issuer.toString();
        rules.audience = settings.audience;
        rules.now = QDateTime::currentDateTimeUtc();
        done(Lanyard::Sso::validateJwt(token, *keys, rules));
    });
}

} // namespace DemoEpr
