// The signed-in clinician's password vault (for autotype applications), opened once at sign-in
// while the card is logged in, and kept open for the session: the data key lives only in memory,
// in a Secret wiped when the session ends.
#pragma once

#include <lanyard/result.h>
#include <lanyard/sso/credentialvault.h>

namespace Lanyard::Smartcard {
class TokenSession;
}

namespace Lanyard::Sso::Internal {

class SessionVault
{
public:
    // The vault file of the card holder with this user id, under directory.
    static QString pathFor(const QString &directory, const QString &userId);
    // On the card's worker, logged in: the vault's data key, or an empty Secret when the
    // clinician has no vault yet.
    static Result<Secret> unwrapOnCard(Smartcard::TokenSession &token, const QString &path,
                                       const QByteArray &certificateDer);

    // key: what unwrapOnCard gave (empty for a new vault); problem: why it could not be opened.
    SessionVault(QString path, QByteArray certificateDer, Result<Secret> key);

    bool contains(const QString &applicationId) const;
    Result<StoredCredential> retrieve(const QString &applicationId) const;
    Result<void> store(const QString &applicationId, const QString &username,
                       const Secret &password);

private:
    Result<CredentialVault> open() const;

    QString m_path;
    QByteArray m_certificateDer;
    Secret m_key;
    std::optional<Error> m_problem;
};

} // namespace Lanyard::Sso::Internal
