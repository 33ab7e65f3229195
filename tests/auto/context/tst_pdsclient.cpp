// PdsClient against the bed's PDS-shaped FHIR server (tests/bed/fhir), with a real access token
// from the bed's IdP: reads and searches, PDS's headers as the server saw them, retries with the
// same X-Request-ID, faults, the rate limit, cancelling, and an event loop that never stalls.
#include "bedtoken.h"

#include <lanyard/context/pdsclient.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTimer>
#include <QtTest>

using namespace Lanyard;
using namespace Lanyard::Context;
namespace FhirBed = Lanyard::Tests::FhirBed;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(Lanyard::Context::PatientSearch)

namespace {

const QString AliceRole = QStringLiteral("555000000101");
const QString BobsRole = QStringLiteral("555000000201");
// QUuid::createUuid: version 4, RFC 4122 variant, lower case.
const QRegularExpression
    Uuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
// The names and addresses in NHS's example records are current only in 2020-2021.
const QDate Today(2021, 6, 1);

// Everything Lanyard logged during the run (the lanyard.* categories), to look for secrets.
QStringList lanyardLog;
QtMessageHandler previousHandler = nullptr;

void keepLanyardLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArray(context.category).startsWith("lanyard."))
        lanyardLog.append(message);
    previousHandler(type, context, message);
}

template<typename T> struct Answer
{
    std::optional<Result<T>> result;
    int calls = 0;
    std::function<void(Result<T>)> callback()
    {
        return [this](Result<T> r) {
            ++calls;
            result.emplace(std::move(r));
        };
    }
};

