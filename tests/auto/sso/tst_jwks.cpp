// Jwks::parse() on RFC 7517 Appendix A.1's public keys, on keys made by JwtForge, and on key
// sets that must be refused or partly skipped.
#include <lanyard/sso/jwks.h>
#include <lanyard/sso/jws.h>
#include <lanyard/sso/ssoerror.h>

#include <jwtforge.h>

#include <QJsonArray>
#include <QTest>

using namespace Lanyard::Sso;
using Lanyard::Tests::JwtForge;

namespace {

// RFC 7517 Appendix A.1, with the EC key's "use" left to the caller (the RFC says "enc").
QJsonObject rfcEcKey(const QString &use)
{
    return { { QStringLiteral("kty"), QStringLiteral("EC") },
             { QStringLiteral("crv"), QStringLiteral("P-256") },
             { QStringLiteral("x"), QStringLiteral("MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4") },
             { QStringLiteral("y"), QStringLiteral("4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM") },
             { QStringLiteral("use"), use },
             { QStringLiteral("kid"), QStringLiteral("1") } };
}

QJsonObject rfcRsaKey()
{
    return { { QStringLiteral("kty"), QStringLiteral("RSA") },
             { QStringLiteral("n"),
               QStringLiteral(
                   "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPF"
                   "FxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl9"
                   "3lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgd"
                   "AZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRw"
                   "r3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw") },
             { QStringLiteral("e"), QStringLiteral("AQAB") },
             { QStringLiteral("alg"), QStringLiteral("RS256") },
             { QStringLiteral("kid"), QStringLiteral("2011-04-29") } };
}

// The modulus with its lowest bit cleared: no RSA modulus is even.
QString evenModulus(const QJsonObject &key)
{
    const auto options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    QByteArray n
        = QByteArray::fromBase64(key.value(QStringLiteral("n")).toString().toLatin1(), options);
    n.back() = char(n.back() & ~1);
    return QString::fromLatin1(n.toBase64(options));
}

QJsonObject with(QJsonObject key, const QString &name, const QJsonValue &value)
{
    key.insert(name, value);
    return key;
}

} // namespace

class TestJwks : public QObject
{
    Q_OBJECT

private slots:
    void emptySet()
    {
        const Jwks keys;
        QVERIFY(keys.isEmpty());
        QVERIFY(keys.keyIds().isEmpty());
        QVERIFY(!keys.contains(QStringLiteral("1")));
        QVERIFY(!keys.contains(QString()));
    }

    void rfcExampleKeys()
    {
        const auto keys
            = Jwks::parse(JwtForge::jwks({ rfcEcKey(QStringLiteral("sig")), rfcRsaKey() }));
        QVERIFY2(keys.ok(), keys.ok() ? "" : qPrintable(keys.error().message));
        QVERIFY(!keys->isEmpty());
        QCOMPARE(keys->keyIds(),
                 (QStringList { QStringLiteral("1"), QStringLiteral("2011-04-29") }));
        QVERIFY(keys->contains(QStringLiteral("2011-04-29")));
        QVERIFY(!keys->contains(QStringLiteral("2011-04-30")));
    }

    void forgedKeys()
    {
        const auto rsa = JwtForge::Key::rsa();
        const auto ec = JwtForge::Key::ecP256();
        QVERIFY(!rsa.isNull() && !ec.isNull());
        const auto keys = Jwks::parse(
            JwtForge::jwks({ rsa.publicJwk(QStringLiteral("r"), QStringLiteral("RS256")),
                             ec.publicJwk(QStringLiteral("e")) }));
        QVERIFY2(keys.ok(), keys.ok() ? "" : qPrintable(keys.error().message));
        QCOMPARE(keys->keyIds(), (QStringList { QStringLiteral("r"), QStringLiteral("e") }));
        // Copies share the keys and stay usable after the original goes.
        Jwks copy;
        {
            const Jwks original = *keys;
            copy = original;
        }
        QVERIFY(copy.contains(QStringLiteral("e")));
    }

