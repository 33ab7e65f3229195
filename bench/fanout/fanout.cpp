// Context fan-out: how long one patient change takes to reach every subscriber, for 1, 10 and
// 100 subscribers. The publish is Lanyard's own FhircastHub::openPatient() (the banner moving),
// called in this process; the subscribers are QWebSockets in a second process
// (bench_fanout_subscribers), so their work does not share the hub's event loop. Both processes
// stamp with CLOCK_MONOTONIC: per event, "last" is the last subscriber's receipt minus the
// moment before openPatient(), "each" is every subscriber's own receipt minus that moment.
//
// The floor: a bare QWebSocketServer in this process broadcasting the same kind of message (the
// same event JSON, built before the clock starts) to the same number of sockets in the same
// client program, measured the same way. The hub's extra is validating the patient, building
// and serializing the event, and tracking acknowledgements.
//
//   bench_fanout [--events N] [--warmup N] [--subscribers 1,10,100] [--gap-ms MS]
//                [--client PATH]

#include "benchsupport.h"

#include <lanyard/context/fhircasthub.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <vector>

using Lanyard::Context::FhircastHub;

using namespace Lanyard::Bench;

namespace {

struct Settings
{
    int events = 200;
    int warmup = 20;
    int gapMs = 10;
    QString client;
};

struct Latencies
{
    std::vector<double> last; // per event, ms
    std::vector<double> each; // per event and subscriber, ms
};

// A patient as PDS returns one, a distinct id per event so every event is a change.
QJsonObject patient(int event)
{
    static const QJsonObject resource = QJsonDocument::fromJson(R"({
        "resourceType": "Patient",
        "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9000000009"}],
        "name": [{"use": "official", "family": "SMITH", "given": ["Jane", "Anne"],
                  "prefix": ["Mrs"]}],
        "gender": "female", "birthDate": "1945-07-14",
        "address": [{"use": "home", "line": ["1 Trevelyan Square", "Boar Lane"],
                     "city": "Leeds", "postalCode": "LS1 6AE"}],
        "generalPractitioner": [{"type": "Organization", "identifier": {
            "system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "Y12345"}}]
    })")
                                            .object();
    QJsonObject copy = resource;
    copy.insert(QStringLiteral("id"), QStringLiteral("bench-%1").arg(event));
    return copy;
}

// The message the floor sends: a Patient-open event as the hub would build it.
QString floorMessage(int event)
{
    const QJsonObject body {
        { QStringLiteral("timestamp"),
          QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
        { QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
        { QStringLiteral("event"),
          QJsonObject {
              { QStringLiteral("hub.topic"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
              { QStringLiteral("hub.event"), QStringLiteral("Patient-open") },
              { QStringLiteral("context"),
                QJsonArray { QJsonObject { { QStringLiteral("key"), QStringLiteral("patient") },
                                           { QStringLiteral("resource"), patient(event) } } } } } }
    };
    return QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// The subscribers' process: "ready", then one "event k ns..." line per event.
class ClientProcess
{
public:
    explicit ClientProcess(QObject *poke)
        : m_poke(poke)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, poke, [this] { read(); });
        QObject::connect(&m_process, &QProcess::finished, poke, [poke] { nudge(poke); });
    }
    // It ends once every socket is closed; the event loop runs meanwhile to close them.
    ~ClientProcess()
    {
        if (!waitUntil(
                m_poke, [this] { return !isRunning(); }, 5000))
            m_process.kill();
        m_process.waitForFinished(1000);
    }

    void start(const QString &program, const QStringList &arguments, const QByteArray &token = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (!token.isEmpty())
            environment.insert(QStringLiteral("LANYARD_BENCH_TOKEN"), QString::fromLatin1(token));
        m_process.setProcessEnvironment(environment);
        m_process.start(program, arguments);
    }
    bool isReady() const { return m_ready; }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    bool has(int event) const { return m_events.count(event) != 0; }
    std::vector<qint64> take(int event)
    {
        auto stamps = std::move(m_events[event]);
        m_events.erase(event);
        return stamps;
    }

private:
    void read()
    {
        while (m_process.canReadLine()) {
            const QList<QByteArray> words = m_process.readLine().trimmed().split(' ');
            if (words.value(0) == "ready") {
                m_ready = true;
            } else if (words.value(0) == "event") {
                std::vector<qint64> stamps;
                for (const QByteArray &word : words.mid(2))
                    stamps.push_back(word.toLongLong());
                m_events[words.value(1).toInt()] = std::move(stamps);
            }
        }
        nudge(m_poke);
    }

    QObject *m_poke;
    QProcess m_process;
    bool m_ready = false;
    std::map<int, std::vector<qint64>> m_events;
};

// Publishes `events` changes once the client is ready, each after a quiet gap, and collects the
// latencies of all but the warm-up ones. `publish(k)` is what the clock measures.
bool measure(QObject *poke, ClientProcess &client, const std::function<bool()> &ready,
             const std::function<void(int)> &publish, const Settings &settings,
             Latencies &latencies)
{
    if (!waitUntil(poke, ready, 60000)) {
        std::fprintf(stderr, "bench_fanout: the subscribers did not come up\n");
        return false;
    }
    for (int event = 0; event < settings.warmup + settings.events; ++event) {
        pause(settings.gapMs); // the previous event's answers are in
        const qint64 published = monotonicNs();
        publish(event);
        if (!waitUntil(
                poke, [&] { return client.has(event); }, 10000)) {
            std::fprintf(stderr, "bench_fanout: event %d did not reach every subscriber\n", event);
            return false;
        }
        const std::vector<qint64> stamps = client.take(event);
        if (event < settings.warmup)
            continue;
        latencies.last.push_back(
            double(*std::max_element(stamps.cbegin(), stamps.cend()) - published) / 1e6);
        for (qint64 stamp : stamps)
            latencies.each.push_back(double(stamp - published) / 1e6);
    }
    return true;
}

bool measureHub(int subscribers, const Settings &settings, Latencies &latencies)
{
    QObject poke;
    auto started = FhircastHub::start(FhircastHub::Config {});
    if (!started) {
        std::fprintf(stderr, "bench_fanout: %s\n", qPrintable(started.error().message));
        return false;
    }
    std::unique_ptr<FhircastHub> hub = std::move(started).value();
    std::vector<QJsonObject> patients;
    for (int event = 0; event < settings.warmup + settings.events; ++event)
        patients.push_back(patient(event));

    ClientProcess client(&poke);
    QObject::connect(hub.get(), &FhircastHub::subscribersChanged, &poke, [&poke] { nudge(&poke); });
    QObject::connect(hub.get(), &FhircastHub::syncErrorRaised, &poke,
                     [](const QString &, const QString &reason) {
                         std::fprintf(stderr, "bench_fanout: sync error: %s\n", qPrintable(reason));
                     });
    client.start(settings.client,
                 { QStringLiteral("--mode"), QStringLiteral("hub"), QStringLiteral("--hub"),
                   hub->url().toString(), QStringLiteral("--topic"), hub->topic(),
                   QStringLiteral("--count"), QString::number(subscribers) },
                 hub->issueToken(QStringLiteral("org.lanyard.bench")));
    const bool measured = measure(
        &poke, client, [&] { return client.isReady() && hub->subscriberCount() == subscribers; },
        [&](int event) { hub->openPatient(patients[size_t(event)]); }, settings, latencies);
    hub.reset(); // closes every socket: the client process ends
    return measured;
}

bool measureFloor(int subscribers, const Settings &settings, Latencies &latencies)
{
    QObject poke;
    QWebSocketServer server(QStringLiteral("floor"), QWebSocketServer::NonSecureMode);
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "bench_fanout: the floor server cannot listen\n");
        return false;
    }
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    QObject::connect(&server, &QWebSocketServer::newConnection, &poke, [&] {
        while (server.hasPendingConnections())
            sockets.emplace_back(server.nextPendingConnection());
        nudge(&poke);
    });
    std::vector<QString> messages;
    for (int event = 0; event < settings.warmup + settings.events; ++event)
        messages.push_back(floorMessage(event));

    ClientProcess client(&poke);
    client.start(settings.client,
                 { QStringLiteral("--mode"), QStringLiteral("floor"), QStringLiteral("--url"),
                   QStringLiteral("ws://127.0.0.1:%1/").arg(server.serverPort()),
                   QStringLiteral("--count"), QString::number(subscribers) });
    const bool measured = measure(
        &poke, client, [&] { return client.isReady() && int(sockets.size()) == subscribers; },
        [&](int event) {
            for (const auto &socket : sockets)
                socket->sendTextMessage(messages[size_t(event)]);
        },
        settings, latencies);
    for (const auto &socket : sockets)
        socket->close();
    return measured;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        { { QStringLiteral("events"), QStringLiteral("measured events per run"),
            QStringLiteral("N"), QStringLiteral("200") },
          { QStringLiteral("warmup"), QStringLiteral("events not counted at the start"),
            QStringLiteral("N"), QStringLiteral("20") },
          { QStringLiteral("subscribers"), QStringLiteral("comma list of subscriber counts"),
            QStringLiteral("LIST"), QStringLiteral("1,10,100") },
          { QStringLiteral("gap-ms"), QStringLiteral("quiet time before each event"),
            QStringLiteral("MS"), QStringLiteral("10") },
          { QStringLiteral("client"), QStringLiteral("bench_fanout_subscribers"),
            QStringLiteral("PATH"),
            QCoreApplication::applicationDirPath()
                + QStringLiteral("/bench_fanout_subscribers") } });
    parser.process(app);
    Settings settings;
    settings.events = parser.value(QStringLiteral("events")).toInt();
    settings.warmup = parser.value(QStringLiteral("warmup")).toInt();
    settings.gapMs = parser.value(QStringLiteral("gap-ms")).toInt();
    settings.client = parser.value(QStringLiteral("client"));
    if (settings.events < 1 || settings.warmup < 0 || settings.gapMs < 0) {
        std::fprintf(stderr, "bench_fanout: --events, --warmup and --gap-ms want numbers\n");
        return 2;
    }

    struct Row
    {
        int subscribers;
        Latencies hub;
        Latencies floor;
    };
    std::vector<Row> rows;
    for (const QString &count :
         parser.value(QStringLiteral("subscribers")).split(QLatin1Char(','))) {
        Row row { count.toInt(), {}, {} };
        if (row.subscribers < 1 || !measureHub(row.subscribers, settings, row.hub)
            || !measureFloor(row.subscribers, settings, row.floor))
            return 1;
        rows.push_back(std::move(row));
    }

    std::printf("Context fan-out: FhircastHub::openPatient() -> every subscriber's QWebSocket "
                "(another process), %d events after %d warm-up\n",
                settings.events, settings.warmup);
    std::printf("%-11s  %-21s  %-21s  %-21s  %-21s\n", "", "hub: last subscriber",
                "hub: each subscriber", "floor: last", "floor: each");
    std::printf("%-11s  %9s %11s  %9s %11s  %9s %11s  %9s %11s\n", "subscribers", "p50 ms",
                "p99 ms", "p50 ms", "p99 ms", "p50 ms", "p99 ms", "p50 ms", "p99 ms");
    for (const Row &row : rows) {
        std::printf("%11d  %9.3f %11.3f  %9.3f %11.3f  %9.3f %11.3f  %9.3f %11.3f\n",
                    row.subscribers, percentile(row.hub.last, 0.5), percentile(row.hub.last, 0.99),
                    percentile(row.hub.each, 0.5), percentile(row.hub.each, 0.99),
                    percentile(row.floor.last, 0.5), percentile(row.floor.last, 0.99),
                    percentile(row.floor.each, 0.5), percentile(row.floor.each, 0.99));
    }
    for (const Row &row : rows) {
        if (row.subscribers == 100)
            std::printf("target (issue 9): p99 <= 5 ms at 100 subscribers: %.3f ms, %s\n",
                        percentile(row.hub.last, 0.99),
                        percentile(row.hub.last, 0.99) <= 5.0 ? "met" : "NOT met");
    }
    for (const Row &row : rows) {
        std::printf("{\"name\":\"fanout\",\"subscribers\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,"
                    "\"floor_p50_ms\":%.3f,\"floor_p99_ms\":%.3f,\"subscriber_p50_ms\":%.3f,"
                    "\"subscriber_p99_ms\":%.3f,\"floor_subscriber_p50_ms\":%.3f,"
                    "\"floor_subscriber_p99_ms\":%.3f,\"events\":%d}\n",
                    row.subscribers, percentile(row.hub.last, 0.5), percentile(row.hub.last, 0.99),
                    percentile(row.floor.last, 0.5), percentile(row.floor.last, 0.99),
                    percentile(row.hub.each, 0.5), percentile(row.hub.each, 0.99),
                    percentile(row.floor.each, 0.5), percentile(row.floor.each, 0.99),
                    settings.events);
    }
    return 0;
}
