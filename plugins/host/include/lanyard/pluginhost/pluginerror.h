// Why a plugin was refused or failed; the message in the Error says it in words for the IT desk.
#pragma once

namespace Lanyard::Plugins {

enum class PluginError {
    NotAPlugin = 400,    // no Qt plugin metadata, or not a Lanyard plugin (wrong IID)
    BadManifest,         // a required manifest field missing or malformed
    ApiTooNew,           // built for a newer plugin API than this Lanyard has
    Duplicate,           // another plugin already has this id
    NotAllowed,          // not on the workstation's allow-list
    Unsigned,            // signing required and no FILE.sig
    BadSignature,        // FILE.sig does not verify with any trusted key
    LoadFailed,          // QPluginLoader could not load the code
    Crashed,             // the runner stopped unexpectedly
    Timeout,             // the plugin did not answer in time
    PluginFailed,        // the plugin returned an error itself
    NotRunning,          // a call to a plugin that is not running
    BadSetting,          // a configuration key has a bad value
    Protocol,            // the runner said something the host does not understand
    NeedsEnrolment,      // an autotype application with no username and password stored yet
};

} // namespace Lanyard::Plugins
