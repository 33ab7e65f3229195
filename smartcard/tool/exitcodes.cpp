#include "exitcodes.h"

namespace Lanyard::CardTool {

using Smartcard::SmartcardError;

ExitCode exitCodeFor(const Error &error)
{
    switch (SmartcardError(error.code)) {
    case SmartcardError::ServiceUnavailable:
    case SmartcardError::NoReader:
    case SmartcardError::CardRemoved:
    case SmartcardError::TokenNotFound:
        return NoCard;
    case SmartcardError::PasscodeMalformed:
    case SmartcardError::PasscodeIncorrect:
        return PasscodeRejected;
    case SmartcardError::CardLocked:
        return CardLocked;
    case SmartcardError::CertificateMalformed:
    case SmartcardError::CertificateExpired:
    case SmartcardError::CertificateNotYetValid:
    case SmartcardError::IssuerNotTrusted:
    case SmartcardError::CertificateRevoked:
    case SmartcardError::RevocationUnknown:
    case SmartcardError::WrongKeyUsage:
    case SmartcardError::IdentityMissing:
        return CertificateRejected;
    case SmartcardError::CardUnresponsive:
    case SmartcardError::ModuleMissing:
    case SmartcardError::NoCertificate:
    case SmartcardError::OperationFailed:
        return CardError;
    }
    return CardError;
}

} // namespace Lanyard::CardTool
