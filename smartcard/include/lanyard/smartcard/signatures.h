// The signatures a card makes, and checking one against the card's certificate (what
// `lanyard-card login` does to prove the card holds the key its certificate names).
#pragma once

#include <QByteArray>

namespace Lanyard::Smartcard {

enum class SignatureScheme { RsaPkcs1Sha256, RsaPssSha256, EcdsaSha256 };

// ECDSA for an EC key, RSA PKCS#1 v1.5 otherwise (what NHS cards and TLS 1.2 use).
SignatureScheme defaultSignatureScheme(const QByteArray &certificateDer);

bool signatureVerifies(const QByteArray &certificateDer, const QByteArray &data,
                       const QByteArray &signature, SignatureScheme scheme);

} // namespace Lanyard::Smartcard
