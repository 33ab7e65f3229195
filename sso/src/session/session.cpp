#include <lanyard/sso/session.h>

#include "logging.h"
#include "session/deadline.h"
#include "session/usersession.h"

#include <lanyard/smartcard/cardaccess.h>
#include <lanyard/smartcard/cardholder.h>
#include <lanyard/smartcard/readermonitor.h>
#include <lanyard/sso/auditlog.h>
#include <lanyard/sso/oidcclient.h>
#include <lanyard/sso/ssoerror.h>

#include <QPointer>

namespace Lanyard::Sso {

using namespace Internal;
using Smartcard::SmartcardError;

namespace {

QString lockReasonText(Session::LockReason reason)
{
    switch (reason) {
    case Session::LockReason::CardRemoved: return QStringLiteral("card removed");
    case Session::LockReason::Idle: return QStringLiteral("idle");
    case Session::LockReason::Requested: return QStringLiteral("locked by the user");
    case Session::LockReason::OtherCard: return QStringLiteral("another card inserted");
    }
    return {};
}

} // namespace

class Session::Private
{
public:
    Private(Session *owner, SessionConfig c, const Clock &clk, AuditLog *a)
        : q(owner), config(std::move(c)), clock(clk), audit(a),
          card(config.pkcs11Module), oidc(config.idp, clock),
          deadline(clock, [this] { onDeadline(); }, q)
    {
        if (config.certificateCheck) {
            auto check = *config.certificateCheck;
            check.now = [this] { return clock.now(); };
            auto created = Smartcard::CertificateValidator::create(check);
            if (created)
                validator = std::make_shared<Smartcard::CertificateValidator>(*created);
            else
                configurationError = created.error().message;
        }
    }

    struct InsertedCard
    {
        QString reader;
        Smartcard::CardHolder holder;
        bool identified = false;
        bool spent = false; // signed out or refused: take the card out to start again
    };

    Session *q;
    const SessionConfig config;
    const Clock &clock;
    AuditLog *audit;
    Smartcard::CardAccess card;
    OidcClient oidc;
    Deadline deadline;
    std::shared_ptr<Smartcard::CertificateValidator> validator;
    QString configurationError;

    State state = State::Locked;
    std::optional<InsertedCard> inserted;
    std::unique_ptr<UserSession> current;              // active or locked
    std::vector<std::unique_ptr<UserSession>> parked;  // keep-locked: other users' sessions
    std::unique_ptr<UserSession> pending;              // signed in, choosing a role
    UserSession *unlockTarget = nullptr;               // the locked session the card belongs to
    quint64 attempt = 0;                               // stale callbacks compare and give up
    OidcClient::Cancel cancel;
    QString lastMessage;
    QDateTime lastActivity;
    bool idleWarned = false;
    bool refreshing = false;
    QDateTime refreshRetryAt;
    std::optional<Result<Secret>> vaultKey; // unwrapped at sign-in, for the new session
    bool switchingRole = false;

    // --- helpers -------------------------------------------------------------------------

    void setState(State next)
    {
        if (state == next)
            return;
        qCInfo(lcSession) << "state" << state << "->" << next;
        state = next;
        emit q->stateChanged(next);
        reschedule();
    }

    bool record(AuditEvent event, const QString &reason = {}, const UserSession *who = nullptr,
                QJsonObject detail = {})
    {
        if (!audit)
            return true;
        AuditEntry entry;
        entry.event = event;
        if (who) {
            entry.user = who->user.uid;
            entry.userName = who->user.name;
            entry.role = who->role.id;
        } else if (inserted && inserted->identified) {
            entry.user = inserted->holder.userId;
            entry.userName = inserted->holder.displayName;
        }
        if (inserted)
            entry.reader = inserted->reader;
        entry.reason = reason;
        entry.detail = std::move(detail);
        auto written = audit->append(entry);
        if (!written)
            qCWarning(lcSession) << "audit:" << written.error().message;
        return written.ok();
    }

