#include "tokenerror.h"

#include <lanyard/sso/ssoerror.h>

#include <QCoreApplication>

namespace Lanyard::Sso::Internal {

Q_LOGGING_CATEGORY(lcJose, "lanyard.sso.jose")

QString tr(const char *text)
{
    return QCoreApplication::translate("Lanyard::Sso", text);
}

namespace {

const char *problemName(TokenProblem problem)
{
    switch (problem) {
    case TokenProblem::None:
        return "none";
    case TokenProblem::Malformed:
        return "malformed";
    case TokenProblem::Algorithm:
        return "algorithm";
    case TokenProblem::Signature:
        return "signature";
    case TokenProblem::UnknownKey:
        return "unknown key";
    case TokenProblem::Issuer:
        return "issuer";
    case TokenProblem::Audience:
        return "audience";
    case TokenProblem::AuthorizedParty:
        return "authorized party";
    case TokenProblem::Expired:
        return "expired";
    case TokenProblem::NotYetValid:
        return "not yet valid";
    case TokenProblem::IssuedInFuture:
        return "issued in the future";
    case TokenProblem::TooOld:
        return "too old";
    case TokenProblem::Nonce:
        return "nonce";
    case TokenProblem::Acr:
        return "acr";
    case TokenProblem::MissingClaim:
        return "missing claim";
    }
    return "unknown";
}

QString reason(TokenProblem problem)
{
    switch (problem) {
    case TokenProblem::None:
    case TokenProblem::Malformed:
        return tr("the identity service's token is not a well-formed signed token");
    case TokenProblem::Algorithm:
        return tr("the identity service's token is signed in a way Lanyard does not accept");
    case TokenProblem::Signature:
        return tr("the identity service's token has a signature that does not match the "
                  "service's keys, so it may have been altered");
    case TokenProblem::UnknownKey:
        return tr("the identity service's token is signed with a key the service does not "
                  "publish");
    case TokenProblem::Issuer:
        return tr("the token comes from a different identity service than this workstation "
                  "uses");
    case TokenProblem::Audience:
        return tr("the identity service's token was issued for another application");
    case TokenProblem::AuthorizedParty:
        return tr("the identity service's token was requested by another application");
    case TokenProblem::Expired:
        return tr("the identity service's token has already expired");
    case TokenProblem::NotYetValid:
        return tr("the identity service's token is not valid yet");
    case TokenProblem::IssuedInFuture:
        return tr("the identity service's token is dated in the future");
    case TokenProblem::TooOld:
        return tr("the identity service's token was issued too long ago");
    case TokenProblem::Nonce:
        return tr("the identity service's token does not belong to this sign-in attempt");
    case TokenProblem::Acr:
        return tr("the identity service did not confirm a strong enough sign-in, such as with "
                  "a smartcard");
    case TokenProblem::MissingClaim:
        return tr("the identity service's token lacks information Lanyard requires");
    }
    return {};
}

QString advice(TokenProblem problem)
{
    switch (problem) {
    case TokenProblem::Expired:
    case TokenProblem::NotYetValid:
    case TokenProblem::IssuedInFuture:
    case TokenProblem::TooOld:
        // A workstation clock off by minutes is the usual cause of these.
        return tr("Check the workstation's date and time; if they are right, call the IT "
                  "service desk.");
    case TokenProblem::UnknownKey: // the service may be rolling its keys over
    case TokenProblem::Nonce: // a stale or replayed answer; a fresh attempt gets a new one
        return tr("Try again; if it keeps happening, call the IT service desk.");
    default:
        return tr("Call the IT service desk.");
    }
}

} // namespace

Error tokenError(TokenProblem problem, const QString &detail)
{
    const QString tag = detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(detail);
    qCWarning(lcJose).noquote() << "token refused:" << QLatin1String(problemName(problem)) + tag;
    const SsoError code = problem == TokenProblem::UnknownKey ? SsoError::UnknownSigningKey
                                                              : SsoError::InvalidToken;
    return Error::make(code,
                       tr("Sign-in refused: %1%2. %3").arg(reason(problem), tag, advice(problem)),
                       int(problem));
}

Error keySetError(const QString &detail)
{
    qCWarning(lcJose).nospace() << "key set refused: " << detail;
    return Error::make(SsoError::InvalidToken,
                       tr("Sign-in is unavailable: the identity service's key set (JWKS) is "
                          "malformed (%1). Call the IT service desk.")
                           .arg(detail),
                       int(TokenProblem::Malformed));
}

} // namespace Lanyard::Sso::Internal
