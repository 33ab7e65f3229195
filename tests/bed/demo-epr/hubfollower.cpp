#include "hubfollower.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QUrlQuery>

namespace DemoEpr {

HubFollower::HubFollower(QUrl hub, QString topic, QByteArray token, QObject *parent)
    : QObject(parent), m_hub(std::move(hub)), m_topic(std::move(topic)), m_token(std::move(token))
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &HubFollower::onMessage);
}

void HubFollower::start()
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("hub.channel.type"), QStringLiteral("websocket"));
    form.addQueryItem(QStringLiteral("hub.mode"), QStringLiteral("subscribe"));
    form.addQueryItem(QStringLiteral("hub.topic"), m_topic);
    form.addQueryItem(QStringLiteral("hub.events"),
                      QStringLiteral("Patient-open,Patient-close,UserLogout,UserHibernate"));
    form.addQueryItem(QStringLiteral("subscriber.name"), QStringLiteral("Demo EPR"));
    QNetworkRequest request(m_hub);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QUrl endpoint(QJsonDocument::fromJson(reply->readAll()).object()
                                .value(QLatin1String("hub.channel.endpoint")).toString());
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 202 || !endpoint.isValid()) {
            emit failed(QStringLiteral("the hub refused the subscription"));
            return;
        }
        m_socket.open(endpoint);
    });
}

void HubFollower::onMessage(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QJsonObject event = message.value(QLatin1String("event")).toObject();
    if (event.isEmpty())
        return; // the subscription's confirmation
    // FHIRcast 3.0.0: every event is acknowledged with its id.
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{
        {QStringLiteral("id"), message.value(QLatin1String("id"))}, {QStringLiteral("status"), 200}})
                                                   .toJson(QJsonDocument::Compact)));
    const QString name = event.value(QLatin1String("hub.event")).toString().toLower();
    if (name == QLatin1String("patient-open")) {
        for (const QJsonValue &item : event.value(QLatin1String("context")).toArray()) {
            if (item.toObject().value(QLatin1String("key")) == QLatin1String("patient"))
                emit patientOpened(item.toObject().value(QLatin1String("resource")).toObject());
        }
    } else if (name == QLatin1String("patient-close")) {
        emit patientClosed();
    } else if (name == QLatin1String("userhibernate")) {
        emit hibernated();
    } else if (name == QLatin1String("userlogout")) {
        emit loggedOut();
    }
}

} // namespace DemoEpr
