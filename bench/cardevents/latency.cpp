// Card-event latency: the bed puts a card in and takes it out; ReaderMonitor's signal (on this
// thread, where an application sees it) and floor_pcsc (a plain-C client waiting on the same
// reader) each stamp the event with CLOCK_MONOTONIC. Both observe the same physical event, so
// the fair figure is monitor - floor per event; the latency from the moment the bed was asked
// (mostly vicc start-up and pcscd's 400 ms presence poll) is shown beside it.
//
//   bench_cardevent_latency [--cycles N] [--reader 0|1] [--card ID] [--floor PATH]
// Run under `bed exec` (LANYARD_BED_DIR) with LANYARD_BED_SCRIPT set; run.sh does both.
#include "benchsupport.h"

#include <lanyard/smartcard/readermonitor.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include <time.h>

using Lanyard::Smartcard::ReaderMonitor;

using namespace Lanyard::Bench;

namespace {

struct Event
{
    QString kind; // "inserted" or "removed"
    qint64 askedNs = 0;
    qint64 monitorNs = 0;
    qint64 floorNs = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        { { QStringLiteral("cycles"), QStringLiteral("insert+remove cycles"), QStringLiteral("N"),
            QStringLiteral("20") },
          { QStringLiteral("reader"), QStringLiteral("bed reader"), QStringLiteral("R"),
            QStringLiteral("0") },
          { QStringLiteral("card"), QStringLiteral("clinician id"), QStringLiteral("ID"),
            QStringLiteral("alice") },
          { QStringLiteral("floor"), QStringLiteral("floor_pcsc executable"),
            QStringLiteral("PATH"),
            QCoreApplication::applicationDirPath() + QStringLiteral("/floor_pcsc") } });
    parser.process(app);
    const int cycles = parser.value(QStringLiteral("cycles")).toInt();
    const QString reader = parser.value(QStringLiteral("reader"));
    const QString bedScript = qEnvironmentVariable("LANYARD_BED_SCRIPT");
    const QString bedDir = qEnvironmentVariable("LANYARD_BED_DIR");
    if (bedScript.isEmpty() || bedDir.isEmpty()) {
        std::fprintf(stderr, "run under `bed exec DIR` with LANYARD_BED_SCRIPT set\n");
        return 2;
    }

    QObject poke; // objectNameChanged = "something was observed"
    auto observed = [&poke] { poke.setObjectName(QString::number(monotonicNs())); };
    Event current;

    ReaderMonitor monitor;
    QObject::connect(&monitor, &ReaderMonitor::readerAdded, &poke, observed);
    monitor.start();
    if (!waitUntil(
            &poke, [&] { return monitor.readers().size() > reader.toInt(); }, 5000)) {
        std::fprintf(stderr, "the monitor saw no reader %s\n", qPrintable(reader));
        return 1;
    }
    QStringList readers = monitor.readers();
    readers.sort();
    const QString readerName = readers.at(reader.toInt());
    QObject::connect(&monitor, &ReaderMonitor::cardInserted, &poke, [&](const QString &r) {
        if (r == readerName && current.kind == QLatin1String("inserted") && !current.monitorNs)
            current.monitorNs = monotonicNs();
        observed();
    });
    QObject::connect(&monitor, &ReaderMonitor::cardRemoved, &poke, [&](const QString &r) {
        if (r == readerName && current.kind == QLatin1String("removed") && !current.monitorNs)
            current.monitorNs = monotonicNs();
        observed();
    });

    QProcess floor;
    bool floorReady = false;
    QObject::connect(&floor, &QProcess::readyReadStandardOutput, &poke, [&] {
        while (floor.canReadLine()) {
            const QList<QByteArray> words = floor.readLine().trimmed().split(' ');
            if (words.value(0) == "ready")
                floorReady = true;
            else if (QString::fromLatin1(words.value(0)) == current.kind && !current.floorNs)
                current.floorNs = words.value(1).toLongLong();
        }
        observed();
    });
    floor.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    floor.start(parser.value(QStringLiteral("floor")), { readerName });
    if (!waitUntil(
            &poke, [&] { return floorReady; }, 5000)) {
        std::fprintf(stderr, "floor_pcsc did not start\n");
        return 1;
    }

