// The answers the hub is waiting for (FHIRcast 3.0.0 §2.5): for each event sent, the
// subscriptions that have not answered yet. Every event has the same timeout, so events fall due
// in the order they were sent, and one timer, set for the oldest, serves them all however many
// subscribers there are.
#pragma once

#include "hub/fhircastevent.h"

#include <QDeadlineTimer>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>

namespace Lanyard::Context::Internal {

class AcknowledgementTracker
{
public:
    using TimedOut
        = std::function<void(const QString &subscription, const QString &eventId, HubEvent event)>;
    AcknowledgementTracker(std::chrono::milliseconds timeout, TimedOut onTimedOut);

    void expect(const Notification &notification, const QList<QString> &subscriptions);
    // The event answered, if this subscription owed an answer to it.
    std::optional<HubEvent> settle(const QString &subscription, const QString &eventId);
    void forget(const QString &subscription);
    void clear();

private:
    struct Awaited
    {
        QString eventId;
        HubEvent event;
        QDeadlineTimer deadline;
        QSet<QString> waiting;
    };
    void schedule();
    void expire();

    const std::chrono::milliseconds m_timeout;
    const TimedOut m_onTimedOut;
    std::deque<Awaited> m_awaited;
    QTimer m_timer;
};

} // namespace Lanyard::Context::Internal