    void fail(const QString &message, State next)
    {
        lastMessage = message;
        emit q->signInFailed(message);
        setState(next);
    }

    // Forgets an abandoned attempt: results still on their way are ignored, the IdP work under
    // way is cancelled, and a grant already made (role not yet chosen) is ended at the IdP.
    void abandonAttempt()
    {
        ++attempt;
        if (cancel)
            cancel->store(true);
        cancel.reset();
        if (pending)
            endAtIdp(std::move(pending));
        unlockTarget = nullptr;
    }

    void endAtIdp(std::unique_ptr<UserSession> session)
    {
        oidc.signOut(session->tokens, session->idpCookies, q, [](Result<void> result) {
            if (!result)
                qCInfo(lcSession) << "ending the IdP session:" << result.error().message;
        });
    }

    void endSession(std::unique_ptr<UserSession> session, const QString &reason)
    {
        record(AuditEvent::SessionEnded, reason, session.get());
        emit q->sessionEnded(session->user, reason);
        endAtIdp(std::move(session));
    }

    std::optional<Error> vaultProblem() const
    {
        if (state != State::Active || !current)
            return Error::make(SsoError::SessionEnded,
                               QStringLiteral("Sign in with your smartcard to use your saved "
                                              "application passwords."));
        if (!current->vault)
            return Error::make(SsoError::Configuration,
                               QStringLiteral("This workstation keeps no application passwords "
                                              "(vault/directory is not set) — call the IT "
                                              "service desk."));
        return std::nullopt;
    }

    UserSession *sessionFor(const QString &uid)
    {
        if (current && current->user.uid == uid)
            return current.get();
        for (auto &kept : parked) {
            if (kept->user.uid == uid)
                return kept.get();
        }
        return nullptr;
    }

    // --- card events -----------------------------------------------------------------------

    void onCardInserted(const QString &reader)
    {
        if (state == State::Active)
            lock(LockReason::OtherCard); // never leave a session open to the next card's holder
        else if (inserted)
            abandonAttempt();
        inserted = InsertedCard{reader, {}, false, false};
        lastMessage.clear();
        record(AuditEvent::CardInserted);
        setState(State::CardPresent);
        const quint64 mine = ++attempt;
        auto validatorCopy = validator;
        card.run<Smartcard::CardHolder>(
            reader,
            [validatorCopy](Smartcard::TokenSession &token) -> Result<Smartcard::CardHolder> {
                auto certificate = token.authenticationCertificate();
                if (!certificate)
                    return certificate.error();
                if (validatorCopy)
                    return validatorCopy->validate(certificate->der);
                return Smartcard::CardHolder::fromCertificate(certificate->der);
            },
            q, [this, mine](Result<Smartcard::CardHolder> holder) { onIdentified(mine, holder); });
    }

    void onIdentified(quint64 mine, const Result<Smartcard::CardHolder> &holder)
    {
        if (mine != attempt || !inserted)
            return;
        if (!holder) {
            inserted->spent = true;
            record(AuditEvent::SignInFailed, holder.error().message);
            fail(holder.error().message, State::Locked);
            return;
        }
        inserted->holder = *holder;
        inserted->identified = true;
        unlockTarget = sessionFor(holder->userId);
        if (unlockTarget && withinGrace(*unlockTarget)) {
            unlock(QStringLiteral("same card within the grace period"));
            return;
        }
        setState(State::AwaitingPasscode);
        emit q->passcodeRequested(holder->displayName, unlockTarget != nullptr);
    }

    bool withinGrace(const UserSession &session) const
    {
        return session.locked && session.lockReason == LockReason::CardRemoved
               && config.policy.gracePeriod.count() > 0
               && session.lockedAt.secsTo(clock.now()) <= config.policy.gracePeriod.count();
    }

