// The session state machine against the real bed: pcscd + vicc cards, the card module over
// SoftHSM2, and the OpenID Provider. Every journey of issue "Sign-in" that a clinician lives.
#include "sessionharness.h"

#include <lanyard/sso/jwtvalidator.h>
#include <lanyard/sso/jwks.h>

using namespace Lanyard;
using namespace Lanyard::Sso;
using namespace Lanyard::Tests;
using State = Session::State;

namespace {
const QString AliceMedicalDirector = QStringLiteral("555000000102");
const QString BobNurse = QStringLiteral("555000000201");
} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(SsoBed::begin(QStringLiteral("sso-session.log")),
                 "run through ctest: this test needs the bed");
    }

    void cleanup() { SsoBed::reset(); }

    void cleanupTestCase()
    {
        const QStringList leaks = SecretWatch::leaks();
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }

    void threeRolesAskForAChoiceAndTheTokensCarryIt()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(h.insert(QStringLiteral("alice")));
        QCOMPARE(h.session->cardHolderName(), QStringLiteral("Alice Carter"));
        h.passcode("123456");
        QVERIFY(h.waitFor(State::ChoosingRole));
        QCOMPARE(h.offered.size(), 3);
        QCOMPARE(h.offered[1].organisation.name,
                 QStringLiteral("Cambridge University Hospitals NHS Foundation Trust"));
        h.session->chooseRole(AliceMedicalDirector);
        QVERIFY(h.waitFor(State::Active));
        QCOMPARE(h.session->user().uid, QStringLiteral("555000000001"));
        QCOMPARE(h.session->role().name, QStringLiteral("Medical Director"));
        QCOMPARE(h.started, QStringList{QStringLiteral("555000000001")});
        SecretWatch::remember(h.session->accessToken());

        // The grant is for the chosen role: a JWT exchanged for an app says so.
        std::optional<Result<ExchangedToken>> exchanged;
        h.session->exchangeToken(QStringLiteral("demo-epr"),
                                 QStringLiteral("urn:ietf:params:oauth:token-type:jwt"), this,
                                 [&](Result<ExchangedToken> r) { exchanged = r; });
        QTRY_VERIFY_WITH_TIMEOUT(exchanged.has_value(), 10000);
        QVERIFY2(exchanged->ok(), why(*exchanged));
        SecretWatch::remember((*exchanged)->token);
        auto keys = Jwks::parse(SsoBed::jwks());
        QVERIFY(keys.ok());
        JwtRules rules;
        rules.issuer = BedControl::value("BED_IDP_ISSUER");
        rules.audience = QStringLiteral("demo-epr");
        rules.now = QDateTime::currentDateTimeUtc();
        auto claims = validateJwt((*exchanged)->token.bytes(), *keys, rules);
        QVERIFY2(claims.ok(), why(claims));
        QCOMPARE(claims->value(QLatin1String("selected_roleid")).toString(), AliceMedicalDirector);
        QCOMPARE(claims->value(QLatin1String("sub")).toString(), QStringLiteral("555000000001"));

        const QStringList events = h.auditEvents();
        QVERIFY(events.contains(QStringLiteral("card.inserted")));
        QVERIFY(events.contains(QStringLiteral("signin.succeeded")));
        QVERIFY(events.contains(QStringLiteral("role.chosen")));
    }

    void oneRoleIsChosenForTheClinician()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        QCOMPARE(h.session->role().id, BobNurse);
        QVERIFY(h.offered.isEmpty());
    }

    void noRolesMeansNoSession()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(h.insert(QStringLiteral("carol")));
        h.passcode("1357924");
        QTRY_VERIFY_WITH_TIMEOUT(!h.failures.isEmpty(), 15000);
        QVERIFY2(h.failures.last().contains(QStringLiteral("no role")), qPrintable(h.failures.last()));
        QCOMPARE(h.state(), State::Locked);
        QVERIFY(!h.session->hasSession());
        QVERIFY(h.started.isEmpty());
        QVERIFY(h.auditEvents().contains(QStringLiteral("signin.failed")));
    }

    void wrongPasscodeSaysTriesLeftAndAllowsAnother()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(h.insert(QStringLiteral("bob")));
        h.passcode("11111111");
        QTRY_VERIFY_WITH_TIMEOUT(h.rejections.size() == 1, 10000);
        QVERIFY2(h.rejections[0].contains(QStringLiteral("three wrong passcodes")), qPrintable(h.rejections[0]));
        QCOMPARE(h.state(), State::AwaitingPasscode);
        h.passcode("22222222");
        QTRY_VERIFY_WITH_TIMEOUT(h.rejections.size() == 2, 10000);
        QVERIFY2(h.rejections[1].contains(QStringLiteral("1 try left")), qPrintable(h.rejections[1]));
        h.passcode("24681357"); // the right one resets the card's counter
        QVERIFY(h.waitFor(State::Active));
        QVERIFY(h.auditEvents().contains(QStringLiteral("signin.failed")));
    }

    void revokedCardIsRefusedBeforeThePasscode()
    {
        SessionHarness h(SsoBed::config(true));
        QVERIFY(h.insert(QStringLiteral("erin"), State::Locked));
        QTRY_VERIFY(!h.failures.isEmpty());
        QVERIFY2(h.failures.last().contains(QStringLiteral("revoked")), qPrintable(h.failures.last()));
    }

    void theIdpRefusesARevokedCardItself()
    {
        SessionHarness h(SsoBed::config(false)); // no local check: the IdP must say no
        QVERIFY(h.insert(QStringLiteral("erin")));
        h.passcode("445566");
        QTRY_VERIFY_WITH_TIMEOUT(!h.failures.isEmpty(), 15000);
        QVERIFY2(h.failures.last().contains(QStringLiteral("revoked")), qPrintable(h.failures.last()));
        QVERIFY(!h.session->hasSession());
    }

    void removingTheCardLocksBeforeTheSignalReturns()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        std::optional<State> seenAtRemoval;
        QObject::connect(&h.monitor, &Smartcard::ReaderMonitor::cardRemoved, &h.monitor,
                         [&] { seenAtRemoval = h.state(); });
        QVERIFY(h.remove());
        QTRY_VERIFY(seenAtRemoval.has_value());
        QCOMPARE(*seenAtRemoval, State::Locked); // the same event-loop turn as the PC/SC event
        QVERIFY(h.session->hasSession());
        QCOMPARE(h.locks, QList<Session::LockReason>{Session::LockReason::CardRemoved});
        QVERIFY(h.session->accessToken().isEmpty()); // nothing handed out while locked
        QVERIFY(h.auditEvents().contains(QStringLiteral("session.locked")));

        // Back with the passcode: the same session, unlocked, no new sign-in.
        QVERIFY(h.insert(QStringLiteral("bob")));
        QVERIFY(h.session->isUnlocking());
        h.passcode("24681357");
        QVERIFY(h.waitFor(State::Active));
        QCOMPARE(h.unlocks, 1);
        QCOMPARE(h.started.size(), 1);
    }

    void pullingTheCardDuringAuthenticationKeepsNothing()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(SsoBed::idpAdmin(QStringLiteral("delay?ms=1500")));
        QVERIFY(h.insert(QStringLiteral("bob")));
        h.passcode("24681357");
        QVERIFY(h.waitFor(State::Authenticating));
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked, 2000));
        QVERIFY(SsoBed::idpAdmin(QStringLiteral("delay?ms=0")));
        QTest::qWait(2500); // whatever the IdP answers now must be dropped
        QCOMPARE(h.state(), State::Locked);
        QVERIFY(!h.session->hasSession());
        QVERIFY(h.started.isEmpty());
        QVERIFY(h.session->accessToken().isEmpty());
        const QList<QJsonObject> lines = h.auditLines();
        QVERIFY(std::any_of(lines.begin(), lines.end(), [](const QJsonObject &line) {
            return line.value(QLatin1String("event")) == QLatin1String("signin.failed")
                   && line.value(QLatin1String("reason")).toString().contains(QLatin1String("card removed"));
        }));
        // And the next tap works.
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
    }

    void idleWarnsThenLocksAndGraceReTapSkipsThePasscode()
    {
        ManualClock clock;
        auto config = SsoBed::config();
        config.policy.idleTimeout = std::chrono::seconds(600);
        config.policy.idleWarning = std::chrono::seconds(30);
        config.policy.gracePeriod = std::chrono::seconds(30);
        SessionHarness h(config, &clock);
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));

        clock.advance(std::chrono::seconds(569));
        QCOMPARE(h.warnings, 0);
        clock.advance(std::chrono::seconds(2));
        QCOMPARE(h.warnings, 1);
        h.session->noteActivity(); // the clinician moved the mouse: stays signed in
        QCOMPARE(h.warningsCancelled, 1);
        clock.advance(std::chrono::seconds(599));
        QCOMPARE(h.state(), State::Active);
        clock.advance(std::chrono::seconds(2));
        QCOMPARE(h.state(), State::AwaitingPasscode); // locked, card still in: passcode to unlock
        QCOMPARE(h.locks.last(), Session::LockReason::Idle);
        QVERIFY(h.session->isUnlocking());
        h.passcode("24681357");
        QVERIFY(h.waitFor(State::Active));

        // Card out and back within the grace period: no passcode.
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        clock.advance(std::chrono::seconds(20));
        QVERIFY(h.insert(QStringLiteral("bob"), State::Active));
        QCOMPARE(h.unlocks, 2);

        // Beyond it: the passcode again.
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        clock.advance(std::chrono::seconds(31));
        QVERIFY(h.insert(QStringLiteral("bob")));
        QVERIFY(h.session->isUnlocking());
    }

    void anotherClinicianEndsTheFirstSession()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(h.signIn(QStringLiteral("alice"), "123456", AliceMedicalDirector));
        const Secret aliceToken = h.session->accessToken();
        QVERIFY(SsoBed::introspect(aliceToken).value(QLatin1String("active")).toBool());
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        QCOMPARE(h.session->user().uid, QStringLiteral("555000000002"));
        QCOMPARE(h.ended, QStringList{QStringLiteral("555000000001")});
        QCOMPARE(h.session->lockedSessionCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!SsoBed::introspect(aliceToken).value(QLatin1String("active")).toBool(), 10000);
        QVERIFY(h.auditEvents().contains(QStringLiteral("user.switched")));
    }

    void keepLockedPolicyBringsTheFirstSessionBack()
    {
        auto config = SsoBed::config();
        config.policy.userSwitch = SessionPolicy::UserSwitch::KeepLocked;
        SessionHarness h(config);
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        QVERIFY(h.signIn(QStringLiteral("alice"), "123456", AliceMedicalDirector));
        QCOMPARE(h.session->lockedSessionCount(), 1);
        QVERIFY(h.ended.isEmpty());
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        QVERIFY(h.insert(QStringLiteral("bob")));
        QVERIFY(h.session->isUnlocking());
        h.passcode("24681357");
        QVERIFY(h.waitFor(State::Active));
        QCOMPARE(h.session->user().uid, QStringLiteral("555000000002"));
        QCOMPARE(h.session->lockedSessionCount(), 1); // alice's, locked
        QCOMPARE(h.started.size(), 2);
    }

    void logoutPolicyEndsTheSessionOnRemoval()
    {
        auto config = SsoBed::config();
        config.policy.cardRemoval = SessionPolicy::CardRemoval::Logout;
        SessionHarness h(config);
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        const Secret token = h.session->accessToken();
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        QVERIFY(!h.session->hasSession());
        QCOMPARE(h.ended, QStringList{QStringLiteral("555000000002")});
        QTRY_VERIFY_WITH_TIMEOUT(!SsoBed::introspect(token).value(QLatin1String("active")).toBool(), 10000);
    }

    void signOutEndsTheIdpSession()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        const Secret token = h.session->accessToken();
        h.session->signOut();
        QCOMPARE(h.state(), State::Locked);
        QVERIFY(!h.session->hasSession());
        QTRY_VERIFY_WITH_TIMEOUT(!SsoBed::introspect(token).value(QLatin1String("active")).toBool(), 10000);
        // Revocation alone would make the token inactive: the IdP session itself must have ended
        // (its confirmation answered with the redirect to our post-logout URI).
        const auto idpSessionEnded = [] {
            QFile log(BedControl::artefactPath(QStringLiteral("sso-session.log")));
            return log.open(QIODevice::ReadOnly) && log.readAll().contains("IdP session ended");
        };
        QTRY_VERIFY_WITH_TIMEOUT(idpSessionEnded(), 10000);
        QVERIFY(h.auditEvents().contains(QStringLiteral("user.signedout")));
        // The card stays in but is spent: no passcode prompt until it is reinserted.
        QTest::qWait(200);
        QCOMPARE(h.state(), State::Locked);
    }

    void theAuditTrailIsChainedAndShowsTampering()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        const QStringList expected{QStringLiteral("card.inserted"), QStringLiteral("signin.succeeded"),
                                   QStringLiteral("role.chosen"), QStringLiteral("card.removed"),
                                   QStringLiteral("session.locked")};
        QCOMPARE(h.auditEvents(), expected);
        const QJsonObject signedIn = h.auditLines()[1];
        QCOMPARE(signedIn.value(QLatin1String("user")).toString(), QStringLiteral("555000000002"));
        QCOMPARE(signedIn.value(QLatin1String("role")).toString(), BobNurse);
        QCOMPARE(signedIn.value(QLatin1String("reader")).toString(), SsoBed::Reader0);
        QCOMPARE(QFile(h.auditPath).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());
        const AuditVerification intact = verifyAuditLog(h.auditPath);
        QVERIFY2(intact.intact, qPrintable(intact.problem));
        QCOMPARE(intact.lines, qint64(5));

        // Someone edits who signed in: the next line's hash no longer matches.
        QFile file(h.auditPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray content = file.readAll();
        file.close();
        content.replace("\"user\":\"555000000002\"", "\"user\":\"555000000001\"");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        const AuditVerification tampered = verifyAuditLog(h.auditPath);
        QVERIFY(!tampered.intact);
        QCOMPARE(tampered.firstBadLine, qint64(3));
    }

    void refreshesBeforeExpiry()
    {
        ManualClock clock;
        auto config = SsoBed::config();
        config.policy.idleTimeout = std::chrono::seconds(0);
        // Refresh 10 s after sign-in rather than an hour later: the IdP's clock must agree
        // with the tokens' times, so the test clock moves only a little.
        config.idp.refreshMargin = std::chrono::seconds(3590);
        SessionHarness h(config, &clock);
        QVERIFY(h.signIn(QStringLiteral("bob"), "24681357"));
        const Secret first = h.session->accessToken();
        bool refreshed = false;
        QObject::connect(h.session.get(), &Session::tokensRefreshed, [&] { refreshed = true; });
        clock.advance(std::chrono::seconds(9));
        QTest::qWait(300);
        QVERIFY(!refreshed);
        clock.advance(std::chrono::seconds(2));
        QTRY_VERIFY_WITH_TIMEOUT(refreshed, 10000);
        const Secret second = h.session->accessToken();
        SecretWatch::remember(second);
        QVERIFY(!(second == first));
        QVERIFY(SsoBed::introspect(second).value(QLatin1String("active")).toBool());
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
