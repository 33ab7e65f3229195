// The built-in plugins' templates (exec, autotype): "{nhsNumber}", "{userId}"… in the arguments,
// environment and standard input an IT desk writes for an application. Secrets ({token},
// {hubToken}) may only go to standard input: a command line or an environment is readable by
// other processes (/proc/PID/cmdline, /proc/PID/environ) and ends up in crash reports.
#pragma once

#include <lanyard/plugin/plugintypes.h>
#include <lanyard/result.h>

#include <QHash>
#include <QString>
#include <QStringList>

namespace Lanyard::Plugin::Templates {

enum class TemplateError { UnknownPlaceholder = 300, SecretOutsideStdin, MissingCommand };

// The values a launch fills in; secrets are QByteArray so they can be wiped.
QHash<QString, QString> placeholderValues(const LaunchRequest &request);
bool isSecretPlaceholder(const QString &name);
QStringList placeholdersIn(const QString &text);
QString expand(const QString &text, const QHash<QString, QString> &values);

// Checks a template at initialize(): unknown placeholders, and secrets where they must not go.
Result<void> checkTemplate(const QString &where, const QString &text, bool secretsAllowed);

} // namespace Lanyard::Plugin::Templates
