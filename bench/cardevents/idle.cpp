// ReaderMonitor while nothing happens: CPU time of the process (getrusage) and of the monitor
// thread, and the thread's wakeups (voluntary context switches in /proc/self/task/TID/status).
// An INFINITE wait should give zero wakeups; a polling loop would show one per poll. floor_pcsc,
// started beside it when found, gives the same figures for the plain-C client. stop() is timed
// at the end.
//
//   bench_monitor_idle [--seconds N] [--floor PATH]
// Needs a running pcscd (run.sh starts a bed).
#include <lanyard/smartcard/readermonitor.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

#include <cstdio>

#include <sys/resource.h>
#include <unistd.h>

using Lanyard::Smartcard::ReaderMonitor;

namespace {

struct TaskSample
{
    qint64 wakeups = 0; // voluntary context switches
    qint64 involuntary = 0;
    double cpuMs = 0; // utime + stime
};

// One task's figures from /proc/PID/task/TID/{status,stat}.
TaskSample sampleTask(const QString &taskDir)
{
    TaskSample sample;
    QFile status(taskDir + QStringLiteral("/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("voluntary_ctxt_switches:"))
                sample.wakeups = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
            else if (line.startsWith("nonvoluntary_ctxt_switches:"))
                sample.involuntary = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
        }
    }
    QFile stat(taskDir + QStringLiteral("/stat"));
    if (stat.open(QIODevice::ReadOnly)) {
        // Fields after "(comm)": state is field 3, utime 14, stime 15.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        const double ticks = double(fields.value(11).toLongLong() + fields.value(12).toLongLong());
        sample.cpuMs = ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
    }
    return sample;
}

// The monitor's thread, found by the name ReaderMonitor gives it.
QString monitorTaskDir()
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid) + QStringLiteral("/comm"));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "lanyard-pcsc")
            return tasks.filePath(tid);
    }
    return {};
}

double processCpuMs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    auto ms
        = [](const timeval &t) { return double(t.tv_sec) * 1000.0 + double(t.tv_usec) / 1000.0; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

QJsonObject toJson(const TaskSample &before, const TaskSample &after)
{
    return { { QStringLiteral("wakeups"), after.wakeups - before.wakeups },
             { QStringLiteral("involuntary_switches"), after.involuntary - before.involuntary },
             { QStringLiteral("cpu_ms"), after.cpuMs - before.cpuMs } };
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        { { QStringLiteral("seconds"), QStringLiteral("idle period"), QStringLiteral("N"),
            QStringLiteral("60") },
          { QStringLiteral("floor"), QStringLiteral("floor_pcsc executable"),
            QStringLiteral("PATH"),
            QCoreApplication::applicationDirPath() + QStringLiteral("/floor_pcsc") } });
    parser.process(app);
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();

    ReaderMonitor monitor;
    monitor.start();
    QTimer::singleShot(1000, &app, &QCoreApplication::quit); // readers found, thread waiting
    app.exec();
    QStringList readers = monitor.readers();
    readers.sort();
    if (readers.isEmpty()) {
        std::fprintf(stderr, "the monitor saw no reader: is pcscd running?\n");
        return 1;
    }

    QProcess floor;
    if (QFileInfo(parser.value(QStringLiteral("floor"))).isExecutable()) {
        floor.start(parser.value(QStringLiteral("floor")), { readers.first() });
        floor.waitForReadyRead(5000); // "ready": it is in its wait
    }

    const QString task = monitorTaskDir();
    const QString floorTask = floor.state() == QProcess::Running
        ? QStringLiteral("/proc/%1/task/%1").arg(floor.processId())
        : QString();
    if (task.isEmpty()) {
        std::fprintf(stderr, "no lanyard-pcsc thread\n");
        return 1;
    }
    const TaskSample monitorBefore = sampleTask(task);
    const TaskSample floorBefore = floorTask.isEmpty() ? TaskSample {} : sampleTask(floorTask);
    const double processBefore = processCpuMs();
    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    app.exec();
    const TaskSample monitorAfter = sampleTask(task);
    const TaskSample floorAfter = floorTask.isEmpty() ? TaskSample {} : sampleTask(floorTask);
    const double processCpu = processCpuMs() - processBefore;

    QElapsedTimer stopTimer;
    stopTimer.start();
    monitor.stop();
    const double stopMs = double(stopTimer.nsecsElapsed()) / 1e6;
    floor.kill();
    floor.waitForFinished();

    const QJsonObject monitorJson = toJson(monitorBefore, monitorAfter);
    const QJsonObject floorJson = toJson(floorBefore, floorAfter);
    std::printf("idle for %d s, %lld readers\n", seconds, qlonglong(readers.size()));
    std::printf("%-28s %10s %10s %10s\n", "", "wakeups", "invol.", "cpu ms");
    auto row = [](const char *name, const QJsonObject &o) {
        std::printf("%-28s %10lld %10lld %10.1f\n", name,
                    qlonglong(o.value(QStringLiteral("wakeups")).toInteger()),
                    qlonglong(o.value(QStringLiteral("involuntary_switches")).toInteger()),
                    o.value(QStringLiteral("cpu_ms")).toDouble());
    };
    row("ReaderMonitor thread", monitorJson);
    if (!floorTask.isEmpty())
        row("floor_pcsc process", floorJson);
    std::printf("%-28s %10s %10s %10.1f\n", "whole bench process", "", "", processCpu);
    std::printf("stop() took %.3f ms\n", stopMs);

    QJsonObject json { { QStringLiteral("bench"), QStringLiteral("monitor_idle") },
                       { QStringLiteral("seconds"), seconds },
                       { QStringLiteral("monitor_thread"), monitorJson },
                       { QStringLiteral("process_cpu_ms"), processCpu },
                       { QStringLiteral("stop_ms"), stopMs } };
    if (!floorTask.isEmpty())
        json.insert(QStringLiteral("floor_pcsc"), floorJson);
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
