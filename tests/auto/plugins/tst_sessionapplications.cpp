// The whole journey with real parts: bob's card and passcode (pcscd, the card module, the IdP),
// the demo EPR launched through the host, the exec plugin and its runner with a token exchanged
// for it; a patient looked up in PDS reaches it through the hub; pulling the card hides it; the
// passcode brings the session back; signing out signs it out and closes it. Audited throughout.
#include "demoeprapplication.h"
#include "sessionharness.h"

#include <lanyard/context/patientcontext.h>
#include <lanyard/pluginhost/pluginhost.h>
#include <sessionapplications.h>

#include <QJsonArray>
#include <QTemporaryDir>

#include <csignal>

using namespace Lanyard;
using namespace Lanyard::Tests;
using State = Sso::Session::State;

namespace {

bool alive(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == 0;
}

} // namespace

class TestSessionApplications : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString report() const { return m_dir.filePath(QStringLiteral("demo-epr.log")); }
    bool reported(const QString &line) const
    {
        QFile file(report());
        return file.open(QIODevice::ReadOnly) && QString::fromUtf8(file.readAll()).contains(line);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(SsoBed::begin(QStringLiteral("plugins-sessionapplications.log")),
                 "run through ctest: this test needs the bed");
    }

    void cleanupTestCase()
    {
        const QStringList leaks = SecretWatch::leaks();
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }

    void aClinicianSDayWithTheDemoEpr()
    {
        SessionHarness h(SsoBed::config());
        const QString applications = m_dir.filePath(QStringLiteral("applications"));
        QVERIFY(QDir().mkpath(applications));
        QVERIFY(writeDemoEprApplication(applications, QStringLiteral(LANYARD_DEMO_EPR_BINARY), report()));

        Plugins::PluginHostConfig hostConfig;
        hostConfig.directories = {};
        hostConfig.builtinDirectory = QFileInfo(QStringLiteral(LANYARD_EXEC_PLUGIN)).absolutePath();
        hostConfig.applicationDirectories = {applications};
        hostConfig.runnerPath = QStringLiteral(LANYARD_PLUGIN_RUNNER);
        hostConfig.endTimeout = std::chrono::seconds(3);
        Plugins::PluginHost host(hostConfig);
        bool started = false;
        QObject::connect(&host, &Plugins::PluginHost::started, [&] { started = true; });
        host.start();
        QTRY_VERIFY_WITH_TIMEOUT(started, 15000);
        QCOMPARE(host.plugin(QStringLiteral("demo-epr")).state, Plugins::PluginState::Available);

        auto hub = Context::FhircastHub::start({});
        QVERIFY(hub.ok());
        Context::PdsSettings pds;
        pds.base = QUrl(BedControl::value("BED_FHIR_BASE"));
        pds.caBundle = BedControl::value("BED_CA_BUNDLE");
        Sso::Session &session = *h.session;
        Context::PdsClient pdsClient(pds, [&session]() -> std::optional<Context::PdsCredentials> {
            const Sso::Secret token = session.accessToken();
            if (token.isEmpty())
                return std::nullopt;
            return Context::PdsCredentials{token.bytes(), session.role().id, session.role().organisation.code};
        });
        Context::PatientContext patients(pdsClient, nullptr, hub->get());
        Plugins::SessionApplications apps(host, session, &patients, hub->get(), h.audit.get());

        // Not before sign-in.
        std::optional<Result<Plugin::LaunchedApp>> refused;
        apps.launch(QStringLiteral("demo-epr"), [&](Result<Plugin::LaunchedApp> r) { refused = r; });
        QTRY_VERIFY(refused.has_value());
        QVERIFY(!refused->ok());

        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        std::optional<Result<Plugin::LaunchedApp>> launched;
        apps.launch(QStringLiteral("demo-epr"), [&](Result<Plugin::LaunchedApp> r) { launched = r; });
        QTRY_VERIFY_WITH_TIMEOUT(launched.has_value(), 20000);
        QVERIFY2(launched->ok(), launched->ok() ? "" : qPrintable(launched->error().message));
        const qint64 pid = (*launched)->processId;
        QTRY_VERIFY_WITH_TIMEOUT(reported(QStringLiteral("signed-in 555000000002 555000000201")), 15000);
        QTRY_COMPARE_WITH_TIMEOUT((*hub)->subscriberCount(), 1, 10000);

        patients.lookUp(Context::NhsNumber::parse(QStringLiteral("9990000034")).value());
        QTRY_VERIFY_WITH_TIMEOUT(reported(QStringLiteral("patient 9990000034")), 15000);

        QVERIFY(h.remove()); // walks away: locked, the EPR hides its patient
        QVERIFY(h.waitFor(State::Locked));
        QTRY_VERIFY_WITH_TIMEOUT(reported(QStringLiteral("hidden")), 10000);
        QVERIFY(alive(pid));

        QVERIFY(h.insert(QStringLiteral("bob")));
        h.passcode("24681357");
        QVERIFY(h.waitFor(State::Active));

        h.session->signOut(); // the EPR signs out and closes
        QTRY_VERIFY_WITH_TIMEOUT(reported(QStringLiteral("logged-out")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 15000);
        QVERIFY(!patients.patient().has_value());
        QVERIFY((*hub)->currentPatient().isEmpty());

        const QStringList events = h.auditEvents();
        QVERIFY(events.contains(QStringLiteral("app.launched")));
        QVERIFY(events.contains(QStringLiteral("patient.changed")));
        const Sso::AuditVerification chain = Sso::verifyAuditLog(h.auditPath);
        QVERIFY2(chain.intact, qPrintable(chain.problem));
    }
};

QTEST_GUILESS_MAIN(TestSessionApplications)
#include "tst_sessionapplications.moc"
