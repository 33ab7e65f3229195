// lanyard-context run as a process: the banner of files, a hub a plugin author can point an
// application at, and lookups and searches against the bed's PDS with a real access token.
#include "bedcontrol.h"
#include "toolrun.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <csignal>

using Lanyard::Tests::BedControl;

namespace {

using Run = Lanyard::Tests::ToolRun;

Run run(const QStringList &arguments, const QByteArray &input = {})
{
    return Run::run(QStringLiteral(LANYARD_CONTEXT_BINARY), arguments, input);
}

QString data(const char *path)
{
    return BedControl::value("LANYARD_SOURCE_DIR") + QStringLiteral("/tests/data/") + QLatin1String(path);
}

} // namespace

class TestLanyardContext : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_config;
    QByteArray m_token;

private slots:
    void bannerOfAFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("line");
        QTest::newRow("deceased") << data("patients/deceased-9990000034.json") << 0
                                  << "ASHDOWN, Walter (Mr)  Born 01-Jul-1938  Gender Male  NHS No. 999 000 0034  Died 05-Nov-2024  Age at death 86y";
        QTest::newRow("restricted") << data("pds/karate-stubs/patientResponses/patient_9000000025.json") << 0
                                    << "[restricted record]";
        QTest::newRow("an error, not a patient") << data("pds/karate-stubs/errorResponses/ACCESS_DENIED.json") << 2 << "";
        QTest::newRow("missing file") << QStringLiteral("/nonexistent.json") << 1 << "";
    }

    void bannerOfAFile()
    {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QString, line);
        const Run result = run({QStringLiteral("banner"), file});
        QCOMPARE(result.exitCode, exitCode);
        if (exitCode == 0)
            QVERIFY2(result.output.contains(line.toUtf8()), result.output.constData());
        else
            QVERIFY2(result.errors.startsWith("lanyard-context: "), result.errors.constData());
    }

    void bannerAsJsonAtAGivenTime()
    {
        QFile file(data("patients/deceased-9990000034.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Run result = run({QStringLiteral("banner"), QStringLiteral("-"), QStringLiteral("--json"),
                                QStringLiteral("--now"), QStringLiteral("2026-11-21T09:00:00Z")},
                               file.readAll());
        QCOMPARE(result.exitCode, 0);
        const QJsonObject object = result.json();
        QCOMPARE(object.value(QLatin1String("nhs_number")).toString(), QStringLiteral("9990000034"));
        QCOMPARE(object.value(QLatin1String("deceased")).toBool(), true);
        QCOMPARE(object.value(QLatin1String("age_at_death")).toString(), QStringLiteral("Age at death 86y"));
    }

    void aHubOnItsOwnForPluginAuthors()
    {
        QProcess hub;
        hub.start(QStringLiteral(LANYARD_CONTEXT_BINARY),
                  {QStringLiteral("hub"), QStringLiteral("--app"), QStringLiteral("my-epr"), QStringLiteral("--json")});
        QVERIFY(hub.waitForReadyRead(10000));
        const QJsonObject started = QJsonDocument::fromJson(hub.readLine()).object();
        const QUrl url(started.value(QLatin1String("hub.url")).toString());
        const QString topic = started.value(QLatin1String("hub.topic")).toString();
        const QByteArray token = started.value(QLatin1String("tokens")).toObject()
                                     .value(QLatin1String("my-epr")).toString().toLatin1();
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(!topic.isEmpty() && !token.isEmpty());

        QNetworkAccessManager network;
        QNetworkReply *discovery = network.get(QNetworkRequest(
            QUrl(url.toString() + QStringLiteral("/.well-known/fhircast-configuration"))));
        QTRY_VERIFY(discovery->isFinished());
        QCOMPARE(discovery->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(QJsonDocument::fromJson(discovery->readAll()).object().value(QLatin1String("fhircastVersion")).toString(),
                 QStringLiteral("3.0.0"));

        QUrlQuery form;
        form.addQueryItem(QStringLiteral("hub.channel.type"), QStringLiteral("websocket"));
        form.addQueryItem(QStringLiteral("hub.mode"), QStringLiteral("subscribe"));
        form.addQueryItem(QStringLiteral("hub.topic"), topic);
        form.addQueryItem(QStringLiteral("hub.events"), QStringLiteral("Patient-open"));
        QNetworkRequest subscribe(url);
        subscribe.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
        subscribe.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *accepted = network.post(subscribe, form.toString(QUrl::FullyEncoded).toUtf8());
        QTRY_VERIFY(accepted->isFinished());
        QCOMPARE(accepted->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 202);
        subscribe.setRawHeader("Authorization", "Bearer not-a-token");
        QNetworkReply *refused = network.post(subscribe, form.toString(QUrl::FullyEncoded).toUtf8());
        QTRY_VERIFY(refused->isFinished());
        QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);

        ::kill(pid_t(hub.processId()), SIGTERM); // Ctrl-C or a service stop: a clean end
        QVERIFY(hub.waitForFinished(10000));
        QCOMPARE(hub.exitStatus(), QProcess::NormalExit);
        QCOMPARE(hub.exitCode(), 0);
    }

    void lookupsAndSearchesAgainstPds_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("found") << QStringList{QStringLiteral("lookup"), QStringLiteral("999 000 0034")} << 0
                               << "ASHDOWN, Walter (Mr)";
        QTest::newRow("superseded") << QStringList{QStringLiteral("lookup"), QStringLiteral("9990000018")} << 0
                                    << "[replaces NHS No. 999 000 0018]";
        QTest::newRow("not found") << QStringList{QStringLiteral("lookup"), QStringLiteral("9111231130")} << 3
                                   << "No patient has this NHS number";
        QTest::newRow("bad number") << QStringList{QStringLiteral("lookup"), QStringLiteral("9000000001")} << 1
                                    << "check digit";
        QTest::newRow("search") << QStringList{QStringLiteral("search"), QStringLiteral("--family"), QStringLiteral("Merrow"),
                                               QStringLiteral("--birthdate"), QStringLiteral("1984-03-09")} << 0
                                << "MERROW, Harriet";
    }

    void lookupsAndSearchesAgainstPds()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        if (!BedControl::isUp())
            QSKIP("needs the bed (run through ctest)");
        if (m_config.isEmpty()) {
            m_config = m_dir.filePath(QStringLiteral("lanyard.conf"));
            QFile config(m_config);
            QVERIFY(config.open(QIODevice::WriteOnly));
            config.write("[pds]\nbase=" + BedControl::value("BED_FHIR_BASE").toUtf8() + "\nca_bundle="
                         + BedControl::value("BED_CA_BUNDLE").toUtf8() + "\n");
            m_token = BedControl::accessToken(QStringLiteral("alice"));
            QVERIFY(!m_token.isEmpty());
        }
        const Run result = run(arguments + QStringList{QStringLiteral("--config"), m_config, QStringLiteral("--role"),
                                                       QStringLiteral("555000000101"), QStringLiteral("--token-stdin")},
                               m_token);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2((result.output + result.errors).contains(expected.toUtf8()),
                 (result.output + result.errors).constData());
        QVERIFY(!(result.output + result.errors).contains(m_token));
    }

    void lookupWithoutATokenIsRefusedBeforeAnyRequest()
    {
        const Run result = run({QStringLiteral("lookup"), QStringLiteral("9990000034"), QStringLiteral("--config"),
                                data("pds/SOURCE.md")});
        QCOMPARE(result.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestLanyardContext)
#include "tst_lanyardcontext.moc"
