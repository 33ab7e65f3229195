// The workstation's current patient against the bed's PDS and a real hub with a real WebSocket
// subscriber: a lookup shows the patient and moves the applications; a failed lookup leaves no
// patient anywhere; a patient an application opens is confirmed with PDS first.
#include "bedtoken.h"
#include "fhircastsubscriber.h"

#include <lanyard/context/patientcontext.h>

#include <QTest>
#include <QUuid>

using namespace Lanyard;
using namespace Lanyard::Context;
using namespace Lanyard::Tests;

namespace {

NhsNumber number(const char *digits)
{
    return NhsNumber::parse(QString::fromLatin1(digits)).value();
}

QJsonObject patientOpen(const QString &topic, const QString &nhsNumber)
{
    const QJsonObject resource{
        {QStringLiteral("resourceType"), QStringLiteral("Patient")},
        {QStringLiteral("id"), nhsNumber},
        {QStringLiteral("identifier"),
         QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("https://fhir.nhs.uk/Id/nhs-number")},
                                {QStringLiteral("value"), nhsNumber}}}}};
    return {{QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {QStringLiteral("event"),
             QJsonObject{{QStringLiteral("hub.topic"), topic},
                         {QStringLiteral("hub.event"), QStringLiteral("Patient-open")},
                         {QStringLiteral("context"),
                          QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("patient")},
                                                 {QStringLiteral("resource"), resource}}}}}}};
}

QString patientIdOf(const QJsonObject &event)
{
    return event.value(QLatin1String("event")).toObject().value(QLatin1String("context")).toArray()
        .first().toObject().value(QLatin1String("resource")).toObject().value(QLatin1String("id")).toString();
}

// One workstation: PDS with alice's token, allergies from the same server, the hub, and one
// application subscribed to it.
struct Workstation
{
    Workstation()
    {
        token = FhirBed::accessToken();
        PdsSettings settings;
        settings.base = QUrl(FhirBed::base());
        settings.caBundle = FhirBed::caBundle();
        settings.requestTimeout = std::chrono::seconds(2); // the timeout fault's wait
        auto credentials = [this] {
            return std::optional<PdsCredentials>(PdsCredentials{token, QStringLiteral("555000000101"), {}});
        };
        pds = std::make_unique<PdsClient>(settings, credentials);
        allergies = std::make_unique<AllergyClient>(settings, credentials);
        hub = std::move(FhircastHub::start({}).value());
        context = std::make_unique<PatientContext>(*pds, allergies.get(), hub.get());
        QObject::connect(context.get(), &PatientContext::patientChanged,
                         [this](const std::optional<Patient> &p) { shown << (p ? p->nhsNumber : QString()); });
        QObject::connect(context.get(), &PatientContext::lookupFailed,
                         [this](const QString &message) { failures << message; });
        QObject::connect(context.get(), &PatientContext::allergiesChanged,
                         [this](const Allergies &a) { allergyStates << a; });
        application = std::make_unique<FhircastSubscriber>(hub->url(), hub->issueToken(QStringLiteral("epr")));
        subscribed = application->subscribe(hub->topic(), QStringLiteral("Patient-open,Patient-close")).status == 202
                     && application->connectSocket();
    }

    QByteArray token;
    std::unique_ptr<PdsClient> pds;
    std::unique_ptr<AllergyClient> allergies;
    std::unique_ptr<FhircastHub> hub;
    std::unique_ptr<PatientContext> context;
    std::unique_ptr<FhircastSubscriber> application;
    bool subscribed = false;
    QStringList shown;     // each patientChanged: the NHS number, or "" for none
    QStringList failures;
    QList<Allergies> allergyStates;
};

} // namespace

