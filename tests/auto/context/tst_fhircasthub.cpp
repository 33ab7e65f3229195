// The FHIRcast hub against real WebSocket subscribers on loopback: discovery, subscription and
// its confirmation, Lanyard's and a subscriber's context changes reaching everyone, get-current,
// the context resent on connect, tokens, SyncError on refusal, silence and abnormal close,
// unsubscribe, lease expiry, session events, the loopback-only listener and bounded input.
#include "fhircastsubscriber.h"

#include <lanyard/context/fhircasthub.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using Lanyard::Context::ContextError;
using Lanyard::Context::FhircastHub;
using namespace std::chrono_literals;

namespace {

const QString appA = QStringLiteral("org.example.epr");
const QString appB = QStringLiteral("org.example.pacs");
const QString appC = QStringLiteral("org.example.obs");
const QString contextEvents = QStringLiteral("Patient-open,Patient-close,SyncError");
constexpr auto acknowledgementTimeout = 300ms;

QJsonObject patient(const QString &id = QStringLiteral("9000000009"))
{
    return { { QStringLiteral("resourceType"), QStringLiteral("Patient") },
             { QStringLiteral("id"), id },
             { QStringLiteral("identifier"),
               QJsonArray { QJsonObject { { QStringLiteral("system"),
                                            QStringLiteral("https://fhir.nhs.uk/Id/nhs-number") },
                                          { QStringLiteral("value"), id } } } } };
}

QJsonObject eventRequest(const QString &name, const QString &topic, const QJsonArray &context,
                         const QString &id = QStringLiteral("request-1"))
{
    return { { QStringLiteral("timestamp"), QStringLiteral("2026-03-02T09:15:00.120Z") },
             { QStringLiteral("id"), id },
             { QStringLiteral("event"),
               QJsonObject { { QStringLiteral("hub.topic"), topic },
                             { QStringLiteral("hub.event"), name },
                             { QStringLiteral("context"), context } } } };
}

QJsonArray patientContext(const QJsonObject &resource)
{
    return { QJsonObject { { QStringLiteral("key"), QStringLiteral("patient") },
                           { QStringLiteral("resource"), resource } } };
}

QJsonObject eventOf(const QJsonObject &message)
{
    return message.value(QStringLiteral("event")).toObject();
}

QJsonObject firstResource(const QJsonObject &message)
{
    return eventOf(message).value(QStringLiteral("context")).toArray().first().toObject();
}

// The code of the SyncError OperationOutcome's detail coding with this system suffix.
QString syncErrorCoding(const QJsonObject &message, const QString &suffix)
{
    const QJsonObject outcome = firstResource(message).value(QStringLiteral("resource")).toObject();
    const QJsonArray codings = outcome.value(QStringLiteral("issue"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("details"))
                                   .toObject()
                                   .value(QStringLiteral("coding"))
                                   .toArray();
    for (const QJsonValue &coding : codings) {
        if (coding[QStringLiteral("system")].toString()
            == QStringLiteral("https://fhircast.hl7.org/events/syncerror/") + suffix)
            return coding[QStringLiteral("code")].toString();
    }
    return {};
}

// The hub's port in LISTEN state in a /proc/net/tcp* table: each entry's local address (hex).
QStringList listeningAddresses(const QString &table, quint16 port)
{
    QFile file(table);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList addresses;
    const QString portHex = QStringLiteral("%1").arg(port, 4, 16, QLatin1Char('0')).toUpper();
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines.mid(1)) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 4 || fields.at(3) != "0A")
            continue;
        const QList<QByteArray> local = fields.at(1).split(':');
        if (local.size() == 2 && QString::fromLatin1(local.at(1)) == portHex)
            addresses << QString::fromLatin1(local.at(0));
    }
    return addresses;
}

} // namespace

class TestFhircastHub : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void discovery();
    void subscribeIsConfirmed();
    void subscribeRefusesBadRequests_data();
    void subscribeRefusesBadRequests();
    void wildCards_data();
    void wildCards();
    void leaseIsCapped();
    void resubscribeReplacesEventsAndLease();
    void lanyardOpenReachesEverySubscriber_data();
    void lanyardOpenReachesEverySubscriber();
    void subscriberPublishReachesEveryoneAndTheSender();
    void publishRefusesBadEvents_data();
    void publishRefusesBadEvents();
    void patientClose();
    void subscriberPatientClose();
    void currentContext();
    void newSubscriptionReceivesCurrentContext();
    void unauthenticatedSubscribeRefused_data();
    void unauthenticatedSubscribeRefused();
    void madeUpEndpointClosed_data();
    void madeUpEndpointClosed();
    void refusalRaisesSyncError();
    void silenceRaisesSyncError();
    void closeCodes_data();
    void closeCodes();
    void unsubscribeClosesNormally();
    void leaseExpiryCloses();
    void revokeAllTokensClosesEverything();
    void sessionEvents();
    void listensOnLoopbackOnly();
    void portInUse();
    void oversizeBodyRefused_data();
    void oversizeBodyRefused();
    void malformedJsonRefused();
    void oversizeFrameClosesSocket();
    void floodOfPublishesIsHeldBack();
    void floodOfMessagesCutsTheFlooderOff();
    void answersToManyEventsAreNoFlood();

private:
    // Subscribes with `application`'s token, connects, and waits for the confirmation.
    FhircastSubscriber *join(const QString &application, const QString &events = contextEvents,
                             const QString &name = {});
    FhircastSubscriber *subscriber(const QString &application);
    QUrl hubPath(const QString &suffix) const;

    std::unique_ptr<FhircastHub> m_hub;
    QHash<QString, QByteArray> m_tokens;
    std::vector<std::unique_ptr<FhircastSubscriber>> m_subscribers;
};

void TestFhircastHub::init()
{
    FhircastHub::Config config;
    config.acknowledgementTimeout = acknowledgementTimeout;
    config.maximumLease = 3600s;
    auto started = FhircastHub::start(config);
    QVERIFY2(started.ok(), qPrintable(started ? QString() : started.error().message));
    m_hub = std::move(started).value();
    for (const QString &application : { appA, appB, appC })
        m_tokens.insert(application, m_hub->issueToken(application));
}

void TestFhircastHub::cleanup()
{
    m_subscribers.clear();
    m_hub.reset();
    m_tokens.clear();
}

