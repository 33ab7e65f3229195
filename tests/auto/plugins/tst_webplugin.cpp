// The built-in web plugin, loaded with the test kit as Lanyard loads it, opening the bed's web
// EPR in lanyard-browser under the bed's Xvfb with the IdP session of a real card sign-in: the
// EPR signs the clinician in with no key pressed, shows the launch's patient, follows the hub
// (and, in "url" mode, the plugin's navigation) and opens again from the same IdP session; lock
// hides the window; session end closes the browser and nothing survives it (a second launch
// without cookies meets the IdP's login); a server whose certificate the bed's CA did not issue
// is refused.
#include "bedcontrol.h"

#include <lanyard/context/fhircasthub.h>
#include <lanyard/plugintestkit/pluginharness.h>

#include <QFile>
#include <QGuiApplication>
#include <QScreen>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Lanyard;
using namespace Lanyard::Plugin;
using Lanyard::PluginTestKit::PluginHarness;
using Lanyard::Tests::BedControl;

namespace {

const QString Bob = QStringLiteral("555000000002");

// What the web EPR reported since this object was made (tests/bed/web-epr: JSON lines).
class EprReport
{
public:
    EprReport() : m_file(BedControl::value("BED_WEB_EPR_REPORT")) { m_from = QFile(m_file).size(); }

    QList<QJsonObject> events() const
    {
        QFile file(m_file);
        QList<QJsonObject> events;
        if (!file.open(QIODevice::ReadOnly) || !file.seek(m_from))
            return events;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (!line.isEmpty())
                events << QJsonDocument::fromJson(line).object();
        }
        return events;
    }

    bool has(const QString &event, const QString &key, const QString &value) const
    {
        for (const QJsonObject &e : events()) {
            if (e.value(QLatin1String("event")).toString() == event && e.value(key).toString() == value)
                return true;
        }
        return false;
    }

private:
    QString m_file;
    qint64 m_from = 0;
};

// The web plugin's log lines (the browser's events, by origin), caught as they are written.
QStringList s_log;
QtMessageHandler s_previous = nullptr;
void catchLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (QLatin1String(context.category) == QLatin1String("lanyard.plugin.web"))
        s_log << message;
    s_previous(type, context, message);
}
bool logged(const QString &text)
{
    return std::any_of(s_log.cbegin(), s_log.cend(), [&](const QString &line) { return line.contains(text); });
}

// X's view of the browser's window: "IsViewable", "IsUnMapped", or empty when there is none.
QString mapState(const QString &title)
{
    QProcess xwininfo;
    xwininfo.start(QStringLiteral("xwininfo"), {QStringLiteral("-name"), title});
    xwininfo.waitForFinished(5000);
    for (const QByteArray &line : xwininfo.readAllStandardOutput().split('\n')) {
        if (line.contains("Map State:"))
            return QString::fromLatin1(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return {};
}

// The whole X screen (the browser is another process's window), saved with the test's artefacts.
void saveScreen(const QString &name)
{
    if (QScreen *screen = QGuiApplication::primaryScreen())
        screen->grabWindow(0).save(BedControl::artefactPath(name));
}

// The IdP's log since `from` bytes (tests/bed/bed writes it under the bed's logs/).
QByteArray idpLogSince(qint64 from)
{
    QFile log(BedControl::value("LANYARD_BED_DIR") + QStringLiteral("/logs/idp.log"));
    if (!log.open(QIODevice::ReadOnly) || !log.seek(from))
        return {};
    return log.readAll();
}

qint64 idpLogSize()
{
    return QFile(BedControl::value("LANYARD_BED_DIR") + QStringLiteral("/logs/idp.log")).size();
}

QJsonObject patientResource(const QString &nhsNumber)
{
    return {{QStringLiteral("resourceType"), QStringLiteral("Patient")},
            {QStringLiteral("id"), nhsNumber},
            {QStringLiteral("identifier"),
             QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("https://fhir.nhs.uk/Id/nhs-number")},
                                    {QStringLiteral("value"), nhsNumber}}}}};
}

} // namespace

class TestWebPlugin : public QObject
{
    Q_OBJECT

    QJsonObject settings(const QString &followBy, const QString &title) const
    {
        const QString epr = BedControl::value("BED_WEB_EPR_URL");
        return {{QStringLiteral("url"), epr + QStringLiteral("/")},
                {QStringLiteral("patientUrl"), epr + QStringLiteral("/patient/{nhsNumber}")},
                {QStringLiteral("followBy"), followBy},
                {QStringLiteral("windowTitle"), title},
                {QStringLiteral("caBundle"), BedControl::value("BED_CA_BUNDLE")},
                {QStringLiteral("browser"), QStringLiteral(LANYARD_BROWSER)},
                {QStringLiteral("disableGpu"), true}};
    }

