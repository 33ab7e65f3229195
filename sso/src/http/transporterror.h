// libcurl's failures in words a clinician or IT desk can act on.
#pragma once

#include "http/httpsession.h"

#include <lanyard/sso/ssoerror.h>

#include <curl/curl.h>

namespace Lanyard::Sso::Internal {

Error transportError(CURLcode code, bool cancelled, const HttpSettings &settings);

} // namespace Lanyard::Sso::Internal