FhircastSubscriber *TestFhircastHub::subscriber(const QString &application)
{
    m_subscribers.push_back(
        std::make_unique<FhircastSubscriber>(m_hub->url(), m_tokens.value(application)));
    return m_subscribers.back().get();
}

FhircastSubscriber *TestFhircastHub::join(const QString &application, const QString &events,
                                          const QString &name)
{
    FhircastSubscriber *joined = subscriber(application);
    if (joined->subscribe(m_hub->topic(), events, 0, name).status != 202 || !joined->connectSocket()
        || !joined->waitForMessages(1))
        return nullptr;
    return joined;
}

QUrl TestFhircastHub::hubPath(const QString &suffix) const
{
    QUrl url = m_hub->url();
    url.setPath(url.path() + suffix);
    return url;
}

void TestFhircastHub::discovery()
{
    const HttpReply reply
        = httpRequest("GET", hubPath(QStringLiteral("/.well-known/fhircast-configuration")));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QJsonObject expected {
        { QStringLiteral("eventsSupported"),
          QJsonArray { QStringLiteral("Patient-open"), QStringLiteral("Patient-close"),
                       QStringLiteral("SyncError"), QStringLiteral("UserLogout"),
                       QStringLiteral("UserHibernate") } },
        { QStringLiteral("websocketSupport"), true },
        { QStringLiteral("webhookSupport"), false },
        { QStringLiteral("fhircastVersion"), QStringLiteral("3.0.0") },
        { QStringLiteral("getCurrentSupport"), true }
    };
    QCOMPARE(reply.json, expected);
    QCOMPARE(m_hub->url().toString(),
             QStringLiteral("http://127.0.0.1:%1/fhircast").arg(m_hub->url().port()));
}

void TestFhircastHub::subscribeIsConfirmed()
{
    QSignalSpy changed(m_hub.get(), &FhircastHub::subscribersChanged);
    FhircastSubscriber *first = subscriber(appA);
    // Event names are case-insensitive (FHIRcast 3.0.0 §2.3); the hub answers in its spelling.
    const HttpReply reply
        = first->subscribe(m_hub->topic(), QStringLiteral("patient-OPEN, Patient-close"));
    QCOMPARE(reply.status, 202);
    const QString prefix
        = QStringLiteral("ws://127.0.0.1:%1/fhircast/websocket/").arg(m_hub->url().port());
    const QString endpoint = reply.json.value(QStringLiteral("hub.channel.endpoint")).toString();
    QVERIFY2(endpoint.startsWith(prefix), qPrintable(endpoint));
    QVERIFY(endpoint.size() - prefix.size() >= 43); // 32 random bytes
    QCOMPARE(m_hub->subscriberCount(), 0); // not connected yet

    FhircastSubscriber *second = subscriber(appA);
    QCOMPARE(second->subscribe(m_hub->topic(), contextEvents).status, 202);
    QVERIFY(second->endpoint() != first->endpoint());

    QVERIFY(first->connectSocket());
    QVERIFY(first->waitForMessages(1));
    const QJsonObject confirmation { { QStringLiteral("hub.mode"), QStringLiteral("subscribe") },
                                     { QStringLiteral("hub.topic"), m_hub->topic() },
                                     { QStringLiteral("hub.events"),
                                       QStringLiteral("Patient-open,Patient-close") },
                                     { QStringLiteral("hub.lease_seconds"), 3600 } };
    QCOMPARE(first->messages().first(), confirmation);
    QCOMPARE(m_hub->subscriberCount(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().toInt(), 1);
    QTest::qWait(100);
    QCOMPARE(first->messages().size(), 1); // no context open: nothing more
}

void TestFhircastHub::subscribeRefusesBadRequests_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("reason");
    const QString ok = QStringLiteral("hub.channel.type=websocket&hub.mode=subscribe&hub.topic=%1"
                                      "&hub.events=Patient-open");
    QTest::newRow("unknown event")
        << ok + QStringLiteral(",Encounter-*,Foo-bar") << QStringLiteral("Encounter-*, Foo-bar");
    QTest::newRow("no events") << QStringLiteral("hub.channel.type=websocket&hub.mode=subscribe"
                                                 "&hub.topic=%1")
                               << QStringLiteral("hub.events");
    QTest::newRow("wrong topic") << QStringLiteral("hub.channel.type=websocket&hub.mode=subscribe"
                                                   "&hub.topic=other&hub.events=Patient-open")
                                 << QStringLiteral("topic");
    QTest::newRow("webhook") << QStringLiteral("hub.channel.type=webhook&hub.mode=subscribe"
                                               "&hub.topic=%1&hub.events=Patient-open")
                             << QStringLiteral("websocket");
    QTest::newRow("bad mode") << QStringLiteral("hub.channel.type=websocket&hub.mode=watch"
                                                "&hub.topic=%1&hub.events=Patient-open")
                              << QStringLiteral("hub.mode");
    QTest::newRow("negative lease")
        << ok + QStringLiteral("&hub.lease_seconds=-5") << QStringLiteral("lease");
    QTest::newRow("repeated parameter")
        << ok + QStringLiteral("&hub.topic=%1") << QStringLiteral("more than once");
    QTest::newRow("unsubscribe without endpoint")
        << QStringLiteral("hub.channel.type=websocket&hub.mode=unsubscribe&hub.topic=%1")
        << QStringLiteral("hub.channel.endpoint");
}

void TestFhircastHub::subscribeRefusesBadRequests()
{
    QFETCH(QString, body);
    QFETCH(QString, reason);
    const HttpReply reply = httpRequest(
        "POST", m_hub->url(), QString(body).replace(QStringLiteral("%1"), m_hub->topic()).toUtf8(),
        { { "Authorization", "Bearer " + m_tokens.value(appA) },
          { "Content-Type", "application/x-www-form-urlencoded" } });
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json.value(QStringLiteral("resourceType")).toString(),
             QStringLiteral("OperationOutcome"));
    const QString diagnostics
        = reply.json[QStringLiteral("issue")][0][QStringLiteral("diagnostics")].toString();
    QVERIFY2(diagnostics.contains(reason), qPrintable(diagnostics));
    QVERIFY(!reply.json.contains(QStringLiteral("hub.channel.endpoint")));
}

