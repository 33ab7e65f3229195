#include "pds/pdslogging.h"

namespace Lanyard::Context::Internal {
Q_LOGGING_CATEGORY(lcPds, "lanyard.context.pds")
} // namespace Lanyard::Context::Internal
