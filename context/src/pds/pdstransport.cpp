#include "pds/pdstransport.h"

#include "pds/pdslogging.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QUuid>

#include <openssl/crypto.h>

#include <cstring>

namespace Lanyard::Context::Internal {

namespace {

using namespace std::chrono_literals;

constexpr qsizetype MaximumResponseBytes = 8 * 1024 * 1024; // 50 search matches are ~250 KB
// "Honour Retry-After up to 2 s": a clinician waits no longer for an automatic retry; a server
// asking for more gets no retry and the person is told to try again.
constexpr std::chrono::milliseconds LongestRetryWait = 2s;
constexpr std::chrono::milliseconds RetryWaitWithoutHeader = 1s; // PDS's rate window is a second

// A QByteArray that held a token: wiped if we are its only holder (a copy shared with the
// session is the session's to wipe), then released.
void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty() && bytes.isDetached())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

QByteArray newUuid()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

// Retry-After: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); nullopt if absent or unreadable.
std::optional<std::chrono::milliseconds> retryAfter(const QByteArray &value)
{
    if (value.isEmpty())
        return std::nullopt;
    bool number = false;
    const qint64 seconds = value.toLongLong(&number);
    if (number)
        return std::chrono::milliseconds(qMax<qint64>(0, seconds) * 1000);
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!at.isValid())
        return std::nullopt;
    return std::chrono::milliseconds(qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(at)));
}

bool droppedConnection(CURLcode code)
{
    return code == CURLE_GOT_NOTHING || code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR;
}

} // namespace

struct PdsTransport::Request
{
    PdsTransport *transport = nullptr;
    quint64 id = 0;
    const char *what = "";
    QByteArray url;
    QByteArray requestId; // X-Request-ID: the same on every attempt
    QPointer<QObject> receiver;
    bool hasReceiver = false;
    Handler handler;
    std::shared_ptr<std::atomic_bool> wanted = std::make_shared<std::atomic_bool>(true);
    int attempts = 0;
    QTimer retryTimer;

    // The attempt under way.
    CURL *easy = nullptr;
    curl_slist *headers = nullptr;
    QByteArray correlationId;
    QByteArray body;
    QByteArray retryAfter;
    bool sent = false;
    QElapsedTimer clock;
    char errorText[CURL_ERROR_SIZE] = {};

    static size_t onBody(char *data, size_t size, size_t count, void *self)
    {
        auto *r = static_cast<Request *>(self);
        const size_t bytes = size * count;
        if (r->body.size() + qsizetype(bytes) > MaximumResponseBytes)
            return 0; // CURLE_WRITE_ERROR
        r->body.append(data, qsizetype(bytes));
        return bytes;
    }

    static size_t onHeader(char *data, size_t size, size_t count, void *self)
    {
        auto *r = static_cast<Request *>(self);
        const QByteArray line = QByteArray(data, qsizetype(size * count)).trimmed();
        if (line.toLower().startsWith("retry-after:"))
            r->retryAfter = line.mid(12).trimmed();
        return size * count;
    }

    // The connection (and TLS) is up and the request goes out now: PDS counts it from here.
    // A second call in one attempt is libcurl resending by itself on a fresh connection, because
    // a kept-alive one closed without answering: that is a request reaching PDS too, so it
    // counts against the retries and the rate.
    static int onRequestSent(void *self, char *, char *, int, int)
    {
        auto *r = static_cast<Request *>(self);
        if (r->sent) {
            ++r->attempts;
            qCInfo(lcPds).nospace()
                << r->what << ' ' << r->requestId
                << ": resent by libcurl on a new connection (attempt " << r->attempts << ")";
        }
        r->sent = true;
        r->transport->m_limiter.markSent(r->id);
        return CURL_PREREQFUNC_OK;
    }
};

