#pragma once

#include <lanyard/smartcard/smartcarderror.h>

namespace Lanyard::Smartcard::Internal {

// The PKCS#11 return value libp11 left on OpenSSL's error queue for its last failure (0 if none),
// clearing the queue.
unsigned long takeLastCkr();

// A message for the person at the workstation for a failed PKCS#11 call.
Error errorFromCkr(unsigned long ckr, const QString &reader, const QString &whatFailed);

} // namespace Lanyard::Smartcard::Internal
