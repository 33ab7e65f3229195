#include "configkeys.h"

namespace Lanyard::Shell {

const QStringList &knownConfigKeys()
{
    static const QStringList keys{
        QStringLiteral("idp/issuer"), QStringLiteral("idp/client_id"), QStringLiteral("idp/ca_bundle"),
        QStringLiteral("idp/scopes"), QStringLiteral("idp/minimum_acr"), QStringLiteral("idp/connect_timeout"),
        QStringLiteral("idp/request_timeout"), QStringLiteral("idp/discovery_lifetime"),
        QStringLiteral("idp/refresh_margin"), QStringLiteral("idp/clock_leeway"),
        QStringLiteral("card/pkcs11_module"), QStringLiteral("card/trust_anchors"),
        QStringLiteral("card/intermediates"), QStringLiteral("card/crls"),
        QStringLiteral("card/require_revocation_check"), QStringLiteral("session/card_removal"),
        QStringLiteral("session/user_switch"), QStringLiteral("session/idle_timeout"),
        QStringLiteral("session/idle_warning"), QStringLiteral("session/grace_period"),
        QStringLiteral("audit/path"), QStringLiteral("audit/syslog"), QStringLiteral("vault/directory"),
        QStringLiteral("pds/base"), QStringLiteral("pds/ca_bundle"), QStringLiteral("pds/connect_timeout"),
        QStringLiteral("pds/request_timeout"), QStringLiteral("pds/max_requests_per_second"),
        QStringLiteral("allergies/base"), QStringLiteral("allergies/ca_bundle"),
        QStringLiteral("allergies/connect_timeout"), QStringLiteral("allergies/request_timeout"),
        QStringLiteral("allergies/max_requests_per_second"), QStringLiteral("hub/port"),
        QStringLiteral("plugins/directories"), QStringLiteral("plugins/builtin_directory"),
        QStringLiteral("plugins/applications"), QStringLiteral("plugins/allow"),
        QStringLiteral("plugins/require_signed"), QStringLiteral("plugins/trusted_keys"),
        QStringLiteral("plugins/end_timeout"), QStringLiteral("plugins/call_timeout"),
        QStringLiteral("workstation/name"), QStringLiteral("workstation/mode"),
        QStringLiteral("ui/language"), QStringLiteral("ui/high_contrast"), QStringLiteral("ui/lock_hotkey"),
        QStringLiteral("ui/grab_input"), QLatin1String(UserKeysKey)};
    return keys;
}

bool isKnownConfigKey(const QString &key)
{
    return knownConfigKeys().contains(key) || key.startsWith(QLatin1String("plugins/settings/"));
}

const QStringList &userSettableKeys()
{
    static const QStringList keys{QStringLiteral("ui/language"), QStringLiteral("ui/high_contrast")};
    return keys;
}

const QStringList &defaultUserKeys()
{
    return userSettableKeys();
}

} // namespace Lanyard::Shell
