#include <lanyard/pluginhost/pluginerror.h>
#include <lanyard/pluginhost/pluginhostconfig.h>

#include <lanyard/settingvalues.h>

#include <QSettings>
#include <QStandardPaths>

namespace Lanyard::Plugins {

namespace {

// Debian's multiarch triplet for the machine this was built for.
QString multiarchTriplet()
{
#if defined(__x86_64__)
    return QStringLiteral("x86_64-linux-gnu");
#elif defined(__aarch64__)
    return QStringLiteral("aarch64-linux-gnu");
#elif defined(__i386__)
    return QStringLiteral("i386-linux-gnu");
#elif defined(__arm__)
    return QStringLiteral("arm-linux-gnueabihf");
#else
    return QStringLiteral("lib");
#endif
}

// A list setting written either as an ini list (a, b) or as one string.
QStringList listValue(const QSettings &settings, const QString &key)
{
    return parseList(settings.value(key));
}

} // namespace

QStringList PluginHostConfig::defaultDirectories()
{
    return {QStringLiteral("/usr/lib/%1/lanyard/plugins").arg(multiarchTriplet())};
}

QString PluginHostConfig::defaultBuiltinDirectory()
{
#ifdef LANYARD_BUILTIN_PLUGIN_DIR
    return QStringLiteral(LANYARD_BUILTIN_PLUGIN_DIR);
#else
    return QStringLiteral("/usr/lib/%1/lanyard/plugins").arg(multiarchTriplet());
#endif
}

QStringList PluginHostConfig::defaultApplicationDirectories()
{
    return {QStringLiteral("/etc/xdg/lanyard/applications")};
}

Result<PluginHostConfig> PluginHostConfig::fromSettings(QSettings &settings)
{
    PluginHostConfig config;
    const QString builtinKey = QStringLiteral("plugins/builtin_directory");
    if (settings.contains(builtinKey)) {
        config.builtinDirectory = settings.value(builtinKey).toString().trimmed();
        if (config.builtinDirectory.isEmpty()) {
            return badSetting(PluginError::BadSetting, builtinKey, QString(),
                              QStringLiteral("the directory of Lanyard's own plugins"));
        }
    }
    const QString applicationsKey = QStringLiteral("plugins/applications");
    if (settings.contains(applicationsKey)) {
        config.applicationDirectories = listValue(settings, applicationsKey);
        if (config.applicationDirectories.isEmpty()) {
            return badSetting(PluginError::BadSetting, applicationsKey, QString(),
                              QStringLiteral("one or more directories, separated by commas"));
        }
    }
    const QString directoriesKey = QStringLiteral("plugins/directories");
    if (settings.contains(directoriesKey)) {
        config.directories = listValue(settings, directoriesKey);
        if (config.directories.isEmpty()) {
            return badSetting(PluginError::BadSetting, directoriesKey, QString(),
                              QStringLiteral("one or more directories, separated by commas"));
        }
    }
    config.allow = listValue(settings, QStringLiteral("plugins/allow"));

    const QString signedKey = QStringLiteral("plugins/require_signed");
    const QString signedText = settings.value(signedKey, QStringLiteral("false")).toString();
    const QString lowered = signedText.trimmed().toLower();
    if (lowered == QLatin1String("true") || lowered == QLatin1String("1")
        || lowered == QLatin1String("yes")) {
        config.requireSigned = true;
    } else if (lowered == QLatin1String("false") || lowered == QLatin1String("0")
               || lowered == QLatin1String("no")) {
        config.requireSigned = false;
    } else {
        return badSetting(PluginError::BadSetting, signedKey, signedText,
                          QStringLiteral("true or false"));
    }

    const QString keysKey = QStringLiteral("plugins/trusted_keys");
    config.trustedKeys = listValue(settings, keysKey);
    if (config.requireSigned && config.trustedKeys.isEmpty()) {
        // Signing required with no key to check against would refuse every plugin, silently.
        return badSetting(PluginError::BadSetting, keysKey, QString(),
                          QStringLiteral("the PEM public key file of each trusted publisher "
                                         "(plugins/require_signed is true)"));
    }

    const QString endKey = QStringLiteral("plugins/end_timeout");
    if (settings.contains(endKey)) {
        const QString text = settings.value(endKey).toString();
        const auto duration = parseDuration(text);
        if (!duration) {
            return badSetting(PluginError::BadSetting, endKey, text,
                              QStringLiteral("a duration such as 10, 10s or 1min"));
        }
        config.endTimeout = *duration;
    }
    const QString callKey = QStringLiteral("plugins/call_timeout");
    if (settings.contains(callKey)) {
        const QString text = settings.value(callKey).toString();
        const auto duration = parseDuration(text);
        if (!duration || duration->count() == 0) {
            return badSetting(PluginError::BadSetting, callKey, text,
                              QStringLiteral("a duration of at least 1s, such as 30s"));
        }
        config.callTimeout = *duration;
    }

    // plugins/settings/<id>/<key>: the IT desk's values over the manifest's "settings".
    settings.beginGroup(QStringLiteral("plugins/settings"));
    for (const QString &id : settings.childGroups()) {
        settings.beginGroup(id);
        QJsonObject overlay;
        for (const QString &key : settings.childKeys())
            overlay.insert(key, QJsonValue::fromVariant(settings.value(key)));
        config.pluginSettings.insert(id, overlay);
        settings.endGroup();
    }
    settings.endGroup();
    return config;
}

} // namespace Lanyard::Plugins
