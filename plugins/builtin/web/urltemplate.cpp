#include "urltemplate.h"

#include <QRegularExpression>

namespace Lanyard::Plugin::Web {

namespace {

const QStringList Known = {QStringLiteral("nhsNumber"),    QStringLiteral("userId"),
                           QStringLiteral("roleId"),       QStringLiteral("organisation"),
                           QStringLiteral("hubUrl"),       QStringLiteral("hubTopic"),
                           QStringLiteral("workstation")};

} // namespace

QHash<QString, QString> urlValues(const LaunchRequest &request)
{
    return {{QStringLiteral("nhsNumber"), request.patient.nhsNumber},
            {QStringLiteral("userId"), request.user.uid},
            {QStringLiteral("roleId"), request.user.roleId},
            {QStringLiteral("organisation"), request.user.organisationCode},
            {QStringLiteral("hubUrl"), request.hub.url.toString()},
            {QStringLiteral("hubTopic"), request.hub.topic},
            {QStringLiteral("workstation"), request.workstation}};
}

Result<void> checkUrlTemplate(const QString &where, const QString &text)
{
    static const QRegularExpression field(QStringLiteral(R"(\{([A-Za-z]+)\})"));
    for (auto it = field.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!Known.contains(name))
            return Error::make(WebError::BadSetting,
                               QStringLiteral("%1 names {%2}, which the web plugin does not know; use "
                                              "one of {%3} (no token: a URL is logged and kept in "
                                              "history).")
                                   .arg(where, name, Known.join(QStringLiteral("}, {"))));
    }
    const QUrl url(QString(text).replace(field, QStringLiteral("x")));
    if (!text.isEmpty() && (!url.isValid() || url.scheme() != QLatin1String("https")))
        return Error::make(WebError::BadSetting,
                           QStringLiteral("%1 \"%2\" is not an https URL — check the application's "
                                          "settings.")
                               .arg(where, text));
    return {};
}

QUrl expandUrl(const QString &text, const QHash<QString, QString> &values)
{
    QString result = text;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        result.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'),
                       QString::fromLatin1(QUrl::toPercentEncoding(it.value())));
    return QUrl(result, QUrl::StrictMode);
}

QString hubFragment(const HubContext &hub)
{
    if (!hub.url.isValid() || hub.url.isEmpty())
        return {};
    const auto encoded = [](const QString &value) {
        return QString::fromLatin1(QUrl::toPercentEncoding(value));
    };
    return QStringLiteral("hub.url=%1&hub.topic=%2&hub.token=%3")
        .arg(encoded(hub.url.toString()), encoded(hub.topic), encoded(QString::fromLatin1(hub.token)));
}

} // namespace Lanyard::Plugin::Web
