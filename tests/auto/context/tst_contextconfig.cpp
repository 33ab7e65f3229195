// Reading the patient-context configuration: defaults, every key, and each bad value named.
#include <lanyard/context/contextconfig.h>

#include <QTemporaryDir>
#include <QTest>

using namespace Lanyard;
using namespace Lanyard::Context;

class TestContextConfig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_pem;

    QString write(const QByteArray &body)
    {
        static int serial = 0;
        const QString path = m_dir.filePath(QStringLiteral("context-%1.conf").arg(++serial));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(body);
        return path;
    }

private slots:
    void initTestCase()
    {
        m_pem = m_dir.filePath(QStringLiteral("ca.pem")).toUtf8();
        QFile file(QString::fromUtf8(m_pem));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    void defaults()
    {
        QSettings settings(write("[pds]\nbase=https://pds.example/personal-demographics/FHIR/R4\n"
                                 "ca_bundle=" + m_pem + "\n"),
                           QSettings::IniFormat);
        auto config = ContextConfig::fromSettings(settings);
        QVERIFY(config.ok());
        QCOMPARE(config->pds.maxRequestsPerSecond, 5);
        QCOMPARE(config->pds.requestTimeout, std::chrono::milliseconds(10000));
        QVERIFY(!config->allergies.has_value());
        QCOMPARE(config->hub.port, quint16(0));
    }

    void everyKey()
    {
        QSettings settings(write("[idp]\nca_bundle=" + m_pem + "\n"
                                 "[pds]\nbase=https://pds.example/R4\nconnect_timeout=2\n"
                                 "request_timeout=4s\nmax_requests_per_second=3\n"
                                 "[allergies]\nbase=https://fhir.example/R4\n[hub]\nport=4567\n"),
                           QSettings::IniFormat);
        auto config = ContextConfig::fromSettings(settings);
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        QCOMPARE(config->pds.caBundle, QString::fromUtf8(m_pem)); // the IdP's bundle by default
        QCOMPARE(config->pds.connectTimeout, std::chrono::milliseconds(2000));
        QCOMPARE(config->pds.requestTimeout, std::chrono::milliseconds(4000));
        QCOMPARE(config->pds.maxRequestsPerSecond, 3);
        QVERIFY(config->allergies.has_value());
        QCOMPARE(config->allergies->base, QUrl(QStringLiteral("https://fhir.example/R4")));
        QCOMPARE(config->hub.port, quint16(4567));
    }

    void badValuesNameTheirKey_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("key");
        const QByteArray pds = "[pds]\nbase=https://pds.example/R4\nca_bundle=" + m_pem + "\n";
        QTest::newRow("no base") << QByteArray("[pds]\nca_bundle=" + m_pem + "\n") << "pds/base";
        QTest::newRow("http base") << QByteArray("[pds]\nbase=http://pds.example/R4\n") << "pds/base";
        QTest::newRow("bundle missing") << QByteArray("[pds]\nbase=https://pds.example/R4\nca_bundle=/no.pem\n") << "pds/ca_bundle";
        QTest::newRow("timeout") << QByteArray(pds + "request_timeout=0\n") << "pds/request_timeout";
        // Caught by tests/fuzz/fuzz_config under UBSan: seconds that overflow as milliseconds (undefined
        // behaviour) were taken, as whatever they wrapped to.
        QTest::newRow("timeout beyond milliseconds")
            << QByteArray(pds + "connect_timeout=99999999999999999\n") << "pds/connect_timeout";
        QTest::newRow("rate") << QByteArray(pds + "max_requests_per_second=500\n") << "pds/max_requests_per_second";
        QTest::newRow("allergies base") << QByteArray(pds + "[allergies]\nbase=ftp://x\n") << "allergies/base";
        QTest::newRow("hub port") << QByteArray(pds + "[hub]\nport=70000\n") << "hub/port";
    }

    void badValuesNameTheirKey()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, key);
        QSettings settings(write(body), QSettings::IniFormat);
        auto config = ContextConfig::fromSettings(settings);
        QVERIFY(!config.ok());
        QVERIFY(config.error().is(ContextError::Configuration));
        QVERIFY2(config.error().message.contains(key), qPrintable(config.error().message));
    }
};

QTEST_GUILESS_MAIN(TestContextConfig)
#include "tst_contextconfig.moc"
