// Who the card belongs to, read from its authentication certificate. NHS card certificates carry
// the person's 12-digit user id (the NHS "UUID", the CIS2 `uid` claim) in the subject's
// serialNumber attribute, and the name in CN, givenName and surname.
#pragma once

#include <lanyard/smartcard/smartcarderror.h>

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Lanyard::Smartcard {

struct CardHolder
{
    QString userId;      // 12 digits
    QString displayName; // the subject's CN, else "given family"
    QString givenName;
    QString familyName;
    QString issuer;      // the issuing CA's common name, for the IT desk
    QByteArray certificateDer;
    QDateTime notBefore; // UTC
    QDateTime notAfter;  // UTC

    // Reads the identity only; says nothing about trust (see CertificateValidator).
    // Fails with CertificateMalformed or IdentityMissing.
    static Result<CardHolder> fromCertificate(const QByteArray &der);
};

} // namespace Lanyard::Smartcard
