// The sso module's error codes, carried in Lanyard::Error::code. The message is always the part a
// clinician or IT desk reads; the code lets callers (the session, the shell) decide what to do.
#pragma once

namespace Lanyard::Sso {

enum class SsoError {
    None = 0,
    // Distinct from the smartcard module's codes, so an Error passed through is never misread.
    Configuration = 100,       // a setting is missing or wrong: the IT desk must fix it
    Network,             // the IdP could not be reached (DNS, refused, reset)
    Timeout,             // the IdP did not answer within the configured time
    TlsUntrusted,        // the IdP's TLS certificate failed verification against the CA bundle
    IdpRefused,          // the IdP said no (certificate refused, unknown account, invalid_grant)
    IdpProtocol,         // the IdP answered something that is not what OpenID Connect expects
    InvalidToken,        // an ID token or JWT failed validation (signature, claims)
    UnknownSigningKey,   // a JWS names a `kid` the JWKS does not hold (refetch once, then fail)
    NoRoles,             // the clinician holds no role: no session
    CardRemoved,         // the card left during the operation
    Card,                // a card or passcode error (the smartcard module's message is kept)
    Cancelled,           // the operation was aborted by the session (user switch, shutdown)
    AuditUnavailable,    // the audit log cannot be written: refuse rather than act unaudited
    SessionEnded,        // the IdP session or refresh token is gone: sign in again
    Io,                  // a local file could not be read or written
};

} // namespace Lanyard::Sso
