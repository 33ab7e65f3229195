#include "pcscwatcher.h"

#include "logging.h"

#include <lanyard/smartcard/smartcarderror.h>

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <vector>

namespace Lanyard::Smartcard::Internal {

namespace {

using namespace std::chrono_literals;

// pcsc-lite and Windows report reader arrival and departure through this pseudo-reader.
constexpr char kPnpReader[] = R"(\\?PnP?\Notification)";
// While pcscd is away there is nothing to block on: wait, doubling, interruptible by stop.
constexpr auto kFirstBackoff = 100ms;
constexpr auto kLongestBackoff = 2000ms;
// PC/SC part 3, GET DATA: the contactless card's UID.
constexpr std::array<BYTE, 5> kGetUid = { 0xFF, 0xCA, 0x00, 0x00, 0x00 };

QByteArray pcscText(LONG rv)
{
    return QByteArray(pcsc_stringify_error(rv)) + " (0x" + QByteArray::number(quint32(rv), 16)
        + ')';
}

struct Reader
{
    QByteArray name; // szReader points into it while waiting
    DWORD state = SCARD_STATE_UNAWARE;
    bool cardPresent = false;

    QString displayName() const { return QString::fromUtf8(name); }
};

// One established context and the readers seen through it.
class Session
{
public:
    Session(PcscWatcher &watcher, SCARDCONTEXT context, bool readsBadges)
        : m_watcher(watcher)
        , m_context(context)
        , m_readsBadges(readsBadges)
    { }

    // Returns what ended the watch: SCARD_E_CANCELLED once stopping is set, else the error.
    LONG watch(const std::atomic<bool> &stopping);
    // Takes back every reader and card reported, so nobody thinks a card is still in.
    void forget();

private:
    LONG refreshReaders();
    void update(Reader &reader, DWORD eventState, const QByteArray &atr);
    void readBadge(const Reader &reader);

    PcscWatcher &m_watcher;
    SCARDCONTEXT m_context;
    std::vector<Reader> m_readers;
    DWORD m_pnpState = SCARD_STATE_UNAWARE;
    bool m_readsBadges;
};

LONG Session::watch(const std::atomic<bool> &stopping)
{
    if (const LONG rv = refreshReaders(); rv != SCARD_S_SUCCESS)
        return rv;
    // Readers start UNAWARE, so the first wait returns at once with every card; without
    // readers there is nothing more to learn.
    bool scanned = m_readers.empty();
    if (scanned)
        emit m_watcher.readersScanned();
    std::vector<SCARD_READERSTATE> states;
    while (!stopping) {
        states.assign(m_readers.size() + 1, SCARD_READERSTATE {});
        for (size_t i = 0; i < m_readers.size(); ++i) {
            states[i].szReader = m_readers[i].name.constData();
            states[i].dwCurrentState = m_readers[i].state;
        }
        states.back().szReader = kPnpReader;
        states.back().dwCurrentState = m_pnpState;

        // INFINITE: no polling; pcscd wakes us on a change, SCardCancel on stop.
        const LONG rv
            = SCardGetStatusChange(m_context, INFINITE, states.data(), DWORD(states.size()));
        if (rv == SCARD_E_CANCELLED || rv == SCARD_E_TIMEOUT)
            continue;
        bool listChanged = rv == SCARD_E_UNKNOWN_READER || rv == SCARD_E_READER_UNAVAILABLE;
        if (rv != SCARD_S_SUCCESS && !listChanged)
            return rv;
        if (rv == SCARD_S_SUCCESS) {
            listChanged = states.back().dwEventState & SCARD_STATE_CHANGED;
            m_pnpState = states.back().dwEventState;
            for (size_t i = 0; i < m_readers.size(); ++i) {
                const SCARD_READERSTATE &state = states[i];
                if (!(state.dwEventState & SCARD_STATE_CHANGED))
                    continue;
                if (state.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE)) {
                    listChanged = true;
                    continue;
                }
                update(m_readers[i], state.dwEventState,
                       QByteArray(reinterpret_cast<const char *>(state.rgbAtr),
                                  qsizetype(state.cbAtr)));
            }
        }
        if (!std::exchange(scanned, true))
            emit m_watcher.readersScanned();
        // A reader came or went (pcsc_scan.c): list them again.
        if (listChanged) {
            if (const LONG listed = refreshReaders(); listed != SCARD_S_SUCCESS)
                return listed;
        }
    }
    return SCARD_E_CANCELLED;
}

void Session::update(Reader &reader, DWORD eventState, const QByteArray &atr)
{
    const bool firstLook = reader.state == SCARD_STATE_UNAWARE;
    // The upper 16 bits count insertions and removals, so a swap between two waits (present
    // before and after) still shows: the count went up by two.
    const DWORD events = ((eventState >> 16) - (reader.state >> 16)) & 0xFFFF;
    const bool present = eventState & SCARD_STATE_PRESENT;
    const bool swapped = !firstLook && events >= 2;
    reader.state = eventState;

    if (reader.cardPresent && (!present || swapped)) {
        reader.cardPresent = false;
        qCInfo(lcPcsc) << "card removed from" << reader.name;
        emit m_watcher.cardRemoved(reader.displayName());
    }
    if (present && !reader.cardPresent) {
        reader.cardPresent = true;
        qCInfo(lcPcsc) << "card inserted in" << reader.name << "ATR" << atr.toHex(' ');
        emit m_watcher.cardInserted(reader.displayName(), atr);
        if (m_readsBadges)
            readBadge(reader);
    } else if (!present && swapped) {
        qCDebug(lcPcsc) << "a card came and went in" << reader.name << "between two waits";
    }
}

void Session::readBadge(const Reader &reader)
{
    SCARDHANDLE card = 0;
    DWORD protocol = 0;
    LONG rv = SCardConnect(m_context, reader.name.constData(), SCARD_SHARE_SHARED,
                           SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &protocol);
    if (rv != SCARD_S_SUCCESS) {
        qCDebug(lcPcsc) << "no badge UID from" << reader.name << pcscText(rv);
        return;
    }
    std::array<BYTE, 258> response {};
    DWORD length = DWORD(response.size());
    rv = SCardTransmit(card, protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1,
                       kGetUid.data(), DWORD(kGetUid.size()), nullptr, response.data(), &length);
    SCardDisconnect(card, SCARD_LEAVE_CARD);
    const qsizetype received = qsizetype(std::min<DWORD>(length, DWORD(response.size())));
    const auto uid = rv == SCARD_S_SUCCESS
        ? badgeUid(QByteArrayView(response.data(), received))
        : std::nullopt;
    if (!uid) {
        qCDebug(lcPcsc) << "card in" << reader.name << "has no UID" << pcscText(rv);
        return;
    }
    emit m_watcher.badgeRead(reader.displayName(), *uid);
}

LONG Session::refreshReaders()
{
    LPSTR list = nullptr;
    DWORD size = SCARD_AUTOALLOCATE;
    // SCARD_AUTOALLOCATE: one call, so a reader arriving in between cannot overflow the buffer.
    LONG rv = SCardListReaders(m_context, nullptr, reinterpret_cast<LPSTR>(&list), &size);
    QList<QByteArray> names;
    if (rv == SCARD_S_SUCCESS) {
        for (const char *name = list; *name; name += qstrlen(name) + 1)
            names.append(QByteArray(name));
        SCardFreeMemory(m_context, list);
    } else if (rv != SCARD_E_NO_READERS_AVAILABLE) {
        return rv;
    }

    const auto gone
        = std::stable_partition(m_readers.begin(), m_readers.end(),
                                [&](const Reader &r) { return names.contains(r.name); });
    for (auto it = gone; it != m_readers.end(); ++it) {
        if (it->cardPresent)
            emit m_watcher.cardRemoved(it->displayName());
        qCInfo(lcPcsc) << "reader removed:" << it->name;
        emit m_watcher.readerRemoved(it->displayName());
    }
    m_readers.erase(gone, m_readers.end());

    for (const QByteArray &name : std::as_const(names)) {
        if (std::any_of(m_readers.cbegin(), m_readers.cend(),
                        [&](const Reader &r) { return r.name == name; }))
            continue;
        m_readers.push_back(Reader { name });
        qCInfo(lcPcsc) << "reader added:" << name;
        emit m_watcher.readerAdded(m_readers.back().displayName());
    }
    return SCARD_S_SUCCESS;
}

void Session::forget()
{
    for (const Reader &reader : m_readers) {
        if (reader.cardPresent)
            emit m_watcher.cardRemoved(reader.displayName());
        emit m_watcher.readerRemoved(reader.displayName());
    }
    m_readers.clear();
}

} // namespace

