// What a soak watches of its own process: resident memory, open file descriptors and threads,
// read from /proc/self, and a bound each must stay within between two readings.
#pragma once

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>

namespace Lanyard::Tests {

struct ProcessStats
{
    qint64 rssKb = 0;
    int fds = 0;
    int threads = 0;

    static ProcessStats now()
    {
        ProcessStats stats;
        QFile status(QStringLiteral("/proc/self/status"));
        if (status.open(QIODevice::ReadOnly)) {
            const QString text = QString::fromLatin1(status.readAll());
            static const QRegularExpression rss(QStringLiteral(R"(VmRSS:\s+(\d+) kB)"));
            static const QRegularExpression threads(QStringLiteral(R"(Threads:\s+(\d+))"));
            stats.rssKb = rss.match(text).captured(1).toLongLong();
            stats.threads = threads.match(text).captured(1).toInt();
        }
        stats.fds = int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
        return stats;
    }

    QJsonObject json() const
    {
        return {{QStringLiteral("rss_kb"), rssKb}, {QStringLiteral("fds"), fds},
                {QStringLiteral("threads"), threads}};
    }
};

// How far a soak may grow between the reading after its warm-up and the last one.
struct GrowthBound
{
    qint64 rssKb;
    int fds;
    int threads;

    // Empty when within the bound; else what grew too much.
    QString exceededBy(const ProcessStats &from, const ProcessStats &to) const
    {
        QStringList over;
#ifndef LANYARD_SANITIZED // AddressSanitizer keeps freed memory in quarantine: RSS says nothing
        if (to.rssKb - from.rssKb > rssKb)
            over << QStringLiteral("memory %1 → %2 kB (bound +%3)").arg(from.rssKb).arg(to.rssKb).arg(rssKb);
#endif
        if (to.fds - from.fds > fds)
            over << QStringLiteral("descriptors %1 → %2 (bound +%3)").arg(from.fds).arg(to.fds).arg(fds);
        if (to.threads - from.threads > threads)
            over << QStringLiteral("threads %1 → %2 (bound +%3)").arg(from.threads).arg(to.threads).arg(threads);
        return over.join(QStringLiteral("; "));
    }
};

} // namespace Lanyard::Tests
