// The audit log's file and chain: what each line holds, the file's mode, continuing after a
// restart or a crash, refusing when it cannot write, and the verifier finding each kind of
// tampering at the line where it shows.
#include <lanyard/sso/auditlog.h>
#include <lanyard/sso/clock.h>
#include <lanyard/sso/ssoerror.h>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <thread>
#include <vector>

#include <sys/stat.h>

using namespace Lanyard::Sso;

namespace {

const QDateTime start = QDateTime::fromString(QStringLiteral("2026-11-21T23:59:01.123Z"),
                                              Qt::ISODateWithMs);

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<QByteArray> readLines(const QString &path)
{
    QList<QByteArray> lines = readAll(path).split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

void writeLines(const QString &path, const QList<QByteArray> &lines)
{
    writeAll(path, lines.join('\n') + '\n');
}

QJsonObject object(const QByteArray &line)
{
    return QJsonDocument::fromJson(line).object();
}

int fileMode(const QString &path)
{
    struct stat status = {};
    return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? int(status.st_mode & 07777)
                                                                     : -1;
}

AuditEntry cardInserted(const QString &reader = QStringLiteral("Ward 3 Reader 0"))
{
    AuditEntry entry;
    entry.event = AuditEvent::CardInserted;
    entry.reader = reader;
    return entry;
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{start};

    QString path(const QString &name = QStringLiteral("audit.jsonl")) const
    {
        return m_dir.filePath(name);
    }

    Lanyard::Result<std::unique_ptr<AuditLog>> open(const QString &file)
    {
        AuditLog::Config config;
        config.path = file;
        config.workstation = QStringLiteral("ward3-pc1");
        config.clock = &m_clock;
        return AuditLog::open(config);
    }

    // A log of `count` card events, each a second after the last; empty when it failed.
    QList<QByteArray> writeSample(const QString &file, int count)
    {
        auto log = open(file);
        if (!log.ok())
            return {};
        for (int i = 0; i < count; ++i) {
            if (!(*log)->append(cardInserted(QStringLiteral("Reader %1").arg(i))).ok())
                return {};
            m_clock.advance(std::chrono::seconds(1));
        }
        return readLines(file);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(path());
        m_clock.set(start);
    }

    void appendedLinesVerifyIntact()
    {
        const QList<QByteArray> lines = writeSample(path(), 3);
        QCOMPARE(lines.size(), 3);
        const AuditVerification result = verifyAuditLog(path());
        QVERIFY2(result.intact, qPrintable(result.problem));
        QCOMPARE(result.lines, 3);
        QCOMPARE(result.firstBadLine, 0);
        QCOMPARE(result.problem, QString());
    }

    void eachLineHoldsItsFields()
    {
        auto log = open(path());
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        AuditEntry signIn;
        signIn.event = AuditEvent::SignInSucceeded;
        signIn.user = QStringLiteral("555000000001");
        signIn.userName = QStringLiteral("Alice Cárter");
        signIn.role = QStringLiteral("555000000001-R8000");
        signIn.reader = QStringLiteral("Virtual PCD 00 00");
        signIn.detail = QJsonObject{{QStringLiteral("app"), QStringLiteral("epr")}};
        QVERIFY((*log)->append(signIn).ok());
        m_clock.advance(std::chrono::milliseconds(1500));
        AuditEntry locked;
        locked.event = AuditEvent::Locked;
        locked.reason = QStringLiteral("idle");
        QVERIFY((*log)->append(locked).ok());
        QCOMPARE((*log)->path(), path());

        const QByteArray bytes = readAll(path());
        QVERIFY(bytes.endsWith('\n'));
        const QList<QByteArray> lines = readLines(path());
        QCOMPARE(lines.size(), 2);
        // Compact, keys sorted, UTF-8 as is: the writer's bytes are fixed by the entry.
        QCOMPARE(lines.at(0),
                 "{\"detail\":{\"app\":\"epr\"},\"event\":\"signin.succeeded\",\"host\":"
                 "\"ward3-pc1\",\"prev\":\""
                     + QByteArray(64, '0')
                     + "\",\"reader\":\"Virtual PCD 00 00\",\"role\":\"555000000001-R8000\","
                       "\"seq\":1,\"time\":\"2026-11-21T23:59:01.123Z\",\"user\":"
                       "\"555000000001\",\"user_name\":\"Alice C\xc3\xa1rter\"}");

        const QJsonObject second = object(lines.at(1));
        QCOMPARE(second.value(QLatin1String("event")).toString(), QStringLiteral("session.locked"));
        QCOMPARE(second.value(QLatin1String("seq")).toInteger(), 2);
        QCOMPARE(second.value(QLatin1String("prev")).toString().toLatin1(), sha256Hex(lines.at(0)));
        QCOMPARE(second.value(QLatin1String("time")).toString(),
                 QStringLiteral("2026-11-21T23:59:02.623Z"));
        QCOMPARE(second.value(QLatin1String("reason")).toString(), QStringLiteral("idle"));
        // Empty fields are left out.
        QCOMPARE(second.keys(),
                 (QStringList{QStringLiteral("event"), QStringLiteral("host"), QStringLiteral("prev"),
                              QStringLiteral("reason"), QStringLiteral("seq"),
                              QStringLiteral("time")}));
    }

    void workstationDefaultsToTheHostName()
    {
        AuditLog::Config config;
        config.path = path();
        auto log = AuditLog::open(config);
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        QVERIFY((*log)->append(cardInserted()).ok());
        const QJsonObject line = object(readLines(path()).value(0));
        QCOMPARE(line.value(QLatin1String("host")).toString(), QSysInfo::machineHostName());
        // The system clock, in UTC to the millisecond.
        const QDateTime time = QDateTime::fromString(line.value(QLatin1String("time")).toString(),
                                                     Qt::ISODateWithMs);
        QVERIFY(qAbs(time.msecsTo(QDateTime::currentDateTimeUtc())) < 60000);
    }

    void eventNamesRoundTrip()
    {
        const QStringList names{
            QStringLiteral("card.inserted"),    QStringLiteral("card.removed"),
            QStringLiteral("signin.succeeded"), QStringLiteral("signin.failed"),
            QStringLiteral("role.chosen"),      QStringLiteral("session.locked"),
            QStringLiteral("session.unlocked"), QStringLiteral("user.switched"),
            QStringLiteral("user.signedout"),   QStringLiteral("session.ended"),
            QStringLiteral("app.launched"),     QStringLiteral("patient.changed"),
            QStringLiteral("idle.warning")};
        for (int i = 0; i < names.size(); ++i) {
            QCOMPARE(auditEventName(AuditEvent(i)), names.at(i));
            QCOMPARE(auditEventFromName(names.at(i)), std::optional<AuditEvent>(AuditEvent(i)));
        }
        QVERIFY(!auditEventFromName(QStringLiteral("card.stolen")));
    }

    void fileIs0600AndNewDirectories0700WhateverTheUmask()
    {
        const mode_t previous = ::umask(0);
        auto restore = qScopeGuard([previous] { ::umask(previous); });
        const QString file = m_dir.filePath(QStringLiteral("new/deeper/audit.jsonl"));
        auto log = open(file);
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        QVERIFY((*log)->append(cardInserted()).ok());
        QCOMPARE(fileMode(file), 0600);
        QCOMPARE(fileMode(m_dir.filePath(QStringLiteral("new/deeper"))), 0700);
        QCOMPARE(fileMode(m_dir.filePath(QStringLiteral("new"))), 0700);
    }

    void aFileOthersCanReadIsTightened()
    {
        writeAll(path(), {});
        QVERIFY(QFile::setPermissions(path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup
                                                  | QFile::ReadOther));
        QCOMPARE(fileMode(path()), 0644);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("could be read or written by others "
                                                               "\\(mode 644\\); it is now 0600")));
        auto log = open(path());
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        QCOMPARE(fileMode(path()), 0600);
    }

