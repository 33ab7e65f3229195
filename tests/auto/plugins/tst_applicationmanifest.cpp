// Application manifests: JSON files naming an installed plugin (here the built-in exec plugin)
// that become catalogue entries of their own, refused with a reason naming the file, and
// launched through PluginHost with the merged settings.
#include <lanyard/pluginhost/applicationmanifest.h>
#include <lanyard/pluginhost/pluginerror.h>
#include <lanyard/pluginhost/pluginhost.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Lanyard;
using namespace Lanyard::Plugins;

namespace {

const QString execId = QStringLiteral("org.lanyard.exec");

PluginEntry entryWithId(const QList<PluginEntry> &entries, const QString &id)
{
    for (const PluginEntry &entry : entries) {
        if (entry.manifest.id == id)
            return entry;
    }
    return {};
}

PluginEntry entryForFile(const QList<PluginEntry> &entries, const QString &fileName)
{
    for (const PluginEntry &entry : entries) {
        if (QFileInfo(entry.applicationFile).fileName() == fileName)
            return entry;
    }
    return {};
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_ApplicationManifest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void validApplication();
    void fixtureManifest();
    void refused_data();
    void refused();
    void allowList();
    void configKeys();
    void launchThroughHost();

private:
    PluginHostConfig config() const;

    QTemporaryDir m_dir;
    QString m_builtin;
    QString m_apps;
    QString m_empty;
};

void tst_ApplicationManifest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_builtin = m_dir.filePath(QStringLiteral("builtin"));
    m_empty = m_dir.filePath(QStringLiteral("empty"));
    QVERIFY(QDir().mkpath(m_builtin));
    QVERIFY(QDir().mkpath(m_empty));
    const QString plugin = QStringLiteral(LANYARD_EXEC_PLUGIN);
    QVERIFY2(QFile::copy(plugin, m_builtin + QLatin1Char('/') + QFileInfo(plugin).fileName()),
             qPrintable(plugin));
}

void tst_ApplicationManifest::init()
{
    // A fresh application directory for each test (and each data row).
    static int count = 0;
    m_apps = m_dir.filePath(QStringLiteral("apps-%1").arg(++count));
    QVERIFY(QDir().mkpath(m_apps));
}

PluginHostConfig tst_ApplicationManifest::config() const
{
    PluginHostConfig config;
    config.builtinDirectory = m_builtin;
    config.directories = {m_empty};
    config.applicationDirectories = {m_apps};
    config.runnerPath = QStringLiteral(LANYARD_PLUGIN_RUNNER);
    config.dataDirectory = m_dir.filePath(QStringLiteral("data"));
    return config;
}

void tst_ApplicationManifest::validApplication()
{
    QVERIFY(writeFile(m_apps + QStringLiteral("/demo-epr.json"), R"({
        "id": "demo-epr", "name": "Demo EPR", "plugin": "org.lanyard.exec",
        "audience": "demo-epr", "followsPatient": true, "icon": "/icons/demo-epr.svg",
        "settings": {"command": "/bin/true", "arguments": ["--user", "{userId}"]}
    })"));
    PluginCatalogue catalogue(config());
    catalogue.scan();
    const QList<PluginEntry> entries = catalogue.entries();

    const PluginEntry exec = entryWithId(entries, execId);
    QCOMPARE(exec.state, PluginState::Available);
    QVERIFY(!exec.isApplication());

    const PluginEntry app = entryWithId(entries, QStringLiteral("demo-epr"));
    QCOMPARE(app.state, PluginState::Available);
    QVERIFY(app.reason.isEmpty());
    QVERIFY(app.isApplication());
    QCOMPARE(QFileInfo(app.applicationFile).fileName(), QStringLiteral("demo-epr.json"));
    QCOMPARE(app.pluginId, execId);
    QCOMPARE(app.path, exec.path); // runs the exec plugin's file
    QCOMPARE(app.manifest.name, QStringLiteral("Demo EPR"));
    QCOMPARE(app.manifest.audience, QStringLiteral("demo-epr"));
    QCOMPARE(app.manifest.icon, QStringLiteral("/icons/demo-epr.svg"));
    QVERIFY(app.manifest.followsPatient);
    QCOMPARE(app.manifest.signIn, SignIn::Token); // the plugin's
    QCOMPARE(app.manifest.version, exec.manifest.version);
    // The plugin manifest's settings (none for exec) with the application's over them.
    QJsonObject expected = exec.manifest.settings;
    expected.insert(QStringLiteral("command"), QStringLiteral("/bin/true"));
    expected.insert(QStringLiteral("arguments"),
                    QJsonArray{QStringLiteral("--user"), QStringLiteral("{userId}")});
    QCOMPARE(app.manifest.settings, expected);
    // The exec plugin itself is unchanged by the application.
    QCOMPARE(exec.manifest.id, execId);
    QVERIFY(!exec.manifest.followsPatient);
}

