// One libcurl easy handle, used from one worker thread: blocking requests with bounded timeouts,
// TLS always verified against the configured CA bundle, connections and cookies kept between
// requests (the IdP's login session), and optionally the card's key for TLS client
// authentication. Request bodies and responses may hold secrets: both are wiped after use.
#pragma once

#include <lanyard/result.h>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace Lanyard::Sso::Internal {

struct HttpSettings
{
    QString caBundle;                              // PEM file; empty = refuse to connect
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds requestTimeout{15000};
};

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;          // wiped once sent
    QByteArray contentType;   // for a body
    void addHeader(const QByteArray &name, const QByteArray &value) { headers.append({name, value}); }
    ~HttpRequest();
};

struct HttpResponse
{
    long status = 0;
    QByteArray body;          // wiped when the response goes
    QByteArray contentType;
    QUrl redirect;            // Location, resolved against the request URL
    HttpResponse() = default;
    HttpResponse(HttpResponse &&) = default;
    HttpResponse &operator=(HttpResponse &&) = default;
    HttpResponse(const HttpResponse &) = delete;
    HttpResponse &operator=(const HttpResponse &) = delete;
    ~HttpResponse();
};

class HttpSession
{
public:
    // cancel: when it turns true, the request under way is abandoned (the card left, say).
    explicit HttpSession(const HttpSettings &settings,
                         std::shared_ptr<const std::atomic<bool>> cancel = {});
    ~HttpSession();
    HttpSession(const HttpSession &) = delete;
    HttpSession &operator=(const HttpSession &) = delete;

    // TLS client authentication with a key that stays in the card: OpenSSL asks the PKCS#11
    // module to sign the handshake. The session holds its own references to both.
    Result<void> setClientCredentials(EVP_PKEY *key, const QByteArray &certificateDer);

    // Transport failures come back as errors (SsoError Network, Timeout, TlsUntrusted,
    // Cancelled); any HTTP status is a response.
    Result<HttpResponse> perform(const HttpRequest &request);

    // The cookie jar in Netscape format (the IdP session), to carry to another session.
    QByteArray cookies() const;
    void setCookies(const QByteArray &netscapeLines);

private:
    class Private;
    std::unique_ptr<Private> d;
};

// application/x-www-form-urlencoded, for token and revocation requests.
QByteArray formEncode(const QList<QPair<QString, QByteArray>> &fields);

} // namespace Lanyard::Sso::Internal
