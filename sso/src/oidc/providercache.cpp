#include "oidc/providercache.h"

#include "logging.h"

#include <lanyard/sso/ssoerror.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace Lanyard::Sso::Internal {

namespace {

Error protocolError(const QString &what)
{
    return Error::make(SsoError::IdpProtocol,
                       QStringLiteral("The NHS identity service answered in a way Lanyard cannot "
                                      "use (%1) — call the IT service desk.")
                           .arg(what));
}

QUrl endpoint(const QJsonObject &document, const char *name)
{
    const QUrl url(document.value(QLatin1String(name)).toString());
    return url.isValid() && url.scheme() == QLatin1String("https") ? url : QUrl();
}

} // namespace

Result<QJsonObject> jsonBody(const HttpResponse &response, const QString &step)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return protocolError(QStringLiteral("%1: HTTP %2, not a JSON object")
                                 .arg(step)
                                 .arg(response.status));
    return document.object();
}

ProviderCache::ProviderCache(IdpSettings settings, const Clock &clock)
    : m_settings(std::move(settings)), m_clock(clock)
{}

void ProviderCache::forget()
{
    QMutexLocker lock(&m_mutex);
    m_metadata.reset();
    m_keys = Jwks();
}

Result<ProviderMetadata> ProviderCache::metadata(HttpSession &http)
{
    QMutexLocker lock(&m_mutex);
    const QDateTime now = m_clock.now();
    if (m_metadata && m_fetchedAt.secsTo(now) >= 0
        && m_fetchedAt.secsTo(now) < qint64(m_settings.discoveryLifetime.count()))
        return *m_metadata;

    if (!m_settings.issuer.isValid() || m_settings.issuer.scheme() != QLatin1String("https"))
        return Error::make(SsoError::Configuration,
                           QStringLiteral("The identity service address (idp/issuer) is not set "
                                          "to an https address — call the IT service desk."));
    HttpRequest request;
    QString base = m_settings.issuer.toString();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    request.url = QUrl(base + QStringLiteral("/.well-known/openid-configuration"));
    request.addHeader("Accept", "application/json");
    auto response = http.perform(request);
    if (!response)
        return response.error();
    if (response->status != 200)
        return protocolError(QStringLiteral("discovery: HTTP %1").arg(response->status));
    auto document = jsonBody(*response, QStringLiteral("discovery"));
    if (!document)
        return document.error();

    ProviderMetadata metadata;
    // OIDC Discovery 1.0 §4.3: the document's issuer must be exactly the one we asked.
    metadata.issuer = QUrl(document->value(QLatin1String("issuer")).toString());
    if (document->value(QLatin1String("issuer")).toString() != m_settings.issuer.toString())
        return protocolError(QStringLiteral("discovery names issuer \"%1\", expected \"%2\"")
                                 .arg(document->value(QLatin1String("issuer")).toString(),
                                      m_settings.issuer.toString()));
    metadata.authorizationEndpoint = endpoint(*document, "authorization_endpoint");
    metadata.tokenEndpoint = endpoint(*document, "token_endpoint");
    metadata.userinfoEndpoint = endpoint(*document, "userinfo_endpoint");
    metadata.jwksUri = endpoint(*document, "jwks_uri");
    metadata.endSessionEndpoint = endpoint(*document, "end_session_endpoint");
    metadata.revocationEndpoint = endpoint(*document, "revocation_endpoint");
    if (metadata.authorizationEndpoint.isEmpty() || metadata.tokenEndpoint.isEmpty()
        || metadata.userinfoEndpoint.isEmpty() || metadata.jwksUri.isEmpty())
        return protocolError(QStringLiteral("discovery lacks an https authorization, token, "
                                            "userinfo or jwks_uri endpoint"));
    const QJsonValue methods = document->value(QLatin1String("code_challenge_methods_supported"));
    if (methods.isArray() && !methods.toArray().contains(QLatin1String("S256")))
        return protocolError(QStringLiteral("the service does not offer PKCE S256"));

    m_metadata = metadata;
    m_fetchedAt = now;
    qCInfo(lcOidc) << "discovery fetched from" << m_settings.issuer.toString();
    return metadata;
}

Result<Jwks> ProviderCache::keys(HttpSession &http, bool refetch)
{
    auto provider = metadata(http);
    if (!provider)
        return provider.error();
    QMutexLocker lock(&m_mutex);
    if (!refetch && !m_keys.isEmpty())
        return m_keys;
    HttpRequest request;
    request.url = provider->jwksUri;
    request.addHeader("Accept", "application/json");
    auto response = http.perform(request);
    if (!response)
        return response.error();
    if (response->status != 200)
        return protocolError(QStringLiteral("signing keys: HTTP %1").arg(response->status));
    auto parsed = Jwks::parse(response->body);
    if (!parsed)
        return parsed.error();
    m_keys = *parsed;
    qCInfo(lcOidc) << "signing keys fetched:" << m_keys.keyIds();
    return m_keys;
}

template<typename T, typename Validate>
Result<T> ProviderCache::withKeys(HttpSession &http, Validate validate)
{
    auto current = keys(http, false);
    if (!current)
        return current.error();
    Result<T> result = validate(*current);
    if (result || !result.error().is(SsoError::UnknownSigningKey))
        return result;
    // The IdP rotated its keys since we fetched them: fetch once more, and only once.
    qCInfo(lcOidc) << "token signed with an unknown key; fetching the signing keys again";
    auto fresh = keys(http, true);
    if (!fresh)
        return fresh.error();
    return validate(*fresh);
}

Result<IdToken> ProviderCache::validateIdToken(HttpSession &http, const QByteArray &jwt,
                                               const IdTokenRules &rules)
{
    return withKeys<IdToken>(http, [&](const Jwks &keys) {
        return Sso::validateIdToken(jwt, keys, rules);
    });
}

Result<QJsonObject> ProviderCache::validateJwt(HttpSession &http, const QByteArray &jwt,
                                               const JwtRules &rules)
{
    return withKeys<QJsonObject>(http, [&](const Jwks &keys) {
        return Sso::validateJwt(jwt, keys, rules);
    });
}

} // namespace Lanyard::Sso::Internal
