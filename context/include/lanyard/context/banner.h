// The patient banner's text by the NHS Common User Interface rules (DOMAIN.md): the one function
// the shell's banner and lanyard-context both use.
#pragma once

#include <lanyard/context/patient.h>

namespace Lanyard::Context {

struct BannerText
{
    QString name;       // "SMITH, Jane (Mrs)", "Not Known" without a name
    QString born;       // "Born 22-Oct-2010 (14y)", "Born Not Known"
    QString gender;     // "Gender Female", "Gender Not Known"
    QString nhsNumber;  // "NHS No. 900 000 0009"
    QString died;       // "Died 05-Nov-2024", empty while alive
    QString ageAtDeath; // "Age at death 86y", empty while alive
    bool deceased = false;
    bool restricted = false;
    QString line() const; // the fields in CUI order, separated by two spaces
};

BannerText bannerText(const Patient &patient, const QDateTime &now);
// The age between birth and `at` in CUI units: "45min", "17h", "6d", "5w 2d", "14m 3d",
// "11y 3m", "61y". Reckoned in UTC; empty when `at` is before `birth` or either is invalid.
QString cuiAge(const QDateTime &birth, const QDateTime &at);
// DD-Mmm-YYYY in English whatever the locale; "Not Known" for an invalid date.
QString cuiDate(const QDate &date);

} // namespace Lanyard::Context
