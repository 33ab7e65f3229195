#include <lanyard/smartcard/cardholder.h>

#include "logging.h"
#include "openssl.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace Lanyard::Smartcard {

using namespace Internal;

Result<CardHolder> CardHolder::fromCertificate(const QByteArray &der)
{
    const X509Ptr certificate = x509FromDer(der);
    if (!certificate) {
        qCWarning(lcCertificate) << "unreadable certificate:" << takeOpenSslErrors();
        return Error::make(SmartcardError::CertificateMalformed,
                           QCoreApplication::translate(
                               "Lanyard::Smartcard",
                               "The certificate on your card cannot be read. Ask your "
                               "Registration Authority to check the card."));
    }
    const X509_NAME *subject = X509_get_subject_name(certificate.get());

    CardHolder holder;
    holder.userId = nameEntry(subject, NID_serialNumber);
    const bool twelveDigits = holder.userId.size() == 12
        && std::all_of(holder.userId.cbegin(), holder.userId.cend(),
                       [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!twelveDigits) {
        qCWarning(lcCertificate) << "no 12-digit user id in the certificate's subject serialNumber";
        return Error::make(SmartcardError::IdentityMissing,
                           QCoreApplication::translate(
                               "Lanyard::Smartcard",
                               "The certificate on this card has no 12-digit NHS user id (subject "
                               "serialNumber), so it is not a usable NHS smartcard certificate. "
                               "Ask your Registration Authority to check the card."));
    }
    holder.givenName = nameEntry(subject, NID_givenName);
    holder.familyName = nameEntry(subject, NID_surname);
    holder.displayName = nameEntry(subject, NID_commonName);
    if (holder.displayName.isEmpty())
        holder.displayName = QStringList{holder.givenName, holder.familyName}.join(u' ').trimmed();
    holder.issuer = nameEntry(X509_get_issuer_name(certificate.get()), NID_commonName);
    holder.certificateDer = der;
    holder.notBefore = toDateTime(X509_get0_notBefore(certificate.get()));
    holder.notAfter = toDateTime(X509_get0_notAfter(certificate.get()));
    return holder;
}

} // namespace Lanyard::Smartcard
