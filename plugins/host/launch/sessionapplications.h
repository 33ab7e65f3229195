// The clinical applications of the signed-in clinician: launched with a token exchanged for each
// application's audience, the patient on screen and the hub's details for that application; and
// kept in step with the session — a patient change reaches the applications that follow it, a
// lock hides patient data at once (plugins are told, the hub sends UserHibernate), and the end of
// a session (sign-out, card removed under the logout policy, another clinician) signs them out
// and closes them (plugins told, the hub sends UserLogout and forgets every token and the
// patient). This is where internal types become the SDK's plain values (ARCHITECTURE.md).
#pragma once

#include <lanyard/context/patient.h>
#include <lanyard/plugin/plugintypes.h>
#include <lanyard/pluginhost/pluginhost.h>
#include <lanyard/sso/secret.h>
#include <lanyard/sso/user.h>

#include <QObject>

#include <functional>
#include <memory>

namespace Lanyard::Sso {
class AuditLog;
class Session;
}
namespace Lanyard::Context {
class FhircastHub;
class PatientContext;
}

namespace Lanyard::Plugins {

class SessionApplications : public QObject
{
    Q_OBJECT
public:
    // Everything must outlive this object; patients, hub and audit may be null.
    SessionApplications(PluginHost &host, Sso::Session &session, Context::PatientContext *patients,
                        Context::FhircastHub *hub, Sso::AuditLog *audit, QObject *parent = nullptr);
    ~SessionApplications() override;

    // Fails (with a message for the clinician) when nobody is signed in, the application's
    // plugin is refused or failed, or the identity service will not issue its token.
    // An autotype application's launch fails with PluginError::NeedsEnrolment until the
    // clinician has given its username and password once: enrol() keeps them in their vault.
    void launch(const QString &id, std::function<void(Result<Plugin::LaunchedApp>)> done);
    Result<void> enrol(const QString &id, const QString &username, const Sso::Secret &password);

    QStringList launchedApplications() const; // this session's, in launch order

    static Plugin::UserContext userContext(const Sso::User &user, const Sso::Role &role);
    static Plugin::PatientContext patientContext(const Context::Patient &patient);

signals:
    // After a role switch: these applications are closing, to start again with the new role.
    void relaunching(const QStringList &ids);
    // One of them started again (problem empty) or could not (problem says why).
    void relaunched(const QString &id, const QString &problem, bool signedIn);

private:
    void relaunchNext();

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Plugins
