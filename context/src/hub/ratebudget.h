// A token bucket: `burst` at once, then `perSecond` on average. What the hub gives each
// application's published events and each subscriber's WebSocket messages, so one that floods
// is held back (or cut off) while everyone else is served as before.
#pragma once

#include <algorithm>
#include <chrono>

namespace Lanyard::Context::Internal {

class RateBudget
{
public:
    using Clock = std::chrono::steady_clock;

    RateBudget(double burst, double perSecond)
        : m_burst(burst), m_perSecond(perSecond), m_tokens(burst), m_last(Clock::now())
    {
    }

    // Spends one; false when none is left.
    bool take()
    {
        refill();
        if (m_tokens < 1.0)
            return false;
        m_tokens -= 1.0;
        return true;
    }

    // One more, beyond the rate: for a message the hub itself asked for (an event's answer).
    void give() { m_tokens += 1.0; }

    // How long until one is back (whole seconds, at least 1: for Retry-After).
    int secondsUntilNext()
    {
        refill();
        const double missing = std::max(0.0, 1.0 - m_tokens);
        return std::max(1, int(missing / m_perSecond + 0.999));
    }

private:
    void refill()
    {
        const Clock::time_point now = Clock::now();
        const double elapsed = std::chrono::duration<double>(now - m_last).count();
        m_last = now;
        // Refilling never takes away what give() added above the burst.
        m_tokens = std::max(m_tokens, std::min(m_burst, m_tokens + elapsed * m_perSecond));
    }

    double m_burst;
    double m_perSecond;
    double m_tokens;
    Clock::time_point m_last;
};

} // namespace Lanyard::Context::Internal
