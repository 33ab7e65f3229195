// lanyard-audit, run as a process on logs the library writes: its answers, --json and the exit
// codes IT desks script against.
#include <lanyard/sso/auditlog.h>
#include <lanyard/sso/clock.h>

#include "toolrun.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Lanyard::Sso;

namespace {

using Run = Lanyard::Tests::ToolRun;

Run run(const QStringList &arguments)
{
    return Run::run(QStringLiteral(LANYARD_AUDIT_BINARY), arguments);
}

QList<QByteArray> outputLines(const Run &run)
{
    return run.lines();
}

} // namespace

class TestLanyardAudit : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_log;

    QByteArray logBytes() const
    {
        QFile file(m_log);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    // Alice signs in, chooses a role and opens a record; Bob's card fails; Alice's card leaves.
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_log = m_dir.filePath(QStringLiteral("audit.jsonl"));
        QFile::remove(m_log);
        ManualClock clock(QDateTime(QDate(2026, 11, 21), QTime(8, 0), Qt::UTC));
        AuditLog::Config config;
        config.path = m_log;
        config.workstation = QStringLiteral("ward3-pc1");
        config.clock = &clock;
        auto log = AuditLog::open(config);
        QVERIFY2(log.ok(), log.ok() ? "" : qPrintable(log.error().message));
        auto entry = [](AuditEvent event, const QString &user) {
            AuditEntry e;
            e.event = event;
            e.user = user;
            return e;
        };
        AuditEntry signIn = entry(AuditEvent::SignInSucceeded, QStringLiteral("555000000001"));
        signIn.userName = QStringLiteral("Alice Carter");
        AuditEntry patient = entry(AuditEvent::PatientContextChanged, QStringLiteral("555000000001"));
        patient.detail = QJsonObject{{QStringLiteral("nhs_number"), QStringLiteral("9434765919")}};
        AuditEntry failed = entry(AuditEvent::SignInFailed, QStringLiteral("555000000002"));
        failed.reason = QStringLiteral("Incorrect passcode");
        AuditEntry removed = entry(AuditEvent::CardRemoved, QStringLiteral("555000000001"));
        removed.reader = QStringLiteral("Reader 0");
        for (const AuditEntry &e : {signIn, patient, failed, removed}) {
            QVERIFY((*log)->append(e).ok());
            clock.advance(std::chrono::minutes(10));
        }
    }

    void anIntactLogIsExit0()
    {
        const Run verified = run({QStringLiteral("verify"), m_log});
        QCOMPARE(verified.exitCode, 0);
        QCOMPARE(verified.output, (m_log + QStringLiteral(": 4 lines, chain intact\n")).toUtf8());
        QCOMPARE(verified.errors, QByteArray());

        const Run json = run({QStringLiteral("verify"), m_log, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(json.json(),
                 (QJsonObject{{QStringLiteral("file"), m_log},
                              {QStringLiteral("intact"), true},
                              {QStringLiteral("lines"), 4},
                              {QStringLiteral("first_bad_line"), 0},
                              {QStringLiteral("problem"), QString()}}));
    }

    void aTamperedLogIsExit1()
    {
        QByteArray bytes = logBytes();
        bytes.replace("Incorrect passcode", "Card removed");
        QFile file(m_log);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
        file.close();

        const Run verified = run({QStringLiteral("verify"), m_log});
        QCOMPARE(verified.exitCode, 1);
        QCOMPARE(QString::fromUtf8(verified.output),
                 m_log
                     + QStringLiteral(": chain broken: line 4: prev does not match line 3 — "
                                      "line 3 was altered, or lines are missing before line 4\n"));

        const Run json = run({QStringLiteral("--json"), QStringLiteral("verify"), m_log});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject object = json.json();
        QCOMPARE(object.value(QLatin1String("intact")).toBool(true), false);
        QCOMPARE(object.value(QLatin1String("first_bad_line")).toInteger(), 4);
        QCOMPARE(object.value(QLatin1String("lines")).toInteger(), 4);
        QVERIFY(object.value(QLatin1String("problem")).toString().startsWith(
            QLatin1String("line 4: prev does not match line 3")));
    }

    void aLogCutMidLineIsExit1()
    {
        const QByteArray bytes = logBytes();
        QFile file(m_log);
        QVERIFY(file.resize(bytes.size() - 5));
        const Run verified = run({QStringLiteral("verify"), m_log, QStringLiteral("--json")});
        QCOMPARE(verified.exitCode, 1);
        QCOMPARE(verified.json().value(QLatin1String("first_bad_line")).toInteger(), 4);
        QCOMPARE(verified.json().value(QLatin1String("lines")).toInteger(), 3);
    }

    void anUnreadableFileIsExit2()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.jsonl"));
        const Run verified = run({QStringLiteral("verify"), missing});
        QCOMPARE(verified.exitCode, 2);
        QCOMPARE(verified.output, QByteArray());
        QCOMPARE(QString::fromUtf8(verified.errors),
                 QStringLiteral("lanyard-audit: Cannot read %1: No such file or directory\n")
                     .arg(missing));

        const Run json = run({QStringLiteral("verify"), missing, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 2);
        QVERIFY(json.json().value(QLatin1String("error")).toString().startsWith(
            QLatin1String("Cannot read")));
        QCOMPARE(json.json().value(QLatin1String("intact")).toBool(true), false);
    }

    void usageErrorsAreExit2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing") << QStringList() << "give a command and a file";
        QTest::newRow("no file") << QStringList{QStringLiteral("verify")}
                                 << "give a command and a file";
        QTest::newRow("unknown command") << QStringList{QStringLiteral("check"), QStringLiteral("f")}
                                         << "unknown command \"check\"";
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--fix"), QStringLiteral("verify"), QStringLiteral("f")}
            << "Unknown option 'fix'";
        QTest::newRow("a show option on verify")
            << QStringList{QStringLiteral("verify"), QStringLiteral("f"), QStringLiteral("--user"),
                           QStringLiteral("1")}
            << "--since, --user and --event go with show";
        QTest::newRow("a bad time") << QStringList{QStringLiteral("show"), QStringLiteral("f"),
                                                   QStringLiteral("--since"),
                                                   QStringLiteral("yesterday")}
                                    << "--since \"yesterday\" is not an ISO 8601 time";
        QTest::newRow("an unknown event")
            << QStringList{QStringLiteral("show"), QStringLiteral("f"), QStringLiteral("--event"),
                           QStringLiteral("card.stolen")}
            << "--event \"card.stolen\" is not an audit event";
    }

    void usageErrorsAreExit2()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run failed = run(arguments);
        QCOMPARE(failed.exitCode, 2);
        QVERIFY2(QString::fromUtf8(failed.errors).startsWith(QLatin1String("lanyard-audit: ") + message),
                 failed.errors.constData());
    }

    void helpAndVersion()
    {
        const Run help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.output.contains("verify FILE"));
        QVERIFY(help.output.contains("Exit codes: 0 the chain is intact"));
        QVERIFY(help.output.contains("2 usage error or unreadable file"));

        const Run version = run({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.output.startsWith("lanyard-audit "));
    }

    void showPrintsATable()
    {
        const Run shown = run({QStringLiteral("show"), m_log});
        QCOMPARE(shown.exitCode, 0);
        const QList<QByteArray> lines = outputLines(shown);
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines.at(0).startsWith("SEQ     TIME"));
        QCOMPARE(lines.at(1),
                 "1       2026-11-21T08:00:00.000Z signin.succeeded 555000000001 Alice Carter");
        QCOMPARE(lines.at(2), "2       2026-11-21T08:10:00.000Z patient.changed  555000000001 "
                              "nhs_number=9434765919");
        QCOMPARE(lines.at(3), "3       2026-11-21T08:20:00.000Z signin.failed    555000000002 "
                              "reason=\"Incorrect passcode\"");
    }

    void showFilters()
    {
        const Run byUser = run({QStringLiteral("show"), m_log, QStringLiteral("--user"),
                                QStringLiteral("555000000002")});
        QCOMPARE(byUser.exitCode, 0);
        QCOMPARE(outputLines(byUser).size(), 2);
        QVERIFY(outputLines(byUser).at(1).startsWith("3 "));

        const Run byEvent = run({QStringLiteral("show"), m_log, QStringLiteral("--event"),
                                 QStringLiteral("card.removed"), QStringLiteral("--json")});
        QCOMPARE(byEvent.exitCode, 0);
        QCOMPARE(outputLines(byEvent), QList<QByteArray>{logBytes().split('\n').at(3)});

        const Run since = run({QStringLiteral("show"), m_log, QStringLiteral("--since"),
                               QStringLiteral("2026-11-21T08:10:00Z"), QStringLiteral("--json")});
        QCOMPARE(since.exitCode, 0);
        const QList<QByteArray> lines = outputLines(since);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(QJsonDocument::fromJson(lines.first()).object().value(QLatin1String("seq")).toInteger(),
                 2);
    }
};

QTEST_GUILESS_MAIN(TestLanyardAudit)
#include "tst_lanyardaudit.moc"
