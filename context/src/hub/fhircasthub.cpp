// The hub's fan-out: subscriptions and their sockets, the current context, events serialized
// once and sent to every subscriber, the answers awaited, and SyncError (FHIRcast 3.0.0 §2.5).
// The HTTP side is in hubhttp.cpp.
#include "hub/fhircasthub_p.h"

#include "hub/hublogging.h"

#include <QTimer>

#include <algorithm>

namespace Lanyard::Context {

using namespace Internal;

namespace {

bool isAbnormalClose(int code)
{
    return code != QWebSocketProtocol::CloseCodeNormal
        && code != QWebSocketProtocol::CloseCodeGoingAway;
}

} // namespace

FhircastHub::Private::Private(FhircastHub *owner, const Config &c)
    : q(owner)
    , config(c)
    , topic(c.topic.isEmpty() ? newUuid() : c.topic)
    , acknowledgements(c.acknowledgementTimeout,
                       [this](const QString &subscription, const QString &eventId, HubEvent event) {
                           onUnanswered(subscription, eventId, event);
                       })
{
}

HubSubscription *FhircastHub::Private::addSubscription(const QString &application)
{
    const QString id = QString::fromLatin1(randomToken());
    auto *subscription = new HubSubscription(id, application, topic, q);
    QObject::connect(
        subscription, &HubSubscription::acknowledged, q,
        [this, id](const QString &eventId, int status) { onAnswer(id, eventId, status); });
    QObject::connect(subscription, &HubSubscription::expired, q, [this, subscription] {
        qCInfo(lcHub) << subscription->applicationId() << "lease ended";
        subscription->deny(QStringLiteral("lease expired"));
        remove(subscription);
    });
    QObject::connect(subscription, &HubSubscription::dropped, q, [this, subscription](int code) {
        qCInfo(lcHub) << subscription->applicationId() << "disconnected with code" << code;
        remove(subscription);
        // §2.5 "Hub Generated syncerror Events": any close but 1000 and 1001.
        if (isAbnormalClose(code)) {
            const Notification &last = subscription->lastSent();
            raiseSyncError(*subscription, last.id, last.event,
                           QStringLiteral("closed its connection abnormally (code %1)").arg(code));
        }
    });
    subscriptions.insert(id, subscription);
    return subscription;
}

void FhircastHub::Private::acceptSockets()
{
    while (http->hasPendingWebSocketConnections())
        accept(http->nextPendingWebSocketConnection());
}

void FhircastHub::Private::accept(std::unique_ptr<QWebSocket> socket)
{
    const QString path = socket->requestUrl().path();
    HubSubscription *subscription
        = path.startsWith(socketPath) ? subscriptions.value(path.mid(socketPath.size())) : nullptr;
    if (!subscription || subscription->isConnected()) {
        qCWarning(lcHub) << "closed a WebSocket to an endpoint that is not a waiting subscription";
        // Closed once Qt WebSockets has finished the handshake it is still inside of.
        QWebSocket *refused = socket.release();
        QTimer::singleShot(0, refused, [refused] {
            closeSocket(std::unique_ptr<QWebSocket>(refused),
                        QWebSocketProtocol::CloseCodePolicyViolated);
        });
        return;
    }
    subscription->attach(std::move(socket));
    reportCount();
    // §2.4 "Current context notification upon successful subscription".
    if (openEvent && subscription->wants(HubEvent::PatientOpen)) {
        subscription->send(*openEvent);
        acknowledgements.expect(*openEvent, { subscription->endpointId() });
    }
}

void FhircastHub::Private::remove(HubSubscription *subscription)
{
    if (!subscriptions.remove(subscription->endpointId()))
        return;
    acknowledgements.forget(subscription->endpointId());
    subscription->disconnect(q);
    subscription->end(QWebSocketProtocol::CloseCodeNormal); // unless already closed
    subscription->deleteLater();
    reportCount();
}

void FhircastHub::Private::removeAll()
{
    acknowledgements.clear();
    const auto all = subscriptions.values();
    for (HubSubscription *subscription : all)
        remove(subscription);
}

int FhircastHub::Private::connectedCount() const
{
    return int(std::count_if(subscriptions.cbegin(), subscriptions.cend(),
                             [](const HubSubscription *s) { return s->isConnected(); }));
}

void FhircastHub::Private::reportCount()
{
    const int count = connectedCount();
    if (count == reportedCount)
        return;
    reportedCount = count;
    emit q->subscribersChanged(count);
}

// Serialized once by makeNotification(): every subscriber is sent the same text. Subscribers of
// `exceptApplication` are left out (a SyncError goes to the others).
void FhircastHub::Private::broadcast(const Notification &notification,
                                     const QString &exceptApplication)
{
    QList<QString> sentTo;
    sentTo.reserve(subscriptions.size());
    for (HubSubscription *subscription : std::as_const(subscriptions)) {
        if (!subscription->isConnected() || !subscription->wants(notification.event)
            || subscription->applicationId() == exceptApplication)
            continue;
        subscription->send(notification);
        sentTo.append(subscription->endpointId());
    }
    if (awaitsAcknowledgement(notification.event))
        acknowledgements.expect(notification, sentTo);
}

void FhircastHub::Private::open(const Notification &notification, const QJsonObject &resource)
{
    openEvent = notification;
    patient = resource;
    contextVersion = newUuid();
    broadcast(notification);
}

void FhircastHub::Private::close(const Notification &notification)
{
    clearContext();
    broadcast(notification);
}

void FhircastHub::Private::clearContext()
{
    openEvent.reset();
    patient = {};
    contextVersion = newUuid();
}

void FhircastHub::Private::onAnswer(const QString &subscriptionId, const QString &eventId,
                                    int status)
{
    HubSubscription *subscription = subscriptions.value(subscriptionId);
    const auto event = acknowledgements.settle(subscriptionId, eventId);
    if (!subscription || !event || (status >= 200 && status < 300))
        return;
    // §2.5: 409 and other 4xx refuse the event, 5xx could not follow it; either way the hub
    // SHALL send a SyncError. The subscription stays.
    raiseSyncError(
        *subscription, eventId, *event,
        QStringLiteral("%1 %2 (status %3)")
            .arg(status >= 500 ? QStringLiteral("could not follow") : QStringLiteral("refused"),
                 eventName(*event))
            .arg(status));
}

void FhircastHub::Private::onUnanswered(const QString &subscriptionId, const QString &eventId,
                                        HubEvent event)
{
    HubSubscription *subscription = subscriptions.value(subscriptionId);
    if (!subscription)
        return;
    // §2.5: after the SyncError about an unresponsive subscriber the hub SHALL unsubscribe it.
    subscription->deny(QStringLiteral("no answer to an event"));
    remove(subscription);
    raiseSyncError(*subscription, eventId, event,
                   QStringLiteral("did not answer %1 within %2 ms")
                       .arg(eventName(event))
                       .arg(config.acknowledgementTimeout.count()));
}

// §3.2.1: a SyncError whose OperationOutcome names the event, its id and the subscriber.
void FhircastHub::Private::raiseSyncError(const HubSubscription &subscription,
                                          const QString &eventId, HubEvent event,
                                          const QString &reason)
{
    qCWarning(lcHub) << "sync error:" << subscription.applicationId() << reason << eventId;
    const QString name = subscription.displayName();
    const QJsonArray context = syncErrorContext(
        { eventId, eventName(event), name, QStringLiteral("%1 %2").arg(name, reason) });
    broadcast(makeNotification(HubEvent::SyncError, topic, { {}, {}, context }),
              subscription.applicationId());
    emit q->syncErrorRaised(subscription.applicationId(), reason);
}

FhircastHub::FhircastHub(QObject *parent)
    : QObject(parent)
{ }

FhircastHub::~FhircastHub()
{
    // Subscribers hear 1001 (going away) while everything they reach is still here.
    qDeleteAll(d->subscriptions);
    d->subscriptions.clear();
}

Result<std::unique_ptr<FhircastHub>> FhircastHub::create(const Config &config, QObject *parent)
{
    if (config.acknowledgementTimeout.count() <= 0 || config.maximumLease.count() <= 0)
        return Error::make(ContextError::Configuration,
                           QStringLiteral("The FHIRcast hub needs a positive acknowledgement "
                                          "timeout and maximum lease."));
    std::unique_ptr<FhircastHub> hub(new FhircastHub(parent));
    hub->d = std::make_unique<Private>(hub.get(), config);
    return hub;
}

Result<std::unique_ptr<FhircastHub>> FhircastHub::start(const Config &config, QObject *parent)
{
    auto hub = create(config, parent);
    if (!hub)
        return hub.error();
    if (const auto listening = (*hub)->listen(); !listening)
        return listening.error();
    return hub;
}

Result<void> FhircastHub::listen()
{
    if (d->http)
        return {};
    if (const auto listening = d->listen(); !listening)
        return listening.error();
    qCInfo(lcHub) << "listening on" << url().toString();
    return {};
}

bool FhircastHub::isListening() const { return d->http != nullptr; }

QUrl FhircastHub::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(d->port).arg(hubPath));
}

