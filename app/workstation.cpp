#include "workstation.h"

#include "shellerror.h"

#include <lanyard/context/allergies.h>
#include <sessionapplications.h>

namespace Lanyard::Shell {

namespace {

Error hubFailed(const Error &why)
{
    return Error::make(ShellError::StartFailed,
                       QStringLiteral("The patient context hub could not start: %1").arg(why.message));
}

} // namespace

Workstation::Workstation(ShellConfig config) : m_config(std::move(config)) {}

Workstation::~Workstation()
{
    if (m_plugins)
        m_plugins->shutdown();
    m_monitor.stop();
}

Result<std::unique_ptr<Workstation>> Workstation::create(ShellConfig config, const Sso::Clock &clock)
{
    std::unique_ptr<Workstation> w(new Workstation(std::move(config)));
    const ShellConfig &c = w->m_config;

    Sso::AuditLog::Config audit = c.session.audit;
    audit.clock = &clock;
    auto opened = Sso::AuditLog::open(audit);
    if (!opened)
        return opened.error();
    w->m_audit = std::move(opened).value();

    w->m_session = std::make_unique<Sso::Session>(c.session, clock, w->m_audit.get());
    w->m_session->follow(w->m_monitor);

    auto hub = Context::FhircastHub::create(c.context.hub);
    if (!hub)
        return hubFailed(hub.error());
    w->m_hub = std::move(hub).value();

    // PDS is asked with the signed-in clinician's own token and role, afresh for every request.
    Sso::Session *session = w->m_session.get();
    const auto credentials = [session]() -> std::optional<Context::PdsCredentials> {
        const Sso::Secret token = session->accessToken();
        if (token.isEmpty())
            return std::nullopt;
        return Context::PdsCredentials{token.bytes(), session->role().id,
                                       session->role().organisation.code};
    };
    w->m_pds = std::make_unique<Context::PdsClient>(c.context.pds, credentials);
    if (c.context.allergies)
        w->m_allergies = std::make_unique<Context::AllergyClient>(*c.context.allergies, credentials);
    w->m_patients = std::make_unique<Context::PatientContext>(*w->m_pds, w->m_allergies.get(),
                                                              w->m_hub.get());
    w->m_plugins = std::make_unique<Plugins::PluginHost>(c.plugins);
    w->m_applications = std::make_unique<Plugins::SessionApplications>(
        *w->m_plugins, *w->m_session, w->m_patients.get(), w->m_hub.get(), w->m_audit.get());
    return w;
}

Result<void> Workstation::start()
{
    watchCards();
    return startServices();
}

void Workstation::watchCards() { m_monitor.start(); }

Result<void> Workstation::startServices()
{
    if (m_hub->isListening())
        return {};
    if (const auto listening = m_hub->listen(); !listening)
        return hubFailed(listening.error());
    m_plugins->start();
    return {};
}

} // namespace Lanyard::Shell
