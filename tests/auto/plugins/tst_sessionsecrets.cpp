// The secrets a launch may carry go only where they belong, with real parts (the bed's card,
// passcode and IdP): the IdP's browser session to Lanyard's own web plugin and never to another
// vendor's; a legacy application's username and password to autotype plugins, from a vault
// sealed to the clinician's card — enrolled once, opened by the card at the next sign-in,
// unreadable without it, separate per clinician.
#include "sessionharness.h"

#include <lanyard/pluginhost/pluginerror.h>
#include <lanyard/pluginhost/pluginhost.h>
#include <sessionapplications.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace Lanyard;
using namespace Lanyard::Tests;
using State = Sso::Session::State;

class TestSessionSecrets : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QStringList recorded(const QString &prefix) const
    {
        QFile file(path(QStringLiteral("record.log")));
        QStringList lines;
        if (file.open(QIODevice::ReadOnly)) {
            for (const QString &line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n')))
                if (line.startsWith(prefix))
                    lines << line;
        }
        return lines;
    }

    // Copies a fixture plugin into a plugin directory, recording into record.log.
    void install(const char *fixture, const QString &directory)
    {
        QDir().mkpath(directory);
        QFile::copy(QString::fromUtf8(fixture),
                    directory + QLatin1Char('/') + QFileInfo(QString::fromUtf8(fixture)).fileName());
    }

    // An application (JSON, as the IT desk writes it) run by one of the plugins.
    void describe(const QString &directory, const QString &id, const QString &name,
                  const QString &plugin)
    {
        QDir().mkpath(directory);
        QFile file(directory + QLatin1Char('/') + id + QStringLiteral(".json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{
                                     {QStringLiteral("id"), id},
                                     {QStringLiteral("name"), name},
                                     {QStringLiteral("plugin"), plugin},
                                     {QStringLiteral("settings"),
                                      QJsonObject{{QStringLiteral("record"),
                                                   path(QStringLiteral("record.log"))}}}})
                       .toJson());
    }

    Result<Plugin::LaunchedApp> launch(Plugins::SessionApplications &apps, const QString &id)
    {
        std::optional<Result<Plugin::LaunchedApp>> launched;
        apps.launch(id, [&](Result<Plugin::LaunchedApp> r) { launched = r; });
        if (!QTest::qWaitFor([&] { return launched.has_value(); }, 20000))
            qWarning() << "no answer to the launch of" << id;
        return launched.value_or(Result<Plugin::LaunchedApp>(Error{0, QStringLiteral("no answer"), 0}));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(SsoBed::begin(QStringLiteral("plugins-sessionsecrets.log")),
                 "run through ctest: this test needs the bed");
    }

    void cleanup() { SsoBed::reset(); }

    void cleanupTestCase()
    {
        const QStringList leaks = SecretWatch::leaks(m_dir.path());
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }

    void onlyWhereTheyBelong()
    {
        const QString builtin = path(QStringLiteral("builtin"));
        const QString vendor = path(QStringLiteral("vendor"));
        install(FIXTURE_WEBRECORDER, builtin);
        install(FIXTURE_TYPERECORDER, builtin);
        install(FIXTURE_WEBTHIRDPARTY, vendor);
        const QString applications = path(QStringLiteral("applications"));
        describe(applications, QStringLiteral("intranet"), QStringLiteral("Trust intranet"),
                 QStringLiteral("org.example.webrecorder"));
        describe(applications, QStringLiteral("legacy-pas"), QStringLiteral("Legacy PAS"),
                 QStringLiteral("org.example.typerecorder"));

        Sso::SessionConfig config = SsoBed::config();
        config.vaultDirectory = path(QStringLiteral("vaults"));
        SessionHarness h(config);

        Plugins::PluginHostConfig hostConfig;
        hostConfig.directories = {vendor};
        hostConfig.builtinDirectory = builtin;
        hostConfig.applicationDirectories = {applications};
        hostConfig.runnerPath = QStringLiteral(LANYARD_PLUGIN_RUNNER);
        hostConfig.endTimeout = std::chrono::seconds(3);
        hostConfig.pluginSettings.insert(
            QStringLiteral("org.example.webthirdparty"),
            QJsonObject{{QStringLiteral("record"), path(QStringLiteral("record.log"))}});
        Plugins::PluginHost host(hostConfig);
        bool started = false;
        QObject::connect(&host, &Plugins::PluginHost::started, [&] { started = true; });
        host.start();
        QTRY_VERIFY_WITH_TIMEOUT(started, 15000);
        Plugins::SessionApplications apps(host, *h.session, nullptr, nullptr, h.audit.get());

        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        SecretWatch::remember(h.session->identitySessionCookies());

        // The IdP session: Lanyard's own web plugin gets it, another vendor's does not.
        for (const char *id : {"intranet", "org.example.webthirdparty"}) {
            const auto launched = launch(apps, QString::fromLatin1(id));
            QVERIFY2(launched.ok(), why(launched).constData());
        }
        const QStringList web = recorded(QStringLiteral("secrets "));
        QCOMPARE(web.size(), 2);
        QVERIFY2(web.at(0).contains(QStringLiteral("issuer=") + BedControl::value("BED_IDP_ISSUER")),
                 qPrintable(web.at(0)));
        QVERIFY2(!web.at(0).contains(QStringLiteral("cookies=0")), qPrintable(web.at(0)));
        QVERIFY2(web.at(1).contains(QStringLiteral("issuer= cookies=0 login= ")), qPrintable(web.at(1)));

        // Autotype: nothing stored yet, so the clinician is asked to enrol.
        auto first = launch(apps, QStringLiteral("legacy-pas"));
        QVERIFY(!first.ok());
        QVERIFY2(first.error().is(Plugins::PluginError::NeedsEnrolment), why(first).constData());
        QVERIFY2(first.error().message.contains(QStringLiteral("Legacy PAS")), qPrintable(first.error().message));

        QByteArray password("Tr0ub4dor&3-\xC2\xA3");
        SecretWatch::remember(password);
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(password, QCryptographicHash::Sha256).toHex());
        QByteArray typed = password;
        const auto enrolled = apps.enrol(QStringLiteral("legacy-pas"),
                                         QStringLiteral("bsmith"), Sso::Secret::take(typed));
        QVERIFY2(enrolled.ok(), why(enrolled).constData());
        QFile vault(config.vaultDirectory + QStringLiteral("/555000000002.vault"));
        QVERIFY2(vault.open(QIODevice::ReadOnly), qPrintable(vault.fileName()));
        const QByteArray sealed = vault.readAll();
        QVERIFY(!sealed.contains(password) && !sealed.contains("bsmith"));
        QVERIFY(h.auditEvents().contains(QStringLiteral("vault.stored")));

        QVERIFY2(launch(apps, QStringLiteral("legacy-pas")).ok(), "typerecorder");
        QCOMPARE(recorded(QStringLiteral("secrets ")).last(),
                 QStringLiteral("secrets issuer= cookies=0 login=bsmith password-sha256=") + sha);

        // Next sign-in: the card opens the vault again; no enrolment asked.
        h.session->signOut();
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        QVERIFY2(launch(apps, QStringLiteral("legacy-pas")).ok(), "typerecorder");
        QCOMPARE(recorded(QStringLiteral("secrets ")).last(),
                 QStringLiteral("secrets issuer= cookies=0 login=bsmith password-sha256=") + sha);
        h.session->signOut();
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));

        // Another clinician's vault is their own: alice is asked to enrol.
        QVERIFY(h.signIn(QStringLiteral("alice"), "123456", QStringLiteral("555000000101")));
        auto alices = launch(apps, QStringLiteral("legacy-pas"));
        QVERIFY(!alices.ok() && alices.error().is(Plugins::PluginError::NeedsEnrolment));
        h.session->signOut();
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));

        // A card whose key cannot wrap (frank's is EC): a clear refusal, nothing stored.
        QVERIFY(h.signIn(QStringLiteral("frank"), "975310"));
        QByteArray franks = password;
        auto refused = apps.enrol(QStringLiteral("legacy-pas"), QStringLiteral("fjones"),
                                  Sso::Secret::take(franks));
        QVERIFY(!refused.ok());
        qInfo() << "frank's enrolment:" << refused.error().message;
        h.session->signOut();
    }
};

QTEST_GUILESS_MAIN(TestSessionSecrets)
#include "tst_sessionsecrets.moc"
