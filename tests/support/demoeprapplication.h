// The bed's demo EPR as an IT desk would describe it (an application manifest for the exec
// plugin): the token and the hub token on stdin, the patient as an argument, its report in
// `report`. For tests that launch it through the host.
#pragma once

#include <QString>

namespace Lanyard::Tests {

// Writes DIRECTORY/demo-epr.json; false if the file cannot be written.
bool writeDemoEprApplication(const QString &directory, const QString &demoEprBinary,
                             const QString &report);

} // namespace Lanyard::Tests