template<typename T> QByteArray why(const Result<T> &result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

NhsNumber nhs(const char *digits)
{
    return NhsNumber::parse(QString::fromLatin1(digits)).value();
}

QString field(const QJsonValue &logged, const char *name)
{
    return logged.toObject().value(QLatin1String(name)).toString();
}

QJsonObject example(const char *path)
{
    QFile file(qEnvironmentVariable("LANYARD_SOURCE_DIR") + QStringLiteral("/tests/data/pds/")
               + QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

PatientSearch searchFor(const char *family, QDate born, QDate to = {})
{
    PatientSearch query;
    query.family = QString::fromLatin1(family);
    query.birthDate = born;
    query.birthDateTo = to;
    return query;
}

} // namespace

class TestPdsClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void readsAFullRecord();
    void readsARestrictedRecordWithoutContactDetails();
    void readsASupersededNumberAsItsSuccessor();
    void readsADeceasedPatient();
    void readErrors_data();
    void readErrors();
    void wrongRoleIsRefusedAsPdsSaysSo();
    void noCredentialsSendsNothing();
    void noRoleSendsNothing();

    void searchExact();
    void searchFuzzyBestFirst();
    void searchDateRange();
    void searchExactMatchOnly();
    void searchTooManyMatches();
    void searchInvalid_data();
    void searchInvalid();

    void sendsPdsHeaders();
    void retriesADroppedConnectionWithTheSameRequestId();
    void droppedKeptAliveConnectionIsResentOnce();
    void dropTwiceIsANetworkError();
    void slowBeyondTheTimeoutIsATimeout();
    void serverErrorIsNotRetried();
    void unreachableServer();
    void untrustedCertificate();
    void httpsOnly();

    void rateLimitStartsAtMostFiveASecond();
    void tooManyRequestsIsRetriedAfterRetryAfter();

    void cancelBeforeItStarts();
    void cancelInFlight();
    void destroyingTheClientCancelsEverything();
    void destroyedReceiverGetsNothing();
    void eventLoopStaysResponsive();
    void logsNoTokenNhsNumberOrName(); // last: looks at everything logged before

private:
    PdsSettings settings() const;
    std::unique_ptr<PdsClient> newClient(const PdsSettings &settings);
    // A client of the test's own, not paced with the shared one: the server's window (5 a second
    // per token) is let empty first, and again before the next test.
    std::unique_ptr<PdsClient> ownClient(const PdsSettings &settings);
    Result<Patient> read(PdsClient &client, const char *digits);
    Result<QList<SearchMatch>> search(PdsClient &client, const PatientSearch &query);
    void letServerWindowEmpty() { QTest::qWait(1100); }

    QByteArray m_token;
    std::optional<PdsCredentials> m_credentials;
    int m_credentialsAsked = 0;
    std::unique_ptr<PdsClient> m_client; // shared, so its limiter paces the whole run
    bool m_settleBeforeNext = false;
};

PdsSettings TestPdsClient::settings() const
{
    PdsSettings s;
    s.base = QUrl(FhirBed::base());
    s.caBundle = FhirBed::caBundle();
    s.connectTimeout = 5s;
    s.requestTimeout = 10s;
    return s;
}

std::unique_ptr<PdsClient> TestPdsClient::newClient(const PdsSettings &s)
{
    auto client = std::make_unique<PdsClient>(s, [this]() -> std::optional<PdsCredentials> {
        ++m_credentialsAsked;
        return m_credentials;
    });
    client->setToday([] { return Today; });
    return client;
}

std::unique_ptr<PdsClient> TestPdsClient::ownClient(const PdsSettings &s)
{
    letServerWindowEmpty();
    m_settleBeforeNext = true;
    return newClient(s);
}

Result<Patient> TestPdsClient::read(PdsClient &client, const char *digits)
{
    Answer<Patient> answer;
    client.read(nhs(digits), this, answer.callback());
    if (!QTest::qWaitFor([&] { return answer.calls > 0; }, 20000))
        return Error::make(ContextError::Timeout, QStringLiteral("test: no answer in 20 s"));
    return *answer.result;
}

Result<QList<SearchMatch>> TestPdsClient::search(PdsClient &client, const PatientSearch &query)
{
    Answer<QList<SearchMatch>> answer;
    client.search(query, this, answer.callback());
    if (!QTest::qWaitFor([&] { return answer.calls > 0; }, 20000))
        return Error::make(ContextError::Timeout, QStringLiteral("test: no answer in 20 s"));
    return *answer.result;
}

void TestPdsClient::initTestCase()
{
    if (!FhirBed::isUp())
        QSKIP("needs the test bed's FHIR server and IdP (run through ctest)");
    m_token = FhirBed::accessToken(QStringLiteral("alice"));
    QVERIFY(!m_token.isEmpty());
    m_client = newClient(settings());
    QLoggingCategory::setFilterRules(QStringLiteral("lanyard.*=true"));
    previousHandler = qInstallMessageHandler(keepLanyardLog);
}

void TestPdsClient::init()
{
    if (m_settleBeforeNext) {
        letServerWindowEmpty();
        m_settleBeforeNext = false;
    }
    m_credentials = PdsCredentials { m_token, AliceRole, {} };
    m_credentialsAsked = 0;
    QVERIFY(FhirBed::setFault(QStringLiteral("none")));
    QVERIFY(FhirBed::clearRequests());
}

void TestPdsClient::readsAFullRecord()
{
    const Result<Patient> patient = read(*m_client, "9000000009");
    QVERIFY2(patient.ok(), why(patient));
    QCOMPARE(patient->nhsNumber, QStringLiteral("9000000009"));
    QVERIFY(patient->supersededNumber.isEmpty());
    QCOMPARE(patient->family, QStringLiteral("Smith"));
    QCOMPARE(patient->given, QStringList { QStringLiteral("Jane") });
    QCOMPARE(patient->title, QStringLiteral("Mrs"));
    QCOMPARE(patient->gender, QStringLiteral("female"));
    QCOMPARE(patient->birthDate, std::optional<QDate>(QDate(2010, 10, 22)));
    QVERIFY(!patient->restricted);
    QVERIFY(patient->homeAddress.has_value());
    QCOMPARE(patient->homeAddress->postalCode, QStringLiteral("LS1 6AE"));
    QCOMPARE(patient->gpOdsCode, QStringLiteral("Y12345"));
    QCOMPARE(patient->versionId, QStringLiteral("2"));
    QCOMPARE(patient->resource.value(QLatin1String("id")).toString(), QStringLiteral("9000000009"));
    // The path asked for is PDS's: Patient/{digits}.
    const QJsonArray log = FhirBed::requests();
    QCOMPARE(log.size(), 1);
    QCOMPARE(field(log[0], "path"),
             QUrl(FhirBed::base()).path() + QStringLiteral("/Patient/9000000009"));
}

void TestPdsClient::readsARestrictedRecordWithoutContactDetails()
{
    const Result<Patient> patient = read(*m_client, "9000000025");
    QVERIFY2(patient.ok(), why(patient));
    QCOMPARE(patient->nhsNumber, QStringLiteral("9000000025"));
    QVERIFY(patient->restricted);
    QVERIFY(!patient->homeAddress.has_value());
    QVERIFY(patient->telecom.isEmpty());
    QVERIFY(patient->gpOdsCode.isEmpty());
}

void TestPdsClient::readsASupersededNumberAsItsSuccessor()
{
    const Result<Patient> patient = read(*m_client, "9990000018");
    QVERIFY2(patient.ok(), why(patient));
    QCOMPARE(patient->nhsNumber, QStringLiteral("9990000026"));
    QCOMPARE(patient->supersededNumber, QStringLiteral("9990000018"));
    QCOMPARE(patient->family, QStringLiteral("Merrow"));
}

void TestPdsClient::readsADeceasedPatient()
{
    const Result<Patient> patient = read(*m_client, "9990000034");
    QVERIFY2(patient.ok(), why(patient));
    QVERIFY(patient->deceased.has_value());
    QCOMPARE(*patient->deceased, QDateTime(QDate(2024, 11, 5), QTime(10, 30), Qt::UTC));
    QCOMPARE(patient->family, QStringLiteral("Ashdown"));
}

void TestPdsClient::readErrors_data()
{
    QTest::addColumn<QString>("number");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");
    QTest::newRow("invalidated") << QStringLiteral("9990000042") << int(ContextError::Invalidated)
                                 << 404;
    QTest::newRow("absent") << QStringLiteral("9111231130") << int(ContextError::NotFound) << 404;
}

void TestPdsClient::readErrors()
{
    QFETCH(QString, number);
    QFETCH(int, code);
    QFETCH(int, status);
    const Result<Patient> patient = read(*m_client, number.toLatin1().constData());
    QVERIFY(!patient.ok());
    QCOMPARE(patient.error().code, code);
    QCOMPARE(patient.error().nativeCode, status);
    QVERIFY(!patient.error().message.isEmpty());
    QVERIFY(!patient.error().message.contains(number)); // messages get logged
}

void TestPdsClient::wrongRoleIsRefusedAsPdsSaysSo()
{
    m_credentials->roleId = BobsRole; // a role, but not one of alice's
    const Result<Patient> patient = read(*m_client, "9000000009");
    QVERIFY(!patient.ok());
    const QJsonObject outcome = example("functional-test-responses/invalid_urid_header.json");
    QVERIFY(!outcome.isEmpty());
    const Error expected = pdsError(400, outcome);
    QCOMPARE(patient.error().code, expected.code);
    QCOMPARE(patient.error().message, expected.message);
    const QJsonArray log = FhirBed::requests();
    QCOMPARE(log.size(), 1); // a 400 is never retried
    QCOMPARE(field(log[0], "nhsd-session-urid"), BobsRole);
}

void TestPdsClient::noCredentialsSendsNothing()
{
    m_credentials.reset();
    const Result<Patient> patient = read(*m_client, "9000000009");
    QVERIFY(!patient.ok());
    QVERIFY(patient.error().is(ContextError::NotSignedIn));
    QCOMPARE(patient.error().message,
             QStringLiteral("Sign in with your smartcard to look up patients."));
    QCOMPARE(m_credentialsAsked, 1);
    const Result<QList<SearchMatch>> matches
        = search(*m_client, searchFor("Smith", QDate(2010, 10, 22)));
    QVERIFY(!matches.ok());
    QVERIFY(matches.error().is(ContextError::NotSignedIn));
    QCOMPARE(FhirBed::requests().size(), 0);
}

void TestPdsClient::noRoleSendsNothing()
{
    m_credentials->roleId.clear();
    const Result<Patient> patient = read(*m_client, "9000000009");
    QVERIFY(!patient.ok());
    QVERIFY(patient.error().is(ContextError::NotSignedIn));
    QVERIFY2(patient.error().message.contains(QLatin1String("role")), why(patient));
    QCOMPARE(FhirBed::requests().size(), 0);
}

void TestPdsClient::searchExact()
{
    PatientSearch query = searchFor("Smith", QDate(2010, 10, 22));
    query.gender = QStringLiteral("female");
    const Result<QList<SearchMatch>> matches = search(*m_client, query);
    QVERIFY2(matches.ok(), why(matches));
    QCOMPARE(matches->size(), 1);
    QCOMPARE(matches->at(0).patient.nhsNumber, QStringLiteral("9000000009"));
    QCOMPARE(matches->at(0).score, 1.0);
    const QString path = field(FhirBed::requests().at(0), "path");
    for (const char *part :
         { "family=Smith", "gender=female", "birthdate=eq2010-10-22", "_max-results=10" })
        QVERIFY2(path.contains(QLatin1String(part)), qPrintable(path));
    QVERIFY2(!path.contains(QLatin1String("_fuzzy-match"))
                 && !path.contains(QLatin1String("given")),
             qPrintable(path)); // only the fields set
}

void TestPdsClient::searchFuzzyBestFirst()
{
    PatientSearch query = searchFor("smyth", QDate(2010, 10, 22));
    query.given = QStringLiteral("jane");
    query.fuzzy = true;
    const Result<QList<SearchMatch>> matches = search(*m_client, query);
    QVERIFY2(matches.ok(), why(matches));
    QVERIFY(!matches->isEmpty());
    QCOMPARE(matches->at(0).patient.nhsNumber, QStringLiteral("9000000009"));
    for (qsizetype i = 0; i < matches->size(); ++i) {
        QVERIFY(matches->at(i).score > 0 && matches->at(i).score < 1);
        if (i > 0)
            QVERIFY(matches->at(i - 1).score >= matches->at(i).score);
    }
    QVERIFY(field(FhirBed::requests().at(0), "path").contains(QLatin1String("_fuzzy-match=true")));
}

void TestPdsClient::searchDateRange()
{
    const Result<QList<SearchMatch>> matches
        = search(*m_client, searchFor("smith", QDate(2010, 10, 21), QDate(2010, 10, 23)));
    QVERIFY2(matches.ok(), why(matches));
    QCOMPARE(matches->size(), 1);
    QCOMPARE(matches->at(0).patient.nhsNumber, QStringLiteral("9000000009"));
    const QString path = field(FhirBed::requests().at(0), "path");
    QVERIFY2(path.contains(QLatin1String("birthdate=ge2010-10-21&birthdate=le2010-10-23")),
             qPrintable(path));
}

void TestPdsClient::searchExactMatchOnly()
{
    PatientSearch query = searchFor("Sm*", QDate(1900, 1, 1), QDate(2020, 12, 31));
    const Result<QList<SearchMatch>> wildcard = search(*m_client, query);
    QVERIFY2(wildcard.ok(), why(wildcard));
    QCOMPARE(wildcard->size(), 2); // Smith and Smythe, below 1
    query.exact = true;
    const Result<QList<SearchMatch>> exact = search(*m_client, query);
    QVERIFY2(exact.ok(), why(exact));
    QCOMPARE(exact->size(), 0);
    QVERIFY(field(FhirBed::requests().at(1), "path").contains(QLatin1String("_exact-match=true")));
}

void TestPdsClient::searchTooManyMatches()
{
    PatientSearch query = searchFor("Sm*", QDate(1900, 1, 1), QDate(2020, 12, 31));
    query.maxResults = 1;
    const Result<QList<SearchMatch>> matches = search(*m_client, query);
    QVERIFY(!matches.ok());
    QVERIFY2(matches.error().is(ContextError::TooManyMatches), why(matches));
    QCOMPARE(FhirBed::requests().at(0).toObject().value(QLatin1String("status")).toInt(), 200);
}

void TestPdsClient::searchInvalid_data()
{
    QTest::addColumn<PatientSearch>("query");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("says");
    QTest::addColumn<bool>("sent");
    const QDate born(2010, 10, 22);
    PatientSearch q = searchFor("Smith", {});
    QTest::newRow("no birth date")
        << q << int(ContextError::InvalidValue) << QStringLiteral("date of birth") << false;
    q = searchFor("Smith", born);
    q.maxResults = 0;
    QTest::newRow("0 results") << q << int(ContextError::InvalidValue)
                               << QStringLiteral("between 1 and 50") << false;
    q.maxResults = 51;
    QTest::newRow("51 results") << q << int(ContextError::InvalidValue)
                                << QStringLiteral("between 1 and 50") << false;
    q = searchFor("Smith", born, born.addDays(-3));
    QTest::newRow("range backwards")
        << q << int(ContextError::InvalidValue) << QStringLiteral("range") << false;
    q = searchFor("Smith", born);
    q.gender = QStringLiteral("f");
    QTest::newRow("gender") << q << int(ContextError::InvalidValue) << QStringLiteral("Gender")
                            << false;
    q = searchFor("", born);
    q.given = QStringLiteral("Jane");
    QTest::newRow("no family name")
        << q << int(ContextError::InvalidSearch) << QStringLiteral("family name") << false;
    q = searchFor("Sm*", born);
    q.given = QStringLiteral("Jane");
    q.fuzzy = true;
    QTest::newRow("fuzzy wildcard")
        << q << int(ContextError::InvalidSearch) << QStringLiteral("wildcards") << false;
    q = searchFor("Smith", born);
    q.fuzzy = true;
    QTest::newRow("fuzzy family only")
        << q << int(ContextError::InvalidSearch) << QStringLiteral("given and family") << false;
    // Left to PDS: a wildcard after one letter (INVALID_SEARCH_DATA).
    q = searchFor("S*", born);
    QTest::newRow("PDS: one letter before *")
        << q << int(ContextError::InvalidSearch) << QStringLiteral("two letters") << true;
}

void TestPdsClient::searchInvalid()
{
    QFETCH(PatientSearch, query);
    QFETCH(int, code);
    QFETCH(QString, says);
    QFETCH(bool, sent);
    const Result<QList<SearchMatch>> matches = search(*m_client, query);
    QVERIFY(!matches.ok());
    QCOMPARE(matches.error().code, code);
    QVERIFY2(matches.error().message.contains(says), why(matches));
    QCOMPARE(FhirBed::requests().size(), sent ? 1 : 0);
}

void TestPdsClient::sendsPdsHeaders()
{
    m_credentials->organisationOdsCode = QStringLiteral("RGT");
    QVERIFY(read(*m_client, "9000000009").ok());
    QVERIFY(read(*m_client, "9000000025").ok());
    const QJsonArray log = FhirBed::requests();
    QCOMPARE(log.size(), 2);
    const QString requestId = field(log[0], "x-request-id");
    const QString correlationId = field(log[0], "x-correlation-id");
    QVERIFY2(Uuid.match(requestId).hasMatch(), qPrintable(requestId));
    QVERIFY2(Uuid.match(correlationId).hasMatch(), qPrintable(correlationId));
    QVERIFY(correlationId != requestId);
    QCOMPARE(field(log[0], "nhsd-session-urid"), AliceRole);
    QCOMPARE(field(log[0], "nhsd-end-user-organisation-ods"), QStringLiteral("RGT"));
    QVERIFY(field(log[1], "x-request-id") != requestId); // a new logical request, a new id
    QCOMPARE(m_credentialsAsked, 2); // asked for every request
    // Without an ODS code the header is left out rather than sent empty.
    m_credentials->organisationOdsCode.clear();
    QVERIFY(read(*m_client, "9000000009").ok());
    QVERIFY(FhirBed::requests()
                .at(2)
                .toObject()
                .value(QLatin1String("nhsd-end-user-organisation-ods"))
                .isNull());
}

void TestPdsClient::retriesADroppedConnectionWithTheSameRequestId()
{
    auto client = ownClient(settings()); // a new connection: the drop reaches the client
    QVERIFY(FhirBed::setFault(QStringLiteral("drop"), 1));
    const Result<Patient> patient = read(*client, "9000000009");
    QVERIFY2(patient.ok(), why(patient));
    QCOMPARE(m_credentialsAsked, 2); // asked again for the retry
    QVERIFY(read(*client, "9000000025").ok());
    const QJsonArray log = FhirBed::requests();
    QCOMPARE(log.size(), 3);
    QCOMPARE(field(log[0], "fault"), QStringLiteral("drop"));
    QCOMPARE(log[1].toObject().value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(field(log[1], "x-request-id"), field(log[0], "x-request-id"));
    QVERIFY(Uuid.match(field(log[0], "x-request-id")).hasMatch());
    QVERIFY(field(log[1], "x-correlation-id") != field(log[0], "x-correlation-id")); // per attempt
    QVERIFY(field(log[2], "x-request-id") != field(log[0], "x-request-id"));
}

void TestPdsClient::droppedKeptAliveConnectionIsResentOnce()
{
    QVERIFY(read(*m_client, "9000000025").ok()); // a connection to keep alive
    QVERIFY(FhirBed::clearRequests());
    QVERIFY(FhirBed::setFault(QStringLiteral("drop"), 1));
    const Result<Patient> patient = read(*m_client, "9000000009");
    QVERIFY2(patient.ok(), why(patient));
    // libcurl resends on a new connection by itself, the same request with the same headers.
    const QJsonArray log = FhirBed::requests();
    QCOMPARE(log.size(), 2);
    QCOMPARE(field(log[0], "fault"), QStringLiteral("drop"));
    QCOMPARE(field(log[1], "x-request-id"), field(log[0], "x-request-id"));
}

void TestPdsClient::dropTwiceIsANetworkError()
{
    QVERIFY(FhirBed::setFault(QStringLiteral("drop"), 2));
    const Result<Patient> patient = read(*m_client, "9000000009");
    QVERIFY(!patient.ok());
    QVERIFY2(patient.error().is(ContextError::Network), why(patient));
    QCOMPARE(patient.error().nativeCode, qint64(52)); // CURLE_GOT_NOTHING: the bed's drop
    QVERIFY2(patient.error().message.contains(QLatin1String("check the network")), why(patient));
    const QJsonArray log = FhirBed::requests();
    QCOMPARE(log.size(), 2); // the request and one retry (settings.retries = 1), libcurl's included
    QCOMPARE(field(log[1], "x-request-id"), field(log[0], "x-request-id"));
}

void TestPdsClient::slowBeyondTheTimeoutIsATimeout()
{
    PdsSettings s = settings();
    s.requestTimeout = 1500ms;
    auto client = ownClient(s);
    QVERIFY(FhirBed::setFault(QStringLiteral("slow"), 1, 2500));
    QElapsedTimer clock;
    clock.start();
    // The server goes on with the request after the client gave up: it counts against the
    // token's rate when the delay ends. Let that pass before the next test (and its window).
    const auto waitOutTheServer
        = qScopeGuard([&] { QTest::qWait(int(qMax<qint64>(0, 2600 - clock.elapsed()))); });
    const Result<Patient> patient = read(*client, "9000000009");
    QVERIFY(!patient.ok());
    QVERIFY2(patient.error().is(ContextError::Timeout), why(patient));
    QCOMPARE(patient.error().message,
             QStringLiteral("No answer from the NHS patient service (PDS) within 2 seconds — try "
                            "again; if it keeps happening, call the IT service desk. Meanwhile the "
                            "banner shows no patient until a lookup succeeds."));
    QVERIFY2(clock.elapsed() < 2400, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(FhirBed::requests().size(), 1); // a timeout is not retried
}

void TestPdsClient::serverErrorIsNotRetried()
{
    QVERIFY(FhirBed::setFault(QStringLiteral("error500"), 1));
    const Result<Patient> patient = read(*m_client, "9000000009");
    QVERIFY(!patient.ok());
    QVERIFY2(patient.error().is(ContextError::ServerError), why(patient));
    QCOMPARE(patient.error().nativeCode, 500);
    QCOMPARE(FhirBed::requests().size(), 1);
}

void TestPdsClient::unreachableServer()
{
    PdsSettings s = settings();
    s.base = QUrl(QStringLiteral("https://127.0.0.1:1/personal-demographics/FHIR/R4"));
    auto client = newClient(s);
    const Result<Patient> patient = read(*client, "9000000009");
    QVERIFY(!patient.ok());
    QVERIFY(patient.error().is(ContextError::Network));
    QCOMPARE(patient.error().message,
             QStringLiteral("Cannot reach the NHS patient service (PDS) — check the network; the "
                            "banner shows no patient until a lookup succeeds."));
}

void TestPdsClient::untrustedCertificate()
{
    PdsSettings s = settings();
    // A PEM certificate that did not issue the bed's server certificate.
    s.caBundle = qEnvironmentVariable("LANYARD_SOURCE_DIR")
        + QStringLiteral("/tests/data/certificates/cardholder-utf8-name.pem");
    auto client = newClient(s);
    const Result<Patient> patient = read(*client, "9000000009");
    QVERIFY(!patient.ok());
    QVERIFY2(patient.error().is(ContextError::TlsUntrusted), why(patient));
    QVERIFY(patient.error().message.contains(s.caBundle));
    QCOMPARE(FhirBed::requests().size(), 0);
}

void TestPdsClient::httpsOnly()
{
    PdsSettings s = settings();
    s.base.setScheme(QStringLiteral("http"));
    auto client = newClient(s);
    const Result<Patient> patient = read(*client, "9000000009");
    QVERIFY(!patient.ok());
    QVERIFY(patient.error().is(ContextError::Configuration));
    QVERIFY(patient.error().message.contains(QLatin1String("https")));
    QCOMPARE(m_credentialsAsked, 0);
    PdsSettings noCa = settings();
    noCa.caBundle.clear(); // never the system's CAs instead
    auto unconfigured = newClient(noCa);
    const Result<Patient> again = read(*unconfigured, "9000000009");
    QVERIFY(!again.ok());
    QVERIFY(again.error().is(ContextError::Configuration));
    QCOMPARE(FhirBed::requests().size(), 0);
}

void TestPdsClient::rateLimitStartsAtMostFiveASecond()
{
    letServerWindowEmpty();
    QList<Answer<Patient>> answers(12);
    QElapsedTimer clock;
    clock.start();
    for (auto &answer : answers)
        m_client->read(nhs("9000000009"), this, answer.callback());
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::all_of(answers.cbegin(), answers.cend(),
                               [](const auto &a) { return a.calls > 0; });
        },
        20000));
    // 12 at 5 a second: the third five cannot start before two seconds have passed.
    QVERIFY2(clock.elapsed() >= 2000, qPrintable(QString::number(clock.elapsed())));
    for (const auto &answer : answers) {
        QCOMPARE(answer.calls, 1);
        QVERIFY2(answer.result->ok(), why(*answer.result));
    }
    const QJsonArray log = FhirBed::requests();
    QCOMPARE(log.size(), 12); // no 429 and no retry
    QList<QDateTime> arrivals;
    for (const QJsonValue &entry : log) {
        QCOMPARE(entry.toObject().value(QLatin1String("status")).toInt(), 200);
        arrivals.append(FhirBed::timeOf(entry.toObject()));
        QVERIFY(arrivals.last().isValid());
    }
    for (const QDateTime &from : arrivals) {
        const auto inSecond
            = std::count_if(arrivals.cbegin(), arrivals.cend(), [&](const QDateTime &t) {
                  return t >= from && from.msecsTo(t) < 1000;
              });
        QVERIFY2(inSecond <= 5,
                 qPrintable(QStringLiteral("%1 requests in the second from %2")
                                .arg(inSecond)
                                .arg(from.toString(Qt::ISODateWithMs))));
    }
}

