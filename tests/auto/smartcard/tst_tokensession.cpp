// TokenSession against the bed: the clinician's key in SoftHSM2, presented through the bed's
// PKCS#11 card module as OpenSC presents an NHS card (slot per reader, lock after 3 tries).
#include "bedcontrol.h"

#include <lanyard/smartcard/tokensession.h>

#include <QFile>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

using namespace Lanyard::Smartcard;
using Lanyard::Tests::BedControl;

namespace {

const QString kReader0 = QStringLiteral("Virtual PCD 00 00");

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

X509Ptr certificateFile(const QString &clinician)
{
    QFile file(BedControl::value("BED_PKI") + QStringLiteral("/users/%1.crt").arg(clinician));
    if (!file.open(QIODevice::ReadOnly))
        return {nullptr, &X509_free};
    const QByteArray pem = file.readAll();
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())),
                                                  &BIO_free);
    return {PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free};
}

QByteArray der(X509 *x509)
{
    unsigned char *buffer = nullptr;
    const int length = i2d_X509(x509, &buffer);
    QByteArray result(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return result;
}

bool verifies(X509 *cert, const QByteArray &data, const QByteArray &signature, bool pss)
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EVP_PKEY_CTX *pctx = nullptr;
    if (EVP_DigestVerifyInit(md.get(), &pctx, EVP_sha256(), nullptr, X509_get0_pubkey(cert)) != 1)
        return false;
    if (pss) {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(data.data()),
                            size_t(data.size()))
           == 1;
}

QByteArray encryptTo(X509 *cert, const QByteArray &plain)
{
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new(X509_get0_pubkey(cert), nullptr), &EVP_PKEY_CTX_free);
    EVP_PKEY_encrypt_init(ctx.get());
    EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING);
    size_t length = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(plain.data());
    EVP_PKEY_encrypt(ctx.get(), nullptr, &length, in, size_t(plain.size()));
    QByteArray out(qsizetype(length), Qt::Uninitialized);
    EVP_PKEY_encrypt(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &length, in,
                     size_t(plain.size()));
    out.resize(qsizetype(length));
    return out;
}

Passcode passcode(const char *digits)
{
    return std::move(Passcode::fromTyped(QString::fromLatin1(digits)).value());
}

} // namespace

class TestTokenSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TokenSession> openCard(const QString &clinician)
    {
        if (!BedControl::insertCard(clinician, 0))
            return {};
        auto session = TokenSession::open(m_module, kReader0);
        if (!session) {
            qWarning() << session.error().message;
            return {};
        }
        return std::move(session.value());
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(BedControl::isUp(), "run through ctest: this test needs the bed");
        m_module = BedControl::value("BED_CARD_MODULE");
        QVERIFY(QFile::exists(m_module));
    }

    void cleanup()
    {
        BedControl::removeCard(0);
        QVERIFY(BedControl::unlockToken(QStringLiteral("alice")));
    }

    void findsTheAuthenticationCertificate()
    {
        auto session = openCard(QStringLiteral("alice"));
        QVERIFY(session);
        const auto cert = session->authenticationCertificate();
        QVERIFY2(cert.ok(), qPrintable(cert.ok() ? QString() : cert.error().message));
        QCOMPARE(cert->der, der(certificateFile(QStringLiteral("alice")).get()));
        const auto state = session->state();
        QVERIFY(state.ok());
        QCOMPARE(state->label, QStringLiteral("alice"));
        QVERIFY(!state->countLow && !state->locked);
    }

    void signsAndVerifies_data()
    {
        QTest::addColumn<QString>("clinician");
        QTest::addColumn<QString>("digits");
        QTest::addColumn<SignatureScheme>("scheme");
        QTest::newRow("RSA PKCS#1 v1.5") << QStringLiteral("alice") << QStringLiteral("123456")
                                         << SignatureScheme::RsaPkcs1Sha256;
        QTest::newRow("RSA-PSS") << QStringLiteral("alice") << QStringLiteral("123456")
                                 << SignatureScheme::RsaPssSha256;
        QTest::newRow("ECDSA") << QStringLiteral("frank") << QStringLiteral("975310")
                               << SignatureScheme::EcdsaSha256;
    }

    void signsAndVerifies()
    {
        QFETCH(QString, clinician);
        QFETCH(QString, digits);
        QFETCH(SignatureScheme, scheme);
        auto session = openCard(clinician);
        QVERIFY(session);
        QVERIFY(session->login(std::move(Passcode::fromTyped(digits).value())).ok());
        const QByteArray challenge = QByteArrayLiteral("lanyard challenge ") + digits.toLatin1();
        const auto signature = session->sign(challenge, scheme);
        QVERIFY2(signature.ok(), qPrintable(signature.ok() ? QString() : signature.error().message));
        const auto cert = certificateFile(clinician);
        QVERIFY(verifies(cert.get(), challenge, *signature,
                         scheme == SignatureScheme::RsaPssSha256));
        QVERIFY(!verifies(cert.get(), challenge + '!', *signature,
                          scheme == SignatureScheme::RsaPssSha256));
    }

    void decryptsWhatWasEncryptedToTheCard()
    {
        auto session = openCard(QStringLiteral("alice"));
        QVERIFY(session);
        QVERIFY(session->login(passcode("123456")).ok());
        const QByteArray dataKey = QByteArray(32, '\x5a');
        const auto plain = session->decrypt(encryptTo(certificateFile(QStringLiteral("alice")).get(),
                                                      dataKey));
        QVERIFY2(plain.ok(), qPrintable(plain.ok() ? QString() : plain.error().message));
        QCOMPARE(*plain, dataKey);
    }

    void wrongPasscodesCountDownThenLock()
    {
        auto session = openCard(QStringLiteral("alice"));
        QVERIFY(session);

        auto first = session->login(passcode("000000"));
        QVERIFY(first.error().is(SmartcardError::PasscodeIncorrect));
        QVERIFY(first.error().message.contains(QLatin1String("three wrong passcodes")));
        QVERIFY(session->state()->countLow);

        auto second = session->login(passcode("000000"));
        QVERIFY(second.error().is(SmartcardError::PasscodeIncorrect));
        QVERIFY2(second.error().message.contains(QLatin1String("1 try left")),
                 qPrintable(second.error().message));
        QVERIFY(session->state()->finalTry);

        auto third = session->login(passcode("000000"));
        QVERIFY(third.error().is(SmartcardError::CardLocked));
        QVERIFY(third.error().message.contains(QLatin1String("Registration Authority")));

        // Locked means locked: the right passcode no longer opens it.
        QVERIFY(session->login(passcode("123456")).error().is(SmartcardError::CardLocked));
        QVERIFY(session->state()->locked);
    }

    void goodPasscodeResetsTheCount()
    {
        auto session = openCard(QStringLiteral("alice"));
        QVERIFY(session);
        QVERIFY(!session->login(passcode("000000")).ok());
        QVERIFY(session->login(passcode("123456")).ok());
        session->logout();
        QVERIFY(!session->state()->countLow);
    }

    void malformedPasscodeNeverReachesTheCard()
    {
        auto session = openCard(QStringLiteral("alice"));
        QVERIFY(session);
        for (const char *typed : {"12345", "123456789", "12a456", ""})
            QVERIFY(!Passcode::fromTyped(QString::fromLatin1(typed)).ok());
        // Had any reached the card, its counter would show it.
        QVERIFY(!session->state()->countLow);
    }

    void cardPulledMidSessionIsReported()
    {
        auto session = openCard(QStringLiteral("alice"));
        QVERIFY(session);
        QVERIFY(session->login(passcode("123456")).ok());
        QVERIFY(BedControl::removeCard(0));
        const auto signature = session->sign("after removal", SignatureScheme::RsaPkcs1Sha256);
        QVERIFY(!signature.ok());
        QVERIFY2(signature.error().is(SmartcardError::CardRemoved),
                 qPrintable(signature.error().message));
    }

    void noCardInTheReader()
    {
        const auto session = TokenSession::open(m_module, kReader0);
        QVERIFY(!session.ok());
        QVERIFY(session.error().is(SmartcardError::TokenNotFound));
        QVERIFY(session.error().message.contains(kReader0));
    }

    void moduleMissing()
    {
        const auto session = TokenSession::open(QStringLiteral("/nonexistent/opensc-pkcs11.so"),
                                                kReader0);
        QVERIFY(!session.ok());
        QVERIFY(session.error().is(SmartcardError::ModuleMissing));
        QVERIFY(session.error().message.contains(QLatin1String("/nonexistent/opensc-pkcs11.so")));
    }

private:
    QString m_module;
};

QTEST_GUILESS_MAIN(TestTokenSession)
#include "tst_tokensession.moc"