    // Keys that are not for verifying signatures, or of types Lanyard does not verify with, are
    // left out without failing the set.
    void skippedKeys_data()
    {
        QTest::addColumn<QJsonObject>("key");
        QTest::newRow("use enc (RFC 7517 A.1 as published)") << rfcEcKey(QStringLiteral("enc"));
        QTest::newRow("key_ops without verify") << with(rfcRsaKey(), QStringLiteral("key_ops"),
                                                        QJsonArray { QStringLiteral("encrypt") });
        QTest::newRow("kty oct") << QJsonObject {
            { QStringLiteral("kty"), QStringLiteral("oct") },
            { QStringLiteral("k"),
              QStringLiteral("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-"
                             "1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow") },
            { QStringLiteral("kid"), QStringLiteral("hmac") }
        };
        QTest::newRow("kty OKP") << QJsonObject {
            { QStringLiteral("kty"), QStringLiteral("OKP") },
            { QStringLiteral("crv"), QStringLiteral("Ed25519") },
            { QStringLiteral("x"), QStringLiteral("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo") },
            { QStringLiteral("kid"), QStringLiteral("ed") }
        };
        QTest::newRow("EC P-384") << with(rfcEcKey(QStringLiteral("sig")), QStringLiteral("crv"),
                                          QStringLiteral("P-384"));
        QTest::newRow("no kty") << QJsonObject { { QStringLiteral("kid"), QStringLiteral("x") } };
    }

    void skippedKeys()
    {
        QFETCH(QJsonObject, key);
        const auto keys = Jwks::parse(JwtForge::jwks({ key, rfcRsaKey() }));
        QVERIFY2(keys.ok(), keys.ok() ? "" : qPrintable(keys.error().message));
        QCOMPARE(keys->keyIds(), QStringList { QStringLiteral("2011-04-29") });
    }

    void skippedOnly()
    {
        const auto keys = Jwks::parse(JwtForge::jwks({ rfcEcKey(QStringLiteral("enc")) }));
        QVERIFY(keys.ok());
        QVERIFY(keys->isEmpty());
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("json");
        const auto set = [](const QJsonObject &key) { return JwtForge::jwks({ key }); };
        const QJsonObject rsa = rfcRsaKey();
        const QJsonObject ec = rfcEcKey(QStringLiteral("sig"));
        QTest::newRow("not JSON") << QByteArray("<html>Service unavailable</html>");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("JSON array") << QByteArray("[]");
        QTest::newRow("no keys") << QByteArray(R"({"jwks":[]})");
        QTest::newRow("keys not an array") << QByteArray(R"({"keys":{}})");
        QTest::newRow("key not an object") << QByteArray(R"({"keys":["AQAB"]})");
        QTest::newRow("n not base64url")
            << set(with(rsa, QStringLiteral("n"),
                        rsa.value(QStringLiteral("n")).toString().replace(u'_', u'/')));
        QTest::newRow("n padded") << set(
            with(rsa, QStringLiteral("n"), rsa.value(QStringLiteral("n")).toString() + u'='));
        QTest::newRow("n missing") << set(with(rsa, QStringLiteral("n"), QJsonValue()));
        QTest::newRow("e a number") << set(with(rsa, QStringLiteral("e"), 65537));
        QTest::newRow("RSA 1024") << set(
            JwtForge::Key::rsa(1024).publicJwk(QStringLiteral("weak")));
        QTest::newRow("RSA even modulus") << set(with(rsa, QStringLiteral("n"), evenModulus(rsa)));
        QTest::newRow("RSA exponent 1")
            << set(with(rsa, QStringLiteral("e"), QStringLiteral("AQ")));
        QTest::newRow("kid a number") << set(with(rsa, QStringLiteral("kid"), 7));
        QTest::newRow("EC x short") << set(with(
            ec, QStringLiteral("x"), QStringLiteral("MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7A")));
        // A point off the curve: the invalid-curve attack's way in.
        QTest::newRow("EC point off the curve")
            << set(with(ec, QStringLiteral("y"),
                        QStringLiteral("4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyQ")));
    }

    void refused()
    {
        QFETCH(QByteArray, json);
        const auto keys = Jwks::parse(json);
        QVERIFY(!keys.ok());
        QVERIFY(keys.error().is(SsoError::InvalidToken));
        QCOMPARE(keys.error().nativeCode, int(TokenProblem::Malformed));
        QVERIFY2(keys.error().message.contains(QStringLiteral("key set")),
                 qPrintable(keys.error().message));
        QVERIFY2(keys.error().message.contains(QStringLiteral("IT service desk")),
                 qPrintable(keys.error().message));
    }
};

QTEST_GUILESS_MAIN(TestJwks)
#include "tst_jwks.moc"
