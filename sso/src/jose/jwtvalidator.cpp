#include <lanyard/sso/jwtvalidator.h>

#include <lanyard/sso/ssoerror.h>

#include "tokenerror.h"

#include <QJsonArray>

#include <cmath>

namespace Lanyard::Sso {

using namespace Internal;

namespace {

// Dates beyond year 9999 are refused, which also keeps the conversion to milliseconds in range.
constexpr double latestNumericDate = 253402300799.0;

QString claimString(const QJsonObject &claims, const char *name)
{
    return claims.value(QLatin1StringView(name)).toString();
}

Error configurationError(const QString &setting)
{
    return Error::make(SsoError::Configuration,
                       tr("Sign-in is misconfigured: the identity service's %1 is not set "
                          "correctly. Call the IT service desk.")
                           .arg(setting));
}

// An unset issuer or audience would make every token's claim "match" an empty string or none.
Result<void> checkRules(const JwtRules &rules)
{
    if (rules.issuer.isEmpty())
        return configurationError(tr("issuer"));
    if (rules.audience.isEmpty())
        return configurationError(tr("client id"));
    if (!rules.now.isValid() || rules.leeway.count() < 0 || rules.maxAge.count() < 0)
        return configurationError(tr("clock or time limits"));
    return {};
}

// RFC 7519 §2 NumericDate: seconds since 1970 UTC, possibly fractional. std::nullopt when the
// claim is absent; an error when it is there but not such a number.
Result<std::optional<double>> numericDate(const QJsonObject &claims, const char *name)
{
    const QJsonValue value = claims.value(QLatin1StringView(name));
    if (value.isUndefined())
        return std::optional<double>();
    const double seconds = value.toDouble(-1);
    if (!value.isDouble() || !std::isfinite(seconds) || seconds < 0
        || seconds > latestNumericDate) {
        return tokenError(TokenProblem::Malformed, QLatin1StringView(name));
    }
    return std::optional<double>(seconds);
}

QDateTime toDateTime(double seconds)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(std::floor(seconds * 1000)), Qt::UTC);
}

// RFC 7519 §4.1.3: "aud" is one string or an array of them.
Result<QStringList> audiences(const QJsonObject &claims)
{
    const QJsonValue aud = claims.value(QLatin1StringView("aud"));
    if (aud.isString())
        return QStringList { aud.toString() };
    QStringList list;
    for (const QJsonValue &entry : aud.toArray()) {
        if (!entry.isString())
            return tokenError(TokenProblem::Malformed, QStringLiteral("aud"));
        list << entry.toString();
    }
    return list;
}

// RFC 7519 §4.1.4, §4.1.5, §4.1.6, with the leeway for clock skew RFC 7519 allows.
Result<void> checkTimes(const QJsonObject &claims, const JwtRules &rules)
{
    const auto exp = numericDate(claims, "exp");
    const auto nbf = numericDate(claims, "nbf");
    const auto iat = numericDate(claims, "iat");
    for (const auto *date : { &exp, &nbf, &iat }) {
        if (!*date)
            return date->error();
    }
    const double now = double(rules.now.toMSecsSinceEpoch()) / 1000;
    const auto leeway = double(rules.leeway.count());
    if (!exp.value())
        return tokenError(TokenProblem::MissingClaim, QStringLiteral("exp"));
    if (now >= *exp.value() + leeway)
        return tokenError(TokenProblem::Expired, QStringLiteral("exp"));
    if (nbf.value() && *nbf.value() > now + leeway)
        return tokenError(TokenProblem::NotYetValid, QStringLiteral("nbf"));
    if (!iat.value())
        return tokenError(TokenProblem::MissingClaim, QStringLiteral("iat"));
    if (*iat.value() > now + leeway)
        return tokenError(TokenProblem::IssuedInFuture, QStringLiteral("iat"));
    if (rules.maxAge.count() > 0 && *iat.value() < now - double(rules.maxAge.count()) - leeway)
        return tokenError(TokenProblem::TooOld, QStringLiteral("iat"));
    return {};
}

// OpenID Connect Core 1.0 §3.1.3.7 items 4 and 5: with several audiences the token must say
// which client asked for it, and a token naming another client is not ours.
Result<void> checkAuthorizedParty(const QJsonObject &claims, const IdTokenRules &rules)
{
    const auto aud = audiences(claims);
    const QJsonValue azp = claims.value(QLatin1StringView("azp"));
    if ((aud && aud->size() > 1 && azp.isUndefined())
        || (!azp.isUndefined() && azp != QJsonValue(rules.audience))) {
        return tokenError(TokenProblem::AuthorizedParty, QStringLiteral("azp"));
    }
    return {};
}

