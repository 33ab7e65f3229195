// What the sso tests need from the bed beyond cards: a session configuration pointing at the
// bed's IdP, its admin hooks (delay, key rotation), token introspection as a resource server
// would do it, and a watch for secrets in every log the run wrote.
#pragma once

#include <lanyard/sso/secret.h>
#include <lanyard/sso/sessionconfig.h>

#include <QJsonObject>
#include <QString>

namespace Lanyard::Tests {

// A Result's error message for QVERIFY2, which evaluates its message even when the check passes.
template<typename T>
QByteArray why(const Result<T> &result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

namespace SsoBed {

inline const QString Reader0 = QStringLiteral("Virtual PCD 00 00");

// For initTestCase: false unless under the bed; then the secret watch is on (logging to
// logFileName among the artefacts) and both readers are empty.
bool begin(const QString &logFileName);
// For cleanup(): the card out of reader 0, the IdP answering without delay or fault.
void reset();
// The bed's IdP, CA bundle and card module; the card's trust checked locally when asked.
Sso::SessionConfig config(bool checkCertificateLocally = true);
// POST /__bed/<path> on the IdP with its admin token; false (and a warning) if it fails.
bool idpAdmin(const QString &pathAndQuery);
// RFC 7662 introspection with the bed's resource-server credentials: {"active": ...}.
QJsonObject introspect(const Sso::Secret &token);
QByteArray jwks();
// A JWT's payload, decoded without any check (to look at claims in tests).
QJsonObject unverifiedPayload(const QByteArray &jwt);

} // namespace SsoBed

// Tees every Qt message, all lanyard categories on, into an artefact file; remembers the
// secrets the test saw; at the end finds any of them in any log of the run.
namespace SecretWatch {

void install(const QString &logFileName);
// Tokens are looked for in every log, the bed's services' included. Passcodes only in what
// Lanyard wrote (the test's log and audit files): six digits turn up by chance elsewhere (the
// virtual card prints its serial number 1234567890).
void remember(const QByteArray &secret, bool lanyardLogsOnly = false);
inline void remember(const Sso::Secret &secret) { remember(secret.bytes()); }
inline void rememberPasscode(const QByteArray &digits) { remember(digits, true); }
// "file: secret #n" for each secret found in a log (the bed's logs, the artefacts, audit files
// under `extraDir`); empty when none leaked.
QStringList leaks(const QString &extraDir = {});

} // namespace SecretWatch

} // namespace Lanyard::Tests
