// The autotype row of click-to-signed-in: from PluginHost::launch() of an application run by
// the autotype built-in (a stored username and password) to the demo EPR's own form reporting
// the clinician signed in, beside the floor: the same form started directly and submitted at
// once with the credentials from its standard input (the application's own start-to-signed-in).
#pragma once

#include <QString>

#include <vector>

namespace Lanyard::Bench {

struct AutotypeTimes
{
    std::vector<double> lanyard; // ms, through the host, the runner and the plugin's typing
    std::vector<double> floor; // ms, the form filled from stdin and submitted at once
    QString error; // empty when every cycle signed in
};

AutotypeTimes measureAutotype(int cycles, const QString &plugin, const QString &runner,
                              const QString &demoEpr, const QString &workDirectory);

} // namespace Lanyard::Bench
