#include "fhirdate.h"

namespace Lanyard::Context::Internal {

namespace {

// The number written in value[from, from + count) in ASCII digits, or -1.
int digitsAt(QStringView value, qsizetype from, qsizetype count)
{
    if (value.size() < from + count)
        return -1;
    int number = 0;
    for (const QChar c : value.mid(from, count)) {
        if (c < u'0' || c > u'9')
            return -1;
        number = number * 10 + (c.unicode() - u'0');
    }
    return number;
}

} // namespace

FhirDay fhirDay(QStringView value)
{
    // FHIR R4 date: YYYY, YYYY-MM or YYYY-MM-DD; a dateTime adds "T..." to the last.
    const int year = digitsAt(value, 0, 4);
    if (year < 0)
        return {};
    if (value.size() == 4)
        return {QDate(year, 1, 1), QDate(year, 12, 31), false};
    const int month = value.size() >= 7 && value[4] == u'-' ? digitsAt(value, 5, 2) : -1;
    if (month < 1 || month > 12)
        return {};
    if (value.size() == 7) {
        const QDate first(year, month, 1);
        return {first, first.addMonths(1).addDays(-1), false};
    }
    const bool dayFollows = value.size() >= 10 && value[7] == u'-'
        && (value.size() == 10 || value[10] == u'T');
    const QDate day(year, month, dayFollows ? digitsAt(value, 8, 2) : -1);
    if (!day.isValid())
        return {};
    return {day, day, true};
}

std::optional<QDateTime> fhirInstant(QStringView value)
{
    if (!value.contains(u'T'))
        return std::nullopt;
    QDateTime instant = QDateTime::fromString(value.toString(), Qt::ISODate);
    if (!instant.isValid())
        return std::nullopt;
    if (instant.timeSpec() == Qt::LocalTime)
        instant = QDateTime(instant.date(), instant.time(), Qt::UTC);
    return instant.toUTC();
}

bool periodContains(const QJsonObject &element, const QDate &day)
{
    const QJsonValue period = element.value(QLatin1String("period"));
    if (period.isUndefined())
        return true;
    const QJsonValue start = period.toObject().value(QLatin1String("start"));
    if (!start.isUndefined()) {
        const FhirDay from = fhirDay(start.toString());
        if (!from.isValid() || day < from.first)
            return false;
    }
    const QJsonValue end = period.toObject().value(QLatin1String("end"));
    if (!end.isUndefined()) {
        const FhirDay to = fhirDay(end.toString());
        if (!to.isValid() || day > to.last)
            return false;
    }
    return period.isObject();
}

} // namespace Lanyard::Context::Internal
