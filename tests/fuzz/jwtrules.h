// The rules both JWT fuzzers validate against: those of tests/auto/sso/tst_jwtvalidator.cpp, so
// its tokens' claims make good seeds (issued 2025-03-01 10:00 UTC, for lanyard-workstation).
#pragma once

#include <lanyard/sso/jwtvalidator.h>

namespace Lanyard::Fuzz {

inline Sso::IdTokenRules idTokenRules()
{
    using namespace std::chrono_literals;
    Sso::IdTokenRules rules;
    rules.issuer = QStringLiteral("https://idp.test/realms/nhs");
    rules.audience = QStringLiteral("lanyard-workstation");
    rules.now = QDateTime(QDate(2025, 3, 1), QTime(10, 0), Qt::UTC);
    rules.leeway = 60s;
    rules.maxAge = 600s;
    rules.nonce = QStringLiteral("n-0S6_WzA2Mj");
    rules.minimumAcr = QStringLiteral("AAL3_ANY");
    return rules;
}

} // namespace Lanyard::Fuzz
