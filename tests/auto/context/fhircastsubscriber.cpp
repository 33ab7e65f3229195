#include "fhircastsubscriber.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpReply httpRequest(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                      const QList<QNetworkReply::RawHeaderPair> &headers)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = manager.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->isFinished() ? reply->error() : QNetworkReply::TimeoutError;
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = reply->rawHeaderPairs();
    reply->abort();
    delete reply;
    return result;
}

FhircastSubscriber::FhircastSubscriber(const QUrl &hub, const QByteArray &token, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_token(token)
{
    m_socket.setProxy(QNetworkProxy::NoProxy);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &FhircastSubscriber::onMessage);
}

HttpReply FhircastSubscriber::postForm(const QList<QPair<QString, QString>> &parameters)
{
    QUrlQuery form;
    for (const auto &[key, value] : parameters)
        form.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(key)),
                          QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return httpRequest("POST", m_hub, form.query(QUrl::FullyEncoded).toLatin1(),
                       { { "Authorization", "Bearer " + m_token },
                         { "Content-Type", "application/x-www-form-urlencoded" } });
}

HttpReply FhircastSubscriber::subscribe(const QString &topic, const QString &events,
                                        int leaseSeconds, const QString &name)
{
    QList<QPair<QString, QString>> parameters {
        { QStringLiteral("hub.channel.type"), QStringLiteral("websocket") },
        { QStringLiteral("hub.mode"), QStringLiteral("subscribe") },
        { QStringLiteral("hub.topic"), topic },
        { QStringLiteral("hub.events"), events }
    };
    if (leaseSeconds > 0)
        parameters.append({ QStringLiteral("hub.lease_seconds"), QString::number(leaseSeconds) });
    if (!name.isEmpty())
        parameters.append({ QStringLiteral("subscriber.name"), name });
    HttpReply reply = postForm(parameters);
    if (reply.status == 202)
        m_endpoint = QUrl(reply.json.value(QStringLiteral("hub.channel.endpoint")).toString());
    return reply;
}

HttpReply FhircastSubscriber::resubscribe(const QString &topic, const QString &events,
                                          int leaseSeconds)
{
    return postForm({ { QStringLiteral("hub.channel.type"), QStringLiteral("websocket") },
                      { QStringLiteral("hub.mode"), QStringLiteral("subscribe") },
                      { QStringLiteral("hub.topic"), topic },
                      { QStringLiteral("hub.events"), events },
                      { QStringLiteral("hub.lease_seconds"), QString::number(leaseSeconds) },
                      { QStringLiteral("hub.channel.endpoint"), m_endpoint.toString() } });
}

HttpReply FhircastSubscriber::unsubscribe(const QString &topic)
{
    return postForm({ { QStringLiteral("hub.channel.type"), QStringLiteral("websocket") },
                      { QStringLiteral("hub.mode"), QStringLiteral("unsubscribe") },
                      { QStringLiteral("hub.topic"), topic },
                      { QStringLiteral("hub.channel.endpoint"), m_endpoint.toString() } });
}

HttpReply FhircastSubscriber::publish(const QJsonObject &event)
{
    return httpRequest(
        "POST", m_hub, QJsonDocument(event).toJson(),
        { { "Authorization", "Bearer " + m_token }, { "Content-Type", "application/fhir+json" } });
}

HttpReply FhircastSubscriber::currentContext(const QString &topic)
{
    QUrl url = m_hub;
    url.setPath(m_hub.path() + QLatin1Char('/') + topic);
    return httpRequest("GET", url, {}, { { "Authorization", "Bearer " + m_token } });
}

bool FhircastSubscriber::connectSocket(const QUrl &url)
{
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    QSignalSpy disconnected(&m_socket, &QWebSocket::disconnected);
    m_socket.open(url.isEmpty() ? m_endpoint : url);
    return QTest::qWaitFor([&] { return !connected.isEmpty() || !disconnected.isEmpty(); }, 5000)
        && !connected.isEmpty();
}

bool FhircastSubscriber::waitForDisconnected(int timeoutMs)
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        return true;
    QSignalSpy disconnected(&m_socket, &QWebSocket::disconnected);
    return disconnected.wait(timeoutMs);
}

QList<QJsonObject> FhircastSubscriber::events(const QString &name) const
{
    QList<QJsonObject> found;
    for (const QJsonObject &message : m_messages) {
        const QJsonObject event = message.value(QStringLiteral("event")).toObject();
        if (event.value(QStringLiteral("hub.event")).toString() == name)
            found.append(message);
    }
    return found;
}

bool FhircastSubscriber::waitForMessages(int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_messages.size() >= count; }, timeoutMs);
}

bool FhircastSubscriber::waitForEvents(const QString &name, int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return events(name).size() >= count; }, timeoutMs);
}

void FhircastSubscriber::onMessage(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    m_messages.append(message);
    const QString id = message.value(QStringLiteral("id")).toString();
    if (m_answer && message.contains(QStringLiteral("event")) && !id.isEmpty())
        m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(QJsonObject { { QStringLiteral("id"), id },
                                                          { QStringLiteral("status"), *m_answer } })
                                  .toJson(QJsonDocument::Compact)));
}