void TestFhircastHub::wildCards_data()
{
    QTest::addColumn<QString>("asked");
    QTest::addColumn<QString>("granted");
    QTest::newRow("*") << QStringLiteral("*")
                       << QStringLiteral("Patient-open,Patient-close,SyncError,UserLogout,"
                                         "UserHibernate");
    QTest::newRow("Patient-*") << QStringLiteral("patient-*")
                               << QStringLiteral("Patient-open,Patient-close");
    QTest::newRow("*-close") << QStringLiteral("*-close,syncerror")
                             << QStringLiteral("Patient-close,SyncError");
    QTest::newRow("*-*") << QStringLiteral("*-*") << QStringLiteral("Patient-open,Patient-close");
}

// FHIRcast 3.0.0 §2.3: subscriptions may name events with wild cards; the confirmation lists
// what was granted.
void TestFhircastHub::wildCards()
{
    QFETCH(QString, asked);
    QFETCH(QString, granted);
    FhircastSubscriber *joined = join(appA, asked);
    QVERIFY(joined);
    QCOMPARE(joined->messages().first()[QStringLiteral("hub.events")].toString(), granted);
}

void TestFhircastHub::leaseIsCapped()
{
    FhircastSubscriber *asked = subscriber(appA);
    QCOMPARE(asked->subscribe(m_hub->topic(), contextEvents, 999999).status, 202);
    QVERIFY(asked->connectSocket());
    QVERIFY(asked->waitForMessages(1));
    QCOMPARE(asked->messages().first().value(QStringLiteral("hub.lease_seconds")).toInt(), 3600);

    FhircastSubscriber *shorter = subscriber(appB);
    QCOMPARE(shorter->subscribe(m_hub->topic(), contextEvents, 120).status, 202);
    QVERIFY(shorter->connectSocket());
    QVERIFY(shorter->waitForMessages(1));
    QCOMPARE(shorter->messages().first().value(QStringLiteral("hub.lease_seconds")).toInt(), 120);
}

void TestFhircastHub::resubscribeReplacesEventsAndLease()
{
    FhircastSubscriber *renewing = join(appA, QStringLiteral("Patient-open"));
    QVERIFY(renewing);
    const HttpReply reply
        = renewing->resubscribe(m_hub->topic(), QStringLiteral("Patient-open,UserLogout"), 600);
    QCOMPARE(reply.status, 202);
    QCOMPARE(reply.json[QStringLiteral("hub.channel.endpoint")].toString(),
             renewing->endpoint().toString());
    QVERIFY(renewing->waitForMessages(2)); // a new confirmation on the same socket
    const QJsonObject confirmation = renewing->messages().at(1);
    QCOMPARE(confirmation[QStringLiteral("hub.events")].toString(),
             QStringLiteral("Patient-open,UserLogout"));
    QCOMPARE(confirmation[QStringLiteral("hub.lease_seconds")].toInt(), 600);
    m_hub->userLogout();
    QVERIFY(renewing->waitForEvents(QStringLiteral("UserLogout")));
    QCOMPARE(m_hub->subscriberCount(), 1);

    // Someone else's endpoint cannot be renewed.
    const QByteArray body = "hub.channel.type=websocket&hub.mode=subscribe&hub.events=SyncError"
                            "&hub.topic="
        + m_hub->topic().toUtf8()
        + "&hub.channel.endpoint=" + QUrl::toPercentEncoding(renewing->endpoint().toString());
    QCOMPARE(httpRequest("POST", m_hub->url(), body,
                         { { "Authorization", "Bearer " + m_tokens.value(appB) },
                           { "Content-Type", "application/x-www-form-urlencoded" } })
                 .status,
             404);
}

void TestFhircastHub::lanyardOpenReachesEverySubscriber_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("two") << 2;
    QTest::newRow("three") << 3;
}

void TestFhircastHub::lanyardOpenReachesEverySubscriber()
{
    QFETCH(int, count);
    QSignalSpy bySubscriber(m_hub.get(), &FhircastHub::patientOpenedBySubscriber);
    QSignalSpy syncErrors(m_hub.get(), &FhircastHub::syncErrorRaised);
    QList<FhircastSubscriber *> joined;
    for (int i = 0; i < count; ++i) {
        joined << join(QList<QString> { appA, appB, appC }.at(i));
        QVERIFY(joined.last());
    }
    QCOMPARE(m_hub->subscriberCount(), count);

    m_hub->openPatient(patient());
    QCOMPARE(m_hub->currentPatient(), patient());
    QString id;
    for (FhircastSubscriber *each : joined) {
        QVERIFY(each->waitForEvents(QStringLiteral("Patient-open")));
        const QJsonObject message = each->events(QStringLiteral("Patient-open")).first();
        QCOMPARE(message.keys(),
                 (QStringList { QStringLiteral("event"), QStringLiteral("id"),
                                QStringLiteral("timestamp") }));
        const QDateTime when = QDateTime::fromString(
            message[QStringLiteral("timestamp")].toString(), Qt::ISODateWithMs);
        QVERIFY(when.isValid());
        QCOMPARE(when.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(when.msecsTo(QDateTime::currentDateTimeUtc())) < 5000);
        if (id.isEmpty())
            id = message[QStringLiteral("id")].toString();
        QCOMPARE(message[QStringLiteral("id")].toString(), id); // one event, one id
        const QJsonObject event { { QStringLiteral("hub.topic"), m_hub->topic() },
                                  { QStringLiteral("hub.event"), QStringLiteral("Patient-open") },
                                  { QStringLiteral("context"), patientContext(patient()) } };
        QCOMPARE(eventOf(message), event);
    }
    QVERIFY(!id.isEmpty());
    // Everyone answered 200: past the acknowledgement timeout, still no SyncError.
    QTest::qWait(int(acknowledgementTimeout.count()) + 200);
    QCOMPARE(syncErrors.size(), 0);
    for (FhircastSubscriber *each : joined)
        QCOMPARE(each->messages().size(), 2);
    QCOMPARE(bySubscriber.size(), 0); // Lanyard's own change is not echoed
}

