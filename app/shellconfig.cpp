#include "shellconfig.h"
#include "shellerror.h"
#include "layeredsettings.h"

#include <lanyard/settingvalues.h>

#include <QSettings>
#include <QSysInfo>

namespace Lanyard::Shell {

namespace {

Result<bool> flag(QSettings &settings, const QString &key, bool fallback)
{
    const QString text = settings.value(key).toString();
    if (text.trimmed().isEmpty())
        return fallback;
    if (const auto value = parseFlag(text))
        return *value;
    return badSetting(ShellError::BadSetting, key, text, QStringLiteral("true or false"));
}

Result<ShellSettings> shellSettings(QSettings &settings)
{
    ShellSettings ui;
    const QString mode = settings.value(QStringLiteral("workstation/mode")).toString().trimmed();
    if (mode == QLatin1String("personal"))
        ui.mode = ShellSettings::Mode::PersonalDesktop;
    else if (!mode.isEmpty() && mode != QLatin1String("shared"))
        return badSetting(ShellError::BadSetting, QStringLiteral("workstation/mode"), mode,
                          QStringLiteral("shared (a ward PC whose session is Lanyard) or personal "
                                         "(Lanyard in a clinician's own desktop)"));
    if (auto userKeys = userKeysOf(settings); !userKeys)
        return userKeys.error();
    ui.workstationName = settings.value(QStringLiteral("workstation/name"),
                                        QSysInfo::machineHostName()).toString();
    auto contrast = flag(settings, QStringLiteral("ui/high_contrast"), false);
    if (!contrast)
        return contrast.error();
    ui.highContrast = *contrast;
    auto grab = flag(settings, QStringLiteral("ui/grab_input"), true);
    if (!grab)
        return grab.error();
    ui.grabInput = *grab;
    ui.language = settings.value(QStringLiteral("ui/language")).toString().trimmed();
    if (!ui.language.isEmpty() && ui.language != QLatin1String("en_GB")
        && ui.language != QLatin1String("cy")) {
        return badSetting(ShellError::BadSetting, QStringLiteral("ui/language"), ui.language,
                          QStringLiteral("en_GB (English, UK) or cy (Welsh), or nothing for the "
                                         "desktop's language"));
    }
    if (settings.contains(QStringLiteral("ui/lock_hotkey"))) {
        const QString keys = settings.value(QStringLiteral("ui/lock_hotkey")).toString().trimmed();
        ui.lockHotkey = QKeySequence::fromString(keys, QKeySequence::PortableText);
        if (!keys.isEmpty() && (ui.lockHotkey.isEmpty() || ui.lockHotkey.count() != 1))
            return badSetting(ShellError::BadSetting, QStringLiteral("ui/lock_hotkey"), keys,
                              QStringLiteral("one key combination such as Ctrl+Alt+L, or nothing "
                                             "for no hot-key"));
    }
    return ui;
}

} // namespace

Result<ShellConfig> ShellConfig::fromSettings(QSettings &settings)
{
    ShellConfig config;
    auto session = Sso::SessionConfig::fromSettings(settings);
    if (!session)
        return session.error();
    config.session = std::move(session).value();
    auto context = Context::ContextConfig::fromSettings(settings);
    if (!context)
        return context.error();
    config.context = std::move(context).value();
    auto plugins = Plugins::PluginHostConfig::fromSettings(settings);
    if (!plugins)
        return plugins.error();
    config.plugins = std::move(plugins).value();
    auto ui = shellSettings(settings);
    if (!ui)
        return ui.error();
    config.ui = std::move(ui).value();
    return config;
}

} // namespace Lanyard::Shell
