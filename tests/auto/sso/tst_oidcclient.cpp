// OpenID Connect with the card against the bed's real IdP: what happens when the IdP is down,
// slow, untrusted or rotates its keys, and how forged or unfit ID tokens are refused.
#include "sessionharness.h"

#include <lanyard/smartcard/cardaccess.h>
#include <lanyard/sso/jws.h>
#include <lanyard/sso/jwtvalidator.h>
#include <lanyard/sso/oidcclient.h>

#include "jwtforge.h"

#include <QFile>
#include <QJsonArray>
#include <QTcpServer>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

using namespace Lanyard;
using namespace Lanyard::Sso;
using namespace Lanyard::Tests;
using State = Session::State;

namespace {

// The IdP's RSA public key as PEM, from its JWK: the "secret" of the HS256 key-confusion attack.
QByteArray publicPemFromJwk(const QJsonObject &jwk)
{
    const auto number = [&](const char *name) {
        const QByteArray bytes = QByteArray::fromBase64(jwk.value(QLatin1String(name)).toString().toLatin1(),
                                                        QByteArray::Base64UrlEncoding);
        return BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()), int(bytes.size()), nullptr);
    };
    BIGNUM *n = number("n"), *e = number("e");
    OSSL_PARAM_BLD *build = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_N, n);
    OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_E, e);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(build);
    EVP_PKEY_CTX *context = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY *key = nullptr;
    EVP_PKEY_fromdata_init(context);
    EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params);
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, key);
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, length);
    BIO_free(bio);
    EVP_PKEY_free(key);
    EVP_PKEY_CTX_free(context);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(build);
    BN_free(n);
    BN_free(e);
    return pem;
}

int closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort(); // closed again when the server goes
}

int discoveryFetches()
{
    QFile log(BedControl::artefactPath(QStringLiteral("sso-oidcclient.log")));
    log.open(QIODevice::ReadOnly);
    return int(log.readAll().count("discovery fetched"));
}

} // namespace

class TestOidcClient : public QObject
{
    Q_OBJECT

    QByteArray m_idToken; // bob's, genuine, from the bed's IdP
    QJsonObject m_claims;

private slots:
    void initTestCase()
    {
        QVERIFY2(SsoBed::begin(QStringLiteral("sso-oidcclient.log")),
                 "run through ctest: this test needs the bed");
        QVERIFY(BedControl::insertCard(QStringLiteral("bob"), 0));
        // A genuine sign-in straight through the client, to have a real ID token to forge from.
        const SessionConfig config = SsoBed::config();
        SystemClock clock;
        Smartcard::CardAccess card(config.pkcs11Module);
        OidcClient client(config.idp, clock);
        std::optional<Result<void>> loggedIn;
        card.login(SsoBed::Reader0, std::move(Smartcard::Passcode::fromTyped(QStringLiteral("24681357")).value()),
                   this, [&](Result<void> r) { loggedIn = r; });
        QTRY_VERIFY_WITH_TIMEOUT(loggedIn.has_value(), 10000);
        QVERIFY2(loggedIn->ok(), why(*loggedIn));
        std::optional<Result<SignInResult>> signedIn;
        client.signIn(card, SsoBed::Reader0, std::make_shared<std::atomic<bool>>(false), this,
                      [&](Result<SignInResult> r) { signedIn = r; });
        QTRY_VERIFY_WITH_TIMEOUT(signedIn.has_value(), 15000);
        QVERIFY2(signedIn->ok(), why(*signedIn));
        const SignInResult &result = signedIn->value();
        QCOMPARE(result.user.uid, QStringLiteral("555000000002"));
        QCOMPARE(result.acr, QStringLiteral("AAL3_ANY"));
        QCOMPARE(result.amr, QStringList{QStringLiteral("N3_SMARTCARD")});
        QCOMPARE(result.selectedRoleId, QStringLiteral("555000000201"));
        m_idToken = result.tokens.idToken.bytes();
        m_claims = SsoBed::unverifiedPayload(m_idToken);
        SecretWatch::remember(result.tokens.accessToken);
        SecretWatch::remember(result.tokens.refreshToken);
        SecretWatch::remember(result.tokens.idToken);
        SecretWatch::rememberPasscode("24681357");
        BedControl::removeCard(0);
    }

