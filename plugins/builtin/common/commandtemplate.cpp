#include "commandtemplate.h"

#include <QRegularExpression>

namespace Lanyard::Plugin::Templates {

namespace {

const QStringList Known = {QStringLiteral("token"),        QStringLiteral("userId"),
                           QStringLiteral("userName"),     QStringLiteral("roleId"),
                           QStringLiteral("roleName"),     QStringLiteral("organisation"),
                           QStringLiteral("nhsNumber"),    QStringLiteral("hubUrl"),
                           QStringLiteral("hubTopic"),     QStringLiteral("hubToken"),
                           QStringLiteral("workstation")};

} // namespace

bool isSecretPlaceholder(const QString &name)
{
    return name == QLatin1String("token") || name == QLatin1String("hubToken");
}

QStringList placeholdersIn(const QString &text)
{
    static const QRegularExpression field(QStringLiteral(R"(\{([A-Za-z]+)\})"));
    QStringList names;
    for (auto it = field.globalMatch(text); it.hasNext();)
        names << it.next().captured(1);
    return names;
}

Result<void> checkTemplate(const QString &where, const QString &text, bool secretsAllowed)
{
    for (const QString &name : placeholdersIn(text)) {
        if (!Known.contains(name))
            return Error::make(TemplateError::UnknownPlaceholder,
                               QStringLiteral("%1 names {%2}, which Lanyard does not know; use one of "
                                              "{%3}.")
                                   .arg(where, name, Known.join(QStringLiteral("}, {"))));
        if (isSecretPlaceholder(name) && !secretsAllowed)
            return Error::make(TemplateError::SecretOutsideStdin,
                               QStringLiteral("%1 puts {%2} where other programs can read it; pass "
                                              "tokens on standard input (settings.stdin).")
                                   .arg(where, name));
    }
    return {};
}

QHash<QString, QString> placeholderValues(const LaunchRequest &request)
{
    return {{QStringLiteral("token"), QString::fromLatin1(request.token.token)},
            {QStringLiteral("userId"), request.user.uid},
            {QStringLiteral("userName"), request.user.name},
            {QStringLiteral("roleId"), request.user.roleId},
            {QStringLiteral("roleName"), request.user.roleName},
            {QStringLiteral("organisation"), request.user.organisationCode},
            {QStringLiteral("nhsNumber"), request.patient.nhsNumber},
            {QStringLiteral("hubUrl"), request.hub.url.toString()},
            {QStringLiteral("hubTopic"), request.hub.topic},
            {QStringLiteral("hubToken"), QString::fromLatin1(request.hub.token)},
            {QStringLiteral("workstation"), request.workstation}};
}

QString expand(const QString &text, const QHash<QString, QString> &values)
{
    QString result = text;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        result.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return result;
}

} // namespace Lanyard::Plugin::Templates
