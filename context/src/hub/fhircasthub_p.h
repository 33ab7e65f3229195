// FhircastHub's private side, in two files: hubhttp.cpp answers HTTP (discovery, subscribe,
// publish, get-current); fhircasthub.cpp keeps the subscriptions, the current context and the
// fan-out of events, answers and SyncErrors.
#pragma once

#include <lanyard/context/fhircasthub.h>

#include "hub/acknowledgements.h"
#include "hub/fhircastevent.h"
#include "hub/hubtokens.h"
#include "hub/ratebudget.h"
#include "hub/subscription.h"

#include <QHash>
#include <QHttpServer>
#include <QUuid>

#include <map>
#include <memory>
#include <optional>

namespace Lanyard::Context {

namespace Internal {
// The hub's paths: hub.url is http://127.0.0.1:PORT/fhircast, each subscription's endpoint
// ws://127.0.0.1:PORT/fhircast/websocket/{32 random bytes}, on the same port.
inline const QString hubPath = QStringLiteral("/fhircast");
inline const QString socketPath = QStringLiteral("/fhircast/websocket/");

inline QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
} // namespace Internal

class FhircastHub::Private
{
public:
    Private(FhircastHub *owner, const Config &c);

    FhircastHub *const q;
    const Config config;
    const QString topic;
    // Made by listen(), not before: making one loads Qt's TLS backend (its WebSocket server
    // holds a QSslConfiguration), milliseconds the shell's cold start does without.
    std::unique_ptr<QHttpServer> http;
    quint16 port = 0;
    Internal::HubTokens tokens;
    QHash<QString, Internal::HubSubscription *> subscriptions; // by endpoint id
    Internal::AcknowledgementTracker acknowledgements;
    // Events each application may publish: a burst of 10, then 5 a second (a clinician changes
    // patient far less often); beyond that, 429 with Retry-After.
    std::map<QString, Internal::RateBudget> publishBudgets;
    std::map<QString, bool> publishThrottled; // said once a flood, not once an event
    int reportedCount = 0;

    // The current context: the Patient-open that set it, resent to each new subscriber.
    std::optional<Internal::Notification> openEvent;
    QJsonObject patient;
    QString contextVersion = Internal::newUuid();

    // --- hubhttp.cpp ---------------------------------------------------------------------
    Result<void> listen();
    void route();
    QString endpointUrl(const QString &id) const;
    std::optional<QHttpServerResponse> refuseForeignHost(const QHttpServerRequest &request) const;
    Result<QString> authenticate(const QHttpServerRequest &request) const;
    QHttpServerResponse discovery() const;
    QHttpServerResponse currentContext(const QString &asked, const QHttpServerRequest &request);
    QHttpServerResponse post(const QHttpServerRequest &request);
    QHttpServerResponse subscribe(const QByteArray &body, const QString &application);
    Internal::HubSubscription *subscriptionAt(const QString &endpoint,
                                              const QString &application) const;
    QHttpServerResponse publish(const QByteArray &body, const QString &application);

    // --- fhircasthub.cpp -----------------------------------------------------------------
    Internal::HubSubscription *addSubscription(const QString &application);
    void acceptSockets();
    void accept(std::unique_ptr<QWebSocket> socket);
    void remove(Internal::HubSubscription *subscription);
    void removeAll();
    int connectedCount() const;
    void reportCount();
    void broadcast(const Internal::Notification &notification,
                   const QString &exceptApplication = {});
    void open(const Internal::Notification &notification, const QJsonObject &resource);
    void close(const Internal::Notification &notification);
    void clearContext();
    void onAnswer(const QString &subscriptionId, const QString &eventId, int status);
    void onUnanswered(const QString &subscriptionId, const QString &eventId,
                      Internal::HubEvent event);
    void raiseSyncError(const Internal::HubSubscription &subscription, const QString &eventId,
                        Internal::HubEvent event, const QString &reason);
};

} // namespace Lanyard::Context