    void cleanup() { SsoBed::reset(); }

    void cleanupTestCase()
    {
        const QStringList leaks = SecretWatch::leaks();
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }

    void idTokensAreCheckedAgainstTheIdpsKeys_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("audience");
        QTest::addColumn<QString>("nonce");
        QTest::addColumn<QString>("minimumAcr");
        QTest::addColumn<qint64>("clockShift");
        QTest::addColumn<int>("problem");

        const QByteArray genuine = m_idToken;
        const QJsonObject header = JwtForge::part(genuine, 0);
        const QString nonce = m_claims.value(QLatin1String("nonce")).toString();
        const QString client = QStringLiteral("lanyard");
        const QJsonObject jwk = QJsonDocument::fromJson(SsoBed::jwks()).object()
                                    .value(QLatin1String("keys")).toArray().first().toObject();
        QJsonObject none = header;
        none[QLatin1String("alg")] = QStringLiteral("none");
        QJsonObject hs = header;
        hs[QLatin1String("alg")] = QStringLiteral("HS256");
        QJsonObject otherKid = header;
        otherKid[QLatin1String("kid")] = QStringLiteral("not-a-key-of-the-idp");
        QJsonObject otherAudience = m_claims;
        otherAudience[QLatin1String("aud")] = QStringLiteral("someone-else");
        const int none_ = int(TokenProblem::None);

