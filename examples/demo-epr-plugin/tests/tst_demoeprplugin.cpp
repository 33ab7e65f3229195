// The demo plugin, driven through the Lanyard plugin test kit as Lanyard would drive it. The
// "EPR client" is /bin/sh recording what it was given, so the test can check the token arrived
// on stdin and nowhere else.
#include <lanyard/plugintestkit/pluginharness.h>

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using Lanyard::PluginTestKit::PluginHarness;
using namespace Lanyard::Plugin;

class TestDemoEprPlugin : public QObject
{
    Q_OBJECT

private:
    // A stand-in EPR client: writes its stdin, arguments and environment to files (renamed into
    // place so the test never reads half a file), then waits to be ended.
    QJsonObject recordingClient() const
    {
        const QString script = QStringLiteral(
            "cd '%1' || exit 1; "
            "cat > stdin.tmp && mv stdin.tmp stdin; "
            "printf '%s\\n' \"$@\" > argv.tmp && mv argv.tmp argv; "
            "env > env.tmp && mv env.tmp env; "
            "exec sleep 30").arg(m_dir->path());
        return QJsonObject{
            {QStringLiteral("command"), QStringLiteral("/bin/sh")},
            {QStringLiteral("arguments"),
             QJsonArray{QStringLiteral("-c"), script, QStringLiteral("demo-epr")}}};
    }

    QByteArray recorded(const QString &name) const
    {
        QFile file(m_dir->filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    bool waitForRecording() const
    {
        const QString last = m_dir->filePath(QStringLiteral("env"));
        return QTest::qWaitFor([&] { return QFile::exists(last); }, 5000);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PluginHarness> m_harness;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_harness = std::make_unique<PluginHarness>();
        QVERIFY2(m_harness->load(QStringLiteral(DEMO_EPR_PLUGIN_FILE)).ok(),
                 qPrintable(m_harness->lastError()));
    }

    void cleanup()
    {
        m_harness->sessionEnded(); // never leave a stand-in client running
        m_harness.reset();
    }

    void manifestIsRight()
    {
        const auto manifest = PluginHarness::readManifest(QStringLiteral(DEMO_EPR_PLUGIN_FILE));
        QVERIFY(manifest.ok());
        QCOMPARE(manifest->id, QStringLiteral("org.example.demo-epr"));
        QCOMPARE(manifest->name, QStringLiteral("Demo EPR"));
        QCOMPARE(manifest->version, QStringLiteral("1.0.0"));
        QCOMPARE(manifest->api, ApiVersion);
        QCOMPARE(manifest->signIn, QStringLiteral("token"));
        QCOMPARE(manifest->audience, QStringLiteral("demo-epr"));
        QVERIFY(manifest->followsPatient);
    }

    void initializeRefusesWithoutACommand_data()
    {
        QTest::addColumn<QJsonObject>("settings");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command")
            << QJsonObject{{QStringLiteral("command"), QString()}}
            << QStringLiteral("no settings.command");
        QTest::newRow("not installed") << QJsonObject{} // the manifest's default path
                                       << QStringLiteral("not installed");
        QTest::newRow("arguments not a list")
            << QJsonObject{{QStringLiteral("command"), QStringLiteral("/bin/sh")},
                           {QStringLiteral("arguments"), QStringLiteral("-c")}}
            << QStringLiteral("settings.arguments");
    }

    void initializeRefusesWithoutACommand()
    {
        QFETCH(QJsonObject, settings);
        QFETCH(QString, message);
        const auto result = m_harness->initialize(settings);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
        QVERIFY(!m_harness->launch(m_harness->sampleRequest()).ok());
    }

    void launchPassesTheTokenOnStdinOnly_data()
    {
        QTest::addColumn<bool>("withPatient");
        QTest::addColumn<bool>("withHub");
        QTest::newRow("no patient, no hub") << false << false;
        QTest::newRow("patient") << true << false;
        QTest::newRow("patient and hub") << true << true;
    }

    void launchPassesTheTokenOnStdinOnly()
    {
        QFETCH(bool, withPatient);
        QFETCH(bool, withHub);
        QVERIFY2(m_harness->initialize(recordingClient()).ok(), qPrintable(m_harness->lastError()));
        LaunchRequest request = m_harness->sampleRequest(withPatient);
        if (withHub)
            request.hub = PluginHarness::sampleHub();

        const auto app = m_harness->launch(request);
        QVERIFY2(app.ok(), qPrintable(m_harness->lastError()));
        QVERIFY(app->processId > 0);
        QVERIFY(waitForRecording());

        QByteArray expectedStdin = request.token.token + '\n';
        QStringList expectedArgv;
        if (withPatient)
            expectedArgv << QStringLiteral("--nhs-number") << request.patient.nhsNumber;
        if (withHub) {
            expectedArgv << QStringLiteral("--hub-url") << request.hub.url.toString()
                         << QStringLiteral("--hub-topic") << request.hub.topic;
            expectedStdin += request.hub.token + '\n';
        }
        QCOMPARE(recorded(QStringLiteral("stdin")), expectedStdin);
        const QByteArray argv = recorded(QStringLiteral("argv"));
        QCOMPARE(QString::fromUtf8(argv).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 expectedArgv);
        const QByteArray env = recorded(QStringLiteral("env"));
        QVERIFY(!env.isEmpty());
        QVERIFY(!argv.contains(request.token.token));
        QVERIFY(!env.contains(request.token.token));
        if (withHub) {
            QVERIFY(!argv.contains(request.hub.token));
            QVERIFY(!env.contains(request.hub.token));
        }
    }

    void sessionEndedEndsTheApp()
    {
        QVERIFY2(m_harness->initialize(recordingClient()).ok(), qPrintable(m_harness->lastError()));
        const auto app = m_harness->launch(m_harness->sampleRequest());
        QVERIFY2(app.ok(), qPrintable(m_harness->lastError()));
        QVERIFY(waitForRecording());
        m_harness->sessionLocked();
        QVERIFY(PluginHarness::isRunning(app->processId)); // locked is not ended
        m_harness->sessionEnded();
        QVERIFY(PluginHarness::waitForExit(app->processId, 5000));
    }
};

QTEST_GUILESS_MAIN(TestDemoEprPlugin)
#include "tst_demoeprplugin.moc"
