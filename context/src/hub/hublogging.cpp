#include "hub/hublogging.h"

namespace Lanyard::Context::Internal {
Q_LOGGING_CATEGORY(lcHub, "lanyard.context.hub")
} // namespace Lanyard::Context::Internal
