#include <lanyard/pluginhost/applicationmanifest.h>
#include <lanyard/pluginhost/pluginerror.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringList>

namespace Lanyard::Plugins {

namespace {

const QString example = QStringLiteral(
    "{\"id\": \"demo-epr\", \"name\": \"Demo EPR\", \"plugin\": \"org.lanyard.exec\", "
    "\"settings\": {\"command\": \"/usr/bin/demo-epr\"}}");

} // namespace

bool isValidApplicationId(const QString &id)
{
    if (id.isEmpty() || id.startsWith(QLatin1Char('.')))
        return false;
    for (const QChar c : id) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.')
            || c == QLatin1Char('-') || c == QLatin1Char('_');
        if (!ok)
            return false;
    }
    return true;
}

Result<ApplicationManifest> ApplicationManifest::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::make(PluginError::BadManifest,
                           QStringLiteral("%1: could not be read (%2); make it readable by "
                                          "Lanyard")
                               .arg(QFileInfo(path).fileName(), file.errorString()));
    }
    return fromJson(file.readAll(), path);
}

Result<ApplicationManifest> ApplicationManifest::fromJson(const QByteArray &json,
                                                          const QString &path)
{
    const QString fileName = QFileInfo(path).fileName();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error::make(PluginError::BadManifest,
                           QStringLiteral("%1: not JSON (%2 at offset %3); write one JSON object "
                                          "such as %4")
                               .arg(fileName, parseError.errorString())
                               .arg(parseError.offset)
                               .arg(example));
    }
    if (!document.isObject()) {
        return Error::make(PluginError::BadManifest,
                           QStringLiteral("%1: not a JSON object; write one JSON object such "
                                          "as %2")
                               .arg(fileName, example));
    }
    const QJsonObject object = document.object();
    ApplicationManifest manifest;
    manifest.path = path;
    QStringList problems;

    const auto text = [&](const QString &key, bool required, const QString &hint) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                problems << QStringLiteral("has no \"%1\"; add %2").arg(key, hint);
            return QString();
        }
        if (!value.isString() || (required && value.toString().trimmed().isEmpty())) {
            problems << QStringLiteral("\"%1\" must be a non-empty string; write %2")
                            .arg(key, hint);
            return QString();
        }
        return value.toString().trimmed();
    };
    manifest.id = text(QStringLiteral("id"), true,
                       QStringLiteral("\"id\": \"a-short-unique-name\" (e.g. \"demo-epr\")"));
    manifest.name = text(QStringLiteral("name"), true,
                         QStringLiteral("\"name\": \"the tile's label\" (e.g. \"Demo EPR\")"));
    manifest.plugin = text(QStringLiteral("plugin"), true,
                           QStringLiteral("\"plugin\": \"org.lanyard.exec\" (or the id of "
                                          "another installed plugin)"));
    manifest.audience = text(QStringLiteral("audience"), false,
                             QStringLiteral("\"audience\": \"the token audience\""));
    manifest.icon = text(QStringLiteral("icon"), false,
                         QStringLiteral("\"icon\": \"/path/to/icon.svg\""));
    if (!manifest.id.isEmpty() && !isValidApplicationId(manifest.id)) {
        problems << QStringLiteral("the id \"%1\" may hold only letters, digits, '.', '-' and "
                                   "'_' and not start with '.'; write e.g. \"demo-epr\"")
                        .arg(manifest.id);
    }
    const QJsonValue follows = object.value(QStringLiteral("followsPatient"));
    if (!follows.isUndefined()) {
        if (follows.isBool()) {
            manifest.hasFollowsPatient = true;
            manifest.followsPatient = follows.toBool();
        } else {
            problems << QStringLiteral("\"followsPatient\" must be true or false");
        }
    }
    const QJsonValue settings = object.value(QStringLiteral("settings"));
    if (!settings.isUndefined()) {
        if (settings.isObject()) {
            manifest.settings = settings.toObject();
        } else {
            problems << QStringLiteral("\"settings\" must be an object, e.g. \"settings\": "
                                       "{\"command\": \"/usr/bin/demo-epr\"}");
        }
    }
    if (!problems.isEmpty()) {
        return Error::make(PluginError::BadManifest,
                           QStringLiteral("%1: %2").arg(fileName,
                                                        problems.join(QStringLiteral("; "))));
    }
    return manifest;
}

} // namespace Lanyard::Plugins
