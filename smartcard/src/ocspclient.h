// One OCSP status query (RFC 6960) over HTTP POST with libcurl; blocking, bounded by timeouts.
#pragma once

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <chrono>

#include <openssl/x509.h>

namespace Lanyard::Smartcard::Internal {

struct OcspQuery
{
    X509 *certificate = nullptr;
    X509 *issuer = nullptr;
    STACK_OF(X509) *untrusted = nullptr; // to find the responder's certificate
    X509_STORE *store = nullptr;         // trust and verification time for the response
    QUrl responder;
    QDateTime now;
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds timeout{5000};
};

struct OcspAnswer
{
    enum Status { Good, Revoked, Unknown };
    Status status = Unknown;
    QString detail;       // why Unknown, for logs
    qint64 nativeCode = 0; // CURLcode, HTTP status or OCSP response status when Unknown
    QDateTime revokedAt;
};

QUrl ocspResponderOf(X509 *certificate); // the AIA OCSP URL, if any
OcspAnswer queryOcsp(const OcspQuery &query);

} // namespace Lanyard::Smartcard::Internal
