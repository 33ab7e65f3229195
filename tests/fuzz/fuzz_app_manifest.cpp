// Application manifests, the JSON files the IT desk writes: ApplicationManifest::fromJson.
#include "fuzzsupport.h"

#include <lanyard/pluginhost/applicationmanifest.h>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto manifest = Lanyard::Plugins::ApplicationManifest::fromJson(
        Lanyard::Fuzz::bytes(data, size), QStringLiteral("/etc/xdg/lanyard/applications/fuzz.json"));
    (void)manifest.ok();
    return 0;
}
