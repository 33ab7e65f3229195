// OpenID Connect authorization code flow with PKCE S256 (RFC 7636) and a loopback redirect
// (RFC 8252), the login step authenticated by the TLS client certificate on the HttpSession
// (the card's key), then the token request, ID token validation and userinfo. Blocking: runs on
// the card's worker thread, so the handshake's signature reaches the card from its own thread.
#pragma once

#include "http/httpsession.h"
#include "oidc/providercache.h"

#include <lanyard/sso/secret.h>
#include <lanyard/sso/tokens.h>
#include <lanyard/sso/user.h>

namespace Lanyard::Sso::Internal {

struct SignInOptions
{
    QString selectedRoleId; // CIS2 selected_roleid: the role the new grant is for
    bool forceLogin = true; // prompt=login: the certificate is checked afresh
};

struct SignInGrant
{
    Tokens tokens;
    IdToken idToken;
    User user;
    Secret idpCookies; // the IdP's session, for end-session and role changes
};

Result<SignInGrant> runSignIn(HttpSession &http, ProviderCache &cache, const IdpSettings &settings,
                              const Clock &clock, const SignInOptions &options);

// The token endpoint's answer (RFC 6749 §5.1) as Tokens; errors (§5.2) in words.
Result<Tokens> tokensFromResponse(const HttpResponse &response, const Clock &clock,
                                  const QString &step);
Error tokenEndpointError(const HttpResponse &response, const QString &step);

} // namespace Lanyard::Sso::Internal
