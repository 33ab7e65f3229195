// Who is signed in at this workstation, how they got there, and when they stop being signed in.
// Driven by card events, passcode entry, the IdP and a clock tests can move:
//
//   Locked -> CardPresent -> AwaitingPasscode -> Authenticating -> [ChoosingRole] -> Active
//   Active -> Locked (card removed, idle, lock now) -> ... passcode or grace re-tap -> Active
//
// Lives on the GUI thread; the card and the IdP are reached on worker threads, so no call
// here blocks. Every state change is made in the same event-loop turn as its cause: pulling
// the card locks before the card-removed signal has returned. Never two users' sessions
// unlocked; a session that has ended keeps nothing (tokens revoked and wiped, IdP session ended).
#pragma once

#include <lanyard/smartcard/passcode.h>
#include <lanyard/sso/clock.h>
#include <lanyard/sso/credentialvault.h>
#include <lanyard/sso/sessionconfig.h>
#include <lanyard/sso/tokens.h>
#include <lanyard/sso/user.h>

#include <QObject>

#include <functional>
#include <memory>

namespace Lanyard::Smartcard {
class ReaderMonitor;
}

namespace Lanyard::Sso {

class AuditLog;

class Session : public QObject
{
    Q_OBJECT
public:
    enum class State { Locked, CardPresent, AwaitingPasscode, Authenticating, ChoosingRole, Active };
    Q_ENUM(State)
    enum class LockReason { CardRemoved, Idle, Requested, OtherCard };
    Q_ENUM(LockReason)

    // The audit log must outlive the session; without one nothing is audited (tests only).
    Session(SessionConfig config, const Clock &clock, AuditLog *audit, QObject *parent = nullptr);
    ~Session() override;

    // Follows a reader monitor's card events (a direct connection: same thread).
    void follow(const Smartcard::ReaderMonitor &monitor);

    State state() const;
    bool hasSession() const;  // someone is signed in, active or locked
    bool isUnlocking() const; // the passcode asked for unlocks a locked session
    User user() const;        // the current session's user (empty without one)
    Role role() const;
    QString cardHolderName() const;  // who the inserted card belongs to, once read
    QString lastMessage() const;     // what went wrong last, for the lock screen
    QDateTime idleLockAt() const;    // when idleness locks the active session (null if never)
    int lockedSessionCount() const;  // sessions kept locked for other users (keep-locked)
    // The current session's access token for this workstation's own calls (PDS); empty unless
    // active. Apps get exchanged tokens instead.
    Secret accessToken() const;
    // The identity service's browser session (cookies, Netscape lines) for Lanyard's own web
    // browser, so OpenID Connect web applications open signed in; empty unless active.
    Secret identitySessionCookies() const;
    QUrl issuer() const;
    // Legacy applications' usernames and passwords in the clinician's vault sealed to their card
    // (opened at sign-in; vault/directory). Errors unless active.
    bool hasStoredLogin(const QString &applicationId) const;
    Result<StoredCredential> storedLogin(const QString &applicationId) const;
    Result<void> storeLogin(const QString &applicationId, const QString &username,
                            const Secret &password);

    void cardInserted(const QString &reader, const QByteArray &atr);
    void cardRemoved(const QString &reader);
    void submitPasscode(Smartcard::Passcode passcode);
    void chooseRole(const QString &roleId);
    // While active: work in another of the clinician's roles from now on (new tokens for it,
    // the old ones revoked); roleSwitched or roleSwitchFailed follows.
    void switchRole(const QString &roleId);
    void noteActivity();      // keyboard or pointer input: postpones the idle lock
    void lockNow();           // the hot-key or menu
    void signOut();           // ends the session; the card must be reinserted to sign in again
    // RFC 8693 token for an application's audience; fails unless the session is active.
    void exchangeToken(const QString &audience, const QString &requestedTokenType,
                       QObject *receiver, std::function<void(Result<ExchangedToken>)> done);

signals:
    void stateChanged(Lanyard::Sso::Session::State state);
    void passcodeRequested(const QString &cardHolderName, bool unlocking);
    void passcodeRejected(const QString &message);
    void rolesOffered(const QList<Lanyard::Sso::Role> &roles);
    void signInFailed(const QString &message);
    void sessionStarted(const Lanyard::Sso::User &user, const Lanyard::Sso::Role &role);
    void sessionLocked(Lanyard::Sso::Session::LockReason reason);
    void sessionUnlocked();
    void sessionEnded(const Lanyard::Sso::User &user, const QString &reason);
    void userSwitched(const Lanyard::Sso::User &previous, const Lanyard::Sso::User &next);
    void idleWarningStarted(const QDateTime &lockAt);
    void idleWarningCancelled();
    void tokensRefreshed();
    void roleSwitched(const Lanyard::Sso::Role &role);
    void roleSwitchFailed(const QString &message);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Sso
