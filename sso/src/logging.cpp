#include "logging.h"

namespace Lanyard::Sso::Internal {
Q_LOGGING_CATEGORY(lcHttp, "lanyard.sso.http")
Q_LOGGING_CATEGORY(lcOidc, "lanyard.sso.oidc")
Q_LOGGING_CATEGORY(lcSession, "lanyard.sso.session")
} // namespace Lanyard::Sso::Internal
