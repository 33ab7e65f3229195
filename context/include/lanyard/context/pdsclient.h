// The Personal Demographics Service FHIR R4 API (DOMAIN.md) over libcurl's multi interface on the
// caller's event loop: nothing blocks. Sends PDS's headers (X-Request-ID, reused on a retry;
// X-Correlation-ID; the Bearer token; NHSD-Session-URID = the chosen role), at most
// maxRequestsPerSecond requests a second (later ones wait their turn), with bounded timeouts.
// Every failure is an Error (ContextError) with a message a clinician can act on.
#pragma once

#include <lanyard/context/nhsnumber.h>
#include <lanyard/context/patient.h>

#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace Lanyard::Context {

struct PdsSettings
{
    QUrl base;          // .../personal-demographics/FHIR/R4
    QString caBundle;   // PEM: the only CAs trusted for the endpoint
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds requestTimeout{10000};
    int maxRequestsPerSecond = 5; // PDS's default limit; 0 or less: no limit (benchmarks)
    int retries = 1;    // on a dropped connection, 429 or 503; the same X-Request-ID
};

// Who is asking: from the session, asked afresh for every request. The token is wiped after use.
struct PdsCredentials
{
    QByteArray accessToken;
    QString roleId;              // NHSD-Session-URID
    QString organisationOdsCode; // NHSD-End-User-Organisation-ODS, when known
};
using CredentialsProvider = std::function<std::optional<PdsCredentials>()>;

struct PatientSearch
{
    QString family;
    QString given;
    QString gender;          // male, female, other, unknown
    QDate birthDate;         // required by PDS
    QDate birthDateTo;       // optional: a range birthDate..birthDateTo
    QString postcode;
    bool fuzzy = false;      // _fuzzy-match
    bool exact = false;      // _exact-match
    int maxResults = 10;     // _max-results, 1..50
};

struct SearchMatch
{
    Patient patient;
    double score = 0;        // PDS's match score, 0..1, best first
};

class PdsClient : public QObject
{
    Q_OBJECT
public:
    PdsClient(PdsSettings settings, CredentialsProvider credentials, QObject *parent = nullptr);
    ~PdsClient() override;

    using ReadDone = std::function<void(Result<Patient>)>;
    using SearchDone = std::function<void(Result<QList<SearchMatch>>)>;

    // The answer comes back on `receiver`'s thread, only while it lives. Returns an id for cancel().
    quint64 read(const NhsNumber &number, QObject *receiver, ReadDone done);
    quint64 search(const PatientSearch &query, QObject *receiver, SearchDone done);
    void cancel(quint64 request); // done() is then not called
    // The date names and addresses are judged current on (tests move it); today by default.
    void setToday(std::function<QDate()> today);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Context
