#include "pds/transporterror.h"

#include <lanyard/context/patient.h>

#include <QJsonDocument>

namespace Lanyard::Context::Internal {

namespace {

QString upperFirst(const QString &text)
{
    return text.left(1).toUpper() + text.mid(1);
}

Error byStatus(long status, const ServiceText &service)
{
    const QString who = upperFirst(service.name); // at the start of a sentence
    if (status == 401 || status == 403) {
        return Error::make(ContextError::AccessDenied,
                           QStringLiteral("%1 did not accept your sign-in (HTTP %2) — sign in "
                                          "again with your smartcard and retry; if it keeps "
                                          "happening, call the IT service desk.")
                               .arg(who)
                               .arg(status),
                           status);
    }
    if (status == 429) {
        return Error::make(ContextError::RateLimited,
                           QStringLiteral("%1 is receiving too many requests from this workstation "
                                          "— wait a few seconds and try again.")
                               .arg(who),
                           status);
    }
    if (status == 503) {
        return Error::make(ContextError::ServiceUnavailable,
                           QStringLiteral("%1 is unavailable at the moment — try again in a few "
                                          "minutes; %2.")
                               .arg(who, service.consequence),
                           status);
    }
    if (status >= 500) {
        return Error::make(
            ContextError::ServerError,
            QStringLiteral("%1 had an internal error (HTTP %2) — try again; if it "
                           "keeps happening, call the IT service desk. Meanwhile %3.")
                .arg(who)
                .arg(status)
                .arg(service.consequence),
            status);
    }
    if (status == 404) {
        return Error::make(ContextError::NotFound,
                           QStringLiteral("%1 has nothing at the configured address (HTTP 404) — "
                                          "call the IT service desk to check the configuration.")
                               .arg(who),
                           status);
    }
    return Error::make(
        ContextError::InvalidValue,
        QStringLiteral("%1 refused the request (HTTP %2) — call the IT service desk.")
            .arg(who)
            .arg(status),
        status);
}

} // namespace

Error transportError(CURLcode code, bool connected, const PdsSettings &settings,
                     const ServiceText &service)
{
    const auto seconds = [](std::chrono::milliseconds ms) {
        const qint64 whole = qMax<qint64>(1, (ms.count() + 500) / 1000);
        return whole == 1 ? QStringLiteral("1 second") : QStringLiteral("%1 seconds").arg(whole);
    };
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        if (!connected) {
            return Error::make(
                ContextError::Timeout,
                QStringLiteral("Cannot reach %1: no connection within %2 "
                               "— check the network; %3.")
                    .arg(service.name, seconds(settings.connectTimeout), service.consequence),
                code);
        }
        return Error::make(
            ContextError::Timeout,
            QStringLiteral("No answer from %1 within %2 — try again; if it "
                           "keeps happening, call the IT service desk. Meanwhile %3.")
                .arg(service.name, seconds(settings.requestTimeout), service.consequence),
            code);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_ISSUER_ERROR:
        return Error::make(
            ContextError::TlsUntrusted,
            QStringLiteral("This workstation does not trust the security certificate "
                           "of %1, so nothing was sent to it — call the IT service "
                           "desk (certificate authority file: %2).")
                .arg(service.name, settings.caBundle),
            code);
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
        return Error::make(ContextError::Network,
                           QStringLiteral("The connection to %1 was dropped before it answered — "
                                          "check the network and try again; %2.")
                               .arg(service.name, service.consequence),
                           code);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return Error::make(ContextError::Configuration,
                           QStringLiteral("The address of %1 in the configuration is not a valid "
                                          "https address — call the IT service desk.")
                               .arg(service.name),
                           code);
    case CURLE_WRITE_ERROR:
        return Error::make(ContextError::Malformed,
                           QStringLiteral("%1 sent an answer far larger than any record, so it was "
                                          "refused — call the IT service desk.")
                               .arg(upperFirst(service.name)),
                           code);
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return Error::make(ContextError::Network,
                           QStringLiteral("Cannot reach %1 — check the network; %2.")
                               .arg(service.name, service.consequence),
                           code);
    default:
        return Error::make(
            ContextError::Network,
            QStringLiteral("The connection to %1 failed (%2) — check the network and "
                           "try again; if it keeps happening, call the IT service "
                           "desk. Meanwhile %3.")
                .arg(service.name, QString::fromUtf8(curl_easy_strerror(code)),
                     service.consequence),
            code);
    }
}

Error httpError(long status, const QJsonObject &body, const ServiceText &service, bool pdsWording)
{
    const bool outcome
        = body.value(QLatin1String("resourceType")).toString() == QLatin1String("OperationOutcome");
    if (outcome && pdsWording)
        return pdsError(int(status), body);
    Error error = byStatus(status, service);
    if (const QString code = outcome ? spineCode(body) : QString(); !code.isEmpty())
        error.message += QStringLiteral(" (%1)").arg(code);
    return error;
}

Error malformed(const ServiceText &service, const QString &what)
{
    return Error::make(ContextError::Malformed,
                       QStringLiteral("%1 sent %2 — try again; if it keeps happening, call the IT "
                                      "service desk. Meanwhile %3.")
                           .arg(upperFirst(service.name), what, service.consequence));
}

QJsonObject jsonObject(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace Lanyard::Context::Internal
