// lanyard-card's exit codes, documented in --help; scripts at IT desks rely on them.
#pragma once

#include <lanyard/smartcard/smartcarderror.h>

namespace Lanyard::CardTool {

enum ExitCode {
    Success = 0,
    UsageError = 1, // bad arguments
    NoCard = 2, // pcscd unreachable, no reader, no card, or the card was removed
    PasscodeRejected = 3, // malformed or incorrect passcode
    CardLocked = 4,
    CertificateRejected = 5, // chain, dates, key usage, revocation or identity
    CardError = 6, // PKCS#11 module missing, token unreadable, signature did not verify
};

ExitCode exitCodeFor(const Error &error);

inline constexpr const char *exitCodeHelp
    = "Exit codes: 0 success; 1 usage error; 2 no smartcard service, reader or card (or the card "
      "was "
      "removed); 3 passcode malformed or incorrect; 4 card locked; 5 certificate rejected; 6 card "
      "or "
      "PKCS#11 module error, or a signature that did not verify.";

} // namespace Lanyard::CardTool
