// lanyard-context's commands: the banner of a FHIR Patient file, a PDS lookup or search against
// the configured endpoint, and a FHIRcast hub on its own for plugin authors.
#pragma once

#include "tooloutput.h"

#include <lanyard/context/contextconfig.h>

#include <QStringList>

namespace Lanyard::ContextTool {

using Output = Lanyard::ToolOutput;
using namespace Lanyard::Context;

enum ExitCode {
    Success = 0,
    UsageError = 1,     // bad arguments or configuration
    NotAPatient = 2,    // the file is not a FHIR Patient
    NotFound = 3,       // PDS: no such patient, invalidated, or no match
    Refused = 4,        // PDS refused the request (access, search rules, too many matches)
    Unreachable = 5,    // network, timeout, TLS, or the service failed
};

inline constexpr const char *exitCodeHelp
    = "Exit codes: 0 success; 1 usage or configuration error; 2 not a FHIR Patient; 3 patient "
      "not found; 4 refused by PDS (access, search rules, too many matches); 5 PDS unreachable, "
      "slow or failing.";

ExitCode exitCodeFor(const Error &error);

int banner(const QString &file, const QDateTime &now, const Output &output);
int lookup(const ContextConfig &config, const PdsCredentials &credentials, const QString &number,
           const Output &output);
int search(const ContextConfig &config, const PdsCredentials &credentials,
           const PatientSearch &query, const Output &output);
// Runs until SIGINT/SIGTERM; prints the hub's URL, topic and one token per application.
int hub(const FhircastHub::Config &config, const QStringList &applications, const Output &output);

} // namespace Lanyard::ContextTool
