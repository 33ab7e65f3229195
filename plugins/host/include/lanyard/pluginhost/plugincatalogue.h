// Which plugins this workstation has and which of them may run, with the reason for each one
// that may not, for the tiles and the IT desk.
#pragma once

#include <lanyard/pluginhost/pluginhostconfig.h>
#include <lanyard/pluginhost/pluginmanifest.h>

#include <QList>

#include <memory>

namespace Lanyard::Plugins {

enum class PluginState { Available, Refused, Failed };

// A plugin, or an application (an application manifest naming a plugin, docs/plugin-host.md).
// For an application, manifest is the named plugin's with the application's id, name, icon,
// audience and followsPatient, and its settings laid over the plugin's; path is the plugin file
// it runs, so it is started and initialized like a plugin.
struct PluginEntry
{
    PluginManifest manifest;   // id, name, version, vendor, icon, signIn, followsPatient...
    QString path;              // the plugin file run for this entry
    PluginState state = PluginState::Refused;
    QString reason;            // empty when Available
    QString applicationFile;   // an application: its .json file; empty for a plugin
    QString pluginId;          // an application: the plugin it names; empty for a plugin
    bool builtin = false;      // the plugin file is one of Lanyard's own (builtin_directory)

    bool isApplication() const { return !applicationFile.isEmpty(); }
};

class PluginCatalogue
{
public:
    explicit PluginCatalogue(PluginHostConfig config);
    ~PluginCatalogue();
    PluginCatalogue(const PluginCatalogue &) = delete;
    PluginCatalogue &operator=(const PluginCatalogue &) = delete;

    // Reads every plugin manifest in the built-in directory and the configured directories, then
    // every application manifest in the application directories; loads no plugin code.
    void scan();
    QList<PluginEntry> entries() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

// Whether signature verifies over data with any of the PEM public keys in keyFiles.
Result<void> verifyDetachedSignature(const QByteArray &data, const QByteArray &signature,
                                     const QStringList &keyFiles);

} // namespace Lanyard::Plugins
