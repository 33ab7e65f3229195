#include "oidc/signinflow.h"

#include "logging.h"
#include "oidc/loopbackredirect.h"

#include <lanyard/sso/ssoerror.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QUrlQuery>

#include <openssl/rand.h>

namespace Lanyard::Sso::Internal {

namespace {

constexpr int MaximumRedirects = 10;

QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    RAND_bytes(reinterpret_cast<unsigned char *>(raw.data()), bytes);
    QByteArray encoded = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    Secret::wipe(raw);
    return encoded;
}

Error refused(const QString &message, qint64 native = 0)
{
    return Error::make(SsoError::IdpRefused, message, native);
}

Error protocol(const QString &what)
{
    return Error::make(SsoError::IdpProtocol,
                       QStringLiteral("Sign-in failed: the NHS identity service %1 — call the IT "
                                      "service desk.")
                           .arg(what));
}

// The login step's refusal (the IdP checked the card's certificate and said no), in words for
// the clinician: most of these need the Registration Authority, not the IT desk.
Error loginRefusal(const HttpResponse &response)
{
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    const QString reason = body.value(QLatin1String("reason")).toString();
    qCInfo(lcOidc) << "login refused, HTTP" << response.status << "reason" << reason;
    if (reason == QLatin1String("CERT_REVOKED"))
        return refused(QStringLiteral("Your smartcard's certificate has been revoked, so the NHS "
                                      "identity service refused it — contact your Registration "
                                      "Authority."));
    if (reason == QLatin1String("CERT_HAS_EXPIRED"))
        return refused(QStringLiteral("Your smartcard's certificate has expired — contact your "
                                      "Registration Authority to renew it."));
    if (reason == QLatin1String("UNKNOWN_ACCOUNT"))
        return refused(QStringLiteral("The NHS identity service does not know this smartcard's "
                                      "owner — contact your Registration Authority."));
    if (reason == QLatin1String("NO_CLIENT_CERTIFICATE"))
        return refused(QStringLiteral("The card's certificate did not reach the NHS identity "
                                      "service — remove the card and insert it again; if it keeps "
                                      "happening, call the IT service desk."));
    if (response.status == 401 || response.status == 403)
        return refused(QStringLiteral("The NHS identity service refused this smartcard (%1) — "
                                      "contact your Registration Authority.")
                           .arg(reason.isEmpty() ? QString::number(response.status) : reason),
                       response.status);
    return protocol(QStringLiteral("answered the sign-in with HTTP %1").arg(response.status));
}

struct Authorization
{
    QByteArray code;
    ~Authorization() { Secret::wipe(code); }
};

// Follows the IdP's redirects from the authorization request to our redirect URI, one hop at a
// time, so each hop is checked and the code is read without being sent anywhere.
Result<void> authorize(HttpSession &http, const QUrl &start, const LoopbackRedirect &redirect,
                       const QByteArray &state, const QUrl &issuer, Authorization &out)
{
    QUrl url = start;
    for (int hop = 0; hop < MaximumRedirects; ++hop) {
        HttpRequest request;
        request.url = url;
        request.addHeader("Accept", "application/json");
        auto response = http.perform(request);
        if (!response)
            return response.error();
        if (response->status < 300 || response->status >= 400 || response->redirect.isEmpty())
            return loginRefusal(*response);
        const QUrl next = response->redirect;
        if (redirect.matches(next)) {
            const QUrlQuery query(next);
            if (query.hasQueryItem(QStringLiteral("error"))) {
                return refused(QStringLiteral("The NHS identity service refused the sign-in (%1) "
                                              "— call the IT service desk.")
                                   .arg(query.queryItemValue(QStringLiteral("error"))));
            }
            if (query.queryItemValue(QStringLiteral("state")).toLatin1() != state)
                return protocol(QStringLiteral("returned a sign-in for another request (state)"));
            // RFC 9207: the response names its issuer; a mix-up attack names another.
            if (query.hasQueryItem(QStringLiteral("iss"))
                && query.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded)
                       != issuer.toString())
                return protocol(QStringLiteral("returned a sign-in from another issuer (iss)"));
            out.code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded).toUtf8();
            if (out.code.isEmpty())
                return protocol(QStringLiteral("returned no authorization code"));
            return {};
        }
        if (next.scheme() != QLatin1String("https"))
            return protocol(QStringLiteral("redirected the sign-in to an insecure address"));
        url = next;
    }
    return protocol(QStringLiteral("redirected the sign-in too many times"));
}

} // namespace

Error tokenEndpointError(const HttpResponse &response, const QString &step)
{
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    const QString error = body.value(QLatin1String("error")).toString();
    qCInfo(lcOidc) << step << "refused, HTTP" << response.status << error
                   << body.value(QLatin1String("error_description")).toString();
    if (error == QLatin1String("invalid_grant"))
        return Error::make(SsoError::SessionEnded,
                           QStringLiteral("Your NHS identity session has ended — sign in again "
                                          "with your card."),
                           response.status);
    if (error == QLatin1String("invalid_target"))
        return refused(QStringLiteral("The NHS identity service will not issue a token for this "
                                      "application — call the IT service desk."),
                       response.status);
    if (!error.isEmpty())
        return refused(QStringLiteral("The NHS identity service refused the %1 (%2) — call the IT "
                                      "service desk.")
                           .arg(step, error),
                       response.status);
    return protocol(QStringLiteral("answered the %1 with HTTP %2").arg(step).arg(response.status));
}

