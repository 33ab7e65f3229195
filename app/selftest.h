// lanyard --self-test: whether this workstation can work, one line per part, pass or fail with the
// reason — pcscd answering (and its readers), the PKCS#11 module loading, the identity service's
// discovery over verified TLS, the FHIR endpoint answering, the hub's port free, the audit log
// writable. For the IT desk after an install or when a ward reports a problem.
#pragma once

#include "shellconfig.h"

#include <QList>
#include <QString>

namespace Lanyard::Shell {

struct SelfTestLine
{
    QString part;    // "pcscd", "pkcs11 module", "identity service", "fhir", "hub port", "audit log"
    bool passed = false;
    QString detail;  // what was found, or why it failed and what to do
};

QList<SelfTestLine> runSelfTest(const ShellConfig &config);

} // namespace Lanyard::Shell