        QTest::newRow("genuine") << genuine << client << nonce << "AAL3_ANY" << qint64(0) << none_;
        QTest::newRow("alg none") << JwtForge::base64url(JwtForge::json(none)) + '.' + JwtForge::base64url(JwtForge::json(m_claims)) + '.'
                                  << client << nonce << "" << qint64(0) << int(TokenProblem::Algorithm);
        QTest::newRow("HS256 keyed with the IdP's public key")
            << JwtForge::signHs256(hs, m_claims, publicPemFromJwk(jwk)) << client << nonce << ""
            << qint64(0) << int(TokenProblem::Algorithm);
        QTest::newRow("claims edited, signature kept") << JwtForge::withPayload(genuine, otherAudience)
                                                       << QStringLiteral("someone-else") << nonce << ""
                                                       << qint64(0) << int(TokenProblem::Signature);
        QTest::newRow("kid the IdP never had") << JwtForge::withPart(genuine, 0, JwtForge::base64url(JwtForge::json(otherKid)))
                                               << client << nonce << "" << qint64(0) << int(TokenProblem::UnknownKey);
        QTest::newRow("wrong audience") << genuine << QStringLiteral("another-app") << nonce << ""
                                        << qint64(0) << int(TokenProblem::Audience);
        QTest::newRow("wrong nonce") << genuine << client << QStringLiteral("replayed") << ""
                                     << qint64(0) << int(TokenProblem::Nonce);
        QTest::newRow("acr too low") << genuine << client << nonce << "AAL4_ANY" << qint64(0)
                                     << int(TokenProblem::Acr);
        QTest::newRow("expired") << genuine << client << nonce << "" << qint64(2 * 3600)
                                 << int(TokenProblem::Expired);
        QTest::newRow("issued in the future") << genuine << client << nonce << "" << qint64(-3600)
                                              << int(TokenProblem::IssuedInFuture);
    }

    void idTokensAreCheckedAgainstTheIdpsKeys()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, audience);
        QFETCH(QString, nonce);
        QFETCH(QString, minimumAcr);
        QFETCH(qint64, clockShift);
        QFETCH(int, problem);
        auto keys = Jwks::parse(SsoBed::jwks());
        QVERIFY(keys.ok());
        IdTokenRules rules;
        rules.issuer = BedControl::value("BED_IDP_ISSUER");
        rules.audience = audience;
        rules.nonce = nonce;
        rules.minimumAcr = minimumAcr;
        rules.now = QDateTime::currentDateTimeUtc().addSecs(clockShift);
        auto validated = validateIdToken(token, *keys, rules);
        if (problem == int(TokenProblem::None)) {
            QVERIFY2(validated.ok(), why(validated));
            QCOMPARE(validated->uid, QStringLiteral("555000000002"));
            return;
        }
        QVERIFY(!validated.ok());
        QCOMPARE(validated.error().nativeCode, qint64(problem));
        QVERIFY(!validated.error().message.isEmpty());
    }

    void aWeakerAcrThanConfiguredIsRefused()
    {
        auto config = SsoBed::config();
        config.idp.minimumAcr = QStringLiteral("AAL4_ANY");
        SessionHarness h(config);
        QVERIFY(h.insert(QStringLiteral("bob")));
        h.passcode("24681357");
        QTRY_VERIFY_WITH_TIMEOUT(!h.failures.isEmpty(), 15000);
        QVERIFY2(h.failures.last().contains(QStringLiteral("acr")), qPrintable(h.failures.last()));
        QVERIFY(!h.session->hasSession());
    }

    void anUnreachableIdpSaysSoAndTheCardWasNotUsed()
    {
        auto config = SsoBed::config();
        config.idp.issuer = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(closedPort()));
        SessionHarness h(config);
        QVERIFY(h.insert(QStringLiteral("bob")));
        h.passcode("24681357");
        QTRY_VERIFY_WITH_TIMEOUT(!h.failures.isEmpty(), 15000);
        QCOMPARE(h.failures.last(), QStringLiteral("Cannot reach the NHS identity service — check "
                                                   "the network; your card was not used."));
        QVERIFY(h.waitFor(State::AwaitingPasscode)); // try again when the network is back
    }

    void aSlowIdpTimesOutAndTheNextTryWorks()
    {
        auto config = SsoBed::config();
        config.idp.requestTimeout = std::chrono::seconds(1);
        SessionHarness h(config);
        QVERIFY(SsoBed::idpAdmin(QStringLiteral("delay?ms=3000")));
        QVERIFY(h.insert(QStringLiteral("bob")));
        h.passcode("24681357");
        QTRY_VERIFY_WITH_TIMEOUT(!h.failures.isEmpty(), 10000);
        QVERIFY2(h.failures.last().contains(QStringLiteral("did not answer within 1 seconds")),
                 qPrintable(h.failures.last()));
        QVERIFY(h.waitFor(State::AwaitingPasscode));
        QVERIFY(SsoBed::idpAdmin(QStringLiteral("delay?ms=0")));
        h.passcode("24681357");
        QVERIFY(h.waitFor(State::Active));
    }

    void anUntrustedIdpCertificateIsRefused()
    {
        auto config = SsoBed::config();
        config.idp.caBundle = BedControl::value("BED_PKI") + QStringLiteral("/untrusted-ca.crt");
        SessionHarness h(config);
        QVERIFY(h.insert(QStringLiteral("bob")));
        h.passcode("24681357");
        QTRY_VERIFY_WITH_TIMEOUT(!h.failures.isEmpty(), 15000);
        QVERIFY2(h.failures.last().contains(QStringLiteral("does not trust")), qPrintable(h.failures.last()));
        QVERIFY(!h.session->hasSession());
    }

    void rotatedSigningKeysAreFetchedOnce()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        h.session->signOut();
        QVERIFY(h.remove());
        const QByteArray before = SsoBed::jwks();
        QVERIFY(SsoBed::idpAdmin(QStringLiteral("rotate-keys")));
        QVERIFY(SsoBed::jwks() != before);
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357")); // the cached keys no longer fit
        QFile log(BedControl::artefactPath(QStringLiteral("sso-oidcclient.log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(log.readAll().contains("unknown key; fetching the signing keys again"));
    }

    void discoveryIsFetchedAgainOnlyWhenStale()
    {
        auto config = SsoBed::config();
        config.idp.discoveryLifetime = std::chrono::seconds(3);
        SessionHarness h(config);
        const int before = discoveryFetches();
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        h.session->signOut();
        QVERIFY(h.remove());
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        QCOMPARE(discoveryFetches(), before + 1);
        h.session->signOut();
        QVERIFY(h.remove());
        QTest::qWait(3100);
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        QCOMPARE(discoveryFetches(), before + 2);
    }
};

QTEST_GUILESS_MAIN(TestOidcClient)
#include "tst_oidcclient.moc"
