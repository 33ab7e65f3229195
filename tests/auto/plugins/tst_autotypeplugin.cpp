// The built-in autotype plugin typing a stored username and password into the demo EPR's own
// sign-in form, on an Xvfb of the test's own (no window manager, no test bed). What was typed is
// checked by the application: the right password signs in, a wrong one is refused; characters
// that need Shift or are not on the keymap at all arrive intact; when another window takes the
// keyboard mid-typing, typing stops and that window gets no key; with nothing enrolled the
// launch asks for enrolment. The password appears in no log, of the plugin or its runner.
#include <lanyard/pluginhost/pluginhost.h>
#include <lanyard/plugintestkit/pluginharness.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace Lanyard;
using namespace Lanyard::Plugin;
using Lanyard::PluginTestKit::PluginHarness;

namespace {

// AutotypeError (plugins/builtin/autotype/autotypeerror.h), as documented in docs/plugins.md.
constexpr int NotEnrolled = 320, BadSetting = 321, WindowNotFound = 324, FocusLost = 325;

const QString User = QStringLiteral("alice.autotype");

QMutex logMutex;
QByteArray capturedLog; // every message of the test, the plugin and (through the host) its runner
QtMessageHandler previousHandler = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLog += QByteArray(context.category ? context.category : "default") + ": "
            + message.toUtf8() + '\n';
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

QString artefact(const QString &name)
{
    const QString dir = qEnvironmentVariable("LANYARD_TEST_ARTEFACTS", QDir::tempPath());
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

StoredLogin login(const QString &user, const QByteArray &password)
{
    return StoredLogin { user, password };
}

// The runner writes its log to the stderr it inherits: pointed at a file while one is alive.
class StderrToFile
{
public:
    explicit StderrToFile(const QString &fileName)
        : m_saved(::dup(2))
        , m_file(::open(QFile::encodeName(fileName).constData(),
                        O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600))
    {
        ::dup2(m_file, 2);
    }
    ~StderrToFile()
    {
        ::dup2(m_saved, 2);
        ::close(m_saved);
        ::close(m_file);
    }
    StderrToFile(const StderrToFile &) = delete;
    StderrToFile &operator=(const StderrToFile &) = delete;

private:
    int m_saved;
    int m_file;
};

} // namespace

class TestAutotypePlugin : public QObject
{
    Q_OBJECT

    QProcess m_xvfb;
    QTemporaryDir m_dir;
    QByteArrayList m_passwords; // every password typed, looked for in the logs at the end
    int m_run = 0;

    QString reportFile() const
    {
        return m_dir.filePath(QStringLiteral("report-%1.log").arg(m_run));
    }

