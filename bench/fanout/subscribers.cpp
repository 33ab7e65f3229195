// N WebSocket subscribers in one process, for bench_fanout, so that their work does not share
// the publisher's event loop. In hub mode each socket subscribes to the FHIRcast hub (the Bearer
// token comes in LANYARD_BENCH_TOKEN) and waits for its confirmation; in floor mode each connects
// to the floor server. When all N are up: "ready" on stdout. Then for each event k, the moment
// each socket has it is stamped (CLOCK_MONOTONIC) and nothing else is done until all N have it:
// then every socket answers {"id","status":200} (FHIRcast 3.0.0 §2.5) and one line
// "event k ns_1 ... ns_N" goes to stdout. The process ends when every socket is closed.
//
//   bench_fanout_subscribers --mode hub --hub URL --topic TOPIC --count N
//   bench_fanout_subscribers --mode floor --url ws://127.0.0.1:PORT/ --count N

#include "benchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Lanyard::Bench;

namespace {

class Subscribers : public QObject
{
public:
    Subscribers(int count, bool confirmations)
        : m_count(count)
        , m_confirmations(confirmations)
    {
        m_sockets.reserve(size_t(count));
    }

    void open(const QUrl &url)
    {
        const int index = int(m_sockets.size());
        auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        socket->setProxy(QNetworkProxy::NoProxy);
        m_sockets.push_back({ socket, m_confirmations ? -1 : 0 });
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, index](const QString &text) { received(index, text); });
        if (!m_confirmations)
            connect(socket, &QWebSocket::connected, this, [this] { arrived(); });
        connect(socket, &QWebSocket::disconnected, this, [this] {
            if (++m_closed == m_count)
                QCoreApplication::quit();
        });
        socket->open(url);
    }

    void fail(const QString &why)
    {
        std::fprintf(stderr, "bench_fanout_subscribers: %s\n", qPrintable(why));
        QCoreApplication::exit(1);
    }

private:
    struct Subscriber
    {
        QWebSocket *socket;
        int events; // events received; -1 until the hub's confirmation
    };

    void arrived()
    {
        if (++m_up == m_count) {
            std::fputs("ready\n", stdout);
            std::fflush(stdout);
        }
    }

    void received(int index, const QString &text)
    {
        const qint64 now = monotonicNs();
        Subscriber &subscriber = m_sockets[size_t(index)];
        if (subscriber.events < 0) { // the confirmation
            subscriber.events = 0;
            arrived();
            return;
        }
        const int event = subscriber.events++;
        if (m_stamps.size() <= size_t(event))
            m_stamps.resize(size_t(event) + 1, std::vector<qint64>(size_t(m_count), 0));
        std::vector<qint64> &stamps = m_stamps[size_t(event)];
        stamps[size_t(index)] = now;
        if (std::find(stamps.cbegin(), stamps.cend(), 0) == stamps.cend())
            everyoneHas(event, text);
    }

    void everyoneHas(int event, const QString &text)
    {
        const QString id = QJsonDocument::fromJson(text.toUtf8())
                               .object()
                               .value(QStringLiteral("id"))
                               .toString();
        const QString answer
            = QString::fromUtf8(QJsonDocument(QJsonObject { { QStringLiteral("id"), id },
                                                            { QStringLiteral("status"), 200 } })
                                    .toJson(QJsonDocument::Compact));
        for (const Subscriber &subscriber : m_sockets)
            subscriber.socket->sendTextMessage(answer);
        QByteArray line = "event " + QByteArray::number(event);
        for (qint64 stamp : m_stamps[size_t(event)])
            line += ' ' + QByteArray::number(stamp);
        std::fputs(line.append('\n').constData(), stdout);
        std::fflush(stdout);
    }

    const int m_count;
    const bool m_confirmations;
    std::vector<Subscriber> m_sockets;
    std::vector<std::vector<qint64>> m_stamps; // [event][socket]
    int m_up = 0;
    int m_closed = 0;
};

void subscribeAll(QNetworkAccessManager &http, Subscribers &subscribers, const QUrl &hub,
                  const QString &topic, int count)
{
    const QByteArray token = qgetenv("LANYARD_BENCH_TOKEN");
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("hub.channel.type"), QStringLiteral("websocket"));
    form.addQueryItem(QStringLiteral("hub.mode"), QStringLiteral("subscribe"));
    form.addQueryItem(QStringLiteral("hub.topic"), topic);
    form.addQueryItem(QStringLiteral("hub.events"), QStringLiteral("Patient-open"));
    form.addQueryItem(QStringLiteral("subscriber.name"), QStringLiteral("bench"));
    const QByteArray body = form.query(QUrl::FullyEncoded).toLatin1();
    for (int i = 0; i < count; ++i) {
        QNetworkRequest request(hub);
        request.setRawHeader("Authorization", "Bearer " + token);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply *reply = http.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, &subscribers, [reply, &subscribers] {
            reply->deleteLater();
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            const QString endpoint
                = answer.value(QStringLiteral("hub.channel.endpoint")).toString();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 202
                || endpoint.isEmpty())
                subscribers.fail(
                    QStringLiteral("subscribing failed: %1").arg(reply->errorString()));
            else
                subscribers.open(QUrl(endpoint));
        });
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        { { QStringLiteral("mode"), QStringLiteral("hub or floor"), QStringLiteral("MODE") },
          { QStringLiteral("hub"), QStringLiteral("hub.url"), QStringLiteral("URL") },
          { QStringLiteral("topic"), QStringLiteral("hub.topic"), QStringLiteral("TOPIC") },
          { QStringLiteral("url"), QStringLiteral("the floor's WebSocket URL"),
            QStringLiteral("URL") },
          { QStringLiteral("count"), QStringLiteral("subscribers"), QStringLiteral("N"),
            QStringLiteral("1") } });
    parser.process(app);
    const int count = parser.value(QStringLiteral("count")).toInt();
    const bool hubMode = parser.value(QStringLiteral("mode")) == QLatin1String("hub");
    if (count < 1) {
        std::fprintf(stderr, "bench_fanout_subscribers: --count wants a positive number\n");
        return 2;
    }

    Subscribers subscribers(count, hubMode);
    QNetworkAccessManager http;
    http.setProxy(QNetworkProxy::NoProxy);
    if (hubMode) {
        subscribeAll(http, subscribers, QUrl(parser.value(QStringLiteral("hub"))),
                     parser.value(QStringLiteral("topic")), count);
    } else {
        for (int i = 0; i < count; ++i)
            subscribers.open(QUrl(parser.value(QStringLiteral("url"))));
    }
    return app.exec();
}
