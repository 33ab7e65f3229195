// The plugin test kit itself: the manifest checks it makes before loading code, and the record it
// keeps of a plugin's lifecycle. The plugins under test are the example's (demo-epr) and one
// whose manifest asks for a newer API, both built in tree by sdk.cmake.
#include <lanyard/plugintestkit/pluginharness.h>

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using Lanyard::PluginTestKit::HarnessError;
using Lanyard::PluginTestKit::PluginHarness;
using namespace Lanyard::Plugin;

namespace {

QJsonObject demoManifest()
{
    return QJsonObject{{QStringLiteral("id"), QStringLiteral("org.example.demo-epr")},
                       {QStringLiteral("name"), QStringLiteral("Demo EPR")},
                       {QStringLiteral("version"), QStringLiteral("1.0.0")},
                       {QStringLiteral("api"), 1},
                       {QStringLiteral("signIn"), QStringLiteral("token")},
                       {QStringLiteral("audience"), QStringLiteral("demo-epr")}};
}

QJsonObject metaData(const QJsonObject &manifest,
                     const QString &iid = QStringLiteral(Lanyard_ClinicalAppPlugin_iid))
{
    return QJsonObject{{QStringLiteral("IID"), iid}, {QStringLiteral("MetaData"), manifest}};
}

QJsonObject with(QJsonObject manifest, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        manifest.remove(key);
    else
        manifest.insert(key, value);
    return manifest;
}

// Whether a shared object is mapped into this process: proof its code was loaded.
bool isMapped(const QString &fileName)
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains(QFile::encodeName(fileName));
}

} // namespace

class TestPluginHarness : public QObject
{
    Q_OBJECT

private slots:
    void checkMetaData_data()
    {
        QTest::addColumn<QJsonObject>("metaData");
        QTest::addColumn<int>("error"); // 0: accepted
        QTest::addColumn<QString>("message");
        const QJsonValue none(QJsonValue::Undefined);

        QTest::newRow("demo") << metaData(demoManifest()) << 0 << QString();
        QTest::newRow("api 2") << metaData(with(demoManifest(), QStringLiteral("api"), 2))
                               << int(HarnessError::ApiTooNew)
                               << QStringLiteral("manifest: api 2 is newer than this Lanyard's 1");
        QTest::newRow("api as text")
            << metaData(with(demoManifest(), QStringLiteral("api"), QStringLiteral("1")))
            << int(HarnessError::BadManifest) << QStringLiteral("\"api\"");
        QTest::newRow("api 1.5") << metaData(with(demoManifest(), QStringLiteral("api"), 1.5))
                                 << int(HarnessError::BadManifest) << QStringLiteral("\"api\"");
        QTest::newRow("no id") << metaData(with(demoManifest(), QStringLiteral("id"), none))
                               << int(HarnessError::BadManifest) << QStringLiteral("\"id\"");
        QTest::newRow("no name") << metaData(with(demoManifest(), QStringLiteral("name"), none))
                                 << int(HarnessError::BadManifest) << QStringLiteral("\"name\"");
        QTest::newRow("no version")
            << metaData(with(demoManifest(), QStringLiteral("version"), none))
            << int(HarnessError::BadManifest) << QStringLiteral("\"version\"");
        QTest::newRow("signIn sms")
            << metaData(with(demoManifest(), QStringLiteral("signIn"), QStringLiteral("sms")))
            << int(HarnessError::BadManifest)
            << QStringLiteral("signIn \"sms\" is not one of token, web, autotype, none");
        QTest::newRow("token without audience")
            << metaData(with(demoManifest(), QStringLiteral("audience"), none))
            << int(HarnessError::BadManifest) << QStringLiteral("\"audience\"");
        QTest::newRow("settings not an object")
            << metaData(with(demoManifest(), QStringLiteral("settings"), 3))
            << int(HarnessError::BadManifest) << QStringLiteral("\"settings\"");
        QTest::newRow("other interface")
            << metaData(demoManifest(), QStringLiteral("org.lanyard.ClinicalAppPlugin/2"))
            << int(HarnessError::WrongInterface) << QStringLiteral("IID");
        QTest::newRow("no manifest") << metaData(QJsonObject{}) << int(HarnessError::BadManifest)
                                     << QStringLiteral("manifest: empty");
    }

    void checkMetaData()
    {
        QFETCH(QJsonObject, metaData);
        QFETCH(int, error);
        QFETCH(QString, message);
        const auto manifest = PluginHarness::checkMetaData(metaData);
        if (error == 0) {
            // QVERIFY2 builds its message even on success: read error() only on failure.
            if (!manifest.ok())
                QFAIL(qPrintable(manifest.error().message));
            return;
        }
        QVERIFY(!manifest.ok());
        QCOMPARE(manifest.error().code, error);
        QVERIFY2(manifest.error().message.contains(message),
                 qPrintable(manifest.error().message));
    }

    void refusesANewerApiBeforeLoadingCode()
    {
        const QString file = QStringLiteral(API2_PLUGIN_FILE);
        PluginHarness harness;
        const auto loaded = harness.load(file);
        QVERIFY(!loaded.ok());
        QVERIFY(loaded.error().is(HarnessError::ApiTooNew));
        QVERIFY2(loaded.error().message.contains(
                     QStringLiteral("manifest: api 2 is newer than this Lanyard's 1")),
                 qPrintable(loaded.error().message));
        QCOMPARE(harness.lastError(), loaded.error().message);
        QVERIFY(!harness.isLoaded());
        QVERIFY(!isMapped(file));
        QVERIFY(qEnvironmentVariableIsEmpty("LANYARD_TEST_API2_CONSTRUCTED"));
    }

