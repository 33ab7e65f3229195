// Plugin manifests: the Q_PLUGIN_METADATA JSON of a plugin file ({"IID":...,"MetaData":{...}}),
// as QPluginLoader::metaData() hands it to PluginManifest::fromMetaData. (read() itself only
// adds QPluginLoader's reading of the ELF section, which is Qt's code.)
#include "fuzzsupport.h"

#include <lanyard/pluginhost/pluginmanifest.h>

#include <QJsonDocument>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument document = QJsonDocument::fromJson(Lanyard::Fuzz::bytes(data, size));
    if (!document.isObject())
        return 0;
    const auto manifest = Lanyard::Plugins::PluginManifest::fromMetaData(
        document.object(), QStringLiteral("/usr/lib/lanyard/plugins/libfuzz.so"));
    if (manifest)
        (void)Lanyard::Plugins::signInName(manifest->signIn);
    return 0;
}
