#include <lanyard/sso/oidcclient.h>

#include "logging.h"
#include "oidc/providercache.h"
#include "oidc/signinflow.h"
#include "oidc/tokenclient.h"

#include <lanyard/smartcard/cardaccess.h>
#include <lanyard/sso/ssoerror.h>

#include <QThread>

namespace Lanyard::Sso {

using namespace Internal;

namespace {

SignInResult resultFrom(SignInGrant &&grant)
{
    SignInResult result;
    result.tokens = std::move(grant.tokens);
    result.user = std::move(grant.user);
    result.selectedRoleId = grant.idToken.selectedRoleId;
    result.sessionId = grant.idToken.sessionId;
    result.acr = grant.idToken.acr;
    result.amr = grant.idToken.amr;
    result.idpCookies = std::move(grant.idpCookies);
    return result;
}

Result<SignInResult> toResult(Result<SignInGrant> grant)
{
    if (!grant)
        return grant.error();
    return resultFrom(std::move(grant).value());
}

HttpSettings httpSettings(const IdpSettings &settings)
{
    return {settings.caBundle, settings.connectTimeout, settings.requestTimeout};
}

// A card error keeps the smartcard module's own message; the session knows it by SsoError::Card.
Error cardError(const Error &error)
{
    return Error::make(SsoError::Card, error.message, error.nativeCode);
}

} // namespace

class OidcClient::Private
{
public:
    Private(IdpSettings s, const Clock &c)
        : settings(std::move(s)), clock(c), cache(std::make_shared<ProviderCache>(settings, clock))
    {
        context.moveToThread(&thread);
        thread.setObjectName(QStringLiteral("lanyard-idp"));
        thread.start();
    }
    ~Private()
    {
        QMetaObject::invokeMethod(&context, [this] { http.reset(); }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }

    // Runs `work` on the IdP worker with its long-lived connection, and hands the result back.
    template<typename T>
    void post(QObject *receiver, Done<T> done, std::function<Result<T>(HttpSession &)> work)
    {
        QMetaObject::invokeMethod(
            &context,
            [this, receiver = QPointer<QObject>(receiver), done = std::move(done),
             work = std::move(work)] {
                if (!http)
                    http = std::make_unique<HttpSession>(httpSettings(settings));
                Result<T> result = work(*http);
                if (receiver)
                    QMetaObject::invokeMethod(
                        receiver.data(), [done, result] { done(result); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    const IdpSettings settings;
    const Clock &clock;
    std::shared_ptr<ProviderCache> cache;
    QThread thread;
    QObject context;
    std::unique_ptr<HttpSession> http; // lives and dies on the worker
};

OidcClient::OidcClient(IdpSettings settings, const Clock &clock, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(std::move(settings), clock))
{}

OidcClient::~OidcClient() = default;

const IdpSettings &OidcClient::settings() const
{
    return d->settings;
}

void OidcClient::forgetProvider()
{
    d->cache->forget();
}

void OidcClient::signIn(Smartcard::CardAccess &card, const QString &reader, Cancel cancel,
                        QObject *receiver, Done<SignInResult> done)
{
    card.run<SignInResult>(
        reader,
        [settings = d->settings, cache = d->cache, clock = &d->clock,
         cancel](Smartcard::TokenSession &token) -> Result<SignInResult> {
            auto certificate = token.authenticationCertificate();
            if (!certificate)
                return cardError(certificate.error());
            auto key = token.privateKey();
            if (!key)
                return cardError(key.error());
            HttpSession http(httpSettings(settings), cancel);
            if (auto presented = http.setClientCredentials(key.value(), certificate->der);
                !presented)
                return presented.error();
            auto grant = runSignIn(http, *cache, settings, *clock, SignInOptions{});
            if (!grant && cancel && cancel->load())
                return Error::make(SsoError::CardRemoved,
                                   QStringLiteral("The card was removed during sign-in, so "
                                                  "nothing was kept — insert it to try again."));
            return toResult(std::move(grant));
        },
        receiver, std::move(done));
}

void OidcClient::selectRole(const Secret &idpCookies, const QString &roleId, QObject *receiver,
                            Done<SignInResult> done)
{
    d->post<SignInResult>(receiver, std::move(done),
                       [this, idpCookies, roleId](HttpSession &) -> Result<SignInResult> {
                           // The IdP session's cookies, not the card: a fresh session of its own.
                           HttpSession http(httpSettings(d->settings));
                           http.setCookies(idpCookies.bytes());
                           SignInOptions options;
                           options.selectedRoleId = roleId;
                           options.forceLogin = false;
                           return toResult(
                               runSignIn(http, *d->cache, d->settings, d->clock, options));
                       });
}

void OidcClient::refresh(const Tokens &tokens, const QString &subject, QObject *receiver,
                         Done<Tokens> done)
{
    d->post<Tokens>(receiver, std::move(done), [this, tokens, subject](HttpSession &http) {
        return refreshTokens(http, *d->cache, d->settings, d->clock, tokens, subject);
    });
}

void OidcClient::exchange(const Secret &accessToken, const QString &audience,
                          const QString &requestedTokenType, QObject *receiver,
                          Done<ExchangedToken> done)
{
    d->post<ExchangedToken>(receiver, std::move(done),
                         [this, accessToken, audience, requestedTokenType](HttpSession &http) {
                             return exchangeToken(http, *d->cache, d->settings, d->clock,
                                                  accessToken, audience, requestedTokenType);
                         });
}

void OidcClient::revoke(const Tokens &tokens, QObject *receiver, Done<void> done)
{
    d->post<void>(receiver, std::move(done), [this, tokens](HttpSession &http) {
        auto refresh = revokeToken(http, *d->cache, d->settings, tokens.refreshToken,
                                   "refresh_token");
        auto access = revokeToken(http, *d->cache, d->settings, tokens.accessToken,
                                  "access_token");
        return refresh ? access : refresh;
    });
}

void OidcClient::signOut(const Tokens &tokens, const Secret &idpCookies, QObject *receiver,
                         Done<void> done)
{
    d->post<void>(receiver, std::move(done), [this, tokens, idpCookies](HttpSession &plain) {
        HttpSession http(httpSettings(d->settings));
        http.setCookies(idpCookies.bytes());
        auto ended = endIdpSession(http, *d->cache, d->settings, tokens.idToken);
        // Revoke even when end-session failed: tokens must not outlive the session.
        auto refresh = revokeToken(plain, *d->cache, d->settings, tokens.refreshToken,
                                   "refresh_token");
        auto access = revokeToken(plain, *d->cache, d->settings, tokens.accessToken,
                                  "access_token");
        if (!ended)
            return ended;
        if (!refresh)
            return refresh;
        return access;
    });
}

} // namespace Lanyard::Sso
