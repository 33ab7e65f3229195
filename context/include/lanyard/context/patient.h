// A patient as Lanyard shows one, read from a PDS / UK Core FHIR R4 Patient resource. A
// restricted record (meta.security R) never carries address, telecom, GP or contacts: they are
// left out of the model entirely, not merely hidden.
#pragma once

#include <lanyard/context/contexterror.h>

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Lanyard::Context {

struct Address
{
    QStringList lines;
    QString postalCode;
    bool operator==(const Address &) const = default;
};

struct Telecom
{
    QString system; // phone, email, ...
    QString value;
    QString use;    // home, mobile, work, ...
    bool operator==(const Telecom &) const = default;
};

struct Patient
{
    QString nhsNumber;          // 10 digits: the record's own (the resource id)
    QString supersededNumber;   // the number asked for when PDS answered with its successor
    QString family;             // the current usual name (use and period respected)
    QStringList given;
    QString title;              // the name's prefix, e.g. "Mrs"
    std::optional<QDate> birthDate;
    QString gender;             // FHIR administrative gender: male, female, other, unknown, or empty
    std::optional<QDateTime> deceased; // UTC
    bool deceasedDateOnly = false;     // deceasedDateTime had no time of day
    bool deceasedDateUnknown = false;  // died, but not known to the day: deceasedBoolean, or a
                                       // deceasedDateTime of a year or month only
    bool restricted = false;           // meta.security R: the fields below are always empty
    std::optional<Address> homeAddress; // the current home address
    QList<Telecom> telecom;
    QString gpOdsCode;                  // generalPractitioner identifier (ODS code)
    QString versionId;                  // meta.versionId
    QJsonObject resource;               // the FHIR resource itself, for the hub (restricted: trimmed too)

    // `asOf` decides which name and address are current (their period); `requestedNumber`, when
    // set and different from the resource's id, becomes supersededNumber.
    static Result<Patient> fromFhir(const QJsonObject &resource, const QDate &asOf,
                                    const QString &requestedNumber = {});
    bool operator==(const Patient &) const = default;
};

// A PDS error answer (an OperationOutcome, with the HTTP status it came with) as an Error whose
// code is the ContextError for its Spine code and whose message a clinician can act on.
Error pdsError(int httpStatus, const QJsonObject &operationOutcome);
// The Spine-ErrorOrWarningCode of an OperationOutcome's first issue ("" if none).
QString spineCode(const QJsonObject &operationOutcome);

} // namespace Lanyard::Context

Q_DECLARE_METATYPE(Lanyard::Context::Patient)
