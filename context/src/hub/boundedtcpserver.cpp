#include "hub/boundedtcpserver.h"

#include "hub/hublogging.h"
#include "hub/hubreplies.h"

#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace Lanyard::Context::Internal {

namespace {

using namespace std::chrono_literals;

// A request's line and headers beside its body; anything past both is refused.
constexpr qint64 maximumRequest = maximumRequestBody + 64 * 1024;
// How long a refused client may go on sending before the connection is cut.
constexpr auto drainTime = 5s;

void refuseOversizeRequest(QTcpSocket *socket)
{
    qCWarning(lcHub) << "refused a request of more than" << maximumRequest << "bytes";
    // Nothing more reaches the HTTP server; Qt HttpServer 6.4 keeps the request so far inside a
    // read transaction, dropped here.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->readAll();
    socket->write(rawReply(
        413, QStringLiteral("The request is larger than %1 bytes.").arg(maximumRequestBody)));
    // Closing with unread data would reset the connection before the client reads the 413:
    // read on, keep nothing, and stop when the client closes or the drain time is up.
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
    QTimer::singleShot(drainTime, socket, [socket] { socket->abort(); });
}

} // namespace

void BoundedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    // Connected before the HTTP server's own slot, so this runs first on every read. The HTTP
    // server starts a read transaction for each request and commits it when the request is
    // complete: no transaction means a new request begins with these bytes.
    auto received = std::make_shared<qint64>(0);
    connect(socket, &QTcpSocket::readyRead, socket, [socket, received] {
        if (!socket->isTransactionStarted())
            *received = 0;
        *received += socket->bytesAvailable();
        if (*received > maximumRequest)
            refuseOversizeRequest(socket);
    });
    addPendingConnection(socket);
}

} // namespace Lanyard::Context::Internal
