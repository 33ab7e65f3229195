// bench_shell: the shell's cold start to its lock screen painted, and its idle cost signed in,
// each beside bench_minimal_cover (a QApplication with one frameless full-screen QWidget and a
// QLabel) measured in the same run. See README.md; run.sh brings up the bed and runs this.
//
// Cold start: a CLOCK_MONOTONIC stamp just before QProcess::start (fork/exec) of the program,
// to the stamp the program writes when its (primary cover) window's first paint is done
// (LANYARD_REPORT_FIRST_PAINT=FILE, app/firstpaintreport.h: the same code on both sides).
// Cycles alternate which program goes first; lanyard is ended (SIGTERM) once it has reported.
//
// Idle: lanyard started again (with --idle-config: run.sh turns the keyboard grab off there, or
// the typed passcode would not reach the passcode field; README.md), the clinician's card put
// in (the bed's `card insert`), the passcode typed with XTest (bench_xtest_type), signed in
// when the audit log says
// signin.succeeded; then the floor started with --stay beside it, both left alone for --settle
// seconds, then sampled for --seconds from /proc: CPU (utime+stime of the whole process), VmRSS
// (every second, and at the end) and context switches summed over every thread (a thread's
// voluntary switches count its wake-ups: each ends with it blocking again).
//
// Lock (--lock): lanyard started with LANYARD_REPORT_LOCK_SHOWN=FILE (app/lockshownreport.h: a
// stamp each time the primary cover is shown and painted) and the clinician signed in as for
// idle; beside it floor_pcsc (the least a pcsc-lite client does: SCardGetStatusChange on the
// reader) stamps the moment pcscd reports the card gone. Each cycle the card is removed through
// the bed, and the figure is lock shown - PC/SC event; then the card goes back in and the
// passcode is typed, which unlocks the session (session/card_removal=lock, the default).
#include "benchsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileSystemWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QThread>

#include <cstdio>
#include <optional>

#include <unistd.h>

using namespace Lanyard::Bench;

namespace {

struct Options
{
    QString lanyard, floor, config, idleConfig, typer, audit, bedScript, bedDir, work, json, pcscFloor;
    QString user = QStringLiteral("bob");
    QString passcode = QStringLiteral("24681357");
    int cycles = 10;
    int warmup = 1;
    int seconds = 60;
    int settle = 5;
    int lockCycles = 10;
    bool coldStart = true;
    bool idle = true;
    bool lock = false;
};

void say(const QString &text)
{
    std::fprintf(stderr, "bench_shell: %s\n", qPrintable(text));
}

std::optional<qint64> readStamp(const QString &file)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray line = in.readAll();
    bool ok = false;
    const qint64 value = line.trimmed().toLongLong(&ok);
    if (!line.endsWith('\n') || !ok)
        return std::nullopt;
    return value;
}

// One program started with the first-paint report on; its stderr kept in the work directory.
class Started
{
public:
    Started(const QString &program, const QStringList &arguments, const QString &stamp,
            const QString &log, const QMap<QString, QString> &extraEnvironment = {})
        : m_stamp(stamp)
    {
        QFile::remove(stamp);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LANYARD_REPORT_FIRST_PAINT"), stamp);
        for (auto it = extraEnvironment.cbegin(); it != extraEnvironment.cend(); ++it)
            environment.insert(it.key(), it.value());
        m_process.setProcessEnvironment(environment);
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.setStandardErrorFile(log, QIODevice::Append);
        m_watcher.addPath(QFileInfo(stamp).absolutePath());
        QObject::connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_poke,
                         [this] { nudge(&m_poke); });
        QObject::connect(&m_process, &QProcess::finished, &m_poke, [this] { nudge(&m_poke); });
        QObject::connect(&m_process, &QProcess::errorOccurred, &m_poke, [this] { nudge(&m_poke); });
        m_started = monotonicNs();
        m_process.start(program, arguments);
    }
    ~Started() { stop(); }

    // Milliseconds from start to the reported first paint; nullopt if none came.
    std::optional<double> waitForFirstPaint(int timeoutMs)
    {
        waitUntil(&m_poke, [this] {
            return readStamp(m_stamp) || m_process.state() == QProcess::NotRunning;
        }, timeoutMs);
        const auto stamp = readStamp(m_stamp);
        if (!stamp)
            return std::nullopt;
        return double(*stamp - m_started) / 1e6;
    }
    bool waitForExit(int timeoutMs)
    {
        return m_process.state() == QProcess::NotRunning || m_process.waitForFinished(timeoutMs);
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
    qint64 pid() const { return m_process.processId(); }

private:
    QString m_stamp;
    QProcess m_process;
    QFileSystemWatcher m_watcher;
    QObject m_poke;
    qint64 m_started = 0;
};

