// The hub soak: 200 FHIRcast subscribers in another process, coming and going (10 a second),
// while Lanyard changes patient four times a second, for LANYARD_SOAK_SECONDS (20 in the test
// run; scripts/soak runs 600). Nobody is cut off, every newcomer gets the patient, and the hub's
// process does not grow past the stated bound. The figures go to the artefacts as soak-hub.json.
#include "processstats.h"

#include <lanyard/context/fhircasthub.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace Lanyard;
using namespace Lanyard::Context;
using namespace Lanyard::Tests;

namespace {

constexpr int subscribers = 200;
constexpr double churnPerSecond = 10;
// After the first 200 are up: some MB of buffers and caches, and the sockets of subscribers
// half-way through coming or going (a second's churn), nothing that grows with time.
constexpr GrowthBound bound{10 * 1024, int(churnPerSecond) * 2, 1};

QJsonObject patient(const QString &nhsNumber)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                       {QStringLiteral("id"), nhsNumber}};
}

} // namespace

class TestSoakHub : public QObject
{
    Q_OBJECT

private slots:
    void churningSubscribers()
    {
        const int seconds = qEnvironmentVariableIntValue("LANYARD_SOAK_SECONDS") > 0
                                ? qEnvironmentVariableIntValue("LANYARD_SOAK_SECONDS")
                                : 20;
        auto started = FhircastHub::start({});
        QVERIFY(started);
        std::unique_ptr<FhircastHub> hub = std::move(started).value();

        QProcess churn;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LANYARD_SOAK_TOKEN"),
                           QString::fromLatin1(hub->issueToken(QStringLiteral("org.example.churn"))));
        churn.setProcessEnvironment(environment);
        churn.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        churn.start(QStringLiteral(LANYARD_SOAK_HUBCHURN),
                    {QStringLiteral("--hub"), hub->url().toString(), QStringLiteral("--topic"), hub->topic(),
                     QStringLiteral("--count"), QString::number(subscribers), QStringLiteral("--rate"),
                     QString::number(churnPerSecond)});
        QVERIFY(churn.waitForStarted());
        hub->openPatient(patient(QStringLiteral("9000000009")));
        QVERIFY(QTest::qWaitFor([&] { return churn.canReadLine() || churn.state() != QProcess::Running; }, 60000));
        QCOMPARE(churn.readLine().trimmed(), QByteArray("ready"));
        QTest::qWait(1000);
        const ProcessStats first = ProcessStats::now();

        QElapsedTimer elapsed;
        elapsed.start();
        int changes = 0, fewest = subscribers;
        while (elapsed.elapsed() < qint64(seconds) * 1000) {
            hub->openPatient(patient(changes % 2 ? QStringLiteral("9000000009") : QStringLiteral("9000000017")));
            ++changes;
            QTest::qWait(250);
            fewest = std::min(fewest, hub->subscriberCount());
        }
        const ProcessStats last = ProcessStats::now();
        churn.terminate();
        QVERIFY(churn.waitForFinished(10000));
        const QJsonObject seen = QJsonDocument::fromJson(churn.readAll().trimmed()).object();

        const QJsonObject report{{QStringLiteral("seconds"), seconds},
                                 {QStringLiteral("subscribers"), subscribers},
                                 {QStringLiteral("churn_per_second"), churnPerSecond},
                                 {QStringLiteral("patient_changes"), changes},
                                 {QStringLiteral("fewest_subscribers"), fewest},
                                 {QStringLiteral("subscribers_side"), seen},
                                 {QStringLiteral("first"), first.json()},
                                 {QStringLiteral("last"), last.json()}};
        const QString artefacts = qEnvironmentVariable("LANYARD_TEST_ARTEFACTS");
        QFile out(QDir(artefacts.isEmpty() ? QDir::tempPath() : artefacts).filePath(QStringLiteral("soak-hub.json")));
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            out.write(QJsonDocument(report).toJson());
        qInfo().noquote() << "soak-hub:" << QJsonDocument(report).toJson(QJsonDocument::Compact);

        QCOMPARE(seen.value(QStringLiteral("closed_by_hub")).toInt(), 0);
        QCOMPARE(seen.value(QStringLiteral("refused")).toInt(), 0);
        QCOMPARE(seen.value(QStringLiteral("missed_current_context")).toInt(), 0);
        QVERIFY(seen.value(QStringLiteral("left")).toInt() >= int(seconds * churnPerSecond / 2));
        // Each subscriber answered every event it had: the hub sent on average several each.
        QVERIFY(seen.value(QStringLiteral("events")).toInt() >= changes * subscribers / 2);
        QVERIFY2(fewest >= subscribers - int(churnPerSecond), qPrintable(QString::number(fewest)));
        const QString grown = bound.exceededBy(first, last);
        QVERIFY2(grown.isEmpty(), qPrintable(grown));
    }
};

QTEST_GUILESS_MAIN(TestSoakHub)
#include "tst_soakhub.moc"
