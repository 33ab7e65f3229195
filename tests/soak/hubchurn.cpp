// The hub soak's subscribers, in a process of their own so the hub's process holds only its own
// side of each connection: COUNT FHIRcast subscribers that keep coming and going. Each one
// subscribes with the Bearer token from LANYARD_SOAK_TOKEN, connects to its endpoint, answers
// every event as FHIRcast asks ({"id","status":200}); every 1/RATE seconds one of them, picked at
// random, unsubscribes by closing normally and a new one takes its place. "ready" on stdout once
// COUNT are confirmed; on SIGTERM (or stdin closing) one JSON line with what happened, then exit.
//
//   lanyard-soak-hubchurn --hub URL --topic TOPIC --count N --rate PER_SECOND
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {

int stopPipe[2];

class Churn : public QObject
{
public:
    Churn(QUrl hub, QString topic, QByteArray token, int count)
        : m_hub(std::move(hub)), m_topic(std::move(topic)), m_token(std::move(token)), m_count(count)
    {
    }

    void start(double rate)
    {
        for (int i = 0; i < m_count; ++i)
            join();
        connect(&m_churn, &QTimer::timeout, this, [this] {
            if (!m_ready || m_live.isEmpty())
                return;
            QWebSocket *leaving = m_live.at(int(QRandomGenerator::global()->bounded(qsizetype(m_live.size()))));
            m_live.removeOne(leaving);
            ++m_left;
            leaving->close(QWebSocketProtocol::CloseCodeNormal);
            join();
        });
        m_churn.start(int(1000.0 / rate));
    }

    QJsonObject report() const
    {
        return {{QStringLiteral("joined"), m_joined}, {QStringLiteral("confirmed"), m_confirmed},
                {QStringLiteral("left"), m_left}, {QStringLiteral("events"), m_events},
                {QStringLiteral("live"), int(m_live.size())},
                {QStringLiteral("refused"), m_refused}, {QStringLiteral("closed_by_hub"), m_closedByHub},
                {QStringLiteral("last_close_code"), m_lastCloseCode},
                {QStringLiteral("missed_current_context"), m_missedCurrent}};
    }

private:
    void join()
    {
        ++m_joined;
        QNetworkRequest request(m_hub);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("Authorization", "Bearer " + m_token);
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("hub.channel.type"), QStringLiteral("websocket"));
        form.addQueryItem(QStringLiteral("hub.mode"), QStringLiteral("subscribe"));
        form.addQueryItem(QStringLiteral("hub.topic"), m_topic);
        form.addQueryItem(QStringLiteral("hub.events"), QStringLiteral("Patient-open,Patient-close"));
        QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            const QString endpoint = answer.value(QStringLiteral("hub.channel.endpoint")).toString();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 202 || endpoint.isEmpty()) {
                ++m_refused;
                QTimer::singleShot(200, this, [this] { join(); });
                return;
            }
            connectTo(QUrl(endpoint));
        });
    }

    void connectTo(const QUrl &endpoint)
    {
        auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        auto confirmed = std::make_shared<bool>(false);
        auto sawContext = std::make_shared<bool>(false);
        connect(socket, &QWebSocket::textMessageReceived, this, [=, this](const QString &text) {
            const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
            if (message.value(QStringLiteral("hub.mode")).toString() == QLatin1String("subscribe")) {
                *confirmed = true;
                ++m_confirmed;
                m_live << socket;
                if (!m_ready && m_live.size() >= m_count) {
                    m_ready = true;
                    std::printf("ready\n");
                    std::fflush(stdout);
                }
                // A patient already open is sent straight after the confirmation.
                if (m_contextOpen)
                    QTimer::singleShot(1000, socket, [=, this] {
                        if (!*sawContext)
                            ++m_missedCurrent;
                    });
                return;
            }
            const QString id = message.value(QStringLiteral("id")).toString();
            if (id.isEmpty())
                return;
            ++m_events;
            *sawContext = true;
            const QString event = message.value(QStringLiteral("event")).toObject().value(QStringLiteral("hub.event")).toString();
            m_contextOpen = event.compare(QLatin1String("Patient-open"), Qt::CaseInsensitive) == 0;
            socket->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{
                {QStringLiteral("id"), id}, {QStringLiteral("status"), 200}}).toJson(QJsonDocument::Compact)));
        });
        connect(socket, &QWebSocket::disconnected, this, [=, this] {
            if (m_live.removeOne(socket)) { // not one we closed
                ++m_closedByHub;
                m_lastCloseCode = int(socket->closeCode());
                join();
            }
            socket->deleteLater();
        });
        socket->open(endpoint);
    }

    QUrl m_hub;
    QString m_topic;
    QByteArray m_token;
    int m_count;
    QNetworkAccessManager m_network;
    QTimer m_churn;
    QList<QWebSocket *> m_live;
    bool m_ready = false;
    bool m_contextOpen = false;
    int m_joined = 0, m_confirmed = 0, m_left = 0, m_events = 0, m_refused = 0, m_closedByHub = 0;
    int m_lastCloseCode = 0, m_missedCurrent = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("hub"), QStringLiteral("hub URL"), QStringLiteral("URL")},
                       {QStringLiteral("topic"), QStringLiteral("topic"), QStringLiteral("TOPIC")},
                       {QStringLiteral("count"), QStringLiteral("subscribers"), QStringLiteral("N")},
                       {QStringLiteral("rate"), QStringLiteral("churn per second"), QStringLiteral("R")}});
    parser.process(app);
    Churn churn(QUrl(parser.value(QStringLiteral("hub"))), parser.value(QStringLiteral("topic")),
                qgetenv("LANYARD_SOAK_TOKEN"), parser.value(QStringLiteral("count")).toInt());

    // SIGTERM or stdin closed: report and leave.
    if (::pipe(stopPipe) != 0)
        return 1;
    std::signal(SIGTERM, [](int) { (void)!::write(stopPipe[1], "x", 1); });
    QSocketNotifier stop(stopPipe[0], QSocketNotifier::Read);
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    auto finish = [&] {
        std::printf("%s\n", QJsonDocument(churn.report()).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        app.quit();
    };
    QObject::connect(&stop, &QSocketNotifier::activated, &app, finish);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char byte;
        if (::read(STDIN_FILENO, &byte, 1) <= 0)
            finish();
    });
    churn.start(parser.value(QStringLiteral("rate")).toDouble());
    return app.exec();
}