    void onCardRemoved(const QString &reader)
    {
        if (!inserted || inserted->reader != reader)
            return;
        const State was = state;
        record(AuditEvent::CardRemoved);
        inserted.reset(); // first: the lock below must not ask this card for a passcode
        if (was == State::Active) {
            if (config.policy.cardRemoval == SessionPolicy::CardRemoval::Logout) {
                auto ending = std::move(current);
                setState(State::Locked);
                endSession(std::move(ending), QStringLiteral("card removed"));
            } else {
                lock(LockReason::CardRemoved);
            }
        } else if (was == State::Authenticating || was == State::ChoosingRole
                   || was == State::CardPresent || was == State::AwaitingPasscode) {
            abandonAttempt();
            if (was == State::Authenticating || was == State::ChoosingRole)
                record(AuditEvent::SignInFailed, QStringLiteral("card removed during sign-in"));
            setState(State::Locked);
        }
        card.close(); // queued behind any card work: the GUI thread never waits on the card
    }

    // --- passcode, sign-in, role -------------------------------------------------------------

    void onPasscode(Smartcard::Passcode passcode)
    {
        if (state != State::AwaitingPasscode || !inserted)
            return;
        setState(State::Authenticating);
        const quint64 mine = ++attempt;
        card.login(inserted->reader, std::move(passcode), q,
                   [this, mine](Result<void> result) { onLoggedIn(mine, result); });
    }

    void onLoggedIn(quint64 mine, const Result<void> &result)
    {
        if (mine != attempt || !inserted)
            return;
        if (!result) {
            const Error &error = result.error();
            record(AuditEvent::SignInFailed, error.message);
            if (error.is(SmartcardError::PasscodeIncorrect) || error.is(SmartcardError::PasscodeMalformed)) {
                lastMessage = error.message;
                setState(State::AwaitingPasscode);
                emit q->passcodeRejected(error.message);
            } else {
                inserted->spent = true;
                fail(error.message, State::Locked);
            }
            return;
        }
        if (unlockTarget) {
            unlock(QStringLiteral("passcode"));
            return;
        }
        if (!configurationError.isEmpty()) {
            inserted->spent = true;
            fail(configurationError, State::Locked);
            return;
        }
        openVault(mine);
        cancel = std::make_shared<std::atomic<bool>>(false);
        oidc.signIn(card, inserted->reader, cancel, q, [this, mine](Result<SignInResult> signedIn) {
            onSignedIn(mine, std::move(signedIn));
        });
    }

    // Unwraps the password vault's key on the card while it is logged in, ahead of the sign-in
    // on the same worker, so the key is here by the time the sign-in's result is.
    void openVault(quint64 mine)
    {
        vaultKey.reset();
        if (config.vaultDirectory.isEmpty())
            return;
        const QString path = SessionVault::pathFor(config.vaultDirectory, inserted->holder.userId);
        const QByteArray certificate = inserted->holder.certificateDer;
        card.run<Secret>(
            inserted->reader,
            [path, certificate](Smartcard::TokenSession &token) {
                return SessionVault::unwrapOnCard(token, path, certificate);
            },
            q, [this, mine](Result<Secret> key) {
                if (mine == attempt)
                    vaultKey = std::move(key);
            });
    }

    void attachVault(UserSession &session)
    {
        if (config.vaultDirectory.isEmpty() || !inserted)
            return;
        Result<Secret> key = vaultKey ? std::move(*vaultKey)
                                      : Result<Secret>(Error::make(
                                          SsoError::Card, QStringLiteral("the card did not answer")));
        vaultKey.reset();
        if (!key)
            qCWarning(lcSession) << "password vault:" << key.error().message;
        session.vault = std::make_shared<SessionVault>(
            SessionVault::pathFor(config.vaultDirectory, inserted->holder.userId),
            inserted->holder.certificateDer, std::move(key));
    }

