// AllergyClient against the bed's FHIR server (tests/bed/fhir/allergies.mjs): the four banner
// states from real AllergyIntolerance searchsets, PDS's headers on the request, and every failure
// reported as "Allergies unavailable" with a reason.
#include "bedtoken.h"

#include <lanyard/context/allergies.h>

#include <QRegularExpression>
#include <QtTest>

using namespace Lanyard;
using namespace Lanyard::Context;
namespace FhirBed = Lanyard::Tests::FhirBed;

namespace {

const QString AliceRole = QStringLiteral("555000000101");

QString field(const QJsonValue &logged, const char *name)
{
    return logged.toObject().value(QLatin1String(name)).toString();
}

} // namespace

class TestAllergyClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void knownAllergiesLeaveOutResolvedOnes();
    void noKnownAllergies();
    void notRecorded();
    void acceptsAFormattedNumber();
    void sendsPdsHeaders();
    void unavailableOnServerError();
    void unavailableWhenUnreachable();
    void unavailableWhenNotSignedIn();
    void unavailableForAnInvalidNumber();
    void destroyingTheClientCancels();

private:
    PdsSettings settings() const;
    std::unique_ptr<AllergyClient> newClient(const PdsSettings &settings);
    std::optional<Allergies> fetch(AllergyClient &client, const QString &nhsNumber);

    QByteArray m_token;
    std::optional<PdsCredentials> m_credentials;
    std::unique_ptr<AllergyClient> m_client;
};

PdsSettings TestAllergyClient::settings() const
{
    PdsSettings s;
    s.base = QUrl(FhirBed::base());
    s.caBundle = FhirBed::caBundle();
    return s;
}

std::unique_ptr<AllergyClient> TestAllergyClient::newClient(const PdsSettings &s)
{
    return std::make_unique<AllergyClient>(s, [this] { return m_credentials; });
}

std::optional<Allergies> TestAllergyClient::fetch(AllergyClient &client, const QString &nhsNumber)
{
    std::optional<Allergies> answer;
    int calls = 0;
    client.fetch(nhsNumber, this, [&](Allergies allergies) {
        ++calls;
        answer = std::move(allergies);
    });
    if (!QTest::qWaitFor([&] { return calls > 0; }, 20000))
        return std::nullopt;
    return answer;
}

void TestAllergyClient::initTestCase()
{
    if (!FhirBed::isUp())
        QSKIP("needs the test bed's FHIR server and IdP (run through ctest)");
    m_token = FhirBed::accessToken(QStringLiteral("alice"));
    QVERIFY(!m_token.isEmpty());
    m_client = newClient(settings());
}

void TestAllergyClient::init()
{
    m_credentials = PdsCredentials { m_token, AliceRole, {} };
    QVERIFY(FhirBed::setFault(QStringLiteral("none")));
    QVERIFY(FhirBed::clearRequests());
}

void TestAllergyClient::knownAllergiesLeaveOutResolvedOnes()
{
    const auto allergies = fetch(*m_client, QStringLiteral("9000000009"));
    QVERIFY(allergies);
    QCOMPARE(allergies->state, Allergies::State::Known);
    QCOMPARE(allergies->heading(), QStringLiteral("Known allergies"));
    // Penicillin from code.text; latex from its coding's display (it has no text); the resolved
    // cat dander record is history, not shown.
    QStringList substances = allergies->substances;
    substances.sort();
    QCOMPARE(substances,
             (QStringList { QStringLiteral("Latex allergy"), QStringLiteral("Penicillin") }));
    QVERIFY(allergies->reason.isEmpty());
}

void TestAllergyClient::noKnownAllergies()
{
    const auto allergies = fetch(*m_client, QStringLiteral("9733162337"));
    QVERIFY(allergies);
    QCOMPARE(allergies->state, Allergies::State::NoKnown);
    QCOMPARE(allergies->heading(), QStringLiteral("No known allergies"));
    QVERIFY(allergies->substances.isEmpty());
}

void TestAllergyClient::notRecorded()
{
    const auto allergies = fetch(*m_client, QStringLiteral("9000000025"));
    QVERIFY(allergies);
    QCOMPARE(allergies->state, Allergies::State::NotRecorded);
    QCOMPARE(allergies->heading(), QStringLiteral("Allergies not recorded"));
    QVERIFY(allergies->substances.isEmpty());
}