    void reopeningContinuesTheChain()
    {
        QCOMPARE(writeSample(path(), 2).size(), 2);
        {
            auto log = open(path());
            QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
            QVERIFY((*log)->append(cardInserted()).ok());
        }
        const QList<QByteArray> lines = readLines(path());
        QCOMPARE(lines.size(), 3);
        QCOMPARE(object(lines.at(2)).value(QLatin1String("seq")).toInteger(), 3);
        QCOMPARE(object(lines.at(2)).value(QLatin1String("prev")).toString().toLatin1(),
                 sha256Hex(lines.at(1)));
        QVERIFY(verifyAuditLog(path()).intact);
    }

    // Reopening reads back only the file's end, in a window that must grow to hold a long line.
    void aLongLastLineIsFoundOnReopen()
    {
        AuditEntry big = cardInserted();
        big.detail = QJsonObject{{QStringLiteral("note"), QString(200 * 1024, QLatin1Char('x'))}};
        {
            auto log = open(path());
            QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
            QVERIFY((*log)->append(cardInserted()).ok());
            QVERIFY((*log)->append(big).ok());
        }
        auto log = open(path());
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        QVERIFY((*log)->append(cardInserted()).ok());
        const AuditVerification result = verifyAuditLog(path());
        QVERIFY2(result.intact, qPrintable(result.problem));
        QCOMPARE(result.lines, 3);

        big.detail = QJsonObject{{QStringLiteral("note"), QString(1100 * 1024, QLatin1Char('x'))}};
        const Lanyard::Result<void> tooLong = (*log)->append(big);
        QVERIFY(!tooLong.ok());
        QVERIFY(tooLong.error().is(SsoError::AuditUnavailable));
        QCOMPARE(verifyAuditLog(path()).lines, 3);
    }

