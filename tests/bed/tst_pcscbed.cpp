// Proves the bed's virtual card readers through the plain pcsc-lite API: both vpcd readers are
// listed, and a card put in or taken out of either is seen with its ATR.
#include "bedcontrol.h"

#include <QTest>

#include <winscard.h>

#include <vector>

using Lanyard::Tests::BedControl;

namespace {

constexpr DWORD kWaitMs = 5000;

QStringList listReaders(SCARDCONTEXT context)
{
    DWORD size = 0;
    if (SCardListReaders(context, nullptr, nullptr, &size) != SCARD_S_SUCCESS)
        return {};
    std::vector<char> buffer(size);
    if (SCardListReaders(context, nullptr, buffer.data(), &size) != SCARD_S_SUCCESS)
        return {};
    QStringList readers;
    for (const char *name = buffer.data(); *name; name += qstrlen(name) + 1)
        readers << QString::fromUtf8(name);
    return readers;
}

// Waits until the reader's state has (or lacks) the flag; returns the final reader state.
SCARD_READERSTATE waitFor(SCARDCONTEXT context, const QByteArray &reader, DWORD flag, bool wanted)
{
    SCARD_READERSTATE state{};
    state.szReader = reader.constData();
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    QDeadlineTimer deadline(kWaitMs);
    while (!deadline.hasExpired()) {
        const LONG rv = SCardGetStatusChange(context, DWORD(deadline.remainingTime()), &state, 1);
        if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT)
            break;
        if (bool(state.dwEventState & flag) == wanted)
            return state;
        state.dwCurrentState = state.dwEventState;
    }
    return state;
}

} // namespace

class TestPcscBed : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(BedControl::isUp(), "run through ctest: this test needs the bed");
        QCOMPARE(SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &m_context),
                 SCARD_S_SUCCESS);
    }

    void cleanupTestCase()
    {
        BedControl::removeCard(0);
        BedControl::removeCard(1);
        SCardReleaseContext(m_context);
    }

    void listsBothVirtualReaders()
    {
        const QStringList readers = listReaders(m_context);
        QCOMPARE(readers.size(), 2);
        QVERIFY(readers.at(0).startsWith(QLatin1String("Virtual PCD")));
        QVERIFY(readers.at(1).startsWith(QLatin1String("Virtual PCD")));
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
        const QByteArray name = listReaders(m_context).value(reader).toUtf8();
        QVERIFY(!name.isEmpty());

        QVERIFY(waitFor(m_context, name, SCARD_STATE_EMPTY, true).dwEventState
                & SCARD_STATE_EMPTY);
        const DWORD eventsBefore = waitFor(m_context, name, SCARD_STATE_EMPTY, true).dwEventState
                                   >> 16;

        QVERIFY(BedControl::insertCard(clinician, reader));
        const SCARD_READERSTATE inserted = waitFor(m_context, name, SCARD_STATE_PRESENT, true);
        QVERIFY(inserted.dwEventState & SCARD_STATE_PRESENT);
        const QByteArray atr(reinterpret_cast<const char *>(inserted.rgbAtr),
                             int(inserted.cbAtr));
        // The bed's cards carry "LNY" + the clinician id in the ATR's historical bytes.
        QVERIFY2(atr.endsWith(QByteArray("LNY") + clinician.toLatin1() + atr.right(1)),
                 atr.toHex(' ').constData());

        QVERIFY(BedControl::removeCard(reader));
        const SCARD_READERSTATE removed = waitFor(m_context, name, SCARD_STATE_EMPTY, true);
        QVERIFY(removed.dwEventState & SCARD_STATE_EMPTY);
        // The upper 16 bits count insertions and removals: both were seen.
        QVERIFY((removed.dwEventState >> 16) >= eventsBefore + 2);
    }

private:
    SCARDCONTEXT m_context = 0;
};

QTEST_GUILESS_MAIN(TestPcscBed)
#include "tst_pcscbed.moc"