void TestAllergyClient::acceptsAFormattedNumber()
{
    const auto allergies = fetch(*m_client, QStringLiteral("900 000 0009"));
    QVERIFY(allergies);
    QCOMPARE(allergies->state, Allergies::State::Known);
}

void TestAllergyClient::sendsPdsHeaders()
{
    QVERIFY(fetch(*m_client, QStringLiteral("9733162337")));
    const QJsonArray log = FhirBed::requests();
    QCOMPARE(log.size(), 1);
    QCOMPARE(field(log[0], "path"),
             QUrl(FhirBed::base()).path()
                 + QStringLiteral("/AllergyIntolerance?patient=9733162337"));
    const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    QVERIFY(uuid.match(field(log[0], "x-request-id")).hasMatch());
    QVERIFY(uuid.match(field(log[0], "x-correlation-id")).hasMatch());
    QCOMPARE(field(log[0], "nhsd-session-urid"), AliceRole);
    QCOMPARE(log[0].toObject().value(QLatin1String("status")).toInt(), 200);
}

void TestAllergyClient::unavailableOnServerError()
{
    QVERIFY(FhirBed::setFault(QStringLiteral("error500"), 1));
    const auto allergies = fetch(*m_client, QStringLiteral("9000000009"));
    QVERIFY(allergies);
    QCOMPARE(allergies->state, Allergies::State::Unavailable);
    QCOMPARE(allergies->heading(), QStringLiteral("Allergies unavailable"));
    QVERIFY(allergies->substances.isEmpty());
    QVERIFY2(allergies->reason.startsWith(
                 QLatin1String("The allergy record service had an internal error (HTTP 500)")),
             qPrintable(allergies->reason));
    QVERIFY2(allergies->reason.contains(QLatin1String("SERVER_ERROR")),
             qPrintable(allergies->reason));
    // The next fetch is answered normally: nothing sticks.
    const auto again = fetch(*m_client, QStringLiteral("9000000009"));
    QVERIFY(again);
    QCOMPARE(again->state, Allergies::State::Known);
}

void TestAllergyClient::unavailableWhenUnreachable()
{
    PdsSettings s = settings();
    s.base = QUrl(QStringLiteral("https://127.0.0.1:1/personal-demographics/FHIR/R4"));
    auto client = newClient(s);
    const auto allergies = fetch(*client, QStringLiteral("9000000009"));
    QVERIFY(allergies);
    QCOMPARE(allergies->state, Allergies::State::Unavailable);
    QCOMPARE(allergies->reason,
             QStringLiteral("Cannot reach the allergy record service — check the network; the "
                            "banner shows allergies as unavailable until it answers."));
}

void TestAllergyClient::unavailableWhenNotSignedIn()
{
    m_credentials.reset();
    const auto allergies = fetch(*m_client, QStringLiteral("9000000009"));
    QVERIFY(allergies);
    QCOMPARE(allergies->state, Allergies::State::Unavailable);
    QCOMPARE(allergies->reason,
             QStringLiteral("Sign in with your smartcard to see the patient's allergies."));
    QCOMPARE(FhirBed::requests().size(), 0);
}

void TestAllergyClient::unavailableForAnInvalidNumber()
{
    const auto allergies = fetch(*m_client, QStringLiteral("9000000000")); // bad check digit
    QVERIFY(allergies);
    QCOMPARE(allergies->state, Allergies::State::Unavailable);
    QVERIFY(!allergies->reason.isEmpty());
    QCOMPARE(FhirBed::requests().size(), 0);
}

void TestAllergyClient::destroyingTheClientCancels()
{
    QVERIFY(FhirBed::setFault(QStringLiteral("slow"), 1, 800));
    auto client = newClient(settings());
    int calls = 0;
    client->fetch(QStringLiteral("9000000009"), this, [&](Allergies) { ++calls; });
    QTRY_COMPARE_WITH_TIMEOUT(FhirBed::requests().size(), 1, 5000);
    client.reset();
    QTest::qWait(1200);
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(TestAllergyClient)
#include "tst_allergyclient.moc"
