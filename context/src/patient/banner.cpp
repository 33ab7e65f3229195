#include <lanyard/context/banner.h>

#include <lanyard/context/nhsnumber.h>

#include <QLocale>

namespace Lanyard::Context {

namespace {

// NHS CUI: unknown values say "Not Known", never "?" or a blank.
QString notKnown()
{
    return QStringLiteral("Not Known");
}

// NHS CUI: "FAMILY, Given Given2 (Title)"; the family name in capitals, the rest as recorded.
QString nameOf(const Patient &patient)
{
    const QString family = patient.family.trimmed().toUpper();
    const QString given = patient.given.join(u' ').trimmed();
    QString name = family.isEmpty() || given.isEmpty()
        ? family + given
        : QStringLiteral("%1, %2").arg(family, given);
    if (name.isEmpty())
        return notKnown();
    if (!patient.title.trimmed().isEmpty())
        name += QStringLiteral(" (%1)").arg(patient.title.trimmed());
    return name;
}

// NHS CUI: Female, Male, Other or Not Known (FHIR's "unknown", or nothing recorded).
QString genderOf(const QString &gender)
{
    if (gender == u"female")
        return QStringLiteral("Female");
    if (gender == u"male")
        return QStringLiteral("Male");
    if (gender == u"other")
        return QStringLiteral("Other");
    return notKnown();
}

QString nhsNumberOf(const QString &digits)
{
    if (digits.isEmpty())
        return notKnown();
    const auto number = NhsNumber::parse(digits);
    return number ? number->formatted() : digits;
}

// A birth date has no time of day: it counts from 00:00 UTC that day (see cuiAge).
std::optional<QDateTime> birthInstant(const Patient &patient)
{
    if (!patient.birthDate)
        return std::nullopt;
    return QDateTime(*patient.birthDate, QTime(0, 0), Qt::UTC);
}

// Whole calendar months from `birth` to `at`. A month is complete on the same day of a later
// month at the same time; where that month is shorter, on its last day (QDate::addMonths
// clamps): born 31 Jan, a month old on 28 Feb (29th in a leap year); born 29 Feb, a year old on
// 28 Feb in a year without one.
int completeMonths(const QDateTime &birth, const QDateTime &at)
{
    int months = (at.date().year() - birth.date().year()) * 12 + at.date().month()
        - birth.date().month();
    while (months > 0 && birth.addMonths(months) > at)
        --months;
    return months;
}

QString count(qint64 number, const char *unit)
{
    return QString::number(number) + QLatin1String(unit);
}

// "N<unit> M<unit>", the second left out when zero: "5w 2d", "5w".
QString twoUnits(qint64 first, const char *firstUnit, qint64 second, const char *secondUnit)
{
    return second == 0 ? count(first, firstUnit)
                       : count(first, firstUnit) + u' ' + count(second, secondUnit);
}

} // namespace

QString BannerText::line() const
{
    QStringList fields;
    for (const QString *field : {&name, &born, &gender, &nhsNumber, &died, &ageAtDeath}) {
        if (!field->isEmpty())
            fields.append(*field);
    }
    return fields.join(QStringLiteral("  "));
}

BannerText bannerText(const Patient &patient, const QDateTime &now)
{
    BannerText banner;
    banner.name = nameOf(patient);
    banner.gender = QStringLiteral("Gender ") + genderOf(patient.gender);
    banner.nhsNumber = QStringLiteral("NHS No. ") + nhsNumberOf(patient.nhsNumber);
    banner.restricted = patient.restricted;
    banner.deceased = patient.deceased.has_value() || patient.deceasedDateUnknown;

    const auto birth = birthInstant(patient);
    banner.born = QStringLiteral("Born ") + (birth ? cuiDate(birth->date()) : notKnown());
    if (!banner.deceased) {
        // NHS CUI: a living patient's age follows the date of birth.
        const QString age = birth ? cuiAge(*birth, now) : QString();
        if (!age.isEmpty())
            banner.born += QStringLiteral(" (%1)").arg(age);
        return banner;
    }
    // NHS CUI: the dead have no current age; the age at death is shown instead.
    const auto &death = patient.deceased;
    banner.died = QStringLiteral("Died ") + (death ? cuiDate(death->toUTC().date()) : notKnown());
    const QString ageAtDeath = birth && death ? cuiAge(*birth, *death) : QString();
    banner.ageAtDeath =
        QStringLiteral("Age at death ") + (ageAtDeath.isEmpty() ? notKnown() : ageAtDeath);
    return banner;
}

// NHS CUI age units, from elapsed time below four weeks and from calendar months above.
// Everything is reckoned in UTC, so a birthday in British Summer Time begins at 01:00 local.
// Empty when `at` is before `birth` or either is invalid.
QString cuiAge(const QDateTime &birth, const QDateTime &at)
{
    if (!birth.isValid() || !at.isValid() || at < birth)
        return {};
    const QDateTime from = birth.toUTC();
    const QDateTime to = at.toUTC();
    const qint64 minutes = from.secsTo(to) / 60;
    if (minutes < 2 * 60)
        return count(minutes, "min");
    if (minutes < 2 * 24 * 60)
        return count(minutes / 60, "h");
    const qint64 days = minutes / (24 * 60);
    if (days < 4 * 7)
        return count(days, "d");
    const int months = completeMonths(from, to);
    if (months < 12)
        return twoUnits(days / 7, "w", days % 7, "d");
    if (months < 24)
        return twoUnits(months, "m", from.addMonths(months).secsTo(to) / 86400, "d");
    if (months < 18 * 12)
        return twoUnits(months / 12, "y", months % 12, "m");
    return count(months / 12, "y");
}

// NHS CUI: DD-Mmm-YYYY with English month abbreviations whatever the workstation's locale, so
// the C locale rather than the default one. "Not Known" for no date.
QString cuiDate(const QDate &date)
{
    return date.isValid() ? QLocale::c().toString(date, QStringLiteral("dd-MMM-yyyy")) : notKnown();
}

} // namespace Lanyard::Context