void TestFhircastHub::subscriberPublishReachesEveryoneAndTheSender()
{
    QSignalSpy bySubscriber(m_hub.get(), &FhircastHub::patientOpenedBySubscriber);
    FhircastSubscriber *sender = join(appA);
    FhircastSubscriber *second = join(appB);
    FhircastSubscriber *third = join(appC);
    QVERIFY(sender && second && third);

    const QJsonObject resource = patient(QStringLiteral("9000000017"));
    const HttpReply reply
        = sender->publish(eventRequest(QStringLiteral("patient-open"), m_hub->topic(),
                                       patientContext(resource), QStringLiteral("epr-42")));
    QCOMPARE(reply.status, 202);
    for (FhircastSubscriber *each : { sender, second, third }) {
        QVERIFY(each->waitForEvents(QStringLiteral("Patient-open")));
        const QJsonObject message = each->events(QStringLiteral("Patient-open")).first();
        QCOMPARE(message[QStringLiteral("id")].toString(), QStringLiteral("epr-42")); // §2.6
        QCOMPARE(message[QStringLiteral("timestamp")].toString(),
                 QStringLiteral("2026-03-02T09:15:00.120Z"));
        QCOMPARE(firstResource(message)[QStringLiteral("resource")].toObject(), resource);
    }
    QCOMPARE(bySubscriber.size(), 1);
    QCOMPARE(bySubscriber.first().at(0).toJsonObject(), resource);
    QCOMPARE(bySubscriber.first().at(1).toString(), appA);
    QCOMPARE(m_hub->currentPatient(), resource);
}

void TestFhircastHub::publishRefusesBadEvents_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<int>("status");
    const QString topic = QStringLiteral("%TOPIC%");
    QJsonObject noId = patient();
    noId.remove(QStringLiteral("id"));
    QJsonObject notPatient = patient();
    notPatient.insert(QStringLiteral("resourceType"), QStringLiteral("Practitioner"));
    QTest::newRow("patient without id")
        << eventRequest(QStringLiteral("Patient-open"), topic, patientContext(noId)) << 400;
    QTest::newRow("not a patient")
        << eventRequest(QStringLiteral("Patient-open"), topic, patientContext(notPatient)) << 400;
    QTest::newRow("wrong topic") << eventRequest(
        QStringLiteral("Patient-open"), QStringLiteral("another"), patientContext(patient()))
                                 << 400;
    QTest::newRow("unknown event")
        << eventRequest(QStringLiteral("Patient-frobnicate"), topic, patientContext(patient()))
        << 400;
    QJsonObject noTimestamp
        = eventRequest(QStringLiteral("Patient-open"), topic, patientContext(patient()));
    noTimestamp.remove(QStringLiteral("timestamp"));
    QTest::newRow("no timestamp") << noTimestamp << 400;
    // §2.3: context keys are lower case and compared case-sensitively.
    const QJsonArray upperKey { QJsonObject { { QStringLiteral("key"), QStringLiteral("Patient") },
                                              { QStringLiteral("resource"), patient() } } };
    QTest::newRow("key not lower case")
        << eventRequest(QStringLiteral("Patient-open"), topic, upperKey) << 400;
    QTest::newRow("logout from a subscriber")
        << eventRequest(QStringLiteral("UserLogout"), topic, {}) << 403;
}

void TestFhircastHub::publishRefusesBadEvents()
{
    QFETCH(QJsonObject, request);
    QFETCH(int, status);
    FhircastSubscriber *publisher = join(appA);
    QVERIFY(publisher);
    const QByteArray body
        = QJsonDocument(request).toJson().replace("%TOPIC%", m_hub->topic().toUtf8());
    const HttpReply reply = publisher->publish(QJsonDocument::fromJson(body).object());
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json.value(QStringLiteral("resourceType")).toString(),
             QStringLiteral("OperationOutcome"));
    QTest::qWait(100);
    QCOMPARE(publisher->messages().size(), 1); // nothing was broadcast
    QVERIFY(m_hub->currentPatient().isEmpty());

    // Without a token nothing is even read.
    const HttpReply anonymous
        = httpRequest("POST", m_hub->url(), body, { { "Content-Type", "application/fhir+json" } });
    QCOMPARE(anonymous.status, 401);
}

void TestFhircastHub::patientClose()
{
    FhircastSubscriber *listener = join(appA);
    QVERIFY(listener);
    m_hub->closePatient(); // nothing open: nothing sent
    m_hub->openPatient(patient());
    QVERIFY(listener->waitForEvents(QStringLiteral("Patient-open")));
    m_hub->closePatient();
    QVERIFY(listener->waitForEvents(QStringLiteral("Patient-close")));
    const QJsonObject close = listener->events(QStringLiteral("Patient-close")).first();
    QCOMPARE(firstResource(close)[QStringLiteral("key")].toString(), QStringLiteral("patient"));
    QCOMPARE(firstResource(close)[QStringLiteral("resource")][QStringLiteral("id")].toString(),
             QStringLiteral("9000000009"));
    QVERIFY(close[QStringLiteral("id")]
            != listener->events(QStringLiteral("Patient-open")).first()[QStringLiteral("id")]);
    QVERIFY(m_hub->currentPatient().isEmpty());
    QCOMPARE(listener->messages().size(), 3);
}

void TestFhircastHub::subscriberPatientClose()
{
    QSignalSpy closedBy(m_hub.get(), &FhircastHub::patientClosedBySubscriber);
    FhircastSubscriber *closer = join(appB);
    FhircastSubscriber *listener = join(appA);
    QVERIFY(closer && listener);
    m_hub->openPatient(patient());
    QVERIFY(listener->waitForEvents(QStringLiteral("Patient-open")));

    const HttpReply stale
        = closer->publish(eventRequest(QStringLiteral("Patient-close"), m_hub->topic(),
                                       patientContext(patient(QStringLiteral("9000000025")))));
    QCOMPARE(stale.status, 409);
    QCOMPARE(m_hub->currentPatient(), patient());

    const HttpReply reply = closer->publish(
        eventRequest(QStringLiteral("Patient-close"), m_hub->topic(), patientContext(patient())));
    QCOMPARE(reply.status, 202);
    QVERIFY(listener->waitForEvents(QStringLiteral("Patient-close")));
    QVERIFY(closer->waitForEvents(QStringLiteral("Patient-close")));
    QCOMPARE(listener->events(QStringLiteral("Patient-close")).size(), 1);
    QCOMPARE(closedBy.size(), 1);
    QCOMPARE(closedBy.first().first().toString(), appB);
    QVERIFY(m_hub->currentPatient().isEmpty());
}

