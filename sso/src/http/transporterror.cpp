#include "http/transporterror.h"

#include <QCoreApplication>

namespace Lanyard::Sso::Internal {

Error transportError(CURLcode code, bool cancelled, const HttpSettings &settings)
{
    if (cancelled || code == CURLE_ABORTED_BY_CALLBACK)
        return Error::make(SsoError::Cancelled, QStringLiteral("Sign-in was stopped."), code);
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return Error::make(
            SsoError::Timeout,
            QStringLiteral("The NHS identity service did not answer within %1 seconds — try again; "
                           "if it keeps happening, call the IT service desk.")
                .arg(qMax<qint64>(1, settings.requestTimeout.count() / 1000)),
            code);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return Error::make(
            SsoError::TlsUntrusted,
            QStringLiteral("This workstation does not trust the NHS identity service's security "
                           "certificate, so it did not connect and your card was not used — call "
                           "the IT service desk (certificate authority file: %1).")
                .arg(settings.caBundle),
            code);
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return Error::make(SsoError::Network,
                           QStringLiteral("Cannot reach the NHS identity service — check the "
                                          "network; your card was not used."),
                           code);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return Error::make(SsoError::Configuration,
                           QStringLiteral("The identity service address in the configuration is "
                                          "not a valid https address — call the IT service desk."),
                           code);
    case CURLE_WRITE_ERROR:
        return Error::make(SsoError::IdpProtocol,
                           QStringLiteral("The NHS identity service sent an answer far larger than "
                                          "expected, so it was refused — call the IT service desk."),
                           code);
    default:
        return Error::make(SsoError::Network,
                           QStringLiteral("The connection to the NHS identity service failed (%1) — "
                                          "check the network and try again; if it keeps happening, "
                                          "call the IT service desk.")
                               .arg(QString::fromUtf8(curl_easy_strerror(code))),
                           code);
    }
}

} // namespace Lanyard::Sso::Internal