PdsTransport::PdsTransport(PdsSettings settings, CredentialsProvider credentials,
                           ServiceText service, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_credentials(std::move(credentials))
    , m_service(std::move(service))
    , m_multi(this)
    , m_limiter(m_settings.maxRequestsPerSecond, 50ms, this)
{
    const QUrl &base = m_settings.base;
    if (!base.isValid() || base.scheme() != QLatin1String("https") || base.host().isEmpty()) {
        m_misconfigured = Error::make(
            ContextError::Configuration,
            QStringLiteral("The address of %1 in the configuration is not an https address — "
                           "call the IT service desk.")
                .arg(m_service.name));
    } else if (m_settings.caBundle.isEmpty()) {
        // Never fall back to the system's CAs: only the configured bundle is trusted.
        m_misconfigured = Error::make(
            ContextError::Configuration,
            QStringLiteral("No certificate authority file is configured for %1, so it is not "
                           "contacted — call the IT service desk.")
                .arg(m_service.name));
    }
    m_base = base.toEncoded(QUrl::StripTrailingSlash);
}

PdsTransport::~PdsTransport()
{
    for (auto &[id, request] : m_requests) {
        request->wanted->store(false);
        release(*request);
    }
    m_requests.clear();
    for (auto &[id, wanted] : m_delivering)
        wanted->store(false);
}

quint64 PdsTransport::add(std::unique_ptr<Request> request)
{
    // Answers already run (or cancelled) need no cancelling any more.
    std::erase_if(m_delivering, [](const auto &entry) { return !entry.second->load(); });
    const quint64 id = m_nextId++;
    request->transport = this;
    request->id = id;
    request->requestId = newUuid();
    m_requests.emplace(id, std::move(request));
    return id;
}

quint64 PdsTransport::get(const QString &path, const Query &query, const char *what,
                          QObject *receiver, Handler handler)
{
    if (m_misconfigured)
        return fail(*m_misconfigured, receiver, std::move(handler));
    auto request = std::make_unique<Request>();
    request->what = what;
    request->url = m_base + '/' + path.toUtf8();
    // Each name and value percent-encoded by hand: QUrlQuery leaves '+', which servers read as
    // a space, as it is.
    for (qsizetype i = 0; i < query.size(); ++i) {
        request->url += (i == 0 ? '?' : '&') + QUrl::toPercentEncoding(query[i].first) + '='
            + QUrl::toPercentEncoding(query[i].second);
    }
    request->receiver = receiver;
    request->hasReceiver = receiver != nullptr;
    request->handler = std::move(handler);
    request->retryTimer.setSingleShot(true);
    // Retry-After is a floor: a coarse timer may fire 5 % early, into the server's window.
    request->retryTimer.setTimerType(Qt::PreciseTimer);
    Request *r = request.get();
    const quint64 id = add(std::move(request));
    connect(&r->retryTimer, &QTimer::timeout, this,
            [this, id] { m_limiter.enqueue(id, [this, id] { return startAttempt(id); }); });
    m_limiter.enqueue(id, [this, id] { return startAttempt(id); });
    return id;
}

quint64 PdsTransport::fail(Error error, QObject *receiver, Handler handler)
{
    auto request = std::make_unique<Request>();
    request->receiver = receiver;
    request->hasReceiver = receiver != nullptr;
    request->handler = std::move(handler);
    const quint64 id = add(std::move(request));
    QMetaObject::invokeMethod(
        this, [this, id, error] { finish(id, error); }, Qt::QueuedConnection);
    return id;
}

void PdsTransport::cancel(quint64 id)
{
    if (auto it = m_requests.find(id); it != m_requests.end()) {
        Request &r = *it->second;
        r.wanted->store(false);
        m_limiter.remove(id);
        if (r.easy && !r.sent)
            m_limiter.markUnsent(id);
        release(r);
        qCDebug(lcPds).nospace() << r.what << ' ' << r.requestId << ": cancelled";
        m_requests.erase(it);
    }
    if (auto it = m_delivering.find(id); it != m_delivering.end()) {
        it->second->store(false);
        m_delivering.erase(it);
    }
}

bool PdsTransport::startAttempt(quint64 id)
{
    auto it = m_requests.find(id);
    if (it == m_requests.end())
        return false;
    Request &r = *it->second;

    // Asked afresh for every attempt: the session may have refreshed the token or ended.
    std::optional<PdsCredentials> credentials = m_credentials ? m_credentials() : std::nullopt;
    if (!credentials || credentials->accessToken.isEmpty()) {
        if (credentials)
            wipe(credentials->accessToken);
        qCInfo(lcPds).nospace() << r.what << ' ' << r.requestId << ": not signed in, not sent";
        finish(id, Error::make(ContextError::NotSignedIn, m_service.notSignedIn));
        return false;
    }
    if (credentials->roleId.isEmpty()) {
        wipe(credentials->accessToken);
        qCInfo(lcPds).nospace() << r.what << ' ' << r.requestId << ": no role chosen, not sent";
        finish(id,
               Error::make(ContextError::NotSignedIn,
                           QStringLiteral("Choose the role you are working in, then try again "
                                          "(%1 needs it with every request).")
                               .arg(m_service.name)));
        return false;
    }

    ++r.attempts;
    r.correlationId = newUuid();
    const auto header = [&r](const QByteArray &line) {
        r.headers = curl_slist_append(r.headers, line.constData());
    };
    QByteArray authorization = "Authorization: Bearer " + credentials->accessToken;
    header(authorization);
    wipe(authorization);
    wipe(credentials->accessToken);
    header("Accept: application/fhir+json");
    header("X-Request-ID: " + r.requestId);
    header("X-Correlation-ID: " + r.correlationId);
    header("NHSD-Session-URID: " + credentials->roleId.toUtf8());
    if (!credentials->organisationOdsCode.isEmpty())
        header("NHSD-End-User-Organisation-ODS: " + credentials->organisationOdsCode.toUtf8());

    r.easy = curl_easy_init();
    CURL *c = r.easy;
    curl_easy_setopt(c, CURLOPT_URL, r.url.constData());
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, r.headers);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_CAINFO, m_settings.caBundle.toLocal8Bit().constData());
    curl_easy_setopt(c, CURLOPT_CAPATH, nullptr); // the configured bundle only
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, long(m_settings.connectTimeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(m_settings.requestTimeout.count()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Request::onBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &Request::onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
    curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, &Request::onRequestSent);
    curl_easy_setopt(c, CURLOPT_PREREQDATA, &r);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, r.errorText);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "Lanyard/" LANYARD_VERSION);
    r.body.clear();
    r.retryAfter.clear();
    r.sent = false;
    r.errorText[0] = '\0';
    r.clock.start();
    if (!m_multi.start(c, [this, id](CURLcode code) { attemptFinished(id, code); })) {
        release(r);
        finish(id, transportError(CURLE_FAILED_INIT, false, m_settings, m_service));
        return false;
    }
    qCDebug(lcPds).nospace() << r.what << ' ' << r.requestId << " attempt " << r.attempts
                             << " (correlation " << r.correlationId << "): started";
    return true;
}

