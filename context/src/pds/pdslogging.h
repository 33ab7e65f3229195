#pragma once

#include <QLoggingCategory>

namespace Lanyard::Context::Internal {
// PDS and allergy lookups: request ids, attempts and statuses only; never a token, an NHS
// number, a name or a URL (which carries the NHS number or the search terms).
Q_DECLARE_LOGGING_CATEGORY(lcPds)
} // namespace Lanyard::Context::Internal
