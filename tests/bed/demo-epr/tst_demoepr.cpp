// The demo EPR as the tests and the demo use it: signed in only by a token it verifies against
// the bed's IdP keys, refusing a forged one, and following the session's FHIRcast hub.
#include "bedcontrol.h"

#include <lanyard/context/fhircasthub.h>

#include <QJsonArray>
#include <QProcess>
#include <QScreen>
#include <QGuiApplication>
#include <QTest>

using Lanyard::Tests::BedControl;
using Lanyard::Context::FhircastHub;

namespace {

struct DemoEpr
{
    QProcess process;
    QStringList said;

    bool start(const QByteArray &input, const QStringList &extra = {})
    {
        process.start(QStringLiteral(LANYARD_DEMO_EPR_BINARY),
                      QStringList{QStringLiteral("--issuer"), BedControl::value("BED_IDP_ISSUER"),
                                  QStringLiteral("--ca"), BedControl::value("BED_CA_BUNDLE")} + extra);
        if (!process.waitForStarted())
            return false;
        process.write(input);
        process.closeWriteChannel();
        return true;
    }
    // Waits for a line starting with `word`, serving this process's events meanwhile.
    bool waitFor(const QString &word, int ms = 15000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < ms) {
            while (process.canReadLine())
                said << QString::fromUtf8(process.readLine()).trimmed();
            for (const QString &line : std::as_const(said))
                if (line.startsWith(word))
                    return true;
            QTest::qWait(20); // keeps this process's event loop (the hub) running
        }
        qWarning() << "demo EPR said" << said << process.readAllStandardError();
        return false;
    }
    ~DemoEpr()
    {
        process.kill();
        process.waitForFinished();
    }
};

} // namespace

class TestDemoEpr : public QObject
{
    Q_OBJECT

    QByteArray m_token;

private slots:
    void initTestCase()
    {
        QVERIFY2(BedControl::isUp(), "run through ctest: this test needs the bed");
        m_token = BedControl::applicationToken(QStringLiteral("alice"), QStringLiteral("demo-epr"));
        QVERIFY(m_token.count('.') == 2);
    }

    void signsInWithAVerifiedToken()
    {
        DemoEpr epr;
        QVERIFY(epr.start(m_token + '\n', {QStringLiteral("--nhs-number"), QStringLiteral("9990000034")}));
        QVERIFY(epr.waitFor(QStringLiteral("signed-in 555000000001")));
        QVERIFY(epr.waitFor(QStringLiteral("patient 9990000034")));
        QTest::qWait(300); // let it paint before the screenshot
        QGuiApplication::primaryScreen()->grabWindow(0).save(BedControl::artefactPath(QStringLiteral("demo-epr-signed-in.png")));
        QVERIFY(!QString::fromUtf8(epr.process.readAllStandardError()).contains(QString::fromLatin1(m_token)));
    }

    void refusesAForgedToken()
    {
        QList<QByteArray> parts = m_token.split('.');
        parts[1] = QByteArray(R"({"iss":"x","sub":"555000000003","aud":"demo-epr"})").toBase64(
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        DemoEpr epr;
        QVERIFY(epr.start(parts.join('.') + '\n'));
        QVERIFY(epr.waitFor(QStringLiteral("refused")));
        QVERIFY(!epr.said.join(QLatin1Char('\n')).contains(QLatin1String("signed-in")));
    }

    void followsTheHub()
    {
        auto hub = FhircastHub::start({});
        QVERIFY(hub.ok());
        FhircastHub &running = **hub;
        DemoEpr epr;
        QVERIFY(epr.start(m_token + '\n' + running.issueToken(QStringLiteral("demo-epr")) + '\n',
                          {QStringLiteral("--hub-url"), running.url().toString(),
                           QStringLiteral("--hub-topic"), running.topic()}));
        QVERIFY(epr.waitFor(QStringLiteral("signed-in")));
        QTRY_COMPARE_WITH_TIMEOUT(running.subscriberCount(), 1, 10000);
        running.openPatient(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                                        {QStringLiteral("id"), QStringLiteral("9990000026")}});
        QVERIFY(epr.waitFor(QStringLiteral("patient 9990000026")));
        running.userHibernate();
        QVERIFY(epr.waitFor(QStringLiteral("hidden")));
        running.userLogout();
        QVERIFY(epr.waitFor(QStringLiteral("logged-out")));
        QTRY_COMPARE_WITH_TIMEOUT(epr.process.state(), QProcess::NotRunning, 10000); // the hub keeps running
        QCOMPARE(epr.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(epr.process.exitCode(), 0);
    }
};

QTEST_MAIN(TestDemoEpr)
#include "tst_demoepr.moc"
