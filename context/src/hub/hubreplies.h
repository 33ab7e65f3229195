// The hub's HTTP answers. FHIRcast 3.0.0 §2.4: "Any content returned from subscription requests
// SHALL be returned as application/json"; a refusal carries an OperationOutcome whose
// diagnostics say what was wrong, for the application's developer.
#pragma once

#include <QHttpServerResponse>
#include <QJsonObject>

namespace Lanyard::Context::Internal {

QHttpServerResponse jsonReply(const QJsonObject &body, int status = 200);
QHttpServerResponse errorReply(int status, const QString &reason);
// The same refusal as bytes on the wire, for a connection the HTTP server no longer reads.
QByteArray rawReply(int status, const QString &reason);

} // namespace Lanyard::Context::Internal