void PdsTransport::attemptFinished(quint64 id, CURLcode code)
{
    auto it = m_requests.find(id);
    if (it == m_requests.end())
        return;
    Request &r = *it->second;
    long status = 0;
    curl_easy_getinfo(r.easy, CURLINFO_RESPONSE_CODE, &status);
    const qint64 elapsed = r.clock.elapsed();
    const bool sent = r.sent;
    const QByteArray detail(r.errorText);
    release(r);
    if (!sent)
        m_limiter.markUnsent(id);
    const bool retriesLeft = r.attempts <= m_settings.retries;

    if (code != CURLE_OK) {
        qCInfo(lcPds).nospace() << r.what << ' ' << r.requestId << " attempt " << r.attempts << ": "
                                << curl_easy_strerror(code) << " (" << detail << ") after "
                                << elapsed << " ms";
        // PDS de-duplicates on X-Request-ID, so a request that may have arrived is safe to repeat.
        if (droppedConnection(code) && retriesLeft)
            return retryLater(r, 0ms, "connection dropped");
        return finish(id, transportError(code, sent, m_settings, m_service));
    }
    qCDebug(lcPds).nospace() << r.what << ' ' << r.requestId << " attempt " << r.attempts
                             << ": HTTP " << status << " in " << elapsed << " ms";
    if ((status == 429 || status == 503) && retriesLeft) {
        const auto wait = retryAfter(r.retryAfter).value_or(RetryWaitWithoutHeader);
        if (wait <= LongestRetryWait)
            return retryLater(r, wait, status == 429 ? "rate limited" : "service unavailable");
        qCInfo(lcPds).nospace() << r.what << ' ' << r.requestId << ": Retry-After " << r.retryAfter
                                << " is beyond " << LongestRetryWait.count() << " ms: not retried";
    }
    FhirResponse response;
    response.status = status;
    response.body = std::move(r.body);
    response.requestId = r.requestId;
    finish(id, std::move(response));
}

void PdsTransport::retryLater(Request &r, std::chrono::milliseconds delay, const char *why)
{
    qCInfo(lcPds).nospace() << r.what << ' ' << r.requestId << ": " << why << ", retrying in "
                            << delay.count() << " ms with the same X-Request-ID";
    r.retryTimer.start(int(delay.count()));
}

void PdsTransport::finish(quint64 id, Result<FhirResponse> result)
{
    auto node = m_requests.extract(id);
    if (node.empty())
        return;
    Request &r = *node.mapped();
    release(r);
    if (!r.wanted->load())
        return;
    QObject *context = r.hasReceiver ? r.receiver.data() : this;
    if (!context) // the receiver is gone: nobody to answer
        return;
    m_delivering.emplace(id, r.wanted);
    // Queued even on this thread: the handler may cancel, start requests or delete the client,
    // none of which is safe from inside curl's callbacks. `wanted` decides between this and a
    // cancel() racing it from another thread.
    QMetaObject::invokeMethod(
        context,
        [wanted = r.wanted, handler = std::move(r.handler), result = std::move(result)]() mutable {
            if (wanted->exchange(false))
                handler(std::move(result));
        },
        Qt::QueuedConnection);
}

void PdsTransport::release(Request &r)
{
    r.retryTimer.stop();
    if (r.easy) {
        m_multi.abort(r.easy);
        curl_easy_cleanup(r.easy);
        r.easy = nullptr;
    }
    // The list holds "Authorization: Bearer <token>": wipe every string before curl frees it.
    for (curl_slist *item = r.headers; item; item = item->next)
        OPENSSL_cleanse(item->data, strlen(item->data));
    curl_slist_free_all(r.headers);
    r.headers = nullptr;
}

} // namespace Lanyard::Context::Internal
