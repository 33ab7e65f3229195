#include "selftest.h"

#include <lanyard/smartcard/readermonitor.h>

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

#include <dlfcn.h>

namespace Lanyard::Shell {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Lanyard::Shell::SelfTest", text);
}

SelfTestLine pcscd()
{
    Smartcard::ReaderMonitor monitor;
    QEventLoop loop;
    QString problem;
    QObject::connect(&monitor, &Smartcard::ReaderMonitor::readersScanned, &loop, &QEventLoop::quit);
    QObject::connect(&monitor, &Smartcard::ReaderMonitor::serviceLost, &loop, [&](const Error &error) {
        problem = error.message;
        loop.quit();
    });
    QTimer::singleShot(5000, &loop, [&] {
        problem = tr("pcscd did not answer within 5 s; is it installed and enabled (systemctl status pcscd.socket)?");
        loop.quit();
    });
    monitor.start();
    loop.exec();
    const QStringList readers = monitor.readers();
    monitor.stop();
    if (!problem.isEmpty())
        return {QStringLiteral("pcscd"), false, problem};
    return {QStringLiteral("pcscd"), true,
            readers.isEmpty() ? tr("answers; no card reader is connected")
                              : tr("answers; readers: %1").arg(readers.join(QStringLiteral(", ")))};
}

SelfTestLine module(const QString &path)
{
    void *handle = ::dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        return {QStringLiteral("pkcs11 module"), false,
                tr("%1 does not load (%2); check card/pkcs11_module").arg(path, QString::fromLocal8Bit(::dlerror()))};
    const bool isModule = ::dlsym(handle, "C_GetFunctionList") != nullptr;
    ::dlclose(handle);
    if (!isModule)
        return {QStringLiteral("pkcs11 module"), false,
                tr("%1 loads but is not a PKCS#11 module (no C_GetFunctionList)").arg(path)};
    return {QStringLiteral("pkcs11 module"), true, tr("%1 loads").arg(path)};
}

// A GET over TLS verified against caBundle only; the reply's status and body, or why it failed.
struct Fetched
{
    int status = 0;
    QByteArray body;
    QString problem;
};

Fetched fetch(const QUrl &url, const QString &caBundle)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!caBundle.isEmpty())
        tls.setCaCertificates(QSslCertificate::fromPath(caBundle));
    request.setSslConfiguration(tls);
    request.setTransferTimeout(10000);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Fetched fetched;
    fetched.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    fetched.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && fetched.status == 0)
        fetched.problem = reply->errorString();
    reply->deleteLater();
    return fetched;
}

SelfTestLine identityService(const ShellConfig &config)
{
    const QUrl issuer = config.session.idp.issuer;
    const QUrl discovery(issuer.toString() + QStringLiteral("/.well-known/openid-configuration"));
    const Fetched fetched = fetch(discovery, config.session.idp.caBundle);
    if (!fetched.problem.isEmpty())
        return {QStringLiteral("identity service"), false,
                tr("%1: %2 (TLS is checked against idp/ca_bundle)").arg(discovery.toString(), fetched.problem)};
    const QString said = QJsonDocument::fromJson(fetched.body).object().value(QLatin1String("issuer")).toString();
    if (fetched.status != 200 || said != issuer.toString())
        return {QStringLiteral("identity service"), false,
                tr("%1 answered HTTP %2 with issuer \"%3\", not %4").arg(discovery.toString()).arg(fetched.status).arg(said, issuer.toString())};
    return {QStringLiteral("identity service"), true, tr("discovery at %1 over verified TLS").arg(discovery.toString())};
}

SelfTestLine fhir(const ShellConfig &config)
{
    const QUrl metadata(config.context.pds.base.toString() + QStringLiteral("/metadata"));
    const Fetched fetched = fetch(metadata, config.context.pds.caBundle);
    if (!fetched.problem.isEmpty())
        return {QStringLiteral("fhir"), false, tr("%1: %2 (TLS is checked against pds/ca_bundle)").arg(metadata.toString(), fetched.problem)};
    if (fetched.status >= 500)
        return {QStringLiteral("fhir"), false, tr("%1 answered HTTP %2").arg(metadata.toString()).arg(fetched.status)};
    return {QStringLiteral("fhir"), true, tr("%1 answers (HTTP %2) over verified TLS").arg(metadata.toString()).arg(fetched.status)};
}

SelfTestLine hubPort(const ShellConfig &config)
{
    const quint16 port = config.context.hub.port;
    if (port == 0)
        return {QStringLiteral("hub port"), true, tr("a free port on 127.0.0.1 is chosen at start")};
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, port))
        return {QStringLiteral("hub port"), false,
                tr("127.0.0.1:%1 is taken (%2); free it or choose another hub/port").arg(port).arg(server.errorString())};
    return {QStringLiteral("hub port"), true, tr("127.0.0.1:%1 is free").arg(port)};
}

SelfTestLine auditLog(const ShellConfig &config)
{
    const QFileInfo file(config.session.audit.path);
    const QFileInfo folder(file.absolutePath());
    const bool writable = file.exists() ? file.isWritable() : folder.isDir() && folder.isWritable();
    if (!writable)
        return {QStringLiteral("audit log"), false,
                tr("%1 cannot be written; nobody can sign in unaudited: fix its folder's owner or audit/path").arg(file.absoluteFilePath())};
    return {QStringLiteral("audit log"), true, tr("%1 is writable").arg(file.absoluteFilePath())};
}

} // namespace

QList<SelfTestLine> runSelfTest(const ShellConfig &config)
{
    return {pcscd(), module(config.session.pkcs11Module), identityService(config), fhir(config),
            hubPort(config), auditLog(config)};
}

} // namespace Lanyard::Shell
