#include <lanyard/context/contextconfig.h>

#include <lanyard/settingvalues.h>

#include <QFileInfo>

namespace Lanyard::Context {

namespace {

Error badValue(const QString &key, const QString &value, const QString &expected)
{
    return badSetting(ContextError::Configuration, key, value, expected);
}

// [group] base, ca_bundle, connect_timeout, request_timeout, max_requests_per_second.
Result<PdsSettings> endpoint(QSettings &settings, const QString &group, const QString &caFallback)
{
    const auto key = [&](const char *name) { return group + QLatin1Char('/') + QLatin1String(name); };
    const auto text = [&](const char *name) { return settings.value(key(name)).toString().trimmed(); };
    PdsSettings endpoint;
    endpoint.base = QUrl(text("base"));
    if (endpoint.base.scheme() != QLatin1String("https") || endpoint.base.host().isEmpty())
        return badValue(key("base"), text("base"),
                        QStringLiteral("the FHIR endpoint's https address, e.g. "
                                       "https://api.service.nhs.uk/personal-demographics/FHIR/R4"));
    endpoint.caBundle = settings.contains(key("ca_bundle")) ? text("ca_bundle") : caFallback;
    if (!QFileInfo(endpoint.caBundle).isReadable())
        return badValue(key("ca_bundle"), endpoint.caBundle,
                        QStringLiteral("a readable PEM file of the certificate authorities that "
                                       "issue the endpoint's TLS certificate"));
    for (const auto &[name, target] :
         {std::pair{"connect_timeout", &endpoint.connectTimeout},
          std::pair{"request_timeout", &endpoint.requestTimeout}}) {
        if (!settings.contains(key(name)))
            continue;
        const auto parsed = parseDuration(text(name));
        if (!parsed || parsed->count() == 0)
            return badValue(key(name), text(name), QStringLiteral("a time above zero, e.g. 10 or 10s"));
        *target = *parsed;
    }
    if (settings.contains(key("max_requests_per_second"))) {
        bool ok = false;
        const int rate = text("max_requests_per_second").toInt(&ok);
        if (!ok || rate < 1 || rate > 100)
            return badValue(key("max_requests_per_second"), text("max_requests_per_second"),
                            QStringLiteral("a whole number from 1 to 100 (PDS allows 5 by default)"));
        endpoint.maxRequestsPerSecond = rate;
    }
    return endpoint;
}

} // namespace

Result<ContextConfig> ContextConfig::fromSettings(QSettings &settings)
{
    ContextConfig config;
    auto pds = endpoint(settings, QStringLiteral("pds"), settings.value(QStringLiteral("idp/ca_bundle")).toString());
    if (!pds)
        return pds.error();
    config.pds = *pds;
    if (settings.contains(QStringLiteral("allergies/base"))) {
        auto allergies = endpoint(settings, QStringLiteral("allergies"), config.pds.caBundle);
        if (!allergies)
            return allergies.error();
        config.allergies = *allergies;
    }
    if (settings.contains(QStringLiteral("hub/port"))) {
        bool ok = false;
        const QString text = settings.value(QStringLiteral("hub/port")).toString().trimmed();
        const uint port = text.toUInt(&ok);
        if (!ok || port > 65535)
            return badValue(QStringLiteral("hub/port"), text,
                            QStringLiteral("a port number, or 0 for any free port"));
        config.hub.port = quint16(port);
    }
    return config;
}

} // namespace Lanyard::Context
