// Runs against a fresh copy of the bed's test PKI (tests/bed/pki.sh) and a real `openssl ocsp`
// responder on loopback, both made by the test itself.
#include <lanyard/smartcard/certificatevalidator.h>

#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/x509_vfy.h>

using namespace Lanyard::Smartcard;
using namespace std::chrono_literals;

namespace {

enum class Revocation { None, Crl, RequiredWithoutCrl, RequiredByOcsp };

QByteArray derFromPem(const QByteArray &pem)
{
    const QByteArray begin("-----BEGIN CERTIFICATE-----");
    const qsizetype start = pem.indexOf(begin);
    const qsizetype end = pem.indexOf("-----END CERTIFICATE-----");
    if (start < 0 || end < start)
        return {};
    return QByteArray::fromBase64(pem.mid(start + begin.size(), end - start - begin.size()));
}

template<typename T>
QByteArray failure(const Lanyard::Result<T> &result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

quint16 unusedPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
}

} // namespace

Q_DECLARE_METATYPE(Revocation)

class TestCertificateValidator : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pki;
    quint16 m_ocspPort = 0;
    QProcess m_responder;

    QString pki(const QString &relative) const { return m_pki + u'/' + relative; }

    QByteArray certificate(const QString &name) const
    {
        QFile file(pki(QStringLiteral("users/%1.crt").arg(name)));
        if (name == u"server")
            file.setFileName(pki(QStringLiteral("server.crt")));
        return file.open(QIODevice::ReadOnly) ? derFromPem(file.readAll()) : QByteArray();
    }

    CertificateValidator::Config config(Revocation revocation, const QDateTime &at = {}) const
    {
        CertificateValidator::Config config;
        // The PKI's CAs are only valid from the day it was made; rows set in the past use the
        // same CA keys and names with certificates backdated to 2023.
        const QString prefix = at.isValid() ? QStringLiteral("backdated-") : QString();
        config.trustAnchorFiles = {pki(prefix + QStringLiteral("root-ca.crt"))};
        config.intermediateFiles = {pki(prefix + QStringLiteral("issuing-ca.crt"))};
        if (revocation == Revocation::Crl)
            config.crlFiles = {pki(QStringLiteral("crl.pem"))};
        config.requireRevocationCheck = revocation != Revocation::None;
        if (revocation == Revocation::RequiredByOcsp) {
            config.ocspEnabled = true;
            config.ocspUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_ocspPort));
        }
        if (at.isValid())
            config.now = [at] { return at; };
        return config;
    }

    static bool run(const QString &program, const QStringList &arguments, const QString &in)
    {
        QProcess process;
        process.setWorkingDirectory(in);
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(program, arguments);
        return process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit
            && process.exitCode() == 0;
    }

    bool backdate(const QString &ca, const QString &signer, const QString &extensions)
    {
        QStringList arguments{QStringLiteral("ca"), QStringLiteral("-batch"),
                              QStringLiteral("-notext"), QStringLiteral("-config"),
                              QStringLiteral("ca/openssl.cnf"), QStringLiteral("-name"), signer,
                              QStringLiteral("-in"), QStringLiteral("ca/%1/req.pem").arg(ca),
                              QStringLiteral("-extensions"), extensions,
                              QStringLiteral("-startdate"), QStringLiteral("20230101000000Z"),
                              QStringLiteral("-out"),
                              QStringLiteral("backdated-%1-ca.crt").arg(ca)};
        if (ca == signer)
            arguments << QStringLiteral("-selfsign") << QStringLiteral("-keyfile")
                      << QStringLiteral("ca/%1/key.pem").arg(ca);
        return run(QStringLiteral("openssl"), arguments, m_pki);
    }

    // A card certificate from the test issuing CA, recorded in its database so that the OCSP
    // responder knows it.
    bool issue(const QString &name, const QString &subject, const QString &extensions)
    {
        const QString ext = m_dir.filePath(name + QStringLiteral(".ext"));
        QFile file(ext);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write("[ card ]\nbasicConstraints = critical, CA:false\n"
                   "keyUsage = critical, digitalSignature, keyEncipherment\n"
                   "extendedKeyUsage = clientAuth\n"
                   + extensions.toUtf8() + '\n');
        file.close();
        const QString request = pki(QStringLiteral("ca/%1.req").arg(name));
        return run(QStringLiteral("openssl"),
                   {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"),
                    pki(QStringLiteral("users/alice.key")), QStringLiteral("-subj"), subject,
                    QStringLiteral("-out"), request},
                   m_pki)
            && run(QStringLiteral("openssl"),
                   {QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-notext"),
                    QStringLiteral("-config"), QStringLiteral("ca/openssl.cnf"),
                    QStringLiteral("-name"), QStringLiteral("issuing"), QStringLiteral("-extfile"),
                    ext, QStringLiteral("-extensions"), QStringLiteral("card"),
                    QStringLiteral("-in"), request, QStringLiteral("-out"),
                    pki(QStringLiteral("users/%1.crt").arg(name))},
                   m_pki);
    }

