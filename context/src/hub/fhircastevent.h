// FHIRcast 3.0.0 events as the hub sends and receives them: the event names it supports, the
// notification built and serialized once for every subscriber, the contexts of each event, and
// the checks on an event a subscriber publishes.
#pragma once

#include <lanyard/context/contexterror.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Lanyard::Context::Internal {

enum class HubEvent { PatientOpen, PatientClose, SyncError, UserLogout, UserHibernate };

const QList<HubEvent> &supportedEvents();
QString eventName(HubEvent event); // "Patient-open", as the spec spells it
std::optional<HubEvent> eventFromName(QStringView name); // case-insensitive (§2.3)
// The events a subscription's name stands for: one, or a §2.3 wild card ("*", "Patient-*",
// "*-open", "*-*"); none if the hub supports no such event.
QList<HubEvent> eventsMatching(QStringView name);
QString eventNames(const QList<HubEvent> &events); // "Patient-open,Patient-close"
// Subscribers answer every event with {"id","status"}; the hub waits for those answers to all but
// SyncError, which must not raise a SyncError of its own.
bool awaitsAcknowledgement(HubEvent event);

struct EventContent
{
    QString id; // empty: a new UUID
    QString timestamp; // empty: now, in UTC
    QJsonArray context;
};

// One event notification (§2.5), serialized once and sent as is to every subscriber.
struct Notification
{
    HubEvent event = HubEvent::PatientOpen;
    QString id;
    QString text;
};

Notification makeNotification(HubEvent event, const QString &topic, const EventContent &content);

bool isPatientWithId(const QJsonObject &resource);
QJsonArray patientContext(const QJsonObject &patient);
// UserLogout / UserHibernate: a Parameters resource with the coded reason (§3.2.3, §3.2.4).
QJsonArray sessionContext(HubEvent event);

struct SyncErrorCause
{
    QString eventId; // the event that was refused or not answered
    QString eventName;
    QString subscriberName;
    QString diagnostics;
};
// SyncError (§3.2.1): one OperationOutcome, severity warning, code processing, the failing
// event's id and name and the subscriber's name in issue.details.coding.
QJsonArray syncErrorContext(const SyncErrorCause &cause);

QJsonObject operationOutcome(const QString &severity, const QString &code,
                             const QString &diagnostics, const QJsonArray &codings = {});

// An event a subscriber asks the hub to broadcast (§2.6), checked. The context is rebuilt from
// the checked resource; anything else the request carried is dropped.
struct PublishedEvent
{
    HubEvent event = HubEvent::PatientOpen;
    EventContent content;
    QJsonObject resource; // the Patient, or the SyncError's OperationOutcome
};
// Errors carry ContextError::Hub, the reason a developer reads, and the HTTP status.
Result<PublishedEvent> parsePublishedEvent(const QByteArray &body, const QString &topic);

} // namespace Lanyard::Context::Internal
