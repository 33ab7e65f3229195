#include <lanyard/smartcard/readermonitor.h>

#include "pcscwatcher.h"

#include <QDeadlineTimer>
#include <QThread>

namespace Lanyard::Smartcard {

using Internal::PcscWatcher;

class ReaderMonitor::Private
{
public:
    std::unique_ptr<PcscWatcher> watcher;
    std::unique_ptr<QThread> thread;
    QStringList readers;
    QHash<QString, QByteArray> cards;
    bool readsBadges = false;
};

ReaderMonitor::ReaderMonitor(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{ }

ReaderMonitor::~ReaderMonitor()
{
    stop();
}

void ReaderMonitor::setReadsBadges(bool reads)
{
    d->readsBadges = reads;
}

void ReaderMonitor::start()
{
    if (d->thread)
        return;
    qRegisterMetaType<Lanyard::Error>(); // serviceLost crosses threads

    // The watcher lives on this thread and receives its own signals here: deleting it in stop()
    // drops whatever it emitted that was not yet delivered.
    d->watcher = std::make_unique<PcscWatcher>();
    PcscWatcher *watcher = d->watcher.get();
    watcher->setReadsBadges(d->readsBadges);
    constexpr auto queued = Qt::QueuedConnection;
    connect(
        watcher, &PcscWatcher::readerAdded, watcher,
        [this](const QString &reader) {
            d->readers.append(reader);
            emit readerAdded(reader);
        },
        queued);
    connect(
        watcher, &PcscWatcher::readerRemoved, watcher,
        [this](const QString &reader) {
            d->readers.removeAll(reader);
            emit readerRemoved(reader);
        },
        queued);
    connect(
        watcher, &PcscWatcher::readersScanned, watcher, [this] { emit readersScanned(); }, queued);
    connect(
        watcher, &PcscWatcher::cardInserted, watcher,
        [this](const QString &reader, const QByteArray &atr) {
            d->cards.insert(reader, atr);
            emit cardInserted(reader, atr);
        },
        queued);
    connect(
        watcher, &PcscWatcher::cardRemoved, watcher,
        [this](const QString &reader) {
            d->cards.remove(reader);
            emit cardRemoved(reader);
        },
        queued);
    connect(
        watcher, &PcscWatcher::badgeRead, watcher,
        [this](const QString &reader, const QByteArray &uid) { emit badgeRead(reader, uid); },
        queued);
    connect(
        watcher, &PcscWatcher::serviceLost, watcher,
        [this](const Lanyard::Error &error) { emit serviceLost(error); }, queued);
    connect(
        watcher, &PcscWatcher::serviceRestored, watcher, [this] { emit serviceRestored(); },
        queued);

    // A blocking loop, not an event loop: the thread only ever sits in SCardGetStatusChange.
    d->thread.reset(QThread::create([watcher] { watcher->run(); }));
    d->thread->setObjectName(QStringLiteral("lanyard-pcsc"));
    d->thread->start();
}

void ReaderMonitor::stop()
{
    if (!d->thread)
        return;
    // SCardCancel is lost if it lands before the thread enters its wait; ask again until it ends.
    do {
        d->watcher->requestStop();
    } while (!d->thread->wait(QDeadlineTimer(10)));
    d->thread.reset();
    d->watcher.reset();
    d->readers.clear();
    d->cards.clear();
}

bool ReaderMonitor::isRunning() const
{
    return d->thread && d->thread->isRunning();
}

QStringList ReaderMonitor::readers() const
{
    return d->readers;
}

QHash<QString, QByteArray> ReaderMonitor::cards() const
{
    return d->cards;
}

} // namespace Lanyard::Smartcard