std::optional<QByteArray> badgeUid(QByteArrayView response)
{
    // A card that is not a contactless badge refuses GET DATA (6x xx); that is fine.
    const qsizetype length = response.size();
    if (length <= 2 || quint8(response[length - 2]) != 0x90 || quint8(response[length - 1]) != 0x00)
        return std::nullopt;
    return response.first(length - 2).toByteArray();
}

void PcscWatcher::run()
{
    auto backoff = kFirstBackoff;
    while (!m_stopping) {
        SCARDCONTEXT context = 0;
        LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context);
        if (rv == SCARD_S_SUCCESS) {
            m_context = context;
            if (std::exchange(m_lost, false)) {
                qCInfo(lcPcsc) << "reconnected to pcscd";
                emit serviceRestored();
            }
            Session session(*this, context, m_readsBadges);
            rv = session.watch(m_stopping);
            m_context = 0;
            SCardReleaseContext(context);
            if (m_stopping)
                break;
            // pcscd went away (SCARD_F_COMM_ERROR mid-wait, SCARD_E_NO_SERVICE after) or the
            // context broke: re-establish it, as keepassxc's ensureValidContext does.
            reportLost(rv);
            session.forget();
            backoff = kFirstBackoff;
        } else {
            reportLost(rv);
        }
        sleepUnlessStopped(backoff);
        backoff = std::min(backoff * 2, kLongestBackoff);
    }
}

void PcscWatcher::reportLost(LONG rv)
{
    if (std::exchange(m_lost, true)) {
        qCDebug(lcPcsc) << "pcscd still unavailable:" << pcscText(rv);
        return;
    }
    qCWarning(lcPcsc) << "lost pcscd, reconnecting:" << pcscText(rv);
    emit serviceLost(
        Error::make(SmartcardError::ServiceUnavailable,
                    QCoreApplication::translate("Lanyard::Smartcard",
                                                "The smartcard service (pcscd) stopped; Lanyard is "
                                                "reconnecting."),
                    rv));
}

void PcscWatcher::sleepUnlessStopped(std::chrono::milliseconds duration)
{
    std::unique_lock lock(m_mutex);
    m_stopRequested.wait_for(lock, duration, [this] { return m_stopping.load(); });
}

void PcscWatcher::requestStop()
{
    {
        // Under the mutex so the back-off wait cannot miss the flag.
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_stopRequested.notify_all();
    if (const SCARDCONTEXT context = m_context; context != 0)
        SCardCancel(context);
}

} // namespace Lanyard::Smartcard::Internal
