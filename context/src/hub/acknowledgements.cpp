#include "hub/acknowledgements.h"

#include <algorithm>

namespace Lanyard::Context::Internal {

AcknowledgementTracker::AcknowledgementTracker(std::chrono::milliseconds timeout,
                                               TimedOut onTimedOut)
    : m_timeout(timeout)
    , m_onTimedOut(std::move(onTimedOut))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, [this] { expire(); });
}

void AcknowledgementTracker::expect(const Notification &notification,
                                    const QList<QString> &subscriptions)
{
    if (subscriptions.isEmpty())
        return;
    m_awaited.push_back({ notification.id, notification.event, QDeadlineTimer(m_timeout),
                          QSet<QString>(subscriptions.cbegin(), subscriptions.cend()) });
    if (!m_timer.isActive())
        schedule();
}

std::optional<HubEvent> AcknowledgementTracker::settle(const QString &subscription,
                                                       const QString &eventId)
{
    const auto found = std::find_if(m_awaited.begin(), m_awaited.end(), [&](const Awaited &a) {
        return a.eventId == eventId && a.waiting.contains(subscription);
    });
    if (found == m_awaited.end())
        return std::nullopt;
    const HubEvent event = found->event;
    found->waiting.remove(subscription);
    if (found->waiting.isEmpty()) {
        m_awaited.erase(found);
        schedule();
    }
    return event;
}

void AcknowledgementTracker::forget(const QString &subscription)
{
    for (Awaited &awaited : m_awaited)
        awaited.waiting.remove(subscription);
    std::erase_if(m_awaited, [](const Awaited &a) { return a.waiting.isEmpty(); });
    schedule();
}

void AcknowledgementTracker::clear()
{
    m_awaited.clear();
    m_timer.stop();
}

void AcknowledgementTracker::schedule()
{
    if (m_awaited.empty()) {
        m_timer.stop();
        return;
    }
    m_timer.start(std::max<qint64>(0, m_awaited.front().deadline.remainingTime()));
}

void AcknowledgementTracker::expire()
{
    // Taken out before the callbacks run: they may forget subscriptions or clear everything.
    std::vector<Awaited> due;
    while (!m_awaited.empty() && m_awaited.front().deadline.hasExpired()) {
        due.push_back(std::move(m_awaited.front()));
        m_awaited.pop_front();
    }
    schedule();
    for (const Awaited &awaited : due) {
        for (const QString &subscription : awaited.waiting)
            m_onTimedOut(subscription, awaited.eventId, awaited.event);
    }
}

} // namespace Lanyard::Context::Internal
