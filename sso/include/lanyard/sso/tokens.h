// What a sign-in leaves behind: the tokens (secrets, wiped when the last copy goes) and when
// they stop working.
#pragma once

#include <lanyard/sso/secret.h>

#include <QDateTime>
#include <QString>

namespace Lanyard::Sso {

struct Tokens
{
    Secret accessToken;
    Secret refreshToken;
    Secret idToken;            // kept for end-session's id_token_hint
    QDateTime accessExpiresAt; // UTC
    QString scope;
};

// A token for one application's audience (RFC 8693), for a plugin to hand to its application.
struct ExchangedToken
{
    Secret token;
    QString audience;
    QString issuedTokenType;   // urn:ietf:params:oauth:token-type:access_token or :jwt
    QString tokenType;         // Bearer or N_A
    QDateTime expiresAt;
};

} // namespace Lanyard::Sso
