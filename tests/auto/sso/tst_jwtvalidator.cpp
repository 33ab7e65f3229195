// validateJwt() and validateIdToken(): one row per reason a token is refused (RFC 7519 §4.1,
// OpenID Connect Core 1.0 §3.1.3.7), with the edges of each time window, and acrLevel().
#include <lanyard/sso/jwtvalidator.h>
#include <lanyard/sso/ssoerror.h>

#include <jwtforge.h>

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Lanyard::Sso;
using namespace std::chrono_literals;
using Lanyard::Tests::JwtForge;

Q_DECLARE_METATYPE(TokenProblem)
Q_DECLARE_METATYPE(IdTokenRules)

namespace {

const QString issuer = QStringLiteral("https://idp.test/realms/nhs");
const QString clientId = QStringLiteral("lanyard-workstation");
const QString nonce = QStringLiteral("n-0S6_WzA2Mj");
const QDateTime now(QDate(2025, 3, 1), QTime(10, 0), Qt::UTC);
const qint64 nowSeconds = now.toSecsSinceEpoch();

QJsonObject goodClaims()
{
    return { { QStringLiteral("iss"), issuer },
             { QStringLiteral("aud"), clientId },
             { QStringLiteral("sub"), QStringLiteral("555042709107") },
             { QStringLiteral("iat"), nowSeconds - 5 },
             { QStringLiteral("exp"), nowSeconds + 300 },
             { QStringLiteral("auth_time"), nowSeconds - 10 },
             { QStringLiteral("nonce"), nonce },
             { QStringLiteral("acr"), QStringLiteral("AAL3_ANY") },
             { QStringLiteral("amr"), QJsonArray { QStringLiteral("SC") } },
             { QStringLiteral("sid"), QStringLiteral("a1b2c3") },
             { QStringLiteral("uid"), QStringLiteral("910000000001") },
             { QStringLiteral("selected_roleid"), QStringLiteral("555021935107") },
             { QStringLiteral("name"), QStringLiteral("Dr Ada Example") },
             { QStringLiteral("given_name"), QStringLiteral("Ada") },
             { QStringLiteral("family_name"), QStringLiteral("Example") } };
}

QJsonObject with(const QString &name, const QJsonValue &value, QJsonObject claims = goodClaims())
{
    if (value.isUndefined())
        claims.remove(name);
    else
        claims.insert(name, value);
    return claims;
}

QJsonObject without(const QString &name)
{
    return with(name, QJsonValue(QJsonValue::Undefined));
}

IdTokenRules rules(const QString &expectedNonce = nonce,
                   const QString &minimumAcr = QStringLiteral("AAL3_ANY"))
{
    IdTokenRules rules;
    rules.issuer = issuer;
    rules.audience = clientId;
    rules.now = now;
    rules.leeway = 60s;
    rules.maxAge = 600s;
    rules.nonce = expectedNonce;
    rules.minimumAcr = minimumAcr;
    return rules;
}

} // namespace

class TestJwtValidator : public QObject
{
    Q_OBJECT

    JwtForge::Key m_key;
    Jwks m_keys;

    QByteArray token(const QJsonObject &claims) const
    {
        const QJsonObject header { { QStringLiteral("alg"), QStringLiteral("ES256") },
                                   { QStringLiteral("kid"), QStringLiteral("idp-1") } };
        return JwtForge::sign(header, claims, m_key);
    }

private slots:
    void initTestCase()
    {
        m_key = JwtForge::Key::ecP256();
        QVERIFY(!m_key.isNull());
        const auto keys = Jwks::parse(JwtForge::jwks({ m_key.publicJwk(QStringLiteral("idp-1")) }));
        QVERIFY(keys.ok());
        m_keys = *keys;
    }

