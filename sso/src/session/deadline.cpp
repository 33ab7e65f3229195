#include "session/deadline.h"

namespace Lanyard::Sso::Internal {

Deadline::Deadline(const Clock &clock, std::function<void()> due, QObject *parent)
    : QObject(parent), m_clock(clock), m_due(std::move(due))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Deadline::check);
    connect(&clock, &Clock::changed, this, &Deadline::check);
}

void Deadline::schedule(const QDateTime &when)
{
    m_when = when;
    m_timer.stop();
    if (!when.isValid())
        return;
    const qint64 wait = m_clock.now().msecsTo(when);
    // QTimer's interval is an int: long waits are re-armed when they end.
    m_timer.start(int(qBound<qint64>(0, wait, qint64(24) * 3600 * 1000)));
}

void Deadline::check()
{
    if (!m_when.isValid())
        return;
    if (m_clock.now() >= m_when)
        m_due(); // reschedules
    else
        schedule(m_when);
}

} // namespace Lanyard::Sso::Internal