    void onSignedIn(quint64 mine, Result<SignInResult> result)
    {
        if (mine != attempt || !inserted) {
            if (result) // too late: the card left or another came; keep nothing
                endAtIdp(UserSession::from(std::move(result).value()));
            return;
        }
        cancel.reset();
        card.close(); // logged out of the card: the next passcode starts afresh
        if (!result) {
            const Error &error = result.error();
            record(AuditEvent::SignInFailed, error.message);
            const bool retry = error.is(SsoError::Network) || error.is(SsoError::Timeout);
            if (retry) {
                lastMessage = error.message;
                emit q->signInFailed(error.message);
                setState(State::AwaitingPasscode);
                emit q->passcodeRequested(inserted->holder.displayName, false);
            } else {
                inserted->spent = true;
                fail(error.message, State::Locked);
            }
            return;
        }
        auto session = UserSession::from(std::move(result).value());
        attachVault(*session);
        if (session->user.uid != inserted->holder.userId) {
            endAtIdp(std::move(session));
            const QString message = QStringLiteral(
                "The NHS identity service signed in someone other than the card's owner, so "
                "Lanyard refused the session — call the IT service desk.");
            record(AuditEvent::SignInFailed, message);
            inserted->spent = true;
            fail(message, State::Locked);
            return;
        }
        if (session->user.roles.isEmpty()) {
            const QString message = QStringLiteral(
                "You have no role in the NHS Care Identity Service, so you cannot be signed in — "
                "ask your Registration Authority to assign you a role.");
            record(AuditEvent::SignInFailed, message, session.get());
            endAtIdp(std::move(session));
            inserted->spent = true;
            fail(message, State::Locked);
            return;
        }
        if (session->user.roles.size() == 1) {
            session->role = session->user.roles.first();
            activate(std::move(session), mine);
            return;
        }
        pending = std::move(session);
        setState(State::ChoosingRole);
        emit q->rolesOffered(pending->user.roles);
    }

    // An active clinician changes role: a new grant for it from the IdP session (no card), the
    // old role's tokens revoked. The session stays active throughout.
    void onSwitchRole(const QString &roleId)
    {
        if (state != State::Active || !current || current->role.id == roleId || switchingRole)
            return;
        const Role *role = current->user.role(roleId);
        if (!role) {
            emit q->roleSwitchFailed(QStringLiteral("You do not have that role."));
            return;
        }
        switchingRole = true;
        UserSession *who = current.get();
        oidc.selectRole(current->idpCookies, roleId, q,
                        [this, who, roleId](Result<SignInResult> result) {
                            switchingRole = false;
                            if (current.get() != who || state != State::Active) {
                                if (result) // locked or ended meanwhile: keep nothing
                                    oidc.revoke(result->tokens, q, [](Result<void>) {});
                                return;
                            }
                            if (!result || result->user.uid != who->user.uid) {
                                const QString message = result
                                    ? QStringLiteral("The identity service did not give the new role.")
                                    : result.error().message;
                                emit q->roleSwitchFailed(message);
                                return;
                            }
                            oidc.revoke(who->tokens, q, [](Result<void>) {});
                            const Role *granted = result->user.role(roleId);
                            who->role = granted ? *granted : *who->user.role(roleId);
                            who->tokens = std::move(result->tokens);
                            who->selectedRoleId = roleId;
                            if (!result->idpCookies.isEmpty())
                                who->idpCookies = std::move(result->idpCookies);
                            record(AuditEvent::RoleChosen, QStringLiteral("role switched"), who,
                                   {{QStringLiteral("role_name"), who->role.name},
                                    {QStringLiteral("org_code"), who->role.organisation.code}});
                            reschedule();
                            emit q->roleSwitched(who->role);
                        });
    }

