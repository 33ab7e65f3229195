#include "session/sessionvault.h"

#include <lanyard/smartcard/tokensession.h>
#include <lanyard/sso/ssoerror.h>

#include <QCoreApplication>
#include <QDir>

namespace Lanyard::Sso::Internal {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Lanyard::Sso::SessionVault", text);
}

// The data key this session holds, given to the vault instead of asking the card again.
CredentialVault::Unwrap heldKey(const Secret &key)
{
    return [key](const QByteArray &) -> Result<Secret> {
        if (key.isEmpty())
            return Error::make(SsoError::Card, tr("Take your card out and sign in again to open "
                                                  "your password vault."));
        return key;
    };
}

} // namespace

QString SessionVault::pathFor(const QString &directory, const QString &userId)
{
    return QDir(directory).filePath(userId + QStringLiteral(".vault"));
}

Result<Secret> SessionVault::unwrapOnCard(Smartcard::TokenSession &token, const QString &path,
                                          const QByteArray &certificateDer)
{
    auto vault = CredentialVault::open(path, certificateDer);
    if (!vault)
        return vault.error();
    const QByteArray wrapped = vault->wrappedKey();
    if (wrapped.isEmpty())
        return Secret();
    auto key = token.decrypt(wrapped);
    if (!key)
        return key.error();
    return Secret::take(key.value());
}

SessionVault::SessionVault(QString path, QByteArray certificateDer, Result<Secret> key)
    : m_path(std::move(path)), m_certificateDer(std::move(certificateDer))
{
    if (key)
        m_key = std::move(key).value();
    else
        m_problem = key.error();
}

Result<CredentialVault> SessionVault::open() const
{
    if (m_problem) {
        return Error::make(SsoError::Card,
                           tr("Your password vault could not be opened at sign-in: %1")
                               .arg(m_problem->message));
    }
    return CredentialVault::open(m_path, m_certificateDer);
}

bool SessionVault::contains(const QString &applicationId) const
{
    auto vault = open();
    return vault && vault->contains(applicationId);
}

Result<StoredCredential> SessionVault::retrieve(const QString &applicationId) const
{
    auto vault = open();
    if (!vault)
        return vault.error();
    return vault->retrieve(applicationId, heldKey(m_key));
}

Result<void> SessionVault::store(const QString &applicationId, const QString &username,
                                 const Secret &password)
{
    auto vault = open();
    if (!vault)
        return vault.error();
    if (vault->wrappedKey().isEmpty()) {
        // The clinician's first application: a new vault, whose key this session keeps.
        auto created = vault.value().create();
        if (!created)
            return created.error();
        m_key = std::move(created).value();
    }
    return vault.value().store(applicationId, username, password, heldKey(m_key));
}

} // namespace Lanyard::Sso::Internal
