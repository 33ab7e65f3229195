#pragma once

#include <QLoggingCategory>

namespace Lanyard::Sso::Internal {
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcOidc)
Q_DECLARE_LOGGING_CATEGORY(lcSession)
} // namespace Lanyard::Sso::Internal
