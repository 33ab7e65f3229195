// ReaderMonitor against the bed's real pcscd, vpcd readers and vicc cards: cards in and out,
// a fast swap, pcscd killed and restarted, a prompt stop, and silence while nothing happens.
#include "bedcontrol.h"

#include <lanyard/smartcard/readermonitor.h>
#include <lanyard/smartcard/smartcarderror.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using Lanyard::Smartcard::ReaderMonitor;
using Lanyard::Smartcard::SmartcardError;
using Lanyard::Tests::BedControl;

namespace {

// pcscd polls vpcd for presence every 400 ms and vicc takes a moment to start.
constexpr int kCardMs = 5000;
// Reconnection backs off up to 2 s, and pcscd must load vpcd again.
constexpr int kServiceMs = 10000;

// The bed's cards: historical bytes "LNY" + the clinician id, then TCK (card.py).
bool isCardOf(const QByteArray &atr, const QString &clinician)
{
    return atr.chopped(1).endsWith("LNY" + clinician.toLatin1());
}

// card.py's UID: the first 7 bytes of SHA-256 of the clinician id.
QByteArray uidOf(const QString &clinician)
{
    return QCryptographicHash::hash(clinician.toLatin1(), QCryptographicHash::Sha256).left(7);
}

// Every signal, in the order it came, as text: the order is part of what is tested.
class Recorder
{
public:
    explicit Recorder(ReaderMonitor &monitor)
    {
        auto add = [this](const QString &line) { events.append(line); };
        QObject::connect(&monitor, &ReaderMonitor::readerAdded, &context,
                         [add](const QString &r) { add(QLatin1String("readerAdded ") + r); });
        QObject::connect(&monitor, &ReaderMonitor::readerRemoved, &context,
                         [add](const QString &r) { add(QLatin1String("readerRemoved ") + r); });
        QObject::connect(&monitor, &ReaderMonitor::readersScanned, &context,
                         [add] { add(QStringLiteral("readersScanned")); });
        QObject::connect(&monitor, &ReaderMonitor::cardInserted, &context,
                         [add](const QString &r, const QByteArray &atr) {
                             add(QLatin1String("cardInserted ") + r + u' '
                                 + QString::fromLatin1(atr.toHex()));
                         });
        QObject::connect(&monitor, &ReaderMonitor::cardRemoved, &context,
                         [add](const QString &r) { add(QLatin1String("cardRemoved ") + r); });
        QObject::connect(&monitor, &ReaderMonitor::badgeRead, &context,
                         [add](const QString &r) { add(QLatin1String("badgeRead ") + r); });
        QObject::connect(&monitor, &ReaderMonitor::serviceLost, &context,
                         [add] { add(QStringLiteral("serviceLost")); });
        QObject::connect(&monitor, &ReaderMonitor::serviceRestored, &context,
                         [add] { add(QStringLiteral("serviceRestored")); });
    }

    QStringList events;

private:
    QObject context;
};

} // namespace

