// Why the shell could not start or do something; the Error's message says it in words.
#pragma once

namespace Lanyard::Shell {

enum class ShellError {
    BadSetting = 500,   // a configuration key has a bad value
    ConfigUnreadable,   // the configuration file cannot be read
    StartFailed,        // a part of the workstation (audit log, hub, plugins) could not start
};

} // namespace Lanyard::Shell
