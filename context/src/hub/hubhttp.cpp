// The hub's HTTP side (FHIRcast 3.0.0): discovery (§2.7), subscribe and unsubscribe (§2.4),
// publish (§2.6) and get-current (§2.9), on 127.0.0.1 only.
#include "hub/fhircasthub_p.h"

#include "hub/boundedtcpserver.h"
#include "hub/hublogging.h"
#include "hub/hubreplies.h"
#include "hub/subscriptionrequest.h"

#include <QHttpServerRequest>

namespace Lanyard::Context {

using namespace Internal;

namespace {

using Method = QHttpServerRequest::Method;

// Room for every application on a ward PC many times over; a runaway subscriber stops here.
constexpr qsizetype maximumSubscriptions = 1000;
constexpr int listenBacklog = 128;

QByteArray mediaType(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("Content-Type")).split(';').first().trimmed().toLower();
}

} // namespace

Result<void> FhircastHub::Private::listen()
{
    auto *server = new BoundedTcpServer();
    server->setListenBacklogSize(listenBacklog);
    // Loopback only, always: the hub carries patient context and answers any local process
    // holding a token, never the network.
    if (!server->listen(QHostAddress::LocalHost, config.port)) {
        const QString why = server->errorString();
        const auto error = server->serverError();
        delete server;
        return Error::make(ContextError::Hub,
                           QStringLiteral("The FHIRcast hub cannot listen on 127.0.0.1 port %1 "
                                          "(%2). Another program may be using it: set hub/port "
                                          "to a free port, or to 0 to take any free one.")
                               .arg(config.port)
                               .arg(why),
                           error);
    }
    port = server->serverPort();
    http = std::make_unique<QHttpServer>();
    http->setParent(q); // its listening QTcpServer is then the hub's grandchild
    http->bind(server);
    route();
    return {};
}

void FhircastHub::Private::route()
{
    http->route(hubPath, Method::Post, [this](const QHttpServerRequest &request) {
        if (auto refusal = refuseForeignHost(request))
            return std::move(*refusal);
        // Qt HttpServer has read the whole body by now; BoundedTcpServer stopped anything far
        // larger on the way in.
        if (request.body().size() > maximumRequestBody)
            return errorReply(
                413,
                QStringLiteral("The request is larger than %1 bytes.").arg(maximumRequestBody));
        return post(request);
    });
    http->route(hubPath + QStringLiteral("/.well-known/fhircast-configuration"), Method::Get,
               [this](const QHttpServerRequest &request) {
                   if (auto refusal = refuseForeignHost(request))
                       return std::move(*refusal);
                   return discovery();
               });
    http->route(hubPath + QStringLiteral("/<arg>"), Method::Get,
               [this](const QString &asked, const QHttpServerRequest &request) {
                   if (auto refusal = refuseForeignHost(request))
                       return std::move(*refusal);
                   return currentContext(asked, request);
               });
    // Qt HttpServer 6.4.2 upgrades a WebSocket request only when a route handled it: this one
    // writes nothing for an upgrade and lets the upgrade go on; accept() then checks the
    // endpoint on the open socket (a made-up one is closed with 1008).
    http->route(
        socketPath + QStringLiteral("<arg>"), Method::Get,
        [](const QString &, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            if (request.value(QByteArrayLiteral("Upgrade")).toLower() != "websocket")
                errorReply(400, QStringLiteral("Connect to the endpoint with a WebSocket."))
                    .write(std::move(responder));
        });
    http->setMissingHandler([](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        errorReply(404, QStringLiteral("Not a FHIRcast hub path.")).write(std::move(responder));
    });
    QObject::connect(http.get(), &QAbstractHttpServer::newWebSocketConnection, q,
                     [this] { acceptSockets(); });
}

QString FhircastHub::Private::endpointUrl(const QString &id) const
{
    return QStringLiteral("ws://127.0.0.1:%1%2%3").arg(port).arg(socketPath, id);
}

// DNS rebinding: a web page whose name now resolves to 127.0.0.1 still sends its own Host.
std::optional<QHttpServerResponse>
FhircastHub::Private::refuseForeignHost(const QHttpServerRequest &request) const
{
    const QByteArray host = request.value(QByteArrayLiteral("Host")).toLower();
    const QByteArray suffix = ':' + QByteArray::number(port);
    if (host == "127.0.0.1" + suffix || host == "localhost" + suffix)
        return std::nullopt;
    return errorReply(403, QStringLiteral("The Host header does not name this hub."));
}

Result<QString> FhircastHub::Private::authenticate(const QHttpServerRequest &request) const
{
    const auto application
        = tokens.applicationFor(bearerToken(request.value(QByteArrayLiteral("Authorization"))));
    if (!application) {
        qCInfo(lcHub) << "refused a request without a current Bearer token";
        return Error::make(ContextError::AccessDenied,
                           QStringLiteral("A current Bearer token from Lanyard is required."), 401);
    }
    return *application;
}

QHttpServerResponse FhircastHub::Private::discovery() const
{
    QJsonArray events;
    for (HubEvent event : supportedEvents())
        events.append(eventName(event));
    return jsonReply({ { QStringLiteral("eventsSupported"), events },
                       { QStringLiteral("websocketSupport"), true },
                       { QStringLiteral("webhookSupport"), false },
                       { QStringLiteral("fhircastVersion"), QStringLiteral("3.0.0") },
                       { QStringLiteral("getCurrentSupport"), true } });
}

