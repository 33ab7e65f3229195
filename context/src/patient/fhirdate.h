// FHIR R4 date, dateTime and Period values as the patient model needs them.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QStringView>

#include <optional>

namespace Lanyard::Context::Internal {

// The days a FHIR date covers: "2020" is 1 Jan..31 Dec 2020, "2020-02" is 1..29 Feb 2020,
// "2020-02-03" (or a dateTime on that day) is that day alone. Invalid when unreadable.
struct FhirDay
{
    QDate first;
    QDate last;
    bool complete = false; // precise to the day
    bool isValid() const { return first.isValid(); }
};
FhirDay fhirDay(QStringView value);

// A dateTime with a time of day, in UTC; FHIR requires a zone with a time, and one without is
// read as UTC rather than as this workstation's local time.
std::optional<QDateTime> fhirInstant(QStringView value);

// FHIR Period: current when `day` falls between start and end, both inclusive and either open.
// A bound that cannot be read makes the period not current: an element we cannot date is not
// shown as if it were.
bool periodContains(const QJsonObject &element, const QDate &day);

} // namespace Lanyard::Context::Internal
