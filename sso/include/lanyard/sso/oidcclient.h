// OpenID Connect with the card (DOMAIN.md, CIS2): sign-in on the card's worker thread, where
// the TLS handshake's signature is made by the card; everything after it (role change,
// refresh, token exchange, sign-out) on the client's own worker thread. Results come back on the
// receiver's thread, and only while the receiver lives. Every failure is an Error whose message
// a clinician or IT desk can act on.
#pragma once

#include <lanyard/sso/clock.h>
#include <lanyard/sso/idpsettings.h>
#include <lanyard/sso/tokens.h>
#include <lanyard/sso/user.h>

#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

namespace Lanyard::Smartcard {
class CardAccess;
}

namespace Lanyard::Sso {

struct SignInResult
{
    Tokens tokens;
    User user;
    QString selectedRoleId; // from the ID token: the role this grant is for, if any
    QString sessionId;      // sid
    QString acr;
    QStringList amr;
    Secret idpCookies;      // the IdP's browser session: end-session, role change, web apps
};

class OidcClient : public QObject
{
    Q_OBJECT
public:
    using Cancel = std::shared_ptr<std::atomic<bool>>;
    template<typename T>
    using Done = std::function<void(Result<T>)>;

    OidcClient(IdpSettings settings, const Clock &clock, QObject *parent = nullptr);
    ~OidcClient() override; // waits for the call under way on the worker

    const IdpSettings &settings() const;

    // Logs in to the IdP with the card in `reader` (already logged in with its passcode). Set
    // *cancel to abandon it (the card left): it then ends with SsoError::Cancelled.
    void signIn(Smartcard::CardAccess &card, const QString &reader, Cancel cancel,
                QObject *receiver, Done<SignInResult> done);
    // A new grant for another role from the IdP session, without the card (CIS2 selected_roleid).
    void selectRole(const Secret &idpCookies, const QString &roleId, QObject *receiver,
                    Done<SignInResult> done);
    void refresh(const Tokens &tokens, const QString &subject, QObject *receiver,
                 Done<Tokens> done);
    // RFC 8693: a token for one application. requestedTokenType empty = an access token.
    void exchange(const Secret &accessToken, const QString &audience,
                  const QString &requestedTokenType, QObject *receiver, Done<ExchangedToken> done);
    // Ends the IdP session and revokes the tokens. Tolerates an IdP that is already gone.
    void signOut(const Tokens &tokens, const Secret &idpCookies, QObject *receiver,
                 Done<void> done);
    // Revokes the tokens of a grant that is not needed (the IdP session itself lives on).
    void revoke(const Tokens &tokens, QObject *receiver, Done<void> done);
    // The discovery document and keys are fetched again on next use.
    void forgetProvider();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Sso
