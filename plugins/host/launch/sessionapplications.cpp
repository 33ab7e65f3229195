#include "sessionapplications.h"

#include <lanyard/context/fhircasthub.h>
#include <lanyard/context/patientcontext.h>
#include <lanyard/pluginhost/pluginerror.h>
#include <lanyard/sso/auditlog.h>
#include <lanyard/sso/session.h>

#include <QLoggingCategory>
#include <QSysInfo>

namespace Lanyard::Plugins {

namespace {

Q_LOGGING_CATEGORY(lcApplications, "lanyard.plugins.session")

// Native and web applications verify the token themselves: a JWT they can check offline.
const QString JwtTokenType = QStringLiteral("urn:ietf:params:oauth:token-type:jwt");

void wipe(Plugin::LaunchRequest &request)
{
    request.token.token.fill('\0');
    request.hub.token.fill('\0');
    request.identitySession.cookies.fill('\0');
    request.login.password.fill('\0');
}

} // namespace

class SessionApplications::Private
{
public:
    SessionApplications *q;
    PluginHost &host;
    Sso::Session &session;
    Context::PatientContext *patients;
    Context::FhircastHub *hub;
    Sso::AuditLog *audit;
    QString owner; // whose applications are running
    QStringList launched; // this session's applications, in launch order
    QStringList relaunch; // to start again with the new role's tokens once the old have closed

    void record(Sso::AuditEvent event, QJsonObject detail)
    {
        if (!audit)
            return;
        Sso::AuditEntry entry;
        entry.event = event;
        entry.user = session.user().uid;
        entry.userName = session.user().name;
        entry.role = session.role().id;
        entry.detail = std::move(detail);
        if (auto written = audit->append(entry); !written)
            qCWarning(lcApplications) << "audit:" << written.error().message;
    }

    // Every application of the session signs out and closes; nothing of it is left for the next.
    void endApplications()
    {
        // UserLogout first, so applications that follow the hub sign themselves out before their
        // plugins end them.
        if (hub) {
            hub->userLogout();
            hub->revokeAllTokens();
        }
        host.sessionEnded();
        if (patients)
            patients->clear();
        owner.clear();
        launched.clear();
        relaunch.clear();
    }

