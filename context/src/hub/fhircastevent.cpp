#include "hub/fhircastevent.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

namespace Lanyard::Context::Internal {

namespace {

const QString syncErrorSystem = QStringLiteral("https://fhircast.hl7.org/events/syncerror/");
const QString fhircastCodeSystem
    = QStringLiteral("http://fhircast.hl7.org/CodeSystem/fhircast-codesystem");
constexpr qsizetype maximumIdLength = 128;

Error refused(const QString &reason, int status = 400)
{
    return Error::make(ContextError::Hub, reason, status);
}

QJsonObject coding(const QString &system, const QString &code)
{
    return { { QStringLiteral("system"), system }, { QStringLiteral("code"), code } };
}

QJsonArray keyed(const QString &key, const QJsonObject &resource)
{
    return { QJsonObject { { QStringLiteral("key"), key },
                           { QStringLiteral("resource"), resource } } };
}

// The resource under `key` in an event's context (§2.3: keys are lower case, case-sensitive).
std::optional<QJsonObject> contextResource(const QJsonArray &context, const QString &key)
{
    for (const QJsonValue &entry : context) {
        const QJsonObject object = entry.toObject();
        if (object.value(QStringLiteral("key")).toString() == key
            && object.value(QStringLiteral("resource")).isObject())
            return object.value(QStringLiteral("resource")).toObject();
    }
    return std::nullopt;
}

bool isTimestamp(const QString &text)
{
    return !text.isEmpty() && text.size() <= 64
        && QDateTime::fromString(text, Qt::ISODateWithMs).isValid();
}

} // namespace

const QList<HubEvent> &supportedEvents()
{
    static const QList<HubEvent> events { HubEvent::PatientOpen, HubEvent::PatientClose,
                                          HubEvent::SyncError, HubEvent::UserLogout,
                                          HubEvent::UserHibernate };
    return events;
}

QString eventName(HubEvent event)
{
    switch (event) {
    case HubEvent::PatientOpen:
        return QStringLiteral("Patient-open");
    case HubEvent::PatientClose:
        return QStringLiteral("Patient-close");
    case HubEvent::SyncError:
        return QStringLiteral("SyncError");
    case HubEvent::UserLogout:
        return QStringLiteral("UserLogout");
    case HubEvent::UserHibernate:
        return QStringLiteral("UserHibernate");
    }
    return {};
}

std::optional<HubEvent> eventFromName(QStringView name)
{
    for (HubEvent event : supportedEvents()) {
        if (name.compare(eventName(event), Qt::CaseInsensitive) == 0)
            return event;
    }
    return std::nullopt;
}

QList<HubEvent> eventsMatching(QStringView name)
{
    const auto part = [](QStringView pattern, QStringView value) {
        return pattern == u"*" || pattern.compare(value, Qt::CaseInsensitive) == 0;
    };
    const qsizetype dash = name.indexOf(u'-');
    QList<HubEvent> matched;
    for (HubEvent event : supportedEvents()) {
        const QString canonical = eventName(event);
        const qsizetype canonicalDash = canonical.indexOf(u'-');
        const bool matches = name == u"*"
            || (dash < 0 ? part(name, canonical)
                         : canonicalDash >= 0
                        && part(name.left(dash), QStringView(canonical).left(canonicalDash))
                        && part(name.mid(dash + 1), QStringView(canonical).mid(canonicalDash + 1)));
        if (matches)
            matched.append(event);
    }
    return matched;
}

QString eventNames(const QList<HubEvent> &events)
{
    QStringList names;
    for (HubEvent event : events)
        names << eventName(event);
    return names.join(QLatin1Char(','));
}

bool awaitsAcknowledgement(HubEvent event)
{
    return event != HubEvent::SyncError;
}

Notification makeNotification(HubEvent event, const QString &topic, const EventContent &content)
{
    Notification notification;
    notification.event = event;
    notification.id
        = content.id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : content.id;
    const QString timestamp = content.timestamp.isEmpty()
        ? QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)
        : content.timestamp;
    const QJsonObject body { { QStringLiteral("timestamp"), timestamp },
                             { QStringLiteral("id"), notification.id },
                             { QStringLiteral("event"),
                               QJsonObject { { QStringLiteral("hub.topic"), topic },
                                             { QStringLiteral("hub.event"), eventName(event) },
                                             { QStringLiteral("context"), content.context } } } };
    notification.text = QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact));
    return notification;
}

bool isPatientWithId(const QJsonObject &resource)
{
    const QString id = resource.value(QStringLiteral("id")).toString();
    return resource.value(QStringLiteral("resourceType")).toString() == QLatin1String("Patient")
        && !id.isEmpty() && id.size() <= maximumIdLength;
}

QJsonArray patientContext(const QJsonObject &patient)
{
    return keyed(QStringLiteral("patient"), patient);
}

