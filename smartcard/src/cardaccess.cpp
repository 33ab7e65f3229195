#include <lanyard/smartcard/cardaccess.h>

#include "logging.h"

#include <QThread>

namespace Lanyard::Smartcard {

// Owns the TokenSession; lives on the worker thread, and only that thread touches the session.
class CardAccess::Worker : public QObject
{
public:
    explicit Worker(QString modulePath) : m_modulePath(std::move(modulePath)) {}

    void execute(const QString &reader, const Job &job)
    {
        if (!m_session || m_session->reader() != reader) {
            m_session.reset();
            auto opened = TokenSession::open(m_modulePath, reader);
            if (!opened) {
                job(nullptr, &opened.error());
                return;
            }
            m_session = std::move(opened.value());
        }
        job(m_session.get(), nullptr);
    }

    void close() { m_session.reset(); }

    QThread thread;

private:
    QString m_modulePath;
    std::unique_ptr<TokenSession> m_session;
};

CardAccess::CardAccess(const QString &modulePath, QObject *parent)
    : QObject(parent)
    , m_worker(std::make_unique<Worker>(modulePath))
{
    m_worker->thread.setObjectName(QStringLiteral("lanyard-card-access"));
    m_worker->moveToThread(&m_worker->thread);
    m_worker->thread.start();
}

CardAccess::~CardAccess()
{
    closeOnWorker(Qt::BlockingQueuedConnection); // the session must go on its own thread
    m_worker->thread.quit();
    m_worker->thread.wait();
    // The session was closed on its own thread; the Worker object itself holds nothing more.
}

void CardAccess::post(const QString &reader, Job job)
{
    QMetaObject::invokeMethod(
        m_worker.get(), [worker = m_worker.get(), reader, job = std::move(job)] {
            worker->execute(reader, job);
        },
        Qt::QueuedConnection);
}

void CardAccess::deliver(const QPointer<QObject> &receiver, std::function<void()> call)
{
    if (receiver)
        QMetaObject::invokeMethod(receiver.data(), std::move(call), Qt::QueuedConnection);
}

void CardAccess::login(const QString &reader, Passcode passcode, QObject *receiver,
                       std::function<void(Result<void>)> done)
{
    // std::function needs a copyable callable; the passcode itself is never copied.
    auto held = std::make_shared<Passcode>(std::move(passcode));
    run<void>(
        reader, [held](TokenSession &session) { return session.login(std::move(*held)); },
        receiver, std::move(done));
}

void CardAccess::sign(const QString &reader, const QByteArray &data, SignatureScheme scheme,
                      QObject *receiver, std::function<void(Result<QByteArray>)> done)
{
    run<QByteArray>(
        reader, [data, scheme](TokenSession &session) { return session.sign(data, scheme); },
        receiver, std::move(done));
}

void CardAccess::close()
{
    closeOnWorker(Qt::QueuedConnection);
}

void CardAccess::closeOnWorker(Qt::ConnectionType type)
{
    QMetaObject::invokeMethod(
        m_worker.get(), [worker = m_worker.get()] { worker->close(); }, type);
}

} // namespace Lanyard::Smartcard
