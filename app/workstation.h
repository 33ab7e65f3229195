// The parts of one workstation, built from its configuration and wired together as
// ARCHITECTURE.md draws them: the card reader monitor drives the session; the session's token
// reaches PDS; the patient context feeds the hub and the applications; the audit log records it
// all. No widgets here: the shell's windows only show and drive these.
#pragma once

#include "shellconfig.h"

#include <lanyard/context/fhircasthub.h>
#include <lanyard/context/patientcontext.h>
#include <lanyard/context/pdsclient.h>
#include <lanyard/pluginhost/pluginhost.h>
#include <lanyard/smartcard/readermonitor.h>
#include <lanyard/sso/auditlog.h>
#include <lanyard/sso/session.h>

#include <memory>

namespace Lanyard::Plugins {
class SessionApplications;
}

namespace Lanyard::Shell {

class Workstation
{
public:
    // Opens the audit log and makes the hub, not yet listening; the clock must outlive the
    // workstation (tests pass a ManualClock). Nothing runs until start(), or its two halves.
    static Result<std::unique_ptr<Workstation>> create(ShellConfig config, const Sso::Clock &clock);
    ~Workstation();

    Result<void> start(); // watchCards(), then startServices()
    // The card monitor: the lock screen needs it from its first moment (a card may be in already).
    void watchCards();
    // The hub's port and the plugins, which nobody needs before a sign-in: the shell starts them
    // once its lock screen is painted (its cold start, bench/README.md). An error when the hub
    // cannot listen; again after success, nothing.
    Result<void> startServices();

    const ShellConfig &config() const { return m_config; }
    Smartcard::ReaderMonitor &monitor() { return m_monitor; }
    Sso::AuditLog &audit() { return *m_audit; }
    Sso::Session &session() { return *m_session; }
    Context::PdsClient &pds() { return *m_pds; }
    Context::PatientContext &patients() { return *m_patients; }
    Context::FhircastHub &hub() { return *m_hub; }
    Plugins::PluginHost &plugins() { return *m_plugins; }
    Plugins::SessionApplications &applications() { return *m_applications; }

private:
    explicit Workstation(ShellConfig config);

    ShellConfig m_config;
    Smartcard::ReaderMonitor m_monitor;
    std::unique_ptr<Sso::AuditLog> m_audit;
    std::unique_ptr<Sso::Session> m_session;
    std::unique_ptr<Context::FhircastHub> m_hub;
    std::unique_ptr<Context::PdsClient> m_pds;
    std::unique_ptr<Context::AllergyClient> m_allergies;
    std::unique_ptr<Context::PatientContext> m_patients;
    std::unique_ptr<Plugins::PluginHost> m_plugins;
    std::unique_ptr<Plugins::SessionApplications> m_applications;
};

} // namespace Lanyard::Shell
