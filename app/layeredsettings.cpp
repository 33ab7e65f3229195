#include "layeredsettings.h"

#include "configkeys.h"
#include "shellerror.h"

#include <lanyard/settingvalues.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Lanyard::Shell {

namespace {

Error unreadable(const QString &file)
{
    return Error::make(ShellError::ConfigUnreadable,
                       QStringLiteral("The configuration file %1 cannot be read; install it (the lanyard "
                                      "package puts a commented one there) or give --config FILE.")
                           .arg(file));
}

} // namespace

ConfigFiles ConfigFiles::standard()
{
#ifdef Q_OS_WIN
    // Beside the programs, where only administrators write (installer/windows.cmake); the user's
    // own file in their roaming profile.
    const QString system = QCoreApplication::applicationDirPath()
        + QStringLiteral("/../etc/xdg/lanyard/lanyard.conf");
    const QSettings user(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("lanyard"),
                         QStringLiteral("lanyard"));
    return {QDir::cleanPath(system), user.fileName()};
#else
    // NativeFormat on Unix is INI with the .conf suffix, in the first of $XDG_CONFIG_DIRS
    // (/etc/xdg) and in $XDG_CONFIG_HOME (~/.config).
    const QSettings system(QSettings::NativeFormat, QSettings::SystemScope, QStringLiteral("lanyard"),
                           QStringLiteral("lanyard"));
    const QSettings user(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("lanyard"),
                         QStringLiteral("lanyard"));
    return {system.fileName(), user.fileName()};
#endif
}

Result<QStringList> userKeysOf(QSettings &system)
{
    const QString key = QLatin1String(UserKeysKey);
    if (!system.contains(key))
        return defaultUserKeys();
    const QStringList keys = parseList(system.value(key));
    for (const QString &item : keys) {
        if (!userSettableKeys().contains(item))
            return badSetting(ShellError::BadSetting, key, keys.join(QStringLiteral(", ")),
                              QStringLiteral("some of %1 (comma separated), or nothing to lock every key; "
                                             "%2 cannot be left to users")
                                  .arg(userSettableKeys().join(QStringLiteral(", ")), item));
    }
    return keys;
}

Result<std::unique_ptr<LayeredSettings>> LayeredSettings::single(const QString &file)
{
    if (!QFileInfo(file).isReadable())
        return unreadable(file);
    std::unique_ptr<LayeredSettings> layered(new LayeredSettings);
    layered->m_settings = std::make_unique<QSettings>(file, QSettings::IniFormat);
    if (layered->m_settings->status() != QSettings::NoError)
        return unreadable(file);
    return layered;
}

Result<std::unique_ptr<LayeredSettings>> LayeredSettings::open(const ConfigFiles &files)
{
    if (!QFileInfo(files.system).isReadable())
        return unreadable(files.system);
    std::unique_ptr<LayeredSettings> layered(new LayeredSettings);
    const QString merged = layered->m_scratch.filePath(QStringLiteral("lanyard.conf"));
    if (!layered->m_scratch.isValid() || !QFile::copy(files.system, merged))
        return unreadable(files.system);
    layered->m_settings = std::make_unique<QSettings>(merged, QSettings::IniFormat);
    QSettings &settings = *layered->m_settings;
    if (settings.status() != QSettings::NoError)
        return unreadable(files.system);
    if (files.user.isEmpty() || !QFileInfo::exists(files.user))
        return layered;

    auto allowed = userKeysOf(settings);
    if (!allowed)
        return allowed.error();
    QSettings user(files.user, QSettings::IniFormat);
    for (const QString &key : user.allKeys()) {
        if (allowed->contains(key)) {
            settings.setValue(key, user.value(key));
            continue;
        }
        if (!isKnownConfigKey(key)) {
            layered->m_ignored << QStringLiteral("%1: Lanyard has no configuration key %2; ignored.")
                                      .arg(files.user, key);
            continue;
        }
        layered->m_ignored << QStringLiteral("%1: %2 is locked by the workstation's configuration (%3); "
                                             "ignored. Ask the IT service desk to change it there.")
                                  .arg(files.user, key, files.system);
    }
    settings.sync();
    return layered;
}

} // namespace Lanyard::Shell
