// verifyJws() with keys made by JwtForge: the three accepted algorithms, and every way a token
// must be refused, among them the "none" and HMAC key-confusion attacks (RFC 8725 §2.1, §3.1).
#include <lanyard/sso/jws.h>
#include <lanyard/sso/ssoerror.h>

#include <jwtforge.h>

#include <QJsonArray>
#include <QTest>

using namespace Lanyard::Sso;
using Lanyard::Tests::JwtForge;

Q_DECLARE_METATYPE(TokenProblem)

namespace {

const QStringList allAlgorithms { QStringLiteral("RS256"), QStringLiteral("PS256"),
                                  QStringLiteral("ES256") };

QJsonObject header(const QString &alg, const QString &kid)
{
    QJsonObject header { { QStringLiteral("alg"), alg },
                         { QStringLiteral("typ"), QStringLiteral("JWT") } };
    if (!kid.isEmpty())
        header.insert(QStringLiteral("kid"), kid);
    return header;
}

QByteArray part(const QByteArray &compact, int index)
{
    return compact.split('.').value(index);
}

// The same bytes spelt with a non-zero unused bit in the last character (RFC 4648 §3.5).
QByteArray nonCanonical(const QByteArray &encoded)
{
    static const QByteArray alphabet(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    QByteArray changed = encoded;
    changed.back() = alphabet.at(alphabet.indexOf(changed.back()) | 1);
    return changed;
}

} // namespace

class TestJws : public QObject
{
    Q_OBJECT

    JwtForge::Key m_rsa;
    JwtForge::Key m_ec;
    JwtForge::Key m_otherRsa;
    QByteArray m_jwks;
    const QJsonObject m_payload { { QStringLiteral("iss"), QStringLiteral("https://idp.test") },
                                  { QStringLiteral("sub"), QStringLiteral("555042709107") } };

    QByteArray token(const QString &alg, const QString &kid, const JwtForge::Key &key) const
    {
        return JwtForge::sign(header(alg, kid), m_payload, key);
    }

private slots:
    void initTestCase()
    {
        m_rsa = JwtForge::Key::rsa();
        m_ec = JwtForge::Key::ecP256();
        m_otherRsa = JwtForge::Key::rsa();
        QVERIFY(!m_rsa.isNull() && !m_ec.isNull() && !m_otherRsa.isNull());
        // Two RSA entries (one restricted to PS256) and one EC key.
        m_jwks
            = JwtForge::jwks({ m_rsa.publicJwk(QStringLiteral("rsa")),
                               m_rsa.publicJwk(QStringLiteral("rsa-ps"), QStringLiteral("PS256")),
                               m_ec.publicJwk(QStringLiteral("ec"), QStringLiteral("ES256")) });
    }

    void verifies_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("RS256") << token(QStringLiteral("RS256"), QStringLiteral("rsa"), m_rsa);
        QTest::newRow("PS256") << token(QStringLiteral("PS256"), QStringLiteral("rsa"), m_rsa);
        QTest::newRow("PS256, key restricted to it")
            << token(QStringLiteral("PS256"), QStringLiteral("rsa-ps"), m_rsa);
        QTest::newRow("ES256") << token(QStringLiteral("ES256"), QStringLiteral("ec"), m_ec);
        QTest::newRow("ES256 without kid, one EC key")
            << token(QStringLiteral("ES256"), QString(), m_ec);
    }