    void aLineCutShortStandsAloneAndTheChainGoesOn()
    {
        const QList<QByteArray> lines = writeSample(path(), 3);
        QCOMPARE(lines.size(), 3);
        const QByteArray fragment = lines.at(2).left(40);
        writeAll(path(), lines.at(0) + '\n' + lines.at(1) + '\n' + fragment);

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("ends with an "
                                                                             "incomplete line")));
        auto log = open(path());
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        QVERIFY((*log)->append(cardInserted()).ok());

        const QList<QByteArray> after = readLines(path());
        QCOMPARE(after.size(), 4);
        QCOMPARE(after.at(2), fragment);
        const QJsonObject next = object(after.at(3));
        QCOMPARE(next.value(QLatin1String("seq")).toInteger(), 3);
        QCOMPARE(next.value(QLatin1String("prev")).toString().toLatin1(), sha256Hex(after.at(1)));

        const AuditVerification result = verifyAuditLog(path());
        QVERIFY(!result.intact);
        QCOMPARE(result.firstBadLine, 3);
        QVERIFY2(result.problem.contains(QLatin1String("not a JSON object")),
                 qPrintable(result.problem));
    }

    void aLastLineMissingOnlyItsNewlineIsCompleted()
    {
        const QList<QByteArray> lines = writeSample(path(), 2);
        QCOMPARE(lines.size(), 2);
        writeAll(path(), lines.at(0) + '\n' + lines.at(1));
        auto log = open(path());
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        QVERIFY((*log)->append(cardInserted()).ok());
        const AuditVerification result = verifyAuditLog(path());
        QVERIFY2(result.intact, qPrintable(result.problem));
        QCOMPARE(result.lines, 3);
    }

    void aLastLineThatIsNoAuditLineRefusesToOpen()
    {
        QCOMPARE(writeSample(path(), 2).size(), 2);
        QFile file(path());
        QVERIFY(file.open(QIODevice::Append));
        file.write("someone was here\n");
        file.close();
        auto log = open(path());
        QVERIFY(!log.ok());
        QVERIFY(log.error().is(SsoError::AuditUnavailable));
        QVERIFY2(log.error().message.contains(path()), qPrintable(log.error().message));
        QVERIFY2(log.error().message.contains(QLatin1String("ends with a line that is not a JSON "
                                                            "object")),
                 qPrintable(log.error().message));
    }

    void anOpenInsideARegularFileFails()
    {
        writeAll(m_dir.filePath(QStringLiteral("plain")), "not a directory\n");
        const QString file = m_dir.filePath(QStringLiteral("plain/audit.jsonl"));
        auto log = open(file);
        QVERIFY(!log.ok());
        QVERIFY(log.error().is(SsoError::AuditUnavailable));
        const QString message = log.error().message;
        QVERIFY2(message.contains(file), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("Not a directory")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("sign-in is refused")), qPrintable(message));
    }

    void noPathIsAuditUnavailable()
    {
        auto log = open(QString());
        QVERIFY(!log.ok());
        QVERIFY(log.error().is(SsoError::AuditUnavailable));
    }

    void aSecondWriterIsRefused()
    {
        auto first = open(path());
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        auto second = open(path());
        QVERIFY(!second.ok());
        QVERIFY(second.error().is(SsoError::AuditUnavailable));
        QVERIFY2(second.error().message.contains(QLatin1String("another process is writing it")),
                 qPrintable(second.error().message));
    }

    // As root, permissions stop nothing: a full disk is /dev/full, which takes O_APPEND opens and
    // fails every write with ENOSPC.
    void aFullDiskFailsTheAppend()
    {
        const QString file = path(QStringLiteral("full.jsonl"));
        QFile::remove(file);
        QVERIFY(QFile::link(QStringLiteral("/dev/full"), file));
        const int deviceMode = fileMode(QStringLiteral("/dev/full"));
        auto log = open(file);
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        QCOMPARE(fileMode(QStringLiteral("/dev/full")), deviceMode); // a device keeps its mode
        for (int attempt = 0; attempt < 2; ++attempt) {
            const Lanyard::Result<void> appended = (*log)->append(cardInserted());
            QVERIFY(!appended.ok());
            QVERIFY(appended.error().is(SsoError::AuditUnavailable));
            QCOMPARE(appended.error().nativeCode, ENOSPC);
            const QString message = appended.error().message;
            QVERIFY2(message.contains(QLatin1String("No space left")), qPrintable(message));
            QVERIFY2(message.contains(file), qPrintable(message));
        }
    }

    void appendsFromManyThreadsKeepOneChain()
    {
        auto log = open(path());
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        AuditLog *shared = log->get();
        std::atomic<int> failures = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([shared, &failures] {
                for (int i = 0; i < 20; ++i) {
                    if (!shared->append(cardInserted()).ok())
                        ++failures;
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        const AuditVerification result = verifyAuditLog(path());
        QVERIFY2(result.intact, qPrintable(result.problem));
        QCOMPARE(result.lines, 80);
    }

    void verifyFindsTampering_data()
    {
        QTest::addColumn<QString>("tamper");
        QTest::addColumn<qint64>("badLine");
        QTest::addColumn<QString>("problem");
        QTest::newRow("a field in line 2 edited")
            << "edit2" << qint64(3)
            << "line 3: prev does not match line 2 — line 2 was altered, or lines are missing "
               "before line 3";
        QTest::newRow("line 2 deleted") << "delete2" << qint64(2)
                                        << "line 2: seq is 3 after 1 on line 1 — lines are "
                                           "missing or out of order before line 2";
        QTest::newRow("lines 2 and 3 swapped") << "swap23" << qint64(2)
                                               << "line 2: seq is 3 after 1 on line 1";
        QTest::newRow("line 2 repeated") << "repeat2" << qint64(3)
                                         << "line 3: seq is 2 after 2 on line 2 — lines are "
                                            "repeated or out of order";
        QTest::newRow("line 1 deleted") << "delete1" << qint64(1)
                                        << "line 1: seq is 2, but the first line's must be 1 — "
                                           "lines were removed from the start of the log";
        QTest::newRow("line 1's prev edited") << "prev1" << qint64(1)
                                              << "line 1: prev is not 64 zeros";
        QTest::newRow("the last line cut short") << "truncate" << qint64(5)
                                                 << "line 5 is incomplete";
        QTest::newRow("a line that is not JSON") << "garbage3" << qint64(3)
                                                 << "line 3 is not a JSON object";
        QTest::newRow("a line without seq") << "noseq4" << qint64(4)
                                            << "line 4 has no valid \"seq\" field";
        QTest::newRow("an empty line") << "blank4" << qint64(4) << "line 4 is not a JSON object";
    }

    void verifyFindsTampering()
    {
        QFETCH(QString, tamper);
        QFETCH(qint64, badLine);
        QFETCH(QString, problem);

        QList<QByteArray> lines = writeSample(path(), 5);
        QCOMPARE(lines.size(), 5);
        QVERIFY(verifyAuditLog(path()).intact);
        if (tamper == QLatin1String("edit2")) {
            lines[1].replace("Reader 1", "Reader 9");
        } else if (tamper == QLatin1String("delete2")) {
            lines.removeAt(1);
        } else if (tamper == QLatin1String("swap23")) {
            lines.swapItemsAt(1, 2);
        } else if (tamper == QLatin1String("repeat2")) {
            lines.insert(2, lines.at(1));
        } else if (tamper == QLatin1String("delete1")) {
            lines.removeFirst();
        } else if (tamper == QLatin1String("prev1")) {
            lines[0].replace(QByteArray(64, '0'), sha256Hex("something else"));
        } else if (tamper == QLatin1String("garbage3")) {
            lines[2] = "Tuesday: nothing happened";
        } else if (tamper == QLatin1String("noseq4")) {
            lines[3].replace("\"seq\":4", "\"seq\":\"4\"");
        } else if (tamper == QLatin1String("blank4")) {
            lines.insert(3, QByteArray());
        }
        if (tamper == QLatin1String("truncate"))
            writeAll(path(), lines.join('\n').chopped(10));
        else
            writeLines(path(), lines);

        const AuditVerification result = verifyAuditLog(path());
        QVERIFY(!result.intact);
        QCOMPARE(result.firstBadLine, badLine);
        QVERIFY2(result.problem.startsWith(problem), qPrintable(result.problem));
        QCOMPARE(result.lines, tamper == QLatin1String("truncate") ? badLine - 1 : badLine);
    }

    void linesRemovedFromTheEndAreNotDetectable()
    {
        QList<QByteArray> lines = writeSample(path(), 4);
        QCOMPARE(lines.size(), 4);
        writeLines(path(), lines.mid(0, 2));
        const AuditVerification result = verifyAuditLog(path());
        QVERIFY(result.intact); // documented: syslog is the witness for the end
        QCOMPARE(result.lines, 2);
    }

    void emptyFileIsIntact()
    {
        writeAll(path(), {});
        const AuditVerification result = verifyAuditLog(path());
        QVERIFY(result.intact);
        QCOMPARE(result.lines, 0);
    }

    void anUnreadableFileIsNotIntactAtNoLine()
    {
        const AuditVerification result = verifyAuditLog(path(QStringLiteral("missing.jsonl")));
        QVERIFY(!result.intact);
        QCOMPARE(result.firstBadLine, 0);
        QVERIFY2(result.problem.contains(QLatin1String("No such file")), qPrintable(result.problem));
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
