#pragma once

#include <QLoggingCategory>

namespace Lanyard::Smartcard::Internal {
Q_DECLARE_LOGGING_CATEGORY(lcPcsc)
Q_DECLARE_LOGGING_CATEGORY(lcPkcs11)
Q_DECLARE_LOGGING_CATEGORY(lcCertificate)
} // namespace Lanyard::Smartcard::Internal
