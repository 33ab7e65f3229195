// One wake-up at the earliest of the session's deadlines (idle warning, idle lock, token
// refresh), read from the injectable clock: a real timer for real time, and an immediate check
// whenever the clock jumps (a test's ManualClock). Nothing ticks while nothing is due.
#pragma once

#include <lanyard/sso/clock.h>

#include <QTimer>

#include <functional>

namespace Lanyard::Sso::Internal {

class Deadline : public QObject
{
public:
    Deadline(const Clock &clock, std::function<void()> due, QObject *parent);
    void schedule(const QDateTime &when); // null = nothing due
    QDateTime when() const { return m_when; }

private:
    void check();
    const Clock &m_clock;
    std::function<void()> m_due;
    QTimer m_timer;
    QDateTime m_when;
};

} // namespace Lanyard::Sso::Internal
