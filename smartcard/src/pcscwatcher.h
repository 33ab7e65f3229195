// The blocking half of ReaderMonitor: one PC/SC context, one SCardGetStatusChange(INFINITE) on
// every reader plus the PnP pseudo-reader, run on a thread of its own (STYLE.md 10). Every change
// is a value signal emitted on that thread; ReaderMonitor queues them to its own.
#pragma once

#include <lanyard/result.h>

#include <QByteArray>
#include <QObject>
#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

#include <winscard.h>

namespace Lanyard::Smartcard::Internal {

// The UID in a response to PC/SC part 3's GET DATA (FF CA 00 00 00): the data before SW1 SW2,
// when those say 90 00 and there is data; nothing otherwise (a card that is not a badge).
std::optional<QByteArray> badgeUid(QByteArrayView response);

class PcscWatcher : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Watches until requestStop(); reconnects with a bounded back-off while pcscd is away.
    void run();
    // Any thread. SCardCancel only interrupts a wait already in progress, so a caller that must
    // know run() has returned repeats this until it has (ReaderMonitor::stop does).
    void requestStop();
    void setReadsBadges(bool reads) { m_readsBadges = reads; }

signals:
    void readerAdded(const QString &reader);
    void readerRemoved(const QString &reader);
    void readersScanned();
    void cardInserted(const QString &reader, const QByteArray &atr);
    void cardRemoved(const QString &reader);
    void badgeRead(const QString &reader, const QByteArray &uid);
    void serviceLost(const Lanyard::Error &error);
    void serviceRestored();

private:
    void reportLost(LONG rv);
    void sleepUnlessStopped(std::chrono::milliseconds duration);

    std::atomic<bool> m_stopping = false;
    std::atomic<SCARDCONTEXT> m_context = 0; // read by requestStop() for SCardCancel
    std::mutex m_mutex;
    std::condition_variable m_stopRequested;
    bool m_lost = false;
    bool m_readsBadges = false;
};

} // namespace Lanyard::Smartcard::Internal