void TestPdsClient::tooManyRequestsIsRetriedAfterRetryAfter()
{
    PdsSettings s = settings();
    s.maxRequestsPerSecond = 50; // beyond the server's 5: it answers 429 with Retry-After: 1
    auto client = ownClient(s);
    QList<Answer<Patient>> answers(7);
    for (auto &answer : answers)
        client->read(nhs("9000000009"), this, answer.callback());
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::all_of(answers.cbegin(), answers.cend(),
                               [](const auto &a) { return a.calls > 0; });
        },
        20000));
    for (const auto &answer : answers)
        QVERIFY2(answer.result->ok(), why(*answer.result));
    const QJsonArray log = FhirBed::requests();
    int refused = 0;
    for (const QJsonValue &entry : log) {
        if (entry.toObject().value(QLatin1String("status")).toInt() != 429)
            continue;
        ++refused;
        const auto retry = std::find_if(log.begin(), log.end(), [&](const QJsonValue &other) {
            return field(other, "x-request-id") == field(entry, "x-request-id")
                && other.toObject().value(QLatin1String("status")).toInt() == 200;
        });
        QVERIFY(retry != log.end());
        QVERIFY(FhirBed::timeOf(entry.toObject()).msecsTo(FhirBed::timeOf(retry->toObject()))
                >= 1000);
    }
    QCOMPARE(refused, 2);
    QCOMPARE(log.size(), 9);
}

