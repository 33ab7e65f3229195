// A plugin's manifest: the Q_PLUGIN_METADATA JSON, read from the file without loading its code
// (STYLE.md 11), so a plugin that is refused never runs a line.
#pragma once

#include <lanyard/result.h>

#include <QJsonObject>
#include <QString>

namespace Lanyard::Plugins {

enum class SignIn { Token, Web, Autotype, None };

struct PluginManifest
{
    QString path;
    QString id;
    QString name;
    QString version;
    int api = 0;
    QString vendor;
    QString icon;
    SignIn signIn = SignIn::None;
    bool followsPatient = false;
    QString audience;
    QJsonObject settings;

    // The manifest of the plugin file at path, or an Error naming every problem found.
    static Result<PluginManifest> read(const QString &path);
    // The same checks on metadata already read (QPluginLoader::metaData()).
    static Result<PluginManifest> fromMetaData(const QJsonObject &metaData, const QString &path);
};

QString signInName(SignIn signIn);

} // namespace Lanyard::Plugins