    std::vector<Event> events;
    QProcess bed;
    bed.setProcessChannelMode(QProcess::ForwardedChannels);
    QObject::connect(&bed, &QProcess::finished, &poke, observed);
    for (int cycle = 0; cycle < cycles * 2; ++cycle) {
        const bool insert = cycle % 2 == 0;
        current = Event { insert ? QStringLiteral("inserted") : QStringLiteral("removed") };
        QStringList arguments { QStringLiteral("card"), bedDir,
                                insert ? QStringLiteral("insert") : QStringLiteral("remove") };
        if (insert)
            arguments << parser.value(QStringLiteral("card"));
        arguments << QStringLiteral("--reader") << reader;
        current.askedNs = monotonicNs();
        bed.start(bedScript, arguments);
        const bool seen = waitUntil(
            &poke,
            [&] {
                return current.monitorNs && current.floorNs && bed.state() == QProcess::NotRunning;
            },
            10000);
        if (!seen) {
            std::fprintf(stderr, "cycle %d: %s not seen (monitor %lld, floor %lld)\n", cycle / 2,
                         qPrintable(current.kind), current.monitorNs, current.floorNs);
            return 1;
        }
        events.push_back(current);
    }
    floor.kill();
    floor.waitForFinished();

    std::vector<double> fromAskMonitor, fromAskFloor, monitorMinusFloor;
    for (const Event &e : events) {
        fromAskMonitor.push_back(double(e.monitorNs - e.askedNs) / 1e6);
        fromAskFloor.push_back(double(e.floorNs - e.askedNs) / 1e6);
        monitorMinusFloor.push_back(double(e.monitorNs - e.floorNs) / 1e6);
    }
    const double medianMonitor = percentile(fromAskMonitor, 0.5);
    const double medianFloor = percentile(fromAskFloor, 0.5);
    std::printf("card events: %d cycles (%zu events) on \"%s\"\n", cycles, events.size(),
                qPrintable(readerName));
    std::printf("%-34s %10s %10s %10s\n", "ms", "median", "p90", "max");
    auto row = [](const char *name, const std::vector<double> &v) {
        std::printf("%-34s %10.3f %10.3f %10.3f\n", name, percentile(v, 0.5), percentile(v, 0.9),
                    percentile(v, 1.0));
    };
    row("bed asked -> floor_pcsc", fromAskFloor);
    row("bed asked -> ReaderMonitor signal", fromAskMonitor);
    row("ReaderMonitor - floor (same event)", monitorMinusFloor);
    std::printf("ratio of medians (monitor / floor, from bed asked): %.3f\n",
                medianMonitor / medianFloor);

    QJsonArray perEvent;
    for (const Event &e : events) {
        perEvent.append(QJsonObject {
            { QStringLiteral("kind"), e.kind },
            { QStringLiteral("monitor_minus_floor_ms"), double(e.monitorNs - e.floorNs) / 1e6 } });
    }
    const QJsonObject json {
        { QStringLiteral("bench"), QStringLiteral("cardevent_latency") },
        { QStringLiteral("cycles"), cycles },
        { QStringLiteral("median_ms_from_ask_floor"), medianFloor },
        { QStringLiteral("median_ms_from_ask_monitor"), medianMonitor },
        { QStringLiteral("ratio_monitor_over_floor"), medianMonitor / medianFloor },
        { QStringLiteral("median_ms_monitor_minus_floor"), percentile(monitorMinusFloor, 0.5) },
        { QStringLiteral("p90_ms_monitor_minus_floor"), percentile(monitorMinusFloor, 0.9) },
        { QStringLiteral("events"), perEvent }
    };
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