    void verifies()
    {
        QFETCH(QByteArray, token);
        QVERIFY(!token.isEmpty());
        const auto keys = Jwks::parse(m_jwks);
        QVERIFY(keys.ok());
        const auto verified = verifyJws(token, *keys);
        QVERIFY2(verified.ok(), verified.ok() ? "" : qPrintable(verified.error().message));
        QCOMPARE(verified->payload, m_payload);
        QCOMPARE(verified->header, JwtForge::part(token, 0));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QStringList>("allowed");
        QTest::addColumn<int>("code");
        QTest::addColumn<TokenProblem>("problem");

        const int invalid = int(SsoError::InvalidToken);
        const QByteArray rs256 = token(QStringLiteral("RS256"), QStringLiteral("rsa"), m_rsa);
        const QByteArray es256 = token(QStringLiteral("ES256"), QStringLiteral("ec"), m_ec);
        const auto row = [&](const char *name, const QByteArray &token, int code,
                             TokenProblem problem, const QStringList &allowed = allAlgorithms) {
            QTest::newRow(name) << token << allowed << code << problem;
        };
        const auto signedPayload = [this](const QByteArray &payload) {
            return JwtForge::sign(header(QStringLiteral("RS256"), QStringLiteral("rsa")), payload,
                                  m_rsa);
        };
        QJsonObject critical = header(QStringLiteral("RS256"), QStringLiteral("rsa"));
        critical.insert(QStringLiteral("crit"), QJsonArray { QStringLiteral("exp") });
        critical.insert(QStringLiteral("exp"), 1);
        QJsonObject changed = m_payload;
        changed.insert(QStringLiteral("sub"), QStringLiteral("555042709108"));
        QJsonObject noAlg = header(QStringLiteral("RS256"), QStringLiteral("rsa"));
        noAlg.remove(QStringLiteral("alg"));
        QJsonObject numericKid = header(QStringLiteral("RS256"), QString());
        numericKid.insert(QStringLiteral("kid"), 1);
        const QByteArray none = token(QStringLiteral("none"), QStringLiteral("rsa"), {});

        // The algorithm: "none" and HMAC are never accepted (RFC 8725 §3.1), even when allowed.
        row("alg none, empty signature", none, invalid, TokenProblem::Algorithm);
        row("alg none, with a signature", JwtForge::withPart(none, 2, part(rs256, 2)), invalid,
            TokenProblem::Algorithm);
        row("alg none, allowed by the caller", none, invalid, TokenProblem::Algorithm,
            { QStringLiteral("none") });
        row("HS256 keyed with the RSA public key's PEM",
            JwtForge::signHs256(header(QStringLiteral("HS256"), QStringLiteral("rsa")), m_payload,
                                m_rsa.publicKeyPem()),
            invalid, TokenProblem::Algorithm);
        row("HS256 keyed with the RSA public key's DER",
            JwtForge::signHs256(header(QStringLiteral("HS256"), QStringLiteral("rsa")), m_payload,
                                m_rsa.publicKeyDer()),
            invalid, TokenProblem::Algorithm);
        row("HS256 keyed with the PEM, allowed by the caller",
            JwtForge::signHs256(header(QStringLiteral("HS256"), QStringLiteral("rsa")), m_payload,
                                m_rsa.publicKeyPem()),
            invalid, TokenProblem::Algorithm, { QStringLiteral("HS256"), QStringLiteral("RS256") });
        row("RS384",
            JwtForge::withPart(rs256, 0,
                               JwtForge::base64url(JwtForge::json(
                                   header(QStringLiteral("RS384"), QStringLiteral("rsa"))))),
            invalid, TokenProblem::Algorithm);
        row("alg missing", JwtForge::withPart(rs256, 0, JwtForge::base64url(JwtForge::json(noAlg))),
            invalid, TokenProblem::Algorithm);
        // RFC 7515 §5.2 allows the lexically last duplicate: here "none".
        row("alg duplicated, last none",
            JwtForge::withPart(rs256, 0,
                               JwtForge::base64url(R"({"alg":"RS256","kid":"rsa","alg":"none"})")),
            invalid, TokenProblem::Algorithm);
        row("RS256 outside the caller's list", rs256, invalid, TokenProblem::Algorithm,
            { QStringLiteral("ES256") });
        row("key restricted to another alg",
            token(QStringLiteral("RS256"), QStringLiteral("rsa-ps"), m_rsa), invalid,
            TokenProblem::Algorithm);
        row("RSA alg naming an EC key", token(QStringLiteral("RS256"), QStringLiteral("ec"), m_rsa),
            invalid, TokenProblem::Algorithm);
        row("EC alg naming an RSA key", token(QStringLiteral("ES256"), QStringLiteral("rsa"), m_ec),
            invalid, TokenProblem::Algorithm);

        // The key and the signature.
        row("unknown kid", token(QStringLiteral("RS256"), QStringLiteral("gone"), m_rsa),
            int(SsoError::UnknownSigningKey), TokenProblem::UnknownKey);
        row("no kid, two RSA keys", token(QStringLiteral("RS256"), QString(), m_rsa), invalid,
            TokenProblem::Malformed);
        row("kid not a string", JwtForge::sign(numericKid, m_payload, m_rsa), invalid,
            TokenProblem::Malformed);
        row("signed by another key",
            token(QStringLiteral("RS256"), QStringLiteral("rsa"), m_otherRsa), invalid,
            TokenProblem::Signature);
        QJsonObject embedded = header(QStringLiteral("RS256"), QStringLiteral("rsa"));
        embedded.insert(QStringLiteral("jwk"), m_otherRsa.publicJwk(QStringLiteral("rsa")));
        row("key embedded in the header (jwk) ignored",
            JwtForge::sign(embedded, m_payload, m_otherRsa), invalid, TokenProblem::Signature);
        row("PS256 signature labelled RS256",
            JwtForge::withPart(
                rs256, 2, part(token(QStringLiteral("PS256"), QStringLiteral("rsa"), m_rsa), 2)),
            invalid, TokenProblem::Signature);
        row("payload changed, signature kept", JwtForge::withPayload(rs256, changed), invalid,
            TokenProblem::Signature);
        row("RS256 empty signature", JwtForge::withPart(rs256, 2, {}), invalid,
            TokenProblem::Signature);
        row("ES256 signature of 63 bytes",
            JwtForge::withPart(
                es256, 2,
                JwtForge::base64url(
                    QByteArray::fromBase64(part(es256, 2), QByteArray::Base64UrlEncoding)
                        .left(63))),
            invalid, TokenProblem::Signature);
        row("ES256 signature of 65 bytes",
            JwtForge::withPart(
                es256, 2,
                JwtForge::base64url(
                    QByteArray::fromBase64(part(es256, 2), QByteArray::Base64UrlEncoding) + '\0')),
            invalid, TokenProblem::Signature);
        row("ES256 signature all zero",
            JwtForge::withPart(es256, 2, JwtForge::base64url(QByteArray(64, '\0'))), invalid,
            TokenProblem::Signature);

        // The compact form (RFC 7515 §7.1).
        row("two parts", part(none, 0) + '.' + part(none, 1), invalid, TokenProblem::Malformed);
        row("two parts, RS256", part(rs256, 0) + '.' + part(rs256, 1), invalid,
            TokenProblem::Malformed);
        row("four parts", rs256 + ".e30", invalid, TokenProblem::Malformed);
        row("empty", QByteArray(), invalid, TokenProblem::Malformed);
        row("header padded with =", JwtForge::withPart(rs256, 0, part(rs256, 0) + "=="), invalid,
            TokenProblem::Malformed);
        row("signature padded with =", JwtForge::withPart(rs256, 2, part(rs256, 2) + "=="), invalid,
            TokenProblem::Malformed);
        row("standard base64 in the payload",
            JwtForge::withPart(rs256, 1, part(rs256, 1).replace('-', '+').replace('_', '/') + "+/"),
            invalid, TokenProblem::Malformed);
        row("space in the payload", JwtForge::withPart(rs256, 1, part(rs256, 1).insert(8, ' ')),
            invalid, TokenProblem::Malformed);
        row("signature not canonical base64url",
            JwtForge::withPart(rs256, 2, nonCanonical(part(rs256, 2))), invalid,
            TokenProblem::Malformed);
        row("header not JSON", JwtForge::withPart(rs256, 0, JwtForge::base64url("RS256")), invalid,
            TokenProblem::Malformed);
        row("header a JSON array", JwtForge::withPart(rs256, 0, JwtForge::base64url("[]")), invalid,
            TokenProblem::Malformed);
        row("payload an array, signed", signedPayload("[\"555042709107\"]"), invalid,
            TokenProblem::Malformed);
        row("payload not JSON, signed", signedPayload("555042709107"), invalid,
            TokenProblem::Malformed);
        row("crit", JwtForge::sign(critical, m_payload, m_rsa), invalid, TokenProblem::Malformed);
        QJsonObject large = m_payload;
        large.insert(QStringLiteral("padding"), QString(16 * 1024, u'x'));
        row("over 16 KiB",
            JwtForge::sign(header(QStringLiteral("RS256"), QStringLiteral("rsa")), large, m_rsa),
            invalid, TokenProblem::Malformed);
    }