    QByteArray report() const
    {
        QFile file(reportFile());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // The demo EPR as an IT desk would describe it: its form accepts User and `password`.
    QJsonObject settings(const QByteArray &password, const QJsonArray &extra = {},
                         int keyDelayMs = 5)
    {
        ++m_run;
        QJsonArray arguments {
            QStringLiteral("--login-form"),
            QStringLiteral("--form-user"),
            User,
            QStringLiteral("--form-password-sha256"),
            QString::fromLatin1(
                QCryptographicHash::hash(password, QCryptographicHash::Sha256).toHex()),
            QStringLiteral("--report"),
            reportFile()
        };
        for (const QJsonValue &value : extra)
            arguments.append(value);
        return { { QStringLiteral("program"), QStringLiteral(LANYARD_DEMO_EPR_BINARY) },
                 { QStringLiteral("name"), QStringLiteral("Demo EPR") },
                 { QStringLiteral("arguments"), arguments },
                 { QStringLiteral("titlePattern"), QStringLiteral("sign in$") },
                 { QStringLiteral("keyDelayMs"), keyDelayMs } };
    }

    LaunchRequest request(const QByteArray &password)
    {
        m_passwords << password;
        LaunchRequest request = PluginHarness().sampleRequest(false);
        request.login = login(User, password);
        return request;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // An X server of our own: no window manager, like the bed's, but no bed needed.
        m_xvfb.setProcessChannelMode(QProcess::SeparateChannels);
        m_xvfb.setStandardErrorFile(m_dir.filePath(QStringLiteral("xvfb.log")));
        m_xvfb.start(QStringLiteral("Xvfb"),
                     { QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"),
                       QStringLiteral("0"), QStringLiteral("1280x800x24"),
                       QStringLiteral("-nolisten"), QStringLiteral("tcp"), QStringLiteral("-ac") });
        QVERIFY2(m_xvfb.waitForStarted(5000), "Xvfb is not installed (scripts/install-deps)");
        QTRY_VERIFY_WITH_TIMEOUT(m_xvfb.canReadLine(), 15000);
        const QByteArray display = m_xvfb.readLine().trimmed();
        QVERIFY(!display.isEmpty());
        qputenv("DISPLAY", ":" + display);
        qputenv("QT_QPA_PLATFORM", "xcb"); // the demo EPR's windows go to that display
        QLoggingCategory::setFilterRules(QStringLiteral("lanyard.*.debug=true"));
        previousHandler = qInstallMessageHandler(capture);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(previousHandler);
        // The password is in no log: the plugin's, its runner's (through the host), the EPR's.
        QByteArray everything = capturedLog;
        for (int run = 1; run <= m_run; ++run) {
            QFile file(m_dir.filePath(QStringLiteral("report-%1.log").arg(run)));
            if (file.open(QIODevice::ReadOnly))
                everything += file.readAll();
        }
        QFile log(artefact(QStringLiteral("autotype-plugin.log")));
        if (log.open(QIODevice::WriteOnly))
            log.write(capturedLog);
        for (const QByteArray &password : std::as_const(m_passwords))
            QVERIFY2(!everything.contains(password), "a password is in a log");
        // Not vacuous: the plugin logged what it did, in the test and in the runner.
        QVERIFY2(capturedLog.contains("lanyard.plugins.autotype: sign-in window"),
                 capturedLog.constData());
        QVERIFY2(capturedLog.contains("runner: lanyard.plugins.autotype: typed the sign-in"),
                 capturedLog.constData());
        m_xvfb.terminate();
        m_xvfb.waitForFinished(5000);
    }

    void theManifestSaysAutotype()
    {
        const auto manifest = PluginHarness::readManifest(QStringLiteral(LANYARD_AUTOTYPE_PLUGIN));
        QVERIFY2(manifest.ok(), manifest.ok() ? "" : qPrintable(manifest.error().message));
        QCOMPARE(manifest->id, QStringLiteral("org.lanyard.autotype"));
        QCOMPARE(manifest->signIn, QStringLiteral("autotype"));
    }

    void badSettingsAreRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown key in the sequence")
            << "sequence" << QJsonValue(QStringLiteral("{username}{f1}")) << "{f1}";
        QTest::newRow("unclosed brace")
            << "sequence" << QJsonValue(QStringLiteral("{username")) << "no \"}\"";
        QTest::newRow("bad pattern")
            << "titlePattern" << QJsonValue(QStringLiteral("(sign in")) << "regular expression";
        QTest::newRow("token on the command line")
            << "arguments" << QJsonValue(QJsonArray { QStringLiteral("{token}") })
            << "standard input";
        QTest::newRow("no program")
            << "program" << QJsonValue(QStringLiteral("/nonexistent")) << "not a program";
    }