// --- /proc --------------------------------------------------------------------------------

QByteArray readProc(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qint64 statusField(const QByteArray &status, const QByteArray &key)
{
    for (const QByteArray &line : status.split('\n'))
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').first().toLongLong();
    return -1;
}

struct ThreadCount
{
    QString name;
    qint64 voluntary = 0;
    qint64 involuntary = 0;
};

struct Sample
{
    qint64 ns = 0;
    qint64 cpuTicks = -1; // utime + stime, every thread of the process
    qint64 rssKb = -1;
    char state = 0; // R, S, … ; Z: it has ended (not yet reaped); 0: no such process
    QMap<qint64, ThreadCount> threads; // by thread id
};

Sample sample(qint64 pid)
{
    Sample s;
    s.ns = monotonicNs();
    const QString base = QStringLiteral("/proc/%1").arg(pid);
    const QByteArray stat = readProc(base + QStringLiteral("/stat"));
    const qsizetype close = stat.lastIndexOf(')');
    if (close > 0) {
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        if (!fields.isEmpty() && !fields.first().isEmpty())
            s.state = fields.first().at(0);
        if (fields.size() > 12) // fields 14 and 15 of proc(5), counted from field 3 here
            s.cpuTicks = fields[11].toLongLong() + fields[12].toLongLong();
    }
    s.rssKb = statusField(readProc(base + QStringLiteral("/status")), "VmRSS");
    const QStringList tasks = QDir(base + QStringLiteral("/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tasks) {
        const QString task = base + QStringLiteral("/task/") + tid;
        const QByteArray status = readProc(task + QStringLiteral("/status"));
        if (status.isEmpty())
            continue;
        ThreadCount count;
        count.name = QString::fromUtf8(readProc(task + QStringLiteral("/comm")).trimmed());
        count.voluntary = statusField(status, "voluntary_ctxt_switches");
        count.involuntary = statusField(status, "nonvoluntary_ctxt_switches");
        s.threads.insert(tid.toLongLong(), count);
    }
    return s;
}

struct IdleFigures
{
    double seconds = 0;
    double cpuPercent = 0;
    double rssMb = 0;     // at the end
    double rssMaxMb = 0;  // the most seen, sampled every second
    double switchesPerSecond = 0;     // every thread, voluntary + involuntary
    double mainSwitchesPerSecond = 0; // the main (GUI) thread
    int threads = 0;
    QJsonArray perThread; // threads that switched at all in the window

    QJsonObject json() const
    {
        return {{QStringLiteral("cpu_percent"), cpuPercent},
                {QStringLiteral("rss_mb"), rssMb},
                {QStringLiteral("rss_max_mb"), rssMaxMb},
                {QStringLiteral("context_switches_per_s"), switchesPerSecond},
                {QStringLiteral("main_thread_context_switches_per_s"), mainSwitchesPerSecond},
                {QStringLiteral("threads"), threads},
                {QStringLiteral("woken_threads"), perThread}};
    }
};

IdleFigures figures(qint64 pid, const Sample &a, const Sample &b, qint64 rssMaxKb)
{
    IdleFigures f;
    f.seconds = double(b.ns - a.ns) / 1e9;
    const double tick = double(sysconf(_SC_CLK_TCK));
    f.cpuPercent = 100.0 * double(b.cpuTicks - a.cpuTicks) / tick / f.seconds;
    f.rssMb = double(b.rssKb) / 1024.0;
    f.rssMaxMb = double(qMax(rssMaxKb, b.rssKb)) / 1024.0;
    f.threads = int(b.threads.size());
    qint64 all = 0;
    for (auto it = b.threads.cbegin(); it != b.threads.cend(); ++it) {
        const ThreadCount before = a.threads.value(it.key()); // zero for a thread born meanwhile
        const qint64 voluntary = it->voluntary - before.voluntary;
        const qint64 involuntary = it->involuntary - before.involuntary;
        all += voluntary + involuntary;
        if (it.key() == pid)
            f.mainSwitchesPerSecond = double(voluntary + involuntary) / f.seconds;
        if (voluntary + involuntary > 0) {
            f.perThread.append(QJsonObject{{QStringLiteral("tid"), it.key()},
                                           {QStringLiteral("name"), it->name},
                                           {QStringLiteral("main"), it.key() == pid},
                                           {QStringLiteral("voluntary"), voluntary},
                                           {QStringLiteral("involuntary"), involuntary}});
        }
    }
    f.switchesPerSecond = double(all) / f.seconds;
    return f;
}

// --- the two measurements -------------------------------------------------------------------

bool runQuietly(const QString &program, const QStringList &arguments, int timeoutMs, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    const bool finished = process.waitForFinished(timeoutMs);
    *output = QString::fromUtf8(process.readAll()).trimmed();
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

QString auditSince(const QString &file, qint64 offset)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly) || !in.seek(offset))
        return {};
    return QString::fromUtf8(in.readAll());
}