    void onRoleChosen(const QString &roleId)
    {
        if (state != State::ChoosingRole || !pending)
            return;
        const Role *role = pending->user.role(roleId);
        if (!role)
            return;
        pending->role = *role;
        const quint64 mine = attempt;
        if (pending->selectedRoleId == roleId) {
            activate(std::move(pending), mine);
            return;
        }
        // A grant for the chosen role (CIS2 selected_roleid), so every token carries it.
        setState(State::Authenticating);
        oidc.selectRole(pending->idpCookies, roleId, q,
                        [this, mine, roleId](Result<SignInResult> result) {
                            onRoleGrant(mine, roleId, std::move(result));
                        });
    }

    void onRoleGrant(quint64 mine, const QString &roleId, Result<SignInResult> result)
    {
        if (mine != attempt || !pending) {
            if (result)
                endAtIdp(UserSession::from(std::move(result).value()));
            return;
        }
        if (!result || result->user.uid != pending->user.uid) {
            const QString message = result ? QStringLiteral("The role could not be chosen.")
                                           : result.error().message;
            record(AuditEvent::SignInFailed, message, pending.get());
            endAtIdp(std::move(pending));
            if (inserted)
                inserted->spent = true;
            fail(message, State::Locked);
            return;
        }
        auto chosen = UserSession::from(std::move(result).value());
        const Role *granted = chosen->user.role(roleId);
        chosen->role = granted ? *granted : pending->role;
        chosen->vault = pending->vault;
        // The first grant, role-less, is not needed any more; the IdP session is the new one's.
        oidc.revoke(pending->tokens, q, [](Result<void>) {});
        pending.reset();
        activate(std::move(chosen), mine);
    }

    void activate(std::unique_ptr<UserSession> session, quint64 mine)
    {
        Q_UNUSED(mine);
        // No audit, no session: better to refuse than to act unaudited.
        if (!record(AuditEvent::SignInSucceeded, {}, session.get())) {
            endAtIdp(std::move(session));
            if (inserted)
                inserted->spent = true;
            fail(QStringLiteral("The audit log cannot be written, so nobody can be signed in — "
                                "call the IT service desk."),
                 State::Locked);
            return;
        }
        record(AuditEvent::RoleChosen, {}, session.get(),
               {{QStringLiteral("role_name"), session->role.name},
                {QStringLiteral("org_code"), session->role.organisation.code}});
        std::optional<User> previous;
        if (current) {
            previous = current->user;
            record(AuditEvent::UserSwitched, {}, session.get(),
                   {{QStringLiteral("previous_user"), current->user.uid}});
            if (config.policy.userSwitch == SessionPolicy::UserSwitch::KeepLocked)
                parked.push_back(std::move(current));
            else
                endSession(std::move(current), QStringLiteral("another user signed in"));
        }
        current = std::move(session);
        current->locked = false;
        lastActivity = clock.now();
        idleWarned = false;
        refreshRetryAt = {};
        lastMessage.clear();
        setState(State::Active);
        if (previous)
            emit q->userSwitched(*previous, current->user);
        emit q->sessionStarted(current->user, current->role);
    }

    // --- lock and unlock -------------------------------------------------------------------

    void lock(LockReason reason)
    {
        if (state != State::Active || !current)
            return;
        current->locked = true;
        current->lockedAt = clock.now();
        current->lockReason = reason;
        if (idleWarned)
            emit q->idleWarningCancelled();
        idleWarned = false;
        // With the card still in, the lock screen asks for the passcode at once.
        const bool cardStillIn = inserted && inserted->identified && reason != LockReason::OtherCard;
        unlockTarget = cardStillIn ? current.get() : nullptr;
        setState(cardStillIn ? State::AwaitingPasscode : State::Locked);
        record(AuditEvent::Locked, lockReasonText(reason), current.get());
        emit q->sessionLocked(reason);
        if (cardStillIn)
            emit q->passcodeRequested(inserted->holder.displayName, true);
    }