    void idToken_data()
    {
        QTest::addColumn<QJsonObject>("claims");
        QTest::addColumn<QString>("expectedNonce");
        QTest::addColumn<QString>("minimumAcr");
        QTest::addColumn<TokenProblem>("problem"); // None: accepted

        const QString aal3 = QStringLiteral("AAL3_ANY");
        const auto row = [&](const char *name, const QJsonObject &claims, TokenProblem problem,
                             const QString &expectedNonce = nonce,
                             const QString &minimumAcr = QStringLiteral("AAL3_ANY")) {
            QTest::newRow(name) << claims << expectedNonce << minimumAcr << problem;
        };
        const QJsonArray twoAudiences { clientId, QStringLiteral("fhir-gateway") };

        row("valid", goodClaims(), TokenProblem::None);
        row("valid, only the required claims",
            QJsonObject { { QStringLiteral("iss"), issuer },
                          { QStringLiteral("aud"), clientId },
                          { QStringLiteral("sub"), QStringLiteral("555042709107") },
                          { QStringLiteral("iat"), nowSeconds },
                          { QStringLiteral("exp"), nowSeconds + 60 } },
            TokenProblem::None, QString(), QString());
        row("valid, dates as doubles",
            with(QStringLiteral("iat"), double(nowSeconds) - 0.5,
                 with(QStringLiteral("exp"), double(nowSeconds) + 299.75)),
            TokenProblem::None);

        row("iss another service",
            with(QStringLiteral("iss"), QStringLiteral("https://evil.test/realms/nhs")),
            TokenProblem::Issuer);
        row("iss with a trailing slash", with(QStringLiteral("iss"), issuer + u'/'),
            TokenProblem::Issuer);
        row("iss missing", without(QStringLiteral("iss")), TokenProblem::Issuer);

        row("aud another client", with(QStringLiteral("aud"), QStringLiteral("ward-app")),
            TokenProblem::Audience);
        row("aud array without us",
            with(QStringLiteral("aud"), QJsonArray { QStringLiteral("ward-app") }),
            TokenProblem::Audience);
        row("aud missing", without(QStringLiteral("aud")), TokenProblem::Audience);
        row("aud array of one, no azp", with(QStringLiteral("aud"), QJsonArray { clientId }),
            TokenProblem::None);
        row("aud array with azp",
            with(QStringLiteral("azp"), clientId, with(QStringLiteral("aud"), twoAudiences)),
            TokenProblem::None);
        row("aud array without azp", with(QStringLiteral("aud"), twoAudiences),
            TokenProblem::AuthorizedParty);
        row("azp another client", with(QStringLiteral("azp"), QStringLiteral("ward-app")),
            TokenProblem::AuthorizedParty);

        // exp: accepted while now < exp + leeway (60 s).
        row("exp passed within leeway", with(QStringLiteral("exp"), nowSeconds - 59),
            TokenProblem::None);
        row("exp passed by exactly leeway", with(QStringLiteral("exp"), nowSeconds - 60),
            TokenProblem::Expired);
        row("exp passed beyond leeway", with(QStringLiteral("exp"), nowSeconds - 3600),
            TokenProblem::Expired);
        row("exp missing", without(QStringLiteral("exp")), TokenProblem::MissingClaim);
        row("exp a string", with(QStringLiteral("exp"), QString::number(nowSeconds + 300)),
            TokenProblem::Malformed);
        row("exp beyond year 9999", with(QStringLiteral("exp"), 1e300), TokenProblem::Malformed);

        // nbf: accepted when nbf <= now + leeway.
        row("nbf within leeway", with(QStringLiteral("nbf"), nowSeconds + 60), TokenProblem::None);
        row("nbf in the future", with(QStringLiteral("nbf"), nowSeconds + 61),
            TokenProblem::NotYetValid);

        // iat: not after now + leeway, not before now - maxAge (600 s) - leeway.
        row("iat within leeway ahead", with(QStringLiteral("iat"), nowSeconds + 60),
            TokenProblem::None);
        row("iat in the future", with(QStringLiteral("iat"), nowSeconds + 61),
            TokenProblem::IssuedInFuture);
        row("iat at the oldest accepted", with(QStringLiteral("iat"), nowSeconds - 660),
            TokenProblem::None);
        row("iat too old", with(QStringLiteral("iat"), nowSeconds - 661), TokenProblem::TooOld);
        row("iat missing", without(QStringLiteral("iat")), TokenProblem::MissingClaim);
        row("iat negative", with(QStringLiteral("iat"), -1), TokenProblem::Malformed);

        row("sub missing", without(QStringLiteral("sub")), TokenProblem::MissingClaim);
        row("sub empty", with(QStringLiteral("sub"), QString()), TokenProblem::MissingClaim);

        row("nonce wrong", with(QStringLiteral("nonce"), QStringLiteral("n-0S6_WzA2Mk")),
            TokenProblem::Nonce);
        row("nonce missing when expected", without(QStringLiteral("nonce")), TokenProblem::Nonce);
        row("nonce not expected", without(QStringLiteral("nonce")), TokenProblem::None, QString());

        row("acr AAL2 when AAL3 required", with(QStringLiteral("acr"), QStringLiteral("AAL2_OTP")),
            TokenProblem::Acr);
        row("acr not of the AAL shape",
            with(QStringLiteral("acr"), QStringLiteral("urn:mace:incommon:iap:silver")),
            TokenProblem::Acr);
        row("acr missing when required", without(QStringLiteral("acr")), TokenProblem::Acr);
        row("acr exactly the minimum", with(QStringLiteral("acr"), aal3), TokenProblem::None);
        row("acr above the minimum", with(QStringLiteral("acr"), QStringLiteral("AAL3_CIS2_SC")),
            TokenProblem::None, nonce, QStringLiteral("AAL2_ANY"));
        row("acr not checked without a minimum",
            with(QStringLiteral("acr"), QStringLiteral("urn:mace:incommon:iap:silver")),
            TokenProblem::None, nonce, QString());
    }

