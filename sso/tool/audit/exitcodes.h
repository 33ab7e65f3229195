// lanyard-audit's exit codes, documented in --help; scripts at IT desks rely on them.
#pragma once

namespace Lanyard::AuditTool {

enum ExitCode {
    Success = 0,     // verify: the chain is intact; show: done
    Tampered = 1,    // verify: a line is altered, missing, out of order or cut short
    UsageError = 2,  // bad arguments, or a file that cannot be read
};

inline constexpr const char *exitCodeHelp
    = "Exit codes: 0 the chain is intact (show: done); 1 the chain is broken: a line was altered, "
      "removed or reordered, or the file ends mid-line; 2 usage error or unreadable file.";

} // namespace Lanyard::AuditTool
