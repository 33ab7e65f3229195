// The card's PKCS#11 token, reached through libp11: find the token for a reader, read its
// certificates, log in with the passcode, sign and decrypt with the key that never leaves the
// card. Every call blocks on the card: use it from a worker thread (CardAccess does).
#pragma once

#include <lanyard/smartcard/passcode.h>
#include <lanyard/smartcard/signatures.h>
#include <lanyard/smartcard/smartcarderror.h>

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace Lanyard::Smartcard {

struct CardCertificate
{
    QByteArray der;
    QByteArray id;   // CKA_ID, shared with the private key
    QString label;
};

struct TokenState
{
    QString label;
    QString serialNumber;
    bool countLow = false;  // at least one wrong passcode since the last good one
    bool finalTry = false;  // one more wrong passcode locks the card
    bool locked = false;
};

class TokenSession
{
public:
    // Loads the PKCS#11 module and finds the token in the slot named after the reader (OpenSC
    // names each slot after its PC/SC reader, as does the bed's card module).
    static Result<std::unique_ptr<TokenSession>> open(const QString &modulePath,
                                                      const QString &reader);
    ~TokenSession();
    TokenSession(const TokenSession &) = delete;
    TokenSession &operator=(const TokenSession &) = delete;

    QString reader() const;
    Result<TokenState> state();
    Result<QList<CardCertificate>> certificates();
    // The certificate for card authentication: digitalSignature key usage, clientAuth EKU.
    Result<CardCertificate> authenticationCertificate();

    // Consumes the passcode (wiped when done). Wrong passcode: the message says how many tries
    // are left before the card locks.
    Result<void> login(Passcode passcode);
    void logout();
    bool isLoggedIn() const;

    Result<QByteArray> sign(const QByteArray &data, SignatureScheme scheme);
    Result<QByteArray> decrypt(const QByteArray &ciphertext); // RSA OAEP, SHA-1 and MGF1-SHA-1 (libp11)
    // The authentication key as an OpenSSL key whose operations run on the card, for TLS
    // client authentication. Owned by the session; valid while logged in.
    Result<EVP_PKEY *> privateKey();

private:
    TokenSession();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Smartcard
