#include <lanyard/sso/sessionconfig.h>

#include <lanyard/settingvalues.h>
#include <lanyard/sso/ssoerror.h>

#include <QFileInfo>
#include <QStandardPaths>

namespace Lanyard::Sso {

namespace {

Error badValue(const QString &key, const QString &value, const QString &expected)
{
    return badSetting(SsoError::Configuration, key, value, expected);
}

} // namespace

Result<SessionConfig> SessionConfig::fromSettings(QSettings &settings)
{
    SessionConfig config;
    const auto text = [&](const QString &key) { return settings.value(key).toString().trimmed(); };

    const QString issuer = text(QStringLiteral("idp/issuer"));
    config.idp.issuer = QUrl(issuer);
    if (issuer.isEmpty() || config.idp.issuer.scheme() != QLatin1String("https"))
        return badValue(QStringLiteral("idp/issuer"), issuer,
                        QStringLiteral("the identity service's https address, e.g. "
                                       "https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root/realms/oidc"));
    if (const QString client = text(QStringLiteral("idp/client_id")); !client.isEmpty())
        config.idp.clientId = client;
    config.idp.caBundle = text(QStringLiteral("idp/ca_bundle"));
    if (!QFileInfo(config.idp.caBundle).isReadable())
        return badValue(QStringLiteral("idp/ca_bundle"), config.idp.caBundle,
                        QStringLiteral("a readable PEM file of the certificate authorities that "
                                       "issue the identity service's TLS certificate"));
    if (settings.contains(QStringLiteral("idp/minimum_acr")))
        config.idp.minimumAcr = text(QStringLiteral("idp/minimum_acr"));
    if (settings.contains(QStringLiteral("idp/scopes")))
        config.idp.scopes = text(QStringLiteral("idp/scopes")).split(QLatin1Char(' '), Qt::SkipEmptyParts);

    struct Timing { const char *key; std::chrono::seconds *seconds; };
    std::chrono::seconds connect{5}, request{15};
    const QList<Timing> timings{
        {"idp/connect_timeout", &connect},
        {"idp/request_timeout", &request},
        {"session/idle_timeout", &config.policy.idleTimeout},
        {"session/idle_warning", &config.policy.idleWarning},
        {"session/grace_period", &config.policy.gracePeriod},
        {"idp/discovery_lifetime", &config.idp.discoveryLifetime},
        {"idp/refresh_margin", &config.idp.refreshMargin},
        {"idp/clock_leeway", &config.idp.clockLeeway}};
    for (const Timing &timing : timings) {
        const QString key = QLatin1String(timing.key);
        if (!settings.contains(key))
            continue;
        const auto parsed = parseDuration(text(key));
        if (!parsed)
            return badValue(key, text(key), QStringLiteral("a number of seconds, e.g. 30 or 10min"));
        *timing.seconds = *parsed;
    }
    if (config.idp.discoveryLifetime > std::chrono::hours(1))
        return badValue(QStringLiteral("idp/discovery_lifetime"),
                        QString::number(config.idp.discoveryLifetime.count()),
                        QStringLiteral("at most 1h: CIS2 asks clients to fetch discovery hourly"));
    if (connect.count() == 0 || request.count() == 0)
        return badValue(QStringLiteral("idp/request_timeout"), QStringLiteral("0"),
                        QStringLiteral("a time above zero: every call to the IdP needs a bound"));
    config.idp.connectTimeout = connect;
    config.idp.requestTimeout = request;

    const QString removal = text(QStringLiteral("session/card_removal"));
    if (removal == QLatin1String("logout"))
        config.policy.cardRemoval = SessionPolicy::CardRemoval::Logout;
    else if (!removal.isEmpty() && removal != QLatin1String("lock"))
        return badValue(QStringLiteral("session/card_removal"), removal, QStringLiteral("lock or logout"));
    const QString userSwitch = text(QStringLiteral("session/user_switch"));
    if (userSwitch == QLatin1String("keep-locked"))
        config.policy.userSwitch = SessionPolicy::UserSwitch::KeepLocked;
    else if (!userSwitch.isEmpty() && userSwitch != QLatin1String("end"))
        return badValue(QStringLiteral("session/user_switch"), userSwitch, QStringLiteral("end or keep-locked"));

    config.pkcs11Module = text(QStringLiteral("card/pkcs11_module"));
    if (!QFileInfo(config.pkcs11Module).isReadable())
        return badValue(QStringLiteral("card/pkcs11_module"), config.pkcs11Module,
                        QStringLiteral("the path of the card's PKCS#11 module, e.g. "
                                       "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"));
    const QStringList anchors = settings.value(QStringLiteral("card/trust_anchors")).toStringList();
    if (!anchors.isEmpty()) {
        Smartcard::CertificateValidator::Config check;
        check.trustAnchorFiles = anchors;
        check.intermediateFiles = settings.value(QStringLiteral("card/intermediates")).toStringList();
        check.crlFiles = settings.value(QStringLiteral("card/crls")).toStringList();
        check.requireRevocationCheck = settings.value(QStringLiteral("card/require_revocation_check"), false).toBool();
        config.certificateCheck = check;
    }

    config.vaultDirectory = settings.value(QStringLiteral("vault/directory"),
                                           QStandardPaths::writableLocation(
                                               QStandardPaths::GenericDataLocation)
                                               + QStringLiteral("/lanyard/vaults")).toString();
    config.audit.path = settings.value(QStringLiteral("audit/path"),
                                       QStringLiteral("/var/log/lanyard/audit.jsonl")).toString();
    const QString syslog = text(QStringLiteral("audit/syslog"));
    if (syslog == QLatin1String("true") || syslog == QLatin1String("yes"))
        config.audit.syslog = true;
    else if (!syslog.isEmpty() && syslog != QLatin1String("false") && syslog != QLatin1String("no"))
        return badValue(QStringLiteral("audit/syslog"), syslog, QStringLiteral("true or false"));
    return config;
}

} // namespace Lanyard::Sso