void TestFhircastHub::currentContext()
{
    FhircastSubscriber *asker = subscriber(appA);
    HttpReply before = asker->currentContext(m_hub->topic());
    QCOMPARE(before.status, 200);
    QCOMPARE(before.json[QStringLiteral("context.type")].toString(), QString());
    QCOMPARE(before.json[QStringLiteral("context")].toArray(), QJsonArray());
    const QString emptyVersion = before.json[QStringLiteral("context.versionId")].toString();
    QVERIFY(!emptyVersion.isEmpty());

    m_hub->openPatient(patient());
    const HttpReply during = asker->currentContext(m_hub->topic());
    QCOMPARE(during.status, 200);
    QCOMPARE(during.json[QStringLiteral("context.type")].toString(), QStringLiteral("Patient"));
    QCOMPARE(during.json[QStringLiteral("context")].toArray(), patientContext(patient()));
    QVERIFY(during.json[QStringLiteral("context.versionId")].toString() != emptyVersion);

    m_hub->closePatient();
    const HttpReply after = asker->currentContext(m_hub->topic());
    QCOMPARE(after.json[QStringLiteral("context")].toArray(), QJsonArray());

    QCOMPARE(asker->currentContext(QStringLiteral("not-the-topic")).status, 404);
    QCOMPARE(httpRequest("GET", hubPath(QLatin1Char('/') + m_hub->topic())).status, 401);
}

void TestFhircastHub::newSubscriptionReceivesCurrentContext()
{
    FhircastSubscriber *first = join(appA);
    QVERIFY(first);
    m_hub->openPatient(patient());
    QVERIFY(first->waitForEvents(QStringLiteral("Patient-open")));
    const QString openId
        = first->events(QStringLiteral("Patient-open")).first()[QStringLiteral("id")].toString();
    QCOMPARE(first->unsubscribe(m_hub->topic()).status, 202);
    QVERIFY(first->waitForDisconnected());

    // A new subscription (the reconnect of the same application): confirmation, then the open
    // context (FHIRcast 3.0.0 §2.4), the same event with its own id and timestamp.
    FhircastSubscriber *again = subscriber(appA);
    QCOMPARE(again->subscribe(m_hub->topic(), contextEvents).status, 202);
    QVERIFY(again->connectSocket());
    QVERIFY(again->waitForMessages(2));
    QCOMPARE(again->messages().at(0)[QStringLiteral("hub.mode")].toString(),
             QStringLiteral("subscribe"));
    const QJsonObject resent = again->messages().at(1);
    QCOMPARE(eventOf(resent)[QStringLiteral("hub.event")].toString(),
             QStringLiteral("Patient-open"));
    QCOMPARE(resent[QStringLiteral("id")].toString(), openId);
    QCOMPARE(firstResource(resent)[QStringLiteral("resource")].toObject(), patient());

    // Not subscribed to Patient-open: not sent it (§2.4).
    FhircastSubscriber *closesOnly = join(appB, QStringLiteral("Patient-close"));
    QVERIFY(closesOnly);
    QTest::qWait(150);
    QCOMPARE(closesOnly->messages().size(), 1);
}

void TestFhircastHub::unauthenticatedSubscribeRefused_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("revoke");
    QTest::newRow("no token") << QByteArray() << false;
    QTest::newRow("wrong token") << QByteArray("Bearer bm90LWEtdG9rZW4tbm90LWEtdG9rZW4") << false;
    QTest::newRow("not bearer") << QByteArray("Basic b3JnLmV4YW1wbGUuZXByOnB3") << false;
    QTest::newRow("revoked token") << QByteArray() << true;
}

void TestFhircastHub::unauthenticatedSubscribeRefused()
{
    QFETCH(QByteArray, authorization);
    QFETCH(bool, revoke);
    if (revoke) {
        authorization = "Bearer " + m_tokens.value(appA);
        m_hub->revokeAllTokens();
    }
    QList<QNetworkReply::RawHeaderPair> headers { { "Content-Type",
                                                    "application/x-www-form-urlencoded" } };
    if (!authorization.isEmpty())
        headers.append({ "Authorization", authorization });
    const QByteArray body = "hub.channel.type=websocket&hub.mode=subscribe&hub.topic="
        + m_hub->topic().toUtf8() + "&hub.events=Patient-open";
    const HttpReply reply = httpRequest("POST", m_hub->url(), body, headers);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.header("WWW-Authenticate"), QByteArray("Bearer"));
    QCOMPARE(reply.json.value(QStringLiteral("resourceType")).toString(),
             QStringLiteral("OperationOutcome"));
    QVERIFY(!reply.json.contains(QStringLiteral("hub.channel.endpoint")));
    QCOMPARE(m_hub->subscriberCount(), 0);
}

void TestFhircastHub::madeUpEndpointClosed_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("upgraded");
    // Under the endpoints' path the handshake completes and the hub closes with 1008; anywhere
    // else the upgrade is refused with an HTTP 404.
    QTest::newRow("made-up id") << QStringLiteral(
        "/fhircast/websocket/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                                << true;
    QTest::newRow("other path") << QStringLiteral("/somewhere") << false;
}

