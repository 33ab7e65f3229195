// RAII for the OpenSSL objects the certificate code uses, and the small conversions it shares.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>

#include <openssl/asn1.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <lanyard/opensslptr.h>
#include <lanyard/smartcard/signatures.h>

namespace Lanyard::Smartcard::Internal {

using Lanyard::OpenSslPtr;
using Lanyard::takeOpenSslErrors;

using X509Ptr = OpenSslPtr<X509, X509_free>;
using X509CrlPtr = OpenSslPtr<X509_CRL, X509_CRL_free>;
using X509StorePtr = OpenSslPtr<X509_STORE, X509_STORE_free>;
using X509StoreCtxPtr = OpenSslPtr<X509_STORE_CTX, X509_STORE_CTX_free>;
using OcspRequestPtr = OpenSslPtr<OCSP_REQUEST, OCSP_REQUEST_free>;
using OcspResponsePtr = OpenSslPtr<OCSP_RESPONSE, OCSP_RESPONSE_free>;
using OcspBasicResponsePtr = OpenSslPtr<OCSP_BASICRESP, OCSP_BASICRESP_free>;
using OcspCertIdPtr = OpenSslPtr<OCSP_CERTID, OCSP_CERTID_free>;

inline void freeX509Stack(STACK_OF(X509) *stack)
{
    sk_X509_pop_free(stack, X509_free);
}
using X509StackPtr = OpenSslPtr<STACK_OF(X509), freeX509Stack>; // owns the certificates too

X509Ptr x509FromDer(const QByteArray &der);
QByteArray x509ToDer(X509 *certificate);
QDateTime toDateTime(const ASN1_TIME *time); // UTC; invalid if the time cannot be read
QString nameEntry(const X509_NAME *name, int nid); // first entry with that NID, UTF-8 decoded
QString nhsDate(const QDateTime &dateTime); // DD-Mmm-YYYY in English whatever the locale
// Sets the RSA-PSS padding and salt a scheme needs on a sign or verify context.
bool applySignatureScheme(EVP_PKEY_CTX *context, SignatureScheme scheme);

} // namespace Lanyard::Smartcard::Internal
