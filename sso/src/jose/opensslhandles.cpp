#include "opensslhandles.h"

#include <QStringList>

#include <openssl/err.h>

namespace Lanyard::Sso::Internal {

QString takeOpenSslErrors()
{
    QStringList errors;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        errors << QString::fromLatin1(buffer);
    }
    return errors.join(QStringLiteral("; "));
}

} // namespace Lanyard::Sso::Internal
