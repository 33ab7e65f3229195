#include "httpsession.h"

#include "http/transporterror.h"
#include "logging.h"

#include <lanyard/sso/secret.h>

#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <mutex>

namespace Lanyard::Sso::Internal {

namespace {

constexpr qsizetype MaximumResponseBytes = 1024 * 1024; // no IdP answer is near this

void ensureCurlInitialised()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Header lists hold bearer tokens: wipe every string before curl frees it.
struct HeaderList
{
    curl_slist *list = nullptr;
    void append(const QByteArray &line) { list = curl_slist_append(list, line.constData()); }
    ~HeaderList()
    {
        for (curl_slist *item = list; item; item = item->next)
            OPENSSL_cleanse(item->data, strlen(item->data));
        curl_slist_free_all(list);
    }
};

} // namespace

HttpRequest::~HttpRequest()
{
    Secret::wipe(body);
    for (auto &header : headers)
        Secret::wipe(header.second); // Authorization: Bearer ...
}

HttpResponse::~HttpResponse()
{
    Secret::wipe(body);
}

class HttpSession::Private
{
public:
    CURL *curl = nullptr;
    HttpSettings settings;
    std::shared_ptr<const std::atomic<bool>> cancel;
    EVP_PKEY *key = nullptr;
    X509 *certificate = nullptr;
    QByteArray received;
    QByteArray contentType;
    char errorText[CURL_ERROR_SIZE] = {};

    static size_t onBody(char *data, size_t size, size_t count, void *self)
    {
        auto *d = static_cast<Private *>(self);
        const size_t bytes = size * count;
        if (d->received.size() + qsizetype(bytes) > MaximumResponseBytes)
            return 0; // curl reports CURLE_WRITE_ERROR
        d->received.append(data, qsizetype(bytes));
        return bytes;
    }

    static size_t onHeader(char *data, size_t size, size_t count, void *self)
    {
        auto *d = static_cast<Private *>(self);
        const QByteArray line = QByteArray(data, qsizetype(size * count)).trimmed();
        if (line.toLower().startsWith("content-type:"))
            d->contentType = line.mid(13).trimmed();
        return size * count;
    }

    static int onProgress(void *self, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
    {
        auto *d = static_cast<Private *>(self);
        return d->cancel && d->cancel->load() ? 1 : 0;
    }

    // libcurl calls this for every new connection's SSL_CTX: present the card's certificate
    // and key. OpenSSL signs the handshake through the PKCS#11 module; the key stays there.
    static CURLcode onSslContext(CURL *, void *sslContext, void *self)
    {
        auto *d = static_cast<Private *>(self);
        auto *context = static_cast<SSL_CTX *>(sslContext);
        if (d->certificate && d->key) {
            if (SSL_CTX_use_certificate(context, d->certificate) != 1
                || SSL_CTX_use_PrivateKey(context, d->key) != 1)
                return CURLE_SSL_CERTPROBLEM;
        }
        return CURLE_OK;
    }
};

HttpSession::HttpSession(const HttpSettings &settings,
                         std::shared_ptr<const std::atomic<bool>> cancel)
    : d(std::make_unique<Private>())
{
    ensureCurlInitialised();
    d->settings = settings;
    d->cancel = std::move(cancel);
    d->curl = curl_easy_init();
    CURL *c = d->curl;
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_CAINFO, settings.caBundle.toLocal8Bit().constData());
    curl_easy_setopt(c, CURLOPT_CAPATH, nullptr); // the configured bundle only
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, long(settings.connectTimeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(settings.requestTimeout.count()));
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L); // each hop is checked by the caller
    curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");     // cookie engine on, in memory only
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Private::onBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, d.get());
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &Private::onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, d.get());
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &Private::onProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, d.get());
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, d->errorText);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "Lanyard/" LANYARD_VERSION);
}

HttpSession::~HttpSession()
{
    curl_easy_cleanup(d->curl);
    X509_free(d->certificate);
    EVP_PKEY_free(d->key);
}

Result<void> HttpSession::setClientCredentials(EVP_PKEY *key, const QByteArray &certificateDer)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(certificateDer.constData());
    X509 *certificate = d2i_X509(nullptr, &bytes, long(certificateDer.size()));
    if (!certificate || !key || EVP_PKEY_up_ref(key) != 1) {
        X509_free(certificate);
        return Error::make(SsoError::Card,
                           QStringLiteral("The card's certificate could not be read for sign-in "
                                          "— remove the card and insert it again."));
    }
    X509_free(d->certificate);
    EVP_PKEY_free(d->key);
    d->certificate = certificate;
    d->key = key;
    curl_easy_setopt(d->curl, CURLOPT_SSL_CTX_FUNCTION, &Private::onSslContext);
    curl_easy_setopt(d->curl, CURLOPT_SSL_CTX_DATA, d.get());
    return {};
}

Result<HttpResponse> HttpSession::perform(const HttpRequest &request)
{
    CURL *c = d->curl;
    const QByteArray url = request.url.toEncoded();
    curl_easy_setopt(c, CURLOPT_URL, url.constData());
    HeaderList headers;
    for (const auto &[name, value] : request.headers)
        headers.append(name + ": " + value);
    if (request.method == "POST") {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.constData());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, long(request.body.size()));
        headers.append("Content-Type: "
                       + (request.contentType.isEmpty() ? QByteArray("application/x-www-form-urlencoded")
                                                        : request.contentType));
    } else {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.list);
    d->received.clear();
    d->contentType.clear();
    d->errorText[0] = '\0';

    const CURLcode code = curl_easy_perform(c);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, nullptr);
    if (code != CURLE_OK) {
        Secret::wipe(d->received);
        const bool cancelled = d->cancel && d->cancel->load();
        qCInfo(lcHttp) << request.method << request.url.adjusted(QUrl::RemoveQuery).toString()
                       << "failed:" << curl_easy_strerror(code) << d->errorText;
        return transportError(code, cancelled, d->settings);
    }
    HttpResponse response;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
    char *location = nullptr;
    if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location)
        response.redirect = QUrl::fromEncoded(location);
    response.body = d->received; // the only holder from here: d->received is cleared
    d->received = QByteArray();
    response.contentType = d->contentType;
    qCDebug(lcHttp) << request.method << request.url.adjusted(QUrl::RemoveQuery).toString()
                    << "->" << response.status;
    return response;
}

QByteArray HttpSession::cookies() const
{
    QByteArray lines;
    curl_slist *list = nullptr;
    if (curl_easy_getinfo(d->curl, CURLINFO_COOKIELIST, &list) == CURLE_OK) {
        for (curl_slist *item = list; item; item = item->next)
            lines += QByteArray(item->data) + '\n';
        for (curl_slist *item = list; item; item = item->next)
            OPENSSL_cleanse(item->data, strlen(item->data));
        curl_slist_free_all(list);
    }
    return lines;
}

void HttpSession::setCookies(const QByteArray &netscapeLines)
{
    for (const QByteArray &line : netscapeLines.split('\n')) {
        if (!line.trimmed().isEmpty())
            curl_easy_setopt(d->curl, CURLOPT_COOKIELIST, line.constData());
    }
}

QByteArray formEncode(const QList<QPair<QString, QByteArray>> &fields)
{
    QByteArray encoded;
    for (const auto &[name, value] : fields) {
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += QUrl::toPercentEncoding(name) + '=' + value.toPercentEncoding();
    }
    return encoded;
}

} // namespace Lanyard::Sso::Internal
