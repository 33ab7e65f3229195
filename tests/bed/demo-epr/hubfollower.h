// The demo EPR follows the session's FHIRcast hub as any application would: subscribes with the
// token Lanyard gave it, listens on the WebSocket, answers every event.
#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

namespace DemoEpr {

class HubFollower : public QObject
{
    Q_OBJECT
public:
    HubFollower(QUrl hub, QString topic, QByteArray token, QObject *parent = nullptr);
    void start();

signals:
    void patientOpened(const QJsonObject &patient);
    void patientClosed();
    void hibernated();
    void loggedOut();
    void failed(const QString &why);

private:
    void onMessage(const QString &text);

    QUrl m_hub;
    QString m_topic;
    QByteArray m_token;
    QNetworkAccessManager m_network;
    QWebSocket m_socket;
};

} // namespace DemoEpr