QJsonArray sessionContext(HubEvent event)
{
    QJsonArray parameters { QJsonObject {
        { QStringLiteral("name"), QStringLiteral("code") },
        { QStringLiteral("valueCoding"),
          coding(fhircastCodeSystem, QStringLiteral("user-initiated")) } } };
    // §3.2.4: "hub" false, the hub keeps running while the session is locked.
    if (event == HubEvent::UserHibernate)
        parameters.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("hub") },
                                        { QStringLiteral("valueBoolean"), false } });
    return keyed(QStringLiteral("parameters"),
                 { { QStringLiteral("resourceType"), QStringLiteral("Parameters") },
                   { QStringLiteral("parameter"), parameters } });
}

QJsonArray syncErrorContext(const SyncErrorCause &cause)
{
    QJsonArray codings;
    if (!cause.eventId.isEmpty()) {
        codings.append(coding(syncErrorSystem + QStringLiteral("eventid"), cause.eventId));
        codings.append(coding(syncErrorSystem + QStringLiteral("eventname"), cause.eventName));
    }
    codings.append(
        coding(syncErrorSystem + QStringLiteral("subscribername"), cause.subscriberName));
    return keyed(QStringLiteral("operationoutcome"),
                 operationOutcome(QStringLiteral("warning"), QStringLiteral("processing"),
                                  cause.diagnostics, codings));
}

QJsonObject operationOutcome(const QString &severity, const QString &code,
                             const QString &diagnostics, const QJsonArray &codings)
{
    QJsonObject issue { { QStringLiteral("severity"), severity },
                        { QStringLiteral("code"), code },
                        { QStringLiteral("diagnostics"), diagnostics } };
    if (!codings.isEmpty())
        issue.insert(QStringLiteral("details"),
                     QJsonObject { { QStringLiteral("coding"), codings } });
    return { { QStringLiteral("resourceType"), QStringLiteral("OperationOutcome") },
             { QStringLiteral("issue"), QJsonArray { issue } } };
}

Result<PublishedEvent> parsePublishedEvent(const QByteArray &body, const QString &topic)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refused(QStringLiteral("The body is not JSON: %1 at offset %2.")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
    if (!document.isObject())
        return refused(QStringLiteral("The body must be a JSON object."));
    const QJsonObject root = document.object();
    const QJsonObject event = root.value(QStringLiteral("event")).toObject();
    PublishedEvent published;
    published.content.id = root.value(QStringLiteral("id")).toString();
    published.content.timestamp = root.value(QStringLiteral("timestamp")).toString();
    if (published.content.id.isEmpty() || published.content.id.size() > maximumIdLength)
        return refused(
            QStringLiteral("\"id\" must be a string of 1 to %1 characters.").arg(maximumIdLength));
    if (!isTimestamp(published.content.timestamp))
        return refused(QStringLiteral("\"timestamp\" must be an ISO 8601 date and time."));
    if (event.isEmpty())
        return refused(QStringLiteral("\"event\" must be an object."));
    if (event.value(QStringLiteral("hub.topic")).toString().compare(topic, Qt::CaseInsensitive)
        != 0)
        return refused(QStringLiteral("\"hub.topic\" is not this hub's topic."));
    const QString name = event.value(QStringLiteral("hub.event")).toString();
    const auto kind = eventFromName(name);
    if (!kind)
        return refused(QStringLiteral("The hub does not support the event \"%1\"; it supports %2.")
                           .arg(name.left(64), eventNames(supportedEvents())));
    published.event = *kind;
    const QJsonArray context = event.value(QStringLiteral("context")).toArray();

    switch (published.event) {
    case HubEvent::PatientOpen:
    case HubEvent::PatientClose: {
        const auto patient = contextResource(context, QStringLiteral("patient"));
        if (!patient || !isPatientWithId(*patient))
            return refused(QStringLiteral("%1 needs a context entry \"patient\" holding a Patient "
                                          "with an id.")
                               .arg(eventName(published.event)));
        published.resource = *patient;
        published.content.context = patientContext(*patient);
        break;
    }
    case HubEvent::SyncError: {
        const auto outcome = contextResource(context, QStringLiteral("operationoutcome"));
        if (!outcome
            || outcome->value(QStringLiteral("resourceType")).toString()
                != QLatin1String("OperationOutcome"))
            return refused(QStringLiteral("SyncError needs a context entry \"operationoutcome\" "
                                          "holding an OperationOutcome."));
        published.resource = *outcome;
        published.content.context = keyed(QStringLiteral("operationoutcome"), *outcome);
        break;
    }
    case HubEvent::UserLogout:
    case HubEvent::UserHibernate:
        published.content.context = context;
        break;
    }
    return published;
}

} // namespace Lanyard::Context::Internal
