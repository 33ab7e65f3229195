// A FHIRcast subscriber for the hub's tests, as an application would be one: it subscribes over
// HTTP with its Bearer token, connects a QWebSocket to the endpoint it is given, records every
// message, and answers events with the status the test chooses, or not at all.
#pragma once

#include <QJsonObject>
#include <QNetworkReply>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <optional>

struct HttpReply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const;
};

// One HTTP exchange, waited for. `headers` go out as they are.
HttpReply httpRequest(const QByteArray &verb, const QUrl &url, const QByteArray &body = {},
                      const QList<QNetworkReply::RawHeaderPair> &headers = {});

class FhircastSubscriber : public QObject
{
    Q_OBJECT
public:
    FhircastSubscriber(const QUrl &hub, const QByteArray &token, QObject *parent = nullptr);

    HttpReply subscribe(const QString &topic, const QString &events, int leaseSeconds = 0,
                        const QString &name = {});
    // §2.4: a subscribe naming the endpoint replaces that subscription's events and lease.
    HttpReply resubscribe(const QString &topic, const QString &events, int leaseSeconds);
    HttpReply unsubscribe(const QString &topic);
    HttpReply publish(const QJsonObject &event);
    HttpReply currentContext(const QString &topic);
    QUrl endpoint() const { return m_endpoint; }

    // Connects to endpoint() (or `url`) and waits until the socket is up.
    bool connectSocket(const QUrl &url = {});
    QWebSocket &socket() { return m_socket; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool waitForDisconnected(int timeoutMs = 5000);

    // Events are answered with 200 unless told otherwise; std::nullopt: never answered.
    void answerWith(std::optional<int> status) { m_answer = status; }

    const QList<QJsonObject> &messages() const { return m_messages; }
    // The event notifications whose hub.event is `name`.
    QList<QJsonObject> events(const QString &name) const;
    bool waitForMessages(int count, int timeoutMs = 5000);
    bool waitForEvents(const QString &name, int count = 1, int timeoutMs = 5000);

private:
    HttpReply postForm(const QList<QPair<QString, QString>> &parameters);
    void onMessage(const QString &text);

    QUrl m_hub;
    QByteArray m_token;
    QUrl m_endpoint;
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
    std::optional<int> m_answer = 200;
};