    void unlock(const QString &how)
    {
        UserSession *target = unlockTarget;
        unlockTarget = nullptr;
        if (!target)
            return;
        if (target != current.get()) {
            // keep-locked: the returning user's session comes back, the other one waits locked.
            auto it = std::find_if(parked.begin(), parked.end(),
                                   [target](const auto &kept) { return kept.get() == target; });
            auto returning = std::move(*it);
            parked.erase(it);
            if (current)
                parked.push_back(std::move(current));
            current = std::move(returning);
        }
        current->locked = false;
        lastActivity = clock.now();
        idleWarned = false;
        lastMessage.clear();
        card.close();
        record(AuditEvent::Unlocked, how, current.get());
        setState(State::Active);
        emit q->sessionUnlocked();
    }

    // --- time: idle and token refresh ------------------------------------------------------

    QDateTime idleLockAt() const
    {
        if (state != State::Active || config.policy.idleTimeout.count() == 0)
            return {};
        return lastActivity.addSecs(config.policy.idleTimeout.count());
    }

    QDateTime refreshAt() const
    {
        if (!current || current->tokens.refreshToken.isEmpty() || refreshing)
            return {};
        if (refreshRetryAt.isValid())
            return refreshRetryAt;
        return current->tokens.accessExpiresAt.addSecs(-config.idp.refreshMargin.count());
    }

    void reschedule()
    {
        QDateTime next;
        const auto consider = [&next](const QDateTime &when) {
            if (when.isValid() && (!next.isValid() || when < next))
                next = when;
        };
        const QDateTime lockAt = idleLockAt();
        if (lockAt.isValid())
            consider(idleWarned ? lockAt : lockAt.addSecs(-config.policy.idleWarning.count()));
        consider(refreshAt());
        deadline.schedule(next);
    }

    void onDeadline()
    {
        const QDateTime now = clock.now();
        const QDateTime lockAt = idleLockAt();
        if (lockAt.isValid() && now >= lockAt) {
            lock(LockReason::Idle);
        } else if (lockAt.isValid() && !idleWarned
                   && now >= lockAt.addSecs(-config.policy.idleWarning.count())) {
            idleWarned = true;
            record(AuditEvent::IdleWarning, {}, current.get());
            emit q->idleWarningStarted(lockAt);
        }
        const QDateTime refreshDue = refreshAt();
        if (refreshDue.isValid() && now >= refreshDue)
            refresh();
        reschedule();
    }

    void refresh()
    {
        refreshing = true;
        UserSession *session = current.get();
        oidc.refresh(session->tokens, session->user.uid, q,
                     [this, session](Result<Tokens> result) { onRefreshed(session, result); });
    }

    void onRefreshed(UserSession *session, const Result<Tokens> &result)
    {
        refreshing = false;
        if (session != current.get()) {
            reschedule();
            return; // that session has gone
        }
        if (result) {
            current->tokens = *result;
            refreshRetryAt = {};
            emit q->tokensRefreshed();
        } else if (result.error().is(SsoError::SessionEnded)) {
            lastMessage = result.error().message;
            if (unlockTarget == current.get())
                unlockTarget = nullptr;
            auto ending = std::move(current);
            if (inserted)
                inserted->spent = true;
            if (state == State::Active || state == State::AwaitingPasscode)
                setState(State::Locked);
            endSession(std::move(ending), QStringLiteral("identity session ended"));
        } else {
            refreshRetryAt = clock.now().addSecs(30); // the IdP is unreachable: try again soon
        }
        reschedule();
    }
};

Session::Session(SessionConfig config, const Clock &clock, AuditLog *audit, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(config), clock, audit))
{
    qRegisterMetaType<Lanyard::Sso::User>();
    qRegisterMetaType<Lanyard::Sso::Role>();
}

Session::~Session()
{
    d->abandonAttempt();
}

