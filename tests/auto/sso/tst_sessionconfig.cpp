// Reading the session's configuration: the defaults, every key, and a clear message naming the
// key for each bad value.
#include <lanyard/sso/sessionconfig.h>
#include <lanyard/sso/ssoerror.h>

#include <QTemporaryDir>
#include <QTest>

using namespace Lanyard;
using namespace Lanyard::Sso;

class TestSessionConfig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_readable;

    QString write(const QByteArray &body)
    {
        static int serial = 0;
        const QString path = m_dir.filePath(QStringLiteral("lanyard-%1.conf").arg(++serial));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(body);
        return path;
    }

    QByteArray minimal() const
    {
        return "[idp]\nissuer=https://idp.example.nhs.uk\nca_bundle=" + m_readable.toUtf8()
               + "\n[card]\npkcs11_module=" + m_readable.toUtf8() + "\n";
    }

private slots:
    void initTestCase()
    {
        m_readable = m_dir.filePath(QStringLiteral("bundle.pem"));
        QFile file(m_readable);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    void defaults()
    {
        QSettings settings(write(minimal()), QSettings::IniFormat);
        auto config = SessionConfig::fromSettings(settings);
        QVERIFY(config.ok());
        QCOMPARE(config->idp.issuer, QUrl(QStringLiteral("https://idp.example.nhs.uk")));
        QCOMPARE(config->idp.clientId, QStringLiteral("lanyard"));
        QCOMPARE(config->idp.minimumAcr, QStringLiteral("AAL3_ANY"));
        QVERIFY(config->idp.scopes.contains(QStringLiteral("nationalrbacaccess")));
        QCOMPARE(config->policy.cardRemoval, SessionPolicy::CardRemoval::Lock);
        QCOMPARE(config->policy.userSwitch, SessionPolicy::UserSwitch::EndPrevious);
        QCOMPARE(config->policy.idleTimeout, std::chrono::seconds(600));
        QCOMPARE(config->policy.idleWarning, std::chrono::seconds(30));
        QCOMPARE(config->policy.gracePeriod, std::chrono::seconds(0));
        QCOMPARE(config->idp.requestTimeout, std::chrono::milliseconds(15000));
        QVERIFY(!config->certificateCheck);
        QCOMPARE(config->audit.path, QStringLiteral("/var/log/lanyard/audit.jsonl"));
        QVERIFY(!config->audit.syslog);
    }

    void everyKey()
    {
        QSettings settings(write(minimal() + "[idp]\nclient_id=ward-pc\nminimum_acr=AAL2_ANY\n"
                                             "connect_timeout=2\nrequest_timeout=8s\n"
                                             "discovery_lifetime=30min\nrefresh_margin=2min\nclock_leeway=30\n"
                                             "[session]\ncard_removal=logout\nuser_switch=keep-locked\n"
                                             "idle_timeout=5min\nidle_warning=20\ngrace_period=15s\n"
                                             "[card]\ntrust_anchors=" + m_readable.toUtf8() + "\n"
                                             "[audit]\npath=/tmp/a.jsonl\nsyslog=true\n"),
                           QSettings::IniFormat);
        auto config = SessionConfig::fromSettings(settings);
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        QCOMPARE(config->idp.minimumAcr, QStringLiteral("AAL2_ANY"));
        QCOMPARE(config->idp.connectTimeout, std::chrono::milliseconds(2000));
        QCOMPARE(config->idp.requestTimeout, std::chrono::milliseconds(8000));
        QCOMPARE(config->idp.discoveryLifetime, std::chrono::seconds(1800));
        QCOMPARE(config->idp.refreshMargin, std::chrono::seconds(120));
        QCOMPARE(config->idp.clockLeeway, std::chrono::seconds(30));
        QCOMPARE(config->policy.cardRemoval, SessionPolicy::CardRemoval::Logout);
        QCOMPARE(config->policy.userSwitch, SessionPolicy::UserSwitch::KeepLocked);
        QCOMPARE(config->policy.idleTimeout, std::chrono::seconds(300));
        QCOMPARE(config->policy.idleWarning, std::chrono::seconds(20));
        QCOMPARE(config->policy.gracePeriod, std::chrono::seconds(15));
        QVERIFY(config->certificateCheck.has_value());
        QCOMPARE(config->audit.path, QStringLiteral("/tmp/a.jsonl"));
        QVERIFY(config->audit.syslog);
    }

    void badValuesNameTheirKey_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("key");
        QTest::newRow("http issuer") << QByteArray("[idp]\nissuer=http://idp.example\n") << "idp/issuer";
        QTest::newRow("missing bundle") << QByteArray("[idp]\nca_bundle=/nowhere.pem\n") << "idp/ca_bundle";
        QTest::newRow("timeout words") << QByteArray("[idp]\nrequest_timeout=soon\n") << "idp/request_timeout";
        QTest::newRow("timeout zero") << QByteArray("[idp]\nrequest_timeout=0\n") << "idp/request_timeout";
        QTest::newRow("discovery kept too long") << QByteArray("[idp]\ndiscovery_lifetime=2h\n") << "idp/discovery_lifetime";
        QTest::newRow("removal") << QByteArray("[session]\ncard_removal=explode\n") << "session/card_removal";
        QTest::newRow("switch") << QByteArray("[session]\nuser_switch=both\n") << "session/user_switch";
        QTest::newRow("idle negative") << QByteArray("[session]\nidle_timeout=-5\n") << "session/idle_timeout";
        // Caught by tests/fuzz/fuzz_config under UBSan: durations that overflow (undefined behaviour) as
        // seconds (the hours) or as milliseconds (the timeout) were taken, as whatever they wrapped to.
        QTest::newRow("idle hours overflow") << QByteArray("[session]\nidle_timeout=9999999999999999h\n") << "session/idle_timeout";
        QTest::newRow("timeout beyond milliseconds") << QByteArray("[idp]\nconnect_timeout=99999999999999999\n") << "idp/connect_timeout";
        QTest::newRow("module") << QByteArray("[card]\npkcs11_module=/no/such.so\n") << "card/pkcs11_module";
        QTest::newRow("syslog") << QByteArray("[audit]\nsyslog=maybe\n") << "audit/syslog";
    }

    void badValuesNameTheirKey()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QString, key);
        QSettings settings(write(minimal() + extra), QSettings::IniFormat);
        auto config = SessionConfig::fromSettings(settings);
        QVERIFY(!config.ok());
        QVERIFY(config.error().is(SsoError::Configuration));
        QVERIFY2(config.error().message.contains(key), qPrintable(config.error().message));
        QVERIFY2(config.error().message.contains(QStringLiteral("write ")), qPrintable(config.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSessionConfig)
#include "tst_sessionconfig.moc"