// The clinician's card in, the passcode typed once the passcode page is up; true once the audit
// log says `done` (signin.succeeded for a sign-in, session.unlocked for an unlock).
bool cardAndPasscode(const Options &o, const QString &done)
{
    const qint64 auditOffset = QFileInfo(o.audit).size();
    const auto audited = [&](const QString &event) {
        return auditSince(o.audit, auditOffset).contains(QStringLiteral("\"%1\"").arg(event));
    };
    QString output;
    if (!runQuietly(o.bedScript, {QStringLiteral("card"), o.bedDir, QStringLiteral("insert"), o.user},
                    30000, &output)) {
        say(QStringLiteral("bed card insert failed: %1").arg(output));
        return false;
    }
    if (!waitUntil(nullptr, [&] { return audited(QStringLiteral("card.inserted")); }, 20000)) {
        say(QStringLiteral("lanyard did not see the card (no card.inserted in %1)").arg(o.audit));
        return false;
    }
    // The card's certificate is read, then the passcode page shows and takes the focus; there is
    // no outward sign of that moment, so give it a generous pause before typing.
    QThread::msleep(3000);
    if (!runQuietly(o.typer, {o.passcode}, 30000, &output)) {
        say(QStringLiteral("typing the passcode failed: %1").arg(output));
        return false;
    }
    if (!waitUntil(nullptr, [&] {
            return audited(done) || audited(QStringLiteral("signin.failed"));
        }, 60000) || !audited(done)) {
        say(QStringLiteral("no %1; the audit log since the card went in:\n%2")
                .arg(done, auditSince(o.audit, auditOffset)));
        return false;
    }
    return true;
}

struct ColdStart
{
    std::vector<double> lanyard, floor;
};

