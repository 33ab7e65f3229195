#include "hub/subscription.h"

#include "hub/hublogging.h"

#include <QJsonDocument>

namespace Lanyard::Context::Internal {

namespace {

using namespace std::chrono_literals;

// Time to connect to the endpoint after the 202; the lease itself starts with the confirmation
// (§2.4: "measured from the time the verification request was made").
constexpr auto connectWindow = 60s;
// A subscriber that never answers the closing handshake is cut off after this.
constexpr auto closeGrace = 5s;

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

void closeSocket(std::unique_ptr<QWebSocket> socket, QWebSocketProtocol::CloseCode code,
                 const QString &message)
{
    QWebSocket *raw = socket.release();
    if (raw->state() == QAbstractSocket::UnconnectedState) {
        raw->deleteLater();
        return;
    }
    QObject::connect(raw, &QWebSocket::disconnected, raw, &QObject::deleteLater);
    QTimer::singleShot(closeGrace, raw, [raw] {
        raw->abort();
        raw->deleteLater();
    });
    if (!message.isEmpty())
        raw->sendTextMessage(message);
    raw->close(code);
}

HubSubscription::HubSubscription(const QString &endpointId, const QString &applicationId,
                                 const QString &topic, QObject *parent)
    : QObject(parent)
    , m_endpointId(endpointId)
    , m_applicationId(applicationId)
    , m_topic(topic)
{
    m_leaseTimer.setSingleShot(true);
    connect(&m_leaseTimer, &QTimer::timeout, this, &HubSubscription::expired);
}

HubSubscription::~HubSubscription()
{
    if (m_socket)
        closeSocket(detach(), QWebSocketProtocol::CloseCodeGoingAway);
}

QString HubSubscription::displayName() const
{
    return m_name.isEmpty() ? m_applicationId : m_name;
}

void HubSubscription::grant(const SubscriptionRequest &request)
{
    m_events = request.events;
    m_lease = request.lease;
    m_name = request.subscriberName;
    if (m_socket)
        confirm();
    else
        m_leaseTimer.start(connectWindow);
}

void HubSubscription::attach(std::unique_ptr<QWebSocket> socket)
{
    m_socket = std::move(socket);
    m_closeSeen = false;
    m_socket->setMaxAllowedIncomingFrameSize(quint64(maximumIncomingMessage));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(maximumIncomingMessage));
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &HubSubscription::readAnswer);
    connect(m_socket.get(), &QWebSocket::aboutToClose, this, [this] { m_closeSeen = true; });
    connect(m_socket.get(), &QWebSocket::disconnected, this, &HubSubscription::onDisconnected);
    confirm();
}

void HubSubscription::confirm()
{
    m_socket->sendTextMessage(
        json({ { QStringLiteral("hub.mode"), QStringLiteral("subscribe") },
               { QStringLiteral("hub.topic"), m_topic },
               { QStringLiteral("hub.events"), eventNames(m_events) },
               { QStringLiteral("hub.lease_seconds"), qint64(m_lease.count()) } }));
    m_leaseTimer.start(m_lease);
}

void HubSubscription::send(const Notification &notification)
{
    if (!m_socket)
        return;
    m_socket->sendTextMessage(notification.text);
    m_messages.give(); // its answer is asked for
    if (awaitsAcknowledgement(notification.event))
        m_lastSent = notification;
}

void HubSubscription::deny(const QString &reason)
{
    m_leaseTimer.stop();
    if (!m_socket)
        return;
    const QString denial = json({ { QStringLiteral("hub.mode"), QStringLiteral("denied") },
                                  { QStringLiteral("hub.topic"), m_topic },
                                  { QStringLiteral("hub.events"), eventNames(m_events) },
                                  { QStringLiteral("hub.reason"), reason } });
    closeSocket(detach(), QWebSocketProtocol::CloseCodeNormal, denial);
}

void HubSubscription::end(QWebSocketProtocol::CloseCode code)
{
    m_leaseTimer.stop();
    if (m_socket)
        closeSocket(detach(), code);
}

// §2.5 "Event Notification Response": {"id": <event id>, "status": <HTTP status>}; the spec's
// own example writes the status as a string, so both are read.
std::optional<EventAnswer> parseEventAnswer(const QString &message)
{
    const QJsonObject answer = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString id = answer.value(QStringLiteral("id")).toString();
    const QJsonValue status = answer.value(QStringLiteral("status"));
    const int code = status.isString() ? status.toString().toInt() : status.toInt();
    if (id.isEmpty() || code < 100 || code > 599)
        return std::nullopt;
    return EventAnswer { id, code };
}

void HubSubscription::readAnswer(const QString &message)
{
    if (!m_socket)
        return; // cut off below, with more messages already read
    if (!m_messages.take()) {
        qCWarning(lcHub) << m_applicationId << "sends far more messages than it answers events: cut off";
        m_leaseTimer.stop();
        closeSocket(detach(), QWebSocketProtocol::CloseCodePolicyViolated);
        emit dropped(int(QWebSocketProtocol::CloseCodePolicyViolated));
        return;
    }
    const auto answer = parseEventAnswer(message);
    if (!answer) {
        qCDebug(lcHub) << m_applicationId << "sent a message that is not an event answer";
        return;
    }
    emit acknowledged(answer->eventId, answer->status);
}

void HubSubscription::onDisconnected()
{
    // No closing handshake: the connection was lost (RFC 6455 §7.1.5, code 1006).
    const int code = m_closeSeen ? int(m_socket->closeCode()) : 1006;
    m_leaseTimer.stop();
    detach().release()->deleteLater();
    emit dropped(code);
}

std::unique_ptr<QWebSocket> HubSubscription::detach()
{
    m_socket->disconnect(this);
    return std::move(m_socket);
}

} // namespace Lanyard::Context::Internal
