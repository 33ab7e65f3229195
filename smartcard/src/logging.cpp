#include "logging.h"

namespace Lanyard::Smartcard::Internal {
Q_LOGGING_CATEGORY(lcPcsc, "lanyard.smartcard.pcsc")
Q_LOGGING_CATEGORY(lcPkcs11, "lanyard.smartcard.pkcs11")
Q_LOGGING_CATEGORY(lcCertificate, "lanyard.smartcard.certificate")
} // namespace Lanyard::Smartcard::Internal
