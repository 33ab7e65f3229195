// Verifies a server's certificate chain against one CA bundle file with OpenSSL, host name
// included: what lanyard-browser accepts when Chromium does not know the issuing CA (Chromium
// on Linux reads no CA file of ours). Anything that does not verify is refused.
#pragma once

#include <QList>
#include <QSslCertificate>
#include <QString>

namespace Lanyard::Browser {

struct TlsVerdict
{
    bool trusted = false;
    QString reason; // OpenSSL's, when refused
};

TlsVerdict verifyChain(const QList<QSslCertificate> &chain, const QString &host,
                       const QString &caBundleFile);

} // namespace Lanyard::Browser