bool coldStart(const Options &o, ColdStart *result)
{
    const QStringList lanyardArguments{QStringLiteral("--config"), o.config};
    const QString log = o.work + QStringLiteral("/cold-start.stderr");
    for (int cycle = 0; cycle < o.warmup + o.cycles; ++cycle) {
        const bool counted = cycle >= o.warmup;
        // Alternate which goes first, so neither always follows the other's teardown.
        for (int turn = 0; turn < 2; ++turn) {
            const bool lanyardTurn = (turn == 0) == (cycle % 2 == 0);
            const QString stamp = o.work + (lanyardTurn ? QStringLiteral("/lanyard.first-paint")
                                                        : QStringLiteral("/floor.first-paint"));
            std::optional<double> ms;
            {
                Started program(lanyardTurn ? o.lanyard : o.floor,
                                lanyardTurn ? lanyardArguments : QStringList(), stamp, log);
                ms = program.waitForFirstPaint(30000);
                if (!lanyardTurn && ms && !program.waitForExit(10000))
                    say(QStringLiteral("the floor did not exit after its first paint"));
            } // lanyard: terminated here
            if (!ms) {
                say(QStringLiteral("%1 reported no first paint in 30 s (cycle %2); its stderr is in %3")
                        .arg(lanyardTurn ? QStringLiteral("lanyard") : QStringLiteral("the floor"))
                        .arg(cycle + 1)
                        .arg(log));
                return false;
            }
            if (counted)
                (lanyardTurn ? result->lanyard : result->floor).push_back(*ms);
            std::fprintf(stderr, "  cycle %d%s %-7s %8.1f ms\n", cycle + 1, counted ? "" : " (warm-up)",
                         lanyardTurn ? "lanyard" : "floor", *ms);
            QThread::msleep(300); // the X server and the kernel tidy up after the last one
        }
    }
    return true;
}

struct Lock
{
    std::vector<double> shownAfterEvent; // PC/SC event (floor_pcsc) -> lock screen shown
    std::vector<double> eventFromAsk;    // bed asked to remove -> PC/SC event
    std::vector<double> shownFromAsk;    // bed asked to remove -> lock screen shown
};

