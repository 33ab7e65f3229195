#include "ssobed.h"

#include "bedcontrol.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>

namespace Lanyard::Tests {

namespace {

QByteArray curl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("curl"),
                  QStringList{QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("20"),
                              QStringLiteral("--cacert"), BedControl::value("BED_CA_BUNDLE")}
                      + arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning() << "curl failed:" << process.readAllStandardError();
        return {};
    }
    return process.readAllStandardOutput();
}

QString issuer()
{
    return BedControl::value("BED_IDP_ISSUER");
}

} // namespace

bool SsoBed::begin(const QString &logFileName)
{
    if (!BedControl::isUp())
        return false;
    SecretWatch::install(logFileName);
    BedControl::removeCard(0);
    BedControl::removeCard(1);
    return true;
}

void SsoBed::reset()
{
    BedControl::removeCard(0);
    idpAdmin(QStringLiteral("delay?ms=0"));
    idpAdmin(QStringLiteral("fault?mode=none"));
}

Sso::SessionConfig SsoBed::config(bool checkCertificateLocally)
{
    Sso::SessionConfig config;
    config.idp.issuer = QUrl(issuer());
    config.idp.caBundle = BedControl::value("BED_CA_BUNDLE");
    config.idp.requestTimeout = std::chrono::seconds(10);
    config.pkcs11Module = BedControl::value("BED_CARD_MODULE");
    if (checkCertificateLocally) {
        const QDir pki(BedControl::value("BED_PKI"));
        Smartcard::CertificateValidator::Config check;
        check.trustAnchorFiles = {pki.filePath(QStringLiteral("root-ca.crt"))};
        check.intermediateFiles = {pki.filePath(QStringLiteral("issuing-ca.crt"))};
        check.crlFiles = {pki.filePath(QStringLiteral("crl.pem"))};
        config.certificateCheck = check;
    }
    return config;
}

bool SsoBed::idpAdmin(const QString &pathAndQuery)
{
    const QByteArray answer = curl({QStringLiteral("-f"), QStringLiteral("-X"), QStringLiteral("POST"),
                                    QStringLiteral("-H"),
                                    QStringLiteral("Authorization: Bearer ")
                                        + BedControl::value("BED_IDP_ADMIN_TOKEN"),
                                    issuer() + QStringLiteral("/__bed/") + pathAndQuery});
    return !answer.isEmpty();
}

QJsonObject SsoBed::introspect(const Sso::Secret &token)
{
    QFile file(BedControl::value("LANYARD_BED_DIR") + QStringLiteral("/idp/resource-server.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject server = QJsonDocument::fromJson(file.readAll()).object();
    const QByteArray answer = curl(
        {QStringLiteral("-u"),
         server.value(QLatin1String("client_id")).toString() + QLatin1Char(':')
             + server.value(QLatin1String("client_secret")).toString(),
         QStringLiteral("--data-urlencode"), QStringLiteral("token=") + QString::fromLatin1(token.bytes()),
         issuer() + QStringLiteral("/token/introspection")});
    return QJsonDocument::fromJson(answer).object();
}

QByteArray SsoBed::jwks()
{
    return curl({issuer() + QStringLiteral("/jwks")});
}

QJsonObject SsoBed::unverifiedPayload(const QByteArray &jwt)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding))
        .object();
}

namespace {
QMutex watchMutex;
QFile *watchLog = nullptr;
QList<QByteArray> watched;
QList<bool> watchedInLanyardLogsOnly;
QtMessageHandler previousHandler = nullptr;

void tee(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&watchMutex);
        if (watchLog) {
            watchLog->write(QByteArray(context.category ? context.category : "default") + ": "
                            + message.toUtf8() + '\n');
            watchLog->flush();
        }
    }
    if (previousHandler)
        previousHandler(type, context, message);
}
} // namespace

void SecretWatch::install(const QString &logFileName)
{
    QLoggingCategory::setFilterRules(QStringLiteral("lanyard.*.debug=true"));
    watchLog = new QFile(BedControl::artefactPath(logFileName));
    watchLog->open(QIODevice::WriteOnly | QIODevice::Truncate);
    previousHandler = qInstallMessageHandler(tee);
}

void SecretWatch::remember(const QByteArray &secret, bool lanyardLogsOnly)
{
    QMutexLocker lock(&watchMutex);
    if (secret.size() >= 6 && !watched.contains(secret)) {
        watched.append(secret);
        watchedInLanyardLogsOnly.append(lanyardLogsOnly);
    }
}

QStringList SecretWatch::leaks(const QString &extraDir)
{
    const QString bedLogs = BedControl::value("LANYARD_BED_DIR") + QStringLiteral("/logs");
    QStringList roots{bedLogs, QFileInfo(BedControl::artefactPath(QStringLiteral("x"))).absolutePath()};
    if (!extraDir.isEmpty())
        roots.append(extraDir);
    QStringList found;
    QMutexLocker lock(&watchMutex);
    for (const QString &root : roots) {
        const bool lanyards = root != bedLogs;
        QDirIterator files(root, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            // Screenshots are pixels: "999999" turns up in them as six bytes of grey 57.
            if (file.fileName().endsWith(QLatin1String(".png")))
                continue;
            if (file.size() > 64 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = file.readAll();
            for (qsizetype i = 0; i < watched.size(); ++i) {
                if ((lanyards || !watchedInLanyardLogsOnly[i]) && content.contains(watched[i]))
                    found.append(file.fileName() + QStringLiteral(": secret #") + QString::number(i));
            }
        }
    }
    return found;
}

} // namespace Lanyard::Tests
