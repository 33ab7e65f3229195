// Watches the PC/SC readers and their cards from one background thread (STYLE.md 10) and reports
// what changed as value signals on the thread that owns the monitor (STYLE.md 7, 8).
//
// start() reports the readers and cards already present as readerAdded / cardInserted, then
// readersScanned, so a listener that connects before start() sees the whole picture. While pcscd is
// gone the monitor says so once (serviceLost), takes back every reader and card it had reported,
// and reconnects; serviceRestored is followed by the readers and cards found again. stop() forgets
// everything silently; a later start() reports afresh.
#pragma once

#include <lanyard/result.h>

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace Lanyard::Smartcard {

class ReaderMonitor : public QObject
{
    Q_OBJECT

public:
    explicit ReaderMonitor(QObject *parent = nullptr);
    ~ReaderMonitor() override; // stops and joins the thread

    // Off by default: reading a contactless badge's UID sends an APDU as each card arrives, and
    // the reader serves nothing else meanwhile (about 40 ms in the bed), delaying the sign-in
    // that follows. Turn on where badges are used (lanyard-card watch does). Before start().
    void setReadsBadges(bool reads);
    void start(); // does nothing while running
    void stop(); // returns when the monitor thread has finished; call on the monitor's thread
    bool isRunning() const;

    QStringList readers() const; // as last reported, in the order they appeared
    QHash<QString, QByteArray> cards() const; // reader -> ATR of each card present

signals:
    void readerAdded(const QString &reader);
    void readerRemoved(const QString &reader);
    // Every reader and card present has been reported: after start() and after a reconnect.
    void readersScanned();
    void cardInserted(const QString &reader, const QByteArray &atr);
    void cardRemoved(const QString &reader);
    // A contactless badge answered GET DATA (UID); comes after the badge's cardInserted.
    void badgeRead(const QString &reader, const QByteArray &uid);
    void serviceLost(const Lanyard::Error &error);
    void serviceRestored();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Smartcard