    void refusesWhatIsNotAPlugin()
    {
        QTemporaryDir dir;
        PluginHarness harness;
        const auto missing = harness.load(dir.filePath(QStringLiteral("missing.so")));
        QVERIFY(missing.error().is(HarnessError::FileNotFound));

        QFile text(dir.filePath(QStringLiteral("text.so")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not a plugin\n");
        text.close();
        const auto notAPlugin = harness.load(text.fileName());
        QVERIFY(notAPlugin.error().is(HarnessError::NotAPlugin));
        QVERIFY(!harness.isLoaded());
    }

    void callsBeforeLoadFail()
    {
        PluginHarness harness;
        const auto result = harness.initialize(QJsonObject{});
        QVERIFY(result.error().is(HarnessError::NotLoaded));
        QVERIFY(harness.launch(harness.sampleRequest()).error().is(HarnessError::NotLoaded));
        harness.sessionEnded();
        QCOMPARE(harness.callNames(),
                 (QStringList{QStringLiteral("initialize"), QStringLiteral("launch"),
                              QStringLiteral("sessionEnded")}));
        for (const auto &call : harness.calls())
            QVERIFY(!call.ok);
    }

    void initializeOverlaysTheManifestSettings()
    {
        PluginHarness harness;
        QVERIFY2(harness.load(QStringLiteral(DEMO_EPR_PLUGIN_FILE)).ok(),
                 qPrintable(harness.lastError()));
        QCOMPARE(harness.manifest().settings.value(QLatin1String("command")).toString(),
                 QStringLiteral("/opt/demo-epr/bin/demo-epr"));
        // The manifest's own command is not installed here: refused, with the reason recorded.
        QVERIFY(!harness.initialize().ok());
        QVERIFY2(harness.lastError().contains(QStringLiteral("not installed")),
                 qPrintable(harness.lastError()));
        QVERIFY(harness.initialize(QJsonObject{{QStringLiteral("command"),
                                                QStringLiteral("/bin/true")}})
                    .ok());
        QCOMPARE(harness.calls().size(), 3);
        QCOMPARE(harness.calls().at(1).ok, false);
        QCOMPARE(harness.calls().at(2).ok, true);
    }

    void drivesTheLifecycle()
    {
        QTemporaryDir dir;
        const QString stdinFile = dir.filePath(QStringLiteral("stdin"));
        const QString argvFile = dir.filePath(QStringLiteral("argv"));
        // One command line, split as QProcess::splitCommand does: only double quotes group.
        const QString script =
            QStringLiteral("cat > '%1.tmp' && mv '%1.tmp' '%1'; "
                           "printf '%s\\n' $0 $@ > '%2.tmp' && mv '%2.tmp' '%2'; "
                           "exec sleep 30")
                .arg(stdinFile, argvFile);

        PluginHarness harness;
        QVERIFY2(harness.load(QStringLiteral(DEMO_EPR_PLUGIN_FILE)).ok(),
                 qPrintable(harness.lastError()));
        QVERIFY(harness.isLoaded());
        QVERIFY(harness.plugin());
        QCOMPARE(harness.manifest().id, QStringLiteral("org.example.demo-epr"));
        QVERIFY2(harness.initialize(QJsonObject{{QStringLiteral("command"),
                                                 QStringLiteral("/bin/sh -c \"%1\"").arg(script)}})
                     .ok(),
                 qPrintable(harness.lastError()));

        const LaunchRequest request = harness.sampleRequest();
        QCOMPARE(request.token.audience, QStringLiteral("demo-epr"));
        QCOMPARE(request.patient.nhsNumber, QStringLiteral("9000000009"));
        const auto app = harness.launch(request);
        QVERIFY2(app.ok(), qPrintable(harness.lastError()));
        QCOMPARE(harness.launchedApps().size(), 1);
        QCOMPARE(harness.launchedApps().constFirst().processId, app->processId);

        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(argvFile), 5000);
        QFile in(stdinFile);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(in.readAll(), request.token.token + '\n');
        QFile argv(argvFile);
        QVERIFY(argv.open(QIODevice::ReadOnly));
        const QByteArray arguments = argv.readAll();
        QVERIFY(!arguments.contains(request.token.token));
        QVERIFY(arguments.contains("--nhs-number\n9000000009\n"));

        harness.patientContextChanged(PluginHarness::samplePatient());
        harness.sessionLocked();
        QVERIFY(!PluginHarness::waitForExit(app->processId, 100)); // still running when locked
        harness.sessionEnded();
        QVERIFY(PluginHarness::waitForExit(app->processId, 5000));
        QVERIFY(!PluginHarness::isRunning(app->processId));
        harness.unload(); // shuts the plugin down first
        QVERIFY(!harness.isLoaded());
        QCOMPARE(harness.callNames(),
                 (QStringList{QStringLiteral("load"), QStringLiteral("initialize"),
                              QStringLiteral("launch"), QStringLiteral("patientContextChanged"),
                              QStringLiteral("sessionLocked"), QStringLiteral("sessionEnded"),
                              QStringLiteral("shutdown")}));
        for (const auto &call : harness.calls())
            QVERIFY2(call.ok, qPrintable(call.call));
        QVERIFY(harness.lastError().isEmpty());
    }

    void sampleTokensDiffer()
    {
        const AccessToken a = PluginHarness::sampleToken(QStringLiteral("x"));
        const AccessToken b = PluginHarness::sampleToken(QStringLiteral("x"));
        QVERIFY(a.token != b.token);
        QVERIFY(a.expiresAt > QDateTime::currentDateTimeUtc());
    }
};

QTEST_GUILESS_MAIN(TestPluginHarness)
#include "tst_pluginharness.moc"
