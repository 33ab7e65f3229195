// What every benchmark program shares: one clock all processes agree on, percentiles, and
// waiting in the event loop (never a busy loop: what is measured needs the CPU).
#pragma once

#include <QEventLoop>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <vector>

#include <time.h>

namespace Lanyard::Bench {

// CLOCK_MONOTONIC is one clock for every process on the machine, so a stamp taken by one
// process compares directly with one taken by another.
inline qint64 monotonicNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// The value at `fraction` (0.5 median, 0.99 p99) of the sorted values; 0 when there are none.
inline double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[size_t(fraction * double(values.size() - 1) + 0.5)];
}

// Something happened that a waitUntil() on `poke` should look at: its name changes.
inline void nudge(QObject *poke)
{
    static quint64 nudges = 0;
    poke->setObjectName(QString::number(++nudges));
}

// Runs the event loop until done() holds, re-checked whenever `poke` is nudged (or, with no
// poke, every few milliseconds); false on timeout.
inline bool waitUntil(QObject *poke, const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QTimer poll;
    if (poke) {
        QObject::connect(poke, &QObject::objectNameChanged, &loop, [&] {
            if (done())
                loop.quit();
        });
    } else {
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (done())
                loop.quit();
        });
        poll.start(5);
    }
    loop.exec();
    return done();
}

} // namespace Lanyard::Bench
