// The card soak: card in, passcode, signed in through the bed's IdP, card out, locked — over and
// over (LANYARD_SOAK_CYCLES, 20 in the test run; scripts/soak runs 1,000). Every removal must
// lock, every sign-in must become active, and memory, descriptors and threads must not grow past
// the stated bound once warmed up. The figures go to the artefacts as soak-cards.json.
#include "processstats.h"
#include "sessionharness.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Lanyard;
using namespace Lanyard::Sso;
using namespace Lanyard::Tests;
using State = Session::State;

namespace {
constexpr int warmUpCycles = 5;
// After warm-up: a few MB for heap fragmentation and caches, nothing per cycle.
constexpr GrowthBound bound{8 * 1024, 2, 1};
} // namespace

class TestSoakCards : public QObject
{
    Q_OBJECT

    // Read once the session's last requests are done: ending the IdP session after a logout is
    // still on the wire when the lock comes, its socket open for a moment.
    static ProcessStats settled()
    {
        QTest::qWait(1500);
        return ProcessStats::now();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(SsoBed::begin(QStringLiteral("soak-cards.log")), "run through ctest: this test needs the bed");
    }

    void cleanup() { SsoBed::reset(); }

    void cardCycles()
    {
        const int cycles = std::max(warmUpCycles + 1, qEnvironmentVariableIntValue("LANYARD_SOAK_CYCLES") > 0
                                                         ? qEnvironmentVariableIntValue("LANYARD_SOAK_CYCLES")
                                                         : 20);
        auto config = SsoBed::config();
        // Every removal ends the session, so every insertion is a whole sign-in with the IdP.
        config.policy.cardRemoval = SessionPolicy::CardRemoval::Logout;
        SessionHarness h(config);

        ProcessStats warm;
        QList<qint64> signInMs, lockMs;
        int missedLocks = 0, stuck = 0;
        QElapsedTimer clock;
        for (int cycle = 0; cycle < cycles; ++cycle) {
            if (cycle == warmUpCycles)
                warm = settled();
            clock.start();
            if (!h.signIn(QStringLiteral("bob"), "24681357")) {
                ++stuck;
                qWarning() << "cycle" << cycle << "did not sign in; state" << h.state() << h.session->lastMessage();
                h.remove();
                h.waitFor(State::Locked);
                continue;
            }
            signInMs << clock.elapsed();
            clock.start();
            QVERIFY(h.remove());
            if (!h.waitFor(State::Locked, 5000) || h.session->hasSession()) {
                ++missedLocks;
                continue;
            }
            lockMs << clock.elapsed();
        }
        const ProcessStats last = settled();
        const QString grown = bound.exceededBy(warm, last);

        auto percentile = [](QList<qint64> values, double p) {
            if (values.isEmpty())
                return qint64(-1);
            std::sort(values.begin(), values.end());
            return values.at(std::min(qsizetype(values.size() - 1), qsizetype(p * double(values.size()))));
        };
        const QJsonObject report{
            {QStringLiteral("cycles"), cycles},
            {QStringLiteral("signed_in"), signInMs.size()},
            {QStringLiteral("locked"), lockMs.size()},
            {QStringLiteral("missed_locks"), missedLocks},
            {QStringLiteral("stuck"), stuck},
            {QStringLiteral("sign_in_ms_p50"), percentile(signInMs, 0.5)},
            {QStringLiteral("sign_in_ms_max"), percentile(signInMs, 1.0)},
            // From the bed's "card out" (the virtual card stopping) to the session locked.
            {QStringLiteral("removal_to_locked_ms_p50"), percentile(lockMs, 0.5)},
            {QStringLiteral("removal_to_locked_ms_max"), percentile(lockMs, 1.0)},
            {QStringLiteral("after_warm_up"), warm.json()},
            {QStringLiteral("at_end"), last.json()},
            {QStringLiteral("bound"), QJsonObject{{QStringLiteral("rss_kb"), bound.rssKb},
                                                  {QStringLiteral("fds"), bound.fds},
                                                  {QStringLiteral("threads"), bound.threads}}}};
        QFile out(BedControl::artefactPath(QStringLiteral("soak-cards.json")));
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            out.write(QJsonDocument(report).toJson());
        qInfo().noquote() << "soak-cards:" << QJsonDocument(report).toJson(QJsonDocument::Compact);

        QCOMPARE(stuck, 0);
        QCOMPARE(missedLocks, 0);
        QCOMPARE(lockMs.size(), cycles);
        QVERIFY2(grown.isEmpty(), qPrintable(grown));
        QCOMPARE(h.monitor.readers().size(), 2); // the bed's two readers, still there
        // The audit log has every one of them, in one unbroken chain.
        const QStringList events = h.auditEvents();
        QCOMPARE(events.count(QStringLiteral("signin.succeeded")), cycles);
    }
};

QTEST_GUILESS_MAIN(TestSoakCards)
#include "tst_soakcards.moc"
