// Faults in what a session stands on, against the real bed, each with the behaviour a clinician
// and the IT desk must see: pcscd killed mid-session, the identity service dropping connections
// or answering garbage, and the audit log's disk full (docs/faults.md has the whole list).
#include "sessionharness.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

using namespace Lanyard;
using namespace Lanyard::Sso;
using namespace Lanyard::Tests;
using State = Session::State;

namespace {

const char *const BobPasscode = "24681357";

bool run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(10000) || process.exitCode() != 0) {
        qWarning() << program << arguments << process.readAllStandardError();
        return false;
    }
    return true;
}

// A small tmpfs, mounted for the test (scripts/test runs ctest as root in a mount namespace of
// its own, so nothing outside sees it), that can be filled to the last byte.
class SmallDisk
{
public:
    bool mount()
    {
        m_mounted = m_dir.isValid()
            && run(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"),
                                             QStringLiteral("-o"), QStringLiteral("size=256k"),
                                             QStringLiteral("tmpfs"), m_dir.path()});
        return m_mounted;
    }
    ~SmallDisk()
    {
        if (m_mounted)
            run(QStringLiteral("umount"), {QStringLiteral("-l"), m_dir.path()});
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // Writes until the disk says it is full.
    bool fill()
    {
        QFile filler(path(QStringLiteral("filler")));
        if (!filler.open(QIODevice::WriteOnly | QIODevice::Append))
            return false;
        const QByteArray block(4096, 'x');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        // Then byte by byte, so not even a short line fits.
        while (filler.write("x", 1) == 1 && filler.flush()) {
        }
        return true;
    }
    void empty() { QFile::remove(path(QStringLiteral("filler"))); }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
};

} // namespace

class TestSessionFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(SsoBed::begin(QStringLiteral("sso-sessionfaults.log")),
                 "run through ctest: this test needs the bed");
    }

    void cleanup()
    {
        if (!BedControl::startPcscd())
            qWarning("pcscd could not be started again");
        SsoBed::reset();
    }

    void cleanupTestCase()
    {
        const QStringList leaks = SecretWatch::leaks();
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }

    // pcscd dies with a clinician signed in: the workstation locks at once (nobody may go on
    // thinking the card is in); when pcscd is back, the clinician's card unlocks the same
    // session with the passcode, and a card after that signs in as usual.
    void pcscdKilledMidSessionLocksAndRecovers()
    {
        SessionHarness h(SsoBed::config());
        QVERIFY(h.signIn(QStringLiteral("bob"), BobPasscode));
        QVERIFY(BedControl::stopPcscd());
        QVERIFY(h.waitFor(State::Locked, 10000));
        QCOMPARE(h.locks, QList<Session::LockReason>{Session::LockReason::CardRemoved});
        QVERIFY(h.session->accessToken().isEmpty());
        QVERIFY(h.session->hasSession());

        QVERIFY(BedControl::startPcscd());
        // The bed's virtual card does not reconnect to a new pcscd by itself: bob puts it back.
        QTRY_COMPARE_WITH_TIMEOUT(h.monitor.readers().size(), 2, 20000);
        QVERIFY(h.insert(QStringLiteral("bob")));
        QVERIFY(h.session->isUnlocking());
        h.passcode(BobPasscode);
        QVERIFY(h.waitFor(State::Active));
        QCOMPARE(h.unlocks, 1);
        QCOMPARE(h.started.size(), 1); // the same session, not a new sign-in

        // And the next card works.
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        QVERIFY(h.signIn(QStringLiteral("bob"), BobPasscode));
    }

    // The identity service answers something that is not what OpenID Connect says, or closes
    // the connection without answering: a clear message, no session, nothing half-made; when it
    // answers properly again, the next try signs in.
    void identityServiceFaultsAtSignIn_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("path");
        QTest::addColumn<State>("after");
        // Not understood: the card is spent (take it out and in again).
        QTest::newRow("garbage discovery") << "garbage" << "/.well-known/" << State::Locked;
        QTest::newRow("garbage token response") << "garbage" << "/token" << State::Locked;
        // A network failure: the passcode can simply be typed again.
        QTest::newRow("connection dropped at the token endpoint") << "drop" << "/token" << State::AwaitingPasscode;
        QTest::newRow("connection dropped at discovery") << "drop" << "/.well-known/" << State::AwaitingPasscode;
    }

    void identityServiceFaultsAtSignIn()
    {
        QFETCH(QString, mode);
        QFETCH(QString, path);
        QFETCH(State, after);
        SessionHarness h(SsoBed::config());
        QVERIFY(SsoBed::idpAdmin(QStringLiteral("fault?mode=%1&path=%2").arg(mode, path)));
        QVERIFY(h.insert(QStringLiteral("bob")));
        h.passcode(BobPasscode);
        QTRY_VERIFY_WITH_TIMEOUT(!h.failures.isEmpty(), 30000);
        QVERIFY(h.waitFor(after));
        const QString message = h.failures.last();
        QVERIFY2(message.contains(QStringLiteral("identity service")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("not json")) && !message.contains(QStringLiteral("<html>")),
                 qPrintable(message)); // the junk itself is not shown to the clinician
        QVERIFY(!h.session->hasSession());
        QVERIFY(h.session->accessToken().isEmpty());
        QVERIFY(h.auditEvents().contains(QStringLiteral("signin.failed")));

        QVERIFY(SsoBed::idpAdmin(QStringLiteral("fault?mode=none")));
        if (after == State::Locked) { // spent: out and in again
            QVERIFY(h.remove());
            QTRY_VERIFY_WITH_TIMEOUT(h.monitor.cards().isEmpty(), 10000); // already locked: wait for the card
            QVERIFY(h.insert(QStringLiteral("bob")));
        }
        h.passcode(BobPasscode);
        QVERIFY(h.waitFor(State::Active));
    }

    // The identity service goes away with a clinician signed in: the session carries on (its
    // tokens are still good), the card still locks and the passcode still unlocks, because
    // neither needs the identity service; the refresh that failed is tried again and works once
    // the service is back.
    void identityServiceGoneMidSession()
    {
        ManualClock clock;
        auto config = SsoBed::config();
        config.policy.idleTimeout = std::chrono::seconds(0);
        config.idp.refreshMargin = std::chrono::seconds(3590); // refresh due 10 s after sign-in
        SessionHarness h(config, &clock);
        QVERIFY(h.signIn(QStringLiteral("bob"), BobPasscode));
        const Secret first = h.session->accessToken();
        bool refreshed = false;
        QObject::connect(h.session.get(), &Session::tokensRefreshed, [&] { refreshed = true; });

        QVERIFY(SsoBed::idpAdmin(QStringLiteral("fault?mode=drop")));
        clock.advance(std::chrono::seconds(11)); // the refresh meets the dead service
        QTest::qWait(2000);
        QVERIFY(!refreshed);
        QCOMPARE(h.state(), State::Active);
        QVERIFY(h.session->accessToken() == first);

        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        QVERIFY(h.insert(QStringLiteral("bob")));
        h.passcode(BobPasscode);
        QVERIFY(h.waitFor(State::Active));
        QCOMPARE(h.unlocks, 1);

        QVERIFY(SsoBed::idpAdmin(QStringLiteral("fault?mode=none")));
        clock.advance(std::chrono::seconds(31)); // the retry
        QTRY_VERIFY_WITH_TIMEOUT(refreshed, 10000);
        SecretWatch::remember(h.session->accessToken());
        QVERIFY(!(h.session->accessToken() == first));
    }

    // The audit log's disk is full: nobody is signed in unaudited (the sign-in is refused with a
    // message for the IT desk, and the grant is ended at the identity service), but a session
    // already open still locks when the card is pulled. With room again, sign-in works.
    void auditDiskFullRefusesSignInButStillLocks()
    {
        SmallDisk disk;
        if (!disk.mount())
            QSKIP("needs to mount a small tmpfs (scripts/test runs the suite as root in its own mount namespace)");
        const QString auditFile = disk.path(QStringLiteral("audit.jsonl"));
        SessionHarness h(SsoBed::config(), nullptr, auditFile);

        // Signed in with room, then the disk fills: pulling the card still locks.
        QVERIFY(h.signIn(QStringLiteral("bob"), BobPasscode));
        QVERIFY(disk.fill());
        // The audit file's last page may still have room (tmpfs allocates by page): lines go in
        // until the log itself meets ENOSPC, and from then on every line does.
        AuditEntry probe;
        probe.event = AuditEvent::IdleWarning;
        probe.reason = QStringLiteral("disk filling");
        int appended = 0;
        while (h.audit->append(probe).ok() && appended < 100)
            ++appended;
        QVERIFY(appended < 100);
        QVERIFY(!h.audit->append(probe).ok());
        QVERIFY(h.remove());
        QVERIFY(h.waitFor(State::Locked));
        QVERIFY(h.session->accessToken().isEmpty());

        // Another sign-in (the same card: the session ends for a new one) is refused.
        h.session->signOut();
        QVERIFY(h.insert(QStringLiteral("bob")));
        h.passcode(BobPasscode);
        QTRY_VERIFY_WITH_TIMEOUT(!h.failures.isEmpty(), 30000);
        QVERIFY(h.waitFor(State::Locked));
        QVERIFY2(h.failures.last().contains(QStringLiteral("audit log cannot be written")),
                 qPrintable(h.failures.last()));
        QVERIFY(!h.session->hasSession());
        QVERIFY(h.session->accessToken().isEmpty());

        // Room again: the card out and in, and the clinician is signed in, audited.
        disk.empty();
        QVERIFY(h.remove());
        QTRY_VERIFY_WITH_TIMEOUT(h.monitor.cards().isEmpty(), 10000); // already locked: wait for the card
        QVERIFY(h.signIn(QStringLiteral("bob"), BobPasscode));
        QVERIFY(h.auditEvents().contains(QStringLiteral("signin.succeeded")));
    }
};

QTEST_GUILESS_MAIN(TestSessionFaults)
#include "tst_sessionfaults.moc"
