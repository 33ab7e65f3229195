#pragma once

#include <QString>

namespace Lanyard::CardTool {

// Reads a passcode from the terminal without echo, or a line from stdin when asked (for
// scripts). The caller wipes the result (Passcode::wipe).
QString readPasscode(bool fromStdin, const QString &prompt);

} // namespace Lanyard::CardTool
