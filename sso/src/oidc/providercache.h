// The IdP's discovery document (kept at most discoveryLifetime, DOMAIN.md: an hour) and its
// signing keys (refetched once when a token names a kid we do not hold: key rotation). Shared
// by the card thread and the IdP worker, so every call is guarded.
#pragma once

#include "http/httpsession.h"

#include <lanyard/sso/clock.h>
#include <lanyard/sso/idpsettings.h>
#include <lanyard/sso/jwks.h>
#include <lanyard/sso/jwtvalidator.h>

#include <QMutex>

namespace Lanyard::Sso::Internal {

struct ProviderMetadata
{
    QUrl issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl userinfoEndpoint;
    QUrl jwksUri;
    QUrl endSessionEndpoint;  // optional
    QUrl revocationEndpoint;  // optional
};

class ProviderCache
{
public:
    ProviderCache(IdpSettings settings, const Clock &clock);

    Result<ProviderMetadata> metadata(HttpSession &http);
    // Validates with the cached keys; on an unknown kid fetches the JWKS once more and retries.
    Result<IdToken> validateIdToken(HttpSession &http, const QByteArray &jwt,
                                    const IdTokenRules &rules);
    Result<QJsonObject> validateJwt(HttpSession &http, const QByteArray &jwt,
                                    const JwtRules &rules);
    void forget(); // the next call fetches everything again

private:
    Result<Jwks> keys(HttpSession &http, bool refetch);
    template<typename T, typename Validate>
    Result<T> withKeys(HttpSession &http, Validate validate);

    const IdpSettings m_settings;
    const Clock &m_clock;
    QMutex m_mutex;
    std::optional<ProviderMetadata> m_metadata;
    QDateTime m_fetchedAt;
    Jwks m_keys;
};

// The IdP's JSON answer, or an error saying which step got something else.
Result<QJsonObject> jsonBody(const HttpResponse &response, const QString &step);

} // namespace Lanyard::Sso::Internal
