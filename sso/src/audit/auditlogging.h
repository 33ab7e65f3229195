#pragma once

#include <QLoggingCategory>

namespace Lanyard::Sso::Internal {
Q_DECLARE_LOGGING_CATEGORY(lcAudit)
} // namespace Lanyard::Sso::Internal
