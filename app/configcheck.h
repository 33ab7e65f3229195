// lanyard --check-config [FILE]: every problem in a configuration file, each with its line and
// what to write instead — lines that are not settings, keys Lanyard does not have, and bad values
// (as the modules judge them: durations, URLs, unreadable CA files, a PKCS#11 module not found).
#pragma once

#include <QList>
#include <QString>

namespace Lanyard::Shell {

struct ConfigProblem
{
    int line = 0;     // 1-based; 0 when the problem is not on one line (a key missing)
    QString message;
};

QList<ConfigProblem> checkConfigFile(const QString &path);

// A user's own file (~/.config/lanyard/lanyard.conf): every line that sets a key the workstation's
// file does not leave to users (userKeys), or that is not a setting at all.
QList<ConfigProblem> checkUserConfigFile(const QString &path, const QString &systemFile,
                                         const QStringList &userKeys);

} // namespace Lanyard::Shell
