#include <lanyard/pluginhost/pluginerror.h>
#include <lanyard/pluginhost/pluginmanifest.h>

#include <lanyard/plugin/clinicalappplugin.h>

#include <QFileInfo>
#include <QJsonValue>
#include <QPluginLoader>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace Lanyard::Plugins {

namespace {

Error manifestError(PluginError code, const QString &path, const QStringList &problems)
{
    return Error::make(code, QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(),
                                                          problems.join(QStringLiteral("; "))));
}

} // namespace

QString signInName(SignIn signIn)
{
    switch (signIn) {
    case SignIn::Token: return QStringLiteral("token");
    case SignIn::Web: return QStringLiteral("web");
    case SignIn::Autotype: return QStringLiteral("autotype");
    case SignIn::None: break;
    }
    return QStringLiteral("none");
}

Result<PluginManifest> PluginManifest::read(const QString &path)
{
    if (!QFileInfo::exists(path))
        return manifestError(PluginError::NotAPlugin, path, {QStringLiteral("no such file")});
    // metaData() reads the .qtmetadata section from the file; the plugin's code is not run.
    const QPluginLoader loader(path);
    return fromMetaData(loader.metaData(), path);
}

Result<PluginManifest> PluginManifest::fromMetaData(const QJsonObject &metaData,
                                                    const QString &path)
{
    if (metaData.isEmpty()) {
        return manifestError(PluginError::NotAPlugin, path,
                             {QStringLiteral("not a Qt plugin (no plugin metadata)")});
    }
    const QString iid = metaData.value(QStringLiteral("IID")).toString();
    if (iid != QLatin1String(Lanyard_ClinicalAppPlugin_iid)) {
        return manifestError(PluginError::NotAPlugin, path,
                             {QStringLiteral("not a Lanyard clinical application plugin "
                                             "(interface \"%1\", expected \"%2\")")
                                  .arg(iid, QLatin1String(Lanyard_ClinicalAppPlugin_iid))});
    }
    const QJsonValue metaValue = metaData.value(QStringLiteral("MetaData"));
    if (!metaValue.isObject() || metaValue.toObject().isEmpty()) {
        return manifestError(PluginError::BadManifest, path,
                             {QStringLiteral("has no manifest (Q_PLUGIN_METADATA FILE)")});
    }
    const QJsonObject json = metaValue.toObject();

    PluginManifest manifest;
    manifest.path = path;
    QStringList problems;
    PluginError code = PluginError::BadManifest;

    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+([.-][a-z0-9]+)*$"));
    static const QRegularExpression versionPattern(
        QStringLiteral("^\\d+\\.\\d+(\\.\\d+)?([-+][0-9A-Za-z.+-]+)?$"));

    const auto stringField = [&](const char *key) -> QString {
        const QJsonValue value = json.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull())
            return {};
        if (!value.isString()) {
            problems << QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key));
            return {};
        }
        return value.toString();
    };

    manifest.id = stringField("id");
    if (manifest.id.isEmpty())
        problems << QStringLiteral("the manifest has no \"id\"");
    else if (!idPattern.match(manifest.id).hasMatch())
        problems << QStringLiteral("the id \"%1\" is not reverse-DNS (a-z, 0-9, '.', '-')")
                        .arg(manifest.id);
    manifest.name = stringField("name");
    if (manifest.name.trimmed().isEmpty())
        problems << QStringLiteral("the manifest has no \"name\"");
    manifest.version = stringField("version");
    if (manifest.version.isEmpty())
        problems << QStringLiteral("the manifest has no \"version\"");
    else if (!versionPattern.match(manifest.version).hasMatch())
        problems << QStringLiteral("the version \"%1\" is not MAJOR.MINOR.PATCH")
                        .arg(manifest.version);

    const QJsonValue api = json.value(QStringLiteral("api"));
    const double apiNumber = api.toDouble(-1);
    // std::trunc, not a round trip through an integer: converting a double beyond qint64's
    // range (an "api" of 1e50) to an integer is undefined behaviour.
    if (!api.isDouble() || !std::isfinite(apiNumber) || apiNumber != std::trunc(apiNumber)
        || apiNumber < 1) {
        problems << QStringLiteral("\"api\" must be a whole number (the plugin API it was built "
                                   "for; this Lanyard supports %1)")
                        .arg(Plugin::ApiVersion);
    } else if (apiNumber > Plugin::ApiVersion) {
        code = PluginError::ApiTooNew;
        problems << QStringLiteral("built for Lanyard plugin API %1; this Lanyard supports %2 — "
                                   "ask the vendor for an older build or update Lanyard")
                        .arg(apiNumber, 0, 'f', 0)
                        .arg(Plugin::ApiVersion);
    } else {
        manifest.api = int(apiNumber);
    }

    manifest.vendor = stringField("vendor");
    manifest.icon = stringField("icon");
    manifest.audience = stringField("audience");
    const QString signIn = stringField("signIn");
    if (signIn.isEmpty() || signIn == QLatin1String("none"))
        manifest.signIn = SignIn::None;
    else if (signIn == QLatin1String("token"))
        manifest.signIn = SignIn::Token;
    else if (signIn == QLatin1String("web"))
        manifest.signIn = SignIn::Web;
    else if (signIn == QLatin1String("autotype"))
        manifest.signIn = SignIn::Autotype;
    else
        problems << QStringLiteral("\"signIn\" is \"%1\"; it must be token, web, autotype or "
                                   "none")
                        .arg(signIn);

    const QJsonValue follows = json.value(QStringLiteral("followsPatient"));
    if (!follows.isUndefined() && !follows.isBool())
        problems << QStringLiteral("\"followsPatient\" must be true or false");
    manifest.followsPatient = follows.toBool(false);

    const QJsonValue settings = json.value(QStringLiteral("settings"));
    if (!settings.isUndefined() && !settings.isObject())
        problems << QStringLiteral("\"settings\" must be an object");
    manifest.settings = settings.toObject();

    if (!problems.isEmpty())
        return manifestError(code, path, problems);
    return manifest;
}

} // namespace Lanyard::Plugins
