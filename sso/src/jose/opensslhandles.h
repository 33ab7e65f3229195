// RAII for the OpenSSL objects the JOSE code uses, and draining OpenSSL's error queue so that a
// refused token leaves nothing behind for the next caller on the thread (TLS, the card).
#pragma once

#include <QString>

#include <memory>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace Lanyard::Sso::Internal {

template<typename T, void (*Free)(T *)> struct OpenSslDeleter
{
    void operator()(T *object) const { Free(object); }
};
template<typename T, void (*Free)(T *)>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<T, Free>>;

using BignumPtr = OpenSslPtr<BIGNUM, BN_free>;
using EcdsaSigPtr = OpenSslPtr<ECDSA_SIG, ECDSA_SIG_free>;
using EvpMdCtxPtr = OpenSslPtr<EVP_MD_CTX, EVP_MD_CTX_free>;
using EvpPkeyCtxPtr = OpenSslPtr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using EvpPkeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using OsslParamBldPtr = OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using OsslParamPtr = OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free>;

// The thread's queued OpenSSL errors as text for a debug log; the queue is left empty.
QString takeOpenSslErrors();

} // namespace Lanyard::Sso::Internal
