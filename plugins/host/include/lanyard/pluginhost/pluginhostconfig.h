// The IT desk's plugin settings (QSettings keys plugins/...); see docs/plugin-host.md.
#pragma once

#include <lanyard/result.h>

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <chrono>

class QSettings;

namespace Lanyard::Plugins {

struct PluginHostConfig
{
    QStringList directories = defaultDirectories();
    QStringList allow;                 // plugin ids; empty: every plugin may load
    bool requireSigned = false;
    QStringList trustedKeys;           // PEM public key files of trusted publishers
    std::chrono::milliseconds endTimeout{std::chrono::seconds(10)};  // sessionEnded -> SIGTERM
    std::chrono::milliseconds killTimeout{std::chrono::seconds(3)};  // SIGTERM -> SIGKILL
    std::chrono::milliseconds callTimeout{std::chrono::seconds(30)}; // a plugin must answer by
    QString runnerPath;                // empty: lanyard-plugin-runner beside the application
    QString dataDirectory;             // per-plugin directories are made under it
    QHash<QString, QJsonObject> pluginSettings; // id -> settings over the manifest's own

    static QStringList defaultDirectories();
    static Result<PluginHostConfig> fromSettings(QSettings &settings);
};

} // namespace Lanyard::Plugins
