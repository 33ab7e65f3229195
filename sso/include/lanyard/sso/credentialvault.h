// The per-clinician vault of legacy applications' usernames and passwords (for autotype), sealed
// to the clinician's card: a random 256-bit data key encrypts each entry (AES-256-GCM), and the
// data key is stored only wrapped with the card certificate's RSA key (RSA-OAEP, SHA-1/MGF1-SHA-1
// as TokenSession::decrypt expects), so only the card can open it. Format: docs/sso.md.
#pragma once

#include <lanyard/result.h>
#include <lanyard/sso/secret.h>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace Lanyard::Sso {

struct StoredCredential
{
    QString username;
    Secret password;
};

class CredentialVault
{
public:
    // The vault file for one clinician; created sealed to certificateDer's public key (RSA) on
    // first store. A vault sealed to another certificate is refused.
    static Result<CredentialVault> open(const QString &path, const QByteArray &certificateDer);

    // Unwrapping needs the card: `unwrap` is given the wrapped key and returns the data key,
    // e.g. by TokenSession::decrypt on the card's worker.
    using Unwrap = std::function<Result<Secret>(const QByteArray &wrappedKey)>;

    // The data key as wrapped to the card (empty before the first store), for unwrapping on the
    // card while it is logged in, e.g. at sign-in.
    QByteArray wrappedKey() const;
    // Starts an empty vault (a fresh data key wrapped to the certificate, written to the file)
    // and returns the data key, so a session can keep it after the card is logged out.
    Result<Secret> create();

    Result<void> store(const QString &applicationId, const QString &username,
                       const Secret &password, const Unwrap &unwrap);
    Result<StoredCredential> retrieve(const QString &applicationId, const Unwrap &unwrap) const;
    bool contains(const QString &applicationId) const;
    Result<void> remove(const QString &applicationId);

private:
    CredentialVault() = default;
    Result<void> save(const QJsonObject &document);

    QString m_path;
    QByteArray m_certificateDer;
    QString m_certificateSha256;
    QJsonObject m_document; // empty until the first store
};

} // namespace Lanyard::Sso
