// GET requests to a PDS-shaped FHIR service, shared by PdsClient and AllergyClient: PDS's
// headers, the rate limit, retries with the same X-Request-ID, bounded timeouts, TLS against the
// configured CA bundle only, and answers delivered to a receiver's thread unless cancelled.
//
// X-Request-ID is one UUID per logical request, the same on every retry: PDS uses it to spot a
// repeated request and the service desk to trace it. X-Correlation-ID is a fresh UUID per attempt,
// so each attempt can be told apart in PDS's logs and ours while X-Request-ID ties them together.
// (libcurl itself resends a request once, with the same headers, when a kept-alive connection
// turns out closed before any answer; that resend counts as one of the `retries`.)
#pragma once

#include "pds/curlmulti.h"
#include "pds/ratelimiter.h"
#include "pds/transporterror.h"

#include <lanyard/context/pdsclient.h>

#include <QPointer>

#include <atomic>
#include <memory>
#include <unordered_map>

namespace Lanyard::Context::Internal {

struct FhirResponse
{
    long status = 0;
    QByteArray body;
    QByteArray requestId; // the X-Request-ID it answers, for the caller's log
};

class PdsTransport : public QObject
{
    Q_OBJECT
public:
    PdsTransport(PdsSettings settings, CredentialsProvider credentials, ServiceText service,
                 QObject *parent = nullptr);
    ~PdsTransport() override; // aborts everything: no handler runs afterwards

    // Runs on the receiver's thread (or this one's without a receiver), only while the receiver
    // lives and the request is not cancelled. Transport failures, retries exhausted included,
    // come as errors; any HTTP answer comes as a FhirResponse for the caller to judge.
    using Handler = std::function<void(Result<FhirResponse>)>;

    // GET {base}/{path}?{query}; `what` names the request kind in the log ("read", "search").
    using Query = QList<std::pair<QString, QString>>;
    quint64 get(const QString &path, const Query &query, const char *what, QObject *receiver,
                Handler handler);
    // An answer that needs no request (the query was invalid): delivered the same way, later,
    // so the caller has its id before the handler runs.
    quint64 fail(Error error, QObject *receiver, Handler handler);
    void cancel(quint64 id);

    const ServiceText &service() const { return m_service; }

private:
    struct Request;
    quint64 add(std::unique_ptr<Request> request);
    bool startAttempt(quint64 id);
    void attemptFinished(quint64 id, CURLcode code);
    void retryLater(Request &request, std::chrono::milliseconds delay, const char *why);
    void finish(quint64 id, Result<FhirResponse> result);
    void release(Request &request); // the attempt's curl handle and header list, wiped

    PdsSettings m_settings;
    CredentialsProvider m_credentials;
    ServiceText m_service;
    QByteArray m_base; // without a trailing slash
    std::optional<Error> m_misconfigured;
    CurlMulti m_multi;
    RateLimiter m_limiter;
    quint64 m_nextId = 1;
    std::unordered_map<quint64, std::unique_ptr<Request>> m_requests;
    // Answers on their way to a receiver: cancel() can still stop them.
    std::unordered_map<quint64, std::shared_ptr<std::atomic_bool>> m_delivering;
};

} // namespace Lanyard::Context::Internal
