// The errors, and the one log line, for a refused token or key set. Messages are for the person
// at the workstation or the IT desk; they name the reason and never quote a token, a signature
// or a claim's value.
#pragma once

#include <lanyard/result.h>
#include <lanyard/sso/jws.h>

#include <QLoggingCategory>

namespace Lanyard::Sso::Internal {

Q_DECLARE_LOGGING_CATEGORY(lcJose)

QString tr(const char *text);

// SsoError::InvalidToken (or UnknownSigningKey for TokenProblem::UnknownKey) with the problem in
// nativeCode. detail says more for the IT desk: the claim or part concerned.
Error tokenError(TokenProblem problem, const QString &detail = {});
// The JWKS document cannot be used at all (SsoError::InvalidToken, TokenProblem::Malformed).
Error keySetError(const QString &detail);

} // namespace Lanyard::Sso::Internal