    // A role change: the applications sign out and close (their tokens are the old role's),
    // and start again, signed in with the new role, once they have gone. The patient stays.
    void switchRole()
    {
        relaunch = launched;
        launched.clear();
        if (relaunch.isEmpty())
            return;
        if (hub) {
            hub->userLogout();
            hub->revokeAllTokens();
        }
        host.sessionEnded();
    }
};

SessionApplications::SessionApplications(PluginHost &host, Sso::Session &session,
                                         Context::PatientContext *patients,
                                         Context::FhircastHub *hub, Sso::AuditLog *audit,
                                         QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(Private{this, host, session, patients, hub, audit, {}, {}, {}}))
{
    connect(&session, &Sso::Session::sessionLocked, this, [this] {
        d->host.sessionLocked(); // hide patient data now
        if (d->hub)
            d->hub->userHibernate();
    });
    connect(&session, &Sso::Session::sessionUnlocked, this, [this] {
        // Back from a lock: the applications show the session's patient again (FHIRcast has no
        // "wake" event; the patient is announced afresh, to the hub and to the plugins).
        if (!d->patients || !d->patients->patient())
            return;
        const Context::Patient patient = *d->patients->patient();
        if (d->hub)
            d->hub->openPatient(patient.resource);
        d->host.patientContextChanged(patientContext(patient));
    });
    connect(&session, &Sso::Session::sessionEnded, this, [this] { d->endApplications(); });
    connect(&session, &Sso::Session::roleSwitched, this, [this] {
        d->switchRole();
        emit relaunching(d->relaunch);
    });
    connect(&host, &PluginHost::sessionCleanedUp, this, [this] { relaunchNext(); });
    connect(&session, &Sso::Session::sessionStarted, this, [this](const Sso::User &user) {
        // Never two clinicians' applications: another one's still running are ended first.
        if (!d->owner.isEmpty() && d->owner != user.uid)
            d->endApplications();
    });
    if (patients) {
        connect(patients, &Context::PatientContext::patientChanged, this,
                [this](const std::optional<Context::Patient> &patient) {
                    d->host.patientContextChanged(patient ? patientContext(*patient)
                                                          : Plugin::PatientContext{});
                    if (patient)
                        d->record(Sso::AuditEvent::PatientContextChanged,
                                  {{QStringLiteral("nhs_number"), patient->nhsNumber}});
                });
    }
}

SessionApplications::~SessionApplications() = default;

// One at a time, in the order they were first opened: an application typed into (autotype) must
// keep the keyboard until it is signed in, so the next one's window waits.
void SessionApplications::relaunchNext()
{
    if (d->relaunch.isEmpty())
        return;
    const QString id = d->relaunch.takeFirst();
    launch(id, [this, id](Result<Plugin::LaunchedApp> launched) {
        emit relaunched(id, launched.ok() ? QString() : launched.error().message,
                        launched.ok() && launched->signedIn);
        relaunchNext();
    });
}

QStringList SessionApplications::launchedApplications() const
{
    return d->launched;
}

Plugin::UserContext SessionApplications::userContext(const Sso::User &user, const Sso::Role &role)
{
    Plugin::UserContext context;
    context.uid = user.uid;
    context.name = user.name;
    context.roleId = role.id;
    context.roleName = role.name;
    context.roleCode = role.code;
    context.organisationCode = role.organisation.code;
    context.organisationName = role.organisation.name;
    return context;
}

Plugin::PatientContext SessionApplications::patientContext(const Context::Patient &patient)
{
    Plugin::PatientContext context;
    context.nhsNumber = patient.nhsNumber;
    context.family = patient.family;
    context.given = patient.given;
    context.title = patient.title;
    context.birthDate = patient.birthDate.value_or(QDate());
    context.gender = patient.gender;
    context.deceased = patient.deceased.has_value();
    context.restricted = patient.restricted;
    context.resource = patient.resource; // already without address etc. when restricted
    return context;
}

Result<void> SessionApplications::enrol(const QString &id, const QString &username,
                                        const Sso::Secret &password)
{
    const PluginEntry entry = d->host.plugin(id);
    if (entry.manifest.signIn != SignIn::Autotype) {
        return Error::make(PluginError::NotRunning,
                           QStringLiteral("%1 does not sign in with a username and password typed "
                                          "by Lanyard, so there is nothing to enrol.")
                               .arg(entry.manifest.name.isEmpty() ? id : entry.manifest.name));
    }
    return d->session.storeLogin(id, username, password);
}

void SessionApplications::launch(const QString &id,
                                 std::function<void(Result<Plugin::LaunchedApp>)> done)
{
    const PluginEntry entry = d->host.plugin(id);
    if (entry.manifest.id.isEmpty() || entry.state != PluginState::Available) {
        done(Error::make(PluginError::NotRunning,
                         entry.reason.isEmpty()
                             ? QStringLiteral("There is no application \"%1\" on this workstation.").arg(id)
                             : entry.reason));
        return;
    }
    if (d->session.state() != Sso::Session::State::Active) {
        done(Error::make(PluginError::NotRunning,
                         QStringLiteral("Sign in with your smartcard to open %1.").arg(entry.manifest.name)));
        return;
    }
    auto request = std::make_shared<Plugin::LaunchRequest>();
    request->user = userContext(d->session.user(), d->session.role());
    request->workstation = QSysInfo::machineHostName();
    if (d->patients && d->patients->patient())
        request->patient = patientContext(*d->patients->patient());
    if (entry.manifest.signIn == SignIn::Web && entry.builtin) {
        // Only Lanyard's own browser gets the IdP session: with it, any client could be signed in.
        request->identitySession.issuer = d->session.issuer();
        request->identitySession.cookies = d->session.identitySessionCookies().bytes();
    }
    if (entry.manifest.signIn == SignIn::Autotype) {
        if (!d->session.hasStoredLogin(id)) {
            done(Error::make(PluginError::NeedsEnrolment,
                             QStringLiteral("Enter your username and password for %1 once; "
                                            "Lanyard keeps them sealed to your smartcard and "
                                            "signs you in from then on.")
                                 .arg(entry.manifest.name)));
            return;
        }
        auto login = d->session.storedLogin(id);
        if (!login) {
            done(login.error());
            return;
        }
        request->login.username = login->username;
        request->login.password = login->password.bytes();
    }
    if (d->hub) {
        request->hub.url = d->hub->url();
        request->hub.topic = d->hub->topic();
        request->hub.token = d->hub->issueToken(id);
    }
    const QString name = entry.manifest.name;
    const auto start = [this, id, name, request, done] {
        d->host.launch(id, *request, [this, id, name, request, done](Result<Plugin::LaunchedApp> launched) {
            wipe(*request);
            if (launched) {
                d->owner = request->user.uid;
                if (!d->launched.contains(id))
                    d->launched << id;
                d->record(Sso::AuditEvent::AppLaunched, {{QStringLiteral("application"), id},
                                                         {QStringLiteral("name"), name}});
            }
            done(std::move(launched));
        });
    };
    if (entry.manifest.audience.isEmpty()) {
        start(); // an application that signs in by other means (autotype, none)
        return;
    }
    d->session.exchangeToken(entry.manifest.audience, JwtTokenType, this,
                             [request, start, done](Result<Sso::ExchangedToken> token) {
                                 if (!token) {
                                     done(token.error());
                                     return;
                                 }
                                 request->token.token = token->token.bytes();
                                 request->token.audience = token->audience;
                                 request->token.issuedTokenType = token->issuedTokenType;
                                 request->token.expiresAt = token->expiresAt;
                                 start();
                             });
}

} // namespace Lanyard::Plugins
