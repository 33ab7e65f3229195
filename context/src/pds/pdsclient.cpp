#include <lanyard/context/pdsclient.h>

#include "pds/pdsanswers.h"
#include "pds/pdstransport.h"

#include <QJsonArray>

#include <algorithm>

namespace Lanyard::Context {

using namespace Internal;

namespace {

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

namespace Internal {

ServiceText pdsText()
{
    return { QStringLiteral("the NHS patient service (PDS)"),
             QStringLiteral("the banner shows no patient until a lookup succeeds"),
             QStringLiteral("Sign in with your smartcard to look up patients.") };
}

Result<Patient> readResult(Result<FhirResponse> answer, const QDate &asOf, const QString &digits,
                           const ServiceText &service)
{
    if (!answer)
        return answer.error();
    const QJsonObject json = jsonObject(answer->body);
    if (answer->status != 200)
        return httpError(answer->status, json, service);
    if (str(json, "resourceType") != QLatin1String("Patient"))
        return malformed(service, QStringLiteral("an answer that is not a patient record"));
    // A superseded number comes back as its successor's record (another id): fromFhir notes
    // the number asked for as supersededNumber so the banner shows the new one.
    return Patient::fromFhir(json, asOf, digits);
}

Result<QList<SearchMatch>> searchResult(Result<FhirResponse> answer, const QDate &asOf,
                                        const ServiceText &service)
{
    if (!answer)
        return answer.error();
    const QJsonObject json = jsonObject(answer->body);
    // PDS answers TOO_MANY_MATCHES with HTTP 200 and an OperationOutcome.
    if (answer->status != 200 || str(json, "resourceType") == QLatin1String("OperationOutcome"))
        return httpError(answer->status, json, service);
    if (str(json, "resourceType") != QLatin1String("Bundle")
        || str(json, "type") != QLatin1String("searchset"))
        return malformed(service, QStringLiteral("an answer that is not a list of matches"));
    QList<SearchMatch> matches;
    for (const QJsonValue &entry : json.value(QLatin1String("entry")).toArray()) {
        const QJsonObject object = entry.toObject();
        // A match that cannot be read fails the search: silently dropping one could leave the
        // wrong patient as the only candidate.
        Result<Patient> patient
            = Patient::fromFhir(object.value(QLatin1String("resource")).toObject(), asOf);
        if (!patient)
            return malformed(service,
                             QStringLiteral("a match that is not a readable patient record"));
        const double score = object.value(QLatin1String("search"))
                                 .toObject()
                                 .value(QLatin1String("score"))
                                 .toDouble();
        matches.append({ std::move(patient).value(), score });
    }
    std::stable_sort(matches.begin(), matches.end(),
                     [](const SearchMatch &a, const SearchMatch &b) { return a.score > b.score; });
    return matches;
}

} // namespace Internal

namespace {

// PDS's search rules, checked before anything is sent so the message can say what to change.
std::optional<Error> invalid(const PatientSearch &query)
{
    const auto value
        = [](const QString &message) { return Error::make(ContextError::InvalidValue, message); };
    const auto search
        = [](const QString &message) { return Error::make(ContextError::InvalidSearch, message); };
    if (!query.birthDate.isValid())
        return value(
            QStringLiteral("Enter the patient's date of birth: PDS needs it for every search."));
    if (query.birthDateTo.isValid() && query.birthDateTo < query.birthDate)
        return value(
            QStringLiteral("The date-of-birth range ends before it starts — swap the two dates."));
    if (query.maxResults < 1 || query.maxResults > 50)
        return value(QStringLiteral("Ask for between 1 and 50 matches (PDS's limit), not %1.")
                         .arg(query.maxResults));
    static const QStringList genders { QStringLiteral("male"), QStringLiteral("female"),
                                       QStringLiteral("other"), QStringLiteral("unknown") };
    if (!query.gender.isEmpty() && !genders.contains(query.gender))
        return value(QStringLiteral("Gender must be male, female, other or unknown."));
    const bool hasFamily = !query.family.trimmed().isEmpty();
    const bool hasGiven = !query.given.trimmed().isEmpty();
    if (query.fuzzy) {
        if (query.family.contains(u'*') || query.given.contains(u'*')
            || query.postcode.contains(u'*'))
            return search(QStringLiteral("A similar-names (fuzzy) search cannot use wildcards (*) "
                                         "— remove them or search exactly."));
        const bool detailed = !query.gender.isEmpty() && !query.postcode.trimmed().isEmpty();
        if (!(hasFamily && hasGiven) && !((hasFamily || hasGiven) && detailed))
            return search(
                QStringLiteral("A similar-names (fuzzy) search needs the given and family "
                               "names, or one of them with gender and postcode, besides "
                               "the date of birth."));
    } else if (!hasFamily) {
        return search(QStringLiteral("Enter the patient's family name (PDS needs it unless the "
                                     "search is for similar names)."));
    }
    return std::nullopt;
}

PdsTransport::Query searchQuery(const PatientSearch &query)
{
    PdsTransport::Query q;
    const auto add = [&q](const char *name, const QString &value) {
        if (!value.trimmed().isEmpty())
            q.append({ QString::fromLatin1(name), value.trimmed() });
    };
    add("family", query.family);
    add("given", query.given);
    add("gender", query.gender);
    const QString iso = QStringLiteral("yyyy-MM-dd");
    if (query.birthDateTo.isValid() && query.birthDateTo != query.birthDate) {
        add("birthdate", QLatin1String("ge") + query.birthDate.toString(iso));
        add("birthdate", QLatin1String("le") + query.birthDateTo.toString(iso));
    } else {
        add("birthdate", QLatin1String("eq") + query.birthDate.toString(iso));
    }
    add("address-postalcode", query.postcode);
    if (query.fuzzy)
        add("_fuzzy-match", QStringLiteral("true"));
    if (query.exact)
        add("_exact-match", QStringLiteral("true"));
    add("_max-results", QString::number(query.maxResults));
    return q;
}

} // namespace

class PdsClient::Private
{
public:
    Private(PdsSettings settings, CredentialsProvider credentials, QObject *owner)
        : transport(std::move(settings), std::move(credentials), pdsText(), owner)
    { }
    PdsTransport transport;
    std::function<QDate()> today = [] { return QDate::currentDate(); };
};

PdsClient::PdsClient(PdsSettings settings, CredentialsProvider credentials, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(std::move(settings), std::move(credentials), this))
{ }

PdsClient::~PdsClient() = default; // the transport aborts everything: no callback after this

quint64 PdsClient::read(const NhsNumber &number, QObject *receiver, ReadDone done)
{
    const QString digits = number.digits();
    const QDate asOf = d->today();
    const ServiceText &service = d->transport.service();
    return d->transport.get(
        QStringLiteral("Patient/") + digits, {}, "read", receiver,
        [done = std::move(done), asOf, digits, service](Result<FhirResponse> answer) {
            done(readResult(std::move(answer), asOf, digits, service));
        });
}

quint64 PdsClient::search(const PatientSearch &query, QObject *receiver, SearchDone done)
{
    const QDate asOf = d->today();
    const ServiceText &service = d->transport.service();
    auto handler = [done = std::move(done), asOf, service](Result<FhirResponse> answer) {
        done(searchResult(std::move(answer), asOf, service));
    };
    if (auto problem = invalid(query))
        return d->transport.fail(*problem, receiver, std::move(handler));
    return d->transport.get(QStringLiteral("Patient"), searchQuery(query), "search", receiver,
                            std::move(handler));
}

void PdsClient::cancel(quint64 request)
{
    d->transport.cancel(request);
}

void PdsClient::setToday(std::function<QDate()> today)
{
    d->today = today ? std::move(today) : [] { return QDate::currentDate(); };
}

} // namespace Lanyard::Context