    static LaunchRequest request(const QByteArray &cookies, const QString &nhsNumber = {})
    {
        LaunchRequest request;
        request.user.uid = Bob;
        request.user.name = QStringLiteral("Bob Singh");
        request.patient.nhsNumber = nhsNumber;
        request.identitySession.issuer = QUrl(BedControl::value("BED_IDP_ISSUER"));
        request.identitySession.cookies = cookies;
        return request;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(BedControl::isUp() && !BedControl::value("BED_WEB_EPR_URL").isEmpty(),
                 "run through ctest: this test needs the bed with its web EPR");
        s_previous = qInstallMessageHandler(catchLog);
    }

    void init() { s_log.clear(); }

    void settingsAreChecked()
    {
        PluginHarness harness;
        QVERIFY2(harness.load(QStringLiteral(LANYARD_WEB_PLUGIN)).ok(), qPrintable(harness.lastError()));
        QCOMPARE(harness.manifest().id, QStringLiteral("org.lanyard.web"));
        QJsonObject bad = settings(QStringLiteral("url"), QStringLiteral("x"));
        bad.insert(QStringLiteral("patientUrl"), QStringLiteral("https://epr.example/{token}"));
        QVERIFY(!harness.initialize(bad).ok());
        QVERIFY2(harness.lastError().contains(QLatin1String("does not know")), qPrintable(harness.lastError()));
        bad = settings(QStringLiteral("url"), QStringLiteral("x"));
        bad.insert(QStringLiteral("url"), QStringLiteral("http://epr.example/"));
        QVERIFY(!harness.initialize(bad).ok());
        bad = settings(QStringLiteral("sideways"), QStringLiteral("x"));
        QVERIFY(!harness.initialize(bad).ok());
    }

