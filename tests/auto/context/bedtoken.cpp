#include "bedtoken.h"

#include "bedcontrol.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>
#include <QtDebug>

namespace Lanyard::Tests::FhirBed {

namespace {

QUrl admin(const QString &path)
{
    QUrl url(base());
    url.setPath(path);
    return url;
}

// One admin exchange, waited for in a local event loop (tests only).
QByteArray exchange(const QByteArray &verb, const QString &path, const QByteArray &body,
                    int *status)
{
    static auto *manager = new QNetworkAccessManager(QCoreApplication::instance());
    QNetworkRequest request(admin(path));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(caBundle()));
    request.setSslConfiguration(tls);
    request.setRawHeader("Authorization", "Bearer " + qgetenv("BED_FHIR_ADMIN_TOKEN"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = manager->sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    if (*status != 200)
        qWarning() << verb << path << "->" << *status << reply->errorString() << answer;
    reply->deleteLater();
    // Closed now, not by Qt's thread-storage clean-up at exit, where closing a TLS socket warns
    // (QObject::connect with a null receiver, Qt 6.4).
    manager->clearConnectionCache();
    return answer;
}

} // namespace

QString base()
{
    return qEnvironmentVariable("BED_FHIR_BASE");
}

QString caBundle()
{
    return qEnvironmentVariable("BED_CA_BUNDLE");
}

bool isUp()
{
    return !base().isEmpty() && !qEnvironmentVariableIsEmpty("BED_FHIR_ADMIN_TOKEN")
        && !qEnvironmentVariableIsEmpty("BED_IDP_ISSUER");
}

QByteArray accessToken(const QString &clinician)
{
    return BedControl::accessToken(clinician);
}

bool setFault(const QString &mode, int count, int delayMs)
{
    QJsonObject spec { { QStringLiteral("mode"), mode } };
    if (count > 0)
        spec.insert(QStringLiteral("count"), count);
    if (delayMs >= 0)
        spec.insert(QStringLiteral("delayMs"), delayMs);
    int status = 0;
    exchange("POST", QStringLiteral("/__bed/faults"), QJsonDocument(spec).toJson(), &status);
    return status == 200;
}

QJsonArray requests()
{
    int status = 0;
    return QJsonDocument::fromJson(exchange("GET", QStringLiteral("/__bed/requests"), {}, &status))
        .array();
}

bool clearRequests()
{
    int status = 0;
    exchange("DELETE", QStringLiteral("/__bed/requests"), {}, &status);
    return status == 200;
}

QDateTime timeOf(const QJsonObject &loggedRequest)
{
    return QDateTime::fromString(loggedRequest.value(QLatin1String("time")).toString(),
                                 Qt::ISODateWithMs);
}

} // namespace Lanyard::Tests::FhirBed