QString FhircastHub::topic() const
{
    return d->topic;
}

QByteArray FhircastHub::issueToken(const QString &applicationId)
{
    return d->tokens.issue(applicationId);
}

void FhircastHub::revokeAllTokens()
{
    d->tokens.revokeAll();
    d->removeAll();
    // The next session's subscribers must not be handed this session's patient.
    d->clearContext();
}

void FhircastHub::openPatient(const QJsonObject &patientResource)
{
    if (!isPatientWithId(patientResource)) {
        qCWarning(lcHub) << "openPatient: not a Patient with an id; nothing sent";
        return;
    }
    d->open(makeNotification(HubEvent::PatientOpen, d->topic,
                             { {}, {}, patientContext(patientResource) }),
            patientResource);
}

void FhircastHub::closePatient()
{
    if (!d->openEvent)
        return;
    d->close(
        makeNotification(HubEvent::PatientClose, d->topic, { {}, {}, patientContext(d->patient) }));
}

void FhircastHub::userLogout()
{
    d->clearContext();
    d->broadcast(makeNotification(HubEvent::UserLogout, d->topic,
                                  { {}, {}, sessionContext(HubEvent::UserLogout) }));
}

void FhircastHub::userHibernate()
{
    d->broadcast(makeNotification(HubEvent::UserHibernate, d->topic,
                                  { {}, {}, sessionContext(HubEvent::UserHibernate) }));
}

QJsonObject FhircastHub::currentPatient() const
{
    return d->patient;
}

int FhircastHub::subscriberCount() const
{
    return d->connectedCount();
}

} // namespace Lanyard::Context