    void signsInFollowsTheHubLocksAndEndsWithNothingLeft()
    {
        auto hub = Context::FhircastHub::start({});
        QVERIFY(hub.ok());
        auto &running = **hub;
        const QString title = QStringLiteral("Web EPR (hub test)");
        PluginHarness harness;
        QVERIFY2(harness.load(QStringLiteral(LANYARD_WEB_PLUGIN)).ok(), qPrintable(harness.lastError()));
        QVERIFY2(harness.initialize(settings(QStringLiteral("hub"), title)).ok(), qPrintable(harness.lastError()));

        const QByteArray cookies = BedControl::identitySessionCookies(QStringLiteral("bob"));
        QVERIFY(cookies.contains("_session"));
        LaunchRequest launch = request(cookies, QStringLiteral("9990000034"));
        launch.hub = {running.url(), running.topic(), running.issueToken(QStringLiteral("web-epr"))};
        EprReport report;
        auto launched = harness.launch(launch);
        QVERIFY2(launched.ok(), qPrintable(harness.lastError()));
        const qint64 pid = launched->processId;
        QVERIFY(pid > 0);

        // Signed in by the card's IdP session alone, on the launch's patient.
        QTRY_VERIFY_WITH_TIMEOUT(report.has(QStringLiteral("signed-in"), QStringLiteral("uid"), Bob), 30000);
        QVERIFY(report.has(QStringLiteral("signed-in"), QStringLiteral("name"), QStringLiteral("Bob Singh")));
        QVERIFY(report.has(QStringLiteral("signed-in"), QStringLiteral("role"), QStringLiteral("Nurse Access Role")));
        QTRY_VERIFY_WITH_TIMEOUT(report.has(QStringLiteral("patient-shown"), QStringLiteral("nhsNumber"),
                                            QStringLiteral("9990000034")), 10000);
        QCOMPARE(mapState(title), QStringLiteral("IsViewable"));
        QTest::qWait(300); // painted
        saveScreen(QStringLiteral("plugins-web-signed-in.png"));
        // The cookies and the hub token never reach a command line or an environment.
        for (const char *where : {"cmdline", "environ"}) {
            QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(where)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            QVERIFY2(!content.contains("_session"), where);
            QVERIFY2(!content.contains(launch.hub.token), where);
        }

        // The page follows the hub: a patient opened elsewhere is shown.
        QTRY_COMPARE_WITH_TIMEOUT(running.subscriberCount(), 1, 15000);
        running.openPatient(patientResource(QStringLiteral("9990000042")));
        QTRY_VERIFY_WITH_TIMEOUT(report.has(QStringLiteral("patient-shown"), QStringLiteral("nhsNumber"),
                                            QStringLiteral("9990000042")), 10000);

        harness.sessionLocked();
        QTRY_COMPARE_WITH_TIMEOUT(mapState(title), QStringLiteral("IsUnMapped"), 5000);

        harness.sessionEnded();
        QVERIFY(PluginHarness::waitForExit(pid, 10000));
        QVERIFY2(!logged(QStringLiteral("refused")), qPrintable(s_log.join(u'\n')));

        // Nothing survived: a new browser without the cookies is sent to the IdP, which asks for
        // a card (no certificate here), and the EPR signs nobody in.
        EprReport after;
        const qint64 idpLogFrom = idpLogSize();
        s_log.clear();
        auto again = harness.launch(request({}, QStringLiteral("9990000034")));
        QVERIFY2(again.ok(), qPrintable(harness.lastError()));
        const QString idp = QUrl(BedControl::value("BED_IDP_ISSUER")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("browser loaded ") + idp), 30000);
        QTest::qWait(1000);
        QVERIFY2(after.events().isEmpty(), "the web EPR signed someone in without a session");
        QVERIFY2(idpLogSince(idpLogFrom).contains("login refused: no client certificate"),
                 idpLogSince(idpLogFrom).constData());
        saveScreen(QStringLiteral("plugins-web-after-end.png"));
        harness.sessionEnded();
        QVERIFY(PluginHarness::waitForExit(again->processId, 10000));
    }

    void followsThePatientByUrl()
    {
        PluginHarness harness;
        QVERIFY2(harness.load(QStringLiteral(LANYARD_WEB_PLUGIN)).ok(), qPrintable(harness.lastError()));
        QVERIFY2(harness.initialize(settings(QStringLiteral("url"), QStringLiteral("Web EPR (url test)"))).ok(),
                 qPrintable(harness.lastError()));
        const QByteArray cookies = BedControl::identitySessionCookies(QStringLiteral("bob"));
        EprReport report;
        auto launched = harness.launch(request(cookies));
        QVERIFY2(launched.ok(), qPrintable(harness.lastError()));
        QTRY_VERIFY_WITH_TIMEOUT(report.has(QStringLiteral("signed-in"), QStringLiteral("uid"), Bob), 30000);
        PatientContext patient;
        patient.nhsNumber = QStringLiteral("9990000018");
        harness.patientContextChanged(patient);
        QTRY_VERIFY_WITH_TIMEOUT(report.has(QStringLiteral("patient-shown"), QStringLiteral("nhsNumber"),
                                            QStringLiteral("9990000018")), 10000);
        harness.sessionEnded();
        QVERIFY(PluginHarness::waitForExit(launched->processId, 10000));

        // The same IdP session opens the application again (Lanyard holds it for the whole card
        // session): the IdP must not have spent it on the first sign-in.
        EprReport again;
        auto relaunched = harness.launch(request(cookies));
        QVERIFY2(relaunched.ok(), qPrintable(harness.lastError()));
        QTRY_VERIFY_WITH_TIMEOUT(again.has(QStringLiteral("signed-in"), QStringLiteral("uid"), Bob), 30000);
        harness.sessionEnded();
        QVERIFY(PluginHarness::waitForExit(relaunched->processId, 10000));
    }

    void refusesACertificateTheBedsCaDidNotIssue()
    {
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("self.key"));
        const QString cert = dir.filePath(QStringLiteral("self.crt"));
        QCOMPARE(QProcess::execute(QStringLiteral("openssl"),
                                   {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                                    QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("1"),
                                    QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                                    QStringLiteral("subjectAltName=IP:127.0.0.1")}),
                 0);
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        QProcess server;
        server.start(QStringLiteral("openssl"),
                     {QStringLiteral("s_server"), QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(port),
                      QStringLiteral("-cert"), cert, QStringLiteral("-key"), key, QStringLiteral("-www"),
                      QStringLiteral("-quiet")});
        QVERIFY(server.waitForStarted());

        PluginHarness harness;
        QVERIFY2(harness.load(QStringLiteral(LANYARD_WEB_PLUGIN)).ok(), qPrintable(harness.lastError()));
        QJsonObject untrusted = settings(QStringLiteral("none"), QStringLiteral("Web EPR (untrusted)"));
        untrusted.insert(QStringLiteral("url"), QStringLiteral("https://127.0.0.1:%1/").arg(port));
        QVERIFY2(harness.initialize(untrusted).ok(), qPrintable(harness.lastError()));
        auto launched = harness.launch(request({}));
        QVERIFY2(launched.ok(), qPrintable(harness.lastError()));
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("refused the TLS certificate")), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("failed")), 10000);
        QVERIFY2(logged(QStringLiteral("self-signed")), qPrintable(s_log.join(u'\n')));
        harness.sessionEnded();
        QVERIFY(PluginHarness::waitForExit(launched->processId, 10000));
        server.kill();
        server.waitForFinished();
    }
};

QTEST_MAIN(TestWebPlugin)
#include "tst_webplugin.moc"