void TestPdsClient::cancelBeforeItStarts()
{
    Answer<Patient> cancelled, kept;
    const quint64 id = m_client->read(nhs("9000000009"), this, cancelled.callback());
    m_client->read(nhs("9000000025"), this, kept.callback());
    m_client->cancel(id);
    QTRY_COMPARE_WITH_TIMEOUT(kept.calls, 1, 10000);
    QTest::qWait(300);
    QCOMPARE(cancelled.calls, 0);
    const QJsonArray log = FhirBed::requests();
    QCOMPARE(log.size(), 1);
    QVERIFY(field(log[0], "path").endsWith(QLatin1String("/Patient/9000000025")));
}

void TestPdsClient::cancelInFlight()
{
    QVERIFY(FhirBed::setFault(QStringLiteral("slow"), 1, 1000));
    Answer<Patient> cancelled;
    const quint64 id = m_client->read(nhs("9000000009"), this, cancelled.callback());
    QTRY_COMPARE_WITH_TIMEOUT(FhirBed::requests().size(), 1, 5000); // the server has it
    m_client->cancel(id);
    m_client->cancel(id); // twice is harmless
    QTest::qWait(1500); // past the slow answer
    QCOMPARE(cancelled.calls, 0);
    QVERIFY(read(*m_client, "9000000009").ok()); // the client carries on
}

