#include "oidc/tokenclient.h"

#include "logging.h"
#include "oidc/loopbackredirect.h"
#include "oidc/signinflow.h"

#include <lanyard/sso/ssoerror.h>

#include <QRegularExpression>
#include <QUrlQuery>

namespace Lanyard::Sso::Internal {

namespace {

const QString TokenExchangeGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange");
const QString AccessTokenType = QStringLiteral("urn:ietf:params:oauth:token-type:access_token");

HttpRequest tokenPost(const QUrl &endpoint, QByteArray body)
{
    HttpRequest request;
    request.method = "POST";
    request.url = endpoint;
    request.addHeader("Accept", "application/json");
    request.body = std::move(body);
    return request;
}

// oidc-provider (like CIS2) confirms logout with a form: its action and hidden fields, then a
// POST with logout=yes. Returns the form's fields, or nothing if the page has no form.
std::optional<std::pair<QUrl, QList<QPair<QString, QByteArray>>>> logoutForm(const QByteArray &page,
                                                                             const QUrl &base)
{
    static const QRegularExpression action(QStringLiteral(R"re(<form[^>]*action="([^"]+)")re"));
    static const QRegularExpression hidden(QStringLiteral(
        R"re(<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)")re"));
    const QString html = QString::fromUtf8(page);
    const auto found = action.match(html);
    if (!found.hasMatch())
        return std::nullopt;
    QList<QPair<QString, QByteArray>> fields;
    for (auto it = hidden.globalMatch(html); it.hasNext();) {
        const auto field = it.next();
        fields.append({field.captured(1), field.captured(2).toUtf8()});
    }
    fields.append({QStringLiteral("logout"), "yes"});
    return std::make_pair(base.resolved(QUrl(found.captured(1))), fields);
}

} // namespace

Result<Tokens> refreshTokens(HttpSession &http, ProviderCache &cache, const IdpSettings &settings,
                             const Clock &clock, const Tokens &current, const QString &subject)
{
    auto provider = cache.metadata(http);
    if (!provider)
        return provider.error();
    if (current.refreshToken.isEmpty())
        return Error::make(SsoError::SessionEnded,
                           QStringLiteral("Your NHS identity session cannot be renewed — sign in "
                                          "again with your card."));
    auto response = http.perform(tokenPost(
        provider->tokenEndpoint,
        formEncode({{QStringLiteral("grant_type"), "refresh_token"},
                    {QStringLiteral("refresh_token"), current.refreshToken.bytes()},
                    {QStringLiteral("client_id"), settings.clientId.toUtf8()}})));
    if (!response)
        return response.error();
    auto tokens = tokensFromResponse(*response, clock, QStringLiteral("session renewal"));
    if (!tokens)
        return tokens.error();
    Tokens &renewed = tokens.value();
    if (renewed.refreshToken.isEmpty())
        renewed.refreshToken = current.refreshToken; // not rotated: keep using the old one
    if (renewed.idToken.isEmpty()) {
        renewed.idToken = current.idToken;
    } else {
        IdTokenRules rules;
        rules.issuer = settings.issuer.toString();
        rules.audience = settings.clientId;
        rules.now = clock.now();
        rules.leeway = settings.clockLeeway;
        rules.minimumAcr = settings.minimumAcr;
        auto idToken = cache.validateIdToken(http, renewed.idToken.bytes(), rules);
        if (!idToken)
            return idToken.error();
        if (idToken->subject != subject)
            return Error::make(SsoError::InvalidToken,
                               QStringLiteral("The renewed session is for a different person — "
                                              "sign in again, and call the IT service desk."));
    }
    return tokens;
}

Result<ExchangedToken> exchangeToken(HttpSession &http, ProviderCache &cache,
                                     const IdpSettings &settings, const Clock &clock,
                                     const Secret &accessToken, const QString &audience,
                                     const QString &requestedTokenType)
{
    auto provider = cache.metadata(http);
    if (!provider)
        return provider.error();
    QList<QPair<QString, QByteArray>> fields{
        {QStringLiteral("grant_type"), TokenExchangeGrant.toUtf8()},
        {QStringLiteral("client_id"), settings.clientId.toUtf8()},
        {QStringLiteral("subject_token"), accessToken.bytes()},
        {QStringLiteral("subject_token_type"), AccessTokenType.toUtf8()},
        {QStringLiteral("audience"), audience.toUtf8()}};
    if (!requestedTokenType.isEmpty())
        fields.append({QStringLiteral("requested_token_type"), requestedTokenType.toUtf8()});
    auto response = http.perform(tokenPost(provider->tokenEndpoint, formEncode(fields)));
    if (!response)
        return response.error();
    if (response->status != 200)
        return tokenEndpointError(*response, QStringLiteral("token for %1").arg(audience));
    auto body = jsonBody(*response, QStringLiteral("token exchange"));
    if (!body)
        return body.error();
    ExchangedToken exchanged;
    QString token = body.value().take(QLatin1String("access_token")).toString();
    exchanged.token = Secret::take(token);
    exchanged.audience = audience;
    exchanged.issuedTokenType = body->value(QLatin1String("issued_token_type")).toString();
    exchanged.tokenType = body->value(QLatin1String("token_type")).toString();
    exchanged.expiresAt = clock.now().addSecs(body->value(QLatin1String("expires_in")).toInt(300));
    // RFC 8693 §2.2.1: issued_token_type is required.
    if (exchanged.token.isEmpty() || exchanged.issuedTokenType.isEmpty())
        return Error::make(SsoError::IdpProtocol,
                           QStringLiteral("The NHS identity service's token for %1 was incomplete "
                                          "— call the IT service desk.")
                               .arg(audience));
    return exchanged;
}

Result<void> revokeToken(HttpSession &http, ProviderCache &cache, const IdpSettings &settings,
                         const Secret &token, const char *hint)
{
    auto provider = cache.metadata(http);
    if (!provider)
        return provider.error();
    if (provider->revocationEndpoint.isEmpty() || token.isEmpty())
        return {};
    auto response = http.perform(tokenPost(
        provider->revocationEndpoint,
        formEncode({{QStringLiteral("token"), token.bytes()},
                    {QStringLiteral("token_type_hint"), hint},
                    {QStringLiteral("client_id"), settings.clientId.toUtf8()}})));
    if (!response)
        return response.error();
    // RFC 7009 §2.2: 200 also for a token that was already invalid.
    if (response->status != 200)
        return tokenEndpointError(*response, QStringLiteral("revocation"));
    return {};
}

Result<void> endIdpSession(HttpSession &http, ProviderCache &cache, const IdpSettings &settings,
                           const Secret &idToken)
{
    auto provider = cache.metadata(http);
    if (!provider)
        return provider.error();
    if (provider->endSessionEndpoint.isEmpty())
        return {};
    auto redirect = LoopbackRedirect::bind(QStringLiteral("/logged-out"));
    if (!redirect)
        return redirect.error();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_id"), settings.clientId);
    query.addQueryItem(QStringLiteral("id_token_hint"), QString::fromLatin1(idToken.bytes()));
    query.addQueryItem(QStringLiteral("post_logout_redirect_uri"), (*redirect)->uri().toString());
    QUrl url = provider->endSessionEndpoint;
    url.setQuery(query.toString(QUrl::FullyEncoded));
    HttpRequest request;
    request.url = url;
    auto page = http.perform(request);
    if (!page)
        return page.error();
    if (page->status >= 300 && page->status < 400 && (*redirect)->matches(page->redirect))
        return {}; // ended without a confirmation step
    auto form = page->status == 200 ? logoutForm(page->body, url) : std::nullopt;
    if (!form)
        return Error::make(SsoError::IdpProtocol,
                           QStringLiteral("The NHS identity service did not offer to end the "
                                          "session (HTTP %1) — call the IT service desk.")
                               .arg(page->status));
    HttpRequest confirm = tokenPost(form->first, formEncode(form->second));
    auto confirmed = http.perform(confirm);
    if (!confirmed)
        return confirmed.error();
    if (confirmed->status < 300 || confirmed->status >= 400 || !(*redirect)->matches(confirmed->redirect))
        return Error::make(SsoError::IdpProtocol,
                           QStringLiteral("The NHS identity service did not confirm the end of the "
                                          "session (HTTP %1) — call the IT service desk.")
                               .arg(confirmed->status));
    qCInfo(lcOidc) << "IdP session ended";
    return {};
}

} // namespace Lanyard::Sso::Internal
