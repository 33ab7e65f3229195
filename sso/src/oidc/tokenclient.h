// The calls a live session makes to the IdP's token endpoints, none of which needs the card:
// refresh (RFC 6749 §6), token exchange (RFC 8693), revocation (RFC 7009) and RP-initiated
// logout (OpenID Connect RP-Initiated Logout 1.0). Blocking: run on the IdP worker.
#pragma once

#include "http/httpsession.h"
#include "oidc/providercache.h"

#include <lanyard/sso/tokens.h>

namespace Lanyard::Sso::Internal {

// A rotated refresh token replaces the old one; a new ID token, if sent, is validated (no
// nonce: OIDC Core §12.2) and must be for the same person.
Result<Tokens> refreshTokens(HttpSession &http, ProviderCache &cache, const IdpSettings &settings,
                             const Clock &clock, const Tokens &current, const QString &subject);

Result<ExchangedToken> exchangeToken(HttpSession &http, ProviderCache &cache,
                                     const IdpSettings &settings, const Clock &clock,
                                     const Secret &accessToken, const QString &audience,
                                     const QString &requestedTokenType);

Result<void> revokeToken(HttpSession &http, ProviderCache &cache, const IdpSettings &settings,
                         const Secret &token, const char *hint);

// Ends the IdP session the cookies belong to. `http` must carry the session's cookies.
Result<void> endIdpSession(HttpSession &http, ProviderCache &cache, const IdpSettings &settings,
                           const Secret &idToken);

} // namespace Lanyard::Sso::Internal