// §2.9: the current context, or an empty one. Patient context is for token holders only.
QHttpServerResponse FhircastHub::Private::currentContext(const QString &asked,
                                                         const QHttpServerRequest &request)
{
    if (const auto application = authenticate(request); !application)
        return errorReply(401, application.error().message);
    if (asked.compare(topic, Qt::CaseInsensitive) != 0)
        return errorReply(404, QStringLiteral("No such topic."));
    return jsonReply(
        { { QStringLiteral("context.type"), openEvent ? QStringLiteral("Patient") : QString() },
          { QStringLiteral("context.versionId"), contextVersion },
          { QStringLiteral("context"), openEvent ? patientContext(patient) : QJsonArray() } });
}

// §2.4 subscriptions are form-encoded, §2.6 published events are JSON, both at hub.url.
QHttpServerResponse FhircastHub::Private::post(const QHttpServerRequest &request)
{
    const auto application = authenticate(request);
    if (!application)
        return errorReply(401, application.error().message);
    const QByteArray type = mediaType(request);
    if (type == "application/x-www-form-urlencoded")
        return subscribe(request.body(), *application);
    if (type == "application/fhir+json" || type == "application/json")
        return publish(request.body(), *application);
    return errorReply(415,
                      QStringLiteral("Send application/x-www-form-urlencoded to subscribe, "
                                     "application/fhir+json to publish."));
}

QHttpServerResponse FhircastHub::Private::subscribe(const QByteArray &body,
                                                    const QString &application)
{
    const auto request = parseSubscriptionRequest(body, topic, { config.maximumLease });
    if (!request)
        return errorReply(int(request.error().nativeCode), request.error().message);

    HubSubscription *existing = nullptr;
    if (!request->endpoint.isEmpty()) {
        existing = subscriptionAt(request->endpoint, application);
        if (!existing)
            return errorReply(404,
                              QStringLiteral("hub.channel.endpoint is not one of this "
                                             "application's subscriptions."));
    }
    const QJsonObject endpoint { { QStringLiteral("hub.channel.endpoint"), request->endpoint } };
    if (request->mode == SubscriptionRequest::Mode::Unsubscribe) {
        qCInfo(lcHub) << application << "unsubscribed";
        existing->deny(QStringLiteral("unsubscribed"));
        remove(existing);
        return jsonReply(endpoint, 202);
    }
    if (existing) { // §2.4: a repeated subscribe replaces events and lease
        existing->grant(*request);
        return jsonReply(endpoint, 202);
    }
    if (subscriptions.size() >= maximumSubscriptions)
        return errorReply(503, QStringLiteral("The hub has too many subscriptions."));
    HubSubscription *subscription = addSubscription(application);
    subscription->grant(*request);
    qCInfo(lcHub) << application << "subscribed to" << eventNames(request->events) << "for"
                  << request->lease.count() << "s";
    return jsonReply(
        { { QStringLiteral("hub.channel.endpoint"), endpointUrl(subscription->endpointId()) } },
        202);
}

HubSubscription *FhircastHub::Private::subscriptionAt(const QString &endpoint,
                                                      const QString &application) const
{
    const QString path = QUrl(endpoint.trimmed()).path();
    if (!path.startsWith(socketPath))
        return nullptr;
    HubSubscription *subscription = subscriptions.value(path.mid(socketPath.size()));
    return subscription && subscription->applicationId() == application ? subscription : nullptr;
}

QHttpServerResponse FhircastHub::Private::publish(const QByteArray &body,
                                                  const QString &application)
{
    auto budget = publishBudgets.try_emplace(application, 10.0, 5.0).first;
    if (!budget->second.take()) {
        if (!std::exchange(publishThrottled[application], true))
            qCWarning(lcHub) << application << "publishes events faster than 5 a second: held back";
        QHttpServerResponse refused = errorReply(
            429, QStringLiteral("Too many events from this application; send it again later."));
        refused.addHeader(QByteArrayLiteral("Retry-After"),
                          QByteArray::number(budget->second.secondsUntilNext()));
        return refused;
    }
    publishThrottled[application] = false;
    const auto published = parsePublishedEvent(body, topic);
    if (!published)
        return errorReply(int(published.error().nativeCode), published.error().message);
    const Notification notification = makeNotification(published->event, topic, published->content);
    qCInfo(lcHub) << application << "published" << eventName(published->event) << notification.id;
    switch (published->event) {
    case HubEvent::PatientOpen:
        open(notification, published->resource);
        emit q->patientOpenedBySubscriber(published->resource, application);
        break;
    case HubEvent::PatientClose:
        // §3.3.2: the close names the resource that was opened.
        if (!openEvent
            || published->resource.value(QStringLiteral("id"))
                != patient.value(QStringLiteral("id")))
            return errorReply(409,
                              QStringLiteral("Patient-close names a patient that is not the "
                                             "open one."));
        close(notification);
        emit q->patientClosedBySubscriber(application);
        break;
    case HubEvent::SyncError: {
        // §2.5: a subscriber's SyncError goes to the other subscribers.
        broadcast(notification, application);
        const QJsonObject issue
            = published->resource.value(QStringLiteral("issue")).toArray().first().toObject();
        emit q->syncErrorRaised(application,
                                issue.value(QStringLiteral("diagnostics")).toString().left(200));
        break;
    }
    case HubEvent::UserLogout:
    case HubEvent::UserHibernate:
        return errorReply(403,
                          QStringLiteral("Only Lanyard ends or locks the session: take the "
                                         "card out, or sign out in Lanyard."));
    }
    return QHttpServerResponse(QHttpServerResponder::StatusCode::Accepted);
}

} // namespace Lanyard::Context
