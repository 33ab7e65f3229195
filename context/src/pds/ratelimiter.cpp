#include "pds/ratelimiter.h"

#include <algorithm>

namespace Lanyard::Context::Internal {

RateLimiter::RateLimiter(int perSecond, std::chrono::milliseconds margin, QObject *parent)
    : QObject(parent)
    , m_perSecond(perSecond)
    , m_window(std::chrono::seconds(1) + margin)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early: a second is 50 ms
    connect(&m_timer, &QTimer::timeout, this, &RateLimiter::drain);
}

void RateLimiter::enqueue(quint64 id, std::function<bool()> start)
{
    m_waiting.emplace_back(id, std::move(start));
    drain();
}

void RateLimiter::remove(quint64 id)
{
    std::erase_if(m_waiting, [id](const auto &entry) { return entry.first == id; });
}

RateLimiter::Start *RateLimiter::latest(quint64 id)
{
    for (auto it = m_started.rbegin(); it != m_started.rend(); ++it) {
        if (it->id == id)
            return &*it;
    }
    return nullptr;
}

void RateLimiter::markSent(quint64 id)
{
    Start *start = latest(id);
    if (start && !start->sent) {
        start->at = Clock::now();
        start->sent = true;
        wakeSoon(); // it can now leave the window by time: arm the timer for it
    } else if (start) {
        // Sent again within the same start (libcurl resending on a new connection): it
        // arrives as another request, so it takes another slot.
        m_started.push_back({ id, Clock::now(), true });
    }
}

void RateLimiter::markUnsent(quint64 id)
{
    if (Start *start = latest(id); start && !start->sent) {
        m_started.erase(m_started.begin() + (start - m_started.data()));
        wakeSoon();
    }
}

void RateLimiter::wakeSoon()
{
    // From the event loop, not here: this runs inside curl's callbacks, where no transfer may
    // be added.
    if (!m_waiting.empty())
        m_timer.start(0);
}

void RateLimiter::drain()
{
    if (m_draining) // a start() that queues again: the loop below sees it
        return;
    m_draining = true;
    while (!m_waiting.empty()) {
        if (m_perSecond > 0) {
            const auto now = Clock::now();
            std::erase_if(m_started,
                          [&](const Start &s) { return s.sent && now - s.at >= m_window; });
            if (int(m_started.size()) >= m_perSecond) {
                // Full: wake when enough sent requests leave the window. Unsent ones never
                // leave by time; markSent / markUnsent drain again.
                std::vector<Clock::time_point> sent;
                for (const Start &s : m_started) {
                    if (s.sent)
                        sent.push_back(s.at);
                }
                const size_t leaving = m_started.size() - size_t(m_perSecond) + 1;
                if (sent.size() >= leaving) {
                    std::sort(sent.begin(), sent.end());
                    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(
                        sent[leaving - 1] + m_window - now);
                    m_timer.start(int(std::max<qint64>(1, wait.count())));
                }
                break;
            }
        }
        auto [id, start] = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (start())
            m_started.push_back({ id, Clock::now(), false });
    }
    m_draining = false;
}

} // namespace Lanyard::Context::Internal