void tst_ApplicationManifest::fixtureManifest()
{
    // The fixture shipped with the tests (and shown in docs/plugin-host.md) reads as it should.
    const auto manifest = ApplicationManifest::read(QStringLiteral(APPLICATIONS_DIR)
                                                    + QStringLiteral("/demo-epr.json"));
    QVERIFY2(manifest.ok(), manifest.ok() ? "" : qPrintable(manifest.error().message));
    QCOMPARE(manifest->id, QStringLiteral("demo-epr"));
    QCOMPARE(manifest->plugin, execId);
    QVERIFY(manifest->followsPatient);
    QCOMPARE(manifest->settings.value(QStringLiteral("command")).toString(),
             QStringLiteral("/usr/bin/lanyard-demo-epr"));
}

void tst_ApplicationManifest::refused_data()
{
    QTest::addColumn<QByteArray>("content");    // written to app.json
    QTest::addColumn<QByteArray>("earlier");    // written to 0-earlier.json when not empty
    QTest::addColumn<QStringList>("allow");
    QTest::addColumn<QStringList>("expected");  // each must be in the reason

    const QStringList none;
    QTest::newRow("not JSON")
        << QByteArray(R"({"id": "demo-epr", "name": )") << QByteArray() << none
        << QStringList{QStringLiteral("app.json: not JSON ("), QStringLiteral("at offset"),
                       QStringLiteral("write one JSON object such as")};
    QTest::newRow("not an object")
        << QByteArray(R"(["demo-epr"])") << QByteArray() << none
        << QStringList{QStringLiteral("app.json: not a JSON object")};
    QTest::newRow("no id")
        << QByteArray(R"({"name": "Demo EPR", "plugin": "org.lanyard.exec"})") << QByteArray()
        << none << QStringList{QStringLiteral("app.json: has no \"id\"; add \"id\": ")};
    QTest::newRow("no name")
        << QByteArray(R"({"id": "demo-epr", "plugin": "org.lanyard.exec"})") << QByteArray()
        << none << QStringList{QStringLiteral("app.json: has no \"name\"; add \"name\": ")};
    QTest::newRow("no plugin")
        << QByteArray(R"({"id": "demo-epr", "name": "Demo EPR"})") << QByteArray() << none
        << QStringList{QStringLiteral("app.json: has no \"plugin\"; add \"plugin\": "
                                      "\"org.lanyard.exec\"")};
    QTest::newRow("bad id")
        << QByteArray(R"({"id": "../etc", "name": "X", "plugin": "org.lanyard.exec"})")
        << QByteArray() << none
        << QStringList{QStringLiteral("app.json: the id \"../etc\" may hold only")};
    QTest::newRow("followsPatient not a bool")
        << QByteArray(R"({"id": "a", "name": "A", "plugin": "org.lanyard.exec",
                          "followsPatient": "yes"})")
        << QByteArray() << none
        << QStringList{QStringLiteral("app.json: \"followsPatient\" must be true or false")};
    QTest::newRow("settings not an object")
        << QByteArray(R"({"id": "a", "name": "A", "plugin": "org.lanyard.exec",
                          "settings": "/bin/true"})")
        << QByteArray() << none
        << QStringList{QStringLiteral("app.json: \"settings\" must be an object")};
    QTest::newRow("id of a plugin")
        << QByteArray(R"({"id": "org.lanyard.exec", "name": "A", "plugin": "org.lanyard.exec"})")
        << QByteArray() << none
        << QStringList{QStringLiteral("app.json: another entry already has id org.lanyard.exec: "),
                       QStringLiteral("give this application another \"id\"")};
    QTest::newRow("id of another application")
        << QByteArray(R"({"id": "demo-epr", "name": "Second", "plugin": "org.lanyard.exec"})")
        << QByteArray(R"({"id": "demo-epr", "name": "First", "plugin": "org.lanyard.exec"})")
        << none
        << QStringList{QStringLiteral("app.json: another entry already has id demo-epr: "),
                       QStringLiteral("0-earlier.json")};
    QTest::newRow("unknown plugin")
        << QByteArray(R"({"id": "demo-epr", "name": "Demo EPR", "plugin": "org.example.nope"})")
        << QByteArray() << none
        << QStringList{QStringLiteral("app.json: names plugin org.example.nope, which is not "
                                      "installed (installed: org.lanyard.exec)"),
                       QStringLiteral("write the id of an installed plugin in \"plugin\"")};
    QTest::newRow("plugin refused")
        << QByteArray(R"({"id": "demo-epr", "name": "Demo EPR", "plugin": "org.lanyard.exec"})")
        << QByteArray() << QStringList{QStringLiteral("demo-epr")}
        << QStringList{QStringLiteral("app.json: names plugin org.lanyard.exec, which is "
                                      "refused: "),
                       QStringLiteral("org.lanyard.exec is not on this workstation's "
                                      "allow-list (plugins/allow)")};
    QTest::newRow("application not allowed")
        << QByteArray(R"({"id": "demo-epr", "name": "Demo EPR", "plugin": "org.lanyard.exec"})")
        << QByteArray() << QStringList{execId}
        << QStringList{QStringLiteral("app.json: demo-epr is not on this workstation's "
                                      "allow-list (plugins/allow)")};
}