class TestReaderMonitor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(BedControl::isUp(), "run through ctest: this test needs the bed");
        QVERIFY(BedControl::removeCard(0));
        QVERIFY(BedControl::removeCard(1));
    }

    void init()
    {
        m_monitor = std::make_unique<ReaderMonitor>();
        m_monitor->setReadsBadges(true); // these tests follow badges too
        QSignalSpy added(m_monitor.get(), &ReaderMonitor::readerAdded);
        m_monitor->start();
        QVERIFY(m_monitor->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 2, kCardMs);
        m_readers = m_monitor->readers();
        m_readers.sort(); // "Virtual PCD 00 00" is vpcd slot 0, the bed's reader 0
    }

    void cleanup()
    {
        m_monitor.reset();
        if (m_pcscdStopped)
            m_pcscdStopped = !BedControl::startPcscd();
        BedControl::removeCard(0);
        BedControl::removeCard(1);
    }

    void startIsIdempotent()
    {
        QSignalSpy added(m_monitor.get(), &ReaderMonitor::readerAdded);
        m_monitor->start();
        QVERIFY(!added.wait(500));
        QCOMPARE(m_monitor->readers().size(), 2);
        m_monitor->stop();
        QVERIFY(!m_monitor->isRunning());
        QVERIFY(m_monitor->readers().isEmpty());
        m_monitor->start(); // reports afresh after a stop
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 2, kCardMs);
    }

    // What is already there when the monitor starts is reported first, then readersScanned.
    void scanReportsWhatIsPresent()
    {
        m_monitor->stop();
        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), 1));
        Recorder recorder(*m_monitor);
        m_monitor->start();
        QTRY_VERIFY_WITH_TIMEOUT(recorder.events.contains(QStringLiteral("readersScanned")),
                                 kCardMs);
        const QStringList before
            = recorder.events.mid(0, recorder.events.indexOf(QStringLiteral("readersScanned")));
        QCOMPARE(before.filter(QStringLiteral("readerAdded")).size(), 2);
        QCOMPARE(before.filter(QLatin1String("cardInserted ") + m_readers.at(1)).size(), 1);
        QCOMPARE(recorder.events.count(QStringLiteral("readersScanned")), 1);
    }

    void cardInsertedAndRemoved_data()
    {
        QTest::addColumn<int>("reader");
        QTest::addColumn<QString>("clinician");
        QTest::newRow("reader 0, alice") << 0 << QStringLiteral("alice");
        QTest::newRow("reader 1, bob") << 1 << QStringLiteral("bob");
    }

    void cardInsertedAndRemoved()
    {
        QFETCH(int, reader);
        QFETCH(QString, clinician);
        const QString name = m_readers.at(reader);
        QSignalSpy inserted(m_monitor.get(), &ReaderMonitor::cardInserted);
        QSignalSpy badge(m_monitor.get(), &ReaderMonitor::badgeRead);
        QSignalSpy removed(m_monitor.get(), &ReaderMonitor::cardRemoved);

        QVERIFY(BedControl::insertCard(clinician, reader));
        QVERIFY(inserted.wait(kCardMs));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(0).toString(), name);
        const QByteArray atr = inserted.at(0).at(1).toByteArray();
        QVERIFY2(isCardOf(atr, clinician), atr.toHex(' ').constData());
        QCOMPARE(m_monitor->cards(), (QHash<QString, QByteArray> { { name, atr } }));
        QTRY_COMPARE_WITH_TIMEOUT(badge.size(), 1, kCardMs);
        QCOMPARE(badge.at(0).at(0).toString(), name);
        QCOMPARE(badge.at(0).at(1).toByteArray(), uidOf(clinician));

        QVERIFY(BedControl::removeCard(reader));
        QVERIFY(removed.wait(kCardMs));
        QCOMPARE(removed.at(0).at(0).toString(), name);
        QVERIFY(m_monitor->cards().isEmpty());
        QCOMPARE(inserted.size(), 1);
    }

    // Badges are read only when asked: by default a card's arrival sends it nothing.
    void badgesAreReadOnlyWhenAsked()
    {
        ReaderMonitor quiet;
        QSignalSpy added(&quiet, &ReaderMonitor::readersScanned);
        QSignalSpy inserted(&quiet, &ReaderMonitor::cardInserted);
        QSignalSpy badge(&quiet, &ReaderMonitor::badgeRead);
        QSignalSpy badgeAsked(m_monitor.get(), &ReaderMonitor::badgeRead);
        quiet.start();
        QVERIFY(added.wait(kCardMs));
        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), 0));
        QVERIFY(inserted.wait(kCardMs));
        QTRY_COMPARE_WITH_TIMEOUT(badgeAsked.size(), 1, kCardMs); // the other monitor asked
        QCOMPARE(badge.size(), 0);
        quiet.stop();
        QVERIFY(BedControl::removeCard(0));
    }

    // Another clinician's card replaces the first one. "frozen": the whole test process is
    // stopped (SIGSTOP) across the swap, so pcscd sees both events between two of the monitor's
    // waits and only the event counter tells it the card present before and after is new.
    void fastSwap_data()
    {
        QTest::addColumn<int>("reader");
        QTest::addColumn<bool>("frozen");
        QTest::newRow("reader 0, monitor waiting") << 0 << false;
        QTest::newRow("reader 1, monitor waiting") << 1 << false;
        QTest::newRow("reader 0, between two waits") << 0 << true;
        QTest::newRow("reader 1, between two waits") << 1 << true;
    }

    void fastSwap()
    {
        QFETCH(int, reader);
        QFETCH(bool, frozen);
        const QString name = m_readers.at(reader);
        QSignalSpy inserted(m_monitor.get(), &ReaderMonitor::cardInserted);
        QSignalSpy badge(m_monitor.get(), &ReaderMonitor::badgeRead);
        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), reader));
        QVERIFY(badge.wait(kCardMs)); // alice's card is settled: inserted and read
        QVERIFY(isCardOf(inserted.at(0).at(1).toByteArray(), QStringLiteral("alice")));

        Recorder recorder(*m_monitor);
        if (frozen)
            QVERIFY(swapWhileFrozen(QStringLiteral("bob"), reader));
        else
            QVERIFY(BedControl::insertCard(QStringLiteral("bob"), reader));
        QTRY_VERIFY_WITH_TIMEOUT(inserted.size() == 2, kCardMs);
        const QByteArray atr = inserted.at(1).at(1).toByteArray();
        QVERIFY2(isCardOf(atr, QStringLiteral("bob")), atr.toHex(' ').constData());
        const QStringList expected { QLatin1String("cardRemoved ") + name,
                                     QLatin1String("cardInserted ") + name + u' '
                                         + QString::fromLatin1(atr.toHex()) };
        QCOMPARE(recorder.events.mid(0, 2), expected);
        QCOMPARE(m_monitor->cards().value(name), atr);
    }

    void serviceLostAndRestored()
    {
        const QString name = m_readers.at(0);
        QSignalSpy inserted(m_monitor.get(), &ReaderMonitor::cardInserted);
        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), 0));
        QVERIFY(inserted.wait(kCardMs));

        Recorder recorder(*m_monitor);
        QSignalSpy lost(m_monitor.get(), &ReaderMonitor::serviceLost);
        QSignalSpy restored(m_monitor.get(), &ReaderMonitor::serviceRestored);
        QSignalSpy readerAdded(m_monitor.get(), &ReaderMonitor::readerAdded);
        m_pcscdStopped = BedControl::stopPcscd();
        QVERIFY(m_pcscdStopped);
        QVERIFY(lost.wait(kServiceMs));
        const auto error = lost.at(0).at(0).value<Lanyard::Error>();
        QVERIFY(error.is(SmartcardError::ServiceUnavailable));
        QVERIFY2(error.message.contains(QLatin1String("pcscd")), qPrintable(error.message));
        QVERIFY(error.nativeCode != 0);
        // Nobody may go on thinking a card is in, or a reader is there.
        QTRY_VERIFY_WITH_TIMEOUT(m_monitor->readers().isEmpty(), kCardMs);
        QCOMPARE(
            recorder.events.mid(0, 2),
            (QStringList { QStringLiteral("serviceLost"), QLatin1String("cardRemoved ") + name }));
        QVERIFY(recorder.events.contains(QLatin1String("readerRemoved ") + m_readers.at(1)));
        QVERIFY(m_monitor->cards().isEmpty());
        QVERIFY(m_monitor->isRunning());

        m_pcscdStopped = !BedControl::startPcscd();
        QVERIFY(!m_pcscdStopped);
        QVERIFY(restored.wait(kServiceMs));
        QTRY_COMPARE_WITH_TIMEOUT(readerAdded.size(), 2, kServiceMs);
        QCOMPARE(lost.size(), 1); // said once, however long pcscd stayed away
        auto readers = m_monitor->readers();
        readers.sort();
        QCOMPARE(readers, m_readers);

        QVERIFY(BedControl::insertCard(QStringLiteral("bob"), 1));
        QTRY_VERIFY_WITH_TIMEOUT(
            isCardOf(m_monitor->cards().value(m_readers.at(1)), QStringLiteral("bob")), kCardMs);
    }

    // The one timing requirement: the monitor thread ends within 100 ms of being asked, whether
    // it sits in the INFINITE wait or backs off while pcscd is gone.
    void stopsPromptly_data()
    {
        QTest::addColumn<bool>("pcscdRunning");
        QTest::newRow("blocked in SCardGetStatusChange") << true;
        QTest::newRow("backing off without pcscd") << false;
    }

    void stopsPromptly()
    {
        QFETCH(bool, pcscdRunning);
        QSignalSpy lost(m_monitor.get(), &ReaderMonitor::serviceLost);
        if (!pcscdRunning) {
            m_pcscdStopped = BedControl::stopPcscd();
            QVERIFY(lost.wait(kServiceMs));
        }
        // Let the thread settle into its wait, or without pcscd into the longer back-off steps.
        QTest::qWait(pcscdRunning ? 300 : 1000);
        QElapsedTimer timer;
        timer.start();
        m_monitor->stop();
        const qint64 elapsed = timer.elapsed();
        QVERIFY(!m_monitor->isRunning());
        QVERIFY2(elapsed < 100, qPrintable(QStringLiteral("stop() took %1 ms").arg(elapsed)));
    }

    void staysQuietWhileIdle()
    {
        Recorder recorder(*m_monitor);
        QTest::qWait(2000);
        QVERIFY2(recorder.events.isEmpty(), qPrintable(recorder.events.join(u'\n')));
    }

private:
    // Stops this process, swaps the card in the reader, waits out pcscd's 400 ms presence poll,
    // then lets the process (and the monitor thread) go on.
    static bool swapWhileFrozen(const QString &clinician, int reader)
    {
        const QString script
            = QStringLiteral("trap 'kill -CONT \"$0\"' EXIT; kill -STOP \"$0\"; "
                             "\"$1\" card \"$2\" insert \"$3\" --reader \"$4\" && sleep 1");
        return QProcess::execute(QStringLiteral("sh"),
                                 { QStringLiteral("-c"), script,
                                   QString::number(QCoreApplication::applicationPid()),
                                   BedControl::value("LANYARD_BED_SCRIPT"),
                                   BedControl::value("LANYARD_BED_DIR"), clinician,
                                   QString::number(reader) })
            == 0;
    }

    std::unique_ptr<ReaderMonitor> m_monitor;
    QStringList m_readers;
    bool m_pcscdStopped = false;
};

QTEST_GUILESS_MAIN(TestReaderMonitor)
#include "tst_readermonitor.moc"