void TestPdsClient::destroyingTheClientCancelsEverything()
{
    auto client = ownClient(settings());
    QVERIFY(FhirBed::setFault(QStringLiteral("slow"), 0, 800)); // every request, until init()
    QList<Answer<Patient>> answers(8); // five in flight, three queued by the rate limit
    for (auto &answer : answers)
        client->read(nhs("9000000009"), this, answer.callback());
    QTRY_VERIFY_WITH_TIMEOUT(FhirBed::requests().size() >= 1, 5000);
    client.reset();
    QTest::qWait(1500);
    for (const auto &answer : answers)
        QCOMPARE(answer.calls, 0);
}

void TestPdsClient::destroyedReceiverGetsNothing()
{
    auto receiver = std::make_unique<QObject>();
    Answer<Patient> answer;
    m_client->read(nhs("9000000009"), receiver.get(), answer.callback());
    receiver.reset();
    QTRY_COMPARE_WITH_TIMEOUT(FhirBed::requests().size(), 1, 5000);
    QTest::qWait(500);
    QCOMPARE(answer.calls, 0);
}

void TestPdsClient::eventLoopStaysResponsive()
{
    QVERIFY(FhirBed::setFault(QStringLiteral("slow"), 1, 1500));
    int ticks = 0;
    qint64 longestGap = 0;
    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
        if (ticks++ > 0)
            longestGap = qMax(longestGap, sinceTick.elapsed());
        sinceTick.start();
    });
    ticker.start();
    QElapsedTimer clock;
    clock.start();
    const Result<Patient> patient = read(*m_client, "9000000009");
    ticker.stop();
    QVERIFY2(patient.ok(), why(patient));
    QVERIFY(clock.elapsed() >= 1400);
    // A blocking request would stall the loop for the whole 1.5 s.
    QVERIFY2(ticks >= 60, qPrintable(QString::number(ticks)));
    QVERIFY2(longestGap < 400, qPrintable(QString::number(longestGap)));
}

void TestPdsClient::logsNoTokenNhsNumberOrName()
{
    QVERIFY(lanyardLog.size() > 20); // requests were logged
    const QStringList secrets { QString::fromLatin1(m_token), QStringLiteral("9000000009"),
                                QStringLiteral("9000000025"), QStringLiteral("9990000018"),
                                QStringLiteral("9990000026"), QStringLiteral("9111231130"),
                                QStringLiteral("Smith"),      QStringLiteral("Merrow"),
                                QStringLiteral("Bearer") };
    for (const QString &line : std::as_const(lanyardLog)) {
        for (const QString &secret : secrets)
            QVERIFY2(!line.contains(secret, Qt::CaseInsensitive), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestPdsClient)
#include "tst_pdsclient.moc"