void tst_ApplicationManifest::refused()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, earlier);
    QFETCH(QStringList, allow);
    QFETCH(QStringList, expected);

    QVERIFY(writeFile(m_apps + QStringLiteral("/app.json"), content));
    if (!earlier.isEmpty())
        QVERIFY(writeFile(m_apps + QStringLiteral("/0-earlier.json"), earlier));
    PluginHostConfig hostConfig = config();
    hostConfig.allow = allow;
    PluginCatalogue catalogue(hostConfig);
    catalogue.scan();
    const QList<PluginEntry> entries = catalogue.entries();
    if (!earlier.isEmpty())
        QCOMPARE(entryForFile(entries, QStringLiteral("0-earlier.json")).state,
                 PluginState::Available);
    const PluginEntry entry = entryForFile(entries, QStringLiteral("app.json"));
    QVERIFY(entry.isApplication());
    QCOMPARE(entry.state, PluginState::Refused);
    for (const QString &part : expected)
        QVERIFY2(entry.reason.contains(part), qPrintable(entry.reason));
}

void tst_ApplicationManifest::allowList()
{
    QVERIFY(writeFile(m_apps + QStringLiteral("/demo-epr.json"),
                      R"({"id": "demo-epr", "name": "Demo EPR", "plugin": "org.lanyard.exec"})"));
    QVERIFY(writeFile(m_apps + QStringLiteral("/pas.json"),
                      R"({"id": "pas", "name": "PAS", "plugin": "org.lanyard.exec"})"));
    PluginHostConfig hostConfig = config();
    hostConfig.allow = {execId, QStringLiteral("demo-epr")};
    PluginCatalogue catalogue(hostConfig);
    catalogue.scan();
    const QList<PluginEntry> entries = catalogue.entries();
    QCOMPARE(entryWithId(entries, execId).state, PluginState::Available);
    QCOMPARE(entryWithId(entries, QStringLiteral("demo-epr")).state, PluginState::Available);
    const PluginEntry pas = entryWithId(entries, QStringLiteral("pas"));
    QCOMPARE(pas.state, PluginState::Refused);
    QVERIFY2(pas.reason.contains(QStringLiteral("pas.json: pas is not on this workstation's "
                                                "allow-list")),
             qPrintable(pas.reason));
}

