#include <lanyard/context/allergies.h>

#include "pds/pdstransport.h"

#include <QJsonArray>

#include <algorithm>

namespace Lanyard::Context {

using namespace Internal;

namespace {

ServiceText allergyText()
{
    return { QStringLiteral("the allergy record service"),
             QStringLiteral("the banner shows allergies as unavailable until it answers"),
             QStringLiteral("Sign in with your smartcard to see the patient's allergies.") };
}

// SNOMED CT concepts that record the absence of allergies rather than an allergy: 716186003
// "No known allergy" and 409137002 "No known drug allergy" (UK Core AllergyIntolerance).
const QStringList NoKnownAllergyCodes { QStringLiteral("716186003"), QStringLiteral("409137002") };

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

QStringList codes(const QJsonObject &codeableConcept)
{
    QStringList out;
    for (const QJsonValue &coding : codeableConcept.value(QLatin1String("coding")).toArray())
        out.append(str(coding.toObject(), "code"));
    return out;
}

Allergies unavailable(const QString &reason)
{
    Allergies allergies;
    allergies.state = Allergies::State::Unavailable;
    allergies.reason = reason;
    return allergies;
}

// The record is about this patient: `patient` references Patient/{nhs} or carries the NHS
// number as its identifier. A record for anybody else must never reach this patient's banner.
bool aboutPatient(const QJsonObject &allergy, const QString &nhs)
{
    const QJsonObject patient = allergy.value(QLatin1String("patient")).toObject();
    const QString reference = str(patient, "reference");
    if (!reference.isEmpty())
        return reference == nhs || reference.endsWith(QLatin1String("Patient/") + nhs);
    return str(patient.value(QLatin1String("identifier")).toObject(), "value") == nhs;
}

Allergies reduce(Result<FhirResponse> answer, const QString &nhs, const ServiceText &service)
{
    if (!answer)
        return unavailable(answer.error().message);
    const QJsonObject json = jsonObject(answer->body);
    if (answer->status != 200 || str(json, "resourceType") == QLatin1String("OperationOutcome"))
        return unavailable(httpError(answer->status, json, service, false).message);
    if (str(json, "resourceType") != QLatin1String("Bundle"))
        return unavailable(malformed(service,
                                     QStringLiteral("an answer that is not a list of "
                                                    "allergy records"))
                               .message);
    Allergies allergies;
    bool noKnownRecorded = false;
    for (const QJsonValue &entry : json.value(QLatin1String("entry")).toArray()) {
        const QJsonObject resource = entry.toObject().value(QLatin1String("resource")).toObject();
        if (str(resource, "resourceType") != QLatin1String("AllergyIntolerance"))
            continue; // e.g. an OperationOutcome entry with search.mode "outcome"
        if (!aboutPatient(resource, nhs))
            return unavailable(malformed(service,
                                         QStringLiteral("allergy records of another "
                                                        "patient"))
                                   .message);
        // FHIR R4 AllergyIntolerance: a record entered in error or refuted states nothing;
        // clinicalStatus absent counts as active, inactive and resolved ones are history.
        const QStringList verification
            = codes(resource.value(QLatin1String("verificationStatus")).toObject());
        if (verification.contains(QLatin1String("entered-in-error"))
            || verification.contains(QLatin1String("refuted")))
            continue;
        const QJsonObject clinical = resource.value(QLatin1String("clinicalStatus")).toObject();
        if (!clinical.isEmpty() && !codes(clinical).contains(QLatin1String("active")))
            continue;
        const QJsonObject code = resource.value(QLatin1String("code")).toObject();
        const QStringList conceptCodes = codes(code);
        if (std::any_of(conceptCodes.cbegin(), conceptCodes.cend(),
                        [](const QString &c) { return NoKnownAllergyCodes.contains(c); })) {
            noKnownRecorded = true;
            continue;
        }
        QString substance = str(code, "text").trimmed();
        if (substance.isEmpty()) {
            const QJsonArray codings = code.value(QLatin1String("coding")).toArray();
            substance = str(codings.first().toObject(), "display").trimmed();
        }
        if (substance.isEmpty())
            substance = QStringLiteral("Allergy without a description");
        if (!allergies.substances.contains(substance))
            allergies.substances.append(substance);
    }
    if (!allergies.substances.isEmpty())
        allergies.state = Allergies::State::Known;
    else if (noKnownRecorded)
        allergies.state = Allergies::State::NoKnown;
    else
        allergies.state = Allergies::State::NotRecorded;
    return allergies;
}

} // namespace

QString Allergies::heading() const
{
    switch (state) {
    case State::Known:
        return QStringLiteral("Known allergies");
    case State::NoKnown:
        return QStringLiteral("No known allergies");
    case State::NotRecorded:
        return QStringLiteral("Allergies not recorded");
    case State::Unavailable:
        break;
    }
    return QStringLiteral("Allergies unavailable");
}

class AllergyClient::Private
{
public:
    Private(PdsSettings settings, CredentialsProvider credentials, QObject *owner)
        : transport(std::move(settings), std::move(credentials), allergyText(), owner)
    { }
    PdsTransport transport;
};

AllergyClient::AllergyClient(PdsSettings settings, CredentialsProvider credentials, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(std::move(settings), std::move(credentials), this))
{ }

AllergyClient::~AllergyClient() = default;

void AllergyClient::fetch(const QString &nhsNumber, QObject *receiver,
                          std::function<void(Allergies)> done)
{
    const ServiceText &service = d->transport.service();
    Result<NhsNumber> number = NhsNumber::parse(nhsNumber);
    const QString digits = number ? number->digits() : QString();
    auto handler = [done = std::move(done), digits, service](Result<FhirResponse> answer) {
        const Allergies allergies = reduce(std::move(answer), digits, service);
        done(allergies);
    };
    if (!number) {
        d->transport.fail(number.error(), receiver, std::move(handler));
        return;
    }
    d->transport.get(QStringLiteral("AllergyIntolerance"),
                     { { QStringLiteral("patient"), digits } }, "allergies", receiver,
                     std::move(handler));
}

} // namespace Lanyard::Context