Result<Tokens> tokensFromResponse(const HttpResponse &response, const Clock &clock,
                                  const QString &step)
{
    if (response.status != 200)
        return tokenEndpointError(response, step);
    auto body = jsonBody(response, step);
    if (!body)
        return body.error();
    QJsonObject &json = body.value();
    Tokens tokens;
    QString access = json.take(QLatin1String("access_token")).toString();
    QString refresh = json.take(QLatin1String("refresh_token")).toString();
    QString id = json.take(QLatin1String("id_token")).toString();
    tokens.accessToken = Secret::take(access);
    tokens.refreshToken = Secret::take(refresh);
    tokens.idToken = Secret::take(id);
    if (tokens.accessToken.isEmpty()
        || json.value(QLatin1String("token_type")).toString().compare(QLatin1String("Bearer"),
                                                                      Qt::CaseInsensitive)
               != 0)
        return protocol(QStringLiteral("answered the %1 without a bearer access token").arg(step));
    const int lifetime = json.value(QLatin1String("expires_in")).toInt(3600);
    tokens.accessExpiresAt = clock.now().addSecs(lifetime);
    tokens.scope = json.value(QLatin1String("scope")).toString();
    return tokens;
}

Result<SignInGrant> runSignIn(HttpSession &http, ProviderCache &cache, const IdpSettings &settings,
                              const Clock &clock, const SignInOptions &options)
{
    auto provider = cache.metadata(http);
    if (!provider)
        return provider.error();
    auto redirect = LoopbackRedirect::bind(QStringLiteral("/callback"));
    if (!redirect)
        return redirect.error();

    QByteArray verifier = randomToken(32); // RFC 7636 §4.1: 43 characters
    const QByteArray challenge = QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                                     .toBase64(QByteArray::Base64UrlEncoding
                                               | QByteArray::OmitTrailingEquals);
    const QByteArray state = randomToken(16);
    const QByteArray nonce = randomToken(16);

    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), settings.clientId);
    query.addQueryItem(QStringLiteral("redirect_uri"), (*redirect)->uri().toString());
    query.addQueryItem(QStringLiteral("scope"), settings.scopes.join(QLatin1Char(' ')));
    query.addQueryItem(QStringLiteral("state"), QString::fromLatin1(state));
    query.addQueryItem(QStringLiteral("nonce"), QString::fromLatin1(nonce));
    query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    if (options.forceLogin)
        query.addQueryItem(QStringLiteral("prompt"), QStringLiteral("login"));
    if (!options.selectedRoleId.isEmpty())
        query.addQueryItem(QStringLiteral("selected_roleid"), options.selectedRoleId);
    QUrl start = provider->authorizationEndpoint;
    start.setQuery(query.toString(QUrl::FullyEncoded));

    Authorization authorization;
    if (auto authorized = authorize(http, start, **redirect, state, settings.issuer, authorization);
        !authorized) {
        Secret::wipe(verifier);
        return authorized.error();
    }

    HttpRequest exchange;
    exchange.method = "POST";
    exchange.url = provider->tokenEndpoint;
    exchange.addHeader("Accept", "application/json");
    exchange.body = formEncode({{QStringLiteral("grant_type"), "authorization_code"},
                                {QStringLiteral("code"), authorization.code},
                                {QStringLiteral("redirect_uri"), (*redirect)->uri().toEncoded()},
                                {QStringLiteral("client_id"), settings.clientId.toUtf8()},
                                {QStringLiteral("code_verifier"), verifier}});
    Secret::wipe(verifier);
    auto answer = http.perform(exchange);
    if (!answer)
        return answer.error();
    auto tokens = tokensFromResponse(*answer, clock, QStringLiteral("sign-in"));
    if (!tokens)
        return tokens.error();
    if (tokens->idToken.isEmpty())
        return protocol(QStringLiteral("issued no ID token"));

    IdTokenRules rules;
    rules.issuer = settings.issuer.toString();
    rules.audience = settings.clientId;
    rules.now = clock.now();
    rules.leeway = settings.clockLeeway;
    rules.nonce = QString::fromLatin1(nonce);
    rules.minimumAcr = settings.minimumAcr;
    auto idToken = cache.validateIdToken(http, tokens->idToken.bytes(), rules);
    if (!idToken)
        return idToken.error();

    HttpRequest userinfo;
    userinfo.url = provider->userinfoEndpoint;
    userinfo.addHeader("Accept", "application/json");
    userinfo.addHeader("Authorization", "Bearer " + tokens->accessToken.bytes());
    auto details = http.perform(userinfo);
    if (!details)
        return details.error();
    if (details->status != 200)
        return protocol(QStringLiteral("refused the user details (HTTP %1)").arg(details->status));
    auto claims = jsonBody(*details, QStringLiteral("userinfo"));
    if (!claims)
        return claims.error();
    auto user = User::fromUserinfo(*claims, idToken->subject);
    if (!user)
        return user.error();

    QByteArray cookies = http.cookies();
    SignInGrant grant{*tokens, *idToken, *user, Secret::take(cookies)};
    qCInfo(lcOidc) << "signed in: roles" << grant.user.roles.size() << "acr" << idToken->acr;
    return grant;
}

} // namespace Lanyard::Sso::Internal