    void refused()
    {
        QFETCH(QByteArray, token);
        QFETCH(QStringList, allowed);
        QFETCH(int, code);
        QFETCH(TokenProblem, problem);
        const auto keys = Jwks::parse(m_jwks);
        QVERIFY(keys.ok());
        QVERIFY(!token.isEmpty() || QTest::currentDataTag() == QByteArrayView("empty"));
        const auto verified = verifyJws(token, *keys, allowed);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().code, code);
        QCOMPARE(TokenProblem(verified.error().nativeCode), problem);
        const QString message = verified.error().message;
        QVERIFY2(message.contains(QStringLiteral("IT service desk")), qPrintable(message));
        // The token itself never reaches a message.
        for (const QByteArray &piece : token.split('.')) {
            if (piece.size() >= 8)
                QVERIFY2(!message.contains(QString::fromLatin1(piece)), qPrintable(message));
        }
    }

    void largestTokenAccepted()
    {
        const auto keys = Jwks::parse(m_jwks);
        QVERIFY(keys.ok());
        // base64url makes 3 payload bytes 4 characters: start a little under 16 KiB of token.
        QByteArray largest;
        for (qsizetype padding = 12000;; ++padding) {
            QJsonObject payload = m_payload;
            payload.insert(QStringLiteral("padding"), QString(padding, u'x'));
            const QByteArray token = JwtForge::sign(
                header(QStringLiteral("ES256"), QStringLiteral("ec")), payload, m_ec);
            if (token.size() > maximumJwsSize)
                break;
            largest = token;
        }
        QVERIFY(largest.size() >= maximumJwsSize - 2);
        const auto verified = verifyJws(largest, *keys);
        QVERIFY2(verified.ok(), verified.ok() ? "" : qPrintable(verified.error().message));
    }

    void emptyKeySet()
    {
        const auto verified
            = verifyJws(token(QStringLiteral("RS256"), QStringLiteral("rsa"), m_rsa), Jwks());
        QVERIFY(!verified.ok());
        QVERIFY(verified.error().is(SsoError::UnknownSigningKey));
    }
};

QTEST_GUILESS_MAIN(TestJws)
#include "tst_jws.moc"
