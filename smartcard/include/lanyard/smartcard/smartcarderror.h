// What can go wrong with readers, cards, tokens and certificates. Carried in Lanyard::Error::code;
// the Error's message says what to do, its nativeCode holds the PC/SC LONG or PKCS#11 CK_RV.
#pragma once

#include <lanyard/result.h>

namespace Lanyard::Smartcard {

enum class SmartcardError {
    ServiceUnavailable = 1, // pcscd not running or restarting
    NoReader,
    CardRemoved,            // the card left the reader, possibly mid-operation
    CardUnresponsive,
    ModuleMissing,          // the PKCS#11 module could not be loaded
    TokenNotFound,          // no token for the card in this reader
    NoCertificate,          // no authentication certificate on the card
    PasscodeMalformed,      // not 6-8 digits; never sent to the card
    PasscodeIncorrect,      // Error::message says how many tries are left
    CardLocked,
    OperationFailed,
    CertificateMalformed,
    CertificateExpired,
    CertificateNotYetValid,
    IssuerNotTrusted,
    CertificateRevoked,
    RevocationUnknown,      // a revocation check was required and could not be made
    WrongKeyUsage,
    IdentityMissing,        // no 12-digit user id in the certificate
};

} // namespace Lanyard::Smartcard
