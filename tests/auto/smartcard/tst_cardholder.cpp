#include <lanyard/smartcard/cardholder.h>

#include <QFile>
#include <QTest>

using namespace Lanyard::Smartcard;

namespace {

QByteArray fixture(const QString &name)
{
    const QString path = QStringLiteral("../../data/certificates/cardholder-%1.pem").arg(name);
    QFile file(QFINDTESTDATA(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray pem = file.readAll();
    const QByteArray begin("-----BEGIN CERTIFICATE-----");
    const qsizetype start = pem.indexOf(begin) + begin.size();
    return QByteArray::fromBase64(pem.mid(start, pem.indexOf("-----END") - start));
}

} // namespace

Q_DECLARE_METATYPE(SmartcardError)

class TestCardHolder : public QObject
{
    Q_OBJECT

private slots:
    void readsIdentity_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("userId");
        QTest::addColumn<QString>("displayName");
        QTest::addColumn<QString>("givenName");
        QTest::addColumn<QString>("familyName");
        QTest::newRow("UTF-8 name")
            << QStringLiteral("utf8-name") << QStringLiteral("555000000042")
            << QStringLiteral("Siân O'Brien-Ní Mhaoil") << QStringLiteral("Siân")
            << QStringLiteral("O'Brien-Ní Mhaoil");
        QTest::newRow("no common name: given and family name")
            << QStringLiteral("no-common-name") << QStringLiteral("555000000043")
            << QStringLiteral("Priya Shah") << QStringLiteral("Priya") << QStringLiteral("Shah");
    }
    void readsIdentity()
    {
        QFETCH(QString, certificate);
        QFETCH(QString, userId);
        QFETCH(QString, displayName);
        QFETCH(QString, givenName);
        QFETCH(QString, familyName);
        const QByteArray der = fixture(certificate);
        QVERIFY(!der.isEmpty());
        const auto holder = CardHolder::fromCertificate(der);
        QVERIFY2(holder.ok(), qPrintable(holder.ok() ? QString() : holder.error().message));
        QCOMPARE(holder->userId, userId);
        QCOMPARE(holder->displayName, displayName);
        QCOMPARE(holder->givenName, givenName);
        QCOMPARE(holder->familyName, familyName);
        QCOMPARE(holder->issuer, QStringLiteral("Lanyard Fixture CA"));
        QCOMPARE(holder->certificateDer, der);
        QCOMPARE(holder->notBefore, QDateTime(QDate(2025, 3, 3), QTime(9, 0), Qt::UTC));
        QCOMPARE(holder->notAfter, QDateTime(QDate(2030, 3, 3), QTime(23, 59, 59), Qt::UTC));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("der");
        QTest::addColumn<SmartcardError>("error");
        const QByteArray valid = fixture(QStringLiteral("utf8-name"));
        QTest::newRow("11-digit user id")
            << fixture(QStringLiteral("short-user-id")) << SmartcardError::IdentityMissing;
        QTest::newRow("letter in user id")
            << fixture(QStringLiteral("letters-in-user-id")) << SmartcardError::IdentityMissing;
        QTest::newRow("no user id")
            << fixture(QStringLiteral("no-user-id")) << SmartcardError::IdentityMissing;
        QTest::newRow("empty") << QByteArray() << SmartcardError::CertificateMalformed;
        QTest::newRow("truncated") << valid.left(valid.size() - 1)
                                   << SmartcardError::CertificateMalformed;
        QTest::newRow("trailing bytes") << valid + '\0' << SmartcardError::CertificateMalformed;
        QTest::newRow("PEM instead of DER")
            << QByteArray("-----BEGIN CERTIFICATE-----") << SmartcardError::CertificateMalformed;
    }
    void rejects()
    {
        QFETCH(QByteArray, der);
        QFETCH(SmartcardError, error);
        const auto holder = CardHolder::fromCertificate(der);
        QVERIFY(!holder.ok());
        QCOMPARE(SmartcardError(holder.error().code), error);
        QVERIFY(holder.error().message.contains(u"Registration Authority"));
    }
};

QTEST_GUILESS_MAIN(TestCardHolder)
#include "tst_cardholder.moc"