void Session::follow(const Smartcard::ReaderMonitor &monitor)
{
    connect(&monitor, &Smartcard::ReaderMonitor::cardInserted, this, &Session::cardInserted,
            Qt::DirectConnection);
    connect(&monitor, &Smartcard::ReaderMonitor::cardRemoved, this, &Session::cardRemoved,
            Qt::DirectConnection);
}

Session::State Session::state() const { return d->state; }
bool Session::hasSession() const { return d->current != nullptr; }
bool Session::isUnlocking() const { return d->unlockTarget != nullptr; }
User Session::user() const { return d->current ? d->current->user : User{}; }
Role Session::role() const { return d->current ? d->current->role : Role{}; }
QString Session::lastMessage() const { return d->lastMessage; }
QDateTime Session::idleLockAt() const { return d->idleLockAt(); }
int Session::lockedSessionCount() const { return int(d->parked.size()); }

QString Session::cardHolderName() const
{
    return d->inserted && d->inserted->identified ? d->inserted->holder.displayName : QString();
}

Secret Session::accessToken() const
{
    return d->state == State::Active && d->current ? d->current->tokens.accessToken : Secret();
}

Secret Session::identitySessionCookies() const
{
    return d->state == State::Active && d->current ? d->current->idpCookies : Secret();
}

QUrl Session::issuer() const
{
    return d->config.idp.issuer;
}

bool Session::hasStoredLogin(const QString &applicationId) const
{
    return d->state == State::Active && d->current && d->current->vault
           && d->current->vault->contains(applicationId);
}

Result<StoredCredential> Session::storedLogin(const QString &applicationId) const
{
    if (auto problem = d->vaultProblem())
        return *problem;
    return d->current->vault->retrieve(applicationId);
}

Result<void> Session::storeLogin(const QString &applicationId, const QString &username,
                                 const Secret &password)
{
    if (auto problem = d->vaultProblem())
        return *problem;
    auto stored = d->current->vault->store(applicationId, username, password);
    if (stored)
        d->record(AuditEvent::LoginStored, {}, d->current.get(),
                  {{QStringLiteral("application"), applicationId}});
    return stored;
}

void Session::cardInserted(const QString &reader, const QByteArray &)
{
    d->onCardInserted(reader);
}

void Session::cardRemoved(const QString &reader)
{
    d->onCardRemoved(reader);
}

void Session::submitPasscode(Smartcard::Passcode passcode)
{
    d->onPasscode(std::move(passcode));
}

void Session::chooseRole(const QString &roleId)
{
    d->onRoleChosen(roleId);
}

void Session::switchRole(const QString &roleId)
{
    d->onSwitchRole(roleId);
}

void Session::noteActivity()
{
    if (d->state != State::Active)
        return;
    d->lastActivity = d->clock.now();
    if (d->idleWarned) {
        d->idleWarned = false;
        emit idleWarningCancelled();
    }
    d->reschedule();
}

void Session::lockNow()
{
    d->lock(LockReason::Requested);
}

void Session::signOut()
{
    if (!d->current)
        return;
    d->abandonAttempt();
    d->record(AuditEvent::SignedOut, {}, d->current.get());
    auto ending = std::move(d->current);
    if (d->inserted)
        d->inserted->spent = true;
    d->card.close();
    d->setState(State::Locked);
    d->endSession(std::move(ending), QStringLiteral("signed out"));
}

void Session::exchangeToken(const QString &audience, const QString &requestedTokenType,
                            QObject *receiver, std::function<void(Result<ExchangedToken>)> done)
{
    if (d->state != State::Active || !d->current) {
        QMetaObject::invokeMethod(
            receiver,
            [done] {
                done(Error::make(SsoError::SessionEnded,
                                 QStringLiteral("Nobody is signed in at this workstation — "
                                                "insert your card first.")));
            },
            Qt::QueuedConnection);
        return;
    }
    d->oidc.exchange(d->current->tokens.accessToken, audience, requestedTokenType, receiver,
                     std::move(done));
}

} // namespace Lanyard::Sso
