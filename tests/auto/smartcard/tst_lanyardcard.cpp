// lanyard-card, the IT desk's tool, run as a process against the bed's readers, cards and PKI.
#include "bedcontrol.h"
#include "toolrun.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using Lanyard::Tests::BedControl;

namespace {

using Run = Lanyard::Tests::ToolRun;

} // namespace

class TestLanyardCard : public QObject
{
    Q_OBJECT

private:
    QStringList pkiOptions() const
    {
        const QString pki = BedControl::value("BED_PKI");
        return {QStringLiteral("--trust"), pki + QStringLiteral("/root-ca.crt"),
                QStringLiteral("--intermediate"), pki + QStringLiteral("/issuing-ca.crt"),
                QStringLiteral("--crl"), pki + QStringLiteral("/crl.pem"),
                QStringLiteral("--require-revocation")};
    }

    Run run(const QStringList &arguments, const QByteArray &input = {}) const
    {
        return Run::run(QStringLiteral(LANYARD_CARD_BINARY),
                        QStringList{QStringLiteral("--json"), QStringLiteral("--module"), m_module}
                            + arguments,
                        input);
    }

    Run login(const QString &clinician, const QByteArray &passcode) const
    {
        if (!BedControl::insertCard(clinician, 0))
            return {};
        return run(QStringList{QStringLiteral("login"), QStringLiteral("--passcode-stdin")}
                       + pkiOptions(),
                   passcode + '\n');
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(BedControl::isUp(), "run through ctest: this test needs the bed");
        m_module = BedControl::value("BED_CARD_MODULE");
    }

    void cleanup()
    {
        BedControl::removeCard(0);
        BedControl::unlockToken(QStringLiteral("alice"));
    }

    void readersShowsTheCard()
    {
        Run empty = run({QStringLiteral("readers")});
        QCOMPARE(empty.exitCode, 0);
        QCOMPARE(empty.jsonLines().size(), 2);
        QCOMPARE(empty.jsonLines().at(0).value(QLatin1String("card")).toBool(), false);
        QVERIFY2(empty.errors.isEmpty(), empty.errors.constData()); // diagnostics only on --verbose

        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), 0));
        Run withCard = run({QStringLiteral("readers")});
        QCOMPARE(withCard.exitCode, 0);
        const QJsonObject reader0 = withCard.jsonLines().at(0);
        QCOMPARE(reader0.value(QLatin1String("reader")).toString(), QStringLiteral("Virtual PCD 00 00"));
        QVERIFY(reader0.value(QLatin1String("card")).toBool());
        QVERIFY(reader0.value(QLatin1String("atr")).toString().endsWith(QLatin1String("61 6C 69 63 65 32")));
    }

    void certsListsTheAuthenticationCertificate()
    {
        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), 0));
        Run certs = run({QStringLiteral("certs")});
        QCOMPARE(certs.exitCode, 0);
        QCOMPARE(certs.jsonLines().size(), 1);
        const QJsonObject cert = certs.jsonLines().first();
        QVERIFY(cert.value(QLatin1String("authentication")).toBool());
        const QJsonObject holder = cert.value(QLatin1String("holder")).toObject();
        QCOMPARE(holder.value(QLatin1String("userId")).toString(), QStringLiteral("555000000001"));
        QCOMPARE(holder.value(QLatin1String("name")).toString(), QStringLiteral("Alice Carter"));
    }

    void noCardIsExitCode2()
    {
        Run certs = run({QStringLiteral("certs")});
        QCOMPARE(certs.exitCode, 2);
        QVERIFY(certs.jsonLines().first().value(QLatin1String("error")).toString().contains(QLatin1String("Insert")));
    }

    void loginOutcomes_data()
    {
        QTest::addColumn<QString>("clinician");
        QTest::addColumn<QByteArray>("passcode");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("says");
        QTest::newRow("good") << QStringLiteral("alice") << QByteArray("123456") << 0
                              << QStringLiteral("valid");
        QTest::newRow("EC card") << QStringLiteral("frank") << QByteArray("975310") << 0
                                 << QStringLiteral("valid");
        QTest::newRow("wrong passcode") << QStringLiteral("alice") << QByteArray("000000") << 3
                                        << QStringLiteral("Passcode incorrect");
        QTest::newRow("malformed passcode") << QStringLiteral("alice") << QByteArray("12ab56") << 3
                                            << QStringLiteral("6 to 8 digits");
        QTest::newRow("revoked") << QStringLiteral("erin") << QByteArray("445566") << 5
                                 << QStringLiteral("revoked");
        QTest::newRow("expired") << QStringLiteral("dave") << QByteArray("112233") << 5
                                 << QStringLiteral("expired");
        QTest::newRow("untrusted") << QStringLiteral("mallory") << QByteArray("778899") << 5
                                   << QStringLiteral("Untrusted Test CA");
    }

    void loginOutcomes()
    {
        QFETCH(QString, clinician);
        QFETCH(QByteArray, passcode);
        QFETCH(int, exitCode);
        QFETCH(QString, says);
        const Run result = login(clinician, passcode);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.output.contains(says.toUtf8()), result.output.constData());
        // The passcode never appears in what the tool prints.
        QVERIFY(!result.output.contains(passcode));
    }

    void lockedCardIsExitCode4()
    {
        QVERIFY(BedControl::lockToken(QStringLiteral("alice")));
        const Run result = login(QStringLiteral("alice"), "123456");
        QCOMPARE(result.exitCode, 4);
        QVERIFY(result.output.contains("locked"));
    }

    void watchReportsEvents()
    {
        QProcess watch;
        watch.start(QStringLiteral(LANYARD_CARD_BINARY),
                    {QStringLiteral("watch"), QStringLiteral("--json"), QStringLiteral("--count"),
                     QStringLiteral("4")});
        QVERIFY(watch.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(watch.canReadLine() || watch.bytesAvailable() > 0, 5000);
        QVERIFY(BedControl::insertCard(QStringLiteral("bob"), 0));
        QVERIFY(BedControl::removeCard(0));
        QVERIFY(watch.waitForFinished(10000));
        QCOMPARE(watch.exitCode(), 0);
        QStringList events;
        Run watched;
        watched.output = watch.readAllStandardOutput();
        for (const QJsonObject &line : watched.jsonLines())
            events << line.value(QLatin1String("event")).toString();
        QCOMPARE(events, (QStringList{QStringLiteral("readerAdded"), QStringLiteral("readerAdded"),
                                      QStringLiteral("cardInserted"), QStringLiteral("cardRemoved")}));
    }

private:
    QString m_module;
};

QTEST_GUILESS_MAIN(TestLanyardCard)
#include "tst_lanyardcard.moc"
