// The time the session, token expiry and audit timestamps read (STYLE.md 9). The system clock in
// the product; tests move a ManualClock instead of sleeping. A clock that jumps emits changed(),
// and whoever keeps deadlines re-evaluates them at once.
#pragma once

#include <QDateTime>
#include <QMutex>
#include <QObject>

#include <chrono>

namespace Lanyard::Sso {

class Clock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual QDateTime now() const = 0; // UTC

signals:
    void changed(); // the time moved other than by its steady passing
};

class SystemClock final : public Clock
{
    Q_OBJECT
public:
    using Clock::Clock;
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

// Stands still until told to move. advance() emits changed(), so deadlines fire without waiting.
// now() may be read from worker threads (token expiry); the time itself is guarded.
class ManualClock final : public Clock
{
    Q_OBJECT
public:
    explicit ManualClock(QDateTime start = QDateTime::currentDateTimeUtc(), QObject *parent = nullptr)
        : Clock(parent), m_now(start.toUTC())
    {}
    QDateTime now() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_now;
    }
    void set(const QDateTime &time)
    {
        {
            QMutexLocker lock(&m_mutex);
            m_now = time.toUTC();
        }
        emit changed();
    }
    void advance(std::chrono::milliseconds by) { set(now().addMSecs(by.count())); }

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
};

} // namespace Lanyard::Sso
