// An application manifest: a JSON file the IT desk writes to describe a clinical application run
// by a plugin that is already installed (a built-in such as org.lanyard.exec, or any other), so
// that no C++ is needed. Each becomes a catalogue entry of its own; see docs/plugin-host.md.
#pragma once

#include <lanyard/result.h>

#include <QJsonObject>
#include <QString>

namespace Lanyard::Plugins {

struct ApplicationManifest
{
    QString path;            // the .json file
    QString id;              // the application's own id, e.g. demo-epr
    QString name;
    QString plugin;          // the id of the plugin that runs it, e.g. org.lanyard.exec
    QString audience;        // empty: the plugin's
    bool hasFollowsPatient = false;
    bool followsPatient = false;
    QString icon;            // empty: the plugin's
    QJsonObject settings;    // laid over the plugin manifest's settings

    // The manifest in the file at path, or an Error whose message starts with the file's name
    // and says what to write instead.
    static Result<ApplicationManifest> read(const QString &path);
    static Result<ApplicationManifest> fromJson(const QByteArray &json, const QString &path);
};

// Whether id may name an application: letters, digits, '.', '-' and '_', not starting with '.'
// (it also names the application's data directory).
bool isValidApplicationId(const QString &id);

} // namespace Lanyard::Plugins
