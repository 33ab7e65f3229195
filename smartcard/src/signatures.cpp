#include <lanyard/smartcard/signatures.h>

#include "openssl.h"

#include <openssl/evp.h>
#include <openssl/rsa.h>

namespace Lanyard::Smartcard {

namespace Internal {

bool applySignatureScheme(EVP_PKEY_CTX *context, SignatureScheme scheme)
{
    if (scheme != SignatureScheme::RsaPssSha256)
        return true;
    return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1
           && EVP_PKEY_CTX_set_rsa_pss_saltlen(context, RSA_PSS_SALTLEN_DIGEST) == 1;
}

} // namespace Internal

SignatureScheme defaultSignatureScheme(const QByteArray &certificateDer)
{
    const Internal::X509Ptr certificate = Internal::x509FromDer(certificateDer);
    const bool ec = certificate
                    && EVP_PKEY_base_id(X509_get0_pubkey(certificate.get())) == EVP_PKEY_EC;
    return ec ? SignatureScheme::EcdsaSha256 : SignatureScheme::RsaPkcs1Sha256;
}

bool signatureVerifies(const QByteArray &certificateDer, const QByteArray &data,
                       const QByteArray &signature, SignatureScheme scheme)
{
    const Internal::X509Ptr certificate = Internal::x509FromDer(certificateDer);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EVP_PKEY_CTX *context = nullptr;
    if (!certificate || !md
        || EVP_DigestVerifyInit(md.get(), &context, EVP_sha256(), nullptr,
                                X509_get0_pubkey(certificate.get()))
               != 1
        || !Internal::applySignatureScheme(context, scheme)) {
        return false;
    }
    return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(data.data()),
                            size_t(data.size()))
           == 1;
}

} // namespace Lanyard::Smartcard
