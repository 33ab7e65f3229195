// Which plugins this workstation has and which of them may run, with the reason for each one
// that may not, for the tiles and the IT desk.
#pragma once

#include <lanyard/pluginhost/pluginhostconfig.h>
#include <lanyard/pluginhost/pluginmanifest.h>

#include <QList>

#include <memory>

namespace Lanyard::Plugins {

enum class PluginState { Available, Refused, Failed };

struct PluginEntry
{
    PluginManifest manifest;   // id, name, version, vendor, icon, signIn, followsPatient...
    QString path;
    PluginState state = PluginState::Refused;
    QString reason;            // empty when Available
};

class PluginCatalogue
{
public:
    explicit PluginCatalogue(PluginHostConfig config);
    ~PluginCatalogue();
    PluginCatalogue(const PluginCatalogue &) = delete;
    PluginCatalogue &operator=(const PluginCatalogue &) = delete;

    // Reads every manifest in the configured directories; loads no plugin code.
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
