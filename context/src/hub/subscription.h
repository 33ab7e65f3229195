// One subscription (FHIRcast 3.0.0 §2.4): what it asked for, its lease, and the WebSocket its
// subscriber connected to the endpoint; it sends the confirmation, events and the denial, and
// reports the subscriber's answers and how the connection ended.
#pragma once

#include "hub/fhircastevent.h"
#include "hub/ratebudget.h"
#include "hub/subscriptionrequest.h"

#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <memory>
#include <optional>

namespace Lanyard::Context::Internal {

// Frames and messages a subscriber may send: an answer is a few dozen bytes.
constexpr qint64 maximumIncomingMessage = 1024 * 1024;
// Messages a subscriber may send beyond one answer per event sent to it: a burst, then a trickle.
// A subscriber that sends more is flooding the hub: it is cut off (1008, policy violation).
constexpr double unaskedMessageBurst = 20;
constexpr double unaskedMessagesPerSecond = 2;

// A subscriber's answer to an event (§2.5): the event's id and the HTTP status it answered with.
struct EventAnswer
{
    QString eventId;
    int status = 0;
};
// The answer a WebSocket text message carries, or nothing if it is not one.
std::optional<EventAnswer> parseEventAnswer(const QString &message);

// Closes a socket the hub no longer keeps (sending `message` first if any) and deletes it once
// the connection is down.
void closeSocket(std::unique_ptr<QWebSocket> socket, QWebSocketProtocol::CloseCode code,
                 const QString &message = {});

class HubSubscription : public QObject
{
    Q_OBJECT
public:
    HubSubscription(const QString &endpointId, const QString &applicationId, const QString &topic,
                    QObject *parent = nullptr);
    ~HubSubscription() override;

    QString endpointId() const { return m_endpointId; }
    QString applicationId() const { return m_applicationId; }
    QString displayName() const; // subscriber.name, else the application id
    bool wants(HubEvent event) const { return m_events.contains(event); }
    bool isConnected() const { return m_socket != nullptr; }
    // The last event sent here that awaits an answer: what a SyncError about this subscriber's
    // dropping refers to.
    const Notification &lastSent() const { return m_lastSent; }

    // A subscribe request, first or repeated (§2.4: a later one replaces events and lease).
    void grant(const SubscriptionRequest &request);
    // The subscriber connected to the endpoint: the confirmation goes out, the lease starts.
    void attach(std::unique_ptr<QWebSocket> socket);
    void send(const Notification &notification);
    // Sends the denial (§2.4 "Subscription Denial") and closes with 1000.
    void deny(const QString &reason);
    // Closes with `code` and sends nothing more.
    void end(QWebSocketProtocol::CloseCode code);

signals:
    void acknowledged(const QString &eventId, int status);
    void expired(); // the lease ran out, or nobody connected in time
    void dropped(int closeCode); // the subscriber closed, or the connection was lost (1006)

private:
    void confirm();
    void readAnswer(const QString &message);
    void onDisconnected();
    std::unique_ptr<QWebSocket> detach();

    const QString m_endpointId;
    const QString m_applicationId;
    const QString m_topic;
    QString m_name;
    QList<HubEvent> m_events;
    std::chrono::seconds m_lease { 0 };
    QTimer m_leaseTimer;
    std::unique_ptr<QWebSocket> m_socket;
    bool m_closeSeen = false;
    Notification m_lastSent;
    RateBudget m_messages{unaskedMessageBurst, unaskedMessagesPerSecond};
};

} // namespace Lanyard::Context::Internal