private slots:
    void initTestCase()
    {
        // Dates in messages are NHS format in English whatever the workstation's locale.
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        qputenv("no_proxy", "127.0.0.1,localhost");
        QVERIFY(m_dir.isValid());
        m_pki = m_dir.filePath(QStringLiteral("pki"));
        const QString source = qEnvironmentVariable("LANYARD_SOURCE_DIR");
        QVERIFY2(!source.isEmpty(), "LANYARD_SOURCE_DIR must name the source tree");
        QVERIFY(run(QStringLiteral("bash"),
                    {source + QStringLiteral("/tests/bed/pki.sh"), m_pki}, m_dir.path()));

        QVERIFY(backdate(QStringLiteral("root"), QStringLiteral("root"), QStringLiteral("v3_ca")));
        QVERIFY(backdate(QStringLiteral("issuing"), QStringLiteral("root"),
                         QStringLiteral("v3_issuing")));

        m_ocspPort = unusedPort();
        QVERIFY(m_ocspPort != 0);
        QVERIFY(issue(QStringLiteral("noserial"),
                      QStringLiteral("/C=GB/O=NHS/OU=People/CN=Nobody In Particular"), {}));
        QVERIFY(issue(QStringLiteral("aia"),
                      QStringLiteral("/C=GB/O=NHS/OU=People/CN=Grace Hopper/"
                                     "serialNumber=555000000009/GN=Grace/SN=Hopper"),
                      QStringLiteral("authorityInfoAccess = OCSP;URI:http://127.0.0.1:%1/")
                          .arg(m_ocspPort)));

        m_responder.setWorkingDirectory(m_pki);
        m_responder.setProcessChannelMode(QProcess::MergedChannels);
        m_responder.start(QStringLiteral("openssl"),
                          {QStringLiteral("ocsp"), QStringLiteral("-index"),
                           QStringLiteral("ca/issuing/index.txt"), QStringLiteral("-CA"),
                           QStringLiteral("issuing-ca.crt"), QStringLiteral("-rsigner"),
                           QStringLiteral("issuing-ca.crt"), QStringLiteral("-rkey"),
                           QStringLiteral("ca/issuing/key.pem"), QStringLiteral("-port"),
                           QString::number(m_ocspPort)});
        QByteArray output;
        QElapsedTimer waited;
        waited.start();
        while (!output.contains("waiting for OCSP client connections") && waited.elapsed() < 10000
               && m_responder.state() != QProcess::NotRunning) {
            m_responder.waitForReadyRead(200);
            output += m_responder.readAll();
        }
        QVERIFY2(output.contains("waiting for OCSP client connections"), output.constData());
    }

    void cleanupTestCase()
    {
        m_responder.kill();
        m_responder.waitForFinished();
    }

    void validate_data()
    {
        QTest::addColumn<QString>("card");
        QTest::addColumn<Revocation>("revocation");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<int>("error"); // SmartcardError, 0 when accepted
        QTest::addColumn<int>("nativeCode");
        QTest::addColumn<QString>("expected"); // the user id, or part of the error message

        const auto row = [](const char *name, const QString &card, Revocation revocation,
                            SmartcardError error, int nativeCode, const QString &expected,
                            const QDateTime &now = {}) {
            QTest::newRow(name) << card << revocation << now << int(error) << nativeCode
                                << expected;
        };
        const auto accepted = [](const char *name, const QString &card, Revocation revocation,
                                 const QString &userId, const QDateTime &now = {}) {
            QTest::newRow(name) << card << revocation << now << 0 << 0 << userId;
        };
        const auto utc = [](int year, int month, int day) {
            return QDateTime(QDate(year, month, day), QTime(12, 0), Qt::UTC);
        };
        accepted("alice", QStringLiteral("alice"), Revocation::Crl, QStringLiteral("555000000001"));
        accepted("bob", QStringLiteral("bob"), Revocation::Crl, QStringLiteral("555000000002"));
        accepted("carol", QStringLiteral("carol"), Revocation::Crl, QStringLiteral("555000000003"));
        accepted("frank (EC key)", QStringLiteral("frank"), Revocation::Crl,
                 QStringLiteral("555000000006"));
        accepted("alice, no revocation check asked", QStringLiteral("alice"), Revocation::None,
                 QStringLiteral("555000000001"));
        accepted("dave while his card was valid", QStringLiteral("dave"), Revocation::None,
                 QStringLiteral("555000000004"), utc(2024, 6, 1));
        row("dave expired", QStringLiteral("dave"), Revocation::Crl,
            SmartcardError::CertificateExpired, X509_V_ERR_CERT_HAS_EXPIRED,
            QStringLiteral("Your card's certificate expired on 01-Jan-2025. Ask your "
                           "Registration Authority for a renewed card."));
        row("dave before his card was issued", QStringLiteral("dave"), Revocation::None,
            SmartcardError::CertificateNotYetValid, X509_V_ERR_CERT_NOT_YET_VALID,
            QStringLiteral("not valid until 01-Jan-2024"), utc(2023, 6, 1));
        row("erin revoked", QStringLiteral("erin"), Revocation::Crl,
            SmartcardError::CertificateRevoked, X509_V_ERR_CERT_REVOKED,
            QStringLiteral("has been revoked"));
        row("mallory untrusted issuer", QStringLiteral("mallory"), Revocation::Crl,
            SmartcardError::IssuerNotTrusted, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
            QStringLiteral("issued by \"Untrusted Test CA\", which this workstation does not "
                           "trust"));
        row("server certificate", QStringLiteral("server"), Revocation::Crl,
            SmartcardError::WrongKeyUsage, X509_V_ERR_INVALID_PURPOSE,
            QStringLiteral("not one for signing in"));
        row("garbage", QStringLiteral("garbage"), Revocation::Crl,
            SmartcardError::CertificateMalformed, 0, QStringLiteral("cannot be read"));
        row("no serialNumber", QStringLiteral("noserial"), Revocation::Crl,
            SmartcardError::IdentityMissing, 0, QStringLiteral("no 12-digit NHS user id"));
        row("revocation required, no CRL", QStringLiteral("alice"),
            Revocation::RequiredWithoutCrl, SmartcardError::RevocationUnknown,
            X509_V_ERR_UNABLE_TO_GET_CRL, QStringLiteral("could not check whether"));
        row("CRL not yet valid at that time", QStringLiteral("dave"), Revocation::Crl,
            SmartcardError::RevocationUnknown, X509_V_ERR_CRL_NOT_YET_VALID,
            QStringLiteral("requires that check"), utc(2024, 6, 1));
        accepted("OCSP good", QStringLiteral("alice"), Revocation::RequiredByOcsp,
                 QStringLiteral("555000000001"));
        row("OCSP revoked", QStringLiteral("erin"), Revocation::RequiredByOcsp,
            SmartcardError::CertificateRevoked, X509_V_ERR_CERT_REVOKED,
            QStringLiteral("has been revoked"));
        row("OCSP answer from after that time", QStringLiteral("dave"), Revocation::RequiredByOcsp,
            SmartcardError::RevocationUnknown, X509_V_ERR_OCSP_VERIFY_FAILED,
            QStringLiteral("could not check whether"), utc(2024, 6, 1));
    }

    void validate()
    {
        QFETCH(QString, card);
        QFETCH(Revocation, revocation);
        QFETCH(QDateTime, now);
        QFETCH(int, error);
        QFETCH(int, nativeCode);
        QFETCH(QString, expected);

        const auto validator = CertificateValidator::create(config(revocation, now));
        QVERIFY2(validator.ok(), failure(validator).constData());
        const QByteArray der = card == u"garbage" ? QByteArray("\x30\x03not a certificate")
                                                  : certificate(card);
        QVERIFY(!der.isEmpty());
        const auto holder = validator->validate(der);
        if (error == 0) {
            QVERIFY2(holder.ok(), failure(holder).constData());
            QCOMPARE(holder->userId, expected);
            QCOMPARE(holder->certificateDer, der);
            QVERIFY(!holder->displayName.isEmpty());
            QCOMPARE(holder->issuer, QStringLiteral("Lanyard Test Issuing CA"));
        } else {
            QVERIFY(!holder.ok());
            QVERIFY2(holder.error().message.contains(expected), qPrintable(holder.error().message));
            QCOMPARE(holder.error().code, error);
            QCOMPARE(holder.error().nativeCode, nativeCode);
        }
    }

    void readsTheNameFromTheCertificate()
    {
        const auto validator = CertificateValidator::create(config(Revocation::Crl));
        QVERIFY(validator.ok());
        const auto alice = validator->validate(certificate(QStringLiteral("alice")));
        QVERIFY(alice.ok());
        QCOMPARE(alice->displayName, QStringLiteral("Alice Carter"));
        QCOMPARE(alice->givenName, QStringLiteral("Alice"));
        QCOMPARE(alice->familyName, QStringLiteral("Carter"));
        QVERIFY(alice->notBefore < QDateTime::currentDateTimeUtc());
        QVERIFY(alice->notAfter > QDateTime::currentDateTimeUtc());
    }

    void usesTheChainReadFromTheCard()
    {
        auto settings = config(Revocation::Crl);
        settings.intermediateFiles.clear();
        const auto validator = CertificateValidator::create(settings);
        QVERIFY(validator.ok());
        const QByteArray alice = certificate(QStringLiteral("alice"));
        QFile issuing(pki(QStringLiteral("issuing-ca.crt")));
        QVERIFY(issuing.open(QIODevice::ReadOnly));
        const QByteArray issuingDer = derFromPem(issuing.readAll());

        const auto alone = validator->validate(alice);
        QVERIFY(!alone.ok());
        QVERIFY(alone.error().is(SmartcardError::IssuerNotTrusted));
        const auto withChain = validator->validate(alice, {QByteArray("junk"), issuingDer});
        QVERIFY2(withChain.ok(), failure(withChain).constData());
        QCOMPARE(withChain->userId, QStringLiteral("555000000001"));
    }

    void asksTheResponderNamedInTheCertificate()
    {
        auto settings = config(Revocation::RequiredByOcsp);
        settings.ocspUrl.clear();
        const auto validator = CertificateValidator::create(settings);
        QVERIFY(validator.ok());
        const auto grace = validator->validate(certificate(QStringLiteral("aia")));
        QVERIFY2(grace.ok(), failure(grace).constData());
        QCOMPARE(grace->userId, QStringLiteral("555000000009"));
        // alice's certificate names no responder: nothing to ask, so revocation stays unknown.
        const auto alice = validator->validate(certificate(QStringLiteral("alice")));
        QVERIFY(!alice.ok());
        QVERIFY(alice.error().is(SmartcardError::RevocationUnknown));
    }

    void unreachableResponder_data()
    {
        QTest::addColumn<bool>("listening"); // accepts connections but never answers
        QTest::newRow("connection refused") << false;
        QTest::newRow("silent responder") << true;
    }

    void unreachableResponder()
    {
        QFETCH(bool, listening);
        QTcpServer silent;
        quint16 port = unusedPort();
        if (listening) {
            QVERIFY(silent.listen(QHostAddress::LocalHost));
            port = silent.serverPort();
        }
        auto settings = config(Revocation::RequiredByOcsp);
        settings.ocspUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
        settings.ocspConnectTimeout = 1s;
        settings.ocspTimeout = 1s;
        const auto validator = CertificateValidator::create(settings);
        QVERIFY(validator.ok());

        QElapsedTimer elapsed;
        elapsed.start();
        const auto alice = validator->validate(certificate(QStringLiteral("alice")));
        QVERIFY2(elapsed.elapsed() < 3000, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY(!alice.ok());
        QVERIFY(alice.error().is(SmartcardError::RevocationUnknown));
        QCOMPARE(alice.error().nativeCode, X509_V_ERR_OCSP_VERIFY_FAILED);
    }

    void configurationErrors_data()
    {
        QTest::addColumn<QStringList>("trust");
        QTest::addColumn<QStringList>("crls");
        QTest::addColumn<QString>("expected");
        const QString missing = m_dir.filePath(QStringLiteral("no-such-nhs-root.pem"));
        const QString notPem = QStringLiteral(__FILE__);
        QTest::newRow("no trust anchors") << QStringList() << QStringList()
                                          << QStringLiteral("trust anchor list is empty");
        QTest::newRow("unreadable trust file")
            << QStringList{missing} << QStringList() << missing + QStringLiteral(" cannot be read");
        QTest::newRow("trust file without certificates")
            << QStringList{notPem} << QStringList()
            << notPem + QStringLiteral(" holds no PEM certificate");
        QTest::newRow("CRL file without CRLs")
            << QStringList() << QStringList{notPem}
            << notPem + QStringLiteral(" holds no PEM certificate revocation list");
    }

    void configurationErrors()
    {
        QFETCH(QStringList, trust);
        QFETCH(QStringList, crls);
        QFETCH(QString, expected);
        auto settings = config(Revocation::Crl);
        if (!trust.isEmpty() || crls.isEmpty())
            settings.trustAnchorFiles = trust;
        if (!crls.isEmpty())
            settings.crlFiles = crls;
        const auto validator = CertificateValidator::create(settings);
        QVERIFY(!validator.ok());
        QVERIFY(validator.error().is(SmartcardError::OperationFailed));
        QVERIFY2(validator.error().message.contains(expected),
                 qPrintable(validator.error().message));
    }
};

QTEST_GUILESS_MAIN(TestCertificateValidator)
#include "tst_certificatevalidator.moc"
