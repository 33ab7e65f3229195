// The audit log's syslog copy, received on a Unix datagram socket the test binds, as journald or
// rsyslog would at /dev/log.
#include <lanyard/sso/auditlog.h>
#include <lanyard/sso/clock.h>

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

using namespace Lanyard::Sso;

namespace {

// A bound datagram socket: what syslog listens on.
class SyslogListener
{
public:
    explicit SyslogListener(const QString &path)
        : m_fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0))
    {
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        const QByteArray native = QFile::encodeName(path);
        std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
        m_bound = m_fd >= 0
            && ::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0;
    }
    ~SyslogListener() { ::close(m_fd); }
    bool isBound() const { return m_bound; }

    // The next datagram, or nothing within the timeout.
    QByteArray receive(int timeoutMs = 2000) const
    {
        pollfd ready{m_fd, POLLIN, 0};
        if (::poll(&ready, 1, timeoutMs) != 1)
            return {};
        QByteArray buffer(65536, Qt::Uninitialized);
        const ssize_t size = ::recv(m_fd, buffer.data(), size_t(buffer.size()), 0);
        return size < 0 ? QByteArray() : buffer.left(size);
    }

private:
    int m_fd;
    bool m_bound = false;
};

QByteArray lastLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = file.readAll().split('\n');
    return lines.size() >= 2 ? lines.at(lines.size() - 2) : QByteArray();
}

// RFC 3164's timestamp, "Nov  1 08:05:09", in local time, worked out apart from the code's.
QByteArray syslogTime(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    const QLocale c = QLocale::c();
    return (c.toString(local, QStringLiteral("MMM ")) + QString::number(local.date().day())
                .rightJustified(2, QLatin1Char(' '))
            + c.toString(local, QStringLiteral(" hh:mm:ss")))
        .toLatin1();
}

AuditEntry entryOf(AuditEvent event)
{
    AuditEntry entry;
    entry.event = event;
    entry.user = QStringLiteral("555000000001");
    return entry;
}

} // namespace

class TestAuditSyslog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{QDateTime(QDate(2026, 11, 1), QTime(8, 5, 9, 250), Qt::UTC)};

    QString socketPath() const { return m_dir.filePath(QStringLiteral("log")); }
    QString logPath() const { return m_dir.filePath(QStringLiteral("audit.jsonl")); }

    Lanyard::Result<std::unique_ptr<AuditLog>> open()
    {
        AuditLog::Config config;
        config.path = logPath();
        config.workstation = QStringLiteral("ward3-pc1");
        config.syslog = true;
        config.syslogSocket = socketPath();
        config.clock = &m_clock;
        return AuditLog::open(config);
    }

    QByteArray expected(int priority, const QByteArray &line) const
    {
        return '<' + QByteArray::number(priority) + '>' + syslogTime(m_clock.now()) + " lanyard["
            + QByteArray::number(QCoreApplication::applicationPid()) + "]: " + line;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(socketPath());
        QFile::remove(logPath());
    }

    void eachLineArrivesWithItsPriority()
    {
        SyslogListener syslog(socketPath());
        QVERIFY(syslog.isBound());
        auto log = open();
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));

        QVERIFY((*log)->append(entryOf(AuditEvent::SignInSucceeded)).ok());
        QCOMPARE(syslog.receive(), expected(85, lastLine(logPath()))); // authpriv.notice

        m_clock.advance(std::chrono::hours(24 * 20)); // Nov 21: no padding
        QVERIFY((*log)->append(entryOf(AuditEvent::SignInFailed)).ok());
        QCOMPARE(syslog.receive(), expected(84, lastLine(logPath()))); // authpriv.warning
        QVERIFY(lastLine(logPath()).contains("\"event\":\"signin.failed\""));
    }

    void noSyslogUnlessConfigured()
    {
        SyslogListener syslog(socketPath());
        QVERIFY(syslog.isBound());
        AuditLog::Config config;
        config.path = logPath();
        config.syslogSocket = socketPath();
        auto log = AuditLog::open(config);
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        QVERIFY((*log)->append(entryOf(AuditEvent::CardInserted)).ok());
        QCOMPARE(syslog.receive(200), QByteArray());
    }

    void aMissingSocketNeverFailsTheAppendAndWarnsOnce()
    {
        auto log = open();
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("Cannot send the audit log's copy "
                                                               "to syslog at .*/log: No such file")));
        QVERIFY((*log)->append(entryOf(AuditEvent::CardInserted)).ok());
        QTest::failOnWarning(QRegularExpression(QStringLiteral("syslog")));
        QVERIFY((*log)->append(entryOf(AuditEvent::CardRemoved)).ok());
        QVERIFY(verifyAuditLog(logPath()).intact);
        QCOMPARE(verifyAuditLog(logPath()).lines, 2);
    }

    void aRefusingSocketIsSurvivedAndTheCopyResumes()
    {
        {
            SyslogListener gone(socketPath()); // leaves its socket file, with nobody behind it
            QVERIFY(gone.isBound());
        }
        auto log = open();
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("Connection refused")));
        QVERIFY((*log)->append(entryOf(AuditEvent::CardInserted)).ok());

        QVERIFY(QFile::remove(socketPath()));
        SyslogListener syslog(socketPath());
        QVERIFY(syslog.isBound());
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("reaches .* again")));
        QVERIFY((*log)->append(entryOf(AuditEvent::CardRemoved)).ok());
        QCOMPARE(syslog.receive(), expected(85, lastLine(logPath())));
    }
};

QTEST_GUILESS_MAIN(TestAuditSyslog)
#include "tst_auditsyslog.moc"
