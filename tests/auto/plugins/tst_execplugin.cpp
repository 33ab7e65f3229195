// The built-in exec plugin, loaded the way the host loads it (its manifest first), starting the
// demo EPR with a real exchanged token on standard input and the session's hub: the EPR signs in
// and subscribes; the token is never on its command line or in its environment; session end
// closes it; settings that would leak a token are refused at initialize().
#include "bedcontrol.h"

#include <lanyard/context/fhircasthub.h>
#include <lanyard/plugin/clinicalappplugin.h>

#include <QFile>
#include <QJsonArray>
#include <QPluginLoader>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace Lanyard;
using namespace Lanyard::Plugin;
using Lanyard::Tests::BedControl;

namespace {

QJsonObject settings(const QJsonArray &arguments, const QJsonArray &input = {})
{
    QJsonObject object{{QStringLiteral("command"), QStringLiteral(LANYARD_DEMO_EPR_BINARY)},
                       {QStringLiteral("arguments"), arguments},
                       {QStringLiteral("argumentsWithPatient"),
                        QJsonArray{QStringLiteral("--nhs-number"), QStringLiteral("{nhsNumber}")}}};
    if (!input.isEmpty())
        object.insert(QStringLiteral("stdin"), input);
    return object;
}

bool alive(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == 0;
}

} // namespace

class TestExecPlugin : public QObject
{
    Q_OBJECT

    QPluginLoader m_loader{QStringLiteral(LANYARD_EXEC_PLUGIN)};

    ClinicalAppPlugin *plugin()
    {
        return qobject_cast<ClinicalAppPlugin *>(m_loader.instance());
    }

private slots:
    void theManifestIsReadableBeforeLoading()
    {
        const QJsonObject meta = m_loader.metaData();
        QCOMPARE(meta.value(QLatin1String("IID")).toString(), QStringLiteral(Lanyard_ClinicalAppPlugin_iid));
        QCOMPARE(meta.value(QLatin1String("MetaData")).toObject().value(QLatin1String("id")).toString(),
                 QStringLiteral("org.lanyard.exec"));
        QCOMPARE(meta.value(QLatin1String("MetaData")).toObject().value(QLatin1String("api")).toInt(), ApiVersion);
    }

    void settingsThatWouldLeakATokenAreRefused_data()
    {
        QTest::addColumn<QJsonObject>("config");
        QTest::addColumn<QString>("reason");
        QTest::newRow("token in arguments") << settings({QStringLiteral("--token={token}")}) << "standard input";
        QTest::newRow("hub token in arguments") << settings({QStringLiteral("{hubToken}")}) << "standard input";
        QJsonObject environment = settings({});
        environment.insert(QStringLiteral("environment"), QJsonObject{{QStringLiteral("TOKEN"), QStringLiteral("{token}")}});
        QTest::newRow("token in the environment") << environment << "standard input";
        QTest::newRow("unknown template field") << settings({QStringLiteral("{password}")}) << "does not know";
        QJsonObject missing = settings({});
        missing.insert(QStringLiteral("command"), QStringLiteral("/nonexistent/epr"));
        QTest::newRow("no such program") << missing << "not a program";
    }

    void settingsThatWouldLeakATokenAreRefused()
    {
        QFETCH(QJsonObject, config);
        QFETCH(QString, reason);
        auto initialized = plugin()->initialize(PluginConfig{QStringLiteral("demo-epr"), config, {}});
        QVERIFY(!initialized.ok());
        QVERIFY2(initialized.error().message.contains(reason), qPrintable(initialized.error().message));
    }

    void startsTheApplicationSignedInOnThePatientAndEndsIt()
    {
        QVERIFY2(BedControl::isUp(), "run through ctest: this test needs the bed");
        auto hub = Context::FhircastHub::start({});
        QVERIFY(hub.ok());
        auto &running = **hub;
        const QJsonArray arguments{QStringLiteral("--issuer"), BedControl::value("BED_IDP_ISSUER"),
                                   QStringLiteral("--ca"), BedControl::value("BED_CA_BUNDLE"),
                                   QStringLiteral("--hub-url"), QStringLiteral("{hubUrl}"),
                                   QStringLiteral("--hub-topic"), QStringLiteral("{hubTopic}")};
        auto initialized = plugin()->initialize(PluginConfig{
            QStringLiteral("demo-epr"),
            settings(arguments, {QStringLiteral("{token}"), QStringLiteral("{hubToken}")}), {}});
        QVERIFY2(initialized.ok(), initialized.ok() ? "" : qPrintable(initialized.error().message));

        LaunchRequest request;
        request.user.uid = QStringLiteral("555000000002");
        request.token.token = BedControl::applicationToken(QStringLiteral("bob"), QStringLiteral("demo-epr"));
        QVERIFY(request.token.token.count('.') == 2);
        request.patient.nhsNumber = QStringLiteral("9990000034");
        request.hub.url = running.url();
        request.hub.topic = running.topic();
        request.hub.token = running.issueToken(QStringLiteral("demo-epr"));
        auto launched = plugin()->launch(request);
        QVERIFY2(launched.ok(), launched.ok() ? "" : qPrintable(launched.error().message));
        const qint64 pid = launched->processId;
        QVERIFY(pid > 0);

        // It subscribes only once it has verified its token: signed in, with the hub's details.
        QTRY_COMPARE_WITH_TIMEOUT(running.subscriberCount(), 1, 15000);
        for (const char *where : {"cmdline", "environ"}) {
            QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(where)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            QVERIFY2(!content.contains(request.token.token), where);
            QVERIFY2(!content.contains(request.hub.token), where);
            if (QLatin1String(where) == QLatin1String("cmdline"))
                QVERIFY(content.contains("9990000034"));
        }

        plugin()->sessionEnded();
        QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 10000);
    }
};

QTEST_GUILESS_MAIN(TestExecPlugin)
#include "tst_execplugin.moc"
