// The events' names as the log spells them: IT desks and SIEM rules match on these, so a name,
// once released, never changes.
#include <lanyard/sso/auditlog.h>

#include <array>
#include <utility>

namespace Lanyard::Sso {

namespace {

constexpr std::array<std::pair<AuditEvent, const char *>, 14> eventNames{{
    {AuditEvent::CardInserted, "card.inserted"},
    {AuditEvent::CardRemoved, "card.removed"},
    {AuditEvent::SignInSucceeded, "signin.succeeded"},
    {AuditEvent::SignInFailed, "signin.failed"},
    {AuditEvent::RoleChosen, "role.chosen"},
    {AuditEvent::Locked, "session.locked"},
    {AuditEvent::Unlocked, "session.unlocked"},
    {AuditEvent::UserSwitched, "user.switched"},
    {AuditEvent::SignedOut, "user.signedout"},
    {AuditEvent::SessionEnded, "session.ended"},
    {AuditEvent::AppLaunched, "app.launched"},
    {AuditEvent::PatientContextChanged, "patient.changed"},
    {AuditEvent::IdleWarning, "idle.warning"},
    {AuditEvent::LoginStored, "vault.stored"},
}};

} // namespace

QString auditEventName(AuditEvent event)
{
    for (const auto &[value, name] : eventNames) {
        if (value == event)
            return QLatin1String(name);
    }
    return {};
}

std::optional<AuditEvent> auditEventFromName(const QString &name)
{
    for (const auto &[value, text] : eventNames) {
        if (name == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

} // namespace Lanyard::Sso
