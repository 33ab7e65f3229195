// The interface a clinical application's plugin implements (STYLE.md "Shapes worth copying").
// Lanyard reads the plugin's manifest (Q_PLUGIN_METADATA FILE) before loading its code; the
// constructor must do nothing, work starts in initialize(). Every call comes on one thread;
// none may throw: failures are returned as errors with a message the clinician can act on.
#pragma once

#include <lanyard/plugin/plugintypes.h>
#include <lanyard/result.h>

#include <QtPlugin>

namespace Lanyard::Plugin {

class ClinicalAppPlugin
{
public:
    virtual ~ClinicalAppPlugin() = default;

    virtual Result<void> initialize(const PluginConfig &config) = 0;
    // Starts the application signed in as request.user, on request.patient when there is one.
    virtual Result<LaunchedApp> launch(const LaunchRequest &request) = 0;
    virtual void patientContextChanged(const PatientContext &patient) { Q_UNUSED(patient); }
    virtual void sessionLocked() = 0;   // hide patient data now
    virtual void sessionEnded() = 0;    // sign out of the application and close it
    virtual void shutdown() {}          // Lanyard is quitting
};

} // namespace Lanyard::Plugin

#define Lanyard_ClinicalAppPlugin_iid "org.lanyard.ClinicalAppPlugin/1"
Q_DECLARE_INTERFACE(Lanyard::Plugin::ClinicalAppPlugin, Lanyard_ClinicalAppPlugin_iid)
