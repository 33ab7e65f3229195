// Where patients come from and how the hub listens, from configuration (docs/context.md).
#pragma once

#include <lanyard/context/fhircasthub.h>
#include <lanyard/context/pdsclient.h>

#include <QSettings>

#include <optional>

namespace Lanyard::Context {

struct ContextConfig
{
    PdsSettings pds;                       // [pds] base, ca_bundle, timeouts, rate
    std::optional<PdsSettings> allergies;  // [allergies] base: off when unset
    FhircastHub::Config hub;               // [hub] port

    // Every bad value is refused with its key and what to write instead.
    static Result<ContextConfig> fromSettings(QSettings &settings);
};

} // namespace Lanyard::Context
