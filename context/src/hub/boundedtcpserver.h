// The hub's listening socket. Qt HttpServer 6.4 reads a whole request, however large, into
// memory before any handler sees it; this server counts what each connection sends for the
// request under way and, past the limit, answers 413 itself, stops the request reaching the HTTP
// server and reads the rest into nothing until the client goes.
#pragma once

#include <QTcpServer>

namespace Lanyard::Context::Internal {

constexpr qint64 maximumRequestBody = 1024 * 1024;

class BoundedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override;
};

} // namespace Lanyard::Context::Internal
