// One clinician's session: who, in which role, with which tokens, and whether it is locked.
#pragma once

#include <lanyard/sso/oidcclient.h>
#include <lanyard/sso/session.h>

#include "session/sessionvault.h"

#include <memory>

namespace Lanyard::Sso::Internal {

struct UserSession
{
    User user;
    Role role;
    Tokens tokens;
    Secret idpCookies;
    QString selectedRoleId;        // the role the IdP's grant is for
    std::shared_ptr<SessionVault> vault; // opened at sign-in; null without a vault directory
    bool locked = false;
    QDateTime lockedAt;
    Session::LockReason lockReason = Session::LockReason::Requested;

    static std::unique_ptr<UserSession> from(SignInResult &&result)
    {
        auto session = std::make_unique<UserSession>();
        session->user = std::move(result.user);
        session->tokens = std::move(result.tokens);
        session->idpCookies = std::move(result.idpCookies);
        session->selectedRoleId = result.selectedRoleId;
        return session;
    }
};

} // namespace Lanyard::Sso::Internal