bool lockCycles(const Options &o, Lock *result)
{
    const QString log = o.work + QStringLiteral("/lock.stderr");
    const QString shown = o.work + QStringLiteral("/lock-shown");
    Started lanyard(o.lanyard, {QStringLiteral("--config"), o.idleConfig.isEmpty() ? o.config : o.idleConfig},
                    o.work + QStringLiteral("/lock-lanyard.first-paint"), log,
                    {{QStringLiteral("LANYARD_REPORT_LOCK_SHOWN"), shown}});
    if (!lanyard.waitForFirstPaint(30000)) {
        say(QStringLiteral("lanyard did not paint its lock screen; its stderr is in %1").arg(log));
        return false;
    }
    // The floor: pcscd's own report of the card leaving, seen by the least a client can do.
    QObject poke;
    QProcess floor;
    bool floorReady = false;
    qint64 removedNs = 0;
    QObject::connect(&floor, &QProcess::readyReadStandardOutput, &poke, [&] {
        while (floor.canReadLine()) {
            const QList<QByteArray> words = floor.readLine().trimmed().split(' ');
            if (words.value(0) == "ready")
                floorReady = true;
            else if (words.value(0) == "removed" && !removedNs)
                removedNs = words.value(1).toLongLong();
        }
        nudge(&poke);
    });
    floor.setStandardErrorFile(o.work + QStringLiteral("/lock-floor.stderr"), QIODevice::Append);
    floor.start(o.pcscFloor, {QStringLiteral("-")});
    if (!waitUntil(&poke, [&] { return floorReady; }, 10000)) {
        say(QStringLiteral("floor_pcsc did not start"));
        return false;
    }
    say(QStringLiteral("signing in as %1").arg(o.user));
    if (!cardAndPasscode(o, QStringLiteral("signin.succeeded")))
        return false;
    QFileSystemWatcher watcher({o.work});
    QObject::connect(&watcher, &QFileSystemWatcher::directoryChanged, &poke, [&] { nudge(&poke); });
    for (int cycle = 0; cycle < o.warmup + o.lockCycles; ++cycle) {
        const bool counted = cycle >= o.warmup;
        QThread::msleep(1000); // the launcher is up and everything has settled
        QFile::remove(shown);
        removedNs = 0;
        const qint64 auditOffset = QFileInfo(o.audit).size();
        QString output;
        const qint64 asked = monotonicNs();
        if (!runQuietly(o.bedScript, {QStringLiteral("card"), o.bedDir, QStringLiteral("remove")}, 30000,
                        &output)) {
            say(QStringLiteral("bed card remove failed: %1").arg(output));
            return false;
        }
        if (!waitUntil(&poke, [&] { return removedNs && readStamp(shown); }, 10000)) {
            say(QStringLiteral("cycle %1: %2").arg(cycle + 1).arg(
                removedNs ? QStringLiteral("no lock screen shown within 10 s of the card leaving")
                          : QStringLiteral("floor_pcsc saw no removal")));
            return false;
        }
        if (!auditSince(o.audit, auditOffset).contains(QLatin1String("\"session.locked\""))) {
            say(QStringLiteral("cycle %1: the cover was shown but no session.locked in the audit log")
                    .arg(cycle + 1));
            return false;
        }
        const qint64 shownNs = *readStamp(shown);
        const double ms = double(shownNs - removedNs) / 1e6;
        if (counted) {
            result->shownAfterEvent.push_back(ms);
            result->eventFromAsk.push_back(double(removedNs - asked) / 1e6);
            result->shownFromAsk.push_back(double(shownNs - asked) / 1e6);
        }
        std::fprintf(stderr, "  cycle %d%s PC/SC event -> lock shown %8.1f ms\n", cycle + 1,
                     counted ? "" : " (warm-up)", ms);
        // Back in: the same card and passcode unlock (session/card_removal=lock).
        if (!cardAndPasscode(o, QStringLiteral("session.unlocked")))
            return false;
    }
    floor.kill();
    floor.waitForFinished(3000);
    lanyard.stop();
    QString output;
    runQuietly(o.bedScript, {QStringLiteral("card"), o.bedDir, QStringLiteral("remove")}, 30000, &output);
    return true;
}

struct Idle
{
    IdleFigures lanyard, floor;
};