class TestPatientContext : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(FhirBed::isUp(), "run through ctest: this test needs the bed's IdP and FHIR server");
    }

    void cleanup() { FhirBed::setFault(QStringLiteral("none")); }

    void aLookupShowsThePatientAndMovesTheApplications()
    {
        Workstation w;
        QVERIFY(w.subscribed && !w.token.isEmpty());
        w.context->lookUp(number("9990000034"));
        QTRY_COMPARE_WITH_TIMEOUT(w.shown, QStringList{QStringLiteral("9990000034")}, 10000);
        QVERIFY(w.application->waitForEvents(QStringLiteral("Patient-open")));
        QCOMPARE(patientIdOf(w.application->events(QStringLiteral("Patient-open")).last()), QStringLiteral("9990000034"));
        QCOMPARE(w.hub->currentPatient().value(QLatin1String("id")).toString(), QStringLiteral("9990000034"));
    }

    void aFailedLookupLeavesNoPatientAnywhere_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("second");
        QTest::newRow("not found") << QString() << QStringLiteral("9111231130");
        QTest::newRow("server error") << QStringLiteral("error500") << QStringLiteral("9990000026");
        QTest::newRow("connection dropped") << QStringLiteral("drop") << QStringLiteral("9990000026");
        QTest::newRow("timeout") << QStringLiteral("slow") << QStringLiteral("9990000026");
    }

    void aFailedLookupLeavesNoPatientAnywhere()
    {
        QFETCH(QString, fault);
        QFETCH(QString, second);
        Workstation w;
        QVERIFY(w.subscribed);
        w.context->lookUp(number("9990000034"));
        QTRY_VERIFY_WITH_TIMEOUT(w.context->patient().has_value(), 10000);
        QVERIFY(w.application->waitForEvents(QStringLiteral("Patient-open")));
        if (!fault.isEmpty()) // slow: beyond the 2 s timeout, for the request and its retry
            QVERIFY(FhirBed::setFault(fault, 5, fault == QLatin1String("slow") ? 5000 : -1));
        w.context->lookUp(NhsNumber::parse(second).value());
        // Gone before PDS has even answered: nothing stale while the lookup runs.
        QVERIFY(!w.context->patient().has_value());
        QVERIFY(w.context->isLookingUp());
        QTRY_VERIFY_WITH_TIMEOUT(!w.failures.isEmpty(), 15000);
        QVERIFY(!w.context->patient().has_value());
        QCOMPARE(w.shown.last(), QString());
        QVERIFY(w.application->waitForEvents(QStringLiteral("Patient-close")));
        QVERIFY(w.hub->currentPatient().isEmpty());
    }

    void anApplicationsPatientIsConfirmedWithPdsThenShown()
    {
        Workstation w;
        QVERIFY(w.subscribed);
        QCOMPARE(w.application->publish(patientOpen(w.hub->topic(), QStringLiteral("9990000026"))).status / 100, 2);
        QTRY_COMPARE_WITH_TIMEOUT(w.shown, QStringList{QStringLiteral("9990000026")}, 10000);
        QCOMPARE(w.context->patient()->family, QStringLiteral("Merrow"));
    }

    void anApplicationsPatientPdsDoesNotKnowIsDroppedEverywhere()
    {
        Workstation w;
        QVERIFY(w.subscribed);
        QCOMPARE(w.application->publish(patientOpen(w.hub->topic(), QStringLiteral("9111231130"))).status / 100, 2);
        QTRY_VERIFY_WITH_TIMEOUT(!w.failures.isEmpty(), 10000);
        QVERIFY(!w.context->patient().has_value());
        QVERIFY(w.application->waitForEvents(QStringLiteral("Patient-close")));
        QVERIFY(w.hub->currentPatient().isEmpty());
    }

    void allergiesFollowThePatient()
    {
        Workstation w;
        w.context->lookUp(number("9000000009"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.allergyStates.isEmpty(), 10000);
        QCOMPARE(w.allergyStates.last().state, Allergies::State::Known);
        QVERIFY(!w.allergyStates.last().substances.isEmpty());
        w.context->lookUp(number("9990000034"));
        QTRY_COMPARE_WITH_TIMEOUT(w.allergyStates.size(), 2, 10000);
        QCOMPARE(w.allergyStates.last().state, Allergies::State::NotRecorded);
    }

    void clearingClosesThePatientEverywhere()
    {
        Workstation w;
        QVERIFY(w.subscribed);
        w.context->lookUp(number("9990000034"));
        QTRY_VERIFY_WITH_TIMEOUT(w.context->patient().has_value(), 10000);
        w.context->clear();
        QVERIFY(!w.context->patient().has_value());
        QVERIFY(w.application->waitForEvents(QStringLiteral("Patient-close")));
        QVERIFY(w.hub->currentPatient().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPatientContext)
#include "tst_patientcontext.moc"
