// At most N requests in any rolling second (PDS's default rate limit is 5 a second per
// application: DOMAIN.md). Requests beyond it wait in order of arrival and start when a slot
// frees, on a single-shot timer: nothing spins.
//
// PDS counts a request when it arrives, so a slot is timed from when the request went on the
// wire (markSent, from CURLOPT_PREREQFUNCTION: after the connection and its TLS handshake), not
// from when it was handed to curl. Five first requests each opening a connection arrive tens of
// milliseconds after a sixth that reuses one would; timing them from the hand-over would get the
// sixth refused with 429. Until it is sent (or has failed to connect) a request holds its slot.
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>
#include <vector>

namespace Lanyard::Context::Internal {

class RateLimiter : public QObject
{
    Q_OBJECT
public:
    using Clock = std::chrono::steady_clock;

    // perSecond <= 0: no limit. `margin` lengthens the second for the jitter between sending and
    // arriving.
    explicit RateLimiter(int perSecond,
                         std::chrono::milliseconds margin = std::chrono::milliseconds(50),
                         QObject *parent = nullptr);

    // `start` runs now, or when a slot frees, after everything queued before it. It returns
    // whether it put a request on its way (one that failed before sending takes no slot).
    void enqueue(quint64 id, std::function<bool()> start);
    void remove(quint64 id); // a queued request that is no longer wanted
    void markSent(quint64 id); // its latest start reached the wire now (again: one more slot)
    void markUnsent(quint64 id); // its latest start never reached the server: the slot is free

private:
    struct Start
    {
        quint64 id;
        Clock::time_point at;
        bool sent;
    };
    void drain();
    void wakeSoon();
    Start *latest(quint64 id);

    const int m_perSecond;
    const Clock::duration m_window;
    std::deque<std::pair<quint64, std::function<bool()>>> m_waiting;
    std::vector<Start> m_started;
    QTimer m_timer;
    bool m_draining = false;
};

} // namespace Lanyard::Context::Internal