    void idToken()
    {
        QFETCH(QJsonObject, claims);
        QFETCH(QString, expectedNonce);
        QFETCH(QString, minimumAcr);
        QFETCH(TokenProblem, problem);
        const auto result
            = validateIdToken(token(claims), m_keys, rules(expectedNonce, minimumAcr));
        if (problem == TokenProblem::None) {
            QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
            QCOMPARE(result->claims, claims);
            return;
        }
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, int(SsoError::InvalidToken));
        QCOMPARE(result.error().nativeCode, int(problem));
        const QString message = result.error().message;
        QVERIFY2(message.startsWith(QStringLiteral("Sign-in refused")), qPrintable(message));
        QVERIFY2(!message.contains(nonce) && !message.contains(QStringLiteral("n-0S6_WzA2Mk")),
                 qPrintable(message));
    }

    // Each reason has its own message, so that the IT desk can tell them apart.
    void messagesDiffer()
    {
        const QList<QJsonObject> refused { with(QStringLiteral("iss"), QStringLiteral("x")),
                                           with(QStringLiteral("aud"), QStringLiteral("x")),
                                           with(QStringLiteral("azp"), QStringLiteral("x")),
                                           with(QStringLiteral("exp"), nowSeconds - 3600),
                                           with(QStringLiteral("nbf"), nowSeconds + 3600),
                                           with(QStringLiteral("iat"), nowSeconds + 3600),
                                           with(QStringLiteral("iat"), nowSeconds - 3600),
                                           without(QStringLiteral("sub")),
                                           with(QStringLiteral("nonce"), QStringLiteral("x")),
                                           with(QStringLiteral("acr"), QStringLiteral("AAL1_X")) };
        QSet<QString> messages;
        for (const QJsonObject &claims : refused) {
            const auto result = validateIdToken(token(claims), m_keys, rules());
            QVERIFY(!result.ok());
            messages.insert(result.error().message);
        }
        QCOMPARE(messages.size(), refused.size());
    }

    void idTokenFields()
    {
        const auto result = validateIdToken(token(goodClaims()), m_keys, rules());
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        const IdToken &id = *result;
        QCOMPARE(id.subject, QStringLiteral("555042709107"));
        QCOMPARE(id.sessionId, QStringLiteral("a1b2c3"));
        QCOMPARE(id.acr, QStringLiteral("AAL3_ANY"));
        QCOMPARE(id.uid, QStringLiteral("910000000001"));
        QCOMPARE(id.selectedRoleId, QStringLiteral("555021935107"));
        QCOMPARE(id.name, QStringLiteral("Dr Ada Example"));
        QCOMPARE(id.givenName, QStringLiteral("Ada"));
        QCOMPARE(id.familyName, QStringLiteral("Example"));
        QCOMPARE(id.amr, QStringList { QStringLiteral("SC") });
        QCOMPARE(id.issuedAt, now.addSecs(-5));
        QCOMPARE(id.expiresAt, now.addSecs(300));
        QCOMPARE(id.authTime, now.addSecs(-10));
        QCOMPARE(id.issuedAt.timeSpec(), Qt::UTC);

        const auto noAuthTime
            = validateIdToken(token(without(QStringLiteral("auth_time"))), m_keys, rules());
        QVERIFY(noAuthTime.ok());
        QVERIFY(noAuthTime->authTime.isNull());
    }

    // The signature is checked first: a token with perfect claims but a changed payload fails.
    void signatureChecked()
    {
        const QByteArray tampered = JwtForge::withPayload(
            token(goodClaims()), with(QStringLiteral("sub"), QStringLiteral("555042709108")));
        const auto result = validateIdToken(tampered, m_keys, rules());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().nativeCode, int(TokenProblem::Signature));

        const auto unknown = validateIdToken(token(goodClaims()), Jwks(), rules());
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().is(SsoError::UnknownSigningKey));
        QCOMPARE(unknown.error().nativeCode, int(TokenProblem::UnknownKey));
    }

    // A JWT that is not an ID token: azp, sub, nonce and acr are not its business.
    void plainJwt()
    {
        QJsonObject claims
            = with(QStringLiteral("aud"), QJsonArray { clientId, QStringLiteral("other") },
                   without(QStringLiteral("sub")));
        const auto result = validateJwt(token(claims), m_keys, rules());
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QCOMPARE(*result, claims);

        const auto expired
            = validateJwt(token(with(QStringLiteral("exp"), nowSeconds - 61)), m_keys, rules());
        QVERIFY(!expired.ok());
        QCOMPARE(expired.error().nativeCode, int(TokenProblem::Expired));
    }

    void maxAgeZeroUnchecked()
    {
        IdTokenRules lenient = rules();
        lenient.maxAge = 0s;
        QVERIFY(
            validateIdToken(token(with(QStringLiteral("iat"), nowSeconds - 86400)), m_keys, lenient)
                .ok());
    }

    void misconfigured_data()
    {
        QTest::addColumn<IdTokenRules>("settings");
        IdTokenRules noIssuer = rules();
        noIssuer.issuer.clear();
        IdTokenRules noAudience = rules();
        noAudience.audience.clear();
        IdTokenRules noClock = rules();
        noClock.now = {};
        IdTokenRules oddAcr = rules();
        oddAcr.minimumAcr = QStringLiteral("high");
        QTest::newRow("no issuer") << noIssuer;
        QTest::newRow("no audience") << noAudience;
        QTest::newRow("no clock") << noClock;
        QTest::newRow("minimum acr not of the AAL shape") << oddAcr;
    }

    void misconfigured()
    {
        QFETCH(IdTokenRules, settings);
        const auto result = validateIdToken(token(goodClaims()), m_keys, settings);
        QVERIFY(!result.ok());
        QVERIFY(result.error().is(SsoError::Configuration));
    }

    void acrLevels_data()
    {
        QTest::addColumn<QString>("acr");
        QTest::addColumn<int>("level");
        QTest::newRow("AAL3_ANY") << QStringLiteral("AAL3_ANY") << 3;
        QTest::newRow("AAL2_OTP") << QStringLiteral("AAL2_OTP") << 2;
        QTest::newRow("AAL1_USERPASS") << QStringLiteral("AAL1_USERPASS") << 1;
        QTest::newRow("AAL3 alone") << QStringLiteral("AAL3") << 3;
        QTest::newRow("AAL2_OR_AAL3_ANY: the lower") << QStringLiteral("AAL2_OR_AAL3_ANY") << 2;
        QTest::newRow("empty") << QString() << -1;
        QTest::newRow("AAL") << QStringLiteral("AAL") << -1;
        QTest::newRow("AAL_3") << QStringLiteral("AAL_3") << -1;
        QTest::newRow("lower case") << QStringLiteral("aal3_any") << -1;
        QTest::newRow("two digits") << QStringLiteral("AAL10") << -1;
        QTest::newRow("empty qualifier") << QStringLiteral("AAL3_") << -1;
        QTest::newRow("hyphen") << QStringLiteral("AAL3-ANY") << -1;
        QTest::newRow("leading space") << QStringLiteral(" AAL3_ANY") << -1;
        QTest::newRow("Arabic-Indic digit") << QStringLiteral("AAL\u0663_ANY") << -1;
        QTest::newRow("URN") << QStringLiteral("urn:mace:incommon:iap:silver") << -1;
    }

    void acrLevels()
    {
        QFETCH(QString, acr);
        QFETCH(int, level);
        QCOMPARE(acrLevel(acr), level);
    }
};

QTEST_GUILESS_MAIN(TestJwtValidator)
#include "tst_jwtvalidator.moc"