    void badSettingsAreRefused()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, reason);
        PluginHarness harness;
        QVERIFY2(harness.load(QStringLiteral(LANYARD_AUTOTYPE_PLUGIN)).ok(),
                 qPrintable(harness.lastError()));
        QJsonObject config = settings("unused");
        config.insert(key, value);
        const auto initialized = harness.initialize(config);
        QVERIFY(!initialized.ok());
        QVERIFY2(initialized.error().message.contains(reason),
                 qPrintable(initialized.error().message));
    }

    void nothingEnrolledAsksForEnrolment()
    {
        PluginHarness harness;
        QVERIFY(harness.load(QStringLiteral(LANYARD_AUTOTYPE_PLUGIN)).ok());
        QVERIFY(harness.initialize(settings("secret-1")).ok());
        LaunchRequest empty = harness.sampleRequest(false);
        const auto launched = harness.launch(empty);
        QVERIFY(!launched.ok());
        QCOMPARE(launched.error().code, NotEnrolled);
        QVERIFY2(launched.error().message.contains(QStringLiteral("Enrol")),
                 qPrintable(launched.error().message));
        QTest::qWait(300);
        QVERIFY2(!QFile::exists(reportFile()), "the program was started with nothing to type");
    }

    void typesTheStoredLogin_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("letters and digits") << QByteArray("correcthorse42");
        QTest::newRow("needs shift") << QByteArray("Tr0ub4dor&3!@#$%^*()_+{}|:\"<>?~ X");
        // Neither is on the US keymap Xvfb starts with: typed on a spare key, then put back.
        QTest::newRow("not on the keymap") << QByteArray("p\xc2\xa3ss\xc3\xa9-caf\xc3\xa9");
    }

    void typesTheStoredLogin()
    {
        QFETCH(QByteArray, password);
        PluginHarness harness;
        QVERIFY(harness.load(QStringLiteral(LANYARD_AUTOTYPE_PLUGIN)).ok());
        const QString screenshot = artefact(QStringLiteral("autotype-form-%1.png")
                                                .arg(QLatin1String(QTest::currentDataTag()))
                                                .replace(QLatin1Char(' '), QLatin1Char('-')));
        QFile::remove(screenshot);
        QVERIFY(
            harness.initialize(settings(password, { QStringLiteral("--screenshot"), screenshot }))
                .ok());
        const auto launched = harness.launch(request(password));
        QVERIFY2(launched.ok(), qPrintable(harness.lastError()));
        QVERIFY(launched->processId > 0);
        QCOMPARE(launched->windowTitle, QStringLiteral("Demo EPR — sign in"));
        QTRY_VERIFY2_WITH_TIMEOUT(report().contains("signed-in " + User.toUtf8() + " via=form"),
                                  report().constData(), 10000);
        QVERIFY(QFile::exists(screenshot));
        for (const char *where : { "cmdline", "environ" }) { // typed, never handed over
            QFile file(
                QStringLiteral("/proc/%1/%2").arg(launched->processId).arg(QLatin1String(where)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(password), where);
        }
        harness.sessionEnded();
        QVERIFY(PluginHarness::waitForExit(launched->processId, 5000));
    }

    void aWrongPasswordIsRefusedByTheApplication()
    {
        PluginHarness harness;
        QVERIFY(harness.load(QStringLiteral(LANYARD_AUTOTYPE_PLUGIN)).ok());
        QVERIFY(harness.initialize(settings("the-right-one")).ok());
        const auto launched = harness.launch(request("the-wrong-one"));
        QVERIFY2(launched.ok(), qPrintable(harness.lastError()));
        QTRY_VERIFY_WITH_TIMEOUT(report().contains("refused"), 10000);
        QVERIFY(!report().contains("signed-in"));
        harness.sessionEnded();
    }

    void typingStopsWhenAnotherWindowTakesTheKeyboard()
    {
        PluginHarness harness;
        QVERIFY(harness.load(QStringLiteral(LANYARD_AUTOTYPE_PLUGIN)).ok());
        // Slow keys, so the thief has the keyboard long before the form could be submitted.
        QVERIFY(harness
                    .initialize(settings(
                        "stolen-focus-pw",
                        { QStringLiteral("--focus-thief-after-keys"), QStringLiteral("3") }, 40))
                    .ok());
        const auto launched = harness.launch(request("stolen-focus-pw"));
        QVERIFY(!launched.ok());
        QCOMPARE(launched.error().code, FocusLost);
        QVERIFY2(launched.error().message.contains(QStringLiteral("another window")),
                 qPrintable(launched.error().message));
        QTest::qWait(500); // anything still in flight would arrive by now
        const QByteArray said = report();
        QVERIFY2(said.contains("thief-shown"), said.constData());
        QVERIFY2(!said.contains("thief-key"), said.constData());
        QVERIFY2(!said.contains("signed-in") && !said.contains("refused"), said.constData());
        harness.sessionEnded();
    }

    void aWindowThatNeverAppearsIsReported()
    {
        PluginHarness harness;
        QVERIFY(harness.load(QStringLiteral(LANYARD_AUTOTYPE_PLUGIN)).ok());
        QJsonObject config = settings("never-typed-pw");
        config.insert(QStringLiteral("titlePattern"), QStringLiteral("^No such window$"));
        config.insert(QStringLiteral("windowTimeout"), 1);
        QVERIFY(harness.initialize(config).ok());
        const auto launched = harness.launch(request("never-typed-pw"));
        QVERIFY(!launched.ok());
        QVERIFY2(launched.error().code == WindowNotFound, qPrintable(launched.error().message));
        harness.sessionEnded();
    }

    // The product's path: the host sends the login over the runner's pipe.
    void signsInThroughTheHostAndRunner()
    {
        QTemporaryDir dir;
        const QString applications = dir.filePath(QStringLiteral("applications"));
        QDir().mkpath(applications);
        QFile manifest(applications + QStringLiteral("/demo-epr-form.json"));
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write(
            QJsonDocument(
                QJsonObject { { QStringLiteral("id"), QStringLiteral("demo-epr-form") },
                              { QStringLiteral("name"), QStringLiteral("Demo EPR") },
                              { QStringLiteral("plugin"), QStringLiteral("org.lanyard.autotype") },
                              { QStringLiteral("settings"), settings("via-the-runner-pw") } })
                .toJson());
        manifest.close();
        Plugins::PluginHostConfig config;
        config.directories = {};
        config.builtinDirectory = QFileInfo(QStringLiteral(LANYARD_AUTOTYPE_PLUGIN)).absolutePath();
        config.applicationDirectories = { applications };
        config.runnerPath = QStringLiteral(LANYARD_PLUGIN_RUNNER);
        config.dataDirectory = dir.filePath(QStringLiteral("data"));
        config.endTimeout = std::chrono::seconds(1);
        const QString runnerLog = dir.filePath(QStringLiteral("runner.log"));
        qputenv("QT_LOGGING_RULES", "lanyard.*.debug=true");
        qputenv("QT_MESSAGE_PATTERN", "runner: %{category}: %{message}");
        auto stderrToFile = std::make_unique<StderrToFile>(runnerLog);
        Plugins::PluginHost host(config);
        bool started = false;
        connect(&host, &Plugins::PluginHost::started, this, [&] { started = true; });
        host.start();
        QTRY_VERIFY_WITH_TIMEOUT(started, 20000);
        QVERIFY2(host.plugin(QStringLiteral("demo-epr-form")).state
                     == Plugins::PluginState::Available,
                 qPrintable(host.plugin(QStringLiteral("demo-epr-form")).reason));
        std::optional<Result<LaunchedApp>> result;
        host.launch(QStringLiteral("demo-epr-form"), request("via-the-runner-pw"),
                    [&](Result<LaunchedApp> launched) { result = std::move(launched); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
        QVERIFY2(result->ok(), result->ok() ? "" : qPrintable(result->error().message));
        QTRY_VERIFY_WITH_TIMEOUT(report().contains("signed-in " + User.toUtf8() + " via=form"),
                                 10000);

        // Nothing enrolled: the error's code reaches the host, for its enrolment prompt.
        std::optional<Result<LaunchedApp>> empty;
        host.launch(QStringLiteral("demo-epr-form"), PluginHarness().sampleRequest(false),
                    [&](Result<LaunchedApp> launched) { empty = std::move(launched); });
        QTRY_VERIFY_WITH_TIMEOUT(empty.has_value(), 10000);
        QVERIFY(!empty->ok());
        QVERIFY2(empty->error().message.contains(QStringLiteral("Enrol")),
                 qPrintable(empty->error().message));
        host.sessionEnded();
        QTRY_VERIFY_WITH_TIMEOUT(!PluginHarness::isRunning((*result)->processId), 10000);
        host.shutdown();
        QTest::qWait(200);
        stderrToFile.reset();
        qunsetenv("QT_MESSAGE_PATTERN");
        qunsetenv("QT_LOGGING_RULES");
        QFile log(runnerLog);
        QVERIFY(log.open(QIODevice::ReadOnly));
        QMutexLocker lock(&logMutex);
        capturedLog += log.readAll();
    }
};

QTEST_GUILESS_MAIN(TestAutotypePlugin)
#include "tst_autotypeplugin.moc"
