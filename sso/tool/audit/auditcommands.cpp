#include "auditcommands.h"

#include <lanyard/sso/auditlog.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace Lanyard::AuditTool {

namespace {

QString text(const QJsonObject &line, const char *key)
{
    return line.value(QLatin1String(key)).toString();
}

bool matches(const QJsonObject &line, const ShowFilter &filter)
{
    if (filter.since.isValid()
        && QDateTime::fromString(text(line, "time"), Qt::ISODateWithMs) < filter.since)
        return false;
    if (!filter.user.isEmpty() && text(line, "user") != filter.user)
        return false;
    return filter.event.isEmpty() || text(line, "event") == filter.event;
}

QString valueText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString(); // strings, numbers, booleans
}

// Everything past the fixed columns, as "Alice Carter role=… reader=\"…\" app=…".
QString details(const QJsonObject &line)
{
    QStringList parts;
    if (const QString name = text(line, "user_name"); !name.isEmpty())
        parts << name;
    for (const char *key : {"role", "reader", "reason"}) {
        if (const QString value = text(line, key); !value.isEmpty())
            parts << QStringLiteral("%1=\"%2\"").arg(QLatin1String(key), value);
    }
    const QJsonObject detail = line.value(QLatin1String("detail")).toObject();
    for (auto it = detail.begin(); it != detail.end(); ++it)
        parts << it.key() + QLatin1Char('=') + valueText(it.value());
    return parts.join(QLatin1Char(' '));
}

} // namespace

ExitCode verify(const QString &file, const Output &output)
{
    const Sso::AuditVerification result = Sso::verifyAuditLog(file);
    const QJsonObject object{{QStringLiteral("file"), file},
                             {QStringLiteral("intact"), result.intact},
                             {QStringLiteral("lines"), result.lines},
                             {QStringLiteral("first_bad_line"), result.firstBadLine},
                             {QStringLiteral("problem"), result.problem}};
    if (result.intact) {
        output.record(QStringLiteral("%1: %2 %3, chain intact")
                          .arg(file)
                          .arg(result.lines)
                          .arg(result.lines == 1 ? QStringLiteral("line") : QStringLiteral("lines")),
                      object);
        return Success;
    }
    if (result.firstBadLine == 0) { // not a finding about the file: it could not be read
        output.error(result.problem, object);
        return UsageError;
    }
    output.record(QStringLiteral("%1: chain broken: %2").arg(file, result.problem), object);
    return Tampered;
}

ExitCode show(const QString &file, const ShowFilter &filter, const Output &output)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        output.error(QStringLiteral("Cannot read %1: %2").arg(file, in.errorString()));
        return UsageError;
    }
    if (!output.json())
        output.record(QStringLiteral("%1 %2 %3 %4 DETAILS")
                          .arg(QStringLiteral("SEQ"), -7)
                          .arg(QStringLiteral("TIME"), -24)
                          .arg(QStringLiteral("EVENT"), -16)
                          .arg(QStringLiteral("USER"), -12),
                      {});
    for (qint64 number = 1; !in.atEnd(); ++number) {
        QByteArray bytes = in.readLine();
        if (bytes.endsWith('\n'))
            bytes.chop(1);
        const QJsonObject line = QJsonDocument::fromJson(bytes).object();
        if (line.isEmpty()) {
            output.error(QStringLiteral("line %1 is not an audit line; skipped (see verify)")
                             .arg(number));
            continue;
        }
        if (!matches(line, filter))
            continue;
        if (output.json()) {
            output.raw(bytes);
            continue;
        }
        output.record(QStringLiteral("%1 %2 %3 %4 %5")
                          .arg(line.value(QLatin1String("seq")).toInteger(), -7)
                          .arg(text(line, "time"), -24)
                          .arg(text(line, "event"), -16)
                          .arg(text(line, "user"), -12)
                          .arg(details(line)),
                      {});
    }
    if (in.error() != QFile::NoError) {
        output.error(QStringLiteral("Cannot read %1: %2").arg(file, in.errorString()));
        return UsageError;
    }
    return Success;
}

} // namespace Lanyard::AuditTool
