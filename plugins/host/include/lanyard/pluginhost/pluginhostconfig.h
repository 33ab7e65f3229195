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
    // Lanyard's own plugins (exec, ...): read before directories, and named by applications.
    QString builtinDirectory = defaultBuiltinDirectory();
    // Application manifests (*.json): applications run by an installed plugin, no C++ needed.
    QStringList applicationDirectories = defaultApplicationDirectories();
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
    static QString defaultBuiltinDirectory();          // the install's lib/<arch>/lanyard/plugins
    static QStringList defaultApplicationDirectories(); // /etc/xdg/lanyard/applications
    static Result<PluginHostConfig> fromSettings(QSettings &settings);
};

} // namespace Lanyard::Plugins
