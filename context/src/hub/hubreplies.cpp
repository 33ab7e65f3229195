#include "hub/hubreplies.h"

#include "hub/fhircastevent.h"

#include <QJsonDocument>

namespace Lanyard::Context::Internal {

namespace {

struct StatusText
{
    int status;
    const char *phrase;
    const char *issueType; // FHIR IssueType
};

StatusText statusText(int status)
{
    static const StatusText known[] { { 400, "Bad Request", "invalid" },
                                      { 401, "Unauthorized", "login" },
                                      { 403, "Forbidden", "forbidden" },
                                      { 404, "Not Found", "not-found" },
                                      { 409, "Conflict", "conflict" },
                                      { 413, "Payload Too Large", "too-long" },
                                      { 415, "Unsupported Media Type", "not-supported" },
                                      { 503, "Service Unavailable", "transient" } };
    for (const StatusText &text : known) {
        if (text.status == status)
            return text;
    }
    return { status, "Error", "processing" };
}

QJsonObject refusal(int status, const QString &reason)
{
    return operationOutcome(QStringLiteral("error"),
                            QString::fromLatin1(statusText(status).issueType), reason);
}

} // namespace

QHttpServerResponse jsonReply(const QJsonObject &body, int status)
{
    return QHttpServerResponse(body, static_cast<QHttpServerResponder::StatusCode>(status));
}

QHttpServerResponse errorReply(int status, const QString &reason)
{
    QHttpServerResponse reply = jsonReply(refusal(status, reason), status);
    if (status == 401)
        reply.addHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
    return reply;
}

QByteArray rawReply(int status, const QString &reason)
{
    const QByteArray body = QJsonDocument(refusal(status, reason)).toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText(status).phrase
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
}

} // namespace Lanyard::Context::Internal
