#pragma once

#include <QLoggingCategory>

namespace Lanyard::Context::Internal {
// The hub logs application ids, event names and event ids; never a token, a patient's id or
// identifier, or any other part of a resource.
Q_DECLARE_LOGGING_CATEGORY(lcHub)
} // namespace Lanyard::Context::Internal
