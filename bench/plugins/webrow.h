// The `web` row of click-to-signed-in: from PluginHost::launch() of a web application (the web
// plugin, in its runner, starting lanyard-browser with the IdP's session cookies) to the bed's
// web EPR reporting that it signed the clinician in through the IdP; beside the floor: the same
// lanyard-browser started directly and given the same launch command on its standard input.
#pragma once

#include <QString>

namespace Lanyard::Bench {

struct WebRowOptions
{
    int cycles = 10;
    QString webPlugin;   // liblanyard_web_plugin.so (lanyard-browser is beside it)
    QString runner;      // lanyard-plugin-runner
    QString cookieFile;  // the IdP session of a sign-in by certificate (Netscape lines)
};

// Prints a table and one JSON line; returns non-zero (with a reason on stderr) on failure.
int runWebRow(const WebRowOptions &options);

} // namespace Lanyard::Bench
