#include <lanyard/context/patient.h>

#include <lanyard/context/nhsnumber.h>

#include "fhirdate.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Lanyard::Context {

using namespace Internal;

namespace {

QString text(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

QJsonArray list(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toArray();
}

Error malformed(const QString &what)
{
    return Error::make(ContextError::Malformed,
                       QCoreApplication::translate("Lanyard::Context",
                                                   "PDS sent a patient record Lanyard cannot use "
                                                   "(%1) — call the IT service desk.")
                           .arg(what));
}

// PDS: the record's NHS number is its id, repeated in the nhs-number identifier. The number is
// never put in the message: messages end up in logs.
Result<QString> nhsNumberOf(const QJsonObject &resource)
{
    const QString id = text(resource, "id");
    if (!NhsNumber::isValid(id))
        return malformed(QStringLiteral("its id is not a valid NHS number"));
    for (const QJsonValue &value : list(resource, "identifier")) {
        const QJsonObject identifier = value.toObject();
        if (text(identifier, "system") == u"https://fhir.nhs.uk/Id/nhs-number"
            && text(identifier, "value") != id)
            return malformed(QStringLiteral("its NHS number identifier differs from its id"));
    }
    return id;
}

// PDS: meta.security v3-Confidentiality R marks a restricted ("sensitive") record. V (very
// restricted) is stricter still and is treated the same; a coding without a system is taken at
// its word rather than risk showing where a restricted patient lives.
bool isRestricted(const QJsonObject &meta)
{
    for (const QJsonValue &value : list(meta, "security")) {
        const QJsonObject coding = value.toObject();
        const QString system = text(coding, "system");
        const QString code = text(coding, "code");
        const bool confidentiality = system.isEmpty()
            || system == u"http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
        if (confidentiality && (code == u"R" || code == u"V"))
            return true;
    }
    return false;
}

// PDS: a restricted record shows no address, telecom, GP or contacts. The copy handed on (to
// the FHIRcast hub and the applications) loses them too, with the pharmacies, which would say
// roughly where the patient lives.
QJsonObject withoutContactDetails(QJsonObject resource)
{
    for (const char *key : {"address", "telecom", "generalPractitioner", "contact"})
        resource.remove(QLatin1String(key));
    QJsonArray kept;
    for (const QJsonValue &extension : list(resource, "extension")) {
        const QString url = text(extension.toObject(), "url");
        if (!url.endsWith(u"-NominatedPharmacy")
            && !url.endsWith(u"-PreferredDispenserOrganization")
            && !url.endsWith(u"-MedicalApplianceSupplier"))
            kept.append(extension);
    }
    if (resource.contains(QLatin1String("extension")))
        resource.insert(QLatin1String("extension"), kept);
    return resource;
}

// FHIR HumanName.use: the usual name current on `asOf` (no period: current); failing that the
// first current name that is not an old one (nor maiden, a name used before marriage).
std::optional<QJsonObject> currentName(const QJsonArray &names, const QDate &asOf)
{
    std::optional<QJsonObject> fallback;
    for (const QJsonValue &value : names) {
        const QJsonObject name = value.toObject();
        if (!periodContains(name, asOf))
            continue;
        const QString use = text(name, "use");
        if (use == u"usual")
            return name;
        if (!fallback && use != u"old" && use != u"maiden")
            fallback = name;
    }
    return fallback;
}

void readName(const QJsonObject &name, Patient &patient)
{
    patient.family = text(name, "family");
    for (const QJsonValue &given : list(name, "given"))
        patient.given.append(given.toString());
    patient.title = list(name, "prefix").at(0).toString();
}

// A birth date to the day, or none: the banner shows a date of birth and an age to the day or
// "Not Known", and a year or month alone (FHIR allows both) cannot give either.
std::optional<QDate> birthDateOf(const QJsonObject &resource)
{
    const FhirDay day = fhirDay(text(resource, "birthDate"));
    return day.complete ? std::optional(day.first) : std::nullopt;
}

// deceasedDateTime with a time is an instant; a date alone counts from 00:00 UTC that day; a
// year or month alone, or deceasedBoolean, says the patient died without saying when. A date of
// death that cannot be read is an error, never a living patient.
Result<void> readDeceased(const QJsonObject &resource, Patient &patient)
{
    const QJsonValue dateTime = resource.value(QLatin1String("deceasedDateTime"));
    if (dateTime.isUndefined()) {
        patient.deceasedDateUnknown =
            resource.value(QLatin1String("deceasedBoolean")).toBool(false);
        return {};
    }
    if (const auto instant = fhirInstant(dateTime.toString())) {
        patient.deceased = instant;
        return {};
    }
    const FhirDay day = fhirDay(dateTime.toString());
    if (!day.isValid() || dateTime.toString().contains(u'T'))
        return malformed(QStringLiteral("its date of death cannot be read"));
    if (day.complete) {
        patient.deceased = QDateTime(day.first, QTime(0, 0), Qt::UTC);
        patient.deceasedDateOnly = true;
    } else {
        patient.deceasedDateUnknown = true;
    }
    return {};
}

std::optional<Address> currentHomeAddress(const QJsonArray &addresses, const QDate &asOf)
{
    for (const QJsonValue &value : addresses) {
        const QJsonObject address = value.toObject();
        if (text(address, "use") != u"home" || !periodContains(address, asOf))
            continue;
        Address home;
        for (const QJsonValue &line : list(address, "line"))
            home.lines.append(line.toString());
        home.postalCode = text(address, "postalCode");
        return home;
    }
    return std::nullopt;
}

QList<Telecom> currentTelecom(const QJsonArray &telecoms, const QDate &asOf)
{
    QList<Telecom> current;
    for (const QJsonValue &value : telecoms) {
        const QJsonObject telecom = value.toObject();
        if (periodContains(telecom, asOf))
            current.append({text(telecom, "system"), text(telecom, "value"), text(telecom, "use")});
    }
    return current;
}

// PDS answers a superseded number with its successor's record: keep what was asked for so the
// banner can say the number changed. Compared as digits, whatever spacing it was asked with.
QString supersededBy(const QString &requestedNumber, const QString &id)
{
    if (requestedNumber.isEmpty())
        return {};
    const auto requested = NhsNumber::parse(requestedNumber);
    const QString digits = requested.ok() ? requested->digits() : requestedNumber;
    return digits == id ? QString() : digits;
}

} // namespace

Result<Patient> Patient::fromFhir(const QJsonObject &resource, const QDate &asOf,
                                  const QString &requestedNumber)
{
    const QString type = text(resource, "resourceType");
    if (type != u"Patient")
        return malformed(type.isEmpty()
                             ? QStringLiteral("it is not a FHIR resource")
                             : QStringLiteral("it is a %1, not a Patient").arg(type));
    const auto nhsNumber = nhsNumberOf(resource);
    if (!nhsNumber)
        return nhsNumber.error();

    Patient patient;
    patient.nhsNumber = *nhsNumber;
    patient.supersededNumber = supersededBy(requestedNumber, patient.nhsNumber);
    if (const auto name = currentName(list(resource, "name"), asOf))
        readName(*name, patient);
    patient.birthDate = birthDateOf(resource);
    patient.gender = text(resource, "gender");
    if (const auto deceased = readDeceased(resource, patient); !deceased)
        return deceased.error();
    const QJsonObject meta = resource.value(QLatin1String("meta")).toObject();
    patient.versionId = text(meta, "versionId");
    patient.restricted = isRestricted(meta);
    if (patient.restricted) {
        patient.resource = withoutContactDetails(resource);
        return patient;
    }
    patient.homeAddress = currentHomeAddress(list(resource, "address"), asOf);
    patient.telecom = currentTelecom(list(resource, "telecom"), asOf);
    patient.gpOdsCode = list(resource, "generalPractitioner")
                            .at(0)
                            .toObject()
                            .value(QLatin1String("identifier"))
                            .toObject()
                            .value(QLatin1String("value"))
                            .toString();
    patient.resource = resource;
    return patient;
}

} // namespace Lanyard::Context
