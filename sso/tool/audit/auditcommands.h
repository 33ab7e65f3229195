// lanyard-audit's commands: verify the chain, or show the lines as a table.
#pragma once

#include "exitcodes.h"
#include "tooloutput.h"

#include <QDateTime>
#include <QString>

namespace Lanyard::AuditTool {

using Output = Lanyard::ToolOutput;

struct ShowFilter
{
    QDateTime since; // invalid: from the start
    QString user;    // the clinician's UID
    QString event;   // an event name, "signin.failed"
};

ExitCode verify(const QString &file, const Output &output);
ExitCode show(const QString &file, const ShowFilter &filter, const Output &output);

} // namespace Lanyard::AuditTool
