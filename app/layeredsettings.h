// The configuration as Lanyard reads it, the Qt/XDG way: the workstation's file under
// /etc/xdg/lanyard/ (the first of $XDG_CONFIG_DIRS) is the IT desk's; a user's own file
// (~/.config/lanyard/lanyard.conf, under $XDG_CONFIG_HOME) may set only the keys the
// workstation's file leaves to users (config/user_keys; by default ui/language and
// ui/high_contrast). Every other key in a user's file is locked: ignored, and said so.
#pragma once

#include <lanyard/result.h>

#include <QSettings>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Lanyard::Shell {

struct ConfigFiles
{
    QString system; // the IT desk's
    QString user;   // the user's own; may not exist

    static ConfigFiles standard(); // where Qt's XDG rules put them
};

// The keys a workstation's file leaves to users, checked: an error names any key that may not be.
Result<QStringList> userKeysOf(QSettings &system);

class LayeredSettings
{
public:
    // The workstation's file with the user's permitted keys laid over it.
    static Result<std::unique_ptr<LayeredSettings>> open(const ConfigFiles &files);
    // One file alone (lanyard --config FILE: tests, a trial configuration).
    static Result<std::unique_ptr<LayeredSettings>> single(const QString &file);

    QSettings &settings() { return *m_settings; }
    // What was ignored in the user's file, one sentence each.
    const QStringList &ignored() const { return m_ignored; }

private:
    LayeredSettings() = default;
    QTemporaryDir m_scratch; // the merged copy lives here, readable by this user only
    std::unique_ptr<QSettings> m_settings;
    QStringList m_ignored;
};

} // namespace Lanyard::Shell
