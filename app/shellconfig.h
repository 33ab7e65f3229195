// Everything the shell is configured with, read from one QSettings file: the sign-in session's
// keys (docs/sso.md), patient context's (docs/context.md), the plugins' (docs/plugin-host.md) and
// the shell's own [ui] and [workstation] keys (docs/shell.md).
#pragma once

#include <lanyard/context/contextconfig.h>
#include <lanyard/pluginhost/pluginhostconfig.h>
#include <lanyard/result.h>
#include <lanyard/sso/sessionconfig.h>

#include <QKeySequence>
#include <QString>

class QSettings;

namespace Lanyard::Shell {

struct ShellSettings
{
    enum class Mode { SharedKiosk, PersonalDesktop }; // workstation/mode = shared | personal
    Mode mode = Mode::SharedKiosk;
    QString workstationName;                          // workstation/name; default: host name
    bool highContrast = false;                        // ui/high_contrast
    QString language;                                 // ui/language: en_GB, cy; empty: system
    QKeySequence lockHotkey{QStringLiteral("Ctrl+Alt+L")}; // ui/lock_hotkey; empty: none
    bool grabInput = true;                            // ui/grab_input: hold keyboard and pointer while locked
};

struct ShellConfig
{
    Sso::SessionConfig session;
    Context::ContextConfig context;
    Plugins::PluginHostConfig plugins;
    ShellSettings ui;

    // The first problem found, with its key and what to write instead.
    static Result<ShellConfig> fromSettings(QSettings &settings);
};

} // namespace Lanyard::Shell
