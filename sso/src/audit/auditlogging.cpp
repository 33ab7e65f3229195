#include "auditlogging.h"

namespace Lanyard::Sso::Internal {
Q_LOGGING_CATEGORY(lcAudit, "lanyard.sso.audit")
} // namespace Lanyard::Sso::Internal
