// The context module's error codes, carried in Lanyard::Error::code (distinct from the other
// modules' codes). The message is what the person at the workstation reads.
#pragma once

#include <lanyard/result.h>

namespace Lanyard::Context {

enum class ContextError {
    InvalidNhsNumber = 200, // not 10 digits, or the check digit is wrong
    Malformed,              // not FHIR JSON of the expected resource type
    NotFound,               // RESOURCE_NOT_FOUND
    Invalidated,            // INVALIDATED_RESOURCE
    AccessDenied,           // ACCESS_DENIED, 401/403
    TooManyMatches,         // TOO_MANY_MATCHES: narrow the search
    InvalidSearch,          // INVALID_SEARCH_DATA, UNSUPPORTED_SERVICE, ADDITIONAL_PROPERTIES
    InvalidValue,           // INVALID_VALUE, MISSING_VALUE, INVALID_RESOURCE_ID
    RateLimited,            // 429 TOO_MANY_REQUESTS
    ServiceUnavailable,     // 503, SERVICE_UNAVAILABLE
    ServerError,            // 5xx, SERVER_ERROR
    Network,                // unreachable, connection dropped
    Timeout,
    TlsUntrusted,
    NotSignedIn,            // no access token to send
    Configuration,
    Cancelled,
    Hub,                    // the FHIRcast hub could not start or refused a request
};

} // namespace Lanyard::Context