bool idle(const Options &o, Idle *result)
{
    const QString log = o.work + QStringLiteral("/idle.stderr");
    Started lanyard(o.lanyard, {QStringLiteral("--config"), o.idleConfig.isEmpty() ? o.config : o.idleConfig},
                    o.work + QStringLiteral("/idle-lanyard.first-paint"), log);
    if (!lanyard.waitForFirstPaint(30000)) {
        say(QStringLiteral("lanyard did not paint its lock screen; its stderr is in %1").arg(log));
        return false;
    }
    const qint64 auditOffset = QFileInfo(o.audit).size();
    const auto audited = [&](const QString &event) {
        return auditSince(o.audit, auditOffset).contains(QStringLiteral("\"%1\"").arg(event));
    };
    QString output;
    say(QStringLiteral("inserting %1's card").arg(o.user));
    if (!cardAndPasscode(o, QStringLiteral("signin.succeeded")))
        return false;
    say(QStringLiteral("signed in; starting the floor beside it"));
    Started floor(o.floor, {QStringLiteral("--stay")}, o.work + QStringLiteral("/idle-floor.first-paint"),
                  o.work + QStringLiteral("/idle-floor.stderr"));
    if (!floor.waitForFirstPaint(30000)) {
        say(QStringLiteral("the floor did not paint"));
        return false;
    }
    say(QStringLiteral("both idle; settling %1 s, then sampling %2 s").arg(o.settle).arg(o.seconds));
    QThread::sleep(o.settle);
    const Sample lanyardBefore = sample(lanyard.pid());
    const Sample floorBefore = sample(floor.pid());
    qint64 lanyardMax = lanyardBefore.rssKb, floorMax = floorBefore.rssKb;
    for (int second = 0; second < o.seconds; ++second) {
        QThread::sleep(1); // the driver itself sleeps: /proc is read, nothing is woken
        lanyardMax = qMax(lanyardMax, statusField(readProc(QStringLiteral("/proc/%1/status").arg(lanyard.pid())), "VmRSS"));
        floorMax = qMax(floorMax, statusField(readProc(QStringLiteral("/proc/%1/status").arg(floor.pid())), "VmRSS"));
    }
    const Sample lanyardAfter = sample(lanyard.pid());
    const Sample floorAfter = sample(floor.pid());
    // The driver slept through the window, so QProcess has not heard of an exit: ask /proc.
    const auto alive = [](const Sample &s) { return s.state != 0 && s.state != 'Z'; };
    if (!alive(lanyardAfter) || !alive(floorAfter)) {
        say(QStringLiteral("a program ended during the window"));
        return false;
    }
    if (!audited(QStringLiteral("signin.succeeded")) || audited(QStringLiteral("session.locked"))
        || audited(QStringLiteral("session.ended"))) {
        say(QStringLiteral("the session did not stay active through the window"));
        return false;
    }
    result->lanyard = figures(lanyard.pid(), lanyardBefore, lanyardAfter, lanyardMax);
    result->floor = figures(floor.pid(), floorBefore, floorAfter, floorMax);
    floor.stop();
    lanyard.stop();
    runQuietly(o.bedScript, {QStringLiteral("card"), o.bedDir, QStringLiteral("remove")}, 30000, &output);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Options o;
    const QStringList arguments = app.arguments();
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        const auto next = [&]() -> QString {
            if (i + 1 >= arguments.size()) {
                say(QStringLiteral("%1 wants a value").arg(a));
                std::exit(2);
            }
            return arguments[++i];
        };
        if (a == QLatin1String("--lanyard")) o.lanyard = next();
        else if (a == QLatin1String("--floor")) o.floor = next();
        else if (a == QLatin1String("--config")) o.config = next();
        else if (a == QLatin1String("--idle-config")) o.idleConfig = next();
        else if (a == QLatin1String("--typer")) o.typer = next();
        else if (a == QLatin1String("--audit")) o.audit = next();
        else if (a == QLatin1String("--work")) o.work = next();
        else if (a == QLatin1String("--json")) o.json = next();
        else if (a == QLatin1String("--user")) o.user = next();
        else if (a == QLatin1String("--passcode")) o.passcode = next();
        else if (a == QLatin1String("--cycles")) o.cycles = next().toInt();
        else if (a == QLatin1String("--warmup")) o.warmup = next().toInt();
        else if (a == QLatin1String("--seconds")) o.seconds = next().toInt();
        else if (a == QLatin1String("--settle")) o.settle = next().toInt();
        else if (a == QLatin1String("--no-cold-start")) o.coldStart = false;
        else if (a == QLatin1String("--no-idle")) o.idle = false;
        else if (a == QLatin1String("--lock")) o.lock = true;
        else if (a == QLatin1String("--lock-cycles")) o.lockCycles = next().toInt();
        else if (a == QLatin1String("--pcsc-floor")) o.pcscFloor = next();
        else {
            say(QStringLiteral("unknown option %1\nusage: bench_shell --lanyard FILE --floor FILE "
                               "--config INI [--idle-config INI] --audit FILE --typer FILE --work DIR [--json FILE] "
                               "[--cycles N] [--warmup N] [--seconds N] [--settle N] [--user ID] "
                               "[--passcode DIGITS] [--no-cold-start] [--no-idle] [--lock --pcsc-floor FILE "
                               "[--lock-cycles N]]").arg(a));
            return 2;
        }
    }
    o.bedScript = qEnvironmentVariable("LANYARD_BED_SCRIPT");
    o.bedDir = qEnvironmentVariable("LANYARD_BED_DIR");
    if (o.lanyard.isEmpty() || o.floor.isEmpty() || o.config.isEmpty() || o.work.isEmpty()
        || o.cycles < 1 || o.warmup < 0 || o.seconds < 1 || o.settle < 0
        || o.lockCycles < 1
        || ((o.idle || o.lock)
            && (o.audit.isEmpty() || o.typer.isEmpty() || o.bedScript.isEmpty() || o.bedDir.isEmpty()))
        || (o.lock && o.pcscFloor.isEmpty())) {
        say(QStringLiteral("--lanyard, --floor, --config and --work are needed; for the idle and lock "
                           "parts --audit, --typer and LANYARD_BED_SCRIPT, LANYARD_BED_DIR too; for "
                           "the lock part --pcsc-floor"));
        return 2;
    }
    QDir().mkpath(o.work);

    QJsonObject json{{QStringLiteral("name"), QStringLiteral("shell")}};
    bool ok = true;
    if (o.coldStart) {
        say(QStringLiteral("cold start to the lock screen painted, %1 cycles (+%2 warm-up)")
                .arg(o.cycles).arg(o.warmup));
        ColdStart c;
        if (coldStart(o, &c)) {
            const double lm = percentile(c.lanyard, 0.5), fm = percentile(c.floor, 0.5);
            const double lp = percentile(c.lanyard, 0.9), fp = percentile(c.floor, 0.9);
            const double lmin = *std::min_element(c.lanyard.begin(), c.lanyard.end());
            const double fmin = *std::min_element(c.floor.begin(), c.floor.end());
            std::printf("\nCold start: exec -> first paint of the lock screen, %d cycles, ms\n", o.cycles);
            std::printf("%-9s %9s %9s %9s %16s\n", "", "median", "p90", "min", "Lanyard / floor");
            std::printf("%-9s %9.1f %9.1f %9.1f %16.2f\n", "Lanyard", lm, lp, lmin, lm / fm);
            std::printf("%-9s %9.1f %9.1f %9.1f %16.2f\n", "floor", fm, fp, fmin, 1.0);
            std::printf("(target: Lanyard / floor <= 1.5)\n");
            json.insert(QStringLiteral("cold_start"),
                        QJsonObject{{QStringLiteral("cycles"), o.cycles},
                                    {QStringLiteral("lanyard_median_ms"), lm},
                                    {QStringLiteral("lanyard_p90_ms"), lp},
                                    {QStringLiteral("lanyard_min_ms"), lmin},
                                    {QStringLiteral("floor_median_ms"), fm},
                                    {QStringLiteral("floor_p90_ms"), fp},
                                    {QStringLiteral("floor_min_ms"), fmin},
                                    {QStringLiteral("ratio"), lm / fm},
                                    {QStringLiteral("target_ratio"), 1.5}});
        } else {
            ok = false;
        }
        std::fflush(stdout);
    }
    if (o.idle) {
        say(QStringLiteral("idle, signed in as %1, %2 s").arg(o.user).arg(o.seconds));
        Idle r;
        if (idle(o, &r)) {
            const IdleFigures &l = r.lanyard, &f = r.floor;
            std::printf("\nIdle: signed in (no application open), %.0f s, floor idling beside it\n", l.seconds);
            std::printf("%-9s %8s %12s %12s %14s %14s %8s\n", "", "CPU %", "RSS end MB", "RSS max MB",
                        "ctx sw/s all", "ctx sw/s main", "threads");
            for (const auto &[name, x] : {std::pair{"Lanyard", &l}, std::pair{"floor", &f}})
                std::printf("%-9s %8.3f %12.1f %12.1f %14.2f %14.2f %8d\n", name, x->cpuPercent, x->rssMb,
                            x->rssMaxMb, x->switchesPerSecond, x->mainSwitchesPerSecond, x->threads);
            // "-" where the floor's figure is 0: no ratio to give.
            const auto ratio = [](double lanyard, double floor) {
                return floor > 0 ? QByteArray::number(lanyard / floor, 'f', 2) : QByteArray("-");
            };
            std::printf("%-9s %8s %12s %12s %14s %14s\n", "ratio",
                        ratio(l.cpuPercent, f.cpuPercent).constData(), ratio(l.rssMb, f.rssMb).constData(),
                        ratio(l.rssMaxMb, f.rssMaxMb).constData(),
                        ratio(l.switchesPerSecond, f.switchesPerSecond).constData(),
                        ratio(l.mainSwitchesPerSecond, f.mainSwitchesPerSecond).constData());
            std::printf("(targets: no wake-ups beyond Qt's own; signed-in RSS <= 120 MB)\n");
            for (const auto &[name, x] : {std::pair{"Lanyard", &l}, std::pair{"floor", &f}}) {
                std::printf("  %s threads that woke (of %d):", name, x->threads);
                if (x->perThread.isEmpty())
                    std::printf(" none");
                for (const QJsonValue &value : x->perThread) {
                    const QJsonObject t = value.toObject();
                    std::printf(" %s%s %.2f/s;", qPrintable(t.value(QLatin1String("name")).toString()),
                                t.value(QLatin1String("main")).toBool() ? " (main)" : "",
                                double(t.value(QLatin1String("voluntary")).toInteger()
                                       + t.value(QLatin1String("involuntary")).toInteger())
                                    / x->seconds);
                }
                std::printf("\n");
            }
            json.insert(QStringLiteral("idle"),
                        QJsonObject{{QStringLiteral("seconds"), l.seconds},
                                    {QStringLiteral("user"), o.user},
                                    {QStringLiteral("lanyard"), l.json()},
                                    {QStringLiteral("floor"), f.json()},
                                    {QStringLiteral("rss_target_mb"), 120}});
        } else {
            ok = false;
        }
    }
    if (o.lock) {
        say(QStringLiteral("card removal to the lock screen shown, %1 cycles (+%2 warm-up)")
                .arg(o.lockCycles).arg(o.warmup));
        Lock r;
        if (lockCycles(o, &r)) {
            const auto &v = r.shownAfterEvent;
            std::printf("\nLock: card removed -> lock screen shown (signed in as %s), %d cycles, ms\n",
                        qPrintable(o.user), o.lockCycles);
            std::printf("%-34s %9s %9s %9s\n", "", "p50", "p99", "max");
            const auto row = [](const char *name, const std::vector<double> &x) {
                std::printf("%-34s %9.1f %9.1f %9.1f\n", name, percentile(x, 0.5), percentile(x, 0.99),
                            percentile(x, 1.0));
            };
            row("bed asked -> PC/SC event (floor)", r.eventFromAsk);
            row("bed asked -> lock shown", r.shownFromAsk);
            row("PC/SC event -> lock shown", v);
            std::printf("(target: lock shown <= 100 ms after the PC/SC event)\n");
            json.insert(QStringLiteral("lock"),
                        QJsonObject{{QStringLiteral("cycles"), o.lockCycles},
                                    {QStringLiteral("user"), o.user},
                                    {QStringLiteral("shown_after_event_p50_ms"), percentile(v, 0.5)},
                                    {QStringLiteral("shown_after_event_p99_ms"), percentile(v, 0.99)},
                                    {QStringLiteral("shown_after_event_max_ms"), percentile(v, 1.0)},
                                    {QStringLiteral("event_from_ask_p50_ms"), percentile(r.eventFromAsk, 0.5)},
                                    {QStringLiteral("shown_from_ask_p50_ms"), percentile(r.shownFromAsk, 0.5)},
                                    {QStringLiteral("target_ms"), 100}});
        } else {
            ok = false;
        }
        std::fflush(stdout);
    }
    const QByteArray line = QJsonDocument(json).toJson(QJsonDocument::Compact);
    std::printf("%s\n", line.constData());
    if (!o.json.isEmpty()) {
        QFile out(o.json);
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            out.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    }
    return ok ? 0 : 1;
}