// OpenID Connect Core 1.0 §2 ("sub" is required) and §3.1.3.7 items 11 and 12 (nonce, acr).
Result<void> checkIdTokenClaims(const QJsonObject &claims, const IdTokenRules &rules)
{
    if (auto azp = checkAuthorizedParty(claims, rules); !azp)
        return azp;
    if (claimString(claims, "sub").isEmpty())
        return tokenError(TokenProblem::MissingClaim, QStringLiteral("sub"));
    if (!rules.nonce.isEmpty()
        && claims.value(QLatin1StringView("nonce")) != QJsonValue(rules.nonce)) {
        return tokenError(TokenProblem::Nonce, QStringLiteral("nonce"));
    }
    if (!rules.minimumAcr.isEmpty()) {
        const int level = acrLevel(claimString(claims, "acr"));
        if (level < 0 || level < acrLevel(rules.minimumAcr))
            return tokenError(TokenProblem::Acr, QStringLiteral("acr"));
    }
    return {};
}

} // namespace

Result<QJsonObject> validateJwt(const QByteArray &jwt, const Jwks &keys, const JwtRules &rules)
{
    if (auto valid = checkRules(rules); !valid)
        return valid.error();
    auto verified = verifyJws(jwt, keys, rules.allowedAlgorithms);
    if (!verified)
        return verified.error();
    const QJsonObject &claims = verified->payload;
    // RFC 7519 §4.1.1 and OpenID Connect Core 1.0 §3.1.3.7 item 2: an exact string match.
    if (claims.value(QLatin1StringView("iss")) != QJsonValue(rules.issuer))
        return tokenError(TokenProblem::Issuer, QStringLiteral("iss"));
    const auto aud = audiences(claims);
    if (!aud)
        return aud.error();
    if (!aud->contains(rules.audience))
        return tokenError(TokenProblem::Audience, QStringLiteral("aud"));
    if (auto times = checkTimes(claims, rules); !times)
        return times.error();
    return claims;
}

Result<IdToken> validateIdToken(const QByteArray &jwt, const Jwks &keys, const IdTokenRules &rules)
{
    if (!rules.minimumAcr.isEmpty() && acrLevel(rules.minimumAcr) < 0)
        return configurationError(tr("minimum authentication level (acr)"));
    auto claims = validateJwt(jwt, keys, rules);
    if (!claims)
        return claims.error();
    if (auto valid = checkIdTokenClaims(*claims, rules); !valid)
        return valid.error();
    const auto authTime = numericDate(*claims, "auth_time");
    if (!authTime)
        return authTime.error();

    IdToken token;
    token.subject = claimString(*claims, "sub");
    token.sessionId = claimString(*claims, "sid");
    token.acr = claimString(*claims, "acr");
    token.uid = claimString(*claims, "uid"); // CIS2: the user's UUID
    token.selectedRoleId = claimString(*claims, "selected_roleid"); // CIS2: the chosen role
    token.name = claimString(*claims, "name");
    token.givenName = claimString(*claims, "given_name");
    token.familyName = claimString(*claims, "family_name");
    for (const QJsonValue &method : claims->value(QLatin1StringView("amr")).toArray()) {
        if (method.isString())
            token.amr << method.toString();
    }
    // checkTimes() has made sure both are there and in range.
    token.issuedAt = toDateTime(claims->value(QLatin1StringView("iat")).toDouble());
    token.expiresAt = toDateTime(claims->value(QLatin1StringView("exp")).toDouble());
    if (authTime.value())
        token.authTime = toDateTime(*authTime.value());
    token.claims = std::move(claims).value();
    return token;
}

int acrLevel(const QString &acr)
{
    // "AAL" and one digit, alone or with a qualifier after an underscore.
    if (acr.size() < 4 || !acr.startsWith(u"AAL") || acr.at(3) < u'0' || acr.at(3) > u'9')
        return -1;
    if (acr.size() > 4 && (acr.at(4) != u'_' || acr.size() == 5))
        return -1;
    return acr.at(3).unicode() - u'0';
}

} // namespace Lanyard::Sso