void tst_ApplicationManifest::configKeys()
{
    const PluginHostConfig defaults;
    QCOMPARE(defaults.applicationDirectories,
             QStringList{QStringLiteral("/etc/xdg/lanyard/applications")});
    QVERIFY(defaults.builtinDirectory.endsWith(QStringLiteral("/lanyard/plugins")));

    const QString path = m_dir.filePath(QStringLiteral("lanyard.conf"));
    {
        QSettings settings(path, QSettings::IniFormat);
        settings.setValue(QStringLiteral("plugins/applications"),
                          QStringLiteral("/etc/a, /opt/b"));
        settings.setValue(QStringLiteral("plugins/builtin_directory"),
                          QStringLiteral("/opt/lanyard/lib/lanyard/plugins"));
    }
    QSettings settings(path, QSettings::IniFormat);
    const auto config = PluginHostConfig::fromSettings(settings);
    QVERIFY(config.ok());
    QCOMPARE(config->applicationDirectories,
             (QStringList{QStringLiteral("/etc/a"), QStringLiteral("/opt/b")}));
    QCOMPARE(config->builtinDirectory, QStringLiteral("/opt/lanyard/lib/lanyard/plugins"));

    settings.setValue(QStringLiteral("plugins/applications"), QString());
    const auto bad = PluginHostConfig::fromSettings(settings);
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QStringLiteral("plugins/applications")));
}

void tst_ApplicationManifest::launchThroughHost()
{
    const QString received = m_dir.filePath(QStringLiteral("received.txt"));
    const QString notHere = m_dir.filePath(QStringLiteral("no-such-dir/received.txt"));
    // The application writes a path that does not exist; the IT desk's override corrects it,
    // so the file proves the three layers were merged in order.
    QJsonObject app{{QStringLiteral("id"), QStringLiteral("demo-epr")},
                    {QStringLiteral("name"), QStringLiteral("Demo EPR")},
                    {QStringLiteral("plugin"), execId},
                    {QStringLiteral("audience"), QStringLiteral("demo-epr")},
                    {QStringLiteral("settings"),
                     QJsonObject{{QStringLiteral("command"), QStringLiteral("/bin/sh")},
                                 {QStringLiteral("arguments"),
                                  QJsonArray{QStringLiteral("-c"),
                                             QStringLiteral("cat > ") + notHere}},
                                 {QStringLiteral("stdin"), QJsonArray{QStringLiteral("{token}")}}}}};
    QVERIFY(writeFile(m_apps + QStringLiteral("/demo-epr.json"), QJsonDocument(app).toJson()));

    PluginHostConfig hostConfig = config();
    hostConfig.pluginSettings.insert(
        QStringLiteral("demo-epr"),
        {{QStringLiteral("arguments"),
          QJsonArray{QStringLiteral("-c"), QStringLiteral("cat > ") + received}}});
    PluginHost host(hostConfig);
    QSignalSpy started(&host, &PluginHost::started);
    host.start();
    QVERIFY(started.wait(20000));
    const PluginEntry entry = host.plugin(QStringLiteral("demo-epr"));
    QCOMPARE(entry.state, PluginState::Available);
    QVERIFY(entry.isApplication());
    QVERIFY(host.runnerProcessId(QStringLiteral("demo-epr")) > 0);
    QVERIFY(host.runnerProcessId(QStringLiteral("demo-epr"))
            != host.runnerProcessId(execId));

    Plugin::LaunchRequest request;
    request.user.uid = QStringLiteral("555000111222");
    request.user.name = QStringLiteral("Dr Ada Example");
    const QByteArray token = "eyJhbGciOiJSUzI1NiJ9.application-token-"
        + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + ".sig";
    request.token.token = token;
    request.token.audience = QStringLiteral("demo-epr");
    request.workstation = QStringLiteral("WARD7-PC3");

    std::optional<Result<Plugin::LaunchedApp>> answer;
    host.launch(QStringLiteral("demo-epr"), request,
                [&answer](Result<Plugin::LaunchedApp> result) { answer = std::move(result); });
    QVERIFY(QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000));
    QVERIFY2(answer->ok(), answer->ok() ? "" : qPrintable(answer->error().message));
    QVERIFY(QTest::qWaitFor([&] { return readFile(received).contains(token); }, 10000));
    QVERIFY(!QFile::exists(notHere));

    host.sessionEnded();
    host.shutdown();
}

QTEST_GUILESS_MAIN(tst_ApplicationManifest)
#include "tst_applicationmanifest.moc"
