// Runs the card's blocking PKCS#11 work on one worker thread and hands each result back on the
// thread of a receiver, only while that receiver lives (STYLE.md 7). One thread, because a card
// serves one command at a time; calls run in the order they were made.
#pragma once

#include <lanyard/smartcard/tokensession.h>

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace Lanyard::Smartcard {

class CardAccess : public QObject
{
    Q_OBJECT
public:
    explicit CardAccess(const QString &modulePath, QObject *parent = nullptr);
    ~CardAccess() override; // waits for the call under way, closes the token, joins the thread

    // Runs `work` on the worker with the token in `reader` (opened on first use, or when
    // another reader is named); `done(result)` runs on `receiver`'s thread unless `receiver` is
    // gone by then. Call close() when the card leaves, so the next call opens the new card.
    template<typename T>
    void run(const QString &reader, std::function<Result<T>(TokenSession &)> work,
             QObject *receiver, std::function<void(Result<T>)> done)
    {
        post(reader,
             [work = std::move(work), receiver = QPointer<QObject>(receiver),
              done = std::move(done)](TokenSession *session, const Error *openError) {
                 Result<T> result = openError ? Result<T>(*openError) : work(*session);
                 deliver(receiver, [done, result] { done(result); });
             });
    }

    // The common calls. The passcode is consumed and wiped on the worker.
    void login(const QString &reader, Passcode passcode, QObject *receiver,
               std::function<void(Result<void>)> done);
    void sign(const QString &reader, const QByteArray &data, SignatureScheme scheme,
              QObject *receiver, std::function<void(Result<QByteArray>)> done);
    // Logs out and forgets the token (after the card left, or at lock). Queued behind the calls
    // already made; returns at once, so the GUI thread never waits on the card.
    void close();

private:
    using Job = std::function<void(TokenSession *session, const Error *openError)>;
    void post(const QString &reader, Job job);
    void closeOnWorker(Qt::ConnectionType type);
    static void deliver(const QPointer<QObject> &receiver, std::function<void()> call);

    class Worker;
    std::unique_ptr<Worker> m_worker;
};

} // namespace Lanyard::Smartcard
