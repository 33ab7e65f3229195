#include "pluginlogging.h"

Q_LOGGING_CATEGORY(lcPluginHost, "lanyard.plugins.host")
