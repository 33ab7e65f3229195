#include "ocspclient.h"

#include "logging.h"
#include "openssl.h"

#include <curl/curl.h>

#include <memory>
#include <utility>
#include <variant>

namespace Lanyard::Smartcard::Internal {

namespace {

using CurlPtr = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlListPtr = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;
using OcspUrlsPtr = OpenSslPtr<STACK_OF(OPENSSL_STRING), X509_email_free>;

constexpr qsizetype MaximumResponseSize = 1 << 20;
constexpr long AllowedClockSkewSeconds = 300;

size_t appendBody(char *data, size_t size, size_t count, void *userData)
{
    auto body = static_cast<QByteArray *>(userData);
    if (body->size() + qsizetype(size * count) > MaximumResponseSize)
        return 0; // makes curl fail with CURLE_WRITE_ERROR
    body->append(data, qsizetype(size * count));
    return size * count;
}

OcspAnswer unknown(QString detail, qint64 nativeCode = 0)
{
    return {OcspAnswer::Unknown, std::move(detail), nativeCode, {}};
}

// Returns the response body, or an Unknown answer saying why there is none.
std::variant<QByteArray, OcspAnswer> post(const OcspQuery &query, const QByteArray &request)
{
    CurlPtr curl(curl_easy_init(), curl_easy_cleanup);
    CurlListPtr headers(curl_slist_append(nullptr, "Content-Type: application/ocsp-request"),
                        curl_slist_free_all);
    if (!curl || !headers)
        return unknown(QStringLiteral("libcurl could not be initialised"));
    const QByteArray url = query.responder.toEncoded();
    QByteArray body;
    char curlError[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.constData());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L); // we run on a worker thread
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, long(query.connectTimeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, long(query.timeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, request.constData());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, long(request.size()));
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, appendBody);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, curlError);
    const CURLcode result = curl_easy_perform(curl.get());
    if (result != CURLE_OK) {
        return unknown(QStringLiteral("OCSP responder %1 not reached: %2")
                           .arg(query.responder.toDisplayString(),
                                QString::fromUtf8(*curlError ? curlError
                                                             : curl_easy_strerror(result))),
                       result);
    }
    long httpStatus = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &httpStatus);
    if (httpStatus != 200) {
        return unknown(QStringLiteral("OCSP responder %1 answered HTTP %2")
                           .arg(query.responder.toDisplayString())
                           .arg(httpStatus),
                       httpStatus);
    }
    return body;
}

// RFC 6960 §4.2.2.1: thisUpdate must not be in the future, nextUpdate (if any) not past.
bool isCurrent(ASN1_GENERALIZEDTIME *thisUpdate, ASN1_GENERALIZEDTIME *nextUpdate, time_t now)
{
    time_t early = now + AllowedClockSkewSeconds;
    time_t late = now - AllowedClockSkewSeconds;
    return X509_cmp_time(thisUpdate, &early) < 0
        && (!nextUpdate || X509_cmp_time(nextUpdate, &late) > 0);
}

} // namespace

QUrl ocspResponderOf(X509 *certificate)
{
    const OcspUrlsPtr urls(X509_get1_ocsp(certificate));
    if (!urls || sk_OPENSSL_STRING_num(urls.get()) == 0)
        return {};
    return QUrl(QString::fromLatin1(sk_OPENSSL_STRING_value(urls.get(), 0)));
}

OcspAnswer queryOcsp(const OcspQuery &query)
{
    OcspRequestPtr request(OCSP_REQUEST_new());
    OcspCertIdPtr id(OCSP_cert_to_id(nullptr, query.certificate, query.issuer));
    OcspCertIdPtr requestId(id ? OCSP_CERTID_dup(id.get()) : nullptr);
    if (!request || !requestId || !OCSP_request_add0_id(request.get(), requestId.get()))
        return unknown(QStringLiteral("OCSP request not built: %1").arg(takeOpenSslErrors()));
    requestId.release(); // now owned by the request
    OCSP_request_add1_nonce(request.get(), nullptr, -1);

    unsigned char *der = nullptr;
    const int derLength = i2d_OCSP_REQUEST(request.get(), &der);
    if (derLength <= 0)
        return unknown(QStringLiteral("OCSP request not encoded: %1").arg(takeOpenSslErrors()));
    const QByteArray requestDer(reinterpret_cast<const char *>(der), derLength);
    OPENSSL_free(der);

    auto posted = post(query, requestDer);
    if (auto *failure = std::get_if<OcspAnswer>(&posted))
        return *failure;
    const QByteArray &body = std::get<QByteArray>(posted);

    auto bytes = reinterpret_cast<const unsigned char *>(body.constData());
    const OcspResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &bytes, long(body.size())));
    if (!response)
        return unknown(QStringLiteral("OCSP response unreadable"));
    const int responseStatus = OCSP_response_status(response.get());
    if (responseStatus != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
        return unknown(QStringLiteral("OCSP responder refused: %1")
                           .arg(QString::fromLatin1(OCSP_response_status_str(responseStatus))),
                       responseStatus);
    }
    const OcspBasicResponsePtr basic(OCSP_response_get1_basic(response.get()));
    if (!basic)
        return unknown(QStringLiteral("OCSP response has no basic response"));
    if (OCSP_check_nonce(request.get(), basic.get()) == 0)
        return unknown(QStringLiteral("OCSP response nonce does not match the request"));
    if (OCSP_basic_verify(basic.get(), query.untrusted, query.store, 0) <= 0) {
        return unknown(QStringLiteral("OCSP response signature not trusted: %1")
                           .arg(takeOpenSslErrors()));
    }

    int status = V_OCSP_CERTSTATUS_UNKNOWN;
    int reason = 0;
    ASN1_GENERALIZEDTIME *revokedAt = nullptr;
    ASN1_GENERALIZEDTIME *thisUpdate = nullptr;
    ASN1_GENERALIZEDTIME *nextUpdate = nullptr;
    if (OCSP_resp_find_status(basic.get(), id.get(), &status, &reason, &revokedAt, &thisUpdate,
                              &nextUpdate) != 1) {
        return unknown(QStringLiteral("OCSP response does not cover the certificate"));
    }
    if (!isCurrent(thisUpdate, nextUpdate, time_t(query.now.toSecsSinceEpoch())))
        return unknown(QStringLiteral("OCSP response is not current"));
    switch (status) {
    case V_OCSP_CERTSTATUS_GOOD:
        return {OcspAnswer::Good, {}, 0, {}};
    case V_OCSP_CERTSTATUS_REVOKED:
        return {OcspAnswer::Revoked, QString::fromLatin1(OCSP_crl_reason_str(reason)), reason,
                toDateTime(revokedAt)};
    default:
        return unknown(QStringLiteral("OCSP responder does not know the certificate"));
    }
}

} // namespace Lanyard::Smartcard::Internal
