#include "hub/subscriptionrequest.h"

#include <QUrlQuery>

namespace Lanyard::Context::Internal {

namespace {

constexpr qsizetype maximumNameLength = 200;

Error refused(const QString &reason)
{
    return Error::make(ContextError::Hub, reason, 400);
}

// §2.4: "Each parameter SHALL appear at most one time". Form encoding writes spaces as '+'.
Result<QHash<QString, QString>> formParameters(const QByteArray &body)
{
    QByteArray encoded = body;
    encoded.replace('+', "%20");
    QHash<QString, QString> parameters;
    const auto items = QUrlQuery(QString::fromUtf8(encoded)).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (parameters.contains(key))
            return refused(QStringLiteral("The parameter %1 appears more than once.").arg(key));
        parameters.insert(key, value);
    }
    return parameters;
}

Result<QList<HubEvent>> parseEvents(const QString &list)
{
    QList<HubEvent> events;
    QStringList unknown;
    for (const QString &name : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QList<HubEvent> matched = eventsMatching(name.trimmed());
        if (matched.isEmpty())
            unknown.append(name.trimmed().left(64));
        events.append(matched);
    }
    if (!unknown.isEmpty())
        return refused(QStringLiteral("The hub does not support the events %1; it supports %2.")
                           .arg(unknown.join(QLatin1String(", ")), eventNames(supportedEvents())));
    if (events.isEmpty())
        return refused(QStringLiteral("hub.events names no event."));
    QList<HubEvent> ordered; // the hub's order, each once
    for (HubEvent event : supportedEvents()) {
        if (events.contains(event))
            ordered.append(event);
    }
    return ordered;
}

Result<std::chrono::seconds> parseLease(const QHash<QString, QString> &parameters,
                                        const LeasePolicy &lease)
{
    const QString asked = parameters.value(QStringLiteral("hub.lease_seconds"));
    if (asked.isEmpty())
        return lease.maximum;
    bool ok = false;
    const qint64 seconds = asked.toLongLong(&ok);
    if (!ok || seconds <= 0)
        return refused(QStringLiteral("hub.lease_seconds must be a positive whole number."));
    return std::min(std::chrono::seconds(seconds), lease.maximum);
}

} // namespace

Result<SubscriptionRequest> parseSubscriptionRequest(const QByteArray &body, const QString &topic,
                                                     const LeasePolicy &lease)
{
    const auto parameters = formParameters(body);
    if (!parameters)
        return parameters.error();
    const auto value = [&](const char *key) { return parameters->value(QString::fromLatin1(key)); };

    if (value("hub.channel.type") != QLatin1String("websocket"))
        return refused(QStringLiteral("hub.channel.type must be websocket; this hub has no "
                                      "webhooks."));
    if (value("hub.topic").compare(topic, Qt::CaseInsensitive) != 0)
        return refused(QStringLiteral("hub.topic is not this hub's topic."));

    SubscriptionRequest request;
    request.endpoint = value("hub.channel.endpoint");
    const QString mode = value("hub.mode");
    if (mode == QLatin1String("unsubscribe")) {
        request.mode = SubscriptionRequest::Mode::Unsubscribe;
        if (parameters->contains(QStringLiteral("hub.events")))
            return refused(QStringLiteral("An unsubscribe request carries no hub.events."));
        if (request.endpoint.isEmpty())
            return refused(QStringLiteral("An unsubscribe request needs hub.channel.endpoint."));
        return request;
    }
    if (mode != QLatin1String("subscribe"))
        return refused(QStringLiteral("hub.mode must be subscribe or unsubscribe."));

    const auto events = parseEvents(value("hub.events"));
    if (!events)
        return events.error();
    const auto granted = parseLease(*parameters, lease);
    if (!granted)
        return granted.error();
    request.events = *events;
    request.lease = *granted;
    request.subscriberName = value("subscriber.name").left(maximumNameLength);
    return request;
}

} // namespace Lanyard::Context::Internal