void TestFhircastHub::madeUpEndpointClosed()
{
    QFETCH(QString, path);
    QFETCH(bool, upgraded);
    FhircastSubscriber *real = join(appA); // a real subscription exists beside it
    QVERIFY(real);
    FhircastSubscriber *intruder = subscriber(appB);
    QUrl url = m_hub->url();
    url.setScheme(QStringLiteral("ws"));
    url.setPath(path);
    QCOMPARE(intruder->connectSocket(url), upgraded);
    if (upgraded) {
        QVERIFY(intruder->waitForDisconnected());
        QCOMPARE(intruder->socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    }
    QCOMPARE(intruder->messages().size(), 0);
    QCOMPARE(m_hub->subscriberCount(), 1);

    // An endpoint already connected is not shared.
    FhircastSubscriber *copycat = subscriber(appA);
    if (copycat->connectSocket(real->endpoint()))
        QVERIFY(copycat->waitForDisconnected());
    QCOMPARE(copycat->socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(real->isConnected());
}

void TestFhircastHub::refusalRaisesSyncError()
{
    QSignalSpy syncErrors(m_hub.get(), &FhircastHub::syncErrorRaised);
    FhircastSubscriber *refuser = join(appA, contextEvents, QStringLiteral("Acme EPR"));
    FhircastSubscriber *other = join(appB);
    QVERIFY(refuser && other);
    refuser->answerWith(409);

    m_hub->openPatient(patient());
    QVERIFY(other->waitForEvents(QStringLiteral("SyncError")));
    const QString openId
        = other->events(QStringLiteral("Patient-open")).first()[QStringLiteral("id")].toString();
    const QJsonObject syncError = other->events(QStringLiteral("SyncError")).first();
    const QJsonObject entry = firstResource(syncError);
    QCOMPARE(entry[QStringLiteral("key")].toString(), QStringLiteral("operationoutcome"));
    const QJsonObject issue
        = entry[QStringLiteral("resource")][QStringLiteral("issue")][0].toObject();
    QCOMPARE(entry[QStringLiteral("resource")][QStringLiteral("resourceType")].toString(),
             QStringLiteral("OperationOutcome"));
    QCOMPARE(issue[QStringLiteral("severity")].toString(), QStringLiteral("warning"));
    QCOMPARE(issue[QStringLiteral("code")].toString(), QStringLiteral("processing"));
    QCOMPARE(syncErrorCoding(syncError, QStringLiteral("eventid")), openId);
    QCOMPARE(syncErrorCoding(syncError, QStringLiteral("eventname")),
             QStringLiteral("Patient-open"));
    QCOMPARE(syncErrorCoding(syncError, QStringLiteral("subscribername")),
             QStringLiteral("Acme EPR"));

    QCOMPARE(syncErrors.size(), 1);
    QCOMPARE(syncErrors.first().at(0).toString(), appA);
    QVERIFY(syncErrors.first().at(1).toString().contains(QStringLiteral("409")));
    // The SyncError goes to the others; a refusal does not end the subscription.
    QTest::qWait(100);
    QCOMPARE(refuser->events(QStringLiteral("SyncError")).size(), 0);
    QVERIFY(refuser->isConnected());
    QCOMPARE(m_hub->subscriberCount(), 2);
}

void TestFhircastHub::silenceRaisesSyncError()
{
    QSignalSpy syncErrors(m_hub.get(), &FhircastHub::syncErrorRaised);
    FhircastSubscriber *silent = join(appA);
    FhircastSubscriber *other = join(appB);
    QVERIFY(silent && other);
    silent->answerWith(std::nullopt);

    QElapsedTimer clock;
    clock.start();
    m_hub->openPatient(patient());
    QTest::qWait(int(acknowledgementTimeout.count()) - 100);
    QCOMPARE(syncErrors.size(), 0); // not before the timeout
    QVERIFY(other->waitForEvents(QStringLiteral("SyncError")));
    QVERIFY(clock.elapsed() >= acknowledgementTimeout.count() - 10);
    QCOMPARE(syncErrors.size(), 1);
    QCOMPARE(syncErrors.first().at(0).toString(), appA);
    QCOMPARE(
        syncErrorCoding(other->events(QStringLiteral("SyncError")).first(),
                        QStringLiteral("eventid")),
        silent->events(QStringLiteral("Patient-open")).first()[QStringLiteral("id")].toString());
    // §2.5: an unresponsive subscriber is unsubscribed: denial, then a normal close.
    QVERIFY(silent->waitForDisconnected());
    QCOMPARE(silent->socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(silent->messages().last()[QStringLiteral("hub.mode")].toString(),
             QStringLiteral("denied"));
    QCOMPARE(m_hub->subscriberCount(), 1);
}

void TestFhircastHub::closeCodes_data()
{
    QTest::addColumn<int>("code"); // 0: the connection is dropped without a close frame
    QTest::addColumn<bool>("syncError");
    QTest::newRow("1000 normal") << 1000 << false;
    QTest::newRow("1001 going away") << 1001 << false;
    QTest::newRow("1002 protocol error") << 1002 << true;
    QTest::newRow("1011 internal error") << 1011 << true;
    QTest::newRow("4000 application") << 4000 << true;
    QTest::newRow("dropped (1006)") << 0 << true;
}

void TestFhircastHub::closeCodes()
{
    QFETCH(int, code);
    QFETCH(bool, syncError);
    QSignalSpy syncErrors(m_hub.get(), &FhircastHub::syncErrorRaised);
    FhircastSubscriber *leaving = join(appA);
    FhircastSubscriber *other = join(appB);
    QVERIFY(leaving && other);
    m_hub->openPatient(patient());
    QVERIFY(leaving->waitForEvents(QStringLiteral("Patient-open")));
    QVERIFY(other->waitForEvents(QStringLiteral("Patient-open")));
    QTest::qWait(50); // the answers are in

    if (code == 0)
        leaving->socket().abort();
    else
        leaving->socket().close(QWebSocketProtocol::CloseCode(code));
    QTRY_COMPARE(m_hub->subscriberCount(), 1); // the subscription is gone either way
    if (syncError) {
        QVERIFY(other->waitForEvents(QStringLiteral("SyncError")));
        QCOMPARE(syncErrors.size(), 1);
        QCOMPARE(syncErrors.first().at(0).toString(), appA);
        QCOMPARE(syncErrorCoding(other->events(QStringLiteral("SyncError")).first(),
                                 QStringLiteral("eventname")),
                 QStringLiteral("Patient-open"));
    } else {
        QTest::qWait(int(acknowledgementTimeout.count()) + 100);
        QCOMPARE(syncErrors.size(), 0);
        QCOMPARE(other->events(QStringLiteral("SyncError")).size(), 0);
    }
}

void TestFhircastHub::unsubscribeClosesNormally()
{
    QSignalSpy syncErrors(m_hub.get(), &FhircastHub::syncErrorRaised);
    FhircastSubscriber *leaving = join(appA);
    FhircastSubscriber *other = join(appB);
    QVERIFY(leaving && other);
    const HttpReply reply = leaving->unsubscribe(m_hub->topic());
    QCOMPARE(reply.status, 202);
    QCOMPARE(reply.json[QStringLiteral("hub.channel.endpoint")].toString(),
             leaving->endpoint().toString());
    QVERIFY(leaving->waitForDisconnected());
    QCOMPARE(leaving->socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
    const QJsonObject denial = leaving->messages().last();
    QCOMPARE(denial[QStringLiteral("hub.mode")].toString(), QStringLiteral("denied"));
    QCOMPARE(denial[QStringLiteral("hub.topic")].toString(), m_hub->topic());
    QCOMPARE(denial[QStringLiteral("hub.events")].toString(), contextEvents);
    QVERIFY(denial.contains(QStringLiteral("hub.reason")));
    QCOMPARE(m_hub->subscriberCount(), 1);

    // Another application cannot unsubscribe someone else's endpoint.
    FhircastSubscriber *stranger = subscriber(appC);
    QCOMPARE(stranger->subscribe(m_hub->topic(), contextEvents).status, 202);
    const QByteArray body
        = "hub.channel.type=websocket&hub.mode=unsubscribe&hub.topic=" + m_hub->topic().toUtf8()
        + "&hub.channel.endpoint=" + QUrl::toPercentEncoding(other->endpoint().toString());
    QCOMPARE(httpRequest("POST", m_hub->url(), body,
                         { { "Authorization", "Bearer " + m_tokens.value(appC) },
                           { "Content-Type", "application/x-www-form-urlencoded" } })
                 .status,
             404);
    QVERIFY(other->isConnected());
    QTest::qWait(100);
    QCOMPARE(syncErrors.size(), 0);
}

void TestFhircastHub::leaseExpiryCloses()
{
    QSignalSpy syncErrors(m_hub.get(), &FhircastHub::syncErrorRaised);
    FhircastSubscriber *shortLived = subscriber(appA);
    QCOMPARE(shortLived->subscribe(m_hub->topic(), contextEvents, 1).status, 202);
    QVERIFY(shortLived->connectSocket());
    QVERIFY(shortLived->waitForMessages(1));
    QCOMPARE(shortLived->messages().first()[QStringLiteral("hub.lease_seconds")].toInt(), 1);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(shortLived->waitForDisconnected(3000));
    QVERIFY(clock.elapsed() >= 700); // the lease, not an immediate close
    QCOMPARE(shortLived->socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(shortLived->messages().last()[QStringLiteral("hub.mode")].toString(),
             QStringLiteral("denied"));
    QCOMPARE(shortLived->messages().last()[QStringLiteral("hub.reason")].toString(),
             QStringLiteral("lease expired"));
    QCOMPARE(m_hub->subscriberCount(), 0);
    QCOMPARE(syncErrors.size(), 0);
}

void TestFhircastHub::revokeAllTokensClosesEverything()
{
    QSignalSpy changed(m_hub.get(), &FhircastHub::subscribersChanged);
    FhircastSubscriber *first = join(appA);
    FhircastSubscriber *second = join(appB);
    QVERIFY(first && second);
    m_hub->openPatient(patient());
    QVERIFY(first->waitForMessages(2));
    QVERIFY(second->waitForMessages(2));

    m_hub->revokeAllTokens();
    for (FhircastSubscriber *each : { first, second }) {
        QVERIFY(each->waitForDisconnected());
        QCOMPARE(each->socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
        QCOMPARE(each->messages().size(), 2); // nothing more was sent
    }
    QCOMPARE(m_hub->subscriberCount(), 0);
    QCOMPARE(changed.last().first().toInt(), 0);
    QVERIFY(m_hub->currentPatient().isEmpty()); // the next session starts with no patient
    FhircastSubscriber *late = subscriber(appA);
    QCOMPARE(late->subscribe(m_hub->topic(), contextEvents).status, 401);

    // A token issued after the revocation works.
    m_tokens.insert(appA, m_hub->issueToken(appA));
    QVERIFY(join(appA));
}

void TestFhircastHub::sessionEvents()
{
    FhircastSubscriber *listener
        = join(appA, QStringLiteral("UserHibernate,UserLogout,Patient-open"));
    QVERIFY(listener);
    m_hub->openPatient(patient());
    QVERIFY(listener->waitForEvents(QStringLiteral("Patient-open")));

    m_hub->userHibernate();
    QVERIFY(listener->waitForEvents(QStringLiteral("UserHibernate")));
    const QJsonObject hibernate
        = firstResource(listener->events(QStringLiteral("UserHibernate")).first());
    QCOMPARE(hibernate[QStringLiteral("key")].toString(), QStringLiteral("parameters"));
    QCOMPARE(hibernate[QStringLiteral("resource")][QStringLiteral("resourceType")].toString(),
             QStringLiteral("Parameters"));
    QCOMPARE(m_hub->currentPatient(), patient()); // a locked session keeps its patient

    m_hub->userLogout();
    QVERIFY(listener->waitForEvents(QStringLiteral("UserLogout")));
    const QJsonObject logout
        = firstResource(listener->events(QStringLiteral("UserLogout")).first());
    QCOMPARE(logout[QStringLiteral("resource")][QStringLiteral("parameter")][0]
                   [QStringLiteral("valueCoding")][QStringLiteral("code")]
                       .toString(),
             QStringLiteral("user-initiated"));
    QVERIFY(m_hub->currentPatient().isEmpty());
    QCOMPARE(
        subscriber(appB)->currentContext(m_hub->topic()).json[QStringLiteral("context")].toArray(),
        QJsonArray());
}

void TestFhircastHub::listensOnLoopbackOnly()
{
    const quint16 port = quint16(m_hub->url().port());
    const auto servers = m_hub->findChildren<QTcpServer *>();
    QVERIFY(!servers.isEmpty());
    for (const QTcpServer *server : servers) {
        QVERIFY(server->isListening());
        QCOMPARE(server->serverAddress(), QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(server->serverPort(), port);
    }
    // What the kernel has listening on the port: 127.0.0.1 and nothing else.
    QCOMPARE(listeningAddresses(QStringLiteral("/proc/net/tcp"), port),
             QStringList { QStringLiteral("0100007F") });
    QCOMPARE(listeningAddresses(QStringLiteral("/proc/net/tcp6"), port), QStringList());

    int tried = 0;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback())
            continue;
        ++tried;
        QTcpSocket socket;
        socket.connectToHost(address, port);
        QVERIFY2(!socket.waitForConnected(2000), qPrintable(address.toString()));
    }
    if (tried == 0)
        qInfo("this machine has no non-loopback address to try");
}

void TestFhircastHub::portInUse()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    FhircastHub::Config config;
    config.port = taken.serverPort();
    const auto started = FhircastHub::start(config);
    QVERIFY(!started.ok());
    QVERIFY(started.error().is(ContextError::Hub));
    const QString message = started.error().message;
    QVERIFY2(message.contains(QString::number(taken.serverPort())), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("hub/port")), qPrintable(message));
}

void TestFhircastHub::oversizeBodyRefused_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("just over 1 MiB") << 1024 * 1024 + 10; // read, then refused
    QTest::newRow("3 MiB") << 3 * 1024 * 1024; // cut off on the way in
}

void TestFhircastHub::oversizeBodyRefused()
{
    QFETCH(int, size);
    FhircastSubscriber *listener = join(appA);
    QVERIFY(listener);
    QByteArray body = QJsonDocument(eventRequest(QStringLiteral("Patient-open"), m_hub->topic(),
                                                 patientContext(patient())))
                          .toJson(QJsonDocument::Compact);
    body.insert(1, "\"padding\":\"" + QByteArray(size - body.size() - 13, 'x') + "\",");
    QCOMPARE(body.size(), size);
    const HttpReply reply = httpRequest("POST", m_hub->url(), body,
                                        { { "Authorization", "Bearer " + m_tokens.value(appA) },
                                          { "Content-Type", "application/fhir+json" } });
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.json.value(QStringLiteral("resourceType")).toString(),
             QStringLiteral("OperationOutcome"));
    QVERIFY(m_hub->currentPatient().isEmpty());
    QCOMPARE(listener->messages().size(), 1);
    // The hub goes on serving.
    QCOMPARE(
        httpRequest("GET", hubPath(QStringLiteral("/.well-known/fhircast-configuration"))).status,
        200);
}

void TestFhircastHub::malformedJsonRefused()
{
    const HttpReply reply = httpRequest("POST", m_hub->url(), "{\"id\": \"x\", \"event\": ",
                                        { { "Authorization", "Bearer " + m_tokens.value(appA) },
                                          { "Content-Type", "application/fhir+json" } });
    QCOMPARE(reply.status, 400);
    const QString diagnostics
        = reply.json[QStringLiteral("issue")][0][QStringLiteral("diagnostics")].toString();
    QVERIFY2(diagnostics.contains(QStringLiteral("not JSON")), qPrintable(diagnostics));
    const HttpReply xml = httpRequest("POST", m_hub->url(), "<Patient/>",
                                      { { "Authorization", "Bearer " + m_tokens.value(appA) },
                                        { "Content-Type", "application/fhir+xml" } });
    QCOMPARE(xml.status, 415);
}

void TestFhircastHub::oversizeFrameClosesSocket()
{
    FhircastSubscriber *flooder = join(appA);
    QVERIFY(flooder);
    flooder->socket().sendTextMessage(QString(2 * 1024 * 1024, QLatin1Char('x')));
    QVERIFY(flooder->waitForDisconnected());
    QCOMPARE(flooder->socket().closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QTRY_COMPARE(m_hub->subscriberCount(), 0);
}

// One application publishing as fast as it can: after a burst of 10 it is answered 429 with
// Retry-After (said once in the log); the others keep being served at once, and the flooder is
// heard again once it slows down.
void TestFhircastHub::floodOfPublishesIsHeldBack()
{
    FhircastSubscriber *flooder = join(appA);
    FhircastSubscriber *other = join(appB);
    QVERIFY(flooder && other);
    int accepted = 0, refused = 0;
    QByteArray retryAfter;
    for (int i = 0; i < 100; ++i) {
        const HttpReply reply = flooder->publish(
            eventRequest(QStringLiteral("patient-open"), m_hub->topic(),
                         patientContext(patient(QStringLiteral("9000000017"))),
                         QStringLiteral("flood-%1").arg(i)));
        if (reply.status == 202) {
            ++accepted;
        } else {
            QCOMPARE(reply.status, 429);
            retryAfter = reply.header("Retry-After");
            ++refused;
        }
    }
    QVERIFY2(accepted >= 10 && accepted <= 20, qPrintable(QString::number(accepted)));
    QCOMPARE(accepted + refused, 100);
    QVERIFY(retryAfter.toInt() >= 1);

    // Lanyard's own change still reaches the other subscriber, after only what was accepted.
    m_hub->openPatient(patient(QStringLiteral("9000000009")));
    QVERIFY(other->waitForEvents(QStringLiteral("Patient-open"), accepted + 1));
    QCOMPARE(other->events(QStringLiteral("Patient-open")).size(), accepted + 1);
    QCOMPARE(m_hub->currentPatient(), patient(QStringLiteral("9000000009")));

    // Slower now: heard again.
    QTest::qWait(1000);
    const HttpReply later = flooder->publish(eventRequest(
        QStringLiteral("patient-open"), m_hub->topic(),
        patientContext(patient(QStringLiteral("9000000017"))), QStringLiteral("calm")));
    QCOMPARE(later.status, 202);
}

// A subscriber that sends message after message nobody asked for is cut off with 1008 (policy
// violation); the others stay connected and get the next event, told of the flooder's going by a
// SyncError.
void TestFhircastHub::floodOfMessagesCutsTheFlooderOff()
{
    FhircastSubscriber *flooder = join(appA);
    FhircastSubscriber *other = join(appB);
    QVERIFY(flooder && other);
    for (int i = 0; i < 500; ++i)
        flooder->socket().sendTextMessage(QStringLiteral("{\"id\":\"x%1\",\"status\":200}").arg(i));
    QVERIFY(flooder->waitForDisconnected());
    QCOMPARE(flooder->socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QTRY_COMPARE(m_hub->subscriberCount(), 1);
    QVERIFY(other->isConnected());
    QVERIFY(other->waitForEvents(QStringLiteral("SyncError")));
    m_hub->openPatient(patient());
    QVERIFY(other->waitForEvents(QStringLiteral("Patient-open")));
}

// A subscriber answering every one of many events is not flooding, however many there are.
void TestFhircastHub::answersToManyEventsAreNoFlood()
{
    FhircastSubscriber *busy = join(appA);
    QVERIFY(busy);
    for (int i = 0; i < 200; ++i) {
        m_hub->openPatient(patient(i % 2 ? QStringLiteral("9000000009") : QStringLiteral("9000000017")));
        QCoreApplication::processEvents();
    }
    QVERIFY(busy->waitForEvents(QStringLiteral("Patient-open"), 200, 10000));
    QTest::qWait(200); // its answers arrive
    QVERIFY(busy->isConnected());
    QCOMPARE(m_hub->subscriberCount(), 1);
}

QTEST_GUILESS_MAIN(TestFhircastHub)
#include "tst_fhircasthub.moc"
