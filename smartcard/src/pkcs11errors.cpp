#include "pkcs11errors.h"

#include <QCoreApplication>

#include <libp11.h>
#include <openssl/err.h>
#include <p11-kit/pkcs11.h>

namespace Lanyard::Smartcard::Internal {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Lanyard::Smartcard", text);
}
} // namespace

unsigned long takeLastCkr()
{
    // libp11 reports a failed C_* call as an OpenSSL error whose reason is the CK_RV.
    unsigned long ckr = 0;
    const int ckrLibrary = ERR_get_CKR_code();
    while (const unsigned long e = ERR_get_error()) {
        if (ERR_GET_LIB(e) == ckrLibrary)
            ckr = ERR_GET_REASON(e);
    }
    return ckr;
}

Error errorFromCkr(unsigned long ckr, const QString &reader, const QString &whatFailed)
{
    const auto native = qint64(ckr);
    switch (ckr) {
    case CKR_DEVICE_REMOVED:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED:
        return Error::make(SmartcardError::CardRemoved,
                           tr("The card was removed from %1. Insert it again.").arg(reader), native);
    case CKR_PIN_LOCKED:
        return Error::make(SmartcardError::CardLocked,
                           tr("Your card is locked after too many wrong passcodes. Contact "
                              "your Registration Authority to unlock it."),
                           native);
    case CKR_PIN_INCORRECT:
        return Error::make(SmartcardError::PasscodeIncorrect, tr("Passcode incorrect."), native);
    case CKR_PIN_LEN_RANGE:
    case CKR_PIN_INVALID:
        return Error::make(SmartcardError::PasscodeMalformed,
                           tr("The card did not accept that passcode's format."), native);
    case CKR_DEVICE_ERROR:
    case CKR_DEVICE_MEMORY:
    case CKR_FUNCTION_FAILED:
        return Error::make(SmartcardError::CardUnresponsive,
                           tr("The card in %1 did not respond. Take it out, insert it again "
                              "and retry; if it keeps failing, try another reader.")
                               .arg(reader),
                           native);
    default:
        return Error::make(SmartcardError::OperationFailed,
                           tr("The card could not %1 (PKCS#11 error 0x%2). Try again; if it "
                              "keeps failing, contact the IT service desk.")
                               .arg(whatFailed)
                               .arg(ckr, 0, 16),
                           native);
    }
}

} // namespace Lanyard::Smartcard::Internal
