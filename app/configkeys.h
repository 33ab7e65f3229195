// Every configuration key Lanyard reads, and which of them a user may set for themselves in their
// own file (~/.config/lanyard/lanyard.conf) when the workstation's file lets them: everything
// else is locked to the system-wide file under /etc/xdg/lanyard/.
#pragma once

#include <QStringList>

namespace Lanyard::Shell {

// The keys of every module (docs/deploying.md has them all in one table).
const QStringList &knownConfigKeys();
// plugins/settings/<plugin>/<key> are the plugins' own.
bool isKnownConfigKey(const QString &key);

// The key that says which keys users may set: config/user_keys.
inline constexpr auto UserKeysKey = "config/user_keys";
// The keys a workstation's file may leave to users (preferences, never what signs in or audits).
const QStringList &userSettableKeys();
// Left to users when config/user_keys is not set.
const QStringList &defaultUserKeys();

} // namespace Lanyard::Shell
